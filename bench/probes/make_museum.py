#!/usr/bin/env python3
"""Write bench/probes/museum.ttl: a made-up art museum's collection as linked data with its own OWL/RDFS
vocabulary (`https://museum.example/def#`, things under `https://museum.example/id/`); deterministic.

Idioms:
- classes with rdfs:label (artwork, painting, sculpture, artist, exhibition, venue, city, country, movement), some
  with skos:altLabel ('piece' and 'work of art' for artwork, 'show' for exhibition, 'gallery' for venue ...);
- readable camelCase properties (`createdBy`, `acquiredOn`, `heightCm`, `shownIn`, `onDisplay` ...) beside opaque
  ones (`def#p4`, `p7`, `p9`, `p12`, `p15`) whose meaning is only in rdfs:label and rdfs:comment (opening date,
  medium, weight, insurance value, movement; `p12` has a comment and no label);
- units only in rdfs:comment for weight (kilograms) and insurance value (euros); height and width in centimetres
  (in the names `heightCm`, `widthCm` and in their comments);
- acquisition and opening dates as xsd:date, creation and birth years as xsd:gYear, `onDisplay` as xsd:boolean;
- a chain artwork -> shown in exhibition -> held at venue -> located in city -> in country;
- movements as skos:Concept (and museum Movement) with skos:broader two levels deep (Analytic Cubism -> Cubism ->
  Modernism), only the broader link stated;
- artists with rdfs:label names, nationality as a link to a country, three works with two creators;
- an inventory code on every artwork ('INV-<year acquired>-<number>', e.g. 'INV-1998-016').

The graph is made up for this project (Apache-2.0, like kgquery); every name in it is invented.

    cd bench/probes && python make_museum.py
"""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, SKOS, XSD, Graph, Literal, Namespace
from tables import write_turtle
from vocab import label, write_vocabulary

DEF = Namespace("https://museum.example/def#")
ID = Namespace("https://museum.example/id/")

