#!/usr/bin/env python3
"""run_e2e.py — runs one end-to-end case of cases/ against the real gifkit
binary: checks the exit code, the problems in its JSON report (code, row,
column, suggestion), stdout/stderr contents, reference outputs and report
formats (through check_report.py). A case's "before" steps run first and its
"after" steps last (gifkit commands that must exit 0, or Python callables).

With GIFKIT_E2E_REGISTRY=postgresql (registry_backend.py) the cases that read a
registry read it from a PostgreSQL server, with the same expectations; --list
then lists those, without the ones a module's FILE_ONLY names.

  run_e2e.py --list
  run_e2e.py --gifkit PATH --data SHARED_DATA --case NAME
"""
import importlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from cases import MODULES  # noqa: E402
import registry_backend  # noqa: E402
import registry_recipes  # noqa: E402
from case_runner import TIME_FACTOR, Failure, Skipped, run_script  # noqa: E402


def case_asked(argv):
    """NAME of `--case NAME` in argv, or None (--list, or a stage: every module is wanted)."""
    return argv[argv.index("--case") + 1] if "--case" in argv[:-1] else None


def group_number(name):
    """The group a case name belongs to: 17 for "17.2r-municipal-…"."""
    number = name.split(".", 1)[0]
    return int(number) if number.isdigit() else None


def load_groups(case_name):
    """The modules of cases/ a run needs, in registration order: for one case only those that
    hold its group (importing every module costs each of the ~600 cases 0.1 s of CPU), for a
    listing all of them — and then each case's group must be one its module declares in
    cases.MODULES, or the listing (CMake's configure) fails naming it."""
    wanted = group_number(case_name) if case_name else None
    groups = [importlib.import_module(f"cases.{module}") for module, numbers in MODULES.items()
              if wanted is None or wanted in numbers]
    if case_name is None:
        folder = os.path.join(HERE, "cases")
        unlisted = sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py")
                          and name[:-3] not in MODULES and name not in ("__init__.py", "common.py"))
        if unlisted:
            raise SystemExit(f"cases/{unlisted[0]}.py is not in cases.MODULES: its cases would "
                             "never run")
        for group in groups:
            declared = MODULES[group.__name__.split(".")[-1]]
            stray = [case["name"] for case in group.CASES
                     if group_number(case["name"]) not in declared]
            if stray:
                raise SystemExit(f"{group.__name__}: cases of groups cases.MODULES does not give "
                                 f"it {declared}: {stray}")
    return groups


# The modules this run loaded, in the order their cases are registered (ctest -N).
GROUPS = load_groups(case_asked(sys.argv))
CASES = [case for group in GROUPS for case in group.CASES]
# The room each case covers (tests/rooms.txt): its key "room", else its module's ROOM.
ROOMS = {case["name"]: case.get("room", getattr(group, "ROOM", None))
         for group in GROUPS for case in group.CASES}
# The cases about the registry file itself (not run on a server), with the reason.
FILE_ONLY = {name: why for group in GROUPS for name, why in getattr(group, "FILE_ONLY", {}).items()}


# How long one run of the binary may take before the case fails as hung: 2 minutes, times the
# sanitizer build's factor (GIFKIT_E2E_TIME_FACTOR), whose ABR builds take 20 s on a quiet
# machine and more than 2 minutes on a loaded one.
RUN_TIMEOUT = 120 * TIME_FACTOR


def substitute(value, env):
    for key, replacement in env.items():
        if isinstance(replacement, str):
            value = value.replace("{" + key + "}", replacement)
    return value


def fail(case, message):
    raise Failure(message)


def check_leaks(case, registries, where, *outputs):
    for output in outputs:
        message = registries.leak(output)
        if message:
            fail(case, f"{where}: {message}:\n{output[:3000]}")


def run_steps(case, steps, gifkit, env, when, registries):
    """Runs the "before"/"after" steps of a case: a list of gifkit argument
    lists (each must exit 0) or callables taking the substitution env."""
    for step in steps:
        if callable(step):
            step(env)
            continue
        step = [substitute(a, env) for a in step]

        def run(step):
            args = [gifkit] + registries.command(step)
            result = subprocess.run(args, capture_output=True, timeout=RUN_TIMEOUT)
            stdout = result.stdout.decode("utf-8", "replace")
            stderr = result.stderr.decode("utf-8", "replace")
            if result.returncode != 0:
                fail(case, f"{when} step exit {result.returncode}: {' '.join(args)}\n"
                           f"{stdout[:2000]}{stderr[:2000]}")
            check_leaks(case, registries, f"{when} step {' '.join(step)}", stdout, stderr)

        if when == "before" and registry_recipes.out_index(step) is not None:
            registry_recipes.build(gifkit, step, env["tmp"], run, registries)
        else:
            run(step)


def run_case(case, gifkit, data_dir):
    if case.get("needs_data") and not os.path.isdir(data_dir):
        print(f"SKIP {case['name']}: shared data not found at {data_dir}")
        return 0
    try:
        with registry_backend.registries(gifkit, case.get("update_on_server", False)) as registries:
            return run_case_on(case, gifkit, data_dir, registries)
    except registry_backend.PushFailed as e:
        fail(case, f"{e}\n(a case about the registry file itself belongs in a FILE_ONLY of cases/)")


