#!/usr/bin/env python3
"""serve_validate_vs_normalize.py — the cost of POST /v1/validate against
GET /v1/addresses/normalize on the same `gifkit serve` (issue #29: validate
reads through the served registry session, so a 1-row address CSV should
cost within 3× of a normalize). Starts the server on 127.0.0.1 (a free
port) on REGISTRY, asks each route COUNT times over one keep-alive
connection (after 5 of each to warm up), one of each in turn so that a
noisy machine slows both alike, and prints the median, mean and 95th
percentile in milliseconds, the ratio of the medians and the median of the
pair-by-pair ratios.

  serve_validate_vs_normalize.py GIFKIT REGISTRY [COUNT]
"""
import http.client
import os
import statistics
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from serve_support import Server  # noqa: E402

ADDRESS = "東京都文京区本郷一丁目1番1号"
CSV = ("住所\n" + ADDRESS + "\n").encode("utf-8")


def timing(connection, method, path, body):
    """Milliseconds for one request and its whole answer."""
    started = time.perf_counter()
    connection.request(method, path, body=body,
                       headers={"Content-Type": "text/csv"} if body else {})
    response = connection.getresponse()
    response.read()
    assert response.status == 200, f"{method} {path}: {response.status}"
    return (time.perf_counter() - started) * 1000


def main():
    gifkit, registry = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    normalize = "/v1/addresses/normalize?q=" + urllib.parse.quote(ADDRESS)
    validate = "/v1/validate?model=gif:Address&format=json&filename=one.csv"
    with Server(gifkit, registry) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        routes = (("GET normalize", "GET", normalize, None),
                  ("POST validate", "POST", validate, CSV))
        for _, method, path, body in routes:
            for _ in range(5):
                timing(connection, method, path, body)
        spent = {name: [] for name, *_ in routes}
        for _ in range(count):
            for name, method, path, body in routes:
                spent[name].append(timing(connection, method, path, body))
        for name, values in spent.items():
            ordered = sorted(values)
            print(f"{name:14} {count} requests: median {statistics.median(ordered):.2f} ms, "
                  f"mean {statistics.mean(ordered):.2f} ms, p95 {ordered[int(0.95 * count) - 1]:.2f} ms")
        medians = {name: statistics.median(values) for name, values in spent.items()}
        pairs = [v / n for v, n in zip(spent["POST validate"], spent["GET normalize"])]
        print(f"validate / normalize: {medians['POST validate'] / medians['GET normalize']:.1f}× "
              f"(medians), {statistics.median(pairs):.1f}× (median of the {count} pairs)")


if __name__ == "__main__":
    main()
