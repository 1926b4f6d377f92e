#!/usr/bin/python3
"""check_report.py — checks a gifkit report with real parsers, for the e2e tests.

Usage: check_report.py FORMAT FILE
  json    validate against docs/report.schema.json
  ndjson  every line is a JSON object with a "type"; the last one is "total"
  junit   parses with xml.etree; <testsuites>/<testsuite> with testcases
  sarif   validate against the OASIS SARIF 2.1.0 schema
          (tests/fixtures/schemas/sarif-schema-2.1.0.json)
  github  every line is a workflow command (::error|warning|notice ...::message)
  gitlab  validate against GitLab's Code Quality field list
          (tests/fixtures/schemas/gitlab-codequality.schema.json)
Exit 0 when the file is OK, 1 with a message when it is not, 2 on bad usage.
Uses only the standard library and Debian's python3-jsonschema.
"""
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ElementTree

REPO = pathlib.Path(__file__).resolve().parent.parent.parent
REPORT_SCHEMA = REPO / "docs" / "report.schema.json"
SARIF_SCHEMA = REPO / "tests" / "fixtures" / "schemas" / "sarif-schema-2.1.0.json"
GITLAB_SCHEMA = REPO / "tests" / "fixtures" / "schemas" / "gitlab-codequality.schema.json"

# ::command key=value,key=value::message — values and the message are
# percent-encoded by GitHub's rules, so none holds a raw CR or LF, and a
# value holds no raw ',' or ':'.
GITHUB_COMMAND = re.compile(
    r"::(error|warning|notice|debug)"
    r"( [A-Za-z]+=[^,:\r\n]*(,[A-Za-z]+=[^,:\r\n]*)*)?"
    r"::[^\r\n]*"
)


# RFC 3986 URI and URI reference, by character set (jsonschema checks the
# "uri" formats only when the rfc3987 package is there; Debian's is not).
URI_CHARACTERS = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*"
URI_REFERENCE = re.compile(URI_CHARACTERS)
URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:" + URI_CHARACTERS)


class ReportError(Exception):
    pass


def format_checker():
    import jsonschema  # python3-jsonschema

    checker = jsonschema.FormatChecker()
    checker.checks("uri")(lambda value: not isinstance(value, str) or bool(URI.fullmatch(value)))
    checker.checks("uri-reference")(
        lambda value: not isinstance(value, str) or bool(URI_REFERENCE.fullmatch(value))
    )
    return checker


def validate_with_schema(document, schema_path):
    import jsonschema  # python3-jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=format_checker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors[:10]]
        raise ReportError(f"does not follow {schema_path.name}:\n  " + "\n  ".join(lines))


def load_json(text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(f"not JSON: {error}")


def check_json(text):
    validate_with_schema(load_json(text), REPORT_SCHEMA)


def check_ndjson(text):
    lines = text.splitlines()
    if not lines:
        raise ReportError("no lines")
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ReportError(f"line {number} is not JSON: {error}")
        if not isinstance(record, dict) or record.get("type") not in ("problem", "summary", "total"):
            raise ReportError(f"line {number} is not a problem, summary or total object")
        if record["type"] in ("problem", "summary") and "path" not in record:
            raise ReportError(f"line {number} has no path")
    if json.loads(lines[-1])["type"] != "total":
        raise ReportError("the last line is not the total")


def check_junit(text):
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as error:
        raise ReportError(f"not well-formed XML: {error}")
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    if root.tag not in ("testsuites", "testsuite"):
        raise ReportError(f"root element is <{root.tag}>, not <testsuites>")
    if not suites:
        raise ReportError("no <testsuite>")
    for suite in suites:
        cases = suite.findall("testcase")
        if not cases:
            raise ReportError(f"testsuite {suite.get('name')!r} has no <testcase>")
        if int(suite.get("tests", "-1")) != len(cases):
            raise ReportError(f"testsuite {suite.get('name')!r}: tests= does not count its testcases")
        for case in cases:
            if not case.get("name") or not case.get("classname"):
                raise ReportError("a testcase lacks name or classname")


def check_sarif(text):
    validate_with_schema(load_json(text), SARIF_SCHEMA)


def check_gitlab(text):
    validate_with_schema(load_json(text), GITLAB_SCHEMA)


def check_github(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise ReportError("no lines")
    for number, line in enumerate(lines, 1):
        if not GITHUB_COMMAND.fullmatch(line):
            raise ReportError(f"line {number} is not a workflow command: {line!r}")


CHECKS = {
    "json": check_json,
    "ndjson": check_ndjson,
    "junit": check_junit,
    "sarif": check_sarif,
    "github": check_github,
    "gitlab": check_gitlab,
}


def main(argv):
    if len(argv) != 3 or argv[1] not in CHECKS:
        print(f"usage: {argv[0]} {{{'|'.join(CHECKS)}}} FILE", file=sys.stderr)
        return 2
    report_format, path = argv[1], argv[2]
    try:
        text = pathlib.Path(path).read_text(encoding="utf-8")
        CHECKS[report_format](text)
    except (OSError, UnicodeDecodeError) as error:
        print(f"check_report: {path}: {error}", file=sys.stderr)
        return 1
    except ReportError as error:
        print(f"check_report: {path} ({report_format}): {error}", file=sys.stderr)
        return 1
    print(f"check_report: {path} ({report_format}): ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
