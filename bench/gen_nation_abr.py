#!/usr/bin/env python3
"""gen_nation_abr.py — the ABR of the whole nation, generated for the national-scale benchmark
(issue #32 part 1, bench/run_nation_bench.sh): for every one of the 1,918 cities of
../shared/data/abr/national/mt_city_all.csv.zip (the 政令市 rows themselves excepted: their wards
carry the data, as in the published files) it writes the tables the Digital Agency publishes, in
the published layout (../shared/data/abr/FORMAT.md: one zip per table and area, one CSV in each,
the exact headers, UTF-8 without BOM, CRLF):

  mt_town_prefNN, mt_town_pos_prefNN              every city's 町字: names, kana, romaji, points
  mt_rsdtdsp_rsdt_prefNN, mt_rsdtdsp_rsdt_pos_prefNN   住居表示 of the cities that have it
  mt_parcel_cityNNNNNN, mt_parcel_pos_cityNNNNNN  地番 of every city (positions for part of them)

and addresses.txt: LINES written addresses over a national random mix of cities (住居表示 and 地番
forms; kanji, full-width and half-width numbers; 丁目 or hyphens; with and without the
prefecture and 郡), and manifest.json (the counts; its presence means "complete").

Sizes at SCALE 1 (each scales linearly with SCALE; every city keeps at least 2 町字 and one 地番
a 町字): 196,000,000 地番 rows (the issue's national count), 475,000 町字 (≈ 250 a city: 和歌山県's
3,544 町字 for 30 cities is 118 a city, 屋久島町's 小字 alone 1,283), 10,000,000 住居表示 rows
(文京区: 30,156 rows for ~0.24 M people, ≈ 0.125 a person, times ~80 M people living in 住居表示
areas) — estimates where the real national count is not in ../shared/data. A city's share is
a seeded log-normal weight whose centre depends on its kind (特別区 and 政令市 wards, 市, 町, 村).
住居表示 is given to every ward and to the 市 above the 30th percentile of weight (≈ 750 cities).

The structure is the real areas' (../shared/data/abr/{bunkyo,wakayama,yakushima,ebino}): 大字・町
and 小字 names, kana and romaji from their 町字 (made unique in a city with 東/西/新/… prefixes),
丁目 groups of 1–5 (full-width "１丁目" or kanji "一丁目", a style per city), 大字 written with
its prefix in part of the 町/村, 小字 "字…" under some 大字 (machiaza_id NNNN101…); 地番 numbered
per 町字 (main numbers rising with gaps, branch numbers, a few third numbers, prc_id the three
zero-padded to 5); 住居表示 blocks of ~10 residences with odd-rising numbers. Points: 町字 around
the city's representative point of mt_city_pos_all (Gaussian, σ 1.5 km for a ward to 6 km for a
村: measured medians of 1.3–18 km in 和歌山県/宮崎県), 地番 within ~±0.4 km of their 町字 (measured
median 0.26 km in 和歌山市), residences within ~±0.2 km. Parcel positions cover 30–100 % of a
city's parcels (和歌山市 32 %, 屋久島町 99 %).

Deterministic: every city's content depends only on SEED, its lg_code and SCALE. Jobs (one per
city for the 地番, one per prefecture for the rest) run in a pool of JOBS processes; zips are
written streaming with fast deflate (level 1), each under a .part name then renamed.

Usage: gen_nation_abr.py SCALE OUT_DIR [--jobs 2] [--lines 100000] [--seed 32] [--data DIR]
"""
import argparse
import csv
import io
import json
import math
import multiprocessing
import os
import random
import sys
import time
import zipfile

