"""Scoring: value normalisation, set precision/recall/F1, latency percentiles, the run summary.

Pure functions, no I/O. The rules (also in the eval output and docs):

* values are compared as sets, after normalisation: numbers as numbers ("6" == 6.0 == "6.00",
  rounded to 12 significant digits so engines' float formatting does not matter), booleans as
  booleans ("true"/"false"/True/False; 1/0 too when the other side is a yes/no answer), everything
  else (IRIs, strings) as the stripped string (an IRI written "<...>" loses its brackets);
* empty gold and empty answer -> P = R = F1 = 1; empty gold and any answer -> 0; gold and no
  values -> 0;
* a question without an answer (abstained, failed, timed_out, refused) scores 0 whatever the gold.
"""

from __future__ import annotations

import math
import re
from decimal import Context, Decimal, InvalidOperation
from typing import Iterable, Sequence

#: outcomes that carry an answer set; every other outcome scores 0
SCORED_OUTCOMES = ("answered", "empty")
_NUM = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_CTX = Context(prec=12)


def norm_value(v) -> tuple:
    """A hashable key for one answer value, equal for equal meanings.

    >>> norm_value("6") == norm_value(6.0) == norm_value("6.00") == norm_value(" 6 ")
    True
    >>> norm_value("4.22E0") == norm_value(4.22)
    True
    >>> norm_value("0.33333333333333331") == norm_value("0.333333333333333333")
    True
    >>> norm_value(True), norm_value("FALSE")
    (('bool', True), ('bool', False))
    >>> norm_value("<http://x.org/a>") == norm_value("http://x.org/a")
    True
    >>> norm_value("1_000"), norm_value("NaN")
    (('str', '1_000'), ('str', 'NaN'))
    """
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, (int, float, Decimal)):
        if isinstance(v, float) and not math.isfinite(v):
            return ("str", repr(v))
        return ("num", _CTX.create_decimal(repr(v) if isinstance(v, float) else v).normalize(_CTX))
    s = str(v).strip()
    low = s.lower()
    if low in ("true", "false"):
        return ("bool", low == "true")
    if _NUM.match(s):
        try:
            return ("num", _CTX.create_decimal(s).normalize(_CTX))
        except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
            pass
    if len(s) > 2 and s[0] == "<" and s[-1] == ">" and " " not in s:
        s = s[1:-1]
    return ("str", s)


def normalize(values: Iterable) -> set[tuple]:
    """The set of keys of some values (duplicates and spelling variants collapse).

    >>> sorted(normalize(["a", "a", "<a>"]))
    [('str', 'a')]
    >>> normalize([1]) == {("num", Decimal(1))}
    True
    """
    return {norm_value(v) for v in values}


def _align_booleans(a: set[tuple], b: set[tuple]) -> tuple[set[tuple], set[tuple]]:
    """If either side holds a yes/no value, read numeric 1/0 on both sides as true/false."""
    if not any(k[0] == "bool" for k in a | b):
        return a, b

    def conv(s: set[tuple]) -> set[tuple]:
        out = set()
        for k in s:
            if k[0] == "num" and k[1] in (0, 1):
                out.add(("bool", k[1] == 1))
            else:
                out.add(k)
        return out

    return conv(a), conv(b)


def set_prf(predicted: Iterable, gold: Iterable) -> tuple[float, float, float]:
    """Set precision, recall and F1 of predicted values against gold values.

    >>> set_prf([], [])
    (1.0, 1.0, 1.0)
    >>> set_prf(["x"], [])
    (0.0, 0.0, 0.0)
    >>> set_prf([], ["x"])
    (0.0, 0.0, 0.0)
    >>> set_prf(["6"], [6.0])
    (1.0, 1.0, 1.0)
    >>> set_prf(["a", "b", "c", "d"], ["a", "b"])
    (0.5, 1.0, 0.6666666666666666)
    >>> set_prf(["true"], [1]), set_prf(["false"], [True])
    ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0))
    """
    p, g = _align_booleans(normalize(predicted), normalize(gold))
    if not g and not p:
        return 1.0, 1.0, 1.0
    if not g or not p:
        return 0.0, 0.0, 0.0
    hit = len(p & g)
    if hit == 0:
        return 0.0, 0.0, 0.0
    prec, rec = hit / len(p), hit / len(g)
    return prec, rec, 2 * prec * rec / (prec + rec)


def score(values: Iterable, gold: Iterable, outcome: str) -> tuple[float, float, float]:
    """set_prf, except that a question without an answer set scores 0 even when the gold is empty.

    >>> score([], [], "empty"), score([], [], "abstained")
    ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0))
    """
    if outcome not in SCORED_OUTCOMES:
        return 0.0, 0.0, 0.0
    return set_prf(values, gold)


