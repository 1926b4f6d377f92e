"""registry_edges_e2e.py — 66.x: the edges of the registry's inputs (issue #56,
part 4), with the real binary and the real 法人番号 diffs: a day applied twice
(a file cut at a line end, which nothing in it tells, then the complete file
with --allow-out-of-order) writes no history row twice, and says so; a
Web-API answer in parts (2,000 records a part) that lost records is refused.
66.4–66.9 (issue #59 part 4, incomplete is never silent), with the real ABR
files: a source set cut short or missing a table the others refer to makes
`registry build` exit non-zero naming the missing part, unless
--accept-incomplete, and `registry info` shows it (source_completeness.hpp).
Run by ctest as e2e.66.K-registry-edges-CASE. Exit 77 = skipped (no shared
data)."""
import json
import os
import sqlite3
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import check, cases_of, main, run_binary  # noqa: E402
from serve_support import Server  # noqa: E402

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


WAKAYAMA = "abr/wakayama"
WAKAYAMA_DETAIL = ["mt_town_pref30.csv.zip", "mt_town_pos_pref30.csv.zip",
                   "mt_parcel_city302015.csv.zip", "mt_parcel_pos_city302015.csv.zip"]
WAKAYAMA_RSDT = ["mt_rsdtdsp_rsdt_pref30.csv.zip", "mt_rsdtdsp_rsdt_pos_pref30.csv.zip"]


def abr(env, folder, names):
    return [os.path.join(env.data, folder, name) for name in names]


def info_of(env, registry):
    """registry info's text and its json form."""
    code, text, err = env.run("registry", "info", registry)
    check(code == 0, f"registry info: exit {code}: {err}")
    code, out, err = env.run("registry", "info", registry, "--format", "json")
    check(code == 0, f"registry info --format json: exit {code}: {err}")
    return text, json.loads(out)


def says_city_without_rsdt(text):
    return ("302015 和歌山県和歌山市" in text and "abr_rsdt" in text
            and "mt_rsdtdsp_rsdt" in text and "marked 住居表示" in text)


def case_source_set_a_zip_cut_short_is_named(env):
    whole = os.path.join(env.data, WAKAYAMA, "mt_parcel_city302015.csv.zip")
    cut = env.path("mt_parcel_city302015.csv.zip")
    write(cut, [read_bytes(whole)[:100000]])  # an interrupted download: no central directory
    town = os.path.join(env.data, WAKAYAMA, "mt_town_pref30.csv.zip")
    code, _, err = env.run("registry", "build", "--out", env.path("cut.db"), town, cut)
    check(code == 2 and "mt_parcel_city302015.csv.zip" in err and "not a readable zip" in err,
          f"a zip cut short: exit {code}, expected 2 naming it: {err}")
    check(not os.path.exists(env.path("cut.db")), "a registry was written from a cut zip")
    code, _, err = env.run("registry", "build", "--out", env.path("accepted.db"), town, cut,
                           "--accept-incomplete")
    check(code == 0 and "incomplete (accepted" in err and
          "mt_parcel_city302015.csv.zip: not read" in err,
          f"a zip cut short, accepted: exit {code}: {err}")
    text, info = info_of(env, env.path("accepted.db"))
    check("source set: incomplete (accepted):" in text and
          "mt_parcel_city302015.csv.zip: not read" in text, f"info does not name it: {text}")
    check(not any(env.tmp in line for line in text.splitlines() if "not read" in line),
          f"info shows a path of the machine: {text}")
    check(info["completeness"]["state"] == "incomplete" and info["completeness"]["accepted"],
          f"info json: {info['completeness']}")


def case_source_set_a_city_without_its_rsdt_file_is_named(env):
    code, _, err = env.run("registry", "build", "--out", env.path("no-rsdt.db"),
                           *abr(env, WAKAYAMA, WAKAYAMA_DETAIL))
    check(code == 1, f"和歌山市's 住居表示 files left out: exit {code}, expected 1: {err}")
    check(says_city_without_rsdt(err) and "incomplete" in err and "--accept-incomplete" in err,
          f"the message does not name the city and the table: {err}")
    # The registry is written and records it.
    text, info = info_of(env, env.path("no-rsdt.db"))
    check("source set: incomplete:" in text and says_city_without_rsdt(text), f"info: {text}")
    check(info["completeness"]["state"] == "incomplete" and not info["completeness"]["accepted"]
          and any(says_city_without_rsdt(part) for part in info["completeness"]["missing"]),
          f"info json: {info['completeness']}")


