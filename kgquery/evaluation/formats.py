"""Question files -> EvalQuestion lists. Four formats, told apart by name and content:

* ``text2sparql``: TEXT2SPARQL YAML (questions.yml: ``question.en``, ``features``, ``query.sparql``);
  gold from a ``*_true_result_set.json`` beside it (key ``<dataset.prefix>:<id>-en``), else from
  running the reference query;
* ``spider4sparql``: Spider4SPARQL ``dev.json`` (``kg_name``/``db_id``, ``question``, ``query``);
  the documented query fixes are applied; gold = the fixed query run on the db's own graph
  (``<kgs>/<db>_triples.ttl`` or ``<kgs>/<db>.ttl``);
* ``qald``: QALD JSON (``{"questions": [...]}`` with ``answers`` bindings or a boolean);
* ``jsonl``: one ``{"id", "question", "answers": [...], "tags"?, "sparql"?}`` per line.

Gold answers are read here, at evaluation time only; nothing of them goes anywhere else.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KgqueryError

SPIDER_NS = "http://valuenet/ontop/"
_SPIDER_ESCAPED = re.compile(r":([A-Za-z_][\w\-]*)\\#([\w\-]+)")


@dataclass
class EvalQuestion:
    """One question to evaluate, with its gold values (None: run ``sparql`` for them)."""

    id: str
    question: str
    gold: list | None = None
    tags: list[str] = field(default_factory=list)
    sparql: str | None = None  # the benchmark's reference query
    db_id: str | None = None  # the per-question graph key (Spider4SPARQL), None: the one --graph
    graph_path: Path | None = None  # that graph's file
    boolean: bool = False  # a yes/no question
    skip: str | None = None  # why it cannot be run (e.g. its graph is missing)


class FormatError(KgqueryError):
    """A question file we cannot read."""


def detect_format(path: str | Path) -> str:
    """'text2sparql', 'spider4sparql', 'qald' or 'jsonl', from the file name and its content."""
    p = Path(path)
    if not p.is_file():
        raise FormatError(f"{p}: no such question file")
    name = p.name.lower()
    if name.endswith((".yml", ".yaml")):
        return "text2sparql"
    if name.endswith(".jsonl"):
        return "jsonl"
    text = p.read_text("utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        if text.lstrip().startswith("{"):
            return "jsonl"
        raise FormatError(f"{p}: neither JSON, JSONL nor YAML") from None
    if isinstance(data, dict) and isinstance(data.get("questions"), list):
        return "qald"
    if isinstance(data, list) and data and isinstance(data[0], dict):
        if ("kg_name" in data[0] or "db_id" in data[0]) and "query" in data[0]:
            return "spider4sparql"
        if "question" in data[0]:
            return "jsonl"  # a JSON list of JSONL-style records
    if isinstance(data, dict) and "question" in data:
        return "jsonl"  # a one-line JSONL file
    raise FormatError(f"{p}: unknown question format (expected TEXT2SPARQL YAML, Spider4SPARQL, QALD JSON or JSONL)")


def load_questions(path: str | Path, kgs: str | Path | None = None) -> list[EvalQuestion]:
    """Read a question file of any supported format (``kgs``: Spider4SPARQL's graph folder)."""
    fmt = detect_format(path)
    return LOADERS[fmt](Path(path), kgs)


# --- TEXT2SPARQL ----------------------------------------------------------------------------

def _pick_lang(q, lang: str = "en") -> str:
    if isinstance(q, str):
        return q
    if isinstance(q, dict):
        return str(q.get(lang) or next(iter(q.values()), ""))
    if isinstance(q, list):  # QALD: [{"language": "en", "string": ...}]
        for item in q:
            if item.get("language") == lang:
                return item.get("string", "")
        return q[0].get("string", "") if q else ""
    return str(q)


def _is_ask(sparql: str | None) -> bool:
    if not sparql:
        return False
    body = re.sub(r"(?im)^\s*(PREFIX|BASE)\s+[^\n]*$|#[^\n]*", " ", sparql)
    return re.match(r"\s*ASK\b", body, re.I) is not None


def _text2sparql_gold(entry: dict, ask: bool) -> list:
    """Gold values from a result-set entry {value: count}; an ASK entry {"true": n} is true iff n > 0."""
    if ask and len(entry) == 1:
        (k, n), = entry.items()
        if str(k).lower() in ("true", "false"):
            val = str(k).lower() == "true"
            return [val if (isinstance(n, (int, float)) and n > 0) else (not val)]
    return list(entry)


def load_text2sparql(path: Path, kgs=None) -> list[EvalQuestion]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as e:
        raise FormatError(f"{path}: bad YAML: {' '.join(str(e).split())[:200]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise FormatError(f"{path}: no 'questions' list")
    prefix = str((data.get("dataset") or {}).get("prefix") or path.parent.name)
    gold_file = path.parent / f"{prefix}_true_result_set.json"
    if not gold_file.is_file():
        gold_file = next(iter(sorted(path.parent.glob("*_true_result_set.json"))), None)
    gold_sets = json.loads(gold_file.read_text("utf-8")) if gold_file else {}
    out = []
    for q in data["questions"]:
        sparql = (q.get("query") or {}).get("sparql")
        tags = [str(t) for t in q.get("features") or []]
        ask = _is_ask(sparql) or "ASK" in tags
        qid = f"{prefix}:{q['id']}-en"
        gold = _text2sparql_gold(gold_sets[qid], ask) if qid in gold_sets else None
        out.append(EvalQuestion(id=qid, question=_pick_lang(q.get("question")), gold=gold, tags=tags,
                                sparql=sparql, boolean=ask))
    return out


# --- Spider4SPARQL --------------------------------------------------------------------------

def fix_spider_query(query: str, db_id: str) -> str:
    r"""The documented fixes (SOURCE.txt): default prefix, ``:X\#Y`` -> full IRI, network_1 class name.

    >>> fix_spider_query(r"SELECT ?n WHERE { ?t a :highschooler . ?t :highschooler\#name ?n }", "network_1")
    'PREFIX : <http://valuenet/ontop/>\nSELECT ?n WHERE { ?t a :high_schooler . ?t <http://valuenet/ontop/high_schooler#name> ?n }'
    """
    if db_id == "network_1":
        query = query.replace(":highschooler", ":high_schooler")
    query = _SPIDER_ESCAPED.sub(lambda m: f"<{SPIDER_NS}{m.group(1)}#{m.group(2)}>", query)
    return f"PREFIX : <{SPIDER_NS}>\n{query}"


def spider_graph_file(kgs: Path, db_id: str) -> Path | None:
    """``<db>_triples.ttl`` or ``<db>.ttl`` (any case, optionally .nt or .gz) in the kgs folder."""
    wanted = {f"{db_id}_triples", db_id}
    wanted = {w.lower() for w in wanted}
    for f in sorted(kgs.iterdir()):
        name = f.name.lower()
        for ext in (".ttl", ".nt", ".ttl.gz", ".nt.gz"):
            if name.endswith(ext) and name[: -len(ext)] in wanted:
                return f
    return None


def load_spider(path: Path, kgs=None) -> list[EvalQuestion]:
    if kgs is None:
        raise FormatError(f"{path}: Spider4SPARQL questions need --kgs DIR (one graph per db_id)")
    kgs = Path(kgs)
    if not kgs.is_dir():
        raise FormatError(f"{kgs}: no such folder (--kgs)")
    data = json.loads(path.read_text("utf-8"))
    files: dict[str, Path | None] = {}
    out = []
    for i, item in enumerate(data):
        db = item.get("db_id") or item.get("kg_name")
        if db not in files:
            files[db] = spider_graph_file(kgs, db)
        sparql = fix_spider_query(item["query"], db)
        out.append(EvalQuestion(
            id=str(item.get("id", i)), question=item["question"], gold=None, tags=[f"db:{db}"],
            sparql=sparql, db_id=db, graph_path=files[db], boolean=_is_ask(sparql),
            skip=None if files[db] else f"no graph for {db} in {kgs}"))
    return out


# --- QALD -----------------------------------------------------------------------------------

def _binding_values(answers: list) -> tuple[list, bool]:
    vals: list = []
    boolean = False
    for a in answers or []:
        if "boolean" in a:
            vals.append(bool(a["boolean"]))
            boolean = True
            continue
        for b in (a.get("results") or {}).get("bindings") or []:
            vals.extend(v["value"] for v in b.values() if isinstance(v, dict) and "value" in v)
    return vals, boolean


def load_qald(path: Path, kgs=None) -> list[EvalQuestion]:
    data = json.loads(path.read_text("utf-8"))
    out = []
    for i, q in enumerate(data["questions"]):
        sparql = (q.get("query") or {}).get("sparql")
        gold, boolean = (_binding_values(q["answers"]) if "answers" in q else (None, False))
        tags = [str(t) for t in q.get("tags") or []]
        if q.get("answertype"):
            tags.append(f"answertype:{q['answertype']}")
        out.append(EvalQuestion(id=str(q.get("id", i)), question=_pick_lang(q.get("question")), gold=gold,
                                tags=tags, sparql=sparql, boolean=boolean or _is_ask(sparql)))
    return out


# --- JSONL ----------------------------------------------------------------------------------

def load_jsonl(path: Path, kgs=None) -> list[EvalQuestion]:
    text = path.read_text("utf-8")
    try:
        data = json.loads(text)
        records = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise FormatError(f"{path}:{n}: bad JSON line: {e.msg}") from None
    out = []
    for i, r in enumerate(records):
        gold = r.get("answers")
        sparql = r.get("sparql")
        if gold is None and not sparql:
            raise FormatError(f"{path}: question {r.get('id', i)} has neither 'answers' nor 'sparql'")
        boolean = bool(gold) and len(gold) == 1 and str(gold[0]).lower() in ("true", "false")
        out.append(EvalQuestion(id=str(r.get("id", i)), question=str(r["question"]), gold=gold,
                                tags=[str(t) for t in r.get("tags") or []], sparql=sparql,
                                boolean=boolean or _is_ask(sparql)))
    return out


LOADERS = {"text2sparql": load_text2sparql, "spider4sparql": load_spider, "qald": load_qald, "jsonl": load_jsonl}
