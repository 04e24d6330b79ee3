"""Storage backends behind one small interface: run a read-only query, return plain Terms.

A backend never guards or bounds a query itself: `execute.py` does that for all of them.
Local stores (Oxigraph, rdflib memory) run inside a forked worker; endpoints run over HTTP.
"""

from __future__ import annotations

import http.client
import os
import socket
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import Iterable, Protocol

from ..errors import EmptyGraphError, EndpointError, LoadError
from ..terms import XSD, Term
from .endpoint_http import MAX_RESPONSE_BYTES
from .loadguard import (
    CHECK_EVERY,
    NO_FETCH_ADVICE,
    Budget,
    LoadLimits,
    check_jsonld,
    check_xml,
    no_network,
    read_graph_bytes,
)

#: file ending (after an optional .gz) -> format name
FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "ntriples",
    ".ntriples": "ntriples",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".trig": "trig",
    ".n3": "n3",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".rdfxml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}


@dataclass
class RawResult:
    """What a backend returns: kind is 'select', 'ask' or 'graph' (CONSTRUCT/DESCRIBE as s,p,o rows)."""

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False


class Backend(Protocol):
    """One interface, many stores (rdflib's store plugins are the model)."""

    name: str
    local: bool  # True: safe to run in a forked worker (the data lives in this process)

    def run(self, query: str, max_rows: int, timeout_s: float) -> RawResult: ...

    def triple_count(self) -> int: ...


def detect_format(path: Path, fmt: str | None = None) -> tuple[str, bool]:
    """Format name and whether the file is gzipped, from the file name (or an explicit fmt).

    >>> detect_format(Path("a/b.ttl.gz"))
    ('turtle', True)
    >>> detect_format(Path("x.owl"))
    ('xml', False)
    """
    gz = path.suffix.lower() == ".gz"
    stem = path.with_suffix("") if gz else path
    if fmt:
        return fmt, gz
    ext = stem.suffix.lower()
    if ext not in FORMATS:
        known = ", ".join(sorted({e for e in FORMATS}))
        raise LoadError(f"{path}: unknown RDF format '{ext or '(no extension)'}'; use one of {known} (optionally .gz)")
    return FORMATS[ext], gz


def _read_checked(path: Path, fmt: str, gz: bool, limits: LoadLimits) -> tuple[bytes, str]:
    """The file's bytes, within the size cap and past the syntax-specific checks; and its content hash."""
    data, digest = read_graph_bytes(path, gz, limits)
    if fmt == "xml":
        check_xml(path, data, limits)
    else:
        _check_text(path, data)
    return data, digest


def _check_text(path: Path, data: bytes) -> None:
    """RDF text syntaxes are UTF-8; say so plainly instead of a parser's byte offsets."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise LoadError(f"{path}: not UTF-8 text (bad byte at line {line}); re-encode the file as UTF-8") from None


def _clean_parse_error(path: Path, e: Exception) -> LoadError:
    msg = " ".join(str(e).split())
    return LoadError(f"{path}: syntax error: {msg}")


# --------------------------------------------------------------------------- Oxigraph

_OX_FORMATS = {
    "turtle": "TURTLE",
    "ntriples": "N_TRIPLES",
    "nquads": "N_QUADS",
    "trig": "TRIG",
    "n3": "N3",
    "xml": "RDF_XML",
    "json-ld": "JSON_LD",
}

_INT_CASTS = (
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "unsignedInt",
    "unsignedLong",
    "negativeInteger",
    "nonPositiveInteger",
)


TRIPLE_VARS = ["subject", "predicate", "object"]


def _collect(kind: str, names: list[str], items, to_row, max_rows: int) -> RawResult:
    """Rows from an engine's result iterator, stopping (and saying so) at the row cap."""
    rows = []
    for item in items:
        if len(rows) >= max_rows:
            return RawResult(kind, names, rows, truncated=True)
        rows.append(to_row(item))
    return RawResult(kind, names, rows)


