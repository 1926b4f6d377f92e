"""conftest.py — what the Python package's tests share (tests/python/, ctest
python.*): the published data, the gifkit binary the module is compared with,
and a registry built once per run from real files (the Address Base Registry of
文京区 with the national tables, a day of the NTA's 法人番号 diff).

Environment (set by tests/CMakeLists.txt): PYTHONPATH (the build tree's
python/ folder), GIFKIT_TEST_DATA (../shared/data), GIFKIT_TEST_BINARY
(build/tools/gifkit), GIFKIT_TEST_WORK (a folder of the build tree)."""

import os
import subprocess

import pytest

import gifkit


@pytest.fixture(scope="session")
def data_dir():
    return os.environ["GIFKIT_TEST_DATA"]


@pytest.fixture(scope="session")
def binary():
    return os.environ["GIFKIT_TEST_BINARY"]


@pytest.fixture(scope="session")
def work_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("gifkit-python"))


@pytest.fixture(scope="session")
def registry(data_dir, work_dir):
    """A registry file built by the module itself (gifkit.run: registry build)."""
    path = os.path.join(work_dir, "registry.db")
    sources = [os.path.join(data_dir, "abr", "national"), os.path.join(data_dir, "abr", "bunkyo"),
               os.path.join(data_dir, "houjin", "samples",
                            "code4fukui_gBizINFO_diff_20210714_utf8.csv")]
    result = gifkit.run("registry", "build", "--out", path, *sources)
    assert result.code == 0, result.messages
    return path


def cli(binary, *args):
    """The gifkit binary's exit code, standard output (bytes) and messages."""
    done = subprocess.run([binary, *args], capture_output=True, timeout=600)
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")
