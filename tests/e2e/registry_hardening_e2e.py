"""registry_hardening_e2e.py — 29.x: a registry file under the faults its
operators meet (issue #28), with the real binary and the real 法人番号 diffs:
another process holding the file's lock while `gifkit serve` answers (503
registry-busy, then answers again by itself), a diff cut short by an
interrupted download or holding a rejected row (applied whole or not at
all; the complete file applies afterwards), and an update killed mid-write
that leaves its rollback journal (readers say what to run, or roll it back
when they may write). Run by ctest as e2e.29.K-registry-hardening-CASE."""
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Env, Failure, check, cases_of, main  # noqa: E402
from serve_support import Server  # noqa: E402

ROOM = "db"  # the room these cases cover (tests/rooms.txt)

DIFF_2021 = "houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv"
DIFF_2025 = "houjin/samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"
DIFF_2025_NAME = "code4fukui_gBizINFO_diff_20250311_sjis.csv"
EXTRACT_2026 = "houjin/samples/code4fukui_gBizINFO_diff_edgecase_extract_sjis.csv"


def built_2021(env):
    """A registry of the real 2021-07-14 diff (2,396 corporations)."""
    registry = env.path("houjin.db")
    code, _, err = env.run("registry", "build", "--out", registry,
                           os.path.join(env.data, DIFF_2021))
    check(code == 0, f"build: exit {code}: {err}")
    return registry


def info(env, registry):
    code, out, err = env.run("registry", "info", registry, "--format", "json")
    check(code == 0, f"registry info: exit {code}: {err}")
    return json.loads(out)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def first_number_and_name(registry):
    with sqlite3.connect(f"file:{registry}?mode=ro", uri=True) as db:
        number, name = db.execute(
            "SELECT corporate_number, name FROM corporation ORDER BY corporate_number LIMIT 1"
        ).fetchone()
    return str(number), name


class LockHolder:
    """Another process holding the registry file's exclusive lock (as a
    backup tool or a sqlite3 shell would) until released."""

    def __init__(self, registry):
        code = ("import sqlite3, sys\n"
                f"db = sqlite3.connect({registry!r}, isolation_level=None)\n"
                "db.execute('BEGIN EXCLUSIVE')\n"
                "print('locked', flush=True)\n"
                "sys.stdin.readline()\n"
                "db.execute('ROLLBACK')\n")
        self.process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        check(self.process.stdout.readline().strip() == "locked", "the lock was not taken")

    def release(self):
        if self.process.poll() is None:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            self.process.wait(timeout=10)


def kill_mid_update(registry):
    """A writer killed (SIGKILL) in the middle of its transaction, after it
    wrote changed pages to the file: its rollback journal is left (hot)."""
    code = ("import sqlite3\n"
            f"db = sqlite3.connect({registry!r}, isolation_level=None)\n"
            "db.execute('PRAGMA cache_size=1')\n"
            "db.execute('BEGIN')\n"
            "db.execute(\"UPDATE corporation SET name = 'KILLED MID-UPDATE'\")\n"
            "print('written', flush=True)\n"
            "import time; time.sleep(60)\n")
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    check(writer.stdout.readline().strip() == "written", "the writer did not write")
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    journal = registry + "-journal"
    check(os.path.exists(journal) and os.path.getsize(journal) > 0,
          "the killed writer left no journal")
    return journal


def generated_diff(env, rows, name):
    """A diff of rows generated corporations (bench/gen_houjin_csv.py: the NTA's
    format, valid check digits, shaped from the real samples)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench",
                          "gen_houjin_csv.py")
    path = env.path(name)
    subprocess.run([sys.executable, script, str(rows), path, "--data", env.data], check=True,
                   capture_output=True, timeout=120)
    return path


def cut_in_the_middle_of_a_row(source, target):
    """The real 2025 diff cut halfway, in the middle of a record (an
    interrupted download), under the file's own name."""
    data = read_bytes(source)
    cut = len(data) // 2
    while data[cut:cut + 1] in (b"\n", b"\r"):
        cut += 1
    with open(target, "wb") as f:
        f.write(data[:cut + 7])
    return target


