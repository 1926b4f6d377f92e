#!/usr/bin/env python3
"""individual_number_e2e.py — 32.x: 個人番号 (マイナンバー) never on disk in clear and
never shown (issue #28): a transform killed mid-run leaves at most a private (0600)
temporary file without a clear number; a column named 個人番号 is refused (exit 2)
before anything is written; the next run removes the temporary file of a killed
writer but never a live writer's; diff (every format), transform (labelled numbers
inside a text) and serve (address answers, a validate report's path) mask as
validate does; a Shift_JIS file's invalid bytes are kept in the change log as \\x
escapes, with one review row for the cell. The numbers are made up, given their
check digit by 番号法施行令 第8条. Run by ctest (tests/e2e/CMakeLists.txt)."""
import csv
import fcntl
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Env, check, cases_of, main  # noqa: E402
import serve_support  # noqa: E402

ROOM = "checks"  # the room these cases cover (tests/rooms.txt)

PERSON = "gif:Person"


def check_digit(eleven):
    """The 12th digit of a 個人番号 for its 11 base digits (grammars/values/identifiers.hpp)."""
    total = sum(int(d) * (n + 1 if n <= 6 else n - 5)
                for n, d in enumerate(reversed(eleven), start=1))
    return 0 if total % 11 <= 1 else 11 - total % 11


def number(i):
    """The i-th made-up 個人番号 (12 ASCII digits, its check digit right)."""
    base = f"{(16627730689 + i * 7919131) % 10**11:011d}"
    return base + str(check_digit(base))


def clear_numbers(text):
    """The 個人番号 (check digit right) written in text as 12 digits or 4-4-4
    (separators -, space), full-width digits read as ASCII."""
    text = "".join(chr(ord(c) - 0xFF10 + 48) if "０" <= c <= "９" else c for c in text)
    found = []
    for match in re.finditer(r"(?<!\d)(\d{4})[- ]?(\d{4})[- ]?(\d{4})(?!\d)", text):
        digits = "".join(match.groups())
        if check_digit(digits[:11]) == int(digits[11]):
            found.append(match.group(0))
    return found


def temporaries(folder):
    return sorted(n for n in os.listdir(folder) if ".tmp-" in n)


def person_rows(count):
    """A gif:Person dataset whose 整理番号 holds 個人番号 (found by its values only)."""
    lines = ["氏,名,生年月日,整理番号"]
    lines += [f"山田,太郎{i % 97},1980-04-{i % 28 + 1:02d},{number(i)}" for i in range(count)]
    return "\n".join(lines) + "\n"


