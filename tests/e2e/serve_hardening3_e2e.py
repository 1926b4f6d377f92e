#!/usr/bin/env python3
"""serve_hardening3_e2e.py — `gifkit serve` attacked again (issue #56, round 3,
69.x): the real binary on a loopback port. Each case answers one question:
is a character check of one long line (or record) of many findings answered
within --time-limit's reach, not after minutes of work per finding; does a
character check's answer stay within --max-report on disk (a long column name
was repeated in every finding: a 1 MB body made 2 GB); is a 個人番号 written
with invisible characters between its digits (a zero-width space, a NUL of
UTF-16 read as bytes) masked in every answer; are an absolute-form target,
a Host that is no host, and a route's path asked with another method
answered as RFC 9112 and RFC 9110 say. Traffic goes to
127.0.0.1 only; every loop is bounded in count and time.

  serve_hardening3_e2e.py --gifkit PATH --data SHARED --case NAME
  serve_hardening3_e2e.py --list
Exit 77: skipped (no shared data).
"""
import json
import os
import re
import socket
import sys
import time
import urllib.parse

ROOM = "serve"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import serve_support  # noqa: E402
from case_runner import TIME_FACTOR, cases_of, check, main  # noqa: E402
from serve_support import Server  # noqa: E402
from individual_number_e2e import number  # noqa: E402  (made-up 個人番号, check digit right)
from serve_hardening2_e2e import raw_answer  # noqa: E402


def moji_registry(env):
    return serve_support.build_registry(env.gifkit, env.data, env.path("moji.db"),
                                        parts=("moji",))


def post(server, path, body, content_type, timeout):
    """(status, body bytes, seconds) of one POST on a new connection, read
    into one buffer; status None when no answer came within timeout."""
    head = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n"
            f"Connection: close\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    started = time.monotonic()
    got = bytearray()
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as s:
        s.sendall(head + body)
        end = started + timeout
        while time.monotonic() < end:
            s.settimeout(max(0.05, end - time.monotonic()))
            try:
                chunk = s.recv(1 << 20)
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            got += chunk
    seconds = time.monotonic() - started
    head, _, answer = bytes(got).partition(b"\r\n\r\n")
    parts = head.split(b"\r\n", 1)[0].split(b" ")
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    if b"transfer-encoding: chunked" in head.lower():
        answer = dechunked(answer)
    return status, answer, seconds


def dechunked(data):
    """The data of a chunked body (as far as it arrived)."""
    out = bytearray()
    at = 0
    while True:
        end = data.find(b"\r\n", at)
        if end < 0:
            break
        size = int(data[at:end].split(b";")[0], 16)
        if size == 0:
            break
        out += data[end + 2:end + 2 + size]
        at = end + 2 + size + 2
    return bytes(out)


def case_character_check_of_a_long_line_answered_in_time(env):
    """/v1/characters/check of one line of 131,072 𠮷 (512 KiB, a finding
    each: 97 MB of findings), and of a CSV record of as many fields, with
    --time-limit 20000: each answered whole (200) within the limit. Before,
    each finding masked its whole line and counted the line ends before it:
    503 time-limit for both (`gifkit chars check` took 49 s for the line,
    over 120 s for a 1 MiB one; a 20 MB line held a worker past 120 s with the
    default 60 s limit)."""
    limit = 20.0 * TIME_FACTOR
    with Server(env.gifkit, moji_registry(env), "--time-limit", str(int(limit * 1000)),
                data=env.data) as server:
        for what, path, body, ctype in [
                ("a line", "/v1/characters/check?charset=jisx0208", ("𠮷" * (1 << 17)).encode(),
                 "text/plain"),
                ("a record", "/v1/characters/check?charset=jisx0208&layout=csv",
                 ("a\n" + ",".join(["𠮷"] * (1 << 17)) + "\n").encode(), "text/csv")]:
            status, answer, seconds = post(server, path, body, ctype, limit + 30)
            print(f"{what}: {status} after {seconds:.1f} s, {len(answer)} bytes")
            check(status == 200 and seconds < limit,
                  f"{what}: {status} after {seconds:.1f} s: {answer[:300]!r}")
            check(answer.count(b'"character":"\xf0\xa0\xae\xb7"') >= 1 << 17,
                  f"{what}: fewer findings than characters")


def case_character_check_answer_within_max_report(env):
    """A CSV whose header cell is 1 MB and 1,500 rows of 𠮷 under it: the
    findings name the column cut to 400 bytes (as their values), so the
    answer is a few MB, not 1.5 GB; and with --max-report 1 a larger set of
    findings is 507 report-over-cap naming --max-report. Before, every
    finding repeated the whole header cell and the answer had no cap: a 1 MB
    body made 2 GB in the server's temporary folder."""
    body = ("a" * 1_000_000 + "\n" + "𠮷\n" * 1500).encode()
    with Server(env.gifkit, moji_registry(env), "--max-report", "1", "--time-limit", "10000",
                data=env.data) as server:
        status, answer, seconds = post(server, "/v1/characters/check?charset=jisx0208&layout=csv",
                                       body, "text/csv", 60 * TIME_FACTOR)
        print(f"1 MB header, 1,500 findings: {status}, {len(answer)} bytes, {seconds:.1f} s")
        check(status == 507 and json.loads(answer)["error"]["code"] == "report-over-cap" and
              "--max-report" in json.loads(answer)["error"]["message"],
              f"over --max-report 1: {status} {answer[:300]!r}")
        small = ("a" * 1_000_000 + "\n" + "𠮷\n" * 300).encode()
        status, answer, _ = post(server, "/v1/characters/check?charset=jisx0208&layout=csv",
                                 small, "text/csv", 60 * TIME_FACTOR)
        check(status == 200, f"300 findings: {status} {answer[:300]!r}")
        findings = json.loads(answer)["findings"]
        check(len(findings) == 300 and all(len(f["column"].encode()) <= 403 for f in findings),
              f"{len(findings)} findings, a column of {len(findings[0]['column'])} characters")
        check(len(answer) < 1_000_000, f"300 findings made {len(answer)} bytes")


