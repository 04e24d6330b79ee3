#!/usr/bin/env python3
"""Write bench/probes/<graph>.jsonl: plain questions about small graphs made for probing (not from any
benchmark), each with the SPARQL that answers it; the answers are computed here with rdflib, never typed.

The graphs use idioms the benchmarks lack: rdfs:label names and typed dates (library), schema.org roles as
properties and schema:name (films), opaque local names explained by labels, alt labels and comments (staff),
OWL with gYear years and chains of 'in' properties (towns), blank nodes, German labels and a yes/no property
(shop), contracts and matches as nodes of their own joining other things (league), a bibliography whose
class names ('Publication', 'Creator') are not the words of the questions (papers), opaque Wikidata-like ids
(rail), a database mapped column by column with clipped names and no labels (depot). They were written while
developing (issue 14, fourteenth to sixteenth passes): development sets, not held-out ones.

    python bench/probes/make_library.py          # rebuild library.ttl (deterministic)
    python bench/probes/make_questions.py        # rewrite the .jsonl files
    python bench/probes/make_questions.py --check
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conference_questions import PREFIXES_EXTRA as CONFERENCE_PREFIXES, QUESTIONS as CONFERENCE
from energy_questions import PREFIXES_EXTRA as ENERGY_PREFIXES, QUESTIONS as ENERGY
from insurer_questions import PREFIXES_EXTRA as INSURER_PREFIXES, QUESTIONS as INSURER
from museum_questions import PREFIXES_EXTRA as MUSEUM_PREFIXES, QUESTIONS as MUSEUM
from pharmacy_questions import PREFIXES_EXTRA as PHARMACY_PREFIXES, QUESTIONS as PHARMACY
from rdflib import Graph
from recipes_questions import PREFIXES_EXTRA as RECIPES_PREFIXES, QUESTIONS as RECIPES
from rental_questions import PREFIXES_EXTRA as RENTAL_PREFIXES, QUESTIONS as RENTAL
from space_questions import PREFIXES_EXTRA as SPACE_PREFIXES, QUESTIONS as SPACE
from tracker_questions import PREFIXES_EXTRA as TRACKER_PREFIXES, QUESTIONS as TRACKER

HERE = Path(__file__).resolve().parent
PREFIXES = """\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX ex: <http://example.org/lib/>
PREFIX s: <http://schema.org/>
PREFIX m: <http://example.org/movies/>
PREFIX v: <http://example.org/hr/v#>
PREFIX d: <http://example.org/hr/d/>
PREFIX g: <http://example.org/towns/>
PREFIX p: <http://shop.example/>
PREFIX l: <http://example.org/league/>
PREFIX b: <https://bib.example/rdf/schema#>
PREFIX r: <https://bib.example/rec/>
PREFIX pid: <https://bib.example/pid/>
PREFIX rw: <https://rail.example/entity/>
PREFIX pr: <http://depot.example/product#>
PREFIX su: <http://depot.example/supplier#>
PREFIX sp: <http://depot.example/supply#>
PREFIX od: <http://depot.example/order#>
PREFIX dp: <http://depot.example/>
PREFIX geo: <http://geo.example/ontology/>
PREFIX res: <http://geo.example/resource/>
PREFIX org: <https://org.example/def#>
PREFIX u: <https://org.example/unit/>
PREFIX pp: <https://org.example/person/>
PREFIX pj: <https://org.example/project/>
PREFIX sk: <https://org.example/skill/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX bk: <http://valuenet/ontop/>
PREFIX bst: <http://valuenet/ontop/station#>
PREFIX bbk: <http://valuenet/ontop/bike#>
PREFIX bmb: <http://valuenet/ontop/member#>
PREFIX btr: <http://valuenet/ontop/trip#>
PREFIX hh: <http://valuenet/ontop/hotel#>
PREFIX hr: <http://valuenet/ontop/room#>
PREFIX hg: <http://valuenet/ontop/guest#>
PREFIX hb: <http://valuenet/ontop/booking#>
PREFIX fr: <http://valuenet/ontop/restaurant#>
PREFIX fd: <http://valuenet/ontop/dish#>
PREFIX fc: <http://valuenet/ontop/customer#>
PREFIX fo: <http://valuenet/ontop/orders#>
PREFIX fi: <http://valuenet/ontop/order_item#>
PREFIX lb: <http://valuenet/ontop/book#>
PREFIX lbr: <http://valuenet/ontop/branch#>
PREFIX ll: <http://valuenet/ontop/loan#>
PREFIX cd: <http://valuenet/ontop/doctor#>
PREFIX cp: <http://valuenet/ontop/patient#>
PREFIX ca: <http://valuenet/ontop/appointment#>
PREFIX fb: <http://valuenet/ontop/band#>
PREFIX ff: <http://valuenet/ontop/festival#>
PREFIX fp: <http://valuenet/ontop/performance#>
PREFIX mt: <http://valuenet/ontop/team#>
PREFIX mp: <http://valuenet/ontop/player#>
PREFIX mm: <http://valuenet/ontop/match#>
PREFIX gp: <http://valuenet/ontop/person#>
PREFIX gt: <http://valuenet/ontop/trainer#>
PREFIX gc: <http://valuenet/ontop/class#>
PREFIX ga: <http://valuenet/ontop/attendance#>
PREFIX il: <http://valuenet/ontop/lab#>
PREFIX ir: <http://valuenet/ontop/researcher#>
PREFIX im: <http://valuenet/ontop/mentoring#>
PREFIX ig: <http://valuenet/ontop/grant#>
PREFIX ip: <http://valuenet/ontop/publication#>
PREFIX th: <http://valuenet/ontop/theatre#>
PREFIX tp: <http://valuenet/ontop/play#>
PREFIX ta: <http://valuenet/ontop/actor#>
PREFIX tc: <http://valuenet/ontop/casting#>
PREFIX ze: <http://valuenet/ontop/enclosure#>
PREFIX za: <http://valuenet/ontop/animal#>
PREFIX zk: <http://valuenet/ontop/keeper#>
PREFIX zf: <http://valuenet/ontop/feeding#>
PREFIX hp: <http://valuenet/ontop/port#>
PREFIX hs: <http://valuenet/ontop/ship#>
PREFIX hc: <http://valuenet/ontop/company#>
PREFIX hv: <http://valuenet/ontop/voyage#>
PREFIX hi: <http://valuenet/ontop/inspection#>
PREFIX qw: <http://valuenet/ontop/ward#>
PREFIX qp: <http://valuenet/ontop/party#>
PREFIX qc: <http://valuenet/ontop/councillor#>
PREFIX qm: <http://valuenet/ontop/motion#>
PREFIX qv: <http://valuenet/ontop/vote#>
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

TOWNS = [
    (
        "Who designed the tallest building?",
        "SELECT ?a WHERE { ?b g:height ?h ; g:designedBy ?a } ORDER BY DESC(?h) LIMIT 1",
    ),
    ("How many people live in Brenholm?", "SELECT ?p WHERE { g:Brenholm g:population ?p }"),
    (
        "Which city has the largest population?",
        "SELECT ?c WHERE { ?c a g:City ; g:population ?p } ORDER BY DESC(?p) LIMIT 1",
    ),
    ("In which country is Kestrel Tower?", "SELECT ?c WHERE { g:KestrelTower g:locatedIn/g:inRegion/g:partOf ?c }"),
    ("Which buildings are in Sudmark?", "SELECT ?b WHERE { ?b g:locatedIn/g:inRegion/g:partOf g:Sudmark }"),
    ("How tall is the Glass Spire?", "SELECT ?h WHERE { g:GlassSpire g:height ?h }"),
    ("How many floors does Harbour Tower have?", "SELECT ?f WHERE { g:HarbourTower g:floors ?f }"),
    ("Which rivers flow through Port Alder?", "SELECT ?r WHERE { ?r g:flowsThrough g:PortAlder }"),
    ("What is the longest river?", "SELECT ?r WHERE { ?r g:length ?l } ORDER BY DESC(?l) LIMIT 1"),
    ("Which cities are on the coast?", "SELECT ?c WHERE { ?c g:coastal true }"),
    ("What is the capital of Sudmark?", "SELECT ?c WHERE { g:Sudmark g:capital ?c }"),
    ("What is the population of the capital of Norland?", "SELECT ?p WHERE { g:Norland g:capital/g:population ?p }"),
    ("Which buildings were completed before 1950?", 'SELECT ?b WHERE { ?b g:completed ?y FILTER(STR(?y) < "1950") }'),
    (
        "How many museums are there in Port Alder?",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m a g:Museum ; g:locatedIn g:PortAlder }",
    ),
    ("Which architects come from Norland?", "SELECT ?a WHERE { ?a g:nationality g:Norland }"),
    (
        "Which architect designed the most buildings?",
        "SELECT ?a WHERE { ?b g:designedBy ?a } GROUP BY ?a ORDER BY DESC(COUNT(?b)) LIMIT 1",
    ),
    (
        "Is Kestrel Tower taller than the Glass Spire?",
        "ASK { g:KestrelTower g:height ?a . g:GlassSpire g:height ?b FILTER(?a > ?b) }",
    ),
    (
        "What is the total population of the cities in Lowmere?",
        "SELECT (SUM(?p) AS ?s) WHERE { ?c g:inRegion g:Lowmere ; g:population ?p }",
    ),
    ("Which region is Karsby in?", "SELECT ?r WHERE { g:Karsby g:inRegion ?r }"),
    ("Which buildings did Rune Falk design?", "SELECT ?b WHERE { ?b g:designedBy g:RuneFalk }"),
    (
        "Which cities have more than one building?",
        "SELECT ?c WHERE { ?b g:locatedIn ?c } GROUP BY ?c HAVING(COUNT(?b) > 1)",
    ),
    ("What is the area of Velden?", "SELECT ?a WHERE { g:Velden g:area ?a }"),
    ("Which city has the smallest area?", "SELECT ?c WHERE { ?c a g:City ; g:area ?a } ORDER BY ?a LIMIT 1"),
    ("When was the Maritime Museum completed?", "SELECT ?y WHERE { g:SeaMuseum g:completed ?y }"),
    ("Which towers were designed by Mila Voss?", "SELECT ?b WHERE { ?b a g:Tower ; g:designedBy g:MilaVoss }"),
]

SHOP = [
    ("Which products are in stock?", "SELECT ?x WHERE { ?x p:inStock true }"),
    ("How many products are out of stock?", "SELECT (COUNT(?x) AS ?n) WHERE { ?x p:inStock false }"),
    ("Is the Chef Knife in stock?", "ASK { p:x2 p:inStock true }"),
    (
        "What is the cheapest kitchen product?",
        "SELECT ?x WHERE { ?x p:inCategory p:kitchen ; p:price ?p } ORDER BY ?p LIMIT 1",
    ),
    ("Which vendors are based in Hamburg?", 'SELECT ?v WHERE { ?v a p:Vendor ; p:address/p:city "Hamburg" }'),
    ("How heavy is the Hose Reel?", "SELECT ?w WHERE { p:x3 p:weight ?w }"),
    ("Which product has the best rating?", "SELECT ?x WHERE { ?x p:rating ?r } ORDER BY DESC(?r) LIMIT 1"),
    ("Which products cost less than 40 euros?", "SELECT ?x WHERE { ?x p:price ?p FILTER(?p < 40) }"),
    (
        "What is the average price of garden products?",
        "SELECT (AVG(?p) AS ?a) WHERE { ?x p:inCategory p:garden ; p:price ?p }",
    ),
    (
        "Which products were released before 2020?",
        'SELECT ?x WHERE { ?x p:releaseDate ?d FILTER(?d < "2020-01-01"^^xsd:date) }',
    ),
    ("How many products does Casa Verde sell?", "SELECT (COUNT(?x) AS ?n) WHERE { ?x p:soldBy p:v3 }"),
    ("What does the Wooden Train cost?", "SELECT ?p WHERE { p:x5 p:price ?p }"),
    ("Which vendor sells the Wooden Train?", "SELECT ?v WHERE { p:x5 p:soldBy ?v }"),
    (
        "What is the most expensive product sold by Hallberg GmbH?",
        "SELECT ?x WHERE { ?x p:soldBy p:v1 ; p:price ?p } ORDER BY DESC(?p) LIMIT 1",
    ),
    (
        "What is the highest rating of the kitchen products?",
        "SELECT (MAX(?r) AS ?m) WHERE { ?x p:inCategory p:kitchen ; p:rating ?r }",
    ),
    (
        "Which products are heavier than the Chef Knife?",
        "SELECT ?x WHERE { ?x p:weight ?w . p:x2 p:weight ?k FILTER(?w > ?k) }",
    ),
]

LEAGUE = [
    (
        "Which player has the highest salary?",
        "SELECT ?x WHERE { ?c l:player ?x ; l:salary ?s } ORDER BY DESC(?s) LIMIT 1",
    ),
    ("Which team does Ana Ruiz play for?", "SELECT ?t WHERE { ?c l:player l:p1 ; l:team ?t }"),
    ("How many players does Harbour Hawks have?", "SELECT (COUNT(?x) AS ?n) WHERE { ?c l:player ?x ; l:team l:t1 }"),
    ("Which players play for Millbrook Rovers?", "SELECT ?x WHERE { ?c l:player ?x ; l:team l:t2 }"),
    ("Is Tomas Berg a goalkeeper?", 'ASK { l:p2 l:position "goalkeeper" }'),
    ("Is Marek Novak a goalkeeper?", 'ASK { l:p5 l:position "goalkeeper" }'),
    ("How many goalkeepers are there?", 'SELECT (COUNT(?x) AS ?n) WHERE { ?x l:position "goalkeeper" }'),
    ("Where is Quayside Park?", "SELECT ?t WHERE { l:s1 l:town ?t }"),
    ("When did Kofi Mensah join Harbour Hawks?", "SELECT ?d WHERE { ?c l:player l:p3 ; l:team l:t1 ; l:startDate ?d }"),
    ("When did Marek Novak join his team?", "SELECT ?d WHERE { ?c l:player l:p5 ; l:startDate ?d }"),
    (
        "When did Harbour Hawks play Millbrook Rovers?",
        "SELECT ?k WHERE { { ?m l:homeTeam l:t1 ; l:awayTeam l:t2 } UNION { ?m l:homeTeam l:t2 ; l:awayTeam l:t1 } "
        "?m l:kickoff ?k }",
    ),
    (
        "How many matches did Harbour Hawks play against Millbrook Rovers?",
        "SELECT (COUNT(?m) AS ?n) WHERE { { ?m l:homeTeam l:t1 ; l:awayTeam l:t2 } UNION "
        "{ ?m l:homeTeam l:t2 ; l:awayTeam l:t1 } }",
    ),
    (
        "What is the average salary of the Harbour Hawks players?",
        "SELECT (AVG(?s) AS ?a) WHERE { ?c l:team l:t1 ; l:salary ?s }",
    ),
    ("Which players earn more than 400000?", "SELECT ?x WHERE { ?c l:player ?x ; l:salary ?s FILTER(?s > 400000) }"),
    (
        "Which goalkeeper earns the most?",
        'SELECT ?x WHERE { ?x l:position "goalkeeper" . ?c l:player ?x ; l:salary ?s } ORDER BY DESC(?s) LIMIT 1',
    ),
    ("Which players have no contract?", "SELECT ?x WHERE { ?x a l:Player FILTER NOT EXISTS { ?c l:player ?x } }"),
    (
        "Which team has the largest stadium?",
        "SELECT ?t WHERE { ?t l:homeGround/l:capacity ?c } ORDER BY DESC(?c) LIMIT 1",
    ),
    ("Which team plays in Carrow?", 'SELECT ?t WHERE { ?t l:homeGround/l:town "Carrow" }'),
    ("Which match had the highest attendance?", "SELECT ?m WHERE { ?m l:attendance ?a } ORDER BY DESC(?a) LIMIT 1"),
    (
        "Who are the defenders of Harbour Hawks?",
        'SELECT ?x WHERE { ?x l:position "defender" . ?c l:player ?x ; l:team l:t1 }',
    ),
    (
        "How many forwards play for Harbour Hawks?",
        'SELECT (COUNT(?x) AS ?n) WHERE { ?x l:position "forward" . ?c l:player ?x ; l:team l:t1 }',
    ),
    ("Is there a goalkeeper at Harbour Hawks?", 'ASK { ?x l:position "goalkeeper" . ?c l:player ?x ; l:team l:t1 }'),
    ("Which players were born in 1998?", "SELECT ?x WHERE { ?x l:birthDate ?b FILTER(YEAR(?b) = 1998) }"),
    (
        "How many matches were played in 2024?",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m l:kickoff ?k FILTER(YEAR(?k) = 2024) }",
    ),
    (
        "Who is the youngest goalkeeper?",
        'SELECT ?x WHERE { ?x l:position "goalkeeper" ; l:birthDate ?b } ORDER BY DESC(?b) LIMIT 1',
    ),
]

