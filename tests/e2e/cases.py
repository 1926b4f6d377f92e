"""cases.py — the end-to-end cases, numbered like a table (SQLite style).

Each case runs the real gifkit binary. Keys:
  name      case id (e2e.<name> in ctest)
  args      arguments; {fixtures} = tests/e2e/data, {data} = ../shared/data,
            {tmp} = a fresh temp dir, {repo} = the project root
  exit      expected exit code (0 ok, 1 data not OK, 2 usage / could not run)
  expect    [(code, row, column[, suggestion substring])] that the JSON report must hold
  absent    codes the JSON report must not hold
  check     function(report) -> error message or None
  format    check stdout with check_report.py FORMAT
  reference compare stdout with reference/FILE
  stdout_check  function(stdout, env) -> error message or None
  stdout_contains / stderr_contains  substrings
  output_lacks  substrings neither stdout nor stderr may hold (or function(env) -> them)
  setup     function(tmp) run before anything else
  before / after  steps run before / after the command: gifkit argument lists
            (each must exit 0) or functions(env), env holding tmp, data, fixtures, repo
            and gifkit_json(*args) (a command's JSON, its registry on the backend)
  update_on_server  with GIFKIT_E2E_REGISTRY=postgresql, its `registry update FILE …`
            steps update the server's copy of FILE (`registry update DSN …`, FILE pushed
            first) instead of the file; unset, they update the file, pushed before the
            next read (registry_backend.py). The 10.x update cases have it, but those
            about the file itself.

With GIFKIT_E2E_REGISTRY=postgresql the cases that read a registry run again against a
PostgreSQL server (run_e2e.py, registry_backend.py), except FILE_ONLY's below.
"""

import json

REGISTRATION = "{repo}/docs/examples/registration-model.xml"


# A `before` step: the registry of the four ABR areas of the shared data.
ABR_FOUR_AREAS = ["registry", "build", "--out", "{tmp}/abr.db", "{data}/abr/national",
                  "{data}/abr/bunkyo", "{data}/abr/wakayama", "{data}/abr/yakushima"]


def exact_problems(report, expected, codes=None):
    """None when the report's problems (of codes, if given) are exactly expected, a list of
    (code, severity, row, column, suggestion) in report order; else what differs."""
    got = [(p["code"], p["severity"], p["row"], p["column"], p.get("suggestion") or "")
           for p in task(report)["errors"] if codes is None or p["code"] in codes]
    if got == expected:
        return None
    return "problems differ:\n  got      " + "\n           ".join(map(str, got)) + \
        "\n  expected " + "\n           ".join(map(str, expected))


def task(report, index=0):
    return report["tasks"][index]


def make_2gb_file(tmp):
    """A 2 GiB + 1 byte file: a header line, then a sparse run of NUL bytes."""
    import os
    path = os.path.join(tmp, "big.csv")
    with open(path, "wb") as f:
        f.write("法人番号,商号または名称\n".encode("utf-8"))
        f.truncate(2 * 1024 ** 3 + 1)


HOUJIN_UTF8 = "{data}/houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv"
HOUJIN_SJIS = "{data}/houjin/samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"
HOUJIN_UTF8_SHA256 = "cfbf6bc122d41c5e1b74155c2e881ce7c9df3c2a120875c95972e7b1fb27d5bf"
BUILD_REGISTRY = ["registry", "build", "--out", "{tmp}/houjin.db", HOUJIN_UTF8, HOUJIN_SJIS]
LOOKUP = ["lookup", "corporation", "--registry", "{tmp}/houjin.db"]


def zip_houjin_sample(env):
    """{tmp}/src/diff_20210714.zip holding the UTF-8 diff sample and a signature."""
    import os
    import zipfile
    os.makedirs(os.path.join(env["tmp"], "src"))
    source = os.path.join(env["data"], "houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv")
    with zipfile.ZipFile(os.path.join(env["tmp"], "src", "diff_20210714.zip"), "w",
                         zipfile.ZIP_DEFLATED) as archive:
        archive.write(source, "diff_20210714.csv")
        archive.writestr("diff_20210714.csv.asc", "-----BEGIN PGP SIGNATURE-----\n")


def write_random_registry(tmp):
    import os
    import random
    generator = random.Random(20261122)
    with open(os.path.join(tmp, "random.db"), "wb") as f:
        f.write(bytes(generator.randrange(256) for _ in range(8192)))


