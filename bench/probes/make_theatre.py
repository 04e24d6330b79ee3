#!/usr/bin/env python3
"""Write bench/probes/theatre.ttl: a made-up theatre company database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`). A casting table joins actors and plays and carries the role played as text;
performances link to a play and a theatre and carry a date as plain text and an attendance; no labels or
comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

THEATRES = [  # name, city, capacity, opened
    ("Lantern House", "Galway", 420, 1931), ("Quay Stage", "Cork", 650, 1988), ("Old Granary", "Galway", 280, 1902),
    ("North Arcade", "Sligo", 510, 2004),
]  # fmt: skip
PLAYS = [  # title, author, year written, genre
    ("The Salt Road", "Maeve Quill", 1998, "Drama"), ("Borrowed Light", "Tomas Reid", 2011, "Comedy"),
    ("A Winter Ledger", "Maeve Quill", 2005, "Drama"), ("Glasshouse", "Ines Varga", 2019, "Drama"),
    ("Five Small Doors", "Tomas Reid", 2021, "Comedy"),
]  # fmt: skip
ACTORS = [  # name, age, hometown
    ("Aoife Brann", 34, "Galway"), ("Cathal Dunne", 52, "Cork"), ("Eimear Fox", 27, "Sligo"), ("Fionn Gill", 41, "Galway"),
    ("Grainne Hale", 23, "Cork"), ("Hugh Iver", 60, "Dublin"), ("Isla Joyce", 30, "Galway"),
]  # fmt: skip
CASTING = [  # actor, play, role
    (1, 1, "Nora"), (2, 1, "The Ferryman"), (3, 2, "Lodger"), (1, 3, "Widow Ames"), (4, 3, "Clerk"),
    (5, 4, "Gardener"), (2, 4, "Father"), (4, 5, "Porter"), (1, 5, "Landlady"), (6, 2, "Inspector"),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, city, capacity, opened) in enumerate(THEATRES, 1):
        add_row(g, "theatre", "theatre_id", i, {"name": name, "city": city, "capacity": capacity, "opened": opened})
    for i, (title, author, year, genre) in enumerate(PLAYS, 1):
        add_row(g, "play", "play_id", i, {"title": title, "author": author, "year_written": year, "genre": genre})
    for i, (name, age, town) in enumerate(ACTORS, 1):
        add_row(g, "actor", "actor_id", i, {"name": name, "age": age, "hometown": town})
    for i, (actor, play, role) in enumerate(CASTING, 1):
        values = {"ref-actor_id": row("actor", "actor_id", actor), "ref-play_id": row("play", "play_id", play)}
        add_row(g, "casting", "", i, {**values, "role": role})
    rng = random.Random(21)
    for i in range(1, 25):
        play = rng.choice([1, 1, 2, 3, 3, 3, 4, 5])
        theatre = rng.choice([1, 1, 2, 2, 3, 4])
        values = {
            "ref-play_id": row("play", "play_id", play),
            "ref-theatre_id": row("theatre", "theatre_id", theatre),
            "performance_date": f"202{rng.randint(3, 4)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "attendance": rng.randint(12, 60) * 10,
        }
        add_row(g, "performance", "performance_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "theatre.ttl")