PAPERS = [
    ("Who wrote Sparse Entity Linking?", "SELECT ?a WHERE { r:p2 b:authoredBy ?a }"),
    ("In which year was Knowledge Graphs at Scale published?", "SELECT ?y WHERE { r:p4 b:yearOfPublication ?y }"),
    ("Where was Learning to Rank SPARQL published?", "SELECT ?v WHERE { r:p3 b:publishedIn ?v }"),
    ("How many papers did Ada Kerr publish?", "SELECT (COUNT(?p) AS ?n) WHERE { ?p b:authoredBy pid:1 }"),
    (
        "How many papers did Ada Kerr publish in 2021?",
        'SELECT (COUNT(?p) AS ?n) WHERE { ?p b:authoredBy pid:1 ; b:yearOfPublication "2021"^^xsd:gYear }',
    ),
    (
        "Which papers did Ada Kerr and Ben Ortiz write together?",
        "SELECT ?p WHERE { ?p b:authoredBy pid:1 , pid:2 }",
    ),
    ("List the papers published in ISWC.", 'SELECT ?p WHERE { ?p b:publishedIn "ISWC" }'),
    (
        "Which papers were published in ISWC in 2021?",
        'SELECT ?p WHERE { ?p b:publishedIn "ISWC" ; b:yearOfPublication "2021"^^xsd:gYear }',
    ),
    ("How many authors does Learning to Rank SPARQL have?", "SELECT (COUNT(?a) AS ?n) WHERE { r:p3 b:authoredBy ?a }"),
    ("Did Ada Kerr publish in VLDB?", 'ASK { ?p b:authoredBy pid:1 ; b:publishedIn "VLDB" }'),
    (
        "Which papers were published after 2021?",
        'SELECT ?p WHERE { ?p b:yearOfPublication ?y FILTER(STR(?y) > "2021") }',
    ),
    (
        "What is the most recent paper by Ada Kerr?",
        "SELECT ?p WHERE { ?p b:authoredBy pid:1 ; b:yearOfPublication ?y } ORDER BY DESC(?y) LIMIT 1",
    ),
    (
        "What was the first paper of Ada Kerr?",
        "SELECT ?p WHERE { ?p b:authoredBy pid:1 ; b:yearOfPublication ?y } ORDER BY ?y LIMIT 1",
    ),
    (
        "Which paper has the most authors?",
        "SELECT ?p WHERE { ?p b:authoredBy ?a } GROUP BY ?p ORDER BY DESC(COUNT(?a)) LIMIT 1",
    ),
    ("What is the oldest paper?", "SELECT ?p WHERE { ?p b:yearOfPublication ?y } ORDER BY ?y LIMIT 1"),
    (
        "Which authors are affiliated with University of Tallin?",
        'SELECT ?a WHERE { ?a b:primaryAffiliation "University of Tallin" }',
    ),
]

RAIL = [
    ("Which operator runs the Coastal Line?", "SELECT ?o WHERE { rw:Q60 rw:P20 ?o }"),
    ("How long is the Northern Line?", "SELECT ?l WHERE { rw:Q61 rw:P21 ?l }"),
    ("In which country is Halden Central?", "SELECT ?c WHERE { rw:Q30 rw:P10/rw:P11/rw:P12 ?c }"),
    ("Which stations are in Varmland?", "SELECT ?s WHERE { ?s rw:P10/rw:P11 rw:Q10 }"),
    ("How many stations does the Coastal Line serve?", "SELECT (COUNT(?s) AS ?n) WHERE { rw:Q60 rw:P23 ?s }"),
    ("Which line is the longest?", "SELECT ?l WHERE { ?l rw:P21 ?k } ORDER BY DESC(?k) LIMIT 1"),
    ("Which line opened first?", "SELECT ?l WHERE { ?l rw:P22 ?y } ORDER BY ?y LIMIT 1"),
    (
        "What is the top speed of the train with fleet number TR-204?",
        "SELECT ?v WHERE { ?t rw:P30 'TR-204' ; rw:P32 ?v }",
    ),
    ("Which trains were built by Korvin Works?", "SELECT ?t WHERE { ?t rw:P33 rw:Q50 }"),
    (
        "Is the Northern Line longer than the Coastal Line?",
        "ASK { rw:Q61 rw:P21 ?a . rw:Q60 rw:P21 ?b FILTER(?a > ?b) }",
    ),
    ("Which lines opened before 1950?", "SELECT ?l WHERE { ?l rw:P22 ?y FILTER(STR(?y) < '1950') }"),
    ("Which stations are not served by any line?", "SELECT ?s WHERE { ?s a rw:C4 FILTER NOT EXISTS { ?l rw:P23 ?s } }"),
    ("How many lines does Nordrail operate?", "SELECT (COUNT(?l) AS ?n) WHERE { ?l rw:P20 rw:Q40 }"),
    (
        "Which operator runs the most lines?",
        "SELECT ?o WHERE { ?l rw:P20 ?o } GROUP BY ?o ORDER BY DESC(COUNT(?l)) LIMIT 1",
    ),
    (
        "What is the average length of the lines run by Estbahn?",
        "SELECT (AVG(?k) AS ?a) WHERE { ?l rw:P20 rw:Q41 ; rw:P21 ?k }",
    ),
    ("Which trains run on lines operated by Nordrail?", "SELECT ?t WHERE { ?t rw:P34/rw:P20 rw:Q40 }"),
    ("Which cities does the Valley Line serve?", "SELECT DISTINCT ?c WHERE { rw:Q62 rw:P23/rw:P10 ?c }"),
    ("Does any line serve Old Mill Halt?", "ASK { ?l rw:P23 rw:Q36 }"),
    ("What is the fastest train?", "SELECT ?t WHERE { ?t rw:P32 ?v } ORDER BY DESC(?v) LIMIT 1"),
    ("Which lines serve more than 3 stations?", "SELECT ?l WHERE { ?l rw:P23 ?s } GROUP BY ?l HAVING (COUNT(?s) > 3)"),
    ("How many passengers use Torvik Station each year?", "SELECT ?n WHERE { rw:Q32 rw:P14 ?n }"),
    (
        "Which station in Estland is the busiest?",
        "SELECT ?s WHERE { ?s rw:P10/rw:P11/rw:P12 rw:Q1 ; rw:P14 ?n } ORDER BY DESC(?n) LIMIT 1",
    ),
    ("When did the Harbour Line open?", "SELECT ?y WHERE { rw:Q63 rw:P22 ?y }"),
    ("Which manufacturer is based in Lunde?", "SELECT ?m WHERE { ?m rw:P40 rw:Q23 }"),
    ("Which region is Ravnsund in?", "SELECT ?r WHERE { rw:Q24 rw:P11 ?r }"),
    ("What is the code of Bergholm Station?", "SELECT ?c WHERE { rw:Q33 rw:P13 ?c }"),
    ("Which station has the code TVK?", "SELECT ?s WHERE { ?s rw:P13 'TVK' }"),
    ("How many trains did Lindqvist Rail build?", "SELECT (COUNT(?t) AS ?n) WHERE { ?t rw:P33 rw:Q51 }"),
    ("Which trains are faster than 200 km/h?", "SELECT ?t WHERE { ?t rw:P32 ?v FILTER(?v > 200) }"),
    ("Which lines stop at Lunde Quay?", "SELECT ?l WHERE { ?l rw:P23 rw:Q34 }"),
    ("Who builds the Arrow X?", "SELECT ?m WHERE { ?t rw:P31 'Arrow X' ; rw:P33 ?m }"),
    ("How many stations are there in Kaldmark?", "SELECT (COUNT(?s) AS ?n) WHERE { ?s rw:P10/rw:P11 rw:Q12 }"),
]

DEPOT = [
    ("What is the unit price of the Steel Bolt?", "SELECT ?v WHERE { ?p pr:prod_nm 'Steel Bolt' ; pr:unit_px ?v }"),
    ("How many products are in the Fasteners category?", "SELECT (COUNT(?p) AS ?n) WHERE { ?p pr:cat 'Fasteners' }"),
    ("Which products weigh more than 2 kg?", "SELECT ?p WHERE { ?p pr:wgt_kg ?w FILTER(?w > 2) }"),
    ("Which supplier has the highest rating?", "SELECT ?s WHERE { ?s su:rating ?r } ORDER BY DESC(?r) LIMIT 1"),
    ("Which suppliers are from Germany?", "SELECT ?s WHERE { ?s su:cntry 'Germany' }"),
    ("Who supplies the Pipe Wrench?", "SELECT ?s WHERE { ?x sp:ref-prod_id dp:product_105 ; sp:ref-sup_id ?s }"),
    ("How many orders did Acme Corp place?", "SELECT (COUNT(?o) AS ?n) WHERE { ?o od:cust_nm 'Acme Corp' }"),
    (
        "What is the total quantity ordered of the Steel Bolt?",
        "SELECT (SUM(?q) AS ?t) WHERE { ?o od:ref-prod_id dp:product_101 ; od:qty ?q }",
    ),
    ("Which products have fewer than 100 in stock?", "SELECT ?p WHERE { ?p pr:qty_on_hand ?q FILTER(?q < 100) }"),
    (
        "What is the average unit price of the products in the Tools category?",
        "SELECT (AVG(?v) AS ?a) WHERE { ?p pr:cat 'Tools' ; pr:unit_px ?v }",
    ),
    (
        "Which orders were placed after 1 March 2024?",
        "SELECT ?o WHERE { ?o od:ord_dt ?d FILTER(?d > '2024-03-01'^^xsd:date) }",
    ),
    (
        "Which products have never been ordered?",
        "SELECT ?p WHERE { ?p a dp:product FILTER NOT EXISTS { ?o od:ref-prod_id ?p } }",
    ),
    ("How many suppliers are there?", "SELECT (COUNT(?s) AS ?n) WHERE { ?s a dp:supplier }"),
    ("Which product is the heaviest?", "SELECT ?p WHERE { ?p pr:wgt_kg ?w } ORDER BY DESC(?w) LIMIT 1"),
    (
        "Which supplier supplies the most products?",
        "SELECT ?s WHERE { ?x sp:ref-sup_id ?s } GROUP BY ?s ORDER BY DESC(COUNT(?x)) LIMIT 1",
    ),
    ("What is the name of product P-104?", "SELECT ?n WHERE { ?p pr:prod_id 'P-104' ; pr:prod_nm ?n }"),
    (
        "Which customers ordered Copper Wire?",
        "SELECT DISTINCT ?c WHERE { ?o od:ref-prod_id dp:product_103 ; od:cust_nm ?c }",
    ),
    (
        "Is the Hex Nut cheaper than the Steel Bolt?",
        "ASK { dp:product_102 pr:unit_px ?a . dp:product_101 pr:unit_px ?b FILTER(?a < ?b) }",
    ),
    (
        "Which category has the most products?",
        "SELECT ?c WHERE { ?p pr:cat ?c } GROUP BY ?c ORDER BY DESC(COUNT(?p)) LIMIT 1",
    ),
    (
        "What is the cheapest product in the Electrical category?",
        "SELECT ?p WHERE { ?p pr:cat 'Electrical' ; pr:unit_px ?v } ORDER BY ?v LIMIT 1",
    ),
    ("When was order 5003 placed?", "SELECT ?d WHERE { ?o od:ord_id 5003 ; od:ord_dt ?d }"),
    ("Which country is Baltic Cable in?", "SELECT ?c WHERE { ?s su:sup_nm 'Baltic Cable' ; su:cntry ?c }"),
    ("How many Claw Hammers are in stock?", "SELECT ?q WHERE { dp:product_104 pr:qty_on_hand ?q }"),
    (
        "Which products does Rhein Werkzeug supply?",
        "SELECT ?p WHERE { ?x sp:ref-sup_id dp:supplier_2 ; sp:ref-prod_id ?p }",
    ),
]

PEAKS = [
    ("How high is Mount Kelvar?", "SELECT ?e WHERE { res:Mount_Kelvar geo:elevation ?e }"),
    ("What is the prominence of Drakspitze?", "SELECT ?p WHERE { res:Drakspitze geo:prominence ?p }"),
    (
        "Which is the highest mountain?",
        "SELECT ?m WHERE { ?m a geo:Mountain ; geo:elevation ?e } ORDER BY DESC(?e) LIMIT 1",
    ),
    (
        "Is Drakspitze higher than Mount Kelvar?",
        "ASK { res:Drakspitze geo:elevation ?a . res:Mount_Kelvar geo:elevation ?b FILTER(?a > ?b) }",
    ),
    (
        "How many mountains are higher than 3000 metres?",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m a geo:Mountain ; geo:elevation ?e FILTER(?e > 3000) }",
    ),
    (
        "Which mountains in Estavia are higher than 2000 m?",
        "SELECT ?m WHERE { ?m a geo:Mountain ; geo:locatedInArea res:Estavia ; geo:elevation ?e FILTER(?e > 2000) }",
    ),
    (
        "What is the average elevation of the mountains in the Varn Range?",
        "SELECT (AVG(?e) AS ?a) WHERE { ?m geo:mountainRange res:Varn_Range ; geo:elevation ?e }",
    ),
    ("How long is the Essel?", "SELECT ?l WHERE { res:Essel geo:length ?l }"),
    ("Which river is the longest?", "SELECT ?r WHERE { ?r a geo:River ; geo:length ?l } ORDER BY DESC(?l) LIMIT 1"),
    ("Which rivers flow into Lake Ostra?", "SELECT ?r WHERE { ?r geo:riverMouth res:Lake_Ostra }"),
    (
        "What are the three highest mountains?",
        "SELECT ?m WHERE { ?m a geo:Mountain ; geo:elevation ?e } ORDER BY DESC(?e) LIMIT 3",
    ),
    ("When was Mount Kelvar first climbed?", "SELECT ?y WHERE { res:Mount_Kelvar geo:firstAscentYear ?y }"),
    ("Who made the first ascent of Ostry Tor?", "SELECT ?p WHERE { res:Ostry_Tor geo:firstAscentPerson ?p }"),
    (
        "Which mountains were first climbed before 1890?",
        "SELECT ?m WHERE { ?m geo:firstAscentYear ?y FILTER(?y < 1890) }",
    ),
    ("How deep is Lake Ostra?", "SELECT ?d WHERE { res:Lake_Ostra geo:maximumDepth ?d }"),
    (
        "Which lake has the largest area?",
        "SELECT ?l WHERE { ?l a geo:Lake ; geo:areaTotal ?a } ORDER BY DESC(?a) LIMIT 1",
    ),
    (
        "How many lakes are there in Norvalia?",
        "SELECT (COUNT(?l) AS ?n) WHERE { ?l a geo:Lake ; geo:country res:Norvalia }",
    ),
    (
        "Which mountains are between 2000 and 3000 metres high?",
        "SELECT ?m WHERE { ?m a geo:Mountain ; geo:elevation ?e FILTER(?e >= 2000 && ?e <= 3000) }",
    ),
    ("Which lake lies lowest?", "SELECT ?l WHERE { ?l a geo:Lake ; geo:elevation ?e } ORDER BY ?e LIMIT 1"),
    (
        "Which rivers are longer than the Essel?",
        "SELECT ?r WHERE { res:Essel geo:length ?x . ?r geo:length ?l FILTER(?l > ?x) }",
    ),
    (
        "How many mountains does each mountain range have?",
        "SELECT ?r (COUNT(?m) AS ?n) WHERE { ?m geo:mountainRange ?r } GROUP BY ?r",
    ),
    ("What is the capital of Kelmark?", "SELECT ?c WHERE { res:Kelmark geo:capital ?c }"),
    (
        "How many people live in the capital of Norvalia?",
        "SELECT ?p WHERE { res:Norvalia geo:capital/geo:populationTotal ?p }",
    ),
    (
        "Is there a lake deeper than 400 metres?",
        "ASK { ?l a geo:Lake ; geo:maximumDepth ?d FILTER(?d > 400) }",
    ),
    (
        "Which mountains did Teodor Vang climb first?",
        "SELECT ?m WHERE { ?m geo:firstAscentPerson res:Teodor_Vang }",
    ),
    (
        "Which rivers flow through both Norvalia and Estavia?",
        "SELECT ?r WHERE { ?r a geo:River ; geo:country res:Norvalia , res:Estavia }",
    ),
    (
        "In which country is the highest mountain?",
        "SELECT ?c WHERE { ?m a geo:Mountain ; geo:elevation ?e ; geo:locatedInArea ?c } ORDER BY DESC(?e) LIMIT 1",
    ),
    (
        "What is the total length of the rivers in Kelmark?",
        "SELECT (SUM(?l) AS ?s) WHERE { ?r a geo:River ; geo:country res:Kelmark ; geo:length ?l }",
    ),
    (
        "Which mountain range is Sorn Peak part of?",
        "SELECT ?r WHERE { res:Sorn_Peak geo:mountainRange ?r }",
    ),
    (
        "Which mountains have a prominence of more than 1000 metres?",
        "SELECT ?m WHERE { ?m geo:prominence ?p FILTER(?p > 1000) }",
    ),
    (
        "Which country is bigger, Estavia or Kelmark?",
        "SELECT ?c WHERE { VALUES ?c { res:Estavia res:Kelmark } ?c geo:areaTotal ?a } ORDER BY DESC(?a) LIMIT 1",
    ),
    (
        "Who climbed a mountain in the Ostry Mountains first?",
        "SELECT DISTINCT ?p WHERE { ?m geo:mountainRange res:Ostry_Mountains ; geo:firstAscentPerson ?p }",
    ),
    # second batch, written before the engine ran on it
    (
        "How much higher is Mount Kelvar than Drakspitze?",
        "SELECT ((?a - ?b) AS ?d) WHERE { res:Mount_Kelvar geo:elevation ?a . res:Drakspitze geo:elevation ?b }",
    ),
    (
        "Which mountains are higher than Sorn Peak?",
        "SELECT ?m WHERE { res:Sorn_Peak geo:elevation ?x . ?m a geo:Mountain ; geo:elevation ?e FILTER(?e > ?x) }",
    ),
    (
        "Which country has the most mountains?",
        "SELECT ?c WHERE { ?m a geo:Mountain ; geo:locatedInArea ?c } GROUP BY ?c ORDER BY DESC(COUNT(?m)) LIMIT 1",
    ),
    (
        "How many rivers are longer than 300 km?",
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r a geo:River ; geo:length ?l FILTER(?l > 300) }",
    ),
    (
        "What is the highest mountain in Estavia?",
        "SELECT ?m WHERE { ?m a geo:Mountain ; geo:locatedInArea res:Estavia ; geo:elevation ?e } ORDER BY DESC(?e) LIMIT 1",
    ),
    (
        "Which lakes are shallower than 100 metres?",
        "SELECT ?l WHERE { ?l a geo:Lake ; geo:maximumDepth ?d FILTER(?d < 100) }",
    ),
    (
        "Which mountain has the lowest prominence?",
        "SELECT ?m WHERE { ?m geo:prominence ?p } ORDER BY ?p LIMIT 1",
    ),
    (
        "Which mountains have no recorded first ascent?",
        "SELECT ?m WHERE { ?m a geo:Mountain FILTER NOT EXISTS { ?m geo:firstAscentYear ?y } }",
    ),
    ("Who was the first to climb Grey Needle?", "SELECT ?p WHERE { res:Grey_Needle geo:firstAscentPerson ?p }"),
    (
        "Which countries have more than 5 million inhabitants?",
        "SELECT ?c WHERE { ?c a geo:Country ; geo:populationTotal ?p FILTER(?p > 5000000) }",
    ),
    (
        "Which city has the largest population?",
        "SELECT ?c WHERE { ?c a geo:City ; geo:populationTotal ?p } ORDER BY DESC(?p) LIMIT 1",
    ),
    ("What is the total area of all lakes?", "SELECT (SUM(?a) AS ?s) WHERE { ?l a geo:Lake ; geo:areaTotal ?a }"),
    (
        "List the rivers from longest to shortest.",
        "SELECT ?r WHERE { ?r a geo:River ; geo:length ?l } ORDER BY DESC(?l)",
    ),
    (
        "When was the climber of Halgrim born?",
        "SELECT ?y WHERE { res:Halgrim geo:firstAscentPerson/geo:birthYear ?y }",
    ),
    (
        "How many mountains did Mira Soll climb first?",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m geo:firstAscentPerson res:Mira_Soll }",
    ),
    (
        "Which lake do the Essel and the Ostrel flow into?",
        "SELECT DISTINCT ?l WHERE { res:Essel geo:riverMouth ?l . res:Ostrel geo:riverMouth ?l }",
    ),
]

