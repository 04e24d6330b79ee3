"""Accuracy on the development sets (and, with --heldout, once, the held-out Spider4SPARQL graphs).

Runs every question through the engine users get (``KGQuery.ask``) with the `kgquery eval` harness
and prints, per set: mean F1, answered-precision (exact answers among those answered), coverage
(answered / all), confidence AUROC (confidence as a score for "exact"), the hindsight figure (the best
F1 among the candidates that ran: the generator's reach) and the median ask time. Per-question rows
go to bench/out/<set>.json (not committed) for before/after comparisons and for bench/calibrate.py.

    python bench/eval_sets.py                      # ck25, countries, spider-dev
    python bench/eval_sets.py --sets ck25          # one set
    python bench/eval_sets.py --sets probe-rail,probe-depot   # probe-<name> for each graph in bench/probes
    python bench/eval_sets.py --sets spider-heldout   # the held-out graphs: run once, at the end

The Spider4SPARQL split by graph is fixed (issue 14); nothing of the held-out graphs is read while
developing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"
OUT = ROOT / "bench" / "out"

from kgquery.evaluation.splits import SPIDER_DEV, SPIDER_HELDOUT  # noqa: E402


def auroc(scores: list[float], labels: list[bool]) -> float | None:
    """Rank-based ROC AUC (ties averaged); None with one class only."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _engine_factory(rows_out: list):
    from kgquery.evaluation.metrics import set_prf
    from kgquery.pipeline import KGQuery

    class Recording(KGQuery):
        """The user's engine; also keeps what ran, so the bench can score every executed candidate."""

        # run the top candidates even when they cannot win, for the hindsight figure: the same answer and the
        # same confidence as the users' engine (the margin compares only what that engine runs), slower
        prune = False

        def ask(self, question, **kw):
            ans = super().ask(question, **kw)
            rows_out.append(
                {
                    "question": question,
                    "tried": [(s, sc, r.values()) for s, sc, r in ans.tried],
                    "features": getattr(ans, "features", {}),
                    "explanation": ans.explanation,
                }
            )
            return ans

    def factory(kg, model):
        return Recording(kg, model=model)

    factory.set_prf = set_prf
    return factory


def run_set(name: str, limit: int | None = None, only: set[str] | None = None, tag: str = "") -> dict:
    from kgquery.evaluation.formats import load_questions
    from kgquery.evaluation.harness import GraphLoader, run_eval
    from kgquery.evaluation.metrics import set_prf
    from kgquery.graph import KnowledgeGraph

    if name == "ck25":
        qs = load_questions(SHARED / "ck25" / "questions.yml")
        source = KnowledgeGraph.load(ROOT / "graphs" / "ck25" / "prod-inst.ttl")
    elif name == "countries":
        qs = load_questions(ROOT / "bench" / "countries" / "questions.jsonl")
        source = KnowledgeGraph.load(ROOT / "graphs" / "countries" / "countries.ttl")
    elif name.startswith("probe-"):  # bench/probes: small graphs in idioms the benchmarks lack (development)
        probe = name.removeprefix("probe-")
        qs = load_questions(ROOT / "bench" / "probes" / f"{probe}.jsonl")
        source = KnowledgeGraph.load(ROOT / "bench" / "probes" / f"{probe}.ttl")
    else:
        keep = SPIDER_DEV if name == "spider-dev" else SPIDER_HELDOUT
        qs = load_questions(SHARED / "spider4sparql" / "nl_sparql_pairs" / "dev.json", SHARED / "spider4sparql" / "kgs")
        qs = [q for q in qs if q.db_id in keep and (not only or q.db_id in only)]
        source = GraphLoader()
    recorded: list = []
    t0 = time.time()
    report = run_eval(source, qs, limit=limit, progress=False, engine_factory=_engine_factory(recorded))
    wall = time.time() - t0
    rows = [r for r in report["questions"] if r["f1"] is not None]
    by_q = {}
    for rec in recorded:
        by_q.setdefault(rec["question"], rec)
    for r in rows:
        rec = by_q.get(r["question"], {"tried": [], "features": {}, "explanation": ""})
        r["hindsight_f1"] = max([set_prf(v, r["gold"])[2] for _, _, v in rec["tried"]], default=0.0)
        r["features"] = rec["features"]
        r["n_tried"] = len(rec["tried"])
        r["explanation"] = rec["explanation"]
    n = len(rows)
    answered = [r for r in rows if r["outcome"] == "answered"]
    exact = [r["f1"] == 1.0 for r in rows]
    summary = {
        "set": name,
        "n": n,
        "mean_f1": sum(r["f1"] for r in rows) / max(n, 1),
        "answered_precision": (sum(r["f1"] == 1.0 for r in answered) / len(answered)) if answered else None,
        "answered_mean_f1": (sum(r["f1"] for r in answered) / len(answered)) if answered else None,
        "coverage": len(answered) / max(n, 1),
        "auroc": auroc(
            [r["confidence"] for r in rows], [(r["f1"] == 1.0) or (r.get("attempt_f1") == 1.0) for r in rows]
        ),
        "hindsight_f1": sum(r["hindsight_f1"] for r in rows) / max(n, 1),
        "p50_s": statistics.median([r["seconds"] for r in rows]) if rows else None,
        "exact": sum(exact),
        "wall_s": round(wall, 1),
    }
    if name.startswith("spider"):
        per = {}
        for r in rows:
            db = next((q.db_id for q in qs if q.id == r["id"]), "?")
            per.setdefault(db, []).append(r["f1"])
        summary["per_graph"] = {k: round(sum(v) / len(v), 3) for k, v in sorted(per.items())}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}{tag}.json").write_text(json.dumps({"summary": summary, "questions": rows}, default=str, indent=1))
    return summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="ck25,countries,spider-dev")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--only", help="Spider4SPARQL: these db_ids of the set only (comma-separated)")
    ap.add_argument("--tag", default="", help="suffix for the bench/out file names")
    args = ap.parse_args()
    for name in args.sets.split(","):
        s = run_set(name, args.limit, set(args.only.split(",")) if args.only else None, args.tag)
        fmt = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in s.items()}
        print(json.dumps(fmt), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
