"""Long-lived query workers: forked from the process that loaded the graph, reused across queries.

Forking a worker per query cost ~10-15 ms on a small graph and 40-60 ms on a 1M-triple one, and one
question runs ~19 queries. A pool keeps a few workers alive instead. Each worker is a fork (the store
is shared copy-on-write), takes one job at a time over a pipe, and is killed and replaced (lazily, by
the next query that needs it) when a job passes its time limit, runs out of memory or crashes.

Safety is the same as one fork per query:
- time: the caller kills the worker (SIGKILL) at the job's time limit; a worker whose caller is gone
  or frozen is ended by its own alarm (SIGALRM, default action) one second later;
- memory: each job runs under RLIMIT_AS = the worker's address space when the job starts + the job's
  memory_mb; a worker that grew by more than RETIRE_GROWTH_MB since its fork is retired, so the cap is
  never far above what a fresh fork would have had;
- no orphans: an idle worker exits at EOF on its job pipe (the parent's end closes when the parent
  exits or the pool closes) and also polls getppid(); a busy one is ended by its alarm;
- threads: a caller borrows an idle worker, starts one if the pool is below its size, or waits up to
  WAIT_S for one to come back; after that it gets a one-off worker of the same kind (today's
  fork-per-query behaviour), so a flood of slow queries never starves the others of their time limit.

Assumption: the store does not change after the workers are forked (kgquery never writes to it).
Code that writes to a backend's store must call `close_workers(backend)` afterwards; the next query
then forks fresh workers that see the change.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import sys
import threading
import time
import warnings
import weakref
from dataclasses import dataclass
from typing import Any


def _pool_size(default: int = 2) -> int:
    """KGQUERY_WORKERS, or the default (with one warning line) when it is not a whole number >= 1."""
    raw = os.environ.get("KGQUERY_WORKERS", "").strip()
    if not raw:
        return default
    try:
        n = int(raw)
        if n >= 1:
            return n
    except ValueError:
        pass
    warnings.warn(f"KGQUERY_WORKERS={raw!r} is not a whole number >= 1; using {default}", RuntimeWarning, stacklevel=2)
    return default


#: pooled workers per graph (KGQUERY_WORKERS); more callers at once wait or get a one-off worker
POOL_SIZE = _pool_size()
#: how long a caller waits for a pooled worker before it forks a one-off worker instead
WAIT_S = 0.05
#: a worker whose address space grew this much since its fork is retired after its job
RETIRE_GROWTH_MB = 32
#: and every worker after this many jobs (bounds slow leaks in engines)
RETIRE_AFTER_JOBS = 2000
#: an idle worker checks this often that its parent is still there
PARENT_POLL_S = 1.0
_HEADER = struct.Struct("!Q")
#: a worker's first byte for each job: it took the job (a worker that dies before it never ran it)
_STARTED = b"S"

#: held from pipe() to closing the child's ends in the parent, so a worker forked by another thread
#: never inherits another worker's pipe ends (which would hold back EOF). Reentrant: a garbage collection
#: during the fork (a fork hook) may run a dropped graph's finalizer, which closes its pool's pipes in the
#: thread that holds the lock already
_FORK_LOCK = threading.RLock()
#: the parent's ends of every worker's pipes: a new worker closes them all at once
_PARENT_FDS: set[int] = set()


@dataclass
class Reply:
    """What one job gave: the worker's payload (None if it died or was killed), its wait status, a timeout."""

    payload: Any
    status: int = 0
    timed_out: bool = False
    started: bool = True  # False: the worker died before it took the job, so the job can be retried


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _engine_message(e: BaseException) -> str:
    msg = " ".join(str(e).split())
    return (msg or type(e).__name__)[:400]


# --------------------------------------------------------------------------- the worker side


