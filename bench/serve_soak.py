#!/usr/bin/env python3
"""serve_soak.py — a bounded soak run of `gifkit serve` (issue #28): MINUTES of
mixed honest and hostile traffic against one server on 127.0.0.1, with its
RSS, peak RSS, open files and threads sampled each minute.

Honest clients (one thread each) ask what a real client asks: a corporation
by number, a name search, an address normalized, a small CSV validated; each
answer's status is counted and a failure (anything but 200, or 503
registry-busy while the registry is locked on purpose) is listed.
Hostile clients at the same time: garbage bytes, malformed and conflicting
framing (two Content-Lengths, a lying chunk size, an unknown
Transfer-Encoding, a header line without a colon), slowloris trickles, a
declared body larger than --max-body, bursts of idle connections, a small
xlsx zip bomb and an XML instance with many attributes uploaded to
/v1/validate; and the attacks of issue #56: clients that post a batch and
never read the answer, header-trickling connections spread over 20 loopback
addresses (each under the per-address cap), HTTP/1.1 requests without Host or
with two, a 200,000-row bad CSV validated with the json answer (the report's
memory), a 1 MB CSV asked for sarif (the path rewrite) and 240 KB of text to
/v1/characters/check. Every few minutes another process holds the registry's
write lock for 3 s, and the server gets a SIGHUP. An honest request answered
503 (overload, a full queue) is counted apart, as the issue allows under
deliberate overload; any other status but 200 is a failure.

Traffic goes to 127.0.0.1 only; every loop stops at the deadline, every
socket has a timeout. Usage:

  bench/serve_soak.py --gifkit build-release/tools/gifkit --data ../shared/data \\
      --work /tmp/soak [--minutes 30] [--threads 4] [--out soak.json]

Prints one line per minute and a Markdown table at the end (docs/performance.md).
"""
import argparse
import io
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from serve_support import Server, build_registry  # noqa: E402

HOST = "127.0.0.1"
# The honest clients connect from another loopback address than the hostile
# ones, as they would from another machine: the per-address connection cap
# (--max-connections-per-address) is for the hostile address to meet.
HONEST_SOURCE = "127.0.0.2"


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.values = {}
        self.failures = []
        self.latencies = []

    def add(self, key, n=1):
        with self.lock:
            self.values[key] = self.values.get(key, 0) + n

    def fail(self, what):
        with self.lock:
            self.values["honest-failed"] = self.values.get("honest-failed", 0) + 1
            if len(self.failures) < 50:
                self.failures.append(what)

    def latency(self, seconds):
        with self.lock:
            self.latencies.append(seconds)

    def take_latencies(self):
        """The honest latencies since the last call, sorted."""
        with self.lock:
            taken, self.latencies = sorted(self.latencies), []
        return taken

    def snapshot(self):
        with self.lock:
            return dict(self.values)


def exchange(port, data, timeout=10.0, read=True, source=None):
    """Sends raw bytes on a new connection (from the loopback address source,
    when given); returns what came back (bytes)."""
    with socket.create_connection((HOST, port), timeout=timeout,
                                  source_address=(source, 0) if source else None) as s:
        s.sendall(data)
        if not read:
            return b""
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                if sum(map(len, chunks)) > 1 << 20:
                    break
        except socket.timeout:
            pass
        return b"".join(chunks)


def http_request(port, method, path, body=b"", headers=None, timeout=30.0, source=None):
    """(status, body) of one request (Connection: close)."""
    head = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Connection: close"]
    for k, v in (headers or {}).items():
        head.append(f"{k}: {v}")
    if body or method == "POST":
        head.append(f"Content-Length: {len(body)}")
    raw = exchange(port, ("\r\n".join(head) + "\r\n\r\n").encode() + body, timeout=timeout,
                   source=source)
    if not raw.startswith(b"HTTP/1."):
        return 0, raw
    status = int(raw.split(b" ", 2)[1])
    return status, raw.split(b"\r\n\r\n", 1)[-1]


