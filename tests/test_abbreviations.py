"""Column names clip their words ('destPort', 'abbrev'): a question's full word names the clipped property."""

from __future__ import annotations

import pytest

from conftest import answer_values, engine_on

FERRIES = """@prefix r: <http://example.org/routes/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
r:Ferry rdfs:label "ferry" .
r:Port rdfs:label "port" .
r:p1 a r:Port ; rdfs:label "Wexby" .
r:p2 a r:Port ; rdfs:label "Lunnamore" .
r:p3 a r:Port ; rdfs:label "Cray Holm" .
r:f1 a r:Ferry ; rdfs:label "Ferry 11" ; r:srcPort r:p1 ; r:destPort r:p2 .
r:f2 a r:Ferry ; rdfs:label "Ferry 12" ; r:srcPort r:p1 ; r:destPort r:p3 .
r:f3 a r:Ferry ; rdfs:label "Ferry 13" ; r:srcPort r:p2 ; r:destPort r:p1 .
r:f4 a r:Ferry ; rdfs:label "Ferry 14" ; r:srcPort r:p3 ; r:destPort r:p2 .
r:f5 a r:Ferry ; rdfs:label "Ferry 15" ; r:srcPort r:p3 ; r:destPort r:p2 .
"""


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Which ferries have the destination Wexby?", ["http://example.org/routes/f3"]),
        ("How many ferries have Lunnamore as their destination?", ["3"]),
    ],
)
def test_a_full_word_names_the_property_its_clipped_form_names(tmp_path_factory, question, expected):
    """Wexby is both a start and an end of ferries: 'destination' picks destPort, which 'dest' clips."""
    engine = engine_on(tmp_path_factory, "ferries", FERRIES)
    ans, values = answer_values(engine, question)
    assert values == expected, (ans.sparql, ans.explanation)
    assert ans.features["unexplained"] == 0.0, ans.features


LOCKERS = """@prefix g: <http://example.org/gym/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
g:Member rdfs:label "member" .
g:m1 a g:Member ; rdfs:label "Orla Venn" ; g:lockerNo "114"^^xsd:integer ; g:visits "3"^^xsd:integer .
g:m2 a g:Member ; rdfs:label "Tamsin Rook" ; g:lockerNo "27"^^xsd:integer ; g:visits "12"^^xsd:integer .
g:m3 a g:Member ; rdfs:label "Idris Penhale" ; g:lockerNo "305"^^xsd:integer ; g:visits "7"^^xsd:integer .
"""


def test_a_name_part_written_as_an_abbreviation_is_named_by_its_word(tmp_path_factory):
    """'lockerNo': WordNet writes 'no.' for a number, so 'the locker numbers' asks for lockerNo and leaves no
    word of the question unexplained."""
    engine = engine_on(tmp_path_factory, "lockers", LOCKERS)
    ans, values = answer_values(engine, "What are the locker numbers of the members?")
    assert sorted(values) == ["114", "27", "305"], (ans.sparql, ans.explanation)
    assert ans.features["unexplained"] == 0.0, ans.features
    assert ans.outcome == "answered", (ans.confidence, ans.features)


def test_the_number_of_things_still_counts_them(tmp_path_factory):
    """'the number of members' is a count: the abbreviation 'no' of lockerNo does not turn it into a sum."""
    engine = engine_on(tmp_path_factory, "lockers", LOCKERS)
    ans, values = answer_values(engine, "What is the number of members?")
    assert values == ["3"], (ans.sparql, ans.explanation)
