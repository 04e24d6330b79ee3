"""The read-only guard: parse with rdflib, inspect the parse tree, refuse what could write or reach out.

Refused: every SPARQL Update form (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY),
SERVICE to an endpoint not on the allow-list, and FROM / FROM NAMED (which some engines
dereference over the network). Missing well-known prefixes are added rather than refused.
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

# rdflib's SPARQL package, imported once here, before any thread parses: threads that import it for the
# first time at the same moment can see a half-initialised module ("cannot import name 'parseQuery'")
import rdflib.plugins.sparql.algebra  # noqa: F401,E402

from ..errors import QueryRefused

WELL_KNOWN_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "http://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}

MAX_QUERY_CHARS = 100_000

# rdflib's SPARQL grammar (pyparsing) is not thread-safe: pyparsing learns how many arguments each
# parse action takes on its first calls (`_trim_arity`), and threads doing that at once get
# "postParse2() missing 1 required positional argument" or a wrong ParseException (rdflib#1282;
# 8 threads on a fresh grammar: 26-119 of 120 parses wrong, on a warmed one none seen). One global
# lock made every check wait for the slowest (a 495-character `1+1+...` parses for 0.4-0.8 s).
# Instead each parse borrows a private copy of the grammar (the module executed again: ~50 ms and
# ~4 MB each, at most one per thread parsing at once), so no grammar is ever used by two threads.
_IDLE_PARSERS: list = []
_ALL_PARSERS: list = []
_POOL_LOCK = threading.Lock()


def _new_parser():
    """A private copy of rdflib.plugins.sparql.parser (its own grammar objects and parse actions)."""
    spec = importlib.util.find_spec("rdflib.plugins.sparql.parser")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with _POOL_LOCK:
        _ALL_PARSERS.append(module)
    return module


@contextmanager
def sparql_parser() -> Iterator:
    """Borrow a grammar copy no other thread is using (its parseQuery / parseUpdate)."""
    with _POOL_LOCK:
        module = _IDLE_PARSERS.pop() if _IDLE_PARSERS else None
    if module is None:
        module = _new_parser()
    try:
        yield module
    finally:
        with _POOL_LOCK:
            _IDLE_PARSERS.append(module)


def parse_query(query: str):
    """rdflib's prepared query (its `.algebra`), parsed with a private grammar copy: every parse in kgquery
    goes through here or `sparql_parser`, never through rdflib's shared grammar (see above)."""
    from rdflib.plugins.sparql.algebra import translateQuery

    with sparql_parser() as parser:
        tree = parser.parseQuery(query)
    return translateQuery(tree)  # (no shared state: the tree is this call's own)


def warm_parsers(n: int, idle: bool = True) -> None:
    """Build and warm grammar copies now (the first parse of a copy takes ~0.3 s): until n are idle, or
    (idle=False) until n exist at all, which is what forked workers need: they inherit every copy warm."""
    with _POOL_LOCK:
        missing = max(0, n - len(_IDLE_PARSERS if idle else _ALL_PARSERS))
    for _ in range(missing):
        module = _new_parser()
        module.parseQuery("SELECT ?x WHERE { ?x ?p 1 FILTER(?x != 2) } LIMIT 1")
        with _POOL_LOCK:
            _IDLE_PARSERS.append(module)


def _after_fork_in_child() -> None:
    """A forked worker has only the forking thread: the locks may be held by threads that are gone, and
    every copy is free (one another thread was parsing with keeps no state of that parse but its stack)."""
    global _POOL_LOCK, _KNOWN_LOCK, _IDLE_PARSERS
    _POOL_LOCK = threading.Lock()
    _KNOWN_LOCK = threading.Lock()
    _IDLE_PARSERS = list(_ALL_PARSERS)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


