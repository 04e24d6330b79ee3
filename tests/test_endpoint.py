"""The endpoint path against a real `oxigraph serve-read-only` process on 127.0.0.1, plus broken servers.

Every server here listens on the loopback interface only and is stopped when the session ends.
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import CK25_TTL, PI, PV, schema_shape
from kgquery import KnowledgeGraph, Limits, Outcome
from kgquery.errors import EndpointError

KAREN = f"<{PI}empl-Karen.Brant%40company.org>"
# a two-way cross product: Oxigraph's server cancels it at its time limit (a three-way one it does not)
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def _oxigraph_exe() -> str:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not os.access(exe, os.X_OK):
        pytest.fail("the `oxigraph` server is not installed: pip install 'kgquery[dev]'")
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, seconds: float = 15) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph server exited: {proc.stderr.read().decode(errors='replace')[:500]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"oxigraph server did not listen on 127.0.0.1:{port} within {seconds} s")


@pytest.fixture(scope="session")
def oxigraph_db(tmp_path_factory) -> Path:
    """ck25 loaded into an on-disk Oxigraph database with `oxigraph load`."""
    loc = tmp_path_factory.mktemp("oxigraph-db")
    subprocess.run(
        [_oxigraph_exe(), "load", "--location", str(loc), "--file", str(CK25_TTL)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return loc


def _serve(db: Path, timeout_s: int):
    port = _free_port()
    proc = subprocess.Popen(
        [
            _oxigraph_exe(),
            "serve-read-only",
            "--location",
            str(db),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(timeout_s),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(port, proc)
    except Exception:
        proc.kill()
        proc.wait(5)
        raise
    return proc, f"http://127.0.0.1:{port}/query"


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@pytest.fixture(scope="session")
def sparql_server(oxigraph_db):
    """A real read-only SPARQL server with ck25 (server time limit 30 s)."""
    proc, url = _serve(oxigraph_db, 30)
    yield url
    _stop(proc)


@pytest.fixture(scope="session")
def strict_server(oxigraph_db):
    """The same data behind a server that cancels queries after 1 s."""
    proc, url = _serve(oxigraph_db, 1)
    yield url
    _stop(proc)


@pytest.fixture(scope="session")
def remote(sparql_server):
    return KnowledgeGraph.endpoint(sparql_server)


SAME_QUERIES = [
    f"SELECT ?d ?l WHERE {{ {KAREN} <{PV}memberOf> ?d . ?d rdfs:label ?l }}",
    f"SELECT ?s ?w WHERE {{ ?s a <{PV}Hardware> ; <{PV}weight_g> ?w FILTER(?w >= 19) }}",
    f"SELECT ?s ?amount ?cur WHERE {{ ?s <{PV}amount> ?amount ; <{PV}currency> ?cur }} LIMIT 50",
    "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
    "SELECT ?x ?c WHERE { ?x rdfs:comment ?c }",  # language-tagged literals
    f"SELECT ?e ?phone WHERE {{ ?e a <{PV}Employee> OPTIONAL {{ ?e <{PV}phone> ?phone }} }}",
]


@pytest.mark.parametrize("query", SAME_QUERIES)
def test_endpoint_gives_the_same_rows_as_the_local_store(remote, ck25_kg, query):
    here, there = ck25_kg.query(query), remote.query(query)
    assert here.outcome == there.outcome == Outcome.ROWS, (here.message, there.message)
    assert there.vars == here.vars
    if "LIMIT" in query:
        assert len(there.rows) == len(here.rows) == 50
    else:
        assert Counter(there.rows) == Counter(here.rows)


def test_endpoint_ask_and_construct(remote, ck25_kg):
    assert remote.query(f"ASK {{ {KAREN} <{PV}memberOf> <{PI}dept-73191> }}").boolean is True
    assert remote.query(f"ASK {{ {KAREN} <{PV}memberOf> <{PI}dept-85880> }}").boolean is False
    q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = {KAREN}) }}"
    there = remote.query(q)
    assert there.outcome == Outcome.ROWS and there.vars == ["subject", "predicate", "object"]
    assert len(there.rows) == 9 and Counter(there.rows) == Counter(ck25_kg.query(q).rows)


def test_endpoint_row_cap(remote):
    res = remote.query(f"SELECT ?s WHERE {{ ?s a <{PV}Hardware> }}", max_rows=10)
    assert res.outcome == Outcome.ROWS and len(res.rows) == 10 and res.truncated
    assert remote.triple_count == 26903


def test_endpoint_engine_error_is_one_clean_line(remote):
    res = remote.query("SELECT (<http://example.org/fn>(1) AS ?x) WHERE {}")
    assert res.outcome == Outcome.FAILED
    assert res.message.startswith(f"endpoint {remote.name} refused the query (HTTP ")
    assert res.message.endswith("The custom function <http://example.org/fn> is not supported")
    assert "\n" not in res.message


def test_schema_summary_through_the_endpoint(remote, ck25_kg):
    there, here = remote.schema, ck25_kg.schema
    assert there.triple_count == here.triple_count == 26903
    assert [(c.iri, c.label, c.count) for c in there.classes] == [(c.iri, c.label, c.count) for c in here.classes]
    assert there.cls(PV + "Employee").count == 53

    # samples and the order of equal counts depend on the store's iteration order
    assert schema_shape(there, comments=False)[1] == schema_shape(here, comments=False)[1]
    weight = there.prop(PV + "weight_g")
    assert (weight.count, weight.domains, weight.datatypes) == (
        1000,
        [PV + "Hardware"],
        [("http://www.w3.org/2001/XMLSchema#integer", 1000)],
    )
    assert there.prefixes == here.prefixes


def test_label_index_through_the_endpoint(remote, ck25_kg):
    hits = remote.labels.lookup("Karen Brant")
    assert [h.iri for h in hits] == [KAREN[1:-1]]
    assert len(remote.labels) == len(ck25_kg.labels) > 2600
    assert sorted(remote.labels.entries) == sorted(ck25_kg.labels.entries)
    assert [h.iri for h in remote.labels.search("Baldwin Dirksn")][:1] == [PI + "empl-Baldwin.Dirksen%40company.org"]


def test_refusals_are_enforced_before_anything_is_sent(garbage_server):
    url, requests = garbage_server
    kg = KnowledgeGraph.endpoint(url)
    sent = len(requests)
    for q in [
        "DROP ALL",
        "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
        "LOAD <http://x/d.ttl>",
        "SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://x/g> WHERE { ?s ?p ?o }",
    ]:
        assert kg.query(q).outcome == Outcome.REFUSED
    assert len(requests) == sent  # the server never heard of them


def test_allow_listed_service_reaches_the_endpoint(people_kg, sparql_server):
    """A local graph federating to the real server once the user allow-lists it."""
    q = f"SELECT ?l WHERE {{ SERVICE <{sparql_server}> {{ {KAREN} rdfs:label ?l }} }}"
    assert people_kg.query(q).outcome == Outcome.REFUSED
    allowed = KnowledgeGraph(
        people_kg.backend, "people", people_kg.fingerprint, Limits(allow_services=(sparql_server,), timeout_s=10)
    )
    res = allowed.query(q)
    assert res.outcome == Outcome.ROWS, res.message
    assert res.values() == ["Karen Brant"]


def test_server_side_timeout_is_a_timeout(strict_server):
    kg = KnowledgeGraph.endpoint(strict_server)
    t0 = time.monotonic()
    res = kg.query(CROSS, timeout_s=20)  # the client would wait; the server gives up after 1 s
    elapsed = time.monotonic() - t0
    assert res.outcome == Outcome.TIMED_OUT, res.message
    assert res.message == f"endpoint {strict_server} cut its answer short (server time limit)"
    assert elapsed < 8
    assert kg.query(f"ASK {{ {KAREN} ?p ?o }}").boolean is True  # the server still answers


def test_down_endpoint_fails_fast_and_clearly():
    url = f"http://127.0.0.1:{_free_port()}/sparql"  # nothing listens there
    kg = KnowledgeGraph.endpoint(url)
    t0 = time.monotonic()
    res = kg.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert time.monotonic() - t0 < 2
    assert res.outcome == Outcome.FAILED
    assert res.message == f"endpoint {url} is unreachable: [Errno 111] Connection refused"


def test_bad_endpoint_url():
    with pytest.raises(EndpointError, match="ftp://x/sparql: an endpoint URL must start with http:// or https://"):
        KnowledgeGraph.endpoint("ftp://x/sparql")


@pytest.fixture(scope="module")
def garbage_server():
    """An HTTP server on 127.0.0.1 that answers every request with an HTML page; records the requests."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            n = int(self.headers.get("Content-Length") or 0)
            requests.append(self.rfile.read(n).decode("utf-8", "replace"))
            body = b"<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/sparql", requests
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize(
    "query,expected",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "(expected JSON)"),
        ("ASK { ?s ?p ?o }", "(expected JSON)"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "(expected N-Triples)"),
    ],
)
def test_garbage_answer_is_not_sparql_results(garbage_server, query, expected):
    url, requests = garbage_server
    sent = len(requests)
    res = KnowledgeGraph.endpoint(url).query(query)
    assert len(requests) == sent + 1
    assert res.outcome == Outcome.FAILED
    assert res.message.startswith(f"endpoint {url} answered something that is not SPARQL results {expected}")
    assert "\n" not in res.message


