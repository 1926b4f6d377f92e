#!/usr/bin/env python3
"""gif2022_models.py — writes models/gif2022/*.xml, gifkit's models of the GIF
core data model as the 2022 item catalogs define it (ids gif2022:<stem>, one per
CSV of ../shared/data/gif/dmd-csv-2022). Run it again when the catalogs change;
the models are committed, the catalogs are not. The unit tests model-5.* prove
the output agrees with the catalogs item for item (models/engine/model/
catalog_agreement.cpp); this script only writes what they check.

    python3 scripts/gif2022_models.py ../shared/data/gif models/gif models/gif2022

How a catalog row becomes an item:
  id = 項目名（英語）, label = 項目名, example = 記入例 (when it is one value).
  min = 1 when 必須項目 is 必 and 最小回数 is 1; 必(*1) (one of the marked items
  is required, the catalog has no text for the footnote) and rows whose 必須項目 and
  最小回数 disagree get min 0, and their description says so (the model language
  cannot require "one of"; an optional item never fails correct data).
  max = 最大数 (n / ｎ → unbounded).
  形式 → type: see FORMAT_TYPES; pd:<class> (住所, 連絡先（pd:個人連絡先） …) → a part
  holding gif2022:<that class>; a class holding itself (関連施設, 関連建物) cannot
  be flattened and is one text column. pd:ID情報型, pd:コード情報型 and
  pd:役割関与情報型 are one text column, as in the 2025 models (ID群, 種別情報).
  An item the 2025 model has with the same id and label keeps the 2025 item's
  checks (type, width, charset, code list, pattern) when its type fits the 形式,
  and its aliases (everyday headers are recognised alike in every release), minus
  an alias that is the label of another item of this model.
  The class label (個人, 法人 …) is the 2024 XSD's documentation of the same class.
"""
import csv
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gif2024_models import model_document  # noqa: E402

NS = {"m": "urn:gifkit:model:1"}

# 形式 → the types that fit it (the first is the default). Kept equal to
# kFormatTypes in models/engine/model/catalog_agreement.cpp, which checks it.
FORMAT_TYPES = {
    "文字列": ["text", "email"],  # not city-block: DS-442 came later (its 記入例 ７ー１)
    "文字列（全角カナ）": ["katakana"],
    "文字列（半角文字）": ["text", "halfwidth-alnum", "phone", "postal-code", "street-address-id"],
    "文字列（半角英数字）": ["halfwidth-alnum"],
    "文字列（半角数字）": ["text", "local-government-code", "postal-code"],
    "半角数字": ["decimal", "integer"],
    "数値（半角数字）": ["decimal", "integer", "latitude", "longitude", "corporate-number"],
    "日付（YYYY-MM-DD）": ["date"],
    "日付（MM-DD）": ["text"],
    "時刻（HH:MM）": ["time"],
    "URI": ["url"],
    "pd:コード情報型": ["text", "code"],
    "pd:ID情報型": ["text"],
    "pd:役割関与情報型": ["text"],
}

# Extra attributes of a default type, by 形式.
FORMAT_ATTRIBUTES = {
    "文字列（全角カナ）": {"width": "fullwidth"},
    "文字列（半角文字）": {"width": "halfwidth"},
    "文字列（半角英数字）": {"width": "halfwidth"},
    "文字列（半角数字）": {"width": "halfwidth", "pattern": "[0-9]+"},
    "半角数字": {"width": "halfwidth"},
    "数値（半角数字）": {"width": "halfwidth"},
    "日付（YYYY-MM-DD）": {"width": "halfwidth"},
    "日付（MM-DD）": {"width": "halfwidth", "pattern": "(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"},
    "時刻（HH:MM）": {"width": "halfwidth"},
    "URI": {"width": "halfwidth"},
}

# Items whose name says more than the 形式 (the checks of the 2025 items of the
# same meaning); used only when the type fits the 形式.
NAMED_TYPES = {
    "contactPointPostalCode": "postal-code",
    "contactPointPhoneNumber": "phone",
    "contactPointEmailAddress": "email",
    "cityCode": "local-government-code",
}

# A コード情報型 item whose list is a 2025 code list (GIF_Core_CodeList.xsd) though
# the 2025 model has no item of the same id and label.
CODE_LISTS = {"countryOfBirth": "CountryRegionCodeList"}

# The 2024 complexType of a catalog whose stem differs (for the class label).
COMPLEX_TYPE_2024 = {"IDInformationType": "IDInformationModel",
                     "CodeInformationType": "CodeInformationModel",
                     "RoleInformationType": "RoleInformationModel",
                     "Office": "BusinessPlace"}

