#!/usr/bin/env python3
"""opendata_models.py — writes models/opendata/*.xml, gifkit's models of the
municipal standard datasets, from the item-definition sheets in
../shared/data/opendata-spec (see its README): the 推奨データセット 第2.1版
(old, ids suisho:<kind>) and the 自治体標準オープンデータセット (new, ids
opendata:<kind>). Run it again when the sheets change; the models are
committed, the sheets are not.

    python3 scripts/opendata_models.py ../shared/data/opendata-spec models/opendata

How a sheet becomes a model:
  区分 ◎ / 必須 → min="1"; ○ / 〇 / 推奨 → <recommend>; 注N / 任意 / blank → optional
  (注N items are conditional: their footnotes are in common-rules.md A.4).
  形式 and the item name → the value type (全国地方公共団体コード, 電話番号, 緯度 …).
  有無 items (共通ルール「有無を記載する項目」, 統制語彙) → values="有|無";
  「対応あり：1、対応なし：空文字」 → values="1".
  new sheets: the 所在地_* block (and 町字ID, 建物名等(方書)) is a gif:Address part
  「所在地」, so the address checks of gif:Address apply to it.
  Keys: 全国地方公共団体コード + ID (new), 都道府県コード又は市区町村コード + NO (old).
  Ids: the sheet's English name (英語名) when it has one; otherwise item<NN> (NN the
  item's number) marked id-generated="true": gifkit's own name, never shown to a
  user (reports, logs and headers name such an item by its Japanese label).
  A sheet whose English names are known to be wrong for their items gets the right
  ids from ENGLISH_CORRECTIONS (the item name → the id its name calls for); the
  sheet's own English name stays an equivalent alias (<alias kind="equivalent">),
  so a header written with it still binds — unless it is another item's id, which
  wins (a header can name only one item).
"""
import csv
import os
import sys
from xml.sax.saxutils import escape, quoteattr

# kind → (Japanese name, file-name rule of common-rules.md A.3)
KINDS = {
    "aed": ("AED設置箇所一覧", "aed"),
    "care-service": ("介護サービス事業所一覧", "care_service"),
    "hospital": ("医療機関一覧", "hospital"),
    "cultural-property": ("文化財一覧", "cultural_property"),
    "tourism": ("観光施設一覧", "tourism"),
    "event": ("イベント一覧", "event"),
    "public-wireless-lan": ("公衆無線LANアクセスポイント一覧", "public_wireless_lan"),
    "public-toilet": ("公衆トイレ一覧", "public_toilet"),
    "fire-hydrant": ("消防水利施設一覧", "fire_hydrant"),
    "evacuation-space": ("指定緊急避難場所一覧", "evacuation_space"),
    "population": ("地域・年齢別人口", "population"),
    "public-facility": ("公共施設一覧", "public_facility"),
    "preschool": ("子育て施設一覧", "preschool"),
    "open-data-list": ("オープンデータ一覧", "open_data_list"),
    "food-business": ("食品等営業許可・届出一覧", "food_business"),
    "school-lunch-metadata": ("学校給食献立情報メタデータ", "school_lunch_metadata"),
    "school-lunch": ("学校給食献立情報", "school_lunch"),
    "school-district-metadata": ("小中学校通学区域情報メタデータ", "school_district_metadata"),
    "school-district": ("小中学校通学区域情報", "school_district"),
}

# New-generation kinds whose sheet is complete in the spec folder; the others
# are partial (the common items of common-rules.md part B plus what is known).
NEW_COMPLETE = {"public-toilet", "evacuation-space"}
NEW_PARTIAL = ["aed", "tourism", "public-facility", "fire-hydrant", "open-data-list"]

# The location block of the new sheets → the gif:Address fields.
LOCATION = {
    "所在地_全国地方公共団体コード": "localGovernmentCode",
    "町字ID": "streetAddressId",
    "所在地_連結表記": "fullAddress",
    "所在地_都道府県": "prefecture",
    "所在地_市区町村": "cityAndCounty",
    "所在地_町字": "streetAddress",
    "所在地_番地以下": "cityBlock",
    "建物名等(方書)": "buildingNameEtc",
}

# The address items of the old sheets → the gif:Address fields.
OLD_LOCATION = {"住所": "fullAddress", "方書": "buildingNameEtc"}

