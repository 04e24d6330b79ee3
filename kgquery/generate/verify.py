"""A language model as verifier: does this executed candidate answer the question? (issue 19)

Checking is narrower than writing. For the few best executed candidates of the embedded generator
(distinct results only, best-scored first), the model is shown the question, the candidate's
plain-language explanation (kgquery/answer/explain.py, read from the query's algebra) and a few of its
result values, and asked "yes" or "no". The score is P(yes) / (P(yes) + P(no)) of the next token, from
one forward pass (in process) or from the server's logprobs: no text is generated. The best-scored
candidate at or above the threshold is chosen; when none reaches it the question is not answered
(or handed to the model's own SPARQL writing, when configured).

The prompt is generic: it names no graph, no benchmark and no vocabulary.
"""

from __future__ import annotations

import time

from ..terms import Outcome, QueryResult

#: candidates the verifier judges per question (the best-scored one of each distinct result)
VERIFY_TOP = 3
#: a candidate is accepted at or above this P(yes)
VERIFY_THRESHOLD = 0.5
#: result values shown to the verifier per candidate
SAMPLE_VALUES = 5

SYSTEM = (
    "You check whether a database query answers a question. You see the question, what the query "
    "does, and some of its results. Reply with one word: yes or no."
)


def verify_messages(question: str, explanation: str, sample: list[str], n_results: int) -> list[dict]:
    """The verifier's conversation for one candidate (generic: the same for every graph).

    >>> m = verify_messages("Who leads X?", "Finds the leader of X.", ["Ann"], 1)
    >>> print(m[1]["content"])
    Question: Who leads X?
    Query: Finds the leader of X.
    Results (1): Ann
    Does this query answer the question? Answer yes or no.
    """
    shown = "; ".join(sample) if sample else "(none)"
    more = f"; ... ({n_results - len(sample)} more)" if n_results > len(sample) else ""
    user = (
        f"Question: {question}\n"
        f"Query: {explanation or 'a query over the graph'}\n"
        f"Results ({n_results}): {shown}{more}\n"
        "Does this query answer the question? Answer yes or no."
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def result_sample(res: QueryResult, label_of=None, limit: int = SAMPLE_VALUES) -> tuple[list[str], int]:
    """(up to `limit` result rows as short text, IRIs by their labels; the number of results)."""
    if res.outcome == Outcome.BOOLEAN:
        return ["yes" if res.boolean else "no"], 1
    out = []
    for row in res.rows[:limit]:
        cells = []
        for t in row:
            if t is None:
                continue
            text = (label_of(t.value) if label_of and t.is_iri else None) or t.value
            cells.append(text[:80])
        out.append(", ".join(cells) if cells else "(empty)")
    return out, len(res.rows)


def _result_key(res: QueryResult) -> tuple:
    """What tells two results apart (the values as a set)."""
    if res.outcome == Outcome.BOOLEAN:
        return ("boolean", res.boolean)
    return ("rows", frozenset(res.values()))


def pick_candidates(tried: list, top: int = VERIFY_TOP) -> list[tuple[str, float, QueryResult]]:
    """The best-scored candidate of each distinct non-empty result, best first, at most `top`."""
    seen: set = set()
    out = []
    for sparql, score, res in tried:
        if res.outcome not in (Outcome.ROWS, Outcome.BOOLEAN):
            continue
        key = _result_key(res)
        if key in seen:
            continue
        seen.add(key)
        out.append((sparql, score, res))
        if len(out) >= top:
            break
    return out


def score_candidate(model, question: str, explanation: str, res: QueryResult, label_of=None) -> float:
    """P(yes) that this candidate answers the question (the model's `yes_probability`)."""
    from ..errors import ModelError

    if not hasattr(model, "yes_probability"):
        raise ModelError(f"{getattr(model, 'name', model)} cannot score (no yes_probability)")
    sample, n = result_sample(res, label_of)
    return float(model.yes_probability(verify_messages(question, explanation, sample, n)))


def verify(
    model,
    kg,
    question: str,
    tried: list,
    top: int = VERIFY_TOP,
    threshold: float = VERIFY_THRESHOLD,
) -> dict:
    """Judge the best executed candidates; the verification record an Answer carries.

    ``{"model", "threshold", "candidates": [{"sparql", "explanation", "sample", "results", "rank_score",
    "score"}], "chosen": index or None, "verdict": "accepted" | "rejected" | "nothing to check",
    "seconds"}``. Raises ModelError when the model cannot score (the caller decides what then).
    """
    from ..answer.explain import explain

    t0 = time.perf_counter()
    try:
        label_of = kg.labels.label_of
    except Exception:
        label_of = None
    judged = []
    for sparql, rank_score, res in pick_candidates(tried, top):
        explanation = explain(sparql, kg, label_of)
        sample, n = result_sample(res, label_of)
        judged.append(
            {
                "sparql": sparql,
                "explanation": explanation,
                "sample": sample,
                "results": n,
                "rank_score": round(float(rank_score), 4),
                "score": round(score_candidate(model, question, explanation, res, label_of), 4),
            }
        )
    best = max(range(len(judged)), key=lambda i: (judged[i]["score"], -i), default=None)
    if best is None:
        verdict, chosen = "nothing to check", None
    elif judged[best]["score"] >= threshold:
        verdict, chosen = "accepted", best
    else:
        verdict, chosen = "rejected", None
    return {
        "model": getattr(model, "name", str(model)),
        "threshold": threshold,
        "candidates": judged,
        "chosen": chosen,
        "best": best,
        "verdict": verdict,
        "seconds": round(time.perf_counter() - t0, 3),
    }


def result_of(tried: list, sparql: str) -> QueryResult | None:
    """The result a candidate query returned when it ran."""
    return next((res for s, _, res in tried if s == sparql), None)
