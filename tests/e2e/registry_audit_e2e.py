#!/usr/bin/env python3
"""registry_audit_e2e.py — 40.x: `gifkit registry audit DB` (issue #32 part 3), the real binary
on registries built from tables in the published layout (one CSV per zip, CRLF, the real
header), written by each case into its temporary folder from the real rows of
../shared/data/abr (和歌山市: 町字, 住居表示 and 地番 with their points; the national city
tables) and ../shared/data/houjin — a clean set, then the same set with one defect planted:
  - `registry build` accepts the table (exit 0) and leaves the judging to audit;
  - audit finds exactly the planted defect: its code, lg_code, machiaza_id and the rows
    (table, key, source file); exit 1; the clean set and the legal shapes (one machiaza_id
    with rsdt_addr_flg 0 and 1) exit 0;
  - bad usage and a registry that cannot be opened exit 2; json, ndjson and html parse;
  - the whole of ../shared/data gives the findings docs/registry.md states.
Each case is one function; `--list` names them, `--case NAME` runs one (exit 0 pass, 1 fail,
77 skipped: no shared data)."""
import csv
import io
import json
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import case_runner  # noqa: E402
from case_runner import check  # noqa: E402

ROOM = "audit"  # the room these cases cover (tests/rooms.txt)

ABR = os.path.join("abr", "wakayama")
CITY = "302015"  # 和歌山市
DIFF_2021 = os.path.join("houjin", "samples", "code4fukui_gBizINFO_diff_20210714_utf8.csv")
DIFF_2025 = os.path.join("houjin", "samples", "code4fukui_gBizINFO_diff_20250311_sjis.csv")


def read_zip(path, keep=None):
    """(header, rows as dicts) of the one CSV in a published zip; keep(row as a list, header):
    only the rows it accepts (the large 地番 tables are cut while read)."""
    with zipfile.ZipFile(path) as archive:
        name = archive.namelist()[0]
        with archive.open(name) as f:
            reader = csv.reader(io.TextIOWrapper(f, encoding="utf-8", newline=""))
            header = next(reader)
            return header, [dict(zip(header, row)) for row in reader
                            if keep is None or keep(row, header)]


