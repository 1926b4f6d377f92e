#!/usr/bin/env python3
"""link_population.py — the record-linkage benchmark with known truth (issue #33 item 5):
a synthetic Japanese population and copies of it with the errors real lists have, for
`gifkit link LEFT RIGHT` (link) and `gifkit link FILE` (dedupe), with the truth written
beside them. Python 3, standard library only. Deterministic for a seed.

  link_population.py --setting easy|hard --records N --seed S --mode link|dedupe --out DIR
                     [--dic NAIST-JDIC] [--addresses FILE] [--no-id]

The rules (bench/README.md repeats them):

Names. Surnames and given names with their readings come from NAIST-jdic
(/usr/share/chasen/dic/naist-jdic-utf8/naist-jdic.dic, Debian's naist-jdic-utf8): the
entries under `人名 姓` and `人名 名`. Only headwords written wholly in kanji (and 々) are
kept: foreign names in katakana and names in hiragana are skipped (10,863 surnames and
15,521 given names are left). A reading written `{A/B}` is taken as A. An entry's cost
(the number after the headword; lower = more common in the dictionary's training text)
gives its weight  w = exp(-(cost - min_cost) / 300). This is a proxy for frequency, not a
census count: the costs come from a newspaper corpus (the cheapest surnames are 細川,
渡辺, 村山, 金, 羽田 — 1990s politicians), and the temperature 300 was chosen so that the
10 most likely surnames draw 9.1 % of people and the 100 most likely 29 %. The same formula
draws given names. Given names are split by sex only by their last character (and a reading in
-コ), which is all the dictionary allows: 子 美 香 代 江 恵 枝 奈 菜 花 乃 里 絵 華 穂 葉 音 那
佳, or a reading ending in コ → women; 郎 夫 雄 男 彦 介 助 蔵 吉 衛 平 治 司 也 哉 輔 朗 太
一 二 三 人 士 斗 輝 樹 → men; any other name may be given to either sex (so a woman may
be called 茂 or 翔: the dictionary does not say, and the rule is a heuristic).

Addresses are the real written addresses of ../shared/data/addresses/schools-input.txt
(58,651 lines; as written there, full-width digits). A household's address is one of them;
30 % of households also have a 方書 (「　コーポ山田101号」: a building word, a surname, a
room number). A household has 1–5 members (sizes 1..5 drawn with weights 38/28/16/13/5 %),
all sharing 氏, its reading and the address: a one-person household is born 1930–2002;
otherwise the head is born 1935–1995, the spouse is of the other sex and born within 5
years of the head, and children (size − 2) are born when the mother is 20–42 (never
after 2020). In the hard setting 2 % of households with two or more children have twins
(the second child born the same day as the first). No two members of a household share a
given name or its reading (a drawn name is drawn again). Namesakes: in
NAMESAKE_RATE of households (easy 0.5 %, hard 3 %) the household's 氏 and the head's 名
(with readings and sex) are copied from a person drawn earlier — the same 氏名, another
birth date and address. Birth dates lie in 1930-01-01 … 2020-12-31; 性別 is 1 (male) or 2
(female).

Layout. Both files of a setting have the same header (gif:Person labels):
  easy: 宛名番号,氏,名,氏（カナ）,名（カナ）,生年月日,性別,住所
  hard: 宛名番号,氏名,氏名（カナ）,生年月日,性別,住所   (氏名 = 氏 + full-width space + 名)
The clean form (LEFT, and the first copy of a person in dedupe) writes the date as ISO
(1970-03-01), 性別 as 1/2, the kana in full-width katakana from 読み. 宛名番号 is the
person's id (P0000001…), the same in every file, except where the `family_id` error gives
a row the id of a member of the same household (for `--audit`); `--no-id` leaves the
column out. A linker must not use it: it would be the answer.

Errors. Each error copy draws every error kind independently at the setting's rate
(ERROR_RATES below; the date and kana kinds each pick at most one form). A kind that
cannot apply to a record (no character with a variant, no 丁目/番 numbers, a man for
`married`) is not applied and not recorded, so its rate is a rate among records it can
apply to. What was applied is written per row to the truth files:
  itaiji            one character of 氏 or 名 with a variant (VARIANTS: 髙/高, 﨑/崎,
                    邉/邊/辺, 齋/斎/斉/齊, 濵/濱/浜, 德/徳, 廣/広 …) replaced by another
  kana_small        small kana (ャュョッァィゥェォ) written large
  kana_long         the 発音 form (サトー) instead of 読み (サトウ) or the reverse
  kana_vu           ヴ written as ブ (ヴァ→バ …), ヂ/ヅ as ジ/ズ
  kana_halfwidth    the kana in half-width (ｻﾄｳ)
  kana_hiragana     the kana in hiragana (さとう)
  date_slash        1970/3/1
  date_wareki       昭和45年3月1日 (元年 for the first year)
  date_wareki_abbr  S45.3.1, H2.10.3, R1.5.1
  date_swap         day and month swapped (only when the day is 12 or less and ≠ month)
  date_typo         one digit of the date replaced (still a real date)
  name_typo         one kanji of 名 replaced by another kanji of the given names
  name_space        (hard layout) 氏 and 名 separated by a half-width space or nothing
  address_form      the trailing 丁目/番地/号 numbers rewritten: 2-1-2, ２－１－２,
                    二丁目一番二号, 2丁目1番地2号, or the digits' width toggled
  katagaki_dropped  the 方書 left out
  moved             another address of the pool (and no 方書)
  sex_missing       性別 empty, 0 or 9
  sex_label         性別 as 男/女/男性/女性
  married           (a woman born 2002 or earlier) 氏 and its reading changed to another
  family_id         宛名番号 is that of another member of the household (households of 2+)

Modes.
  link:   DIR/left.csv has N people (clean); DIR/right.csv has N rows: error copies of
          OVERLAP of LEFT's people (easy 80 %, hard 60 %) and error copies of people not in
          LEFT (from the same households process: some share a household with people in
          LEFT); both shuffled. DIR/truth.csv: left_row,right_row,person,errors — the true
          pairs (rows as validate counts them: the header is row 1, the first data row 2).
  dedupe: DIR/records.csv: N rows, each person 1–3 times (weights 50/30/20 %): the first
          copy clean, the others error copies; shuffled. DIR/truth.csv: row,person,errors.
Both write DIR/rows.csv (file,row,person,household,tags,errors; tags: namesake, twin) for
looking at a scorer's false positives, and DIR/manifest.json (setting, counts, rates, the
errors applied, wall and CPU seconds).
"""
import argparse
import bisect
import csv
import datetime
import json
import math
import os
import random
import re
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
from address_corpus import kanji_number  # noqa: E402  (12 → 十二, the e2e corpus's writer)

