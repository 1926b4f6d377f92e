#!/usr/bin/env python3
"""ci_e2e.py — group 38: gifkit in CI pipelines (issue #31 part 4), through the
real binary. The github format's cap of annotations per code and file with its
"and M more" notice and the Markdown step summary ($GITHUB_STEP_SUMMARY); the
gitlab format checked against GitLab's documented Code Quality field list
(tests/fixtures/schemas/gitlab-codequality.schema.json); SARIF's relative
artifact URIs under --sarif-root with uriBaseId %SRCROOT%; the options' usage
errors; the composite action of action.yml, its steps run as a bash script with
GitHub's environment variables and ${{ inputs.* }} substituted; and the hook of
.pre-commit-hooks.yaml run by Debian's pre-commit (`try-repo`) on a throw-away
git repository, with HOME and PRE_COMMIT_HOME in the case's folder (language:
system: nothing is downloaded). Exit 0 pass, 1 fail, 77 skipped (no pre-commit,
git or python3-yaml; the repository is no git checkout).
"""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import case_runner  # noqa: E402
from case_runner import Skipped, check  # noqa: E402

ROOM = "report"  # the room these cases cover (tests/rooms.txt)

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CHECK_REPORT = os.path.join(REPO, "tests", "e2e", "check_report.py")
HEADER = "法人番号,商号または名称,商号または名称（カナ）,設立年月日,連絡先電話番号\n"
GOOD_ROW = "4000012090001,経済産業省,ケイザイサンギョウショウ,2001-01-06,03-3501-1511\n"
MODEL = "gif:LegalEntity"


def corporate_number(base):
    """The 13-digit 法人番号 of the 12 digits of base, its check digit first
    (the NTA's rule: 9 - the digits weighted 1, 2, 1, … from the right, mod 9)."""
    digits = f"{base:012d}"
    weighted = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(digits), 1))
    return f"{9 - weighted % 9}{digits}"


def write_many(env, name="many.csv", rows=25):
    """A file whose every row has a 和暦 date (invalid-format in column 4),
    and nothing else wrong: rows problems of that one code, each on line row + 1."""
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    lines = [HEADER] + [f"{corporate_number(10001072700 + i)},株式会社見本{str(i).translate(wide)},"
                        f"ミホン,令和6年4月{i % 28 + 1}日,03-3501-1511\n" for i in range(rows)]
    path = env.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(lines))
    return path


def write_good(env, name="good.csv"):
    path = env.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER + GOOD_ROW)
    return path


def check_format(fmt, text, env):
    report = env.path("report." + fmt)
    with open(report, "w", encoding="utf-8") as f:
        f.write(text)
    proc = subprocess.run([sys.executable, CHECK_REPORT, fmt, report], capture_output=True, text=True)
    check(proc.returncode == 0, f"check_report {fmt}: {proc.stdout}{proc.stderr}")


def annotations(stdout, title):
    """The workflow commands of stdout with title=TITLE, as (command, line)."""
    return [(m.group(1), m.group(0)) for m in
            re.finditer(r"^::(error|warning|notice) [^\n]*title=" + re.escape(title) + r"::[^\n]*$",
                        stdout, re.M)]


def case_github_annotation_cap(env):
    write_many(env)
    status, out, err = env.run("validate", "--model", MODEL, "-f", "github", "many.csv")
    check(status == 1, f"exit {status}, not 1: {err}")
    check_format("github", out, env)
    found = annotations(out, "invalid-format")
    errors = [line for command, line in found if command == "error"]
    notices = [line for command, line in found if command == "notice"]
    check(len(errors) == 10, f"{len(errors)} invalid-format annotations, not 10 (the default)")
    check(all(",line=" in line and ",col=4," in line for line in errors), f"positions: {errors[:2]}")
    check(notices == ["::notice file=many.csv,title=invalid-format::and 15 more invalid-format in many.csv"],
          f"the 'and M more' notice: {notices}")
    # Each code is capped on its own: the one info of the file stays, no notice for it.
    check(len(annotations(out, "equivalent-item-name")) <= 1, "equivalent-item-name capped wrongly")
    status, out, _ = env.run("validate", "--model", MODEL, "-f", "github", "--max-annotations", "3",
                             "many.csv")
    found = annotations(out, "invalid-format")
    check([c for c, _ in found] == ["error"] * 3 + ["notice"], f"--max-annotations 3: {found}")
    check(found[-1][1].endswith("::and 22 more invalid-format in many.csv"), found[-1][1])
    status, out, _ = env.run("validate", "--model", MODEL, "-f", "github", "--max-annotations", "0",
                             "many.csv")
    check([c for c, _ in annotations(out, "invalid-format")] == ["notice"], "--max-annotations 0")


