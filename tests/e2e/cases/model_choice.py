"""cases/model_choice.py — 35.x: the model chosen as a person would (issue #30): the kind
token of the municipal datasets' file-naming rule anywhere in a real download's name, the
kind's partial model used with the report saying so, equal scores broken by the columns only
one model knows (and kinds nothing tells apart never guessed), no-model-fits (exit 2) in every report format, and transform without
--model choosing as validate does."""
import os

from .common import only_problem, task

ROOM = "dataset"  # the room these cases cover (tests/rooms.txt)

# The names real portals give their downloads: the kind token after a city and its code.
YAIZU_HYDRANTS = "yaizu-city_222127_fire_hydrant.csv"
ISHIKAWA_TOURISM = "ishikawa-pref_170003_tourism.csv"
PROCUREMENT = "procurement.csv"

# A new-generation 消防水利施設一覧 (自治体標準オープンデータセット): the common items, which
# the partial model knows, and 消防水利の種別, 消防水利の形状, 口径, which it does not.
HYDRANT_HEADER = ("全国地方公共団体コード,ID,地方公共団体名,名称,所在地_連結表記,消防水利の種別,"
                  "消防水利の形状,口径,緯度,経度\n")
HYDRANT_ROW = "222127,0001,静岡県焼津市,消火栓1号,静岡県焼津市本町1-1,消火栓,地下式,150,34.8670,138.3190\n"

# A prefecture's 観光施設一覧 with more columns of its own than of the (partial) model's: 4 of
# the 10 columns are its items.
TOURISM = ("全国地方公共団体コード,ID,名称,所在地_連結表記,営業時間,定休日,料金,駐車場,アクセス,見どころ\n"
           "170003,T001,兼六園,石川県金沢市兼六町1,7:00-18:00,なし,320円,あり,バス,庭園\n")

# Places with a name and a point: every kind of municipal dataset has these three items, and
# nothing in the file says which kind it is.
POINTS = "名称,緯度,経度\n兼六園,36.5625,136.6625\n"

# A file of no dataset the catalog has.
NO_FIT = "調達案件名称,落札日,落札価格,落札者\n庁舎清掃業務,2024-04-01,1200000,株式会社サンプル\n"


def write(name, text):
    def setup(tmp):
        with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
            f.write(text)
    return setup


def write_all(tmp):
    write(YAIZU_HYDRANTS, HYDRANT_HEADER + HYDRANT_ROW)(tmp)
    write("hydrants.csv", HYDRANT_HEADER + HYDRANT_ROW)(tmp)
    write(ISHIKAWA_TOURISM, TOURISM)(tmp)
    write(PROCUREMENT, NO_FIT)(tmp)


def write_diff_pair(tmp):
    """Two versions of the prefecture's 観光施設一覧: one fee changed."""
    write(ISHIKAWA_TOURISM, TOURISM)(tmp)
    write("old_170003_tourism.csv", TOURISM.replace("320円", "310円"))(tmp)


def picked(model, note_parts=(), infos=()):
    """A check: the model picked, its note holding note_parts, and these columns info."""
    def check(report):
        t = task(report)
        if t["model"] != model:
            return f"picked {t['model']} ({t.get('modelNote')}), not {model}"
        for part in note_parts:
            if part not in t.get("modelNote", ""):
                return f"the note {t.get('modelNote')!r} lacks {part!r}"
        # A partial model's columns it does not know: one columns-not-checked info naming
        # them all, no unknown-column each.
        unknown = {p["column"] for p in t["errors"] if p["code"] == "unknown-column"}
        notes = [p for p in t["errors"] if p["code"] == "columns-not-checked"]
        if infos and (unknown & set(infos) or len(notes) != 1 or notes[0]["severity"] != "info"
                      or f"{len(infos)} columns are not checked" not in notes[0]["message"]):
            return f"columns {infos}: unknown {unknown}, notes {notes}"
        return None
    return check


def no_model_fits(report):
    problem, wrong = only_problem(report, "no-model-fits")
    if wrong:
        return wrong
    if "no model fits its header; the closest are" not in problem["message"] \
            or " of 4 columns)" not in problem["message"]:
        return f"message: {problem['message']}"
    if "choose a model with --model" not in problem["suggestion"].lower():
        return f"suggestion: {problem['suggestion']}"
    if any(p["code"] == "file-error" for p in task(report)["errors"]):
        return "still a file-error"
    return None


