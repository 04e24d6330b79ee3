"""Questions about bench/probes/tracker.ttl (built by make_tracker.py), a software bug tracker database mapped table
by table: what someone querying the tracker would ask, in the style of the relational text-to-SQL benchmarks, each
with the SPARQL that answers it (the query body only; rdfs and xsd are always declared, PREFIXES_EXTRA adds the
rest). The answers are computed from these queries, never typed. Made up for this project (Apache-2.0).

An issue links twice to the developer table (`ref-reporter_id`, `ref-assignee_id`); severities are codes 'S1'..'S4',
statuses 'OPEN'/'CLOSED'/'WONTFIX', teams 'BE'/'FE'/'QA'/'OPS'; dates are plain text 'YYYY-MM-DD'.
"""

from __future__ import annotations

PREFIXES_EXTRA = """\
PREFIX tr: <http://valuenet/ontop/>
PREFIX tpj: <http://valuenet/ontop/project#>
PREFIX tdv: <http://valuenet/ontop/developer#>
PREFIX tis: <http://valuenet/ontop/issue#>
PREFIX tcm: <http://valuenet/ontop/commit#>
PREFIX tlb: <http://valuenet/ontop/label#>
PREFIX tit: <http://valuenet/ontop/issue_tag#>
"""

QUESTIONS = [
    # counts
    ("How many issues are open?", "SELECT (COUNT(?i) AS ?n) WHERE { ?i a tr:issue ; tis:status 'OPEN' }"),
    (
        "How many issues were created in 2023?",
        "SELECT (COUNT(?i) AS ?n) WHERE { ?i a tr:issue ; tis:created_date ?d FILTER(STRSTARTS(?d, '2023')) }",
    ),
    (
        "How many commits were made on issues of the Tinder Relay project?",
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c a tr:commit ; tcm:ref-issue_id ?i . ?i tis:ref-project_id ?p . "
        "?p tpj:name 'Tinder Relay' }",
    ),
    # a code said as a word, through a link
    (
        "How many closed issues are assigned to developers of the BE team?",
        "SELECT (COUNT(?i) AS ?n) WHERE { ?i tis:status 'CLOSED' ; tis:ref-assignee_id ?d . ?d tdv:team 'BE' }",
    ),
    # a list in order
    (
        "List the titles of the issues in the Quillbase project ordered by their estimated hours.",
        "SELECT ?t WHERE { ?i tis:title ?t ; tis:estimate_hours ?h ; tis:ref-project_id ?p . "
        "?p tpj:name 'Quillbase' } ORDER BY ?h",
    ),
    # aggregates
    (
        "What is the average estimate in hours of the issues with severity S1?",
        "SELECT (AVG(?h) AS ?avg) WHERE { ?i tis:severity 'S1' ; tis:estimate_hours ?h }",
    ),
    (
        "What are the largest and the smallest number of lines added in a single commit?",
        "SELECT (MAX(?l) AS ?hi) (MIN(?l) AS ?lo) WHERE { ?c tcm:lines_added ?l }",
    ),
    (
        "What is the title of the issue with the largest estimate?",
        "SELECT ?t WHERE { ?i tis:title ?t ; tis:estimate_hours ?h } ORDER BY DESC(?h) LIMIT 1",
    ),
    (
        "When did Mateo Quiroga make his most recent commit?",
        "SELECT (MAX(?d) AS ?last) WHERE { ?c tcm:ref-developer_id ?v ; tcm:commit_date ?d . "
        "?v tdv:first_name 'Mateo' ; tdv:last_name 'Quiroga' }",
    ),
    # per group
    (
        "For each project, show its name and the number of issues it has.",
        "SELECT ?n (COUNT(?i) AS ?c) WHERE { ?i tis:ref-project_id ?p . ?p tpj:name ?n } GROUP BY ?p ?n",
    ),
    (
        "How many developers are there in each team?",
        "SELECT ?t (COUNT(?d) AS ?n) WHERE { ?d a tr:developer ; tdv:team ?t } GROUP BY ?t",
    ),
    (
        "Show the last name of each developer together with the total number of lines they added in commits.",
        "SELECT ?n (SUM(?l) AS ?t) WHERE { ?c tcm:ref-developer_id ?d ; tcm:lines_added ?l . ?d tdv:last_name ?n } "
        "GROUP BY ?d ?n",
    ),
    (
        "What is the total estimate in hours of the open issues in each project? List the project names with the totals.",
        "SELECT ?n (SUM(?h) AS ?t) WHERE { ?i tis:status 'OPEN' ; tis:estimate_hours ?h ; tis:ref-project_id ?p . "
        "?p tpj:name ?n } GROUP BY ?p ?n",
    ),
    # a count kept by a threshold
    (
        "Which developers made more than 5 commits? Give their first and last names.",
        "SELECT ?f ?l WHERE { ?c tcm:ref-developer_id ?d . ?d tdv:first_name ?f ; tdv:last_name ?l } "
        "GROUP BY ?d ?f ?l HAVING (COUNT(?c) > 5)",
    ),
    # superlatives
    (
        "Which project has the most issues?",
        "SELECT ?n WHERE { ?i tis:ref-project_id ?p . ?p tpj:name ?n } GROUP BY ?p ?n ORDER BY DESC(COUNT(?i)) LIMIT 1",
    ),
    (
        "Return the name of the label that is put on the most issues.",
        "SELECT ?n WHERE { ?t tit:ref-label_id ?b ; tit:ref-issue_id ?i . ?b tlb:name ?n } GROUP BY ?b ?n "
        "ORDER BY DESC(COUNT(DISTINCT ?i)) LIMIT 1",
    ),
    (
        "Who reported the most issues? Give the developer's first and last name.",
        "SELECT ?f ?l WHERE { ?i tis:ref-reporter_id ?d . ?d tdv:first_name ?f ; tdv:last_name ?l } "
        "GROUP BY ?d ?f ?l ORDER BY DESC(COUNT(?i)) LIMIT 1",
    ),
    # negation
    (
        "Which developers have never made a commit?",
        "SELECT ?d WHERE { ?d a tr:developer FILTER NOT EXISTS { ?c tcm:ref-developer_id ?d } }",
    ),
    (
        "Find the projects that have no issues.",
        "SELECT ?n WHERE { ?p a tr:project ; tpj:name ?n FILTER NOT EXISTS { ?i tis:ref-project_id ?p } }",
    ),
    (
        "Which issues have no assignee?",
        "SELECT ?t WHERE { ?i a tr:issue ; tis:title ?t FILTER NOT EXISTS { ?i tis:ref-assignee_id ?d } }",
    ),
    (
        "Which developers have reported issues but have never been assigned one?",
        "SELECT DISTINCT ?d WHERE { ?i tis:ref-reporter_id ?d FILTER NOT EXISTS { ?j tis:ref-assignee_id ?d } }",
    ),
    # both, through the link table
    (
        "What are the names of the labels used on issues of both the Quillbase project and the Plover UI project?",
        "SELECT DISTINCT ?n WHERE { ?b tlb:name ?n . "
        "?t1 tit:ref-label_id ?b ; tit:ref-issue_id ?i1 . ?i1 tis:ref-project_id ?p1 . ?p1 tpj:name 'Quillbase' . "
        "?t2 tit:ref-label_id ?b ; tit:ref-issue_id ?i2 . ?i2 tis:ref-project_id ?p2 . ?p2 tpj:name 'Plover UI' }",
    ),
    (
        "Give me the names of the labels attached to the issue 'Login page freezes on Safari'.",
        "SELECT ?n WHERE { ?i tis:title 'Login page freezes on Safari' . ?t tit:ref-issue_id ?i ; tit:ref-label_id ?b . "
        "?b tlb:name ?n }",
    ),
    # compared with the average
    (
        "List the titles of the issues whose estimate is higher than the average estimate of all issues.",
        "SELECT ?t WHERE { ?i tis:title ?t ; tis:estimate_hours ?h . "
        "{ SELECT (AVG(?x) AS ?avg) WHERE { ?j tis:estimate_hours ?x } } FILTER(?h > ?avg) }",
    ),
    # two links followed
    (
        "What are the first and last names of the developers who reported issues in the Mossgate project?",
        "SELECT DISTINCT ?f ?l WHERE { ?i tis:ref-project_id ?p ; tis:ref-reporter_id ?d . ?p tpj:name 'Mossgate' . "
        "?d tdv:first_name ?f ; tdv:last_name ?l }",
    ),
    # two links to the same table
    (
        "Show the titles of the issues that were reported by the same developer they are assigned to.",
        "SELECT ?t WHERE { ?i tis:title ?t ; tis:ref-reporter_id ?d ; tis:ref-assignee_id ?d }",
    ),
    (
        "For each issue of the Plover UI project, give its title, the last name of its reporter and the last name of "
        "its assignee.",
        "SELECT ?t ?r ?a WHERE { ?i tis:title ?t ; tis:ref-project_id ?p ; tis:ref-reporter_id ?x ; "
        "tis:ref-assignee_id ?y . ?p tpj:name 'Plover UI' . ?x tdv:last_name ?r . ?y tdv:last_name ?a }",
    ),
    # two conditions
    (
        "Show the first and last names of the developers hired before 2018 whose seniority level is at least 3.",
        "SELECT ?f ?l WHERE { ?d tdv:first_name ?f ; tdv:last_name ?l ; tdv:hired_year ?y ; tdv:seniority_level ?s "
        "FILTER(?y < 2018 && ?s >= 3) }",
    ),
    # yes/no
    (
        "Is there an open issue with severity S1 in the Tinder Relay project?",
        "ASK { ?i tis:status 'OPEN' ; tis:severity 'S1' ; tis:ref-project_id ?p . ?p tpj:name 'Tinder Relay' }",
    ),
    (
        "Has Dmitri Volkov ever been assigned an issue?",
        "ASK { ?i tis:ref-assignee_id ?d . ?d tdv:first_name 'Dmitri' ; tdv:last_name 'Volkov' }",
    ),
]
