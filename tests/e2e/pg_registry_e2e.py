#!/usr/bin/env python3
"""pg_registry_e2e.py — the registry on PostgreSQL end to end (28.x, issue #14):
the real binary, a real PostgreSQL server and a streaming-replication standby of
it (pg_server.py, started by the fixture stage as an unprivileged user on
127.0.0.1), and a registry built from ../shared/data (法人番号 2021 + 2025, the
four ABR areas, the character tables) pushed to the server with
`gifkit registry push`.

  - every read command answers byte for byte the same from the SQLite file,
    from the primary and from the standby: lookup corporation by number and by
    name (1-, 2- and longer queries, filters), lookup address, lookup char,
    address normalize (500 real school addresses) and reverse, registry changes,
    registry info (but its name), validate --registry, and `diff --registries`
    of the file against the server says no change;
  - `registry push --packed`: the 地番 and 住居表示 tables views that unpack
    their packings on the server; every read command and every row of those
    views as from the file and the plain push, info and diff agree, less held;
    a packing cut short: exit 2 naming the server and what is wrong;
  - registry verify on the server; push of a second build, the pointer switched,
    the previous schema kept, rollback and back again, the one before dropped;
  - bad input: a wrong password, nothing listening, a service that is not
    defined, a push to the standby, a schema name already taken, a push while
    another holds the write lock, a load that fails half way (the serving schema
    untouched, nothing left behind), a schema of another registry version, a
    file that is not a registry: exit 2, a message naming the server without
    its password;
  - registry update on the server (in a database of its own): the real 2025
    diff, a newer diff of a few rows (the name index's added segment) and an
    older one out of order, each applied to the server and to a copy of the
    file: every read command answers alike, from the primary and the standby;
    refused on the standby, while the write lock is held, twice, and failing
    half way (a bad second file, the connection cut while it waits): the
    registry unchanged; services on the primary and the standby answering
    through an update, every answer the old or the new state.

  pg_registry_e2e.py --gifkit PATH --data SHARED --work DIR --stage start|stop
  pg_registry_e2e.py --gifkit PATH --data SHARED --work DIR --case NAME
  pg_registry_e2e.py --list
Exit 0 pass, 1 fail, 77 skipped (no shared data, or no PostgreSQL here).
"""
import concurrent.futures
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

ROOM = "db"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from case_runner import CaseList, Failure, Skipped, check, run_binary, run_script  # noqa: E402
import pg_server  # noqa: E402
from serve_support import Server, build_registry, wait_until  # noqa: E402

ARGS = None
CASES = CaseList()
case = CASES.case
# pg_try_advisory_xact_lock's key of push, update and rollback ("GIFKPUSH").
WRITE_LOCK_KEY = 0x474946_4B_5055_5348


def state():
    with open(os.path.join(ARGS.work, "state.json"), encoding="utf-8") as f:
        return json.load(f)


def servers():
    with open(os.path.join(ARGS.work, "pg.json"), encoding="utf-8") as f:
        return json.load(f)


def run(*args, stdin=None):
    return run_binary([ARGS.gifkit, *args], stdin=stdin, timeout=600)


def psql(server, sql):
    """sql run on server (a pg.json entry) as the role gifkit; its rows."""
    env = dict(os.environ, PGPASSWORD=server["password"])
    proc = subprocess.run(
        [os.path.join(servers()["bindir"], "psql"), "-X", "-A", "-t", "-w", "-v",
         "ON_ERROR_STOP=1", "-h", server["host"], "-p", str(server["port"]), "-U",
         server["user"], "-d", server["dbname"], "-c", sql],
        capture_output=True, timeout=60, env=env)
    if proc.returncode != 0:
        raise Failure(f"psql failed: {proc.stderr.decode()}")
    return proc.stdout.decode().splitlines()


def pointer(server):
    rows = psql(server, "SELECT current_schema_name, coalesce(previous_schema_name, '') "
                        "FROM gifkit.registry_pointer")
    return tuple(rows[0].split("|")) if rows else None


def without_password(text, server):
    return server["password"] not in text


# -- the fixture stages


def start():
    if not os.path.isdir(os.path.join(ARGS.data, "houjin")):
        raise Skipped("no shared data")
    status = pg_server.start_stage(ARGS.work, standby=True)
    if status != 0:
        return status
    primary = servers()["primary"]
    registry = build_registry(ARGS.gifkit, ARGS.data, os.path.join(ARGS.work, "registry.db"))
    older = os.path.join(ARGS.work, "houjin-2021.db")
    if not os.path.exists(older):
        subprocess.run([ARGS.gifkit, "registry", "build", "--out", older,
                        os.path.join(ARGS.data, "houjin/samples/"
                                     "code4fukui_gBizINFO_diff_20210714_utf8.csv")],
                       check=True, capture_output=True, timeout=600)
    status, _, err = run("registry", "push", registry, primary["dsn"], "--schema", "registry_a")
    if status != 0:
        print(f"push failed: {err}")
        pg_server.stop_stage(ARGS.work)
        return 1
    # The push left dead catalogue rows (pg_class, pg_statistic …): vacuumed now, not by
    # autovacuum while a case reads the standby, whose replay of that cleanup would cancel
    # a long read there (max_standby_streaming_delay is 1 s here). Then the standby has
    # the pushed registry, and nothing more to replay, before any case reads it.
    admin_on(servers()["primary"], "VACUUM")
    wait_for_standby()
    with open(os.path.join(ARGS.work, "state.json"), "w", encoding="utf-8") as f:
        json.dump({"registry": registry, "older": older}, f)
    return 0


def wait_for_standby():
    document = servers()
    position = psql(document["primary"], "SELECT pg_current_wal_lsn()")[0]
    for _ in range(300):
        replayed = psql(document["standby"],
                        f"SELECT pg_last_wal_replay_lsn() >= '{position}'::pg_lsn")[0]
        if replayed == "t":
            return
        subprocess.run(["sleep", "0.1"])
    raise Failure(f"the standby did not replay {position} in 30 s")


def stop():
    try:
        os.remove(os.path.join(ARGS.work, "state.json"))
    except FileNotFoundError:
        pass
    return pg_server.stop_stage(ARGS.work)


# -- the same answers from every backend


def read_commands(registry_db):
    """The read commands the cases compare, each a list of arguments with
    REGISTRY where the registry goes."""
    db = sqlite3.connect(registry_db)
    numbers = [str(n) for (n,) in db.execute(
        "SELECT corporate_number FROM corporation ORDER BY corporate_number")]
    random.Random(28).shuffle(numbers)
    towns = db.execute("SELECT lg_code, machiaza_id FROM abr_town ORDER BY lg_code, "
                       "machiaza_id LIMIT 5").fetchall()
    db.close()
    commands = [["lookup", "corporation", n, "--registry", "REGISTRY", "-f", "json"]
                for n in numbers[:25]]
    commands.append(["lookup", "corporation", "0000000000000", "--registry", "REGISTRY"])
    for query in (["--name", "東"], ["--name", "東京"], ["--name", "山田"], ["--name", "建設"],
                  ["--name", "ソフト", "--pref", "東京都"], ["--furigana", "やま"],
                  ["--name", "商事", "--open-only", "--limit", "100"],
                  ["--en-name", "Co"], ["--name", "会", "--kind", "301", "--limit", "200"]):
        commands.append(["lookup", "corporation", *query, "--registry", "REGISTRY", "-f",
                         "json"])
    for lg_code, machiaza_id in towns:
        commands.append(["lookup", "address", "--registry", "REGISTRY", "--lg-code", lg_code,
                         "--machiaza-id", machiaza_id, "-f", "json"])
    commands += [
        ["lookup", "address", "--registry", "REGISTRY", "--lg-code", "131059"],
        ["lookup", "address", "--registry", "REGISTRY", "--town", "本", "--city", "文京区"],
        ["lookup", "address", "--registry", "REGISTRY", "--town", "わか", "--pref", "和歌山県"],
        ["lookup", "char", "--registry", "REGISTRY", "髙", "U+908A", "MJ028902", "1-94-20",
         "-f", "json"],
        ["address", "reverse", "--registry", "REGISTRY", "35.7101", "139.7576", "--limit", "20",
         "-f", "json"],
        ["address", "reverse", "--registry", "REGISTRY", "34.2305", "135.1708", "--radius",
         "3000", "--limit", "50"],
        ["address", "reverse", "--registry", "REGISTRY", "30.3470", "130.5282"],
        ["registry", "changes", "REGISTRY", "--since", "2021-01-01", "-f", "json"],
        ["registry", "changes", "REGISTRY", "--since", "2025-01-01", "--by", "change",
         "--kind", "merged,moved", "-f", "csv"],
        ["registry", "verify", "REGISTRY"],
    ]
    return commands