def case_github_step_summary(env):
    write_many(env)
    write_good(env)
    summary = env.write("summary.md", "# an earlier step's summary\n")
    proc = subprocess.run([env.gifkit, "validate", "--model", MODEL, "-f", "github", "many.csv",
                           "good.csv"], cwd=env.tmp, capture_output=True, text=True,
                          env={**os.environ, "GITHUB_STEP_SUMMARY": summary})
    check(proc.returncode == 1, f"exit {proc.returncode}: {proc.stderr}")
    with open(summary, encoding="utf-8") as f:
        text = f.read()
    check(text.startswith("# an earlier step's summary\n## gifkit validate\n"), f"not appended:\n{text}")
    for expected in ("### ❌ failed: `many.csv`", "25 rows, model `gif:LegalEntity`; gate failed",
                     "| code | column | severity | count | rows |",
                     "| `invalid-format` | 4 設立年月日 | error | 25 | 2–26 |",
                     "### ✅ passed: `good.csv`", "2 files checked, 26 rows: 25 errors"):
        check(expected in text, f"{expected!r} not in the summary:\n{text}")
    # The counts are the file's, not the annotations written.
    check("| 25 | 2–26 |" in text.split("good.csv")[0], "the count is not the whole file's")
    # Without the variable no summary; another format never writes one.
    os.remove(summary)
    status, _, _ = env.run("validate", "--model", MODEL, "-f", "github", "many.csv")
    check(not os.path.exists(summary), "a summary without GITHUB_STEP_SUMMARY")
    subprocess.run([env.gifkit, "validate", "--model", MODEL, "-f", "json", "many.csv"],
                   cwd=env.tmp, capture_output=True, env={**os.environ, "GITHUB_STEP_SUMMARY": summary})
    check(not os.path.exists(summary), "-f json wrote a step summary")


def case_gitlab_code_quality(env):
    write_many(env, os.path.join("data", "many.csv"), rows=12)
    many = env.path("data", "many.csv")
    status, out, err = env.run("validate", "--model", MODEL, "-f", "gitlab", many)
    check(status == 1, f"exit {status}: {err}")
    check_format("gitlab", out, env)
    issues = json.loads(out)
    status, report_text, _ = env.run("validate", "--model", MODEL, "-f", "json", many)
    report = json.loads(report_text)
    listed = report["tasks"][0]["errors"] if "tasks" in report else None
    if listed is not None:
        check(len(issues) == len(listed), f"{len(issues)} issues for {len(listed)} problems")
    dates = [i for i in issues if i["check_name"] == "invalid-format"]
    check(len(dates) == 12, f"{len(dates)} invalid-format issues, not 12")
    first = dates[0]
    check(first["severity"] == "major", f"an error is {first['severity']}, not major")
    check(first["location"] == {"path": "data/many.csv", "lines": {"begin": 2}},
          f"location {first['location']} (an absolute path inside the working directory is made relative)")
    check("2024-04-01" in first["description"], first["description"])
    infos = [i for i in issues if i["check_name"] == "equivalent-item-name"]
    check(not infos or infos[0]["severity"] == "info", "info severity")
    fingerprints = [i["fingerprint"] for i in issues]
    check(len(set(fingerprints)) == len(fingerprints), "two issues share a fingerprint")
    check(all(re.fullmatch(r"[0-9a-f]{64}", f) for f in fingerprints), "fingerprint is no SHA-256")
    _, again, _ = env.run("validate", "--model", MODEL, "-f", "gitlab", "data/many.csv")
    check([i["fingerprint"] for i in json.loads(again)] == fingerprints,
          "fingerprints differ between two runs (absolute and relative path given)")
    # The schema itself refuses what GitLab would not read.
    bad = [dict(issues[0], severity="error")]
    proc_path = env.write("bad.json", json.dumps(bad))
    proc = subprocess.run([sys.executable, CHECK_REPORT, "gitlab", proc_path], capture_output=True, text=True)
    check(proc.returncode == 1, "the gitlab schema accepts severity 'error'")


