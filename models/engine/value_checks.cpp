// value_checks.cpp — placeholder, being written.
