#!/usr/bin/env python3
"""gif_dates_e2e.py — 50.x: DS-441's value types (コアデータパーツ 日付及び時刻, revision of
2026-03-17) through the real binary (issue #54 part 3). A test model with one item of each
type (tests/e2e/data/ds441/ds441_values.xml: 日付 date, 日時 date-time, 時刻 time, 期間
period, 期間の長さ duration): every example DS-441 gives passes (2017-09-01, 2015, 18:10:50,
2017-09-01T18:10:50+09:00, 1970-01-01T00:00:00Z, each period form, P10D P3M P2Y6M P1Y3M5D,
23:00/24:00, 09:00/12:00); each counter-example fails at its column, with the DS-441 form
as its fix where it is certain (平成27年 → 2015, 2025/4/1～2025/6/30 →
2025-04-01/2025-06-30, 2年6か月 → P2Y6M) and none where it is not (2025-13-01/2025-14-40,
24:01, P2Y6); transform writes the fixes. Real model items: 利用終了時間 of 公衆トイレ一覧
takes 24:00 (a real file, its closing times moved to 24:00, has no more findings than as
published), and 防災's 設置期間 is a period. Run by ctest (tests/e2e/CMakeLists.txt)."""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, check, cases_of, main  # noqa: E402

ROOM = "checks"  # the room these cases cover (tests/rooms.txt): the per-value checks

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "ds441")
MODEL = os.path.join(DATA, "ds441_values.xml")
EXAMPLES = os.path.join(DATA, "ds441_examples.csv")
COUNTER = os.path.join(DATA, "ds441_counter_examples.csv")
TOILETS = os.path.join("opendata-real", "municipal", "ishikawa-pref_170003_public_toilet.csv")


def report(env, *args, exit_code):
    code, out, err = env.run("validate", "-f", "json", "--max-errors", "1000", *args)
    check(code == exit_code, f"exit {code}, expected {exit_code}: {err}\n{out[:3000]}")
    return json.loads(out)["tasks"][0]


def findings(task):
    return task["errors"] + task.get("warnings", [])


def at(task, row, column):
    """The findings of one cell: (code, suggestion) pairs."""
    return [(p["code"], p.get("suggestion") or "") for p in findings(task)
            if p["row"] == row and p["field"] == column]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def case_ds441_examples_pass(env):
    """Every example of DS-441 in its own item: exit 0, no finding (a year alone, a date-time
    with Z, each period form — 4.1 to 4.4, the 時間帯 23:00/24:00 and 09:00/12:00 —, 24:00
    as a closing time, P10D P3M P2Y6M P1Y3M5D PT1H30M and 01:30)."""
    task = report(env, "--model", MODEL, EXAMPLES, exit_code=0)
    check(findings(task) == [], findings(task))


def case_ds441_counter_examples_fail_with_certain_fixes(env):
    """Each counter-example fails at its cell; the fix is the DS-441 form where it is certain,
    none where it is not."""
    task = report(env, "--model", MODEL, COUNTER, exit_code=1)
    expected = {
        (2, "日付"): [("invalid-format", "2015")],  # DS-441 8.3: 平成27年 → 2015
        (2, "期間"): [("invalid-value", "")],  # 2025-13-01/2025-14-40
        (2, "期間の長さ"): [("invalid-format", "")],  # P2Y6: the 6 has no unit
        (3, "日付"): [("invalid-format", "2015")],  # 2015年
        (3, "日時"): [("invalid-format", "2017-09-01T18:10:50")],
        (3, "時刻"): [("invalid-format", "")],  # 24:01: nothing past the end of the day
        (3, "期間"): [("invalid-format", "2025-04-01/2025-06-30")],
        (3, "期間の長さ"): [("invalid-format", "P2Y6M")],
        (4, "日付"): [("invalid-value", "")],  # 平成32年: after 平成 ended
        (4, "日時"): [("invalid-value", "")],  # a date-time's 24:00 is not checked as an end
        (4, "時刻"): [("invalid-format", "09:00")],
        (4, "期間"): [("invalid-value", "")],  # ends before it starts
        (4, "期間の長さ"): [("invalid-format", "P10D")],
        (5, "日付"): [("invalid-format", "")],  # 2024-04: DS-441 names no YYYY-MM
        (5, "期間"): [("invalid-value", "")],  # 24:00 is no start
        (5, "期間の長さ"): [("invalid-format", "P10D")],
    }
    for (row, column), want in expected.items():
        got = at(task, row, column)
        check(got == want, f"row {row} {column}: {got}, expected {want}")
    cells = {(p["row"], p["field"]) for p in findings(task)}
    check(cells == set(expected), f"findings in other cells: {sorted(cells - set(expected))}")
    messages = {(p["row"], p["field"]): p["message"] for p in task["errors"]}
    check("start 2025-13-01: month 13 does not exist; end 2025-14-40: month 14 does not exist"
          in messages[(2, "期間")], messages[(2, "期間")])
    check("ends (2025-04-01) before it starts (2025-06-30)" in messages[(4, "期間")],
          messages[(4, "期間")])