ORG = [
    ("Who does Chen Wei report to?", "SELECT ?m WHERE { pp:p3 org:reportsTo ?m }"),
    ("Who works in the Machine Learning Lab?", "SELECT ?p WHERE { ?p org:worksFor u:ml }"),
    ("Which department does Emil Strand work for?", "SELECT ?u WHERE { pp:p5 org:worksFor ?u }"),
    ("Who reports to Bruno Costa?", "SELECT ?p WHERE { ?p org:reportsTo pp:p2 }"),
    ("How many people report to Bruno Costa?", "SELECT (COUNT(?p) AS ?n) WHERE { ?p org:reportsTo pp:p2 }"),
    ("Which units are part of Research and Development?", "SELECT ?u WHERE { ?u org:partOf u:rnd }"),
    ("Who is the manager of Gustav Lind?", "SELECT ?m WHERE { pp:p7 org:reportsTo ?m }"),
    ("Which employees know Python?", "SELECT ?p WHERE { ?p org:hasSkill sk:python }"),
    ("When was Dana Okafor hired?", "SELECT ?d WHERE { pp:p4 org:hired ?d }"),
    ("Who was hired first?", "SELECT ?p WHERE { ?p org:hired ?d } ORDER BY ?d LIMIT 1"),
    (
        "Which employees were hired after 2015?",
        'SELECT ?p WHERE { ?p org:hired ?d FILTER(?d > "2015-12-31"^^xsd:date) }',
    ),
    ("Who leads the Atlas project?", "SELECT ?p WHERE { ?p org:leads pj:atlas }"),
    ("Which projects does Bruno Costa lead?", "SELECT ?j WHERE { pp:p2 org:leads ?j }"),
    ("Who works on Atlas?", "SELECT ?p WHERE { pj:atlas org:member ?p }"),
    ("Which projects is Dana Okafor a member of?", "SELECT ?j WHERE { ?j org:member pp:p4 }"),
    ("What is the budget of Beacon?", "SELECT ?b WHERE { pj:beacon org:budget ?b }"),
    ("Which project has the largest budget?", "SELECT ?j WHERE { ?j org:budget ?b } ORDER BY DESC(?b) LIMIT 1"),
    (
        "What is the total budget of the projects owned by the Machine Learning Lab?",
        "SELECT (SUM(?b) AS ?s) WHERE { ?j org:ownedBy u:ml ; org:budget ?b }",
    ),
    (
        "Which projects have no end date?",
        "SELECT ?j WHERE { ?j a org:Project FILTER NOT EXISTS { ?j org:endDate ?e } }",
    ),
    ("When did the Beacon project end?", "SELECT ?e WHERE { pj:beacon org:endDate ?e }"),
    (
        "Which projects started in 2022?",
        'SELECT ?j WHERE { ?j org:startDate ?d FILTER(?d >= "2022-01-01"^^xsd:date && ?d <= "2022-12-31"^^xsd:date) }',
    ),
    ("Who is the client of Cargo?", "SELECT ?c WHERE { pj:cargo org:client ?c }"),
    (
        "Which projects were done for Acme Freight?",
        "SELECT ?j WHERE { ?j org:client <https://org.example/company/acme> }",
    ),
    ("How many projects does each unit own?", "SELECT ?u (COUNT(?j) AS ?n) WHERE { ?j org:ownedBy ?u } GROUP BY ?u"),
    ("Which unit is Logistics part of?", "SELECT ?u WHERE { u:log org:partOf ?u }"),
    ("Does Chen Wei know Rust?", "ASK { pp:p3 org:hasSkill sk:rust }"),
    (
        "How many employees does the Machine Learning Lab have?",
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p org:worksFor u:ml }",
    ),
    ("Which skills does Dana Okafor have?", "SELECT ?s WHERE { pp:p4 org:hasSkill ?s }"),
    (
        "Who leads projects for Acme Freight?",
        "SELECT DISTINCT ?p WHERE { ?p org:leads ?j . ?j org:client <https://org.example/company/acme> }",
    ),
    (
        "Which people work on a project led by Bruno Costa?",
        "SELECT DISTINCT ?p WHERE { pp:p2 org:leads ?j . ?j org:member ?p }",
    ),
]

BIKES = [
    ("How many stations are there?", "SELECT (COUNT(?s) AS ?n) WHERE { ?s a bk:station }"),
    ("List the names of all stations in Lyon.", "SELECT ?n WHERE { ?s bst:city 'Lyon' ; bst:name ?n }"),
    ("What is the average dock count of all stations?", "SELECT (AVG(?d) AS ?a) WHERE { ?s bst:dock_count ?d }"),
    (
        "Show the name and dock count of each station, ordered by dock count from most to least.",
        "SELECT ?n ?d WHERE { ?s bst:name ?n ; bst:dock_count ?d } ORDER BY DESC(?d)",
    ),
    (
        "Which station has the most docks?",
        "SELECT ?n WHERE { ?s bst:name ?n ; bst:dock_count ?d } ORDER BY DESC(?d) LIMIT 1",
    ),
    (
        "How many trips did each member make? List the member name and the number of trips.",
        "SELECT ?n (COUNT(?t) AS ?c) WHERE { ?t btr:ref-member_id ?m . ?m bmb:name ?n } GROUP BY ?m ?n",
    ),
    (
        "What are the names of members who made more than 5 trips?",
        "SELECT ?n WHERE { ?t btr:ref-member_id ?m . ?m bmb:name ?n } GROUP BY ?m ?n HAVING(COUNT(?t) > 5)",
    ),
    (
        "What is the name of the member who made the most trips?",
        "SELECT ?n WHERE { ?t btr:ref-member_id ?m . ?m bmb:name ?n } GROUP BY ?m ?n ORDER BY DESC(COUNT(?t)) LIMIT 1",
    ),
    (
        "Find the names of members who have never made a trip.",
        "SELECT ?n WHERE { ?m a bk:member ; bmb:name ?n FILTER NOT EXISTS { ?t btr:ref-member_id ?m } }",
    ),
    ("What is the longest trip duration?", "SELECT (MAX(?d) AS ?x) WHERE { ?t btr:duration ?d }"),
    (
        "What are the ids of the trips that started at the station Harbour Gate?",
        "SELECT ?i WHERE { ?t btr:ref-start_station_id ?s ; btr:trip_id ?i . ?s bst:name 'Harbour Gate' }",
    ),
    (
        "How many trips ended at a station in Nantes?",
        "SELECT (COUNT(?t) AS ?n) WHERE { ?t btr:ref-end_station_id ?s . ?s bst:city 'Nantes' }",
    ),
    (
        "What is the average duration of trips made by gold members?",
        "SELECT (AVG(?d) AS ?a) WHERE { ?t btr:duration ?d ; btr:ref-member_id ?m . ?m bmb:membership_level 'gold' }",
    ),
    (
        "Which bike model was used in the most trips?",
        "SELECT ?mo WHERE { ?t btr:ref-bike_id ?b . ?b bbk:model ?mo } GROUP BY ?mo ORDER BY DESC(COUNT(?t)) LIMIT 1",
    ),
    (
        "Show the name of each station and the number of bikes whose home station it is.",
        "SELECT ?n (COUNT(?b) AS ?c) WHERE { ?b bbk:ref-home_station_id ?s . ?s bst:name ?n } GROUP BY ?s ?n",
    ),
    (
        "Which stations in Nantes have more than 10 docks?",
        "SELECT ?n WHERE { ?s bst:city 'Nantes' ; bst:dock_count ?d ; bst:name ?n FILTER(?d > 10) }",
    ),
    (
        "What is the total duration of all trips made by Ines Varga?",
        "SELECT (SUM(?d) AS ?x) WHERE { ?t btr:duration ?d ; btr:ref-member_id ?m . ?m bmb:name 'Ines Varga' }",
    ),
    ("How many members are older than 30?", "SELECT (COUNT(?m) AS ?n) WHERE { ?m bmb:age ?a FILTER(?a > 30) }"),
    (
        "Find the names of members whose age is between 20 and 30.",
        "SELECT ?n WHERE { ?m bmb:age ?a ; bmb:name ?n FILTER(?a >= 20 && ?a <= 30) }",
    ),
    (
        "Which stations were installed after 2016? Give their names.",
        "SELECT ?n WHERE { ?s bst:installation_date ?d ; bst:name ?n FILTER(?d > '2016-12-31') }",
    ),
    ("What are the different membership levels?", "SELECT DISTINCT ?l WHERE { ?m bmb:membership_level ?l }"),
    ("How many different cities have stations?", "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s bst:city ?c }"),
    (
        "What are the model and purchase year of the oldest bike?",
        "SELECT ?mo ?y WHERE { ?b bbk:model ?mo ; bbk:purchase_year ?y } ORDER BY ?y LIMIT 1",
    ),
    ("What is the name of the youngest member?", "SELECT ?n WHERE { ?m bmb:name ?n ; bmb:age ?a } ORDER BY ?a LIMIT 1"),
    (
        "For each membership level, what is the average age of its members?",
        "SELECT ?l (AVG(?a) AS ?x) WHERE { ?m bmb:membership_level ?l ; bmb:age ?a } GROUP BY ?l",
    ),
    (
        "List the ids of trips that lasted longer than the average trip.",
        "SELECT ?i WHERE { ?t btr:trip_id ?i ; btr:duration ?d "
        "{ SELECT (AVG(?x) AS ?avg) WHERE { ?u btr:duration ?x } } FILTER(?d > ?avg) }",
    ),
    (
        "Show the names of stations where no trip ended.",
        "SELECT ?n WHERE { ?s a bk:station ; bst:name ?n FILTER NOT EXISTS { ?t btr:ref-end_station_id ?s } }",
    ),
    (
        "In which city is the station where trip 7 started?",
        "SELECT ?c WHERE { <http://valuenet/ontop/trip/trip_id=7> btr:ref-start_station_id ?s . ?s bst:city ?c }",
    ),
    (
        "How many trips were made on bikes bought before 2018?",
        "SELECT (COUNT(?t) AS ?n) WHERE { ?t btr:ref-bike_id ?b . ?b bbk:purchase_year ?y FILTER(?y < '2018') }",
    ),
    ("List the names of all members in alphabetical order.", "SELECT ?n WHERE { ?m bmb:name ?n } ORDER BY ?n"),
    (
        "Which city has the most stations?",
        "SELECT ?c WHERE { ?s bst:city ?c } GROUP BY ?c ORDER BY DESC(COUNT(?s)) LIMIT 1",
    ),
    (
        "What is the membership level of the member who made the longest trip?",
        "SELECT ?l WHERE { ?t btr:duration ?d ; btr:ref-member_id ?m . ?m bmb:membership_level ?l } "
        "ORDER BY DESC(?d) LIMIT 1",
    ),
    (
        "Show the names of members from Lyon and the number of trips each of them made.",
        "SELECT ?n (COUNT(?t) AS ?c) WHERE { ?t btr:ref-member_id ?m . ?m bmb:city 'Lyon' ; bmb:name ?n } "
        "GROUP BY ?m ?n",
    ),
    (
        "Which members have ridden a E-Glide bike? List their names.",
        "SELECT DISTINCT ?n WHERE { ?t btr:ref-member_id ?m ; btr:ref-bike_id ?b . ?b bbk:model 'E-Glide' . "
        "?m bmb:name ?n }",
    ),
    (
        "How many bikes of each model are there?",
        "SELECT ?mo (COUNT(?b) AS ?c) WHERE { ?b bbk:model ?mo } GROUP BY ?mo",
    ),
    (
        "What is the name of the station with the fewest docks in Tours?",
        "SELECT ?n WHERE { ?s bst:city 'Tours' ; bst:name ?n ; bst:dock_count ?d } ORDER BY ?d LIMIT 1",
    ),
]

