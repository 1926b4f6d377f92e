#!/usr/bin/env python3
"""serve_probe.py — asks a running `gifkit serve` on 127.0.0.1 for the first COUNT
paths of a paths file (serve_paths.py's), one at a time over one keep-alive
connection, and writes one line a path: status, SHA-1 of the body, path.
run_pg_registry_bench.sh compares the lines of the service on the file with
those of the service on PostgreSQL (the same answers?) and counts the statuses.

  serve_probe.py PORT PATHS COUNT OUT
"""
import collections
import hashlib
import http.client
import sys


def main():
    port, paths, count, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open(paths, encoding="utf-8") as f:
        wanted = [line.strip() for line in f if line.strip()][:count]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    statuses = collections.Counter()
    with open(out, "w", encoding="utf-8") as f:
        for path in wanted:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            statuses[response.status] += 1
            detail = ""
            if response.status >= 400:
                detail = "\t" + body.decode("utf-8", "replace").replace("\n", " ")[:300]
            f.write(f"{response.status}\t{hashlib.sha1(body).hexdigest()}\t{path}{detail}\n")
    print(" ".join(f"{status}: {n}" for status, n in sorted(statuses.items())))


if __name__ == "__main__":
    main()
