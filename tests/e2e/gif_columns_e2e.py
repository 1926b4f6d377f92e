#!/usr/bin/env python3
"""gif_columns_e2e.py — 51.x: GIF v2.3's address columns and how headers are bound (issue #54
parts 3 and 7), through the real binary. DS-442 (2026-03-17) adds the readings (都道府県（カナ）…,
the 2025 revision's `_読み仮名` spelling an equivalent name) and English forms (都道府県_英語表記…)
of gif:Address: its own example rows pass, hiragana in a reading fails with the katakana as the
fix, kanji in an English form fails; `--gif-version 2025` is the 2025 XSD's items exactly and
`2026` (v2.3) the newest, the default. Binding: a near miss never takes an item another column
of the file holds, nor is a header that is itself an item or an item's variant (名称_カナ,
画像2) read as a typo of another: the six cases real files hit. transform never renames a column
onto a name another column has (業種 beside 業態). Run by ctest (tests/e2e/CMakeLists.txt)."""
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import check, cases_of, main  # noqa: E402

ROOM = "dataset"  # the room these cases cover (tests/rooms.txt)

# DS-442 5 読み仮名's example, as the guide writes it (建物名等（方書）_読み仮名 included).
KANA_EXAMPLE = ("全国地方公共団体コード,町字ID,都道府県,市区町村,町字以下,建物名等（方書）,"
                "都道府県（カナ）,市区町村（カナ）,町字以下（カナ）,建物名等（方書）_読み仮名\n"
                "131016,0002002,東京都,千代田区,霞が関2-1-2,中央合同庁舎第2号館,"
                "トウキョウト,チヨダク,カスミガセキニチョウメ1-2,チュウオウゴウドウチョウシャダイニゴウカン\n")

# DS-442 4.4 英語表記のデータを管理する場合's example, beside the Japanese items it is kept in
# step with (1.1 1), the 3-item form the guide recommends for it).
ENGLISH_EXAMPLE = ("全国地方公共団体コード,町字ID,都道府県,市区町村,町字以下,建物名等（方書）,"
                   "都道府県_英語表記,市区町村_英語表記,町字以下_英語表記,建物名等（方書）_英語表記\n"
                   "131016,0002002,東京都,千代田区,霞が関2-1-2,中央合同庁舎第2号館,"
                   "Tokyo,Chiyoda-ku,2-1-2 Kasumigaseki,"
                   "2nd Bldg. of the Central Common Government Office\n")


def validate(env, text, *options, name="address.csv"):
    """(exit code, the report's first task, stderr) of validate OPTIONS -f json FILE."""
    path = env.write(name, text)
    code, out, err = env.run("validate", *options, "--format", "json", path)
    task = json.loads(out)["tasks"][0] if out.strip() else None
    return code, task, err


def findings(task, code=None):
    return [p for p in task.get("errors", []) if code is None or p.get("code") == code]


def header_findings(task):
    """{column: (code, severity)} of the findings on row 1 about the header."""
    codes = ("non-standard-item-name", "duplicate-column", "unknown-column", "equivalent-item-name")
    return {p["column"]: (p["code"], p["severity"]) for p in findings(task)
            if p.get("row") == 1 and p["code"] in codes}


def case_ds442_kana_example_passes(env):
    """DS-442's own 読み仮名 example passes gif:Address: exit 0, no error nor warning;
    建物名等（方書）_読み仮名 (the spelling before 2026-03-17) is read as 建物名等（方書）（カナ）,
    an info."""
    code, task, err = validate(env, KANA_EXAMPLE, "--model", "gif:Address")
    check(code == 0, f"exit {code}: {err} {task and findings(task)}")
    bad = [p for p in findings(task) if p["severity"] != "info"]
    check(not bad, f"findings: {bad}")
    named = header_findings(task)
    check(named.get(10) == ("equivalent-item-name", "info"), f"column 10: {named}")
    equivalent = [p for p in findings(task, "equivalent-item-name") if p["column"] == 10][0]
    check(equivalent["suggestion"] == "建物名等（方書）（カナ）", f"{equivalent}")


