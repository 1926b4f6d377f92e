// model.cpp — placeholder, being written.
