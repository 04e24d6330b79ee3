"""Validation before execution: parse, fix prefixes, know every IRI, check that patterns fit the data.

`validate_query` returns a `Validation`: `ok`, human-readable `errors` (fed back to a model as
repair hints, with "did you mean" suggestions) and `fixed_query` (missing PREFIX lines added).
Checks, cheapest first:

1. the read-only guard parses it (SELECT/ASK/..., no updates, no SERVICE), rdflib's algebra
   translation accepts it, and it has at least one triple pattern (it reads the graph);
2. every IRI the query names exists in the graph (one VALUES query for all of them);
3. each triple pattern with a constant predicate fits the data: a constant subject or object
   really has that property, and a variable typed with ``a <Class>`` in the same pattern group
   belongs to a class the property is used on (a handful of ASK queries, each bounded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import QueryRefused
from ..graph.guard import add_missing_prefixes, guard, parse_query
from ..graph.hierarchy import with_subclasses
from ..graph.schema import RDF_TYPE, local_name, split_name
from ..terms import Outcome

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

#: IRIs that name functions and datatypes, not graph terms
VOCAB_NS = (
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/2005/xpath-functions#",
    "http://www.w3.org/ns/sparql#",
)
MAX_PATTERN_CHECKS = 8
CHECK_TIMEOUT_S = 3.0


@dataclass(frozen=True)
class Validation:
    """The verdict on one query: errors are one line each, written for the model to act on."""

    ok: bool
    errors: tuple[str, ...] = ()
    fixed_query: str | None = None


def _algebra(text: str):
    return parse_query(text).algebra


def _walk(node, iris: set[str], bgps: list):
    """Collect every IRI and every basic graph pattern of an algebra tree."""
    from rdflib import URIRef
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, URIRef):
        iris.add(str(node))
    elif isinstance(node, CompValue):
        if node.name == "BGP":
            bgps.append(list(node.get("triples") or []))
        for v in node.values():
            _walk(v, iris, bgps)
    elif isinstance(node, dict):
        for v in node.values():
            _walk(v, iris, bgps)
    elif isinstance(node, (list, tuple, set, frozenset)):
        for v in node:
            _walk(v, iris, bgps)


class Validator:
    """Validates queries against one graph (labels and schema give the "did you mean" hints)."""

    def __init__(self, kg: "KnowledgeGraph"):
        self.kg = kg
        self._exists: dict[str, bool] = {}
        self._superclasses: set[str] | None = None

    def short(self, iri: str) -> str:
        return self.kg.schema.short(iri)

    # ------------------------------------------------------------------ entry point
    def validate(self, query: str) -> Validation:
        """Check one query; see the module docstring for what is checked."""
        if not query or not query.strip():
            return Validation(False, ("no query was written; reply with one SPARQL query",))
        self.kg.schema  # noqa: B018  (fills kg.prefixes)
        prefixes = self.kg.prefixes
        fixed = add_missing_prefixes(query, prefixes)
        try:
            g = guard(fixed, self.kg.limits.allow_services, prefixes)
        except QueryRefused as e:
            return Validation(False, (str(e),), fixed)
        fixed = self._with_subclasses(g.text, prefixes)
        try:
            algebra = _algebra(fixed)
        except Exception as e:  # rdflib raises plain Exceptions for semantic faults
            return Validation(False, (f"not a valid query: {' '.join(str(e).split())[:200]}",), fixed)
        iris: set[str] = set()
        bgps: list = []
        _walk(algebra, iris, bgps)
        if not any(bgps):
            return Validation(
                False,
                (
                    "the query reads nothing from the graph: it needs at least one triple "
                    "pattern such as ?x a <Class> or <entity> <property> ?value",
                ),
                fixed,
            )
        errors = self._unknown_iris(sorted(i for i in iris if not i.startswith(VOCAB_NS)))
        if not errors:
            errors = self._pattern_errors(bgps)
        return Validation(not errors, tuple(errors), fixed)

    def _with_subclasses(self, query: str, prefixes: dict[str, str]) -> str:
        """A class with subclasses is read with them ('?x a pv:Product' also finds hardware): see
        `with_subclasses`. The query's own PREFIX lines count as well as the graph's."""
        if self._superclasses is None:
            schema = self.kg.schema
            self._superclasses = {c.iri for c in schema.classes if c.count and schema.subclasses(c.iri)}
        if not self._superclasses:
            return query
        declared = dict(re.findall(r"(?i)PREFIX\s+([A-Za-z][\w-]*|):\s*<([^>\s]+)>", query))
        return with_subclasses(query, self._superclasses, {**prefixes, **declared})

    # ------------------------------------------------------------------ know before use
    def _unknown_iris(self, iris: list[str]) -> list[str]:
        todo = [i for i in iris if i not in self._exists and not any(c in i for c in '<>" {}|\\^`')]
        if todo:
            values = " ".join(f"<{i}>" for i in todo)
            res = self.kg.query(
                f"SELECT DISTINCT ?i WHERE {{ VALUES ?i {{ {values} }} "
                f"FILTER(EXISTS {{ ?i ?p ?o }} || EXISTS {{ ?s ?i ?o }} || EXISTS {{ ?s ?p ?i }}) }}",
                timeout_s=CHECK_TIMEOUT_S,
            )
            if res.outcome not in (Outcome.ROWS, Outcome.EMPTY):
                return []  # cannot tell (e.g. a slow endpoint): do not block the query
            found = {r[0].value for r in res.rows if r[0] is not None}
            for i in todo:
                self._exists[i] = i in found
        return [
            f"unknown IRI <{i}>: it is not in the graph" + self._did_you_mean(i)
            for i in iris
            if not self._exists.get(i, True)
        ]

    def _did_you_mean(self, iri: str) -> str:
        from rapidfuzz import fuzz, process

        schema = self.kg.schema
        terms = {p.iri: p.label for p in schema.properties} | {c.iri: c.label for c in schema.classes}
        name = split_name(local_name(iri))
        keys = {i: f"{split_name(local_name(i))} {lab}".lower() for i, lab in terms.items()}
        found = process.extract(name, keys, scorer=fuzz.WRatio, limit=3, score_cutoff=70)
        picks = [self.short(i) for _, _, i in found]
        if not picks:
            hits = self.kg.labels.search(name, limit=3, cutoff=75)
            picks = [f"<{h.iri}> ({h.label})" for h in hits]
        return f"; did you mean {' or '.join(picks)}?" if picks else ""

    # ------------------------------------------------------------------ patterns fit the data
    def _ask(self, body: str) -> bool | None:
        res = self.kg.query(f"ASK {{ {body} }}", timeout_s=CHECK_TIMEOUT_S)
        return res.boolean if res.outcome == Outcome.BOOLEAN else None

    def _props_of(self, body: str, var: str, like: str, limit: int = 4) -> list[str]:
        """Properties in the data around a pattern, most similar to `like` first."""
        from rapidfuzz import fuzz

        res = self.kg.query(f"SELECT DISTINCT ?p WHERE {{ {body} }} LIMIT 200", timeout_s=CHECK_TIMEOUT_S)
        props = (
            [r[0].value for r in res.rows if r[0] is not None and r[0].value != RDF_TYPE]
            if res.outcome == Outcome.ROWS
            else []
        )
        target = split_name(local_name(like))
        props.sort(key=lambda p: -fuzz.WRatio(target, split_name(local_name(p))))
        return [self.short(p) for p in props[:limit]]

    def _pattern_errors(self, bgps: list) -> list[str]:
        from rdflib import Literal, URIRef, Variable

        errors: list[str] = []
        checks = 0
        for triples in bgps:
            types: dict[str, list[str]] = {}
            for s, p, o in triples:
                if isinstance(s, Variable) and str(p) == RDF_TYPE and isinstance(o, URIRef):
                    types.setdefault(str(s), []).append(str(o))
            for s, p, o in triples:
                if not isinstance(p, URIRef) or checks >= MAX_PATTERN_CHECKS:
                    continue
                ps = self.short(str(p))
                if str(p) == RDF_TYPE:
                    if isinstance(s, URIRef) and isinstance(o, URIRef):
                        checks += 1
                        if self._ask(f"<{s}> a <{o}>") is False:
                            errors.append(f"<{s}> is not a {self.short(str(o))}")
                    continue
                if isinstance(s, URIRef):
                    checks += 1
                    if self._ask(f"<{s}> <{p}> ?o") is False:
                        has = self._props_of(f"<{s}> ?p ?o", "?p", str(p))
                        errors.append(
                            f"<{s}> has no {ps}" + (f"; its properties include {', '.join(has)}" if has else "")
                        )
                        continue
                if isinstance(o, URIRef):
                    checks += 1
                    if self._ask(f"?s <{p}> <{o}>") is False:
                        has = self._props_of(f"?s ?p <{o}>", "?p", str(p))
                        errors.append(
                            f"nothing has {ps} <{o}>"
                            + (f"; properties that point to it: {', '.join(has)}" if has else "")
                        )
                        continue
                if isinstance(o, Literal) and not isinstance(s, URIRef):
                    checks += 1
                    if self._ask(f"?s <{p}> {o.n3()}") is False:
                        hint = self._value_hint(str(p), str(o))
                        errors.append(f"no {ps} has the value {o.n3()}" + hint)
                        continue
                if isinstance(s, Variable) and str(s) in types:
                    for cls in types[str(s)]:
                        checks += 1
                        if self._ask(f"?s a <{cls}> . ?s <{p}> ?o") is False:
                            has = self._props_of(f"?s a <{cls}> . ?s ?p ?o", "?p", str(p))
                            errors.append(
                                f"{ps} is never used on a {self.short(cls)}"
                                + (f"; properties of {self.short(cls)} include {', '.join(has)}" if has else "")
                            )
        return errors

    def _value_hint(self, prop: str, value: str) -> str:
        hits = self.kg.labels.search(value, limit=3, cutoff=75)
        if hits:
            return "; names close to it: " + ", ".join(f'"{h.label}" (<{h.iri}>)' for h in hits)
        return ""


def validate_query(query: str, kg: "KnowledgeGraph") -> Validation:
    """Validate one query against a graph (a fresh Validator; keep one to reuse its IRI cache)."""
    return Validator(kg).validate(query)
