#!/usr/bin/env python3
"""dash_sheets_e2e.py — 53.x: dashes between digits are dashes, and the sheets' own blank
rules (issue #54, parts 8 and 5), with the real binary on files written here from the
column lists of ../shared/data's real files:

  - 5ｰ11 (U+FF70, the half-width long vowel mark, between digits) in 所在地_連結表記 and
    所在地_番地以下: validate suggests 5-11 (never the long vowel 5ー11), transform writes
    5-11, `address normalize` gives 5-11 — one reading; コーポ and センター (ｰ after kana)
    stay long vowels;
  - a telephone number 03ｰ1234ｰ5678: the suggestion 03-1234-5678;
  - the old 推奨 指定緊急避難場所一覧 with blank 災害種別 cells (特記事項: blank means 未対応)
    passes, with no missing-value; ○ in a 1-or-blank column is one finding for the column
    (the count of its cells in it) with the fix "write 1", and transform writes 1.

Run by ctest (tests/e2e/CMakeLists.txt); exit 77 = skipped (no shared data)."""
import csv
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Failure, check, cases_of, main  # noqa: E402

ROOM = "checks"  # the room these cases cover (tests/rooms.txt)

TOILET = os.path.join("opendata-real", "municipal", "yaizu-city_222127_public_toilet.csv")
PRESCHOOL = os.path.join("opendata-real", "municipal", "yaizu-city_222127_preschool.csv")


def run(env, *args):
    """(exit code, stdout text, stderr text) of gifkit ARGS in the case's folder."""
    proc = subprocess.run([env.gifkit, *args], capture_output=True, cwd=env.tmp, timeout=300)
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"))


