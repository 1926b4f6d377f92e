#!/usr/bin/env python3
"""pg_down_e2e.py — `gifkit serve` on a PostgreSQL registry whose server goes
away (67.x, issue #56): the real binary and a throw-away server of its own
(pg_server.py, 127.0.0.1 only, as gifkit-pg when root), a small registry (the
Bunkyō and national ABR areas, the character tables) pushed to it.

  - with the server killed (or stopped), what the service holds in memory keeps
    answering 200, byte for byte as before (a character looked up before, an
    address of a city already read), many requests at once;
  - what needs the server answers 503 registry-unavailable at once (each well
    under 2 s, many in parallel: no connect timeout per request, no queue behind
    one dead connection), the message naming the cause (the registry server is
    unreachable), with Retry-After and without the password; /healthz says
    degraded;
  - the server back, the service answers again by itself (no restart), and
    /healthz says ok;
  - the password never on the command line: serve is given the location
    without it and the password in PGPASSWORD;
  - each TCP connection to the server sends keepalives after 10 s idle (a
    server gone silent mid-query is given up in about 25 s, not 2 hours).

Each case is one function; `--list` names them, `--case NAME` runs one
(exit 0 pass, 1 fail, 77 skipped: no shared data or no PostgreSQL here).
"""
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOM = "serve"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from case_runner import CaseList, Skipped, check, run_script  # noqa: E402
import pg_server  # noqa: E402
from serve_support import Server, build_registry, wait_until  # noqa: E402

ARGS = None
CASES = CaseList()
case = CASES.case

CHARACTER = "/v1/characters/" + urllib.parse.quote("髙")
ADDRESS = "/v1/addresses/normalize?q=" + urllib.parse.quote("東京都文京区本郷七丁目3番1号")
TOWNS = "/v1/towns?lg_code=131059&prefix=" + urllib.parse.quote("本")
# Held in memory once asked: a character's rows, a city's places.
IN_MEMORY = (CHARACTER, ADDRESS)
# Read from the server each time.
ON_SERVER = (TOWNS,)


def own_server():
    try:
        return pg_server.PgServer()
    except pg_server.PgUnavailable as e:
        raise Skipped(str(e)) from None


def location(pg):
    """The registry's location as serve is given it: no password in it."""
    return f"postgresql://{pg.user}@{pg.host}:{pg.port}/{pg.dbname}"


def environment(pg):
    """serve's environment: the password in PGPASSWORD, no other PG* variable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["PGPASSWORD"] = pg.password
    return env


def timed(server, path):
    start = time.monotonic()
    status, headers, body = server.request("GET", path, timeout=30)
    return status, headers, body, time.monotonic() - start


def all_at_once(server, paths, threads=16):
    """(status, headers, body, seconds) of each path, threads at a time."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(lambda path: timed(server, path), paths))


def while_away(server, pg, before, how):
    """The checks of the service while its server is away."""
    # The first request to meet the dead server learns it; then every one is quick.
    server.request("GET", TOWNS, timeout=30)
    started = time.monotonic()
    answers = all_at_once(server, [p for p in IN_MEMORY for _ in range(100)])
    took = time.monotonic() - started
    for (status, _, body, _), path in zip(answers, [p for p in IN_MEMORY for _ in range(100)]):
        check(status == 200 and body == before[path],
              f"{how}: {path} held in memory: {status} {body[:300]!r}")
    check(took < 10, f"{how}: 200 requests of what is in memory took {took:.1f} s")
    answers = all_at_once(server, [p for p in ON_SERVER for _ in range(40)])
    for status, headers, body, seconds in answers:
        check(status == 503, f"{how}: {TOWNS}: {status} {body[:300]!r}")
        check(seconds < 2, f"{how}: a 503 took {seconds:.2f} s")
        error = json.loads(body)["error"]
        check(error["code"] == "registry-unavailable", f"{how}: {error}")
        check("the registry server is unreachable" in error["message"], f"{how}: {error}")
        check(pg.password not in body.decode(), f"{how}: the answer shows the password")
        check(int(headers.get("Retry-After", "0")) >= 1, f"{how}: Retry-After: {headers}")
    status, _, body = server.request("GET", "/healthz")
    health = json.loads(body)
    check(health["status"] == "degraded" and "unreachable" in health.get("problem", ""),
          f"{how}: /healthz: {status} {health}")


