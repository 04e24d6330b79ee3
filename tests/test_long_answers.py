"""A filtered answer may be long: 'towns with a population between 2,000 and 290,000' lists 289 towns, and a
reading through their region's population (fewer rows) must not win for being short."""

from __future__ import annotations

import os

import pytest

from conftest import answer_values, engine_on

os.environ.setdefault("HF_HUB_OFFLINE", "1")

E = "http://example.org/atlas/"


def _ttl() -> str:
    lines = ["@prefix e: <http://example.org/atlas/> ."]
    regions = {1: 150000, 2: 9000000, 3: 12000000}
    for r, pop in regions.items():
        lines += [
            f"<{E}region/region_id={r}> a e:region .",
            f'<{E}region/region_id={r}> <{E}region#name> "Region {r}" .',
            f"<{E}region/region_id={r}> <{E}region#population> {pop} .",
        ]
    for i in range(1, 301):
        t = f"<{E}town/town_id={i}>"
        lines += [
            f"{t} a e:town .",
            f'{t} <{E}town#name> "Town {i}" .',
            f"{t} <{E}town#population> {i * 1000} .",
            f"{t} <{E}town#ref-region_id> <{E}region/region_id={1 if i <= 20 else 2 + i % 2}> .",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    return engine_on(tmp_path_factory, "atlas", _ttl())


def test_a_long_filtered_answer_is_not_passed_over_for_a_short_one(atlas):
    ans, values = answer_values(atlas, "What are the names of towns whose population is between 2000 and 290000?")
    assert values == sorted(f"Town {i}" for i in range(2, 291)), (ans.sparql, ans.explanation)
