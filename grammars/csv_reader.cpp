// csv_reader.cpp — placeholder, being written.
