#!/usr/bin/env python3
"""gif2025_classes.py — writes the 2025 GIF classes gifkit had no model of into models/gif/
(release="2026" also-release="2025": v2.3 is the 2025 XSD plus the guidebooks' items of
2026-03, and these classes have none of those; id gif:<complexType>, xsd-type = the complexType): Accessibility,
ChildcareInformation, Land, Building, OtherBuildingStructure, Equipment, from
GIF_Core_DataModel.xsd (v2.x). The hand-written models of models/gif/ (Person, Address …)
are not touched. The unit test model-2.2 proves every model naming an xsd-type agrees with
the XSD (items, order, occurrences, types).

    python3 scripts/gif2025_classes.py ../shared/data/gif models/gif

How an element becomes an item (the XSD reading is gif2024_models.py's):
  id = the element name without _MP00 (landAddress for landAddress_MP00), xsd-element = the
  element; min/max = minOccurs/maxOccurs. An element of type Address / ContactPoint → a part
  holding gif:Address / gif:ContactPoint; IdInformationModel, CodeInformationModel → one text
  column (as gif:Person's ID群); a code list → type code with that list.
  The label is the data dictionary's 項目名 (DS-438-2, guides/438-2_…データ辞書.txt) for the
  class and English name; a class the dictionary does not cover (アクセシビリティ, その他構造物)
  takes its base class's (その他構造物 extends 建物) or the XSD's description without its
  「を記載。」, and says so. Checks and aliases: the 2025 model item of the same xsd-element
  and label (名称（カナ） → katakana …) when its type fits the XSD type.
"""
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gif2024_models import (FITS, NS, Xsd, documentation, model_document,  # noqa: E402
                            occurs_attributes)

CLASSES = ["Accessibility", "ChildcareInformation", "Land", "Building", "OtherBuildingStructure",
           "Equipment"]
# A class the dictionary has no entry of, and the class whose entries it shares.
BASE_CLASS = {"OtherBuildingStructure": "Building"}
PART_MODELS = {"Address": "gif:Address", "ContactPoint": "gif:ContactPoint"}
ONE_COLUMN = {"IdInformationModel": "ID情報型", "CodeInformationModel": "コード情報型"}


def fold(label):
    return unicodedata.normalize("NFKC", label).replace(" ", "")


def dictionary_labels(path):
    """(class label, English name) → 項目名 from the data dictionary's entries
    (コアデータモデル / <class> / 項目名 / <label> / 項目名 (英語） / <english>)."""
    lines = [line.strip() for line in open(path, encoding="utf-8")]
    labels = {}
    for i in range(len(lines) - 5):
        if (lines[i] == "コアデータモデル" and lines[i + 2] == "項目名" and
                lines[i + 4].startswith("項目名 (英語")):
            labels[(lines[i + 1], lines[i + 5])] = lines[i + 3]
    return labels


def existing_items(folder):
    """xsd-element → (label, attributes, aliases) of the hand-written 2025 models' fields."""
    items = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xml") or "_MP" in name or name[:-4] in CLASSES:
            continue  # patterns, and this script's own output
        for field in ET.parse(os.path.join(folder, name)).getroot().findall("m:field", NS):
            element = field.get("xsd-element")
            if element and element not in items:
                aliases = [(a.get("kind"), a.text) for a in field.findall("m:alias", NS)]
                items[element] = (field.get("label"), dict(field.attrib), aliases)
    return items


def model_xml(type_name, xsd, class_labels, labels, existing):
    label = class_labels[type_name]
    dictionary_class = class_labels[BASE_CLASS.get(type_name, type_name)]
    lines = []
    notes = []
    for item in xsd.items(type_name):
        element = item["element"]
        item_id = re.sub(r"_MP00$", "", element)
        item_label = labels.get((dictionary_class, item_id))
        same = existing.get(element)
        note = ""
        if same and (item_label is None or fold(item_label) == fold(same[0])):
            item_label = same[0]  # the hand-written models' spelling (名称（カナ）), or their item
        elif item_label is None:
            item_label = re.sub(r"(を記載)?。?$", "", item["doc"]) or item_id
            note = "項目名はデータ辞書にないため、XSDの説明による。"
        occurs = occurs_attributes(item)
        desc = item["doc"] + ("" if item["doc"].endswith("。") or not item["doc"] else "。")
        if item["kind"] == "complex" and item["type"] in PART_MODELS:
            optional = ' prefix-optional="true"'
            lines.append(f'  <part id="{item_id}" ref="{PART_MODELS[item["type"]]}" '
                         f'label={quoteattr(item_label)}{occurs}{optional} xsd-element="{element}">')
            lines.append(f"    <description>{escape(desc + note)}</description>")
            lines.append("  </part>")
            continue
        aliases = []
        if item["kind"] == "codelist":
            attributes = {"type": "code", "codelist": item["type"]}
        elif item["kind"] == "complex":
            assert item["type"] in ONE_COLUMN, (type_name, element, item["type"])
            attributes = {"type": "text"}
            note += f"{ONE_COLUMN[item['type']]}を1列の文字列で表す。"
        else:
            fits = FITS.get(item["type"], ["text"])
            if same and same[0] == item_label and same[1].get("type", "text") in fits:
                keep = ("type", "width", "charset", "codelist", "pattern", "min-length", "max-length")
                attributes = {k: same[1][k] for k in keep if k in same[1]}
                aliases = same[2]
            else:
                attributes = {"type": fits[0]}
        attrs = "".join(f" {k}={quoteattr(v)}" for k, v in attributes.items())
        lines.append(f'  <field id="{item_id}" label={quoteattr(item_label)}{attrs}{occurs}'
                     f' xsd-element="{element}">')
        lines.append(f"    <description>{escape(desc + note)}</description>")
        for kind, alias in aliases:
            lines.append(f'    <alias kind="{kind}">{escape(alias)}</alias>')
        lines.append("  </field>")
        if note and "データ辞書" in note:
            notes.append(item_id)
    description = f"GIF コアデータモデル（2025年版XSD）の{label}。"
    if type_name in BASE_CLASS:
        description += f"{class_labels[BASE_CLASS[type_name]]}（{BASE_CLASS[type_name]}）の拡張で、項目は同じ。"
    if notes:
        description += "データ辞書にない項目（" + "、".join(notes) + "）の項目名はXSDの説明による。"
    comment = [
        f"  {type_name}.xml — GIF core data model {label} (complexType {type_name} of",
        "  GIF_Core_DataModel.xsd, 2025) in gifkit's model language. Written by",
        "  scripts/gif2025_classes.py; do not edit by hand. model-2.2 checks it against the XSD.",
    ]
    attributes = [("id", f"gif:{type_name}"), ("release", "2026"), ("also-release", "2025"),
                  ("label", label),
                  ("xsd-type", type_name)]
    return model_document(comment, attributes, description, lines)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gif2025_classes.py GIF_DATA_DIR MODELS_GIF_DIR")
    gif_dir, out_dir = sys.argv[1:]
    xsd = Xsd(os.path.join(gif_dir, "GIF_Core_DataModel.xsd"))
    class_labels = {name: documentation(node) for name, node in xsd.complex.items()}
    labels = dictionary_labels(os.path.join(gif_dir, "guides", "438-2_コアデータモデル_データ辞書.txt"))
    existing = existing_items(out_dir)
    for type_name in CLASSES:
        with open(os.path.join(out_dir, type_name + ".xml"), "w", encoding="utf-8") as f:
            f.write(model_xml(type_name, xsd, class_labels, labels, existing))
    print(f"wrote {len(CLASSES)} models to {out_dir}")


if __name__ == "__main__":
    main()
