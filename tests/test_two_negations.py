"""Two negations in one question each negate what follows them: 'ships that do not fly the flag of Norway and
whose hull colour is not red' leaves out both; the explanation says both."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

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
    lines = ["@prefix e: <http://example.org/fleet/> ."]
    for k, (name, colour, flags) in enumerate(SHIPS, 1):
        s = f"<{E}ship/ship_id={k}>"
        lines += [f"{s} a e:ship .", f'{s} <{E}ship#name> "{name}" .', f'{s} <{E}ship#hull_colour> "{colour}" .']
        for j, flag in enumerate(flags):
            r = f"<{E}ship_flag/row={k}-{j}>"
            lines += [
                f"{r} a e:ship_flag .",
                f"{r} <{E}ship_flag#ref-ship_id> {s} .",
                f'{r} <{E}ship_flag#flag_state> "{flag}" .',
            ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    return engine_on(tmp_path_factory, "fleet", _ttl())


def test_each_negation_negates_what_follows_it(fleet):
    question = "What are the names of the ships that do not fly the flag state Norway and whose hull colour is not Red?"
    ans, values = answer_values(fleet, question)
    assert values == ["Dunlin", "Eider"], (ans.sparql, ans.explanation)
    assert ans.sparql.count("NOT EXISTS") == 2
    assert ans.explanation.count("those") == 2, ans.explanation
