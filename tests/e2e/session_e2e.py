#!/usr/bin/env python3
"""session_e2e.py — the registry session of `gifkit serve` (models/session/
registry_session.hpp): POST /v1/validate reads through the session of the
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
"""
import json
import os
import shutil
import signal
import sys

import serve_support
from case_runner import Failure, Skipped, check, cases_of, main
from serve_support import Server, wait_until

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
    return server.get_json("/healthz")["generation"]


def case_validate_keeps_the_served_file_after_it_is_deleted(env):
    if not os.path.exists(os.path.join(env.data, serve_support.HOUJIN[0])):
        raise Skipped("no 法人番号 sample")
    served = build(env, "served.db", serve_support.HOUJIN[0])
    with Server(env.gifkit, served, data=env.data) as server:
        before, report = validate(server, "corporations.csv")
        check(before.count("not-in-registry") == 2, f"registry rules applied: {before}")
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
        check(codes.count("not-in-registry") == 2, f"the new registry's rules: {codes}")


if __name__ == "__main__":
    try:
        sys.exit(main(cases_of(globals()), prefix="gifkit-session-"))
    except Failure as failure:
        print(f"FAIL: {failure}")
        sys.exit(1)
