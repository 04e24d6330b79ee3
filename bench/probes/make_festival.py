#!/usr/bin/env python3
"""Write bench/probes/festival.ttl: a made-up music-festival database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`), with a link table that carries its own numbers (performances with a fee and a
length), a yes/no column as 'T'/'F' and no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

BANDS = [  # name, genre, formed, country, members
    ("Moonlit Ferry", "Folk", 1987, "Ireland", 4), ("Static Orchard", "Rock", 2003, "Belgium", 5),
    ("The Copper Moons", "Rock", 1979, "England", 4), ("Velvet Signal", "Electronic", 2012, "Germany", 2),
    ("Harbour Ghosts", "Folk", 2015, "Ireland", 3), ("Neon Tundra", "Electronic", 1998, "Belgium", 3),
    ("Paper Giants", "Jazz", 1984, "France", 6), ("Quiet Riot Club", "Rock", 2019, "Germany", 4),
    ("Salt and Ember", "Jazz", 2008, "England", 5),
]  # fmt: skip
FESTIVALS = [  # name, city, year, attendance
    ("Dunes Open Air", "Ostend", 2022, 42000), ("Dunes Open Air", "Ostend", 2023, 45500),
    ("Northern Lights Fest", "Bergen", 2023, 18000), ("Riverside Sounds", "Ghent", 2022, 26000),
    ("Riverside Sounds", "Ghent", 2024, 31000), ("Castle Jazz Days", "Namur", 2024, 9000),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, genre, formed, country, members) in enumerate(BANDS, 1):
        values = {"name": name, "genre": genre, "formed_year": formed, "country": country, "members": members}
        add_row(g, "band", "band_id", i, values)
    for i, (name, city, year, attendance) in enumerate(FESTIVALS, 1):
        add_row(g, "festival", "festival_id", i, {"name": name, "city": city, "year": year, "attendance": attendance})
    rng = random.Random(5)
    seen = set()
    n = 0
    while n < 26:
        band = rng.choice([1, 1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 7, 8])  # Salt and Ember (9) never plays
        festival = rng.randint(1, 6)
        if (band, festival) in seen:
            continue
        seen.add((band, festival))
        n += 1
        values = {
            "ref-band_id": row("band", "band_id", band),
            "ref-festival_id": row("festival", "festival_id", festival),
            "stage": rng.choice(["Main", "Main", "Tent", "Club"]),
            "set_minutes": rng.choice([40, 50, 60, 75, 90]),
            "fee": rng.choice([5000, 8000, 12000, 20000, 35000]),
            "headliner": rng.choice(["T", "F", "F", "F"]),
        }
        add_row(g, "performance", "performance_id", n, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "festival.ttl")
