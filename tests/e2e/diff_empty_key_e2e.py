#!/usr/bin/env python3
"""diff_empty_key_e2e.py — 59.x: `gifkit diff` of two versions of a list whose key column is
empty (issue #55 part 4, the diff half), through the real binary. The files are made from the
real 公衆トイレ一覧 of 焼津市 in ../shared/data/opendata-real (a new-generation file:
全国地方公共団体コード,ID,地方公共団体名,名称,…,所在地_連結表記,…) with ID emptied in every row, as
published lists were, and an edited copy with three real changes (a cell changed, a row added, a
row removed). The model's key 全国地方公共団体コード + ID then matches nothing: the diff falls back
to 全国地方公共団体コード + 名称 + 所在地_連結表記 (models/dictionaries/diff_fallback_keys.tsv), says
so once on the key line (json key_note; on stderr for -f csv), lists no empty-key line per row and
shows the changed row as changed. An explicit --key that is empty everywhere is refused (exit 2)
with the key that would do; a 消防水利施設一覧 falls back to 緯度 + 経度; a list with no fallback key
is matched by its whole rows, said once;
a few empty IDs stay one empty-key problem a row; the real files compared with themselves never
fall back. Run by ctest (tests/e2e/CMakeLists.txt)."""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, check, cases_of, main  # noqa: E402
from keys_sums_e2e import read_csv, with_column, write_rows  # noqa: E402

ROOM = "diff"  # the room these cases cover (tests/rooms.txt)

MUNICIPAL = os.path.join("opendata-real", "municipal")
TOILET = os.path.join(MUNICIPAL, "yaizu-city_222127_public_toilet.csv")
HYDRANT = os.path.join(MUNICIPAL, "yaizu-city_222127_fire_hydrant.csv")
OPEN_DATA_LIST = os.path.join(MUNICIPAL, "wakayama-pref_300004_open_data_list.csv")
FALLBACK = "全国地方公共団体コード, 名称, 所在地_連結表記"
NOTE = ("instead of the model's key 全国地方公共団体コード, ID: ID is empty in all 112 rows of OLD "
        "and all 112 rows of NEW")


def emptied(rows, header, which=lambda number: True):
    """rows with the column header emptied in the data rows which(number) selects."""
    return with_column(rows, header, lambda number, value: "" if which(number) else value)


def edited(rows):
    """The next month's copy: row 6's 利用終了時間 changed (record 6, the 5th data row), record 10
    removed, a new toilet appended."""
    end = rows[0].index("利用終了時間")
    out = [list(row) for row in rows]
    out[5][end] = "21:00"
    added = list(out[-1])
    added[rows[0].index("名称")] = "大井川港新設トイレ"
    added[rows[0].index("所在地_連結表記")] = "静岡県焼津市飯淵1番地"
    del out[9]
    return out + [added]


def two_months(env, empty_old=True, empty_new=True, source=TOILET, name="222127_public_toilet"):
    rows = read_csv(env, source)
    old = emptied(rows, "ID") if empty_old else rows
    new = edited(emptied(rows, "ID") if empty_new else rows)
    return (write_rows(env, f"{name}_2026-10.csv", old),
            write_rows(env, f"{name}_2026-11.csv", new))


def diff(env, *args, exit_code):
    code, out, err = env.run("diff", *args)
    check(code == exit_code, f"exit {code}, expected {exit_code}: {err}\n{out[:3000]}")
    return out, err


def case_empty_id_falls_back_to_name_and_address(env):
    """ID empty in every row of both months: the key line names the key used and, once, the
    empty ID; no `! empty-key` line; the changed row is changed (its one cell), the added and
    the removed row are added and removed, the 110 others the same."""
    old, new = two_months(env)
    out, _ = diff(env, old, new, exit_code=1)
    key_line = [line for line in out.splitlines() if line.startswith("model: ")]
    check(len(key_line) == 1 and key_line[0].endswith(f"; key: {FALLBACK} ({NOTE})"), key_line)
    check(out.count("ID is empty") == 1, out[:2000])
    check("empty-key" not in out and "duplicate-key" not in out, out[:2000])
    cells = out.split("\n~ row 6 → 6  全国地方公共団体コード=222127, 名称=", 1)
    check(len(cells) == 2 and cells[1].split("\n")[1].startswith("    利用終了時間: ") and
          cells[1].split("\n")[1].endswith(" → 21:00"), out)
    changed = [line for line in out.splitlines() if line.startswith("~ ")]
    check(len(changed) == 1 and changed[0].startswith("~ row 6 → 6 "), changed)
    check(sum(line.startswith("+ ") for line in out.splitlines()) == 1, out)
    check(sum(line.startswith("- row 10 ") for line in out.splitlines()) == 1, out)
    check(out.rstrip().endswith("different: 1 changed, 1 added, 1 removed, 0 fold-only, "
                                "110 the same (112 rows in OLD, 112 in NEW)"), out[-400:])


