// charset_table.cpp — placeholder, being written.
