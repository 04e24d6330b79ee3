"""The peer users would pick instead (issue 19): LangChain's GraphSparqlQAChain on ck25, same model, same F1.

A bench script only: LangChain is no dependency of kgquery. Run it from a separate virtual environment:

    python -m venv --system-site-packages /tmp/lcvenv
    /tmp/lcvenv/bin/pip install langchain-community langchain-openai
    PYTHONPATH=. /tmp/lcvenv/bin/python bench/langchain_peer.py --model /path/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf \\
        --limit 50 --json /tmp/langchain_peer.json

The model is served by kgquery's own OpenAI-compatible server (`python -m kgquery.serve_model`, on
127.0.0.1, one thread) and driven through `ChatOpenAI(base_url=...)`, greedy, with `--max-tokens` new
tokens per call. The graph file is loaded into LangChain's `RdfGraph` (default schema, standard "rdf"),
and the chain runs as users run it: intent, SPARQL generation from the schema, execution in rdflib,
the answer sentence. The query the chain executes is recorded, and its result (rdflib, ASK included:
RdfGraph itself drops ASK results) is scored with `kgquery eval`'s set-F1 against the gold that
`kgquery eval` uses (the answers in the questions file, or its reference query run by kgquery).
Because LangChain passes the model's text to rdflib as is, the same text is also scored after taking
the query out of a Markdown code fence (`fence-stripped`, not what the chain does; no extra model calls).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
QUESTIONS = REPO.parent / "shared" / "benchmarks" / "ck25" / "questions.yml"
FENCE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.S)


class Timeout(Exception):
    pass


def _alarm(seconds: int):
    def handler(signum, frame):
        raise Timeout(f"over {seconds} s")

    signal.signal(signal.SIGALRM, handler)
    signal.alarm(seconds)


def serve(model: str, name: str = "peer") -> tuple[subprocess.Popen, str]:
    """kgquery's model server on a free port of 127.0.0.1 (one thread, no API key); (process, base URL)."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", KGQUERY_THREADS="1", PYTHONPATH=str(REPO))
    env.pop("KGQUERY_MODEL_API_KEY", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kgquery.serve_model", "--model", model, "--port", "0", "--name", name],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    url: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            if "listening on " in line and not url:
                url.append(line.split("listening on ", 1)[1].strip())
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    ready.wait(600)
    if not url:
        proc.terminate()
        raise SystemExit(f"the model server did not start (exit code {proc.poll()})")
    return proc, url[0]


def run_query(rdf, sparql: str, timeout_s: int) -> tuple[list[str] | None, str]:
    """(values, '') of a query run in rdflib, or (None, error)."""
    try:
        _alarm(timeout_s)
        res = rdf.query(sparql)
        if res.type == "ASK":
            return ["true" if res.askAnswer else "false"], ""
        return [str(t) for row in res for t in row if t is not None], ""
    except Timeout as e:
        return None, f"timeout: {e}"
    except Exception as e:  # parse errors, unknown prefixes, evaluation errors
        return None, f"{type(e).__name__}: {str(e)[:200]}"
    finally:
        signal.alarm(0)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True, help="model file or folder for kgquery.serve_model")
    p.add_argument("--url", help="an already running OpenAI-compatible server (then --model only names it)")
    p.add_argument("--graph", default="ck25")
    p.add_argument("--questions", default=str(QUESTIONS))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--max-tokens", type=int, default=200, help="new tokens per model call")
    p.add_argument("--query-timeout", type=int, default=30, help="seconds per SPARQL execution in rdflib")
    p.add_argument("--json", default="/tmp/langchain_peer.json")
    args = p.parse_args()

    from langchain_community.chains.graph_qa.sparql import GraphSparqlQAChain
    from langchain_community.graphs import RdfGraph
    from langchain_openai import ChatOpenAI

    from kgquery.evaluation.formats import load_questions
    from kgquery.evaluation.harness import gold_values
    from kgquery.evaluation.metrics import auroc, score
    from kgquery.graph import KnowledgeGraph
    from kgquery.graphs import resolve_graph_path

    path = resolve_graph_path(args.graph)
    kg = KnowledgeGraph.load(path)
    qs = load_questions(args.questions)[: args.limit]
    executed: list[str] = []

    class RecordingRdfGraph(RdfGraph):
        """RdfGraph that remembers the queries the chain runs, and bounds each run."""

        def query(self, query: str):
            executed.append(query)
            _alarm(args.query_timeout)
            try:
                return super().query(query)
            finally:
                signal.alarm(0)

    rdf = RecordingRdfGraph(source_file=str(path), serialization="ttl", standard="rdf")
    proc, url = (None, args.url) if args.url else serve(args.model)
    try:
        llm = ChatOpenAI(
            base_url=url, api_key="unused", model="peer", temperature=0, max_tokens=args.max_tokens, timeout=900
        )
        chain = GraphSparqlQAChain.from_llm(llm, graph=rdf, allow_dangerous_requests=True, return_sparql_query=True)
        rows = []
        for q in qs:
            gold, _, note = gold_values(q, kg)
            executed.clear()
            t0 = time.perf_counter()
            row = {"id": q.id, "question": q.question, "gold": gold}
            try:
                out = chain.invoke({"query": q.question})
                row.update(chain_ok=True, answer=out.get("result"), sparql=out.get("sparql_query"))
            except Exception as e:
                row.update(chain_ok=False, error=f"{type(e).__name__}: {str(e)[:300]}")
            row["seconds"] = round(time.perf_counter() - t0, 2)
            text = executed[-1] if executed else row.get("sparql")
            row["generated"] = text
            for key, sparql in (("raw", text), ("fence_stripped", (FENCE.findall(text or "") or [text])[0])):
                values, err = run_query(rdf.graph, sparql, args.query_timeout) if sparql else (None, "no query")
                outcome = "failed" if values is None else ("answered" if values else "empty")
                f1 = score(values or [], gold, outcome)[2] if gold is not None else None
                row[key] = {"valid": values is not None, "outcome": outcome, "f1": f1, "error": err}
            rows.append(row)
            print(json.dumps({k: row[k] for k in ("id", "seconds", "chain_ok", "raw", "fence_stripped")}), flush=True)
            Path(args.json).write_text(json.dumps({"questions": rows}, indent=1, default=str))
    finally:
        if proc:
            proc.terminate()
            proc.wait(30)

    scored = [r for r in rows if r["gold"] is not None]
    n = len(scored) or 1
    summary = {"n": len(scored), "load_after": os.getloadavg(), "max_tokens": args.max_tokens}
    for key in ("raw", "fence_stripped"):
        answered = [r for r in scored if r[key]["outcome"] == "answered"]
        summary[key] = {
            "mean_f1": sum(r[key]["f1"] for r in scored) / n,
            "valid_query_rate": sum(r[key]["valid"] for r in scored) / n,
            "answered_precision": sum(r[key]["f1"] == 1.0 for r in answered) / len(answered) if answered else None,
            "coverage": len(answered) / n,
        }
    summary["chain_completed"] = sum(r["chain_ok"] for r in scored) / n
    summary["seconds_per_question"] = sum(r["seconds"] for r in scored) / n
    summary["confidence_auroc"] = auroc([], [])  # the chain gives no confidence
    Path(args.json).write_text(json.dumps({"summary": summary, "questions": rows}, indent=1, default=str))
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
