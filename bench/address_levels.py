#!/usr/bin/env python3
"""address_levels.py — the school-address statistics of issue #4 ("Done when",
item 2): how many of the 和歌山県, 文京区 and 屋久島町 addresses of
../shared/data/addresses/schools-input.txt reach each match level of
`gifkit address normalize` (its ndjson output), and the subset selection
that bench/run_address_bench.sh times.

  address_levels.py select SCHOOLS_TXT > covered.txt   # the covered lines
  address_levels.py count RESULTS.ndjson               # levels per area (Markdown)

The covered lines are picked by their text, as the schools file writes every
address from its 都道府県 on: a line starting with 和歌山県 (618 lines), with
東京都文京区 (146) or with 鹿児島県熊毛郡屋久島町 (20). 和歌山県 is split into
和歌山市 (住居表示 and 地番 tables given) and the rest of the prefecture (町字 only,
so machiaza/machiaza_detail is the deepest level there). `count` classifies
by each result's `input` field, so it reads the output of the whole file or of
the subset alike. Python 3 standard library only.
"""
import collections
import json
import sys

AREAS = [("和歌山県和歌山市", "和歌山県 / 和歌山市"), ("和歌山県", "和歌山県 / other cities"),
         ("東京都文京区", "東京都文京区"), ("鹿児島県熊毛郡屋久島町", "鹿児島県 屋久島町")]
LEVELS = ["unknown", "prefecture", "city", "machiaza", "machiaza_detail", "residential_block",
          "residential_detail", "parcel"]


def area_of(text):
    text = text.strip()
    for prefix, label in AREAS:
        if text.startswith(prefix):
            return label
    return None


def select(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if area_of(line):
                sys.stdout.write(line)
    return 0


def count(path):
    levels = collections.defaultdict(collections.Counter)
    other = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            result = json.loads(line)
            area = area_of(result.get("input") or "")
            if area is None:
                other += 1
                continue
            levels[area][result.get("match_level") or "(none)"] += 1
            if result.get("ambiguous"):
                levels[area]["(ambiguous)"] += 1
    labels = [label for _prefix, label in AREAS]
    extra = sorted({k for c in levels.values() for k in c} - set(LEVELS) - {"(ambiguous)"})
    columns = LEVELS + extra
    print("| area | addresses | " + " | ".join(columns) + " | of which ambiguous |")
    print("|---" * (len(columns) + 3) + "|")
    totals = collections.Counter()
    for label in labels:
        c = levels.get(label, collections.Counter())
        totals.update(c)
        n = sum(c[k] for k in columns)
        print(f"| {label} | {n} | " + " | ".join(str(c[k]) for k in columns)
              + f" | {c['(ambiguous)']} |")
    n = sum(totals[k] for k in columns)
    print(f"| **all three areas** | {n} | " + " | ".join(str(totals[k]) for k in columns)
          + f" | {totals['(ambiguous)']} |")
    print(f"\n({other} other lines of the input not counted)")
    return 0


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("select", "count"):
        print(__doc__, file=sys.stderr)
        return 2
    return select(sys.argv[2]) if sys.argv[1] == "select" else count(sys.argv[2])


if __name__ == "__main__":
    sys.exit(main())
