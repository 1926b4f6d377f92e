"""cases/columns.py — 36.x: columns understood by their values as well as their names (issue #30
step 4), on files named like real portal downloads with the faults real files have: a block of
columns whose values all sit one column to the left (columns-shifted, once, instead of a finding
a cell), 内線番号 holding the row's 全国地方公共団体コード (value-in-wrong-column), a 種別 column
of 組織種別 labels (column-by-values; with the 法人番号 registry of the real NTA files, which
holds these corporations) — each with and without --registry — and the same files written
correctly, which pass (also with IDs of seven digits, which look like postal codes)."""
import csv
import os

from .common import BUILD_REGISTRY, only_problem, task
from .municipal import ABR_BUNKYO

ROOM = "checks"  # the room these cases cover (tests/rooms.txt)

EVACUATION = "ishikawa-pref_170003_evacuation_space.csv"
CORPORATIONS = "bunkyo-city_131059_corporations.csv"

# The new-generation 指定緊急避難場所一覧 (自治体標準オープンデータセット), its 39 items.
EVACUATION_HEADER = (
    "全国地方公共団体コード,ID,名称,名称_カナ,名称_英字,所在地_全国地方公共団体コード,町字ID,"
    "所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),"
    "緯度,経度,標高,電話番号,内線番号,連絡先メールアドレス,連絡先FormURL,"
    "連絡先備考（その他、SNSなど）,郵便番号,市区町村コード,地方公共団体名,災害種別_洪水,"
    "災害種別_崖崩れ、土石流及び地滑り,災害種別_高潮,災害種別_地震,災害種別_津波,"
    "災害種別_大規模な火事,災害種別_内水氾濫,災害種別_火山現象,指定避難所との重複,想定収容人数,"
    "対象となる町会・自治会,URL,画像,画像_ライセンス,備考").split(",")

# Six 指定緊急避難場所 of 金沢市 (172014), listed by 石川県 (170003).
PLACES = [
    ("E0001", "犀川小学校", "サイガワショウガッコウ", "Saigawa Elementary School", "泉野町一丁目",
     "1-1", "36.5520", "136.6480", "076-242-0001", "9218035"),
    ("E0002", "泉野公園", "イズミノコウエン", "Izumino Park", "泉野町二丁目", "2-3", "36.5495",
     "136.6500", "076-242-0002", "9218035"),
    ("E0003", "弥生小学校", "ヤヨイショウガッコウ", "Yayoi Elementary School", "弥生一丁目", "5-1",
     "36.5540", "136.6440", "076-242-0003", "9210000"),
    ("E0004", "野町小学校", "ノマチショウガッコウ", "Nomachi Elementary School", "野町二丁目", "1-10",
     "36.5560", "136.6470", "076-242-0004", "9218031"),
    ("E0005", "長町中学校", "ナガマチチュウガッコウ", "Nagamachi Junior High School", "長町一丁目",
     "3-2", "36.5640", "136.6500", "076-242-0005", "9200865"),
    ("E0006", "中央公園", "チュウオウコウエン", "Chuo Park", "広坂二丁目", "1-1", "36.5630",
     "136.6590", "076-242-0006", "9200962"),
]


def place_row(place):
    key, name, kana, english, town, block, lat, lon, phone, postal = place
    return ["170003", key, name, kana, english, "172014", "", "石川県金沢市" + town + block,
            "石川県", "金沢市", town, block, "", lat, lon, "", phone, "", "", "", "", postal,
            "172014", "石川県金沢市", "1", "", "", "1", "", "1", "1", "", "1", "500", town,
            "https://www4.city.kanazawa.lg.jp/bosai/" + key,
            "https://www4.city.kanazawa.lg.jp/img/" + key + ".jpg", "CC BY 4.0", ""]


def shifted(row, at=17):
    """From column at + 1 (内線番号) on, each value one column to the left: the value of 内線番号,
    empty, left out, and an empty value added at the end, as the published file has it."""
    return row[:at] + row[at + 1:] + [""]


