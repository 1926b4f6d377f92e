"""cases/cli.py — 6.x: the command framework (version, help, unknown commands, outputs that
are no regular file) and `gifkit model`."""
import os
import stat

from .common import REGISTRATION

ROOM = "cli"  # the room these cases cover (tests/rooms.txt)


def link_to(target):
    """A setup: {tmp}/out, a symbolic link to target (/dev/null, /dev/stdout) — so that a
    writer that renamed over its output would replace the link in the case's folder, never
    the system's file."""
    def setup(tmp):
        os.symlink(target, os.path.join(tmp, "out"))
    return setup


def link_still_there(target):
    """An after step: {tmp}/out is still the link, and target still what it was."""
    def check(env):
        link = os.path.join(env["tmp"], "out")
        if not os.path.islink(link):
            raise AssertionError(f"{link} was replaced: {os.lstat(link)}")
        if target == "/dev/null" and not stat.S_ISCHR(os.stat(target).st_mode):
            raise AssertionError("/dev/null is no device any more")
    return check


CASES = [
    # 6.x — the command framework and the model command
    # --version says the build (version, commit, build type, compiler) and the optional
    # parts as this run finds them (issue #52, 6).
    {"name": "6.1-version", "args": ["--version"], "exit": 0,
     "stdout_contains": ["gifkit 0.5.0\n", "\ncommit      ", "\nbuild       ", ", sanitizers: ",
                         "\nPostgreSQL  libpq ", "\nNAIST-jdic  ", "\nENAMDICT    ",
                         "\nUniDic      ", "\nmodels      ",
                         "\ndata        "]},
    {"name": "6.30-version-says-a-missing-name-dictionary", "args": ["--version"], "exit": 0,
     "env": {"GIFKIT_NAME_DICTIONARY": "/nonexistent/naist-jdic.dic",
             "GIFKIT_ENAMDICT": "/nonexistent/enamdict"},
     "stdout_contains": ["NAIST-jdic  not found at /nonexistent/naist-jdic.dic (Debian package "
                         "naist-jdic-utf8): names only it knows are not checked",
                         "ENAMDICT    not found at /nonexistent/enamdict (Debian package "
                         "enamdict): names only it knows are not checked"]},
    # A group's --data after the subcommand, where people put it (`gifkit model --data DIR
    # check` was the only way).
    {"name": "6.31-group-options-after-the-subcommand", "args": ["model", "check", "--data", "{data}"],
     "exit": 0, "needs_data": True, "stdout_contains": ["compared with GIF_Core_DataModel.xsd"]},
    {"name": "6.2-help-lists-commands", "args": ["help"], "exit": 0,
     "stdout_contains": ["validate", "model"]},
    {"name": "6.3-unknown-command", "args": ["frobnicate"], "exit": 2},
    {"name": "6.4-model-list", "room": "model", "args": ["model", "list"], "exit": 0,
     "stdout_contains": ["gif:Person", "gif:LegalEntity", "gif:Address", "gif:ContactPoint",
                         "gif:Person_MP03", "nta:houjin-csv"]},
    {"name": "6.5-model-show", "room": "model", "args": ["model", "show", "gif:Person"], "exit": 0,
     "stdout_contains": ["氏（カナ）", "セイ"]},
    {"name": "6.6-model-check-agrees-with-official-xsd", "room": "model",
     "args": ["model", "check", REGISTRATION],
     "exit": 0, "needs_data": True, "stdout_contains": ["compared with GIF_Core_DataModel.xsd", " 0 mismatches"]},
    {"name": "6.7-model-check-broken", "room": "model",
     "args": ["model", "check", "{fixtures}/broken_model.xml"],
     "exit": 1, "stdout_contains": ["broken_model.xml:"]},
    {"name": "6.8-help-validate", "args": ["help", "validate"], "exit": 0,
     "stdout_contains": ["--fail-on", "--max-errors"]},
    # An id of gifkit's own (item01: no English name in the published definitions) is not
    # shown as a name: the item by its label; JSON says the id is generated (issue #30, 6).
    {"name": "6.9-model-show-hides-generated-ids", "room": "model",
     "args": ["model", "show", "suisho:aed"],
     "exit": 0, "stdout_contains": ["  都道府県コード又は市区町村コード  local-government-code 0..1",
                                    "[location.localGovernmentCode]"],
     "output_lacks": ["[item0"]},
    {"name": "6.10-model-show-json-marks-generated-ids", "room": "model",
     "args": ["model", "show", "suisho:aed", "--format", "json"], "exit": 0,
     "stdout_contains": ['"idGenerated": true', '"id": "item01"']},
    # An output that is no regular file is written into, never replaced: `-o /dev/null` (here
    # through a link to it) made /dev/null a regular file when run as root.
    {"name": "6.11-output-to-dev-null-writes-into-it", "setup": link_to("/dev/null"),
     "args": ["validate", "--model", "gif:LegalEntity", "{fixtures}/corporations.csv",
              "--format", "json", "-o", "{tmp}/out"], "exit": 1,
     "after": [link_still_there("/dev/null")]},
    {"name": "6.12-output-to-dev-stdout-writes-the-report-there", "setup": link_to("/dev/stdout"),
     "args": ["validate", "--model", "gif:LegalEntity", "{fixtures}/corporations.csv",
              "--format", "json", "-o", "{tmp}/out"], "exit": 1,
     "stdout_contains": ['"model": "gif:LegalEntity"'],
     "after": [link_still_there("/dev/stdout")]},
]