def case_killed_transform_leaves_no_clear_number(env):
    """A transform killed (SIGKILL) while it writes a dataset whose 整理番号 holds 個人番号 by
    its values: its temporary output is mode 0600 and holds no clear number (masked from
    the first row); the next run to the same output removes it."""
    source = env.write("big.csv", person_rows(300_000))
    out = env.path("out.csv")
    proc = subprocess.Popen([env.gifkit, "transform", source, "-m", PERSON, "-o", out],
                            cwd=env.tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    seen = []
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            seen = [n for n in temporaries(env.tmp) if os.path.getsize(env.path(n)) > 100_000]
            if seen:
                break
            time.sleep(0.02)
        check(proc.poll() is None, "transform ended before it could be killed (input too small)")
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    left = temporaries(env.tmp)
    check(seen and left == seen, f"temporary files: seen {seen}, left {left}")
    path = env.path(left[0])
    mode = stat.S_IMODE(os.stat(path).st_mode)
    check(mode == 0o600, f"{left[0]}: mode {oct(mode)}, expected 0o600")
    with open(path, encoding="utf-8", errors="replace") as f:
        written = f.read()
    check(written.count("\n") > 1000, f"only {written.count(chr(10))} rows written")
    shown = clear_numbers(written)
    check(shown == [], f"{len(shown)} clear numbers in {left[0]}, e.g. {shown[:3]}")
    # The next run removes what the killed one left.
    small = env.write("small.csv", person_rows(20))
    code, _, err = env.run("transform", small, "-m", PERSON, "-o", out)
    check(code == 0 and "整理番号: 個人番号 written masked" in err, f"exit {code}: {err}")
    check(temporaries(env.tmp) == [], f"left: {temporaries(env.tmp)}")
    with open(out, encoding="utf-8-sig") as f:
        text = f.read()
    check(clear_numbers(text) == [] and "************" in text, text[:300])


def case_named_column_refused_before_writing(env):
    """A column named 個人番号: transform refuses with exit 2 before it writes anything — no
    temporary file ever has content (the folder is watched while it runs), no output, log
    or review is left, and no number is shown."""
    lines = ["氏,名,個人番号"] + [f"山田,太郎{i},{number(i)}" for i in range(300_000)]
    source = env.write("named.csv", "\n".join(lines) + "\n")
    out_dir = env.path("out")
    os.mkdir(out_dir)
    args = [env.gifkit, "transform", source, "-m", PERSON, "-o", os.path.join(out_dir, "o.csv"),
            "--log", os.path.join(out_dir, "log.ndjson"),
            "--review", os.path.join(out_dir, "review.csv")]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    largest = (0, "")
    while proc.poll() is None:
        for name in os.listdir(out_dir):
            try:
                largest = max(largest, (os.path.getsize(os.path.join(out_dir, name)), name))
            except FileNotFoundError:
                pass
        time.sleep(0.002)
    stdout, stderr = proc.communicate()
    err = stderr.decode()
    check(proc.returncode == 2, f"exit {proc.returncode}: {err}")
    check("個人番号" in err and "--mask individual-number" in err, err)
    check(os.listdir(out_dir) == [], f"left: {os.listdir(out_dir)}")
    check(largest[0] == 0, f"{largest[1]} in the output folder reached {largest[0]} bytes")
    check(clear_numbers(err + stdout.decode()) == [], err)
    # With --mask it is written, masked.
    out = os.path.join(out_dir, "o.csv")
    small = env.write("named-small.csv", "\n".join(lines[:30]) + "\n")
    code, _, err = env.run("transform", small, "-m", PERSON, "-o", out, "--mask",
                           "individual-number")
    with open(out, encoding="utf-8-sig") as f:
        text = f.read()
    check(code == 0 and clear_numbers(text) == [] and "************" in text, f"{code} {err}")


def case_stale_temporary_removed_live_one_kept(env):
    """Beside the output, a temporary file a killed writer left (no lock) and one a live
    writer holds (flock): the next run removes the first and leaves the second."""
    source = env.write("small.csv", "氏,名\n山田,太郎\n")
    out = env.path("out.csv")
    stale = env.write(".out.csv.tmp-Ab3dEf", "left by a killed writer\n")
    live = env.write(".out.csv.tmp-Xy9zQw", "a live writer's\n")
    other = env.write(".other.csv.tmp-Ab3dEf", "another output's\n")
    with open(live) as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        code, _, err = env.run("transform", source, "-m", PERSON, "-o", out)
        check(code == 0, f"exit {code}: {err}")
        check(not os.path.exists(stale), "the killed writer's temporary file is still there")
        check(os.path.exists(live), "a live writer's temporary file was removed")
    check(os.path.exists(other), "another output's temporary file was removed")
    check(stat.S_IMODE(os.stat(out).st_mode) & 0o044 == 0o044, "the output is not readable")


def diff_files(env):
    header = "ID,生年月日,名,住所,備考\n"
    old = header + "".join(f"P{i},1980-04-01,名{i},東京都文京区白山5丁目,メモ{i}\n"
                           for i in range(6))
    new = (header +
           f"P0,{number(1)},名0,東京都文京区白山5丁目,メモ0\n"
           f"P1,1980-04-01,{number(2)},東京都文京区白山5丁目,メモ1\n"
           f"P2,1980-04-01,名2,{number(3)},メモ2\n"
           f"P3,1980-04-01,名3,東京都文京区白山5丁目,{number(4)}\n"
           f"P4,1980-04-01,名4,東京都文京区白山5丁目,個人番号:{number(5)}\n"
           f"P5,1980-04-01,名5,東京都文京区白山5丁目,マイナンバー {number(6)[:4]} "
           f"{number(6)[4:8]} {number(6)[8:]}\n")
    return env.write("old.csv", old), env.write("new.csv", new)


def case_diff_masks_lone_numbers_in_every_format(env):
    """diff of two files with lone valid 個人番号 in 生年月日, 名, 住所, 備考 (and labelled
    ones in 備考): no output format shows a clear number; the changes are still shown."""
    old, new = diff_files(env)
    for fmt in ("text", "json", "ndjson", "csv", "html"):
        code, out, err = env.run("diff", old, new, "--key", "ID", "-f", fmt)
        check(code == 1, f"{fmt}: exit {code} {err}")
        shown = clear_numbers(out + err)
        check(shown == [], f"{fmt} shows {shown}")
        check(out.count("************") >= 4, f"{fmt}: the changes are not shown masked:\n{out}")


def case_transform_masks_labelled_numbers(env):
    """A 個人番号 after a label inside a text cell (個人番号:…, マイナンバー 1234 5678 9012,
    個人番号（マイナンバー）：… grouped otherwise) is written masked, with --mask and
    without; a 12-digit 会員番号 without a label and the rest of the text stay."""
    member = "123456789012"
    rows = [
        ("山田", "太郎", f"個人番号:{number(1)} 確認済み"),
        ("佐藤", "花子", f"マイナンバー {number(2)[:4]} {number(2)[4:8]} {number(2)[8:]}"),
        ("鈴木", "一郎", f"個人番号（マイナンバー）：{number(3)[:4]}-{number(3)[4:10]}-"
                         f"{number(3)[10:]}"),
        ("高橋", "美咲", f"会員番号 {member}"),
    ]
    source = env.write("notes.csv", "氏,名,備考\n" + "".join(",".join(r) + "\n" for r in rows))
    for extra in (["--mask", "individual-number"], []):
        out = env.path("out.csv")
        log = env.path("log.ndjson")
        code, _, err = env.run("transform", source, "-m", PERSON, "-o", out, "--log", log, *extra)
        check(code in (0, 1), f"{extra}: exit {code}: {err}")
        with open(out, encoding="utf-8-sig") as f:
            text = f.read()
        with open(log, encoding="utf-8") as f:
            logged = f.read()
        shown = clear_numbers(text + logged + err)
        shown += [n for n in (number(1), number(2), number(3)) if n in text.replace(" ", "")
                  .replace("-", "")]
        check(shown == [], f"{extra}: shown {shown}:\n{text}")
        check("個人番号:************ 確認済み" in text and "マイナンバー **** **** ****" in text
              and f"会員番号 {member}" in text, text)
        masks = [json.loads(line) for line in logged.splitlines()
                 if '"individual-number-mask"' in line]
        check(len(masks) == 3, f"{extra}: {masks}")


def case_serve_masks_addresses_and_report_path(env):
    """serve: an address with a 個人番号 typed into it is answered without the number
    (input, output, others; GET and the batch POST), and a validate report of a file
    named by a number does not show it in its path."""
    registry = env.path("abr.db")
    subprocess.run([env.gifkit, "registry", "build", "--out", registry,
                    os.path.join(env.data, "abr", "national"),
                    os.path.join(env.data, "abr", "bunkyo")],
                   check=True, capture_output=True, timeout=300)
    with serve_support.Server(env.gifkit, registry) as server:
        for address in (f"東京都文京区白山五丁目{number(7)}", f"東京都文京区白山5-28 {number(8)}",
                        f"東京都文京区白山5丁目 個人番号:{number(9)}"):
            status, _, body = server.request(
                "GET", "/v1/addresses/normalize?q=" + urllib.parse.quote(address))
            text = body.decode()
            check(status == 200 and clear_numbers(text) == [], f"{status} {text}")
            check("****" in text, text)
        status, _, body = server.request(
            "POST", "/v1/addresses/normalize",
            body=f"東京都文京区白山五丁目{number(10)}\n".encode(),
            headers={"Content-Type": "text/plain"})
        check(status == 200 and clear_numbers(body.decode()) == [], body.decode())
        status, _, body = server.request(
            "POST", f"/v1/validate?model={PERSON}&filename={number(11)}.csv",
            body="氏,名\n山田,太郎\n".encode(), headers={"Content-Type": "text/csv"})
        text = body.decode()
        check(status == 200 and clear_numbers(text) == [], f"{status} {text}")
        check("************.csv" in text, text)


def case_serve_removes_abandoned_body_folders(env):
    """A server starting removes the body folders (gifkit-serve-XXXXXX in its temporary
    directory) that a killed server left, and not one a live server holds (flock)."""
    tmpdir = env.path("tmp")
    os.mkdir(tmpdir)
    stale = os.path.join(tmpdir, "gifkit-serve-Ab3dEf")
    live = os.path.join(tmpdir, "gifkit-serve-Xy9zQw")
    for folder in (stale, live):
        os.mkdir(folder, 0o700)
        with open(os.path.join(folder, "body.csv"), "w") as f:
            f.write(f"氏,名,個人番号\n山田,太郎,{number(1)}\n")
    other = env.write("tmp/gifkit-other-Ab3dEf", "not a body folder")
    registry = env.path("abr.db")
    subprocess.run([env.gifkit, "registry", "build", "--out", registry,
                    os.path.join(env.data, "abr", "national")],
                   check=True, capture_output=True, timeout=300)
    held = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        with serve_support.Server(env.gifkit, registry, env=dict(os.environ, TMPDIR=tmpdir)):
            check(not os.path.exists(stale), "the killed server's body folder is still there")
            check(os.path.exists(os.path.join(live, "body.csv")), "a live server's was removed")
            check(os.path.exists(other), "a file that is no body folder was removed")
    finally:
        os.close(held)


def case_cp932_invalid_bytes_logged(env):
    """A Shift_JIS file with an invalid byte pair (0x85 0x40, unassigned in CP932): the
    change log keeps the original bytes as \\x escapes, and the cell has exactly one
    review row."""
    good = "氏,名\n山田,太郎\n".encode("cp932")
    bad = "佐藤,".encode("cp932") + b"\x85\x40" + "子\n".encode("cp932")
    source = env.path("sjis.csv")
    with open(source, "wb") as f:
        f.write(good + bad)
    out, log, review = env.path("out.csv"), env.path("log.ndjson"), env.path("review.csv")
    code, _, err = env.run("transform", source, "-m", PERSON, "-o", out, "--log", log,
                           "--review", review)
    check(code == 1, f"exit {code}: {err}")
    with open(log, encoding="utf-8") as f:
        changes = [json.loads(line) for line in f]
    kept = [c for c in changes if c["from"] == "\\x85\\x40"]
    check(len(kept) == 1 and kept[0]["row"] == 3 and kept[0]["column"] == 2,
          f"log: {changes}")
    with open(review, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(io.StringIO(f.read())))
    cell = [r for r in rows if r.get("row") == "3" and r.get("column") == "2"]
    check(len(cell) == 1, f"review rows of the cell: {cell} (all: {rows})")
    check("\\x85\\x40" in cell[0].get("why", ""), f"{cell}")


def case_model_check_masks_model_file_names(env):
    """model check writes a model file's load problems and "loads" line to standard output,
    which the stderr rule does not pass: a file named with a 個人番号 (12 digits, 4-4-4,
    full-width) that is no model, and libxml2's message quoting an element named with one, show
    none (before, stdout showed the path and the element in clear)."""
    for i, written in enumerate((number(40), f"{number(41)[:4]}-{number(41)[4:8]}-{number(41)[8:]}",
                                 "".join(chr(0xFF10 + int(d)) for d in number(42)))):
        path = env.write(f"model_{written}.xml", f"<a{number(43 + i)}></b>\n")
        code, out, err = env.run("model", "check", path)
        check(code == 1, f"{written}: exit {code}, expected 1 (a load problem): {err[-300:]}")
        check("model_************.xml" in out or "model_****-****-****.xml" in out,
              f"{written}: the load problem is not shown masked: {out[:300]}")
        shown = clear_numbers(out + err)
        check(shown == [], f"{written}: model check shows {shown}: {out[:300]}")


def case_transform_masks_a_number_in_the_header_row(env):
    """A file without a header row: its first row, a person with a 個人番号, is the header.
    transform masked the column's numbers by their values but wrote the header as read, the
    first person's number in clear (exit 0); a header is a text like any value: masked, in .csv
    and .xlsx alike. So is a header that holds one written 4-4-4 after a word."""
    rows = [f"山田,太郎{i},1980-01-{i + 1:02d},{number(60 + i)}" for i in range(6)]
    path = env.write("headerless.csv", "\n".join(rows) + "\n")
    grouped = f"{number(70)[:4]}-{number(70)[4:8]}-{number(70)[8:]}"
    named = env.write("named.csv", f"氏,名,生年月日,備考 {grouped}\n山田,太郎,1980-01-01,x\n")
    for source in (path, named):
        for suffix in (".csv", ".xlsx"):
            out = env.path(os.path.basename(source) + suffix)
            code, _, err = env.run("transform", "-m", PERSON, source, "-o", out)
            check(code in (0, 1), f"{source}{suffix}: exit {code}: {err[-300:]}")
            if suffix == ".csv":
                written = open(out, encoding="utf-8").read()
            else:
                written = subprocess.run(["unzip", "-p", out], capture_output=True).stdout.decode(
                    "utf-8", "replace")
            shown = clear_numbers(written + err)
            check(shown == [], f"{os.path.basename(source)}{suffix} shows {shown}")


def case_saved_mapping_masks_a_number_in_the_header_row_and_replays(env):
    """transform --save-mapping of a file without a header row wrote its first person's
    個人番号 in clear as a column's "header". It is saved masked, and the mapping still names that
    column: transform and validate --mapping find it (no "not in this file", not exit 2)."""
    rows = [f"山田,太郎{i},1980-01-{i + 1:02d},{number(80 + i)}" for i in range(6)]
    path = env.write("headerless.csv", "\n".join(rows) + "\n")
    mapping = env.path("saved.json")
    code, _, err = env.run("transform", "-m", PERSON, path, "-o", env.path("first.csv"),
                           "--save-mapping", mapping)
    check(code in (0, 1), f"save: exit {code}: {err[-300:]}")
    saved = open(mapping, encoding="utf-8").read()
    check(clear_numbers(saved) == [], f"the mapping shows {clear_numbers(saved)}: {saved}")
    code, _, err = env.run("transform", "-m", PERSON, "--mapping", mapping, path,
                           "-o", env.path("again.csv"))
    check(code in (0, 1) and "not in this file" not in err, f"replay: exit {code}: {err[-300:]}")
    code, out, err = env.run("validate", "--mapping", mapping, "-f", "json", path)
    check(code == 1, f"validate --mapping: exit {code}, expected 1: {err[-300:]}")
    check(clear_numbers(out + err) == [], f"validate shows {clear_numbers(out + err)}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), make_env=Env, prefix="gifkit-e2e-inum-"))
