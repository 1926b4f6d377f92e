#!/usr/bin/env python3
"""individual_number_scan_e2e.py — 63.x: no output of any command or route shows a
個人番号 (issue #56 part 1), found the way an attack finds them: generated valid 個人番号
(12 digits, the check digit of 番号法施行令 第8条 right; some written 4-4-4 or full-width)
are typed into IDs, names, addresses, notes, headers and file names, every output
format of link (and --audit, --review), chars check and shrink, validate, transform,
diff and the serve routes that echo values is written, and every byte of stdout,
stderr and the files written is scanned: one number in clear fails the case. A short
column (4 of 6 values 個人番号) is a 個人番号 column for validate and transform. The
numbers are made up. Run by ctest (tests/e2e/CMakeLists.txt)."""
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import check, cases_of, main, room  # noqa: E402
from individual_number_e2e import check_digit, clear_numbers  # noqa: E402
import serve_support  # noqa: E402

ROOM = "checks"  # the room these cases cover (tests/rooms.txt)

PERSON = "gif:Person"


def number(i):
    """The i-th generated 個人番号 of this script (12 ASCII digits, check digit right)."""
    base = f"{(31415926535 + i * 2718281) % 10**11:011d}"
    return base + str(check_digit(base))


def dashed(n):
    return f"{n[:4]}-{n[4:8]}-{n[8:]}"


def wide(n):
    return "".join(chr(0xFF10 + int(d)) for d in n)


def files_written(env, before):
    """The text of every file in the case's folder that was not there before."""
    text = ""
    for name in sorted(os.listdir(env.tmp)):
        path = env.path(name)
        if name in before or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            text += f.read().decode("utf-8", "replace")
    return text


def scan(env, label, *args, codes=(0, 1)):
    """Runs gifkit with args, scans stdout, stderr and every file it wrote; returns them."""
    before = set(os.listdir(env.tmp))
    code, out, err = env.run(*args)
    written = files_written(env, before)
    shown = clear_numbers(out + err + written)
    # Names written in a file name (an output named by a number) count too.
    shown += clear_numbers(" ".join(sorted(set(os.listdir(env.tmp)) - before)))
    check(shown == [], f"{label}: {len(shown)} 個人番号 in clear {shown[:3]} (exit {code})")
    check(code in codes, f"{label}: exit {code}: {err[-600:]}")
    for name in set(os.listdir(env.tmp)) - before:
        if os.path.isfile(env.path(name)):
            os.remove(env.path(name))
    return code, out, err


def people(ids_with_numbers, rows=200):
    """gif:Person rows with a 宛名番号 column; the rows in ids_with_numbers have a 個人番号
    typed into it. One address and one note hold a number as well."""
    lines = ["宛名番号,氏名,生年月日,性別,住所,備考"]
    for i in range(rows):
        aid = number(i) if i in ids_with_numbers else f"A{100000 + i}"
        address = f"東京都文京区白山5丁目{i % 7 + 1}番"
        if i == 5:
            address += f" {dashed(number(500))}"
        note = f"個人番号 {number(600)}" if i == 6 else "メモ"
        lines.append(f"{aid},山田 太郎{i % 40},1980-04-{i % 28 + 1:02d},男,{address},{note}")
        if i % 10 == 0:  # the same person again under another ID
            lines.append(f"B{i},山田 太郎{i % 40},1980-04-{i % 28 + 1:02d},男,{address},メモ")
    return "\n".join(lines) + "\n"


@room("link")
def case_link_every_format(env):
    """link FILE --id 宛名番号 (csv, json, ndjson, text, html, -o, --review) and link --audit
    (every format) with one 個人番号 typed into the IDs, one in an address and one in a note,
    in a file whose name is a number: none shown."""
    source = env.write(f"{number(700)}.csv", people({3}))
    env.write("right.csv", people({8}, rows=60))
    for fmt in ("csv", "json", "ndjson", "text", "html"):
        scan(env, f"link {fmt}", "link", source, "--id", "宛名番号", "-f", fmt)
        scan(env, f"link two files {fmt}", "link", source, "right.csv", "--id", "宛名番号",
             "-f", fmt, "--review", "review.csv")
        scan(env, f"link --audit {fmt}", "link", source, "--id", "宛名番号", "--audit", "-f", fmt)
    scan(env, "link -o", "link", source, "--id", "宛名番号", "-o", "links.csv",
         "--review", "review.csv")


