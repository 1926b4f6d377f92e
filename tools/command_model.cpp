// command_model.cpp — placeholder, being written.
