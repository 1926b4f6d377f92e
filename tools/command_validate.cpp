// command_validate.cpp — placeholder, being written.
