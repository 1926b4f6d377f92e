#!/usr/bin/env python3
"""gif2024_models.py — writes models/gif2024/*.xml, gifkit's models of the GIF
core data model as the first XSD defines it (versions/2024-10-01/
GIF_Core_DataModel.xsd, tag v1.40): one model per complexType, id
gif2024:<complexType>, release="2024", xsd-type = the complexType. Run it after
gif2022_models.py; the models are committed, the XSD is not. The unit tests
model-5.* prove the output agrees with the XSD (models/engine/model/
xsd_agreement.cpp, the same check as the 2025 models).

    python3 scripts/gif2024_models.py ../shared/data/gif models/gif2022 models/gif2024

How an element becomes an item:
  the complexType's sequence (its _uniqueElementGroup, a restriction's sequence,
  or an extension's base then its own sequence) in order; id = xsd-element = the
  element name; min/max = minOccurs/maxOccurs.
  The label, the checks and the aliases are the 2022 catalog item of the same
  class and English name (the 2024 XSD was written from the catalogs and has no
  item names, only descriptions), when its type fits the element's XSD type;
  otherwise the XSD type decides: string → text, date → date, integer → integer,
  decimal → decimal, anyURI → url. An element of a class type → a part holding
  gif2024:<type>; a class holding itself → one text column; the information
  types (IDInformationModel, CodeInformationModel, RoleInformationModel) → one
  text column, or the 2022 item's code list (the XSD has no code lists).
"""
import os
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

XSD = "{http://www.w3.org/2001/XMLSchema}"
NS = {"m": "urn:gifkit:model:1"}

# The 2022 catalog stem of a complexType whose name differs.
STEM_2022 = {"IDInformationModel": "IDInformationType", "CodeInformationModel": "CodeInformationType",
             "RoleInformationModel": "RoleInformationType", "BusinessPlace": "Office"}

INFORMATION_TYPES = {"IDInformationModel", "CodeInformationModel", "RoleInformationModel"}

# XSD builtin → the model types that fit it (mirrors value_type_fits in
# models/engine/model/xsd_agreement.cpp, which checks the output); the first is the default.
FITS = {
    "string": ["text", "katakana", "halfwidth-alnum", "local-government-code", "street-address-id",
               "postal-code", "phone", "email", "city-block", "time", "date-time", "latitude",
               "longitude", "corporate-number"],
    "date": ["date"],
    "integer": ["integer", "corporate-number"],
    "decimal": ["decimal", "latitude", "longitude"],
    "anyURI": ["url"],
}


def local(qname):
    return qname.split(":", 1)[-1] if qname else ""


def documentation(node):
    doc = node.find(f"{XSD}annotation/{XSD}documentation")
    return (doc.text or "").strip() if doc is not None else ""


class Xsd:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.elements, self.simple, self.groups, self.complex = {}, {}, {}, {}
        for child in root:
            name = child.get("name")
            table = {f"{XSD}element": self.elements, f"{XSD}simpleType": self.simple,
                     f"{XSD}group": self.groups, f"{XSD}complexType": self.complex}.get(child.tag)
            if name and table is not None:
                table[name] = child

    def resolve(self, qname):
        """('builtin', 'string') or ('complex', 'Address') of a type QName."""
        name = local(qname)
        if qname.startswith("xsd:"):
            return "builtin", name
        code_list = re.fullmatch(r"(\w+CodeList)_code_(?:value|simpleType)", name)
        if code_list:  # the 2025 XSD's pcd: code lists (the 2024 XSD has none)
            return "codelist", code_list.group(1)
        if name in self.simple:
            restriction = self.simple[name].find(f"{XSD}restriction")
            return self.resolve(restriction.get("base")) if restriction is not None else ("builtin", "string")
        return "complex", name

    def sequence(self, node, items):
        for child in node:
            if child.tag == f"{XSD}group":
                group = self.groups[local(child.get("ref"))]
                self.sequence(group.find(f"{XSD}sequence"), items)
            elif child.tag == f"{XSD}element":
                ref = local(child.get("ref"))
                if ref:
                    element = self.elements[ref]
                    kind, type_name = self.resolve(element.get("type"))
                    doc = documentation(element)
                else:
                    ref = child.get("name")
                    kind, type_name = self.resolve(child.get("type"))
                    doc = documentation(child)
                items.append({"element": ref, "min": child.get("minOccurs", "1"),
                              "max": child.get("maxOccurs", "1"), "kind": kind, "type": type_name,
                              "doc": doc})

    def items(self, type_name):
        node = self.complex[type_name]
        items = []
        sequence = node.find(f"{XSD}sequence")
        content = node.find(f"{XSD}complexContent")
        if sequence is not None:
            self.sequence(sequence, items)
        elif content is not None:
            restriction = content.find(f"{XSD}restriction")
            extension = content.find(f"{XSD}extension")
            if restriction is not None:
                self.sequence(restriction.find(f"{XSD}sequence"), items)
            elif extension is not None:
                items = self.items(local(extension.get("base")))
                if extension.find(f"{XSD}sequence") is not None:
                    self.sequence(extension.find(f"{XSD}sequence"), items)
        return items


