"""A filtered answer may be long: 'towns with a population between 2,000 and 290,000' lists 289 towns, and a
reading through their region's population (fewer rows) must not win for being short."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on, table_ttl

os.environ.setdefault("HF_HUB_OFFLINE", "1")

E = "http://example.org/atlas/"


def _ttl() -> str:
    regions = [
        dict(region_id=r, name=f"Region {r}", population=p) for r, p in ((1, 150000), (2, 9000000), (3, 12000000))
    ]
    towns = [
        {
            "town_id": i,
            "name": f"Town {i}",
            "population": i * 1000,
            "ref-region_id": f"<{E}region/region_id={1 if i <= 20 else 2 + i % 2}>",
        }
        for i in range(1, 301)
    ]
    lines = table_ttl(E, "region", "region_id", regions, keep_key=False)
    return "\n".join(lines + table_ttl(E, "town", "town_id", towns, keep_key=False)) + "\n"


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    return engine_on(tmp_path_factory, "atlas", _ttl())


def test_a_long_filtered_answer_is_not_passed_over_for_a_short_one(atlas):
    ans, values = answer_values(atlas, "What are the names of towns whose population is between 2000 and 290000?")
    assert values == sorted(f"Town {i}" for i in range(2, 291)), (ans.sparql, ans.explanation)
