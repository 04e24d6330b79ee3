#!/usr/bin/env python3
"""Issue 15's hostile cases against a real `kgquery serve` (and a misbehaving endpoint) on 127.0.0.1.

Each case says whether it was refused or bounded, the time it took and the peak memory (the service's
VmHWM, or the client's max RSS for the endpoint cases). Every socket is on 127.0.0.1; every wait is
bounded. Run from a checkout (it starts `python -m kgquery.cli` with this checkout first on the path):

    python bench/hostile_serve.py                 # all cases, ~2 minutes
    python bench/hostile_serve.py --cases 1 2 6   # some of them
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
ENV = dict(os.environ, KGQUERY_EMBEDDINGS="0", PYTHONPATH=str(ROOT))
ENV.pop("KGQUERY_API_KEY", None)
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: `kgquery ARGS` that reports its own peak RSS on exit (a line MAXRSS_KB n on stderr)
CLI = [
    sys.executable,
    "-c",
    "import atexit, resource, sys; atexit.register(lambda: print('MAXRSS_KB', "
    "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)); from kgquery.cli import main; "
    "sys.exit(main())",
]


def _maxrss_mb(stderr: str) -> float | None:
    for line in stderr.splitlines():
        if line.startswith("MAXRSS_KB "):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def hwm_mb(pid: int) -> float | None:
    """Peak resident memory of a live process (VmHWM)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def post(port: int, path: str, body: bytes | dict, headers: dict | None = None, timeout: float = 120):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    conn.request(
        "POST" if body is not None else "GET",
        path,
        body=data,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    resp = conn.getresponse()
    raw = resp.read()
    conn.close()
    return resp.status, raw


class Serve:
    """`kgquery serve --graph ck25 ARGS` on a free port, stopped on exit."""

    def __init__(self, *args: str, log: Path):
        self.port = free_port()
        self.log = log
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kgquery.cli",
                "serve",
                "--graph",
                "ck25",
                "--host",
                HOST,
                "--port",
                str(self.port),
                *args,
            ],
            env=ENV,
            cwd=ROOT,
            stdout=open(log, "wb"),
            stderr=subprocess.STDOUT,
        )
        end = time.monotonic() + 180
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise SystemExit(f"serve exited: {log.read_text()[-500:]}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/health")
                if conn.getresponse().status in (200, 429):
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("serve did not start")

    def close(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def case1_exposure() -> dict:
    """--host 0.0.0.0 without a key: refused before loading or binding."""
    t0 = time.monotonic()
    r = subprocess.run(
        [*CLI, "serve", "--graph", "ck25", "--host", "0.0.0.0", "--port", str(free_port())],
        env=ENV,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [x for x in r.stderr.strip().splitlines() if not x.startswith("MAXRSS_KB")]
    return {
        "refused": r.returncode == 2 and "refusing to serve" in r.stderr,
        "exit": r.returncode,
        "seconds": round(time.monotonic() - t0, 2),
        "peak_mb": _maxrss_mb(r.stderr),
        "message": lines[-1][:200] if lines else "",
    }


def case2_forwarded(srv: Serve) -> dict:
    """60 requests from 127.0.0.1, each naming a new X-Forwarded-For address (rate 10/s, burst 20)."""
    t0 = time.monotonic()
    codes = []
    conn = http.client.HTTPConnection(HOST, srv.port, timeout=30)
    for i in range(60):
        conn.request(
            "POST",
            "/sparql",
            body=json.dumps({"query": "ASK { ?s ?p ?o }"}),
            headers={"Content-Type": "application/json", "X-Forwarded-For": f"10.{i // 256}.{i % 256}.7"},
        )
        resp = conn.getresponse()
        resp.read()
        codes.append(resp.status)
    conn.close()
    return {
        "bounded": codes.count(429) > 0,
        "429": codes.count(429),
        "200": codes.count(200),
        "seconds": round(time.monotonic() - t0, 2),
        "server_peak_mb": hwm_mb(srv.proc.pid),
    }


def case3_eval(srv: Serve, n: int) -> dict:
    """One /eval of n questions whose reference queries run to the time limit, then the caller's next request."""
    t0 = time.monotonic()
    status, raw = post(
        srv.port, "/eval", {"questions": [{"question": f"q{i}?", "sparql": CROSS} for i in range(n)]}, timeout=600
    )
    secs = time.monotonic() - t0
    body = json.loads(raw)
    rows = body.get("questions", [])
    nxt, _ = post(srv.port, "/sparql", {"query": "ASK { ?s ?p ?o }"})
    return {
        "bounded": any(r.get("over_budget") for r in rows),
        "status": status,
        "seconds": round(secs, 2),
        "questions": n,
        "reference_timed_out": sum(1 for r in rows if r.get("gold_unavailable")),
        "not_run_over_budget": sum(1 for r in rows if r.get("over_budget")),
        "next_request": nxt,
        "server_peak_mb": hwm_mb(srv.proc.pid),
    }


def case6_surrogates(srv: Serve) -> dict:
    out = {}
    t0 = time.monotonic()
    for path, body in [
        ("/ask", b'{"question": "a \\ud800"}'),
        ("/eval", b'{"questions": [{"question": "a \\ud800", "answers": ["x"]}]}'),
        ("/sparql", b'{"query": "ASK {}", "graph": "\\ud800"}'),
    ]:
        status, raw = post(srv.port, path, body)
        out[path] = [status, raw.decode()[:90]]
    log = srv.log.read_text(errors="replace")
    return {
        "refused": all(v[0] == 400 for v in out.values()),
        "responses": out,
        "tracebacks_in_log": log.count("Traceback"),
        "seconds": round(time.monotonic() - t0, 3),
        "server_peak_mb": hwm_mb(srv.proc.pid),
    }


def slow_query(i: int, chars: int = 495) -> str:
    tail = f"+{i} AS ?x) {{}}"
    n = (chars - len("SELECT (") - len(tail) + 1) // 2
    return "SELECT (" + "+".join(["1"] * n) + tail


def case7_parse(srv: Serve, seconds: float) -> dict:
    """ASK latency of one client, quiet and while ~3 slow-to-parse queries a second arrive."""

    def asks(stop_at: float) -> list[float]:
        lat = []
        conn = http.client.HTTPConnection(HOST, srv.port, timeout=60)
        i = 0
        while time.monotonic() < stop_at:
            i += 1
            t = time.monotonic()
            conn.request(
                "POST",
                "/sparql",
                body=json.dumps({"query": f"ASK {{ ?s ?p {i} }}"}),
                headers={"Content-Type": "application/json"},
            )
            conn.getresponse().read()
            lat.append(time.monotonic() - t)
            time.sleep(0.05)
        conn.close()
        return lat

    t = time.monotonic()
    post(srv.port, "/sparql", {"query": slow_query(10**6)})
    one_check = time.monotonic() - t
    quiet = asks(time.monotonic() + seconds)
    stop_at = time.monotonic() + seconds
    slow_lat: list[float] = []

    def hostile(k: int):
        i = k
        while time.monotonic() < stop_at:
            t = time.monotonic()
            post(srv.port, "/sparql", {"query": slow_query(i)})
            slow_lat.append(time.monotonic() - t)
            i += 3
            time.sleep(max(0.0, 1.0 - (time.monotonic() - t)))

    hs = [threading.Thread(target=hostile, args=(k,), daemon=True) for k in range(3)]
    for h in hs:
        h.start()
    loaded = asks(stop_at)
    for h in hs:
        h.join(60)

    def pct(xs, p):
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(p * (len(xs) - 1) + 0.5))], 3) if xs else None

    return {
        "one_slow_check_s": round(one_check, 3),
        "quiet_ask_p50_p95_max": [pct(quiet, 0.5), pct(quiet, 0.95), pct(quiet, 1)],
        "loaded_ask_p50_p95_max": [pct(loaded, 0.5), pct(loaded, 0.95), pct(loaded, 1)],
        "slow_requests": len(slow_lat),
        "slow_p50": pct(slow_lat, 0.5),
        "server_peak_mb": hwm_mb(srv.proc.pid),
    }


