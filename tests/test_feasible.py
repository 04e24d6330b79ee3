"""Joins the data can never satisfy (issue 14): tables made into graphs repeat a property's local name across
classes (a member's `refband`, an album's `refband`). A candidate that reads a member's instrument from what an
album's `refband` finds counts nothing, and "0" must not pass for an answer."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

os.environ.setdefault("HF_HUB_OFFLINE", "1")

EX = "http://example.org/music/"

TTL = f"""\
@prefix b: <{EX}band#> .
@prefix m: <{EX}member#> .
@prefix al: <{EX}album#> .
@prefix ex: <{EX}> .

ex:band1 a ex:band ; b:name "The Lanterns" ; b:country "Ireland" .
ex:band2 a ex:band ; b:name "Copper Owls" ; b:country "Canada" .
ex:m1 a ex:member ; m:refband ex:band1 ; m:instrument "guitar" ; m:fullname "Aoife Byrne" .
ex:m2 a ex:member ; m:refband ex:band1 ; m:instrument "drums" ; m:fullname "Cian Doyle" .
ex:m3 a ex:member ; m:refband ex:band1 ; m:instrument "guitar" ; m:fullname "Sean Walsh" .
ex:m4 a ex:member ; m:refband ex:band2 ; m:instrument "bass" ; m:fullname "Lea Roy" .
ex:a1 a ex:album ; al:refband ex:band1 ; al:title "Low Tide" ; al:year 2019 .
ex:a2 a ex:album ; al:refband ex:band1 ; al:title "Harbour Lights" ; al:year 2021 .
ex:a3 a ex:album ; al:refband ex:band2 ; al:title "Maple Road" ; al:year 2020 .
ex:loose ex:note "a thing of no class" ; m:instrument "flute" .
"""


@pytest.fixture(scope="module")
def music(tmp_path_factory):
    return engine_on(tmp_path_factory, "music", TTL)


def test_a_count_over_a_join_of_two_classes_is_not_built(music):
    ans, values = answer_values(music, "How many instruments are played in The Lanterns?")
    assert values == ["2"], ans.sparql


def test_impossible_joins_are_told_from_the_schema(music):
    from kgquery.generate.feasible import impossible_join

    s = music.kg.schema
    ref_a, ref_m = f"<{EX}album#refband>", f"<{EX}member#refband>"
    inst, title, band = f"<{EX}member#instrument>", f"<{EX}album#title>", f"<{EX}band1>"
    assert impossible_join(f"SELECT ?y WHERE {{ ?x {ref_a} {band} . ?x {inst} ?y . }}", s)  # album vs member
    assert not impossible_join(f"SELECT ?y WHERE {{ ?x {ref_m} {band} . ?x {inst} ?y . }}", s)
    assert impossible_join(f"SELECT ?y WHERE {{ ?x {ref_m} {band} . ?x a <{EX}album> . }}", s)  # class vs use
    assert impossible_join(f"SELECT ?x WHERE {{ ?m {title} ?x . ?x a <{EX}album> . }}", s)  # a literal's class
    # an untyped thing plays the flute: an instrument's subjects are not all typed, so neither side decides
    assert not impossible_join(f"SELECT ?x WHERE {{ ?x {inst} ?y . ?x <{EX}note> ?n . }}", s)
    # what OPTIONAL or NOT EXISTS asks need not hold: the rest of the query still can
    assert not impossible_join(f"SELECT ?x WHERE {{ ?x {ref_a} {band} . OPTIONAL {{ ?x {inst} ?y . }} }}", s)
    assert not impossible_join(
        f"SELECT ?x WHERE {{ ?x {ref_a} {band} . FILTER NOT EXISTS {{ ?x {inst} ?y . }} ?x {title} ?t . }}", s
    )