def honest_client(port, kind, deadline, counters, state, numbers, addresses, csv_body):
    rng = random.Random(hash(kind))
    while time.monotonic() < deadline:
        if kind == "number":
            path = f"/v1/corporations/{rng.choice(numbers)}"
            method, body, headers = "GET", b"", {}
        elif kind == "name":
            path = "/v1/corporations?name=" + urllib.parse.quote(rng.choice(["日本", "建設", "ホールディングス", "東京", "トウキョウ"]))
            method, body, headers = "GET", b"", {}
        elif kind == "address":
            path = "/v1/addresses/normalize?q=" + urllib.parse.quote(rng.choice(addresses))
            method, body, headers = "GET", b"", {}
        else:
            path = "/v1/validate?model=gif:LegalEntity"
            method, body, headers = "POST", csv_body, {"Content-Type": "text/csv"}
        started = time.monotonic()
        try:
            status, answer = http_request(port, method, path, body, headers,
                                          source=HONEST_SOURCE)
        except OSError as error:
            status, answer = 0, str(error).encode()
        elapsed = time.monotonic() - started
        counters.add(f"honest-{kind}")
        counters.latency(elapsed)
        if status == 200:
            pass
        elif status == 503 and b"registry-busy" in answer and state.get("locked"):
            counters.add("honest-busy-while-locked")
        elif status == 503 and b"registry-busy" not in answer:
            counters.add("honest-503-overload")
        else:
            counters.fail(f"{kind} {path[:80]}: {status} {answer[:160]!r}")
        time.sleep(0.02)