def case_serve_answers_503_while_another_process_holds_the_lock_then_recovers(env):
    registry = built_2021(env)
    number, name = first_number_and_name(registry)
    path = f"/v1/corporations/{number}"
    with Server(env.gifkit, registry, "--busy-timeout", "200", "--threads", "2") as server, \
            Server(env.gifkit, registry, "--busy-timeout", "1000") as second:
        before = server.get_json(path)
        check(before.get("name") == name, f"unexpected answer {before}")
        holder = LockHolder(registry)
        try:
            for _ in range(4):  # every worker's cached statement meets the lock
                status, headers, body = server.request("GET", path)
                check(status == 503, f"under a lock: status {status}: {body[:300]!r}")
                answer = json.loads(body)
                check(answer["error"]["code"] == "registry-busy", f"under a lock: {answer}")
                check("Retry-After" in headers, f"no Retry-After: {headers}")
                check(registry not in body.decode("utf-8"), "the answer names the file's path")
            # A plain lookup (no header but Host: the service's plain path) waits for the
            # lock once (--busy-timeout 1000), not once more on the route that then answers 503.
            started = time.monotonic()
            with socket.create_connection(("127.0.0.1", second.port), timeout=10) as s:
                s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                plain = s.recv(65536)
            waited = time.monotonic() - started
            check(plain.startswith(b"HTTP/1.1 503 ") and b"registry-busy" in plain,
                  f"a plain lookup under a lock: {plain[:300]!r}")
            check(0.9 < waited < 1.9, f"it waited {waited:.2f} s (busy timeout 1 s)")
        finally:
            holder.release()
        for _ in range(8):  # each worker's connection answers again, no SIGHUP
            after = server.get_json(path)
            check(after == before, f"after the lock: {after} != {before}")
        history = server.get_json(path + "?history=1")
        check(history["corporation"] == before, f"with history after the lock: {history}")


def case_truncated_diff_applies_nothing_then_the_complete_file_applies(env):
    registry = built_2021(env)
    before_bytes = read_bytes(registry)
    before = info(env, registry)
    os.mkdir(env.path("download"))
    cut = cut_in_the_middle_of_a_row(os.path.join(env.data, DIFF_2025),
                                     env.path("download", DIFF_2025_NAME))
    code, _, err = env.run("registry", "update", registry, cut)
    check(code == 2, f"a cut diff: exit {code}, expected 2: {err}")
    check(DIFF_2025_NAME in err and "not applied" in err, f"message: {err}")
    check("--accept-rejects" in err, f"the message does not say what else to do: {err}")
    check(read_bytes(registry) == before_bytes, "the registry file changed")
    check(info(env, registry)["dataDate"] == before["dataDate"] == "2021-07-14",
          "the data date moved")
    complete = env.path(DIFF_2025_NAME)
    shutil.copyfile(os.path.join(env.data, DIFF_2025), complete)
    code, _, err = env.run("registry", "update", registry, complete)
    check(code == 0, f"the complete file after the cut one: exit {code}: {err}")
    check("2404 rows applied" in err, f"not every row applied: {err}")
    check(info(env, registry)["dataDate"] == "2025-03-11", "the data date did not move")


def case_accept_rejects_applies_the_rest_and_keeps_the_data_date(env):
    registry = built_2021(env)
    os.mkdir(env.path("download"))
    cut = cut_in_the_middle_of_a_row(os.path.join(env.data, DIFF_2025),
                                     env.path("download", DIFF_2025_NAME))
    code, _, err = env.run("registry", "update", registry, cut, "--accept-rejects")
    check(code == 1, f"--accept-rejects of a cut diff: exit {code}, expected 1: {err}")
    after = info(env, registry)
    check(after["dataDate"] == "2021-07-14", f"the data date moved with a cut file: {after}")
    # Registry info says the registry holds a diff in part, naming it, until the whole
    # file of the same name applies (issue #59 part 4).
    completeness = after["completeness"]
    check(completeness["state"] == "incomplete" and completeness["accepted"] and
          len(completeness["missing"]) == 1 and
          completeness["missing"][0].startswith(f"法人番号 diff {DIFF_2025_NAME}: applied in part "
                                                "with --accept-rejects (") and
          "apply the whole day's file" in completeness["missing"][0],
          f"registry info after a diff applied in part: {completeness}")
    code, out, _ = env.run("registry", "info", registry)
    check(code == 0 and "source set: incomplete (accepted):" in out and DIFF_2025_NAME in out,
          f"registry info's text: {out[-600:]}")
    complete = env.path(DIFF_2025_NAME)
    shutil.copyfile(os.path.join(env.data, DIFF_2025), complete)
    code, _, err = env.run("registry", "update", registry, complete)
    check(code == 0, f"the complete file was refused after a partial one: exit {code}: {err}")
    after = info(env, registry)
    check(after["dataDate"] == "2025-03-11", "the data date did not move")
    check(after["completeness"]["state"] == "complete" and not after["completeness"]["missing"],
          f"still incomplete after the whole file: {after['completeness']}")


