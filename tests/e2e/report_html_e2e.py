#!/usr/bin/env python3
"""report_html_e2e.py — 39.x: `gifkit validate -f html`, the page a data steward reads (issue #31
part 1). The real binary writes the page for a list of corporations built from the NTA's real
法人番号 records (../shared/data/houjin, as gate_e2e.py builds it, named as a portal names its
download) with the faults real exports have; headless Chromium opens it from file:// and the
rendered DOM is checked against the json report of the same file:
  - the verdict and the gate's reason first, every code of countsByCode with its count, a sample
    row with its 法人番号 key, a <details> opened shows every listed sample, the column profile;
  - nothing is fetched (no network request, no external src or href);
  - a passing file's page says PASS; a value holding <script> is shown as text; two files
    make one page with a part each;
  - the column profile's distinct count stops at its cap; 個人番号 in shown values are masked;
  - other formats pay nothing for the profile; a bad --max-errors is a usage error.
Each case is one function; `--list` names them, `--case NAME` runs one (exit 0 pass, 1 fail,
77 skipped: no shared data / no browser). Screenshots go to $GIFKIT_ARTIFACTS."""
import contextlib
import csv
import json
import os
import re
import shutil
import sys

ROOM = "report"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import case_runner  # noqa: E402
from case_runner import Skipped, check  # noqa: E402
from gate_e2e import HEADER, HOUJIN, LIST, Env as GateEnv  # noqa: E402

ROWS = 300


class Env(GateEnv):
    def faulty(self):
        """ROWS rows of real corporations: 設立年月日 in 和暦 on every other row, 組織種別 999 on
        three rows, a 設立年月日 holding markup on row 12 (in place of its 和暦). Returns the file's name."""
        name, rows = self.faulty_list(ROWS)
        rows[10][4] = "<script>document.title='pwned'</script>"
        return self.write_list(rows, name)

    def page(self, name, *args, exit_code=1):
        """Writes name's html report to page.html; returns (path, its text)."""
        page = self.path("page.html")
        code, out, err = self.run("validate", name, "-f", "html", "-o", page, *args)
        check(code == exit_code, f"validate -f html: exit {code}, expected {exit_code}: {err}")
        check(out == "", f"-o page.html also wrote to standard output: {out[:200]!r}")
        with open(page, encoding="utf-8") as f:
            return page, f.read()


@contextlib.contextmanager
def page_in_browser(env, page):
    """A headless Chromium session (page_e2e.WebDriver) with the page file open, quit at the
    end; skips when there is none."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        raise Skipped("no chromium/chromedriver")
    from page_e2e import WebDriver  # noqa: E402
    log = open(env.path("chromedriver.log"), "w")
    driver = WebDriver(chromedriver, chromium, env.path("profile"), log)
    try:
        driver.open("file://" + page)
        yield driver
    finally:
        driver.quit()


def screenshot(driver, name):
    out = os.environ.get("GIFKIT_ARTIFACTS")
    if out:
        os.makedirs(out, exist_ok=True)
        driver.screenshot(os.path.join(out, name))


def fetches_nothing(html, driver):
    """The page names no external resource and the browser requested none."""
    external = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//[^"'\s>]*""", html, re.I)
    check(not external, f"the page refers to external resources: {external[:5]}")
    check("<link" not in html and "@import" not in html and "url(" not in html,
          "the page loads a style sheet or a url()")
    requested = driver.script(
        "return performance.getEntriesByType('resource').map(e => e.name);")
    check(requested == [], f"the browser fetched {requested}")