# The 2025 model whose items an item of this catalog is, before any other.
MODEL_2025 = {"ContactPointForPerson": "ContactPoint", "ContactPointForFacility": "ContactPoint",
              "ContactPointForLegalentity": "ContactPoint", "Office": "BusinessPlace"}

# A 2025 part's own aliases by its label, read in main(): a 2022 part of the same label
# takes them (the same holder's name for the same address).
PART_ALIASES = {}

TEXT_FORMATS = {"pd:コード情報型": "コード情報型（種別と種別関連情報）を1列の文字列で表す",
                "pd:ID情報型": "ID情報型（IDとID種別）を1列の文字列で表す",
                "pd:役割関与情報型": "役割関与情報型（役割と関与者）を1列の文字列で表す"}


def fold(label):
    """Close to grammars::fold_label: width folded, spaces removed, lower case."""
    text = unicodedata.normalize("NFKC", label)
    return re.sub(r"\s+", "", text).lower()


def part_class(fmt, stem_of_label):
    """The catalog stem a pd:<class> 形式 holds (pd:住所, pd:連絡先（pd:個人連絡先）: the
    class whose label is the name), or None (a 形式 of FORMAT_TYPES)."""
    if fmt in FORMAT_TYPES:
        return None
    m = re.fullmatch(r"pd:連絡先（pd:(.+)）", fmt) or re.fullmatch(r"pd:(.+)", fmt)
    return stem_of_label[m.group(1)] if m else None


