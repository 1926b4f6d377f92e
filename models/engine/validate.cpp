// validate.cpp — placeholder, being written.