@room("link")
def case_link_refuses_an_id_column_of_numbers(env):
    """3 of 200 IDs are 個人番号: the --id column is a 個人番号 column (two or more), refused
    with exit 2 and a message that shows none of them."""
    source = env.write("people.csv", people({3, 50, 120}))
    for args in ([], ["--audit"]):
        code, _, err = scan(env, f"link {args}", "link", source, "--id", "宛名番号", *args,
                            codes=(2,))
        check("個人番号" in err, err)


def chars_inputs(env):
    n1, n2, n3 = number(10), number(11), number(12)
    # In a table: a column named 個人番号, a lone one 4-4-4 and a labelled one in 備考 (an
    # unlabelled number inside a text is another code for a dataset's copy, as in transform;
    # chars check shows it masked all the same: 氏名).
    table = env.write("names.csv", "氏名,個人番号,備考\n"
                      f"髙橋 太郎 {n2},{n1},{dashed(n2)}\n"
                      f"﨑山 花子,{wide(n3)},個人番号 {n2} の方 髙\n")
    text = env.write("note.txt", f"髙橋 番号 {n1} の方\n﨑 {dashed(n3)}\n")
    return table, text


@room("chars")
def case_chars_check_every_format(env):
    """chars check of a CSV with a column named 個人番号 and a text line holding a number
    (text, json, ndjson, -o): none shown."""
    table, text = chars_inputs(env)
    for fmt in ("text", "json", "ndjson"):
        scan(env, f"chars check {fmt}", "chars", "check", table, text, "-f", fmt)
    scan(env, "chars check -o", "chars", "check", table, text, "-o", "found.json", "-f", "json")


@room("chars")
def case_chars_shrink_writes_no_number(env):
    """chars shrink of the same files: the copy, its review list and change log and the
    messages show no number (the column named 個人番号 written masked)."""
    table, text = chars_inputs(env)
    before = set(os.listdir(env.tmp))
    code, _, _ = env.run("chars", "shrink", table, "-o", "shrunk.csv")
    written = files_written(env, before)
    with open(env.path("shrunk.csv"), encoding="utf-8") as f:
        copy = f.read()
    # The copy keeps the name's text as written (no label); nothing else shows a number.
    check(clear_numbers(written.replace(copy, copy.replace(number(11), ""))) == [], written)
    check("高橋 太郎" in copy and "************" in copy and "****-****-****" in copy
          and "個人番号 ************ の方 高" in copy, copy)
    for name in set(os.listdir(env.tmp)) - before:
        os.remove(env.path(name))
    scan(env, "chars shrink text", "chars", "shrink", text, "-o", "shrunk.txt")


def short_column(env):
    """gif:Person, 6 rows, 4 of whose 整理番号 are 個人番号."""
    rows = ["氏,名,生年月日,整理番号"]
    values = [number(20), number(21), "K-0012", number(22), "", number(23)]
    for i, value in enumerate(values):
        rows.append(f"山田,太郎{i},1980-04-0{i + 1},{value}")
    return env.write("short.csv", "\n".join(rows) + "\n")


@room("validate")
def case_validate_finds_a_short_column(env):
    """validate of a 6-row file whose 整理番号 holds 4 個人番号 (and of a copy named by a
    number): exit 1 with individual-number at that column; no format of the report shows a
    number, in a value or in the file's path."""
    source = short_column(env)
    named = env.path(f"{number(24)}.csv")  # a file named by a number: every report shows its path
    with open(source, encoding="utf-8") as f, open(named, "w", encoding="utf-8") as g:
        g.write(f.read())
    for fmt in ("text", "json", "ndjson", "junit", "sarif", "github", "gitlab", "html"):
        code, out, _ = scan(env, f"validate {fmt}", "validate", source, named, "-m", PERSON,
                            "-f", fmt, codes=(1,))
        if fmt == "json":
            counts = [task["countsByCode"] for task in json.loads(out)["tasks"]]
            check([c.get("individual-number") for c in counts] == [1, 1], counts)