def _read_exact(fd: int, n: int) -> bytes | None:
    """n bytes from a blocking fd, or None at EOF."""
    buf = bytearray()
    while len(buf) < n:
        chunk = os.read(fd, n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _quiet_child() -> None:
    """A worker's crash becomes a typed outcome, not a Rust backtrace or a dump on the user's terminal."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        import faulthandler

        faulthandler.disable()
    except OSError:
        pass


def _set_memory_cap(memory_mb: int) -> None:
    """RLIMIT_AS (soft) = address space now + the job's budget; the hard limit stays, so it can be reset."""
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = _vm_bytes() + memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError, ImportError):
        pass


def _readable(fd: int, timeout_s: float) -> bool:
    """poll(), not select(): a busy server may hold file descriptors above select's limit of 1024."""
    p = select.poll()
    p.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    return bool(p.poll(max(0, int(timeout_s * 1000))))


def _wait_for_job(rfd: int, parent: int) -> bool:
    """Block until a job arrives (True) or the parent is gone (False)."""
    while True:
        if _readable(rfd, PARENT_POLL_S):
            return True
        if os.getppid() != parent:
            return False


def _close_inherited_sockets() -> None:
    """Close every socket the worker inherited (a server's listening socket, its clients' connections).

    A long-lived worker holding a connection open keeps the client from ever seeing it closed: a page
    served by the process that loaded the graph then waits forever for its scripts. Workers need no
    network; files (an on-disk store) stay open.
    """
    import stat

    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for fd in fds:
        if fd <= 2:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def _worker_main(handler, rfd: int, wfd: int, parent: int) -> None:
    """The worker's loop: read a job, run handler(job) under the memory cap and the alarm, reply.

    Ends (os._exit) at EOF, when the parent is gone, after a fault that may leave the engine broken
    (out of memory, a panic), or when it should be retired; never returns.
    """
    code = 0
    try:
        _quiet_child()
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the alarm ends the worker: nobody may catch it
        base = _vm_bytes()
        jobs = 0
        while _wait_for_job(rfd, parent):
            head = _read_exact(rfd, _HEADER.size)
            if head is None:
                break
            data = _read_exact(rfd, _HEADER.unpack(head)[0])
            if data is None:
                break
            _write_all(wfd, _STARTED)  # the job is ours now: if we die before this, the caller may retry it
            job = pickle.loads(data)
            signal.setitimer(signal.ITIMER_REAL, float(job["timeout_s"]) + 1.0)
            _set_memory_cap(int(job["memory_mb"]))
            try:
                payload = handler(job)
            except MemoryError:
                payload = ("memory", "")
            except Exception as e:
                payload = ("error", _engine_message(e))
            except BaseException as e:  # a Rust panic: the engine's state is not to be trusted again
                payload = ("fatal", _engine_message(e))
            jobs += 1
            retire = (
                payload[0] in ("memory", "fatal")
                or jobs >= RETIRE_AFTER_JOBS
                or _vm_bytes() - base > RETIRE_GROWTH_MB * 1024 * 1024
            )
            out = pickle.dumps((payload, retire), protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(wfd, _HEADER.pack(len(out)) + out)
            signal.setitimer(signal.ITIMER_REAL, 0)
            if retire:
                break
    except BaseException:
        code = 3
    finally:
        os._exit(code)


# --------------------------------------------------------------------------- the parent side


class Worker:
    """One forked worker process and the parent's ends of its two pipes."""

    def __init__(self, handler):
        with _FORK_LOCK:
            job_r, job_w = os.pipe()
            out_r, out_w = os.pipe()
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child
                for fd in _PARENT_FDS | {job_w, out_r}:
                    try:
                        os.close(fd)
                    except OSError:
                        pass
                _close_inherited_sockets()
                _worker_main(handler, job_r, out_w, parent)
            os.close(job_r)
            os.close(out_w)
            _PARENT_FDS.update((job_w, out_r))
        self.pid, self._job_w, self._out_r = pid, job_w, out_r
        self.healthy = True
        self._reaped = False

    def send(self, job: dict) -> bool:
        """Hand the worker a job; False if it is gone (its pipe is broken)."""
        data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _write_all(self._job_w, _HEADER.pack(len(data)) + data)
            return True
        except OSError:
            self.healthy = False
            return False

    def receive(self, deadline: float) -> Reply:
        """The job's reply, or a timeout (the worker is killed) or a death (EOF) before it."""
        buf = bytearray()
        started = False
        need = _HEADER.size
        have_header = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                return Reply(None, self.reap(), timed_out=True)
            if not _readable(self._out_r, min(left, 0.5)):
                continue
            chunk = os.read(self._out_r, max(1 << 16, need - len(buf)))
            if not chunk:
                self.healthy = False
                return Reply(None, self.reap(), started=started)
            if not started:
                started, chunk = True, chunk[len(_STARTED) :]
            buf += chunk
            if not have_header and len(buf) >= _HEADER.size:
                need = _HEADER.size + _HEADER.unpack(bytes(buf[: _HEADER.size]))[0]
                have_header = True
            if have_header and len(buf) >= need:
                try:
                    payload, retire = pickle.loads(bytes(buf[_HEADER.size : need]))
                except Exception:
                    self.healthy = False
                    return Reply(("cut", ""), 0)
                if retire:
                    self.healthy = False
                return Reply(payload, 0)

    def alive(self) -> bool:
        """Not exited (checked without blocking; an exited worker is reaped here)."""
        if self._reaped:
            return False
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            self._reaped = True
            return False
        if pid:
            self._reaped = True
            return False
        return True

    def kill(self) -> None:
        self.healthy = False
        if not self._reaped:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def reap(self) -> int:
        """Wait for the (killed or exiting) worker and close the pipes; returns its wait status."""
        status = 0
        if not self._reaped:
            try:
                _, status = os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self._reaped = True
        with _FORK_LOCK:
            for fd in (self._job_w, self._out_r):
                if fd in _PARENT_FDS:
                    _PARENT_FDS.discard(fd)
                    os.close(fd)
        return status

    def close(self) -> None:
        """Kill and reap: immediate, and never leaves a zombie."""
        self.kill()
        self.reap()


class Pool:
    """Up to `size` long-lived workers running `handler` jobs, shared by threads."""

    def __init__(self, handler, size: int = POOL_SIZE, prepare=None):
        self._handler = handler
        self._prepare = prepare  # called before each fork (e.g. warm the grammar the workers inherit)
        self.size = size
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._pooled = 0  # idle + busy pooled workers (+ ones being forked)
        self._cond = threading.Condition()
        self._closed = False

    def _fork(self) -> Worker:
        if self._prepare is not None:
            self._prepare()
        return Worker(self._handler)

    def _borrow(self) -> tuple[Worker, bool]:
        """A worker for one job and whether it belongs to the pool (False: a one-off worker)."""
        give_up = time.monotonic() + WAIT_S
        with self._cond:
            while True:
                while self._idle:
                    w = self._idle.pop()
                    if w.alive():
                        self._busy.add(w)
                        return w, True
                    self._pooled -= 1
                    w.reap()
                if self._pooled < self.size and not self._closed:
                    self._pooled += 1
                    pooled = True
                    break
                left = give_up - time.monotonic()
                if left <= 0 or self._closed:
                    pooled = False
                    break
                self._cond.wait(left)
        try:
            w = self._fork()
        except BaseException:
            if pooled:
                with self._cond:
                    self._pooled -= 1
                    self._cond.notify()
            raise
        with self._cond:
            self._busy.add(w)
        return w, pooled

    def _give_back(self, w: Worker, pooled: bool) -> None:
        with self._cond:
            self._busy.discard(w)
            keep = pooled and w.healthy and not self._closed
            if keep:
                self._idle.append(w)
            elif pooled:
                self._pooled -= 1
            self._cond.notify()
        if not keep:
            w.close()

    def call(self, job: dict, timeout_s: float) -> Reply:
        """Run one job in a worker, killed at timeout_s; a worker found dead before the job is replaced."""
        reply = Reply(None, 0)
        for _ in range(3):  # a worker that died while idle (OOM killer, an operator) never took the job
            w, pooled = self._borrow()
            try:
                if w.send(job):
                    reply = w.receive(time.monotonic() + timeout_s)
                    if reply.started:
                        return reply
            finally:
                self._give_back(w, pooled)
            if self._closed:
                break  # closed under the job (its worker killed before it began): a crash, not a new worker
        return reply

    def pids(self) -> tuple[set[int], set[int]]:
        """(idle, busy) worker process ids, for tests and diagnostics."""
        with self._cond:
            return {w.pid for w in self._idle}, {w.pid for w in self._busy}

    def close(self) -> None:
        """Kill every worker now (a running job ends as a crash); the pool takes no more jobs."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._pooled -= len(idle)
            busy = list(self._busy)
            self._cond.notify_all()
        for w in idle:
            w.close()
        for w in busy:
            w.kill()  # its caller reaps it


# --------------------------------------------------------------------------- one pool per backend

_POOLS: dict[int, Pool] = {}
_POOLS_LOCK = threading.RLock()  # reentrant for the same reason: a finalizer may drop a pool while it is held


def pool_for(key: object, handler, prepare=None) -> Pool:
    """The pool for `key` (a backend, or None for guard-only jobs), started on first use; closed when
    the key object is garbage-collected."""
    with _POOLS_LOCK:
        pool = _POOLS.get(id(key))
        if pool is None:
            pool = _POOLS[id(key)] = Pool(handler, prepare=prepare)
            if key is not None:
                weakref.finalize(key, _drop, id(key), pool)
        return pool


def _drop(key_id: int, pool: Pool) -> None:
    with _POOLS_LOCK:
        if _POOLS.get(key_id) is pool:
            del _POOLS[key_id]
    pool.close()


def close_workers(key: object) -> None:
    """Kill the workers of `key`'s pool now; the next query forks fresh ones (seeing the store as it is)."""
    with _POOLS_LOCK:
        pool = _POOLS.pop(id(key), None)
    if pool is not None:
        pool.close()


def worker_pids(key: object) -> tuple[set[int], set[int]]:
    """(idle, busy) process ids of `key`'s workers (empty sets when it has no pool)."""
    with _POOLS_LOCK:
        pool = _POOLS.get(id(key))
    return pool.pids() if pool is not None else (set(), set())


def _close_all() -> None:
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


atexit.register(_close_all)


def _renew_cached_property_locks() -> None:
    """Before Python 3.12 every `cached_property` holds one lock per attribute (shared by all instances)
    while it computes. A fork taken while another thread computes one (a grammar copy's first use of a
    pyparsing regex) leaves that lock held for ever in the child, and the worker's first use of that
    attribute hangs until its time limit. The child has no other thread, so a fresh lock is right. Every
    loaded module's classes are renewed, not a chosen few: any library a query touches may use one
    (~10 ms per fork in a process that has answered a question; workers fork rarely)."""
    if sys.version_info >= (3, 12):
        return
    from functools import cached_property

    for name, module in list(sys.modules.items()):
        try:
            members = list(vars(module).values())
        except TypeError:  # None placeholders and odd module objects
            continue
        for value in members:
            if isinstance(value, type) and getattr(value, "__module__", None) == name:
                for attr in list(vars(value).values()):
                    if isinstance(attr, cached_property):
                        attr.lock = threading.RLock()


def _after_fork_in_child() -> None:
    """A worker (or any fork) owns none of the parent's workers: forget them without touching them; and
    no lock a parent thread held at the fork may stay held."""
    global _FORK_LOCK, _POOLS_LOCK
    _FORK_LOCK = threading.RLock()
    _POOLS_LOCK = threading.RLock()
    _POOLS.clear()
    _renew_cached_property_locks()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
