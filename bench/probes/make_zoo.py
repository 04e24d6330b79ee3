#!/usr/bin/env python3
"""Write bench/probes/zoo.ttl: a made-up zoo database mapped table by table the way relational benchmarks map
theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows, row IRIs
`<table>/<key>=<value>`): animals live in enclosures that lie in zones, keepers feed animals (a link table with
a date as plain text and an amount of food), units only in column names (`weight_kg`, `area_sqm`, `food_kg`) and
no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

ENCLOSURES = [  # name, zone, area in square metres
    ("Red Plain", "Savanna", 5200), ("Rock Pool", "Coast", 900), ("Tall Grass", "Savanna", 3100),
    ("Mist Wood", "Forest", 1500), ("Reed Bank", "Wetland", 700),
]  # fmt: skip
ANIMALS = [  # name, species, birth year, weight in kg, enclosure
    ("Tamu", "Lion", 2014, 190.0, 1), ("Zuri", "Lion", 2017, 160.0, 1), ("Pepo", "Zebra", 2016, 350.0, 3),
    ("Kito", "Zebra", 2019, 300.0, 3), ("Bahari", "Seal", 2012, 95.0, 2), ("Wimbi", "Seal", 2020, 80.0, 2),
    ("Msitu", "Okapi", 2015, 250.0, 4), ("Jua", "Giraffe", 2011, 1180.0, 3), ("Nyota", "Lion", 2021, 120.0, 1),
]  # fmt: skip
KEEPERS = [  # name, age, hired year, salary
    ("Rosa Vik", 45, 2009, 41000), ("Anders Moe", 29, 2019, 33000), ("Lina Dahl", 38, 2014, 37000),
    ("Per Aune", 52, 2003, 46000), ("Siv Lund", 24, 2022, 30000),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, zone, area) in enumerate(ENCLOSURES, 1):
        add_row(g, "enclosure", "enclosure_id", i, {"name": name, "zone": zone, "area_sqm": area})
    for i, (name, species, born, weight, enclosure) in enumerate(ANIMALS, 1):
        values = {"name": name, "species": species, "birth_year": born, "weight_kg": weight}
        add_row(
            g, "animal", "animal_id", i, {**values, "ref-enclosure_id": row("enclosure", "enclosure_id", enclosure)}
        )
    for i, (name, age, hired, salary) in enumerate(KEEPERS, 1):
        add_row(g, "keeper", "keeper_id", i, {"name": name, "age": age, "hired_year": hired, "salary": salary})
    rng = random.Random(17)
    for i in range(1, 29):
        keeper = rng.choice([1, 1, 2, 3, 3, 4])  # Siv Lund (5) has fed no animal
        animal = rng.choice([1, 1, 2, 3, 4, 5, 5, 6, 7, 8])  # Nyota (9) has never been fed
        values = {
            "ref-keeper_id": row("keeper", "keeper_id", keeper),
            "ref-animal_id": row("animal", "animal_id", animal),
            "feed_date": f"2024-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}",
            "food_kg": float(rng.choice([2, 3, 5, 8, 12])),
        }
        add_row(g, "feeding", "", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "zoo.ttl")