@room("transform")
def case_transform_masks_a_short_column(env):
    """transform of the same file writes the 4 numbers masked (and logs them masked)."""
    source = short_column(env)
    code, _, err = scan(env, "transform", "transform", source, "-m", PERSON, "-o", "out.csv",
                        "--log", "log.ndjson")
    before = set(os.listdir(env.tmp))
    env.run("transform", source, "-m", PERSON, "-o", "out.csv")
    with open(env.path("out.csv"), encoding="utf-8-sig") as f:
        out = f.read()
    # The column is masked whole: every digit of every value (K-0012 too).
    check(out.count("************") == 4 and "K-****" in out, out)
    del before


@room("transform")
def case_transform_masks_a_lone_number(env):
    """A single 個人番号 in a column of text (備考) is written masked; the other values stay."""
    rows = ["氏,名,備考"] + [f"山田,太郎{i},メモ{i}" for i in range(5)] + [f"山田,次郎,{number(30)}"]
    source = env.write("lone.csv", "\n".join(rows) + "\n")
    scan(env, "transform lone", "transform", source, "-m", PERSON, "-o", "out.csv")
    env.run("transform", source, "-m", PERSON, "-o", "out.csv")
    with open(env.path("out.csv"), encoding="utf-8-sig") as f:
        out = f.read()
    check("************" in out and "メモ4" in out, out)


@room("diff")
def case_diff_headers_and_file_names(env):
    """diff of two files whose header names a number and whose names are numbers (every
    format): none shown."""
    n = number(40)
    header = f"ID,氏名,{n},住所\n"
    old = env.write(f"{number(41)}.csv", header + "1,山田,a,東京都\n2,佐藤,b,大阪府\n")
    new = env.write(f"{dashed(number(42))}.csv", header + "1,山田,c,東京都\n3,鈴木,d,京都府\n")
    for fmt in ("text", "json", "ndjson", "csv", "html"):
        scan(env, f"diff {fmt}", "diff", old, new, "--key", "ID", "-f", fmt)


@room("serve")
def case_serve_routes(env):
    """serve: validate (every format, the short file, a file named by a number), characters
    check, addresses normalize (GET, POST), corporations and towns searched by a number,
    an unknown path holding one: no answer, and not the server's log, shows a number."""
    registry = serve_support.build_registry(env.gifkit, env.data, env.path("registry.db"))
    with open(short_column(env), "rb") as f:
        short = f.read()
    hits = []

    def ask(method, path, body=None, content="text/csv"):
        status, _, answer = server.request(method, path, body=body,
                                           headers={"Content-Type": content} if body else {})
        text = answer.decode("utf-8", "replace")
        found = clear_numbers(text)
        if found:
            hits.append(f"{method} {path[:80]} {status}: {found[:2]}")
        return status, text

    with serve_support.Server(env.gifkit, registry, data=env.data) as server:
        for fmt in ("json", "ndjson", "csv", "sarif", "html", "text"):
            status, text = ask("POST", f"/v1/validate?model={PERSON}&format={fmt}&"
                               f"filename={number(50)}.csv", short)
            check(status in (200, 400), f"{fmt}: {status} {text[:300]}")
        body = f"髙橋 番号 {number(51)} の方\n{dashed(number(52))} 﨑\n".encode()
        ask("POST", "/v1/characters/check?charset=jisx0208", body, "text/plain")
        ask("GET", "/v1/addresses/normalize?q=" +
            urllib.parse.quote(f"東京都文京区白山五丁目{number(53)}"))
        ask("POST", "/v1/addresses/normalize",
            f"東京都文京区白山五丁目 {number(54)}\n".encode(), "text/plain")
        ask("GET", "/v1/corporations?q=" + number(55))
        ask("GET", "/v1/corporations/" + number(56))
        ask("GET", "/v1/towns?q=" + urllib.parse.quote(f"白山{number(57)}"))
        ask("GET", "/v1/" + number(58))
    # The server's log (stderr) too.
    logged = clear_numbers("".join(server.stderr_lines))
    if logged:
        hits.append(f"the log: {logged[:2]}")
    check(hits == [], "\n".join(hits))


if __name__ == "__main__":
    sys.exit(main(cases_of(globals())))
