#!/usr/bin/env python3
"""guard_e2e.py — the regression guard (bench/guard.sh, bench/guard.py) on
small inputs: a HEAD that does twice the work of the previous release is a
REGRESSION (exit 1, the row marked), a HEAD that does half is not (exit 0),
and a revision that is none is a usage error (exit 2) before anything is
built. The two sides are the real gifkit binary and a wrapper that runs it
twice (twice the CPU of the same command, whatever the machine's speed).

Cases (run by ctest as e2e.42.K-guard-CASE):
  a-head-twice-as-slow-is-a-regression — guard.py, validate only, 3 rounds:
      exit 1, the validate CPU row **REGRESSION** with HEAD/previous ≈ 2,
      the REGRESSION line printed, guard.json agreeing; peak RSS not flagged.
  a-head-twice-as-fast-passes — the sides swapped: exit 0, every row ok.
  an-unknown-revision-is-a-usage-error — guard.sh no-such-revision: exit 2,
      the revision named, no worktree made.
  nation-build-measures-the-file-and-its-tables — guard.py, nation-build only, a
      tiny nation (SCALE 0.0005), one round, the same binary on both sides: exit 0,
      the bytes, wall and peak RSS rows with equal bytes, the dbstat table naming
      abr_parcel, nation-tables.json for both sides, the registry deleted and the
      generated inputs kept.
  nation-build-needs-a-build-tree — a binary that is not BUILD/tools/gifkit: exit 2.
"""
import json
import os
import stat
import subprocess
import sys

from case_runner import check, cases_of, main

ROOM = "bench"  # the room these cases cover (tests/rooms.txt)

BENCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench")


def twice(env):
    """A gifkit that runs each command twice (the first output thrown away)."""
    path = env.write("gifkit-twice.sh",
                     f'#!/bin/sh\n"{env.gifkit}" "$@" >/dev/null 2>&1\nexec "{env.gifkit}" "$@"\n')
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
    return path


def guard(env, previous, head, **overrides):
    """guard.py's exit code, its table and its JSON rows for validate alone (or what
    overrides of the environment select)."""
    environment = dict(os.environ, GUARD_ONLY="validate", GUARD_ROUNDS="3", GUARD_ROWS="60000",
                       GUARD_DIFF_ROWS="200", GUARD_CHARS_COPIES="1")
    environment.update(overrides)
    proc = subprocess.run([sys.executable, os.path.join(BENCH, "guard.py"),
                           "--previous", previous, "--previous-name", "prev",
                           "--head", head, "--head-name", "head",
                           "--work", env.path("work"), "--data", env.data],
                          capture_output=True, text=True, env=environment, timeout=600)
    rows = []
    if os.path.exists(env.path("work", "guard.json")):
        with open(env.path("work", "guard.json"), encoding="utf-8") as f:
            rows = json.load(f)
    return proc.returncode, proc.stdout, proc.stderr, rows


def table_row(stdout, figure):
    lines = [line for line in stdout.splitlines() if line.startswith("| validate |") and figure in line]
    check(len(lines) == 1, f"one validate row of {figure!r} in the table:\n{stdout}")
    return lines[0]


def median(spread):
    """The median of a 'median (min–max)' cell."""
    return float(spread.split()[0])


def case_a_head_twice_as_slow_is_a_regression(env):
    code, out, err, rows = guard(env, env.gifkit, twice(env))
    check(code == 1, f"exit {code}, expected 1:\n{out}\n{err[-800:]}")
    cpu = table_row(out, "CPU s")
    check(cpu.endswith("| **REGRESSION** |"), f"the CPU row is not a regression: {cpu}")
    check("REGRESSION: validate:" in out, f"no REGRESSION line:\n{out}")
    check(table_row(out, "peak RSS").endswith("| ok |"), "peak RSS flagged")
    by_figure = {r["figure"].split(",")[-1].strip(): r for r in rows}
    check(set(by_figure) == {"CPU s", "peak RSS MiB"}, f"guard.json rows: {list(by_figure)}")
    check(by_figure["CPU s"]["regression"] is True and by_figure["CPU s"]["baseline"] == "mawk",
          f"guard.json: {by_figure['CPU s']}")
    ratio = median(by_figure["CPU s"]["head_vs_previous"])
    check(1.5 < ratio < 2.8, f"HEAD/previous {ratio}, expected about 2")


