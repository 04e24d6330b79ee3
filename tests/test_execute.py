"""The one entry point: typed outcomes, row cap, a timeout that frees the CPU, a memory cap, threads."""

from __future__ import annotations

import os
import resource
import threading
import time

import pytest

from conftest import CK25_TTL, PI, PV
from kgquery import KnowledgeGraph, Limits, Outcome, Term

KAREN = f"<{PI}empl-Karen.Brant%40company.org>"
ENGINEERING = PI + "dept-73191"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: queries that must hold ~700 million solutions in memory (far more than 64 MB)
HUGE_STRING = (
    "SELECT (GROUP_CONCAT(CONCAT(STR(?a), STR(?c), STR(?f)); separator=',') AS ?x) WHERE { ?a ?b ?c . ?d ?e ?f }"
)
SORTED_CROSS = "SELECT ?a ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f"


@pytest.fixture(scope="module")
def ck25_memory():
    """ck25 in rdflib's memory store (about 1 s to load)."""
    return KnowledgeGraph.load(CK25_TTL, store="memory")


@pytest.fixture(params=["oxigraph", "memory"])
def kg(request, ck25_kg):
    return ck25_kg if request.param == "oxigraph" else request.getfixturevalue("ck25_memory")


def child_pids() -> set[int]:
    """Processes (zombies included) whose parent is this test process, read from /proc."""
    me, out = os.getpid(), set()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == me:
            out.add(int(d))
    return out


def idle_workers(kg) -> set[int]:
    """The graph's pooled workers waiting for a job: the only children a finished query may leave."""
    from kgquery.graph.pool import worker_pids

    return worker_pids(kg.backend)[0]


def count(kg, cls: str) -> int:
    res = kg.query(f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a <{PV}{cls}> }}")
    assert res.outcome == Outcome.ROWS, res.message
    return int(res.rows[0][0].value)


def test_default_limits():
    assert Limits() == Limits(timeout_s=10.0, max_rows=10_000, memory_mb=1024, allow_services=())


def test_rows(kg):
    res = kg.query(f"SELECT ?d ?l WHERE {{ {KAREN} <{PV}memberOf> ?d . ?d rdfs:label ?l }}")
    assert res.outcome == Outcome.ROWS and res.ok
    assert res.vars == ["d", "l"]
    assert res.rows == [(Term("iri", ENGINEERING), Term("literal", "Engineering"))]
    assert res.dicts() == [{"d": Term("iri", ENGINEERING), "l": Term("literal", "Engineering")}]
    assert res.truncated is False and res.message == "" and res.seconds > 0
    managers = kg.query(f"SELECT ?l WHERE {{ ?m a <{PV}Manager> ; rdfs:label ?l }} ORDER BY ?l")
    assert managers.values() == [
        "Dietlinde Boehme",
        "Elena Herzog",
        "Franz Kornhaeusel",
        "Reiner Widmann",
        "Thomas Mueller",
        "Waldtraud Kuttner",
    ]
    assert count(kg, "Hardware") == 1000


def test_empty(kg):
    res = kg.query(f"SELECT ?s WHERE {{ ?s a <{PV}NoSuchClass> }}")
    assert res.outcome == Outcome.EMPTY and res.ok and res.rows == [] and res.vars == ["s"]


def test_boolean(kg):
    yes = kg.query(f"ASK {{ {KAREN} <{PV}memberOf> <{ENGINEERING}> }}")
    no = kg.query(f"ASK {{ {KAREN} <{PV}memberOf> <{PI}dept-85880> }}")
    assert (yes.outcome, yes.boolean, yes.values()) == (Outcome.BOOLEAN, True, ["true"])
    assert (no.outcome, no.boolean, no.values()) == (Outcome.BOOLEAN, False, ["false"])


def test_row_cap(kg):
    q = f"SELECT ?s WHERE {{ ?s a <{PV}Hardware> }}"
    capped = kg.query(q, max_rows=999)
    assert capped.outcome == Outcome.ROWS and len(capped.rows) == 999
    assert capped.truncated is True and capped.message == "only the first 999 rows are kept"
    exact = kg.query(q, max_rows=1000)
    assert len(exact.rows) == 1000 and exact.truncated is False
    graph = kg.query(f"CONSTRUCT {{ ?s a <{PV}Hardware> }} WHERE {{ ?s a <{PV}Hardware> }}", max_rows=7)
    assert len(graph.rows) == 7 and graph.truncated is True


def test_graph_level_limits_apply(ck25_kg):
    small = KnowledgeGraph(ck25_kg.backend, "ck25", ck25_kg.fingerprint, Limits(max_rows=5))
    res = small.query(f"SELECT ?s WHERE {{ ?s a <{PV}Supplier> }}")
    assert len(res.rows) == 5 and res.truncated


def test_construct_and_describe_as_triples(kg):
    res = kg.query(
        f"CONSTRUCT {{ ?e <http://example.org/dept> ?d }} WHERE {{ {KAREN} <{PV}memberOf> ?d BIND({KAREN} AS ?e) }}"
    )
    assert res.outcome == Outcome.ROWS and res.vars == ["subject", "predicate", "object"]
    assert res.rows == [(Term("iri", KAREN[1:-1]), Term("iri", "http://example.org/dept"), Term("iri", ENGINEERING))]
    desc = kg.query(f"DESCRIBE {KAREN}")
    direct = kg.query(f"SELECT ?p ?o WHERE {{ {KAREN} ?p ?o }}")
    assert desc.vars == ["subject", "predicate", "object"] and len(direct.rows) == 9
    assert sorted((r[1].value, r[2].value) for r in desc.rows) == sorted((p.value, o.value) for p, o in direct.rows)
    assert {r[0].value for r in desc.rows} == {KAREN[1:-1]}


