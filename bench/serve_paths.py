#!/usr/bin/env python3
"""serve_paths.py — writes the request paths run_serve_bench.sh sends with
wrk (bench/serve_paths.lua), one a line, percent-encoded, from a built
registry and the shared data: `numbers` (corporations by number), `names`
(name searches: 2 to 4 characters of real names), `normalize` (the schools
file's addresses), `reverse` (points of the registry's residences and
parcels, from its R*Tree, moved by up to ~50 m).

  serve_paths.py KIND REGISTRY SHARED_DATA COUNT > PATHS
"""
import random
import sqlite3
import sys
import urllib.parse


def main():
    kind, registry, data, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rng = random.Random(11)
    db = sqlite3.connect(f"file:{registry}?mode=ro", uri=True)
    out = []
    if kind == "numbers":
        rows = db.execute("SELECT corporate_number FROM corporation").fetchall()
        out = [f"/v1/corporations/{rng.choice(rows)[0]}" for _ in range(count)]
    elif kind == "names":
        rows = db.execute("SELECT name FROM corporation WHERE name IS NOT NULL").fetchall()
        for _ in range(count):
            name = rng.choice(rows)[0].replace("株式会社", "").replace("有限会社", "").strip()
            if len(name) < 2:
                continue
            size = rng.randint(2, min(4, len(name)))
            start = rng.randint(0, len(name) - size)
            out.append("/v1/corporations?limit=20&name=" +
                       urllib.parse.quote(name[start:start + size], safe=""))
    elif kind == "normalize":
        with open(f"{data}/addresses/schools-input.txt", encoding="utf-8") as f:
            lines = [line.strip() for line in f if line.strip() and not line.startswith("//")]
        out = ["/v1/addresses/normalize?q=" + urllib.parse.quote(rng.choice(lines), safe="")
               for _ in range(count)]
    elif kind == "reverse":
        # Points where residences (id % 4 = 0) and parcels (1) are: a random point of a random
        # box of the reverse geocoder's R*Tree of 町字 cells (SQLite reads it, while the 住居表示
        # and 地番 tables are packed and read through gifkit's own module only: registry
        # schema 3 and later, docs/registry.md), moved by up to ±0.0004°.
        boxes = db.execute("SELECT min_lat, max_lat, min_lon, max_lon FROM abr_point_cells "
                           "WHERE id % 4 IN (0, 1) ORDER BY id").fetchall()
        for _ in range(count):
            min_lat, max_lat, min_lon, max_lon = rng.choice(boxes)
            lat = rng.uniform(min_lat, max_lat) + rng.uniform(-0.0004, 0.0004)
            lon = rng.uniform(min_lon, max_lon) + rng.uniform(-0.0004, 0.0004)
            out.append(f"/v1/addresses/reverse?lat={lat:.6f}&lon={lon:.6f}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
