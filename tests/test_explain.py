"""Explanations of every query shape the engine makes, and the evidence behind answers."""

from __future__ import annotations

import pytest

from conftest import EX

PV = "http://ld.company.org/prod-vocab/"
PI = "http://ld.company.org/prod-instances/"
SHOP_TTL = """\
@prefix s: <http://example.org/shop/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
s:Supplier a rdfs:Class ; rdfs:label "Supplier" .
s:Product a rdfs:Class ; rdfs:label "Product" .
s:Department a rdfs:Class ; rdfs:label "Department" .
s:country rdfs:label "country" .
s:hasSupplier rdfs:label "supplier" .
s:hasCategory rdfs:label "has category" .
s:weight rdfs:label "weight (g)" .
s:price rdfs:label "price" .
s:amount rdfs:label "amount" .
s:borders rdfs:label "borders" .
s:sales rdfs:label "sales" .
s:memberOf rdfs:label "member of" .
s:name rdfs:label "name" .
s:france rdfs:label "France" .
s:germany rdfs:label "Germany" .
s:comp rdfs:label "Compensator" .
s:acme a s:Supplier ; rdfs:label "Acme" ; s:country s:france .
s:bolt a s:Supplier ; rdfs:label "Bolt" ; s:country s:germany .
s:p1 a s:Product ; rdfs:label "P1" ; s:hasSupplier s:acme ; s:hasCategory s:comp ; s:weight 10 ; s:price s:pr1 ; s:sales 120 .
s:p2 a s:Product ; rdfs:label "P2" ; s:hasSupplier s:bolt ; s:hasCategory s:comp ; s:weight 30 ; s:price s:pr2 .
s:pr1 s:amount 5 .
s:pr2 s:amount 9 .
s:mkt a s:Department ; s:name "Marketing" .
"""
S = "http://example.org/shop/"


@pytest.fixture(scope="module")
def shop_kg(tmp_path_factory):
    from kgquery import KnowledgeGraph

    path = tmp_path_factory.mktemp("shop") / "shop.ttl"
    path.write_text(SHOP_TTL, "utf-8")
    return KnowledgeGraph.load(path)


def X(kg, sparql: str) -> str:
    from kgquery.answer.explain import explain

    return explain(sparql.replace("s:", S).replace("<<", "<"), kg)


def _q(text: str) -> str:
    """'s:x' -> '<http://example.org/shop/x>' for readable test queries."""
    import re

    return re.sub(r"\bs:(\w+)", lambda m: f"<{S}{m.group(1)}>", text)


