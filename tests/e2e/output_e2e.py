#!/usr/bin/env python3
"""output_e2e.py — 49.x: one output option, each option meaning one thing (issue #52, item 5),
with the real binary on registries built here from ../shared/data:

  - every command that printed its result only to standard output (address normalize|reverse,
    lookup corporation|address|char, model list|show|check|diff, registry info|verify|changes)
    takes -o FILE: the same bytes in the file as on standard output, nothing on standard
    output, the same exit code; `-o -` is standard output;
  - a run that fails (exit 2: a registry that does not exist, an unknown model, a malformed
    key) leaves an existing target byte for byte as it was, and no temporary file beside it;
    -o into a folder that does not exist is exit 2 with a message naming it, before the
    command runs;
  - a streaming command (address normalize -i -) writes into the temporary file as it goes:
    the target appears only when the command ends;
  - registry build takes -o, --output and --out alike;
  - the renamed options (diff --registries, chars shrink and lookup char --charset, model
    export -f/--format): the new spelling works without a note, the old one gives the same
    result with a one-line note on stderr, both spellings of an option with a value are
    refused (exit 2, nothing written);
  - `gifkit help` says so, and each command's help shows -o and no old spelling.

Run by ctest (tests/e2e/CMakeLists.txt); exit 77 = skipped (no shared data)."""
import glob
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import TIME_FACTOR, Failure, check, cases_of, main  # noqa: E402

ROOM = "cli"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "data")
HOUJIN_2021 = os.path.join("houjin", "samples", "code4fukui_gBizINFO_diff_20210714_utf8.csv")
HOUJIN_2025 = os.path.join("houjin", "samples", "code4fukui_gBizINFO_diff_20250311_sjis.csv")
# What each registry is built from (under --data).
SOURCES = {
    "houjin.db": [HOUJIN_2021],
    "houjin-2025.db": [HOUJIN_2021, HOUJIN_2025],
    "abr.db": [os.path.join("abr", "national"), os.path.join("abr", "bunkyo")],
    "moji.db": ["moji"],
}
NOTE = "; the old spelling still works\n"


def run(env, *args, stdin=None):
    """(exit code, stdout bytes, stderr text) of gifkit ARGS in the case's folder."""
    proc = subprocess.run([env.gifkit, *args], capture_output=True, cwd=env.tmp, input=stdin,
                          timeout=300)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


def build(env, *names):
    """The registries named (SOURCES) built into the case's folder; their paths."""
    paths = []
    for name in names:
        path = env.path(name)
        if not os.path.exists(path):
            sources = [os.path.join(env.data, source) for source in SOURCES[name]]
            code, _, err = run(env, "registry", "build", "-o", path, *sources)
            check(code == 0, f"registry build {name}: exit {code} {err}")
        paths.append(path)
    return paths


def read(path):
    with open(path, "rb") as f:
        return f.read()


def temporaries(folder):
    """The temporary files an atomic writer left in folder (.NAME.tmp-XXXXXX)."""
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(folder, ".*.tmp-*")))


def writing_commands(env):
    """(name, arguments) of every command given -o by with_output, each a run that writes a
    result: exit 0, or 1 for some (a result was written all the same)."""
    houjin, abr, moji = build(env, "houjin.db", "abr.db", "moji.db")
    model = ["model", "--data", env.data]
    return [
        ("address normalize", ["address", "normalize", "--registry", abr, "東京都文京区白山一丁目２番３号",
                               "どこでもない所"]),
        ("address reverse", ["address", "reverse", "--registry", abr, "35.7152", "139.7525",
                             "--limit", "3", "-f", "json"]),
        ("lookup corporation", ["lookup", "corporation", "--registry", houjin, "--name", "建設",
                                "-f", "csv"]),
        ("lookup address", ["lookup", "address", "--registry", abr, "--lg-code", "131059"]),
        ("lookup char", ["lookup", "char", "--registry", moji, "髙", "MJ999999"]),
        ("model list", [*model, "list"]),
        ("model show", [*model, "show", "gif:Person", "--format", "json"]),
        ("model check", [*model, "check", os.path.join(FIXTURES, "broken_model.xml")]),
        ("model diff", [*model, "diff", "gif2022:Person", "gif:Person"]),
        ("registry info", ["registry", "info", houjin]),
        ("registry verify", ["registry", "verify", houjin]),
        ("registry changes", ["registry", "changes", houjin, "--since", "2021-07-01", "-f",
                              "ndjson"]),
    ]


