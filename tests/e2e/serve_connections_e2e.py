#!/usr/bin/env python3
"""serve_connections_e2e.py — `gifkit serve`'s workers and connection slots
under attack (issue #56 part 2, 65.x): the real binary on a loopback port,
raw sockets. Each case answers one question: do clients that ask for large
answers and never read them leave the workers free for others (an honest
request answered within seconds, not after their io timeouts); do
connections trickling their heads from many addresses (each under the
per-address cap) leave slots for honest clients (oldest dropped first, no
503); does /healthz say degraded (503, with a problem naming the file by
its name) once the registry file is damaged, cut short or gone; does SIGTERM
stop the server within --shutdown-grace while a worker is still reading a
request's body. Traffic goes to 127.0.0.1 only (the many addresses are
127.0.0.x, all loopback); every loop is bounded in count and time, and the
time bounds are generous.

  serve_connections_e2e.py --gifkit PATH --data SHARED --case NAME
  serve_connections_e2e.py --list
Exit 77: skipped (no shared data).
"""
import json
import os
import shutil
import signal
import socket
import sqlite3
import sys
import threading
import time

ROOM = "serve"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from case_runner import TIME_FACTOR, cases_of, check, main  # noqa: E402
from serve_hardening_e2e import small_registry  # noqa: E402  (the 法人番号 samples only)
from serve_support import Server, wait_until  # noqa: E402

# How long an honest request may wait while attackers hold connections: a
# healthz answer takes milliseconds; before, it waited for the attackers'
# io timeouts (5 s each, in turn on every worker).
HONEST_BOUND = 3.0 * TIME_FACTOR


def timed_get(port, path, source="127.0.0.1", timeout=30.0):
    """(status, seconds) of GET path on a new connection from source; status
    None when no answer came (closed or timed out)."""
    started = time.monotonic()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.bind((source, 0))
        s.connect(("127.0.0.1", port))
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        got = b""
        while b"\r\n" not in got:
            chunk = s.recv(4096)
            if not chunk:
                break
            got += chunk
    except OSError:
        return None, time.monotonic() - started
    finally:
        s.close()
    line = got.split(b"\r\n", 1)[0].split()
    status = int(line[1]) if len(line) >= 2 and line[1].isdigit() else None
    return status, time.monotonic() - started


def non_reader(port, requests=60):
    """A connection that asks for the API document (166 KB) requests times
    in one go and never reads an answer: its receive buffer is small, so
    the answers stay in the server's send buffer."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n" * requests)
    return s


def case_clients_that_do_not_read_leave_the_workers_free(env):
    """8 clients each ask for 60 API documents (10 MB) on one connection and
    never read; 2 workers. Honest requests meanwhile are answered within
    HONEST_BOUND each (before: each non-reader held a worker for the io
    timeout, 5 s, so honest requests waited 10-20 s). The non-readers'
    connections are closed by the server at their write deadline."""
    with Server(env.gifkit, small_registry(env), "--threads", "2", data=env.data) as server:
        attackers = [non_reader(server.port) for _ in range(8)]
        try:
            time.sleep(0.5)  # their answers being written
            for attempt in range(6):
                status, seconds = timed_get(server.port, "/healthz")
                print(f"honest request {attempt + 1}: {status} in {seconds:.2f} s")
                check(status == 200 and seconds < HONEST_BOUND,
                      f"an honest request while 8 clients do not read: {status} after "
                      f"{seconds:.1f} s")
                time.sleep(0.3)
        finally:
            for s in attackers:
                s.close()
        status, seconds = timed_get(server.port, "/healthz")
        check(status == 200, f"after: {status}")


def trickler(port, source):
    """A connection from source that sends the start of a head and no more."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(5)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-a: ")
    return s


def case_heads_trickled_from_many_addresses_leave_slots(env):
    """--max-connections 200; 20 addresses (127.0.0.11-30) open 11 connections
    each (under the per-address cap of 64), 220 in all, and send a head's
    start only. Honest clients from 127.0.0.2 are answered 200 (before: 503
    too-many-connections while the trickling lasted); the oldest trickling
    connections were closed to make room."""
    with Server(env.gifkit, small_registry(env), "--max-connections", "200",
                data=env.data) as server:
        tricklers = []
        try:
            for round_ in range(11):
                for address in range(11, 31):
                    try:
                        tricklers.append(trickler(server.port, f"127.0.0.{address}"))
                    except OSError as error:
                        print(f"trickler refused: {error}")
            time.sleep(1.5)  # (a connection is dropped for a newer one after a second)
            statuses = []
            for _ in range(10):
                status, seconds = timed_get(server.port, "/healthz", source="127.0.0.2",
                                            timeout=10)
                statuses.append(status)
            print(f"honest answers: {statuses}")
            check(statuses == [200] * 10,
                  f"honest clients while 220 heads trickle from 20 addresses: {statuses}")
            # the oldest tricklers were dropped
            closed = 0
            for s in tricklers[:20]:
                try:
                    s.settimeout(2)
                    closed += s.recv(1) == b""
                except OSError:
                    closed += 1
            print(f"{closed} of the 20 oldest trickling connections closed")
            check(closed >= 10, f"the oldest tricklers closed: {closed} of 20")
        finally:
            for s in tricklers:
                s.close()


