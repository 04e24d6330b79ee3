"""Pure, testable logic behind the Streamlit page (streamlit_app.py beside it); no Streamlit import here.

The page imports it as a sibling module (`import page_support`: Streamlit puts the script's folder on
sys.path); it ships with the page in the wheel (kgquery/_app/). It uses kgquery's public pieces only.

- graph sources: the bundled graphs, an uploaded file (size limit, original extension), an endpoint;
- model choices -> the `model=` string `KGQuery` takes;
- example questions filled from the loaded graph's own classes, entities and properties;
- the schema browser's sample entities;
- the evidence triples (kgquery.answer.evidence.to_graph) rendered to Graphviz DOT or laid out for a chart;
- one clear message per outcome, tables with labels and CSV for answers and hand-edited queries.
"""

from __future__ import annotations

import csv
import hashlib
import inspect
import io
import random
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from kgquery.answer.evidence import to_graph
from kgquery.answer.types import Answer, Outcome, QueryResult, Term
from kgquery.errors import KgqueryError, LoadError
from kgquery.graph.schema import META_NS, RDF_TYPE, local_name, split_name
from kgquery.wording import noun, plural

if TYPE_CHECKING:
    from kgquery.graph import KnowledgeGraph

#: the largest RDF upload the page accepts
MAX_UPLOAD_MB = 50
#: file endings the store reads (compressed variants end in .gz)
RDF_SUFFIXES = (".ttl", ".nt", ".nq", ".trig", ".rdf", ".owl", ".xml", ".jsonld", ".json", ".n3")
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"

# --------------------------------------------------------------------------------------------
# graph sources


def bundled_graphs() -> dict[str, Path]:
    """The graphs shipped in graphs/: short name -> RDF file."""
    from kgquery.graphs import BUNDLED, resolve_graph_path

    out = {}
    if BUNDLED.is_dir():
        for folder in sorted(BUNDLED.iterdir()):
            if folder.is_dir():
                p = resolve_graph_path(folder.name)
                if p.is_file():
                    out[folder.name] = p
    return out


def upload_suffix(filename: str) -> str:
    """The RDF ending of an uploaded file's name, kept so the loader can tell the syntax.

    >>> upload_suffix("My Graph.TTL.gz"), upload_suffix("data.nt"), upload_suffix("notes")
    ('.ttl.gz', '.nt', '')
    """
    suffixes = [s.lower() for s in Path(filename or "").suffixes]
    if not suffixes:
        return ""
    if suffixes[-1] == ".gz" and len(suffixes) >= 2:
        return "".join(suffixes[-2:])
    return suffixes[-1]


def save_upload(data: bytes, filename: str, max_mb: int = MAX_UPLOAD_MB, folder: Path | None = None) -> Path:
    """Write an uploaded file to a temp folder under its own name (same bytes -> same path and fingerprint)."""
    if not data:
        raise LoadError(f"{filename or 'the upload'} is empty")
    if len(data) > max_mb * 1024 * 1024:
        raise LoadError(
            f"{filename} is {len(data) / 1e6:,.1f} MB; the page accepts files up to {max_mb} MB "
            "(use `kgquery ask --graph FILE` for bigger graphs)"
        )
    suffix = upload_suffix(filename)
    if suffix.removesuffix(".gz") not in RDF_SUFFIXES:
        raise LoadError(f"{filename}: not an RDF file ending; use one of {', '.join(RDF_SUFFIXES)} (optionally .gz)")
    digest = hashlib.sha256(data).hexdigest()[:20]
    base = folder or Path(tempfile.gettempdir()) / "kgquery-uploads"
    target_dir = base / digest
    target_dir.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", Path(filename).name[: -len(suffix)] if suffix else Path(filename).name)
    path = target_dir / f"{stem or 'upload'}{suffix}"
    if not path.exists() or path.stat().st_size != len(data):
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