def school_addresses(count=500):
    path = os.path.join(ARGS.data, "addresses", "schools-input.txt")
    with open(path, encoding="utf-8") as f:
        lines = [line.strip() for line in f if line.strip() and not line.startswith("//")]
    wanted = [a for a in lines if a.startswith(("東京都文京区", "和歌山県"))]
    random.Random(14).shuffle(wanted)
    return "\n".join(wanted[:count]) + "\n"


def same_answers(registry_of, file=None, commands=None):
    """Runs every read command (read_commands of the file, or commands) on the
    file (state's registry by default) and on registry_of (a DSN): the same
    exit code, stdout and stderr (the registry's name aside). Without
    commands, also address normalize of 500 school addresses."""
    file = file or state()["registry"]
    compared = 0
    commands_run = commands or read_commands(file)

    def answer(command, registry):
        args = [registry if a == "REGISTRY" else a for a in command]
        status, out, err = run(*args)
        return status, out.replace(registry, "REGISTRY"), err.replace(registry, "REGISTRY")

    # Read-only commands, each a process of its own: four at a time (their time is
    # mostly the server's round trips).
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        every_answer = list(pool.map(lambda pair: answer(*pair),
                                     [(c, r) for c in commands_run for r in (file, registry_of)]))
    for index, command in enumerate(commands_run):
        answers = every_answer[2 * index:2 * index + 2]
        redacted = pg_server_redacted(registry_of)
        got = (answers[1][0], answers[1][1].replace(redacted, "REGISTRY"),
               answers[1][2].replace(redacted, "REGISTRY"))
        check(answers[0] == got,
              f"{' '.join(command)}: the file and the server answer differently:\n"
              f"file: {answers[0]!r:.600}\nserver: {got!r:.600}")
        compared += 1
    if commands:
        return compared
    addresses = school_addresses()
    outputs = [run("address", "normalize", "--registry", registry, "-i", "-", "-f", "ndjson",
                   stdin=addresses.encode()) for registry in (file, registry_of)]
    check(outputs[0][0] == 0 and outputs[0][1].count("\n") == addresses.count("\n"),
          f"normalize on the file: {outputs[0][0]} {outputs[0][2]:.300}")
    check(outputs[0][:2] == outputs[1][:2], "address normalize: the file and the server differ")
    return compared


def pg_server_redacted(dsn):
    """dsn as gifkit names it in messages: without the password."""
    scheme, rest = dsn.split("://", 1)
    user_password, host = rest.split("@", 1)
    return f"{scheme}://{user_password.split(':', 1)[0]}@{host}"


@case("primary-answers-as-the-file")
def case_primary_answers():
    compared = same_answers(servers()["primary"]["dsn"])
    check(compared > 40, f"only {compared} commands compared")


@case("standby-answers-as-the-file")
def case_standby_answers():
    same_answers(servers()["standby"]["dsn"])


@case("info-and-diff-agree")
def case_info_and_diff():
    file = state()["registry"]
    primary = servers()["primary"]
    status, out_file, _ = run("registry", "info", file, "-f", "json")
    check(status == 0, "info on the file")
    status, out_pg, err = run("registry", "info", primary["dsn"], "-f", "json")
    check(status == 0, f"info on the server: {err}")
    a, b = json.loads(out_file), json.loads(out_pg)
    check(without_password(out_pg, primary), "info prints the password")
    for info in (a, b):
        info.pop("registry", None)
        info.pop("path", None)
        info.pop("name", None)
    check(a == b, f"registry info differs apart from the name:\n{a}\n{b}")
    status, out, err = run("diff", "--registries", file, primary["dsn"])
    check(status == 0, f"diff --registries file server: exit {status}: {out}{err}")
    check("corporations: no change" in out and "abr: no change" in out and
          "characters: no change" in out, f"diff --registries: {out}")
    check(without_password(out + err, primary), "diff --registries prints the password")


@case("validate-with-the-registry")
def case_validate():
    primary = servers()["primary"]
    file = state()["registry"]
    db = sqlite3.connect(file)
    rows = db.execute("SELECT corporate_number, name FROM corporation ORDER BY corporate_number "
                      "LIMIT 30").fetchall()
    db.close()
    dataset = os.path.join(ARGS.work, "suppliers.csv")
    with open(dataset, "w", encoding="utf-8") as f:
        f.write("法人番号,名称\n")
        for i, (number, name) in enumerate(rows):
            f.write(f"{number},{name if i % 3 else name + '商店'}\n")
        f.write("1234567890123,存在しない\n")
    answers = []
    for registry in (file, primary["dsn"]):
        status, out, err = run("validate", dataset, "-m", "gif:LegalEntity", "--registry",
                               registry, "-f", "json")
        out = out.replace(os.path.basename(file), "REGISTRY").replace(
            pg_server_redacted(primary["dsn"]), "REGISTRY")
        report = json.loads(out) if out.strip() else {"stderr": err}
        for part in [report] + report.get("tasks", []):
            part.get("stats", {}).pop("seconds", None)  # the only thing that may differ
        answers.append((status, report))
    check(answers[0][0] == 1, f"validate on the file: exit {answers[0][0]}")
    check(answers[0] == answers[1], "validate --registry: the file and the server differ:\n"
          f"{json.dumps(answers[0], ensure_ascii=False)[:1500]}\n"
          f"{json.dumps(answers[1], ensure_ascii=False)[:1500]}")


@case("push-rollback-and-back")
def case_push_rollback():
    document = servers()
    primary = document["primary"]
    older = state()["older"]
    before = pointer(primary)
    check(before is not None and before[0] == "registry_a", f"pointer before: {before}")
    status, _, err = run("registry", "push", older, primary["dsn"], "--schema", "registry_b")
    check(status == 0, f"push of the 2021 build: {err}")
    check("pushed as schema registry_b" in err and "previous registry_a kept" in err, err)
    check(without_password(err, primary), "push prints the password")
    check(pointer(primary) == ("registry_b", "registry_a"), f"pointer: {pointer(primary)}")
    status, out, _ = run("registry", "info", primary["dsn"])
    check(status == 0 and "corporation 2396" in out.replace("  ", " "),
          f"info after the push: {out}")
    status, _, err = run("registry", "rollback", primary["dsn"])
    check(status == 0 and "back to schema registry_a" in err, f"rollback: {err}")
    check(pointer(primary) == ("registry_a", "registry_b"), f"pointer: {pointer(primary)}")
    status, out, _ = run("registry", "info", primary["dsn"])
    check(status == 0 and "corporation 4573" in out.replace("  ", " "),
          f"info after the rollback: {out}")
    # A third push drops the schema before the previous one.
    status, _, err = run("registry", "push", state()["registry"], primary["dsn"], "--schema",
                         "registry_c")
    check(status == 0 and "registry_b dropped" in err, f"third push: {err}")
    check(pointer(primary) == ("registry_c", "registry_a"), f"pointer: {pointer(primary)}")
    schemas = psql(primary, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'registry_%' "
                            "ORDER BY 1")
    check(schemas == ["registry_a", "registry_c"], f"schemas: {schemas}")
    status, _, err = run("registry", "rollback", primary["dsn"])
    check(status == 0, f"rollback to registry_a: {err}")
    check(pointer(primary) == ("registry_a", "registry_c"), f"pointer: {pointer(primary)}")


