"""cases/registry.py — 8.x, 10.x: the corporate registry — registry build|info|verify, lookup
corporation, registry update; FILE_ONLY: the cases about the registry file itself."""
from .common import BUILD_REGISTRY, HOUJIN_SJIS, HOUJIN_UTF8, LOOKUP

ROOM = "houjin"  # the room these cases cover (tests/rooms.txt)


HOUJIN_UTF8_SHA256 = "cfbf6bc122d41c5e1b74155c2e881ce7c9df3c2a120875c95972e7b1fb27d5bf"


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


# 10.x helpers — registry update
EDGE_UTF8_NAME = "code4fukui_gBizINFO_diff_edgecase_extract_utf8.csv"
EDGE_SJIS_NAME = "code4fukui_gBizINFO_diff_edgecase_extract_sjis.csv"
# The edge-case extracts (rows picked from many days' diffs) laid out as whole days
# (write_whole_days): `registry update` refuses an excerpt as a day (29.x).
HOUJIN_EDGE_UTF8 = "{tmp}/days/" + EDGE_UTF8_NAME
HOUJIN_EDGE_SJIS = "{tmp}/days/" + EDGE_SJIS_NAME


def whole_day_copy(excerpt, folder):
    """A copy in folder, under the same name, of a diff excerpt laid out as a
    whole day's file is: records numbered 1, 2, 3, … (sequenceNumber) and a
    last record with latest=0 moved to the front, where it starts its
    corporation's rows. The rows are the excerpt's own; done on bytes (no
    record spans lines; ',' and a line end are never Shift_JIS trail bytes)."""
    import csv
    import io
    import os
    with open(excerpt, "rb") as f:
        lines = f.read().splitlines()
    encoding = "utf-8" if b"utf8" in os.path.basename(excerpt).encode() else "cp932"
    last = next(csv.reader(io.StringIO(lines[-1].decode(encoding))))
    if last[23] == "0":
        lines = lines[-1:] + lines[:-1]
    body = b"".join(str(i + 1).encode() + line[line.index(b","):] + b"\n"
                    for i, line in enumerate(lines))
    os.makedirs(folder, exist_ok=True)
    copy = os.path.join(folder, os.path.basename(excerpt))
    with open(copy, "wb") as f:
        f.write(body)
    return copy