INVISIBLE = ["\u200b", "\u00ad", "\ufeff", "\x00", "\u200e"]


def shows_number(text, digits):
    """True when text, its invisible characters and JSON escapes of them
    taken out, holds digits in clear."""
    seen = re.sub(r"\\u(00[01][0-9a-fA-F]|007[fF]|00[aA][dD]|200[b-fB-F]|feff|FEFF)", "", text)
    seen = "".join(c for c in seen if c not in INVISIBLE and c.isprintable() or c == "\n")
    return digits in seen


def case_individual_number_with_invisible_characters_masked(env):
    """A 個人番号 with a zero-width space, a soft hyphen, a BOM, a NUL or a
    bidi mark between its digits, as an address (GET and a batch) and as a
    CSV's header name and value: no answer shows its digits. Before, the
    address answer masked its output (the normalizer drops a NUL) but echoed
    the input with the digits in clear, and a zero-width space kept every
    answer from masking it."""
    digits = number(11)
    registry = serve_support.build_registry(env.gifkit, env.data, env.path("abr-moji.db"),
                                            parts=("abr", "moji"))
    with Server(env.gifkit, registry, data=env.data) as server:
        for invisible in INVISIBLE:
            written = invisible.join(digits)
            status, _, answer = server.request(
                "GET", "/v1/addresses/normalize?q=" + urllib.parse.quote(written))
            text = answer.decode("utf-8")
            check(status == 200 and not shows_number(text, digits),
                  f"GET normalize {invisible!r}: {status} {text[:300]}")
            status, _, answer = server.request(
                "POST", "/v1/addresses/normalize", (written + "\n").encode(),
                {"Content-Type": "text/plain"})
            text = answer.decode("utf-8")
            check(status == 200 and not shows_number(text, digits),
                  f"POST normalize {invisible!r}: {status} {text[:300]}")
            status, _, answer = server.request(
                "POST", "/v1/characters/check?charset=jisx0208&layout=csv",
                f"{written},b\n𠮷{written},1\n".encode(), {"Content-Type": "text/csv"})
            text = answer.decode("utf-8")
            check(status == 200 and "findings" in text and not shows_number(text, digits),
                  f"characters/check {invisible!r}: {status} {text[:300]}")


def case_request_targets_hosts_and_methods_as_the_rfcs_say(env):
    """RFC 9112 §3.2.2: an absolute-form target (GET http://x/healthz) is
    answered as its path (was 404); §3.2: a Host whose value is no host
    (Host: a, b) is 400, and so is a target of no form (GET x:80, GET *);
    RFC 9110 §15.5.6: a route's path asked with a method it does not take
    is 405 method-not-allowed with Allow (was 404 not-found)."""
    with Server(env.gifkit, moji_registry(env), data=env.data) as server:
        for what, request, status, code in [
                ("absolute form", b"GET http://x/healthz HTTP/1.1\r\nHost: x\r\n\r\n", 200, None),
                ("absolute form, query",
                 b"GET HTTP://x:80/v1/characters/U+9AD9?to=jisx0213 HTTP/1.1\r\nHost: y\r\n\r\n",
                 200, None),
                ("absolute form, no path", b"GET http://x HTTP/1.1\r\nHost: x\r\n\r\n", 200, None),
                ("authority form", b"GET x:80 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad-request"),
                ("asterisk with GET", b"GET * HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad-request"),
                ("Host a, b", b"GET /healthz HTTP/1.1\r\nHost: a, b\r\n\r\n", 400, "bad-request"),
                ("Host a/b", b"GET /healthz HTTP/1.1\r\nHost: a/b\r\n\r\n", 400, "bad-request"),
                ("Host [::1]:8080", b"GET /healthz HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", 200,
                 None),
                ("POST /healthz", b"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                 405, "method-not-allowed"),
                ("GET /v1/validate",
                 b"GET /v1/validate HTTP/1.1\r\nHost: x\r\n\r\n", 405,
                 "method-not-allowed"),
                ("DELETE /v1/registry", b"DELETE /v1/registry HTTP/1.1\r\nHost: x\r\n\r\n", 405,
                 "method-not-allowed"),
                ("GET /nothing", b"GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n", 404, "not-found")]:
            line, body = raw_answer(server.port, request)
            check(line.split(b" ")[1:2] == [str(status).encode()],
                  f"{what}: {line!r} {body[:200]!r}, expected {status}")
            if code:
                check(json.loads(body)["error"]["code"] == code, f"{what}: {body[:300]!r}")
        for method, path, allow in [("POST", "/healthz", "GET, HEAD"),
                                    ("GET", "/v1/validate", "POST"),
                                    ("PUT", "/v1/corporations/1010001072706", "GET, HEAD")]:
            status, headers, _ = server.request(method, path, b"" if method != "GET" else None)
            check(status == 405 and headers.get("Allow") == allow,
                  f"{method} {path}: {status} Allow {headers.get('Allow')}, expected {allow}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="moji"))
