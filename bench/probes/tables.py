"""Shared by the make_<graph>.py scripts of the relational probes: a database table made into RDF the way
relational benchmarks lay it out (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links
to rows, row IRIs `<table>/<key>=<value>`), and the file written in a fixed order."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, URIRef

NS = "http://valuenet/ontop/"


def col(tab: str, column: str) -> URIRef:
    return URIRef(f"{NS}{tab}#{column}")


def row(tab: str, key: str, value: int) -> URIRef:
    return URIRef(f"{NS}{tab}/{key}={value}")


def add_row(g: Graph, tab: str, key: str, n: int, values: dict) -> None:
    """One row: its class, its key as a column (unless `key` is '', a row of a link table, named by `n`), and
    each value typed as it is: a row IRI, a yes/no, a whole number, a decimal, else plain text."""
    s = row(tab, key, n) if key else URIRef(f"{NS}{tab}/{n}")
    g.add((s, RDF.type, URIRef(NS + tab)))
    if key:
        g.add((s, col(tab, key), Literal(n, datatype=XSD.integer)))
    for column, v in values.items():
        if isinstance(v, URIRef):
            g.add((s, col(tab, column), v))
        elif isinstance(v, bool):
            g.add((s, col(tab, column), Literal(v, datatype=XSD.boolean)))
        elif isinstance(v, int):
            g.add((s, col(tab, column), Literal(v, datatype=XSD.integer)))
        elif isinstance(v, float):
            g.add((s, col(tab, column), Literal(str(v), datatype=XSD.decimal)))
        else:
            g.add((s, col(tab, column), Literal(v)))


def write_sorted(g: Graph, out: Path) -> None:
    """N-Triples in a fixed order, run to run (rdflib's own order follows hashing)."""
    lines = sorted(g.serialize(format="nt").splitlines())
    out.write_text("\n".join(line for line in lines if line) + "\n", "utf-8")
    print(f"wrote {out}")


def write_turtle(g: Graph, out: Path) -> None:
    """Turtle as rdflib writes it (stable for these graphs: every subject has an IRI), for the RDF-native probes."""
    g.serialize(out, format="turtle")
    print(f"wrote {out}: {len(g)} triples")
