#!/usr/bin/env python3
"""address_e2e.py — end-to-end test of `gifkit address normalize` on the
address corpus that address_corpus.py generates from the real ABR rows
(issue #4, "Done when" item 1). It builds the registry from
../shared/data/abr/{national,wakayama,bunkyo,yakushima}, runs the real binary
ONCE on the whole corpus (`address normalize --registry DB --format ndjson -i
corpus.txt`) and checks, line by line, lg_code, machiaza_id, match_level and
the numbers (blk_num/rsdt_num/rsdt_num2 or prc_num1-3) and, after a building
name, others against the values
computed from the row each address was made from.

  address_e2e.py --gifkit BIN [--data SHARED_DATA] [--work DIR] --stage run|all | --case AREA | --list

  --stage run    generate the corpus, build the registry, normalize; files in --work
  --case AREA    compare --work's results with the expectations of AREA (--list names them)
  --stage all    both, for every area; without --work, in a temporary folder

Prints a summary (passed / total per area and form) and, on failure, the
first mismatches. Exit 0 all checked lines pass, 1 a mismatch or the command
failed, 77 skipped (the shared data is missing, or `gifkit help` does not list
the `address` command yet) — ctest reports 77 as a skip (SKIP_RETURN_CODE).
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata

ROOM = "abr"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import address_corpus  # noqa: E402
from case_runner import Skipped, run_script  # noqa: E402

ABR_FOLDERS = ["national", "wakayama", "bunkyo", "yakushima"]
NUMBER_FIELDS = ["blk_num", "rsdt_num", "rsdt_num2", "prc_num1", "prc_num2", "prc_num3"]
SHOWN_FIELDS = ["match_level", "lg_code", "machiaza_id", "pref", "county", "city", "oaza_cho",
                "chome", "koaza"] + NUMBER_FIELDS + ["others", "output"]


def has_address_command(gifkit):
    result = subprocess.run([gifkit, "help"], capture_output=True, text=True, timeout=60)
    return re.search(r"^\s+address\s", result.stdout + result.stderr, re.MULTILINE) is not None


def value(obj, field):
    v = obj.get(field)
    if v is None:
        return ""
    return unicodedata.normalize("NFKC", str(v))


def run_stage(gifkit, data_dir, work):
    os.makedirs(work, exist_ok=True)
    results = os.path.join(work, "results.ndjson")
    if os.path.exists(results):
        os.remove(results)
    started = time.monotonic()
    corpus = address_corpus.generate(data_dir)
    corpus_path = os.path.join(work, "corpus.txt")
    with open(corpus_path, "w", encoding="utf-8") as f:
        f.writelines(entry["input"] + "\n" for entry in corpus)
    with open(os.path.join(work, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(corpus, f, ensure_ascii=False, indent=0)
    print(f"corpus: {len(corpus)} addresses generated from the ABR rows "
          f"({time.monotonic() - started:.1f} s)")
    db = os.path.join(work, "abr.db")
    build = [gifkit, "registry", "build", "--out", db] + \
        [os.path.join(data_dir, "abr", folder) for folder in ABR_FOLDERS]
    result = subprocess.run(build, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        print(f"FAIL registry build exit {result.returncode}: {' '.join(build)}\n"
              f"{result.stderr[-3000:]}")
        return 1
    command = [gifkit, "address", "normalize", "--registry", db, "--format", "ndjson",
               "-i", corpus_path]
    started = time.monotonic()
    with open(results + ".part", "wb") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, timeout=600)
    seconds = time.monotonic() - started
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode not in (0, 1):
        print(f"FAIL {' '.join(command)}: exit {result.returncode}\n{stderr[-3000:]}")
        return 1
    os.replace(results + ".part", results)
    print(f"normalize: exit {result.returncode} in {seconds:.2f} s: {' '.join(command)}")
    return 0


def check_stage(work, areas, max_shown=25):
    results_path = os.path.join(work, "results.ndjson")
    expected_path = os.path.join(work, "expected.json")
    if not os.path.exists(results_path):
        print(f"FAIL no {results_path}: the run stage did not complete")
        return 1
    with open(expected_path, encoding="utf-8") as f:
        corpus = json.load(f)
    with open(results_path, encoding="utf-8") as f:
        lines = [line for line in f.read().split("\n") if line.strip()]
    if len(lines) != len(corpus):
        print(f"FAIL {len(lines)} result lines for {len(corpus)} addresses")
        return 1
    passed = collections.Counter()
    total = collections.Counter()
    mismatches = []
    for number, (entry, line) in enumerate(zip(corpus, lines), 1):
        if areas and entry["area"] not in areas:
            continue
        key = (entry["area"], entry["form"])
        total[key] += 1
        try:
            got = json.loads(line)
        except json.JSONDecodeError as error:
            mismatches.append((number, entry, {}, [f"not JSON ({error}): {line[:200]}"]))
            continue
        problems = []
        if got.get("input") != entry["input"]:
            problems.append(f"input {got.get('input')!r} (out of order?)")
        for field, want in entry["expect"].items():
            have = value(got, field)
            if field == "others":
                have = "".join(have.split())
                want = "".join(unicodedata.normalize("NFKC", want).split())
            if have != want:
                problems.append(f"{field} {have!r}, expected {want!r}")
        if problems:
            mismatches.append((number, entry, got, problems))
        else:
            passed[key] += 1
    print_summary(passed, total)
    if not mismatches:
        return 0
    print(f"\nFAIL {len(mismatches)} of {sum(total.values())} addresses differ; the first "
          f"{min(max_shown, len(mismatches))}:")
    for number, entry, got, problems in mismatches[:max_shown]:
        print(f"  line {number} [{entry['area']} {entry['form']}] {entry['input']}")
        print(f"    {'; '.join(problems)}")
        shown = {f: got.get(f) for f in SHOWN_FIELDS if got.get(f) not in (None, "")}
        print(f"    got {json.dumps(shown, ensure_ascii=False)}")
    return 1


def print_summary(passed, total):
    areas = sorted({area for area, _form in total})
    for area in areas:
        forms = [(form, passed[(a, form)], n) for (a, form), n in total.items() if a == area]
        area_pass = sum(p for _f, p, _n in forms)
        area_total = sum(n for _f, _p, n in forms)
        print(f"{area}: {area_pass}/{area_total} passed")
        print("    " + ", ".join(f"{form} {p}/{n}" for form, p, n in forms))
    print(f"all: {sum(passed.values())}/{sum(total.values())} passed")


AREAS = ["bunkyo-rsdt", "wakayama-rsdt", "wakayama-parcel", "yakushima-parcel", "wakayama-town"]


def ready(args):
    """The shared data folder, after skipping when there is no ABR data or no
    address command."""
    data_dir = os.path.abspath(args.data)
    if not os.path.isdir(os.path.join(data_dir, "abr")):
        raise Skipped(f"shared data not found at {data_dir}/abr")
    if not has_address_command(args.gifkit):
        raise Skipped("`gifkit help` does not list the address command (address normalize not built yet)")
    return data_dir


def stage_run(args):
    return run_stage(args.gifkit, ready(args), os.path.abspath(args.work or "."))


def stage_all(args):
    data_dir = ready(args)
    if not args.work:
        with tempfile.TemporaryDirectory() as work:
            return run_stage(args.gifkit, data_dir, work) or check_stage(work, [])
    work = os.path.abspath(args.work)
    return run_stage(args.gifkit, data_dir, work) or check_stage(work, [])


def check_area(area):
    def check(args):
        ready(args)
        return check_stage(os.path.abspath(args.work or "."), [area])
    return check


CASES = {area: check_area(area) for area in AREAS}
STAGES = {"run": stage_run, "all": stage_all}


if __name__ == "__main__":
    sys.exit(run_script(CASES, STAGES))
