#!/usr/bin/env python3
"""browser_page_e2e.py — the page of the browser build (tools/browser/, docs/browser.md)
in headless Chromium, opened from file:// as a steward opens it from a folder: it starts,
checks every real file of ../shared/data/opendata-real/ chosen in its file field, and
gives the native gifkit's verdict and the same json report (paths and timings aside), the
same fixed file, change log and review list as `gifkit transform`, and refuses what the
native gifkit refuses; and in all of it the browser asks for nothing but the page's own
files (file:), its data: and blob: URLs — no network request. The page folder is
GIFKIT_BROWSER_PAGE (scripts/test.sh builds it with emscripten in build-browser/page).
Exit 0 = passed, 1 = failed, 77 = skipped (no page built, no chromium/chromedriver, no
shared data)."""
import contextlib
import glob
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, cases_of, check, main  # noqa: E402

ROOM = "wasm"

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.normpath(os.path.join(HERE, "..", "..", "models"))
LOCAL_SCHEMES = ("file:", "data:", "blob:")
NETWORK_SCHEMES = ("http", "https", "ws", "wss", "ftp")


def page_folder():
    page = os.environ.get("GIFKIT_BROWSER_PAGE", "")
    if not page:
        raise Skipped("GIFKIT_BROWSER_PAGE not set: the browser build is not configured")
    index = os.path.join(page, "index.html")
    check(os.path.exists(index) and os.path.exists(os.path.join(page, "gifkit.js")),
          f"{page}: no index.html and gifkit.js (build it: scripts/test.sh, docs/browser.md)")
    return os.path.abspath(page)


@contextlib.contextmanager
def opened_page(env):
    """Headless Chromium (page_e2e.WebDriver) with the page open from file:// and started
    (body[data-state=ready]); yields (driver, seconds the page took to start)."""
    page = page_folder()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        raise Skipped("no chromium/chromedriver")
    from page_e2e import WebDriver  # noqa: E402
    from serve_support import wait_until  # noqa: E402
    log = open(env.path("chromedriver.log"), "w")
    driver = WebDriver(chromedriver, chromium, env.path("profile"), log, network_log=True)
    try:
        driver.open("file://" + os.path.join(page, "index.html"))
        state = lambda: driver.script("return document.body.dataset.state || '';")  # noqa: E731
        wait_until(lambda: state() in ("ready", "failed"), timeout=120, step=0.2)
        check(state() == "ready", "the page did not start: " +
              driver.script("return document.getElementById('state').textContent;"))
        yield driver, float(driver.script("return document.body.dataset.startSeconds;"))
        asked = driver.requests()
        network = [url for url, _ in asked if url.split(":", 1)[0].lower() in NETWORK_SCHEMES]
        check(not network, f"the browser asked the network: {network[:10]}")
        own = [url for url, document in asked if document.startswith("file://" + page)]
        check(own, "no request of the page's own was logged (is the performance log on?)")
        check(all(url.startswith(LOCAL_SCHEMES) for url in own),
              f"the page asked for: {[u for u in own if not u.startswith(LOCAL_SCHEMES)][:10]}")
        print(f"   the page's {len(own)} requests all file:, data: or blob:; none of the "
              f"browser's {len(asked)} went to the network")
    finally:
        driver.quit()


def check_file(driver, path, timeout=300):
    """Chooses path in the page's file field; the page's window.gifkitLast once checked."""
    from serve_support import wait_until  # noqa: E402
    driver.script("document.body.dataset.state = 'choosing'; window.gifkitLast = null;")
    driver.type("#file", path)
    wait_until(lambda: driver.script("return document.body.dataset.state;") in ("done", "failed"),
               timeout=timeout, step=0.1)
    last = driver.script("return window.gifkitLast;")
    check(last is not None, f"{path}: the page gave no result: " +
          driver.script("return document.getElementById('state').textContent;"))
    return last