@dataclass(frozen=True)
class GuardedQuery:
    """A query that passed the guard, with what the executor needs to know about it."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    has_limit: bool
    #: the verdict came from the query's skeleton (its shape), so it holds for every query of that shape
    by_shape: bool = field(default=False, compare=False, repr=False)


_PREFIX_USE = re.compile(r"(?<![\w:<\"'?$])([A-Za-z][\w.-]*)?:(?=[A-Za-z_0-9%])")
_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.I)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_form(query: str) -> str:
    """The query form keyword, ignoring the prologue (a cheap check, used by endpoints).

    >>> query_form("PREFIX a: <http://a/> ask { ?s ?p ?o }")
    'ASK'
    """
    body = re.sub(r"(?i)\b(PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", " ", _strip_comments(query))
    m = _FORM.search(body)
    return m.group(1).upper() if m else "SELECT"


def _strip_comments(query: str) -> str:
    out = []
    for line in query.splitlines():
        # a '#' inside an IRI or string is not a comment: only strip when outside <...> and quotes
        in_iri = in_str = False
        quote = ""
        for i, ch in enumerate(line):
            if in_str:
                if ch == quote and line[i - 1] != "\\":
                    in_str = False
            elif ch in "\"'":
                in_str, quote = True, ch
            elif ch == "<":
                in_iri = True
            elif ch == ">":
                in_iri = False
            elif ch == "#" and not in_iri:
                line = line[:i]
                break
        out.append(line)
    return "\n".join(out)


def add_missing_prefixes(query: str, prefixes: dict[str, str] | None = None) -> str:
    """Prepend PREFIX lines for prefixes the query uses but does not declare, when we know them.

    >>> add_missing_prefixes("SELECT ?l WHERE { ?s rdfs:label ?l }").splitlines()[0]
    'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>'
    """
    known = dict(WELL_KNOWN_PREFIXES)
    known.update(prefixes or {})
    body = _strip_comments(query)
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(body)}
    # drop IRIs and string literals before scanning for prefixed names
    scan = re.sub(r"<[^<>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'", " ", body)
    used = {m.group(1) or "" for m in _PREFIX_USE.finditer(scan)}
    missing = [p for p in sorted(used - declared) if p in known]
    if not missing:
        return query
    return "".join(f"PREFIX {p}: <{known[p]}>\n" for p in missing) + query


def canonical_text(query: str) -> str:
    """The query as every parser reads it alike; the guard checks this text and the engine runs it.

    rdflib expands SPARQL's \\u / \\U escapes in the whole query before parsing (as the spec says),
    Oxigraph only inside strings and IRIs; Oxigraph ends a comment at CR, rdflib only at LF. Either
    difference let a query hide SERVICE from the guard and still call it ("# x\\r SERVICE <...> ..."),
    so escapes are expanded (until none is left) and CR line ends become LF before anything parses.

    >>> canonical_text("ASK { ?s ?p ?o } # x\\r\\u0041")
    'ASK { ?s ?p ?o } # x\\nA'
    """
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    for _ in range(8):  # each pass shortens the text; a query that keeps producing escapes is refused below
        expanded = expandUnicodeEscapes(query)
        if expanded == query:
            break
        query = expanded
    else:
        raise ValueError("unicode escapes nested too deep")
    return query.replace("\r\n", "\n").replace("\r", "\n")


def _walk(node, seen=None):
    """Yield every CompValue in rdflib's parse tree."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _walk(v)
    elif hasattr(node, "asList") and not isinstance(node, str):
        for v in node:
            yield from _walk(v)


def guard(query: str, allow_services: tuple[str, ...] = (), prefixes: dict[str, str] | None = None) -> GuardedQuery:
    """Check one query; raise QueryRefused with the reason, or return it ready to run."""
    key = (query, tuple(sorted(allow_services)), tuple(sorted((prefixes or {}).items())))
    try:
        verdict = _guard(*key)
    except QueryRefused as e:
        remember(key, str(e))
        raise
    remember(key, verdict)
    return verdict


