"""kgquery's query page: choose a graph and a model, ask in plain language, see the answer and why.

Start it with `kgquery app` (or `streamlit run app/streamlit_app.py`); see app/README.md.

Heavy work is cached across reruns (graph load and schema, the engine with its indexes, models,
example questions) and questions run in a worker thread: the page polls for the answer, so a slow
model never freezes it (other widgets stay usable and a "Stop waiting" button lets go of it).
The logic that needs no Streamlit lives beside this file in page_support.py (tested on its own).
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path

try:
    import kgquery  # noqa: F401
except ImportError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# page_support.py sits beside this file (app/ in the checkout, kgquery/_app/ when installed); Streamlit
# puts the script's folder on sys.path, and so does this line for any other way of running the file
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd
import streamlit as st

from kgquery import KGQuery, KnowledgeGraph
from kgquery.answer.types import Answer, Outcome
from kgquery.errors import KgqueryError
from page_support import (
    MAX_UPLOAD_MB,
    MODEL_KINDS,
    RDF_SUFFIXES,
    answer_csv,
    ask_kwargs,
    bundled_graphs,
    clarified_question,
    evidence_dot,
    evidence_layout,
    example_questions,
    graph_namers,
    label_function,
    load_upload,
    model_spec,
    outcome_message,
    result_table,
    rows_csv,
    sample_entities,
    sample_uses,
    schema_tables,
    verification_rows,
)

#: seconds after which a waiting question gets a "still working" note
PATIENCE_S = float(os.environ.get("KGQUERY_APP_PATIENCE", "45"))
#: seconds after which the page stops waiting for an answer
GIVE_UP_S = float(os.environ.get("KGQUERY_APP_GIVE_UP", "900"))
#: check example questions against each graph (0: off, e.g. for a big, slow endpoint)
EXAMPLES = os.environ.get("KGQUERY_APP_EXAMPLES", "1") != "0"
BUNDLED_TITLES = {
    "ck25": "ck25 · products, suppliers, employees",
    "countries": "countries · capitals, currencies, languages",
}
SAMPLE_SPARQL = (
    "SELECT ?class (COUNT(?s) AS ?members) WHERE {\n  ?s a ?class\n}\n"
    "GROUP BY ?class\nORDER BY DESC(?members)\nLIMIT 20"
)

st.set_page_config(
    page_title="kgquery · ask your knowledge graph",
    page_icon=":material/hub:",
    layout="wide",
    initial_sidebar_state="expanded",
    menu_items={"About": "kgquery: plain-language questions → grounded SPARQL → answers with evidence."},
)

st.markdown(
    """