def _ox_term(t) -> Term | None:
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return Term("iri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        return Term("literal", t.value, _datatype(t.datatype.value if t.datatype else None, t.language), t.language)
    return Term("literal", str(t))


def _datatype(dt: str | None, lang: str | None) -> str | None:
    """One spelling for every store: simple (xsd:string) and language-tagged literals have datatype None,
    as in SPARQL JSON results and rdflib; Oxigraph would say xsd:string / rdf:langString."""
    if lang or dt in (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"):
        return None
    return dt


def _int_cast(name: str):
    """xsd:int(...) and friends: SPARQL engines differ; rdflib and Virtuoso accept them, Oxigraph does not."""
    import pyoxigraph as ox

    def cast(term):
        if not isinstance(term, ox.Literal):
            return None
        try:
            v = int(Decimal(term.value.strip()))
        except (InvalidOperation, ValueError):
            return None
        return ox.Literal(str(v), datatype=ox.NamedNode(XSD + name))

    return cast


class OxigraphBackend:
    """Oxigraph (pyoxigraph): a Rust store, orders of magnitude faster than rdflib's memory store."""

    name = "oxigraph"
    local = True

    def __init__(self, path: str | None = None):
        import pyoxigraph as ox

        self._ox = ox
        self.store = ox.Store(path) if path else ox.Store()
        self._functions = {ox.NamedNode(XSD + n): _int_cast(n) for n in _INT_CASTS}

    def load(self, path: Path, fmt: str, gz: bool, limits: LoadLimits | None = None) -> str:
        """Parse one file into the store, in chunks so time and memory are checked as it goes;
        returns the file's content hash."""
        ox = self._ox
        limits = limits or LoadLimits.from_env()
        data, digest = _read_checked(path, fmt, gz, limits)
        budget = Budget(path, limits)
        try:
            quads = ox.parse(
                input=data, format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]), base_iri=path.resolve().as_uri()
            )
            while chunk := list(islice(quads, CHECK_EVERY)):
                self.store.extend(chunk)
                budget.tick(len(chunk))
        except (SyntaxError, ValueError, OSError) as e:
            if "LoadDocumentCallback" in str(e):  # Oxigraph fetches nothing; say why in our words
                raise LoadError(
                    f"{path}: the JSON-LD @context or @import names a document to fetch; {NO_FETCH_ADVICE}"
                ) from None
            raise _clean_parse_error(path, e) from None
        return digest

    def run(self, query: str, max_rows: int, timeout_s: float) -> RawResult:
        ox = self._ox
        res = self.store.query(query, use_default_graph_as_union=True, custom_functions=self._functions)
        if isinstance(res, ox.QueryBoolean):
            return RawResult("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            return _collect(
                "select", names, res, lambda sol: tuple(_ox_term(sol[i]) for i in range(len(names))), max_rows
            )
        return _collect(
            "graph",
            TRIPLE_VARS,
            res,
            lambda tr: (_ox_term(tr.subject), _ox_term(tr.predicate), _ox_term(tr.object)),
            max_rows,
        )

    def triple_count(self) -> int:
        return len(self.store)


# --------------------------------------------------------------------------- rdflib


def _rdflib_term(t) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if t is None:
        return None
    if isinstance(t, URIRef):
        return Term("iri", str(t))
    if isinstance(t, BNode):
        return Term("bnode", str(t))
    if isinstance(t, Literal):
        dt = str(t.datatype) if t.datatype else None
        return Term("literal", str(t), _datatype(dt, t.language), t.language)
    return Term("literal", str(t))


def _bounded_memory_store():
    """rdflib's Memory store that counts the triples a parser adds against a load Budget (when set):
    every rdflib parser ends in Store.add, so this bounds them all."""
    from rdflib.plugins.stores.memory import Memory

    class BoundedMemory(Memory):
        budget: Budget | None = None

        def add(self, triple, context, quoted=False):
            if self.budget is not None:
                self.budget.tick()
            super().add(triple, context, quoted)

    return BoundedMemory()


class RdflibBackend:
    """rdflib's pure-Python memory store: the reference implementation, slow but everywhere."""

    name = "rdflib"
    local = True

    def __init__(self, store: str = "default"):
        from rdflib import Dataset

        self.graph = Dataset(store=_bounded_memory_store() if store == "default" else store, default_union=True)

    def load(self, path: Path, fmt: str, gz: bool, limits: LoadLimits | None = None) -> str:
        """Parse one file into the dataset, bounded in time and memory, with no network access
        (rdflib would fetch a remote JSON-LD context); returns the file's content hash."""
        from rdflib import Dataset

        limits = limits or LoadLimits.from_env()
        data, digest = _read_checked(path, fmt, gz, limits)
        if fmt == "json-ld":  # rdflib would fetch it (Oxigraph refuses by itself, streaming)
            check_jsonld(path, data)
        budget = Budget(path, limits)
        store = self.graph.store
        if hasattr(store, "budget"):
            store.budget = budget
        try:
            with no_network(path):
                if fmt == "nquads":
                    # rdflib's N-Quads parser drops the default graph of the Dataset it parses into
                    # (it swaps in a new one): parse apart, then add the quads
                    tmp = Dataset(store=_bounded_memory_store(), default_union=True)
                    tmp.store.budget = budget
                    tmp.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
                    tmp.store.budget = None
                    self.graph.addN(
                        (s, p, o, self.graph.get_context(c)) for s, p, o, c in tmp.quads((None, None, None, None))
                    )
                elif fmt == "trig":
                    self.graph.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
                else:
                    self.graph.default_context.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
        except LoadError:
            raise
        except Exception as e:  # rdflib raises many unrelated types for bad syntax
            raise _clean_parse_error(path, e) from None
        finally:
            if hasattr(store, "budget"):
                store.budget = None
        return digest

    def run(self, query: str, max_rows: int, timeout_s: float) -> RawResult:
        res = self.graph.query(query)
        if res.type == "ASK":
            return RawResult("ask", boolean=bool(res.askAnswer))
        if res.type == "SELECT":
            names = [str(v) for v in res.vars]
            return _collect(
                "select", names, res, lambda row: tuple(_rdflib_term(row[i]) for i in range(len(names))), max_rows
            )
        return _collect("graph", TRIPLE_VARS, res, lambda tr: tuple(_rdflib_term(x) for x in tr), max_rows)

    def triple_count(self) -> int:
        return len(self.graph)


