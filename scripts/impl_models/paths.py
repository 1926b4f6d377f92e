# paths.py — where the generators read from: the guidebooks (IMPL) and the shipped models (MODELS); set by write_models.py.
IMPL = ""
MODELS = ""
