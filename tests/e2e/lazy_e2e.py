#!/usr/bin/env python3
"""lazy_e2e.py — registries that load what they need (issue #32 part 2): the
address matcher reads a city's 町字 when an address first reaches it, a
町字's 住居表示 and 地番 when an address needs its numbers, and keeps them
within --address-cache-mb (512 by default), dropping the least recently
used 町字's numbers, then cities, beyond it and reading them again when
asked; `gifkit serve` no longer reads every city before it listens. A budget
of 1 MiB (smaller than a big 町字 and a city's names: every new 町字
evicts) must answer byte for byte as the default budget, on the real
addresses of the four ABR areas.

Cases (run by ctest as e2e.41.K-lazy-CASE):
  normalize-tiny-budget-answers-as-the-default — `address normalize` of the
      whole schools file (58,651 lines) with --address-cache-mb 1 and with
      the default: the same output, byte for byte.
  bad-budget-is-refused — --address-cache-mb 0, a word, a negative or too
      large a number: exit 2, the option named, nothing written.
  serve-tiny-budget-answers-as-the-default — two services, one with
      --address-cache-mb 1: POST /v1/addresses/normalize of the real
      addresses and GET of single ones answer the same bytes (the answer of a
      city read, dropped and read again), and the same as the command line.
  validate-point-place-tiny-budget-answers-as-the-default — validate's
      point-versus-place rule (the nearest place of a whole city: every 町字's
      numbered places of 和歌山市) on a fire-hydrant file of 和歌山市, one row
      at a point in 岩出市: the same report with --address-cache-mb 1 as with
      the default, the error of that row in both.
  town-numbers-answer-as-the-tables — a registry built now holds
      abr_town_numbers (each 町字's numbered places in one row) and
      abr_city_towns (each city's 町字 in one row); the same registry with
      both dropped (as one built before them), and with abr_city_towns
      alone dropped, is read from the ABR tables: `address normalize` of the
      whole schools file (ndjson and text) and validate's point-versus-place
      rule (a whole city's places) answer the same bytes every way.
  town-numbers-not-a-packing-is-refused — a row of abr_town_numbers, then
      a row of abr_city_towns, whose bytes are not a packing: exit 2, the
      registry, the table and the 町字 or city named with the fix (rebuild),
      nothing on standard output; another city still answers from the same
      registry.
  serve-town-parts-answer-as-the-tables — GET /v1/addresses/normalize of
      every 40th line of the schools file (its fullAddress from the 町字
      parts abr_city_towns carries, its numbers by the row the city's row
      names) answers the same bytes as from the ABR tables alone, and as
      from a registry where one 町字's numbers row was moved by hand (read by
      its key instead).
"""
import os
import subprocess
import sys

from case_runner import Skipped, check, cases_of, main
from serve_support import Server

ROOM = "abr"  # the room these cases cover (tests/rooms.txt)

ABR = ["abr/national", "abr/wakayama", "abr/bunkyo", "abr/yakushima", "abr/ebino"]
ADDRESSES = "addresses/schools-input.txt"


def build(env):
    """The registry of the four areas' ABR data, in the case's folder."""
    for source in ABR:
        if not os.path.exists(os.path.join(env.data, source)):
            raise Skipped(f"no {source}")
    path = env.path("abr.db")
    code, _, err = env.run("registry", "build", "--out", path,
                           *[os.path.join(env.data, s) for s in ABR])
    check(code == 0, f"registry build: {err[-500:]}")
    return path


def normalize(env, registry, *extra):
    """The stdout bytes of `address normalize` of the schools file."""
    proc = subprocess.run([env.gifkit, "address", "normalize", "--registry", registry,
                           "-i", os.path.join(env.data, ADDRESSES), *extra],
                          capture_output=True, timeout=300)
    # Exit 1: some lines matched no 町字 (most of the country has none here).
    check(proc.returncode == 1 and proc.stderr == b"",
          f"address normalize {extra}: exit {proc.returncode}: {proc.stderr[-500:]!r}")
    return proc.stdout


