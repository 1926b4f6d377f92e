#!/usr/bin/env python3
"""export_e2e.py — 46.x: `gifkit model export` (issue #34, item 5) read by each form's own
ecosystem: the Table Schema by npm tableschema (its descriptor check, then the CSV's rows),
the JSON Schema by python3-jsonschema (its metaschema, then the rows as objects), the JSON-LD
context by rdflib (the rows as RDF), the SHACL shapes by npm rdf-validate-shacl (over that
RDF), the XSD by xmllint (compiled, then the rows as XML). On good and bad CSV files of
gif:Person, gif:LegalEntity and opendata:public-toilet each ecosystem's verdict is compared
with gifkit validate's (exit 0 or 1): they agree on every file except the gaps listed in
GAPS by name — each a check the form cannot express, which the export's description names,
and which is shown to be real (the verdicts do differ there). Run by ctest
(tests/e2e/CMakeLists.txt)."""
import csv
import io
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, check, cases_of, main  # noqa: E402

ROOM = "export"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
VALIDATORS = os.path.join(HERE, "export_validators.js")
FORMS = ["table-schema", "json-schema", "jsonld-context", "shacl", "xsd"]
EXTENSIONS = {"table-schema": ".tableschema.json", "json-schema": ".schema.json",
              "jsonld-context": ".context.jsonld", "shacl": ".shacl.ttl", "xsd": ".xsd"}
# The forms that give a verdict on data (the JSON-LD context gives the RDF SHACL judges).
JUDGES = ["table-schema", "json-schema", "shacl", "xsd"]


def tools_or_skip():
    """The validators are installed (scripts/setup.sh), else the case is skipped."""
    try:
        import jsonschema  # noqa: F401
        import rdflib  # noqa: F401
    except ImportError as missing:
        raise Skipped(f"{missing}: run scripts/setup.sh (python3-jsonschema, python3-rdflib)")
    for package in ["tableschema", "rdf-validate-shacl", "n3"]:
        if not os.path.isdir(os.path.join(HERE, "node_modules", package)):
            raise Skipped(f"npm {package} missing: run scripts/setup.sh")
    if subprocess.run(["which", "xmllint"], capture_output=True).returncode != 0:
        raise Skipped("xmllint missing: run scripts/setup.sh (libxml2-utils)")


def corporate_number(base12):
    """A 法人番号 with its check digit: 9 − (S mod 9), S the 12 digits, even places from the
    right counted twice (the rule the export's description states)."""
    total = sum(int(d) * (2 if (12 - i) % 2 == 0 else 1) for i, d in enumerate(base12))
    return str(9 - total % 9) + base12


def node(*args):
    proc = subprocess.run(["node", VALIDATORS, *args], capture_output=True, text=True, timeout=60)
    check(proc.returncode == 0, f"node {args}: {proc.returncode} {proc.stderr}")
    return json.loads(proc.stdout)


