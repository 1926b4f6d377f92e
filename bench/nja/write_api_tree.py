#!/usr/bin/env python3
"""write_api_tree.py — writes the japanese-addresses-v2 API tree that
normalize-japanese-addresses 3.1.3 reads (config.japaneseAddressesApi =
'file://OUT/ja') from the real ABR files in ../shared/data/abr, so that
bench/run_nja_bench.sh runs that peer offline on the same data gifkit's registry
is built from.

  write_api_tree.py --abr ../shared/data/abr --out DIR [--areas wakayama,bunkyo,yakushima,ebino]

The layout and shapes are those the client fetches (src/lib/cacheRegexes.ts of
the 3.1.3 package) and that geolonia/japanese-addresses-v2 v0.0.5 (the version
the package depends on) writes; each step below names the script of that
repository it follows:

  OUT/ja.json                  PrefectureApi: {meta: {updated}, data: [pref + cities]}
                               (01_make_prefecture_city.ts; cities joined with their
                               positions, a 政令市's own row dropped when it has wards)
  OUT/ja/{pref}.json           CityApi (the same cities; the client does not read it)
  OUT/ja/{pref}/{city}.json    MachiAzaApi: the 町字 of the city, the town table
                               left-joined with the town positions on (lg_code,
                               machiaza_id), the position row's columns overriding
                               (SQLite json_patch in 02_make_machi_aza.ts), with
                               csv_ranges (10_refresh_csv_ranges.ts: the first 町字
                               of each section's name); every other city of the
                               nation gets an empty list
  OUT/ja/{pref}/{city}-住居表示.txt, -地番.txt
                               the 住居表示 / 地番 rows (left-joined with their
                               positions) in sections by consecutive 町字, behind a
                               header of "name,offset,length" lines, "=END=" and
                               spaces up to a multiple of 50,000 bytes
                               (03_make_rsdt.ts, 04_make_chiban.ts)

What differs from the published tree, on purpose: only the ABR files given are
read (the national pref/city tables and the areas' town, rsdtdsp_rsdt and
parcel tables), so the cities outside the areas have no 町字 (an empty list,
as gifkit's registry has none either); v0.0.5's merge of MLIT 位置参照情報 町字
that the ABR lacks is not done (gifkit's registry does not read MLIT either);
points are written as published (EPSG:6668 / 4612 → 4326 is an identity in the
proj4 definitions v0.0.5 uses: GRS80, no datum shift); meta.updated is the
newest date inside the zips read, not the time of the run, so the tree is the
same each time. Python 3 standard library only.
"""
import argparse
import calendar
import collections
import csv
import io
import json
import math
import os
import re
import sys
import zipfile

HEADER_CHUNK_SIZE = 50_000  # the header of a -住居表示 / -地番 file: a multiple of this


class Tables:
    """The CSV tables of the zips in some folders, by stem (mt_town_pref30…)."""

    def __init__(self, folders):
        self.paths = collections.defaultdict(list)  # kind -> [zip path]
        self.updated = 0
        for folder in folders:
            for name in sorted(os.listdir(folder)):
                m = re.match(r"^mt_(pref|pref_pos|city|city_pos|town|town_pos|rsdtdsp_rsdt|"
                             r"rsdtdsp_rsdt_pos|parcel|parcel_pos)_(all|pref\d{2}|city\d{6})"
                             r"\.csv\.zip$", name)
                if m:
                    self.paths[m.group(1)].append(os.path.join(folder, name))

    def rows(self, kind):
        """Every row of every table of this kind, as dicts, in file order."""
        for path in self.paths.get(kind, []):
            with zipfile.ZipFile(path) as z:
                for info in z.infolist():
                    if not info.filename.endswith(".csv"):
                        continue
                    self.updated = max(self.updated, calendar.timegm(info.date_time + (0, 0, 0)))
                    with z.open(info) as f:
                        text = io.TextIOWrapper(f, encoding="utf-8-sig", newline="")
                        yield from csv.DictReader(text)


def js_number(value):
    """A float as JavaScript's String(number) writes it (no '.0' on whole numbers)."""
    assert math.isfinite(value)
    return str(int(value)) if value == int(value) and abs(value) < 1e21 else repr(value)


def point_of(row):
    """[lng, lat] of a joined row, or None without a position (left join with no match)."""
    if "rep_srid" not in row or row.get("rep_lon", "") == "" or row.get("rep_lat", "") == "":
        return None
    return [float(row["rep_lon"]), float(row["rep_lat"])]


def text_or_none(value):
    return None if value == "" else value


def strip_none(obj):
    """JSON.stringify drops undefined members: the same for None."""
    return {k: v for k, v in obj.items() if v is not None}


def city_name(row):
    return f"{row['county']}{row['city']}{row['ward']}"


def machiaza_name(row):
    return f"{row.get('oaza_cho') or ''}{row.get('chome') or ''}{row.get('koaza') or ''}"


