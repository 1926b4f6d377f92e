#!/usr/bin/env python3
"""name_reading_pairs.py — pairs of a person's name and a カナ with known truth, for the
name-reading benchmark (issue #57; docs/performance.md "Name readings with known truth").

Built from the public dictionaries the check reads (never from our measuring set):
ENAMDICT (Debian's enamdict, EUC-JP) and NAIST-jdic's persons' names.
- japanese: a 氏 (ENAMDICT `s`, NAIST 姓) and a 名 (`g`, `f`, `m`, NAIST 名) with one of their
  readings, as 氏, as 名, and as a 氏名 with and without its spaces (hiragana, half-width kana
  in some rows); a famous person's 氏名 (`h`) as written.
- foreign: a katakana name of ENAMDICT with its Latin gloss (`ジョエル /(m) Joel/`), one word,
  or a given name and a surname together (either order on the Latin side, `・`, `＝` or a
  space between the katakana words, upper or mixed case, half- or full-width), a famous
  person's full name (`アーサー・コナン・ドイル /(h) Arthur Conan Doyle/`); and Japanese names
  in romaji (ENAMDICT's gloss of a kanji name: `Tanaka` / タナカ).
A wrong pair gives a name the reading of another name of about the same length (±1 kana)
that none of the dictionaries gives it.

Held out: a headword whose hash (below) falls in the first --held-out percent is "held-out":
the benchmark builds the dictionaries without it (its headword is listed in HELD_OUT), so it
is judged as a name nobody knows. Every row says which.

usage: name_reading_pairs.py OUT_TSV HELD_OUT [--per-set N] [--held-out 10] [--seed 57]
OUT_TSV: kind, form, set (known|held-out), name, kana, truth (1 right, 0 wrong)
"""
import argparse
import hashlib
import random
import re
import subprocess
import unicodedata
from collections import defaultdict

ENAMDICT = "/usr/share/edict/enamdict"
NAIST = "/usr/share/chasen/dic/naist-jdic-utf8/naist-jdic.dic"
KATA = re.compile(r"[ァ-ヺー]+")
KATA_NAME = re.compile(r"[ァ-ヺー]+(?:[・＝][ァ-ヺー]+)*")
KANJI_NAME = re.compile(r"[一-鿿々〆ヶ㐀-䶿豈-﫿][一-鿿々〆ヶ㐀-䶿豈-﫿ぁ-ゖァ-ヺー]*")
LATIN_WORD = re.compile(r"[A-Za-z][a-z]+")
NAIST_LINE = re.compile(r"^\(品詞 \(名詞 固有名詞 人名 (姓|名)\)\) \(\(見出し語 \(([^ ()]+) \d+\)\) "
                        r"\(読み \{?([^ ()}]+)\}?\)")


def katakana(text):
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def hiragana(text):
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def half_width_table():
    """Full-width katakana → half-width, voiced ones as their base and ﾞ or ﾟ (from Unicode's
    own compatibility mappings)."""
    table = {}
    for code in range(0xFF66, 0xFF9E):
        half = chr(code)
        table[unicodedata.normalize("NFKC", half)] = half
    for code in range(ord("ァ"), ord("ヺ") + 1):
        full = chr(code)
        parts = unicodedata.normalize("NFD", full)
        if len(parts) == 2 and parts[0] in table and parts[1] in ("\u3099", "\u309a"):
            table[full] = table[parts[0]] + ("ﾞ" if parts[1] == "\u3099" else "ﾟ")
    return table


HALF = half_width_table()


def half_width(text):
    return "".join(HALF.get(c, c) for c in text)


def fold(reading):
    """A rough fold for telling two readings apart (the check's own is stricter)."""
    r = katakana(reading).replace("ー", "").replace("ヴ", "ブ").replace("ヂ", "ジ").replace("ヅ", "ズ")
    small = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
    return r.translate(small)