def rows_of(env, relative):
    with open(os.path.join(env.data, relative), encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_csv(env, name, rows):
    path = env.path(name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def problems(env, path, *options):
    """(exit code, the json report's problems) of validate PATH."""
    code, out, err = run(env, "validate", "-f", "json", *options, path)
    check(code in (0, 1), f"validate exit {code}: {err}")
    report = json.loads(out)
    return code, [p for task in report["tasks"] for p in task.get("errors", [])]


def toilet_file(env):
    """A 公衆トイレ一覧 (new) of the real file's columns: 5ｰ11 in the address, コーポ and
    センター in half-width kana."""
    rows = rows_of(env, TOILET)
    header = rows[0]

    def row(i, **values):
        cells = dict(zip(header, rows[i]))
        cells.update(values)
        return [cells[name] for name in header]

    return header, write_csv(env, "toilet.csv", [
        header,
        row(1, 所在地_連結表記="静岡県焼津市駅北5丁目5ｰ11", 所在地_番地以下="5ｰ11"),
        row(2, 名称="ｺｰﾎﾟ駅北ｾﾝﾀｰ", 所在地_連結表記="静岡県焼津市駅北5丁目2-11 ｺｰﾎﾟ"),
    ])


def case_validate_reads_the_dash(env):
    _, path = toilet_file(env)
    _, found = problems(env, path)
    # (Its second row's 連結表記 also holds a building 建物名等 has not: address-parts-disagree,
    # a finding of its own, without a fix.)
    suggestions = {(p.get("field"), p.get("value")): p.get("suggestion") for p in found
                   if p.get("code") != "address-parts-disagree"}
    got = [(p.get("field"), p.get("value"), p.get("suggestion")) for p in found]
    check(suggestions.get(("所在地_連結表記", "静岡県焼津市駅北5丁目5ｰ11")) ==
          "静岡県焼津市駅北5丁目5-11", f"連結表記: {got}")
    block = [p for p in found if p.get("value") == "5ｰ11"]
    check(len(block) == 1 and block[0].get("suggestion") == "5-11",
          f"番地以下: one finding, 5-11: {block}")
    check(suggestions.get(("名称", "ｺｰﾎﾟ駅北ｾﾝﾀｰ")) == "コーポ駅北センター", f"名称: {got}")
    check(suggestions.get(("所在地_連結表記", "静岡県焼津市駅北5丁目2-11 ｺｰﾎﾟ")) ==
          "静岡県焼津市駅北5丁目2-11 コーポ", f"コーポ: {got}")
    check(not any("5ー11" in (p.get("suggestion") or "") for p in found),
          f"a long vowel between digits suggested: {got}")


def case_transform_writes_the_dash(env):
    header, path = toilet_file(env)
    out = env.path("out.csv")
    code, _, err = run(env, "transform", path, "-o", out)
    check(code == 0, f"transform exit {code}: {err}")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    cells = dict(zip(rows[0], rows[1]))
    check(cells["所在地_連結表記"] == "静岡県焼津市駅北5丁目5-11", f"連結表記 {cells['所在地_連結表記']}")
    check(cells["所在地_番地以下"] == "5-11", f"番地以下 {cells['所在地_番地以下']}")
    second = dict(zip(rows[0], rows[2]))
    check(second["名称"] == "コーポ駅北センター", f"名称 {second['名称']}")
    check(second["所在地_連結表記"] == "静岡県焼津市駅北5丁目2-11 コーポ",
          f"連結表記 {second['所在地_連結表記']}")
    text = "\n".join(",".join(r) for r in rows)
    check("5ー11" not in text and "5ｰ11" not in text, "a long vowel mark between digits written")


def case_normalize_agrees(env):
    db = env.path("abr.db")
    code, _, err = run(env, "registry", "build", "-o", db,
                       os.path.join(env.data, "abr", "national"))
    check(code == 0, f"registry build exit {code}: {err}")
    code, out, err = run(env, "address", "normalize", "--registry", db, "-f", "ndjson",
                         "静岡県焼津市駅北5丁目5ｰ11", "愛媛県松山市築山町5ｰ11")
    check(code == 0, f"address normalize exit {code}: {err}")
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    check(len(lines) == 2, f"two results: {out}")
    for line in lines:
        check(line["output"].endswith("5-11"), json.dumps(line, ensure_ascii=False))


def case_phone_dash(env):
    rows = rows_of(env, PRESCHOOL)
    header = rows[0]
    row = rows[1][:]
    row[header.index("電話番号")] = "03ｰ1234ｰ5678"
    path = write_csv(env, "preschool.csv", [header, row])
    _, found = problems(env, path)
    phone = [p for p in found if p.get("field") == "電話番号"]
    check(len(phone) == 1 and phone[0].get("suggestion") == "03-1234-5678", f"{phone}")


def evacuation_old(env, marks):
    """An old 推奨 指定緊急避難場所一覧 of three places: 災害種別 1 or blank, and in 洪水
    the values `marks` gives."""
    header = ["NO", "名称", "名称_カナ", "住所", "方書", "緯度", "経度", "標高", "電話番号",
              "内線番号", "市区町村コード", "都道府県名", "市区町村名", "災害種別_洪水",
              "災害種別_崖崩れ、土石流及び地滑り", "災害種別_高潮", "災害種別_地震", "災害種別_津波",
              "災害種別_大規模な火事", "災害種別_内水氾濫", "災害種別_火山現象", "指定避難所との重複",
              "想定収容人数", "対象となる町会・自治会", "URL", "備考"]
    rows = [header]
    for i, flood in enumerate(marks, 1):
        rows.append([f"{i}", f"避難場所{i}", "ヒナンバショ", f"静岡県焼津市本町{i}-1", "", "34.86",
                     "138.32", "", "054-626-1139", "", "222127", "静岡県", "焼津市", flood, "",
                     "", "1", "1", "", "", "", "", "", "", "", ""])
    return write_csv(env, "222127_evacuation_space.csv", rows)


def case_blank_means_not_supported(env):
    path = evacuation_old(env, ["1", "", ""])
    code, found = problems(env, path, "--model", "suisho:evacuation-space")
    missing = [p for p in found if p.get("code") == "missing-value"]
    check(not missing, f"blank 災害種別 reported missing: {missing}")
    check(code == 0, f"exit {code}: {[p.get('code') for p in found]}")


def case_mark_for_one_is_one_finding(env):
    path = evacuation_old(env, ["○", "○", "〇"])
    code, found = problems(env, path, "--model", "suisho:evacuation-space")
    flood = [p for p in found if p.get("field") == "災害種別_洪水"]
    check(len(flood) == 1, f"one finding for the column: {flood}")
    fix = flood[0].get("fix") or {}
    check(fix.get("to") == "1" and fix.get("rule") == "write-1", f"fix: {flood[0]}")
    check("3 cells" in flood[0].get("message", ""), f"the count: {flood[0]}")
    check(not [p for p in found if p.get("code") == "missing-value"], "missing-value")
    out = env.path("out.csv")
    code, _, err = run(env, "transform", path, "-m", "suisho:evacuation-space", "-o", out)
    check(code == 0, f"transform exit {code}: {err}")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("災害種別_洪水")
    check([r[column] for r in rows[1:]] == ["1", "1", "1"], f"transform: {rows}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="opendata-real"))