DEFAULT_DIC = "/usr/share/chasen/dic/naist-jdic-utf8/naist-jdic.dic"
DEFAULT_ADDRESSES = os.path.join(HERE, "..", "..", "shared", "data", "addresses", "schools-input.txt")

TEMPERATURE = 300.0  # weight = exp(-(cost - min_cost) / TEMPERATURE)
HOUSEHOLD_SIZES = [1, 2, 3, 4, 5]
HOUSEHOLD_WEIGHTS = [38, 28, 16, 13, 5]
KATAGAKI_RATE = 0.30
COPIES = [1, 2, 3]
COPY_WEIGHTS = [50, 30, 20]
FEMALE_ENDINGS = set("子美香代江恵枝奈菜花乃里絵華穂葉音那佳")
MALE_ENDINGS = set("郎夫雄男彦介助蔵吉衛平治司也哉輔朗太一二三人士斗輝樹")
BUILDINGS = ["コーポ", "ハイツ", "メゾン", "レジデンス", "パレス", "荘"]

# 異体字 groups: a character of a group may be written as any other of it.
VARIANTS = [
    "髙高", "﨑崎", "邉邊辺", "齋斎斉齊", "濵濱浜", "德徳", "廣広", "澤沢", "嶋島嶌", "櫻桜",
    "國国", "龍竜", "曾曽", "槇槙", "栁柳", "惠恵", "眞真", "實実", "榮栄", "壽寿", "瀨瀬",
    "條条", "黑黒", "圓円", "淺浅", "萬万", "禮礼", "與与", "學学", "藏蔵", "冨富", "增増",
    "埜野", "莊荘", "籠篭", "嶽岳", "吉\U00020BB7",
    # CJK compatibility ideographs (NFC folds them to the unified one): 隆 神 福 祐 晴
    "隆\uF9DC", "神\uFA19", "福\uFA1B", "祐\uFA4F", "晴\uFA12",
]

