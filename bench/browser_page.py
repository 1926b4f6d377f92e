#!/usr/bin/env python3
"""browser_page.py — how fast the page of the browser build (tools/browser/,
docs/browser.md) starts and checks a file, beside the native gifkit on the same file in the
same run (the baseline; the ratio is what to compare between runs on this shared machine).

The file: the first ROWS (default 1,000) rows of the real 観光施設一覧 of 石川県
(../shared/data/opendata-real/municipal/ishikawa-pref_170003_tourism.csv, 59 columns). Each
of RUNS rounds (default 5), in turn:
  cli    `gifkit validate FILE -f json` as a whole process (wall s);
  page   a fresh headless Chromium opens build-browser/page/index.html from file:// —
         ready_s: from the request of the page to the checker ready (gifkit.js read, its
         WebAssembly compiled, the module started); then the file chosen in its field —
         result_s: to the verdict shown (validate -f json); all_s: to the html report and
         transform's fixed file, change log and review list.
Then the medians, and result_s / cli. The page's size: gifkit.js and its gzip -9.
Usage: bench/browser_page.py [--page build-browser/page] [--gifkit build/tools/gifkit]
       [--data ../shared/data] [--rows 1000] [--runs 5]"""
import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
from page_e2e import WebDriver  # noqa: E402
from serve_support import wait_until  # noqa: E402


def first_rows(source, rows, target):
    with open(source, encoding="utf-8-sig", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    with open(target, "w", encoding="utf-8", newline="") as out:
        out.writelines(lines[: rows + 1])


def page_round(page, path, work):
    driver = WebDriver(shutil.which("chromedriver"), shutil.which("chromium"),
                       os.path.join(work, "profile"), open(os.path.join(work, "driver.log"), "w"))
    try:
        driver.open("file://" + os.path.join(page, "index.html"))
        state = lambda: driver.script("return document.body.dataset.state || '';")  # noqa: E731
        wait_until(lambda: state() in ("ready", "failed"), timeout=120, step=0.05)
        ready = float(driver.script("return document.body.dataset.readySeconds;"))
        driver.type("#file", path)
        wait_until(lambda: state() in ("done", "failed"), timeout=300, step=0.05)
        last = driver.script("return window.gifkitLast;")
        return ready, last["resultSeconds"], last["seconds"], last["code"]
    finally:
        driver.quit()
        shutil.rmtree(os.path.join(work, "profile"), ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--page", default=os.path.join(HERE, "..", "build-browser", "page"))
    parser.add_argument("--gifkit", default=os.path.join(HERE, "..", "build", "tools", "gifkit"))
    parser.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    page = os.path.abspath(args.page)
    work = tempfile.mkdtemp(prefix="gifkit-bench-page-")
    try:
        path = os.path.join(work, f"170003_tourism_{args.rows}.csv")
        first_rows(os.path.join(args.data, "opendata-real", "municipal",
                                "ishikawa-pref_170003_tourism.csv"), args.rows, path)
        script = os.path.join(page, "gifkit.js")
        with open(script, "rb") as f:
            raw = f.read()
        print(f"gifkit.js {len(raw) / 1e6:.2f} MB, gzip -9 {len(gzip.compress(raw, 9)) / 1e6:.2f} MB; "
              f"the page folder {sum(os.path.getsize(os.path.join(page, n)) for n in os.listdir(page)) / 1e6:.2f} MB")
        print(f"{'run':>3} {'cli_s':>7} {'ready_s':>8} {'result_s':>9} {'all_s':>7} exit")
        rows = []
        for run in range(1, args.runs + 1):
            started = time.monotonic()
            code = subprocess.run([args.gifkit, "validate", path, "-f", "json"],
                                  capture_output=True).returncode
            cli = time.monotonic() - started
            ready, result, whole, page_code = page_round(page, path, work)
            if page_code != code:
                print(f"the page's exit {page_code} is not the CLI's {code}")
                return 1
            rows.append((cli, ready, result, whole))
            print(f"{run:>3} {cli:7.3f} {ready:8.3f} {result:9.3f} {whole:7.3f} {code}")
        med = [statistics.median(column) for column in zip(*rows)]
        print(f"median {med[0]:.3f} {med[1]:.3f} {med[2]:.3f} {med[3]:.3f}; "
              f"first result / CLI = {med[2] / med[0]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
