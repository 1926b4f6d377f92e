#!/usr/bin/env python3
"""pg_harness_e2e.py — the self-test of the PostgreSQL test harness
(pg_server.py) that the tests of the registry on PostgreSQL (issue #14) stand
on. Only psql, pg_ctl, initdb and pg_basebackup: gifkit itself is not run.

  - a primary starts; a table is created and read back through psql as the
    role gifkit with its password over TCP, on 127.0.0.1 only;
  - a wrong password, no password, another role: refused;
  - a hot standby replicates a row and refuses a write (read-only);
  - a read on the standby is cancelled by the replay of a VACUUM on the primary
    after max_standby_streaming_delay (SQLSTATE 40001), as the issue's retry
    tests need it;
  - kill (an immediate stop) and start again on the same port: the data is there;
  - stop removes the folders and closes the ports, nothing left running;
  - the CLI of the ctest fixtures: --stage start --standby writes pg.json, the
    servers outlive it; --stage stop stops them.

Each case is one function; `--list` names them, `--case NAME` runs one
(exit 0 pass, 1 fail, 77 skipped: no PostgreSQL server binaries).
"""
import json
import os
import pwd
import subprocess
import sys
import time

ROOM = "harness"  # the room these cases cover (tests/rooms.txt)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import case_runner  # noqa: E402
from case_runner import Skipped, check  # noqa: E402
import pg_server  # noqa: E402
from pg_server import HOST, PgError, PgUnavailable, port_open  # noqa: E402
from serve_support import wait_until  # noqa: E402


def server(**options):
    """A PgServer, or the case skipped when PostgreSQL cannot run here."""
    try:
        return pg_server.PgServer(**options)
    except PgUnavailable as e:
        raise Skipped(str(e)) from None


def refused(pg, message, **connection):
    """The stderr of a psql that PostgreSQL refused (a Failure if it was let in)."""
    try:
        pg.psql("SELECT 1", **connection)
    except PgError as e:
        return e.stderr
    raise case_runner.Failure(f"{message}: psql was let in")


def alive(pid):
    return pid is not None and not pg_server.is_zombie(pid)


def check_gone(servers):
    """Each server (folder, port, pid) stopped: folder removed, port closed, no process."""
    for folder, port, pid in servers:
        check(not os.path.exists(folder), f"{folder} is still there")
        check(not port_open(port), f"port {port} still answers")
        check(not alive(pid), f"postgres {pid} still runs")


def case_primary_table_over_tcp_with_password(env):
    with server() as pg:
        check(pg.host == HOST and pg.port, f"host {pg.host}, port {pg.port}")
        check(pg.dsn == f"postgresql://gifkit@127.0.0.1:{pg.port}/gifkit", pg.dsn)
        out = pg.psql("CREATE TABLE corporation (number char(13) PRIMARY KEY, name text);\n"
                      "INSERT INTO corporation VALUES ('1234567890123', '株式会社文京');\n"
                      "SELECT number, name FROM corporation;\n")
        check(out == "1234567890123|株式会社文京\n", f"read back {out!r}")
        out = pg.psql("SELECT current_user, current_database(), inet_server_addr(), "
                      "inet_server_port(), pg_encoding_to_char(encoding), datcollate "
                      "FROM pg_database WHERE datname = current_database();\n"
                      "SHOW listen_addresses;\n")
        check(out == f"gifkit|gifkit|127.0.0.1|{pg.port}|UTF8|C\n127.0.0.1\n", f"session {out!r}")
        # the dsn as a client takes it (psql's URI form; the password in the password
        # file PGPASSFILE names)
        proc = subprocess.run([os.path.join(pg.bindir, "psql"), "-X", "-w", "-A", "-t",
                               "-d", pg.dsn, "-c", "SELECT count(*) FROM corporation"],
                              capture_output=True, text=True, env=pg_server.environment(),
                              timeout=30)
        check(proc.returncode == 0 and proc.stdout == "1\n", f"psql {pg.dsn}: {proc}")
        hashed = pg.admin("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid "
                          "WHERE rolname = 'gifkit'")
        check(hashed == "t\n", f"the password is not kept as scram-sha-256: {hashed!r}")
        if os.geteuid() == 0:
            with open(f"/proc/{pg.pid}/status", encoding="utf-8") as f:
                uid = next(line.split()[1] for line in f if line.startswith("Uid:"))
            check(int(uid) == pwd.getpwnam("gifkit-pg").pw_uid,
                  f"postgres runs as uid {uid}, not gifkit-pg")