def damage_middle(path):
    """Overwrites pages in the middle of the SQLite file at path, in place:
    the middle half of each page of the file's middle third (their headers
    kept), and two whole pages at the middle."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    page_size, = db.execute("PRAGMA page_size").fetchone()
    pages, = db.execute("PRAGMA page_count").fetchone()
    db.close()
    check(pages >= 12, f"the registry has {pages} pages")
    with open(path, "r+b") as f:
        for page in range(pages // 3, 2 * pages // 3):
            f.seek(page * page_size + page_size // 4)
            f.write(b"\xff" * (page_size // 2))
        f.seek((pages // 2) * page_size)
        f.write(b"\xa5" * (2 * page_size))


def health_of(server):
    status, headers, body = server.request("GET", "/healthz")
    return status, json.loads(body)


def expect_degraded(server, what, registry, words):
    """/healthz and /health answer 503 degraded with a problem that names
    the file by its name (not the server's path) and says words."""
    # The look is made at most once a second: the next second sees it.
    wait_until(lambda: server.request("GET", "/healthz")[0] == 503, 5 * TIME_FACTOR)
    for route in ("/healthz", "/health"):
        status, _, body = server.request("GET", route)
        health = json.loads(body)
        print(f"{what}: {route} {status} {health}")
        check(status == 503 and health["status"] == "degraded", f"{what}: {status} {health}")
        problem = health.get("problem", "")
        check(os.path.basename(registry) in problem and os.path.dirname(registry) not in problem,
              f"{what}: the problem names the file by its name: {problem!r}")
        check(any(word in problem for word in words), f"{what}: {problem!r}")
        check(health["generation"] >= 1, f"{what}: {health}")


def case_healthz_degraded_on_a_damaged_cut_or_missing_registry(env):
    """/healthz (and /health) answer 200 ok on the registry as built; 503
    degraded, with a problem naming the file, once its file has been
    damaged in the middle while served, cut short, or deleted (the lookups
    still answer from the file the server holds open)."""
    for damage in ("middle", "cut", "gone"):
        registry = env.path(f"served-{damage}.db")
        shutil.copyfile(small_registry(env), registry)
        with Server(env.gifkit, registry, data=env.data) as server:
            for route in ("/healthz", "/health"):
                status, _, body = server.request("GET", route)
                health = json.loads(body)
                check(status == 200 and health["status"] == "ok" and "problem" not in health,
                      f"{route} before: {status} {health}")
            if damage == "middle":
                damage_middle(registry)
                expect_degraded(server, "damaged in the middle", registry,
                                ["damaged", "malformed"])
            elif damage == "cut":
                size = os.path.getsize(registry)
                os.truncate(registry, size * 2 // 3)
                expect_degraded(server, "cut short", registry, ["cut short", "malformed"])
            else:
                os.remove(registry)
                expect_degraded(server, "deleted", registry, ["gone"])
                status, _, body = server.request("GET", "/v1/registry")
                check(status == 200, f"the server still answers: {status} {body[:200]!r}")


def case_sigterm_stops_within_the_grace_whatever_a_worker_does(env):
    """A client sends a CSV body to validate a byte at a time (a worker reads it: the
    request may take 120 s to arrive); SIGTERM with --shutdown-grace 2000:
    the server has exited (0) within the grace and a few seconds more, the
    client's connection closed (before: the stop waited for the worker,
    past any grace)."""
    server = Server(env.gifkit, small_registry(env), "--shutdown-grace", "2000",
                    "--request-timeout", "120000", data=env.data)
    stop_sending = threading.Event()
    s = socket.create_connection(("127.0.0.1", server.port), timeout=30)

    def trickle():
        try:
            s.sendall(b"POST /v1/validate?filename=t.csv HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Type: text/csv\r\nContent-Length: 1000\r\n\r\na,b\n")
            for _ in range(900):
                if stop_sending.wait(0.3):
                    return
                s.sendall(b" ")
        except OSError:
            pass

    sender = threading.Thread(target=trickle)
    sender.start()
    try:
        time.sleep(1.5)  # the worker is reading the body
        started = time.monotonic()
        code = server.stop(signal.SIGTERM, timeout=30 * TIME_FACTOR)
        seconds = time.monotonic() - started
        print(f"stopped {seconds:.1f} s after SIGTERM, exit {code}: "
              f"{''.join(server.stderr_lines)[-300:]!r}")
        check(code == 0 and seconds < 2 + 3 * TIME_FACTOR,
              f"exit {code} {seconds:.1f} s after SIGTERM (grace 2 s): "
              f"{''.join(server.stderr_lines)[-800:]}")
    finally:
        stop_sending.set()
        sender.join(10)
        s.close()


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="houjin/samples"))
