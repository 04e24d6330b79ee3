"""How sure the embedded engine is of its chosen query: signals that separate right from wrong.

A raw candidate score says how well the words fit *a* query, not whether the query is right. These
signals look at the chosen query from the outside:

* ``meaning``: cosine similarity between the question and the plain-language explanation of the query
  (sentence embeddings): a query that does something else reads differently;
* ``unexplained``: the share of the question's content words that neither a linked item nor a
  property of the query accounts for ("the favourite colour of X": colour is left over);
* ``margin``: how far the best candidate is ahead of the best one giving a *different* result;
* ``size``/``empty``/``single``: whether the result's size fits what was asked (one thing, a list, a number);
* ``patterns``/``words``/``ask``/``count``/``rank``/``columns``: how much the query and the question
  ask for (triple patterns, content words) and the query's shape: long questions and complex shapes
  are wrong more often, on any graph;
* ``score``: the raw score, kept as one signal among the others.

`confidence` is a logistic model over them. Its weights are fitted by bench/calibrate.py on the
development sets only (ck25, countries, the Spider4SPARQL development graphs) and judged on others;
below `ABSTAIN_BELOW` the engine abstains and shows its attempt.
"""

from __future__ import annotations

import math

#: abstain below this confidence: the model says the answer is more likely wrong than right
ABSTAIN_BELOW = 0.5

#: fitted by bench/calibrate.py (logistic regression, L2) on the development sets ck25, countries and the
#: Spider4SPARQL development graphs (614 questions, each set weighing the same); see bench/RESULTS.md
WEIGHTS = {
    "bias": -1.854,
    "score": 0.442,
    "meaning": 2.585,
    "unexplained": -1.194,
    "margin": 0.121,
    "size": 0.054,
    "empty": -2.048,
    "single": 0.355,
    "linked": 1.938,
    "patterns": -0.286,
    "words": -3.222,
    "ask": 1.932,
    "count": 0.035,
    "rank": 0.181,
    "columns": -0.379,
}
FEATURES = tuple(k for k in WEIGHTS if k != "bias")


def confidence(features: dict[str, float]) -> float:
    """P(the answer is right) from the signals (missing ones count as 0)."""
    z = WEIGHTS["bias"] + sum(WEIGHTS[k] * float(features.get(k, 0.0)) for k in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def margin(tried: list, best_values: list[str]) -> float:
    """Score lead of the best candidate over the best one whose result differs (1.0 when none differs)."""
    if not tried:
        return 0.0
    best = tried[0][1]
    mine = set(best_values)
    for _sparql, s, res in tried[1:]:
        if set(res.values()) != mine:
            return max(0.0, min(1.0, best - s))
    return 1.0


def unexplained(words: list[str], props: set[str], word_scores) -> float:
    """Share of the free content words that no property of the query explains (score < 0.5)."""
    content = [w for w in words if not w.isdigit()]
    if not content:
        return 0.0
    left = [w for w in content if not any(word_scores(w).get(p, 0.0) >= 0.5 for p in props)]
    return len(left) / len(content)


def shape_signals(shape: str, sparql: str, content_words: int) -> dict[str, float]:
    """The chosen query's shape (the engine's own shape names, not a graph's) and its size."""
    return {
        "patterns": sparql.count(" . ") / 5.0,
        "words": content_words / 10.0,
        "ask": float("ask" in shape),
        "count": float("count" in shape or "having" in shape),
        "rank": float("superlative" in shape or "compare" in shape or "most" in shape),
        "columns": float("columns" in shape),
    }


def size_signals(n_rows: int, boolean: bool, count_asked: bool) -> dict[str, float]:
    """Result size: log of the row count, empty, exactly one row (what 'what is'/'how many' expect)."""
    if boolean:
        return {"size": 0.0, "empty": 0.0, "single": 1.0}
    return {"size": math.log1p(n_rows), "empty": float(n_rows == 0), "single": float(n_rows == 1 or count_asked)}
