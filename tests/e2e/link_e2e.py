#!/usr/bin/env python3
"""link_e2e.py — 43.x: `gifkit link` through the real binary (issue #33): two files linked
and one deduplicated on 氏名, 生年月日, 性別 and 住所, each case written to fail the naive way
(an exact join on the raw items misses 髙/高, ﾀｶﾊｼ, 和暦, 2丁目1番地2号 and 2-1-2; a join on
fewer items links a household member, a twin or a namesake); 1:N ambiguities to --review;
個人番号 refused as --id and never printed; addresses through a registry built from the real
文京区 ABR tables; bad input said with its place. Run by ctest (tests/e2e/CMakeLists.txt)."""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, check, cases_of, main  # noqa: E402

ROOM = "link"  # the room these cases cover (tests/rooms.txt)

HEADER = "宛名番号,氏名,氏名（カナ）,生年月日,性別,住所\n"
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "examples",
                        "link")


def example(name):
    """docs/examples/link/NAME: the files docs/link.md shows. residents.csv (LEFT) is people
    as one system writes them; applicants.csv (RIGHT) the same people as another writes them,
    and people who are not them."""
    with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
        return f.read()


LEFT = example("residents.csv")
RIGHT = example("applicants.csv")


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def pairs_of(rows):
    return {(int(r["left_row"]), int(r["right_row"])) for r in rows}


def case_link_two_files_finds_people_written_differently(env):
    """LEFT and RIGHT -f csv: each row of a person found in the other file although no raw
    item is equal (an exact join finds none of A1/B1, A3/B3); the csv starts with
    left_row,right_row (the header is row 1), then weight and rule; a household member
    (A4/B4: same 氏 and address, other 名 and birth date) and a namesake (A5/B5: same 氏名,
    other birth date and address) are not links."""
    left, right = env.write("left.csv", LEFT), env.write("right.csv", RIGHT)
    code, out, err = env.run("link", left, right, "-f", "csv")
    check(code == 0, f"exit {code}: {err}")
    check(out.startswith("left_row,right_row,weight,rule,name,birth_date,sex,address,"),
          f"header: {out.splitlines()[0]}")
    rows = read_csv(out)
    found = pairs_of(rows)
    for pair in [(2, 2), (3, 3), (4, 4), (7, 7)]:
        check(pair in found, f"rows {pair} not linked: {sorted(found)}")
    for pair in [(5, 5), (6, 6)]:
        check(pair not in found, f"rows {pair} linked: household member or namesake")
    by_pair = {(int(r["left_row"]), int(r["right_row"])): r for r in rows}
    first = by_pair[(2, 2)]
    check((first["name"], first["birth_date"], first["sex"], first["address"]) ==
          ("folded", "exact", "exact", "exact"), f"A1/B1 levels: {first}")
    check(first["rule"] == "all-four", f"A1/B1 rule: {first['rule']}")
    check(by_pair[(3, 3)]["name"] == "reading" or by_pair[(3, 3)]["name"] == "exact",
          f"A2/B2 name level: {by_pair[(3, 3)]['name']}")
    # A3/B3: day and month swapped, 性別 missing on one side: never certain.
    third = by_pair[(4, 4)]
    check(third["birth_date"] == "close" and third["sex"] == "missing" and
          third["rule"] == "fewer", f"A3/B3: {third}")
    check("left_id" in rows[0] and by_pair[(2, 2)]["left_name"] == "髙橋 一郎",
          f"values of both sides: {rows[0]}")


def case_link_twins_share_all_but_the_name(env):
    """B7 (小林 裕子) shares A6's birth date, 性別, address and even her reading (コバヤシ
    ユウコ), but not her name's kanji: a join on birth date, 性別 and address — or on the
    reading — links her; link must link A6 to B6 (the same 優子 at the same address with
    a 方書, rule all-four), and B7 only at level reading (other kanji: never certain,
rule fewer), both listed for review as 1:N."""
    left, right = env.write("left.csv", LEFT), env.write("right.csv", RIGHT)
    review = env.path("review.csv")
    code, out, err = env.run("link", left, right, "-f", "csv", "--review", review)
    check(code == 0, f"exit {code}: {err}")
    by_pair = {(int(r["left_row"]), int(r["right_row"])): r for r in read_csv(out)}
    check((7, 7) in by_pair and by_pair[(7, 7)]["name"] == "exact" and
          by_pair[(7, 7)]["address"] == "exact", f"A6/B6: {by_pair.get((7, 7))}")
    with open(review, encoding="utf-8") as f:
        listed = read_csv(f.read())
    check((7, 8) in by_pair and by_pair[(7, 8)]["name"] == "reading" and
          by_pair[(7, 8)]["rule"] == "fewer", f"A6/B7: {by_pair.get((7, 8))}")
    check(by_pair[(7, 7)]["rule"] == "all-four", f"A6/B6 rule: {by_pair[(7, 7)]}")
    reasons = {(int(r["left_row"]), int(r["right_row"])): r["reason"] for r in listed}
    check(reasons == {(7, 7): "1:N", (7, 8): "1:N"}, f"review: {reasons}")