SETTINGS = {
    "easy": {
        "layout": "split",
        "overlap": 0.80,
        "namesake_rate": 0.005,
        "twin_rate": 0.0,
        "rates": {
            "itaiji": 0.05, "kana": 0.05, "date_format": 0.20, "date_swap": 0.005,
            "date_typo": 0.005, "name_typo": 0.005, "name_space": 0.0, "address_form": 0.20,
            "katagaki_dropped": 0.05, "moved": 0.02, "sex_missing": 0.02, "sex_label": 0.10,
            "married": 0.005, "family_id": 0.002,
        },
        # which forms a date_format error takes, and which kana error (weights)
        "date_forms": {"date_slash": 3, "date_wareki": 1, "date_wareki_abbr": 1},
        "kana_forms": {"kana_small": 1, "kana_long": 1, "kana_vu": 1, "kana_halfwidth": 2,
                       "kana_hiragana": 1},
    },
    "hard": {
        "layout": "joined",
        "overlap": 0.60,
        "namesake_rate": 0.03,
        "twin_rate": 0.02,
        "rates": {
            "itaiji": 0.30, "kana": 0.30, "date_format": 0.60, "date_swap": 0.03,
            "date_typo": 0.03, "name_typo": 0.03, "name_space": 0.30, "address_form": 0.50,
            "katagaki_dropped": 0.20, "moved": 0.08, "sex_missing": 0.10, "sex_label": 0.30,
            "married": 0.03, "family_id": 0.01,
        },
        "date_forms": {"date_slash": 1, "date_wareki": 1, "date_wareki_abbr": 1},
        "kana_forms": {"kana_small": 1, "kana_long": 1, "kana_vu": 1, "kana_halfwidth": 1,
                       "kana_hiragana": 1},
    },
}

HEADERS = {
    "split": ["宛名番号", "氏", "名", "氏（カナ）", "名（カナ）", "生年月日", "性別", "住所"],
    "joined": ["宛名番号", "氏名", "氏名（カナ）", "生年月日", "性別", "住所"],
}

DIC_LINE = re.compile(r"^\(品詞 \(名詞 固有名詞 人名 (姓|名)\)\) \(\(見出し語 \((\S+) (\d+)\)\) "
                      r"\(読み (\S+)\) \(発音 (\S+)\)")


def is_kanji_name(text):
    """True when every character of text is a CJK ideograph (any block) or 々."""
    return all(c == "々" or 0x4E00 <= ord(c) <= 0x9FFF or 0x3400 <= ord(c) <= 0x4DBF
               or 0xF900 <= ord(c) <= 0xFAFF or ord(c) >= 0x20000 for c in text)


def first_reading(text):
    """`{A/B}` → A; a plain reading unchanged."""
    return text[1:-1].split("/")[0] if text.startswith("{") else text


class Pool:
    """Weighted draw from a list of (name, reading, pronunciation) by cost."""

    def __init__(self, entries):
        assert entries, "an empty name pool"
        self.entries = entries
        low = min(cost for _, cost, _, _ in entries)
        total = 0.0
        self.cumulative = []
        for _, cost, _, _ in entries:
            total += math.exp(-(cost - low) / TEMPERATURE)
            self.cumulative.append(total)
        self.total = total

    def draw(self, rng):
        i = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        name, _, reading, pron = self.entries[min(i, len(self.entries) - 1)]
        return name, reading, pron


