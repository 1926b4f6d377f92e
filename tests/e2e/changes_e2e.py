#!/usr/bin/env python3
"""changes_e2e.py — the 法人番号 change feed end to end (26.x): the real binary on
a registry built from the real NTA diff of 2021-07-14 with the diff of
2025-03-11 applied by `gifkit registry update`, every answer checked against
what the two CSV files say, read here with Python's csv module:

  - the events per process code and kind, and every event's before and after
    (the previous row of its corporation in the files; none for its first);
  - --by update against --by change, --until, --kind, --pref (before or after);
  - the text, JSON, NDJSON and CSV formats saying the same;
  - the service's GET /v1/changes answering as the command does, paging, and
    its 400s;
  - validate --registry --changed-since: registry-changed on the rows whose
    corporation changed, with the change in the message;
  - bad input: a date that is not one, --until before --since, an unknown
    kind or prefecture, a registry without 法人番号 data: exit 2, a message;
  - the table of kinds in docs/registry.md is the one the binary loads;
  - `gifkit diff --registries` of the 2021 build and the updated one: every
    corporation whose state differs, with the kinds and fields the two files give,
    its formats, the same build twice equal, bad input; and two ABR builds (文京区's
    町字, one abolished, renamed, removed and added at test time) and two character
    builds (JIS X 0213 with three places left out of the older one).

With GIFKIT_E2E_REGISTRY=postgresql (registry_backend.py) every command reads its
registries from a PostgreSQL server: each registry file a case reads is pushed into
a database of the case's own. NO_REGISTRY names the case that reads none.

  changes_e2e.py --gifkit PATH --data SHARED --work DIR --stage build
  changes_e2e.py --gifkit PATH --data SHARED --work DIR --case NAME
  changes_e2e.py --list
Exit 0 pass, 1 fail, 77 skipped (no shared data).
"""
import collections
import csv
import io
import json
import os
import shutil
import sys
import tempfile
import urllib.parse

ROOM = "houjin"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from case_runner import CaseList, Failure, Skipped, check, run_binary, run_script  # noqa: E402
import registry_backend  # noqa: E402
from serve_support import Server  # noqa: E402

SAMPLES = "houjin/samples"
# The Shift_JIS file read as gifkit reads it: CP932's mapping (0x817C is U+FF0D －,
# where Python's shift_jis codec gives U+2212).
FILES = [("code4fukui_gBizINFO_diff_20210714_utf8.csv", "utf-8"),
         ("code4fukui_gBizINFO_diff_20250311_sjis.csv", "cp932")]
# FORMAT.md §3: the 30 columns, by the NTA's names.
COLUMNS = ["sequenceNumber", "corporateNumber", "process", "correct", "updateDate", "changeDate",
           "name", "nameImageId", "kind", "prefectureName", "cityName", "streetNumber",
           "addressImageId", "prefectureCode", "cityCode", "postCode", "addressOutside",
           "addressOutsideImageId", "closeDate", "closeCause", "successorCorporateNumber",
           "changeCause", "assignmentDate", "latest", "enName", "enPrefectureName", "enCityName",
           "enAddressOutside", "furigana", "hihyoji"]
ARGS = None
CASES = CaseList()
case = CASES.case
REGISTRIES = registry_backend.FileRegistries()
SCRATCH = None  # a case's own folder for the files it writes
NO_REGISTRY = {"9-docs-table-is-the-loaded-table":
               "reads docs/registry.md and the table of kinds, no registry"}


def registry():
    return os.path.join(ARGS.work, "houjin.db")


def registry_2021():
    return os.path.join(ARGS.work, "houjin-2021.db")


def scratch(name):
    return os.path.join(SCRATCH, name)


def run(*args):
    """(exit code, stdout, stderr) of a gifkit command, its registries on the backend."""
    code, out, err = run_binary([ARGS.gifkit, *REGISTRIES.command(list(args))])
    leak = REGISTRIES.leak(out + err)
    check(not leak, f"gifkit {' '.join(args)}: {leak}")
    return code, out, err


def changes(*args):
    code, out, err = run("registry", "changes", registry(), *args)
    check(code == 0, f"registry changes {' '.join(args)}: exit {code}\n{err}")
    return out, err


def ndjson(*args):
    out, _ = changes(*args, "-f", "ndjson")
    return [json.loads(line) for line in out.splitlines()]


def file_rows():
    """Every row of the two files as a dict of the NTA's names, in import order
    (2021 first: the registry was built from it), with the file's name."""
    rows = []
    for name, encoding in FILES:
        with open(os.path.join(ARGS.data, SAMPLES, name), encoding=encoding, newline="") as f:
            for fields in csv.reader(f):
                row = dict(zip(COLUMNS, fields))
                row["file"] = name
                rows.append(row)
    return rows


def previous_rows(rows):
    """The row before each row of its corporation in the files (None for its
    first). The files keep a corporation's rows together, in date order."""
    previous, last = [], {}
    for row in rows:
        previous.append(last.get(row["corporateNumber"]))
        last[row["corporateNumber"]] = row
    return previous