@pytest.fixture
def silent_server():
    """Accepts connections on 127.0.0.1 and never answers."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    conns: list[socket.socket] = []

    def accept():
        while True:
            try:
                conns.append(srv.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}/sparql", conns
    srv.close()
    for c in conns:
        c.close()


def test_hanging_endpoint_times_out_on_the_client(silent_server):
    url, conns = silent_server
    kg = KnowledgeGraph.endpoint(url)
    t0 = time.monotonic()
    res = kg.query("SELECT * WHERE { ?s ?p ?o }", timeout_s=1)
    elapsed = time.monotonic() - t0
    assert res.outcome == Outcome.TIMED_OUT
    assert res.message == f"endpoint {url} did not answer within 1 s"
    assert 0.9 <= elapsed < 2.5
    assert len(conns) == 1  # it did connect: the wait was for an answer


def _asking_graph(base: KnowledgeGraph, asked: list[str], stop_after: int | None = None) -> KnowledgeGraph:
    """`base` again, recording every query it sends; raises Stop once `stop_after` queries were sent."""
    kg = KnowledgeGraph(base.backend, base.name, base.fingerprint, base.limits)
    run = kg.query

    def query(q, *a, **k):
        if stop_after is not None and len(asked) >= stop_after:
            raise Stop
        asked.append(q)
        return run(q, *a, **k)

    kg.query = query
    return kg


class Stop(Exception):
    pass


def test_small_pages_through_the_server_equal_the_local_build(sparql_server, ck25_kg, monkeypatch):
    """Pages of 300 rows from the real server (names and types cut into hash buckets, some split again):
    the same schema summary and the same label index as the local store's single queries."""
    from kgquery.graph.labels import compute_label_index
    from kgquery.graph.schema import compute_schema_paged

    monkeypatch.setattr("kgquery.graph.paging.PAGE_SIZE", 300)
    monkeypatch.setattr("kgquery.graph.paging.BUCKET_PAGE_SIZE", 300)
    base = KnowledgeGraph.endpoint(sparql_server, default_graph=None)
    asked: list[str] = []
    kg = _asking_graph(base, asked)
    schema = compute_schema_paged(kg)
    assert schema_shape(schema) == schema_shape(ck25_kg.schema)
    kg.__dict__["schema"] = schema
    asked.clear()
    index = compute_label_index(kg, paged=True)
    pages = [q for q in asked if " LIMIT " in q]
    assert all(
        "ORDER BY" not in q for q in pages if "DISTINCT ?c" not in q and "DISTINCT ?p" not in q
    )  # bulk reads unsorted
    assert sum("MD5(STR(?s))" in q for q in pages) >= 20  # 5,240 names and the instances of big classes in buckets
    assert all(len(q) < 2000 for q in asked)
    assert sorted(index.entries) == sorted(ck25_kg.labels.entries)
    assert {k: sorted(v) for k, v in index.types.items()} == {k: sorted(v) for k, v in ck25_kg.labels.types.items()}


