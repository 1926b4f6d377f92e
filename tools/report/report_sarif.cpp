// report_sarif.cpp — placeholder, being written.
