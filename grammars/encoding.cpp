// encoding.cpp — placeholder, being written.
