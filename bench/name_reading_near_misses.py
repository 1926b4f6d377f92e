#!/usr/bin/env python3
"""name_reading_near_misses.py — the name-reading benchmark's right pairs with harder wrong
ones (issue #57; docs/performance.md "Name readings with known truth", near misses).

name_reading_pairs.py makes a wrong pair by giving a name another name's reading: a kana
that is far from the right one. A person's slip is near it: one kana with its vowel changed
(ジョエル → ジュエル, ユウカ → ユウコ, small ャ ュ ョ alike). This writes every right pair of
PAIRS_TSV and, beside each, that pair with one such change (a kana chosen at random; a pair
with no kana to change has none). The change may, rarely, make another reading a dictionary
gives the name: such a pair is counted as wrong all the same.

usage: name_reading_near_misses.py PAIRS_TSV OUT_TSV [--seed 57]
then:  build/bench/bench_name_readings OUT_TSV HELD_OUT_FILE ../shared/data
"""
import argparse
import random

ROWS = ["アイウエオ", "カキクケコ", "サシスセソ", "タチツテト", "ナニヌネノ", "ハヒフヘホ",
        "マミムメモ", "ラリルレロ", "ガギグゲゴ", "ザジズゼゾ", "ダヂヅデド", "バビブベボ",
        "パピプペポ", "ャュョ", "あいうえお", "かきくけこ", "さしすせそ", "たちつてと",
        "なにぬねの", "はひふへほ", "まみむめも", "らりるれろ", "ゃゅょ"]


def row_of(kana):
    return next((row for row in ROWS if kana in row), None)


def near_miss(rng, reading):
    """reading with one kana's vowel changed; None when it has no kana of a row."""
    places = [i for i, kana in enumerate(reading) if row_of(kana)]
    if not places:
        return None
    at = rng.choice(places)
    row = row_of(reading[at])
    other = rng.choice([kana for kana in row if kana != reading[at]])
    return reading[:at] + other + reading[at + 1:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=57)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.pairs, encoding="utf-8") as f:
        header = f.readline()
        rows = [line.rstrip("\n").split("\t") for line in f]
    written = 0
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(header)
        for kind, form, part_set, name, kana, truth in rows:
            if truth != "1":
                continue
            f.write("\t".join([kind, form, part_set, name, kana, "1"]) + "\n")
            wrong = near_miss(rng, kana)
            if wrong is not None and wrong != kana:
                f.write("\t".join([kind, form, part_set, name, wrong, "0"]) + "\n")
                written += 1
    print(f"{written} near misses beside {sum(r[5] == '1' for r in rows)} right pairs")


if __name__ == "__main__":
    main()
