#!/usr/bin/env python3
"""report_memory_e2e.py — a validation report's memory bounded per request and
per run, whatever the number of findings (issue #56, 64.x): `gifkit serve`
answers POST /v1/validate of a 1,000,000-row bad upload with its RSS grown
by at most 256 MiB (the report is made in a temporary file, not in memory,
and capped at --max-report: 507 report-over-cap past it, whatever --max-body);
a large report comes back whole and valid, naming the body as the client did;
an xlsx part
is capped at --max-body whatever its zip headers declare; `gifkit validate
--format json|sarif|gitlab` of a file of many findings stays within 128 MiB
and writes the same bytes as a report kept in memory did. Traffic goes to
127.0.0.1 only; file sizes and loops are bounded; memory is read from
/proc/PID/status (VmHWM) and wait4, never timed.

  report_memory_e2e.py --gifkit PATH --data SHARED --case NAME
  report_memory_e2e.py --list
Exit 77: skipped (no shared data).
"""
import json
import os
import re
import subprocess
import sys
import time

ROOM = "serve"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import case_runner  # noqa: E402
from case_runner import cases_of, check, main, room  # noqa: E402
import serve_support  # noqa: E402
from caps_e2e import Watched, bomb, post, rss_kb, run_measured, serve  # noqa: E402

M = case_runner.MEMORY_FACTOR
MIB = 1 << 20
# The per-request bound docs/serve.md states: a report never makes a request
# grow the server by more than this.
REQUEST_BOUND_KB = int(256 * 1024 * M)
# `gifkit validate`'s json, sarif and gitlab reports of a file of many
# findings (their memory no longer grows with the findings: about 50 MiB).
CLI_BOUND_KB = int(128 * 1024 * M)
ADDRESS_HEADER = "都道府県,市区町村,郵便番号\n"


def address_rows(count):
    """A gif:Address table of count rows, each with two findings (a half-width
    カナ 市区町村, a 郵便番号 that is none): about 30 bytes a row."""
    rows = [ADDRESS_HEADER]
    rows += [f"東京都,ﾌﾞﾝｷｮｳｸ{i % 1000},100-89{i % 100:02d}\n" for i in range(count)]
    return "".join(rows).encode()


def peak_kb(pid):
    return rss_kb(pid, "VmHWM")


def check_report_over_cap(server, body, cap_mib):
    """POST body to /v1/validate (json) of a server started with --max-report
    cap_mib: 507 report-over-cap, the message naming the option, its value
    and how to ask for less (max_errors)."""
    status, _, answer = server.request("POST", "/v1/validate?model=gif:Address", body=body,
                                       headers={"Content-Type": "text/csv"}, timeout=120)
    check(status == 507, f"--max-report {cap_mib}: status {status}: {answer[:300]!r}")
    error = json.loads(answer)["error"]
    check(error["code"] == "report-over-cap" and "max_errors" in error["message"]
          and f"--max-report ({cap_mib} MiB)" in error["message"], f"{error}")


@room("serve")
def case_serve_million_bad_rows_in_bounded_memory(env):
    """POST /v1/validate of 1,000,000 bad rows (2,000,000 findings, 34 MB)
    in the default json: the server's high-water RSS grows by at most 256
    MiB, whatever the answer — 507 report-over-cap (the report would pass
    --max-report 256), 503 time-limit, or 200. It held the whole report: 7.7
    GB for such a file."""
    body = address_rows(1_000_000)
    with serve(env, "--max-body", "64", "--max-report", "256", "--threads", "2", "--time-limit",
               "40000") as server:
        small = address_rows(10)
        status, _, _ = server.request("POST", "/v1/validate?model=gif:Address", body=small,
                                      headers={"Content-Type": "text/csv"}, timeout=30)
        check(status == 200, f"the warm-up request: {status}")
        before = peak_kb(server.process.pid)
        started = time.monotonic()
        status, headers, answer = server.request(
            "POST", "/v1/validate?model=gif:Address&filename=bad.csv", body=body,
            headers={"Content-Type": "text/csv"}, timeout=120)
        seconds = time.monotonic() - started
        check(not server.killed, "the server passed the watchdog's RSS and was killed")
        grown = peak_kb(server.process.pid) - before
        print(f"{len(body) >> 20} MiB body: {status} in {seconds:.1f} s, {len(answer)} bytes; "
              f"peak RSS +{grown // 1024} MiB")
        check(status in (200, 503, 507), f"status {status}: {answer[:300]!r}")
        if status != 200:
            code = json.loads(answer)["error"]["code"]
            check(code in ("time-limit", "report-over-cap"), f"{status} {code}")
        check(grown <= REQUEST_BOUND_KB,
              f"the request grew the server by {grown // 1024} MiB (bound "
              f"{REQUEST_BOUND_KB // 1024} MiB)")
        check(server.get_json("/healthz")["status"] in ("ok", "degraded"), "the server is gone")


