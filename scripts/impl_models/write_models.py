#!/usr/bin/env python3
"""write_models.py — writes models/impl/*.xml, gifkit's implementation data models (防災 bousai:,
教育 kyoiku:, 行政 gyosei:), from the guidebooks' text and the Mermaid class diagrams in
../shared/data/gif/impl (see its README) and the 2025 core models (models/gif/, whose item ids
and labels the pd: items take). Run it again when the guidebooks change; the models are data:
review the diff. The rules it applies are in docs/models.md (Implementation data models).

    python3 scripts/impl_models/write_models.py ../shared/data/gif/impl models
"""
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import paths  # noqa: E402


def main():
    paths.IMPL, paths.MODELS = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    out = os.path.join(paths.MODELS, "impl")
    os.makedirs(out, exist_ok=True)
    for script, extra in (("gen_bousai.py", ["all"]), ("gen_kyoiku.py", []), ("gen_gyosei.py", [])):
        sys.argv = [script, out, *extra]
        runpy.run_path(os.path.join(HERE, script), run_name="__main__")


if __name__ == "__main__":
    main()
