#!/usr/bin/env python3
"""Write bench/probes/bikes.ttl: a made-up bike-sharing database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to
rows, row IRIs `<table>/<key>=<value>`, numbers as typed literals, dates and years as plain strings, no
labels or comments); deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, URIRef

NS = "http://valuenet/ontop/"
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


def table(name: str) -> URIRef:
    return URIRef(NS + name)


def col(tab: str, column: str) -> URIRef:
    return URIRef(f"{NS}{tab}#{column}")


def row(tab: str, key: str, value: int) -> URIRef:
    return URIRef(f"{NS}{tab}/{key}={value}")


def build() -> Graph:
    g = Graph()
    integer = XSD.integer
    for i, (name, city, docks, installed) in enumerate(STATIONS, 1):
        s = row("station", "station_id", i)
        g.add((s, RDF.type, table("station")))
        g.add((s, col("station", "station_id"), Literal(i, datatype=integer)))
        g.add((s, col("station", "name"), Literal(name)))
        g.add((s, col("station", "city"), Literal(city)))
        g.add((s, col("station", "dock_count"), Literal(docks, datatype=integer)))
        g.add((s, col("station", "installation_date"), Literal(installed)))
    for i, (model, year, home) in enumerate(BIKES, 1):
        b = row("bike", "bike_id", i)
        g.add((b, RDF.type, table("bike")))
        g.add((b, col("bike", "bike_id"), Literal(i, datatype=integer)))
        g.add((b, col("bike", "model"), Literal(model)))
        g.add((b, col("bike", "purchase_year"), Literal(year)))
        g.add((b, col("bike", "home_station_id"), Literal(home, datatype=integer)))
        g.add((b, col("bike", "ref-home_station_id"), row("station", "station_id", home)))
    for i, (name, age, level, city) in enumerate(MEMBERS, 1):
        m = row("member", "member_id", i)
        g.add((m, RDF.type, table("member")))
        g.add((m, col("member", "member_id"), Literal(i, datatype=integer)))
        g.add((m, col("member", "name"), Literal(name)))
        g.add((m, col("member", "age"), Literal(age, datatype=integer)))
        g.add((m, col("member", "membership_level"), Literal(level)))
        g.add((m, col("member", "city"), Literal(city)))
    rng = random.Random(7)
    for i in range(1, 41):
        member = rng.choice([1, 1, 2, 3, 3, 3, 4, 5, 6, 8, 8, 9, 10])  # member 7 never rides
        start, end = rng.randint(1, 7), rng.randint(1, 7)  # nobody docks at North Depot (8)
        bike = rng.randint(1, 10)
        t = row("trip", "trip_id", i)
        g.add((t, RDF.type, table("trip")))
        g.add((t, col("trip", "trip_id"), Literal(i, datatype=integer)))
        g.add((t, col("trip", "duration"), Literal(rng.randint(4, 95), datatype=integer)))
        g.add((t, col("trip", "start_date"), Literal(f"2023-{rng.randint(3, 10):02d}-{rng.randint(1, 28):02d}")))
        for column, target, value in (
            ("start_station_id", "station", start),
            ("end_station_id", "station", end),
            ("bike_id", "bike", bike),
            ("member_id", "member", member),
        ):
            g.add((t, col("trip", column), Literal(value, datatype=integer)))
            g.add((t, col("trip", f"ref-{column}"), row(target, f"{target}_id", value)))
    return g


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "bikes.ttl"
    lines = sorted(build().serialize(format="nt").splitlines())  # in a fixed order, run to run
    out.write_text("\n".join(line for line in lines if line) + "\n", "utf-8")
    print(f"wrote {out}")
