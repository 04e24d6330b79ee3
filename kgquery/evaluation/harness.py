"""Run a question set through the same ``KGQuery.ask`` users get, score it, write the report.

``run_eval`` does the work and returns the report dict; ``run_eval_cli`` is ``kgquery eval``.
Gold answers come from the question file or from running the benchmark's reference query on the
graph (bounded by the graph's own query limits, so a runaway gold query cannot hang the run:
it is reported as "gold unavailable" and left out of every mean).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Union

from ..answer.types import ANSWER_OUTCOMES, Answer, Outcome
from ..graph import KnowledgeGraph
from .formats import EvalQuestion, detect_format, load_questions
from .metrics import score, set_prf, summarize
from .splits import parse_names, select

#: row cap for gold queries (gold sets can be larger than an interactive answer)
GOLD_MAX_ROWS = 100_000

GraphSource = Union[KnowledgeGraph, Callable[[EvalQuestion], KnowledgeGraph]]

SCORING = (
    "set precision/recall/F1 of Answer.values() against the gold values; numbers compared as numbers "
    "(12 significant digits), booleans as booleans (1/0 too for yes/no), IRIs and strings as strings; "
    "empty gold and empty answer = 1, otherwise empty on one side = 0; abstained, failed, timed_out and "
    "refused answers score 0; questions whose gold is unavailable or whose graph is missing are excluded"
)


class GraphLoader:
    """One KnowledgeGraph per db_id (Spider4SPARQL), loaded on first use and then reused."""

    def __init__(self, limits=None, store: str = "oxigraph"):
        self.limits = limits
        self.store = store
        self.graphs: dict[str, KnowledgeGraph] = {}

    def __call__(self, q: EvalQuestion) -> KnowledgeGraph:
        key = q.db_id or str(q.graph_path)
        if key not in self.graphs:
            self.graphs[key] = KnowledgeGraph.load(q.graph_path, store=self.store, limits=self.limits)
        return self.graphs[key]


def gold_values(q: EvalQuestion, kg: KnowledgeGraph, timeout_s: float | None = None) -> tuple[list | None, str, str]:
    """(gold values or None when unavailable, source 'file' or 'query', a note)."""
    if q.gold is not None:
        return list(q.gold), "file", ""
    if not q.sparql:
        return None, "none", "gold unavailable: no answers and no reference query"
    res = kg.query(q.sparql, max_rows=max(kg.limits.max_rows, GOLD_MAX_ROWS), timeout_s=timeout_s)
    if res.outcome in (Outcome.TIMED_OUT, Outcome.FAILED, Outcome.REFUSED):
        return None, "query", f"gold unavailable: reference query {res.outcome.value}: {res.message}"[:300]
    note = f"gold truncated at {len(res.rows):,} rows" if res.truncated else ""
    return res.values(), "query", note


def _ask(engine, question: str) -> tuple[Answer, float]:
    t0 = time.perf_counter()
    try:
        ans = engine.ask(question)
    except Exception as e:  # a bug in ask must not end the run: count it as failed
        ans = Answer(
            question=question,
            text="",
            outcome="failed",
            message=f"ask raised {type(e).__name__}: {' '.join(str(e).split())[:200]}",
        )
    return ans, time.perf_counter() - t0


def _model_generator(engine):
    """The engine's language-model generator (one with `last_run`), or None (embedded default)."""
    try:
        gen = getattr(engine, "generator", None)
    except Exception:  # e.g. a model spec that cannot be read: ask() reports it
        return None
    return gen if hasattr(gen, "last_run") else None


def _model_fields(gen) -> dict:
    """Per question: the model's attempts and whether its query parsed and passed validation."""
    run = gen.last_run
    attempts = [a.outcome for a in run.attempts] if run else []
    return {
        "model_attempts": attempts,
        "model_valid": bool(run and run.valid),
        "model_valid_first": bool(attempts) and attempts[0] not in ("invalid", "no_query"),
        "model_ok": bool(run and run.ok),
    }


