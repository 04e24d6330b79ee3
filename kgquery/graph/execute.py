"""The one entry point for every query kgquery runs: guard, then run bounded in time, memory and rows.

Local stores run in long-lived forked workers (kgquery.graph.pool: copy-on-write, reused across queries)
that are killed and replaced at a query's time limit and have their address space capped per query,
so a runaway query frees the CPU and cannot exhaust memory. Endpoints run over HTTP with a client
timeout and the server's own limits.
"""

from __future__ import annotations

import os
import sys
import time
import weakref
from dataclasses import dataclass, replace

from ..errors import EndpointError, QueryRefused
from ..terms import Outcome, QueryResult
from .guard import MAX_QUERY_CHARS, guard, known_verdict, remember, warm_parsers
from .pool import Reply, pool_for
from .store import Backend, RawResult

CAN_FORK = hasattr(os, "fork") and sys.platform.startswith("linux")
#: longer queries are checked by the guard in a worker bounded by the query's time limit:
#: rdflib's parser needs up to ~1.3 ms per character on some shapes (2 KB of `1+1+...` take 2.5 s),
#: holding the GIL, so an unbounded check in this process would slow every other request
GUARD_INLINE_CHARS = 500


@dataclass(frozen=True)
class Limits:
    """Bounds for one query. The defaults suit interactive use."""

    timeout_s: float = 10.0
    max_rows: int = 10_000
    memory_mb: int = 1024
    allow_services: tuple[str, ...] = ()
    #: False: a local store runs the query in this process (no fork, no pickling of the rows); only for
    #: kgquery's own fixed index queries (schema, labels), which read a whole big graph once
    isolate: bool = True


def execute(
    backend: Backend, query: str, limits: Limits = Limits(), prefixes: dict[str, str] | None = None
) -> QueryResult:
    """Guard and run one query; never raises for a query's own faults, returns a typed outcome."""
    t0 = time.perf_counter()
    try:
        known = known_verdict(query, limits.allow_services, prefixes) if isinstance(query, str) else None
    except QueryRefused as e:
        return QueryResult(Outcome.REFUSED, query, message=str(e), seconds=time.perf_counter() - t0)
    if known is None and backend.local and CAN_FORK and limits.isolate and isinstance(query, str):
        # a query this process has not checked yet: check it in the worker that runs it, where a slow
        # parse is bounded by the time limit and holds no lock or GIL another request needs
        res = _check_and_run_forked(backend, query, limits, prefixes)
        res.sparql = query
        res.seconds = time.perf_counter() - t0
        return res
    try:
        g = known or _guard_bounded(query, limits, prefixes)
    except QueryRefused as e:
        return QueryResult(Outcome.REFUSED, query, message=str(e), seconds=time.perf_counter() - t0)
    if isinstance(g, QueryResult):  # the check itself hit the time or memory limit
        g.seconds = time.perf_counter() - t0
        return g
    run_limits = limits
    if len(g.text) > GUARD_INLINE_CHARS and CAN_FORK:  # the check took part of the time limit: the run gets the rest
        run_limits = replace(limits, timeout_s=max(0.1, limits.timeout_s - (time.perf_counter() - t0)))
    text = g.text
    if not backend.local and g.form == "SELECT" and not g.has_limit and len(text) <= GUARD_INLINE_CHARS:
        text = _with_limit(text, limits.max_rows + 1)
    if backend.local and CAN_FORK and limits.isolate:
        res = _run_forked(backend, text, run_limits)
        if res.outcome == Outcome.TIMED_OUT and run_limits is not limits:
            res.message = f"stopped after {limits.timeout_s:g} s (time limit); the worker was killed"
    else:
        res = _run_inline(backend, text, limits)
    res.sparql = query
    res.seconds = time.perf_counter() - t0
    return res


def _guard_bounded(query: str, limits: Limits, prefixes: dict[str, str] | None):
    """guard(); for a long query in a pooled worker killed at the time limit (see GUARD_INLINE_CHARS).

    Returns the GuardedQuery, or a TIMED_OUT / FAILED QueryResult when the check itself ran out of
    time or memory; raises QueryRefused like guard().
    """
    if not isinstance(query, str) or len(query) <= GUARD_INLINE_CHARS or len(query) > MAX_QUERY_CHARS or not CAN_FORK:
        return guard(query, limits.allow_services, prefixes)

    payload, status, timed_out = _call_worker(None, _job("check", query, limits, prefixes), limits)
    if timed_out:
        return QueryResult(
            Outcome.TIMED_OUT,
            query,
            message=f"stopped after {limits.timeout_s:g} s (time limit) "
            "while checking the query (too complex to check); the worker was killed",
        )
    if payload is None or payload[0] in ("memory", "error", "fatal", "cut"):
        return QueryResult(
            Outcome.FAILED,
            query,
            message=f"checking the query ran out of its memory budget ({limits.memory_mb} MB) or crashed the worker",
        )
    kind, value = payload
    remember((query, tuple(sorted(limits.allow_services)), tuple(sorted((prefixes or {}).items()))), value)
    if kind == "refused":
        raise QueryRefused(value)
    return value


def _check_and_run_forked(backend: Backend, query: str, limits: Limits, prefixes: dict[str, str] | None) -> QueryResult:
    """guard() and run in one pooled worker (one round trip); the verdict is remembered here."""
    key = (query, tuple(sorted(limits.allow_services)), tuple(sorted((prefixes or {}).items())))
    payload, status, timed_out = _call_worker(backend, _job("check_and_run", query, limits, prefixes), limits)
    if payload is not None and payload[0] == "refused":
        remember(key, payload[1])
        return QueryResult(Outcome.REFUSED, query, message=payload[1])
    if payload is not None and payload[0] == "ok":
        g, raw = payload[1]
        remember(key, g)
        return _to_result(raw, g.text, limits.max_rows)
    return _worker_fault(payload, status, timed_out, query, limits)