def first_difference(a, b):
    """Where two outputs part: the line number and both lines."""
    for number, (x, y) in enumerate(zip(a.split(b"\n"), b.split(b"\n")), 1):
        if x != y:
            return f"line {number}: {x[:300]!r} / {y[:300]!r}"
    return f"lengths {len(a)} / {len(b)}"


def case_normalize_tiny_budget_answers_as_the_default(env):
    registry = build(env)
    tiny = normalize(env, registry, "--address-cache-mb", "1")
    default = normalize(env, registry)
    with open(os.path.join(env.data, ADDRESSES), "rb") as f:
        inputs = len(f.read().splitlines())
    lines = default.count(b"\n")
    check(lines == inputs and inputs > 58000, f"one answer per line: {lines} for {inputs}")
    check(tiny == default, f"--address-cache-mb 1 answers differently: {first_difference(tiny, default)}")
    # Deep matches of every area (the cities were really read).
    for lg_code in (b'"131059"', b'"302015"', b'"465054"', b'"452092"'):
        check(lg_code in default, f"no answer in {lg_code.decode()}")
    check(default.count(b'"residential_detail"') > 100 and default.count(b'"parcel"') > 50,
          "answers at residence and parcel level")


def case_bad_budget_is_refused(env):
    # Refused as the command line is read, before the registry is opened.
    registry = env.path("never-opened.db")
    for value in ("0", "lots", "-5", "1048577"):
        code, out, err = env.run("address", "normalize", "--registry", registry,
                                 "--address-cache-mb", value, "東京都文京区白山1-2-3")
        check(code == 2, f"--address-cache-mb {value}: exit {code}")
        check("--address-cache-mb" in err, f"--address-cache-mb {value}: {err!r}")
        check(out == "", f"--address-cache-mb {value}: wrote {out!r}")


def case_serve_tiny_budget_answers_as_the_default(env):
    registry = build(env)
    with open(os.path.join(env.data, ADDRESSES), "rb") as f:
        lines = [line for line in f.read().split(b"\n") if line]
    # Every 7th line: all four areas, cities in turn (each change of city
    # evicts the last one under a 1 MiB budget).
    body = b"\n".join(lines[::7]) + b"\n"
    singles = ["東京都文京区白山1-2-3", "和歌山県和歌山市一番丁1", "鹿児島県熊毛郡屋久島町宮之浦1",
               "東京都文京区本郷一丁目1番1号", "宮崎県えびの市大字大河平"]
    answers = {}
    for name, extra in (("tiny", ["--address-cache-mb", "1"]), ("default", [])):
        with Server(env.gifkit, registry, *extra) as server:
            status, _, answer = server.request(
                "POST", "/v1/addresses/normalize", body,
                {"Content-Type": "text/plain; charset=utf-8"}, timeout=120)
            check(status == 200, f"{name}: POST: {status} {answer[:300]!r}")
            got = [answer]
            for single in singles * 2:  # the second round after the others evicted it
                status, _, one = server.request(
                    "GET", "/v1/addresses/normalize?q=" +
                    "".join(f"%{b:02X}" for b in single.encode()))
                check(status == 200, f"{name}: GET {single}: {status} {one[:300]!r}")
                got.append(one)
            answers[name] = got
    answered = answers["tiny"][0].count(b"\n")
    check(answered == body.count(b"\n"), f"one answer per line: {answered}")
    for i, (tiny, default) in enumerate(zip(answers["tiny"], answers["default"])):
        check(tiny == default, f"answer {i}: --address-cache-mb 1 {tiny[:300]!r}, "
              f"default {default[:300]!r}")
    # The same answers as the command line's ndjson.
    proc = subprocess.run([env.gifkit, "address", "normalize", "--registry", registry,
                           "--address-cache-mb", "1", "-i", "-"], input=body,
                          capture_output=True, timeout=300)
    check(proc.returncode == 1, f"address normalize: {proc.returncode} {proc.stderr[-300:]!r}")
    check(proc.stdout == answers["default"][0], "the service answers as the command line")