def write_whole_days(env):
    """{tmp}/days/: both edge-case extracts as whole days (whole_day_copy)."""
    import os
    for name in (EDGE_UTF8_NAME, EDGE_SJIS_NAME):
        whole_day_copy(os.path.join(env["data"], "houjin", "samples", name),
                       os.path.join(env["tmp"], "days"))
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
    names = [name for name in names if name != "days"]  # the extracts as days (write_whole_days)
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
    # 8.x — the corporate registry: registry build|info|verify, lookup corporation
    {"name": "8.1-registry-build-real-diff-files", "args": BUILD_REGISTRY, "exit": 0,
     "needs_data": True,
     "stderr_contains": ["2772 rows imported, 0 rejected", "2404 rows imported, 0 rejected",
                         "5176 rows from 2 files"],
     "after": [["registry", "verify", "{tmp}/houjin.db"]]},
    {"name": "8.2-registry-info-text", "room": "registry-build", "before": [BUILD_REGISTRY],
     "args": ["registry", "info", "{tmp}/houjin.db"], "exit": 0, "needs_data": True,
     "stdout_contains": [HOUJIN_UTF8_SHA256, "data date 2021-07-14, 2772 rows, 0 rejected",
                         "data date 2025-03-11, 2404 rows", "corporation 4573",
                         "corporation_history 5176"]},
    {"name": "8.3-registry-info-json", "room": "registry-build", "before": [BUILD_REGISTRY],
     "args": ["registry", "info", "{tmp}/houjin.db", "--format", "json"], "exit": 0,
     "needs_data": True,
     "stdout_contains": ['"sha256": "' + HOUJIN_UTF8_SHA256 + '"', '"rows": 2772',
                         '"dataDate": "2025-03-11"', '"corporation_history": 5176',
                         '"sourceKind": "houjin-csv"']},
    {"name": "8.4-registry-verify-ok", "room": "db", "before": [BUILD_REGISTRY],
     "args": ["registry", "verify", "{tmp}/houjin.db"], "exit": 0, "needs_data": True,
     "stdout_contains": ["ok (integrity check passed, 2 sources"]},
    {"name": "8.5-registry-verify-count-mismatch", "room": "db",
     "before": [BUILD_REGISTRY, drop_history_row],
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
    {"name": "8.10-registry-info-not-a-registry", "room": "registry-build",
     "setup": write_random_registry,
     "args": ["registry", "info", "{tmp}/random.db"], "exit": 2,
     "stderr_contains": ["random.db: not a gifkit registry"]},
    {"name": "8.11-registry-verify-not-a-registry", "room": "db", "setup": write_random_registry,
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
    {"name": "8.18-help-lists-registry-and-lookup", "room": "cli", "args": ["help"], "exit": 0,
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
     "update_on_server": True, "before": [BUILD_REGISTRY_2021, write_whole_days],
     "args": UPDATE_REGISTRY + [HOUJIN_EDGE_SJIS, HOUJIN_SJIS, HOUJIN_EDGE_UTF8], "exit": 0,
     "needs_data": True,
     "stderr_contains": ["code4fukui_gBizINFO_diff_20250311_sjis.csv: data date 2025-03-11, "
                         "2404 rows applied, 0 rejected",
                         "data date 2021-10-01, 218 rows applied, 121 already stored (not stored "
                         "twice), 0 rejected",
                         "3053 rows from 3 diffs, 122 already stored, 0 rejected, data date "
                         "2021-07-14 -> 2026-06-05"],
     "after": [check_update_order, ["registry", "verify", "{tmp}/houjin.db"]]},
    {"name": "10.2-registry-update-closed-corporation-state",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, write_whole_days,
                UPDATE_REGISTRY + [HOUJIN_SJIS, HOUJIN_EDGE_UTF8, HOUJIN_EDGE_SJIS]],
     "args": LOOKUP + ["2120005001616", "--format", "json"], "exit": 0,
     "stdout_contains": ['"process": "21"', '"updateDate": "2021-11-09"',
                         '"closeDate": "2021-11-08"', '"closeCause": "01"']},
    {"name": "10.3-registry-update-history-oldest-first",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, write_whole_days,
                UPDATE_REGISTRY + [HOUJIN_SJIS, HOUJIN_EDGE_SJIS]],
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
     "before": [BUILD_REGISTRY_2021, write_whole_days, UPDATE_REGISTRY + [HOUJIN_EDGE_SJIS]],
     "args": UPDATE_REGISTRY + [HOUJIN_SJIS], "exit": 2,
     "stderr_contains": ["code4fukui_gBizINFO_diff_20250311_sjis.csv: out of order: its data date "
                         "2025-03-11 is older than the registry's data date 2026-06-05"]},
    {"name": "10.6-registry-update-allow-out-of-order",
     "update_on_server": True, "needs_data": True,
     "before": [BUILD_REGISTRY_2021, write_whole_days, UPDATE_REGISTRY + [HOUJIN_EDGE_SJIS]],
     "args": UPDATE_REGISTRY + ["--allow-out-of-order", HOUJIN_SJIS], "exit": 0,
     "stderr_contains": ["2403 rows from 1 diffs, 1 already stored, 0 rejected, data date "
                         "2026-06-05 -> 2026-06-05"],
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
     "before": [BUILD_REGISTRY_2021, write_whole_days, write_dated_non_diff,
                remember_registry_checksum],
     "args": UPDATE_REGISTRY + [HOUJIN_SJIS, HOUJIN_EDGE_UTF8, "{tmp}/diff_20260701.csv"],
     "exit": 2, "stderr_contains": ["diff_20260701.csv: not a recognised registry source"],
     "after": [check_registry_unchanged, ["registry", "verify", "{tmp}/houjin.db"]]},
]
