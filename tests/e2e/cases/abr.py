"""cases/abr.py — 12.x: the Address Base Registry — registry build, lookup address."""
from .common import BUILD_REGISTRY, HOUJIN_UTF8

ROOM = "abr"  # the room these cases cover (tests/rooms.txt)


# --- 12.x: the Address Base Registry (registry build, lookup address) -------------------------

ABR = "{data}/abr"
ABR_DB = "{tmp}/abr.db"
LOOKUP_ADDRESS = ["lookup", "address", "--registry", ABR_DB]


def build_abr(*folders):
    """A `before` step: build {tmp}/abr.db from the given ABR folders or files."""
    return [["registry", "build", "--out", ABR_DB] + list(folders)]


TOWN_HEADER = ("lg_code,machiaza_id,machiaza_type,pref,pref_kana,pref_roma,county,county_kana,"
               "county_roma,city,city_kana,city_roma,ward,ward_kana,ward_roma,oaza_cho,oaza_cho_kana,"
               "oaza_cho_roma,chome,chome_kana,chome_number,koaza,koaza_kana,koaza_roma,machiaza_dist,"
               "rsdt_addr_flg,rsdt_addr_mtd_code,oaza_cho_aka_flg,koaza_aka_code,oaza_cho_gsi_uncmn,"
               "koaza_gsi_uncmn,status_flg,wake_num_flg,efct_date,ablt_date,src_code,post_code,remarks")


def bunkyo_town_row(code, machiaza_id, oaza, oaza_kana, chome):
    """One mt_town row of a 丁目 in 文京区 (住居表示), in the published column set."""
    return (f"{code},{machiaza_id},2,東京都,トウキョウト,Tokyo,,,,文京区,ブンキョウク,Bunkyo-ku,,,,{oaza},"
            f"{oaza_kana},,{chome},{chome[:-2]}チョウメ,1,,,,,1,1,0,0,0,0,1,1,1947-04-17,,0,1120001,")