def load_upload(data: bytes, filename: str, max_mb: int = MAX_UPLOAD_MB, limits=None) -> "KnowledgeGraph":
    """Load an uploaded RDF file; raises KgqueryError with one line a user can act on."""
    from kgquery.graph import KnowledgeGraph

    path = save_upload(data, filename, max_mb)
    try:
        kg = KnowledgeGraph.load(path, limits=limits)
    except KgqueryError as e:  # name the file as the user knows it, not our temp path
        raise type(e)(str(e).replace(str(path), filename)) from None
    except Exception as e:  # a loader fault we did not anticipate: still one line, never a traceback
        detail = " ".join(str(e).split())[:200]
        raise LoadError(f"{filename}: could not read it as RDF ({type(e).__name__}: {detail})") from None
    kg.name = filename
    return kg


# --------------------------------------------------------------------------------------------
# models

MODEL_KINDS = ("Embedded (default)", "Transformers model", "OpenAI-compatible server")


def model_spec(kind: str, model: str = "", url: str = "") -> str | None:
    """The `model=` value for KGQuery from the page's choice (None: the embedded default).

    >>> model_spec("Embedded (default)") is None
    True
    >>> model_spec("Transformers model", "HuggingFaceTB/SmolLM2-135M-Instruct")
    'transformers:HuggingFaceTB/SmolLM2-135M-Instruct'
    >>> model_spec("OpenAI-compatible server", "qwen", "http://127.0.0.1:8000/v1/")
    'openai:qwen@http://127.0.0.1:8000/v1'
    >>> model_spec("OpenAI-compatible server", "", "http://127.0.0.1:8000/v1")
    'openai:http://127.0.0.1:8000/v1'
    """
    model, url = (model or "").strip(), (url or "").strip().rstrip("/")
    if kind.startswith("Transformers"):
        if not model:
            raise KgqueryError("give a transformers model: a hub id (org/name), a local folder or a .gguf file")
        return model if model.startswith(("transformers:", "hf:")) else f"transformers:{model}"
    if kind.startswith("OpenAI"):
        if not re.match(r"https?://", url):
            raise KgqueryError("give the server's base URL, e.g. http://127.0.0.1:8000/v1")
        return f"openai:{model}@{url}" if model else f"openai:{url}"
    return None


# --------------------------------------------------------------------------------------------
# example questions


@dataclass
class Example:
    question: str
    kind: str  # attribute / relation / count / superlative / members / average
    quality: int = 0  # lower reads better (plain names before codes)
    verified: bool = False


def _data_classes(kg: "KnowledgeGraph", top: int = 4):
    """The classes worth asking about: the graph's own vocabulary, with members that have several properties."""
    s = kg.schema
    out = [c for c in s.classes if c.count >= 2 and not c.iri.startswith(META_NS) and noun(c.label)]
    ns_count: dict[str, int] = {}
    for c in out:
        ns = re.sub(r"[^/#]*$", "", c.iri)
        ns_count[ns] = ns_count.get(ns, 0) + 1
    main = max(ns_count, key=ns_count.get) if ns_count else ""
    richness = {c.iri: len(_props_of(kg, c.iri)) for c in out}
    out.sort(key=lambda c: (not c.iri.startswith(main), richness[c.iri] < 3, -c.count))
    return out[:top]


def _skip_property(p) -> bool:
    return (
        p.iri in (RDFS_LABEL, RDFS_COMMENT, RDF_TYPE)
        or p.iri.startswith(META_NS)
        or "label" in p.label.lower()
        or "name" in local_name(p.iri).lower()
        or re.search(r"\b(id|code|comment|description|depiction|image|url|homepage)\b", noun(p.label), re.I) is not None
        or not noun(p.label)
        or noun(p.label).split()[-1] in ("of", "in", "for", "to", "by", "with", "at", "on", "from")
    )


def _props_of(kg: "KnowledgeGraph", cls_iri: str):
    """Properties used by members of this class, most used first."""
    out = []
    for p in kg.schema.properties:
        if _skip_property(p):
            continue
        n = dict(p.subject_classes).get(cls_iri, 0)
        if n >= 2:
            out.append((n, p))
    out.sort(key=lambda x: -x[0])
    return [p for _, p in out]