def test_refused(kg):
    res = kg.query("DROP ALL")
    assert res.outcome == Outcome.REFUSED and not res.ok
    assert res.message == "updates are not allowed: kgquery only reads (Drop)"
    assert count(kg, "Supplier") == 250


@pytest.mark.parametrize(
    "store,query,message",
    [
        (
            "oxigraph",
            "SELECT (<http://example.org/fn>(1) AS ?x) WHERE {}",
            "the engine failed: The custom function <http://example.org/fn> is not supported",
        ),
        (
            "memory",
            'SELECT (SUM(?x) AS ?s) WHERE { VALUES ?x { "a" } }',
            "the engine failed: rdflib.term.Literal('a') does not have a numeric datatype!",
        ),
        (
            "memory",
            'SELECT ?x WHERE { VALUES ?x { "a" } FILTER(REGEX(?x, "(")) }',
            "the engine failed: missing ), unterminated subpattern at position 0",
        ),
    ],
)
def test_failed_carries_the_engines_message_on_one_line(request, store, query, message):
    kg = request.getfixturevalue("ck25_kg" if store == "oxigraph" else "ck25_memory")
    res = kg.query(query)
    assert res.outcome == Outcome.FAILED and not res.ok
    assert res.message == message and "\n" not in res.message


def test_timeout_really_stops_the_work(kg):
    before = child_pids()
    t0 = time.monotonic()
    res = kg.query(CROSS, timeout_s=1)
    elapsed = time.monotonic() - t0
    assert res.outcome == Outcome.TIMED_OUT
    assert res.message == "stopped after 1 s (time limit); the worker was killed"
    assert 1.0 <= elapsed < 3.0
    assert child_pids() - before == set()  # the worker is gone (killed and reaped: no zombie either)
    cpu0 = os.times()
    time.sleep(0.3)
    cpu1 = os.times()
    assert (cpu1.user + cpu1.system) - (cpu0.user + cpu0.system) < 0.2  # nothing of ours still burns CPU
    assert count(kg, "Employee") == 47  # and the next query works


@pytest.mark.parametrize(
    "store,query", [("oxigraph", HUGE_STRING), ("oxigraph", SORTED_CROSS), ("memory", SORTED_CROSS)]
)
def test_memory_cap_ends_the_worker_not_us(request, store, query):
    kg = request.getfixturevalue("ck25_kg" if store == "oxigraph" else "ck25_memory")
    limit_before = resource.getrlimit(resource.RLIMIT_AS)
    before = child_pids()
    res = kg.query(query, timeout_s=6, memory_mb=64)
    assert res.outcome in (Outcome.FAILED, Outcome.TIMED_OUT), res.outcome
    if res.outcome == Outcome.FAILED:
        assert "memory budget (64 MB)" in res.message
    assert resource.getrlimit(resource.RLIMIT_AS) == limit_before  # the cap was the worker's only
    assert child_pids() - before == set()
    assert count(kg, "Department") == 6


EXPECTED = [("Hardware", 1000), ("Supplier", 250), ("Employee", 47), ("Department", 6), ("Manager", 6)]


def _mixed_queries(kg, i: int) -> list[str]:
    problems = []
    for j in range(10):
        k = (i + j) % 6
        if k < 5:
            cls, n = EXPECTED[k]
            got = count(kg, cls)
            if got != n:
                problems.append(f"{cls}: {got} != {n}")
        else:
            res = kg.query(f"ASK {{ {KAREN} <{PV}memberOf> <{ENGINEERING}> }}")
            if res.boolean is not True:
                problems.append(f"ASK: {res.outcome} {res.message}")
    return problems


def _run_threads(target, n: int) -> list:
    results: list = [None] * n

    def run(i):
        try:
            results[i] = target(i)
        except Exception as e:  # a crash in a thread must fail the test, not vanish
            results[i] = [repr(e)]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_threads_get_the_right_answers(kg):
    before = child_pids()
    assert _run_threads(lambda i: _mixed_queries(kg, i), 4) == [[], [], [], []]
    assert child_pids() - before <= idle_workers(kg)  # no zombie, no one-off worker left


def test_fast_queries_are_not_held_up_by_a_slow_one(ck25_kg):
    """A long worker forked by one thread must not keep another query's pipe open (false timeouts)."""
    slow = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o . ?a <{PV}weight_g> ?c }}"

    def job(i):
        if i == 0:
            res = ck25_kg.query(slow, timeout_s=30)
            return [] if res.outcome == Outcome.ROWS and res.rows[0][0].value == "26903000" else [res.message]
        problems = []
        for _ in range(10):
            res = ck25_kg.query(f"ASK {{ {KAREN} <{PV}memberOf> <{ENGINEERING}> }}", timeout_s=1.5)
            if res.outcome != Outcome.BOOLEAN:
                problems.append(f"{res.outcome}: {res.message}")
        return problems

    assert _run_threads(job, 4) == [[], [], [], []]


def test_engine_messages_are_cleaned_to_one_line():
    from kgquery.graph.execute import _engine_message

    assert (
        _engine_message(ValueError("error at 2:5:\n  expected one of\n\tSELECT, ASK"))
        == "error at 2:5: expected one of SELECT, ASK"
    )
    assert _engine_message(RuntimeError("")) == "RuntimeError"
    assert len(_engine_message(ValueError("x" * 5000))) == 400