def verifier_fields(v: dict) -> dict:
    """Per question: the verifier's verdict, the score of the candidate it chose (else of its best one)
    and every judged candidate's score, best-ranked first.

    >>> verifier_fields({"verdict": "rejected", "chosen": None, "best": 1, "candidates": [{"score": 0.2}, {"score": 0.4}]})
    {'verifier_verdict': 'rejected', 'verifier_score': 0.4, 'verifier_scores': [0.2, 0.4]}
    """
    scores = [c["score"] for c in v.get("candidates") or []]
    pick = v.get("chosen") if v.get("chosen") is not None else v.get("best")
    return {
        "verifier_verdict": v.get("verdict"),
        "verifier_score": scores[pick] if pick is not None else None,
        "verifier_scores": scores,
    }


def model_summary(rows: list[dict]) -> dict | None:
    """Valid-query rate (some attempt parsed and validated), first-try rate, answered-by-model rate.

    >>> model_summary([{"f1": 1.0, "model_valid": True, "model_valid_first": False, "model_ok": True,
    ...                 "model_attempts": ["invalid", "answered"]},
    ...                {"f1": 0.0, "model_valid": False, "model_valid_first": False, "model_ok": False,
    ...                 "model_attempts": []}])
    {'n': 2, 'valid_query_rate': 0.5, 'valid_first_rate': 0.0, 'model_answered_rate': 0.5, 'mean_attempts': 1.0}
    """
    ms = [r for r in rows if r.get("f1") is not None and "model_valid" in r]
    if not ms:
        return None
    n = len(ms)
    return {
        "n": n,
        "valid_query_rate": sum(r["model_valid"] for r in ms) / n,
        "valid_first_rate": sum(r["model_valid_first"] for r in ms) / n,
        "model_answered_rate": sum(r["model_ok"] for r in ms) / n,
        "mean_attempts": sum(len(r["model_attempts"]) for r in ms) / n,
    }


def attempt_values(ans: Answer) -> list[str] | None:
    """The values of an abstention's best attempt, or None when it had none or they are not kept.

    The embedded engine keeps the attempt's rows on an abstention (shown as not trusted); a generator
    that sets ``attempt_rows`` / ``attempt_boolean`` instead is read too, so we can tell how often
    abstaining cost a right answer.
    """
    if ans.outcome != "abstained" or not ans.sparql:
        return None
    rows = getattr(ans, "attempt_rows", None)
    boolean = getattr(ans, "attempt_boolean", None)
    if boolean is not None:
        return ["true" if boolean else "false"]
    if rows:
        return [t.value for r in rows for t in r if t is not None]
    return ans.values() or None


def f1_if_answered(rows: list[dict]) -> float | None:
    """Mean F1 had every abstention's attempt been given as the answer; None unless each attempt's F1 is known."""
    scored = [r for r in rows if r.get("f1") is not None]
    tried = [r for r in scored if r.get("outcome") == "abstained" and r.get("sparql")]
    if not scored or not tried or any("attempt_f1" not in r for r in tried):
        return None
    return sum(r.get("attempt_f1", r["f1"]) for r in scored) / len(scored)


def _row(q: EvalQuestion) -> dict:
    return {
        "id": q.id,
        "question": q.question,
        "sparql": None,
        "values": [],
        "gold": None,
        "f1": None,
        "outcome": None,
        "seconds": None,
        "tags": list(q.tags),
    }


def _ask_and_score(engine, q: EvalQuestion, gold: list[str], row: dict) -> None:
    """Ask one question and fill its row: the answer, its scores against the gold, the model path's
    fields, the best F1 among the candidates that ran, and the shown attempt's F1."""
    gen = _model_generator(engine)
    if gen is not None:
        gen.last_run = None
    ans, secs = _ask(engine, q.question)
    p, r, f = score(ans.values(), gold, ans.outcome)
    row.update(
        sparql=ans.sparql,
        values=ans.values(),
        gold=gold,
        f1=f,
        precision=p,
        recall=r,
        outcome=ans.outcome,
        seconds=round(secs, 4),
        generator=ans.generator,
        confidence=round(ans.confidence, 3),
        timings=ans.timings,
        message=ans.message,
    )
    if gen is not None and not (ans.verification is not None and gen.last_run is None):  # the model wrote SPARQL
        row.update(_model_fields(gen))
    if ans.verification is not None:
        row.update(verifier_fields(ans.verification))
    if ans.tried:
        row["best_tried_f1"] = max(set_prf(res.values(), gold)[2] for _, _, res in ans.tried)
    attempt = attempt_values(ans)
    if attempt is not None:  # the shown attempt, had it been answered
        row.update(attempt_values=attempt, attempt_f1=set_prf(attempt, gold)[2])


