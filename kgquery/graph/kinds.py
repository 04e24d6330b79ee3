"""Which property says what kind of thing each thing is: rdf:type, or in graphs made the way Wikidata is
made, a property of their own ('instance of', wdt:P31) pointing at items that stand for the kinds.

kgquery reads kinds through rdf:type everywhere (the schema's classes, the label index's types, the
generators' `?x a <C>`). For a graph whose things carry no rdf:type but such a property, `retype` rewrites
a query's rdf:type into that property, so every part sees the graph's own kinds as classes.
Found by the shape of the data alone, never by a property's name:

* few things carry rdf:type (under a tenth of the things described);
* one property links most things (over half of them) to an IRI;
* those IRIs are few beside the things (on average at least two things each);
* and are kinds, not things: under half of them have that property themselves (countries, the
  object of 'country', are instances of 'country'; 'city', the object of 'instance of', is not), and under
  half of them have numbers or dates of their own (a country has a population; a kind has none).
"""

from __future__ import annotations

import re
from typing import Callable

from ..terms import TIME_TYPES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: at most this share of the things described carry rdf:type for another property to be looked for
TYPED_SHARE = 0.1
#: the share of the things described that the kind-giving property must reach
REACH = 0.5

Rows = Callable[[str], list]


def detect_kind_property(rows: Rows) -> str:
    """The property giving things their kinds in this graph: rdf:type unless another one does (see above).
    Where a few things carry rdf:type as well, the answer is 'rdf:type|P': both are read."""
    described = _count(rows, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?o) || isNumeric(?o)) }")
    if described == 0:
        return RDF_TYPE
    typed = _count(rows, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{RDF_TYPE}> ?c }}")
    if typed > TYPED_SHARE * described:
        return RDF_TYPE
    found = _own_kind_property(rows, described)
    return found if found == RDF_TYPE or not typed else f"{RDF_TYPE}|{found}"


def _own_kind_property(rows: Rows, described: int) -> str:
    """Of the three properties linking the most things to IRIs, the first that gives kinds; else rdf:type."""
    found = rows(
        "SELECT ?p (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) "
        "WHERE { ?s ?p ?o FILTER(isIRI(?o)) } GROUP BY ?p ORDER BY DESC(?subjects) LIMIT 3"
    )
    for r in found:
        if r[0] is None or not r[0].is_iri or r[0].value == RDF_TYPE:
            continue
        p, subjects, objects = r[0].value, int(r[1].value), int(r[2].value)
        if subjects <= REACH * described or objects * 2 > subjects:
            continue
        kinds_typed = _count(rows, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?s <{p}> ?o . ?o <{p}> ?k }}")
        # a kind is named, not measured: objects with numbers or dates of their own are things (a country)
        measured = _count(
            rows,
            f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?s <{p}> ?o . ?o ?q ?v "
            f"FILTER(isNumeric(?v) || DATATYPE(?v) IN ({', '.join(f'<{t}>' for t in sorted(TIME_TYPES))})) }}",
        )
        if kinds_typed * 2 < objects and measured * 2 < objects:
            return p
    return RDF_TYPE


def _count(rows: Rows, query: str) -> int:
    got = rows(query)
    return int(got[0][0].value) if got and got[0] and got[0][0] is not None else 0


_TYPE_FORMS = re.compile(r"(?<=[\s;{.])a(?=\s+[?$_\[(:\w]|/|\s*$)|\brdf:type\b")  # 'a/<subClassOf>*' too
_TERMS = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|#[^\n]*")


def retype(sparql: str, kind_property: str) -> str:
    """The query with rdf:type (written `a`, `rdf:type` or in full) read as `kind_property` (one IRI, or
    'rdf:type|P' for both, as a path); IRIs, quoted texts and comments stay as they are.

    >>> retype('SELECT ?x WHERE { ?x a <http://e/City> . ?x <http://e/name> "a <b>" }', "http://e/P31")
    'SELECT ?x WHERE { ?x <http://e/P31> <http://e/City> . ?x <http://e/name> "a <b>" }'
    """
    if kind_property == RDF_TYPE:
        return sparql
    path = (
        "(" + "|".join(f"<{p}>" for p in kind_property.split("|")) + ")"
        if "|" in kind_property
        else f"<{kind_property}>"
    )
    out, last = [], 0
    for m in _TERMS.finditer(sparql):
        out.append(_TYPE_FORMS.sub(path, sparql[last : m.start()]))
        term = m.group(0)
        out.append(path if term == f"<{RDF_TYPE}>" else term)
        last = m.end()
    out.append(_TYPE_FORMS.sub(path, sparql[last:]))
    return "".join(out)
