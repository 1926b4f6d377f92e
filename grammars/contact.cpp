// contact.cpp — placeholder, being written.