@room("serve")
def case_serve_report_over_its_cap_is_507(env):
    """--max-report 4 (MiB) and a 1 MB body whose json report passes 4 MiB:
    507 report-over-cap, naming the option and saying how to ask for less
    (max_errors); the same body with max_errors=1 is answered (200), its
    groups counting every finding."""
    body = address_rows(22_000)
    check(len(body) < MIB, f"the body is {len(body)} bytes")
    with serve(env, "--max-report", "4", "--threads", "2") as server:
        check_report_over_cap(server, body, 4)
        status, _, answer = server.request(
            "POST", "/v1/validate?model=gif:Address&max_errors=1", body=body,
            headers={"Content-Type": "text/csv"}, timeout=120)
        check(status == 200, f"max_errors=1: status {status}: {answer[:300]!r}")
        task = json.loads(answer)["tasks"][0]
        listed = len(task["errors"])
        counted = sum(group["count"] for group in task["groups"])
        check(task["truncated"] and counted >= 44_000 and listed == len(task["groups"]),
              f"listed {listed}, counted {counted}, truncated {task['truncated']}")


@room("serve")
def case_serve_characters_check_findings_capped_at_max_report(env):
    """POST /v1/characters/check of a text whose findings pass --max-report 1
    (MiB): 507 report-over-cap, naming the option (the findings were written
    to a temporary file without a cap before); a small text is answered."""
    registry = env.path("moji.db")
    serve_support.build_registry(env.gifkit, env.data, registry, parts=("moji",))
    body = "".join(f"{i} 髙橋さんの住所\n" for i in range(60_000)).encode()
    check(len(body) < 2 * MIB, f"the body is {len(body)} bytes")
    with Watched(env.gifkit, registry, "--max-report", "1", data=env.data) as server:
        path = "/v1/characters/check?charset=jisx0208"
        status, _, answer = server.request("POST", path, body=body,
                                           headers={"Content-Type": "text/plain"}, timeout=120)
        check(status == 507, f"--max-report 1: status {status}: {answer[:300]!r}")
        error = json.loads(answer)["error"]
        check(error["code"] == "report-over-cap" and "--max-report (1 MiB)" in error["message"]
              and "gifkit chars check" in error["message"], f"{error}")
        status, _, answer = server.request("POST", path, body=body[:2000],
                                           headers={"Content-Type": "text/plain"}, timeout=30)
        check(status == 200 and "髙" in answer.decode(), f"a small text: {status} {answer[:300]!r}")


@room("serve")
def case_serve_large_report_comes_back_whole(env):
    """A report of 80,000 findings (json 40 MB, sarif, ndjson: past the 1 MiB
    kept in memory, sent from a temporary file): 200, valid JSON with every
    problem listed, the body named as the client did (bad.csv), never the
    server's folder, and the json the same as `gifkit validate`'s of that
    file with the server's registry but for times."""
    body = address_rows(40_000)
    with open(env.path("bad.csv"), "wb") as out:
        out.write(body)
    with serve(env, "--threads", "2") as server:
        answers = {}
        for fmt in ("json", "sarif", "ndjson"):
            status, headers, answer = server.request(
                "POST", f"/v1/validate?model=gif:Address&format={fmt}&filename=bad.csv",
                body=body, headers={"Content-Type": "text/csv"}, timeout=120)
            check(status == 200, f"{fmt}: status {status}: {answer[:300]!r}")
            check(headers.get("X-Gifkit-Valid") == "false", f"{fmt}: {headers}")
            text = answer.decode("utf-8")
            check("gifkit-serve-" not in text, f"{fmt}: the report shows the server's folder")
            answers[fmt] = text
        report = json.loads(answers["json"])
        task = report["tasks"][0]
        found = sum(task["stats"][kind] for kind in ("errors", "warnings", "infos"))
        check(len(task["errors"]) == found and found >= 80_000 and task["path"] == "bad.csv",
              f"json: {len(task['errors'])} listed of {found}, path {task['path']}")
        results = json.loads(answers["sarif"])["runs"][0]["results"]
        check(len(results) == found, f"sarif: {len(results)} results of {found}")
        lines = [json.loads(line) for line in answers["ndjson"].splitlines()]
        check(sum(1 for line in lines if line["type"] == "problem") == found,
              "ndjson: not every problem")
    cli = subprocess.run([env.gifkit, "validate", "-m", "gif:Address", "--registry",
                          env.path("houjin.db"), "--format", "json", "bad.csv"], cwd=env.tmp,
                         capture_output=True, timeout=300)
    check(cli.returncode == 1, f"validate: exit {cli.returncode}: {cli.stderr[-300:]!r}")

    def timeless(text):
        return re.sub(r'"seconds": [0-9.e+-]+', '"seconds": 0', text)
    check(timeless(cli.stdout.decode("utf-8")) == timeless(answers["json"]),
          "the service's json differs from validate's")