def case_failing_list_page_in_a_browser(env):
    """A list of 300 real corporations with 和暦 dates and unknown 組織種別: the page opens with
    FAIL and the gate's reason, names every code of the json report with its count, lists a
    sample row with its 法人番号, opens a <details> to every listed sample, draws the column
    profile, and fetches nothing."""
    name = env.faulty()
    task = env.report(name)
    page, html = env.page(name)
    check(len(html.encode("utf-8")) < 200_000, f"the page is {len(html)} bytes")
    with page_in_browser(env, page) as driver:
        first = driver.script(
            "const v = document.getElementById('verdict');"
            "const gate = document.querySelector('section.task .gate');"
            "const before = (a, b) => !!(a.compareDocumentPosition(b) & 4);"
            "const problems = document.querySelector('section.code');"
            "return [v.textContent, v.dataset.valid, gate ? gate.textContent : null,"
            " before(gate, problems), document.querySelector('h2').textContent];")
        check(first[0].startswith("FAIL") and first[1] == "false", f"verdict {first}")
        check(first[2] == "gate: " + task["gate"], f"gate reason {first[2]!r} vs {task['gate']!r}")
        check(first[3], "the gate's reason is not before the problems")
        check(name in first[4], f"the file's heading {first[4]!r}")
        shown = driver.script(
            "return Object.fromEntries([...document.querySelectorAll('section.code')]"
            ".map(s => [s.dataset.code, [s.dataset.count, s.querySelector('h4').textContent]]));")
        for code, count in task["countsByCode"].items():
            check(code in shown, f"{code} is not on the page: {sorted(shown)}")
            check(shown[code][0] == str(count) and f"({count}" in shown[code][1],
                  f"{code}: the page says {shown[code]}, the json {count}")
        # a sample row with its key: the first 和暦 row (row 2) of 設立年月日
        group = next(g for g in task["groups"] if g["code"] == "invalid-format")
        sample = driver.script(
            "const g = [...document.querySelectorAll('section.code[data-code=\"invalid-format\"]"
            " .column-group')].find(d => d.dataset.column === arguments[0]);"
            "const r = g.querySelector('tr.sample');"
            "return [r.dataset.row, r.querySelector('.key').textContent,"
            " r.querySelector('.value').textContent, r.querySelector('.suggestion').textContent,"
            " g.dataset.listed, g.querySelector('p').textContent];", str(group["column"]))
        first_problem = next(p for p in task["errors"] if p["code"] == "invalid-format")
        check(sample[0] == str(first_problem["row"]), f"sample row {sample}")
        number = first_problem["key"]["法人番号"]
        check(sample[1] == "法人番号 " + number, f"sample key {sample[1]!r}, expected {number}")
        check(sample[2] == first_problem["value"] and sample[3] == first_problem["suggestion"],
              f"sample value/suggestion {sample} vs {first_problem}")
        check(re.search(f": {group['count']}\\b", sample[5]), f"group line {sample[5]!r}")
        check(f"rows {group['firstRow']}–{group['lastRow']}" in sample[5], sample[5])
        listed = int(sample[4])
        check(listed == 20, f"the html default lists 20 per group, not {listed}")
        visible = driver.script(
            "const g = document.querySelector('section.code[data-code=\"invalid-format\"]"
            " .column-group');"
            "const seen = () => [...g.querySelectorAll('tr.sample')]"
            ".filter(r => r.checkVisibility() && r.getClientRects().length > 0).length;"
            "const before = seen(); g.querySelector('details summary').click();"
            "return [before, seen()];")
        check(visible[0] < listed and visible[1] == listed,
              f"samples visible before/after opening the details: {visible}, listed {listed}")
        profile = driver.script(
            "return [...document.querySelectorAll('table.profile tbody tr')].map(r =>"
            " [r.dataset.filled, r.dataset.valid, r.dataset.distinct,"
            "  r.querySelectorAll('ul.top li').length, r.querySelectorAll('.bar').length]);")
        check(len(profile) == 5, f"profile rows {profile}")
        check(profile[0][:3] == [str(ROWS), str(ROWS), str(ROWS)],
              f"法人番号: filled, valid, distinct {profile[0]}")
        check(profile[4][1] == str(ROWS - ROWS // 2), f"設立年月日 valid {profile[4]}")
        check(all(row[3] >= 1 and row[4] >= 2 for row in profile), f"bars and top values {profile}")
        fetches_nothing(html, driver)
        screenshot(driver, "report-html.png")


def case_passing_file_page(env):
    """A clean list of 50 real corporations: the page says PASS, the gate's reason, no problems,
    and the profile counts every row."""
    name = env.write_list(env.corporations(50))
    task = env.report(name, exit_code=0)
    page, html = env.page(name, exit_code=0)
    with page_in_browser(env, page) as driver:
        seen = driver.script(
            "return [document.getElementById('verdict').textContent,"
            " document.querySelector('section.task').dataset.valid,"
            " document.querySelector('section.task .gate').textContent,"
            " document.querySelectorAll('section.code[data-code=\"invalid-format\"]').length,"
            " document.querySelector('table.profile tbody tr').dataset.filled];")
        check(seen[0].startswith("PASS") and seen[1] == "true", f"verdict {seen}")
        check(seen[2].startswith("gate: "), f"gate {seen[2]!r}")
        check(seen[3] == 0 and task["countsByCode"].get("invalid-format", 0) == 0, f"{seen}")
        check(seen[4] == "50", f"filled {seen[4]}")
        fetches_nothing(html, driver)
        screenshot(driver, "report-html-pass.png")


def case_markup_in_a_value_is_shown_as_text(env):
    """A 設立年月日 holding <script>…</script> is shown as that text in its sample and in the
    column's most common values; no script runs (the title stays) and the raw tag is not in
    the page."""
    name = env.faulty()
    page, html = env.page(name, "--max-errors", "0")
    check("<script>document.title" not in html, "the value's <script> is in the page unescaped")
    check("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html,
          "the value is not in the page, escaped")
    with page_in_browser(env, page) as driver:
        seen = driver.script(
            "return [document.title, document.querySelectorAll('script').length,"
            " [...document.querySelectorAll('td.value')].map(t => t.textContent)"
            ".filter(t => t.includes('pwned'))];")
        check("pwned" not in seen[0] and seen[1] == 0, f"a script ran or is in the DOM: {seen}")
        check(seen[2] == ["<script>document.title='pwned'</script>"], f"shown values {seen[2]}")


def case_profile_only_for_html_and_bad_options(env):
    """The html page lists 20 per group by default and stays small for 2,000 rows of faults;
    --max-errors 0 lists all; the json report carries no profile (the other formats pay
    nothing); a bad --max-errors is a usage error (exit 2)."""
    name, _ = env.faulty_list(2000)
    _, html = env.page(name)
    check(html.count('<tr class="sample"') <= 20 * html.count('class="column-group"'),
          "more than 20 samples in a group")
    check(len(html.encode("utf-8")) < 120_000, f"the page of 2,000 rows is {len(html)} bytes")
    _, every = env.page(name, "--max-errors", "0")
    task = env.report(name, "--max-errors", "0")
    samples, found = every.count('<tr class="sample"'), sum(task["countsByCode"].values())
    check(samples == found and found > 1000, f"{samples} samples, not every one of {found}")
    code, out, err = env.run("validate", name, "-f", "json")
    check(code == 1 and "distinct" not in out and "topValues" not in out, "json has a profile")
    code, _, err = env.run("validate", name, "-f", "html", "--max-errors", "many")
    check(code == 2 and "--max-errors" in err, f"exit {code} {err!r}")


def case_two_files_one_page(env):
    """Two files in one run: one page, the overall verdict FAIL, a link to each file's part and
    each part with its own verdict and gate reason, in the order given."""
    clean = env.write_list(env.corporations(20), "clean.csv")
    faulty = env.faulty()
    _, html = env.page(clean, faulty)
    check(html.count("<!DOCTYPE html>") == 1, "more than one page")
    check('id="verdict" class="fail" data-valid="false"' in html, "the overall verdict is not FAIL")
    parts = re.findall(r'<section class="task" id="(file-\d)" data-path="([^"]*)" '
                       r'data-valid="(\w+)"', html)
    check(parts == [("file-0", clean, "true"), ("file-1", faulty, "false")], f"parts {parts}")
    for anchor, _, _ in parts:
        check(f'href="#{anchor}"' in html, f"no link to {anchor}")
    check(html.count('<p class="gate pass">gate: ') == 1 and
          html.count('<p class="gate fail">gate: ') == 1, "a part lacks its gate reason")


def case_profile_caps_distinct_and_masks_individual_numbers(env):
    """10,050 rows: a 備考 of 10,050 different values is counted to the cap (≥ 10000 distinct),
    and a column whose most common value holds a 個人番号 shows it masked, as the problems
    do: no 個人番号 in clear anywhere on the page."""
    from individual_number_e2e import clear_numbers, number  # noqa: E402
    corporations = env.corporations(50)
    rows = [corporations[i % 50] + [f"備考{i}", "連絡先 " + number(1)] for i in range(10_050)]
    with open(env.path(LIST), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER + ["備考", "連絡メモ"]] + rows)
    _, html = env.page(LIST)
    check(clear_numbers(html) == [], f"a 個人番号 in clear: {clear_numbers(html)[:3]}")
    check("連絡先 " + number(1) not in html and "連絡先 ************" in html,
          "the 個人番号 of the most common value is not shown masked")
    memo = re.search(r'<tr data-column="6"[^>]*data-distinct="(\d+)"[^>]*>.*?</tr>', html, re.S)
    check(memo and memo.group(1) == "10000" and "≥ 10000" in memo.group(0),
          f"備考's distinct: {memo.group(0)[:300] if memo else None}")


if __name__ == "__main__":
    sys.exit(case_runner.main(case_runner.cases_of(globals()), make_env=Env, needs=HOUJIN))
