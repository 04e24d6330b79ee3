"""Questions about bench/probes/insurer.ttl (built by make_insurer.py): what a clerk of a small insurance company
would ask of its database, in the style of the relational benchmarks, each with the SPARQL that answers it (the
query body only; rdfs and xsd are always declared, PREFIXES_EXTRA adds the rest). The answers are computed from
these queries, never typed. Made up for this project (Apache-2.0).

Codes are said as words where the word is plain ('female' for 'F', 'denied' for 'DENIED', 'auto policies' for
'AUTO', 'active' for 'Y', 'by card' for 'CARD'); dates are strings, so years are compared as text.
"""

from __future__ import annotations

PREFIXES_EXTRA = """\
PREFIX ins: <http://valuenet/ontop/>
PREFIX cus: <http://valuenet/ontop/customer#>
PREFIX agt: <http://valuenet/ontop/agent#>
PREFIX adj: <http://valuenet/ontop/adjuster#>
PREFIX pol: <http://valuenet/ontop/policy#>
PREFIX clm: <http://valuenet/ontop/claim#>
PREFIX pay: <http://valuenet/ontop/payment#>
"""

QUESTIONS = [
    # counts, with a code said as a word
    ("How many policies are active?", "SELECT (COUNT(?p) AS ?n) WHERE { ?p a ins:policy ; pol:active 'Y' }"),
    ("How many female customers are there?", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a ins:customer ; cus:gender 'F' }"),
    ("How many claims were denied?", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a ins:claim ; clm:status 'DENIED' }"),
    # a list in order
    (
        "List the policy numbers ordered by annual premium in descending order.",
        "SELECT ?no WHERE { ?p pol:policy_no ?no ; pol:annual_premium ?prem } ORDER BY DESC(?prem)",
    ),
    # a row by its code
    (
        "What is the annual premium of policy HP-1042?",
        "SELECT ?prem WHERE { ?p pol:policy_no 'HP-1042' ; pol:annual_premium ?prem }",
    ),
    ("Who holds policy LP-1008?", "SELECT ?c WHERE { ?p pol:policy_no 'LP-1008' ; pol:ref-customer_id ?c }"),
    # aggregates
    (
        "What is the average annual premium of auto policies?",
        "SELECT (AVG(?prem) AS ?avg) WHERE { ?p pol:product_type 'AUTO' ; pol:annual_premium ?prem }",
    ),
    ("What is the largest amount ever claimed?", "SELECT (MAX(?a) AS ?max) WHERE { ?c clm:amount_claimed ?a }"),
    ("What is the total amount paid out on claims?", "SELECT (SUM(?a) AS ?total) WHERE { ?c clm:amount_paid ?a }"),
    (
        "Give me the total amount of premium payments made by card.",
        "SELECT (SUM(?a) AS ?total) WHERE { ?p a ins:payment ; pay:method 'CARD' ; pay:amount ?a }",
    ),
    (
        "What is the average commission rate of the agents whose office is in Lindhaven?",
        "SELECT (AVG(?r) AS ?avg) WHERE { ?a agt:office_city 'Lindhaven' ; agt:commission_rate ?r }",
    ),
    # per-group counts and sums, with the columns asked
    (
        "For each agent, show the name and the number of policies they sold.",
        "SELECT ?name (COUNT(?p) AS ?n) WHERE { ?p pol:ref-agent_id ?a . ?a agt:name ?name } GROUP BY ?a ?name",
    ),
    (
        "For each product type, give the number of policies and the total annual premium.",
        "SELECT ?type (COUNT(?p) AS ?n) (SUM(?prem) AS ?total) "
        "WHERE { ?p pol:product_type ?type ; pol:annual_premium ?prem } GROUP BY ?type",
    ),
    # having
    (
        "Which customers have made more than 2 claims?",
        "SELECT ?c WHERE { ?cl clm:ref-policy_id/pol:ref-customer_id ?c } GROUP BY ?c HAVING (COUNT(?cl) > 2)",
    ),
    # superlatives
    (
        "Which agent sold the most policies?",
        "SELECT ?n WHERE { ?p pol:ref-agent_id ?a . ?a agt:name ?n } GROUP BY ?a ?n ORDER BY DESC(COUNT(?p)) LIMIT 1",
    ),
    (
        "Which adjuster has handled the most claims?",
        "SELECT ?n WHERE { ?c clm:ref-adjuster_id ?j . ?j adj:name ?n } GROUP BY ?j ?n ORDER BY DESC(COUNT(?c)) LIMIT 1",
    ),
    (
        "Who is the youngest customer?",
        "SELECT ?c WHERE { ?c a ins:customer ; cus:date_of_birth ?d } ORDER BY DESC(?d) LIMIT 1",
    ),
    # negation
    (
        "Which customers have never made a claim?",
        "SELECT ?c WHERE { ?c a ins:customer "
        "FILTER NOT EXISTS { ?cl clm:ref-policy_id ?p . ?p pol:ref-customer_id ?c } }",
    ),
    (
        "Find the agents who have not sold any policy.",
        "SELECT ?n WHERE { ?a a ins:agent ; agt:name ?n FILTER NOT EXISTS { ?p pol:ref-agent_id ?a } }",
    ),
    # both ... and
    (
        "Find the customers who have both a home policy and an auto policy.",
        "SELECT DISTINCT ?c WHERE { ?h pol:ref-customer_id ?c ; pol:product_type 'HOME' . "
        "?x pol:ref-customer_id ?c ; pol:product_type 'AUTO' }",
    ),
    # compared with the average
    (
        "Which policies have an annual premium above the average?",
        "SELECT ?p WHERE { ?p pol:annual_premium ?prem "
        "{ SELECT (AVG(?x) AS ?avg) WHERE { ?q pol:annual_premium ?x } } FILTER(?prem > ?avg) }",
    ),
    # two columns of one row compared
    (
        "Which paid claims were paid less than the amount claimed?",
        "SELECT ?c WHERE { ?c clm:status 'PAID' ; clm:amount_claimed ?a ; clm:amount_paid ?p FILTER(?p < ?a) }",
    ),
    # joins over two and three links
    (
        "What are the names of the agents whose customers live in Marrowby?",
        "SELECT DISTINCT ?name WHERE { ?p pol:ref-customer_id/cus:city 'Marrowby' ; pol:ref-agent_id/agt:name ?name }",
    ),
    (
        "What is the total amount claimed by Ingrid Solberg?",
        "SELECT (SUM(?a) AS ?total) WHERE { ?c cus:first_name 'Ingrid' ; cus:last_name 'Solberg' . "
        "?p pol:ref-customer_id ?c . ?cl clm:ref-policy_id ?p ; clm:amount_claimed ?a }",
    ),
    (
        "List the first and last names of the customers whose claims were handled by Hana Sato.",
        "SELECT DISTINCT ?first ?last WHERE { ?j adj:name 'Hana Sato' . ?cl clm:ref-adjuster_id ?j ; "
        "clm:ref-policy_id/pol:ref-customer_id ?c . ?c cus:first_name ?first ; cus:last_name ?last }",
    ),
    # dates as text
    (
        "How many claims were made in 2023?",
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c clm:claim_date ?d FILTER(STRSTARTS(?d, '2023')) }",
    ),
    (
        "Which policies started in 2024?",
        "SELECT ?p WHERE { ?p pol:start_date ?d FILTER(SUBSTR(?d, 1, 4) = '2024') }",
    ),
    (
        "Show the first and last names of the customers born before 1970.",
        "SELECT ?first ?last WHERE { ?c cus:first_name ?first ; cus:last_name ?last ; cus:date_of_birth ?d "
        "FILTER(?d < '1970') }",
    ),
    # distinct values
    ("What are the distinct product types of the policies?", "SELECT DISTINCT ?t WHERE { ?p pol:product_type ?t }"),
    # yes/no (the answer is no)
    (
        "Is there a denied claim on a travel policy?",
        "ASK { ?c clm:status 'DENIED' ; clm:ref-policy_id ?p . ?p pol:product_type 'TRAVEL' }",
    ),
]
