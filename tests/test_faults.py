"""Faults: the model server down, slow or answering garbage; a SPARQL endpoint dying mid-query; query
workers killed (at their time limit, or from outside); corrupt cache files. Each gives a clear outcome
and kgquery answers the next question. Real parts only: real graphs, a real `oxigraph serve-read-only`
process, real HTTP servers on 127.0.0.1 (test_endpoint.py covers a down/garbage/hanging endpoint on a
single query, test_execute.py a single timeout; these build on them).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import CK25_TTL, PI, PV, ReplyServer
from kgquery import KGQuery, KnowledgeGraph, Outcome
from kgquery.answer.types import ANSWER_OUTCOMES
from kgquery.graph.cache import cache_dir
from test_endpoint import _free_port, _oxigraph_exe, _wait_for_port
from test_execute import child_pids, idle_workers


def busy_workers(kg) -> set[int]:
    """The graph's workers running a query now (pooled or one-off)."""
    from kgquery.graph.pool import worker_pids

    return worker_pids(kg.backend)[1]


QUESTION = "Who is the manager of Heinrich Hoch?"
KAREN = f"<{PI}empl-Karen.Brant%40company.org>"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def reference(ck25_kg):
    """The embedded engine's answer to QUESTION: what every fallback must give."""
    ans = KGQuery(ck25_kg, embeddings=False).ask(QUESTION)
    assert ans.outcome == "answered" and ans.values()
    return ans.values()


# --------------------------------------------------------------------------- model server faults


class ModelServer(ReplyServer):
    """A model server on 127.0.0.1 whose `reply(handler)` answers every request; `requests` counts them."""

    def __init__(self, reply):
        super().__init__(lambda handler, body: reply(handler))

    @property
    def request_count(self) -> int:
        return len(self.requests)


def _send(h, status: int, body: bytes, length: int | None = None, ctype: str = "application/json"):
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body) if length is None else length))
    h.end_headers()
    h.wfile.write(body)


def _chat(content) -> bytes:
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()


def _slow(h):
    time.sleep(3)  # past the client's 1 s timeout
    _send(h, 200, _chat("SELECT ?x WHERE { ?x ?p ?o } LIMIT 1"))


def _cut_off(h):
    _send(h, 200, b'{"choices": [{"mess', length=4000)  # promises more than it sends, then hangs up
    h.close_connection = True


def _reset(h):
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    h.connection.close()


GARBAGE = {
    "html page": lambda h: _send(h, 200, b"<!DOCTYPE html><h1>502 Bad Gateway</h1>", ctype="text/html"),
    "not json": lambda h: _send(h, 200, b"\x89PNG\r\n\x1a\n\x00\x00garbage"),
    "no choices": lambda h: _send(h, 200, b'{"object": "error", "message": "overloaded"}'),
    "choices not a list": lambda h: _send(h, 200, b'{"choices": "none"}'),
    "json array": lambda h: _send(h, 200, b"[1, 2, 3]"),
    "content not text": lambda h: _send(h, 200, _chat(12345)),
    "prose, no query": lambda h: _send(h, 200, _chat("I am sorry, I cannot help with databases today.")),
    "invalid sparql": lambda h: _send(h, 200, _chat("SELECT ?x WHERE { ?x <http://nowhere/p> ")),
    "http 500": lambda h: _send(h, 500, b'{"error": "internal"}'),
    "http 404": lambda h: _send(h, 404, b"no such model"),
    "cut-off body": _cut_off,
    "connection reset": _reset,
}


#: a 1 s client timeout, one retry, no repair rounds: each fault shows within seconds
MODEL_ENV = {"KGQUERY_MODEL_TIMEOUT": "1", "KGQUERY_MODEL_RETRIES": "1", "KGQUERY_REPAIR": "0"}


@pytest.fixture
def model_env(monkeypatch):
    for k, v in MODEL_ENV.items():
        monkeypatch.setenv(k, v)


def _ask_bounded(engine, question: str, seconds: float):
    t0 = time.monotonic()
    ans = engine.ask(question)  # must not raise
    elapsed = time.monotonic() - t0
    # bounded, not fast: a hang never returns; a loaded 2-core machine may take a few times longer
    assert elapsed < 4 * seconds + 10, elapsed
    assert ans.outcome in ANSWER_OUTCOMES and ans.text
    return ans


