// utf8.cpp — placeholder, being written.