def _display_name(kg: "KnowledgeGraph", iri: str) -> str | None:
    """An entity's name for a question: its label, or its IRI's local name as written ('Brazil', not 'brazil')."""
    lab = kg.labels.label_of(iri)
    if not lab:
        return None
    if lab == split_name(local_name(iri)) or lab == local_name(iri):
        raw = local_name(iri).replace("_", " ")
        if not re.fullmatch(r"[A-Za-z][A-Za-z .'-]*", raw):
            return None  # a code or number, not a name
        return raw
    return lab


def _name_quality(label: str) -> int:
    """0 for a plain name (words), more for codes, numbers and brackets.

    >>> _name_quality("Baldwin Dirksen"), _name_quality("S424-4152456 - Potentiometer"), _name_quality("748,40 EUR")
    (0, 3, 3)
    """
    return (
        any(ch.isdigit() for ch in label)
        + bool(re.search(r"[()\[\],;:/]|\s-\s|^\W", label))
        + bool(re.search(r"\d{3,}", label))
    )


def _named(kg: "KnowledgeGraph", iris: Iterable[str]) -> list[tuple[str, str]]:
    labels = kg.labels
    out = []
    for iri in iris:
        lab = _display_name(kg, iri)
        if not lab or len(lab) > 40 or len(labels.lookup(lab)) != 1:
            continue  # unnamed, too long, or a name several entities share: a poor example
        out.append((iri, lab))
    return out


def _subjects(kg: "KnowledgeGraph", cls_iri: str, prop_iri: str, rng: random.Random) -> list[tuple[str, str, int]]:
    """Named members of the class that have the property: (IRI, name, number of values), best names first."""
    res = kg.query(
        f"SELECT ?e (COUNT(?v) AS ?n) WHERE {{ ?e <{RDF_TYPE}> <{cls_iri}> ; <{prop_iri}> ?v }} GROUP BY ?e LIMIT 300",
        timeout_s=5,
        max_rows=300,
    )
    if res.outcome != Outcome.ROWS:
        return []
    counts = {e.value: int(n.value) for e, n in res.rows if e is not None and e.is_iri and n is not None}
    found = [(iri, lab, counts[iri]) for iri, lab in _named(kg, counts)]
    rng.shuffle(found)
    found.sort(key=lambda x: (_name_quality(x[1]), x[2] > 5))
    return found


def _object_value(kg: "KnowledgeGraph", cls_iri: str, prop_iri: str, rng: random.Random) -> str | None:
    """A named object that a few (2..30) members of the class point at through the property."""
    res = kg.query(
        f"SELECT ?o (COUNT(?e) AS ?n) WHERE {{ ?e <{RDF_TYPE}> <{cls_iri}> ; <{prop_iri}> ?o "
        f"FILTER(isIRI(?o)) }} GROUP BY ?o HAVING(COUNT(?e) >= 2 && COUNT(?e) <= 30) "
        f"ORDER BY DESC(?n) LIMIT 30",
        timeout_s=5,
        max_rows=30,
    )
    if res.outcome != Outcome.ROWS:
        return None
    opts = _named(kg, [o.value for o, _ in res.rows if o is not None])
    if not opts:
        return None
    best = min(_name_quality(lab) for _, lab in opts)
    return rng.choice([lab for _, lab in opts if _name_quality(lab) == best])


def _spread(kg: "KnowledgeGraph", cls_iri: str, prop_iri: str) -> float:
    """Distinct values per use of a numeric property on a class (a superlative over ties is a poor example)."""
    res = kg.query(
        f"SELECT (COUNT(DISTINCT ?v) AS ?d) (COUNT(?v) AS ?n) WHERE {{ ?e <{RDF_TYPE}> <{cls_iri}> ; "
        f"<{prop_iri}> ?v }}",
        timeout_s=5,
        max_rows=1,
    )
    if res.outcome != Outcome.ROWS or not res.rows or res.rows[0][1] is None:
        return 0.0
    d, n = int(res.rows[0][0].value), int(res.rows[0][1].value)
    return d / n if n else 0.0


