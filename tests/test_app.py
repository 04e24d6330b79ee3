"""The query page (app/streamlit_app.py) through Streamlit's AppTest, and its pure helpers (app/page_support.py).

AppTest runs the script in this process, so the page's st.cache_resource caches (graph, engine,
indexes, example questions) are shared by the tests here: only the first question pays for them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import PEOPLE_TRIPLES, PEOPLE_TTL, REPO, import_page_support

pytest.importorskip("streamlit", reason="the page needs streamlit: pip install 'kgquery[app]'")
from streamlit.testing.v1 import AppTest  # noqa: E402

from kgquery.answer.evidence import to_graph  # noqa: E402
from kgquery.answer.types import Answer, Outcome, QueryResult, Term  # noqa: E402
from kgquery.errors import KgqueryError, LoadError  # noqa: E402

sup = import_page_support()
APP = str(REPO / "app" / "streamlit_app.py")
PHONE_Q = "What is the telephone of Baldwin Dirksen?"
PHONE = "+49-6200-33069465"
EMAIL_Q = "What is the email of Baldwin Dirksen?"


def page(**kw) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input(key="question_box").set_value(question).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def frames(at: AppTest) -> str:
    return "\n".join(d.value.to_string() for d in at.dataframe)


def keys(elements) -> set:
    return {e.key for e in elements}


# ------------------------------------------------------------------------------------------ page flows


def test_bundled_graph_shows_size_and_schema(ck25_kg, monkeypatch):
    at = page()
    metrics = {m.label: m.value for m in at.sidebar.metric}
    s = ck25_kg.schema
    assert metrics == {"Triples": "26,903", "Classes": f"{len(s.classes):,}", "Properties": f"{len(s.properties):,}"}
    # the schema browser: classes and properties with counts, labels and comments
    body = frames(at)
    assert "Employee" in body and "An employee in my company." in body and "1000" in body
    assert "phone number" in body and "A phone number." in body
    # pick a class: sample members come with their labels
    names = [c.label for c in s.classes]
    at.selectbox(key="schema_class").set_value(names.index("Employee")).run()
    members = next(d.value for d in at.dataframe if list(d.value.columns) == ["entity", "IRI"])
    assert len(members) == 10
    assert all(not e.startswith("http") for e in members["entity"])
    assert all(i.startswith("http://ld.company.org/prod-instances/empl-") for i in members["IRI"])
    # another bundled graph (without checking its example questions: not needed here, and CPU-heavy)
    monkeypatch.setenv("KGQUERY_APP_EXAMPLES", "0")
    at.selectbox(key="bundled").set_value("countries").run()
    assert not at.exception
    assert {m.label: m.value for m in at.sidebar.metric}["Triples"] == "8,825"


def test_ask_shows_answer_sparql_table_evidence_timings():
    at = ask(page(), PHONE_Q)
    md = texts(at.markdown)
    assert PHONE in md and "answered by <b>embedded</b>" in md  # the sentence and who answered
    assert "Timings:" in md and "linking" in md and "total" in md  # per stage
    assert any("<http://ld.company.org/prod-vocab/phone>" in c.value for c in at.code)  # the SPARQL
    assert PHONE in frames(at)  # the rows as a table
    assert "csv_answer_1" in keys(at.get("download_button"))  # and a CSV download
    assert at.text_area(key="sparql_t1").value.startswith("SELECT")  # editable
    assert not at.error


def test_edit_and_rerun_sparql_and_refused_query():
    at = ask(page(), PHONE_Q)
    edited = at.text_area(key="sparql_t1").value.replace("prod-vocab/phone", "prod-vocab/email")
    at.text_area(key="sparql_t1").set_value(edited)
    at.button(key="run_t1").click().run()
    assert "Baldwin.Dirksen@company.org" in frames(at)
    assert "1 row(s)" in texts(at.success)
    # a write is refused by the guard, with a clear message
    at.text_area(key="sparql_t1").set_value("INSERT DATA { <http://a.org/x> <http://a.org/p> 1 }")
    at.button(key="run_t1").click().run()
    assert "Refused: only read-only queries" in texts(at.error)
    # the free SPARQL tab: an empty result is said plainly
    at.text_area(key="sparql_free").set_value("SELECT ?s WHERE { ?s <http://a.org/nothing> ?o }")
    at.button(key="run_free").click().run()
    assert "found nothing" in texts(at.info)


def test_follow_up_conversation_and_history():
    at = ask(page(), PHONE_Q)
    at = ask(at, EMAIL_Q)
    history = [b for b in at.sidebar.button if b.key.startswith("hist_")]
    assert [b.label for b in history] == [EMAIL_Q, PHONE_Q]  # newest first
    md = texts(at.markdown)
    assert PHONE in md and "Baldwin.Dirksen@company.org" in md  # both turns of the conversation show
    assert "details_1" in keys(at.button)  # the earlier one folded
    assert not any("prod-vocab/phone" in c.value for c in at.code)
    history[1].click().run()  # re-show the first question in full
    assert any("prod-vocab/phone" in c.value for c in at.code)
    at.button(key="new_conv").click().run()  # a new conversation keeps the history
    assert len([b for b in at.sidebar.button if b.key.startswith("hist_")]) == 2
    assert PHONE not in texts(at.markdown)


def test_example_questions_come_from_the_graph_and_answer():
    at = page()
    deadline = time.time() + 90
    while "example_0" not in keys(at.button) and time.time() < deadline:
        time.sleep(0.5)
        at.run()
    examples = [b for b in at.button if b.key.startswith("example_")]
    assert len(examples) >= 3, "no example questions appeared"
    labels = [b.label for b in examples]
    assert "How many products are there?" in labels  # templates filled with the graph's classes
    assert any(q.startswith("What ") and " of " in q for q in labels)  # ... and its entities and properties
    first = examples[0].label
    examples[0].click().run()
    assert not at.exception
    shown = first if len(first) <= 48 else first[:47] + "…"  # the history shortens long questions
    assert [b.label for b in at.sidebar.button if b.key.startswith("hist_")] == [shown]
    assert "answered by" in texts(at.markdown) and not at.error


def test_bad_upload_shows_error_and_good_upload_loads():
    at = page()
    at.radio(key="source").set_value("Upload").run()
    broken = b"@prefix ex: <http://example.org/> .\nex:a ex:b "
    at.file_uploader[0].set_value(("broken.ttl", broken, "text/turtle")).run()
    assert not at.exception
    err = texts(at.sidebar.error)
    assert "Could not load the graph" in err and "broken.ttl" in err and "syntax error" in err
    assert "/tmp" not in err  # the file as the user named it, not our temp path
    at.file_uploader[0].set_value(("people.ttl", PEOPLE_TTL.encode(), "text/turtle")).run()
    assert not at.sidebar.error
    assert {m.label: m.value for m in at.sidebar.metric}["Triples"] == str(PEOPLE_TRIPLES)


def test_model_choice_reaches_the_engine_and_failures_are_shown():
    at = page()
    at.selectbox(key="model_kind").set_value("OpenAI-compatible server").run()
    assert "embedded generator answers" in texts(at.sidebar.info)  # no URL yet: the default answers
    at.text_input(key="model_url").set_value("http://127.0.0.1:9/v1").run()
    assert "generator <b>openai:http://127.0.0.1:9/v1</b>" in texts(at.markdown)
    # a model that cannot load: the page says so, and which generator answered instead
    at.selectbox(key="model_kind").set_value("Transformers model").run()
    at.text_input(key="model_id").set_value("/nonexistent/model-dir").run()
    assert "generator <b>transformers:/nonexistent/model-dir</b>" in texts(at.markdown)
    at = ask(at, PHONE_Q)
    shown = texts(at.warning) + texts(at.error)
    assert "did not answer" in shown or "could not be answered" in shown
    assert "/nonexistent/model-dir" in shown


def test_sparql_endpoint_graph(tmp_path, people_ttl, monkeypatch):
    """An endpoint URL: a real read-only Oxigraph server on 127.0.0.1 with the small people graph."""
    import shutil
    import socket
    import subprocess
    import sys

    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        pytest.skip("the `oxigraph` server is not installed (pip install 'kgquery[dev]')")
    subprocess.run(
        [exe, "load", "--location", str(tmp_path / "db"), "--file", str(people_ttl)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [exe, "serve-read-only", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        monkeypatch.setenv("KGQUERY_APP_EXAMPLES", "0")
        at = page()
        at.radio(key="source").set_value("Endpoint").run()
        at.text_input(key="endpoint_input").set_value("ftp://nowhere").run()
        at.button(key="connect").click().run()
        assert "starts with http" in texts(at.sidebar.error)
        at.text_input(key="endpoint_input").set_value("http://127.0.0.1:9/sparql").run()  # nothing listens
        at.button(key="connect").click().run()
        assert not at.exception and "Could not load the graph" in texts(at.sidebar.error)
        at.text_input(key="endpoint_input").set_value(f"http://127.0.0.1:{port}/query").run()
        at.button(key="connect").click().run()
        assert not at.exception and not at.sidebar.error
        assert {m.label: m.value for m in at.sidebar.metric}["Triples"] == str(PEOPLE_TRIPLES)
        at.text_area(key="sparql_free").set_value(
            "SELECT ?n WHERE { <http://example.org/people/ada> <http://xmlns.com/foaf/0.1/name> ?n }"
        )
        at.button(key="run_free").click().run()
        assert "Augusta Ada King" in frames(at)
    finally:
        proc.terminate()
        proc.wait(10)


def test_clarification_choice_and_follow_up_on_the_real_engine(monkeypatch):
    """ck25 has two Sabrinas: the engine asks back, the page offers both, a click answers for the one
    picked, and a follow-up ("her") resolves against that answer."""
    monkeypatch.setenv("KGQUERY_APP_EXAMPLES", "0")
    at = ask(page(), "What is the email of Sabrina?")
    assert sorted(b.label for b in at.button if b.key.startswith("clar_")) == [
        "Sabrina Bayer (Production)",
        "Sabrina Geiger (Marketing)",
    ]
    assert "Sabrina.Geiger@company.org" not in texts(at.markdown)  # nothing answered before the pick
    next(b for b in at.button if b.label == "Sabrina Geiger (Marketing)").click().run()
    assert "Sabrina.Geiger@company.org" in texts(at.markdown)
    at = ask(at, "And her phone number?")
    assert "+49-8295-77923757" in texts(at.markdown)


def test_a_model_that_never_answers_does_not_hold_the_page(monkeypatch):
    from kgquery.pipeline import KGQuery

    def slow_ask(self, question):
        time.sleep(12)  # far longer than the page waits (1.5 s): only giving up can end the run early
        return Answer(question=question, text="late", outcome="answered")

    monkeypatch.setenv("KGQUERY_APP_EXAMPLES", "0")
    monkeypatch.setenv("KGQUERY_APP_PATIENCE", "0.5")
    monkeypatch.setenv("KGQUERY_APP_GIVE_UP", "1.5")
    monkeypatch.setattr(KGQuery, "ask", slow_ask)
    t0 = time.time()
    at = ask(page(), PHONE_Q)
    assert time.time() - t0 < 10  # gave up (1.5 s) instead of waiting the 12 s out, even on a busy machine
    assert "No answer after" in texts(at.error)
    assert not [b for b in at.sidebar.button if b.key.startswith("hist_")]


# ------------------------------------------------------------------------------------------ pure helpers


def test_upload_checks(tmp_path):
    assert sup.upload_suffix("Data.TTL.gz") == ".ttl.gz" and sup.upload_suffix("x.nt") == ".nt"
    with pytest.raises(LoadError, match="up to 1 MB"):
        sup.save_upload(b"x" * (1024 * 1024 + 1), "big.ttl", max_mb=1, folder=tmp_path)
    with pytest.raises(LoadError, match="not an RDF file ending"):
        sup.save_upload(b"a,b\n", "table.csv", folder=tmp_path)
    with pytest.raises(LoadError, match="empty"):
        sup.save_upload(b"", "none.ttl", folder=tmp_path)
    p1 = sup.save_upload(PEOPLE_TTL.encode(), "my people.ttl", folder=tmp_path)
    p2 = sup.save_upload(PEOPLE_TTL.encode(), "my people.ttl", folder=tmp_path)
    assert p1 == p2 and p1.name == "my_people.ttl" and p1.read_text() == PEOPLE_TTL
    with pytest.raises(KgqueryError, match="bad.nt"):
        sup.load_upload(b"<http://a> <http://b> .\n", "bad.nt")


def test_model_spec():
    assert sup.model_spec("Embedded (default)") is None
    assert sup.model_spec("Transformers model", "org/m") == "transformers:org/m"
    assert sup.model_spec("OpenAI-compatible server", "q", "http://h:8000/v1") == "openai:q@http://h:8000/v1"
    with pytest.raises(KgqueryError):
        sup.model_spec("OpenAI-compatible server", "q", "h:8000")
    with pytest.raises(KgqueryError):
        sup.model_spec("Transformers model", " ")


def test_outcome_messages_and_tables():
    assert sup.outcome_message("refused", "INSERT is not allowed")[0] == "error"
    assert "INSERT is not allowed" in sup.outcome_message("refused", "INSERT is not allowed")[1]
    assert sup.outcome_message(Outcome.TIMED_OUT)[0] == "warning"
    assert "found nothing" in sup.outcome_message("empty")[1]
    for o in ("answered", "empty", "timed_out", "refused", "failed", "abstained"):
        assert sup.outcome_message(o)[1]
    iri = Term("iri", "http://example.org/people/ada")
    res = QueryResult(Outcome.ROWS, "SELECT ...", vars=["p", "age"], rows=[(iri, Term("literal", "36"))])
    assert sup.result_table(res, {"http://example.org/people/ada": "Ada"}.get) == [
        {"p": "Ada <http://example.org/people/ada>", "age": "36"}
    ]
    csv_text = sup.rows_csv(res.vars, res.rows, {"http://example.org/people/ada": "Ada Lovelace"})
    assert csv_text.splitlines() == ["p,p_label,age", "http://example.org/people/ada,Ada Lovelace,36"]
    ans = Answer(question="?", text="yes", boolean=True)
    assert sup.answer_csv(ans).splitlines() == ["boolean", "true"]


def test_evidence_graph_dot_and_layout():
    ada, lon = Term("iri", "http://example.org/people/ada"), Term("iri", "http://example.org/people/london")
    lives, age = Term("iri", "http://example.org/people/livesIn"), Term("iri", "http://example.org/people/age")
    triples = [(ada, lives, lon), (ada, age, Term("literal", "36"))]
    g = to_graph(triples, {ada.value: "Ada Lovelace"}, {lives.value: "lives in"}.get)  # what the page draws
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 2
    assert (
        g.nodes[ada.n3()]["label"] == "Ada Lovelace" and g.edges[ada.n3(), lon.n3(), lives.value]["label"] == "lives in"
    )
    assert to_graph(triples, {lives.value: "lives in"}).edges[ada.n3(), lon.n3(), lives.value]["label"] == "lives in"
    dot = sup.evidence_dot(triples, {ada.value: "Ada Lovelace"}, {lives.value: "lives in"}.get)
    assert dot.startswith("digraph") and '"Ada Lovelace"' in dot and '"lives in"' in dot and '"london"' in dot
    assert '"36"' in dot and "shape=note" in dot  # literals drawn apart from entities
    nodes, edges = sup.evidence_layout(triples)
    assert len(nodes) == 3 and len(edges) == 2 and all(-1.01 <= n["x"] <= 1.01 for n in nodes)
    quote = Term("literal", 'say "hi"')
    assert '\\"hi\\"' in sup.evidence_dot([(ada, age, quote)])


def test_ask_kwargs_follow_engine_signature():
    class Plain:
        def ask(self, question): ...

    class Conversational:
        def ask(self, question, history=None, choice=None): ...

    prev = [Answer(question="q", text="a")]

    class Streaming:
        def ask(self, question, on_token=None): ...

    prev = [Answer(question="q", text="a")]
    assert sup.ask_kwargs(Plain(), prev, "http://x", print) == {}
    assert sup.ask_kwargs(Conversational(), prev, "http://x") == {"history": prev, "choice": "http://x"}
    assert sup.ask_kwargs(Streaming(), prev, None, print) == {"on_token": print}
    assert (
        sup.clarified_question("Phone of Baldwin?", "Baldwin Dirksen") == "Phone of Baldwin? (I mean Baldwin Dirksen)"
    )


def test_app_command_is_registered():
    from kgquery.cli import build_parser

    args = build_parser().parse_args(["app", "--port", "8600"])
    assert args.port == 8600 and args.address == "127.0.0.1" and args.func.__name__ == "cmd_app"
    assert Path(APP).is_file() and (REPO / "app" / ".streamlit" / "config.toml").is_file()


def test_abstention_says_not_sure_and_shows_the_best_attempt(monkeypatch):
    """Issue 14: an abstention is said plainly (not sure, no answer) with the attempt's query and what it does."""
    monkeypatch.setenv("KGQUERY_APP_EXAMPLES", "0")
    at = ask(page(), "What is the favourite colour of Baldwin Dirksen?")
    md = texts(at.markdown)
    assert "I am not sure of the answer" in md and "My best attempt, not trusted: Finds" in md
    assert "Not sure: kgquery found no query it trusts" in texts(at.warning)
    assert "**What the best attempt does (not trusted):** Finds" in md
    assert "**SPARQL of the best attempt (not trusted)**" in md and at.code and "SELECT" in at.code[0].value
    assert "**Rows**" not in md and "csv_answer_1" not in keys(at.get("download_button"))  # no rows as the answer