# The items every new-generation sheet shares (common-rules.md B.2/B.3), in
# their usual order, with the 区分 of the complete sheets.
NEW_COMMON = [
    ("全国地方公共団体コード", "○", "文字列（半角数字）", "localGovernmentCode"),
    ("ID", "○", "文字列（半角英数字）", "identifier"),
    ("地方公共団体名", "", "文字列", "localGovernmentName"),
    ("名称", "◎", "文字列", "name"),
    ("名称_カナ", "○", "文字列（全角カナ）", "nameKana"),
    ("名称_英語", "○", "文字列（半角英数字）", "nameEn"),
    ("所在地_全国地方公共団体コード", "○", "文字列（半角数字）", "locatedLocalGovernmentCode"),
    ("町字ID", "", "文字列", "streetAddressId"),
    ("所在地_連結表記", "◎", "文字列", "fullAddress"),
    ("所在地_都道府県", "○", "文字列", "prefecture"),
    ("所在地_市区町村", "○", "文字列", "city"),
    ("所在地_町字", "○", "文字列", "streetAddress"),
    ("所在地_番地以下", "○", "文字列", "cityBlock"),
    ("建物名等(方書)", "", "文字列", "buildingNameEtc"),
    ("緯度", "○", "文字列（半角文字）", "latitude"),
    ("経度", "○", "文字列（半角文字）", "longitude"),
    ("電話番号", "", "文字列（半角文字）", "phoneNumber"),
    ("内線番号", "", "文字列（半角文字）", "extensionNumber"),
    ("連絡先メールアドレス", "", "文字列", "email"),
    ("連絡先FormURL", "", "URI", "contactFormUrl"),
    ("連絡先備考（その他、SNSなど）", "", "文字列", "contactRemarks"),
    ("FAX番号", "", "文字列（半角文字）", "faxNumber"),
    ("郵便番号", "", "文字列（半角数字）", "postalCode"),
    ("法人番号", "", "文字列（半角数字）", "corporateNumber"),
    ("団体名", "", "文字列", "organizationName"),
    ("URL", "", "URI", "url"),
    ("画像", "", "URI", "pictureUrl"),
    ("画像_ライセンス", "", "文字列", "pictureLicense"),
    ("備考", "", "文字列", "remarks"),
]

# The items most old (推奨データセット) sheets share: what says "an old-generation
# municipal dataset", not which kind (common-old.xml).
OLD_COMMON = [
    ("都道府県コード又は市区町村コード", "○", "文字列（半角数字）"),
    ("NO", "○", "文字列（半角数字）"),
    ("都道府県名", "", "文字列"),
    ("市区町村名", "", "文字列"),
    ("名称", "", "文字列"),
    ("名称_カナ", "", "文字列（全角カナ）"),
    ("名称_英語", "", "文字列（半角英数字）"),
    ("住所", "", "文字列"),
    ("方書", "", "文字列"),
    ("緯度", "", "文字列（半角文字）"),
    ("経度", "", "文字列（半角文字）"),
    ("電話番号", "", "文字列（半角文字）"),
    ("内線番号", "", "文字列（半角数字）"),
    ("FAX番号", "", "文字列（半角文字）"),
    ("法人番号", "", "文字列（半角数字）"),
    ("団体名", "", "文字列"),
    ("URL", "", "URI"),
    ("画像", "", "URI"),
    ("画像_ライセンス", "", "文字列"),
    ("備考", "", "文字列"),
]

# The common blocks: (generation) → (model id, file name, label).
COMMON_MODELS = {
    "new": ("opendata:common", "common-new.xml", "自治体標準オープンデータセット 共通項目"),
    "old": ("suisho:common", "common-old.xml", "推奨データセット 共通項目"),
}

# The new sheets name the English name either way (common-rules.md): one item,
# the other spelling an equivalent alias.
NAME_SPELLINGS = {"名称_英語": "名称_英字", "名称_英字": "名称_英語"}

# An old sheet's item → the new generation's name of the same item, an
# equivalent name when an old sheet is read on a new-generation file (the
# 所在地 block is the old 住所's: see the part's aliases). ID is not the old
# NO (NO is digits, ID any half-width letters and digits).
NEW_NAMES_OF_OLD = {"都道府県コード又は市区町村コード": "全国地方公共団体コード"}

YES_NO_ITEMS = ("有無",)

