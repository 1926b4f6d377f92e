#!/usr/bin/env python3
"""cold_city.py — what the first request to a city costs `gifkit serve` (issue #32 part 2).

Starts `gifkit serve --registry REGISTRY --port 0 [EXTRA…]` on 127.0.0.1, waits for /health,
then asks GET /v1/addresses/normalize for each ADDRESS twice (cold, then warm) and prints one
JSON line: seconds to start, RSS after start and at the end, and per address the wall
milliseconds of each request and the service's CPU milliseconds spent on it (the sum of its
threads' run time from /proc/PID/task/*/schedstat, in nanoseconds: the figure that holds on a
loaded machine), with the match level. Usage:

  bench/cold_city.py GIFKIT REGISTRY "EXTRA ARGS" ADDRESS...
"""
import glob
import http.client
import json
import subprocess
import sys
import time
import urllib.parse


def cpu_ns(pid):
    total = 0
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(path) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that ended meanwhile
    return total


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def main():
    gifkit, registry = sys.argv[1], sys.argv[2]
    extra = sys.argv[3].split() if len(sys.argv) > 3 else []
    addresses = sys.argv[4:]
    started = time.monotonic()
    server = subprocess.Popen(
        [gifkit, "serve", "--registry", registry, "--port", "0", *extra], stderr=subprocess.PIPE)
    try:
        port = None
        while port is None:
            line = server.stderr.readline().decode()
            if not line:
                sys.exit("the service did not start")
            if "listening on http://" in line:
                port = int(line.split("http://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])

        def get(path):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            cpu_before, wall_before = cpu_ns(server.pid), time.monotonic()
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            wall = time.monotonic() - wall_before
            cpu = cpu_ns(server.pid) - cpu_before
            connection.close()
            return response.status, wall, cpu, body

        while True:
            try:
                if get("/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.01)
        out = {"start_seconds": round(time.monotonic() - started, 3),
               "rss_mb_after_start": rss_mb(server.pid)}
        for address in addresses:
            path = "/v1/addresses/normalize?q=" + urllib.parse.quote(address)
            status, cold, cold_cpu, body = get(path)
            _, warm, warm_cpu, _ = get(path)
            out[address] = {"status": status, "cold_ms": round(cold * 1000, 1),
                            "cold_cpu_ms": round(cold_cpu / 1e6, 1),
                            "warm_ms": round(warm * 1000, 1),
                            "warm_cpu_ms": round(warm_cpu / 1e6, 1),
                            "level": json.loads(body).get("match_level")}
        out["rss_mb_after"] = rss_mb(server.pid)
        print(json.dumps(out, ensure_ascii=False))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