def kinds_table():
    """(process, when, kind) of each line of models/dictionaries/houjin_change_kinds.tsv."""
    table = []
    path = os.path.join(REPO, "models", "dictionaries", "houjin_change_kinds.tsv")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            process, when, kind = line.rstrip("\n").split("\t")[:3]
            table.append((process, when, kind))
    return table


def kind_of(row):
    """The kind of a row by the table: a successor line wins over its process's - line."""
    table = kinds_table()
    if row["successorCorporateNumber"]:
        for process, when, kind in table:
            if process == row["process"] and when == "successor":
                return kind
    for process, when, kind in table:
        if process == row["process"] and when == "-":
            return kind
    raise Failure(f"no kind for process {row['process']}")


def state(row):
    return {k: row[k] for k in COLUMNS}


@case("1-events-per-process-as-the-files-say")
def events_per_process():
    rows = file_rows()
    events = ndjson("--since", "2021-07-14")
    check(len(events) == len(rows), f"{len(events)} events for {len(rows)} rows")
    expected = collections.Counter((r["process"], kind_of(r)) for r in rows)
    found = collections.Counter((e["process"], e["kind"]) for e in events)
    check(found == expected, f"per process and kind {sorted(found.items())} != {sorted(expected.items())}")
    # The 2025 file alone: SOURCES.md's counts, with 21 split by its successor.
    in_2025 = collections.Counter(e["process"] for e in events if e["updateDate"] == "2025-03-11")
    check(in_2025 == {"01": 1167, "11": 147, "12": 805, "13": 1, "21": 227, "22": 16, "71": 38,
                      "81": 1, "99": 2}, f"2025 counts {dict(in_2025)}")
    merged = [e for e in events if e["kind"] == "merged"]
    check(len(merged) == 30 + 37, f"{len(merged)} merged")
    check(all(e["after"]["successorCorporateNumber"] for e in merged), "merged without successor")


# The names the corporation objects carry beside their codes (issue #31): labels, not the
# files' own columns.
CODE_NAMES = {"processName": "process", "kindName": "kind", "closeCauseName": "closeCause"}


def columns_of(corporation):
    """A corporation object without the names of its codes, each checked to be there (non-empty)
    exactly when its code is: the object as the files' columns give it."""
    if corporation is None:
        return None
    for name, code in CODE_NAMES.items():
        check(bool(corporation.get(name)) == bool(corporation[code]),
              f"{name} {corporation.get(name)!r} beside {code} {corporation[code]!r}")
    return {k: v for k, v in corporation.items() if k not in CODE_NAMES}


@case("2-every-event-has-the-before-and-after-of-the-files")
def before_and_after():
    rows = file_rows()
    events = ndjson("--since", "2021-07-14")
    # Events come by date published, then as imported: the files' order.
    for event, row, previous in zip(events, rows, previous_rows(rows)):
        where = f"{row['file']} row {row['sequenceNumber']}"
        event["after"], event["before"] = columns_of(event["after"]), columns_of(event["before"])
        check(event["after"] == state(row), f"{where}: after {event['after']} != {state(row)}")
        check(event["correction"] == (row["correct"] == "1"), f"{where}: correction")
        if previous is None:
            check(event["before"] is None, f"{where}: before {event['before']}, expected none")
        else:
            check(event["before"] == state(previous), f"{where}: before is not the previous row")
        differ = []
        if previous is not None and row["kind"] and previous["kind"]:
            differ = [c for c in COLUMNS if c not in (
                "sequenceNumber", "corporateNumber", "process", "correct", "updateDate",
                "changeDate", "latest") and row[c] != previous[c]]
        check(event["changed"] == differ, f"{where}: changed {event['changed']} != {differ}")
    # Named: 1010401096288 renamed 日本エムアイ → ＮＳＩ－ＭＩジャパン, then moved to 千葉県.
    named = [e for e in events if e["corporateNumber"] == "1010401096288"]
    check([e["kind"] for e in named] == ["new", "renamed", "moved", "moved"],
          f"kinds {[e['kind'] for e in named]}")
    check(named[1]["before"]["name"] == "日本エムアイ株式会社"
          and named[1]["after"]["name"] == "ＮＳＩ－ＭＩジャパン株式会社", "the rename")
    text, _ = changes("--since", "2021-07-14", "--kind", "moved")
    check("1010401096288  ＮＳＩ－ＭＩジャパン株式会社  moved (12) published 2021-07-14, effective "
          "2021-07-07: address: 東京都新宿区箪笥町３４番地１０階 → "
          "千葉県千葉市緑区あすみが丘東５丁目２１番地２６\n" in text, f"text line:\n{text[:2000]}")
    # A merger of 2025: closed with its successor, as the row says.
    row = next(r for r in rows if r["file"].endswith("sjis.csv") and r["process"] == "21"
               and r["successorCorporateNumber"])
    event = next(e for e in events if e["corporateNumber"] == row["corporateNumber"]
                 and e["process"] == "21")
    check(event["kind"] == "merged" and event["after"]["closeDate"] == row["closeDate"]
          and event["after"]["successorCorporateNumber"] == row["successorCorporateNumber"],
          f"merger {event}")