def downloads(driver):
    """The page's download links: {file name: text} (the bytes each link's blob: URL holds,
    kept by the page in window.gifkitDownloads; a blob: URL of a page opened from file:// is
    not for fetch())."""
    return driver.script("""
        const links = [...document.querySelectorAll('#downloads a')];
        const texts = {};
        for (const a of links) {
          if (!a.href.startsWith('blob:')) return {error: a.download + ' links to ' + a.href};
          texts[a.download] = new TextDecoder().decode(window.gifkitDownloads[a.download]);
        }
        return texts;""")


def comparable(report, file_path, data):
    """A json report with the run's own facts out: timings, and the paths of the input, the
    models and the published data (the page's are /work/NAME, /gifkit/models, /gifkit/data)."""
    text = json.dumps(report, ensure_ascii=False)
    name = os.path.basename(file_path)
    for native, page in ((file_path, "/work/" + name), (MODELS, "/gifkit/models"),
                         (os.path.abspath(data), "/gifkit/data")):
        text = text.replace(json.dumps(native, ensure_ascii=False)[1:-1], page)
    value = json.loads(text)

    def drop_timings(node):
        if isinstance(node, dict):
            return {k: drop_timings(v) for k, v in node.items() if k != "seconds"}
        if isinstance(node, list):
            return [drop_timings(v) for v in node]
        return node
    return drop_timings(value)


