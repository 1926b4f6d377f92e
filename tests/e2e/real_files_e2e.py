#!/usr/bin/env python3
"""real_files_e2e.py — 58.x: every real published file of ../shared/data/opendata-real/ through
validate (with its own name, saved as data.csv, with a registry), transform and diff, each run's
verdict pinned in one table, tests/e2e/real_files_verdicts.tsv (issue #55 part 10):

    file  mode  model  exit  codes  never

  - file: the path under opendata-real/; mode: how it was run —
      named     `validate FILE` (the model chosen by the file name and the columns),
      data.csv  the same bytes saved as data.csv (the model chosen by the columns alone: a
                service upload without a name, a file a person renamed),
      registry  `validate --registry` on the four ABR areas of ../shared/data/abr and a diff
                file of the 法人番号 register (a part of it: not-in-registry is never proven),
      transform `transform` (exit, model), then the output validated by the model the
                transform used (its codes): a transform never leaves more errors than it found,
      diff      the file against a copy with one cell of row 5 changed and row 10 removed
                (codes: what diff counted); a file against itself is always equal;
  - model, exit: the model chosen (`-` for none) and the exit code;
  - codes: every problem code the run reports (sorted), or diff's counts;
  - never: codes this file must never get whatever else changes (what a person sees in it,
    ../shared/data/opendata-real/README.md) — written by hand, kept when the table is rewritten.

A case fails when a run's verdict differs from its line, and prints every difference (not just
the first), so a change that moves a verdict shows in the test's output; after a change that
moves verdicts on purpose, `--write-table` rewrites model, exit and codes (never is kept), and
the table's diff is the review. Run by ctest (tests/e2e/CMakeLists.txt); exit 77 = skipped (no
shared data)."""
import csv
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Failure, Skipped, check, cases_of, main  # noqa: E402

ROOM = "validate"  # the room these cases cover (tests/rooms.txt)
TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "real_files_verdicts.tsv")
COLUMNS = ["file", "mode", "model", "exit", "codes", "never"]
MODES = ["named", "data.csv", "registry", "transform", "diff"]
# The four ABR areas and one day of the NTA's diff file (法人番号 of a part of the register).
REGISTRY_SOURCES = ["abr/national", "abr/bunkyo", "abr/wakayama", "abr/yakushima",
                    "houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv"]


def real_files(data):
    """The files of opendata-real/, as paths under it, sorted."""
    real = os.path.join(data, "opendata-real")
    if not os.path.isdir(real):
        raise Skipped("no opendata-real in the shared data")
    return sorted(os.path.relpath(os.path.join(folder, name), real)
                  for folder, _, names in os.walk(real)
                  for name in names if name.endswith((".csv", ".xlsx")))


