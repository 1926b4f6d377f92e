// date.cpp — placeholder, being written.