def case_validate_point_place_tiny_budget_answers_as_the_default(env):
    registry = build(env)
    # 上三毛, 大垣内 and 新庄 at points inside 和歌山市; the last row at 岩出市押川.
    path = env.path("wakayama-city_302015_fire_hydrant.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("全国地方公共団体コード,ID,地方公共団体名,名称,所在地_連結表記,緯度,経度\n"
                "302015,H1,和歌山県和歌山市,消火栓1,和歌山県和歌山市上三毛,34.2445,135.3040\n"
                "302015,H2,和歌山県和歌山市,消火栓2,和歌山県和歌山市大垣内,34.2445,135.3040\n"
                "302015,H3,和歌山県和歌山市,消火栓3,和歌山県和歌山市新庄,34.2397,135.2896\n"
                "302015,H4,和歌山県和歌山市,消火栓4,和歌山県和歌山市大垣内,34.307263,135.318635\n")
    reports = {}
    for name, extra in (("tiny", ["--address-cache-mb", "1"]), ("default", [])):
        code, out, err = env.run("validate", "--registry", registry, *extra, path)
        check(code == 1, f"validate {name}: exit {code}: {err[-300:]!r}")
        reports[name] = out
    check("岩出市押川" in reports["default"], f"no finding of the row at 岩出市: {reports['default']!r}")
    check(reports["tiny"] == reports["default"],
          "--address-cache-mb 1: " +
          first_difference(reports["tiny"].encode(), reports["default"].encode()))


def without_derived(env, registry, name, kinds):
    """A copy of registry as a build before the derived tables of kinds
    ({table: provenance kind}): the tables and their provenance rows
    dropped. Returns the copy and each table's rows."""
    import shutil
    import sqlite3
    # The same file name (reports name the registry by it), another folder.
    folder = env.path(name)
    os.makedirs(folder, exist_ok=True)
    copy = os.path.join(folder, os.path.basename(registry))
    shutil.copyfile(registry, copy)
    db = sqlite3.connect(copy)
    rows = {}
    for table, kind in kinds.items():
        rows[table] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        db.execute(f"DROP TABLE {table}")
        db.execute("DELETE FROM provenance WHERE source_kind = ?", (kind,))
    db.commit()
    db.close()
    return copy, rows


def case_town_numbers_answer_as_the_tables(env):
    registry = build(env)
    older, rows = without_derived(env, registry, "without-derived",
                                  {"abr_town_numbers": "abr-town-numbers",
                                   "abr_city_towns": "abr-city-towns"})
    # Only the cities' 町字 from the tables, the 町字's numbers packed.
    mixed, _ = without_derived(env, registry, "without-city-towns",
                               {"abr_city_towns": "abr-city-towns"})
    # 文京区's 住居表示, 和歌山市's and 屋久島町's 地番, えびの市's.
    check(rows["abr_town_numbers"] > 700, f"abr_town_numbers holds {rows} 町字")
    # 和歌山県's 30 cities, 文京区, 屋久島町, えびの市.
    check(rows["abr_city_towns"] == 33, f"abr_city_towns holds {rows} cities")
    for form in ("ndjson", "text"):
        packed = normalize(env, registry, "--format", form)
        tables = normalize(env, older, "--format", form)
        check(packed == tables, f"{form}: from the derived tables / from the ABR tables: "
              + first_difference(packed, tables))
        half = normalize(env, mixed, "--format", form)
        check(packed == half, f"{form}: from the derived tables / without abr_city_towns: "
              + first_difference(packed, half))
        lines = packed.count(b"\n")
        check(lines > 58000, f"{form}: {lines} lines")
    path = env.path("wakayama-city_302015_fire_hydrant.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("全国地方公共団体コード,ID,地方公共団体名,名称,所在地_連結表記,緯度,経度\n"
                "302015,H1,和歌山県和歌山市,消火栓1,和歌山県和歌山市上三毛,34.2445,135.3040\n"
                "302015,H4,和歌山県和歌山市,消火栓4,和歌山県和歌山市大垣内,34.307263,135.318635\n")
    reports = []
    for db in (registry, older):
        code, out, err = env.run("validate", "--registry", db, path)
        check(code == 1, f"validate {db}: exit {code}: {err[-300:]!r}")
        reports.append(out)
    check("岩出市押川" in reports[0], f"no finding of the row at 岩出市: {reports[0]!r}")
    check(reports[0] == reports[1], "validate: " +
          first_difference(reports[0].encode(), reports[1].encode()))