def models_2022(folder):
    """stem → {field or part id: element attributes and aliases}."""
    result = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xml"):
            continue
        root = ET.parse(os.path.join(folder, name)).getroot()
        items = {}
        for node in root:
            tag = node.tag.split("}")[-1]
            if tag in ("field", "part"):
                description = node.find("m:description", NS)
                items[node.get("id")] = {
                    "attrib": dict(node.attrib),
                    "aliases": [(a.get("kind"), a.text) for a in node.findall("m:alias", NS)],
                    "part_aliases": [(a.get("field"), a.get("kind"), a.text)
                                     for a in node.findall("m:alias", NS) if a.get("field")],
                    "description": description.text if description is not None else ""}
        result[name[:-4]] = items
    return result


def field_xml(type_name, item, same, own_labels):
    """The <field> of a non-part element."""
    attrib = same["attrib"] if same else {}
    label = attrib.get("label") or item["element"]
    fits = FITS.get(item["type"], []) if item["kind"] == "builtin" else []
    keep = ("type", "width", "charset", "codelist", "code-information", "pattern", "min-length", "max-length")
    note = ""
    if item["kind"] == "complex":
        same_type = attrib.get("type", "text")
        if item["type"] == type_name:
            attributes = {"type": "text"}
            note = f"pd:{item['type']}（自らを保持する項目は平坦化できない）を1列の文字列で表す。"
        elif same_type == "code" and item["type"] == "CodeInformationModel":
            attributes = {k: attrib[k] for k in keep if k in attrib}
            note = "コード情報型の種別をコード一覧のコードで記載する（2024年版XSDにコード一覧はない）。"
        else:
            attributes = {"type": "text"}
            note = f"{item['type']}を1列の文字列で表す。"
    elif same and attrib.get("type", "text") in fits:
        attributes = {k: attrib[k] for k in keep if k in attrib}
    else:
        attributes = {"type": fits[0]} if fits else {"type": "text"}
    attrs = "".join(f" {k}={quoteattr(v)}" for k, v in attributes.items())
    occurs = occurs_attributes(item)
    example = attrib.get("example")
    if example and attributes.get("type") != attrib.get("type"):
        example = None
    lines = [f'  <field id="{item["element"]}" label={quoteattr(label)}{attrs}{occurs}'
             f' xsd-element="{item["element"]}"' + (f" example={quoteattr(example)}" if example else "") + ">"]
    desc = item["doc"] + ("" if not item["doc"] or item["doc"].endswith("。") else "。") + note
    if not same:
        desc += "2022年版カタログに同じ項目がないため、項目名はXSDの要素名とする。"
    elif same["attrib"].get("id") != item["element"]:
        desc += f"2022年版カタログの{same['attrib']['id']}（{label}）の改名。"
    lines.append(f"    <description>{escape(desc)}</description>")
    for kind, alias in (same["aliases"] if same else []):
        if alias not in own_labels:
            lines.append(f'    <alias kind="{kind}">{escape(alias)}</alias>')
    lines.append("  </field>")
    return lines


