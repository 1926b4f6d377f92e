#!/usr/bin/env python3
"""openapi_e2e.py — end-to-end test that `gifkit serve` answers as
docs/openapi.json says, driven by the document itself. It starts the real
server (serve_support.py) on a registry built from ../shared/data, then:

  1. GET /openapi.json must be docs/openapi.json byte for byte, an OpenAPI
     3.1 document as far as python3-jsonschema can tell (every schema passes
     Draft202012Validator.check_schema, every $ref resolves, every path
     template has its required path parameter, operationIds are unique), and
     must list every route the sources register (tools/serve/routes_*.cpp);
  2. every operation's `x-gifkit-test` requests are sent: each operation has
     at least one that succeeds (2xx) and, when it takes parameters or a
     body, at least one that fails with an error code. Each answer's status
     must be the expected one and documented, its Content-Type documented
     for that status, and its body (each line for NDJSON) must validate
     against the documented schema (additionalProperties false: an
     undocumented field fails); an error must have the expected code;
  3. an unknown route answers 404 not-found as an Error.

A route the document plans but the server does not have yet may be put in
PLANNED: while the server answers it 404 not-found, it alone is skipped
(said so on stdout). None is planned now.

  openapi_e2e.py --gifkit BIN [--data SHARED_DATA] [--source SOURCE_DIR] [--work DIR]

Exit 0 every route answered as documented, 1 a mismatch, 77 skipped (no
shared data) — ctest reports 77 as a skip.
"""
import glob
import json
import os
import re
import sys
import urllib.parse

import jsonschema

from case_runner import Skipped, run_script
from serve_support import Server, build_registry

ROOM = "serve"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
PLANNED = set()  # routes documented before the server has them (404 not-found skipped)
METHODS = ("get", "post", "put", "delete", "patch", "head", "options")


class Checker:
    def __init__(self, document):
        self.document = document
        self.failures = []

    def fail(self, where, message):
        self.failures.append(f"{where}: {message}")
        print(f"FAIL {where}: {message}")

    def validate(self, schema, instance):
        """The errors of instance against schema (its $refs resolved in the document)."""
        # The document is the root resource: "#/components/..." resolve in it;
        # its other members are unknown keywords to the validator.
        root = dict(self.document)
        root["$ref"] = "#/x-schema-under-test"
        root["x-schema-under-test"] = schema
        validator = jsonschema.Draft202012Validator(root)
        return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:300]}"
                for e in validator.iter_errors(instance)]