def case_town_numbers_not_a_packing_is_refused(env):
    import shutil
    import sqlite3
    registry = build(env)
    broken = env.path("broken.db")
    shutil.copyfile(registry, broken)

    def refused(update, address, named, other, other_code):
        """After update (one row changed): address stops with exit 2 naming
        named; other, in another city, still answers."""
        db = sqlite3.connect(broken)
        changed = db.execute(update).rowcount
        db.commit()
        db.close()
        check(changed == 1, f"{update}: {changed} rows changed")
        code, out, err = env.run("address", "normalize", "--registry", broken, address)
        check(code == 2, f"exit {code}: {err!r}")
        check(out == "", f"wrote {out!r}")
        for part in (broken, *named, "gifkit registry build"):
            check(part in err, f"{part!r} not in {err!r}")
        code, out, err = env.run("address", "normalize", "--registry", broken, other)
        check(code == 0 and other_code in out, f"another city: exit {code}: {out!r} {err!r}")

    refused("UPDATE abr_town_numbers SET places = x'00' "
            "WHERE lg_code = '131059' AND machiaza_id = '0001001'",
            "東京都文京区白山一丁目1", ("町字 131059 0001001", "abr_town_numbers"),
            "和歌山県和歌山市一番丁1", "302015")
    refused("UPDATE abr_city_towns SET towns = x'0001' WHERE lg_code = '302015'",
            "和歌山県和歌山市一番丁1", ("city 302015", "abr_city_towns"),
            "鹿児島県熊毛郡屋久島町宮之浦1", "465054")


def case_serve_town_parts_answer_as_the_tables(env):
    registry = build(env)
    older, _ = without_derived(env, registry, "without-derived",
                               {"abr_town_numbers": "abr-town-numbers",
                                "abr_city_towns": "abr-city-towns"})
    # A 町字 whose numbers row the city's row names, read after the city; a
    # 町字 moved to another numbers row by hand is read by its key instead.
    moved = env.path("moved.db")
    import shutil
    import sqlite3
    shutil.copyfile(registry, moved)
    db = sqlite3.connect(moved)
    db.execute("UPDATE abr_town_numbers SET id = id + 1000000 "
               "WHERE lg_code = '131059' AND machiaza_id = '0001001'")
    db.commit()
    db.close()
    with open(os.path.join(env.data, ADDRESSES), "rb") as f:
        lines = [line for line in f.read().split(b"\n") if line][::40]
    lines += ["東京都文京区白山一丁目1番1号".encode(), "東京都文京区白山1-2-3".encode()]
    answers = {}
    for name, db_path in (("derived", registry), ("tables", older), ("moved", moved)):
        got = []
        with Server(env.gifkit, db_path) as server:
            for line in lines:
                status, _, one = server.request(
                    "GET", "/v1/addresses/normalize?q=" + "".join(f"%{b:02X}" for b in line))
                check(status == 200, f"{name}: GET {line!r}: {status} {one[:300]!r}")
                got.append(one)
        answers[name] = got
    with_full = sum(1 for one in answers["derived"] if b'"fullAddress"' in one)
    check(with_full > len(lines) // 2, f"{with_full} of {len(lines)} answers with fullAddress")
    check(b"\u767d\u5c71" in answers["derived"][-1] or "白山".encode() in answers["derived"][-1],
          f"白山: {answers['derived'][-1][:300]!r}")
    for name in ("tables", "moved"):
        for line, a, b in zip(lines, answers["derived"], answers[name]):
            check(a == b, f"{line.decode()}: from abr_city_towns {a[:300]!r}, {name} {b[:300]!r}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="abr"))
