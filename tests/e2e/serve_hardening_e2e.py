#!/usr/bin/env python3
"""serve_hardening_e2e.py — `gifkit serve` against the attacks of issue #28
(30.x), the real binary on a loopback port, raw sockets where a client
library would not send what an attacker does. Each case answers one
question: is a request framed two ways (two Content-Length values, a lying
chunk size, an unknown transfer coding, a malformed header line) refused
with 400/501 and its connection closed, so that nothing after it is read as
another request; is an honest request answered within 2 × --request-timeout
while other clients trickle theirs a byte at a time; is a client address's
connection past --max-connections-per-address (64) refused at once; is a
sheet number too large for any workbook a 400 naming sheet (and exit 2 for
the CLI's --sheet); is a damaged registry file 500 registry-error on
/v1/changes as on the other routes; do two large validations at once on a
fresh server both get their report, and does the server stop with exit 0
(the sanitizer build crashed in malloc_trim). Every loop is bounded in
count and time.

  serve_hardening_e2e.py --gifkit PATH --data SHARED --case NAME
  serve_hardening_e2e.py --list
Exit 77: skipped (no shared data).
"""
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from xml.sax.saxutils import escape

ROOM = "serve"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import serve_support  # noqa: E402
from case_runner import TIME_FACTOR, Failure, cases_of, check, main  # noqa: E402
from serve_support import Server  # noqa: E402

HEALTHZ = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"


def small_registry(env):
    """A registry of the 法人番号 samples only (built in a few seconds)."""
    return serve_support.build_registry(env.gifkit, env.data, env.path("houjin.db"),
                                        parts=("houjin",))


def answers_on(data, timeout=5.0):
    """Sends data on a new connection and reads until the server closes it
    (or timeout): (every byte read, closed by the server)."""
    s = socket.create_connection(("127.0.0.1", SERVER.port), timeout=timeout)
    try:
        s.sendall(data)
        got = b""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                return got, False
            except ConnectionResetError:
                return got, True
            if not chunk:
                return got, True
            got += chunk
        return got, False
    finally:
        s.close()


def responses_in(data):
    """The HTTP responses in data, each (status line, headers with lowercased
    names, body by its Content-Length), in order."""
    responses = []
    while data.startswith(b"HTTP/1.1 ") and b"\r\n\r\n" in data:
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower().decode()] = value.strip().decode("latin-1")
        length = int(headers.get("content-length", "0") or 0)
        responses.append((lines[0], headers, rest[:length]))
        data = rest[length:]
    return responses


def one_answer(s):
    """The bytes read on socket s until they hold a whole response (or it is closed)."""
    got = b""
    while not responses_in(got):
        chunk = s.recv(65536)
        if not chunk:
            break
        got += chunk
    return got


SERVER = None


def serving(env, *extra):
    global SERVER
    SERVER = Server(env.gifkit, small_registry(env), *extra, data=env.data)
    return SERVER


