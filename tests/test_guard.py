"""The read-only guard: every refusal kind, allow-listed SERVICE, prefixes, and a property test."""

from __future__ import annotations

import re
import socket

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import EX
from kgquery import Limits, Outcome
from kgquery.errors import QueryRefused
from kgquery.graph.execute import execute
from kgquery.graph.guard import MAX_QUERY_CHARS, guard, query_form

UPDATE = "updates are not allowed: kgquery only reads ({})"
SERVICE_MSG = "SERVICE <{}> is not allowed: federated calls reach other servers (allow-list the endpoint to permit it)"
FROM_MSG = "FROM / FROM NAMED is not allowed: it can make the engine fetch graphs from the web"

REFUSALS = {
    "insert data": ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", UPDATE.format("InsertData")),
    "delete data": ("DELETE DATA { <http://x/a> <http://x/b> <http://x/c> }", UPDATE.format("DeleteData")),
    "delete where": ("DELETE WHERE { ?s ?p ?o }", UPDATE.format("DeleteWhere")),
    "insert where": ("INSERT { ?s <http://x/b> 1 } WHERE { ?s ?p ?o }", UPDATE.format("Modify")),
    "delete insert where": (
        "PREFIX ex: <http://x/>\nDELETE { ?s ex:p ?o } INSERT { ?s ex:q ?o } WHERE { ?s ex:p ?o }",
        UPDATE.format("Modify"),
    ),
    "with delete": ("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", UPDATE.format("Modify")),
    "load": ("LOAD <http://example.org/data.ttl>", UPDATE.format("Load")),
    "load into": ("LOAD SILENT <http://example.org/data.ttl> INTO GRAPH <http://x/g>", UPDATE.format("Load")),
    "clear": ("CLEAR ALL", UPDATE.format("Clear")),
    "clear graph": ("CLEAR GRAPH <http://x/g>", UPDATE.format("Clear")),
    "drop": ("DROP DEFAULT", UPDATE.format("Drop")),
    "create": ("CREATE GRAPH <http://x/g>", UPDATE.format("Create")),
    "add": ("ADD DEFAULT TO GRAPH <http://x/g>", UPDATE.format("Add")),
    "move": ("MOVE <http://x/a> TO <http://x/b>", UPDATE.format("Move")),
    "copy": ("COPY DEFAULT TO <http://x/g>", UPDATE.format("Copy")),
    "two updates": ("CLEAR ALL ; LOAD <http://x/d.ttl>", UPDATE.format("Clear, Load")),
    "lower case": ("insert data { <http://x/a> <http://x/b> <http://x/c> }", UPDATE.format("InsertData")),
    "service": (
        "SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }",
        SERVICE_MSG.format("http://dbpedia.org/sparql"),
    ),
    "service silent": (
        "SELECT * WHERE { SERVICE SILENT <http://x/sparql> { ?s ?p ?o } }",
        SERVICE_MSG.format("http://x/sparql"),
    ),
    "service prefixed": (
        "PREFIX x: <http://x/>\nSELECT * WHERE { SERVICE x:sparql { ?s ?p ?o } }",
        SERVICE_MSG.format("http://x/sparql"),
    ),
    "service nested": (
        "SELECT ?s WHERE { ?s ?p ?o { SELECT ?s WHERE { OPTIONAL { SERVICE <http://x/sparql> { ?s ?p ?o } } } } }",
        SERVICE_MSG.format("http://x/sparql"),
    ),
    "service in filter": (
        "ASK { ?s ?p ?o FILTER NOT EXISTS { SERVICE <http://x/sparql> { ?s ?p ?o } } }",
        SERVICE_MSG.format("http://x/sparql"),
    ),
    "service variable": (
        "SELECT * WHERE { SERVICE ?e { ?s ?p ?o } }",
        "SERVICE with a variable endpoint is not allowed: federated calls reach other servers "
        "(allow-list the endpoint to permit it)",
    ),
    "from": ("SELECT * FROM <http://example.org/g.ttl> WHERE { ?s ?p ?o }", FROM_MSG),
    "from named": ("SELECT * FROM NAMED <http://example.org/g.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }", FROM_MSG),
    "ask from": ("ASK FROM <http://example.org/g> { ?s ?p ?o }", FROM_MSG),
    "construct from": ("CONSTRUCT { ?s ?p ?o } FROM <http://example.org/g> WHERE { ?s ?p ?o }", FROM_MSG),
    "describe from named": ("DESCRIBE ?s FROM NAMED <http://example.org/g> WHERE { ?s ?p ?o }", FROM_MSG),
    "empty": ("", "the query is empty"),
    "blank": ("  \n\t ", "the query is empty"),
    "garbage": (
        "hello world, what is this",
        "not valid SPARQL: line 1, column 1: expected {SelectQuery | ConstructQuery | DescribeQuery | AskQuery}",
    ),
    "select then update": (
        "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
        "not valid SPARQL: line 1, column 29: expected end of text",
    ),
    "huge": (
        "SELECT * WHERE { ?s ?p ?o }" + " " * MAX_QUERY_CHARS,
        f"the query is {MAX_QUERY_CHARS + 27:,} characters long; the limit is {MAX_QUERY_CHARS:,}",
    ),
    "nul": ('SELECT * WHERE { ?s ?p "a\x00b" }', "the query contains a NUL character"),
    "undeclared prefix": (
        "SELECT ?s WHERE { ?s zzz:p ?o }",
        "not valid SPARQL: the prefix 'zzz:' is not declared (add PREFIX zzz: <...>)",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_every_refusal_kind(case):
    query, message = REFUSALS[case]
    with pytest.raises(QueryRefused) as err:
        guard(query)
    assert str(err.value) == message


@pytest.mark.parametrize("case", ["insert data", "delete where", "clear", "drop", "service", "from", "nul"])
def test_refused_queries_never_reach_the_store(people_kg, case):
    before = people_kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    res = people_kg.query(REFUSALS[case][0])
    assert res.outcome == Outcome.REFUSED
    assert res.message == REFUSALS[case][1]
    assert res.rows == [] and res.sparql == REFUSALS[case][0]
    assert people_kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == before
    assert people_kg.query("ASK { <http://x/a> <http://x/b> <http://x/c> }").boolean is False


def test_service_allowed_when_allow_listed():
    q = REFUSALS["service"][0]
    g = guard(q, allow_services=("http://dbpedia.org/sparql",))
    assert g.text == q and g.form == "SELECT"
    # the allow-list is exact: another endpoint stays refused
    with pytest.raises(QueryRefused, match=re.escape("SERVICE <http://x/sparql> is not allowed")):
        guard(REFUSALS["service silent"][0], allow_services=("http://dbpedia.org/sparql",))
    # a prefixed endpoint name is resolved before the check
    assert guard(REFUSALS["service prefixed"][0], allow_services=("http://x/sparql",)).form == "SELECT"
    # a variable endpoint can never be allow-listed
    with pytest.raises(QueryRefused):
        guard(REFUSALS["service variable"][0], allow_services=("e", "?e"))


def test_limits_allow_services_reaches_the_guard(people_kg):
    # a closed port on this machine: nothing leaves it (test_endpoint.py allow-lists a live server)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/sparql"
    q = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    assert execute(people_kg.backend, q, Limits()).outcome == Outcome.REFUSED
    # allow-listed: the guard lets it through and the engine tries (and fails) to call the endpoint
    res = execute(people_kg.backend, q, Limits(allow_services=(url,), timeout_s=5))
    assert res.outcome == Outcome.FAILED and res.message.startswith("the engine failed: ")


def test_missing_well_known_prefixes_are_added(people_kg):
    g = guard("SELECT ?l WHERE { ?s rdfs:label ?l . ?s a owl:Class }")
    assert g.text.splitlines()[:2] == [
        "PREFIX owl: <http://www.w3.org/2002/07/owl#>",
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
    ]
    res = people_kg.query("SELECT (COUNT(?l) AS ?n) WHERE { ?s rdfs:label ?l }")
    assert res.outcome == Outcome.ROWS and res.rows[0][0].value == "10"
    # declared prefixes are left alone, even when they shadow a well-known one
    q = "PREFIX rdfs: <http://example.org/other#>\nSELECT ?l WHERE { ?s rdfs:label ?l }"
    assert guard(q).text == q
    # graph-specific prefixes come from the caller
    assert guard("ASK { ?s a ex:Person }", prefixes={"ex": EX}).text.startswith(f"PREFIX ex: <{EX}>\n")


def test_schema_prefixes_work_in_queries(people_kg):
    assert people_kg.schema.prefixes["people"] == EX
    res = people_kg.query("SELECT ?s WHERE { ?s a people:City } ORDER BY ?s")
    assert [r[0].value for r in res.rows] == [EX + "london", EX + "nyc"]


def test_form_and_limit():
    assert guard("SELECT * WHERE { ?s ?p ?o } LIMIT 3").has_limit is True
    assert guard("SELECT * WHERE { ?s ?p ?o } OFFSET 3").has_limit is False
    assert guard("ask { ?s ?p ?o }").form == "ASK"
    assert guard("CONSTRUCT WHERE { ?s ?p ?o }").form == "CONSTRUCT"
    assert guard("DESCRIBE <http://x/a>").form == "DESCRIBE"
    assert query_form("PREFIX a: <http://a/select>\n# SELECT\nDESCRIBE ?x WHERE { ?x ?p ?o }") == "DESCRIBE"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o } # INSERT DATA { <a:b> <a:c> <a:d> } ; DROP ALL",
        'SELECT * WHERE { ?s ?p "DROP ALL ; LOAD <http://x/y>" }',
        "SELECT ?from ?service ?insert WHERE { ?from ?service ?insert }",
        "PREFIX drop: <http://x/load#>\nSELECT * WHERE { ?s drop:clear <http://x/from#service> }",
    ],
)
def test_keywords_in_comments_strings_and_names_are_harmless(query):
    assert guard(query).form == "SELECT"


