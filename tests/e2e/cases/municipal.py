"""cases/municipal.py — 17.x: the municipal standard datasets (models/opendata), CSV and .xlsx,
with and without the ABR."""
from .common import BUILD_REGISTRY, FIXTURES_DIR, HOUJIN_UTF8, exact_problems, task

ROOM = "model"  # the room these cases cover (tests/rooms.txt)


# 17.x — the municipal standard datasets (models/opendata): files written from the
# item-definition sheets with the faults real files have, validated as CSV and as
# .xlsx, with and without the Address Base Registry (文京区).
OPENDATA = "{fixtures}/opendata"
ABR_BUNKYO = ["registry", "build", "--out", "{tmp}/abr.db", "{data}/abr/national",
              "{data}/abr/bunkyo"]
MUNICIPAL = {
    "131059_public_toilet": ("opendata:public-toilet", [
        ("invalid-format", "error", 3, 1, "131059"), ("invalid-value", "error", 3, 16, ""),
        ("invalid-value", "error", 3, 17, ""), ("missing-value", "error", 3, 4, ""),
        ("not-in-code-list", "error", 4, 31, ""), ("invalid-format", "error", 4, 35, ""),
        ("duplicate-key", "error", 5, 2, "")],
        [("inconsistent-address", "error", 4, 16, ""), ("not-in-registry", "warning", 5, 9, "")]),
    "131059_evacuation_space": ("opendata:evacuation-space", [
        ("invalid-format", "error", 3, 22, "1120003"), ("missing-value", "error", 3, 17, ""),
        ("invalid-format", "error", 4, 19, ""), ("not-in-code-list", "error", 4, 25, "1"),
        ("value-in-wrong-column", "error", 4, 19, "move it to 所在地_都道府県")], []),
    "131059_aed": ("opendata:aed", [
        ("columns-not-checked", "info", 1, 0, ""),
        ("missing-recommended-column", "warning", 1, 0, "add a column 所在地_都道府県"),
        ("missing-recommended-column", "warning", 1, 0, "add a column 所在地_市区町村"),
        ("missing-recommended-column", "warning", 1, 0, "add a column 所在地_町字"),
        ("missing-recommended-column", "warning", 1, 0, "add a column 所在地_番地以下"),
        ("invalid-format", "error", 3, 1, "131059"), ("missing-value", "error", 3, 4, "")], []),
    "131059_aed_2021": ("suisho:aed", [
        ("invalid-format", "error", 3, 1, "131059"),
        ("character-not-allowed", "error", 3, 6, "ハクサン"),
        ("invalid-format", "error", 3, 13, ""), ("not-in-code-list", "error", 3, 20, ""),
        ("value-in-wrong-column", "error", 3, 13, "move it to 電話番号")], []),
    "131059_fire_hydrant": ("suisho:fire-hydrant", [
        ("missing-value", "error", 3, 5, ""), ("duplicate-key", "error", 3, 2, "")], []),
    "131059_hospital": ("suisho:hospital", [
        ("invalid-check-digit", "error", 3, 15, ""), ("invalid-format", "error", 3, 19, ""),
        ("invalid-format", "error", 3, 24, "")],
        [("invalid-format", "error", 3, 8, "東京都文京区春日1-1-1")]),
    "131059_preschool": ("suisho:preschool", [
        ("invalid-format", "error", 3, 19, "2024-04-01"), ("invalid-format", "error", 3, 23, "09:00"),
        ("not-in-code-list", "error", 3, 26, "")], []),
    "131059_public_facility": ("suisho:public-facility", [
        ("invalid-format", "error", 3, 13, ""), ("missing-value", "error", 3, 5, ""),
        ("missing-value", "error", 3, 6, ""), ("missing-value", "error", 3, 9, "")],
        [("not-in-registry", "warning", 2, 9, "")]),
}


def municipal_check(model, expected):
    def check(report):
        if task(report)["model"] != model:
            return f"picked {task(report)['model']} ({task(report)['modelNote']}), not {model}"
        return exact_problems(report, expected)
    return check


def with_registry(expected, added):
    """The problems with the registry: the registry's own, in report order (a row's
    own checks come first, then its registry findings, then its key)."""
    merged = list(expected)
    for problem in added:
        at = len(merged)
        for i, other in enumerate(merged):
            if other[2] > problem[2] or (other[2] == problem[2] and other[0] == "duplicate-key"):
                at = i
                break
        merged.insert(at, problem)
    return merged