class Tables:
    """A small ABR in the published layout: 和歌山市's real rows, a few 町字 of each kind."""

    def __init__(self, data):
        self.data = data
        read = lambda name, keep=None: read_zip(os.path.join(data, ABR, name), keep)  # noqa: E731
        national = lambda name: read_zip(os.path.join(data, "abr", "national", name))  # noqa: E731
        self.header, self.rows = {}, {}
        for stem, reader in (("mt_city_all", national), ("mt_city_pos_all", national),
                             ("mt_town_pref30", read), ("mt_town_pos_pref30", read),
                             ("mt_rsdtdsp_rsdt_pref30", read),
                             ("mt_rsdtdsp_rsdt_pos_pref30", read)):
            self.header[stem], self.rows[stem] = reader(stem + ".csv.zip")
        # 地番: the rows of the first 8 地番 町字 of the city that have a point, no more.
        positioned = {t["machiaza_id"] for t in self.rows["mt_town_pos_pref30"]
                      if t["lg_code"] == CITY and t["rep_lon"]}
        candidates = set(sorted(t["machiaza_id"] for t in self.rows["mt_town_pref30"]
                                if t["lg_code"] == CITY and t["rsdt_addr_flg"] == "0"
                                and t["machiaza_id"] in positioned)[:8])
        for stem in (f"mt_parcel_city{CITY}", f"mt_parcel_pos_city{CITY}"):
            self.header[stem], self.rows[stem] = read(
                stem + ".csv.zip", lambda row, header: row[1] in candidates)
        self.pick()

    def pick(self):
        """Three 町字 marked 住居表示 with their residences, three 地番 町字 with parcels;
        every one with a point; each table cut to their rows (20 a 町字)."""
        towns = [t for t in self.rows["mt_town_pref30"] if t["lg_code"] == CITY]
        ids = {(t["machiaza_id"], t["rsdt_addr_flg"]) for t in towns}
        positioned = {t["machiaza_id"] for t in self.rows["mt_town_pos_pref30"]
                      if t["lg_code"] == CITY and t["rep_lon"]}
        rsdt = {}
        for r in self.rows["mt_rsdtdsp_rsdt_pref30"]:
            rsdt.setdefault(r["machiaza_id"], []).append(r)
        parcel = {}
        for r in self.rows[f"mt_parcel_city{CITY}"]:
            parcel.setdefault(r["machiaza_id"], []).append(r)
        parcel_pos = {(r["machiaza_id"], r["prc_id"]) for r in self.rows[f"mt_parcel_pos_city{CITY}"]}
        single = lambda t: (t["machiaza_id"], "1" if t["rsdt_addr_flg"] == "0" else "0") not in ids  # noqa: E731
        marked = [t for t in towns if t["rsdt_addr_flg"] == "1" and t["machiaza_id"] in rsdt
                  and t["machiaza_id"] in positioned and single(t) and not t["oaza_cho"].startswith("大字")][:3]
        plain = [t for t in towns if t["rsdt_addr_flg"] == "0" and t["machiaza_id"] in parcel
                 and t["machiaza_id"] in positioned and single(t)
                 and sum((t["machiaza_id"], p["prc_id"]) in parcel_pos for p in parcel[t["machiaza_id"]]) >= 5][:3]
        check(len(marked) == 3 and len(plain) == 3, f"the real data has {len(marked)}/{len(plain)} usable 町字")
        self.marked, self.plain = marked, plain
        keep = {t["machiaza_id"] for t in marked + plain}
        self.rows["mt_town_pref30"] = marked + plain
        self.rows["mt_town_pos_pref30"] = [r for r in self.rows["mt_town_pos_pref30"]
                                           if r["lg_code"] == CITY and r["machiaza_id"] in keep]
        chosen_rsdt = [r for t in marked for r in rsdt[t["machiaza_id"]][:20]]
        keys = {(r["machiaza_id"], r["blk_id"], r["rsdt_id"], r["rsdt2_id"]) for r in chosen_rsdt}
        self.rows["mt_rsdtdsp_rsdt_pref30"] = chosen_rsdt
        self.rows["mt_rsdtdsp_rsdt_pos_pref30"] = [
            r for r in self.rows["mt_rsdtdsp_rsdt_pos_pref30"]
            if (r["machiaza_id"], r["blk_id"], r["rsdt_id"], r["rsdt2_id"]) in keys]
        chosen_parcels = []
        for t in plain:
            chosen_parcels += [p for p in parcel[t["machiaza_id"]]
                               if (t["machiaza_id"], p["prc_id"]) in parcel_pos][:20]
        prc = {(r["machiaza_id"], r["prc_id"]) for r in chosen_parcels}
        self.rows[f"mt_parcel_city{CITY}"] = chosen_parcels
        self.rows[f"mt_parcel_pos_city{CITY}"] = [
            r for r in self.rows[f"mt_parcel_pos_city{CITY}"] if (r["machiaza_id"], r["prc_id"]) in prc]

    def town_pos(self, machiaza_id):
        return next(r for r in self.rows["mt_town_pos_pref30"] if r["machiaza_id"] == machiaza_id)

    def write(self, folder):
        """Every table as folder/STEM.csv.zip (UTF-8, CRLF, the real header)."""
        os.makedirs(folder, exist_ok=True)
        for stem, rows in self.rows.items():
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(self.header[stem])
            for row in rows:
                writer.writerow([row.get(name, "") for name in self.header[stem]])
            with zipfile.ZipFile(os.path.join(folder, stem + ".csv.zip"), "w",
                                 zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(stem + ".csv", text.getvalue())
        return folder


class Env(case_runner.Env):
    def tables(self):
        return Tables(self.data)

    def build(self, *sources, name="audit.db", missing=None):
        """missing: a part the build names as missing (accepted: the audit is the test)."""
        accept = ("--accept-incomplete",) if missing else ()
        code, _, err = self.run("registry", "build", "--out", name, *accept, *sources)
        check(code == 0, f"registry build: exit {code}: {err}")
        check(missing is None or ("incomplete (accepted" in err and missing in err),
              f"registry build does not name {missing!r} as missing: {err}")
        return name

    def audit(self, db, *options):
        """(exit code, the json report)."""
        code, out, err = self.run("registry", "audit", db, "-f", "json", *options)
        check(code in (0, 1), f"registry audit: exit {code}: {err}")
        return code, json.loads(out)

    def build_and_audit(self, tables, missing=None):
        return self.audit(self.build(tables.write(self.path("abr")), missing=missing))


def findings(report, code=None):
    """The findings of the report (all tasks), info (audit-not-checked) left out."""
    found = [p for task in report["tasks"] for p in task["errors"]
             if p["severity"] != "info" and (code is None or p["code"] == code)]
    return found


def only(report, code):
    """The one finding of the report, of that code."""
    found = findings(report)
    check(len(found) == 1 and found[0]["code"] == code,
          f"expected one {code}, found {[(p['code'], p['message']) for p in found]}")
    return found[0]


def place(finding, lg_code, machiaza_id):
    check(finding["key"] == {"lg_code": lg_code, "machiaza_id": machiaza_id},
          f"the finding names {finding['key']}, not {lg_code} {machiaza_id}")


def case_clean_tables_pass(env):
    tables = env.tables()
    code, report = env.build_and_audit(tables)
    check(code == 0 and not findings(report), f"exit {code}: {findings(report)}")
    check(report["valid"] is True and len(report["tasks"]) == 2, "two parts, both valid")
    stats = report["tasks"][0]["stats"]
    check(stats["rows"] > 100, f"the ABR part read {stats['rows']} rows")


def case_flag_0_and_1_of_one_id_is_legal(env):
    tables = env.tables()
    town = dict(tables.marked[0], rsdt_addr_flg="0", rsdt_addr_mtd_code="0")
    tables.rows["mt_town_pref30"].append(town)
    code, report = env.build_and_audit(tables)
    check(code == 0 and not findings(report), f"a legal pair was reported: {findings(report)}")


def case_town_key_given_twice_with_other_values(env):
    """#207: one key, two rows that disagree (kept: the first; reported: both, by file and
    line). The same rows again in a second file are not a conflict."""
    tables = env.tables()
    town = tables.plain[0]
    tables.rows["mt_town_pref30"].append(dict(town, oaza_cho=town["oaza_cho"] + "東"))
    folder = tables.write(env.path("abr"))
    header = tables.header["mt_town_pref30"]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(
        [header] + [[row.get(name, "") for name in header] for row in tables.marked])
    with zipfile.ZipFile(os.path.join(folder, f"mt_town_city{CITY}.csv.zip"), "w") as archive:
        archive.writestr(f"mt_town_city{CITY}.csv", text.getvalue())
    code, report = env.audit(env.build(folder))
    found = only(report, "abr-conflicting-rows")
    check(code == 1, f"exit {code}")
    place(found, CITY, town["machiaza_id"])
    check(f"oaza_cho {town['oaza_cho']} / {town['oaza_cho']}東" in found["message"] and
          "skipped line 8 of mt_town_pref30.csv.zip" in found["message"] and
          f"abr_town {CITY} {town['machiaza_id']} 0 (mt_town_pref30.csv.zip" in found["message"],
          found["message"])


def case_town_marked_without_rsdt_rows(env):
    tables = env.tables()
    town = tables.plain[0]
    town["rsdt_addr_flg"], town["rsdt_addr_mtd_code"] = "1", "1"
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-town-without-rsdt")
    check(code == 1, f"exit {code}")
    place(found, CITY, town["machiaza_id"])
    check(f"abr_town {CITY} {town['machiaza_id']} 1 (mt_town_pref30.csv.zip" in found["message"],
          found["message"])


def case_city_marked_without_rsdt_rows(env):
    """abr-geocoder #372: a whole city marked 住居表示 with no 住居表示 row."""
    tables = env.tables()
    other = next(t for t in read_zip(os.path.join(env.data, ABR, "mt_town_pref30.csv.zip"))[1]
                 if t["lg_code"] == "302074" and t["rsdt_addr_flg"] == "1")
    tables.rows["mt_town_pref30"].append(other)
    pos = next(r for r in read_zip(os.path.join(env.data, ABR, "mt_town_pos_pref30.csv.zip"))[1]
               if r["lg_code"] == "302074" and r["machiaza_id"] == other["machiaza_id"])
    tables.rows["mt_town_pos_pref30"].append(pos)
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-city-without-rsdt")
    check(code == 1, f"exit {code}")
    place(found, "302074", other["machiaza_id"])
    check("新宮市" in found["message"] and "abr_town 302074" in found["message"], found["message"])


def case_parcels_without_their_town(env):
    tables = env.tables()
    town = tables.plain[1]
    tables.rows["mt_town_pref30"].remove(town)
    tables.rows["mt_town_pos_pref30"].remove(tables.town_pos(town["machiaza_id"]))
    parcels = [p for p in tables.rows[f"mt_parcel_city{CITY}"] if p["machiaza_id"] == town["machiaza_id"]]
    # The build names it too (issue #59 part 4: exit 1 unless accepted).
    code, report = env.build_and_audit(
        tables, missing=f"地番 rows (abr_parcel) of 1 町字 (machiaza_id {town['machiaza_id']})")
    found = only(report, "abr-rows-without-town")
    place(found, CITY, town["machiaza_id"])
    first = parcels[0]["prc_id"]
    check(f"{len(parcels)} 地番 rows (abr_parcel)" in found["message"] and
          f"abr_parcel {CITY} {town['machiaza_id']} {first} (mt_parcel_city{CITY}.csv.zip" in found["message"],
          found["message"])


def case_residences_of_an_abolished_town(env):
    tables = env.tables()
    town = tables.marked[1]
    town["ablt_date"] = "2020-04-01"
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-rows-of-abolished-town")
    place(found, CITY, town["machiaza_id"])
    check("住居表示 rows in force (abr_rsdt" in found["message"] and
          f"abr_rsdt {CITY} {town['machiaza_id']} " in found["message"], found["message"])


def case_same_name_twice_in_a_city(env):
    tables = env.tables()
    town = tables.plain[2]
    copy = dict(town, machiaza_id="0999000")
    tables.rows["mt_town_pref30"].append(copy)
    tables.rows["mt_town_pos_pref30"].append(dict(tables.town_pos(town["machiaza_id"]), machiaza_id="0999000"))
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-duplicate-town-name")
    place(found, CITY, min(town["machiaza_id"], "0999000"))
    check(f"machiaza_id {min(town['machiaza_id'], '0999000')}, {max(town['machiaza_id'], '0999000')}"
          in found["message"] and f"abr_town {CITY} 0999000 0" in found["message"], found["message"])


def case_oaza_beside_the_same_name(env):
    """abr-geocoder #205: 大字X beside X (and 一丁目 beside １丁目) in one city."""
    tables = env.tables()
    town = tables.marked[2]
    copy = dict(town, machiaza_id="0998000", oaza_cho="大字" + town["oaza_cho"], rsdt_addr_flg="0",
                rsdt_addr_mtd_code="0")
    tables.rows["mt_town_pref30"].append(copy)
    tables.rows["mt_town_pos_pref30"].append(dict(tables.town_pos(town["machiaza_id"]), machiaza_id="0998000",
                                                  rsdt_addr_flg="0"))
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-similar-town-name")
    check(found["severity"] == "warning" and code == 1, f"{found['severity']} exit {code}")
    check("大字" + town["oaza_cho"] in found["message"] and "(0998000)" in found["message"], found["message"])


def case_parcel_point_far_from_its_town(env):
    tables = env.tables()
    point = tables.rows[f"mt_parcel_pos_city{CITY}"][3]
    point["rep_lat"] = str(float(point["rep_lat"]) + 1.0)  # 111 km north
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-position-far")
    place(found, CITY, point["machiaza_id"])
    check(f"abr_parcel_pos {CITY} {point['machiaza_id']} {point['prc_id']}" in found["message"] and
          "from its 町字's point" in found["message"], found["message"])


def case_town_point_far_from_its_city(env):
    tables = env.tables()
    point = tables.town_pos(tables.plain[0]["machiaza_id"])
    point["rep_lon"] = str(float(point["rep_lon"]) + 2.0)
    code, report = env.build_and_audit(tables)
    # One finding: its 地番 are then weighed against the city's point, not one per 地番.
    found = only(report, "abr-position-far")
    place(found, CITY, point["machiaza_id"])
    check(f"abr_town_pos {CITY} {point['machiaza_id']} 0" in found["message"] and
          "from its city's point" in found["message"], found["message"])


def case_island_city_has_its_own_limit(env):
    # 小笠原村 (models/dictionaries/city_extents.tsv: 1,300 km): a 町字 on 南鳥島, ~1,220 km
    # from the village's point on 父島, is no finding; one 1,500 km away is, with the city's
    # own limit in the message. 和歌山市 keeps the general 80 km.
    tables = env.tables()
    village, island = "134210", {"南鳥島": ("153.9807", "24.2867"), "遠島": ("157.5", "22.0")}
    stem, pos_stem = "mt_town_pref13", "mt_town_pos_pref13"
    tables.header[stem] = tables.header["mt_town_pref30"]
    tables.header[pos_stem] = tables.header["mt_town_pos_pref30"]
    tables.rows[stem], tables.rows[pos_stem] = [], []
    for number, (name, (lon, lat)) in enumerate(island.items(), 1):
        town = dict(tables.plain[0], lg_code=village, machiaza_id=f"000{number}000", pref="東京都",
                    county="", city="小笠原村", ward="", oaza_cho=name, chome="", koaza="")
        point = dict(tables.town_pos(tables.plain[0]["machiaza_id"]), lg_code=village,
                     machiaza_id=town["machiaza_id"], rep_lon=lon, rep_lat=lat)
        tables.rows[stem].append(town)
        tables.rows[pos_stem].append(point)
    code, report = env.build_and_audit(tables)
    found = [p for p in findings(report) if p["code"] == "abr-position-far"]
    check(len(found) == 1, f"expected one abr-position-far, found {[p['message'] for p in found]}")
    place(found[0], village, "0002000")
    check("more than 1300.0 km" in found[0]["message"], found[0]["message"])
    code, out, err = env.run("registry", "audit", "audit.db", "--max-town-km", "2000", "-f", "json")
    check(not [p for p in findings(json.loads(out)) if p["code"] == "abr-position-far"],
          "a larger --max-town-km than the city's own limit applies")


def case_swapped_point_is_put_right_and_reported(env):
    tables = env.tables()
    point = tables.rows[f"mt_parcel_pos_city{CITY}"][5]
    point["rep_lon"], point["rep_lat"] = point["rep_lat"], point["rep_lon"]
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-position-swapped")
    place(found, CITY, point["machiaza_id"])
    check(f"abr_parcel_pos {CITY} {point['machiaza_id']} {point['prc_id']}" in found["message"] and
          "line 7 of its file" in found["message"], found["message"])


def case_town_without_position(env):
    tables = env.tables()
    town = tables.plain[0]
    tables.rows["mt_town_pos_pref30"].remove(tables.town_pos(town["machiaza_id"]))
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-town-without-position")
    place(found, CITY, town["machiaza_id"])


def case_abolished_city_still_referenced(env):
    tables = env.tables()
    city = next(r for r in tables.rows["mt_city_all"] if r["lg_code"] == CITY)
    city["ablt_date"] = "2020-04-01"
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-abolished-code-referenced")
    check(found["key"]["lg_code"] == CITY and "6 町字 in force" in found["message"], found["message"])


def case_effective_after_abolished(env):
    tables = env.tables()
    parcel = tables.rows[f"mt_parcel_city{CITY}"][2]
    parcel["efct_date"], parcel["ablt_date"] = "2030-01-01", "2020-01-01"
    code, report = env.build_and_audit(tables)
    found = only(report, "abr-dates-out-of-order")
    place(found, CITY, parcel["machiaza_id"])
    check(f"abr_parcel {CITY} {parcel['machiaza_id']} {parcel['prc_id']}" in found["message"], found["message"])


def corporations(env, count):
    """count distinct real corporations of the 2021-07-14 diff that are open, as rows."""
    rows, seen = [], set()
    with open(os.path.join(env.data, DIFF_2021), encoding="utf-8", newline="") as f:
        for record in csv.reader(f):
            if record[1] in seen or record[18] or record[19] or record[20] or record[2] != "01":
                continue
            seen.add(record[1])
            rows.append(record)
            if len(rows) == count:
                break
    return rows


def with_check_digit(twelve):
    """The 法人番号 of twelve digits: its check digit (9 − Σ digit × (1 or 2) mod 9) in front."""
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(twelve)))
    return str(9 - total % 9) + twelve


