"""Questions about bench/probes/conference.ttl (built by make_conference.py): what an organiser of a scientific
conference would ask of its database, in the style of the relational benchmarks, each with the SPARQL that answers
it (the query body only; rdfs and xsd are always declared, PREFIXES_EXTRA adds the rest). The answers are computed
from these queries, never typed. Made up for this project (Apache-2.0).

Codes are said as words where the word is plain ('keynote' for is_keynote 'T', 'student' for 'STUDENT', 'VIP' for
'VIP'); days and start times are strings, compared as text. A session links twice to the speaker table (its chair)
and a talk once more (its presenter): 'chaired' and 'presented' pick the link. Speakers have first and last names,
so a question that asks 'which speakers' without asking for names is answered with the rows.
"""

from __future__ import annotations

PREFIXES_EXTRA = """\
PREFIX cf: <http://valuenet/ontop/>
PREFIX cfp: <http://valuenet/ontop/speaker#>
PREFIX cfr: <http://valuenet/ontop/room#>
PREFIX cfs: <http://valuenet/ontop/session#>
PREFIX cft: <http://valuenet/ontop/talk#>
PREFIX cfa: <http://valuenet/ontop/attendee#>
PREFIX cfn: <http://valuenet/ontop/attendance#>
"""

QUESTIONS = [
    # counts, with a code said as a word
    ("How many keynote talks are there?", "SELECT (COUNT(?t) AS ?n) WHERE { ?t a cf:talk ; cft:is_keynote 'T' }"),
    (
        "How many student attendees are there?",
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a a cf:attendee ; cfa:reg_type 'STUDENT' }",
    ),
    # a list in order
    (
        "List the titles of all talks ordered by length, longest first.",
        "SELECT ?title WHERE { ?t cft:title ?title ; cft:length_min ?len } ORDER BY DESC(?len)",
    ),
    # aggregates
    ("What is the average h-index of the speakers?", "SELECT (AVG(?h) AS ?avg) WHERE { ?s cfp:h_index ?h }"),
    (
        "What is the total fee paid by VIP attendees?",
        "SELECT (SUM(?fee) AS ?total) WHERE { ?a cfa:reg_type 'VIP' ; cfa:fee ?fee }",
    ),
    (
        "What is the length of the shortest talk in minutes?",
        "SELECT (MIN(?len) AS ?min) WHERE { ?t cft:length_min ?len }",
    ),
    # per-group counts, averages and sums, with the columns asked
    (
        "For each track, show the number of talks.",
        "SELECT ?track (COUNT(?t) AS ?n) WHERE { ?t cft:ref-session_id ?s . ?s cfs:track ?track } GROUP BY ?track",
    ),
    (
        "Return the average fee for each registration type.",
        "SELECT ?type (AVG(?fee) AS ?avg) WHERE { ?a cfa:reg_type ?type ; cfa:fee ?fee } GROUP BY ?type",
    ),
    (
        "For each room, give the room name and the number of sessions held there.",
        "SELECT ?name (COUNT(?s) AS ?n) WHERE { ?s cfs:ref-room_id ?r . ?r cfr:name ?name } GROUP BY ?r ?name",
    ),
    (
        "Show the title of each session and the total length of its talks in minutes.",
        "SELECT ?title (SUM(?len) AS ?total) WHERE { ?t cft:ref-session_id ?s ; cft:length_min ?len . "
        "?s cfs:title ?title } GROUP BY ?s ?title",
    ),
    # having
    (
        "Which sessions have more than 3 talks?",
        "SELECT ?title WHERE { ?t cft:ref-session_id ?s . ?s cfs:title ?title } GROUP BY ?s ?title "
        "HAVING (COUNT(?t) > 3)",
    ),
    (
        "Find the names of the attendees who attended at least 4 sessions.",
        "SELECT ?name WHERE { ?x cfn:ref-attendee_id ?a . ?a cfa:name ?name } GROUP BY ?a ?name "
        "HAVING (COUNT(?x) >= 4)",
    ),
    # superlatives
    (
        "Which room hosts the most sessions?",
        "SELECT ?name WHERE { ?s cfs:ref-room_id ?r . ?r cfr:name ?name } GROUP BY ?r ?name "
        "ORDER BY DESC(COUNT(?s)) LIMIT 1",
    ),
    (
        "Which speaker presents the most talks?",
        "SELECT ?p WHERE { ?t cft:ref-presenter_id ?p } GROUP BY ?p ORDER BY DESC(COUNT(?t)) LIMIT 1",
    ),
    (
        "Which session has the most attendees?",
        "SELECT ?title WHERE { ?x cfn:ref-session_id ?s . ?s cfs:title ?title } GROUP BY ?s ?title "
        "ORDER BY DESC(COUNT(?x)) LIMIT 1",
    ),
    # negation
    (
        "Which speakers give no talk?",
        "SELECT ?p WHERE { ?p a cf:speaker FILTER NOT EXISTS { ?t cft:ref-presenter_id ?p } }",
    ),
    (
        "Find the rooms where no session is held.",
        "SELECT ?name WHERE { ?r a cf:room ; cfr:name ?name FILTER NOT EXISTS { ?s cfs:ref-room_id ?r } }",
    ),
    (
        "Which attendees did not attend any session?",
        "SELECT ?name WHERE { ?a a cf:attendee ; cfa:name ?name FILTER NOT EXISTS { ?x cfn:ref-attendee_id ?a } }",
    ),
    (
        "Which sessions did nobody attend?",
        "SELECT ?title WHERE { ?s a cf:session ; cfs:title ?title FILTER NOT EXISTS { ?x cfn:ref-session_id ?s } }",
    ),
    # both ... and
    (
        "Find the names of attendees who attended both an AI session and a Theory session.",
        "SELECT DISTINCT ?name WHERE { ?a cfa:name ?name . "
        "?x cfn:ref-attendee_id ?a ; cfn:ref-session_id/cfs:track 'AI' . "
        "?y cfn:ref-attendee_id ?a ; cfn:ref-session_id/cfs:track 'Theory' }",
    ),
    # compared with the average
    (
        "Which talks are longer than the average talk length?",
        "SELECT ?title WHERE { ?t cft:title ?title ; cft:length_min ?len "
        "{ SELECT (AVG(?x) AS ?avg) WHERE { ?q cft:length_min ?x } } FILTER(?len > ?avg) }",
    ),
    # joins over two and three links
    (
        "What are the names of the attendees of sessions held in the Birch Room?",
        "SELECT DISTINCT ?name WHERE { ?x cfn:ref-session_id/cfs:ref-room_id/cfr:name 'Birch Room' ; "
        "cfn:ref-attendee_id/cfa:name ?name }",
    ),
    (
        "List the titles of the talks in sessions chaired by Henrik Lindqvist.",
        "SELECT ?title WHERE { ?t cft:title ?title ; cft:ref-session_id/cfs:ref-chair_id ?c . "
        "?c cfp:first_name 'Henrik' ; cfp:last_name 'Lindqvist' }",
    ),
    # the two links into the speaker table: chair and presenter
    (
        "Show the first and last names of the speakers who chaired a session but presented no talk.",
        "SELECT DISTINCT ?first ?last WHERE { ?s cfs:ref-chair_id ?p . ?p cfp:first_name ?first ; "
        "cfp:last_name ?last FILTER NOT EXISTS { ?t cft:ref-presenter_id ?p } }",
    ),
    # days and times as text
    (
        "List the titles of the sessions held on the second day of the conference.",
        "SELECT ?title WHERE { ?s cfs:title ?title ; cfs:day ?d "
        "{ SELECT DISTINCT ?d WHERE { ?x cfs:day ?d } ORDER BY ?d OFFSET 1 LIMIT 1 } }",
    ),
    (
        "Which sessions start before 10:00?",
        "SELECT ?title WHERE { ?s cfs:title ?title ; cfs:start_time ?start FILTER(?start < '10:00') }",
    ),
    # distinct values
    ("What are the distinct countries of the speakers?", "SELECT DISTINCT ?c WHERE { ?s cfp:country ?c }"),
    # yes/no (the answer is no)
    (
        "Is there a keynote talk in a Theory session?",
        "ASK { ?t cft:is_keynote 'T' ; cft:ref-session_id/cfs:track 'Theory' }",
    ),
    # a row by its title
    (
        "Give me the room name and the start time of the session Graph Algorithms.",
        "SELECT ?room ?start WHERE { ?s cfs:title 'Graph Algorithms' ; cfs:start_time ?start ; "
        "cfs:ref-room_id/cfr:name ?room }",
    ),
    # typed the way a user would
    (
        "talks given by priya ramanathan",
        "SELECT ?title WHERE { ?t cft:title ?title ; cft:ref-presenter_id ?p . "
        "?p cfp:first_name 'Priya' ; cfp:last_name 'Ramanathan' }",
    ),
]
