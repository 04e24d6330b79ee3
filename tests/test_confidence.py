"""The confidence signals (kgquery/answer/confidence.py) read a query from the outside: cues the query drops,
and question words it leaves unexplained, weighed by how much they say; and the template words a table's columns
by their property."""

from __future__ import annotations

import pytest

from kgquery.answer.confidence import confidence, unexplained, unhonoured
from kgquery.understand.text import analyse, is_structure_word
from kgquery.wording import informativeness, verb_form


def test_a_query_that_drops_a_cue_of_the_wording_is_unhonoured():
    per_group = analyse("How many countries are in each region?").cues
    assert unhonoured(per_group, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a <C> . }") == 0.5
    assert unhonoured(per_group, "SELECT ?g (COUNT(?x) AS ?n) WHERE { ?x <p> ?g } GROUP BY ?g") == 0.0
    largest = analyse("Which is the largest country?").cues
    assert unhonoured(largest, "SELECT ?x WHERE { ?x a <C> }") == 1.0
    assert unhonoured(analyse("Which countries border Spain?").cues, "SELECT ?x WHERE { ?x <b> <s> }") == 0.0
    # 'how many people live in X' is honoured by reading a stored number
    negated = analyse("Which countries do not border Spain?").cues
    assert unhonoured(negated, "SELECT ?x WHERE { ?x a <C> FILTER NOT EXISTS { ?x <b> <s> } }") == 0.0
    assert unhonoured(negated, "SELECT ?x WHERE { ?x <b> <http://e/Not!Spain> . FILTER(?x != <s>) }") == 0.0
    assert unhonoured(negated, "SELECT ?x WHERE { ?x <http://e/b!> <s> }") == 1.0  # a '!' inside an IRI negates nothing
    assert unhonoured(analyse("How many people live in Canada?").cues, "SELECT ?x WHERE { <c> <p> ?x }", "+value") == 0
    # a value the words state ('in 2014') is left out, or used (as a number or as the text stored)
    stated = analyse("Which venues had gigs in 2014?").cues
    assert unhonoured(stated, "SELECT ?x WHERE { ?x a <http://e/v2014> . }") == 1.0
    assert unhonoured(stated, 'SELECT ?x WHERE { ?g <h> ?x . ?g <y> ?y FILTER(STR(?y) = "2014") }') == 0.0
    # two negations: a query that negates one and keeps the other as it is honours half of them
    twice = analyse("Which countries do not use the euro and whose government is not a monarchy?").cues
    assert twice.negations == 2
    one = 'SELECT ?x WHERE { ?x <g> "Monarchy" FILTER NOT EXISTS { ?x <c> <euro> } }'
    both = 'SELECT ?x WHERE { ?x a <C> FILTER NOT EXISTS { ?x <c> <euro> } FILTER NOT EXISTS { ?x <g> "Monarchy" } }'
    assert unhonoured(twice, one) == 0.5 and unhonoured(twice, both) == 0.0
    # 'a greater area than ...' compares, with no number: a query that compares nothing drops it
    greater = analyse("Which countries have greater area than any country in Europe?").cues
    assert greater.comparative == (">", "area", 3)
    assert unhonoured(greater, 'SELECT ?a WHERE { ?x <continent> "Europe" ; <area> ?a }') == 1.0
    # 'in reverse alphabetical order' sorts: the ordering words are no things left over, the sort is a cue
    ordered = analyse("What are the names of the sections in reverse alphabetical order?").cues
    assert ordered.order_by == ("DESC", "")
    assert unhonoured(ordered, "SELECT ?n WHERE { ?x <name> ?n }") == 1.0
    assert unhonoured(ordered, "SELECT ?n WHERE { ?x <name> ?n } ORDER BY DESC(?n)") == 0.0


def test_everyday_words_left_over_weigh_less_than_rare_ones():
    assert informativeness("use") < 0.3 < informativeness("colour") <= informativeness("gdp") == 1.0
    nothing = lambda w: {}  # noqa: E731 - no property explains any word
    assert unexplained(["gdp"], {"p"}, nothing) == 1.0
    assert unexplained(["use"], {"p"}, nothing) < 0.3
    # a word the query's class names is explained
    assert unexplained(["cars"], {"p"}, nothing, named={"car"}) == 0.0
    assert unexplained(["area"], {"p"}, lambda w: {"p": 0.9}) == 0.0