POST_VALIDATE = b"POST /v1/validate?filename=a.csv HTTP/1.1\r\nHost: x\r\n"
POST_BATCH = b"POST /v1/addresses/normalize HTTP/1.1\r\nHost: x\r\n"
# Each: (what, request bytes, status, code). A whole answerable request
# (HEALTHZ) follows each on the same connection: it must not be answered.
FRAMING = [
    ("two different Content-Length values",
     POST_VALIDATE + b"Content-Length: 4\r\nContent-Length: 40\r\n\r\na,b\n", 400, "bad-request"),
    ("a Content-Length list of two values",
     POST_VALIDATE + b"Content-Length: 4, 40\r\n\r\na,b\n", 400, "bad-request"),
    ("a Content-Length that is not a number",
     POST_VALIDATE + b"Content-Length: -4\r\n\r\na,b\n", 400, "bad-request"),
    ("a Content-Length with Transfer-Encoding",
     POST_VALIDATE + b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
     b"4\r\na,b\n\r\n0\r\n\r\n", 400, "bad-request"),
    ("a chunk size that is not hex",
     POST_VALIDATE + b"Transfer-Encoding: chunked\r\n\r\nzz\r\na,b\n\r\n0\r\n\r\n", 400,
     "bad-request"),
    ("a lying chunk size (its data not followed by CRLF)",
     POST_VALIDATE + b"Transfer-Encoding: chunked\r\n\r\n2\r\na,b\n\r\n0\r\n\r\n", 400,
     "bad-request"),
    ("an unknown transfer coding",
     POST_VALIDATE + b"Transfer-Encoding: gzip\r\n\r\na,b\n", 501, "not-implemented"),
    ("chunked that is not the last coding",
     POST_VALIDATE + b"Transfer-Encoding: chunked, gzip\r\n\r\na,b\n", 400, "bad-request"),
    ("a header line without a colon",
     b"GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", 400, "bad-request"),
    ("a header line with a NUL",
     b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n", 400, "bad-request"),
    ("whitespace before the colon",
     b"GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n", 400, "bad-request"),
    ("a folded header line (obs-fold)",
     b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 400, "bad-request"),
    ("a line ending with a bare LF",
     b"GET /healthz HTTP/1.1\r\nHost: x\nX-A: b\r\n\r\n", 400, "bad-request"),
    ("a CR inside a header value",
     b"GET /healthz HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n", 400, "bad-request"),
]


def case_framing_errors_are_refused_and_close(env):
    """RFC 9112: each request framed ambiguously is refused (400, or 501 for
    an unknown coding) with the service's JSON error and Connection: close,
    and the request pipelined after it on the same connection is never
    answered. Well-framed requests (counted, chunked, pipelined) still are."""
    with serving(env):
        failures = []
        for what, request, status, code in FRAMING:
            data, closed = answers_on(request + HEALTHZ)
            responses = responses_in(data)
            line, headers, body = responses[0] if responses else (data[:100], {}, b"")
            try:
                error = json.loads(body)["error"]
            except (ValueError, KeyError):
                error = {}
            if not line.startswith(b"HTTP/1.1 %d " % status):
                failures.append(f"{what}: {line!r}, expected {status}")
            elif error.get("code") != code:
                failures.append(f"{what}: {body[:200]!r}, expected the code {code}")
            elif headers.get("connection", "").lower() != "close":
                failures.append(f"{what}: no Connection: close ({headers})")
            elif len(responses) != 1 or not closed:
                failures.append(f"{what}: the connection went on: {len(responses)} answers, "
                                f"closed {closed}")
        check(not failures, "\n  ".join(["framing accepted or kept alive:"] + failures))
        # Controls: the same route framed well is answered, whole, and keeps the connection.
        with open(os.path.join(HERE, "data", "corporations.csv"), "rb") as f:
            body = f.read()
        rows = len(body.splitlines()) - 1
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:7], body[7:]))
        for what, request in [
                ("counted", POST_VALIDATE + b"Content-Length: %d\r\n\r\n%s" % (len(body), body)),
                ("chunked", POST_VALIDATE + b"Transfer-Encoding: chunked\r\n\r\n" + chunked
                 + b"0\r\nX-Trailer: t\r\n\r\n")]:
            data, _ = answers_on(request + HEALTHZ + b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                 b"Connection: close\r\n\r\n")
            responses = responses_in(data)
            check([line for line, _, _ in responses] == [b"HTTP/1.1 200 OK"] * 3,
                  f"{what}: three answers expected: {data[:300]!r}")
            report = json.loads(responses[0][2])
            check(report["stats"]["rows"] == rows and report["stats"]["bytes"] == len(body),
                  f"{what}: {report['stats']}")
        check(SERVER.get_json("/healthz")["status"] == "ok", "still serving")


def trickle(sockets, until, step=0.5):
    """Sends one byte on each socket every step seconds until the time until."""
    while time.monotonic() < until:
        for s in sockets:
            try:
                s.send(b"a")
            except OSError:
                pass
        time.sleep(step)


def case_slowloris_honest_request_within_twice_the_timeout(env):
    """12 clients trickle a byte every 0.5 s (6 in their header lines, 6 in
    their bodies) against 2 workers and --request-timeout 2000: an honest
    request sent meanwhile is answered within 2 × 2 s (and a margin)."""
    timeout = 2.0
    with serving(env, "--threads", "2", "--request-timeout", str(int(timeout * 1000))):
        sockets = []
        for i in range(12):
            s = socket.create_connection(("127.0.0.1", SERVER.port), timeout=5)
            if i % 2:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            else:
                s.sendall(POST_VALIDATE + b"Content-Length: 100000\r\n\r\na")
            sockets.append(s)
        stop = time.monotonic() + 3 * timeout
        trickler = threading.Thread(target=trickle, args=(sockets, stop))
        trickler.start()
        try:
            time.sleep(0.5)
            started = time.monotonic()
            try:
                status, _, _ = SERVER.request("GET", "/healthz", timeout=3 * timeout)
            except OSError as error:
                status = f"no answer ({error})"
            waited = time.monotonic() - started
        finally:
            trickler.join()
            for s in sockets:
                s.close()
        bound = 2 * timeout + 0.5 * TIME_FACTOR
        check(status == 200 and waited <= bound,
              f"the honest request: {status} after {waited:.2f} s (bound {bound} s)")
        print(f"honest request answered after {waited:.2f} s")


