#!/usr/bin/env python3
"""test_install.py — gifkit installs and runs from where it was installed.

Part 1: `cmake --install BUILD --prefix TMP/stage/prefix`, checks the layout
(bin/gifkit, share/gifkit/models/**, share/doc/gifkit/*.md, no engine
sources), then MOVES the prefix to another folder and runs the smoke checks
there. Part 2: `cpack -G DEB` into a temp folder, checks the package's fields
(`dpkg-deb -f`: Package, Version, Maintainer, Depends naming the runtime
libraries), extracts it with `dpkg-deb -x` into a fresh folder tree and runs the
same smoke checks on its usr/bin/gifkit.

The smoke checks run the installed binary with GIFKIT_MODELS and GIFKIT_DATA
unset, from a working folder outside the source tree. They prove that the
binary found the installed models, not the build tree's: a probe model is
added to the installed tree first and `gifkit model list` must list it, and
validate must say that the published data (never shipped) was not found.
To add a check, write a function check_NAME(tree) and append it to
SMOKE_CHECKS below (check_serve starts the installed `gifkit serve`).

  test_install.py --build BUILD_DIR --version X.Y.Z --fixtures tests/e2e/data
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

# A real row of the National Tax Agency's 法人番号 daily diff (2021-07-14), 30 columns.
HOUJIN_ROW = ('1,1010001072706,01,1,2021-07-14,2015-10-05,"東京増田医療器株式会社",,301,'
              '"東京都","文京区","湯島２丁目６番２号",,13,105,1130034,,,,,,,2015-10-05,1,'
              ',,,,"トウキョウマスダイリョウキ",0\n')

# The Address Base Registry's rows of 東京都 and 文京区 (mt_pref_all, mt_city_all); the
# 町字 of 白山 come from tests/e2e/data/abr_town_japanese_header.csv.
ABR_PREF = ("lg_code,pref,pref_kana,pref_roma,efct_date,ablt_date,remarks\n"
            "130001,東京都,トウキョウト,Tokyo,1947-04-17,,\n")
ABR_CITY = ("lg_code,pref,pref_kana,pref_roma,county,county_kana,county_roma,city,city_kana,"
            "city_roma,ward,ward_kana,ward_roma,efct_date,ablt_date,remarks\n"
            "131059,東京都,トウキョウト,Tokyo,,,,文京区,ブンキョウク,Bunkyo-ku,,,,1947-04-17,,\n")

# A model only the installed tree holds: listed only when that tree is read.
PROBE_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="urn:gifkit:model:1" id="install:probe" label="install probe">
  <field id="probe" label="probe" type="text"/>
</model>
"""


class Failure(Exception):
    pass


class Tree:
    """An installed gifkit: its binary, its share/gifkit and a work folder."""

    def __init__(self, name, gifkit, share, work, fixtures):
        self.name, self.gifkit, self.share, self.work, self.fixtures = \
            name, gifkit, share, work, fixtures

    def run(self, *args, expect=0):
        env = {k: v for k, v in os.environ.items() if k not in ("GIFKIT_MODELS", "GIFKIT_DATA")}
        result = subprocess.run([self.gifkit, *args], cwd=self.work, env=env,
                                capture_output=True, text=True, timeout=60)
        if result.returncode != expect:
            raise Failure(f"{self.name}: gifkit {' '.join(args)}: exit {result.returncode}, "
                          f"expected {expect}\nstdout: {result.stdout[:2000]}\n"
                          f"stderr: {result.stderr[:2000]}")
        return result


def expect_in(tree, what, text, needle):
    if needle not in text:
        raise Failure(f"{tree.name}: {what} lacks {needle!r}:\n{text[:2000]}")


def check_version(tree):
    """--version names the installed tree's models, not the build tree's, and says the
    published data is not there (it is never shipped)."""
    out = tree.run("--version").stdout
    expect_in(tree, "--version", out, "models      " + os.path.join(tree.share, "models") + "\n")
    expect_in(tree, "--version", out, "data        " + os.path.join(tree.share, "data") +
              " (not found: ")


def check_model_list(tree):
    out = tree.run("model", "list").stdout
    expect_in(tree, "model list", out, "gif:LegalEntity")
    expect_in(tree, "model list (the installed tree's own models)", out, "install:probe")