def case_ds442_english_example_passes(env):
    """DS-442's own 英語表記 example passes gif:Address: exit 0, nothing but infos."""
    code, task, err = validate(env, ENGLISH_EXAMPLE, "--model", "gif:Address")
    check(code == 0, f"exit {code}: {err} {task and findings(task)}")
    bad = [p for p in findings(task) if p["severity"] != "info"]
    check(not bad, f"findings: {bad}")


def case_hiragana_in_a_reading_fails_with_the_katakana(env):
    """ちよだく in 市区町村（カナ） fails: character-not-allowed at column 8 with the fix チヨダク."""
    text = KANA_EXAMPLE.replace(",チヨダク,", ",ちよだく,")
    code, task, err = validate(env, text, "--model", "gif:Address")
    check(code == 1, f"exit {code}: {err}")
    found = [p for p in findings(task, "character-not-allowed") if p["column"] == 8]
    check(found and found[0].get("suggestion") == "チヨダク", f"findings: {findings(task)}")


def case_kanji_in_an_english_form_fails(env):
    """霞が関 in 町字以下_英語表記 fails: character-not-allowed at column 9; 全角 letters in
    都道府県_英語表記 are a wrong-width warning with the half-width fix."""
    text = ENGLISH_EXAMPLE.replace("2-1-2 Kasumigaseki", "2-1-2 霞が関").replace(",Tokyo,",
                                                                                ",Ｔｏｋｙｏ,")
    code, task, err = validate(env, text, "--model", "gif:Address")
    check(code == 1, f"exit {code}: {err}")
    check([p for p in findings(task, "character-not-allowed") if p["column"] == 9],
          f"findings: {findings(task)}")
    width = [p for p in findings(task, "wrong-width") if p["column"] == 7]
    check(width and width[0].get("suggestion") == "Tokyo", f"findings: {findings(task)}")


def case_gif_version_2025_and_2026(env):
    """--gif-version 2025 checks the 2025 XSD's items exactly: the reading columns are unknown
    (warnings), none bound to 市区町村（郡） as a near miss; 2026 and v2.3 bind them, as the
    default does; the report names the release."""
    code, task, err = validate(env, KANA_EXAMPLE, "--gif-version", "2025", "--model", "gif:Address")
    check(task is not None and task["model"] == "gif2025:Address", f"{err} {task and task['model']}")
    named = header_findings(task)
    for column in (7, 8, 9, 10):
        check(named.get(column, ("",))[0] == "unknown-column", f"column {column}: {named}")
    check(not findings(task, "duplicate-column"), f"{findings(task)}")
    for version in ("2026", "v2.3"):
        code, task, err = validate(env, KANA_EXAMPLE, "--gif-version", version, "--model",
                                   "gif:Address")
        check(code == 0 and task["model"] == "gif:Address", f"{version}: exit {code} {err}")
    code, task, err = validate(env, KANA_EXAMPLE)  # auto-pick: the newest
    check(task is not None and task["model"] == "gif:Address", f"{err} {task and task['model']}")
    check("GIF release 2026" in task.get("modelNote", ""), f"note: {task.get('modelNote')}")


def case_model_diff_2025_to_v23(env):
    """model diff gif2025:Address gif:Address lists the eight items v2.3 adds, each 'added'."""
    code, out, err = env.run("model", "diff", "gif2025:Address", "gif:Address", "-f", "json")
    check(code in (0, 1), f"exit {code}: {err}")
    diff = json.loads(out)
    text = json.dumps(diff, ensure_ascii=False)
    for item in ("prefectureKana", "cityAndCountyKana", "streetAddressAndCityBlockKana",
                 "buildingNameEtcKana", "prefectureEnglish", "cityAndCountyEnglish",
                 "streetAddressAndCityBlockEnglish", "buildingNameEtcEnglish"):
        check(item in text, f"{item} not in the diff: {text[:800]}")
    check("2026" in text, f"the release is not named: {text[:400]}")


def bound(task):
    """{column: code} of the header findings that are errors (non-standard or duplicate)."""
    return {c: v for c, v in header_findings(task).items() if v[1] == "error"}


