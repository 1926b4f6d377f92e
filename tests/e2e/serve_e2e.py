#!/usr/bin/env python3
"""serve_e2e.py — end-to-end tests of `gifkit serve` (19.x): the real binary
started on a loopback port with a registry built from ../shared/data. Each
case answers one question: do the routes answer as the CLI does, are errors
JSON with the right status, do the limits hold (body, URI, address length,
connections, slow clients, idle keep-alive), does SIGTERM let requests in
flight finish, is a registry replaced or updated in place picked up without
a failed request, is the access log free of bodies, does the server
survive a bounded stream of garbage requests, and does it never echo a
個人番号 (マイナンバー). Traffic goes to 127.0.0.1 only.

With GIFKIT_E2E_REGISTRY=postgresql (registry_backend.py) the service and the
commands it is compared with read the registry from a PostgreSQL server: the
stage push copies the built registry into the template database TEMPLATE once;
each case reads a copy of its own. FILE_ONLY names the cases left out, and why.

  serve_e2e.py --gifkit PATH --data SHARED --work DIR --stage build|push
  serve_e2e.py --gifkit PATH --data SHARED --work DIR --case NAME
  serve_e2e.py --list
Exit 77: skipped (no shared data; on a server: no PostgreSQL).
"""
import http.client
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOM = "serve"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import registry_backend  # noqa: E402
import serve_support  # noqa: E402
from case_runner import Skipped, run_script  # noqa: E402
from serve_support import Server, wait_until  # noqa: E402

FIXTURES = os.path.join(HERE, "data")
ARGS = None
CASES = {}
REGISTRIES = registry_backend.FileRegistries()
# The database the stage push fills with the registry, which each case's is copied from.
TEMPLATE = "e2e_serve_registry"
FILE_ONLY = {
    "10-registry-replaced-or-updated-while-serving":
        "a registry file renamed over, deleted and updated in place while served, and SIGHUP "
        "to open it again (on a server, push and rollback while serving: e2e 28.10)",
    "24-keep-alive-connections-across-workers-and-a-swap":
        "a registry file renamed over while keep-alive connections are open",
    "25-lookups-by-number-while-updated-in-place":
        "a registry file updated in place while lookups by number run",
}


def case(name):
    def register(function):
        CASES[name] = function
        return function
    return register


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def registry():
    """The registry file (on a server, what its database holds: inputs are picked from it)."""
    return os.path.join(ARGS.work, "full.db")


def cli(*args, timeout=120):
    """(exit code, stdout bytes) of a gifkit command, its registry on the backend."""
    result = subprocess.run([ARGS.gifkit] + REGISTRIES.command(list(args)), capture_output=True,
                            timeout=timeout)
    for output in (result.stdout, result.stderr):
        leak = REGISTRIES.leak(output.decode("utf-8", "replace"))
        check(not leak, f"gifkit {' '.join(args)}: {leak}")
    return result.returncode, result.stdout


def cli_json(*args):
    code, out = cli(*args)
    return code, out.decode("utf-8")


def quoted(text):
    return urllib.parse.quote(text, safe="")


def a_corporation():
    """A number of the registry, with a name to search for."""
    import sqlite3
    db = sqlite3.connect(f"file:{registry()}?mode=ro", uri=True)
    try:
        number, = db.execute(
            "SELECT corporate_number FROM corporation WHERE close_date IS NULL OR close_date = '' "
            "ORDER BY corporate_number LIMIT 1 OFFSET 100").fetchone()
    except sqlite3.OperationalError:
        number, = db.execute("SELECT corporate_number FROM corporation ORDER BY corporate_number "
                             "LIMIT 1 OFFSET 100").fetchone()
    db.close()
    return str(number)


def absent_corporation():
    """A well-formed 法人番号 (its check digit right) that the registry lacks."""
    import sqlite3
    db = sqlite3.connect(f"file:{registry()}?mode=ro", uri=True)
    try:
        for base in range(100000000000, 100000001000):
            digits = str(base)  # 12 digits; weights 1, 2, … from the lowest digit
            total = sum(int(d) * (1 if n % 2 else 2)
                        for n, d in enumerate(reversed(digits), start=1))
            number = f"{9 - total % 9}{digits}"
            if not db.execute("SELECT 1 FROM corporation WHERE corporate_number = ?",
                              (int(number),)).fetchone():
                return number
    finally:
        db.close()
    raise AssertionError("no absent corporate number found")


def serve(*extra):
    return Server(ARGS.gifkit, REGISTRIES.served(registry()), *extra, data=ARGS.data)


@case("1-routes-answer-as-the-cli")
def routes_answer_as_the_cli():
    number = a_corporation()
    with serve() as server:
        _, out = cli_json("lookup", "corporation", "--registry", registry(), number, "-f", "json")
        check(server.get_json(f"/v1/corporations/{number}") == json.loads(out),
              "corporation differs from lookup corporation")
        _, out = cli_json("lookup", "corporation", "--registry", registry(), number, "--history",
                          "-f", "json")
        check(server.get_json(f"/v1/corporations/{number}?history=1") == json.loads(out),
              "history differs from lookup corporation --history")
        _, out = cli_json("lookup", "corporation", "--registry", registry(), "--name", "トヨタ",
                          "--limit", "5", "-f", "json")
        found = server.get_json("/v1/corporations?name=" + quoted("トヨタ") + "&limit=5")
        records = [{k: v for k, v in r.items() if k != "match"} for r in found["results"]]
        check(records == json.loads(out), "name search differs from lookup corporation --name")
        check(all(r["match"] in ("exact", "prefix", "substring") for r in found["results"]),
              "match kinds")
        page2 = server.get_json("/v1/corporations?name=" + quoted("トヨタ") + "&limit=2&offset=2")
        check([r["corporateNumber"] for r in page2["results"]] ==
              [r["corporateNumber"] for r in found["results"][2:4]], "offset pages the same list")
        address = "東京都文京区白山一丁目1-1"
        _, out = cli_json("address", "normalize", "--registry", registry(), address)
        check(server.get_json("/v1/addresses/normalize?q=" + quoted(address)) == json.loads(out),
              "normalize differs from address normalize")
        _, out = cli_json("address", "reverse", "--registry", registry(), "35.7204", "139.7511",
                          "--radius", "300", "--limit", "3", "-f", "json")
        reverse = server.get_json("/v1/addresses/reverse?lat=35.7204&lon=139.7511&radius=300&limit=3")
        check(reverse["results"] == json.loads(out) and len(reverse["results"]) == 3,
              "reverse differs from address reverse")
        check(server.get_json("/v1/addresses/reverse?lat=35.0&lon=135.0&radius=10")["results"] == [],
              "nothing within the radius: no results")
        _, out = cli_json("lookup", "address", "--registry", registry(), "--lg-code", "131059",
                          "--machiaza-id", "0001001", "-f", "json")
        towns = server.get_json("/v1/towns?lg_code=131059&machiaza_id=0001001")["results"]
        expected = json.loads(out)
        check(towns == (expected if isinstance(expected, list) else [expected]),
              "towns differs from lookup address")
        _, out = cli_json("lookup", "char", "--registry", registry(), "髙", "-f", "json")
        check(server.get_json("/v1/characters/" + quoted("髙")) == json.loads(out)[0],
              "character differs from lookup char")
        _, out = cli_json("lookup", "reading", "--registry", registry(), "-f", "json", "髙橋 花子",
                          "タカハシ ハナコ", "田中", "ワタナベ")
        cli_readings = json.loads(out)
        check(server.get_json("/v1/names/reading?name=" + quoted("髙橋 花子") + "&kana=" +
                              quoted("タカハシ ハナコ")) == cli_readings[0] and
              server.get_json("/v1/names/reading?name=" + quoted("田中") + "&kana=" +
                              quoted("ワタナベ") + "&part=full") == cli_readings[1],
              f"name reading differs from lookup reading: {cli_readings}")
        _, out = cli_json("registry", "info", registry(), "-f", "json")
        info = server.get_json("/v1/registry")
        cli_info = json.loads(out)
        check(info["sources"] == cli_info["sources"] and info["tables"] == cli_info["tables"]
              and info["dataDate"] == cli_info["dataDate"], "registry differs from registry info")
        check(info["gifkitVersion"] and info["generation"] == 1, "version and generation")
        # Sources by file name and checksum, never a path of the machine (the registry was
        # built from absolute paths under ARGS.data); what it holds (issue #30).
        _, _, raw = server.request("GET", "/v1/registry")
        check(os.path.abspath(ARGS.data).encode() not in raw and
              ARGS.data.encode() not in raw and b"/shared/" not in raw,
              f"/v1/registry publishes a path: {raw[:600]!r}")
        check(all("/" not in s["sourceFile"] and
                  (s["sha256"] or s["sourceFile"].startswith("derived from"))
                  for s in info["sources"]), f"sources {info['sources']}")
        check(info["holds"] == cli_info["holds"] and
              info["holds"]["corporations"]["holding"] == "diffs-only" and
              info["holds"]["addresses"]["131059"]["towns"] > 0,
              f"holds {json.dumps(info['holds'], ensure_ascii=False)[:600]}")
        health = server.get_json("/healthz")
        check(health["status"] == "ok" and health["corporations"] and health["addresses"]
              and health["characters"], f"healthz {health}")


@case("2-validate-is-the-cli-report")
def validate_is_the_cli_report():
    source = os.path.join(FIXTURES, "corporations.csv")
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "corporations.csv")
        shutil.copy(source, copy)
        code, out = cli_json("validate", copy, "--registry", registry(), "--format", "json")
        check(code == 1, "the fixture fails validation")
        cli = json.loads(out)
    with serve() as server:
        with open(source, "rb") as f:
            body = f.read()
        status, headers, answer = server.request(
            "POST", "/v1/validate?format=json&filename=corporations.csv", body,
            {"Content-Type": "text/csv"})
        check(status == 200, f"status {status}: {answer[:300]!r}")
        check(headers.get("X-Gifkit-Valid") == "false", "X-Gifkit-Valid header")
        report = json.loads(answer)
        for part in (cli, report):
            part["stats"].pop("seconds", None)
            for task in part["tasks"]:
                task.pop("seconds", None)
                task.get("stats", {}).pop("seconds", None)
                task["path"] = os.path.basename(task["path"])
        check(report == cli, "the service's report differs from gifkit validate's:\n"
              f"{json.dumps(report, ensure_ascii=False)[:1500]}\n{json.dumps(cli, ensure_ascii=False)[:1500]}")
        status, _, answer = server.request("POST", "/v1/validate?format=ndjson&filename=c.csv", body)
        lines = [json.loads(line) for line in answer.decode().splitlines()]
        check(status == 200 and len(lines) >= 6, f"ndjson report: {status} {len(lines)}")
        status, _, answer = server.request("POST", "/v1/validate?format=sarif", body)
        check(status == 200 and json.loads(answer)["version"] == "2.1.0", "sarif report")
        # An XML instance in a body named .txt is read as XML, as the command
        # reads such a file: from memory, no file of that name is opened.
        with open(os.path.join(FIXTURES, "address_mp02_invalid.xml"), "rb") as f:
            xml = f.read()
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "instance.txt")
            with open(copy, "wb") as f:
                f.write(xml)
            code, out = cli_json("validate", copy, "--format", "json")
            check(code == 1, f"the invalid XML instance fails validation: exit {code}")
            cli = json.loads(out)
        status, _, answer = server.request("POST", "/v1/validate?format=json&filename=instance.txt",
                                           xml)
        check(status == 200, f"XML body: status {status}: {answer[:300]!r}")
        report = json.loads(answer)
        for part in (cli, report):
            task = part["tasks"][0]
            task["path"] = os.path.basename(task["path"])
            for key in ("seconds",):
                part["stats"].pop(key, None)
                task.pop(key, None)
                task.get("stats", {}).pop(key, None)
        check(report["tasks"][0]["format"] == "xml", f"read as {report['tasks'][0].get('format')}")
        check(report == cli, "the XML body's report differs from gifkit validate's:\n"
              f"{json.dumps(report, ensure_ascii=False)[:1500]}\n"
              f"{json.dumps(cli, ensure_ascii=False)[:1500]}")


