// model_catalog.cpp — placeholder, being written.