def test_a_verb_left_over_weighs_half_where_the_query_joins_things():
    """'flights departing from X': the link carries out the verb without sharing its word (WordNet tells the
    verb forms from nouns and plural nouns)."""
    assert all(verb_form(w) for w in ["spoken", "departing", "belongs", "enrolled", "offer"])
    assert not any(verb_form(w) for w in ["cards", "models", "population", "capacity", "languages"])
    nothing = lambda w: {}  # noqa: E731
    assert unexplained(["departing"], {"p"}, nothing, verbs={"departing"}) == 0.5 * unexplained(
        ["departing"], {"p"}, nothing
    )


def test_words_that_shape_a_query_are_not_left_over():
    assert all(is_structure_word(w) for w in ["number", "highest", "average", "more", "150", "most", "descending"])
    # a range, a choice and an equality shape the query too ('between 5 and 9', 'either A or B', 'equal to 3')
    assert all(is_structure_word(w) for w in ["between", "either", "both", "equal", "unique"])
    assert not any(is_structure_word(w) for w in ["horsepower", "cars", "capital"])


def test_the_signals_move_confidence_the_way_they_say():
    base = {"meaning": 0.8, "linked": 0.5, "score": 2.0, "single": 1.0, "words": 0.3}
    assert confidence({**base, "unhonoured": 1.0}) < confidence(base)
    assert confidence({**base, "unexplained": 1.0}) < confidence(base)


def test_columns_are_worded_by_their_property_not_their_variable():
    from kgquery.answer.types import Answer
    from kgquery.answer.verbalize import verbalize
    from kgquery.terms import Term

    ans = Answer(
        question="Show all template type codes and descriptions.",
        text="",
        vars=["template_type_code_0", "template_type_description_1"],
        rows=[(Term("literal", "BK"), Term("literal", "Book"))],
        outcome="answered",
    )
    assert verbalize(ans) == "1 result: template type code: BK; template type description: Book."
    # a thing under a bare variable (a group) is shown by its name alone, not as 'g: Acme'
    ans.vars, ans.labels = ["g", "count"], {"http://example.org/acme": "Acme"}
    ans.rows = [(Term("iri", "http://example.org/acme"), Term("literal", "2"))]
    assert verbalize(ans) == "1 result: Acme; count: 2."
    ans.vars = ["id", "count"]  # a short name is still a heading
    assert verbalize(ans) == "1 result: id: Acme; count: 2."


def test_a_long_decimal_is_rounded_in_the_sentence_but_not_in_the_rows():
    from kgquery.answer.types import Answer
    from kgquery.answer.verbalize import verbalize
    from kgquery.terms import Term

    dec = "http://www.w3.org/2001/XMLSchema#decimal"
    avg = Term("literal", "232.166666666666666666", dec)
    ans = Answer(question="What is the average height?", text="", vars=["avg"], rows=[(avg,)], outcome="answered")
    assert verbalize(ans) == "The answer is 232.1667."
    assert ans.rows[0][0].value == "232.166666666666666666"  # the rows keep every digit
    ans.rows = [(Term("literal", "12.5", dec),)]  # a short one is shown as it is
    assert verbalize(ans) == "The answer is 12.5."


def test_a_question_asking_for_a_time_wants_a_time_for_an_answer():
    from kgquery.terms import Term

    cues = analyse("When did Portugal adopt the euro?").cues
    assert cues.asks_time and analyse("In which year was it built?").cues.asks_time
    assert not analyse("Which year group has the most pupils?").cues.asks_time
    query = "SELECT ?x WHERE { ?x ?p ?o }"
    # a country for a 'when' question answers another question; a date, a year or a date as text does not
    assert unhonoured(cues, query, rows=[(Term("literal", "Spain"),)]) == 1.0
    date = "http://www.w3.org/2001/XMLSchema#date"
    for value, dtype in (("2002-01-01", date), ("2002", None), ("01/01/2002", None)):
        assert unhonoured(cues, query, rows=[(Term("literal", value, dtype),)]) == 0.0, value


