"""Properties named by a verb ('reports to', 'leads', 'owned by'), issue 14: which way the question reads them
is said by where the verb stands against the named thing, not by the property's direction alone."""

from __future__ import annotations

import pytest

from conftest import answer_values, engine_on

TEAM = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix t: <https://team.example/def#> .
@prefix p: <https://team.example/person/> .
@prefix j: <https://team.example/project/> .
t:Person rdfs:label "person" .
t:Project rdfs:label "project" .
t:Group rdfs:label "group" .
t:reportsTo rdfs:label "reports to" .
t:leads rdfs:label "leads" .
t:ownedBy rdfs:label "owned by" .
p:ines a t:Person ; rdfs:label "Ines Vale" .
p:omar a t:Person ; rdfs:label "Omar Hale" ; t:reportsTo p:ines .
p:lea a t:Person ; rdfs:label "Lea Marsh" ; t:reportsTo p:omar ; t:leads j:kite .
p:tom a t:Person ; rdfs:label "Tom Reed" ; t:reportsTo p:omar ; t:leads j:orbit .
j:kite a t:Project ; rdfs:label "Kite" ; t:ownedBy <https://team.example/group/lab> .
j:orbit a t:Project ; rdfs:label "Orbit" ; t:ownedBy <https://team.example/group/lab> .
<https://team.example/group/lab> a t:Group ; rdfs:label "Lab" .
"""
P = "https://team.example/person/"


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    return engine_on(tmp_path_factory, "team", TEAM)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Who reports to Omar Hale?", ["lea", "tom"]),  # the verb before the name: who points at Omar
        ("Who does Omar Hale report to?", ["ines"]),  # after it: whom Omar points at
        ("Who leads Kite?", ["lea"]),
        (
            "Which projects are owned by the Lab?",
            ["https://team.example/project/kite", "https://team.example/project/orbit"],
        ),
    ],
)
def test_the_verb_says_which_way(team, question, expected):
    ans, values = answer_values(team, question)
    assert sorted(v.removeprefix(P) for v in values) == expected, (ans.sparql, ans.explanation)
