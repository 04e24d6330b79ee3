"""Scale: the fuzzy shortlist finds what a full scan finds; paged builds equal one-query builds and resume."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from conftest import PI, schema_shape
from kgquery import KnowledgeGraph
from kgquery.errors import KgqueryError
from kgquery.graph import labels as labels_module
from kgquery.graph.labels import GramIndex, LabelIndex, compute_label_index, normalize
from kgquery.graph.paging import Checkpoint, bucketed_select, paged_select
from kgquery.graph.schema import compute_schema, compute_schema_paged


def _full_scan(index: LabelIndex, text: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
    """The old search: rapidfuzz over every name."""
    found = process.extract(normalize(text), index._norm_keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    return [(key, score) for key, score, _ in found]


def _shortlisted(index: LabelIndex, text: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
    grams = index._grams or GramIndex(index._norm_keys)
    keys = [index._norm_keys[i] for i in grams.shortlist(normalize(text), cutoff)]
    return [
        (key, score)
        for key, score, _ in process.extract(normalize(text), keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    ]


NAMES = [
    "Baldwin Dirksn",
    "Karen Brandt",
    "Heinrich Hoch",
    "Compensatr",
    "Sabrina Geiger",
    "Multiplexr",
    "Thomas Muller",
    "Inductr",
    "MechaPulse SkyForg",
    "Lambert Faust",
    "Bert Blumstien",
    "Procurment",
]


@pytest.mark.parametrize("cutoff", [75, 80, 88])
def test_shortlist_finds_what_the_full_scan_finds_on_ck25(ck25_kg, cutoff):
    index = ck25_kg.labels
    for name in NAMES:
        full = _full_scan(index, name, 5, cutoff)
        assert sorted(_shortlisted(index, name, 5, cutoff), key=lambda x: (-x[1], x[0])) == sorted(
            full, key=lambda x: (-x[1], x[0])
        ), name


def test_spelling_slip_through_the_shortlist(ck25_kg, monkeypatch):
    monkeypatch.setattr(labels_module, "SMALL_INDEX", 0)  # force the shortlist on this small graph
    index = LabelIndex(ck25_kg.labels.entries, ck25_kg.labels.types)
    hits = index.search("Baldwin Dirksn", limit=3)
    assert index._grams is not None
    assert [h.iri for h in hits][:1] == [PI + "empl-Baldwin.Dirksen%40company.org"]
    assert round(hits[0].score, 3) == round(fuzz.ratio("baldwin dirksn", "baldwin dirksen") / 100, 3)


def test_shortlist_on_many_random_names():
    """50,000 made-up names: slips of existing names are found exactly as the full scan finds them."""
    rng = random.Random(7)
    syll = [
        "ka",
        "ren",
        "bra",
        "nt",
        "hei",
        "rich",
        "ho",
        "ch",
        "sa",
        "bri",
        "na",
        "gei",
        "ger",
        "lo",
        "ve",
        "la",
        "ce",
    ]
    names = sorted(
        {" ".join("".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(2)) for _ in range(50_000)}
    )
    index = LabelIndex([(f"http://x/{i}", n, "label") for i, n in enumerate(names)], {})
    assert len(index._norm_keys) > labels_module.SMALL_INDEX
    for _ in range(40):
        name = list(rng.choice(names))
        k = rng.randrange(len(name))
        op = rng.choice(["drop", "swap", "add"])
        if op == "drop":
            del name[k]
        elif op == "add":
            name.insert(k, rng.choice("aeiou"))
        elif k + 1 < len(name):
            name[k], name[k + 1] = name[k + 1], name[k]
        text = "".join(name)
        for cutoff in (80, 88):
            full = _full_scan(index, text, 5, cutoff)
            got = [(normalize(h.label), h.score) for h in index.search(text, limit=5, cutoff=cutoff)]
            assert got == [(k, s / 100) for k, s in full], (text, cutoff)


def test_by_tokens_too_common_gives_nothing(ck25_kg):
    index = ck25_kg.labels
    assert len(index.by_tokens(["compensator"])) == 221
    assert index.by_tokens(["compensator"], max_hits=50) == []
    brants = index.by_tokens(["brant"], max_hits=50)
    assert sorted((h.label, h.score) for h in brants) == [("Karen Brant", 0.5), ("Sylvester Brant", 0.5)]


def test_paged_builds_equal_single_query_builds(people_kg, monkeypatch):
    monkeypatch.setattr("kgquery.graph.paging.PAGE_SIZE", 3)  # many pages on a small graph
    monkeypatch.setattr("kgquery.graph.paging.BUCKET_PAGE_SIZE", 3)
    here, paged = compute_schema(people_kg), compute_schema_paged(people_kg)
    assert schema_shape(paged) == schema_shape(here)
    assert paged.cls("http://example.org/people/Person").count == 3
    a, b = compute_label_index(people_kg), compute_label_index(people_kg, paged=True)
    assert sorted(b.entries) == sorted(a.entries)
    assert ("http://example.org/people/london", "London", "http://www.w3.org/2000/01/rdf-schema#label") in b.entries
    assert {k: sorted(v) for k, v in b.types.items()} == {k: sorted(v) for k, v in a.types.items()}


def test_paged_select_keeps_one_key_in_one_page(people_kg, tmp_path):
    """ex:ada has 8 triples: with pages of 3 rows the page grows until her rows fit together."""
    where = "?s ?p ?o FILTER(isIRI(?s))"
    cp = Checkpoint(tmp_path / "cp")
    rows = list(paged_select(people_kg, "?s ?p ?o", where, "s", cp, "all", page_size=3))
    expected = people_kg.query(f"SELECT ?s ?p ?o WHERE {{ {where} }}").rows
    assert sorted(map(str, rows)) == sorted(map(str, expected))
    assert len(rows) == len(expected) == 29
    steps = cp.steps()
    assert steps >= 4
    again = list(paged_select(people_kg, "?s ?p ?o", where, "s", cp, "all", page_size=3))
    assert again == rows and cp.steps() == steps  # read back, nothing asked again


def test_bucketed_select_splits_full_buckets_and_resumes(people_kg, tmp_path):
    """Unsorted pages of 3 rows cut by a hash of ?s: full buckets are split, ex:ada's 8 triples (one hash
    value) get a larger limit; every row comes once, and a second read asks nothing."""
    where = "?s ?p ?o FILTER(isIRI(?s))"
    expected = people_kg.query(f"SELECT ?s ?p ?o WHERE {{ {where} }}").rows
    asked: list[str] = []
    kg = CountingGraph(people_kg)
    run = kg.query
    kg.query = lambda q, *a, **k: asked.append(q) or run(q, *a, **k)
    cp = Checkpoint(tmp_path / "cp")
    for estimate in (None, len(expected)):
        asked.clear()
        rows = list(bucketed_select(kg, "?s ?p ?o", where, "s", cp, f"all-{estimate}", estimate=estimate, page_size=3))
        assert sorted(map(str, rows)) == sorted(map(str, expected)) and len(rows) == len(expected) == 29
        assert all("ORDER BY" not in q and "MD5(STR(?s))" in q for q in asked[1:])
        assert any("LIMIT 12" in q for q in asked)  # one hash value with 8 rows: asked again with room for them
        steps = cp.steps()
        asked.clear()
        assert (
            list(bucketed_select(kg, "?s ?p ?o", where, "s", cp, f"all-{estimate}", estimate=estimate, page_size=3))
            == rows
        )
        assert asked == [] and cp.steps() == steps


def test_bucketed_select_without_md5_falls_back_to_keyset_pages(people_kg, tmp_path):
    """A server that refuses MD5 gets the keyset pages instead, before any row was given."""
    where = "?s ?p ?o FILTER(isIRI(?s))"
    expected = people_kg.query(f"SELECT ?s ?p ?o WHERE {{ {where} }}").rows
    kg = CountingGraph(people_kg)
    run = kg.query

    def query(q, *a, **k):
        if "MD5(" in q:
            raise KgqueryError("index query failed (failed): no MD5 here")
        return run(q, *a, **k)

    kg.query = query
    rows = list(
        bucketed_select(kg, "?s ?p ?o", where, "s", Checkpoint(tmp_path / "cp"), "all", estimate=29, page_size=3)
    )
    assert sorted(map(str, rows)) == sorted(map(str, expected))


class Interrupted(Exception):
    pass


class CountingGraph(KnowledgeGraph):
    """The same graph, counting its queries; raises after `stop_after` queries (an interrupted build)."""

    def __init__(self, kg: KnowledgeGraph, stop_after: int | None = None):
        super().__init__(kg.backend, kg.name, kg.fingerprint, kg.limits)
        self.calls, self.stop_after = 0, stop_after

    def query(self, *args, **kwargs):
        if self.stop_after is not None and self.calls >= self.stop_after:
            raise Interrupted
        self.calls += 1
        return super().query(*args, **kwargs)


def test_interrupted_local_paged_label_build_resumes(people_kg, monkeypatch, cache_dir):
    from kgquery.graph.labels import INDEX_VERSION, build_label_index

    monkeypatch.setattr("kgquery.graph.paging.PAGE_SIZE", 2)
    monkeypatch.setattr("kgquery.graph.paging.BUCKET_PAGE_SIZE", 2)
    fp = "resume-test-people"
    base = KnowledgeGraph(people_kg.backend, "people", fp)
    full = CountingGraph(base)
    _ = full.schema  # schema first (its own cache), so only label queries are counted below
    full.calls = 0
    expected = compute_label_index(full, paged=True)
    n_full = full.calls
    assert n_full >= 10
    broken = CountingGraph(base, stop_after=n_full // 2)
    with pytest.raises(Interrupted):
        build_label_index(broken, paged=True)
    cp = Checkpoint.for_build(f"labels-v{INDEX_VERSION}", fp)
    assert cp.steps() > 0  # the pages done before the stop were kept
    resumed = CountingGraph(base)
    index = build_label_index(resumed, paged=True)
    assert resumed.calls < n_full  # only the rest was asked
    assert sorted(index.entries) == sorted(expected.entries)
    assert cp.steps() == 0  # pages dropped once the index is cached
