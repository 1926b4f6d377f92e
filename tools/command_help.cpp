// command_help.cpp — placeholder, being written.
