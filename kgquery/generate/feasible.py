"""Joins the data can never satisfy, told from the schema before any query runs.

Tables made into graphs repeat property names across classes (a member's `refband` and an album's
`refband`). A candidate that reads a member's instrument from the thing found by an album's `refband`
asks for one thing that is both: it comes back empty, and a count over it says "0" as if that were an
answer. The schema's observed subject and object classes tell such joins apart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .candidate import TRIPLE, TYPED

if TYPE_CHECKING:
    from ..graph.schema import PropertyInfo, SchemaSummary

_SIDE_BLOCK = re.compile(r"\b(?:OPTIONAL|MINUS|FILTER\s+NOT\s+EXISTS|FILTER\s+EXISTS)\s*\{")


def required_part(sparql: str) -> str | None:
    """The query's text without its OPTIONAL, MINUS and (NOT) EXISTS blocks: what every answer must match.
    None for a query this cannot read alone (a subquery or a UNION has variables of its own)."""
    if sparql.count("SELECT") > 1 or "UNION" in sparql:
        return None
    out, i = [], 0
    for m in _SIDE_BLOCK.finditer(sparql):
        if m.start() < i:
            continue  # inside a block already cut
        out.append(sparql[i : m.start()])
        depth, j = 1, m.end()
        while j < len(sparql) and depth:
            depth += {"{": 1, "}": -1}.get(sparql[j], 0)
            j += 1
        i = j
    out.append(sparql[i:])
    return "".join(out)


def impossible_join(sparql: str, schema: "SchemaSummary") -> bool:
    """True when some variable must be a thing no class of the graph has: a subject of two properties whose
    subjects share no class, a thing of a class the property is never used with, or a literal with a class
    (see module docstring)."""
    body = required_part(sparql)
    if body is None:
        return False
    constraints: dict[str, list[tuple[set[str], bool]]] = {}
    triples = TRIPLE.findall(body)
    literal_vars = _literal_vars(triples, schema)
    for s_, p, o in triples:
        info = schema.prop(p)
        if info is None:
            continue
        for var, side in ((s_, "s"), (o, "o")):
            if not var.startswith("?") or (side == "o" and not info.iri_objects):
                continue
            entries = info.subject_classes if side == "s" else info.object_classes
            if entries:
                constraints.setdefault(var, []).append(({c for c, _ in entries}, _all_typed(info, side, schema)))
    for var, cls in TYPED.findall(body):
        if var in literal_vars:
            return True  # a literal has no class
        if var in constraints:
            kinds = {cls} | schema.subclasses(cls)
            # a thing of class C that uses the property puts C, or its own class below C, among those seen
            if any(not (kinds & seen) for seen, _ in constraints[var]):
                return True
    for cons in constraints.values():
        for i, (a, a_all) in enumerate(cons):
            for b, b_all in cons[i + 1 :]:
                if (a_all or b_all) and not (a & b):
                    return True
    return False


def literal_subject(sparql: str, schema: "SchemaSummary") -> bool:
    """A query that reads a property of a literal ('?x' is a country's code, then '?x language ?y'): no
    literal is ever a subject, so it can only come back empty, or count nothing."""
    if sparql.count("SELECT") > 1:
        return False  # a subquery has its own variables: names alike are not the same thing
    triples = TRIPLE.findall(sparql)
    literal_vars = _literal_vars(triples, schema)
    return any(s_ in literal_vars for s_, _p, _o in triples)


def _literal_vars(triples: list[tuple[str, str, str]], schema: "SchemaSummary") -> set[str]:
    """The variables some triple binds to the value of a property that only ever holds literals."""
    out = set()
    for _s, p, o in triples:
        info = schema.prop(p) if o.startswith("?") else None
        if info is not None and not info.iri_objects and info.literal_objects:
            out.add(o)
    return out


def _all_typed(info: "PropertyInfo", side: str, schema: "SchemaSummary") -> bool:
    """Whether every thing on this side of the property has a class: the counts seen reach the property's
    uses. Classes listed only as a superclass of another listed one are left out of the sum (their things
    are counted already), which errs towards 'not known'."""
    entries = info.subject_classes if side == "s" else info.object_classes
    listed = {c for c, _ in entries}
    above = set().union(*(schema.superclasses(c) for c in listed)) if listed else set()
    typed = sum(n for c, n in entries if c not in above)
    return typed >= (info.count if side == "s" else info.iri_objects)
