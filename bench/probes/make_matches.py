#!/usr/bin/env python3
"""Write bench/probes/matches.ttl: a made-up football league database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`), with two links from one table to the same other table (a match's home team
and away team), positions as text, dates as plain strings and no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

TEAMS = [  # name, city, founded
    ("Harbor Lions", "Dover", 1921), ("Mill Town Rovers", "Leeds", 1948), ("North Gate United", "Leeds", 1965),
    ("Quarry Athletic", "Bath", 1902), ("River Vale", "Dover", 1987),
]  # fmt: skip
PLAYERS = [  # name, team, position, age, salary
    ("Aldo Brandt", 1, "Goalkeeper", 31, 52000), ("Bo Carver", 1, "Defender", 24, 38000),
    ("Cyril Dane", 1, "Forward", 28, 71000), ("Dev Ellis", 2, "Goalkeeper", 22, 30000),
    ("Emre Fox", 2, "Midfielder", 33, 45000), ("Finn Gale", 3, "Forward", 26, 66000),
    ("Gus Hale", 3, "Defender", 35, 41000), ("Hugo Irwin", 4, "Midfielder", 19, 25000),
    ("Ivan Jory", 4, "Goalkeeper", 29, 47000), ("Jon Keel", 4, "Forward", 23, 58000),
    ("Kai Lund", 2, "Forward", 30, 62000),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, city, founded) in enumerate(TEAMS, 1):
        add_row(g, "team", "team_id", i, {"name": name, "city": city, "founded": founded})
    for i, (name, team, position, age, salary) in enumerate(PLAYERS, 1):
        values = {"name": name, "position": position, "age": age, "salary": salary}
        add_row(g, "player", "player_id", i, {**values, "ref-team_id": row("team", "team_id", team)})
    rng = random.Random(8)
    for i in range(1, 19):
        home = rng.choice([1, 1, 2, 2, 3, 4, 4])  # River Vale (5) never plays at home
        away = rng.choice([t for t in (1, 2, 3, 4, 5) if t != home])
        values = {
            "ref-home_team_id": row("team", "team_id", home),
            "ref-away_team_id": row("team", "team_id", away),
            "match_date": f"202{rng.randint(3, 4)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "home_goals": rng.randint(0, 4),
            "away_goals": rng.randint(0, 3),
            "attendance": rng.randint(20, 90) * 100,
        }
        add_row(g, "match", "match_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "matches.ttl")