HOTELS = [
    ("How many hotels are there in Bruges?", "SELECT (COUNT(?h) AS ?n) WHERE { ?h hh:city 'Bruges' }"),
    ("Show the names of all hotels with 5 stars.", "SELECT ?n WHERE { ?h hh:star_rating 5 ; hh:name ?n }"),
    (
        "List the name and city of every hotel in descending order of star rating.",
        "SELECT ?n ?c WHERE { ?h hh:name ?n ; hh:city ?c ; hh:star_rating ?s } ORDER BY DESC(?s)",
    ),
    (
        "What is the name of the oldest hotel?",
        "SELECT ?n WHERE { ?h hh:name ?n ; hh:year_opened ?y } ORDER BY ?y LIMIT 1",
    ),
    ("Which hotels opened after 2005?", "SELECT ?n WHERE { ?h hh:name ?n ; hh:year_opened ?y FILTER(?y > 2005) }"),
    (
        "What are the first and last names of all female guests?",
        "SELECT ?f ?l WHERE { ?g hg:gender_code 'F' ; hg:first_name ?f ; hg:last_name ?l }",
    ),
    ("How many guests come from France?", "SELECT (COUNT(?g) AS ?n) WHERE { ?g hg:country 'France' }"),
    (
        "What is the average base price of suites?",
        "SELECT (AVG(?p) AS ?a) WHERE { ?r hr:room_type 'suite' ; hr:base_price ?p }",
    ),
    (
        "What are the minimum and maximum base prices of all rooms?",
        "SELECT (MIN(?p) AS ?lo) (MAX(?p) AS ?hi) WHERE { ?r hr:base_price ?p }",
    ),
    (
        "Show each room type and the number of rooms of that type.",
        "SELECT ?t (COUNT(?r) AS ?c) WHERE { ?r hr:room_type ?t } GROUP BY ?t",
    ),
    (
        "How many rooms does each hotel have? Show the hotel name and the count.",
        "SELECT ?n (COUNT(?r) AS ?c) WHERE { ?r hr:ref-hotel_id ?h . ?h hh:name ?n } GROUP BY ?h ?n",
    ),
    (
        "Which hotel has the most bookings?",
        "SELECT ?n WHERE { ?b hb:ref-room_id ?r . ?r hr:ref-hotel_id ?h . ?h hh:name ?n } "
        "GROUP BY ?h ?n ORDER BY DESC(COUNT(?b)) LIMIT 1",
    ),
    (
        "What is the first name of the guest with the most bookings?",
        "SELECT ?f WHERE { ?b hb:ref-guest_id ?g . ?g hg:first_name ?f } GROUP BY ?g ?f ORDER BY DESC(COUNT(?b)) LIMIT 1",
    ),
    (
        "Find the first names of guests who have never made a booking.",
        "SELECT ?f WHERE { ?g a bk:guest ; hg:first_name ?f FILTER NOT EXISTS { ?b hb:ref-guest_id ?g } }",
    ),
    (
        "List the last names of guests who have at least 4 bookings.",
        "SELECT ?l WHERE { ?b hb:ref-guest_id ?g . ?g hg:last_name ?l } GROUP BY ?g ?l HAVING(COUNT(?b) >= 4)",
    ),
    ("How many bookings were cancelled?", "SELECT (COUNT(?b) AS ?n) WHERE { ?b hb:status_code 'CXL' }"),
    ("What is the total number of nights of all bookings?", "SELECT (SUM(?n) AS ?t) WHERE { ?b hb:nights ?n }"),
    (
        "How many bookings have a check in date in 2024-03?",
        "SELECT (COUNT(?b) AS ?n) WHERE { ?b hb:check_in ?d FILTER(STRSTARTS(?d, '2024-03')) }",
    ),
    (
        "What are the ids of bookings longer than 7 nights?",
        "SELECT ?i WHERE { ?b hb:booking_id ?i ; hb:nights ?n FILTER(?n > 7) }",
    ),
    (
        "Show the first name of each guest and the total nights they booked.",
        "SELECT ?f (SUM(?n) AS ?t) WHERE { ?b hb:ref-guest_id ?g ; hb:nights ?n . ?g hg:first_name ?f } GROUP BY ?g ?f",
    ),
    (
        "What is the average number of nights of bookings made by guests from Germany?",
        "SELECT (AVG(?n) AS ?a) WHERE { ?b hb:ref-guest_id ?g ; hb:nights ?n . ?g hg:country 'Germany' }",
    ),
    (
        "Which room types are offered by the hotel Meir Palace?",
        "SELECT DISTINCT ?t WHERE { ?r hr:ref-hotel_id ?h ; hr:room_type ?t . ?h hh:name 'Meir Palace' }",
    ),
    (
        "What is the maximum occupancy of the most expensive room?",
        "SELECT ?o WHERE { ?r hr:max_occupancy ?o ; hr:base_price ?p } ORDER BY DESC(?p) LIMIT 1",
    ),
    (
        "Which cities have more than 7 rooms in total?",
        "SELECT ?c WHERE { ?r hr:ref-hotel_id ?h . ?h hh:city ?c } GROUP BY ?c HAVING(COUNT(?r) > 7)",
    ),
    ("What are the distinct countries of the guests?", "SELECT DISTINCT ?c WHERE { ?g hg:country ?c }"),
    (
        "What is the last name of the youngest guest?",
        "SELECT ?l WHERE { ?g hg:last_name ?l ; hg:date_of_birth ?d } ORDER BY DESC(?d) LIMIT 1",
    ),
    (
        "List the first names of guests born before 1980.",
        "SELECT ?f WHERE { ?g hg:first_name ?f ; hg:date_of_birth ?d FILTER(?d < '1980') }",
    ),
    (
        "Show the names of hotels that have a suite with a base price above 270.",
        "SELECT DISTINCT ?n WHERE { ?r hr:ref-hotel_id ?h ; hr:room_type 'suite' ; hr:base_price ?p . ?h hh:name ?n "
        "FILTER(?p > 270) }",
    ),
    (
        "What is the average star rating of hotels in each city?",
        "SELECT ?c (AVG(?s) AS ?a) WHERE { ?h hh:city ?c ; hh:star_rating ?s } GROUP BY ?c",
    ),
    (
        "Which guests stayed at a hotel in Antwerp? Give their last names.",
        "SELECT DISTINCT ?l WHERE { ?b hb:ref-guest_id ?g ; hb:ref-room_id ?r . ?r hr:ref-hotel_id ?h . "
        "?h hh:city 'Antwerp' . ?g hg:last_name ?l }",
    ),
    (
        "How many rooms have a base price below the average base price?",
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r hr:base_price ?p { SELECT (AVG(?x) AS ?a) WHERE { ?s hr:base_price ?x } } "
        "FILTER(?p < ?a) }",
    ),
    (
        "Count the number of guests for each gender code.",
        "SELECT ?c (COUNT(?g) AS ?n) WHERE { ?g hg:gender_code ?c } GROUP BY ?c",
    ),
    (
        "What is the status code of booking 12?",
        "SELECT ?s WHERE { <http://valuenet/ontop/booking/booking_id=12> hb:status_code ?s }",
    ),
    (
        "Which hotel does room 5 belong to?",
        "SELECT ?n WHERE { <http://valuenet/ontop/room/room_id=5> hr:ref-hotel_id ?h . ?h hh:name ?n }",
    ),
]

FOOD = [
    ("How many restaurants are there in Ghent?", "SELECT (COUNT(?r) AS ?n) WHERE { ?r fr:city 'Ghent' }"),
    ("List the names of all Italian restaurants.", "SELECT ?n WHERE { ?r fr:cuisine 'Italian' ; fr:name ?n }"),
    (
        "What are the names of restaurants with a rating of at least 4.5?",
        "SELECT ?n WHERE { ?r fr:rating ?x ; fr:name ?n FILTER(?x >= 4.5) }",
    ),
    (
        "Which restaurant has the highest rating?",
        "SELECT ?n WHERE { ?r fr:name ?n ; fr:rating ?x } ORDER BY DESC(?x) LIMIT 1",
    ),
    ("How many vegetarian dishes are there?", "SELECT (COUNT(?d) AS ?n) WHERE { ?d fd:is_vegetarian true }"),
    ("What is the average price of all dishes?", "SELECT (AVG(?p) AS ?a) WHERE { ?d fd:price ?p }"),
    (
        "What is the name of the most expensive dish?",
        "SELECT ?n WHERE { ?d fd:name ?n ; fd:price ?p } ORDER BY DESC(?p) LIMIT 1",
    ),
    (
        "List the names and prices of dishes served by Pho Saigon.",
        "SELECT ?n ?p WHERE { ?d fd:ref-restaurant_id ?r ; fd:name ?n ; fd:price ?p . ?r fr:name 'Pho Saigon' }",
    ),
    (
        "Which dishes have fewer than 500 calories? Give their names.",
        "SELECT ?n WHERE { ?d fd:name ?n ; fd:calories ?c FILTER(?c < 500) }",
    ),
    (
        "How many dishes does each restaurant serve? List the restaurant name and the number of dishes.",
        "SELECT ?n (COUNT(?d) AS ?c) WHERE { ?d fd:ref-restaurant_id ?r . ?r fr:name ?n } GROUP BY ?r ?n",
    ),
    (
        "What is the name of the customer who placed the most orders?",
        "SELECT ?n WHERE { ?o fo:ref-customer_id ?c . ?c fc:name ?n } GROUP BY ?c ?n ORDER BY DESC(COUNT(?o)) LIMIT 1",
    ),
    (
        "Find the names of customers who have never placed an order.",
        "SELECT ?n WHERE { ?c a bk:customer ; fc:name ?n FILTER NOT EXISTS { ?o fo:ref-customer_id ?c } }",
    ),
    (
        "Which restaurants have never received an order?",
        "SELECT ?n WHERE { ?r a bk:restaurant ; fr:name ?n FILTER NOT EXISTS { ?o fo:ref-restaurant_id ?r } }",
    ),
    (
        "Which dishes have never been ordered? List their names.",
        "SELECT ?n WHERE { ?d a bk:dish ; fd:name ?n FILTER NOT EXISTS { ?i fi:ref-dish_id ?d } }",
    ),
    (
        "What is the total quantity ordered of each dish? Show the dish name and the total.",
        "SELECT ?n (SUM(?q) AS ?t) WHERE { ?i fi:ref-dish_id ?d ; fi:quantity ?q . ?d fd:name ?n } GROUP BY ?d ?n",
    ),
    (
        "Which dish was ordered in the largest total quantity?",
        "SELECT ?n WHERE { ?i fi:ref-dish_id ?d ; fi:quantity ?q . ?d fd:name ?n } GROUP BY ?d ?n "
        "ORDER BY DESC(SUM(?q)) LIMIT 1",
    ),
    (
        "What is the email of the customer who placed order 7?",
        "SELECT ?e WHERE { <http://valuenet/ontop/orders/order_id=7> fo:ref-customer_id ?c . ?c fc:email ?e }",
    ),
    (
        "How many orders were placed at Bombay Spice?",
        "SELECT (COUNT(?o) AS ?n) WHERE { ?o fo:ref-restaurant_id ?r . ?r fr:name 'Bombay Spice' }",
    ),
    (
        "Which cuisine has the most restaurants?",
        "SELECT ?k WHERE { ?r fr:cuisine ?k } GROUP BY ?k ORDER BY DESC(COUNT(?r)) LIMIT 1",
    ),
    (
        "What is the average age of customers who ordered from Casa Verde?",
        "SELECT (AVG(?a) AS ?x) WHERE { { SELECT DISTINCT ?c WHERE { ?o fo:ref-customer_id ?c ; fo:ref-restaurant_id ?r . "
        "?r fr:name 'Casa Verde' } } ?c fc:age ?a }",
    ),
    (
        "Show the names of customers older than the average age of all customers.",
        "SELECT ?n WHERE { ?c fc:name ?n ; fc:age ?a { SELECT (AVG(?x) AS ?m) WHERE { ?d fc:age ?x } } FILTER(?a > ?m) }",
    ),
    (
        "List the names of restaurants in Leuven sorted by rating in descending order.",
        "SELECT ?n WHERE { ?r fr:city 'Leuven' ; fr:name ?n ; fr:rating ?x } ORDER BY DESC(?x)",
    ),
    (
        "What are the names of the vegetarian dishes that cost more than 10?",
        "SELECT ?n WHERE { ?d fd:is_vegetarian true ; fd:price ?p ; fd:name ?n FILTER(?p > 10) }",
    ),
    (
        "For each cuisine, what is the average rating of its restaurants?",
        "SELECT ?k (AVG(?x) AS ?a) WHERE { ?r fr:cuisine ?k ; fr:rating ?x } GROUP BY ?k",
    ),
    (
        "Which restaurants serve a dish that costs more than 15? Give their names.",
        "SELECT DISTINCT ?n WHERE { ?d fd:ref-restaurant_id ?r ; fd:price ?p . ?r fr:name ?n FILTER(?p > 15) }",
    ),
    (
        "How many different customers have ordered from Trattoria Lume?",
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?o fo:ref-customer_id ?c ; fo:ref-restaurant_id ?r . "
        "?r fr:name 'Trattoria Lume' }",
    ),
    (
        "What is the lowest calorie count among the dishes of Bombay Spice?",
        "SELECT (MIN(?k) AS ?m) WHERE { ?d fd:ref-restaurant_id ?r ; fd:calories ?k . ?r fr:name 'Bombay Spice' }",
    ),
    (
        "Which customers are younger than 30? List their names and emails.",
        "SELECT ?n ?e WHERE { ?c fc:name ?n ; fc:email ?e ; fc:age ?a FILTER(?a < 30) }",
    ),
    (
        "In which city is the restaurant that serves Dal Tadka?",
        "SELECT ?y WHERE { ?d fd:name 'Dal Tadka' ; fd:ref-restaurant_id ?r . ?r fr:city ?y }",
    ),
    (
        "How many orders were placed after September 2024?",
        "SELECT (COUNT(?o) AS ?n) WHERE { ?o fo:order_date ?d FILTER(?d > '2024-09-31') }",
    ),
    (
        "Which restaurants have more than 4 orders? Show their names.",
        "SELECT ?n WHERE { ?o fo:ref-restaurant_id ?r . ?r fr:name ?n } GROUP BY ?r ?n HAVING(COUNT(?o) > 4)",
    ),
    (
        "What is the name of the cheapest dish of the restaurant with the highest rating?",
        "SELECT ?n WHERE { { SELECT ?r WHERE { ?r fr:rating ?x } ORDER BY DESC(?x) LIMIT 1 } "
        "?d fd:ref-restaurant_id ?r ; fd:name ?n ; fd:price ?p } ORDER BY ?p LIMIT 1",
    ),
]

LOANS = [
    ("How many books are there in each genre?", "SELECT ?g (COUNT(?b) AS ?n) WHERE { ?b lb:genre ?g } GROUP BY ?g"),
    (
        "What is the title of the book with the most pages?",
        "SELECT ?t WHERE { ?b lb:title ?t ; lb:pages ?p } ORDER BY DESC(?p) LIMIT 1",
    ),
    (
        "List the titles of all books written by Oren Pike.",
        "SELECT ?t WHERE { ?b lb:author 'Oren Pike' ; lb:title ?t }",
    ),
    (
        "Which members have borrowed more than 5 books? Give their names.",
        "SELECT ?n WHERE { ?l ll:ref-member_id ?m . ?m bmb:name ?n } GROUP BY ?m ?n HAVING(COUNT(?l) > 5)",
    ),
    (
        "Which books have never been borrowed? List their titles.",
        "SELECT ?t WHERE { ?b a bk:book ; lb:title ?t FILTER NOT EXISTS { ?l ll:ref-book_id ?b } }",
    ),
    (
        "What is the total fine amount paid by Dina Roels?",
        "SELECT (SUM(?f) AS ?s) WHERE { ?l ll:ref-member_id ?m ; ll:fine_amount ?f . ?m bmb:name 'Dina Roels' }",
    ),
    (
        "What is the average number of pages of poetry books?",
        "SELECT (AVG(?p) AS ?a) WHERE { ?b lb:genre 'Poetry' ; lb:pages ?p }",
    ),
    (
        "Which branch holds the fewest books?",
        "SELECT ?n WHERE { ?b lb:ref-branch_id ?r . ?r lbr:name ?n } GROUP BY ?r ?n ORDER BY ASC(COUNT(?b)) LIMIT 1",
    ),
    (
        "Show the names of members who joined after 2020.",
        "SELECT ?n WHERE { ?m bmb:name ?n ; bmb:join_date ?d FILTER(?d > '2020-12-31') }",
    ),
    ("How many loans have not been returned?", "SELECT (COUNT(?l) AS ?n) WHERE { ?l ll:returned 'N' }"),
    (
        "What are the titles and authors of the 3 longest books?",
        "SELECT ?t ?a WHERE { ?b lb:title ?t ; lb:author ?a ; lb:pages ?p } ORDER BY DESC(?p) LIMIT 3",
    ),
    (
        "What is the name of the member who paid the most in fines?",
        "SELECT ?n WHERE { ?l ll:ref-member_id ?m ; ll:fine_amount ?f . ?m bmb:name ?n } GROUP BY ?m ?n "
        "ORDER BY DESC(SUM(?f)) LIMIT 1",
    ),
    (
        "List the name of each member and the number of loans they made.",
        "SELECT ?n (COUNT(?l) AS ?c) WHERE { ?l ll:ref-member_id ?m . ?m bmb:name ?n } GROUP BY ?m ?n",
    ),
    (
        "Which genre has the highest average number of pages?",
        "SELECT ?g WHERE { ?b lb:genre ?g ; lb:pages ?p } GROUP BY ?g ORDER BY DESC(AVG(?p)) LIMIT 1",
    ),
    (
        "Find the titles of books borrowed by student members.",
        "SELECT DISTINCT ?t WHERE { ?l ll:ref-member_id ?m ; ll:ref-book_id ?b . ?m bmb:membership_type 'student' . "
        "?b lb:title ?t }",
    ),
    (
        "In which city is the branch that holds Small Rain?",
        "SELECT ?c WHERE { ?b lb:title 'Small Rain' ; lb:ref-branch_id ?r . ?r lbr:city ?c }",
    ),
    ("How many different authors are there?", "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?b lb:author ?a }"),
    (
        "Which authors have written more than 2 books?",
        "SELECT ?a WHERE { ?b lb:author ?a } GROUP BY ?a HAVING(COUNT(?b) > 2)",
    ),
    (
        "Show the titles of books with more pages than the average.",
        "SELECT ?t WHERE { ?b lb:title ?t ; lb:pages ?p { SELECT (AVG(?x) AS ?a) WHERE { ?c lb:pages ?x } } "
        "FILTER(?p > ?a) }",
    ),
    ("What is the most recent loan date?", "SELECT (MAX(?d) AS ?x) WHERE { ?l ll:loan_date ?d }"),
    (
        "How many books does each branch hold? Show the branch name and the count.",
        "SELECT ?n (COUNT(?b) AS ?c) WHERE { ?b lb:ref-branch_id ?r . ?r lbr:name ?n } GROUP BY ?r ?n",
    ),
    (
        "What is the total number of pages of all history books?",
        "SELECT (SUM(?p) AS ?s) WHERE { ?b lb:genre 'History' ; lb:pages ?p }",
    ),
    ("Which branches opened before 2000?", "SELECT ?n WHERE { ?r lbr:name ?n ; lbr:opened_year ?y FILTER(?y < 2000) }"),
    (
        "List the titles of books that have between 200 and 400 pages.",
        "SELECT ?t WHERE { ?b lb:title ?t ; lb:pages ?p FILTER(?p >= 200 && ?p <= 400) }",
    ),
    (
        "Who borrowed the book in loan 5? Give the member name.",
        "SELECT ?n WHERE { <http://valuenet/ontop/loan/loan_id=5> ll:ref-member_id ?m . ?m bmb:name ?n }",
    ),
    (
        "Find the names of members who have never borrowed a book.",
        "SELECT ?n WHERE { ?m a bk:member ; bmb:name ?n FILTER NOT EXISTS { ?l ll:ref-member_id ?m } }",
    ),
    (
        "For each membership type, how many members are there?",
        "SELECT ?k (COUNT(?m) AS ?n) WHERE { ?m bmb:membership_type ?k } GROUP BY ?k",
    ),
    (
        "What are the titles of the books held by branches in Aalst?",
        "SELECT ?t WHERE { ?b lb:title ?t ; lb:ref-branch_id ?r . ?r lbr:city 'Aalst' }",
    ),
    (
        "What is the genre of the book that was borrowed the most?",
        "SELECT ?g WHERE { ?l ll:ref-book_id ?b . ?b lb:genre ?g } GROUP BY ?b ?g ORDER BY DESC(COUNT(?l)) LIMIT 1",
    ),
    (
        "How many loans were made by senior members?",
        "SELECT (COUNT(?l) AS ?n) WHERE { ?l ll:ref-member_id ?m . ?m bmb:membership_type 'senior' }",
    ),
]

