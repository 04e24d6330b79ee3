"""A class word that opens another name: 'the paint type description' names a property only paint types have,
and 'for paint type code GL' names the key of the thing GL (its IRI ends 'paint_type_code=GL'). Neither asks for
paints: the answer is GL's own description, read directly."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on, table_ttl

os.environ.setdefault("HF_HUB_OFFLINE", "1")

E = "http://example.org/paint/"


def _ttl() -> str:
    types = {"GL": "Gloss", "MT": "Matte", "SN": "Satin"}
    paints = [("GL", "Harbour Blue"), ("GL", "Signal Red"), ("MT", "Chalk"), ("SN", "Moss"), ("MT", "Slate")]
    lines = table_ttl(
        E,
        "reference_paint_types",
        "paint_type_code",
        [dict(paint_type_code=c, paint_type_description=d) for c, d in types.items()],
    )
    rows = [
        {
            "paint_id": i,
            "paint_name": name,
            "paint_type_code": code,
            "ref-paint_type_code": f"<{E}reference_paint_types/paint_type_code={code}>",
        }
        for i, (code, name) in enumerate(paints, 1)
    ]
    return "\n".join(lines + table_ttl(E, "paints", "paint_id", rows)) + "\n"


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


def _harbours_ttl() -> str:
    harbours = [
        dict(harbour_id=i, name=n, capacity=c)
        for i, (n, c) in enumerate([("Kessel Quay", 40), ("Orrin Bay", 12), ("Tamsin Dock", 25), ("Wend Point", 8)], 1)
    ]
    voyages = [
        {"voyage_id": v, "title": t, "ref-harbour_id": f"<{E}harbour/harbour_id={h}>"}
        for v, t, h in ((1, "Spring Run", 1), (2, "Salt Line", 3), (3, "Late Crossing", 1))
    ]
    return (
        "\n".join(table_ttl(E, "harbour", "harbour_id", harbours) + table_ttl(E, "voyage", "voyage_id", voyages)) + "\n"
    )


def test_a_class_word_before_its_naming_noun_is_no_column_of_its_own(tmp_path_factory):
    """'the harbour names' asks for the harbours' names: 'harbour' says whose names they are, so the harbour id
    (whose name shares the word) is no second column of the answer."""
    engine = engine_on(tmp_path_factory, "harbours", _harbours_ttl())
    ans, values = answer_values(engine, "Show the harbour names without any voyage.")
    assert values == ["Orrin Bay", "Wend Point"], (ans.sparql, ans.explanation)