def left_join(left, right_rows, keys):
    """SQLite's l LEFT JOIN r ON key, json_patch(l, r): every left row with each matching
    right row (the right row's columns win), or alone; left order, then right order."""
    index = collections.defaultdict(list)
    for r in right_rows:
        index[tuple(r[k] for k in keys)].append(r)
    for l in left:
        matches = index.get(tuple(l[k] for k in keys))
        if not matches:
            yield l
        for r in matches or ():
            yield {**l, **r}


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, separators=(",", ":"))


def prefectures_and_cities(tables, updated):
    """01_make_prefecture_city.ts: the PrefectureApi and each prefecture's CityApi."""
    pref_pos = {r["lg_code"]: r for r in tables.rows("pref_pos")}
    prefs = []
    for r in tables.rows("pref"):
        if r["lg_code"] in pref_pos:  # mergePrefectureData: an inner join
            r = {**r, **pref_pos[r["lg_code"]]}
            prefs.append({"code": int(r["lg_code"]), "pref": r["pref"], "pref_k": r["pref_kana"],
                          "pref_r": r["pref_roma"], "point": point_of(r), "cities": []})
    city_pos = {r["lg_code"]: r for r in tables.rows("city_pos")}
    by_pref = collections.OrderedDict()
    for r in tables.rows("city"):
        if r["lg_code"] not in city_pos:  # mergeCityData: an inner join
            continue
        r = {**r, **city_pos[r["lg_code"]]}
        by_pref.setdefault(r["pref"], []).append(strip_none({
            "code": int(r["lg_code"]),
            "county": text_or_none(r["county"]), "county_k": text_or_none(r["county_kana"]),
            "county_r": text_or_none(r["county_roma"]),
            "city": r["city"], "city_k": r["city_kana"], "city_r": r["city_roma"],
            "ward": text_or_none(r["ward"]), "ward_k": text_or_none(r["ward_kana"]),
            "ward_r": text_or_none(r["ward_roma"]),
            "point": point_of(r)}))
    city_apis = {}
    for pref_name, cities in by_pref.items():
        # a 政令市's own row (no ward) is dropped when rows of the same city have wards
        kept = [c for c in cities if "ward" in c or
                all("ward" not in c2 for c2 in cities if c2["city"] == c["city"])]
        for p in prefs:
            if p["pref"] == pref_name:
                p["cities"] = kept
        city_apis[pref_name] = {"meta": {"updated": updated}, "data": kept}
    return {"meta": {"updated": updated}, "data": prefs}, city_apis


def machiaza_entry(row):
    """02_machi_aza.ts rawToMachiAza."""
    return strip_none({
        "machiaza_id": row["machiaza_id"],
        "oaza_cho": text_or_none(row["oaza_cho"]), "oaza_cho_k": text_or_none(row["oaza_cho_kana"]),
        "oaza_cho_r": text_or_none(row["oaza_cho_roma"]),
        "chome": text_or_none(row["chome"]),
        "chome_n": int(row["chome_number"]) if row["chome_number"] != "" else None,
        "koaza": text_or_none(row["koaza"]), "koaza_k": text_or_none(row["koaza_kana"]),
        "koaza_r": text_or_none(row["koaza_roma"]),
        "rsdt": True if row["rsdt_addr_flg"] == "1" else None,
        "point": point_of(row)})


def serialize_sections(kind, columns, sections):
    """03_make_rsdt.ts / 04_make_chiban.ts serializeApiDataTxt: the file's bytes and
    its header rows [(name, offset, length)]."""
    bodies = []
    for name, lines in sections:
        text = f"{kind},{name}\n{','.join(columns)}\n" + "".join(line + "\n" for line in lines)
        bodies.append((name, text.encode("utf-8")))
    iterations = 1
    while True:
        size = HEADER_CHUNK_SIZE * iterations
        offset, header, rows = size, [], []
        for name, body in bodies:
            header.append(f"{name},{offset},{len(body)}\n")
            rows.append((name, offset, len(body)))
            offset += len(body)
        head = ("".join(header) + "=END=\n").encode("utf-8")
        if len(head) <= size:
            data = head + b" " * (size - len(head)) + b"".join(b for _, b in bodies)
            return data, rows
        iterations += 1


def sections_by_machiaza(rows, towns_by_key, line_of):
    """Rows grouped per output city and consecutive 町字 (rows whose 町字 is not in the
    town table are skipped): {city path: [(machiaza name, [line])]}."""
    out = collections.OrderedDict()
    current_key, current = None, None
    for raw in rows:
        town = towns_by_key.get((raw["lg_code"], raw["machiaza_id"]))
        if town is None:
            continue
        key = (raw["lg_code"], raw["machiaza_id"])
        if key != current_key:
            current_key = key
            current = (machiaza_name(town), [])
            out.setdefault((town["pref"], city_name(town)), []).append(current)
        current[1].append(line_of(raw))
    return out


def fmt_point(raw):
    p = point_of(raw)
    # `${point?.[0] || ''}`: no position (or a 0) is an empty field
    return (js_number(p[0]) if p and p[0] else "", js_number(p[1]) if p and p[1] else "")


def rsdt_line(raw):
    lng, lat = fmt_point(raw)
    return f"{raw['blk_num']},{raw['rsdt_num']},{raw['rsdt_num2']},{lng},{lat}"