def test_a_when_question_answered_by_no_time_is_unsure(tmp_path_factory):
    from conftest import engine_on
    from test_reach import SHELF

    engine = engine_on(tmp_path_factory, "shelf", SHELF)
    # nothing in the graph says when anyone visited a library: the books she wrote that it holds are no date
    ans = engine.ask("When did Mara Quint visit Arvik Library?")
    assert ans.outcome == "abstained", (ans.sparql, ans.confidence)
    born = engine.ask("When was Mara Quint born?")
    assert born.outcome == "answered" and [r[0].value for r in born.rows] == ["1941-03-10"], born.sparql


WORKSHOP = """@prefix w: <http://example.org/workshop/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
w:Tool rdfs:label "tool" .
w:cost rdfs:label "cost" ; rdfs:comment "what the tool costs, in euros" .
w:reliabilityIndex rdfs:label "reliability index" .
w:t1 a w:Tool ; rdfs:label "Rasp Nine" ; w:cost 12.5 ; w:reliabilityIndex 0.71 .
w:t2 a w:Tool ; rdfs:label "Bevel Quill" ; w:cost 48.0 ; w:reliabilityIndex 0.93 .
w:t3 a w:Tool ; rdfs:label "Auger Fell" ; w:cost 7.25 ; w:reliabilityIndex 0.55 .
"""


def test_a_ranked_adjective_the_query_ranks_by_is_not_left_unexplained(tmp_path_factory):
    """'the most reliable tool' ranked by the reliability index carries out 'reliable', though the words are
    spelt apart: the adjective is not counted as a word the query leaves unexplained."""
    from conftest import engine_on

    engine = engine_on(tmp_path_factory, "workshop", WORKSHOP)
    ans = engine.ask("Which is the most reliable tool?")
    assert "MAX(" in ans.sparql and "reliabilityIndex" in ans.sparql, ans.sparql
    assert ans.features["unexplained"] == 0.0, ans.features


def test_a_verb_whose_subject_is_the_asker_needs_no_property(tmp_path_factory):
    """'the tools we sell': the asker's own verb says the tools are theirs, which the graph holding them
    already means; the same verb with another subject ('the tools they sell') is a relation left unexplained."""
    from conftest import engine_on

    engine = engine_on(tmp_path_factory, "workshop", WORKSHOP)
    ours = engine.ask("What is the cost of the tools we sell?")
    theirs = engine.ask("What is the cost of the tools they sell?")
    assert ours.sparql == theirs.sparql and "cost" in ours.sparql, (ours.sparql, theirs.sparql)
    assert ours.features["unexplained"] == 0.0 < theirs.features["unexplained"], (ours.features, theirs.features)


TOWNS = """@prefix t: <http://example.org/towns/> .
t:Town a <http://www.w3.org/2000/01/rdf-schema#Class> .
t:a a t:Town ; t:townName "Ostby" ; t:population 1200 .
t:b a t:Town ; t:townName "Rell" ; t:population 48000 .
t:c a t:Town ; t:townName "Quarn" ; t:population 3100 .
"""


def test_a_property_read_after_a_comparison_explains_its_word(tmp_path_factory):
    """'the names of towns with a population below 5000': the name is read after the filter '?v < 5000', whose
    '<' opens no IRI, so 'names' is explained by the town name the query reads; 'Return' only asks."""
    from conftest import answer_values, engine_on

    engine = engine_on(tmp_path_factory, "towns", TOWNS)
    ans, values = answer_values(engine, "Return the names of the towns with a population below 5000.")
    assert values == ["Ostby", "Quarn"], ans.sparql
    assert ans.features["unexplained"] == 0.0, ans.features


ROUTES = """@prefix r: <http://example.org/routes/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
r:Ferry rdfs:label "ferry" .
r:Port rdfs:label "port" .
r:p1 a r:Port ; rdfs:label "Wexby" .
r:p2 a r:Port ; rdfs:label "Lunnamore" .
r:f1 a r:Ferry ; rdfs:label "Ferry 11" ; r:originPort r:p1 .
r:f2 a r:Ferry ; rdfs:label "Ferry 12" ; r:originPort r:p1 .
r:f3 a r:Ferry ; rdfs:label "Ferry 13" ; r:originPort r:p2 .
"""


