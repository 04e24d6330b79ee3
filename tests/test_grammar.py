"""One grammar for every backend (issue 18): the Lark source, its GBNF conversion, llguidance in process,
and every reference query of ck25 and of the Spider4SPARQL development graphs accepted by the grammar
built for its graph (all of that graph's IRIs as terminals). Reference queries are read from
../shared/benchmarks at test time only; the tests skip, saying where they looked, when it is absent."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kgquery.errors import QueryRefused
from kgquery.generate.grammar import SparqlGrammar, graph_grammar, lark_to_gbnf
from kgquery.graph.guard import guard

llguidance = pytest.importorskip("llguidance", reason="llguidance is not installed (pip install 'kgquery[llm]')")
from kgquery.generate import guidance  # noqa: E402

V = "http://x.org/v/"
PREFIXES = {"v": V}
PROPS = [V + "price", V + "name", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]
NODES = ["http://x.org/i/a1", "http://x.org/i/b-2"]
CLASSES = [V + "Product"]


@pytest.fixture(scope="module")
def grammar() -> SparqlGrammar:
    return SparqlGrammar(PROPS, NODES, PREFIXES, CLASSES)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?x WHERE { ?x a v:Product . }",
        'SELECT DISTINCT ?x ?n WHERE { ?x <http://x.org/v/price> ?p ; v:name ?n . FILTER(?p > 5 && LANG(?n) = "en") } '
        "ORDER BY DESC(?p) LIMIT 3",
        "ASK { <http://x.org/i/a1> v:price 5.5 . }",
        "PREFIX v: <http://x.org/v/>\nSELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a v:Product. }",
        "SELECT ?x WHERE { ?x v:price ?p . { SELECT (MAX(?q) AS ?m) WHERE { ?y v:price ?q . } } FILTER(?p = ?m) }",
        'select ?x where { ?x v:name "Foo"@en . ?x v:price/v:price ?p. } group by ?x having (count(?p) > 1)',
        "SELECT ?x WHERE { OPTIONAL { ?x v:name ?n } FILTER NOT EXISTS { ?x v:price [ v:name ?z ] . } }",
        'SELECT ?x WHERE { ?x v:price ?p . BIND(xsd:integer(?p) AS ?i) FILTER(?i >= "3"^^xsd:integer) }',
    ],
)
def test_the_grammar_accepts_queries_of_the_subset(grammar, query):
    assert guidance.accepts(grammar.lark, query)
    guard(query, prefixes={**PREFIXES, "xsd": "http://www.w3.org/2001/XMLSchema#"})


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?x WHERE { ?x v:cost ?p . }",  # a property the graph does not have
        "SELECT ?x WHERE { ?x <http://x.org/v/nope> ?p . }",  # an invented IRI
        "SELECT ?x WHERE { ?x v:price <http://x.org/i/zz> . }",  # an entity that was not grounded
        "PREFIX v: <http://evil.org/> SELECT ?x WHERE { ?x v:price ?p }",  # a prefix bound elsewhere
        "SELECT ?x WHERE { ?x ?p ?o ?y }",
        "DELETE WHERE { ?s ?p ?o }",
        "SELECT ?x WHERE { SERVICE <http://evil/> { ?x ?p ?o } }",
        "SELECT ?x FROM <http://x.org/g> WHERE { ?x ?p ?o }",
        "SeLeCt ?x WHERE { ?x v:price ?p }",
        "SELECT ?x WHERE { ?x v:price ?p } # a comment",  # only the reference-query grammar takes comments
        "SELECT ?x WHERE { v:Product v:name ?n }",  # a class where an entity goes
    ],
)
def test_the_grammar_rejects_invented_iris_and_other_statements(grammar, query):
    assert not guidance.accepts(grammar.lark, query)


def test_without_paths_a_predicate_is_one_iri_or_a_variable():
    plain = SparqlGrammar(PROPS, NODES, PREFIXES, CLASSES, paths=False)
    assert guidance.accepts(plain.lark, "SELECT ?x WHERE { ?x v:price ?p ; ?q ?o . }")
    for path in ("v:price/v:name", "^v:price", "v:price+", "v:price|v:name"):
        query = f"SELECT ?x WHERE {{ ?x {path} ?p . }}"
        assert guidance.accepts(SparqlGrammar(PROPS, NODES, PREFIXES, CLASSES).lark, query)
        assert not guidance.accepts(plain.lark, query), path
    assert "path_mod" not in plain.gbnf


def test_prefix_names_the_prompt_shows_or_any_name_bound_to_a_graph_namespace():
    strict = SparqlGrammar(PROPS, NODES, PREFIXES, CLASSES)
    free = SparqlGrammar(PROPS, NODES, PREFIXES, CLASSES, free_prefixes=True)
    mine = "PREFIX pv: <http://x.org/v/>\nSELECT ?x WHERE { ?x a pv:Product . }"
    assert not guidance.accepts(strict.lark, mine) and guidance.accepts(free.lark, mine)
    for g in (strict, free):
        assert not guidance.accepts(g.lark, "PREFIX v: <http://evil.org/> SELECT ?x WHERE { ?x v:price ?p }")
        assert not guidance.accepts(g.lark, "SELECT ?x WHERE { ?x v:cost ?p }")


def test_no_iris_of_a_kind_drops_the_alternatives_that_need_them():
    g = SparqlGrammar([V + "price"], [], PREFIXES, [])
    assert guidance.accepts(g.lark, "SELECT ?x WHERE { ?x v:price ?y }")
    assert not guidance.accepts(g.lark, "SELECT ?x WHERE { ?x v:price <http://x.org/i/a1> }")


def test_gbnf_is_converted_from_the_same_source(grammar):
    gbnf = grammar.gbnf
    assert gbnf.startswith("root ::= ") and "\nws ::= " in gbnf
    assert '"<http://x.org/i/a1>"' in gbnf and '(ws "SELECT") | (ws "select") | (ws "Select")' in gbnf
    assert "_" not in "".join(line.split("::=")[0] for line in gbnf.splitlines())  # GBNF names: letters, digits, -
    # llguidance ships a GBNF reader (GBNF -> Lark): the conversion is well-formed GBNF and compiles. (Its
    # reader turns rules into lexer tokens by its own rules, so it is no oracle for what the GBNF means.)
    from llguidance.gbnf_to_lark import gbnf_to_lark

    assert llguidance.LLMatcher.validate_grammar(gbnf_to_lark(gbnf)) == ""


def test_lark_to_gbnf_small():
    out = lark_to_gbnf('start: "a"i B*\nB: /[0-9]{1,2}x?/\n%ignore /[ ]+/\n')
    assert out.splitlines() == [
        "root ::= ((ws [Aa]) B*) ws",
        'B ::= ws (((([0-9]){1,2} ("x")?)))',
        'ws ::= ((" "))*',
    ]


_GBNF_TOKEN = re.compile(
    r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<cls>\[(?:[^\]\\]|\\.)*\])|(?P<name>[A-Za-z0-9-]+)'
    r"|(?P<rep>\{\d+(?:,\d*)?\})|(?P<op>[()|?*+]))"
)


def gbnf_as_char_cfg(gbnf: str) -> str:
    """GBNF read literally, as a context-free grammar over characters, written in Lark with every rule a
    Lark rule (no lexer terminals, no ignored whitespace): an independent reading of what the GBNF means,
    which llguidance can then check texts against."""

    def rule(n: str) -> str:
        return "start" if n == "root" else "r_" + n.replace("-", "_").lower() + ("_t" if n.isupper() else "")

    out = []
    for line in gbnf.splitlines():
        name, _, body = line.partition(" ::= ")
        items, pos = [], 0
        while pos < len(body):
            m = _GBNF_TOKEN.match(body, pos)
            assert m and m.end() > pos, body[pos : pos + 40]
            pos = m.end()
            if m.group("str"):
                items.append(m.group("str"))
            elif m.group("cls"):
                items.append("/" + m.group("cls").replace("/", "\\/") + "/")
            elif m.group("name"):
                items.append(rule(m.group("name")))
            elif m.group("rep"):
                lo, comma, hi = m.group("rep")[1:-1].partition(",")
                items.append(f"~ {lo}..{hi}" if hi else f"~ {lo}")
            else:
                items.append(m.group("op"))
        out.append(f"{rule(name)}: {' '.join(items)}")
    return "\n".join(out) + "\n"


GBNF_CASES = [
    "SELECT ?x WHERE { ?x a v:Product . }",
    "ASK { ?x v:price 3 }",
    'select(count(?x) as ?n){?x v:name "a b"@en} # note',
    "SELECT ?x\nWHERE\n{ ?x v:price/v:name ?p . FILTER(?p >= 5) } ORDER BY DESC(?p) LIMIT 2",
    "SELECT ?x WHERE { ?x v:cost ?p . }",
    "SELECT ?x WHERE { ?x v:price <http://x.org/i/zz> }",
    "SeLeCT ?x WHERE { ?x v:price ?p }",
    "SELECT ?x WHERE { ?x v:price ?p } LIMIT",
]


@pytest.mark.parametrize("free", [False, True])
def test_the_gbnf_means_what_the_lark_means(free):
    g = SparqlGrammar(PROPS, NODES, PREFIXES, CLASSES, free_prefixes=free)
    chars = gbnf_as_char_cfg(g.gbnf)
    for q in GBNF_CASES:
        assert guidance.accepts(chars, q) == guidance.accepts(g.lark, q), q


# --- reference queries ---------------------------------------------------------------------------------


def _benchmarks() -> Path | None:
    here = Path(__file__).resolve().parents[1]
    for p in (os.environ.get("KGQUERY_BENCHMARKS"), "/work/shared/benchmarks", here.parent / "shared" / "benchmarks"):
        if p and (Path(p) / "ck25" / "questions.yml").is_file():
            return Path(p)
    return None


def _need_benchmarks() -> Path:
    bench = _benchmarks()
    if bench is None:
        pytest.skip(
            "benchmarks not found (looked in $KGQUERY_BENCHMARKS, /work/shared/benchmarks, ../shared/benchmarks)"
        )
    return bench


def test_every_ck25_reference_query_is_accepted(ck25_kg):
    import yaml

    bench = _need_benchmarks()
    items = yaml.safe_load((bench / "ck25" / "questions.yml").read_text("utf-8"))["questions"]
    g = graph_grammar(ck25_kg)
    compiled = guidance.matcher(g.lark)
    rejected = [q["id"] for q in items if not guidance.accepts(g.lark, q["query"]["sparql"], compiled)]
    assert len(items) == 50 and rejected == []


def _missing_iris(query: str, g: SparqlGrammar, ns: str) -> set[str]:
    named = set(re.findall(r"<([^<>\s]+)>", query)) | {ns + m for m in re.findall(r"(?<![\w?$]):(\w+)", query)}
    known = {i for group in g.iris.values() for i in group}
    return {i for i in named if i not in known and i != ns}


@pytest.mark.slow
def test_every_spider4sparql_development_reference_query_is_accepted():
    """Development graphs only (kgquery/evaluation/splits.py). Each reference query is accepted by the
    grammar with all of its graph's IRIs, except those that name an IRI the graph does not hold (a
    column with no values: their answer is empty); with those IRIs added, every one is accepted, so the
    subset has every construct the references use."""
    from kgquery.evaluation.formats import SPIDER_NS, fix_spider_query, spider_graph_file
    from kgquery.evaluation.splits import SPIDER4SPARQL_SPLIT
    from kgquery.graph import KnowledgeGraph

    bench = _need_benchmarks() / "spider4sparql"
    dev = set(SPIDER4SPARQL_SPLIT["dev"])
    items = [
        x
        for x in json.loads((bench / "nl_sparql_pairs" / "dev.json").read_text("utf-8"))
        if (x.get("db_id") or x.get("kg_name")) in dev
    ]
    total, absent_iri = 0, 0
    for db in sorted(dev):
        kg = KnowledgeGraph.load(spider_graph_file(bench / "kgs", db))
        g = graph_grammar(kg)
        compiled = guidance.matcher(g.lark)
        for x in (x for x in items if (x.get("db_id") or x.get("kg_name")) == db):
            query = fix_spider_query(x["query"], db)
            total += 1
            if guidance.accepts(g.lark, query, compiled):
                continue
            missing = _missing_iris(query, g, SPIDER_NS)
            assert missing, f"{db}: rejected, though every IRI is in the graph: {query}"
            iris = {k: sorted(set(v) | missing) for k, v in g.iris.items()}
            wider = SparqlGrammar(iris["IRI_P"], iris["IRI_N"], g.prefixes, iris["IRI_C"], free_prefixes=True)
            assert guidance.accepts(wider.lark, query), f"{db}: rejected with its IRIs added: {query}"
            absent_iri += 1
        kg.close()
    assert total == 590 and absent_iri <= 12


def test_unglue_spaces_lexemes_sparql_would_read_as_one(grammar):
    glued = "SELECT ?x WHERE { ?x v:price-1.?x a v:Product }"
    assert guidance.accepts(grammar.lark, glued)  # the grammar's lexer splits them...
    with pytest.raises(QueryRefused):
        guard(glued, prefixes=PREFIXES)  # ...SPARQL's does not
    fixed = grammar.unglue(glued)
    assert guidance.accepts(grammar.lark, fixed)
    guard(fixed, prefixes=PREFIXES)
    assert grammar.unglue('ASK { ?x v:name "v:name-1" }') == 'ASK { ?x v:name "v:name-1" }'
    long_var = "?" + "a" * 40  # at the grammar's length cap the lexer ends it, SPARQL's does not
    assert grammar.unglue(f"SELECT * WHERE {{ {long_var}v:price ?p }}") == f"SELECT * WHERE {{ {long_var} v:price ?p }}"
    assert not guidance.accepts(grammar.lark, "SELECT * WHERE { ?x v:price ?p . . }")  # no empty triple


def test_module_doctests():
    import doctest

    from kgquery.generate import grammar as grammar_module
    from kgquery.models import openai_backend

    for mod in (grammar_module, openai_backend):
        assert doctest.testmod(mod).failed == 0


def test_a_cut_off_query_falls_back_to_its_longest_complete_beginning(grammar):
    cut = "SELECT ?x WHERE { ?x v:price ?p } LIMIT 5 VALUES ( ) { ( ) ( "
    assert guidance.longest_complete_prefix(grammar.lark, cut) == "SELECT ?x WHERE { ?x v:price ?p } LIMIT 5"
    assert guidance.longest_complete_prefix(grammar.lark, "SELECT ?x WHERE { ?x v:pr") is None
