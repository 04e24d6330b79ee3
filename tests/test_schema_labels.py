"""Schema summary and label index on ck25 (and a small graph without labels)."""

from __future__ import annotations

import json
import time

import pytest

from conftest import PI, PV
from kgquery import KnowledgeGraph
from kgquery.graph.cache import cache_dir as kg_cache_dir
from kgquery.graph.schema import SCHEMA_VERSION, SchemaSummary

XSD = "http://www.w3.org/2001/XMLSchema#"
KAREN = PI + "empl-Karen.Brant%40company.org"


def test_cache_is_the_sessions_own(cache_dir):
    assert cache_dir.name.startswith("kgquery-test-cache-")
    assert kg_cache_dir() == cache_dir


def test_class_counts_and_labels(ck25_kg):
    s = ck25_kg.schema
    counts = {c.iri: c.count for c in s.classes}
    assert counts[PV + "Hardware"] == 1000
    assert counts[PV + "Supplier"] == 250
    assert counts[PV + "Employee"] == 53  # 47 of its own and 6 managers (Manager is a subclass, typed alone)
    assert counts[PV + "Price"] == 1009
    assert counts[PV + "Department"] == 6
    assert counts[PV + "Product"] == 1009  # declared, no things of its own: 1000 hardware items and 9 services
    assert s.cls(PV + "Manager").parents == [PV + "Employee"] and s.cls(PV + "Hardware").parents == [PV + "Product"]
    assert s.subclasses(PV + "Agent") == {PV + "Employee", PV + "Manager"}
    assert s.superclasses(PV + "Manager") == {PV + "Employee", PV + "Agent"}
    assert s.cls(PV + "BomPart").label == "BOM Part"
    assert s.classes[0].iri == PV + "Price"  # most instances first
    assert s.triple_count == ck25_kg.triple_count == 26903


def test_property_domain_range_and_datatypes(ck25_kg):
    s = ck25_kg.schema
    w = s.prop(PV + "weight_g")
    assert w.count == 1000 and w.literal_objects == 1000 and w.iri_objects == 0
    assert w.domains == [PV + "Hardware"] and w.ranges == [XSD + "decimal"]  # declared
    assert w.datatypes == [(XSD + "integer", 1000)]  # observed
    assert w.subject_classes == [(PV + "Hardware", 1000), (PV + "Product", 1000)]  # seen first, then above
    assert w.is_literal and w.is_numeric and len(w.samples) == 3
    m = s.prop(PV + "memberOf")
    assert (m.count, m.domains, m.ranges) == (53, [PV + "Agent"], [PV + "Department"])
    assert m.object_classes == [(PV + "Department", 53)] and not m.is_literal
    assert sorted(m.subject_classes) == [(PV + "Agent", 53), (PV + "Employee", 47), (PV + "Manager", 6)]
    q = s.prop(PV + "quantity")
    assert q.ranges == [XSD + "decimal"] and q.datatypes == [(XSD + "string", 199)]
    assert s.prefixes["prodvocab"] == PV and s.short(PV + "Hardware") == "prodvocab:Hardware"


@pytest.mark.parametrize("budget", [1, 5, 120, 361, 500, 1000, 2500, 4000])
def test_render_respects_its_budget(ck25_kg, budget):
    text = ck25_kg.schema.render(budget=budget)
    assert len(text) <= budget
    if budget >= 1000:
        assert text.startswith("PREFIXES: ") and "prodvocab:Hardware \"Hardware\" (1000)" in text
        assert text.endswith("\n  ...")


def test_render_whole_and_excerpt(ck25_kg):
    s = ck25_kg.schema
    full = s.render(budget=100_000)
    assert not full.endswith("...") and full.count("\n") == 3 + len(s.classes) + len(s.properties) - 1
    excerpt = s.render(budget=2000, classes=[PV + "Employee"], properties=[PV + "memberOf"])
    lines = excerpt.splitlines()
    assert lines[1:3] == ["CLASSES (instances):", '  prodvocab:Employee "Employee" (53)']
    assert lines[4].startswith(
        '  prodvocab:memberOf "member of": prodvocab:Employee, prodvocab:Manager -> prodvocab:Department (53) e.g. '
    )
    assert len(lines) == 5


def test_structured_form_round_trips(ck25_kg):
    d = ck25_kg.schema.to_dict()
    back = SchemaSummary.from_dict(json.loads(json.dumps(d)))
    assert back == ck25_kg.schema