class Exported:
    """Every form of one model, written by `gifkit model export MODEL --all DIR`."""

    def __init__(self, env, model):
        self.env, self.model = env, model
        folder = env.path("export-" + model.replace(":", "-"))
        code, out, err = env.run("model", "--data", env.data, "export", model, "--all", folder)
        check(code == 0, f"model export {model} --all: exit {code} {err}")
        self.files = {form: os.path.join(folder, model.replace(":", "-") + EXTENSIONS[form])
                      for form in FORMS}
        for form, path in self.files.items():
            check(os.path.exists(path), f"{model}: {form} not written ({out})")
        self.table_schema = self.json("table-schema")
        self.json_schema = self.json("json-schema")
        self.context = self.json("jsonld-context")["@context"]
        self.headers = [field["name"] for field in self.table_schema["fields"]]

    def json(self, form):
        with open(self.files[form], encoding="utf-8") as f:
            return json.load(f)

    def text(self, form):
        with open(self.files[form], encoding="utf-8") as f:
            return f.read()

    def description(self, form):
        """The model-level text of a form, which names the gaps it cannot express."""
        if form == "table-schema":
            return self.table_schema["description"]
        if form == "json-schema":
            return self.json_schema["description"]
        return self.text(form)

    def csv(self, name, rows):
        """A CSV file of rows (dicts by header) under every field's header, in order (Table
        Schema v1 reads the whole header): the cells a row does not name are empty."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.headers)
        for row in rows:
            unknown = set(row) - set(self.headers)
            check(not unknown, f"{self.model}: no such headers {unknown}")
            writer.writerow([row.get(header, "") for header in self.headers])
        return self.env.write(name, out.getvalue())


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def as_objects(rows):
    """A row as a JSON object: its filled cells, as strings (an empty cell is no value)."""
    return [{key: value for key, value in row.items() if value != ""} for row in rows]


def gifkit_verdict(env, model, path):
    code, out, err = env.run("validate", "--data", env.data, "--model", model, path)
    check(code in (0, 1), f"validate {path}: exit {code} {err}")
    return code == 0, out


def json_schema_verdict(exported, rows):
    import jsonschema
    validator = jsonschema.Draft202012Validator(exported.json_schema)
    errors = [f"row {i + 2}: {e.message}" for i, row in enumerate(as_objects(rows))
              for e in validator.iter_errors(row)]
    return not errors, errors


def rdf_of(exported, rows):
    """The rows as RDF: JSON-LD with the exported context, each row typed with its class,
    parsed by rdflib, serialized as N-Triples."""
    import rdflib
    class_iri = exported.context.get(exported.model_label, {}).get("@id")
    check(class_iri, f"{exported.model}: the context has no term for its class")
    graph_items = []
    for i, row in enumerate(as_objects(rows)):
        node_ = dict(row)
        node_["@id"] = f"urn:gifkit:test:row:{i + 2}"
        node_["@type"] = class_iri
        graph_items.append(node_)
    document = {"@context": exported.context, "@graph": graph_items}
    graph = rdflib.Graph()
    graph.parse(data=json.dumps(document, ensure_ascii=False), format="json-ld")
    return graph


def rdf_file(exported, name, rows):
    """The rows as N-Triples in a file of the case's folder, for the SHACL engine."""
    path = exported.env.path(name + ".nt")
    rdf_of(exported, rows).serialize(destination=path, format="nt", encoding="utf-8")
    return path


