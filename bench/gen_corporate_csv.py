#!/usr/bin/env python3
"""gen_corporate_csv.py — writes a GIF 法人 (LegalEntity) CSV of N rows for the
validate benchmark. Values are shaped like the real National Tax Agency
records in ../shared/data/houjin/samples (names, kana, kinds, addresses,
postal codes are drawn from them when present); corporate numbers get valid
check digits, and a small share of rows carries the faults real exports
have (bad check digit, 和暦 date, hyphenated postal code, half-width kana).

  gen_corporate_csv.py ROWS OUT.csv [--clean] [--fault-every N] [--data ../shared/data]
"""
import argparse
import csv
import os
import random

HEADER = ["法人番号", "商号または名称", "商号または名称（カナ）", "組織種別", "設立年月日",
          "郵便番号", "都道府県", "市区町村（郡）", "町字", "番地以下", "連絡先電話番号",
          "WebサイトURL"]


def check_digit(base12):
    total = 0
    for n, ch in enumerate(reversed(base12), start=1):
        total += int(ch) * (1 if n % 2 else 2)
    return 9 - total % 9


def corporate_number(i):
    base = f"{(1010001000000 + i * 7919) % 10**12:012d}"
    return f"{check_digit(base)}{base}"


def load_samples(data_dir):
    """Name, kana, kind, pref, city, street, postcode tuples from real diff rows."""
    path = os.path.join(data_dir, "houjin", "samples", "code4fukui_gBizINFO_diff_20210714_utf8.csv")
    samples = []
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                if len(row) == 30 and row[6] and row[28] and row[15]:
                    samples.append((row[6], row[28], row[8], row[9], row[10], row[11], row[15]))
    if not samples:
        samples = [("株式会社サンプル", "サンプル", "301", "東京都", "千代田区", "霞が関１丁目３番１号",
                    "1000013")]
    return samples


HALF_KANA = str.maketrans("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン",
                          "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ")


def split_street(street):
    """'湯島２丁目６番２号' -> ('湯島２丁目', '6-2') in DS-442 form where it can."""
    folded = street.translate(str.maketrans("０１２３４５６７８９－", "0123456789-"))
    if "丁目" in folded:
        town, rest = folded.split("丁目", 1)
        town = street[: len(town)] + "丁目"
    else:
        digits = [i for i, c in enumerate(folded) if c.isdigit()]
        cut = digits[0] if digits else len(folded)
        town, rest = street[:cut], folded[cut:]
    block = rest.replace("番地", "-").replace("番", "-").replace("号", "").replace("の", "-")
    block = "".join(c for c in block if c.isdigit() or c == "-")
    block = "-".join(p for p in block.split("-") if p)
    return town, block or "1"


def phone_number(rng):
    """A phone number 0AA-LLLL-NNNN: an area code of 1 to 4 digits, 9 digits after the 0."""
    area = rng.choice(["3", "6", "45", "52", "73", "99", "280", "997"])
    local = f"{rng.randint(0, 10**(9 - len(area)) - 1):0{9 - len(area)}d}"
    return f"0{area}-{local[:-4]}-{local[-4:]}"


def write_csv(path, header, rows):
    """Writes header, then rows, as a UTF-8 CSV with CRLF line ends (as the exports have)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def faulty_row(i, every):
    """(whether row i carries a fault, which of the four) for one row in every: for a whole
    number the rows i with i % every == 7 % every, else the rows where i / every passes a
    whole number."""
    if every == int(every):
        every = int(every)
        return i % every == 7 % every, (i // every) % 4
    return int((i + 1) / every) > int(i / every), int(i / every) % 4


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--clean", action="store_true", help="no faulty rows")
    parser.add_argument("--fault-every", type=float, default=50,
                        help="one row in N carries a fault (default 50; 2: half the rows; "
                             "1.85: 54 %% of them)")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                        "shared", "data"))
    args = parser.parse_args()
    rng = random.Random(20240418)
    samples = load_samples(args.data)

    def rows():
        for i in range(args.rows):
            name, kana, kind, pref, city, street, post = samples[i % len(samples)]
            town, block = split_street(street)
            number = corporate_number(i)
            date = f"{rng.randint(1950, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            phone = phone_number(rng)
            url = f"https://www.example{i % 1000}.co.jp/"
            faulty, fault = faulty_row(i, args.fault_every)
            if not args.clean and faulty:
                if fault == 0:
                    number = number[:-1] + str((int(number[-1]) + 1) % 10)
                elif fault == 1:
                    date = "令和6年4月18日"
                elif fault == 2:
                    post = post[:3] + "-" + post[3:]
                else:
                    kana = kana.translate(HALF_KANA)
            yield [number, name, kana, kind, date, post, pref, city, town, block, phone, url]

    write_csv(args.out, HEADER, rows())


if __name__ == "__main__":
    main()