def case_a_rejected_row_in_the_middle_applies_nothing(env):
    registry = built_2021(env)
    before_bytes = read_bytes(registry)
    lines = read_bytes(os.path.join(env.data, DIFF_2025)).split(b"\n")
    fields = lines[1000].split(b",")
    number = fields[1]
    fields[1] = number[:-1] + str((int(number[-1:]) + 1) % 10).encode()  # a wrong check digit
    lines[1000] = b",".join(fields)
    bad = env.path(DIFF_2025_NAME)
    with open(bad, "wb") as f:
        f.write(b"\n".join(lines))
    code, _, err = env.run("registry", "update", registry, bad)
    check(code == 2, f"a diff with a rejected row: exit {code}, expected 2: {err}")
    check("line 1001" in err, f"the rejected line is not named: {err}")
    check(read_bytes(registry) == before_bytes, "the registry file changed")


def case_interrupted_update_readers_say_what_to_run_or_roll_it_back(env):
    registry = built_2021(env)
    number, name = first_number_and_name(registry)
    journal = kill_mid_update(registry)
    os.chmod(registry, 0o444)  # a reader that may not write it (even as root)
    code, out, err = env.run("lookup", "corporation", number, "--registry", registry)
    check(code == 2, f"lookup on an interrupted update: exit {code}: {out}{err}")
    check("not a gifkit registry" not in err, f"says the registry is destroyed: {err}")
    check("interrupted" in err and "gifkit registry verify" in err, f"message: {err}")
    code, _, err = env.run("registry", "info", registry)
    check(code == 2 and "interrupted" in err, f"info: exit {code}: {err}")
    try:
        server = Server(env.gifkit, registry)
        server.stop()
        raise Failure("serve started on a registry it cannot read")
    except RuntimeError as refused:
        check("interrupted" in str(refused) and "not a gifkit registry" not in str(refused),
              f"serve: {refused}")
    check(os.path.exists(journal), "the journal was removed by a reader that may not write")
    os.chmod(registry, 0o644)
    code, out, err = env.run("registry", "verify", registry)
    check(code == 0, f"verify after the interrupted update: exit {code}: {out}{err}")
    check("interrupted update was rolled back" in err, f"verify did not say so: {err}")
    check(not os.path.exists(journal), "the journal is still there")
    code, out, err = env.run("lookup", "corporation", number, "--registry", registry)
    check(code == 0 and name in out and "KILLED" not in out, f"after the rollback: {out}{err}")