CLASSES = [  # local name, label, alt labels, superclass, comment
    ("Artwork", "artwork", ["piece", "work of art"], None, "An object in the museum's collection."),
    ("Painting", "painting", [], "Artwork", None),
    ("Sculpture", "sculpture", ["statue"], "Artwork", None),
    ("Artist", "artist", ["maker"], None, None),
    ("Exhibition", "exhibition", ["show"], None, "A temporary exhibition the museum's works were shown in."),
    ("Venue", "venue", ["gallery", "exhibition space"], None, None),
    ("City", "city", [], None, None),
    ("Country", "country", [], None, None),
    ("Movement", "movement", ["art movement", "style"], None, None),
]
OBJECT_PROPERTIES = [  # local name, label, domain, range, comment
    ("createdBy", "created by", "Artwork", "Artist", "An artist who made the work; some works have two."),
    ("shownIn", "shown in", "Artwork", "Exhibition", "An exhibition the work was part of."),
    ("heldAt", "held at", "Exhibition", "Venue", None),
    ("locatedIn", "located in", "Venue", "City", None),
    ("inCountry", "in country", "City", "Country", None),
    ("nationality", "nationality", "Artist", "Country", None),
    ("p15", "movement", "Artwork", "Movement", "The art movement or style the work belongs to."),
]
DATA_PROPERTIES = [  # local name, label, domain, range, comment
    ("acquiredOn", "acquired on", "Artwork", XSD.date, "The date the museum acquired the work."),
    ("creationYear", "creation year", "Artwork", XSD.gYear, "The year the work was finished."),
    ("heightCm", "height", "Artwork", XSD.decimal, "Height of the work in centimetres (with its frame if any)."),
    ("widthCm", "width", "Artwork", XSD.decimal, "Width of the work in centimetres."),
    ("inventoryCode", "inventory number", "Artwork", XSD.string, "The museum's inventory code of the work."),
    ("onDisplay", "on display", "Artwork", XSD.boolean, "True when the work hangs or stands in the galleries now."),
    ("birthYear", "year of birth", "Artist", XSD.gYear, None),
    ("closesOn", "closing date", "Exhibition", XSD.date, "The last day of the exhibition."),
    ("p4", "opening date", "Exhibition", XSD.date, "The first day the exhibition was open to the public."),
    ("p7", "medium", "Artwork", XSD.string, "Material and technique of the work, e.g. oil on canvas."),
    ("p9", "weight", "Sculpture", XSD.decimal, "Weight of the object in kilograms."),
    ("p12", None, "Artwork", XSD.integer, "Insurance value of the work in euros."),
]
COUNTRIES = ["Lorvania", "Estrelle", "Norvik", "Tessara"]
CITIES = {"Vellano": "Lorvania", "Corsena": "Lorvania", "Marbourg": "Estrelle", "Haldby": "Norvik"}
CITIES["Quintara"] = "Tessara"
VENUES = {
    "Palazzo Vittori Gallery": "Vellano",
    "Corsena Civic Museum": "Corsena",
    "Halle Marbourg": "Marbourg",
    "Haldby Art House": "Haldby",
    "Quintara Pavilion": "Quintara",
}
EXHIBITIONS = [  # title, venue, opens, closes
    ("Light and Shadow", "Palazzo Vittori Gallery", "2015-03-12", "2015-07-30"),
    ("Forms of the North", "Haldby Art House", "2016-10-01", "2017-01-15"),
    ("The Broken Plane", "Corsena Civic Museum", "2017-04-20", "2017-09-10"),
    ("Salt and Pigment", "Halle Marbourg", "2018-05-05", "2018-08-26"),
    ("Quiet Rooms", "Quintara Pavilion", "2020-02-14", "2020-06-02"),
    ("Bronze Age Now", "Palazzo Vittori Gallery", "2021-09-18", "2022-01-09"),
    ("Colour Fields", "Halle Marbourg", "2022-10-01", "2023-02-19"),
    ("Faces in Stone", "Haldby Art House", "2023-06-10", "2023-11-05"),
]
MOVEMENTS = {  # name: broader movement
    "Modernism": None,
    "Cubism": "Modernism",
    "Analytic Cubism": "Cubism",
    "Expressionism": "Modernism",
    "Realism": None,
    "Romanticism": None,
}
ARTISTS = [  # name, nationality, year of birth
    ("Ottilie Varga", "Estrelle", 1871), ("Bastien Morrow", "Lorvania", 1882), ("Katrin Solvang", "Norvik", 1889),
    ("Emilio Dastre", "Lorvania", 1840), ("Hedda Lindqvar", "Norvik", 1856), ("Teodor Brannik", "Tessara", 1901),
    ("Mirela Quist", "Tessara", 1923), ("Anselm Fairoux", "Estrelle", 1818), ("Lucia Penhaligo", "Lorvania", 1795),
    ("Joran Vetch", "Norvik", 1934), ("Sabine Orlac", "Estrelle", 1948), ("Pavel Rudnak", "Tessara", 1877),
    ("Ines Marwood", "Lorvania", 1962), ("Casimir Thell", "Norvik", 1830), ("Yara Demboss", "Estrelle", 1975),
]  # fmt: skip
# title, P(ainting)/S(culpture), creators (' & ' between two), year, movement, medium, height cm, width cm, weight kg
# (sculptures), insurance value in thousands of euros, acquired on, on display (1/0), exhibitions (numbered from 1);
# the work's number is its position
WORKS = [
    ("The Harbour at Dusk", "P", "Lucia Penhaligo", 1821, "Romanticism", "oil on canvas", 88, 120, None, 1200, "1932-05-14", 1, [1]),
    ("Storm over Vell Ridge", "P", "Lucia Penhaligo", 1826, "Romanticism", "oil on canvas", 132, 190, None, 2400, "1932-05-14", 1, [1, 4]),
    ("A Shepherd Asleep", "P", "Anselm Fairoux", 1845, "Romanticism", "oil on canvas", 64, 80, None, 450, "1951-10-02", 0, []),
    ("The Ruined Abbey", "P", "Anselm Fairoux", 1850, "Romanticism", "oil on panel", 45, 60, None, 380, "1951-10-02", 1, [1]),
    ("Market Women of Corsena", "P", "Emilio Dastre", 1872, "Realism", "oil on canvas", 110, 145, None, 900, "1964-03-20", 1, [3]),
    ("The Iron Foundry", "P", "Emilio Dastre", 1879, "Realism", "oil on canvas", 150, 210, None, 1500, "1964-03-20", 1, [3, 7]),
    ("Washerwomen", "P", "Emilio Dastre", 1881, "Realism", "oil on canvas", 92, 73, None, 700, "1978-06-11", 0, []),
    ("Fishermen Mending Nets", "P", "Casimir Thell", 1868, "Realism", "oil on canvas", 80, 100, None, 520, "1970-09-01", 0, [2]),
    ("A Winter Road", "P", "Casimir Thell", 1874, "Realism", "watercolour on paper", 35, 50.5, None, 90, "1970-09-01", 0, []),
    ("Portrait of a Miller", "P", "Hedda Lindqvar", 1890, "Realism", "oil on canvas", 70, 55, None, 310, "1985-02-27", 1, [2, 8]),
    ("Birches at Haldby", "P", "Hedda Lindqvar", 1895, "Realism", "oil on canvas", 100, 81, None, 420, "1985-02-27", 1, [2]),
    ("Red Dancer", "P", "Ottilie Varga", 1908, "Expressionism", "oil on canvas", 120, 90, None, 1800, "1990-11-05", 1, [4, 7]),
    ("Night Tram", "P", "Ottilie Varga", 1912, "Expressionism", "oil on canvas", 95, 130, None, 1650, "1990-11-05", 1, [4]),
    ("Self-Portrait in Green", "P", "Ottilie Varga", 1915, "Expressionism", "oil on cardboard", 60, 45, None, 600, "2003-04-18", 0, []),
    ("Still Life with Violin", "P", "Pavel Rudnak", 1911, "Cubism", "oil on canvas", 81, 65, None, 2100, "1998-07-09", 1, [3]),
    ("Café Table", "P", "Pavel Rudnak", 1913, "Cubism", "oil and sand on canvas", 73, 92, None, 1300, "1998-07-09", 1, [3, 7]),
    ("Guitar and Bottle", "P", "Bastien Morrow", 1910, "Analytic Cubism", "oil on canvas", 100, 73, None, 2600, "2001-01-23", 1, [3]),
    ("Woman Reading", "P", "Bastien Morrow", 1911, "Analytic Cubism", "oil on canvas", 116, 89, None, 2900, "2001-01-23", 0, [3]),
    ("Houses at Corsena", "P", "Bastien Morrow & Pavel Rudnak", 1909, "Cubism", "oil on canvas", 60, 73, None, 1100, "2012-09-14", 1, [3]),
    ("Blue Fjord", "P", "Katrin Solvang", 1914, "Expressionism", "oil on canvas", 90, 116, None, 980, "1995-05-30", 1, [2]),
    ("The Lantern Bearers", "P", "Katrin Solvang", 1920, "Expressionism", "tempera on wood", 140, 100, None, 1150, "2008-12-01", 1, [2, 4]),
    ("Mother and Child", "S", "Teodor Brannik", 1931, "Modernism", "bronze", 92, 40, 140, 750, "1975-08-19", 1, [6, 8]),
    ("Standing Figure", "S", "Teodor Brannik", 1936, "Modernism", "bronze", 184, 52, 310, 1400, "1975-08-19", 1, [6]),
    ("Head of a Girl", "S", "Teodor Brannik", 1929, "Modernism", "marble", 45, 30, 60, 400, "1988-03-03", 0, [8]),
    ("Reclining Form", "S", "Mirela Quist", 1958, "Modernism", "limestone", 70, 160, 820, 980, "1993-10-10", 1, [6]),
    ("Winged Spiral", "S", "Mirela Quist", 1964, "Modernism", "painted steel", 240, 110, 450, 1250, "2010-06-21", 1, [6, 5]),
    ("Two Torsos", "S", "Mirela Quist & Teodor Brannik", 1955, "Modernism", "bronze", 130, 75, 260, 1100, "2010-06-21", 1, [6]),
    ("Harbour Lights", "P", "Joran Vetch", 1961, "Expressionism", "acrylic on canvas", 150, 150, None, 520, "2011-02-14", 1, [5]),
    ("The Grey Hours", "P", "Joran Vetch", 1966, "Expressionism", "oil on canvas", 200, 160, None, 610, "2011-02-14", 0, [5]),
    ("Field Notes I", "P", "Sabine Orlac", 1978, None, "acrylic on canvas", 120, 120, None, 220, "2014-05-06", 1, [7]),
    ("Field Notes II", "P", "Sabine Orlac", 1979, None, "acrylic on canvas", 120, 120, None, 220, "2014-05-06", 1, [7]),
    ("Salt Column", "S", "Sabine Orlac", 1985, None, "salt and resin", 210, 40, 95, 180, "2016-09-30", 0, [4]),
    ("Tidewater", "P", "Ines Marwood", 1994, None, "oil on linen", 180, 240, None, 340, "2019-11-12", 1, [5]),
    ("Small Hours", "P", "Ines Marwood & Sabine Orlac", 2001, None, "mixed media on paper", 56, 76, None, 85, "2019-11-12", 1, [5]),
    ("Glass Garden", "S", "Ines Marwood", 2005, None, "blown glass", 65, 90, 38.5, 150, "2021-03-08", 1, []),
    ("Echo Chamber", "S", "Yara Demboss", 2012, None, "plaster and wire", 150, 150, 70, 60, "2022-07-01", 0, []),
    ("Static Bloom", "P", "Yara Demboss", 2015, None, "acrylic on canvas", 100, 300, None, 95, "2022-07-01", 0, [7]),
    ("Cathedral in Fog", "P", "Casimir Thell", 1882, "Realism", "oil on canvas", 160, 120, None, 880, "1970-09-01", 0, [1]),
    ("Lamplighter", "P", "Lucia Penhaligo", 1830, "Romanticism", "oil on canvas", 75, 62, None, 640, "1947-01-15", 0, [1]),
    ("The Anvil", "S", "Pavel Rudnak", 1920, "Cubism", "bronze", 58, 44, 72, 830, "2005-12-09", 1, [6]),
    ("Bottle, Glass and Pipe", "P", "Pavel Rudnak", 1914, "Cubism", "oil on canvas", 55, 46, None, 1050, "1998-07-09", 0, []),
]  # fmt: skip