def case_review_lists_one_to_many(env):
    """A RIGHT that holds one person twice: both links are in the csv, and both are in
    --review with reason 1:N; a LEFT row linked once is not in the review."""
    left = env.write("left.csv", LEFT)
    right = env.write("right.csv", HEADER + """\
B1,高橋 一郎,タカハシ イチロウ,1970-03-01,1,東京都文京区白山2-1-2
B1b,髙橋 一郎,タカハシ イチロウ,1970-03-01,1,東京都文京区白山二丁目1番2号
B2,佐藤 花子,サトウ ハナコ,1985-12-24,2,和歌山県和歌山市一番丁1
""")
    review = env.path("review.csv")
    code, out, err = env.run("link", left, right, "--review", review)
    check(code == 0, f"exit {code}: {err}")
    check({(2, 2), (2, 3), (3, 4)} <= pairs_of(read_csv(out)), f"links: {out}")
    with open(review, encoding="utf-8") as f:
        listed = read_csv(f.read())
    check({(int(r["left_row"]), int(r["right_row"]), r["reason"]) for r in listed} ==
          {(2, 2, "1:N"), (2, 3, "1:N")}, f"review: {listed}")


def case_dedupe_writes_clusters(env):
    """One file: `cluster,row,…`, a line per row of a cluster of two or more rows; the
    same person written three ways is one cluster; a household member and a namesake stay
    out of it; a row alone is not written."""
    text = HEADER + """\
1,髙橋 一郎,タカハシ イチロウ,1970-03-01,1,東京都文京区白山2丁目1番地2号
2,山田 花子,ヤマダ ハナコ,1962-02-02,2,鹿児島県熊毛郡屋久島町宮之浦100
3,高橋 一郎,ﾀｶﾊｼ ｲﾁﾛｰ,S45.3.1,男,文京区白山2-1-2
4,高橋 二郎,タカハシ ジロウ,1972-05-05,1,東京都文京区白山2丁目1番地2号
5,髙橋 一郎,たかはし いちろう,1970/03/01,,東京都文京区白山二丁目一番二号
6,高橋 一郎,タカハシ イチロウ,1988-08-08,1,和歌山県和歌山市一番丁1
"""
    path = env.write("people.csv", text)
    code, out, err = env.run("link", path, "-f", "csv")
    check(code == 0, f"exit {code}: {err}")
    check(out.startswith("cluster,row,"), f"header: {out.splitlines()[0]}")
    rows = read_csv(out)
    clusters = {}
    for r in rows:
        clusters.setdefault(r["cluster"], set()).add(int(r["row"]))
    check(list(clusters.values()) == [{2, 4, 6}], f"clusters: {clusters}")
    code, out, err = env.run("link", path, "-f", "json")
    check(code == 0, f"json exit {code}: {err}")
    document = json.loads(out)
    check(document["summary"]["clusters"] == 1 and document["clusters"][0]["rows"] == [2, 4, 6],
          f"json clusters: {document['clusters']}")


def case_explanations_add_up(env):
    """json: each link's item weights and the prior add up to its weight, each item names
    its level and both values; the parameters list m, u and the weight of every level."""
    left, right = env.write("left.csv", LEFT), env.write("right.csv", RIGHT)
    code, out, err = env.run("link", left, right, "-f", "json")
    check(code == 0, f"exit {code}: {err}")
    document = json.loads(out)
    prior = document["parameters"]["prior_weight"]
    check(document["links"], "no links")
    for link in document["links"]:
        total = prior + sum(item["weight"] for item in link["items"].values())
        check(abs(total - link["weight"]) < 0.05, f"weights do not add up: {link}")
        check(set(link["items"]) == {"name", "birth_date", "sex", "address"}, f"items: {link}")
        check(link["certain"] == (link["rule"] != "fewer"), f"certain: {link}")
    check(document["parameters"]["items"]["name"]["exact"]["weight"] > 0, "name exact weight")
    code, out, err = env.run("link", left, right, "-f", "ndjson")
    lines = [json.loads(line) for line in out.splitlines()]
    check("summary" in lines[-1] and lines[-1]["summary"]["links"] == len(lines) - 1,
          f"ndjson: {lines[-1]}")


