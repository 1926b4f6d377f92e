#!/usr/bin/env python3
"""city_table_e2e.py — 60.x: a 全国地方公共団体コード's city against the city its address names,
without --registry (issue #55 part 2, the remainder): gifkit's national table of cities
(models/dictionaries/national_cities.tsv, the ABR's mt_city_all) answers which city a code is,
and a registry's own table first when one is given. Small files written from the real pattern
(tests/e2e/data/city_table/): an old AED list whose 都道府県コード又は市区町村コード 472018
(那覇市) stands beside an address in 豊見城市 — the 市区町村名 a warning as before, the code
alone now a warning without a registry too; a new-generation 消防水利施設一覧 whose
所在地_全国地方公共団体コード is another city's (an error) and whose 所在地_市区町村 alone
contradicts the 連結表記 (an error). Correct rows never fire: 郡 written on one side only
(屋久島町 465054), a 政令市's code with an address in its ward (札幌市 011002), a ward's code
with its city and no ward, a 区 alone in 所在地_市区町村, an address written from its 町字 on
(丸の内公園町19), 府中市 of 広島県 (not 府中町); a code the table has not got (221317, 浜松市中区,
abolished before the table) is not compared and the model note says so. Over every real file
of opendata-real, a code's finding only where it is another city's (three copy errors of
ishikawa's 公共施設一覧). Run by ctest (tests/e2e/CMakeLists.txt)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import cases_of, check, main  # noqa: E402

ROOM = "validate"  # the room these cases cover (tests/rooms.txt): validate's table checks

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "city_table")
OLD = os.path.join(DATA, "aed_old.csv")
NEW = os.path.join(DATA, "fire_hydrant_new.csv")
REAL = os.path.join("opendata-real", "municipal")
DISAGREE = "address-parts-disagree"


def report(env, *args, exits=(0, 1)):
    code, out, err = env.run("validate", "-f", "json", "--max-errors", "0", *args)
    check(code in exits, f"exit {code}: {err}\n{out[:2000]}")
    return json.loads(out)["tasks"][0]


def by_row(task, code=DISAGREE):
    """{row: [(severity, field)]} of the findings of code."""
    out = {}
    for p in task["errors"] + task.get("warnings", []) + task.get("infos", []):
        if p["code"] == code:
            out.setdefault(p["row"], []).append((p["severity"], p["field"]))
    return out


def national_registry(env):
    """A registry of the ABR's cities alone (every city, no 町字)."""
    path = env.path("national.db")
    if not os.path.exists(path):
        code, out, err = env.run("registry", "build", "--out", path,
                                 os.path.join(env.data, "abr", "national"))
        check(code == 0, f"registry build: {err}{out}")
    return path


CODE_OLD = "都道府県コード又は市区町村コード"
OLD_EXPECTED = {
    3: [("warning", "市区町村名")],  # the real pattern: 那覇市 beside 沖縄県豊見城市…
    4: [("warning", CODE_OLD)],  # 472018 alone beside 沖縄県豊見城市…
    9: [("warning", CODE_OLD)],  # 札幌市中央区's code beside 札幌市北区…
    11: [("warning", CODE_OLD)],  # 安芸郡府中町's code beside 広島県府中市…
    13: [("warning", CODE_OLD)],  # 東京都府中市's code beside 広島県府中市…
}


def case_old_sheet_code_without_registry(env):
    """The publisher's code of another city than the address: a warning without a registry,
    as it was with one; correct rows (郡 omitted or written, a 政令市 with its ward, a ward's
    code without the ward, 府中市 of 広島県, an address from its 町字 on) nothing."""
    rows = by_row(report(env, OLD))
    check(rows == OLD_EXPECTED, rows)


def case_old_sheet_same_with_registry(env):
    """With --registry the registry's table answers: the same findings."""
    rows = by_row(report(env, OLD, "--registry", national_registry(env)))
    check(rows == OLD_EXPECTED, rows)


def case_messages_name_the_code_city(env):
    task = report(env, OLD)
    messages = {p["row"]: p["message"] for p in task["errors"] + task.get("warnings", [])
                if p["code"] == DISAGREE}
    check("沖縄県那覇市" in messages[4] and "豊見城市" in messages[4], messages[4])
    check("北海道札幌市中央区" in messages[9] and "札幌市北区" in messages[9], messages[9])
    check("安芸郡府中町" in messages[11], messages[11])


def case_code_not_in_table_not_checked(env):
    """221317 (浜松市中区, abolished in 2024 before the table) is not compared: no finding of
    its row, and the model note names it and the table's date."""
    task = report(env, OLD)
    check(5 not in by_row(task), by_row(task).get(5))
    note = task.get("modelNote", "")
    check("221317" in note and "gifkit's city table of 2024-03-12" in note, note)
    check("needs --registry" not in note, "the old note is gone")


NEW_EXPECTED = {
    3: [("error", "所在地_全国地方公共団体コード"), ("warning", "地方公共団体名")],
    4: [("error", "所在地_連結表記")],  # the parts disagree: the publisher's not asked
    9: [("error", "所在地_全国地方公共団体コード")],
}


def case_new_sheet_own_code_and_city(env):
    """所在地_全国地方公共団体コード of 那覇市 beside an address in 豊見城市 (parts and all): an
    error at the code; 所在地_市区町村 那覇市 alone beside 沖縄県豊見城市…: an error at the
    連結表記; 札幌市中央区's code beside 札幌市北区: an error. Correct rows nothing."""
    for args in ([], ["--registry", national_registry(env)]):
        rows = {row: sorted(found) for row, found in by_row(report(env, NEW, *args)).items()}
        check(rows == NEW_EXPECTED, (args, rows))


def case_real_files_codes_of_another_city(env):
    """Every real municipal file of opendata-real, without a registry: a code's finding only
    where it is another city's — ishikawa's 公共施設一覧 copies 金沢市's 172014 into three
    rows of places in 白山市, 中能登町 and 能登町 (errors); nothing else at a code."""
    expected = {"ishikawa-pref_170003_public_facility.csv": [
        (63, "error", "所在地_全国地方公共団体コード"),
        (65, "error", "所在地_全国地方公共団体コード"),
        (66, "error", "所在地_全国地方公共団体コード")]}
    for name in sorted(os.listdir(os.path.join(env.data, REAL))):
        if not name.endswith(".csv"):
            continue
        # (wakayama's tourist toilets fit no model: exit 2)
        task = report(env, os.path.join(env.data, REAL, name), exits=(0, 1, 2))
        found = [(p["row"], p["severity"], p["field"])
                 for p in task["errors"] + task.get("warnings", [])
                 if p["code"] == DISAGREE and "コード" in p["field"]]
        check(found == expected.get(name, []), (name, found))


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs=REAL))
