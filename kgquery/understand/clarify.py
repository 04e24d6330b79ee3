"""Asking back when a name fits several entities and nothing in the question or the graph separates them.

A mention is ambiguous when two or more of its entities score alike, the chosen query uses one of
them, and swapping in another still answers while connecting to the question's other items just
as well: then the answer lists the options ("Anna Smith (Research)", "Anna Jones
(Production)") instead of guessing. `fix_choice` pins the user's pick for the re-run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..graph.schema import RDF_TYPE
from ..terms import Outcome, iris_in

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph
    from .linking import Links, Mention

#: entities whose link scores are this close to the best are indistinguishable by their names
CLOSE = 0.05
MAX_OPTIONS = 5
SKIP_DETAIL = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://xmlns.com/foaf/0.1/depiction",
}


def close_hits(m: "Mention") -> list[str]:
    if m.kind != "entity" or m.plural or len(m.hits) < 2 or not any(ch.isalpha() for ch in m.text):
        return []  # numbers ("under 50 mm") are values of a comparison, not names
    top = m.hits[0].score
    iris = []
    for h in m.hits:
        if h.score >= top - CLOSE and h.iri not in iris:
            iris.append(h.iri)
    return iris[:MAX_OPTIONS] if len(iris) >= 2 else []


def _connected(kg: "KnowledgeGraph", iri: str, others: list[str]) -> bool:
    """Whether the entity touches any other item of the question (1 hop, or 2 hops to a literal)."""
    for o in others:
        q = (
            f"ASK {{ {{ <{iri}> ?p {o} }} UNION {{ {o} ?p <{iri}> }} UNION {{ <{iri}> ?p ?m . ?m ?q {o} }} "
            f"UNION {{ ?m ?p <{iri}> . ?m ?q {o} }} }}"
        )
        r = kg.query(q, timeout_s=3)
        if r.outcome == Outcome.BOOLEAN and r.boolean:
            return True
    return False


def _answers(kg: "KnowledgeGraph", sparql: str) -> bool:
    r = kg.query(sparql, timeout_s=3, max_rows=1000)
    return r.outcome == Outcome.ROWS or r.outcome == Outcome.BOOLEAN


def ambiguous(kg: "KnowledgeGraph", links: "Links", sparql: str | None) -> tuple["Mention", list[str]] | None:
    """(mention, IRIs to choose from, the one the query used first) when the question must ask back."""
    if not sparql:
        return None
    used = iris_in(sparql)
    for m in links.mentions:
        iris = close_hits(m)
        chosen = [i for i in iris if i in used]
        if len(chosen) != 1:
            continue  # the query uses none of them (or several: it already covers them all)
        c = chosen[0]
        others = []
        for o in links.mentions:
            if o is m or not o.hits:
                continue
            if o.kind == "entity":
                others.append(f"<{o.hits[0].iri}>")
            else:
                others.append(o.hits[0].value_n3())
        c_conn = _connected(kg, c, others) if others else False
        options = [c]
        for a in iris:
            if a == c:
                continue
            if others and c_conn and not _connected(kg, a, others):
                continue  # the rest of the question picks c ("Anna from Research")
            if _answers(kg, sparql.replace(f"<{c}>", f"<{a}>")):
                options.append(a)
        if len(options) >= 2:
            return m, options
    return None


def _labels(kg: "KnowledgeGraph", iri: str) -> str:
    try:
        return kg.labels.label_of(iri)
    except Exception:
        from ..graph.schema import local_name

        return local_name(iri)


def _shared_props(kg: "KnowledgeGraph", value: str, own: set[str]) -> int:
    """How many of the option's own properties the value has too: a manager (email, phone, department)
    is a peer of an employee and tells two employees apart less plainly than their department does."""
    r = kg.query(f"SELECT DISTINCT ?p WHERE {{ <{value}> ?p ?o }} LIMIT 200", timeout_s=3, max_rows=200)
    props = {row[0].value for row in r.rows if row[0] is not None} if r.outcome == Outcome.ROWS else set()
    return len(props & own)


def _class_size(kg: "KnowledgeGraph", iri: str) -> int:
    """Members of the smallest class the entity belongs to (small classes are categories: teams)."""
    try:
        sizes = [c.count for t in kg.labels.types_of(iri) if (c := kg.schema.cls(t)) is not None]
    except Exception:
        sizes = []
    return min(sizes) if sizes else 10**12


def describe(kg: "KnowledgeGraph", iris: list[str]) -> list[tuple[str, str]]:
    """(IRI, 'Name (detail)') per option: the detail is the first thing that tells them apart — their
    type, else a linked entity (a department), else a short value; the name alone when nothing does."""
    facts: dict[str, dict[str, set[str]]] = {}
    kinds: dict[str, tuple] = {}  # property -> (a value of the same kind?, size of its smallest class)
    for iri in iris:
        r = kg.query(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} LIMIT 300", timeout_s=3, max_rows=300)
        d: dict[str, set[str]] = {}
        for p, o in r.rows if r.outcome == Outcome.ROWS else []:
            if p is None or o is None or p.value in SKIP_DETAIL:
                continue
            shown = _labels(kg, o.value) if o.is_iri else o.value
            if o.is_iri or len(shown) <= 40:
                d.setdefault(p.value, set()).add(("iri:" if o.is_iri else "lit:") + shown)
                if o.is_iri and p.value not in kinds:
                    kinds[p.value] = (o.value, _class_size(kg, o.value))
        facts[iri] = d
        own = set(d) - {RDF_TYPE}
        for p, (value, size) in list(kinds.items()):
            if isinstance(value, str):
                kinds[p] = (_shared_props(kg, value, own), size)

    def separates(p: str) -> bool:
        vals = [facts[i].get(p) for i in iris]
        return all(vals) and len({frozenset(v) for v in vals}) == len(iris)

    common = set.intersection(*(set(f) for f in facts.values())) if facts else set()
    ranked = sorted(
        common,
        key=lambda p: (
            p != RDF_TYPE,
            not all(all(v.startswith("iri:") for v in facts[i][p]) for i in iris),
            max(len(facts[i][p]) for i in iris),
            kinds.get(p, (True, 10**12)),
            p,
        ),
    )
    detail_p = next((p for p in ranked if separates(p)), None)
    out = []
    for iri in iris:
        name = _labels(kg, iri)
        if detail_p:
            detail = ", ".join(sorted(v.split(":", 1)[1] for v in facts[iri][detail_p])[:2])
            out.append((iri, f"{name} ({detail})"))
        else:
            out.append((iri, name))
    return out


def fix_choice(links: "Links", iri: str) -> bool:
    """Pin a mention to the chosen entity (the one whose candidates include it); False when none does."""
    for m in links.mentions:
        hit = next((h for h in m.hits if h.iri == iri), None)
        if hit is not None:
            m.hits = [hit]
            m.plural = False
            return True
    return False
