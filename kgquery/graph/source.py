"""What the index builders (schema, labels, paging) need of a graph, as a Protocol.

`KnowledgeGraph` (graph/handle.py) satisfies it. The builders sit below the handle that calls them, so
naming the handle's class in their annotations made an import cycle (for type checkers only); naming this
Protocol keeps every import pointing down.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..terms import QueryResult


class GraphSource(Protocol):
    """A graph the indexes are built from: files in a local store, or an endpoint."""

    name: str
    fingerprint: str
    backend: Any

    @property
    def is_endpoint(self) -> bool: ...

    @property
    def triple_count(self) -> int: ...

    @property
    def schema(self) -> Any: ...

    def query(
        self,
        sparql: str,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        memory_mb: int | None = None,
        isolate: bool = True,
    ) -> QueryResult: ...
