"""Tables named for their container (issue 14): 'vessel_data' holds the vessels and 'harbour_info' the harbours,
so 'vessels' and 'harbours' name those classes, while 'engine_list' does not take the word 'engine' from the
engine each vessel has (a property by that name). The first three questions are answered without the rule too (the
embedding model finds 'vessels' by meaning here), so they guard the reach through the renamed classes; the engine
question and the class-name check below fail without it."""

from __future__ import annotations

import pytest

from conftest import answer_values, engine_on, numbered, table_ttl

B = "http://fleet.example/"

HARBOURS = [("North Quay", "Porto"), ("Old Dock", "Faro"), ("East Pier", "Porto")]
VESSELS = [  # name, tonnage, engine, harbour
    ("Aurora", 5200, "diesel", 1), ("Boreas", 800, "steam", 2), ("Calypso", 12000, "diesel", 3),
    ("Delphine", 3100, "electric", 2), ("Eos", 7600, "steam", 1),
]  # fmt: skip
ENGINES = [("diesel", "Volvo"), ("steam", "Harland"), ("electric", "Siemens")]
OWNERS = [("Ana Reis", 1), ("Tom Hale", 3), ("Ida Voss", 5)]  # a second class named for vessels


def _graph() -> str:
    lines = table_ttl(B, "harbour_info", "harbour_id", numbered("harbour_id", ("harbour_name", "city"), HARBOURS))
    rows = numbered("vessel_id", ("vessel_name", "tonnage", "engine", "harbour"), VESSELS)
    for r in rows:
        r["ref-harbour"] = f"<{B}harbour_info/harbour_id={r.pop('harbour')}>"
    lines += table_ttl(B, "vessel_data", "vessel_id", rows)
    owners = numbered("owner_id", ("owner_name", "vessel"), OWNERS)
    for r in owners:
        r["ref-vessel"] = f"<{B}vessel_data/vessel_id={r.pop('vessel')}>"
    lines += table_ttl(B, "vessel_owner", "owner_id", owners)
    lines += table_ttl(B, "engine_list", "engine_id", numbered("engine_id", ("engine", "maker"), ENGINES))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    return engine_on(tmp_path_factory, "fleet", _graph())


@pytest.mark.parametrize(
    "question, expected",
    [
        # 'vessels' names vessel_data, reached from the city two links away
        ("How many vessels are based in Porto?", ["3"]),
        ("How many vessels have a tonnage over 5000?", ["3"]),
        # 'harbours' names harbour_info
        ("How many harbours are there?", ["3"]),
        # 'engine' is what each vessel has, not the engine list
        ("What is the engine of the vessel with the largest tonnage?", ["diesel"]),
    ],
)
def test_container_names(fleet, question, expected):
    ans, values = answer_values(fleet, question)
    assert values == expected, (question, ans.sparql, ans.outcome)


def test_container_word_dropped_from_class_names(fleet):
    names = fleet.linker.class_names
    assert names["vessel"] == [B + "vessel_data"] and names["harbour"] == [B + "harbour_info"]
    assert "engine" not in names  # the vessels' engine property has that name
