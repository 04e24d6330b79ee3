"""Bounds on reading a graph file, so a small hostile file cannot take the machine.

A graph file is untrusted input (an upload on the page, a file named on the command line). Loading:
- reads at most `max_mb` of decompressed bytes (a .gz is decompressed in pieces and refused once
  over; an expansion ratio no real RDF has is refused as a compression bomb);
- refuses XML entity declarations that can grow (nested, parameter or external entities: "billion
  laughs"); short plain ones (Protégé's `<!ENTITY owl "...">`) are allowed and their expansion is
  counted against the size cap;
- refuses JSON-LD contexts that would be fetched (`"@context": "http://..."`), and blocks any network
  connection from the loading thread (an audit hook), whatever the store;
- stops the parse past a time limit or a memory growth limit (checked every few thousand triples).
Every refusal is a LoadError with one line that says what to do.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import sys
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import LoadError

#: default cap on a graph's decompressed bytes (KGQUERY_MAX_GRAPH_MB, `--max-graph-mb`)
DEFAULT_MAX_GRAPH_MB = 512
#: default time limit of one load (KGQUERY_LOAD_TIMEOUT_S)
DEFAULT_LOAD_TIMEOUT_S = 600.0
#: default limit on how much the process may grow while loading (KGQUERY_LOAD_MEMORY_MB)
DEFAULT_LOAD_MEMORY_MB = 8192
#: a .gz that expands more than this many times (and past GZ_RATIO_FROM bytes) is a bomb, not RDF
#: (real N-Triples and Turtle compress 5-30x)
MAX_GZ_RATIO = 200
GZ_RATIO_FROM = 64 * 1024 * 1024
#: XML entities kgquery expands: plain text up to this many characters, no references inside
MAX_ENTITY_CHARS = 512
#: check time and memory after this many triples
CHECK_EVERY = 20_000


@dataclass(frozen=True)
class LoadLimits:
    """How much one load may read, take and last."""

    max_mb: float = DEFAULT_MAX_GRAPH_MB
    timeout_s: float = DEFAULT_LOAD_TIMEOUT_S
    memory_mb: float = DEFAULT_LOAD_MEMORY_MB

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)

    @classmethod
    def from_env(cls, max_mb: float | None = None) -> "LoadLimits":
        """Limits from KGQUERY_MAX_GRAPH_MB, KGQUERY_LOAD_TIMEOUT_S, KGQUERY_LOAD_MEMORY_MB (an explicit
        `max_mb`, e.g. from --max-graph-mb, wins)."""
        return cls(
            max_mb=max_mb if max_mb is not None else _env_number("KGQUERY_MAX_GRAPH_MB", DEFAULT_MAX_GRAPH_MB),
            timeout_s=_env_number("KGQUERY_LOAD_TIMEOUT_S", DEFAULT_LOAD_TIMEOUT_S),
            memory_mb=_env_number("KGQUERY_LOAD_MEMORY_MB", DEFAULT_LOAD_MEMORY_MB),
        )


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        v = float(raw)
    except ValueError:
        v = -1.0
    if not v > 0:
        raise LoadError(f"{name}={raw!r} is not a positive number")
    return v


def _mb(n: float) -> str:
    return f"{n / (1024 * 1024):,.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:,.1f} KB"


def _too_big(path: Path, what: str, limits: LoadLimits) -> LoadError:
    return LoadError(
        f"{path}: {what}, over the {limits.max_mb:g} MB limit on a graph's size; "
        f"raise it with --max-graph-mb or KGQUERY_MAX_GRAPH_MB if the file is genuine"
    )


# --------------------------------------------------------------------------- bytes


def read_graph_bytes(path: Path, gz: bool, limits: LoadLimits) -> tuple[bytes, str]:
    """The file's (decompressed) bytes within the size cap, and a content hash of the file as stored.

    The hash (BLAKE2b of the bytes read, so of exactly what was loaded) keys the caches.
    """
    if not path.exists():
        raise LoadError(f"{path}: no such file")
    if path.is_dir():
        raise LoadError(f"{path}: is a folder; name the RDF files inside it")
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise _too_big(path, f"{_mb(size)} on disk", limits)
        with open(path, "rb") as fh:  # never more than the cap: a device or pipe has no size to check first
            raw = fh.read(limits.max_bytes + 1)
    except OSError as e:
        raise LoadError(f"{path}: cannot read: {e.strerror or e}") from None
    if len(raw) > limits.max_bytes:  # a pipe, a device, or a file that grew since stat()
        raise _too_big(path, f"more than {_mb(limits.max_bytes)}", limits)
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    return (_gunzip(path, raw, limits) if gz else raw), digest


def _gunzip(path: Path, raw: bytes, limits: LoadLimits) -> bytes:
    """Decompress in pieces, stopping as soon as the output passes the cap or a bomb's ratio."""
    out = io.BytesIO()  # getvalue() hands over its buffer without a copy: one copy of the text in memory
    size = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
            while piece := fh.read(1 << 20):
                size += out.write(piece)
                if size > limits.max_bytes:
                    raise _too_big(path, f"decompresses to more than {_mb(size - len(piece))}", limits)
                if size > GZ_RATIO_FROM and size > MAX_GZ_RATIO * len(raw):
                    raise LoadError(
                        f"{path}: a {_mb(len(raw))} .gz that expands to over {_mb(size)} "
                        f"(more than {MAX_GZ_RATIO}x) looks like a compression bomb, not RDF; "
                        f"if it is genuine, decompress it and load the plain file"
                    )
    except (OSError, EOFError, zlib.error) as e:
        raise LoadError(f"{path}: cannot read: not a readable .gz file: {' '.join(str(e).split())}") from None
    return out.getvalue()