@case("3-by-change-and-until")
def by_change_and_until():
    rows = file_rows()

    def effective(row):
        return row["changeDate"] or row["updateDate"]

    for since, until in (("2025-03-01", None), ("2021-07-01", "2021-07-07"),
                         ("2015-10-05", "2015-10-05")):
        args = ["--since", since, "--by", "change"] + (["--until", until] if until else [])
        events = ndjson(*args)
        expected = [r for r in rows if since <= effective(r) <= (until or "9999")]
        check(len(events) == len(expected), f"{args}: {len(events)} events, {len(expected)} rows")
        check(all(since <= (e["changeDate"] or e["updateDate"]) <= (until or "9999")
                  for e in events), f"{args}: an event out of range")
        dates = [e["changeDate"] or e["updateDate"] for e in events]
        check(dates == sorted(dates), f"{args}: not in date order")
    # By update (the default), the same range holds each file whole or nothing.
    check(len(ndjson("--since", "2025-03-01")) == 2404, "by update since 2025-03-01")
    check(len(ndjson("--since", "2021-07-14", "--until", "2025-03-10")) == 2772, "until")
    check(ndjson("--since", "2021-07-15", "--until", "2025-03-10") == [], "between the files")
    _, err = changes("--since", "2025-03-12")
    check("0 changes published from 2025-03-12 to now" in err, err)


@case("4-kind-and-pref")
def kind_and_pref():
    rows = file_rows()
    previous = previous_rows(rows)
    events = ndjson("--since", "2021-07-14", "--kind", "merged,closed,restored")
    expected = collections.Counter(kind_of(r) for r in rows
                                   if kind_of(r) in ("merged", "closed", "restored"))
    check(collections.Counter(e["kind"] for e in events) == expected,
          f"kinds {collections.Counter(e['kind'] for e in events)} != {expected}")
    for pref in ("13", "千葉県"):
        field = "prefectureCode" if pref.isdigit() else "prefectureName"
        expected = [r for r, p in zip(rows, previous)
                    if r[field] == pref or (p is not None and p[field] == pref)]
        events = ndjson("--since", "2021-07-14", "--pref", pref)
        check(len(events) == len(expected), f"--pref {pref}: {len(events)} != {len(expected)}")
    both = ndjson("--since", "2021-07-14", "--pref", "13,12", "--kind", "moved")
    moved = [e for e in both if e["corporateNumber"] == "1010401096288"]
    check(len(moved) == 2, f"moves of 1010401096288 {moved}")
    chiba = ndjson("--since", "2021-07-14", "--pref", "12", "--kind", "moved")
    check(sum(e["corporateNumber"] == "1010401096288" for e in chiba) == 1,
          "the move into 千葉県 is there, the move inside 東京都 is not")


