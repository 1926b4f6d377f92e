#!/usr/bin/env python3
"""lost_characters_e2e.py — 54.x: the defects a person sees at a glance in a cell (issue #55
parts 1, 5b/5c and 6), through the real binary, on files written from the real patterns under
the header of a real file (../shared/data/opendata-real: 焼津市's 子育て施設一覧 and 公衆トイレ一覧,
their header lines copied, not their data):
  - a character lost in a Shift_JIS round trip (11:00?13:30, Caff? maar, 本町2?16?45,
    新井3丁目17?13, 2ｰ1ｰ13??村ﾋﾞﾙ) is `character-lost` at its cell — an error in a name, an
    address or a time, a warning in free text — with no fix, in transform's review list with the
    value left as it was, and `address normalize` (the CLI and the service, one address and a
    batch) says the input is damaged; a real question (営業中ですか?, Q&A?, a URL's ?id=3) is none;
  - a count written `50,700 ` is fixed to 50700, `1,5` and `50,70` get no fix;
  - spaces and U+3000 around a text item's value: a warning, trimmed by transform;
  - a date cell exported as its Excel serial (45016, 22196) is the date it stands for, converted
    by transform (a far one for review); R02.07.21 and H14.08.21 still read; an .xlsx date cell
    (a date number format) is read as its date;
  - the real files: lost characters reported in Ishikawa's files (where they are) and in no
    other file.
Run by ctest (tests/e2e/CMakeLists.txt)."""
import csv
import io
import json
import os
import sys
import zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import cases_of, check, main  # noqa: E402
from serve_support import Server  # noqa: E402

ROOM = "checks"  # the room these cases cover (tests/rooms.txt): the per-value checks

REAL = os.path.join("opendata-real", "municipal")
PRESCHOOL = "yaizu-city_222127_preschool.csv"
TOILET = "yaizu-city_222127_public_toilet.csv"


def header_of(env, name):
    """The header line of a real file (its column names only)."""
    with open(os.path.join(env.data, REAL, name), encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f))


# One row of a 子育て施設一覧 (the columns of yaizu-city_222127_preschool.csv), written here.
PRESCHOOL_ROW = {
    "都道府県コ―ド又は市区町村コ―ド": "222127", "都道府県名": "静岡県", "市区町村名": "焼津市",
    "名称": "焼津市立大富幼稚園", "名称_カナ": "ヤイヅシリツオオトミヨウチエン", "種別": "公立幼稚園",
    "住所": "静岡県焼津市中根新田638", "緯度": "34.833747", "経度": "138.293767",
    "電話番号": "054-624-3668", "FAX番号": "054-624-3668", "認可等年月日": "2020-04-01",
    "収容定員": "70", "受入年齢": "4歳から", "利用可能曜日": "月火水木金", "開始時間": "09:00",
    "終了時間": "14:30", "一時預かりの有無": "無",
}


