#!/usr/bin/env python3
"""impl_models_e2e.py — 47.x: the implementation data models (実装データモデル, models/impl/)
through the real binary (issue #34): files written from the 防災 and 教育 class diagrams
validate clean under their model, and files that break them fail with the right code at the
right column — a required 基本共有データ属性 missing, an impossible 生年月日, a bad check digit
of a 全国地方公共団体コード and a 性別 outside SexCodeList, the last three in pd: items whose
checks come from the 2025 core (from=). Files of the core classes are still picked as core
models. Run by ctest (tests/e2e/CMakeLists.txt)."""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, check, cases_of, main  # noqa: E402

ROOM = "model"  # the room these cases cover (tests/rooms.txt)

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
ORDERS = os.path.join(DATA, "impl", "bousai_evacuation_orders.csv")
STUDENTS = os.path.join(DATA, "impl", "kyoiku_students.csv")
ORDERS_MODEL = "bousai:EvacuationOrderIssuance"
STUDENTS_MODEL = "kyoiku:Student"


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def csv_text(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def changed(path, column, row, value):
    """The file's rows with the cell (row 1 = first data row, column by header) replaced."""
    rows = rows_of(path)
    rows[row][rows[0].index(column)] = value
    return csv_text(rows)


def without(path, column):
    """The file's rows without one column."""
    rows = rows_of(path)
    at = rows[0].index(column)
    return csv_text([r[:at] + r[at + 1:] for r in rows])


def report(env, *args, exit_code):
    code, out, err = env.run("validate", "-f", "json", *args)
    check(code == exit_code, f"exit {code}, expected {exit_code}: {err}\n{out[:2000]}")
    return json.loads(out)["tasks"][0]


def problems(task, code):
    return [p for p in task["errors"] + task.get("warnings", []) if p["code"] == code]


def check_changed_student(env, column, row, value, code, at):
    """STUDENTS with one cell changed (as changed() does), validated under STUDENTS_MODEL
    (exit 1): its problems of code stand exactly at at, a list of (row, column)."""
    name = env.write("students.csv", changed(STUDENTS, column, row, value))
    task = report(env, "--model", STUDENTS_MODEL, name, exit_code=1)
    found = problems(task, code)
    check([(p["row"], p["column"]) for p in found] == at, found)


def case_bousai_file_from_the_diagram_passes(env):
    """避難指示等（発令毎）, every item of the diagram's class, 3 rows (one 解除 row with the
    optional items empty): exit 0 under bousai:EvacuationOrderIssuance, which the text
    report names."""
    code, out, err = env.run("validate", "--model", ORDERS_MODEL, ORDERS)
    check(code == 0, f"exit {code}: {err}\n{out}")
    check(ORDERS_MODEL in out, f"the report does not name {ORDERS_MODEL}:\n{out}")
    task = report(env, "--model", ORDERS_MODEL, ORDERS, exit_code=0)
    check(task["errors"] == [], task["errors"])


def case_bousai_required_item_missing(env):
    """Without 発令区分 (a 基本共有データ属性, required): exit 1, missing-column naming it."""
    name = env.write("orders.csv", without(ORDERS, "発令区分"))
    task = report(env, "--model", ORDERS_MODEL, name, exit_code=1)
    found = problems(task, "missing-column")
    check(len(found) == 1, f"missing-column: {found}")
    check("発令区分" in json.dumps(found[0], ensure_ascii=False), found[0])


def case_bousai_empty_required_value_is_allowed(env):
    """基本共有データ属性 allow an empty value (「空欄等は許容」): 発令区分 emptied passes."""
    name = env.write("orders.csv", changed(ORDERS, "発令区分", 1, ""))
    report(env, "--model", ORDERS_MODEL, name, exit_code=0)


def case_bousai_local_government_code_check_digit(env):
    """地方公共団体コード 131050 (文京区 is 131059): invalid-check-digit at column 2, row 2 —
    the check of gif:Address's 全国地方公共団体コード, taken by the pd: item."""
    name = env.write("orders.csv", changed(ORDERS, "地方公共団体コード", 1, "131050"))
    task = report(env, "--model", ORDERS_MODEL, name, exit_code=1)
    found = problems(task, "invalid-check-digit")
    check([(p["row"], p["column"]) for p in found] == [(2, 2)], found)


def case_bousai_registry_rule_of_the_core_address(env):
    """With --registry (built from the real 文京区 ABR tables): the rule gif:Address keys by
    全国地方公共団体コード comes with the pd: items — 人的被害（市区町村毎） naming 新宿区 beside
    文京区's code is registry-mismatch at column 3 市区町村名 (suggestion 文京区); the same row
    with 文京区 and a 都道府県別集計 row of 東京都's code agree."""
    if not os.path.isdir(os.path.join(env.data, "abr", "bunkyo")):
        raise Skipped("no abr/bunkyo in the shared data")
    db = env.path("bunkyo.db")
    code, _, err = env.run("registry", "build", "--out", db,
                           os.path.join(env.data, "abr", "national"),
                           os.path.join(env.data, "abr", "bunkyo"))
    check(code == 0, f"registry build: {err}")
    header = "地方公共団体コード,都道府県名,市区町村名,死者数,災害関連死者数（内数）,行方不明者数," \
             "負傷者数（重傷）,負傷者数（軽傷）,備考\n"
    wrong = env.write("city.csv", header + "131059,東京都,新宿区,0,0,0,1,2,\n")
    task = report(env, "--registry", db, "--model", "bousai:HumanDamageByMunicipality", wrong,
                  exit_code=0)
    found = problems(task, "registry-mismatch")
    check([(p["row"], p["column"]) for p in found] == [(2, 3)], found)
    check("文京区" in json.dumps(found[0], ensure_ascii=False), found[0])
    right = env.write("right.csv", header + "131059,東京都,文京区,0,0,0,1,2,\n")
    task = report(env, "--registry", db, "--model", "bousai:HumanDamageByMunicipality", right,
                  exit_code=0)
    check(problems(task, "registry-mismatch") == [], task.get("warnings"))
    prefecture = env.write("prefecture.csv", "地方公共団体コード,都道府県名,死者数,災害関連死者数（内数）,"
                           "行方不明者数,負傷者数（重傷）,負傷者数（軽傷）\n130001,東京都,0,0,0,1,2\n")
    task = report(env, "--registry", db, "--model", "bousai:HumanDamageByPrefecture", prefecture,
                  exit_code=0)
    check(task["errors"] == [] and problems(task, "registry-mismatch") == [], task)


def case_kyoiku_file_from_the_diagram_passes(env):
    """児童生徒 with 17 of its items (the diagram's names: 氏_カナ, 市区町村_郡, and the second
    年度 as 年度__区域外就学事由): exit 0 under kyoiku:Student, which the report names."""
    code, out, err = env.run("validate", "--model", STUDENTS_MODEL, STUDENTS)
    check(code == 0, f"exit {code}: {err}\n{out}")
    check(STUDENTS_MODEL in out, f"the report does not name {STUDENTS_MODEL}:\n{out}")


def case_kyoiku_impossible_birth_date(env):
    """生年月日 2015-02-30: invalid-value at column 7 (the core's date check)."""
    check_changed_student(env, "生年月日", 2, "2015-02-30", "invalid-value", [(3, 7)])


def case_kyoiku_local_government_code_check_digit(env):
    """全国地方公共団体コード 131051: invalid-check-digit at column 8."""
    check_changed_student(env, "全国地方公共団体コード", 1, "131051", "invalid-check-digit",
                          [(2, 8)])


def case_kyoiku_sex_outside_the_core_code_list(env):
    """性別 5: not-in-code-list at column 6 (gif:Person's SexCodeList, taken by the pd: item)."""
    check_changed_student(env, "性別", 1, "5", "not-in-code-list", [(2, 6)])


def case_core_person_file_still_picks_a_core_model(env):
    """A file of 個人 items (氏, 名, 生年月日, 性別, 住所) without --model: the model picked is a
    gif: one, not an implementation model that takes the same items."""
    name = env.write("persons.csv", "氏,名,氏（カナ）,名（カナ）,生年月日,性別,住所\n"
                     "山田,太郎,ヤマダ,タロウ,1980-01-02,1,東京都文京区白山1-2-3\n")
    code, out, err = env.run("validate", "-f", "json", name)
    check(code in (0, 1), f"exit {code}: {err}")
    model = json.loads(out)["tasks"][0]["model"]
    model_id = model["id"] if isinstance(model, dict) else model
    check(model_id.startswith("gif:"), f"picked {model_id}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
