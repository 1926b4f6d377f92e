#!/usr/bin/env python3
"""releases_e2e.py — 45.x: the GIF releases 2022 and 2024 as models through the real binary
(issue #34): `gifkit validate --model gif2022:Person` and gif2024:Person on small files written
by hand to each release's columns (the 2022 item catalog Person.csv, the 2024 XSD's Person):
a good file passes, a file missing a required item or holding a bad value fails with the code
and the column; `gifkit model list` shows the releases, `gifkit model show gif2022:Person`
the 2022 items, `gifkit model check` compares each release with its own official file. Run by
ctest (tests/e2e/CMakeLists.txt)."""
import csv
import glob
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import check, cases_of, main  # noqa: E402

ROOM = "model"  # the room these cases cover (tests/rooms.txt)

# 個人 as the 2022 catalog has it: 氏・名 and their カナ, ID群 and 性別 required; 連絡先情報
# (個人連絡先) required, so its 連絡先電話番号 and 郵便番号 are required too.
PERSON_2022 = ("ID群,氏,名,氏（カナ）,名（カナ）,性別,生年月日,戸籍氏名,身長,連絡先電話番号,郵便番号\n"
               "教員番号 1234567,山田,花子,ヤマダ,ハナコ,2,2000-01-01,山田 花子,155,03-5253-2111,1000014\n"
               "教員番号 1234568,鈴木,一郎,スズキ,イチロウ,1,1985-12-24,鈴木 一郎,170.5,0120-123-456,1130001\n")

# 個人 as the 2024 XSD has it: the same items, and 生年月日 required (minOccurs 1).
PERSON_2024 = ("identificationGroup,氏,名,氏（カナ）,名（カナ）,性別,生年月日,連絡先電話番号,郵便番号\n"
               "教員番号 1234567,山田,花子,ヤマダ,ハナコ,2,2000-01-01,03-5253-2111,1000014\n")


def validate_json(env, model, text, name="people.csv"):
    """(exit code, the report's first task, stderr) of validate --model MODEL -f json."""
    path = env.write(name, text)
    code, out, err = env.run("validate", "--model", model, "--format", "json", path)
    task = json.loads(out)["tasks"][0] if out.strip() else None
    return code, task, err


def problems(task):
    return [(p.get("code"), p.get("column")) for p in task.get("errors", [])]


def case_2022_person_file_passes(env):
    """A file written to the 2022 catalog's 個人 (ID群, 性別 as a code, 戸籍氏名 and 身長, items
    2025 has not) validates against gif2022:Person: exit 0, no errors, the model named."""
    code, task, err = validate_json(env, "gif2022:Person", PERSON_2022)
    check(code == 0, f"exit {code}: {err} {task and problems(task)}")
    check(task["model"] == "gif2022:Person", f"model: {task['model']}")
    check(not task.get("errors"), f"errors: {task.get('errors')}")


def case_2022_person_missing_required_item(env):
    """Without 氏（カナ） (必 in the 2022 catalog) the file fails: exit 1, missing-column naming
    氏（カナ）. The same file passes gif:Person (2025 requires nothing in its base class)."""
    rows = [line.split(",") for line in PERSON_2022.splitlines()]
    text = "".join(",".join(r[:3] + r[4:]) + "\n" for r in rows)
    code, task, err = validate_json(env, "gif2022:Person", text)
    check(code == 1, f"exit {code}: {err}")
    missing = [p for p in task["errors"] if p.get("code") == "missing-column"]
    check(missing and "氏（カナ）" in json.dumps(missing, ensure_ascii=False),
          f"missing-column 氏（カナ）: {task['errors']}")
    code, task, err = validate_json(env, "gif:Person", text, "people-2025.csv")
    check(code == 0, f"gif:Person: exit {code}: {task and problems(task)} {err}")


def case_2022_person_bad_values(env):
    """A 性別 outside SexCodeList and a 生年月日 that is no date fail at their columns, exit 1."""
    text = PERSON_2022.replace(",2,2000-01-01,", ",女,2000-13-01,")
    code, task, err = validate_json(env, "gif2022:Person", text)
    check(code == 1, f"exit {code}: {err}")
    found = problems(task)
    check(any(c == 6 for _, c in found), f"no problem at 性別 (column 6): {found}")
    check(any(c == 7 for _, c in found), f"no problem at 生年月日 (column 7): {found}")


# 個人 as a 2022 system exports it: 性別 as the catalog's 記入例 writes a コード情報型 (JSON), no
# 生年月日 (必 is not marked in the catalog: optional in 2022, required by the 2024 XSD).
PERSON_2022_JSON = ('ID群,氏,名,氏（カナ）,名（カナ）,性別,戸籍氏名,身長,連絡先電話番号,郵便番号\n'
                    '教員番号 1234567,山田,花子,ヤマダ,ハナコ,"{""種別"": ""2"", ""種別関連情報"": ""女性""}",'
                    '山田 花子,155,03-5253-2111,1000014\n')