CLINIC = [
    ("How many doctors are there?", "SELECT (COUNT(?d) AS ?n) WHERE { ?d a bk:doctor }"),
    (
        "List the names of doctors in descending order of years of experience.",
        "SELECT ?n WHERE { ?d cd:name ?n ; cd:years_experience ?y } ORDER BY DESC(?y)",
    ),
    (
        "What are the specialties and the number of doctors in each specialty?",
        "SELECT ?s (COUNT(?d) AS ?n) WHERE { ?d cd:specialty ?s } GROUP BY ?s",
    ),
    (
        "Show the name of the doctor with the most appointments.",
        "SELECT ?n WHERE { ?a ca:ref-doctor_id ?d . ?d cd:name ?n } GROUP BY ?d ?n ORDER BY DESC(COUNT(?a)) LIMIT 1",
    ),
    (
        "Which doctors have no appointments? Give their names.",
        "SELECT ?n WHERE { ?d a bk:doctor ; cd:name ?n FILTER NOT EXISTS { ?a ca:ref-doctor_id ?d } }",
    ),
    (
        "What is the average age of patients who live in Leuven?",
        "SELECT (AVG(?age) AS ?v) WHERE { ?p cp:city 'Leuven' ; cp:age ?age }",
    ),
    (
        "Show the names of patients who had appointments with doctors in both Cardiology and Dermatology.",
        "SELECT DISTINCT ?n WHERE { ?p cp:name ?n . ?a1 ca:ref-patient_id ?p ; ca:ref-doctor_id ?d1 . "
        "?d1 cd:specialty 'Cardiology' . ?a2 ca:ref-patient_id ?p ; ca:ref-doctor_id ?d2 . ?d2 cd:specialty 'Dermatology' }",
    ),
    (
        "What is the total fee paid by each patient? List the patient names and the totals.",
        "SELECT ?n (SUM(?f) AS ?t) WHERE { ?a ca:ref-patient_id ?p ; ca:fee ?f . ?p cp:name ?n } GROUP BY ?p ?n",
    ),
    (
        "Which patient paid the most in fees in total?",
        "SELECT ?n WHERE { ?a ca:ref-patient_id ?p ; ca:fee ?f . ?p cp:name ?n } GROUP BY ?p ?n "
        "ORDER BY DESC(SUM(?f)) LIMIT 1",
    ),
    ("What are the names of the senior doctors?", "SELECT ?n WHERE { ?d cd:is_senior 'T' ; cd:name ?n }"),
    ("How many appointments were no-shows?", "SELECT (COUNT(?a) AS ?n) WHERE { ?a ca:status 'NOSHOW' }"),
    (
        "List the dates of appointments that lasted more than 45 minutes.",
        "SELECT ?d WHERE { ?a ca:duration_minutes ?m ; ca:appointment_date ?d FILTER(?m > 45) }",
    ),
    (
        "What are the maximum and minimum fees of appointments?",
        "SELECT (MAX(?f) AS ?hi) (MIN(?f) AS ?lo) WHERE { ?a ca:fee ?f }",
    ),
    (
        "Show the names of patients older than 50 and the cities they live in.",
        "SELECT ?n ?c WHERE { ?p cp:name ?n ; cp:age ?age ; cp:city ?c FILTER(?age > 50) }",
    ),
    (
        "Which cities have more than one patient?",
        "SELECT ?c WHERE { ?p cp:city ?c } GROUP BY ?c HAVING(COUNT(?p) > 1)",
    ),
    ("How many distinct cities do patients come from?", "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p cp:city ?c }"),
    (
        "Find the names of doctors whose specialty is Surgery or Pediatrics.",
        "SELECT ?n WHERE { ?d cd:name ?n ; cd:specialty ?s FILTER(?s IN ('Surgery', 'Pediatrics')) }",
    ),
    (
        "What is the average duration of appointments for each doctor? Show the doctor names.",
        "SELECT ?n (AVG(?m) AS ?v) WHERE { ?a ca:ref-doctor_id ?d ; ca:duration_minutes ?m . ?d cd:name ?n } "
        "GROUP BY ?d ?n",
    ),
    (
        "Who had the shortest appointment? Give the patient names.",
        "SELECT DISTINCT ?n WHERE { ?a ca:ref-patient_id ?p ; ca:duration_minutes ?m . ?p cp:name ?n "
        "{ SELECT (MIN(?x) AS ?lo) WHERE { ?b ca:duration_minutes ?x } } FILTER(?m = ?lo) }",
    ),
    (
        "How many appointments did each doctor have in 2024? Show the doctor names.",
        "SELECT ?n (COUNT(?a) AS ?c) WHERE { ?a ca:ref-doctor_id ?d ; ca:appointment_date ?t . ?d cd:name ?n "
        "FILTER(STRSTARTS(?t, '2024')) } GROUP BY ?d ?n",
    ),
    (
        "List the names of patients who have never had an appointment.",
        "SELECT ?n WHERE { ?p a bk:patient ; cp:name ?n FILTER NOT EXISTS { ?a ca:ref-patient_id ?p } }",
    ),
    ("What is the name of the youngest patient?", "SELECT ?n WHERE { ?p cp:name ?n ; cp:age ?a } ORDER BY ?a LIMIT 1"),
    (
        "How many appointments did Hanne Jacobs have?",
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a ca:ref-patient_id ?p . ?p cp:name 'Hanne Jacobs' }",
    ),
    (
        "What is the total fee of appointments with doctors specialized in Cardiology?",
        "SELECT (SUM(?f) AS ?t) WHERE { ?a ca:ref-doctor_id ?d ; ca:fee ?f . ?d cd:specialty 'Cardiology' }",
    ),
    (
        "Which specialty has the highest average years of experience?",
        "SELECT ?s WHERE { ?d cd:specialty ?s ; cd:years_experience ?y } GROUP BY ?s ORDER BY DESC(AVG(?y)) LIMIT 1",
    ),
    (
        "Show the names of doctors with more than 10 years of experience who are not senior.",
        "SELECT ?n WHERE { ?d cd:name ?n ; cd:years_experience ?y ; cd:is_senior 'F' FILTER(?y > 10) }",
    ),
    ("List the names of female patients.", "SELECT ?n WHERE { ?p cp:sex 'F' ; cp:name ?n }"),
    (
        "What are the names of the doctors who saw patients from Lier?",
        "SELECT DISTINCT ?n WHERE { ?a ca:ref-doctor_id ?d ; ca:ref-patient_id ?p . ?p cp:city 'Lier' . ?d cd:name ?n }",
    ),
    (
        "Find the number of appointments for each status.",
        "SELECT ?s (COUNT(?a) AS ?n) WHERE { ?a ca:status ?s } GROUP BY ?s",
    ),
    (
        "What is the average fee of the appointments that took place before 2024?",
        "SELECT (AVG(?f) AS ?v) WHERE { ?a ca:fee ?f ; ca:appointment_date ?t FILTER(?t < '2024') }",
    ),
    (
        "Which patients saw more than 2 different doctors? List their names.",
        "SELECT ?n WHERE { ?a ca:ref-patient_id ?p ; ca:ref-doctor_id ?d . ?p cp:name ?n } GROUP BY ?p ?n "
        "HAVING(COUNT(DISTINCT ?d) > 2)",
    ),
    (
        "Show the doctor name and patient name of every appointment in 2024 that cost more than 100.",
        "SELECT ?dn ?pn WHERE { ?a ca:ref-doctor_id ?d ; ca:ref-patient_id ?p ; ca:fee ?f ; ca:appointment_date ?t . "
        "?d cd:name ?dn . ?p cp:name ?pn FILTER(?f > 100 && STRSTARTS(?t, '2024')) }",
    ),
]

FESTIVAL = [
    (
        "How many bands were formed after 2000?",
        "SELECT (COUNT(?b) AS ?n) WHERE { ?b fb:formed_year ?y FILTER(?y > 2000) }",
    ),
    (
        "What is the name of the band with the most members?",
        "SELECT ?n WHERE { ?b fb:name ?n ; fb:members ?m } ORDER BY DESC(?m) LIMIT 1",
    ),
    (
        "Show the names and cities of festivals held in 2023.",
        "SELECT ?n ?c WHERE { ?f ff:name ?n ; ff:city ?c ; ff:year 2023 }",
    ),
    (
        "List the names of the bands that have never performed at a festival.",
        "SELECT ?n WHERE { ?b a bk:band ; fb:name ?n FILTER NOT EXISTS { ?p fp:ref-band_id ?b } }",
    ),
    (
        "For each genre, how many bands are there?",
        "SELECT ?g (COUNT(?b) AS ?n) WHERE { ?b fb:genre ?g } GROUP BY ?g",
    ),
    (
        "What is the total attendance of all festivals held in Ostend?",
        "SELECT (SUM(?a) AS ?t) WHERE { ?f ff:city 'Ostend' ; ff:attendance ?a }",
    ),
    (
        "Which band played the most performances? Give its name.",
        "SELECT ?n WHERE { { SELECT ?b (COUNT(?p) AS ?c) WHERE { ?p fp:ref-band_id ?b } GROUP BY ?b } ?b fb:name ?n "
        "{ SELECT (MAX(?k) AS ?c) WHERE { { SELECT (COUNT(?q) AS ?k) WHERE { ?q fp:ref-band_id ?o } GROUP BY ?o } } } }",
    ),
    (
        "Show the names of the bands that headlined a festival.",
        "SELECT DISTINCT ?n WHERE { ?p fp:headliner 'T' ; fp:ref-band_id ?b . ?b fb:name ?n }",
    ),
    (
        "What is the average fee paid for performances on the main stage?",
        "SELECT (AVG(?f) AS ?v) WHERE { ?p fp:stage 'Main' ; fp:fee ?f }",
    ),
    (
        "Which countries have more than one band? List them.",
        "SELECT ?c WHERE { ?b fb:country ?c } GROUP BY ?c HAVING(COUNT(?b) > 1)",
    ),
    (
        "Show the name of each band and the total fee it earned.",
        "SELECT ?n (SUM(?f) AS ?t) WHERE { ?p fp:ref-band_id ?b ; fp:fee ?f . ?b fb:name ?n } GROUP BY ?b ?n",
    ),
    (
        "Which band earned the most in fees in total?",
        "SELECT ?n WHERE { ?p fp:ref-band_id ?b ; fp:fee ?f . ?b fb:name ?n } GROUP BY ?b ?n "
        "ORDER BY DESC(SUM(?f)) LIMIT 1",
    ),
    (
        "List the names of bands whose name contains the word 'Moon'.",
        "SELECT ?n WHERE { ?b fb:name ?n FILTER(CONTAINS(?n, 'Moon')) }",
    ),
    (
        "What are the names of the bands that performed at festivals in both 2022 and 2024?",
        "SELECT DISTINCT ?n WHERE { ?b fb:name ?n . ?p1 fp:ref-band_id ?b ; fp:ref-festival_id ?f1 . ?f1 ff:year 2022 . "
        "?p2 fp:ref-band_id ?b ; fp:ref-festival_id ?f2 . ?f2 ff:year 2024 }",
    ),
    (
        "Show the genres shared by bands formed before 1990 and bands formed after 2010.",
        "SELECT DISTINCT ?g WHERE { ?a fb:genre ?g ; fb:formed_year ?y1 . ?b fb:genre ?g ; fb:formed_year ?y2 "
        "FILTER(?y1 < 1990 && ?y2 > 2010) }",
    ),
    (
        "What is the average attendance of festivals in each city?",
        "SELECT ?c (AVG(?a) AS ?v) WHERE { ?f ff:city ?c ; ff:attendance ?a } GROUP BY ?c",
    ),
    (
        "How many performances did The Copper Moons give?",
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p fp:ref-band_id ?b . ?b fb:name 'The Copper Moons' }",
    ),
    (
        "List the band names in ascending order of the year they were formed.",
        "SELECT ?n WHERE { ?b fb:name ?n ; fb:formed_year ?y } ORDER BY ?y",
    ),
    (
        "What is the longest set in minutes played at Castle Jazz Days?",
        "SELECT (MAX(?m) AS ?v) WHERE { ?p fp:set_minutes ?m ; fp:ref-festival_id ?f . ?f ff:name 'Castle Jazz Days' }",
    ),
    (
        "Which bands from Belgium played on the tent stage? Give their names.",
        "SELECT DISTINCT ?n WHERE { ?b fb:country 'Belgium' ; fb:name ?n . ?p fp:ref-band_id ?b ; fp:stage 'Tent' }",
    ),
    (
        "Show the name and year of the festival with the highest attendance.",
        "SELECT ?n ?y WHERE { ?f ff:name ?n ; ff:year ?y ; ff:attendance ?a } ORDER BY DESC(?a) LIMIT 1",
    ),
    (
        "How many different bands played at Riverside Sounds?",
        "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?p fp:ref-band_id ?b ; fp:ref-festival_id ?f . "
        "?f ff:name 'Riverside Sounds' }",
    ),
    (
        "What are the minimum, average and maximum number of members of rock bands?",
        "SELECT (MIN(?m) AS ?lo) (AVG(?m) AS ?av) (MAX(?m) AS ?hi) WHERE { ?b fb:genre 'Rock' ; fb:members ?m }",
    ),
    (
        "Show the names of bands that played at more than 3 festivals, with the number of festivals.",
        "SELECT ?n (COUNT(DISTINCT ?f) AS ?c) WHERE { ?p fp:ref-band_id ?b ; fp:ref-festival_id ?f . ?b fb:name ?n } "
        "GROUP BY ?b ?n HAVING(COUNT(DISTINCT ?f) > 3)",
    ),
    (
        "Which festivals had no headliner from Ireland? List their names and years.",
        "SELECT ?n ?y WHERE { ?f a bk:festival ; ff:name ?n ; ff:year ?y FILTER NOT EXISTS { ?p fp:ref-festival_id ?f ; "
        "fp:headliner 'T' ; fp:ref-band_id ?b . ?b fb:country 'Ireland' } }",
    ),
    (
        "What is the genre of the band that was paid the highest single fee?",
        "SELECT DISTINCT ?g WHERE { ?p fp:fee ?f ; fp:ref-band_id ?b . ?b fb:genre ?g "
        "{ SELECT (MAX(?x) AS ?hi) WHERE { ?q fp:fee ?x } } FILTER(?f = ?hi) }",
    ),
    (
        "List the distinct stages used at festivals in Ghent.",
        "SELECT DISTINCT ?s WHERE { ?p fp:stage ?s ; fp:ref-festival_id ?f . ?f ff:city 'Ghent' }",
    ),
    (
        "Count the performances that lasted between 50 and 75 minutes.",
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p fp:set_minutes ?m FILTER(?m >= 50 && ?m <= 75) }",
    ),
    (
        "Show the name of each festival with the number of bands that performed there, ordered by that number "
        "descending.",
        "SELECT ?n (COUNT(?p) AS ?c) WHERE { ?p fp:ref-festival_id ?f . ?f ff:name ?n } GROUP BY ?f ?n "
        "ORDER BY DESC(?c)",
    ),
    (
        "Is there a jazz band from Germany?",
        "ASK { ?b fb:genre 'Jazz' ; fb:country 'Germany' }",
    ),
]