#: the same ferries with a second link between ferries and ports
TWO_WAY_ROUTES = (
    ROUTES
    + """r:f1 r:destPort r:p2 .
r:f2 r:destPort r:p2 .
r:f3 r:destPort r:p1 .
"""
)


@pytest.mark.parametrize("name, ttl, weight", [("routes", ROUTES, 0.0), ("two_way", TWO_WAY_ROUTES, 0.5)])
def test_a_verb_linking_the_answer_to_a_named_thing_weighs_as_a_link(tmp_path_factory, name, ttl, weight):
    """'ferries departing from Wexby' is carried out by a link to Wexby whose name does not share the verb's
    word: the verb says how the two relate. Where originPort is the only link between ferries and ports, and the
    verb names no property, no other link could have been meant: it leaves no doubt. Beside a destPort, the verb
    alone tells the two links apart and names neither: it weighs half, as in a link between two unknowns."""
    from conftest import answer_values, engine_on

    engine = engine_on(tmp_path_factory, name, ttl)
    ans, values = answer_values(engine, "How many ferries are departing from Wexby?")
    assert values == ["2"] and "originPort" in ans.sparql, ans.sparql
    assert ans.features["unexplained"] == pytest.approx(weight * informativeness("departing")), ans.features


CARS = """@prefix c: <http://example.org/cars/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
c:Car rdfs:label "car" .
c:a a c:Car ; rdfs:label "Pell 4" ; c:cylinders 4 ; c:mpg 31 .
c:b a c:Car ; rdfs:label "Orm 6" ; c:cylinders 6 ; c:mpg 22 .
c:c a c:Car ; rdfs:label "Pell 4s" ; c:cylinders 4 ; c:mpg 27 .
"""


def test_words_whose_initials_spell_the_property_read_are_explained(tmp_path_factory):
    """'miles per gallon' is what the mpg the query averages stands for: its words are not left over."""
    from conftest import answer_values, engine_on

    engine = engine_on(tmp_path_factory, "cars", CARS)
    ans, values = answer_values(engine, "What is the average miles per gallon of the cars with 4 cylinders?")
    assert values == ["29"], ans.sparql
    assert ans.features["unexplained"] == 0.0, ans.features


def test_a_count_honours_in_total():
    """'How many courses in total': counting the courses is their total; listing them honours neither cue."""
    cues = analyse("How many courses in total are listed?").cues
    counted = "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a <http://e/Course> . }"
    assert unhonoured(cues, counted) == 0.0
    assert unhonoured(cues, "SELECT DISTINCT ?x WHERE { ?x a <http://e/Course> . }") == 1.0
    # a total of some quantity is still asked for by 'the total population': a count does not give it
    total = analyse("What is the total population of the towns?").cues
    assert unhonoured(total, counted.replace("COUNT(DISTINCT ?x)", "COUNT(?x)")) == 1.0


REPORTS = """@prefix r: <http://example.org/reports/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
r:Report a <http://www.w3.org/2000/01/rdf-schema#Class> .
r:a a r:Report ; r:title "Spring audit" ; r:issueDate "2021-03-02"^^xsd:date .
r:b a r:Report ; r:title "Harbour survey" ; r:issueDate "2023-07-19"^^xsd:date .
r:c a r:Report ; r:title "Quay census" ; r:issueDate "2019-11-30"^^xsd:date .
"""


def test_an_ordinal_the_query_ranks_by_is_not_left_unexplained(tmp_path_factory):
    """'the last report' is carried out by ranking the reports by date: 'last' is not a word left over."""
    from conftest import answer_values, engine_on

    engine = engine_on(tmp_path_factory, "reports", REPORTS)
    ans, values = answer_values(engine, "What is the issue date of the last report?")
    assert values == ["2023-07-19"], ans.sparql
    assert ans.features["unexplained"] == 0.0, ans.features