# --------------------------------------------------------------------------- property test

#: valid read queries with typed slots: D takes a dataset clause, P a graph pattern, X0/X1 anything
TEMPLATES = [
    "{X0}PREFIX ex: <http://example.org/>\nSELECT ?s {D}WHERE {{ ?s ?p ?o .{P} }}{X1}LIMIT 5",
    "{X0}ASK {D}{{ ?s a <http://example.org/Person> {P}}}{X1}",
    "{X0}CONSTRUCT {{ ?s ?p ?o }} {D}WHERE {{{P} ?s ?p ?o }}{X1}",
    "{X0}DESCRIBE ?s {D}WHERE {{ ?s ?p ?o {P}}}{X1}",
    "{X0}SELECT (COUNT(*) AS ?n) {D}WHERE {{ {{ SELECT ?s WHERE {{ ?s ?p ?o {P}}} }} }}{X1}",
]
DATASET = ["FROM <http://x/g>", "FROM NAMED <http://x/g>", "FROM <http://x/g> FROM NAMED <http://x/h>"]
PATTERN = [
    "SERVICE <http://x/sparql> { ?s ?p ?o }",
    "SERVICE SILENT <http://x/sparql> { ?s ?p ?o }",
    "OPTIONAL { SERVICE ?svc { ?s ?p ?o } }",
    "FILTER EXISTS { SERVICE <http://x/sparql> { ?s ?p ?o } }",
    "{ SERVICE <http://x/sparql> { ?s ?p ?o } } UNION { ?s ?p ?o }",
    "MINUS { SERVICE <http://x/sparql> { ?s ?p ?o } }",
    "GRAPH ?g { SERVICE <http://x/sparql> { ?s ?p ?o } }",
]
UPDATES = [
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "DELETE DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "INSERT { ?s ?p ?o } USING <http://x/g> WHERE { ?s ?p ?o }",
    "LOAD <http://x/data.ttl>",
    "LOAD SILENT <http://x/data.ttl> INTO GRAPH <http://x/g>",
    "CLEAR ALL",
    "CLEAR SILENT GRAPH <http://x/g>",
    "DROP DEFAULT",
    "DROP NAMED",
    "CREATE GRAPH <http://x/g>",
    "ADD DEFAULT TO <http://x/g>",
    "MOVE <http://x/a> TO DEFAULT",
    "COPY DEFAULT TO GRAPH <http://x/g>",
]
ANY = DATASET + PATTERN + UPDATES
SPACE = [" ", "\n", "\t", "  ", "\n# a comment\n"]
JOINERS = SPACE + [" ; ", ";\n", " . ", " { ", " } "]
CASINGS = [str, str.lower, str.upper, str.title, str.swapcase]
LIVE = re.compile(r"(?<![\w?$:])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|SERVICE|FROM)(?![\w:])", re.I)
INERT = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)