def test_schema_cache_is_used_then_rebuilt_when_corrupt(ck25_kg):
    fp = "test-schema-cache"
    path = kg_cache_dir() / f"schema-v{SCHEMA_VERSION}-{fp}.json"
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    first = KnowledgeGraph(ck25_kg.backend, "ck25", fp).schema
    cold = time.perf_counter() - t0
    assert path.exists() and first.cls(PV + "Hardware").count == 1000

    t0 = time.perf_counter()
    second = KnowledgeGraph(ck25_kg.backend, "ck25", fp).schema
    warm = time.perf_counter() - t0
    assert second == first
    assert warm < 0.25 and warm < cold / 4

    # it really comes from the file: an edit to the file shows up
    d = json.loads(path.read_text("utf-8"))
    next(c for c in d["classes"] if c["iri"] == PV + "Hardware")["count"] = 4242
    path.write_text(json.dumps(d), "utf-8")
    assert KnowledgeGraph(ck25_kg.backend, "ck25", fp).schema.cls(PV + "Hardware").count == 4242

    # a corrupt file is rebuilt from the graph
    path.write_text('{"classes": [', "utf-8")
    rebuilt = KnowledgeGraph(ck25_kg.backend, "ck25", fp).schema
    assert rebuilt.cls(PV + "Hardware").count == 1000
    assert json.loads(path.read_text("utf-8"))["triple_count"] == 26903


def test_label_lookup_exact_token_fuzzy(ck25_kg):
    labels = ck25_kg.labels
    assert [h.iri for h in labels.lookup("Karen Brant")] == [KAREN]
    assert [h.iri for h in labels.lookup("  karen   BRANT ")] == [KAREN]  # normalised
    brants = labels.by_tokens(["brant"])
    assert sorted(h.label for h in brants) == ["Karen Brant", "Sylvester Brant"]
    assert {h.iri for h in brants} == {KAREN, PI + "empl-Sylvester.Brant%40company.org"}
    fuzzy = labels.search("Baldwin Dirksn")
    assert fuzzy[0].iri == PI + "empl-Baldwin.Dirksen%40company.org" and fuzzy[0].label == "Baldwin Dirksen"
    assert 0.9 < fuzzy[0].score < 1.0
    assert labels.search("zzzz qqqq xxxx") == []
    assert labels.label_of(KAREN) == "Karen Brant"
    assert PV + "Employee" in labels.types_of(KAREN)


def test_label_cache_round_trip(ck25_kg):
    from kgquery.graph.labels import INDEX_VERSION

    path = kg_cache_dir() / f"labels-v{INDEX_VERSION}-{ck25_kg.fingerprint}.json"
    _ = ck25_kg.labels
    assert path.exists()
    path_bytes = path.read_bytes()
    again = KnowledgeGraph(ck25_kg.backend, "ck25", ck25_kg.fingerprint).labels
    assert again.entries == ck25_kg.labels.entries
    assert path.read_bytes() == path_bytes


UNLABELLED_TTL = """\
@prefix ex: <http://example.org/firm/> .
ex:acmeCorp a ex:Company ; ex:employs ex:road_runner , ex:WileECoyote .
ex:road_runner a ex:Bird .
ex:WileECoyote a ex:Coyote .
ex:Coyote ex:speaks <http://example.org/firm/language=%5BSouth%5DMande> .
"""


def test_local_name_fallback_without_labels(tmp_path):
    f = tmp_path / "firm.ttl"
    f.write_text(UNLABELLED_TTL, "utf-8")
    kg = KnowledgeGraph.load(f)
    labels = kg.labels
    hits = labels.lookup("acme corp")
    assert [(h.iri, h.label, h.source) for h in hits] == [
        ("http://example.org/firm/acmeCorp", "acme corp", "localname")
    ]
    assert [h.iri for h in labels.lookup("road runner")] == ["http://example.org/firm/road_runner"]
    assert [h.iri for h in labels.lookup("wile e coyote")] == ["http://example.org/firm/WileECoyote"]
    assert labels.label_of("http://example.org/firm/acmeCorp") == "acme corp"
    assert kg.schema.cls("http://example.org/firm/Company").label == "company"


def test_percent_encoded_local_names_are_decoded(tmp_path):
    # "%5B" is "[": its hex digits must not become a word "5" that a quantity in a question would match
    f = tmp_path / "firm.ttl"
    f.write_text(UNLABELLED_TTL, "utf-8")
    labels = KnowledgeGraph.load(f).labels
    assert "[south]mande" in labels.label_of("http://example.org/firm/language=%5BSouth%5DMande")
    assert [h.iri for h in labels.by_tokens(["mande"])] == ["http://example.org/firm/language=%5BSouth%5DMande"]
    assert not labels.by_tokens(["5"])


def test_a_label_with_a_short_form_in_brackets_gives_both_names():
    from kgquery.graph.labels import label_names

    assert label_names("Bill of Material (BOM)") == {"bill of material bom", "bill of material", "bom"}
    assert label_names("weight [kg]") == {"weight kg", "weight", "kg"}
    assert label_names("plain name") == {"plain name"}


def test_a_word_names_a_thing_before_its_row_number():
    from kgquery.graph.labels import LabelIndex

    index = LabelIndex(
        [("http://x/maker/id=21", "21", "http://x/maker#id"), ("http://x/maker/id=21", "Volvo", "n")], {}
    )
    assert index.label_of("http://x/maker/id=21") == "Volvo"
    assert [h.iri for h in index.lookup("21")] == ["http://x/maker/id=21"]  # still found by its number