def case_waiting_request_answered_once_a_busy_worker_is_free(env):
    """One worker, --keep-alive-timeout 500: while it reads a body trickled
    over 1.6 s, a request sent on another, idle keep-alive connection waits
    in the kernel for it — that connection is not idle (it is not closed
    at the keep-alive timeout) and the request is answered 200 once the
    worker is free; the trickled request is answered too."""
    with serving(env, "--threads", "1", "--keep-alive-timeout", "500"):
        idle = socket.create_connection(("127.0.0.1", SERVER.port), timeout=10)
        busy = socket.create_connection(("127.0.0.1", SERVER.port), timeout=10)
        try:
            idle.sendall(HEALTHZ)
            one_answer(idle)
            body = b"a,b\n1,2\n3,4\n5,6\n"
            busy.sendall(POST_VALIDATE + b"Content-Length: %d\r\n\r\n" % len(body) + body[:1])
            time.sleep(0.2)
            asked = time.monotonic()
            idle.sendall(HEALTHZ)  # the only worker reads the trickled body meanwhile
            for byte in body[1:]:
                time.sleep(0.1)
                busy.sendall(bytes([byte]))
            second = one_answer(idle)
            waited = time.monotonic() - asked
            trickled = one_answer(busy)
        finally:
            idle.close()
            busy.close()
        answers = responses_in(second)
        check(answers and answers[0][0] == b"HTTP/1.1 200 OK",
              f"the waiting request: {second[:120]!r} after {waited:.2f} s")
        check(waited >= 1.0, f"it waited for the worker ({waited:.2f} s)")
        check(responses_in(trickled) and responses_in(trickled)[0][0].startswith(b"HTTP/1.1 "),
              f"the trickled request is answered: {trickled[:120]!r}")
        print(f"waiting request answered after {waited:.2f} s "
              f"(trickled one: {responses_in(trickled)[0][0].decode()})")


def case_connections_per_address_capped_at_64(env):
    """The default cap is 64 connections from one address: with 64 idle ones
    open from 127.0.0.1, the 65th is answered 503 too-many-connections and
    closed at once; once one closes, a new one is served. --help names the
    option and its default."""
    with serving(env, "--keep-alive-timeout", "60000"):
        held = [socket.create_connection(("127.0.0.1", SERVER.port), timeout=5)
                for _ in range(64)]
        try:
            time.sleep(0.3)
            started = time.monotonic()
            data, closed = answers_on(b"", timeout=3)
            waited = time.monotonic() - started
            responses = responses_in(data)
            check(responses and responses[0][0] == b"HTTP/1.1 503 Service Unavailable" and closed
                  and b"too-many-connections" in responses[0][2] and waited < 2 * TIME_FACTOR,
                  f"the 65th connection: {data[:300]!r}, closed {closed} after {waited:.2f} s")
            held[0].sendall(HEALTHZ)
            check(b"200 OK" in held[0].recv(65536), "a held connection is served")
            held.pop(0).close()
            time.sleep(0.3)
            data, _ = answers_on(HEALTHZ[:-2] + b"Connection: close\r\n\r\n")
            check(data.startswith(b"HTTP/1.1 200"), f"after one closed: {data[:200]!r}")
        finally:
            for s in held:
                s.close()
    code, out, err = env.run("serve", "--help")
    check(code == 0 and "--max-connections-per-address" in out and "default 64" in out,
          f"serve --help: {out[-2000:]}{err}")


def one_sheet_xlsx(path, rows):
    """A workbook of one sheet (Sheet1) holding rows (lists of text)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"

    def row(number, values):
        cells = "".join(f'<c r="{col}{number}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                        for col, v in zip("ABCDEFGHIJ", values))
        return f'<row r="{number}">{cells}</row>'

    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
            'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels":
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship '
            f'Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship '
            f'Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml":
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>'
            + "".join(row(n, values) for n, values in enumerate(rows, start=1))
            + '</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text.encode("utf-8"))
    return path


def case_sheet_number_too_large_is_a_bad_parameter(env):
    """sheet=99999999999999999999 names no sheet: 400 bad-parameter naming
    sheet (not a 500), and `gifkit validate --sheet` exits 2 saying so. The
    workbook's own sheet, by name or number, still validates."""
    with open(os.path.join(HERE, "data", "corporations.csv"), encoding="utf-8") as f:
        rows = [line.split(",") for line in f.read().splitlines()]
    book = one_sheet_xlsx(env.path("book.xlsx"), rows)
    huge = "99999999999999999999"
    code, out, err = env.run("validate", "--sheet", huge, book)
    check(code == 2 and "--sheet" in err and "names no sheet" in err,
          f"validate --sheet {huge}: exit {code}: {err}{out[:300]}")
    code, out, err = env.run("validate", "--sheet", "1", "-f", "json", book)
    check(code == 1 and json.loads(out)["stats"]["rows"] == len(rows) - 1,
          f"--sheet 1: exit {code} {err}{out[:300]}")
    with open(book, "rb") as f:
        body = f.read()
    with serving(env):
        status, _, answer = SERVER.request("POST", f"/v1/validate?filename=book.xlsx&sheet={huge}",
                                           body)
        error = json.loads(answer).get("error", {})
        check(status == 400 and error.get("code") == "bad-parameter" and
              "'sheet'" in error.get("message", ""), f"sheet={huge}: {status} {answer[:300]!r}")
        for sheet in ("1", "Sheet1"):
            status, _, answer = SERVER.request(
                "POST", f"/v1/validate?filename=book.xlsx&sheet={sheet}", body)
            check(status == 200 and json.loads(answer)["stats"]["rows"] == len(rows) - 1,
                  f"sheet={sheet}: {status} {answer[:300]!r}")