def case_wrong_password_refused(env):
    with server(password="the-right-one") as pg:
        check(pg.psql("SELECT 1") == "1\n", "the right password is refused")
        err = refused(pg, "a wrong password", password="wrong")
        check('password authentication failed for user "gifkit"' in err, err)
        err = refused(pg, "no password", password="")
        check("no password supplied" in err, err)
        err = refused(pg, "the superuser over TCP", user="postgres")
        check("no password supplied" in err or "authentication failed" in err, err)
        err = refused(pg, "an unknown role", user="somebody", password="the-right-one")
        check('password authentication failed for user "somebody"' in err, err)


def case_standby_replicates_and_refuses_writes(env):
    with server() as pg:
        pg.psql("CREATE TABLE town (id text PRIMARY KEY, name text)")
        standby = pg.add_standby()
        check(standby.port != pg.port and standby.host == HOST, f"standby {standby}")
        check(standby.dsn == f"postgresql://gifkit@127.0.0.1:{standby.port}/gifkit", standby.dsn)
        check(standby.psql("SELECT pg_is_in_recovery()") == "t\n", "the standby is not in recovery")
        check(pg.psql("SELECT pg_is_in_recovery()") == "f\n", "the primary is in recovery")
        pg.psql("INSERT INTO town VALUES ('131050001001', '本郷一丁目')")
        standby.wait_for_replay()
        out = standby.psql("SELECT id, name FROM town")
        check(out == "131050001001|本郷一丁目\n", f"the standby reads {out!r}")
        try:
            standby.psql("INSERT INTO town VALUES ('131050002001', '本郷二丁目')")
            raise case_runner.Failure("the standby took a write")
        except PgError as e:
            check("cannot execute INSERT in a read-only transaction" in e.stderr, e.stderr)
        sender = pg.admin("SELECT usename, state FROM pg_stat_replication")
        check(sender == "gifkit_replication|streaming\n", f"pg_stat_replication: {sender!r}")
        check(pg.psql("SELECT count(*) FROM town") == "1\n", "the write reached the primary")