def write_rows(env, name, header, base, rows):
    """A CSV of header and one row per dict of rows (base's values, the row's over them; NO
    numbered from 0013010001)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for i, changes in enumerate(rows):
        values = dict(base, NO=f"00130100{i + 1:02d}", ID=f"LL{i + 1:04d}")
        values.update(changes)
        writer.writerow([values.get(column, "") for column in header])
    env.write(name, out.getvalue())
    return env.path(name)


LOST_ROWS = [
    {"利用可能日時特記事項": "11:00?13:30"},  # row 2: free text, a warning
    {"名称": "Caff? maar"},  # row 3: a name, an error
    {"住所": "本町2?16?45"},  # row 4: an address
    {"住所": "新井3丁目17?13"},  # row 5
    {"方書": "2ｰ1ｰ13??村ﾋﾞﾙ"},  # row 6: an address's 方書
    {"備考": "営業中ですか?"},  # row 7: a question, nothing
    {"備考": "Q&A?", "URL": "https://example.jp/map?id=3"},  # row 8: nothing
    {"利用可能日時特記事項": "休館日：12月29日\uFFFD1月3日"},  # row 9: U+FFFD, a warning
]


def lost_file(env):
    return write_rows(env, "preschool_lost.csv", header_of(env, PRESCHOOL), PRESCHOOL_ROW,
                      LOST_ROWS)


def report(env, *args, exit_code=None):
    code, out, err = env.run("validate", "-f", "json", "--max-errors", "1000", *args)
    if exit_code is not None:
        check(code == exit_code, f"exit {code}, expected {exit_code}: {err}\n{out[:3000]}")
    return json.loads(out)["tasks"][0]


def findings(task):
    return task.get("errors", []) + task.get("warnings", []) + task.get("infos", [])


def of_code(task, code):
    return sorted(((p["row"], p["field"], p["severity"], p.get("suggestion") or "")
                   for p in findings(task) if p["code"] == code))


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def case_lost_characters_reported_at_their_cells(env):
    """Each lost character at its cell, an error in a name or an address, a warning in free
    text, no fix; the questions and the URL's query get nothing."""
    task = report(env, lost_file(env), exit_code=1)
    expected = [
        (2, "利用可能日時特記事項", "warning", ""),
        (3, "名称", "error", ""),
        (4, "住所", "error", ""),
        (5, "住所", "error", ""),
        (6, "方書", "error", ""),
        (9, "利用可能日時特記事項", "warning", ""),
    ]
    check(of_code(task, "character-lost") == expected, of_code(task, "character-lost"))
    by_row = {p["row"]: p for p in findings(task) if p["code"] == "character-lost"}
    check("probably lost in an encoding round trip" in by_row[4]["message"]
          and "本町2?16?45" in by_row[4]["message"], by_row[4])
    check(by_row[6]["value"] == "2ｰ1ｰ13??村ﾋﾞﾙ" and "?? at character 7" in by_row[6]["message"],
          by_row[6])
    # The damaged value is not "fixed" by another check (the half-width kana of 方書).
    check([p["code"] for p in findings(task) if p["row"] == 6] == ["character-lost"],
          [p for p in findings(task) if p["row"] == 6])
    quiet = [p for p in findings(task) if p["row"] in (7, 8)]
    check(quiet == [], quiet)


def case_lost_characters_go_to_the_review_list(env):
    """transform leaves each damaged value as it was and lists it for review."""
    source = lost_file(env)
    code, out, err = env.run("transform", source, "-o", "out.csv", "--review", "review.csv",
                             "--log", "log.ndjson")
    check(code == 1, f"exit {code}: {out}{err}")
    review = [(r["row"], r["item"], r["value"]) for r in
              csv.DictReader(open(env.path("review.csv"), encoding="utf-8-sig"))
              if r["code"] == "character-lost"]
    check(review == [("2", "利用可能日時特記事項", "11:00?13:30"), ("3", "名称", "Caff? maar"),
                     ("4", "住所", "本町2?16?45"), ("5", "住所", "新井3丁目17?13"),
                     ("6", "方書", "2ｰ1ｰ13??村ﾋﾞﾙ"),
                     ("9", "利用可能日時特記事項", "休館日：12月29日\uFFFD1月3日")], review)
    rows = read_csv(env.path("out.csv"))
    header = rows[0]
    check(rows[5][header.index("方書")] == "2ｰ1ｰ13??村ﾋﾞﾙ", rows[5])
    check(rows[3][header.index("住所")] == "本町2?16?45", rows[3])


def toilet_file(env, rows):
    base = {"全国地方公共団体コード": "222127", "地方公共団体名": "静岡県焼津市",
            "名称": "焼津駅前公衆トイレ", "所在地_連結表記": "静岡県焼津市栄町1-1",
            "緯度": "34.8669", "経度": "138.3236", "男性トイレ総数": "2"}
    return write_rows(env, "toilet.csv", header_of(env, TOILET), base, rows)


def case_count_with_separators_fixed(env):
    """`50,700 ` in a number item: one finding, its fix 50700; 1,5 and 50,70 no fix; transform
    writes 50700 and lists the others."""
    source = toilet_file(env, [{"男性トイレ総数": "50,700 "}, {"男性トイレ総数": "1,5"},
                               {"男性トイレ総数": "50,70"}, {"男性トイレ総数": "1,234,567"}])
    task = report(env, source, exit_code=1)
    got = of_code(task, "invalid-format")
    check(got == [(2, "男性トイレ総数", "error", "50700"), (3, "男性トイレ総数", "error", ""),
                  (4, "男性トイレ総数", "error", ""), (5, "男性トイレ総数", "error", "1234567")],
          got)
    code, out, err = env.run("transform", source, "-o", "out.csv", "--review", "review.csv")
    rows = read_csv(env.path("out.csv"))
    column = rows[0].index("男性トイレ総数")
    check([r[column] for r in rows[1:]] == ["50700", "1,5", "50,70", "1234567"], rows)


