"""The triples behind an answer, read from the query's own algebra (rdflib) and fetched with CONSTRUCT."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Callable

from ..terms import Outcome, QueryResult, Term, iris_in

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


def _n3(t) -> str:
    from rdflib import BNode, Literal, URIRef, Variable

    if isinstance(t, Variable):
        return f"?{t}"
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, BNode):
        return f"?_b{t}"
    if isinstance(t, Literal):
        return t.n3()
    return str(t)


def bgp_triples(sparql: str) -> list[tuple[str, str]]:
    """The basic-graph-pattern triples of the outer query (not of sub-selects), as SPARQL text: pairs of
    (CONSTRUCT template, WHERE pattern). They differ only for '?x a/rdfs:subClassOf* <C>' and '?x p/skos:broader*
    <C>', which a template cannot hold: it shows the class the thing has (Hardware, below Product), the concept it
    is of (Cubism, below Modernism).

    >>> bgp_triples("SELECT ?x WHERE { ?x <http://a.org/p> <http://a.org/o> . OPTIONAL { ?x <http://a.org/q> ?y } }")
    [('?x <http://a.org/p> <http://a.org/o> .', '?x <http://a.org/p> <http://a.org/o> .')]
    """
    from rdflib.plugins.sparql.parserutils import CompValue

    from ..graph.guard import parse_query  # a private grammar copy: rdflib's shared one breaks under threads
    from ..graph.hierarchy import BROADER, SUBCLASS_OF, plain_type
    from ..graph.schema import RDF_TYPE

    kinds = itertools.count()

    def text(t) -> tuple[str, str]:
        plain = plain_type(t)
        if plain is t:
            same = f"{_n3(t[0])} {_n3(t[1])} {_n3(t[2])} ."
            return same, same
        kind = f"?_type{next(kinds)}"
        held = f"{_n3(t[0])} {_n3(plain[1])} {kind} ."  # the class it has, the concept it is of (below C)
        below = SUBCLASS_OF if str(plain[1]) == RDF_TYPE else BROADER
        return held, f"{held} {kind} <{below}>* {_n3(t[2])} ."

    try:
        algebra = parse_query(sparql).algebra
    except Exception:
        return []
    out: list[tuple[str, str]] = []

    projects = [0]

    def walk(node, top: bool) -> None:
        if isinstance(node, CompValue):
            if node.name == "BGP":
                if top:
                    out.extend(text(t) for t in node.triples if not hasattr(t[1], "name"))
                return
            if node.name == "LeftJoin":  # OPTIONAL parts are not required evidence
                walk(node["p1"] if "p1" in node else None, top)
                return
            if node.name == "Project":
                projects[0] += 1
            inner = node.name in ("ToMultiSet", "Minus") or (node.name == "Project" and projects[0] > 1)
            for k, v in node.items():
                if not k.startswith("_"):
                    walk(v, top and not inner)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v, top)

    walk(algebra["p"] if "p" in algebra else None, True)
    seen, uniq = set(), []
    for t in out:
        if t not in seen:
            seen.add(t)
            uniq.append(t)
    return uniq


def evidence(kg: "KnowledgeGraph", sparql: str, res: QueryResult, limit: int = 60) -> list[tuple[Term, Term, Term]]:
    """Triples of the graph that support the answer rows (at most `limit`)."""
    triples = bgp_triples(sparql)
    if not triples:
        return []
    values = ""
    if res.outcome == Outcome.ROWS and res.vars:
        for i, v in enumerate(res.vars):
            iris = sorted({r[i].value for r in res.rows[:limit] if r[i] is not None and r[i].is_iri})
            if iris and f"?{v} " in " ".join(w for _, w in triples) + " ":
                values = f"VALUES ?{v} {{ {' '.join(f'<{x}>' for x in iris)} }}"
                break
    template, pattern = " ".join(t for t, _ in triples), " ".join(w for _, w in triples)
    r = kg.query(
        f"CONSTRUCT {{ {template} }} WHERE {{ {values} {pattern} }} LIMIT {limit}", timeout_s=5, max_rows=limit
    )
    if r.outcome != Outcome.ROWS:
        return []
    return [tuple(row) for row in r.rows if None not in row]


def _rdf(t: Term):
    from rdflib import BNode, Literal, URIRef

    if t.kind == "iri":
        return URIRef(t.value)
    if t.kind == "bnode":
        return BNode(t.value)
    return Literal(t.value, lang=t.lang, datatype=None if t.lang else t.datatype)


def to_turtle(triples: list[tuple[Term, Term, Term]], prefixes: dict[str, str] | None = None) -> str:
    """The triples as Turtle (rdflib's serializer), with the graph's prefixes when given."""
    from rdflib import Graph

    g = Graph()
    for p, ns in (prefixes or {}).items():
        try:
            g.bind(p, ns, override=True)
        except Exception:  # an odd prefix name: the full IRI is written instead
            pass
    for s, p, o in triples:
        g.add((_rdf(s), _rdf(p), _rdf(o)))
    return g.serialize(format="turtle")


def _namer(labels) -> "Callable[[str], str | None]":
    """A lookup IRI -> label from a dict, a function or nothing."""
    if labels is None:
        return lambda iri: None
    return labels.get if isinstance(labels, dict) else labels


def to_graph(
    triples: list[tuple[Term, Term, Term]],
    labels: "dict[str, str] | Callable | None" = None,
    prop_labels: "dict[str, str] | Callable | None" = None,
):
    """The triples as a networkx MultiDiGraph: nodes keyed by N3 (attributes term, label, kind),
    one edge per triple keyed by the predicate IRI (attributes term, label).

    `labels` names entities (a dict IRI -> label, or a function); `prop_labels` names predicates, which
    `labels` names when it is not given; what neither names shows its IRI's local name."""
    import networkx as nx

    from ..graph.schema import local_name

    label_of = _namer(labels)
    prop_of = label_of if prop_labels is None else _namer(prop_labels)
    g = nx.MultiDiGraph()
    for s, p, o in triples:
        for t in (s, o):
            if t.n3() not in g:
                name = (label_of(t.value) or local_name(t.value)) if t.is_iri else t.value
                g.add_node(t.n3(), term=t, label=name, kind=t.kind)
        g.add_edge(s.n3(), o.n3(), key=p.value, term=p, label=prop_of(p.value) or local_name(p.value))
    return g


def row_evidence(
    triples: list[tuple[Term, Term, Term]], row: tuple[Term | None, ...], sparql: str | None = None
) -> list[tuple[Term, Term, Term]]:
    """The evidence triples behind one answer row: those reachable from the row's values, not walking
    on through the query's own constants (a shared 'France' must not join every supplier's evidence)."""
    constants = iris_in(sparql or "")
    start = {t.n3() for t in row if t is not None}
    by_node: dict[str, list[int]] = {}
    for i, (s, _, o) in enumerate(triples):
        by_node.setdefault(s.n3(), []).append(i)
        by_node.setdefault(o.n3(), []).append(i)
    seen_nodes, keep, todo = set(start), set(), list(start)
    while todo:
        n = todo.pop()
        for i in by_node.get(n, []):
            if i in keep:
                continue
            keep.add(i)
            s, _, o = triples[i]
            for t in (s, o):
                key = t.n3()
                if key not in seen_nodes and not (t.is_iri and t.value in constants):
                    seen_nodes.add(key)
                    todo.append(key)
    return [triples[i] for i in sorted(keep)]