def test_model_server_down(ck25_kg, reference, model_env):
    url = f"http://127.0.0.1:{_free_port()}/v1"  # nothing listens there
    engine = KGQuery(ck25_kg, model=f"openai:m@{url}", embeddings=False)
    for _ in range(2):  # and again: the engine keeps serving
        ans = _ask_bounded(engine, QUESTION, 10)
        assert ans.generator == "embedded (fallback)" and ans.values() == reference
        assert f"model openai:m@{url} failed" in ans.message and "unreachable" in ans.message
        assert "Connection refused" in ans.message


def test_model_server_down_without_fallback(ck25_kg, model_env, monkeypatch):
    monkeypatch.setenv("KGQUERY_FALLBACK", "0")
    url = f"http://127.0.0.1:{_free_port()}/v1"
    engine = KGQuery(ck25_kg, model=f"openai:m@{url}", embeddings=False)
    ans = _ask_bounded(engine, QUESTION, 10)
    assert ans.outcome == "failed" and ans.values() == []
    assert "unreachable" in ans.message and "Connection refused" in ans.message


class Switchable:
    """One model server whose misbehaviour is chosen per test (one engine, its indexes built once)."""

    def __init__(self):
        self.mode = "html page"
        self.server = ModelServer(lambda h: (GARBAGE | {"slow": _slow})[self.mode](h))
        self.url = self.server.url


@pytest.fixture(scope="module")
def bad_model():
    sw = Switchable()
    yield sw
    sw.server.close()


@pytest.fixture(scope="module")
def bad_engine(ck25_kg, bad_model):
    """One engine for the module (its indexes built once); the environment stays set while it lives."""
    with pytest.MonkeyPatch.context() as mp:
        for k, v in MODEL_ENV.items():
            mp.setenv(k, v)
        yield KGQuery(ck25_kg, model=f"openai:m@{bad_model.url}", embeddings=False)


def test_model_server_slow(bad_engine, bad_model, reference):
    bad_model.mode = "slow"
    seen = bad_model.server.request_count
    ans = _ask_bounded(bad_engine, QUESTION, 1 * 2 + 0.5 + 6)  # two tries of 1 s, a 0.5 s backoff, the fallback
    assert ans.generator == "embedded (fallback)" and ans.values() == reference
    assert "timed out" in ans.message and "(after 2 tries)" in ans.message
    assert bad_model.server.request_count - seen == 2


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_model_server_answering_garbage(bad_engine, bad_model, reference, kind):
    bad_model.mode = kind
    seen = bad_model.server.request_count
    ans = _ask_bounded(bad_engine, QUESTION, 10)
    assert ans.generator == "embedded (fallback)" and ans.values() == reference, (ans.generator, ans.message)
    assert ans.message.startswith(f"model openai:m@{bad_model.url} ")
    assert bad_model.server.request_count > seen
    # the next question is answered too
    assert _ask_bounded(bad_engine, "What is the email of Sabrina from Marketing?", 10).values() == [
        "Sabrina.Geiger@company.org"
    ]


# --------------------------------------------------------------------------- endpoint dying mid-query


