#!/usr/bin/env python3
"""gen_person_readings.py — a gif:Person CSV of ROWS persons for the name-reading benchmark
(validate's name-reading-mismatch, docs/performance.md): 氏, 名 and, unless --no-kana, 氏（カナ）
and 名（カナ）, the names and their readings drawn (fixed seed) from NAIST-jdic's persons' names
(Debian's naist-jdic-utf8). Rules: each row a surname and a given name with one of their
dictionary readings; 1 in 50 rows a カナ of another surname (a mismatch); 1 in 20 a surname the
dictionary may not know (the first kanji of one surname and the last of another, the カナ kept:
not checked, plausible, or a mismatch where the dictionary knows the new name).

usage: gen_person_readings.py ROWS OUT [--no-kana] [--dictionary PATH]
"""
import argparse
import random
import re

LINE = re.compile(r"^\(品詞 \(名詞 固有名詞 人名 (姓|名)\)\) \(\(見出し語 \(([^ ()]+) \d+\)\) "
                  r"\(読み \{?([^ ()}]+)\}?\)")


def read(path):
    family, given = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line)
            if m and re.fullmatch(r"[一-龥々]+", m.group(2)):
                (family if m.group(1) == "姓" else given).append((m.group(2), m.group(3).split("/")))
    return family, given


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--no-kana", action="store_true")
    parser.add_argument("--dictionary", default="/usr/share/chasen/dic/naist-jdic-utf8/naist-jdic.dic")
    args = parser.parse_args()
    family, given = read(args.dictionary)
    rng = random.Random(33)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("氏,名\n" if args.no_kana else "氏,名,氏（カナ）,名（カナ）\n")
        for i in range(args.rows):
            surname, readings = rng.choice(family)
            name, name_readings = rng.choice(given)
            kana = rng.choice(readings)
            if i % 20 == 7:
                surname = rng.choice(family)[0][0] + rng.choice(family)[0][-1]
            elif i % 50 == 3:
                kana = rng.choice(rng.choice(family)[1])
            if args.no_kana:
                out.write(f"{surname},{name}\n")
            else:
                out.write(f"{surname},{name},{kana},{rng.choice(name_readings)}\n")


if __name__ == "__main__":
    main()