CASES = [
    # (query, exact explanation)
    (
        "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a s:Supplier . ?x s:country s:france . "
        "?p s:hasSupplier ?x . ?p s:hasCategory s:comp }",
        "Finds suppliers whose country is France and that are the supplier of something whose category is "
        "Compensator; counts them.",
    ),
    ("SELECT DISTINCT ?y WHERE { s:acme s:country ?y }", "Finds the country of Acme."),
    (
        "SELECT DISTINCT ?y WHERE { ?x a s:Product . ?x s:hasSupplier ?m . ?m s:country ?y }",
        "Finds the country of items that are the supplier of a product.",
    ),
    (
        "SELECT DISTINCT ?x WHERE { ?x a s:Department . ?x s:name \"Marketing\" }",
        "Finds departments whose name is \"Marketing\".",
    ),
    (
        "SELECT DISTINCT ?x WHERE { ?x a s:Product . ?x s:weight ?v FILTER(?v > 20) }",
        "Finds products whose weight is greater than 20.",
    ),
    (
        "SELECT (AVG(?v) AS ?avg) WHERE { ?x a s:Product . ?x s:weight ?v }",
        "Finds the weight of products; returns their average.",
    ),
    (
        "SELECT (SUM(?v) AS ?sum) WHERE { ?x a s:Product . ?x s:weight ?v }",
        "Finds the weight of products; returns their sum.",
    ),
    (
        "SELECT (MIN(?v) AS ?min) WHERE { ?x a s:Product . ?x s:weight ?v }",
        "Finds the weight of products; returns the smallest.",
    ),
    (
        "SELECT (MAX(?v) AS ?max) WHERE { ?x a s:Product . ?x s:weight ?v }",
        "Finds the weight of products; returns the largest.",
    ),
    (
        "SELECT ?g (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a s:Product . ?x s:hasSupplier ?g . ?g a s:Supplier } GROUP BY ?g",
        "Finds products whose supplier is a supplier; counts them per supplier.",
    ),
    (
        "SELECT ?x (COUNT(DISTINCT ?y) AS ?count) WHERE { ?x a s:Supplier . ?y s:hasSupplier ?x } GROUP BY ?x "
        "HAVING(COUNT(DISTINCT ?y) > 5)",
        "Finds items whose supplier is a supplier; counts them per supplier; keeps the groups where the count is "
        "greater than 5.",
    ),
    (
        "SELECT ?x ?w WHERE { ?x a s:Product . ?x s:weight ?w } ORDER BY DESC(?w) LIMIT 1",
        "Finds products; shows their weight; sorts them by their weight in descending order; keeps the first.",
    ),
    (
        "SELECT DISTINCT ?x WHERE { ?x a s:Product . ?x s:price ?n . ?n s:amount ?v "
        "{ SELECT (MAX(?i_v) AS ?best) WHERE { ?i_x a s:Product . ?i_x s:price ?i_n . ?i_n s:amount ?i_v } } FILTER(?v = ?best) }",
        "Finds products whose price amount is the highest.",
    ),
    (
        "SELECT ?x ?count WHERE { { SELECT ?x (COUNT(DISTINCT ?y) AS ?count) WHERE { ?x a s:Supplier . ?y s:hasSupplier ?x } GROUP BY ?x } "
        "{ SELECT (MAX(?c) AS ?best) WHERE { "
        "{ SELECT ?ix (COUNT(DISTINCT ?iy) AS ?c) WHERE { ?ix a s:Supplier . ?iy s:hasSupplier ?ix } GROUP BY ?ix } } } "
        "FILTER(?count = ?best) }",
        "Finds items whose supplier is a supplier; counts them per supplier; keeps those with the highest count.",
    ),
    (  # the columns read off the group a subquery picks are said too
        "SELECT ?n WHERE { { SELECT ?x (COUNT(DISTINCT ?y) AS ?count) WHERE { ?x a s:Supplier . ?y s:hasSupplier ?x } "
        "GROUP BY ?x } { SELECT (MAX(?c) AS ?best) WHERE { "
        "{ SELECT ?ix (COUNT(DISTINCT ?iy) AS ?c) WHERE { ?ix a s:Supplier . ?iy s:hasSupplier ?ix } GROUP BY ?ix } } } "
        "FILTER(?count = ?best) OPTIONAL { ?x s:country ?n } }",
        "Finds items whose supplier is a supplier; counts them per supplier; keeps those with the highest count; "
        "shows their country (when present).",
    ),
    ("ASK { s:acme s:country s:france }", "Checks whether the country of Acme is France."),
    ("ASK { s:france s:borders s:germany }", "Checks whether France borders Germany."),
    (
        "ASK { ?x a s:Supplier . ?x s:country s:germany }",
        "Checks whether there is a supplier whose country is Germany.",
    ),
    (
        "SELECT ?name_0 ?w_1 WHERE { ?x a s:Product . ?x s:hasCategory s:comp OPTIONAL { ?x s:name ?name_0 . } "
        "OPTIONAL { ?x s:weight ?w_1 . } }",
        "Finds products whose category is Compensator; shows their name (when present) and their weight (when present).",
    ),
    (
        "SELECT ?x WHERE { { ?x s:country s:france } UNION { ?x s:country s:germany } }",
        "Finds items either whose country is France or whose country is Germany.",
    ),
    (
        "SELECT ?x WHERE { VALUES ?x { s:acme s:bolt } ?x s:country ?c . ?c s:borders s:germany }",
        "Finds items whose country borders Germany and that are one of Acme or Bolt.",
    ),
    (
        "SELECT DISTINCT ?x WHERE { ?x a s:Product . ?x s:weight ?v FILTER(?v >= 5 && ?v <= 20) }",
        "Finds products whose weight is at least 5 and whose weight is at most 20.",
    ),
    # what is read from the groups a subquery picks says how they are picked
    (
        "SELECT DISTINCT ?y WHERE { { SELECT ?x (COUNT(DISTINCT ?p) AS ?count) WHERE { ?x a s:Supplier . "
        "?p s:hasSupplier ?x } GROUP BY ?x HAVING(COUNT(DISTINCT ?p) > 5) } ?x s:name ?y }",
        "Finds the name of suppliers; the suppliers come from: items whose supplier is a supplier, counted per "
        "supplier, keeping the groups where the count is greater than 5.",
    ),
    # a negation is said, first: FILTER NOT EXISTS like MINUS
    (
        "SELECT DISTINCT ?x WHERE { ?x a s:Supplier . FILTER NOT EXISTS { ?x s:country s:france } }",
        "Finds suppliers; leaving out those whose country is France.",
    ),
    (
        "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a s:Supplier . ?x s:country s:germany "
        "FILTER NOT EXISTS { ?y s:hasSupplier ?x . ?y a s:Product } }",
        "Finds suppliers whose country is Germany; leaving out those that are the supplier of a product; counts them.",
    ),
    (  # a filter inside the negated part is said too (rdflib's translation takes it out of that group)
        "SELECT DISTINCT ?x WHERE { ?x a s:Supplier . FILTER NOT EXISTS { ?y s:hasSupplier ?x . ?y a s:Product . "
        '?y s:year ?q0 . FILTER(STR(?q0) = "2014") } }',
        'Finds suppliers; leaving out those that are the supplier of a product whose year is equal to "2014".',
    ),
    (  # a number named 'sales' is a plural noun, not a verb as 'borders' is between things
        "SELECT ?g (SUM(?v) AS ?sum) WHERE { ?x a s:Product . ?x s:hasSupplier ?g . ?g a s:Supplier . ?x s:sales ?v . } "
        "GROUP BY ?g",
        "Finds the sales of products whose supplier is a supplier; returns their sum per supplier.",
    ),
    (  # two named things' values compared: what is compared is said, not only that a value exists
        "ASK { s:p1 s:weight ?va . s:p2 s:weight ?vb . FILTER(?va > ?vb) }",
        "Checks whether the weight of P1 is greater than the weight of P2.",
    ),
    (  # the extreme value read out itself is said to be the extreme
        "SELECT DISTINCT ?v WHERE { ?x a s:Product . ?x s:weight ?v . { SELECT (MIN(?i_v) AS ?best) WHERE { "
        "?i_x a s:Product . ?i_x s:weight ?i_v . } } FILTER(?v = ?best) }",
        "Finds the lowest weight of products.",
    ),
]


