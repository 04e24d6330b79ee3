"""A graph of opaque names (Q1, P2: only labels, alt labels and comments say what they are), asked the way a new user
would (issue 14): a value that names a thing ("the code FRA") finds the thing of the class asked for."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

os.environ.setdefault("HF_HUB_OFFLINE", "1")

K = "http://example.org/kb/"

TTL = """\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix k: <http://example.org/kb/> .

k:C1 rdfs:label "river" .
k:C2 rdfs:label "country" .
k:C3 rdfs:label "lake" .
k:P1 rdfs:label "length" ; rdfs:comment "Length of the river in kilometres." .
k:P2 rdfs:label "flows through" ; skos:altLabel "crosses" .
k:P3 rdfs:label "mouth" ; rdfs:comment "The body of water the river empties into." .
k:P4 rdfs:label "area" ; rdfs:comment "Surface area in square kilometres." .
k:P5 rdfs:label "ISO code" .
k:P6 rdfs:label "population" .

k:Q10 a k:C2 ; rdfs:label "Germany" ; k:P5 "DEU" ; k:P6 83000000 .
k:Q11 a k:C2 ; rdfs:label "Austria" ; k:P5 "AUT" ; k:P6 9000000 .
k:Q12 a k:C2 ; rdfs:label "Switzerland" ; k:P5 "CHE" ; k:P6 8700000 .
k:Q13 a k:C2 ; rdfs:label "France" ; k:P5 "FRA" ; k:P6 68000000 .
k:Q20 a k:C3 ; rdfs:label "Lake Constance" ; k:P4 536 .
k:Q21 a k:C3 ; rdfs:label "Lake Geneva" ; k:P4 580 .
k:Q1 a k:C1 ; rdfs:label "Rhine" ; k:P1 1233 ; k:P2 k:Q10, k:Q12, k:Q11, k:Q13 ; k:P3 k:Q30 .
k:Q2 a k:C1 ; rdfs:label "Danube" ; k:P1 2850 ; k:P2 k:Q10, k:Q11 ; k:P3 k:Q31 .
k:Q3 a k:C1 ; rdfs:label "Rhône" ; k:P1 813 ; k:P2 k:Q12, k:Q13 ; k:P3 k:Q32 .
k:Q4 a k:C1 ; rdfs:label "Inn" ; k:P1 517 ; k:P2 k:Q12, k:Q11, k:Q10 ; k:P3 k:Q2 .
k:Q30 rdfs:label "North Sea" .
k:Q31 rdfs:label "Black Sea" .
k:Q32 rdfs:label "Mediterranean Sea" .
"""


@pytest.fixture(scope="module")
def rivers(tmp_path_factory):
    return engine_on(tmp_path_factory, "rivers", TTL)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Which country has the code FRA?", [K + "Q13"]),  # the country, not its code read back
        ("Which rivers cross Switzerland?", [K + "Q1", K + "Q3", K + "Q4"]),  # an alt label of "flows through"
        ("Where does the Rhône empty into?", [K + "Q32"]),  # a property known by its comment
        ("Which rivers flow through both Germany and France?", [K + "Q1"]),
        ("Which country has the smallest population?", [K + "Q12"]),  # ranked by it, not read out after another
        ("How many rivers are longer than the Rhône?", ["2"]),  # a comparison with a thing's number, counted
    ],
)
def test_plain_questions_on_opaque_names(rivers, question, expected):
    ans, values = answer_values(rivers, question)
    assert values == expected, ans.sparql


def test_things_beside_a_value_of_theirs(rivers):
    ans = rivers.ask("List all countries and their population.")
    rows = ans.attempt_rows if ans.outcome == "abstained" else ans.rows
    pairs = sorted((r[0].value, r[1].value) for r in rows)
    assert pairs == [(K + "Q10", "83000000"), (K + "Q11", "9000000"), (K + "Q12", "8700000"), (K + "Q13", "68000000")]