def case_near_miss_beside_its_item_is_unknown(env):
    """The six bindings real files got wrong, each a column beside the item it was bound to as a
    near miss: 通称 beside 名称, バリアフリー対応 beside バリアフリー情報, 画像2 beside 画像 (suisho:
    tourism); 施設名称_英字 beside 施設名称_カナ, 業種 beside 業態 (suisho:food-business);
    市区町村（カナ） beside 市区町村 (gif2025:Address). Each is unknown (a warning), never
    non-standard nor duplicate-column: no header error at all."""
    tourism = ("都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,通称,バリアフリー情報,"
               "バリアフリー対応,画像,画像2\n"
               "172014,1,石川県,金沢市,兼六園,兼六公園,車椅子可,あり,a.jpg,b.jpg\n")
    code, task, err = validate(env, tourism, "--model", "suisho:tourism", name="t.csv")
    check(not bound(task), f"header errors: {bound(task)}")
    named = header_findings(task)
    for column in (6, 8, 10):
        check(named.get(column, ("",))[0] == "unknown-column", f"column {column}: {named}")
    food = ("都道府県コード又は市区町村コード,No,都道府県名,市区町村名,施設名称,施設名称_カナ,施設名称_英字,"
            "業種,業態\n"
            "222127,1,静岡県,焼津市,食堂,ショクドウ,Shokudo,飲食店営業,一般食堂\n")
    code, task, err = validate(env, food, "--model", "suisho:food-business", name="f.csv")
    check(not bound(task), f"header errors: {bound(task)}")
    named = header_findings(task)
    for column in (7, 8):
        check(named.get(column, ("",))[0] == "unknown-column", f"column {column}: {named}")
    address = "都道府県,市区町村,市区町村（カナ）\n東京都,千代田区,チヨダク\n"
    code, task, err = validate(env, address, "--gif-version", "2025", "--model", "gif:Address")
    check(not bound(task), f"header errors: {bound(task)}")


def case_a_near_miss_alone_still_binds(env):
    """A typo with nothing of its own (市区町村（群） for 市区町村（郡）) is still read as the
    item, a non-standard name: the rule takes only names that are items or taken."""
    text = "都道府県,市区町村（群）\n東京都,千代田区\n"
    code, task, err = validate(env, text, "--model", "gif:Address")
    named = header_findings(task)
    check(named.get(2) == ("non-standard-item-name", "error"), f"{named}")


def case_partial_model_unknowns_are_infos(env):
    """A partial model's columns it does not know are infos (docs/opendata.md): 名称_英字 of the
    石川県 公共施設 file is the 新 layout's other spelling of 名称_英語 (an equivalent, info), and
    a column the model lacks is one columns-not-checked info naming it, never an error."""
    text = ("全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,名称_英字,名称_通称\n"
            "170003,1,石川県,県庁,ケンチョウ,Kencho,県庁舎\n")
    code, task, err = validate(env, text, "--model", "opendata:public-facility",
                               name="ishikawa_170003_public_facility.csv")
    named = header_findings(task)
    check(named.get(6) == ("equivalent-item-name", "info"), f"{named}")
    check(7 not in named, f"{named}")
    notes = [p for p in findings(task) if p["code"] == "columns-not-checked"]
    check(len(notes) == 1 and notes[0]["severity"] == "info" and "名称_通称" in notes[0]["message"],
          f"{notes}")
    check(not bound(task), f"header errors: {bound(task)}")


def case_transform_never_renames_onto_an_existing_column(env):
    """transform of a file with 業種 before 業態 (suisho:food-business): 業態 keeps its values and
    is the one 業態 column of the output; 業種 keeps its name; no rename onto 業態 is logged."""
    text = ("都道府県コード又は市区町村コード,No,都道府県名,市区町村名,施設名称,業種,業態\n"
            "222127,1,静岡県,焼津市,食堂,飲食店営業,一般食堂\n")
    source = env.write("food.csv", text)
    out = env.path("out.csv")
    log = env.path("log.ndjson")
    code, stdout, err = env.run("transform", source, "-m", "suisho:food-business", "-o", out,
                                "--log", log)
    check(code in (0, 1), f"exit {code}: {err}")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    check(header.count("業態") == 1, f"header: {header}")
    check("業種" in header, f"header: {header}")
    check(rows[1][header.index("業態")] == "一般食堂", f"rows: {rows}")
    check(rows[1][header.index("業種")] == "飲食店営業", f"rows: {rows}")
    with open(log, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    renames = [r for r in records if str(r.get("rule", "")).startswith("rename")
               and r.get("after") == "業態"]
    check(not renames, f"renamed onto 業態: {renames}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
