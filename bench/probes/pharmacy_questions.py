"""Questions about bench/probes/pharmacy.ttl (built by make_pharmacy.py), a pharmacy chain's database mapped table
by table: what a pharmacist or the chain's office would ask of it, in the style of the relational text-to-SQL
benchmarks, each with the SPARQL that answers it (the query body only; rdfs and xsd are always declared,
PREFIXES_EXTRA adds the rest). The answers are computed from these queries, never typed. Made up for this project
(Apache-2.0).

Codes are said as words ('syrups or injections' for 'SYR'/'INJ', 'need a prescription' for
'Y'); 'prescribed' means a prescription row and its items, 'cost'/'cheapest' the unit price, 'best-selling' the units
sold; a sale with no patient is an over-the-counter one; dates are strings, so years are compared as text.
"""

from __future__ import annotations

PREFIXES_EXTRA = """\
PREFIX ph: <http://valuenet/ontop/>
PREFIX phst: <http://valuenet/ontop/store#>
PREFIX phdg: <http://valuenet/ontop/drug#>
PREFIX phdr: <http://valuenet/ontop/doctor#>
PREFIX phpt: <http://valuenet/ontop/patient#>
PREFIX phrx: <http://valuenet/ontop/prescription#>
PREFIX phit: <http://valuenet/ontop/prescription_item#>
PREFIX phsl: <http://valuenet/ontop/sale#>
"""