def load_names(path):
    """Reads NAIST-jdic's 人名 entries: (surname pool, given-name pools by sex 1/2)."""
    surnames, given = [], {1: [], 2: [], 0: []}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "人名" not in line:
                continue
            m = DIC_LINE.match(line)
            if not m or not is_kanji_name(m.group(2)):
                continue
            kind, head, cost, reading, pron = m.groups()
            entry = (head, int(cost), first_reading(reading), first_reading(pron))
            if kind == "姓":
                surnames.append(entry)
            elif head[-1] in FEMALE_ENDINGS or (head[-1] not in MALE_ENDINGS and entry[2].endswith("コ")):
                given[2].append(entry)
            elif head[-1] in MALE_ENDINGS:
                given[1].append(entry)
            else:
                given[0].append(entry)
    assert surnames and given[1] and given[2], f"no names read from {path}"
    return Pool(surnames), {1: Pool(given[1] + given[0]), 2: Pool(given[2] + given[0])}, \
        sorted({c for pool in given.values() for e in pool for c in e[0] if c != "々"})


def load_addresses(path):
    """The written addresses of the schools file (comment lines skipped)."""
    with open(path, encoding="utf-8") as f:
        lines = [line.strip() for line in f]
    pool = [line for line in lines if line and not line.startswith("//")]
    assert len(pool) > 1000, f"too few addresses in {path}"
    return pool


# ---------------------------------------------------------------- kana forms
def _halfwidth_map():
    table = {}
    for code in range(0xFF61, 0xFFA0):
        h = chr(code)
        table.setdefault(unicodedata.normalize("NFKC", h), h)
        for mark in ("\uFF9E", "\uFF9F"):
            full = unicodedata.normalize("NFKC", h + mark)
            if len(full) == 1:
                table.setdefault(full, h + mark)
    table["ヴ"] = "ｳﾞ"
    table["　"] = " "
    return table


HALFWIDTH = _halfwidth_map()
SMALL_TO_LARGE = str.maketrans("ャュョッァィゥェォヮ", "ヤユヨツアイウエオワ")
VU = [("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ"), ("ヂ", "ジ"),
      ("ヅ", "ズ")]


def to_halfwidth(text):
    return "".join(HALFWIDTH.get(c, c) for c in text)


def to_hiragana(text):
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


# ---------------------------------------------------------------- dates
ERAS = [  # (first day, kanji, letter)
    (datetime.date(2019, 5, 1), "令和", "R"),
    (datetime.date(1989, 1, 8), "平成", "H"),
    (datetime.date(1926, 12, 25), "昭和", "S"),
    (datetime.date(1912, 7, 30), "大正", "T"),  # only a date_typo reaches these
    (datetime.date(1868, 10, 23), "明治", "M"),
]


def wareki(d, abbreviated):
    for start, name, letter in ERAS:
        if d >= start:
            year = d.year - start.year + 1
            if abbreviated:
                return f"{letter}{year}.{d.month}.{d.day}"
            return f"{name}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    raise AssertionError(f"no era for {d}")


def date_text(d, form):
    if form == "date_slash":
        return f"{d.year}/{d.month}/{d.day}"
    if form == "date_wareki":
        return wareki(d, False)
    if form == "date_wareki_abbr":
        return wareki(d, True)
    return d.isoformat()


def date_typo(d, rng):
    """d with one of its 8 digits replaced so that it is still a date of 1900–2025."""
    digits = d.strftime("%Y%m%d")
    for _ in range(30):
        i = rng.randrange(8)
        c = rng.choice([x for x in "0123456789" if x != digits[i]])
        t = digits[:i] + c + digits[i + 1:]
        try:
            out = datetime.date(int(t[:4]), int(t[4:6]), int(t[6:]))
        except ValueError:
            continue
        if 1900 <= out.year <= 2025:
            return out
    return None


# ---------------------------------------------------------------- addresses
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
HALF = str.maketrans("０１２３４５６７８９", "0123456789")
TAIL = re.compile(r"[0-9０-９]+(?:丁目|番地|番|号|の|[－\-‐−ーｰ]|[0-9０-９])*$")