def check_validate(tree):
    result = tree.run("validate", "--model", "gif:LegalEntity", "--format", "json",
                      os.path.join(tree.fixtures, "corporations.csv"), expect=1)
    report = json.loads(result.stdout)
    found = {(p["code"], p["row"], p["column"]) for p in report["tasks"][0]["errors"]}
    expected = {("invalid-check-digit", 4, 1), ("invalid-format", 4, 4), ("duplicate-key", 5, 1)}
    if not expected <= found:  # as e2e case 2.2 on the build tree's binary
        raise Failure(f"{tree.name}: validate found {sorted(found)}")
    # The published data is not shipped, and the build tree's is not looked at.
    expect_in(tree, "validate's stderr", result.stderr, "code-list checks skipped")


def check_registry_and_lookup(tree):
    sources = []
    for name, text in (("diff_20210714.csv", HOUJIN_ROW), ("mt_pref_all.csv", ABR_PREF),
                       ("mt_city_all.csv", ABR_CITY)):
        sources.append(os.path.join(tree.work, name))
        with open(sources[-1], "w", encoding="utf-8") as f:
            f.write(text)
    registry = os.path.join(tree.work, "registry.db")
    tree.run("registry", "build", "--out", registry, *sources,
             os.path.join(tree.fixtures, "abr_town_japanese_header.csv"))
    out = tree.run("lookup", "corporation", "--registry", registry, "1010001072706").stdout
    expect_in(tree, "lookup corporation", out, "東京増田医療器株式会社")


