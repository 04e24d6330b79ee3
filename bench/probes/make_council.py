#!/usr/bin/env python3
"""Write bench/probes/council.ttl: a made-up city council database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`): councillors sit for a ward and belong to a party, motions are proposed by a
councillor (a link named `ref-proposer_id`, not after the table it points to), votes join councillors and
motions (a link table with a choice 'FOR'/'AGAINST'/'ABSTAIN'), party codes ('GRN', 'LAB'), a party chair as
'Y'/'N', statuses as codes ('PASSED', 'REJECTED', 'PENDING'), proposal dates as plain strings, a unit only in a
column's name (`area_km2`) and no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

WARDS = [  # name, population, area in square kilometres
    ("Harbourside", 18400, 6.2), ("Millbrook", 12950, 9.8), ("Northgate", 21300, 4.5),
    ("Elm Hill", 9800, 12.1), ("Quarry End", 15600, 7.3), ("Tannery Row", 16750, 5.4),
]  # fmt: skip
PARTIES = [  # name, founded year, code
    ("Green Alliance", 1998, "GRN"), ("Civic Labour Party", 1952, "LAB"), ("Liberal Forum", 1974, "LIB"),
    ("Ratepayers League", 2009, "RPL"),
]  # fmt: skip
COUNCILLORS = [  # first name, last name, ward, party, elected year, age, party chair
    ("Maren", "Holloway", 1, 1, 2018, 44, "Y"), ("Tobin", "Achterberg", 1, 2, 2014, 58, "N"),
    ("Isolde", "Prank", 2, 3, 2021, 36, "N"), ("Cyrus", "Wendell", 2, 1, 2017, 51, "N"),
    ("Agathe", "Morrow", 3, 2, 2010, 63, "Y"), ("Dilan", "Orsk", 3, 4, 2022, 29, "N"),
    ("Fenna", "Bright", 3, 1, 2019, 40, "N"), ("Osric", "Tull", 4, 3, 2015, 55, "Y"),
    ("Priya", "Vantongeren", 4, 2, 2021, 33, "N"), ("Hollis", "Quade", 5, 4, 2018, 47, "N"),
    ("Wilma", "Sorrel", 5, 2, 2016, 61, "N"), ("Benedek", "Farr", 6, 1, 2022, 31, "N"),
    ("Nadia", "Carrow", 6, 3, 2013, 49, "N"), ("Emrys", "Lanyon", 2, 2, 2019, 38, "N"),
]  # fmt: skip  # the Ratepayers League (4) has no chair
MOTIONS = [  # title, proposed date, proposer, category, pending (no votes yet)
    ("Expand the Northgate bus lanes", "2022-03-14", 7, "Transport", False),
    ("Social housing on the old gasworks site", "2022-05-09", 1, "Housing", False),
    ("Free parking on Sundays", "2022-09-21", 10, "Transport", False),
    ("Rent cap for council flats", "2023-01-17", 5, "Housing", False),
    ("Plant 2000 street trees", "2023-04-03", 4, "Environment", False),
    ("Extend library opening hours", "2023-06-28", 3, "Culture", False),
    ("Ban single-use plastics at markets", "2023-10-11", 12, "Environment", False),
    ("New cycle bridge over the river", "2024-02-06", 7, "Transport", False),
    ("Raise the council tax by 2 percent", "2024-03-19", 2, "Finance", False),
    ("Convert empty offices into homes", "2024-05-22", 9, "Housing", False),
    ("Youth centre in Tannery Row", "2024-09-10", 11, "Culture", False),
    ("Night bus pilot", "2024-11-05", 7, "Transport", True),
    ("Audit of parking fines", "2024-12-02", 8, "Finance", True),
]  # Dilan Orsk (6), Nadia Carrow (13) and Emrys Lanyon (14) proposed nothing


def build() -> Graph:
    g = Graph()
    for i, (name, population, area) in enumerate(WARDS, 1):
        add_row(g, "ward", "ward_id", i, {"name": name, "population": population, "area_km2": area})
    for i, (name, founded, code) in enumerate(PARTIES, 1):
        add_row(g, "party", "party_id", i, {"name": name, "founded": founded, "code": code})
    for i, (first, last, ward, party, elected, age, chair) in enumerate(COUNCILLORS, 1):
        values = {
            "first_name": first,
            "last_name": last,
            "ref-ward_id": row("ward", "ward_id", ward),
            "ref-party_id": row("party", "party_id", party),
            "elected": elected,
            "age": age,
            "is_chair": chair,
        }
        add_row(g, "councillor", "councillor_id", i, values)
    rng = random.Random(15)
    n = 0
    for i, (title, date, proposer, category, pending) in enumerate(MOTIONS, 1):
        choices = []
        if not pending:  # the proposer votes for, some others who sat by then vote too; Dilan Orsk (6) never votes
            year = int(date[:4])
            others = [c for c, r in enumerate(COUNCILLORS, 1) if r[4] <= year and c not in (proposer, 6)]
            voters = rng.sample(others, rng.randint(5, min(8, len(others))))
            mood = rng.choice([["FOR", "FOR", "AGAINST", "ABSTAIN"], ["AGAINST", "AGAINST", "FOR", "ABSTAIN"]])
            choices = [(proposer, "FOR")] + [(c, rng.choice(mood)) for c in sorted(voters)]
        fors = sum(c == "FOR" for _, c in choices)
        against = sum(c == "AGAINST" for _, c in choices)
        status = "PENDING" if pending else "PASSED" if fors > against else "REJECTED"
        values = {
            "title": title,
            "proposed_date": date,
            "ref-proposer_id": row("councillor", "councillor_id", proposer),
            "category": category,
            "status": status,
        }
        add_row(g, "motion", "motion_id", i, values)
        for councillor, choice in choices:
            n += 1
            values = {
                "ref-councillor_id": row("councillor", "councillor_id", councillor),
                "ref-motion_id": row("motion", "motion_id", i),
                "choice": choice,
            }
            add_row(g, "vote", "", n, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "council.ttl")
