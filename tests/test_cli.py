"""The `kgquery` command: info, schema, sparql, ask, eval; exit codes 0 answered / 1 failed / 2 bad input /
3 not sure (abstained, asks back) / 4 refused, each failure one line on stderr."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess

import pytest

from conftest import PEOPLE_TRIPLES
from kgquery.cli import main

AGES = "SELECT ?p ?age WHERE { ?p <http://example.org/people/age> ?age } ORDER BY ?age"


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_info(capsys, people_ttl):
    rc, out, err = run(capsys, "info", "--graph", str(people_ttl))
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "graph: people.ttl"
    assert lines[1] == f"triples: {PEOPLE_TRIPLES}"
    assert re.fullmatch(r"classes: 2  properties: \d+  labelled entities: \d+", lines[2])
    assert [ln.split() for ln in lines[3:]] == [["3", "Person", "people:Person"], ["2", "City", "people:City"]]


def test_info_on_a_bundled_graph_by_name(capsys, ck25_kg):
    rc, out, err = run(capsys, "info", "-g", "ck25")
    assert rc == 0
    assert out.splitlines()[:2] == ["graph: prod-inst.ttl", "triples: 26,903"]
    assert "     1,000  Hardware  prodvocab:Hardware" in out.splitlines()


def test_schema_text_and_json(capsys, people_ttl):
    rc, out, _ = run(capsys, "schema", "-g", str(people_ttl), "--budget", "400")
    assert rc == 0
    text = out.rstrip("\n")
    assert len(text) <= 400 and text.startswith("PREFIXES: ")
    assert '  people:Person "Person" (3)' in text.splitlines()
    rc, out, _ = run(capsys, "schema", "-g", str(people_ttl), "--json")
    d = json.loads(out)
    assert rc == 0 and d["triple_count"] == PEOPLE_TRIPLES
    assert {c["iri"]: c["count"] for c in d["classes"]} == {
        "http://example.org/people/Person": 3,
        "http://example.org/people/City": 2,
    }


def test_sparql_outputs(capsys, people_ttl):
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), "-o", "csv", AGES)
    assert rc == 0 and err == ""
    assert out.splitlines() == [
        "p,age",
        "http://example.org/people/ada,36",
        "http://example.org/people/charles,79",
        "http://example.org/people/grace,85",
    ]
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), AGES)
    assert rc == 0
    assert [ln.split() for ln in out.splitlines()[2:]] == [
        ["Ada", "Lovelace", "<http://example.org/people/ada>", "36"],
        ["Charles", "Babbage", "<http://example.org/people/charles>", "79"],
        ["Grace", "Hopper", "<http://example.org/people/grace>", "85"],
    ]
    assert re.fullmatch(r"\(rows, 3 rows, \d+ ms\)\n", err)
    rc, out, _ = run(capsys, "sparql", "-g", str(people_ttl), "-o", "json", "ASK { ?s ?p ?o }")
    assert rc == 0 and json.loads(out)["boolean"] is True and json.loads(out)["outcome"] == "boolean"
    rc, out, _ = run(capsys, "sparql", "-g", str(people_ttl), "ASK { ?s a <http://example.org/people/Dog> }")
    assert rc == 0 and out == "no\n"


def test_sparql_from_a_file(capsys, people_ttl, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text(AGES, "utf-8")
    rc, out, _ = run(capsys, "sparql", "-g", str(people_ttl), "-o", "csv", "--file", str(q))
    assert rc == 0 and len(out.splitlines()) == 4


@pytest.mark.parametrize(
    "query,code,message",
    [
        ("DROP ALL", 4, "kgquery: refused: updates are not allowed: kgquery only reads (Drop)"),
        (
            "SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }",
            4,
            "kgquery: refused: SERVICE <http://x/sparql> is not allowed: federated calls reach other servers "
            "(allow-list the endpoint to permit it)",
        ),
        (
            "SELECT (<http://example.org/fn>(1) AS ?x) WHERE {}",
            1,
            "kgquery: failed: the engine failed: The custom function <http://example.org/fn> is not supported",
        ),
    ],
)
def test_refused_query_exits_4_failed_exits_1(capsys, people_ttl, query, code, message):
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), query)
    assert rc == code
    assert out == ""  # the reason is on stderr, in one line
    assert err == message + "\n"


def test_refused_query_as_json_still_prints_the_json(capsys, people_ttl):
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), "-o", "json", "DROP ALL")
    assert rc == 4 and json.loads(out)["outcome"] == "refused" and err.count("\n") == 1


def test_timed_out_query_exits_1(capsys, people_ttl):
    q = "SELECT (COUNT(*) AS ?n) WHERE { " + " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(7)) + " }"
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), "--timeout", "0.5", q)
    assert rc == 1 and out == "" and err.startswith("kgquery: timed out: stopped after 0.5 s (time limit)")
    assert err.count("\n") == 1


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/sparql"


def _bad_cases(tmp_path, people_ttl) -> dict[str, tuple[list[str], str]]:
    """case -> (argv, what stderr says); each must exit 2 with one line and no traceback."""
    (tmp_path / "broken.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", "utf-8")
    (tmp_path / "latin1.ttl").write_bytes('<http://x/a> <http://x/b> "caf\xe9" .\n'.encode("latin-1"))
    (tmp_path / "empty.nt").write_text("", "utf-8")
    (tmp_path / "latin1.rq").write_bytes("SELECT * WHERE { ?s ?p 'caf\xe9' }".encode("latin-1"))
    down = _closed_port_url()
    g = ["--graph", str(people_ttl)]
    return {
        "missing file": (["info", "--graph", str(tmp_path / "nope.ttl")], "nope.ttl: no such file"),
        "unknown format": (["info", "--graph", str(tmp_path / "latin1.rq")], "unknown RDF format '.rq'"),
        "turtle syntax error": (["schema", "--graph", str(tmp_path / "broken.ttl")], "line 2"),
        "empty graph": (["sparql", "--graph", str(tmp_path / "empty.nt"), "ASK {}"], "the graph is empty"),
        "not utf-8": (["info", "--graph", str(tmp_path / "latin1.ttl")], "not UTF-8 text (bad byte at line 1)"),
        "folder": (["info", "--graph", str(tmp_path)], "is a folder"),
        "no graph": (["info"], "no graph: pass --graph FILE"),
        "graph and endpoint": (["info", *g, "--endpoint", down], "give either --graph or --endpoint, not both"),
        "no query": (["sparql", *g], "no query: give it as an argument or with --file"),
        "missing query file": (["sparql", *g, "--file", str(tmp_path / "nope.rq")], "No such file or directory"),
        "query file not utf-8": (["sparql", *g, "--file", str(tmp_path / "latin1.rq")], "can't decode byte 0xe9"),
        "bad endpoint url": (["info", "--endpoint", "ftp://example.org/sparql"], "must start with http:// or https://"),
        "endpoint down": (["info", "--endpoint", down], f"endpoint {down} is unreachable"),
    }


BAD = [
    "missing file",
    "unknown format",
    "turtle syntax error",
    "empty graph",
    "not utf-8",
    "folder",
    "no graph",
    "graph and endpoint",
    "no query",
    "missing query file",
    "query file not utf-8",
    "bad endpoint url",
    "endpoint down",
]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, people_ttl, case):
    argv, says = _bad_cases(tmp_path, people_ttl)[case]
    rc, out, err = run(capsys, *argv)
    assert rc == 2
    assert out == ""
    assert err.startswith("kgquery: error: ") and err.count("\n") == 1 and says in err, err
    assert "Traceback" not in err


def test_no_command_prints_help_and_exits_2(capsys):
    rc, out, _ = run(capsys)
    assert rc == 2 and "info" in out and "schema" in out and "sparql" in out


def test_endpoint_query_that_fails_exits_1(capsys):
    url = _closed_port_url()
    rc, out, err = run(capsys, "sparql", "--endpoint", url, "ASK { ?s ?p ?o }")
    assert rc == 1 and out == ""
    assert err == f"kgquery: failed: endpoint {url} is unreachable: [Errno 111] Connection refused\n"


def _script() -> str:
    exe = shutil.which("kgquery")
    if exe is None:
        pytest.fail("the `kgquery` script is not installed: pip install -e .")
    return exe


def test_installed_script(people_ttl, tmp_path):
    ok = subprocess.run(
        [_script(), "sparql", "-g", str(people_ttl), "-o", "csv", AGES], capture_output=True, text=True, timeout=60
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[1] == "http://example.org/people/ada,36"
    bad = subprocess.run(
        [_script(), "info", "-g", str(tmp_path / "missing.ttl")], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == f"kgquery: error: {tmp_path / 'missing.ttl'}: no such file\n"


# --- issue 15: one line on stderr and a defined exit code -------------------------------------


def _one_line(err: str) -> bool:
    return err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("question", ["", "   "])
def test_ask_empty_question_exits_2(capsys, people_ttl, question):
    rc, out, err = run(capsys, "ask", "-g", str(people_ttl), question)
    assert rc == 2 and out == "" and _one_line(err) and err.startswith("kgquery: error: no question")


def test_ask_endpoint_down_exits_1_with_one_line(capsys):
    url = _closed_port_url()
    rc, out, err = run(capsys, "ask", "--endpoint", url, "Who is Ada Lovelace?")
    assert rc == 1 and out == ""
    assert _one_line(err) and err.startswith("kgquery: failed: ") and f"endpoint {url} is unreachable" in err
    rc, out, err = run(capsys, "ask", "--endpoint", url, "Who is Ada Lovelace?", "--json")
    assert rc == 1 and json.loads(out)["outcome"] == "failed" and _one_line(err)


def test_ask_exit_codes_follow_the_outcome(capsys, people_ttl):
    rc, out, _ = run(capsys, "ask", "-g", str(people_ttl), "Where does Grace Hopper live?", "--json")
    assert json.loads(out)["outcome"] == "answered" and rc == 0
    rc, out, _ = run(capsys, "ask", "-g", str(people_ttl), "What is the favourite colour of the moon?", "--json")
    assert json.loads(out)["outcome"] == "abstained" and rc == 3


def test_csv_at_the_row_cap_says_so_on_stderr(capsys, people_ttl):
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), "-o", "csv", "--max-rows", "5", q)
    assert rc == 0 and len(out.splitlines()) == 1 + 5
    assert _one_line(err) and err.startswith("kgquery: truncated: only the first 5 rows") and "--max-rows 5" in err
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), "-o", "csv", q)  # under the cap: silent
    assert rc == 0 and len(out.splitlines()) == 1 + PEOPLE_TRIPLES and err == ""


@pytest.mark.parametrize(
    "argv,says",
    [
        (["sparql", "--max-rows", "0", "ASK {}"], "argument --max-rows: must be 1 or more, not '0'"),
        (["sparql", "--max-rows", "-1", "ASK {}"], "argument --max-rows: must be 1 or more, not '-1'"),
        (["sparql", "--timeout", "-5", "ASK {}"], "argument --timeout: must be a number above 0, not '-5'"),
        (["sparql", "--timeout", "nan", "ASK {}"], "argument --timeout: must be a number above 0, not 'nan'"),
        (["info", "--format", "foo"], "argument --format: unknown RDF syntax 'foo'"),
        (["ask", "--memory-mb", "0", "Who?"], "argument --memory-mb: must be 1 or more"),
        (["sparql", "--output", "xml", "ASK {}"], "argument --output/-o: invalid choice: 'xml'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, people_ttl, argv, says):
    rc, out, err = run(capsys, argv[0], "-g", str(people_ttl), *argv[1:])
    assert rc == 2 and out == "" and _one_line(err) and says in err, err


def _eval_inputs(tmp_path) -> dict[str, tuple[str, str]]:
    """case -> (question file content, what stderr says)."""
    return {
        "answers a number": ('{"id": "a", "question": "How many?", "answers": 3}\n', "'answers' must be a list"),
        "answers a string": ('{"id": "a", "question": "Who?", "answers": "Ada"}\n', "'answers' must be a list"),
        "answers of objects": ('{"id": "a", "question": "Who?", "answers": [{"x": 1}]}\n', "'answers' must be a list"),
        "no question": ('{"id": "a", "answers": ["x"]}\n', "'question' is missing"),
        "array line": (
            '{"id": "a", "question": "Who?", "answers": ["x"]}\n["Who?", ["x"]]\n',
            "qs.jsonl:2: expected a JSON object",
        ),
        "nested": (
            '{"id": "a", "question": "Who?", "answers": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
            "nested too deeply",
        ),
    }


@pytest.mark.parametrize(
    "case", ["answers a number", "answers a string", "answers of objects", "no question", "array line", "nested"]
)
def test_eval_bad_jsonl_exits_2_with_one_line(capsys, tmp_path, people_ttl, case):
    text, says = _eval_inputs(tmp_path)[case]
    qs = tmp_path / "qs.jsonl"
    qs.write_text(text, "utf-8")
    rc, out, err = run(capsys, "eval", "-g", str(people_ttl), "--questions", str(qs))
    assert rc == 2 and out == "" and _one_line(err) and says in err, err


QALD_BAD = [
    (
        {"questions": [{"id": 1, "question": [{"language": "en", "string": "Who?"}], "answers": {"boolean": True}}]},
        "'answers' must be a list",
    ),
    (
        {"questions": [{"id": 1, "question": [{"language": "en", "string": "Who?"}], "answers": ["x"]}]},
        "must be a SPARQL results object",
    ),
    (
        {
            "questions": [
                {
                    "id": 1,
                    "question": [{"language": "en", "string": "Who?"}],
                    "answers": [{"results": {"bindings": "x"}}],
                }
            ]
        },
        "'bindings' list",
    ),
    ({"questions": [{"id": 1, "answers": [{"boolean": True}]}]}, "has no question text"),
    ({"questions": [3]}, "question 0 is not a JSON object"),
]


@pytest.mark.parametrize("data,says", QALD_BAD)
def test_eval_bad_qald_exits_2_with_one_line(capsys, tmp_path, people_ttl, data, says):
    qs = tmp_path / "qald.json"
    qs.write_text(json.dumps(data), "utf-8")
    rc, out, err = run(capsys, "eval", "-g", str(people_ttl), "--questions", str(qs))
    assert rc == 2 and out == "" and _one_line(err) and says in err, err


def test_eval_accepts_a_bare_boolean_as_ask_gold(capsys, tmp_path, people_ttl):
    qs = tmp_path / "qs.jsonl"
    qs.write_text('{"id": "a", "question": "Is Charles Babbage a person?", "answers": true}\n', "utf-8")
    out_json = tmp_path / "rep.json"
    rc, _, err = run(capsys, "eval", "-g", str(people_ttl), "--questions", str(qs), "--json", str(out_json))
    assert rc == 0, err
    row = json.loads(out_json.read_text("utf-8"))["questions"][0]
    assert row["gold"] == [True]


@pytest.mark.parametrize("argv", [["--timeout", "nan"], ["--limit", "0"], ["--format", "foo"], ["--split", "test"]])
def test_eval_bad_arguments_exit_2(capsys, tmp_path, people_ttl, argv):
    qs = tmp_path / "qs.jsonl"
    qs.write_text('{"id": "a", "question": "Who?", "answers": ["x"]}\n', "utf-8")
    rc, out, err = run(capsys, "eval", "-g", str(people_ttl), "--questions", str(qs), *argv)
    assert rc == 2 and out == "" and _one_line(err) and err.startswith("kgquery eval: error: argument")


def test_deeply_nested_cache_file_is_rebuilt(capsys, tmp_path, cache_dir):
    """A cache file of JSON nested thousands deep (RecursionError when read) is treated as corrupt."""
    g = tmp_path / "nested.ttl"
    g.write_text('<http://x.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "Nested cache" .\n', "utf-8")
    before = set(cache_dir.glob("*.json"))
    rc, out, _ = run(capsys, "info", "-g", str(g))
    assert rc == 0
    made = sorted(set(cache_dir.glob("*.json")) - before)
    assert any(p.name.startswith("schema-") for p in made) and any(p.name.startswith("labels-") for p in made)
    for p in made:
        p.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    rc, out2, err = run(capsys, "info", "-g", str(g))
    assert rc == 0 and out2 == out, err


def test_help_documents_the_exit_codes(capsys):
    rc, out, _ = run(capsys, "--help")
    assert rc == 0
    for line in ("0  answered", "1  failed", "2  bad arguments or input", "3  not sure", "4  refused"):
        assert line in out


def test_ask_abstention_says_not_sure_and_shows_the_best_attempt(capsys, people_ttl):
    """Issue 14: human output and --json say plainly that kgquery is not sure, with the attempt and what it does."""
    q = "What is the favourite colour of Ada Lovelace?"  # the graph has Ada, but no colours
    rc, out, err = run(capsys, "ask", "-g", str(people_ttl), q)
    assert rc == 3 and err == ""
    first, *rest = out.splitlines()
    assert first.startswith("I am not sure of the answer") and "My best attempt, not trusted: Finds" in first
    body = "\n".join(rest)
    assert "Not sure: no answer is given. The query below is the best attempt, not trusted." in body
    assert "What the query does: Finds" in body and "SPARQL (best attempt, not trusted):" in body
    assert "Rows (" not in body
    rc, out, _ = run(capsys, "ask", "-g", str(people_ttl), q, "--quiet")
    assert rc == 3 and out.count("\n") == 1 and "not sure" in out and "best attempt" in out
    rc, out, _ = run(capsys, "ask", "-g", str(people_ttl), q, "--json")
    d = json.loads(out)
    assert rc == 3 and d["not_sure"] is True and d["sparql"] and d["explanation"] in d["text"] and d["values"] == []
