"""Questions about bench/probes/energy.ttl (built by make_energy.py): what an operations manager of a small energy
company would ask of its monitoring data, each with the SPARQL that answers it (the query body only; rdfs and xsd
are always declared, PREFIXES_EXTRA adds the rest). The answers are computed from these queries, never typed.

Dates of maintenance events are an `xsd:date` for some and an `xsd:dateTime` for others, so the queries compare
them as text (their first ten characters); months of production are `xsd:gYearMonth`, compared as text too.
"""

from __future__ import annotations

PREFIXES_EXTRA = """\
PREFIX en: <https://grid.example/ns#>
PREFIX gx: <https://grid.example/res/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""

QUESTIONS = [
    ("What is the rated capacity of turbine VC-03?", "SELECT ?kw WHERE { gx:VC-03 en:ratedKW ?kw }"),
    ("Who operates the Ribamar wind farm?", "SELECT ?c WHERE { gx:Ribamar en:operatedBy ?c }"),
    ("When was PV array CD-A2 put into service?", "SELECT ?d WHERE { gx:CD-A2 en:instDate ?d }"),
    ("In which country is the Pedra Luz solar park?", "SELECT ?c WHERE { gx:PedraLuz en:inRegion/en:inCountry ?c }"),
    ("How many PV arrays do we have?", "SELECT (COUNT(?d) AS ?n) WHERE { ?d a en:SolarArray }"),
    (
        "How many devices are there in each region?",
        "SELECT ?r (COUNT(?d) AS ?n) WHERE { ?d en:installedAt/en:inRegion ?r } GROUP BY ?r",
    ),
    (
        "How many maintenance jobs of each kind were carried out?",
        "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a en:MaintenanceEvent ; en:mtype ?type } GROUP BY ?type",
    ),
    (
        "What was the total output of each wind farm in 2024?",
        "SELECT ?s (SUM(?mwh) AS ?total) WHERE { ?s a en:WindFarm . ?d en:installedAt ?s . "
        "?r en:ofDevice ?d ; en:period ?m ; en:prodMWh ?mwh FILTER(STRSTARTS(STR(?m), '2024')) } GROUP BY ?s",
    ),
    (
        "Which site produced the most electricity in June 2024?",
        "SELECT ?s WHERE { ?d en:installedAt ?s . ?r en:ofDevice ?d ; en:period '2024-06'^^xsd:gYearMonth ; "
        "en:prodMWh ?mwh } GROUP BY ?s ORDER BY DESC(SUM(?mwh)) LIMIT 1",
    ),
    (
        "What was the most expensive repair? Give the device and what it cost.",
        "SELECT ?d ?cost WHERE { ?e en:mtype 'repair' ; en:onDevice ?d ; en:costEUR ?cost } "
        "ORDER BY DESC(?cost) LIMIT 1",
    ),
    (
        "Which wind turbines are rated above 3000 kW?",
        "SELECT ?d WHERE { ?d a en:WindTurbine ; en:ratedKW ?kw FILTER(?kw > 3000) }",
    ),
    (
        "Which devices were installed no later than 2012?",
        "SELECT ?d WHERE { ?d en:instDate ?t FILTER(?t <= '2012-12-31'^^xsd:date) }",
    ),
    (
        "How much energy did the Rio Tavessa hydro plant generate in March 2024?",
        "SELECT (SUM(?mwh) AS ?total) WHERE { ?d en:installedAt gx:RioTavessa . "
        "?r en:ofDevice ?d ; en:period '2024-03'^^xsd:gYearMonth ; en:prodMWh ?mwh }",
    ),
    (
        "What was the combined output of all our solar parks from April to June 2024?",
        "SELECT (SUM(?mwh) AS ?total) WHERE { ?s a en:SolarPark . ?d en:installedAt ?s . "
        "?r en:ofDevice ?d ; en:period ?m ; en:prodMWh ?mwh FILTER(STR(?m) >= '2024-04' && STR(?m) <= '2024-06') }",
    ),
    (
        "How many maintenance jobs were done between 1 April and 30 June 2024?",
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e a en:MaintenanceEvent ; en:evtDate ?t "
        "BIND(SUBSTR(STR(?t), 1, 10) AS ?day) FILTER(?day >= '2024-04-01' && ?day <= '2024-06-30') }",
    ),
    (
        "How many devices are located in Portugal?",
        "SELECT (COUNT(?d) AS ?n) WHERE { ?d en:installedAt/en:inRegion/en:inCountry gx:Portugal }",
    ),
    (
        "Which solar arrays are in Spain?",
        "SELECT ?d WHERE { ?d a en:SolarArray ; en:installedAt/en:inRegion/en:inCountry gx:Spain }",
    ),
    (
        "On average, how many hours was each turbine at Loma Blanca out of service in 2024?",
        "SELECT (AVG(?hours) AS ?avg) WHERE { { SELECT ?d (SUM(?h) AS ?hours) WHERE { "
        "?d en:installedAt gx:LomaBlanca . ?r en:ofDevice ?d ; en:period ?m ; en:dtHrs ?h "
        "FILTER(STRSTARTS(STR(?m), '2024')) } GROUP BY ?d } }",
    ),
    (
        "When was generator RT-G2 last serviced?",
        "SELECT ?t WHERE { ?e en:onDevice gx:RT-G2 ; en:evtDate ?t } ORDER BY DESC(STR(?t)) LIMIT 1",
    ),
    ("Is turbine LB-02 still under warranty?", "ASK { gx:LB-02 en:underWarranty true }"),
    (
        "Where are the WT-3000X turbines installed?",
        "SELECT DISTINCT ?s WHERE { ?d en:modelCode 'WT-3000X' ; en:installedAt ?s }",
    ),
    (
        "Which turbines at Vientos del Cerro have never needed a repair?",
        "SELECT ?d WHERE { ?d en:installedAt gx:VientosDelCerro "
        "FILTER NOT EXISTS { ?e en:onDevice ?d ; en:mtype 'repair' } }",
    ),
    (
        "Which devices has Rui Castanhal worked on?",
        "SELECT DISTINCT ?d WHERE { ?t foaf:name 'Rui Castanhal' . ?e en:tech ?t ; en:onDevice ?d }",
    ),
    (
        "What did the repairs cost in total?",
        "SELECT (SUM(?cost) AS ?total) WHERE { ?e en:mtype 'repair' ; en:costEUR ?cost }",
    ),
    (
        "How much did we spend on maintenance in each country in 2024?",
        "SELECT ?c (SUM(?cost) AS ?total) WHERE { ?e en:onDevice/en:installedAt/en:inRegion/en:inCountry ?c ; "
        "en:evtDate ?t ; en:costEUR ?cost FILTER(STRSTARTS(STR(?t), '2024')) } GROUP BY ?c",
    ),
    (
        "Which manufacturer supplied the most of our devices?",
        "SELECT ?m WHERE { ?d en:mfr ?m } GROUP BY ?m ORDER BY DESC(COUNT(?d)) LIMIT 1",
    ),
    (
        "How long was turbine RB-03 out of action in 2024?",
        "SELECT (SUM(?h) AS ?hours) WHERE { ?r en:ofDevice gx:RB-03 ; en:period ?m ; en:dtHrs ?h "
        "FILTER(STRSTARTS(STR(?m), '2024')) }",
    ),
    (
        "Which technician has done the most maintenance jobs?",
        "SELECT ?t WHERE { ?e en:tech ?t } GROUP BY ?t ORDER BY DESC(COUNT(?e)) LIMIT 1",
    ),
    (
        "What is the total installed capacity of the Serra Fria wind farm in megawatts?",
        "SELECT ((SUM(?kw) / 1000) AS ?mw) WHERE { ?d en:installedAt gx:SerraFria ; en:ratedKW ?kw }",
    ),
    (
        "How many work orders were logged for turbine VC-01?",
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e a en:MaintenanceEvent ; en:onDevice gx:VC-01 }",
    ),
]
