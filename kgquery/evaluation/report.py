"""The eval report as short Markdown: summary, notes, per tag, per question, ranking."""

from __future__ import annotations

from .compare import ranking

US = "kgquery (this run)"


def _cell(s, width: int = 48) -> str:
    s = " ".join(str(s).split()).replace("|", "\\|")
    return s if len(s) <= width else s[: width - 1] + "…"


def _f(x) -> str:
    return "-" if x is None else f"{x:.2f}"


def trust_line(s: dict) -> str:
    """Coverage, answered precision and F1, confidence AUROC: how far an answer can be trusted."""
    return (
        f"Answered {s.get('answered', 0)} of {s['n']} (coverage {_f3(s['coverage'])}); of these exact "
        f"{_f3(s.get('answered_precision'))} (answered precision), mean F1 {_f3(s.get('answered_mean_f1'))}; "
        f"confidence AUROC {_f3(s.get('confidence_auroc'))}"
        + (" (undefined: the answers are all exact or none is)" if s.get("confidence_auroc") is None else "")
    )


def _f3(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def markdown(report: dict, max_question_rows: int | None = None) -> str:
    """Markdown for people; the JSON report has everything."""
    s = report["summary"]
    comp = report.get("compare") or {}
    teams = sorted(comp)
    out = [f"## kgquery eval: {_cell(s.get('questions_file', ''), 80)}", ""]
    meta = [f"format {s.get('format', '?')}", f"graph {s.get('graph', '?')}", f"model {s.get('model') or 'default'}"]
    out += ["; ".join(meta), ""]
    out += [
        "| n | mean F1 | exact | mean P | mean R | p50 s | p95 s | skipped | gold unavailable |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        f"| {s['n']} | {s['mean_f1']:.3f} | {s['exact']:.3f} | {s.get('mean_precision', 0):.3f} | "
        f"{s.get('mean_recall', 0):.3f} | {s['latency_p50_s']:.3f} | {s['latency_p95_s']:.3f} | "
        f"{s.get('skipped', 0)} | {s.get('gold_unavailable', 0)} |",
        "",
    ]
    out.append("Outcomes: " + ", ".join(f"{k} {v}" for k, v in s["outcomes"].items()))
    if "coverage" in s:
        out.append(trust_line(s))
    if s.get("hindsight_f1") is not None:
        out.append(f"Reach: the best F1 among the candidates that ran, mean {s['hindsight_f1']:.3f} (hindsight)")
    mp = s.get("model_path")
    if mp:
        out.append(
            f"Model queries: valid (parsed and validated) {mp['valid_query_rate']:.3f}, valid at the first "
            f"try {mp['valid_first_rate']:.3f}, answered by the model {mp['model_answered_rate']:.3f}, "
            f"{mp['mean_attempts']:.2f} attempts per question"
        )
    for note in s.get("notes", []):
        out.append(f"**Note:** {note}.")
    out.append("")

    by_tag = s.get("by_tag") or {}
    if by_tag:
        out += ["### By tag", "", "| tag | n | mean F1 | exact |", "|---|--:|--:|--:|"]
        out += [f"| {t} | {v['n']} | {v['mean_f1']:.3f} | {v['exact']:.3f} |" for t, v in by_tag.items()]
        out.append("")

    rows = report["questions"]
    shown = rows if max_question_rows is None else rows[:max_question_rows]
    out += [
        "### Per question",
        "",
        "| id | outcome | F1 | s | " + "".join(f"{t} | " for t in teams) + "question |",
        "|---|---|--:|--:|" + "--:|" * len(teams) + "---|",
    ]
    for r in shown:
        outcome = r["outcome"] or ("skipped" if r.get("skipped") else "no gold")
        secs = "-" if r["seconds"] is None else f"{r['seconds']:.2f}"
        team_cells = "".join(f"{_f(comp[t]['per_question'].get(r['id']))} | " for t in teams)
        out.append(
            f"| {_cell(r['id'], 24)} | {outcome} | {_f(r['f1'])} | {secs} | {team_cells}{_cell(r['question'])} |"
        )
    if len(shown) < len(rows):
        out.append(f"| ... {len(rows) - len(shown)} more in the JSON report | | | |" + " |" * len(teams))

    if comp:
        out += [
            "",
            f"### Ranking by mean F1 over the {s['n']} questions scored here",
            "",
            "| rank | system | mean F1 |",
            "|--:|---|--:|",
        ]
        for i, (name, m) in enumerate(ranking(comp, US, s["mean_f1"]), 1):
            name = f"**{name}**" if name == US else name
            out.append(f"| {i} | {name} | {m:.3f} |")
    return "\n".join(out)
