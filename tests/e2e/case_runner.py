"""case_runner.py — what the end-to-end scripts of one command share
(transform_e2e.py, diff_e2e.py, and the fixture scripts' CaseList and
fixture_arguments): Failure and check, an Env that runs the real
binary in a temporary folder and writes files there, and main(): `--list`
names the cases (the functions named case_*), `--case NAME` runs one in a
fresh folder — exit 0 pass, 1 fail, 77 skipped."""
import argparse
import inspect
import os
import shutil
import subprocess
import sys
import tempfile

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
    for flag, keywords in options:
        parser.add_argument(flag, **keywords)
    return parser.parse_args()


def run_script(cases, stages=None, options=(), names=None):
    """The main() of a script whose stages and cases take the parsed arguments
    and return the exit code: `--list` prints names (by default the cases'),
    `--stage S` runs stages[S], `--case NAME` runs cases[NAME]."""
    args = arguments(stages or (), options)
    if args.list:
        print("\n".join(cases if names is None else names))
        return 0
    if args.stage:
        return stages[args.stage](args)
    if args.case not in cases:
        print(f"unknown case {args.case}")
        return 2
    return cases[args.case](args)


def cases_of(module_globals):
    """The case functions of a script, by name (case_foo_bar → foo-bar)."""
    return {name[len("case_"):].replace("_", "-"): fn
            for name, fn in sorted(module_globals.items())
            if name.startswith("case_") and inspect.isfunction(fn)}


def main(cases, make_env=Env, needs=None, prefix="gifkit-e2e-"):
    """Runs the case named on the command line. needs: a path under --data that
    must exist, else the case is skipped (no shared data)."""
    args = arguments()
    if args.list:
        print("\n".join(cases))
        return 0
    data = os.path.abspath(args.data)
    if needs and not os.path.exists(os.path.join(data, needs)):
        print("skipped: no shared data")
        return SKIP
    tmp = tempfile.mkdtemp(prefix=prefix)
    try:
        cases[args.case](make_env(os.path.abspath(args.gifkit), data, tmp))
    except Failure as failure:
        print(f"FAIL {args.case}: {failure}")
        return 1
    except Skipped as skipped:
        print(f"skipped: {skipped}")
        return SKIP
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok {args.case}")
    return 0


if __name__ == "__main__":
    sys.exit("case_runner.py is a module of the e2e scripts")
