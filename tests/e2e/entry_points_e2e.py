#!/usr/bin/env python3
"""entry_points_e2e.py — group 61: entry points that trust their input (issue #56 part 4),
through the real binary. A committed file named like an option (--output=victim.csv) passed by
the pre-commit hook, installed as docs/ci.md says in a real git repository, is a file and never
the option (the hook's `--`; gifkit refuses an option word that is also a file); `--` ends the
options of every command that takes files; a gifkit.toml is looked for up to the repository's
top only, outside a repository in the working folder alone, and the run names the one it
applied; a FIFO given where a regular file is read whole (baseline, mapping, config, the GIF
XSD, registry sources) is refused at once with exit 2 (each run under a timeout, so no case can
hang); model export's XML Schema stays well-formed when a model's id or label holds `--`; a GIF
XML input that is not XML exits 2 with its file, line and column. Exit 0 pass, 1 fail, 77
skipped.
"""
import json
import os
import shutil
import subprocess
import sys
import xml.dom.minidom

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import case_runner  # noqa: E402
from case_runner import Skipped, check  # noqa: E402

ROOM = "cli"  # the room these cases cover (tests/rooms.txt)

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
HEADER = "法人番号,商号または名称,商号または名称（カナ）,設立年月日,連絡先電話番号\n"
GOOD_ROW = "4000012090001,経済産業省,ケイザイサンギョウショウ,2001-01-06,03-3501-1511\n"
# 設立年月日 in 和暦: one invalid-format (an error) in its row.
BAD_ROW = "4000012090001,経済産業省,ケイザイサンギョウショウ,令和6年4月1日,03-3501-1511\n"
MODEL = "gif:LegalEntity"
VICTIM = "victim: nothing may write here\n"
TIMEOUT = 20  # seconds: a run that blocks on a FIFO fails the case instead of hanging it


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


