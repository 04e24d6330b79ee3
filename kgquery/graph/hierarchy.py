"""Class hierarchies in query text: a class with subclasses is read with them (rdfs:subClassOf*).

The data rarely types a subclass's things with the superclass as well, and a class may have no things of its
own (ck25's Product: only hardware and services). A query asking for things of such a class says so with a
property path; explanations and evidence read that path back as a plain type.
"""

from __future__ import annotations

import re

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


def plain_type(triple: tuple) -> tuple:
    """A triple '?x rdf:type/rdfs:subClassOf* C' read as '?x rdf:type C' (of class C, or of one below it):
    what it says in words is the same, and a CONSTRUCT template cannot hold a path."""
    from rdflib import RDF, RDFS
    from rdflib.paths import MulPath, SequencePath

    s_, p, o = triple
    if (
        isinstance(p, SequencePath)
        and len(p.args) == 2
        and p.args[0] == RDF.type
        and isinstance(p.args[1], MulPath)
        and p.args[1].path == RDFS.subClassOf
        and p.args[1].mod == "*"
    ):
        return (s_, RDF.type, o)
    return triple
