"""cases/chars.py — 15.x: characters — the MJ / JIS / NTA data in the registry, lookup char,
chars check / shrink, validate's character sets."""
import json
from .common import BUILD_REGISTRY, FIXTURES_DIR, HOUJIN_UTF8, LOOKUP, exact_problems

ROOM = "moji"  # the room these cases cover (tests/rooms.txt)


# 15.x — characters: the MJ / JIS / NTA data in the registry, lookup char,
# chars check / shrink, the character sets of validate, the name and address
# folds (issue #9). Built from the real files of ../shared/data/moji.
BUILD_MOJI = ["registry", "build", "--out", "{tmp}/moji.db", "{data}/moji"]
LOOKUP_CHAR = ["lookup", "char", "--registry", "{tmp}/moji.db"]
NAMES = "{fixtures}/names_chars.csv"


def ndjson(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def check_lookup_keys(stdout, env):
    """The IVS, MJ-number and 面区点 keys resolve to what the real tables say."""
    lines = ndjson(stdout)
    if len(lines) != 3:
        return f"expected 3 lines, got {len(lines)}"
    hen, saki, da = lines
    if hen["mj"][0]["mj"] != "MJ026190" or hen["mjOfBase"] or hen["selectorInMj"] is not True:
        return f"U+9089 U+E010F: {hen['mj'][:1]}, mjOfBase {hen['mjOfBase']}"
    if hen["replacement"]["candidates"][0] != {"character": "邉", "rule": "drop-selector",
                                               "from": "its base 邉"}:
        return f"U+9089 U+E010F replacement: {hen['replacement']}"
    if saki["codePoints"] != ["U+FA11", "U+E0102"] or saki["nta"]["replacement"] != "崎":
        return f"MJ030196: {saki['codePoints']} {saki['nta']}"
    if da["character"] != "驒" or da["jisPlaces"][0] != {"menKuTen": "1-94-20", "plane": 1,
                                                         "level": 3, "addedIn": 2000}:
        return f"1-94-20: {da['character']} {da['jisPlaces']}"
    if da["replacement"]["candidates"][0]["character"] != "騨" or not da["replacement"]["unique"]:
        return f"1-94-20 replacement: {da['replacement']}"
    if "jisx0213" not in da["sets"] or "jisx0213:1-2" in da["sets"]:
        return f"1-94-20 sets: {da['sets']}"
    return None


def check_names_against_jisx0208(stdout, env):
    """Every character of names_chars.csv outside JIS X 0208, with its place,
    MJ numbers and replacement; then the summary and the totals."""
    lines = ndjson(stdout)
    found = [(d["row"], d["column"], d["position"], d["character"], d["replacement"],
              d["mj"][:1]) for d in lines if d["type"] == "character"]
    expected = [
        (2, "氏名", 1, "髙", "高", ["MJ028902"]),
        (3, "氏名", 2, "﨑", "崎", ["MJ030196"]),
        (3, "住所", 5, "驒", "騨", ["MJ028810"]),
        (4, "氏名", 2, "邉\U000E010F", "邉", ["MJ026190"]),
        (5, "氏名", 1, "\U00020BB7", "吉", ["MJ032129"]),
        (6, "氏名", 1, "\u3404", None, ["MJ000007"]),
        (6, "住所", 7, "娄", "婁", ["MJ009697"]),
    ]
    kana = [f for f in found if f[1] == "氏名（フリガナ）"]
    rest = [f for f in found if f[1] != "氏名（フリガナ）"]
    if rest != expected:
        return "findings differ:\n  got      " + "\n           ".join(map(str, rest)) + \
               "\n  expected " + "\n           ".join(map(str, expected))
    if [(k[2], k[3], k[4]) for k in kana[:2]] != [(1, "ﾀ", "タ"), (2, "ｶ", "カ")] or len(kana) != 8:
        return f"half-width kana: {kana}"
    ambiguous = [d for d in lines if d["type"] == "character" and d["character"] == "\u3404"][0]
    if ambiguous["unique"] or [c["character"] for c in ambiguous["candidates"]] != ["牛", "井"]:
        return f"㐄: {ambiguous}"
    if ambiguous["line"] != 6 or ambiguous["field"] != 1 or ambiguous["value"] != "\u3404田 三郎":
        return f"㐄 place: {ambiguous}"
    summary = [d for d in lines if d["type"] == "summary"]
    totals = [d for d in lines if d["type"] == "totals"]
    if len(summary) != 15 or totals[0]["characters"] != 15 or totals[0]["charset"] != "jisx0208":
        return f"summary {len(summary)}, totals {totals}"
    return None


def check_shrunk_names(env):
    import csv
    import os
    tmp = env["tmp"]
    with open(os.path.join(tmp, "shrunk.csv"), encoding="utf-8") as f:
        text = f.read()
    expected = ("氏名,氏名（フリガナ）,住所\n"
                "高橋 一郎,タカハシ イチロウ,東京都千代田区\n"
                "山崎 花子,ヤマザキ ハナコ,\"岐阜県飛騨市, 古川町\"\n"
                "渡邉 太郎,ワタナベ タロウ,大阪府\n"
                "吉野 次郎,ヨシノ ジロウ,福岡県\n"
                "\u3404田 三郎,カダ サブロウ,和歌山県西牟婁郡白浜町\n")
    assert text == expected, f"shrunk.csv:\n{text}"
    with open(os.path.join(tmp, "review.csv"), encoding="utf-8") as f:
        review = list(csv.DictReader(f))
    assert len(review) == 1, review
    assert review[0]["character"] == "\u3404" and review[0]["row"] == "6", review
    assert review[0]["column"] == "氏名" and "牛" in review[0]["candidates"], review
    assert review[0]["value"] == "\u3404田 三郎", review
    with open(os.path.join(tmp, "changes.ndjson"), encoding="utf-8") as f:
        changes = [json.loads(line) for line in f]
    originals = {c["original"] for c in changes}
    for value in ["髙橋 一郎", "ﾀｶﾊｼ ｲﾁﾛｳ", "山﨑 花子", "岐阜県飛驒市, 古川町",
                  "渡邉\U000E010F 太郎", "\U00020BB7野 次郎", "和歌山県西牟娄郡白浜町"]:
        assert value in originals, f"the log lacks the original {value!r}: {originals}"
    hen = [c for c in changes if c["original"] == "渡邉\U000E010F 太郎"][0]
    assert hen["replacements"] == [{"position": 2, "from": "邉\U000E010F", "to": "邉",
                                    "rule": "drop-selector", "source": "its base 邉"}], hen
    assert {c["row"] for c in changes} == {2, 3, 4, 5, 6}, changes


def check_bad_characters(stdout, env):
    lines = ndjson(stdout)
    issues = [(d["line"], d["position"], d["issue"]) for d in lines if d["type"] == "character"]
    wanted = [
        (2, 2, "bytes that are not UTF-8"),
        (3, 1, "a variation selector with no character before it"),
        (5, 1, "a combining mark with no character before it"),
        (6, 10, "a UTF-16 surrogate written in UTF-8 (CESU-8): not a character; "
                "the pair stands for \U00020BB7 (U+20BB7)"),
        (7, 3, "a private-use character (外字): its meaning is known only to the system that "
               "wrote it"),
    ]
    for want in wanted:
        if want not in issues:
            return f"missing {want}; got {issues}"
    return None


def check_sjis_problem(stdout, env):
    lines = ndjson(stdout)
    problems = [d for d in lines if d["type"] == "problem"]
    if not any(p["line"] == 2 and "cannot hold a character outside the BMP" in p["message"]
               for p in problems):
        return f"no problem for the 4-byte UTF-8 character on line 2: {problems}"
    return None


def write_names_workbook(tmp):
    """names_chars.csv as an .xlsx (openpyxl, the test's own writer), on a sheet 名簿 after an
    empty sheet, one blank row above the header: the sheet rows are the CSV's lines + 1."""
    import csv
    import os
    import openpyxl
    book = openpyxl.Workbook()
    book.active.title = "空"
    sheet = book.create_sheet("名簿")
    sheet.append([])
    with open(os.path.join(FIXTURES_DIR, "names_chars.csv"), encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            sheet.append(row)
    book.save(os.path.join(tmp, "names.xlsx"))


def write_big_workbook(tmp):
    """A small file that inflates: 40 rows, each a name and a note of 30,000 kana (some 9 MB
    of sheet XML in a zip of some 40 KB)."""
    import os
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名簿"
    sheet.append(["氏名", "備考"])
    for i in range(40):
        sheet.append([f"髙橋 {i}", "あいうえお" * 6000 + str(i)])
    book.save(os.path.join(tmp, "big.xlsx"))


def check_workbook_cells(stdout, env):
    """The cells of the workbook: the same characters as the CSV's, each at its sheet row and
    cell, with the header's column name."""
    lines = ndjson(stdout)
    found = [(d["line"], d["row"], d["cell"], d["column"], d["position"], d["character"])
             for d in lines if d["type"] == "character"]
    expected = [
        (3, 2, "A3", "氏名", 1, "髙"),
        (4, 3, "A4", "氏名", 2, "﨑"),
        (4, 3, "C4", "住所", 5, "驒"),
        (5, 4, "A5", "氏名", 2, "邉\U000E010F"),
        (6, 5, "A6", "氏名", 1, "\U00020BB7"),
        (7, 6, "A7", "氏名", 1, "\u3404"),
        (7, 6, "C7", "住所", 7, "娄"),
    ]
    if found != expected:
        return "findings differ:\n  got      " + "\n           ".join(map(str, found)) + \
               "\n  expected " + "\n           ".join(map(str, expected))
    totals = [d for d in lines if d["type"] == "totals"][0]
    if totals["characters"] != 7 or totals["files"] != 1 or totals["problems"] != 0:
        return f"totals {totals}"
    return None


def check_nothing_shrunk(env):
    import os
    left = [name for name in os.listdir(env["tmp"]) if name.startswith("shrunk")]
    assert not left, f"shrink of a workbook wrote {left}"


MOJI_CASES = [
    {"name": "15.1-registry-build-real-character-data", "args": BUILD_MOJI, "needs_data": True,
     "stderr_contains": ["mojikiban_moji.csv: moji-mj, 58843 rows imported into moji_mj, 0 rejected",
                         "mojikiban_moji_ivs.csv: moji-mj-ivs, 11382 rows imported into moji_mj_ivs",
                         "jisx0213-2004-8bit-std.txt: moji-jisx0213, 11233 rows imported into moji_jis",
                         "nta_jis_shukutai_map_1_0_0.tsv: moji-nta-map, 11395 rows imported into "
                         "moji_nta",
                         "(set imi_ISOIEC10646-CJK-JISX0208-1990-compliant)",
                         "rows in moji_fold"],
     "after": [["registry", "verify", "{tmp}/moji.db"]]},
    {"name": "15.2-lookup-char-text", "before": [BUILD_MOJI], "needs_data": True,
     "args": LOOKUP_CHAR + ["髙"],
     "stdout_contains": ["髙  U+9AD9", "MJ028902 髙, 11 strokes", "JIS X 0208  no",
                         "→ jisx0208  高 (mj-shrink, MJ028902)  unique"]},
    {"name": "15.3-lookup-char-by-ivs-mj-number-and-men-ku-ten", "before": [BUILD_MOJI],
     "needs_data": True,
     "args": LOOKUP_CHAR + ["U+9089 U+E010F", "MJ030196", "1-94-20", "--format", "ndjson"],
     "stdout_check": check_lookup_keys},
    {"name": "15.4-lookup-char-bad-keys-do-not-stop-the-batch", "before": [BUILD_MOJI],
     "needs_data": True,
     "args": LOOKUP_CHAR + ["1-95-01", "MJ999999", "髙", "U+D842", "--format", "ndjson"], "exit": 2,
     "stderr_contains": ["'1-95-01' is not a 面区点 of JIS X 0213",
                         "MJ999999 is not an MJ number of", "'U+D842' is not a code point"],
     "stdout_contains": ['"key":"髙"', '"key":"MJ999999","error"']},
    {"name": "15.5-lookup-char-registry-without-character-data", "before": [BUILD_REGISTRY],
     "needs_data": True, "args": ["lookup", "char", "--registry", "{tmp}/houjin.db", "髙"],
     "exit": 2, "stderr_contains": ["houjin.db has no character data"]},
    {"name": "15.6-chars-check-names-against-jisx0208", "room": "chars",
     "before": [BUILD_MOJI], "needs_data": True,
     "args": ["chars", "check", "--registry", "{tmp}/moji.db", "--charset", "jisx0208",
              "--format", "ndjson", NAMES], "exit": 1,
     "stdout_check": check_names_against_jisx0208},
    {"name": "15.7-chars-check-text-report-and-summary", "room": "chars", "needs_data": True,
     "args": ["chars", "check", NAMES, "--column", "氏名"], "exit": 1,
     "stdout_contains": ["names_chars.csv:2: 氏名 (field 1), character 1: 髙 U+9AD9 MJ028902 → 高",
                         "牛 (mj-shrink: MJ000007, MJ000008, MJ068055) or 井",
                         "5 characters outside JIS X 0208 (jisx0208), 5 distinct, in 1 file"]},
    {"name": "15.8-chars-check-jisx0213-allows-level-3", "room": "chars", "needs_data": True,
     "args": ["chars", "check", "--charset", "jisx0213", "--summary-only", NAMES], "exit": 1,
     "stdout_contains": ["髙 U+9AD9", "U+9089 U+E010F"],
     "stdout_check": lambda out, env: None if "驒" not in out and "﨑" not in out
     else "驒 and 﨑 are in JIS X 0213"},
    {"name": "15.9-chars-shrink-names", "room": "chars", "before": [BUILD_MOJI], "needs_data": True,
     "args": ["chars", "shrink", "--registry", "{tmp}/moji.db", NAMES, "-o", "{tmp}/shrunk.csv",
              "--review", "{tmp}/review.csv", "--log", "{tmp}/changes.ndjson"], "exit": 1,
     "stderr_contains": ["14 characters replaced in 7 values", "1 left for review"],
     "after": [check_shrunk_names]},
    {"name": "15.10-chars-shrink-refuses-to-overwrite-its-input", "room": "chars",
     "needs_data": True,
     "setup": lambda tmp: __import__("shutil").copy(
         __import__("os").path.join(FIXTURES_DIR, "names_chars.csv"), tmp + "/names.csv"),
     "args": ["chars", "shrink", "{tmp}/names.csv", "-o", "{tmp}/names.csv"], "exit": 2,
     "stderr_contains": ["the output is the input"]},
    {"name": "15.11-chars-check-what-is-not-a-character", "room": "chars", "needs_data": True,
     "args": ["chars", "check", "--format", "ndjson", "--encoding", "utf-8",
              "{fixtures}/bad_chars.txt"], "exit": 1,
     "stdout_check": check_bad_characters},
    {"name": "15.12-chars-check-4-byte-character-in-a-shift-jis-file", "room": "chars",
     "needs_data": True,
     "args": ["chars", "check", "--format", "ndjson", "{fixtures}/sjis_with_utf8.txt"], "exit": 1,
     "stdout_check": check_sjis_problem},
    {"name": "15.13-chars-check-a-set-file-that-is-not-a-set", "room": "chars", "needs_data": True,
     "args": ["chars", "check", "--charset", "{fixtures}/not_a_set.txt", NAMES], "exit": 2,
     "stderr_contains": ["not_a_set.txt:3: 'hello' is not a hex code point"]},
    {"name": "15.14-chars-check-set-file", "room": "chars", "needs_data": True,
     "args": ["chars", "check", "--charset", "{fixtures}/our_set.txt", "--as", "text",
              "--summary-only", "{fixtures}/bad_chars.txt"], "exit": 1,
     "stdout_contains": ["the set our_set.txt (our_set)"]},
    {"name": "15.15-chars-check-missing-file-and-unknown-column", "room": "chars",
     "needs_data": True,
     "args": ["chars", "check", "{tmp}/none.csv", NAMES, "--column", "電話番号"], "exit": 2,
     "stdout_contains": ["none.csv: problem: cannot open",
                         "names_chars.csv:1: problem: no column '電話番号' in the header"]},
    {"name": "15.16-chars-check-unknown-set", "room": "chars", "needs_data": True,
     "args": ["chars", "check", "--charset", "jisx9999", NAMES], "exit": 2,
     "stderr_contains": ["no character set 'jisx9999'"]},
    {"name": "15.17-validate-names-mj-numbers-and-replacements", "needs_data": True,
     "args": ["validate", "--model", "gif:Person", "{fixtures}/persons_chars.csv"], "exit": 1,
     "expect": [("character-not-allowed", 2, 1, "高橋"),
                ("character-not-allowed", 3, 1, "吉野"),
                ("character-not-allowed", 4, 2, "邉")]},
    {"name": "15.18-validate-with-registry-character-data", "before": [BUILD_MOJI],
     "needs_data": True,
     "args": ["validate", "--model", "gif:Person", "--registry", "{tmp}/moji.db",
              "{fixtures}/persons_chars.csv"], "exit": 1,
     "expect": [("character-not-allowed", 2, 1, "高橋")],
     "check": lambda report: None if any(
         "MJ028902" in p["message"] for p in report["tasks"][0]["errors"])
     else "no MJ number in the messages"},
    {"name": "15.19-lookup-name-folds-old-forms", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/hm.db", HOUJIN_UTF8, "{data}/moji"]],
     "args": ["lookup", "corporation", "--registry", "{tmp}/hm.db", "--name", "髙橋電化"],
     "stdout_contains": ["1040002078014  有限会社高橋電化工業"]},
    {"name": "15.20-lookup-name-without-character-data-says-so", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--name", "髙橋電化"], "exit": 1,
     "stderr_contains": ["has no character data, so old and variant forms"]},
    {"name": "15.21-address-normalize-folds-through-character-data", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/wm.db", "{data}/abr/national",
                 "{data}/abr/wakayama", "{data}/moji"]],
     "args": ["address", "normalize", "--registry", "{tmp}/wm.db", "--format", "ndjson",
              "和歌山県西牟娄郡白浜町"],
     "stdout_contains": ['"lg_code":"304018"', "西牟婁郡"]},
    {"name": "15.24-chars-check-stdin-as-csv", "room": "chars", "needs_data": True, "stdin": NAMES,
     "args": ["chars", "check", "--as", "csv", "--column", "氏名", "--format", "ndjson", "-"],
     "exit": 1,
     "stdout_contains": ['"file":"-","line":2,"row":2,"field":1,"column":"氏名","position":1,'
                         '"character":"髙"', '"characters":5']},
    {"name": "15.25-chars-check-xlsx-cells", "room": "chars",
     "needs_data": True, "setup": write_names_workbook,
     "args": ["chars", "check", "--sheet", "名簿", "--column", "氏名,住所", "--format", "ndjson",
              "{tmp}/names.xlsx"], "exit": 1,
     "stdout_check": check_workbook_cells},
    {"name": "15.26-chars-check-xlsx-text-report", "room": "chars", "needs_data": True,
     "setup": write_names_workbook,
     "args": ["chars", "check", "--sheet", "2", "--column", "氏名", "{tmp}/names.xlsx"],
     "exit": 1,
     "stdout_contains": ["names.xlsx:3: 氏名 (cell A3), character 1: 髙 U+9AD9 MJ028902 → 高",
                         "5 characters outside JIS X 0208 (jisx0208), 5 distinct, in 1 file"]},
    {"name": "15.27-chars-shrink-refuses-an-xlsx", "room": "chars", "needs_data": True,
     "setup": write_names_workbook,
     "args": ["chars", "shrink", "{tmp}/names.xlsx", "-o", "{tmp}/shrunk.csv"], "exit": 2,
     "stderr_contains": ["names.xlsx: a workbook: shrink cannot rewrite a workbook",
                         "gifkit chars shrink: nothing written"],
     "after": [check_nothing_shrunk]},
    {"name": "15.28-chars-check-xlsx-over-the-inflation-cap", "room": "chars", "needs_data": True,
     "setup": write_big_workbook,
     "args": ["chars", "check", "--max-inflated-size", "1", "{tmp}/big.xlsx"], "exit": 2,
     "stdout_contains": ["big.xlsx: problem: ", "inflates to more than 1 MiB",
                         "raise it with --max-inflated-size MIB", "1 file not checked"]},
    {"name": "15.29-chars-check-xlsx-under-a-raised-cap", "room": "chars", "needs_data": True,
     "setup": write_big_workbook,
     "args": ["chars", "check", "--max-inflated-size", "16", "--summary-only", "{tmp}/big.xlsx"],
     "exit": 1,
     "stdout_contains": ["40 characters outside JIS X 0208 (jisx0208), 1 distinct, in 1 file"]},
    {"name": "15.30-chars-check-encoding-typo", "room": "chars",
     "args": ["chars", "check", "--encoding", "utf9", "{fixtures}/names_chars.csv"], "exit": 2,
     "stderr_contains": ["gifkit chars check: --encoding: unknown encoding 'utf9' "
                         "(use auto, utf-8 or cp932)"]},
    {"name": "15.22-validate-registry-names-fold-old-forms", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/hm.db", HOUJIN_UTF8, "{data}/moji"]],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/hm.db",
              "{fixtures}/registry_variant_names.csv"], "exit": 1,
     "check": lambda r: exact_problems(r, [
         ("character-not-allowed", "error", 2, 2, "有限会社高橋電化工業"),
         ("registry-mismatch", "warning", 4, 2, "川﨑いすゞ食品株式会社")],
         codes=("character-not-allowed", "registry-mismatch"))},
    {"name": "15.23-validate-registry-names-without-character-data", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/h.db", HOUJIN_UTF8]],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/h.db",
              "{fixtures}/registry_variant_names.csv"], "exit": 1,
     "expect": [("registry-mismatch", 2, 2), ("registry-mismatch", 3, 2),
                ("registry-mismatch", 4, 2)]},
]
CASES = MOJI_CASES
