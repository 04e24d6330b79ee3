"""Question files -> EvalQuestion lists. Four formats, told apart by name and content:

* ``text2sparql``: TEXT2SPARQL YAML (questions.yml: ``question.en``, ``features``, ``query.sparql``);
  gold from a ``*_true_result_set.json`` beside it (key ``<dataset.prefix>:<id>-en``), else from
  running the reference query;
* ``spider4sparql``: Spider4SPARQL ``dev.json`` (``kg_name``/``db_id``, ``question``, ``query``);
  the documented query fixes are applied; gold = the fixed query run on the db's own graph
  (``<kgs>/<db>_triples.ttl`` or ``<kgs>/<db>.ttl``);
* ``qald``: QALD JSON (``{"questions": [...]}`` with ``answers`` bindings or a boolean);
* ``jsonl``: one ``{"id", "question", "answers": [...], "tags"?, "sparql"?}`` per line (``answers`` may
  be a bare ``true``/``false`` for a yes/no question).

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
    except RecursionError:
        raise FormatError(f"{p}: JSON nested too deeply") from None
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
    """Read a question file of any supported format (``kgs``: Spider4SPARQL's graph folder).

    A file of the right format but the wrong shape (a field missing or of another type) is a
    FormatError, one line, never a traceback.
    """
    fmt = detect_format(path)
    try:
        return LOADERS[fmt](Path(path), kgs)
    except FormatError:
        raise
    except RecursionError:
        raise FormatError(f"{path}: nested too deeply to read") from None
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as e:
        what = f"missing field {e}" if isinstance(e, KeyError) else " ".join(str(e).split())[:200]
        raise FormatError(f"{path}: not a valid {fmt} question file ({what})") from None


def _json(text: str, where: str):
    """json.loads with every failure as a one-line FormatError (deep nesting included)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise FormatError(f"{where}: bad JSON: {e.msg} (line {e.lineno})") from None
    except RecursionError:
        raise FormatError(f"{where}: JSON nested too deeply") from None


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
        ((k, n),) = entry.items()
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
    gold_sets = _json(gold_file.read_text("utf-8"), str(gold_file)) if gold_file else {}
    if not isinstance(gold_sets, dict):
        raise FormatError(f"{gold_file}: expected a JSON object of result sets")
    out = []
    for q in data["questions"]:
        sparql = (q.get("query") or {}).get("sparql")
        tags = [str(t) for t in q.get("features") or []]
        ask = _is_ask(sparql) or "ASK" in tags
        qid = f"{prefix}:{q['id']}-en"
        gold = _text2sparql_gold(gold_sets[qid], ask) if qid in gold_sets else None
        out.append(
            EvalQuestion(
                id=qid, question=_pick_lang(q.get("question")), gold=gold, tags=tags, sparql=sparql, boolean=ask
            )
        )
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
    data = _json(path.read_text("utf-8"), str(path))
    files: dict[str, Path | None] = {}
    out = []
    for i, item in enumerate(data):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("question"), str)
            or not isinstance(item.get("query"), str)
        ):
            raise FormatError(f"{path}: item {i} needs a 'question' and a 'query' (strings)")
        db = item.get("db_id") or item.get("kg_name")
        if not isinstance(db, str) or not db:
            raise FormatError(f"{path}: item {i} has no 'db_id' or 'kg_name'")
        if db not in files:
            files[db] = spider_graph_file(kgs, db)
        sparql = fix_spider_query(item["query"], db)
        out.append(
            EvalQuestion(
                id=str(item.get("id", i)),
                question=item["question"],
                gold=None,
                tags=[f"db:{db}"],
                sparql=sparql,
                db_id=db,
                graph_path=files[db],
                boolean=_is_ask(sparql),
                skip=None if files[db] else f"no graph for {db} in {kgs}",
            )
        )
    return out


# --- QALD -----------------------------------------------------------------------------------


class _Shape(ValueError):
    """A QALD answers field of the wrong shape."""


def _binding_values(answers: list) -> tuple[list, bool]:
    """Gold values from QALD ``answers`` ([{"boolean": b}] or [{"results": {"bindings": [...]}}])."""
    if not isinstance(answers, list):
        raise _Shape("'answers' must be a list of SPARQL results")
    vals: list = []
    boolean = False
    for a in answers:
        if not isinstance(a, dict):
            raise _Shape("each of 'answers' must be a SPARQL results object")
        if "boolean" in a:
            if not isinstance(a["boolean"], bool):
                raise _Shape("'boolean' must be true or false")
            vals.append(a["boolean"])
            boolean = True
            continue
        results = a.get("results") or {}
        bindings = results.get("bindings") if isinstance(results, dict) else None
        if not isinstance(bindings, list) or not all(isinstance(b, dict) for b in bindings):
            raise _Shape("'results' must hold a 'bindings' list of objects")
        for b in bindings:
            vals.extend(v["value"] for v in b.values() if isinstance(v, dict) and "value" in v)
    return vals, boolean


