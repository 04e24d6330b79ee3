"""Keys named after their class in short ('memid' of a member, 'ref-clubid' to a club), as tables made into a
graph name them: the question says 'member id', so the schema reads the key so; a negated link keeps the value
the question names ('members not in a chess club'); and 'the id of X' reads X's own key."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

os.environ.setdefault("HF_HUB_OFFLINE", "1")

C = "http://example.org/club/"

TTL = """\
@prefix c: <http://example.org/club/> .

<http://example.org/club/member/memid=101> a c:member ; <http://example.org/club/member#memid> 101 ;
    <http://example.org/club/member#lname> "Okafor" .
<http://example.org/club/member/memid=102> a c:member ; <http://example.org/club/member#memid> 102 ;
    <http://example.org/club/member#lname> "Lind" .
<http://example.org/club/member/memid=103> a c:member ; <http://example.org/club/member#memid> 103 ;
    <http://example.org/club/member#lname> "Mehta" .
<http://example.org/club/member/memid=104> a c:member ; <http://example.org/club/member#memid> 104 ;
    <http://example.org/club/member#lname> "Sato" .

<http://example.org/club/club/clubid=201> a c:club ; <http://example.org/club/club#clubid> 201 ;
    <http://example.org/club/club#sport> "chess" .
<http://example.org/club/club/clubid=202> a c:club ; <http://example.org/club/club#clubid> 202 ;
    <http://example.org/club/club#sport> "rowing" .
<http://example.org/club/club/clubid=203> a c:club ; <http://example.org/club/club#clubid> 203 ;
    <http://example.org/club/club#sport> "chess" .

<http://example.org/club/membership/1> a c:membership ;
    <http://example.org/club/membership#ref-memid> <http://example.org/club/member/memid=101> ;
    <http://example.org/club/membership#ref-clubid> <http://example.org/club/club/clubid=201> .
<http://example.org/club/membership/2> a c:membership ;
    <http://example.org/club/membership#ref-memid> <http://example.org/club/member/memid=102> ;
    <http://example.org/club/membership#ref-clubid> <http://example.org/club/club/clubid=202> .
<http://example.org/club/membership/3> a c:membership ;
    <http://example.org/club/membership#ref-memid> <http://example.org/club/member/memid=103> ;
    <http://example.org/club/membership#ref-clubid> <http://example.org/club/club/clubid=203> .
<http://example.org/club/membership/4> a c:membership ;
    <http://example.org/club/membership#ref-memid> <http://example.org/club/member/memid=103> ;
    <http://example.org/club/membership#ref-clubid> <http://example.org/club/club/clubid=202> .
<http://example.org/club/membership/5> a c:membership ;
    <http://example.org/club/membership#ref-memid> <http://example.org/club/member/memid=104> ;
    <http://example.org/club/membership#ref-clubid> <http://example.org/club/club/clubid=202> .

<http://example.org/club/valuation/1> a c:valuation ; <http://example.org/club/valuation#valid> true .
"""


@pytest.fixture(scope="module")
def clubs(tmp_path_factory):
    return engine_on(tmp_path_factory, "clubs", TTL)


def test_a_key_named_after_its_class_in_short_reads_as_the_class_id(clubs):
    from kgquery.graph.schema import summarize

    labels = {p.iri: p.label for p in summarize(clubs.kg).properties}
    assert labels[C + "member#memid"] == "member id"
    assert labels[C + "club#clubid"] == "club id"
    assert labels[C + "membership#ref-memid"] == "ref member id"  # the class of its objects
    # a common word that ends in 'id' stays itself, though a class name starts like it ('valuation')
    assert labels[C + "valuation#valid"] == "valid"
    assert labels[C + "member#lname"] == "l name"


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Which members are not in a chess club?", ["Lind", "Sato"]),
        ("Which members do not have a chess club?", ["Lind", "Sato"]),
        ("Find the member ids of members who are not in a chess club.", ["102", "104"]),
    ],
)
def test_a_negated_link_keeps_the_value_it_names(clubs, question, expected):
    # 'not in a chess club' is not 'in no club at all' (every member is in one: that reading answers nothing)
    ans, values = answer_values(clubs, question)
    assert values == expected, ans.sparql


def test_the_id_of_things_reads_their_own_key(clubs):
    ans, values = answer_values(clubs, "What are the ids of the members who do not belong to a chess club?")
    assert values == ["102", "104"], ans.sparql
    assert "member#memid" in ans.sparql


def test_the_id_of_a_thing_reached_from_one_named_by_another_value(clubs):
    # the member is named by a last name, not by a key: the link to it explains no 'id' of the question
    ans, values = answer_values(clubs, "What are the ids of the clubs of the member whose last name is 'Mehta'?")
    assert values == ["202", "203"], ans.sparql