# (kind, generation) → {item name: id}: English names a published sheet gets
# wrong. 公衆トイレ一覧 (new) items 25–27 carry their successors' names, shifted by
# one (女性トイレ数（和式） says urinalFemaleToilet, 男女共用トイレ総数
# westernStyleFemaleToilet); the ids follow the Japanese names as items 20–24
# and 28–29 of the same sheet do (totalMaleToilet, japaneseStyleMaleToilet …).
ENGLISH_CORRECTIONS = {
    ("public-toilet", "new"): {
        "女性トイレ数（和式）": "japaneseStyleFemaleToilet",
        "女性トイレ数（洋式）": "westernStyleFemaleToilet",
        "男女共用トイレ総数": "totalUnisexToilet",
    },
}

# (kind) → {total item: (its parts, rule)}: the items a sheet defines as the
# total of others of the row — 公衆トイレ一覧's 「男性トイレの中で、小便器の総数」
# (both real sheets' files count 小便器 in 男性トイレ総数: 焼津市's 112 rows add
# up), 地域・年齢別人口's 総人口 = 男性 + 女性, and 男性 (女性) over its age bands,
# "at-least": people whose age is unknown are in 男性 but in no band. Written
# as total-of="ids" (and total-rule) on the total item (total-mismatch).
AGE_BANDS = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
             "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85歳以上"]
TOTALS = {
    "public-toilet": {
        "男性トイレ総数": (["男性トイレ数（小便器）", "男性トイレ数（和式）", "男性トイレ数（洋式）"], "equal"),
        "女性トイレ総数": (["女性トイレ数（和式）", "女性トイレ数（洋式）"], "equal"),
        "男女共用トイレ総数": (["男女共用トイレ数（和式）", "男女共用トイレ数（洋式）"], "equal"),
    },
    "population": {
        "総人口": (["男性", "女性"], "equal"),
        "男性": ([(b if b.endswith("以上") else b + "歳") + "の男性" for b in AGE_BANDS], "at-least"),
        "女性": ([(b if b.endswith("以上") else b + "歳") + "の女性" for b in AGE_BANDS], "at-least"),
    },
}

# (kind-generation) → {item name or its prefix: what a blank means}: the items
# whose 特記事項 (common-rules.md A.2, 【10.指定緊急避難場所一覧】) lists the
# values 1 and blank, blank meaning 未対応 / 重複していない — values="1" and
# blank=that, so a blank is a value and a mark (○) for 1 one finding a column.
# (The new sheets say it in their 形式, 「対応あり：1、対応なし：空文字」.)
BLANK_MEANS = {
    "evacuation-space-old": {"災害種別_": "未対応", "指定避難所との重複": "重複していない"},
}

# The names compared with the code before them (registry-check compare with=…).
NAME_OF_CODE = {"都道府県名": "prefecture", "市区町村名": "city",
                "地方公共団体名": "local-government-name"}


def attributes_for(item, fmt, kind=""):
    """The type attributes of an item, from its name and its 形式 (and, for the
    items whose values the sheet's 特記事項 lists, BLANK_MEANS of its kind)."""
    f = fmt.replace("(", "（").replace(")", "）")
    if item in ("全国地方公共団体コード", "都道府県コード又は市区町村コード", "市区町村コード",
                "所在地_全国地方公共団体コード") or item.endswith("全国地方公共団体コード"):
        return {"type": "local-government-code", "width": "halfwidth"}
    if item == "町字ID":
        return {"type": "street-address-id", "width": "halfwidth"}
    if item == "法人番号":
        return {"type": "corporate-number", "width": "halfwidth"}
    if "郵便番号" in item:
        return {"type": "postal-code", "width": "halfwidth"}
    if item.endswith("電話番号") or item.endswith("FAX番号"):
        return {"type": "phone", "width": "halfwidth"}
    if "メールアドレス" in item:
        return {"type": "email"}
    if item == "緯度" or item.endswith("_緯度"):
        return {"type": "latitude"}
    if item == "経度" or item.endswith("_経度"):
        return {"type": "longitude"}
    if item.endswith("有無") or "統制語彙" in f:
        return {"values": "有|無"}
    if f.startswith("対応あり：1") or f.startswith("重複あり：1"):
        # 「対応あり：1、対応なし：空文字」: blank means 対応なし (what the 形式 says).
        meaning = f.split("、", 1)[1].split("：", 1)[0] if "、" in f else "allowed"
        return {"values": "1", "blank": meaning}
    for prefix, meaning in BLANK_MEANS.get(kind, {}).items():
        if item.startswith(prefix):
            return {"values": "1", "blank": meaning}
    if f.startswith("日付"):
        return {"type": "date"}
    if f.startswith("時刻"):
        return {"type": "time"}
    if f.startswith("URI"):
        return {"type": "url"}
    if f.startswith("数値"):
        return {"type": "decimal"}
    if "全角カナ" in f:
        return {"type": "katakana", "width": "fullwidth", "charset": "jisx0213"}
    if "半角数字" in f:
        return {"type": "halfwidth-alnum", "pattern": "[0-9]+"}
    if "半角英数字" in f or "半角英字" in f:
        return {"type": "halfwidth-alnum"}
    if "半角文字" in f:
        return {"width": "halfwidth"}
    return {"charset": "jisx0213"}


