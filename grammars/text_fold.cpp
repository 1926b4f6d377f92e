// text_fold.cpp — placeholder, being written.