def test_a_number_the_question_states_and_the_query_filters_on_grounds_it(tmp_path_factory):
    """'tools that cost more than 10': the 10 the question gives is kept by the query, which grounds it as a
    linked name would; a top-N count ('the 2 cheapest') only shapes the rows and grounds nothing."""
    from conftest import answer_values, engine_on

    engine = engine_on(tmp_path_factory, "workshop", WORKSHOP)
    ans, values = answer_values(engine, "How many tools cost more than 10?")
    assert values == ["2"], (ans.sparql, ans.explanation)
    assert ans.features["linked"] > 0.0, ans.features
    from kgquery.answer.confidence import stated_numbers_used

    tokens = ["which", "are", "the", "2", "cheapest", "tools", "over", "10"]
    query = "SELECT ?x WHERE { ?x <http://example.org/w/cost2> ?v . FILTER(?v > 10) } ORDER BY ?v LIMIT 2"
    assert stated_numbers_used(tokens, query) == {7}


KENNEL = """@prefix k: <http://example.org/kennel/> .
k:Keeper a <http://www.w3.org/2000/01/rdf-schema#Class> .
k:Dog a <http://www.w3.org/2000/01/rdf-schema#Class> .
k:e1 a k:Keeper ; k:fname "Ada" ; k:lname "Okafor" ; k:age 34 .
k:e2 a k:Keeper ; k:fname "Bram" ; k:lname "Lindqvist" ; k:age 51 .
k:d1 a k:Dog ; k:dogName "Pepper" ; k:keptBy k:e1 .
k:d2 a k:Dog ; k:dogName "Moss" ; k:keptBy k:e2 .
k:d3 a k:Dog ; k:dogName "Juniper" ; k:keptBy k:e1 .
"""


def test_words_naming_where_a_linked_name_was_read_are_explained(tmp_path_factory):
    """'the keeper whose last name is Okafor': the query names the keeper by IRI, and lname, which her name was
    read from, explains 'last name' (spelled out by its initial)."""
    from conftest import answer_values, engine_on

    engine = engine_on(tmp_path_factory, "kennel", KENNEL)
    ans, values = answer_values(engine, "What is the age of the keeper whose last name is Okafor?")
    assert values == ["34"], (ans.sparql, ans.explanation)
    assert ans.features["unexplained"] == 0.0, ans.features


@pytest.mark.parametrize(
    "question",
    [
        "Show the names of all dogs except the dogs kept by Okafor.",
        "List the dog names, excluding dogs kept by Okafor.",
    ],
)
def test_a_negation_word_the_query_carries_out_is_not_left_unexplained(tmp_path_factory, question):
    """'except'/'excluding' are carried out by the query's FILTER NOT EXISTS: no word is left unexplained."""
    from conftest import answer_values, engine_on

    engine = engine_on(tmp_path_factory, "kennel", KENNEL)
    ans, values = answer_values(engine, question)
    assert values == ["Moss"], (ans.sparql, ans.explanation)
    assert ans.features["unexplained"] == 0.0, ans.features


def test_having_is_the_light_verb_have(tmp_path_factory):
    """'keepers having more than one dog': 'having' says as little as 'have' and 'has', and names nothing."""
    from conftest import answer_values, engine_on

    engine = engine_on(tmp_path_factory, "kennel", KENNEL)
    ans, values = answer_values(engine, "What are the ages of keepers having more than one dog?")
    assert values == ["34"], (ans.sparql, ans.explanation)
    plain = engine.ask("What are the ages of keepers that have more than one dog?")
    assert ans.features["unexplained"] == 0.0, ans.features
    assert ans.features["words"] == plain.features["words"], (ans.features, plain.features)


