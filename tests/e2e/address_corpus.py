#!/usr/bin/env python3
"""address_corpus.py — generates, at test time, the address test corpus of
`gifkit address normalize` (issue #4) from the REAL Address Base Registry rows
in ../shared/data/abr (nothing of it is stored in the project), each address
with the answer computed from the ABR row it was made from.

  address_corpus.py [--data SHARED_DATA] --out corpus.txt --expected expected.json

Five areas, rows picked deterministically (random.Random(SEED) shuffles the
eligible rows; each form then takes the next rows it applies to):
  bunkyo-rsdt      住居表示 of 文京区 (mt_rsdtdsp_rsdt_pref13: town + blk_num + rsdt_num)
  wakayama-rsdt    住居表示 of 和歌山市 (mt_rsdtdsp_rsdt_pref30)
  wakayama-parcel  地番 of 和歌山市 (mt_parcel_city302015: town + prc_num1/prc_num2)
  yakushima-parcel 地番 of 屋久島町 (mt_parcel_city465054; 屋久島町 is in 熊毛郡)
  wakayama-town    町字 rows (mt_town_pref30) of the OTHER cities of 和歌山県 (no
                   住居表示 or 地番 table is given for them)

Forms (how people write an address; each form's name is its family in the
summary): kanji 丁目 (一丁目), full-width digits, 1-2-3 with and without 都道府県,
full-width －, the many dashes (－ ― ‐ ー − – — ｰ ‑), kanji numerals
(十二番 and the 〇-style 二〇二番地), 番地 / 番地の / の / 番, spaces (half and
full width) between the parts, 〒 + postal code in front (the 町字's post_code,
only where the ABR has one), a building name after the number with and
without a space (half-width kana too), 大字/字 dropped or added, 郡 dropped,
ケ/ヶ/が, ノ/の/之, old kanji forms (濱 澤 邊 﨑 龍 …) and 縣/區 where the name
has one.

Expected answer of every address (all from its row):
  lg_code, machiaza_id  the row's.
  match_level
    residential_detail  a 住居表示 residence written with its 番 and 号 (any form);
    residential_block   a residence's block only (…一丁目12番, form block-only);
    parcel              a 地番 parcel of 和歌山市 or 屋久島町 (any form);
    machiaza            a town-only row of 町字区分 1 (大字・町), with or without a
                        number after it (no 地番 table is given for those cities, so
                        the number cannot be confirmed and the level stays 町字);
    machiaza_detail     a town-only row of 町字区分 2 (丁目) or 3 (小字).
  blk_num, rsdt_num, rsdt_num2 (empty) for residences; blk_num for a block;
  prc_num1, prc_num2, prc_num3 (empty) for parcels — half-width, as in the ABR;
  others = the building name, for a residence or parcel written with one
  (compared after NFKC with white space removed).

Rows are left out when the written address would be ambiguous or unsupported
in the data itself, so that every expectation has one right answer:
  - abolished rows (ablt_date set); numbers that are not plain digits (ﾛ, 乙);
    residences with a rsdt_num2; parcels with a prc_num3;
  - a 町字 whose folded name (NFKC, 大字/字 prefixes dropped, ケヶが, ノの之 and
    old kanji folded, 丁目 as a number) is shared by another 町字 of the city;
  - residences and parcels of a machiaza_id that the town table lists as both
    住居表示 and 地番 (same machiaza_id with rsdt_addr_flg 0 and 1);
  - residences of a town whose name without 丁目 is also a 町字 of its own (then
    白山1-2-3 could be a 地番), and residences of a town without 丁目 whose
    blk_num-rsdt_num is also a parcel of that 町字;
  - parcels of a town that has 丁目 or 住居表示 under the same name, and parcels
    whose rsdt_addr_flg is 1.
"""
import argparse
import collections
import functools
import csv
import io
import json
import os
import random
import sys
import unicodedata
import zipfile

SEED = 20260411
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "..", "shared", "data")