def live_keywords(query: str) -> list[str]:
    """Update / SERVICE / FROM keywords outside comments, strings and IRIs (an oracle independent of the guard)."""
    return [m.upper() for m in LIVE.findall(INERT.sub(" ", query))]


@st.composite
def attacked_queries(draw):
    """A valid query with dangerous pieces put where they parse (mostly) or anywhere (sometimes)."""
    template = draw(st.sampled_from(TEMPLATES))
    pools = {"D": DATASET, "P": PATTERN, "X0": UPDATES, "X1": UPDATES}
    fill = dict.fromkeys(pools, "")
    for slot in draw(st.lists(st.sampled_from(list(pools)), min_size=1, max_size=3, unique=True)):
        frag = draw(st.sampled_from(CASINGS))(draw(st.sampled_from(pools[slot])))
        joiners = SPACE if slot in ("D", "P") else JOINERS
        fill[slot] = draw(st.sampled_from(joiners)) + frag + draw(st.sampled_from(joiners))
    if draw(st.booleans()):  # and one piece of anything, anywhere
        slot = draw(st.sampled_from(list(pools)))
        fill[slot] += draw(st.sampled_from(JOINERS)) + draw(st.sampled_from(ANY)) + draw(st.sampled_from(JOINERS))
    return template.format(**fill)


