"""Well-known vocabularies (schema.org, FOAF), asked the way a new user would (issue 14): a job title is a value, not a
name; "people" names the class Person; "most recently" ranks by time; the oldest person is ranked by their own birth
date, not by their employer's founding date."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ORG = "http://example.org/org/"

TTL = """\
@prefix schema: <http://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/org/> .

ex:acme a schema:Organization ; schema:name "Acme Robotics" ; schema:foundingDate "1998-04-01"^^xsd:date ;
    schema:numberOfEmployees 120 ; schema:address ex:addr1 .
ex:bolt a schema:Organization ; schema:name "Bolt Energy" ; schema:foundingDate "2012-09-15"^^xsd:date ;
    schema:numberOfEmployees 45 ; schema:address ex:addr2 .
ex:addr1 a schema:PostalAddress ; schema:addressLocality "Turin" ; schema:addressCountry "Italy" .
ex:addr2 a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "France" .
ex:p1 a foaf:Person ; foaf:name "Giulia Conti" ; schema:worksFor ex:acme ; schema:jobTitle "Engineer" ;
    schema:birthDate "1985-02-11"^^xsd:date ; foaf:knows ex:p2 .
ex:p2 a foaf:Person ; foaf:name "Marco Ricci" ; schema:worksFor ex:acme ; schema:jobTitle "CEO" ;
    schema:birthDate "1970-07-30"^^xsd:date .
ex:p3 a foaf:Person ; foaf:name "Claire Dubois" ; schema:worksFor ex:bolt ; schema:jobTitle "Engineer" ;
    schema:birthDate "1990-12-05"^^xsd:date ; foaf:knows ex:p1 .
ex:p4 a foaf:Person ; foaf:name "Luc Martin" ; schema:worksFor ex:bolt ; schema:jobTitle "CEO" ;
    schema:birthDate "1965-03-21"^^xsd:date .
"""


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    return engine_on(tmp_path_factory, "org", TTL)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Who is the CEO of Bolt Energy?", ["p4"]),  # "CEO" is a job title two people share, not a name
        ("Which people are engineers?", ["p1", "p3"]),  # people -> person
        ("Which organization was founded most recently?", ["bolt"]),
        ("Who is the oldest person?", ["p4"]),
        ("Which people were born before 1980?", ["p2", "p4"]),
    ],
)
def test_plain_questions_on_schema_org_and_foaf(org, question, expected):
    ans, values = answer_values(org, question)
    assert values == [ORG + e for e in expected], ans.sparql