def first_difference(a, b, where="report"):
    if type(a) is not type(b):
        return f"{where}: {a!r:.200} ≠ {b!r:.200}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}.{key}: only in {'the page' if key in a else 'the CLI'}"
            found = first_difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items ≠ {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{where}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{where}: {a!r:.200} ≠ {b!r:.200}"


def real_files(env):
    files = sorted(glob.glob(os.path.join(env.data, "opendata-real", "*", "*.csv")))
    if not files:
        raise Skipped("no ../shared/data/opendata-real")
    return files


def case_opendata_real_verdicts(env):
    """Every real file: the page's exit code and json report are the CLI's."""
    files = real_files(env)
    with opened_page(env) as (driver, start):
        print(f"   the page started in {start:.2f} s")
        for path in files:
            code, out, err = env.run("validate", path, "-f", "json")
            last = check_file(driver, path)
            name = os.path.basename(path)
            check(last["code"] == code, f"{name}: the page's exit {last['code']}, the CLI's {code}: "
                  f"{last['err'][:300]}")
            check(last["report"] is not None, f"{name}: the page gave no json report: {last['err']}")
            difference = first_difference(comparable(json.loads(last["reportText"]), "/work/" + name,
                                                     env.data),
                                          comparable(json.loads(out), path, env.data))
            check(difference is None, f"{name}: the page's report differs from the CLI's: "
                  f"{difference}")
            check(last["html"] == code, f"{name}: the html report's run ended {last['html']}")
            print(f"   {name}: exit {code}, the same report, {last['seconds']:.2f} s in the page")


def case_fixed_file_and_review_list(env):
    """transform in the page writes the CLI's fixed file, change log and review list."""
    files = real_files(env)
    picked = [p for p in files if "public_toilet" in p or "gbizinfo_localgovs" in p][:3]
    with opened_page(env) as (driver, _):
        for path in picked:
            name = os.path.basename(path)
            stem = os.path.splitext(name)[0]
            fixed, log, review = env.path(stem + ".gif.csv"), env.path("log"), env.path("review")
            code, _, err = env.run("transform", path, "-o", fixed, "--log", log, "--review", review)
            last = check_file(driver, path)
            check(last["transform"] == code, f"{name}: transform ended {last['transform']} in the "
                  f"page, {code} in the CLI: {last['transformErr'][:300]} / {err[:300]}")
            got = downloads(driver)
            check("error" not in got, f"{name}: the downloads could not be read: {got}")
            for native, label in ((fixed, stem + ".gif.csv"), (review, stem + ".review.csv"),
                                  (log, stem + ".changes.ndjson")):
                if not os.path.exists(native):
                    check(label not in got, f"{name}: the page offers {label}, the CLI wrote none")
                    continue
                with open(native, encoding="utf-8", newline="") as f:
                    want = f.read().replace(path, "/work/" + name)
                check(label in got, f"{name}: the page offers no {label}: {sorted(got)}")
                check(got[label] == want, f"{name}: {label} differs from the CLI's")
                print(f"   {name}: {label} = the CLI's ({len(want)} characters)")


def case_xlsx_workbook(env):
    """A real file saved as an .xlsx workbook (openpyxl, as Excel would hold it) is read in
    the page by gifkit's own zip reader and inflater: the CLI's exit code and report."""
    try:
        import openpyxl
    except ImportError:
        raise Skipped("no python3-openpyxl")
    import csv
    source = os.path.join(env.data, "opendata-real", "municipal", "yaizu-city_222127_public_toilet.csv")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with open(source, encoding="utf-8-sig", newline="") as f:
        for row in csv.reader(f):
            sheet.append(row)
    path = env.path("222127_public_toilet.xlsx")
    workbook.save(path)
    code, out, err = env.run("validate", path, "-f", "json")
    check(code in (0, 1), f"the CLI did not read the workbook: exit {code}: {err}")
    with opened_page(env) as (driver, _):
        last = check_file(driver, path)
        check(last["code"] == code, f"the page's exit {last['code']}, the CLI's {code}: {last['err'][:300]}")
        difference = first_difference(comparable(json.loads(last["reportText"]), "/work/" + os.path.basename(path),
                                                 env.data), comparable(json.loads(out), path, env.data))
        check(difference is None, f"the workbook's report differs: {difference}")
        print(f"   {os.path.basename(path)}: exit {code}, the same report")


def case_registry_file_opened_in_the_page(env):
    """A registry file chosen in the page (SQLite, in memory there) makes the registry
    checks as `--registry` makes them in the CLI: the same report."""
    source = os.path.join(env.data, "houjin", "samples", "code4fukui_gBizINFO_diff_20210714_utf8.csv")
    registry = env.path("houjin.db")
    code, _, err = env.run("registry", "build", source, "-o", registry)
    check(code == 0, f"registry build: exit {code}: {err}")
    with open(source, encoding="utf-8") as f:
        numbers = [line.split(",")[1] for line in f.read().splitlines()[1:4]]
    rows = [f"{number},名称{i},メイショウ,2015-10-05,03-1234-5678" for i, number in enumerate(numbers)]
    corporations = env.write("corporations.csv", "法人番号,商号または名称,商号または名称（カナ）,設立年月日,電話番号\n"
                             + "\n".join(rows + ["1010001072706,東京の会社,トウキョウノカイシャ,2015-10-05,03-1234-5678"]) + "\n")
    code, out, err = env.run("validate", corporations, "-f", "json", "--registry", registry)
    check(code in (0, 1), f"validate --registry: exit {code}: {err}")
    with opened_page(env) as (driver, _):
        driver.type("#registry", registry)
        from serve_support import wait_until  # noqa: E402
        note = lambda: driver.text("#registry-note")  # noqa: E731
        wait_until(lambda: "houjin.db" in note(), timeout=60, step=0.1)
        check("registry checks are made" in note(), f"the page did not take the registry: {note()}")
        last = check_file(driver, corporations)
        check(last["code"] == code, f"the page's exit {last['code']}, the CLI's {code}: {last['err'][:300]}")
        page_report = comparable(json.loads(last["reportText"]), "/work/corporations.csv", env.data)
        cli_report = comparable(json.loads(out), corporations, env.data)
        difference = first_difference(page_report, cli_report)
        check(difference is None, f"with the registry the page's report differs: {difference}")
        counts = cli_report["tasks"][0]["countsByCode"]
        check(any(c.startswith("registry-") or c == "not-in-registry" for c in counts),
              f"no registry rule reported at all: {counts}")
        print(f"   with the registry: exit {code}, the same report ({counts})")


def case_what_the_page_cannot_do_ends_the_command_not_the_page(env):
    """A PostgreSQL registry, `serve` and an .xlsx output end their command with exit 2 and
    a message in the page — the program goes on: --version answers, and a real file is
    checked after them with the CLI's verdict."""
    source = os.path.join(env.data, "opendata-real", "municipal", "yaizu-city_222127_aed.csv")
    with opened_page(env) as (driver, _):
        run = lambda *args: driver.script("return gifkit(arguments[0]);", list(args))  # noqa: E731
        for args, why in ((["validate", "/work/x.csv", "--registry", "postgresql://u@127.0.0.1/db"],
                           "PostgreSQL"),
                          (["serve"], "serve"),
                          (["model", "list", "-f", "json"], None),
                          (["--version"], None)):
            if args[0] == "validate":
                driver.script("gifkitModule().FS.writeFile('/work/x.csv', '法人番号\\n1010001072706\\n');")
            result = run(*args)
            if why is None:
                check(result["code"] == 0, f"{args}: exit {result['code']}: {result['err'][:300]}")
            else:
                check(result["code"] == 2, f"{args}: exit {result['code']}, expected 2: {result['err'][:300]}")
                check(why in result["err"], f"{args}: the message does not say {why}: {result['err'][:300]}")
            print(f"   {' '.join(args)[:60]}: exit {result['code']}")
        code, _, _ = env.run("validate", source, "-f", "json")
        last = check_file(driver, source)
        check(last["code"] == code, f"after them the page's exit {last['code']}, the CLI's {code}")


def case_names_with_readings_checked_without_the_name_dictionaries(env):
    """A list of persons with 氏/名 and their カナ (the name-reading check) is checked in the page,
    which has no name dictionaries (NAIST-jdic, ENAMDICT, UniDic are read from where Debian
    installs them): the CLI's exit code, and the report says what was not installed."""
    persons = env.write("persons.csv", "氏,名,氏（カナ）,名（カナ）\n佐藤,花子,スズキ,ハナコ\n"
                        "田中,一郎,タナカ,イチロウ\n")
    code, _, err = env.run("validate", persons, "-f", "json")
    check(code in (0, 1), f"the CLI: exit {code}: {err}")
    with opened_page(env) as (driver, _):
        last = check_file(driver, persons)
        check(last["code"] == code, f"the page's exit {last['code']}, the CLI's {code}: {last['err'][:300]}")
        note = json.loads(last["reportText"])["tasks"][0]["modelNote"]
        said = re.search(r"no name dictionary is installed|a name dictionary is not installed", note)
        check(said, f"the page's model note does not say the dictionaries are missing: {note}")
        print(f"   persons.csv: exit {code} in both; the page says: {note[said.start():][:120]}…")


def case_refuses_what_the_cli_refuses(env):
    """A file that is no dataset gets the CLI's exit code and message in the page."""
    bad = env.path("not_a_table.csv")
    with open(bad, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    empty = env.write("empty.csv", "")
    with opened_page(env) as (driver, _):
        for path in (bad, empty):
            code, _, err = env.run("validate", path, "-f", "json")
            last = check_file(driver, path)
            check(last["code"] == code, f"{path}: the page's exit {last['code']}, the CLI's {code}")
            check(last["err"].replace("/work/", "") == err.replace(env.tmp + "/", ""),
                  f"{os.path.basename(path)}: messages differ: page {last['err'][:200]!r}, CLI "
                  f"{err[:200]!r}")
            verdict = driver.text("#verdict")
            check(f"exit {code}" in verdict, f"the verdict does not say exit {code}: {verdict}")
            print(f"   {os.path.basename(path)}: exit {code} in both, the same message")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="opendata-real"))
