"""What generators propose: candidate queries, and the graph paths they are built from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..graph.schema import RDF_TYPE

#: properties that never connect the things a question is about
SKIP_PROPS = {
    RDF_TYPE,
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://www.w3.org/2000/01/rdf-schema#isDefinedBy",
}
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_TYPE_FORMS = r"a|rdf:type|<http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type>"


def with_subclasses(sparql: str, superclasses: set[str], prefixes: dict[str, str] | None = None) -> str:
    """'?x a <C>' reads 'of class C or of a class below it' when C has subclasses: the data rarely types a
    subclass's things with the superclass too, and a class may have no things of its own. `prefixes` also
    finds C written as a prefixed name (as a model writes it: 'pv:Product').

    >>> with_subclasses("SELECT ?x WHERE { ?x a <http://e/V> . ?x a <http://e/W> . }", {"http://e/V"})
    'SELECT ?x WHERE { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <http://e/V> . ?x a <http://e/W> . }'
    >>> with_subclasses("SELECT ?x WHERE { ?x rdf:type e:V; e:p ?y }", {"http://e/V"}, {"e": "http://e/"})
    'SELECT ?x WHERE { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* e:V; e:p ?y }'
    """
    if not superclasses:
        return sparql
    forms = {f"<{c}>" for c in superclasses}
    for p, ns in (prefixes or {}).items():
        forms |= {
            f"{p}:{c[len(ns) :]}"
            for c in superclasses
            if c.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w-]*", c[len(ns) :])
        }
    if not any(f in sparql for f in forms):
        return sparql
    objects = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    typed = re.compile(rf"(?<=[\s;{{])(?:{_TYPE_FORMS})(\s+)({objects})(?=[\s;.,}}])")
    return typed.sub(lambda m: f"a/<{SUBCLASS_OF}>*{m.group(1)}{m.group(2)}", sparql)


@dataclass
class Candidate:
    """One query the generator proposes, with its score and a short shape name."""

    sparql: str
    score: float
    shape: str
    parts: dict = field(default_factory=dict)


@dataclass
class Path:
    """How ?x reaches a constraint: steps of (property IRI, forward?) ending at `target` (n3)."""

    steps: tuple[tuple[str, bool], ...]
    target: str
    score: float

    def triples(self, x: str, tag: str) -> list[str]:
        out, cur = [], x
        for k, (p, fwd) in enumerate(self.steps):
            nxt = self.target if k == len(self.steps) - 1 else f"?{tag}m{k}"
            out.append(f"{cur} <{p}> {nxt} ." if fwd else f"{nxt} <{p}> {cur} .")
            cur = nxt
        return out


def _reuse_middle(num: list[str], body: list[str], x: str) -> list[str]:
    """Join a 2-hop numeric path onto the body's own middle node when both leave ?x the same way.

    "the publisher of the longest novel": the length belongs to the book that links the
    publisher to the genre, not to any book of that publisher.
    """
    if len(num) != 2:
        return num
    m = re.match(r"(\S+) (<[^>]+>) (\S+) \.$", num[0])
    if not m:
        return num
    s_, p, o = m.groups()
    mid = s_ if o == x else o
    for t in body:
        mt = re.match(r"(\S+) (<[^>]+>) (\S+) \.$", t)
        if not mt or mt.group(2) != p:
            continue
        bs, _, bo = mt.groups()
        if o == x and bo == x and bs.startswith("?"):
            return [num[1].replace(mid, bs)]
        if s_ == x and bs == x and bo.startswith("?"):
            return [num[1].replace(mid, bo)]
    return num


def _num(v: float) -> str:
    """A number as SPARQL text.

    >>> _num(20000000.0), _num(2.5)
    ('20000000', '2.5')
    """
    return str(int(v)) if v == int(v) else str(v)
