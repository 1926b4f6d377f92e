#!/usr/bin/env python3
"""session_e2e.py — the registry session of `gifkit serve`
(registries/session/registry_session.hpp): POST /v1/validate reads through the session of the
snapshot being served, as every other route does — its lookup and address
matcher, and its character data — instead of opening the registry's path
again per request with the character data chosen at start.

Cases (run by ctest as e2e.34.K-session-CASE):
  validate-keeps-the-served-file-after-it-is-deleted — the served file
      deleted: /v1/validate still applies the registry rules of the file the
      snapshot holds open (before: a lookup opened per request on the path,
      which failed, and the rules were skipped).
  validate-takes-the-character-data-of-the-swapped-session — a registry
      with character data swapped (SIGHUP) for one without, --data without
      moji/: /v1/validate checks no characters, as /v1/characters answers
      503 (before: validate kept the character data chosen at start).
  validate-bodies-around-the-thresholds — address CSVs of one byte under, at
      and over the body sizes where the server's handling changes (64 KiB:
      the memory of a smaller request is not trimmed; 1 MiB: a larger body
      is spooled to a file): each report is `gifkit validate`'s of the same
      bytes; a body over --max-body is still refused (413); a body kept in
      memory is validated from there (no body folder is made), a spooled
      one through a body folder that is used again, holds no file between
      requests and is gone when the server stops.
  validate-corporations-on-a-registry-without-houjin-data — a corporations
      CSV (gif:LegalEntity: its 法人番号 rule is not optional) on a registry of
      ABR data only: refused as `gifkit validate --registry` refuses it (exit
      2), 503 no-corporation-data with the CLI's reason (before: 500
      registry-error, as for a damaged registry).
"""
import json
import os
import shutil
import signal
import sys

import serve_support
from case_runner import Skipped, check, cases_of, main
from serve_support import Server, wait_until

ROOM = "session"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "data")


def build(env, name, *sources):
    """A registry built from sources (paths under --data) in the case's folder."""
    path = env.path(name)
    code, _, err = env.run("registry", "build", "--out", path,
                           *[os.path.join(env.data, s) for s in sources])
    check(code == 0, f"registry build {name}: {err[-500:]}")
    return path


def validate(server, fixture, model=""):
    """The codes of POST /v1/validate of a fixture, and the report."""
    with open(os.path.join(FIXTURES, fixture), "rb") as f:
        body = f.read()
    query = f"/v1/validate?format=json&filename={fixture}" + (f"&model={model}" if model else "")
    status, _, answer = server.request("POST", query, body, {"Content-Type": "text/csv"})
    check(status == 200, f"POST {query}: status {status}: {answer[:300]!r}")
    report = json.loads(answer)
    codes = [p["code"] for task in report["tasks"] for p in task["errors"] + task.get("warnings", [])]
    return codes, report


def generation(server):
    """The generation /healthz names (also when it says degraded, 503: a served file deleted)."""
    _, _, body = server.request("GET", "/healthz")
    return json.loads(body)["generation"]


def case_validate_keeps_the_served_file_after_it_is_deleted(env):
    if not os.path.exists(os.path.join(env.data, serve_support.HOUJIN[0])):
        raise Skipped("no 法人番号 sample")
    served = build(env, "served.db", serve_support.HOUJIN[0])
    with Server(env.gifkit, served, data=env.data) as server:
        before, report = validate(server, "corporations.csv")
        # A registry of one diff file: the numbers it lacks are not checked (issue #30).
        check(before.count("registry-not-checked") == 2 and "not-in-registry" not in before,
              f"registry rules applied: {before}")
        check("registry served.db" in report["tasks"][0]["modelNote"],
              f"the note names the registry: {report['tasks'][0]['modelNote']}")
        os.remove(served)  # the snapshot keeps the file it opened
        after, report = validate(server, "corporations.csv")
        check(after == before, f"after the file is deleted: {after}, before: {before}")
        check("registry served.db" in report["tasks"][0]["modelNote"],
              f"the note still names the registry: {report['tasks'][0]['modelNote']}")
        check(generation(server) == 1, "still the first snapshot")


def case_validate_takes_the_character_data_of_the_swapped_session(env):
    if not os.path.isdir(os.path.join(env.data, "moji")):
        raise Skipped("no character tables")
    with_characters = build(env, "moji.db", "moji")
    without = build(env, "houjin.db", serve_support.HOUJIN[0])
    served = env.path("served.db")
    shutil.copy(with_characters, served)
    no_moji = env.path("data-without-moji")
    os.mkdir(no_moji)
    with Server(env.gifkit, served, data=no_moji) as server:
        codes, _ = validate(server, "persons_chars.csv", "gif:Person")
        check("character-not-allowed" in codes, f"the registry's characters checked: {codes}")
        status, _, _ = server.request("GET", "/v1/characters/%E9%AB%99")  # 髙
        check(status == 200, f"/v1/characters with the registry's data: {status}")

        os.replace(without, served)
        server.process.send_signal(signal.SIGHUP)
        check(wait_until(lambda: generation(server) == 2, 10), "SIGHUP opens the new file")
        status, _, _ = server.request("GET", "/v1/characters/%E9%AB%99")
        check(status == 503, f"/v1/characters without character data: {status}")
        codes, report = validate(server, "persons_chars.csv", "gif:Person")
        check("character-not-allowed" not in codes,
              f"validate still checks characters with the first registry's data: {codes}")
        codes, _ = validate(server, "corporations.csv")
        check(codes.count("registry-not-checked") == 2, f"the new registry's rules: {codes}")


def comparable(report):
    """A report without its times, its paths reduced to the file name."""
    report["stats"].pop("seconds", None)
    for task in report["tasks"]:
        task.pop("seconds", None)
        task.get("stats", {}).pop("seconds", None)
        task["path"] = os.path.basename(task["path"])
    return report


