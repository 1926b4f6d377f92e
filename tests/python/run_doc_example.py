#!/usr/bin/env python3
"""run_doc_example.py — runs the Python of a documentation page, as a reader of
it would in a notebook: every ```python block of the page, in order, in one
namespace, from the source tree's root (the page's paths are written from
there), printing each block and what it prints. Exit 0 when every block ran,
1 naming the block that raised. Used by ctest (python.doc-example) and by
scripts/demo.sh, so the page's example is run wherever gifkit is built.

  PYTHONPATH=build/python python3 tests/python/run_doc_example.py docs/python.md
"""
import os
import re
import sys
import traceback


def blocks(page):
    with open(page, encoding="utf-8") as file:
        text = file.read()
    return re.findall(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    page = os.path.abspath(sys.argv[1])
    found = blocks(page)
    if not found:
        print(f"{page}: no ```python block", file=sys.stderr)
        return 1
    os.chdir(os.path.dirname(os.path.dirname(page)))
    namespace = {"__name__": "__main__"}
    for number, code in enumerate(found, 1):
        print(f">>> block {number} of {len(found)}")
        print(code.rstrip())
        print("---")
        try:
            exec(compile(code, f"{page} block {number}", "exec"), namespace)
        except Exception:  # the page's example failed: say where, and go no further
            traceback.print_exc()
            print(f"{page}: block {number} of {len(found)} raised", file=sys.stderr)
            return 1
        sys.stdout.flush()
    print(f"{page}: {len(found)} blocks ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
