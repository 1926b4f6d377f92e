#!/usr/bin/env python3
"""page_e2e.py — end-to-end test of gifkit serve's page for people (/) in a
real browser: headless Chromium driven through chromedriver's W3C WebDriver
HTTP protocol (standard library only). It builds a registry from
../shared/data in a temporary folder, starts the real `gifkit serve` on a
loopback port, and on the page: looks a corporation up by number (Enter in
the field) and by name, normalizes an address, checks a name's characters,
uploads a CSV with bad cells and reads the report table, and tabs through a
form with the keyboard. It saves a screenshot of the page to each --screenshot
path. Exit 0 = passed, 1 = failed, 77 = skipped (no chromium/chromedriver, no
shared data).
"""
import base64
import csv
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, run_script  # noqa: E402
from serve_support import Server, build_registry, wait_until  # noqa: E402

ROOM = "serve"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
BAD_CSV = os.path.join(HERE, "data", "corporations.csv")  # row 4: 法人番号 with a wrong check digit
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C element reference key
ENTER = "\ue007"
TAB = "\ue004"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                  "--lang=ja", "--window-size=1280,1000"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebDriver:
    """A chromedriver process and one browser session, spoken to in W3C WebDriver."""

    def __init__(self, chromedriver, chromium, profile, log, network_log=False):
        self.port = free_port()
        self.process = subprocess.Popen([chromedriver, f"--port={self.port}", "--allowed-ips=127.0.0.1"],
                                        stdout=log, stderr=subprocess.STDOUT)
        if not wait_until(self._ready, timeout=30):
            self.process.kill()
            raise RuntimeError("chromedriver did not start")
        options = {"binary": chromium, "args": CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]}
        wanted = {"browserName": "chrome", "goog:chromeOptions": options,
                  "timeouts": {"implicit": 0, "pageLoad": 30000, "script": 30000}}
        if network_log:  # every request the browser makes, read by requests()
            wanted["goog:loggingPrefs"] = {"performance": "ALL"}
            options["perfLoggingPrefs"] = {"enableNetwork": True, "enablePage": False}
        answer = self._call("POST", "/session", {"capabilities": {"alwaysMatch": wanted}})
        self.session = answer["sessionId"]

    def _ready(self):
        try:
            return self._call("GET", "/status", timeout=2)["ready"]
        except (OSError, RuntimeError, KeyError):
            return False

    def _call(self, method, path, body=None, timeout=60):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            data = None if body is None else json.dumps(body).encode("utf-8")
            connection.request(method, path, body=data,
                               headers={"Content-Type": "application/json; charset=utf-8"})
            response = connection.getresponse()
            answer = json.loads(response.read() or b"{}")
        finally:
            connection.close()
        if response.status != 200:
            raise RuntimeError(f"WebDriver {method} {path}: {response.status} {answer}")
        return answer.get("value", answer)

    def call(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def open(self, url):
        self.call("POST", "/url", {"url": url})

    def find(self, selector):
        return self.call("POST", "/element", {"using": "css selector", "value": selector})[ELEMENT]

    def type(self, selector, text):
        self.call("POST", f"/element/{self.find(selector)}/value", {"text": text})

    def clear(self, selector):
        self.call("POST", f"/element/{self.find(selector)}/clear", {})

    def click(self, selector):
        self.call("POST", f"/element/{self.find(selector)}/click", {})

    def text(self, selector):
        return self.call("GET", f"/element/{self.find(selector)}/text")

    def script(self, source, *args):
        return self.call("POST", "/execute/sync", {"script": source, "args": list(args)})

    def requests(self):
        """What the browser asked for since the last call, as (URL, the URL of the document
        that asked): Chrome DevTools' Network events in chromedriver's performance log (the
        session needs network_log=True). The browser's own pages (chrome://new-tab-page…)
        are in it too."""
        entries = self.call("POST", "/se/log", {"type": "performance"})
        asked = []
        for entry in entries:
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                params = message["params"]
                asked.append((params["request"]["url"], params.get("documentURL", "")))
        return asked

    def press(self, *keys):
        """Presses keys on whatever has the focus (the Actions API)."""
        actions = []
        for key in keys:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self.call("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def screenshot(self, path):
        height = self.script("return document.documentElement.scrollHeight;")
        self.call("POST", "/window/rect", {"width": 1280, "height": min(int(height) + 140, 8000)})
        time.sleep(0.3)
        png = base64.b64decode(self.call("GET", "/screenshot"))
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as out:
            out.write(png)

    def quit(self):
        try:
            self._call("DELETE", f"/session/{self.session}", timeout=20)
        except (OSError, RuntimeError):
            pass
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Checks:
    """Counts the assertions; each prints one line."""

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failed += 1
            print(f"FAIL {what}{': ' + detail if detail else ''}")


def wait_text(driver, selector, predicate, timeout=20):
    """The text of selector once predicate(text) holds (or the last text read)."""
    seen = [""]

    def ready():
        try:
            seen[0] = driver.script(
                "const e = document.querySelector(arguments[0]);"
                "return e && !e.hasAttribute('aria-busy') ? e.innerText : '';", selector)
        except RuntimeError:
            return False
        return predicate(seen[0])
    wait_until(ready, timeout=timeout, step=0.1)
    return seen[0]


def first_corporation(data):
    path = os.path.join(data, "houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv")
    with open(path, encoding="utf-8", newline="") as rows:
        return next(csv.reader(rows))[1]


def run_page(driver, server, checks, screenshots):
    number = first_corporation(server.data)
    record = server.get_json(f"/v1/corporations/{number}")
    driver.open(server.url("/"))
    title = driver.script("return document.title;")
    checks.check("gifkit" in title, "the page loads", title)
    checks.check(driver.script("return document.documentElement.lang;") == "ja", "the page is in Japanese")
    external = driver.script(
        "return [...document.querySelectorAll('script[src],link[href],img[src]')]"
        ".map(e => e.src || e.href).filter(u => !u.startsWith(location.origin));")
    checks.check(external == [], "nothing is loaded from outside", str(external))
    info = wait_text(driver, "#registry-info", lambda t: "registry" in t)
    checks.check("registry" in info, "the registry's data date is shown", info)

    # Corporation by number: type it and press Enter.
    driver.type("#corp-q", number + ENTER)
    text = wait_text(driver, "#corp-result", lambda t: record["name"] in t)
    checks.check(record["name"] in text and number in text, f"corporation {number} by number shows its name", text[:300])
    checks.check("所在地" in text and ("存続" in text or "閉鎖" in text), "the record shows address and status")

    # Corporation by name.
    driver.clear("#corp-q")
    driver.type("#corp-q", record["name"])
    driver.click("#corp-form button[type=submit]")
    text = wait_text(driver, "#corp-result", lambda t: "検索結果" in t or "エラー" in t)
    checks.check("検索結果" in text and number in text, f"search by name {record['name']} lists {number}", text[:300])

    # Address normalization.
    driver.type("#addr-q", "東京都文京区白山一丁目1-1" + ENTER)
    text = wait_text(driver, "#addr-result", lambda t: "131059" in t or "エラー" in t)
    checks.check("131059" in text, "東京都文京区白山一丁目1-1 normalizes to lg_code 131059", text[:300])
    link = driver.script("const a = document.querySelector('#addr-result a[href^=\"https://maps.gsi.go.jp/\"]');"
                         "return a ? a.href : '';")
    checks.check(link.startswith("https://maps.gsi.go.jp/#16/35."), "the coordinates link to the GSI map", link)

    # Reverse geocoding: the nearest place of 文京区, with the point.
    driver.type("#rev-lat", "35.7204")
    driver.type("#rev-lon", "139.7511" + ENTER)
    text = wait_text(driver, "#rev-result", lambda t: "35.7204" in t and ("エラー" in t or "文京区" in t))
    checks.check("35.7204, 139.7511" in text, "reverse geocoding shows the point", text[:300])
    checks.check("文京区" in text and "131059" in text and "エラー" not in text,
                 "reverse geocoding answers the nearest place of 文京区 (lg_code 131059)", text[:300])

    # Characters: 髙 is not in JIS X 0208; its 縮退 replacement is 高.
    driver.type("#chars-q", "髙橋" + ENTER)
    text = wait_text(driver, "#chars-result", lambda t: "文字ごと" in t or "エラー" in t)
    row = driver.script(
        "const rows = [...document.querySelectorAll('#chars-result tbody tr')];"
        "const r = rows.find(r => r.cells[0].innerText.trim() === '髙');"
        "return r ? [...r.cells].map(c => c.innerText) : null;")
    checks.check(row is not None and "×" in row[2], "髙 is not in JIS X 0208", str(row))
    checks.check(row is not None and "高" in row[5], "髙's replacement is 高", str(row))

    # Validate: upload a CSV through the file input; the bad cell is marked.
    driver.type("#val-file", BAD_CSV)
    text = wait_text(driver, "#val-result", lambda t: "問題の一覧" in t or "エラー" in t, timeout=60)
    checks.check("不合格" in text, "the report says the file fails", text[:300])
    cell = driver.script(
        "const row = document.querySelector('#val-result table.data tr[data-row=\"4\"]');"
        "const td = row && row.querySelector('td[data-column=\"1\"]');"
        "return td ? [td.className, td.innerText, td.title] : null;")
    checks.check(cell is not None and "bad" in cell[0] and "invalid-check-digit" in cell[2],
                 "row 4's 法人番号 cell is marked bad (invalid-check-digit)", str(cell))
    good = driver.script(
        "const td = document.querySelector('#val-result table.data tr[data-row=\"2\"] td[data-column=\"2\"]');"
        "return td ? td.className : null;")
    checks.check(good == "", "a good cell is not marked", str(good))
    listed = driver.script(
        "return [...document.querySelectorAll('#val-result table.problems tbody tr')]"
        ".map(r => [...r.cells].map(c => c.innerText.trim()));")
    checks.check(any(r[0] == "4" and r[1] == "1" and r[5] == "invalid-check-digit" for r in listed),
                 "the problems table lists row 4, column 1, invalid-check-digit", str(listed[:4]))

    # A file no model fits: no-model-fits, the page's own suggestion, and the
    # list of GET /v1/models to choose from; choosing validates it again.
    no_fit = os.path.join(tempfile.mkdtemp(prefix="gifkit-page-no-fit-"), "procurement.csv")
    with open(no_fit, "w", encoding="utf-8") as f:
        f.write("調達案件名称,落札日,落札価格,落札者\n庁舎清掃業務,2024-04-01,1200000,株式会社サンプル\n")
    driver.type("#val-file", no_fit)
    text = wait_text(driver, "#val-result", lambda t: "no-model-fits" in t or "エラー" in t, timeout=60)
    listed = driver.script(
        "return [...document.querySelectorAll('#val-result table.problems tbody tr')]"
        ".map(r => [...r.cells].map(c => c.innerText.trim()));")
    checks.check(any(r[5] == "no-model-fits" and "choose a model in the list" in r[7]
                     and "--model" not in r[7] for r in listed),
                 "no-model-fits tells the page's user to choose a model in the list", str(listed))
    options = driver.script(
        "const s = document.getElementById('val-model-list');"
        "return s ? [...s.options].map(o => o.value).filter(v => v) : null;")
    checks.check(options is not None and "opendata:fire-hydrant" in options and "gif:Facility" in options,
                 "the page offers the models of GET /v1/models", str(options)[:300])
    driver.script("const s = document.getElementById('val-model-list');"
                  "s.value = 'gif:Facility'; s.dispatchEvent(new Event('change'));")
    text = wait_text(driver, "#val-result", lambda t: "モデル gif:Facility" in t or "エラー (" in t,
                     timeout=60)
    checks.check("モデル gif:Facility" in text, "choosing a model in the list validates the file with it",
                 text[:300])
    driver.clear("#val-model")

    # Keyboard: Tab from the character field reaches the set chooser and the
    # button; Enter on the button submits the form.
    driver.clear("#chars-q")
    driver.type("#chars-q", "渡邊")
    driver.press(TAB)
    focused = driver.script("return document.activeElement.id;")
    driver.press(TAB)
    button = driver.script("const e = document.activeElement; return e.tagName + ' ' + e.form.id;")
    checks.check(focused == "chars-set" and button == "BUTTON chars-form",
                 "Tab moves from the text to the set chooser to the button", f"{focused}, {button}")
    outline = driver.script("return getComputedStyle(document.activeElement).outlineStyle;")
    checks.check(outline not in ("", "none"), "the focused button shows a focus outline", outline)
    driver.press(ENTER)
    text = wait_text(driver, "#chars-result", lambda t: "邊" in t and "文字ごと" in t)
    checks.check("邊" in text, "Enter on the focused button submits the form", text[:200])

    # The screenshot shows the page with the validate report.
    driver.script("document.getElementById('validate').scrollIntoView();")
    driver.clear("#chars-q")
    driver.type("#chars-q", "髙橋" + ENTER)
    wait_text(driver, "#chars-result", lambda t: "髙" in t and "文字ごと" in t)
    for path in screenshots:
        driver.screenshot(path)
        size = os.path.getsize(path)
        with open(path, "rb") as png:
            checks.check(png.read(8) == b"\x89PNG\r\n\x1a\n" and size > 20000,
                         f"screenshot saved to {path}", f"{size} bytes")


def in_chromium(args):
    """The case: --work is a folder to keep the registry in (default: a temporary one)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        raise Skipped("chromium and chromedriver are needed (apt-get install chromium chromium-driver)")
    if not os.path.isdir(os.path.join(args.data, "houjin")) or not os.path.isdir(os.path.join(args.data, "abr")):
        raise Skipped(f"no shared data at {args.data}")
    temp = tempfile.mkdtemp(prefix="gifkit-page-e2e-")
    checks = Checks()
    try:
        work = args.work or temp
        os.makedirs(work, exist_ok=True)
        registry = build_registry(args.gifkit, args.data, os.path.join(work, "registry.db"))
        with Server(args.gifkit, registry, data=args.data) as server:
            server.data = args.data
            with open(os.path.join(temp, "chromedriver.log"), "wb") as log:
                driver = WebDriver(chromedriver, chromium, os.path.join(temp, "profile"), log)
                try:
                    run_page(driver, server, checks, args.screenshot)
                finally:
                    driver.quit()
    except Exception as error:  # noqa: BLE001 — a failure of the setup is a failed test
        checks.check(False, "the test ran to its end", repr(error))
        log_path = os.path.join(temp, "chromedriver.log")
        if os.path.exists(log_path):
            with open(log_path, "rb") as log:
                print(log.read()[-3000:].decode("utf-8", "replace"))
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


CASES = {"in-chromium": in_chromium}
OPTIONS = [("--screenshot", {"action": "append", "default": [],
                             "help": "where to save the page's screenshot (may be given more than once)"})]

if __name__ == "__main__":
    sys.exit(run_script(CASES, options=OPTIONS))