def read_table():
    """{(file, mode): {column: value}} of the pinned table."""
    with open(TABLE, encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return {(row["file"], row["mode"]): row
            for row in csv.DictReader(lines, fieldnames=COLUMNS, delimiter="\t")}


def write_table(verdicts, table):
    """Writes the table: the verdicts' model, exit and codes, each line's never kept."""
    with open(TABLE, "w", encoding="utf-8", newline="") as f:
        f.write("# The pinned verdicts of ../shared/data/opendata-real/ (real_files_e2e.py says what\n"
                "# each column means). model, exit, codes: rewritten by --write-table; never: by hand.\n")
        for key in sorted(verdicts, key=lambda k: (k[0], MODES.index(k[1]))):
            verdict = dict(verdicts[key])
            verdict["never"] = table.get(key, {}).get("never", "")
            f.write("\t".join(verdict[c] for c in COLUMNS) + "\n")


def validated(env, *args):
    """(model, exit, sorted codes, task) of `validate -f json ARGS`."""
    code, out, err = env.run("validate", "-f", "json", *args)
    try:
        task = json.loads(out)["tasks"][0]
    except (ValueError, KeyError, IndexError):
        raise Failure(f"validate {' '.join(args)}: exit {code}, no JSON report: {err[-400:]}")
    return task.get("model") or "-", code, sorted(task.get("countsByCode", {})), task


def verdict(file, mode, model, code, codes):
    return {"file": file, "mode": mode, "model": model, "exit": str(code),
            "codes": ",".join(codes) or "-"}


def run_validate(env, file, mode, registry=None):
    source = os.path.join(env.data, "opendata-real", file)
    path = source
    if mode == "data.csv":
        path = env.path("data" + os.path.splitext(file)[1])
        shutil.copyfile(source, path)
    args = ["--registry", registry] if registry else []
    model, code, codes, _ = validated(env, *args, path)
    return verdict(file, mode, model, code, codes)


def errors_of(task):
    """{code: findings} of a report's errors (by code: a column renamed by the transform is
    the same column)."""
    counts = {}
    for group in task.get("groups", []):
        if group["severity"] == "error":
            counts[group["code"]] = counts.get(group["code"], 0) + group["count"]
    return counts


def run_transform(env, file):
    """transform's exit and model; the output's codes under that model. Checks that the
    output has no more errors of any code than the input."""
    source = os.path.join(env.data, "opendata-real", file)
    out = env.path("transformed" + os.path.splitext(file)[1])
    code, _, err = env.run("transform", source, "-o", out, "--review", env.path("review.csv"),
                           "--log", env.path("changes.ndjson"))
    if code == 2:
        return verdict(file, "transform", "-", code, [])
    model = err.split("(model ", 1)[1].split(",", 1)[0] if "(model " in err else "-"
    check(model != "-", f"transform {file}: no model named in {err[-300:]!r}")
    _, _, codes, after = validated(env, "-m", model, out)
    _, _, _, before = validated(env, "-m", model, source)
    was = errors_of(before)
    worse = {k: (n, was.get(k, 0)) for k, n in errors_of(after).items() if n > was.get(k, 0)}
    check(not worse, f"transform {file}: more errors after than before (code: after, "
          f"before): {worse}")
    return verdict(file, "transform", model, code, codes)


def planted_copy(env, source):
    """A copy of the CSV at source with one non-empty cell of row 5 changed (not in the first
    two columns: a key's) and row 10 removed; None for a file too short or not CSV."""
    if not source.endswith(".csv"):
        return None
    with open(source, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if len(rows) < 12:
        return None
    row = rows[5]
    column = next((i for i in range(len(row) - 1, 1, -1) if row[i].strip()), None)
    if column is None:
        return None
    row[column] += "（改）"
    del rows[10]
    path = env.path("changed.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    return path


def diffed(env, old, new):
    code, out, err = env.run("diff", "-f", "json", old, new)
    try:
        return code, json.loads(out)
    except ValueError:
        raise Failure(f"diff {old} {new}: exit {code}, no JSON: {err[-400:]}")


def run_diff(env, file):
    source = os.path.join(env.data, "opendata-real", file)
    code, same = diffed(env, source, source)
    if code == 2:
        return verdict(file, "diff", "-", code, [])
    check(same["summary"]["equal"], f"diff {file} against itself: {same['summary']}")
    changed = planted_copy(env, source)
    if changed is None:
        return verdict(file, "diff", same.get("model") or "-", code, ["equal"])
    code, answer = diffed(env, source, changed)
    summary = answer["summary"]
    counts = [f"{k}={summary[k]}" for k in ("changed", "removed", "added", "empty_keys",
                                            "duplicate_keys")]
    return verdict(file, "diff", answer.get("model") or "-", code, counts)


def registry_of(env):
    path = env.path("abr.db")
    code, _, err = env.run("registry", "build", "--out", path,
                           *[os.path.join(env.data, s) for s in REGISTRY_SOURCES])
    check(code == 0, f"registry build: exit {code}: {err[-400:]}")
    return path


def verdicts_of(env, modes):
    """{(file, mode): verdict} of every real file in the given modes."""
    registry = registry_of(env) if "registry" in modes else None
    verdicts = {}
    for file in real_files(env.data):
        for mode in modes:
            if mode in ("named", "data.csv"):
                v = run_validate(env, file, mode)
            elif mode == "registry":
                v = run_validate(env, file, mode, registry)
            elif mode == "transform":
                v = run_transform(env, file)
            else:
                v = run_diff(env, file)
            verdicts[(file, mode)] = v
    return verdicts


def compare(env, modes):
    """Runs the modes over every real file and fails, listing each line that moved."""
    table = read_table()
    verdicts = verdicts_of(env, modes)
    moved = []
    for key, now in sorted(verdicts.items()):
        pinned = table.get(key)
        print(f"{key[0]:50} {key[1]:9} {now['model']:28} exit {now['exit']}  {now['codes']}")
        if pinned is None:
            moved.append(f"{key[0]} {key[1]}: not in the table (now {now})")
            continue
        for column in ("model", "exit"):
            if now[column] != pinned[column]:
                moved.append(f"{key[0]} {key[1]}: {column} {pinned[column]} → {now[column]}")
        was, got = set(pinned["codes"].split(",")), set(now["codes"].split(","))
        if was != got:
            moved.append(f"{key[0]} {key[1]}: codes "
                         f"+{','.join(sorted(got - was)) or '∅'} −{','.join(sorted(was - got)) or '∅'}")
        never = set(filter(None, pinned.get("never", "").split(",")))
        if never & got:
            moved.append(f"{key[0]} {key[1]}: reports {','.join(sorted(never & got))}, which it "
                         f"must never get")
    for key in table:
        if key[1] in modes and key not in verdicts:
            moved.append(f"{key[0]} {key[1]}: in the table but the file is gone")
    check(not moved, f"{len(moved)} verdict(s) moved (rewrite the table with --write-table "
          f"if on purpose):\n  " + "\n  ".join(moved))


def case_validate_with_the_file_name(env):
    """Each real file validated as published: the model and verdict a person would give."""
    compare(env, ["named"])


def case_validate_saved_as_data_csv(env):
    """The same bytes without their name (data.csv): the model chosen by the columns alone."""
    compare(env, ["data.csv"])


def case_validate_with_the_registry(env):
    """With a registry of the four ABR areas: no registry error where the registry does not
    hold the 町字 (not checked), the findings where it does."""
    compare(env, ["registry"])


def case_transform_then_validate(env):
    """transform's verdict, and its output validated: never more errors than the input."""
    compare(env, ["transform"])


def case_diff_finds_what_was_planted(env):
    """A file against itself is equal; against a copy with one cell changed and one row
    removed, diff's counts are pinned (one changed, one removed where the key works)."""
    compare(env, ["diff"])


def write_current_table(gifkit, data):
    import tempfile
    from case_runner import Env
    with tempfile.TemporaryDirectory() as tmp:
        env = Env(os.path.abspath(gifkit), os.path.abspath(data), tmp)
        table = read_table() if os.path.exists(TABLE) else {}
        write_table(verdicts_of(env, MODES), table)


if __name__ == "__main__":
    if "--write-table" in sys.argv:
        argv = sys.argv[1:]
        option = {argv[i]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
        write_current_table(option["--gifkit"], option.get("--data", os.path.join(
            os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")))
        sys.exit(0)
    sys.exit(main(cases_of(globals()), needs="opendata-real"))
