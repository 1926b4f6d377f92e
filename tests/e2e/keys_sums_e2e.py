#!/usr/bin/env python3
"""keys_sums_e2e.py — 56.x: empty key columns, totals that must add up and English item names
as headers (issue #55 parts 4, 5a and 9), through the real binary. The files are made from
real ones of ../shared/data/opendata-real (their header lines and rows; a column emptied or a
header row rewritten with the definition sheet's English names): a 公衆トイレ一覧 whose ID is
empty in every row is one key-column-empty and no duplicate-key; 男性トイレ総数 against its
parts (a row that does not add up, blank parts that cannot be checked exactly, the real 焼津市
file that adds up everywhere); the same file headed in English, saved as data.csv, is chosen as
公衆トイレ一覧 with every column read, items 25–27 bound by the sheet's shifted names as the
other columns say. Run by ctest (tests/e2e/CMakeLists.txt)."""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, check, cases_of, main  # noqa: E402

ROOM = "validate"  # the room these cases cover (tests/rooms.txt)

YAIZU = os.path.join("opendata-real", "municipal", "yaizu-city_222127_public_toilet.csv")
SPEC = os.path.join("opendata-spec", "public-toilet-new.csv")


def read_csv(env, name):
    path = os.path.join(env.data, name)
    if not os.path.exists(path):
        raise Skipped(f"{path} is missing")
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_rows(env, name, rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return env.write(name, out.getvalue())


def report(env, *args, exit_code):
    code, out, err = env.run("validate", "-f", "json", "--max-errors", "0", *args)
    check(code == exit_code, f"exit {code}, expected {exit_code}: {err}\n{out[:3000]}")
    return json.loads(out)["tasks"][0]


def findings(task, code):
    return [p for p in task["errors"] + task.get("warnings", []) + task.get("infos", [])
            if p["code"] == code]


def with_column(rows, header, value_of):
    """rows with the column header's values replaced: value_of(row number, value)."""
    at = rows[0].index(header)
    out = [rows[0]]
    for number, row in enumerate(rows[1:], 2):
        row = list(row)
        row[at] = value_of(number, row[at])
        out.append(row)
    return out


def case_empty_id_is_one_finding_and_no_duplicate_key(env):
    """焼津市's 公衆トイレ一覧 with ID empty in every row: one key-column-empty naming ID and the
    key, no duplicate-key (全国地方公共団体コード alone repeats in every row of a publisher's
    file: it is no row key); the file passes the error gate."""
    rows = with_column(read_csv(env, YAIZU), "ID", lambda n, v: "")
    task = report(env, write_rows(env, "222127_public_toilet.csv", rows), exit_code=0)
    check(findings(task, "duplicate-key") == [], findings(task, "duplicate-key"))
    empty = findings(task, "key-column-empty")
    check(len(empty) == 1 and empty[0]["field"] == "ID", empty)
    check("is empty in all 112 rows" in empty[0]["message"] and
          "duplicate keys cannot be checked" in empty[0]["message"], empty[0]["message"])


def case_id_empty_in_some_rows_is_one_finding_and_real_duplicates_stay(env):
    """ID empty in 3 rows and repeated in one: one key-column-empty (3 of 112, the first
    named), and the real duplicate reported at ID, not at 全国地方公共団体コード."""
    def value_of(number, value):
        return "" if number in (5, 9, 40) else ("1" if number == 20 else value)
    rows = with_column(read_csv(env, YAIZU), "ID", value_of)
    task = report(env, write_rows(env, "222127_public_toilet.csv", rows), exit_code=1)
    empty = findings(task, "key-column-empty")
    check(len(empty) == 1 and "3 of 112 rows (the first: row 5)" in empty[0]["message"], empty)
    dup = findings(task, "duplicate-key")
    check([(p["row"], p["field"]) for p in dup] == [(20, "ID")], dup)


def case_total_that_does_not_add_up_is_named_with_its_parts(env):
    """男性トイレ総数 5 with parts 2 + 0 + 1: total-mismatch at the row, naming the parts and
    their sum; the real rows around it (which add up) have none."""
    rows = with_column(read_csv(env, YAIZU), "男性トイレ総数",
                       lambda n, v: "5" if n == 2 else v)
    task = report(env, write_rows(env, "222127_public_toilet.csv", rows), exit_code=0)
    got = findings(task, "total-mismatch")
    check([(p["row"], p["field"]) for p in got] == [(2, "男性トイレ総数")], got)
    check("男性トイレ数（小便器） 2" in got[0]["message"] and "add up to 3" in got[0]["message"],
          got[0]["message"])


def case_blank_parts_flag_only_parts_over_the_total(env):
    """A blank part leaves the sum unknown: 男性トイレ総数 3 with 小便器 blank is no finding
    (row 2: 0 + 1 ≤ 3), 男性トイレ総数 1 with 小便器 blank and 和式 + 洋式 = 2 is one (row 3)."""
    rows = read_csv(env, YAIZU)
    urinal = rows[0].index("男性トイレ数（小便器）")
    total = rows[0].index("男性トイレ総数")
    rows[1][urinal] = ""
    rows[2][urinal] = ""
    rows[2][total] = "1"
    rows[2][rows[0].index("男性トイレ数（和式）")] = "1"
    rows[2][rows[0].index("男性トイレ数（洋式）")] = "1"
    task = report(env, write_rows(env, "222127_public_toilet.csv", rows), exit_code=0)
    got = findings(task, "total-mismatch")
    check([p["row"] for p in got] == [3], got)


def case_real_correct_file_adds_up(env):
    """焼津市's 公衆トイレ一覧 as published: every total adds up, no total-mismatch."""
    task = report(env, os.path.join(env.data, YAIZU), exit_code=0)
    check(findings(task, "total-mismatch") == [], findings(task, "total-mismatch"))


def english_rows(env, names):
    rows = read_csv(env, YAIZU)
    check(len(names) == len(rows[0]), (len(names), len(rows[0])))
    return [names] + rows[1:]


def sheet_names(env):
    spec = read_csv(env, SPEC)
    item, english = spec[0].index("item"), spec[0].index("english")
    by_item = {row[item]: row[english] for row in spec[1:]}
    return [by_item[h] for h in read_csv(env, YAIZU)[0]]


def case_english_header_is_chosen_and_read(env):
    """The 焼津市 file headed with the definition sheet's English names (its shifted names of
    items 25–27 too), saved as data.csv: chosen as 公衆トイレ一覧, all 39 columns read, no
    unknown-column nor duplicate-column; urinalFemaleToilet, japaneseStyleFemaleToilet and
    westernStyleFemaleToilet bound as the sheet means them (和式, 洋式, 男女共用トイレ総数)."""
    path = write_rows(env, "data.csv", english_rows(env, sheet_names(env)))
    task = report(env, path, exit_code=0)
    check(task["model"] == "opendata:public-toilet", task["model"])
    check(findings(task, "unknown-column") == [] and findings(task, "duplicate-column") == [],
          findings(task, "unknown-column") + findings(task, "duplicate-column"))
    read = {p["field"]: p.get("suggestion") for p in findings(task, "equivalent-item-name")}
    check(read.get("japaneseStyleFemaleToilet") == "女性トイレ数（洋式）" and
          read.get("westernStyleFemaleToilet") == "男女共用トイレ総数" and
          read.get("fullAddress") == "所在地_連結表記", read)


def case_english_ids_bind_by_the_pattern(env):
    """The same file headed with the ids the pattern implies (japaneseStyleFemaleToilet for
    女性トイレ数（和式）, totalUnisexToilet): every column read, each bound to its own item."""
    names = sheet_names(env)
    names[names.index("urinalFemaleToilet")] = "japaneseStyleFemaleToilet"
    names[names.index("japaneseStyleFemaleToilet", 25)] = "westernStyleFemaleToilet"
    names[names.index("westernStyleFemaleToilet", 26)] = "totalUnisexToilet"
    task = report(env, write_rows(env, "data.csv", english_rows(env, names)), exit_code=0)
    check(findings(task, "unknown-column") == [] and findings(task, "duplicate-column") == [],
          findings(task, "unknown-column") + findings(task, "duplicate-column"))
    read = [p["field"] for p in findings(task, "equivalent-item-name")]
    check("japaneseStyleFemaleToilet" not in read and "westernStyleFemaleToilet" not in read,
          read)


def case_english_name_two_items_claim_binds_to_neither(env):
    """A file with japaneseStyleFemaleToilet but neither urinalFemaleToilet nor its pattern
    neighbours: the name is 和式's id and the sheet's name of 洋式 — bound to neither, the
    finding saying why (never silently the wrong one)."""
    rows = read_csv(env, YAIZU)
    keep = [i for i, h in enumerate(rows[0])
            if h not in ("女性トイレ数（和式）", "女性トイレ数（洋式）", "男女共用トイレ総数")]
    names = [rows[0][i] for i in keep] + ["japaneseStyleFemaleToilet"]
    body = [[row[i] for i in keep] + [row[rows[0].index("女性トイレ数（洋式）")]] for row in rows[1:]]
    path = write_rows(env, "222127_public_toilet.csv", [names] + body)
    task = report(env, path, exit_code=0)
    unknown = [p for p in findings(task, "unknown-column")
               if p["field"] == "japaneseStyleFemaleToilet"]
    check(len(unknown) == 1 and "names two items" in unknown[0]["message"], unknown)


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