def candidate_questions(kg: "KnowledgeGraph", seed: str | None = None) -> list[Example]:
    """Example questions from general templates filled with this graph's classes, entities and properties.

    Each is grounded in the data (the entity really has the property, the class has members), ordered
    so the first few show different kinds; `example_questions` then keeps the ones the engine answers.
    """
    rng = random.Random(seed or kg.fingerprint)
    kinds = ("attribute", "count", "relation", "superlative", "having", "average")
    by_kind: dict[str, list[Example]] = {k: [] for k in kinds}
    for rank, c in enumerate(_data_classes(kg)):
        pl, one = plural(c.label), noun(c.label)
        by_kind["count"].append(Example(f"How many {pl} are there?", "count", rank))
        props = _props_of(kg, c.iri)
        lit = [p for p in props if p.is_literal][:4]
        obj = [p for p in props if not p.is_literal][:3]
        for p in lit[:3]:
            for _, lab, n in _subjects(kg, c.iri, p.iri, rng)[:1]:
                what = f"are the {plural(p.label)}" if n > 1 else f"is the {noun(p.label)}"
                by_kind["attribute"].append(
                    Example(f"What {what} of {lab}?", "attribute", _name_quality(lab) * 10 + rank)
                )
        for p in obj[:2]:
            for _, lab, n in _subjects(kg, c.iri, p.iri, rng)[:1]:
                what = f"are the {plural(p.label)}" if n > 1 else f"is the {noun(p.label)}"
                by_kind["relation"].append(
                    Example(f"What {what} of {lab}?", "relation", _name_quality(lab) * 10 + rank)
                )
            val = _object_value(kg, c.iri, p.iri, rng)
            if val:
                by_kind["having"].append(
                    Example(f"Which {pl} have the {noun(p.label)} {val}?", "having", _name_quality(val) * 10 + rank)
                )
        numeric = sorted((p for p in props if p.is_numeric), key=lambda p: -_spread(kg, c.iri, p.iri))
        for p in numeric[:2]:
            by_kind["superlative"].append(Example(f"Which {one} has the highest {noun(p.label)}?", "superlative", rank))
            by_kind["average"].append(Example(f"What is the average {noun(p.label)} of all {pl}?", "average", rank))
    # round-robin over the kinds (best-reading first in each) so the first few show different shapes
    out, seen = [], set()
    queues = [sorted(by_kind[k], key=lambda e: e.quality) for k in kinds]
    while any(queues):
        for q in queues:
            if q:
                ex = q.pop(0)
                if ex.question not in seen:
                    seen.add(ex.question)
                    out.append(ex)
    return out


def example_questions(
    kg: "KnowledgeGraph", ask: Callable[[str], Answer] | None = None, n: int = 6, budget_s: float = 30.0
) -> list[Example]:
    """Up to `n` example questions; with `ask`, only those the engine answers.

    Checking stops after `budget_s` seconds, not counting the first question (which also builds the
    engine's indexes). Kinds are mixed: at most two of a kind while other kinds remain.
    """
    cands = candidate_questions(kg)
    if ask is None:
        return cands[:n]
    good: list[Example] = []
    state = {"t0": None}

    def over() -> bool:
        return state["t0"] is not None and time.perf_counter() - state["t0"] > budget_s

    def check(ex: Example) -> bool:
        try:
            ans = ask(ex.question)
        except Exception:
            return False
        finally:
            if state["t0"] is None:
                state["t0"] = time.perf_counter()
        ex.verified = ans.outcome == "answered" and (bool(ans.rows) or ans.boolean is not None)
        return ex.verified

    later: list[Example] = []
    kinds_used: dict[str, int] = {}
    for ex in cands:
        if len(good) >= n or over():
            break
        if kinds_used.get(ex.kind, 0) >= 2:
            later.append(ex)
        elif check(ex):
            good.append(ex)
            kinds_used[ex.kind] = kinds_used.get(ex.kind, 0) + 1
    for ex in later:  # top up with more of the kinds already shown
        if len(good) >= n or over():
            break
        if check(ex):
            good.append(ex)
    return good


# --------------------------------------------------------------------------------------------
# schema browser


