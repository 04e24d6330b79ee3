"""Questions about bench/probes/rental.ttl (built by make_rental.py), a car rental company's database mapped table by
table: what someone at the rental company would ask, in the style of the relational text-to-SQL benchmarks, each
with the SPARQL that answers it (the query body only; rdfs and xsd are always declared, PREFIXES_EXTRA adds the
rest). The answers are computed from these queries, never typed. Made up for this project (Apache-2.0).

A rental links twice to the branch table (`ref-pickup_branch_id`, `ref-return_branch_id`); a car links to its home
branch; fuels are codes 'P'/'D'/'E'/'H' (petrol, diesel, electric, hybrid), damage severities 'MINOR'/'MAJOR'; birth,
rental and report dates are plain text 'YYYY-MM-DD'.
"""

from __future__ import annotations

PREFIXES_EXTRA = """\
PREFIX kr: <http://valuenet/ontop/>
PREFIX krb: <http://valuenet/ontop/branch#>
PREFIX krc: <http://valuenet/ontop/car#>
PREFIX krcu: <http://valuenet/ontop/customer#>
PREFIX krr: <http://valuenet/ontop/rental#>
PREFIX krd: <http://valuenet/ontop/damage_report#>
"""

QUESTIONS = [
    # counts, with a condition
    (
        "How many customers have a driving licence from Germany?",
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kr:customer ; krcu:licence_country 'Germany' }",
    ),
    ("How many of our cars are electric?", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kr:car ; krc:fuel 'E' }"),
    (
        "how many rentals started in 2023",
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r a kr:rental ; krr:start_date ?d FILTER(STRSTARTS(?d, '2023')) }",
    ),
    (
        "How many times has the car with plate ZD-274-QE been rented?",
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r krr:ref-car_id ?c . ?c krc:plate 'ZD-274-QE' }",
    ),
    # two links to the same table
    (
        "How many rentals were returned to a different branch than the one they were picked up from?",
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r a kr:rental ; krr:ref-pickup_branch_id ?p ; krr:ref-return_branch_id ?b "
        "FILTER(?p != ?b) }",
    ),
    (
        "For every rental that ended at a different branch from where it started, give the rental id, the name of the "
        "pickup branch and the name of the return branch.",
        "SELECT ?id ?pn ?bn WHERE { ?r krr:rental_id ?id ; krr:ref-pickup_branch_id ?p ; krr:ref-return_branch_id ?b . "
        "?p krb:name ?pn . ?b krb:name ?bn FILTER(?p != ?b) }",
    ),
    # per group
    (
        "For each branch, show its name and how many cars are based there.",
        "SELECT ?n (COUNT(?c) AS ?k) WHERE { ?c krc:ref-home_branch_id ?b . ?b krb:name ?n } GROUP BY ?b ?n",
    ),
    (
        "Show the name of each pickup branch together with the total cost of the rentals picked up there.",
        "SELECT ?n (SUM(?t) AS ?s) WHERE { ?r krr:ref-pickup_branch_id ?b ; krr:total_cost ?t . ?b krb:name ?n } "
        "GROUP BY ?b ?n",
    ),
    (
        "What is the total repair cost of the damage reports for each severity?",
        "SELECT ?s (SUM(?c) AS ?t) WHERE { ?d a kr:damage_report ; krd:severity ?s ; krd:repair_cost ?c } GROUP BY ?s",
    ),
    # a count kept by a threshold
    (
        "Which customers have rented more than 3 times? Give their first and last names.",
        "SELECT ?f ?l WHERE { ?r krr:ref-customer_id ?c . ?c krcu:first_name ?f ; krcu:last_name ?l } "
        "GROUP BY ?c ?f ?l HAVING (COUNT(?r) > 3)",
    ),
    # superlatives
    (
        "Give me the plate of the car with the highest daily rate.",
        "SELECT ?p WHERE { ?c krc:plate ?p ; krc:daily_rate ?d } ORDER BY DESC(?d) LIMIT 1",
    ),
    (
        "Who is our oldest customer?",
        "SELECT ?f ?l WHERE { ?c krcu:first_name ?f ; krcu:last_name ?l ; krcu:birth_date ?b } ORDER BY ?b LIMIT 1",
    ),
    (
        "From which branch were the most rentals picked up?",
        "SELECT ?n WHERE { ?r krr:ref-pickup_branch_id ?b . ?b krb:name ?n } GROUP BY ?b ?n "
        "ORDER BY DESC(COUNT(?r)) LIMIT 1",
    ),
    (
        "Which car was rented the most times? Show its plate, make and model.",
        "SELECT ?p ?mk ?md WHERE { ?r krr:ref-car_id ?c . ?c krc:plate ?p ; krc:make ?mk ; krc:model ?md } "
        "GROUP BY ?c ?p ?mk ?md ORDER BY DESC(COUNT(?r)) LIMIT 1",
    ),
    # never
    (
        "List the plates of the cars that have never been rented.",
        "SELECT ?p WHERE { ?c a kr:car ; krc:plate ?p FILTER NOT EXISTS { ?r krr:ref-car_id ?c } }",
    ),
    (
        "Which customers have never rented a car? Give their names.",
        "SELECT ?f ?l WHERE { ?c a kr:customer ; krcu:first_name ?f ; krcu:last_name ?l "
        "FILTER NOT EXISTS { ?r krr:ref-customer_id ?c } }",
    ),
    (
        "Which branch has never had a car returned to it?",
        "SELECT ?n WHERE { ?b a kr:branch ; krb:name ?n FILTER NOT EXISTS { ?r krr:ref-return_branch_id ?b } }",
    ),
    # both
    (
        "Which customers have rented both a diesel car and an electric car? Give their first and last names.",
        "SELECT DISTINCT ?f ?l WHERE { ?c krcu:first_name ?f ; krcu:last_name ?l . "
        "?r1 krr:ref-customer_id ?c ; krr:ref-car_id ?c1 . ?c1 krc:fuel 'D' . "
        "?r2 krr:ref-customer_id ?c ; krr:ref-car_id ?c2 . ?c2 krc:fuel 'E' }",
    ),
    # either/or
    (
        "Show the plates of all the cars that run on petrol or diesel.",
        "SELECT ?p WHERE { ?c krc:plate ?p ; krc:fuel ?f FILTER(?f IN ('P', 'D')) }",
    ),
    (
        "List the plates of the cars that have more than 5 seats or cost less than 40 a day.",
        "SELECT ?p WHERE { ?c krc:plate ?p ; krc:seats ?s ; krc:daily_rate ?d FILTER(?s > 5 || ?d < 40) }",
    ),
    # compared with the average
    (
        "Which cars have a daily rate above the average daily rate? Give their plates.",
        "SELECT ?p WHERE { ?c krc:plate ?p ; krc:daily_rate ?d . "
        "{ SELECT (AVG(?x) AS ?avg) WHERE { ?o krc:daily_rate ?x } } FILTER(?d > ?avg) }",
    ),
    # between two numbers
    (
        "List the ids of the rentals in which between 400 and 500 km were driven.",
        "SELECT ?id WHERE { ?r krr:rental_id ?id ; krr:km_driven ?k FILTER(?k >= 400 && ?k <= 500) }",
    ),
    # a value of a named row
    (
        "What is the daily rate of the car with plate KX-482-PL?",
        "SELECT ?d WHERE { ?c krc:plate 'KX-482-PL' ; krc:daily_rate ?d }",
    ),
    # links followed
    (
        "Which customers have rented a car whose home branch is in Arlenford? Give their first and last names.",
        "SELECT DISTINCT ?f ?l WHERE { ?r krr:ref-customer_id ?c ; krr:ref-car_id ?v . ?v krc:ref-home_branch_id ?b . "
        "?b krb:city 'Arlenford' . ?c krcu:first_name ?f ; krcu:last_name ?l }",
    ),
    (
        "Give the first and last names of the customers who had major damage reported on one of their rentals.",
        "SELECT DISTINCT ?f ?l WHERE { ?d krd:severity 'MAJOR' ; krd:ref-rental_id ?r . ?r krr:ref-customer_id ?c . "
        "?c krcu:first_name ?f ; krcu:last_name ?l }",
    ),
    # yes/no
    (
        "Is there a hybrid car based at the Sorvik Harbour branch?",
        "ASK { ?c krc:fuel 'H' ; krc:ref-home_branch_id ?b . ?b krb:name 'Sorvik Harbour' }",
    ),
    (
        "Has Bram Oosterhuis ever rented an electric car?",
        "ASK { ?r krr:ref-customer_id ?c ; krr:ref-car_id ?v . ?v krc:fuel 'E' . "
        "?c krcu:first_name 'Bram' ; krcu:last_name 'Oosterhuis' }",
    ),
    # a date condition over dates as text
    (
        "Which customers were born before 1980? Give their first and last names.",
        "SELECT ?f ?l WHERE { ?c krcu:first_name ?f ; krcu:last_name ?l ; krcu:birth_date ?b "
        "FILTER(?b < '1980-01-01') }",
    ),
    # sorting
    (
        "Show the plates and daily rates of the diesel cars, ordered by daily rate from highest to lowest.",
        "SELECT ?p ?d WHERE { ?c krc:plate ?p ; krc:daily_rate ?d ; krc:fuel 'D' } ORDER BY DESC(?d)",
    ),
    # top 3
    (
        "Who are the top 3 customers by total amount spent on rentals? Give their names and the totals.",
        "SELECT ?f ?l (SUM(?t) AS ?s) WHERE { ?r krr:ref-customer_id ?c ; krr:total_cost ?t . "
        "?c krcu:first_name ?f ; krcu:last_name ?l } GROUP BY ?c ?f ?l ORDER BY DESC(?s) LIMIT 3",
    ),
]