PARCELS_AT_1 = 196_000_000
TOWNS_AT_1 = 475_000
RSDT_AT_1 = 10_000_000
KIND_MU = {"ward": 1.0, "city": 0.4, "town": -0.6, "village": -1.3}   # log-normal centres
KIND_SIGMA_KM = {"ward": 1.5, "city": 4.0, "town": 5.0, "village": 6.0}
RSDT_CITY_PERCENTILE = 0.30
PREFIXES = [("", "", ""), ("東", "ヒガシ", "Higashi"), ("西", "ニシ", "Nishi"), ("南", "ミナミ", "Minami"),
            ("北", "キタ", "Kita"), ("新", "シン", "Shin"), ("上", "カミ", "Kami"), ("下", "シモ", "Shimo"),
            ("中", "ナカ", "Naka"), ("本", "ホン", "Hon"), ("元", "モト", "Moto"), ("若", "ワカ", "Waka")]
DATE = "1947-04-17"

TOWN_HEADER = ("lg_code,machiaza_id,machiaza_type,pref,pref_kana,pref_roma,county,county_kana,"
               "county_roma,city,city_kana,city_roma,ward,ward_kana,ward_roma,oaza_cho,oaza_cho_kana,"
               "oaza_cho_roma,chome,chome_kana,chome_number,koaza,koaza_kana,koaza_roma,machiaza_dist,"
               "rsdt_addr_flg,rsdt_addr_mtd_code,oaza_cho_aka_flg,koaza_aka_code,oaza_cho_gsi_uncmn,"
               "koaza_gsi_uncmn,status_flg,wake_num_flg,efct_date,ablt_date,src_code,post_code,remarks")
TOWN_POS_HEADER = ("lg_code,machiaza_id,rsdt_addr_flg,rep_lon,rep_lat,rep_srid,rep_scale,rep_src_code,"
                   "plygn_fname,plygn_kcode,plygn_fmt,plygn_srid,plygn_scale,plygn_src_code,"
                   "pos_oaza_cho_chome_code,pos_data_mnt_year,cns_bnd_s_area_kcode,cns_bnd_year")
RSDT_HEADER = ("lg_code,machiaza_id,blk_id,rsdt_id,rsdt2_id,city,ward,oaza_cho,chome,koaza,machiaza_dist,"
               "blk_num,rsdt_num,rsdt_num2,basic_rsdt_div,rsdt_addr_flg,rsdt_addr_mtd_code,status_flg,"
               "efct_date,ablt_date,src_code,remarks")
RSDT_POS_HEADER = ("lg_code,machiaza_id,blk_id,rsdt_id,rsdt2_id,rsdt_addr_flg,rsdt_addr_mtd_code,rep_lon,"
                   "rep_lat,rep_srid,rep_scale,rep_src_code,rsdt_addr_code_rdbl,rsdt_addr_data_mnt_date,"
                   "basic_rsdt_div")
PARCEL_HEADER = ("lg_code,machiaza_id,prc_id,city,ward,oaza_cho,chome,koaza,machiaza_dist,prc_num1,prc_num2,"
                 "prc_num3,rsdt_addr_flg,prc_rec_flg,prc_area_code,efct_date,ablt_date,src_code,remarks,"
                 "real_prop_num")
PARCEL_POS_HEADER = ("lg_code,machiaza_id,prc_id,rep_lon,rep_lat,rep_srid,rep_scale,rep_src_code,plygn_fname,"
                     "plygn_kcode,plygn_fmt,plygn_srid,plygn_scale,plygn_src_code,moj_map_city_code,"
                     "moj_map_oaza_code,moj_map_chome_code,moj_map_koaza_code,moj_map_spare_code,"
                     "moj_map_brushid")
FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
KANJI_DIGITS = "〇一二三四五六七八九"
CHUNK = 20000  # rows per write


def read_zip(path):
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


def kanji_number(n):
    """123 → 百二十三 (positional kanji numerals as addresses write them, n < 100,000)."""
    assert 0 < n < 100000
    out = ""
    for value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, value)
        if d:
            out += ("" if d == 1 and unit != "万" else KANJI_DIGITS[d]) + unit
    return out + (KANJI_DIGITS[n] if n else "")