# --------------------------------------------------------------------------- a misbehaving endpoint


class Endpoint:
    """An HTTP server on 127.0.0.1 that drips its answer (mode 'drip') or sends ~`mb` MB of rows ('big')."""

    def __init__(self, mode: str, mb: int = 200):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                try:
                    if mode == "drip":
                        for b in b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}':
                            self.wfile.write(bytes([b]))
                            self.wfile.flush()
                            time.sleep(1.0)
                    else:
                        self.wfile.write(b'{"head": {"vars": ["s"]}, "results": {"bindings": [')
                        row = b'{"s": {"type": "uri", "value": "http://example.org/thing/%09d"}},'
                        block = b"".join(row % (i,) for i in range(10_000))
                        for _ in range(mb * 1024 * 1024 // len(block)):
                            self.wfile.write(block)
                        self.wfile.write(b'{"s": {"type": "uri", "value": "http://example.org/end"}}]}}')
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((HOST, 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://{HOST}:{self.server.server_address[1]}/sparql"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _cli_query(url: str, timeout: float) -> dict:
    """`kgquery sparql --endpoint URL` in a child: its time, exit, last line and max RSS."""
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [*CLI, "sparql", "--endpoint", url, "--timeout", str(timeout), "-o", "json", "SELECT ?s WHERE { ?s ?p ?o }"],
        env=ENV,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    text = err.decode(errors="replace")
    try:
        res = json.loads(out)
    except ValueError:
        res = {"outcome": None, "message": " ".join(text.split())[-200:]}
    rows = len((res.get("results") or {}).get("bindings") or [])
    return {
        "seconds": round(time.monotonic() - t0, 2),
        "exit": proc.returncode,
        "outcome": res.get("outcome"),
        "rows": rows,
        "message": (res.get("message") or "")[:160],
        "peak_mb": _maxrss_mb(text),
    }


def case8_endpoint() -> dict:
    drip = Endpoint("drip")
    try:
        d = _cli_query(drip.url, 2)
    finally:
        drip.close()
    big = Endpoint("big", 200)
    try:
        b = _cli_query(big.url, 60)
    finally:
        big.close()
    return {"drip_timeout_2s": d | {"bounded": d["seconds"] < 4}, "big_200mb": b}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", nargs="+", type=int, default=[1, 2, 3, 6, 7, 8])
    p.add_argument("--eval-questions", type=int, default=25)
    p.add_argument("--parse-seconds", type=float, default=10.0)
    p.add_argument("--out", default=str(ROOT / "bench" / "out" / "hostile_serve.json"))
    args = p.parse_args(argv)
    out_dir = Path(args.out).parent
    out_dir.mkdir(parents=True, exist_ok=True)
    report: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count()}
    if 8 in args.cases:
        report["8_endpoint_totals"] = case8_endpoint()
        print("8", report["8_endpoint_totals"], flush=True)
    if 1 in args.cases:
        report["1_exposure"] = case1_exposure()
        print("1", report["1_exposure"], flush=True)
    if {2, 3, 6} & set(args.cases):
        srv = Serve("--rate", "10", "--burst", "20", log=out_dir / "hostile-serve-a.log")
        try:
            if 2 in args.cases:
                report["2_forwarded_for"] = case2_forwarded(srv)
                print("2", report["2_forwarded_for"], flush=True)
            if 6 in args.cases:
                time.sleep(3)  # a full bucket again
                report["6_lone_surrogates"] = case6_surrogates(srv)
                print("6", report["6_lone_surrogates"], flush=True)
            if 3 in args.cases:
                time.sleep(3)  # a full bucket again
                report["3_eval_budget"] = case3_eval(srv, args.eval_questions)
                print("3", report["3_eval_budget"], flush=True)
        finally:
            srv.close()
    if 7 in args.cases:
        srv = Serve("--rate", "0", log=out_dir / "hostile-serve-b.log")
        try:
            report["7_parse"] = case7_parse(srv, args.parse_seconds)
            print("7", report["7_parse"], flush=True)
        finally:
            srv.close()
    Path(args.out).write_text(json.dumps(report, indent=1), "utf-8")
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