def write_town_rows(tmp, rows):
    """{tmp}/mt_town_all.csv: the header and rows, CRLF as published."""
    import os
    with open(os.path.join(tmp, "mt_town_all.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join([TOWN_HEADER] + rows) + "\r\n")


def write_abr_bad_rows(tmp):
    """mt_town_all.csv: the real first rows of 文京区, line 3 with a wrong lg_code check digit."""
    write_town_rows(tmp, [bunkyo_town_row("131059", "0001001", "白山", "ハクサン", "１丁目"),
                          bunkyo_town_row("131058", "0001002", "白山", "ハクサン", "２丁目")])


def write_abr_corrupt_zip(tmp):
    import os
    with open(os.path.join(tmp, "mt_town_pref30.csv.zip"), "wb") as f:
        f.write(b"PK\x03\x04 not really a zip archive")


ABR_CASES = [
    {"name": "12.1-registry-build-abr-real-folders", "needs_data": True,
     "args": ["registry", "build", "--out", ABR_DB, ABR + "/national", ABR + "/wakayama",
              ABR + "/bunkyo", ABR + "/yakushima"], "exit": 0,
     "stderr_contains": [
         "mt_pref_all.csv: abr-pref, 47 rows imported into abr_pref, 0 rejected",
         "mt_parcel_city302015.csv: abr-parcel, 367519 rows imported into abr_parcel, 0 rejected",
         "mt_town_pos_pref30.csv: abr-town-pos, 3435 rows imported into abr_town_pos, 0 rejected, "
         "102 duplicate keys skipped",
         "mt_rsdtdsp_rsdt_pref13.csv: abr-rsdt, 30156 rows imported into abr_rsdt, 0 rejected",
         "mt_parcel_pos_city465054.csv: abr-parcel-pos, 83514 rows imported",
         "derived from abr_rsdt: 2910 rows in abr_rsdt_blk",
         "793889 rows from 16 files, 0 rejected"],
     "after": [["registry", "verify", ABR_DB]]},
    {"name": "12.2-registry-info-abr-tables-and-derived-blocks", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": ["registry", "info", ABR_DB, "--format", "json"], "exit": 0,
     "stdout_contains": ['"abr_town": 68', '"abr_city": 1918', '"abr_rsdt": 30156',
                         '"sourceKind": "abr-rsdt-blk-derived"', '"table": "abr_rsdt_blk"']},
    {"name": "12.3-lookup-address-by-lg-code", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "131059"], "exit": 0,
     "stdout_contains": ["131059  東京都文京区", "towns               68",
                         "rep_srid            EPSG:6668"]},
    {"name": "12.4-lookup-address-by-machiaza-id-json", "needs_data": True,
     "before": build_abr(ABR + "/wakayama/mt_town_pref30.csv.zip",
                         ABR + "/wakayama/mt_town_pos_pref30.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "302015", "--machiaza-id", "0001000", "-f", "json"],
     "exit": 0,
     "stdout_contains": ['"machiaza_id": "0001000"', '"oaza_cho": "葵町"',
                         '"oaza_cho_kana": "アオイチョウ"', '"post_code": "6408273"',
                         '"rep_lat": "34.21348"', '"rep_srid": "EPSG:4612"']},
    {"name": "12.5-lookup-address-town-prefix-in-city", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": LOOKUP_ADDRESS + ["--city", "文京区", "--town", "白山1"], "exit": 0,
     "stdout_contains": ["131059 0001001  東京都文京区白山１丁目  ハクサン１チョウメ  住居表示"]},
    {"name": "12.6-lookup-address-town-kana-in-pref-csv", "needs_data": True,
     "before": build_abr(ABR + "/yakushima/mt_town_all.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--pref", "鹿児島県", "--town", "あんぼう", "-f", "csv"], "exit": 0,
     "stdout_contains": ["lg_code,machiaza_id,machiaza_type,pref",
                         "465054,0000121,3,鹿児島県,カゴシマケン,Kagoshima,熊毛郡"]},
    {"name": "12.7-lookup-address-not-found", "needs_data": True,
     "before": build_abr(ABR + "/bunkyo/mt_town_all.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "131059", "--machiaza-id", "0999001"], "exit": 1,
     "stderr_contains": ["no 町字 131059 0999001"]},
    {"name": "12.8-lookup-address-bad-lg-code", "needs_data": True,
     "before": build_abr(ABR + "/bunkyo/mt_town_all.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "131058"], "exit": 2,
     "stderr_contains": ["'131058' is not a 全国地方公共団体コード"]},
    {"name": "12.9-lookup-address-town-needs-city", "needs_data": True,
     "before": build_abr(ABR + "/bunkyo/mt_town_all.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--town", "白山"], "exit": 2,
     "stderr_contains": ["--town needs the city"]},
    {"name": "12.16-lookup-address-town-page-says-it-is-a-page", "needs_data": True,
     "before": build_abr(ABR + "/wakayama/mt_town_pref30.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "302015", "--town", "和", "--limit", "2"], "exit": 0,
     "stderr_contains": ["gifkit lookup address: rows 1–2 of ", " 町字 starting with '和'; "
                         "--offset 2 for the next"],
     "stdout_check": lambda out, env: None if len(out.splitlines()) == 2 else
     f"{len(out.splitlines())} lines, expected the page's 2"},
    {"name": "12.17-lookup-address-town-last-page", "needs_data": True,
     "before": build_abr(ABR + "/wakayama/mt_town_pref30.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "302015", "--town", "和", "--offset", "2",
                               "--limit", "1000"], "exit": 0,
     "stderr_contains": ["gifkit lookup address: rows 3–"],
     "output_lacks": ["for the next", "和歌山県和歌山市和佐中"]},
    {"name": "12.18-lookup-address-town-in-a-city-without-towns", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "132284", "--town", "あ"], "exit": 1,
     "stderr_contains": ["no 町字 starting with 'あ' (the registry holds no 町字 of 132284, "
                         "only the city)"]},
    {"name": "12.19-lookup-address-town-in-a-city-outside-the-registry", "needs_data": True,
     "before": build_abr(ABR + "/bunkyo/mt_town_all.csv.zip"),
     "args": LOOKUP_ADDRESS + ["--lg-code", "302015", "--town", "和"], "exit": 1,
     "stderr_contains": ["(the registry holds no 町字 of 302015, nor the city)"]},
    {"name": "12.10-lookup-address-registry-without-abr", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["lookup", "address", "--registry", "{tmp}/houjin.db", "--lg-code", "131059"],
     "exit": 2, "stderr_contains": ["holds no Address Base Registry data"]},
    {"name": "12.11-registry-build-abr-and-houjin-in-one-file", "needs_data": True,
     "args": ["registry", "build", "--out", ABR_DB, ABR + "/national", HOUJIN_UTF8], "exit": 0,
     "stderr_contains": ["mt_city_all.csv: abr-city, 1918 rows imported into abr_city",
                         "code4fukui_gBizINFO_diff_20210714_utf8.csv: 2772 rows imported"],
     "after": [["registry", "verify", ABR_DB],
               ["lookup", "corporation", "--registry", ABR_DB, "1010001072706"],
               LOOKUP_ADDRESS + ["--lg-code", "131016"]]},
    {"name": "12.12-registry-build-abr-japanese-headers",
     "args": ["registry", "build", "--out", ABR_DB, "{fixtures}/abr_town_japanese_header.csv"],
     "exit": 0,
     "stderr_contains": ["abr_town_japanese_header.csv: abr-town, 5 rows imported into abr_town"],
     "after": [LOOKUP_ADDRESS + ["--lg-code", "131059", "--machiaza-id", "0001002"]]},
    {"name": "12.13-registry-build-abr-bad-row-reported", "setup": write_abr_bad_rows,
     "args": ["registry", "build", "--out", ABR_DB, "{tmp}/mt_town_all.csv"], "exit": 1,
     "stderr_contains": ["mt_town_all.csv:3: rejected: lg_code '131058' is not a valid 全国地方公共団体コード: "
                         "check digit 8 does not match",
                         "abr-town, 1 rows imported into abr_town, 1 rejected"]},
    {"name": "12.14-registry-build-abr-corrupt-zip", "setup": write_abr_corrupt_zip,
     "args": ["registry", "build", "--out", ABR_DB, "{tmp}/mt_town_pref30.csv.zip"], "exit": 2,
     "stderr_contains": ["mt_town_pref30.csv.zip"]},
    {"name": "12.15-registry-build-abr-source-kind-override-missing-key",
     "args": ["registry", "build", "--out", ABR_DB, "--source-kind", "abr-rsdt",
              "{fixtures}/abr_town_japanese_header.csv"], "exit": 2,
     "stderr_contains": ["this abr-rsdt file has no blk_id column"]},
]
CASES = ABR_CASES
