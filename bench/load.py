#!/usr/bin/env python3
"""Load test of `kgquery serve` on 127.0.0.1: concurrent questions for a bounded time, then a report.

Starts the service as a subprocess (bundled graphs ck25 and countries, embeddings as configured),
makes a question list from the graphs' own entities (asked through the service's /sparql: names of
employees, products, suppliers, departments and countries in fixed question shapes; no benchmark
question or gold answer), and runs N clients, each sending one question after another to POST /ask
until the time is up or the request budget is spent. Reports throughput, latency percentiles,
errors (anything but HTTP 200 with a typed answer), outcomes, answer consistency (the same
question must give the same answer every time) and the server's RSS over the run; writes the full
figures to --out as JSON. Every request goes to 127.0.0.1 only; the run stops by itself.

    python bench/load.py                          # 8 clients, 2 minutes
    python bench/load.py --clients 4 --duration 20

Hostile mix (issue 15): `--sparql-share 0.5` sends that share of the requests to POST /sparql (entity
lookups made from the same names) instead of /ask, and `--slow-clients 1` adds clients that send only
slow-to-parse queries (`SELECT (1+1+...+1 AS ?x) {}`, 495 characters, each one different so no cache
helps). Latency is reported for the well-behaved clients; `--quiet-first` runs the same load without
the slow clients first and reports the p95 ratio:

    python bench/load.py --graphs ck25 --clients 49 --slow-clients 1 --sparql-share 0.5 --duration 20 --quiet-first
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PV = "http://ld.company.org/prod-vocab/"
CV = "https://kgquery.dev/countries/vocab/"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def request(conn: http.client.HTTPConnection, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    conn.request(method, path, body=data, headers={"Content-Type": "application/json"} if data else {})
    resp = conn.getresponse()
    raw = resp.read()
    try:
        return resp.status, json.loads(raw)
    except ValueError:
        return resp.status, {"error": raw[:200].decode("utf-8", "replace")}


def start_server(port: int, graphs: list[str], log: Path, threads: int, env: dict | None = None) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "kgquery.cli",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--rate",
        "0",
        "--threads",
        str(threads),
    ]
    for g in graphs:
        cmd += ["--graph", g]
    fh = open(log, "wb")
    return subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT, env=env)


def wait_ready(port: int, proc: subprocess.Popen, seconds: float) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        if proc.poll() is not None:
            raise SystemExit(f"the service exited with {proc.returncode} before it was ready (see its log)")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            status, _ = request(conn, "GET", "/health")
            conn.close()
            if status == 200:
                return time.monotonic() - t0
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"the service was not ready within {seconds:.0f} s")


def names(conn, graph: str, query: str) -> list[str]:
    status, body = request(conn, "POST", "/sparql", {"query": query, "graph": graph})
    if status != 200 or body.get("outcome") != "rows":
        raise SystemExit(f"could not read entity names from {graph}: {status} {body}")
    var = body["head"]["vars"][0]
    return sorted({b[var]["value"] for b in body["results"]["bindings"] if var in b})


def make_questions(conn, graphs: list[str], per_graph: int, seed: int) -> list[tuple[str, str]]:
    """(graph, question) pairs from the graphs' own entity names, in fixed shapes."""
    rnd = random.Random(seed)
    out: list[tuple[str, str]] = []
    if "ck25" in graphs:
        emp = names(conn, "ck25", f"SELECT ?l WHERE {{ ?e a <{PV}Employee> ; <{LABEL}> ?l }}")
        hw = names(conn, "ck25", f"SELECT ?l WHERE {{ ?e a <{PV}Hardware> ; <{LABEL}> ?l }}")
        sup = names(conn, "ck25", f"SELECT ?l WHERE {{ ?e a <{PV}Supplier> ; <{LABEL}> ?l }}")
        dept = names(conn, "ck25", f"SELECT ?l WHERE {{ ?e a <{PV}Department> ; <{LABEL}> ?l }}")
        shapes = [
            ("Who is the manager of {}?", emp),
            ("What is the email of {}?", emp),
            ("Which department is {} a member of?", emp),
            ("What is the phone number of {}?", emp),
            ("Who is the supplier of {}?", hw),
            ("What is the weight of {}?", hw),
            ("Which country is the supplier {} in?", sup),
            ("Who are the members of the {} department?", dept),
        ]
        out += [("ck25", s.format(rnd.choice(pool))) for s, pool in (rnd.choice(shapes) for _ in range(per_graph))]
    if "countries" in graphs:
        cty = names(conn, "countries", f"SELECT ?l WHERE {{ ?c a <{CV}Country> ; <{LABEL}> ?l }}")
        shapes = [
            "What is the capital of {}?",
            "What currency does {} use?",
            "Which languages are spoken in {}?",
            "How many people live in {}?",
            "Which countries border {}?",
        ]
        out += [("countries", rnd.choice(shapes).format(rnd.choice(cty))) for _ in range(per_graph)]
    rnd.shuffle(out)
    return out


