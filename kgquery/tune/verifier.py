"""Verifier data and scores from one graph (issue 19): `kgquery tune synth --task verify`, `tune eval` on it.

Examples come from the graph itself. Each question/query pair `synth` already builds and verifies by
execution (synth.py) is asked of the embedded generator; its best executed candidates with distinct
results (as `ask --verify` shows them to the verifier) become examples, labelled by their result:
"yes" when it equals the pair's verified result, "no" otherwise (hard negatives: the generator's own
near misses for the same question). The pair's own query is a "yes" example too. The prompt is the one
`ask --verify` sends (kgquery/generate/verify.py). Records keep the pair's split (by entity), so
held-out examples are about entities training never shows. The target is one token, 'yes' or 'no'.

Evaluation scores every record with P(yes) (one forward pass, in process), before and after tuning:
accuracy at 0.5, AUROC, and per question whether the top-scored candidate is a right one.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from ..evaluation.metrics import auroc, normalize
from ..terms import Outcome

#: candidates per question taken as examples (the verifier judges 3 at ask time; one more for variety)
CANDIDATES = 4


def _label(res, gold: list[str]) -> bool:
    """True when a candidate's result is the verified one."""
    if res.outcome == Outcome.BOOLEAN:
        return [str(res.boolean).lower()] == gold
    return normalize(res.values()) == normalize(gold)


def question_examples(engine, kg, pair, label_of) -> list[dict]:
    """The verifier examples of one synthesised pair: its own query and the generator's candidates."""
    from ..answer.explain import explain
    from ..generate.verify import pick_candidates, result_sample, verify_messages
    from ..pipeline import _read_and_link

    q, links, pinned = _read_and_link(pair.question, engine.linker, None)
    ans = engine._grounded(pair.question, q, links, engine.generator, pinned, None, {}, prune=False)
    gold_res = kg.query(pair.sparql, timeout_s=10, max_rows=1000)
    items = [(pair.sparql, gold_res, "pair")] + [
        (s, r, "candidate") for s, _, r in pick_candidates(ans.tried, CANDIDATES)
    ]
    out, seen = [], set()
    for sparql, res, source in items:
        if sparql in seen:
            continue
        seen.add(sparql)
        explanation = explain(sparql, kg, label_of)
        sample, n = result_sample(res, label_of)
        yes = _label(res, pair.answers)
        out.append(
            {
                "shape": pair.shape,
                "question": pair.question,
                "candidate": sparql,
                "source": source,
                "explanation": explanation,
                "sample": sample,
                "label": int(yes),
                "target": "yes" if yes else "no",
                "sparql": "yes" if yes else "no",  # what `tune train` reads as the target
                "keys": pair.keys,
                "messages": verify_messages(pair.question, explanation, sample, n),
            }
        )
    return out