def write_workbooks(tmp):
    """Each municipal CSV as an .xlsx (openpyxl, the test's own writer): cells as text,
    except 認可等年月日 of the preschool list's first row, stored as an Excel date."""
    import csv
    import datetime
    import os
    import openpyxl
    folder = os.path.join(FIXTURES_DIR, "opendata")
    for name in MUNICIPAL:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "データ"
        with open(os.path.join(folder, name + ".csv"), encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                sheet.append(row)
        if name == "131059_preschool":
            cell = sheet["S2"]
            assert cell.value == "2015-04-01"
            cell.value = datetime.date(2015, 4, 1)
            cell.number_format = "yyyy/m/d"
        book.save(os.path.join(tmp, name + ".xlsx"))


MUNICIPAL_CASES = []
for number, (name, (model, expected, registry_added)) in enumerate(MUNICIPAL.items(), start=1):
    MUNICIPAL_CASES.append(
        {"name": f"17.{number}-municipal-{name}-csv", "args": ["validate", f"{OPENDATA}/{name}.csv"],
         "exit": 1, "check": municipal_check(model, expected)})
    MUNICIPAL_CASES.append(
        {"name": f"17.{number}r-municipal-{name}-registry", "needs_data": True,
         "before": [ABR_BUNKYO],
         "args": ["validate", "--registry", "{tmp}/abr.db", f"{OPENDATA}/{name}.csv"], "exit": 1,
         "check": municipal_check(model, with_registry(expected, registry_added))})
    MUNICIPAL_CASES.append(
        {"name": f"17.{number}x-municipal-{name}-xlsx", "setup": write_workbooks,
         "args": ["validate", f"{{tmp}}/{name}.xlsx"], "exit": 1,
         "check": municipal_check(model, expected)})


def check_cells(report):
    """Problems of a workbook name their cell; the header's on its own row."""
    cells = {(p["row"], p["column"]): p.get("cell") for p in task(report)["errors"]}
    if cells.get((3, 1)) != "A3" or cells.get((4, 31)) != "AE4":
        return f"cells: {cells}"
    if task(report)["format"] != "xlsx":
        return f"format {task(report)['format']}"
    return None


def write_gbizinfo_procurement(tmp):
    """A gBizINFO 調達情報 export: none of its columns is an item of any model."""
    import os
    with open(os.path.join(tmp, "procurement.csv"), "w", encoding="utf-8") as f:
        f.write("procurement_id,title,amount,agency,date_of_order,joint_signatures\n"
                "P-1,机の購入,120000,デジタル庁,2024-04-01,\n")


def write_legacy_files(tmp):
    """An .xls (an OLE2 compound file) and a CSV with 40 fields under 3 headers."""
    import os
    with open(os.path.join(tmp, "old.xls"), "wb") as f:
        f.write(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    with open(os.path.join(tmp, "131059_public_toilet.csv"), "w", encoding="utf-8") as f:
        f.write("全国地方公共団体コード,ID,名称\n" + ",".join(["131059"] * 40) + "\n"
                "13105,T2,白山公園トイレ\n")


MUNICIPAL_CASES += [
    {"name": "17.20-municipal-xlsx-cells", "setup": write_workbooks,
     "args": ["validate", "{tmp}/131059_public_toilet.xlsx"], "exit": 1, "check": check_cells},
    {"name": "17.21-xlsx-sheet-by-name-and-missing", "setup": write_workbooks,
     "before": [["validate", "--sheet", "データ", "--skip", "invalid-format,invalid-value,"
                 "missing-value,not-in-code-list,duplicate-key", "{tmp}/131059_public_toilet.xlsx"]],
     "args": ["validate", "--sheet", "表紙", "{tmp}/131059_public_toilet.xlsx"], "exit": 2,
     "stdout_contains": ["no sheet 表紙 (the sheets are データ)"]},
    {"name": "17.22-xls-refused-clearly", "setup": write_legacy_files,
     "args": ["validate", "{tmp}/old.xls"], "exit": 2,
     "stdout_contains": ["an .xls (Excel 97-2003) or password-protected workbook"]},
    {"name": "17.23-no-model-fits-exit-2-naming-two", "setup": write_gbizinfo_procurement,
     "args": ["validate", "{tmp}/procurement.csv"], "exit": 2,
     "stdout_contains": ["no-model-fits", "no model fits its header; the closest are",
                         "choose a model with --model"]},
    {"name": "17.24-three-headers-forty-fields-rest-checked", "setup": write_legacy_files,
     "args": ["validate", "{tmp}/131059_public_toilet.csv"], "exit": 1,
     "expect": [("malformed-row", 2, 4), ("invalid-format", 3, 1, "131059")]},
    {"name": "17.25-nta-english-headers-bind", "args": ["validate", "{fixtures}/nta_english_headers.csv"],
     "exit": 0, "check": lambda r: None if task(r)["model"] == "gif:LegalEntity"
     and task(r)["countsByCode"].get("equivalent-item-name") == 7 else f"{task(r)['model']} {task(r)['countsByCode']}"},
]


def write_lookalike_headers(tmp):
    """The public-toilet fixture with look-alike headers: a full-width ＩＤ, a
    trailing ideographic space after 名称, ― for ー in バリアフリートイレ数."""
    import os
    folder = os.path.join(FIXTURES_DIR, "opendata")
    with open(os.path.join(folder, "131059_public_toilet.csv"), encoding="utf-8") as f:
        header, rest = f.read().split("\n", 1)
    header = header.replace(",ID,", ",ＩＤ,").replace(",名称,", ",名称\u3000,") \
                   .replace("バリアフリートイレ数", "バリアフリ―トイレ数")
    with open(os.path.join(tmp, "131059_public_toilet.csv"), "w", encoding="utf-8") as f:
        f.write(header + "\n" + rest)


LOOKALIKES = [("non-standard-item-name", "error", 1, 2, "ID"),
              ("non-standard-item-name", "error", 1, 4, "名称"),
              ("non-standard-item-name", "error", 1, 30, "バリアフリートイレ数")]
MUNICIPAL_CASES += [
    {"name": "17.29-lookalike-headers-named-and-bound", "setup": write_lookalike_headers,
     "args": ["validate", "{tmp}/131059_public_toilet.csv"], "exit": 1,
     "check": municipal_check("opendata:public-toilet",
                              LOOKALIKES + MUNICIPAL["131059_public_toilet"][1])},
]


ABR_AND_HOUJIN = ABR_BUNKYO[:3] + ["{tmp}/both.db"] + ABR_BUNKYO[4:] + [HOUJIN_UTF8]
HOSPITAL = MUNICIPAL["131059_hospital"]
MUNICIPAL_CASES += [
    # The hospital list's 法人番号 (row 2: a corporation closed on 2021-07-02) against a registry
    # that holds 法人番号 data too; with the ABR alone (17.6r) the check is skipped with a note.
    {"name": "17.30-municipal-corporate-number-against-the-registry", "needs_data": True,
     "before": [ABR_AND_HOUJIN],
     "args": ["validate", "--registry", "{tmp}/both.db", f"{OPENDATA}/131059_hospital.csv"],
     "exit": 1, "check": municipal_check("suisho:hospital", with_registry(
         HOSPITAL[1], [("closed-corporation", "warning", 2, 15, "")] + HOSPITAL[2]))},
    {"name": "17.31-corporate-number-rules-skipped-without-houjin-data", "needs_data": True,
     "before": [ABR_BUNKYO],
     "args": ["validate", "--registry", "{tmp}/abr.db", f"{OPENDATA}/131059_hospital.csv"],
     "exit": 1, "stdout_contains": ["法人番号 registry rules skipped (", "has no 法人番号 data)"]},
]


def write_variant_address(tmp):
    """A hospital list whose 住所 writes 本鄕 (an old form of 郷 the fold table lacks)."""
    import os
    with open(os.path.join(tmp, "131059_hospital.csv"), "w", encoding="utf-8") as f:
        f.write("都道府県コード又は市区町村コード,NO,名称,住所\n131059,1,本郷病院,東京都文京区本鄕2-1-1\n")


MUNICIPAL_CASES += [
    # With an ABR-only registry the variant is folded by --data's character tables; without
    # them the 町字 is not found.
    {"name": "17.32-registry-address-variant-from-the-published-tables", "needs_data": True,
     "setup": write_variant_address, "before": [ABR_BUNKYO],
     "args": ["validate", "--data", "{data}", "--registry", "{tmp}/abr.db",
              "{tmp}/131059_hospital.csv"], "exit": 1,
     "check": lambda r: exact_problems(r, [], codes={"not-in-registry"})},
    {"name": "17.33-registry-address-variant-without-tables", "needs_data": True,
     "setup": write_variant_address, "before": [ABR_BUNKYO],
     "args": ["validate", "--data", "{tmp}", "--registry", "{tmp}/abr.db",
              "{tmp}/131059_hospital.csv"], "exit": 1,
     "check": lambda r: exact_problems(r, [("not-in-registry", "error", 2, 4, "")],
                                       codes={"not-in-registry"})},
]


def write_code_and_names(tmp):
    """Names beside a code that are not its names: an old hospital list (都道府県名,
    市区町村名) and a new evacuation-space list (市区町村コード + 地方公共団体名)."""
    import os
    with open(os.path.join(tmp, "131059_hospital.csv"), "w", encoding="utf-8") as f:
        f.write("都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称\n"
                "131059,1,東京都,文京区,文京クリニック\n131059,2,東京都,新宿区,春日医院\n"
                "131059,3,神奈川県,文京区,白山医院\n")
    with open(os.path.join(tmp, "131059_evacuation_space.csv"), "w", encoding="utf-8") as f:
        f.write("全国地方公共団体コード,ID,名称,所在地_連結表記,電話番号,市区町村コード,地方公共団体名\n"
                "131059,E1,白山公園,東京都文京区白山一丁目1-1,03-3811-1111,131059,東京都文京区\n"
                "131059,E2,春日公園,東京都文京区春日一丁目1-1,03-3811-1111,131059,東京都新宿区\n")


MUNICIPAL_CASES += [
    {"name": "17.34-codes-and-names-old-generation", "needs_data": True,
     "setup": write_code_and_names, "before": [ABR_BUNKYO],
     "args": ["validate", "--registry", "{tmp}/abr.db", "{tmp}/131059_hospital.csv"], "exit": 1,
     "check": lambda r: exact_problems(r, [("registry-mismatch", "warning", 3, 4, "文京区"),
                                           ("registry-mismatch", "warning", 4, 3, "東京都")],
                                       codes={"registry-mismatch"})},
    {"name": "17.35-codes-and-names-new-generation", "needs_data": True,
     "setup": write_code_and_names, "before": [ABR_BUNKYO],
     "args": ["validate", "--registry", "{tmp}/abr.db", "{tmp}/131059_evacuation_space.csv"],
     "exit": 1,
     "check": lambda r: exact_problems(r, [("registry-mismatch", "warning", 3, 7, "東京都文京区")],
                                       codes={"registry-mismatch"})},
]


def check_measures(report):
    """Accuracy, consistency and currentness of registry_dated.csv: 2 rows looked
    up, 1 not checked (国税庁's number is not in the samples, which are diff files only:
    issue #30), 2 names compared, the latest 最終更新日 beside the registry's data date."""
    quality = task(report)["quality"]
    expected = {"accuracy": {"value": 1.0, "checked": 2, "agreeing": 2, "notChecked": 1},
                "consistency": {"value": 1.0, "checked": 2, "agreeing": 2},
                "currentness": {"registryDate": "2025-03-11", "datasetDate": "2024-04-01",
                                "daysBehind": 344}}
    got = {key: quality.get(key) for key in expected}
    return None if got == expected else f"measures {got}"


MUNICIPAL_CASES += [
    {"name": "17.26-quality-accuracy-consistency-currentness", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/houjin.db",
              "{fixtures}/registry_dated.csv"], "exit": 1, "check": check_measures},
    {"name": "17.27-quality-measures-in-text-and-github", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/houjin.db",
              "--format", "github", "{fixtures}/registry_dated.csv"], "exit": 1,
     "stdout_contains": ["title=gifkit quality::accuracy 100.0%25 (2 of 2 rows looked up agree with "
                         "the registry; 1 row not checked); consistency 100.0%25 (2 of 2 rows cross-checked agree); "
                         "currentness: registry data of 2025-03-11, dataset updated 2024-04-01 "
                         "(344 days before the registry's)"]},
    {"name": "17.28-no-measures-without-registry",
     "args": ["validate", "--model", "gif:LegalEntity", "{fixtures}/registry_dated.csv"], "exit": 1,
     "check": lambda r: None if set(task(r)["quality"]) == {"completeness", "conformity",
                                                           "rowsWithErrors", "notChecked",
                                                           "currentness", "items"}
     and task(r)["quality"]["currentness"] == {"registryDate": "", "datasetDate": "2024-04-01"}
     else f"quality keys {sorted(task(r)['quality'])}"},
]
YAIZU_ADDRESSES = "yaizu-city_222127_addresses.csv"
YAIZU_ROWS = "静岡県焼津市本町1-1\n静岡県焼津市栄町2-3-4\n静岡県焼津市東小川1-1\n"