def write_bad_rows(tmp):
    """Three rows of the NTA format: good, a wrong check digit, 29 fields."""
    import os
    rows = [
        '1,1010001072706,01,1,2021-07-14,2015-10-05,"東京増田医療器株式会社",,301,"東京都","文京区",'
        '"湯島２丁目６番２号",,13,105,1130034,,,,,,,2015-10-05,1,,,,,"トウキョウマスダイリョウキ",0',
        '2,2010001097199,12,0,2021-07-14,2021-07-01,"株式会社ＭＣＡホールディングス",,301,"東京都",'
        '"中央区","銀座７丁目１０番１６号",,13,102,1040061,,,,,,,2015-10-05,1,,,,,"エムシーエー",0',
        '3,1010001126817,11,0,2021-07-14,2021-07-01,"三井物産リスクソリューションズ株式会社",,301,'
        '"東京都","千代田区","神田須田町１丁目１番地",,13,101,1010041,,,,,,,2015-10-05,1,,,,,"ミツイ"',
    ]
    with open(os.path.join(tmp, "bad_rows.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")


def drop_history_row(env):
    import os
    import sqlite3
    db = sqlite3.connect(os.path.join(env["tmp"], "houjin.db"))
    db.execute("DELETE FROM corporation_history WHERE id = 1")
    db.commit()
    db.close()


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


def check_service1(report):
    t = task(report)
    if t["model"] != "example:Registration":
        return f"model {t['model']}"
    if t["stats"]["rows"] != 1:
        return f"rows {t['stats']['rows']}"
    return None


# 10.x helpers — registry update
HOUJIN_EDGE_UTF8 = "{data}/houjin/samples/code4fukui_gBizINFO_diff_edgecase_extract_utf8.csv"
HOUJIN_EDGE_SJIS = "{data}/houjin/samples/code4fukui_gBizINFO_diff_edgecase_extract_sjis.csv"
BUILD_REGISTRY_2021 = ["registry", "build", "--out", "{tmp}/houjin.db", HOUJIN_UTF8]
UPDATE_REGISTRY = ["registry", "update", "{tmp}/houjin.db"]
_UPDATE_LOCKER = {}


def registry_sources(env):
    """registry info's sources of {tmp}/houjin.db, on the case's backend."""
    import os
    info = env["gifkit_json"]("registry", "info", os.path.join(env["tmp"], "houjin.db"),
                              "--format", "json")
    return sorted(info["sources"], key=lambda source: source["id"])


def check_update_order(env):
    """Provenance ids follow the data dates: the diffs were applied oldest first."""
    dates = [source["dataDate"] for source in registry_sources(env)]
    assert dates == ["2021-07-14", "2021-10-01", "2025-03-11", "2026-06-05"], dates


def lock_registry(env):
    """A second process holds an exclusive lock on {tmp}/houjin.db (20 s at most)."""
    import os
    import subprocess
    import sys
    code = ("import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(20)\n")
    locker = subprocess.Popen([sys.executable, "-c", code, os.path.join(env["tmp"], "houjin.db")],
                              stdout=subprocess.PIPE, text=True)
    assert locker.stdout.readline().strip() == "locked"
    _UPDATE_LOCKER["process"] = locker


def unlock_registry(env):
    locker = _UPDATE_LOCKER.pop("process")
    locker.kill()
    locker.wait()


def make_registry_read_only(env):
    import os
    os.chmod(os.path.join(env["tmp"], "houjin.db"), 0o444)


def registry_state(env):
    """What tells whether the registry changed: the file's bytes; on a server, registry
    info (sources, counts, data date)."""
    import hashlib
    import os
    path = os.path.join(env["tmp"], "houjin.db")
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return digest, env["gifkit_json"]("registry", "info", path, "--format", "json")


def remember_registry_checksum(env):
    _UPDATE_LOCKER["state"] = registry_state(env)


def check_registry_unchanged(env):
    import os
    assert registry_state(env) == _UPDATE_LOCKER.pop("state"), "the registry changed"
    names = sorted(os.listdir(env["tmp"]))
    assert names == ["diff_20260701.csv", "houjin.db"], f"files left: {names}"


def write_dated_non_diff(env):
    import os
    with open(os.path.join(env["tmp"], "diff_20260701.csv"), "w", encoding="utf-8") as f:
        f.write("a,b,c\n1,2,3\n")


# The cases about the registry FILE itself, which a PostgreSQL server does not have: they
# do not run with GIFKIT_E2E_REGISTRY=postgresql. (On a server, an update's lock, a
# standby and a failed update are pg_registry_e2e.py's cases.)
NOT_A_REGISTRY = "random bytes in a file that is not a registry (a server holds pushed registries)"
FILE_ONLY = {
    "8.10-registry-info-not-a-registry": NOT_A_REGISTRY,
    "8.11-registry-verify-not-a-registry": NOT_A_REGISTRY,
    "10.9-registry-update-locked": "a lock another process holds on the SQLite file",
    "10.10-registry-update-read-only": "a registry file without write permission",
    "10.11-registry-update-not-a-registry": NOT_A_REGISTRY,
}

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
     "expect": [("empty-file", 0, 0)]},
    {"name": "4.2-header-only", "args": ["validate", "--model", "gif:Person",
                                          "{fixtures}/header_only.csv"],
     "exit": 0, "check": lambda r: None if task(r)["stats"]["rows"] == 0 else "rows"},
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

    # 6.x — the command framework and the model command
    {"name": "6.1-version", "args": ["--version"], "exit": 0, "stdout_contains": ["gifkit "]},
    {"name": "6.2-help-lists-commands", "args": ["help"], "exit": 0,
     "stdout_contains": ["validate", "model"]},
    {"name": "6.3-unknown-command", "args": ["frobnicate"], "exit": 2},
    {"name": "6.4-model-list", "args": ["model", "list"], "exit": 0,
     "stdout_contains": ["gif:Person", "gif:LegalEntity", "gif:Address", "gif:ContactPoint",
                         "gif:Person_MP03", "nta:houjin-csv"]},
    {"name": "6.5-model-show", "args": ["model", "show", "gif:Person"], "exit": 0,
     "stdout_contains": ["氏（カナ）", "セイ"]},
    {"name": "6.6-model-check-agrees-with-official-xsd", "args": ["model", "check", REGISTRATION],
     "exit": 0, "needs_data": True, "stdout_contains": ["compared with GIF_Core_DataModel.xsd", " 0 mismatches"]},
    {"name": "6.7-model-check-broken", "args": ["model", "check", "{fixtures}/broken_model.xml"],
     "exit": 1, "stdout_contains": ["broken_model.xml:"]},
    {"name": "6.8-help-validate", "args": ["help", "validate"], "exit": 0,
     "stdout_contains": ["--fail-on", "--max-errors"]},

    # 8.x — the corporate registry: registry build|info|verify, lookup corporation
    {"name": "8.1-registry-build-real-diff-files", "args": BUILD_REGISTRY, "exit": 0,
     "needs_data": True,
     "stderr_contains": ["2772 rows imported, 0 rejected", "2404 rows imported, 0 rejected",
                         "5176 rows from 2 files"],
     "after": [["registry", "verify", "{tmp}/houjin.db"]]},
    {"name": "8.2-registry-info-text", "before": [BUILD_REGISTRY],
     "args": ["registry", "info", "{tmp}/houjin.db"], "exit": 0, "needs_data": True,
     "stdout_contains": [HOUJIN_UTF8_SHA256, "data date 2021-07-14, 2772 rows, 0 rejected",
                         "data date 2025-03-11, 2404 rows", "corporation 4573",
                         "corporation_history 5176"]},
    {"name": "8.3-registry-info-json", "before": [BUILD_REGISTRY],
     "args": ["registry", "info", "{tmp}/houjin.db", "--format", "json"], "exit": 0,
     "needs_data": True,
     "stdout_contains": ['"sha256": "' + HOUJIN_UTF8_SHA256 + '"', '"rows": 2772',
                         '"dataDate": "2025-03-11"', '"corporation_history": 5176',
                         '"sourceKind": "houjin-csv"']},
    {"name": "8.4-registry-verify-ok", "before": [BUILD_REGISTRY],
     "args": ["registry", "verify", "{tmp}/houjin.db"], "exit": 0, "needs_data": True,
     "stdout_contains": ["ok (integrity check passed, 2 sources"]},
    {"name": "8.5-registry-verify-count-mismatch", "before": [BUILD_REGISTRY, drop_history_row],
     "args": ["registry", "verify", "{tmp}/houjin.db"], "exit": 1, "needs_data": True,
     "stdout_contains": ["corporation_history has 5175 rows, provenance records 5176"]},
    {"name": "8.6-registry-build-from-folder-with-zip", "before": [zip_houjin_sample],
     "args": ["registry", "build", "--out", "{tmp}/houjin.db", "{tmp}/src"], "exit": 0,
     "needs_data": True,
     "stderr_contains": ["diff_20210714.zip:diff_20210714.csv: 2772 rows imported"],
     "after": [["registry", "verify", "{tmp}/houjin.db"]]},
    {"name": "8.7-registry-build-rejects-bad-rows", "setup": write_bad_rows,
     "args": ["registry", "build", "--out", "{tmp}/houjin.db", "{tmp}/bad_rows.csv"], "exit": 1,
     "stderr_contains": ["bad_rows.csv:2: rejected: corporateNumber '2010001097199'",
                         "bad_rows.csv:3: rejected: has 29 fields, expected 30",
                         "1 rows imported, 2 rejected"],
     "after": [["registry", "verify", "{tmp}/houjin.db"],
               ["lookup", "corporation", "--registry", "{tmp}/houjin.db", "1010001072706"]]},
    {"name": "8.8-registry-build-unknown-source-keeps-old", "before": [BUILD_REGISTRY],
     "args": ["registry", "build", "--out", "{tmp}/houjin.db", HOUJIN_UTF8,
              "{data}/houjin/FORMAT.md"], "exit": 2, "needs_data": True,
     "stderr_contains": ["FORMAT.md: not a recognised registry source"],
     "after": [["registry", "verify", "{tmp}/houjin.db"],
               ["lookup", "corporation", "--registry", "{tmp}/houjin.db", "1010401172493"]]},
    {"name": "8.9-registry-build-missing-source", "args": ["registry", "build", "--out",
     "{tmp}/houjin.db", "{tmp}/no-such.csv"], "exit": 2,
     "stderr_contains": ["no-such.csv: no such file or folder"]},
    {"name": "8.10-registry-info-not-a-registry", "setup": write_random_registry,
     "args": ["registry", "info", "{tmp}/random.db"], "exit": 2,
     "stderr_contains": ["random.db: not a gifkit registry"]},
    {"name": "8.11-registry-verify-not-a-registry", "setup": write_random_registry,
     "args": ["registry", "verify", "{tmp}/random.db"], "exit": 2,
     "stderr_contains": ["random.db: not a gifkit registry"]},
    {"name": "8.12-lookup-corporation-text", "before": [BUILD_REGISTRY],
     "args": ["lookup", "corporation", "--registry", "{tmp}/houjin.db", "1010001072706"],
     "exit": 0, "needs_data": True,
     "stdout_contains": ["1010001072706  東京増田医療器株式会社", "トウキョウマスダイリョウキ",
                         "301 (株式会社)", "湯島２丁目６番２号"]},
    {"name": "8.13-lookup-corporation-json-nta-names", "before": [BUILD_REGISTRY],
     "args": ["lookup", "corporation", "--registry", "{tmp}/houjin.db", "1010401172493",
              "--format", "json"], "exit": 0, "needs_data": True,
     "stdout_contains": ['"corporateNumber": "1010401172493"', '"name": "株式会社桃と花と咲と"',
                         '"closeDate": "2025-03-05"', '"closeCause": "11"',
                         '"successorCorporateNumber": "1010501039436"', '"postCode": "1070052"']},
    {"name": "8.14-lookup-corporation-history-ndjson", "before": [BUILD_REGISTRY],
     "args": ["lookup", "corporation", "--registry", "{tmp}/houjin.db", "4010401114096",
              "--history", "--format", "ndjson"], "exit": 0, "needs_data": True,
     "stdout_contains": ['"name":"ナガサキ・アンド・カンパニー株式会社"',
                         '"name":"Ｓｐａｃｅ　ＢＤ株式会社"']},
    {"name": "8.15-lookup-corporation-csv", "before": [BUILD_REGISTRY],
     "args": ["lookup", "corporation", "--registry", "{tmp}/houjin.db", "1010001072706",
              "--format", "csv"], "exit": 0, "needs_data": True,
     "stdout_contains": ["sequenceNumber,corporateNumber,process,correct,updateDate",
                         "1,1010001072706,01,1,2021-07-14,2015-10-05,東京増田医療器株式会社,"]},
    {"name": "8.16-lookup-wrong-check-digit", "before": [BUILD_REGISTRY],
     "args": ["lookup", "corporation", "--registry", "{tmp}/houjin.db", "2010001072706"],
     "exit": 2, "needs_data": True, "stderr_contains": ["wrong check digit"]},
    {"name": "8.17-lookup-not-found", "before": [BUILD_REGISTRY],
     "args": ["lookup", "corporation", "--registry", "{tmp}/houjin.db", "7000012050002"],
     "exit": 1, "needs_data": True, "stderr_contains": ["7000012050002 is not in"]},
    {"name": "8.18-help-lists-registry-and-lookup", "args": ["help"], "exit": 0,
     "stdout_contains": ["registry", "lookup"]},
    {"name": "8.19-lookup-name-substring", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--name", "デジタル"], "exit": 0, "needs_data": True,
     "stdout_contains": ["1010001062319  日本デジタル通信株式会社  東京都中央区  株式会社  (substring)",
                         "5010001219682  株式会社ＳＭＢＣデジタルマーケティング"]},
    {"name": "8.20-lookup-name-two-characters-legal-form-variants", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--name", "㈱林吾"], "exit": 0, "needs_data": True,
     "stdout_contains": ["2120001092188  株式会社林吾  大阪府大阪市東成区  株式会社  (exact)"],
     "after": [LOOKUP + ["--name", "（株）林吾"], LOOKUP + ["--name", "林吾"],
               LOOKUP + ["--name", "(株)林吾"], LOOKUP + ["--name", "ｶﾞｰﾃﾞﾆｱ"]]},
    {"name": "8.21-lookup-furigana-hiragana", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--furigana", "はやしご", "--format", "ndjson"], "exit": 0,
     "needs_data": True,
     "stdout_contains": ['"corporateNumber":"2120001092188"', '"furigana":"ハヤシゴ"']},
    {"name": "8.22-lookup-furigana-halfwidth", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--furigana", "ﾐﾈｹﾝｾﾂ"], "exit": 0, "needs_data": True,
     "stdout_contains": ["3290002043882  有限会社峰建設"]},
    {"name": "8.23-lookup-en-name-json", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--en-name", "llc", "--format", "json"], "exit": 0, "needs_data": True,
     "stdout_contains": ['"enName": "Gardenia LLC"', '"enName": "K\'z FILMS LLC"']},
    {"name": "8.24-lookup-name-filters-csv", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--name", "建設", "--pref", "大阪府", "--kind", "301", "--open-only",
                       "--limit", "2", "--format", "csv"], "exit": 0, "needs_data": True,
     "stdout_contains": ["sequenceNumber,corporateNumber,",
                         ",9120101029216,01,1,2021-07-14,2015-10-05,株式会社円建設,,301,大阪府,",
                         ",2120101071199,"]},
    {"name": "8.25-lookup-name-no-match", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--name", "存在しない法人名"], "exit": 1, "needs_data": True,
     "stderr_contains": ["no corporation matches '存在しない法人名'"]},
    {"name": "8.26-lookup-number-and-name-is-usage-error", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["1010001072706", "--name", "林吾"], "exit": 2, "needs_data": True,
     "stderr_contains": ["exactly one of NUMBER, --name, --furigana, --en-name"]},
    {"name": "8.27-lookup-nothing-to-search-is-usage-error", "before": [BUILD_REGISTRY],
     "args": LOOKUP + [], "exit": 2, "needs_data": True,
     "stderr_contains": ["exactly one of NUMBER, --name, --furigana, --en-name"]},
    {"name": "8.28-lookup-name-only-legal-form", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--name", "（株）"], "exit": 2, "needs_data": True,
     "stderr_contains": ["has nothing to search for"]},
    {"name": "8.29-lookup-name-hidden-only-with-include-hidden", "before": [BUILD_REGISTRY],
     "args": LOOKUP + ["--name", "東眞桜"], "exit": 1, "needs_data": True,
     "stderr_contains": ["no corporation matches"],
     "after": [LOOKUP + ["--name", "東眞桜", "--include-hidden"]]},
    {"name": "8.30-lookup-corporation-in-an-abr-only-registry",
     "before": [["registry", "build", "--out", "{tmp}/houjin.db", "{data}/abr/bunkyo"]],
     "args": LOOKUP + ["--name", "デジタル"], "exit": 2, "needs_data": True,
     "stderr_contains": ["houjin.db has no 法人番号 data"]},
    # 10.x — registry update: daily diffs applied to an existing registry
    {"name": "10.1-registry-update-real-diffs-in-date-order",
     "update_on_server": True, "before": [BUILD_REGISTRY_2021],
     "args": UPDATE_REGISTRY + [HOUJIN_EDGE_SJIS, HOUJIN_SJIS, HOUJIN_EDGE_UTF8], "exit": 0,
     "needs_data": True,
     "stderr_contains": ["code4fukui_gBizINFO_diff_20250311_sjis.csv: data date 2025-03-11, "
                         "2404 rows applied, 0 rejected",
                         "3175 rows from 3 diffs, 0 rejected, data date 2021-07-14 -> 2026-06-05"],
     "after": [check_update_order, ["registry", "verify", "{tmp}/houjin.db"]]},
    {"name": "10.2-registry-update-closed-corporation-state",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, UPDATE_REGISTRY + [HOUJIN_SJIS, HOUJIN_EDGE_UTF8,
                                                        HOUJIN_EDGE_SJIS]],
     "args": LOOKUP + ["2120005001616", "--format", "json"], "exit": 0,
     "stdout_contains": ['"process": "21"', '"updateDate": "2021-11-09"',
                         '"closeDate": "2021-11-08"', '"closeCause": "01"']},
    {"name": "10.3-registry-update-history-oldest-first",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, UPDATE_REGISTRY + [HOUJIN_SJIS, HOUJIN_EDGE_SJIS]],
     "args": LOOKUP + ["6700150067028", "--history"], "exit": 0,
     "stdout_contains": ["6700150067028  株式会社Ｃｈａｎｎｅｌ　Ｃｏｒｐｏｒａｔｉｏｎ\n",
                         "history (5 rows, oldest first):\n"
                         "  2021-12-16  process 13 (国外所在地の変更), changed 2020-10-15, latest 0: "
                         "株式会社ＺＯＹＩ",
                         "新宿嘉泉ビル３階\n  2025-03-11  process 12 (国内所在地の変更)",
                         "2025-03-11  process 13 (国外所在地の変更), changed 2024-12-04, latest 1: "
                         "株式会社Ｃｈａｎｎｅｌ"]},
    {"name": "10.4-registry-update-applied-twice",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, UPDATE_REGISTRY + [HOUJIN_SJIS]],
     "args": UPDATE_REGISTRY + [HOUJIN_SJIS], "exit": 2,
     "stderr_contains": ["code4fukui_gBizINFO_diff_20250311_sjis.csv (data date 2025-03-11) was "
                         "already applied", "same SHA-256"]},
    {"name": "10.5-registry-update-out-of-order",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, UPDATE_REGISTRY + [HOUJIN_EDGE_SJIS]],
     "args": UPDATE_REGISTRY + [HOUJIN_SJIS], "exit": 2,
     "stderr_contains": ["code4fukui_gBizINFO_diff_20250311_sjis.csv: out of order: its data date "
                         "2025-03-11 is older than the registry's data date 2026-06-05"]},
    {"name": "10.6-registry-update-allow-out-of-order",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, UPDATE_REGISTRY + [HOUJIN_EDGE_SJIS]],
     "args": UPDATE_REGISTRY + ["--allow-out-of-order", HOUJIN_SJIS], "exit": 0,
     "stderr_contains": ["2404 rows from 1 diffs, 0 rejected, data date 2026-06-05 -> 2026-06-05"],
     "after": [["registry", "verify", "{tmp}/houjin.db"]]},
    {"name": "10.7-registry-info-data-date-after-build", "needs_data": True,
     "before": [BUILD_REGISTRY_2021], "args": ["registry", "info", "{tmp}/houjin.db"], "exit": 0,
     "stdout_contains": ["data date 2021-07-14)\n"]},
    {"name": "10.8-registry-info-applied-diffs-json",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, UPDATE_REGISTRY + [HOUJIN_SJIS]],
     "args": ["registry", "info", "{tmp}/houjin.db", "--format", "json"], "exit": 0,
     "stdout_contains": ['"dataDate": "2025-03-11",\n  "sources"', '"dataDate": "2021-07-14"',
                         '"sha256": "' + HOUJIN_UTF8_SHA256 + '"', '"corporation_history": 5176']},
    {"name": "10.9-registry-update-locked", "needs_data": True,
     "before": [BUILD_REGISTRY_2021, lock_registry],
     "args": UPDATE_REGISTRY + [HOUJIN_SJIS], "exit": 2,
     "stderr_contains": ["houjin.db is locked by another process"],
     "after": [unlock_registry, UPDATE_REGISTRY + [HOUJIN_SJIS]]},
    {"name": "10.10-registry-update-read-only", "needs_data": True,
     "before": [BUILD_REGISTRY_2021, make_registry_read_only],
     "args": UPDATE_REGISTRY + [HOUJIN_SJIS], "exit": 2,
     "stderr_contains": ["houjin.db: the registry file is read-only"]},
    {"name": "10.11-registry-update-not-a-registry", "setup": write_random_registry,
     "needs_data": True, "args": ["registry", "update", "{tmp}/random.db", HOUJIN_SJIS], "exit": 2,
     "stderr_contains": ["random.db: not a gifkit registry"]},
    {"name": "10.12-registry-update-failed-batch-changes-nothing",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, write_dated_non_diff, remember_registry_checksum],
     "args": UPDATE_REGISTRY + [HOUJIN_SJIS, HOUJIN_EDGE_UTF8, "{tmp}/diff_20260701.csv"],
     "exit": 2, "stderr_contains": ["diff_20260701.csv: not a recognised registry source"],
     "after": [check_registry_unchanged, ["registry", "verify", "{tmp}/houjin.db"]]},
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

    # 9.x — registry build from the NTA XML and Web-API CSV answers (kind detected or given)
    {"name": "9.1-registry-build-real-xml-and-webapi-csv", "needs_data": True,
     "args": ["registry", "build", "--out", "{tmp}/houjin.db",
              "{data}/houjin/samples/minako-ph_jp-opendata-actors_num.7010001008844.2026-07-10.xml",
              "{data}/houjin/samples/minako-ph_jp-opendata-actors_name_ver4_x4.xml",
              "{data}/houjin/samples/minako-ph_jp-opendata-actors_name_ver4_c4.csv",
              "{data}/houjin/samples/kissy2go_houjin-bangou_webapi-v1_num_1180301018771_sjis.csv",
              "{data}/houjin/samples/kissy2go_houjin-bangou_webapi-v2_diff_2017-01-01_2017-01-10_part1of3_sjis.csv"],
     "exit": 0,
     "stderr_contains": ["num.7010001008844.2026-07-10.xml: 1 rows imported, 0 rejected",
                         "name_ver4_x4.xml: 10 rows imported, 0 rejected",
                         "name_ver4_c4.csv: 10 rows imported, 0 rejected",
                         "part1of3_sjis.csv: 2000 rows imported, 0 rejected",
                         "2022 rows from 5 files, 0 rejected"],
     "after": [["registry", "verify", "{tmp}/houjin.db"],
               LOOKUP + ["7010001008844"], LOOKUP + ["1180301018771"]]},
    {"name": "9.2-lookup-corporation-from-xml", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/houjin.db",
                 "{data}/houjin/samples/minako-ph_jp-opendata-actors_num.7010001008844.2026-07-10.xml"]],
     "args": LOOKUP + ["7010001008844", "--format", "json"], "exit": 0,
     "stdout_contains": ['"name": "株式会社日立製作所"', '"enName": "Hitachi, Ltd."',
                         '"enCityName": "6-6, Marunouchi 1-chome, Chiyoda-ku"',
                         '"furigana": "ヒタチセイサクショ"', '"postCode": "1000005"']},
    {"name": "9.3-lookup-corporation-from-webapi-v1-csv", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/houjin.db",
                 "{data}/houjin/samples/kissy2go_houjin-bangou_webapi-v1_num_1180301018771_sjis.csv"]],
     "args": LOOKUP + ["1180301018771", "--format", "json"], "exit": 0,
     "stdout_contains": ['"name": "トヨタ自動車株式会社"', '"streetNumber": "トヨタ町１番地"',
                         '"latest": "1"', '"hihyoji": ""']},
    {"name": "9.4-registry-info-source-kinds-and-data-dates", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/houjin.db",
                 "{data}/houjin/samples/minako-ph_jp-opendata-actors_num.7010001008844.2026-07-10.xml",
                 "{data}/houjin/samples/kissy2go_houjin-bangou_webapi-v1_diff_2017-01-01_2017-01-10_part1of3_sjis.csv",
                 "{data}/houjin/samples/minako-ph_jp-opendata-actors_diff_20190404_ver4_c2.csv"]],
     "args": ["registry", "info", "{tmp}/houjin.db", "--format", "json"], "exit": 0,
     "stdout_contains": ['"sourceKind": "houjin-xml"', '"sourceKind": "houjin-webapi-csv"',
                         '"dataDate": "2026-07-10"', '"dataDate": "2017-01-19"',
                         '"dataDate": "2019-04-04"']},
    {"name": "9.5-lookup-name-in-xml-built-registry", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/houjin.db",
                 "{data}/houjin/samples/minako-ph_jp-opendata-actors_name_ver4_x4.xml"]],
     "args": LOOKUP + ["--name", "国税商事亜"], "exit": 0,
     "stdout_contains": ["1040001999903  株式会社国税商事亜"]},
    {"name": "9.6-registry-build-source-kind-override-recorded", "needs_data": True,
     "before": [["registry", "build", "--out", "{tmp}/houjin.db", "--source-kind",
                 "houjin-webapi-csv", HOUJIN_UTF8]],
     "args": ["registry", "info", "{tmp}/houjin.db"], "exit": 0,
     "stdout_contains": ["kind houjin-webapi-csv, data date 2021-07-14, 2772 rows, 0 rejected"]},
    {"name": "9.7-registry-build-source-kind-xml-on-csv", "needs_data": True,
     "args": ["registry", "build", "--out", "{tmp}/houjin.db", "--source-kind", "houjin-xml",
              HOUJIN_UTF8], "exit": 2,
     "stderr_contains": ["code4fukui_gBizINFO_diff_20210714_utf8.csv: not a 法人番号 XML"]},
    {"name": "9.8-registry-build-unknown-source-kind", "args": ["registry", "build", "--out",
     "{tmp}/houjin.db", "--source-kind", "json", HOUJIN_UTF8], "exit": 2,
     "stderr_contains": ["--source-kind"]},
    {"name": "9.9-registry-build-unrecognised-names-all-three-forms", "needs_data": True,
     "args": ["registry", "build", "--out", "{tmp}/houjin.db",
              "{data}/houjin/samples/code4fukui_gBizINFO_kind.csv"], "exit": 2,
     "stderr_contains": ["code4fukui_gBizINFO_kind.csv: not a recognised registry source",
                         "a Web-API CSV answer", "the XML <corporations>"]},
]