def node_batch(env, jobs):
    """The results of jobs ([command, args…] of export_validators.js) from one node."""
    path = env.path("jobs.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(jobs, f)
    return node("batch", path)


def xsd_verdict(exported, name, rows):
    """The rows as XML (<rows><row><element>value</element>…), each element named by the
    XSD's own mapping from the CSV header (its appinfo), judged by xmllint --schema."""
    import xml.etree.ElementTree as ET
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    schema = ET.parse(exported.files["xsd"]).getroot()
    target = schema.get("targetNamespace")
    element_of = {}
    for element in schema.iterfind(".//xs:complexType/xs:all/xs:element", ns):
        header = element.find("xs:annotation/xs:appinfo", ns).text
        element_of[header] = element.get("name")
    root = ET.Element("rows", xmlns=target)
    for row in as_objects(rows):
        row_element = ET.SubElement(root, "row")
        for header in exported.headers:  # xs:all: any order; the header's is kept
            if header in row:
                ET.SubElement(row_element, element_of[header]).text = row[header]
    path = exported.env.path(name + ".xml")
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    proc = subprocess.run(["xmllint", "--noout", "--schema", exported.files["xsd"], path],
                          capture_output=True, text=True, timeout=60)
    check(proc.returncode in (0, 3), f"xmllint: {proc.returncode} {proc.stderr}")
    return proc.returncode == 0, proc.stderr


def verdicts(exported, paths):
    """Each file's verdict (ok, detail) by every judging form, by file name: npm
    tableschema and rdf-validate-shacl in one node run, jsonschema and xmllint here."""
    jobs = []
    for name, path in paths.items():
        rows = read_rows(path)
        jobs.append(["table-schema-data", exported.files["table-schema"], path])
        jobs.append(["shacl", exported.files["shacl"], rdf_file(exported, name, rows)])
    results = iter(node_batch(exported.env, jobs))
    out = {}
    for name, path in paths.items():
        rows = read_rows(path)
        table, shapes = next(results), next(results)
        out[name] = {"table-schema": (table["valid"], table["errors"]),
                     "json-schema": json_schema_verdict(exported, rows),
                     "shacl": (shapes["conforms"], shapes["results"]),
                     "xsd": xsd_verdict(exported, name, rows)}
    return out


def compare(env, model, files, gaps):
    """Each file (name → rows) validated by gifkit --model MODEL and by every form's
    validator on MODEL's export. Where (file, form) is in gaps, the verdicts differ, the
    gap's name is in the form's description; elsewhere they agree."""
    exported = Exported(env, model)
    exported.model_label = exported.json_schema["x-gifkit"]["label"]
    paths = {name: exported.csv(name + ".csv", rows) for name, (rows, _) in files.items()}
    theirs_by_file = verdicts(exported, paths)
    for name, (rows, expected) in files.items():
        ours, report = gifkit_verdict(env, model, paths[name])
        check(ours == expected, f"{model} {name}: gifkit validate says "
              f"{'ok' if ours else 'not ok'}, the file was written "
              f"{'good' if expected else 'bad'}:\n{report}")
        for form, (theirs, detail) in theirs_by_file[name].items():
            gap = gaps.get((name, form))
            if gap is None:
                check(theirs == ours, f"{model} {name}: {form} says {theirs}, gifkit {ours}: "
                      f"{detail}\n{report}")
            else:
                check(theirs != ours, f"{model} {name}: {form} agrees with gifkit although "
                      f"the gap {gap} was listed")
                check(f"[{gap}]" in exported.description(form),
                      f"{model}: {form}'s description does not name the gap {gap}")


def case_exports_read_by_their_own_tools(env):
    """gif:Person, gif:LegalEntity, gif:Address_MP01 and opendata:public-toilet, every
    form: the Table Schema is a valid descriptor for npm tableschema, the JSON Schema valid
    against its metaschema (2020-12), the JSON-LD context loaded by rdflib (a row of three
    cells gives three triples under the vocabulary), the SHACL Turtle parsed by rdflib and
    run by rdf-validate-shacl (an empty graph conforms), the XSD compiled by xmllint (an
    empty <rows> validates); each names its model and release."""
    tools_or_skip()
    import jsonschema
    import rdflib
    models = ["gif:Person", "gif:LegalEntity", "gif:Address_MP01", "opendata:public-toilet"]
    exports = [Exported(env, model) for model in models]
    empty = env.write("empty.nt", "")
    results = iter(node_batch(env, [job for exported in exports for job in [
        ["table-schema-profile", exported.files["table-schema"]],
        ["shacl", exported.files["shacl"], empty]]]))
    for model, exported in zip(models, exports):
        profile, shapes_run = next(results), next(results)
        check(profile["valid"], f"{model}: Table Schema descriptor: {profile['errors']}")
        check(shapes_run["conforms"], f"{model}: shacl on an empty graph: {shapes_run}")
        jsonschema.Draft202012Validator.check_schema(exported.json_schema)
        check(exported.json_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema",
              exported.json_schema["$schema"])
        headers = exported.headers[:3]
        graph = rdflib.Graph()
        graph.parse(data=json.dumps({"@context": exported.context, "@id": "urn:x:1",
                                     **{h: "x" for h in headers}}, ensure_ascii=False),
                    format="json-ld")
        check(len(graph) == 3, f"{model}: {len(graph)} triples from 3 cells")
        for _, predicate, _ in graph:
            check(str(predicate).startswith("urn:gifkit:vocab:"), f"{model}: {predicate}")
        shapes = rdflib.Graph()
        shapes.parse(exported.files["shacl"], format="turtle")
        check(len(shapes) > 10, f"{model}: {len(shapes)} triples of shapes")
        target = None
        for line in exported.text("xsd").splitlines():
            if 'targetNamespace="' in line:
                target = line.split('targetNamespace="')[1].split('"')[0]
        rows = env.write("rows.xml", f'<rows xmlns="{target}"/>')
        proc = subprocess.run(["xmllint", "--noout", "--schema", exported.files["xsd"], rows],
                              capture_output=True, text=True, timeout=60)
        check(proc.returncode == 0, f"{model}: xmllint: {proc.stderr}")
        if model.startswith("gif:"):
            check(exported.table_schema["gifkit"]["release"] == "2026",
                  f"{model}: {exported.table_schema['gifkit']}")
            check("GIF release 2026" in exported.description("shacl"), f"{model}: shacl release")


def table_schema_profile():
    """Table Schema's own profile (a JSON Schema, draft 4) as npm tableschema ships it."""
    path = os.path.join(HERE, "node_modules", "tableschema", "lib", "profiles",
                        "table-schema.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def case_every_model_of_the_catalog_exports(env):
    """Every model `gifkit model list` holds is exported (--all), each in well under a
    second; its Table Schema is valid against Table Schema's profile and its JSON Schema
    against the 2020-12 metaschema (python3-jsonschema), its JSON-LD context gives a row its
    class; a model is never refused for a form."""
    tools_or_skip()
    import jsonschema
    import rdflib
    code, out, err = env.run("model", "--data", env.data, "list", "--format", "json")
    check(code == 0, f"model list: {code} {err}")
    ids = [model["id"] for model in json.loads(out)]
    check(len(ids) >= 40, f"{len(ids)} models")
    profile = table_schema_profile()
    profile_validator = jsonschema.validators.validator_for(profile)(profile)
    for model in ids:
        exported = Exported(env, model)
        errors = [e.message for e in profile_validator.iter_errors(exported.table_schema)]
        check(not errors, f"{model}: Table Schema profile: {errors[:3]}")
        jsonschema.Draft202012Validator.check_schema(exported.json_schema)
        document = exported.json("jsonld-context")
        graph = rdflib.Graph()
        graph.parse(data=json.dumps({"@context": document["@context"], "@id": "urn:x:1",
                                     "@type": document["class"]}), format="json-ld")
        check(len(graph) == 1, f"{model}: the row's class: {len(graph)} triples")


PERSON_GOOD = {"氏": "山田", "名": "花子", "氏（カナ）": "ヤマダ", "名（カナ）": "ハナコ",
               "性別": "2", "生年月日": "1990-04-01", "連結表記": "東京都文京区白山1-2-3"}


def case_person_verdicts_agree(env):
    """gif:Person_MP03 (氏, 名, カナ, 性別, 生年月日, 住所 required): good files — the split
    and the combined name (氏名 stands for 氏 + 名) — and bad ones — 性別 3, 生年月日
    1990/04/01, カナ in hiragana, 性別 missing — get the same verdict from gifkit and from
    every ecosystem. The gaps: a date not in the calendar (the XSD's xs:date sees it); a
    label for its code (gifkit warns, the forms refuse); neither 氏 nor 氏名 (Table Schema
    and XSD cannot say "one form or the other")."""
    tools_or_skip()
    combined = {k: v for k, v in PERSON_GOOD.items() if k not in ("氏", "名", "氏（カナ）", "名（カナ）")}
    combined.update({"氏名": "山田 花子", "氏名（カナ）": "ヤマダ ハナコ"})
    no_name = {k: v for k, v in PERSON_GOOD.items() if k not in ("氏", "名")}
    files = {
        "good-split": ([PERSON_GOOD, dict(PERSON_GOOD, 名="太郎", 性別="1")], True),
        "good-combined": ([combined], True),
        "bad-sex": ([dict(PERSON_GOOD, 性別="3")], False),
        "bad-date-form": ([dict(PERSON_GOOD, 生年月日="1990/04/01")], False),
        "bad-kana": ([dict(PERSON_GOOD, **{"氏（カナ）": "やまだ"})], False),
        "bad-no-sex": ([{k: v for k, v in PERSON_GOOD.items() if k != "性別"}], False),
        "gap-calendar": ([dict(PERSON_GOOD, 生年月日="1990-02-30")], False),
        "gap-code-label": ([dict(PERSON_GOOD, 性別="女性")], True),
        "gap-no-name": ([no_name], False),
    }
    gaps = {("gap-calendar", "table-schema"): "calendar-date",
            ("gap-calendar", "json-schema"): "calendar-date",
            ("gap-calendar", "shacl"): "calendar-date",
            ("gap-code-label", "table-schema"): "warnings",
            ("gap-code-label", "json-schema"): "warnings",
            ("gap-code-label", "shacl"): "warnings",
            ("gap-code-label", "xsd"): "warnings",
            ("gap-no-name", "table-schema"): "alternatives",
            ("gap-no-name", "xsd"): "alternatives"}
    compare(env, "gif:Person_MP03", files, gaps)


def case_person_patterns_as_any_of(env):
    """gif:Person, the base class: its export requires one of its patterns (anyOf / sh:or).
    A record of MP03's items and one of MP02's (ID群, 氏名, 氏名（カナ）) both satisfy it in
    JSON Schema and SHACL; the rows of a file that satisfies none are refused by both, naming
    no pattern satisfied; Table Schema and XSD, which cannot say it, name the gap."""
    tools_or_skip()
    exported = Exported(env, "gif:Person")
    exported.model_label = "個人"
    mp02 = {"ID群": "A-1", "氏名": "山田 花子", "氏名（カナ）": "ヤマダ ハナコ"}
    good = read_rows(exported.csv("good.csv", [PERSON_GOOD, mp02]))
    none = read_rows(exported.csv("none.csv", [{"氏名": "山田 花子"}]))
    shapes_good, shapes_none = node_batch(env, [
        ["shacl", exported.files["shacl"], rdf_file(exported, "good", good)],
        ["shacl", exported.files["shacl"], rdf_file(exported, "none", none)]])
    ok, errors = json_schema_verdict(exported, good)
    check(ok, errors)
    check(shapes_good["conforms"], shapes_good["results"])
    ok, errors = json_schema_verdict(exported, none)
    check(not ok and any("not valid under any" in e for e in errors), errors)
    check(not shapes_none["conforms"] and
          any(r["component"].endswith("OrConstraintComponent") for r in shapes_none["results"]),
          shapes_none["results"])
    for form in ["table-schema", "xsd"]:
        check("[required-patterns]" in exported.description(form), f"{form}: no gap named")
    for form in ["json-schema", "shacl"]:
        check("[required-patterns]" not in exported.description(form), f"{form}: gap named")


def case_legal_entity_verdicts_agree(env):
    """gif:LegalEntity: good rows (real check digits, 組織種別 301; the items of
    LegalEntity_MP02, which the base class's export requires one pattern of) and bad ones — 12 digits,
    組織種別 999, 社員数 12名, 設立年月日 2001/4/1 — get one verdict from all. The gaps: a
    wrong check digit (no form can compute it) and a 法人番号 twice (Table Schema's
    primaryKey and the XSD's xs:unique see it; a row-by-row JSON Schema or SHACL shape
    cannot)."""
    tools_or_skip()
    first, second = corporate_number("700110005901"), corporate_number("401000104440")
    wrong = ("1" if first[0] != "1" else "2") + first[1:]
    good = {"法人番号": first, "商号または名称": "株式会社テスト",
            "商号または名称（カナ）": "テスト", "組織種別": "301",
            "社員数": "120", "設立年月日": "2001-04-01"}
    files = {
        "good": ([good, dict(good, 法人番号=second, 商号または名称="テスト合同会社",
                             組織種別="305")], True),
        "bad-digits": ([dict(good, 法人番号=first[:12])], False),
        "bad-kind": ([dict(good, 組織種別="999")], False),
        "bad-employees": ([dict(good, 社員数="12名")], False),
        "bad-date-form": ([dict(good, 設立年月日="2001/4/1")], False),
        "gap-check-digit": ([dict(good, 法人番号=wrong)], False),
        "gap-duplicate": ([good, dict(good, 商号または名称="株式会社テスト二")], False),
    }
    gaps = {("gap-check-digit", form): "check-digit" for form in JUDGES}
    gaps.update({("gap-duplicate", "json-schema"): "duplicate-key",
                 ("gap-duplicate", "shacl"): "duplicate-key"})
    compare(env, "gif:LegalEntity", files, gaps)


def case_opendata_verdicts_agree(env):
    """opendata:public-toilet (名称, 所在地_連結表記 and 設置位置 required; 緯度/経度,
    counts, 利用開始時間): good rows and bad ones — 名称 empty, 利用開始時間 25:00, 男性トイレ総数
    three — agree. The gaps: a 全国地方公共団体コード with a wrong check digit, and a latitude
    outside Japan (a number, but not in 20–46)."""
    tools_or_skip()
    good = {"全国地方公共団体コード": "131059", "ID": "T001", "名称": "白山公園トイレ",
            "所在地_連結表記": "東京都文京区白山1-2-3", "設置位置": "公園内",
            "緯度": "35.72", "経度": "139.75", "男性トイレ総数": "3", "利用開始時間": "09:00"}
    files = {
        "good": ([good, dict(good, ID="T002", 名称="白山駅前トイレ", 利用開始時間="06:30:00")],
                 True),
        "bad-no-name": ([dict(good, 名称="")], False),
        "bad-time": ([dict(good, 利用開始時間="25:00")], False),
        "bad-count": ([dict(good, 男性トイレ総数="三")], False),
        "gap-check-digit": ([dict(good, 全国地方公共団体コード="131051")], False),
        "gap-latitude": ([dict(good, 緯度="12.5")], False),
    }
    gaps = {("gap-check-digit", form): "check-digit" for form in JUDGES}
    gaps.update({("gap-latitude", form): "coordinate-range" for form in JUDGES})
    compare(env, "opendata:public-toilet", files, gaps)


def case_command_line(env):
    """-f FORM writes one form to standard output or, with -o, to a file (the same bytes);
    a model file is exported as a catalog model is; an unknown form, an unknown model, -f
    with --all, or neither are usage errors (exit 2) that say what was expected; so are an
    output that cannot be written and a data folder without the code lists."""
    code, out, err = env.run("model", "--data", env.data, "export", "gif:Person", "-f", "xsd")
    check(code == 0 and out.startswith("<?xml"), f"exit {code} {err}")
    target = env.path("person.xsd")
    code, _, err = env.run("model", "--data", env.data, "export", "gif:Person", "-f", "xsd",
                           "-o", target)
    check(code == 0, f"-o: exit {code} {err}")
    with open(target, encoding="utf-8") as f:
        check(f.read() == out, "-o wrote other bytes than standard output")
    examples = os.path.join(HERE, "..", "..", "docs", "examples", "registration-model.xml")
    code, out, err = env.run("model", "--data", env.data, "export", examples, "-f",
                             "json-schema")
    check(code == 0, f"model file: exit {code} {err}")
    check(json.loads(out)["x-gifkit"]["model"].startswith("example:"), out[:200])
    for args, expected in [(["gif:Person", "-f", "json"], "unknown form 'json'"),
                           (["gif:Nobody", "-f", "xsd"], "unknown model gif:Nobody"),
                           (["gif:Person"], "give -f FORM or --all DIR")]:
        code, _, err = env.run("model", "--data", env.data, "export", *args)
        check(code == 2 and expected in err, f"{args}: exit {code} {err}")
    code, _, err = env.run("model", "--data", env.data, "export", "gif:Person", "-f", "xsd",
                           "--all", env.path("all"))
    check(code == 2 and "excludes" in err, f"-f with --all: exit {code} {err}")
    check(not os.path.exists(env.path("all")), "--all folder made by a refused command")
    # Outputs that cannot be written: exit 2 naming them, nothing left behind.
    code, _, err = env.run("model", "--data", env.data, "export", "gif:Person", "-f", "xsd",
                           "-o", env.path("no", "such", "dir", "p.xsd"))
    check(code == 2 and "no/such/dir" in err, f"-o into no folder: exit {code} {err}")
    blocker = env.write("a-file", "x")
    code, _, err = env.run("model", "--data", env.data, "export", "gif:Person", "--all",
                           os.path.join(blocker, "out"))
    check(code == 2 and "a-file" in err, f"--all under a file: exit {code} {err}")
    # Without the code lists the enumerations cannot be written: refused, not left out.
    empty = env.path("no-data")
    os.makedirs(empty)
    code, _, err = env.run("model", "--data", empty, "export", "gif:Person", "-f", "xsd")
    check(code == 2 and "GIF_Core_CodeList.xsd" in err, f"no code lists: exit {code} {err}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="gif/GIF_Core_CodeList.xsd"))
