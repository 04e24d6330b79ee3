"""A class word that opens a property's name after a negation names that property (issue 14): 'gadgets with no
product manager' lack a product manager, not a compatible product, though 'product' is also a class of the graph."""

from __future__ import annotations

from conftest import answer_values, engine_on

TTL = """\
@prefix ex: <http://gadgets.example/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Product a rdfs:Class ; rdfs:label "product" .
ex:Gadget a rdfs:Class ; rdfs:label "gadget" ; rdfs:subClassOf ex:Product .
ex:Manager a rdfs:Class ; rdfs:label "manager" .
ex:hasProductManager rdfs:label "has product manager" ; rdfs:domain ex:Product ; rdfs:range ex:Manager .
ex:compatibleProduct rdfs:label "compatible product" ; rdfs:domain ex:Product ; rdfs:range ex:Product .
ex:m1 a ex:Manager ; rdfs:label "Oona Vale" .
ex:m2 a ex:Manager ; rdfs:label "Per Lindahl" .
ex:g1 a ex:Gadget ; rdfs:label "Flux Dial" ; ex:hasProductManager ex:m1 ; ex:compatibleProduct ex:g2 .
ex:g2 a ex:Gadget ; rdfs:label "Quill Relay" ; ex:hasProductManager ex:m2 .
ex:g3 a ex:Gadget ; rdfs:label "Tern Switch" ; ex:compatibleProduct ex:g1 .
ex:g4 a ex:Gadget ; rdfs:label "Moss Gauge" ; ex:hasProductManager ex:m1 ; ex:compatibleProduct ex:g3 .
ex:g5 a ex:Gadget ; rdfs:label "Wren Coil" .
"""


def test_a_class_word_opening_a_property_name_is_that_property(tmp_path_factory):
    engine = engine_on(tmp_path_factory, "gadgets", TTL)
    ans, values = answer_values(engine, "Which gadgets have no product manager?")
    # Tern Switch and Wren Coil have no manager; the start's code read 'product' as the class and answered the gadgets
    # no compatible product points at (Flux Dial, Wren Coil)
    assert values == ["http://gadgets.example/g3", "http://gadgets.example/g5"], (ans.sparql, ans.explanation)