def address_variant(address, rng):
    """The address with its trailing 丁目/番地/号 numbers written another way, or None."""
    m = TAIL.search(address)
    if not m:
        return None
    head, tail = address[:m.start()], m.group(0)
    numbers = [int(x.translate(HALF)) for x in re.findall(r"[0-9０-９]+", tail)]
    if not numbers or len(numbers) > 3:
        return None
    chome = "丁目" in tail
    if not chome and "番" not in tail:  # 9-11-1: which number is the 丁目 is not written
        forms = ["-".join(map(str, numbers)), "－".join(str(n).translate(FULL) for n in numbers),
                 tail.translate(HALF) if tail.translate(HALF) != tail else tail.translate(FULL)]
        forms = [f for f in forms if f != tail]
        return head + rng.choice(forms) if forms else None
    marks = (["丁目", "番", "号"] if chome else ["番地", "", ""])[: len(numbers)]
    if not chome and len(numbers) == 3:
        marks = ["番地", "の", ""]
    forms = [
        "-".join(map(str, numbers)),
        "－".join(str(n).translate(FULL) for n in numbers),
        "".join(kanji_number(n) + mk for n, mk in zip(numbers, marks)) if max(numbers) < 10000 else tail,
        "".join(str(n) + mk for n, mk in zip(numbers, (["丁目", "番地", "号"] if chome else marks))),
        tail.translate(HALF) if tail.translate(HALF) != tail else tail.translate(FULL),
    ]
    forms = [f for f in forms if f != tail]
    return head + rng.choice(forms) if forms else None


# ---------------------------------------------------------------- people
class Person:
    __slots__ = ("pid", "household", "sei", "mei", "sei_kana", "mei_kana", "sei_pron", "mei_pron",
                 "birth", "sex", "tags")


class Household:
    __slots__ = ("hid", "address", "katagaki", "members")


def random_date(rng, first_year, last_year):
    start = datetime.date(first_year, 1, 1).toordinal()
    end = datetime.date(last_year, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(start, end))


class Population:
    """People in households, drawn one household at a time (see the module's rules)."""

    def __init__(self, rng, setting, surnames, given, addresses):
        self.rng, self.setting = rng, setting
        self.surnames, self.given, self.addresses = surnames, given, addresses
        self.people, self.households = [], []

    def _person(self, hh, sex, birth, sur, tags="", mei=None):
        """A member of hh; its 名 (unless given) is drawn again while another member has
        the same 名 or the same reading (parents do not give two children one name)."""
        rng = self.rng
        p = Person()
        p.pid = len(self.people)
        p.household = hh.hid
        p.sei, p.sei_kana, p.sei_pron = sur
        taken = {m.mei for m in hh.members} | {m.mei_kana for m in hh.members}
        if mei is None:
            for _ in range(50):
                mei = self.given[sex].draw(rng)
                if mei[0] not in taken and mei[1] not in taken:
                    break
        p.mei, p.mei_kana, p.mei_pron = mei
        p.birth, p.sex, p.tags = birth, sex, tags
        self.people.append(p)
        hh.members.append(p)
        return p

    def add_household(self):
        rng = self.rng
        hh = Household()
        hh.hid = len(self.households)
        hh.address = rng.choice(self.addresses)
        hh.katagaki = ""
        if rng.random() < KATAGAKI_RATE:
            building = rng.choice(BUILDINGS)
            name = self.surnames.draw(rng)[0]
            room = f"{rng.randint(1, 9)}{rng.randint(1, 12):02d}"
            hh.katagaki = f"{name}{building}{room}号" if building == "荘" else f"{building}{name}{room}号"
        hh.members = []
        self.households.append(hh)
        sur = self.surnames.draw(rng)
        namesake = None
        if len(self.people) > 100 and rng.random() < self.setting["namesake_rate"]:
            namesake = rng.choice(self.people)
            sur = (namesake.sei, namesake.sei_kana, namesake.sei_pron)
        size = rng.choices(HOUSEHOLD_SIZES, HOUSEHOLD_WEIGHTS)[0]
        head_sex = namesake.sex if namesake is not None else rng.choice((1, 2))
        mei = (namesake.mei, namesake.mei_kana, namesake.mei_pron) if namesake is not None else None
        tags = "namesake" if namesake is not None else ""
        if size == 1:
            self._person(hh, head_sex, random_date(rng, 1930, 2002), sur, tags, mei)
        else:
            head = self._person(hh, head_sex, random_date(rng, 1935, 1995), sur, tags, mei)
            year = min(2000, max(1930, head.birth.year + rng.randint(-5, 5)))
            spouse = self._person(hh, 3 - head_sex, random_date(rng, year, year), sur)
            mother = head if head_sex == 2 else spouse
            children = size - 2
            twin = children >= 2 and rng.random() < self.setting["twin_rate"]
            for k in range(children):
                sex = rng.choice((1, 2))
                if twin and k == 1:
                    first = hh.members[2]
                    self._person(hh, sex, first.birth, sur, "twin")
                    first.tags = "twin"
                    continue
                lo = min(2020, mother.birth.year + 20)
                hi = min(2020, mother.birth.year + 42)
                self._person(hh, sex, random_date(rng, lo, hi), sur)
        return hh