def back(server, before, how):
    check(wait_until(lambda: server.request("GET", TOWNS, timeout=30)[0] == 200, timeout=30),
          f"{how}: the service did not answer again after the server came back")
    for path in (*IN_MEMORY, *ON_SERVER):
        status, _, body = server.request("GET", path)
        check(status == 200 and body == before[path], f"{how}, after: {path}: {status}")
    status, _, body = server.request("GET", "/healthz")
    check(status == 200 and json.loads(body)["status"] == "ok", f"{how}: /healthz after: {body}")


@case("serve-answers-from-memory-while-the-server-is-away")
def case_away():
    """Killed, then stopped cleanly: what is in memory answers, the rest 503
    at once; back by itself each time."""
    if not os.path.isdir(os.path.join(ARGS.data, "abr")):
        raise Skipped("no shared data")
    with tempfile.TemporaryDirectory(prefix="gifkit-e2e-pgdown-") as work, own_server() as pg:
        registry = build_registry(ARGS.gifkit, ARGS.data, os.path.join(work, "registry.db"),
                                  parts=("abr", "moji"))
        push = subprocess.run([ARGS.gifkit, "registry", "push", registry, location(pg)],
                              env=environment(pg), capture_output=True, timeout=600)
        check(push.returncode == 0, f"push: {push.stderr.decode()}")
        with Server(ARGS.gifkit, location(pg), env=environment(pg)) as server:
            before = {}
            for path in (*IN_MEMORY, *ON_SERVER):
                status, _, body = server.request("GET", path)
                check(status == 200, f"before: {path}: {status} {body[:300]!r}")
                before[path] = body
            pg.kill()
            while_away(server, pg, before, "killed")
            pg.start()
            back(server, before, "killed")
            pg_server.stop_data(pg.bindir, pg.run_as, pg.data, "fast")
            while_away(server, pg, before, "stopped")
            pg.start()
            back(server, before, "stopped")
            logs = "".join(server.stderr_lines)
        check(pg.password not in logs, "serve printed the password")


def tcp_timers(pid, port):
    """(timer, seconds left) of each TCP connection of process pid to
    127.0.0.1:port, from /proc/net/tcp: timer 2 is the keepalive timer."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    timers = []
    with open(f"/proc/{pid}/net/tcp", encoding="ascii") as f:
        next(f)
        for line in f:
            fields = line.split()
            remote_port = int(fields[2].split(":")[1], 16)
            timer, left = fields[5].split(":")
            if fields[9] in inodes and remote_port == port and fields[3] == "01":  # ESTABLISHED
                timers.append((int(timer, 16), int(left, 16) / os.sysconf("SC_CLK_TCK")))
    return timers


@case("serve-gives-up-a-silent-server-in-seconds")
def case_keepalives():
    """Each TCP connection to the server keeps alive in seconds (10 s idle), not the system's
    2 hours: a server gone silent mid-query (a network gone) is noticed in about 25 s."""
    if not os.path.isdir(os.path.join(ARGS.data, "abr")):
        raise Skipped("no shared data")
    with tempfile.TemporaryDirectory(prefix="gifkit-e2e-pgdown-") as work, own_server() as pg:
        registry = build_registry(ARGS.gifkit, ARGS.data, os.path.join(work, "registry.db"),
                                  parts=("moji",))
        push = subprocess.run([ARGS.gifkit, "registry", "push", registry, location(pg)],
                              env=environment(pg), capture_output=True, timeout=600)
        check(push.returncode == 0, f"push: {push.stderr.decode()}")
        with Server(ARGS.gifkit, location(pg), env=environment(pg)) as server:
            status, _, body = server.request("GET", CHARACTER)
            check(status == 200, f"{CHARACTER}: {status} {body[:300]!r}")
            time.sleep(0.5)  # idle: the connection's keepalive timer runs
            timers = tcp_timers(server.process.pid, pg.port)
        check(timers, "serve holds no TCP connection to the server")
        for timer, left in timers:
            check(timer == 2 and left <= 10, f"a connection's timer {timer}, {left:.0f} s left "
                                             "(expected the keepalive timer, 2, within 10 s)")


def ready(args):
    global ARGS
    ARGS = args
    ARGS.data = os.path.abspath(ARGS.data)


def main():
    return run_script({name: lambda _args, function=function: function()
                       for name, function in CASES.items()}, before=ready)


if __name__ == "__main__":
    sys.exit(main())
