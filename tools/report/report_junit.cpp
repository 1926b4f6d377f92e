// report_junit.cpp — placeholder, being written.
