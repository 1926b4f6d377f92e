"""cases/validate_registry.py — 11.x: `gifkit validate --registry` — the models' registry rules
against registries built from the real NTA samples and the ABR."""
import json
import os
import shutil

from .common import BUILD_REGISTRY, exact_problems, task
from .validate import GBIZ, KEIYAKU, MAPPING, write_gbizinfo, write_gbizinfo_wrong

ROOM = "checks"  # the room these cases cover (tests/rooms.txt)


def write_keiyaku_renamed(tmp):
    """The city's contractors (houjin_no, see validate.write_keiyaku) with valid numbers, the
    second under a name the registry does not have, and the mapping binding houjin_no."""
    with open(os.path.join(tmp, KEIYAKU), "w", encoding="utf-8") as f:
        f.write("houjin_no,商号または名称,契約金額\n"
                "1010001072706,東京増田医療器株式会社,1200000\n"
                "1010001097199,株式会社ＭＣＡシステムズ,800000\n")
    with open(os.path.join(tmp, MAPPING), "w", encoding="utf-8") as f:
        f.write('{"gifkitMapping": 1, "model": "gif:LegalEntity", "columns": [\n'
                '  {"header": "houjin_no", "item": "legalEntityNumber"}\n]}\n')


def looked_up(checked, agreeing):
    """A check: the registry looked up this many rows, this many agreeing."""
    def check(report):
        accuracy = task(report)["quality"]["accuracy"]
        if (accuracy["checked"], accuracy["agreeing"]) != (checked, agreeing):
            return f"accuracy {accuracy}"
        return None
    return check


# A `before` step: the registry of the four ABR areas of the shared data.
ABR_FOUR_AREAS = ["registry", "build", "--out", "{tmp}/abr.db", "{data}/abr/national",
                  "{data}/abr/bunkyo", "{data}/abr/wakayama", "{data}/abr/yakushima"]


# A registry of the national ABR (prefectures, cities) and えびの市's 町字 only.
ABR_EBINO_TOWNS = ["registry", "build", "--out", "{tmp}/ebino.db", "{data}/abr/national",
                   "{data}/abr/ebino/mt_town_pref45.csv.zip"]
ABR_EBINO_TOWNS_AND_DIFFS = ["registry", "build", "--out", "{tmp}/mixed.db",
                             "{data}/abr/national", "{data}/abr/ebino/mt_town_pref45.csv.zip",
                             "{data}/houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv",
                             "{data}/houjin/samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"]
BUILD_BULK_REGISTRY = ["registry", "build", "--out", "{tmp}/bulk.db",
                       "{tmp}/00_zenkoku_all_20240329.csv",
                       "{data}/houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv",
                       "{data}/houjin/samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"]


BUILD_PREFECTURE_BULK_REGISTRY = ["registry", "build", "--out", "{tmp}/tottori.db",
                                  "{tmp}/31_tottori_all_20240329.csv"]


def prefecture_bulk_file(env):
    """A `before` step: the same real rows under their own name, the NTA's bulk file of 鳥取県
    (31) alone."""
    shutil.copy(os.path.join(env["data"], "houjin", "samples",
                             "new-village_cnparser_31_tottori_test_20240329.csv"),
                os.path.join(env["tmp"], "31_tottori_all_20240329.csv"))


def national_bulk_file(env):
    """A `before` step: the real bulk rows of the shared sample (the first rows of
    31_tottori_all_20240329) under the name of the NTA's national bulk file."""
    shutil.copy(os.path.join(env["data"], "houjin", "samples",
                             "new-village_cnparser_31_tottori_test_20240329.csv"),
                os.path.join(env["tmp"], "00_zenkoku_all_20240329.csv"))


