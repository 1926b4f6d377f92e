"""serve_support.py — starts and stops the real `gifkit serve` for the
end-to-end tests of the service (serve_e2e.py, openapi_e2e.py, page_e2e.py)
and the benchmark: builds a registry from ../shared/data (法人番号 samples,
the four ABR areas, the character tables) once per work folder, starts the
server on a free loopback port as the current user, reads the port from its
first line on stderr, and stops it (SIGTERM, then SIGKILL) afterwards.
Traffic goes to 127.0.0.1 only.
"""
import csv
import http.client
import io
import json
import os
import signal
import subprocess
import time
import zipfile

HOUJIN = ["houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv",
          "houjin/samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"]
ABR = ["abr/national", "abr/wakayama", "abr/bunkyo", "abr/yakushima"]
MOJI = ["moji"]


def abr_source_rows(data, zip_path):
    """The rows of a published ABR table (a zip of ABR, under data) as dicts, as the file gives
    them: what a test compares the registry's answers with. The registry's 住居表示 and 地番 tables
    are packed (docs/registry.md) and read through gifkit's own SQLite module only, which
    Python's sqlite3 lacks."""
    with zipfile.ZipFile(os.path.join(data, zip_path)) as archive:
        entry = next(name for name in archive.namelist() if name.endswith(".csv"))
        with archive.open(entry) as raw:
            return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig")))


def build_registry(gifkit, data, path, parts=("houjin", "abr", "moji")):
    """Builds the registry at path (once: an existing file is kept)."""
    if os.path.exists(path):
        return path
    sources = []
    if "houjin" in parts:
        sources += HOUJIN
    if "abr" in parts:
        sources += ABR
    if "moji" in parts:
        sources += MOJI
    tmp = f"{path}.building-{os.getpid()}"
    subprocess.run([gifkit, "registry", "build", "--out", tmp] +
                   [os.path.join(data, s) for s in sources],
                   check=True, capture_output=True, timeout=600)
    os.replace(tmp, path)
    return path


class Server:
    """A running `gifkit serve`; use as a context manager."""

    def __init__(self, gifkit, registry, *extra, data=None, env=None):
        args = [gifkit, "serve", "--registry", registry, "--port", "0"] + list(extra)
        if data:
            args += ["--data", data]
        self.stderr_lines = []
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env=env)
        first = self.process.stderr.readline().decode("utf-8", "replace")
        self.stderr_lines.append(first)
        while first.startswith("gifkit serve: note:"):
            first = self.process.stderr.readline().decode("utf-8", "replace")
            self.stderr_lines.append(first)
        if "listening on http://" not in first:
            rest = self.process.stderr.read().decode("utf-8", "replace")
            self.process.kill()
            raise RuntimeError(f"gifkit serve did not start: {first}{rest}")
        address = first.split("http://", 1)[1].split("/", 1)[0]
        self.host, port = address.rsplit(":", 1)
        self.port = int(port)
        assert self.host == "127.0.0.1", "tests serve on loopback only"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def request(self, method, path, body=None, headers=None, timeout=60):
        """(status, headers dict, body bytes) of one request on a new connection."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def get_json(self, path, expect=200):
        status, headers, body = self.request("GET", path)
        assert status == expect, f"GET {path}: status {status}, expected {expect}: {body[:500]!r}"
        assert headers.get("Content-Type", "").startswith("application/json"), headers
        return json.loads(body)

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Stops the server (once); returns its exit code."""
        if self.process.stderr.closed:
            return self.process.returncode
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        rest = self.process.stderr.read().decode("utf-8", "replace")
        self.stderr_lines.append(rest)
        self.process.stdout.close()
        self.process.stderr.close()
        return self.process.returncode


def wait_until(predicate, timeout=10.0, step=0.05):
    """Polls predicate until it is true (returns True) or the time is up (False)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False