@st.composite
def update_requests(draw):
    """A valid SPARQL Update request: one to three operations, maybe a prologue."""
    ops = draw(st.lists(st.sampled_from(UPDATES), min_size=1, max_size=3))
    prologue = draw(st.sampled_from(["", "PREFIX ex: <http://example.org/>\n", "BASE <http://x/>\n"]))
    return prologue + draw(st.sampled_from([" ; ", ";\n"])).join(draw(st.sampled_from(CASINGS))(op) for op in ops)


def test_templates_are_valid_without_attacks():
    for t in TEMPLATES:
        q = t.format(D="", P="", X0="", X1="")
        assert live_keywords(q) == []
        guard(q)
        # and each typed slot really parses its pool: so the property test reaches the semantic checks
        with pytest.raises(QueryRefused, match="FROM / FROM NAMED is not allowed"):
            guard(t.format(D=DATASET[0] + " ", P="", X0="", X1=""))
        with pytest.raises(QueryRefused, match="SERVICE <http://x/sparql> is not allowed"):
            guard(t.format(D="", P=" " + PATTERN[0] + " ", X0="", X1=""))


def test_oracle_sees_what_it_must():
    assert live_keywords("SELECT * FROM <http://x/g> WHERE { ?s ?p ?o }") == ["FROM"]
    assert live_keywords("ASK { ?s ?p ?o } # FROM <x>\n") == []
    assert live_keywords('ASK { ?s ?p "load" . ?s <http://x/#service> ?from . ?s ex:drop ?o }') == []


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(attacked_queries(), update_requests()))
def test_guard_never_lets_an_update_service_or_from_through(query):
    try:
        accepted = guard(query)
    except QueryRefused:
        return
    # accepted: then no dangerous keyword may be live in what would run
    assert live_keywords(accepted.text) == [], query


# --------------------------------------------------------------------------- one parse per query shape


def test_queries_of_one_shape_share_a_parse_and_keep_their_own_text():
    from kgquery.graph.guard import _guard, guard

    _guard.cache_clear()
    texts = [
        f'SELECT ?x WHERE {{ <http://e/{i}> <http://p/{i}> ?x . ?x <http://q/l> "v{i} \\" <no-iri>" }} LIMIT {3}'
        for i in range(5)
    ]
    results = [guard(t) for t in texts]
    assert [r.text for r in results] == texts  # each runs as written, not as its shape
    assert {(r.form, r.has_limit) for r in results} == {("SELECT", True)}
    assert _guard.cache_info().misses == 5 + 1  # five texts, one shape parsed once


