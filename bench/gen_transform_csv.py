#!/usr/bin/env python3
"""gen_transform_csv.py — writes a non-compliant 法人 export of N rows for the
`gifkit transform` benchmark (issue #12): the kind of file a 法人 system or the
Digital Agency's service ③ exports, which transform rewrites into gif:LegalEntity.

Headers are not GIF names but ones the model lists as aliases, so transform
renames them (法人番号（13桁）, 名称, フリガナ, 設立日, 市区町村, 番地, 電話番号,
ホームページ); 組織種別, 郵便番号, 都道府県 and 町字 are already GIF names. The values
are taken from the real National Tax Agency rows in ../shared/data/houjin/samples
(name, furigana, kind, prefecture, city, street, postal code; as
gen_corporate_csv.py reads them) and written the way such exports write them:

  法人番号（13桁）  13 digits with a valid check digit, distinct per row
  名称            the real name as published
  フリガナ         the real furigana in half-width kana (ｶﾌﾞｼｷｶﾞｲｼｬ…)
  組織種別         the label of the 法人種別 code (株式会社, not 301), from
                  houjin/samples/code4fukui_gBizINFO_kind.csv
  設立日           50 % slash dates (2015/4/1), 25 % 和暦 (平成27年4月1日, 元年),
                  15 % abbreviated 和暦 (H27.4.1), 10 % already YYYY-MM-DD;
                  one row in 200 an impossible slash date (2019/2/30: review)
  郵便番号         〒113-0034 (80 %) or 113-0034
  都道府県/市区町村/町字  the real ones (町字 up to 丁目, or up to the first digit)
  番地            the rest of the real street, full-width (６番２号, １番地)
  電話番号         0AA-LLLL-NNNN, in full-width digits in half of the rows
  ホームページ      https://www.exampleN.co.jp/

Deterministic (fixed seed): the same ROWS give the same bytes.

  gen_transform_csv.py ROWS OUT.csv [--data ../shared/data]
"""
import argparse
import csv
import datetime
import os
import random
import unicodedata

from gen_corporate_csv import corporate_number, load_samples, phone_number, write_csv

HEADER = ["法人番号（13桁）", "名称", "フリガナ", "組織種別", "設立日", "郵便番号", "都道府県",
          "市区町村", "町字", "番地", "電話番号", "ホームページ"]

HALF_KANA = str.maketrans(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ァィゥェォッャュョー・\u3099\u309a",
    "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
    "ｧｨｩｪｫｯｬｭｮｰ･ﾞﾟ")
FULL_DIGITS = str.maketrans("0123456789-", "０１２３４５６７８９－")

# (first day, name, abbreviation) of the eras a 1950–2024 date can fall in.
ERAS = [(datetime.date(2019, 5, 1), "令和", "R"), (datetime.date(1989, 1, 8), "平成", "H"),
        (datetime.date(1926, 12, 25), "昭和", "S")]


def half_width_kana(text):
    """ガ → ｶﾞ: decompose the voiced marks, then map every katakana to half width."""
    return unicodedata.normalize("NFD", text).translate(HALF_KANA)


def kind_labels(data_dir):
    """法人種別 code → label (301 → 株式会社) from the published code table."""
    path = os.path.join(data_dir, "houjin", "samples", "code4fukui_gBizINFO_kind.csv")
    labels = {"101": "国の機関", "201": "地方公共団体", "301": "株式会社", "302": "有限会社",
              "303": "合名会社", "304": "合資会社", "305": "合同会社",
              "399": "その他の設立登記法人", "401": "外国会社等", "499": "その他"}
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            labels.update({row["name"]: row["label"] for row in csv.DictReader(f)})
    return labels


def split_street(street):
    """'湯島２丁目６番２号' -> ('湯島２丁目', '６番２号'): the 町字, then the rest as written."""
    if "丁目" in street:
        town, rest = street.split("丁目", 1)
        return town + "丁目", rest.translate(FULL_DIGITS)
    cut = next((i for i, c in enumerate(street) if unicodedata.category(c) == "Nd"), len(street))
    return street[:cut], street[cut:].translate(FULL_DIGITS)


def era_date(day, abbreviated):
    """2015-04-01 -> 平成27年4月1日 (or H27.4.1); year 1 is 元年."""
    start, name, letter = next(era for era in ERAS if day >= era[0])
    year = day.year - start.year + 1
    if abbreviated:
        return f"{letter}{year}.{day.month}.{day.day}"
    return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"


def established(rng, i):
    if i % 200 == 13:
        return "2019/2/30"
    day = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(27028))  # to 2023-12-31
    form = rng.random()
    if form < 0.50:
        return f"{day.year}/{day.month}/{day.day}"
    if form < 0.75:
        return era_date(day, abbreviated=False)
    if form < 0.90:
        return era_date(day, abbreviated=True)
    return day.isoformat()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                        "shared", "data"))
    args = parser.parse_args()
    rng = random.Random(20241201)
    samples = load_samples(args.data)
    labels = kind_labels(args.data)

    def rows():
        for i in range(args.rows):
            name, kana, kind, pref, city, street, post = samples[i % len(samples)]
            town, block = split_street(street)
            post = f"{post[:3]}-{post[3:]}"
            if rng.random() < 0.8:
                post = "〒" + post
            phone = phone_number(rng)
            if rng.random() < 0.5:
                phone = phone.translate(FULL_DIGITS)
            yield [corporate_number(i), name, half_width_kana(kana), labels.get(kind, kind),
                   established(rng, i), post, pref, city, town, block, phone,
                   f"https://www.example{i % 1000}.co.jp/"]

    write_csv(args.out, HEADER, rows())


if __name__ == "__main__":
    main()