def case_2022_file_auto_picked_by_its_items_and_requirements(env):
    """Without --model: 戸籍氏名 and 身長 are no items of 2025; 2022 and 2024 fit the header
    alike, but 2024 requires 生年月日, which the file lacks — so 2022 is checked (exit 0), and
    the note says all of it. With --gif-version 2024 the same file fails on 生年月日."""
    path = env.write("persons.csv", PERSON_2022_JSON)
    code, out, err = env.run("validate", "--format", "json", path)
    task = json.loads(out)["tasks"][0]
    check(code == 0 and task["model"] == "gif2022:Person",
          f"exit {code}: {task['model']}: {task['modelNote']} {problems(task)} {err}")
    for part in ("GIF release 2022", "戸籍氏名 and 身長 are no items of release 2026",
                 "release 2024 requires items it lacks"):
        check(part in task["modelNote"], f"the note lacks {part!r}: {task['modelNote']}")
    code, out, err = env.run("validate", "--gif-version", "2024", "--format", "json", path)
    task = json.loads(out)["tasks"][0]
    check(code == 1 and task["model"] == "gif2024:Person", f"exit {code}: {task['model']} {err}")
    check(any(p["code"] == "missing-column" and "生年月日" in p["message"] for p in task["errors"]),
          f"no missing 生年月日: {problems(task)}")


def case_2022_code_information_written_as_json(env):
    """性別 written as the catalog's コード情報型 JSON is checked by its 種別: 2 passes; 5 is
    not-in-code-list at column 6; an object without 種別 is invalid-format there."""
    code, task, err = validate_json(env, "gif2022:Person", PERSON_2022_JSON)
    check(code == 0 and not task.get("errors"), f"exit {code}: {problems(task)} {err}")
    bad = PERSON_2022_JSON.replace('""種別"": ""2""', '""種別"": ""5""')
    code, task, err = validate_json(env, "gif2022:Person", bad, "bad.csv")
    check(code == 1 and ("not-in-code-list", 6) in problems(task), f"exit {code}: {problems(task)}")
    broken = PERSON_2022_JSON.replace('""種別"": ""2"", ', "")
    code, task, err = validate_json(env, "gif2022:Person", broken, "broken.csv")
    check(code == 1 and ("invalid-format", 6) in problems(task), f"exit {code}: {problems(task)}")


def case_gif_version_makes_gif_ids_name_that_release(env):
    """--gif-version 2022 --model gif:Person checks against gif2022:Person (the report names it);
    a pattern 2022 does not have is refused with exit 2."""
    path = env.write("persons.csv", PERSON_2022_JSON)
    code, out, err = env.run("validate", "--gif-version", "2022", "--model", "gif:Person",
                             "--format", "json", path)
    check(code == 0 and json.loads(out)["tasks"][0]["model"] == "gif2022:Person",
          f"exit {code}: {out[:300]} {err}")
    code, out, err = env.run("validate", "--gif-version", "2022", "--model", "gif:Person_MP01",
                             path)
    check(code == 2 and "GIF release 2022 has no 個人の必須パターン1" in err, f"exit {code}: {err}")


def case_2024_person_file_passes_and_needs_birth_date(env):
    """A file written to the 2024 XSD's Person (a header by its English element name, taken as
    the item's id) validates against gif2024:Person; without 生年月日 (minOccurs 1 in the 2024
    XSD, optional in the 2022 catalog whose 必須項目 and 最小回数 disagree) it fails."""
    code, task, err = validate_json(env, "gif2024:Person", PERSON_2024)
    check(code == 0, f"exit {code}: {err} {task and problems(task)}")
    check(task["model"] == "gif2024:Person", f"model: {task['model']}")
    rows = [line.split(",") for line in PERSON_2024.splitlines()]
    text = "".join(",".join(r[:6] + r[7:]) + "\n" for r in rows)
    code, task, err = validate_json(env, "gif2024:Person", text, "no-birth-date.csv")
    check(code == 1, f"exit {code}: {err}")
    check("生年月日" in json.dumps(task["errors"], ensure_ascii=False), f"errors: {task['errors']}")
    code, task, err = validate_json(env, "gif2022:Person", text.replace("identificationGroup", "ID群"),
                                    "no-birth-date-2022.csv")
    check(code == 0, f"gif2022:Person without 生年月日: exit {code}: {task and problems(task)}")


def case_2024_bad_phone(env):
    """A 連絡先電話番号 that is no phone number fails gif2024:Person at column 8, exit 1."""
    code, task, err = validate_json(env, "gif2024:Person", PERSON_2024.replace("03-5253-2111", "電話なし"))
    check(code == 1, f"exit {code}: {err}")
    check(any(c == 8 for _, c in problems(task)), f"problems: {problems(task)}")