@pytest.mark.parametrize("question", ["What is the weight of Rasp Nine?", "How heavy is Rasp Nine?"])
def test_an_attribute_the_graph_lacks_is_not_answered_with_another(tmp_path_factory, question):
    """The workshop records a tool's cost and reliability, not its weight: an attempt that answers with the
    cost, which no word of the question asks for, is shown as not trusted, and the message names the cost."""
    from conftest import engine_on

    engine = engine_on(tmp_path_factory, "workshop", WORKSHOP)
    ans = engine.ask(question)
    assert ans.outcome == "abstained" and not ans.rows, (ans.outcome, ans.sparql, ans.confidence)
    assert "not sure" in ans.message and "cost" in ans.message, ans.message
    assert [r[0].value for r in ans.attempt_rows] == ["12.5"], ans.attempt_rows


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("How much does Rasp Nine cost?", "12.5"),
        ("How expensive is Rasp Nine?", "12.5"),
        ("How reliable is Bevel Quill?", "0.93"),
        ("What is the reliability index of Auger Fell?", "0.55"),
    ],
)
def test_an_attribute_asked_in_other_words_is_answered(tmp_path_factory, question, value):
    """The same check lets through the attributes the words do ask for, spelt otherwise ('how expensive':
    the cost; 'how reliable': the reliability index)."""
    from conftest import engine_on

    engine = engine_on(tmp_path_factory, "workshop", WORKSHOP)
    ans = engine.ask(question)
    assert ans.outcome == "answered" and [r[0].value for r in ans.rows] == [value], (ans.sparql, ans.message)


def test_the_properties_a_query_answers_with_are_the_ones_it_selects_bare():
    from kgquery.answer.confidence import answer_properties

    one = "SELECT DISTINCT ?x WHERE { <e> <http://ex/cost> ?x . }"
    assert answer_properties(one) == {"http://ex/cost"}
    counted = "SELECT (COUNT(?x) AS ?n) WHERE { ?t <http://ex/cost> ?x . }"
    assert answer_properties(counted) == set()
    two = "SELECT ?n ?c WHERE { ?t <http://ex/name> ?n ; <http://ex/cost> ?c ; <http://ex/kind> ?k . }"
    assert answer_properties(two) == {"http://ex/name", "http://ex/cost"}


def test_words_that_name_an_attribute_are_nouns_or_a_measured_adjective_after_how():
    from kgquery.answer.confidence import naming_nouns
    from kgquery.understand.lexicon import attribute_nouns

    tokens = "how heavy is the rasp".split()
    assert naming_nouns(["heavy"], tokens, attribute_nouns) == ["heavy"]
    # after 'how', a word whose attribute WordNet does not know names none ('how often'); a verb asks without
    # naming ('when was X born')
    assert naming_nouns(["often"], "how often is the rasp used".split(), attribute_nouns) == []
    assert naming_nouns(["born"], "when was mara born".split(), attribute_nouns) == []
    assert naming_nouns(["weight"], "what is the weight of the rasp".split(), attribute_nouns) == ["weight"]


def test_confidence_is_the_same_whether_or_not_every_candidate_ran(tmp_path_factory):
    """The engine stops running candidates once none left can win; evaluation runs them all (to measure
    reach). The margin over the runner-up meets a candidate that did not run at the best score it could reach,
    so the signals, and the confidence judged on them, are what users get either way."""
    from conftest import engine_on
    from test_reach import SHELF

    stopping = engine_on(tmp_path_factory, "shelf", SHELF)
    every = engine_on(tmp_path_factory, "shelf", SHELF)
    every.prune = False
    question = "When was Mara Quint born?"
    a, b = stopping.ask(question), every.ask(question)
    assert len(a.tried) < len(b.tried), (len(a.tried), len(b.tried))  # the two engines did run different sets
    assert a.features == b.features and a.confidence == b.confidence, (a.features, b.features)
    assert 0.0 < a.features["margin"] < 1.0, a.features


DOCTORS = """@prefix c: <http://example.org/clinic/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
c:Doctor rdfs:label "doctor" .
c:specialty rdfs:label "specialty" .
c:d1 a c:Doctor ; rdfs:label "Amal Reyes" ; c:specialty "cardiology" .
c:d2 a c:Doctor ; rdfs:label "Piet Kramer" ; c:specialty "oncology" .
c:d3 a c:Doctor ; rdfs:label "Sun Li" ; c:specialty "cardiology" .
"""


