"""cases/individual_number.py — 22.x: 個人番号 (マイナンバー) never leaves a report."""
import json
from .common import FIXTURES_DIR, task

ROOM = "checks"  # the room these cases cover (tests/rooms.txt)


# 22.x — 個人番号 (マイナンバー) never leaves (DESIGN.md §9; docs/validate.md "個人番号
# (マイナンバー)"). tests/e2e/data/individual_numbers.csv (gif:Person) holds made-up numbers given
# their check digit by 番号法施行令 第8条 (individual_number_check_digit below): 整理番号 — a
# name that says nothing — 12 valid of 13 values (a blank, a typo, one written 4-4-4), so it is
# found by its values; マイナンバー two more (4-4-4 and full-width), found by its header;
# 会員番号 random 12-digit numbers (one of 14 passes by chance): never reported; a 個人番号
# where 生年月日 belongs, which the report echoes as the bad value, and one in full-width digits in
# 氏（英字）, whose wrong-width fix would be the number in ASCII — both masked. No output of any
# format may hold any of the valid numbers, as written or as 12 digits.
INDIVIDUAL_NUMBERS = "{fixtures}/individual_numbers.csv"
VALIDATE_INDIVIDUAL_NUMBERS = ["validate", "--model", "gif:Person", INDIVIDUAL_NUMBERS]


def individual_number_check_digit(eleven):
    """番号法施行令 第8条: 11 − (Σ P_n·Q_n mod 11), P_n the n-th digit from the right, Q_n = n + 1
    for n ≤ 6 and n − 5 for n ≥ 7; 0 when the remainder is 0 or 1."""
    total = sum(int(eleven[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    return 0 if total % 11 <= 1 else 11 - total % 11


def fixture_individual_numbers(env=None):
    """Every valid 個人番号 of the fixture, as written and as 12 ASCII digits."""
    import csv
    import os
    path = os.path.join(FIXTURES_DIR, "individual_numbers.csv")
    found = set()
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f):
            for cell in row:
                digits = "".join(str(ord(c) - 0xFF10) if "０" <= c <= "９" else c
                                 for c in cell if c.isdigit())
                if (len(digits) == 12 and len(cell) <= 14
                        and individual_number_check_digit(digits[:11]) == int(digits[11])):
                    found |= {cell, digits}
    assert len(found) >= 15, f"the fixture holds {len(found)} numbers"
    return sorted(found)


def no_individual_number_in_report(report):
    text = json.dumps(report, ensure_ascii=False)
    shown = [number for number in fixture_individual_numbers() if number in text]
    return f"the report shows {shown}" if shown else None


def individual_number_columns(report):
    found = {p["column"]: p for p in task(report)["errors"] if p["code"] == "individual-number"}
    if sorted(found) != [4, 5]:
        return f"individual-number at columns {sorted(found)}, expected 4 and 5"
    if found[4]["message"] != ("整理番号 holds 個人番号 (マイナンバー): 12 of its 13 values pass the "
                               "個人番号 check digit"):
        return f"message {found[4]['message']!r}"
    if "its header names it; 2 of its 2 values" not in found[5]["message"]:
        return f"message {found[5]['message']!r}"
    if any(p["value"] for p in found.values()) or found[4]["field"] != "整理番号":
        return f"field or value {found[4]}"
    return no_individual_number_in_report(report)


INDIVIDUAL_NUMBER_CASES = [
    {"name": "22.1-validate-individual-number-by-values-and-by-header",
     "args": VALIDATE_INDIVIDUAL_NUMBERS, "exit": 1,
     "expect": [("individual-number", 1, 4), ("individual-number", 1, 5),
                ("invalid-format", 7, 3), ("wrong-width", 4, 7, "************")],
     "check": individual_number_columns},
    {"name": "22.8-validate-individual-number-skipped-still-masked",
     "args": VALIDATE_INDIVIDUAL_NUMBERS + ["--skip", "individual-number"], "exit": 1,
     "absent": ["individual-number"], "check": no_individual_number_in_report},
    {"name": "22.9-lookup-corporation-never-echoes-an-individual-number",
     "args": ["lookup", "corporation", "--registry", "{tmp}/none.db", "5210-4677-0897"], "exit": 2,
     "stderr_contains": ["'****-****-****' is not a corporate number"],
     "output_lacks": fixture_individual_numbers},
    {"name": "22.10-lookup-corporation-12-digits-never-echoed",
     "args": ["lookup", "corporation", "--registry", "{tmp}/none.db", "181721099940"], "exit": 2,
     "stderr_contains": ["'************' is not a corporate number: 12 digits; expected 13"],
     "output_lacks": fixture_individual_numbers},
    {"name": "22.11-lookup-address-never-echoes-one",
     "args": ["lookup", "address", "--registry", "{tmp}/none.db", "--lg-code", "181721099940"],
     "exit": 2, "stderr_contains": ["'************' is not a 全国地方公共団体コード"],
     "output_lacks": fixture_individual_numbers},
    {"name": "22.12-option-parse-error-never-echoes-one",
     "args": ["lookup", "corporation", "--registry", "{tmp}/none.db", "--name", "x", "--limit",
              "181721099940"], "exit": 2, "stderr_contains": ["************"],
     "output_lacks": fixture_individual_numbers},
]
for _number, _format in enumerate(["json", "ndjson", "text", "junit", "sarif", "github"], start=2):
    INDIVIDUAL_NUMBER_CASES.append({
        "name": f"22.{_number}-validate-{_format}-never-shows-an-individual-number",
        "args": VALIDATE_INDIVIDUAL_NUMBERS + ["--format", _format], "exit": 1,
        "stdout_contains": ["individual-number"], "output_lacks": fixture_individual_numbers,
        **({"format": _format} if _format != "text" else {})})
CASES = INDIVIDUAL_NUMBER_CASES
