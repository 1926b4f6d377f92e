"""test_pip_install.py — `pip install . --no-build-isolation` from the source tree, in
a virtual environment of Debian's python3 with its packages (docs/python.md): nothing
downloaded (--no-index), the module built by the project's CMake (the tests' own tree,
GIFKIT_BUILD_DIR, so nothing is compiled twice); the installed package reads the models
copied into it, not the source tree's, and checks a real file as the binary does."""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_pip_installs_a_package_that_runs_from_where_it_is(work_dir, data_dir, binary):
    venv = os.path.join(work_dir, "venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True)
    env = dict(os.environ, GIFKIT_BUILD_DIR=os.path.dirname(os.path.dirname(binary)))
    env.pop("PYTHONPATH", None)
    done = subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--no-build-isolation",
                           "--no-deps", "--no-index", "--quiet", ROOT],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    path = os.path.join(data_dir, "opendata-real", "municipal", "yaizu-city_222127_aed.csv")
    code = ("import gifkit, json, sys\n"
            "print(gifkit.__file__)\n"
            "print(gifkit.run('--version').output)\n"
            "print(json.dumps(gifkit.validate(sys.argv[1], data=sys.argv[2]).json))\n")
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "GIFKIT_MODELS", "GIFKIT_DATA")}
    ran = subprocess.run([os.path.join(venv, "bin", "python"), "-c", code, path, data_dir],
                         cwd=work_dir, env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr[-3000:]
    lines = ran.stdout.splitlines()
    package = os.path.dirname(lines[0])
    assert package.startswith(venv), lines[0]
    models = os.path.join(package, "share", "gifkit", "models")
    assert any(line.split() == ["models", models] for line in lines), ran.stdout
    report = json.loads(lines[-1])
    expected = subprocess.run([binary, "validate", "-f", "json", "--data", data_dir, path],
                              capture_output=True, timeout=120)
    assert report["valid"] == json.loads(expected.stdout)["valid"] is True
    assert report["tasks"][0]["countsByCode"] == json.loads(expected.stdout)["tasks"][0]["countsByCode"]
