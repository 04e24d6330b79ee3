"""A link table that carries numbers of its own (issue 14): repairs join a mechanic and a customer and have a
date written as text, hours and a cost. Questions ask for sums per thing ranked, per-group counts within a
year, the number a superlative names, a year compared with dates (not with a count of years), and names read
through the link that the question's class word picks."""

from __future__ import annotations

import pytest

from conftest import answer_values, engine_on, table_ttl

B = "http://repairs.example/"

MECHANICS = [("Rui Costa", 12), ("Mia Berg", 4), ("Olu Ade", 20)]
CUSTOMERS = [("Ada Lee", "Porto"), ("Ben Shaw", "Braga"), ("Cleo Leeds", "Porto"), ("Dan Ruiz", "Faro")]
REPAIRS = [  # mechanic, customer, date, hours, labour cost
    (1, 1, "2023-03-10", 2, 150), (2, 1, "2024-01-05", 5, 90), (3, 2, "2024-06-20", 1, 400),
    (1, 3, "2023-11-02", 3, 120), (2, 1, "2024-09-14", 4, 200), (3, 4, "2022-07-30", 1, 80),
    (1, 3, "2024-02-11", 6, 60),
]  # fmt: skip


def _ref(table: str, key: str, n: int) -> str:
    return f"<{B}{table}/{key}={n}>"


def _graph() -> str:
    lines = table_ttl(
        B,
        "mechanic",
        "mechanic_id",
        [{"mechanic_id": i, "name": n, "years_experience": y} for i, (n, y) in enumerate(MECHANICS, 1)],
    )
    lines += table_ttl(
        B,
        "customer",
        "customer_id",
        [{"customer_id": i, "name": n, "city": c} for i, (n, c) in enumerate(CUSTOMERS, 1)],
    )
    lines += table_ttl(
        B,
        "repair",
        "repair_id",
        [
            {
                "repair_id": i,
                "ref-mechanic_id": _ref("mechanic", "mechanic_id", m),
                "ref-customer_id": _ref("customer", "customer_id", c),
                "repair_date": day,
                "hours": h,
                "labour_cost": cost,
            }
            for i, (m, c, day, h, cost) in enumerate(REPAIRS, 1)
        ],
    )
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def repairs(tmp_path_factory):
    return engine_on(tmp_path_factory, "repairs", _graph())


@pytest.mark.parametrize(
    "question, expected",
    [
        # 'in total' after the superlative: the costs added up per customer (Ben Shaw paid the single highest)
        ("Which customer paid the most in labour costs in total?", ["Ada Lee"]),
        # a year compared with dates written as text, not with the mechanic's years of experience
        ("What is the average labour cost of the repairs done before 2024?", ["116.666666"]),
        # the year stated narrows what is counted per group
        (
            "How many repairs did each mechanic do in 2024? Show the mechanic names.",
            ["1", "1", "2", "Mia Berg", "Olu Ade", "Rui Costa"],
        ),
        # 'the mechanic names': through the link to the mechanics, not to the customers
        ("Who did the shortest repair in hours? Give the mechanic names.", ["Olu Ade"]),
        # 'names' asked, 'name' searched: the names are read out, not the customers' rows
        ("List the names of customers whose name contains 'Lee'.", ["Ada Lee", "Cleo Leeds"]),
        # the noun after the superlative names the number: the number itself is asked
        ("What is the highest labour cost charged to Ada Lee?", ["200"]),
    ],
)
def test_link_table(repairs, question, expected):
    ans, values = answer_values(repairs, question)
    shown = [v[: v.index(".") + 7] if "." in v else v for v in values]  # a mean cut at six places
    assert shown == expected, (ans.sparql, ans.explanation)


def test_a_link_is_worded_by_what_it_links_to(repairs):
    """The explanation says 'whose customer is', not the key's column name 'ref customer id'."""
    ans = repairs.ask("What is the total labour cost paid by each customer? List the customer names and the totals.")
    assert "customer id" not in ans.explanation and "customer" in ans.explanation, ans.explanation