def case_individual_number_never_a_key(env):
    """--id naming a 個人番号 column (by its header, or a column whose values are 個人番号) is
    refused with exit 2, and no number is printed."""
    left, right = env.write("left.csv", LEFT), env.write("right.csv", RIGHT)
    code, out, err = env.run("link", left, right, "--id", "マイナンバー")
    check(code == 2 and "no such column" in err, f"missing column: {code} {err}")
    numbers = ["123456789018", "234567890124", "345678901230", "456789012346", "567890123452",
               "678901234568", "789012345674", "890123456780", "901234567896", "112233445566",
               "223344556677", "334455667788"]

    def digit(eleven):
        total = sum(int(d) * (n + 1 if n <= 6 else n - 5)
                    for n, d in enumerate(reversed(eleven), start=1))
        return 0 if total % 11 <= 1 else 11 - total % 11
    numbers = [n[:11] + str(digit(n[:11])) for n in numbers]
    rows = "整理番号,氏名,生年月日\n" + "".join(
        f"{n},山田 太郎{i},1980-01-{i + 1:02d}\n" for i, n in enumerate(numbers))
    path = env.write("numbers.csv", rows)
    code, out, err = env.run("link", path, "--id", "整理番号")
    check(code == 2 and "個人番号" in err, f"values: {code} {err}")
    check(not any(n in out + err for n in numbers), "a 個人番号 was printed")
    header_named = env.write("named.csv", rows.replace("整理番号", "個人番号", 1))
    code, out, err = env.run("link", header_named, "--id", "個人番号")
    check(code == 2 and "個人番号" in err, f"header: {code} {err}")
    check(not any(n in out + err for n in numbers), "a 個人番号 was printed")


def case_registry_addresses(env):
    """With --registry (built from the real 文京区 ABR tables): addresses are compared by
    their 町字 and numbers — 東京都文京区大塚二丁目1番1号 and 文京区大塚２－１－１ 大塚ハイツ305
    agree exactly — and the summary says how many addresses the registry matched."""
    db = env.path("bunkyo.db")
    code, _, err = env.run("registry", "build", "--out", db,
                           os.path.join(env.data, "abr", "national"),
                           os.path.join(env.data, "abr", "bunkyo"))
    check(code == 0, f"registry build: {err}")
    left = env.write("l.csv", "氏名,生年月日,住所\n田中 一,1950-01-01,東京都文京区大塚二丁目1番1号\n")
    right = env.write("r.csv", "氏名,生年月日,住所\n田中 一,1950-01-01,文京区大塚２－１－１ 大塚ハイツ305\n"
                      "田中 一,1950-01-01,東京都文京区大塚2-1-2\n")
    code, out, err = env.run("link", left, right, "--registry", db, "-f", "json")
    check(code == 0, f"exit {code}: {err}")
    document = json.loads(out)
    levels = {link["right_row"]: link["items"]["address"]["level"] for link in document["links"]}
    check(levels.get(2) == "exact", f"levels: {levels}")
    check(levels.get(3) in (None, "close"), f"another 番地: {levels}")
    check(any("matched to a 町字" in note for note in document["summary"]["notes"]),
          f"notes: {document['summary']['notes']}")


def case_bad_input_said_with_its_place(env):
    """A file that cannot be opened, and a header that names no item, are exit 2 with the
    file named; a row with an unclosed quote is said with file:line:column and the rest is
    linked (exit 0)."""
    left = env.write("left.csv", LEFT)
    code, _, err = env.run("link", left, env.path("missing.csv"))
    check(code == 2 and "missing.csv" in err, f"missing: {code} {err}")
    odd = env.write("odd.csv", "a,b,c\n1,2,3\n")
    code, _, err = env.run("link", odd)
    check(code == 2 and "odd.csv" in err and "氏名" in err, f"no items: {code} {err}")
    broken = env.write("broken.csv", RIGHT + 'B9,"未完 了,1990-01-01,1,どこか\n')
    code, out, err = env.run("link", left, broken)
    check(code == 0, f"broken row: exit {code}: {err}")
    check("broken.csv:9:" in err, f"place of the bad row: {err}")
    check((2, 2) in pairs_of(read_csv(out)), "the rest was not linked")