def failing_commands(env):
    """(name, arguments) of a run of each command that cannot run: exit 2, the way each
    fails (a message of its own, or an error that ends it in run_gifkit)."""
    houjin, abr, moji = build(env, "houjin.db", "abr.db", "moji.db")
    nothing = env.path("nothing.db")
    return [
        ("address normalize", ["address", "normalize", "--registry", nothing, "文京区白山1-2-3"]),
        ("address reverse", ["address", "reverse", "--registry", abr, "95", "139"]),
        ("lookup corporation", ["lookup", "corporation", "--registry", houjin, "123"]),
        ("lookup address", ["lookup", "address", "--registry", abr, "--lg-code", "12345"]),
        ("lookup char", ["lookup", "char", "--registry", moji, "1-95-01"]),
        ("model list", ["model", "--models", env.path("no-models"), "list"]),
        ("model show", ["model", "--data", env.data, "show", "gif:Nobody"]),
        ("model check", ["model", "--models", env.path("no-models"), "check"]),
        ("model diff", ["model", "--data", env.data, "diff", "gif:Nobody", "gif:Person"]),
        ("registry info", ["registry", "info", nothing]),
        ("registry verify", ["registry", "verify", nothing]),
        ("registry changes", ["registry", "changes", nothing, "--since", "2021-07-01"]),
    ]


def case_o_writes_what_standard_output_shows(env):
    """Each command: -o FILE holds the bytes standard output showed, standard output is empty,
    the exit code is the same (0, or 1 for the address and the key not found, the broken model
    file); `-o -` is standard output; no temporary file is left."""
    codes = set()
    for name, args in writing_commands(env):
        code, out, err = run(env, *args)
        check(code in (0, 1), f"{name}: exit {code} {err}")
        check(out, f"{name}: nothing on standard output")
        codes.add(code)
        target = env.path("result.out")
        code_o, out_o, err_o = run(env, *args, "-o", target)
        check(code_o == code, f"{name} -o: exit {code_o}, without -o {code}: {err_o}")
        check(out_o == b"", f"{name} -o: standard output holds {out_o[:200]!r}")
        check(read(target) == out, f"{name} -o: the file differs from standard output")
        check(err_o == err, f"{name} -o: other messages: {err_o!r} vs {err!r}")
        os.remove(target)
        code_dash, out_dash, _ = run(env, *args, "--output", "-")
        check(code_dash == code and out_dash == out, f"{name} --output -: {code_dash}")
        check(not temporaries(env.tmp), f"{name}: left {temporaries(env.tmp)}")
    check(codes == {0, 1}, f"the runs should end 0 and 1: {codes}")


def case_a_failing_run_leaves_the_target_as_it_was(env):
    """Each command that cannot run (exit 2) with -o onto an existing file: the file byte for
    byte as it was, no temporary file beside it, nothing on standard output."""
    before = "結果 of an earlier run\r\n".encode("utf-8") + bytes(range(256))
    for name, args in failing_commands(env):
        target = env.path("kept.out")
        with open(target, "wb") as f:
            f.write(before)
        code, out, err = run(env, *args, "-o", target)
        check(code == 2, f"{name}: exit {code}, expected 2: {err}")
        check(err.startswith("gifkit") and err.count("\n") >= 1, f"{name}: no message: {err!r}")
        check(out == b"", f"{name}: standard output holds {out[:200]!r}")
        check(read(target) == before, f"{name}: the target was changed")
        check(not temporaries(env.tmp), f"{name}: left {temporaries(env.tmp)}")


def case_o_into_a_folder_that_does_not_exist(env):
    """-o into a folder that does not exist: exit 2 before the command runs, a message naming
    the file and the folder, no folder made."""
    missing = env.path("no", "such")
    for name, args in writing_commands(env):
        code, out, err = run(env, *args, "-o", os.path.join(missing, "result.out"))
        check(code == 2, f"{name}: exit {code}: {err}")
        check(err.startswith(f"gifkit {name}: cannot write ") and "no such folder" in err and
              os.path.join("no", "such") in err, f"{name}: message {err!r}")
        check(out == b"", f"{name}: standard output holds {out[:200]!r}")
        check(not os.path.exists(env.path("no")), f"{name}: made the folder")