@case("bad-servers")
def case_bad_servers():
    primary = servers()["primary"]
    # A wrong password (PGPASSWORD comes before the password file).
    proc = subprocess.run([ARGS.gifkit, "lookup", "corporation", "1011402006260", "--registry",
                           primary["dsn"]], capture_output=True, timeout=600,
                          env=dict(os.environ, PGPASSWORD="not-the-password"))
    status, err = proc.returncode, proc.stderr.decode()
    check(status == 2 and "password authentication failed" in err, f"{status} {err}")
    check("not-the-password" not in err, "the wrong password is printed")
    # A password in the location: refused before anything is tried, for every
    # command that takes a location, and never printed.
    scheme, rest = primary["dsn"].split("://", 1)
    with_password = f"{scheme}://gifkit:{primary['password']}@{rest.split('@', 1)[1]}"
    for location in (with_password, primary["dsn"] + "?password=" + primary["password"],
                     primary["dsn"] + "?sslmode=disable&%70assword=" + primary["password"]):
        for args in (["lookup", "corporation", "1011402006260", "--registry", location],
                     ["registry", "info", location],
                     ["registry", "push", state()["registry"], location],
                     ["serve", "--registry", location, "--port", "0"]):
            status, out, err = run(*args)
            check(status == 2 and "a password in a registry location is refused" in err and
                  "PGPASSWORD" in err and "PGPASSFILE" in err and "pg:SERVICE" in err,
                  f"{args[:2]}: {status} {err}")
            check(primary["password"] not in out + err, f"{args[:2]}: the password is printed")
    port = pg_server.free_port()
    status, _, err = run("lookup", "corporation", "1011402006260", "--registry",
                         f"postgresql://gifkit@127.0.0.1:{port}/gifkit")
    check(status == 2 and "cannot connect" in err and str(port) in err, f"{status} {err}")
    status, _, err = run("registry", "info", "pg:no-such-service")
    check(status == 2 and "no-such-service" in err, f"{status} {err}")
    status, _, err = run("registry", "push", state()["registry"], servers()["standby"]["dsn"])
    check(status == 2 and "read-only standby" in err, f"push to the standby: {status} {err}")
    status, _, err = run("registry", "push", state()["registry"], primary["dsn"], "--schema",
                         "registry_a")
    check(status == 2 and "already there" in err, f"schema taken: {status} {err}")
    status, _, err = run("registry", "push", os.path.join(REPO, "README.md"), primary["dsn"])
    check(status == 2 and "README.md" in err, f"not a registry: {status} {err}")
    # An empty database: no registry pushed to it.
    psql(primary, "SELECT 1")
    status, _, err = run("lookup", "corporation", "1011402006260", "--registry",
                         primary["dsn"].rsplit("/", 1)[0] + "/postgres")
    check(status == 2 and ("not a gifkit registry" in err or "permission" in err),
          f"no registry: {status} {err}")


@case("push-while-locked")
def case_push_while_locked():
    primary = servers()["primary"]
    holder = hold_write_lock(primary)
    try:
        before = pointer(primary)
        status, _, err = run("registry", "push", state()["registry"], primary["dsn"],
                             "--schema", "registry_locked")
        check(status == 2 and "another gifkit registry push" in err, f"{status} {err}")
        status, _, err = run("registry", "rollback", primary["dsn"])
        check(status == 2 and "another gifkit registry push" in err, f"rollback: {status} {err}")
        check(pointer(primary) == before, "the pointer moved while locked")
    finally:
        release(holder)
    missing = psql(primary, "SELECT count(*) FROM pg_namespace WHERE nspname = 'registry_locked'")
    check(missing == ["0"], "a refused push left its schema")


@case("failed-load-changes-nothing")
def case_failed_load():
    primary = servers()["primary"]
    # COPY fails after the tables before moji_mj were loaded.
    broken = broken_copy("broken.db")
    before = pointer(primary)
    status, _, err = run("registry", "push", broken, primary["dsn"], "--schema", "registry_broken")
    check(status == 2 and ("moji_mj" in err or "many" in err), f"{status} {err}")
    check(pointer(primary) == before, f"the pointer moved: {pointer(primary)}")
    left = psql(primary, "SELECT count(*) FROM pg_namespace WHERE nspname = 'registry_broken'")
    check(left == ["0"], "the failed load left its schema")
    status, out, _ = run("lookup", "corporation", "1011402006260", "--registry", primary["dsn"])
    check(status in (0, 1), f"the serving registry after a failed push: {status} {out}")