@pytest.mark.parametrize("sparql,expected", CASES, ids=[f"shape{i}" for i in range(len(CASES))])
def test_explanation_of_each_shape(shop_kg, sparql, expected):
    from kgquery.answer.explain import explain

    assert explain(_q(sparql), shop_kg) == expected


def test_unknown_or_broken_queries_fall_back_without_raising(shop_kg):
    from kgquery.answer.explain import explain

    assert explain("SELECT WHERE garbage {", shop_kg) == "Runs a SELECT query."
    assert explain("", shop_kg) == ""
    assert explain(None) == ""
    weird = explain(
        _q("SELECT ?x WHERE { ?x s:weight ?v BIND(?v * 2 AS ?d) FILTER(regex(str(?x), 'a')) } OFFSET 2"), shop_kg
    )
    assert isinstance(weird, str) and weird.endswith(".")
    assert explain("DESCRIBE <http://example.org/shop/acme>").startswith("Describes")


def test_every_answer_carries_an_explanation(people_kg):
    from kgquery import KGQuery

    ans = KGQuery(people_kg, embeddings=False).ask("Where does Ada Lovelace live?")
    assert ans.outcome == "answered" and ans.values() == [EX + "london"]
    assert ans.explanation == "Finds what Ada Lovelace lives in."
    assert ans.to_dict()["explanation"] == ans.explanation
    assert f"What the query does: {ans.explanation}" in ans.report()


def test_evidence_is_in_the_graph_and_exports(shop_kg):
    from rdflib import Graph

    from kgquery import KGQuery

    ans = KGQuery(shop_kg, embeddings=False).ask("Which suppliers are in France?")
    assert ans.values() == [S + "acme"]
    assert ans.evidence
    for s, p, o in ans.evidence:  # every evidence triple really is in the graph
        r = shop_kg.query(f"ASK {{ {s.n3()} {p.n3()} {o.n3()} }}")
        assert r.boolean is True, (s, p, o)
    g = ans.evidence_graph()
    assert g.number_of_edges() == len(ans.evidence)
    assert g.nodes[f"<{S}acme>"]["label"] == "Acme"
    back = Graph().parse(data=ans.evidence_turtle({"s": S}), format="turtle")
    assert len(back) == len(ans.evidence)
    assert {(str(s), str(p), str(o)) for s, p, o in back} == {(s.value, p.value, o.value) for s, p, o in ans.evidence}
    assert ans.row_evidence(0) == ans.evidence