def case_transform_writes_the_ds441_forms(env):
    """transform writes the certain fixes: 平成27年 → 2015, 2025/4/1～2025/6/30 →
    2025-04-01/2025-06-30, 2年6か月 → P2Y6M, 10日 → P10D; the values it cannot fix stay
    as written."""
    code, _, err = env.run("transform", COUNTER, "-m", MODEL, "-o", "out.csv")
    check(code in (0, 1), f"exit {code}: {err}")
    rows = read_csv(env.path("out.csv"))
    header = rows[0]
    cell = {(r, header[c]): rows[r - 1][c] for r in range(2, len(rows) + 1) for c in range(len(header))}
    for (row, column), value in {(2, "日付"): "2015", (3, "期間"): "2025-04-01/2025-06-30",
                                 (3, "期間の長さ"): "P2Y6M", (4, "期間の長さ"): "P10D",
                                 (2, "期間"): "2025-13-01/2025-14-40", (2, "期間の長さ"): "P2Y6",
                                 (3, "時刻"): "24:01"}.items():
        check(cell[(row, column)] == value, f"row {row} {column}: {cell[(row, column)]}, expected {value}")


def case_real_toilets_closing_at_24_00(env):
    """石川県's 公衆トイレ一覧 (published closing time 23:59 in 71 rows) with 利用終了時間 moved to
    24:00: no more findings than the file as published, none at 利用終了時間; 24:01 there is
    an error in each of those rows."""
    source = os.path.join(env.data, TOILETS)
    if not os.path.exists(source):
        raise Skipped(f"no {source}")
    rows = read_csv(source)
    end = rows[0].index("利用終了時間")

    def moved(to):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows([rows[0]] + [r[:end] + [to if r[end] == "23:59" else r[end]] + r[end + 1:]
                                      for r in rows[1:]])
        return out.getvalue()

    moved_rows = sum(1 for r in rows[1:] if r[end] == "23:59")
    check(moved_rows == 71, f"{moved_rows} rows close at 23:59")
    code, out, err = env.run("validate", "-f", "json", "--max-errors", "5000", source)
    published = json.loads(out)["tasks"][0]
    at_24 = env.write("toilets_24.csv", moved("24:00"))
    code, out, err = env.run("validate", "-f", "json", "--max-errors", "5000", at_24)
    task = json.loads(out)["tasks"][0]
    check(task["model"] == published["model"], f"{task['model']} / {published['model']}")
    check(len(findings(task)) == len(findings(published)),
          f"{len(findings(task))} findings, {len(findings(published))} as published")
    check([p for p in findings(task) if p["column"] == end + 1] == [], "利用終了時間 findings")
    past = env.write("toilets_2401.csv", moved("24:01"))
    code, out, err = env.run("validate", "-f", "json", "--max-errors", "5000", past)
    wrong = [p for p in findings(json.loads(out)["tasks"][0]) if p["column"] == end + 1]
    check(len(wrong) == 71 and all(p["code"] == "invalid-format" for p in wrong),
          f"{len(wrong)} findings at 利用終了時間: {wrong[:3]}")


def case_bousai_setting_period_is_a_period(env):
    """防災 政府現地対策本部's 設置期間 is a DS-441 period: 2024-01-01/2024-01-31 and an open
    end (2024-01-01/..) pass; 2024-01-31/2024-01-01 is invalid-value; 令和6年1月1日～令和6年1月31日
    gets 2024-01-01/2024-01-31."""
    text = ("名称,所管区域,設置場所,設置期間,種別\n"
            "本部A,区域,場所,2024-01-01/2024-01-31,特定災害対策本部\n"
            "本部B,区域,場所,2024-01-01/..,特定災害対策本部\n"
            "本部C,区域,場所,2024-01-31/2024-01-01,特定災害対策本部\n"
            "本部D,区域,場所,令和6年1月1日～令和6年1月31日,特定災害対策本部\n")
    task = report(env, "--model", "bousai:GovernmentLocalHeadquarters", env.write("hq.csv", text),
                  exit_code=1)
    got = sorted((p["row"], p["field"], p["code"], p.get("suggestion") or "") for p in findings(task))
    check(got == [(4, "設置期間", "invalid-value", ""),
                  (5, "設置期間", "invalid-format", "2024-01-01/2024-01-31")], got)


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
