"""The pool of long-lived query workers (kgquery.graph.pool), with real processes: a runaway query's worker is
killed and replaced, the memory cap ends a worker and not the pool, no worker outlives its graph or
the process that forked it, and threads sharing the pool get the answers one thread gets."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from conftest import CK25_TTL, PI, PV
from kgquery import KnowledgeGraph, Outcome
from kgquery.graph.pool import POOL_SIZE, worker_pids

ROOT = Path(__file__).resolve().parent.parent
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HUGE_STRING = (
    "SELECT (GROUP_CONCAT(CONCAT(STR(?a), STR(?c), STR(?f)); separator=',') AS ?x) WHERE { ?a ?b ?c . ?d ?e ?f }"
)
ASK_KAREN = f"ASK {{ <{PI}empl-Karen.Brant%40company.org> <{PV}memberOf> <{PI}dept-73191> }}"
EMPLOYEES = f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a <{PV}Employee> }}"


@pytest.fixture
def kg():
    """A graph of its own, so its pool starts empty and no other test shares its workers."""
    g = KnowledgeGraph.load(CK25_TTL)
    yield g
    g.close()


def running(pid: int) -> bool:
    """The process exists and is not a zombie (read from /proc; works for processes not our children)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            stat = fh.read()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def all_workers(kg) -> set[int]:
    idle, busy = worker_pids(kg.backend)
    return idle | busy