# --------------------------------------------------------------------------- endpoints


def _json_term(b: dict | None) -> Term | None:
    if b is None:
        return None
    kind = {"uri": "iri", "literal": "literal", "typed-literal": "literal", "bnode": "bnode"}.get(
        b.get("type"), "literal"
    )
    return Term(kind, str(b.get("value", "")), _datatype(b.get("datatype"), b.get("xml:lang")), b.get("xml:lang"))


class EndpointBackend:
    """A remote SPARQL 1.1 endpoint over HTTP (endpoint_http: a total deadline, rows read as they arrive,
    a byte cap); the server enforces its own limits too."""

    name = "endpoint"
    local = False

    def __init__(self, url: str, headers: dict[str, str] | None = None, default_graph: str | None = None):
        if not url.startswith(("http://", "https://")):
            raise EndpointError(f"{url}: an endpoint URL must start with http:// or https://")
        self.url = url
        self.headers = dict(headers or {})
        self.default_graph = default_graph  # sent as default-graph-uri (servers that keep many graphs)
        self.server = ""  # the server's Server header, known after the first answer ("Virtuoso/07.20...")
        self.max_bytes = MAX_RESPONSE_BYTES  # read no more of one answer, whatever the row cap

    def _exchange(self, query: str, timeout_s: float, accept: str):
        """The POST for one query (form-encoded: every SPARQL 1.1 server takes it; Virtuoso 7.2 stalls on
        a direct POST body), bounded in total time and bytes (endpoint_http)."""
        from .endpoint_http import Exchange

        fields = [("query", query)]
        if self.default_graph:
            fields.append(("default-graph-uri", self.default_graph))
        if self.is_virtuoso:
            # Virtuoso's anytime query: it stops after about this many ms (it overshoots, up to twice) and
            # sends what it has, marked X-SQL-State S1TAT; the client keeps waiting the whole time limit
            fields.append(("timeout", str(max(100, int(float(timeout_s) * 400)))))
        return Exchange(self.url, fields, {**self.headers, "Accept": accept}, timeout_s, self.max_bytes)

    def _call(self, query: str, timeout_s: float, accept: str, read):
        """Send the query and return read(exchange) (which reads the body as it needs); every fault of the
        exchange becomes TimeoutError or EndpointError with one line."""
        import urllib.error

        from .endpoint_http import CutShort, TooLarge

        try:
            with self._exchange(query, timeout_s, accept) as ex:
                self.server = ex.headers.get("server", self.server)
                if ex.status >= 400:
                    detail = b""
                    for chunk in ex.chunks():
                        detail += chunk
                        if len(detail) > 2000:
                            break
                    text = " ".join(detail.decode("utf-8", "replace").split())[:300]
                    raise EndpointError(f"endpoint {self.url} refused the query (HTTP {ex.status}): {text}")
                return read(ex)
        except TimeoutError:
            raise TimeoutError(f"endpoint {self.url} did not answer within {timeout_s:g} s") from None
        except TooLarge:
            raise EndpointError(
                f"endpoint {self.url} sent more than {self.max_bytes / 2**20:g} MB before the row "
                "cap; stopped reading it"
            ) from None
        except CutShort:  # Oxigraph answers a cancelled query with HTTP 200 and a cut body
            raise TimeoutError(f"endpoint {self.url} cut its answer short (server time limit)") from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, (socket.timeout, TimeoutError)):
                raise TimeoutError(f"endpoint {self.url} did not answer within {timeout_s:g} s") from None
            raise EndpointError(f"endpoint {self.url} is unreachable: {e.reason}") from None
        except (EndpointError, ValueError):
            raise
        except (OSError, http.client.HTTPException) as e:
            raise EndpointError(
                f"endpoint {self.url} failed: {type(e).__name__}: {' '.join(str(e).split())[:300]}"
            ) from None

    @property
    def is_virtuoso(self) -> bool:
        return "virtuoso" in self.server.lower()

    def run(self, query: str, max_rows: int, timeout_s: float) -> RawResult:
        from .endpoint_http import read_select
        from .guard import query_form

        form = query_form(query)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return self._call(query, timeout_s, "application/n-triples", lambda ex: self._graph_result(ex, max_rows))
        try:
            data, bindings, headers = self._call(
                query,
                timeout_s,
                "application/sparql-results+json",
                lambda ex: (*read_select(ex.chunks(), max_rows), ex.headers),
            )
        except ValueError as e:  # (UnicodeDecodeError too)
            raise EndpointError(
                f"endpoint {self.url} answered something that is not SPARQL results (expected "
                f"JSON): {' '.join(str(e).split())[:120]!r}"
            ) from None
        sql_state = headers.get("x-sql-state", "")
        if "boolean" in data:
            return RawResult("ask", boolean=bool(data["boolean"]))
        names = list(data.get("head", {}).get("vars", []))
        if form == "ASK" and [n.lower() for n in names] == ["__ask_retval"]:
            # Virtuoso answers some ASK queries (e.g. with default-graph-uri) as a one-cell table
            cell = (bindings[0].get(names[0]) or {}).get("value", "0") if bindings else "0"
            return RawResult("ask", boolean=str(cell).lower() not in ("0", "false", ""))
        rows = [tuple(_json_term(b.get(n)) for n in names) for b in bindings[:max_rows]]
        # Virtuoso cuts results at its ResultSetMaxRows and says so in X-SPARQL-MaxRows
        truncated = len(bindings) > max_rows or bool(headers.get("x-sparql-maxrows"))
        if sql_state.upper() == "S1TAT":
            # Virtuoso's anytime query ran out of time: the rows are a partial result, not the answer
            msg = " ".join(headers.get("x-sql-message", "").split())[:120]
            raise TimeoutError(
                f"endpoint {self.url} returned a partial result after its time limit "
                f"(X-SQL-State S1TAT{': ' + msg if msg else ''})"
            )
        return RawResult("select", names, rows, truncated=truncated)

    def _graph_result(self, ex, max_rows: int) -> RawResult:
        """N-Triples parsed line by line as they arrive, until max_rows + 1 triples."""
        import pyoxigraph as ox

        from .endpoint_http import read_lines

        rows: list = []

        def take(lines: bytes) -> bool:
            for tr in ox.parse(input=lines, format=ox.RdfFormat.N_TRIPLES):
                if len(rows) >= max_rows:
                    return True
                rows.append((_ox_term(tr.subject), _ox_term(tr.predicate), _ox_term(tr.object)))
            return False

        try:
            truncated = read_lines(ex.chunks(), take)
        except SyntaxError as e:
            raise EndpointError(
                f"endpoint {self.url} answered something that is not SPARQL results "
                f"(expected N-Triples): {' '.join(str(e).split())[:200]}"
            ) from None
        return RawResult("graph", ["subject", "predicate", "object"], rows, truncated=truncated)

    def triple_count(self) -> int:
        res = self.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", 1, 30)
        return int(res.rows[0][0].value) if res.rows and res.rows[0][0] else 0


