#!/usr/bin/env python3
"""guard.py — the timing half of the regression guard (bench/guard.sh builds the
two binaries and calls this): the headline benchmarks run for the previous
release's gifkit and for HEAD's, alternately, on the same inputs, each round
beside its baseline, and one table of ratios taken round by round.

Benchmarks (inputs made once under --work, kept for the next run):
  validate   validate --model gif:LegalEntity -f ndjson, gen_corporate_csv.py ROWS   | mawk
  transform  transform -m gif:LegalEntity -o OUT, gen_transform_csv.py ROWS          | Miller
  chars      chars check --summary-only, the schools file × COPIES                    | iconv
  normalize  address normalize -f ndjson, the whole schools file (start-up included)  | —
  diff       diff OLD NEW -f csv, gen_diff_csv.py DIFF_ROWS                            | daff
  serve      GET /v1/corporations/NUMBER under wrk (32 connections)                    | nginx
  nation-build  registry build of the SCALE 0.05 nation (bench/run_nation_bench.sh's       | —
             inputs and build stage): the file's bytes (and by table, SQLite's dbstat),
             wall seconds and peak RSS; GUARD_NATION_ROUNDS (2) rounds, each build ~3 min
Each binary reads a registry it built itself (法人番号 samples, four ABR areas,
character tables), as a user of that release would.

The figure of a command is its CPU time (user + system: the machine is shared,
and CPU is what a change to the code moves), of serve the requests a second and
p99 under wrk, of nation-build the registry's bytes, the build's wall seconds
(it may use both cores) and peak RSS. Rounds alternate the order (baseline, previous, HEAD; then the
reverse). A figure of HEAD more than 10 % worse than the previous release's
(median of the per-round ratios), and worse in every round, is a REGRESSION; for
p99 and peak memory also by more than 0.5 ms / 2 MiB, below which the difference
is noise. Exit 1 when a
regression is printed, 0 otherwise, 2 when a benchmark could not run.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
import serve_support  # noqa: E402  (the registry the service tests build, and the server)

WORSE = 1.10  # more than 10 % worse is a regression


class GuardError(Exception):
    pass


def run_measured(args, ok=(0, 1), work="/tmp"):
    """Runs args on core 0 under GNU time; returns (cpu seconds, wall seconds, peak RSS MiB)."""
    times = os.path.join(work, "time.txt")
    with open(os.devnull, "wb") as sink:
        code = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", times,
                               "taskset", "-c", "0"] + args, stdout=sink, stderr=sink).returncode
    if code not in ok:
        raise GuardError(f"exit status {code}: {' '.join(args)}")
    with open(times) as f:
        wall, user, system, kib = f.read().split("\n")[-2].split()
    return float(user) + float(system), float(wall), int(kib) / 1024


def make_input(path, args):
    """Runs args (which write path.part) once and renames it to path."""
    if not os.path.exists(path):
        print(f"guard.py: writing {path}", file=sys.stderr)
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        os.replace(path + ".part", path)
    return path


def repeated(source, copies, path):
    if not os.path.exists(path):
        with open(source, "rb") as f:
            text = f.read()
        if not text.endswith(b"\n"):
            text += b"\n"
        with open(path + ".part", "wb") as out:
            for _ in range(copies):
                out.write(text)
        os.replace(path + ".part", path)
    return path


class Inputs:
    def __init__(self, work, data, rows, diff_rows, copies):
        self.work, self.data = work, data
        py = sys.executable
        self.corporate = make_input(
            os.path.join(work, f"corporate-{rows}.csv"),
            [py, os.path.join(HERE, "gen_corporate_csv.py"), str(rows),
             os.path.join(work, f"corporate-{rows}.csv.part")])
        self.transform = make_input(
            os.path.join(work, f"transform-{rows}.csv"),
            [py, os.path.join(HERE, "gen_transform_csv.py"), str(rows),
             os.path.join(work, f"transform-{rows}.csv.part"), "--data", data])
        self.diff_old = os.path.join(work, f"diff-old-{diff_rows}.csv")
        self.diff_new = os.path.join(work, f"diff-new-{diff_rows}.csv")
        if not os.path.exists(self.diff_new):
            subprocess.run([py, os.path.join(HERE, "gen_diff_csv.py"), str(diff_rows),
                            self.diff_old, self.diff_new + ".part", "--data", data],
                           check=True, stdout=subprocess.DEVNULL)
            os.replace(self.diff_new + ".part", self.diff_new)
        self.schools = os.path.join(data, "addresses", "schools-input.txt")
        self.chars_text = repeated(self.schools, copies,
                                   os.path.join(work, f"schools-x{copies}.txt"))


class Side:
    """One gifkit: its binary and the registry it built (on first use: validate,
    transform and diff read none)."""

    def __init__(self, label, gifkit, work, data):
        self.label, self.gifkit, self.data = label, gifkit, data
        slug = label.replace(" ", "-").replace("+", "-")
        self.registry_path = os.path.join(work, f"registry-{slug}.sqlite")
        self.built = False

    @property
    def registry(self):
        if not self.built:
            stamp = self.registry_path + ".binary"
            binary_time = str(os.stat(self.gifkit).st_mtime_ns)
            if os.path.exists(self.registry_path) and (not os.path.exists(stamp) or
                                                       open(stamp).read() != binary_time):
                os.remove(self.registry_path)
            serve_support.build_registry(self.gifkit, self.data, self.registry_path)
            with open(stamp, "w") as f:
                f.write(binary_time)
            self.built = True
        return self.registry_path


COMMANDS = {"validate", "transform", "chars", "normalize", "diff"}  # command_benchmarks' names


def command_benchmarks(inputs, work, rows):
    """name → (what, baseline label, baseline args or None, gifkit args(side), exit ok)."""
    daff = os.path.join(HERE, "..", "tests", "e2e", "node_modules", ".bin", "daff")
    out = os.path.join(work, "out")
    return {
        "validate": (f"validate --model gif:LegalEntity -f ndjson ({rows:,} rows)", "mawk",
                     ["mawk", "-F,", "{n+=NF} END{print n}", inputs.corporate],
                     # --data for both: a release's worktree under GUARD_WORK has no
                     # ../shared beside it, so its default data folder is missing and it
                     # would skip the character and code-list checks HEAD makes.
                     lambda s: [s.gifkit, "validate", "--model", "gif:LegalEntity", "-f", "ndjson",
                                "--data", s.data, inputs.corporate]),
        "transform": (f"transform -m gif:LegalEntity -o OUT.csv ({rows:,} rows)", "Miller",
                      [os.path.join(HERE, "miller_transform.sh"), inputs.transform],
                      lambda s: [s.gifkit, "transform", inputs.transform, "-m", "gif:LegalEntity",
                                 "-o", out + "-transform.csv"]),
        "chars": ("chars check --summary-only (schools × copies)", "iconv",
                  ["iconv", "-c", "-f", "UTF-8", "-t", "EUC-JP", inputs.chars_text],
                  lambda s: [s.gifkit, "chars", "check", "--summary-only", "--registry", s.registry,
                             inputs.chars_text]),
        "normalize": ("address normalize -f ndjson (58,651 lines, start-up included)", "—", None,
                      lambda s: [s.gifkit, "address", "normalize", "--registry", s.registry,
                                 "--format", "ndjson", "-i", inputs.schools]),
        "diff": ("diff OLD NEW -f csv", "daff",
                 [daff, "diff", "--id", "法人番号（13桁）", "--output", out + "-daff.csv",
                  inputs.diff_old, inputs.diff_new] if os.path.exists(daff) else None,
                 lambda s: [s.gifkit, "diff", inputs.diff_old, inputs.diff_new, "-f", "csv",
                            "-o", out + "-diff.csv"]),
    }


def nation_build(side, work, scale, by_table):
    """One registry build of the generated nation by side's gifkit, through
    run_nation_bench.sh's generate (once, kept under work) and build stages; returns
    (wall s, CPU s, peak RSS MiB, bytes, {table: bytes} when by_table, else None) and
    deletes the registry."""
    build = os.path.dirname(os.path.dirname(side.gifkit))
    if os.path.join(build, "tools", "gifkit") != side.gifkit:
        raise GuardError(f"{side.gifkit} is not BUILD/tools/gifkit")
    bench_work = os.path.join(work, "nation")
    registry = os.path.join(bench_work, f"scale-{scale}", "registry.sqlite")
    env = dict(os.environ, BENCH_WORK=bench_work, SKIP="push normalize serve", REBUILD="1",
               GIFKIT_DATA=side.data)
    for name in ("REGISTRY", "LINES", "JOBS"):
        env.pop(name, None)
    result = subprocess.run([os.path.join(HERE, "run_nation_bench.sh"), scale, build], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stages = {}
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            stage = json.loads(line)
            stages[stage["stage"]] = stage
    build_stage = stages.get("build")
    try:
        if result.returncode != 0 or not build_stage or build_stage.get("exit") != 0:
            raise GuardError(f"run_nation_bench.sh {scale} {build}: exit {result.returncode}, "
                             f"build {build_stage}: {result.stderr[-300:]}")
        tables = None
        if by_table:
            db = sqlite3.connect(f"file:{registry}?mode=ro", uri=True)
            try:
                tables = dict(db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
            finally:
                db.close()
        return (float(build_stage["seconds"]), float(build_stage["cpu_s"]),
                float(build_stage["rss_mb"]), int(build_stage["bytes"]), tables)
    finally:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(registry + suffix):
                os.remove(registry + suffix)


def nation_build_benchmark(sides, work, rounds, scale):
    """Rounds of (previous, HEAD) building the same generated nation; rows of the table
    and the bytes by table of each side's first build."""
    figures = {k: {"prev": [], "head": []} for k in ("bytes", "wall", "rss")}
    tables = {}
    for r in range(rounds):
        for who in (["prev", "head"] if r % 2 == 0 else ["head", "prev"]):
            side = sides[0] if who == "prev" else sides[1]
            wall, cpu, rss, size, by_table = nation_build(side, work, scale, who not in tables)
            print(f"guard.py: nation-build round {r + 1}, {side.label}: {wall:.1f} s wall, "
                  f"{cpu:.1f} s CPU, {rss:.0f} MiB, {size:,} bytes, load "
                  f"{open('/proc/loadavg').read().split()[0]}", file=sys.stderr)
            figures["bytes"][who].append(size)
            figures["wall"][who].append(wall)
            figures["rss"][who].append(rss)
            if by_table is not None:
                tables[who] = by_table
    what = f"registry build, SCALE {scale} nation"
    return [row("nation-build", what + ", file bytes", "—", figures["bytes"], unit=" bytes"),
            row("nation-build", what + ", wall s", "—", figures["wall"]),
            row("nation-build", "peak RSS MiB", "—", figures["rss"], unit=" MiB", noise=2.0)
            ], tables


