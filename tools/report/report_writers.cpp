// report_writers.cpp — placeholder, being written.
