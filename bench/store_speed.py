"""Store speed: the 50 ck25 reference queries through KnowledgeGraph.query, Oxigraph vs rdflib's memory store.

Every query goes through the same entry point users get (guard, forked worker, bounds), once per
store, all 50 in a row; the guard's parse cache is cleared before each store so both pay for it.
The queries are read from the shared benchmark file and never written anywhere.

    python bench/store_speed.py                      # both stores, rdflib timeout 60 s per query
    python bench/store_speed.py --stores oxigraph    # just one

Writes bench/out/store_speed.json (per-query seconds, outcome, row counts; no query text).
Target (issue 2): Oxigraph total < 1/10 of rdflib's total.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = REPO.parent / "shared" / "benchmarks" / "ck25" / "questions.yml"
GRAPH = REPO / "graphs" / "ck25" / "prod-inst.ttl"
OUT = REPO / "bench" / "out" / "store_speed.json"


def load_queries(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    return [(str(q["id"]), q["query"]["sparql"]) for q in data["questions"]]


def run_store(store: str, graph: Path, queries: list[tuple[str, str]], timeout_s: float) -> dict:
    from kgquery import KnowledgeGraph, Limits
    from kgquery.graph.guard import _guard

    t0 = time.perf_counter()
    kg = KnowledgeGraph.load(graph, store=store, limits=Limits(timeout_s=timeout_s, max_rows=1_000_000))
    load_s = time.perf_counter() - t0
    _guard.cache_clear()
    per_query = []
    t_all = time.perf_counter()
    for qid, sparql in queries:
        res = kg.query(sparql)
        per_query.append(
            {
                "id": qid,
                "seconds": res.seconds,
                "outcome": res.outcome.value,
                "rows": 1 if res.boolean is not None else len(res.rows),
                "message": res.message[:200],
            }
        )
        print(
            f"  {store:8s} q{qid:>3s} {res.seconds:8.3f} s  {res.outcome.value:9s} {per_query[-1]['rows']:>6d}",
            file=sys.stderr,
            flush=True,
        )
    total = time.perf_counter() - t_all
    return {
        "store": store,
        "load_seconds": load_s,
        "total_seconds": total,
        "timeout_s": timeout_s,
        "triples": kg.triple_count,
        "queries": per_query,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--graph", type=Path, default=GRAPH)
    ap.add_argument("--stores", nargs="+", default=["oxigraph", "memory"], choices=["oxigraph", "memory"])
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per query (both stores; default 60)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    queries = load_queries(args.questions)
    results = {s: run_store(s, args.graph, queries, args.timeout) for s in args.stores}

    names = list(results)
    head = f"{'q':>4}  " + "  ".join(f"{n + ' s':>12} {'outcome':9} {'rows':>6}" for n in names)
    print(head)
    print("-" * len(head))
    mismatched = []
    for i, (qid, _) in enumerate(queries):
        cells = []
        for n in names:
            r = results[n]["queries"][i]
            cells.append(f"{r['seconds']:12.3f} {r['outcome']:9} {r['rows']:>6d}")
        if len(names) == 2:
            a, b = (results[n]["queries"][i] for n in names)
            if (a["outcome"], a["rows"]) != (b["outcome"], b["rows"]):
                mismatched.append(qid)
        print(f"{qid:>4}  " + "  ".join(cells))
    print("-" * len(head))
    print(f"{'sum':>4}  " + "  ".join(f"{results[n]['total_seconds']:12.3f} {'':9} {'':>6}" for n in names))
    for n in names:
        r = results[n]
        outcomes: dict[str, int] = {}
        for q in r["queries"]:
            outcomes[q["outcome"]] = outcomes.get(q["outcome"], 0) + 1
        print(
            f"{n}: {len(queries)} queries in {r['total_seconds']:.2f} s (load {r['load_seconds']:.2f} s, "
            f"{r['triples']:,} triples); outcomes {outcomes}"
        )
    summary = {}
    if len(names) == 2:
        ox, mem = results["oxigraph"]["total_seconds"], results["memory"]["total_seconds"]
        summary = {
            "ratio_oxigraph_over_rdflib": ox / mem,
            "speedup": mem / ox,
            "target_met": ox < mem / 10,
            "outcome_or_rowcount_mismatches": mismatched,
        }
        print(
            f"oxigraph / rdflib = {ox / mem:.4f} (speed-up x{mem / ox:.1f}); target < 0.1: "
            f"{'met' if ox < mem / 10 else 'NOT met'}; queries whose outcome or row count differ: "
            f"{', '.join(mismatched) or 'none'}"
        )

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "date": time.strftime("%Y-%m-%d %H:%M"),
                "machine": f"{os.cpu_count()} cores, {platform.platform()}",
                "python": platform.python_version(),
                "graph": str(args.graph.name),
                "questions": str(args.questions.name),
                "results": results,
                "summary": summary,
            },
            indent=1,
        ),
        "utf-8",
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
