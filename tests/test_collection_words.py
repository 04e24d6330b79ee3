"""Wordings of a collection graph (issue 14): a measure adjective after the number compared ('more than 150 cm
wide'), a verb naming the date compared ('acquired no earlier than 2015'), 'in 2018 or later', a class whose name
is 'work of art' called 'works', a code the question names a thing by (never the answer), a concept read with
the concepts below it (skos:broader), and 'when was it last inspected' (the latest time)."""

from __future__ import annotations

import pytest

from conftest import answer_values, engine_on

GRAPH = """@prefix ex: <http://collection.example/def#> .
@prefix id: <http://collection.example/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:Artwork a rdfs:Class ; rdfs:label "Artwork" ; skos:altLabel "work of art" .
ex:Maker a rdfs:Class ; rdfs:label "Maker" .
ex:widthCm rdfs:label "width" ; rdfs:comment "Width in centimetres." .
ex:heightCm rdfs:label "height" ; rdfs:comment "Height in centimetres." .
ex:acquiredOn rdfs:label "acquired on" ; rdfs:comment "The day the work was bought or given." .
ex:creationYear rdfs:label "creation year" .
ex:code rdfs:label "inventory code" .
ex:createdBy rdfs:label "created by" .
ex:style rdfs:label "style" .

id:Modernism a skos:Concept ; rdfs:label "Modernism" .
id:Cubism a skos:Concept ; rdfs:label "Cubism" ; skos:broader id:Modernism .
id:Fauvism a skos:Concept ; rdfs:label "Fauvism" ; skos:broader id:Modernism .
id:Baroque a skos:Concept ; rdfs:label "Baroque" .

id:m1 a ex:Maker ; rdfs:label "Ines Varro" .
id:m2 a ex:Maker ; rdfs:label "Olek Brandt" .

id:w1 a ex:Artwork ; rdfs:label "Blue Quay" ; ex:widthCm 180 ; ex:heightCm 90 ; ex:acquiredOn "2016-04-02"^^xsd:date ;
    ex:creationYear "1911"^^xsd:gYear ; ex:code "INV-2001-07" ; ex:createdBy id:m1 ; ex:style id:Cubism .
id:w2 a ex:Artwork ; rdfs:label "Red Field" ; ex:widthCm 120 ; ex:heightCm 200 ; ex:acquiredOn "2019-09-15"^^xsd:date ;
    ex:creationYear "1906"^^xsd:gYear ; ex:code "INV-2001-08" ; ex:createdBy id:m2 ; ex:style id:Fauvism .
id:w3 a ex:Artwork ; rdfs:label "Still Hours" ; ex:widthCm 160 ; ex:heightCm 140 ; ex:acquiredOn "2009-01-20"^^xsd:date ;
    ex:creationYear "1660"^^xsd:gYear ; ex:code "INV-1990-01" ; ex:createdBy id:m2 ; ex:style id:Baroque .
id:w4 a ex:Artwork ; rdfs:label "Grey Wharf" ; ex:widthCm 60 ; ex:heightCm 80 ; ex:acquiredOn "2021-06-30"^^xsd:date ;
    ex:creationYear "2018"^^xsd:gYear ; ex:code "INV-2021-03" ; ex:createdBy id:m1 ; ex:style id:Modernism .

ex:Inspection a rdfs:Class ; rdfs:label "Inspection" .
ex:ofWork rdfs:label "work inspected" .
ex:inspectedOn rdfs:label "date of inspection" .
id:i1 a ex:Inspection ; ex:ofWork id:w1 ; ex:inspectedOn "2019-05-02"^^xsd:date .
id:i2 a ex:Inspection ; ex:ofWork id:w1 ; ex:inspectedOn "2023-10-17"^^xsd:date .
id:i3 a ex:Inspection ; ex:ofWork id:w1 ; ex:inspectedOn "2021-01-08"^^xsd:date .
id:i4 a ex:Inspection ; ex:ofWork id:w2 ; ex:inspectedOn "2024-02-12"^^xsd:date .
"""


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    return engine_on(tmp_path_factory, "collection", GRAPH)


def _iris(*names: str) -> list[str]:
    return sorted(f"http://collection.example/id/{n}" for n in names)


@pytest.mark.parametrize(
    "question, expected",
    [
        # 'wide' after '150 cm' names the number compared: the width, not the height that shares the unit
        ("Which works are more than 150 cm wide?", _iris("w1", "w3")),
        # the verb names the date compared: acquired, not created
        ("Which works did the collection acquire no earlier than 2016?", _iris("w1", "w2", "w4")),
        # 'in 2019 or later': from the start of 2019 on, not within 2019 alone
        ("Which works were acquired in 2019 or later?", _iris("w2", "w4")),
        # 'works': the class named 'work of art'
        ("How many works were created before 1900?", ["1"]),
        # the code names the work; what is asked is its maker
        ("Who created the work with inventory code INV-2001-07?", _iris("m1")),
        # a concept with narrower concepts stands for them too
        ("Which works have the style Modernism?", _iris("w1", "w2", "w4")),
        # 'last' before the verb: the latest of the times, not all of them
        ("When was Blue Quay last inspected?", ["2023-10-17"]),
        ("When was Blue Quay first inspected?", ["2019-05-02"]),
    ],
)
def test_collection_wordings(collection, question, expected):
    ans, values = answer_values(collection, question)
    assert values == expected, (question, ans.sparql, ans.explanation)


def test_the_head_of_an_of_name_names_the_class(collection):
    """'work of art' is a work: 'works' names the class without the embedding model having to guess."""
    assert collection.linker.class_names["work"] == ["http://collection.example/def#Artwork"]


def test_a_noun_for_the_data_as_a_whole_is_left_to_explain_by_nothing(collection):
    """'in the collection' narrows nothing down: no word is left unexplained, as without it."""
    ans, values = answer_values(collection, "How many works in the collection were created before 1900?")
    assert values == ["1"], (ans.sparql, ans.explanation)
    assert ans.features["unexplained"] == 0.0, ans.features
