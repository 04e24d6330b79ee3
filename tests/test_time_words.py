"""Words of age and time on dates and years (issue 14): the oldest painting has the earliest year, the youngest
artist the latest birth date, the newest painting the latest year; a year here is a plain number in a property
labelled "year" (the local name says nothing), and the artworks are paintings and sculptures (subclasses)."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

os.environ.setdefault("HF_HUB_OFFLINE", "1")

M = "http://example.org/museum/"

TTL = """\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix m: <http://example.org/museum/> .

m:Artwork a owl:Class ; rdfs:label "artwork"@en .
m:Painting a owl:Class ; rdfs:label "painting"@en ; rdfs:subClassOf m:Artwork .
m:Sculpture a owl:Class ; rdfs:label "sculpture"@en ; rdfs:subClassOf m:Artwork .
m:Artist a owl:Class ; rdfs:label "artist"@en .
m:Museum a owl:Class ; rdfs:label "museum"@en .
m:createdBy a owl:ObjectProperty ; rdfs:label "created by"@en ; rdfs:domain m:Artwork ; rdfs:range m:Artist .
m:heldAt a owl:ObjectProperty ; rdfs:label "held at"@en ; skos:altLabel "exhibited in"@en .
m:yr a owl:DatatypeProperty ; rdfs:label "year"@en ; rdfs:comment "The year the work was completed."@en .
m:hcm a owl:DatatypeProperty ; rdfs:label "height (cm)"@en .
m:born a owl:DatatypeProperty ; rdfs:label "birth date"@en .
m:nat a owl:DatatypeProperty ; rdfs:label "nationality"@en .
m:city a owl:DatatypeProperty ; rdfs:label "city"@en .

m:monet a m:Artist ; rdfs:label "Claude Monet"@en ; m:born "1840-11-14"^^xsd:date ; m:nat "French" .
m:rodin a m:Artist ; rdfs:label "Auguste Rodin"@en ; m:born "1840-11-12"^^xsd:date ; m:nat "French" .
m:hokusai a m:Artist ; rdfs:label "Katsushika Hokusai"@en ; m:born "1760-10-31"^^xsd:date ; m:nat "Japanese" .
m:orsay a m:Museum ; rdfs:label "Musée d'Orsay"@fr , "Orsay Museum"@en ; m:city "Paris" .
m:met a m:Museum ; rdfs:label "Metropolitan Museum of Art"@en ; m:city "New York" .
m:w1 a m:Painting ; rdfs:label "Water Lilies"@en ; m:createdBy m:monet ; m:heldAt m:orsay ; m:yr 1906 ; m:hcm 89 .
m:w2 a m:Painting ; rdfs:label "Impression, Sunrise"@en ; m:createdBy m:monet ; m:heldAt m:orsay ; m:yr 1872 ; m:hcm 48 .
m:w3 a m:Sculpture ; rdfs:label "The Thinker"@en ; m:createdBy m:rodin ; m:heldAt m:met ; m:yr 1904 ; m:hcm 186 .
m:w4 a m:Painting ; rdfs:label "The Great Wave off Kanagawa"@en ; m:createdBy m:hokusai ; m:heldAt m:met ; m:yr 1831 ; m:hcm 26 .
m:w5 a m:Sculpture ; rdfs:label "The Kiss"@en ; m:createdBy m:rodin ; m:heldAt m:orsay ; m:yr 1882 ; m:hcm 181 .
"""


@pytest.fixture(scope="module")
def museum(tmp_path_factory):
    return engine_on(tmp_path_factory, "museum", TTL)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What is the oldest painting?", ["w4"]),  # 1831: the earliest year, not the highest
        ("What are the 2 oldest artworks?", ["w2", "w4"]),  # a painting and, below, a sculpture would do as well
        ("What is the newest painting?", ["w1"]),  # the latest year of the painting itself, not of its painter
        ("Who is the youngest artist?", ["monet"]),  # the latest birth date
        ("Which artist was born first?", ["hokusai"]),  # 'first' closing the sentence: the earliest
        ("Which painting was made last?", ["w1"]),
        ("Which is the first painting?", ["w4"]),  # 'the first' before a class with a year: a superlative of time
        ("Name the last artist to be born.", ["monet"]),
    ],
)
def test_age_and_time_words_rank_dates_and_years_the_right_way(museum, question, expected):
    ans, values = answer_values(museum, question)
    assert values == [M + e for e in expected], ans.sparql


def test_kinds_below_a_class_are_negated_and_asked_as_kinds(museum):
    ans, values = answer_values(museum, "Which artworks are not paintings?")
    assert values == [M + "w3", M + "w5"], ans.sparql
    assert f"FILTER NOT EXISTS {{ ?x a <{M}Painting> . }}" in ans.sparql  # not of that kind, not "not by a painter"
    ans = museum.ask("Are there any sculptures by Monet?")
    assert ans.boolean is False and "createdBy" in ans.sparql, ans.sparql  # sculptures by him, not "is he one"


def test_the_first_of_a_class_without_time_is_no_ranking(tmp_path_factory):
    """'the first name' is a property; 'the first museum' ranks nothing when museums have no date or year."""
    from kgquery.understand.text import analyse

    assert analyse("What is the first name of Monet?").cues.superlative is None
    eng = engine_on(tmp_path_factory, "museum2", TTL)
    ans, values = answer_values(eng, "Which city is the first museum in?")
    assert "MIN(" not in ans.sparql and "MAX(" not in ans.sparql, ans.sparql