def town_values(report):
    """11.13: the 町字ID as written, the city named, and the accuracy not counting the rows
    not checked (rows 2-3 checked, row 2 agreeing; rows 4-5 not checked)."""
    problems = {p["row"]: p for p in task(report)["errors"]
                if p["code"] in ("not-in-registry", "registry-not-checked")}
    if problems[3]["value"] != "0999000" or "452092 えびの市" not in problems[3]["message"]:
        return f"row 3: {problems[3]}"
    if problems[4]["value"] != "0003000" or \
            "the registry holds no 町字 of 222127 焼津市" not in problems[4]["message"]:
        return f"row 4: {problems[4]}"
    accuracy = task(report)["quality"]["accuracy"]
    if (accuracy["checked"], accuracy["agreeing"], accuracy.get("notChecked")) != (2, 1, 2):
        return f"accuracy {accuracy}"
    return None


def info_json_problem(out, holding):
    """11.16: registry info --format json: the holding, the cities, file names only."""
    info = json.loads(out) if isinstance(out, str) else out
    holds = info.get("holds", {})
    if holds.get("corporations", {}).get("holding") != holding:
        return f"holds.corporations: {holds.get('corporations')}, expected {holding}"
    for source in info["sources"]:
        name = source["sourceFile"]
        # A table the build derived (abr_city_towns of えびの市's 町字) has
        # no file and no checksum; every file has both.
        derived = name.startswith("derived from ") and not source["sha256"]
        if "/" in name or os.path.isabs(name) or not (source["sha256"] or derived):
            return f"sourceFile {name!r} is a path, or has no checksum"
    if holding == "diffs-only" and holds["addresses"] != {
            "452092": {"name": "宮崎県えびの市", "towns": 30, "residences": 0, "parcels": 0}}:
        return f"holds.addresses: {holds['addresses']}"
    return None


