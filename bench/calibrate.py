"""Calibrate the embedded engine's confidence against correctness on the benchmarks (issue 9).

Runs each question set through `kgquery eval`'s harness (the engine users get), records the chosen
candidate's raw score beside the set-F1 of its attempt (abstentions included: their shown attempt is
scored), fits Platt's logistic mapping score -> P(correct) and prints a reliability table (bins of
confidence vs observed exact-answer rate and mean F1, counts, ECE) before and after, in-sample
and crossed (fit on one benchmark, judged on the other).

    python bench/calibrate.py --ck25 ../shared/benchmarks/ck25/questions.yml \
        --countries bench/countries/questions.jsonl [--reuse /tmp/calib.json]

Only outcomes are used (score, F1): no question, query or answer of a benchmark enters the package;
the two fitted constants go into kgquery/pipeline.py (_confidence).
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

RIDGE = 0.1
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def collect(graph: str, questions: str) -> list[dict]:
    """(score, f1, outcome) per question, through the eval harness."""
    from kgquery.cli import resolve_graph_path
    from kgquery.evaluation.formats import load_questions
    from kgquery.evaluation.harness import run_eval
    from kgquery.graph import KnowledgeGraph
    from kgquery.pipeline import KGQuery

    kg = KnowledgeGraph.load(resolve_graph_path(graph))
    scores: dict[str, float | None] = {}

    class Recording(KGQuery):
        def ask(self, question, **kw):
            ans = super().ask(question, **kw)
            scores[question] = ans.score
            return ans

    report = run_eval(kg, load_questions(questions), engine_factory=lambda kg, model: Recording(kg), progress=False)
    out = []
    for r in report["questions"]:
        if r["f1"] is None:
            continue
        f1 = r["f1"] if r["outcome"] != "abstained" else r.get("attempt_f1", 0.0)
        out.append({"bench": graph, "score": scores.get(r["question"]), "f1": f1 or 0.0, "outcome": r["outcome"],
                    "answer_f1": r["f1"], "id": r["id"]})
    return out


def platt(xs: list[float], ys: list[float], iters: int = 200) -> tuple[float, float]:
    """(a, b) of p = 1 / (1 + exp(-(a*x + b))) by Newton's method on the log loss (ys may be fractional)."""
    a, b = 1.0, 0.0
    for _ in range(iters):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in zip(xs, ys):
            p = 1 / (1 + math.exp(-max(-35.0, min(35.0, a * x + b))))
            ga += (p - y) * x
            gb += p - y
            w = p * (1 - p) + 1e-9
            haa += w * x * x
            hab += w * x
            hbb += w
        ga, gb, haa, hbb = ga + RIDGE * (a - 1.0), gb + RIDGE * b, haa + RIDGE, hbb + RIDGE  # keeps a separable set finite
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        da = (hbb * ga - hab * gb) / det
        db = (haa * gb - hab * ga) / det
        da, db = max(-1.0, min(1.0, da)), max(-1.0, min(1.0, db))  # damped: Newton overshoots on flat parts
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-9:
            break
    return a, b


def reliability(confs: list[float], f1s: list[float], bins: int = 5) -> tuple[list[dict], float]:
    """Rows per confidence bin (count, mean confidence, exact-answer rate, mean F1) and the ECE against F1."""
    rows, ece, n = [], 0.0, len(confs)
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        idx = [i for i, c in enumerate(confs) if lo <= c < hi or (k == bins - 1 and c == 1.0)]
        if not idx:
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": 0})
            continue
        mc = sum(confs[i] for i in idx) / len(idx)
        mf = sum(f1s[i] for i in idx) / len(idx)
        acc = sum(1 for i in idx if f1s[i] >= 0.999) / len(idx)
        ece += len(idx) / n * abs(mc - mf)
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(idx), "conf": mc, "exact": acc, "f1": mf})
    return rows, ece


def table(title: str, confs: list[float], f1s: list[float]) -> str:
    rows, ece = reliability(confs, f1s)
    lines = [f"{title} (n={len(confs)}, ECE vs F1 = {ece:.3f})", "",
             "| confidence | n | mean confidence | exact answers | mean F1 |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        if r["n"]:
            lines.append(f"| {r['bin']} | {r['n']} | {r['conf']:.2f} | {r['exact']:.2f} | {r['f1']:.2f} |")
        else:
            lines.append(f"| {r['bin']} | 0 | | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ck25", default=str(REPO.parent / "shared/benchmarks/ck25/questions.yml"))
    ap.add_argument("--countries", default=str(REPO / "bench/countries/questions.jsonl"))
    ap.add_argument("--reuse", help="read/write the collected (score, F1) rows here")
    args = ap.parse_args(argv)
    from kgquery.pipeline import _confidence

    rows = None
    if args.reuse and Path(args.reuse).exists():
        rows = json.loads(Path(args.reuse).read_text())
    if rows is None:
        rows = collect("ck25", args.ck25) + collect("countries", args.countries)
        if args.reuse:
            Path(args.reuse).write_text(json.dumps(rows))
    scored = [r for r in rows if r["score"] is not None]
    none = [r for r in rows if r["score"] is None]
    xs, ys = [r["score"] for r in scored], [r["f1"] for r in scored]
    a, b = platt(xs, ys)
    print(f"questions: {len(rows)} ({len(none)} without any candidate: confidence 0, mean F1 "
          f"{sum(r['f1'] for r in none) / max(len(none), 1):.2f})")
    print(f"Platt fit on both: confidence = 1 / (1 + exp(-({a:.3f} * score + {b:.3f})))\n")
    old = [1 / (1 + math.exp(-2.0 * (x - 1.4))) for x in xs]
    print(table("Previous mapping 1/(1+exp(-2(score-1.4))), both benchmarks", old, ys) + "\n")
    print(table("Package mapping now (kgquery.pipeline._confidence), both benchmarks", [_confidence(x) for x in xs], ys) + "\n")
    print(table("Platt (fitted on both), in-sample", [1 / (1 + math.exp(-(a * x + b))) for x in xs], ys) + "\n")
    for train, test in (("ck25", "countries"), ("countries", "ck25")):
        tr = [r for r in scored if r["bench"] == train]
        te = [r for r in scored if r["bench"] == test]
        a2, b2 = platt([r["score"] for r in tr], [r["f1"] for r in tr])
        print(table(f"Platt fitted on {train} ({a2:.3f}, {b2:.3f}), judged on {test}",
                    [1 / (1 + math.exp(-(a2 * r['score'] + b2))) for r in te], [r["f1"] for r in te]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