def sarif_locations(text):
    run = json.loads(text)["runs"][0]
    return run, [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]


def case_sarif_relative_uri(env):
    write_many(env, os.path.join("data", "many.csv"), rows=2)
    outside = write_many(env, os.path.join("elsewhere", "other.csv"), rows=1)
    status, out, err = env.run("validate", "--model", MODEL, "-f", "sarif", env.path("data", "many.csv"))
    check(status == 1, f"exit {status}: {err}")
    check_format("sarif", out, env)
    run, locations = sarif_locations(out)
    root = os.path.realpath(env.tmp)
    check(run.get("originalUriBaseIds") == {"%SRCROOT%": {"uri": "file://" + root + "/"}},
          f"originalUriBaseIds {run.get('originalUriBaseIds')}")
    check(all(l["uri"] == "data/many.csv" and l["uriBaseId"] == "%SRCROOT%" for l in locations),
          f"results' artifactLocation: {locations[:2]}")
    check(run["artifacts"][0]["location"] == {"uri": "data/many.csv", "uriBaseId": "%SRCROOT%"},
          f"artifact location {run['artifacts'][0]['location']}")
    # --sarif-root data: relative to it; a file outside it: absolute file:// URI.
    status, out, err = env.run("validate", "--model", MODEL, "-f", "sarif", "--sarif-root", "data",
                               "data/many.csv", outside)
    check_format("sarif", out, env)
    run, locations = sarif_locations(out)
    check(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + root + "/data/",
          f"root {run['originalUriBaseIds']}")
    check(run["artifacts"][0]["location"] == {"uri": "many.csv", "uriBaseId": "%SRCROOT%"},
          f"inside the root: {run['artifacts'][0]['location']}")
    check(run["artifacts"][1]["location"] == {"uri": "file://" + root + "/elsewhere/other.csv"},
          f"outside the root: {run['artifacts'][1]['location']}")
    check(locations[-1] == {"uri": "file://" + root + "/elsewhere/other.csv", "index": 1},
          f"a result outside the root: {locations[-1]}")


def case_usage_errors(env):
    write_good(env)
    status, _, err = env.run("validate", "-f", "github", "--max-annotations", "-1", "good.csv")
    check(status == 2 and "--max-annotations: must be 0 or more" in err, f"exit {status}: {err}")
    status, _, err = env.run("validate", "-f", "sarif", "--sarif-root", "no-such-folder", "good.csv")
    check(status == 2 and "--sarif-root: no-such-folder: no folder" in err, f"exit {status}: {err}")
    write_good(env, "a-file")
    status, _, err = env.run("validate", "-f", "sarif", "--sarif-root", "a-file", "good.csv")
    check(status == 2 and "--sarif-root: a-file: no folder" in err, f"exit {status}: {err}")
    status, _, err = env.run("validate", "-f", "gitlb", "good.csv")
    check(status == 2 and "gitlab" in err, f"a misspelt format: exit {status}: {err}")


# --- the GitHub Action ------------------------------------------------------

def need_yaml():
    try:
        import yaml  # python3-yaml
    except ImportError:
        raise Skipped("python3-yaml is not installed (scripts/setup.sh)")
    return yaml