def case_a_head_twice_as_fast_passes(env):
    code, out, err, rows = guard(env, twice(env), env.gifkit)
    check(code == 0, f"exit {code}, expected 0:\n{out}\n{err[-800:]}")
    check("REGRESSION" not in out, f"a regression printed:\n{out}")
    check(table_row(out, "CPU s").endswith("| ok |"), "the CPU row is not ok")
    check(len(rows) == 2 and not any(r["regression"] for r in rows), f"guard.json: {rows}")
    cpu = next(r for r in rows if r["figure"].endswith("CPU s"))
    check(median(cpu["head_vs_previous"]) < 0.75, f"HEAD/previous {cpu['head_vs_previous']}")
    check(cpu["baseline_median"] is not None and cpu["baseline_median"] >= 0, "no mawk figure")


def case_an_unknown_revision_is_a_usage_error(env):
    build = os.path.dirname(os.path.dirname(os.path.abspath(env.gifkit)))
    proc = subprocess.run(["bash", os.path.join(BENCH, "guard.sh"), "no-such-revision-42", build],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, GUARD_WORK=env.path("work")))
    check(proc.returncode == 2, f"exit {proc.returncode}, expected 2: {proc.stderr[-500:]}")
    check("no-such-revision-42 is no revision" in proc.stderr, f"stderr: {proc.stderr[-500:]}")
    made = os.listdir(env.path("work")) if os.path.exists(env.path("work")) else []
    check(not any(name.startswith("previous-") for name in made), f"a worktree was made: {made}")


NATION = {"GUARD_ONLY": "nation-build", "GUARD_NATION_SCALE": "0.0005",
          "GUARD_NATION_ROUNDS": "1"}


def case_nation_build_measures_the_file_and_its_tables(env):
    code, out, err, rows = guard(env, env.gifkit, env.gifkit, **NATION)
    # The same binary on both sides: the bytes are the same, but one round's wall time on a
    # shared machine may be >10 % apart, which the guard rightly calls a REGRESSION (exit 1).
    # Only a time may be one here; never the file's bytes.
    regressions = [line for line in (out + err).splitlines() if line.startswith("REGRESSION")]
    check(code == 0 or (code == 1 and regressions and
                        all("wall s" in line or "peak RSS" in line for line in regressions)),
          f"exit {code}, expected 0 (or 1 for a time alone):\n{out}\n{err[-800:]}")
    figures = {r["figure"].split(",")[-1].strip(): r for r in rows}
    check(set(figures) == {"file bytes", "wall s", "peak RSS MiB"}, f"guard.json rows: {list(figures)}")
    size = figures["file bytes"]
    check(size["previous_median"] == size["head_median"] > 0, f"the same binary, other bytes: {size}")
    check(figures["peak RSS MiB"]["head_median"] > 0, "no peak RSS")
    # The 地番 table by its storage: abr_parcel (plain, schema 2) or abr_parcel_packed (3).
    check(("| abr_parcel | " in out or "| abr_parcel_packed | " in out) and "| (all) | " in out,
          f"no dbstat table:\n{out}")
    with open(env.path("work", "nation-tables.json"), encoding="utf-8") as f:
        tables = json.load(f)
    check(sum(tables["prev"].values()) == size["previous_median"] and tables["prev"] == tables["head"],
          "the tables' bytes are not the file's")
    scale = env.path("work", "nation", "scale-0.0005")
    check(not os.path.exists(os.path.join(scale, "registry.sqlite")), "the registry was kept")
    check(os.path.exists(os.path.join(scale, "manifest.json")), "the generated inputs are gone")


def case_nation_build_needs_a_build_tree(env):
    code, out, err, _ = guard(env, twice(env), env.gifkit, **NATION)
    check(code == 2, f"exit {code}, expected 2:\n{out}\n{err[-800:]}")
    check("is not BUILD/tools/gifkit" in err, f"stderr: {err[-500:]}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="addresses"))
