// command.cpp — placeholder, being written.