def wait_gone(pids: set[int], seconds: float) -> set[int]:
    """The pids still running after up to `seconds`."""
    deadline = time.monotonic() + seconds
    while (alive := {p for p in pids if running(p)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def test_workers_are_reused(kg):
    assert kg.query(EMPLOYEES).rows[0][0].value == "47"
    first = all_workers(kg)
    assert len(first) == 1
    for _ in range(5):
        assert kg.query(ASK_KAREN).boolean is True
    assert all_workers(kg) == first  # the same process answered them all: no fork per query


def test_workers_hold_no_socket_of_the_parent(kg):
    """A page or service that loaded the graph has sockets open when the pool forks: a long-lived worker
    holding one would keep a client from ever seeing its connection closed (the page's scripts hang)."""
    import socket
    import stat

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        assert kg.query(EMPLOYEES).outcome == Outcome.ROWS  # forks the pool while the socket is open
        for pid in all_workers(kg):
            kinds = []
            for name in os.listdir(f"/proc/{pid}/fd"):
                try:
                    kinds.append(stat.S_ISSOCK(os.stat(f"/proc/{pid}/fd/{name}").st_mode))
                except OSError:
                    pass
            assert not any(kinds), f"worker {pid} holds a socket"
    finally:
        server.close()


def test_a_runaway_query_kills_its_worker_and_a_fresh_one_answers(kg):
    assert kg.query(EMPLOYEES).outcome == Outcome.ROWS
    old = all_workers(kg)
    t0 = time.monotonic()
    res = kg.query(CROSS, timeout_s=1)
    elapsed = time.monotonic() - t0
    assert res.outcome == Outcome.TIMED_OUT
    assert res.message == "stopped after 1 s (time limit); the worker was killed"
    assert elapsed < 1.5, elapsed  # limit + 0.5 s
    assert not any(running(p) for p in old)  # killed and reaped
    assert all_workers(kg) == set()
    assert kg.query(ASK_KAREN).boolean is True
    new = all_workers(kg)
    assert len(new) == 1 and not new & old


def test_the_memory_cap_ends_a_worker_and_the_next_query_works(kg):
    assert kg.query(EMPLOYEES).outcome == Outcome.ROWS
    old = all_workers(kg)
    res = kg.query(HUGE_STRING, timeout_s=20, memory_mb=64)
    assert res.outcome == Outcome.FAILED, (res.outcome, res.message)
    assert "memory budget (64 MB)" in res.message
    assert not any(running(p) for p in old)
    assert kg.query(EMPLOYEES).rows[0][0].value == "47"
    assert not all_workers(kg) & old


def test_a_worker_killed_while_idle_is_replaced(kg):
    assert kg.query(ASK_KAREN).boolean is True
    (pid,) = all_workers(kg)
    os.kill(pid, signal.SIGKILL)  # (a zombie until the pool notices and reaps it)
    assert kg.query(ASK_KAREN).boolean is True
    assert pid not in all_workers(kg)


def test_close_stops_every_worker(kg):
    out = {}
    th = threading.Thread(target=lambda: out.setdefault("res", kg.query(CROSS, timeout_s=30)))
    th.start()
    assert kg.query(ASK_KAREN).boolean is True
    deadline = time.monotonic() + 5
    while not worker_pids(kg.backend)[1] and time.monotonic() < deadline:
        time.sleep(0.02)
    pids = all_workers(kg)
    assert len(pids) == 2  # one idle, one running the long query
    kg.close()
    th.join(10)
    assert out["res"].outcome == Outcome.FAILED  # its worker was stopped under it: a typed outcome
    assert wait_gone(pids, 2) == set()
    assert all_workers(kg) == set()
    assert kg.query(ASK_KAREN).boolean is True  # a closed graph starts fresh workers when asked again


def _spawn_parent(how: str) -> subprocess.Popen:
    """A child Python that loads ck25, starts its workers (one idle, one busy on a 3 s runaway query
    when how == 'kill'), prints their pids and then ends `how`."""
    code = textwrap.dedent(f"""
        import sys, threading, time
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        from kgquery import KnowledgeGraph
        from kgquery.graph.pool import worker_pids
        from conftest import CK25_TTL
        kg = KnowledgeGraph.load(CK25_TTL)
        kg.query({ASK_KAREN!r})
        if {how!r} == "kill":
            threading.Thread(target=kg.query, args=({CROSS!r},), kwargs={{"timeout_s": 3}}, daemon=True).start()
            while not worker_pids(kg.backend)[1]:
                time.sleep(0.01)
            kg.query({ASK_KAREN!r})  # the one worker is busy: this starts a second, left idle
        idle, busy = worker_pids(kg.backend)
        print(" ".join(map(str, idle | busy)), flush=True)
        if {how!r} == "kill":
            time.sleep(60)  # killed from outside by the test
        sys.stdin.readline()  # the test has seen the workers running: now go
        if {how!r} == "exit":
            sys.exit(0)
        else:
            import os
            os._exit(0)  # no atexit handlers: only the pipes' EOF tells the workers
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )


@pytest.mark.parametrize("how", ["exit", "os_exit", "kill"])
def test_no_worker_outlives_the_process_that_forked_it(how):
    proc = _spawn_parent(how)
    try:
        line = proc.stdout.readline()
        pids = {int(p) for p in line.split()}
        assert len(pids) == (2 if how == "kill" else 1), line
        assert all(running(p) for p in pids)
        if how == "kill":
            proc.kill()  # SIGKILL: the parent runs no cleanup at all
        else:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        proc.wait(30)
        # idle workers see EOF at once; a busy one is ended by its own alarm (time limit + 1 s)
        assert wait_gone(pids, 10) == set()
    finally:
        proc.kill()
        proc.wait()


QUERIES = [
    EMPLOYEES,
    ASK_KAREN,
    f"SELECT ?d ?name WHERE {{ ?d a <{PV}Department> ; ?p ?name FILTER(isLiteral(?name)) }} ORDER BY ?d ?name",
    f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a <{PV}Hardware> }}",
    f"SELECT ?e WHERE {{ ?e <{PV}memberOf> <{PI}dept-73191> }} ORDER BY ?e",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 50",
    f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a <{PV}Supplier> }}",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 20",
]


def _answer(res) -> tuple:
    return res.outcome, res.boolean, tuple(res.vars), tuple(res.rows)


def test_eight_threads_get_the_answers_one_thread_gets(kg):
    expected = [_answer(kg.query(q)) for q in QUERIES]
    assert all(a[0] in (Outcome.ROWS, Outcome.BOOLEAN) for a in expected), expected
    got: list = [None] * 8

    def run(i):
        try:
            got[i] = [_answer(kg.query(QUERIES[(i + j) % len(QUERIES)])) for j in range(3 * len(QUERIES))]
        except Exception as e:
            got[i] = repr(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for i in range(8):
        assert got[i] == [expected[(i + j) % len(QUERIES)] for j in range(3 * len(QUERIES))], i
    assert len(all_workers(kg)) <= POOL_SIZE  # one-off workers (if any) are gone


def _fresh_regex_job(job):
    """A worker's first use of a pyparsing Regex: computes its `re_match` cached_property."""
    import pyparsing

    return ("ok", pyparsing.Regex(job["pattern"]).parse_string("aaa").as_list())


def test_a_fork_taken_while_another_thread_computes_a_cached_property_does_not_hang():
    """Python 3.11's cached_property holds one lock per attribute while it computes: a worker forked
    while a parent thread held pyparsing's Regex.re_match lock waited on it until its time limit (the
    hostile corpus on oxigraph timed out on instant queries, now and then)."""
    from functools import cached_property

    import pyparsing

    from kgquery.graph.pool import Pool

    attr = vars(pyparsing.core.Regex)["re_match"]
    assert isinstance(attr, cached_property)
    lock = getattr(attr, "lock", None)
    if lock is None:
        pytest.skip("this Python's cached_property takes no lock")
    holding, release = threading.Event(), threading.Event()

    def hold():
        with lock:
            holding.set()
            release.wait(30)

    t = threading.Thread(target=hold)
    t.start()
    pool = Pool(_fresh_regex_job, size=1)
    try:
        assert holding.wait(10)
        reply = pool.call({"pattern": "a+", "timeout_s": 3, "memory_mb": 512}, timeout_s=3)
        assert not reply.timed_out, "the worker hung on a lock held by a thread it does not have"
        assert reply.payload == ("ok", ["aaa"])
    finally:
        release.set()
        t.join()
        pool.close()


def test_a_pool_dropped_while_another_worker_forks_does_not_hang():
    """A garbage collection during a fork (filelock's fork hook walks a WeakValueDictionary) can run the finalizer
    of a graph dropped earlier: it closes that graph's pool, whose workers close their pipes under the fork lock
    the forking thread already holds. A full test run hung there once."""
    import gc

    from kgquery.graph import pool as pool_mod

    class Key:
        pass

    done = threading.Event()

    def drop_during_fork():
        key = Key()
        dropped = pool_mod.pool_for(key, _fresh_regex_job)
        reply = dropped.call({"pattern": "a+", "timeout_s": 3, "memory_mb": 512}, timeout_s=3)
        assert reply.payload == ("ok", ["aaa"])  # the pool has a live worker to close
        with pool_mod._FORK_LOCK:  # as Worker.__init__ holds it around os.fork()
            del key
            gc.collect()  # the finalizer closes the dropped pool here, in this thread
        done.set()

    t = threading.Thread(target=drop_during_fork, daemon=True)
    t.start()
    assert done.wait(20), "closing a pool inside the fork lock's holder deadlocked"
