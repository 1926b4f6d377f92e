// header_matcher.cpp — placeholder, being written.