<style>
  .block-container {padding-top: 2.2rem; padding-bottom: 2rem;}
  h1 {font-size: 2.1rem !important; padding-bottom: 0.2rem !important;}
  .kg-answer {font-size: 1.35rem; font-weight: 600; line-height: 1.35; margin: 0.1rem 0 0.35rem 0;}
  .kg-muted {color: #6b7280; font-size: 0.86rem;}
  section[data-testid="stSidebar"] {min-width: 330px;}
  section[data-testid="stSidebar"] .stButton button {text-align: left; justify-content: flex-start;}
  div[data-testid="stMetricValue"] {font-size: 1.45rem;}
</style>""",
    unsafe_allow_html=True,
)


# ------------------------------------------------------------------------------------------
# cached heavy work (shared by every session of this server process)


def in_thread(fn, *args, **kwargs) -> Future:
    """Run fn in a daemon thread (never holds up the server's exit); its outcome lands in a Future."""
    fut: Future = Future()

    def work():
        if not fut.set_running_or_notify_cancel():
            return
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as e:  # noqa: BLE001 - handed to the page, shown as a message
            fut.set_exception(e)

    threading.Thread(target=work, name="kgquery-app-work", daemon=True).start()
    return fut


@st.cache_resource(show_spinner=False, max_entries=8)
def load_graph(kind: str, ref: str) -> KnowledgeGraph:
    """A bundled or uploaded file, or an endpoint, with its schema summary computed."""
    kg = KnowledgeGraph.endpoint(ref) if kind == "endpoint" else KnowledgeGraph.load(ref)
    _ = kg.schema  # computed (or read from the disk cache) once, here, under the spinner
    return kg


@st.cache_resource(show_spinner=False, max_entries=8)
def load_uploaded(digest: str, filename: str, _data: bytes) -> KnowledgeGraph:
    kg = load_upload(_data, filename, MAX_UPLOAD_MB)
    _ = kg.schema
    return kg


@st.cache_resource(show_spinner=False, max_entries=16)
def get_engine(graph_key: tuple, model: str | None, _kg: KnowledgeGraph, verify: bool = False) -> KGQuery:
    """The engine for a graph and a model; its indexes (and the model) load on first use, in a worker.
    `verify`: the model judges the embedded generator's candidates instead of writing SPARQL (issue 19)."""
    return KGQuery(_kg, model=model, verify=verify and model is not None)


class _Busy:
    """How many people's questions are being answered: example checking waits while any are."""

    def __init__(self):
        self.n = 0
        self.lock = threading.Lock()

    def add(self, k: int) -> None:
        with self.lock:
            self.n += k


@st.cache_resource(show_spinner=False)
def _busy() -> _Busy:
    return _Busy()


@st.cache_resource(show_spinner=False)
def _answered() -> set:
    """(graph, model) pairs that have answered once in this server (their indexes and model are loaded)."""
    return set()


@st.cache_resource(show_spinner=False, max_entries=8)
def examples_job(graph_key: tuple, _kg: KnowledgeGraph, _engine: KGQuery) -> Future:
    """Example questions checked against the graph by the embedded engine (also warms its indexes)."""
    busy = _busy()

    def ask_when_idle(question: str) -> Answer:
        for _ in range(600):  # people's questions first (at most a minute's wait per example)
            if busy.n <= 0:
                break
            time.sleep(0.1)
        return _engine.ask(question)

    answered = _answered()
    fut = in_thread(example_questions, _kg, ask_when_idle, 6, 25.0)
    fut.add_done_callback(lambda _f: answered.add((graph_key, "embedded")))
    return fut


# ------------------------------------------------------------------------------------------
# session state

ss = st.session_state
ss.setdefault("turns", {})  # id -> turn dict
ss.setdefault("history", [])  # turn ids, oldest first (the whole session)
ss.setdefault("conversations", {})  # graph key -> turn ids of the current conversation
ss.setdefault("pending", None)  # the question being answered
ss.setdefault("shown", None)  # the turn whose details are open
ss.setdefault("endpoint_url", "")
ss.setdefault("sparql_results", {})  # editor key -> QueryResult
ss.setdefault("graphs", {})  # graph key -> KnowledgeGraph: the graphs this session asked
_ids = ss.setdefault("_ids", itertools.count(1))


def graph_ref() -> tuple[tuple | None, str | None]:
    """Read the sidebar's graph choice; returns (graph key, error)."""
    with st.sidebar:
        st.markdown("### Graph")
        source = st.radio(
            "Source",
            ["Bundled", "Upload", "Endpoint"],
            key="source",
            horizontal=True,
            help="A graph shipped with kgquery, an RDF file of your own, or a SPARQL endpoint.",
        )
        if source == "Bundled":
            graphs = bundled_graphs()
            if not graphs:
                return None, "No bundled graphs found (graphs/ is missing)."
            default = os.environ.get("KGQUERY_APP_GRAPH", "ck25")
            names = list(graphs)
            name = st.selectbox(
                "Bundled graph",
                names,
                key="bundled",
                index=names.index(default) if default in names else 0,
                format_func=lambda n: BUNDLED_TITLES.get(n, n),
            )
            return ("file", str(graphs[name]), name), None
        if source == "Upload":
            up = st.file_uploader(
                f"RDF file (up to {MAX_UPLOAD_MB} MB)",
                key="upload",
                type=[s.lstrip(".") for s in RDF_SUFFIXES] + ["gz"],
                max_upload_size=MAX_UPLOAD_MB,
                help="Turtle, N-Triples, N-Quads, TriG, RDF/XML, OWL, JSON-LD or N3; optionally .gz",
            )
            if up is None:
                return None, None
            import hashlib

            data = up.getvalue()
            return ("upload", hashlib.sha256(data).hexdigest()[:20], up.name, data), None
        url = st.text_input("SPARQL endpoint URL", key="endpoint_input", placeholder="https://example.org/sparql")
        if st.button("Connect", key="connect", type="primary", disabled=not url.strip()):
            if not url.strip().lower().startswith(("http://", "https://")):
                return None, "An endpoint URL starts with http:// or https://"
            ss.endpoint_url = url.strip()
        if ss.endpoint_url:
            return ("endpoint", ss.endpoint_url, ss.endpoint_url), None
        return None, None


def open_graph(ref) -> tuple[KnowledgeGraph | None, tuple | None]:
    """Load the chosen graph (cached), with a spinner; errors are shown, not raised."""
    if ref is None:
        return None, None
    try:
        if ref[0] == "upload":
            _, digest, name, data = ref
            with st.spinner(f"Loading {name} …"):
                kg = load_uploaded(digest, name, data)
            return kg, ("upload", digest, name)
        kind, target, name = ref
        with st.spinner(f"Loading {name} and summarising its schema …"):
            kg = load_graph("endpoint" if kind == "endpoint" else "file", target)
        return kg, (kind, target, name)
    except KgqueryError as e:
        st.sidebar.error(f"Could not load the graph: {e}")
    except Exception as e:  # never a traceback on the page
        st.sidebar.error(f"Could not load the graph: {type(e).__name__}: {' '.join(str(e).split())[:300]}")
    return None, None


def graph_for_key(key: tuple) -> KnowledgeGraph | None:
    """The graph a turn was asked on (kept for the session; bundled and endpoint graphs can be reopened)."""
    if key in ss.graphs:
        return ss.graphs[key]
    try:
        if key[0] in ("file", "endpoint"):
            return load_graph("endpoint" if key[0] == "endpoint" else "file", key[1])
    except Exception:
        return None
    return None


def model_choice() -> tuple[str | None, str]:
    """Read the sidebar's model choice: (KGQuery model string, display name)."""
    with st.sidebar:
        st.markdown("### Model")
        kind = st.selectbox(
            "Generator",
            MODEL_KINDS,
            key="model_kind",
            help="The embedded generator needs no model and no GPU. A transformers model runs "
            "in this process; an OpenAI-compatible server (vLLM, llama.cpp, …) runs anywhere.",
        )
        model = url = ""
        if kind.startswith("Transformers"):
            model = st.text_input(
                "Hub id, folder or .gguf file", key="model_id", placeholder="HuggingFaceTB/SmolLM2-135M-Instruct"
            )
        elif kind.startswith("OpenAI"):
            url = st.text_input("Server URL", key="model_url", placeholder="http://127.0.0.1:8000/v1")
            model = st.text_input("Model name (optional)", key="model_name", placeholder="asks the server")
        try:
            spec = model_spec(kind, model, url)
        except KgqueryError as e:
            st.info(f"{e}. Until then the embedded generator answers.")
            spec = None
        if spec and st.checkbox(
            "Verify only",
            key="model_verify",
            help="The model judges the embedded generator's best queries (yes/no) instead of writing SPARQL; "
            "kgquery abstains when it accepts none (docs/models.md).",
        ):
            return spec, f"{spec} (verifier)"
        return spec, spec or "embedded"


# ------------------------------------------------------------------------------------------
# asking


def submit(question: str, choice: tuple[str, str] | None = None) -> None:
    """Start answering a question in a worker thread (the page polls for it)."""
    question = (question or "").strip()
    if not question or ss.get("_engine") is None:
        return
    engine: KGQuery = ss._engine
    conv = ss.conversations.setdefault(ss.graph_key, [])
    earlier = [ss.turns[t]["answer"] for t in conv if ss.turns[t].get("answer") is not None]
    stream: list[str] = []  # the answer sentence as a streaming model writes it (worker appends, page reads)
    kwargs = ask_kwargs(engine, earlier, choice[0] if choice else None, on_token=stream.append)
    if choice and "choice" not in kwargs:
        question = clarified_question(question, choice[1])
    busy = _busy()
    busy.add(1)
    base = get_engine(ss.graph_key, None, ss._kg)
    fut = in_thread(_ask, engine, base, question, kwargs)
    fut.add_done_callback(lambda _f: busy.add(-1))
    answered = _answered()
    first = (ss.graph_key, ss.model_label) not in answered
    fut.add_done_callback(lambda _f, k=(ss.graph_key, ss.model_label): answered.add(k))
    ss.pending = {
        "question": question,
        "future": fut,
        "stream": stream,
        "first": first,
        "t0": time.time(),
        "graph_key": ss.graph_key,
        "graph_name": ss.graph_key[-1],
        "model": ss.model_label,
    }


def _ask(engine: KGQuery, base: KGQuery, question: str, kwargs: dict) -> Answer:
    """Ask in a worker thread. A model's engine reuses the graph's indexes from the default engine
    (the linker does not depend on the generator), so choosing a model never rebuilds them."""
    if engine is not base and getattr(engine, "_linker", "?") is None:
        engine._linker = base.linker
    return engine.ask(question, **kwargs)


def _on_chat() -> None:
    submit(ss.get("question_box") or "")


def finish_pending() -> None:
    """Record the pending question's answer (or its error) as a turn."""
    p = ss.pending
    ss.pending = None
    fut: Future = p["future"]
    ans, err = None, None
    try:
        ans = fut.result()
    except KgqueryError as e:
        err = str(e)
    except Exception as e:
        err = f"{type(e).__name__}: {' '.join(str(e).split())[:300]}"
    tid = next(_ids)
    ss.turns[tid] = {
        "id": tid,
        "question": p["question"],
        "answer": ans,
        "error": err,
        "graph_key": p["graph_key"],
        "graph_name": p["graph_name"],
        "model": p["model"],
        "seconds": time.time() - p["t0"],
    }
    ss.history.append(tid)
    ss.conversations.setdefault(p["graph_key"], []).append(tid)
    ss.shown = tid


def _stop_waiting() -> None:
    ss.pending = None


def wait_for_answer(slot) -> None:
    """Poll the worker; each poll updates the page, so a click elsewhere interrupts and re-polls."""
    p = ss.pending
    if not p:
        return
    fut: Future = p["future"]
    with slot.container():
        with st.chat_message("user"):
            st.markdown(p["question"])
        with st.chat_message("assistant"):
            status = st.empty()
            note = st.empty()
            st.button("Stop waiting", key="stop_waiting", on_click=_stop_waiting, type="tertiary")
            written = st.empty()
            while not fut.done():
                waited = time.time() - p["t0"]
                first = " (the first question also loads indexes and the model)" if p.get("first") else ""
                status.markdown(f":material/hourglass_top: Thinking with **{p['model']}** … {waited:.1f} s{first}")
                if p["stream"]:
                    written.markdown(
                        f'<div class="kg-answer">{_html("".join(p["stream"]))}</div>', unsafe_allow_html=True
                    )
                if waited > GIVE_UP_S:
                    ss.pending = None
                    note.error(
                        f"No answer after {GIVE_UP_S:.0f} s: the page stopped waiting. "
                        "Try the embedded generator or a smaller model."
                    )
                    return
                if waited > PATIENCE_S:
                    note.warning(
                        f"The model is taking longer than {PATIENCE_S:.0f} s. The page stays usable; "
                        "the answer appears here when it is ready, or press Stop waiting."
                    )
                time.sleep(0.2)
    finish_pending()
    st.rerun()


# ------------------------------------------------------------------------------------------
# showing answers


def _df(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).astype(str) if rows else pd.DataFrame()


def show_query_result(res, kg: KnowledgeGraph | None, key: str) -> None:
    level, msg = outcome_message(res.outcome, res.message)
    if res.outcome in (Outcome.ROWS, Outcome.BOOLEAN):
        more = " (truncated)" if res.truncated else ""
        n = len(res.rows) if res.outcome == Outcome.ROWS else 1
        st.success(f"{n} row(s) in {res.seconds * 1000:,.0f} ms{more}")
        label_of = label_function(kg) if kg is not None else None
        st.dataframe(_df(result_table(res, label_of)), hide_index=True, width="stretch")
        st.download_button(
            "Download CSV",
            rows_csv(res.vars, res.rows, label_of, res.boolean),
            file_name="kgquery-result.csv",
            mime="text/csv",
            key=f"csv_{key}",
        )
    else:
        getattr(st, level)(msg)


def _run_editor(key: str, graph_key: tuple) -> None:
    kg = graph_for_key(graph_key)
    text = ss.get(f"sparql_{key}") or ""
    if kg is None:
        ss.sparql_results[key] = None
        return
    ss.sparql_results[key] = kg.query(text)


def sparql_editor(key: str, sparql: str, graph_key: tuple) -> None:
    """An editable query, re-run through the same read-only, bounded executor."""
    st.text_area("SPARQL", value=sparql, key=f"sparql_{key}", height=160, label_visibility="collapsed")
    st.button("Run query", key=f"run_{key}", on_click=_run_editor, args=(key, graph_key), type="primary")
    if key in ss.sparql_results:
        res = ss.sparql_results[key]
        if res is None:
            st.warning("That graph is no longer loaded; choose it again to run queries on it.")
        else:
            show_query_result(res, graph_for_key(graph_key), key)


def evidence_views(ans: Answer, graph_key: tuple) -> None:
    if not ans.evidence:
        st.caption("No triples to show for this answer.")
        return
    kg = graph_for_key(graph_key)
    entity, prop = graph_namers(kg, ans) if kg is not None else (ans.labels, None)
    g_tab, i_tab, t_tab = st.tabs(["Graph", "Interactive", "Triples"])
    with g_tab:
        st.graphviz_chart(evidence_dot(ans.evidence, entity, prop), width="stretch")
    with i_tab:
        import altair as alt

        nodes, edges = evidence_layout(ans.evidence, entity, prop)
        e = pd.DataFrame(edges)
        n = pd.DataFrame(nodes)

        def domain(col: str) -> list[float]:  # room around the outermost nodes for their labels
            lo, hi = float(n[col].min()), float(n[col].max())
            pad = (hi - lo) * 0.12 + 0.12
            return [lo - pad, hi + pad]

        xs, ys = alt.Scale(domain=domain("x")), alt.Scale(domain=domain("y"))
        lines = (
            alt.Chart(e)
            .mark_rule(color="#9aa5b1")
            .encode(
                x=alt.X("x:Q", axis=None, scale=xs),
                y=alt.Y("y:Q", axis=None, scale=ys),
                x2="x2:Q",
                y2="y2:Q",
                tooltip=["label", "iri"],
            )
        )
        elabels = alt.Chart(e).mark_text(fontSize=10, color="#52606d").encode(x="mx:Q", y="my:Q", text="label")
        points = (
            alt.Chart(n)
            .mark_circle(size=320, opacity=0.9)
            .encode(
                x="x:Q",
                y="y:Q",
                color=alt.Color(
                    "kind:N",
                    scale=alt.Scale(domain=["iri", "literal", "bnode"], range=["#3b6fd8", "#f59f00", "#8e9aaf"]),
                    legend=None,
                ),
                tooltip=["label", "value"],
            )
        )
        nlabels = alt.Chart(n).mark_text(dy=-14, fontSize=11, fontWeight="bold").encode(x="x:Q", y="y:Q", text="label")
        st.altair_chart((lines + elabels + points + nlabels).properties(height=320).interactive(), width="stretch")
        st.caption("Drag to pan, scroll to zoom, hover for IRIs.")
    prefixes = dict(kg.schema.prefixes) if kg is not None else {}
    st.download_button(
        "Download evidence (Turtle)",
        ans.evidence_turtle(prefixes),
        file_name="kgquery-evidence.ttl",
        mime="text/turtle",
        key=f"ttl_{id(ans)}",
        icon=":material/download:",
    )
    with t_tab:
        name = entity if callable(entity) else ans.labels.get
        label = lambda t: (name(t.value) or t.value) if t.is_iri else t.value  # noqa: E731
        st.dataframe(
            _df(
                [
                    {"subject": label(s), "predicate": (prop(p.value) if prop else None) or p.value, "object": label(o)}
                    for s, p, o in ans.evidence
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def _timings_line(ans: Answer) -> str:
    parts = [f"{k} {v * 1000:,.0f} ms" for k, v in ans.timings.items() if k != "total"]
    total = ans.timings.get("total")
    return " · ".join(parts) + (f" · <b>total {total * 1000:,.0f} ms</b>" if total is not None else "")


def answer_summary(turn: dict) -> None:
    """The answer sentence, its outcome, who answered; clarification choices when the engine asks."""
    ans: Answer | None = turn["answer"]
    if ans is None:
        st.error(f"The question could not be answered: {turn['error']}")
        return
    st.markdown(f'<div class="kg-answer">{_html(ans.text)}</div>', unsafe_allow_html=True)
    if ans.outcome != "answered":
        level, msg = outcome_message(ans.outcome, ans.message)
        getattr(st, level)(msg)
    if "fallback" in ans.generator:
        st.warning(f"The chosen model did not answer, so the embedded generator did. ({ans.message})")
    conf = f" · confidence {ans.confidence:.0%}" if ans.sparql else ""
    st.markdown(
        f'<div class="kg-muted">answered by <b>{_html(ans.generator)}</b>{conf} · '
        f'{turn["seconds"]:.1f} s · {_html(turn["graph_name"])}</div>',
        unsafe_allow_html=True,
    )
    if ans.clarification:
        st.markdown("**Which one do you mean?**" if ans.outcome == "clarify" else "**Or did you mean …**")
        cols = st.columns(min(len(ans.clarification), 4))
        for i, (iri, label) in enumerate(ans.clarification):
            cols[i % len(cols)].button(
                label, key=f"clar_{turn['id']}_{i}", help=iri, on_click=submit, args=(ans.question, (iri, label))
            )


def answer_details(turn: dict) -> None:
    """Table and CSV, evidence graph, SPARQL (highlighted and editable), timings."""
    ans: Answer | None = turn["answer"]
    if ans is None:
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        rows = ans.table()
        if rows:
            st.markdown(f"**Rows** ({len(rows)})")
            st.dataframe(_df(rows), hide_index=True, width="stretch", height=min(38 + 35 * len(rows), 320))
            st.download_button(
                "Download CSV",
                answer_csv(ans),
                file_name="kgquery-answer.csv",
                mime="text/csv",
                key=f"csv_answer_{turn['id']}",
                icon=":material/download:",
            )
        elif ans.boolean is not None:
            st.markdown(f"**Result:** {'yes' if ans.boolean else 'no'}")
        unsure = ans.outcome == "abstained"  # the query is the best attempt, not an answer: say so
        if ans.explanation:
            st.markdown(
                f"**What the best attempt does (not trusted):** {ans.explanation}"
                if unsure
                else f"**What the query does:** {ans.explanation}"
            )
        if ans.sparql:
            st.markdown("**SPARQL of the best attempt (not trusted)**" if unsure else "**SPARQL**")
            st.code(ans.sparql.strip(), language="sparql", wrap_lines=True)
            with st.expander("Edit and re-run this query"):
                sparql_editor(f"t{turn['id']}", ans.sparql.strip(), turn["graph_key"])
    with right:
        st.markdown(
            "**Evidence** — the triples behind the best attempt (not trusted)"
            if ans.outcome == "abstained"
            else "**Evidence** — the triples behind the answer"
        )
        evidence_views(ans, turn["graph_key"])
        if ans.verification is not None:
            v = ans.verification
            st.markdown(f"**Verifier** {v['model']}: {v['verdict']} (P(yes) threshold {v['threshold']:.2f})")
            st.dataframe(_df(verification_rows(ans)), hide_index=True, width="stretch")
        if ans.timings:
            st.markdown(f'<div class="kg-muted">Timings: {_timings_line(ans)}</div>', unsafe_allow_html=True)


def _html(s: str) -> str:
    import html

    return html.escape(s or "")


def show_turn(turn: dict, full: bool) -> None:
    with st.chat_message("user"):
        st.markdown(turn["question"])
    with st.chat_message("assistant"):
        answer_summary(turn)
        if full:
            answer_details(turn)
        elif turn["answer"] is not None and turn["answer"].sparql:
            st.button(
                "Show details",
                key=f"details_{turn['id']}",
                type="tertiary",
                on_click=lambda tid=turn["id"]: ss.update(shown=tid),
            )


# ------------------------------------------------------------------------------------------
# the page

with st.sidebar:
    st.markdown("## :material/hub: kgquery")
    st.caption("Ask a knowledge graph in plain language — get the answer, the SPARQL and the evidence.")

ref, ref_error = graph_ref()
if ref_error:
    st.sidebar.error(ref_error)
kg, graph_key = open_graph(ref)
spec, model_label = model_choice()
ss.model_label = model_label

engine = None
if kg is not None:
    ss.graph_key, ss._kg = graph_key, kg
    ss.graphs[graph_key] = kg
    engine = get_engine(graph_key, spec, kg, bool(spec and ss.get("model_verify")))
    ss._engine = engine
    s = kg.schema
    with st.sidebar:
        c1, c2, c3 = st.columns(3)
        c1.metric("Triples", f"{s.triple_count:,}")
        c2.metric("Classes", f"{len(s.classes):,}")
        c3.metric("Properties", f"{len(s.properties):,}")
else:
    ss._engine = None

with st.sidebar:
    st.markdown("### History")
    if ss.history:
        for tid in reversed(ss.history[-20:]):
            t = ss.turns[tid]
            q = t["question"] if len(t["question"]) <= 48 else t["question"][:47] + "…"
            st.button(
                q,
                key=f"hist_{tid}",
                help=f"{t['graph_name']} · {t['model']} — click to show it again",
                on_click=lambda tid=tid: ss.update(shown=tid),
                width="stretch",
            )
        if graph_key and ss.conversations.get(graph_key):
            st.button(
                "New conversation",
                key="new_conv",
                icon=":material/add_comment:",
                on_click=lambda k=graph_key: (ss.conversations.update({k: []}), ss.update(shown=None)),
            )
    else:
        st.caption("Your questions appear here.")

title = graph_key[-1] if graph_key else "no graph"
st.title("Ask your knowledge graph")
if kg is None:
    st.info("Choose a graph in the sidebar: a bundled one, an RDF file of your own, or a SPARQL endpoint.")
    st.stop()

st.markdown(
    f'<div class="kg-muted">Graph <b>{_html(title)}</b> · {kg.triple_count:,} triples · '
    f'generator <b>{_html(model_label)}</b></div>',
    unsafe_allow_html=True,
)

ask_tab, schema_tab, sparql_tab = st.tabs(
    [":material/forum: Ask", ":material/account_tree: Schema", ":material/code: SPARQL"]
)

with ask_tab:
    conv = ss.conversations.setdefault(graph_key, [])
    # a turn picked from the history that is not in this conversation: show it on its own first
    if ss.shown is not None and ss.shown not in conv and ss.shown in ss.turns:
        with st.container(border=True):
            head, close = st.columns([6, 1])
            t = ss.turns[ss.shown]
            head.markdown(f"**From your history** · {_html(t['graph_name'])}")
            close.button("Close", key="close_shown", on_click=lambda: ss.update(shown=None), type="tertiary")
            show_turn(t, full=True)

    job = examples_job(graph_key, kg, get_engine(graph_key, None, kg)) if EXAMPLES else None
    with st.expander(":material/lightbulb: Example questions from this graph", expanded=not conv):
        if job is None:
            st.caption("Example questions are turned off (KGQUERY_APP_EXAMPLES=0).")
        elif job.done():
            try:
                examples = job.result()
            except Exception:
                examples = []
            if examples:
                cols = st.columns(2)
                for i, ex in enumerate(examples):
                    cols[i % 2].button(
                        ex.question, key=f"example_{i}", on_click=submit, args=(ex.question,), width="stretch"
                    )
            else:
                st.caption("No example question could be checked on this graph; just ask.")
        else:
            st.caption("Finding questions this graph can answer …")

    shown = ss.shown if ss.shown in conv else (conv[-1] if conv else None)
    for tid in conv:
        show_turn(ss.turns[tid], full=(tid == shown))
    pending_slot = st.empty()
    st.chat_input(
        "Ask a question, or a follow-up …" if conv else "Ask a question about this graph …",
        key="question_box",
        on_submit=_on_chat,
        max_chars=2000,
    )

with schema_tab:
    s = kg.schema
    m = st.columns(4)
    m[0].metric("Triples", f"{s.triple_count:,}")
    m[1].metric("Classes", f"{len(s.classes):,}")
    m[2].metric("Properties", f"{len(s.properties):,}")
    m[3].metric(
        "Named entities",
        f"{len(kg.labels):,}" if label_function(kg) else "—",
        help="Entities with a name kgquery can match in questions (for an endpoint: after the first question).",
    )
    classes, props = schema_tables(kg)
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown("#### Classes")
        st.dataframe(
            _df(classes),
            hide_index=True,
            width="stretch",
            height=300,
            column_config={"instances": st.column_config.NumberColumn(format="%d")},
        )
        if s.classes:
            ci = st.selectbox(
                "Sample members of",
                range(len(s.classes)),
                key="schema_class",
                format_func=lambda i: f"{s.classes[i].label} ({s.classes[i].count:,})",
            )
            c = s.classes[ci]
            if c.comment:
                st.caption(c.comment)
            st.dataframe(_df(sample_entities(kg, c.iri, 10)), hide_index=True, width="stretch")
    with right:
        st.markdown("#### Properties")
        st.dataframe(_df(props), hide_index=True, width="stretch", height=300)
        if s.properties:
            pi = st.selectbox(
                "Sample uses of",
                range(len(s.properties)),
                key="schema_prop",
                format_func=lambda i: f"{s.properties[i].label} ({s.properties[i].count:,})",
            )
            p = s.properties[pi]
            if p.comment:
                st.caption(p.comment)
            st.dataframe(_df(sample_uses(kg, p.iri, 10)), hide_index=True, width="stretch")

with sparql_tab:
    st.caption(
        "Any read-only query (SELECT, ASK, CONSTRUCT, DESCRIBE) runs here through the same guard, "
        "time limit and row cap as generated queries."
    )
    sparql_editor("free", SAMPLE_SPARQL, graph_key)

wait_for_answer(pending_slot)