def percentile(xs: Iterable[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between closest ranks; 0 for no data.

    >>> percentile([1, 2, 3, 4], 50), percentile([5], 95), percentile([], 50)
    (2.5, 5.0, 0.0)
    >>> round(percentile(range(1, 101), 95), 2)
    95.05
    """
    s = sorted(float(x) for x in xs)
    if not s:
        return 0.0
    pos = (len(s) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def auroc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """ROC AUC of ``scores`` for ``labels`` (rank-based, ties share their mean rank); None with one class.

    The chance that a random positive scores above a random negative (ties count half): whether
    the confidence tells right answers from wrong ones, whatever its scale.

    >>> auroc([0.9, 0.8, 0.3, 0.1], [True, True, False, False]), auroc([0.1, 0.9], [True, False])
    (1.0, 0.0)
    >>> auroc([0.5, 0.5, 0.5], [True, False, True]), auroc([0.2, 0.4], [True, True])
    (0.5, None)
    """
    import numpy as np

    if len(scores) != len(labels):
        raise ValueError("scores and labels differ in length")
    y = np.asarray(labels, dtype=bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    x = np.asarray(scores, dtype=float)
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x), dtype=float)
    sorted_x = x[order]
    i = 0
    while i < len(x):  # 1-based ranks; a run of equal scores gets the mean of its ranks
        j = i
        while j + 1 < len(x) and sorted_x[j + 1] == sorted_x[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    u = ranks[y].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))


def selective(rows: list[dict]) -> dict:
    """How far the answers can be trusted: precision and F1 of the answered ones, coverage, AUROC.

    ``answered_precision``: of the questions whose outcome is "answered", the share with F1 == 1;
    ``coverage``: answered / all scored questions; ``confidence_auroc``: ROC AUC of the confidence as
    a score for "F1 == 1" over the scored questions that carry one (None when only one class occurs).
    Outcome "empty" (the query ran and found nothing) is not "answered" here.

    >>> s = selective([dict(f1=1.0, outcome="answered", confidence=0.9),
    ...                dict(f1=0.5, outcome="answered", confidence=0.6),
    ...                dict(f1=0.0, outcome="abstained", confidence=0.2),
    ...                dict(f1=1.0, outcome="empty", confidence=0.6)])
    >>> s["answered"], s["answered_precision"], s["answered_mean_f1"], s["coverage"], s["confidence_auroc"]
    (2, 0.5, 0.75, 0.5, 0.875)
    """
    scored = [r for r in rows if r.get("f1") is not None]
    answered = [r for r in scored if r.get("outcome") == "answered"]
    rated = [r for r in scored if r.get("confidence") is not None]
    return {
        "answered": len(answered),
        "answered_precision": _mean([1.0 if r["f1"] == 1.0 else 0.0 for r in answered]) if answered else None,
        "answered_mean_f1": _mean([r["f1"] for r in answered]) if answered else None,
        "coverage": len(answered) / len(scored) if scored else 0.0,
        "confidence_auroc": auroc([float(r["confidence"]) for r in rated], [r["f1"] == 1.0 for r in rated]),
    }


def summarize(rows: list[dict], outcome_kinds: Iterable[str] = ()) -> dict:
    """Summary of scored per-question rows (dicts with f1, precision, recall, outcome, seconds, tags).

    Rows whose f1 is None (gold unavailable, skipped) are left out of every number.

    >>> rows = [dict(f1=1.0, precision=1.0, recall=1.0, outcome="answered", seconds=1.0, tags=["A"]),
    ...         dict(f1=0.5, precision=0.5, recall=0.5, outcome="answered", seconds=3.0, tags=["A", "B"]),
    ...         dict(f1=0.0, precision=0.0, recall=0.0, outcome="abstained", seconds=2.0, tags=[]),
    ...         dict(f1=None, outcome=None, seconds=None, tags=["B"])]
    >>> s = summarize(rows, ["answered", "abstained", "failed"])
    >>> s["n"], s["mean_f1"], round(s["exact"], 4), s["latency_p50_s"], s["outcomes"]
    (3, 0.5, 0.3333, 2.0, {'answered': 2, 'abstained': 1, 'failed': 0})
    >>> s["by_tag"]
    {'A': {'n': 2, 'mean_f1': 0.75, 'exact': 0.5}, 'B': {'n': 1, 'mean_f1': 0.5, 'exact': 0.0}}
    """
    scored = [r for r in rows if r.get("f1") is not None]
    outcomes = {k: 0 for k in outcome_kinds}
    for r in scored:
        outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
    secs = [r["seconds"] for r in scored if r.get("seconds") is not None]
    by_tag: dict[str, list[float]] = {}
    for r in scored:
        for t in r.get("tags") or []:
            by_tag.setdefault(t, []).append(r["f1"])
    return {
        "n": len(scored),
        **selective(scored),
        "mean_f1": _mean([r["f1"] for r in scored]),
        "exact": _mean([1.0 if r["f1"] == 1.0 else 0.0 for r in scored]),
        "mean_precision": _mean([r.get("precision", 0.0) for r in scored]),
        "mean_recall": _mean([r.get("recall", 0.0) for r in scored]),
        "latency_p50_s": percentile(secs, 50),
        "latency_p95_s": percentile(secs, 95),
        "outcomes": outcomes,
        "by_tag": {
            t: {"n": len(v), "mean_f1": _mean(v), "exact": _mean([1.0 if f == 1.0 else 0.0 for f in v])}
            for t, v in sorted(by_tag.items())
        },
    }
