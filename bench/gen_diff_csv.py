#!/usr/bin/env python3
"""gen_diff_csv.py — writes the two versions of a 法人 dataset for the `gifkit
diff` benchmark (issue #13): OLD is gen_transform_csv.py's export of ROWS rows
(real National Tax Agency names and addresses, 12 columns, 234 bytes a row,
keyed by 法人番号（13桁）), NEW is OLD with, of every 100 rows, one removed, one
changed (its 名称 or its 番地 rewritten, alternately) and one new row added
after it (a new 法人番号) — 1 % of the rows each. With --shuffle, NEW's rows
are in another order (a fixed permutation), so that no sorted merge can help.

Deterministic (fixed seed). Prints the counts it made.

  gen_diff_csv.py ROWS OLD.csv NEW.csv [--shuffle] [--data ../shared/data]
"""
import argparse
import csv
import os
import random
import subprocess
import sys

from gen_corporate_csv import corporate_number

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--shuffle", action="store_true")
    parser.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    args = parser.parse_args()
    subprocess.run([sys.executable, os.path.join(HERE, "gen_transform_csv.py"), str(args.rows),
                    args.old, "--data", args.data], check=True)
    rng = random.Random(13)
    with open(args.old, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    used = {row[0] for row in body}
    name, block = header.index("名称"), header.index("番地")
    out = []
    removed = changed = added = 0
    serial = 10_000_000
    for i, row in enumerate(body):
        kind = i % 100
        if kind == 17:
            removed += 1
            continue
        if kind == 42:
            row = list(row)
            if (i // 100) % 2:
                row[name] = row[name] + "ホールディングス"
            else:
                row[block] = row[block] + "－２"
            changed += 1
        out.append(row)
        if kind == 71:
            new = list(body[rng.randrange(len(body))])
            number = corporate_number(serial)
            while number in used:
                serial += 1
                number = corporate_number(serial)
            used.add(number)
            serial += 1
            new[0] = number
            out.append(new)
            added += 1
    if args.shuffle:
        rng.shuffle(out)
    with open(args.new, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(out)
    print(f"{args.old}: {len(body)} rows; {args.new}: {len(out)} rows "
          f"({removed} removed, {changed} changed, {added} added)")


if __name__ == "__main__":
    main()