def level_of(mark):
    mark = mark.strip()
    if mark in ("◎", "必須"):
        return "required"
    if mark in ("○", "〇", "推奨"):
        return "recommended"
    return "optional"


def read_sheet(folder, kind, generation):
    path = os.path.join(folder, f"{kind}-{generation}.csv")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def field_xml(field_id, item, attrs, description, example, key, generated=False,
              aliases=()):
    parts = [f'id="{field_id}"', f"label={quoteattr(item)}"]
    if generated:
        parts.append('id-generated="true"')
    for name in ("type", "width", "charset", "pattern", "values", "blank"):
        if name in attrs:
            parts.append(f"{name}={quoteattr(attrs[name])}")
    if key:
        parts.append('key="true"')
    if example and len(example) < 80 and "\n" not in example and "○" not in example:
        parts.append(f"example={quoteattr(example)}")
    lines = [f"  <field {' '.join(parts)}>"]
    if description:
        lines.append(f"    <description>{escape(' '.join(description.split()))}</description>")
    for alias in aliases:
        if alias in NAME_SPELLINGS:
            lines.append("    <!-- common-rules.md: both spellings occur (名称_英語 and 名称_英字, "
                         "one item) -->")
        lines.append(f'    <alias kind="equivalent">{escape(alias)}</alias>')
    lines.append("  </field>")
    if len(lines) == 2:
        return [lines[0][:-1] + "/>"]
    return lines