def case_model_list_shows_the_releases(env):
    """`gifkit model list` lists the 18 models of each earlier release beside gif:."""
    code, out, err = env.run("model", "list")
    check(code == 0, f"exit {code}: {err}")
    for release in ("gif2022", "gif2024"):
        ids = [line for line in out.splitlines() if line.strip().startswith(release + ":")
               and not line.strip().endswith(":")]
        check(len(ids) == 18, f"{release}: {len(ids)} models listed")
    check("gif2022:Person" in out and "gif2024:IDInformationModel" in out, out[:400])


def case_model_show_a_2022_model(env):
    """`gifkit model show gif2022:Person` shows its items with the catalog's names."""
    code, out, err = env.run("model", "show", "gif2022:Person")
    check(code == 0, f"exit {code}: {err}")
    for text in ("gif2022:Person", "familyRegisterName", "戸籍氏名", "residenceAddress"):
        check(text in out, f"{text} not shown: {out[:600]}")


def case_model_check_compares_each_release_with_its_file(env):
    """`gifkit model check` compares 2025 with its XSD, 2024 with the 2024 XSD and 2022 with the
    item catalogs: exit 0, 0 mismatches; without the 2022 catalogs (a --data that lacks them)
    it cannot run: exit 2, naming the folder."""
    code, out, err = env.run("model", "--data", env.data, "check")
    check(code == 0, f"exit {code}: {out[-800:]} {err}")
    last = out.strip().splitlines()[-1]
    check("18 with the 2024 XSD" in last and "18 with the 2022 item catalogs" in last and
          last.endswith("0 mismatches"), last)
    partial = env.path("data")
    os.makedirs(os.path.join(partial, "gif", "versions"), exist_ok=True)
    for name in ("GIF_Core_DataModel.xsd", "GIF_Core_CodeList.xsd"):
        os.symlink(os.path.join(os.path.abspath(env.data), "gif", name), os.path.join(partial, "gif", name))
    os.symlink(os.path.join(os.path.abspath(env.data), "gif", "versions", "2024-10-01"),
               os.path.join(partial, "gif", "versions", "2024-10-01"))
    code, out, err = env.run("model", "--data", partial, "check")
    check(code == 2 and "dmd-csv-2022" in err, f"exit {code}: {err}")


# 記入例 that are no value of their item: a value with its meaning (住居表示フラグ
# "1:住居表示実施"); コード情報型 written as JSON (the models check the code alone, and say so).
NOT_VALUES = {("Address", "displayedAddressFlag")}


def case_2022_catalog_examples_pass_their_models(env):
    """Never fail correct data: for each of the 18 catalogs, a row of its own 記入例 (items that
    hold a class, コード情報型 in JSON and placeholders in （） left out) validates against its
    gif2022 model and its gif2024 model with no problem on the row — the models ask nothing the
    catalogs' own examples do not meet (番地以下 ７ー１ in full width, 商号 株式会社GIF half-width)."""
    checked = 0
    for path in sorted(glob.glob(os.path.join(env.data, "gif", "dmd-csv-2022", "*.csv"))):
        stem = os.path.basename(path)[:-4]
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        header, values = [], []
        for row in rows:
            example = row["記入例"].strip()
            if (row["形式"].startswith("pd:") or example.startswith(("{", "（", '"')) or not example
                    or (stem, row["項目名（英語）"]) in NOT_VALUES):
                continue
            header.append(row["項目名"])
            values.append(example)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, values])
        file = env.write(f"{stem}.csv", out.getvalue())
        type_2024 = {"IDInformationType": "IDInformationModel", "Office": "BusinessPlace",
                     "CodeInformationType": "CodeInformationModel",
                     "RoleInformationType": "RoleInformationModel"}.get(stem, stem)
        for model in (f"gif2022:{stem}", f"gif2024:{type_2024}"):
            code, out_text, err = env.run("validate", "--model", model, "--format", "json", file)
            check(code in (0, 1) and out_text.strip(), f"{model}: exit {code}: {err}")
            task = json.loads(out_text)["tasks"][0]
            # Not about one item's example: the examples of the address items name different
            # places (町字 永田町１丁目, 連結表記 紀尾井町1-3), so the row disagrees with itself;
            # and DS-442's half-width numbers in an address line, a warning in every release,
            # which the 2022 catalog's examples predate (永田町１丁目).
            on_row = [p for p in task.get("errors", []) + task.get("warnings", [])
                      if p.get("row") == 2 and p["code"] != "address-parts-disagree"
                      and not (p["code"] == "wrong-width" and p["severity"] == "warning"
                               and "DS-442" in p["message"]
                               and "in its numbers" in p["message"])]
            check(not on_row, f"{model}: the catalog's own 記入例 fail: {on_row}")
            checked += 1
    check(checked == 36, f"{checked} models checked")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="gif/dmd-csv-2022"))
