#!/usr/bin/env python3
"""Write bench/probes/gym.ttl: a made-up fitness club database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`). People sit in one table and their roles in others (a trainer row and a member
row each link to a person, so a trainer's name is one link away); a member may link to the member who referred
them (a link to the same table); yes/no as 'Y'/'N', sex as 'M'/'F', weekdays as text, visit dates as plain
strings and no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

PEOPLE = [  # name, age, sex, city
    ("Arvid Lindqvist", 44, "M", "Uppsala"), ("Britt Sandell", 29, "F", "Uppsala"), ("Cecil Ohlin", 51, "M", "Vasteras"),
    ("Dagny Rask", 36, "F", "Orebro"), ("Einar Tholin", 23, "M", "Uppsala"), ("Frida Wallin", 31, "F", "Vasteras"),
    ("Gosta Ek", 67, "M", "Orebro"), ("Hedda Norrby", 19, "F", "Uppsala"), ("Ingrid Falk", 42, "F", "Orebro"),
    ("Jarl Moberg", 38, "M", "Vasteras"), ("Kerstin Alm", 55, "F", "Uppsala"), ("Lasse Berg", 27, "M", "Gavle"),
    ("Maja Dahl", 33, "F", "Gavle"),
]  # fmt: skip
TRAINERS = [  # person, years of experience, certified, hourly rate
    (1, 12, "Y", 48.0), (3, 20, "Y", 60.0), (4, 4, "N", 30.0), (10, 7, "Y", 42.5),
]  # fmt: skip
MEMBERS = [  # person, join year, level, referred by (member number or None)
    (2, 2019, "Gold", None), (5, 2022, "Basic", 1), (6, 2021, "Silver", None), (7, 2016, "Gold", None),
    (8, 2023, "Basic", 1), (9, 2020, "Silver", 4), (11, 2018, "Gold", 4), (12, 2024, "Basic", 3), (13, 2023, "Basic", 1),
]  # fmt: skip
CLASSES = [  # title, trainer, weekday, capacity, room
    ("Spin Basics", 1, "Monday", 20, "Studio A"), ("Power Yoga", 3, "Tuesday", 15, "Studio B"),
    ("Kettlebell Flow", 2, "Monday", 12, "Hall"), ("Core Blast", 1, "Friday", 25, "Studio A"),
    ("Evening Stretch", 3, "Friday", 29, "Studio B"), ("Boxing Drills", 4, "Wednesday", 18, "Hall"),
    ("Senior Mobility", 2, "Wednesday", 10, "Studio B"),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, age, sex, city) in enumerate(PEOPLE, 1):
        add_row(g, "person", "person_id", i, {"name": name, "age": age, "sex": sex, "city": city})
    for i, (person, years, certified, rate) in enumerate(TRAINERS, 1):
        values = {"years_experience": years, "certified": certified, "hourly_rate": rate}
        add_row(g, "trainer", "trainer_id", i, {**values, "ref-person_id": row("person", "person_id", person)})
    for i, (person, year, level, referrer) in enumerate(MEMBERS, 1):
        values = {"join_year": year, "level": level, "ref-person_id": row("person", "person_id", person)}
        if referrer:
            values["ref-referred_by"] = row("member", "member_id", referrer)
        add_row(g, "member", "member_id", i, values)
    for i, (title, trainer, day, capacity, room) in enumerate(CLASSES, 1):
        values = {"title": title, "weekday": day, "capacity": capacity, "room": room}
        add_row(g, "class", "class_id", i, {**values, "ref-trainer_id": row("trainer", "trainer_id", trainer)})
    rng = random.Random(5)
    for i in range(1, 31):
        member = rng.choice([1, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8])  # members 9 (Maja Dahl) never attends
        klass = rng.choice([1, 1, 2, 2, 3, 4, 4, 5, 6])  # Senior Mobility (7) is never attended
        values = {
            "ref-member_id": row("member", "member_id", member),
            "ref-class_id": row("class", "class_id", klass),
            "visit_date": f"202{rng.randint(3, 4)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "rating": rng.randint(1, 5),
        }
        add_row(g, "attendance", "", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "gym.ttl")