def test_interrupted_paged_label_build_resumes_through_the_server(sparql_server, ck25_kg, monkeypatch):
    """Label pages of 1,000 rows from the real server; a stop half-way keeps the pages done, a rerun asks
    only the rest: no page is asked twice, and together the two runs ask what one whole build asks."""
    from kgquery.graph.labels import INDEX_VERSION, build_label_index
    from kgquery.graph.paging import Checkpoint

    monkeypatch.setattr("kgquery.graph.paging.PAGE_SIZE", 1000)
    monkeypatch.setattr("kgquery.graph.paging.BUCKET_PAGE_SIZE", 1000)
    base = KnowledgeGraph.endpoint(sparql_server, default_graph=None)
    base.fingerprint = "resume-" + base.fingerprint  # its own caches, apart from the `remote` fixture's
    whole = KnowledgeGraph(base.backend, base.name, "resume-whole-" + base.fingerprint, base.limits)
    asked: list[str] = []
    _ = _asking_graph(base, asked).schema  # schema (its own cache) first
    _ = _asking_graph(whole, asked).schema
    asked.clear()
    build_label_index(_asking_graph(whole, asked))
    whole_pages = [q for q in asked if " LIMIT " in q]
    assert len(whole_pages) >= 10
    asked.clear()
    with pytest.raises(Stop):
        build_label_index(_asking_graph(base, asked, stop_after=len(whole_pages) // 2))
    first = [q for q in asked if " LIMIT " in q]
    cp = Checkpoint.for_build(f"labels-v{INDEX_VERSION}", base.fingerprint)
    done = cp.steps()
    assert done >= 3
    asked.clear()
    index = build_label_index(_asking_graph(base, asked))
    rest = [q for q in asked if " LIMIT " in q]
    assert not set(first) & set(rest)  # nothing done before the stop is asked again
    assert sorted(first + rest) == sorted(whole_pages)
    assert sorted(index.entries) == sorted(ck25_kg.labels.entries)
    assert cp.steps() == 0


# --------------------------------------------------------------------------- totals, not per-read limits (issue 15)


def _stream(handler, pieces, content_type: str, sent: list[int], pause: float = 0.0) -> None:
    """Answer 200 and write `pieces` one after the other (no Content-Length: the body ends when the
    connection does), counting the bytes the client took before it hung up."""
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.end_headers()
    try:
        for piece in pieces:
            handler.wfile.write(piece)
            handler.wfile.flush()
            sent[0] += len(piece)
            if pause:
                time.sleep(pause)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _bindings(n: int):
    yield b'{"head": {"vars": ["s"]}, "results": {"bindings": ['
    for i in range(n):
        yield (b"," if i else b"") + b'{"s": {"type": "uri", "value": "http://example.org/thing/%d"}}' % i
    yield b"]}}"


def test_dripping_endpoint_meets_the_total_deadline():
    """One byte every 0.2 s: each read is quick, the whole answer is not. The time limit is a total."""
    from conftest import ReplyServer

    sent = [0]
    body = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
    srv = ReplyServer(
        lambda h, _: _stream(h, [bytes([b]) for b in body], "application/sparql-results+json", sent, pause=0.2)
    )
    try:
        kg = KnowledgeGraph.endpoint(srv.url)
        t0 = time.monotonic()
        res = kg.query("SELECT ?s WHERE { ?s ?p ?o }", timeout_s=1)
        elapsed = time.monotonic() - t0
    finally:
        srv.close()
    assert res.outcome == Outcome.TIMED_OUT, res.message
    assert res.message == f"endpoint {srv.url} did not answer within 1 s"
    assert elapsed < 3  # before: 11 s, the whole drip (each byte came well within the 1 s read timeout)
    assert sent[0] < len(body)


def test_dripping_headers_meet_the_total_deadline():
    from conftest import ReplyServer

    def drip(handler, _):
        try:
            for b in b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\nX-Pad: " + b"x" * 200:
                handler.wfile.write(bytes([b]))
                handler.wfile.flush()
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass

    srv = ReplyServer(drip)
    try:
        t0 = time.monotonic()
        res = KnowledgeGraph.endpoint(srv.url).query("ASK { ?s ?p ?o }", timeout_s=1)
        elapsed = time.monotonic() - t0
    finally:
        srv.close()
    assert res.outcome == Outcome.TIMED_OUT and elapsed < 3


@pytest.mark.parametrize("form", ["SELECT", "CONSTRUCT"])
def test_large_endpoint_answer_is_read_only_up_to_the_row_cap(form):
    """200,000 rows (~13 MB) offered, 100 kept: the client stops reading soon after row 101."""
    from conftest import ReplyServer

    n = 200_000
    sent = [0]
    if form == "SELECT":

        def reply(h, _):
            _stream(h, _bindings(n), "application/sparql-results+json", sent)

        query = "SELECT ?s WHERE { ?s ?p ?o }"
    else:

        def reply(h, _):
            lines = (b"<http://example.org/s%d> <http://example.org/p> \"%d\" .\n" % (i, i) for i in range(n))
            _stream(h, lines, "application/n-triples", sent)

        query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    srv = ReplyServer(reply)
    try:
        res = KnowledgeGraph.endpoint(srv.url).query(query, max_rows=100, timeout_s=30)
        time.sleep(0.2)  # the server notices the hang-up
    finally:
        srv.close()
    assert res.outcome == Outcome.ROWS, res.message
    assert len(res.rows) == 100 and res.truncated
    assert res.rows[0][0].value == "http://example.org/thing/0" if form == "SELECT" else "http://example.org/s0"
    assert sent[0] < 6_000_000  # socket buffers, not the whole ~13 MB answer


def test_endpoint_answer_over_the_byte_cap_fails_clearly():
    """A few huge rows: the byte cap ends the read before the row cap can."""
    from conftest import ReplyServer

    sent = [0]
    big = b"x" * 1_000_000

    def reply(h, _):
        pieces = [b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "literal", "value": "']
        pieces += [big] * 20 + [b'"}}]}}']
        _stream(h, pieces, "application/sparql-results+json", sent)

    srv = ReplyServer(reply)
    try:
        kg = KnowledgeGraph.endpoint(srv.url)
        kg.backend.max_bytes = 2 * 1024 * 1024
        res = kg.query("SELECT ?s WHERE { ?s ?p ?o }", timeout_s=30)
        time.sleep(0.2)
    finally:
        srv.close()
    assert res.outcome == Outcome.FAILED
    assert res.message == f"endpoint {srv.url} sent more than 2 MB before the row cap; stopped reading it"
    assert sent[0] < 10_000_000


@pytest.mark.parametrize("piece", [1, 7, 4096, 65536])
def test_rows_are_read_in_whatever_pieces_they_arrive(piece):
    """SPARQL JSON split anywhere (inside a key, a row, a 50 KB literal): the same rows, stopped at the cap."""
    from kgquery.graph.endpoint_http import CutShort, read_select

    body = (
        b'{"head": {"vars": ["s"]}, "results": {"distinct": false, "bindings": ['
        + b",".join(b'{"s": {"type": "literal", "value": "%s"}}' % (b"x" * (i * 1000)) for i in range(50))
        + b"]}}"
    )

    def pieces(data=body):
        return iter([data[i : i + piece] for i in range(0, len(data), piece)])

    head, rows = read_select(pieces(), 100)
    assert head["head"]["vars"] == ["s"] and [len(r["s"]["value"]) for r in rows] == [i * 1000 for i in range(50)]
    assert len(read_select(pieces(), 10)[1]) == 11  # one more than the cap: "truncated"
    with pytest.raises(CutShort):
        read_select(pieces(body[:5000]), 100)