def pointer(document, ref):
    node = document
    for part in ref.lstrip("#/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[part]
    return node


def resolved(document, node):
    while isinstance(node, dict) and "$ref" in node and len(node) == 1:
        node = pointer(document, node["$ref"])
    return node


def check_document(checker, document):
    """OpenAPI 3.1 checks that jsonschema can make."""
    where = "openapi.json"
    if not str(document.get("openapi", "")).startswith("3.1."):
        checker.fail(where, f"openapi is {document.get('openapi')!r}, not 3.1.x")
    info = document.get("info", {})
    for key in ("title", "version", "description"):
        if not info.get(key):
            checker.fail(where, f"info.{key} is missing")
    if info.get("version") != "0.5.0":
        checker.fail(where, f"info.version is {info.get('version')!r}, not 0.5.0")
    if not document.get("servers"):
        checker.fail(where, "servers is missing")
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as error:
            checker.fail(where, f"components/schemas/{name} is not a JSON Schema: {error.message}")

    refs = []

    def walk(node, trail):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    refs.append((trail, value))
                elif key == "schema" and isinstance(value, dict):
                    try:
                        jsonschema.Draft202012Validator.check_schema(value)
                    except jsonschema.SchemaError as error:
                        checker.fail(where, f"{trail}/schema is not a JSON Schema: {error.message}")
                walk(value, f"{trail}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{trail}/{i}")

    walk(document, "#")
    for trail, ref in refs:
        try:
            pointer(document, ref)
        except (KeyError, IndexError, TypeError):
            checker.fail(where, f"{trail}: $ref {ref} does not resolve")

    operation_ids = set()
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            here = f"{method.upper()} {path}"
            op_id = operation.get("operationId")
            if not op_id or op_id in operation_ids:
                checker.fail(here, f"operationId {op_id!r} is missing or not unique")
            operation_ids.add(op_id)
            if not operation.get("responses"):
                checker.fail(here, "no responses")
            names = {(p["in"], p["name"]): p for p in operation.get("parameters", [])}
            for p in operation.get("parameters", []):
                for key in ("schema", "description"):
                    if key not in p:
                        checker.fail(here, f"parameter {p['name']} has no {key}")
                if "required" not in p:
                    checker.fail(here, f"parameter {p['name']} does not say whether it is required")
            for template in re.findall(r"{([^}]+)}", path):
                p = names.get(("path", template))
                if p is None or p.get("required") is not True:
                    checker.fail(here, f"path parameter {template} is not declared required")
            for status, response in operation.get("responses", {}).items():
                response = resolved(document, response)
                if not re.fullmatch(r"[1-5][0-9][0-9]", status):
                    checker.fail(here, f"response {status} is not a status")
                if "description" not in response:
                    checker.fail(here, f"response {status} has no description")
                for media, content in response.get("content", {}).items():
                    if "schema" not in content:
                        checker.fail(here, f"response {status} {media} has no schema")
    try:
        import openapi_spec_validator  # Debian's python3-openapi-spec-validator, when present
        openapi_spec_validator.validate(document)
        print("openapi-spec-validator: the document is valid")
    except ImportError:
        print("note: openapi-spec-validator is not installed; the document was checked with "
              "jsonschema only")
    except Exception as error:  # its own error types vary between versions
        checker.fail(where, f"openapi-spec-validator: {error}")


def source_routes(source):
    """The routes the server registers: {(method, templated path)}."""
    routes = set()
    for name in glob.glob(os.path.join(source, "tools", "serve", "routes_*.cpp")):
        text = open(name, encoding="utf-8").read()
        for method, raw, plain in re.findall(r'server\.(Get|Post)\(\s*(?:R"\((.*?)\)"|"([^"]*)")', text):
            routes.add((method.lower(), raw or plain))
        for path in re.findall(r'serve_embedded\(server,\s*"([^"]+)"', text):
            routes.add(("get", path))
    return routes


def check_routes_documented(checker, document, source):
    documented = set()
    for path, item in document["paths"].items():
        for method in item:
            if method in METHODS:
                documented.add((method, re.sub(r"{[^}]+}", "{}", path)))
    for method, path in sorted(source_routes(source)):
        templated = re.sub(r"\([^)]*\)", "{}", path)
        if (method, templated) not in documented:
            checker.fail("openapi.json", f"the server registers {method.upper()} {path}, "
                                         "which the document does not list")


def expanded(value):
    """A test value: a string, or {"repeat": s, "times": n}."""
    if isinstance(value, dict):
        return value["repeat"] * value["times"]
    return value


def request_of(path, example):
    url = path
    for name, value in example.get("path", {}).items():
        url = url.replace("{" + name + "}", urllib.parse.quote(expanded(value), safe=""))
    query = example.get("rawQuery")
    if query is None and example.get("query"):
        query = urllib.parse.urlencode({k: expanded(v) for k, v in example["query"].items()})
    if query:
        url += "?" + query
    body = example.get("body")
    if body is not None:
        body = expanded(body).encode("utf-8")
    headers = {"Content-Type": example["contentType"]} if "contentType" in example else {}
    return url, body, headers


def check_answer(checker, here, operation, example, status, headers, body):
    document = checker.document
    expected = example["status"]
    if status != expected:
        checker.fail(here, f"status {status}, expected {expected}: {body[:300]!r}")
    response = operation["responses"].get(str(status))
    if response is None:
        checker.fail(here, f"status {status} is not documented")
        return
    response = resolved(document, response)
    content = response.get("content", {})
    media = headers.get("Content-Type", "").split(";")[0].strip()
    if media not in content:
        checker.fail(here, f"Content-Type {media!r} is not documented for {status} "
                           f"({', '.join(content)})")
        return
    schema = content[media]["schema"]
    if media == "application/x-ndjson":
        text = body.decode("utf-8")
        lines = text.split("\n")
        if lines[-1] != "":
            checker.fail(here, "the NDJSON answer does not end with a newline")
        lines = [line for line in lines if line]
        if "lines" in example and len(lines) != example["lines"]:
            checker.fail(here, f"{len(lines)} lines, expected {example['lines']}")
        instances = [json.loads(line) for line in lines]
    elif media.endswith("json"):
        instances = [json.loads(body)]
    else:
        instances = [body.decode("utf-8")]
    if "schema" in example:  # which of a oneOf this request must answer
        schema = {"allOf": [schema, {"$ref": "#/components/schemas/" + example["schema"]}]}
    for number, instance in enumerate(instances, 1):
        for error in checker.validate(schema, instance):
            line = f" line {number}" if len(instances) > 1 else ""
            checker.fail(here, f"answer{line} does not match the documented schema: {error}")
    if "code" in example:
        code = instances[0].get("error", {}).get("code") if isinstance(instances[0], dict) else None
        if code != example["code"]:
            checker.fail(here, f"error code {code!r}, expected {example['code']!r}")
    if "minResults" in example and len(instances[0].get("results", [])) < example["minResults"]:
        checker.fail(here, f"fewer than {example['minResults']} results")


def run_operations(checker, server, document):
    sent = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            here_op = f"{method.upper()} {path}"
            examples = operation.get("x-gifkit-test", [])
            if not any(200 <= e["status"] < 300 for e in examples):
                checker.fail(here_op, "x-gifkit-test has no request that succeeds")
            takes_input = operation.get("parameters") or operation.get("requestBody")
            if takes_input and not any(e["status"] >= 400 for e in examples):
                checker.fail(here_op, "x-gifkit-test has no failing request")
            for number, example in enumerate(examples, 1):
                url, body, headers = request_of(path, example)
                here = f"{here_op} #{number} ({url[:80]})"
                status, answer_headers, answer = server.request(method.upper(), url, body=body,
                                                                headers=headers)
                sent += 1
                if path in PLANNED and status == 404 and number == 1:
                    try:
                        code = json.loads(answer)["error"]["code"]
                    except (ValueError, KeyError, TypeError):
                        code = None
                    if code == "not-found":
                        print(f"SKIPPED {here_op}: the server has no such route yet "
                              "(404 not-found); it is planned")
                        break
                failures = len(checker.failures)
                check_answer(checker, here, operation, example, status, answer_headers, answer)
                if len(checker.failures) == failures:
                    print(f"ok {here} → {status}")
    return sent


def every_route_answers_as_documented(args):
    """The case: --work is where the registry is built (kept)."""
    if not os.path.isdir(os.path.join(args.data, "abr")) or \
            not os.path.isdir(os.path.join(args.data, "houjin")):
        raise Skipped(f"no shared data at {args.data}")
    work = args.work or os.path.join(os.path.dirname(os.path.abspath(args.gifkit)), "serve-e2e")
    os.makedirs(work, exist_ok=True)
    registry = build_registry(args.gifkit, args.data, os.path.join(work, "registry.db"))
    with open(os.path.join(args.source, "docs", "openapi.json"), "rb") as f:
        document_bytes = f.read()
    document = json.loads(document_bytes)
    checker = Checker(document)
    check_document(checker, document)
    check_routes_documented(checker, document, args.source)

    # --max-body 1 (MiB): the 413 example sends a little more.
    with Server(args.gifkit, registry, "--max-body", "1", data=args.data) as server:
        status, headers, served = server.request("GET", "/openapi.json")
        if status != 200 or served != document_bytes:
            checker.fail("GET /openapi.json", "the served document is not docs/openapi.json "
                                              f"(status {status}, {len(served)} bytes)")
        sent = run_operations(checker, server, document)
        status, headers, body = server.request("GET", "/v1/no-such-route")
        check_answer(checker, "GET /v1/no-such-route", {"responses": {
            "404": {"description": "", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Error"}}}}}},
            {"status": 404, "code": "not-found"}, status, headers, body)
    if checker.failures:
        print(f"{len(checker.failures)} failures in {sent} requests")
        return 1
    print(f"every route answered as documented ({sent} requests)")
    return 0


CASES = {"every-route-answers-as-documented": every_route_answers_as_documented}
OPTIONS = [("--source", {"default": os.path.join(HERE, "..", "..")})]

if __name__ == "__main__":
    sys.exit(run_script(CASES, options=OPTIONS))
