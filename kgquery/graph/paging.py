"""Paged SPARQL for endpoints and big graphs: bounded requests that are saved as they arrive.

A build that reads a whole graph (label index, schema summary) never asks for "every triple" in one
request. Two ways to cut a read into pages, neither with OFFSET (servers cap it, and it costs more the
deeper it goes):

- `bucketed_select` (the bulk reads: one predicate's or one class's triples at a time): no ORDER BY.
  The rows are cut into buckets by a hash of one key variable, `MD5(STR(?key))`, whose first four hex
  digits fall in a range; as many ranges as the expected row count needs, a range that comes back
  full is split. Each page costs one scan of the pattern and no sort (a server sorting 150k rows by
  string took 6 s a page on Oxigraph, scanning them 0.25 s).
- `paged_select` (short lists: classes, predicates): keyset pages ordered by one key variable
  (`ORDER BY STR(?key)`, then `FILTER(STR(?key) > last)`); a DISTINCT is taken in a subquery first,
  so the server sorts the distinct values, not every row.

Each finished page or step is written to a checkpoint folder under the cache, so an interrupted build
continues where it stopped. Progress goes to stderr through tqdm, quiet when stderr is not a terminal.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..errors import KgqueryError
from ..terms import Outcome, Term
from .source import GraphSource

PAGE_SIZE = 20_000  # rows per sorted (keyset) request
PAGE_SIZE_VIRTUOSO = 5000  # Virtuoso sorts at most 10,000 rows for a LIMIT (MaxSortedTopRows, ResultSetMaxRows)
BUCKET_PAGE_SIZE = 50_000  # rows per unsorted request (bucketed_select); Virtuoso keeps PAGE_SIZE_VIRTUOSO
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

    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
        dynamic_ncols=True,
    )


def _literal(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def select_rows(kg: GraphSource, query: str, timeout_s: float = PAGE_TIMEOUT_S, max_rows: int = 5_000_000):
    """Rows of one SELECT, or a clear error (the build cannot go on without them)."""
    res = kg.query(query, timeout_s=timeout_s, max_rows=max_rows, isolate=False)
    if res.outcome not in (Outcome.ROWS, Outcome.EMPTY):
        raise KgqueryError(f"index query failed ({res.outcome.value}): {res.message}")
    return res


def _page_size(kg: GraphSource, page_size: int | None, unsorted: bool = False) -> int:
    if page_size is not None:
        return page_size
    backend = kg.backend
    if not backend.local and not getattr(backend, "server", "x"):
        kg.query("ASK { }", timeout_s=10)  # the first answer names the server
    if getattr(backend, "is_virtuoso", False):
        return PAGE_SIZE_VIRTUOSO
    return BUCKET_PAGE_SIZE if unsorted else PAGE_SIZE


def paged_select(
    kg: GraphSource,
    projection: str,
    where: str,
    key: str,
    checkpoint: Checkpoint | None,
    name: str,
    page_size: int | None = None,
    timeout_s: float = PAGE_TIMEOUT_S,
    bar=None,
) -> Iterator[tuple[Term | None, ...]]:
    """All rows of `SELECT projection WHERE { where }`, fetched in keyset pages over `?key`.

    `key` must be bound in every row. The rows of one key value always arrive in the same page: a full
    page gives up its last key's rows, which start the next page. Finished pages are saved in
    `checkpoint` (under `name`) and read back instead of asked again.

    Args:
        projection: the SELECT clause without SELECT, e.g. "?s ?p ?o" or "DISTINCT ?o".
        where: the group graph pattern's body.
        key: the variable name (without '?') the pages are ordered and cut by.
    """
    page_size = _page_size(kg, page_size)
    select, inner = projection, where
    if projection.split(None, 1)[0].upper() == "DISTINCT":  # distinct first, then sort the (few) distinct rows
        select, inner = projection.split(None, 1)[1], f"{{ SELECT {projection} WHERE {{ {where} }} }}"
    last: str | None = None
    page = 0
    size = page_size
    while True:
        step = f"{name}|{page}|{last}"
        saved = checkpoint.get(step) if checkpoint else None
        if saved is None:
            after = f" FILTER(STR(?{key}) > {_literal(last)})" if last is not None else ""
            q = f"SELECT {select} WHERE {{ {inner}{after} }} ORDER BY STR(?{key}) LIMIT {size}"
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
            saved = {
                "rows": rows_to_json(rows),
                "vars": res.vars,
                "full": full,
                "last": rows[-1][res.vars.index(key)].value if rows else last,
            }
            if checkpoint:
                checkpoint.put(step, saved)
        rows = rows_from_json(saved["rows"])
        if bar is not None:
            bar.update(len(rows))
        yield from rows
        if not saved["full"]:
            return
        last, page, size = saved["last"], page + 1, page_size


HASH_SPACE = 16**4  # buckets are ranges of the first four hex digits of MD5(STR(?key))
BUCKET_FILL = 0.8  # rows planned per bucket, as a share of the page size (a bucket that overflows is split)
SPLIT = 4  # a full bucket is asked again as this many smaller ones


def _bucket_filter(key: str, lo: int, hi: int) -> str:
    if lo <= 0 and hi >= HASH_SPACE:
        return ""
    tests = ([f'?kgq_h >= "{lo:04x}"'] if lo > 0 else []) + ([f'?kgq_h < "{hi:04x}"'] if hi < HASH_SPACE else [])
    return f" BIND(MD5(STR(?{key})) AS ?kgq_h) FILTER({' && '.join(tests)})"


def _ranges(lo: int, hi: int, n: int) -> list[tuple[int, int]]:
    n = max(1, min(n, hi - lo))
    cuts = [lo + (hi - lo) * i // n for i in range(n + 1)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def bucketed_select(
    kg: GraphSource,
    projection: str,
    where: str,
    key: str,
    checkpoint: Checkpoint | None,
    name: str,
    estimate: int | None = None,
    page_size: int | None = None,
    timeout_s: float = PAGE_TIMEOUT_S,
    bar=None,
) -> Iterator[tuple[Term | None, ...]]:
    """All rows of `SELECT projection WHERE { where }`, fetched in unordered pages cut by a hash of `?key`.

    No page is sorted: each asks for the rows whose `MD5(STR(?key))` starts in one range of hex values
    (`LIMIT page_size` only as a guard; BUCKET_PAGE_SIZE rows by default, a page costs the server one
    scan of the pattern, so pages are larger than sorted ones). `estimate` (rows expected, e.g. a predicate's triple count)
    sets how many ranges to start with: one request when it fits a page. A range that comes back full is
    split and asked again; one hash value that still fills a page is asked with a larger limit. Every
    finished range is saved in `checkpoint` under `name`, so an interrupted read resumes. A server that
    refuses the hash (no MD5) before any row was given gets keyset pages (`paged_select`) instead.

    `key` must be bound in every row; all rows of one key value land in the same range.
    """
    keyset_size = page_size
    page_size = _page_size(kg, page_size, unsorted=True)
    if estimate is None or estimate >= page_size:
        n = 1 if estimate is None else -(-estimate // max(1, int(page_size * BUCKET_FILL)))
    else:
        n = 1
    todo = [(lo, hi, page_size) for lo, hi in _ranges(0, HASH_SPACE, n)]
    given = 0
    while todo:
        lo, hi, size = todo.pop(0)
        step = f"{name}|{lo}|{hi}|{size}"
        saved = checkpoint.get(step) if checkpoint else None
        if saved is None:
            q = f"SELECT {projection} WHERE {{ {where}{_bucket_filter(key, lo, hi)} }} LIMIT {size}"
            try:
                res = select_rows(kg, q, timeout_s=timeout_s, max_rows=size)
            except KgqueryError:
                if given or not _bucket_filter(key, lo, hi):
                    raise
                yield from paged_select(
                    kg, projection, where, key, checkpoint, name + "|keyset", keyset_size, timeout_s, bar
                )
                return
            full = len(res.rows) >= size or res.truncated
            saved = {"full": True} if full else {"rows": rows_to_json(res.rows)}
            if checkpoint:
                checkpoint.put(step, saved)
        if saved.get("full"):
            if hi - lo > 1:
                todo[:0] = [(a, b, page_size) for a, b in _ranges(lo, hi, SPLIT if estimate is not None else 4 * SPLIT)]
            elif size < 64 * page_size:
                todo.insert(0, (lo, hi, size * 4))
            else:
                raise KgqueryError(f"index query: more than {size:,} rows for one hash of ?{key} in {name}")
            continue
        rows = rows_from_json(saved["rows"])
        given += len(rows)
        if bar is not None:
            bar.update(len(rows))
        yield from rows