# --------------------------------------------------------------------------- XML


def check_xml(path: Path, data: bytes, limits: LoadLimits) -> None:
    """Refuse XML entities that could expand without bound (before any parser sees the file).

    Nested, parameter, external and unparsed entities are refused; short plain-text entities (the
    namespace abbreviations Protégé writes) are allowed, their expansion counted against the cap.
    """
    from xml.parsers import expat

    # always parsed (about 200 MB/s): a quick look for "<!ENTITY" would miss a UTF-16 file
    plain: dict[str, int] = {}

    def refuse(why: str) -> None:
        raise LoadError(
            f"{path}: {why}; kgquery does not expand such XML entities (an entity bomb can take "
            f"gigabytes); replace the &name; references with their text or convert the file to Turtle"
        )

    def on_entity(name, is_param, value, base, system_id, public_id, notation):
        if is_param:
            refuse(f"declares the parameter entity %{name};")
        if value is None:
            refuse(f"declares the external entity &{name}; ({system_id or public_id or notation})")
        if "&" in value or "%" in value:
            refuse(f"the XML entity &{name}; refers to other entities")
        if len(value) > MAX_ENTITY_CHARS:
            refuse(
                f"the XML entity &{name}; is {len(value):,} characters long (kgquery expands up to {MAX_ENTITY_CHARS})"
            )
        plain[name] = len(value.encode("utf-8"))

    def on_unparsed(name, *_):
        refuse(f"declares the unparsed entity &{name};")

    p = expat.ParserCreate()
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.EntityDeclHandler = on_entity
    p.UnparsedEntityDeclHandler = on_unparsed
    p.ExternalEntityRefHandler = lambda *_: 0  # never fetch (expat does not by itself; make it sure)
    try:
        p.Parse(data, True)
    except expat.ExpatError as e:
        raise LoadError(f"{path}: syntax error: {' '.join(str(e).split())}") from None
    grown = sum(len(re.findall(b"&" + re.escape(n.encode()) + b";", data)) * n_bytes for n, n_bytes in plain.items())
    if len(data) + grown > limits.max_bytes:
        raise _too_big(path, f"its XML entities expand it to {_mb(len(data) + grown)}", limits)


# --------------------------------------------------------------------------- JSON-LD

NO_FETCH_ADVICE = (
    "kgquery reads no network or other file while loading: put the context inline "
    "(\"@context\": {...}) or convert the file to Turtle"
)


def check_jsonld(path: Path, data: bytes) -> None:
    """Refuse a JSON-LD document whose @context (or @import) names a document to fetch."""
    try:
        doc = json.loads(data)
    except RecursionError:
        raise LoadError(f"{path}: the JSON is nested too deeply to read") from None
    except ValueError as e:
        raise LoadError(f"{path}: syntax error: not JSON: {' '.join(str(e).split())}") from None
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for ref in value if isinstance(value, list) else [value]:
                        if isinstance(ref, str):
                            raise LoadError(
                                f"{path}: the JSON-LD {key} {ref!r} names a document to fetch; {NO_FETCH_ADVICE}"
                            )
                stack.append(value)


# --------------------------------------------------------------------------- no network

_loading = threading.local()
_hook_lock = threading.Lock()
_hook_installed = False
_NETWORK_EVENTS = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request")


class NetworkRefused(LoadError):
    """A parser tried to reach the network while loading a file."""


def _audit(event: str, args) -> None:
    if event in _NETWORK_EVENTS and getattr(_loading, "path", None) is not None:
        target = args[1] if event == "socket.connect" and len(args) > 1 else args[0] if args else ""
        raise NetworkRefused(
            f"{_loading.path}: the parser tried to reach the network ({target}); kgquery reads "
            f"no network while loading a file: put remote parts (e.g. a JSON-LD @context) inline"
        )


@contextmanager
def no_network(path: Path) -> Iterator[None]:
    """While loading `path`, this thread may open no connection (other threads are not affected)."""
    global _hook_installed
    with _hook_lock:
        if not _hook_installed:
            sys.addaudithook(_audit)  # audit hooks cannot be removed: it only acts inside this block
            _hook_installed = True
    before = getattr(_loading, "path", None)
    _loading.path = path
    try:
        yield
    finally:
        _loading.path = before


# --------------------------------------------------------------------------- time and memory


def _rss_bytes() -> int:
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # peak, the best there is


class Budget:
    """Time and memory growth of one load, checked by the store every CHECK_EVERY triples."""

    def __init__(self, path: Path, limits: LoadLimits):
        self.path, self.limits = path, limits
        self.deadline = time.monotonic() + limits.timeout_s
        self.rss0 = _rss_bytes()
        self.count = 0

    def tick(self, n: int = 1) -> None:
        """Count n more triples; check the limits whenever CHECK_EVERY more have been read."""
        before = self.count
        self.count += n
        if self.count // CHECK_EVERY != before // CHECK_EVERY:
            self.check()

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise LoadError(
                f"{self.path}: loading took longer than {self.limits.timeout_s:g} s "
                f"({self.count:,} triples read); raise KGQUERY_LOAD_TIMEOUT_S if the file is genuine"
            )
        grown = _rss_bytes() - self.rss0
        if grown > self.limits.memory_mb * 1024 * 1024:
            raise LoadError(
                f"{self.path}: loading took more than {self.limits.memory_mb:g} MB of memory "
                f"({self.count:,} triples read); raise KGQUERY_LOAD_MEMORY_MB if the file is genuine"
            )
