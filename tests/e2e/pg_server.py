#!/usr/bin/env python3
"""pg_server.py — throw-away PostgreSQL servers for the tests of the registry on
PostgreSQL (issue #14): a module (PgServer) and a CLI for ctest fixtures.

A PgServer runs initdb in a fresh temporary folder (UTF8, locale C), creates the
role gifkit (a password) and its database gifkit, and starts postgres listening
on 127.0.0.1 only, on a free port, and on a unix socket in its own 0700 folder.
TCP asks for the password (scram-sha-256); the socket trusts (only the folder's
owner can reach it). It runs as the current user, or as the unprivileged
gifkit-pg (scripts/setup.sh creates it) when the current user is root: initdb and
postgres refuse to run as root. add_standby() makes a streaming-replication hot
standby of it (pg_basebackup -R -X stream). stop() stops the servers and removes
their folders; a watchdog process does the same if the test process dies first.
Nothing connects anywhere but 127.0.0.1 or the socket.

  with PgServer() as pg:
      pg.psql("CREATE TABLE t (id int)")       # as gifkit, with the password, over TCP
      standby = pg.add_standby()
      standby.wait_for_replay()
      gifkit(..., pg.dsn, standby.dsn)      # the password in PGPASSFILE's file

The CLI, for ctest fixtures (the servers outlive the start stage, daemonised by
pg_ctl; the stop stage stops them at once — pg_ctl stop -m immediate, no shutdown
checkpoint, as their data is thrown away — and removes their folders):

  pg_server.py --stage start --work DIR [--standby]   writes DIR/pg.json
  pg_server.py --stage stop --work DIR
Exit 0 ok, 1 failed, 77 skipped (no PostgreSQL server binaries; root without gifkit-pg).
"""
import argparse
import fcntl
import glob
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from case_runner import Skipped, run_script  # noqa: E402

ROOM = "harness"  # the room these cases cover (tests/rooms.txt)

HOST = "127.0.0.1"
RUN_AS = "gifkit-pg"              # the OS user the servers run as when we are root
SUPERUSER = "postgres"            # the bootstrap superuser (initdb -U), socket only
USER = DATABASE = "gifkit"        # the role and database the tests use, over TCP
REPLICATION_USER = "gifkit_replication"
SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres", "psql", "pg_isready", "pg_basebackup")

# postgresql.conf for tests on a small machine (written to DATA/gifkit.conf, which
# postgresql.conf includes); the constructor's settings= adds to it or overrides it.
SETTINGS = {
    "listen_addresses": HOST,     # never any other address, even if left running
    "ssl": "off",
    "max_connections": "60",
    "shared_buffers": "16MB",
    "fsync": "off",
    "timezone": "UTC",
    "wal_level": "replica",
    "max_wal_senders": "5",
    "max_replication_slots": "5",
    "wal_keep_size": "128MB",     # a standby catches up without a slot
    "hot_standby": "on",
    "hot_standby_feedback": "off",  # a standby's reads can be cancelled by replay
    "max_standby_streaming_delay": "1s",
    "max_standby_archive_delay": "1s",
    "wal_receiver_status_interval": "1s",
    "log_line_prefix": "%m [%p] %q%u@%d ",
    # No background vacuum of the tables the tests load: `gifkit registry push` runs
    # ANALYZE itself, the harness's own VACUUM is explicit (27.4), and a test database
    # lives for seconds — autovacuum's passes over each pushed registry were CPU taken
    # from the rest of the suite (docs/performance.md, "CI time", round 8).
    "autovacuum": "off",
}

# A server no standby will follow (the fixture started without --standby) writes only
# the WAL that crash recovery needs: a table created and filled in one transaction
# (a registry push's COPY) is not copied into the WAL at all.
WITHOUT_STANDBY = {"wal_level": "minimal", "max_wal_senders": "0", "max_replication_slots": "0"}


class PgUnavailable(Exception):
    """PostgreSQL cannot run here (no server binaries; root without gifkit-pg): skip."""


class PgError(Exception):
    """A PostgreSQL program failed; returncode and stderr say how."""

    def __init__(self, message, returncode=None, stderr=""):
        super().__init__(message)
        self.returncode, self.stderr = returncode, stderr


