#!/usr/bin/env python3
"""compare_levels.py — what gifkit and normalize-japanese-addresses answer on
the same file (bench/run_nja_bench.sh): how many lines each resolves to the
町字 and to the 番地 level, per area of the covered subset
(bench/address_levels.py's areas, picked by the input's text), and over the
whole file. Counts only, no judging.

  compare_levels.py GIFKIT.ndjson NJA.ndjson

GIFKIT.ndjson is `gifkit address normalize -f ndjson`, NJA.ndjson is
bench/nja/normalize.mjs's output for the same input: one line per input line
in the same order (checked by the `input` fields). Levels compared:
  町字   gifkit match_level machiaza, machiaza_detail or deeper; nja level ≥ 3
  番地   gifkit residential_detail (街区符号 + 住居番号) or parcel (地番); nja level 8
         (a 住居表示 block+residence or a 地番 of its tree); gifkit's
         residential_block (街区 only) is counted in a column of its own
Python 3 standard library only.
"""
import collections
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from address_levels import AREAS, area_of  # noqa: E402  (the one definition of the areas)

TOWN_OR_DEEPER = {"machiaza", "machiaza_detail", "residential_block", "residential_detail", "parcel"}
NUMBER = {"residential_detail", "parcel"}
EXTRA_AREA = ("宮崎県えびの市", "宮崎県えびの市 (町字 only; not in address_levels.py)")


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def compare(gifkit_path, nja_path):
    g_rows, n_rows = read(gifkit_path), read(nja_path)
    if len(g_rows) != len(n_rows):
        print(f"compare_levels.py: {len(g_rows)} gifkit results, {len(n_rows)} nja results",
              file=sys.stderr)
        return 2
    stats = collections.defaultdict(collections.Counter)
    for g, n in zip(g_rows, n_rows):
        if g.get("input") != n.get("input"):
            print(f"compare_levels.py: inputs differ: {g.get('input')!r} / {n.get('input')!r}",
                  file=sys.stderr)
            return 2
        text = g["input"].strip()
        area = area_of(text) or (EXTRA_AREA[1] if text.startswith(EXTRA_AREA[0]) else None)
        g_town = g.get("match_level") in TOWN_OR_DEEPER
        n_town = n["level"] >= 3
        g_num = g.get("match_level") in NUMBER
        n_num = n["level"] == 8
        for key in ([area, "**covered subset**"] if area else []) + ["whole file"]:
            if key == "**covered subset**" and area == EXTRA_AREA[1]:
                continue
            s = stats[key]
            s["lines"] += 1
            s["g_town"] += g_town
            s["n_town"] += n_town
            s["both_town"] += g_town and n_town
            s["g_block"] += g.get("match_level") == "residential_block"
            s["g_num"] += g_num
            s["n_num"] += n_num
            s["both_num"] += g_num and n_num
            s["g_city"] += g.get("match_level") != "unknown" and g.get("match_level") != "prefecture"
            s["n_city"] += n["level"] >= 2
    print("| lines of | lines | 町字 or deeper: gifkit | nja | both | 番地: gifkit | nja | both "
          "| gifkit 街区 only | city or deeper: gifkit | nja |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    order = [label for _prefix, label in AREAS] + [EXTRA_AREA[1], "**covered subset**", "whole file"]
    for key in order:
        s = stats.get(key)
        if not s:
            continue
        print(f"| {key} | {s['lines']} | {s['g_town']} | {s['n_town']} | {s['both_town']} | "
              f"{s['g_num']} | {s['n_num']} | {s['both_num']} | {s['g_block']} | "
              f"{s['g_city']} | {s['n_city']} |")
    return 0


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    return compare(sys.argv[1], sys.argv[2])


if __name__ == "__main__":
    sys.exit(main())