# Characters the normalizer is expected to fold (issue #4); used both to write
# the variant forms and to refuse rows whose folded names collide.
OLD_FORMS = {"県": "縣", "区": "區", "辺": "邊", "崎": "﨑", "沢": "澤", "浜": "濱",
             "竜": "龍", "広": "廣", "国": "國", "桜": "櫻", "関": "關", "条": "條",
             "瀬": "瀨", "高": "髙", "徳": "德", "蔵": "藏", "円": "圓", "峰": "峯"}
NEW_FORMS = {old: new for new, old in OLD_FORMS.items()}
FOLD_CHARS = dict(NEW_FORMS)
FOLD_CHARS.update({"ヶ": "ケ", "が": "ケ", "ガ": "ケ", "の": "ノ", "之": "ノ"})
DASHES = ["－", "―", "‐", "ー", "−", "–", "—", "ｰ", "‑"]
BUILDINGS = ["グランドハイツ201", "コーポ山田 3F", "ｺｰﾎﾟｻｸﾗ102号室", "山田ビル5階",
             "サンハイツ", "メゾン・ド・ソレイユ１０２", "第一ビル", "ﾊｲﾂ朝日 205"]
KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_number(n):
    """12 -> 十二, 202 -> 二百二, 1663 -> 千六百六十三 (positional)."""
    n = int(n)
    if n == 0:
        return "〇"
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if digit == 1 else KANJI_DIGITS[digit]) + unit
    return out + (KANJI_DIGITS[n] if n else "")


def kanji_digits(n):
    """202 -> 二〇二 (digit by digit, the 〇 style)."""
    return "".join(KANJI_DIGITS[int(d)] for d in str(int(n)))


def full_width(text):
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" or c == "-" else c for c in text)


@functools.lru_cache(maxsize=None)
def fold(text):
    text = unicodedata.normalize("NFKC", text)
    return "".join(FOLD_CHARS.get(c, c) for c in text)


def strip_aza(name):
    if name.startswith("大字"):
        return name[2:]
    if name.startswith("字"):
        return name[1:]
    return name


def read_table(path):
    with zipfile.ZipFile(path) as archive:
        name = archive.namelist()[0]
        with archive.open(name) as raw:
            return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


class Town:
    """A 町字 row of mt_town (the first one of its lg_code + machiaza_id)."""

    def __init__(self, row):
        self.row = row
        self.lg_code = row["lg_code"]
        self.machiaza_id = row["machiaza_id"]
        self.type = row["machiaza_type"]
        self.pref, self.county, self.city = row["pref"], row["county"], row["city"]
        self.oaza, self.koaza = row["oaza_cho"], row["koaza"]
        self.chome = int(row["chome_number"]) if row["chome_number"] else None
        self.post_code = row["post_code"]
        self.flags = {row["rsdt_addr_flg"]}
        self.abolished = bool(row["ablt_date"])

    def key(self):
        return (fold(strip_aza(self.oaza)), self.chome, fold(strip_aza(self.koaza)))


def load_towns(paths):
    towns = {}
    for path in paths:
        for row in read_table(path):
            key = (row["lg_code"], row["machiaza_id"])
            if key in towns:
                towns[key].flags.add(row["rsdt_addr_flg"])
            else:
                towns[key] = Town(row)
    return towns


def unique_towns(towns):
    """(lg_code, machiaza_id) of the towns whose folded name is their own in the city."""
    by_name = collections.defaultdict(set)
    for town in towns.values():
        by_name[(town.lg_code,) + town.key()].add(town.machiaza_id)
    return {(t.lg_code, t.machiaza_id) for t in towns.values()
            if len(by_name[(t.lg_code,) + t.key()]) == 1}


# ---------------------------------------------------------------- writing