@case("5-formats-say-the-same")
def formats_say_the_same():
    args = ("--since", "2025-03-11", "--kind", "renamed,merged")
    lines = ndjson(*args)
    out, _ = changes(*args, "-f", "json")
    document = json.loads(out)
    check(document["events"] == lines, "json events != ndjson")
    check(document["counts"] == {"events": len(lines), "resent": 0}, document["counts"])
    check(document["since"] == "2025-03-11" and document["until"] is None
          and document["by"] == "update" and document["kinds"] == ["renamed", "merged"],
          str({k: v for k, v in document.items() if k != "events"}))
    out, _ = changes(*args, "-f", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    check(len(table) == len(lines), f"{len(table)} csv rows")
    for row, event in zip(table, lines):
        check(row["corporateNumber"] == event["corporateNumber"] and row["kind"] == event["kind"]
              and row["after_name"] == event["after"]["name"]
              and row["before_name"] == ((event["before"] or {}).get("name") or "")
              and row["changed"].split() == event["changed"], f"csv {row}")
    text, err = changes(*args)
    check(len(text.splitlines()) == len(lines), "text lines")
    check(f"{len(lines)} changes published from 2025-03-11 to now: merged 37, renamed 147; "
          "0 re-sent rows left out" in err, err)


@case("6-bad-input-exit-2")
def bad_input():
    def refused(args, message):
        code, out, err = run(*args)
        check(code == 2, f"{args}: exit {code}, expected 2\n{err}")
        message = REGISTRIES.expected(message)
        check(message in err, f"{args}: stderr lacks {message!r}:\n{err}")
        check("Traceback" not in err and out == "", f"{args}: output {out!r}")

    base = ["registry", "changes", registry()]
    refused(base + ["--since", "2025-02-30"],
            "gifkit registry changes: --since: '2025-02-30' is not a date in the form YYYY-MM-DD")
    refused(base + ["--since", "2025/3/1"], "(did you mean 2025-03-01?)")
    refused(base + ["--since", "2025-03-11", "--until", "2025-03-01"],
            "--until: '2025-03-01' is before since '2025-03-11'")
    refused(base + ["--since", "2025-03-11", "--kind", "renamed,vanished"],
            "--kind: 'vanished' is not a kind of change; the kinds are new, renamed")
    refused(base + ["--since", "2025-03-11", "--pref", "Tokyo"], "--pref: 'Tokyo' is not a prefecture")
    refused(base + ["--since", "2025-03-11", "--by", "publication"], "--by")
    refused(base, "--since is required")
    refused(["registry", "changes", scratch("none.db"), "--since", "2025-03-11"],
            "none.db")
    with tempfile.TemporaryDirectory() as tmp:
        abr = os.path.join(tmp, "abr.db")
        code, _, err = run("registry", "build", "--out", abr,
                           os.path.join(ARGS.data, "abr", "national"))
        check(code == 0, err)
        refused(["registry", "changes", abr, "--since", "2025-03-11"], "abr.db has no 法人番号 data")
        refused(["validate", "--model", "gif:LegalEntity", "--registry", abr, "--changed-since",
                 "2025-03-01", dataset(tmp)], "abr.db has no 法人番号 data")
        refused(["validate", "--model", "gif:LegalEntity", "--changed-since", "2025-03-01",
                 dataset(tmp)], "--changed-since needs --registry")
        refused(["validate", "--model", "gif:LegalEntity", "--registry", registry(),
                 "--changed-since", "March", dataset(tmp)],
                "--changed-since: 'March' is not a date in the form YYYY-MM-DD")


def dataset(folder):
    """A gif:LegalEntity file: a corporation renamed in the 2025 diff, one of the
    2021 diff only, one merged in 2025 (each as the registry has it now), one
    unknown number."""
    rows = file_rows()
    renamed = next(r for r in rows if r["file"].endswith("sjis.csv") and r["process"] == "11"
                   and r["latest"] == "1" and r["correct"] == "0")
    merged = next(r for r in rows if r["file"].endswith("sjis.csv") and r["process"] == "21"
                  and r["successorCorporateNumber"] and r["latest"] == "1")
    path = os.path.join(folder, "corporations.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("法人番号,商号又は名称,登記住所\n")
        for row in (renamed, {"corporateNumber": "1010001072706", "name": "東京増田医療器株式会社",
                              "prefectureName": "東京都", "cityName": "文京区",
                              "streetNumber": "湯島２丁目６番２号"}, merged):
            f.write(f"{row['corporateNumber']},{row['name']},"
                    f"{row['prefectureName']}{row['cityName']}{row['streetNumber']}\n")
        f.write("1010001072707,東京増田医療器株式会社,東京都文京区湯島２丁目６番２号\n")
    return path


@case("7-validate-changed-since")
def validate_changed_since():
    with tempfile.TemporaryDirectory() as tmp:
        path = dataset(tmp)
        report = os.path.join(tmp, "report.json")
        code, _, err = run("validate", "--model", "gif:LegalEntity", "--registry", registry(),
                           "--changed-since", "2025-03-01", "-f", "json", "-o", report, path)
        check(code == 1, f"exit {code} (the last row's 法人番号 fails its check digit)\n{err}")
        with open(report, encoding="utf-8") as f:
            problems = json.load(f)["tasks"][0]["errors"]
        changed = [p for p in problems if p["code"] == "registry-changed"]
        check([(p["row"], p["column"], p["severity"]) for p in changed]
              == [(2, 1, "warning"), (4, 1, "warning")], f"registry-changed {changed}")
        with open(path, encoding="utf-8") as f:
            renamed_number = f.read().splitlines()[1].split(",")[0]
        check(changed[0]["message"].startswith(
            f"法人番号: {renamed_number} ") and "changed in the registry on or after 2025-03-01: "
            "renamed (11) published 2025-03-11" in changed[0]["message"], changed[0]["message"])
        check("merged (21) published 2025-03-11" in changed[1]["message"]
              and "successorCorporateNumber: " in changed[1]["message"], changed[1]["message"])
        # Its before → after, as the file has it: the name before the rename.
        rows = file_rows()
        renamed = [r for r in rows if r["corporateNumber"] == renamed_number]
        index = next(i for i, r in enumerate(renamed) if r["process"] == "11" and r["latest"] == "1")
        if index > 0:
            check(f"name: {renamed[index - 1]['name']} → {renamed[index]['name']}"
                  in changed[0]["message"], changed[0]["message"])
        # Since 2021-07-14 the 2021 row changes too; the unknown number never does.
        code, out, _ = run("validate", "--model", "gif:LegalEntity", "--registry", registry(),
                           "--changed-since", "2021-07-14", "--pick", "registry-changed",
                           "-f", "json", path)
        rows_changed = [p["row"] for p in json.loads(out)["tasks"][0]["errors"]]
        check(rows_changed == [2, 3, 4], f"rows {rows_changed}")
        check(code == 0, f"exit {code}: warnings do not fail the gate by default")
        code, _, _ = run("validate", "--model", "gif:LegalEntity", "--registry", registry(),
                         "--changed-since", "2021-07-14", "--pick", "registry-changed",
                         "--fail-on", "warning", path)
        check(code == 1, f"--fail-on warning: exit {code}")
        # Without --changed-since nothing is said of changes.
        code, out, _ = run("validate", "--model", "gif:LegalEntity", "--registry", registry(),
                           "-f", "json", path)
        check("registry-changed" not in out, "registry-changed without --changed-since")


@case("8-service-answers-as-the-command")
def service():
    cli, _ = changes("--since", "2025-03-11", "--kind", "merged", "-f", "json")
    expected = json.loads(cli)["events"]
    with Server(ARGS.gifkit, REGISTRIES.served(registry()), data=ARGS.data) as server:
        answer = server.get_json("/v1/changes?since=2025-03-11&kind=merged&limit=1000")
        check(answer["results"] == expected, "results differ from registry changes -f json")
        check(answer["offset"] == 0 and answer["limit"] == 1000 and answer["more"] is False and
              answer["count"] == len(expected) == answer["count_at_least"],
              str({k: v for k, v in answer.items() if k != "results"}))
        page = server.get_json("/v1/changes?since=2025-03-11&kind=merged&limit=10&offset=30")
        check(page["results"] == expected[30:40] and page["more"] is False, "last page")
        page = server.get_json("/v1/changes?since=2025-03-11&kind=merged&limit=10")
        # The first page of many still says how many there are in all (issue #58).
        check(page["results"] == expected[:10] and page["more"] is True and
              page["count"] == len(expected) > 10, f"first page: count {page['count']}")
        beyond = server.get_json(f"/v1/changes?since=2025-03-11&kind=merged&offset={len(expected) + 3}")
        check(beyond["results"] == [] and beyond["count"] == len(expected) and not beyond["more"],
              f"past the end: {beyond}")
        pref = "/v1/changes?since=2021-07-01&by=change&until=2021-07-07&pref=" + \
            urllib.parse.quote("千葉県")
        check(server.get_json(pref)["results"] == ndjson(
            "--since", "2021-07-01", "--by", "change", "--until", "2021-07-07", "--pref", "千葉県"),
            "by change and pref")
        for query, code, text in (
                ("until=2025-03-11", "missing-parameter", "'since' is required"),
                ("since=2025-02-30", "bad-parameter", "'since': '2025-02-30' is not a date"),
                ("since=2025-03-11&until=2025-03-01", "bad-parameter", "is before since"),
                ("since=2025-03-11&kind=vanished", "bad-parameter", "'kind': 'vanished'"),
                ("since=2025-03-11&pref=Tokyo", "bad-parameter", "'pref': 'Tokyo'"),
                ("since=2025-03-11&by=publication", "bad-parameter", "'by' is 'publication'"),
                ("since=2025-03-11&limit=0", "bad-parameter", "limit"),
                ("since=2025-03-11&offset=-1", "bad-parameter", "offset")):
            status, _, body = server.request("GET", "/v1/changes?" + query)
            error = json.loads(body)["error"]
            check(status == 400 and error["code"] == code and text in error["message"],
                  f"{query}: {status} {error}")


@case("9-docs-table-is-the-loaded-table")
def docs_table():
    with open(os.path.join(REPO, "docs", "registry.md"), encoding="utf-8") as f:
        text = f.read()
    section = text.split("### Kinds of change", 1)[1].split("\n#", 1)[0]
    documented = []
    for line in section.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and cells[0][:2].isdigit():
            documented.append((cells[0][:2], "successor" if "successor" in cells[1] else "-",
                               cells[2]))
    check(documented == kinds_table(), f"docs {documented} != table {kinds_table()}")


def latest_states(rows):
    """The current state of each corporation after these rows, as the registry keeps
    it: the corporation's last row (the files keep its rows in date order)."""
    states = {}
    for row in rows:
        states[row["corporateNumber"]] = row
    return states


STATE_COLUMNS = [c for c in COLUMNS if c not in (
    "sequenceNumber", "corporateNumber", "process", "correct", "updateDate", "changeDate",
    "latest")]


def expected_registry_kinds(old, new):
    """What diff --registries must call each corporation whose state differs, worked out
    from the two states as docs/diff.md says (the change table's kinds)."""
    by_process = {process: kind for process, when, kind in kinds_table() if when == "-"}
    successor_kind = next(kind for process, when, kind in kinds_table()
                          if process == "21" and when == "successor")
    expected = {}
    for number, after in new.items():
        before = old.get(number)
        if before is None:
            kinds = [by_process["01"]]
            if after["process"] == "99":
                kinds.append(by_process["99"])
            elif after["closeDate"]:
                kinds.append(successor_kind if after["successorCorporateNumber"]
                             else by_process["21"])
            expected[number] = kinds
            continue
        changed = [c for c in STATE_COLUMNS if before[c] != after[c]]
        if not changed:
            continue
        kinds = []

        def add(kind):
            if kind not in kinds:
                kinds.append(kind)
        if after["process"] == "99" and before["process"] != "99":
            add(by_process["99"])
        if "name" in changed:
            add(by_process["81" if after["process"] == "81" else "11"])
        if any(c in changed for c in ("prefectureName", "cityName", "streetNumber")):
            add(by_process["12"])
        if "addressOutside" in changed:
            add(by_process["13"])
        if after["closeDate"] and (not before["closeDate"] or "closeDate" in changed):
            add(successor_kind if after["successorCorporateNumber"] else by_process["21"])
        if before["closeDate"] and not after["closeDate"]:
            add(by_process["22"])
        if "changeCause" in changed and after["process"] in ("71", "72"):
            add(by_process[after["process"]])
        expected[number] = kinds or ["changed"]
    for number in old:
        if number not in new:
            expected[number] = ["removed"]
    return expected


def registry_diff(*args):
    return run("diff", "--registries", registry_2021(), registry(), *args)


def check_registry_diff(old_db, old_rows, new_rows, least):
    """diff --registries OLD_DB against the fixture's build: every corporation whose
    state differs, with the kinds and fields the rows of the files give; least: the
    smallest count of each kind these files must show."""
    old, new = latest_states(old_rows), latest_states(new_rows)
    expected = expected_registry_kinds(old, new)
    code, out, err = run("diff", "--registries", old_db, registry(), "-f", "ndjson")
    check(code == 1, f"exit {code} (two builds that differ: 1)\n{err}")
    found = [json.loads(line) for line in out.splitlines()]
    check(all(c["part"] == "corporations" for c in found), "a part other than corporations")
    got = {c["key"]: c["kinds"] for c in found}
    check(len(got) == len(found), "a corporation listed twice")
    missing = sorted(set(expected) - set(got))[:5]
    extra = sorted(set(got) - set(expected))[:5]
    check(not missing and not extra, f"missing {missing}, not expected {extra}")
    wrong = [(n, got[n], expected[n]) for n in expected if got[n] != expected[n]][:5]
    check(not wrong, f"kinds differ (number, found, expected): {wrong}")
    check([c["key"] for c in found] == sorted(got), "not in the order of the number")
    # Every changed field as the files say, before and after.
    for change in found:
        before, after = old.get(change["key"]), new[change["key"]]
        if before is None:
            check(not change["inOld"] and change["inNew"], f"{change['key']}: inOld/inNew")
            check(all(f["after"] == after[f["field"]] and f["before"] == ""
                      for f in change["fields"]), f"{change['key']}: fields of a new one")
            continue
        differ = [c for c in STATE_COLUMNS if before[c] != after[c]]
        check([f["field"] for f in change["fields"]] == differ,
              f"{change['key']}: fields {[f['field'] for f in change['fields']]} != {differ}")
        for f in change["fields"]:
            check(f["before"] == before[f["field"]] and f["after"] == after[f["field"]],
                  f"{change['key']} {f['field']}: {f}")
    counts = collections.Counter(k for kinds in expected.values() for k in kinds)
    short = {k: (counts[k], n) for k, n in least.items() if counts[k] < n}
    check(not short, f"kinds these files must show (found, least): {short}")
    _, text, _ = run("diff", "--registries", old_db, registry())
    summary = text.splitlines()[-1]
    unchanged = sum(1 for n in old if n in new and n not in expected)
    check(summary.startswith("corporations: ") and f"{unchanged:,} unchanged" in summary
          and f"{len(old):,} records in OLD, {len(new):,} in NEW" in summary,
          f"summary {summary!r} (unchanged {unchanged}, {len(old)} → {len(new)})")
    for kind, count in counts.items():
        check(f"{count:,} {kind}" in summary, f"{kind} {count} not in {summary!r}")
    return found


@case("10-registry-diff-2021-and-2025-as-the-files-say")
def registry_diff_as_the_files_say():
    rows = file_rows()
    # No corporation of the 2021 diff is in the 2025 one: 2,177 new, some of them
    # already closed, merged or deleted when the registry first learns of them.
    check_registry_diff(registry_2021(), [r for r in rows if r["file"] == FILES[0][0]], rows,
                        {"new": 2177, "closed": 1, "merged": 1, "deleted": 1})


@case("11-registry-diff-first-rows-as-the-files-say")
def registry_diff_first_rows():
    """OLD: a build from the first row of each corporation of the 2021 diff (the
    state the NTA first published that day), so that NEW's later rows are real
    renames, moves, closures and mergers."""
    rows = file_rows()
    first, seen = [], set()
    for row in rows:
        if row["file"] == FILES[0][0] and row["corporateNumber"] not in seen:
            seen.add(row["corporateNumber"])
            first.append(row)
    source = scratch("first-rows.csv")
    with open(source, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([[r[c] for c in COLUMNS] for r in first])
    old_db = scratch("first-rows.db")
    code, _, err = run("registry", "build", "--out", old_db, source)
    check(code == 0, f"registry build: {err}")
    found = check_registry_diff(old_db, first, rows,
                                {"new": 2177, "renamed": 1, "moved": 1, "closed": 1})
    named = next(c for c in found if c["key"] == "1010401096288")
    check(named["kinds"] == ["renamed", "moved"], f"1010401096288: {named['kinds']}")
    check({"field": "name", "before": "日本エムアイ株式会社", "after": "ＮＳＩ－ＭＩジャパン株式会社"}
          in named["fields"], f"1010401096288 fields {named['fields']}")


@case("12-registry-diff-formats-and-equal")
def registry_diff_formats():
    code, out, _ = registry_diff("-f", "json")
    document = json.loads(out)
    code_nd, lines, _ = registry_diff("-f", "ndjson")
    check(code == code_nd == 1, "exit codes")
    check(document["changes"] == [json.loads(line) for line in lines.splitlines()],
          "json and ndjson differ")
    check(document["oldDataDate"] == "2021-07-14" and document["newDataDate"] == "2025-03-11",
          f"data dates {document['oldDataDate']} {document['newDataDate']}")
    check(document["equal"] is False, "equal")
    _, table, _ = registry_diff("-f", "csv")
    records = list(csv.DictReader(io.StringIO(table)))
    check(len(records) == sum(max(1, len(c["fields"])) for c in document["changes"]),
          "csv: a row a field")
    first = document["changes"][0]
    check(records[0]["key"] == first["key"] and records[0]["kinds"] == " ".join(first["kinds"]),
          "csv first row")
    # The same build twice is equal: exit 0, no change.
    code, text, err = run("diff", "--registries", registry(), registry())
    check(code == 0, f"the same build twice: exit {code} {err}")
    check("corporations: no change" in text, f"text {text!r}")
    # -o writes atomically; the summary goes to stderr.
    out_path = scratch("registry-diff.csv")
    code, _, err = registry_diff("-f", "csv", "-o", out_path)
    check(code == 1 and open(out_path, encoding="utf-8").read() == table, "-o")
    check("corporations: " in err, f"stderr {err!r}")


@case("13-registry-diff-bad-input")
def registry_diff_bad_input():
    for args, message in [
            (["--registry-part", "people"], "not a part"),
            (["--registry-part", "abr"], "holds abr data"),
            (["--key", "法人番号"], "--key compares datasets"),
            (["-f", "html"], "--format html is for datasets")]:
        code, _, err = registry_diff(*args)
        check(code == 2 and message in err, f"{args}: exit {code} {err!r}")
    code, _, err = run("diff", "--registries", registry(), scratch("nothing.db"))
    check(code == 2 and REGISTRIES.expected("nothing.db") in err,
          f"missing build: exit {code} {err!r}")
    # A registry of another schema version is refused, naming it.
    other = scratch("other-version.db")
    shutil.copyfile(registry_2021(), other)
    REGISTRIES.change(other, "UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    code, _, err = run("diff", "--registries", other, registry())
    check(code == 2 and REGISTRIES.expected("other-version.db") in err,
          f"old schema: exit {code} {err!r}")
    code, _, err = run("diff", "--registry-part", "abr", registry_2021(), registry())
    check(code == 2 and "--registry-part needs --registries" in err, f"part alone: {err!r}")


def abr_town_rows():
    import zipfile
    with zipfile.ZipFile(os.path.join(ARGS.data, "abr", "bunkyo", "mt_town_all.csv.zip")) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        text = z.read(name).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def build_abr(name, rows):
    folder = scratch(name)
    os.makedirs(folder, exist_ok=True)
    source = os.path.join(folder, "mt_town_all.csv")
    with open(source, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    db = scratch(name + ".db")
    code, _, err = run("registry", "build", "--out", db, source)
    check(code == 0, f"registry build {name}: {err}")
    return db


@case("14-registry-diff-abr-towns")
def registry_diff_abr():
    rows = abr_town_rows()
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    old_db = build_abr("abr-old", rows)
    # The next build: 白山一丁目 abolished (廃止日 set), 白山二丁目 renamed, the third 町字
    # gone, one 町字 added.
    new_body = [list(r) for r in body]
    abolished, renamed, removed = new_body[0], new_body[1], new_body[2]
    abolished[col["ablt_date"]] = "2026-04-01"
    renamed_from = renamed[col["oaza_cho"]]
    renamed[col["oaza_cho"]] = "新白山"
    added = list(new_body[3])
    added[col["machiaza_id"]] = "0999001"
    added[col["oaza_cho"]] = "試験町"
    new_body = [r for r in new_body if r is not removed] + [added]
    new_db = build_abr("abr-new", [header] + new_body)
    code, out, err = run("diff", "--registries", old_db, new_db, "-f", "ndjson")
    check(code == 1, f"exit {code} {err}")
    found = {(c["key"], tuple(c["kinds"])) for c in map(json.loads, out.splitlines())}

    def key(row):
        return row[col["lg_code"]] + "/" + row[col["machiaza_id"]] + (
            " (住居表示)" if row[col["rsdt_addr_flg"]] == "1" else "")
    expected = {(key(abolished), ("abolished",)), (key(renamed), ("renamed",)),
                (key(removed), ("removed",)), (key(added), ("added",))}
    check(found == expected, f"found {sorted(found)} expected {sorted(expected)}")
    change = next(json.loads(line) for line in out.splitlines()
                  if json.loads(line)["kinds"] == ["renamed"])
    check(change["fields"] == [{"field": "oaza_cho", "before": renamed_from, "after": "新白山"}],
          f"renamed fields {change['fields']}")
    code, text, _ = run("diff", "--registries", old_db, new_db)
    check(f"abr: 1 abolished, 1 added, 1 removed, 1 renamed ({len(body):,} records in OLD, "
          f"{len(new_body):,} in NEW; {len(body) - 3:,} unchanged)" in text, f"summary {text!r}")
    # --registry-part characters: neither build has character data.
    code, _, err = run("diff", "--registries", old_db, new_db, "--registry-part", "characters")
    check(code == 2 and "holds characters data" in err, f"characters: {code} {err!r}")


@case("15-registry-diff-characters")
def registry_diff_characters():
    source = os.path.join(ARGS.data, "moji", "jisx0213-2004-8bit-std.txt")
    with open(source, encoding="utf-8") as f:
        lines = f.readlines()
    places = [i for i, line in enumerate(lines) if line.startswith("0x") and "\tU+" in line]
    dropped = [lines[i] for i in places[100:103]]
    old_lines = [line for i, line in enumerate(lines) if i not in places[100:103]]
    folder = scratch("moji-old")
    os.makedirs(folder, exist_ok=True)
    old_source = os.path.join(folder, "jisx0213-2004-8bit-std.txt")
    with open(old_source, "w", encoding="utf-8") as f:
        f.writelines(old_lines)
    dbs = []
    for name, path in (("moji-old.db", old_source), ("moji-new.db", source)):
        db = scratch(name)
        code, _, err = run("registry", "build", "--out", db, path)
        check(code == 0, f"registry build {name}: {err}")
        dbs.append(db)
    code, out, err = run("diff", "--registries", *dbs, "-f", "ndjson")
    check(code == 1, f"exit {code} {err}")
    found = [json.loads(line) for line in out.splitlines()]
    check(len(found) == 3 and all(c["kinds"] == ["added"] and c["table"] == "moji_jis"
                                  and c["part"] == "characters" for c in found), f"{found}")
    # Each added place is a dropped line's: 0xA4A2 → plane 1, row 4, cell 2 (EUC rows +0xA0).
    for change, line in zip(found, dropped):
        code_point = line.split("\t")[1].split()[0]
        check(change["label"] == chr(int(code_point[2:].split("+")[0], 16)),
              f"{change} for {line!r}")


def build():
    if os.path.exists(registry()):
        return 0
    os.makedirs(ARGS.work, exist_ok=True)
    tmp = registry() + ".building"
    for path in (tmp, tmp + "-journal"):
        if os.path.exists(path):
            os.remove(path)
    (first, _), (second, _) = FILES
    code, _, err = run("registry", "build", "--out", tmp, os.path.join(ARGS.data, SAMPLES, first))
    check(code == 0, f"registry build: {err}")
    # The build before the update, for diff --registries (26.10–26.13).
    shutil.copyfile(tmp, registry_2021())
    code, _, err = run("registry", "update", tmp, os.path.join(ARGS.data, SAMPLES, second))
    check(code == 0, f"registry update: {err}")
    os.replace(tmp, registry())
    return 0


def names():
    """The cases this run lists: on a server, those that read a registry."""
    if registry_backend.on_server():
        return registry_backend.server_cases(list(CASES), NO_REGISTRY)
    return list(CASES)


def ready(args):
    global ARGS
    ARGS = args
    if not os.path.isdir(os.path.join(ARGS.data, SAMPLES)):
        raise Skipped(f"shared data not found at {ARGS.data}")
    if ARGS.case and ARGS.case not in names():
        raise Skipped(f"not on a server: {NO_REGISTRY[ARGS.case]}")


def on_the_registry(function):
    """A case, run with the built registry on the run's backend and a scratch folder."""
    def run(_args):
        global REGISTRIES, SCRATCH
        if not os.path.exists(registry()):
            build()
        with registry_backend.registries(ARGS.gifkit) as REGISTRIES, \
                tempfile.TemporaryDirectory(prefix="gifkit-changes-") as SCRATCH:
            function()
    return run


def main():
    return run_script({name: on_the_registry(function) for name, function in CASES.items()},
                      {"build": lambda _args: build()}, names=names(), before=ready)


if __name__ == "__main__":
    sys.exit(main())
