"""The property that gives things their kinds (kgquery.graph.kinds): rdf:type, or one of the graph's own
('instance of') found by the shape of the data; queries read rdf:type as that property."""

from __future__ import annotations

import pytest

from kgquery.graph import KnowledgeGraph
from kgquery.graph.kinds import RDF_TYPE, retype

EX = "http://example.org/k/"
HEAD = f"@prefix ex: <{EX}> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"

# things typed by ex:isa, pointing at items that stand for kinds (which have no ex:isa of their own)
OWN = (
    HEAD
    + """
ex:kCity rdfs:label "city" . ex:kLand rdfs:label "country" .
ex:n1 rdfs:label "Norland" ; ex:isa ex:kLand .
ex:n2 rdfs:label "Sudmark" ; ex:isa ex:kLand .
ex:c1 rdfs:label "Harnes" ; ex:isa ex:kCity ; ex:land ex:n1 .
ex:c2 rdfs:label "Brekka" ; ex:isa ex:kCity ; ex:land ex:n1 .
ex:c3 rdfs:label "Vellin" ; ex:isa ex:kCity ; ex:land ex:n2 .
"""
)
# no kinds at all: places inside places; what 'in' points at is itself inside something, so it is no kind
NESTED = (
    HEAD
    + """
ex:w rdfs:label "World" .
ex:e rdfs:label "Europe" ; ex:in ex:w .
ex:a rdfs:label "Asia" ; ex:in ex:w .
ex:n1 rdfs:label "Norland" ; ex:in ex:e .
ex:n2 rdfs:label "Sudmark" ; ex:in ex:e .
ex:n3 rdfs:label "Ostia" ; ex:in ex:a .
ex:c1 rdfs:label "Harnes" ; ex:in ex:n1 .
ex:c2 rdfs:label "Brekka" ; ex:in ex:n1 .
"""
)
# one thing typed by rdf:type among many typed by ex:isa
MIXED = (
    OWN
    + "".join(f'ex:m{i} rdfs:label "M{i}" ; ex:isa ex:kCity ; ex:land ex:n2 .\n' for i in range(8))
    + 'ex:c9 a ex:Town ; rdfs:label "Ost" ; ex:land ex:n2 .\n'
)
# no kinds at all: cities point at their countries, which have numbers of their own (no kinds, things)
MEASURED = (
    HEAD
    + "".join(f'ex:c{i} rdfs:label "C{i}" ; ex:land ex:n{i % 2} ; ex:pop {1000 + i} .\n' for i in range(8))
    + 'ex:n0 rdfs:label "Norland" ; ex:pop 5000000 .\nex:n1 rdfs:label "Sudmark" ; ex:pop 2000000 .\n'
)
TYPED = (
    HEAD
    + """
ex:c1 a ex:City ; rdfs:label "Harnes" ; ex:land ex:n1 .
ex:c2 a ex:City ; rdfs:label "Brekka" ; ex:land ex:n1 .
ex:n1 a ex:Land ; rdfs:label "Norland" .
"""
)


@pytest.mark.parametrize(
    "ttl, expected",
    [
        (OWN, f"{EX}isa"),
        (MIXED, f"{RDF_TYPE}|{EX}isa"),  # a few typed by rdf:type as well: both are read
        (NESTED, RDF_TYPE),
        (MEASURED, RDF_TYPE),
        (TYPED, RDF_TYPE),
    ],
)
def test_the_kind_property_is_found_by_the_shape_of_the_data(tmp_path, ttl, expected):
    path = tmp_path / "g.ttl"
    path.write_text(ttl)
    assert KnowledgeGraph.load(path).kind_property == expected


def test_queries_read_rdf_type_as_the_kind_property(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(OWN)
    kg = KnowledgeGraph.load(path)
    res = kg.query(f"SELECT ?x WHERE {{ ?x a <{EX}kCity> ; <{EX}land> <{EX}n1> }}")
    assert sorted(r[0].value for r in res.rows) == [f"{EX}c1", f"{EX}c2"]
    assert [c.iri for c in kg.schema.classes][:2] == [f"{EX}kCity", f"{EX}kLand"]


def test_a_few_things_typed_by_rdf_type_stay_found_beside_the_kinds(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(MIXED)
    kg = KnowledgeGraph.load(path)
    assert sorted(r[0].value for r in kg.query(f"SELECT ?x WHERE {{ ?x a <{EX}Town> }}").rows) == [f"{EX}c9"]
    assert len(kg.query(f"SELECT ?x WHERE {{ ?x a <{EX}kCity> }}").rows) == 11


def test_retype_leaves_iris_texts_and_other_words_alone():
    q = 'SELECT ?data WHERE { ?data rdf:type ?c ; <http://e/p> "a <b> rdf:type" . ?c a <http://e/K> } # a note'
    assert retype(q, "http://e/isa") == (
        'SELECT ?data WHERE { ?data <http://e/isa> ?c ; <http://e/p> "a <b> rdf:type" . ?c <http://e/isa> <http://e/K> }'
        " # a note"
    )
    assert retype(q, RDF_TYPE) == q
    # a class read with its subclasses: the type step of the path is the kind property too
    sub = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
    assert retype(f"SELECT ?x WHERE {{ ?x a/{sub}* <http://e/K> }}", "http://e/isa") == (
        f"SELECT ?x WHERE {{ ?x <http://e/isa>/{sub}* <http://e/K> }}"
    )


def test_an_endpoints_kind_property_is_read_off_a_sample_of_its_triples(tmp_path):
    # a real `oxigraph serve-read-only` on 127.0.0.1 holding the graph typed by ex:isa
    import subprocess

    from test_endpoint import _oxigraph_exe, _serve, _stop

    path = tmp_path / "g.ttl"
    path.write_text(OWN)
    db = tmp_path / "db"
    subprocess.run(
        [_oxigraph_exe(), "load", "--location", str(db), "--file", str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    proc, url = _serve(db, 30)
    try:
        kg = KnowledgeGraph.endpoint(url)
        assert kg.kind_property == RDF_TYPE  # no query waits on the sample: it is taken with the schema
        assert [c.iri for c in kg.schema.classes][:2] == [f"{EX}kCity", f"{EX}kLand"]
        assert kg.kind_property == f"{EX}isa"
        res = kg.query(f"SELECT ?x WHERE {{ ?x a <{EX}kCity> }}")
        assert sorted(r[0].value for r in res.rows) == [f"{EX}c1", f"{EX}c2", f"{EX}c3"]
    finally:
        _stop(proc)
