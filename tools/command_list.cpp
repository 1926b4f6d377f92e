// command_list.cpp — placeholder, being written.
