"""cases/address_normalize.py — 13.x: `gifkit address normalize` (docs/address.md)."""
import json
from .common import BUILD_REGISTRY
from .abr import ABR, ABR_DB, build_abr, bunkyo_town_row, write_town_rows
from .chars import ndjson

ROOM = "abr"  # the room these cases cover (tests/rooms.txt)


# 13.x — gifkit address normalize (docs/address.md)
NORMALIZE = ["address", "normalize", "--registry", ABR_DB]


def write_towns_named_with_numerals(tmp):
    """{tmp}/mt_town_all.csv: two 町字 whose 大字 name ends in a kanji numeral, one 丁目 written
    in full-width digits (箕六 １丁目), one in kanji (羽六 二丁目); {tmp}/numeral-towns.txt: each
    written both ways."""
    import os
    write_town_rows(tmp, [bunkyo_town_row("131059", "0901001", "箕六", "ミロク", "１丁目"),
                          bunkyo_town_row("131059", "0902002", "羽六", "ハロク", "二丁目")])
    lines = ["東京都文京区箕六一丁目", "文京区箕六1丁目", "文京区羽六二丁目", "文京区羽六２丁目"]
    with open(os.path.join(tmp, "numeral-towns.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def check_numeral_towns(stdout, env):
    got = [(row["machiaza_id"], row["match_level"]) for row in map(json.loads, stdout.splitlines())]
    want = [("0901001", "machiaza_detail")] * 2 + [("0902002", "machiaza_detail")] * 2
    return None if got == want else f"the 町字 reached: {got}, expected {want}"


def write_address_lines(tmp):
    """{tmp}/addresses.txt: bad lines around two good ones (the batch goes on)."""
    import os
    lines = [b"", b"a" * 10000, "\U0001F600\U0001F3E0".encode("utf-8"), b"\xe6\x9d\xb1\xe4",
             b"1234567", b"1600 Pennsylvania Avenue NW, Washington, DC 20500",
             "東京都文京区白山一丁目２番３号".encode("utf-8"),
             "〒112-0001 文京区白山1-2-3 ABCビル101".encode("utf-8")]
    with open(os.path.join(tmp, "addresses.txt"), "wb") as f:
        f.write(b"\n".join(lines) + b"\n")


def check_round2(stdout, env):
    """Each kind of input of the normalizer's round 2 resolves as the ABR says
    (tests/e2e/data/address_round2.txt, one line each)."""
    expected = [  # (match_level, lg_code, machiaza_id, coordinate_level)
        ("residential_detail", "131059", "0001001", "residence"),   # NFD kana after the address
        ("machiaza", "302015", "0142000", "machiaza"),             # NFD reading of 五番丁
        ("machiaza", "302015", "0142000", "machiaza"),             # ５番町 for 五番丁
        ("machiaza", "302015", "0188000", "machiaza"),             # 12番丁 for 十二番丁
        ("residential_detail", "131059", "0001001", "residence"),  # はくさん for 白山
        ("machiaza", "302015", "0001000", "machiaza"),             # あおいちょう for 葵町
        ("city", "141097", "", "city"),                            # 港北区 alone: unique
        ("unknown", "", "", ""),                                   # 北区: ambiguous
        ("residential_detail", "131059", "0001001", "residence"),  # 2番 3号
        ("residential_detail", "131059", "0001001", "residence"),  # 2 - 3
        ("machiaza_detail", "465054", "0000121", "machiaza_centroid"),  # no point of its own
        ("parcel", "302015", "0142000", "parcel"),       # 5-12: 五番丁 has 12, 五筋目 not
        ("parcel", "302015", "0020000", "machiaza"),     # 5-1-2: 五筋目 has 1-2
        ("city", "302015", "", "city"),                  # 2-3: 二番丁 and 二筋目 both have 3
    ]
    got = [(r["match_level"], r["lg_code"], r["machiaza_id"], r["coordinate_level"])
           for r in ndjson(stdout)]
    if got != expected:
        return "got\n  " + "\n  ".join(map(str, got))
    return None


def check_variants(with_tables):
    """tests/e2e/data/address_variants.txt: 本鄕, 大塜, ふじと坮 — old forms the fold
    table lacks — resolve with the published character tables, and stop at the
    city without them."""
    def check(stdout, env):
        expected = [("residential_detail", "0007002", "本郷２丁目"),
                    ("residential_block", "0013003", "大塚３丁目"),
                    ("parcel", "0451000", "ふじと台")] if with_tables else \
            [("city", "", ""), ("city", "", ""), ("city", "", "")]
        got = [(r["match_level"], r["machiaza_id"], r["gif"]["streetAddress"])
               for r in ndjson(stdout)]
        return None if got == expected else f"got {got}"
    return check


def write_mojibake_lines(tmp):
    """{tmp}/mojibake.txt: Shift_JIS bytes, a cut UTF-8 sequence, a lone
    continuation byte and an overlong, each around real address text."""
    import os
    lines = ["東京都文京区白山1-2-3".encode("cp932"),
             "文京区白山1-2-3 ".encode("utf-8") + b"\xe6\x9d",
             b"\x80" + "文京区白山一丁目".encode("utf-8"),
             "文京区白山1-2-3 ビル".encode("utf-8") + b"\xc0\xaf\xff",
             "東京都文京区白山1-2-3".encode("utf-8")]
    with open(os.path.join(tmp, "mojibake.txt"), "wb") as f:
        f.write(b"\n".join(lines) + b"\n")


def check_mojibake_ndjson(output, env):
    """Every line is UTF-8 and parses as JSON, the bad bytes are U+FFFD in
    input, the good lines still resolve."""
    try:
        lines = output.decode("utf-8").splitlines()
    except UnicodeDecodeError as error:
        return f"the output is not UTF-8: {error}"
    if len(lines) != 5:
        return f"expected 5 lines, got {len(lines)}"
    try:
        results = [json.loads(line) for line in lines]
    except ValueError as error:
        return f"a line is not JSON: {error}"
    if "\ufffd" not in results[1]["input"] or not results[1]["input"].startswith("文京区白山1-2-3"):
        return f"line 2 input not repaired: {results[1]['input']!r}"
    if results[4]["match_level"] != "residential_detail":
        return f"the good line did not resolve: {results[4]['match_level']}"
    if results[3]["others"] and "\ufffd" not in results[3]["others"] + results[3]["input"]:
        return f"line 4 not repaired: {results[3]!r}"
    return None


def check_utf8_lines(count):
    """A check that the output is UTF-8 with count lines."""
    def check(output, env):
        try:
            lines = output.decode("utf-8").splitlines()
        except UnicodeDecodeError as error:
            return f"the output is not UTF-8: {error}"
        return None if len(lines) == count else f"expected {count} lines, got {len(lines)}"
    return check


def check_mojibake_json(output, env):
    """The json array is UTF-8 and parses."""
    try:
        results = json.loads(output.decode("utf-8"))
    except ValueError as error:  # UnicodeDecodeError included
        return f"the json output does not parse: {error}"
    if len(results) != 5:
        return f"expected 5 results, got {len(results)}"
    return None


ADDRESS_CASES = [
    {"name": "13.1-address-normalize-bunkyo-many-ways", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["東京都文京区白山1-2-3", "文京区白山一丁目２番３号", "東京都 文京區 白山 1ー2ー3"],
     "exit": 0,
     "stdout_contains": ['"match_level":"residential_detail","lg_code":"131059",'
                         '"machiaza_id":"0001001"', '"blk_num":"2","rsdt_num":"3"',
                         '"cityBlock":"2-3"', '"lat":35.715225414,"lon":139.752559517']},
    {"name": "13.2-address-normalize-bad-lines-do-not-stop-the-batch", "needs_data": True,
     "setup": write_address_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/addresses.txt", "--format", "text"], "exit": 1,
     "stdout_contains": ["unknown\t-\t-\t\t(empty)", "(too long: 10000 characters",
                         "(not valid UTF-8", "(no prefecture or city of the registry",
                         "residential_detail\t131059\t0001001\t東京都文京区白山１丁目2-3\n"
                         "residential_detail\t131059\t0001001\t東京都文京区白山１丁目2-3 ABCビル101"]},
    {"name": "13.3-address-normalize-stdin-csv", "needs_data": True,
     "setup": write_address_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "-", "--format", "csv"], "stdin": "{tmp}/addresses.txt",
     "exit": 1,
     "stdout_contains": ["input,output,match_level,lg_code,machiaza_id,pref,county,city,ward,"
                         "oaza_cho,chome,koaza,blk_num,rsdt_num,rsdt_num2,prc_num1,prc_num2,"
                         "prc_num3,others,lat,lon,gif_localGovernmentCode",
                         ",ABCビル101,35.715225414,139.752559517,131059,0001001,東京都,文京区,"
                         "白山１丁目,2-3,ABCビル101,東京都文京区白山1-2-3 ABCビル101,1120001,,false"]},
    {"name": "13.4-address-normalize-yakushima-parcel", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/yakushima"),
     "args": NORMALIZE + ["鹿児島県熊毛郡屋久島町安房2405番地452", "屋久島町字安房二四〇五-四五二"],
     "exit": 0,
     "stdout_contains": ['"match_level":"parcel","lg_code":"465054","machiaza_id":"0000121"',
                         '"prc_num1":"2405","prc_num2":"452"',
                         '"cityAndCounty":"熊毛郡屋久島町","streetAddress":"安房","cityBlock":"2405-452"']},
    {"name": "13.5-address-normalize-wakayama-levels", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/wakayama"),
     "args": NORMALIZE + ["--format", "text", "和歌山県和歌山市打越町3番6号", "和歌山市有家333番地の2",
                          "和歌山市小松原通一丁目", "和歌山県海南市日方1234", "和歌山県どこか"],
     "exit": 0,
     "stdout_contains": ["residential_detail\t302015\t0035000\t和歌山県和歌山市打越町3-6\n",
                         "parcel\t302015\t0008000\t和歌山県和歌山市有家333-2\n",
                         "machiaza_detail\t302015\t0148001\t和歌山県和歌山市小松原通１丁目\n",
                         "machiaza\t302023\t0072000\t和歌山県海南市日方1234\t(the number '1234' is "
                         "not checked",
                         "prefecture\t300004\t-\t和歌山県 どこか"]},
    {"name": "13.6-address-normalize-ambiguous-city", "needs_data": True,
     "before": build_abr(ABR + "/national"),
     "args": NORMALIZE + ["--format", "json", "府中市宮西町1-1", "東京都府中市宮西町1-1"], "exit": 1,
     "stdout_contains": ['"match_level":"unknown"', '"ambiguous":true',
                         'ambiguous: 東京都府中市 (132063) 広島県府中市 (342084)',
                         '"match_level":"city","lg_code":"132063"', "\n]\n"]},
    {"name": "13.7-address-normalize-registry-without-abr", "needs_data": True,
     "before": [BUILD_REGISTRY],
     "args": ["address", "normalize", "--registry", "{tmp}/houjin.db", "東京都文京区白山1-2-3"],
     "exit": 2, "stderr_contains": ["no Address Base Registry data"]},
    {"name": "13.8-address-normalize-needs-input",
     "args": ["address", "normalize", "--registry", "{tmp}/none.db"], "exit": 2,
     "stderr_contains": ["give addresses or -i FILE"]},
    {"name": "13.10-address-normalize-mojibake-every-line-is-json", "needs_data": True,
     "setup": write_mojibake_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/mojibake.txt", "--format", "ndjson"], "exit": 1,
     "stdout_bytes_check": check_mojibake_ndjson},
    {"name": "13.11-address-normalize-mojibake-json-is-utf8", "needs_data": True,
     "setup": write_mojibake_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/mojibake.txt", "--format", "json"], "exit": 1,
     "stdout_bytes_check": check_mojibake_json},
    {"name": "13.12-address-normalize-mojibake-csv-is-utf8", "needs_data": True,
     "setup": write_mojibake_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/mojibake.txt", "--format", "csv"], "exit": 1,
     "stdout_bytes_check": check_utf8_lines(6)},
    {"name": "13.13-address-normalize-mojibake-text-is-utf8", "needs_data": True,
     "setup": write_mojibake_lines, "before": build_abr(ABR + "/national", ABR + "/bunkyo"),
     "args": NORMALIZE + ["-i", "{tmp}/mojibake.txt", "--format", "text"], "exit": 1,
     "stdout_bytes_check": check_utf8_lines(5)},
    {"name": "13.14-address-normalize-round-2-kinds", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo", ABR + "/wakayama", ABR + "/yakushima"),
     "args": NORMALIZE + ["-i", "{fixtures}/address_round2.txt"], "exit": 1,
     "stdout_check": check_round2},
    {"name": "13.15-address-normalize-variants-from-the-published-tables", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo", ABR + "/wakayama"),
     "args": NORMALIZE + ["--data", "{data}", "-i", "{fixtures}/address_variants.txt"], "exit": 0,
     "stdout_check": check_variants(True)},
    {"name": "13.16-address-normalize-variants-without-tables", "needs_data": True,
     "before": build_abr(ABR + "/national", ABR + "/bunkyo", ABR + "/wakayama"),
     "args": NORMALIZE + ["--data", "{tmp}", "-i", "{fixtures}/address_variants.txt"], "exit": 0,
     "stdout_check": check_variants(False)},
    {"name": "13.17-address-normalize-town-name-ending-in-a-numeral", "needs_data": True,
     "setup": write_towns_named_with_numerals,
     "before": build_abr(ABR + "/national", "{tmp}/mt_town_all.csv"),
     "args": NORMALIZE + ["-i", "{tmp}/numeral-towns.txt", "--format", "ndjson"], "exit": 0,
     "stdout_check": check_numeral_towns},
    {"name": "13.9-address-normalize-missing-registry",
     "args": ["address", "normalize", "--registry", "{tmp}/none.db", "文京区"], "exit": 2,
     "stderr_contains": ["none.db"]},
]
CASES = ADDRESS_CASES