def load_qald(path: Path, kgs=None) -> list[EvalQuestion]:
    data = _json(path.read_text("utf-8"), str(path))
    out = []
    for i, q in enumerate(data["questions"]):
        if not isinstance(q, dict):
            raise FormatError(f"{path}: question {i} is not a JSON object")
        if not _pick_lang(q.get("question") or "").strip():
            raise FormatError(f"{path}: question {q.get('id', i)} has no question text")
        if "answers" in q:
            try:
                _binding_values(q["answers"])
            except _Shape as e:
                raise FormatError(f"{path}: question {q.get('id', i)}: {e}") from None
        sparql = (q.get("query") or {}).get("sparql")
        gold, boolean = _binding_values(q["answers"]) if "answers" in q else (None, False)
        tags = [str(t) for t in q.get("tags") or []]
        if q.get("answertype"):
            tags.append(f"answertype:{q['answertype']}")
        out.append(
            EvalQuestion(
                id=str(q.get("id", i)),
                question=_pick_lang(q.get("question")),
                gold=gold,
                tags=tags,
                sparql=sparql,
                boolean=boolean or _is_ask(sparql),
            )
        )
    return out


# --- JSONL ----------------------------------------------------------------------------------


def _jsonl_records(path: Path) -> list[tuple[str, object]]:
    """(where, record) for a JSONL file, a JSON list of records or a single record."""
    text = path.read_text("utf-8")
    try:
        data = json.loads(text)
        return [(f"{path}: record {i + 1}", r) for i, r in enumerate(data if isinstance(data, list) else [data])]
    except RecursionError:
        raise FormatError(f"{path}: JSON nested too deeply") from None
    except json.JSONDecodeError:
        pass
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                out.append((f"{path}:{n}", json.loads(line)))
            except json.JSONDecodeError as e:
                raise FormatError(f"{path}:{n}: bad JSON line: {e.msg}") from None
            except RecursionError:
                raise FormatError(f"{path}:{n}: JSON nested too deeply") from None
    return out


def _jsonl_gold(answers, where: str) -> tuple[list | None, bool]:
    """(gold values, yes/no question): a list of values, or a bare true/false for a yes/no question."""
    if answers is None:
        return None, False
    if isinstance(answers, bool):
        return [answers], True
    if not isinstance(answers, list) or not all(isinstance(a, (str, int, float)) for a in answers):
        raise FormatError(
            f"{where}: 'answers' must be a list of values (strings, numbers, true/false) "
            f"or a bare true/false, not {json.dumps(answers)[:60]}"
        )
    boolean = len(answers) == 1 and str(answers[0]).lower() in ("true", "false")
    return answers, boolean


def load_jsonl(path: Path, kgs=None) -> list[EvalQuestion]:
    out = []
    for i, (where, r) in enumerate(_jsonl_records(path)):
        if not isinstance(r, dict):
            raise FormatError(
                f"{where}: expected a JSON object {{\"id\", \"question\", \"answers\"}}, got a JSON {type(r).__name__}"
            )
        question, sparql, tags = r.get("question"), r.get("sparql"), r.get("tags") or []
        if not isinstance(question, str) or not question.strip():
            raise FormatError(f"{where}: 'question' is missing or not a string")
        if sparql is not None and not isinstance(sparql, str):
            raise FormatError(f"{where}: 'sparql' must be a string")
        if not isinstance(tags, list):
            raise FormatError(f"{where}: 'tags' must be a list")
        gold, boolean = _jsonl_gold(r.get("answers"), where)
        if gold is None and not sparql:
            raise FormatError(f"{where}: question {r.get('id', i)} has neither 'answers' nor 'sparql'")
        out.append(
            EvalQuestion(
                id=str(r.get("id", i)),
                question=question,
                gold=gold,
                tags=[str(t) for t in tags],
                sparql=sparql,
                boolean=boolean or _is_ask(sparql),
            )
        )
    return out


LOADERS = {"text2sparql": load_text2sparql, "spider4sparql": load_spider, "qald": load_qald, "jsonl": load_jsonl}
