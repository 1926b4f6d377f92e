#!/usr/bin/env python3
"""gen_abr_parcel.py — a large ABR 地番 table (mt_parcel_cityNNNNNN layout) made
from the real rows of 和歌山市 (../shared/data/abr/wakayama/mt_parcel_city302015.csv.zip):
COPIES copies of its 367,519 rows, copy k with k as the first digit of machiaza_id so
that every key stays unique and the file stays in key order. Every other value is the
real one, so the row shapes (empty fields, half-width kana in prc_num2, dates) are the
published ones.

Usage: gen_abr_parcel.py COPIES OUT.csv [SOURCE.zip]
"""
import io
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(HERE, "..", "..", "shared", "data", "abr", "wakayama",
                              "mt_parcel_city302015.csv.zip")


def main():
    copies = int(sys.argv[1])
    out_path = sys.argv[2]
    source = sys.argv[3] if len(sys.argv) > 3 else DEFAULT_SOURCE
    if not 1 <= copies <= 10:
        sys.exit("COPIES must be 1..10 (the first digit of machiaza_id)")
    with zipfile.ZipFile(source) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    lines = text.splitlines()
    header, rows = lines[0], [line for line in lines[1:] if line]
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        out.write(header + "\r\n")
        for k in range(copies):
            digit = str(k)
            for row in rows:
                # lg_code is 6 characters, then ',', then machiaza_id.
                out.write(row[:7] + digit + row[8:] + "\r\n")
    print(f"{out_path}: {copies * len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