def sample_entities(kg: "KnowledgeGraph", class_iri: str, limit: int = 10) -> list[dict[str, str]]:
    """Some members of a class with their labels (through the safe executor)."""
    res = kg.query(
        f"SELECT ?entity (SAMPLE(?l) AS ?label) WHERE {{ ?entity <{RDF_TYPE}> <{class_iri}> "
        f"OPTIONAL {{ ?entity <{RDFS_LABEL}> ?l }} }} GROUP BY ?entity LIMIT {int(limit)}",
        timeout_s=10,
        max_rows=limit,
    )
    if res.outcome != Outcome.ROWS:
        return []
    label_of = label_function(kg)
    rows = []
    for e, lab in res.rows:
        if e is not None:
            name = (label_of(e.value) if label_of and e.is_iri else None) or (lab.value if lab else None)
            rows.append({"entity": name or local_name(e.value), "IRI": e.value})
    return rows


def sample_uses(kg: "KnowledgeGraph", prop_iri: str, limit: int = 10) -> list[dict[str, str]]:
    """Some subject -> value pairs of a property, with labels."""
    res = kg.query(
        f"SELECT ?subject ?value WHERE {{ ?subject <{prop_iri}> ?value }} LIMIT {int(limit)}",
        timeout_s=10,
        max_rows=limit,
    )
    if res.outcome != Outcome.ROWS:
        return []
    label_of = label_function(kg) or local_name

    def show(t: Term | None) -> str:
        if t is None:
            return ""
        return (label_of(t.value) or t.value) if t.is_iri else t.value

    return [{"subject": show(s), "value": show(v)} for s, v in res.rows]


def label_function(kg: "KnowledgeGraph") -> Callable[[str], str] | None:
    """The label index's lookup; for an endpoint only once the index exists (building it there is a
    crawl of the whole endpoint, which the page never starts just to decorate a table)."""
    if kg.is_endpoint and "labels" not in vars(kg):
        return None
    try:
        return kg.labels.label_of
    except Exception:
        return None


def schema_tables(kg: "KnowledgeGraph") -> tuple[list[dict], list[dict]]:
    """The classes and properties of the schema summary as rows for two tables."""
    s = kg.schema
    classes = [{"class": c.label, "instances": c.count, "IRI": s.short(c.iri), "comment": c.comment} for c in s.classes]
    props = []
    for p in s.properties:
        if p.is_literal:
            rng = ", ".join(s.short(d) for d, _ in p.datatypes[:2]) or "literal"
        else:
            rng = ", ".join(s.short(c) for c, _ in p.object_classes[:2]) or "IRI"
        dom = ", ".join(s.short(c) for c, _ in p.subject_classes[:2])
        props.append(
            {"property": p.label, "uses": p.count, "IRI": s.short(p.iri), "from": dom, "to": rng, "comment": p.comment}
        )
    return classes, props


# --------------------------------------------------------------------------------------------
# outcomes, tables, CSV

#: outcome -> (level, headline); level is a Streamlit call name: success / info / warning / error
OUTCOME_MESSAGES = {
    "answered": ("success", "Answered"),
    "empty": ("info", "The query ran but found nothing: the graph holds no matching facts."),
    "timed_out": ("warning", "The query took too long and was stopped. Try a narrower question or query."),
    "refused": ("error", "Refused: only read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) run here."),
    "failed": ("error", "The query failed to run."),
    "abstained": (
        "warning",
        "Not sure: kgquery found no query it trusts for this question, so it gives no answer. "
        "Its best attempt, if any, is shown with what it does: not trusted.",
    ),
    "clarify": ("info", "That name fits several entities: pick the one you mean."),
}


def outcome_message(outcome: str, message: str = "") -> tuple[str, str]:
    """(level, text) for one outcome: the headline plus the engine's own detail when it has one."""
    outcome = outcome.value if isinstance(outcome, Outcome) else str(outcome)
    outcome = {"rows": "answered", "boolean": "answered"}.get(outcome, outcome)
    level, head = OUTCOME_MESSAGES.get(outcome, ("warning", outcome))
    if message and outcome != "answered":
        return level, f"{head} ({' '.join(message.split())[:300]})"
    return level, head


