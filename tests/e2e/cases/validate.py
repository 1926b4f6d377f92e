"""cases/validate.py — 1.x–5.x, 7.x: `gifkit validate` — the Digital Agency's example, values,
report formats, bad input, XML instances, the NTA's published CSV."""
from .common import REGISTRATION, task


def make_2gb_file(tmp):
    """A 2 GiB + 1 byte file: a header line, then a sparse run of NUL bytes."""
    import os
    path = os.path.join(tmp, "big.csv")
    with open(path, "wb") as f:
        f.write("法人番号,商号または名称\n".encode("utf-8"))
        f.truncate(2 * 1024 ** 3 + 1)


def check_sarif_output_file(env):
    """--output wrote a complete SARIF file and left no temporary file beside it."""
    import json
    import os
    tmp = env["tmp"]
    names = sorted(os.listdir(tmp))
    assert names == ["out.sarif"], f"files in the output folder: {names}"
    with open(os.path.join(tmp, "out.sarif"), encoding="utf-8") as f:
        sarif = json.load(f)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"], "empty SARIF"


CONTRACTORS = "ishikawa-pref_170003_contractors.csv"


def write_contractors(tmp):
    """A prefecture's list of contractors as its portal names the download: one 法人番号 with
    a wrong check digit (1010001072707: expected 9), one name with half-width letters."""
    import os
    with open(os.path.join(tmp, CONTRACTORS), "w", encoding="utf-8") as f:
        f.write("法人番号,商号または名称\n"
                "4000012090001,経済産業省\n"
                "1010001072707,株式会社MCAホールディングス\n")


def no_report(stdout, env):
    """Nothing was validated: no report at all on standard output."""
    return None if stdout == "" else "a report was written"


HYDRANTS = "yaizu-city_222127_fire_hydrant.csv"
HYDRANT_HEADER = "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,種別,住所,緯度,経度,口径,備考\n"


def write_header_only(tmp):
    """A city's 消防水利施設一覧 as its portal names the download, exported with its header
    and no rows."""
    import os
    with open(os.path.join(tmp, HYDRANTS), "w", encoding="utf-8") as f:
        f.write(HYDRANT_HEADER)


NEW_HYDRANTS = "yaizu-city_222127_fire_hydrant.csv"


def write_new_generation_hydrants(tmp):
    """A 消防水利施設一覧 in the new-generation layout (自治体標準オープンデータセット), named as
    the portal names it: the old 推奨データセット model knows few of its columns."""
    import os
    with open(os.path.join(tmp, NEW_HYDRANTS), "w", encoding="utf-8") as f:
        f.write("全国地方公共団体コード,ID,地方公共団体名,名称,所在地_連結表記,消防水利の種別,"
                "消防水利の形状,口径,緯度,経度\n"
                "222127,0001,静岡県焼津市,消火栓1号,静岡県焼津市本町1-1,消火栓,地下式,150,"
                "34.8670,138.3190\n")


def write_old_generation_hydrants(tmp):
    """The same city's 消防水利施設一覧 in the 推奨データセット layout, with one column of its
    own (管理番号): 10 of its 11 columns are the model's."""
    import os
    with open(os.path.join(tmp, HYDRANTS), "w", encoding="utf-8") as f:
        f.write(HYDRANT_HEADER.rstrip("\n") + ",管理番号\n"
                "222127,1,静岡県,焼津市,消火栓,静岡県焼津市本町1-1,34.8670,138.3190,150,,A-1\n")


def fit_problem(severity, message):
    """A check: the one poor-model-fit problem has this severity and message."""
    def check(report):
        found = [(p["severity"], p["message"]) for p in task(report)["errors"]
                 if p["code"] == "poor-model-fit"]
        return None if found == [(severity, message)] else f"poor-model-fit: {found}"
    return check


def check_service1(report):
    t = task(report)
    if t["model"] != "example:Registration":
        return f"model {t['model']}"
    if t["stats"]["rows"] != 1:
        return f"rows {t['stats']['rows']}"
    return None


