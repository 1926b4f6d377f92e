// report_github.cpp — placeholder, being written.
