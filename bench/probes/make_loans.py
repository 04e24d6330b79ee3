#!/usr/bin/env python3
"""Write bench/probes/loans.ttl: a made-up lending-library database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`), authors as plain text columns, a yes/no column as 'Y'/'N', dates as plain
strings, no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

BRANCHES = [
    ("Central", "Aalst", 1962),
    ("Riverside", "Aalst", 2004),
    ("Hilltop", "Geel", 1998),
    ("Harbour", "Ostend", 2011),
]
BOOKS = [  # title, author, genre, pages, branch
    ("The Quiet Orchard", "Mira Solberg", "Novel", 320, 1), ("Salt Roads", "Mira Solberg", "Novel", 410, 1),
    ("Winter Lamps", "Mira Solberg", "Poetry", 96, 2), ("Glass Tides", "Oren Pike", "Novel", 280, 1),
    ("A Field of Clocks", "Oren Pike", "History", 520, 3), ("Copper Hymns", "Lea Varn", "Poetry", 120, 2),
    ("The Tin Atlas", "Lea Varn", "History", 610, 3), ("North of Nowhere", "Tarek Hali", "Novel", 350, 4),
    ("Small Rain", "Tarek Hali", "Poetry", 88, 4), ("Harbour Ledgers", "Ines Coppe", "History", 450, 4),
    ("Paper Foxes", "Ines Coppe", "Novel", 230, 2),
]  # fmt: skip
MEMBERS = [  # name, joined, type
    ("Arne Loos", "2019-03-14", "adult"), ("Bea Claus", "2021-07-02", "student"), ("Cas Dumon", "2018-11-23", "senior"),
    ("Dina Roels", "2022-01-09", "student"), ("Emil Vos", "2020-05-30", "adult"), ("Fien Baert", "2023-02-17", "student"),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, city, opened) in enumerate(BRANCHES, 1):
        add_row(g, "branch", "branch_id", i, {"name": name, "city": city, "opened_year": opened})
    for i, (title, author, genre, pages, branch) in enumerate(BOOKS, 1):
        values = {"title": title, "author": author, "genre": genre, "pages": pages}
        add_row(g, "book", "book_id", i, {**values, "ref-branch_id": row("branch", "branch_id", branch)})
    for i, (name, joined, kind) in enumerate(MEMBERS, 1):
        add_row(g, "member", "member_id", i, {"name": name, "join_date": joined, "membership_type": kind})
    rng = random.Random(3)
    for i in range(1, 26):
        member = rng.choice([1, 1, 1, 2, 2, 3, 4, 4, 5])  # Fien Baert (6) never borrows
        book = rng.choice([1, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10])  # Paper Foxes (11) is never lent
        returned = rng.choice(["Y", "Y", "Y", "N"])
        values = {
            "ref-book_id": row("book", "book_id", book),
            "ref-member_id": row("member", "member_id", member),
            "loan_date": f"2024-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            "returned": returned,
            "fine_amount": round(rng.choice([0.0, 0.0, 0.5, 1.5, 2.0, 3.5]), 1),
        }
        add_row(g, "loan", "loan_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "loans.ttl")