def run_case_on(case, gifkit, data_dir, registries):
    with tempfile.TemporaryDirectory() as tmp:
        env = {"fixtures": os.path.join(HERE, "data"), "data": data_dir, "tmp": tmp,
               "repo": os.path.abspath(os.path.join(HERE, "..", ".."))}

        def gifkit_json(*args):
            """The JSON a gifkit command prints, its registry on the case's backend."""
            result = subprocess.run([gifkit] + registries.command(list(args)),
                                    capture_output=True, timeout=RUN_TIMEOUT, check=True)
            return json.loads(result.stdout)

        env["gifkit_json"] = gifkit_json
        if "setup" in case:
            case["setup"](tmp)
        run_steps(case, case.get("before", []), gifkit, env, "before", registries)
        args = [gifkit] + registries.command([substitute(a, env) for a in case["args"]])
        report_path = None
        if "expect" in case or "absent" in case or "check" in case:
            report_path = os.path.join(tmp, "report.json")
            args += ["--format", "json", "--output", report_path]
        stdin = None
        if "stdin" in case:
            stdin = open(substitute(case["stdin"], env), "rb")
        try:
            result = subprocess.run(args, stdin=stdin, capture_output=True, timeout=RUN_TIMEOUT,
                                    env={**os.environ, **case.get("env", {})})
        finally:
            if stdin:
                stdin.close()
        stdout = result.stdout.decode("utf-8", "replace")
        stderr = result.stderr.decode("utf-8", "replace")
        if result.returncode != case.get("exit", 0):
            fail(case, f"exit {result.returncode}, expected {case.get('exit', 0)}\n"
                       f"command: {' '.join(args)}\nstdout:\n{stdout[:3000]}\nstderr:\n{stderr[:3000]}")
        if result.returncode < 0:
            fail(case, f"killed by signal {-result.returncode}")
        check_leaks(case, registries, "the command", stdout, stderr)
        for where, output in (("stdout", stdout), ("stderr", stderr)):
            for text in case.get(f"{where}_contains", []):
                text = registries.expected(substitute(text, env))
                if text not in output:
                    fail(case, f"{where} lacks {text!r}:\n{output[:3000]}")
        lacks = case.get("output_lacks", [])
        for text in lacks(env) if callable(lacks) else lacks:
            for where, output in (("stdout", stdout), ("stderr", stderr)):
                if text in output:
                    fail(case, f"{where} holds {text!r}:\n{output[:3000]}")
        if "stdout_bytes_check" in case:  # sees the bytes, before any decoding
            message = case["stdout_bytes_check"](result.stdout, env)
            if message:
                fail(case, f"{message}\nstdout:\n{stdout[:3000]}")
        if "stdout_check" in case:
            message = case["stdout_check"](stdout, env)
            if message:
                fail(case, f"{message}\nstdout:\n{stdout[:3000]}")
        if "reference" in case:
            with open(os.path.join(HERE, "reference", case["reference"]), encoding="utf-8") as f:
                expected = f.read()
            if stdout != expected:
                fail(case, f"stdout differs from reference/{case['reference']}:\n{stdout}")
        if "format" in case:
            out_file = os.path.join(tmp, "out." + case["format"])
            with open(out_file, "w", encoding="utf-8") as f:
                f.write(stdout)
            check = subprocess.run([sys.executable, os.path.join(HERE, "check_report.py"),
                                    case["format"], out_file], capture_output=True, text=True)
            if check.returncode != 0:
                fail(case, f"check_report.py {case['format']} failed: {check.stdout}{check.stderr}")
        if report_path:
            if not os.path.exists(report_path):
                fail(case, "no report written")
            with open(report_path, encoding="utf-8") as f:
                text = f.read()
            check_leaks(case, registries, "the report", text)
            report = json.loads(text)
            problems = [p for task in report["tasks"] for p in task["errors"]]
            for expectation in case.get("expect", []):
                code, row, column = expectation[:3]
                suggestion = expectation[3] if len(expectation) > 3 else None
                matches = [p for p in problems if p["code"] == code
                           and (row is None or p["row"] == row)
                           and (column is None or p["column"] == column)]
                if not matches:
                    fail(case, f"no {code} at row {row} column {column}; got:\n"
                               + "\n".join(f"  {p['code']} r{p['row']} c{p['column']} "
                                           f"{p.get('value','')!r} -> {p.get('suggestion','')!r}"
                                           for p in problems))
                if suggestion is not None and not any(suggestion in (p.get("suggestion") or "")
                                                       for p in matches):
                    fail(case, f"{code} at row {row} column {column} lacks suggestion "
                               f"{suggestion!r}: {[p.get('suggestion') for p in matches]}")
            for code in case.get("absent", []):
                found = [p for p in problems if p["code"] == code]
                if found:
                    fail(case, f"unexpected {code}: {found[:3]}")
            if "check" in case:
                message = case["check"](report)
                if message:
                    fail(case, message)
        run_steps(case, case.get("after", []), gifkit, env, "after", registries)
    return 0


def reads_a_registry(case):
    return registry_backend.reads_a_registry(
        [case["args"]] + case.get("before", []) + case.get("after", []),
        case.get("update_on_server", False))


def names():
    """The cases this run lists: on a server, those that read a registry, but FILE_ONLY's."""
    names = [case["name"] for case in CASES]
    if registry_backend.on_server():
        names = registry_backend.server_cases(
            [case["name"] for case in CASES if reads_a_registry(case)], FILE_ONLY, names)
    return names


def main():
    listed = names()

    def ready(args):
        if args.case not in listed:
            raise Skipped(f"{args.case} does not run on a server: "
                          f"{FILE_ONLY.get(args.case, 'it reads no registry')}")

    def runner(case):
        def run(args):
            return run_case(case, args.gifkit, os.path.abspath(args.data))
        run.room = ROOMS[case["name"]]  # for --list --rooms
        return run

    return run_script({case["name"]: runner(case) for case in CASES}, names=listed, before=ready)


if __name__ == "__main__":
    sys.exit(main())
