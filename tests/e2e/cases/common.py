"""cases/common.py — the helpers and inputs of more than one group of cases."""
import os

# tests/e2e/data, the fixtures ({fixtures} in a case's arguments).
FIXTURES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")
REGISTRATION = "{repo}/docs/examples/registration-model.xml"


def exact_problems(report, expected, codes=None):
    """None when the report's problems (of codes, if given) are exactly expected, a list of
    (code, severity, row, column, suggestion) in report order; else what differs."""
    got = [(p["code"], p["severity"], p["row"], p["column"], p.get("suggestion") or "")
           for p in task(report)["errors"] if codes is None or p["code"] in codes]
    if got == expected:
        return None
    return "problems differ:\n  got      " + "\n           ".join(map(str, got)) + \
        "\n  expected " + "\n           ".join(map(str, expected))


def task(report, index=0):
    return report["tasks"][index]


def only_problem(report, code):
    """(the report's one problem of code, None), or (None, what the report holds instead)."""
    found = [p for p in task(report)["errors"] if p["code"] == code]
    if len(found) != 1:
        return None, f"not one {code}: {[(p['code'], p['message']) for p in task(report)['errors']]}"
    return found[0], None


HOUJIN_UTF8 = "{data}/houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv"
HOUJIN_SJIS = "{data}/houjin/samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"


BUILD_REGISTRY = ["registry", "build", "--out", "{tmp}/houjin.db", HOUJIN_UTF8, HOUJIN_SJIS]
LOOKUP = ["lookup", "corporation", "--registry", "{tmp}/houjin.db"]