def test_row_evidence_stops_at_query_constants():
    from kgquery.answer.evidence import row_evidence
    from kgquery.answer.types import Term

    def i(x):
        return Term("iri", S + x)

    country, supplier = i("country"), i("hasSupplier")
    ev = [
        (i("acme"), country, i("france")),
        (i("cogs"), country, i("france")),
        (i("p1"), supplier, i("acme")),
        (i("p3"), supplier, i("cogs")),
    ]
    sparql = f"SELECT ?x WHERE {{ ?x <{S}country> <{S}france> . ?p <{S}hasSupplier> ?x }}"
    assert row_evidence(ev, (i("acme"),), sparql) == [ev[0], ev[2]]
    assert row_evidence(ev, (i("cogs"),), sparql) == [ev[1], ev[3]]


def test_cli_ask_shows_explanation_and_writes_turtle(people_ttl, tmp_path):
    import json
    import os
    import subprocess
    import sys

    from rdflib import Graph

    out = tmp_path / "ev.ttl"
    env = dict(os.environ, KGQUERY_EMBEDDINGS="0")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kgquery.cli",
            "ask",
            "--graph",
            str(people_ttl),
            "--json",
            "--evidence-ttl",
            str(out),
            "Where does Ada Lovelace live?",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["explanation"].startswith("Finds") and "Ada Lovelace" in d["explanation"]
    g = Graph().parse(out, format="turtle")
    assert len(g) == len(d["evidence"]) > 0


def test_wording_owns_english_number():
    """One module forms singulars and plurals (kgquery/wording.py); its doctests pin the rules, and the
    modules that used to keep their own copies use it."""
    import doctest

    from kgquery import wording
    from kgquery.tune import synth
    from kgquery.understand import text

    res = doctest.testmod(wording)
    assert res.failed == 0 and res.attempted >= 5
    assert text.singular is wording.singular and synth.plural is wording.plain_plural
    assert [text.singular(w) for w in ["authors", "boxes", "libraries", "class", "bus"]] == [
        "author",
        "box",
        "library",
        "class",
        "bus",
    ]


def test_explanations_from_many_threads_at_once(tmp_path):
    """Threads explaining at the same moment in a fresh process (a page, the service) each get the
    real explanation: rdflib's shared SPARQL grammar breaks when two threads parse with it at once, so
    every parse in kgquery borrows a private copy (kgquery.graph.guard.parse_query)."""
    import subprocess
    import sys
    import textwrap

    ttl = tmp_path / "g.ttl"
    ttl.write_text(
        '@prefix ex: <http://ex.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
        'ex:Team a rdfs:Class ; rdfs:label "team" . ex:coach rdfs:label "coach" .\n'
        'ex:a a ex:Team ; rdfs:label "Alpha" ; ex:coach ex:c . ex:c rdfs:label "Casey" .\n',
        "utf-8",
    )
    script = textwrap.dedent(f"""
        import threading
        from kgquery.graph import KnowledgeGraph
        from kgquery.answer.explain import explain
        kg = KnowledgeGraph.load({str(ttl)!r})
        q = "SELECT DISTINCT ?x WHERE {{ ?x a <http://ex.org/Team> . ?x <http://ex.org/coach> <http://ex.org/c> . }}"
        out = []
        def work():
            for _ in range(10):
                out.append(explain(q, kg, kg.labels.label_of))
        threads = [threading.Thread(target=work) for _ in range(6)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        print(sum(s.startswith("Runs a") for s in out), len(out), out[0])
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    generic, total, first = run.stdout.split(" ", 2)
    assert (int(generic), int(total)) == (0, 60), run.stdout
    assert "coach" in first.lower()


def test_optional_columns_describe_the_thing_they_hang_on():
    from kgquery.answer.explain import explain

    q = (
        "SELECT ?fn ?ln WHERE { ?x a <http://v/Student> . ?e <http://v/refstudent> ?x . ?e <http://v/refprogram> ?g . "
        '?g <http://v/summaryname> "Bachelor" . OPTIONAL { ?x <http://v/firstname> ?fn . } '
        "OPTIONAL { ?x <http://v/lastname> ?ln . } }"
    )
    text = explain(q)
    assert text.startswith("Finds students") and "firstname (when present)" in text.replace("first name", "firstname")