@room("report")
def case_cli_json_sarif_gitlab_of_many_findings_in_bounded_memory(env):
    """`gifkit validate --format json|sarif|gitlab` of 100,000 bad rows
    (200,000 findings; the build before the temporary file peaked at about
    175 MiB for json, 262 MiB at 300,000): peak RSS at most 128 MiB each, and a report that is
    valid JSON listing every finding (the reports of a 67 MB file took 3.4
    GB)."""
    with open(env.path("bad.csv"), "wb") as out:
        out.write(address_rows(100_000))
    # Every run first, then the reports read: a child's peak RSS (wait4)
    # counts the test's own memory at the fork.
    for fmt in ("json", "sarif", "gitlab"):
        out_path = env.path(f"report.{fmt}")
        code, seconds, peak, _, err = run_measured(
            env, ["validate", "-m", "gif:Address", "--format", fmt, "-o", out_path, "bad.csv"], 300)
        print(f"{fmt}: exit {code} in {seconds:.1f} s, peak RSS {peak // 1024} MiB, "
              f"{os.path.getsize(out_path) >> 20 if os.path.exists(out_path) else 0} MiB report")
        check(code == 1, f"{fmt}: exit {code}: {err[-300:]}")
        check(peak <= CLI_BOUND_KB, f"{fmt}: peak RSS {peak // 1024} MiB (bound "
              f"{CLI_BOUND_KB // 1024} MiB)")
    for fmt, listed in (("json", lambda d: len(d["tasks"][0]["errors"])),
                        ("sarif", lambda d: len(d["runs"][0]["results"])), ("gitlab", len)):
        with open(env.path(f"report.{fmt}"), encoding="utf-8") as report:
            document = json.load(report)
        check(listed(document) >= 200_000, f"{fmt}: {listed(document)} findings listed")
        del document
        os.remove(env.path(f"report.{fmt}"))


@room("serve")
def case_serve_xlsx_part_capped_at_the_body_cap(env):
    """An xlsx whose shared strings inflate to 40 MiB while its zip headers
    say 1 MiB, posted to a server with --max-body 16: 413 over-cap naming
    the part and 16 MiB (a part may inflate to --max-body, not 4 times it:
    such a part took a request to 2 GB and 24 s)."""
    with open(bomb(env, inflated=40 * MIB, hidden=True), "rb") as f:
        body = f.read()
    with serve(env, "--max-body", "16", "--threads", "2") as server:
        before = peak_kb(server.process.pid)
        status, code, message, seconds = post(server, "/v1/validate?model=gif:Address", body, 60)
        grown = peak_kb(server.process.pid) - before
        print(f"{len(body)} bytes: {status} {code} in {seconds:.1f} s, peak RSS +{grown // 1024} "
              f"MiB: {message}")
        check(status == 413 and code == "over-cap", f"status {status} code {code}: {message}")
        for part in ("xl/sharedStrings.xml", "16 MiB", "--max-body"):
            check(part in message, f"the message does not name {part!r}: {message!r}")


@room("serve")
def case_serve_report_cap_apart_from_the_body_cap(env):
    """The report's cap is --max-report, not a multiple of --max-body: with
    --max-body 1 (MiB) and --max-report 64, the 1 MB body whose json report
    passes 4 MiB (4 × --max-body, the cap before) comes back whole (200,
    every finding listed); the same body under --max-report 2 with the
    default --max-body is 507 report-over-cap naming --max-report and
    max_errors."""
    body = address_rows(22_000)
    check(len(body) < MIB, f"the body is {len(body)} bytes")
    with serve(env, "--max-body", "1", "--max-report", "64", "--threads", "2") as server:
        status, _, answer = server.request("POST", "/v1/validate?model=gif:Address", body=body,
                                           headers={"Content-Type": "text/csv"}, timeout=120)
        check(status == 200, f"--max-body 1 --max-report 64: status {status}: {answer[:300]!r}")
        check(len(answer) > 4 * MIB, f"the report is {len(answer)} bytes, not past 4 MiB")
        task = json.loads(answer)["tasks"][0]
        found = sum(task["stats"][kind] for kind in ("errors", "warnings", "infos"))
        check(len(task["errors"]) == found and found >= 44_000 and not task["truncated"],
              f"{len(task['errors'])} listed of {found}, truncated {task['truncated']}")
    with serve(env, "--max-report", "2", "--threads", "2") as server:
        check_report_over_cap(server, body, 2)


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="houjin/samples"))
