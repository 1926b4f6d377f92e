"""cases/validate_registry.py — 11.x: `gifkit validate --registry` — the models' registry rules
against registries built from the real NTA samples and the ABR."""
from .common import BUILD_REGISTRY, exact_problems, task


# A `before` step: the registry of the four ABR areas of the shared data.
ABR_FOUR_AREAS = ["registry", "build", "--out", "{tmp}/abr.db", "{data}/abr/national",
                  "{data}/abr/bunkyo", "{data}/abr/wakayama", "{data}/abr/yakushima"]


CASES = [
    # 11.x — validate --registry: the models' registry rules against a registry built from
    # the real NTA samples (registry_combined.csv: correct, unknown, closed with successor,
    # renamed, width/legal-form spelling only, moved, bad check digit)
    {"name": "11.1-validate-registry-combined-address", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:LegalEntity", "--registry", "{tmp}/houjin.db",
              "{fixtures}/registry_combined.csv"],
     "exit": 1,
     "expect": [("not-in-registry", 3, 1), ("closed-corporation", 4, 1, "5010401092060"),
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
              "{fixtures}/registry_split.csv"],
     "exit": 0,
     "expect": [("registry-mismatch", 3, 3, "千葉県柏市加賀３丁目２５番９号"),
                ("registry-mismatch", 4, 3, "東京都中央区銀座７丁目１０番１６号")],
     "absent": ["not-in-registry", "closed-corporation"],
     "check": lambda r: None if [p["row"] for p in task(r)["errors"]] == [3, 4]
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
              "{fixtures}/address_registry.csv"],
     "exit": 1,
     "expect": [("inconsistent-address", 4, 7, "1120001"), ("registry-mismatch", 5, 4, "文京区"),
                ("not-in-registry", 6, 2), ("not-in-registry", 7, 1),
                ("registry-mismatch", 8, 3, "東京都"), ("registry-mismatch", 8, 5, "白山５丁目"),
                ("registry-mismatch", 11, 5, "湯島２丁目")],
     "check": lambda report: None if len(task(report)["errors"]) == 7
     else f"expected 7 problems, got {len(task(report)['errors'])}"},
    {"name": "11.7-validate-address-with-a-corporate-only-registry-skips-address-rules",
     "needs_data": True, "before": [BUILD_REGISTRY],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/houjin.db",
              "{fixtures}/address_registry.csv"],
     "exit": 0, "absent": ["not-in-registry", "registry-mismatch", "inconsistent-address"],
     "check": lambda report: None if "address registry rules skipped" in task(report)["modelNote"]
     else "the model note does not say the address rules were skipped"},

    # 11.8-11.10: written addresses normalized with the ABR (national + 文京区 + 和歌山県 +
    # 屋久島町): the one-line 住所 (連結表記), 都道府県 + 市区町村 + 町字以下, the code's area +
    # 町字以下, and a 住所 held by 個人. Every problem is listed, with its severity.
    {"name": "11.8-validate-one-line-address-against-the-abr", "needs_data": True,
     "before": [ABR_FOUR_AREAS],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "{fixtures}/address_one_line.csv"],
     "exit": 1,
     "check": lambda report: exact_problems(report, [
         ("equivalent-item-name", "info", 1, 1, "連結表記"),
         # 白山２丁目１番２号: DS-442 writes 丁目 and 番地以下 as 2-1-2
         ("invalid-format", "error", 3, 1, "東京都文京区白山2-1-2 白山ビル"),
         # 白山２－１－２: only the width
         ("wrong-width", "warning", 4, 1, "東京都文京区白山2-1-2"),
         ("not-in-registry", "warning", 5, 1, ""),  # 白山九丁目: no such 丁目
         ("not-in-registry", "warning", 6, 1, ""),  # 2-99-99: not in the 住居表示
         ("not-in-registry", "error", 7, 1, ""),  # 不存在町: no such 町字 in 文京区
         # row 8 千代田区: the ABR here has no 町字 of it (counted in the note)
         # row 9 海南市日方1525: only the 町字 of 海南市 is known; the number is not checked
         ("not-in-registry", "warning", 10, 1, ""),  # 禰宜949: only 949-1, 949-2…
         ("inconsistent-address", "error", 11, 2, "1120001"),  # 郵便番号 of another 町字
         ("inconsistent-address", "error", 12, 1, "1120001"),  # 〒100-0001 in front
         ("not-in-registry", "error", 13, 1, ""),  # ソ連区: no such city
         # row 14 禰宜949-1: a registered 地番
         ("not-in-registry", "warning", 15, 1, ""),  # 宮之浦1: not in the 地番
     ]) or (None if task(report)["modelNote"].endswith(
         "the 町字 of 1 written addresses not checked (the registry has no 町字 of their city)")
         else task(report)["modelNote"])},
    {"name": "11.9-validate-written-address-forms-and-codes-against-the-abr", "needs_data": True,
     "before": [ABR_FOUR_AREAS],
     "args": ["validate", "--model", "gif:Address", "--registry", "{tmp}/abr.db",
              "{fixtures}/address_written_forms.csv"],
     "exit": 1,
     "check": lambda report: exact_problems(report, [
         ("equivalent-item-name", "info", 1, 6, "連結表記"),
         # 都道府県 + 市区町村 + 町字以下: 白山二丁目1番2号 is not the DS-442 町字以下
         ("invalid-format", "error", 3, 5, "白山2-1-2"),
         # the code is 和歌山市's: the codes' check says so, the written check adds nothing
         ("registry-mismatch", "warning", 4, 3, "和歌山県"),
         ("registry-mismatch", "warning", 4, 4, "和歌山市"),
         # the code's area + 町字以下 (no 都道府県 / 市区町村 written)
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
         ("invalid-format", "error", 2, 3, "東京都文京区白山2-1-2 白山ビル19階"),
     ], codes=("invalid-format", "not-in-registry", "registry-mismatch",
               "inconsistent-address", "wrong-width"))},
]