CASES = [
    # 1.x — the Digital Agency's example (DESIGN.md §1)
    {"name": "1.1-service1-split-form-passes",
     "args": ["validate", "--model", REGISTRATION, "{fixtures}/service1_split.csv"],
     "exit": 0,
     "expect": [("equivalent-item-name", 1, 1, "氏"),
                ("equivalent-item-name", 1, 3, "氏（カナ）"),
                ("wrong-width", 2, 8, "1-3")],
     "absent": ["non-standard-item-name", "unknown-column", "missing-column"],
     "check": check_service1},
    {"name": "1.2-service2-combined-form-passes",
     "args": ["validate", "--model", REGISTRATION, "{fixtures}/service2_combined.csv"],
     "exit": 0,
     "absent": ["non-standard-item-name", "unknown-column", "missing-column", "missing-value"]},
    {"name": "1.3-service3-nonstandard-kana-items-fail",
     "args": ["validate", "--model", REGISTRATION, "{fixtures}/service3_nonstandard.csv"],
     "exit": 1,
     "expect": [("non-standard-item-name", 1, 3, "氏（カナ）"),
                ("non-standard-item-name", 1, 4, "名（カナ）")]},
    {"name": "1.4-service1-auto-model-person",
     "args": ["validate", "{fixtures}/service1_split.csv"],
     "exit": 0,
     "expect": [("unknown-column", 1, 10)],
     "check": lambda r: None if task(r)["model"] == "gif:Person" else f"picked {task(r)['model']}"},
    {"name": "1.5-misspelt-header-item",
     "args": ["validate", "--model", REGISTRATION, "{fixtures}/misspelt_header.csv"],
     "exit": 1,
     "expect": [("non-standard-item-name", 1, 6, "市区町村（郡）")]},
    {"name": "1.6-service3-github-annotations",
     "args": ["validate", "--model", REGISTRATION, "--format", "github",
              "{fixtures}/service3_nonstandard.csv"],
     "exit": 1, "format": "github",
     "stdout_contains": ["::error file={fixtures}/service3_nonstandard.csv,line=1,col=3"]},
    # 2.x — values: check digits, dates, postal codes, kana, code lists, keys
    {"name": "2.1-person-values",
     "args": ["validate", "--model", "gif:Person", "{fixtures}/persons_values.csv"],
     "exit": 1,
     "expect": [("wrong-width", 3, 3, "スズキ"),
                ("invalid-format", 3, 6, "2024-04-18"),
                ("invalid-format", 3, 7, "1008926"),
                ("character-not-allowed", 4, 3, "サトウ"),
                ("not-in-code-list", 4, 5),
                ("invalid-value", 4, 6)],
     "absent": ["unknown-column", "missing-column"]},
    {"name": "2.2-corporations",
     "args": ["validate", "--model", "gif:LegalEntity", "{fixtures}/corporations.csv"],
     "exit": 1,
     "expect": [("invalid-check-digit", 4, 1),
                ("invalid-format", 4, 4, "2024-04-18"),
                ("invalid-format", 4, 5),
                ("duplicate-key", 5, 1)],
     "absent": ["unknown-column", "non-standard-item-name"]},
    {"name": "2.3-corporations-auto-model",
     "args": ["validate", "{fixtures}/corporations.csv"],
     "exit": 1,
     "check": lambda r: None if task(r)["model"] == "gif:LegalEntity" else f"picked {task(r)['model']}"},
    {"name": "2.4-pick-only-check-digits",
     "args": ["validate", "--model", "gif:LegalEntity", "--pick", "invalid-check-digit",
              "{fixtures}/corporations.csv"],
     "exit": 1,
     "expect": [("invalid-check-digit", 4, 1)],
     "absent": ["duplicate-key", "invalid-format"]},
    {"name": "2.5-skip-everything-passes",
     "args": ["validate", "--model", "gif:LegalEntity", "--skip",
              "invalid-check-digit,invalid-format,duplicate-key,wrong-width",
              "{fixtures}/corporations.csv"],
     "exit": 0},
    {"name": "2.6-fail-on-warning",
     "args": ["validate", "--model", REGISTRATION, "--fail-on", "warning",
              "{fixtures}/service1_split.csv"],
     "exit": 1},
    {"name": "2.7-max-errors-truncates",
     "args": ["validate", "--model", "gif:Person", "--max-errors", "2",
              "{fixtures}/persons_values.csv"],
     "exit": 1,
     "check": lambda r: None if task(r)["truncated"] and len(task(r)["errors"]) == 2
     else f"truncated={task(r)['truncated']} listed={len(task(r)['errors'])}"},
    # 3.x — report formats, parsed with real parsers
    {"name": "3.1-format-json", "args": ["validate", "--model", "gif:LegalEntity", "--format",
                                          "json", "{fixtures}/corporations.csv"],
     "exit": 1, "format": "json"},
    {"name": "3.2-format-ndjson", "args": ["validate", "--model", "gif:LegalEntity", "--format",
                                            "ndjson", "{fixtures}/corporations.csv"],
     "exit": 1, "format": "ndjson"},
    {"name": "3.3-format-junit", "args": ["validate", "--model", "gif:LegalEntity", "--format",
                                           "junit", "{fixtures}/corporations.csv"],
     "exit": 1, "format": "junit"},
    {"name": "3.4-format-sarif", "args": ["validate", "--model", "gif:LegalEntity", "--format",
                                           "sarif", "{fixtures}/corporations.csv"],
     "exit": 1, "format": "sarif"},
    {"name": "3.5-format-github", "args": ["validate", "--model", "gif:LegalEntity", "--format",
                                            "github", "{fixtures}/corporations.csv"],
     "exit": 1, "format": "github"},
    {"name": "3.6-format-text", "args": ["validate", "--model", "gif:LegalEntity",
                                          "{fixtures}/corporations.csv"],
     "exit": 1, "stdout_contains": ["invalid-check-digit", "duplicate-key"]},
    {"name": "3.7-output-file-atomic",
     "args": ["validate", "--model", "gif:LegalEntity", "--format", "sarif", "--output",
              "{tmp}/out.sarif", "{fixtures}/corporations.csv"],
     "exit": 1, "after": [check_sarif_output_file]},
    # 4.x — bad input (corrupt and failing files)
    {"name": "4.1-empty-file", "args": ["validate", "{fixtures}/empty.csv"], "exit": 1,
     "expect": [("empty-file", 0, 0)], "absent": ["no-data-rows"]},
    {"name": "4.2-header-only", "args": ["validate", "--model", "gif:Person",
                                          "{fixtures}/header_only.csv"],
     "exit": 0, "expect": [("no-data-rows", 1, 0)],
     "check": lambda r: None if task(r)["stats"]["rows"] == 0 else "rows"},
    {"name": "4.3-ragged-rows", "args": ["validate", "--model", "gif:Person",
                                          "{fixtures}/ragged.csv"],
     "exit": 1, "expect": [("malformed-row", 3, None), ("malformed-row", 4, None)],
     "check": lambda r: None if task(r)["stats"]["rows"] == 4 else "rows != 4"},
    {"name": "4.4-unterminated-quote", "args": ["validate", "--model", "gif:Person",
                                                 "{fixtures}/unterminated.csv"],
     "exit": 1, "expect": [("malformed-row", None, None)]},
    {"name": "4.5-invalid-utf8", "args": ["validate", "--model", "gif:Person",
                                           "--encoding", "utf-8", "{fixtures}/invalid_utf8.csv"],
     "exit": 1, "expect": [("encoding-error", 3, 1)],
     "check": lambda r: None if task(r)["stats"]["rows"] == 3 else "rows != 3"},
    {"name": "4.6-shift-jis-detected", "args": ["validate", "--model", "gif:Person",
                                                 "{fixtures}/sjis.csv"],
     "exit": 0, "expect": [("encoding-detected", 0, 0), ("wrong-width", 3, 3, "スズキ")],
     "check": lambda r: None if task(r)["encoding"] == "CP932" else task(r)["encoding"]},
    {"name": "4.7-shift-jis-read-as-utf8", "args": ["validate", "--model", "gif:Person",
                                                     "--encoding", "utf-8", "{fixtures}/sjis.csv"],
     "exit": 1, "expect": [("encoding-error", None, None)]},
    {"name": "4.8-missing-file", "args": ["validate", "{fixtures}/no-such-file.csv"],
     "exit": 2, "expect": [("file-error", 0, 0)]},
    {"name": "4.9-missing-file-others-still-checked",
     "args": ["validate", "--model", "gif:LegalEntity", "{fixtures}/no-such-file.csv",
              "{fixtures}/corporations.csv"],
     "exit": 2, "expect": [("file-error", 0, 0), ("invalid-check-digit", 4, 1)]},
    {"name": "4.10-model-breaks-model-xsd",
     "args": ["validate", "--model", "{fixtures}/broken_model.xml", "{fixtures}/service1_split.csv"],
     "exit": 2, "stderr_contains": ["broken_model.xml:"]},
    {"name": "4.11-unknown-model", "args": ["validate", "--model", "gif:NoSuch",
                                             "{fixtures}/service1_split.csv"],
     "exit": 2, "stderr_contains": ["unknown model"]},
    {"name": "4.12-xml-bomb", "args": ["validate", "{fixtures}/xml_bomb.xml"],
     "exit": 1, "expect": [("xml-error", None, 0)], "needs_data": True},
    {"name": "4.13-usage-error-exit-2", "args": ["validate", "--no-such-option", "x.csv"],
     "exit": 2, "stderr_contains": ["--no-such-option"]},
    {"name": "4.14-no-files-exit-2", "args": ["validate"], "exit": 2},
    {"name": "4.15-bad-format-exit-2", "args": ["validate", "--format", "pdf", "x.csv"],
     "exit": 2},
    {"name": "4.16-stdin", "args": ["validate", "--model", "gif:LegalEntity", "-"],
     "stdin": "{fixtures}/corporations.csv", "exit": 1,
     "expect": [("invalid-check-digit", 4, 1)]},

    {"name": "4.17-two-gigabyte-file-streams",
     "setup": make_2gb_file,
     "args": ["validate", "--model", "gif:LegalEntity", "--max-errors", "5", "{tmp}/big.csv"],
     "exit": 1, "expect": [("malformed-row", None, None)],
     "check": lambda r: None if task(r)["stats"]["bytes"] > 2 * 1024 ** 3
     and all(len(p["value"]) < 300 for p in task(r)["errors"])
     else f"bytes {task(r)['stats']['bytes']}, or a value not shortened"},
    {"name": "4.18-pick-unknown-code-is-usage-error", "setup": write_contractors,
     "args": ["validate", "--model", "gif:LegalEntity", "--pick", "invalid-check-digt",
              "{tmp}/" + CONTRACTORS],
     "exit": 2, "stdout_check": no_report,
     "stderr_contains": ["gifkit validate: --pick: invalid-check-digt is not a problem code "
                         "(did you mean invalid-check-digit?)"]},
    {"name": "4.19-skip-unknown-code-is-usage-error", "setup": write_contractors,
     "args": ["validate", "--model", "gif:LegalEntity", "--skip", "wrong-widht",
              "--format", "github", "{tmp}/" + CONTRACTORS],
     "exit": 2, "stdout_check": no_report,
     "stderr_contains": ["--skip: wrong-widht is not a problem code (did you mean wrong-width?)"]},
    {"name": "4.20-pick-known-codes-still-gate", "setup": write_contractors,
     "args": ["validate", "--model", "gif:LegalEntity", "--pick", "invalid-check-digit,wrong-width",
              "--skip", "wrong-width", "{tmp}/" + CONTRACTORS],
     "exit": 1, "expect": [("invalid-check-digit", 3, 1)], "absent": ["wrong-width"]},
    {"name": "4.21-header-only-is-a-finding", "setup": write_header_only,
     "args": ["validate", "--model", "suisho:fire-hydrant", "{tmp}/" + HYDRANTS],
     "exit": 0, "expect": [("no-data-rows", 1, 0)],
     "check": lambda r: None if [p["message"] for p in task(r)["errors"]] == [
         task(r)["path"] + ": the header (line 1) has no data rows under it; no value was checked"]
     else f"problems {task(r)['errors']}"},
    {"name": "4.22-header-only-fails-on-warning", "setup": write_header_only,
     "args": ["validate", "--model", "suisho:fire-hydrant", "--fail-on", "warning",
              "{tmp}/" + HYDRANTS],
     "exit": 1, "stdout_contains": ["FAIL", "warning no-data-rows", "the header (line 1) has no "
                                    "data rows under it"]},
    {"name": "4.23-header-only-in-sarif", "setup": write_header_only,
     "args": ["validate", "--model", "suisho:fire-hydrant", "--format", "sarif",
              "{tmp}/" + HYDRANTS],
     "exit": 0, "format": "sarif",
     "stdout_contains": ['"ruleId": "no-data-rows"', '"startLine": 1']},
    {"name": "4.24-header-only-in-junit", "setup": write_header_only,
     "args": ["validate", "--model", "suisho:fire-hydrant", "--format", "junit",
              "--fail-on", "warning", "{tmp}/" + HYDRANTS],
     "exit": 1, "format": "junit", "stdout_contains": ["no-data-rows"]},
    {"name": "4.25-header-only-in-github", "setup": write_header_only,
     "args": ["validate", "--model", "suisho:fire-hydrant", "--format", "github",
              "{tmp}/" + HYDRANTS],
     "exit": 0, "format": "github",
     "stdout_contains": [f"::warning file={{tmp}}/{HYDRANTS},line=1,title=no-data-rows::"]},
    {"name": "4.26-named-model-that-fits-few-columns-warns",
     "setup": write_new_generation_hydrants,
     "args": ["validate", "--model", "suisho:fire-hydrant", "{tmp}/" + NEW_HYDRANTS],
     "exit": 1, "expect": [("poor-model-fit", 1, 0)],
     "check": fit_problem("warning", "suisho:fire-hydrant recognises 3 of the 10 columns (30%, "
                          "fewer than half); not its items: 全国地方公共団体コード, ID, "
                          "地方公共団体名 and 4 more")},
    {"name": "4.27-require-fit-makes-a-poor-fit-an-error",
     "setup": write_new_generation_hydrants,
     "args": ["validate", "--model", "suisho:fire-hydrant", "--require-fit", "50",
              "{tmp}/" + NEW_HYDRANTS],
     "exit": 1,
     "check": fit_problem("error", "suisho:fire-hydrant recognises 3 of the 10 columns (30%, "
                          "under --require-fit 50%); not its items: 全国地方公共団体コード, ID, "
                          "地方公共団体名 and 4 more")},
    {"name": "4.28-require-fit-fails-a-fit-below-it", "setup": write_old_generation_hydrants,
     "args": ["validate", "--model", "suisho:fire-hydrant", "--require-fit", "100",
              "{tmp}/" + HYDRANTS],
     "exit": 1,
     "check": fit_problem("error", "suisho:fire-hydrant recognises 10 of the 11 columns (90%, "
                          "under --require-fit 100%); not its items: 管理番号")},
    {"name": "4.29-good-fit-passes", "setup": write_old_generation_hydrants,
     "args": ["validate", "--model", "suisho:fire-hydrant", "--require-fit", "90",
              "{tmp}/" + HYDRANTS],
     "exit": 0, "absent": ["poor-model-fit"]},
    {"name": "4.30-require-fit-out-of-range-is-usage-error", "setup": write_old_generation_hydrants,
     "args": ["validate", "--model", "suisho:fire-hydrant", "--require-fit", "101",
              "{tmp}/" + HYDRANTS],
     "exit": 2, "stdout_check": no_report,
     "stderr_contains": ["--require-fit: Value 101 not in range 0 to 100"]},
    # 5.x — XML instances against the official GIF XSD
    {"name": "5.1-xml-address-valid", "args": ["validate", "{fixtures}/address_mp02_valid.xml"],
     "exit": 0, "needs_data": True},
    {"name": "5.2-xml-address-invalid",
     "args": ["validate", "{fixtures}/address_mp02_invalid.xml"],
     "exit": 1, "needs_data": True, "expect": [("schema-violation", None, 0)]},
    # 7.x — real published data: the National Tax Agency's 30-column CSV (no header row)
    {"name": "7.1-nta-diff-utf8-real-records",
     "args": ["validate", "--model", "nta:houjin-csv",
              "{data}/houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv"],
     "exit": 0, "needs_data": True, "absent": ["malformed-row", "invalid-check-digit"],
     "check": lambda r: None if task(r)["stats"]["rows"] == 2772 else f"rows {task(r)['stats']['rows']}"},
    {"name": "7.2-nta-diff-shift-jis-real-records",
     "args": ["validate", "--model", "nta:houjin-csv",
              "{data}/houjin/samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"],
     "exit": 0, "needs_data": True, "expect": [("encoding-detected", 0, 0)],
     "check": lambda r: None if task(r)["encoding"] == "CP932" and task(r)["stats"]["rows"] == 2404
     else f"{task(r)['encoding']} {task(r)['stats']['rows']}"},
    {"name": "7.3-nta-webapi-v2-has-28-columns",
     "args": ["validate", "--model", "nta:houjin-csv", "--pick", "malformed-row",
              "{data}/houjin/samples/kissy2go_houjin-bangou_webapi-v2_diff_2017-01-01_2017-01-10_part1of3_sjis.csv"],
     "exit": 1, "needs_data": True, "expect": [("malformed-row", 2, None)]},
]
