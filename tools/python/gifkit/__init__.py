"""gifkit in Python: validate, transform, normalize, look up and link Japanese public data.

The functions run gifkit's own commands in this process (the native module
``gifkit._gifkit``: the same options, library functions and JSON as the
``gifkit`` binary; no subprocess; the GIL is released while they run). A
function builds the command's arguments from its parameters and reads what it
writes: ``validate(path)`` is ``gifkit validate -f json path``, and its
``Report`` holds that JSON. See docs/python.md.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any, Iterable, Sequence

from . import _gifkit
from ._location import PREFIX_FROM_PACKAGE
from .report import GifkitError, Report

__all__ = [
    "GifkitError",
    "Report",
    "Result",
    "TransformResult",
    "chars_check",
    "link",
    "lookup_corporation",
    "normalize",
    "run",
    "transform",
    "validate",
    "__version__",
]

__version__ = _gifkit.version()

if PREFIX_FROM_PACKAGE is not None:
    # An installed package: the commands read the models of the tree it is
    # installed in (<prefix>/share/gifkit), not the running python3's.
    _prefix = os.path.normpath(os.path.join(os.path.dirname(__file__), PREFIX_FROM_PACKAGE))
    _gifkit.set_program_path(os.path.join(_prefix, "bin", "gifkit"))


class Result:
    """What a command did: its exit code (0 ok, 1 data not OK, 2 could not run), its
    standard output and its messages (standard error), as text."""

    def __init__(self, args: Sequence[str], code: int, out: bytes, err: bytes):
        self.args = list(args)
        self.code = code
        self.output_bytes = out
        self.messages = err.decode("utf-8", errors="replace")

    @property
    def output(self) -> str:
        return self.output_bytes.decode("utf-8", errors="replace")

    def __repr__(self) -> str:
        return f"Result(args={self.args!r}, code={self.code})"


def run(*args: Any) -> Result:
    """``gifkit ARGS…`` in this process: ``run("lookup", "char", "髙")``."""
    text_args = [os.fspath(arg) if isinstance(arg, os.PathLike) else str(arg) for arg in args]
    code, out, err = _gifkit.run(text_args)
    return Result(text_args, code, out, err)


def _common(data: Any, models: Any, gif_version: str | None) -> list[str]:
    args: list[str] = []
    if data is not None:
        args += ["--data", os.fspath(data)]
    if models is not None:
        args += ["--models", os.fspath(models)]
    if gif_version is not None:
        args += ["--gif-version", str(gif_version)]
    return args


def _fail(result: Result, what: str) -> GifkitError:
    return GifkitError(result.messages.strip() or f"gifkit {what} could not run", result.code,
                       messages=result.messages)


def _is_dataframe(value: Any) -> bool:
    return type(value).__name__ == "DataFrame" and hasattr(value, "to_csv")


class _Inputs:
    """Paths for the command: a path as given, a pandas DataFrame written to a
    temporary UTF-8 CSV named ``name`` (the model is chosen by header and file
    name, as for a file), removed afterwards."""

    def __init__(self, sources: Iterable[Any], name: str | None):
        self._dir: tempfile.TemporaryDirectory | None = None
        self.paths: list[str] = []
        self.shown: dict[str, str] = {}  # temporary path -> the name the report shows
        for index, source in enumerate(sources):
            if _is_dataframe(source):
                if self._dir is None:
                    self._dir = tempfile.TemporaryDirectory(prefix="gifkit-")
                shown = name or "dataframe.csv"
                if index:
                    shown = f"{index + 1}-{shown}"
                path = os.path.join(self._dir.name, os.path.basename(shown))
                source.to_csv(path, index=False, encoding="utf-8")
                self.shown[path] = shown
                self.paths.append(path)
            else:
                self.paths.append(os.fspath(source))

    def shown_in(self, value: Any) -> Any:
        """value (a command's JSON, or its messages) with each temporary path
        written as the name it stands for."""
        if not self.shown:
            return value
        if isinstance(value, str):
            for path, shown in self.shown.items():
                value = value.replace(path, shown)
            return value
        if isinstance(value, dict):
            return {key: self.shown_in(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.shown_in(item) for item in value]
        return value

    def __enter__(self) -> "_Inputs":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._dir is not None:
            self._dir.cleanup()


def validate(
    source: Any,
    model: str | None = None,
    registry: Any = None,
    *,
    name: str | None = None,
    data: Any = None,
    models: Any = None,
    gif_version: str | None = None,
    options: Sequence[str] = (),
) -> Report:
    """Validates a file (CSV, TSV, .xlsx, GIF XML), a list of them, or a pandas
    DataFrame against a GIF model or a municipal standard dataset: the report of
    ``gifkit validate -f json``. ``model``: a model id (``gif:LegalEntity``,
    ``opendata:public-toilet``; default: chosen by header and file name);
    ``registry``: a registry file or ``postgresql://…`` for the registry checks;
    ``name``: the file name a DataFrame is given (``…_public_toilet.csv``);
    ``options``: any other ``gifkit validate`` options (``["--skip", "wrong-width"]``).
    A file that cannot be read raises GifkitError with the report's codes."""
    sources = list(source) if isinstance(source, (list, tuple)) else [source]
    args = ["validate", "-f", "json"]
    if model is not None:
        args += ["--model", str(model)]
    if registry is not None:
        args += ["--registry", os.fspath(registry)]
    args += _common(data, models, gif_version) + [str(option) for option in options]
    with _Inputs(sources, name) as inputs:
        result = run(*args, "--", *inputs.paths)
        result.messages = inputs.shown_in(result.messages)
        if not result.output_bytes.strip():
            raise _fail(result, "validate")
        report = Report(inputs.shown_in(json.loads(result.output_bytes)), result.messages)
    if result.code == 2:
        stopped = [finding.message for finding in report.findings if finding.severity == "error"]
        raise GifkitError(
            result.messages.strip() or "; ".join(stopped[:3]) or "an input could not be read",
            2,
            codes=report.error_codes(),
            report=report,
            messages=result.messages,
        )
    return report


def normalize(
    addresses: str | Iterable[str],
    registry: Any,
    *,
    data: Any = None,
    models: Any = None,
) -> list[dict]:
    """Normalizes addresses as people write them against the Address Base
    Registry of ``registry``: one dict per address, in order, with the fields of
    ``gifkit address normalize -f ndjson`` (the Digital Agency geocoder's names)."""
    single = isinstance(addresses, str)
    items = [addresses] if single else list(addresses)
    if not items:
        return []
    with tempfile.TemporaryDirectory(prefix="gifkit-") as folder:
        path = os.path.join(folder, "addresses.txt")
        with open(path, "w", encoding="utf-8") as file:
            for item in items:
                if "\n" in item or "\r" in item:
                    raise ValueError(f"an address holds a line break: {item!r}")
                file.write(item + "\n")
        result = run("address", "normalize", "--registry", os.fspath(registry), "-f", "ndjson",
                     "-i", path, *_common(data, models, None))
    if result.code == 2:
        raise _fail(result, "address normalize")
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def lookup_corporation(
    number: str | None = None,
    *,
    registry: Any,
    name: str | None = None,
    furigana: str | None = None,
    en_name: str | None = None,
    pref: str | None = None,
    city: str | None = None,
    kind: str | None = None,
    open_only: bool = False,
    include_hidden: bool = False,
    limit: int | None = None,
    history: bool = False,
) -> list[dict]:
    """A corporation by its 13-digit 法人番号 (with ``history=True``, every imported
    row), or the corporations whose name, furigana or English name matches: the
    records of ``gifkit lookup corporation -f json`` with the NTA's field names.
    An unknown number gives an empty list; a malformed one raises GifkitError."""
    args = ["lookup", "corporation", "--registry", os.fspath(registry), "-f", "json"]
    for option, value in (("--name", name), ("--furigana", furigana), ("--en-name", en_name),
                          ("--pref", pref), ("--city", city), ("--kind", kind),
                          ("--limit", limit)):
        if value is not None:
            args += [option, str(value)]
    if open_only:
        args.append("--open-only")
    if include_hidden:
        args.append("--include-hidden")
    if history:
        args.append("--history")
    if number is not None:
        args += ["--", str(number)]
    result = run(*args)
    if result.code == 2:
        raise _fail(result, "lookup corporation")
    found = json.loads(result.output_bytes) if result.output_bytes.strip() else []
    return found if isinstance(found, list) else [found]


def chars_check(
    source: Any,
    charset: str | None = None,
    *,
    column: str | Sequence[str] | None = None,
    name: str | None = None,
    registry: Any = None,
    data: Any = None,
    models: Any = None,
) -> dict:
    """Every character of a file (CSV, TSV, text, .xlsx) or a DataFrame outside
    ``charset`` (jisx0208 by default; jisx0213, mj, katakana, …) with its place,
    MJ number and 縮退 candidates: the JSON of ``gifkit chars check -f json``."""
    args = ["chars", "check", "-f", "json"]
    if charset is not None:
        args += ["--charset", charset]
    columns = [column] if isinstance(column, str) else list(column or [])
    for one in columns:
        args += ["--column", one]
    if registry is not None:
        args += ["--registry", os.fspath(registry)]
    args += _common(data, models, None)
    with _Inputs([source], name) as inputs:
        result = run(*args, "--", *inputs.paths)
        result.messages = inputs.shown_in(result.messages)
        if result.code == 2 or not result.output_bytes.strip():
            raise _fail(result, "chars check")
        return inputs.shown_in(json.loads(result.output_bytes))


class TransformResult:
    """What ``transform`` wrote: the output file, the change log (one dict per
    change) and the review list (rows a person must settle), and the messages."""

    def __init__(self, output: str, changes: list[dict], review: list[dict], messages: str, code: int):
        self.output = output
        self.changes = changes
        self.review = review
        self.messages = messages
        self.code = code

    def __repr__(self) -> str:
        return (f"TransformResult(output={self.output!r}, changes={len(self.changes)}, "
                f"review={len(self.review)})")


def transform(
    source: Any,
    output: Any,
    model: str | None = None,
    registry: Any = None,
    *,
    to: str | None = None,
    charset: str | None = None,
    name: str | None = None,
    data: Any = None,
    models: Any = None,
    options: Sequence[str] = (),
) -> TransformResult:
    """Rewrites a dataset (a file or a DataFrame) in a model's GIF form into
    ``output`` (CSV or .xlsx, written atomically), as ``gifkit transform``: every
    certain fix applied, the changes logged, what only a person can settle on the
    review list (left as it was)."""
    import csv

    args = ["transform", "-o", os.fspath(output)]
    if model is not None:
        args += ["--model", str(model)]
    if registry is not None:
        args += ["--registry", os.fspath(registry)]
    if to is not None:
        args += ["--to", to]
    if charset is not None:
        args += ["--charset", charset]
    args += _common(data, models, None) + [str(option) for option in options]
    with tempfile.TemporaryDirectory(prefix="gifkit-") as folder:
        log = os.path.join(folder, "changes.ndjson")
        review = os.path.join(folder, "review.csv")
        with _Inputs([source], name) as inputs:
            result = run(*args, "--log", log, "--review", review, "--", *inputs.paths)
            result.messages = inputs.shown_in(result.messages)
        if result.code == 2:
            raise _fail(result, "transform")
        changes: list[dict] = []
        if os.path.exists(log):
            with open(log, encoding="utf-8") as file:
                changes = [json.loads(line) for line in file if line.strip()]
        rows: list[dict] = []
        if os.path.exists(review):
            with open(review, encoding="utf-8-sig", newline="") as file:
                rows = list(csv.DictReader(file))
    return TransformResult(os.fspath(output), changes, rows, result.messages, result.code)


def link(
    left: Any,
    right: Any = None,
    *,
    model: str | None = None,
    threshold: float | None = None,
    id: str | None = None,
    registry: Any = None,
    data: Any = None,
    models: Any = None,
    options: Sequence[str] = (),
) -> list[dict]:
    """Links the same people in two lists (files or DataFrames) written two ways,
    or finds them within one (``right`` omitted): the links of ``gifkit link -f
    json``, each with both rows, the match probability and why."""
    args = ["link", "-f", "json"]
    if model is not None:
        args += ["--model", model]
    if threshold is not None:
        args += ["--threshold", repr(float(threshold))]
    if id is not None:
        args += ["--id", id]
    if registry is not None:
        args += ["--registry", os.fspath(registry)]
    args += _common(data, models, None) + [str(option) for option in options]
    sources = [left] if right is None else [left, right]
    with _Inputs(sources, None) as inputs:
        result = run(*args, "--", *inputs.paths)
        result.messages = inputs.shown_in(result.messages)
        if result.code == 2 or not result.output_bytes.strip():
            raise _fail(result, "link")
        links = inputs.shown_in(json.loads(result.output_bytes))
    return links if isinstance(links, list) else links.get("links", links)
