"""Questions about bench/probes/museum.ttl (built by make_museum.py), each with the SPARQL that answers it.

`PREFIXES_EXTRA` is what the queries need beyond rdfs: and xsd:; `QUESTIONS` holds (question, query body) pairs.
The answers are computed from the graph with rdflib, never typed. Made up for this project (Apache-2.0).
"""

from __future__ import annotations

PREFIXES_EXTRA = """\
PREFIX mus: <https://museum.example/def#>
PREFIX mid: <https://museum.example/id/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def L(name: str) -> str:
    return f'"{name}"@en'


QUESTIONS = [
    # a single fact about a named thing
    (
        "Who painted Houses at Corsena?",
        f"SELECT ?a WHERE {{ ?w rdfs:label {L('Houses at Corsena')} ; mus:createdBy ?a }}",
    ),
    (
        "When did the museum get Tidewater?",
        f"SELECT ?d WHERE {{ ?w rdfs:label {L('Tidewater')} ; mus:acquiredOn ?d }}",
    ),
    ("How tall is Standing Figure?", f"SELECT ?h WHERE {{ ?w rdfs:label {L('Standing Figure')} ; mus:heightCm ?h }}"),
    ("What is Reclining Form made of?", f"SELECT ?m WHERE {{ ?w rdfs:label {L('Reclining Form')} ; mus:p7 ?m }}"),
    (
        "What is Guitar and Bottle insured for?",
        f"SELECT ?v WHERE {{ ?w rdfs:label {L('Guitar and Bottle')} ; mus:p12 ?v }}",
    ),
    ("Which country is Katrin Solvang from?", "SELECT ?c WHERE { mid:KatrinSolvang mus:nationality ?c }"),
    ("Analytic Cubism is a branch of which movement?", "SELECT ?m WHERE { mid:AnalyticCubism skos:broader ?m }"),
    # counts, and counts per group with the group's name
    (
        "How many pieces by Emilio Dastre does the museum own?",
        "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { ?w mus:createdBy mid:EmilioDastre }",
    ),
    (
        "How many artists come from each country?",
        "SELECT ?c (COUNT(?a) AS ?n) WHERE { ?a a mus:Artist ; mus:nationality ?c } GROUP BY ?c",
    ),
    (
        "How many exhibitions has each city hosted?",
        "SELECT ?c (COUNT(?e) AS ?n) WHERE { ?e a mus:Exhibition ; mus:heldAt/mus:locatedIn ?c } GROUP BY ?c",
    ),
    # superlatives
    (
        "What is the tallest sculpture in the collection?",
        "SELECT ?w WHERE { ?w a mus:Sculpture ; mus:heightCm ?h } ORDER BY DESC(?h) LIMIT 1",
    ),
    (
        "Which artist has the most works in the collection?",
        "SELECT ?a WHERE { ?w a mus:Artwork ; mus:createdBy ?a } GROUP BY ?a ORDER BY DESC(COUNT(?w)) LIMIT 1",
    ),
    (
        "What is the oldest work the museum has?",
        "SELECT ?w WHERE { ?w a mus:Artwork ; mus:creationYear ?y } ORDER BY xsd:integer(str(?y)) LIMIT 1",
    ),
    # comparisons with numbers, units and dates
    (
        "How many works in the collection were made before 1900?",
        "SELECT (COUNT(?w) AS ?n) WHERE { ?w a mus:Artwork ; mus:creationYear ?y FILTER(xsd:integer(str(?y)) < 1900) }",
    ),
    (
        "Which paintings are more than 200 cm wide?",
        "SELECT ?w WHERE { ?w a mus:Painting ; mus:widthCm ?x FILTER(?x > 200) }",
    ),
    (
        "Which paintings are taller than one and a half metres?",
        "SELECT ?w WHERE { ?w a mus:Painting ; mus:heightCm ?h FILTER(?h > 150) }",
    ),
    (
        "Which sculptures did the museum acquire no earlier than 2010?",
        'SELECT ?w WHERE { ?w a mus:Sculpture ; mus:acquiredOn ?d FILTER(?d >= "2010-01-01"^^xsd:date) }',
    ),
    (
        "Which sculptures weigh more than 300 kilos?",
        "SELECT ?w WHERE { ?w a mus:Sculpture ; mus:p9 ?kg FILTER(?kg > 300) }",
    ),
    (
        "Which artists were born before 1850?",
        "SELECT ?a WHERE { ?a a mus:Artist ; mus:birthYear ?y FILTER(xsd:integer(str(?y)) < 1850) }",
    ),
    (
        "Which exhibitions opened in 2022 or later?",
        'SELECT ?e WHERE { ?e a mus:Exhibition ; mus:p4 ?d FILTER(?d >= "2022-01-01"^^xsd:date) }',
    ),
    # the chain artwork -> exhibition -> venue -> city -> country
    (
        "Which works have been exhibited in Tessara?",
        "SELECT DISTINCT ?w WHERE { ?w mus:shownIn/mus:heldAt/mus:locatedIn/mus:inCountry mid:Tessara }",
    ),
    (
        "In which countries has Storm over Vell Ridge been shown?",
        f"SELECT DISTINCT ?c WHERE {{ ?w rdfs:label {L('Storm over Vell Ridge')} ; "
        "mus:shownIn/mus:heldAt/mus:locatedIn/mus:inCountry ?c }",
    ),
    # skos:broader, any depth
    (
        "Which artists made works in a modernist movement?",
        "SELECT DISTINCT ?a WHERE { ?w mus:p15 ?m ; mus:createdBy ?a . ?m skos:broader* mid:Modernism }",
    ),
    # yes/no
    ("Is Night Tram on display at the moment?", f"ASK {{ ?w rdfs:label {L('Night Tram')} ; mus:onDisplay true }}"),
    (
        "Can visitors see The Grey Hours in the galleries right now?",
        f"ASK {{ ?w rdfs:label {L('The Grey Hours')} ; mus:onDisplay true }}",
    ),
    # an inventory code
    (
        "Who made the work with inventory number INV-1998-016?",
        'SELECT ?a WHERE { ?w mus:inventoryCode "INV-1998-016" ; mus:createdBy ?a }',
    ),
    # a sum and an average
    (
        "What are the works of Ottilie Varga insured for together?",
        "SELECT (SUM(?v) AS ?total) WHERE { ?w mus:createdBy mid:OttilieVarga ; mus:p12 ?v }",
    ),
    (
        "How tall are the sculptures on average?",
        "SELECT (AVG(?h) AS ?avg) WHERE { ?w a mus:Sculpture ; mus:heightCm ?h }",
    ),
    # negation
    (
        "Which artists have no work on display?",
        "SELECT ?a WHERE { ?a a mus:Artist FILTER NOT EXISTS { ?w mus:createdBy ?a ; mus:onDisplay true } }",
    ),
    # two opaque properties by their meaning
    (
        "How much do the bronze sculptures weigh in total?",
        'SELECT (SUM(?kg) AS ?total) WHERE { ?w a mus:Sculpture ; mus:p7 "bronze" ; mus:p9 ?kg }',
    ),
]