def make_sparql(conn, graphs: list[str], n: int, seed: int) -> list[tuple[str, str]]:
    """(graph, query) pairs: one-entity lookups by label, the shapes a client of /sparql sends."""
    rnd = random.Random(seed + 1)
    out: list[tuple[str, str]] = []
    if "ck25" in graphs:
        emp = names(conn, "ck25", f"SELECT ?l WHERE {{ ?e a <{PV}Employee> ; <{LABEL}> ?l }}")
        shapes = [
            f'SELECT ?d ?n WHERE {{{{ ?e <{LABEL}> "{{}}" ; <{PV}memberOf> ?d . ?d <{LABEL}> ?n }}}}',
            f'SELECT ?p ?o WHERE {{{{ ?e <{LABEL}> "{{}}" ; ?p ?o }}}} LIMIT 50',
            f'ASK {{{{ ?e <{LABEL}> "{{}}" ; a <{PV}Employee> }}}}',
        ]
        out += [("ck25", rnd.choice(shapes).format(rnd.choice(emp).replace('"', ""))) for _ in range(n)]
    if "countries" in graphs:
        cty = names(conn, "countries", f"SELECT ?l WHERE {{ ?c a <{CV}Country> ; <{LABEL}> ?l }}")
        out += [
            ("countries", f'SELECT ?c WHERE {{ ?x <{LABEL}> "{rnd.choice(cty)}" ; <{CV}capital> ?c }}')
            for _ in range(n)
        ]
    rnd.shuffle(out)
    return out


def slow_query(i: int, chars: int = 495) -> str:
    """A query rdflib takes ~1 ms per character to parse; `i` makes each one new to every cache."""
    tail = f"+{i} AS ?x) {{}}"
    n = (chars - len("SELECT (") - len(tail) + 1) // 2
    return "SELECT (" + "+".join(["1"] * n) + tail


