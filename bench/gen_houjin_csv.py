#!/usr/bin/env python3
"""gen_houjin_csv.py — writes N records in the National Tax Agency's 法人番号
bulk CSV format (30 columns, no header, text columns quoted, CRLF; see
../shared/data/houjin/FORMAT.md) for the registry build / lookup benchmark
(run_registry_bench.sh). Rows are shaped from the real records in
../shared/data/houjin/samples: each row takes the dates, kind, process and
close fields of one real row, the address/post code of another, and a name
and furigana made from the front of one real name and the back of another
(the first rows keep the real names unchanged), so names are mostly distinct
but their character statistics are real. Corporate numbers are distinct and
carry valid check digits (FORMAT.md §7).

  gen_houjin_csv.py ROWS OUT.csv [--sjis] [--data ../shared/data]

--sjis writes Shift_JIS (only sample text that strict shift_jis can carry).
"""
import argparse
import csv
import glob
import os
import random

TEXT_COLUMNS = {6, 9, 10, 11, 16, 21, 24, 25, 26, 27, 28}
LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社")
# Address columns moved together: pref, city, street, addressImageId, prefCode,
# cityCode, postCode, addressOutside, addressOutsideImageId, enPref, enCity, enOutside.
ADDRESS_COLUMNS = (9, 10, 11, 12, 13, 14, 15, 16, 17, 25, 26, 27)


def weight_table():
    """W[x] = Σ P_n·Q_n of the 6-digit block x (positions 1..6 from the right)."""
    table = [0] * 10**6
    for x in range(1, 10**6):
        table[x] = (x % 10) + 2 * ((x // 10) % 10) + table[x // 100]
    return table


def load_rows(data_dir, sjis):
    rows = []
    for path in sorted(glob.glob(os.path.join(data_dir, "houjin", "samples", "*.csv"))):
        if "manifest" in path:
            continue
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp932")
        for row in csv.reader(text.splitlines()):
            if len(row) != 30 or not row[6] or not row[8] or row[2] == "99":
                continue
            if sjis and not all(encodable_sjis(v) for v in row):
                continue
            rows.append(row)
    return rows


def encodable_sjis(text):
    """True if text becomes bytes that strict shift_jis (JIS X 0208) decodes."""
    try:
        text.encode("cp932").decode("shift_jis")
        return True
    except UnicodeError:
        return False


def split_name(name):
    """'東京増田医療器株式会社' -> ('', '東京増田医療器', '株式会社')."""
    for form in LEGAL_FORMS:
        if name.startswith(form) and len(name) > len(form):
            return form, name[len(form):], ""
        if name.endswith(form) and len(name) > len(form):
            return "", name[: -len(form)], form
    return "", name, ""


def quote(row):
    return ",".join(
        ('"' + v.replace('"', '""') + '"') if (i in TEXT_COLUMNS and v) else v
        for i, v in enumerate(row))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--sjis", action="store_true", help="write Shift_JIS instead of UTF-8")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                        "..", "..", "shared", "data"))
    args = parser.parse_args()
    rng = random.Random(20261122)
    rows = load_rows(args.data, args.sjis)
    if not rows:
        raise SystemExit("no sample rows found under " + args.data)
    # Only the current state, as in a bulk file.
    for row in rows:
        row[23] = "1"
    names = [split_name(r[6]) + (r[28],) for r in rows]
    addresses = [tuple(r[c] for c in ADDRESS_COLUMNS) for r in rows]
    weights = weight_table()
    n_rows = len(rows)
    with open(args.out, "w", encoding="cp932" if args.sjis else "utf-8", newline="",
              buffering=1 << 22) as out:
        write = out.write
        for i in range(args.rows):
            row = list(rows[rng.randrange(n_rows)])
            # Distinct 12-digit bases (7919 is coprime with 10**12), valid check digit.
            base = (10001000000 + i * 7919) % 10**12
            check = 9 - (weights[base % 10**6] + weights[base // 10**6]) % 9
            row[0] = str(i + 1)
            row[1] = f"{check}{base:012d}"
            if i < n_rows:
                row[6] = rows[i][6]
                row[28] = rows[i][28]
            else:
                pre, core_a, post, kana_a = names[rng.randrange(n_rows)]
                _, core_b, _, kana_b = names[rng.randrange(n_rows)]
                cut_a = max(1, len(core_a) // 2)
                cut_b = len(core_b) // 2
                row[6] = pre + core_a[:cut_a] + core_b[cut_b:] + post
                row[28] = kana_a[: max(1, len(kana_a) // 2)] + kana_b[len(kana_b) // 2:]
            for col, value in zip(ADDRESS_COLUMNS, addresses[rng.randrange(n_rows)]):
                row[col] = value
            write(quote(row))
            write("\r\n")


if __name__ == "__main__":
    main()