MATCHES = [
    ("How many players are older than 30?", "SELECT (COUNT(?p) AS ?n) WHERE { ?p mp:age ?a FILTER(?a > 30) }"),
    (
        "List the names of players in descending order of salary.",
        "SELECT ?n WHERE { ?p mp:name ?n ; mp:salary ?s } ORDER BY DESC(?s)",
    ),
    ("What is the name of the youngest player?", "SELECT ?n WHERE { ?p mp:name ?n ; mp:age ?a } ORDER BY ?a LIMIT 1"),
    (
        "Which team played the most home matches?",
        "SELECT ?n WHERE { ?m mm:ref-home_team_id ?t . ?t mt:name ?n } GROUP BY ?t ?n ORDER BY DESC(COUNT(?m)) LIMIT 1",
    ),
    (
        "Which teams have never played a home match? Give their names.",
        "SELECT ?n WHERE { ?t a bk:team ; mt:name ?n FILTER NOT EXISTS { ?m mm:ref-home_team_id ?t } }",
    ),
    (
        "What is the average attendance of the matches in which Harbor Lions played at home?",
        "SELECT (AVG(?a) AS ?v) WHERE { ?m mm:ref-home_team_id ?t ; mm:attendance ?a . ?t mt:name 'Harbor Lions' }",
    ),
    (
        "Show the names of players and the names of their teams.",
        "SELECT ?p ?t WHERE { ?x mp:name ?p ; mp:ref-team_id ?y . ?y mt:name ?t }",
    ),
    (
        "What is the total salary of the players of each team? Show the team names.",
        "SELECT ?n (SUM(?s) AS ?t) WHERE { ?p mp:ref-team_id ?x ; mp:salary ?s . ?x mt:name ?n } GROUP BY ?x ?n",
    ),
    (
        "Which team has the highest average player age?",
        "SELECT ?n WHERE { ?p mp:ref-team_id ?x ; mp:age ?a . ?x mt:name ?n } GROUP BY ?x ?n ORDER BY DESC(AVG(?a)) LIMIT 1",
    ),
    (
        "How many matches had more than 3 home goals?",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m mm:home_goals ?g FILTER(?g > 3) }",
    ),
    (
        "Show each position and the number of players in it.",
        "SELECT ?p (COUNT(?x) AS ?n) WHERE { ?x mp:position ?p } GROUP BY ?p",
    ),
    (
        "Find the names of players whose team was founded before 1950.",
        "SELECT ?n WHERE { ?p mp:name ?n ; mp:ref-team_id ?t . ?t mt:founded ?f FILTER(?f < 1950) }",
    ),
    (
        "Which cities have more than one team?",
        "SELECT ?c WHERE { ?t mt:city ?c } GROUP BY ?c HAVING(COUNT(?t) > 1)",
    ),
    (
        "Who is the youngest goalkeeper?",
        "SELECT ?n WHERE { ?p mp:position 'Goalkeeper' ; mp:name ?n ; mp:age ?a } ORDER BY ?a LIMIT 1",
    ),
    (
        "What is the highest attendance of a match played in 2023?",
        "SELECT (MAX(?a) AS ?v) WHERE { ?m mm:attendance ?a ; mm:match_date ?d FILTER(STRSTARTS(?d, '2023')) }",
    ),
    (
        "List the dates of the matches in which the away goals were more than the home goals.",
        "SELECT ?d WHERE { ?m mm:match_date ?d ; mm:home_goals ?h ; mm:away_goals ?a FILTER(?a > ?h) }",
    ),
    (
        "What are the names of the forwards who earn a salary of more than 60000?",
        "SELECT ?n WHERE { ?p mp:position 'Forward' ; mp:name ?n ; mp:salary ?s FILTER(?s > 60000) }",
    ),
    ("How many different positions are there?", "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?x mp:position ?p }"),
    (
        "What is the average salary of midfielders?",
        "SELECT (AVG(?s) AS ?v) WHERE { ?p mp:position 'Midfielder' ; mp:salary ?s }",
    ),
    (
        "Show the name of the team of the highest paid player.",
        "SELECT ?n WHERE { ?p mp:salary ?s ; mp:ref-team_id ?t . ?t mt:name ?n } ORDER BY DESC(?s) LIMIT 1",
    ),
    (
        "Which teams were founded after 1940 and are based in Leeds?",
        "SELECT ?n WHERE { ?t mt:name ?n ; mt:founded ?f ; mt:city 'Leeds' FILTER(?f > 1940) }",
    ),
    (
        "How many away matches did North Gate United play?",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m mm:ref-away_team_id ?t . ?t mt:name 'North Gate United' }",
    ),
    (
        "List the names of the teams with at least 3 players.",
        "SELECT ?n WHERE { ?p mp:ref-team_id ?t . ?t mt:name ?n } GROUP BY ?t ?n HAVING(COUNT(?p) >= 3)",
    ),
    (
        "What are the name and city of the oldest team?",
        "SELECT ?n ?c WHERE { ?t mt:name ?n ; mt:city ?c ; mt:founded ?f } ORDER BY ?f LIMIT 1",
    ),
    (
        "Which players younger than 25 are not goalkeepers? Give their names.",
        "SELECT ?n WHERE { ?p mp:name ?n ; mp:age ?a ; mp:position ?o FILTER(?a < 25 && ?o != 'Goalkeeper') }",
    ),
    (
        "What is the total attendance of the home matches of teams from Leeds?",
        "SELECT (SUM(?a) AS ?v) WHERE { ?m mm:ref-home_team_id ?t ; mm:attendance ?a . ?t mt:city 'Leeds' }",
    ),
    ("Is there a player older than 40?", "ASK { ?p mp:age ?a FILTER(?a > 40) }"),
    (
        "Show the names of the teams whose players earn more than 50000 on average.",
        "SELECT ?n WHERE { ?p mp:ref-team_id ?t ; mp:salary ?s . ?t mt:name ?n } GROUP BY ?t ?n HAVING(AVG(?s) > 50000)",
    ),
]

GYM = [
    ("How many trainers are certified?", "SELECT (COUNT(?t) AS ?n) WHERE { ?t gt:certified 'Y' }"),
    (
        "What are the names of the trainers with more than 5 years of experience?",
        "SELECT ?n WHERE { ?t gt:years_experience ?y ; gt:ref-person_id ?p . ?p gp:name ?n FILTER(?y > 5) }",
    ),
    (
        "What is the average age of the members?",
        "SELECT (AVG(?a) AS ?v) WHERE { ?m a bk:member ; bmb:ref-person_id ?p . ?p gp:age ?a }",
    ),
    (
        "List the names of the members at Gold level.",
        "SELECT ?n WHERE { ?m bmb:level 'Gold' ; bmb:ref-person_id ?p . ?p gp:name ?n }",
    ),
    (
        "Which city do the most people live in?",
        "SELECT ?c WHERE { ?p gp:city ?c } GROUP BY ?c ORDER BY DESC(COUNT(?p)) LIMIT 1",
    ),
    (
        "Show the title of each class and the name of its trainer.",
        "SELECT ?c ?n WHERE { ?k gc:title ?c ; gc:ref-trainer_id ?t . ?t gt:ref-person_id ?p . ?p gp:name ?n }",
    ),
    (
        "What is the name of the trainer with the highest hourly rate?",
        "SELECT ?n WHERE { ?t gt:hourly_rate ?r ; gt:ref-person_id ?p . ?p gp:name ?n } ORDER BY DESC(?r) LIMIT 1",
    ),
    (
        "How many classes does each trainer teach? Show the trainer names and the counts.",
        "SELECT ?n (COUNT(?k) AS ?c) WHERE { ?k gc:ref-trainer_id ?t . ?t gt:ref-person_id ?p . ?p gp:name ?n } "
        "GROUP BY ?t ?n",
    ),
    (
        "Which classes have never been attended? Give their titles.",
        "SELECT ?c WHERE { ?k a bk:class ; gc:title ?c FILTER NOT EXISTS { ?a ga:ref-class_id ?k } }",
    ),
    (
        "What is the average rating of the class Spin Basics?",
        "SELECT (AVG(?r) AS ?v) WHERE { ?a ga:ref-class_id ?k ; ga:rating ?r . ?k gc:title 'Spin Basics' }",
    ),
    (
        "Find the names of the members who attended a class held on Friday.",
        "SELECT DISTINCT ?n WHERE { ?a ga:ref-member_id ?m ; ga:ref-class_id ?k . ?k gc:weekday 'Friday' . "
        "?m bmb:ref-person_id ?p . ?p gp:name ?n }",
    ),
    ("How many members joined after 2020?", "SELECT (COUNT(?m) AS ?n) WHERE { ?m bmb:join_year ?y FILTER(?y > 2020) }"),
    ("What are the distinct membership levels?", "SELECT DISTINCT ?l WHERE { ?m bmb:level ?l }"),
    (
        "What are the minimum and maximum capacity of the classes?",
        "SELECT (MIN(?c) AS ?lo) (MAX(?c) AS ?hi) WHERE { ?k gc:capacity ?c }",
    ),
    (
        "List the titles of the classes in ascending order of capacity.",
        "SELECT ?t WHERE { ?k gc:title ?t ; gc:capacity ?c } ORDER BY ?c",
    ),
    (
        "What is the most common membership level?",
        "SELECT ?l WHERE { ?m bmb:level ?l } GROUP BY ?l ORDER BY DESC(COUNT(?m)) LIMIT 1",
    ),
    (
        "Which class has the most attendances? Give its title.",
        "SELECT ?t WHERE { ?a ga:ref-class_id ?k . ?k gc:title ?t } GROUP BY ?k ?t ORDER BY DESC(COUNT(?a)) LIMIT 1",
    ),
    (
        "What are the names of the members who attended at least 4 times?",
        "SELECT ?n WHERE { ?a ga:ref-member_id ?m . ?m bmb:ref-person_id ?p . ?p gp:name ?n } GROUP BY ?m ?n "
        "HAVING (COUNT(?a) >= 4)",
    ),
    (
        "What is the total capacity of the classes taught by certified trainers?",
        "SELECT (SUM(?c) AS ?v) WHERE { ?k gc:capacity ?c ; gc:ref-trainer_id ?t . ?t gt:certified 'Y' }",
    ),
    (
        "Which trainers are older than 40? List their names.",
        "SELECT ?n WHERE { ?t gt:ref-person_id ?p . ?p gp:name ?n ; gp:age ?a FILTER(?a > 40) }",
    ),
    (
        "Find the rooms that have classes on both Monday and Friday.",
        "SELECT DISTINCT ?r WHERE { ?k1 gc:room ?r ; gc:weekday 'Monday' . ?k2 gc:room ?r ; gc:weekday 'Friday' }",
    ),
    (
        "How many female members are there?",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m bmb:ref-person_id ?p . ?p gp:sex 'F' }",
    ),
    (
        "Show each weekday and the number of classes on it.",
        "SELECT ?d (COUNT(?k) AS ?n) WHERE { ?k gc:weekday ?d } GROUP BY ?d",
    ),
    (
        "What is the hourly rate of the trainer who teaches Power Yoga?",
        "SELECT ?r WHERE { ?k gc:title 'Power Yoga' ; gc:ref-trainer_id ?t . ?t gt:hourly_rate ?r }",
    ),
    ("Is there a class with a capacity of more than 28?", "ASK { ?k gc:capacity ?c FILTER(?c > 28) }"),
    (
        "List the names of the members who have not attended any class.",
        "SELECT ?n WHERE { ?m a bk:member ; bmb:ref-person_id ?p . ?p gp:name ?n "
        "FILTER NOT EXISTS { ?a ga:ref-member_id ?m } }",
    ),
    (
        "Which members were referred by Britt Sandell? Give their names.",
        "SELECT ?n WHERE { ?m bmb:ref-referred_by ?r ; bmb:ref-person_id ?p . ?p gp:name ?n . "
        "?r bmb:ref-person_id ?q . ?q gp:name 'Britt Sandell' }",
    ),
    (
        "How many attendances were recorded in 2024?",
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a ga:visit_date ?d FILTER(STRSTARTS(?d, '2024')) }",
    ),
    (
        "What are the names and ages of the people who live in Orebro?",
        "SELECT ?n ?a WHERE { ?p gp:city 'Orebro' ; gp:name ?n ; gp:age ?a }",
    ),
    (
        "What is the average hourly rate of the trainers who are not certified?",
        "SELECT (AVG(?r) AS ?v) WHERE { ?t gt:hourly_rate ?r ; gt:certified 'N' }",
    ),
    (
        "Which trainer teaches the classes with the largest total capacity? Give the name.",
        "SELECT ?n WHERE { ?k gc:ref-trainer_id ?t ; gc:capacity ?c . ?t gt:ref-person_id ?p . ?p gp:name ?n } "
        "GROUP BY ?t ?n ORDER BY DESC(SUM(?c)) LIMIT 1",
    ),
    (
        "Show the titles of the classes whose capacity is above the average capacity.",
        "SELECT ?t WHERE { ?k gc:title ?t ; gc:capacity ?c . { SELECT (AVG(?x) AS ?avg) WHERE { ?j gc:capacity ?x } } "
        "FILTER(?c > ?avg) }",
    ),
]

INSTITUTE = [
    ("How many researchers are there?", "SELECT (COUNT(?r) AS ?n) WHERE { ?r a bk:researcher }"),
    (
        "What are the ids and names of the researchers born after 1990?",
        "SELECT ?i ?n WHERE { ?r ir:researcher_id ?i ; ir:name ?n ; ir:birth_year ?y FILTER(?y > 1990) }",
    ),
    (
        "Count the number of different nationalities of the researchers.",
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?r ir:nationality ?c }",
    ),
    (
        "List the names of the labs in descending order of budget.",
        "SELECT ?n WHERE { ?l il:name ?n ; il:budget_million ?b } ORDER BY DESC(?b)",
    ),
    (
        "What is the total amount of the grants from the EuroTech Council?",
        "SELECT (SUM(?a) AS ?v) WHERE { ?g ig:agency 'EuroTech Council' ; ig:amount ?a }",
    ),
    (
        "Which lab received the most grants? Give its name.",
        "SELECT ?n WHERE { ?g ig:ref-lab_id ?l . ?l il:name ?n } GROUP BY ?l ?n ORDER BY DESC(COUNT(?g)) LIMIT 1",
    ),
    (
        "Find the names of the researchers who mentor at least two researchers.",
        "SELECT ?n WHERE { ?m im:ref-mentor_id ?r . ?r ir:name ?n } GROUP BY ?r ?n HAVING (COUNT(?m) >= 2)",
    ),
    (
        "Who are the mentors of Carmen Duarte?",
        "SELECT ?n WHERE { ?m im:ref-mentee_id ?e ; im:ref-mentor_id ?r . ?e ir:name 'Carmen Duarte' . ?r ir:name ?n }",
    ),
    (
        "Which researchers have no mentor? Give their names.",
        "SELECT ?n WHERE { ?r a bk:researcher ; ir:name ?n FILTER NOT EXISTS { ?m im:ref-mentee_id ?r } }",
    ),
    (
        "What is the average number of citations of the publications from after 2020?",
        "SELECT (AVG(?c) AS ?v) WHERE { ?p ip:citations ?c ; ip:year ?y FILTER(?y > 2020) }",
    ),
    (
        "Which researcher has the most citations in total? Give the name.",
        "SELECT ?n WHERE { ?p ip:ref-researcher_id ?r ; ip:citations ?c . ?r ir:name ?n } GROUP BY ?r ?n "
        "ORDER BY DESC(SUM(?c)) LIMIT 1",
    ),
    (
        "Show the name of each lab and the number of researchers in it.",
        "SELECT ?n (COUNT(?r) AS ?c) WHERE { ?r ir:ref-lab_id ?l . ?l il:name ?n } GROUP BY ?l ?n",
    ),
    (
        "What are the names of the researchers who work in labs in the North Wing?",
        "SELECT ?n WHERE { ?r ir:name ?n ; ir:ref-lab_id ?l . ?l il:building 'North Wing' }",
    ),
    (
        "What is the largest grant amount, and which agency gave it?",
        "SELECT ?a ?g WHERE { ?x ig:amount ?a ; ig:agency ?g } ORDER BY DESC(?a) LIMIT 1",
    ),
    (
        "What are the titles of the publications with more citations than the average?",
        "SELECT ?t WHERE { ?p ip:title ?t ; ip:citations ?c . { SELECT (AVG(?x) AS ?avg) WHERE { ?q ip:citations ?x } } "
        "FILTER(?c > ?avg) }",
    ),
    (
        "Which nationality do the most researchers have?",
        "SELECT ?c WHERE { ?r ir:nationality ?c } GROUP BY ?c ORDER BY DESC(COUNT(?r)) LIMIT 1",
    ),
    (
        "Find the names of the labs that have no grants.",
        "SELECT ?n WHERE { ?l a bk:lab ; il:name ?n FILTER NOT EXISTS { ?g ig:ref-lab_id ?l } }",
    ),
    (
        "What is the earliest start year of a grant from the Nordic Science Fund?",
        "SELECT (MIN(?y) AS ?v) WHERE { ?g ig:agency 'Nordic Science Fund' ; ig:start_year ?y }",
    ),
    (
        "How many publications were written by researchers of the Optics Lab?",
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p ip:ref-researcher_id ?r . ?r ir:ref-lab_id ?l . ?l il:name 'Optics Lab' }",
    ),
    (
        "Show the names of the researchers whose title is Prof and who were born before 1970.",
        "SELECT ?n WHERE { ?r ir:name ?n ; ir:title 'Prof' ; ir:birth_year ?y FILTER(?y < 1970) }",
    ),
    (
        "List the distinct buildings of the labs with a budget above 2 million.",
        "SELECT DISTINCT ?b WHERE { ?l il:building ?b ; il:budget_million ?m FILTER(?m > 2) }",
    ),
    (
        "Show the names of the mentors and the names of their mentees.",
        "SELECT ?a ?b WHERE { ?m im:ref-mentor_id ?x ; im:ref-mentee_id ?y . ?x ir:name ?a . ?y ir:name ?b }",
    ),
    (
        "For each agency, show the number of grants and the total amount.",
        "SELECT ?g (COUNT(?x) AS ?n) (SUM(?a) AS ?t) WHERE { ?x ig:agency ?g ; ig:amount ?a } GROUP BY ?g",
    ),
    ("Are there any researchers from Chile?", "ASK { ?r ir:nationality 'Chile' }"),
    (
        "What is the name of the oldest researcher?",
        "SELECT ?n WHERE { ?r ir:name ?n ; ir:birth_year ?y } ORDER BY ?y LIMIT 1",
    ),
    (
        "Show the titles of the publications by researchers who are not PhD students.",
        "SELECT ?t WHERE { ?p ip:title ?t ; ip:ref-researcher_id ?r . ?r ir:title ?x FILTER(?x != 'PhD') }",
    ),
    ("What is the total budget of all labs?", "SELECT (SUM(?b) AS ?v) WHERE { ?l il:budget_million ?b }"),
    (
        "Which labs have more than 2 researchers? Give their names.",
        "SELECT ?n WHERE { ?r ir:ref-lab_id ?l . ?l il:name ?n } GROUP BY ?l ?n HAVING (COUNT(?r) > 2)",
    ),
    (
        "What is the name of the researcher who wrote the publication Carbon Sensors?",
        "SELECT ?n WHERE { ?p ip:title 'Carbon Sensors' ; ip:ref-researcher_id ?r . ?r ir:name ?n }",
    ),
    (
        "Which researchers have been mentoring since before 2015? Give their names.",
        "SELECT DISTINCT ?n WHERE { ?m im:ref-mentor_id ?r ; im:since_year ?y . ?r ir:name ?n FILTER(?y < 2015) }",
    ),
]