def run_action(env, inputs, workspace, gifkit_on_path=True):
    """Runs action.yml's steps as GitHub's runner would: each step's run
    script by `bash --noprofile --norc -eo pipefail`, in its working-directory,
    with ${{ inputs.* }}, ${{ github.* }} substituted and GitHub's variables
    set; gifkit (the binary under test) on PATH unless gifkit_on_path is
    False (then no folder of PATH holding a gifkit is kept). Returns (exit code of the
    first failing step or 0, stdout of all steps, the files of the run)."""
    yaml = need_yaml()
    with open(os.path.join(REPO, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    check(action["runs"]["using"] == "composite", "action.yml is not a composite action")
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(inputs) - set(values)
    check(not unknown, f"inputs the action does not declare: {unknown}")
    values.update(inputs)
    bin_dir = env.path("bin")
    os.makedirs(bin_dir, exist_ok=True)
    if not os.path.exists(os.path.join(bin_dir, "gifkit")):
        os.symlink(env.gifkit, os.path.join(bin_dir, "gifkit"))
    files = {name: env.path("runner", name) for name in ("summary.md", "output", "path", "env")}
    os.makedirs(env.path("runner", "temp"), exist_ok=True)
    for path in files.values():
        open(path, "w").close()
    context = {"github.workspace": workspace, "github.action_path": REPO}

    def substitute(text):
        def one(match):
            name = match.group(1).strip()
            if name.startswith("inputs."):
                return values[name[len("inputs."):]]
            check(name in context, f"action.yml uses ${{{{ {name} }}}}, which the test does not know")
            return context[name]
        return re.sub(r"\$\{\{([^}]*)\}\}", one, str(text))

    path = os.environ.get("PATH", "")
    if gifkit_on_path:
        path = bin_dir + os.pathsep + path
    else:
        path = os.pathsep.join(d for d in path.split(os.pathsep)
                               if not os.path.exists(os.path.join(d, "gifkit")))
    base = {**os.environ, "PATH": path,
            "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_WORKSPACE": workspace,
            "GITHUB_STEP_SUMMARY": files["summary.md"], "GITHUB_OUTPUT": files["output"],
            "GITHUB_PATH": files["path"], "GITHUB_ENV": files["env"],
            "GITHUB_ACTION_PATH": REPO, "RUNNER_TEMP": env.path("runner", "temp"),
            "HOME": env.path("runner")}
    base.update({"INPUT_" + name.upper().replace(" ", "_"): value for name, value in values.items()})
    stdout = ""
    for step in action["runs"]["steps"]:
        check(step.get("shell") == "bash", f"step {step.get('name')}: shell is not bash")
        script = env.path("runner", "step.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(substitute(step["run"]))
        step_env = dict(base)
        step_env.update({key: substitute(value) for key, value in step.get("env", {}).items()})
        cwd = substitute(step.get("working-directory", workspace))
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=cwd,
                              env=step_env, capture_output=True, text=True, timeout=120)
        stdout += proc.stdout
        if proc.returncode != 0:
            return proc.returncode, stdout + proc.stderr, files
    return 0, stdout, files


@case_runner.room("action")
def case_action_bad_file(env):
    workspace = env.path("workspace")
    write_many(env, os.path.join("workspace", "data", "many.csv"))
    write_good(env, os.path.join("workspace", "data", "good.csv"))
    status, out, files = run_action(env, {"paths": "data/*.csv", "model": MODEL,
                                          "args": "--fail-on error --max-annotations 5"}, workspace)
    check(status == 1, f"the action's exit {status}, not 1:\n{out}")
    check("gifkit: using " in out, f"the install step did not find gifkit on PATH:\n{out[:500]}")
    errors = [line for c, line in annotations(out, "invalid-format") if c == "error"]
    check(len(errors) == 5 and "file=data/many.csv" in errors[0], f"annotations: {errors[:2]}")
    check("::notice file=data/many.csv,title=invalid-format::and 20 more invalid-format in data/many.csv"
          in out, "no 'and 20 more' notice")
    with open(files["summary.md"], encoding="utf-8") as f:
        summary = f.read()
    check("### ❌ failed: `data/many.csv`" in summary and "### ✅ passed: `data/good.csv`" in summary,
          f"step summary:\n{summary}")
    with open(files["output"], encoding="utf-8") as f:
        check(f.read() == "exit-code=1\n", "GITHUB_OUTPUT has no exit-code=1")


@case_runner.room("action")
def case_action_good_file(env):
    workspace = env.path("workspace")
    write_good(env, os.path.join("workspace", "good.csv"))
    status, out, files = run_action(env, {"paths": "good.csv"}, workspace)
    check(status == 0, f"the action's exit {status}, not 0:\n{out}")
    check("::error" not in out, f"an error annotation for a good file:\n{out}")
    with open(files["summary.md"], encoding="utf-8") as f:
        check("### ✅ passed: `good.csv`" in f.read(), "no passed summary")
    # A SARIF file for code scanning, written where output says.
    status, out, _ = run_action(env, {"paths": "good.csv", "format": "sarif",
                                      "output": "gifkit.sarif"}, workspace)
    check(status == 0, f"sarif: exit {status}:\n{out}")
    with open(os.path.join(workspace, "gifkit.sarif"), encoding="utf-8") as f:
        check(json.load(f)["runs"][0]["artifacts"][0]["location"]["uri"] == "good.csv", "sarif output")
    # No file matches: a clear error, exit 2.
    status, out, _ = run_action(env, {"paths": "nothing/*.csv"}, workspace)
    check(status == 2 and "no file matches paths" in out, f"no file: exit {status}:\n{out}")
    # install: path with no gifkit on PATH: the install step fails, saying why.
    status, out, _ = run_action(env, {"paths": "good.csv", "install": "path"}, workspace,
                                gifkit_on_path=False)
    check(status == 2 and "gifkit is not on PATH (install: path)" in out,
          f"install: path without gifkit: exit {status}:\n{out}")


# --- pre-commit --------------------------------------------------------------

@case_runner.room("action")
def case_pre_commit_hook(env):
    pre_commit, git = shutil.which("pre-commit"), shutil.which("git")
    if not pre_commit or not git:
        raise Skipped("pre-commit or git is not installed (scripts/setup.sh)")
    if subprocess.run([git, "-C", REPO, "rev-parse", "--git-dir"], capture_output=True).returncode != 0:
        raise Skipped("the source tree is no git checkout (pre-commit try-repo needs one)")
    check(os.path.exists(os.path.join(REPO, ".pre-commit-hooks.yaml")), "no .pre-commit-hooks.yaml")
    bin_dir = env.path("bin")
    os.makedirs(bin_dir)
    os.symlink(env.gifkit, os.path.join(bin_dir, "gifkit"))
    repo = env.path("repo")
    os.makedirs(repo)
    home = env.path("home")
    os.makedirs(home)
    run_env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    run_env.update({"HOME": home, "PRE_COMMIT_HOME": env.path("pre-commit-cache"),
                    "XDG_CACHE_HOME": env.path("cache"), "PATH": bin_dir + os.pathsep + run_env["PATH"],
                    "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
                    # nothing to fetch: a proxy that does not exist makes any try fail at once
                    "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
                    "no_proxy": ""})
    subprocess.run([git, "init", "-q", repo], check=True, env=run_env)
    write_many(env, os.path.join("repo", "bad.csv"), rows=3)
    write_good(env, os.path.join("repo", "good.csv"))
    env.write(os.path.join("repo", "notes.txt"), "not data\n")
    subprocess.run([git, "add", "."], cwd=repo, check=True, env=run_env)

    def try_repo(*files):
        proc = subprocess.run([pre_commit, "try-repo", REPO, "gifkit-validate", "--files", *files],
                              cwd=repo, env=run_env, capture_output=True, text=True, timeout=120)
        return proc.returncode, proc.stdout + proc.stderr

    status, out = try_repo("bad.csv")
    check(status == 1, f"pre-commit on bad.csv: exit {status}, not 1:\n{out}")
    check("gifkit validate" in out and "Failed" in out, f"the hook did not fail:\n{out}")
    check("invalid-format" in out and "bad.csv" in out, f"the problem is not named:\n{out}")
    status, out = try_repo("good.csv")
    check(status == 0 and "Passed" in out, f"pre-commit on good.csv: exit {status}:\n{out}")
    status, out = try_repo("notes.txt")
    check(status == 0 and "no files to check" in out.lower(), f"a .txt file was validated:\n{out}")


if __name__ == "__main__":
    sys.exit(case_runner.main(case_runner.cases_of(globals()), prefix="gifkit-ci-"))