def name_pools(data):
    """(oaza pool, koaza pool): unique (name, kana, romaji) of the real areas' 町字."""
    oaza, koaza = {}, {}
    abr = os.path.join(data, "abr")
    for path in ("bunkyo/mt_town_all", "wakayama/mt_town_pref30", "yakushima/mt_town_all",
                 "ebino/mt_town_pref45"):
        for r in read_zip(os.path.join(abr, path + ".csv.zip")):
            name, kana = r["oaza_cho"], r["oaza_cho_kana"]
            if name.startswith("大字"):
                name, kana = name[2:], kana[4:] if kana.startswith("オオアザ") else kana
            if name and kana and name not in oaza:
                oaza[name] = (name, kana, r["oaza_cho_roma"])
            name, kana = r["koaza"], r["koaza_kana"]
            if name.startswith("字"):
                name, kana = name[1:], kana[2:] if kana.startswith("アザ") else kana
            if name and kana and name not in koaza:
                koaza[name] = (name, kana, r["koaza_roma"])
    return sorted(oaza.values()), sorted(koaza.values())


def areas_of(data, seed, scale):
    """Every city that carries 町字 (all of mt_city_all but the 政令市 rows), with its counts."""
    national = os.path.join(data, "abr", "national")
    cities = read_zip(os.path.join(national, "mt_city_all.csv.zip"))
    points = {r["lg_code"]: (float(r["rep_lon"]), float(r["rep_lat"]))
              for r in read_zip(os.path.join(national, "mt_city_pos_all.csv.zip"))}
    with_wards = {(r["pref"], r["city"]) for r in cities if r["ward"]}
    areas = []
    for r in cities:
        if not r["ward"] and (r["pref"], r["city"]) in with_wards:
            continue
        name = r["ward"] or r["city"]
        kind = ("ward" if r["ward"] or name.endswith("区") else "city" if name.endswith("市")
                else "village" if name.endswith("村") else "town")
        rng = random.Random(f"{seed}:weight:{r['lg_code']}")
        area = dict(r, kind=kind, weight=math.exp(rng.gauss(KIND_MU[kind], 0.6)),
                    lon=points[r["lg_code"]][0], lat=points[r["lg_code"]][1])
        areas.append(area)
    city_weights = sorted(a["weight"] for a in areas if a["kind"] == "city")
    threshold = city_weights[int(len(city_weights) * RSDT_CITY_PERCENTILE)]
    for a in areas:
        a["rsdt"] = a["kind"] == "ward" or (a["kind"] == "city" and a["weight"] >= threshold)
    total = sum(a["weight"] for a in areas)
    total_rsdt = sum(a["weight"] for a in areas if a["rsdt"])
    total_sqrt = sum(math.sqrt(a["weight"]) for a in areas)
    for a in areas:
        a["n_towns"] = max(2, round(TOWNS_AT_1 * scale * math.sqrt(a["weight"]) / total_sqrt))
        a["n_parcels"] = max(a["n_towns"], round(PARCELS_AT_1 * scale * a["weight"] / total))
        a["n_rsdt"] = round(RSDT_AT_1 * scale * a["weight"] / total_rsdt) if a["rsdt"] else 0
    return areas


