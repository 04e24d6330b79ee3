"""Fit the confidence model (kgquery/answer/confidence.py) on the development sets, judge it on others.

Reads the per-question signals and outcomes that bench/eval_sets.py wrote to bench/out/<set>.json,
fits an L2-regularised logistic regression of "the shown attempt is exact (F1 = 1)" on the signals
(Newton's method, numpy only; every set weighs the same, whatever its size), and prints:

* the weights to put in kgquery/answer/confidence.py (WEIGHTS), fitted on the --fit sets together;
* leave-one-graph-out: for each set, AUROC, answered-precision, coverage, precision among the 60% most
  confident and mean F1, every question scored by weights fitted without its graph (each Spider graph
  and each other set is one graph): what a graph the weights never saw gets;
* the same for --judge sets (e.g. spider-heldout, once, at the end) with the weights from --fit.

    python bench/eval_sets.py                         # writes bench/out/{ck25,countries,spider-dev}.json
    python bench/calibrate.py --fit ck25,countries,spider-dev [--judge spider-heldout] [--features a,b,...]

`--fit ...,probes` adds every bench/probes graph together (bench/eval_sets.py --sets probe-<name>,...) as one set of
many graphs (bench/RESULTS.md, twenty-third session: measured, not adopted).

Only outcomes and signals are read: no question, query or answer of a benchmark enters the package.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "out"
sys.path.insert(0, str(OUT.parent.parent))

from kgquery.answer.confidence import ABSTAIN_BELOW, FEATURES, WEIGHTS  # noqa: E402

RIDGE = 1.0


F1S: dict[str, np.ndarray] = {}
GRAPHS: dict[str, np.ndarray] = {}


def _rows(name: str) -> list[dict]:
    """The questions of a set's bench/out file; 'probes<tag>' is every bench/probes graph's file of that tag
    together, one set of many graphs (each question tagged with its graph, the unit left out)."""
    if not name.startswith("probes"):
        return json.loads((OUT / f"{name}.json").read_text())["questions"]
    tag = name.removeprefix("probes")
    rows = []
    for f in sorted(OUT.glob(f"probe-*{tag}.json")):
        graph = f.name.removesuffix(f"{tag}.json")
        if "-" not in graph.removeprefix("probe-"):  # probe-<graph><tag>.json, not another tag's file
            rows += [{**r, "tags": [*r.get("tags", []), f"db:{graph}"]} for r in json.loads(f.read_text())["questions"]]
    return rows


def load(name: str, features: tuple[str, ...] = FEATURES) -> tuple[np.ndarray, np.ndarray]:
    rows = [r for r in _rows(name) if r.get("features")]
    x = np.array([[float(r["features"].get(k, 0.0)) for k in features] for r in rows])
    y = np.array([float(r["f1"] == 1.0 or r.get("attempt_f1") == 1.0) for r in rows])
    F1S[name] = np.array([r["f1"] if r["outcome"] != "abstained" else (r.get("attempt_f1") or 0.0) for r in rows])
    # the graph a question is asked on (Spider's db tag; one graph for the other sets): the unit left out
    GRAPHS[name] = np.array([next((t for t in r.get("tags", []) if t.startswith("db:")), name) for r in rows])
    return x, y


def fit(x: np.ndarray, y: np.ndarray, sw: np.ndarray | None = None) -> np.ndarray:
    """Weights [bias, *FEATURES] by Newton's method on the L2-penalised, sample-weighted log-likelihood
    (bias not penalised)."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    sw = np.ones(len(y)) if sw is None else sw
    w = np.zeros(xb.shape[1])
    pen = np.eye(xb.shape[1]) * RIDGE
    pen[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (sw * (p - y)) + pen @ w
        hess = (xb * (sw * p * (1 - p))[:, None]).T @ xb + pen
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def balance(sets: dict) -> np.ndarray:
    """Sample weights that give every set the same total weight: a large set (hundreds of Spider questions)
    must not decide alone how sure the engine is on every graph."""
    n = sum(len(v[1]) for v in sets.values())
    return np.concatenate([np.full(len(v[1]), n / (len(sets) * len(v[1]))) for v in sets.values()])


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(w[0] + x @ w[1:], -30, 30)))


