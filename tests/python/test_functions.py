"""test_functions.py — gifkit.normalize, lookup_corporation, chars_check,
transform, link and run: each gives what the binary gives for the same
question, on real data (a registry built from the ABR of 文京区 and a day of
the NTA's 法人番号 diff), and raises GifkitError when the command could not run."""

import csv
import json
import os

import pandas
import pytest

import gifkit
from conftest import cli

# A real 住居表示 address of 文京区 (mt_rsdtdsp_rsdt_pref13) as a person writes it.
ADDRESS = "東京都文京区白山五丁目１番３号"


def test_normalize_is_the_binarys(registry, binary, work_dir):
    addresses = [ADDRESS, "文京区白山５－１－３", "東京都文京区どこにもない町1-1"]
    results = gifkit.normalize(addresses, registry)
    assert len(results) == 3
    assert results[0]["lg_code"] == "131059" and results[0]["oaza_cho"] == "白山"
    assert results[1]["machiaza_id"] == results[0]["machiaza_id"]
    path = os.path.join(work_dir, "addresses.txt")
    with open(path, "w", encoding="utf-8") as file:
        file.write("\n".join(addresses) + "\n")
    code, out, _ = cli(binary, "address", "normalize", "--registry", registry, "-f", "ndjson",
                       "-i", path)
    assert code in (0, 1)
    assert results == [json.loads(line) for line in out.decode().splitlines()]
    assert gifkit.normalize(ADDRESS, registry)[0] == results[0]
    assert gifkit.normalize([], registry) == []


def test_normalize_without_a_registry_file_raises(work_dir):
    with pytest.raises(gifkit.GifkitError) as raised:
        gifkit.normalize([ADDRESS], os.path.join(work_dir, "no-such-registry.db"))
    assert raised.value.exit_code == 2
    assert "no-such-registry.db" in str(raised.value)


def test_lookup_corporation_by_number_and_by_name(registry, binary):
    found = gifkit.lookup_corporation("1010001072706", registry=registry)
    assert len(found) == 1
    assert found[0]["name"] == "東京増田医療器株式会社"
    assert found[0]["cityName"] == "文京区"
    code, out, _ = cli(binary, "lookup", "corporation", "--registry", registry, "-f", "json",
                       "1010001072706")
    assert code == 0
    cli_found = json.loads(out)
    assert found == (cli_found if isinstance(cli_found, list) else [cli_found])
    by_name = gifkit.lookup_corporation(registry=registry, name="東京増田医療器")
    assert "1010001072706" in {row["corporateNumber"] for row in by_name}


def test_lookup_corporation_unknown_and_malformed(registry):
    # 7000012050002 (国税庁) is well formed and not in this registry's day of diff.
    assert gifkit.lookup_corporation("7000012050002", registry=registry) == []
    with pytest.raises(gifkit.GifkitError) as raised:
        gifkit.lookup_corporation("1010001072707", registry=registry)
    assert raised.value.exit_code == 2
    assert "check digit" in str(raised.value)


def test_chars_check_names_what_jis_x_0208_lacks():
    frame = pandas.DataFrame({"氏名": ["髙橋　一郎", "山田　花子"], "住所": ["東京都", "大阪府"]})
    found = gifkit.chars_check(frame, "jisx0208")
    text = json.dumps(found, ensure_ascii=False)
    assert "髙" in text and "U+9AD9" in text.upper()
    assert "山田" not in text or "花子" not in text
    assert '"file": "dataframe.csv"' in text and "gifkit-" not in text  # not the temporary file


def test_transform_writes_what_the_binary_writes(data_dir, binary, work_dir):
    source = os.path.join(data_dir, "opendata-real", "municipal",
                          "yaizu-city_222127_public_toilet.csv")
    output = os.path.join(work_dir, "toilets-module.csv")
    result = gifkit.transform(source, output)
    assert result.code in (0, 1), result.messages
    assert result.changes, "the real file has certain fixes to log"
    assert {"rule"} <= set(result.changes[0]) or "row" in result.changes[0]
    expected = os.path.join(work_dir, "toilets-binary.csv")
    code, _, messages = cli(binary, "transform", "-o", expected, source)
    assert code == result.code, messages
    with open(output, "rb") as mine, open(expected, "rb") as theirs:
        assert mine.read() == theirs.read()
    with open(output, encoding="utf-8-sig", newline="") as file:
        header = next(csv.reader(file))
    assert "全国地方公共団体コード" in header


def test_transform_that_cannot_run_raises(work_dir):
    with pytest.raises(gifkit.GifkitError):
        gifkit.transform(os.path.join(work_dir, "missing.csv"), os.path.join(work_dir, "o.csv"))


def test_link_finds_one_person_written_two_ways():
    left = pandas.DataFrame({"氏名": ["山田　太郎", "佐藤　花子"],
                             "生年月日": ["1980-04-01", "1975-12-24"],
                             "住所": ["東京都文京区白山五丁目1番3号", "大阪府大阪市北区梅田1-1"]})
    right = pandas.DataFrame({"氏名": ["山田太郎", "鈴木　一郎"],
                              "生年月日": ["1980-04-01", "1990-01-01"],
                              "住所": ["東京都文京区白山5-1-3", "北海道札幌市中央区北1条西2"]})
    links = gifkit.link(left, right)
    assert isinstance(links, list) and len(links) == 1, links
    text = json.dumps(links[0], ensure_ascii=False)
    assert "山田" in text and "佐藤" not in text and "鈴木" not in text


def test_run_is_the_program(registry):
    result = gifkit.run("lookup", "corporation", "--registry", registry, "--name", "東京増田医療器")
    assert result.code == 0, result.messages
    assert "1010001072706" in result.output and "東京増田医療器株式会社" in result.output
    bad = gifkit.run("no-such-command")
    assert bad.code == 2 and "unknown command" in bad.messages