@case("server-gone-mid-push-changes-nothing")
def case_server_gone_mid_push():
    """The server goes away (killed: no shutdown) while a push's COPY runs:
    the push exits 2 naming the server (not its password), and once the
    server is back (recovered from its WAL) the registry served before is
    still served, its pointer unchanged, and the new schema is not there."""
    with pg_server.PgServer() as own:
        server = own.info()
        status, _, err = run("registry", "push", state()["older"], own.dsn)
        check(status == 0, f"the first push: {err}")
        before = pointer(server)
        number = sample_numbers(4)[0]  # one in both builds
        answer = run("lookup", "corporation", number, "--registry", own.dsn)
        push = subprocess.Popen([ARGS.gifkit, "registry", "push", state()["registry"], own.dsn,
                                 "--schema", "registry_gone"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            copying = wait_until(lambda: push.poll() is not None or psql(
                server, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY %'")
                == ["1"], timeout=60, step=0.005)
            check(copying and push.poll() is None, "the push ended before its COPY was seen")
            own.kill()
            out, err = push.communicate(timeout=60)
        finally:
            if push.poll() is None:
                push.kill()
                push.wait()
        err = err.decode("utf-8", "replace")
        check(push.returncode == 2, f"exit {push.returncode}: {err}")
        check(f"127.0.0.1:{own.port}" in err, f"the server unnamed: {err}")
        check(own.password not in err + out.decode("utf-8", "replace"), "the password is shown")
        own.start()
        check(pointer(server) == before, f"the pointer moved: {pointer(server)} (was {before})")
        left = psql(server, "SELECT count(*) FROM pg_namespace WHERE nspname = 'registry_gone'")
        check(left == ["0"], "the killed push left its schema")
        check(run("lookup", "corporation", number, "--registry", own.dsn) == answer,
              "the registry served before answers otherwise after the server came back")
        print(f"killed during COPY; exit 2: {err.strip()[:160]}")


@case("other-schema-version")
def case_other_schema_version():
    primary = servers()["primary"]
    status, _, err = run("registry", "push", state()["older"], primary["dsn"], "--schema",
                         "registry_old_version")
    check(status == 0, f"push: {err}")
    try:
        psql(primary, "UPDATE registry_old_version.meta SET value = '1' "
                      "WHERE key = 'schema_version'")
        status, _, err = run("lookup", "corporation", "1011402006260", "--registry",
                             primary["dsn"])
        check(status == 2 and "schema version '1'" in err, f"{status} {err}")
    finally:
        status, _, err = run("registry", "rollback", primary["dsn"])
        check(status == 0, f"rollback: {err}")


# -- name search on a larger registry

SCALE_ROWS = 100000
SCALE_DATABASE = "gifkit_scale"


@case("a-larger-registry-answers-as-the-file")
def case_larger_registry():
    """100,000 corporations (bench/gen_houjin_csv.py: real names recombined,
    a fixed seed) pushed to a database of their own: searches long enough
    to intersect many posting lists (past the point where the lists are
    ordered by size) answer as from the file, and so do the reads of many
    rows, which a server gives through a cursor in batches of 10,000 (diff
    --registry walks both tables whole, registry changes the history)."""
    csv_path = os.path.join(ARGS.work, f"houjin-{SCALE_ROWS}.csv")
    file = os.path.join(ARGS.work, f"houjin-{SCALE_ROWS}.db")
    if not os.path.exists(file):
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "gen_houjin_csv.py"),
                        str(SCALE_ROWS), csv_path, "--data", ARGS.data],
                       check=True, capture_output=True, timeout=600)
        subprocess.run([ARGS.gifkit, "registry", "build", "--out", file, csv_path],
                       check=True, capture_output=True, timeout=600)
    server = database_of_its_own(SCALE_DATABASE)
    status, _, err = run("registry", "push", file, server["dsn"])
    check(status == 0, f"push: {err}")
    commands = []
    for field, queries in (("--name", ["デジタル", "ホールディングス", "建設工業", "エンジニアリング",
                                       "ソリューションズ", "東京都", "山", "サービス"]),
                           ("--furigana", ["トウキョウケンセツ", "ケンセツコウギョウ", "カブシキガイシャ",
                                           "やま"]),
                           ("--en-name", ["Co", "Holdings"])):
        for query in queries:
            commands.append(["lookup", "corporation", field, query, "--limit", "200",
                             "--registry", "REGISTRY", "-f", "json"])
    commands.append(["lookup", "corporation", "--name", "建設", "--open-only", "--pref",
                     "東京都", "--registry", "REGISTRY"])
    commands.append(["registry", "changes", "REGISTRY", "--since", "2000-01-01", "-f", "csv"])
    answered = same_answers(server["dsn"], file, commands)
    status, out, err = run("diff", "--registries", file, server["dsn"])
    check(status == 0 and f"corporations: no change ({SCALE_ROWS:,} records in OLD" in out,
          f"diff --registries: {status} {out}{err}")
    status, out, _ = run("lookup", "corporation", "--furigana", "トウキョウケンセツ", "--registry",
                         server["dsn"])
    check(status == 0 and out.strip(), f"トウキョウケンセツ on the server: {status} {out[:300]}")
    admin(f"DROP DATABASE IF EXISTS {SCALE_DATABASE} WITH (FORCE)")
    print(f"{answered} searches alike")


# -- the packed tables pushed packed

PACKED_DATABASE = "gifkit_packed"
PACKED_TABLES = ("abr_parcel", "abr_parcel_pos", "abr_rsdt", "abr_rsdt_pos")


def pushed_mib(err):
    """The size `registry push` says it left on the server, in MiB."""
    found = re.search(r"pushed as schema \S+ \((\d+) MiB\)", err)
    check(found, f"no size in the push's message: {err[-300:]}")
    return int(found.group(1))


@case("packed-push-answers-as-the-file")
def case_packed_push():
    """`registry push --packed` (issue #59 part 5) into a database of its
    own, after a plain push of the same file: the four packed tables are
    views that unpack on the server; every read command and the 500
    addresses answer as from the file, every row of every view equals the
    plain push's row (EXCEPT ALL both ways), registry info (its row counts
    read from the packings' heads) and diff --registries agree with the file,
    and the server holds less. A packing cut short on the server makes a
    read that needs it exit 2 naming the server and what is wrong."""
    server = database_of_its_own(PACKED_DATABASE)
    file = state()["registry"]
    status, _, err = run("registry", "push", file, server["dsn"], "--schema", "plain")
    check(status == 0, f"plain push: {err}")
    plain_mib = pushed_mib(err)
    status, _, err = run("registry", "push", file, server["dsn"], "--schema", "packed",
                         "--packed")
    check(status == 0, f"push --packed: {err}")
    for table in PACKED_TABLES:
        check(f"  {table}: a view of {table}_packed" in err, f"{table} not a view: {err}")
    packed_mib = pushed_mib(err)
    check(packed_mib * 2 < plain_mib, f"packed {packed_mib} MiB, plain {plain_mib} MiB")
    compared = same_answers(server["dsn"])
    check(compared > 40, f"only {compared} commands compared")
    for table in PACKED_TABLES:
        counts = psql(server, f"SELECT (SELECT count(*) FROM plain.{table}), "
                              f"(SELECT count(*) FROM packed.{table}), "
                              f"(SELECT count(*) FROM (SELECT * FROM plain.{table} EXCEPT ALL "
                              f"SELECT * FROM packed.{table}) d), "
                              f"(SELECT count(*) FROM (SELECT * FROM packed.{table} EXCEPT ALL "
                              f"SELECT * FROM plain.{table}) d)")[0].split("|")
        check(counts[0] == counts[1] and int(counts[0]) > 1000 and counts[2:] == ["0", "0"],
              f"{table}: plain rows, packed rows, only plain, only packed: {counts}")
    status, out_file, _ = run("registry", "info", file, "-f", "json")
    status_pg, out_pg, err = run("registry", "info", server["dsn"], "-f", "json")
    check(status == 0 and status_pg == 0, f"info: {err}")
    a, b = json.loads(out_file), json.loads(out_pg)
    for info in (a, b):
        for key in ("registry", "path", "name"):
            info.pop(key, None)
    check(a == b, f"registry info differs apart from the name:\n{a}\n{b}")
    status, out, err = run("diff", "--registries", file, server["dsn"])
    check(status == 0 and "abr: no change" in out, f"diff --registries: {status} {out}{err}")
    # Every 地番 packing loses its last byte: the reverse search of Wakayama
    # reads them.
    psql(server, "UPDATE packed.abr_parcel_packed SET \"rows\" = "
                 "substring(\"rows\" FROM 1 FOR length(\"rows\") - 1)")
    status, out, err = run("address", "reverse", "--registry", server["dsn"], "34.2305",
                           "135.1708", "--radius", "3000", "--limit", "50")
    check(status == 2 and "gifkit_unpacked_rows" in err and
          f"127.0.0.1:{server['port']}" in err and out == "",
          f"a cut packing: exit {status}: {out[:200]} {err[:300]}")
    admin(f"DROP DATABASE IF EXISTS {PACKED_DATABASE} WITH (FORCE)")
    print(f"{compared} commands alike; plain {plain_mib} MiB, packed {packed_mib} MiB")


# -- the tables copied at once

JOBS_DATABASE = "gifkit_jobs"
PUSH_IN_PROGRESS = "gifkit: a push in progress (dropped by the next push)"


def schema_tables(server, schema):
    """(name, kind) of every relation of schema on server, in name order."""
    return psql(server, f"SELECT relname || ':' || relkind::text FROM pg_class c JOIN pg_namespace n "
                        f"ON n.oid = c.relnamespace WHERE n.nspname = '{schema}' "
                        f"ORDER BY relname")


def marked_schemas(server):
    return psql(server, "SELECT nspname FROM pg_namespace WHERE "
                        f"obj_description(oid, 'pg_namespace') = '{PUSH_IN_PROGRESS}' "
                        "ORDER BY 1")


