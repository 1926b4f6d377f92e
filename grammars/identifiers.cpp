// identifiers.cpp — placeholder, being written.
