#!/usr/bin/env python3
"""diff_e2e.py — `gifkit diff` end to end: the real binary on two monthly
versions of a municipal 公衆トイレ一覧 (written here: rows added, removed,
changed and changed only in width, a column renamed to a look-alike of its
item name and one renamed outright), every output format (the html page in a
real browser), the Tabular Diff Format applied by `daff patch` (npm daff, as
scripts/setup.sh installs it) giving NEW back, a memory limit that sorts on
disk, 個人番号 never shown, and the bad inputs of issue #13.

Each case is one function; `--list` names them, `--case NAME` runs one
(exit 0 pass, 1 fail, 77 skipped: no shared data / no browser).
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys

ROOM = "diff"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import case_runner  # noqa: E402
from case_runner import Skipped, check  # noqa: E402

DAFF = os.path.join(HERE, "node_modules", ".bin", "daff")

# Two months of the 公衆トイレ一覧 of 文京区 (written for these tests, also the examples of
# docs/diff.md and the demo). Month 1: eight toilets. Month 2: T0003 removed;
# T0005's 利用終了時間 18:00 → 20:00 (a change); T0006's 所在地_番地以下 written
# full-width (１－１: a change only in width); T0009 added after T0007; 建物名等(方書)
# written with full-width brackets (the same item) and 備考 now メモ (the same values).
MONTHS = os.path.join(HERE, "data", "diff")
MONTH1_FILE = "131059_public_toilet_2026-10.csv"
MONTH2_FILE = "131059_public_toilet_2026-11.csv"


def lines_of(name):
    with open(os.path.join(MONTHS, name), encoding="utf-8") as f:
        return f.read().splitlines()


HEADER, *MONTH1 = lines_of(MONTH1_FILE)


class Env(case_runner.Env):
    def months(self):
        """The two months, copied here (their names follow the file-name rule)."""
        for name in (MONTH1_FILE, MONTH2_FILE):
            shutil.copy(os.path.join(MONTHS, name), self.path(name))
        return self.path(MONTH1_FILE), self.path(MONTH2_FILE)

    def diff_json(self, *args, expect=1):
        code, out, err = self.run("diff", *args, "-f", "json")
        check(code == expect, f"diff {args}: exit {code}, expected {expect}\n{err}")
        return json.loads(out)


def schema_errors(document):
    """What docs/diff.schema.json finds wrong in document."""
    import jsonschema
    with open(os.path.join(HERE, "..", "..", "docs", "diff.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)]


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


# ----------------------------------------------------------------- cases

def case_monthly_open_dataset(env):
    """Two months of a 公衆トイレ一覧: the model picked by header and file name (its key
    全国地方公共団体コード + ID), T0003 removed where it stood, T0005 changed (only
    利用終了時間, old → new), T0006 changed only in width, T0009 added; 建物名等(方書) renamed
    to its look-alike (the same item) and 備考 renamed to メモ (their values agree)."""
    old, new = env.months()
    doc = env.diff_json(old, new)
    check(schema_errors(doc) == [], f"the json breaks docs/diff.schema.json: {schema_errors(doc)}")
    check(doc["model"] == "opendata:public-toilet", f"model {doc['model']}")
    check(doc["key"] == ["全国地方公共団体コード", "ID"], f"key {doc['key']}")
    columns = {c["name"]: c for c in doc["columns"]}
    check(columns["建物名等（方書）"]["change"] == "renamed"
          and columns["建物名等（方書）"]["old_name"] == "建物名等(方書)"
          and columns["建物名等（方書）"]["renamed_by"] == "item", f"columns {doc['columns']}")
    check(columns["メモ"]["change"] == "renamed" and columns["メモ"]["old_name"] == "備考"
          and columns["メモ"]["renamed_by"] == "values", f"columns {doc['columns']}")
    rows = [(r["change"], r.get("old_row"), r.get("new_row"), r["key"].get("ID")) for r in doc["rows"]]
    check(rows == [("removed", 4, None, "T0003"), ("changed", 6, 5, "T0005"),
                   ("changed", 7, 6, "T0006"), ("added", None, 8, "T0009")], f"rows {rows}")
    cells = {r["key"]["ID"]: r.get("cells") for r in doc["rows"]}
    check(cells["T0005"] == [{"column": "利用終了時間", "old": "18:00", "new": "20:00",
                              "fold_only": False}], f"T0005 {cells['T0005']}")
    summary = doc["summary"]
    check((summary["same"], summary["changed"], summary["added"], summary["removed"],
           summary["columns_renamed"], doc["equal"]) == (5, 2, 1, 1, 2, False), f"{summary}")
    # With --fold width, T0006's １－１ is fold_only, not a change.
    doc = env.diff_json(old, new, "--fold", "width")
    t6 = [r for r in doc["rows"] if r["key"]["ID"] == "T0006"][0]
    check(t6["change"] == "fold_only" and t6["cells"][0]["fold_only"], f"T0006 {t6}")
    check(doc["summary"]["changed"] == 1 and doc["summary"]["fold_only"] == 1, doc["summary"])
    # A file against itself: equal, exit 0.
    doc = env.diff_json(old, old, expect=0)
    check(doc["equal"] and doc["rows"] == [] and doc["summary"]["same"] == 8, doc["summary"])


def case_text_and_ndjson(env):
    old, new = env.months()
    code, out, err = env.run("diff", old, new)
    check(code == 1, f"exit {code} {err}")
    for line in ("column renamed: 備考 → メモ (the same values)",
                 "- row 4  全国地方公共団体コード=131059, ID=T0003",
                 "~ row 6 → 5  全国地方公共団体コード=131059, ID=T0005",
                 "    利用終了時間: 18:00 → 20:00",
                 "+ row 8  全国地方公共団体コード=131059, ID=T0009",
                 "different: 2 changed, 1 added, 1 removed, 0 fold-only, 5 the same"):
        check(line in out, f"no {line!r} in\n{out}")
    code, out, _ = env.run("diff", old, new, "-f", "ndjson")
    lines = [json.loads(line) for line in out.splitlines()]
    check([line["type"] for line in lines] == ["diff", "row", "row", "row", "row", "summary"],
          f"{[line['type'] for line in lines]}")
    check(lines[-1]["equal"] is False and lines[-1]["added"] == 1, lines[-1])
    # Each line is the document's part of the same name (docs/diff.schema.json).
    document = {k: v for k, v in lines[0].items() if k != "type"}
    document.update(problems=[], rows=[{k: v for k, v in line.items() if k != "type"}
                                       for line in lines[1:-1]],
                    summary={k: v for k, v in lines[-1].items() if k != "type"},
                    equal=lines[-1]["equal"])
    check(schema_errors(document) == [], f"ndjson: {schema_errors(document)}")


def case_tabular_diff_applied_by_daff_patch(env):
    """gifkit's csv output is the Tabular Diff Format: `daff patch OLD DIFF.csv` (npm daff)
    gives NEW back, byte for byte — with the rows added, removed and changed, the renamed
    columns, a value holding "->" and one written NULL."""
    check(os.path.exists(DAFF), f"{DAFF} missing: run scripts/setup.sh")
    old, new = env.months()
    # A value with the arrow in it and one written NULL: escaped, and still patched.
    old_text = open(old, encoding="utf-8").read().replace("改修予定", "NULL")
    new_lines = open(new, encoding="utf-8").read().splitlines()
    new_lines[1] = new_lines[1].replace("白山公園トイレ", "A->B公園トイレ")
    old = env.write("old.csv", old_text)
    new = env.write("new.csv", "\n".join(new_lines) + "\n")
    diff = env.path("diff.csv")
    code, _, err = env.run("diff", old, new, "-f", "csv", "-o", diff, "--key", "ID")
    check(code == 1, f"exit {code} {err}")
    patched = env.path("patched.csv")
    proc = subprocess.run([DAFF, "patch", "--output", patched, old, diff], capture_output=True,
                          text=True, timeout=120)
    check(proc.returncode == 0, f"daff patch: {proc.returncode} {proc.stderr}")
    check(read_rows(patched) == read_rows(new),
          f"daff patch OLD DIFF gives\n{open(patched, encoding='utf-8').read()}\n"
          f"diff:\n{open(diff, encoding='utf-8').read()}")
    text = open(diff, encoding="utf-8").read()
    check(text.startswith("!,,,,,,,,(建物名等(方書)),,,(備考)\n@@,"), f"schema row:\n{text}")
    check("-->" in text, "the arrow is not lengthened for a value holding ->")
    # A column removed (備考) and one added (電話番号, empty in most rows): every row is
    # patched with its cell of the new column.
    rows = read_rows(new)
    rows = [row[:-1] + [("03-1234-5678" if i == 2 else "") if i else "電話番号"]
            for i, row in enumerate(rows)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    new2 = env.write("new2.csv", buffer.getvalue())
    code, _, err = env.run("diff", old, new2, "-f", "csv", "-o", diff, "--key", "ID")
    check(code == 1, f"exit {code} {err}")
    proc = subprocess.run([DAFF, "patch", "--output", patched, old, diff], capture_output=True,
                          text=True, timeout=120)
    check(proc.returncode == 0 and read_rows(patched) == rows,
          f"daff patch gives\n{open(patched, encoding='utf-8').read()}\n"
          f"diff:\n{open(diff, encoding='utf-8').read()}")


def case_html_page_in_a_browser(env):
    """The html format is a page a person reads: opened in headless Chromium, its summary
    and its marked rows are what the json says; a screenshot is saved."""
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not chromedriver:
        raise Skipped("no chromium/chromedriver")
    from page_e2e import WebDriver  # noqa: E402
    old, new = env.months()
    page = env.path("diff.html")
    code, _, err = env.run("diff", old, new, "-f", "html", "-o", page)
    check(code == 1, f"exit {code} {err}")
    with open(env.path("chromedriver.log"), "w") as log:
        driver = WebDriver(chromedriver, chromium, env.path("profile"), log)
        try:
            driver.open("file://" + page)
            summary = driver.script(
                "const s = document.getElementById('summary');"
                "return [s.dataset.changed, s.dataset.added, s.dataset.removed, s.textContent];")
            check(summary[:3] == ["2", "1", "1"], f"summary {summary}")
            marked = driver.script(
                "return [...document.querySelectorAll('tr.changed del, tr.changed ins')]"
                ".map(e => e.textContent);")
            check(marked[:2] == ["18:00", "20:00"], f"marked {marked}")
            added = driver.script(
                "return [...document.querySelectorAll('tr.added')].length + '/' + "
                "[...document.querySelectorAll('tr.removed')].length;")
            check(added == "1/1", f"added/removed rows {added}")
            out = os.environ.get("GIFKIT_ARTIFACTS")
            if out:
                os.makedirs(out, exist_ok=True)
                driver.screenshot(os.path.join(out, "diff-page.png"))
        finally:
            driver.quit()


def case_memory_limit_sorts_on_disk(env):
    """--memory-limit 1 (MiB) sorts the row indexes on disk: the same diff as in memory."""
    old_rows, new_rows = [HEADER], [HEADER]
    for i in range(60000):
        row = f"131059,T{i:06d},東京都文京区,トイレ{i},トイレ,東京都文京区白山一丁目2-3,2-3,,09:00,18:00,"
        if i % 101 != 7:
            old_rows.append(row)
        if i % 103 != 9:
            new_rows.append(row.replace("18:00", "19:00") if i % 997 == 0 else row)
    old = env.write("big-old.csv", "\n".join(old_rows) + "\n")
    new = env.write("big-new.csv", "\n".join(new_rows) + "\n")
    code, in_memory, _ = env.run("diff", old, new, "-f", "ndjson")
    code2, on_disk, _ = env.run("diff", old, new, "-f", "ndjson", "--memory-limit", "1")
    check(code == code2 == 1, f"exits {code} {code2}")
    check(in_memory == on_disk, "the diff sorted on disk differs from the one in memory")
    summary = json.loads(in_memory.splitlines()[-1])
    expected = (sum(1 for i in range(60000) if i % 103 == 9 and i % 101 != 7),
                sum(1 for i in range(60000) if i % 101 == 7 and i % 103 != 9),
                sum(1 for i in range(60000) if i % 997 == 0 and i % 101 != 7 and i % 103 != 9))
    check((summary["removed"], summary["added"], summary["changed"]) == expected,
          f"{summary} expected removed/added/changed {expected}")


def case_encodings_delimiters_and_workbooks(env):
    """The same data as UTF-8 CSV, Shift_JIS CSV, TSV, standard input and an .xlsx
    workbook: equal (exit 0)."""
    old, _ = env.months()
    text = HEADER + "\n" + "\n".join(MONTH1) + "\n"
    sjis = env.write("sjis.csv", text, encoding="cp932")
    tsv = env.write("same.tsv", text.replace(",", "\t"))
    for other in (sjis, tsv):
        code, out, err = env.run("diff", old, other, "-f", "json")
        check(code == 0 and json.loads(out)["equal"], f"{other}: exit {code} {err}")
    code, out, err = env.run("diff", "-", old, "-f", "json", stdin=text)
    check(code == 0, f"stdin: exit {code} {err}")
    # A workbook of the same rows (every cell text, as a municipality's Excel file).
    import openpyxl
    book = openpyxl.Workbook()
    for line in text.splitlines():
        book.active.append(next(csv.reader([line])))
    xlsx = env.path("same.xlsx")
    book.save(xlsx)
    code, out, err = env.run("diff", old, xlsx, "-f", "json")
    check(code == 0 and json.loads(out)["equal"], f"xlsx: exit {code} {err}")


def case_individual_numbers_never_shown(env):
    """A column of 個人番号 (found by its values, as validate finds it) is shown masked in
    every format; its changes are still found."""
    def number(i):  # made up, with the check digit of 番号法施行令 第8条
        base = f"{(12345678901 + i * 7919131) % 10**11:011d}"
        total = sum(int(d) * (n + 1 if n <= 6 else n - 5)
                    for n, d in enumerate(reversed(base), start=1))
        return base + str(0 if total % 11 <= 1 else 11 - total % 11)
    numbers = [number(i) for i in range(20)]
    old = env.write("people-old.csv", "ID,整理番号,名前\n" + "".join(
        f"P{i},{numbers[i]},名{i}\n" for i in range(20)))
    new = env.write("people-new.csv", "ID,整理番号,名前\n" + "".join(
        f"P{i},{numbers[(i + 1) % 20] if i == 3 else numbers[i]},名{i}\n" for i in range(20)))
    for fmt in ("text", "json", "ndjson", "csv", "html"):
        code, out, err = env.run("diff", old, new, "--key", "ID", "-f", fmt)
        check(code == 1, f"{fmt}: exit {code} {err}")
        shown = [n for n in numbers if n in out or n in err]
        check(shown == [], f"{fmt} shows {shown}:\n{out}")
        check("************" in out, f"{fmt}: the change is not shown masked:\n{out}")


def case_bad_inputs(env):
    """A key no file has, a key one file lacks, a missing file, a directory, both inputs on
    standard input, an unknown fold: exit 2 with a message, nothing written."""
    old, new = env.months()
    out = env.path("out.json")
    cases = [
        ((old, new, "--key", "番号"), "--key 番号: neither file has a column 番号"),
        ((old, env.write("other.csv", "ID,名称\nT0001,x\n"), "--key", "地方公共団体名"),
         "only OLD"),
        ((old, env.path("missing.csv")), "missing.csv: cannot open"),
        ((old, env.tmp), "is a directory"),
        (("-", "-"), "only one of OLD and NEW can be standard input"),
        ((old, new, "--fold", "case"), "--fold case: not a fold"),
        ((old, env.write("empty.csv", "")), "empty.csv: the file has no header row"),
    ]
    for args, message in cases:
        code, _, err = env.run("diff", *args, "-o", out)
        check(code == 2 and message in err, f"{args}: exit {code}: {err}")
        check(not os.path.exists(out), f"{args}: an output was written")
    # Rows with an empty key and a key on two rows: reported, the rest compared.
    dup = env.write("dup.csv", HEADER + "\n" + MONTH1[0] + "\n" + MONTH1[0] + "\n"
                    + MONTH1[1].replace("T0002", "") + "\n")
    doc = env.diff_json(old, dup)
    codes = sorted(p["code"] for p in doc["problems"])
    check(codes == ["duplicate-key", "empty-key"], f"problems {doc['problems']}")


def evacuation_month(phone_header, phones):
    """A 指定緊急避難場所一覧 of 金沢市 listed by 石川県: four places, their telephone numbers
    under phone_header."""
    places = [("E0001", "犀川小学校", "石川県金沢市泉野町一丁目1-1"),
              ("E0002", "泉野公園", "石川県金沢市泉野町二丁目2-3"),
              ("E0003", "弥生小学校", "石川県金沢市弥生一丁目5-1"),
              ("E0004", "野町小学校", "石川県金沢市野町二丁目1-10")]
    return ("全国地方公共団体コード,ID,名称,所在地_連結表記," + phone_header + "\n" +
            "".join(f"170003,{key},{name},{address},{phone}\n"
                    for (key, name, address), phone in zip(places, phones)))


def case_phone_column_renamed_by_header_and_values(env):
    """電話番号 → 電話 (the header names the item less 番号; 3 of its 4 values agree) is one
    column renamed, so the one changed telephone number is a changed row (issue #30: it was a
    column removed and one added, and the change invisible)."""
    old = env.write("ishikawa-pref_170003_evacuation_space_2026-10.csv", evacuation_month(
        "電話番号", ["076-242-0001", "076-242-0002", "076-242-0003", "076-242-0004"]))
    new = env.write("ishikawa-pref_170003_evacuation_space_2026-11.csv", evacuation_month(
        "電話", ["076-242-0001", "076-242-0002", "076-242-0033", "076-242-0004"]))
    # Named: the four columns are the common block alone, which tells no kind (issue #55).
    model = ("--model", "opendata:evacuation-space")
    doc = env.diff_json(*model, old, new)
    check(doc["model"] == "opendata:evacuation-space", f"model {doc['model']}")
    phone = [c for c in doc["columns"] if c["name"] == "電話"]
    check(len(phone) == 1 and phone[0]["change"] == "renamed"
          and phone[0]["old_name"] == "電話番号"
          and phone[0]["renamed_by"] == "header and values", f"columns {doc['columns']}")
    check(not any(c["change"] in ("added", "removed") for c in doc["columns"]),
          f"columns {doc['columns']}")
    changed = [r for r in doc["rows"] if r["change"] == "changed"]
    check(len(changed) == 1 and changed[0]["key"]["ID"] == "E0003"
          and changed[0]["cells"] == [{"column": "電話", "old": "076-242-0003",
                                       "new": "076-242-0033", "fold_only": False}],
          f"rows {doc['rows']}")
    check(schema_errors(doc) == [], f"schema {schema_errors(doc)}")
    code, out, err = env.run("diff", *model, old, new)
    check(code == 1 and "column renamed: 電話番号 → 電話 (its header names the same item and most "
          "values agree)" in out and "電話: 076-242-0003 → 076-242-0033" in out, f"{out}{err}")
    # Two values of four agreeing are not most of them: a column removed and one added.
    other = env.write("ishikawa-pref_170003_evacuation_space_2026-12.csv", evacuation_month(
        "電話", ["076-242-0001", "076-242-0002", "076-242-0033", "076-242-0044"]))
    doc = env.diff_json(*model, old, other)
    check(sorted(c["change"] for c in doc["columns"] if c["name"] in ("電話", "電話番号"))
          == ["added", "removed"], f"columns {doc['columns']}")


CASES = case_runner.cases_of(globals())


if __name__ == "__main__":
    sys.exit(case_runner.main(CASES, Env, prefix="gifkit-diff-"))