def write_yaizu_addresses(tmp):
    """Three addresses of 焼津市, whose 町字 the registry of ABR_BUNKYO does not have: nothing
    of them can be checked against it."""
    import os
    with open(os.path.join(tmp, YAIZU_ADDRESSES), "w", encoding="utf-8") as f:
        f.write("住所\n" + YAIZU_ROWS)


def write_mixed_addresses(tmp):
    """The three of 焼津市 after two of 文京区 that can be checked: one registered, one not."""
    import os
    with open(os.path.join(tmp, YAIZU_ADDRESSES), "w", encoding="utf-8") as f:
        f.write("住所\n東京都文京区白山2-1-2\n東京都文京区不存在町1-2\n" + YAIZU_ROWS)


def accuracy_is(expected):
    """A check: the JSON report's quality.accuracy is expected."""
    def check(report):
        got = task(report)["quality"].get("accuracy")
        return None if got == expected else f"accuracy {got}, expected {expected}"
    return check


MUNICIPAL_CASES += [
    {"name": "17.36-accuracy-not-measured-when-nothing-checked", "needs_data": True,
     "setup": write_yaizu_addresses, "before": [ABR_BUNKYO],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "{tmp}/" + YAIZU_ADDRESSES], "exit": 0,
     "check": accuracy_is({"value": None, "checked": 0, "agreeing": 0, "notChecked": 3})},
    {"name": "17.37-accuracy-not-measured-in-github", "needs_data": True,
     "setup": write_yaizu_addresses, "before": [ABR_BUNKYO],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "--format", "github", "{tmp}/" + YAIZU_ADDRESSES], "exit": 0,
     "stdout_contains": ["title=gifkit quality::accuracy not measured (3 rows not checked)"],
     "output_lacks": ["accuracy 100.0%"]},
    {"name": "17.38-accuracy-not-measured-in-junit", "needs_data": True,
     "setup": write_yaizu_addresses, "before": [ABR_BUNKYO],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "--format", "junit", "{tmp}/" + YAIZU_ADDRESSES], "exit": 0, "format": "junit",
     "stdout_contains": ['<property name="accuracy" value="not measured"/>',
                         '<property name="accuracyNotChecked" value="3"/>']},
    {"name": "17.39-accuracy-not-checked-in-sarif", "needs_data": True,
     "setup": write_yaizu_addresses, "before": [ABR_BUNKYO],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "--format", "sarif", "{tmp}/" + YAIZU_ADDRESSES], "exit": 0, "format": "sarif",
     "stdout_contains": ['"accuracyNotChecked": 3'], "output_lacks": ['"accuracy": 1.0']},
    {"name": "17.42-accuracy-not-measured-follows-the-schema", "needs_data": True,
     "setup": write_yaizu_addresses, "before": [ABR_BUNKYO],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "--format", "json", "{tmp}/" + YAIZU_ADDRESSES], "exit": 0, "format": "json",
     "stdout_contains": ['"notChecked"']},
    {"name": "17.40-accuracy-counts-only-checked-rows", "needs_data": True,
     "setup": write_mixed_addresses, "before": [ABR_BUNKYO],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "{tmp}/" + YAIZU_ADDRESSES], "exit": 1,
     "check": accuracy_is({"value": 0.5, "checked": 2, "agreeing": 1, "notChecked": 3})},
    {"name": "17.41-accuracy-says-how-many-not-checked", "needs_data": True,
     "setup": write_mixed_addresses, "before": [ABR_BUNKYO],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "{tmp}/" + YAIZU_ADDRESSES], "exit": 1,
     "stdout_contains": ["accuracy 50.0% (1 of 2 rows looked up agree with the registry; "
                         "3 rows not checked)"]},
]