def expect_error(server, method, path, status, code, body=None, headers=None):
    got, answer_headers, answer = server.request(method, path, body, headers)
    check(got == status, f"{method} {path[:80]}: status {got}, expected {status}: {answer[:300]!r}")
    check(answer_headers.get("Content-Type", "").startswith("application/json"),
          f"{path[:80]}: error is not JSON: {answer_headers}")
    error = json.loads(answer)["error"]
    check(set(error) == {"code", "message"} and error["message"], f"error shape {error}")
    check(not REGISTRIES.leak(error["message"]), f"{path[:80]}: {error['message']}")
    check(error["code"] == code, f"{path[:80]}: code {error['code']}, expected {code}")
    return error["message"]


@case("3-errors-are-json-with-their-status")
def errors_are_json():
    number = a_corporation()
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    wrong = str((int(number[0]) % 9) + 1) + number[1:] if wrong == number else wrong
    with serve() as server:
        message = expect_error(server, "GET", f"/v1/corporations/{number[1:]}0", 400,
                               "bad-check-digit")
        check("check digit" in message, message)
        expect_error(server, "GET", "/v1/corporations/12345", 400, "bad-corporate-number")
        expect_error(server, "GET", f"/v1/corporations/{absent_corporation()}", 404,
                     "corporation-not-found")
        expect_error(server, "GET", "/nothing/here", 404, "not-found")
        # A route's path with another method: 405 with Allow (RFC 9110 §15.5.6).
        expect_error(server, "POST", "/v1/corporations", 405, "method-not-allowed", b"x")
        expect_error(server, "GET", "/v1/corporations/%ZZ%", 400, "bad-corporate-number")
        expect_error(server, "GET", "/v1/addresses/normalize?q=%FF%FE", 400, "not-utf8")
        expect_error(server, "GET", "/v1/addresses/normalize", 400, "missing-parameter")
        expect_error(server, "GET", "/v1/corporations?name=" + quoted("株式会社"), 400, "empty-name")
        expect_error(server, "GET", "/v1/corporations?name=a&furigana=b", 400, "missing-parameter")
        expect_error(server, "GET", "/v1/corporations?name=a&limit=0", 400, "bad-parameter")
        expect_error(server, "GET", "/v1/corporations?name=a&limit=x", 400, "bad-parameter")
        expect_error(server, "GET", "/v1/corporations?name=a&name=b", 400, "bad-parameter")
        expect_error(server, "GET", "/v1/towns", 400, "missing-parameter")
        expect_error(server, "GET", "/v1/characters/" + quoted("髙") + "?to=/etc/passwd", 400,
                     "unknown-charset")
        expect_error(server, "GET", "/v1/characters/U+ZZZZ", 400, "bad-character-key")
        expect_error(server, "GET", "/v1/names/reading?name=" + quoted("佐藤"), 400,
                     "missing-parameter")
        expect_error(server, "GET", "/v1/names/reading?name=a&kana=b&part=middle", 400,
                     "bad-parameter")
        expect_error(server, "GET", "/v1/names/reading?name=" + "a" * 1025 + "&kana=b", 400,
                     "bad-parameter")
        expect_error(server, "GET", "/v1/names/reading?name=%FF&kana=b", 400, "not-utf8")
        message = expect_error(server, "GET", "/v1/characters/MJ999999", 404, "character-not-found")
        check(ARGS.work not in message and REGISTRIES.service_name(registry()) in message,
              f"the server's path: {message}")
        expect_error(server, "POST", "/v1/validate?model=/etc/passwd", 400, "unknown-model", b"a,b\n")
        expect_error(server, "POST", "/v1/validate?filename=x.exe", 415, "unsupported-type", b"a\n")
        expect_error(server, "POST", "/v1/validate?format=text", 400, "bad-parameter", b"a\n")
        expect_error(server, "POST", "/v1/addresses/normalize", 400, "bad-json", b'["a", 1]',
                     {"Content-Type": "application/json"})
        status, _, _ = server.request("GET", "/healthz")
        check(status == 200, "still serving")


@case("4-limits-body-uri-address")
def limits():
    with serve("--max-body", "1", "--max-address-length", "50") as server:
        expect_error(server, "POST", "/v1/addresses/normalize", 413, "body-too-large",
                     b"x" * (1024 * 1024 + 10), {"Content-Type": "text/plain"})
        message = expect_error(server, "GET", "/v1/addresses/normalize?q=" + "a" * 51, 400,
                               "address-too-long")
        check("50" in message, message)
        # A 10 MB query string: 414 (or the connection is closed), and the server goes on.
        try:
            status, _, _ = server.request("GET", "/v1/addresses/normalize?q=" + "a" * 10_000_000,
                                          timeout=30)
            check(status == 414, f"a 10 MB query string: status {status}")
        except (ConnectionError, OSError):
            pass
        # A batch line longer than the limit: answered as unknown, the rest go on.
        body = ("東京都文京区白山一丁目1-1\n" + "あ" * 200_000 + "\n和歌山県和歌山市一番丁1\n").encode()
        status, _, answer = server.request("POST", "/v1/addresses/normalize", body)
        lines = [json.loads(line) for line in answer.decode().splitlines()]
        check(status == 200 and len(lines) == 3, f"batch with a long line: {status} {len(lines)}")
        check(lines[1]["match_level"] == "unknown" and lines[2]["lg_code"] == "302015",
              f"long line unknown, next answered: {lines[1]['reason']}")
        check(server.get_json("/healthz")["status"] == "ok", "still serving")


def rss_peak_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


@case("5-batch-in-order-as-the-cli-in-bounded-memory")
def batch_as_the_cli():
    schools = os.path.join(ARGS.data, "addresses", "schools-input.txt")
    _, expected = cli("address", "normalize", "--registry", registry(), "-i", schools,
                      timeout=300)
    with open(schools, "rb") as f:
        body = f.read()
    with serve("--time-limit", "900000") as server:  # slow builds (sanitizers) too
        status, headers, answer = server.request("POST", "/v1/addresses/normalize", body,
                                                 {"Content-Type": "text/plain"}, timeout=300)
        check(status == 200 and headers.get("Transfer-Encoding") == "chunked", "streamed answer")
        check(answer == expected, "the batch's NDJSON differs from gifkit address normalize's "
              f"({len(answer)} vs {len(expected)} bytes)")
        lines = body.decode().splitlines()[:2000]
        status, _, answer = server.request("POST", "/v1/addresses/normalize",
                                           json.dumps(lines, ensure_ascii=False).encode(),
                                           {"Content-Type": "application/json"})
        check(answer.splitlines() == expected.splitlines()[:2000], "a JSON array answers the same")
        # 18 times the file (1.06 M lines, ~50 MB): memory stays bounded.
        before = rss_peak_kb(server.process.pid)
        big = os.path.join(ARGS.work, "big-batch.txt")
        if not os.path.exists(big):
            with open(big + ".tmp", "wb") as f:
                for _ in range(18):
                    f.write(body if body.endswith(b"\n") else body + b"\n")
            os.replace(big + ".tmp", big)
        connection = __import__("http.client").client.HTTPConnection("127.0.0.1", server.port,
                                                                     timeout=600)
        with open(big, "rb") as f:
            connection.request("POST", "/v1/addresses/normalize", body=f,
                               headers={"Content-Type": "text/plain",
                                        "Content-Length": str(os.path.getsize(big))})
            response = connection.getresponse()
            count = 0
            last = b""
            while True:
                chunk = response.read(1 << 20)
                if not chunk:
                    break
                count += chunk.count(b"\n")
                last = chunk
        connection.close()
        after = rss_peak_kb(server.process.pid)
        check(count == 18 * len(body.decode().splitlines()), f"answered {count} lines")
        check(b"time-limit" not in last, "not cut off")
        check(after - before < 120_000, f"peak memory grew by {after - before} kB for a "
              f"{os.path.getsize(big) >> 20} MB batch")
        print(f"batch of {count} lines: peak RSS {before} kB before, {after} kB after")


@case("6-time-limit-cuts-a-batch-and-a-validation")
def time_limit():
    schools = os.path.join(ARGS.data, "addresses", "schools-input.txt")
    with open(schools, "rb") as f:
        body = f.read() * 3
    with serve("--time-limit", "200") as server:
        status, _, answer = server.request("POST", "/v1/addresses/normalize", body)
        lines = answer.decode().splitlines()
        last = json.loads(lines[-1])
        check(status == 200 and last.get("error", {}).get("code") == "time-limit",
              f"last line {lines[-1][:200]}")
        check(len(lines) < 3 * 58651, f"{len(lines)} lines before the cut")
        # A validation past the limit: 503 time-limit, and the server goes on.
        with open(os.path.join(FIXTURES, "corporations.csv"), "rb") as f:
            header, row = f.read().splitlines()[:2]
        big = header + b"\n" + (row + b"\n") * 300_000
        message = expect_error(server, "POST", "/v1/validate?filename=big.csv", 503, "time-limit",
                               big, {"Content-Type": "text/csv"})
        check("rows" in message, message)
        check(server.get_json("/healthz")["status"] == "ok", "still serving")


