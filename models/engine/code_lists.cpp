// code_lists.cpp — placeholder, being written.