def _with_limit(text: str, n: int) -> str:
    """Append a LIMIT so an endpoint never streams more than we keep (only if it still parses)."""
    from .guard import _guard

    candidate = f"{text.rstrip()}\nLIMIT {n}"
    try:
        _guard(candidate, (), ())
        return candidate
    except QueryRefused:
        return text


def _to_result(raw: RawResult, query: str, max_rows: int) -> QueryResult:
    if raw.kind == "ask":
        return QueryResult(Outcome.BOOLEAN, query, boolean=raw.boolean)
    outcome = Outcome.ROWS if raw.rows else Outcome.EMPTY
    msg = f"only the first {max_rows:,} rows are kept" if raw.truncated else ""
    return QueryResult(outcome, query, vars=raw.vars, rows=raw.rows, truncated=raw.truncated, message=msg)


def _engine_message(e: BaseException) -> str:
    msg = " ".join(str(e).split())
    return (msg or type(e).__name__)[:400]


def _run_inline(backend: Backend, text: str, limits: Limits) -> QueryResult:
    try:
        raw = backend.run(text, limits.max_rows, limits.timeout_s)
    except TimeoutError as e:
        return QueryResult(Outcome.TIMED_OUT, text, message=str(e) or f"stopped after {limits.timeout_s:g} s")
    except EndpointError as e:
        return QueryResult(Outcome.FAILED, text, message=str(e))
    except MemoryError:
        return QueryResult(Outcome.FAILED, text, message=f"the query ran out of memory (cap {limits.memory_mb} MB)")
    except Exception as e:
        return QueryResult(Outcome.FAILED, text, message=f"the engine failed: {_engine_message(e)}")
    return _to_result(raw, text, limits.max_rows)


def _job(kind: str, query: str, limits: Limits, prefixes: dict[str, str] | None = None) -> dict:
    """One job for a worker: plain data (the worker holds the store since its fork)."""
    return {
        "kind": kind,
        "query": query,
        "allow": tuple(limits.allow_services),
        "prefixes": dict(prefixes or {}),
        "max_rows": limits.max_rows,
        "timeout_s": limits.timeout_s,
        "memory_mb": limits.memory_mb,
    }


def _run_job(backend: Backend | None, job: dict):
    """Runs in a worker: 'check' guards, 'run' runs guarded text, 'check_and_run' does both."""
    if job["kind"] == "run":
        return ("ok", backend.run(job["query"], job["max_rows"], job["timeout_s"]))
    try:
        g = guard(job["query"], job["allow"], job["prefixes"])
    except QueryRefused as e:
        return ("refused", str(e))
    if job["kind"] == "check":
        return ("ok", g)
    return ("ok", (g, backend.run(g.text, job["max_rows"], job["timeout_s"])))


def _handler(backend: Backend | None):
    """The workers' job handler; holds the backend weakly so a dropped graph frees its pool."""
    ref = weakref.ref(backend) if backend is not None else None
    return lambda job: _run_job(ref() if ref is not None else None, job)


def _call_worker(backend: Backend | None, job: dict, limits: Limits):
    """Run a job in one of `backend`'s pooled workers (None: the guard-only pool).

    Returns (payload or None, wait status, timed out?), like one forked worker did.
    """
    # warm once per process before a fork: the workers inherit a warm grammar, not a cold one
    pool = pool_for(backend, _handler(backend), prepare=lambda: warm_parsers(1, idle=False))
    try:
        reply = pool.call(job, limits.timeout_s)
    except OSError as e:  # no process could be forked (process or memory limits of the machine)
        reply = Reply(("error", f"could not start a query worker: {_engine_message(e)}"))
    return reply.payload, reply.status, reply.timed_out


def _run_forked(backend: Backend, text: str, limits: Limits) -> QueryResult:
    payload, status, timed_out = _call_worker(backend, _job("run", text, limits), limits)
    if payload is not None and payload[0] == "ok":
        return _to_result(payload[1], text, limits.max_rows)
    return _worker_fault(payload, status, timed_out, text, limits)


def _worker_fault(payload, status: int, timed_out: bool, text: str, limits: Limits) -> QueryResult:
    """The typed outcome of a worker that did not return rows: killed, crashed, out of memory, failed."""
    if timed_out:
        return QueryResult(
            Outcome.TIMED_OUT, text, message=f"stopped after {limits.timeout_s:g} s (time limit); the worker was killed"
        )
    if payload is None:
        if os.WIFSIGNALED(status) or os.WEXITSTATUS(status) != 0:
            return QueryResult(
                Outcome.FAILED,
                text,
                message=f"the query ran out of its memory budget ({limits.memory_mb} MB) or crashed the worker",
            )
        return QueryResult(Outcome.FAILED, text, message="the worker returned nothing")
    kind, value = payload
    if kind == "cut":
        return QueryResult(Outcome.FAILED, text, message="the worker's answer was cut off")
    if kind == "memory":
        return QueryResult(
            Outcome.FAILED, text, message=f"the query ran out of its memory budget ({limits.memory_mb} MB)"
        )
    if kind == "error" and value.startswith("could not start a query worker"):
        return QueryResult(Outcome.FAILED, text, message=value)
    return QueryResult(Outcome.FAILED, text, message=f"the engine failed: {value}")