def find_bindir():
    """The folder of the server programs: pg_config --bindir, else the newest
    /usr/lib/postgresql/*/bin (Debian's servers are not on PATH)."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
            candidates.append(out)
        except (OSError, subprocess.SubprocessError):
            pass

    def version(path):
        major = os.path.basename(os.path.dirname(path))
        return [int(n) for n in re.findall(r"\d+", major)]

    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    for folder in candidates:
        if folder and all(os.access(os.path.join(folder, p), os.X_OK) for p in SERVER_PROGRAMS):
            return folder
    raise PgUnavailable("no PostgreSQL server binaries (initdb, pg_ctl, postgres, …): "
                        "run scripts/setup.sh (Debian package postgresql)")


def server_user():
    """The OS user the servers run as: None (the current user), or gifkit-pg for root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(RUN_AS)
    except KeyError:
        raise PgUnavailable(f"running as root and there is no user {RUN_AS} to run PostgreSQL "
                            "as: run scripts/setup.sh") from None
    return RUN_AS


def free_port():
    """A port free on 127.0.0.1 right now (bound to port 0, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def port_open(port):
    """Whether something accepts connections on 127.0.0.1:port."""
    try:
        with socket.create_connection((HOST, port), timeout=2):
            return True
    except OSError:
        return False


def passfile_path():
    """The password file (libpq's ~/.pgpass format) of the servers of this user's tests:
    gifkit is never given a password on its command line (it refuses one), so the
    tests' servers' passwords are here, one line per port, and PGPASSFILE names it in
    the environment of every process a test starts (set when this module is imported)."""
    return os.path.join(tempfile.gettempdir(), f"gifkit-pgpass-{os.getuid()}", "pgpass")


def _rewrite_passfile(port, password):
    """The password file with the lines of port removed, and port's line first when
    password is given (a port an earlier, killed server used may still have a line)."""
    path = passfile_path()
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    with open(path + ".lock", "a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with open(path, encoding="utf-8") as f:
                lines = [line for line in f if not line.startswith(f"{HOST}:{port}:")]
        except FileNotFoundError:
            lines = []
        if password is not None:
            lines.insert(0, f"{HOST}:{port}:*:*:{password}\n")
        tmp = f"{path}.{os.getpid()}"
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w",
                  encoding="utf-8") as f:
            f.writelines(lines)
        os.replace(tmp, path)


os.environ["PGPASSFILE"] = passfile_path()


def environment(password=None):
    """The environment of the PostgreSQL programs: none of the caller's PG* variables
    (PGHOST, PGPORT, PGDATA, PGSERVICE, … could point elsewhere) but the tests' password
    file (none when password is "": a login without one), English messages."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(LC_ALL="C.UTF-8", PGCONNECT_TIMEOUT="10", PGCLIENTENCODING="UTF8",
               PGSSLMODE="disable", PGAPPNAME="gifkit-tests",
               PGPASSFILE=passfile_path() if password != "" else os.devnull)
    if password is not None:
        env["PGPASSWORD"] = password
    return env


def postmaster_pid(data):
    """The pid of the postmaster running on the data folder, or None."""
    try:
        with open(os.path.join(data, "postmaster.pid"), encoding="utf-8") as f:
            pid = int(f.readline())
    except (OSError, ValueError):
        return None
    return pid if is_postmaster_of(pid, data) else None


def is_postmaster_of(pid, data):
    """Whether pid is alive and a postgres whose working folder is data (a postmaster
    runs in its data folder), not a pid the system has given to another process."""
    try:
        cwd = os.readlink(f"/proc/{pid}/cwd")
        with open(f"/proc/{pid}/comm", encoding="utf-8") as f:
            comm = f.read().strip()
    except OSError:
        return False
    cwd = cwd.removesuffix(" (deleted)")
    return comm in ("postgres", "postmaster") and os.path.realpath(data) == cwd


def children_of(pid):
    """The pids whose parent is pid (the postmaster's backends and helpers)."""
    found = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat, encoding="utf-8", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.split("/")[2]))
    return found


