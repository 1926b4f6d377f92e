#!/usr/bin/env python3
"""point_place.py — the false-positive rate of validate's point-versus-place rule (issue #30
step 2; docs/validate.md "Point versus place"): every ABR position of ../shared/data/abr (町字
mt_town_pos, 住居表示 mt_rsdtdsp_rsdt_pos, 地番 mt_parcel_pos) and every MLIT 位置参照情報 point of
../shared/data/mlit becomes one CSV row (消防水利施設一覧, new generation: 全国地方公共団体コード,
ID, 地方公共団体名, 名称, 所在地_連結表記, 緯度, 経度) whose address is the 町字 the point is of and
whose point is the published one. The real `gifkit validate --registry` checks them against two
registries built with the binary: `full` (every ABR file of the folder) and `towns` (the
national tables and the 町字 files only: what a registry without 住居表示/地番 data knows). The
rows are correct data: every inconsistent-address finding is a false positive, counted by
source and severity (rows, not findings: a row is counted once) and listed with the row's ID
(the source's key). A 緯度/経度 finding only: the bench's rows have no postal code.

Usage: bench/point_place.py --gifkit BUILD/tools/gifkit [--data ../shared/data]
                            [--work /tmp/gifkit-point-place] [--list N]
Run it at nice 10 on a shared machine: ~500,000 rows, two registries.
"""
import argparse
import collections
import csv
import glob
import io
import json
import os
import subprocess
import time
import zipfile

HEADER = ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "所在地_連結表記", "緯度", "経度"]


def read_zip(path, encoding="utf-8"):
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            yield from csv.DictReader(io.TextIOWrapper(raw, encoding=encoding, newline=""))


def files(data, pattern):
    return sorted(glob.glob(os.path.join(data, "abr", "*", pattern)))


def cities_of(data):
    """lg_code → 都道府県 + 郡 + 市区町村 + 区, from the national city table."""
    return {r["lg_code"]: r["pref"] + r["county"] + r["city"] + r["ward"]
            for r in read_zip(os.path.join(data, "abr", "national", "mt_city_all.csv.zip"))}


def towns_of(data):
    """(lg_code, machiaza_id) → the 町字's name (大字・町 + 丁目 + 小字)."""
    towns = {}
    for path in files(data, "mt_town_*.csv.zip"):
        if "_pos_" in path:
            continue
        for r in read_zip(path):
            towns[(r["lg_code"], r["machiaza_id"])] = r["oaza_cho"] + r["chome"] + r["koaza"]
    return towns


def rows(data):
    """(source, id, lg_code, address, lat, lon) of every published point."""
    cities = cities_of(data)
    towns = towns_of(data)
    sources = [("town", "mt_town_pos_*.csv.zip", ("machiaza_id", "rsdt_addr_flg")),
               ("residence", "mt_rsdtdsp_rsdt_pos_*.csv.zip",
                ("machiaza_id", "blk_id", "rsdt_id", "rsdt2_id")),
               ("parcel", "mt_parcel_pos_*.csv.zip", ("machiaza_id", "prc_id"))]
    for source, pattern, key in sources:
        for path in files(data, pattern):
            for r in read_zip(path):
                town = towns.get((r["lg_code"], r["machiaza_id"]))
                if town is None or not r["rep_lat"] or r["lg_code"] not in cities:
                    continue
                ident = f"{source}:{r['lg_code']}:" + ":".join(r[k] for k in key)
                yield (source, ident, r["lg_code"], cities[r["lg_code"]] + town,
                       r["rep_lat"], r["rep_lon"])
    by_prefix = {code[:5]: code for code in cities}
    for path in sorted(glob.glob(os.path.join(data, "mlit", "*.zip"))):
        for r in read_zip(path, "cp932"):
            code = by_prefix.get(r["市区町村コード"])
            if code is None:
                continue
            yield ("mlit", "mlit:" + r["大字町丁目コード"], code,
                   r["都道府県名"] + r["市区町村名"] + r["大字町丁目名"], r["緯度"], r["経度"])


def write_csv(data, path):
    counts = collections.Counter()
    ids = []
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(HEADER)
        for source, ident, code, address, lat, lon in rows(data):
            counts[source] += 1
            ids.append((source, ident))
            out.writerow([code, f"P{len(ids)}", "", "点",
                          address, lat, lon])
    return counts, ids


def build(gifkit, out, sources):
    if os.path.exists(out):
        return
    subprocess.run([gifkit, "registry", "build", "--out", out + ".part"] + sources, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.replace(out + ".part", out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gifkit", required=True)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                      "shared", "data"))
    parser.add_argument("--work", default="/tmp/gifkit-point-place")
    parser.add_argument("--list", type=int, default=20, help="findings listed per registry")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    gifkit = os.path.abspath(args.gifkit)
    tag = str(os.stat(gifkit).st_mtime_ns)  # registries of this binary
    abr = os.path.join(args.data, "abr")
    registries = {
        "full": [os.path.join(abr, d) for d in sorted(os.listdir(abr))
                 if os.path.isdir(os.path.join(abr, d))],
        "towns": [os.path.join(abr, "national")] + [p for p in files(args.data, "mt_town_*.zip")],
    }
    table = os.path.join(args.work, "points.csv")
    counts, ids = write_csv(args.data, table)
    print(f"rows: {sum(counts.values())} ({', '.join(f'{k} {v}' for k, v in counts.items())})")
    for name, sources in registries.items():
        db = os.path.join(args.work, f"{name}-{tag}.db")
        build(gifkit, db, sources)
        report = os.path.join(args.work, f"report-{name}.json")
        start = time.monotonic()
        run = subprocess.run([gifkit, "validate", "--model", "opendata:fire-hydrant",
                              "--registry", db, "--format", "json", "--output", report, table],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.monotonic() - start
        if run.returncode not in (0, 1):
            raise SystemExit(f"validate exited {run.returncode}: {run.stderr}")
        with open(report, encoding="utf-8") as f:
            problems = {}  # row → its finding (one a row: an error before a warning)
            for p in (p for t in json.load(f)["tasks"] for p in t["errors"]):
                if p["code"] == "inconsistent-address" and p["message"].startswith("緯度/経度") \
                        and problems.get(p["row"], {}).get("severity") != "error":
                    problems[p["row"]] = p
        problems = [problems[row] for row in sorted(problems)]
        found = collections.Counter()
        for p in problems:
            found[(ids[p["row"] - 2][0], p["severity"])] += 1
        print(f"\nregistry {name} ({seconds:.0f} s): inconsistent-address on correct data")
        for source in counts:
            errors, warnings = found[(source, "error")], found[(source, "warning")]
            print(f"  {source:9} {counts[source]:7} rows  errors {errors:5} "
                  f"({100.0 * errors / counts[source]:.3f} %)  warnings {warnings:5} "
                  f"({100.0 * warnings / counts[source]:.3f} %)")
        for p in problems[:args.list]:
            print(f"  {p['severity']:7} {ids[p['row'] - 2][1]}  {p['message']}")


if __name__ == "__main__":
    main()