def run(env, args, cwd=None, timeout=TIMEOUT):
    """(exit code, stdout, stderr) of gifkit ARGS in cwd (the case's folder); a run that
    does not end within timeout fails the case (it would have hung)."""
    try:
        proc = subprocess.run([env.gifkit, *args], capture_output=True, text=True,
                              cwd=cwd or env.tmp, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise case_runner.Failure(f"gifkit {' '.join(args)}: still running after {timeout} s "
                                  "(blocked on its input?)")
    return proc.returncode, proc.stdout, proc.stderr


def git_env(env):
    """The environment of git and pre-commit in a case: HOME and caches in the case's folder,
    no system git config, an author, gifkit (the binary under test) first on PATH, and no
    network (a proxy that does not exist)."""
    bin_dir = env.path("bin")
    if not os.path.exists(bin_dir):
        os.makedirs(bin_dir)
        os.symlink(env.gifkit, os.path.join(bin_dir, "gifkit"))
    os.makedirs(env.path("home"), exist_ok=True)
    run_env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    run_env.update({"HOME": env.path("home"), "PRE_COMMIT_HOME": env.path("pre-commit-cache"),
                    "XDG_CACHE_HOME": env.path("cache"),
                    "PATH": bin_dir + os.pathsep + run_env["PATH"], "GIT_CONFIG_NOSYSTEM": "1",
                    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
                    "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
                    "no_proxy": ""})
    return run_env


def git(run_env, cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, env=run_env, check=True, capture_output=True,
                          text=True, timeout=60)


# --- 61.1 the pre-commit hook and `--` -------------------------------------------------------

def hook_repository(env, run_env):
    """A git repository holding this tree's .pre-commit-hooks.yaml (committed: pre-commit
    reads a hook repository at a revision), and that revision."""
    hooks = env.path("hooks")
    os.makedirs(hooks)
    shutil.copy(os.path.join(REPO, ".pre-commit-hooks.yaml"), hooks)
    git(run_env, hooks, "init", "-q")
    git(run_env, hooks, "add", ".")
    git(run_env, hooks, "commit", "-q", "-m", "hooks")
    return hooks, git(run_env, hooks, "rev-parse", "HEAD").stdout.strip()


def commit_with_hook(env, hook_args=None):
    """A repository with the hook installed as docs/ci.md says (.pre-commit-config.yaml,
    `pre-commit install`), a victim.csv beside it, and a commit of good.csv and a file named
    --output=victim.csv (a good CSV too). (exit code of git commit, its output, victim.csv's
    text after it)."""
    if not shutil.which("pre-commit") or not shutil.which("git"):
        raise Skipped("pre-commit or git is not installed (scripts/setup.sh)")
    run_env = git_env(env)
    hooks, rev = hook_repository(env, run_env)
    repo = env.path("repo")
    os.makedirs(repo)
    git(run_env, repo, "init", "-q")
    config = ("repos:\n"
              f"  - repo: {hooks}\n"
              f"    rev: {rev}\n"
              "    hooks:\n"
              "      - id: gifkit-validate\n")
    if hook_args is not None:
        config += f"        args: {json.dumps(hook_args)}\n"
    write(os.path.join(repo, ".pre-commit-config.yaml"), config)
    subprocess.run(["pre-commit", "install"], cwd=repo, env=run_env, check=True,
                   capture_output=True, timeout=60)
    write(os.path.join(repo, "victim.csv"), VICTIM)
    write(os.path.join(repo, "good.csv"), HEADER + GOOD_ROW)
    write(os.path.join(repo, "--output=victim.csv"), HEADER + GOOD_ROW)
    git(run_env, repo, "add", ".pre-commit-config.yaml", "good.csv", "--", "--output=victim.csv")
    proc = subprocess.run(["git", "commit", "-m", "data"], cwd=repo, env=run_env,
                          capture_output=True, text=True, timeout=120)
    with open(os.path.join(repo, "victim.csv"), encoding="utf-8") as f:
        victim = f.read()
    return proc.returncode, proc.stdout + proc.stderr, victim


@case_runner.room("action")
def case_hook_file_named_like_an_option(env):
    status, out, victim = commit_with_hook(env)
    check(victim == VICTIM, f"the hook wrote over victim.csv:\n{victim[:300]}\n{out}")
    # the file was validated as a file: both pass, so the commit goes through
    check(status == 0 and "Passed" in out, f"the commit of two good files failed ({status}):\n{out}")


@case_runner.room("action")
def case_hook_args_without_double_dash(env):
    # A config that sets its own args replaces the hook's `--`: gifkit itself refuses the
    # option word that is also a file, so the commit stops and nothing is written.
    status, out, victim = commit_with_hook(env, ["--model", MODEL])
    check(victim == VICTIM, f"the hook wrote over victim.csv:\n{victim[:300]}\n{out}")
    check(status != 0, f"the commit went through:\n{out}")
    check("is also a file here" in out and "exit code: 2" in out,
          f"gifkit did not refuse the option word:\n{out}")


@case_runner.room("action")
def case_action_file_named_like_an_option(env):
    # action.yml's steps run as GitHub's runner would (ci_e2e.run_action): the paths follow `--`.
    import ci_e2e
    workspace = env.path("workspace")
    write(os.path.join(workspace, "victim.csv"), VICTIM)
    write(os.path.join(workspace, "--output=victim.csv"), HEADER + GOOD_ROW)
    status, out, files = ci_e2e.run_action(env, {"paths": "*.csv", "model": MODEL, "format": "text"},
                                           workspace)
    with open(os.path.join(workspace, "victim.csv"), encoding="utf-8") as f:
        check(f.read() == VICTIM, f"the action wrote over victim.csv:\n{out}")
    check("--output=victim.csv" in out, f"the file was not validated ({status}):\n{out}")


def case_option_word_that_is_a_file(env):
    write(env.path("victim.csv"), VICTIM)
    write(env.path("--output=victim.csv"), HEADER + GOOD_ROW)
    write(env.path("good.csv"), HEADER + GOOD_ROW)
    status, out, err = run(env, ["validate", "good.csv", "--output=victim.csv"])
    with open(env.path("victim.csv"), encoding="utf-8") as f:
        check(f.read() == VICTIM, f"validate wrote over victim.csv ({status}): {err}")
    check(status == 2 and "--output=victim.csv reads as an option but is also a file here" in err
          and "Put -- before the file names" in err, f"not refused ({status}):\n{err}")
    # after `--` it is a file; spelled ./ it is a file
    status, out, err = run(env, ["validate", "--model", MODEL, "--", "good.csv",
                                 "--output=victim.csv"])
    check(status == 0 and "PASS --output=victim.csv" in out, f"after --: {status}\n{out}{err}")
    status, out, err = run(env, ["validate", "--model", MODEL, "./--output=victim.csv"])
    check(status == 0, f"./--output=victim.csv: {status}\n{out}{err}")


def case_double_dash_every_file_command(env):
    # `--` ends the options of each command that takes files: the name after it is a file.
    name = "-o.csv"
    write(env.path(name), HEADER + GOOD_ROW)
    write(env.path("-v.xml"), "<?xml version=\"1.0\"?>\n<model/>\n")
    commands = [
        (["validate", "--model", MODEL, "--", name], 0),
        (["transform", "--model", MODEL, "--output", "out.csv", "--", name], 0),
        (["diff", "--key", "法人番号", "--", name, name], 0),
        (["chars", "check", "--charset", "jisx0213", "--", name], 0),
        (["chars", "shrink", "--charset", "jisx0213", "--output", "s.csv", "--", name], 0),
        (["model", "check", "--", "-v.xml"], None),
        (["registry", "build", "--output", "r.sqlite", "--", name], None),
    ]
    for args, expected in commands:
        status, out, err = run(env, args)
        refused = "not expected" in err or "reads as an option" in err or "requires" in err
        check(not refused and (expected is None or status == expected),
              f"gifkit {' '.join(args)}: {status}\n{out[:500]}{err}")
        check(name in out + err or "-v.xml" in out + err or status == 0,
              f"gifkit {' '.join(args)}: the file is not named:\n{out[:500]}{err}")


# --- 61.2 which gifkit.toml applies ----------------------------------------------------------

LOOSE = "[validate]\nmax-error-rate = { all = 100 }\n"


def gate_run(env, cwd):
    write(os.path.join(cwd, "bad.csv"), HEADER + BAD_ROW)
    return run(env, ["validate", "--model", MODEL, "bad.csv"], cwd=cwd)


def case_config_in_a_parent_outside_a_repository(env):
    write(env.path("parent", "gifkit.toml"), LOOSE)
    child = env.path("parent", "child")
    os.makedirs(child)
    status, out, err = gate_run(env, child)
    check(status == 1, f"a gifkit.toml of a parent folder loosened the gate ({status}):\n{out}{err}")
    check("gifkit.toml" not in err, f"a config was applied:\n{err}")
    # the working folder's own applies, and the run names it
    status, out, err = gate_run(env, env.path("parent"))
    check(status == 0, f"the working folder's gifkit.toml was not applied ({status}):\n{out}{err}")
    check(f"the gate's settings of {env.path('parent', 'gifkit.toml')} were applied" in err,
          f"the applied config is not named:\n{err}")


def case_config_up_to_the_repository_top(env):
    if not shutil.which("git"):
        raise Skipped("git is not installed")
    run_env = git_env(env)
    write(env.path("outer", "gifkit.toml"), LOOSE)  # above the repository: never read
    repo = env.path("outer", "repo")
    os.makedirs(repo)
    git(run_env, repo, "init", "-q")
    sub = os.path.join(repo, "data", "2024")
    os.makedirs(sub)
    status, out, err = gate_run(env, sub)
    check(status == 1 and "gifkit.toml" not in err,
          f"a gifkit.toml above the repository was applied ({status}):\n{out}{err}")
    write(os.path.join(repo, ".gifkit.toml"), LOOSE)
    status, out, err = gate_run(env, sub)
    check(status == 0 and f"{os.path.join(repo, '.gifkit.toml')} were applied" in err,
          f"the repository's .gifkit.toml was not applied ({status}):\n{out}{err}")


# --- 61.3 non-regular files where a file is read whole ---------------------------------------

def case_fifo_refused(env):
    if not hasattr(os, "mkfifo"):
        raise Skipped("no FIFOs here")
    fifo = env.path("pipe")
    os.mkfifo(fifo)
    write(env.path("good.csv"), HEADER + GOOD_ROW)
    write(env.path("doc.xml"), "<?xml version=\"1.0\"?>\n<doc/>\n")
    runs = [
        ["validate", "--model", MODEL, "--baseline", "pipe", "good.csv"],
        ["validate", "--model", MODEL, "--config", "pipe", "good.csv"],
        ["validate", "--mapping", "pipe", "good.csv"],
        ["transform", "--model", MODEL, "--mapping", "pipe", "--output", "out.csv", "good.csv"],
        ["validate", "--gif-xsd", "pipe", "doc.xml"],
        ["registry", "build", "--output", "r.sqlite", "pipe"],
        ["registry", "update", "r.sqlite", "pipe"],
    ]
    for args in runs:
        status, out, err = run(env, args)
        check(status == 2 and "FIFO" in out + err and "pipe" in out + err,
              f"gifkit {' '.join(args)}: {status}, not 2 naming the FIFO:\n{out[:600]}{err}")
    check(not os.path.exists(env.path("out.csv")), "transform wrote its output")
    # a gifkit.toml that is a FIFO is not passed over: it is refused
    folder = env.path("here")
    os.makedirs(folder)
    os.mkfifo(os.path.join(folder, "gifkit.toml"))
    write(os.path.join(folder, "good.csv"), HEADER + GOOD_ROW)
    status, out, err = run(env, ["validate", "--model", MODEL, "good.csv"], cwd=folder)
    check(status == 2 and "gifkit.toml: is a FIFO" in err, f"gifkit.toml FIFO: {status}\n{err}")


# --- 61.4 XML comments of model export -------------------------------------------------------

@case_runner.room("export")
def case_xsd_comment_with_double_hyphen(env):
    model = env.write("m.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<model xmlns=\"urn:gifkit:model:1\" id=\"test:a--b\" "
                      "label=\"名簿 -- 試験 &amp; 一覧-\">\n"
                      "  <field id=\"name\" label=\"名称\"/>\n</model>\n")
    status, out, err = run(env, ["model", "export", model, "-f", "xsd", "-o", "m.xsd"])
    check(status == 0, f"model export: {status}\n{err}")
    with open(env.path("m.xsd"), encoding="utf-8") as f:
        text = f.read()
    try:
        document = xml.dom.minidom.parseString(text.encode("utf-8"))
    except Exception as error:  # noqa: BLE001 — any parse error fails the case
        raise case_runner.Failure(f"the XSD is not well-formed: {error}\n{text[:400]}")
    comments = [node.data for node in document.childNodes if node.nodeType == node.COMMENT_NODE]
    check(comments and "test:a- -b" in comments[0] and "名簿 - - 試験 & 一覧-" in comments[0],
          f"the comment does not name the model: {comments}")
    check(document.documentElement.getAttribute("targetNamespace") == "urn:gifkit:export:test:a--b",
          "the target namespace changed")
    if shutil.which("xmllint"):
        proc = subprocess.run(["xmllint", "--noout", env.path("m.xsd")], capture_output=True,
                              text=True, timeout=60)
        check(proc.returncode == 0, f"xmllint: {proc.stderr}")


# --- 61.5 a GIF XML input that is no XML -----------------------------------------------------

@case_runner.room("validate")
def case_xml_input_not_xml(env):
    env.write("notes.xml", "this is no XML at all\n")
    env.write("broken.xml", "<?xml version=\"1.0\"?>\n<root>\n  <a>x</b>\n</root>\n")
    for name, place in [("notes.xml", "line 1, column 1"), ("broken.xml", "line 3, column")]:
        status, out, err = run(env, ["validate", name])
        check(status == 2, f"{name}: exit {status}, not 2 (could not read):\n{out}{err}")
        check(f"{name}: {place}" in out, f"{name}: the file, line and column are not named:\n{out}")
        status, out, err = run(env, ["validate", "-f", "json", name])
        errors = [p for task in json.loads(out)["tasks"] for p in task.get("errors", [])]
        check(status == 2 and errors and errors[0]["code"] == "xml-error"
              and errors[0]["line"] > 0 and f"{name}: {place}" in errors[0]["message"],
              f"{name}: {status} {errors}")
    # a gate cannot make it pass
    status, out, err = run(env, ["validate", "--severity", "xml-error=off", "broken.xml"])
    check(status == 2 and "keeps its severity" in err, f"--severity xml-error=off: {status}\n{err}")


if __name__ == "__main__":
    sys.exit(case_runner.main(case_runner.cases_of(globals()), prefix="gifkit-entry-"))
