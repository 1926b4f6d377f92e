#!/usr/bin/env python3
"""registry_scope_e2e.py — 52.x: a registry-backed finding only where the registry holds the
whole register it needs (issue #54 parts 4 and 6), with the real binary on registries built here
from ../shared/data and the real files of ../shared/data/opendata-real/:

  - 法人番号: a number missing from the registry is not-in-registry only when the registry holds
    the whole register (the NTA's national bulk 全件 file, or every prefecture's and 国外's);
    from diff files, Web-API answers or one prefecture's bulk file, whatever was added beside
    them, it is registry-not-checked (an info naming why), counted in the report;
  - the ABR: a 町字ID of a city whose 町字 the registry lacks is not checked; a number (番地,
    住居表示) of a 町字 whose city's 地番 (or 住居表示) table the registry lacks is not checked,
    never not-in-registry;
  - place versus point: a point is inconsistent with its city only outside the city's extent —
    near the points of its 町字 where the registry holds them, else within the reach of the
    city's point (60 km, more for the island cities of models/dictionaries/city_extents.tsv):
    the 公衆トイレ of 石川県, on islands and in merged cities, pass; the points given the code of
    another city still get their finding.

Run by ctest (tests/e2e/CMakeLists.txt); exit 77 = skipped (no shared data)."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import check, cases_of, main  # noqa: E402

ROOM = "checks"  # the room these cases cover (tests/rooms.txt)

SAMPLES = os.path.join("houjin", "samples")
DIFFS = ["code4fukui_gBizINFO_diff_20210714_utf8.csv", "code4fukui_gBizINFO_diff_20250311_sjis.csv"]
# Two one-record Web-API answers: トヨタ自動車 (/2/num, CSV) and 日立製作所 (/4/num, XML).
ANSWERS = ["kissy2go_houjin-bangou_webapi-v2_num_1180301018771_sjis.csv",
           "minako-ph_jp-opendata-actors_num.7010001008844.2026-07-10.xml"]
# The first rows of the NTA's bulk file 31_tottori_all_20240329 (鳥取県's 国・地方公共団体).
TOTTORI = "new-village_cnparser_31_tottori_test_20240329.csv"
LOCALGOVS = os.path.join("opendata-real", "corporate", "gbizinfo_localgovs.csv")
LOCALGOVS_ROWS = 7386
ISHIKAWA = os.path.join("opendata-real", "municipal", "ishikawa-pref_170003_{}.csv")


def build(env, name, *sources):
    code, out, err = env.run("registry", "build", "--out", env.path(name), *sources)
    check(code == 0, f"registry build {name}: exit {code}: {err}")
    return env.path(name)


def sample(env, name):
    return os.path.join(env.data, SAMPLES, name)


def validate(env, registry, path, *options):
    code, out, err = env.run("validate", "-f", "json", "--registry", registry, *options, path)
    check(code in (0, 1), f"validate exit {code}: {err}")
    return json.loads(out)["tasks"][0]


def counts(task, *codes):
    return {code: task["countsByCode"].get(code, 0) for code in codes}


def check_localgovs_not_checked(env, registry, reason, found=0):
    """Every 法人番号 of the gBizINFO list of local governments (7,386) but the found ones in the
    registry is registry-not-checked with reason, none not-in-registry, and the accuracy counts
    them as not checked."""
    task = validate(env, registry, os.path.join(env.data, LOCALGOVS))
    got = counts(task, "not-in-registry", "registry-not-checked")
    missing = LOCALGOVS_ROWS - found
    check(got == {"not-in-registry": 0, "registry-not-checked": missing}, f"codes {got}")
    check(task["quality"]["accuracy"]["notChecked"] == missing,
          f"accuracy {task['quality']['accuracy']}")
    messages = {p["message"] for p in task["errors"] if p["code"] == "registry-not-checked"}
    check(all(reason in m for m in messages), f"a message lacks {reason!r}: {sorted(messages)[:2]}")


def case_houjin_diff_files_only_leave_missing_numbers_not_checked(env):
    """A registry of two diff files: the numbers not in them are not checked."""
    registry = build(env, "diffs.db", *[sample(env, name) for name in DIFFS])
    check_localgovs_not_checked(env, registry, "the registry holds only 法人番号 diff files")


def case_houjin_web_api_answers_beside_diffs_leave_missing_numbers_not_checked(env):
    """The same diff files and two one-record Web-API answers (registry info: "partial"): the
    same numbers stay not checked (main's binary made all 7,386 not-in-registry errors), and
    the answers' own corporations are found."""
    registry = build(env, "answers.db", *[sample(env, name) for name in DIFFS + ANSWERS])
    code, out, err = env.run("registry", "info", registry)
    check("法人番号: partial (0 bulk, 2 diff, 2 other files): a number not in them is not checked"
          in out, f"registry info: {out}")
    check_localgovs_not_checked(env, registry, "the registry holds no 法人番号 bulk 全件 file "
                                "(only 2 diff files and 2 other files")
    found = env.write("found.csv", "法人番号,商号又は名称\n1180301018771,トヨタ自動車株式会社\n"
                      "7010001008844,株式会社日立製作所\n")
    task = validate(env, registry, found, "--model", "gif:LegalEntity")
    got = counts(task, "not-in-registry", "registry-not-checked")
    check(got == {"not-in-registry": 0, "registry-not-checked": 0}, f"codes {got}")


def case_houjin_one_prefectures_bulk_file_with_answers_leaves_missing_numbers_not_checked(env):
    """鳥取県's bulk file and two Web-API answers: a number not in them may be registered in
    another prefecture (main's binary: not-in-registry once the answers were added)."""
    shutil.copy(sample(env, TOTTORI), env.path("31_tottori_all_20240329.csv"))
    registry = build(env, "tottori.db", env.path("31_tottori_all_20240329.csv"),
                     *[sample(env, name) for name in ANSWERS])
    # 9 of the list's local governments are among the bulk file's rows (岩美町, 智頭町 …).
    check_localgovs_not_checked(env, registry, "may be registered in another prefecture", found=9)


def case_houjin_national_bulk_file_makes_a_missing_number_not_in_registry(env):
    """The same bulk rows under the national file's name (00_zenkoku_all_20240329) with the
    diffs and the answers: the registry holds the whole register, so a number not in it is
    not-in-registry; those in it (岩美町 1000020313025 …) are checked and found."""
    shutil.copy(sample(env, TOTTORI), env.path("00_zenkoku_all_20240329.csv"))
    registry = build(env, "national.db", env.path("00_zenkoku_all_20240329.csv"),
                     *[sample(env, name) for name in DIFFS + ANSWERS])
    task = validate(env, registry, os.path.join(env.data, LOCALGOVS))
    got = counts(task, "not-in-registry", "registry-not-checked")
    check(got["registry-not-checked"] == 0 and 0 < got["not-in-registry"] < LOCALGOVS_ROWS,
          f"codes {got}")
    missing = {p["value"] for p in task["errors"] if p["code"] == "not-in-registry"}
    check("1000020313025" not in missing, "岩美町, in the bulk file, is not-in-registry")
    check(task["quality"]["accuracy"]["checked"] > 0, f"accuracy {task['quality']['accuracy']}")


WAKAYAMA_PARCELS = ("住所\n"
                    "和歌山県和歌山市加太2673-1\n"      # a 地番 the ABR has
                    "和歌山県和歌山市加太99999\n")       # a 地番 it has not


def abr_wakayama(env, name, with_parcels):
    """The national ABR and 和歌山県's 町字 and 住居表示, with or without 和歌山市's 地番."""
    folder = os.path.join(env.data, "abr", "wakayama")
    sources = [os.path.join(env.data, "abr", "national")] + [
        os.path.join(folder, f) for f in sorted(os.listdir(folder))
        if with_parcels or "parcel" not in f]
    return build(env, name, *sources)


def case_abr_number_of_a_city_whose_parcels_the_registry_lacks_is_not_checked(env):
    """和歌山市加太 is a 地番 町字: without 和歌山市's 地番 table (the registry holds the
    prefecture's 住居表示 only) its numbers are not checked, never not-in-registry (main's
    binary: a not-in-registry warning for 加太2673-1, which the 地番 table has); with the table,
    加太99999 is not-in-registry and 加太2673-1 passes."""
    path = env.write("wakayama.csv", WAKAYAMA_PARCELS)
    without = abr_wakayama(env, "rsdt.db", with_parcels=False)
    task = validate(env, without, path, "--model", "gif:Person")
    got = [(p["code"], p["row"]) for p in task["errors"] if "registry" in p["code"]]
    check(got == [], f"without 地番: {got}")
    code, out, err = env.run("address", "normalize", "--registry", without,
                             "和歌山県和歌山市加太99999")
    check("is not checked: the registry holds no 地番 of this city" in out, f"normalize: {out}")
    full = abr_wakayama(env, "full.db", with_parcels=True)
    task = validate(env, full, path, "--model", "gif:Person")
    got = [(p["code"], p["row"]) for p in task["errors"] if "registry" in p["code"]]
    check(got == [("not-in-registry", 3)], f"with 地番: {got}")


def ishikawa_points(env, kind):
    """The inconsistent-address findings of 石川県's file of kind against a registry of the
    national ABR (every city's point, no 町字 of 石川県): (severity, row, message)."""
    registry = build(env, "national.db", os.path.join(env.data, "abr", "national"))
    task = validate(env, registry, os.path.join(env.data, ISHIKAWA.format(kind)))
    return [(p["severity"], p["row"], p["message"]) for p in task["errors"]
            if p["code"] == "inconsistent-address"]


def case_point_ishikawa_toilets_lie_inside_their_cities(env):
    """石川県's 公衆トイレ (the publisher's points, in 白山市's mountains 25–38 km from its office,
    輪島市, 金沢市): no finding (main's binary: 13 warnings, "10.0 km allowed")."""
    found = ishikawa_points(env, "public_toilet")
    check(found == [], f"inconsistent-address: {found}")


def case_point_ishikawa_evacuation_spaces_keep_the_wrong_codes(env):
    """石川県's 指定緊急避難場所 (1,528 rows): the points on 能登島 (七尾市), in 門前 (輪島市) and
    白山市's former villages pass (main's binary: 98 warnings); the rows whose code is another
    city's — 海士町 (島根県), 山田町 (岩手県), 三木町 (香川県) — stay errors, and the points 64–100 km
    from the city named, beside another city's office, stay warnings naming the reach."""
    found = ishikawa_points(env, "evacuation_space")
    rows = {row: severity for severity, row, _ in found}
    check(all(rows.get(row) == "error" for row in (718, 877, 888)), f"errors: {found}")
    warnings = [(row, message) for severity, row, message in found if severity == "warning"]
    check(len(warnings) <= 5 and all("its places lie within 60.0 km of that point" in message
                                     for _, message in warnings), f"warnings: {warnings}")
    check(714 in rows and 988 in rows, f"the far points: {found}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="houjin"))