AUDIT = HEADER + """\
100,山田 太郎,ヤマダ タロウ,1960-07-07,1,鹿児島県熊毛郡屋久島町宮之浦100
100,山田 花子,ヤマダ ハナコ,1962-02-02,2,鹿児島県熊毛郡屋久島町宮之浦100
200,佐藤 一郎,サトウ イチロウ,1970-01-01,1,東京都文京区白山1-1-1
200,佐藤 一郎,サトウ イチロウ,1981-05-05,1,和歌山県和歌山市一番丁1
300,鈴木 花子,スズキ ハナコ,1990-03-03,2,東京都文京区本郷1-2-3
300,鈴木 花子,ｽｽﾞｷ ﾊﾅｺ,平成2年3月3日,女,東京都文京区本郷一丁目2番3号
400,髙橋 一郎,タカハシ イチロウ,1970-03-01,1,東京都文京区白山2丁目1番地2号
400,高橋 一郎,タカハシ イチロー,S45.3.1,男,文京区白山2-1-2
"""


def case_audit_finds_wrong_links(env):
    """--audit --id 宛名番号 over two files: ID 100 joins a family member (the same address and
    氏, another 名 and birth date), ID 200 a namesake (the same 氏名, another birth date), and
    one person is under IDs 300 and 900 (the second file); IDs 300 and 400, whose rows are one
    person written differently (ﾊﾅｺ, 平成2年, 髙/高, 2丁目1番地2号), are not findings — a check
    on raw values would flag them. Exit 1."""
    first = env.write("register.csv", AUDIT)
    second = env.write("welfare.csv", HEADER + "900,鈴木 花子,スズキ ハナコ,1990-03-03,2,"
                       "東京都文京区本郷1-2-3\n")
    code, out, err = env.run("link", "--audit", "--id", "宛名番号", first, second, "-f", "csv")
    check(code == 1, f"exit {code}: {err}")
    check(out.startswith("finding,pattern,ids,left_file,left_row,right_file,right_row,weight,"),
          f"header: {out.splitlines()[0]}")
    found = {(r["finding"], r["pattern"], r["ids"], os.path.basename(r["left_file"]),
              int(r["left_row"]), os.path.basename(r["right_file"]), int(r["right_row"]))
             for r in read_csv(out)}
    expected = {("id-records-disagree", "family-member", "100", "register.csv", 2,
                 "register.csv", 3),
                ("id-records-disagree", "namesake", "200", "register.csv", 4, "register.csv", 5),
                ("person-under-several-ids", "all-four", "300;900", "register.csv", 6,
                 "welfare.csv", 2)}
    check(found == expected, f"findings: {sorted(found)}")
    code, out, err = env.run("link", "--audit", "--id", "宛名番号", first, "-f", "json")
    document = json.loads(out)
    check(code == 1 and document["summary"]["audited_ids"] == 4 and
          document["summary"]["findings"] == 2, f"json: {code} {document['summary']}")


def case_audit_clean_list_exits_zero(env):
    """An audit whose IDs each join one person (written differently) finds nothing: exit 0;
    --audit without --id is exit 2; --audit naming a 個人番号 column is exit 2."""
    clean = env.write("clean.csv", HEADER + "".join(AUDIT.splitlines(keepends=True)[5:]))
    code, out, err = env.run("link", "--audit", "--id", "宛名番号", clean, "-f", "json")
    check(code == 0, f"exit {code}: {err}")
    check(json.loads(out)["findings"] == [], f"findings: {out}")
    code, _, err = env.run("link", "--audit", clean)
    check(code == 2 and "--id" in err, f"without --id: {code} {err}")
    named = env.write("named.csv", AUDIT.replace("宛名番号", "マイナンバー", 1))
    code, _, err = env.run("link", "--audit", "--id", "マイナンバー", named)
    check(code == 2 and "個人番号" in err, f"マイナンバー: {code} {err}")
    code, _, err = env.run("link", clean, clean, clean)
    check(code == 2 and "--audit" in err, f"three files without --audit: {code} {err}")


SUPPLIERS = """取引先コード,商号または名称,法人番号,所在地
S1,(株)石井,,愛知県名古屋市北区辻町8-35
S2,株式会社石井,,広島県福山市神辺町字上御領265番地3
S3,株式会社石井,,東京都千代田区丸の内1-1-1
S4,東京増田医療器㈱,,東京都文京区湯島2丁目6番2号
S5,株式会社リンク,,
S6,東京増田医療器株式会社,1010001072706,東京都文京区湯島2-6-2
S7,存在しない株式会社,,東京都
"""


