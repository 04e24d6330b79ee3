"""Clarification, follow-ups (Conversation and ask(history=)) and `kgquery chat` on a small company graph."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CO = "http://example.org/co/"
CO_TTL = """\
@prefix ex: <http://example.org/co/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Employee a rdfs:Class ; rdfs:label "Employee" .
ex:Department a rdfs:Class ; rdfs:label "Department" .
ex:Supplier a rdfs:Class ; rdfs:label "Supplier" .
ex:Country a rdfs:Class ; rdfs:label "Country" .
ex:memberOf rdfs:label "member of" .
ex:phone rdfs:label "phone number" .
ex:email rdfs:label "email" .
ex:hasManager rdfs:label "has manager" .
ex:country rdfs:label "country" .
ex:mkt a ex:Department ; rdfs:label "Marketing" .
ex:prd a ex:Department ; rdfs:label "Production" .
ex:france a ex:Country ; rdfs:label "France" .
ex:germany a ex:Country ; rdfs:label "Germany" .
ex:sg a ex:Employee ; rdfs:label "Sabrina Geiger" ; ex:memberOf ex:mkt ; ex:phone "+49-1" ; ex:email "sg@co.org" .
ex:sb a ex:Employee ; rdfs:label "Sabrina Bayer" ; ex:memberOf ex:prd ; ex:phone "+49-2" ; ex:email "sb@co.org" .
ex:hh a ex:Employee ; rdfs:label "Heinrich Hoch" ; ex:memberOf ex:mkt ; ex:hasManager ex:sg ; ex:phone "+49-3" ; ex:email "hh@co.org" .
ex:kw a ex:Employee ; rdfs:label "Karl Weber" ; ex:memberOf ex:prd ; ex:hasManager ex:sb ; ex:phone "+49-4" ; ex:email "kw@co.org" .
ex:acme a ex:Supplier ; rdfs:label "Acme" ; ex:country ex:france .
ex:bolt a ex:Supplier ; rdfs:label "Bolt" ; ex:country ex:germany .
ex:cogs a ex:Supplier ; rdfs:label "Cogs" ; ex:country ex:france .
ex:dyna a ex:Supplier ; rdfs:label "Dyna" ; ex:country ex:germany .
"""


@pytest.fixture(scope="module")
def co_ttl(tmp_path_factory):
    path = tmp_path_factory.mktemp("co") / "co.ttl"
    path.write_text(CO_TTL, "utf-8")
    return path


@pytest.fixture(scope="module")
def engine(co_ttl):
    from kgquery import KGQuery, KnowledgeGraph

    return KGQuery(KnowledgeGraph.load(co_ttl), embeddings=False)


def _vals(ans) -> set[str]:
    return set(ans.values())


def test_ambiguous_name_asks_back_and_choice_resolves(engine):
    ans = engine.ask("What is the email of Sabrina?")
    assert ans.outcome == "clarify"
    assert sorted(ans.clarification) == [
        (CO + "sb", "Sabrina Bayer (Production)"),
        (CO + "sg", "Sabrina Geiger (Marketing)"),
    ]
    assert ans.values() == []  # nothing answered until the user picks
    assert ans.text.startswith("Which one do you mean: Sabrina")
    picked = engine.ask("What is the email of Sabrina?", choice=CO + "sg")
    assert picked.outcome == "answered" and _vals(picked) == {"sg@co.org"}
    assert engine.ask("What is the email of Sabrina?", choice=CO + "sb").values() == ["sb@co.org"]


def test_structure_separates_namesakes_without_asking(engine):
    ans = engine.ask("What is the email of Sabrina from Marketing?")
    assert ans.outcome == "answered" and ans.clarification == []
    assert _vals(ans) == {"sg@co.org"}


def test_three_turns_pronoun_then_swap(engine):
    from kgquery.conversation import Conversation

    conv = Conversation(engine)
    assert _vals(conv.ask("Who is the manager of Heinrich Hoch?")) == {CO + "sg"}
    second = conv.ask("and her phone number?")
    assert second.question == "What is the phone number of Sabrina Geiger?"
    assert _vals(second) == {"+49-1"}
    third = conv.ask("what about Karl Weber?")
    assert third.question == "What is the phone number of Karl Weber?"
    assert _vals(third) == {"+49-4"}


def test_three_turns_restrict_then_swap_with_history(engine):
    first = engine.ask("Which suppliers are there?")
    assert _vals(first) == {CO + x for x in ("acme", "bolt", "cogs", "dyna")}
    second = engine.ask("which of them are in France?", history=[first])
    assert _vals(second) == {CO + "acme", CO + "cogs"}
    assert "VALUES" in second.sparql and "one of" in second.explanation
    third = engine.ask("what about Germany?", history=[first, second])
    assert _vals(third) == {CO + "bolt", CO + "dyna"}


def test_restriction_really_restricts(engine):
    """Only the previous answers can come back, even when more of the graph matches."""
    from kgquery.conversation import Conversation

    conv = Conversation(engine)
    assert _vals(conv.ask("Which employees are member of Marketing?")) == {CO + "sg", CO + "hh"}
    assert _vals(conv.ask("which of them have the manager Sabrina Geiger?")) == {CO + "hh"}
    conv.turns.pop()
    outside = conv.ask("which of them have the manager Sabrina Bayer?")  # Karl Weber, not among them
    assert outside.outcome == "empty" and outside.values() == []


def test_chat_command_piped(co_ttl):
    env = dict(os.environ, KGQUERY_EMBEDDINGS="0")
    stdin = "What is the email of Sabrina?\n2\nand her phone number?\nwhat is this nonsense zzz?\nquit\nnever asked\n"
    r = subprocess.run(
        [sys.executable, "-m", "kgquery.cli", "chat", "--graph", str(co_ttl)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Which one do you mean:")
    assert any(ln.startswith("  1. ") for ln in lines) and any(ln.startswith("  2. ") for ln in lines)
    options = [ln for ln in lines if ln.startswith("  2. ")][0]
    second_email = "sg@co.org" if "Geiger" in options else "sb@co.org"
    second_phone = "+49-1" if "Geiger" in options else "+49-2"
    assert f"The answer is {second_email}." in lines
    assert f"The answer is {second_phone}." in lines
    assert "Traceback" not in r.stderr and "never asked" not in r.stdout
