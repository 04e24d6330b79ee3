"""The triples behind an answer, read from the query's own algebra (rdflib) and fetched with CONSTRUCT."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .types import Outcome, QueryResult, Term

if TYPE_CHECKING:
    from .graph import KnowledgeGraph


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


def bgp_triples(sparql: str) -> list[str]:
    """The basic-graph-pattern triples of the outer query (not of sub-selects), as SPARQL text.

    >>> bgp_triples("SELECT ?x WHERE { ?x <http://a.org/p> <http://a.org/o> . OPTIONAL { ?x <http://a.org/q> ?y } }")
    ['?x <http://a.org/p> <http://a.org/o> .']
    """
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        algebra = prepareQuery(sparql).algebra
    except Exception:
        return []
    out: list[str] = []

    projects = [0]

    def walk(node, top: bool) -> None:
        if isinstance(node, CompValue):
            if node.name == "BGP":
                if top:
                    out.extend(f"{_n3(s)} {_n3(p)} {_n3(o)} ." for s, p, o in node.triples if not hasattr(p, "name"))
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
            if iris and f"?{v} " in " ".join(triples) + " ":
                values = f"VALUES ?{v} {{ {' '.join(f'<{x}>' for x in iris)} }}"
                break
    template = " ".join(triples)
    r = kg.query(f"CONSTRUCT {{ {template} }} WHERE {{ {values} {template} }} LIMIT {limit}", timeout_s=5, max_rows=limit)
    if r.outcome != Outcome.ROWS:
        return []
    return [tuple(row) for row in r.rows if None not in row]
