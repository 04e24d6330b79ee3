"""Loading: every RDF syntax (and .gz), one file or many, both local stores; bad input; read-only files."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from conftest import CK25_TTL, PEOPLE_TTL
from kgquery import KnowledgeGraph, Outcome, Term
from kgquery.cli import main
from kgquery.errors import EmptyGraphError, LoadError
from kgquery.graph.store import detect_format

EX = Namespace("http://example.org/")
G1 = "http://example.org/g1"
STORES = ["oxigraph", "memory"]


def _graphs() -> tuple[Graph, Dataset]:
    """One small graph (6 triples) and the same plus a named graph holding 2 more (8 quads)."""
    ds = Dataset()
    g = ds.default_graph
    g.add((EX.alice, RDF.type, EX.Person))
    g.add((EX.alice, RDFS.label, Literal("Alice Ångström", lang="en")))
    g.add((EX.alice, EX.age, Literal(31)))
    g.add((EX.bob, RDF.type, EX.Person))
    g.add((EX.bob, RDFS.label, Literal("Bob")))
    g.add((EX.alice, EX.knows, EX.bob))
    ng = ds.graph(URIRef(G1))
    ng.add((EX.carol, RDF.type, EX.Person))
    ng.add((EX.carol, EX.age, Literal(40)))
    triples = Graph()
    for t in g:
        triples.add(t)
    return triples, ds


#: file name -> (rdflib serializer, quads?)
FILES = {
    "data.ttl": ("turtle", False),
    "data.nt": ("nt", False),
    "data.rdf": ("xml", False),
    "data.owl": ("xml", False),
    "data.jsonld": ("json-ld", False),
    "quads.nq": ("nquads", True),
    "quads.trig": ("trig", True),
    "quads.jsonld": ("json-ld", True),
}
ALL_FILES = [n + gz for n in FILES for gz in ("", ".gz")]


@pytest.fixture(scope="module")
def rdf_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("formats")
    triples, ds = _graphs()
    for name, (fmt, quads) in FILES.items():
        (ds if quads else triples).serialize(destination=str(d / name), format=fmt)
        (d / (name + ".gz")).write_bytes(gzip.compress((d / name).read_bytes()))
    return d


def _values(res) -> list:
    assert res.outcome in (Outcome.ROWS, Outcome.EMPTY), res.message
    return [tuple(t.value if t is not None else None for t in r) for r in res.rows]


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("name", ALL_FILES)
def test_every_syntax_loads_in_every_store(rdf_dir, name, store):
    quads = FILES[name.removesuffix(".gz")][1]
    kg = KnowledgeGraph.load(rdf_dir / name, store=store)
    assert kg.triple_count == (8 if quads else 6)
    label = kg.query("SELECT ?l WHERE { <http://example.org/alice> rdfs:label ?l }")
    assert label.rows == [(Term("literal", "Alice Ångström", None, "en"),)]
    age = kg.query("SELECT ?a WHERE { <http://example.org/alice> <http://example.org/age> ?a }")
    assert age.rows == [(Term("literal", "31", str(XSD.integer)),)]
    bob = kg.query("SELECT ?l WHERE { <http://example.org/bob> rdfs:label ?l }")
    assert bob.rows == [(Term("literal", "Bob"),)]
    people = kg.query("SELECT ?p WHERE { ?p a <http://example.org/Person> } ORDER BY ?p")
    expected = ["http://example.org/alice", "http://example.org/bob"] + (["http://example.org/carol"] if quads else [])
    assert [v for (v,) in _values(people)] == expected
    in_g1 = kg.query(f"SELECT ?s ?o WHERE {{ GRAPH <{G1}> {{ ?s <http://example.org/age> ?o }} }}")
    assert _values(in_g1) == ([("http://example.org/carol", "40")] if quads else [])


@pytest.mark.parametrize("store", STORES)
def test_many_files_make_one_graph(rdf_dir, tmp_path, store):
    extra = tmp_path / "extra.nt"
    extra.write_text("<http://example.org/bob> <http://example.org/knows> <http://example.org/carol> .\n", "utf-8")
    # extra.nt first: a later N-Quads file must not drop what earlier files put in the default graph
    kg = KnowledgeGraph.load([extra, rdf_dir / "data.ttl", rdf_dir / "quads.nq.gz"], store=store)
    # data.ttl's 6 triples are the default graph of quads.nq too: a set, so 1 + 8
    assert kg.triple_count == 9
    res = kg.query(
        "SELECT ?y WHERE { <http://example.org/alice> <http://example.org/knows> ?x . "
        "?x <http://example.org/knows> ?y . ?y <http://example.org/age> ?age }"
    )
    assert _values(res) == [("http://example.org/carol",)]
    assert kg.name == "extra.nt (+2)"


@pytest.mark.parametrize("store", STORES)
def test_explicit_format_overrides_the_file_name(tmp_path, store):
    f = tmp_path / "people.txt"
    f.write_text(PEOPLE_TTL, "utf-8")
    with pytest.raises(LoadError, match=r"unknown RDF format '\.txt'"):
        KnowledgeGraph.load(f, store=store)
    kg = KnowledgeGraph.load(f, store=store, fmt="turtle")
    assert kg.query("ASK { <http://example.org/people/ada> a <http://example.org/people/Person> }").boolean is True


def test_detect_format():
    assert detect_format(Path("x/a.TTL.gz")) == ("turtle", True)
    assert detect_format(Path("a.owl")) == ("xml", False)
    assert detect_format(Path("a.nq")) == ("nquads", False)
    assert detect_format(Path("a.jsonld.gz")) == ("json-ld", True)
    assert detect_format(Path("a.data"), fmt="trig") == ("trig", False)


def test_unknown_store(people_ttl):
    with pytest.raises(LoadError, match="unknown store 'sqlite'; choose one of oxigraph, memory"):
        KnowledgeGraph.load(people_ttl, store="sqlite")


# --------------------------------------------------------------------------- bad input


def _bad_inputs(d: Path) -> dict[str, tuple[Path, str]]:
    """case -> (path, what the one-line message must say)."""
    (d / "table.csv").write_text("a,b\n1,2\n", "utf-8")
    (d / "broken.ttl").write_text(
        "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e ex:f .\nex:g ex:h ex:i ex:j .\n", "utf-8"
    )
    (d / "empty.ttl").write_text("# nothing but a comment\n@prefix ex: <http://example.org/> .\n", "utf-8")
    (d / "latin1.ttl").write_bytes('@prefix ex: <http://example.org/> .\nex:a ex:b "café" .\n'.encode("latin-1"))
    (d / "folder.ttl").mkdir()
    (d / "graphs").mkdir()
    (d / "notgzip.ttl.gz").write_bytes(b"plain text, not gzip")
    return {
        "missing file": (d / "nope.ttl", "nope.ttl: no such file"),
        "unknown format": (d / "table.csv", "table.csv: unknown RDF format '.csv'"),
        "turtle syntax error": (d / "broken.ttl", "line 4"),
        "empty graph": (d / "empty.ttl", "empty.ttl: the graph is empty (no triples)"),
        "not utf-8": (d / "latin1.ttl", "latin1.ttl: not UTF-8 text (bad byte at line 2)"),
        "folder": (d / "folder.ttl", "folder.ttl: is a folder"),
        "folder without extension": (d / "graphs", "graphs: is a folder; name the RDF files inside it"),
        "not gzip": (d / "notgzip.ttl.gz", "notgzip.ttl.gz: cannot read"),
    }


BAD_CASES = [
    "missing file",
    "unknown format",
    "turtle syntax error",
    "empty graph",
    "not utf-8",
    "folder",
    "folder without extension",
    "not gzip",
]


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_is_one_clear_line(tmp_path, capsys, case, store):
    path, says = _bad_inputs(tmp_path)[case]
    with pytest.raises(LoadError) as err:
        KnowledgeGraph.load(path, store=store)
    msg = str(err.value)
    assert says in msg and "\n" not in msg
    if case == "empty graph":
        assert isinstance(err.value, EmptyGraphError)
    if case == "turtle syntax error":
        assert "syntax error" in msg and "broken.ttl" in msg

    rc = main(["info", "--graph", str(path), "--store", store])
    out, errout = capsys.readouterr()
    assert rc == 2
    assert out == ""
    assert errout.count("\n") == 1 and errout.startswith("kgquery: error: ") and says in errout
    assert "Traceback" not in errout


def test_graph_files_are_never_written(tmp_path, rdf_dir):
    """load + query + schema + labels, in both stores: the user's files keep their bytes and mtime."""
    d = tmp_path / "user"
    d.mkdir()
    (d / "people.ttl").write_text(PEOPLE_TTL, "utf-8")
    shutil.copy(rdf_dir / "quads.nq.gz", d / "quads.nq.gz")

    def snapshot():
        return {
            p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns, p.stat().st_mode)
            for p in sorted(d.iterdir())
        }

    before = snapshot()
    ck25_before = (CK25_TTL.stat().st_mtime_ns, hashlib.sha256(CK25_TTL.read_bytes()).hexdigest())
    for store in STORES:
        kg = KnowledgeGraph.load(sorted(d.iterdir()), store=store)
        assert kg.query("SELECT ?s WHERE { ?s a <http://example.org/people/Person> }").outcome == Outcome.ROWS
        assert kg.schema.cls("http://example.org/people/Person").count == 3
        assert kg.labels.lookup("Grace Hopper")[0].iri == "http://example.org/people/grace"
    assert main(["schema", "--graph", str(d / "people.ttl")]) == 0
    assert snapshot() == before  # same files, same bytes, same mtimes: nothing added beside them either
    assert (CK25_TTL.stat().st_mtime_ns, hashlib.sha256(CK25_TTL.read_bytes()).hexdigest()) == ck25_before