QUESTIONS = [
    # counts, with a code said as a word
    (
        "How many drugs require a prescription?",
        "SELECT (COUNT(?d) AS ?n) WHERE { ?d a ph:drug ; phdg:requires_prescription 'Y' }",
    ),
    (
        "how many patients live in Millbrook?",
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p a ph:patient ; phpt:town 'Millbrook' }",
    ),
    # a year of dates stored as text
    (
        "How many sales were made in 2023?",
        "SELECT (COUNT(?s) AS ?n) WHERE { ?s a ph:sale ; phsl:sale_date ?d FILTER(STRSTARTS(?d, '2023')) }",
    ),
    # a count through a link
    (
        "How many prescriptions has Dr. Tobias Renwick written?",
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r phrx:ref-doctor_id ?d . ?d phdr:first_name 'Tobias' ; "
        "phdr:last_name 'Renwick' }",
    ),
    # a missing link
    (
        "How many sales were made without any patient on record?",
        "SELECT (COUNT(?s) AS ?n) WHERE { ?s a ph:sale FILTER NOT EXISTS { ?s phsl:ref-patient_id ?p } }",
    ),
    # per group
    (
        "For each store, show its name and how many sales it made.",
        "SELECT ?n (COUNT(?s) AS ?c) WHERE { ?s phsl:ref-store_id ?st . ?st phst:name ?n } GROUP BY ?st ?n",
    ),
    (
        "What is the total number of units sold of each drug? Give the brand name with the total.",
        "SELECT ?b (SUM(?u) AS ?t) WHERE { ?s phsl:ref-drug_id ?d ; phsl:units ?u . ?d phdg:brand_name ?b } "
        "GROUP BY ?d ?b",
    ),
    (
        "How many doctors are there in each specialty?",
        "SELECT ?sp (COUNT(?d) AS ?n) WHERE { ?d a ph:doctor ; phdr:specialty ?sp } GROUP BY ?sp",
    ),
    # a count kept by a threshold
    (
        "Which patients have been given more than 3 prescriptions? Show their first and last names.",
        "SELECT ?f ?l WHERE { ?r phrx:ref-patient_id ?p . ?p phpt:first_name ?f ; phpt:last_name ?l } "
        "GROUP BY ?p ?f ?l HAVING (COUNT(?r) > 3)",
    ),
    # superlatives
    (
        "What is the cheapest drug?",
        "SELECT ?b WHERE { ?d phdg:brand_name ?b ; phdg:unit_price ?p } ORDER BY ?p LIMIT 1",
    ),
    (
        "Who is our oldest patient? Give the first and last name.",
        "SELECT ?f ?l WHERE { ?p phpt:first_name ?f ; phpt:last_name ?l ; phpt:birth_date ?b } ORDER BY ?b LIMIT 1",
    ),
    # superlatives over counts and sums
    (
        "Which doctor has written the most prescriptions? Give the doctor's first and last name.",
        "SELECT ?f ?l WHERE { ?r phrx:ref-doctor_id ?d . ?d phdr:first_name ?f ; phdr:last_name ?l } "
        "GROUP BY ?d ?f ?l ORDER BY DESC(COUNT(?r)) LIMIT 1",
    ),
    (
        "Which store sold the fewest units in 2024?",
        "SELECT ?n WHERE { ?s phsl:ref-store_id ?st ; phsl:units ?u ; phsl:sale_date ?dt . ?st phst:name ?n "
        "FILTER(STRSTARTS(?dt, '2024')) } GROUP BY ?st ?n ORDER BY SUM(?u) LIMIT 1",
    ),
    (
        "top 3 best-selling drugs by units sold",
        "SELECT ?b WHERE { ?s phsl:ref-drug_id ?d ; phsl:units ?u . ?d phdg:brand_name ?b } GROUP BY ?d ?b "
        "ORDER BY DESC(SUM(?u)) LIMIT 3",
    ),
    # never / no
    (
        "Which drugs have never been sold?",
        "SELECT ?b WHERE { ?d a ph:drug ; phdg:brand_name ?b FILTER NOT EXISTS { ?s phsl:ref-drug_id ?d } }",
    ),
    (
        "List the doctors who haven't written a single prescription.",
        "SELECT ?f ?l WHERE { ?d a ph:doctor ; phdr:first_name ?f ; phdr:last_name ?l "
        "FILTER NOT EXISTS { ?r phrx:ref-doctor_id ?d } }",
    ),
    (
        "Give me the names of the patients who have never been prescribed anything.",
        "SELECT ?f ?l WHERE { ?p a ph:patient ; phpt:first_name ?f ; phpt:last_name ?l "
        "FILTER NOT EXISTS { ?r phrx:ref-patient_id ?p } }",
    ),
    (
        "Which store made no sales at all in 2023?",
        "SELECT ?n WHERE { ?st a ph:store ; phst:name ?n FILTER NOT EXISTS { ?s phsl:ref-store_id ?st ; "
        "phsl:sale_date ?d FILTER(STRSTARTS(?d, '2023')) } }",
    ),
    # both, through the link table
    (
        "Which patients were prescribed both Glucanta and Tensivex? Show their names.",
        "SELECT DISTINCT ?f ?l WHERE { ?p phpt:first_name ?f ; phpt:last_name ?l . "
        "?r1 phrx:ref-patient_id ?p . ?i1 phit:ref-prescription_id ?r1 ; phit:ref-drug_id ?d1 . "
        "?d1 phdg:brand_name 'Glucanta' . "
        "?r2 phrx:ref-patient_id ?p . ?i2 phit:ref-prescription_id ?r2 ; phit:ref-drug_id ?d2 . "
        "?d2 phdg:brand_name 'Tensivex' }",
    ),
    # or: one column, then two different conditions
    (
        "List the brand names of the drugs that come as syrups or injections.",
        "SELECT ?b WHERE { ?d phdg:brand_name ?b ; phdg:form ?f FILTER(?f IN ('SYR', 'INJ')) }",
    ),
    (
        "Show the first and last names of patients who were born before 1950 or who live in Saltmere.",
        "SELECT ?f ?l WHERE { ?p phpt:first_name ?f ; phpt:last_name ?l ; phpt:birth_date ?b ; phpt:town ?t "
        "FILTER(?b < '1950' || ?t = 'Saltmere') }",
    ),
    # compared with the average
    (
        "Which drugs cost more per unit than the average drug?",
        "SELECT ?b WHERE { ?d phdg:brand_name ?b ; phdg:unit_price ?p . "
        "{ SELECT (AVG(?x) AS ?avg) WHERE { ?e phdg:unit_price ?x } } FILTER(?p > ?avg) }",
    ),
    # between two numbers
    (
        "Which drugs have a strength between 50 and 300 mg?",
        "SELECT ?b WHERE { ?d phdg:brand_name ?b ; phdg:strength_mg ?m FILTER(?m >= 50 && ?m <= 300) }",
    ),
    # a value of a named row
    (
        "What is the generic name of Cardiovan?",
        "SELECT ?g WHERE { ?d phdg:brand_name 'Cardiovan' ; phdg:generic_name ?g }",
    ),
    (
        "On average, how many refills are allowed when Cardiovan is prescribed?",
        "SELECT (AVG(?r) AS ?avg) WHERE { ?i phit:ref-drug_id ?d ; phit:refills ?r . ?d phdg:brand_name 'Cardiovan' }",
    ),
    # links followed
    (
        "Give me the brand names of the drugs Greta Hollis has prescribed.",
        "SELECT DISTINCT ?b WHERE { ?r phrx:ref-doctor_id ?doc . ?doc phdr:first_name 'Greta' ; "
        "phdr:last_name 'Hollis' . ?i phit:ref-prescription_id ?r ; phit:ref-drug_id ?d . ?d phdg:brand_name ?b }",
    ),
    (
        "In which towns do the patients of Dr. Selin Akgun live?",
        "SELECT DISTINCT ?t WHERE { ?r phrx:ref-doctor_id ?doc ; phrx:ref-patient_id ?p . "
        "?doc phdr:first_name 'Selin' ; phdr:last_name 'Akgun' . ?p phpt:town ?t }",
    ),
    # yes/no
    (
        "Has Elsa Marrow ever bought anything at Millbrook Apothecary?",
        "ASK { ?s phsl:ref-patient_id ?p ; phsl:ref-store_id ?st . ?p phpt:first_name 'Elsa' ; "
        "phpt:last_name 'Marrow' . ?st phst:name 'Millbrook Apothecary' }",
    ),
    (
        "Is there any injection that can be bought without a prescription?",
        "ASK { ?d phdg:form 'INJ' ; phdg:requires_prescription 'N' }",
    ),
    # a list in order
    (
        "List the store names ordered by the year they opened, oldest first.",
        "SELECT ?n WHERE { ?st phst:name ?n ; phst:opened_year ?y } ORDER BY ?y",
    ),
]