# ---------------------------------------------------------------- records
class Writer:
    """Turns a person (clean or with errors) into a row of the setting's layout."""

    def __init__(self, rng, setting, population, name_kanji, with_id):
        self.rng, self.setting, self.pop = rng, setting, population
        self.rates = setting["rates"]
        self.layout = setting["layout"]
        self.name_kanji = name_kanji
        self.with_id = with_id
        self.variant_of = {}
        for group in VARIANTS:
            for c in group:
                others = [o for o in group if o != c]
                if others:
                    self.variant_of.setdefault(c, set()).update(others)
        self.variant_of = {c: sorted(v) for c, v in self.variant_of.items()}

    def header(self):
        h = HEADERS[self.layout]
        return h if self.with_id else h[1:]

    def _row(self, pid, sei, mei, sk, mk, birth, sex, address, sep=None):
        if self.layout == "split":
            row = [pid, sei, mei, sk, mk, birth, sex, address]
        else:
            s = "　" if sep is None else sep
            row = [pid, sei + s + mei, sk + s + mk, birth, sex, address]
        return row if self.with_id else row[1:]

    def clean(self, p):
        hh = self.pop.households[p.household]
        address = hh.address + ("　" + hh.katagaki if hh.katagaki else "")
        return self._row(f"P{p.pid + 1:07d}", p.sei, p.mei, p.sei_kana, p.mei_kana,
                         p.birth.isoformat(), str(p.sex), address)

    def _weighted(self, forms):
        names = list(forms)
        return self.rng.choices(names, [forms[n] for n in names])[0]

    def copy(self, p):
        """An error copy of p: (row, [error kinds applied])."""
        rng, rates = self.rng, self.rates
        errors = []
        hh = self.pop.households[p.household]
        pid = p.pid
        sei, mei = p.sei, p.mei
        sk, mk = p.sei_kana, p.mei_kana
        if rng.random() < rates["married"] and p.sex == 2 and p.birth.year <= 2002:
            for _ in range(5):
                new = self.pop.surnames.draw(rng)
                if new[0] != sei:
                    sei, sk = new[0], new[1]
                    errors.append("married")
                    break
        if rng.random() < rates["itaiji"]:
            spots = [(k, i) for k, text in ((0, sei), (1, mei)) for i, c in enumerate(text)
                     if c in self.variant_of]
            if spots:
                k, i = rng.choice(spots)
                text = (sei, mei)[k]
                text = text[:i] + rng.choice(self.variant_of[text[i]]) + text[i + 1:]
                sei, mei = (text, mei) if k == 0 else (sei, text)
                errors.append("itaiji")
        if rng.random() < rates["name_typo"]:
            spots = [i for i, c in enumerate(mei) if c != "々"]
            if spots:
                i = rng.choice(spots)
                c = rng.choice(self.name_kanji)
                if c != mei[i]:
                    mei = mei[:i] + c + mei[i + 1:]
                    errors.append("name_typo")
        if rng.random() < rates["kana"]:
            sk, mk, kind = self._kana(p, sk, mk)
            if kind:
                errors.append(kind)
        birth = p.birth
        if rng.random() < rates["date_swap"] and birth.day <= 12 and birth.day != birth.month:
            birth = datetime.date(birth.year, birth.day, birth.month)
            errors.append("date_swap")
        if rng.random() < rates["date_typo"]:
            typo = date_typo(birth, rng)
            if typo is not None and typo != birth:
                birth = typo
                errors.append("date_typo")
        form = "iso"
        if rng.random() < rates["date_format"]:
            form = self._weighted(self.setting["date_forms"])
            errors.append(form)
        birth_text = date_text(birth, form)
        sex = str(p.sex)
        if rng.random() < rates["sex_missing"]:
            sex = rng.choice(("", "0", "9"))
            errors.append("sex_missing")
        elif rng.random() < rates["sex_label"]:
            sex = rng.choice((("男", "男性"), ("女", "女性"))[p.sex - 1])
            errors.append("sex_label")
        address, katagaki = hh.address, hh.katagaki
        if rng.random() < rates["moved"]:
            address, katagaki = rng.choice(self.pop.addresses), ""
            errors.append("moved")
        if rng.random() < rates["address_form"]:
            v = address_variant(address, rng)
            if v is not None:
                address = v
                errors.append("address_form")
        if katagaki and rng.random() < rates["katagaki_dropped"]:
            katagaki = ""
            errors.append("katagaki_dropped")
        if rng.random() < rates["family_id"] and len(hh.members) > 1:
            pid = rng.choice([m for m in hh.members if m.pid != p.pid]).pid
            errors.append("family_id")
        sep = None
        if rng.random() < rates["name_space"]:
            sep = rng.choice((" ", ""))
            errors.append("name_space")
        full_address = address + ("　" + katagaki if katagaki else "")
        row = self._row(f"P{pid + 1:07d}", sei, mei, sk, mk, birth_text, sex, full_address, sep)
        return row, errors

    def _kana(self, p, sk, mk):
        """One kana variant that applies to this person's readings (or none)."""
        rng = self.rng
        applicable = {}
        both = sk + mk
        for kind, weight in self.setting["kana_forms"].items():
            if kind == "kana_small" and both != both.translate(SMALL_TO_LARGE):
                applicable[kind] = weight
            elif kind == "kana_long" and (p.sei_pron + p.mei_pron) != (p.sei_kana + p.mei_kana):
                applicable[kind] = weight
            elif kind == "kana_vu" and any(a in both for a, _ in VU):
                applicable[kind] = weight
            elif kind in ("kana_halfwidth", "kana_hiragana"):
                applicable[kind] = weight
        if not applicable:
            return sk, mk, None
        kind = self._weighted(applicable)
        if kind == "kana_small":
            return sk.translate(SMALL_TO_LARGE), mk.translate(SMALL_TO_LARGE), kind
        if kind == "kana_long":
            return p.sei_pron, p.mei_pron, kind
        if kind == "kana_vu":
            for a, b in VU:
                sk, mk = sk.replace(a, b), mk.replace(a, b)
            return sk, mk, kind
        if kind == "kana_halfwidth":
            return to_halfwidth(sk), to_halfwidth(mk), kind
        return to_hiragana(sk), to_hiragana(mk), kind


