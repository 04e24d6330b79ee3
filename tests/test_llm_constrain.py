"""The SPARQL subset checker behind constrained decoding: what it accepts always parses."""

from __future__ import annotations

import random

import pytest

from kgquery.errors import QueryRefused
from kgquery.generate.constrain import GRAMMAR, SparqlChecker, _is_terminal, _repeating, iri_lexemes
from kgquery.graph.guard import guard

V = "http://x.org/v/"
PREFIXES = {"v": V, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
PROPS = [V + "price", V + "name", PREFIXES["rdf"] + "type"]
NODES = ["http://x.org/i/a1", V + "Product", "http://x.org/i/b-2"]


@pytest.fixture(scope="module")
def checker() -> SparqlChecker:
    return SparqlChecker(PROPS, NODES, PREFIXES)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?x WHERE { ?x a v:Product . }",
        'SELECT DISTINCT ?x ?n WHERE { ?x <http://x.org/v/price> ?p ; v:name ?n . FILTER(?p > 5 && LANG(?n) = "en") } '
        "ORDER BY DESC(?p) LIMIT 3",
        "ASK { <http://x.org/i/a1> v:price 5.5 . }",
        "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a <http://x.org/v/Product>. }",
        "SELECT ?x WHERE { ?x v:price ?p . { SELECT (MAX(?q) AS ?m) WHERE { ?y v:price ?q . } } FILTER(?p = ?m) }",
        'select ?x where { ?x v:name "Foo"@en . ?x v:price ?p. } group by ?x having (count(?p) > 1)',
        "SELECT ?x WHERE { ?x v:price ?p . FILTER(?p<5) }",
        "SELECT ?x WHERE { OPTIONAL { ?x v:name ?n } FILTER NOT EXISTS { ?x v:price ?p . } }",
    ],
)
def test_accepts_queries_of_the_subset(checker, query):
    assert checker.accepts(query)
    guard(query, prefixes=PREFIXES)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?x WHERE { ?x v:cost ?p . }",  # a property the graph does not have
        "SELECT ?x WHERE { ?x <http://x.org/v/nope> ?p . }",  # an invented IRI
        "SELECT ?x WHERE { ?x v:price <http://x.org/i/zz> . }",  # an entity that was not linked
        "SELECT ?x WHERE { v:price v:price ?p . }",  # a property where an entity goes
        "SELECT ?x WHERE { ?x v:price ?p }x",
        "SELECT ?x WHERE { ?x ?p ?o ?y }",
        "SELECTDISTINCT ?x WHERE {}",
        "DELETE WHERE { ?s ?p ?o }",
        "SELECT ?x WHERE { SERVICE <http://evil/> { ?x ?p ?o } }",
        "SELECT ?x WHERE { ?x a v:Product.FILTER(?x) }",  # one prefixed name to SPARQL: 'Product.FILTER'
        "SeLeCt ?x WHERE { ?x a v:Product }",
    ],
)
def test_rejects_invented_iris_and_bad_syntax(checker, query):
    assert not checker.accepts(query)


def test_classes_only_after_a():
    c = SparqlChecker([V + "price"], ["http://x.org/i/a1"], PREFIXES, classes=[V + "Product"])
    assert c.accepts("SELECT ?x WHERE { ?x a v:Product ; v:price ?p . }")
    assert not c.accepts("SELECT ?n WHERE { v:Product v:price ?n }")
    assert not c.accepts("SELECT ?x WHERE { ?x v:price v:Product }")
    assert not c.accepts("SELECT ?x WHERE { ?x a <http://x.org/i/a1> }")


@pytest.mark.parametrize("query", ["SELECT ?x WHERE { ?x a v:Product. FILTER(?x) }"])
def test_a_dot_after_a_prefixed_name_needs_a_space(checker, query):
    assert checker.accepts(query)
    guard(query, prefixes=PREFIXES)


def test_prefix_states_allow_exactly_the_continuations(checker):
    s = checker.feed(checker.start, "SELECT ?x WHERE { ?x v:pr")
    assert s and checker.feed(s, "ice ?p")
    assert not checker.feed(s, "ize ?p")
    assert not checker.can_end(s)
    assert checker.can_end(checker.feed(checker.start, "ASK { ?x v:price 3 . }"))


@pytest.mark.parametrize(
    "cut",
    [
        "SELECT ?x WHERE { ?x v:pr",
        "SELECT ?x WHERE { ?x <http://x.org/v/na",
        "SELECT (COUNT(?x",
        'ASK { ?x v:name "abc',
        "SELECT ?x WHERE { ?x a v:Product . } ORDER",
    ],
)
def test_complete_closes_cut_off_queries(checker, cut):
    done = checker.complete(cut)
    assert done is not None and done.startswith(cut) and checker.accepts(done)
    guard(done, prefixes=PREFIXES)


def test_random_derivations_that_pass_the_checker_parse_with_rdflib(checker):
    """Fuzz: random sentences of the grammar with random spacing; whatever is accepted parses."""
    rnd = random.Random(7)
    samples = {
        "$VAR": ["?x", "?v1", "$y"],
        "$IRI_P": ["v:price", "<http://x.org/v/name>", "rdf:type"],
        "$IRI_N": ["<http://x.org/i/a1>", "v:Product", "<http://x.org/i/b-2>"],
        "$IRI_C": ["v:Product", "<http://x.org/v/Product>"],
        "$STR": ['"a b"', '"x"@en', '"q\\"z"'],
        "$NUM": ["5", "-3", "2.5"],
        "$UNUM": ["5", "2.5"],
        "$INT": ["10"],
        "$BOOL": ["true", "false"],
    }

    def derive(sym, depth):
        if _is_terminal(sym):
            return [sym]
        alts = GRAMMAR[sym] if depth <= 10 else sorted(GRAMMAR[sym], key=len)[:1]
        return [t for s in rnd.choice(alts) for t in derive(s, depth + 1)]

    accepted = 0
    for _ in range(1500):
        text = ""
        for tok in derive("query", 0):
            word = rnd.choice(samples[tok]) if tok in samples else tok
            text += (rnd.choice([" ", "", "\n", "  "]) if text else "") + word
        if checker.accepts(text):
            accepted += 1
            try:
                guard(text, prefixes=PREFIXES)
            except QueryRefused as e:
                pytest.fail(f"accepted but does not parse: {text!r}: {e}")
    assert accepted > 100


def test_iri_lexemes_and_repetition():
    assert iri_lexemes([V + "price", "http://other/x"], PREFIXES) == [
        "<http://x.org/v/price>",
        "v:price",
        "<http://other/x>",
    ]
    assert _repeating("SELECT ?x WHERE { ?x a v:P, v:P, v:P, v:P,")
    assert not _repeating("SELECT ?x WHERE { { SELECT ?y WHERE { ?y a v:P } } } } }")
