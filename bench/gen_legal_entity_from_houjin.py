#!/usr/bin/env python3
"""gen_legal_entity_from_houjin.py — writes a GIF 法人 (LegalEntity) CSV of N rows
whose 法人番号 come from an NTA 法人番号 CSV (the registry's source, e.g. made by
gen_houjin_csv.py), for the `validate --registry` benchmark
(run_validate_registry_bench.sh). Columns: 法人番号, 商号または名称, 都道府県,
市区町村（郡）, 町字以下 (the 3-item address form). Rows pick distinct registry records
at random (so lookups jump around the index); the name and address are the
registered ones, the 町字以下 of every other row rewritten in DS-442 form
(１丁目２番３号 -> 1-2-3, so the address fold runs). With --faults, 1 % of rows
have an unknown (well-formed) number, 1 % another record's name, 1 % another
record's address; closed records of the source stay closed.

  gen_legal_entity_from_houjin.py HOUJIN.csv ROWS OUT.csv [--faults]
"""
import argparse
import csv
import random
import re

HEADER = ["法人番号", "商号または名称", "都道府県", "市区町村（郡）", "町字以下"]
WIDE_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")


def check_digit(base12):
    total = sum(int(ch) * (1 if n % 2 else 2) for n, ch in enumerate(reversed(base12), start=1))
    return 9 - total % 9


def ds442(street):
    """'湯島２丁目６番２号' -> '湯島2-6-2' (half-width digits, markers to hyphens)."""
    text = street.translate(WIDE_DIGITS)
    text = re.sub(r"(?<=[0-9])(丁目|番地|番|号)(?!室)", "-", text)
    return re.sub(r"-+", "-", text).rstrip("-")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("houjin")
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--faults", action="store_true")
    args = parser.parse_args()
    rng = random.Random(20261123)
    records = []
    with open(args.houjin, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            if len(row) == 30 and row[6] and row[9]:
                records.append((row[1], row[6], row[9], row[10], row[11]))
    if not records:
        raise SystemExit("no usable records in " + args.houjin)
    with open(args.out, "w", encoding="utf-8", newline="", buffering=1 << 22) as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(HEADER)
        # Distinct records while there are enough (no duplicate keys), in random order.
        if args.rows <= len(records):
            picks = rng.sample(range(len(records)), args.rows)
        else:
            picks = [rng.randrange(len(records)) for _ in range(args.rows)]
        for i, pick in enumerate(picks):
            number, name, pref, city, street = records[pick]
            if i % 2:
                street = ds442(street)
            if args.faults and i % 100 == 31:
                base = f"{(900000000000 + i) % 10**12:012d}"  # not a generated base
                number = f"{check_digit(base)}{base}"
            elif args.faults and i % 100 == 63:
                name = records[rng.randrange(len(records))][1]
            elif args.faults and i % 100 == 95:
                _, _, pref, city, street = records[rng.randrange(len(records))]
            writer.writerow([number, name, pref, city, street])


if __name__ == "__main__":
    main()
