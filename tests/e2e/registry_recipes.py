"""registry_recipes.py — each registry recipe of the end-to-end suite built once per test run.

110 setup steps of cases/ are a `gifkit registry build --out {tmp}/X.db SOURCES…` of one of
22 recipes (the four-area ABR one takes ~11 s, its push to PostgreSQL as long again). A
recipe is the build's arguments without its --out and the sources' sizes and times; the first
case that needs it runs the build as the case would and keeps the file in the cache folder
GIFKIT_E2E_REGISTRY_CACHE (set by tests/e2e/CMakeLists.txt under the build tree), in a
subfolder of the gifkit binary's own (its size and time: a new binary starts empty); every
other case copies it.
On a PostgreSQL server (registry_backend), the recipe is also pushed once into a database
recipe_KEY that the cases copy (CREATE DATABASE … TEMPLATE) instead of pushing the file.

What a case tests is never served from the cache: only its setup steps ("before") that
exit 0, and only recipes whose sources are published or fixture files (not files the case
wrote into its own folder). Without GIFKIT_E2E_REGISTRY_CACHE (a case run by hand) every
build runs.
"""
import fcntl
import hashlib
import json
import os
import shutil

CACHE_FOLDER = "GIFKIT_E2E_REGISTRY_CACHE"


def out_index(args):
    """The index of the -o/--output/--out value of a `registry build` argument list, else
    None."""
    if args[:2] != ["registry", "build"]:
        return None
    for i, arg in enumerate(args[:-1]):
        if arg in ("--out", "-o", "--output"):
            return i + 1
    return None


def _stat_of(path, digest):
    """Adds what identifies the file or folder at path (names, sizes, times) to digest."""
    if os.path.isdir(path):
        for folder, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                _stat_of(os.path.join(folder, name), digest)
        return
    stat = os.stat(path)
    digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())


def recipe_key(args, case_folder):
    """The recipe of a build's argument list: a hex key, or None when the build is not one to
    share (no --out, or a source inside the case's own folder)."""
    out = out_index(args)
    if out is None:
        return None
    rest = args[:out - 1] + args[out + 1:]
    digest = hashlib.sha256(json.dumps(rest).encode())  # the binary: its own folder
    for arg in rest[2:]:
        if os.path.exists(arg):
            if os.path.abspath(arg).startswith(os.path.abspath(case_folder) + os.sep):
                return None
            _stat_of(arg, digest)
    return digest.hexdigest()[:20]


def _folder_of_binary(folder, gifkit):
    """The cache's subfolder for this gifkit binary; the folders of other binaries (an older
    build's files, which no key of this one can name) are removed when it is made."""
    digest = hashlib.sha256()
    _stat_of(gifkit, digest)
    own = os.path.join(folder, digest.hexdigest()[:12])
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "binary.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.isdir(own):
            for name in os.listdir(folder):
                if name != "binary.lock":
                    shutil.rmtree(os.path.join(folder, name), ignore_errors=True)
            os.makedirs(own)
    return own


def build(gifkit, args, case_folder, run, registries):
    """Runs the setup step `registry build` args (run(args) runs it as any step, failing the
    case on a non-zero exit) or copies its recipe's file from the cache; registries (of
    registry_backend) learns the recipe's database on a server."""
    folder = os.environ.get(CACHE_FOLDER)
    key = recipe_key(args, case_folder) if folder else None
    if key is None:
        run(args)
        return
    folder = _folder_of_binary(folder, gifkit)
    out = args[out_index(args)]
    cached = os.path.join(folder, key + ".db")
    with open(os.path.join(folder, key + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build per recipe; the others wait, then copy
        if os.path.exists(cached):
            shutil.copyfile(cached, out)
        else:
            run(args)
            shutil.copyfile(out, cached + ".part")
            os.replace(cached + ".part", cached)
        registries.from_recipe(out, cached, "recipe_" + key)