def case_a_killed_registry_update_is_rolled_back_by_the_next_reader(env):
    registry = built_2021(env)
    number, name = first_number_and_name(registry)
    before = info(env, registry)
    diff = generated_diff(env, 100000, "diff_20250401.csv")
    journal = registry + "-journal"
    untouched = (os.stat(registry).st_size, os.stat(registry).st_mtime_ns)
    update = subprocess.Popen([env.gifkit, "registry", "update", registry, diff],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Killed once the update has written into the file (its size or time changed: the
    # journal was synced before), not at a fixed time after the journal appears: a slower
    # binary (the sanitizer build) may not have got that far, and a journal whose pages
    # never reached the file is nothing to roll back.
    deadline = time.monotonic() + 60

    def file_written():
        stat = os.stat(registry)
        return os.path.exists(journal) and (stat.st_size, stat.st_mtime_ns) != untouched

    while not file_written() and update.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    check(update.poll() is None, f"the update ended (exit {update.returncode}) before the kill")
    os.kill(update.pid, signal.SIGKILL)
    update.wait(timeout=10)
    check(os.path.exists(journal), "the killed update left no journal")
    code, out, err = env.run("registry", "info", registry, "--format", "json")
    check(code == 0, f"info after a killed update: exit {code}: {err}")
    check("interrupted update was rolled back" in err, f"info did not say so: {err}")
    after = json.loads(out)
    check(after["dataDate"] == before["dataDate"], "the data date moved")
    check(after["sources"] == before["sources"] and after["tables"] == before["tables"],
          f"the sources or the tables changed: {after}")
    code, out, err = env.run("registry", "verify", registry)
    check(code == 0, f"verify: exit {code}: {out}{err}")
    code, out, err = env.run("lookup", "corporation", number, "--registry", registry)
    check(code == 0 and name in out, f"lookup after the rollback: {out}{err}")
    code, _, err = env.run("registry", "update", registry, diff)
    check(code == 0, f"the update run again: exit {code}: {err}")
    check(info(env, registry)["dataDate"] == "2025-04-01", "the update run again did not apply")


def case_a_reader_that_may_write_rolls_the_interrupted_update_back(env):
    registry = built_2021(env)
    number, name = first_number_and_name(registry)
    journal = kill_mid_update(registry)
    code, out, err = env.run("lookup", "corporation", number, "--registry", registry,
                             "--format", "json")
    check(code == 0, f"lookup: exit {code}: {err}")
    check(name in out and "KILLED" not in out, f"the answer is not the committed state: {out}")
    check(not os.path.exists(journal), "the journal is still there")
    with Server(env.gifkit, registry) as server:
        answer = server.get_json(f"/v1/corporations/{number}")
        check(answer.get("name") == name, f"serve: {answer}")



def write_lines(path, lines):
    with open(path, "wb") as f:
        f.write(b"".join(lines))
    return path


def case_a_diff_cut_at_a_line_end_inside_a_history_applies_nothing(env):
    # The real day's rows of one corporation end with its latest one (latest=1): a file
    # whose last line has latest=0 was cut at a line end, inside that corporation's rows.
    registry = built_2021(env)
    before_bytes = read_bytes(registry)
    lines = read_bytes(os.path.join(env.data, DIFF_2025)).splitlines(keepends=True)
    inside = [i for i, line in enumerate(lines) if line.split(b",")[23] == b"0"]
    check(len(inside) > 100, f"the real diff has {len(inside)} latest=0 rows")
    at = inside[len(inside) // 2]
    number = lines[at].split(b",")[1].decode()
    os.mkdir(env.path("download"))
    cut = write_lines(env.path("download", DIFF_2025_NAME), lines[:at + 1])
    code, _, err = env.run("registry", "update", registry, cut)
    check(code == 2, f"a diff cut at a line end inside a history: exit {code}, expected 2: {err}")
    check(f"it ends inside the history of corporation {number}: its last record (line "
          f"{at + 1}) has latest=0" in err, f"message: {err}")
    check(read_bytes(registry) == before_bytes, "the registry file changed")
    complete = env.path(DIFF_2025_NAME)
    shutil.copyfile(os.path.join(env.data, DIFF_2025), complete)
    code, _, err = env.run("registry", "update", registry, complete)
    check(code == 0 and "2404 rows applied" in err, f"the complete file: exit {code}: {err}")
    check(info(env, registry)["dataDate"] == "2025-03-11", "the data date did not move")


def case_a_diff_with_rows_missing_applies_nothing(env):
    # sequenceNumber runs 1, 2, 3, … in each of the NTA's files: a gap means rows were lost.
    registry = built_2021(env)
    before_bytes = read_bytes(registry)
    lines = read_bytes(os.path.join(env.data, DIFF_2025)).splitlines(keepends=True)
    gap = write_lines(env.path(DIFF_2025_NAME), lines[:700] + lines[705:])
    code, _, err = env.run("registry", "update", registry, gap)
    check(code == 2, f"a diff with 5 rows missing: exit {code}, expected 2: {err}")
    check("record 701 (line 701) holds 706" in err and "rows are missing" in err,
          f"message: {err}")
    check(read_bytes(registry) == before_bytes, "the registry file changed")
    tail = write_lines(env.path("diff_20250311_tail.csv"), lines[1:])  # the first line lost
    code, _, err = env.run("registry", "update", registry, tail)
    check(code == 2 and "record 1 (line 1) holds 2" in err, f"its head lost: exit {code}: {err}")


def case_an_excerpt_of_many_days_is_not_a_day(env):
    # The real edge-case extract (rows picked from the diffs of 2021-2026) is not a day's
    # file: refused as one; --accept-rejects applies its rows without moving the data date.
    registry = built_2021(env)
    before_bytes = read_bytes(registry)
    extract = os.path.join(env.data, EXTRACT_2026)
    code, _, err = env.run("registry", "update", registry, extract)
    check(code == 2 and "not applied: its records are not numbered 1, 2, 3" in err,
          f"the extract applied as a day: exit {code}: {err}")
    check(read_bytes(registry) == before_bytes, "the registry file changed")
    code, _, err = env.run("registry", "update", registry, extract, "--accept-rejects")
    check(code == 1, f"--accept-rejects: exit {code}, expected 1: {err}")
    check("data date none (not applied as a day), 432 rows applied" in err,
          f"the extract's rows: {err}")
    check("applied with --accept-rejects, not as a day: the data date stays" in err,
          f"the warning: {err}")
    check(info(env, registry)["dataDate"] == "2021-07-14", "the data date moved to the extract's")

if __name__ == "__main__":
    sys.exit(main(cases_of(globals()), make_env=Env, needs="houjin/samples",
                  prefix="gifkit-e2e-29-"))