def key(name: str) -> str:
    return "".join(c for c in name.title() if c.isalnum())


def thing(g: Graph, name: str, cls: str, local: str | None = None):
    node = ID[local or key(name)]
    g.add((node, RDF.type, DEF[cls]))
    label(g, node, name)
    return node


def build() -> Graph:
    g = Graph()
    g.bind("mus", DEF)
    g.bind("mid", ID)
    g.bind("skos", SKOS)
    g.bind("owl", OWL)
    write_vocabulary(g, DEF, "Museum collection vocabulary", CLASSES, OBJECT_PROPERTIES, DATA_PROPERTIES)
    for c in COUNTRIES:
        thing(g, c, "Country")
    for c, country in CITIES.items():
        g.add((thing(g, c, "City"), DEF.inCountry, ID[key(country)]))
    for v, city in VENUES.items():
        g.add((thing(g, v, "Venue"), DEF.locatedIn, ID[key(city)]))
    for i, (title, venue, opens, closes) in enumerate(EXHIBITIONS, 1):
        e = thing(g, title, "Exhibition", f"exhibition{i}")
        g.add((e, DEF.heldAt, ID[key(venue)]))
        g.add((e, DEF.p4, Literal(opens, datatype=XSD.date)))
        g.add((e, DEF.closesOn, Literal(closes, datatype=XSD.date)))
    scheme = ID.movements
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    label(g, scheme, "Art movements")
    for m, broader in MOVEMENTS.items():
        node = thing(g, m, "Movement")
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.prefLabel, Literal(m, lang="en")))
        g.add((node, SKOS.inScheme, scheme))
        if broader:
            g.add((node, SKOS.broader, ID[key(broader)]))
    for name, country, born in ARTISTS:
        a = thing(g, name, "Artist")
        g.add((a, DEF.nationality, ID[key(country)]))
        g.add((a, DEF.birthYear, Literal(str(born), datatype=XSD.gYear)))
    for i, (title, kind, creators, year, movement, medium, h, w, kg, value, acquired, shown, exh) in enumerate(
        WORKS, 1
    ):
        work = thing(g, title, "Artwork", f"work{i}")
        g.add((work, RDF.type, DEF["Painting" if kind == "P" else "Sculpture"]))
        for c in creators.split(" & "):
            g.add((work, DEF.createdBy, ID[key(c)]))
        g.add((work, DEF.creationYear, Literal(str(year), datatype=XSD.gYear)))
        if movement:
            g.add((work, DEF.p15, ID[key(movement)]))
        g.add((work, DEF.p7, Literal(medium)))
        g.add((work, DEF.heightCm, Literal(str(h), datatype=XSD.decimal)))
        g.add((work, DEF.widthCm, Literal(str(w), datatype=XSD.decimal)))
        if kg is not None:
            g.add((work, DEF.p9, Literal(str(kg), datatype=XSD.decimal)))
        g.add((work, DEF.p12, Literal(value * 1000, datatype=XSD.integer)))
        g.add((work, DEF.acquiredOn, Literal(acquired, datatype=XSD.date)))
        g.add((work, DEF.inventoryCode, Literal(f"INV-{acquired[:4]}-{i:03d}")))
        g.add((work, DEF.onDisplay, Literal(bool(shown))))
        for e in exh:
            g.add((work, DEF.shownIn, ID[f"exhibition{e}"]))
    return g


if __name__ == "__main__":
    write_turtle(build(), Path(__file__).with_name("museum.ttl"))