def case_a_streaming_output_appears_at_the_end(env):
    """address normalize -i - -o FILE: the lines normalized so far are in the temporary file,
    the target does not exist while the input is still open; it appears, whole, at the end —
    the same bytes as standard output of the same input. And -i FILE with many lines."""
    (abr,) = build(env, "abr.db")
    with open(os.path.join(env.data, "addresses", "schools-input.txt"), "rb") as f:
        lines = [line for line in f.read().splitlines(keepends=True)
                 if not line.startswith(b"//")][:6000]
    first, rest = b"".join(lines[:4000]), b"".join(lines[4000:])
    target = env.path("normalized.ndjson")
    proc = subprocess.Popen([env.gifkit, "address", "normalize", "--registry", abr, "-i", "-",
                             "-o", target], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=env.tmp)
    try:
        try:
            proc.stdin.write(first)
            proc.stdin.flush()
        except BrokenPipeError:
            raise Failure(f"ended (exit {proc.wait()}) before its input did: "
                          f"{proc.stderr.read()!r}") from None
        # The first 4000 results (megabytes) pass the stream's buffer into the temporary file.
        deadline = time.monotonic() + 60 * TIME_FACTOR
        written = 0
        while time.monotonic() < deadline and proc.poll() is None:
            files = temporaries(env.tmp)
            written = sum(os.path.getsize(env.path(name)) for name in files)
            if written > 1 << 20:
                break
            time.sleep(0.05)
        check(proc.poll() is None, f"ended (exit {proc.returncode}) before its input did")
        check(written > 1 << 20, f"the temporary file holds {written} bytes after 4000 lines")
        check(not os.path.exists(target), "the target exists while the command still runs")
        out, err = proc.communicate(input=rest, timeout=120 * TIME_FACTOR)
        code = proc.returncode
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    check(code in (0, 1) and out == b"", f"exit {code} {err!r}, standard output {out[:200]!r}")
    code_stdout, expected, _ = run(env, "address", "normalize", "--registry", abr, "-i", "-",
                                   stdin=first + rest)
    check(code_stdout == code, f"without -o: exit {code_stdout}")
    check(read(target) == expected, "the file differs from standard output")
    results = expected.count(b"\n")
    check(results == len(lines), f"{results} results of {len(lines)} lines")
    check(not temporaries(env.tmp), f"left {temporaries(env.tmp)}")
    # -i FILE with many lines: the same.
    source = env.path("addresses.txt")
    with open(source, "wb") as f:
        f.write(first + rest)
    file_target = env.path("from-file.ndjson")
    code_file, out, err = run(env, "address", "normalize", "--registry", abr, "-i", source, "-o",
                              file_target)
    check(code_file == code and out == b"" and read(file_target) == expected,
          f"-i FILE -o: exit {code_file} {err}")


def case_registry_build_takes_o_output_and_out(env):
    """registry build -o, --output and --out (its first spelling, without a note) write the
    same registry."""
    source = os.path.join(env.data, HOUJIN_2021)
    infos = []
    for flag in ["-o", "--output", "--out"]:
        target = env.path(f"built{flag}.db")
        code, _, err = run(env, "registry", "build", flag, target, source)
        check(code == 0 and "note:" not in err, f"{flag}: exit {code} {err}")
        code, out, err = run(env, "registry", "verify", target)
        check(code == 0, f"{flag}: verify: exit {code} {err}")
        code, out, err = run(env, "registry", "info", target, "-f", "json")
        info = json.loads(out)
        infos.append((info["tables"], [(s["sourceFile"], s["rows"]) for s in info["sources"]]))
    check(infos[0] == infos[1] == infos[2], f"the builds differ: {infos}")


def case_diff_registries_and_its_old_spelling(env):
    """diff --registries OLD NEW compares two registry builds; --registry, the flag's old
    spelling, gives the same bytes with one line of note; both are the flag once; the messages
    name --registries."""
    old, new = build(env, "houjin.db", "houjin-2025.db")
    args = [old, new, "--registry-part", "corporations", "-f", "csv"]
    code, out, err = run(env, "diff", "--registries", *args)
    check(code == 1 and out.count(b"\n") > 100 and "note:" not in err, f"exit {code} {err}")
    code_old, out_old, err_old = run(env, "diff", "--registry", *args)
    check(code_old == 1 and out_old == out, f"--registry: exit {code_old}, other bytes")
    check(err_old == "gifkit diff: note: --registry is now --registries" + NOTE + err,
          f"--registry: {err_old!r}")
    code_both, out_both, err_both = run(env, "diff", "--registries", "--registry", *args)
    check(code_both == 1 and out_both == out and err_both.count("note:") == 1,
          f"both: exit {code_both} {err_both!r}")
    code, _, err = run(env, "diff", "--registry-part", "corporations", old, new)
    check(code == 2 and "--registry-part needs --registries" in err, f"part alone: {err!r}")
    code, _, err = run(env, "diff", "--registries", old, new, "-m", "gif:LegalEntity")
    check(code == 2 and "no meaning with --registries" in err, f"--model: {err!r}")