THEATRE = [
    (
        "What are the names of the actors who have appeared in more than one play?",
        "SELECT ?n WHERE { ?c tc:ref-actor_id ?a . ?a ta:name ?n } GROUP BY ?a ?n HAVING (COUNT(?c) > 1)",
    ),
    (
        "List the names of the actors who have not been cast in any play.",
        "SELECT ?n WHERE { ?a a bk:actor ; ta:name ?n FILTER NOT EXISTS { ?c tc:ref-actor_id ?a } }",
    ),
    (
        "What is the total attendance of the performances of The Salt Road?",
        "SELECT (SUM(?x) AS ?v) WHERE { ?p fp:ref-play_id ?y ; fp:attendance ?x . ?y tp:title 'The Salt Road' }",
    ),
    (
        "Show the name of the theatre that hosted the most performances.",
        "SELECT ?n WHERE { ?p fp:ref-theatre_id ?t . ?t th:name ?n } GROUP BY ?t ?n ORDER BY DESC(COUNT(?p)) LIMIT 1",
    ),
    (
        "Which actors played in both The Salt Road and Glasshouse? Give their names.",
        "SELECT ?n WHERE { ?a ta:name ?n . ?c1 tc:ref-actor_id ?a ; tc:ref-play_id ?p1 . ?p1 tp:title 'The Salt Road' . "
        "?c2 tc:ref-actor_id ?a ; tc:ref-play_id ?p2 . ?p2 tp:title 'Glasshouse' }",
    ),
    (
        "How many theatres are there in each city?",
        "SELECT ?c (COUNT(?t) AS ?n) WHERE { ?t th:city ?c } GROUP BY ?c",
    ),
    (
        "Find the names of the theatres whose capacity is between 300 and 600.",
        "SELECT ?n WHERE { ?t th:name ?n ; th:capacity ?c FILTER(?c >= 300 && ?c <= 600) }",
    ),
    (
        "What is the earliest performance date of A Winter Ledger?",
        "SELECT (MIN(?d) AS ?v) WHERE { ?p fp:ref-play_id ?y ; fp:performance_date ?d . ?y tp:title 'A Winter Ledger' }",
    ),
    ("Show the titles of the plays in alphabetical order.", "SELECT ?t WHERE { ?p tp:title ?t } ORDER BY ?t"),
    (
        "What are the names of the actors who are older than the average age of all actors?",
        "SELECT ?n WHERE { ?a ta:name ?n ; ta:age ?g . { SELECT (AVG(?x) AS ?avg) WHERE { ?b ta:age ?x } } "
        "FILTER(?g > ?avg) }",
    ),
    (
        "What role did Fionn Gill play in Five Small Doors?",
        "SELECT ?r WHERE { ?c tc:ref-actor_id ?a ; tc:ref-play_id ?p ; tc:role ?r . ?a ta:name 'Fionn Gill' . "
        "?p tp:title 'Five Small Doors' }",
    ),
    (
        "Show each actor's name and the number of roles they have played.",
        "SELECT ?n (COUNT(?c) AS ?k) WHERE { ?c tc:ref-actor_id ?a . ?a ta:name ?n } GROUP BY ?a ?n",
    ),
    (
        "Which theatre has the largest capacity? Show its name and city.",
        "SELECT ?n ?c WHERE { ?t th:name ?n ; th:city ?c ; th:capacity ?k } ORDER BY DESC(?k) LIMIT 1",
    ),
    (
        "What is the name of the youngest actor in the cast of Borrowed Light?",
        "SELECT ?n WHERE { ?c tc:ref-actor_id ?a ; tc:ref-play_id ?p . ?p tp:title 'Borrowed Light' . "
        "?a ta:name ?n ; ta:age ?g } ORDER BY ?g LIMIT 1",
    ),
    (
        "Did Hugh Iver play in Glasshouse?",
        "ASK { ?c tc:ref-actor_id ?a ; tc:ref-play_id ?p . ?a ta:name 'Hugh Iver' . ?p tp:title 'Glasshouse' }",
    ),
    (
        "Which plays were written by Maeve Quill? List their titles.",
        "SELECT ?t WHERE { ?p tp:title ?t ; tp:author 'Maeve Quill' }",
    ),
    (
        "How many performances were there at theatres in Galway?",
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p fp:ref-theatre_id ?t . ?t th:city 'Galway' }",
    ),
    (
        "What is the average attendance of the performances at each theatre? Show the theatre names.",
        "SELECT ?n (AVG(?x) AS ?v) WHERE { ?p fp:ref-theatre_id ?t ; fp:attendance ?x . ?t th:name ?n } GROUP BY ?t ?n",
    ),
    (
        "Which genre has the most plays?",
        "SELECT ?g WHERE { ?p tp:genre ?g } GROUP BY ?g ORDER BY DESC(COUNT(?p)) LIMIT 1",
    ),
    (
        "List the titles of the plays written after 2000 that are comedies.",
        "SELECT ?t WHERE { ?p tp:title ?t ; tp:genre 'Comedy' ; tp:year_written ?y FILTER(?y > 2000) }",
    ),
    (
        "Show the names of the actors from Galway and the roles they played.",
        "SELECT ?n ?r WHERE { ?a ta:name ?n ; ta:hometown 'Galway' . ?c tc:ref-actor_id ?a ; tc:role ?r }",
    ),
    (
        "What is the name of the oldest theatre?",
        "SELECT ?n WHERE { ?t th:name ?n ; th:opened ?o } ORDER BY ?o LIMIT 1",
    ),
    (
        "How many different authors have written plays?",
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?p tp:author ?a }",
    ),
    (
        "Which plays have never been performed at Quay Stage? Give their titles.",
        "SELECT ?t WHERE { ?p a bk:play ; tp:title ?t FILTER NOT EXISTS { ?f fp:ref-play_id ?p ; fp:ref-theatre_id ?q . "
        "?q th:name 'Quay Stage' } }",
    ),
    (
        "What are the titles of the plays performed in 2023 with an attendance above 500?",
        "SELECT DISTINCT ?t WHERE { ?f fp:ref-play_id ?p ; fp:attendance ?x ; fp:performance_date ?d . ?p tp:title ?t "
        "FILTER(?x > 500 && STRSTARTS(?d, '2023')) }",
    ),
    (
        "Who wrote the play in which Eimear Fox played the Lodger?",
        "SELECT ?w WHERE { ?c tc:ref-actor_id ?a ; tc:ref-play_id ?p ; tc:role 'Lodger' . ?a ta:name 'Eimear Fox' . "
        "?p tp:author ?w }",
    ),
]

ZOO = [
    (
        "How many animals are there in each zone?",
        "SELECT ?z (COUNT(?a) AS ?n) WHERE { ?a za:ref-enclosure_id ?e . ?e ze:zone ?z } GROUP BY ?z",
    ),
    (
        "What are the names of the keepers who fed animals in the Savanna zone?",
        "SELECT DISTINCT ?n WHERE { ?f zf:ref-keeper_id ?k ; zf:ref-animal_id ?a . ?a za:ref-enclosure_id ?e . "
        "?e ze:zone 'Savanna' . ?k zk:name ?n }",
    ),
    (
        "List each species and the number of animals of that species.",
        "SELECT ?s (COUNT(?a) AS ?n) WHERE { ?a za:species ?s } GROUP BY ?s",
    ),
    (
        "What is the name of the heaviest animal?",
        "SELECT ?n WHERE { ?a za:name ?n ; za:weight_kg ?w } ORDER BY DESC(?w) LIMIT 1",
    ),
    (
        "Which keepers have never fed a seal? Give their names.",
        "SELECT ?n WHERE { ?k a bk:keeper ; zk:name ?n FILTER NOT EXISTS { ?f zf:ref-keeper_id ?k ; zf:ref-animal_id ?a . "
        "?a za:species 'Seal' } }",
    ),
    (
        "What is the average weight of the animals born after 2015?",
        "SELECT (AVG(?w) AS ?v) WHERE { ?a za:weight_kg ?w ; za:birth_year ?y FILTER(?y > 2015) }",
    ),
    (
        "What is the total amount of food given by each keeper? Show the keeper names.",
        "SELECT ?n (SUM(?x) AS ?t) WHERE { ?f zf:ref-keeper_id ?k ; zf:food_kg ?x . ?k zk:name ?n } GROUP BY ?k ?n",
    ),
    (
        "Show the name of the enclosure with the largest area.",
        "SELECT ?n WHERE { ?e ze:name ?n ; ze:area_sqm ?x } ORDER BY DESC(?x) LIMIT 1",
    ),
    (
        "Which enclosures hold more than 2 animals? Give their names.",
        "SELECT ?n WHERE { ?a za:ref-enclosure_id ?e . ?e ze:name ?n } GROUP BY ?e ?n HAVING (COUNT(?a) > 2)",
    ),
    (
        "What are the names and species of the animals in the Rock Pool enclosure?",
        "SELECT ?n ?s WHERE { ?a za:name ?n ; za:species ?s ; za:ref-enclosure_id ?e . ?e ze:name 'Rock Pool' }",
    ),
    (
        "Which keeper earns the highest salary?",
        "SELECT ?n WHERE { ?k zk:name ?n ; zk:salary ?s } ORDER BY DESC(?s) LIMIT 1",
    ),
    (
        "How many keepers were hired before 2015?",
        "SELECT (COUNT(?k) AS ?n) WHERE { ?k zk:hired_year ?y FILTER(?y < 2015) }",
    ),
    (
        "What is the species of the youngest animal?",
        "SELECT ?s WHERE { ?a za:species ?s ; za:birth_year ?y } ORDER BY DESC(?y) LIMIT 1",
    ),
    (
        "List the names of the keepers whose salary is higher than the average salary.",
        "SELECT ?n WHERE { ?k zk:name ?n ; zk:salary ?s . { SELECT (AVG(?x) AS ?avg) WHERE { ?j zk:salary ?x } } "
        "FILTER(?s > ?avg) }",
    ),
    (
        "What are the minimum, maximum and average weight of the animals?",
        "SELECT (MIN(?w) AS ?lo) (MAX(?w) AS ?hi) (AVG(?w) AS ?av) WHERE { ?a za:weight_kg ?w }",
    ),
    (
        "Which animals have never been fed? Give their names.",
        "SELECT ?n WHERE { ?a a bk:animal ; za:name ?n FILTER NOT EXISTS { ?f zf:ref-animal_id ?a } }",
    ),
    ("How many different species are there?", "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?a za:species ?s }"),
    (
        "Show the names of the animals and the names of their enclosures.",
        "SELECT ?a ?e WHERE { ?x za:name ?a ; za:ref-enclosure_id ?y . ?y ze:name ?e }",
    ),
    (
        "What is the name of the keeper who fed the most different animals?",
        "SELECT ?n WHERE { ?f zf:ref-keeper_id ?k ; zf:ref-animal_id ?a . ?k zk:name ?n } GROUP BY ?k ?n "
        "ORDER BY DESC(COUNT(DISTINCT ?a)) LIMIT 1",
    ),
    ("Is there any animal heavier than 1000 kg?", "ASK { ?a za:weight_kg ?w FILTER(?w > 1000) }"),
    (
        "What is the area of the enclosure where Msitu lives?",
        "SELECT ?x WHERE { ?a za:name 'Msitu' ; za:ref-enclosure_id ?e . ?e ze:area_sqm ?x }",
    ),
    (
        "How many feedings happened in March 2024?",
        "SELECT (COUNT(?f) AS ?n) WHERE { ?f zf:feed_date ?d FILTER(STRSTARTS(?d, '2024-03')) }",
    ),
    (
        "List the names of the animals in order of birth year, oldest first.",
        "SELECT ?n WHERE { ?a za:name ?n ; za:birth_year ?y } ORDER BY ?y",
    ),
    (
        "Which species has the highest average weight?",
        "SELECT ?s WHERE { ?a za:species ?s ; za:weight_kg ?w } GROUP BY ?s ORDER BY DESC(AVG(?w)) LIMIT 1",
    ),
    (
        "Did Per Aune feed Wimbi?",
        "ASK { ?f zf:ref-keeper_id ?k ; zf:ref-animal_id ?a . ?k zk:name 'Per Aune' . ?a za:name 'Wimbi' }",
    ),
    (
        "Which zones have an enclosure larger than 3000 square metres?",
        "SELECT DISTINCT ?z WHERE { ?e ze:zone ?z ; ze:area_sqm ?x FILTER(?x > 3000) }",
    ),
]

