"""case_runner.py — the one runner of the end-to-end scripts (tests/e2e/*_e2e.py,
run_e2e.py, pg_server.py's stages): the command line (arguments: --gifkit, --data,
--work, --stage, --case, --list [--rooms] and a script's own options), run_script —
`--list`, then a stage or one case, exit 0 pass, 1 fail (Failure, check), 77 skipped
(Skipped) —, main() for cases that take an Env (the real binary run in a fresh
temporary folder, files written there; the functions named case_*, cases_of),
and CaseList for cases registered by name. tests/e2e/CMakeLists.txt registers
each script with gifkit_e2e_script: one ctest test per case of its --list.

The room a case covers (tests/rooms.txt; its ctest label room:NAME) is the script's
module-level ROOM = "NAME", or the case's own: a case function decorated with
@room("NAME"), a table case's key "room" (run_e2e.py). `--list --rooms` prints
`script ROOM` (the room of the script's stages), then `case NAME ROOM` a line; a case
without a room makes it fail."""
import argparse
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import types

SKIP = 77
DEFAULT_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                            "shared", "data")

# How much slower and larger the binary under test may be than a normal
# build: the sanitizer build's tests set these (tests/e2e/CMakeLists.txt), and
# the bounds a case asserts (a refusal within 2 s, a peak under 600 MB) are
# scaled by them. 1 for a normal build.
TIME_FACTOR = float(os.environ.get("GIFKIT_E2E_TIME_FACTOR", "1"))
MEMORY_FACTOR = float(os.environ.get("GIFKIT_E2E_MEMORY_FACTOR", "1"))
# True for the sanitizer build: AddressSanitizer's allocator keeps freed
# memory in its quarantine and ignores malloc_trim, so a check that memory
# went back to the system is one of glibc's allocator only.
SANITIZED = os.environ.get("GIFKIT_E2E_SANITIZED") == "1"


class Failure(Exception):
    pass


class Skipped(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run_binary(argv, stdin=None, timeout=300):
    """(exit code, stdout, stderr) of a command (the gifkit binary and its
    arguments), its output decoded as UTF-8, bad bytes replaced; stdin: bytes."""
    proc = subprocess.run(argv, capture_output=True, timeout=timeout, input=stdin)
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"))


class Env:
    """The gifkit binary, the shared data folder and a temporary folder of one case."""

    def __init__(self, gifkit, data, tmp):
        self.gifkit, self.data, self.tmp = gifkit, data, tmp

    def path(self, *names):
        return os.path.join(self.tmp, *names)

    def write(self, name, text, encoding="utf-8"):
        with open(self.path(name), "w", encoding=encoding, newline="") as f:
            f.write(text)
        return self.path(name)

    def run(self, *args, stdin=None):
        proc = subprocess.run([self.gifkit, *args], capture_output=True, text=True,
                              cwd=self.tmp, input=stdin, timeout=300)
        return proc.returncode, proc.stdout, proc.stderr


def room(name):
    """@room("NAME"): the case covers room NAME rather than its script's ROOM."""
    def mark(function):
        function.room = name
        return function
    return mark


def list_rooms(cases, names):
    """The lines of `--list --rooms`: the script's ROOM (its stages'), then each case listed
    with its room; SystemExit naming the first case that has none."""
    script = getattr(sys.modules["__main__"], "ROOM", None)
    lines = [f"script {script}"] if script else []
    for name in names:
        case_room = getattr(cases.get(name), "room", None) or script
        if not case_room:
            raise SystemExit(f"{os.path.basename(sys.argv[0])}: case {name} has no room: give "
                             "the script ROOM = \"NAME\" or the case its own (tests/rooms.txt)")
        lines.append(f"case {name} {case_room}")
    return lines


class CaseList(dict):
    """The cases of a script whose cases share a fixture (a --work folder that
    its stages fill: changes_e2e.py, pg_registry_e2e.py), by name, in the
    order registered: `@CASES.case("name")` adds one."""

    def case(self, name):
        def register(function):
            self[name] = function
            return function
        return register


def arguments(stages=(), options=()):
    """The command line of every script: --gifkit, --data (by default
    ../shared/data), --work, --stage (one of stages), --case, --list, and the
    script's own options, (flag, argparse keywords) pairs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--gifkit")
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--work")
    parser.add_argument("--stage", choices=tuple(stages) or None)
    parser.add_argument("--case")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--rooms", action="store_true",
                        help="with --list: the script's room and each case's (tests/rooms.txt)")
    for flag, keywords in options:
        parser.add_argument(flag, **keywords)
    return parser.parse_args()


def run_script(cases, stages=None, options=(), names=None, before=None):
    """The main() of every script: `--list` prints names (by default the
    cases'); otherwise before(args), if given, runs first (it may raise Skipped:
    no shared data…), then `--stage S` runs stages[S](args) or `--case NAME`
    cases[NAME](args). A stage or case passes when it returns None or 0 and
    fails when it raises Failure (or AssertionError) or returns another exit
    code; Skipped skips it: exit 0 pass, 1 fail, 77 skipped."""
    args = arguments(stages or (), options)
    if args.list:
        listed = list(cases if names is None else names)
        print("\n".join(list_rooms(cases, listed) if args.rooms else listed))
        return 0
    name = args.stage or args.case
    if not args.stage and args.case not in cases:
        print(f"unknown case {args.case}")
        return 2
    try:
        if before:
            before(args)
        status = stages[args.stage](args) if args.stage else cases[args.case](args)
    except Skipped as skipped:
        print(f"skipped: {skipped}")
        return SKIP
    except Failure as failure:
        print(f"FAIL {name}: {failure}")
        return 1
    except AssertionError:
        print(f"FAIL {name}:\n{traceback.format_exc()}")
        return 1
    if status:
        return status
    print(f"ok {name}")
    return 0


def cases_of(module_globals):
    """The case functions of a script, by name (case_foo_bar → foo-bar)."""
    return {name[len("case_"):].replace("_", "-"): fn
            for name, fn in sorted(module_globals.items())
            if name.startswith("case_") and isinstance(fn, types.FunctionType)}


def main(cases, make_env=Env, needs=None, prefix="gifkit-e2e-"):
    """run_script for cases that take an Env: each runs in a fresh temporary
    folder, removed after it. needs: a path under --data that must exist, else
    the case is skipped (no shared data)."""
    def ready(args):
        if needs and not os.path.exists(os.path.join(os.path.abspath(args.data), needs)):
            raise Skipped("no shared data")

    def in_a_folder(case):
        @functools.wraps(case)  # keeps the case's room (@room)
        def run(args):
            tmp = tempfile.mkdtemp(prefix=prefix)
            try:
                case(make_env(os.path.abspath(args.gifkit), os.path.abspath(args.data), tmp))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        return run

    return run_script({name: in_a_folder(case) for name, case in cases.items()}, before=ready)


if __name__ == "__main__":
    sys.exit("case_runner.py is a module of the e2e scripts")