class OxigraphServer:
    """`oxigraph serve-read-only` on a fixed 127.0.0.1 port that can be killed and started again."""

    def __init__(self, db: Path, timeout_s: int = 30):
        self.db, self.timeout_s, self.port = db, timeout_s, _free_port()
        self.url = f"http://127.0.0.1:{self.port}/query"
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen(
            [
                _oxigraph_exe(),
                "serve-read-only",
                "--location",
                str(self.db),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout-s",
                str(self.timeout_s),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _wait_for_port(self.port, self.proc)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self):
        if self.proc.poll() is None:
            self.kill()


@pytest.fixture(scope="module")
def ck25_db(tmp_path_factory) -> Path:
    loc = tmp_path_factory.mktemp("faults-oxigraph-db")
    subprocess.run(
        [_oxigraph_exe(), "load", "--location", str(loc), "--file", str(CK25_TTL)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return loc


@pytest.fixture
def endpoint(ck25_db):
    srv = OxigraphServer(ck25_db)
    yield srv
    srv.stop()


ASK_KAREN = f"ASK {{ {KAREN} <{PV}memberOf> <{PI}dept-73191> }}"


def test_endpoint_killed_between_queries(endpoint):
    kg = KnowledgeGraph.endpoint(endpoint.url)
    assert kg.query(ASK_KAREN).boolean is True
    endpoint.kill()
    t0 = time.monotonic()
    res = kg.query(ASK_KAREN)
    assert time.monotonic() - t0 < 3
    assert res.outcome == Outcome.FAILED
    assert res.message == f"endpoint {endpoint.url} is unreachable: [Errno 111] Connection refused"
    endpoint.start()  # back on the same port: the same KnowledgeGraph works again
    assert kg.query(ASK_KAREN).boolean is True


def test_endpoint_killed_during_a_query(endpoint):
    kg = KnowledgeGraph.endpoint(endpoint.url)
    out = {}

    def slow():
        t0 = time.monotonic()
        out["res"] = kg.query(CROSS, timeout_s=20)
        out["seconds"] = time.monotonic() - t0

    th = threading.Thread(target=slow)
    th.start()
    time.sleep(1.0)  # the server is busy with the cross product
    endpoint.kill()
    th.join(15)
    assert not th.is_alive()
    res = out["res"]
    assert out["seconds"] < 5  # the client noticed at once, it did not wait out its 20 s
    assert res.outcome == Outcome.FAILED, res
    assert res.message.startswith(f"endpoint {endpoint.url} ") and "\n" not in res.message
    assert any(w in res.message for w in ("reset", "closed", "aborted", "unreachable", "failed")), res.message
    endpoint.start()
    assert kg.query(ASK_KAREN).boolean is True


def test_ask_over_an_endpoint_that_goes_away_and_comes_back(endpoint, reference):
    kg = KnowledgeGraph.endpoint(endpoint.url)
    engine = KGQuery(kg, embeddings=False)
    assert engine.ask(QUESTION).values() == reference  # indexes built through the endpoint
    endpoint.kill()
    ans = _ask_bounded(engine, QUESTION, 15)
    assert ans.outcome in ("failed", "abstained") and ans.values() == []
    endpoint.start()
    assert engine.ask(QUESTION).values() == reference


def test_ask_when_the_endpoint_is_down_from_the_start(ck25_db, reference):
    srv = OxigraphServer(ck25_db)
    srv.kill()
    try:
        kg = KnowledgeGraph.endpoint(srv.url)
        engine = KGQuery(kg, embeddings=False)
        ans = _ask_bounded(engine, QUESTION, 10)  # the indexes cannot be built: a typed failure, not a raise
        assert ans.outcome == "failed"
        # which index query meets the dead server first is the builder's business; the reason is not
        assert ans.message.endswith(
            f" query failed (failed): endpoint {srv.url} is unreachable: [Errno 111] Connection refused"
        ), ans.message
        srv.start()
        assert engine.ask(QUESTION).values() == reference  # nothing half-built was kept
    finally:
        srv.stop()


# --------------------------------------------------------------------------- workers killed


def _cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def test_many_workers_killed_at_their_time_limit_at_once(ck25_kg):
    before = child_pids()
    results = [None] * 8

    def run(i):
        results[i] = ck25_kg.query(CROSS, timeout_s=1)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert time.monotonic() - t0 < 6
    assert [r.outcome for r in results] == [Outcome.TIMED_OUT] * 8
    # all eight killed and reaped (no zombie, no orphan); only idle pooled workers may be new
    assert child_pids() - before <= idle_workers(ck25_kg)
    c0 = _cpu_seconds()
    time.sleep(0.3)
    assert _cpu_seconds() - c0 < 0.2  # nothing of ours still burns CPU
    assert ck25_kg.query(ASK_KAREN).boolean is True


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGSEGV, signal.SIGTERM])
def test_worker_killed_from_outside(ck25_kg, sig):
    """A worker ended by someone else (the OOM killer, a crash, an operator) is a typed failure."""
    before = child_pids()
    out = {}
    th = threading.Thread(target=lambda: out.setdefault("res", ck25_kg.query(CROSS, timeout_s=20)))
    th.start()
    deadline = time.monotonic() + 5
    workers = set()
    while not workers and time.monotonic() < deadline:
        workers = busy_workers(ck25_kg)
        time.sleep(0.02)
    assert len(workers) == 1
    time.sleep(0.2)
    pid = workers.pop()
    os.kill(pid, sig)
    th.join(10)
    res = out["res"]
    assert res.outcome == Outcome.FAILED
    assert res.message == "the query ran out of its memory budget (1024 MB) or crashed the worker"
    assert child_pids() - before <= idle_workers(ck25_kg) and pid not in child_pids()
    assert ck25_kg.query(ASK_KAREN).boolean is True


def test_frozen_worker_is_killed_at_the_time_limit(ck25_kg):
    before = child_pids()
    out = {}
    th = threading.Thread(
        target=lambda: out.setdefault(
            "res", ck25_kg.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o . ?a <{PV}weight_g> ?c }}", timeout_s=1.5)
        )
    )
    th.start()
    deadline = time.monotonic() + 5
    workers = set()
    while not workers and time.monotonic() < deadline:
        workers = busy_workers(ck25_kg)
        time.sleep(0.01)
    pid = workers.pop()
    os.kill(pid, signal.SIGSTOP)  # stopped: it will never answer by itself
    th.join(10)
    assert out["res"].outcome == Outcome.TIMED_OUT
    assert child_pids() - before <= idle_workers(ck25_kg) and pid not in child_pids()
    assert ck25_kg.query(ASK_KAREN).boolean is True


