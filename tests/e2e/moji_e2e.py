#!/usr/bin/env python3
"""moji_e2e.py — end-to-end test of `gifkit lookup char` on rows picked at test
time from the real MJ tables (issue #9, "Done when" item 1). It builds a
registry from ../shared/data/moji, picks a few hundred rows of
mojikiban_moji.csv (and of mojikiban_moji_ivs.csv, its second sequences
among them) with a fixed seed, and looks each one up by every key a person
may give: the character itself, its code points (U+XXXX, with the selector
for an IVS), its MJ number, and its 面区点 when the JIS X 0213 mapping has the
character (read here from jisx0213-2004-8bit-std.txt, independently of
gifkit). One run of the real binary answers all the keys (--format ndjson,
keys on stdin); each answer must name the character, hold the row's MJ number
and, for the MJ key, the row's strokes, readings and 縮退 candidates.

  moji_e2e.py --gifkit BIN [--data SHARED_DATA] [--rows N] [--seed S] --case real-mj-rows-by-every-key

Exit 0 every key resolved as expected, 1 a mismatch, 77 skipped (no shared
data) — ctest reports 77 as a skip.
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, run_script  # noqa: E402

ROOM = "moji"  # the room these cases cover (tests/rooms.txt)


def u_plus(text):
    return " ".join(f"U+{ord(c):04X}" for c in text)


def jis_places(mapping_path):
    """Sequence (str) -> "plane-row-cell", from Project X0213's table."""
    places = {}
    with open(mapping_path, encoding="ascii") as f:
        for line in f:
            if not line.startswith("0x"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2 or not fields[1].startswith("U+"):
                continue
            code = int(fields[0], 16)
            plane = 2 if code & 0x8000 else 1
            row, cell = ((code >> 8) & 0x7F) - 0x20, (code & 0x7F) - 0x20
            text = "".join(chr(int(part, 16)) for part in fields[1][2:].split("+"))
            places.setdefault(text, f"{plane}-{row}-{cell}")
    return places


def real_mj_rows_by_every_key(args):
    moji = os.path.join(args.data, "moji")
    if not os.path.isdir(moji):
        raise Skipped(f"shared data not found at {moji}")
    with open(os.path.join(moji, "mojikiban_moji.csv"), encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(moji, "mojikiban_moji_ivs.csv"), encoding="utf-8-sig") as f:
        ivs_rows = list(csv.DictReader(f))
    places = jis_places(os.path.join(moji, "jisx0213-2004-8bit-std.txt"))
    generator = random.Random(args.seed)
    picked = generator.sample(rows, args.rows)
    # Every IVS row with a second sequence, and a few more IVS rows.
    aliases = [r for r in ivs_rows if ";" in r["ucs"]]
    picked_ivs = aliases + generator.sample(ivs_rows, 20)

    keys = []  # (key, expectation)
    for row in picked:
        number = int(row["mj"])
        text = row["kanji"]
        expectation = {"mj": f"MJ{number:06d}", "character": text, "row": row}
        keys.append((text, dict(expectation, kind="character")))
        keys.append((u_plus(text), dict(expectation, kind="code points")))
        keys.append((f"MJ{number:06d}", dict(expectation, kind="MJ number")))
        if text in places:
            keys.append((places[text], dict(expectation, kind="面区点")))
    for row in picked_ivs:
        number = int(row["mj"])
        for ucs in row["ucs"].split(";"):
            text = "".join(chr(int(part, 16)) for part in ucs.split("_"))
            keys.append((u_plus(text), {"mj": f"MJ{number:06d}", "character": text,
                                        "row": None, "kind": "IVS table sequence"}))

    with tempfile.TemporaryDirectory() as tmp:
        registry = os.path.join(tmp, "moji.db")
        build = subprocess.run([args.gifkit, "registry", "build", "--out", registry, moji],
                               capture_output=True, text=True, timeout=300)
        if build.returncode != 0:
            print(f"FAIL registry build exit {build.returncode}: {build.stderr[-2000:]}")
            return 1
        result = subprocess.run(
            [args.gifkit, "lookup", "char", "--registry", registry, "--format", "ndjson", "-"],
            input="\n".join(key for key, _ in keys) + "\n", capture_output=True, text=True,
            timeout=300)
    if result.returncode != 0:
        print(f"FAIL lookup char exit {result.returncode}: {result.stderr[-2000:]}")
        return 1
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    if len(answers) != len(keys):
        print(f"FAIL {len(keys)} keys, {len(answers)} answers")
        return 1
    failures = []
    by_kind = {}
    for (key, expected), answer in zip(keys, answers):
        kind = expected["kind"]
        by_kind.setdefault(kind, [0, 0])[1] += 1
        problem = None
        if answer.get("key") != key:
            problem = f"answer for {answer.get('key')!r}"
        elif "error" in answer:
            problem = answer["error"]
        elif answer["character"] != expected["character"]:
            problem = f"character {u_plus(answer['character'])}, expected {u_plus(expected['character'])}"
        else:
            numbers = [m["mj"] for m in answer["mj"]] + [v["mj"] for v in answer["ivsVariants"]]
            if expected["mj"] not in numbers:
                problem = f"{expected['mj']} not among {numbers[:8]}"
            elif kind == "MJ number":
                mine = [m for m in answer["mj"] if m["mj"] == expected["mj"]][0]
                row = expected["row"]
                readings = [r for r in row["yomi"].split("・") if r]
                if mine["strokes"] != int(row["lines"] or 0) or mine["readings"] != readings \
                        or "".join(mine["shrink"]) != row["shrink"]:
                    problem = f"strokes/readings/shrink {mine} vs {row}"
                elif (mine["jisCounterpart"] or "") != \
                        ("-".join(str(int(p)) for p in row["jis"].split("-")) if row["jis"] else ""):
                    problem = f"jisCounterpart {mine['jisCounterpart']} vs {row['jis']}"
        if problem:
            failures.append(f"{kind} {key!r} ({expected['mj']}): {problem}")
        else:
            by_kind[kind][0] += 1
    for kind, (passed, total) in by_kind.items():
        print(f"{kind:20} {passed}/{total}")
    if failures:
        print(f"FAIL {len(failures)} keys:")
        for failure in failures[:20]:
            print("  " + failure)
        return 1
    print(f"PASS {len(keys)} keys of {len(picked)} MJ rows and {len(picked_ivs)} IVS rows")
    return 0


CASES = {"real-mj-rows-by-every-key": real_mj_rows_by_every_key}
OPTIONS = [("--rows", {"type": int, "default": 300}), ("--seed", {"type": int, "default": 20261122})]

if __name__ == "__main__":
    sys.exit(run_script(CASES, options=OPTIONS))
