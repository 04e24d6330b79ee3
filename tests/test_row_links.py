"""Rows that link rows (issue 14): a lending database where loans join a borrower and the broker who arranged them, and a broker's
own city differs from the cities of the borrowers it serves. Questions: a value stated next to what is summed per
group ('the open loans in each branch'), the columns asked of the things a link ranks ('who brokered the most
loans? give the first and last name'), and a class word on the way to a stated value ('brokers whose borrowers
live in X': through the loans to the borrowers, not the brokers' own city)."""

from __future__ import annotations

import pytest

from conftest import answer_values, engine_on, numbered_table, table_ttl

B = "http://lending.example/"

BRANCHES = ["North Gate", "Riverside", "Old Mill"]
BROKERS = [  # first name, last name, city
    ("Tove", "Lind", "Arlow"), ("Emil", "Sarto", "Brenna"), ("Nadia", "Oyelaran", "Arlow"), ("Kai", "Moreau", "Cresk"),
]  # fmt: skip
BORROWERS = [("Ola Haug", "Brenna"), ("Pia Lund", "Arlow"), ("Rasmus Eide", "Brenna"), ("Sara Vik", "Cresk")]
LOANS = [  # branch, broker, borrower, status, amount
    (1, 1, 1, "OPEN", 500), (1, 2, 2, "CLOSED", 900), (1, 1, 3, "OPEN", 250), (2, 3, 4, "OPEN", 700),
    (2, 1, 2, "CLOSED", 300), (2, 3, 1, "CLOSED", 1200), (3, 4, 4, "OPEN", 80), (3, 1, 4, "CLOSED", 60),
    (3, 2, 3, "OPEN", 40),
]  # fmt: skip


def _ref(table: str, key: str, n: int) -> str:
    return f"<{B}{table}/{key}={n}>"


def _graph() -> str:
    lines = numbered_table(B, "branch", "branch_id", ("name",), BRANCHES)
    lines += numbered_table(B, "broker", "broker_id", ("first_name", "last_name", "city"), BROKERS)
    lines += numbered_table(B, "borrower", "borrower_id", ("name", "city"), BORROWERS)
    lines += table_ttl(
        B,
        "loan",
        "loan_id",
        [
            {
                "loan_id": i,
                "ref-branch_id": _ref("branch", "branch_id", branch),
                "ref-arranger_id": _ref("broker", "broker_id", broker),
                "ref-borrower_id": _ref("borrower", "borrower_id", borrower),
                "status": status,
                "amount": amount,
            }
            for i, (branch, broker, borrower, status, amount) in enumerate(LOANS, 1)
        ],
    )
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def lending(tmp_path_factory):
    return engine_on(tmp_path_factory, "lending", _graph())


@pytest.mark.parametrize(
    "question, expected",
    [
        # the status is the loans' own (one hop), not that of some loan of the branch (two): only open loans are
        # added up, where the start's code summed every loan of a branch with an open one (1650, 2200, 180)
        (
            "What is the total amount of the open loans in each branch? List the branch names with the totals.",
            ["120", "700", "750", "North Gate", "Old Mill", "Riverside"],
        ),
        # the arrangers of loans, ranked by how many each arranged, are rows of the brokers table: the columns asked are
        # read off them, where the start's code showed their row IRIs
        ("Who arranged the most loans? Give the first and last name.", ["Lind", "Tove"]),
        # 'borrowers' names the class on the way to Brenna: the brokers of loans to borrowers living there, not the
        # brokers living there (only Emil Sarto)
        (
            "What are the last names of the brokers whose borrowers live in Brenna?",
            ["Lind", "Oyelaran", "Sarto"],
        ),
    ],
)
def test_row_links(lending, question, expected):
    ans, values = answer_values(lending, question)
    assert values == expected, (ans.sparql, ans.explanation)
