#!/usr/bin/env python3
"""Write bench/probes/library.ttl: a small made-up library (authors, books, publishers, genres, cities,
countries, libraries) with rdfs:label names, typed dates, years, prices and ISBNs; deterministic."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace

EX = Namespace("http://example.org/lib/")
COUNTRIES = ["Norland", "Sudavia", "Estmark", "Westria"]
CITIES = {
    "Arvik": "Norland",
    "Bellham": "Norland",
    "Corrin": "Sudavia",
    "Dunmore": "Sudavia",
    "Elsby": "Estmark",
    "Fenwick": "Westria",
    "Garrow": "Westria",
}
GENRES = ["Mystery", "Science Fiction", "Poetry", "History", "Romance"]
PUBLISHERS = {"Quillstone Press": "Arvik", "Harbor Books": "Corrin", "Lantern House": "Fenwick"}
AUTHORS = ["Mara Quint", "Tobias Venn", "Ilse Marrow", "Odo Pellham", "Rhea Castell", "Jonas Wyld", "Greta Holm"]
AUTHORS += ["Piet Arkwright"]
TITLES = [
    "The Glass Orchard", "Salt and Cinder", "A Map of Quiet Hours", "The Ninth Lantern", "Winter Ledger",
    "Echoes of Brass", "The Copper Garden", "Letters to Nobody", "Harvest of Stars", "The Silent Tide",
    "Rooms Without Doors", "Iron Meadow", "The Last Cartographer", "Paper Moons", "Blue Hour Sonnets",
    "The Orchard Keeper's Daughter", "Dust and Embers", "A Clockwork Spring", "The Hollow Crown of Elsby", "Night Trains",
]  # fmt: skip
LIBRARIES = [
    ("Arvik Public Library", "Arvik", range(0, 20, 2)),
    ("Corrin City Library", "Corrin", range(1, 20, 3)),
    ("Fenwick Reading Room", "Fenwick", range(0, 10)),
]
CLASSES = ["Author", "Book", "Publisher", "Genre", "City", "Country", "Library"]
PROPERTIES = [  # (local name, label, domain, range, comment)
    ("writtenBy", "written by", "Book", EX.Author, None),
    ("publishedBy", "publisher", "Book", EX.Publisher, None),
    ("hasGenre", "genre", "Book", EX.Genre, None),
    ("pubYear", "publication year", "Book", XSD.integer, "The year the book first appeared."),
    ("pages", "number of pages", "Book", XSD.integer, None),
    ("price", "price", "Book", XSD.decimal, "List price in euros."),
    ("isbn", "ISBN", "Book", XSD.string, None),
    ("birthDate", "date of birth", "Author", XSD.date, None),
    ("bornIn", "place of birth", "Author", EX.City, None),
    ("basedIn", "headquarters", "Publisher", EX.City, None),
    ("inCountry", "country", "City", EX.Country, None),
    ("population", "population", "City", XSD.integer, None),
    ("holds", "holds", "Library", EX.Book, "A book the library has on its shelves."),
    ("libCity", "located in", "Library", EX.City, None),
]


def key(name: str) -> str:
    return name.replace(" ", "")


def thing(g: Graph, name: str, cls: str, local: str | None = None):
    node = EX[local or key(name)]
    g.add((node, RDF.type, EX[cls]))
    g.add((node, RDFS.label, Literal(name, lang="en")))
    return node


def build() -> Graph:
    g = Graph()
    g.bind("ex", EX)
    for c in CLASSES:
        g.add((EX[c], RDF.type, RDFS.Class))
        g.add((EX[c], RDFS.label, Literal(c.lower(), lang="en")))
    for name, label, domain, rng, comment in PROPERTIES:
        g.add((EX[name], RDF.type, RDF.Property))
        g.add((EX[name], RDFS.label, Literal(label, lang="en")))
        g.add((EX[name], RDFS.domain, EX[domain]))
        g.add((EX[name], RDFS.range, rng))
        if comment:
            g.add((EX[name], RDFS.comment, Literal(comment, lang="en")))
    for c in COUNTRIES:
        thing(g, c, "Country")
    for i, (c, country) in enumerate(CITIES.items()):
        city = thing(g, c, "City")
        g.add((city, EX.inCountry, EX[country]))
        g.add((city, EX.population, Literal(50000 + 37000 * i * (i % 3 + 1), datatype=XSD.integer)))
    for x in GENRES:
        thing(g, x, "Genre")
    for p, c in PUBLISHERS.items():
        g.add((thing(g, p, "Publisher"), EX.basedIn, EX[c]))
    cities = list(CITIES)
    for i, a in enumerate(AUTHORS):
        author = thing(g, a, "Author")
        g.add((author, EX.birthDate, Literal(f"{1940 + i * 7}-0{1 + i % 9}-1{i}", datatype=XSD.date)))
        g.add((author, EX.bornIn, EX[cities[i % len(cities)]]))
    for i, t in enumerate(TITLES):
        book = thing(g, t, "Book", f"book{100 + i}")
        g.add((book, EX.writtenBy, EX[key(AUTHORS[i % len(AUTHORS)])]))
        g.add((book, EX.publishedBy, EX[key(list(PUBLISHERS)[i % 3])]))
        g.add((book, EX.hasGenre, EX[key(GENRES[(i * 3) % 5])]))
        g.add((book, EX.pubYear, Literal(1975 + (i * 7) % 48, datatype=XSD.integer)))
        g.add((book, EX.pages, Literal(120 + (i * 53) % 500, datatype=XSD.integer)))
        g.add((book, EX.price, Literal(f"{8 + (i * 37) % 30}.99", datatype=XSD.decimal)))
        g.add((book, EX.isbn, Literal(f"978-0-{1000 + i * 17}-{i % 10}")))
    for name, city, books in LIBRARIES:
        library = thing(g, name, "Library")
        g.add((library, EX.libCity, EX[city]))
        for b in books:
            g.add((library, EX.holds, EX[f"book{100 + b}"]))
    return g


if __name__ == "__main__":
    g = build()
    g.serialize(Path(__file__).with_name("library.ttl"), format="turtle")
    print(f"{len(g)} triples")