def zip_bomb_xlsx(inflated_mib=64):
    """A small .xlsx whose sharedStrings part inflates to inflated_mib MiB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="a" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>')
        with z.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            block = b"<si><t>" + b"A" * 1000 + b"</t></si>"
            for _ in range(inflated_mib * 1024):
                part.write(block)
            part.write(b"</sst>")
    return out.getvalue()


def many_attributes_xml(count=40000):
    attributes = " ".join(f'a{i}="x"' for i in range(count))
    return f'<?xml version="1.0"?><root {attributes}/>'.encode()


def bad_csv(rows):
    """A CSV of gif:LegalEntity whose every row has two bad values (a report of 2 × rows findings)."""
    lines = ["法人番号,商号又は名称,設立年月日"]
    lines += [f"{1000000000000 + i},株式会社テスト{i},2024-13-{i % 40:02d}" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


# The big uploads and the non-readers come from addresses of their own, so that the idle
# bursts of 127.0.0.1 (past the per-address cap) do not turn them away before they are sent.
UPLOAD_SOURCE = "127.0.0.3"
NON_READER_SOURCE = "127.0.0.4"
# The source addresses of the trickling connections: 20, as the attack used.
TRICKLE_SOURCES = [f"127.0.0.{10 + i}" for i in range(20)]


def hostile_client(port, kind, deadline, counters, max_body):
    rng = random.Random(hash(kind) ^ 20261124)
    bomb = zip_bomb_xlsx() if kind == "uploads" else b""
    xml = many_attributes_xml() if kind == "uploads" else b""
    big_bad = bad_csv(200000) if kind == "report-memory" else b""
    sarif_csv = bad_csv(16000) if kind == "report-memory" else b""
    text = ("株式会社テスト髙﨑　𠮷野家\n" * 8000).encode() if kind == "report-memory" else b""
    while time.monotonic() < deadline:
        try:
            if kind == "garbage":
                exchange(port, bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 4096))), timeout=3)
            elif kind == "framing":
                case = rng.choice([
                    b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\nhello",
                    b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloooooo\r\n0\r\n\r\n",
                    b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost x\r\nbad line\r\n\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost: x\x00y\r\n\r\n",
                    b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\n\r\n",
                ])
                exchange(port, case, timeout=3)
            elif kind == "slowloris":
                with socket.create_connection((HOST, port), timeout=5) as s:
                    for byte in b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200:
                        if time.monotonic() >= deadline:
                            break
                        s.sendall(bytes([byte]))
                        time.sleep(0.5)
            elif kind == "oversize":
                exchange(port, b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: "
                         + str(max_body + 1).encode() + b"\r\n\r\n" + b"x" * 65536, timeout=5)
            elif kind == "idle-burst":
                sockets = []
                for _ in range(80):  # past the per-address cap of 64
                    try:
                        sockets.append(socket.create_connection((HOST, port), timeout=3))
                    except OSError:
                        break
                time.sleep(2)
                for s in sockets:
                    s.close()
            elif kind == "uploads":
                http_request(port, "POST", "/v1/validate?model=gif:LegalEntity", bomb,
                             {"Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, timeout=60)
                http_request(port, "POST", "/v1/validate?model=gif:LegalEntity", xml,
                             {"Content-Type": "application/xml"}, timeout=60)
                time.sleep(5)
            elif kind == "non-reader":
                # A batch posted, the answer never read: the socket stays open until the
                # server gives up on it.
                body = bad_csv(20000)
                with socket.create_connection((HOST, port), timeout=30,
                                              source_address=(NON_READER_SOURCE, 0)) as s:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                    s.sendall(b"POST /v1/validate?model=gif:LegalEntity HTTP/1.1\r\nHost: x\r\n"
                              b"Content-Type: text/csv\r\nContent-Length: "
                              + str(len(body)).encode() + b"\r\n\r\n" + body)
                    end = min(deadline, time.monotonic() + 20)
                    while time.monotonic() < end:
                        time.sleep(1)
            elif kind == "trickle-many":
                # 10 trickling heads from each of 20 addresses at once, a byte every 2 s.
                sockets = []
                for source in TRICKLE_SOURCES:
                    for _ in range(10):
                        try:
                            sockets.append(socket.create_connection(
                                (HOST, port), timeout=3, source_address=(source, 0)))
                        except OSError:
                            break
                end = min(deadline, time.monotonic() + 20)
                while time.monotonic() < end:
                    for s in sockets:
                        try:
                            s.send(b"X")
                        except OSError:
                            pass
                    time.sleep(2)
                for s in sockets:
                    s.close()
            elif kind == "no-host":
                exchange(port, rng.choice([
                    b"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n"]),
                    timeout=3)
            elif kind == "report-memory":
                http_request(port, "POST", "/v1/validate?model=gif:LegalEntity", big_bad,
                             {"Content-Type": "text/csv"}, timeout=120, source=UPLOAD_SOURCE)
                http_request(port, "POST", "/v1/validate?model=gif:LegalEntity&format=sarif",
                             sarif_csv, {"Content-Type": "text/csv"}, timeout=120,
                             source=UPLOAD_SOURCE)
                http_request(port, "POST", "/v1/characters/check", text,
                             {"Content-Type": "text/plain"}, timeout=120, source=UPLOAD_SOURCE)
                time.sleep(10)
            counters.add(f"hostile-{kind}")
        except OSError:
            counters.add(f"hostile-{kind}-cut-off")
        time.sleep(0.05)


def lock_and_hangup(registry, pid, deadline, counters, state, every_s):
    """Every every_s seconds: another process holds the registry's lock for 3 s; then SIGHUP."""
    next_at = time.monotonic() + every_s / 2
    while time.monotonic() < deadline:
        time.sleep(1)
        if time.monotonic() < next_at:
            continue
        next_at += every_s
        db = sqlite3.connect(registry, isolation_level=None, timeout=10)
        try:
            db.execute("BEGIN EXCLUSIVE")
            state["locked"] = True
            time.sleep(3)
            db.execute("ROLLBACK")
        finally:
            time.sleep(0.5)
            state["locked"] = False
            db.close()
        os.kill(pid, signal.SIGHUP)
        counters.add("locks-and-hangups")


def latency_summary(latencies):
    if not latencies:
        return {"p50_ms": None, "p99_ms": None, "max_ms": None}
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000)  # noqa: E731
    return {"p50_ms": pick(0.5), "p99_ms": pick(0.99), "max_ms": round(latencies[-1] * 1000)}