class Address:
    """The parts of one address, then written in a form."""

    def __init__(self, town, kind, numbers):
        self.town = town
        self.kind = kind            # rsdt, block, parcel, town
        self.numbers = numbers      # [blk, rsdt] / [blk] / [prc1, prc2 or ""] / []
        self.pref = town.pref
        self.county = town.county
        self.city = town.city
        self.oaza = town.oaza
        self.koaza = town.koaza
        self.chome = town.chome
        self.chome_style = "kanji"  # kanji 一丁目, full １丁目, half 1丁目
        self.digits = "half"        # half, full, kanji, kanji-digits
        self.style = "jp"           # jp (番/号, 番地), hyphen, chome-hyphen, banchi, banchi-no, no, ban
        self.dash = "-"
        self.sep = ""               # between the parts
        self.with_pref = True
        self.with_county = True
        self.postal = None
        self.building = None
        self.building_sep = ""

    def number(self, n):
        if self.digits == "full":
            return full_width(n)
        if self.digits == "kanji":
            return kanji_number(n)
        if self.digits == "kanji-digits":
            return kanji_digits(n)
        return n

    def chome_text(self):
        if self.chome is None:
            return ""
        if self.chome_style == "kanji":
            return kanji_number(self.chome) + "丁目"
        if self.chome_style == "full":
            return full_width(str(self.chome)) + "丁目"
        return str(self.chome) + "丁目"

    def number_text(self):
        nums = [self.number(n) for n in self.numbers if n]
        if not nums:
            return ""
        if self.style == "hyphen":
            return self.dash.join(nums)
        if self.kind in ("rsdt", "block"):
            if self.style == "banchi" and len(nums) == 2:
                return f"{nums[0]}番地{nums[1]}"
            if self.style in ("chome-hyphen",):
                return self.dash.join(nums)
            return nums[0] + "番" + (nums[1] + "号" if len(nums) > 1 else "")
        # parcel or a number after a town
        tail = {"jp": "番地{}", "banchi": "番地{}", "banchi-no": "番地の{}", "no": "の{}",
                "ban": "番{}"}[self.style]
        return nums[0] + (tail.format(nums[1]) if len(nums) > 1 else
                          ("" if self.style == "no" else tail.format("")))

    def text(self):
        parts = []
        if self.with_pref:
            parts.append(self.pref)
        city = (self.county if self.with_county else "") + self.city
        parts.append(city)
        town = self.oaza
        if self.style == "hyphen" and self.chome is not None:
            # 1-2-3: the 丁目 becomes the first number
            town += self.koaza
            numbers = self.number(str(self.chome)) + self.dash + self.number_text()
            parts += [town, numbers]
        else:
            town += self.chome_text() + self.koaza
            parts += [town, self.number_text()]
        text = self.sep.join(p for p in parts if p)
        if self.building:
            text += self.building_sep + self.building
        if self.postal:
            text = self.postal + text
        return text


def swap_chars(name, table):
    return "".join(table.get(c, c) for c in name)


def has_any(name, chars):
    return any(c in name for c in chars)


def old_kanji_applies(a):
    return has_any(a.oaza + a.koaza, set(OLD_FORMS) | set(NEW_FORMS))


def old_kanji(a, i):
    table = dict(OLD_FORMS)
    table.update(NEW_FORMS)
    a.oaza, a.koaza = swap_chars(a.oaza, table), swap_chars(a.koaza, table)


def ke_applies(a):
    return has_any(a.oaza + a.koaza, "ケヶ")


def ke_variant(a, i):
    table = {"ケ": "ヶ", "ヶ": "ケ"} if i % 2 == 0 else {"ケ": "が", "ヶ": "が"}
    a.oaza, a.koaza = swap_chars(a.oaza, table), swap_chars(a.koaza, table)


def no_applies(a):
    return has_any(a.oaza + a.koaza, "ノの之")


def no_variant(a, i):
    table = {"ノ": "の", "の": "ノ", "之": "ノ"}
    a.oaza, a.koaza = swap_chars(a.oaza, table), swap_chars(a.koaza, table)


def set_attrs(**values):
    def apply(a, i):
        for name, value in values.items():
            setattr(a, name, value)
    return apply


