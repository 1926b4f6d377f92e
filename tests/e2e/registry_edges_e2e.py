"""registry_edges_e2e.py — 66.x: the edges of the registry's inputs (issue #56,
part 4), with the real binary and the real 法人番号 diffs: a day applied twice
(a file cut at a line end, which nothing in it tells, then the complete file
with --allow-out-of-order) writes no history row twice, and says so; a
Web-API answer in parts (2,000 records a part) that lost records is refused.
Run by ctest as e2e.66.K-registry-edges-CASE. Exit 77 = skipped (no shared
data)."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import check, cases_of, main, run_binary  # noqa: E402

ROOM = "db"  # the room these cases cover (tests/rooms.txt)

DIFF_2021 = "houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv"
DIFF_2025 = "houjin/samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"
DIFF_2025_NAME = "code4fukui_gBizINFO_diff_20250311_sjis.csv"
LATEST = 23  # the 24th field, latest (最新履歴)
# A real Web-API diff answer, part 1 of 3 (count 5499: 2,000 records in this part).
WEBAPI_PART = "houjin/samples/kissy2go_houjin-bangou_webapi-v1_diff_2017-01-01_2017-01-10_part1of3_sjis.csv"


def built_2021(env, name="houjin.db"):
    """A registry of the real 2021-07-14 diff (2,396 corporations)."""
    registry = env.path(name)
    code, _, err = env.run("registry", "build", "--out", registry,
                           os.path.join(env.data, DIFF_2021))
    check(code == 0, f"build: exit {code}: {err}")
    return registry


def lines_of(path):
    """The records of a diff file (no embedded line ends in NTA files), each
    with its line end."""
    with open(path, "rb") as f:
        return f.read().splitlines(keepends=True)


def write(path, lines):
    with open(path, "wb") as f:
        f.write(b"".join(lines))
    return path


def latest_of(line):
    return line.rstrip(b"\r\n").split(b",")[LATEST]


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def history(registry):
    """Every history row as the NTA wrote it (but its position in the file),
    sorted: equal lists mean the same history."""
    with sqlite3.connect(f"file:{registry}?mode=ro", uri=True) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(corporation_history)")
                   if row[1] not in ("id", "provenance_id", "line", "imported_order",
                                     "sequence_number")]
        return sorted(db.execute(f"SELECT {', '.join(columns)} FROM corporation_history")
                      .fetchall(), key=repr)


def case_a_day_applied_twice_writes_no_history_row_twice(env):
    lines = lines_of(os.path.join(env.data, DIFF_2025))
    # Cut at a line end between two corporations: nothing in the file tells.
    cut_at = next(i for i in range(len(lines) // 2, len(lines)) if latest_of(lines[i]) == b"1"
                  and lines[i].split(b",")[1] != lines[i + 1].split(b",")[1])
    os.mkdir(env.path("cut"))
    cut = write(env.path("cut", DIFF_2025_NAME), lines[:cut_at + 1])
    twice = built_2021(env, "twice.db")
    code, _, err = env.run("registry", "update", twice, cut)
    check(code == 0, f"a diff cut between corporations: exit {code}: {err}")
    complete = env.path(DIFF_2025_NAME)
    write(complete, lines)
    code, _, err = env.run("registry", "update", twice, complete, "--allow-out-of-order")
    check(code == 0, f"the complete file after the cut one: exit {code}: {err}")
    held = len(lines) - (cut_at + 1)
    check(f"{held} rows applied, {cut_at + 1} already stored" in err,
          f"the summary does not say how many rows were stored already: {err}")
    once = built_2021(env, "once.db")
    code, _, err = env.run("registry", "update", once, complete)
    check(code == 0, f"the complete file alone: exit {code}: {err}")
    got, expected = history(twice), history(once)
    check(len(got) == len(expected),
          f"the day applied twice holds {len(got)} history rows, once {len(expected)}")
    check(got == expected, "the history differs from the day applied once")
    # The same again (a third copy of the day): still nothing twice.
    again = env.path("again")
    os.mkdir(again)
    write(os.path.join(again, DIFF_2025_NAME), lines[:-1] + [lines[-1].rstrip(b"\n") + b"\r\n"])
    code, _, err = env.run("registry", "update", twice, os.path.join(again, DIFF_2025_NAME),
                           "--allow-out-of-order")
    check(code == 0, f"a third copy: exit {code}: {err}")
    check(len(history(twice)) == len(expected), "a third copy added history rows")


def case_many_rows_of_one_corporation_cost_no_more_than_many_corporations(env):
    """40,000 history rows of one corporate number, each a different name (the
    real 2025 diff's rows, renumbered): a row is looked up among the rows
    stored already by a digest, not by walking the number's rows (that was
    quadratic: 20,000 rows took 61 s). A bound of 60 s, not a timing: linear,
    it takes well under a second here; quadratic, several minutes."""
    lines = lines_of(os.path.join(env.data, DIFF_2025))
    number = lines[0].split(b",")[1]
    rows = []
    for i in range(40000):
        fields = lines[i % len(lines)].rstrip(b"\r\n").split(b",")
        fields[0], fields[1], fields[LATEST] = str(i + 1).encode(), number, b"0"
        fields[6] = b'"' + fields[6].strip(b'"') + str(i).encode() + b'"'
        rows.append(b",".join(fields) + b"\r\n")
    last = rows[-1].rstrip(b"\r\n").split(b",")
    last[LATEST] = b"1"
    rows[-1] = b",".join(last) + b"\r\n"
    diff = write(env.path("code4fukui_gBizINFO_diff_20250401_sjis.csv"), rows)
    registry = built_2021(env)
    code, _, err = run_binary([env.gifkit, "registry", "update", registry, diff], timeout=60)
    check(code == 0, f"40,000 rows of one corporation: exit {code}: {err}")
    check("40000 rows applied" in err, f"not every row applied: {err}")
    # Applied again as another file of that day: every row is stored already.
    again = env.path("again")
    os.mkdir(again)
    copy = write(os.path.join(again, "code4fukui_gBizINFO_diff_20250401_sjis.csv"),
                 rows[:-1] + [rows[-1].rstrip(b"\r\n") + b"\n"])
    code, _, err = run_binary([env.gifkit, "registry", "update", registry, copy,
                               "--allow-out-of-order"], timeout=60)
    check(code == 0 and "0 rows applied, 40000 already stored" in err,
          f"the same rows again: exit {code}: {err}")


def case_a_webapi_answer_part_cut_at_a_line_end_is_refused(env):
    lines = lines_of(os.path.join(env.data, WEBAPI_PART))
    check(lines[0].startswith(b"2017-01-19,5499,1,3"), f"not the expected answer: {lines[0]!r}")
    check(len(lines) == 2001, f"the real part holds {len(lines) - 1} records, not 2,000")
    code, _, err = env.run("registry", "build", "--out", env.path("whole.db"),
                           os.path.join(env.data, WEBAPI_PART))
    check(code == 0, f"the whole part: exit {code}: {err}")
    name = "webapi_diff_part1of3.csv"
    cut = write(env.path(name), lines[:-1])  # cut exactly at a line end: 1,999 records
    code, _, err = env.run("registry", "build", "--out", env.path("cut.db"), cut)
    check(code == 2, f"a part that lost its last record: exit {code}, expected 2: {err}")
    check("part 1 of 3 holds 2000 records" in err and "holds 1999" in err and name in err,
          f"the message does not say what is missing: {err}")
    check(not os.path.exists(env.path("cut.db")), "a registry was written from a cut answer")
    # The last part holds the rest: 5499 - 2 x 2000 = 1499 records.
    last = [b"2017-01-19,5499,3,3\r\n"] + lines[1:1500]
    code, _, err = env.run("registry", "build", "--out", env.path("last.db"),
                           write(env.path("webapi_diff_part3of3.csv"), last))
    check(code == 0, f"a last part with the rest of count: exit {code}: {err}")
    code, _, err = env.run("registry", "build", "--out", env.path("last-cut.db"),
                           write(env.path("webapi_diff_part3of3_cut.csv"), last[:-1]))
    check(code == 2 and "part 3 of 3 holds 1499 records" in err, f"a cut last part: exit {code}: {err}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="houjin/samples"))