def case_spaces_around_text_trimmed(env):
    """Spaces and U+3000 around a text item's value: a warning with the trimmed value;
    transform trims them."""
    source = lost_file_spaces(env)
    task = report(env, source, exit_code=1)  # (the real header's コ―ド: non-standard-item-name)
    got = of_code(task, "invalid-format")
    check(got == [(2, "名称", "warning", "焼津市立大富幼稚園"), (3, "団体名", "warning", "焼津市"),
                  (4, "名称_カナ", "warning", "ヤイヅシリツオオトミヨウチエン")], got)
    code, out, err = env.run("transform", source, "-o", "out.csv")
    check(code == 0, f"exit {code}: {out}{err}")
    rows = read_csv(env.path("out.csv"))
    header = rows[0]
    check(rows[1][header.index("名称")] == "焼津市立大富幼稚園", rows[1])
    check(rows[2][header.index("団体名")] == "焼津市", rows[2])


def lost_file_spaces(env):
    return write_rows(env, "preschool_spaces.csv", header_of(env, PRESCHOOL), PRESCHOOL_ROW, [
        {"名称": "焼津市立大富幼稚園\u3000"},
        {"団体名": " 焼津市 "},
        {"名称_カナ": "ヤイヅシリツオオトミヨウチエン\u3000\u3000"},
    ])


def case_excel_serial_dates_read_as_dates(env):
    """A 5-digit number in a date item is the Excel serial of its date (1900 system, Lotus's
    1900-02-29 counted): 45016 → 2023-03-31, 22196 → 1960-10-07, converted by transform; 70000
    (2091) for review; the 和暦 abbreviations still read."""
    source = write_rows(env, "preschool_dates.csv", header_of(env, PRESCHOOL), PRESCHOOL_ROW, [
        {"認可等年月日": "45016"}, {"認可等年月日": "22196"}, {"認可等年月日": "R02.07.21"},
        {"認可等年月日": "H14.08.21"}, {"認可等年月日": "70000"}, {"認可等年月日": "2015"},
    ])
    task = report(env, source, exit_code=1)
    got = of_code(task, "invalid-format")
    check(got == [(2, "認可等年月日", "error", "2023-03-31"), (3, "認可等年月日", "error", "1960-10-07"),
                  (4, "認可等年月日", "error", "2020-07-21"), (5, "認可等年月日", "error", "2002-08-21"),
                  (6, "認可等年月日", "error", "2091-08-25")], got)
    serial = [p for p in findings(task) if p["row"] == 2][0]
    check("Excel serial date" in serial["message"], serial)
    code, out, err = env.run("transform", source, "-o", "out.csv", "--review", "review.csv")
    check(code == 1, f"exit {code}: {out}{err}")
    rows = read_csv(env.path("out.csv"))
    column = rows[0].index("認可等年月日")
    check([r[column] for r in rows[1:]] ==
          ["2023-03-31", "1960-10-07", "2020-07-21", "2002-08-21", "70000", "2015"], rows)
    review = [(r["row"], r["value"]) for r in
              csv.DictReader(open(env.path("review.csv"), encoding="utf-8-sig"))]
    check(review == [("6", "70000")], review)


