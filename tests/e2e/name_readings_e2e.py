#!/usr/bin/env python3
"""name_readings_e2e.py — 70.x: a カナ judged as the reading of a person's name through the
real binary (issue #57): `gifkit lookup reading` and validate's name-reading-mismatch give one
judgement (plausible, mismatch, not checked) with its reason; the forms people write (a one-word
氏名, kana on both sides, the registry's ＿, ［旧氏］ and （通称）); a missing dictionary said, with
what is then not checked; bad input said with its place. Run by ctest (tests/e2e/CMakeLists.txt)."""
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, check, cases_of, main  # noqa: E402

ROOM = "checks"  # the room these cases cover (tests/rooms.txt)

NAME_DICTIONARY = "/usr/share/chasen/dic/naist-jdic-utf8/naist-jdic.dic"


def need_dictionary():
    if not os.path.exists(os.environ.get("GIFKIT_NAME_DICTIONARY", NAME_DICTIONARY)):
        raise Skipped("no name dictionary (naist-jdic-utf8)")


def verdicts(env, *words, part="full"):
    code, out, err = env.run("lookup", "reading", "--part", part, "-f", "json", *words)
    check(code in (0, 1), f"exit {code}: {err}")
    return code, [(r["name"], r["kana"], r["verdict"]) for r in json.loads(out)], json.loads(out)


def case_lookup_reading_gives_verdict_and_reason(env):
    """Each pair's verdict, the readings the dictionary gives and why; exit 1 when one is a
    mismatch, 0 when none is."""
    need_dictionary()
    code, got, rows = verdicts(env, "佐藤 花子", "サトウ ハナコ", "田中", "ワタナベ", "くるみ", "トモミ",
                               "くるみ", "クルミ")
    check(code == 1, f"exit {code}")
    check([v for _, _, v in got] == ["plausible", "mismatch", "mismatch", "plausible"], f"{got}")
    check(rows[1]["why"].startswith("the name dictionary reads it タナカ") and
          rows[1]["readings"][0] == "タナカ", f"{rows[1]}")
    check(rows[2]["why"] == "the name is written in kana and reads クルミ", f"{rows[2]}")
    code, got, _ = verdicts(env, "佐藤 花子", "サトウ ハナコ")
    check(code == 0, f"a plausible pair: exit {code}")
    code, out, err = env.run("lookup", "reading", "佐藤", "スズキ")
    check(code == 1 and out.startswith("佐藤 / スズキ: mismatch (the name dictionary reads it サトウ"),
          f"text: exit {code}: {out!r} {err}")


def case_lookup_reading_unknown_name_by_its_characters(env):
    """A name no dictionary knows, judged by its characters: plausible when their readings
    make the カナ (a 名乗り learnt from other names too: 美 コ); a mismatch when they do not,
    even with one character read a way no list holds and the others by their own readings (a
    learnt 名乗り does not join one read another way: 崎 ハツ with 美 コ); ヶ read ガ."""
    need_dictionary()
    _, got, rows = verdicts(env, "杉畑美", "スギハタコ", "崎美", "ハツコ", "桃美子", "モモミコ",
                            part="given")
    check([v for _, _, v in got] == ["plausible", "mismatch", "plausible"], f"{got}")
    check(rows[1]["why"].startswith("no name dictionary knows it"), f"{rows[1]}")
    _, got, _ = verdicts(env, "桃ヶ崎", "モモガサキ", "桃ヶ崎", "モモタロウ", part="family")
    check([v for _, _, v in got] == ["plausible", "mismatch"], f"{got}")


def case_lookup_reading_full_name_without_spaces(env):
    """A 氏名 without spaces: a particular person's name the dictionaries know is a mismatch when
    neither their reading nor its characters' own readings make the カナ (田中角栄 with one kana
    changed), plausible when another person's reading is made of them; a name that parts into
    two names the dictionaries know is a mismatch when every such split is, whatever a split
    at a one-character surname (池|信平八朗) leaves open; a name no split settles goes to its
    characters (出樽太郎)."""
    need_dictionary()
    _, got, rows = verdicts(env, "田中角栄", "タナクカクエイ", "田中角栄", "タナカカクエイ", "鈴木智子",
                            "スズキトモク", "鈴木智子", "スズキサトコ", "池信平八朗", "イケネブヘイハチロウ",
                            "出樽太郎", "デタルタロウ")
    check([v for _, _, v in got] == ["mismatch", "plausible", "mismatch", "plausible", "mismatch",
                                     "plausible"], f"{got}")
    check(rows[0]["why"] == "the name dictionary reads it タナカカクエイ", f"{rows[0]}")


def case_lookup_reading_registry_forms(env):
    """The registry's forms read as the names they stand for: ＿ between 氏 and 名 (or between
    a name in Latin letters and the kanji name), a 旧氏 in ［ ］ (either 氏's reading), a 通称 in
    （ ） (its reading) or a bare （通称） mark."""
    need_dictionary()
    _, got, _ = verdicts(env, "山田＿太郎", "ヤマダ＿タロウ", "高橋［佐藤］　花子", "サトウ　ハナコ",
                         "高橋［佐藤］　花子", "タカハシ　ハナコ", "高橋［佐藤］　花子", "スズキ　ハナコ",
                         "佐藤　花子（通称）", "サトウ　ハナコ")
    check([v for _, _, v in got] == ["plausible", "plausible", "plausible", "mismatch", "plausible"],
          f"{got}")
    # ＿ between a name in Latin letters and the kanji name beside it: each a name of its own;
    # the カナ of one name's part and another's part is neither.
    written = "ALLEN JACKSON＿鈴木　一郎（高橋　二郎）"
    _, got, _ = verdicts(env, written, "スズキ　イチロウ", written, "アーレン　ジャクソン", written,
                         "タカハシ　ジロウ", written, "アーレン　イチロウ")
    check([v for _, _, v in got] == ["plausible", "plausible", "plausible", "mismatch"], f"{got}")


