"""Ranking the values of a property by a count (issue 14): "Which city has the most loans?" ranks no class but the
values a property names (a library's city), each by how many of the counted things reach it, over zero, one or
two hops."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

os.environ.setdefault("HF_HUB_OFFLINE", "1")

TTL = """\
@prefix ex: <http://example.org/lib/> .
@prefix l: <http://example.org/lib/library#> .
@prefix n: <http://example.org/lib/loan#> .
@prefix b: <http://example.org/lib/book#> .

ex:lib1 a ex:library ; l:name "Elm Street Library" ; l:city "Leeds" .
ex:lib2 a ex:library ; l:name "Harbour Library" ; l:city "Hull" .
ex:lib3 a ex:library ; l:name "Canal Library" ; l:city "Leeds" .
ex:bk1 a ex:book ; b:title "Night Trains" ; b:genre "crime" .
ex:bk2 a ex:book ; b:title "Salt Marsh" ; b:genre "nature" .
ex:bk3 a ex:book ; b:title "Cold Case" ; b:genre "crime" .
ex:bk4 a ex:book ; b:title "River Birds" ; b:genre "nature" .
ex:bk5 a ex:book ; b:title "Quiet Alibi" ; b:genre "crime" .
ex:o1 a ex:loan ; n:reflibrary ex:lib2 ; n:refbook ex:bk1 .
ex:o2 a ex:loan ; n:reflibrary ex:lib2 ; n:refbook ex:bk2 .
ex:o3 a ex:loan ; n:reflibrary ex:lib2 ; n:refbook ex:bk2 .
ex:o4 a ex:loan ; n:reflibrary ex:lib1 ; n:refbook ex:bk4 .
ex:o5 a ex:loan ; n:reflibrary ex:lib3 ; n:refbook ex:bk4 .
ex:o6 a ex:loan ; n:reflibrary ex:lib2 ; n:refbook ex:bk3 .
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return engine_on(tmp_path_factory, "library", TTL)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Which city has the most loans?", ["Hull"]),  # loan -> library -> city
        ("Which 2 cities have the most loans?", ["Hull", "Leeds"]),
        ("Which genre has the most books?", ["crime"]),  # the books' own genre
        ("Which genre has the fewest loans?", ["crime"]),  # loan -> book -> genre
    ],
)
def test_the_values_of_a_named_property_ranked_by_a_count(library, question, expected):
    ans, values = answer_values(library, question)
    assert values == expected, ans.sparql
    assert "with the " in ans.explanation and " per " in ans.explanation, ans.explanation
