"""Questions about bench/probes/space.ttl (built by make_space.py): what someone following a (made-up) space
programme would ask of the graph, each with the SPARQL that answers it (the query body only; rdfs and xsd are
always declared, PREFIXES_EXTRA adds the rest). The answers are computed from these queries, never typed.

Spacecraft and celestial bodies are typed only by their most specific class (crewed / robotic spacecraft; planet,
moon, asteroid), so the queries about 'spacecraft' or 'bodies' in general go through `rdfs:subClassOf*`. 'Probe'
is the alt label of robotic spacecraft, 'space agency' of agency, 'astronaut' of crew member. 'Heavy' is the launch
mass (`massKg`), 'big' the mean radius (`rad_km`), 'expensive' the budget (`bdgt`, in million US dollars), 'how
long' the duration in days (`dur_d`); a mission 'run' by an agency is one it leads (`ledBy`, always the operator of
the mission's spacecraft).
"""

from __future__ import annotations

PREFIXES_EXTRA = """\
PREFIX sx: <https://space.example/def#>
PREFIX sxi: <https://space.example/id/>
"""


def L(name: str) -> str:
    return f'"{name}"@en'


QUESTIONS = [
    # a value of a named thing
    ("When was Long Ember launched?", f"SELECT ?d WHERE {{ ?m rdfs:label {L('Long Ember')} ; sx:launchDate ?d }}"),
    (
        "From which launch site did the Glint mission lift off?",
        f"SELECT ?s WHERE {{ ?m rdfs:label {L('Glint')} ; sx:lnchSite ?s }}",
    ),
    (
        "How many days did the Driftmark Survey last?",
        f"SELECT ?d WHERE {{ ?m rdfs:label {L('Driftmark Survey')} ; sx:dur_d ?d }}",
    ),
    # counts, with a condition, per group
    (
        "How many moons does Kolos have?",
        f"SELECT (COUNT(?m) AS ?n) WHERE {{ ?p rdfs:label {L('Kolos')} . ?m a sx:Moon ; sx:orbitsBody ?p }}",
    ),
    ("How many missions have failed?", "SELECT (COUNT(?m) AS ?n) WHERE { ?m a sx:Mission ; sx:status 'failed' }"),
    (
        "Count the missions by status.",
        "SELECT ?st (COUNT(?m) AS ?n) WHERE { ?m a sx:Mission ; sx:status ?st } GROUP BY ?st",
    ),
    # superlatives
    (
        "What is the heaviest spacecraft?",
        "SELECT ?s WHERE { ?s a/rdfs:subClassOf* sx:Spacecraft ; sx:massKg ?kg } ORDER BY DESC(?kg) LIMIT 1",
    ),
    (
        "Which mission was launched most recently?",
        "SELECT ?m WHERE { ?m a sx:Mission ; sx:launchDate ?d } ORDER BY DESC(?d) LIMIT 1",
    ),
    # superlatives over counts
    (
        "Which space agency runs the most missions?",
        "SELECT ?a WHERE { ?m a sx:Mission ; sx:ledBy ?a } GROUP BY ?a ORDER BY DESC(COUNT(?m)) LIMIT 1",
    ),
    (
        "who has flown on the most missions?",
        "SELECT ?p WHERE { ?p a sx:CrewMember ; sx:flewOn ?m } GROUP BY ?p ORDER BY DESC(COUNT(?m)) LIMIT 1",
    ),
    # never / no
    (
        "Which crew members have never flown a mission?",
        "SELECT ?p WHERE { ?p a sx:CrewMember FILTER NOT EXISTS { ?p sx:flewOn ?m } }",
    ),
    (
        "Which planets have no moons?",
        "SELECT ?p WHERE { ?p a sx:Planet FILTER NOT EXISTS { ?m sx:orbitsBody ?p } }",
    ),
    (
        "Which agencies have no missions at all?",
        "SELECT ?a WHERE { ?a a sx:Agency FILTER NOT EXISTS { ?m sx:ledBy ?a } }",
    ),
    (
        "Which missions flew a crewed spacecraft but had nobody on board?",
        "SELECT ?m WHERE { ?m a sx:Mission ; sx:usesCraft ?s . ?s a sx:CrewedSpacecraft "
        "FILTER NOT EXISTS { ?p sx:flewOn ?m } }",
    ),
    # both, either/or
    (
        "Which crew members have flown missions for both the Varessan Space Directorate and the Kaldor Orbital Agency?",
        "SELECT DISTINCT ?p WHERE { ?p sx:flewOn ?m1 , ?m2 . ?m1 sx:ledBy sxi:VaressanSpaceDirectorate . "
        "?m2 sx:ledBy sxi:KaldorOrbitalAgency }",
    ),
    (
        "List the crew members from Ostreny or Mirenta.",
        "SELECT ?p WHERE { ?p a sx:CrewMember ; sx:nationality ?c VALUES ?c { sxi:Ostreny sxi:Mirenta } }",
    ),
    # the average, between two numbers
    (
        "Which spacecraft weigh more than the average spacecraft?",
        "SELECT ?s WHERE { ?s a/rdfs:subClassOf* sx:Spacecraft ; sx:massKg ?kg . "
        "{ SELECT (AVG(?x) AS ?avg) WHERE { ?c a/rdfs:subClassOf* sx:Spacecraft ; sx:massKg ?x } } "
        "FILTER(?kg > ?avg) }",
    ),
    (
        "moons with a radius between 1500 and 2500 km",
        "SELECT ?m WHERE { ?m a sx:Moon ; sx:rad_km ?r FILTER(?r >= 1500 && ?r <= 2500) }",
    ),
    # links followed
    (
        "Pavo Renn flew to a moon. Which planet does that moon orbit?",
        f"SELECT DISTINCT ?p WHERE {{ ?c rdfs:label {L('Pavo Renn')} ; sx:flewOn/sx:targetBody/sx:orbitsBody ?p }}",
    ),
    (
        "Which astronauts have been on a mission to one of Tharsen's moons?",
        "SELECT DISTINCT ?c WHERE { ?c a sx:CrewMember ; sx:flewOn/sx:targetBody/sx:orbitsBody sxi:Tharsen }",
    ),
    # alt labels and plurals
    (
        "How many probes does the Kaldor Orbital Agency operate?",
        "SELECT (COUNT(?s) AS ?n) WHERE { ?s a sx:RoboticSpacecraft ; sx:operatedBy sxi:KaldorOrbitalAgency }",
    ),
    (
        "Which probes were launched after 2015?",
        "SELECT DISTINCT ?s WHERE { ?s a sx:RoboticSpacecraft . ?m sx:usesCraft ?s ; sx:launchDate ?d "
        'FILTER(?d >= "2016-01-01"^^xsd:date) }',
    ),
    (
        "Give me the space agencies founded before 1980.",
        "SELECT ?a WHERE { ?a a sx:Agency ; sx:estYr ?y FILTER(xsd:integer(str(?y)) < 1980) }",
    ),
    # yes/no
    (
        "Was Graywhisper Veil a sample-return mission?",
        f"ASK {{ ?m rdfs:label {L('Graywhisper Veil')} ; sx:sampleReturn true }}",
    ),
    (
        "Is the Thistle Walk mission supposed to bring samples back?",
        f"ASK {{ ?m rdfs:label {L('Thistle Walk')} ; sx:sampleReturn true }}",
    ),
    # two named things compared
    (
        "Which is heavier, Emberline or Sablewing?",
        "SELECT ?s WHERE { VALUES ?s { sxi:Emberline sxi:Sablewing } ?s sx:massKg ?kg } ORDER BY DESC(?kg) LIMIT 1",
    ),
    (
        "which is bigger, Orrin or Pellucid?",
        "SELECT ?b WHERE { VALUES ?b { sxi:Orrin sxi:Pellucid } ?b sx:rad_km ?r } ORDER BY DESC(?r) LIMIT 1",
    ),
    # top 3, sorting, a date condition
    (
        "What are the 3 most expensive missions?",
        "SELECT ?m WHERE { ?m a sx:Mission ; sx:bdgt ?b } ORDER BY DESC(?b) LIMIT 3",
    ),
    (
        "Show the planets sorted from largest to smallest.",
        "SELECT ?p WHERE { ?p a sx:Planet ; sx:rad_km ?r } ORDER BY DESC(?r)",
    ),
    (
        "Which crew members were born before 1975?",
        'SELECT ?p WHERE { ?p a sx:CrewMember ; sx:birthDate ?d FILTER(?d < "1975-01-01"^^xsd:date) }',
    ),
]