def dashes(a, i):
    a.style, a.dash = "hyphen", DASHES[i % len(DASHES)]


def full_hyphen(a, i):
    a.style, a.dash, a.digits, a.chome_style = "hyphen", "－", "full", "full"


def spaces(a, i):
    a.sep = " " if i % 2 == 0 else "　"


def postal(a, i):
    code = a.town.post_code
    a.postal = ["〒{}-{} ", "〒{}{}", "〒{}-{}　", "{}-{} "][i % 4].format(code[:3], code[3:])


def building(space, hyphen_too=True):
    def apply(a, i):
        a.building = BUILDINGS[i % len(BUILDINGS)]
        a.building_sep = (" " if i % 2 == 0 else "　") if space else ""
        if hyphen_too and i % 3 == 1:
            a.style, a.dash = "hyphen", "-"
    return apply


def drop_oaza_prefix(a, i):
    a.oaza = a.oaza[2:]


def add_oaza_prefix(a, i):
    if a.oaza:
        a.oaza = "大字" + a.oaza
    else:
        a.koaza = "字" + a.koaza


def drop_aza_prefix(a, i):
    a.koaza = a.koaza[1:]


def old_pref(a, i):
    a.pref = a.pref.replace("県", "縣")
    a.city = a.city.replace("区", "區")


def always(a):
    return True


def has_post_code(a):
    return len(a.town.post_code) == 7


# name, applies(address), change(address, i), expected kind override
COMMON_FORMS = [
    ("canonical", always, set_attrs(chome_style="kanji")),
    ("full-width", always, set_attrs(chome_style="full", digits="full")),
    ("hyphen-no-pref", always, set_attrs(style="hyphen", with_pref=False)),
    ("hyphen-full-width", always, full_hyphen),
    ("dashes", always, dashes),
    ("kanji-numbers", always, set_attrs(digits="kanji")),
    ("kanji-digits", always, set_attrs(digits="kanji-digits")),
    ("spaces", always, spaces),
    ("postal-code", has_post_code, postal),
    ("building-space", always, building(True)),
    ("building-no-space", always, building(False)),
    ("old-kanji", old_kanji_applies, old_kanji),
    ("ke-variant", ke_applies, ke_variant),
    ("no-variant", no_applies, no_variant),
    ("old-pref-city", lambda a: "県" in a.pref or a.city.endswith("区"), old_pref),
]
RSDT_FORMS = COMMON_FORMS + [
    ("chome-hyphen", lambda a: a.chome is not None, set_attrs(style="chome-hyphen")),
    ("banchi", always, set_attrs(style="banchi")),
    ("half-width-chome", lambda a: a.chome is not None,
     set_attrs(chome_style="half", with_pref=False)),
]
PARCEL_FORMS = COMMON_FORMS + [
    ("banchi-no", lambda a: bool(a.numbers[1]), set_attrs(style="banchi-no")),
    ("no", lambda a: bool(a.numbers[1]), set_attrs(style="no")),
    ("ban", always, set_attrs(style="ban")),
    ("no-county", lambda a: bool(a.county), set_attrs(with_county=False)),
    ("add-oaza-prefix", lambda a: not a.oaza.startswith("大字") and not a.koaza,
     add_oaza_prefix),
    ("add-aza-prefix", lambda a: not a.oaza and not a.koaza.startswith("字"),
     add_oaza_prefix),
]
TOWN_FORMS = [
    ("canonical", always, set_attrs()),
    ("no-pref", always, set_attrs(with_pref=False)),
    ("no-county", lambda a: bool(a.county), set_attrs(with_county=False)),
    ("no-county-no-pref", lambda a: bool(a.county), set_attrs(with_county=False, with_pref=False)),
    ("drop-oaza-prefix", lambda a: a.oaza.startswith("大字"), drop_oaza_prefix),
    ("drop-aza-prefix", lambda a: a.koaza.startswith("字"), drop_aza_prefix),
    ("chome-full-width", lambda a: a.chome is not None, set_attrs(chome_style="full")),
    ("chome-half-width", lambda a: a.chome is not None, set_attrs(chome_style="half")),
    ("with-number", always, None),
    ("with-number-building", always, None),
    ("spaces", always, spaces),
    ("postal-code", has_post_code, postal),
    ("old-kanji", old_kanji_applies, old_kanji),
    ("ke-variant", ke_applies, ke_variant),
    ("no-variant", no_applies, no_variant),
    ("old-pref", always, old_pref),
]
BLOCK_FORM = ("block-only", always, set_attrs())


