#!/usr/bin/env python3
"""pg_bench_server.py — the throw-away PostgreSQL server of run_pg_registry_bench.sh:
tests/e2e/pg_server.py's PgServer (initdb in a temporary folder, as gifkit-pg when
root, the role and database gifkit with a password, 127.0.0.1 only, a free port),
but with the settings of a real deployment on this machine instead of the tests'
tiny ones (shared_buffers 16MB, fsync off).

  pg_bench_server.py start --work DIR [--fsync on|off]   writes DIR/pg.json
  pg_bench_server.py stop --work DIR                     stops it, removes its folder
  pg_bench_server.py settings --work DIR                 prints the settings in force

pg.json is pg_server.py's (its --stage stop reads it too): the dsn (without the
password), port, socket folder, log file. The server is a daemon (pg_ctl), so
the caller must stop it (run_pg_registry_bench.sh does, in a trap). Besides the
memory settings: pg_stat_statements loaded (per-statement server times), and
log_min_duration_statement = 100ms (slow statements in the log; the push's
statements are logged with their durations by ALTER ROLE in the bench script).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
import pg_server  # noqa: E402

# For a 2-core, 24 GiB machine that also runs the registry's readers.
BENCH_SETTINGS = {
    "shared_buffers": "2GB",
    "effective_cache_size": "12GB",
    "maintenance_work_mem": "1GB",
    "work_mem": "16MB",
    "max_wal_size": "16GB",            # no checkpoint forced in the middle of a push
    "min_wal_size": "1GB",
    "checkpoint_timeout": "30min",
    "checkpoint_completion_target": "0.9",
    "wal_compression": "off",
    "random_page_cost": "1.1",         # SSD-backed virtual disk
    "effective_io_concurrency": "200",
    "max_parallel_maintenance_workers": "2",
    "max_parallel_workers_per_gather": "0",  # short OLTP lookups; 2 cores shared with the clients
    "jit": "off",
    "shared_preload_libraries": "pg_stat_statements",
    "pg_stat_statements.track": "all",
    "pg_stat_statements.track_planning": "on",  # statements prepared per use are planned per use
    "track_io_timing": "on",
    "log_min_duration_statement": "100ms",
    "log_checkpoints": "on",
    "log_temp_files": "0",
}


def start(work, fsync):
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "pg.json")
    if os.path.exists(path):
        pg_server.stop_stage(work)  # left over from a run that did not stop it
    settings = dict(BENCH_SETTINGS, synchronous_commit="on" if fsync else "off",
                    full_page_writes="on" if fsync else "off")
    server = pg_server.PgServer(watchdog=False, fsync=fsync, settings=settings, timeout=120)
    try:
        server.admin("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;\n"
                     "GRANT pg_read_all_stats TO gifkit;\n", dbname="gifkit")
        document = {"bindir": server.bindir, "run_as": server.run_as, "primary": server.info(),
                    "standby": None, "settings": server.settings}
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(document, f, indent=2)
            f.write("\n")
        os.chmod(path + ".tmp", 0o600)
        os.replace(path + ".tmp", path)
    except BaseException:
        server.stop()
        raise
    print(f"pg_bench_server.py: PostgreSQL on 127.0.0.1:{server.port} (pid {server.pid}, "
          f"{server.folder}), fsync {'on' if fsync else 'off'}")
    return 0


def show_settings(work):
    with open(os.path.join(work, "pg.json"), encoding="utf-8") as f:
        document = json.load(f)
    names = ["server_version", "shared_buffers", "effective_cache_size", "maintenance_work_mem",
             "work_mem", "max_wal_size", "fsync", "synchronous_commit", "full_page_writes",
             "wal_level", "max_parallel_maintenance_workers", "random_page_cost", "jit"]
    primary = document["primary"]
    server = pg_server.PgServer.__new__(pg_server.PgServer)
    server.bindir, server.port = document["bindir"], primary["port"]
    server.socket_dir, server.folder = primary["socket_dir"], primary["folder"]
    sql = "".join(f"SELECT '{n}', current_setting('{n}');\n" for n in names)
    print(" ".join(line.replace("|", "=") for line in server.admin(sql).split()))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stage", choices=("start", "stop", "settings"))
    parser.add_argument("--work", required=True, help="the folder of pg.json")
    parser.add_argument("--fsync", choices=("on", "off"), default="on")
    args = parser.parse_args()
    work = os.path.abspath(args.work)
    try:
        if args.stage == "start":
            return start(work, args.fsync == "on")
        if args.stage == "settings":
            return show_settings(work)
        return pg_server.stop_stage(work)
    except (pg_server.PgError, pg_server.PgUnavailable, TimeoutError, OSError) as e:
        print(f"pg_bench_server.py: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
