// report_json.cpp — placeholder, being written.