CASES = [
    # 11.x — validate --registry: the models' registry rules against a registry built from
    # the real NTA samples (registry_combined.csv: correct, unknown, closed with successor,
    # renamed, width/legal-form spelling only, moved, bad check digit)
    # BUILD_REGISTRY holds the two diff files only: row 3 (7000012050002, not in them) is not
    # checked (11.14 has it as not-in-registry against a bulk registry).
    {"name": "11.1-validate-registry-combined-address", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/houjin.db",
              "{fixtures}/registry_combined.csv"],
     "exit": 1,
     "expect": [("registry-not-checked", 3, 1), ("closed-corporation", 4, 1, "5010401092060"),
                ("registry-mismatch", 5, 2, "株式会社グランシア"),
                ("registry-mismatch", 7, 3, "千葉県千葉市緑区あすみが丘東５丁目２１番地２６"),
                ("invalid-check-digit", 8, 1)],
     "check": lambda r: next((f"unexpected {p['code']} in row {p['row']}" for p in task(r)["errors"]
                              if p["code"] in ("not-in-registry", "closed-corporation",
                                               "registry-mismatch") and p["row"] in (2, 6, 8)),
                             None)},
    {"name": "11.2-validate-registry-split-address", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/houjin.db",
              "--skip", "required-pattern", "{fixtures}/registry_split.csv"],
     "exit": 0,
     "expect": [("registry-mismatch", 3, 3, "千葉県柏市加賀３丁目２５番９号"),
                ("registry-mismatch", 4, 3, "東京都中央区銀座７丁目１０番１６号")],
     "absent": ["not-in-registry", "closed-corporation"],
     # (Its 町字 written with full-width digits are wrong-width warnings of their own.)
     "check": lambda r: None if [p["row"] for p in task(r)["errors"]
                                 if p["code"] != "wrong-width"] == [3, 4]
     else f"rows {[p['row'] for p in task(r)['errors']]}"},
    {"name": "11.3-validate-without-registry-skips-the-rules",
     "args": ["validate", "--model", "gif:LegalEntity", "{fixtures}/registry_split.csv"],
     "exit": 0, "absent": ["not-in-registry", "closed-corporation", "registry-mismatch"],
     "check": lambda r: None if task(r)["modelNote"].endswith("registry rules skipped (no --registry)")
     else task(r)["modelNote"]},
    {"name": "11.4-validate-registry-missing-file",
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/no-such.db",
              "{fixtures}/registry_split.csv"],
     "exit": 2, "stderr_contains": ["gifkit validate: --registry:", "no-such.db"]},
    {"name": "11.5-validate-registry-text-and-fail-on-warning", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/houjin.db",
              "--pick", "closed-corporation,registry-mismatch", "--fail-on", "warning",
              "{fixtures}/registry_combined.csv"],
     "exit": 1,
     "stdout_contains": ["法人番号: 1040001042029 千葉日野自動車株式会社 was closed on 2021-07-12 "
                         "(11 合併による解散等); its successor is 5010401092060",
                         "商号又は名称: 有限会社幸大保険サービス differs from the registered name "
                         "株式会社グランシア"]},
    # Address rows against the Address Base Registry (national + 文京区): rows 2-3 agree (3
    # only by width), 4 has another 町字's postal code, 5 another city, 6 an unknown 町字ID,
    # 7 an unknown (well-formed) 全国地方公共団体コード, 8 another prefecture and 町字; 9-10
    # agree with kanji numerals (白山二丁目: the normalizer reaches the row's codes), 11 names
    # 湯島三丁目 with the 町字ID of 湯島２丁目.
    {"name": "11.6-validate-address-against-the-abr", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/abr.db", "{data}/abr/national",
                 "{data}/abr/bunkyo"]],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "--skip", "required-pattern", "{fixtures}/address_registry.csv"],
     "exit": 1,
     "expect": [("inconsistent-address", 4, 7, "1120001"), ("registry-mismatch", 5, 4, "文京区"),
                ("not-in-registry", 6, 2), ("not-in-registry", 7, 1),
                ("registry-mismatch", 8, 3, "東京都"), ("registry-mismatch", 8, 5, "白山５丁目"),
                ("registry-mismatch", 11, 5, "湯島２丁目")],
     # Besides: the 町字 written with full-width digits (白山２丁目, as the ABR writes some)
     # are wrong-width warnings, DS-442's form of the text whatever the registry holds.
     "check": lambda report: None if len([p for p in task(report)["errors"]
                                          if p["code"] != "wrong-width"]) == 7
     else f"expected 7 problems, got {len(task(report)['errors'])}"},
    {"name": "11.7-validate-address-with-a-corporate-only-registry-skips-address-rules",
     "needs_data": True, "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/houjin.db",
              "{fixtures}/address_registry.csv"],
     # the registry's rules skipped; the code's city against the address's is gifkit's own
     # city table's (60.x): 文京区's 131059 beside 台東区 and 大阪府 (rows 5 and 8)
     "exit": 1, "absent": ["not-in-registry", "registry-mismatch", "inconsistent-address"],
     "expect": [("address-parts-disagree", 5, 1), ("address-parts-disagree", 8, 1)],
     "check": lambda report: None if "address registry rules skipped" in task(report)["modelNote"]
     else "the model note does not say the address rules were skipped"},

    # 11.8-11.10: written addresses normalized with the ABR (national + 文京区 + 和歌山県 +
    # 屋久島町): the one-line 住所 (連結表記), 都道府県 + 市区町村 + 町字以下, the code's area +
    # 町字以下, and a 住所 held by 個人. Every problem is listed, with its severity.
    {"name": "11.8-validate-one-line-address-against-the-abr", "needs_data": True,
     "before": [ABR_FOUR_AREAS],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "--skip", "required-pattern", "{fixtures}/address_one_line.csv"],
     "exit": 1,
     "check": lambda report: exact_problems(report, [
         ("equivalent-item-name", "info", 1, 1, "連結表記"),
         # 白山２丁目１番２号: the width of its numbers (the text's rule, with or without a
         # registry), and DS-442 writes 丁目 and 番地以下 as 2-1-2 (the ABR confirms the reading)
         ("wrong-width", "warning", 3, 1, "東京都文京区白山2丁目1番2号 白山ビル"),
         ("invalid-format", "error", 3, 1, "東京都文京区白山2-1-2 白山ビル"),
         # 文京区白山２－１－２: only the width, and no 都道府県 (the row does not say which)
         ("wrong-width", "warning", 4, 1, "文京区白山2-1-2"),
         ("address-without-prefecture", "warning", 4, 1, ""),
         ("not-in-registry", "warning", 5, 1, ""),  # 白山九丁目: no such 丁目
         ("not-in-registry", "warning", 6, 1, ""),  # 2-99-99: not in the 住居表示
         ("not-in-registry", "error", 7, 1, ""),  # 不存在町: no such 町字 in 文京区
         # row 8 千代田区: the ABR here has no 町字 of it (counted in the note)
         # row 9 海南市日方1525: only the 町字 of 海南市 is known; the number is not checked
         ("not-in-registry", "warning", 10, 1, ""),  # 禰宜949: only 949-1, 949-2…
         ("address-without-prefecture", "warning", 10, 1, ""),  # 和歌山市禰宜949
         ("inconsistent-address", "error", 11, 2, "1120001"),  # 郵便番号 of another 町字
         ("inconsistent-address", "error", 12, 1, "1120001"),  # 〒100-0001 in front
         ("not-in-registry", "error", 13, 1, ""),  # ソ連区: no such city
         # row 14 禰宜949-1: a registered 地番, written without its 都道府県
         ("address-without-prefecture", "warning", 14, 1, ""),
         ("not-in-registry", "warning", 15, 1, ""),  # 宮之浦1: not in the 地番
     ]) or (None if task(report)["modelNote"].endswith(
         "the 町字 of 1 written addresses not checked (the registry has no 町字 of their city)")
         else task(report)["modelNote"])},
    {"name": "11.9-validate-written-address-forms-and-codes-against-the-abr", "needs_data": True,
     "before": [ABR_FOUR_AREAS],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "--skip", "required-pattern", "{fixtures}/address_written_forms.csv"],
     "exit": 1,
     "check": lambda report: exact_problems(report, [
         ("equivalent-item-name", "info", 1, 6, "連結表記"),
         # 都道府県 + 市区町村 + 町字以下: 白山二丁目1番2号 is not the DS-442 町字以下
         ("invalid-format", "error", 3, 5, "白山2-1-2"),
         # the code is 和歌山市's: the codes' check says so, the written check adds nothing
         ("registry-mismatch", "warning", 4, 3, "和歌山県"),
         ("registry-mismatch", "warning", 4, 4, "和歌山市"),
         # the code's area + 町字以下 (no 都道府県 / 市区町村 written)
         ("wrong-width", "warning", 5, 5, "湯島2丁目6-2"),  # its full-width numbers
         ("invalid-format", "error", 5, 5, "湯島2-6-2"),
         ("inconsistent-address", "error", 6, 7, "1120001"),  # no codes: from the address
         ("registry-mismatch", "warning", 7, 2, "0006002"),  # 町字ID of 白山２丁目, 住所 in 湯島
         # row 8 agrees; rows 9-11 leave out parts (no 町字以下; no 都道府県/市区町村; no
         # 市区町村): incomplete, not unknown — the required items' business, not the registry's
         ("not-in-registry", "error", 12, 5, ""),  # 不存在町: no such 町字 in 文京区
     ])},
    {"name": "11.11-validate-four-address-items-without-codes-against-the-abr",
     "needs_data": True, "before": [ABR_FOUR_AREAS],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "{fixtures}/address_four_items.csv"],
     "exit": 1,
     "check": lambda report: exact_problems(report, [
         ("not-in-registry", "warning", 3, 3, ""),  # 白山九丁目: at the 町字
         ("not-in-registry", "warning", 4, 4, ""),  # 99-99: at the 番地以下
         ("wrong-width", "warning", 5, 4, "1-2"),  # the 番地以下's own check; nothing more
         # row 6 台東区: no 町字 of it in this registry (counted in the note)
         ("not-in-registry", "error", 7, 3, ""),  # 不存在町
         # row 8 禰宜949-1: a registered 地番
     ]) or (None if "the 町字 of 1 written addresses not checked" in task(report)["modelNote"]
            else task(report)["modelNote"])},
    {"name": "11.12-validate-address-of-another-country-is-not-checked-against-the-abr",
     "needs_data": True, "before": [ABR_FOUR_AREAS],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "{fixtures}/address_countries.csv"],
     "exit": 1,
     # rows 2-3 (FRA, USA) are not looked up; JPN, an empty 国 and 日本 (not a code: its
     # own problem) are
     "check": lambda report: exact_problems(report, [
         ("not-in-registry", "error", 4, 1, ""), ("not-in-registry", "error", 5, 1, ""),
         ("not-in-registry", "error", 6, 1, ""),
     ], codes=("not-in-registry", "registry-mismatch", "invalid-format"))},
    {"name": "11.10-validate-person-with-one-line-address-against-the-abr", "needs_data": True,
     "before": [ABR_FOUR_AREAS],
     "args": ["validate", "--model", "gif:Person", "--registry", "{tmp}/abr.db",
              "{fixtures}/person_one_line_address.csv"],
     "exit": 1,
     "check": lambda report: exact_problems(report, [
         ("wrong-width", "warning", 2, 3, "東京都文京区白山2丁目1番2号 白山ビル19階"),
         ("invalid-format", "error", 2, 3, "東京都文京区白山2-1-2 白山ビル19階"),
     ], codes=("invalid-format", "not-in-registry", "registry-mismatch",
               "inconsistent-address", "wrong-width"))},

    # 11.13–11.16 (issue #30): a code the registry cannot check is not checked, never
    # not-in-registry. 11.13: a registry of the national ABR plus えびの市's 町字 only: a 町字ID
    # of 焼津市 (222127; the registry has the city, no 町字 of it) is registry-not-checked (info),
    # not counted as checked in the accuracy figures; an unknown 町字ID of えびの市 is still
    # not-in-registry, its value as the dataset wrote it (0999000, not "452092 0999000").
    {"name": "11.13-validate-town-of-a-city-the-registry-has-no-towns-of-is-not-checked",
     "needs_data": True,
     "before": [ABR_EBINO_TOWNS],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/ebino.db",
              "{fixtures}/address_uncovered_city.csv"],
     "exit": 1,
     "check": lambda r: exact_problems(r, [
         ("not-in-registry", "error", 3, 2, ""),
         ("registry-not-checked", "info", 4, 2, ""),
         ("registry-not-checked", "info", 5, 2, ""),
     ], codes=("not-in-registry", "registry-not-checked")) or town_values(r)},
    # 11.14: the same registry_combined.csv against a registry that holds the national bulk
    # file: 7000012050002 is not-in-registry (an error). The bulk file is the first rows of
    # the NTA's 31_tottori_all_20240329 (the shared sample), saved under the national file's
    # name, 00_zenkoku_all_20240329.csv: the registry takes it as the complete file.
    {"name": "11.14-validate-corporation-missing-from-a-bulk-registry-is-not-in-registry",
     "needs_data": True,
     "before": [national_bulk_file, BUILD_BULK_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/bulk.db",
              "{fixtures}/registry_combined.csv"],
     "exit": 1,
     "check": lambda r: exact_problems(r, [("not-in-registry", "error", 3, 1, "")],
                                       codes=("not-in-registry", "registry-not-checked"))},
    # 11.20: the same file against a registry of one prefecture's bulk file (鳥取県's, whose rows
    # hold none of the file's corporations): デジタル庁 (東京都) and the others may be registered
    # in another prefecture, so each is not checked (an info naming why), never
    # not-in-registry; row 8's wrong check digit is still an error.
    {"name": "11.20-validate-corporation-missing-from-one-prefectures-bulk-file-is-not-checked",
     "needs_data": True,
     "before": [prefecture_bulk_file, BUILD_PREFECTURE_BULK_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/tottori.db",
              "{fixtures}/registry_combined.csv"],
     "exit": 1, "expect": [("invalid-check-digit", 8, 1)], "absent": ["not-in-registry"],
     "check": lambda r: exact_problems(
         r, [("registry-not-checked", "info", row, 1, "") for row in range(2, 8)],
         codes=("not-in-registry", "registry-not-checked"))
     or (None if all("the registry holds the 法人番号 bulk files of prefecture 31 only: a number "
                     "not in them may be registered in another prefecture" in p["message"]
                     for p in task(r)["errors"] if p["code"] == "registry-not-checked")
         else "a message does not name prefecture 31")},
    # 11.15: registry info says what a registry holds — 法人番号 diffs only, the cities with
    # 町字 — and names its sources by file name, never by the path they were built from.
    {"name": "11.15-registry-info-says-what-it-holds-by-file-name", "room": "registry-build",
     "needs_data": True,
     "before": [ABR_EBINO_TOWNS_AND_DIFFS],
     "args": ["registry", "info", "{tmp}/mixed.db"],
     "stdout_contains": [
         "holds:\n  法人番号: diffs only (0 bulk, 2 diff, 0 other files)",
         "  町字 of 1 city: 452092 宮崎県えびの市 30\n  住居表示 of no city\n  地番 of no city\n",
         "  code4fukui_gBizINFO_diff_20210714_utf8.csv\n"],
     "output_lacks": lambda env: [env["data"], "/houjin/samples/"]},
    # 11.17–11.19 (issue #30 step 1): a gBizINFO download's corporateID and a column bound by
    # --mapping are 法人番号 for the registry rules too.
    {"name": "11.17-validate-gbizinfo-header-against-the-registry", "needs_data": True,
     "setup": write_gbizinfo, "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/houjin.db",
              "{tmp}/" + GBIZ],
     "exit": 0,
     "absent": ["invalid-check-digit", "not-in-registry", "registry-not-checked",
                "registry-mismatch", "closed-corporation"],
     "check": looked_up(2, 2)},
    {"name": "11.18-validate-gbizinfo-wrong-check-digit-with-registry", "needs_data": True,
     "setup": write_gbizinfo_wrong, "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/houjin.db",
              "{tmp}/" + GBIZ],
     "exit": 1, "expect": [("invalid-check-digit", 3, 1)],
     "absent": ["not-in-registry", "registry-not-checked", "registry-mismatch"]},
    {"name": "11.19-validate-mapping-binds-the-registry-rules", "needs_data": True,
     "setup": write_keiyaku_renamed, "before": [BUILD_REGISTRY],
     "args": ["validate", "--registry", "{tmp}/houjin.db", "--mapping", "{tmp}/" + MAPPING,
              "{tmp}/" + KEIYAKU],
     "exit": 0, "expect": [("registry-mismatch", 3, 2, "株式会社ＭＣＡホールディングス"),
                           ("mapped-column", 1, 1, "法人番号")],
     "absent": ["invalid-check-digit", "not-in-registry", "registry-not-checked"],
     "check": looked_up(2, 1)},
    {"name": "11.16-registry-info-json-holdings-and-no-paths", "room": "registry-build",
     "needs_data": True,
     "before": [national_bulk_file, BUILD_BULK_REGISTRY, ABR_EBINO_TOWNS_AND_DIFFS],
     "args": ["registry", "info", "{tmp}/mixed.db", "--format", "json"],
     "output_lacks": lambda env: [env["data"], "/houjin/samples/", "/abr/"],
     "stdout_check": lambda out, env: info_json_problem(out, "diffs-only") or info_json_problem(
         env["gifkit_json"]("registry", "info", env["tmp"] + "/bulk.db", "--format", "json"),
         "complete")},
]