def read_catalog(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows


def class_labels(xsd_2024):
    text = open(xsd_2024, encoding="utf-8").read()
    labels = {}
    for m in re.finditer(r'<xsd:complexType name="([A-Za-z_]+)">\s*<xsd:annotation>\s*'
                         r'<xsd:documentation xml:lang="ja">([^<]*)</xsd:documentation>', text):
        labels[m.group(1)] = m.group(2).strip()
    return labels


def part_aliases_2025(folder):
    """The 2025 parts' own aliases by part label: {連絡先住所: [(field, kind, text)]} — a
    holder's whole-header names (連絡先住所 alone = its 連結表記)."""
    result = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xml") or "_MP" in name:
            continue
        for part in ET.parse(os.path.join(folder, name)).getroot().findall("m:part", NS):
            aliases = [(a.get("field"), a.get("kind"), a.text) for a in part.findall("m:alias", NS)]
            if aliases:
                result.setdefault(part.get("label"), aliases)
    return result


def models_2025(folder):
    """gif model name → {field id: (label, attributes, aliases)} of the base classes."""
    result = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xml") or "_MP" in name:
            continue
        root = ET.parse(os.path.join(folder, name)).getroot()
        fields = {}
        for field in root.findall("m:field", NS):
            aliases = [(a.get("kind"), a.text) for a in field.findall("m:alias", NS)]
            fields[field.get("id")] = (field.get("label"), dict(field.attrib), aliases)
        result[name[:-4]] = fields
    return result


def same_2025_item(stem, field_id, label, gif2025):
    """The 2025 item with the same id and label: the class's own model first."""
    order = [MODEL_2025.get(stem, stem)] + [n for n in gif2025 if n != MODEL_2025.get(stem, stem)]
    for name in order:
        item = gif2025.get(name, {}).get(field_id)
        if item and fold(item[0]) == fold(label):
            return item
    return None


def required(row):
    """(min, note): the minOccurs and, for a row the model cannot state as written, why."""
    mark, least = row["必須項目"].strip(), row["最小回数"].strip()
    if "(*1)" in mark or "(*1)" in least:
        return 0, "(*1) 印の項目のいずれか1つ以上が必須（カタログに注記の本文なし）。モデル言語は「いずれか」を表せないため任意とする"
    if (mark == "必") != (least == "1"):
        return 0, f"必須項目「{mark}」と最小回数「{least}」が食い違うため任意とする"
    return (1 if mark == "必" else 0), ""


def maximum(row):
    value = unicodedata.normalize("NFKC", row["最大数"].strip())
    return "unbounded" if value == "n" else value


def field_attributes(stem, row, gif2025):
    """(attributes, note, aliases) of a field row (not a part)."""
    fmt = row["形式"].strip()
    field_id, label = row["項目名（英語）"].strip(), row["項目名"].strip()
    fits = FORMAT_TYPES[fmt]
    same = same_2025_item(stem, field_id, label, gif2025)
    aliases = same[2] if same else []
    if same and same[1].get("type", "text") in fits:
        # The 2025 item's type and code list; width only as the 形式 states it, and no
        # character set: the catalog asks neither (its own 記入例 株式会社GIF is half-width).
        keep = ("type", "codelist", "pattern", "min-length", "max-length")
        attributes = {k: same[1][k] for k in keep if k in same[1]}
        if "width" in FORMAT_ATTRIBUTES.get(fmt, {}):
            attributes["width"] = FORMAT_ATTRIBUTES[fmt]["width"]
        if attributes.get("type") == "code":
            attributes["code-information"] = "true"
            return (attributes, "コード情報型をJSONで書いた値（{\"種別\": …}）はその種別を、コードだけの値はそのコードを検査する"
                    "（カタログの記入例はJSONで書く）", aliases)
        return attributes, TEXT_FORMATS.get(fmt, "") if attributes.get("type", "text") == "text" else "", aliases
    if field_id in CODE_LISTS:
        return ({"type": "code", "codelist": CODE_LISTS[field_id], "code-information": "true"},
                "コード情報型をJSONで書いた値はその種別（" + CODE_LISTS[field_id] + "のコード）を、コードだけの値はそのコードを検査する"
                "（カタログの記入例はJSONで書く）", aliases)
    named = NAMED_TYPES.get(field_id)
    if named in fits:
        return {"type": named, "width": "halfwidth"}, "", aliases
    attributes = {"type": fits[0]}
    attributes.update(FORMAT_ATTRIBUTES.get(fmt, {}))
    return attributes, TEXT_FORMATS.get(fmt, ""), aliases


# What an example must look like to be kept for a type (the catalog's 記入例 are
# sometimes descriptions: 住居表示フラグ "1:住居表示実施"); text types keep any.
EXAMPLE_SHAPES = {"date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "time": r"[0-9]{2}:[0-9]{2}",
                  "decimal": r"-?[0-9]+(\.[0-9]+)?", "integer": r"[0-9]+",
                  "latitude": r"[0-9]+\.[0-9]+", "longitude": r"[0-9]+\.[0-9]+",
                  "url": r"https?://\S+", "postal-code": r"[0-9]{7}|[0-9]{3}-[0-9]{4}",
                  "corporate-number": r"[0-9]{13}", "local-government-code": r"[0-9]{6}",
                  "code": r"(?!x)x", "phone": r"[0-9()-]+", "email": r"\S+@\S+"}


def example_of(row, attributes):
    example = row["記入例"].strip()
    if (not example or "\n" in example or example.startswith("{") or "データモデルを格納" in example
            or example.startswith("（")):
        return None
    shape = EXAMPLE_SHAPES.get(attributes.get("type", "text"))
    if shape and not re.fullmatch(shape, example):
        return None
    if "pattern" in attributes and not re.fullmatch(attributes["pattern"], example):
        return None
    return example


def holder_labels(stem, stems, stem_of_label):
    """The labels of the items of every class that holds stem as a part: an alias
    from 2025 that is one of them would stop the holder from taking the part's
    items without a prefix (市区町村コード: 2025 住所's nonstandard name of
    全国地方公共団体コード, and 2022 施設's own item)."""
    labels = set()
    for other, rows in stems.items():
        if any(part_class(r["形式"].strip(), stem_of_label) == stem for r in rows):
            labels |= {fold(r["項目名"]) for r in rows}
    return labels


def model_xml(stem, rows, label, gif2025, stems, stem_of_label):
    own_headers = {fold(r["項目名"]) for r in rows}
    forbidden_aliases = own_headers | holder_labels(stem, stems, stem_of_label)
    lines = []
    conditional = [r["項目名"] for r in rows if "(*1)" in r["必須項目"]]
    description = f"GIF コアデータモデル（2022年版項目カタログ）の{label}。"
    if conditional:
        description += ("(*1) " + "、".join(conditional) +
                        " のいずれか1つ以上が必須（カタログに注記の本文なし）。"
                        "モデル言語は「いずれか」を表せないため、いずれも任意として検査しない。")
    taken = set(own_headers)
    taken_whole = set(own_headers)  # whole-header aliases of parts, one owner each
    for row in rows:
        field_id, item = row["項目名（英語）"].strip(), row["項目名"].strip()
        fmt = row["形式"].strip()
        minimum, note = required(row)
        maxv = maximum(row)
        occurs = (f' min="{minimum}"' if minimum else "") + (f' max="{maxv}"' if maxv != "1" else "")
        held = part_class(fmt, stem_of_label)
        text = row["説明"].strip()
        if held and held != stem:
            # Bare headers only when none of the held items' labels is taken.
            held_labels = {fold(r["項目名"]) for r in stems[held]}
            for r in stems[held]:  # and the aliases they take from 2025
                same = same_2025_item(held, r["項目名（英語）"].strip(), r["項目名"].strip(), gif2025)
                held_labels |= {fold(alias) for _, alias in (same[2] if same else [])
                                if fold(alias) not in holder_labels(held, stems, stem_of_label)}
            # A person held by another class is named by the holder (代表者名称, 関与者), as
            # 2025's 法人 holds its 代表者: never bare, or 氏,名 would fit 役割関与情報型.
            optional = held != "Person" and not (held_labels & taken)
            if optional:
                taken |= held_labels
            lines.append(f'  <part id="{field_id}" ref="gif2022:{held}" label={quoteattr(item)}'
                         f'{occurs}' + (' prefix-optional="true"' if optional else "") + ">")
            desc = f"{text}（形式 {fmt}）。" + (note + "。" if note else "")
            lines.append(f"    <description>{escape(desc)}</description>")
            held_ids = {r["項目名（英語）"].strip() for r in stems[held]}
            for field, kind, alias in PART_ALIASES.get(item, []):
                # its own label names no column of this model: free for the whole header
                if field in held_ids and (fold(alias) == fold(item) or fold(alias) not in taken_whole):
                    taken_whole.add(fold(alias))
                    lines.append(f'    <alias field="{field}" kind="{kind}">{escape(alias)}</alias>')
            lines.append("  </part>")
            continue
        if held == stem:
            attributes, extra, aliases = {"type": "text"}, f"{fmt}（自らを保持する項目は平坦化できない）を1列の文字列で表す", []
        else:
            attributes, extra, aliases = field_attributes(stem, row, gif2025)
        attrs = "".join(f" {k}={quoteattr(v)}" for k, v in attributes.items())
        example = example_of(row, attributes)
        lines.append(f'  <field id="{field_id}" label={quoteattr(item)}{attrs}{occurs}'
                     + (f" example={quoteattr(example)}" if example else "") + ">")
        desc = text + ("。" if text and not text.endswith("。") else "") + f"形式 {fmt}。"
        for extra_note in (extra, note):
            if extra_note:
                desc += extra_note + "。"
        lines.append(f"    <description>{escape(desc)}</description>")
        for kind, alias in aliases:
            if fold(alias) in forbidden_aliases:
                continue  # another item's label here or in a class holding this one
            lines.append(f'    <alias kind="{kind}">{escape(alias)}</alias>')
        lines.append("  </field>")
    comment = [
        f"  {stem}.xml — GIF core data model {label} as the 2022 item catalog",
        f"  dmd-csv-2022/{stem}.csv defines it (release 2022). Written by",
        "  scripts/gif2022_models.py from the catalog; do not edit by hand. The unit tests",
        "  model-5.* check it against the catalog item for item.",
    ]
    attributes = [("id", f"gif2022:{stem}"), ("release", "2022"), ("label", label)]
    return model_document(comment, attributes, description, lines)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gif2022_models.py GIF_DATA_DIR MODELS_GIF_2025_DIR OUT_DIR")
    gif_dir, gif2025_dir, out_dir = sys.argv[1:]
    catalog_dir = os.path.join(gif_dir, "dmd-csv-2022")
    labels = class_labels(os.path.join(gif_dir, "versions", "2024-10-01", "GIF_Core_DataModel.xsd"))
    gif2025 = models_2025(gif2025_dir)
    PART_ALIASES.update(part_aliases_2025(gif2025_dir))
    stems = {name[:-4]: read_catalog(os.path.join(catalog_dir, name))
             for name in sorted(os.listdir(catalog_dir)) if name.endswith(".csv")}
    label_of = {stem: labels[COMPLEX_TYPE_2024.get(stem, stem)] for stem in stems}
    stem_of_label = {label: stem for stem, label in label_of.items()}
    os.makedirs(out_dir, exist_ok=True)
    for stem, rows in stems.items():
        with open(os.path.join(out_dir, stem + ".xml"), "w", encoding="utf-8") as f:
            f.write(model_xml(stem, rows, label_of[stem], gif2025, stems, stem_of_label))
    print(f"wrote {len(stems)} models to {out_dir}")


if __name__ == "__main__":
    main()
