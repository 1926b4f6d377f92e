"""cases/address_reverse.py — 18.x: `gifkit address reverse` (docs/address.md)."""
import json
from .common import BUILD_REGISTRY
from .abr import ABR, ABR_DB, build_abr

ROOM = "abr"  # the room these cases cover (tests/rooms.txt)


# 18.x — gifkit address reverse (docs/address.md): real points of the shared data reversed at
# their own coordinates and 30 m north of them, on a registry of national + 文京区 (or + 屋久島町).
REVERSE = ["address", "reverse", "--registry", ABR_DB]
REVERSE_BUNKYO = build_abr(ABR + "/national", ABR + "/bunkyo")
REVERSE_YAKUSHIMA = build_abr(ABR + "/national", ABR + "/yakushima")
EARTH_RADIUS_M = 6371008.8  # the sphere of grammars/values/geo.hpp


def north_by(lat, metres):
    """lat (a decimal string) moved north by metres on gifkit's sphere, as a decimal string."""
    import math
    return repr(float(lat) + metres / EARTH_RADIUS_M * 180 / math.pi)


# Real positions, as the published files write them (each asserted present by a `before` step):
# 白山２丁目15-1 of 文京区 (its nearest neighbour 39 m away) and 安房2400-32 of 屋久島町 (85 m).
BUNKYO_RESIDENCE = ("bunkyo/mt_rsdtdsp_rsdt_pos_pref13.csv.zip",
                    "131059,0001002,015,001,,1,1,139.747613819,35.717373331,", "35.717373331",
                    "139.747613819")
YAKUSHIMA_PARCEL = ("yakushima/mt_parcel_pos_city465054.csv.zip",
                    "465054,0000121,024000003200000,130.652606667,30.30636348,", "30.30636348",
                    "130.652606667")


def real_position(point):
    """A `before` step: the point's row is in the shared data's file, byte for byte."""
    def check(env):
        import os
        import zipfile
        with zipfile.ZipFile(os.path.join(env["data"], "abr", point[0])) as archive:
            text = archive.read(archive.namelist()[0]).decode("utf-8")
        if "\n" + point[1] not in text:
            raise AssertionError(f"{point[1]!r} is not in {point[0]}")
    return check


def reverse_hit(expected, distance):
    """stdout_check of a json answer: one hit holding the expected fields, distance_m within
    2 cm of distance."""
    def check(stdout, env):
        hits = json.loads(stdout)
        if len(hits) != 1:
            return f"expected one hit, got {len(hits)}"
        got = {key: hits[0].get(key) for key in expected}
        if got != expected:
            return f"fields {got}, expected {expected}"
        if abs(hits[0]["distance_m"] - distance) > 0.02:
            return f"distance_m {hits[0]['distance_m']}, expected {distance}"
        return None
    return check


def drop_reverse_index(env):
    """An `after`-build step: the registry as a build before the R*Tree existed made it."""
    import os
    import sqlite3
    db = sqlite3.connect(os.path.join(env["tmp"], "abr.db"))
    db.execute("DROP TABLE abr_point_cells")
    db.execute("DELETE FROM provenance WHERE source_kind = 'abr-point-index'")
    db.commit()
    db.close()


BUNKYO_FIELDS = {"level": "residence", "lg_code": "131059", "machiaza_id": "0001002",
                 "pref": "東京都", "city": "文京区", "oaza_cho": "白山", "chome": "２丁目",
                 "blk_num": "15", "rsdt_num": "1", "output": "東京都文京区白山２丁目15-1",
                 "lat": 35.717373331, "lon": 139.747613819}
YAKUSHIMA_FIELDS = {"level": "parcel", "lg_code": "465054", "machiaza_id": "0000121",
                    "county": "熊毛郡", "city": "屋久島町", "koaza": "安房", "prc_num1": "2400",
                    "prc_num2": "32", "output": "鹿児島県熊毛郡屋久島町安房2400-32"}