# --------------------------------------------------------------------------- loading

STORES = {"oxigraph": OxigraphBackend, "memory": RdflibBackend}


def load_files(
    paths: Iterable[str | os.PathLike],
    store: str = "oxigraph",
    fmt: str | None = None,
    limits: LoadLimits | None = None,
) -> Backend:
    """Parse RDF files into a fresh local store; the files are only ever read."""
    return load_graph_files(paths, store, fmt, limits)[0]


def load_graph_files(
    paths: Iterable[str | os.PathLike],
    store: str = "oxigraph",
    fmt: str | None = None,
    limits: LoadLimits | None = None,
) -> tuple[Backend, str]:
    """Parse RDF files into a fresh local store, each within `limits` (default: LoadLimits.from_env());
    returns the store and a key of what was loaded (each file's path, syntax and content hash)."""
    import hashlib

    paths = [Path(p) for p in paths]
    if not paths:
        raise LoadError("no graph file given")
    if store not in STORES:
        raise LoadError(f"unknown store '{store}'; choose one of {', '.join(STORES)}")
    for p in paths:  # a folder or a missing file first: its "format" is not the problem
        if p.is_dir():
            raise LoadError(f"{p}: is a folder; name the RDF files inside it")
        if not p.exists():
            raise LoadError(f"{p}: no such file")
    plan = [(p, *detect_format(p, fmt)) for p in paths]  # fail fast on unknown formats
    limits = limits or LoadLimits.from_env()
    backend = STORES[store]()
    keys = []
    for p, f, gz in plan:
        # the path matters too: relative IRIs resolve against it
        keys.append(f"{p.resolve()}|{f}|{backend.load(p, f, gz, limits)}")
    if backend.triple_count() == 0:
        raise EmptyGraphError(f"{', '.join(map(str, paths))}: the graph is empty (no triples)")
    return backend, hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:16]