def case_empty_id_fallback_in_every_format(env):
    """The same two months in json (key, key_note, no problem, empty_keys 0, the changed row's
    cell), ndjson (key_note on the diff line), html (the note on the key line) and csv (the
    Tabular Diff Format, a changed row `->`; the note on stderr, the patch unchanged)."""
    old, new = two_months(env)
    out, _ = diff(env, old, new, "-f", "json", exit_code=1)
    doc = json.loads(out)
    check(doc["key"] == FALLBACK.split(", ") and doc.get("key_note") == NOTE,
          (doc["key"], doc.get("key_note")))
    check(doc["problems"] == [] and doc["summary"]["empty_keys"] == 0 and
          doc["summary"]["problems"] == 0, (doc["problems"][:3], doc["summary"]))
    changed = [row for row in doc["rows"] if row["change"] == "changed"]
    check(len(changed) == 1 and [c["column"] for c in changed[0]["cells"]] == ["利用終了時間"] and
          changed[0]["cells"][0]["new"] == "21:00", changed)
    check((doc["summary"]["added"], doc["summary"]["removed"], doc["summary"]["same"]) ==
          (1, 1, 110), doc["summary"])
    check([c["name"] for c in doc["columns"] if c.get("key")] == FALLBACK.split(", "),
          doc["columns"][:5])
    out, _ = diff(env, old, new, "-f", "ndjson", exit_code=1)
    first = json.loads(out.splitlines()[0])
    check(first["type"] == "diff" and first["key_note"] == NOTE, first)
    check('"type":"problem"' not in out.replace(" ", ""), out[:2000])
    out, _ = diff(env, old, new, "-f", "html", exit_code=1)
    check(NOTE.replace("'", "&#39;") in out or NOTE in out, out[:3000])
    out, err = diff(env, old, new, "-f", "csv", exit_code=1)
    check(f"gifkit diff: note: key {NOTE}" in err, err)
    check(sum(line.startswith("->,") for line in out.splitlines()) == 1, out[:3000])


def case_id_lost_in_new_only(env):
    """Last month had IDs, this month's export lost them (ID empty in every row of NEW only):
    the same fallback, the note naming NEW alone; every row matched, its ID shown emptied (a
    real change of every row), row 6 with its closing time too."""
    old, new = two_months(env, empty_old=False)
    out, _ = diff(env, old, new, "-f", "json", exit_code=1)
    doc = json.loads(out)
    check(doc.get("key_note") == "instead of the model's key 全国地方公共団体コード, ID: ID is empty "
          "in all 112 rows of NEW", doc.get("key_note"))
    check(doc["problems"] == [], doc["problems"][:3])
    summary = doc["summary"]
    check((summary["changed"], summary["added"], summary["removed"]) == (111, 1, 1), summary)
    cells = {row["old_row"]: [c["column"] for c in row["cells"]] for row in doc["rows"]
             if row["change"] == "changed"}
    check(cells[6] == ["ID", "利用終了時間"] and cells[2] == ["ID"], cells.get(6))


def case_empty_id_fallback_from_stdin_and_shift_jis(env):
    """OLD on standard input (its rows read again from the spool), NEW in Shift_JIS (converted,
    so read again through the converter), the indexes sorted on disk (--memory-limit 1): the
    same fallback and the same three changes."""
    old, new = two_months(env)
    with open(new, encoding="utf-8") as f:
        text = f.read()
    new_sjis = env.path("222127_public_toilet_2026-11_sjis.csv")
    with open(new_sjis, "w", encoding="cp932", newline="") as f:
        f.write(text)
    with open(old, encoding="utf-8") as f:
        code, out, err = env.run("diff", "-", new_sjis, "--memory-limit", "1", stdin=f.read())
    check(code == 1, f"exit {code}: {err}\n{out[:2000]}")
    check(f"; key: {FALLBACK} ({NOTE})" in out and "empty-key" not in out, out[:1500])
    check("different: 1 changed, 1 added, 1 removed, 0 fold-only, 110 the same" in out,
          out[-400:])


def case_first_month_empty(env):
    """OLD with its header only, NEW with ID empty in every row: NEW's rows are all added,
    matched by the fallback key (a file without rows says nothing against it), said once."""
    rows = emptied(read_csv(env, TOILET), "ID")
    old = write_rows(env, "222127_public_toilet_2026-10.csv", rows[:1])
    new = write_rows(env, "222127_public_toilet_2026-11.csv", rows)
    out, _ = diff(env, old, new, "-f", "json", exit_code=1)
    doc = json.loads(out)
    check(doc["key"] == FALLBACK.split(", ") and doc.get("key_note") ==
          "instead of the model's key 全国地方公共団体コード, ID: ID is empty in all 112 rows of NEW",
          (doc["key"], doc.get("key_note")))
    check(doc["problems"] == [] and doc["summary"]["added"] == 112, doc["summary"])


