// report_text.cpp — placeholder, being written.
