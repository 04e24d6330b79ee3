"""Rows -> a one- or two-sentence answer that names entities by their labels (no model needed)."""

from __future__ import annotations

import re

from .types import Answer, Term


def _show(t: Term | None, labels: dict[str, str]) -> str:
    if t is None:
        return "(none)"
    if t.is_iri:
        return labels.get(t.value) or t.value
    if (t.datatype or "").endswith(("#decimal", "#double", "#float")) and re.fullmatch(r"-?\d+\.\d{5,}", t.value):
        return f"{float(t.value):.4f}".rstrip("0").rstrip(".")  # an average: 232.1667, not 18 digits
    return t.value


def _join(items: list[str], limit: int = 8) -> str:
    shown = items[:limit]
    more = len(items) - len(shown)
    if more > 0:
        return ", ".join(shown) + f" and {more} more"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def not_sure(ans: Answer) -> str:
    """The abstention said plainly: not sure, and the best attempt (what its query does and what it
    found), not trusted."""
    if not ans.sparql:
        return "I am not sure of the answer: I could not find a query for this question in this graph."
    head = "I am not sure of the answer, so I do not give one."
    what = " ".join((ans.explanation or "").split())
    out = head + (f" My best attempt, not trusted: {what}" if what else " My best attempt is shown, not trusted.")
    found = ans.attempt_values()
    if found:
        shown = [ans.labels.get(v, v) for v in found[:3]]
        out += f" It found {_join(shown, 3)}" + (f" and {len(found) - 3} more" if len(found) > 3 else "") + "."
    return out


def _heading(var: str) -> str:
    """A column's variable as words: the generator names columns after their property and position
    ('template_type_code_0' -> 'template type code')."""
    return re.sub(r"_\d+$", "", var).replace("_", " ").strip() or var


def _cell(var: str, t: Term | None, labels: dict[str, str]) -> str:
    """'count: 2'; a thing under a bare variable ('?g', '?x') is shown by its name alone: 'g: Acme' says nothing."""
    return _show(t, labels) if re.fullmatch(r"[a-z]\d*", var) else f"{_heading(var)}: {_show(t, labels)}"


def verbalize(ans: Answer) -> str:
    """The template answer: used when no model words it."""
    if ans.outcome == "clarify" and ans.clarification:
        return (
            "Which one do you mean: " + _join([lab for _, lab in ans.clarification], 8).replace(" and ", " or ") + "?"
        )
    if ans.outcome == "abstained":
        return not_sure(ans)
    if ans.outcome in ("timed_out", "refused", "failed"):
        return f"The query could not be answered ({ans.outcome.replace('_', ' ')}): {ans.message}"
    if ans.boolean is not None:
        return "Yes." if ans.boolean else "No."
    if ans.outcome == "empty" or not ans.rows:
        return "I found no matching results in the graph."
    if len(ans.vars) == 1 and ans.vars[0] == "count" and len(ans.rows) == 1:
        return f"There are {_show(ans.rows[0][0], ans.labels)}."
    if len(ans.vars) == 1:
        vals = [_show(r[0], ans.labels) for r in ans.rows]
        if len(vals) == 1:
            return f"The answer is {vals[0]}."
        return f"There are {len(vals)} answers: {_join(vals)}."
    parts = ["; ".join(_cell(v, t, ans.labels) for v, t in zip(ans.vars, r)) for r in ans.rows[:5]]
    more = f" (and {len(ans.rows) - 5} more rows)" if len(ans.rows) > 5 else ""
    return f"{len(ans.rows)} result{'s' if len(ans.rows) != 1 else ''}: " + " | ".join(parts) + more + "."


def word_answer(ans: Answer, model, on_token=None) -> None:
    """The answer sentence: by the model when one is configured and words answers (streamed to
    `on_token`), else the template (handed to `on_token` in one piece).

    Here, beside the template, so the model generator (generate/llm.py) can word its answers without
    importing the pipeline that calls it."""
    from ..errors import ModelError

    text = None
    if model is not None and ans.outcome == "answered" and getattr(model, "verbalizes", False):
        try:
            text = model.verbalize(ans, on_token)
        except ModelError:
            text = None
    if text is None:
        ans.text = verbalize(ans)
        if on_token is not None:
            on_token(ans.text)
    else:
        ans.text = text
