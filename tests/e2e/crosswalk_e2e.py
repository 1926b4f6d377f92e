#!/usr/bin/env python3
"""crosswalk_e2e.py — 48.x: the releases of GIF through the real binary (issue #34, item 3):
`gifkit model diff` of one class in two releases from the crosswalk
(models/crosswalks/gif-releases.tsv), and `gifkit transform --model gif:Person` of a file
written to the 2022 item catalog: every value is in the output (renamed where the crosswalk
says it carries over, or fixed as the change log says) or in the review list — checked cell by
cell — and the output validates as gif:Person. A 2025 file is read as before. Run by ctest
(tests/e2e/CMakeLists.txt)."""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import check, cases_of, main  # noqa: E402

ROOM = "model"  # the room these cases cover (tests/rooms.txt)

# A 個人 file as a system built to the 2022 catalog (dmd-csv-2022/Person.csv) writes it: its
# labels, 居住住所 items with their prefix, the contact's items of 個人連絡先, and items 2025 has
# no place for (年齢, 世帯主, ミドルネームなど, 緯度) or whose value needs a person (備考情報, 連絡先内線番号,
# 郵便番号 — the contact's, which 2025 moved into the contact's address).
PERSON_2022 = (
    "ID群,氏,名,氏（カナ）,名（カナ）,性別,生年月日,年齢,身長,備考情報,ミドルネームなど,"
    "居住住所都道府県,居住住所市区町村（郡）,居住住所町字,居住住所番地以下,居住住所緯度,"
    "連絡先電話番号,連絡先内線番号,郵便番号,世帯主\n"
    "1234567,山田,花子,ヤマダ,ハナコ,2,1990-04-01,34,158,要配慮,,東京都,文京区,本駒込二丁目,28-8,"
    "35.7,03-1234-5678,123,113-0021,有\n"
    "7654321,佐藤,太郎,ｻﾄｳ,タロウ,1,1985-12-24,,,,ジョン,東京都,文京区,湯島三丁目,2-1,,"
    "090-1111-2222,,,\n")


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def read_log(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def transform_2022(env):
    """The 2022 file transformed to gif:Person: (exit, stderr, input rows, output rows, log, review)."""
    source = env.write("person2022.csv", PERSON_2022)
    code, _, err = env.run("transform", source, "-m", "gif:Person", "-o", "out.csv",
                           "--log", "log.ndjson", "--review", "review.csv")
    return (code, err, read_csv(source), read_csv(env.path("out.csv")), read_log(env.path("log.ndjson")),
            read_csv(env.path("review.csv")))


def case_model_diff_2022_person_shows_renamed_and_removed_items(env):
    """model diff gif2022:Person gif:Person: ID群 renamed identificationGroup → idGroup, 居住住所
    renamed to address_MP00 with its label, 年齢 removed (no place in gif:Person), 氏 the same;
    exit 0 and a count line."""
    code, out, err = env.run("model", "diff", "gif2022:Person", "gif:Person")
    check(code == 0, f"exit {code}: {err}")
    lines = out.splitlines()
    check(lines[0] == "gif2022:Person (2022, 個人) → gif:Person (2026, 個人)", f"title: {lines[0]}")
    def line_of(start):
        found = [line for line in lines if line.strip().startswith(start)]
        check(len(found) == 1, f"one line starting {start!r}: {found}")
        return found[0]
    check("ID群" in line_of("renamed   identificationGroup → idGroup"), out)
    check("label 居住住所 → 住所" in line_of("renamed   residenceAddress → address_MP00"), out)
    check("no place in gif:Person" in line_of("removed   age → -"), out)
    check(line_of("same      familyName → familyName").endswith("cardinality 1..1 → 0..1"), out)
    check("value: check" in line_of("same      sex → sex"), out)
    check("value: review" in line_of("renamed   remarksInformation → remark"), out)
    check(lines[-1].startswith("19 removed, 3 renamed, 14 same"), f"count line: {lines[-1]}")


def case_model_diff_json_lists_every_item_of_both_models(env):
    """-f json: every item of gif2022:Person once as `from`, every item of gif:Person reached;
    each entry with its relation; the other way round a removed item is added."""
    code, out, err = env.run("model", "diff", "gif2022:Person", "gif:Person", "-f", "json")
    check(code == 0, f"exit {code}: {err}")
    diff = json.loads(out)
    check(diff["from"] == {"model": "gif2022:Person", "release": "2022", "class": "Person"}, diff["from"])
    items = diff["items"]
    froms = [i["from"]["item"] for i in items if i["from"]]
    check(len(froms) == len(set(froms)) == 36, f"{len(froms)} from items: {froms}")
    tos = {i["to"]["item"] for i in items if i["to"] and "label" in i["to"]}
    check(tos == {"idGroup", "familyName", "givenName", "familyNameKana", "givenNameKana", "familyNameEn",
                  "givenNameEn", "fullName", "fullNameKana", "fullNameEn", "nationality", "sex", "dateOfBirth",
                  "dateOfDeath", "remark", "address_MP00", "contactPointInformation"}, f"to items: {tos}")
    age = [i for i in items if i["from"] and i["from"]["item"] == "age"][0]
    check(age["relation"] == "removed" and age["to"] is None, age)
    code, out, err = env.run("model", "diff", "gif:Person", "gif2022:Person", "-f", "json")
    check(code == 0, f"exit {code}: {err}")
    back = json.loads(out)["items"]
    age_back = [i for i in back if i["to"] and i["to"]["item"] == "age"]
    check(len(age_back) == 1 and age_back[0]["relation"] == "added", age_back)


def case_model_diff_refuses_what_it_cannot_compare(env):
    """An unknown model and a model that is no GIF class of a release: exit 2, said."""
    code, _, err = env.run("model", "diff", "gif2022:Person", "gif:Nothing")
    check(code == 2 and "gif:Nothing" in err, f"exit {code}: {err}")
    code, _, err = env.run("model", "diff", "gif:Person", "opendata:fire-hydrant")
    check(code == 2 and "no GIF class model of a release" in err, f"exit {code}: {err}")


def case_transform_2022_person_keeps_every_value(env):
    """Each non-empty cell of the 2022 file is either in its output row (under the header
    the change log renamed it to; the same value, or the change log's `to` for it) or in the
    review list with its row, column and value. Exit 1 (review entries)."""
    code, err, source, out, log, review = transform_2022(env)
    check(code == 1, f"exit {code}: {err}")
    renamed = {e["from"]: e["to"] for e in log if e["row"] == 1 and e["rule"].startswith("rename-")}
    changed = {(e["row"], e["column"], e["from"]): e["to"] for e in log if e["row"] > 1}
    reviewed = {(int(r[0]), int(r[1]), r[3]) for r in review[1:]}
    out_header = out[0]
    check(len(out) == len(source), f"{len(out) - 1} output rows for {len(source) - 1}")
    for row in range(1, len(source)):
        for column, value in enumerate(source[row]):
            if value == "":
                continue
            place = (row + 1, column + 1, value)
            if place in reviewed:
                continue
            header = renamed.get(source[0][column], source[0][column])
            check(header in out_header, f"row {row + 1} column {column + 1} {value!r}: {header} "
                  f"neither in the output {out_header} nor reviewed")
            written = out[row][out_header.index(header)]
            check(written == value or changed.get(place) == written,
                  f"row {row + 1} {header}: {value!r} written {written!r}, not logged")


def case_transform_2022_person_renames_by_the_crosswalk_and_reviews_the_rest(env):
    """居住住所都道府県 → 都道府県 (rename-release); 年齢 and 居住住所緯度: release-no-place;
    備考情報 and 連絡先内線番号: release-review; the contact's 郵便番号 is not read as the
    residence's (gif:Person's 郵便番号) but reviewed; a note says which model the header follows."""
    code, err, _, out, log, review = transform_2022(env)
    check("the header follows gif20" in err and "Person" in err, err)
    rules = {(e["from"], e["rule"]) for e in log if e["row"] == 1}
    check(("居住住所都道府県", "rename-release") in rules, sorted(rules))
    by_value = {r[3]: r[5] for r in review[1:]}
    check(by_value.get("34") == "release-no-place" and by_value.get("35.7") == "release-no-place", by_value)
    check(by_value.get("要配慮") == "release-review" and by_value.get("123") == "release-review", by_value)
    check(by_value.get("113-0021") == "release-review", by_value)
    check("郵便番号" not in out[0] and "年齢" not in out[0], f"output header: {out[0]}")
    check("都道府県" in out[0] and "ID群" in out[0], f"output header: {out[0]}")


def case_transform_2022_person_output_validates_as_gif_person(env):
    """The output of the 2022 file validates as gif:Person with no error (exit 0), and has no
    column gif:Person does not know."""
    code, err, *_ = transform_2022(env)
    check(code == 1, f"transform exit {code}: {err}")
    code, out, err = env.run("validate", "out.csv", "-m", "gif:Person", "-f", "json")
    check(code == 0, f"validate exit {code}: {out[:2000]} {err}")
    report = json.loads(out)
    check(report["valid"] and report["stats"]["errors"] == 0, report["stats"])
    # Every column is an item of gif:Person: none kept as an unknown column.
    counts = report["tasks"][0]["countsByCode"]
    check("unknown-column" not in counts, counts)


def case_transform_2022_event_reviews_an_item_whose_meaning_changed(env):
    """A 2022 イベント file: 定員 is also gif:Event's label, but the crosswalk says 2025's item
    means 収容人数 (how many the place holds): its value is reviewed, not copied; 開始日 is
    renamed by the crosswalk (startDate → dateOfStart, the same label)."""
    source = env.write("event2022.csv", "ID,イベント名,説明,開始日,定員,料金,申込方法,掲載開始日\n"
                       "E1,秋祭り,地域の祭り,2024-10-01,100,500,当日参加可,2024-09-01\n")
    code, _, err = env.run("transform", source, "-m", "gif:Event", "-o", "out.csv", "--review", "review.csv")
    check(code == 1, f"exit {code}: {err}")
    out = read_csv(env.path("out.csv"))
    check("定員" not in out[0] and out[1][out[0].index("開始日")] == "2024-10-01", out)
    by_value = {r[3]: r[5] for r in read_csv(env.path("review.csv"))[1:]}
    check(by_value == {"100": "release-review", "500": "release-no-place", "当日参加可": "release-no-place",
                       "2024-09-01": "release-no-place"}, by_value)


def case_transform_2022_person_saved_mapping_replays_the_same(env):
    """--save-mapping on the 2022 file, then --mapping with it: the same output and the same
    review list (a reviewed column is not saved as "no item", which would keep it)."""
    source = env.write("person2022.csv", PERSON_2022)
    code, _, err = env.run("transform", source, "-m", "gif:Person", "-o", "first.csv", "--review", "first.csv.review",
                           "--save-mapping", "mapping.json")
    check(code == 1, f"exit {code}: {err}")
    code, _, err = env.run("transform", source, "-m", "gif:Person", "-o", "second.csv", "--review",
                           "second.csv.review", "--mapping", "mapping.json")
    check(code == 1, f"exit {code}: {err}")
    check(read_csv(env.path("first.csv")) == read_csv(env.path("second.csv")), "outputs differ")
    first = [r[:6] for r in read_csv(env.path("first.csv.review"))]
    second = [r[:6] for r in read_csv(env.path("second.csv.review"))]
    check(first == second, f"review lists differ:\n{first}\n{second}")


def case_transform_2025_person_is_not_read_as_2022(env):
    """A file in the 2025 form (its 郵便番号 the residence's, gif:Person's own item) keeps its
    columns: no release rule in the log, nothing reviewed, exit 0."""
    source = env.write("person2025.csv",
                       "氏,名,生年月日,郵便番号,都道府県,市区町村（郡）\n山田,花子,1990-04-01,1130021,東京都,文京区\n")
    code, _, err = env.run("transform", source, "-m", "gif:Person", "-o", "out.csv", "--log", "log.ndjson",
                           "--review", "review.csv")
    check(code == 0, f"exit {code}: {err}")
    check(not any("release" in e["rule"] for e in read_log(env.path("log.ndjson"))), err)
    out = read_csv(env.path("out.csv"))
    check(out[1][out[0].index("郵便番号")] == "1130021", out)


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