def damage(path):
    """Overwrites bytes in the middle of the registry at path, in place: the
    second half of the root page of the index the history check and the
    feed read (corporation_history_by_update_date), and the middle half of
    every leaf page of the history itself. The rest of the file is intact:
    the corporations answer as before."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    page_size, = db.execute("PRAGMA page_size").fetchone()
    root, = db.execute("SELECT rootpage FROM sqlite_schema "
                       "WHERE name = 'corporation_history_by_update_date'").fetchone()
    leaves = [page for page, in db.execute(
        "SELECT pageno FROM dbstat WHERE name = 'corporation_history' AND pagetype = 'leaf'")]
    db.close()
    check(len(leaves) > 2, f"the history has {len(leaves)} leaf pages")
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size + page_size // 2)
        f.write(b"\xff" * (page_size // 2))
        for page in leaves:
            f.seek((page - 1) * page_size + page_size // 4)
            f.write(b"\xff" * (page_size // 2))


def case_damaged_registry_is_a_registry_error_on_every_route(env):
    """A registry file damaged in the middle while served (it opened whole,
    so the server knows it holds a history): /v1/changes answers 500
    registry-error, not 503 no-corporation-data (which says the registry
    holds no such data), as a corporation's history does; the message does
    not show the server's path; a corporation by number, whose pages are
    intact, still answers."""
    registry = env.path("damaged.db")
    shutil.copyfile(small_registry(env), registry)
    db = sqlite3.connect(f"file:{registry}?mode=ro", uri=True)
    number, = db.execute("SELECT corporate_number FROM corporation LIMIT 1").fetchone()
    db.close()
    # Two workers, two registry connections: the request reads with the one
    # that has read nothing yet (the other counted the rows at the start).
    with Server(env.gifkit, registry, "--threads", "2", data=env.data) as server:
        damage(registry)
        for path in ["/v1/changes?since=1900-01-01", f"/v1/corporations/{number}?history=1"]:
            status, _, answer = server.request("GET", path)
            try:
                error = json.loads(answer)["error"]
            except (ValueError, KeyError):
                raise Failure(f"GET {path}: {status} {answer[:300]!r}")
            check(status == 500 and error["code"] == "registry-error",
                  f"GET {path}: {status} {error}")
            check(env.tmp not in error["message"], f"GET {path} shows the path: {error}")
        status, _, answer = server.request("GET", f"/v1/corporations/{number}")
        check(status == 200, f"a corporation by number: {status} {answer[:300]!r}")


def case_large_validations_at_once_on_a_fresh_server(env):
    """Two workers each validate a body above the small-request bound (64
    KiB, so each trims freed memory afterwards) at the same moment, on a
    server that has answered nothing yet; six rounds, a fresh server each.
    Both are answered with a report, and the server stops with exit 0. In
    the sanitizer build, two malloc_trim calls at once crashed the server
    (a SEGV in glibc's mtrim, or glibc's abort at thread exit) in about a
    third of such rounds."""
    registry = small_registry(env)
    rows = "".join(f"株式会社試験{i},東京都千代田区霞が関{i % 3 + 1}丁目\n" for i in range(3000))
    body = ("名称,住所\n" + rows).encode()
    check(len(body) > 64 * 1024, f"the body is {len(body)} bytes")
    for round_number in range(1, 7):
        server = Server(env.gifkit, registry, "--threads", "2", data=env.data)
        together = threading.Barrier(2)
        answers = []

        def validate():
            together.wait()
            try:
                status, _, report = server.request(
                    "POST", "/v1/validate?filename=a.csv&model=gif:Facility", body=body,
                    timeout=120)
                answers.append((status, "tasks" in json.loads(report)))
            except (OSError, ValueError) as error:
                answers.append((f"no answer ({error})", False))

        clients = [threading.Thread(target=validate) for _ in range(2)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        code = server.stop()
        stderr = "".join(server.stderr_lines)
        check(all(status == 200 and report for status, report in answers) and code == 0,
              f"round {round_number}: answers {answers}, exit {code}: {stderr[-1500:]}")
    print("6 rounds: every request answered with a report, every server stopped with exit 0")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="houjin/samples"))