def chiban_line(raw):
    lng, lat = fmt_point(raw)
    return f"{raw['prc_num1']},{raw['prc_num2']},{raw['prc_num3']},{lng},{lat}"


def check_ranges(base, towns):
    """Each csv_ranges entry reads, from its file, a whole section of that 町字: its first
    line "KIND,NAME" and its last byte a newline (the client reads exactly that range)."""
    for town in towns:
        for kind, r in town.get("csv_ranges", {}).items():
            with open(f"{base}-{kind}.txt", "rb") as f:
                f.seek(r["start"])
                section = f.read(r["length"])
            assert len(section) == r["length"] and section.endswith(b"\n"), (base, kind, r)
            first = section.split(b"\n", 1)[0].decode("utf-8")
            assert first == f"{kind},{machiaza_name(town)}", (base, kind, first)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--abr", required=True, help="the ABR folder (../shared/data/abr)")
    parser.add_argument("--out", required=True, help="the API tree's folder (holds ja.json, ja/)")
    parser.add_argument("--areas", default="wakayama,bunkyo,yakushima,ebino",
                        help="the area folders under --abr (default: the four areas)")
    args = parser.parse_args()
    areas = [os.path.join(args.abr, a) for a in args.areas.split(",") if a]
    for folder in [os.path.join(args.abr, "national")] + areas:
        if not os.path.isdir(folder):
            print(f"write_api_tree.py: no folder {folder}", file=sys.stderr)
            return 2
    national = Tables([os.path.join(args.abr, "national")])
    area = Tables(areas)

    # 町字 first (their dates count for meta.updated), keyed like 03/04's machiAzaDataByCode
    town_rows = list(area.rows("town"))
    towns_by_key = {(r["lg_code"], r["machiaza_id"]): r for r in town_rows}  # the last row wins
    joined_towns = left_join(town_rows, area.rows("town_pos"), ("lg_code", "machiaza_id"))
    towns_by_city = collections.OrderedDict()
    for r in joined_towns:
        towns_by_city.setdefault((r["pref"], city_name(r)), []).append(machiaza_entry(r))

    rsdt = sections_by_machiaza(
        left_join(area.rows("rsdtdsp_rsdt"), area.rows("rsdtdsp_rsdt_pos"),
                  ("lg_code", "machiaza_id", "blk_id", "rsdt_id", "rsdt2_id")),
        towns_by_key, rsdt_line)
    chiban = sections_by_machiaza(
        left_join(area.rows("parcel"), area.rows("parcel_pos"), ("lg_code", "machiaza_id", "prc_id")),
        towns_by_key, chiban_line)

    prefecture_api, city_apis = prefectures_and_cities(national, 0)
    updated = max(national.updated, area.updated)
    prefecture_api["meta"]["updated"] = updated
    out = args.out
    write_json(os.path.join(out, "ja.json"), prefecture_api)
    counts = collections.Counter()
    for pref in prefecture_api["data"]:
        city_api = city_apis.get(pref["pref"], {"meta": {}, "data": []})
        city_api["meta"]["updated"] = updated
        write_json(os.path.join(out, "ja", f"{pref['pref']}.json"), city_api)
        for city in pref["cities"]:
            name = f"{city.get('county', '')}{city['city']}{city.get('ward', '')}"
            key = (pref["pref"], name)
            towns = towns_by_city.pop(key, [])
            base = os.path.join(out, "ja", pref["pref"], name)
            os.makedirs(os.path.dirname(base), exist_ok=True)
            ranges = []
            for kind, columns, sections in (
                    ("地番", ["prc_num1", "prc_num2", "prc_num3", "lng", "lat"], chiban.pop(key, None)),
                    ("住居表示", ["blk_num", "rsdt_num", "rsdt_num2", "lng", "lat"], rsdt.pop(key, None))):
                if not sections:
                    continue
                data, rows = serialize_sections(kind, columns, sections)
                with open(f"{base}-{kind}.txt", "wb") as f:
                    f.write(data)
                ranges += [(kind, row) for row in rows]
                counts[kind] += sum(len(lines) for _, lines in sections)
            for kind, (section_name, offset, length) in ranges:
                # 10_refresh_csv_ranges.ts: the first 町字 of that name
                for t in towns:
                    if machiaza_name(t) == section_name:
                        t.setdefault("csv_ranges", {})[kind] = {"start": offset, "length": length}
                        break
            check_ranges(base, towns)
            write_json(f"{base}.json", {"meta": {"updated": updated}, "data": towns})
            counts["cities"] += 1
            counts["cities with 町字"] += 1 if towns else 0
            counts["町字"] += len(towns)
    left = list(towns_by_city) + list(rsdt) + list(chiban)
    if left:  # a city of the area tables that the national city table does not name
        print(f"write_api_tree.py: rows of cities not in the city table: {left[:5]}", file=sys.stderr)
        return 1
    print(f"write_api_tree.py: {out}: {len(prefecture_api['data'])} prefectures, "
          + ", ".join(f"{v} {k}" for k, v in counts.items()) + f"; meta.updated {updated}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