# ---------------------------------------------------------------- row selection


def numeric(*values):
    return all(v.isdigit() for v in values if v)


def rsdt_candidates(rows, towns, unique, parcels_by_machiaza, names_without_chome):
    out = []
    for row in rows:
        key = (row["lg_code"], row["machiaza_id"])
        town = towns.get(key)
        if (town is None or town.abolished or row["ablt_date"] or row["rsdt_num2"]
                or key not in unique or town.flags != {"1"}
                or not numeric(row["blk_num"], row["rsdt_num"]) or not row["rsdt_num"]):
            continue
        if town.chome is not None:
            if (town.lg_code, fold(strip_aza(town.oaza))) in names_without_chome:
                continue
        elif (row["blk_num"], row["rsdt_num"]) in parcels_by_machiaza.get(key, ()):
            continue
        out.append((town, [row["blk_num"], row["rsdt_num"]], row))
    return out


def parcel_candidates(rows, towns, unique, names_with_rsdt_or_chome):
    out = []
    for row in rows:
        key = (row["lg_code"], row["machiaza_id"])
        town = towns.get(key)
        if (town is None or town.abolished or row["ablt_date"] or row["prc_num3"]
                or key not in unique or town.flags != {"0"} or row["rsdt_addr_flg"] != "0"
                or not row["prc_num1"] or not numeric(row["prc_num1"], row["prc_num2"])
                or town.chome is not None
                or (town.lg_code, fold(strip_aza(town.oaza or town.koaza)))
                in names_with_rsdt_or_chome):
            continue
        out.append((town, [row["prc_num1"], row["prc_num2"]], row))
    return out


def expected_for(town, kind, numbers):
    exp = {"lg_code": town.lg_code, "machiaza_id": town.machiaza_id}
    if kind == "rsdt":
        exp.update(match_level="residential_detail", blk_num=numbers[0], rsdt_num=numbers[1],
                   rsdt_num2="")
    elif kind == "block":
        exp.update(match_level="residential_block", blk_num=numbers[0])
    elif kind == "parcel":
        exp.update(match_level="parcel", prc_num1=numbers[0], prc_num2=numbers[1], prc_num3="")
    else:
        exp["match_level"] = "machiaza" if town.type == "1" else "machiaza_detail"
    return exp


def pick(area, candidates, forms, per_form, kind, rng, out):
    """Each form takes the next per_form candidates it applies to, in an order
    shuffled once and then interleaved across the cities (so that the many
    small 字 of one town do not crowd out the other cities)."""
    by_city = collections.defaultdict(list)
    for index, (town, _numbers, _row) in enumerate(candidates):
        by_city[town.lg_code].append(index)
    queues = []
    for lg_code in sorted(by_city):
        rng.shuffle(by_city[lg_code])
        queues.append(by_city[lg_code])
    order = [q[i] for i in range(max(len(q) for q in queues)) for q in queues if i < len(q)]
    cursor = 0
    for name, applies, change in forms:
        taken, tried = 0, 0
        while taken < per_form and tried < len(order):
            town, numbers, _row = candidates[order[cursor % len(order)]]
            cursor += 1
            tried += 1
            row_kind = kind
            nums = list(numbers)
            if name == "block-only":
                row_kind, nums = "block", nums[:1]
            if kind == "town":
                nums = []
                if name.startswith("with-number"):
                    nums = [str(int(town.machiaza_id) % 997 + 1), ""]
            address = Address(town, row_kind, nums)
            if not applies(address):
                continue
            if change is not None:
                change(address, taken)
            if name == "with-number-building":
                building(True, hyphen_too=False)(address, taken)
            text = address.text()
            expect = expected_for(town, row_kind, nums if kind != "town" else [])
            if address.building and kind != "town":
                expect["others"] = address.building
            out.append({"area": area, "form": name, "input": text, "expect": expect})
            taken += 1


