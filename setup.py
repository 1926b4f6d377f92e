"""setup.py — builds the Python package gifkit for `pip install . --no-build-isolation`
(docs/python.md): CMake configures and builds the native module (tools/python/) for the
running interpreter in GIFKIT_BUILD_DIR (default build/pip), and the package gets its
Python files, the module, and a copy of the models (share/gifkit/models inside the
package, as an installed tree has them), so it runs wherever it is installed."""

import os
import re
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


def version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as file:
        return re.search(r"project\(gifkit VERSION ([0-9.]+)", file.read()).group(1)


class CMakeBuild(build_ext):
    """Builds the module with the project's CMake build instead of setuptools' compiler."""

    def build_extension(self, ext):
        tree = os.path.abspath(os.environ.get("GIFKIT_BUILD_DIR", os.path.join(ROOT, "build", "pip")))
        if not os.path.exists(os.path.join(tree, "CMakeCache.txt")):
            configure = ["cmake", "-S", ROOT, "-B", tree, "-DCMAKE_BUILD_TYPE=Release",
                         "-DGIFKIT_PYTHON_MODULE=ON", f"-DPython3_EXECUTABLE={sys.executable}"]
            if shutil.which("ninja"):
                configure += ["-G", "Ninja"]
            subprocess.run(configure, check=True)
        # A tree configured before (GIFKIT_BUILD_DIR=build) is built as it is configured.
        subprocess.run(["cmake", "--build", tree, "--target", "gifkit_python",
                        "-j", str(os.cpu_count() or 2)], check=True)
        built = os.path.join(tree, "python", "gifkit")
        package = os.path.join(os.path.abspath(self.build_lib), "gifkit")
        os.makedirs(package, exist_ok=True)
        module = os.path.join(built, "_gifkit" + sysconfig.get_config_var("EXT_SUFFIX"))
        if not os.path.exists(module):
            sys.exit(f"setup.py: {tree} built no {os.path.basename(module)} for this Python "
                     f"({sys.executable}): its module is {os.listdir(built)}; give another "
                     "GIFKIT_BUILD_DIR, or none")
        os.makedirs(os.path.dirname(self.get_ext_fullpath(ext.name)), exist_ok=True)
        shutil.copy2(module, self.get_ext_fullpath(ext.name))
        models = os.path.join(package, "share", "gifkit", "models")
        shutil.rmtree(models, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "models"), models,
                        ignore=shutil.ignore_patterns("engine", "CMakeLists.txt"))
        with open(os.path.join(package, "_location.py"), "w", encoding="utf-8") as file:
            file.write("# Where the installed tree's prefix is, from this folder (None: the build tree).\n"
                       "PREFIX_FROM_PACKAGE = \".\"\n")


setup(
    name="gifkit",
    version=version(),
    description="Validate and transform Japanese public data against the GIF data models",
    packages=["gifkit"],
    package_dir={"gifkit": "tools/python/gifkit"},
    ext_modules=[Extension("gifkit._gifkit", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.9",
    zip_safe=False,
)