def model_xml(kind, generation, rows, partial, note):
    """kind "common": the generation's common block (COMMON_MODELS), which no
    header picks by itself; every other model names it (common="…"): the items
    it shares with the block say the generation, its other items the kind."""
    common_id = COMMON_MODELS[generation][0]
    source = ("自治体標準オープンデータセット" if generation == "new"
              else "推奨データセット データ項目定義書 第２.１版 (2021-03-03)")
    if kind == "common":
        model_id, _, name = COMMON_MODELS[generation]
        source_text = "the common items of scripts/opendata_models.py (common-rules.md part B, " \
                      "the items most old sheets share)"
    else:
        name, file_name = KINDS[kind]
        prefix = "opendata" if generation == "new" else "suisho"
        model_id = f"{prefix}:{kind}"
        source_text = f"../shared/data/opendata-spec/{kind}-{generation}.csv"
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!--",
        f"  {kind}-{generation}.xml — {name} ({source}) in gifkit's model language.",
        f"  Written by scripts/opendata_models.py from {source_text};",
        "  edit the script, not this file. " + note,
        "-->",
    ]
    attrs = f'id="{model_id}" label={quoteattr(name)}'
    if kind == "common":
        attrs += ' auto-pick="false"'
    else:
        attrs += f' file-name="{file_name}" common="{common_id}"'
    if partial:
        attrs += ' partial="true"'
    out = head + [f'<model xmlns="urn:gifkit:model:1" {attrs}>']
    description = f"{name}（{source}）。"
    if partial:
        description += "項目定義の一部のみ既知（partial）: 既知でない列は info として報告する。"
    out.append(f"  <description>{escape(description)}</description>")
    items = [r["item"].strip() for r in rows]
    key_items = ({"全国地方公共団体コード", "ID"} if generation == "new"
                 else {"都道府県コード又は市区町村コード", "NO"})
    has_key = key_items <= set(items)
    # The address block: new sheets' 所在地_* (their own 一丁目 spelling
    # allowed), old sheets' 住所 + 方書 (written by the 行政データ連携標準 rule:
    # DS-442).
    if generation == "new":
        location_items, part_label, form = LOCATION, "所在地", "as-written"
        has_location = "所在地_連結表記" in items
    else:
        location_items, part_label, form = OLD_LOCATION, "住所", "ds-442"
        has_location = "住所" in items
    requires, recommends, body = [], [], []
    corporate_number = None  # the 法人番号 field's id
    ordered = []  # (field id, item, type) of the fields outside the address part
    used_ids = set()
    location_written = False
    for row in rows:
        item = row["item"].strip()
        level = level_of(row.get("class", ""))
        if has_location and item in location_items:
            target = "location." + location_items[item]
            if level == "required":
                requires.append(target)
            elif level == "recommended":
                recommends.append(target)
            if not location_written:
                body += [f'  <part id="location" ref="gif:Address" label="{part_label}" '
                         f'city-block-form="{form}">',
                         f"    <description>{part_label}（GIF 住所）。</description>"]
                for written, field in location_items.items():
                    if not written.startswith("所在地_") or field == "cityAndCounty":
                        body.append(f'    <alias field="{field}" kind="standard">{written}</alias>')
                # An old sheet read on a new-generation file: its 所在地 block
                # names the old 住所 and 方書 and their parts (所在地_連結表記 is
                # the 住所 the old sheet requires).
                if generation == "old":
                    for written, field in LOCATION.items():
                        body.append(f'    <alias field="{field}" kind="equivalent">'
                                    f'{written}</alias>')
                # The sheet's English names of the block (fullAddress, city,
                # locatedLocalGovernmentCode): a file headed in English binds them.
                for other in rows:
                    english = (other.get("english") or "").strip()
                    field = location_items.get(other["item"].strip())
                    if field and english.isascii() and english.isalnum():
                        body.append(f'    <alias field="{field}" kind="equivalent">'
                                    f'{escape(english)}</alias>')
                body.append("  </part>")
                location_written = True
            continue
        english = (row.get("english") or "").strip()
        usable = english and english.replace("_", "").isalnum() and english.isascii()
        field_id = english if usable else ""
        aliases = []
        corrected = ENGLISH_CORRECTIONS.get((kind, generation), {}).get(item)
        if corrected:
            if usable and english != corrected:
                aliases.append(english)  # the sheet's name, read as an equivalent
            field_id = corrected
        if generation == "new" and item in NAME_SPELLINGS:
            aliases.append(NAME_SPELLINGS[item])
        if generation == "old" and item in NEW_NAMES_OF_OLD:
            aliases.append(NEW_NAMES_OF_OLD[item])
        generated = not field_id or field_id in used_ids
        if generated:
            field_id = f"item{int(row['no']):02d}"
        used_ids.add(field_id)
        attrs_map = attributes_for(item, row.get("format", ""), f"{kind}-{generation}")
        if attrs_map.get("type") == "corporate-number":
            corporate_number = field_id
        ordered.append((field_id, item, attrs_map.get("type")))
        body += field_xml(field_id, item, attrs_map, row.get("description", ""),
                          row.get("example", ""), has_key and item in key_items, generated,
                          aliases)
        if level == "required":
            requires.append(field_id)
        elif level == "recommended":
            recommends.append(field_id)
    # An item that is the total of others: total-of their ids (TOTALS).
    ids = {item: field_id for field_id, item, _ in ordered}
    for total, (parts, rule) in TOTALS.get(kind, {}).items():
        if total not in ids or not all(part in ids for part in parts):
            continue
        opening = f'  <field id="{ids[total]}" '
        at = next(i for i, line in enumerate(body) if line.startswith(opening))
        extra = f' total-of="{" ".join(ids[part] for part in parts)}"'
        if rule != "equal":
            extra += f' total-rule="{rule}"'
        body[at] = body[at].replace(f"label={quoteattr(total)}", f"label={quoteattr(total)}" + extra, 1)
    # <require>/<recommend> come before the fields (model.xsd's order).
    out += [f'  <require ref="{ref}"/>' for ref in requires]
    out += [f'  <recommend ref="{ref}"/>' for ref in recommends]
    out += body
    # A code and the names that follow it (都道府県名, 市区町村名; 地方公共団体名 北海道札幌市)
    # must name the same place.
    name_checks = []
    for field_id, item, kind in ordered:
        if kind == "local-government-code":
            name_checks.append((field_id, []))
        elif name_checks and item in NAME_OF_CODE:
            name_checks[-1][1].append((NAME_OF_CODE[item], field_id))
    for key, names in name_checks:
        if not names:
            continue
        out += ["  <!-- With a registry that holds the Address Base Registry: the code must be registered",
                "       and the names beside it must be its names. -->",
                f'  <registry-check registry="address" key="{key}">']
        out += [f'    <compare with="{what}"><item ref="{ref}"/></compare>' for what, ref in names]
        out.append("  </registry-check>")
    if corporate_number:
        out += ["  <!-- With a registry that holds 法人番号 data: the number must be registered and open.",
                "       Names are not compared (名称 is the place's, the number its operator's). -->",
                f'  <registry-check registry="corporation" key="{corporate_number}" optional="true"/>']
    out.append("</model>")
    return "\n".join(out) + "\n"