def print_tables(tables, prev_name, head_name, top=12):
    """The registry's bytes by table (dbstat), the previous release's largest first."""
    names = sorted(set(tables["prev"]) | set(tables["head"]),
                   key=lambda n: -tables["prev"].get(n, 0))
    print(f"\nnation-build, bytes by table or index (dbstat), the {top} largest of {prev_name}:\n")
    print(f"| table or index | {prev_name} | {head_name} | {head_name} / {prev_name} |")
    print("|---|---|---|---|")
    for name in names[:top] + ["(all)"]:
        if name == "(all)":
            prev, head = sum(tables["prev"].values()), sum(tables["head"].values())
        else:
            prev, head = tables["prev"].get(name, 0), tables["head"].get(name, 0)
        print(f"| {name} | {prev:,} | {head:,} | {head / prev if prev else float('nan'):.2f} |")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx serving the answers as static files, on 127.0.0.1 (the serve baseline)."""

    def __init__(self, work, root):
        self.port = free_port()
        self.prefix = os.path.join(work, "nginx")
        os.makedirs(os.path.join(self.prefix, "logs"), exist_ok=True)
        user = "user nobody nogroup;\n" if os.getuid() == 0 else ""
        conf = os.path.join(self.prefix, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""{user}worker_processes 2;
pid {self.prefix}/nginx.pid;
error_log {self.prefix}/logs/error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  default_type application/json;
  client_body_temp_path {self.prefix}/body;
  proxy_temp_path {self.prefix}/proxy;
  fastcgi_temp_path {self.prefix}/fastcgi;
  uwsgi_temp_path {self.prefix}/uwsgi;
  scgi_temp_path {self.prefix}/scgi;
  server {{ listen 127.0.0.1:{self.port}; root {root}; location / {{ try_files $uri =404; }} }}
}}
""")
        self.process = subprocess.Popen(["nginx", "-p", self.prefix, "-c", conf],
                                        stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise GuardError("nginx did not start")

    def stop(self):
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk(port, paths, seconds, connections=32):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s",
         os.path.join(HERE, "serve_paths.lua"), f"http://127.0.0.1:{port}/"],
        env=dict(os.environ, PATHS=paths), capture_output=True, text=True, check=True,
        timeout=seconds + 60)
    rps = p99 = None
    errors = ""
    for line in result.stdout.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            rps = float(words[1])
        elif words[:1] == ["99%"]:
            value = words[1]
            scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
            unit = next(u for u in ("us", "ms", "s") if value.endswith(u))
            p99 = float(value[:-len(unit)]) * scale[unit]
        elif "Non-2xx" in line or "Socket errors" in line:
            errors += line.strip() + " "
    if rps is None or p99 is None:
        raise GuardError("wrk printed no rate: " + result.stdout[-300:])
    if errors:
        raise GuardError("wrk saw errors: " + errors)
    return rps, p99


