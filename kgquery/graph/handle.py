"""KnowledgeGraph: the user-facing handle on local files or a SPARQL endpoint.

Every query goes through `execute.execute`, so the same safety holds for files and endpoints.
Schema summary and label index are computed with SPARQL and cached per graph fingerprint.
"""

from __future__ import annotations

import hashlib
import os
from functools import cached_property
from pathlib import Path
from typing import Iterable

from ..terms import QueryResult
from .cache import cache_dir, write_cache_file  # noqa: F401  (re-exported: their old home)
from .execute import Limits, execute
from .kinds import RDF_TYPE, detect_kind_property, retype
from .loadguard import LoadLimits
from .store import Backend, EndpointBackend, load_graph_files

#: triples an endpoint is sampled by to find its kind property (kgquery.graph.kinds)
KIND_SAMPLE = 20_000


class KnowledgeGraph:
    """A graph kgquery can ask: load files (`KnowledgeGraph.load`) or wrap an endpoint (`.endpoint`)."""

    def __init__(self, backend: Backend, name: str, fingerprint: str, limits: Limits | None = None):
        self.backend = backend
        self.name = name
        self.fingerprint = fingerprint
        self.limits = limits or Limits()
        self._kind: str | None = None  # the kind property, once looked for (kind_property)

    @classmethod
    def load(
        cls,
        paths: str | os.PathLike | Iterable[str | os.PathLike],
        store: str = "oxigraph",
        fmt: str | None = None,
        limits: Limits | None = None,
        load_limits: LoadLimits | None = None,
    ) -> "KnowledgeGraph":
        """Load one or more RDF files (any common syntax, optionally .gz) into a fast local store.

        `load_limits` bounds the load (size, time, memory; default from the environment, see
        kgquery.graph.loadguard). The fingerprint that keys the caches is a hash of the files' contents.
        """
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        paths = [Path(p) for p in paths]
        backend, key = load_graph_files(paths, store=store, fmt=fmt, limits=load_limits)
        name = paths[0].name if len(paths) == 1 else f"{paths[0].name} (+{len(paths) - 1})"
        return cls(backend, name, key, limits)

    @classmethod
    def endpoint(
        cls,
        url: str,
        headers: dict[str, str] | None = None,
        limits: Limits | None = None,
        default_graph: str | None = None,
    ) -> "KnowledgeGraph":
        """Wrap a remote SPARQL 1.1 endpoint (read-only; the same guard and bounds apply).

        `default_graph` (sent as default-graph-uri) picks one graph of a server that keeps many.
        """
        backend = EndpointBackend(url, headers, default_graph=default_graph)
        fp = hashlib.sha256(f"{url}|{default_graph or ''}".encode() if default_graph else url.encode()).hexdigest()[:16]
        return cls(backend, url, fp, limits)

    @property
    def is_endpoint(self) -> bool:
        return not self.backend.local

    def query(
        self,
        sparql: str,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        memory_mb: int | None = None,
        isolate: bool = True,
    ) -> QueryResult:
        """Run one read-only query, bounded; returns a typed outcome and never raises for the query's faults.

        `isolate=False` (kgquery's own index queries only) runs a local store's query in this process.
        """
        lim = self.limits
        limits = Limits(
            timeout_s=timeout_s if timeout_s is not None else lim.timeout_s,
            max_rows=max_rows if max_rows is not None else lim.max_rows,
            memory_mb=memory_mb if memory_mb is not None else lim.memory_mb,
            allow_services=lim.allow_services,
            isolate=isolate,
        )
        return execute(self.backend, retype(sparql, self.kind_property), limits, prefixes=self.prefixes)

    @property
    def kind_property(self) -> str:
        """The property that says what kind each thing is: rdf:type, or one like Wikidata's 'instance of' in a
        graph that types its things by it (kgquery.graph.kinds); read as rdf:type by every query. Looked for over
        the whole of a local graph at its first query; over a sample of an endpoint's triples when its schema is
        first summarised (before that, and when the endpoint does not answer, rdf:type: no query of the user's
        waits on it); cached on disk beside the schema."""
        if self._kind is None:
            self._kind = self._find_kind(sample=False)
        return self._kind

    def _find_kind(self, sample: bool) -> str:
        folder = cache_dir()
        path = folder / f"kinds-v1-{self.fingerprint}.txt" if folder else None
        if path and path.exists():
            try:
                return path.read_text("utf-8").strip() or RDF_TYPE
            except OSError:
                pass
        if self.is_endpoint and not sample:
            return RDF_TYPE  # not looked for yet: `schema` does, once
        limits = Limits(timeout_s=60, max_rows=1000, memory_mb=self.limits.memory_mb, isolate=False)
        backend = self.backend if not self.is_endpoint else self._sample()
        if backend is None:
            return RDF_TYPE

        def rows(q: str) -> list:
            res = execute(backend, q, limits)
            return res.rows if res.ok else []

        found = detect_kind_property(rows)
        if path:
            write_cache_file(path, found)
        return found

    def _sample(self):
        """A local store holding the first KIND_SAMPLE triples the endpoint gives (in its own order): an
        endpoint's graph is too big to count through, a sample shows how its things are typed. None when the
        endpoint does not answer."""
        import pyoxigraph as ox

        from .store import OxigraphBackend

        res = execute(
            self.backend,
            f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT {KIND_SAMPLE}",
            Limits(timeout_s=30, max_rows=KIND_SAMPLE, memory_mb=self.limits.memory_mb),
        )
        if not res.ok or not res.rows:
            return None
        triples = [r for r in res.rows if len(r) == 3 and all(r) and r[1].kind == "iri" and r[0].kind != "literal"]
        text = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples)  # N-Triples, as Term writes it
        sample = OxigraphBackend()
        try:
            sample.store.extend(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, lenient=True))
        except (SyntaxError, ValueError):
            return None
        return sample

    def retyped(self, sparql: str) -> str:
        """The query as it runs on this graph (rdf:type read as the graph's own kind property)."""
        return retype(sparql, self.kind_property)

    def close(self) -> None:
        """Stop this graph's query workers now (they also stop when the graph is garbage-collected or
        this process exits); a later query starts fresh ones."""
        from .pool import close_workers

        close_workers(self.backend)

    @cached_property
    def triple_count(self) -> int:
        return self.backend.triple_count()

    @property
    def prefixes(self) -> dict[str, str]:
        """Prefixes for this graph's namespaces (filled from the schema when it is known)."""
        return getattr(self, "_prefixes", {})

    @cached_property
    def schema(self):
        """The schema summary (see kgquery.graph.schema.SchemaSummary), cached on disk."""
        from .schema import summarize

        if self.is_endpoint:
            self._kind = self._find_kind(sample=True)  # how the endpoint's things are typed, before its summary
        s = summarize(self)
        self._prefixes = s.prefixes
        return s

    @cached_property
    def labels(self):
        """The label index (see kgquery.graph.labels.LabelIndex), cached on disk."""
        from .labels import build_label_index

        return build_label_index(self)