HARBOUR = [
    (
        "How many voyages did each ship make? Show the ship names and the counts.",
        "SELECT ?n (COUNT(?v) AS ?c) WHERE { ?v hv:ref-ship_id ?s . ?s hs:name ?n } GROUP BY ?s ?n",
    ),
    (
        "Which vessel has the largest tonnage?",
        "SELECT ?n WHERE { ?s hs:name ?n ; hs:gross_tonnage ?t } ORDER BY DESC(?t) LIMIT 1",
    ),
    (
        "Which port had the most arrivals?",
        "SELECT ?n WHERE { ?v hv:ref-arr_port_id ?p . ?p hp:name ?n } GROUP BY ?p ?n ORDER BY DESC(COUNT(?v)) LIMIT 1",
    ),
    (
        "From which port did the most voyages depart?",
        "SELECT ?n WHERE { ?v hv:ref-dep_port_id ?p . ?p hp:name ?n } GROUP BY ?p ?n ORDER BY DESC(COUNT(?v)) LIMIT 1",
    ),
    (
        "What are the names of the vessels sailing under the Panama flag?",
        "SELECT ?n WHERE { ?s hs:name ?n ; hs:flag 'Panama' }",
    ),
    (
        "List the name and built year of the ships built after 2010.",
        "SELECT ?n ?y WHERE { ?s hs:name ?n ; hs:built_year ?y FILTER(?y > 2010) }",
    ),
    (
        "What are the names of the companies whose ships sailed to Velmora?",
        "SELECT DISTINCT ?n WHERE { ?v hv:ref-arr_port_id ?p ; hv:ref-ship_id ?s . ?p hp:name 'Velmora' . "
        "?s hs:ref-company_id ?c . ?c hc:name ?n }",
    ),
    (
        "Which ships have never made a voyage?",
        "SELECT ?n WHERE { ?s a bk:ship ; hs:name ?n FILTER NOT EXISTS { ?v hv:ref-ship_id ?s } }",
    ),
    (
        "At which ports has no ship ever arrived?",
        "SELECT ?n WHERE { ?p a bk:port ; hp:name ?n FILTER NOT EXISTS { ?v hv:ref-arr_port_id ?p } }",
    ),
    (
        "Find the names of the ships that sailed from Lindgrund.",
        "SELECT DISTINCT ?n WHERE { ?v hv:ref-dep_port_id ?p ; hv:ref-ship_id ?s . ?p hp:name 'Lindgrund' . "
        "?s hs:name ?n }",
    ),
    (
        "What were the departure port and the arrival port of voyage 12?",
        "SELECT ?d ?a WHERE { ?v hv:voyage_id 12 ; hv:ref-dep_port_id ?p ; hv:ref-arr_port_id ?q . "
        "?p hp:name ?d . ?q hp:name ?a }",
    ),
    (
        "What cargo did voyage 7 carry, and how many tonnes of it?",
        "SELECT ?c ?t WHERE { ?v hv:voyage_id 7 ; hv:cargo_type ?c ; hv:cargo_tonnes ?t }",
    ),
    (
        "List the vessels whose gross tonnage is above the average.",
        "SELECT ?n WHERE { ?s hs:name ?n ; hs:gross_tonnage ?t . "
        "{ SELECT (AVG(?x) AS ?avg) WHERE { ?j hs:gross_tonnage ?x } } FILTER(?t > ?avg) }",
    ),
    (
        "Did any ship carry coal out of Castrel?",
        "ASK { ?v hv:cargo_type 'coal' ; hv:ref-dep_port_id ?p . ?p hp:name 'Castrel' }",
    ),
    (
        "Which ships have carried both grain and coal?",
        "SELECT DISTINCT ?n WHERE { ?v1 hv:ref-ship_id ?s ; hv:cargo_type 'grain' . ?v2 hv:ref-ship_id ?s ; "
        "hv:cargo_type 'coal' . ?s hs:name ?n }",
    ),
    (
        "List the name and flag of every ship owned by Skelby Maritime.",
        "SELECT ?n ?f WHERE { ?s hs:name ?n ; hs:flag ?f ; hs:ref-company_id ?c . ?c hc:name 'Skelby Maritime' }",
    ),
    (
        "How many voyages departed in 2023?",
        "SELECT (COUNT(?v) AS ?n) WHERE { ?v hv:departure_date ?d FILTER(STRSTARTS(?d, '2023')) }",
    ),
    (
        "Which ships made a voyage before 2023?",
        "SELECT DISTINCT ?n WHERE { ?v hv:ref-ship_id ?s ; hv:departure_date ?d . ?s hs:name ?n "
        "FILTER(?d < '2023-01-01') }",
    ),
    (
        "Show each company's name and the total tonnes of cargo carried by its ships, from the largest total to "
        "the smallest.",
        "SELECT ?n (SUM(?t) AS ?total) WHERE { ?v hv:ref-ship_id ?s ; hv:cargo_tonnes ?t . ?s hs:ref-company_id ?c . "
        "?c hc:name ?n } GROUP BY ?c ?n ORDER BY DESC(?total)",
    ),
    ("What are the different types of cargo?", "SELECT DISTINCT ?c WHERE { ?v hv:cargo_type ?c }"),
    (
        "List the names of the ships ordered by built year, newest first.",
        "SELECT ?n WHERE { ?s hs:name ?n ; hs:built_year ?y } ORDER BY DESC(?y)",
    ),
    (
        "Which companies do not own any ships?",
        "SELECT ?n WHERE { ?c a bk:company ; hc:name ?n FILTER NOT EXISTS { ?s hs:ref-company_id ?c } }",
    ),
    ("Which companies are headquartered in Ardmoor?", "SELECT ?n WHERE { ?c hc:name ?n ; hc:hq_city 'Ardmoor' }"),
    (
        "What is the deepest port, and in which country is it?",
        "SELECT ?n ?c WHERE { ?p hp:name ?n ; hp:country ?c ; hp:max_depth_m ?d } ORDER BY DESC(?d) LIMIT 1",
    ),
    (
        "How many ports have a maximum depth of more than 15 metres?",
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p hp:max_depth_m ?d FILTER(?d > 15) }",
    ),
    (
        "What are the names of the ships that failed an inspection?",
        "SELECT DISTINCT ?n WHERE { ?i hi:result 'FAIL' ; hi:ref-ship_id ?s . ?s hs:name ?n }",
    ),
    (
        "Which inspector gave the most FAIL results?",
        "SELECT ?p WHERE { ?i hi:inspector ?p ; hi:result 'FAIL' } GROUP BY ?p ORDER BY DESC(COUNT(?i)) LIMIT 1",
    ),
    (
        "What is the average cargo in tonnes of the voyages carrying containers?",
        "SELECT (AVG(?t) AS ?v) WHERE { ?x hv:cargo_type 'containers' ; hv:cargo_tonnes ?t }",
    ),
    (
        "Show the id and departure date of the voyages from Port Aldane to Marsholm.",
        "SELECT ?id ?d WHERE { ?v hv:voyage_id ?id ; hv:departure_date ?d ; hv:ref-dep_port_id ?p ; "
        "hv:ref-arr_port_id ?q . ?p hp:name 'Port Aldane' . ?q hp:name 'Marsholm' }",
    ),
    (
        "Which vessels departed from Port Aldane but never arrived there?",
        "SELECT DISTINCT ?n WHERE { ?v hv:ref-ship_id ?s ; hv:ref-dep_port_id ?p . ?p hp:name 'Port Aldane' . "
        "?s hs:name ?n FILTER NOT EXISTS { ?w hv:ref-ship_id ?s ; hv:ref-arr_port_id ?p } }",
    ),
    (
        "What is the name of the oldest ship, and which company owns it?",
        "SELECT ?n ?c WHERE { ?s hs:name ?n ; hs:built_year ?y ; hs:ref-company_id ?k . ?k hc:name ?c } "
        "ORDER BY ?y LIMIT 1",
    ),
    (
        "Which ships made more than 3 voyages?",
        "SELECT ?n WHERE { ?v hv:ref-ship_id ?s . ?s hs:name ?n } GROUP BY ?s ?n HAVING (COUNT(?v) > 3)",
    ),
]


COUNCIL = [
    (
        "How many councillors does each party have? Show the party names and the counts.",
        "SELECT ?n (COUNT(?c) AS ?k) WHERE { ?c qc:ref-party_id ?p . ?p qp:name ?n } GROUP BY ?p ?n",
    ),
    (
        "Which district has the largest population?",
        "SELECT ?n WHERE { ?w qw:name ?n ; qw:population ?x } ORDER BY DESC(?x) LIMIT 1",
    ),
    (
        "Which councillor proposed the most motions? Give the first and last name.",
        "SELECT ?f ?l WHERE { ?m qm:ref-proposer_id ?c . ?c qc:first_name ?f ; qc:last_name ?l } "
        "GROUP BY ?c ?f ?l ORDER BY DESC(COUNT(?m)) LIMIT 1",
    ),
    ("List the titles of the motions that passed.", "SELECT ?t WHERE { ?m qm:title ?t ; qm:status 'PASSED' }"),
    (
        "What are the first and last names of the party chairs?",
        "SELECT ?f ?l WHERE { ?c qc:is_chair 'Y' ; qc:first_name ?f ; qc:last_name ?l }",
    ),
    (
        "Which parties do the councillors who voted against 'Raise the council tax by 2 percent' belong to?",
        "SELECT DISTINCT ?n WHERE { ?v qv:ref-motion_id ?m ; qv:ref-councillor_id ?c ; qv:choice 'AGAINST' . "
        "?m qm:title 'Raise the council tax by 2 percent' . ?c qc:ref-party_id ?p . ?p qp:name ?n }",
    ),
    (
        "Which council members have never proposed a motion? Give their first and last names.",
        "SELECT ?f ?l WHERE { ?c a bk:councillor ; qc:first_name ?f ; qc:last_name ?l "
        "FILTER NOT EXISTS { ?m qm:ref-proposer_id ?c } }",
    ),
    (
        "List the first and last names of the councillors who did not vote on any motion.",
        "SELECT ?f ?l WHERE { ?c a bk:councillor ; qc:first_name ?f ; qc:last_name ?l "
        "FILTER NOT EXISTS { ?v qv:ref-councillor_id ?c } }",
    ),
    (
        "Which party does not have a chair?",
        "SELECT ?n WHERE { ?p a bk:party ; qp:name ?n FILTER NOT EXISTS { ?c qc:ref-party_id ?p ; qc:is_chair 'Y' } }",
    ),
    (
        "Show the names of the wards whose population is above the average ward population.",
        "SELECT ?n WHERE { ?w qw:name ?n ; qw:population ?x . "
        "{ SELECT (AVG(?y) AS ?avg) WHERE { ?u qw:population ?y } } FILTER(?x > ?avg) }",
    ),
    (
        "Did Nadia Carrow vote in favour of the motion 'Rent cap for council flats'?",
        "ASK { ?v qv:ref-councillor_id ?c ; qv:ref-motion_id ?m ; qv:choice 'FOR' . "
        "?c qc:first_name 'Nadia' ; qc:last_name 'Carrow' . ?m qm:title 'Rent cap for council flats' }",
    ),
    (
        "Which wards have councillors from both the Green Alliance and the Civic Labour Party?",
        "SELECT DISTINCT ?n WHERE { ?a qc:ref-ward_id ?w ; qc:ref-party_id ?p1 . ?p1 qp:name 'Green Alliance' . "
        "?b qc:ref-ward_id ?w ; qc:ref-party_id ?p2 . ?p2 qp:name 'Civic Labour Party' . ?w qw:name ?n }",
    ),
    (
        "Which councillors voted for both 'Expand the Northgate bus lanes' and 'Youth centre in Tannery Row'? "
        "Give their last names.",
        "SELECT DISTINCT ?l WHERE { ?v1 qv:ref-councillor_id ?c ; qv:ref-motion_id ?m1 ; qv:choice 'FOR' . "
        "?m1 qm:title 'Expand the Northgate bus lanes' . ?v2 qv:ref-councillor_id ?c ; qv:ref-motion_id ?m2 ; "
        "qv:choice 'FOR' . ?m2 qm:title 'Youth centre in Tannery Row' . ?c qc:last_name ?l }",
    ),
    (
        "How many motions were proposed in 2023?",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m qm:proposed_date ?d FILTER(STRSTARTS(?d, '2023')) }",
    ),
    (
        "List the titles of the motions proposed before 2023.",
        "SELECT ?t WHERE { ?m qm:title ?t ; qm:proposed_date ?d FILTER(?d < '2023') }",
    ),
    (
        "Which parties have more than 3 councillors? Give their names.",
        "SELECT ?n WHERE { ?c qc:ref-party_id ?p . ?p qp:name ?n } GROUP BY ?p ?n HAVING (COUNT(?c) > 3)",
    ),
    ("What is the title of motion 7?", "SELECT ?t WHERE { ?m qm:motion_id 7 ; qm:title ?t }"),
    (
        "Who proposed motion 4? Give the first and last name.",
        "SELECT ?f ?l WHERE { ?m qm:motion_id 4 ; qm:ref-proposer_id ?c . ?c qc:first_name ?f ; qc:last_name ?l }",
    ),
    ("What are the different categories of motions?", "SELECT DISTINCT ?c WHERE { ?m qm:category ?c }"),
    (
        "List the names of the wards ordered by area, smallest first.",
        "SELECT ?n WHERE { ?w qw:name ?n ; qw:area_km2 ?a } ORDER BY ?a",
    ),
    (
        "For each motion that got votes against, show its title and the number of votes against it.",
        "SELECT ?t (COUNT(?v) AS ?n) WHERE { ?v qv:ref-motion_id ?m ; qv:choice 'AGAINST' . ?m qm:title ?t } "
        "GROUP BY ?m ?t",
    ),
    ("Which party was founded first?", "SELECT ?n WHERE { ?p qp:name ?n ; qp:founded ?y } ORDER BY ?y LIMIT 1"),
    ("What is the abbreviation of the Green Alliance?", "SELECT ?c WHERE { ?p qp:name 'Green Alliance' ; qp:code ?c }"),
    (
        "Which district does Hollis Quade represent?",
        "SELECT ?n WHERE { ?c qc:first_name 'Hollis' ; qc:last_name 'Quade' ; qc:ref-ward_id ?w . ?w qw:name ?n }",
    ),
    (
        "How many proposals are in the Housing category?",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m qm:category 'Housing' }",
    ),
    (
        "Which councillor cast the most votes? Show the first and last name.",
        "SELECT ?f ?l WHERE { ?v qv:ref-councillor_id ?c . ?c qc:first_name ?f ; qc:last_name ?l } "
        "GROUP BY ?c ?f ?l ORDER BY DESC(COUNT(?v)) LIMIT 1",
    ),
    (
        "Which councillors were elected before 2015? Show their first names, last names and ages.",
        "SELECT ?f ?l ?a WHERE { ?c qc:first_name ?f ; qc:last_name ?l ; qc:age ?a ; qc:elected ?y FILTER(?y < 2015) }",
    ),
    (
        "Which motion received the most votes in favour? Give its title.",
        "SELECT ?t WHERE { ?v qv:ref-motion_id ?m ; qv:choice 'FOR' . ?m qm:title ?t } "
        "GROUP BY ?m ?t ORDER BY DESC(COUNT(?v)) LIMIT 1",
    ),
    (
        "What is the average age of the councillors in each party? Show the party codes.",
        "SELECT ?k (AVG(?a) AS ?v) WHERE { ?c qc:age ?a ; qc:ref-party_id ?p . ?p qp:code ?k } GROUP BY ?p ?k",
    ),
    (
        "List the titles of the motions proposed by members of the Ratepayers League.",
        "SELECT ?t WHERE { ?m qm:title ?t ; qm:ref-proposer_id ?c . ?c qc:ref-party_id ?p . "
        "?p qp:name 'Ratepayers League' }",
    ),
    (
        "How many councillors abstained at least once?",
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?v qv:ref-councillor_id ?c ; qv:choice 'ABSTAIN' }",
    ),
    (
        "Which motions have not been voted on yet? Give their titles.",
        "SELECT ?t WHERE { ?m a bk:motion ; qm:title ?t FILTER NOT EXISTS { ?v qv:ref-motion_id ?m } }",
    ),
]


SETS = {
    "library": LIBRARY,
    "films": FILMS,
    "staff": STAFF,
    "towns": TOWNS,
    "shop": SHOP,
    "league": LEAGUE,
    "papers": PAPERS,
    "rail": RAIL,
    "depot": DEPOT,
    "peaks": PEAKS,
    "org": ORG,
    "bikes": BIKES,
    "hotels": HOTELS,
    "food": FOOD,
    "loans": LOANS,
    "clinic": CLINIC,
    "festival": FESTIVAL,
    "matches": MATCHES,
    "gym": GYM,
    "institute": INSTITUTE,
    "theatre": THEATRE,
    "zoo": ZOO,
    "harbour": HARBOUR,
    "council": COUNCIL,
    "museum": MUSEUM,
    "energy": ENERGY,
    "tracker": TRACKER,
    "insurer": INSURER,
    "recipes": RECIPES,
    "conference": CONFERENCE,
    "rental": RENTAL,
    "pharmacy": PHARMACY,
    "space": SPACE,
}
#: the prefixes a set's queries need beyond PREFIXES (sets whose questions sit in a module of their own)
EXTRA_PREFIXES = {
    "museum": MUSEUM_PREFIXES,
    "energy": ENERGY_PREFIXES,
    "tracker": TRACKER_PREFIXES,
    "insurer": INSURER_PREFIXES,
    "recipes": RECIPES_PREFIXES,
    "conference": CONFERENCE_PREFIXES,
    "space": SPACE_PREFIXES,
    "pharmacy": PHARMACY_PREFIXES,
    "rental": RENTAL_PREFIXES,
}


def rows(g: Graph, sparql: str, prefixes: str = PREFIXES) -> list[str]:
    res = g.query(prefixes + sparql)
    if res.type == "ASK":
        return ["true" if res.askAnswer else "false"]
    return [str(t) for r in res for t in r if t is not None]


def build() -> dict[str, str]:
    out = {}
    for name, items in SETS.items():
        g = Graph().parse(HERE / f"{name}.ttl")
        lines = []
        prefixes = PREFIXES + EXTRA_PREFIXES.get(name, "")
        for k, (question, sparql) in enumerate(items, 1):
            answers = rows(g, sparql, prefixes)
            if not answers:
                raise SystemExit(f"{name} {k}: no answer for {question!r}")
            lines.append(
                json.dumps(
                    {"id": f"{name}-{k:02d}", "question": question, "answers": answers, "sparql": prefixes + sparql}
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