def case_explicit_key_empty_everywhere_is_refused(env):
    """--key ID, empty in every row: exit 2 naming ID and where, and the key that would do;
    no diff written."""
    old, new = two_months(env)
    out, err = diff(env, old, new, "--key", "ID", exit_code=2)
    check(out == "", out[:500])
    check("--key ID: ID is empty in all 112 rows of OLD and all 112 rows of NEW, so rows cannot "
          "be matched by it; --key 名称,所在地_連結表記 is filled in the rows" in err, err)


def case_hydrants_fall_back_to_their_place(env):
    """A 消防水利施設一覧 (no 名称: a hydrant is where it stands) with ID empty everywhere: matched
    by 全国地方公共団体コード + 緯度 + 経度, the hydrant whose 種別 changed shown changed."""
    rows = emptied(read_csv(env, HYDRANT), "ID")
    new_rows = [list(r) for r in rows]
    at = rows[0].index("種別")
    new_rows[3][at] = new_rows[3][at] + "（更新）"
    old = write_rows(env, "222127_fire_hydrant_2026-10.csv", rows)
    new = write_rows(env, "222127_fire_hydrant_2026-11.csv", new_rows)
    out, _ = diff(env, old, new, exit_code=1)
    check("; key: 全国地方公共団体コード, 緯度, 経度 (instead of the model's key "
          "全国地方公共団体コード, ID: ID is empty in all 193 rows of OLD and all 193 rows of NEW)"
          in out, out[:1500])
    check("empty-key" not in out, out[:2000])
    check("different: 1 changed, 0 added, 0 removed" in out and "\n~ row 4 → 4  " in out,
          out[-800:])


def case_no_fallback_key_matches_whole_rows_said_once(env):
    """和歌山県's オープンデータ一覧 (推奨 layout: no 名称, no 住所, no place) with NO empty
    everywhere: no key is left, the rows are matched by all their values — said once on the
    key line, no empty-key line a row; the changed row is then a row removed and one added, as
    the note says."""
    rows = emptied(read_csv(env, OPEN_DATA_LIST), "NO")
    new_rows = [list(r) for r in rows]
    at = rows[0].index("更新頻度")
    new_rows[3][at] = "毎月"
    old = write_rows(env, "300004_open_data_list_2026-10.csv", rows)
    new = write_rows(env, "300004_open_data_list_2026-11.csv", new_rows)
    out, _ = diff(env, old, new, exit_code=1)
    check("; key: none (rows matched by all their values) (instead of the model's key "
          "都道府県コード又は市区町村コード, NO: NO is empty in all 92 rows of OLD and all 92 rows "
          "of NEW, and no other key is filled in both files (a changed row is a row removed and "
          "a row added; give --key))" in out, out[:1500])
    check("empty-key" not in out and out.count("NO is empty") == 1, out[:2000])
    check("different: 0 changed, 1 added, 1 removed" in out, out[-400:])


def case_few_empty_ids_stay_per_row(env):
    """ID empty in 3 of 112 rows (below the 90 % that makes a key empty): the key stays
    全国地方公共団体コード, ID and each of those rows is its own empty-key problem, in row order;
    no key note."""
    rows = emptied(read_csv(env, TOILET), "ID", lambda n: n in (5, 9, 40))
    old = write_rows(env, "222127_public_toilet_2026-10.csv", rows)
    new = write_rows(env, "222127_public_toilet_2026-11.csv", edited(rows))
    out, _ = diff(env, old, new, "-f", "json", exit_code=1)
    doc = json.loads(out)
    check(doc["key"] == ["全国地方公共団体コード", "ID"] and "key_note" not in doc, doc["key"])
    rows_of = [(p["file"].endswith("10.csv"), p["row"]) for p in doc["problems"]
               if p["code"] == "empty-key"]
    check(rows_of == [(True, 5), (True, 9), (True, 40), (False, 5), (False, 9), (False, 39)],
          rows_of)


def case_real_files_never_fall_back(env):
    """Every real municipal file compared with itself: equal (exit 0), no key note — the rule
    fires on no correct real file."""
    files = sorted(glob.glob(os.path.join(env.data, MUNICIPAL, "*.csv")))
    if not files:
        raise Skipped("no real municipal files")
    for path in files:
        code, out, err = env.run("diff", path, path, "-f", "json")
        if code == 2:  # no model fits (wakayama's tourist toilets): nothing to fall back from
            continue
        check(code == 0, f"{path}: exit {code}: {err}")
        check("key_note" not in json.loads(out), f"{path}: {out[:500]}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
