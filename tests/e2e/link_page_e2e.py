#!/usr/bin/env python3
"""link_page_e2e.py — 44.x: `gifkit link -f html`, the page a person reviews (issue #33).
The real binary writes the page for docs/examples/link's two lists; headless Chromium opens it
from file:// and the rendered DOM is checked against the json of the same run: the review list
first (the 1:N of 小林 優子), every link with its rows, rule and per item its level, the weight it
adds and both values; nothing is fetched; a value holding markup is shown as text. Exit 77 when
there is no browser. Screenshots go to $GIFKIT_ARTIFACTS."""
import json
import os
import sys

ROOM = "link"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from case_runner import check, cases_of, main  # noqa: E402
from link_e2e import example  # noqa: E402
from report_html_e2e import fetches_nothing, page_in_browser, screenshot  # noqa: E402


def case_link_page_in_a_browser(env):
    """The page of two lists: its review table holds the 1:N links, its links table every link
    of the json with the same rows, rule and levels; nothing is fetched."""
    left = env.write("residents.csv", example("residents.csv"))
    right = env.write("applicants.csv", example("applicants.csv").replace(
        "渡辺 健,", "<script>document.title='pwned'</script>,", 1))
    page = env.path("links.html")
    code, _, err = env.run("link", left, right, "-f", "html", "-o", page)
    check(code == 0, f"exit {code}: {err}")
    code, out, err = env.run("link", left, right, "-f", "json")
    document = json.loads(out)
    with open(page, encoding="utf-8") as f:
        html = f.read()
    with page_in_browser(env, page) as driver:
        title = driver.script("return document.title;")
        check("pwned" not in title, f"markup in a value ran: {title}")
        shown = driver.script("""
            const rows = t => [...document.querySelectorAll('#' + t + ' tbody tr')].map(tr =>
                [...tr.querySelectorAll('td')].map(td => td.innerText));
            return {review: rows('review'), links: rows('links'),
                    summary: document.querySelector('#summary').dataset};""")
        check(len(shown["links"]) == len(document["links"]),
              f"{len(shown['links'])} rows shown, {len(document['links'])} links")
        for row, link in zip(shown["links"], document["links"]):
            check(f"row {link['left_row']}" in row[1] and f"row {link['right_row']}" in row[1],
                  f"rows: {row[1]} vs {link['left_row']}/{link['right_row']}")
            check(row[3] == link["rule"], f"rule: {row[3]} vs {link['rule']}")
            for cell, item in zip(row[4:], ["name", "birth_date", "sex", "address"]):
                level = link["items"][item]["level"]
                check(cell.startswith(level), f"{item}: {cell!r} vs {level}")
                check(link["items"][item]["right"] in cell, f"{item} value: {cell!r}")
        check(len(shown["review"]) == len(document["review"]) == 2,
              f"review: {shown['review']}")
        check(shown["summary"]["links"] == str(document["summary"]["links"]),
              f"summary: {shown['summary']}")
        fetches_nothing(html, driver)
        screenshot(driver, "link-page.png")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