def address_csv(size):
    """An address CSV of exactly size bytes: rows found, not found, malformed and empty."""
    rows = ["東京都文京区本郷一丁目1番1号", "東京都文京区白山一丁目1-1", "東京都文京区存在しない町9",
            "", "文京区本郷1-1-1"]
    out, i = bytearray("住所\n".encode()), 0
    while len(out) + 64 < size:
        out += (rows[i % len(rows)] + "\n").encode()
        i += 1
    out += b"x" * (size - len(out) - 1) + b"\n"
    assert len(out) == size
    return bytes(out)


def body_folders(tmpdir):
    return sorted(n for n in os.listdir(tmpdir) if n.startswith("gifkit-serve-"))


def case_validate_bodies_around_the_thresholds(env):
    if not os.path.isdir(os.path.join(env.data, "abr", "bunkyo")):
        raise Skipped("no ABR data of 文京区")
    served = build(env, "abr.db", os.path.join("abr", "national"), os.path.join("abr", "bunkyo"))
    tmpdir = env.path("tmp")
    os.mkdir(tmpdir)
    small, memory = 64 << 10, 1 << 20  # routes_validate.cpp kSmallBody; ServiceOptions::spool_threshold
    sizes = [small - 1, small, small + 1, memory - 1, memory, memory + 1]
    # --max-body 8 with --max-report 64: the json report of a 1 MiB body of bad addresses passes
    # 8 MiB; a report's cap is --max-report (507 report-over-cap past it), not --max-body's.
    with Server(env.gifkit, served, "--max-body", "8", "--max-report", "64",
                env=dict(os.environ, TMPDIR=tmpdir)) as server:
        for size in sizes:
            body = address_csv(size)
            name = f"addresses-{size}.csv"
            query = f"/v1/validate?model=gif:Address&format=json&filename={name}"
            status, _, answer = server.request("POST", query, body, {"Content-Type": "text/csv"})
            check(status == 200, f"{size} bytes: status {status}: {answer[:300]!r}")
            with open(env.path(name), "wb") as f:
                f.write(body)
            code, out, err = env.run("validate", name, "-m", "gif:Address", "--registry", served,
                                     "--format", "json")
            check(code == 1, f"gifkit validate {name}: exit {code}: {err[-300:]}")
            report, cli = comparable(json.loads(answer)), comparable(json.loads(out))
            check(report["stats"]["bytes"] == size and report["stats"]["errors"] > 0,
                  f"{size} bytes: {report['stats']}")
            check(report == cli, f"{size} bytes: the service's report differs from gifkit "
                  f"validate's:\n{json.dumps(report, ensure_ascii=False)[:800]}\n"
                  f"{json.dumps(cli, ensure_ascii=False)[:800]}")
            # A body kept in memory is validated from there (no folder, no
            # file); a spooled one through one folder, used again, left empty.
            folders = body_folders(tmpdir)
            expected = 1 if size > memory else 0
            check(len(folders) == expected,
                  f"{size} bytes: {expected} body folder(s) expected: {folders}")
            for folder in folders:
                left = os.listdir(os.path.join(tmpdir, folder))
                check(left == [], f"the body's file is left after the request: {left}")
        status, _, answer = server.request("POST", "/v1/validate?filename=big.csv",
                                           address_csv((8 << 20) + 1), {"Content-Type": "text/csv"})
        check(status == 413 and json.loads(answer)["error"]["code"] == "body-too-large",
              f"a body over --max-body: {status} {answer[:200]!r}")
        status, _, answer = server.request(
            "POST", "/v1/validate?model=gif:Address&format=json&filename=one.csv",
            address_csv(100), {"Content-Type": "text/csv"})
        check(status == 200 and json.loads(answer)["stats"]["rows"] > 0,
              f"the server answers after the refused body: {status} {answer[:200]!r}")
    check(body_folders(tmpdir) == [], f"left after the server stopped: {body_folders(tmpdir)}")


def case_validate_corporations_on_a_registry_without_houjin_data(env):
    if not os.path.isdir(os.path.join(env.data, "abr", "national")):
        raise Skipped("no ABR data")
    served = build(env, "national.db", os.path.join("abr", "national"))
    name = "corporations.csv"  # gif:LegalEntity, whose 法人番号 rule is not optional
    shutil.copy(os.path.join(FIXTURES, name), env.path(name))
    code, out, err = env.run("validate", name, "--registry", served, "--format", "json")
    prefix = "gifkit validate: registry: "
    check(code == 2 and out == "" and err.startswith(prefix),
          f"gifkit validate {name}: exit {code}: {err[-300:]}")
    reason = err[len(prefix):].strip().replace(served, "national.db")
    check("national.db has no 法人番号 data" in reason, f"the CLI says why: {reason}")
    with Server(env.gifkit, served) as server:
        with open(env.path(name), "rb") as f:
            body = f.read()
        query = f"/v1/validate?format=json&filename={name}"
        status, _, answer = server.request("POST", query, body, {"Content-Type": "text/csv"})
        error = json.loads(answer).get("error", {})
        check(status == 503 and error.get("code") == "no-corporation-data",
              f"POST {query}: status {status}: {answer[:300]!r}")
        check(error.get("message") == reason,
              f"the service's reason {error.get('message')!r}, the CLI's {reason!r}")
        # The same registry still validates an address file (its rules apply).
        status, _, answer = server.request(
            "POST", "/v1/validate?model=gif:Address&format=json&filename=one.csv",
            address_csv(100), {"Content-Type": "text/csv"})
        check(status == 200, f"an address file after the refusal: {status} {answer[:200]!r}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), prefix="gifkit-session-"))
