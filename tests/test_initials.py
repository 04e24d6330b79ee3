"""An initial in a property's name ('fname', 'lname') stands for a word the question spells out: 'last name'
reads lname, alone or as one of several columns, even though 'name' fits fname just as well."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on, table_ttl

os.environ.setdefault("HF_HUB_OFFLINE", "1")

E = "http://example.org/crew/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SAILORS = [(1, "Mara", "Lindqvist", 34), (2, "Jonas", "Okafor", 27), (3, "Pia", "Rautio", 45)]


def _ttl() -> str:
    rows = [dict(sailor_id=i, fname=f, lname=ln, age=a) for i, f, ln, a in SAILORS]
    labels = [f'<{E}sailor/sailor_id={i}> <{RDFS}label> "{f} {ln}" .' for i, f, ln, _ in SAILORS]
    return "\n".join(table_ttl(E, "sailor", "sailor_id", rows) + labels) + "\n"


@pytest.fixture(scope="module")
def crew(tmp_path_factory):
    return engine_on(tmp_path_factory, "crew", _ttl())


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What are the last names of all sailors?", sorted(s[2] for s in SAILORS)),
        ("Give the last name and age of every sailor.", sorted([s[2] for s in SAILORS] + [str(s[3]) for s in SAILORS])),
        (
            "Give the first name and age of every sailor.",
            sorted([s[1] for s in SAILORS] + [str(s[3]) for s in SAILORS]),
        ),
    ],
)
def test_an_initial_is_read_as_the_word_before_name(crew, question, expected):
    ans, values = answer_values(crew, question)
    assert values == expected, (ans.sparql, ans.explanation)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Give the last name of the sailor called Pia Rautio.", ["Rautio"]),
        ("What is the first name of the sailor Jonas Okafor?", ["Jonas"]),
    ],
)
def test_an_initial_names_the_attribute_of_a_named_thing(crew, question, expected):
    ans, values = answer_values(crew, question)
    assert values == expected, (ans.sparql, ans.explanation)
