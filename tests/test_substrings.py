"""Words inside a text ("titles with the word 'Garden'", "names starting with 'Ma'", "a description that
contains 'whale'"): the quoted text is a substring constraint on the text property the words name, never a
thing to link; "countries that contain the most cities" stays a relation."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on
from kgquery.understand.text import analyse

os.environ.setdefault("HF_HUB_OFFLINE", "1")

L = "http://example.org/lib/"

TTL = """\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix l: <http://example.org/lib/> .

l:Book a owl:Class ; rdfs:label "book"@en .
l:Writer a owl:Class ; rdfs:label "writer"@en .
l:ttl a owl:DatatypeProperty ; rdfs:label "title"@en .
l:blurb a owl:DatatypeProperty ; rdfs:label "description"@en .
l:nm a owl:DatatypeProperty ; rdfs:label "name"@en .
l:pages a owl:DatatypeProperty ; rdfs:label "pages"@en .
l:by a owl:ObjectProperty ; rdfs:label "written by"@en .

l:w1 a l:Writer ; l:nm "Mary Shelley" .
l:w2 a l:Writer ; l:nm "Herman Melville" .
l:w3 a l:Writer ; l:nm "Marcel Proust" .
l:w4 a l:Writer ; l:nm "Frances Burnett" .
l:b1 a l:Book ; l:ttl "Frankenstein" ; l:blurb "A scientist creates a creature." ; l:pages 280 ; l:by l:w1 .
l:b2 a l:Book ; l:ttl "Moby-Dick" ; l:blurb "A captain hunts a white whale." ; l:pages 635 ; l:by l:w2 .
l:b3 a l:Book ; l:ttl "Swann's Way" ; l:blurb "Memories of a garden town and a whale of a family." ; l:pages 468 ; l:by l:w3 .
l:b4 a l:Book ; l:ttl "The Secret Garden" ; l:blurb "An orphan finds a hidden garden." ; l:pages 331 ; l:by l:w4 .
l:b5 a l:Book ; l:ttl "Garden Party" ; l:blurb "Stories." ; l:pages 120 ; l:by l:w4 .
l:b6 a l:Book ; l:ttl "The Last Man" ; l:blurb "A plague ends the world." ; l:pages 479 ; l:by l:w1 .
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return engine_on(tmp_path_factory, "library", TTL)


@pytest.mark.parametrize(
    "question, mode, text",
    [
        ("Which books have the word 'Garden' in their title?", "contains", "Garden"),
        ("List the writers whose name starts with 'Ma'.", "starts", "Ma"),
        ("Books whose description contains the letter w", "contains", "w"),
        ("What is the description of the book whose title has the substring the garden?", "contains", "garden"),
        ("Which titles end with \u2018Way\u2019?", "ends", "Way"),
    ],
)
def test_a_text_inside_a_value_is_read_as_a_substring(question, mode, text):
    texts = analyse(question).cues.texts
    assert [(t[0], t[1]) for t in texts] == [(mode, text)]


@pytest.mark.parametrize(
    "question",
    [
        "Which countries contain the most cities?",
        "Which documents contain the paragraph text 'Brazil'?",
        "Books by Mary",
    ],
)
def test_relations_and_values_are_no_substrings(question):
    assert analyse(question).cues.texts == []


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Which books have the word 'Garden' in their title?", ["b4", "b5"]),
        ("Which books have a description containing the word 'whale'?", ["b2", "b3"]),  # not the title
        ("List the writers whose name starts with 'Ma'.", ["w1", "w3"]),
        ("Which writers have a name ending with 'Burnett'?", ["w4"]),
    ],
)
def test_substrings_constrain_the_text_the_words_name(library, question, expected):
    ans, values = answer_values(library, question)
    assert values == [L + e for e in expected], ans.sparql
    assert ans.outcome == "answered", (ans.outcome, ans.sparql)


def test_substrings_join_counts_and_other_reads(library):
    ans = library.ask("How many books have the word 'garden' in their title?")
    assert [r[0].value for r in ans.rows] == ["2"], ans.sparql
    ans, values = answer_values(library, "What is the description of the book whose title has the substring Secret?")
    assert values == ["An orphan finds a hidden garden."], ans.sparql


def test_the_explanation_says_the_text_searched(library):
    ans = library.ask("List the writers whose name starts with 'Ma'.")
    assert 'starts with "ma"' in ans.explanation, ans.explanation