def case_corporations_linked_to_the_registry(env):
    """A supplier list without 法人番号 (gif:LegalEntity's names) linked to a registry built
    from the NTA's real 2021-07-14 diff: two registered 株式会社石井 are told apart by address
    (a join by name alone is ambiguous; one of them is closed, and said so), ㈱/(株) and
    ２丁目６番２号 fold, a row with a 法人番号 is linked by it, a name with two corporations and
    no address is ambiguous, an unknown name is not-found; without --registry, exit 2."""
    db = env.path("houjin.db")
    code, _, err = env.run("registry", "build", "--out", db, os.path.join(
        env.data, "houjin", "samples", "code4fukui_gBizINFO_diff_20210714_utf8.csv"))
    check(code == 0, f"registry build: {err}")
    path = env.write("suppliers.csv", SUPPLIERS)
    review = env.path("review.csv")
    code, out, err = env.run("link", path, "--registry", db, "--id", "取引先コード", "-f", "csv",
                             "--review", review)
    check(code == 0, f"exit {code}: {err}")
    check(out.startswith("left_row,corporate_number,rule,certain,"), out.splitlines()[0])
    rows = {r["left_id"]: r for r in read_csv(out)}
    expected = {"S1": ("1180001011556", "name-and-address", "yes"),
                "S2": ("4240001029424", "name-and-address", "yes"),
                "S3": ("", "address-differs", "no"),
                "S4": ("1010001072706", "name-and-address", "yes"),
                "S5": ("", "ambiguous", "no"),
                "S6": ("1010001072706", "number", "yes"),
                "S7": ("", "not-found", "no")}
    got = {k: (r["corporate_number"], r["rule"], r["certain"]) for k, r in rows.items()}
    check(got == expected, f"links: {got}")
    check(rows["S2"]["status"].startswith("closed 2021-06-30"), f"status: {rows['S2']}")
    check(rows["S1"]["name"] == "folded" and rows["S1"]["candidates"] == "2", f"S1: {rows['S1']}")
    with open(review, encoding="utf-8") as f:
        listed = {r["left_id"] for r in read_csv(f.read())}
    check(listed == {"S3", "S5"}, f"review: {listed}")
    code, _, err = env.run("link", path)
    check(code == 2 and "--registry" in err, f"without a registry: {code} {err}")
    code, _, err = env.run("link", path, path, "--registry", db)
    check(code == 2 and "not supported yet" in err, f"two lists: {code} {err}")


NAME_DICTIONARY = "/usr/share/chasen/dic/naist-jdic-utf8/naist-jdic.dic"


def case_reading_check_as_a_level(env):
    """LEFT has 氏名 only, RIGHT 氏名（カナ） only: no naive comparison can match a name with
    a reading. サトウ ハナコ is a plausible reading of 佐藤 花子 (the name dictionary): level
    reading, a link (never certain); タナカ イチロウ is not one of 鈴木 一郎: the names disagree,
    no link, though birth date and address agree."""
    if not os.path.exists(os.environ.get("GIFKIT_NAME_DICTIONARY", NAME_DICTIONARY)):
        raise Skipped("no name dictionary (naist-jdic-utf8)")
    left = env.write("kanji.csv", "氏名,生年月日,住所\n佐藤 花子,1985-12-24,和歌山県和歌山市一番丁1\n"
                     "鈴木 一郎,1970-01-01,東京都文京区白山1-1-1\n")
    right = env.write("kana.csv", "氏名（カナ）,生年月日,住所\nサトウ ハナコ,1985-12-24,和歌山県和歌山市一番丁1\n"
                      "タナカ イチロウ,1970-01-01,東京都文京区白山1-1-1\n")
    code, out, err = env.run("link", left, right, "-f", "csv")
    check(code == 0, f"exit {code}: {err}")
    rows = read_csv(out)
    check([(r["left_row"], r["right_row"], r["name"], r["rule"]) for r in rows] ==
          [("2", "2", "reading", "fewer")], f"links: {rows}")