def write_evacuation(rows):
    def setup(tmp):
        with open(os.path.join(tmp, EVACUATION), "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(EVACUATION_HEADER)
            writer.writerows(rows)
    return setup


CORRECT = [place_row(place) for place in PLACES]
# Rows 4–6 (the 3rd to 5th places) shifted from column 18 on.
SHIFTED = CORRECT[:2] + [shifted(row) for row in CORRECT[2:5]] + CORRECT[5:]
# 内線番号 holding the row's 全国地方公共団体コード (the city's, 172014) in every row.
EXTENSION_IS_CODE = [row[:17] + ["172014"] + row[18:] for row in CORRECT]

# IDs of seven digits (as many publishers number their rows): correct data, no postal codes.
SEVEN_DIGIT_IDS = [row[:1] + [f"{index:07d}"] + row[2:] for index, row in enumerate(CORRECT, 1)]

# A list of corporations whose 種別 (not an item name) holds 組織種別 labels.
CORPORATION_ROWS = (
    "法人番号,商号又は名称,種別\n"
    "1010001097199,株式会社ＭＣＡホールディングス,株式会社\n"
    "1010005033621,行政書士法人スマートサイド,その他の設立登記法人\n"
    "1010001126817,三井物産リスクソリューションズ株式会社,株式会社\n"
    "1010005033638,弁護士法人東京総合マンション管理法律事務所,その他の設立登記法人\n")


def write_corporations(tmp):
    with open(os.path.join(tmp, CORPORATIONS), "w", encoding="utf-8") as f:
        f.write(CORPORATION_ROWS)


def problems(report):
    return [(p["code"], p["severity"], p["row"], p["column"]) for p in task(report)["errors"]]


def shift_reported_once(report):
    """One columns-shifted error for rows 4–6, columns 21–37, and no finding of its cells."""
    got = problems(report)
    if got != [("columns-shifted", "error", 4, 21)]:
        return f"problems: {got}"
    problem = task(report)["errors"][0]
    for words in ("columns 21–37 (連絡先備考（その他、SNSなど） … 画像)", "rows 4–6 (3 rows)",
                  "one column to the left", "郵便番号 holds 市区町村コード's 172014"):
        if words not in problem["message"]:
            return f"the message lacks {words!r}: {problem['message']}"
    if problem.get("suggestion") != "move these values one column to the right":
        return f"suggestion: {problem.get('suggestion')}"
    if task(report)["quality"]["rowsWithErrors"] != 3:
        return f"rows with errors: {task(report)['quality']}"
    return None


def extension_is_code(report):
    """Each 内線番号 (column 18) named as the row's 全国地方公共団体コード."""
    got = problems(report)
    expected = [("value-in-wrong-column", "error", row, 18) for row in range(2, 8)]
    if got != expected:
        return f"problems: {got}"
    problem = task(report)["errors"][0]
    if "a 全国地方公共団体コード (the row's 所在地_全国地方公共団体コード)" not in problem["message"]:
        return f"message: {problem['message']}"
    return None


def kind_suggested(report):
    """種別: unknown-column (as before) and a column-by-values info naming 組織種別."""
    problem, wrong = only_problem(report, "column-by-values")
    if wrong:
        return wrong
    if (problem["severity"], problem["row"], problem["column"], problem.get("suggestion")) != \
            ("info", 1, 3, "組織種別"):
        return f"column-by-values: {problem}"
    if "4 of its 4 values are labels of LegalEntityKindCodeList" not in problem["message"]:
        return f"message: {problem['message']}"
    return None


def passes_clean(report):
    got = problems(report)
    return None if not got else f"problems on correct data: {got}"


def with_and_without_registry(number, name, setup, args, exit, check,
                              build=ABR_BUNKYO, registry="{tmp}/abr.db"):
    """Case 36.number (no registry) and 36.number+1 (--registry, built by build)."""
    return [{"name": f"36.{number}-{name}", "setup": setup, "args": ["validate"] + args,
             "exit": exit, "check": check},
            {"name": f"36.{number + 1}-{name}-with-registry", "needs_data": True, "setup": setup,
             "before": [build], "args": ["validate", "--registry", registry] + args,
             "exit": exit, "check": check}]


EVACUATION_ARGS = ["{tmp}/" + EVACUATION]
CASES = (
    with_and_without_registry(1, "shifted-columns-reported-once", write_evacuation(SHIFTED),
                              EVACUATION_ARGS, 1, shift_reported_once)
    + with_and_without_registry(3, "extension-holding-the-rows-code",
                                write_evacuation(EXTENSION_IS_CODE), EVACUATION_ARGS, 1,
                                extension_is_code)
    + with_and_without_registry(5, "correct-evacuation-list-passes", write_evacuation(CORRECT),
                                EVACUATION_ARGS, 0, passes_clean)
    + with_and_without_registry(7, "kind-column-suggested-by-its-values", write_corporations,
                                ["-m", "gif:LegalEntity", "{tmp}/" + CORPORATIONS], 0,
                                kind_suggested, BUILD_REGISTRY, "{tmp}/houjin.db")
    + with_and_without_registry(9, "seven-digit-ids-are-no-postal-codes",
                                write_evacuation(SEVEN_DIGIT_IDS), EVACUATION_ARGS, 0,
                                passes_clean))