def held(headword, percent):
    digest = hashlib.sha1(headword.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


def read_enamdict():
    text = subprocess.run(["iconv", "-f", "EUC-JP", "-t", "UTF-8", ENAMDICT], check=True,
                          capture_output=True).stdout.decode("utf-8")
    japanese = {"s": defaultdict(set), "g": defaultdict(set), "h": defaultdict(set)}
    foreign = {"s": defaultdict(set), "g": defaultdict(set), "h": defaultdict(set)}
    romaji = defaultdict(set)  # (kanji, reading) → romanised glosses
    for line in text.splitlines()[1:]:
        m = re.match(r"^(\S+) (?:\[(\S+)\] )?/(.*)/$", line)
        if not m:
            continue
        head, reading, body = m.groups()
        for gloss in body.split("/"):
            t = re.match(r"\(([a-z,]+)\) (.*)", gloss)
            if not t:
                continue
            tags = set(t.group(1).split(","))
            parts = [p for p in ("s", "g", "h") if p in tags or (p == "g" and tags & {"f", "m"})]
            if not parts:
                continue
            words = re.sub(r"\(.*?\)", "", t.group(2)).split()
            if reading and KANJI_NAME.fullmatch(head) and re.fullmatch(r"[ぁ-ゖァ-ヺー]+", reading):
                for p in parts:
                    japanese[p][head].add(katakana(reading))
                if len(words) == 1 and LATIN_WORD.fullmatch(words[0]) and "h" not in parts:
                    romaji[(head, katakana(reading))].add(words[0])
            elif reading is None and KATA_NAME.fullmatch(head) and words and \
                    all(LATIN_WORD.fullmatch(w) for w in words):
                kana_words = re.split(r"[・＝]", head)
                if len(kana_words) != len(words):
                    continue
                for p in parts:
                    foreign[p][head].add(" ".join(words))
    return japanese, foreign, romaji


def read_naist(japanese):
    with open(NAIST, encoding="utf-8") as f:
        for line in f:
            m = NAIST_LINE.match(line)
            if m and KANJI_NAME.fullmatch(m.group(2)):
                part = "s" if m.group(1) == "姓" else "g"
                for reading in m.group(3).split("/"):
                    japanese[part][m.group(2)].add(katakana(reading))


def wrong_reading(rng, readings_of, name, by_length, length):
    """Another name's reading of about this length, none of name's own."""
    own = {fold(r) for r in readings_of[name]}
    for _ in range(50):
        pool = by_length.get(length + rng.choice((-1, 0, 0, 1)))
        if not pool:
            continue
        reading = rng.choice(pool)
        if fold(reading) not in own:
            return reading
    return None


def by_length_of(readings_of):
    table = defaultdict(list)
    for readings in readings_of.values():
        for r in readings:
            table[len(r)].append(r)
    return table


def kana_form(rng, kana):
    roll = rng.random()
    if roll < 0.1:
        return hiragana(kana)
    if roll < 0.2:
        return half_width(kana)
    return kana


def japanese_pairs(rng, japanese, percent, per_set, rows):
    families, givens = japanese["s"], japanese["g"]
    lengths = {p: by_length_of(japanese[p]) for p in ("s", "g")}
    for subset in ("known", "held-out"):
        want = subset == "held-out"
        fam = sorted(n for n in families if held(n, percent) == want)
        giv = sorted(n for n in givens if held(n, percent) == want)
        for form in ("family", "given", "full", "full-unspaced"):
            for i in range(per_set):
                truth = i % 2 == 0
                f = rng.choice(fam)
                g = rng.choice(giv)
                fr = rng.choice(sorted(families[f]))
                gr = rng.choice(sorted(givens[g]))
                if not truth:
                    # the wrong reading of one part (of 氏 for "family", of 名 for "given", either for a 氏名)
                    swap = "s" if form == "family" or (form != "given" and rng.random() < 0.5) else "g"
                    if swap == "s":
                        fr = wrong_reading(rng, families, f, lengths["s"], len(fr))
                    else:
                        gr = wrong_reading(rng, givens, g, lengths["g"], len(gr))
                    if fr is None or gr is None:
                        continue
                if form == "family":
                    name, kana = f, fr
                elif form == "given":
                    name, kana = g, gr
                elif form == "full":
                    space = rng.choice((" ", "　"))
                    name, kana = f + space + g, fr + space + gr
                else:
                    name, kana = f + g, fr + gr
                rows.append(("japanese", form, subset, name, kana_form(rng, kana), int(truth)))
        famous = sorted(n for n in japanese["h"] if held(n, percent) == want)
        lengths_h = by_length_of(japanese["h"])
        for i in range(per_set):
            truth = i % 2 == 0
            n = rng.choice(famous)
            r = rng.choice(sorted(japanese["h"][n]))
            if not truth:
                r = wrong_reading(rng, japanese["h"], n, lengths_h, len(r))
                if r is None:
                    continue
            rows.append(("japanese", "famous-full", subset, n, kana_form(rng, r), int(truth)))


def latin_case(rng, text):
    text = text.upper() if rng.random() < 0.6 else text
    if rng.random() < 0.3:  # full-width
        text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("　" if c == " " else c)
                       for c in text)
    return text