def plan_towns(area, seed, pools):
    """The city's 町字: dicts with machiaza_id, type, names, rsdt flag and point. Deterministic."""
    rng = random.Random(f"{seed}:towns:{area['lg_code']}")
    oaza_pool, koaza_pool = pools
    order = list(range(len(oaza_pool)))
    rng.shuffle(order)
    full_width = rng.random() < 0.6
    oaza_prefix = area["kind"] in ("town", "village") and rng.random() < 0.4
    sigma = KIND_SIGMA_KM[area["kind"]]
    lat0 = area["lat"]
    km_lon = 1.0 / (111.32 * math.cos(math.radians(lat0)))
    km_lat = 1.0 / 110.57
    towns = []
    n, o = area["n_towns"], 0
    while len(towns) < n:
        prefix = PREFIXES[(o // len(order)) % len(PREFIXES)]
        rounds = o // (len(order) * len(PREFIXES))
        base = oaza_pool[order[o % len(order)]]
        o += 1
        name = prefix[0] + base[0] + ("第" + kanji_number(rounds + 1) if rounds else "")
        kana = prefix[1] + base[1] + ("ダイ" + str(rounds + 1) if rounds else "")
        roma = prefix[2] + (base[2].lower() if prefix[2] else base[2])
        cx = area["lon"] + rng.gauss(0, sigma) * km_lon
        cy = area["lat"] + rng.gauss(0, sigma) * km_lat
        code = o
        assert code <= 9999, "a 町字 code has 4 digits"
        common = dict(oaza=name, oaza_kana=kana, oaza_roma=roma, oaza_code=code, chome="",
                      chome_kana="", chome_number="", koaza="", koaza_kana="", koaza_roma="")
        post = f"{rng.randint(1000000, 9999999)}" if rng.random() < 0.4 else ""
        if area["rsdt"] and (rng.random() < 0.6 or not any(t["rsdt"] for t in towns)):
            for c in range(1, rng.randint(1, 5) + 1):
                towns.append(dict(common, id=f"{code:04d}{c:03d}", type=2, rsdt=1,
                                  chome=(str(c).translate(FULL_DIGITS) if full_width
                                         else kanji_number(c)) + "丁目",
                                  chome_kana=str(c).translate(FULL_DIGITS) + "チョウメ",
                                  chome_number=str(c), post=post,
                                  lon=cx + rng.gauss(0, 0.4) * km_lon,
                                  lat=cy + rng.gauss(0, 0.4) * km_lat))
            continue
        if oaza_prefix:
            common["oaza"], common["oaza_kana"] = "大字" + name, "オオアザ" + kana
        towns.append(dict(common, id=f"{code:04d}000", type=1, rsdt=0, post=post, lon=cx, lat=cy))
        if not area["rsdt"] and rng.random() < 0.25:
            used = set()
            for j in range(rng.randint(1, 4)):
                k = koaza_pool[rng.randrange(len(koaza_pool))]
                if k[0] in used:
                    continue
                used.add(k[0])
                towns.append(dict(common, id=f"{code:04d}{101 + j:03d}", type=3, rsdt=0,
                                  koaza="字" + k[0], koaza_kana="アザ" + k[1], koaza_roma=k[2],
                                  post=post, lon=cx + rng.gauss(0, 0.6) * km_lon,
                                  lat=cy + rng.gauss(0, 0.6) * km_lat))
    del towns[n:]
    return towns


def split_counts(total, count, rng):
    """total split into count parts ≥ 1 (when total ≥ count), by exponential weights."""
    if count == 0:
        return []
    weights = [rng.expovariate(1.0) for _ in range(count)]
    s = sum(weights)
    floor = 1 if total >= count else 0
    rest = total - floor * count
    parts = [floor + int(rest * w / s) for w in weights]
    for i in range(total - sum(parts)):
        parts[i % count] += 1
    return parts


class ZipCsv:
    """One CSV in one zip, written streaming (fast deflate) under OUT.part, renamed on close."""

    def __init__(self, folder, stem, header):
        self.path = os.path.join(folder, stem + ".csv.zip")
        self.archive = zipfile.ZipFile(self.path + ".part", "w", zipfile.ZIP_DEFLATED,
                                       compresslevel=1)
        self.stream = self.archive.open(stem + ".csv", "w", force_zip64=True)
        self.stream.write((header + "\r\n").encode("utf-8"))
        self.rows = 0
        self.pending = []

    def write(self, lines):
        if lines:
            self.stream.write("".join(lines).encode("utf-8"))
            self.rows += len(lines)

    def add(self, line):
        """One more row (CRLF-ended), written with the others CHUNK rows at a time."""
        self.pending.append(line)
        if len(self.pending) >= CHUNK:
            self.write(self.pending)
            self.pending = []

    def close(self):
        self.write(self.pending)
        self.stream.close()
        self.archive.close()
        os.replace(self.path + ".part", self.path)
        return self.rows


def place(area):
    return (area["city"], area["ward"])


def parcel_job(args):
    """地番 of one city → (rows, positioned rows, bytes, address samples)."""
    area, seed, pools, folder, samples = args
    towns = plan_towns(area, seed, pools)
    rng = random.Random(f"{seed}:parcels:{area['lg_code']}")
    lg = area["lg_code"]
    city, ward = place(area)
    coverage = rng.uniform(0.3, 1.0)
    km_lon = 1.0 / (111.32 * math.cos(math.radians(area["lat"])))
    dlon, dlat = 0.8 * km_lon, 0.8 / 110.57
    out = ZipCsv(folder, f"mt_parcel_city{lg}", PARCEL_HEADER)
    pos = ZipCsv(folder, f"mt_parcel_pos_city{lg}", PARCEL_POS_HEADER)
    counts = split_counts(area["n_parcels"], len(towns), rng)
    picks = set(rng.sample(range(area["n_parcels"]), min(samples, area["n_parcels"])))
    found = []
    rand = rng.random
    brush = index = 0
    for town, count in zip(towns, counts):
        head = f"{lg},{town['id']},"
        mid = f",{city},{ward},{town['oaza']},{town['chome']},{town['koaza']},,"
        tail = f",{town['rsdt']},1,,{DATE},,1,,\r\n"
        ptail = (f",EPSG:6668,500,1,,,,EPSG:6668,500,1,{lg[:5]},{town['oaza_code'] % 1000:03d},"
                 f"{town['chome_number'] or 0:0>3},0000,00,H")
        tlon, tlat = town["lon"] - dlon / 2, town["lat"] - dlat / 2
        num1, left, num2 = int(rand() * 5), 0, 0
        for _ in range(count):
            if left == 0:
                num1 += 1 if rand() < 0.6 else 2 + int(rand() * 4)
                left = 1 if rand() < 0.5 else 2 + int(rand() * 6)
                num2 = 0 if rand() < 0.5 else 1
            else:
                num2 += 1
            left -= 1
            n2 = str(num2) if num2 else ""
            n3 = ""
            if num2 and rand() < 0.02:
                n3 = "1"
            prc = f"{num1:05d}{num2:05d}{(1 if n3 else 0):05d}"
            out.add(f"{head}{prc}{mid}{num1},{n2},{n3}{tail}")
            if rand() < coverage:
                brush += 1
                pos.add(f"{head}{prc},{tlon + rand() * dlon:.9f},{tlat + rand() * dlat:.9f}"
                        f"{ptail}{brush:09d}\r\n")
            if index in picks and not town["rsdt"]:
                found.append((town, num1, n2, n3))
            index += 1
    rows, prows = out.close(), pos.close()
    size = os.path.getsize(out.path) + os.path.getsize(pos.path)
    return ("parcel", lg, rows, prows, size, [("parcel", area, t, a, b, c) for t, a, b, c in found])


def pref_job(args):
    """町字 and 住居表示 of one prefecture → (counts, bytes, address samples)."""
    pref_code, areas, seed, pools, folder, samples = args
    town = ZipCsv(folder, f"mt_town_pref{pref_code}", TOWN_HEADER)
    town_pos = ZipCsv(folder, f"mt_town_pos_pref{pref_code}", TOWN_POS_HEADER)
    rsdt_areas = [a for a in areas if a["n_rsdt"]]
    rsdt = rsdt_pos = None
    if rsdt_areas:
        rsdt = ZipCsv(folder, f"mt_rsdtdsp_rsdt_pref{pref_code}", RSDT_HEADER)
        rsdt_pos = ZipCsv(folder, f"mt_rsdtdsp_rsdt_pos_pref{pref_code}", RSDT_POS_HEADER)
    found = []
    for area in areas:
        lg = area["lg_code"]
        towns = plan_towns(area, seed, pools)
        a = area
        prefix = (f"{a['pref']},{a['pref_kana']},{a['pref_roma']},{a['county']},{a['county_kana']},"
                  f"{a['county_roma']},{a['city']},{a['city_kana']},{a['city_roma']},{a['ward']},"
                  f"{a['ward_kana']},{a['ward_roma']}")
        lines, plines = [], []
        for t in towns:
            lines.append(f"{lg},{t['id']},{t['type']},{prefix},{t['oaza']},{t['oaza_kana']},"
                         f"{t['oaza_roma']},{t['chome']},{t['chome_kana']},{t['chome_number']},"
                         f"{t['koaza']},{t['koaza_kana']},{t['koaza_roma']},,{t['rsdt']},{t['rsdt']},"
                         f"0,0,0,0,1,1,{DATE},,0,{t['post']},\r\n")
            plines.append(f"{lg},{t['id']},{t['rsdt']},{t['lon']:.6f},{t['lat']:.6f},EPSG:6668,"
                          f"2500,1,,,,,,0,{lg[:5]}{t['id']},2020,,\r\n")
        town.write(lines)
        town_pos.write(plines)
        if not area["n_rsdt"]:
            continue
        rng = random.Random(f"{seed}:rsdt:{lg}")
        rand = rng.random
        city, ward = place(area)
        rtowns = [t for t in towns if t["rsdt"]]
        picks = set(rng.sample(range(area["n_rsdt"]), min(samples, area["n_rsdt"])))
        km_lon = 1.0 / (111.32 * math.cos(math.radians(area["lat"])))
        index = 0
        for t, count in zip(rtowns, split_counts(area["n_rsdt"], len(rtowns), rng)):
            head = f"{lg},{t['id']},"
            mid = f",{city},{ward},{t['oaza']},{t['chome']},{t['koaza']},,"
            blk, left, num = 0, 0, 0
            for _ in range(count):
                if left == 0:
                    blk += 1
                    left = 5 + int(rand() * 11)
                    num = 0
                    bx = t["lon"] + (rand() - 0.5) * 0.4 * km_lon
                    by = t["lat"] + (rand() - 0.5) * 0.4 / 110.57
                left -= 1
                num += 1 + int(rand() * 3)
                key = f"{blk:03d},{num:03d},"
                rsdt.add(f"{head}{key}{mid}{blk},{num},,0,1,1,0,{DATE},,0,\r\n")
                rsdt_pos.add(f"{head}{key},1,1,{bx + (rand() - 0.5) * 0.0003:.9f},"
                             f"{by + (rand() - 0.5) * 0.0003:.9f},EPSG:6668,2500,1,"
                             f"http://gi.gsi.go.jp/jusho/{lg[:5]}/{t['id']}/{blk}/{num},2019-04-04,0\r\n")
                if index in picks:
                    found.append(("rsdt", area, t, blk, num, ""))
                index += 1
    counts = {"towns": town.close(), "town_pos": town_pos.close(),
              "rsdt": rsdt.close() if rsdt else 0, "rsdt_pos": rsdt_pos.close() if rsdt_pos else 0}
    size = sum(os.path.getsize(z.path) for z in (town, town_pos, rsdt, rsdt_pos) if z)
    return ("pref", pref_code, counts, size, found)


def number(n, style):
    return {"half": str(n), "full": str(n).translate(FULL_DIGITS), "kanji": kanji_number(n)}[style]


def written(sample, rng):
    """One written form of a sampled 住居表示 or 地番 address."""
    kind, area, town, a, b, c = sample
    style = rng.choice(("half", "half", "full", "kanji"))
    head = "" if rng.random() < 0.3 else area["pref"]
    if area["county"] and rng.random() < 0.5:
        head += area["county"]
    head += area["city"] + area["ward"]
    oaza = town["oaza"][2:] if town["oaza"].startswith("大字") and rng.random() < 0.5 else town["oaza"]
    koaza = town["koaza"]
    if koaza and rng.random() < 0.5:
        koaza = koaza[1:]
    if kind == "rsdt":
        chome = int(town["chome_number"])
        if rng.random() < 0.3:
            return f"{head}{oaza}{number(chome, style)}-{number(a, style)}-{number(b, style)}"
        return f"{head}{oaza}{number(chome, style)}丁目{number(a, style)}番{number(b, style)}号"
    text = f"{head}{oaza}{koaza}{number(a, style)}"
    if b:
        text += rng.choice(("番地", "番", "-", "の")) + number(int(b), style)
        if c:
            text += "-" + number(int(c), style)
    else:
        text += rng.choice(("番地", "", "番"))
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scale", type=float)
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--lines", type=int, default=100000, help="written addresses")
    parser.add_argument("--seed", type=int, default=32)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                        "..", "..", "shared", "data"))
    args = parser.parse_args()
    assert 0 < args.scale <= 2, "SCALE is a fraction of the nation (0 < SCALE ≤ 2)"
    start = time.monotonic()
    folder = os.path.join(args.out, "abr")
    os.makedirs(folder, exist_ok=True)
    manifest_path = os.path.join(args.out, "manifest.json")
    if os.path.exists(manifest_path):
        os.remove(manifest_path)
    pools = name_pools(args.data)
    areas = areas_of(args.data, args.seed, args.scale)
    per_city = max(4, args.lines // len(areas) + 1)
    jobs = [(parcel_job, (a, args.seed, pools, folder, per_city)) for a in areas]
    by_pref = {}
    for a in areas:
        by_pref.setdefault(a["lg_code"][:2], []).append(a)
    jobs += [(pref_job, (p, v, args.seed, pools, folder, per_city)) for p, v in by_pref.items()]
    # Largest first, so the pool's last jobs are small ones.
    jobs.sort(key=lambda j: -(j[1][0]["n_parcels"] if j[0] is parcel_job
                              else sum(a["n_rsdt"] + a["n_towns"] for a in j[1][1])))
    totals = {"cities": len(areas), "rsdt_cities": sum(1 for a in areas if a["rsdt"]),
              "parcels": 0, "parcel_pos": 0, "towns": 0, "town_pos": 0, "rsdt": 0, "rsdt_pos": 0,
              "zip_bytes": 0, "files": 0}
    samples = []
    done = 0
    with multiprocessing.Pool(args.jobs) as pool:
        for result in pool.imap_unordered(run_job, jobs):
            if result[0] == "parcel":
                _, _lg, rows, prows, size, found = result
                totals["parcels"] += rows
                totals["parcel_pos"] += prows
            else:
                _, _pref, counts, size, found = result
                for k, v in counts.items():
                    totals[k] += v
            totals["zip_bytes"] += size
            samples += found
            done += 1
            if done % 200 == 0:
                print(f"gen_nation_abr.py: {done}/{len(jobs)} jobs, {totals['parcels']:,} 地番 rows, "
                      f"{time.monotonic() - start:.0f} s", file=sys.stderr)
    totals["files"] = len(os.listdir(folder))
    rng = random.Random(f"{args.seed}:lines")
    samples.sort(key=lambda s: (s[0], s[1]["lg_code"], s[2]["id"], s[3], s[4], s[5]))
    parcel = [s for s in samples if s[0] == "parcel"]
    rsdt = [s for s in samples if s[0] == "rsdt"]
    with open(os.path.join(args.out, "addresses.txt"), "w", encoding="utf-8") as f:
        for i in range(args.lines):
            pool_ = rsdt if (i % 2 and rsdt) else parcel
            f.write(written(pool_[rng.randrange(len(pool_))], rng) + "\n")
    totals.update(scale=args.scale, seed=args.seed, lines=args.lines,
                  seconds=round(time.monotonic() - start, 1))
    with open(manifest_path + ".part", "w", encoding="utf-8") as f:
        json.dump(totals, f, ensure_ascii=False)
        f.write("\n")
    os.replace(manifest_path + ".part", manifest_path)
    print(json.dumps(totals, ensure_ascii=False))
    return 0


def run_job(job):
    function, args = job
    return function(args)


if __name__ == "__main__":
    sys.exit(main())
