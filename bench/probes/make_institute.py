#!/usr/bin/env python3
"""Write bench/probes/institute.ttl: a made-up research institute database mapped table by table the way
relational benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links
to rows, row IRIs `<table>/<key>=<value>`). A link table joins the researchers table to itself (mentor and
mentee), a unit lives only in a column name (`budget_million`), titles are short codes ('Prof', 'Dr',
'PhD'), years are whole numbers and there are no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

LABS = [  # name, building, budget in millions
    ("Ion Lab", "North Wing", 3.5), ("Soil Systems Lab", "Annex", 1.2), ("Optics Lab", "North Wing", 2.8),
    ("Quiet Computing Lab", "Tower", 0.9),
]  # fmt: skip
RESEARCHERS = [  # name, birth year, nationality, title, lab
    ("Ana Barros", 1968, "Portugal", "Prof", 1), ("Bela Csorba", 1979, "Hungary", "Dr", 1),
    ("Carmen Duarte", 1991, "Chile", "PhD", 1), ("Dirk Engel", 1962, "Germany", "Prof", 2),
    ("Esra Filiz", 1988, "Turkey", "Dr", 2), ("Femi Ganiyu", 1995, "Nigeria", "PhD", 3),
    ("Greta Holm", 1974, "Germany", "Prof", 3), ("Hiro Ito", 1993, "Japan", "PhD", 3),
    ("Ines Jurado", 1985, "Chile", "Dr", 3), ("Jonas Kask", 1997, "Estonia", "PhD", 2),
    ("Kaja Lind", 1981, "Germany", "Dr", 1),
]  # fmt: skip
MENTORING = [  # mentor, mentee, since
    (1, 2, 2012), (1, 3, 2019), (1, 11, 2014), (4, 5, 2016), (4, 10, 2021), (7, 6, 2020), (7, 8, 2019),
    (9, 6, 2022), (2, 3, 2020),
]  # fmt: skip
GRANTS = [  # agency, amount, start year, lab
    ("Nordic Science Fund", 450000, 2019, 1), ("EuroTech Council", 1200000, 2021, 1),
    ("Nordic Science Fund", 300000, 2022, 2), ("EuroTech Council", 800000, 2018, 3),
    ("Harbor Foundation", 150000, 2023, 3), ("EuroTech Council", 500000, 2024, 1),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, building, budget) in enumerate(LABS, 1):
        add_row(g, "lab", "lab_id", i, {"name": name, "building": building, "budget_million": budget})
    for i, (name, born, nation, title, lab) in enumerate(RESEARCHERS, 1):
        values = {"name": name, "birth_year": born, "nationality": nation, "title": title}
        add_row(g, "researcher", "researcher_id", i, {**values, "ref-lab_id": row("lab", "lab_id", lab)})
    for i, (mentor, mentee, since) in enumerate(MENTORING, 1):
        values = {
            "ref-mentor_id": row("researcher", "researcher_id", mentor),
            "ref-mentee_id": row("researcher", "researcher_id", mentee),
            "since_year": since,
        }
        add_row(g, "mentoring", "", i, values)
    for i, (agency, amount, start, lab) in enumerate(GRANTS, 1):
        values = {"agency": agency, "amount": amount, "start_year": start, "ref-lab_id": row("lab", "lab_id", lab)}
        add_row(g, "grant", "grant_id", i, values)
    rng = random.Random(3)
    words = ["Sparse", "Ionic", "Humus", "Photon", "Lattice", "Quiet", "Drift", "Carbon", "Signal", "Mineral"]
    nouns = ["Models", "Traces", "Transport", "Limits", "Maps", "Patterns", "Sensors", "Budgets"]
    titles = sorted({f"{a} {b}" for a in words for b in nouns})
    rng.shuffle(titles)
    for i in range(1, 23):
        author = rng.choice([1, 1, 2, 3, 4, 5, 5, 6, 7, 7, 8, 9, 11])  # Jonas Kask (10) has published nothing
        values = {
            "title": titles[i],
            "year": rng.randint(2018, 2024),
            "citations": rng.randint(0, 120),
            "ref-researcher_id": row("researcher", "researcher_id", author),
        }
        add_row(g, "publication", "pub_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "institute.ttl")
