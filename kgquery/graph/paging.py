"""Paged SPARQL for endpoints and big graphs: keyset pages that are saved as they arrive.

A build that reads a whole graph (label index, schema summary) never asks for "every triple" in one
request: it asks for pages ordered by one key variable (`ORDER BY STR(?key)`, then `FILTER(STR(?key) >
last)`), which keeps OFFSET out (servers cap it, and it costs more the deeper it goes). Each finished
page or step is written to a checkpoint folder under the cache, so an interrupted build continues
where it stopped. Progress goes to stderr through tqdm, quiet when stderr is not a terminal.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..errors import KgqueryError
from ..terms import Outcome, Term

if TYPE_CHECKING:
    from .handle import KnowledgeGraph

PAGE_SIZE = 20_000       # rows per request
PAGE_SIZE_VIRTUOSO = 5000  # Virtuoso sorts at most 10,000 rows for a LIMIT (MaxSortedTopRows, ResultSetMaxRows)
PAGE_TIMEOUT_S = 120.0


def term_to_json(t: Term | None) -> list | None:
    return None if t is None else [t.kind, t.value, t.datatype, t.lang]


def term_from_json(x: list | None) -> Term | None:
    return None if x is None else Term(*x)


def rows_to_json(rows) -> list:
    return [[term_to_json(t) for t in r] for r in rows]


def rows_from_json(rows: list) -> list[tuple[Term | None, ...]]:
    return [tuple(term_from_json(t) for t in r) for r in rows]


@dataclass
class Checkpoint:
    """A folder of finished steps (JSON files), so a long build can resume after an interruption."""

    folder: Path

    @classmethod
    def for_build(cls, kind: str, fingerprint: str) -> "Checkpoint | None":
        """The checkpoint of one build under the cache folder; None when there is no usable cache."""
        from .cache import cache_dir

        folder = cache_dir()
        return cls(folder / "pages" / f"{kind}-{fingerprint}") if folder else None

    def _path(self, key: str) -> Path:
        safe = hashlib.sha256(key.encode()).hexdigest()[:24]
        return self.folder / f"{safe}.json"

    def get(self, key: str) -> Any | None:
        p = self._path(key)
        if not p.exists():
            return None
        try:
            d = json.loads(p.read_text("utf-8"))
            return d["data"] if isinstance(d, dict) and d.get("key") == key else None
        except (ValueError, OSError, RecursionError):
            return None  # half-written or corrupt: do the step again

    def put(self, key: str, data: Any) -> None:
        from .cache import write_cache_file

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # a step that cannot be saved is only done again after an interruption
        write_cache_file(self._path(key), json.dumps({"key": key, "data": data}))

    def steps(self) -> int:
        """How many finished steps are saved."""
        return len(list(self.folder.glob("*.json"))) if self.folder.exists() else 0

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def progress(desc: str, total: int | None = None, unit: str = "rows"):
    """A tqdm bar on stderr, silent unless stderr is a terminal."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=not sys.stderr.isatty(),
                leave=False, dynamic_ncols=True)


def _literal(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def select_rows(kg: "KnowledgeGraph", query: str, timeout_s: float = PAGE_TIMEOUT_S, max_rows: int = 5_000_000):
    """Rows of one SELECT, or a clear error (the build cannot go on without them)."""
    res = kg.query(query, timeout_s=timeout_s, max_rows=max_rows, isolate=False)
    if res.outcome not in (Outcome.ROWS, Outcome.EMPTY):
        raise KgqueryError(f"index query failed ({res.outcome.value}): {res.message}")
    return res


def paged_select(kg: "KnowledgeGraph", projection: str, where: str, key: str, checkpoint: Checkpoint | None,
                 name: str, page_size: int | None = None, timeout_s: float = PAGE_TIMEOUT_S,
                 bar=None) -> Iterator[tuple[Term | None, ...]]:
    """All rows of `SELECT projection WHERE { where }`, fetched in keyset pages over `?key`.

    `key` must be bound in every row. The rows of one key value always arrive in the same page: a full
    page gives up its last key's rows, which start the next page. Finished pages are saved in
    `checkpoint` (under `name`) and read back instead of asked again.

    Args:
        projection: the SELECT clause without SELECT, e.g. "?s ?p ?o" or "DISTINCT ?o".
        where: the group graph pattern's body.
        key: the variable name (without '?') the pages are ordered and cut by.
    """
    if page_size is None:
        backend = kg.backend
        if not backend.local and not getattr(backend, "server", "x"):
            kg.query("ASK { }", timeout_s=10)  # the first answer names the server
        page_size = PAGE_SIZE_VIRTUOSO if getattr(backend, "is_virtuoso", False) else PAGE_SIZE
    last: str | None = None
    page = 0
    size = page_size
    while True:
        step = f"{name}|{page}|{last}"
        saved = checkpoint.get(step) if checkpoint else None
        if saved is None:
            after = f" FILTER(STR(?{key}) > {_literal(last)})" if last is not None else ""
            q = f"SELECT {projection} WHERE {{ {where}{after} }} ORDER BY STR(?{key}) LIMIT {size}"
            res = select_rows(kg, q, timeout_s=timeout_s, max_rows=size)
            rows, full = res.rows, len(res.rows) >= size or res.truncated
            if full:
                ki = res.vars.index(key)
                cut = rows[-1][ki].value
                keep = [r for r in rows if r[ki].value != cut]
                if not keep:  # one key fills the page: ask again with room for it
                    if size >= 64 * page_size:
                        raise KgqueryError(f"index query: more than {size:,} rows for one {key} ({cut})")
                    size *= 4
                    continue
                rows = keep
            saved = {"rows": rows_to_json(rows), "vars": res.vars, "full": full,
                     "last": rows[-1][res.vars.index(key)].value if rows else last}
            if checkpoint:
                checkpoint.put(step, saved)
        rows = rows_from_json(saved["rows"])
        if bar is not None:
            bar.update(len(rows))
        yield from rows
        if not saved["full"]:
            return
        last, page, size = saved["last"], page + 1, page_size
