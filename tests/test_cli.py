"""The `kgquery` command: info, schema, sparql; exit codes 0 / 2 (bad input) / 3 (query refused or failed)."""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess

import pytest

from kgquery.cli import main

from conftest import PEOPLE_TRIPLES

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
    assert {c["iri"]: c["count"] for c in d["classes"]} == {"http://example.org/people/Person": 3,
                                                         "http://example.org/people/City": 2}


def test_sparql_outputs(capsys, people_ttl):
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), "-o", "csv", AGES)
    assert rc == 0 and err == ""
    assert out.splitlines() == ["p,age", "http://example.org/people/ada,36",
                                "http://example.org/people/charles,79", "http://example.org/people/grace,85"]
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), AGES)
    assert rc == 0
    assert [ln.split() for ln in out.splitlines()[2:]] == [
        ["Ada", "Lovelace", "<http://example.org/people/ada>", "36"],
        ["Charles", "Babbage", "<http://example.org/people/charles>", "79"],
        ["Grace", "Hopper", "<http://example.org/people/grace>", "85"]]
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


@pytest.mark.parametrize("query,outcome,message", [
    ("DROP ALL", "refused", "refused: updates are not allowed: kgquery only reads (Drop)"),
    ("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }", "refused",
     "refused: SERVICE <http://x/sparql> is not allowed: federated calls reach other servers "
     "(allow-list the endpoint to permit it)"),
    ("SELECT (<http://example.org/fn>(1) AS ?x) WHERE {}", "failed",
     "failed: the engine failed: The custom function <http://example.org/fn> is not supported"),
])
def test_refused_or_failed_query_exits_3(capsys, people_ttl, query, outcome, message):
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), query)
    assert rc == 3
    assert out == message + "\n"
    assert re.fullmatch(rf"\({outcome}, 0 rows, \d+ ms\)\n", err)
    assert "Traceback" not in out + err


def test_timed_out_query_exits_3(capsys, people_ttl):
    q = "SELECT (COUNT(*) AS ?n) WHERE { " + " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(7)) + " }"
    rc, out, err = run(capsys, "sparql", "-g", str(people_ttl), "--timeout", "0.5", q)
    assert rc == 3 and out.startswith("timed_out: stopped after 0.5 s (time limit)")


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


BAD = ["missing file", "unknown format", "turtle syntax error", "empty graph", "not utf-8", "folder", "no graph",
       "graph and endpoint", "no query", "missing query file", "query file not utf-8", "bad endpoint url",
       "endpoint down"]


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


def test_endpoint_query_that_fails_exits_3(capsys):
    url = _closed_port_url()
    rc, out, err = run(capsys, "sparql", "--endpoint", url, "ASK { ?s ?p ?o }")
    assert rc == 3 and out == f"failed: endpoint {url} is unreachable: [Errno 111] Connection refused\n"


def _script() -> str:
    exe = shutil.which("kgquery")
    if exe is None:
        pytest.fail("the `kgquery` script is not installed: pip install -e .")
    return exe


def test_installed_script(people_ttl, tmp_path):
    ok = subprocess.run([_script(), "sparql", "-g", str(people_ttl), "-o", "csv", AGES],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[1] == "http://example.org/people/ada,36"
    bad = subprocess.run([_script(), "info", "-g", str(tmp_path / "missing.ttl")],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == f"kgquery: error: {tmp_path / 'missing.ttl'}: no such file\n"