def foreign_pairs(rng, foreign, romaji, percent, per_set, rows):
    sur, giv, famous = foreign["s"], foreign["g"], foreign["h"]
    words = {}  # katakana word → its Latin spellings (one-word entries of any part)
    for table in (sur, giv):
        for kana, latins in table.items():
            if "・" not in kana:
                words.setdefault(kana, set()).update(latins)
    lengths = by_length_of({k: {k} for k in words})
    for subset in ("known", "held-out"):
        want = subset == "held-out"
        pool = sorted(k for k in words if "・" not in k and held(k, percent) == want)
        s_pool = sorted(k for k in sur if k in words and held(k, percent) == want)
        g_pool = sorted(k for k in giv if k in words and held(k, percent) == want)
        for form in ("word", "given-family", "family-given"):
            for i in range(per_set):
                truth = i % 2 == 0
                if form == "word":
                    chosen = [rng.choice(pool)]
                else:
                    chosen = [rng.choice(g_pool), rng.choice(s_pool)]
                latin = [rng.choice(sorted(words[k])) for k in chosen]
                kana = list(chosen)
                if not truth:
                    at = rng.randrange(len(kana))
                    other = wrong_reading(rng, {kana[at]: {kana[at]}}, kana[at], lengths,
                                          len(kana[at]))
                    if other is None or any(l.lower() in {x.lower() for x in words.get(other, ())}
                                            for l in latin):
                        continue
                    kana[at] = other
                if form == "family-given":
                    latin = latin[::-1]
                sep = rng.choice(("・", " ", "　", "＝"))
                rows.append(("foreign", form, subset, latin_case(rng, " ".join(latin)),
                             kana_form(rng, sep.join(kana)), int(truth)))
        names = sorted(k for k in famous if held(k, percent) == want)
        for i in range(per_set):
            truth = i % 2 == 0
            k = rng.choice(names)
            latin = rng.choice(sorted(famous[k]))
            kana = k
            if not truth:
                other = rng.choice(names)
                if other == k or latin in famous[other]:
                    continue
                kana = other
            rows.append(("foreign", "famous-full", subset, latin_case(rng, latin),
                         kana_form(rng, kana), int(truth)))
        pairs = sorted(p for p in romaji if held(p[0], percent) == want)
        readings = defaultdict(set)
        for head, reading in romaji:
            readings[head].add(reading)
        r_lengths = by_length_of(readings)
        for i in range(per_set):
            truth = i % 2 == 0
            head, reading = rng.choice(pairs)
            latin = rng.choice(sorted(romaji[(head, reading)]))
            if not truth:
                reading = wrong_reading(rng, readings, head, r_lengths, len(reading))
                if reading is None:
                    continue
            rows.append(("foreign", "romaji", subset, latin_case(rng, latin),
                         kana_form(rng, reading), int(truth)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("held_out_file")
    parser.add_argument("--per-set", type=int, default=2000)
    parser.add_argument("--held-out", dest="percent", type=int, default=10)
    parser.add_argument("--seed", type=int, default=57)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    japanese, foreign, romaji = read_enamdict()
    read_naist(japanese)
    rows = []
    japanese_pairs(rng, japanese, args.percent, args.per_set, rows)
    foreign_pairs(rng, foreign, romaji, args.percent, args.per_set, rows)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("kind\tform\tset\tname\tkana\ttruth\n")
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")
    heads = set()
    for table in list(japanese.values()) + list(foreign.values()):
        heads.update(h for h in table if held(h, args.percent))
    heads.update(h for h, _ in romaji if held(h, args.percent))
    with open(args.held_out_file, "w", encoding="utf-8") as f:
        for h in sorted(heads):
            f.write(h + "\n")
    print(f"{len(rows)} pairs, {len(heads)} headwords held out")


if __name__ == "__main__":
    main()