def check_python(tree):
    """The installed Python package (docs/python.md), imported from the tree's
    dist-packages by the interpreter it was built for: it reads the tree's own
    models (the probe model), not the build tree's, and looks up in the registry."""
    if not PYTHON:
        return
    prefix = os.path.dirname(os.path.dirname(tree.share))
    found = glob.glob(os.path.join(prefix, "lib", "python3*", "dist-packages", "gifkit",
                                   "__init__.py"))
    if len(found) != 1:
        raise Failure(f"{tree.name}: the Python package: {found}, expected one gifkit/__init__.py "
                      f"under {prefix}/lib/python3*/dist-packages")
    env = {k: v for k, v in os.environ.items() if k not in ("GIFKIT_MODELS", "GIFKIT_DATA")}
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(found[0]))
    code = ("import gifkit, sys\n"
            "print(gifkit.run('model', 'list').output)\n"
            "print(gifkit.lookup_corporation('1010001072706', registry=sys.argv[1])[0]['name'])\n")
    result = subprocess.run([PYTHON[0], "-c", code, os.path.join(tree.work, "registry.db")],
                            cwd=tree.work, env=env, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise Failure(f"{tree.name}: import gifkit: exit {result.returncode}\n{result.stderr[-2000:]}")
    expect_in(tree, "gifkit.run('model', 'list') (the installed tree's own models)",
              result.stdout, "install:probe")
    expect_in(tree, "gifkit.lookup_corporation", result.stdout, "東京増田医療器株式会社")


def check_address_normalize(tree):
    # Needs share/gifkit/models/dictionaries/address_fold.tsv.
    out = tree.run("address", "normalize", "--registry",
                   os.path.join(tree.work, "registry.db"), "--format", "ndjson",
                   "東京都文京区白山２丁目").stdout
    result = json.loads(out.splitlines()[0])
    if (result.get("lg_code"), result.get("machiaza_id")) != ("131059", "0001002"):
        raise Failure(f"{tree.name}: address normalize gave {out}")


def check_serve(tree):
    """The installed gifkit serve on a free loopback port: its page (embedded
    in the binary), a corporation, an address normalized with the installed
    fold table; then SIGTERM stops it with exit 0."""
    import signal
    import urllib.request
    env = {k: v for k, v in os.environ.items() if k not in ("GIFKIT_MODELS", "GIFKIT_DATA")}
    process = subprocess.Popen([tree.gifkit, "serve", "--registry",
                                os.path.join(tree.work, "registry.db"), "--port", "0"],
                               cwd=tree.work, env=env, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        while line.startswith("gifkit serve: note:"):
            line = process.stderr.readline()
        if "listening on http://127.0.0.1:" not in line:
            raise Failure(f"{tree.name}: gifkit serve did not start: {line}")
        base = line.split("listening on ", 1)[1].split(" ", 1)[0].rstrip("/")

        def get(path):
            with urllib.request.urlopen(base + path, timeout=30) as answer:
                return answer.read().decode("utf-8")
        expect_in(tree, "serve's page", get("/"), "<html")
        expect_in(tree, "serve's corporation", get("/v1/corporations/1010001072706"),
                  "東京増田医療器株式会社")
        normalized = json.loads(get("/v1/addresses/normalize?q=" +
                                    urllib.request.quote("東京都文京区白山２丁目")))
        if normalized.get("machiaza_id") != "0001002":
            raise Failure(f"{tree.name}: serve normalized to {normalized}")
        json.loads(get("/openapi.json"))
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        process.stderr.close()
    if code != 0:
        raise Failure(f"{tree.name}: gifkit serve exited {code} after SIGTERM")


# In order: the registry built by check_registry_and_lookup serves the next ones.
SMOKE_CHECKS = [check_version, check_model_list, check_validate, check_registry_and_lookup,
                check_python, check_address_normalize, check_serve]
# The interpreter the Python package was built for (--python), when the build made one.
PYTHON = []


def smoke(name, prefix, fixtures, tmp):
    gifkit = os.path.join(prefix, "bin", "gifkit")
    share = os.path.join(prefix, "share", "gifkit")
    for path in (gifkit, os.path.join(share, "models", "model.xsd"),
                 os.path.join(share, "models", "dictionaries", "address_fold.tsv"),
                 os.path.join(share, "models", "gif", "LegalEntity.xml"),
                 os.path.join(prefix, "share", "doc", "gifkit", "README.md"),
                 os.path.join(prefix, "share", "doc", "gifkit", "install.md")):
        if not os.path.exists(path):
            raise Failure(f"{name}: {path} was not installed")
    for path in (os.path.join(share, "models", "engine"),
                 os.path.join(share, "models", "CMakeLists.txt"), os.path.join(share, "data")):
        if os.path.exists(path):
            raise Failure(f"{name}: {path} should not be installed")
    with open(os.path.join(share, "models", "sources", "install-probe.xml"), "w") as f:
        f.write(PROBE_MODEL)
    work = tempfile.mkdtemp(prefix="work-", dir=tmp)
    tree = Tree(name, gifkit, share, work, fixtures)
    for check in SMOKE_CHECKS:
        check(tree)
    print(f"ok {name}: {', '.join(c.__name__ for c in SMOKE_CHECKS)}")


def run(args, what):
    result = subprocess.run(args, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise Failure(f"{what} failed ({result.returncode}): {' '.join(args)}\n"
                      f"{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result.stdout


def part_install(build, fixtures, tmp):
    staged = os.path.join(tmp, "stage", "prefix")
    run(["cmake", "--install", build, "--prefix", staged], "cmake --install")
    moved = os.path.join(tmp, "moved", "elsewhere")  # nothing may point at the staged path
    os.makedirs(os.path.dirname(moved))
    shutil.move(staged, moved)
    smoke("cmake --install (moved)", moved, fixtures, tmp)


def part_deb(build, version, fixtures, tmp):
    out = os.path.join(tmp, "deb")
    run(["cpack", "--config", os.path.join(build, "CPackConfig.cmake"), "-G", "DEB", "-B", out],
        "cpack -G DEB")
    debs = glob.glob(os.path.join(out, "*.deb"))
    if len(debs) != 1:
        raise Failure(f"cpack made {debs}, expected one .deb")
    fields = {}
    for name in ("Package", "Version", "Maintainer", "Depends"):
        fields[name] = run(["dpkg-deb", "-f", debs[0], name], "dpkg-deb -f").strip()
    print(f"{os.path.basename(debs[0])}: " + "; ".join(f"{k}: {v}" for k, v in fields.items()))
    if fields["Package"] != "gifkit" or fields["Version"] != version or not fields["Maintainer"]:
        raise Failure(f"package fields: {fields}")
    for library in ("libsqlite3", "libxml2", "libicu", "libzip", "libstdc++"):
        if library not in fields["Depends"]:
            raise Failure(f"Depends lacks {library}: {fields['Depends']!r}")
    root = os.path.join(tmp, "root")
    run(["dpkg-deb", "-x", debs[0], root], "dpkg-deb -x")
    smoke("the .deb (extracted)", os.path.join(root, "usr"), fixtures, tmp)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--python", help="the interpreter of the Python package, when built")
    args = parser.parse_args()
    if args.python:
        PYTHON.append(args.python)
    fixtures = os.path.abspath(args.fixtures)
    for tool in ("cmake", "cpack", "dpkg-deb", "dpkg-shlibdeps"):
        if shutil.which(tool) is None:
            print(f"FAIL: {tool} not found (scripts/setup.sh installs it)")
            return 1
    with tempfile.TemporaryDirectory(prefix="gifkit-install-") as tmp:
        try:
            part_install(os.path.abspath(args.build), fixtures, tmp)
            part_deb(os.path.abspath(args.build), args.version, fixtures, tmp)
        except Failure as failure:
            print(f"FAIL {failure}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