def renamed_item(item, same_items):
    """The 2022 item this element renames (2024 county is 2022 countyGroup, 郡): the one
    2022 item of the class whose description starts with the element's; None when not
    exactly one. Only its label and checks are used, never its id."""
    if not item["doc"]:
        return None
    found = [same for same in same_items.values()
             if (same["description"] or "").startswith(item["doc"])]
    return found[0] if len(found) == 1 else None


def occurs_attributes(item):
    text = ""
    if item["min"] != "0":
        text += f' min="{item["min"]}"'
    if item["max"] != "1":
        text += f' max="{item["max"]}"'
    return text


def model_xml(type_name, xsd, labels, g22):
    stem = STEM_2022.get(type_name, type_name)
    same_items = g22.get(stem, {})
    items = xsd.items(type_name)
    own_labels = {same_items[i["element"]]["attrib"]["label"] for i in items if i["element"] in same_items}
    lines = []
    for item in items:
        same = same_items.get(item["element"]) or renamed_item(item, same_items)
        if item["kind"] == "complex" and item["type"] not in INFORMATION_TYPES and item["type"] != type_name:
            attrib = same["attrib"] if same else {}
            label = attrib.get("label") or item["element"]
            optional = ' prefix-optional="true"' if attrib.get("prefix-optional") == "true" else ""
            lines.append(f'  <part id="{item["element"]}" ref="gif2024:{item["type"]}" label={quoteattr(label)}'
                         f'{occurs_attributes(item)}{optional} xsd-element="{item["element"]}">')
            lines.append(f"    <description>{escape(item['doc'])}</description>")
            for field, kind, alias in (same["part_aliases"] if same else []):
                lines.append(f'    <alias field="{field}" kind="{kind}">{escape(alias)}</alias>')
            lines.append("  </part>")
        else:
            lines.extend(field_xml(type_name, item, same, own_labels))
    label = labels[type_name]
    comment = [
        f"  {type_name}.xml — GIF core data model {label} as the 2024 XSD defines it",
        f"  (versions/2024-10-01/GIF_Core_DataModel.xsd, complexType {type_name}; release 2024).",
        "  Written by scripts/gif2024_models.py; do not edit by hand. The unit tests model-5.*",
        "  check it against the XSD item for item.",
    ]
    attributes = [("id", f"gif2024:{type_name}"), ("release", "2024"), ("label", label),
                  ("xsd-type", type_name)]
    return model_document(comment, attributes, f"GIF コアデータモデル（2024年版XSD）の{label}。", lines)


def model_document(comment, attributes, description, lines):
    """A model file's text: the XML declaration, the comment's lines between <!-- and -->,
    and the model element with attributes ((name, value) pairs, in order) holding the
    description and lines (its fields and parts, as XML lines)."""
    model = "".join(f" {name}={quoteattr(value)}" for name, value in attributes)
    head = ['<?xml version="1.0" encoding="UTF-8"?>', "<!--", *comment, "-->",
            f'<model xmlns="urn:gifkit:model:1"{model}>',
            f"  <description>{escape(description)}</description>"]
    return "\n".join(head + lines + ["</model>", ""])


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gif2024_models.py GIF_DATA_DIR MODELS_GIF2022_DIR OUT_DIR")
    gif_dir, g22_dir, out_dir = sys.argv[1:]
    path = os.path.join(gif_dir, "versions", "2024-10-01", "GIF_Core_DataModel.xsd")
    xsd = Xsd(path)
    labels = {name: documentation(node) for name, node in xsd.complex.items()}
    g22 = models_2022(g22_dir)
    os.makedirs(out_dir, exist_ok=True)
    for type_name in xsd.complex:
        with open(os.path.join(out_dir, type_name + ".xml"), "w", encoding="utf-8") as f:
            f.write(model_xml(type_name, xsd, labels, g22))
    print(f"wrote {len(xsd.complex)} models to {out_dir}")


if __name__ == "__main__":
    main()
