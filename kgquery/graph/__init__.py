"""The graph layer: everything that touches RDF, from the KnowledgeGraph handle down to the stores.

Top to bottom (each module imports only those below it; pyproject.toml [tool.importlinter]):
`handle` (KnowledgeGraph: files or an endpoint), `labels` (label index), `schema` (schema summary),
`execute` (safe, bounded execution) and `paging` (paged index queries), `store` (local stores and
endpoints) and `query_scope`, then `guard`, `loadguard`, `endpoint_http`, `cache` and `pool`.
"""

from .handle import KnowledgeGraph

__all__ = ["KnowledgeGraph"]
