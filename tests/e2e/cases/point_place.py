"""cases/point_place.py — 17.5x: the point versus the place (issue #30 step 2): a row's 緯度/経度
against the places of its own city and of the others as the registry knows them, on files named
like real portal downloads. Correct data passes; a point in another city is an error where the
registry has the 町字 points of the city, a warning with the distance where it has only the
city's point and the point lies beyond the reach of that point."""
import os

from .common import task
from .validate_registry import ABR_EBINO_TOWNS, ABR_FOUR_AREAS

ROOM = "checks"  # the room these cases cover (tests/rooms.txt)

HEADER = "全国地方公共団体コード,ID,地方公共団体名,名称,所在地_連結表記,緯度,経度\n"
WAKAYAMA = "wakayama-city_302015_fire_hydrant.csv"
KOBAYASHI = "kobayashi-city_452050_fire_hydrant.csv"


def write_wakayama(tmp):
    """消防水利施設 of 和歌山市, each point inside the city 12 km from its point (the ABR's
    representative point of 和歌山市) and 1.5 km from 岩出市's: row 2 at 上三毛 written as
    上三毛, row 3 at 上三毛 written as 大垣内 (2.8 km away: a 町字 of the same city is nearer
    than any other city's), row 4 at 新庄 (10.9 km from the city's point)."""
    with open(os.path.join(tmp, WAKAYAMA), "w", encoding="utf-8") as f:
        f.write(HEADER +
                "302015,H1,和歌山県和歌山市,消火栓1,和歌山県和歌山市上三毛,34.2445,135.3040\n"
                "302015,H2,和歌山県和歌山市,消火栓2,和歌山県和歌山市大垣内,34.2445,135.3040\n"
                "302015,H3,和歌山県和歌山市,消火栓3,和歌山県和歌山市新庄,34.2397,135.2896\n")


def write_wakayama_elsewhere(tmp):
    """A 和歌山市 address whose point is at 岩出市押川, 5 km from every 町字 point of 和歌山市 the
    ABR has and on one of 岩出市's: in another city."""
    with open(os.path.join(tmp, WAKAYAMA), "w", encoding="utf-8") as f:
        f.write(HEADER +
                "302015,H1,和歌山県和歌山市,消火栓1,和歌山県和歌山市大垣内,34.307263,135.318635\n")


def write_kobayashi(tmp):
    """小林市 addresses (a registry without 町字 of 小林市: only its point): row 2 at the MLIT
    位置参照情報 point of 野尻町紙屋 (a town merged into 小林市 in 2010), 19.4 km from 小林市's point
    and nearer to 綾町's, but within the reach of a city's point (60 km): no finding; row 3 at
    和歌山市's point, in another prefecture; row 4 beside 延岡市's point, 91.6 km from 小林市's and
    in the same prefecture: outside the city's reach, a warning."""
    with open(os.path.join(tmp, KOBAYASHI), "w", encoding="utf-8") as f:
        f.write(HEADER +
                "452050,H1,宮崎県小林市,消火栓1,宮崎県小林市野尻町紙屋,31.966412,131.174869\n"
                "452050,H2,宮崎県小林市,消火栓2,宮崎県小林市野尻町紙屋,34.230514,135.170808\n"
                "452050,H3,宮崎県小林市,消火栓3,宮崎県小林市野尻町紙屋,32.5800,131.6600\n")


def write_kobayashi_correct(tmp):
    """Row 2 of write_kobayashi alone: correct data, within the city's reach."""
    with open(os.path.join(tmp, KOBAYASHI), "w", encoding="utf-8") as f:
        f.write(HEADER +
                "452050,H1,宮崎県小林市,消火栓1,宮崎県小林市野尻町紙屋,31.966412,131.174869\n")


def write_kobayashi_far(tmp):
    """Row 4 of write_kobayashi alone: uncertain to a registry without the city's 町字."""
    with open(os.path.join(tmp, KOBAYASHI), "w", encoding="utf-8") as f:
        f.write(HEADER +
                "452050,H3,宮崎県小林市,消火栓3,宮崎県小林市野尻町紙屋,32.5800,131.6600\n")


def point_findings(report):
    return [(p["severity"], p["row"], p["message"]) for p in task(report)["errors"]
            if p["code"] == "inconsistent-address"]


def no_point_findings(report):
    found = point_findings(report)
    if task(report)["model"] != "opendata:fire-hydrant":
        return f"picked {task(report)['model']}"
    return None if not found else f"inconsistent-address on correct data: {found}"


def point_findings_are(expected):
    """A check: the inconsistent-address findings are (severity, row, words of the message)."""
    def check(report):
        found = point_findings(report)
        if len(found) != len(expected):
            return f"got {found}, expected {expected}"
        for (severity, row, message), (want_severity, want_row, words) in zip(found, expected):
            if (severity, row) != (want_severity, want_row) or \
                    any(word not in message for word in words):
                return f"got {found}, expected {expected}"
        return None
    return check


CASES = [
    {"name": "17.50-point-inside-a-large-city-passes", "needs_data": True,
     "setup": write_wakayama, "before": [ABR_FOUR_AREAS],
     "args": ["validate", "--registry", "{tmp}/abr.db", "{tmp}/" + WAKAYAMA],
     "exit": 0, "check": no_point_findings},
    {"name": "17.51-point-in-another-city-is-an-error", "needs_data": True,
     "setup": write_wakayama_elsewhere, "before": [ABR_FOUR_AREAS],
     "args": ["validate", "--registry", "{tmp}/abr.db", "{tmp}/" + WAKAYAMA], "exit": 1,
     "check": point_findings_are([("error", 2, ["和歌山県和歌山市", "岩出市", "km"])])},
    {"name": "17.52-point-without-town-points-is-checked-against-the-citys-reach",
     "needs_data": True, "setup": write_kobayashi, "before": [ABR_EBINO_TOWNS],
     "args": ["validate", "--registry", "{tmp}/ebino.db", "{tmp}/" + KOBAYASHI], "exit": 1,
     "check": point_findings_are([("error", 3, ["和歌山県", "宮崎県"]),
                                  ("warning", 4, ["宮崎県小林市", "延岡市",
                                                  "its places lie within 60.0 km"])])},
    {"name": "17.53-point-within-the-citys-reach-passes", "needs_data": True,
     "setup": write_kobayashi_correct, "before": [ABR_EBINO_TOWNS],
     "args": ["validate", "--registry", "{tmp}/ebino.db", "{tmp}/" + KOBAYASHI], "exit": 0,
     "check": point_findings_are([])},
    {"name": "17.54-uncertain-point-fails-with-fail-on-warning", "needs_data": True,
     "setup": write_kobayashi_far, "before": [ABR_EBINO_TOWNS],
     "args": ["validate", "--registry", "{tmp}/ebino.db", "--fail-on", "warning",
              "{tmp}/" + KOBAYASHI], "exit": 1,
     "check": point_findings_are([("warning", 2, ["91.6 km", "宮崎県小林市"])])},
]
