#!/usr/bin/env python3
"""json_schema_check.py SCHEMA CSV — each row of CSV (a JSON object: its filled cells, as
strings) checked by python3-jsonschema against SCHEMA, written by `gifkit model export MODEL
-f json-schema` (docs/model-export.md). Exit 1 when a row fails."""
import csv
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)  # the schema against its metaschema
validator = jsonschema.Draft202012Validator(schema)
failed = False
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    for number, row in enumerate(csv.DictReader(f), start=2):
        record = {key: value for key, value in row.items() if value != ""}  # empty: no value
        for error in validator.iter_errors(record):
            print(f"row {number}: {error.message[:100]}")
            failed = True
sys.exit(1 if failed else 0)