# --------------------------------------------------------------------------- corrupt cache files

CORRUPTIONS = {
    "truncated": lambda b: b[: len(b) // 2],
    "empty": lambda b: b"",
    "binary garbage": lambda b: bytes(range(256)) * 3,
    "not utf-8": lambda b: b"\xff\xfe" + b[2:],
    "nul bytes": lambda b: b"\x00" * 64,
    "json null": lambda b: b"null",
    "json array": lambda b: b"[1, 2, 3]",
    "json string": lambda b: b'"schema"',
    "empty object": lambda b: b"{}",
    "wrong shapes": lambda b: json.dumps({k: [] for k in json.loads(b)}).encode(),
    "wrong version": lambda b: json.dumps({**json.loads(b), "v": -1}).encode(),
    "entries garbage": lambda b: json.dumps({**json.loads(b), "entries": [1, 2], "classes": [7]}).encode(),
}


def _copy(src: Path, tmp_path_factory, name: str) -> Path:
    """A private copy of a graph file: its own fingerprint, so its own cache files."""
    path = tmp_path_factory.mktemp("faults-cache") / name
    shutil.copy(src, path)
    return path


@pytest.fixture(scope="module")
def people_copy(people_ttl, tmp_path_factory) -> Path:
    return _copy(people_ttl, tmp_path_factory, "people.ttl")


PEOPLE_QUESTION, PEOPLE_ANSWER = "Where does Grace Hopper live?", ["http://example.org/people/nyc"]


def _cache_files(kg) -> dict[str, Path]:
    return {f.name.split("-v")[0]: f for f in cache_dir().glob(f"*-{kg.fingerprint}.json")}


@pytest.fixture(scope="module")
def pristine(people_copy):
    """The cache files built from scratch and their bytes."""
    kg = KnowledgeGraph.load(people_copy)
    for f in _cache_files(kg).values():
        f.unlink()
    assert KGQuery(kg, embeddings=False).ask(PEOPLE_QUESTION).values() == PEOPLE_ANSWER
    files = _cache_files(kg)
    assert set(files) == {"schema", "labels"}
    return files, {k: f.read_bytes() for k, f in files.items()}


@pytest.mark.parametrize("how", list(CORRUPTIONS))
def test_corrupt_cache_files_are_rebuilt(people_copy, pristine, how):
    files, good = pristine
    for which, path in files.items():
        if not (which == "schema" and how == "wrong version"):  # the schema's version is in its file name
            path.write_bytes(CORRUPTIONS[how](good[which]))
    kg = KnowledgeGraph.load(people_copy)
    ans = KGQuery(kg, embeddings=False).ask(PEOPLE_QUESTION)
    assert ans.outcome == "answered" and ans.values() == PEOPLE_ANSWER
    for which, path in files.items():  # rebuilt, the same as before
        assert json.loads(path.read_bytes()) == json.loads(good[which]), which


def test_concurrent_cache_writers(tmp_path_factory):
    """Several threads building the same graph's caches at once (none on disk yet) all succeed."""
    from kgquery.graph.labels import build_label_index
    from kgquery.graph.schema import summarize

    path = _copy(Path(CK25_TTL).parent.parent / "countries" / "countries.ttl", tmp_path_factory, "countries.ttl")
    errors, results = [], []

    def build():
        try:
            kg = KnowledgeGraph.load(path)
            results.append((len(summarize(kg).classes), len(build_label_index(kg))))
        except Exception as e:
            errors.append(repr(e))

    threads = [threading.Thread(target=build) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(results) == 4 and len(set(results)) == 1
    assert not list(cache_dir().glob("*.tmp"))  # no temp file left behind
    kg = KnowledgeGraph.load(path)
    assert set(_cache_files(kg)) == {"schema", "labels"}
    assert KGQuery(kg, embeddings=False).ask("What is the capital of Peru?").values() == [
        "https://kgquery.dev/countries/id/city/PER-lima"
    ]