def case_chars_shrink_charset_and_its_old_spelling(env):
    """chars shrink --charset SET (as chars check's) writes the file, its review list and its
    log; --to SET, the old spelling, writes the same three with a note; both are refused
    (exit 2) and write nothing."""
    source = env.write("names.csv", "氏名,住所\n髙橋 﨑子,東京都\n渡邉 一,大阪府\n")
    results = {}
    for flag in ["--charset", "--to"]:
        target = env.path(f"shrunk{flag}.csv")
        code, out, err = run(env, "chars", "shrink", source, flag, "jisx0208", "-o", target,
                             "--data", env.data)
        check(code in (0, 1) and out == b"", f"{flag}: exit {code} {err}")
        results[flag] = (code, [read(target + suffix) for suffix in
                                ["", ".review.csv", ".changes.ndjson"]])
        notes = [line for line in err.splitlines() if "note:" in line]
        expected = ["gifkit chars shrink: note: --to SET is now --charset SET; the old "
                    "spelling still works"] if flag == "--to" else []
        check(notes == expected, f"{flag}: notes {notes}")
    check(results["--charset"] == results["--to"], "--to wrote other files than --charset")
    check(results["--charset"][1][0] != read(source), "nothing was shrunk")
    target = env.path("both.csv")
    code, _, err = run(env, "chars", "shrink", source, "--charset", "jisx0208", "--to", "mj",
                       "-o", target, "--data", env.data)
    check(code == 2 and "give --charset SET, not both --charset SET and --to SET" in err,
          f"both: exit {code} {err}")
    check(not os.path.exists(target), "both: a file was written")


def case_lookup_char_charset_and_its_old_spelling(env):
    """lookup char --charset SET chooses the replacement for SET; --to SET, the old spelling,
    the same bytes with a note; both refused."""
    (moji,) = build(env, "moji.db")
    code, default, _ = run(env, "lookup", "char", "--registry", moji, "-f", "json", "﨑")
    check(code == 0, f"exit {code}")
    code, out, err = run(env, "lookup", "char", "--registry", moji, "--charset", "jisx0213",
                         "-f", "json", "﨑")
    check(code == 0 and "note:" not in err, f"--charset: exit {code} {err}")
    check(json.loads(out)[0]["replacement"]["inSet"] is True, out[:300])
    check(json.loads(default)[0]["replacement"]["inSet"] is False, default[:300])
    code_old, out_old, err_old = run(env, "lookup", "char", "--registry", moji, "--to",
                                     "jisx0213", "-f", "json", "﨑")
    check(code_old == 0 and out_old == out, f"--to: exit {code_old}, other bytes")
    check(err_old == "gifkit lookup char: note: --to SET is now --charset SET" + NOTE,
          f"--to: {err_old!r}")
    code, out, err = run(env, "lookup", "char", "--registry", moji, "--charset", "jisx0213",
                         "--to", "jisx0208", "﨑")
    check(code == 2 and out == b"" and "not both --charset SET and --to SET" in err,
          f"both: exit {code} {err}")


def case_model_export_format_and_its_old_spelling(env):
    """model export -f/--format FORM, as every command's output format; --to FORM, the old
    spelling, the same bytes with a note; both refused; --to with --all refused, no folder
    made."""
    export = ["model", "--data", env.data, "export", "gif:Address"]
    code, out, err = run(env, *export, "-f", "json-schema")
    check(code == 0 and json.loads(out)["type"] == "object" and "note:" not in err,
          f"-f: exit {code} {err}")
    code_long, out_long, _ = run(env, *export, "--format", "json-schema")
    check(code_long == 0 and out_long == out, "--format: other bytes")
    code_old, out_old, err_old = run(env, *export, "--to", "json-schema")
    check(code_old == 0 and out_old == out, f"--to: exit {code_old}, other bytes")
    check(err_old == "gifkit model export: note: --to FORM is now -f/--format FORM" + NOTE,
          f"--to: {err_old!r}")
    code, out, err = run(env, *export, "-f", "xsd", "--to", "xsd")
    check(code == 2 and out == b"" and "not both -f/--format FORM and --to FORM" in err,
          f"both: exit {code} {err}")
    code, _, err = run(env, *export, "--to", "xsd", "--all", env.path("all"))
    check(code == 2 and "give -f FORM or --all DIR" in err, f"--to with --all: {code} {err}")
    check(not os.path.exists(env.path("all")), "--to with --all made the folder")


def case_help_says_so(env):
    """`gifkit help` says every command writing a result takes -o FILE (atomic) and -f FORMAT;
    each command given -o shows it in its help; no help shows an old spelling."""
    code, out, _ = run(env, "help")
    text = out.decode("utf-8")
    check(code == 0 and "-o FILE" in text and "atomically" in text and "-f FORMAT" in text,
          text)
    for command in ["address normalize", "address reverse", "lookup corporation",
                    "lookup address", "lookup char", "model list", "model show", "model check",
                    "model diff", "registry info", "registry verify", "registry changes",
                    "registry build", "model export"]:
        code, out, _ = run(env, *command.split(), "--help")
        check(code == 0 and "-o,--output" in out.decode("utf-8"), f"{command} --help lacks -o")
    for command, old in [("lookup char", "--to"), ("chars shrink", "--to"),
                         ("model export", "--to"), ("diff", "--registry ")]:
        code, out, _ = run(env, *command.split(), "--help")
        check(code == 0 and old not in out.decode("utf-8"), f"{command} --help shows {old}")


if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), needs="moji"))
