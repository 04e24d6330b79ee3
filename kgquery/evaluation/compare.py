"""Other systems' per-question scores beside ours (TEXT2SPARQL'25 ``challenge_results/``).

Files ``<TEAM>_<dataset>_eval.json`` hold ``{"<prefix>:<id>-en": {"set_P", "set_recall", "set_F"}}``
(plus an ``average`` entry, ignored: means are recomputed over the questions we evaluated).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import KgqueryError


def team_name(path: Path) -> str:
    """``IIS-L_ck25_eval.json`` -> ``IIS-L``.

    >>> team_name(Path("x/IIS-L_ck25_eval.json")), team_name(Path("WSE_eval.json"))
    ('IIS-L', 'WSE')
    """
    stem = path.name[: -len("_eval.json")] if path.name.endswith("_eval.json") else path.stem
    return stem.rsplit("_", 1)[0] if "_" in stem else stem


def load_team_scores(folder: str | Path) -> dict[str, dict[str, float]]:
    """{team: {question id: set-F1}} from every ``*_eval.json`` in the folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise KgqueryError(f"{folder}: no such folder (--compare)")
    teams: dict[str, dict[str, float]] = {}
    for f in sorted(folder.glob("*_eval.json")):
        try:
            data = json.loads(f.read_text("utf-8"))
        except (OSError, json.JSONDecodeError, RecursionError) as e:
            raise KgqueryError(f"{f}: cannot read: {e}") from None
        teams[team_name(f)] = {
            k: float(v.get("set_F", 0.0)) for k, v in data.items() if isinstance(v, dict) and k != "average"
        }
    if not teams:
        raise KgqueryError(f"{folder}: no *_eval.json files to compare with")
    return teams


def compare(folder: str | Path, question_ids: list[str]) -> dict:
    """Each team's mean F1 over our scored questions (a missing score counts 0) and per question."""
    out = {}
    for team, scores in load_team_scores(folder).items():
        per_q = {qid: scores.get(qid) for qid in question_ids}
        vals = [v or 0.0 for v in per_q.values()]
        out[team] = {
            "mean_f1": sum(vals) / len(vals) if vals else 0.0,
            "mean_f1_all": sum(scores.values()) / len(scores) if scores else 0.0,
            "matched": sum(v is not None for v in per_q.values()),
            "per_question": per_q,
        }
    return out


def ranking(comp: dict, us: str, our_mean: float) -> list[tuple[str, float]]:
    """(system, mean F1), best first, us included.

    >>> ranking({"A": {"mean_f1": 0.5}, "B": {"mean_f1": 0.1}}, "kgquery", 0.3)
    [('A', 0.5), ('kgquery', 0.3), ('B', 0.1)]
    """
    rows = [(t, v["mean_f1"]) for t, v in comp.items()] + [(us, our_mean)]
    return sorted(rows, key=lambda r: -r[1])