def synthesize_verify(
    kg, out: str | Path, per_shape: int = 60, seed: int = 0, embeddings: bool | None = None, progress: bool = True
) -> dict:
    """Write verifier examples as train/validation/test.jsonl (split by entity) and report.json; return the report."""
    from tqdm import tqdm

    from ..pipeline import KGQuery
    from .synth import SPLITS, Synthesizer

    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    engine = KGQuery(kg, model=None, embeddings=embeddings)
    syn = Synthesizer(kg, seed)
    pairs = syn.pairs(per_shape)
    label_of = kg.labels.label_of
    by_split: dict[str, list[dict]] = defaultdict(list)
    for i, pair in enumerate(tqdm(pairs, desc="verifier examples", disable=not progress, leave=False)):
        split = syn.split(pair.keys[0])
        for j, rec in enumerate(question_examples(engine, kg, pair, label_of)):
            by_split[split].append({"id": f"{split[:2]}{i:05d}.{j}", "qid": i, **rec})
    for split in SPLITS:
        with open(out / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for rec in by_split.get(split, []):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    report = {
        "task": "verify",
        "graph": kg.name,
        "triples": kg.triple_count,
        "seed": seed,
        "per_shape": per_shape,
        "pairs": len(pairs),
        "totals": {s: len(by_split.get(s, [])) for s in SPLITS},
        "labels": {s: dict(Counter(r["target"] for r in by_split.get(s, []))) for s in SPLITS},
        "counts": {s: dict(Counter(r["shape"] for r in by_split.get(s, []))) for s in SPLITS},
        "dropped": dict(syn.dropped),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    (out / "report.json").write_text(json.dumps(report, indent=1), "utf-8")
    return report


def score_records(records: list[dict], spec: str, threads: int | None = None, progress: bool = True) -> dict:
    """P(yes) of every record with one model (in process); accuracy at 0.5, AUROC and pick accuracy."""
    from tqdm import tqdm

    from ..models.transformers_backend import TransformersChatModel

    t0 = time.perf_counter()
    model = TransformersChatModel(spec, threads=threads).load()
    scores = [
        model.yes_probability(r["messages"])
        for r in tqdm(records, desc=Path(spec).name[:30], disable=not progress, leave=False)
    ]
    labels = [bool(r["label"]) for r in records]
    return {
        "model": spec,
        **verifier_metrics(scores, labels, [r.get("qid") for r in records], [r.get("source") for r in records]),
        "seconds": round(time.perf_counter() - t0, 1),
        "scores": [round(s, 4) for s in scores],
    }


def verifier_metrics(scores: list[float], labels: list[bool], qids: list, sources: list | None = None) -> dict:
    """Accuracy at 0.5, AUROC, and pick accuracy: per question (over the generator's candidates only, as
    at ask time), how often the top-scored candidate is a right one, among questions that have one.

    >>> m = verifier_metrics([0.9, 0.2, 0.3, 0.6], [True, False, True, False], [1, 1, 2, 2])
    >>> m["accuracy"], m["auroc"], m["pick_accuracy"], m["positives"]
    (0.5, 0.75, 0.5, 2)
    """
    n = len(scores) or 1
    by_q: dict = defaultdict(list)
    for s, y, q, src in zip(scores, labels, qids, sources or [None] * len(scores)):
        if src != "pair":
            by_q[q].append((s, y))
    pickable = [c for c in by_q.values() if any(y for _, y in c)]
    return {
        "n": len(scores),
        "positives": sum(labels),
        "accuracy": sum((s >= 0.5) == y for s, y in zip(scores, labels)) / n,
        "auroc": auroc(scores, labels),
        "mean_p_yes": sum(scores) / n,
        "pick_accuracy": sum(max(c)[1] for c in pickable) / len(pickable) if pickable else None,
        "pick_questions": len(pickable),
    }


def evaluate_verifier(
    data: str | Path, base: str, adapter: str | None = None, limit: int | None = None, split: str = "test", **kw
) -> dict:
    """Verifier scores of the base model and, when given, the tuned one on the same held-out records."""
    from .synth import read_split

    records = read_split(data, split)
    if limit:
        records = records[:limit]
    runs = [dict(score_records(records, base, **kw), label="base")]
    if adapter:
        runs.append(dict(score_records(records, adapter, **kw), label="tuned"))
    return {"task": "verify", "data": str(data), "split": split, "n": len(records), "runs": runs}


def verifier_table(result: dict) -> str:
    """The before/after table.

    >>> print(verifier_table({"runs": [{"label": "base", "model": "m", "n": 4, "positives": 2, "accuracy": 0.5,
    ...     "auroc": 0.75, "pick_accuracy": 1.0, "mean_p_yes": 0.1, "seconds": 2.0}]}))
    | model | examples | yes | accuracy | AUROC | pick accuracy | mean P(yes) | seconds |
    |---|--:|--:|--:|--:|--:|--:|--:|
    | base (m) | 4 | 2 | 0.500 | 0.750 | 1.000 | 0.100 | 2 |
    """

    from .evaluate import runs_table

    def f(key: str):
        return lambda r: "-" if r[key] is None else f"{r[key]:.3f}"

    columns = [
        ("examples", lambda r: str(r["n"])),
        ("yes", lambda r: str(r["positives"])),
        ("accuracy", f("accuracy")),
        ("AUROC", f("auroc")),
        ("pick accuracy", f("pick_accuracy")),
        ("mean P(yes)", f("mean_p_yes")),
        ("seconds", lambda r: f"{r['seconds']:.0f}"),
    ]
    return runs_table(result, columns)
