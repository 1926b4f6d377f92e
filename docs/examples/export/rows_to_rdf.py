#!/usr/bin/env python3
"""rows_to_rdf.py CONTEXT CSV — the rows of CSV as RDF (N-Triples on standard output): each
row a JSON-LD node with the context `gifkit model export MODEL -f jsonld-context` wrote,
typed with the model's class, read by rdflib (python3-rdflib). docs/model-export.md."""
import csv
import json
import sys

import rdflib

document = json.load(open(sys.argv[1], encoding="utf-8"))
context = document["@context"]
class_iri = document["class"]  # the rows' class: the SHACL shapes' sh:targetClass
nodes = []
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    for number, row in enumerate(csv.DictReader(f), start=2):
        node = {key: value for key, value in row.items() if value != ""}  # empty: no value
        node.update({"@id": f"urn:example:row:{number}", "@type": class_iri})
        nodes.append(node)
graph = rdflib.Graph()
graph.parse(data=json.dumps({"@context": context, "@graph": nodes}), format="json-ld")
sys.stdout.write(graph.serialize(format="nt"))
