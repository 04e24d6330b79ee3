"""What a superlative ranks and what another class word constrains, read from the question's own words:
'the youngest boat' ranks by the boats' age even when the question asks for their weight; 'worth the most'
ranks by the property the word before it names; 'owners who have a boat' keeps only owners linked to one."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on, table_ttl

os.environ.setdefault("HF_HUB_OFFLINE", "1")

E = "http://example.org/harbour/"


def _ttl() -> str:
    # (id, type, age in years, weight in tonnes, masts): the youngest boat is not the lightest one
    boats = [(1, "ketch", 12, 3.5, 2), (2, "sloop", 2, 8.1, 1), (3, "yawl", 30, 1.2, 2), (4, "cutter", 7, 5.0, 1)]
    owners = [(1, "Ines Moreau", 3.2), (2, "Tomas Berg", 41.0), (3, "Ada Quist", 0.7), (4, "Olu Ade", 12.5)]
    # who owns which boat: a link node of its own, as a table of pairs becomes; owners 2 and 4 own none
    owns = [(1, 2), (1, 3), (3, 4)]
    lines = table_ttl(
        E, "boats", "boat_id", [dict(boat_id=i, boat_type=t, boat_age=a, weight=w, masts=m) for i, t, a, w, m in boats]
    )
    lines += table_ttl(E, "owner", "owner_id", [dict(owner_id=i, name=n, net_worth_millions=w) for i, n, w in owners])
    pairs = [
        {"row": k, "ref-owner_id": f"<{E}owner/owner_id={o}>", "ref-boat_id": f"<{E}boats/boat_id={b}>"}
        for k, (o, b) in enumerate(owns, 1)
    ]
    return "\n".join(lines + table_ttl(E, "owns_boat", "row", pairs, keep_key=False)) + "\n"


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    return engine_on(tmp_path_factory, "harbour", _ttl())


def test_a_superlative_adjective_ranks_what_it_measures_not_what_is_read(harbour):
    """'youngest' measures age (WordNet); 'type' and 'weight' are read out of the boat so ranked."""
    ans, values = answer_values(harbour, "Find the type and weight of the youngest boat.")
    assert values == ["8.1", "sloop"], (ans.sparql, ans.explanation)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What is the name of the owner who is worth the most?", ["Tomas Berg"]),
        ("Which owner is worth the least?", ["Ada Quist"]),
    ],
)
def test_the_most_at_the_end_ranks_by_the_word_before_it(harbour, question, expected):
    ans, values = answer_values(harbour, question)
    assert values == expected, (ans.sparql, ans.explanation)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Find the names of owners who have a boat.", ["Ada Quist", "Ines Moreau"]),
        ("List the names of the owners with a boat.", ["Ada Quist", "Ines Moreau"]),
    ],
)
def test_a_class_after_an_indefinite_article_constrains_the_answer(harbour, question, expected):
    """The owners linked to some boat through the link nodes, not every owner."""
    ans, values = answer_values(harbour, question)
    assert values == expected, (ans.sparql, ans.explanation)


@pytest.mark.parametrize(
    "question", ["How many different boats do all owners own?", "Count the number of different boats owned by owners."]
)
def test_a_count_of_things_another_class_uses(harbour, question):
    """Three of the four boats have an owner: the count is of those, not of every boat."""
    ans, values = answer_values(harbour, question)
    assert values == ["3"], (ans.sparql, ans.explanation)


def test_a_comparison_filters_the_number_named_right_before_it(harbour):
    """'whose age is greater than 5' filters on the age, though the question also names a weight to sum."""
    ans, values = answer_values(
        harbour, "What is the total weight and average boat age of boats whose age is greater than 5?"
    )
    assert sorted(round(float(v), 2) for v in values) == [9.7, 16.33], (ans.sparql, ans.explanation)


S = "http://example.org/school/"


def _school_ttl() -> str:
    # courses reach students in three hops: course <- enrolment_course -> enrolment -> student
    lines = table_ttl(
        S, "courses", "course_id", [dict(course_id=i, title=t) for i, t in [(1, "Botany"), (2, "Optics"), (3, "Runes")]]
    )
    lines += table_ttl(
        S, "students", "student_id", [dict(student_id=i, full_name=n) for i, n in [(1, "Ana Vel"), (2, "Bo Tran")]]
    )
    lines += table_ttl(
        S,
        "enrolment",
        "enrolment_id",
        [{"enrolment_id": k, "ref-student_id": f"<{S}students/student_id={k}>"} for k in (1, 2)],
    )
    pairs = [(1, 1), (2, 3), (1, 3)]  # (enrolment, course): nobody takes Optics
    lines += table_ttl(
        S,
        "enrolment_courses",
        "row",
        [
            {
                "row": k,
                "ref-enrolment_id": f"<{S}enrolment/enrolment_id={e}>",
                "ref-course_id": f"<{S}courses/course_id={c}>",
            }
            for k, (e, c) in enumerate(pairs, 1)
        ],
        keep_key=False,
    )
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    return engine_on(tmp_path_factory, "school", _school_ttl())


def test_a_class_after_some_constrains_over_three_hops(school):
    """Courses reach students only through two link nodes: 'courses that have some students' keeps those."""
    ans, values = answer_values(school, "What are the titles of all courses that have some students enrolled?")
    assert values == ["Botany", "Runes"], (ans.sparql, ans.explanation)


def test_an_aggregate_of_their_things_is_one_per_owner(harbour):
    """'the total weight of their boats': one sum per owner (through the link nodes), not one over all boats."""
    ans, values = answer_values(harbour, "Show the names of owners and the total weight of their boats.")
    assert "9.3" in values and "5" in values and "Ines Moreau" in values, (ans.sparql, ans.explanation)


@pytest.mark.parametrize(
    "question, expected",
    [
        (
            "List the boat types ordered by weight from the heaviest to the lightest.",
            ["sloop", "cutter", "ketch", "yawl"],
        ),
        ("List all boat types in reverse alphabetical order.", ["yawl", "sloop", "ketch", "cutter"]),
        ("Show the boat types in ascending order of boat age.", ["sloop", "cutter", "ketch", "yawl"]),
    ],
)
def test_ordered_by_sorts_the_rows(harbour, question, expected):
    """'ordered by weight', 'in reverse alphabetical order': the rows come sorted, by the key the words name."""
    ans = harbour.ask(question)
    rows = ans.attempt_rows if ans.outcome == "abstained" else ans.rows
    assert [r[0].value for r in rows] == expected, (ans.sparql, ans.explanation)
    assert "sorts them by" in ans.explanation


# (question, the answer's sorted values): how the wording groups and what a list of columns reads
GROUPED = {
    # 'for (all the) different X' asks per X, as 'for each X' does: one maximum per number of masts
    "for different X": ("What is the maximum weight for different numbers of masts?", ["1", "2", "3.5", "8.1"]),
    "for all the different X": ("Show the largest weight for all the different masts.", ["1", "2", "3.5", "8.1"]),
    # the weight ranks the boats and is also asked for
    "listed ranked column": ("List the types and weights of the two heaviest boats.", ["5", "8.1", "cutter", "sloop"]),
    "listed ranked column, digits": (
        "What are the types and weights of the 2 heaviest boats?",
        ["5", "8.1", "cutter", "sloop"],
    ),
    # '... for each.' names no group itself: it points back at the boat types asked for first
    "each at the end": (
        "What are the different boat types, and how many boats have each?",
        ["1", "1", "1", "1", "cutter", "ketch", "sloop", "yawl"],
    ),
    "for each at the end": (
        "Show all boat types and number of boats for each.",
        ["1", "1", "1", "1", "cutter", "ketch", "sloop", "yawl"],
    ),
    # 'has the maximum X' ranks the things by X: the thing is asked, not the maximum itself
    "has the maximum": ("Which boat type has the maximum weight?", ["sloop"]),
    "with the minimum": ("Find the name of the owner with the minimum net worth.", ["Ada Quist"]),
    # the superlative's phrase ends on the ranked property's own words: its value is asked
    "ranked value at the end": ("What is the heaviest boat weight?", ["8.1"]),
    # a sort key is not a column: only the types are listed
    "sort key not shown": ("List the boat types in ascending order of weight.", ["cutter", "ketch", "sloop", "yawl"]),
    # the name the question gives the thing by is not shown back as a column
    "named thing's columns": ("Show the owner id and net worth of the owner named Ada Quist.", ["0.7", "3"]),
}


@pytest.mark.parametrize("question, expected", GROUPED.values(), ids=GROUPED.keys())
def test_groups_and_columns_the_wording_asks_for(harbour, question, expected):
    ans, values = answer_values(harbour, question)
    assert values == expected, (ans.sparql, ans.explanation)


def _campus_ttl() -> str:
    # who studies what: a link node per pair with a yes/no column; Ana and Ben study physics, only Ana as major
    people = [(1, "Ana Lund"), (2, "Ben Okafor"), (3, "Cleo Park")]
    studies = [(1, 1, "Physics", "T"), (2, 1, "History", "F"), (3, 2, "Physics", "F"), (4, 2, "History", "T")]
    studies += [(5, 3, "Physics", "T"), (6, 3, "Music", "T")]
    lines = table_ttl(E, "student", "student_id", [dict(student_id=i, name=n) for i, n in people])
    rows = [
        {"row": k, "ref-student_id": f"<{E}student/student_id={s}>", "subject": sub, "is_major": flag}
        for k, s, sub, flag in studies
    ]
    return "\n".join(lines + table_ttl(E, "studies", "row", rows, keep_key=False)) + "\n"


@pytest.fixture(scope="module")
def campus(tmp_path_factory):
    return engine_on(tmp_path_factory, "campus", _campus_ttl())


def _towns_ttl() -> str:
    # the largest southern town has 900 people: two northern towns are larger, one is smaller
    towns = [(1, "Aldby", "North", 1200), (2, "Brisk", "North", 950), (3, "Corran", "North", 300)]
    towns += [(4, "Dunmore", "South", 900), (5, "Elvet", "South", 450), (6, "Fenwick", "South", 280)]
    rows = [dict(town_id=i, name=n, region=r, population=p) for i, n, r, p in towns]
    rows[0]["town_description"] = "a market town on the river"  # and 'describe' asks for it
    for row in rows:  # an address in numbered lines: 'the second line' is line_2
        row.update(line_1=f"{row['name']} Hall", line_2=f"{row['region']} Road {row['town_id']}")
        row["calling_code"] = f"0{row['town_id']}55"  # 'called' before a name names no calling code
    parts = ["Float Valve", "Brass Float Valve", "Float Valve Kit", "Gate Valve"]  # one is named 'Float Valve'
    lines = table_ttl(E, "part", "part_id", [dict(part_id=k, part_name=n) for k, n in enumerate(parts, 1)])
    return "\n".join(table_ttl(E, "town", "town_id", rows) + lines) + "\n"


@pytest.fixture(scope="module")
def towns(tmp_path_factory):
    return engine_on(tmp_path_factory, "towns", _towns_ttl())


# (graph, question, the answer's sorted values): words that name what the graph holds indirectly
INDIRECT = {
    # 'is the major subject': the T/F column the word names constrains the link node that has it; a reading
    # that reads it out, or ignores it, answers another question
    "yes/no property holds": (
        "campus",
        "What are the names of students for whom Physics is the major subject?",
        ["Ana Lund", "Cleo Park"],
    ),
    "yes/no property of one thing": ("campus", "Which subjects are major for Ben Okafor?", ["History"]),
    # 'larger than any town in the South' is larger than the largest of them ('less than any': smaller than the
    # smallest); the items named before the comparison constrain the towns compared
    "than any": (
        "towns",
        "Which towns in the North have a population larger than any town in the South?",
        ["Aldby", "Brisk"],
    ),
    "less than any": (
        "towns",
        "What are the names of towns with a population less than any town in the North?",
        ["Fenwick"],
    ),
    # 'Describe X': WordNet derives 'description' from the verb
    "a verb's noun": ("towns", "Describe the town Aldby.", ["a market town on the river"]),
    # 'the second line' is line_2, not line_1 nor both: a numbered name's number reads as its ordinal
    "ordinal of a numbered property": (
        "towns",
        "Show the second line of the towns in the South.",
        ["South Road 4", "South Road 5", "South Road 6"],
    ),
    # 'the town called Brisk': 'called' gives the name; it does not ask for the calling code
    "naming word": ("towns", "What is the population of the town called Brisk?", ["950"]),
    # 'How many Float Valves': the parts whose name holds 'float valve', not the one part named so
    "a name made plural": ("towns", "How many Float Valves are there?", ["3"]),
}


@pytest.mark.parametrize("graph, question, expected", INDIRECT.values(), ids=INDIRECT.keys())
def test_words_that_name_the_graph_indirectly(request, graph, question, expected):
    ans, values = answer_values(request.getfixturevalue(graph), question)
    assert values == expected, (ans.sparql, ans.explanation)


def test_than_any_says_what_it_compares_with(towns):
    ans = towns.ask("Which towns in the North have a population larger than any town in the South?")
    assert 'greater than the highest population of towns whose region is "South"' in ans.explanation, ans.explanation