CASES = [
    {"name": "35.1-kind-token-anywhere-in-a-real-download-name", "setup": write_all,
     "args": ["validate", "{tmp}/" + YAIZU_HYDRANTS], "exit": 0,
     "check": picked("opendata:fire-hydrant", ["file name _fire_hydrant", "partial model"],
                     infos=[6, 7, 8])},
    {"name": "35.2-partial-model-below-half-by-the-file-name", "setup": write_all,
     "args": ["validate", "{tmp}/" + ISHIKAWA_TOURISM], "exit": 0,
     "check": picked("opendata:tourism", ["4 of 10 columns recognised", "file name _tourism",
                                          "partial model"], infos=[5, 6, 7, 8, 9, 10])},
    {"name": "35.3-partial-model-said-in-the-text-report", "setup": write_all,
     "args": ["validate", "{tmp}/" + ISHIKAWA_TOURISM], "exit": 0,
     "stdout_contains": ["opendata:tourism", "partial model"]},
    {"name": "35.4-equal-scores-broken-by-distinctive-columns", "setup": write_all,
     "args": ["validate", "{tmp}/hydrants.csv"], "exit": 0,
     # A new-generation file: the kind its own item 口径 says, no other kind has it.
     "check": picked("opendata:fire-hydrant", ["消防水利施設一覧's own items (口径)"])},
    {"name": "35.5-no-model-fits-json-exit-2", "setup": write_all,
     "args": ["validate", "{tmp}/" + PROCUREMENT], "exit": 2, "check": no_model_fits},
    {"name": "35.6-no-model-fits-text", "setup": write_all,
     "args": ["validate", "{tmp}/" + PROCUREMENT], "exit": 2,
     "stdout_contains": ["no-model-fits", "no model fits its header; the closest are",
                         "gifkit model list"],
     "output_lacks": ["file-error", "Check that the path is right"]},
    {"name": "35.7-no-model-fits-sarif", "setup": write_all,
     "args": ["validate", "--format", "sarif", "{tmp}/" + PROCUREMENT], "exit": 2,
     "format": "sarif", "stdout_contains": ['"ruleId": "no-model-fits"']},
    {"name": "35.8-no-model-fits-junit", "setup": write_all,
     "args": ["validate", "--format", "junit", "{tmp}/" + PROCUREMENT], "exit": 2,
     "stdout_contains": ["no-model-fits"], "output_lacks": ["file-error"]},
    {"name": "35.9-no-model-fits-not-filtered-by-pick", "setup": write_all,
     "args": ["validate", "--pick", "invalid-format", "{tmp}/" + PROCUREMENT], "exit": 2,
     "stdout_contains": ["no-model-fits"]},
    {"name": "35.10-transform-without-model-chooses-as-validate", "setup": write_all,
     "args": ["transform", "{tmp}/" + YAIZU_HYDRANTS, "-o", "{tmp}/out.csv"], "exit": 0,
     "stderr_contains": ["model opendata:fire-hydrant chosen (auto: ",
                         "file name _fire_hydrant", "(model opendata:fire-hydrant, 10 columns in"]},
    {"name": "35.11-transform-no-model-fits-exit-2", "setup": write_all,
     "args": ["transform", "{tmp}/" + PROCUREMENT, "-o", "{tmp}/out.csv"], "exit": 2,
     "stderr_contains": ["no-model-fits: ", "no model fits its header; the closest are",
                         "gifkit model list"]},
    {"name": "35.12-transform-mapping-without-model-is-usage", "setup": write_all,
     "args": ["transform", "{tmp}/" + YAIZU_HYDRANTS, "--mapping", "{tmp}/m.json",
              "-o", "{tmp}/out.csv"], "exit": 2,
     "stderr_contains": ["--mapping needs --model"]},
    {"name": "35.13-diff-without-model-chooses-as-validate", "setup": write_diff_pair,
     "args": ["diff", "{tmp}/old_170003_tourism.csv", "{tmp}/" + ISHIKAWA_TOURISM], "exit": 1,
     "stdout_contains": ["model: opendata:tourism (auto: 4 of 10 columns recognised, "
                         "file name _tourism; partial model"]},
    {"name": "35.14-dash-joined-name-is-no-kind", "setup": write(
        "my-tourism-list.csv", TOURISM),
     "args": ["validate", "{tmp}/my-tourism-list.csv"], "exit": 2, "check": lambda r: (
         None if "tourism" not in task(r).get("model", "")
         and "file name" not in task(r).get("modelNote", "")
         else f"{task(r).get('model')}: {task(r).get('modelNote')}")},
    {"name": "35.15-kinds-nothing-tells-apart-are-not-guessed", "setup": write(
        "points.csv", POINTS),
     "args": ["validate", "{tmp}/points.csv"], "exit": 2,
     "stdout_contains": ["no-model-fits", "which fit it equally: no column tells their kinds "
                         "apart", "gif2022:Facility", "gif2024:Building"],
     # 名称, 緯度, 経度 are every kind's common items: no municipal kind is a candidate.
     "output_lacks": ["opendata:aed", "opendata:public-toilet"]},
]