@case("7-max-connections-refused-at-once")
def max_connections():
    """--max-connections 4: four keep-alive connections idle for a second make
    room for a fifth (the oldest is closed: it waits for a head); four connections
    whose answers are still being taken (their clients do not read) do not,
    and a fifth is answered 503 too-many-connections at once."""
    with serve("--max-connections", "4", "--keep-alive-timeout", "60000") as server:
        held = []
        for _ in range(4):
            s = socket.create_connection(("127.0.0.1", server.port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            check(b"200 OK" in s.recv(65536), "held connection answered")
            held.append(s)
        time.sleep(1.2)  # idle a second: then one is closed for a new connection
        check(server.request("GET", "/healthz")[0] == 200, "a fifth answered beside 4 idle ones")
        time.sleep(0.2)
        closed = []
        for s in held:
            s.settimeout(0.5)
            try:
                closed.append(s.recv(1) == b"")
            except OSError:
                closed.append(False)
        # (which one waited longest depends on when the server parked each after its answer)
        check(any(closed), f"an idle connection closed for the fifth: {closed}")
        for s in held:
            s.close()
        held = []
        for _ in range(4):  # clients that ask for 60 API documents and read none
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.connect(("127.0.0.1", server.port))
            s.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n" * 60)
            held.append(s)
        time.sleep(0.5)
        extra = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        started = time.monotonic()
        data = b""
        while True:
            chunk = extra.recv(65536)
            if not chunk:
                break
            data += chunk
        check(b"503" in data.split(b"\r\n")[0] and b"too-many-connections" in data,
              f"beyond the limit: {data[:200]!r}")
        check(time.monotonic() - started < 2, "closed at once")
        extra.close()
        for s in held:
            s.close()
        check(wait_until(lambda: server.request("GET", "/healthz")[0] == 200, 5),
              "served again once connections closed")


def read_response(connection):
    """One whole HTTP response with a Content-Length (it may come in several
    reads: headers and body are separate writes), nothing after it."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        check(chunk, f"closed before the headers ended: {data[:200]!r}")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = connection.recv(65536)
        check(chunk, "closed before the body ended")
        body += chunk
    return head + b"\r\n\r\n" + body


@case("8-slow-client-and-idle-keep-alive-cut-off")
def slow_clients():
    with serve("--request-timeout", "1000", "--keep-alive-timeout", "500") as server:
        slow = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        slow.sendall(b"GET /healthz HTTP/1.1\r\n")
        started = time.monotonic()
        closed = False
        try:
            for _ in range(40):  # a header byte every 200 ms, never finishing
                slow.sendall(b"X")
                time.sleep(0.2)
                check(server.request("GET", "/healthz", timeout=5)[0] == 200, "others served")
        except (BrokenPipeError, ConnectionResetError):
            closed = True
        if not closed:
            slow.settimeout(3)
            try:
                closed = slow.recv(100) == b""  # anything else: still open, or answered
            except ConnectionResetError:
                closed = True
            except socket.timeout:
                closed = False
        check(closed and time.monotonic() - started < 5, "a trickling request is cut off")
        slow.close()
        idle = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        check(b"200 OK" in read_response(idle), "answered")
        started = time.monotonic()
        check(idle.recv(100) == b"", "an idle keep-alive connection is closed")
        waited = time.monotonic() - started
        check(0.3 < waited < 2.5, f"closed after {waited:.2f} s (keep-alive timeout 0.5 s)")
        idle.close()


@case("9-sigterm-lets-requests-in-flight-finish")
def graceful_stop():
    schools = os.path.join(ARGS.data, "addresses", "schools-input.txt")
    with open(schools, "rb") as f:
        body = f.read().rstrip(b"\n") + b"\n"
    body *= 2
    server = serve()
    result = {}

    def post():
        result["answer"] = server.request("POST", "/v1/addresses/normalize", body, timeout=120)

    thread = threading.Thread(target=post)
    thread.start()
    check(wait_until(lambda: server.request("GET", "/healthz")[0] == 200), "up")
    time.sleep(0.3)
    server.process.send_signal(signal.SIGTERM)
    thread.join(120)
    code = server.stop()
    status, _, answer = result["answer"]
    lines = answer.decode().splitlines()
    check(status == 200 and len(lines) == len(body.splitlines()) and "error" not in lines[-1],
          f"the batch in flight finished: {len(lines)} lines")
    check(code == 0, f"exit code {code}")
    check("stopped after" in "".join(server.stderr_lines), "says it stopped")
    try:
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
        refused = False
    except OSError:
        refused = True
    check(refused, "no longer listening")


def hammer(server, stop, failures, path="/healthz"):
    while not stop.is_set():
        try:
            status, _, body = server.request("GET", path, timeout=30)
            if status != 200:
                failures.append((status, body[:200]))
        except Exception as error:  # noqa: BLE001 — any failure counts
            failures.append(repr(error))


def served_and_newer(folder):
    """Two registry files built in folder: served.db (the first 法人番号 file) and newer.db
    (all of them, a later data date)."""
    served = os.path.join(folder, "served.db")
    subprocess.run([ARGS.gifkit, "registry", "build", "--out", served,
                    os.path.join(ARGS.data, serve_support.HOUJIN[0])], check=True,
                   capture_output=True)
    newer = os.path.join(folder, "newer.db")
    subprocess.run([ARGS.gifkit, "registry", "build", "--out", newer] +
                   [os.path.join(ARGS.data, h) for h in serve_support.HOUJIN], check=True,
                   capture_output=True)
    return served, newer


@case("10-registry-replaced-or-updated-while-serving")
def registry_swap():
    data = ARGS.data
    with tempfile.TemporaryDirectory() as tmp:
        served, newer = served_and_newer(tmp)
        with Server(ARGS.gifkit, served, "--threads", "4") as server:
            old_date = server.get_json("/v1/registry")["dataDate"]
            stop = threading.Event()
            failures = []
            workers = [threading.Thread(target=hammer,
                                        args=(server, stop, failures, "/v1/registry"))
                       for _ in range(3)]
            for worker in workers:
                worker.start()
            time.sleep(0.5)
            os.replace(newer, served)  # a new build renamed over the served file
            check(wait_until(lambda: server.get_json("/healthz")["generation"] == 2, 5),
                  "the new file is picked up")
            check(server.get_json("/v1/registry")["dataDate"] > old_date, "new data date")
            server.process.send_signal(signal.SIGHUP)
            check(wait_until(lambda: server.get_json("/healthz")["generation"] == 3, 5),
                  "SIGHUP opens it again")
            os.remove(served)  # deleted while serving: the open file keeps answering
            time.sleep(1.5)
            check(server.get_json("/v1/registry")["dataDate"] > old_date, "still answering")
            # /healthz says so: degraded (503), the file gone, generation 3 still served.
            status, _, body = server.request("GET", "/healthz")
            health = json.loads(body)
            check(status == 503 and health["status"] == "degraded" and
                  "gone" in health["problem"] and health["generation"] == 3,
                  f"healthz once the file is deleted: {status} {health}")
            stop.set()
            for worker in workers:
                worker.join()
            check(not failures, f"{len(failures)} failed requests: {failures[:3]}")
        # Updated in place by `registry update` while requests run.
        subprocess.run([ARGS.gifkit, "registry", "build", "--out", served,
                        os.path.join(data, serve_support.HOUJIN[0])], check=True,
                       capture_output=True)
        number = a_corporation()
        with Server(ARGS.gifkit, served) as server:
            stop = threading.Event()
            failures = []
            workers = [threading.Thread(target=hammer, args=(server, stop, failures,
                                                              "/v1/corporations?name=" + quoted("株式会社トヨタ")))
                       for _ in range(3)]
            for worker in workers:
                worker.start()
            update = subprocess.run([ARGS.gifkit, "registry", "update", served,
                                     os.path.join(data, serve_support.HOUJIN[1])],
                                    capture_output=True, timeout=300)
            check(update.returncode in (0, 1), f"update: {update.stderr.decode()[:500]}")
            check(wait_until(lambda: server.get_json("/healthz")["generation"] == 2, 5),
                  "the updated file is read again")
            stop.set()
            for worker in workers:
                worker.join()
            check(not failures, f"{len(failures)} failed requests: {failures[:3]}")
            status, _, _ = server.request("GET", f"/v1/corporations/{number}")
            check(status in (200, 404), "lookups answer after the update")


@case("11-access-log-without-bodies")
def access_log():
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "access.ndjson")
        with serve("--access-log", log) as server:
            secret = "秘密の住所ABC123"
            server.request("GET", "/v1/addresses/normalize?q=" + quoted(secret))
            server.request("POST", "/v1/addresses/normalize", (secret + "\n").encode())
            server.request("GET", "/missing")
        with open(log, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f]
        check(len(lines) == 3, f"{len(lines)} log lines")
        for line in lines:
            check(set(line) == {"time", "method", "path", "route", "status", "duration_ms",
                                "bytes"}, f"fields {sorted(line)}")
            check(line["bytes"] > 0 and line["duration_ms"] >= 0, f"{line}")
        # Each line is written once its answer is sent, so two workers may log out of order.
        routes = sorted((line["method"], line["route"] or "", line["status"]) for line in lines)
        check(routes == [("GET", "", 404), ("GET", "/v1/addresses/normalize", 200),
                         ("POST", "/v1/addresses/normalize", 200)], f"{lines}")
        with open(log, encoding="utf-8") as f:
            text = f.read()
        check("秘密" not in text and "ABC123" not in text, "a query or body reached the log")


@case("12-garbage-requests-fuzz")
def fuzz():
    """A bounded stream of malformed requests (loopback only): 1,500 requests
    or 40 seconds, whichever comes first. The server must answer or close
    each, keep serving, and stop cleanly."""
    rng = random.Random(20261123)
    pieces = [b"GET", b"POST", b"PUT", b"\x00", b"/v1/corporations/", b"/v1/addresses/normalize?q=",
              b"%", b"%ZZ", b"%FF", b"HTTP/1.1", b"HTTP/9.9", b"\r\n", b"\n", b" ", b":",
              b"Content-Length: ", b"-1", b"99999999999999999999", b"Transfer-Encoding: chunked",
              b"zz\r\n", b"Host: x", "髙".encode(), b"\xff\xfe", b"?name=", b"&limit=",
              b"Expect: 100-continue", b"Connection: close"]
    with serve("--request-timeout", "2000") as server:
        deadline = time.monotonic() + 40
        sent = 0
        while sent < 1500 and time.monotonic() < deadline:
            if rng.random() < 0.3:
                data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
            else:
                data = b"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
            if rng.random() < 0.7:
                data += b"\r\n\r\n"
            try:
                s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
                while s.recv(65536):
                    pass
                s.close()
            except (ConnectionError, socket.timeout, OSError):
                pass
            sent += 1
            if sent % 250 == 0:
                check(server.request("GET", "/healthz")[0] == 200, f"alive after {sent}")
        check(server.process.poll() is None, "the server is alive")
        check(server.get_json("/healthz")["status"] == "ok", "and answers")
        code = server.stop()
        check(code == 0, f"stopped with exit code {code}")
        print(f"{sent} garbage requests")


@case("13-thousands-of-connections")
def many_connections():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 20000), hard))
    wanted = min(3000, min(hard, 20000) - 100)
    with serve("--max-connections", "1000", "--keep-alive-timeout", "30000") as server:
        sockets = []
        refused = 0
        for _ in range(wanted):
            try:
                sockets.append(socket.create_connection(("127.0.0.1", server.port), timeout=10))
            except OSError:
                refused += 1
        time.sleep(0.5)
        closed = 0
        for s in sockets:
            s.setblocking(False)
            try:
                data = s.recv(65536)
                if data == b"" or b"503" in data:
                    closed += 1
            except BlockingIOError:
                pass
        check(closed >= wanted - 1000 - refused - 5,
              f"{closed} of {wanted} connections refused (limit 1000)")
        for s in sockets:
            s.close()
        check(wait_until(lambda: server.request("GET", "/healthz")[0] == 200, 10), "serving")
        print(f"{wanted} connections: {closed} refused beyond the limit")


@case("14-never-echoes-an-individual-number")
def never_echoes_an_individual_number():
    """DESIGN.md §9: a 個人番号 asked for in a path or a parameter, or held by an uploaded file,
    is never in an answer nor in the access log — masked (************) where it is quoted. The
    numbers are the made-up ones of tests/e2e/data/individual_numbers.csv
    (cases/individual_number.py, 22.x)."""
    from cases.individual_number import fixture_individual_numbers
    numbers = fixture_individual_numbers()
    number = next(n for n in numbers if len(n) == 12 and n.isascii())
    grouped = next(n for n in numbers if "-" in n)

    def lacks(where, text):
        shown = [n for n in numbers if n in text]
        check(not shown, f"{where} shows {shown}: {text[:500]}")

    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "access.ndjson")
        with serve("--access-log", log) as server:
            for path, status, code in [
                    (f"/v1/corporations/{number}", 400, "bad-corporate-number"),
                    (f"/v1/corporations/{grouped}", 400, "bad-corporate-number"),
                    (f"/v1/corporations/{quoted(number + ' ')}?history=1", 400,
                     "bad-corporate-number"),
                    (f"/v1/corporations?name=a&limit={number}", 400, "bad-parameter"),
                    (f"/v1/corporations?name=a&offset={number}", 400, "bad-parameter"),
                    (f"/v1/addresses/reverse?lat={number}&lon=139.75", 400, "bad-parameter"),
                    (f"/v1/towns?lg_code={number}", 400, "bad-parameter"),
                    (f"/v1/towns?lg_code=131059&machiaza_id={grouped}", 400, "bad-parameter"),
                    (f"/v1/characters/{number}", None, None),
                    (f"/v1/characters/{quoted('髙')}?to={number}", 400, "unknown-charset"),
                    (f"/v1/{number}", 404, "not-found")]:
                got, _, answer = server.request("GET", path)
                text = answer.decode("utf-8")
                check(status is None or got == status, f"GET {path}: status {got}: {text[:300]}")
                if code:
                    error = json.loads(text)["error"]
                    check(error["code"] == code and "****" in error["message"],
                          f"GET {path}: {error}")
                lacks(f"GET {path}", text)
            with open(os.path.join(FIXTURES, "individual_numbers.csv"), "rb") as f:
                body = f.read()
            for form in ("json", "ndjson", "sarif"):
                status, headers, answer = server.request(
                    "POST", f"/v1/validate?model=gif:Person&format={form}&filename=people.csv", body,
                    {"Content-Type": "text/csv"})
                text = answer.decode("utf-8")
                check(status == 200 and headers.get("X-Gifkit-Valid") == "false",
                      f"validate {form}: {status}")
                check("individual-number" in text, f"validate {form}: no individual-number")
                lacks(f"validate {form}", text)
        with open(log, encoding="utf-8") as f:
            logged = f.read()
        check(logged.count("\n") == 14, f"{logged.count(chr(10))} log lines")
        lacks("the access log", logged)


@case("15-a-registry-that-cannot-answer-is-a-500")
def registry_that_cannot_answer():
    """A registry whose name index is of another format cannot answer a name
    search: 500 registry-error, saying why, without the registry's path (or
    a server's password); lookups by number go on answering."""
    broken = os.path.join(ARGS.work, f"index-of-another-format-{os.getpid()}.db")
    shutil.copyfile(registry(), broken)
    try:
        REGISTRIES.change(broken, "UPDATE meta SET value = '0' WHERE key = 'name_index_format'")
        with Server(ARGS.gifkit, REGISTRIES.served(broken), data=ARGS.data) as server:
            message = expect_error(server, "GET", "/v1/corporations?name=" + quoted("東京"), 500,
                                   "registry-error")
            check("name index" in message and ARGS.work not in message, message)
            status, _, _ = server.request("GET", f"/v1/corporations/{a_corporation()}")
            check(status == 200, f"a lookup by number: {status}")
    finally:
        os.remove(broken)


@case("16-models-list-and-no-model-fits")
def models_list_and_no_model_fits():
    """GET /v1/models lists what ?model= may name (the CLI's `model list`), with each
    model's file-name kind and partial flag; a body no model fits is answered 422
    no-model-fits (not a file-error), its message naming --model; named by a model of the list,
    the same body is validated (issue #30)."""
    _, out = cli_json("model", "list", "--format", "json")
    ids = [m["id"] for m in json.loads(out)]
    body = "調達案件名称,落札日,落札価格,落札者\n庁舎清掃業務,2024-04-01,1200000,株式会社サンプル\n"
    with serve() as server:
        status, headers, answer = server.request("GET", "/v1/models")
        check(status == 200, f"GET /v1/models: {status} {answer[:300]!r}")
        check(headers.get("Content-Type", "").startswith("application/json"), f"{headers}")
        models = json.loads(answer)["models"]
        check([m["id"] for m in models] == ids, f"not the CLI's list: {[m['id'] for m in models]}")
        hydrant = {m["id"]: m for m in models}["opendata:fire-hydrant"]
        check(hydrant["fileName"] == "fire_hydrant" and hydrant["partial"] is True
              and hydrant["items"] > 0 and hydrant["label"] == "消防水利施設一覧", f"{hydrant}")
        # No model fits: not validated, so 422 with the report's problem as the error (19.18).
        message = expect_error(server, "POST", "/v1/validate?format=json&filename=procurement.csv",
                               422, "no-model-fits", body.encode("utf-8"),
                               {"Content-Type": "text/csv"})
        check("the closest are" in message and "--model" in message, message)
        status, _, answer = server.request(
            "POST", "/v1/validate?format=json&filename=procurement.csv&model=gif:Facility",
            body.encode("utf-8"), {"Content-Type": "text/csv"})
        check(status == 200, f"validate with a model: {status}")
        task = json.loads(answer)["tasks"][0]
        check(task["model"] == "gif:Facility" and all(p["code"] != "no-model-fits"
                                                      for p in task["errors"]), f"{task['model']}")


@case("17-health-answers-as-healthz")
def health_answers_as_healthz():
    """/health (the name abr-geocoder's clients and load balancers ask for) is /healthz."""
    with serve() as server:
        health = server.get_json("/health")
        check(health == server.get_json("/healthz") and health["status"] == "ok",
              f"/health {health}")


@case("18-validate-422-when-the-file-could-not-be-validated")
def validate_422_when_not_validated():
    """POST /v1/validate answers 422 with a JSON error (code: the report's no-model-fits or
    file-error; the CLI exits 2) when the file could not be validated, whatever the format;
    200 with the report when it was, valid or not."""
    unfit = "調達案件名称,落札日,落札価格,落札者\n庁舎清掃業務,2024-04-01,1200000,株式会社サンプル\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "procurement.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(unfit)
        code, _ = cli("validate", path, "--format", "json")
        check(code == 2, f"gifkit validate exits {code} on a file no model fits")
    with serve() as server:
        for form in ("json", "ndjson", "sarif"):
            message = expect_error(server, "POST", f"/v1/validate?format={form}&filename=p.csv",
                                   422, "no-model-fits", unfit.encode(),
                                   {"Content-Type": "text/csv"})
            check("--model" in message or "?model=" in message, f"{form}: {message}")
        # An xlsx body that is no workbook: unreadable, file-error.
        expect_error(server, "POST", "/v1/validate?format=json&filename=broken.xlsx&model=gif:Person",
                     422, "file-error", b"PK\x03\x04 this is no zip archive",
                     {"Content-Type": "application/octet-stream"})
        with open(os.path.join(FIXTURES, "corporations.csv"), "rb") as f:
            status, headers, answer = server.request(
                "POST", "/v1/validate?format=json&filename=corporations.csv", f.read(),
                {"Content-Type": "text/csv"})
        check(status == 200 and headers.get("X-Gifkit-Valid") == "false" and
              json.loads(answer)["tasks"][0]["model"], f"a validated file: {status}")


def labels_of(record):
    """The names the registry's tables give a corporation's codes, as the CLI's text shows them."""
    return {"kindName": record["kindName"], "processName": record["processName"],
            "closeCauseName": record["closeCauseName"]}


@case("19-corporations-carry-their-code-labels")
def corporations_carry_code_labels():
    """kindName, processName, closeCauseName beside each code, in the service's objects and
    `lookup corporation -f json` alike, from the tables the change feed and the CLI's text
    read (株式会社 for 301): a closed one has its cause named."""
    import sqlite3
    db = sqlite3.connect(f"file:{registry()}?mode=ro", uri=True)
    closed, = db.execute("SELECT corporate_number FROM corporation WHERE close_cause = '01' "
                         "ORDER BY corporate_number LIMIT 1").fetchone()
    stock, = db.execute("SELECT corporate_number FROM corporation WHERE kind = '301' "
                        "ORDER BY corporate_number LIMIT 1").fetchone()
    db.close()
    with serve() as server:
        for number in (str(closed), str(stock)):
            record = server.get_json(f"/v1/corporations/{number}")
            _, out = cli_json("lookup", "corporation", "--registry", registry(), number, "-f", "json")
            check(json.loads(out) == record, "lookup corporation -f json differs")
            _, text = cli_json("lookup", "corporation", "--registry", registry(), number)
            for code, name in (("kind", "kindName"), ("process", "processName"),
                               ("closeCause", "closeCauseName")):
                keys = list(record)
                check(keys[keys.index(code) + 1] == name, f"{name} is not beside {code}: {keys}")
                if record[code]:
                    check(record[name] and f"{record[code]} ({record[name]})" in text,
                          f"{name} {record[name]!r} is not the CLI's name of {record[code]}")
        check(server.get_json(f"/v1/corporations/{stock}")["kindName"] == "株式会社", "301")
        check(server.get_json(f"/v1/corporations/{closed}")["closeCauseName"] == "清算の結了等",
              "close cause 01")
        history = server.get_json(f"/v1/corporations/{closed}?history=1")
        check(all(row["processName"] for row in history["history"]), "history rows named")
        found = server.get_json("/v1/corporations?name=" + quoted("トヨタ") + "&limit=3")
        check(all(r["kindName"] for r in found["results"] if r["kind"]), "search results named")


@case("20-searches-say-a-total-count")
def searches_say_a_total_count():
    """A name search says how many match in all: count is the length of the whole list
    (paged through with limit/offset), exact (countExact) below --max-results; above it,
    it is --max-results and countExact false — never a made-up number."""
    with serve() as server:
        whole = server.get_json("/v1/corporations?name=" + quoted("日本") + "&limit=1000")
        check(whole["countExact"] and whole["count"] == len(whole["results"]) and
              not whole["more"] and whole["count"] > 3, f"count {whole['count']}")
        page = server.get_json("/v1/corporations?name=" + quoted("日本") + "&limit=2&offset=1")
        check(page["count"] == whole["count"] and page["countExact"] and page["more"],
              f"a page says the same count: {page['count']}")
        none = server.get_json("/v1/corporations?name=" + quoted("存在しない名前ぞ") + "&limit=5")
        check(none["count"] == 0 and none["countExact"] and none["results"] == [], f"{none}")
    # A cap below the matches: count is the cap, countExact false.
    with serve("--max-results", "3") as server:
        capped = server.get_json("/v1/corporations?name=" + quoted("日本") + "&limit=3")
        check(capped["count"] == 3 and capped["countExact"] is False and
              len(capped["results"]) == 3, f"capped {capped['count']} {capped['countExact']}")


@case("21-corporations-by-numbers")
def corporations_by_numbers():
    """GET /v1/corporations?numbers=A,B,… (1 to 10, the NTA Web-API's /num):
    {count, results, notFound}, the results in the order asked and each the single
    lookup's object; a number the registry lacks (the single lookup's 404) in notFound;
    11 numbers, a malformed one, none: 400 naming it."""
    import sqlite3
    db = sqlite3.connect(f"file:{registry()}?mode=ro", uri=True)
    numbers = [str(n) for n, in db.execute(
        "SELECT corporate_number FROM corporation ORDER BY corporate_number DESC LIMIT 9")]
    db.close()
    absent = absent_corporation()
    asked = numbers[:4] + [absent] + numbers[4:]
    with serve() as server:
        answer = server.get_json("/v1/corporations?numbers=" + ",".join(asked))
        check(set(answer) == {"count", "results", "notFound"}, f"{list(answer)}")
        check(answer["count"] == 9 and answer["notFound"] == [absent], f"{answer['notFound']}")
        check([r["corporateNumber"] for r in answer["results"]] == numbers, "the order asked")
        for record in answer["results"][:3]:
            check(record == server.get_json(f"/v1/corporations/{record['corporateNumber']}"),
                  "not the single lookup's object")
        expect_error(server, "GET", f"/v1/corporations/{absent}", 404, "corporation-not-found")
        one = server.get_json(f"/v1/corporations?numbers={numbers[0]}")
        check(one["count"] == 1 and one["notFound"] == [], f"{one}")
        message = expect_error(server, "GET", "/v1/corporations?numbers=" +
                               ",".join(numbers + [absent, numbers[0]]), 400, "too-many-numbers")
        check("11" in message and "10" in message, message)
        bad = numbers[1][:-1] + str((int(numbers[1][-1]) + 1) % 10)
        message = expect_error(server, "GET", f"/v1/corporations?numbers={numbers[0]},{bad}", 400,
                               "bad-check-digit")
        check(bad in message, message)
        message = expect_error(server, "GET", f"/v1/corporations?numbers={numbers[0]},12345", 400,
                               "bad-corporate-number")
        check("12345" in message, message)
        expect_error(server, "GET", "/v1/corporations?numbers=", 400, "missing-parameter")
        expect_error(server, "GET", "/v1/corporations?numbers=,,", 400, "missing-parameter")
        expect_error(server, "GET", f"/v1/corporations?numbers={numbers[0]}&name=a", 400,
                     "missing-parameter")


@case("22-cors-origin")
def cors_origin():
    """--cors-origin ORIGIN (repeatable, * for any): Access-Control-Allow-Origin on answers
    (errors too) to requests from an allowed Origin, a preflight OPTIONS answered 204;
    another origin and a server without the option get no CORS header; a malformed origin
    is a usage error (exit 2)."""
    site = "https://app.example.jp"
    preflight = {"Origin": site, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    with serve() as server:
        for path in ("/healthz", "/v1/corporations/12345"):
            _, headers, _ = server.request("GET", path, headers={"Origin": site})
            check(not any(h.lower().startswith("access-control-") for h in headers),
                  f"CORS headers without --cors-origin: {headers}")
        status, headers, _ = server.request("OPTIONS", "/v1/validate", headers=preflight)
        check(status != 204 and "Access-Control-Allow-Origin" not in headers,
              f"a preflight without --cors-origin: {status} {headers}")
    with serve("--cors-origin", site, "--cors-origin", "http://localhost:5173") as server:
        status, headers, _ = server.request("GET", "/healthz", headers={"Origin": site})
        check(status == 200 and headers.get("Access-Control-Allow-Origin") == site and
              headers.get("Vary") == "Origin", f"allowed origin: {headers}")
        _, headers, _ = server.request("GET", "/healthz",
                                       headers={"Origin": "http://localhost:5173"})
        check(headers.get("Access-Control-Allow-Origin") == "http://localhost:5173", f"{headers}")
        status, headers, _ = server.request("GET", "/v1/corporations/12345",
                                            headers={"Origin": site})
        check(status == 400 and headers.get("Access-Control-Allow-Origin") == site,
              f"an error answer: {status} {headers}")
        _, headers, _ = server.request("GET", "/healthz", headers={"Origin": "https://evil.example"})
        check("Access-Control-Allow-Origin" not in headers, f"another origin: {headers}")
        _, headers, _ = server.request("GET", "/healthz")
        check("Access-Control-Allow-Origin" not in headers, f"no Origin: {headers}")
        status, headers, body = server.request("OPTIONS", "/v1/validate", headers=preflight)
        check(status == 204 and body == b"" and headers.get("Access-Control-Allow-Origin") == site
              and "POST" in headers.get("Access-Control-Allow-Methods", "") and
              "Content-Type" in headers.get("Access-Control-Allow-Headers", ""),
              f"preflight: {status} {headers}")
        with open(os.path.join(FIXTURES, "corporations.csv"), "rb") as f:
            status, headers, _ = server.request(
                "POST", "/v1/validate?format=json&filename=c.csv", f.read(),
                {"Content-Type": "text/csv", "Origin": site})
        check(status == 200 and headers.get("Access-Control-Allow-Origin") == site and
              "X-Gifkit-Valid" in headers.get("Access-Control-Expose-Headers", ""), f"{headers}")
    with serve("--cors-origin", "*") as server:
        _, headers, _ = server.request("GET", "/healthz", headers={"Origin": "https://any.example"})
        check(headers.get("Access-Control-Allow-Origin") == "*", f"*: {headers}")
    for wrong in ("example.jp", "https://example.jp/path", "ftp://example.jp"):
        result = subprocess.run([ARGS.gifkit, "serve", "--registry", registry(), "--port", "0",
                                 "--cors-origin", wrong], capture_output=True, timeout=60)
        err = result.stderr.decode("utf-8", "replace")
        check(result.returncode == 2 and "--cors-origin" in err and wrong in err,
              f"--cors-origin {wrong}: exit {result.returncode}: {err[:300]}")


@case("23-normalize-full-address-passes-validate")
def normalize_full_address_passes_validate():
    """Normalize answers carry gif.fullAddress, the connected DS-442 form; the service's
    answers for real addresses (the school list's lines in 文京区, 和歌山県, 屋久島町, which
    the served registry's ABR holds) fed back to `gifkit validate` as a 住所 column raise
    no problem on that column — where the normalized `output` (全角 丁目) does."""
    schools = os.path.join(ARGS.data, "addresses", "schools-input.txt")
    with open(schools, encoding="utf-8") as f:
        lines = [line.strip() for line in f]
    picked = ([x for x in lines if x.startswith("東京都文京区")][:60] +
              [x for x in lines if x.startswith("和歌山県")][:60] +
              [x for x in lines if "屋久島町" in x][:20])
    with serve() as server:
        one = server.get_json("/v1/addresses/normalize?q=" + quoted("東京都文京区白山２丁目1-2"))
        check(one["gif"]["fullAddress"] == "東京都文京区白山2-1-2", f"{one['gif']}")
        status, _, answer = server.request("POST", "/v1/addresses/normalize",
                                           "\n".join(picked).encode(),
                                           {"Content-Type": "text/plain"})
        check(status == 200, f"batch {status}")
        results = [json.loads(line) for line in answer.decode().splitlines()]
    full = [r for r in results if r["gif"]["fullAddress"] and
            r["match_level"] in ("residential_detail", "residential_block", "parcel")]
    check(len(full) >= 60, f"only {len(full)} of {len(picked)} addresses normalized to a number")
    check(any(r["output"] != r["gif"]["fullAddress"] for r in full), "nothing was rewritten")

    def problems_on_the_column(values):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "addresses.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write("住所\n" + "".join(f"{v}\n" for v in values))
            _, out = cli("validate", "--model", "gif:Address", "--registry", registry(),
                         "--format", "json", "--max-errors", "100000", path)
        task = json.loads(out)["tasks"][0]
        return [p for p in task["errors"] if p["column"] == 1 and p["row"] > 1]

    found = problems_on_the_column([r["gif"]["fullAddress"] for r in full])
    check(found == [], f"{len(found)} problems on fullAddress: "
          f"{json.dumps(found[:3], ensure_ascii=False)}")
    control = problems_on_the_column([r["output"] for r in full])
    check(any(p["code"] in ("invalid-format", "wrong-width") for p in control),
          "the normalized output passes too: the test cannot tell")
    _, out = cli("address", "normalize", "--registry", registry(), "東京都文京区白山２丁目1-2")
    check(json.loads(out)["gif"]["fullAddress"] == "東京都文京区白山2-1-2", "the CLI's answer")


def keep_alive_lookups_while(change):
    """24 keep-alive connections (8 client threads, 3 each) look corporations up by number
    (every fifth request /healthz) against 4 workers of a server on served.db; after 1 s,
    change(served, newer) changes the registry. Checks that every answer was 200 on the
    connection's one socket (the server never closed one) and that every connection then
    saw generation 2; returns (answers, fewest answers on one connection)."""
    with tempfile.TemporaryDirectory() as tmp:
        served, newer = served_and_newer(tmp)
        import sqlite3
        db = sqlite3.connect(f"file:{served}?mode=ro", uri=True)
        numbers = [str(n) for n, in db.execute(
            "SELECT corporate_number FROM corporation ORDER BY corporate_number LIMIT 50")]
        db.close()
        with Server(ARGS.gifkit, served, "--threads", "4") as server:
            stop = threading.Event()
            failures = []
            seen = {}  # connection index: (requests answered, generations seen)
            lock = threading.Lock()

            def client(first):
                connections = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                               for _ in range(3)]
                sockets = [None] * 3
                count = 0
                try:
                    while not stop.is_set():
                        for i, connection in enumerate(connections):
                            count += 1
                            path = ("/healthz" if count % 5 == 0 else
                                    f"/v1/corporations/{numbers[count % len(numbers)]}")
                            connection.request("GET", path)
                            response = connection.getresponse()
                            body = response.read()
                            if sockets[i] is None:
                                sockets[i] = connection.sock
                            elif connection.sock is not sockets[i]:
                                failures.append(f"connection {first + i} was opened again")
                            if response.status != 200 or response.getheader("Connection") == "close":
                                failures.append((path, response.status, body[:200]))
                            with lock:
                                answered, generations = seen.get(first + i, (0, set()))
                                if path == "/healthz":
                                    generations.add(json.loads(body)["generation"])
                                seen[first + i] = (answered + 1, generations)
                except Exception as error:  # noqa: BLE001 — any failure counts
                    failures.append(repr(error))
                finally:
                    for connection in connections:
                        connection.close()

            threads = [threading.Thread(target=client, args=(3 * t,)) for t in range(8)]
            for thread in threads:
                thread.start()
            time.sleep(1.0)
            try:
                change(served, newer)
            finally:
                def all_saw_generation_2():
                    with lock:
                        return len(seen) == 24 and all(2 in g for _, g in seen.values())
                picked_up = wait_until(all_saw_generation_2, 10)
                time.sleep(0.5)
                stop.set()
                for thread in threads:
                    thread.join()
            check(not failures, f"{len(failures)} failures: {failures[:3]}")
            check(picked_up, "every keep-alive connection sees generation 2: "
                  f"{sorted((k, sorted(g)) for k, (_, g) in seen.items())[:5]}")
            fewest = min(answered for answered, _ in seen.values())
            check(fewest >= 20, f"each connection answered many requests (fewest {fewest})")
            check(server.get_json("/v1/registry")["generation"] == 2, "the new file is served")
            return sum(a for a, _ in seen.values()), fewest


@case("24-keep-alive-connections-across-workers-and-a-swap")
def keep_alive_across_a_swap():
    """Lookups by number on 24 keep-alive connections while a new build is renamed over the
    registry (keep_alive_lookups_while): none fails, none is closed, all see the new file."""
    answers, fewest = keep_alive_lookups_while(lambda served, newer: os.replace(newer, served))
    print(f"24 keep-alive connections, {answers} answers, fewest on one connection {fewest}")


@case("25-lookups-by-number-while-updated-in-place")
def lookups_while_updated_in_place():
    """Lookups by number on 24 keep-alive connections while `registry update` writes the
    served file in place: the workers' read transactions held between lookups (at most
    20 ms) do not keep the update from committing — it ends within 60 s, exit 0 or 1 — and
    no lookup fails."""
    took = []

    def update(served, _newer):
        started = time.monotonic()
        result = subprocess.run([ARGS.gifkit, "registry", "update", served,
                                 os.path.join(ARGS.data, serve_support.HOUJIN[1])],
                                capture_output=True, timeout=300)
        took.append(time.monotonic() - started)
        check(result.returncode in (0, 1), f"update: exit {result.returncode}: "
              f"{result.stderr.decode()[-500:]}")
        check(b"locked" not in result.stderr and b"busy" not in result.stderr,
              f"the update waited for no lock: {result.stderr.decode()[-300:]}")

    answers, fewest = keep_alive_lookups_while(update)
    check(took and took[0] < 60, f"the update took {took}")
    print(f"update in place took {took[0]:.1f} s; {answers} answers, fewest on one connection "
          f"{fewest}")


def raw_answers(port, requests):
    """The bytes of each answer to requests (each a whole request's bytes), sent one after
    another on one connection; an answer read by its Content-Length."""
    out = []
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        for request in requests:
            s.sendall(request)
            data = b""
            while True:
                chunk = s.recv(65536)
                data += chunk
                head, _, rest = data.partition(b"\r\n\r\n")
                lengths = [line.split(b":", 1)[1] for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length:")]
                if not chunk or (lengths and len(rest) >= int(lengths[0])):
                    break
            out.append(data)
    return out


@case("26-plain-lookups-answer-as-the-route")
def plain_lookups_answer_as_the_route():
    """A lookup by number with only Host, User-Agent and Accept is answered on the plain path
    (HttpEngine::plain_answer); the same request with any other header by httplib and the
    route. Both answers are the same bytes, for corporations held, a number the registry
    lacks, a wrong check digit and ?history=1; an Origin under --cors-origin still gets its
    CORS headers, Connection: close still closes, and the access log still has every lookup."""
    import sqlite3
    db = sqlite3.connect(f"file:{registry()}?mode=ro", uri=True)
    numbers = [str(n) for n, in db.execute(
        "SELECT corporate_number FROM corporation ORDER BY corporate_number LIMIT 40")]
    db.close()
    paths = [f"/v1/corporations/{n}" for n in numbers] + [
        f"/v1/corporations/{absent_corporation()}", "/v1/corporations/1234567890124",
        f"/v1/corporations/{numbers[0]}?history=1"]
    plain = [f"GET {p} HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\naccept: */*\r\n\r\n".encode()
             for p in paths]
    routed = [f"GET {p} HTTP/1.1\r\nHost: x\r\nX-Probe: 1\r\n\r\n".encode() for p in paths]
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "access.ndjson")
        with serve("--cors-origin", "https://app.example.jp") as server:
            fast = raw_answers(server.port, plain)
            slow = raw_answers(server.port, routed)
            differ = [paths[i] for i in range(len(paths)) if fast[i] != slow[i]]
            check(not differ, f"{len(differ)} answers differ: {differ[:3]}")
            check(fast[0].startswith(b"HTTP/1.1 200 OK\r\n") and numbers[0].encode() in fast[0],
                  f"a plain answer: {fast[0][:200]!r}")
            check(b" 404 " in fast[-3].split(b"\r\n")[0] and b" 400 " in fast[-2].split(b"\r\n")[0],
                  "absent: 404, wrong check digit: 400")
            cors, = raw_answers(server.port, [
                f"GET {paths[0]} HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.jp\r\n\r\n".encode()])
            check(b"Access-Control-Allow-Origin: https://app.example.jp" in cors,
                  f"CORS headers on a lookup: {cors[:300]!r}")
            closing, = raw_answers(server.port, [
                f"GET {paths[0]} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()])
            check(b"Connection: close" in closing, f"Connection: close: {closing[:300]!r}")
        with serve("--access-log", log) as server:
            raw_answers(server.port, plain[:5])
        with open(log, encoding="utf-8") as f:
            logged = [json.loads(line) for line in f]
        check(len(logged) == 5 and all(e["route"] == "/v1/corporations/{number}" for e in logged),
              f"the access log has every lookup: {logged[:2]}")
    print(f"{len(paths)} lookups: plain and routed answers identical")


@case("27-validate-an-empty-file-or-a-poor-fit-fails-as-the-cli")
def validate_empty_or_poor_fit_fails_as_the_cli():
    """The gate's rules of issue #54 hold in the service: a header with no rows is a
    no-data-rows error (X-Gifkit-Valid false) unless allow_empty=1; a model named with ?model=
    that knows under half of the columns is a poor-model-fit error — the reports as
    `gifkit validate` writes them."""
    header_only = "法人番号,商号又は名称,商号又は名称（カナ）,組織種別,設立年月日\n"
    unfit = "施設コード,棟,階,設置日,点検日,担当\nA1,本館,1,2024-04-01,2025-04-01,総務課\n"
    with serve() as server:
        for query, body, valid, code, severity in (
                ("", header_only, "false", "no-data-rows", "error"),
                ("&allow_empty=1", header_only, "true", "no-data-rows", "warning"),
                ("&model=gif:Person", unfit, "false", "poor-model-fit", "error")):
            status, headers, answer = server.request(
                "POST", f"/v1/validate?format=json&filename=list.csv{query}", body.encode(),
                {"Content-Type": "text/csv"})
            check(status == 200, f"{query}: status {status}: {answer[:300]!r}")
            check(headers.get("X-Gifkit-Valid") == valid, f"{query}: X-Gifkit-Valid "
                  f"{headers.get('X-Gifkit-Valid')}, expected {valid}")
            found = [(p["code"], p["severity"]) for p in json.loads(answer)["tasks"][0]["errors"]
                     if p["code"] == code]
            check(found == [(code, severity)], f"{query}: {found}")
        expect_error(server, "POST", "/v1/validate?allow_empty=maybe", 400, "bad-parameter",
                     header_only.encode())


def every_page(server, url, size, on_page=None):
    """The results of url's pages of size put together, asked until one says no more follow."""
    results, offset = [], 0
    while True:
        page = server.get_json(f"{url}&limit={size}&offset={offset}")
        if on_page:
            on_page(page)
        results += page["results"]
        offset += size
        if not page["more"]:
            return results


@case("28-towns-page-and-say-what-the-registry-covers")
def towns_page_and_say_what_the_registry_covers():
    """/v1/towns pages a city's 町字 (issue #58): count is every row (not the 50 of a page),
    more says a next page has rows, the pages put together are the whole list in order; and
    coverage tells a city whose 町字 the registry holds (towns) from one it holds without them
    (city-only) and one it does not hold (none) — an empty list alone said neither."""
    import sqlite3
    with sqlite3.connect(f"file:{registry()}?mode=ro", uri=True) as db:
        (city, rows), = db.execute("SELECT lg_code, count(*) FROM abr_town GROUP BY lg_code "
                                   "HAVING count(*) <= 1000 ORDER BY 2 DESC, 1 LIMIT 1").fetchall()
        bare = db.execute("SELECT lg_code FROM abr_city WHERE substr(lg_code, 3, 3) <> '000' AND "
                          "lg_code NOT IN (SELECT lg_code FROM abr_town) LIMIT 1").fetchall()
    with serve() as server:
        whole = server.get_json(f"/v1/towns?lg_code={city}&limit=1000")
        check(whole["count"] == rows == len(whole["results"]) and not whole["more"] and
              whole["coverage"] == "towns" and whole["offset"] == 0, f"{city}: {rows} rows, "
              f"{ {k: v for k, v in whole.items() if k != 'results'} }")
        first = server.get_json(f"/v1/towns?lg_code={city}")
        check(first["limit"] == 50 and len(first["results"]) == min(50, rows) and
              first["more"] == (rows > 50) and first["count"] == rows, f"first page: {first['count']}")
        pages = every_page(server, f"/v1/towns?lg_code={city}", 97)
        check(pages == whole["results"], f"{len(pages)} rows by pages of 97, {rows} at once")
        beyond = server.get_json(f"/v1/towns?lg_code={city}&offset={rows + 5}")
        check(beyond["results"] == [] and beyond["count"] == rows and not beyond["more"],
              f"past the end: {beyond}")
        one = server.get_json(f"/v1/towns?lg_code={city}&limit=1&prefix=" +
                              quoted(whole["results"][0]["oaza_cho"]))
        check(one["count"] >= 1 and len(one["results"]) == 1 and
              one["more"] == (one["count"] > 1), f"a prefix: {one}")
        if bare:
            empty = server.get_json(f"/v1/towns?lg_code={bare[0][0]}")
            check(empty["coverage"] == "city-only" and empty["count"] == 0 and
                  empty["results"] == [], f"{bare[0][0]}: {empty}")
        # A valid code of no city the registry holds (47999C): none.
        for digit in range(10):
            status, _, answer = server.request("GET", f"/v1/towns?lg_code=47999{digit}")
            if status == 200:
                outside = json.loads(answer)
                check(outside["coverage"] == "none" and outside["results"] == [], f"{outside}")
                break
        else:
            raise AssertionError("no check digit of 47999 answered 200")
        expect_error(server, "GET", "/v1/towns?lg_code=130001", 400, "bad-parameter")
        expect_error(server, "GET", f"/v1/towns?lg_code={city}&offset=-1", 400, "bad-parameter")


@case("29-reverse-pages-nearest-first-and-counts")
def reverse_pages_nearest_first_and_counts():
    """/v1/addresses/reverse pages (issue #58): the pages of 7 put together are the nearest
    places in order, as one answer of them all and as `gifkit address reverse --offset`; more
    says a next page has places; count is exact when the search covered the radius (always
    with count=exact), else null with count_at_least, never a wrong number."""
    point = "lat=35.7204&lon=139.7511&radius=300"
    with serve() as server:
        whole = server.get_json(f"/v1/addresses/reverse?{point}&limit=1000")
        total = len(whole["results"])
        check(20 < total < 1000 and whole["count"] == total and not whole["more"] and
              whole["offset"] == 0, f"{total} places within 300 m: "
              f"{ {k: v for k, v in whole.items() if k != 'results'} }")
        distances = [hit["distance_m"] for hit in whole["results"]]
        check(distances == sorted(distances), "nearest first")
        def counted(page):
            check(page["count"] in (None, total) and page["count_at_least"] <= total,
                  f"offset {page['offset']}: count {page['count']}, at least {page['count_at_least']}")
        pages = every_page(server, f"/v1/addresses/reverse?{point}", 7, counted)
        check(pages == whole["results"], f"{len(pages)} places by pages of 7, {total} at once")
        first = server.get_json(f"/v1/addresses/reverse?{point}")
        check(len(first["results"]) == 1 and first["more"] and first["limit"] == 1 and
              first["count"] is None and 2 <= first["count_at_least"] <= total,
              f"the default page: { {k: v for k, v in first.items() if k != 'results'} }")
        exact = server.get_json(f"/v1/addresses/reverse?{point}&count=exact")
        check(exact["count"] == total and exact["results"] == first["results"], f"count=exact: {exact['count']}")
        beyond = server.get_json(f"/v1/addresses/reverse?{point}&offset={total}")
        check(beyond["results"] == [] and beyond["count"] == total and not beyond["more"],
              f"past the end: {beyond}")
        done = subprocess.run([ARGS.gifkit] + REGISTRIES.command(
            ["address", "reverse", "--registry", registry(), "35.7204", "139.7511", "--radius",
             "300", "--limit", "7", "--offset", "7", "-f", "json"]),
            capture_output=True, text=True, timeout=120)
        err = done.stderr
        check(done.returncode == 0 and json.loads(done.stdout) == whole["results"][7:14],
              "address reverse --offset")
        check(f"places 8–14 of {total} within 300 m; --offset 14 for the next" in err or
              "places 8–14 of at least" in err, f"the page note: {err}")
        expect_error(server, "GET", f"/v1/addresses/reverse?{point}&offset=-1", 400, "bad-parameter")
        expect_error(server, "GET", f"/v1/addresses/reverse?{point}&count=all", 400, "bad-parameter")



# The NTA Web-API v4's 30 columns, in order (../shared/data/houjin/FORMAT.md §3).
NTA_COLUMNS = [
    "sequenceNumber", "corporateNumber", "process", "correct", "updateDate", "changeDate", "name",
    "nameImageId", "kind", "prefectureName", "cityName", "streetNumber", "addressImageId",
    "prefectureCode", "cityCode", "postCode", "addressOutside", "addressOutsideImageId",
    "closeDate", "closeCause", "successorCorporateNumber", "changeCause", "assignmentDate",
    "latest", "enName", "enPrefectureName", "enCityName", "enAddressOutside", "furigana",
    "hihyoji"]
NTA_TEXT = {"name", "prefectureName", "cityName", "streetNumber", "addressOutside", "changeCause",
            "enName", "enPrefectureName", "enCityName", "enAddressOutside", "furigana"}
# CP932's code points of JIS X 0208 characters, as a strict shift_jis decoder reads them back.
CP932_TO_JIS = str.maketrans("～－∥￠￡￢", "〜−‖¢£¬")


def nta_get(server, path, content_type, status=200):
    """The body of a /4/ answer (bytes), its status and Content-Type checked."""
    got, headers, body = server.request("GET", path)
    check(got == status, f"GET {path[:90]}: status {got}, expected {status}: {body[:300]!r}")
    check(headers.get("Content-Type") == content_type,
          f"{path[:90]}: Content-Type {headers.get('Content-Type')}, expected {content_type}")
    return body


def nta_csv(body, encoding="utf-8"):
    """(head fields, rows) of an NTA CSV answer; checks CRLF, quoting and 30 columns."""
    import csv
    import io
    text = body.decode(encoding, "strict")
    check(text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "not CRLF lines")
    lines = text.split("\r\n")[:-1]
    head = lines[0].split(",")
    check(len(head) == 4, f"head line {lines[0]!r}")
    rows = list(csv.reader(io.StringIO("".join(line + "\r\n" for line in lines[1:])), strict=True))
    for line, row in zip(lines[1:], rows):
        check(len(row) == 30, f"{len(row)} columns: {line[:120]!r}")
        # text columns quoted when not empty, nothing else quoted, empty as nothing
        fields = list(csv.reader([line]))[0]
        for name, value in zip(NTA_COLUMNS, fields):
            if value and name in NTA_TEXT:
                check(f'"{value.replace(chr(34), chr(34) * 2)}"' in line, f"{name} not quoted")
            if name not in NTA_TEXT:
                check('"' not in value, f"{name} holds a quote: {line[:120]!r}")
    return head, rows


def nta_xml(body):
    """(head dict, rows as lists of 30) of an NTA XML answer; checks the elements' order."""
    import xml.etree.ElementTree as ET
    check(body.startswith(b'<?xml version="1.0" encoding="UTF-8"?><corporations>'), body[:80])
    root = ET.fromstring(body)
    children = list(root)
    check([c.tag for c in children[:4]] == ["lastUpdateDate", "count", "divideNumber",
                                            "divideSize"], f"{[c.tag for c in children[:4]]}")
    rows = []
    for corporation in children[4:]:
        check(corporation.tag == "corporation", corporation.tag)
        check([c.tag for c in corporation] == NTA_COLUMNS, f"{[c.tag for c in corporation]}")
        rows.append([c.text or "" for c in corporation])
    return [c.text for c in children[:4]], rows


@case("30-nta-webapi-num-answers-as-the-nta")
def nta_webapi_num():
    """GET /4/num (issue #58), asked as the NTA's clients ask: the same rows as the registry's
    latest state (history=1: every imported row, as /v1/corporations?history=1), in the order
    asked, renumbered 1…; CSV Unicode (02) with the head line, 30 columns, text quoted, CRLF;
    CSV Shift_JIS (01) that a strict shift_jis decoder reads, the same text but for the
    characters JIS X 0208 lacks; XML (12) with the elements in FORMAT.md's order; a missing
    number counted out; bad numbers, 11 numbers and a bad type a 400 in the answer's form."""
    import sqlite3
    with sqlite3.connect(f"file:{registry()}?mode=ro", uri=True) as db:
        newest, = db.execute("SELECT max(update_date) FROM corporation_history").fetchone()
        with_history = [str(n) for n, in db.execute(
            "SELECT corporate_number FROM corporation_history GROUP BY corporate_number "
            "HAVING count(*) >= 2 ORDER BY corporate_number LIMIT 2")]
        names = db.execute("SELECT corporate_number, name FROM corporation").fetchall()
    outside = None  # a corporation whose name holds a character outside JIS X 0208
    for number, name in names:
        try:
            name.translate(CP932_TO_JIS).encode("shift_jis")
        except UnicodeEncodeError:
            outside = str(number)
            break
    asked = with_history + [a_corporation()] + ([outside] if outside else [])
    absent = absent_corporation()
    with serve() as server:
        query = "/4/num?id=XXXXXXXXXXXXX&number=" + ",".join(asked + [absent])
        head, rows = nta_csv(nta_get(server, query + "&type=02", "text/csv;charset=UTF-8"))
        check(head == [newest, str(len(asked)), "1", "1"], f"head {head}")
        check([r[1] for r in rows] == asked, f"{[r[1] for r in rows]} for {asked}")
        check([r[0] for r in rows] == [str(i) for i in range(1, len(asked) + 1)], "sequence")
        for row in rows:
            single = server.get_json(f"/v1/corporations/{row[1]}")
            check(row[6] == single["name"] and row[4] == single["updateDate"] and
                  row[8] == single["kind"], f"{row[1]}: {row[6]} / {single['name']}")
        sjis = nta_get(server, query + "&type=01", "text/csv;charset=Shift_JIS")
        head_sjis, rows_sjis = nta_csv(sjis, "shift_jis")
        check(head_sjis == head and [r[1] for r in rows_sjis] == asked, "Shift_JIS rows")
        replaced = 0
        for row, row_sjis in zip(rows, rows_sjis):
            for value, value_sjis in zip(row, row_sjis):
                try:
                    value.translate(CP932_TO_JIS).encode("shift_jis")
                    check(value_sjis == value.translate(CP932_TO_JIS), f"{value_sjis} ≠ {value}")
                except UnicodeEncodeError:
                    replaced += 1
                    check(value_sjis != value and value_sjis, f"{value!r} kept as {value_sjis!r}")
        check(replaced >= (1 if outside else 0), f"{outside}: nothing replaced")
        # As the NTA's own Shift_JIS files write them (FORMAT.md; ＿ for 峴 in 論＿路, æ in
        # Ｂ＿ＲＵＭ; 崎 for 﨑 and 醤 for 醬 in rows with a nameImageId): the JIS縮退マップ's
        # replacement, else ＿.
        with sqlite3.connect(f"file:{registry()}?mode=ro", uri=True) as db:
            known = {name: str(number) for number, name in db.execute(
                "SELECT corporate_number, name FROM corporation WHERE name IN "
                "('永鑫株式会社', '川﨑いすゞ食品株式会社', '益子醬油株式会社')")}
        expected = {"永鑫株式会社": "永＿株式会社", "川﨑いすゞ食品株式会社": "川崎いすゞ食品株式会社",
                    "益子醬油株式会社": "益子醤油株式会社"}
        if known:
            _, shrunk = nta_csv(nta_get(server, "/4/num?id=X&type=01&number=" +
                                        ",".join(known.values()), "text/csv;charset=Shift_JIS"),
                               "shift_jis")
            by_number = {row[1]: row[6] for row in shrunk}
            for name, number in known.items():
                check(by_number[number] == expected[name], f"{name} → {by_number[number]}")
        head_xml, rows_xml = nta_xml(nta_get(server, query + "&type=12",
                                             "application/xml;charset=UTF-8"))
        check(head_xml == head and rows_xml == rows, "the XML's rows are not the CSV's")
        history = nta_xml(nta_get(server, f"/4/num?id=X&number={with_history[0]}&type=12"
                                          "&history=1", "application/xml;charset=UTF-8"))[1]
        expected = server.get_json(f"/v1/corporations/{with_history[0]}?history=1")["history"]
        check(len(history) == len(expected) >= 2 and
              [r[4] for r in history] == [h["updateDate"] for h in expected] and
              [r[0] for r in history] == [str(i) for i in range(1, len(history) + 1)],
              f"history: {len(history)} rows, /v1 {len(expected)}")
        head, rows = nta_csv(nta_get(server, f"/4/num?id=X&number={absent}&type=02",
                                     "text/csv;charset=UTF-8"))
        check(head == [newest, "0", "1", "1"] and rows == [], f"absent: {head} {rows}")
        bad = asked[0][:-1] + str((int(asked[0][-1]) + 1) % 10)
        for path, code in [(f"/4/num?id=X&number={bad}&type=02", "bad-check-digit"),
                           ("/4/num?id=X&number=12345&type=02", "bad-corporate-number"),
                           ("/4/num?id=X&number=" + ",".join([asked[0]] * 11) + "&type=02",
                            "too-many-numbers"),
                           ("/4/num?id=X&type=02", "missing-parameter"),
                           (f"/4/num?id=X&number={asked[0]}&type=03", "bad-parameter"),
                           (f"/4/num?id=X&number={asked[0]}", "missing-parameter"),
                           (f"/4/num?id=X&number={asked[0]}&type=02&history=2", "bad-parameter")]:
            body = nta_get(server, path, "text/csv;charset=UTF-8", 400).decode("utf-8")
            check(body.startswith(code + ',"') and body.endswith('"\r\n'), f"{path}: {body!r}")
        body = nta_get(server, f"/4/num?id=X&number={bad}&type=12",
                       "application/xml;charset=UTF-8", 400)
        import xml.etree.ElementTree as ET
        check(ET.fromstring(body).findtext("code") == "bad-check-digit", f"{body!r}")
        body = nta_get(server, f"/4/num?id=X&number={bad}&type=01", "text/csv;charset=Shift_JIS",
                       400)
        check(body.decode("shift_jis").startswith("bad-check-digit,"), f"{body!r}")


@case("31-nta-webapi-diff-and-name")
def nta_webapi_diff_and_name():
    """GET /4/diff: the imported rows published from..to, every one (re-sent rows too), in
    parts of 2,000 (divideSize, divide=n, sequenceNumber going on across parts), filtered by
    address (a prefecture or city code) and kind (01–04: 1xx…4xx) as the registry's own counts;
    GET /4/name: the name index, mode 1 a subset of mode 2, target 2 the name as written;
    from after to, a divide past the last, a bad kind or address: 400."""
    import sqlite3
    with sqlite3.connect(f"file:{registry()}?mode=ro", uri=True) as db:
        day, rows_that_day = db.execute(
            "SELECT update_date, count(*) FROM corporation_history GROUP BY update_date "
            "ORDER BY 2 DESC LIMIT 1").fetchone()
        (tokyo,), = db.execute("SELECT count(*) FROM corporation_history WHERE update_date = ? "
                               "AND prefecture_code = '13'", (day,)).fetchall()
        (city, in_city), = db.execute(
            "SELECT prefecture_code || city_code, count(*) FROM corporation_history "
            "WHERE update_date = ? AND city_code <> '' GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
            (day,)).fetchall()
        (kinds,), = db.execute("SELECT count(*) FROM corporation_history WHERE update_date = ? "
                               "AND (kind LIKE '1%' OR kind LIKE '4%')", (day,)).fetchall()
        (everything,), = db.execute("SELECT count(*) FROM corporation_history").fetchall()
        first, last = db.execute("SELECT min(update_date), max(update_date) "
                                 "FROM corporation_history").fetchone()
    base = f"/4/diff?id=X&from={day}&to={day}&type=02"
    with serve() as server:
        head, rows = nta_csv(nta_get(server, base, "text/csv;charset=UTF-8"))
        parts = -(-rows_that_day // 2000)
        check(head[1:] == [str(rows_that_day), "1", str(parts)], f"{head} for {rows_that_day}")
        check(len(rows) == min(2000, rows_that_day) and all(r[4] == day for r in rows),
              f"{len(rows)} rows")
        seen = [r[0] for r in rows]
        for divide in range(2, parts + 1):
            head, more = nta_csv(nta_get(server, f"{base}&divide={divide}",
                                         "text/csv;charset=UTF-8"))
            check(head[2] == str(divide) and more[0][0] == str((divide - 1) * 2000 + 1), f"{head}")
            seen += [r[0] for r in more]
        check(seen == [str(i) for i in range(1, rows_that_day + 1)], "parts put together")
        for query, expected in [("&address=13", tokyo), (f"&address={city}", in_city),
                                ("&kind=01,04", kinds)]:
            head, rows = nta_csv(nta_get(server, base + query, "text/csv;charset=UTF-8"))
            check(head[1] == str(expected), f"{query}: count {head[1]}, the registry {expected}")
        head, _ = nta_xml(nta_get(server, f"/4/diff?id=X&from={first}&to={last}&type=12",
                                  "application/xml;charset=UTF-8"))
        check(head[1] == str(everything), f"every day: {head[1]} of {everything}")
        nta_csv(nta_get(server, f"/4/diff?id=X&from={day}&to={day}&type=01&divide={parts}",
                        "text/csv;charset=Shift_JIS"), "shift_jis")
        for query in [f"&divide={parts + 1}", "&kind=05", "&address=1", "&address=13x"]:
            nta_get(server, base + query, "text/csv;charset=UTF-8", 400)
        for path in [f"/4/diff?id=X&from=2025-03-12&to=2025-03-11&type=02",
                     f"/4/diff?id=X&from={day}&type=02",
                     f"/4/diff?id=X&from=2025/03/11&to={day}&type=02"]:
            nta_get(server, path, "text/csv;charset=UTF-8", 400)

        name = quoted("トヨタ")
        _, anywhere = nta_xml(nta_get(server, f"/4/name?id=X&name={name}&type=12&mode=2",
                                      "application/xml;charset=UTF-8"))
        _, prefix = nta_xml(nta_get(server, f"/4/name?id=X&name={name}&type=12&mode=1",
                                    "application/xml;charset=UTF-8"))
        check(anywhere and {r[1] for r in prefix} <= {r[1] for r in anywhere},
              f"{len(prefix)} prefix matches, {len(anywhere)} anywhere")
        _, exact = nta_xml(nta_get(server, f"/4/name?id=X&name={name}&type=12&mode=2&target=2",
                                   "application/xml;charset=UTF-8"))
        check(all("トヨタ" in r[6] for r in exact), "target 2: the name as written")
        head, rows = nta_csv(nta_get(server, f"/4/name?id=X&name={name}&type=01&mode=2",
                                     "text/csv;charset=Shift_JIS"), "shift_jis")
        check(head[1] == str(len(anywhere)) and len(rows) == len(anywhere), f"{head}")
        for query in ["&mode=3", "&target=4", "&close=2", "&from=2020-01-02&to=2020-01-01"]:
            nta_get(server, f"/4/name?id=X&name={name}&type=02{query}", "text/csv;charset=UTF-8",
                    400)
        nta_get(server, "/4/name?id=X&type=02", "text/csv;charset=UTF-8", 400)


# abr-geocoder's result fields in its order (src/interface/format/json-transform.ts);
# rsdt_addr_flg is left out where it has none (JSON.stringify of undefined).
GEOCODER_FIELDS = ["output", "others", "score", "match_level", "coordinate_level", "lat", "lon",
                   "lg_code", "machiaza_id", "rsdt_addr_flg", "blk_id", "rsdt_id", "rsdt2_id",
                   "prc_id", "pref", "county", "city", "ward", "oaza_cho", "chome", "koaza",
                   "blk_num", "rsdt_num", "rsdt_num2", "prc_num1", "prc_num2", "prc_num3"]
GEOCODER_CSV_HEADER = ("input,output,others,score,match_level,coordinate_level,lat,lon,lg_code,"
                       "machiaza_id,rsdt_addr_flg,blk_id,rsdt_id,rsdt2_id,prc_id,pref,county,city,"
                       "ward,oaza_cho,chome,koaza,blk_num,rsdt_num,rsdt_num2,prc_num1,prc_num2,"
                       "prc_num3")


def geocode(server, address, fmt=None, expect=200, extra=""):
    """(headers, body text) of GET /geocode as abr-geocoder's clients send it."""
    path = "/geocode?address=" + quoted(address) + (f"&format={fmt}" if fmt else "") + extra
    status, headers, body = server.request("GET", path)
    check(status == expect, f"GET {path}: status {status}, expected {expect}: {body[:300]!r}")
    return headers, body.decode("utf-8")


def a_parcel_address():
    """An address of a 地番 of a 町字 without 住居表示, its 地番ID and its fields: the first such
    parcel of 和歌山市's 地番 file (in key order) whose 町字 the registry holds with 地番 only."""
    import sqlite3
    with sqlite3.connect(f"file:{registry()}?mode=ro", uri=True) as db:
        towns = {(row[0], row[1]): row[2:] for row in db.execute(
            "SELECT t.lg_code, t.machiaza_id, t.pref, t.city, t.oaza_cho, t.chome, t.koaza "
            "FROM abr_town t WHERE t.rsdt_addr_flg = '0' AND COALESCE(t.county, '') = '' AND "
            "COALESCE(t.ward, '') = '' AND NOT EXISTS (SELECT 1 FROM abr_town u WHERE "
            "u.lg_code = t.lg_code AND u.machiaza_id = t.machiaza_id AND u.rsdt_addr_flg = '1')")}
    parcels = serve_support.abr_source_rows(ARGS.data, "abr/wakayama/mt_parcel_city302015.csv.zip")
    parcel = min((p for p in parcels if (p["lg_code"], p["machiaza_id"]) in towns and
                  p["prc_num2"] and not p["prc_num3"]),
                 key=lambda p: (p["lg_code"], p["machiaza_id"], p["prc_id"]))
    pref, city, oaza, chome, koaza = towns[(parcel["lg_code"], parcel["machiaza_id"])]
    return (f"{pref}{city}{oaza}{chome or ''}{koaza or ''}{parcel['prc_num1']}番地"
            f"{parcel['prc_num2']}", parcel["prc_id"])


@case("32-abr-geocoder-route")
def abr_geocoder_route():
    """GET /geocode answers abr-geocoder's clients (issue #58): its formats with its field names
    and order, geojson a Feature with [lon, lat], ndjson one line, csv its header, the ABR keys
    (rsdt_addr_flg, blk_id, rsdt_id, prc_id) read from the registry, null where it has none;
    its 400s for an empty address, a bad target or fuzzy, and a bad format ("format is
    invalid"), and the same place as /v1/addresses/normalize."""
    import csv as csv_module
    import io
    import sqlite3
    address = "東京都文京区白山一丁目1-1"
    with serve() as server:
        normalized = server.get_json("/v1/addresses/normalize?q=" + quoted(address))
        headers, body = geocode(server, address)  # json is the default
        check(headers.get("Content-Type", "").startswith("application/json"), f"{headers}")
        check(body.endswith("]\n") and body.count("\n") == 1, f"json: {body!r}")
        answer = json.loads(body)
        check(isinstance(answer, list) and len(answer) == 1 and
              list(answer[0]) == ["query", "result"], f"json: {answer}")
        record = answer[0]
        result = record["result"]
        check(record["query"] == {"input": address}, f"{record['query']}")
        check(list(result) == GEOCODER_FIELDS, f"keys: {list(result)}")
        check(result["match_level"] == "residential_detail" ==
              normalized["match_level"], f"{result['match_level']}")
        check(result["coordinate_level"] == "residential_detail", result["coordinate_level"])
        for key in ("lat", "lon", "lg_code", "machiaza_id", "pref", "city", "oaza_cho", "chome",
                    "blk_num", "rsdt_num"):
            check(result[key] == normalized[key], f"{key}: {result[key]} vs {normalized[key]}")
        check(isinstance(result["lat"], float) and isinstance(result["lon"], float), f"{result}")
        check(result["others"] == [] and 0 < result["score"] <= 1, f"{result}")
        ids = next((row["blk_id"], row["rsdt_id"]) for row in serve_support.abr_source_rows(
            ARGS.data, "abr/bunkyo/mt_rsdtdsp_rsdt_pref13.csv.zip")
            if (row["lg_code"], row["machiaza_id"], row["blk_num"], row["rsdt_num"],
                row["rsdt_num2"]) == (result["lg_code"], result["machiaza_id"],
                                      result["blk_num"], result["rsdt_num"], ""))
        check(result["rsdt_addr_flg"] == 1 and (result["blk_id"], result["rsdt_id"]) == ids,
              f"ids {result['rsdt_addr_flg']} {result['blk_id']} {result['rsdt_id']} vs {ids}")
        for key in ("rsdt2_id", "prc_id", "county", "ward", "koaza", "rsdt_num2", "prc_num1",
                    "prc_num2", "prc_num3"):
            check(result[key] is None, f"{key}: {result[key]!r}, abr-geocoder writes null")
        # The format's name in any case, as abr-geocoder lower-cases it.
        check(json.loads(geocode(server, address, "JSON")[1]) == answer, "format=JSON")

        _, body = geocode(server, address, "ndjson")
        check(body.count("\n") == 1 and body.endswith("}\n"), f"ndjson: {body!r}")
        check(json.loads(body) == record, "ndjson's line is json's element")

        _, body = geocode(server, address, "geojson")
        collection = json.loads(body)
        check(body.endswith("\n") and collection["type"] == "FeatureCollection" and
              len(collection["features"]) == 1, f"geojson: {body[:200]!r}")
        feature = collection["features"][0]
        check(list(feature) == ["type", "geometry", "properties"] and
              feature["type"] == "Feature" and feature["geometry"]["type"] == "Point" and
              feature["geometry"]["coordinates"] == [result["lon"], result["lat"]],
              f"feature: {feature['geometry']}")
        check(list(feature["properties"]) == ["input"] + GEOCODER_FIELDS and
              feature["properties"] == {"input": address, **result}, "geojson properties")
        _, body = geocode(server, address, "ndgeojson")
        check(body.count("\n") == 1 and json.loads(body) == feature, "ndgeojson is one Feature")

        headers, body = geocode(server, address, "csv")
        check(headers.get("Content-Type", "").startswith("text/x-csv"), f"{headers}")
        lines = body.split("\n")
        check(lines[0] == GEOCODER_CSV_HEADER and len(lines) == 3 and lines[2] == "",
              f"csv: {body!r}")
        row, = list(csv_module.DictReader(io.StringIO(body)))
        check(row["input"] == address and row["lg_code"] == result["lg_code"] and
              row["machiaza_id"] == result["machiaza_id"] and row["rsdt_addr_flg"] == "1" and
              float(row["lat"]) == result["lat"] and row["blk_id"] == result["blk_id"] and
              row["county"] == "" and row["others"] == "", f"csv row {row}")
        check(lines[1].startswith(f'"{address}","{result["output"]}",,'), lines[1])
        _, body = geocode(server, address, "simplified")
        check(body == f'input,output,score,match_level\n"{address}","{result["output"]}",'
                      f'{row["score"]},"residential_detail"\n', f"simplified: {body!r}")

        # A building after the numbers: others, and a space before it in output.
        _, body = geocode(server, address + "　テストビル3階", "ndjson")
        built = json.loads(body)["result"]
        check(built["others"] == ["テストビル3階"] and
              built["output"] == result["output"] + " テストビル3階", f"{built}")

        # A 地番: level parcel, rsdt_addr_flg 0 and its 地番ID.
        parcel, prc_id = a_parcel_address()
        _, body = geocode(server, parcel, "ndjson")
        found = json.loads(body)["result"]
        check(found["match_level"] == "parcel" and found["rsdt_addr_flg"] == 0 and
              found["prc_id"] == prc_id and found["blk_id"] is None, f"{parcel}: {found}")

        # Above a 町字: no rsdt_addr_flg at all; nothing found: nulls, [null, null].
        _, body = geocode(server, "東京都文京区", "ndjson")
        city = json.loads(body)["result"]
        check(city["match_level"] == "city" and "rsdt_addr_flg" not in city and
              city["machiaza_id"] is None and city["lg_code"] == "131059", f"{city}")
        _, body = geocode(server, "どこにもない場所", "ndgeojson")
        nowhere = json.loads(body)
        check(nowhere["geometry"]["coordinates"] == [None, None] and
              nowhere["properties"]["match_level"] == "unknown" and
              nowhere["properties"]["coordinate_level"] == "unknown" and
              nowhere["properties"]["lg_code"] is None, f"{nowhere}")

        # Accepted as abr-geocoder accepts them (not applied: docs/serve.md).
        geocode(server, address, "json", extra="&target=parcel&fuzzy=" + quoted("?"))

        # Failures, as abr-geocoder answers them.
        empty = {"status": "error", "message": "The address paramaeter is empty"}
        for path in ("/geocode", "/geocode?address=", "/geocode?address=%20%E3%80%80",
                     "/geocode?format=xml"):
            status, headers, body = server.request("GET", path)
            check(status == 400 and json.loads(body) == empty and
                  headers.get("Content-Type", "").startswith("application/json"),
                  f"{path}: {status} {body!r}")
        status, headers, body = server.request("GET", "/geocode?address=" + quoted(address) +
                                               "&format=xml")
        check(status == 400 and body == b"format is invalid", f"format=xml: {status} {body!r}")
        _, body = geocode(server, address, extra="&target=town", expect=400)
        check(json.loads(body) == {"status": "error", "message":
                                   "The target paramaeter is invalid"}, body)
        _, body = geocode(server, address, extra="&fuzzy=ab", expect=400)
        check(json.loads(body) == {"status": "error", "message":
                                   "The fuzzy paramaeter is invalid"}, body)
        _, body = geocode(server, "東" * 300, expect=400)
        check(json.loads(body)["status"] == "error", body)
        expect_error(server, "GET", "/geocode?address=%FF%FE", 400, "not-utf8")
        status, _, _ = server.request("POST", "/geocode", address.encode())
        check(status in (404, 405), f"POST /geocode: {status} (abr-geocoder has GET only)")


def build_stage(_args):
    if not os.path.isdir(ARGS.data):
        raise Skipped(f"no shared data at {ARGS.data}")
    os.makedirs(ARGS.work, exist_ok=True)
    serve_support.build_registry(ARGS.gifkit, ARGS.data, registry())


def push_stage(_args):
    """On a server: the built registry pushed into TEMPLATE."""
    if not registry_backend.on_server():
        print(f"nothing to push: {registry_backend.SWITCH} is not postgresql")
        return
    if not os.path.exists(registry()):
        raise Skipped("no registry (the stage build was skipped)")
    registry_backend.push_template(ARGS.gifkit, registry(), TEMPLATE)


def names():
    """The cases this run lists: on a server, those not about the file."""
    if registry_backend.on_server():
        return registry_backend.server_cases(list(CASES), FILE_ONLY)
    return list(CASES)


def ready(args):
    global ARGS
    ARGS = args
    if args.stage:
        return
    if not os.path.isdir(ARGS.data) or not os.path.exists(registry()):
        raise Skipped("no shared data or no registry")
    if ARGS.case not in names():
        raise Skipped(f"not on a server: {FILE_ONLY[ARGS.case]}")


def on_the_registry(function):
    """A case, run with the built registry on the run's backend."""
    def run(_args):
        global REGISTRIES
        REGISTRIES = registry_backend.registries(ARGS.gifkit, templates={registry(): TEMPLATE})
        with REGISTRIES:
            function()
    return run


def main():
    return run_script({name: on_the_registry(function) for name, function in CASES.items()},
                      {"build": build_stage, "push": push_stage}, names=names(), before=ready)


if __name__ == "__main__":
    sys.exit(main())