def percentile(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def run(args) -> dict:
    port = args.port or free_port()
    log = Path(args.log)
    log.parent.mkdir(parents=True, exist_ok=True)
    t_launch = time.monotonic()
    env = dict(os.environ, KGQUERY_EMBEDDINGS="0") if args.no_embeddings else None
    proc = start_server(port, args.graphs, log, args.threads, env)
    slow_clients = max(0, args.slow_clients)
    try:
        ready_s = wait_ready(port, proc, args.start_timeout)
        setup = http.client.HTTPConnection(HOST, port, timeout=120)
        questions = make_questions(setup, args.graphs, args.questions_per_graph, args.seed)
        queries = make_sparql(setup, args.graphs, args.questions_per_graph, args.seed) if args.sparql_share > 0 else []
        setup.close()
        rss_ready = rss_mb(proc.pid)
        print(
            f"service ready in {ready_s:.1f} s (pid {proc.pid}, RSS {rss_ready:.0f} MB); "
            f"{len(questions)} questions; {args.clients} clients for {args.duration:g} s",
            file=sys.stderr,
            flush=True,
        )

        results: list[dict] = []
        lock = threading.Lock()
        stop = threading.Event()
        t0 = time.monotonic()
        deadline = t0 + args.duration
        counter = iter(range(args.max_requests))
        rss_samples: list[tuple[float, float]] = []

        def sampler():
            while not stop.is_set():
                r = rss_mb(proc.pid)
                if r is not None:
                    rss_samples.append((round(time.monotonic() - t0, 1), round(r, 1)))
                stop.wait(args.sample_every)

        def client(cid: int):
            conn = http.client.HTTPConnection(HOST, port, timeout=args.request_timeout)
            slow = cid >= args.clients  # the last clients send only slow-to-parse queries
            rnd = random.Random(args.seed * 1000 + cid)
            while not stop.is_set() and time.monotonic() < deadline:
                with lock:
                    i = next(counter, None)
                if i is None:
                    break
                if slow:
                    kind, graph, q = "slow", args.graphs[0], slow_query(i)
                elif queries and rnd.random() < args.sparql_share:
                    kind, (graph, q) = "sparql", queries[(i * 7 + cid) % len(queries)]
                else:
                    kind, (graph, q) = "ask", questions[(i * 7 + cid) % len(questions)]
                t = time.monotonic()
                row = {"i": i, "client": cid, "kind": kind, "graph": graph, "question": q, "t": round(t - t0, 3)}
                try:
                    if kind == "ask":
                        status, body = request(conn, "POST", "/ask", {"question": q, "graph": graph})
                        values = body.get("values")
                    else:
                        status, body = request(conn, "POST", "/sparql", {"query": q, "graph": graph})
                        values = body.get("boolean", body.get("results"))
                    row.update(
                        status=status,
                        outcome=body.get("outcome"),
                        values=values,
                        sparql=body.get("sparql", q if kind != "ask" else None),
                        error=body.get("error"),
                    )
                except Exception as e:  # a dropped connection, a timeout: an error, then a new connection
                    row.update(status=None, error=f"{type(e).__name__}: {e}")
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=args.request_timeout)
                row["seconds"] = time.monotonic() - t
                with lock:
                    results.append(row)
            conn.close()

        threads = [threading.Thread(target=sampler, daemon=True)]
        threads += [threading.Thread(target=client, args=(c,), daemon=True) for c in range(args.clients + slow_clients)]
        for t in threads:
            t.start()
        for t in threads[1:]:
            t.join(args.duration + args.request_timeout + 30)
        wall = time.monotonic() - t0
        stop.set()
        threads[0].join(5)
        rss_end = rss_mb(proc.pid)
        if rss_end is not None:
            rss_samples.append((round(wall, 1), round(rss_end, 1)))
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)

    ok = [r for r in results if r.get("status") == 200 and r.get("outcome")]
    errors = [r for r in results if r not in ok]
    lat = [r["seconds"] for r in ok if r.get("kind") != "slow"]  # the well-behaved clients'
    by_kind = {}
    for kind in ("ask", "sparql", "slow"):
        xs = [r["seconds"] for r in ok if r.get("kind") == kind]
        if xs:
            by_kind[kind] = {
                "n": len(xs),
                "p50": round(percentile(xs, 0.5), 3),
                "p95": round(percentile(xs, 0.95), 3),
                "max": round(max(xs), 3),
                "outcomes": dict(Counter(r["outcome"] for r in ok if r.get("kind") == kind)),
            }
    answers: dict[tuple[str, str], set] = defaultdict(set)
    for r in ok:
        answers[(r["graph"], r["question"])].add((r["outcome"], r["sparql"], json.dumps(r["values"])))
    repeated = [k for k in answers if sum(1 for r in ok if (r["graph"], r["question"]) == k) > 1]
    inconsistent = [k for k in answers if len(answers[k]) > 1]

    def at(frac: float) -> float | None:
        if not rss_samples:
            return None
        target = wall * frac
        return min(rss_samples, key=lambda s: abs(s[0] - target))[1]

    warm = [s for s in rss_samples if s[0] >= args.warmup]
    rss_start = warm[0][1] if warm else at(0.0)
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "clients": args.clients,
        "duration_s": args.duration,
        "graphs": args.graphs,
        "questions": len(questions),
        "service_ready_s": round(ready_s, 1),
        "wall_s": round(wall, 1),
        "requests": len(results),
        "ok": len(ok),
        "errors": len(errors),
        "error_samples": [r.get("error") or r.get("status") for r in errors[:5]],
        "throughput_rps": round(len(ok) / wall, 2) if wall else 0.0,
        "latency_s": {
            "p50": round(percentile(lat, 0.5), 3),
            "p95": round(percentile(lat, 0.95), 3),
            "p99": round(percentile(lat, 0.99), 3),
            "max": round(max(lat), 3) if lat else None,
            "mean": round(statistics.fmean(lat), 3) if lat else None,
        },
        "slow_clients": slow_clients,
        "sparql_share": args.sparql_share,
        "status_5xx": sum(1 for r in results if (r.get("status") or 0) >= 500),
        "statuses": dict(Counter(str(r.get("status")) for r in results)),
        "by_kind": by_kind,
        "outcomes": dict(Counter(r["outcome"] for r in ok)),
        "by_graph": dict(Counter(r["graph"] for r in ok)),
        "questions_repeated": len(repeated),
        "questions_inconsistent": len(inconsistent),
        "inconsistent_samples": [list(k) for k in inconsistent[:3]],
        "rss_mb": {
            "ready": round(rss_ready, 1) if rss_ready else None,
            "start": rss_start,
            "middle": at(0.5),
            "end": rss_samples[-1][1] if rss_samples else None,
            "max": max(s[1] for s in rss_samples) if rss_samples else None,
            "start_at_s": args.warmup,
        },
        "rss_timeline": rss_samples,
        "total_s": round(time.monotonic() - t_launch, 1),
    }
    r = report["rss_mb"]
    if r["start"] and r["end"]:
        r["growth_end_minus_start"] = round(r["end"] - r["start"], 1)
    return report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    p.add_argument("--duration", type=float, default=120.0, help="seconds of load (default 120)")
    p.add_argument("--max-requests", type=int, default=20_000, help="request budget (default 20000)")
    p.add_argument("--graphs", nargs="+", default=["ck25", "countries"], help="bundled graphs to serve")
    p.add_argument("--questions-per-graph", type=int, default=120)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--threads", type=int, default=8, help="the service's --threads (default 8)")
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    p.add_argument("--warmup", type=float, default=10.0, help="RSS 'start' is the first sample after this many s")
    p.add_argument("--sample-every", type=float, default=2.0, help="seconds between RSS samples")
    p.add_argument("--request-timeout", type=float, default=120.0)
    p.add_argument("--start-timeout", type=float, default=300.0)
    p.add_argument("--sparql-share", type=float, default=0.0, help="share of requests sent to /sparql (default 0)")
    p.add_argument("--slow-clients", type=int, default=0, help="extra clients sending slow-to-parse queries")
    p.add_argument("--quiet-first", action="store_true", help="first the same run without the slow clients")
    p.add_argument("--no-embeddings", action="store_true", help="KGQUERY_EMBEDDINGS=0 for the service")
    p.add_argument("--out", default=str(ROOT / "bench" / "out" / "load.json"))
    p.add_argument("--log", default=str(ROOT / "bench" / "out" / "load-server.log"))
    args = p.parse_args(argv)
    quiet = None
    if args.quiet_first and args.slow_clients:
        quiet = run(argparse.Namespace(**{**vars(args), "slow_clients": 0}))
        print(f"quiet run: p95 {quiet['latency_s']['p95']} s, {quiet['status_5xx']} x 5xx", flush=True)
    report = run(args)
    if quiet is not None:
        report["quiet"] = {
            k: quiet[k]
            for k in ("requests", "ok", "errors", "status_5xx", "throughput_rps", "latency_s", "by_kind", "rss_mb")
        }
        report["p95_vs_quiet"] = round(report["latency_s"]["p95"] / quiet["latency_s"]["p95"], 2)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")
    lat, rss = report["latency_s"], report["rss_mb"]
    print(
        f"{report['clients']} clients, {report['wall_s']} s: {report['requests']} requests, {report['ok']} ok, "
        f"{report['errors']} errors; {report['throughput_rps']} answers/s; latency p50 {lat['p50']} s, "
        f"p95 {lat['p95']} s, p99 {lat['p99']} s, max {lat['max']} s"
    )
    print(
        f"outcomes {report['outcomes']}; {report['questions_repeated']} questions asked more than once, "
        f"{report['questions_inconsistent']} with differing answers"
    )
    print(
        f"server RSS MB: ready {rss['ready']}, start ({rss['start_at_s']:g} s) {rss['start']}, middle {rss['middle']}, "
        f"end {rss['end']}, max {rss['max']} (end - start {rss.get('growth_end_minus_start')})"
    )
    print(
        f"5xx: {report['status_5xx']}; statuses {report['statuses']}; by kind "
        + "; ".join(
            f"{k} n={v['n']} p50 {v['p50']} p95 {v['p95']} max {v['max']}" for k, v in report["by_kind"].items()
        )
    )
    if "p95_vs_quiet" in report:
        print(
            f"well-behaved p95 {report['latency_s']['p95']} s vs quiet {report['quiet']['latency_s']['p95']} s: "
            f"x{report['p95_vs_quiet']}"
        )
    print(f"report: {args.out}")
    return 0 if report["errors"] == 0 and report["questions_inconsistent"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