# Verdicts this process knows without parsing: checks made here, and checks a forked worker made and
# reported back (execute.py checks queries it has not seen in the worker that runs them, so a slow
# parse never holds this process's GIL). Keyed by the exact query, and by its skeleton when the
# query has no risky word (the same rule _guard uses to reuse one parse for many queries).
_KNOWN: OrderedDict[tuple, GuardedQuery | str] = OrderedDict()
_KNOWN_LOCK = threading.Lock()
_KNOWN_MAX = 8192
_KNOWN_MAX_CHARS = 16_000_000  # queries may be 100,000 characters: bound the text kept, not just the count
_known_chars = 0


def _chars(key: tuple) -> int:
    return len(key[1]) if key[0] == "skeleton" else len(key[0]) * 2  # (a GuardedQuery keeps the text again)


def _skeleton_key(key: tuple) -> tuple | None:
    query, allow, prefixes = key
    if not isinstance(query, str) or not query.strip() or len(query) > MAX_QUERY_CHARS or "\x00" in query:
        return None
    try:
        text = canonical_text(add_missing_prefixes(query, dict(prefixes)))
    except ValueError:
        return None
    if _RISKY_WORD.search(text):
        return None
    return ("skeleton", _skeleton(text), allow, prefixes)


def remember(key: tuple, verdict: GuardedQuery | str) -> None:
    """Keep a verdict (a GuardedQuery, or the refusal message) for `known_verdict`."""
    entries = [(key, verdict)]
    if isinstance(verdict, GuardedQuery) and verdict.by_shape:
        skel = _skeleton_key(key)
        if skel is not None:
            entries.append((skel, (verdict.form, verdict.has_limit)))
    global _known_chars
    with _KNOWN_LOCK:
        for k, v in entries:
            if k not in _KNOWN:
                _known_chars += _chars(k)
            _KNOWN[k] = v
            _KNOWN.move_to_end(k)
        while _KNOWN and (len(_KNOWN) > _KNOWN_MAX or _known_chars > _KNOWN_MAX_CHARS):
            old, _ = _KNOWN.popitem(last=False)
            _known_chars -= _chars(old)


def known_verdict(
    query: str, allow_services: tuple[str, ...] = (), prefixes: dict[str, str] | None = None
) -> GuardedQuery | None:
    """The verdict on `query` if this process knows it (raises QueryRefused for a known refusal), else None."""
    key = (query, tuple(sorted(allow_services)), tuple(sorted((prefixes or {}).items())))
    with _KNOWN_LOCK:
        verdict = _KNOWN.get(key)
    if verdict is None:
        skel = _skeleton_key(key)
        if skel is None:
            return None
        with _KNOWN_LOCK:
            shape = _KNOWN.get(skel)
        if shape is None:
            return None
        text = canonical_text(add_missing_prefixes(query, dict(key[2])))
        return GuardedQuery(text=text, form=shape[0], has_limit=shape[1])
    if isinstance(verdict, str):
        raise QueryRefused(verdict)
    return verdict