def _summary(rows: list[dict], total: int, model: str | None, budget_s: float | None) -> dict:
    """The run's summary: means and outcomes over the scored rows, counts of what was left out, notes."""
    summary = summarize(rows, ANSWER_OUTCOMES)
    summary["questions_total"] = total
    summary["skipped"] = sum(1 for r in rows if r.get("skipped"))
    summary["gold_unavailable"] = sum(1 for r in rows if r.get("gold_unavailable"))
    ms = model_summary(rows)
    if ms is not None:
        summary["model_path"] = ms
        summary["valid_query_rate"] = ms["valid_query_rate"]
    verdicts = Counter(r["verifier_verdict"] for r in rows if r.get("verifier_verdict"))
    if verdicts:
        summary["verifier_verdicts"] = dict(verdicts)
    summary["abstained_attempt_exact"] = sum(1 for r in rows if r.get("attempt_f1") == 1.0)
    unabstained = f1_if_answered(rows)
    if unabstained is not None:
        summary["f1_if_answered"] = unabstained
    best = [r["best_tried_f1"] for r in rows if r.get("best_tried_f1") is not None]
    if best:  # reach: the best F1 among the candidates that ran (the engine stops early once one must win)
        summary["hindsight_f1"] = sum(best) / len(best)
    summary["all_abstained"] = summary["n"] > 0 and summary["outcomes"].get("abstained", 0) == summary["n"]
    over = sum(1 for r in rows if r.get("over_budget"))
    if over:
        summary["over_budget"] = over
    summary["notes"] = _notes(summary, budget_s)
    summary["scoring"] = SCORING
    summary["model"] = model
    summary["date"] = datetime.datetime.now().isoformat(timespec="seconds")
    summary["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    return summary


def _notes(summary: dict, budget_s: float | None) -> list[str]:
    """What a reader of the means must know: all abstained, exact attempts scored 0, questions left out."""
    notes = []
    if summary["all_abstained"]:
        notes.append(f"all {summary['n']} answers were abstentions (no answering stage answered): every F1 is 0")
    if summary["abstained_attempt_exact"]:
        notes.append(
            f"{summary['abstained_attempt_exact']} abstention(s) showed an attempt whose values match "
            f"the gold exactly (attempt_f1 = 1 in the JSON); they score 0"
        )
    if summary["gold_unavailable"]:
        notes.append(
            f"{summary['gold_unavailable']} question(s) have no gold (reference query timed out or "
            f"failed) and are excluded from every mean"
        )
    over = summary.get("over_budget", 0)
    if over:
        notes.append(f"{over} question(s) not run: the time budget of this evaluation ({budget_s:g} s) was used up")
    if summary["skipped"] > over:
        notes.append(f"{summary['skipped'] - over} question(s) skipped (graph missing) and excluded from every mean")
    return notes


def run_eval(
    kg_or_loader: GraphSource,
    questions: list[EvalQuestion],
    model: str | None = None,
    limit: int | None = None,
    progress: bool = True,
    engine_factory=None,
    budget_s: float | None = None,
    engine_options: dict | None = None,
) -> dict:
    """Ask every question (the first ``limit``), score it, and return ``{"summary", "questions"}``.

    ``kg_or_loader``: one KnowledgeGraph for all questions, or a callable question -> graph
    (``GraphLoader`` for Spider4SPARQL). ``engine_factory(kg, model)`` builds the answering engine,
    one per graph; the default is ``KGQuery``, the engine users get. ``budget_s`` bounds the whole run
    (the service's /eval): reference queries get at most the time left, and questions reached after it
    is used up are skipped, so one request cannot hold the server for 25 time limits.
    """
    from tqdm import tqdm

    if engine_factory is None:
        from ..pipeline import KGQuery

        options = engine_options or {}
        engine_factory = lambda kg, model: KGQuery(kg, model=model, **options)  # noqa: E731

    if isinstance(kg_or_loader, KnowledgeGraph):
        kg_fixed = kg_or_loader
        graph_of: Callable[[EvalQuestion], KnowledgeGraph] = lambda q: kg_fixed  # noqa: E731
    else:
        graph_of = kg_or_loader
    qs = questions[:limit] if limit else list(questions)
    engines: dict[int, object] = {}
    rows: list[dict] = []
    bar = tqdm(qs, desc="kgquery eval", unit="q", file=sys.stderr, disable=not progress, dynamic_ncols=True)
    deadline = time.monotonic() + budget_s if budget_s is not None else None
    for q in bar:
        row = _row(q)
        rows.append(row)
        if q.skip:
            row["skipped"] = q.skip
            continue
        left = deadline - time.monotonic() if deadline is not None else None
        if left is not None and left < 0.05:
            row["skipped"] = f"the time budget of this evaluation ({budget_s:g} s) was used up"
            row["over_budget"] = True
            continue
        try:
            kg = graph_of(q)
        except Exception as e:  # e.g. a graph file that does not parse: skip, say why
            row["skipped"] = f"graph not loaded: {' '.join(str(e).split())[:200]}"
            continue
        gold, source, note = gold_values(q, kg, None if left is None else min(kg.limits.timeout_s, left))
        row["gold_source"] = source
        row["reference_sparql"] = q.sparql
        if note:
            row["note"] = note
        if gold is None:
            row["gold_unavailable"] = True
            continue
        engine = engines.get(id(kg))
        if engine is None:
            engine = engines[id(kg)] = engine_factory(kg, model)
        _ask_and_score(engine, q, gold, row)
        scored = [x["f1"] for x in rows if x["f1"] is not None]
        bar.set_postfix(meanF1=f"{sum(scored) / len(scored):.3f}", refresh=False)
    bar.close()

    return {"summary": _summary(rows, len(qs), model, budget_s), "questions": rows}


def _limits(args):
    from ..graph.execute import Limits

    return Limits(
        timeout_s=getattr(args, "timeout", 10.0),
        max_rows=getattr(args, "max_rows", 10_000),
        memory_mb=getattr(args, "memory_mb", 1024),
    )


def run_eval_cli(args) -> int:
    """``kgquery eval``: load questions and graph(s), run, write --json, print Markdown to stdout."""
    from ..graphs import open_graph
    from .compare import compare
    from .report import markdown

    fmt = detect_format(args.questions)
    questions = load_questions(args.questions, getattr(args, "kgs", None))
    questions, note = select(
        questions,
        parse_names(getattr(args, "only", None)),
        parse_names(getattr(args, "exclude", None)),
        getattr(args, "split", None),
    )
    if note:
        print(f"kgquery eval: {note}", file=sys.stderr)
    if fmt == "spider4sparql":
        if getattr(args, "graph", None):
            print(
                "kgquery eval: Spider4SPARQL questions use one graph per db_id from --kgs; --graph ignored",
                file=sys.stderr,
            )
        source: GraphSource = GraphLoader(_limits(args), store=getattr(args, "store", "oxigraph"))
        graph_desc = f"{args.kgs} (one graph per db_id)"
    else:
        source = open_graph(args)
        graph_desc = source.name
    options = (
        {"verify": True, "verify_threshold": args.verify_threshold, "verify_fallback": args.verify_fallback}
        if getattr(args, "verify", False)
        else None
    )
    report = run_eval(
        source,
        questions,
        model=getattr(args, "model", None),
        limit=getattr(args, "limit", None),
        engine_options=options,
    )
    s = report["summary"]
    s.update(format=fmt, questions_file=str(args.questions), graph=graph_desc)
    chosen = {k: getattr(args, k, None) for k in ("only", "exclude", "split") if getattr(args, k, None)}
    if chosen:
        s["selection"] = chosen
    if getattr(args, "compare", None):
        ids = [r["id"] for r in report["questions"] if r["f1"] is not None]
        report["compare"] = compare(args.compare, ids)
        if not any(t["matched"] for t in report["compare"].values()):
            s["notes"].append(f"--compare: no question ids of {args.compare} match ours")
        scored = [r for r in report["questions"] if r["f1"] is not None]
        n_empty = sum(1 for r in scored if not r["gold"])
        if n_empty:
            s["mean_f1_empty_gold_as_0"] = sum(r["f1"] for r in scored if r["gold"]) / len(scored)
            s["notes"].append(
                f"{n_empty} scored question(s) have an empty gold set: we score an empty answer 1 "
                f"there, the 2025 challenge scores gave every team 0 on them; our mean F1 with "
                f"them scored 0: {s['mean_f1_empty_gold_as_0']:.3f}"
            )
    out = getattr(args, "json_out", None)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), "utf-8")
    print(markdown(report))
    if out:
        print(f"\nJSON report: {out}")
    return 0