# 17.55–17.68 (issue #30 step 6): small truths in the report. An old 推奨データセット
# sheet gives most items no English name: gifkit's own ids for them (item01 …) are
# never shown — reports, logs, mappings and diffs name such an item by its label.
HOSPITAL = OPENDATA + "/131059_hospital.csv"


def lacks_generated_ids(text):
    """None when text names no generated item id (item01 …)."""
    import re
    found = re.findall(r"\bitem[0-9]{2}\b", text)
    return f"generated ids shown: {sorted(set(found))[:5]}" if found else None


def quality_item(header, expected):
    """A check: the JSON quality row of header names the item expected."""
    def check(report):
        rows = [q for q in task(report)["quality"]["items"] if q["field"] == header]
        got = rows[0]["item"] if rows else None
        return None if got == expected else f"quality item of {header}: {got!r}, expected {expected!r}"
    return check


def saved_mapping_lacks_ids(out, env):
    with open(env["tmp"] + "/m.json", encoding="utf-8") as f:
        text = f.read()
    return lacks_generated_ids(text) or (
        None if '"item":"都道府県コード又は市区町村コード"' in text else f"mapping:\n{text}")


def write_clean_hospital(tmp):
    """The hospital fixture's header and its first (correct) row."""
    with open(HOSPITAL.format(fixtures=FIXTURES_DIR), encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    with open(f"{tmp}/131059_hospital.csv", "w", encoding="utf-8") as f:
        f.write("".join(lines[:2]))


def write_hospital_pair(tmp):
    with open(HOSPITAL.format(fixtures=FIXTURES_DIR), encoding="utf-8") as f:
        text = f.read()
    for name, body in (("old_131059_hospital.csv", text),
                       ("131059_hospital.csv", text.replace("文京クリニック", "文京診療所"))):
        with open(f"{tmp}/{name}", "w", encoding="utf-8") as f:
            f.write(body)


TOILET_HEADER = "全国地方公共団体コード,ID,名称,所在地_連結表記"


def write_toilet_english(tmp):
    """公衆トイレ一覧 (new) with items 25–27 under English names: the sheet's (shifted)
    urinalFemaleToilet, and totalUnisexToilet, the id that follows 男女共用トイレ総数."""
    with open(f"{tmp}/131059_public_toilet.csv", "w", encoding="utf-8") as f:
        f.write(TOILET_HEADER + ",urinalFemaleToilet,totalUnisexToilet\n"
                "131059,T0001,白山公園トイレ,東京都文京区白山一丁目2-3,2,4\n")


def write_trailing_comma(tmp):
    """A header with a trailing comma: column 5 has no header."""
    with open(f"{tmp}/131059_public_toilet.csv", "w", encoding="utf-8") as f:
        f.write(TOILET_HEADER + ",\n131059,T0001,白山公園トイレ,東京都文京区白山一丁目2-3,\n")


def write_widths(tmp):
    """ID (half-width alphanumeric) with a full-width space, full-width letters and digits,
    full-width digits; a 有無 and a 数値 item each with a full-width space after the value."""
    with open(f"{tmp}/131059_public_toilet.csv", "w", encoding="utf-8") as f:
        f.write(TOILET_HEADER + ",男性トイレ総数,オストメイト設置トイレ有無\n"
                "131059,T\u30000001,白山公園トイレ,東京都文京区白山一丁目2-3,2,有\n"
                "131059,\uff34\uff10\uff10\uff10\uff12,春日公園トイレ,東京都文京区春日一丁目1-1,2,有\n"
                "131059,\uff10\uff10\uff10\uff13,千石公園トイレ,東京都文京区千石一丁目1-1,"
                "2\u3000,有\u3000\n")


def same_severity(code_columns):
    """A check: the problems at (row, column) all have one severity, a warning."""
    def check(report):
        got = {(p["row"], p["column"]): p["severity"] for p in task(report)["errors"]}
        severities = {got.get(place) for place in code_columns}
        return None if severities == {"warning"} else \
            f"severities {[(place, got.get(place)) for place in code_columns]}"
    return check


MUNICIPAL_CASES += [
    {"name": "17.55-no-generated-ids-in-the-text-report",
     "args": ["validate", HOSPITAL], "exit": 1,
     "stdout_check": lambda out, env: lacks_generated_ids(out),
     "stdout_contains": ["都道府県コード又は市区町村コード "]},
    {"name": "17.56-no-generated-ids-in-the-json-report",
     "args": ["validate", HOSPITAL], "exit": 1,
     "check": quality_item("都道府県コード又は市区町村コード", "都道府県コード又は市区町村コード")},
    {"name": "17.57-no-generated-ids-in-sarif",
     "args": ["validate", "--format", "sarif", HOSPITAL], "exit": 1,
     "stdout_check": lambda out, env: lacks_generated_ids(out)},
    {"name": "17.58-no-generated-ids-in-a-saved-mapping",
     "args": ["transform", HOSPITAL, "-o", "{tmp}/out.csv", "--save-mapping", "{tmp}/m.json",
              "--log", "{tmp}/log.ndjson", "--review", "{tmp}/review.csv"],
     "exit": 1, "stdout_check": saved_mapping_lacks_ids},
    {"name": "17.59-a-saved-mapping-with-labels-replays", "setup": write_clean_hospital,
     "before": [["transform", "{tmp}/131059_hospital.csv", "-o", "{tmp}/out.csv",
                 "--save-mapping", "{tmp}/m.json"]],
     "args": ["transform", "{tmp}/131059_hospital.csv", "--model", "suisho:hospital",
              "--mapping", "{tmp}/m.json", "-o", "{tmp}/again.csv"], "exit": 0,
     "stderr_contains": ["1 rows, 0 changes, 0 for review"],
     "stdout_check": saved_mapping_lacks_ids},
    {"name": "17.60-no-generated-ids-in-diff-json", "setup": write_hospital_pair,
     "args": ["diff", "--format", "json", "{tmp}/old_131059_hospital.csv",
              "{tmp}/131059_hospital.csv"], "exit": 1,
     "stdout_check": lambda out, env: lacks_generated_ids(out) or (
         None if '"item": "NO"' in out or '"item":"NO"' in out else "no item NO")},
    # The 公衆トイレ一覧's items 25–27: ids by their Japanese names, the sheet's names equivalents.
    {"name": "17.61-public-toilet-ids-follow-the-japanese-names", "setup": write_toilet_english,
     "args": ["validate", "--model", "opendata:public-toilet",
              "{tmp}/131059_public_toilet.csv"], "exit": 1,
     "check": lambda r: exact_problems(r, [("equivalent-item-name", "info", 1, 5, "女性トイレ数（和式）")],
                                       codes=("equivalent-item-name", "unknown-column"))},
    {"name": "17.62-public-toilet-model-show", "args": ["model", "show", "opendata:public-toilet"],
     "stdout_contains": ["女性トイレ数（和式）  [japaneseStyleFemaleToilet]",
                         "女性トイレ数（洋式）  [westernStyleFemaleToilet]",
                         "男女共用トイレ総数  [totalUnisexToilet]"]},
    # An empty header cell is named as such.
    {"name": "17.63-empty-header-cell-named", "setup": write_trailing_comma,
     "args": ["validate", "{tmp}/131059_public_toilet.csv"], "exit": 1,
     "stdout_contains": ["column 5 has no header (the last column: a trailing comma?)", "column 5 (no header)"],
     "output_lacks": [" is not an item of opendata:public-toilet\n"]},
    # Full-width letters only when there are letters; a full-width space by its name.
    {"name": "17.64-full-width-space-named", "setup": write_widths,
     "args": ["validate", "{tmp}/131059_public_toilet.csv"], "exit": 1,
     "stdout_contains": ["ID: T\u30000001 has a full-width space; the item is half-width alphanumeric",
                         "has full-width letters and digits; the item is half-width alphanumeric",
                         "０００３ has full-width digits; the item is half-width alphanumeric"],
     "output_lacks": ["０００３ uses full-width letters", "uses full-width letters"]},
    # The same certain, meaning-preserving fix: one severity whichever item holds it.
    {"name": "17.65-same-fix-same-severity", "setup": write_widths,
     "args": ["validate", "{tmp}/131059_public_toilet.csv"], "exit": 1,
     "check": same_severity([(4, 5), (4, 6), (2, 2), (3, 2), (4, 2)])},
] + [
    {"name": f"17.{number}-no-generated-ids-in-{form}",
     "args": ["validate", "--format", form, HOSPITAL], "exit": 1,
     "stdout_check": lambda out, env: lacks_generated_ids(out)}
    for number, form in ((66, "junit"), (67, "github"), (68, "ndjson"))]

CASES = MUNICIPAL_CASES