def sample(pid):
    status = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            status[key] = value.strip()
    return {"rss_mb": int(status["VmRSS"].split()[0]) / 1024,
            "hwm_mb": int(status["VmHWM"].split()[0]) / 1024,
            "threads": int(status["Threads"]),
            "fds": len(os.listdir(f"/proc/{pid}/fd"))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gifkit", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-body-mib", type=int, default=16)
    parser.add_argument("--lock-every", type=float, default=300, help="seconds")
    parser.add_argument("--out")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    registry = build_registry(os.path.abspath(args.gifkit), os.path.abspath(args.data),
                              os.path.join(os.path.abspath(args.work), "soak.db"))
    with sqlite3.connect(f"file:{registry}?mode=ro", uri=True) as db:
        numbers = [str(r[0]) for r in db.execute("SELECT corporate_number FROM corporation LIMIT 2000")]
    addresses = ["東京都文京区白山2-1-2", "和歌山県和歌山市七番丁23番地", "鹿児島県熊毛郡屋久島町宮之浦2445-1",
                 "文京区本郷7丁目3番1号", "和歌山市小松原通1丁目1"]
    csv_body = ("法人番号,商号又は名称\n" + "".join(f"{n},株式会社テスト\n" for n in numbers[:50])).encode()
    deadline = time.monotonic() + args.minutes * 60
    counters = Counters()
    state = {"locked": False}
    with Server(os.path.abspath(args.gifkit), registry, "--threads", str(args.threads),
                "--request-timeout", "5000", "--time-limit", "5000", "--busy-timeout", "1000",
                "--max-body", str(args.max_body_mib), data=os.path.abspath(args.data)) as server:
        pid = server.process.pid
        threads = []
        for kind in ["number", "number", "name", "address", "validate"]:
            threads.append(threading.Thread(target=honest_client, args=(
                server.port, kind, deadline, counters, state, numbers, addresses, csv_body)))
        for kind in ["garbage", "framing", "slowloris", "slowloris", "slowloris", "slowloris",
                     "oversize", "idle-burst", "uploads", "non-reader", "non-reader",
                     "non-reader", "non-reader", "trickle-many", "no-host", "report-memory"]:
            threads.append(threading.Thread(target=hostile_client, args=(
                server.port, kind, deadline, counters, args.max_body_mib << 20)))
        threads.append(threading.Thread(target=lock_and_hangup, args=(
            registry, pid, deadline, counters, state, args.lock_every)))
        for t in threads:
            t.daemon = True
            t.start()
        samples = []
        started = time.monotonic()
        first = sample(pid)
        samples.append({"minute": 0, **first, **counters.snapshot()})
        print(json.dumps(samples[-1]), flush=True)
        while time.monotonic() < deadline:
            time.sleep(min(60, max(0.1, deadline - time.monotonic())))
            if server.process.poll() is not None:
                print(f"the server exited: {server.process.returncode}", flush=True)
                break
            samples.append({"minute": round((time.monotonic() - started) / 60, 1),
                            **sample(pid), **latency_summary(counters.take_latencies()),
                            **counters.snapshot()})
            print(json.dumps(samples[-1]), flush=True)
        for t in threads:
            t.join(timeout=90)
        alive = server.process.poll() is None
        final = counters.snapshot()
        exit_code = server.stop()
    result = {"minutes": args.minutes, "alive_at_end": alive, "exit_code": exit_code,
              "samples": samples, "counters": final, "failures": counters.failures}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
    print("\n| minute | RSS MB | peak RSS MB | open files | threads | honest requests | honest failed | honest p50 / p99 / max ms |")
    print("|---|---|---|---|---|---|---|---|")
    for s in samples:
        honest = sum(v for k, v in s.items() if k.startswith("honest-") and k not in (
            "honest-failed", "honest-busy-while-locked"))
        print(f"| {s['minute']} | {s['rss_mb']:.1f} | {s['hwm_mb']:.1f} | {s['fds']} | {s['threads']} | "
              f"{honest} | {s.get('honest-failed', 0)} | {s.get('p50_ms')} / {s.get('p99_ms')} / {s.get('max_ms')} |")
    print("\ncounters:", json.dumps(final, sort_keys=True))
    for failure in counters.failures[:20]:
        print("honest failure:", failure)
    print(f"server alive at the end: {alive}; exit code after SIGTERM: {exit_code}")
    return 0 if alive and not counters.failures else 1


if __name__ == "__main__":
    sys.exit(main())