def test_a_list_of_every_thing_of_a_kind_that_leaves_a_noun_unused_is_unsure(tmp_path_factory):
    """'Which doctors are cardiologists?' answered with every doctor drops the word that was to narrow them
    down: not sure, and the message names the word; 'Which doctors are there?' lists them all, answered."""
    from conftest import engine_on

    engine = engine_on(tmp_path_factory, "doctors", DOCTORS)
    ans = engine.ask("Which doctors are cardiologists?")
    assert ans.outcome == "abstained" and "cardiologists" in ans.message, (ans.outcome, ans.message, ans.sparql)
    assert len(ans.attempt_rows) == 3  # the attempt is still shown
    ans = engine.ask("Which doctors are there?")
    assert (ans.outcome, len(ans.rows)) == ("answered", 3), (ans.message, ans.sparql)


def _festival() -> str:
    from conftest import table_ttl

    b = "http://example.org/fest/"
    bands = [dict(band_id=i, name=n) for i, n in enumerate(["Quiet Harbour", "Iron Vale", "Lumen"], 1)]
    plays = [(1, "Main"), (1, "Tent"), (2, "Main"), (1, "Main"), (3, "Tent")]
    performances = [dict(perf_id=i, band_id=f"<{b}band/band_id={k}>", stage=s) for i, (k, s) in enumerate(plays, 1)]
    sponsorships = [
        dict(pay_id=i, band_id=f"<{b}band/band_id={k}>", sponsor=s) for i, (k, s) in enumerate([(2, "Acme")])
    ]
    return "\n".join(
        table_ttl(b, "band", "band_id", bands)
        + table_ttl(b, "performance", "perf_id", performances)
        + table_ttl(b, "sponsorship", "pay_id", sponsorships)
    )


def test_a_verb_of_the_join_that_names_nothing_in_the_graph_leaves_no_doubt(tmp_path_factory):
    """'Which band played the most performances?': the query joins performances to bands, and 'played' names
    no property, so no other link could have been meant; 'sponsored' names the sponsorships, which the query
    does not use, and stays a word left unexplained."""
    from conftest import engine_on

    engine = engine_on(tmp_path_factory, "festival", _festival())
    played = engine.ask("Which band played the most performances?")
    sponsored = engine.ask("Which band sponsored the most performances?")
    assert played.sparql == sponsored.sparql and "performance#band_id" in played.sparql, played.sparql
    shown = played.attempt_values() if played.outcome == "abstained" else played.values()
    assert shown == ["Quiet Harbour"], (played.outcome, shown)
    assert played.features["unexplained"] == 0.0 < sponsored.features["unexplained"], (
        played.features,
        sponsored.features,
    )


def test_an_empty_answer_from_a_query_that_leaves_out_what_it_asks_for_says_nothing():
    """'artists with no work on display' read as 'artists who made no work, and what their works show': empty
    by construction, so the empty answer is not stated as the answer; leaving out one kind of work is no such
    query."""
    from kgquery.pipeline import _excludes_what_it_needs

    made, shown, work = "<http://e/made>", "<http://e/shown>", "<http://e/Work>"
    contradictory = (
        f"SELECT ?y WHERE {{ ?x a <http://e/Artist> . FILTER NOT EXISTS {{ ?w {made} ?x . ?w a {work} . }} "
        f"?r {made} ?x . ?r {shown} ?y . }}"
    )
    assert _excludes_what_it_needs(contradictory)
    plain = f"SELECT ?x WHERE {{ ?x a <http://e/Artist> . FILTER NOT EXISTS {{ ?w {made} ?x . ?w {shown} true . }} }}"
    assert _excludes_what_it_needs(plain) == ""


def test_an_answer_of_another_kind_is_unfit():
    """'When ...' answered with no date or time, 'where ...' with an amount: another question was answered, and
    the engine caps it below the threshold however well the words fit (wrong_kind names why)."""
    from kgquery.answer.confidence import wrong_kind
    from kgquery.answer.types import Term

    when = analyse("When did Portugal adopt the euro?").cues
    assert "when" in wrong_kind(when, [(Term("literal", "Spain"),)])
    assert wrong_kind(when, [(Term("literal", "2002-01-01", "http://www.w3.org/2001/XMLSchema#date"),)]) == ""
    where = analyse("Where was Mara Quint born?").cues
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    assert "where" in wrong_kind(where, [(Term("literal", "1941", integer),)])
    assert wrong_kind(where, [(Term("literal", "Arvik"),)]) == ""
