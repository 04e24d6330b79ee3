"""A class word that opens another name: 'the paint type description' names a property only paint types have,
and 'for paint type code GL' names the key of the thing GL (its IRI ends 'paint_type_code=GL'). Neither asks for
paints: the answer is GL's own description, read directly."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

os.environ.setdefault("HF_HUB_OFFLINE", "1")

E = "http://example.org/paint/"


def _ttl() -> str:
    lines = ["@prefix e: <http://example.org/paint/> ."]
    types = {"GL": "Gloss", "MT": "Matte", "SN": "Satin"}
    for code, desc in types.items():
        t = f"<{E}reference_paint_types/paint_type_code={code}>"
        lines += [
            f"{t} a e:reference_paint_types .",
            f'{t} <{E}reference_paint_types#paint_type_code> "{code}" .',
            f'{t} <{E}reference_paint_types#paint_type_description> "{desc}" .',
        ]
    for i, (code, name) in enumerate(
        [("GL", "Harbour Blue"), ("GL", "Signal Red"), ("MT", "Chalk"), ("SN", "Moss"), ("MT", "Slate")], 1
    ):
        s = f"<{E}paints/paint_id={i}>"
        lines += [
            f"{s} a e:paints .",
            f"{s} <{E}paints#paint_id> {i} .",
            f'{s} <{E}paints#paint_name> "{name}" .',
            f'{s} <{E}paints#paint_type_code> "{code}" .',
            f"{s} <{E}paints#ref-paint_type_code> <{E}reference_paint_types/paint_type_code={code}> .",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def paints(tmp_path_factory):
    return engine_on(tmp_path_factory, "paints", _ttl())


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What is the paint type description of the paint Chalk?", ["Matte"]),
        ("Give the paint type description for Signal Red.", ["Gloss"]),
    ],
)
def test_a_property_named_in_full_is_read_one_step_away(paints, question, expected):
    """The paint has no description of its own; the whole name 'paint type description' is that of its
    type's property, so the answer is read through the paint's type."""
    ans, values = answer_values(paints, question)
    assert values == expected, (ans.sparql, ans.explanation)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What is the paint type description for paint type code 'GL'?", ["Gloss"]),
        ("What is the paint type description for paint type code 'MT'?", ["Matte"]),
        # the class word with its key after 'the paint with': the paints are still what is counted
        ("How many paints have the type code 'GL'?", ["2"]),
    ],
)
def test_a_class_word_opening_a_key_or_property_name_is_not_the_answer_type(paints, question, expected):
    ans, values = answer_values(paints, question)
    assert values == sorted(expected), (ans.sparql, ans.explanation)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Return the paint type description of the paint type with the code MT.", ["Matte"]),
        ("What is the description of the paint type with code SN?", ["Satin"]),
    ],
)
def test_a_property_named_after_its_class_is_asked_by_its_own_word(paints, question, expected):
    """'description' names most of 'paint type description' when paint types have it: the words repeating
    the class's name say whose it is."""
    ans, values = answer_values(paints, question)
    assert values == expected, (ans.sparql, ans.explanation)