def generate(data_dir):
    abr = os.path.join(data_dir, "abr")
    rng = random.Random(SEED)
    towns = load_towns([os.path.join(abr, "bunkyo", "mt_town_all.csv.zip"),
                        os.path.join(abr, "wakayama", "mt_town_pref30.csv.zip"),
                        os.path.join(abr, "yakushima", "mt_town_all.csv.zip")])
    unique = unique_towns(towns)
    names_without_chome = {(t.lg_code, fold(strip_aza(t.oaza))) for t in towns.values()
                           if t.chome is None}
    names_with_rsdt_or_chome = {(t.lg_code, fold(strip_aza(t.oaza or t.koaza)))
                                for t in towns.values() if t.chome is not None or "1" in t.flags}
    wakayama_parcels = read_table(os.path.join(abr, "wakayama", "mt_parcel_city302015.csv.zip"))
    parcels_by_machiaza = collections.defaultdict(set)
    for row in wakayama_parcels:
        parcels_by_machiaza[(row["lg_code"], row["machiaza_id"])].add(
            (row["prc_num1"], row["prc_num2"]))
    corpus = []
    bunkyo = read_table(os.path.join(abr, "bunkyo", "mt_rsdtdsp_rsdt_pref13.csv.zip"))
    pick("bunkyo-rsdt",
         rsdt_candidates(bunkyo, towns, unique, parcels_by_machiaza, names_without_chome),
         RSDT_FORMS + [BLOCK_FORM], 4, "rsdt", rng, corpus)
    wakayama = read_table(os.path.join(abr, "wakayama", "mt_rsdtdsp_rsdt_pref30.csv.zip"))
    wakayama = [r for r in wakayama if r["lg_code"] == "302015"]
    pick("wakayama-rsdt",
         rsdt_candidates(wakayama, towns, unique, parcels_by_machiaza, names_without_chome),
         RSDT_FORMS + [BLOCK_FORM], 4, "rsdt", rng, corpus)
    pick("wakayama-parcel",
         parcel_candidates(wakayama_parcels, towns, unique, names_with_rsdt_or_chome),
         PARCEL_FORMS, 4, "parcel", rng, corpus)
    yakushima = read_table(os.path.join(abr, "yakushima", "mt_parcel_city465054.csv.zip"))
    pick("yakushima-parcel",
         parcel_candidates(yakushima, towns, unique, names_with_rsdt_or_chome),
         PARCEL_FORMS, 4, "parcel", rng, corpus)
    others = [(t, [], t.row) for k, t in sorted(towns.items())
              if t.pref == "和歌山県" and t.lg_code != "302015" and not t.abolished
              and k in unique and t.type in ("1", "2", "3")]
    pick("wakayama-town", others, TOWN_FORMS, 5, "town", rng, corpus)
    return corpus


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--out", required=True, help="the addresses, one a line")
    parser.add_argument("--expected", required=True, help="JSON list: area, form, input, expect")
    args = parser.parse_args()
    corpus = generate(os.path.abspath(args.data))
    with open(args.out, "w", encoding="utf-8") as f:
        f.writelines(entry["input"] + "\n" for entry in corpus)
    with open(args.expected, "w", encoding="utf-8") as f:
        json.dump(corpus, f, ensure_ascii=False, indent=0)
    counts = collections.Counter(entry["area"] for entry in corpus)
    print(f"{len(corpus)} addresses: " + ", ".join(f"{a} {n}" for a, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
