"""Shared by the make_<graph>.py scripts of the probes written in a vocabulary of their own (museum, space): the
ontology's classes and properties written as OWL with labels, alt labels, comments, domains and ranges."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace
from rdflib.namespace import SKOS


def label(g: Graph, node, text: str) -> None:
    g.add((node, RDFS.label, Literal(text, lang="en")))


def write_vocabulary(g: Graph, ns: Namespace, title: str, classes, object_properties, data_properties) -> None:
    """The ontology node, then each class (local name, label, alt labels, parent or None, comment or None) and
    each property (local name, label or None, domain, range, comment or None; an object property's range is a
    local name in `ns`, a datatype property's an IRI)."""
    onto = ns[""]
    g.add((onto, RDF.type, OWL.Ontology))
    label(g, onto, title)
    g.add(
        (onto, RDFS.comment, Literal("Made up for kgquery's probes (Apache-2.0); every name is invented.", lang="en"))
    )
    for local, text, alts, parent, comment in classes:
        c = ns[local]
        g.add((c, RDF.type, OWL.Class))
        label(g, c, text)
        for alt in alts:
            g.add((c, SKOS.altLabel, Literal(alt, lang="en")))
        if parent:
            g.add((c, RDFS.subClassOf, ns[parent]))
        if comment:
            g.add((c, RDFS.comment, Literal(comment, lang="en")))
    props = [(p, OWL.ObjectProperty, t, d, ns[r], c) for p, t, d, r, c in object_properties]
    props += [(p, OWL.DatatypeProperty, t, d, r, c) for p, t, d, r, c in data_properties]
    for local, kind, text, domain, rng, comment in props:
        p = ns[local]
        g.add((p, RDF.type, kind))
        if text:
            label(g, p, text)
        g.add((p, RDFS.domain, ns[domain]))
        g.add((p, RDFS.range, rng))
        if comment:
            g.add((p, RDFS.comment, Literal(comment, lang="en")))