def auroc(s: np.ndarray, y: np.ndarray) -> float | None:
    pos, neg = s[y == 1], s[y == 0]
    if not len(pos) or not len(neg):
        return None
    return float(((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])).mean())


def judge(
    w: np.ndarray, x: np.ndarray, y: np.ndarray, f1: np.ndarray | None = None, threshold: float = ABSTAIN_BELOW
) -> dict:
    return judge_scores(predict(w, x), y, f1, threshold)


def judge_scores(c: np.ndarray, y: np.ndarray, f1: np.ndarray | None = None, threshold: float = ABSTAIN_BELOW) -> dict:
    """AUROC, coverage, answered precision, precision among the 60% most confident and mean F1 (abstentions 0)
    at the threshold."""
    ans = c >= threshold
    top = np.argsort(-c, kind="stable")[: max(1, round(0.6 * len(c)))]
    out = {
        "n": len(y),
        "auroc": auroc(c, y),
        "coverage": round(float(ans.mean()), 3),
        "answered_precision": round(float(y[ans].mean()), 3) if ans.any() else None,
        "precision_at_0.6": round(float(y[top].mean()), 3),
        "exact_rate": round(float(y.mean()), 3),
    }
    if f1 is not None:
        out["mean_f1"] = round(float((f1 * ans).mean()), 3)
        out["mean_f1_no_abstention"] = round(float(f1.mean()), 3)
    return out


def leave_one_graph_out(sets: dict) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """For every set, each question's confidence from weights fitted without its graph (a Spider graph, or a
    whole other set): what a graph the weights never saw gets. Returns set -> (x, y, confidences)."""
    held = {n: np.zeros(len(y)) for n, (_x, y) in sets.items()}
    for g in np.unique(np.concatenate([GRAPHS[n] for n in sets])):
        rest = {n: (x[GRAPHS[n] != g], y[GRAPHS[n] != g]) for n, (x, y) in sets.items() if (GRAPHS[n] != g).any()}
        w = fit(np.vstack([v[0] for v in rest.values()]), np.concatenate([v[1] for v in rest.values()]), balance(rest))
        for n, (x, _y) in sets.items():
            out = GRAPHS[n] == g
            if out.any():
                held[n][out] = predict(w, x[out])
    return {n: (x, y, held[n]) for n, (x, y) in sets.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", default="ck25,countries,spider-dev")
    ap.add_argument("--judge", default="")
    ap.add_argument("--features", default="", help="comma-separated signals to fit (default: confidence.FEATURES)")
    ap.add_argument(
        "--thresholds",
        type=lambda t: [float(v) for v in t.split(",")],
        default=[ABSTAIN_BELOW],
        help="abstention thresholds to report (comma-separated)",
    )
    args = ap.parse_args()
    feats = tuple(args.features.split(",")) if args.features else FEATURES
    sets = {n: load(n, feats) for n in args.fit.split(",")}
    x = np.vstack([v[0] for v in sets.values()])
    y = np.concatenate([v[1] for v in sets.values()])
    w = fit(x, y, balance(sets))
    print("WEIGHTS = {" + ", ".join(f'"{k}": {v:.3f}' for k, v in zip(("bias",) + feats, w)) + "}")
    print(f"in-sample (all fit sets): {json.dumps(judge(w, x, y))}")
    now = np.array([WEIGHTS["bias"]] + [WEIGHTS[k] for k in FEATURES])
    for name in sets:  # the weights in confidence.py now, for comparison (fitted on earlier outcomes of these sets)
        print(f"weights now, {name} at {ABSTAIN_BELOW}: {json.dumps(judge(now, *load(name), F1S[name]))}")
    for name, (xs, ys, held) in leave_one_graph_out(sets).items():
        for t in args.thresholds:
            print(f"leave-one-graph-out {name} at {t}: {json.dumps(judge_scores(held, ys, F1S[name], t))}")
    for name in filter(None, args.judge.split(",")):
        x2, y2 = load(name, feats)
        for t in args.thresholds:
            print(f"judged {name} (fitted on {args.fit}) at {t}: {json.dumps(judge(w, x2, y2, F1S[name], t))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
