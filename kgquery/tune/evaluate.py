"""Held-out evaluation of a model before and after tuning: execution accuracy, set-F1, valid queries, BLEU.

Each test record's prompt (the conversation `ask` builds) goes to the model through the in-process
backend, greedy and without constrained decoding (so the numbers show what the weights learned),
the query is read from the reply, validated (kgquery.generate.validate: parse, prefixes, known IRIs) and run
through the guarded executor. Execution accuracy: the result set equals the gold one (the
normalisation of kgquery.evaluation.metrics); F1: set-F1 of the values; valid: the query validated
and ran; BLEU: sacrebleu's corpus BLEU of the query text against the target query.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from ..evaluation.metrics import normalize, set_prf
from ..terms import Outcome

STOP = ["\n```\n", "\n\n\n", "\n\nThis ", "\n\nExplanation"]


def score_query(kg, validator, query: str | None, gold: list[str]) -> dict:
    """Validate and run one predicted query; its scores against the gold values."""
    if not query:
        return {"valid": False, "exact": False, "f1": 0.0, "error": "no query in the reply"}
    v = validator.validate(query)
    if not v.ok:
        return {"valid": False, "exact": False, "f1": 0.0, "error": v.errors[0][:200] if v.errors else "invalid"}
    res = kg.query(v.fixed_query, timeout_s=10)
    if res.outcome not in (Outcome.ROWS, Outcome.EMPTY, Outcome.BOOLEAN):
        return {"valid": False, "exact": False, "f1": 0.0, "error": res.message[:200] or res.outcome.value}
    values = res.values()
    f1 = set_prf(values, gold)[2]
    return {"valid": True, "exact": normalize(values) == normalize(gold) or f1 == 1.0, "f1": f1}


def run_model(
    kg,
    records: list[dict],
    spec: str,
    dtype: str | None = None,
    threads: int | None = None,
    batch_size: int = 4,
    max_new_tokens: int = 128,
    progress: bool = True,
) -> dict:
    """Generate, validate, run and score every record with one model; summary plus per-record rows."""
    import sacrebleu
    from tqdm import tqdm

    from ..errors import ModelError
    from ..generate.prompts import extract_query
    from ..generate.validate import Validator
    from ..models.transformers_backend import TransformersChatModel

    t0 = time.perf_counter()
    model = TransformersChatModel(spec, dtype=dtype, threads=threads).load()
    validator = Validator(kg)
    rows = []
    for i in tqdm(range(0, len(records), batch_size), desc=Path(spec).name[:30], disable=not progress, leave=False):
        chunk = records[i : i + batch_size]
        try:
            texts = model.chat_batch([r["messages"] for r in chunk], max_new_tokens=max_new_tokens, stop=STOP)
        except ModelError as e:
            texts = [""] * len(chunk)
            print(f"kgquery: generation failed: {e}")
        for rec, text in zip(chunk, texts):
            query = extract_query(text)
            rows.append(
                {
                    "id": rec["id"],
                    "shape": rec["shape"],
                    "question": rec["question"],
                    "reply": text,
                    "query": query,
                    **score_query(kg, validator, query, rec["answers"]),
                }
            )
    n = len(rows) or 1
    bleu = sacrebleu.corpus_bleu([r["query"] or "" for r in rows], [[rec["sparql"] for rec in records]]).score
    by_shape: dict[str, list[dict]] = {}
    for r in rows:
        by_shape.setdefault(r["shape"], []).append(r)
    return {
        "model": spec,
        "n": len(rows),
        "execution_accuracy": sum(r["exact"] for r in rows) / n,
        "mean_f1": sum(r["f1"] for r in rows) / n,
        "valid_rate": sum(r["valid"] for r in rows) / n,
        "bleu": bleu,
        "by_shape": {
            s: {
                "n": len(v),
                "execution_accuracy": sum(r["exact"] for r in v) / len(v),
                "mean_f1": sum(r["f1"] for r in v) / len(v),
            }
            for s, v in sorted(by_shape.items())
        },
        "seconds": round(time.perf_counter() - t0, 1),
        "rows": rows,
    }


def evaluate(
    kg, data: str | Path, base: str, adapter: str | None = None, limit: int | None = None, split: str = "test", **kw
) -> dict:
    """Scores of the base model and, when given, the tuned one on the same held-out records."""
    from .synth import read_split

    records = read_split(data, split)
    if limit:
        records = records[:limit]
    runs = [dict(run_model(kg, records, base, **kw), label="base")]
    if adapter:
        runs.append(dict(run_model(kg, records, adapter, **kw), label="tuned"))
    return {"data": str(data), "split": split, "n": len(records), "runs": runs}


def markdown_table(result: dict) -> str:
    """The before/after table.

    >>> print(markdown_table({"n": 2, "runs": [{"label": "base", "model": "m", "n": 2, "execution_accuracy": 0.5,
    ...     "mean_f1": 0.5, "valid_rate": 1.0, "bleu": 12.34, "seconds": 3.0}]}))
    | model | questions | execution accuracy | mean F1 | valid queries | BLEU | seconds |
    |---|---|---|---|---|---|---|
    | base (m) | 2 | 0.500 | 0.500 | 1.000 | 12.3 | 3 |
    """
    columns = [
        ("questions", lambda r: str(r["n"])),
        ("execution accuracy", lambda r: f"{r['execution_accuracy']:.3f}"),
        ("mean F1", lambda r: f"{r['mean_f1']:.3f}"),
        ("valid queries", lambda r: f"{r['valid_rate']:.3f}"),
        ("BLEU", lambda r: f"{r['bleu']:.1f}"),
        ("seconds", lambda r: f"{r['seconds']:.0f}"),
    ]
    return runs_table(result, columns, align="---")


def runs_table(result: dict, columns: list, align: str = "--:") -> str:
    """One Markdown row per run (base, tuned): its label and model file, then each (heading, cell) column."""
    lines = [
        "| model | " + " | ".join(h for h, _ in columns) + " |",
        "|---|" + "|".join(align for _ in columns) + "|",
    ]
    for r in result["runs"]:
        cells = " | ".join(cell(r) for _, cell in columns)
        lines.append(f"| {r['label']} ({Path(r['model']).name}) | {cells} |")
    return "\n".join(lines)


def write_result(result: dict, path: str | Path) -> None:
    Path(path).write_text(json.dumps(result, indent=1, ensure_ascii=False), "utf-8")