class CsvOut:
    """A CSV file written row by row (UTF-8, LF), its header first."""

    def __init__(self, path, header):
        self.f = open(path, "w", encoding="utf-8", newline="")
        self.w = csv.writer(self.f, lineterminator="\n")
        self.w.writerow(header)

    def row(self, values):
        self.w.writerow(values)

    def close(self):
        self.f.close()


def generate(args):
    t0 = time.time()
    setting = SETTINGS[args.setting]
    rng = random.Random(f"{args.seed}:{args.setting}:{args.mode}")
    surnames, given, name_kanji = load_names(args.dic)
    addresses = load_addresses(args.addresses)
    pop = Population(rng, setting, surnames, given, addresses)
    writer = Writer(rng, setting, pop, name_kanji, not args.no_id)
    os.makedirs(args.out, exist_ok=True)
    n = args.records
    assert n >= 1
    manifest = {"setting": args.setting, "mode": args.mode, "records": n, "seed": args.seed,
                "rates": setting["rates"], "layout": setting["layout"]}
    errors_seen = {}
    info = CsvOut(os.path.join(args.out, "rows.csv"), ["file", "row", "person", "household", "tags", "errors"])

    def count(errs):
        for e in errs:
            errors_seen[e] = errors_seen.get(e, 0) + 1

    if args.mode == "link":
        right_only = n - int(round(setting["overlap"] * n))
        total = n + right_only
        while len(pop.people) < total:
            pop.add_household()
        people = pop.people[:total]
        order = list(range(total))
        rng.shuffle(order)
        left_people = order[:n]
        right_people = left_people[: n - right_only] + order[n:]
        rng.shuffle(left_people)
        rng.shuffle(right_people)
        left_row = {}
        out = CsvOut(os.path.join(args.out, "left.csv"), writer.header())
        for i, pid in enumerate(left_people):
            p = people[pid]
            left_row[pid] = i + 2
            out.row(writer.clean(p))
            info.row(("left", i + 2, pid + 1, p.household + 1, p.tags, ""))
        out.close()
        truth = []
        out = CsvOut(os.path.join(args.out, "right.csv"), writer.header())
        for i, pid in enumerate(right_people):
            p = people[pid]
            row, errs = writer.copy(p)
            count(errs)
            out.row(row)
            errors = ";".join(errs)
            info.row(("right", i + 2, pid + 1, p.household + 1, p.tags, errors))
            if pid in left_row:
                truth.append((left_row[pid], i + 2, pid + 1, errors))
        out.close()
        truth.sort()
        out = CsvOut(os.path.join(args.out, "truth.csv"), ["left_row", "right_row", "person", "errors"])
        for t in truth:
            out.row(t)
        out.close()
        manifest.update({"left_rows": n, "right_rows": len(right_people), "true_pairs": len(truth),
                         "people": total})
    else:
        records = []  # (person id, is an error copy)
        while len(records) < n:
            hh = pop.add_household()
            for p in hh.members:
                for c in range(rng.choices(COPIES, COPY_WEIGHTS)[0]):
                    records.append((p.pid, c > 0))
        records = records[:n]
        rng.shuffle(records)
        out = CsvOut(os.path.join(args.out, "records.csv"), writer.header())
        truth = CsvOut(os.path.join(args.out, "truth.csv"), ["row", "person", "errors"])
        copies = {}
        for i, (pid, err) in enumerate(records):
            p = pop.people[pid]
            if err:
                row, errs = writer.copy(p)
                count(errs)
            else:
                row, errs = writer.clean(p), []
            out.row(row)
            errors = ";".join(errs)
            truth.row((i + 2, pid + 1, errors))
            info.row(("records", i + 2, pid + 1, p.household + 1, p.tags, errors))
            copies[pid] = copies.get(pid, 0) + 1
        out.close()
        truth.close()
        manifest.update({"rows": n, "people": len(copies),
                         "true_pairs": sum(k * (k - 1) // 2 for k in copies.values())})
    info.close()
    manifest["errors_applied"] = dict(sorted(errors_seen.items()))
    manifest["seconds"] = round(time.time() - t0, 2)
    manifest["cpu_seconds"] = round(time.process_time(), 2)
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--setting", choices=sorted(SETTINGS), default="hard")
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=33)
    ap.add_argument("--mode", choices=("link", "dedupe"), default="link")
    ap.add_argument("--out", required=True)
    ap.add_argument("--dic", default=DEFAULT_DIC)
    ap.add_argument("--addresses", default=DEFAULT_ADDRESSES)
    ap.add_argument("--no-id", action="store_true", help="leave the 宛名番号 column out")
    args = ap.parse_args()
    for path in (args.dic, args.addresses):
        if not os.path.exists(path):
            print(f"link_population.py: {path} is missing", file=sys.stderr)
            return 2
    m = generate(args)
    print(json.dumps({k: m[k] for k in m if k not in ("rates",)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