@lru_cache(maxsize=4096)
def _guard(query: str, allow_services: tuple[str, ...], prefixes: tuple[tuple[str, str], ...]) -> GuardedQuery:
    from pyparsing import ParseException

    if not isinstance(query, str) or not query.strip():
        raise QueryRefused("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRefused(f"the query is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    if "\x00" in query:
        raise QueryRefused("the query contains a NUL character")
    try:
        text = canonical_text(add_missing_prefixes(query, dict(prefixes)))
    except ValueError as e:  # an escape that names no character
        raise QueryRefused(f"not valid SPARQL: {e}") from None
    if not _RISKY_WORD.search(text):
        skeleton = _skeleton(text)
        if skeleton != text:
            try:
                shape = _guard(skeleton, allow_services, prefixes)  # cached: one parse per query shape
                return GuardedQuery(text=text, form=shape.form, has_limit=shape.has_limit, by_shape=True)
            except QueryRefused:
                pass  # the full parse below says exactly what is wrong
    try:
        with sparql_parser() as parser:
            tree = parser.parseQuery(text)
    except ParseException as e:
        try:
            with sparql_parser() as parser:
                update = parser.parseUpdate(text)
        except Exception:
            update = None
        if update is not None and update.request:  # a prologue alone parses as an empty update
            kinds = sorted({type(r).__name__ if not hasattr(r, "name") else r.name for r in update.request})
            raise QueryRefused(
                f"updates are not allowed: kgquery only reads ({', '.join(kinds) or 'update'})"
            ) from None
        raise QueryRefused(f"not valid SPARQL: {_clean_parse_message(e)}") from None
    except Exception as e:  # rdflib raises e.g. "Unknown namespace prefix" as a bare Exception
        raise QueryRefused(f"not valid SPARQL: {' '.join(str(e).split())}") from None
    query_node = tree[1]
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}.get(
        query_node.name, "SELECT"
    )
    declared = {(d["prefix"] if "prefix" in d else ""): str(d["iri"]) for d in _walk(tree[0]) if d.name == "PrefixDecl"}
    for node in _walk(query_node):
        if node.name == "DatasetClause":
            raise QueryRefused("FROM / FROM NAMED is not allowed: it can make the engine fetch graphs from the web")
        if node.name == "pname":
            pfx = node["prefix"] if "prefix" in node else ""
            if pfx not in declared:
                raise QueryRefused(f"not valid SPARQL: the prefix '{pfx}:' is not declared (add PREFIX {pfx}: <...>)")
        if node.name == "ServiceGraphPattern":
            iri = _service_name(node["term"] if "term" in node else None, declared)
            if iri is None or iri not in allow_services:
                shown = f"<{iri}>" if iri is not None else "with a variable endpoint"
                raise QueryRefused(
                    f"SERVICE {shown} is not allowed: federated calls reach other servers "
                    "(allow-list the endpoint to permit it)"
                )
    lo = query_node["limitoffset"] if "limitoffset" in query_node else None
    has_limit = lo is not None and "limit" in lo
    return GuardedQuery(text=text, form=form, has_limit=has_limit)


#: a query text without any of these words (in any case, anywhere: comments and strings too, after
#: unicode escapes are expanded) cannot be an update, call a SERVICE or name a FROM dataset
_RISKY_WORD = re.compile(
    r"(?i)(?<![\w])(SERVICE|FROM|NAMED|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|"
    r"WITH|USING|SILENT|GRAPH|DEFAULT|ALL|DATA)(?![\w])"
)
_PLAIN_STRING = re.compile(r'"(?:[^"\\\n\r]|\\.)*"' + r"|'(?:[^'\\\n\r]|\\.)*'")
_PLAIN_IRI = re.compile(r'<[^<>"{}|^`\\\s]*>')


def _skeleton(text: str) -> str:
    """The query with every plain string and IRI replaced by a fixed one.

    Generated queries differ mostly in the IRIs and values they name, not in their structure; for a
    query with no risky word the structure is all the guard needs to see (its form, LIMIT, that it
    parses, that its prefixes are declared), and structures repeat, so one parse serves many queries.

    >>> _skeleton('SELECT ?x WHERE { <http://a/b> <http://a/p> "it\\'s <x>" . ?x ?p ?o FILTER(?o < 3) }')
    'SELECT ?x WHERE { <urn:x> <urn:x> "" . ?x ?p ?o FILTER(?o < 3) }'
    """
    return _PLAIN_IRI.sub("<urn:x>", _PLAIN_STRING.sub('""', text))


def _service_name(term, declared: dict[str, str]) -> str | None:
    """The endpoint IRI a SERVICE names (prefixed names resolved), or None for a variable."""
    from rdflib import URIRef
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, CompValue) and term.name == "pname":
        pfx = term["prefix"] if "prefix" in term else ""
        local = term["localname"] if "localname" in term else ""
        return declared.get(pfx, "") + str(local)
    return None


def _clean_parse_message(e) -> str:
    try:
        return f"line {e.lineno}, column {e.col}: expected {str(e.msg).replace('Expected ', '')[:160]}"
    except Exception:
        return " ".join(str(e).split())[:200]