def write_houjin(env, name, rows):
    with open(env.path(name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return name


def case_houjin_successor_missing_and_closed_without_date(env):
    rows = corporations(env, 40)
    merged = rows[0]
    merged[2], merged[18], merged[19], merged[20] = "21", "2021-07-01", "11", rows[1][1]  # legal
    gone = rows[2]
    absent = with_check_digit("123456789012")  # a valid number the file does not hold
    check(all(row[1] != absent for row in rows), "the made-up successor is in the file")
    gone[2], gone[18], gone[19], gone[20] = "21", "2021-07-01", "11", absent
    undated = rows[3]
    undated[2], undated[19] = "21", "01"
    db = env.build(write_houjin(env, "00_zenkoku_all_20210714.csv", rows))
    code, report = env.audit(db)
    check(code == 1, f"exit {code}")
    found = findings(report)
    check(sorted(p["code"] for p in found) == ["houjin-closed-without-date", "houjin-successor-missing"],
          f"{[(p['code'], p['message']) for p in found]}")
    by_code = {p["code"]: p for p in found}
    check(by_code["houjin-successor-missing"]["key"] == {"corporate_number": gone[1]} and
          absent in by_code["houjin-successor-missing"]["message"], f"{by_code}")
    check(by_code["houjin-closed-without-date"]["key"] == {"corporate_number": undated[1]} and
          "00_zenkoku_all_20210714.csv" in by_code["houjin-closed-without-date"]["message"], f"{by_code}")


def case_houjin_diffs_applied_out_of_order(env):
    db = env.build(os.path.join(env.data, DIFF_2025))
    code, _, err = env.run("registry", "update", db, os.path.join(env.data, DIFF_2021),
                           "--allow-out-of-order")
    check(code == 0, f"registry update: exit {code}: {err}")
    code, report = env.audit(db)
    found = findings(report, "houjin-diff-out-of-order")
    check(code == 1 and len(found) == 1, f"exit {code} {findings(report)}")
    check("code4fukui_gBizINFO_diff_20210714_utf8.csv" in found[0]["message"] and
          "2025-03-11" in found[0]["message"], found[0]["message"])
    # The same files applied oldest first: no finding of the order.
    db = env.build(os.path.join(env.data, DIFF_2021), name="in_order.db")
    code, _, err = env.run("registry", "update", db, os.path.join(env.data, DIFF_2025))
    check(code == 0, f"registry update: exit {code}: {err}")
    code, report = env.audit(db)
    check(code == 0 and not findings(report), f"exit {code}: {findings(report)}")
    notes = [p["message"] for p in report["tasks"][1]["errors"] if p["code"] == "audit-not-checked"]
    check(any("diffs-only" in note for note in notes), f"{notes}")


def case_formats_parse(env):
    tables = env.tables()
    tables.plain[0]["rsdt_addr_flg"] = "1"
    db = env.build(tables.write(env.path("abr")))
    code, out, _ = env.run("registry", "audit", db, "-f", "ndjson")
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    check(code == 1 and any(line.get("code") == "abr-town-without-rsdt" for line in lines),
          f"exit {code} {out[:400]}")
    code, out, _ = env.run("registry", "audit", db, "-f", "html", "-o", "audit.html")
    with open(env.path("audit.html"), encoding="utf-8") as f:
        page = f.read()
    check(code == 1 and "<html" in page and "abr-town-without-rsdt" in page, f"exit {code}")
    code, out, _ = env.run("registry", "audit", db)
    check(code == 1 and "abr-town-without-rsdt" in out and "lg_code 302015" in out, out[:600])
    # A group of 町字 findings is placed by its keys, not as the "whole file".
    check("    by lg_code machiaza_id: 1\n" in out and "whole file: 1\n        lg_code" not in out,
          out[:600])
    check('<b>by lg_code machiaza_id</b>' in page, "the html report's group line")


def case_bad_usage_exits_2(env):
    code, _, err = env.run("registry", "audit")
    check(code == 2, f"no registry: exit {code} {err}")
    code, _, err = env.run("registry", "audit", "missing.db")
    check(code == 2 and "missing.db" in err, f"missing registry: exit {code} {err}")
    env.write("not_a_registry.db", "hello\n")
    code, _, err = env.run("registry", "audit", "not_a_registry.db")
    check(code == 2, f"not a registry: exit {code} {err}")
    db = env.build(os.path.join(env.data, DIFF_2021))
    code, _, err = env.run("registry", "audit", db, "-f", "sarif")
    check(code == 2, f"-f sarif: exit {code} {err}")
    code, _, err = env.run("registry", "audit", db, "--max-point-km", "-3")
    check(code == 2, f"--max-point-km -3: exit {code} {err}")


def case_postgresql_gives_the_file_s_findings(env):
    """The same registry pushed to a throw-away PostgreSQL server (127.0.0.1, as gifkit-pg when
    root: pg_server.py) is audited to the same findings. Skipped without PostgreSQL binaries."""
    import pg_server
    tables = env.tables()
    tables.plain[0]["rsdt_addr_flg"] = "1"
    tables.rows[f"mt_parcel_city{CITY}"][2].update(efct_date="2030-01-01", ablt_date="2020-01-01")
    rows = corporations(env, 10)
    rows[3][2], rows[3][19] = "21", "01"
    rows[4][2], rows[4][18], rows[4][19], rows[4][20] = "21", "2021-07-01", "11", rows[5][1]
    rows[6][2], rows[6][18], rows[6][19] = "21", "2021-07-01", "11"
    rows[6][20] = with_check_digit("123456789012")
    db = env.build(tables.write(env.path("abr")),
                   write_houjin(env, "00_zenkoku_all_20210714.csv", rows))
    code, on_file = env.audit(db)
    try:
        server = pg_server.PgServer()
    except pg_server.PgUnavailable as why:
        raise case_runner.Skipped(f"no PostgreSQL server: {why}")
    with server as pg:
        status, _, err = env.run("registry", "push", db, pg.dsn)
        check(status == 0, f"registry push: exit {status}: {err}")
        pg_code, on_server = env.audit(pg.dsn)
    same = lambda report: [(p["code"], p["key"], p["message"]) for p in findings(report)]  # noqa: E731
    check(code == pg_code == 1 and same(on_file) == same(on_server) and
          sorted(p[0] for p in same(on_file)) ==
          ["abr-dates-out-of-order", "abr-town-without-rsdt", "houjin-closed-without-date",
           "houjin-successor-missing"],
          f"file {code} {same(on_file)}\nserver {pg_code} {same(on_server)}")


def case_real_data_findings(env):
    """The whole of ../shared/data (docs/registry.md "registry audit" states the same)."""
    sources = [os.path.join(env.data, "abr", area) for area in
               ("national", "bunkyo", "wakayama", "yakushima", "ebino")]
    sources += [os.path.join(env.data, DIFF_2021), os.path.join(env.data, "moji")]
    db = env.build(*sources)
    code, report = env.audit(db)
    counts = {}
    for p in findings(report):
        counts[p["code"]] = counts.get(p["code"], 0) + 1
    expected = {"abr-city-without-rsdt": 5, "abr-similar-town-name": 1,
                "abr-town-without-position": 124, "abr-conflicting-rows": 1}
    check(code == 1 and counts == expected, f"exit {code}: {counts}")
    conflict = findings(report, "abr-conflicting-rows")[0]
    check(conflict["key"] == {"lg_code": "302015", "machiaza_id": "0201002"} and
          "skipped line 10418 of mt_rsdtdsp_rsdt_pos_pref30.csv.zip" in conflict["message"],
          conflict["message"])
    similar = findings(report, "abr-similar-town-name")[0]
    check(similar["key"]["lg_code"] == "302023" and "大字小原 (0096000)" in similar["message"],
          similar["message"])


if __name__ == "__main__":
    sys.exit(case_runner.main(case_runner.cases_of(globals()), make_env=Env, needs=ABR))