@case("push-in-parallel-is-the-same-push")
def case_push_in_parallel():
    """`registry push --jobs 3` (issue #59 part 5), into a database of its
    own beside a push with one job: the same relations (tables, indexes,
    views) and every table's rows the same (EXCEPT ALL both ways); the
    read commands answer as from the file; packed too. A push with jobs
    that fails on a table leaves the pointer and drops its schema; one
    killed while copying leaves the registry served as it was and its
    schema marked as a push in progress, which the next push drops."""
    server = database_of_its_own(JOBS_DATABASE)
    file = state()["registry"]
    status, _, err = run("registry", "push", file, server["dsn"], "--schema", "one")
    check(status == 0, f"push with one job: {err}")
    status, _, err = run("registry", "push", file, server["dsn"], "--schema", "three", "--jobs",
                         "3")
    check(status == 0, f"push --jobs 3: {err}")
    check(pointer(server) == ("three", "one"), f"the pointer: {pointer(server)}")
    check(marked_schemas(server) == [], f"a schema still marked: {marked_schemas(server)}")
    relations = schema_tables(server, "one")
    check(len(relations) > 20 and relations == schema_tables(server, "three"),
          f"relations differ:\n{relations}\n{schema_tables(server, 'three')}")
    tables = [r.split(":")[0] for r in relations if r.endswith(":r")]
    for table in tables:
        counts = psql(server, f"SELECT (SELECT count(*) FROM one.\"{table}\"), "
                              f"(SELECT count(*) FROM (SELECT * FROM one.\"{table}\" EXCEPT ALL "
                              f"SELECT * FROM three.\"{table}\") d), "
                              f"(SELECT count(*) FROM (SELECT * FROM three.\"{table}\" EXCEPT ALL "
                              f"SELECT * FROM one.\"{table}\") d)")[0].split("|")
        check(counts[1:] == ["0", "0"], f"{table}: rows, only in one, only in three: {counts}")
    # The numbering of a rowid column goes on after the rows copied, as with one job.
    identities = "SELECT table_name || '.' || column_name || ':' || identity_start FROM " \
                 "information_schema.columns WHERE table_schema = '{}' AND is_identity = 'YES' " \
                 "ORDER BY 1"
    check(psql(server, identities.format("one")) == psql(server, identities.format("three")),
          "identity columns differ")
    compared = same_answers(server["dsn"], file)
    check(compared > 40, f"only {compared} commands compared")
    status, _, err = run("registry", "push", file, server["dsn"], "--schema", "packed3",
                         "--packed", "-j", "2")
    check(status == 0 and "  abr_parcel: a view of abr_parcel_packed" in err,
          f"push --packed -j 2: {status} {err}")
    packed = same_answers(server["dsn"], file)
    # A table that cannot be copied: exit 2, the pointer and the server as they were.
    broken = broken_copy("broken-jobs.db")
    before = pointer(server)
    status, _, err = run("registry", "push", broken, server["dsn"], "--schema", "broken3",
                         "--jobs", "3")
    # The first error is the one shown, not the other tables' stops it caused.
    check(status == 2 and ("moji_mj" in err or "many" in err) and "copy stopped" not in err,
          f"{status} {err}")
    check(pointer(server) == before, f"the pointer moved: {pointer(server)}")
    check(schema_tables(server, "broken3") == [] and psql(
        server, "SELECT count(*) FROM pg_namespace WHERE nspname = 'broken3'") == ["0"],
        "the failed push left its schema")
    # Killed while copying: the registry served is untouched; the schema
    # left is marked, and the next push drops it.
    number = sample_numbers(4)[0]
    answer = run("lookup", "corporation", number, "--registry", server["dsn"])
    push = subprocess.Popen([ARGS.gifkit, "registry", "push", file, server["dsn"], "--schema",
                             "killed3", "--jobs", "3"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        copying = wait_until(lambda: push.poll() is not None or int(psql(
            server, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY %' AND "
                    f"datname = '{JOBS_DATABASE}' AND state <> 'idle'")[0]) >= 1,
            timeout=60, step=0.005)
        check(copying and push.poll() is None, "the push ended before its COPY was seen")
        push.kill()
    finally:
        push.wait()
    check(wait_until(lambda: psql(server, "SELECT count(*) FROM pg_stat_activity WHERE "
                                          f"datname = '{JOBS_DATABASE}' AND query LIKE 'COPY %'"
                                          " AND state <> 'idle'") == ["0"], timeout=30),
          "the killed push's COPYs still run")
    check(pointer(server) == before, f"the pointer moved: {pointer(server)}")
    check(marked_schemas(server) == ["killed3"], f"marked: {marked_schemas(server)}")
    check(run("lookup", "corporation", number, "--registry", server["dsn"]) == answer,
          "the registry served answers otherwise after the killed push")
    status, _, err = run("registry", "push", file, server["dsn"], "--schema", "after", "-j", "2")
    check(status == 0, f"the push after: {err}")
    check(marked_schemas(server) == [] and psql(
        server, "SELECT count(*) FROM pg_namespace WHERE nspname = 'killed3'") == ["0"],
        "the next push left the killed push's schema")
    check(pointer(server) == ("after", before[0]), f"the pointer: {pointer(server)}")
    admin(f"DROP DATABASE IF EXISTS {JOBS_DATABASE} WITH (FORCE)")
    print(f"{len(tables)} tables alike; {compared} commands alike, packed {packed}")


# -- registry update on the server

HOUJIN_2021 = "houjin/samples/code4fukui_gBizINFO_diff_20210714_utf8.csv"
HOUJIN_2025 = "houjin/samples/code4fukui_gBizINFO_diff_20250311_sjis.csv"
HOUJIN_EXTRACT = "houjin/samples/code4fukui_gBizINFO_diff_edgecase_extract_utf8.csv"
UPDATE_DATABASE = "gifkit_update"


def admin(sql):
    """sql as the superuser, on the primary's own socket (CREATE DATABASE …)."""
    return admin_on(dict(servers()["primary"], dbname="postgres"), sql)


def admin_on(server, sql):
    """sql as the superuser in server's database (a pg.json entry), on its socket."""
    proc = subprocess.run(
        [os.path.join(servers()["bindir"], "psql"), "-X", "-A", "-t", "-w", "-v",
         "ON_ERROR_STOP=1", "-h", server["socket_dir"], "-p", str(server["port"]), "-U",
         "postgres", "-d", server["dbname"], "-c", sql],
        capture_output=True, timeout=600)
    if proc.returncode != 0:
        raise Failure(f"psql as postgres failed: {proc.stderr.decode()}")
    return proc.stdout.decode().splitlines()


def in_database(server, name):
    """server (a pg.json entry) with its database replaced by name."""
    other = dict(server, dbname=name)
    other["dsn"] = server["dsn"].rsplit("/", 1)[0] + "/" + name
    return other


def database_of_its_own(name):
    """A new, empty database name on the primary (owned by gifkit; dropped
    first when a run before left it): its pg.json-like entry."""
    admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin(f"CREATE DATABASE {name} OWNER gifkit")
    return in_database(servers()["primary"], name)


def broken_copy(name):
    """A copy of the registry under the work folder whose moji_mj has an
    INTEGER column holding text (SQLite keeps it): COPY into bigint fails."""
    broken = os.path.join(ARGS.work, name)
    shutil.copyfile(state()["registry"], broken)
    db = sqlite3.connect(broken)
    db.execute("UPDATE moji_mj SET strokes = 'many' WHERE mj = (SELECT min(mj) FROM moji_mj)")
    db.commit()
    db.close()
    return broken


def fresh_update_database():
    """A new, empty database UPDATE_DATABASE on the primary (owned by gifkit)
    with the 2021 build pushed to it: (primary, standby) entries for it."""
    primary = database_of_its_own(UPDATE_DATABASE)
    document = servers()
    standby = in_database(document["standby"], UPDATE_DATABASE)
    status, _, err = run("registry", "push", state()["older"], primary["dsn"], "--schema",
                         "registry_2021")
    check(status == 0, f"push of the 2021 build: {err}")
    wait_for_standby()  # the standby has the database and the registry too
    return primary, standby


def write_diff(path, date, rows, suffix):
    """A diff file of date (YYYYMMDD in its name) from rows of the real
    edge-case extract, each a name change (process 11) published that day.
    The rows picked must end with a latest one (a whole day's file does)."""
    import csv
    with open(os.path.join(ARGS.data, HOUJIN_EXTRACT), encoding="utf-8", newline="") as f:
        records = list(csv.reader(f))
    iso = f"{date[:4]}-{date[4:6]}-{date[6:]}"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        for number, record in enumerate(records[rows[0]:rows[1]], start=1):
            record[0] = str(number)  # numbered 1, 2, 3, … as a whole day's file is
            record[2], record[3], record[4], record[5] = "11", "1", iso, iso
            record[6] += suffix
            writer.writerow(record)
    return path


def houjin_commands(file):
    """The read commands of the 法人番号 data an update changes."""
    db = sqlite3.connect(file)
    numbers = [str(n) for (n,) in db.execute(
        "SELECT corporate_number FROM corporation ORDER BY provenance_id DESC, "
        "corporate_number LIMIT 40")]
    numbers += [str(n) for (n,) in db.execute(
        "SELECT corporate_number FROM corporation ORDER BY corporate_number LIMIT 10")]
    db.close()
    commands = [["lookup", "corporation", n, "--history", "--registry", "REGISTRY", "-f",
                 "json"] for n in numbers]
    for query in (["--name", "ア", "--limit", "200"], ["--name", "東京"], ["--name", "山田"],
                  ["--name", "アップデート"], ["--name", "オールド"], ["--furigana", "かぶ"],
                  ["--name", "会", "--open-only", "--limit", "200"]):
        commands.append(["lookup", "corporation", *query, "--registry", "REGISTRY", "-f",
                         "json"])
    commands += [
        ["registry", "changes", "REGISTRY", "--since", "2000-01-01", "-f", "json"],
        ["registry", "changes", "REGISTRY", "--since", "2021-01-01", "--by", "change", "-f",
         "csv"],
        ["registry", "verify", "REGISTRY"],
    ]
    return commands


def info_without_times(registry):
    """registry info's JSON without what differs between two updates of the
    same diffs: the registry's name and each source's import time."""
    status, out, err = run("registry", "info", registry, "-f", "json")
    check(status == 0, f"registry info {registry}: {err}")
    info = json.loads(out)
    info.pop("registry", None)
    for source in info.get("sources", []):
        source.pop("importedAt", None)
    return info


def update_both(file, primary, *args):
    """`registry update` of the file and of the server with the same args:
    both exit 0 and print the same (their names aside)."""
    answers = []
    for registry in (file, primary["dsn"]):
        status, _, err = run("registry", "update", registry, *args)
        check(status == 0, f"update of {registry}: exit {status}: {err}")
        name = pg_server_redacted(registry) if registry != file else file
        err = err.replace(name, "REGISTRY")
        answers.append(re.sub(r"in [0-9.e-]+ s", "in S s", err))
    check(answers[0] == answers[1], f"update says differently:\n{answers[0]}\n{answers[1]}")
    return answers[0]


def same_after_update(file, primary, standby):
    commands = houjin_commands(file)
    compared = same_answers(primary["dsn"], file, commands)
    wait_for_standby()
    same_answers(standby["dsn"], file, commands)
    check(info_without_times(file) == info_without_times(primary["dsn"]),
          "registry info differs (times and name aside)")
    status, out, err = run("diff", "--registries", file, primary["dsn"])
    check(status == 0 and "corporations: no change" in out, f"diff --registries: {out}{err}")
    return compared


@case("update-on-the-server-answers-as-the-updated-file")
def case_update_answers_as_file():
    primary, standby = fresh_update_database()
    file = os.path.join(ARGS.work, "update-file.db")
    shutil.copyfile(state()["older"], file)
    said = update_both(file, primary, os.path.join(ARGS.data, HOUJIN_2025))
    check("data date 2021-07-14 -> 2025-03-11" in said, said)
    same_after_update(file, primary, standby)
    newer = write_diff(os.path.join(ARGS.work, "diff_20260101.csv"), "20260101", (0, 20),
                       "アップデート")
    update_both(file, primary, newer)
    segments = psql(primary, "SELECT max(segment) FROM registry_2021.corporation_search_bucket")
    check(segments == ["1"], f"the name index's added segment: {segments}")
    older = write_diff(os.path.join(ARGS.work, "diff_20240101.csv"), "20240101", (20, 40),
                       "オールド")
    update_both(file, primary, "--allow-out-of-order", older)
    compared = same_after_update(file, primary, standby)
    status, out, _ = run("lookup", "corporation", "--name", "アップデート", "--registry",
                         primary["dsn"])
    check(status == 0 and out.count("\n") >= 5, f"the renamed corporations: {out}")
    check(pointer(primary)[0] == "registry_2021", "the update switched the schema")
    print(f"{compared} commands compared after each update")


@case("update-refused-or-failed-changes-nothing")
def case_update_refused():
    primary, standby = fresh_update_database()
    diff_2025 = os.path.join(ARGS.data, HOUJIN_2025)
    before = info_without_times(primary["dsn"])
    commands = houjin_commands(state()["older"])

    def unchanged(what):
        check(info_without_times(primary["dsn"]) == before, f"{what}: the registry changed")
        same_answers(primary["dsn"], state()["older"], commands[:12])

    status, _, err = run("registry", "update", standby["dsn"], diff_2025)
    check(status == 2 and "read-only standby" in err, f"on the standby: {status} {err}")
    check(without_password(err, primary), "the password is printed")
    # A second diff that is not a 法人番号 file: the first is not kept either.
    bad = os.path.join(ARGS.work, "diff_20260301.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("not,a,diff\n")
    status, _, err = run("registry", "update", primary["dsn"], diff_2025, bad)
    check(status == 2 and "not a recognised registry source" in err, f"bad file: {status} {err}")
    unchanged("a failed update")
    # Another push, update or rollback holds the write lock.
    holder = hold_write_lock(primary)
    try:
        status, _, err = run("registry", "update", primary["dsn"], diff_2025)
        check(status == 2 and "another gifkit registry push, update" in err,
              f"while locked: {status} {err}")
    finally:
        release(holder)
    unchanged("an update refused by the lock")
    # The connection cut while the update waits for a table another session locked.
    env = dict(os.environ, PGPASSWORD=primary["password"])
    locker = subprocess.Popen(
        [os.path.join(servers()["bindir"], "psql"), "-X", "-q", "-w", "-h", primary["host"], "-p",
         str(primary["port"]), "-U", primary["user"], "-d", primary["dbname"]],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        locker.stdin.write(b"BEGIN; LOCK TABLE registry_2021.corporation IN SHARE MODE;\n"
                           b"SELECT 'held';\n")
        locker.stdin.flush()
        wait_for_line(locker, "held")
        update = subprocess.Popen([ARGS.gifkit, "registry", "update", primary["dsn"], diff_2025],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check(wait_until(lambda: psql(primary, (
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
            "wait_event_type = 'Lock'"))[0] == "1", timeout=30),
              "the update did not wait for the locked table")
        psql(primary, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                      "datname = current_database() AND wait_event_type = 'Lock'")
        _, err = update.communicate(timeout=60)
        err = err.decode("utf-8", "replace")
        # libpq tells it as the server's FATAL or as the connection closed,
        # depending on which statement was waiting.
        check(update.returncode == 2 and any(
            said in err for said in ("terminating connection", "closed the connection")),
              f"the cut update: {update.returncode} {err}")
        check(without_password(err, primary), "the cut update prints the password")
    finally:
        locker.stdin.write(b"ROLLBACK;\n")
        release(locker)
    unchanged("an update whose connection was cut")
    # Applied, then applied again: refused, as on a file.
    status, _, err = run("registry", "update", primary["dsn"], diff_2025)
    check(status == 0, f"the update: {err}")
    status, _, err = run("registry", "update", primary["dsn"], diff_2025)
    check(status == 2 and "was already applied" in err, f"twice: {status} {err}")
    # A registry pushed without 法人番号 data cannot be given them in place.
    abr_only = os.path.join(ARGS.work, "abr-only.db")
    if not os.path.exists(abr_only):
        subprocess.run([ARGS.gifkit, "registry", "build", "--out", abr_only,
                        os.path.join(ARGS.data, "abr", "bunkyo")],
                       check=True, capture_output=True, timeout=600)
    status, _, err = run("registry", "push", abr_only, primary["dsn"], "--schema", "abr_only")
    check(status == 0, f"push of the ABR-only build: {err}")
    status, _, err = run("registry", "update", primary["dsn"], diff_2025)
    check(status == 2 and "holds no 法人番号 data" in err, f"ABR-only: {status} {err}")


def wait_for_line(process, text):
    line = process.stdout.readline().decode()
    while text not in line and line:
        line = process.stdout.readline().decode()
    if text not in line:  # psql ended: its stderr says why
        raise Failure(f"psql did not print {text}: {process.stderr.read().decode()[:300]}")


def hold_write_lock(server):
    """A psql session holding gifkit's write lock on server until release()."""
    env = dict(os.environ, PGPASSWORD=server["password"])
    holder = subprocess.Popen(
        [os.path.join(servers()["bindir"], "psql"), "-X", "-q", "-w", "-h", server["host"], "-p",
         str(server["port"]), "-U", server["user"], "-d", server["dbname"]],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    holder.stdin.write(f"SELECT pg_advisory_lock({WRITE_LOCK_KEY});\nSELECT 'held';\n".encode())
    holder.stdin.flush()
    wait_for_line(holder, "held")
    return holder


def release(holder):
    holder.stdin.close()
    holder.wait(timeout=30)


# -- gifkit serve on the servers


def sample_numbers(count):
    """count corporate numbers: some in both builds (most of them changed
    between 2021 and 2025), some only in the newer one."""
    older = sqlite3.connect(state()["older"])
    newer = sqlite3.connect(state()["registry"])
    old = {n for (n,) in older.execute("SELECT corporate_number FROM corporation")}
    new = sorted(n for (n,) in newer.execute("SELECT corporate_number FROM corporation"))
    older.close()
    newer.close()
    both = [n for n in new if n in old]
    only_new = [n for n in new if n not in old]
    random.Random(2811).shuffle(both)
    random.Random(2812).shuffle(only_new)
    return [str(n) for n in both[:count * 3 // 4] + only_new[:count // 4]]


def answers_of(registry, numbers):
    """{number: (status, body)} of GET /v1/corporations/NUMBER from a serve of registry."""
    with Server(ARGS.gifkit, registry) as server:
        answers = {}
        for number in numbers:
            status, _, body = server.request("GET", f"/v1/corporations/{number}")
            answers[number] = (status, body)
        return answers


def changed_searches(numbers, old_answers, new_answers):
    """Name searches (query strings) for the new names of 5 corporations the
    change added or changed (a search's results carry the whole record)."""
    searches = []
    for number in numbers:
        (_, old_body), (new_status, new_body) = old_answers[number], new_answers[number]
        if new_status == 200 and old_body != new_body:
            name = json.loads(new_body)["name"]
            searches.append("name=" + urllib.parse.quote(name) + "&limit=50")
    check(len(searches) >= 5, f"only {len(searches)} corporations are added or changed")
    return searches[:5]


def searches_of(registry_or_server, searches):
    """[(status, body)] of GET /v1/corporations?SEARCH for each search, from a
    running Server or from a serve of a registry file started for them."""
    if isinstance(registry_or_server, str):
        with Server(ARGS.gifkit, registry_or_server) as server:
            return searches_of(server, searches)
    return [registry_or_server.request("GET", "/v1/corporations?" + search)[::2]
            for search in searches]


def served(server, key):
    status, _, body = server.request("GET", "/v1/registry")
    return json.loads(body).get(key) if status == 200 else None


def served_schema(server):
    return served(server, "registry")


def answers_through(servers_, numbers, change):
    """Four threads ask servers_ (two services) GET /v1/corporations/NUMBER
    for numbers (bounded, until change() has returned and a second passed),
    each pausing 10 ms between its requests — thousands of answers across the
    switch, without taking the CPU the push or update under test needs:
    [(service index, number, status, body)] and the requests that failed."""
    results, failures, stop = [], [], threading.Event()

    def hammer(seed):
        rng = random.Random(seed)
        for _ in range(20000):  # bounded, and stopped by the event
            if stop.is_set():
                return
            index = 0 if rng.random() < 0.5 else 1
            number = rng.choice(numbers)
            try:
                status, _, body = servers_[index].request("GET", f"/v1/corporations/{number}",
                                                          timeout=30)
            except OSError as error:
                failures.append(f"{number}: {error}")
                continue
            results.append((index, number, status, body))
            stop.wait(0.01)

    threads = [threading.Thread(target=hammer, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        change()
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    return results, failures


def old_or_new(results, failures, old_answers, new_answers):
    """Checks that no request failed and each answer is the old or the new
    state's, byte for byte, and that both were seen."""
    check(not failures, f"{len(failures)} requests failed: {failures[:3]}")
    check(len(results) > 200, f"only {len(results)} answers")
    kinds = {"old": 0, "new": 0}
    for index, number, status, body in results:
        where = ("primary", "standby")[index]
        check(status in (200, 404), f"{where}: GET {number}: status {status}: {body[:300]!r}")
        if (status, body) == new_answers[number]:
            kinds["new"] += 1
        elif (status, body) == old_answers[number]:
            kinds["old"] += 1
        else:
            raise Failure(f"{where}: GET {number}: an answer of neither state: {body[:400]!r}")
    check(kinds["old"] > 0 and kinds["new"] > 0, f"answers seen: {kinds}")
    return kinds


def numbers_that_change(old_file, new_file):
    """Numbers whose answers differ between the two files (30) and some that
    do not (10), with the answers of each file."""
    candidates = sample_numbers(400)
    new_answers = answers_of(new_file, candidates)
    old_answers = answers_of(old_file, candidates)
    differing = [n for n in candidates if new_answers[n] != old_answers[n]]
    same = [n for n in candidates if new_answers[n] == old_answers[n]]
    check(len(differing) >= 30, f"only {len(differing)} answers differ between the builds")
    return differing[:30] + same[:10], old_answers, new_answers


@case("serve-reads-primary-and-standby-through-a-push")
def case_serve_through_push():
    """Two services, one on the primary and one on the standby, answer
    lookups from four threads while a push switches the registry to the 2021
    build and a rollback switches it back: no request fails (a read the
    standby's replay cancels is retried) and every answer is, byte for byte,
    the answer of the old or of the new registry file, never a mix."""
    document = servers()
    primary, standby = document["primary"], document["standby"]
    numbers, old_answers, new_answers = numbers_that_change(state()["older"],
                                                            state()["registry"])
    before = pointer(primary)[0]
    switched = f"registry_switch_{os.getpid()}"  # a run again meets no schema of an earlier one
    with Server(ARGS.gifkit, primary["dsn"]) as on_primary, \
            Server(ARGS.gifkit, standby["dsn"]) as on_standby:
        check(served_schema(on_primary) == before and served_schema(on_standby) == before,
              f"the services serve {served_schema(on_primary)}, {served_schema(on_standby)}")

        def push_and_roll_back():
            status, _, err = run("registry", "push", state()["older"], primary["dsn"], "--schema",
                                 switched)
            check(status == 0, f"push: {err}")
            for name, server in (("primary", on_primary), ("standby", on_standby)):
                check(wait_until(lambda: served_schema(server) == switched, timeout=30),
                      f"the service on the {name} did not switch to {switched}")
            time.sleep(1)
            status, _, err = run("registry", "rollback", primary["dsn"])
            check(status == 0, f"rollback: {err}")
            for name, server in (("primary", on_primary), ("standby", on_standby)):
                check(wait_until(lambda: served_schema(server) == before, timeout=30),
                      f"the service on the {name} did not switch back to {before}")

        results, failures = answers_through((on_primary, on_standby), numbers,
                                            push_and_roll_back)
        logs = "".join(on_primary.stderr_lines) + "".join(on_standby.stderr_lines)
    kinds = old_or_new(results, failures, old_answers, new_answers)
    check(primary["password"] not in logs, "serve printed the password")
    print(f"{len(results)} answers, {kinds}")


@case("serve-reads-primary-and-standby-through-an-update")
def case_serve_through_update():
    """The same while `registry update` applies the real 2025 diff to the
    2021 build in place on the primary: no request fails, every answer is
    the 2021 build's or the updated file's, and both services tell the new
    data date when the update has committed."""
    primary, standby = fresh_update_database()
    updated = os.path.join(ARGS.work, "update-serve.db")
    shutil.copyfile(state()["older"], updated)
    status, _, err = run("registry", "update", updated, os.path.join(ARGS.data, HOUJIN_2025))
    check(status == 0, f"update of the file: {err}")
    numbers, old_answers, new_answers = numbers_that_change(state()["older"], updated)
    searches = changed_searches(numbers, old_answers, new_answers)
    search_answers = {which: searches_of(registry, searches)
                      for which, registry in (("old", state()["older"]), ("new", updated))}
    check(search_answers["old"] != search_answers["new"], "the searches do not change")
    wait_for_standby()
    with Server(ARGS.gifkit, primary["dsn"]) as on_primary, \
            Server(ARGS.gifkit, standby["dsn"]) as on_standby:
        for server in (on_primary, on_standby):
            check(served(server, "dataDate") == "2021-07-14", "the data date before")
            check(searches_of(server, searches) == search_answers["old"], "a search before")

        def update():
            status, _, err = run("registry", "update", primary["dsn"],
                                 os.path.join(ARGS.data, HOUJIN_2025))
            check(status == 0, f"update of the server: {err}")
            for name, server in (("primary", on_primary), ("standby", on_standby)):
                check(wait_until(lambda: served(server, "dataDate") == "2025-03-11", timeout=30),
                      f"the service on the {name} does not tell the new data date")

        results, failures = answers_through((on_primary, on_standby), numbers, update)
        # Name searches (many statements in one read) answer from the updated
        # registry too, on both services.
        for name, server in (("primary", on_primary), ("standby", on_standby)):
            check(searches_of(server, searches) == search_answers["new"],
                  f"a name search on the {name} after the update is not the updated file's")
    kinds = old_or_new(results, failures, old_answers, new_answers)
    print(f"{len(results)} answers, {kinds}, {len(searches)} name searches old then new")


@case("serve-answers-503-while-the-server-is-away")
def case_serve_while_away():
    """A service whose PostgreSQL server goes away answers 503
    registry-unavailable (with Retry-After, without the password) and answers
    again by itself when the server is back — lookups by number and name, and
    characters, whose MJ rows are read one character at a time on a connection
    of their own (a lost one is dropped and opened again)."""
    with pg_server.PgServer() as own:
        status, _, err = run("registry", "push", state()["registry"], own.dsn)
        check(status == 0, f"push: {err}")
        number = sample_numbers(4)[0]
        with Server(ARGS.gifkit, own.dsn) as service:
            status, _, body = service.request("GET", f"/v1/corporations/{number}")
            check(status == 200, f"before: {status} {body[:300]!r}")
            status, _, body = service.request("GET", "/v1/characters/%E9%AB%99")  # 髙
            check(status == 200 and json.loads(body)["mj"], f"髙 before: {status} {body[:300]!r}")
            own.kill()
            status, _, body = service.request("GET", "/v1/characters/%EF%A8%91")  # 﨑
            check(status == 503, f"﨑 while away: {status} {body[:300]!r}")
            status, headers, body = service.request("GET", f"/v1/corporations/{number}")
            check(status == 503, f"while away: {status} {body[:300]!r}")
            error = json.loads(body)["error"]
            check(error["code"] == "registry-unavailable", f"while away: {error}")
            check(headers.get("Retry-After") == "1", f"Retry-After: {headers}")
            check(own.password not in body.decode(), "the answer shows the password")
            status, _, body = service.request("GET", "/v1/corporations?name=" +
                                              "%E6%9D%B1%E4%BA%AC")  # 東京
            check(status == 503, f"name search while away: {status}")
            # Degraded while away (issue #56): what is in memory still answers.
            status, _, body = service.request("GET", "/healthz")
            check(status == 503 and json.loads(body)["status"] == "degraded",
                  f"healthz while away: {status} {body[:300]!r}")
            status, _, body = service.request("GET", "/v1/characters/%E9%AB%99")  # 髙, read before
            check(status == 200 and json.loads(body)["mj"], f"髙 while away: {status} {body[:300]!r}")
            own.start()
            check(wait_until(lambda: service.request(
                "GET", f"/v1/corporations/{number}")[0] == 200, timeout=20),
                  "the service did not answer again after the server came back")
            status, _, body = service.request("GET", "/v1/corporations?name=%E6%9D%B1%E4%BA%AC")
            check(status == 200, f"name search after: {status} {body[:300]!r}")
            # A character not read before: its MJ rows on a connection opened again.
            status, _, body = service.request("GET", "/v1/characters/%F0%A0%AE%B7")  # 𠮷
            check(status == 200 and json.loads(body)["mj"], f"𠮷 after: {status} {body[:300]!r}")
            status, _, body = service.request("GET", "/v1/characters/%EF%A8%91")  # 﨑 again
            check(status == 200 and json.loads(body)["mj"], f"﨑 after: {status} {body[:300]!r}")


def ready(args):
    global ARGS
    ARGS = args
    ARGS.data = os.path.abspath(ARGS.data)
    ARGS.work = os.path.abspath(ARGS.work)
    if not ARGS.stage and not os.path.exists(os.path.join(ARGS.work, "state.json")):
        raise Skipped("no PostgreSQL server (the start stage was skipped)")


def main():
    return run_script({name: lambda _args, function=function: function()
                       for name, function in CASES.items()},
                      {"start": lambda _args: start(), "stop": lambda _args: stop()}, before=ready)


if __name__ == "__main__":
    sys.exit(main())
