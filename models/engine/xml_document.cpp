// xml_document.cpp — placeholder, being written.