def case_standby_read_cancelled_by_replay(env):
    """A long read on the standby, a VACUUM on the primary removing rows its snapshot
    may see: the standby's replay waits max_standby_streaming_delay (1 s), then
    cancels the read (hot_standby_feedback is off)."""
    with server(max_standby_streaming_delay="1s") as pg:
        standby = pg.add_standby()
        pg.psql("CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 1000) g")
        standby.wait_for_replay()
        read = subprocess.Popen(
            [os.path.join(pg.bindir, "psql"), "-X", "-w", "-A", "-t", "-v", "ON_ERROR_STOP=1",
             "-v", "VERBOSITY=verbose", "-d", standby.conninfo,
             "-c", "SELECT count(*), pg_sleep(20) FROM t"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=pg_server.environment())
        try:
            started = wait_until(lambda: standby.admin(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                "AND query LIKE '%pg_sleep(20)%' AND pid <> pg_backend_pid()") == "1\n",
                timeout=10)
            check(started, "the long read did not start on the standby")
            start = time.monotonic()
            pg.psql("DELETE FROM t;\nVACUUM t;\n")
            out, err = read.communicate(timeout=25)
            took = time.monotonic() - start
        finally:
            if read.poll() is None:
                read.kill()
                read.wait()
        check(read.returncode != 0, f"the read was not cancelled: {out!r}")
        check("40001" in err and "conflict with recovery" in err, err)
        check(took < 15, f"cancelled after {took:.1f} s, not about 1 s")
        standby.wait_for_replay()
        check(standby.psql("SELECT count(*) FROM t") == "0\n", "the retried read")
        conflicts = standby.admin("SELECT confl_snapshot FROM pg_stat_database_conflicts "
                                  "WHERE datname = 'gifkit'")
        check(int(conflicts) >= 1, f"confl_snapshot {conflicts!r}")


def case_kill_and_start_again_keeps_data(env):
    with server() as pg:
        standby = pg.add_standby()
        pg.psql("CREATE TABLE t (id int PRIMARY KEY, name text);\n"
                "INSERT INTO t VALUES (1, '文京区'), (2, '和歌山県');\n")
        # The standby keeps what it has received: killed before it replayed the rows, it
        # has no table t (a race the CI run of stop 66 lost under load).
        pg.wait_for_standbys()
        port, pid = pg.port, pg.pid
        pg.kill()
        check(not pg.running and not port_open(port), "still running after kill")
        check(not alive(pid), f"postgres {pid} still runs after kill")
        err = refused(pg, "a server that was killed")
        check("Connection refused" in err, err)
        check(standby.psql("SELECT count(*) FROM t") == "2\n", "the standby lost its data")
        pg.start()
        check(pg.port == port and port_open(port), f"started on {pg.port}, not {port}")
        check(pg.pid != pid, "the same postmaster")
        out = pg.psql("SELECT id, name FROM t ORDER BY id")
        check(out == "1|文京区\n2|和歌山県\n", f"after kill and start: {out!r}")
        pg.psql("INSERT INTO t VALUES (3, '屋久島町')")
        standby.wait_for_replay()   # the standby found the primary again
        check(standby.psql("SELECT count(*) FROM t") == "3\n", "the standby did not catch up")
        pg.restart()
        check(pg.port == port and pg.psql("SELECT count(*) FROM t") == "3\n", "after restart")


def case_stop_removes_folder_and_closes_port(env):
    pg = server()
    standby = pg.add_standby()
    servers = [(s.folder, s.port, s.pid) for s in (pg, standby)]
    check(all(os.path.isdir(folder) and port_open(port) and alive(pid)
              for folder, port, pid in servers), f"not running: {servers}")
    check(oct(os.stat(pg.folder).st_mode & 0o777) == "0o700", "the folder is not 0700")
    pg.stop()
    check_gone(servers)
    pg.stop()  # again: nothing to do
    with server() as second:
        servers = [(second.folder, second.port, second.pid)]
    check_gone(servers)


def case_cli_start_and_stop(env):
    script = os.path.join(HERE, "pg_server.py")
    work = env.path("work")

    def stage(*args):
        return subprocess.run([sys.executable, script, "--work", work, *args],
                              capture_output=True, text=True, timeout=120)

    proc = stage("--stage", "start", "--standby")
    if proc.returncode == case_runner.SKIP:
        raise Skipped(proc.stdout.strip())
    check(proc.returncode == 0, f"start: exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
    try:
        with open(os.path.join(work, "pg.json"), encoding="utf-8") as f:
            document = json.load(f)
        primary, standby = document["primary"], document["standby"]
        servers = [(s["folder"], s["port"], s["pid"]) for s in (primary, standby)]
        check(all(alive(pid) and port_open(port) for _, port, pid in servers),
              f"the servers did not outlive the start stage: {servers}")
        check(standby["primary_port"] == primary["port"], f"{standby}")
        for s, recovery in ((primary, "f"), (standby, "t")):
            check(s["host"] == HOST and s["dsn"].endswith(f"@127.0.0.1:{s['port']}/gifkit"), s)
            proc = subprocess.run([os.path.join(document["bindir"], "psql"), "-X", "-w", "-A", "-t",
                                   "-d", s["dsn"], "-c", "SELECT pg_is_in_recovery()"],
                                  capture_output=True, text=True, env=pg_server.environment(),
                                  timeout=30)
            check(proc.stdout == f"{recovery}\n", f"{s['role']}: {proc}")
    finally:
        proc = stage("--stage", "stop")
    check(proc.returncode == 0, f"stop: exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
    check(not os.path.exists(os.path.join(work, "pg.json")), "pg.json is still there")
    check_gone(servers)
    proc = stage("--stage", "stop")
    check(proc.returncode == 0 and "nothing to stop" in proc.stdout, f"stop again: {proc}")


CASES = case_runner.cases_of(globals())


if __name__ == "__main__":
    sys.exit(case_runner.main(CASES, prefix="gifkit-pg-harness-"))