def xlsx_with_styles(path, rows):
    """A one-sheet workbook: rows of cells, each (text) a string, (number, style) a number
    cell of style 0 (General) or 1 (numFmtId 14, a date)."""
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"

    def cell(ref, value):
        if isinstance(value, tuple):
            return f'<c r="{ref}" s="{value[1]}"><v>{value[0]}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    def column(i):
        return (chr(ord("A") + i // 26 - 1) if i >= 26 else "") + chr(ord("A") + i % 26)

    sheet = "".join(f'<row r="{n}">' + "".join(cell(f"{column(i)}{n}", v)
                                                 for i, v in enumerate(values)) + "</row>"
                    for n, values in enumerate(rows, start=1))
    # The parts the reader needs (no [Content_Types].xml: it reads the workbook by its path).
    parts = {
        "xl/workbook.xml":
            f'<?xml version="1.0"?><workbook xmlns="{main_ns}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<?xml version="1.0"?><Relationships xmlns="{package}"><Relationship Id="rId1" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/styles.xml":
            f'<?xml version="1.0"?><styleSheet xmlns="{main_ns}"><cellXfs count="2"><xf '
            'numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml":
            f'<?xml version="1.0"?><worksheet xmlns="{main_ns}"><sheetData>{sheet}</sheetData>'
            '</worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text.encode("utf-8"))
    return path


def case_xlsx_date_cell_is_a_date(env):
    """An .xlsx whose date cell has a date number format is read as its date (no finding);
    the same number in a General cell of the date column is an Excel serial date."""
    header = header_of(env, PRESCHOOL)
    rows = [header]
    for i, date in enumerate([(45016, 1), (45016, 0)]):
        values = dict(PRESCHOOL_ROW, NO=f"00130100{i + 1:02d}")
        rows.append([date if column == "認可等年月日" else values.get(column, "")
                     for column in header])
    source = xlsx_with_styles(env.path("preschool.xlsx"), rows)
    task = report(env, source, exit_code=1)
    got = of_code(task, "invalid-format")
    check(got == [(3, "認可等年月日", "error", "2023-03-31")], got)


def case_normalize_says_the_input_is_damaged(env):
    """address normalize (CLI, and the service's one address and batch) says an address with a
    lost character is damaged input, beside what it matched; exit 1."""
    registry = env.path("abr.db")
    code, out, err = env.run("registry", "build", "--out", registry,
                             os.path.join(env.data, "abr", "national"))
    check(code == 0, f"build: {out}{err}")
    code, out, err = env.run("address", "normalize", "--registry", registry, "-f", "ndjson",
                             "静岡県焼津市本町2?16?45", "静岡県焼津市本町2-16-45")
    check(code == 1, f"exit {code}: {out}{err}")
    damaged, clean = [json.loads(line) for line in out.splitlines()]
    check(damaged.get("damaged") is True and damaged["reason"].startswith("damaged input: ?")
          and damaged["match_level"] == "city", damaged)
    check("damaged" not in clean and not clean["reason"].startswith("damaged"), clean)
    code, out, err = env.run("address", "normalize", "--registry", registry, "-f", "text",
                             "静岡県焼津市新井3丁目17?13")
    check(code == 1 and "damaged input" in out, f"exit {code}: {out}{err}")
    with Server(env.gifkit, registry) as server:
        one = server.get_json("/v1/addresses/normalize?q=" +
                              "%E9%9D%99%E5%B2%A1%E7%9C%8C%E7%84%BC%E6%B4%A5%E5%B8%82"
                              "%E6%9C%AC%E7%94%BA2%3F16%3F45")
        check(one.get("damaged") is True and "damaged input" in one["reason"], one)
        status, _, body = server.request(
            "POST", "/v1/addresses/normalize",
            body="静岡県焼津市本町2?16?45\n静岡県焼津市新井3丁目17?13\n静岡県焼津市本町2-16-45\n"
            .encode("utf-8"), headers={"Content-Type": "text/plain; charset=utf-8"})
        check(status == 200, f"{status}: {body[:500]!r}")
        lines = [json.loads(line) for line in body.decode("utf-8").splitlines() if line]
        check([line.get("damaged", False) for line in lines] == [True, True, False], lines)


def case_real_files_lost_characters_where_they_are(env):
    """Over every real file: character-lost only in Ishikawa's public facilities, toilets and
    tourism (the ? of 普正寺町3?135, 白峰ツ?57乙, 白山比?神社 …), none in the others; the
    real questions of the tourism file (いかがですか？) are not reported."""
    counts = {}
    for folder in ("municipal", "corporate"):
        for name in sorted(os.listdir(os.path.join(env.data, "opendata-real", folder))):
            path = os.path.join(env.data, "opendata-real", folder, name)
            task = report(env, path)
            counts[name] = [(p["row"], p["field"], p["value"]) for p in findings(task)
                            if p["code"] == "character-lost"]
    lost = {name: len(cells) for name, cells in counts.items() if cells}
    check(set(lost) == {"ishikawa-pref_170003_public_facility.csv",
                        "ishikawa-pref_170003_public_toilet.csv",
                        "ishikawa-pref_170003_tourism.csv"}, lost)
    toilet = counts["ishikawa-pref_170003_public_toilet.csv"]
    check(len(toilet) == 1 and "普正寺町3?135" in toilet[0][2], toilet)
    values = [cell[2] for cell in counts["ishikawa-pref_170003_tourism.csv"]]
    check(any("白山比?神社" in v for v in values), values)
    check(not any("いかがですか？" in v and "?" not in v for v in values), values)


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