def case_lookup_reading_japanese_name_in_romaji(env):
    """A Japanese name written in romaji (a passport's TANAKA TARO, Hepburn or 訓令, long vowels
    written or not) is read strictly when its kana is written as Japanese names are: one vowel
    off is a mismatch, though English spellings would let it by; a foreign name that happens to
    be romaji (ROSE ローズ) and a kana written as foreign names are keep the loose table."""
    need_dictionary()
    code, got, rows = verdicts(env, "TANAKA TARO", "タナカ　タロウ", "TANAKA TARO", "タナコ　タロウ",
                               "Ohno Yuko", "オオノ　ユウコ", "SATOH SYUNSUKE", "サトウ　シュンスケ",
                               "Yamada Hanako", "ヤマダハナエ", "ROSE", "ローズ")
    check(code == 1, f"exit {code}")
    check([v for _, _, v in got] == ["plausible", "mismatch", "plausible", "plausible", "mismatch",
                                     "plausible"], f"{got}")
    check(rows[1]["why"] == "its letters do not read so: tanaka ≠ タナコ, taro → タロウ (rules)",
          f"{rows[1]}")


def case_lookup_reading_from_stdin_and_bad_input(env):
    """`-` reads name TAB kana lines; a line without a tab is named by its number (exit 2); a
    name without its カナ on the command line is said (exit 2)."""
    need_dictionary()
    code, out, err = env.run("lookup", "reading", "-", stdin="佐藤\tサトウ\n田中\tワタナベ\n")
    check(code == 1 and out.splitlines()[0].endswith("plausible (the name dictionary reads it so)"),
          f"exit {code}: {out} {err}")
    code, out, err = env.run("lookup", "reading", "-", stdin="佐藤\tサトウ\n佐藤 サトウ\n")
    check(code == 2 and "stdin, line 2: expected a name, a tab and its カナ" in err, f"{code} {err}")
    code, out, err = env.run("lookup", "reading", "佐藤")
    check(code == 2 and "the name 佐藤 has no カナ after it" in err, f"{code} {err}")


def case_transform_reviews_a_kana_that_is_no_reading(env):
    """transform writes both values as they are and lists the row whose カナ is not a reading of
    its name for review, with validate's message and the dictionary's readings as candidates;
    exit 1 (a person must look)."""
    need_dictionary()
    path = env.write("p.csv", "氏名,氏名（カナ）\n佐藤 花子,サトウ ハナコ\n田中,ワタナベ\n")
    code, out, err = env.run("transform", path, "-m", "gif:Person", "-o", env.path("out.csv"),
                             "--review", env.path("review.csv"))
    check(code == 1 and "1 for review" in err and "name readings of 2 pairs" in err, f"{code} {err}")
    with open(env.path("review.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    row = next(csv.reader([lines[1]]))
    check(row[:4] == ["3", "2", "氏名（カナ）", "ワタナベ"] and row[5] == "name-reading-mismatch" and
          row[4].startswith("氏名（カナ）: ワタナベ is not a reading of 氏名 田中; the name dictionary "
                            "reads it タナカ") and row[6].startswith("タナカ; "), f"review: {lines}")
    with open(env.path("out.csv"), encoding="utf-8") as f:
        check("田中,ワタナベ" in f.read(), "the values are written as they are")


def case_missing_dictionary_is_said(env):
    """Without the name dictionary: said, with what is then not checked; a kanji name is never a
    mismatch, kana on both sides still compared; validate's model note says it too."""
    names = ("GIFKIT_NAME_DICTIONARY", "GIFKIT_ENAMDICT", "GIFKIT_UNIDIC_LEX")
    before = {name: os.environ.get(name) for name in names}
    try:
        # ENAMDICT alone missing: said, the others still judge.
        os.environ["GIFKIT_ENAMDICT"] = env.path("none.enamdict")
        code, out, err = env.run("lookup", "reading", "佐藤", "スズキ")
        check(code == 1 and "ENAMDICT (enamdict) at " in err and "none.enamdict" in err and
              "NAIST-jdic" not in err, f"{code} {err}")
        for name in names:
            os.environ[name] = env.path("none.dic")
        code, got, _ = verdicts(env, "佐藤", "スズキ", "くるみ", "トモミ")
        check([v for _, _, v in got] == ["not checked", "mismatch"], f"{got}")
        code, out, err = env.run("lookup", "reading", "佐藤", "スズキ")
        check(code == 0 and "no name dictionary is installed" in err and
              "a name in kanji is never a mismatch" in err, f"{code} {err}")
        path = env.write("p.csv", "氏,氏（カナ）\n佐藤,スズキ\n")
        code, out, err = env.run("validate", "--model", "gif:Person", "-f", "json", path)
        note = json.loads(out)["tasks"][0]["modelNote"]
        check("no name dictionary is installed" in note, f"note: {note}")
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