def partial_rows(folder, kind):
    """The common items, with what the spec folder knows of the kind first. A
    kind without a new sheet: the common items alone, required as the complete
    sheets require them when the kind is a list of places (its old sheet has 住所),
    else none required (a 人口 or 給食 list has no 所在地)."""
    known = read_sheet(folder, kind, "new") or []
    if kind == "open-data-list":  # a list of datasets, not of places: its own 45 names only
        return known
    old = read_sheet(folder, kind, "old") or []
    places = known or any(row["item"].strip() == "住所" for row in old)
    rows, seen = [], set()
    for row in known:
        row = dict(row)
        item = row["item"].strip()
        if not row.get("class"):  # the 徳島 previews show no marks: the common ones apply
            for common in NEW_COMMON:
                if common[0] == item:
                    row["class"] = common[1]
        rows.append(row)
        seen.add(item)
    number = len(rows)
    same = {"名称_英語": "名称_英字"}  # sheets name the English name either way
    for item, mark, fmt, english in NEW_COMMON:
        if item in seen or same.get(item) in seen:
            continue
        number += 1
        rows.append({"no": str(number), "item": item, "class": mark if places else "",
                     "format": fmt,
                     "english": english, "description": "", "example": ""})
    return rows


def main():
    folder, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for kind in KINDS:
        rows = read_sheet(folder, kind, "old")
        if rows:
            written.append((f"{kind}-old.xml", model_xml(kind, "old", rows, False,
                                                         "Every item of the sheet.")))
    for kind in sorted(NEW_COMPLETE):
        rows = read_sheet(folder, kind, "new")
        written.append((f"{kind}-new.xml", model_xml(kind, "new", rows, False,
                                                     "Every item of the sheet.")))
    for kind in NEW_PARTIAL:
        written.append((f"{kind}-new.xml", model_xml(
            kind, "new", partial_rows(folder, kind), True,
            "Partial: the sheet is not in the spec folder whole; the items every new sheet shares "
            "(common-rules.md part B) and what is known of the kind.")))
    # The kinds whose new sheet is not published at all: a new-generation file of
    # such a kind is checked on the common block; its kind's items are not checked.
    for kind in KINDS:
        if kind in NEW_COMPLETE or kind in NEW_PARTIAL or not read_sheet(folder, kind, "old"):
            continue
        written.append((f"{kind}-new.xml", model_xml(
            kind, "new", partial_rows(folder, kind), True,
            "Partial: no new sheet of this kind is published; the items every new sheet shares "
            "(common-rules.md part B) only: the kind's own items are not checked.")))
    common_new = [{"no": str(number), "item": item, "class": mark, "format": fmt,
                   "english": english, "description": "", "example": ""}
                  for number, (item, mark, fmt, english) in enumerate(NEW_COMMON, 1)]
    common_old = [{"no": str(number), "item": item, "class": mark, "format": fmt,
                   "english": "", "description": "", "example": ""}
                  for number, (item, mark, fmt) in enumerate(OLD_COMMON, 1)]
    for generation, rows in (("new", common_new), ("old", common_old)):
        written.append((COMMON_MODELS[generation][1], model_xml(
            "common", generation, rows, True,
            "The common block: the items every sheet of this generation shares. Never chosen "
            "by a header alone (a command names it); the kind models name it (common=).")))
    for name, text in written:
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"{len(written)} models written to {out_dir}")


if __name__ == "__main__":
    main()
