#!/usr/bin/env python3
"""Write bench/probes/bikes.ttl: a made-up bike-sharing database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to
rows, row IRIs `<table>/<key>=<value>`, numbers as typed literals, dates and years as plain strings, no
labels or comments); deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

STATIONS = [  # name, city, docks, installed
    ("Harbour Gate", "Lyon", 24, "2014-05-02"),
    ("Old Mill", "Lyon", 12, "2016-09-15"),
    ("Saint Roch", "Nantes", 18, "2015-03-20"),
    ("Canal Bridge", "Nantes", 9, "2019-06-01"),
    ("Market Hall", "Lyon", 30, "2013-11-11"),
    ("Riverside", "Tours", 15, "2018-04-07"),
    ("Cathedral Square", "Tours", 20, "2017-02-28"),
    ("North Depot", "Nantes", 6, "2021-08-19"),
]
BIKES = [  # model, purchase year, home station
    ("Velo City", "2016", 1),
    ("Velo City", "2017", 1),
    ("Trekker 3", "2018", 2),
    ("Trekker 3", "2018", 3),
    ("E-Glide", "2020", 5),
    ("E-Glide", "2021", 5),
    ("Velo City", "2015", 6),
    ("Urban Pro", "2019", 7),
    ("Urban Pro", "2022", 3),
    ("E-Glide", "2022", 4),
]
MEMBERS = [  # name, age, level, city
    ("Ines Varga", 34, "gold", "Lyon"),
    ("Tomas Ruel", 22, "basic", "Lyon"),
    ("Lena Okafor", 41, "silver", "Nantes"),
    ("Hugo Brandt", 29, "gold", "Nantes"),
    ("Maya Lind", 19, "basic", "Tours"),
    ("Ravi Osei", 55, "silver", "Lyon"),
    ("Clara Moss", 27, "basic", "Tours"),
    ("Nils Berger", 38, "gold", "Lyon"),
    ("Ada Ferreira", 31, "silver", "Nantes"),
    ("Yusuf Kaya", 24, "basic", "Lyon"),
]


def build() -> Graph:
    g = Graph()
    for i, (name, city, docks, installed) in enumerate(STATIONS, 1):
        values = {"name": name, "city": city, "dock_count": docks, "installation_date": installed}
        add_row(g, "station", "station_id", i, values)
    for i, (model, year, home) in enumerate(BIKES, 1):
        values = {"model": model, "purchase_year": year, "home_station_id": home}
        add_row(g, "bike", "bike_id", i, {**values, "ref-home_station_id": row("station", "station_id", home)})
    for i, (name, age, level, city) in enumerate(MEMBERS, 1):
        add_row(g, "member", "member_id", i, {"name": name, "age": age, "membership_level": level, "city": city})
    rng = random.Random(7)
    for i in range(1, 41):
        member = rng.choice([1, 1, 2, 3, 3, 3, 4, 5, 6, 8, 8, 9, 10])  # member 7 never rides
        start, end = rng.randint(1, 7), rng.randint(1, 7)  # nobody docks at North Depot (8)
        bike = rng.randint(1, 10)
        values = {
            "duration": rng.randint(4, 95),
            "start_date": f"2023-{rng.randint(3, 10):02d}-{rng.randint(1, 28):02d}",
        }
        for column, target, value in (
            ("start_station_id", "station", start),
            ("end_station_id", "station", end),
            ("bike_id", "bike", bike),
            ("member_id", "member", member),
        ):
            values[column] = value
            values[f"ref-{column}"] = row(target, f"{target}_id", value)
        add_row(g, "trip", "trip_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "bikes.ttl")
