"""Turn query results into text for people (tables) and programs (JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json

from ..terms import Outcome, QueryResult, Term


def cell(t: Term | None, label_of=None, width: int = 60) -> str:
    """One value for display: a label beside an IRI when we know one."""
    if t is None:
        return ""
    if t.is_iri and label_of:
        lab = label_of(t.value)
        s = f"{lab} <{t.value}>" if lab and lab != t.value else f"<{t.value}>"
    else:
        s = t.value
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def table(res: QueryResult, label_of=None, max_rows: int = 50) -> str:
    """A plain text table, or one line saying what happened."""
    if res.outcome == Outcome.BOOLEAN:
        return "yes" if res.boolean else "no"
    if res.outcome == Outcome.EMPTY:
        return "(no rows)"
    if res.outcome != Outcome.ROWS:
        return f"{res.outcome.value}: {res.message}"
    rows = [[cell(t, label_of) for t in r] for r in res.rows[:max_rows]]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(res.vars)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(res.vars, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    more = len(res.rows) - max_rows
    if more > 0:
        lines.append(f"... {more:,} more rows")
    if res.truncated:
        lines.append(f"(truncated: {res.message})")
    return "\n".join(lines)


def to_json(res: QueryResult) -> str:
    """SPARQL-results-like JSON plus kgquery's outcome fields."""

    def term(t: Term | None):
        if t is None:
            return None
        d = {"type": {"iri": "uri"}.get(t.kind, t.kind), "value": t.value}
        if t.datatype:
            d["datatype"] = t.datatype
        if t.lang:
            d["xml:lang"] = t.lang
        return d

    body = {"outcome": res.outcome.value, "message": res.message, "seconds": round(res.seconds, 4)}
    if res.outcome == Outcome.BOOLEAN:
        body["boolean"] = res.boolean
    else:
        body["head"] = {"vars": res.vars}
        body["results"] = {"bindings": [{v: term(t) for v, t in zip(res.vars, r) if t is not None} for r in res.rows]}
        body["truncated"] = res.truncated
    return json.dumps(body, ensure_ascii=False, indent=1)


def to_csv(res: QueryResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    if res.outcome == Outcome.BOOLEAN:
        w.writerow(["boolean"])
        w.writerow(["true" if res.boolean else "false"])
    else:
        w.writerow(res.vars)
        for r in res.rows:
            w.writerow(["" if t is None else t.value for t in r])
    return buf.getvalue()
