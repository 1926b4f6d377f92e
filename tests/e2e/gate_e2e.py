#!/usr/bin/env python3
"""gate_e2e.py — 37.x: the report a steward reads and the gate a CI engineer tunes (issue #31
parts 2 and 3), the real binary on a list of corporations built from the NTA's real 法人番号
records (../shared/data/houjin), named as a portal names its download, with the faults real
exports have: 設立年月日 in 和暦 on half of the rows, three unknown 組織種別 codes.
  - findings grouped by code and column: the text report stays short and names every code,
    its count and its rows; --max-errors N lists N of each code in each column, never hiding one;
  - every problem carries its row's key (the model's 法人番号, or --key's columns);
  - --severity, --max-error-rate, --baseline and gifkit.toml decide the exit code;
  - bad settings are usage errors (exit 2) that say what was expected.
Each case is one function; `--list` names them, `--case NAME` runs one (exit 0 pass, 1 fail,
77 skipped: no shared data)."""
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import case_runner  # noqa: E402
from case_runner import check  # noqa: E402

ROOM = "validate"  # the room these cases cover (tests/rooms.txt)

HOUJIN = os.path.join("houjin", "samples", "code4fukui_gBizINFO_diff_20210714_utf8.csv")
LIST = "131059_houjin_list_2024.csv"  # as a city's open-data portal names it
HEADER = ["法人番号", "商号又は名称", "商号又は名称（カナ）", "組織種別", "設立年月日"]


def wareki(iso):
    """2015-10-05 → 平成27年10月5日; 2021-07-01 → 令和3年7月1日 (as forms write them)."""
    year, month, day = (int(part) for part in iso.split("-"))
    if (year, month, day) >= (2019, 5, 1):
        return f"令和{year - 2018}年{month}月{day}日"
    return f"平成{year - 1988}年{month}月{day}日"