# --- 12.x: the Address Base Registry (registry build, lookup address) -------------------------

ABR = "{data}/abr"
ABR_DB = "{tmp}/abr.db"
LOOKUP_ADDRESS = ["lookup", "address", "--registry", ABR_DB]


def build_abr(*folders):
    """A `before` step: build {tmp}/abr.db from the given ABR folders or files."""
    return [["registry", "build", "--out", ABR_DB] + list(folders)]


def write_abr_bad_rows(tmp):
    """mt_town_all.csv: the real first rows of 文京区, line 3 with a wrong lg_code check digit."""
    import os
    header = ("lg_code,machiaza_id,machiaza_type,pref,pref_kana,pref_roma,county,county_kana,"
              "county_roma,city,city_kana,city_roma,ward,ward_kana,ward_roma,oaza_cho,oaza_cho_kana,"
              "oaza_cho_roma,chome,chome_kana,chome_number,koaza,koaza_kana,koaza_roma,machiaza_dist,"
              "rsdt_addr_flg,rsdt_addr_mtd_code,oaza_cho_aka_flg,koaza_aka_code,oaza_cho_gsi_uncmn,"
              "koaza_gsi_uncmn,status_flg,wake_num_flg,efct_date,ablt_date,src_code,post_code,remarks")
    row = ("{code},{id},2,東京都,トウキョウト,Tokyo,,,,文京区,ブンキョウク,Bunkyo-ku,,,,白山,ハクサン,"
           "Hakusan,{n}丁目,{n}チョウメ,1,,,,,1,1,0,0,0,0,1,1,1947-04-17,,0,1120001,")
    lines = [header, row.format(code="131059", id="0001001", n="１"),
             row.format(code="131058", id="0001002", n="２")]
    with open(os.path.join(tmp, "mt_town_all.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def write_abr_corrupt_zip(tmp):
    import os
    with open(os.path.join(tmp, "mt_town_pref30.csv.zip"), "wb") as f:
        f.write(b"PK\x03\x04 not really a zip archive")


ABR_CASES = [
    {"name": "12.1-registry-build-abr-real-folders", "needs_data": True,
     "args": ["registry", "build", "--out", ABR_DB, ABR + "/national", ABR + "/wakayama",
              ABR + "/bunkyo", ABR + "/yakushima"], "exit": 0,
     "stderr_contains": [
         "mt_pref_all.csv: abr-pref, 47 rows imported into abr_pref, 0 rejected",
         "mt_parcel_city302015.csv: abr-parcel, 367519 rows imported into abr_parcel, 0 rejected",
         "mt_town_pos_pref30.csv: abr-town-pos, 3435 rows imported into abr_town_pos, 0 rejected, "
         "102 duplicate keys skipped",
         "mt_rsdtdsp_rsdt_pref13.csv: abr-rsdt, 30156 rows imported into abr_rsdt, 0 rejected",
         "mt_parcel_pos_city465054.csv: abr-parcel-pos, 83514 rows imported",
         "derived from abr_rsdt: 2910 rows in abr_rsdt_blk",
         "793889 rows from 16 files, 0 rejected"],
     "after": [["registry", "verify", ABR_DB]]},
    {"name": "12.2-registry-info-abr-tables-and-derived-blocks", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": ["registry", "info", ABR_DB, "--format", "json"], "exit": 0,
     "stdout_contains": ['"abr_town": 68', '"abr_city": 1918', '"abr_rsdt": 30156',
                         '"sourceKind": "abr-rsdt-blk-derived"', '"table": "abr_rsdt_blk"']},
    {"name": "12.3-lookup-address-by-lg-code", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "131059"], "exit": 0,
     "stdout_contains": ["131059  東京都文京区", "towns               68",
                         "rep_srid            EPSG:6668"]},
    {"name": "12.4-lookup-address-by-machiaza-id-json", "needs_data": True,
     "before": build_abr(ABR + "/wakayama/mt_town_pref30.csv.zip",
                         ABR + "/wakayama/mt_town_pos_pref30.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "302015", "--machiaza-id", "0001000", "-f", "json"],
     "exit": 0,
     "stdout_contains": ['"machiaza_id": "0001000"', '"oaza_cho": "葵町"',
                         '"oaza_cho_kana": "アオイチョウ"', '"post_code": "6408273"',
                         '"rep_lat": "34.21348"', '"rep_srid": "EPSG:4612"']},
    {"name": "12.5-lookup-address-town-prefix-in-city", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": LOOKUP_ADDRESS + ["--city", "文京区", "--town", "白山1"], "exit": 0,
     "stdout_contains": ["131059 0001001  東京都文京区白山１丁目  ハクサン１チョウメ  住居表示"]},
    {"name": "12.6-lookup-address-town-kana-in-pref-csv", "needs_data": True,
     "before": build_abr(ABR + "/yakushima/mt_town_all.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--pref", "鹿児島県", "--town", "あんぼう", "-f", "csv"], "exit": 0,
     "stdout_contains": ["lg_code,machiaza_id,machiaza_type,pref",
                         "465054,0000121,3,鹿児島県,カゴシマケン,Kagoshima,熊毛郡"]},
    {"name": "12.7-lookup-address-not-found", "needs_data": True,
     "before": build_abr(ABR + "/bunkyo/mt_town_all.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "131059", "--machiaza-id", "0999001"], "exit": 1,
     "stderr_contains": ["no 町字 131059 0999001"]},
    {"name": "12.8-lookup-address-bad-lg-code", "needs_data": True,
     "before": build_abr(ABR + "/bunkyo/mt_town_all.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "131058"], "exit": 2,
     "stderr_contains": ["'131058' is not a 全国地方公共団体コード"]},
    {"name": "12.9-lookup-address-town-needs-city", "needs_data": True,
     "before": build_abr(ABR + "/bunkyo/mt_town_all.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--town", "白山"], "exit": 2,
     "stderr_contains": ["--town needs the city"]},
    {"name": "12.10-lookup-address-registry-without-abr", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["lookup", "address", "--registry", "{tmp}/houjin.db", "--lg-code", "131059"],
     "exit": 2, "stderr_contains": ["holds no Address Base Registry data"]},
    {"name": "12.11-registry-build-abr-and-houjin-in-one-file", "needs_data": True,
     "args": ["registry", "build", "--out", ABR_DB, ABR + "/national", HOUJIN_UTF8], "exit": 0,
     "stderr_contains": ["mt_city_all.csv: abr-city, 1918 rows imported into abr_city",
                         "code4fukui_gBizINFO_diff_20210714_utf8.csv: 2772 rows imported"],
     "after": [["registry", "verify", ABR_DB],
               ["lookup", "corporation", "--registry", ABR_DB, "1010001072706"],
               LOOKUP_ADDRESS + ["--lg-code", "131016"]]},
    {"name": "12.12-registry-build-abr-japanese-headers",
     "args": ["registry", "build", "--out", ABR_DB, "{fixtures}/abr_town_japanese_header.csv"],
     "exit": 0,
     "stderr_contains": ["abr_town_japanese_header.csv: abr-town, 5 rows imported into abr_town"],
     "after": [LOOKUP_ADDRESS + ["--lg-code", "131059", "--machiaza-id", "0001002"]]},
    {"name": "12.13-registry-build-abr-bad-row-reported", "setup": write_abr_bad_rows,
     "args": ["registry", "build", "--out", ABR_DB, "{tmp}/mt_town_all.csv"], "exit": 1,
     "stderr_contains": ["mt_town_all.csv:3: rejected: lg_code '131058' is not a valid 全国地方公共団体コード: "
                         "check digit 8 does not match",
                         "abr-town, 1 rows imported into abr_town, 1 rejected"]},
    {"name": "12.14-registry-build-abr-corrupt-zip", "setup": write_abr_corrupt_zip,
     "args": ["registry", "build", "--out", ABR_DB, "{tmp}/mt_town_pref30.csv.zip"], "exit": 2,
     "stderr_contains": ["mt_town_pref30.csv.zip"]},
    {"name": "12.15-registry-build-abr-source-kind-override-missing-key",
     "args": ["registry", "build", "--out", ABR_DB, "--source-kind", "abr-rsdt",
              "{fixtures}/abr_town_japanese_header.csv"], "exit": 2,
     "stderr_contains": ["this abr-rsdt file has no blk_id column"]},
]
CASES += ABR_CASES


# 13.x — gifkit address normalize (docs/address.md)
NORMALIZE = ["address", "normalize", "--registry", ABR_DB]


def write_address_lines(tmp):
    """{tmp}/addresses.txt: bad lines around two good ones (the batch goes on)."""
    import os
    lines = [b"", b"a" * 10000, "\U0001F600\U0001F3E0".encode("utf-8"), b"\xe6\x9d\xb1\xe4",
             b"1234567", b"1600 Pennsylvania Avenue NW, Washington, DC 20500",
             "東京都文京区白山一丁目２番３号".encode("utf-8"),
             "〒112-0001 文京区白山1-2-3 ABCビル101".encode("utf-8")]
    with open(os.path.join(tmp, "addresses.txt"), "wb") as f:
        f.write(b"\n".join(lines) + b"\n")


def check_round2(stdout, env):
    """Each kind of input of the normalizer's round 2 resolves as the ABR says
    (tests/e2e/data/address_round2.txt, one line each)."""
    expected = [  # (match_level, lg_code, machiaza_id, coordinate_level)
        ("residential_detail", "131059", "0001001", "residence"),   # NFD kana after the address
        ("machiaza", "302015", "0142000", "machiaza"),             # NFD reading of 五番丁
        ("machiaza", "302015", "0142000", "machiaza"),             # ５番町 for 五番丁
        ("machiaza", "302015", "0188000", "machiaza"),             # 12番丁 for 十二番丁
        ("residential_detail", "131059", "0001001", "residence"),  # はくさん for 白山
        ("machiaza", "302015", "0001000", "machiaza"),             # あおいちょう for 葵町
        ("city", "141097", "", "city"),                            # 港北区 alone: unique
        ("unknown", "", "", ""),                                   # 北区: ambiguous
        ("residential_detail", "131059", "0001001", "residence"),  # 2番 3号
        ("residential_detail", "131059", "0001001", "residence"),  # 2 - 3
        ("machiaza_detail", "465054", "0000121", "machiaza_centroid"),  # no point of its own
        ("parcel", "302015", "0142000", "parcel"),       # 5-12: 五番丁 has 12, 五筋目 not
        ("parcel", "302015", "0020000", "machiaza"),     # 5-1-2: 五筋目 has 1-2
        ("city", "302015", "", "city"),                  # 2-3: 二番丁 and 二筋目 both have 3
    ]
    got = [(r["match_level"], r["lg_code"], r["machiaza_id"], r["coordinate_level"])
           for r in ndjson(stdout)]
    if got != expected:
        return "got\n  " + "\n  ".join(map(str, got))
    return None


def check_variants(with_tables):
    """tests/e2e/data/address_variants.txt: 本鄕, 大塜, ふじと坮 — old forms the fold
    table lacks — resolve with the published character tables, and stop at the
    city without them."""
    def check(stdout, env):
        expected = [("residential_detail", "0007002", "本郷２丁目"),
                    ("residential_block", "0013003", "大塚３丁目"),
                    ("parcel", "0451000", "ふじと台")] if with_tables else \
            [("city", "", ""), ("city", "", ""), ("city", "", "")]
        got = [(r["match_level"], r["machiaza_id"], r["gif"]["streetAddress"])
               for r in ndjson(stdout)]
        return None if got == expected else f"got {got}"
    return check


def write_mojibake_lines(tmp):
    """{tmp}/mojibake.txt: Shift_JIS bytes, a cut UTF-8 sequence, a lone
    continuation byte and an overlong, each around real address text."""
    import os
    lines = ["東京都文京区白山1-2-3".encode("cp932"),
             "文京区白山1-2-3 ".encode("utf-8") + b"\xe6\x9d",
             b"\x80" + "文京区白山一丁目".encode("utf-8"),
             "文京区白山1-2-3 ビル".encode("utf-8") + b"\xc0\xaf\xff",
             "東京都文京区白山1-2-3".encode("utf-8")]
    with open(os.path.join(tmp, "mojibake.txt"), "wb") as f:
        f.write(b"\n".join(lines) + b"\n")


def check_mojibake_ndjson(output, env):
    """Every line is UTF-8 and parses as JSON, the bad bytes are U+FFFD in
    input, the good lines still resolve."""
    try:
        lines = output.decode("utf-8").splitlines()
    except UnicodeDecodeError as error:
        return f"the output is not UTF-8: {error}"
    if len(lines) != 5:
        return f"expected 5 lines, got {len(lines)}"
    try:
        results = [json.loads(line) for line in lines]
    except ValueError as error:
        return f"a line is not JSON: {error}"
    if "\ufffd" not in results[1]["input"] or not results[1]["input"].startswith("文京区白山1-2-3"):
        return f"line 2 input not repaired: {results[1]['input']!r}"
    if results[4]["match_level"] != "residential_detail":
        return f"the good line did not resolve: {results[4]['match_level']}"
    if results[3]["others"] and "\ufffd" not in results[3]["others"] + results[3]["input"]:
        return f"line 4 not repaired: {results[3]!r}"
    return None


def check_utf8_lines(count):
    """A check that the output is UTF-8 with count lines."""
    def check(output, env):
        try:
            lines = output.decode("utf-8").splitlines()
        except UnicodeDecodeError as error:
            return f"the output is not UTF-8: {error}"
        return None if len(lines) == count else f"expected {count} lines, got {len(lines)}"
    return check


def check_mojibake_json(output, env):
    """The json array is UTF-8 and parses."""
    try:
        results = json.loads(output.decode("utf-8"))
    except ValueError as error:  # UnicodeDecodeError included
        return f"the json output does not parse: {error}"
    if len(results) != 5:
        return f"expected 5 results, got {len(results)}"
    return None


ADDRESS_CASES = [
    {"name": "13.1-address-normalize-bunkyo-many-ways", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["東京都文京区白山1-2-3", "文京区白山一丁目２番３号", "東京都 文京區 白山 1ー2ー3"],
     "exit": 0,
     "stdout_contains": ['"match_level":"residential_detail","lg_code":"131059",'
                         '"machiaza_id":"0001001"', '"blk_num":"2","rsdt_num":"3"',
                         '"cityBlock":"2-3"', '"lat":35.715225414,"lon":139.752559517']},
    {"name": "13.2-address-normalize-bad-lines-do-not-stop-the-batch", "needs_data": True,
     "setup": write_address_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/addresses.txt", "--format", "text"], "exit": 1,
     "stdout_contains": ["unknown\t-\t-\t\t(empty)", "(too long: 10000 characters",
                         "(not valid UTF-8", "(no prefecture or city of the registry",
                         "residential_detail\t131059\t0001001\t東京都文京区白山１丁目2-3\n"
                         "residential_detail\t131059\t0001001\t東京都文京区白山１丁目2-3 ABCビル101"]},
    {"name": "13.3-address-normalize-stdin-csv", "needs_data": True,
     "setup": write_address_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "-", "--format", "csv"], "stdin": "{tmp}/addresses.txt",
     "exit": 1,
     "stdout_contains": ["input,output,match_level,lg_code,machiaza_id,pref,county,city,ward,"
                         "oaza_cho,chome,koaza,blk_num,rsdt_num,rsdt_num2,prc_num1,prc_num2,"
                         "prc_num3,others,lat,lon,gif_localGovernmentCode",
                         ",ABCビル101,35.715225414,139.752559517,131059,0001001,東京都,文京区,"
                         "白山１丁目,2-3,ABCビル101,1120001,,false"]},
    {"name": "13.4-address-normalize-yakushima-parcel", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/yakushima"),
     "args": NORMALIZE + ["鹿児島県熊毛郡屋久島町安房2405番地452", "屋久島町字安房二四〇五-四五二"],
     "exit": 0,
     "stdout_contains": ['"match_level":"parcel","lg_code":"465054","machiaza_id":"0000121"',
                         '"prc_num1":"2405","prc_num2":"452"',
                         '"cityAndCounty":"熊毛郡屋久島町","streetAddress":"安房","cityBlock":"2405-452"']},
    {"name": "13.5-address-normalize-wakayama-levels", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/wakayama"),
     "args": NORMALIZE + ["--format", "text", "和歌山県和歌山市打越町3番6号", "和歌山市有家333番地の2",
                          "和歌山市小松原通一丁目", "和歌山県海南市日方1234", "和歌山県どこか"],
     "exit": 0,
     "stdout_contains": ["residential_detail\t302015\t0035000\t和歌山県和歌山市打越町3-6\n",
                         "parcel\t302015\t0008000\t和歌山県和歌山市有家333-2\n",
                         "machiaza_detail\t302015\t0148001\t和歌山県和歌山市小松原通１丁目\n",
                         "machiaza\t302023\t0072000\t和歌山県海南市日方1234\t(the number '1234' is "
                         "not checked",
                         "prefecture\t300004\t-\t和歌山県 どこか"]},
    {"name": "13.6-address-normalize-ambiguous-city", "needs_data": True,
     "before": build_abr(ABR + "/national"),
     "args": NORMALIZE + ["--format", "json", "府中市宮西町1-1", "東京都府中市宮西町1-1"], "exit": 1,
     "stdout_contains": ['"match_level":"unknown"', '"ambiguous":true',
                         'ambiguous: 東京都府中市 (132063) 広島県府中市 (342084)',
                         '"match_level":"city","lg_code":"132063"', "\n]\n"]},
    {"name": "13.7-address-normalize-registry-without-abr", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["address", "normalize", "--registry", "{tmp}/houjin.db", "東京都文京区白山1-2-3"],
     "exit": 2, "stderr_contains": ["no Address Base Registry data"]},
    {"name": "13.8-address-normalize-needs-input",
     "args": ["address", "normalize", "--registry", "{tmp}/none.db"], "exit": 2,
     "stderr_contains": ["give addresses or -i FILE"]},
    {"name": "13.10-address-normalize-mojibake-every-line-is-json", "needs_data": True,
     "setup": write_mojibake_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/mojibake.txt", "--format", "ndjson"], "exit": 1,
     "stdout_bytes_check": check_mojibake_ndjson},
    {"name": "13.11-address-normalize-mojibake-json-is-utf8", "needs_data": True,
     "setup": write_mojibake_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/mojibake.txt", "--format", "json"], "exit": 1,
     "stdout_bytes_check": check_mojibake_json},
    {"name": "13.12-address-normalize-mojibake-csv-is-utf8", "needs_data": True,
     "setup": write_mojibake_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/mojibake.txt", "--format", "csv"], "exit": 1,
     "stdout_bytes_check": check_utf8_lines(6)},
    {"name": "13.13-address-normalize-mojibake-text-is-utf8", "needs_data": True,
     "setup": write_mojibake_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/mojibake.txt", "--format", "text"], "exit": 1,
     "stdout_bytes_check": check_utf8_lines(5)},
    {"name": "13.14-address-normalize-round-2-kinds", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo", ABR + "/wakayama", ABR + "/yakushima"),
     "args": NORMALIZE + ["-i", "{fixtures}/address_round2.txt"], "exit": 1,
     "stdout_check": check_round2},
    {"name": "13.15-address-normalize-variants-from-the-published-tables", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo", ABR + "/wakayama"),
     "args": NORMALIZE + ["--data", "{data}", "-i", "{fixtures}/address_variants.txt"], "exit": 0,
     "stdout_check": check_variants(True)},
    {"name": "13.16-address-normalize-variants-without-tables", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo", ABR + "/wakayama"),
     "args": NORMALIZE + ["--data", "{tmp}", "-i", "{fixtures}/address_variants.txt"], "exit": 0,
     "stdout_check": check_variants(False)},
    {"name": "13.9-address-normalize-missing-registry",
     "args": ["address", "normalize", "--registry", "{tmp}/none.db", "文京区"], "exit": 2,
     "stderr_contains": ["none.db"]},
]
CASES += ADDRESS_CASES


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
    {"name": "15.6-chars-check-names-against-jisx0208", "before": [BUILD_MOJI], "needs_data": True,
     "args": ["chars", "check", "--registry", "{tmp}/moji.db", "--charset", "jisx0208",
              "--format", "ndjson", NAMES], "exit": 1,
     "stdout_check": check_names_against_jisx0208},
    {"name": "15.7-chars-check-text-report-and-summary", "needs_data": True,
     "args": ["chars", "check", NAMES, "--column", "氏名"], "exit": 1,
     "stdout_contains": ["names_chars.csv:2: 氏名 (field 1), character 1: 髙 U+9AD9 MJ028902 → 高",
                         "牛 (mj-shrink: MJ000007, MJ000008, MJ068055) or 井",
                         "5 characters outside JIS X 0208 (jisx0208), 5 distinct, in 1 file"]},
    {"name": "15.8-chars-check-jisx0213-allows-level-3", "needs_data": True,
     "args": ["chars", "check", "--charset", "jisx0213", "--summary-only", NAMES], "exit": 1,
     "stdout_contains": ["髙 U+9AD9", "U+9089 U+E010F"],
     "stdout_check": lambda out, env: None if "驒" not in out and "﨑" not in out
     else "驒 and 﨑 are in JIS X 0213"},
    {"name": "15.9-chars-shrink-names", "before": [BUILD_MOJI], "needs_data": True,
     "args": ["chars", "shrink", "--registry", "{tmp}/moji.db", NAMES, "-o", "{tmp}/shrunk.csv",
              "--review", "{tmp}/review.csv", "--log", "{tmp}/changes.ndjson"], "exit": 1,
     "stderr_contains": ["14 characters replaced in 7 values", "1 left for review"],
     "after": [check_shrunk_names]},
    {"name": "15.10-chars-shrink-refuses-to-overwrite-its-input", "needs_data": True,
     "setup": lambda tmp: __import__("shutil").copy(
         __import__("os").path.join(__import__("os").path.dirname(__file__), "data",
                                    "names_chars.csv"), tmp + "/names.csv"),
     "args": ["chars", "shrink", "{tmp}/names.csv", "-o", "{tmp}/names.csv"], "exit": 2,
     "stderr_contains": ["the output is the input"]},
    {"name": "15.11-chars-check-what-is-not-a-character", "needs_data": True,
     "args": ["chars", "check", "--format", "ndjson", "--encoding", "utf-8",
              "{fixtures}/bad_chars.txt"], "exit": 1,
     "stdout_check": check_bad_characters},
    {"name": "15.12-chars-check-4-byte-character-in-a-shift-jis-file", "needs_data": True,
     "args": ["chars", "check", "--format", "ndjson", "{fixtures}/sjis_with_utf8.txt"], "exit": 1,
     "stdout_check": check_sjis_problem},
    {"name": "15.13-chars-check-a-set-file-that-is-not-a-set", "needs_data": True,
     "args": ["chars", "check", "--charset", "{fixtures}/not_a_set.txt", NAMES], "exit": 2,
     "stderr_contains": ["not_a_set.txt:3: 'hello' is not a hex code point"]},
    {"name": "15.14-chars-check-set-file", "needs_data": True,
     "args": ["chars", "check", "--charset", "{fixtures}/our_set.txt", "--as", "text",
              "--summary-only", "{fixtures}/bad_chars.txt"], "exit": 1,
     "stdout_contains": ["the set our_set.txt (our_set)"]},
    {"name": "15.15-chars-check-missing-file-and-unknown-column", "needs_data": True,
     "args": ["chars", "check", "{tmp}/none.csv", NAMES, "--column", "電話番号"], "exit": 2,
     "stdout_contains": ["none.csv: problem: cannot open",
                         "names_chars.csv:1: problem: no column '電話番号' in the header"]},
    {"name": "15.16-chars-check-unknown-set", "needs_data": True,
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
    {"name": "15.24-chars-check-stdin-as-csv", "needs_data": True, "stdin": NAMES,
     "args": ["chars", "check", "--as", "csv", "--column", "氏名", "--format", "ndjson", "-"],
     "exit": 1,
     "stdout_contains": ['"file":"-","line":2,"row":2,"field":1,"column":"氏名","position":1,'
                         '"character":"髙"', '"characters":5']},
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
CASES += MOJI_CASES


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
        ("duplicate-key", "error", 5, 1, "")],
        [("inconsistent-address", "error", 4, 16, ""), ("not-in-registry", "warning", 5, 9, "")]),
    "131059_evacuation_space": ("opendata:evacuation-space", [
        ("invalid-format", "error", 3, 22, "1120003"), ("missing-value", "error", 3, 17, ""),
        ("invalid-format", "error", 4, 19, ""), ("not-in-code-list", "error", 4, 25, ""),
        ("value-in-wrong-column", "error", 4, 19, "move it to 所在地_都道府県")], []),
    "131059_aed": ("opendata:aed", [
        ("unknown-column", "info", 1, 11, ""),
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
        ("missing-value", "error", 3, 5, ""), ("duplicate-key", "error", 3, 1, "")], []),
    "131059_hospital": ("suisho:hospital", [
        ("invalid-check-digit", "error", 3, 15, ""), ("invalid-format", "error", 3, 19, ""),
        ("invalid-format", "error", 3, 24, "")],
        [("invalid-format", "error", 3, 8, "東京都文京区春日1-1-1")]),
    "131059_preschool": ("suisho:preschool", [
        ("invalid-format", "error", 3, 19, "2024-04-01"), ("invalid-format", "error", 3, 23, ""),
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
    folder = os.path.join(os.path.dirname(__file__), "data", "opendata")
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
     "stdout_contains": ["no model fits its header; the closest are", "name the model with --model"]},
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
    folder = os.path.join(os.path.dirname(__file__), "data", "opendata")
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
    """Accuracy, consistency and currentness of registry_dated.csv: 3 rows looked
    up (国税庁's number is not in the samples), 2 names compared, the latest 最終更新日
    beside the registry's data date."""
    quality = task(report)["quality"]
    expected = {"accuracy": {"value": 2 / 3, "checked": 3, "agreeing": 2},
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
     "stdout_contains": ["title=gifkit quality::accuracy 66.7%25 (2 of 3 rows looked up agree with "
                         "the registry); consistency 100.0%25 (2 of 2 rows cross-checked agree); "
                         "currentness: registry data of 2025-03-11, dataset updated 2024-04-01 "
                         "(344 days before the registry's)"]},
    {"name": "17.28-no-measures-without-registry",
     "args": ["validate", "--model", "gif:LegalEntity", "{fixtures}/registry_dated.csv"], "exit": 1,
     "check": lambda r: None if set(task(r)["quality"]) == {"completeness", "conformity",
                                                           "rowsWithErrors", "currentness", "items"}
     and task(r)["quality"]["currentness"] == {"registryDate": "", "datasetDate": "2024-04-01"}
     else f"quality keys {sorted(task(r)['quality'])}"},
]
CASES += MUNICIPAL_CASES


# 18.x — gifkit address reverse (docs/address.md): real points of the shared data reversed at
# their own coordinates and 30 m north of them, on a registry of national + 文京区 (or + 屋久島町).
REVERSE = ["address", "reverse", "--registry", ABR_DB]
REVERSE_BUNKYO = build_abr(ABR + "/national", ABR + "/bunkyo")
REVERSE_YAKUSHIMA = build_abr(ABR + "/national", ABR + "/yakushima")
EARTH_RADIUS_M = 6371008.8  # the sphere of grammars/geo.hpp


def north_by(lat, metres):
    """lat (a decimal string) moved north by metres on gifkit's sphere, as a decimal string."""
    import math
    return repr(float(lat) + metres / EARTH_RADIUS_M * 180 / math.pi)


# Real positions, as the published files write them (each asserted present by a `before` step):
# 白山２丁目15-1 of 文京区 (its nearest neighbour 39 m away) and 安房2400-32 of 屋久島町 (85 m).
BUNKYO_RESIDENCE = ("bunkyo/mt_rsdtdsp_rsdt_pos_pref13.csv.zip",
                    "131059,0001002,015,001,,1,1,139.747613819,35.717373331,", "35.717373331",
                    "139.747613819")
YAKUSHIMA_PARCEL = ("yakushima/mt_parcel_pos_city465054.csv.zip",
                    "465054,0000121,024000003200000,130.652606667,30.30636348,", "30.30636348",
                    "130.652606667")


def real_position(point):
    """A `before` step: the point's row is in the shared data's file, byte for byte."""
    def check(env):
        import os
        import zipfile
        with zipfile.ZipFile(os.path.join(env["data"], "abr", point[0])) as archive:
            text = archive.read(archive.namelist()[0]).decode("utf-8")
        if "\n" + point[1] not in text:
            raise AssertionError(f"{point[1]!r} is not in {point[0]}")
    return check


def reverse_hit(expected, distance):
    """stdout_check of a json answer: one hit holding the expected fields, distance_m within
    2 cm of distance."""
    def check(stdout, env):
        hits = json.loads(stdout)
        if len(hits) != 1:
            return f"expected one hit, got {len(hits)}"
        got = {key: hits[0].get(key) for key in expected}
        if got != expected:
            return f"fields {got}, expected {expected}"
        if abs(hits[0]["distance_m"] - distance) > 0.02:
            return f"distance_m {hits[0]['distance_m']}, expected {distance}"
        return None
    return check


def drop_reverse_index(env):
    """An `after`-build step: the registry as a build before the R*Tree existed made it."""
    import os
    import sqlite3
    db = sqlite3.connect(os.path.join(env["tmp"], "abr.db"))
    db.execute("DROP TABLE abr_point_rtree")
    db.execute("DELETE FROM provenance WHERE source_kind = 'abr-point-index'")
    db.commit()
    db.close()


BUNKYO_FIELDS = {"level": "residence", "lg_code": "131059", "machiaza_id": "0001002",
                 "pref": "東京都", "city": "文京区", "oaza_cho": "白山", "chome": "２丁目",
                 "blk_num": "15", "rsdt_num": "1", "output": "東京都文京区白山２丁目15-1",
                 "lat": 35.717373331, "lon": 139.747613819}
YAKUSHIMA_FIELDS = {"level": "parcel", "lg_code": "465054", "machiaza_id": "0000121",
                    "county": "熊毛郡", "city": "屋久島町", "koaza": "安房", "prc_num1": "2400",
                    "prc_num2": "32", "output": "鹿児島県熊毛郡屋久島町安房2400-32"}

REVERSE_CASES = [
    {"name": "18.1-address-reverse-real-bunkyo-residence-at-its-point", "needs_data": True,
     "before": [real_position(BUNKYO_RESIDENCE)] + REVERSE_BUNKYO,
     "args": REVERSE + ["-f", "json", BUNKYO_RESIDENCE[2], BUNKYO_RESIDENCE[3]], "exit": 0,
     "stdout_check": reverse_hit(BUNKYO_FIELDS, 0.0),
     "after": [["registry", "verify", ABR_DB]]},
    {"name": "18.2-address-reverse-real-bunkyo-residence-30-m-off", "needs_data": True,
     "before": REVERSE_BUNKYO,
     "args": REVERSE + ["-f", "json", north_by(BUNKYO_RESIDENCE[2], 30), BUNKYO_RESIDENCE[3]],
     "exit": 0, "stdout_check": reverse_hit(BUNKYO_FIELDS, 30.0)},
    {"name": "18.3-address-reverse-real-yakushima-parcel-at-its-point", "needs_data": True,
     "before": [real_position(YAKUSHIMA_PARCEL)] + REVERSE_YAKUSHIMA,
     "args": REVERSE + ["-f", "json", YAKUSHIMA_PARCEL[2], YAKUSHIMA_PARCEL[3]], "exit": 0,
     "stdout_check": reverse_hit(YAKUSHIMA_FIELDS, 0.0)},
    {"name": "18.4-address-reverse-real-yakushima-parcel-30-m-off", "needs_data": True,
     "before": REVERSE_YAKUSHIMA,
     "args": REVERSE + ["-f", "json", "--radius", "100", north_by(YAKUSHIMA_PARCEL[2], 30),
                        YAKUSHIMA_PARCEL[3]], "exit": 0,
     "stdout_check": reverse_hit(YAKUSHIMA_FIELDS, 30.0)},
    {"name": "18.5-address-reverse-limit-csv-and-text", "needs_data": True,
     "before": REVERSE_BUNKYO,
     "args": REVERSE + ["--limit", "3", "-f", "csv", BUNKYO_RESIDENCE[2], BUNKYO_RESIDENCE[3]],
     "exit": 0,
     "stdout_contains": ["level,distance_m,lat,lon,output,lg_code,machiaza_id,pref,county,city,",
                         ",gif_localGovernmentCode,gif_streetAddressId,",
                         "\nresidence,0,35.717373331,139.747613819,東京都文京区白山２丁目15-1,131059,"],
     "stdout_check": lambda out, env: None if len(out.splitlines()) == 4
     else f"expected a header and 3 rows, got {len(out.splitlines())} lines",
     "after": [REVERSE + ["--limit", "2", BUNKYO_RESIDENCE[2], BUNKYO_RESIDENCE[3]]]},
    {"name": "18.6-address-reverse-text-by-default", "needs_data": True,
     "before": REVERSE_YAKUSHIMA,
     "args": REVERSE + [YAKUSHIMA_PARCEL[2], YAKUSHIMA_PARCEL[3]], "exit": 0,
     "stdout_contains": ["parcel\t0.00 m\t465054\t0000121\t鹿児島県熊毛郡屋久島町安房2400-32\n"]},
    {"name": "18.7-address-reverse-nothing-within-radius-negative-lat", "needs_data": True,
     "before": REVERSE_BUNKYO,
     "args": REVERSE + ["--", "-33.8568", "151.2153"], "exit": 1,
     "stderr_contains": ["no residence, parcel or 町字 within 1000 m of -33.8568, 151.2153"]},
    {"name": "18.8-address-reverse-negative-lat-without-double-dash", "needs_data": True,
     "before": REVERSE_BUNKYO,
     "args": REVERSE + ["-f", "json", "-33.8568", "-151.2153"], "exit": 1,
     "stdout_contains": ["[]"], "stderr_contains": ["no residence, parcel or 町字 within"]},
    # a bad value is refused before the registry is opened (there is none here)
    {"name": "18.9-address-reverse-bad-latitude",
     "args": ["address", "reverse", "--registry", "{tmp}/none.db", "91", "139.7"], "exit": 2,
     "stderr_contains": ["latitude must be a number from -90 to 90"]},
    {"name": "18.10-address-reverse-latitude-not-a-number",
     "args": ["address", "reverse", "--registry", "{tmp}/none.db", "35.7N", "139.7"], "exit": 2,
     "stderr_contains": ["LAT '35.7N' is not a number in decimal degrees"]},
    {"name": "18.11-address-reverse-radius-too-large",
     "args": ["address", "reverse", "--registry", "{tmp}/none.db", "--radius", "50001", "35.7",
              "139.7"], "exit": 2,
     "stderr_contains": ["radius must be a number of metres from 0 to 50000"]},
    {"name": "18.12-address-reverse-registry-built-before-the-index", "needs_data": True,
     "before": REVERSE_BUNKYO + [drop_reverse_index],
     "args": REVERSE + [BUNKYO_RESIDENCE[2], BUNKYO_RESIDENCE[3]], "exit": 2,
     "stderr_contains": ["abr.db: the registry has no index of the ABR positions",
                         "rebuild it with `gifkit registry build`"]},
    {"name": "18.13-address-reverse-registry-without-abr", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["address", "reverse", "--registry", "{tmp}/houjin.db", "35.7", "139.7"], "exit": 2,
     "stderr_contains": ["no Address Base Registry data"]},
    {"name": "18.14-address-reverse-missing-registry",
     "args": ["address", "reverse", "--registry", "{tmp}/none.db", "35.7", "139.7"], "exit": 2,
     "stderr_contains": ["none.db"]},
]
CASES += REVERSE_CASES


# 22.x — 個人番号 (マイナンバー) never leaves (DESIGN.md §9; docs/validate.md "個人番号
# (マイナンバー)"). tests/e2e/data/individual_numbers.csv (gif:Person) holds made-up numbers given
# their check digit by 番号法施行令 第8条 (individual_number_check_digit below): 整理番号 — a
# name that says nothing — 12 valid of 13 values (a blank, a typo, one written 4-4-4), so it is
# found by its values; マイナンバー two more (4-4-4 and full-width), found by its header;
# 会員番号 random 12-digit numbers (one of 14 passes by chance): never reported; a 個人番号
# where 生年月日 belongs, which the report echoes as the bad value, and one in full-width digits in
# 氏（英字）, whose wrong-width fix would be the number in ASCII — both masked. No output of any
# format may hold any of the valid numbers, as written or as 12 digits.
INDIVIDUAL_NUMBERS = "{fixtures}/individual_numbers.csv"
VALIDATE_INDIVIDUAL_NUMBERS = ["validate", "--model", "gif:Person", INDIVIDUAL_NUMBERS]


def individual_number_check_digit(eleven):
    """番号法施行令 第8条: 11 − (Σ P_n·Q_n mod 11), P_n the n-th digit from the right, Q_n = n + 1
    for n ≤ 6 and n − 5 for n ≥ 7; 0 when the remainder is 0 or 1."""
    total = sum(int(eleven[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    return 0 if total % 11 <= 1 else 11 - total % 11


def fixture_individual_numbers(env=None):
    """Every valid 個人番号 of the fixture, as written and as 12 ASCII digits."""
    import csv
    import os
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                        "individual_numbers.csv")
    found = set()
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f):
            for cell in row:
                digits = "".join(str(ord(c) - 0xFF10) if "０" <= c <= "９" else c
                                 for c in cell if c.isdigit())
                if (len(digits) == 12 and len(cell) <= 14
                        and individual_number_check_digit(digits[:11]) == int(digits[11])):
                    found |= {cell, digits}
    assert len(found) >= 15, f"the fixture holds {len(found)} numbers"
    return sorted(found)


def no_individual_number_in_report(report):
    text = json.dumps(report, ensure_ascii=False)
    shown = [number for number in fixture_individual_numbers() if number in text]
    return f"the report shows {shown}" if shown else None


def individual_number_columns(report):
    found = {p["column"]: p for p in task(report)["errors"] if p["code"] == "individual-number"}
    if sorted(found) != [4, 5]:
        return f"individual-number at columns {sorted(found)}, expected 4 and 5"
    if found[4]["message"] != ("整理番号 holds 個人番号 (マイナンバー): 12 of its 13 values pass the "
                               "個人番号 check digit"):
        return f"message {found[4]['message']!r}"
    if "its header names it; 2 of its 2 values" not in found[5]["message"]:
        return f"message {found[5]['message']!r}"
    if any(p["value"] for p in found.values()) or found[4]["field"] != "整理番号":
        return f"field or value {found[4]}"
    return no_individual_number_in_report(report)


INDIVIDUAL_NUMBER_CASES = [
    {"name": "22.1-validate-individual-number-by-values-and-by-header",
     "args": VALIDATE_INDIVIDUAL_NUMBERS, "exit": 1,
     "expect": [("individual-number", 1, 4), ("individual-number", 1, 5),
                ("invalid-format", 7, 3), ("wrong-width", 4, 7, "************")],
     "check": individual_number_columns},
    {"name": "22.8-validate-individual-number-skipped-still-masked",
     "args": VALIDATE_INDIVIDUAL_NUMBERS + ["--skip", "individual-number"], "exit": 1,
     "absent": ["individual-number"], "check": no_individual_number_in_report},
    {"name": "22.9-lookup-corporation-never-echoes-an-individual-number",
     "args": ["lookup", "corporation", "--registry", "{tmp}/none.db", "5210-4677-0897"], "exit": 2,
     "stderr_contains": ["'****-****-****' is not a corporate number"],
     "output_lacks": fixture_individual_numbers},
    {"name": "22.10-lookup-corporation-12-digits-never-echoed",
     "args": ["lookup", "corporation", "--registry", "{tmp}/none.db", "181721099940"], "exit": 2,
     "stderr_contains": ["'************' is not a corporate number: 12 digits; expected 13"],
     "output_lacks": fixture_individual_numbers},
    {"name": "22.11-lookup-address-never-echoes-one",
     "args": ["lookup", "address", "--registry", "{tmp}/none.db", "--lg-code", "181721099940"],
     "exit": 2, "stderr_contains": ["'************' is not a 全国地方公共団体コード"],
     "output_lacks": fixture_individual_numbers},
    {"name": "22.12-option-parse-error-never-echoes-one",
     "args": ["lookup", "corporation", "--registry", "{tmp}/none.db", "--name", "x", "--limit",
              "181721099940"], "exit": 2, "stderr_contains": ["************"],
     "output_lacks": fixture_individual_numbers},
]
for _number, _format in enumerate(["json", "ndjson", "text", "junit", "sarif", "github"], start=2):
    INDIVIDUAL_NUMBER_CASES.append({
        "name": f"22.{_number}-validate-{_format}-never-shows-an-individual-number",
        "args": VALIDATE_INDIVIDUAL_NUMBERS + ["--format", _format], "exit": 1,
        "stdout_contains": ["individual-number"], "output_lacks": fixture_individual_numbers,
        **({"format": _format} if _format != "text" else {})})
CASES += INDIVIDUAL_NUMBER_CASES