def case_reading_check_agrees_with_validate(env):
    """Issue #57: link's reading level and validate's name-reading-mismatch are one
    judgement of the same texts. Each row's 氏名 and 氏名（カナ） in one file for validate, the
    氏名 on the left and the カナ on the right for link (each pair alone in its block: its own
    birth date and address): a row validate reports is never linked on its name, a row it
    does not report links with the name at level reading (plausible) or missing (not
    checked). The rows are the forms on which the two disagreed: a 氏名 with its spaces
    (link dropped them), one word, kana on both sides, the registry forms."""
    if not os.path.exists(os.environ.get("GIFKIT_NAME_DICTIONARY", NAME_DICTIONARY)):
        raise Skipped("no name dictionary (naist-jdic-utf8)")
    pairs = [("佐藤 花子", "サトウ ハナコ"), ("鈴木 一郎", "タナカ イチロウ"), ("佐藤花子", "サトウハナコ"),
             ("田中", "ワタナベ"), ("くるみ", "トモミ"), ("くるみ", "クルミ"), ("山田＿太郎", "ヤマダ＿タロウ"),
             ("佐藤 翔", "アスカ ショウ"), ("出樽 太郎", "デジタル タロウ"), ("高橋［佐藤］　花子", "サトウ ハナコ"),
             ("山田　太郎", "ヤマダタ ロウ"), ("佐藤　花子（通称）", "サトウ ハナコ")]
    both, left, right = ["氏名,氏名（カナ）,生年月日,住所"], ["氏名,生年月日,住所"], ["氏名（カナ）,生年月日,住所"]
    for i, (name, kana) in enumerate(pairs):
        tail = f"1980-01-{i + 1:02d},東京都文京区白山1-1-{i + 1}"
        both.append(f"{name},{kana},{tail}")
        left.append(f"{name},{tail}")
        right.append(f"{kana},{tail}")
    code, out, err = env.run("validate", "--model", "gif:Person", "-f", "json",
                             env.write("both.csv", "\n".join(both) + "\n"))
    check(code in (0, 1), f"validate exit {code}: {err}")
    task = json.loads(out)["tasks"][0]
    flagged = {e["row"] for e in task["errors"] if e["code"] == "name-reading-mismatch"}
    check(flagged == {3, 5, 6, 9, 12}, f"validate reported rows {sorted(flagged)}: {task['modelNote']}")
    code, out, err = env.run("link", env.write("left.csv", "\n".join(left) + "\n"),
                             env.write("right.csv", "\n".join(right) + "\n"), "--threshold",
                             "0.000001", "-f", "csv")
    check(code == 0, f"link exit {code}: {err}")
    levels = {int(r["left_row"]): r["name"] for r in read_csv(out) if r["left_row"] == r["right_row"]}
    for row in range(2, len(pairs) + 2):
        if row in flagged:
            check(levels.get(row, "disagree") == "disagree",
                  f"row {row} {pairs[row - 2]}: validate reports it, link's name level {levels.get(row)}")
        else:
            check(levels.get(row) in ("reading", "missing"),
                  f"row {row} {pairs[row - 2]}: validate passes it, link's name level {levels.get(row)}")
    check(levels.get(10) == "missing" and levels.get(2) == "reading", f"levels: {levels}")


def case_candidate_pairs_have_a_budget(env):
    """Issue #56: 100,000 rows in blocks of 2,000 that share a birth date (and nothing else)
    would make 100 million candidate pairs, memory without bound. link stops at --max-pairs
    (default 50,000,000) with exit 2, saying how many pairs and the largest block, and what to
    do; a smaller --max-block pairs none of such blocks and links (exit 0); a small budget is
    held as well."""
    rows = ["氏名,生年月日,性別,住所"]
    for i in range(100000):
        day = 1 + i % 50
        rows.append(f"人{i:06d},1980-{1 + day // 28:02d}-{1 + day % 28:02d},1,"
                    f"東京都文京区白山{1 + i % 9}-{i}")
    path = env.write("many.csv", "\n".join(rows) + "\n")
    code, _, err = env.run("link", path)
    check(code == 2 and "--max-pairs 50000000" in err and "largest block" in err
          and "2000 rows" in err, f"exit {code}: {err[-600:]}")
    code, out, err = env.run("link", "--max-block", "1000", path)
    check(code == 0, f"--max-block 1000: exit {code}: {err[-600:]}")
    small = env.write("small.csv", "\n".join(rows[:3001]) + "\n")
    code, _, err = env.run("link", "--max-pairs", "10000", small)
    check(code == 2 and "--max-pairs 10000" in err, f"exit {code}: {err[-600:]}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="abr/bunkyo"))
