"""Fit the confidence model (kgquery/answer/confidence.py) on the development sets, judge it on others.

Reads the per-question signals and outcomes that bench/eval_sets.py wrote to bench/out/<set>.json,
fits an L2-regularised logistic regression of "the shown attempt is exact (F1 = 1)" on the signals
(Newton's method, numpy only; every set weighs the same, whatever its size), and prints:

* the weights to put in kgquery/answer/confidence.py (WEIGHTS), fitted on the --fit sets together;
* leave-one-set-out: for each set, AUROC, answered-precision and coverage with the weights fitted
  on the *other* sets only (what a graph the weights never saw gets);
* the same for --judge sets (e.g. spider-heldout, once, at the end) with the weights from --fit.

    python bench/eval_sets.py                         # writes bench/out/{ck25,countries,spider-dev}.json
    python bench/calibrate.py --fit ck25,countries,spider-dev [--judge spider-heldout]

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

from kgquery.answer.confidence import ABSTAIN_BELOW, FEATURES  # noqa: E402

RIDGE = 1.0


F1S: dict[str, np.ndarray] = {}


def load(name: str) -> tuple[np.ndarray, np.ndarray]:
    rows = [r for r in json.loads((OUT / f"{name}.json").read_text())["questions"] if r.get("features")]
    x = np.array([[float(r["features"].get(k, 0.0)) for k in FEATURES] for r in rows])
    y = np.array([float(r["f1"] == 1.0 or r.get("attempt_f1") == 1.0) for r in rows])
    F1S[name] = np.array([r["f1"] if r["outcome"] != "abstained" else (r.get("attempt_f1") or 0.0) for r in rows])
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
    """AUROC, coverage, answered precision and mean F1 (abstentions 0) at the threshold."""
    c = predict(w, x)
    ans = c >= threshold
    out = {
        "n": len(y),
        "auroc": auroc(c, y),
        "coverage": round(float(ans.mean()), 3),
        "answered_precision": round(float(y[ans].mean()), 3) if ans.any() else None,
        "exact_rate": round(float(y.mean()), 3),
    }
    if f1 is not None:
        out["mean_f1"] = round(float((f1 * ans).mean()), 3)
        out["mean_f1_no_abstention"] = round(float(f1.mean()), 3)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", default="ck25,countries,spider-dev")
    ap.add_argument("--judge", default="")
    ap.add_argument(
        "--thresholds",
        type=lambda t: [float(v) for v in t.split(",")],
        default=[ABSTAIN_BELOW],
        help="abstention thresholds to report (comma-separated)",
    )
    args = ap.parse_args()
    sets = {n: load(n) for n in args.fit.split(",")}
    x = np.vstack([v[0] for v in sets.values()])
    y = np.concatenate([v[1] for v in sets.values()])
    w = fit(x, y, balance(sets))
    print("WEIGHTS = {" + ", ".join(f'"{k}": {v:.3f}' for k, v in zip(("bias",) + FEATURES, w)) + "}")
    print(f"in-sample (all fit sets): {json.dumps(judge(w, x, y))}")
    for name in sets:
        rest = [n for n in sets if n != name]
        if not rest:
            continue
        sub = {n: sets[n] for n in rest}
        wx = fit(np.vstack([v[0] for v in sub.values()]), np.concatenate([v[1] for v in sub.values()]), balance(sub))
        for t in args.thresholds:
            print(
                f"leave-one-set-out {name} (fitted on {','.join(rest)}) at {t}: "
                f"{json.dumps(judge(wx, *sets[name], F1S[name], t))}"
            )
    for name in filter(None, args.judge.split(",")):
        x2, y2 = load(name)
        for t in args.thresholds:
            print(f"judged {name} (fitted on {args.fit}) at {t}: {json.dumps(judge(w, x2, y2, F1S[name], t))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
