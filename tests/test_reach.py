"""Reach (issue 14) on a graph whose properties have run-together lowercase names and no labels (tables made into a
graph): the words come from splitting the names; "the N largest" keeps N rows; an attribute the matches
lack is read from the things they lead to; a bare number is a quantity, not some entity's id."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

os.environ.setdefault("HF_HUB_OFFLINE", "1")

EX = "http://example.org/kits/"

TTL = f"""\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <{EX}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:Part rdfs:label "part" .
ex:Product rdfs:label "product" .
ex:Supplier rdfs:label "supplier" .

ex:s1 a ex:Supplier ; rdfs:label "Fjord Metals" ; ex:homecountry "Norway" ; ex:serialid "4" ;
    ex:registrationdate "2011-03-02"^^xsd:date .
ex:s2 a ex:Supplier ; rdfs:label "Andes Wire" ; ex:homecountry "Chile" ; ex:serialid "7" ;
    ex:registrationdate "2009-10-20"^^xsd:date .
ex:s3 a ex:Supplier ; rdfs:label "Tagus Tools" ; ex:homecountry "Portugal" ; ex:serialid "9" ;
    ex:registrationdate "2015-06-30"^^xsd:date .
ex:g1 a ex:Product ; ex:teeth 12 ; rdfs:label "Gear Alpha" ; ex:surfacearea 120 ; ex:madeby ex:s1 .
ex:g2 a ex:Product ; ex:teeth 24 ; rdfs:label "Gear Beta" ; ex:surfacearea 480 ; ex:madeby ex:s2 .
ex:g3 a ex:Product ; ex:teeth 12 ; rdfs:label "Gear Gamma" ; ex:surfacearea 300 ; ex:madeby ex:s3 .
ex:g4 a ex:Product ; ex:teeth 36 ; rdfs:label "Gear Delta" ; ex:surfacearea 90 ; ex:madeby ex:s3 .
ex:p1 a ex:Part ; rdfs:label "Part One" ; ex:usesproduct ex:g1 ; ex:quantity 4 .
ex:p2 a ex:Part ; rdfs:label "Part Two" ; ex:usesproduct ex:g2 ; ex:quantity 2 .
ex:p3 a ex:Part ; rdfs:label "Part Three" ; ex:usesproduct ex:g2 ; ex:quantity 4 .
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_on(tmp_path_factory, "reach", TTL)


def test_run_together_names_are_split_into_words(engine):
    from kgquery.graph.schema import split_name

    assert split_name("surfacearea") == "surface area"
    assert split_name("homecountry") == "home country"
    assert split_name("horsepower") == "horsepower"  # a word the dictionary knows stays whole
    ans, values = answer_values(engine, "What is the surface area of Gear Gamma?")
    assert values == ["300"], ans.sparql


def test_the_n_largest_keeps_n_rows(engine):
    ans, values = answer_values(engine, "Which 2 products have the largest surface area?")
    assert values == [EX + "g2", EX + "g3"], ans.sparql
    assert "LIMIT 2" in ans.sparql


def test_an_attribute_is_read_from_the_things_the_matches_lead_to(engine):
    # parts have no home country; the products they use are made by suppliers that do
    ans, values = answer_values(engine, "What are the home countries of the parts?")
    assert values == ["Chile", "Norway"], ans.sparql


def test_a_bare_number_is_a_quantity_not_an_id(engine):
    from kgquery.understand.text import analyse

    linker = engine.linker
    quantity = linker.link(analyse("Which parts have a quantity of 4?"))
    assert not [m for m in quantity.mentions if m.kind == "entity" and m.text == "4"]
    named = linker.link(analyse("Which supplier has the serial id 4?"))
    assert [h.iri for m in named.mentions if m.text == "4" for h in m.hits if m.kind == "entity"] == [EX + "s1"]


def test_dates_rank_for_words_of_time(engine):
    ans, values = answer_values(engine, "Which supplier has the earliest registration date?")
    assert values == [EX + "s2"], ans.sparql


def test_without_a_class_word_the_named_property_gives_the_things_asked_about(engine):
    # no class word, no entity: 'surface area' is a property of products
    ans, values = answer_values(engine, "What is the average surface area?")
    assert [float(v) for v in values] == [247.5], ans.sparql


def test_a_stated_value_constrains_the_number_its_word_names(engine):
    # '12 teeth': only g1 (120) and g3 (300) have 12 teeth
    ans, values = answer_values(engine, "Which product with 12 teeth has the largest surface area?")
    assert values == [EX + "g3"], ans.sparql


def test_each_aggregate_applies_to_its_own_word(engine):
    ans, values = answer_values(engine, "What are the total surface area and the average teeth of the products?")
    assert sorted(float(v) for v in values) == [21.0, 990.0], ans.sparql
