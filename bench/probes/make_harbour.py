#!/usr/bin/env python3
"""Write bench/probes/harbour.ttl: a made-up port authority database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`): ships belong to companies, voyages link a ship to two rows of the same port
table (`ref-dep_port_id` and `ref-arr_port_id`) with a departure date as plain text, a cargo type as text and an
amount in tonnes, inspections give a ship a 'PASS'/'FAIL' result; units only in column names (`max_depth_m`,
`cargo_tonnes`), some names lightly clipped (`gross_tonnage`, `flag`, `hq_city`, `insp_date`) and no labels or
comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

PORTS = [  # name, country, maximum depth in metres, berths
    ("Kelvik", "Norway", 14.5, 6), ("Marsholm", "Denmark", 17.0, 9), ("Port Aldane", "Netherlands", 22.5, 24),
    ("Castrel", "Portugal", 12.0, 5), ("Velmora", "Spain", 15.5, 11), ("Brackwater", "United Kingdom", 11.0, 4),
    ("Lindgrund", "Sweden", 9.5, 3),
]  # fmt: skip
COMPANIES = [  # name, city of the head office, founded year
    ("Brinewood Lines", "Ardmoor", 1962), ("Skelby Maritime", "Skelby", 1988), ("Valtera Cargo", "Valtera", 2001),
    ("Halcyon Bulk", "Ardmoor", 1975), ("Greyfell Tankers", "Corran", 2015),
]  # fmt: skip
SHIPS = [  # name, flag, built year, gross tonnage, owner company
    ("Aster Crown", "Norway", 2008, 38500, 1), ("Blue Heron", "Panama", 2012, 52000, 1),
    ("Cormorant", "Liberia", 1999, 21400, 2), ("Dawn Trader", "Panama", 2016, 74800, 3),
    ("Elin Marie", "Norway", 2004, 9800, 2), ("Falcon Ridge", "Malta", 2019, 61200, 3),
    ("Grey Tern", "Liberia", 2010, 28700, 4), ("Hollow Star", "Malta", 2021, 45300, 4),
    ("Iron Kestrel", "Panama", 1995, 16900, 1), ("Juniper Bay", "Denmark", 2014, 33100, 2),
]  # fmt: skip
INSPECTIONS = [  # ship, date, result, inspector
    (1, "2023-02-14", "PASS", "Maren Holt"), (3, "2023-03-02", "FAIL", "Tomas Reyes"),
    (3, "2023-05-19", "PASS", "Maren Holt"), (4, "2023-06-07", "PASS", "Ilse Varga"),
    (9, "2023-08-23", "FAIL", "Tomas Reyes"), (9, "2024-01-11", "FAIL", "Ilse Varga"),
    (2, "2024-02-05", "PASS", "Tomas Reyes"), (6, "2024-03-28", "PASS", "Maren Holt"),
    (7, "2024-04-16", "FAIL", "Maren Holt"), (7, "2024-05-30", "PASS", "Ilse Varga"),
    (5, "2024-07-09", "PASS", "Tomas Reyes"), (10, "2024-09-12", "PASS", "Ilse Varga"),
]  # fmt: skip
CARGO = ["grain", "coal", "containers", "timber", "crude oil"]


def build() -> Graph:
    g = Graph()
    for i, (name, country, depth, berths) in enumerate(PORTS, 1):
        add_row(g, "port", "port_id", i, {"name": name, "country": country, "max_depth_m": depth, "berths": berths})
    for i, (name, city, founded) in enumerate(COMPANIES, 1):
        add_row(g, "company", "company_id", i, {"name": name, "hq_city": city, "founded": founded})
    for i, (name, flag, built, tonnage, company) in enumerate(SHIPS, 1):
        values = {"name": name, "flag": flag, "built_year": built, "gross_tonnage": tonnage}
        add_row(g, "ship", "ship_id", i, {**values, "ref-company_id": row("company", "company_id", company)})
    rng = random.Random(18)  # a seed with no ties for the busiest ports, the most voyages or the largest totals
    for i in range(1, 33):
        year = rng.choice([2022, 2023, 2023, 2024])
        ship = rng.choice([1, 2, 2, 3, 4, 4, 4, 5, 6, 7, 8, 9])  # Juniper Bay (10) has never sailed
        dep = rng.choice([1, 2, 3, 3, 4, 5, 6, 7])
        arr = rng.choice([p for p in [1, 2, 3, 3, 3, 4, 5, 5, 6] if p != dep])  # Lindgrund (7) is never arrived at
        values = {
            "ref-ship_id": row("ship", "ship_id", ship),
            "ref-dep_port_id": row("port", "port_id", dep),
            "ref-arr_port_id": row("port", "port_id", arr),
            "departure_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "cargo_tonnes": rng.randrange(2000, 60001, 500),
            "cargo_type": rng.choice(CARGO),
        }
        add_row(g, "voyage", "voyage_id", i, values)
    for i, (ship, date, result, inspector) in enumerate(INSPECTIONS, 1):
        values = {"ref-ship_id": row("ship", "ship_id", ship), "insp_date": date, "result": result}
        add_row(g, "inspection", "inspection_id", i, {**values, "inspector": inspector})
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "harbour.ttl")
