"""Validation before execution: parse, prefixes, know-before-use IRIs, patterns that fit the data."""

from __future__ import annotations

import pytest

from kgquery.generate.validate import Validation, Validator, validate_query

EX = "http://example.org/people/"


@pytest.fixture(scope="module")
def validator(people_kg) -> Validator:
    return Validator(people_kg)


def pfx(kg) -> str:
    """The prefix the schema gave the people namespace (e.g. 'people')."""
    return kg.schema.short(EX + "age").split(":")[0]


def test_a_good_query_passes_and_gets_its_prefixes(validator, people_kg):
    p = pfx(people_kg)
    v = validator.validate(f"SELECT ?x WHERE {{ ?x {p}:livesIn <{EX}london> ; rdfs:label ?l . }}")
    assert v == Validation(True, (), v.fixed_query)
    assert f"PREFIX {p}: <{EX}>" in v.fixed_query and "PREFIX rdfs:" in v.fixed_query


def test_parse_errors_and_updates_are_reported(validator):
    v = validator.validate("SELECT ?x WHERE { ?x ?p ")
    assert not v.ok and v.errors[0].startswith("not valid SPARQL")
    v = validator.validate(f"DELETE WHERE {{ <{EX}ada> ?p ?o }}")
    assert not v.ok and "updates are not allowed" in v.errors[0]
    assert not validator.validate("   ").ok
    v = validator.validate("SELECT (STR(1) AS ?v) WHERE { }")
    assert not v.ok and "reads nothing from the graph" in v.errors[0]


def test_unknown_iris_come_with_did_you_mean(validator, people_kg):
    v = validator.validate(f"SELECT ?x WHERE {{ ?x <{EX}livesInn> <{EX}london> }}")
    assert not v.ok
    assert f"unknown IRI <{EX}livesInn>" in v.errors[0]
    assert f"did you mean {people_kg.schema.short(EX + 'livesIn')}" in v.errors[0]


def test_patterns_that_do_not_fit_the_data(validator, people_kg):
    p = pfx(people_kg)
    # London has no age
    v = validator.validate(f"SELECT ?a WHERE {{ <{EX}london> {p}:age ?a }}")
    assert not v.ok and v.errors[0].startswith(f"<{EX}london> has no {p}:age")
    # a City is never the subject of livesIn: the hint lists what cities do have
    v = validator.validate(f"SELECT ?x WHERE {{ ?c a {p}:City . ?c {p}:livesIn ?x }}")
    assert not v.ok and f"{p}:livesIn is never used on a {p}:City" in v.errors[0]
    # nobody lives in Ada
    v = validator.validate(f"SELECT ?x WHERE {{ ?x {p}:livesIn <{EX}ada> }}")
    assert not v.ok and v.errors[0].startswith(f"nothing has {p}:livesIn <{EX}ada>")
    # a misspelt name: the label index suggests the real one
    v = validator.validate('SELECT ?x WHERE { ?x rdfs:label "Grace Hoper" }')
    assert not v.ok and '"Grace Hopper"' in v.errors[0]


def test_validate_query_function(people_kg):
    assert validate_query(f"ASK {{ <{EX}ada> <{EX}knows> <{EX}charles> }}", people_kg).ok
