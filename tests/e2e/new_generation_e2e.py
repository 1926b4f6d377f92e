#!/usr/bin/env python3
"""new_generation_e2e.py — 57.x: new-generation (自治体標準オープンデータセット) files and the model a
person would choose, with or without the file name (issue #55 parts 7 and 8).

A new-generation file of a kind whose new sheet is not published (文化財, 介護サービス, 公衆無線LAN)
is checked on the common block (全国地方公共団体コード, ID, 名称, 所在地_*, 緯度, 経度, 電話番号 …;
models/opendata/common-new.xml): no unknown-column per column, no 住所 missing beside a filled
所在地_連結表記; its kind's own items are one columns-not-checked note. Without a file name the kind
is told by its own items, not by the common block (an AED, 介護サービス or 公衆無線LAN file is not
a 指定緊急避難場所一覧); a 指定避難所 list (想定収容人数, 福祉避難所, no 災害種別_*) and a 都市公園
list (公園名, 面積, 種別) are no 指定緊急避難場所一覧, with their name or without. Every real file of
opendata-real gets the model a person names, by its name and saved as data.csv. Run by ctest
(tests/e2e/CMakeLists.txt)."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import check, cases_of, main  # noqa: E402

ROOM = "dataset"  # the room these cases cover (tests/rooms.txt): the header's binding and model choice

# The new generation's common block as a publisher writes it (the order of the complete sheets).
COMMON = ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英字",
          "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県",
          "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度",
          "電話番号", "内線番号"]
COMMON_ROW = ["172014", "0001", "石川県金沢市", "{name}", "{kana}", "", "172014", "",
              "石川県金沢市広坂一丁目1-1", "石川県", "金沢市", "広坂一丁目", "1-1", "",
              "36.561325", "136.656205", "076-220-2111", ""]
TAIL = ["URL", "備考"]

# Each kind: its own items (the old sheet's, as a publisher of the new generation keeps them),
# a row of them, the name and reading.
KINDS = {
    "cultural_property": (["名称_通称", "文化財分類", "種類", "所有者等", "文化財指定日", "概要"],
                          ["", "国指定", "重要文化財", "金沢市", "1950-08-29", "城門"],
                          "石川門", "イシカワモン"),
    "care_service": (["実施サービス", "事業所番号", "法人の名称", "定員"],
                     ["訪問介護", "1770100001", "社会福祉法人かなざわ", "20"],
                     "かなざわ訪問介護", "カナザワホウモンカイゴ"),
    "public_wireless_lan": (["設置者", "SSID", "提供エリア"],
                            ["金沢市", "KANAZAWA_CITY_FREE_Wi-Fi", "市役所1階ロビー"],
                            "市役所本庁舎", "シヤクショホンチョウシャ"),
    "aed": (["設置位置", "利用可能曜日", "開始時間", "終了時間", "利用可能日時特記事項",
             "小児対応設備の有無"],
            ["1階ロビー", "月火水木金", "08:30", "17:45", "", "有"],
            "市役所本庁舎", "シヤクショホンチョウシャ"),
}

# A 指定避難所 list: the common block and the shelter's items, no 災害種別_* (real portals name
# such files 指定避難所一覧.csv, 172014_evacuation_shelter.csv, even 172014_evacuation_space.csv).
SHELTER = (["想定収容人数", "対象となる町会・自治会", "福祉避難所", "指定緊急避難場所との重複"],
           ["350", "広坂町会", "", "1"], "広坂小学校", "ヒロサカショウガッコウ")

# A 都市公園 list as cities publish it (公園名, 面積, 種別 …), no standard layout.
PARK = ("公園名,所在地,面積（㎡）,種別,緯度,経度,開設年月日\r\n"
        "兼六園,石川県金沢市兼六町1,114436,歴史公園,36.562128,136.662599,1874-05-07\r\n"
        "本多の森公園,石川県金沢市出羽町,120000,総合公園,36.557001,136.660202,1978-04-01\r\n")


def kind_file(env, name, kind):
    items, values, place, kana = kind
    header = COMMON + items + TAIL
    row = [v.format(name=place, kana=kana) for v in COMMON_ROW] + values + ["", ""]
    return env.write(name, ",".join(header) + "\r\n" + ",".join(row) + "\r\n")


def report(env, path, *args):
    code, out, err = env.run("validate", "-f", "json", "--max-errors", "0", *args, path)
    check(code in (0, 1, 2), f"exit {code}: {err}")
    return code, json.loads(out)["tasks"][0]


def findings(task):
    return task.get("errors", []) + task.get("warnings", []) + task.get("infos", [])


def codes(task):
    return sorted({p["code"] for p in findings(task)})


def no_model_message(task):
    found = [p["message"] for p in findings(task) if p["code"] == "no-model-fits"]
    return found[0] if found else ""


def check_common_block_file(env, name, kind, model):
    code, task = report(env, kind_file(env, name, KINDS[kind]))
    check(task.get("model") == model, f"{name}: {task.get('model')} ({task.get('modelNote')})")
    got = codes(task)
    check("unknown-column" not in got and "missing-column" not in got, f"{name}: {got}")
    notes = [p for p in findings(task) if p["code"] == "columns-not-checked"]
    check(len(notes) == 1, f"{name}: {notes}")
    for item in KINDS[kind][0]:
        check(item in notes[0]["message"], f"{name}: {item} not in {notes[0]['message']}")
    check(code == 0, f"{name}: exit {code}, {got}")


def case_new_generation_kinds_without_a_new_sheet_by_name(env):
    """文化財, 介護サービス, 公衆無線LAN in the new layout, named by the file-name rule: the
    kind's new model (the common block), one note naming the kind's items, no unknown columns,
    no 住所 missing, exit 0."""
    for kind in ("cultural_property", "care_service", "public_wireless_lan"):
        model = "opendata:" + kind.replace("_", "-")
        check_common_block_file(env, f"172014_{kind}.csv", kind, model)


def case_new_generation_kinds_without_a_file_name(env):
    """The same files and a new-generation AED list saved as data.csv: each is its own kind
    (told by its own items), never 指定緊急避難場所一覧."""
    for kind in ("cultural_property", "care_service", "public_wireless_lan", "aed"):
        os.makedirs(env.path(kind), exist_ok=True)
        check_common_block_file(env, os.path.join(kind, "data.csv"), kind,
                                "opendata:" + kind.replace("_", "-"))


def case_shelter_list_is_no_evacuation_space(env):
    """A 指定避難所 list (想定収容人数, 福祉避難所; no 災害種別_*) is refused under any name —
    data.csv, 指定避難所一覧.csv, 172014_evacuation_shelter.csv and 172014_evacuation_space.csv
    (the name helps, the columns decide) — and the message says it is a file of the common
    block whose kind no model tells, and that --model opendata:common checks the block."""
    for name in ("data.csv", "指定避難所一覧.csv", "172014_evacuation_shelter.csv",
                 "172014_evacuation_space.csv"):
        code, task = report(env, kind_file(env, name, SHELTER))
        check(code == 2 and task.get("model") in (None, ""),
              f"{name}: exit {code}, {task.get('model')} ({task.get('modelNote')})")
        message = no_model_message(task)
        check("opendata:common" in message, f"{name}: {message}")
        if "evacuation_space" in name:
            check("災害種別" in message, f"{name}: {message}")
    code, task = report(env, kind_file(env, "data.csv", SHELTER), "--model", "opendata:common")
    check(task.get("model") == "opendata:common" and code == 0, f"exit {code}: {codes(task)}")


# The same list in the new layout: the common block, then the park's own items.
PARK_NEW = (["種別", "面積", "供用開始日"], ["歴史公園", "114436", "1874-05-07"], "兼六園",
            "ケンロクエン")


def case_park_list_is_no_evacuation_space(env):
    """A 都市公園 list (公園名, 面積, 種別), in a city's own layout or in the new one, is no
    municipal dataset kind gifkit knows: not 指定緊急避難場所一覧, not 消防水利施設一覧 for its
    種別 column alone, whatever its name."""
    for name in ("data.csv", "toshikouen.csv", "172014_park.csv"):
        for new_layout in (False, True):
            path = kind_file(env, name, PARK_NEW) if new_layout else env.write(name, PARK)
            code, task = report(env, path)
            model = task.get("model") or ""
            check(not model.startswith(("opendata:", "suisho:")),
                  f"{name} (new layout: {new_layout}): exit {code}, {model} "
                  f"({task.get('modelNote')})")


# The real files and the model a person names (opendata-real/README.md); None: no model fits.
REAL = {
    "municipal/ishikawa-pref_170003_evacuation_space.csv": "opendata:evacuation-space",
    "municipal/ishikawa-pref_170003_public_facility.csv": "opendata:public-facility",
    "municipal/ishikawa-pref_170003_public_toilet.csv": "opendata:public-toilet",
    "municipal/ishikawa-pref_170003_tourism.csv": "opendata:tourism",
    "municipal/wakayama-pref_300004_open_data_list.csv": "suisho:open-data-list",
    "municipal/wakayama-pref_tourist_toilets.csv": None,
    "municipal/yaizu-city_222127_aed.csv": "suisho:aed",
    "municipal/yaizu-city_222127_fire_hydrant.csv": "opendata:fire-hydrant",
    "municipal/yaizu-city_222127_preschool.csv": "suisho:preschool",
    "municipal/yaizu-city_222127_public_toilet.csv": "opendata:public-toilet",
    "corporate/gbizinfo_procurement_202108.csv": None,
}


def case_real_files_by_name_and_as_data_csv(env):
    """Every real municipal file gets the model a person names, by its own name and copied as
    data.csv: the ishikawa 観光施設一覧 and 公共施設一覧 are the new kind models (not the old
    suisho:tourism, not gif:Event); the unknown kind of tourist_toilets and the procurement
    list are refused."""
    wrong = []
    for relative, expected in REAL.items():
        source = os.path.join(env.data, "opendata-real", relative)
        os.makedirs(env.path("copy"), exist_ok=True)
        copy = env.path("copy", "data.csv")
        shutil.copyfile(source, copy)
        for path in (source, copy):
            code, task = report(env, path)
            got = task.get("model") or None
            if got != expected or (expected is None) != (code == 2):
                wrong.append(f"{relative} as {os.path.basename(path)}: {got} exit {code} "
                             f"({task.get('modelNote')}{no_model_message(task)})")
    check(not wrong, "\n".join(wrong))


def case_partial_model_unknowns_are_one_note(env):
    """The ishikawa 観光施設一覧 under the partial opendata:tourism: the columns it does not know
    (車椅子可, 授乳室 …) are one columns-not-checked info, not one unknown-column each; its
    trailing empty header is still named (unknown-column)."""
    source = os.path.join(env.data, "opendata-real", "municipal",
                          "ishikawa-pref_170003_tourism.csv")
    _, task = report(env, source)
    check(task.get("model") == "opendata:tourism", task.get("modelNote"))
    notes = [p for p in findings(task) if p["code"] == "columns-not-checked"]
    check(len(notes) == 1 and "車椅子可" in notes[0]["message"], notes)
    unknown = [p for p in findings(task) if p["code"] == "unknown-column"]
    check(all("has no header" in p["message"] for p in unknown), unknown)


def case_a_list_no_model_fits_is_named_by_its_kind(env):
    """和歌山県's tourist-toilet list has no standard layout: it is refused (exit 2), and the
    closest model named first is a toilet list, by the words of its columns (トイレ, 洋式, 和式),
    not a GIF class that knows 住所, 緯度 and 経度 (opendata-real/README.md) — with its name and
    saved as data.csv. A header whose words are no kind's is named as before."""
    source = os.path.join(env.data, "opendata-real", "municipal",
                          "wakayama-pref_tourist_toilets.csv")
    shutil.copyfile(source, env.path("data.csv"))
    for path in (source, env.path("data.csv")):
        code, task = report(env, path)
        check(code == 2 and codes(task) == ["no-model-fits"], f"{path}: exit {code}, {codes(task)}")
        message = no_model_message(task)
        closest = message.split("the closest are ", 1)[-1].split("the closest is ", 1)[-1]
        check(closest.startswith(("opendata:public-toilet", "suisho:public-toilet")) and
              "its words in" in closest and "トイレ" in closest,
              f"{path}: the closest model named first is not a toilet list: {message}")
    # Two toilet words are not enough to name a kind first.
    path = env.write("few.csv", "トイレ名,住所,緯度,経度,洋式\r\nA,和歌山市一番丁,34.2,135.1,1\r\n")
    code, task = report(env, path)
    check("its words in" not in no_model_message(task), no_model_message(task))


def case_old_sheet_reads_the_new_location_block(env):
    """An old sheet named for a new-generation file (--model suisho:tourism): 所在地_連結表記 is
    the 住所 the old sheet requires and 建物名等(方書) its 方書, so no missing-column and no
    unknown-column for the 所在地 block; the address checks then read the block."""
    path = kind_file(env, "data.csv", KINDS["aed"])
    code, task = report(env, path, "--model", "suisho:aed")
    got = codes(task)
    check("missing-column" not in got, f"exit {code}: {got}")
    unknown = [p["message"] for p in findings(task) if p["code"] == "unknown-column"]
    check(not any("所在地" in m or "建物名等" in m for m in unknown), unknown)


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
