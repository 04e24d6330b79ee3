"""Class hierarchies in query text: a class with subclasses is read with them (rdfs:subClassOf*), and a concept
with narrower concepts as the value of a property is read with them (skos:broader*).

The data rarely types a subclass's things with the superclass as well, and a class may have no things of its
own (ck25's Product: only hardware and services). A query asking for things of such a class says so with a
property path; explanations and evidence read that path back as a plain type.
"""

from __future__ import annotations

import re

SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
BROADER = "http://www.w3.org/2004/02/skos/core#broader"
#: properties whose concept values are meant as themselves: the hierarchy's own links, types, schemes
_AS_ITSELF = {
    f"<{p}>"
    for p in (
        BROADER,
        "http://www.w3.org/2004/02/skos/core#narrower",
        "http://www.w3.org/2004/02/skos/core#inScheme",
        "http://www.w3.org/2004/02/skos/core#topConceptOf",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/2002/07/owl#sameAs",
    )
}
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


def with_narrower(sparql: str, broader: set[str]) -> str:
    """'?w <movement> <Modernism>' reads 'Modernism or a concept below it' when other concepts have Modernism as
    their skos:broader: a work of Cubism, below Modernism, is a modernist work. `broader`: the concepts some
    concept is narrower than. Their own links (skos:broader, rdf:type, ...) keep the concept itself.

    >>> with_narrower("SELECT ?w WHERE { ?w <http://e/mv> <http://e/M> . }", {"http://e/M"})
    'SELECT ?w WHERE { ?w <http://e/mv>/<http://www.w3.org/2004/02/skos/core#broader>* <http://e/M> . }'
    >>> with_narrower("SELECT ?b WHERE { <http://e/C> <http://www.w3.org/2004/02/skos/core#broader> ?b }", {"http://e/C"})
    'SELECT ?b WHERE { <http://e/C> <http://www.w3.org/2004/02/skos/core#broader> ?b }'
    >>> with_narrower("SELECT ?w WHERE { ?w <http://e/s> ?c . ?c <http://www.w3.org/2004/02/skos/core#broader> <http://e/M> }",
    ...               {"http://e/M"})
    'SELECT ?w WHERE { ?w <http://e/s> ?c . ?c <http://www.w3.org/2004/02/skos/core#broader>* <http://e/M> }'
    """
    forms = [f"<{c}>" for c in broader if f"<{c}>" in sparql]
    if not forms:
        return sparql
    objects = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    valued = re.compile(rf"(?<=\s)(<[^<>\s]+>)(\s+)({objects})(?=\s*[.;,}}])")
    sparql = valued.sub(
        lambda m: m.group(0) if m.group(1) in _AS_ITSELF else f"{m.group(1)}/<{BROADER}>*{m.group(2)}{m.group(3)}",
        sparql,
    )
    # '?w <style> ?s . ?s skos:broader <M>': a value reached through the hierarchy is the same reading, at or below M
    for var in re.findall(rf"(\?\w+)\s+<{re.escape(BROADER)}>\s+(?:{objects})", sparql):
        if re.search(rf"<(?!{re.escape(BROADER)}>)[^<>\s]+>\s+{re.escape(var)}\b", sparql):
            sparql = re.sub(rf"({re.escape(var)}\s+<{re.escape(BROADER)}>)(\s+(?:{objects}))", r"\1*\2", sparql)
    return sparql


def plain_type(triple: tuple) -> tuple:
    """A triple '?x rdf:type/rdfs:subClassOf* C' read as '?x rdf:type C' (of class C, or of one below it), and
    '?x p/skos:broader* C' as '?x p C': what it says in words is the same, and a CONSTRUCT template cannot hold
    a path."""
    from rdflib import RDF, RDFS, URIRef
    from rdflib.paths import MulPath, SequencePath

    s_, p, o = triple
    if not (isinstance(p, SequencePath) and len(p.args) == 2 and isinstance(p.args[1], MulPath)):
        return triple
    below, first = p.args[1], p.args[0]
    if below.mod == "*" and isinstance(first, URIRef):
        if (first, below.path) == (RDF.type, RDFS.subClassOf) or below.path == URIRef(BROADER):
            return (s_, first, o)
    return triple