def result_table(res: QueryResult, label_of: Callable[[str], str] | None = None) -> list[dict[str, str]]:
    """A QueryResult's rows with a label beside each IRI ('label <IRI>'), like Answer.table()."""
    if res.outcome == Outcome.BOOLEAN:
        return [{"answer": "yes" if res.boolean else "no"}]
    out = []
    for r in res.rows:
        d = {}
        for v, t in zip(res.vars, r, strict=False):
            if t is None:
                d[v] = ""
            elif t.is_iri and label_of:
                lab = label_of(t.value)
                d[v] = f"{lab} <{t.value}>" if lab and lab != t.value else t.value
            else:
                d[v] = t.value
        out.append(d)
    return out


def rows_csv(
    vars_: list[str],
    rows: Iterable[tuple[Term | None, ...]],
    labels: Callable[[str], str] | dict | None = None,
    boolean: bool | None = None,
) -> str:
    """CSV of rows: raw values, plus a `<var>_label` column beside each column that holds IRIs."""
    buf = io.StringIO()
    w = csv.writer(buf)
    if boolean is not None:
        w.writerow(["boolean"])
        w.writerow(["true" if boolean else "false"])
        return buf.getvalue()
    rows = list(rows)
    lab = labels.get if isinstance(labels, dict) else labels
    iri_cols = {i for i in range(len(vars_)) if lab and any(r[i] is not None and r[i].is_iri for r in rows)}
    header = []
    for i, v in enumerate(vars_):
        header.append(v)
        if i in iri_cols:
            header.append(f"{v}_label")
    w.writerow(header)
    for r in rows:
        line = []
        for i, t in enumerate(r):
            line.append("" if t is None else t.value)
            if i in iri_cols:
                line.append((lab(t.value) or "") if t is not None and t.is_iri else "")
        w.writerow(line)
    return buf.getvalue()


def answer_csv(ans: Answer) -> str:
    return rows_csv(ans.vars, ans.rows, ans.labels, ans.boolean)


# --------------------------------------------------------------------------------------------
# the evidence graph