def serve_benchmark(sides, work, data, rounds, seconds):
    """Rounds of (nginx, previous, HEAD) under wrk; rows of the table."""
    paths = os.path.join(work, "paths-numbers.txt")
    if not os.path.exists(paths):
        with open(paths + ".part", "w") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "serve_paths.py"), "numbers",
                            sides[-1].registry, data, "2000"], stdout=f, check=True)
        os.replace(paths + ".part", paths)
    servers = [serve_support.Server(s.gifkit, s.registry, "--threads", "4") for s in sides]
    nginx = None
    try:
        # The static answers: what HEAD's service answers, one file a path.
        root = os.path.join(work, "static")
        if os.path.exists(root):
            shutil.rmtree(root)
        with open(paths) as f:
            for path in sorted(set(line.strip() for line in f if line.strip())):
                target = os.path.join(root, path.lstrip("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with urllib.request.urlopen(servers[-1].url(path), timeout=30) as answer:
                    with open(target, "wb") as out:
                        out.write(answer.read())
        for d, _, files in os.walk(root):
            os.chmod(d, 0o755)
            for name in files:
                os.chmod(os.path.join(d, name), 0o644)
        nginx = Nginx(work, root)
        figures = {"base": [], "prev": [], "head": []}
        ports = {"base": nginx.port, "prev": servers[0].port, "head": servers[1].port}
        for r in range(rounds):
            order = ["base", "prev", "head"] if r % 2 == 0 else ["head", "prev", "base"]
            for who in order:
                figures[who].append(wrk(ports[who], paths, seconds))
    finally:
        for server in servers:
            server.stop()
        if nginx:
            nginx.stop()
    rate = {k: [f[0] for f in v] for k, v in figures.items()}
    p99 = {k: [f[1] for f in v] for k, v in figures.items()}
    return [
        row("serve", "by number, requests/s (32 connections)", "nginx", rate, higher_is_better=True,
            unit="/s"),
        row("serve", "by number, p99 ms", "nginx", p99, unit=" ms", noise=0.5),
    ]


def ratios(a, b):
    return [x / y for x, y in zip(a, b) if y > 0]


def spread(values):
    if not values:
        return "—"
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def row(name, figure, base_label, figures, higher_is_better=False, unit=" s", noise=0.0):
    """One line of the table from per-round figures {'base','prev','head'}."""
    head_prev = ratios(figures["head"], figures["prev"])
    median = statistics.median(head_prev)
    best = max(head_prev) if higher_is_better else min(head_prev)
    # Worse by more than 10 % in the median, and worse in every round: on a
    # shared machine one slow round moves a median of five.
    worse = (1 / median if higher_is_better else median) > WORSE and \
        (1 / best if higher_is_better else best) > 1.0
    if worse and noise:
        worse = abs(statistics.median(figures["head"]) - statistics.median(figures["prev"])) > noise
    return {
        "benchmark": name, "figure": figure, "baseline": base_label,
        "baseline_median": statistics.median(figures["base"]) if figures.get("base") else None,
        "previous_median": statistics.median(figures["prev"]),
        "head_median": statistics.median(figures["head"]),
        "head_vs_previous": spread(head_prev),
        "head_vs_baseline": spread(ratios(figures["head"], figures.get("base") or [])),
        "previous_vs_baseline": spread(ratios(figures["prev"], figures.get("base") or [])),
        "unit": unit, "higher_is_better": higher_is_better, "regression": worse,
    }


def command_rows(name, spec, sides, rounds, work):
    what, base_label, base_args, gifkit_args = spec
    cpu = {"base": [], "prev": [], "head": []}
    rss = {"base": [], "prev": [], "head": []}
    for r in range(rounds):
        order = ["base", "prev", "head"] if r % 2 == 0 else ["head", "prev", "base"]
        for who in order:
            if who == "base":
                if base_args is None:
                    continue
                seconds, _, peak = run_measured(base_args, work=work)
            else:
                side = sides[0] if who == "prev" else sides[1]
                seconds, _, peak = run_measured(gifkit_args(side), work=work)
            cpu[who].append(seconds)
            rss[who].append(peak)
    return [row(name, what + ", CPU s", base_label, cpu),
            row(name, "peak RSS MiB", base_label, rss, unit=" MiB", noise=2.0)]


def fmt(value, unit):
    if value is None:
        return "—"
    if unit == "/s":
        return f"{value:,.0f}/s"
    if unit == " bytes":
        return f"{value:,.0f} bytes"
    return f"{value:.2f}{unit}"


def print_table(rows, prev_name, head_name):
    print(f"| benchmark | figure | baseline | its figure | {prev_name} | {head_name} | "
          f"{head_name} / {prev_name} | {head_name} / baseline | {prev_name} / baseline | verdict |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        verdict = "**REGRESSION**" if r["regression"] else "ok"
        print(f"| {r['benchmark']} | {r['figure']} | {r['baseline']} | "
              f"{fmt(r['baseline_median'], r['unit'])} | {fmt(r['previous_median'], r['unit'])} | "
              f"{fmt(r['head_median'], r['unit'])} | {r['head_vs_previous']} | "
              f"{r['head_vs_baseline']} | {r['previous_vs_baseline']} | {verdict} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--previous", required=True)
    parser.add_argument("--previous-name", default="previous")
    parser.add_argument("--head", required=True)
    parser.add_argument("--head-name", default="HEAD")
    parser.add_argument("--work", required=True)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()
    env = os.environ
    rounds = int(env.get("GUARD_ROUNDS", "5"))
    only = set(filter(None, env.get("GUARD_ONLY", "").split(",")))
    os.makedirs(args.work, exist_ok=True)
    sides = [Side(args.previous_name, args.previous, args.work, args.data),
             Side(args.head_name, args.head, args.work, args.data)]
    with open(os.path.join(args.work, "guard.log"), "a") as log:
        log.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {args.previous_name} vs {args.head_name}, "
                  f"{rounds} rounds\n")
    print(f"regression guard: {args.previous_name} ({args.previous}) vs {args.head_name} "
          f"({args.head}); {rounds} rounds alternating (nation-build "
          f"{env.get('GUARD_NATION_ROUNDS', '2')}); {os.cpu_count()} cores, load "
          f"{open('/proc/loadavg').read().split()[0]}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("CPU = user + system seconds of the whole process on core 0; each ratio is the median of "
          "the per-round ratios (min–max); < 1 is faster for times, > 1 for rates\n")
    rows = []
    failed = False
    # The commands' inputs only when one of them runs (GUARD_ONLY=nation-build needs none).
    inputs = None
    if not only or only & COMMANDS:
        inputs = Inputs(args.work, args.data, int(env.get("GUARD_ROWS", "1000000")),
                        int(env.get("GUARD_DIFF_ROWS", "20000")),
                        int(env.get("GUARD_CHARS_COPIES", "12")))
    commands = command_benchmarks(inputs, args.work, int(env.get("GUARD_ROWS", "1000000"))) \
        if inputs else {}
    for name, spec in commands.items():
        if only and name not in only:
            continue
        try:
            rows += command_rows(name, spec, sides, rounds, args.work)
        except GuardError as e:
            print(f"guard.py: {name}: {e}", file=sys.stderr)
            failed = True
    if not only or "serve" in only:
        try:
            rows += serve_benchmark(sides, args.work, args.data, max(3, rounds // 2 + 1),
                                    int(env.get("GUARD_SERVE_SECONDS", "5")))
        except (GuardError, OSError, subprocess.SubprocessError) as e:
            print(f"guard.py: serve: {e}", file=sys.stderr)
            failed = True
    tables = None
    if not only or "nation-build" in only:
        try:
            nation_rows, tables = nation_build_benchmark(
                sides, args.work, int(env.get("GUARD_NATION_ROUNDS", "2")),
                env.get("GUARD_NATION_SCALE", "0.05"))
            rows += nation_rows
        except (GuardError, OSError, sqlite3.Error, subprocess.SubprocessError) as e:
            print(f"guard.py: nation-build: {e}", file=sys.stderr)
            failed = True
    print_table(rows, args.previous_name, args.head_name)
    if tables:
        print_tables(tables, args.previous_name, args.head_name)
        with open(os.path.join(args.work, "nation-tables.json"), "w") as f:
            json.dump(tables, f, ensure_ascii=False, indent=1)
    with open(os.path.join(args.work, "guard.json"), "w") as f:
        json.dump(rows, f, ensure_ascii=False, indent=1)
    regressions = [r for r in rows if r["regression"]]
    for r in regressions:
        print(f"REGRESSION: {r['benchmark']}: {r['figure']}: {r['head_vs_previous']} of "
              f"{args.previous_name}")
    if failed:
        return 2
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
