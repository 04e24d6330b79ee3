#!/usr/bin/env python3
"""Write bench/probes/<graph>.jsonl: plain questions about three small graphs made for probing (not from any
benchmark), each with the SPARQL that answers it; the answers are computed here with rdflib, never typed.

The graphs use idioms the benchmarks lack: rdfs:label names and typed dates (library), schema.org roles as
properties and schema:name (films), opaque local names explained by labels, alt labels and comments (staff).
They were written while developing (issue 14, fourteenth pass): a development set, not a held-out one.

    python bench/probes/make_library.py          # rebuild library.ttl (deterministic)
    python bench/probes/make_questions.py        # rewrite the .jsonl files
    python bench/probes/make_questions.py --check
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rdflib import Graph

HERE = Path(__file__).resolve().parent
PREFIXES = """\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX ex: <http://example.org/lib/>
PREFIX s: <http://schema.org/>
PREFIX m: <http://example.org/movies/>
PREFIX v: <http://example.org/hr/v#>
PREFIX d: <http://example.org/hr/d/>
"""


def L(name: str) -> str:
    return f'"{name}"@en'


LIBRARY = [
    ("Who wrote The Silent Tide?", f"SELECT ?a WHERE {{ ?b rdfs:label {L('The Silent Tide')} ; ex:writtenBy ?a }}"),
    ("When was Mara Quint born?", "SELECT ?d WHERE { ex:MaraQuint ex:birthDate ?d }"),
    ("Which books did Ilse Marrow write?", "SELECT ?b WHERE { ?b ex:writtenBy ex:IlseMarrow }"),
    ("How many books are there?", "SELECT (COUNT(?b) AS ?n) WHERE { ?b a ex:Book }"),
    ("How many books has Tobias Venn written?", "SELECT (COUNT(?b) AS ?n) WHERE { ?b ex:writtenBy ex:TobiasVenn }"),
    ("Which book has the most pages?", "SELECT ?b WHERE { ?b ex:pages ?p } ORDER BY DESC(?p) LIMIT 1"),
    ("What is the cheapest book?", "SELECT ?b WHERE { ?b ex:price ?p } ORDER BY ?p LIMIT 1"),
    ("Which books were published after 2010?", "SELECT ?b WHERE { ?b ex:pubYear ?y FILTER(?y > 2010) }"),
    ("List the mystery books.", "SELECT ?b WHERE { ?b ex:hasGenre ex:Mystery }"),
    (
        "Which publisher published Night Trains?",
        f"SELECT ?p WHERE {{ ?b rdfs:label {L('Night Trains')} ; ex:publishedBy ?p }}",
    ),
    ("In which country was Greta Holm born?", "SELECT ?c WHERE { ex:GretaHolm ex:bornIn/ex:inCountry ?c }"),
    ("Which authors were born in Sudavia?", "SELECT ?a WHERE { ?a ex:bornIn/ex:inCountry ex:Sudavia }"),
    (
        "What is the average price of the books published by Lantern House?",
        "SELECT (AVG(?p) AS ?avg) WHERE { ?b ex:publishedBy ex:LanternHouse ; ex:price ?p }",
    ),
    ("Which book has the ISBN 978-0-1034-2?", 'SELECT ?b WHERE { ?b ex:isbn "978-0-1034-2" }'),
    (
        "Which books are not held by any library?",
        "SELECT ?b WHERE { ?b a ex:Book FILTER NOT EXISTS { ?l ex:holds ?b } }",
    ),
    (
        "Which books were written by authors born before 1960?",
        'SELECT ?b WHERE { ?b ex:writtenBy/ex:birthDate ?d FILTER(?d < "1960-01-01"^^xsd:date) }',
    ),
    (
        "How many pages do all mystery books have in total?",
        "SELECT (SUM(?p) AS ?s) WHERE { ?b ex:hasGenre ex:Mystery ; ex:pages ?p }",
    ),
    ("Which book was published most recently?", "SELECT ?b WHERE { ?b ex:pubYear ?y } ORDER BY DESC(?y) LIMIT 1"),
    ("What is the earliest publication year?", "SELECT (MIN(?y) AS ?m) WHERE { ?b ex:pubYear ?y }"),
    (
        "Name the books whose title contains the word Orchard.",
        'SELECT ?b WHERE { ?b a ex:Book ; rdfs:label ?t FILTER(CONTAINS(?t, "Orchard")) }',
    ),
    (
        "Which book published by Lantern House has the fewest pages?",
        "SELECT ?b WHERE { ?b ex:publishedBy ex:LanternHouse ; ex:pages ?p } ORDER BY ?p LIMIT 1",
    ),
    (
        "Which books are mystery books or published by Lantern House?",
        "SELECT DISTINCT ?b WHERE { { ?b ex:hasGenre ex:Mystery } UNION { ?b ex:publishedBy ex:LanternHouse } }",
    ),
    (
        "Does Corrin City Library hold Iron Meadow?",
        f"ASK {{ ex:CorrinCityLibrary ex:holds ?b . ?b rdfs:label {L('Iron Meadow')} }}",
    ),
    ("Which libraries are in Westria?", "SELECT ?l WHERE { ?l ex:libCity/ex:inCountry ex:Westria }"),
    ("Who is the oldest author?", "SELECT ?a WHERE { ?a ex:birthDate ?d } ORDER BY ?d LIMIT 1"),
]

FILMS = [
    ("Who directed Salt Roads?", 'SELECT ?p WHERE { ?f s:name "Salt Roads" ; s:director ?p }'),
    ("Which movies did Lena Ortiz direct?", "SELECT ?f WHERE { ?f s:director m:p1 }"),
    ("In which movies does Aiko Tanaka act?", "SELECT ?f WHERE { ?f s:actor m:p3 }"),
    ("How long is The Quiet Engine?", "SELECT ?d WHERE { m:f3 s:duration ?d }"),
    ("When was Red Meridian released?", "SELECT ?d WHERE { m:f2 s:datePublished ?d }"),
    ("Which movie has the highest rating?", "SELECT ?f WHERE { ?f s:aggregateRating ?r } ORDER BY DESC(?r) LIMIT 1"),
    ("Which is the longest movie?", "SELECT ?f WHERE { ?f s:duration ?r } ORDER BY DESC(?r) LIMIT 1"),
    (
        "What is the total budget of movies produced by Northlight Studios?",
        "SELECT (SUM(?b) AS ?s) WHERE { ?f s:productionCompany m:o1 ; s:budget ?b }",
    ),
    ("How many movies has Aiko Tanaka acted in?", "SELECT (COUNT(?f) AS ?n) WHERE { ?f s:actor m:p3 }"),
    (
        "Which movies were released after 2015?",
        'SELECT ?f WHERE { ?f s:datePublished ?d FILTER(?d > "2015-12-31"^^xsd:date) }',
    ),
    ("Where was Kofi Mensah born?", "SELECT ?c WHERE { m:p2 s:birthPlace ?c }"),
    ("Who acted in a movie directed by Lena Ortiz?", "SELECT DISTINCT ?a WHERE { ?f s:director m:p1 ; s:actor ?a }"),
    ("What is the average duration of the movies?", "SELECT (AVG(?d) AS ?a) WHERE { ?f s:duration ?d }"),
    (
        "Is Glass Harbor rated higher than Red Meridian?",
        "ASK { m:f1 s:aggregateRating ?a . m:f2 s:aggregateRating ?b FILTER(?a > ?b) }",
    ),
    ("How many films are there?", "SELECT (COUNT(?f) AS ?n) WHERE { ?f a s:Movie }"),
    ("Which movies cost less than 10 million dollars?", "SELECT ?f WHERE { ?f s:budget ?b FILTER(?b < 10000000) }"),
]

STAFF = [
    ("Who leads the Data team?", "SELECT ?s WHERE { ?s v:P04 d:t2 }"),
    ("What is Omar Haddad's salary?", "SELECT ?p WHERE { d:s2 v:P02 ?p }"),
    ("How much does Yuki Sato earn?", "SELECT ?p WHERE { d:s3 v:P02 ?p }"),
    ("Which staff members work in Lyon?", 'SELECT ?s WHERE { ?s v:P01/v:P08 "Lyon" }'),
    ("When was Ines Duarte hired?", "SELECT ?d WHERE { d:s4 v:P03 ?d }"),
    ("Which employees joined before 2016?", 'SELECT ?s WHERE { ?s v:P03 ?d FILTER(?d < "2016-01-01"^^xsd:date) }'),
    ("How many people work on Comet?", "SELECT (COUNT(?s) AS ?n) WHERE { ?s v:P05 d:j3 }"),
    ("Which project has the largest budget?", "SELECT ?j WHERE { ?j v:P06 ?b } ORDER BY DESC(?b) LIMIT 1"),
    ("Who has badge B-1004?", 'SELECT ?s WHERE { ?s v:P07 "B-1004" }'),
    (
        "Which staff members are not working on any project?",
        "SELECT ?s WHERE { ?s a v:C01 FILTER NOT EXISTS { ?s v:P05 ?j } }",
    ),
    ("What is the total salary of the Platform team?", "SELECT (SUM(?p) AS ?t) WHERE { ?s v:P01 d:t1 ; v:P02 ?p }"),
    ("Who works on both Atlas and Comet?", "SELECT ?s WHERE { ?s v:P05 d:j1 , d:j3 }"),
    ("How many employees are there?", "SELECT (COUNT(?s) AS ?n) WHERE { ?s a v:C01 }"),
]

SETS = {"library": LIBRARY, "films": FILMS, "staff": STAFF}


def rows(g: Graph, sparql: str) -> list[str]:
    res = g.query(PREFIXES + sparql)
    if res.type == "ASK":
        return ["true" if res.askAnswer else "false"]
    return [str(t) for r in res for t in r if t is not None]


def build() -> dict[str, str]:
    out = {}
    for name, items in SETS.items():
        g = Graph().parse(HERE / f"{name}.ttl")
        lines = []
        for k, (question, sparql) in enumerate(items, 1):
            answers = rows(g, sparql)
            if not answers:
                raise SystemExit(f"{name} {k}: no answer for {question!r}")
            lines.append(
                json.dumps(
                    {"id": f"{name}-{k:02d}", "question": question, "answers": answers, "sparql": PREFIXES + sparql}
                )
            )
        out[name] = "\n".join(lines) + "\n"
    return out


def main() -> int:
    files = build()
    if "--check" in sys.argv:
        stale = [n for n, text in files.items() if (HERE / f"{n}.jsonl").read_text("utf-8") != text]
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for name, text in files.items():
        (HERE / f"{name}.jsonl").write_text(text, "utf-8")
        print(f"{name}: {text.count(chr(10))} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