def _short(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _evidence_graph(triples: list[tuple[Term, Term, Term]], labels, prop_labels, limit: int):
    """The first `limit` evidence triples as kgquery's evidence graph (entities named by `labels`,
    predicates by `prop_labels` only: without them, local names)."""
    return to_graph(triples[:limit], labels, prop_labels if prop_labels is not None else {})


def _dot_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def evidence_dot(triples: list[tuple[Term, Term, Term]], labels=None, prop_labels=None, limit: int = 40) -> str:
    """Graphviz DOT for the evidence (st.graphviz_chart draws it in the browser; no system graphviz)."""
    g = _evidence_graph(triples, labels, prop_labels, limit)
    ids = {n: f"n{i}" for i, n in enumerate(g.nodes)}
    lines = [
        "digraph evidence {",
        '  graph [rankdir=LR, bgcolor="transparent", pad=0.2, nodesep=0.25, ranksep=0.6];',
        '  node [fontname="Helvetica", fontsize=12, style="filled,rounded", shape=box, penwidth=1.2];',
        '  edge [fontname="Helvetica", fontsize=11, color="#7a869a", fontcolor="#42526e", arrowsize=0.7];',
    ]
    for n, d in g.nodes(data=True):
        if d["kind"] == "literal":
            style = 'shape=note, fillcolor="#fff4e5", color="#f59f00"'
        else:
            style = 'fillcolor="#e7f0ff", color="#3b6fd8"'
        label, tooltip = _dot_str(_short(d["label"], 32)), _dot_str(d["term"].value)
        lines.append(f"  {ids[n]} [label={label}, tooltip={tooltip}, {style}];")
    for u, v, iri, d in g.edges(keys=True, data=True):
        lines.append(f"  {ids[u]} -> {ids[v]} [label={_dot_str(_short(d['label'], 28))}, tooltip={_dot_str(iri)}];")
    lines.append("}")
    return "\n".join(lines)


def evidence_layout(
    triples: list[tuple[Term, Term, Term]], labels=None, prop_labels=None, limit: int = 40, seed: int = 7
):
    """Node and edge rows with networkx spring-layout positions, for an interactive (zoom, hover) chart."""
    import networkx as nx

    g = _evidence_graph(triples, labels, prop_labels, limit)
    if not g.nodes:
        return [], []
    pos = nx.spring_layout(nx.Graph(g), seed=seed, k=2.0 / max(len(g) ** 0.5, 1), iterations=100)
    nodes = [
        {
            "x": float(pos[n][0]),
            "y": float(pos[n][1]),
            "label": _short(d["label"], 32),
            "value": d["term"].value,
            "kind": d["kind"],
        }
        for n, d in g.nodes(data=True)
    ]
    edges = []
    for u, v, iri, d in g.edges(keys=True, data=True):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        edges.append(
            {
                "x": float(x1),
                "y": float(y1),
                "x2": float(x2),
                "y2": float(y2),
                "mx": float((x1 + x2) / 2),
                "my": float((y1 + y2) / 2),
                "label": _short(d["label"], 28),
                "iri": iri,
            }
        )
    return nodes, edges


# --------------------------------------------------------------------------------------------
# asking (with room for conversation and clarification features of the engine)


def ask_kwargs(
    engine,
    history: list[Answer] | None = None,
    choice: str | None = None,
    on_token: Callable[[str], None] | None = None,
) -> dict:
    """Keyword arguments for `engine.ask` that this engine understands: the conversation so far
    (`history`), a clarification choice (`choice`), a streaming callback (`on_token`). An engine
    without them gets the plain question."""
    try:
        params = inspect.signature(engine.ask).parameters
    except (TypeError, ValueError):
        return {}
    kw = {}
    if history and "history" in params:
        kw["history"] = list(history)
    if choice and "choice" in params:
        kw["choice"] = choice
    if on_token is not None and "on_token" in params:
        kw["on_token"] = on_token
    return kw


def clarified_question(question: str, label: str) -> str:
    """The question re-asked with the chosen entity named in full, for engines without a `choice` argument.

    >>> clarified_question("What is the phone of Baldwin?", "Baldwin Dirksen")
    'What is the phone of Baldwin? (I mean Baldwin Dirksen)'
    """
    return f"{question.rstrip()} (I mean {label})"


def format_timings(timings: dict[str, float]) -> list[dict[str, str | float]]:
    """Per-stage timings as table rows (milliseconds), total last."""
    rows = [{"stage": k, "ms": round(v * 1000, 1)} for k, v in timings.items() if k != "total"]
    if "total" in timings:
        rows.append({"stage": "total", "ms": round(timings["total"] * 1000, 1)})
    return rows


Namer = Callable[[str], "str | None"]


def graph_namers(kg: "KnowledgeGraph", ans: Answer | None = None) -> tuple[Namer, Namer]:
    """(entity namer, property namer) for evidence drawings: the answer's labels, the label index, the schema."""
    index_label = label_function(kg)
    known = ans.labels if ans is not None else {}

    def entity(iri: str) -> str | None:
        if iri in known:
            return known[iri]
        return index_label(iri) if index_label is not None else None

    def prop(iri: str) -> str | None:
        try:
            p = kg.schema.prop(iri)
        except Exception:
            p = None
        return noun(p.label) if p is not None and noun(p.label) else None

    return entity, prop


def verification_rows(ans: Answer) -> list[dict[str, str | float]]:
    """The verifier's judgement (`--verify`) as table rows: each candidate it judged with its P(yes), the
    chosen one marked; empty without a verifier.

    >>> a = Answer(question="q", text="", verification={"chosen": 0, "candidates": [
    ...     {"score": 0.91, "explanation": "Finds the age of Ada.", "results": 1, "sample": ["36"]}]})
    >>> verification_rows(a)
    [{'chosen': '✓', 'P(yes)': 0.91, 'what the query does': 'Finds the age of Ada.', 'results': '36'}]
    """
    v = ans.verification or {}
    return [
        {
            "chosen": "✓" if i == v.get("chosen") else "",
            "P(yes)": c["score"],
            "what the query does": c.get("explanation", ""),
            "results": "; ".join(c.get("sample") or [])
            + (" …" if c.get("results", 0) > len(c.get("sample") or []) else ""),
        }
        for i, c in enumerate(v.get("candidates") or [])
    ]
