"""test_validate.py — gifkit.validate: the module's report is the binary's, on
every real file of ../shared/data/opendata-real/, from a path and from a pandas
DataFrame; findings as objects and as a DataFrame; errors as exceptions with
the report's codes; the GIL released while it runs."""

import glob
import json
import os
import threading
import time

import pandas
import pytest

import gifkit
from conftest import cli


def real_files(data_dir, checked_only=False):
    files = sorted(glob.glob(os.path.join(data_dir, "opendata-real", "*", "*.csv")))
    assert len(files) >= 12, files
    if checked_only:  # the files a model fits (the others raise GifkitError: no-model-fits)
        files = [path for path in files if "procurement" not in path and "tourist_toilets" not in path]
    return files


def without_timings(value):
    """The report with what differs between two runs of the same check (seconds) left out."""
    if isinstance(value, dict):
        return {key: without_timings(item) for key, item in value.items() if key != "seconds"}
    if isinstance(value, list):
        return [without_timings(item) for item in value]
    return value


def test_version_is_the_binarys(binary):
    code, out, _ = cli(binary, "--version")
    assert code == 0
    assert out.decode().split()[1] == gifkit.__version__


def test_reports_are_the_binarys_on_every_real_file(data_dir, binary):
    exits = []
    for path in real_files(data_dir):
        code, out, _ = cli(binary, "validate", "-f", "json", path)
        exits.append(code)
        if code == 2:  # no model fits the file: the check could not run
            with pytest.raises(gifkit.GifkitError) as raised:
                gifkit.validate(path)
            report = raised.value.report
            assert raised.value.codes == ["no-model-fits"], path
        else:
            report = gifkit.validate(path)
            assert code == (0 if report.valid else 1), path
        assert without_timings(report.json) == without_timings(json.loads(out)), path
        assert report.tasks[0].path == path
    assert set(exits) == {0, 1, 2}, exits


def test_a_failing_real_file_has_its_findings(data_dir):
    path = os.path.join(data_dir, "opendata-real", "municipal",
                        "ishikawa-pref_170003_evacuation_space.csv")
    report = gifkit.validate(path)
    assert not report.valid and not report
    assert report.tasks[0].model == "opendata:evacuation-space"
    first = report.findings[0]
    assert first.code and first.severity in ("error", "warning", "info")
    assert first.row >= 2 and first.field and first.message
    counts = report.counts
    assert counts["invalid-format"] > 0
    frame = report.to_dataframe()
    assert list(frame.columns) == ["path", "code", "severity", "row", "line", "column", "field",
                                   "value", "message", "suggestion"]
    assert len(frame) == len(report.findings)
    assert set(frame["code"]) <= set(counts)
    assert (frame["path"] == path).all()


def test_a_dataframe_is_checked_as_its_file(data_dir):
    path = os.path.join(data_dir, "opendata-real", "municipal",
                        "yaizu-city_222127_public_toilet.csv")
    from_file = gifkit.validate(path)
    with open(path, "rb") as file:
        head = file.read(4096)
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        encoding = "cp932"
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    name = os.path.basename(path)
    from_frame = gifkit.validate(frame, name=name)
    assert from_frame.tasks[0].path == name
    assert from_frame.tasks[0].model == from_file.tasks[0].model
    assert from_frame.valid == from_file.valid
    assert from_frame.counts == from_file.counts


def test_a_dataframe_without_a_name_is_chosen_by_its_header():
    frame = pandas.DataFrame({"法人番号": ["7000012050002", "1234567890123"],
                              "名称": ["国税庁", "架空の会社"]})
    report = gifkit.validate(frame, model="gif:LegalEntity")
    assert report.tasks[0].path == "dataframe.csv"
    assert not report.valid
    rows = {finding.row for finding in report.findings if finding.field == "法人番号"}
    assert 3 in rows and 2 not in rows


def test_a_file_that_cannot_be_read_raises_with_the_reports_code(work_dir):
    missing = os.path.join(work_dir, "no-such-file.csv")
    with pytest.raises(gifkit.GifkitError) as raised:
        gifkit.validate(missing)
    assert raised.value.exit_code == 2
    assert raised.value.codes, raised.value.messages
    assert raised.value.report is not None
    assert "no-such-file.csv" in str(raised.value)
    assert "no-such-file.csv" in str(raised.value) or "no-such-file.csv" in json.dumps(
        raised.value.report.json, ensure_ascii=False)


def test_a_usage_error_raises_with_the_commands_message(data_dir):
    path = real_files(data_dir, checked_only=True)[0]
    with pytest.raises(gifkit.GifkitError) as raised:
        gifkit.validate(path, model="gif:NoSuchClass")
    assert raised.value.exit_code == 2
    assert "NoSuchClass" in str(raised.value)


def test_the_gil_is_released_while_a_file_is_checked(data_dir):
    paths = real_files(data_dir, checked_only=True)
    done = threading.Event()
    reports = []

    def check():
        try:
            for path in paths:
                reports.append(gifkit.validate(path))
        finally:
            done.set()

    worker = threading.Thread(target=check)
    ticks = 0
    started = time.monotonic()
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    seconds = time.monotonic() - started
    assert len(reports) == len(paths)
    # Held, the GIL would let this loop run only between two files (a dozen times);
    # released, it ticks about once a millisecond throughout.
    assert seconds > 0.2 and ticks > 100, (seconds, ticks)
