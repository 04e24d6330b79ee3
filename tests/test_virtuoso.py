"""The endpoint path against a real Virtuoso (Debian's virtuoso-opensource) on 127.0.0.1.

The server gets a fresh database in a temp folder and free ports; ck25 is bulk-loaded into a named
graph with a free-text index on literals (so bif:contains works). Skipped, loudly, only when the
package is not installed (`apt-get install virtuoso-opensource`; .ci/run installs it).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import warnings
from pathlib import Path

import pytest

from conftest import CK25_TTL, PI, PV, schema_shape
from kgquery import KnowledgeGraph, Outcome

GRAPH = "http://kgquery.test/ck25"
KAREN = PI + "empl-Karen.Brant%40company.org"

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 30
MaxQueryCostEstimationTime = 400
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"virtuoso exited: {log.read_text(errors='replace')[-500:] if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"virtuoso did not listen on 127.0.0.1:{port} within {seconds} s")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso server with ck25 in GRAPH; yields its SPARQL URL."""
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if not exe or not isql:
        msg = (
            "VIRTUOSO TESTS SKIPPED: Debian's virtuoso-opensource is not installed "
            "(apt-get install -y virtuoso-opensource)"
        )
        warnings.warn(msg)
        pytest.skip(msg)
    d = tmp_path_factory.mktemp("virtuoso")
    shutil.copy(CK25_TTL, d / "ck25.ttl")
    sql, http = _free_port(), _free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, sql=sql, http=http))
    proc = subprocess.Popen(
        [exe, "-f", "-c", str(d / "virtuoso.ini")], cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait(http, proc, d / "virtuoso.log")
        _wait(sql, proc, d / "virtuoso.log")
        script = (
            f"DB.DBA.RDF_OBJ_FT_RULE_ADD(null, null, 'All'); ld_dir('{d}', 'ck25.ttl', '{GRAPH}'); "
            "rdf_loader_run(); DB.DBA.VT_INC_INDEX_DB_DBA_RDF_OBJ(); checkpoint;"
        )
        out = subprocess.run(
            [isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={script}"], capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0 and "Error" not in out.stdout + out.stderr, out.stdout + out.stderr
        yield f"http://127.0.0.1:{http}/sparql"
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture(scope="module")
def vkg(virtuoso):
    return KnowledgeGraph.endpoint(virtuoso, default_graph=GRAPH)


def test_virtuoso_answers_like_the_local_store(vkg, ck25_kg):
    assert vkg.triple_count == ck25_kg.triple_count == 26903
    q = f"SELECT ?d WHERE {{ <{KAREN}> <{PV}memberOf> ?d }}"
    assert vkg.query(q).rows == ck25_kg.query(q).rows
    assert "virtuoso" in vkg.backend.server.lower()


def test_row_cap_header_marks_the_result_truncated(vkg):
    res = vkg.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 20000", max_rows=30000)
    assert res.outcome == Outcome.ROWS
    assert len(res.rows) == 10000 and res.truncated  # X-SPARQL-MaxRows: the server's ResultSetMaxRows


def test_partial_result_on_timeout_is_a_timeout(vkg):
    """Virtuoso's anytime query sends what it has with X-SQL-State S1TAT: kgquery says timed out."""
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) = STR(?f)) }"
    t0 = time.monotonic()
    res = vkg.query(q, timeout_s=5)
    assert res.outcome == Outcome.TIMED_OUT, res.message
    assert res.message.startswith(
        f"endpoint {vkg.name} returned a partial result after its time limit (X-SQL-State S1TAT"
    )
    assert time.monotonic() - t0 < 10
    assert vkg.query(f"ASK {{ <{KAREN}> ?p ?o }}").boolean is True


def test_paged_schema_and_labels_equal_the_local_build(vkg, ck25_kg):
    assert schema_shape(vkg.schema, comments=False)[:2] == schema_shape(ck25_kg.schema, comments=False)[:2]
    assert vkg.schema.cls(PV + "Employee").count == 53
    assert sorted(vkg.labels.entries) == sorted(ck25_kg.labels.entries)
    assert [h.iri for h in vkg.labels.lookup("Karen Brant")] == [KAREN]


def test_hash_bucket_pages_on_virtuoso(vkg, ck25_kg):
    """Virtuoso computes MD5 in a BIND: rdfs:label read in unsorted hash-bucket pages of 1,000 rows."""
    from kgquery.graph.paging import bucketed_select

    asked: list[str] = []
    kg = KnowledgeGraph(vkg.backend, vkg.name, vkg.fingerprint, vkg.limits)
    run = kg.query
    kg.query = lambda q, *a, **k: asked.append(q) or run(q, *a, **k)
    where = "?s <http://www.w3.org/2000/01/rdf-schema#label> ?o"
    rows = list(bucketed_select(kg, "?s ?o", where, "s", None, "labels", estimate=2620, page_size=1000))
    assert len(asked) >= 4 and all("MD5(STR(?s))" in q and "ORDER BY" not in q for q in asked)
    assert sorted(map(str, rows)) == sorted(map(str, ck25_kg.query(f"SELECT ?s ?o WHERE {{ {where} }}").rows))


def test_server_text_search(vkg):
    search = vkg.labels.server_search
    assert search is not None  # Virtuoso with a free-text index: bif:contains
    assert KAREN in {h.iri for h in search("Karen Brandt", 10)}
    from kgquery.graph.labels import LabelIndex

    empty = LabelIndex([], {})  # nothing local: the server's text search answers
    empty.server_search = search
    hits = empty.search("Baldwin Dirksn", limit=3)
    assert [h.iri for h in hits][:1] == [PI + "empl-Baldwin.Dirksen%40company.org"]


def test_question_answered_through_virtuoso(vkg, ck25_kg, monkeypatch):
    from kgquery import KGQuery

    monkeypatch.setenv("KGQUERY_EMBEDDINGS", "0")
    question = "Who is the manager of Heinrich Hoch?"
    there, here = KGQuery(vkg).ask(question), KGQuery(ck25_kg).ask(question)
    assert there.outcome == here.outcome == "answered", (there.message, here.message)
    assert sorted(there.values()) == sorted(here.values()) != []