@pytest.mark.parametrize(
    "query,reason",
    [
        # a risky word anywhere sends the query to the full parse, which refuses what it must
        ("SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { <http://a/b> ?p ?o . SERVICE <http://evil.example/s> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <http://evil.example/g.ttl> WHERE { ?s ?p ?o }", "FROM"),
        ("INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }", "updates"),
        ("SELECT * WHERE { <http://a/b> ?p ?o . \\u0053ERVICE <http://evil.example/s> { ?s ?p ?o } }", "SERVICE"),
        # no risky word, but the shape does not parse or names an undeclared prefix
        ("SELECT ?x WHERE { <http://a/b> <http://a/c> ?x", "not valid SPARQL"),
        ("SELECT ?x WHERE { <http://a/b> zz:c ?x }", "prefix 'zz:'"),
    ],
)
def test_the_shape_shortcut_refuses_what_the_full_parse_refuses(query, reason):
    from kgquery.graph.guard import guard

    with pytest.raises(QueryRefused, match=reason):
        guard(query)


# --------------------------------------------------------------------------- checks in parallel (issue 15)


def _sum_query(n: int) -> str:
    """`SELECT (1+1+...+1 AS ?x) {}`: rdflib parses it at ~1 ms per character."""
    return "SELECT (" + "+".join(["1"] * n) + " AS ?x) {}"


def test_a_slow_check_does_not_hold_up_other_checks():
    """While one thread checks a query that takes seconds to parse, other checks complete (no global lock)."""
    import threading

    slow = _sum_query(1200)  # ~2,400 characters: 1-3 s of parsing
    done = threading.Event()

    def check_slow():
        guard(slow)
        done.set()

    t = threading.Thread(target=check_slow, daemon=True)
    t.start()
    try:
        import time

        time.sleep(0.2)  # the slow parse is under way (canonicalising takes microseconds)
        assert not done.is_set()
        for i in range(5):  # distinct queries: none is in the verdict cache
            assert guard(f"SELECT ?s WHERE {{ ?s <http://x/p{i}> {i} }} LIMIT {i + 1}").has_limit
        assert not done.is_set(), "the quick checks waited for the slow one"
    finally:
        t.join(30)
    assert done.is_set()


def test_parallel_checks_on_fresh_grammars_give_the_sequential_verdicts():
    """rdflib's grammar breaks when threads share it fresh; each check borrows its own copy."""
    from concurrent.futures import ThreadPoolExecutor

    from kgquery.graph import guard as guard_module

    queries = [f"SELECT ?x WHERE {{ ?x <http://a/p> ?y FILTER(?y > {i}) }} LIMIT {i + 1}" for i in range(24)]
    queries += [f"PREFIX ex: <http://e/> ASK {{ ex:a ex:b \"x{i}\"@en }}" for i in range(24)]
    queries += [f"DELETE WHERE {{ ?s <http://x/{i}> ?o }}" for i in range(8)] + ["SELECT WHERE"] * 4

    def verdict(q):
        try:
            g = guard_module._guard.__wrapped__(q, (), ())
            return (g.form, g.has_limit)
        except QueryRefused as e:
            return str(e)

    expected = [verdict(q) for q in queries]
    with guard_module._POOL_LOCK:
        guard_module._IDLE_PARSERS.clear()  # fresh grammars: the case that breaks a shared one
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(verdict, queries)) == expected


@pytest.mark.parametrize("terms", [239, 3000])  # 495 characters (checked in this process before), 6,017
def test_a_slow_check_is_bounded_by_the_time_limit(people_kg, terms):
    """A query not checked before is checked in the worker that runs it, killed at the time limit."""
    from kgquery.graph.guard import known_verdict

    query = _sum_query(terms)
    res = execute(people_kg.backend, query, Limits(timeout_s=0.1))
    assert res.outcome == Outcome.TIMED_OUT
    assert res.message == "stopped after 0.1 s (time limit); the worker was killed"
    assert known_verdict(query) is None  # nothing learnt from a killed check
    res = execute(people_kg.backend, query, Limits(timeout_s=30))
    assert res.outcome == Outcome.ROWS and res.values() == [str(terms)]
    assert known_verdict(query).form == "SELECT"  # the worker's verdict, remembered here
