"""Two negations in one question each negate what follows them: 'ships that do not fly the flag of Norway and
whose hull colour is not red' leaves out both; the explanation says both."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on, table_ttl

os.environ.setdefault("HF_HUB_OFFLINE", "1")

E = "http://example.org/fleet/"
# (ship, hull colour, flag states)
SHIPS = [
    ("Arctic Tern", "Red", ["Norway"]),
    ("Blue Heron", "Blue", ["Norway", "Iceland"]),
    ("Cormorant", "Red", ["Iceland"]),
    ("Dunlin", "Green", ["Iceland"]),
    ("Eider", "Blue", ["Faroe Islands"]),
]


def _ttl() -> str:
    ships = [dict(ship_id=k, name=n, hull_colour=c) for k, (n, c, _) in enumerate(SHIPS, 1)]
    flags = [
        {"row": f"{k}-{j}", "ref-ship_id": f"<{E}ship/ship_id={k}>", "flag_state": flag}
        for k, (_, _, states) in enumerate(SHIPS, 1)
        for j, flag in enumerate(states)
    ]
    lines = table_ttl(E, "ship", "ship_id", ships, keep_key=False)
    return "\n".join(lines + table_ttl(E, "ship_flag", "row", flags, keep_key=False)) + "\n"


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    return engine_on(tmp_path_factory, "fleet", _ttl())


def test_each_negation_negates_what_follows_it(fleet):
    question = "What are the names of the ships that do not fly the flag state Norway and whose hull colour is not Red?"
    ans, values = answer_values(fleet, question)
    assert values == ["Dunlin", "Eider"], (ans.sparql, ans.explanation)
    assert ans.sparql.count("NOT EXISTS") == 2
    assert ans.explanation.count("those") == 2, ans.explanation