def wait_gone(pids, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        pids = [p for p in pids if os.path.exists(f"/proc/{p}") and not is_zombie(p)]
        if not pids:
            return True
        time.sleep(0.05)
    return False


def is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def as_user(run_as, argv):
    return ["runuser", "-u", run_as, "--", *argv] if run_as else list(argv)


def stop_data(bindir, run_as, data, mode="fast", timeout=30, pid=None):
    """Stops the server of a data folder (pg_ctl stop -m MODE, then SIGKILL to the
    postmaster and its children if it is still there). pid: the postmaster's pid as
    recorded, when postmaster.pid is gone."""
    pid = postmaster_pid(data) or (pid if pid and is_postmaster_of(pid, data) else None)
    if pid is None:
        return
    if os.path.isdir(data):
        try:
            subprocess.run(as_user(run_as, [os.path.join(bindir, "pg_ctl"), "stop", "-D", data,
                                            "-m", mode, "-w", "-t", str(timeout), "-s"]),
                           capture_output=True, cwd=os.path.dirname(data), env=environment(),
                           timeout=timeout + 10)
        except subprocess.TimeoutExpired:
            pass
    if is_postmaster_of(pid, data):
        children = children_of(pid)
        for p in [pid, *children]:
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        wait_gone([pid, *children], 10)
    else:
        wait_gone([pid], 10)


def stop_folder(bindir, run_as, folder, mode="fast", pid=None):
    """Stops the server of a PgServer folder and removes the folder."""
    stop_data(bindir, run_as, os.path.join(folder, "data"), mode, pid=pid)
    shutil.rmtree(folder, ignore_errors=True)


def conf_value(value):
    return "'" + str(value).replace("'", "''") + "'"


def standby_delay(value):
    """max_standby_streaming_delay and max_standby_archive_delay: "1s", or ms as an int."""
    value = f"{value}ms" if isinstance(value, int) else str(value)
    return {"max_standby_streaming_delay": value, "max_standby_archive_delay": value}


class PgServer:
    """A throw-away PostgreSQL server on 127.0.0.1; use as a context manager.

    password: the gifkit role's (default: random). max_standby_streaming_delay: how
    long a standby's replay waits for a conflicting read before cancelling it (also
    max_standby_archive_delay; "1s", or milliseconds as an int). fsync: off by default.
    settings: more postgresql.conf settings, {name: value}. watchdog: stop and remove
    the server if this process dies without stop() (off for the CLI's daemons).
    """

    def __init__(self, password=None, max_standby_streaming_delay="1s", fsync=False,
                 settings=None, watchdog=True, timeout=60):
        self._setup(password or secrets.token_hex(16), watchdog, timeout)
        self.settings = dict(SETTINGS, fsync="on" if fsync else "off",
                             **standby_delay(max_standby_streaming_delay))
        self.settings.update({k: str(v) for k, v in (settings or {}).items()})
        try:
            self._initdb()
            self._start_on_a_free_port()
            self.admin(f"CREATE ROLE {USER} LOGIN PASSWORD '{self.password}';\n"
                       f"CREATE DATABASE {DATABASE} OWNER {USER};\n")
        except BaseException:
            self.stop()
            raise

    def _setup(self, password, watchdog, timeout):
        self.bindir = find_bindir()
        self.run_as = server_user()
        self.host, self.user, self.dbname, self.password = HOST, USER, DATABASE, password
        self.port = None
        self.timeout = timeout
        self.primary, self.standbys = None, []
        self._replication_password = None
        self._watchdog = None
        self.folder = tempfile.mkdtemp(prefix="gifkit-pg-")
        self.data = os.path.join(self.folder, "data")
        self.log = os.path.join(self.folder, "postgres.log")
        self.socket_dir = self.folder
        try:
            if self.run_as:
                entry = pwd.getpwnam(self.run_as)
                self._uid_gid = (entry.pw_uid, entry.pw_gid)
                os.chown(self.folder, *self._uid_gid)
                if subprocess.run(as_user(self.run_as, ["test", "-w", self.folder]),
                                  cwd="/", timeout=30).returncode != 0:
                    raise PgError(f"{self.run_as} cannot write {self.folder} "
                                  "(a temporary folder it cannot reach: set TMPDIR)")
            if watchdog:
                self._start_watchdog()
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def _start_watchdog(self):
        """A process that outlives this one and, when this process ends without
        stop() (killed, crashed), stops the server and removes its folder."""
        argv = [sys.executable, os.path.abspath(__file__), "--stage", "watch",
                "--folder", self.folder, "--bindir", self.bindir]
        if self.run_as:
            argv += ["--run-as", self.run_as]
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, cwd="/")
        process.wait(timeout=30)  # it forks the watchdog and returns at once
        self._watchdog = process.stdin

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def __repr__(self):
        kind = "standby" if self.primary else "primary"
        return f"<PgServer {kind} {self.host}:{self.port} {self.folder}>"

    # -- what the tests connect to

    @property
    def dsn(self):
        """postgresql://gifkit@127.0.0.1:PORT/gifkit: no password (gifkit refuses one in
        a location); libpq finds it in the password file PGPASSFILE names."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}"

    @property
    def conninfo(self):
        """The same as libpq keyword=value pairs."""
        return (f"host={self.host} port={self.port} dbname={self.dbname} user={self.user} "
                f"password={self.password}")

    @property
    def pid(self):
        """The postmaster's pid, or None when the server is not running."""
        return postmaster_pid(self.data)

    @property
    def running(self):
        return self.pid is not None

    def psql(self, sql, user=None, password=None, dbname=None, timeout=30):
        """psql's output (unaligned, tuples only: one row a line, columns joined by |)
        of sql (statements run one by one, stopping at the first error), as the role
        gifkit with its password over TCP (or user/password/dbname). Raises PgError."""
        user = user or self.user
        if password is None:
            password = self.password if user == self.user else ""
        conninfo = (f"host={self.host} port={self.port} dbname={dbname or self.dbname} "
                    f"user={user}")
        return self._psql(conninfo, sql, password, timeout)

    def admin(self, sql, dbname=None, timeout=30):
        """psql's output of sql as the superuser postgres, on the unix socket."""
        conninfo = (f"host={self.socket_dir} port={self.port} dbname={dbname or 'postgres'} "
                    f"user={SUPERUSER}")
        return self._psql(conninfo, sql, None, timeout)

    def _psql(self, conninfo, sql, password, timeout):
        argv = [os.path.join(self.bindir, "psql"), "-X", "-w", "-q", "-A", "-t",
                "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-f", "-"]
        try:
            proc = subprocess.run(argv, input=sql, capture_output=True, text=True,
                                  cwd=self.folder, env=environment(password), timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise PgError(f"psql on port {self.port}: no answer in {timeout} s") from e
        if proc.returncode != 0:
            raise PgError(f"psql on port {self.port}: exit {proc.returncode}: "
                          f"{proc.stderr.strip()}", proc.returncode, proc.stderr)
        return proc.stdout

    # -- running

    def _run(self, program, *args, password=None, timeout=None):
        """A server-side program (initdb, pg_ctl, pg_basebackup) as the server's user."""
        argv = as_user(self.run_as, [os.path.join(self.bindir, program), *args])
        try:
            return subprocess.run(argv, capture_output=True, text=True, cwd=self.folder,
                                  env=environment(password), timeout=timeout or self.timeout)
        except subprocess.TimeoutExpired as e:
            raise PgError(f"{program}: no answer in {e.timeout} s") from e

    def _write(self, name, text, append=False):
        path = os.path.join(self.data, name)
        with open(path, "a" if append else "w", encoding="utf-8") as f:
            f.write(text)
        if self.run_as:
            os.chown(path, *self._uid_gid)

    def _initdb(self):
        proc = self._run("initdb", "-D", self.data, "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
                         "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")
        if proc.returncode != 0:
            raise PgError(f"initdb: exit {proc.returncode}: {proc.stderr.strip()}",
                          proc.returncode, proc.stderr)
        self._write("pg_hba.conf",
                    "# gifkit tests (tests/e2e/pg_server.py): the unix socket in the server's\n"
                    "# own 0700 folder; TCP from 127.0.0.1 only, with a password.\n"
                    "local  all          all                       trust\n"
                    "host   all          all          127.0.0.1/32 scram-sha-256\n"
                    f"host   replication  {REPLICATION_USER}  127.0.0.1/32 scram-sha-256\n")
        self._write("postgresql.conf", "\ninclude 'gifkit.conf'\n", append=True)

    def _write_settings(self):
        _rewrite_passfile(self.port, self.password)
        settings = dict(self.settings, port=str(self.port), unix_socket_directories=self.socket_dir,
                        unix_socket_permissions="0700")
        self._write("gifkit.conf", "# tests/e2e/pg_server.py\n" + "".join(
            f"{name} = {conf_value(value)}\n" for name, value in settings.items()))

    def _start_on_a_free_port(self, attempts=8):
        """Starts on a free port; another one if something took it in between."""
        for _ in range(attempts):
            self.port = free_port()
            self._write_settings()
            try:
                self.start()
                return
            except PgError as e:
                if "Address already in use" not in str(e):
                    raise
        raise PgError(f"postgres: no free port on {HOST} in {attempts} attempts")

    def start(self, timeout=None):
        """Starts the server (again) on its folder and port; waits until it answers."""
        if self.running:
            return
        timeout = timeout or self.timeout
        offset = os.path.getsize(self.log) if os.path.exists(self.log) else 0
        proc = self._run("pg_ctl", "start", "-D", self.data, "-l", self.log, "-w",
                         "-t", str(timeout), "-s", timeout=timeout + 10)
        if proc.returncode != 0:
            log = ""
            if os.path.exists(self.log):
                with open(self.log, encoding="utf-8", errors="replace") as f:
                    f.seek(offset)
                    log = f.read()
            self.kill()
            raise PgError(f"pg_ctl start on port {self.port}: exit {proc.returncode}: "
                          f"{proc.stderr.strip()}\n{log[-3000:]}", proc.returncode, log)
        self._wait_ready(timeout)

    def _wait_ready(self, timeout):
        end = time.monotonic() + timeout
        while True:
            proc = subprocess.run([os.path.join(self.bindir, "pg_isready"), "-q", "-h", self.host,
                                   "-p", str(self.port), "-t", "2"],
                                  cwd=self.folder, env=environment(), timeout=30)
            if proc.returncode == 0:
                return
            if time.monotonic() > end:
                raise PgError(f"postgres on port {self.port} not ready in {timeout} s "
                              f"(pg_isready: exit {proc.returncode}); log {self.log}")
            time.sleep(0.1)

    def kill(self):
        """The server goes away at once (pg_ctl stop -m immediate: no shutdown
        checkpoint; start() recovers from the WAL). Its standbys keep running."""
        stop_data(self.bindir, self.run_as, self.data, "immediate")

    def restart(self, timeout=None):
        """A clean stop (-m fast) and start again, on the same folder and port."""
        stop_data(self.bindir, self.run_as, self.data, "fast")
        self.start(timeout)

    def stop(self):
        """Stops the server (pg_ctl stop -m fast, SIGKILL if need be) and its standbys,
        and removes their folders. Once is enough; again does nothing."""
        for standby in self.standbys:
            standby.stop()
        if os.path.isdir(self.folder):
            stop_folder(self.bindir, self.run_as, self.folder, "fast")
            if self.port:
                _rewrite_passfile(self.port, None)
        if self._watchdog:
            self._watchdog.close()
            self._watchdog = None

    # -- replication

    def add_standby(self, max_standby_streaming_delay=None, settings=None, watchdog=True):
        """A hot standby of this server (pg_basebackup -R -X stream as the replication
        role gifkit_replication; streaming replication, read-only), on its own free
        port on 127.0.0.1, a PgServer too (same role, password and database);
        stop() of the primary stops it as well."""
        if self.primary:
            raise PgError("a standby of a standby is not supported")
        if not self._replication_password:
            self._replication_password = secrets.token_hex(16)
            self.admin(f"CREATE ROLE {REPLICATION_USER} REPLICATION LOGIN "
                       f"PASSWORD '{self._replication_password}';\n")
        standby = PgServer.__new__(PgServer)
        standby._setup(self.password, watchdog, self.timeout)
        standby.primary = self
        standby.settings = dict(self.settings)
        if max_standby_streaming_delay is not None:
            standby.settings.update(standby_delay(max_standby_streaming_delay))
        standby.settings.update({k: str(v) for k, v in (settings or {}).items()})
        try:
            proc = standby._run("pg_basebackup", "-h", self.host, "-p", str(self.port),
                                "-U", REPLICATION_USER, "-D", standby.data, "-R", "-X", "stream",
                                "-c", "fast", "--no-sync", "-w",
                                password=self._replication_password)
            if proc.returncode != 0:
                raise PgError(f"pg_basebackup: exit {proc.returncode}: {proc.stderr.strip()}",
                              proc.returncode, proc.stderr)
            standby._start_on_a_free_port()
        except BaseException:
            standby.stop()
            raise
        self.standbys.append(standby)
        return standby

    def wal_position(self):
        """The primary's current WAL position (pg_current_wal_lsn())."""
        return self.admin("SELECT pg_current_wal_lsn()").strip()

    def wait_for_replay(self, timeout=30.0):
        """On a standby: waits until it has replayed the primary's current WAL position
        (pg_last_wal_replay_lsn() ≥ the primary's pg_current_wal_lsn()); returns that
        position. Raises TimeoutError after timeout seconds."""
        if not self.primary:
            raise PgError("wait_for_replay is for a standby")
        target = self.primary.wal_position()
        end = time.monotonic() + timeout
        while True:
            replayed = self.admin(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn").strip()
            if replayed == "t":
                return target
            if time.monotonic() > end:
                raise TimeoutError(f"standby on port {self.port} has not replayed {target} "
                                   f"in {timeout} s")
            time.sleep(0.05)

    def wait_for_standbys(self, timeout=30.0):
        """On a primary: each standby's wait_for_replay."""
        for standby in self.standbys:
            standby.wait_for_replay(timeout)

    def info(self):
        """What pg.json says of this server."""
        info = {"role": "standby" if self.primary else "primary", "dsn": self.dsn,
                "host": self.host, "port": self.port, "user": self.user, "dbname": self.dbname,
                "password": self.password, "folder": self.folder, "data": self.data,
                "socket_dir": self.socket_dir, "log": self.log, "pid": self.pid}
        if self.primary:
            info["primary_port"] = self.primary.port
        return info


# -- the CLI


def start_stage(work, standby):
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "pg.json")
    if os.path.exists(path):
        stop_stage(work)  # left over from a run that did not reach its stop stage
    try:
        primary = PgServer(watchdog=False, settings=None if standby else WITHOUT_STANDBY)
    except PgUnavailable as e:
        raise Skipped(str(e)) from e
    try:
        servers = [primary] + ([primary.add_standby(watchdog=False)] if standby else [])
        document = {"bindir": primary.bindir, "run_as": primary.run_as,
                    "primary": primary.info(),
                    "standby": servers[1].info() if standby else None}
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(document, f, indent=2)
            f.write("\n")
        os.replace(path + ".tmp", path)
    except BaseException:
        primary.stop()
        raise
    for server in servers:
        print(f"pg_server.py: {server.info()['role']} on {HOST}:{server.port} "
              f"(pid {server.pid}, {server.folder})")
    return 0


def stop_stage(work):
    path = os.path.join(work, "pg.json")
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except FileNotFoundError:
        print(f"pg_server.py: no {path}: nothing to stop")
        return 0
    for role in ("standby", "primary"):
        server = document.get(role)
        if server:
            stop_folder(document["bindir"], document["run_as"], server["folder"], "immediate",
                        pid=server.get("pid"))
            _rewrite_passfile(server["port"], None)
            print(f"pg_server.py: stopped the {role} on {HOST}:{server['port']}")
    os.remove(path)
    return 0


def watch_stage(folder, bindir, run_as):
    """The watchdog: forks (the parent returns at once), reads stdin until the test
    process closes it or dies, then stops the server of folder and removes it."""
    if os.fork():
        os._exit(0)
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    while sys.stdin.buffer.read(4096):
        pass
    if os.path.isdir(folder):
        stop_folder(bindir, run_as, folder, "immediate")
    return 0


def cli_stage(stage):
    """start or stop, as the CLI runs it: --work needed, a server's error exit 1."""
    def run(args):
        if not args.work:
            print("pg_server.py: --work DIR is needed", file=sys.stderr)
            return 2
        work = os.path.abspath(args.work)
        try:
            return stage(work, args.standby) if stage is start_stage else stage(work)
        except (PgError, TimeoutError, OSError) as e:
            print(f"pg_server.py: {e}", file=sys.stderr)
            return 1
    return run


STAGES = {"start": cli_stage(start_stage), "stop": cli_stage(stop_stage),
          "watch": lambda args: watch_stage(args.folder, args.bindir, args.run_as)}
OPTIONS = [("--standby", {"action": "store_true", "help": "start a hot standby too"}),
           ("--folder", {"help": argparse.SUPPRESS}), ("--bindir", {"help": argparse.SUPPRESS}),
           ("--run-as", {"help": argparse.SUPPRESS})]


def main():
    return run_script({}, STAGES, OPTIONS)


if __name__ == "__main__":
    sys.exit(main())
