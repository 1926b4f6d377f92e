"""The report of gifkit.validate as Python objects: the JSON of ``gifkit validate
-f json`` (docs/report.md, docs/report.schema.json), read, with its findings as
objects and as a pandas DataFrame."""

from __future__ import annotations

from collections import Counter
from typing import Any


class GifkitError(Exception):
    """A command could not run (gifkit's exit code 2): a usage error, a file or
    registry that could not be read. ``codes`` are the report's codes of the
    problems that stopped it (``unreadable-file``, …) when it wrote a report."""

    def __init__(self, message: str, exit_code: int = 2, *, codes: list[str] | None = None,
                 report: "Report | None" = None, messages: str = ""):
        super().__init__(message)
        self.exit_code = exit_code
        self.codes = list(codes or [])
        self.report = report
        self.messages = messages


class Finding:
    """One problem of the report: code, severity, row, line, column, field,
    value, message, suggestion, fix and key, as the JSON report names them
    (a value it has not got is None), and the path of its file."""

    FIELDS = ("code", "severity", "row", "line", "column", "field", "value", "message",
              "suggestion")

    def __init__(self, path: str, data: dict):
        self.path = path
        self.data = data

    def __getattr__(self, name: str) -> Any:
        if name in ("path", "data"):
            raise AttributeError(name)
        return self.data.get(name)

    def __repr__(self) -> str:
        where = f" row {self.row}" if self.row is not None else ""
        return f"<Finding {self.code} {self.severity}{where}: {self.message}>"


class Task:
    """One file of the report: its path, the model it was checked against, its
    verdict, its stats and its findings."""

    def __init__(self, data: dict):
        self.data = data
        self.path = data.get("path", "")
        self.model = data.get("model")
        self.valid = bool(data.get("valid"))
        self.stats = data.get("stats", {})
        self.findings = [Finding(self.path, error) for error in data.get("errors", [])]

    def __repr__(self) -> str:
        return f"<Task {self.path} model={self.model} valid={self.valid} findings={len(self.findings)}>"


class Report:
    """gifkit.validate's report: ``valid`` (the gate's verdict, as the exit code),
    ``stats``, ``quality``, ``tasks`` (one per file), ``findings`` (every file's),
    ``counts`` (findings by code), ``json`` (the whole JSON report as dicts and
    lists) and ``to_dataframe()``."""

    def __init__(self, data: dict, messages: str = ""):
        self.json = data
        self.messages = messages
        self.valid = bool(data.get("valid"))
        self.stats = data.get("stats", {})
        self.quality = data.get("quality", {})
        self.tasks = [Task(task) for task in data.get("tasks", [])]

    @property
    def findings(self) -> list[Finding]:
        return [finding for task in self.tasks for finding in task.findings]

    @property
    def counts(self) -> Counter:
        """The number of findings of each code, as the report counts them (every
        one, also those beyond a listing limit)."""
        counts: Counter = Counter()
        for task in self.tasks:
            counts.update(task.data.get("countsByCode", {}))
        return counts

    def error_codes(self) -> list[str]:
        return sorted({finding.code for finding in self.findings
                       if finding.severity == "error" and finding.code})

    def to_dataframe(self):
        """The findings as a pandas DataFrame: a row per finding, the columns
        path, code, severity, row, line, column, field, value, message, suggestion."""
        import pandas

        rows = [{"path": finding.path, **{name: finding.data.get(name) for name in Finding.FIELDS}}
                for finding in self.findings]
        return pandas.DataFrame(rows, columns=["path", *Finding.FIELDS])

    def __bool__(self) -> bool:
        return self.valid

    def __repr__(self) -> str:
        return (f"<Report valid={self.valid} files={len(self.tasks)} "
                f"findings={sum(len(task.findings) for task in self.tasks)}>")