REVERSE_CASES = [
    {"name": "18.1-address-reverse-real-bunkyo-residence-at-its-point", "needs_data": True,
     "before": [real_position(BUNKYO_RESIDENCE)] + REVERSE_BUNKYO,
     "args": REVERSE + ["-f", "json", BUNKYO_RESIDENCE[2], BUNKYO_RESIDENCE[3]], "exit": 0,
     "stdout_check": reverse_hit(BUNKYO_FIELDS, 0.0),
     "after": [["registry", "verify", ABR_DB]]},
    {"name": "18.2-address-reverse-real-bunkyo-residence-30-m-off", "needs_data": True,
     "before": REVERSE_BUNKYO,
     "args": REVERSE + ["-f", "json", north_by(BUNKYO_RESIDENCE[2], 30), BUNKYO_RESIDENCE[3]],
     "exit": 0, "stdout_check": reverse_hit(BUNKYO_FIELDS, 30.0)},
    {"name": "18.3-address-reverse-real-yakushima-parcel-at-its-point", "needs_data": True,
     "before": [real_position(YAKUSHIMA_PARCEL)] + REVERSE_YAKUSHIMA,
     "args": REVERSE + ["-f", "json", YAKUSHIMA_PARCEL[2], YAKUSHIMA_PARCEL[3]], "exit": 0,
     "stdout_check": reverse_hit(YAKUSHIMA_FIELDS, 0.0)},
    {"name": "18.4-address-reverse-real-yakushima-parcel-30-m-off", "needs_data": True,
     "before": REVERSE_YAKUSHIMA,
     "args": REVERSE + ["-f", "json", "--radius", "100", north_by(YAKUSHIMA_PARCEL[2], 30),
                        YAKUSHIMA_PARCEL[3]], "exit": 0,
     "stdout_check": reverse_hit(YAKUSHIMA_FIELDS, 30.0)},
    {"name": "18.5-address-reverse-limit-csv-and-text", "needs_data": True,
     "before": REVERSE_BUNKYO,
     "args": REVERSE + ["--limit", "3", "-f", "csv", BUNKYO_RESIDENCE[2], BUNKYO_RESIDENCE[3]],
     "exit": 0,
     "stdout_contains": ["level,distance_m,lat,lon,output,lg_code,machiaza_id,pref,county,city,",
                         ",gif_localGovernmentCode,gif_streetAddressId,",
                         "\nresidence,0,35.717373331,139.747613819,東京都文京区白山２丁目15-1,131059,"],
     "stdout_check": lambda out, env: None if len(out.splitlines()) == 4
     else f"expected a header and 3 rows, got {len(out.splitlines())} lines",
     "after": [REVERSE + ["--limit", "2", BUNKYO_RESIDENCE[2], BUNKYO_RESIDENCE[3]]]},
    {"name": "18.6-address-reverse-text-by-default", "needs_data": True,
     "before": REVERSE_YAKUSHIMA,
     "args": REVERSE + [YAKUSHIMA_PARCEL[2], YAKUSHIMA_PARCEL[3]], "exit": 0,
     "stdout_contains": ["parcel\t0.00 m\t465054\t0000121\t鹿児島県熊毛郡屋久島町安房2400-32\n"]},
    {"name": "18.7-address-reverse-nothing-within-radius-negative-lat", "needs_data": True,
     "before": REVERSE_BUNKYO,
     "args": REVERSE + ["--", "-33.8568", "151.2153"], "exit": 1,
     "stderr_contains": ["no residence, parcel or 町字 within 1000 m of -33.8568, 151.2153"]},
    {"name": "18.8-address-reverse-negative-lat-without-double-dash", "needs_data": True,
     "before": REVERSE_BUNKYO,
     "args": REVERSE + ["-f", "json", "-33.8568", "-151.2153"], "exit": 1,
     "stdout_contains": ["[]"], "stderr_contains": ["no residence, parcel or 町字 within"]},
    # a bad value is refused before the registry is opened (there is none here)
    {"name": "18.9-address-reverse-bad-latitude",
     "args": ["address", "reverse", "--registry", "{tmp}/none.db", "91", "139.7"], "exit": 2,
     "stderr_contains": ["latitude must be a number from -90 to 90"]},
    {"name": "18.10-address-reverse-latitude-not-a-number",
     "args": ["address", "reverse", "--registry", "{tmp}/none.db", "35.7N", "139.7"], "exit": 2,
     "stderr_contains": ["LAT '35.7N' is not a number in decimal degrees"]},
    {"name": "18.11-address-reverse-radius-too-large",
     "args": ["address", "reverse", "--registry", "{tmp}/none.db", "--radius", "50001", "35.7",
              "139.7"], "exit": 2,
     "stderr_contains": ["radius must be a number of metres from 0 to 50000"]},
    {"name": "18.12-address-reverse-registry-built-before-the-index", "needs_data": True,
     "before": REVERSE_BUNKYO + [drop_reverse_index],
     "args": REVERSE + [BUNKYO_RESIDENCE[2], BUNKYO_RESIDENCE[3]], "exit": 2,
     "stderr_contains": ["abr.db: the registry has no index of the ABR positions",
                         "rebuild it with `gifkit registry build`"]},
    {"name": "18.13-address-reverse-registry-without-abr", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["address", "reverse", "--registry", "{tmp}/houjin.db", "35.7", "139.7"], "exit": 2,
     "stderr_contains": ["no Address Base Registry data"]},
    {"name": "18.14-address-reverse-missing-registry",
     "args": ["address", "reverse", "--registry", "{tmp}/none.db", "35.7", "139.7"], "exit": 2,
     "stderr_contains": ["none.db"]},
]
CASES = REVERSE_CASES