class Env(case_runner.Env):
    def corporations(self, count):
        """count distinct corporations of the real NTA file: [法人番号, 商号, カナ, 種別, 設立]."""
        rows, seen = [], set()
        with open(os.path.join(self.data, HOUJIN), encoding="utf-8", newline="") as f:
            for record in csv.reader(f):
                if record[1] in seen or not record[28] or not record[22]:
                    continue
                seen.add(record[1])
                rows.append([record[1], record[6], record[28], record[8], record[22]])
                if len(rows) == count:
                    break
        check(len(rows) == count, f"the NTA sample has {len(rows)} usable rows, not {count}")
        return rows

    def write_list(self, rows, name=LIST):
        os.makedirs(os.path.dirname(self.path(name)) or self.tmp, exist_ok=True)
        with open(self.path(name), "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows([HEADER] + rows)
        return name

    def faulty_list(self, count=2000, name=LIST):
        """count rows; 設立年月日 in 和暦 on every other row (invalid-format on half the rows),
        組織種別 999 on three rows (not-in-code-list). Returns (file name, rows)."""
        rows = self.corporations(count)
        for i, row in enumerate(rows):
            if i % 2 == 0:
                row[4] = wareki(row[4])
        for i in (150, 160, 170):
            rows[i][3] = "999"
        return self.write_list(rows, name), rows

    def report(self, *args, exit_code=1):
        """The json report's first task; exit_code None: any exit but 2."""
        code, out, err = self.run("validate", "-f", "json", *args)
        check(code == exit_code if exit_code is not None else code in (0, 1),
              f"exit {code}, expected {exit_code}: {err}")
        return json.loads(out)["tasks"][0]


def case_text_report_is_short_and_names_every_code(env):
    name, _ = env.faulty_list()
    code, text, err = env.run("validate", name)
    check(code == 1, f"exit {code}: {err}")
    task = env.report(name, "--max-errors", "0")
    lines = text.splitlines()
    check(len(lines) < 200, f"the text report has {len(lines)} lines")
    check(task["countsByCode"]["invalid-format"] == 1000, task["countsByCode"])
    for group in task["groups"]:
        check(f"{group['code']}  " in text, f"{group['code']} is not in the text report")
        if group["firstRow"] >= 2 and group["lastRow"] > group["firstRow"]:
            where = f"column {group['column']} {group['field']}: {group['count']}, " \
                    f"rows {group['firstRow']}–{group['lastRow']}"
            check(where in text, f"the text report lacks {where!r}")
    check("column 5 設立年月日: 1000, rows 2–2000" in text, text[:2000])
    check("… and 995 more" in text, "the samples do not say how many more there are")
    check("row 2  法人番号 " in text, "a sample does not name its row's 法人番号")


def case_wide_file_of_many_faults_stays_a_page(env):
    """A 指定緊急避難場所一覧 (39 items) whose cells hold what forms get wrong, in every column:
    44 groups of 6 codes; the text report names each group's count and rows in < 200 lines,
    the samples cut evenly to fit."""
    from cases.columns import EVACUATION_HEADER
    values = ["ＡＢＣ１２３", "北緯36度", "約100人", "○", "03-1234-5678", "１", "http//x",
              "2024/4/1", ""]
    name = "ishikawa-pref_170003_evacuation_space.csv"
    with open(env.path(name), "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(EVACUATION_HEADER)
        for r in range(300):
            writer.writerow([values[(r + i) % len(values)] for i in range(len(EVACUATION_HEADER))])
    code, text, err = env.run("validate", name)
    check(code == 1, f"exit {code}: {err}")
    lines = text.splitlines()
    check(len(lines) < 200, f"the text report has {len(lines)} lines")
    task = env.report(name)
    check(len(task["groups"]) >= 40, f"only {len(task['groups'])} groups")
    for group in task["groups"]:
        head = f"column {group['column']} {group['field']}: {group['count']}" \
            if group["column"] else "whole "
        check(head in text, f"the text report lacks {head!r}")
    samples = [line for line in lines if line.startswith("      row ")]
    # (5: the address's own groups — its full-width numbers, its parts and its 都道府県 — and
    # the key's (ID empty in rows) take their lines of the page too.)
    check(len(samples) >= 5, f"only {len(samples)} samples shown")


def case_max_errors_lists_n_of_each_code_and_column(env):
    name, _ = env.faulty_list()
    task = env.report(name, "--max-errors", "1")
    check(task["truncated"], "more were found than listed, but truncated is false")
    listed = {}
    for problem in task["errors"]:
        key = (problem["code"], problem["column"])
        listed[key] = listed.get(key, 0) + 1
    for group in task["groups"]:
        key = (group["code"], group["column"])
        check(listed.get(key) == 1 == group["listed"], f"{key}: {listed.get(key)} listed")
    check(set(task["countsByCode"]) == {c for c, _ in listed},
          f"a code is hidden: {set(task['countsByCode'])} vs {listed}")
    check(task["groups"][0]["count"] >= 1, task["groups"])


def case_every_problem_carries_its_rows_key(env):
    name, rows = env.faulty_list(count=300)
    task = env.report(name)
    check(task.get("keyFields") == ["法人番号"], task.get("keyFields"))
    data_rows = [p for p in task["errors"] if p["row"] >= 2]
    check(len(data_rows) == 153, f"{len(data_rows)} problems of data rows")
    for problem in data_rows:
        expected = rows[problem["row"] - 2][0]
        check(problem.get("key") == {"法人番号": expected},
              f"row {problem['row']}: key {problem.get('key')}, expected {expected}")
    header = [p for p in task["errors"] if p["row"] == 1]
    check(header and all("key" not in p for p in header), "a header problem has a key")
    # the streaming formats carry it too
    _, out, _ = env.run("validate", "-f", "ndjson", name)
    streamed = [json.loads(line) for line in out.splitlines()]
    streamed = [p for p in streamed if p["type"] == "problem" and p["row"] >= 2]
    check(len(streamed) == 153 and all(p["key"] == {"法人番号": rows[p["row"] - 2][0]}
                                       for p in streamed), "ndjson problems without their key")
    _, out, _ = env.run("validate", "-f", "github", name)
    first = next(line for line in out.splitlines() if "title=invalid-format" in line)
    check(f"[法人番号 {rows[0][0]}]" in first, first)


def case_key_option_names_other_columns(env):
    name, rows = env.faulty_list(count=300)
    task = env.report(name, "--key", "商号又は名称", "--key", "組織種別")
    check(task.get("keyFields") == ["商号または名称", "組織種別"], task.get("keyFields"))
    problem = next(p for p in task["errors"] if p["code"] == "not-in-code-list")
    row = rows[problem["row"] - 2]
    check(problem["key"] == {"商号または名称": row[1], "組織種別": "999"}, problem["key"])
    code, _, err = env.run("validate", name, "--key", "代表者名")
    check(code == 2, f"--key of a column the file lacks: exit {code}")
    check(f"--key: {name} has no column 代表者名" in err, err)


def case_severity_changes_what_fails(env):
    name, _ = env.faulty_list(count=300)
    task = env.report(name, "--severity", "invalid-format=warning")  # 組織種別 still fails
    check(all(p["severity"] == "warning" for p in task["errors"] if p["code"] == "invalid-format"),
          "invalid-format is not reported as a warning")
    check(task["stats"]["errors"] == 3, task["stats"])
    task = env.report(name, "--severity", "invalid-format=warning", "--severity",
                      "not-in-code-list=off", exit_code=0)
    check("not-in-code-list" not in task["countsByCode"], task["countsByCode"])
    check(task["gate"] == "passed: no error", task["gate"])
    env.report(name, "--severity", "invalid-format=warning", "--severity", "not-in-code-list=off",
               "--fail-on", "warning", exit_code=1)
    for bad, says in (("no-such-code=error", "no-such-code"),
                      ("file-error=off", "file-error keeps its severity"),
                      ("invalid-format=fatal", "expected CODE=error")):
        code, _, err = env.run("validate", name, "--severity", bad)
        check(code == 2 and says in err, f"--severity {bad}: exit {code}, {err!r}")


def case_max_error_rate_tolerates_a_share_of_rows(env):
    name, _ = env.faulty_list(count=400)  # invalid-format on 200 of 400 rows: 50 %
    off = ("--severity", "not-in-code-list=off")
    task = env.report(name, *off, "--max-error-rate", "invalid-format=60", exit_code=0)
    check(task["gate"] == "passed: tolerated: invalid-format 200 (50.00% of rows ≤ 60%)",
          task["gate"])
    task = env.report(name, *off, "--max-error-rate", "invalid-format=40")
    check("invalid-format 200 (50.00% of rows > 40%)" in task["gate"], task["gate"])
    env.report(name, *off, "--max-error-rate", "all=50", exit_code=0)
    env.report(name, *off, "--max-error-rate", "all=49.9")
    # the code's own share wins over all's; without it, 組織種別 fails again
    env.report(name, "--max-error-rate", "all=1", "--max-error-rate", "invalid-format=50")
    env.report(name, "--max-error-rate", "all=51", exit_code=0)
    for bad in ("invalid-format=150", "invalid-format", "nonsense-code=5"):
        code, _, err = env.run("validate", name, "--max-error-rate", bad)
        check(code == 2 and "--max-error-rate" in err, f"--max-error-rate {bad}: exit {code} {err!r}")


def case_max_error_rate_counts_every_row_of_a_shifted_block(env):
    """One columns-shifted finding stands for the 3 rows of its block (of 6): 50 % of the rows,
    not 1 of 6 — a rate of 40 % must not pass it."""
    from cases.columns import SHIFTED, EVACUATION, write_evacuation
    write_evacuation(SHIFTED)(env.tmp)
    task = env.report(EVACUATION, "--max-error-rate", "columns-shifted=40")
    check(task["gate"] == "failed: errors: columns-shifted 1 (50.00% of rows > 40%)", task["gate"])
    check(task["groups"][0]["rows"] == 3, task["groups"])
    env.report(EVACUATION, "--max-error-rate", "columns-shifted=50", exit_code=0)


def case_baseline_fails_only_on_new_problems(env):
    name, rows = env.faulty_list(count=300)
    code, _, err = env.run("validate", "-f", "json", "-o", "accepted.json", name)
    check(code == 1, f"the baseline run: exit {code} {err}")
    task = env.report(name, "--baseline", "accepted.json", exit_code=0)
    check(task["baseline"]["new"] == 0 and task["baseline"]["unchanged"] == len(task["errors"]) == 155,
          task["baseline"])
    check(task["gate"] == "passed: no error new since the baseline", task["gate"])
    # rows added above the old ones, one old fault fixed, one new fault: one new, one absent
    rows = env.corporations(310)[300:] + rows
    rows[13][4] = "2019-02-30"  # a new fault (invalid-value) in a row that had none
    fixed = rows[160][3]
    rows[160][3] = "301"  # 組織種別 999 of the old row 151 fixed
    check(fixed == "999", "the fixture moved")
    env.write_list(rows, name)
    task = env.report(name, "--baseline", "accepted.json")
    check(task["baseline"]["new"] == 1, task["baseline"])
    check(len(task["baseline"]["absent"]) == 1, task["baseline"])
    check(task["baseline"]["absent"][0]["code"] == "not-in-code-list", task["baseline"])
    new = [p for p in task["errors"] if p.get("baselineState") == "new"]
    check(len(new) == 1 and new[0]["code"] == "invalid-value" and new[0]["row"] == 15, new)
    check("failed: errors new since the baseline: invalid-value 1" in task["gate"], task["gate"])
    code, text, _ = env.run("validate", name, "--baseline", "accepted.json")
    check("baseline " in text and "1 new, 154 unchanged, 1 no longer found" in text, text[:800])
    env.write("not-a-report.json", '{"rows": []}')
    code, _, err = env.run("validate", name, "--baseline", "not-a-report.json")
    check(code == 2 and "is not a gifkit validate report" in err, f"exit {code} {err!r}")


def case_sarif_and_gitlab_follow_findings_not_rows(env):
    """SARIF's baselineState (new / unchanged / absent) and partialFingerprints, GitLab's
    fingerprints: a finding keeps its fingerprint when rows are added above it."""
    name, rows = env.faulty_list(count=200)
    code, before, err = env.run("validate", "-f", "gitlab", name)
    check(code == 1, f"exit {code}: {err}")
    env.run("validate", "-f", "json", "-o", "accepted.json", name)
    rows = env.corporations(205)[200:] + rows  # five rows added on top
    rows[6][4] = "2019-02-30"                  # a new fault
    rows[155][3] = "301"                       # 組織種別 999 of the old row 152 fixed
    env.write_list(rows, name)
    code, after, _ = env.run("validate", "-f", "gitlab", name)
    old = {i["fingerprint"] for i in json.loads(before)}
    new = [i for i in json.loads(after) if i["fingerprint"] not in old]
    check(len(new) == 1 and new[0]["check_name"] == "invalid-value", f"new in gitlab: {new}")
    check(len(old - {i["fingerprint"] for i in json.loads(after)}) == 1, "the fixed one")
    code, out, err = env.run("validate", "-f", "sarif", "--baseline", "accepted.json", name)
    check(code == 1, f"exit {code}: {err}")
    results = json.loads(out)["runs"][0]["results"]
    states = {}
    for result in results:
        states[result.get("baselineState")] = states.get(result.get("baselineState"), 0) + 1
        check(len(result["partialFingerprints"]["gifkitFinding/v2"]) == 64, result)
    check(states == {"new": 1, "unchanged": 104, "absent": 1}, states)
    absent = next(r for r in results if r["baselineState"] == "absent")
    check(absent["ruleId"] == "not-in-code-list", absent)
    check(absent["properties"]["key"] == {"法人番号": rows[155][0]}, absent["properties"])


def case_gifkit_toml_states_the_gate_once(env):
    env.faulty_list(count=400, name="data/" + LIST)
    env.faulty_list(count=400, name="strict/" + LIST)
    env.write("gifkit.toml", "# the gate of this repository's data\n"
                             "[validate]\n"
                             "severity = { not-in-code-list = \"off\" }\n"
                             "max-error-rate = { invalid-format = 60 }\n\n"
                             "[[validate.paths]]\n"
                             "pattern = \"strict/*.csv\"\n"
                             "max-error-rate = { invalid-format = 0 }\n")
    code, _, err = env.run("validate", "data/" + LIST)
    check(code == 0, f"data/: exit {code}: {err}")
    check("gifkit.toml were applied" in err, err)
    code, _, err = env.run("validate", "strict/" + LIST)
    check(code == 1, f"strict/: exit {code}")
    code, _, _ = env.run("validate", "data/" + LIST, "--max-error-rate", "invalid-format=10")
    check(code == 1, f"the command line does not win over the file: exit {code}")
    code, _, _ = env.run("validate", "--no-config", "data/" + LIST)
    check(code == 1, f"--no-config still read the file: exit {code}")
    os.makedirs(env.path("sub"))
    env.write(".gifkit.toml", "[validate]\nfail-on = \"warning\"\nmax-errors = 3\n")
    code, _, err = env.run("validate", "--config", ".gifkit.toml", "data/" + LIST)
    check(code == 2 and ".gifkit.toml:3:" in err and "unknown key max-errors" in err, f"exit {code} {err!r}")
    env.write("gifkit.toml", "[validate]\nseverity = { invalid-format = \"loud\" }\n")
    code, _, err = env.run("validate", "data/" + LIST)
    check(code == 2 and "gifkit.toml:2:" in err and "expected \"error\"" in err,
          f"exit {code} {err!r}")
    env.write("gifkit.toml", "[validate\n")
    code, _, err = env.run("validate", "data/" + LIST)
    check(code == 2 and "gifkit.toml:1:" in err, f"exit {code} {err!r}")



def accepted_findings(path, fmt):
    """(listed problems, cut short?) of the report at path written with -f fmt."""
    with open(path, encoding="utf-8") as f:
        if fmt == "json":
            task = json.load(f)["tasks"][0]
            return task["errors"], task["truncated"]
        if fmt == "ndjson":
            lines = [json.loads(line) for line in f if line.strip()]
            summary = next(line for line in lines if line["type"] == "summary")
            return [line for line in lines if line["type"] == "problem"], summary["truncated"]
        results = json.load(f)["runs"][0]["results"]
        problems = [dict(r["properties"], code=r["ruleId"]) for r in results]
        listed = {}
        for r in results:
            group = (r["ruleId"], r["properties"].get("field"))
            listed[group] = listed.get(group, 0) + 1
        cut = any(r["properties"].get("group", {}).get("count", 0) >
                  listed[(r["ruleId"], r["properties"].get("field"))] for r in results)
        return problems, cut


def case_each_real_file_passes_against_its_own_baseline(env):
    """A file validated against a report of itself has nothing new (issue #54): every file of
    ../shared/data/opendata-real/, among them those whose model key has two parts
    (全国地方公共団体コード + ID, 都道府県コード又は市区町村コード + NO) — a report's key object is
    read back with its names in another order than the run gives them; the finding is the same —
    whatever format accepted it (json, ndjson, sarif: a finding's identity does not depend on the
    format), and a report cut short by --max-errors 1, whose unlisted findings are counted by code
    and column."""
    real = os.path.join(env.data, "opendata-real")
    files = sorted(os.path.join(folder, name) for folder, _, names in os.walk(real)
                   for name in names if name.endswith((".csv", ".xlsx")))
    check(len(files) >= 12, f"opendata-real holds {len(files)} files")
    two_part_keys = {"json": 0, "ndjson": 0, "sarif": 0}
    cut_short = dict(two_part_keys)
    for path in files:
        for fmt in ("json", "ndjson", "sarif"):
            for accepted_with in ([], ["--max-errors", "1"]):
                accepted = "accepted." + fmt
                code, _, err = env.run("validate", "-f", fmt, "-o", accepted, *accepted_with,
                                       path)
                if code == 2:
                    continue  # refused (no model fits): no baseline to hold
                problems, cut = accepted_findings(env.path(accepted), fmt)
                two_part_keys[fmt] += any(len(p.get("key", {})) >= 2 for p in problems)
                cut_short[fmt] += cut
                code, out, err = env.run("validate", "-f", "json", "--baseline", accepted, path)
                task = json.loads(out)["tasks"][0]
                name = f"{os.path.basename(path)} -f {fmt} {' '.join(accepted_with)}"
                check("baseline" in task, f"{name}: no baseline in the report: {err!r}")
                counts = (f"{task['baseline']['new']} new, {task['baseline']['unchanged']} "
                          f"unchanged, {len(task['baseline']['absent'])} no longer found")
                check(code == 0, f"{name} against its own baseline: exit {code}, {counts}")
                check(task["baseline"]["new"] == 0 and not task["baseline"]["absent"],
                      f"{name}: {counts}")
                check(task["baseline"]["unchanged"] == task["stats"]["errors"] +
                      task["stats"]["warnings"] + task["stats"]["infos"],
                      f"{name}: {task['baseline']['unchanged']} unchanged of {task['stats']}")
    for fmt in two_part_keys:
        check(two_part_keys[fmt] >= 3,
              f"-f {fmt}: only {two_part_keys[fmt]} reports with a two-part key were tried")
        check(cut_short[fmt] >= 3,
              f"-f {fmt}: only {cut_short[fmt]} reports were cut short by --max-errors")


def case_a_baseline_that_is_no_report_is_a_usage_error(env):
    """--baseline naming a file that is no report of gifkit validate (a CSV, a JSON of another
    shape, a broken ndjson line) is refused with what was expected (exit 2)."""
    name, _ = env.faulty_list(count=200)
    env.write("not-a-report.json", "{\"results\": []}\n")
    env.write("broken.ndjson", '{"type":"problem","code":"invalid-format"}\n{"type":\n')
    # A report's shape with members of another type (found by fuzz_baseline: the JSON
    # library's own words came out, without the file).
    env.write("path-is-number.json", '{"tasks":[{"path":5}]}\n')
    env.write("code-is-number.ndjson", '{"type":"problem","path":"a.csv","code":7}\n')
    env.write("location-is-number.sarif", '{"runs":[{"results":[{"locations":[1]}]}]}\n')
    for baseline, says in ((name, "is not JSON"), ("not-a-report.json", "\"tasks\" array"),
                           ("broken.ndjson", "broken.ndjson:2: not a JSON line"),
                           ("path-is-number.json", "path-is-number.json: not a gifkit validate report"),
                           ("code-is-number.ndjson", "code-is-number.ndjson:1: not a gifkit validate report"),
                           ("location-is-number.sarif", "location-is-number.sarif: not a gifkit validate report")):
        code, out, err = env.run("validate", "--baseline", baseline, name)
        check(code == 2 and says in err, f"--baseline {baseline}: exit {code} {err!r}")
        check(out == "", f"--baseline {baseline}: a report was written: {out[:200]!r}")


def case_a_registry_code_without_a_registry_is_a_usage_error(env):
    """--pick, --severity or --max-error-rate naming a code only a registry gives, with no
    --registry: the check cannot run, so the run is refused (exit 2) instead of passing unchecked
    (issue #54); a gifkit.toml naming one is not (one file serves runs with and without a
    registry)."""
    name, _ = env.faulty_list(count=200)
    for args in (["--pick", "not-in-registry"], ["--pick", "invalid-format,closed-corporation"],
                 ["--severity", "registry-mismatch=off"],
                 ["--max-error-rate", "registry-changed=5"]):
        code, out, err = env.run("validate", *args, name)
        check(code == 2, f"{args}: exit {code} {err!r}")
        check(f"gifkit validate: {args[0]}: " in err and "only with --registry" in err and
              "nothing was checked" in err, f"{args}: {err!r}")
        check(out == "", f"{args}: a report was written: {out[:200]!r}")
    code, _, err = env.run("validate", "--pick", "invalid-format", name)
    check(code == 1, f"--pick invalid-format: exit {code} {err!r}")
    env.write("gifkit.toml", "[validate]\nseverity = { not-in-registry = \"warning\" }\n")
    code, _, err = env.run("validate", name)
    check(code == 1 and "only with --registry" not in err, f"gifkit.toml: exit {code} {err!r}")

def case_a_header_without_rows_fails_in_every_format(env):
    """A file with a header and no rows: nothing was checked, so it fails (issue #54: it passed in
    text, github, sarif and junit) — in every output format, with the same finding; --allow-empty
    (a dataset empty on purpose) passes it with a warning."""
    name = env.write_list([], name="131059_houjin_list_empty.csv")
    for fmt in ("text", "json", "ndjson", "github", "gitlab", "sarif", "junit", "html"):
        code, out, err = env.run("validate", "-f", fmt, name)
        check(code == 1, f"-f {fmt}: exit {code}, expected 1 {err!r}")
        check("no-data-rows" in out, f"-f {fmt}: no-data-rows not in the report")
        code, out, err = env.run("validate", "-f", fmt, "--allow-empty", name)
        check(code == 0, f"-f {fmt} --allow-empty: exit {code}, expected 0 {err!r}")
        check("no-data-rows" in out, f"-f {fmt} --allow-empty: the finding is not reported")
    def found(task):
        return [(p["code"], p["severity"]) for p in task["errors"] if p["code"] == "no-data-rows"]
    task = env.report(name)
    check(found(task) == [("no-data-rows", "error")], f"problems {task['errors']}")
    task = env.report("--allow-empty", name, exit_code=0)
    check(found(task) == [("no-data-rows", "warning")], f"--allow-empty: {task['errors']}")
    code, out, _ = env.run("validate", name)
    check("Quality" not in out and "conformity" not in out,
          f"a file without rows has a quality table: {out!r}")
    # A refused file (no model fits: exit 2) was not measured either.
    refused = os.path.join(env.data, "opendata-real", "municipal", "wakayama-pref_tourist_toilets.csv")
    code, out, _ = env.run("validate", refused)
    check(code == 2 and "no-model-fits" in out and "conformity" not in out,
          f"a refused file: exit {code}, {out[-400:]!r}")


def case_conformity_says_which_cells_were_not_checked(env):
    """Conformity counts the rows of what was checked; the cells of columns no item reads are
    said beside it, in text and json (issue #54: a file whose 所在地 was never read reported
    100 % conformity with nothing said)."""
    rows = env.corporations(20)
    with open(env.path("131059_houjin_list_extra.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(
            [HEADER + ["担当者メモ", "備考欄"]] + [row + ["確認済み", ""] for row in rows])
    task = env.report("131059_houjin_list_extra.csv", exit_code=None)
    check(task["quality"]["notChecked"] == {"cells": 20, "columns": 1},
          f"notChecked {task['quality'].get('notChecked')}")
    code, out, _ = env.run("validate", "131059_houjin_list_extra.csv")
    check("20 filled cells in 1 column not checked" in out, f"text: {out[-600:]!r}")


def case_a_named_model_that_knows_under_half_the_columns_fails(env):
    """A model named with --model that recognises under half of a file's columns fails the file
    (issue #54: 0 of 6, 0 of 33, 0 of 49 columns passed, exit 0): the real files of
    ../shared/data/opendata-real/ validated against a model of another kind; a partial model
    fails under a quarter; --require-fit still sets the share; a model chosen from the header
    keeps its warning, and the file's own model passes its fit."""
    real = os.path.join(env.data, "opendata-real", "municipal")
    aed = os.path.join(real, "yaizu-city_222127_aed.csv")
    for model, known in (("gif:Person", "6 of the 22"), ("opendata:public-toilet", "7 of the 22")):
        task = env.report("--model", model, aed)
        fit = [p for p in task["errors"] if p["code"] == "poor-model-fit"]
        check(len(fit) == 1 and fit[0]["severity"] == "error" and known in fit[0]["message"] and
              "for a model named with --model" in fit[0]["message"], f"{model}: {fit}")
        task = env.report("--model", model, "--require-fit", "20", aed, exit_code=None)
        check(not any(p["code"] == "poor-model-fit" for p in task["errors"]),
              f"{model} --require-fit 20: {task['errors'][:3]}")
    task = env.report("--model", "suisho:aed", aed, exit_code=0)
    check(not any(p["code"] == "poor-model-fit" for p in task["errors"]), "the file's own model")
    # Six columns of which no partial model knows one.
    env.write("170003_aed_list.csv", "施設コード,棟,階,設置日,点検日,担当\nA1,本館,1,2024-04-01,"
              "2025-04-01,総務課\n")
    task = env.report("--model", "opendata:aed", "170003_aed_list.csv")
    fit = [p for p in task["errors"] if p["code"] == "poor-model-fit"]
    check(len(fit) == 1 and fit[0]["severity"] == "error" and "0 of the 6" in fit[0]["message"] and
          "fewer than a quarter" in fit[0]["message"], f"opendata:aed on 0 of 6: {fit}")
    # A partial model of the file's kind, between a quarter and a half: an info, not a failure
    # (opendata:tourism knows 25 of the 59 columns of the prefecture's 観光施設一覧).
    tourism = os.path.join(real, "ishikawa-pref_170003_tourism.csv")
    task = env.report("--model", "opendata:tourism", tourism, exit_code=None)
    fit = [p for p in task["errors"] if p["code"] == "poor-model-fit"]
    check(len(fit) == 1 and fit[0]["severity"] == "info", f"partial, 42%: {fit}")
    # Chosen by the file name, a complete model knowing under half (the AED list with 23 columns
    # of its own more): a warning, as before.
    with open(aed, encoding="utf-8-sig") as f:
        header, row = f.read().splitlines()[:2]
    extra = [f"独自項目{i}" for i in range(23)]
    env.write("222127_aed.csv", ",".join([header, *extra]) + "\n" +
              ",".join([row, *([""] * 23)]) + "\n")
    task = env.report("222127_aed.csv", exit_code=None)
    fit = [p for p in task["errors"] if p["code"] == "poor-model-fit"]
    check(task["model"] == "suisho:aed" and len(fit) == 1 and fit[0]["severity"] == "warning",
          f"auto-chosen: {task['model']} {fit}")


def case_an_empty_header_names_where_it_is(env):
    """An empty header cell in the middle of the header says between which columns it is, not
    "a trailing comma?" (issue #54); the last one still asks about a trailing comma."""
    env.write("131059_houjin_list_gap.csv", "法人番号,商号又は名称,,組織種別,\n"
              "1000020131059,文京区,x,201,\n")
    task = env.report("131059_houjin_list_gap.csv", exit_code=None)
    messages = [p["message"] for p in task["errors"] if p["code"] == "unknown-column"]
    check("column 3 has no header (between 「商号又は名称」 and 「組織種別」)" in messages and
          "column 5 has no header (the last column: a trailing comma?)" in messages,
          f"messages {messages}")


if __name__ == "__main__":
    sys.exit(case_runner.main(case_runner.cases_of(globals()), make_env=Env, needs=HOUJIN))