def case_source_set_positions_without_their_rows_are_named(env):
    # 地番 positions of 屋久島町 without its 地番 file.
    code, _, err = env.run("registry", "build", "--out", env.path("parcel-pos.db"),
                           *abr(env, "abr/yakushima",
                                ["mt_town_all.csv.zip", "mt_parcel_pos_city465054.csv.zip"]))
    check(code == 1 and "465054 鹿児島県熊毛郡屋久島町" in err and "abr_parcel_pos" in err and
          "no 地番 rows (abr_parcel, file mt_parcel)" in err,
          f"地番 positions without their rows: exit {code}: {err}")
    # 住居表示 positions of 文京区 without its 住居表示 file.
    code, _, err = env.run("registry", "build", "--out", env.path("rsdt-pos.db"),
                           *abr(env, "abr/bunkyo",
                                ["mt_town_all.csv.zip", "mt_rsdtdsp_rsdt_pos_pref13.csv.zip"]))
    check(code == 1 and "131059 東京都文京区" in err and
          "no 住居表示 rows (abr_rsdt, file mt_rsdtdsp_rsdt)" in err,
          f"住居表示 positions without their rows: exit {code}: {err}")
    # 町字 positions of a prefecture whose 町字 file was left out (the cities named from
    # mt_city_all).
    code, _, err = env.run("registry", "build", "--out", env.path("town-pos.db"),
                           *abr(env, "abr/national", ["mt_city_all.csv.zip"]),
                           *abr(env, "abr/ebino", ["mt_town_pos_pref45.csv.zip"]))
    check(code == 1 and "abr_town_pos" in err and "prefecture 45: 町字 positions (abr_town_pos" in err and "452017 宮崎県宮崎市" in err
          and "no 町字 rows of the prefecture (abr_town, file mt_town)" in err,
          f"町字 positions without their 町字: exit {code}: {err}")


def case_source_set_incomplete_accepted_is_recorded(env):
    code, _, err = env.run("registry", "build", "--out", env.path("accepted.db"),
                           "--accept-incomplete", *abr(env, WAKAYAMA, WAKAYAMA_DETAIL))
    check(code == 0 and "incomplete (accepted" in err and says_city_without_rsdt(err),
          f"--accept-incomplete: exit {code}, expected 0 naming the part: {err}")
    text, info = info_of(env, env.path("accepted.db"))
    check("source set: incomplete (accepted):" in text and says_city_without_rsdt(text),
          f"info: {text}")
    check(info["completeness"]["state"] == "incomplete" and info["completeness"]["accepted"],
          f"info json: {info['completeness']}")
    # The service says it too: /health (still ok: it answers) and /v1/registry.
    with Server(env.gifkit, env.path("accepted.db")) as server:
        health = server.get_json("/health")
        check(health["status"] == "ok" and health["sourceSet"] == "incomplete", f"/health: {health}")
        served = server.get_json("/v1/registry")
        check(served["completeness"] == info["completeness"], f"/v1/registry: {served}")


def case_source_set_a_csv_cut_inside_a_row_is_named(env):
    with zipfile.ZipFile(os.path.join(env.data, "abr/bunkyo/mt_rsdtdsp_rsdt_pref13.csv.zip")) as z:
        whole = z.read(z.namelist()[0])
    cut = write(env.path("mt_rsdtdsp_rsdt_pref13.csv"), [whole[:1000000]])  # inside a row
    code, _, err = env.run("registry", "build", "--out", env.path("cut.db"),
                           os.path.join(env.data, "abr/bunkyo/mt_town_all.csv.zip"), cut)
    check(code == 1 and "incomplete:" in err and
          "mt_rsdtdsp_rsdt_pref13.csv: 1 rows rejected (not in the registry)" in err,
          f"a CSV cut inside a row: exit {code}, expected 1 naming it incomplete: {err}")
    text, _ = info_of(env, env.path("cut.db"))
    check("source set: incomplete:" in text and "mt_rsdtdsp_rsdt_pref13.csv: 1 rows rejected"
          in text, f"info: {text}")


def case_source_set_whole_is_complete(env):
    code, _, err = env.run("registry", "build", "--out", env.path("whole.db"),
                           *abr(env, WAKAYAMA, WAKAYAMA_DETAIL + WAKAYAMA_RSDT))
    check(code == 0 and "incomplete" not in err, f"the whole 和歌山 set: exit {code}: {err}")
    text, info = info_of(env, env.path("whole.db"))
    check("source set: complete" in text, f"info: {text}")
    check(info["completeness"] == {"state": "complete", "accepted": False, "missing": []},
          f"info json: {info['completeness']}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="houjin/samples"))
