"""`kgquery serve`: a small JSON API over HTTP (FastAPI + uvicorn), bound to 127.0.0.1 by default.

    POST /ask     {"question": "...", "graph": "ck25"?}           -> Answer.to_dict()
    POST /sparql  {"query": "...", "graph": "ck25"?}              -> typed result (render.to_json)
    POST /eval    {"questions": [{"question", "answers"?, "sparql"?, "id"?}], "graph"?}  -> report
    GET  /health                                                   -> status and graphs
    GET  /?question=...&dataset=...     the TEXT2SPARQL challenge API -> {"dataset", "question", "query"}

Graphs are loaded once at start (`--graph`, repeatable: a bundled name, a file, or NAME=FILE) and
each gets one KGQuery shared by all requests (the Python API is thread-safe). Limits: request bodies
over `max_body` bytes get 413, clients over their token bucket (`rate` per second, `burst`) get 429,
and with an API key (`--api-key` or KGQUERY_API_KEY) requests without `Authorization: Bearer KEY` or
`X-API-Key: KEY` get 401 (/health stays open). The key is never printed or logged. Binding an address
other than loopback needs a key (or `--insecure-no-key`), and X-Forwarded-For is believed only from the
proxies named with `--trusted-proxy`: otherwise any local client could pick its own rate-limit bucket.
One /eval request runs for at most `eval_budget_s` in all and costs the caller one request per question
up front plus its server time after. A body with a lone surrogate escape (\ud800) gets 400 here.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field  # (this module is imported only to serve: `kgquery[serve]`)

#: TEXT2SPARQL dataset IRIs -> bundled graph names
DATASETS = {"https://text2sparql.aksw.org/2025/corporate/": "ck25"}
MAX_BODY = 64 * 1024
MAX_EVAL = 25
RATE = 10.0  # requests per second per client
BURST = 20
EVAL_BUDGET_S = 10.0  # server time one /eval request may take, all its questions together
#: a JSON \uD800-\uDFFF escape: only a pair of them makes a character
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


# --------------------------------------------------------------------------- graphs


def load_graphs(
    specs: list[str],
    limits=None,
    store: str = "oxigraph",
    endpoint: str | None = None,
    fmt: str | None = None,
    load_limits=None,
) -> dict:
    """name -> KnowledgeGraph for each --graph value (bundled name, file, or NAME=FILE)."""
    from .errors import KgqueryError
    from .graph import KnowledgeGraph
    from .graphs import BUNDLED, resolve_graph_path

    bundled = {}
    for folder in BUNDLED.iterdir() if BUNDLED.is_dir() else []:
        p = resolve_graph_path(folder.name)
        if p.exists():
            bundled[p.resolve()] = folder.name
    graphs: dict[str, Any] = {}
    for spec in specs:
        name, sep, target = spec.partition("=")
        if not sep or not name.replace("-", "").replace("_", "").isalnum() or Path(spec).exists():
            name, target = "", spec
        path = resolve_graph_path(target)
        if not name:
            name = bundled.get(path.resolve()) if path.exists() else None
            name = name or path.name.split(".")[0]
        if name in graphs:
            raise KgqueryError(f"two graphs are named '{name}': name them with --graph NAME=FILE")
        graphs[name] = KnowledgeGraph.load(path, store=store, fmt=fmt, limits=limits, load_limits=load_limits)
    if endpoint:
        graphs["endpoint" if "endpoint" not in graphs else "endpoint-1"] = KnowledgeGraph.endpoint(
            endpoint, limits=limits
        )
    if not graphs:
        raise KgqueryError("no graph: pass --graph NAME_OR_FILE (repeatable), e.g. --graph ck25")
    return graphs


# --------------------------------------------------------------------------- ASGI guards


async def _send_json(send, status: int, body: dict, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": data})


class Guards:
    """Rate limit (token bucket per client address), body size limit and API key, before the app."""

    def __init__(self, app, api_key: str | None, max_body: int, rate: float, burst: int, max_eval: int = MAX_EVAL):
        self.app = app
        self.max_eval = max(1, max_eval)
        self._key = (api_key or "").encode("utf-8")
        self.max_body, self.rate, self.burst = max_body, rate, max(1, burst)
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last time)

    def _allow(self, client: str) -> float:
        """0 when the request may go, else the seconds until it may (event loop only: no lock)."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        tokens, last = self._buckets.get(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate
        self._buckets[client] = (tokens - 1.0, now)
        if len(self._buckets) > 10_000:  # forget the longest-idle clients
            for k, _ in sorted(self._buckets.items(), key=lambda kv: kv[1][1])[:5_000]:
                del self._buckets[k]
        return 0.0

    def charge(self, client: str, tokens: float) -> None:
        """Take `tokens` more from the client's bucket (it may go below zero: the client then waits).

        /eval does this for its questions (one request of 25 questions counts as 25 requests, before it
        runs) and for the time it took (a 20 s evaluation costs 20 s worth of requests, after).
        """
        if self.rate <= 0 or tokens <= 0:
            return
        now = time.monotonic()
        left, last = self._buckets.get(client, (float(self.burst), now))
        left = min(float(self.burst), left + (now - last) * self.rate)
        self._buckets[client] = (left - tokens, now)

    def _authorized(self, headers: dict[bytes, bytes]) -> bool:
        if not self._key:
            return True
        given = headers.get(b"x-api-key", b"")
        auth = headers.get(b"authorization", b"")
        if auth[:7].lower() == b"bearer ":
            given = given or auth[7:].strip()
        return bool(given) and hmac.compare_digest(given, self._key)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("?", 0))[0]
        wait = self._allow(client)
        if wait:
            return await _send_json(
                send,
                429,
                {
                    "error": f"too many requests: at most {self.rate:g} per second "
                    f"(bursts of {self.burst}); retry in {wait:.1f} s"
                },
                [(b"retry-after", str(max(1, round(wait))).encode())],
            )
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                n = int(length)
            except ValueError:
                return await _send_json(send, 400, {"error": "bad Content-Length header"})
            if n > self.max_body:
                return await _send_json(
                    send, 413, {"error": f"request body too large: {n:,} bytes; the limit is {self.max_body:,}"}
                )
        if scope.get("path") != "/health" and not self._authorized(headers):
            return await _send_json(
                send,
                401,
                {"error": "missing or wrong API key: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"},
                [(b"www-authenticate", b'Bearer realm="kgquery"')],
            )
        # read the body here (it is small by now), refusing it as soon as it passes the limit
        body, more = b"", True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            body += msg.get("body", b"")
            more = msg.get("more_body", False)
            if len(body) > self.max_body:
                return await _send_json(
                    send,
                    413,
                    {"error": f"request body too large: over {self.max_body:,} bytes; the limit is {self.max_body:,}"},
                )
        try:  # JSON between systems is UTF-8 (RFC 8259); Python's json would take surrogates encoded in it
            body.decode("utf-8")
        except UnicodeDecodeError as e:
            return await _send_json(send, 400, {"error": f"bad request: the body is not valid UTF-8 (byte {e.start})"})
        if _SURROGATE_ESCAPE.search(body) and _lone_surrogate(body):
            return await _send_json(
                send,
                400,
                {
                    "error": "bad request: the body has a lone surrogate escape "
                    "(\\ud800-\\udfff without its pair), which is not a character"
                },
            )
        is_eval = scope.get("path") == "/eval"
        if is_eval:  # each question is a request's worth of work (an ask and a query), charged up front
            questions = min(_count_questions(body), self.max_eval)  # (more are refused, not run)
            self.charge(client, questions - 1)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        if not is_eval:
            return await self.app(scope, replay, send)
        t0 = time.monotonic()
        try:
            return await self.app(scope, replay, send)
        finally:  # and its server time too: 20 s of /eval costs what 20 s of requests at the rate would
            self.charge(client, (time.monotonic() - t0) * self.rate - max(questions, 1))


def _count_questions(body: bytes) -> int:
    """How many questions an /eval body asks (0 when it is not the expected JSON: the app says why)."""
    try:
        qs = json.loads(body).get("questions")
    except (ValueError, AttributeError):
        return 0
    return len(qs) if isinstance(qs, list) else 0


def _lone_surrogate(body: bytes) -> bool:
    """True when the JSON body decodes to text that is not Unicode (a lone \\ud800): such text
    cannot be encoded, and would fail deep inside the engine instead of here."""
    try:
        data = json.loads(body)
    except ValueError:
        return False  # not JSON: the app says so
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# --------------------------------------------------------------------------- request bodies


class AskRequest(BaseModel):
    question: str
    graph: str | None = None


class SparqlRequest(BaseModel):
    query: str
    graph: str | None = None


class EvalItem(BaseModel):
    question: str
    answers: list[Any] | None = None
    sparql: str | None = None
    id: str | None = None


class EvalRequest(BaseModel):
    questions: list[EvalItem] = Field(default_factory=list)
    graph: str | None = None


# --------------------------------------------------------------------------- the app


def _error(status: int, message: str):
    """The service's one error shape: {"error": message}."""
    from fastapi.responses import JSONResponse

    return JSONResponse({"error": message}, status_code=status)


def _add_error_handlers(app) -> None:
    """Every failure answers in the one error shape: bad requests 415/422, HTTP errors with their own
    status, kgquery's errors 503, anything else 500 (one line, never a traceback)."""
    from fastapi import Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from .errors import KgqueryError

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        if request.method == "POST" and "json" not in request.headers.get("content-type", ""):
            return _error(415, "send the request body as JSON with 'Content-Type: application/json'")
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}" for e in exc.errors()]
        return _error(422, "bad request: " + "; ".join(parts)[:500])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # 404, 405 ...: the one error shape
        return JSONResponse(
            {"error": " ".join(str(exc.detail).split())[:300]},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )  # (405 keeps its Allow header)

    @app.exception_handler(KgqueryError)
    async def kgquery_error(request: Request, exc: KgqueryError):
        return _error(503, " ".join(str(exc).split())[:500])

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        return _error(500, f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}")


def _eval_questions(req: EvalRequest, max_eval: int):
    """(the /eval request's questions as EvalQuestion, None), or (None, the error response)."""
    from .evaluation.formats import EvalQuestion

    if not req.questions:
        return None, _error(400, "no questions: send {\"questions\": [{\"question\": ..., \"answers\": [...]}]}")
    if len(req.questions) > max_eval:
        return None, _error(413, f"{len(req.questions)} questions; at most {max_eval} per request")
    missing = [i for i, q in enumerate(req.questions) if q.answers is None and not q.sparql]
    if missing:
        return None, _error(
            400, f"question(s) {', '.join(map(str, missing))} have neither answers nor a reference sparql"
        )
    return [
        EvalQuestion(
            id=q.id or str(i + 1),
            question=q.question,
            gold=[str(a).lower() if isinstance(a, bool) else str(a) for a in q.answers]
            if q.answers is not None
            else None,
            sparql=q.sparql,
        )
        for i, q in enumerate(req.questions)
    ], None


def _dataset_graph(dataset: str, datasets: dict, engines: dict):
    """(the served graph a TEXT2SPARQL dataset IRI or graph name means, None), or (None, the error response)."""
    name = datasets.get(dataset) or datasets.get(dataset.rstrip("/") + "/") or (dataset if dataset in engines else None)
    if name is None:
        return None, _error(
            404,
            f"unknown dataset '{dataset}'; this service answers: "
            + ", ".join([f"{i} ({g})" for i, g in datasets.items() if g in engines] + list(engines)),
        )
    if name not in engines:
        return None, _error(
            404,
            f"dataset '{dataset}' is the graph '{name}', which this service was not started "
            f"with (kgquery serve --graph {name})",
        )
    return name, None


def create_app(
    engines: dict,
    *,
    api_key: str | None = None,
    max_body: int = MAX_BODY,
    rate: float = RATE,
    burst: int = BURST,
    max_eval: int = MAX_EVAL,
    threads: int = 8,
    datasets: dict | None = None,
    eval_budget_s: float = EVAL_BUDGET_S,
):
    """The ASGI app over {graph name: KGQuery}; the first graph answers requests that name none.

    The routes are closures over the engines and limits, each a few lines; the error shape, the /eval
    questions and the dataset names are checked by the helpers above.

    Long because the routes are closures over the app's graphs, limits and rate state.
    """
    from fastapi import FastAPI

    from .answer.render import to_json

    if not engines:
        raise ValueError("no graph to serve")
    default = next(iter(engines))
    datasets = dict(DATASETS if datasets is None else datasets)

    async def lifespan(app):
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, threads)
        yield

    app = FastAPI(title="kgquery", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    _add_error_handlers(app)

    def engine_for(name: str | None):
        name = name or default
        if name not in engines:
            return None, _error(404, f"unknown graph '{name}'; this service has: {', '.join(engines)}")
        return engines[name], None

    @app.get("/health")
    def health():
        return {
            "status": "ok",
            "default_graph": default,
            "graphs": {n: {"triples": e.kg.triple_count, "endpoint": e.kg.is_endpoint} for n, e in engines.items()},
            "datasets": {iri: g for iri, g in datasets.items() if g in engines},
        }

    @app.post("/ask")
    def ask(req: AskRequest):
        engine, err = engine_for(req.graph)
        if err:
            return err
        return engine.ask(req.question).to_dict()

    @app.post("/sparql")
    def sparql(req: SparqlRequest):
        engine, err = engine_for(req.graph)
        if err:
            return err
        return json.loads(to_json(engine.kg.query(req.query)))

    @app.post("/eval")
    def evaluate(req: EvalRequest):
        from .evaluation.harness import run_eval

        engine, err = engine_for(req.graph)
        if err:
            return err
        qs, err = _eval_questions(req, max_eval)
        if err:
            return err
        return run_eval(engine.kg, qs, progress=False, engine_factory=lambda kg, model: engine, budget_s=eval_budget_s)

    @app.get("/")
    def text2sparql(question: str | None = None, dataset: str | None = None):
        if not question or not dataset:
            return _error(
                400,
                "the TEXT2SPARQL API: GET /?question=...&dataset=... (dataset: "
                + ", ".join(sorted(set(datasets) | set(engines)))
                + ")",
            )
        name, err = _dataset_graph(dataset, datasets, engines)
        if err:
            return err
        ans = engines[name].ask(question)
        return {"dataset": dataset, "question": question, "query": ans.sparql or ""}

    return Guards(app, api_key, max_body, rate, burst, max_eval)


# --------------------------------------------------------------------------- command line


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any address


def check_exposure(host: str, api_key: str | None, insecure_no_key: bool) -> str | None:
    """Refuse (KgqueryError) to bind a non-loopback address without a key; the warning to print, if any."""
    from .errors import KgqueryError

    if api_key or is_loopback(host):
        return None
    if not insecure_no_key:
        raise KgqueryError(
            f"refusing to serve on {host} without an API key: anyone who can reach it could use it; "
            "set one with KGQUERY_API_KEY=... (e.g. KGQUERY_API_KEY=$(openssl rand -hex 16)), "
            "or bind 127.0.0.1, or pass --insecure-no-key to serve openly anyway"
        )
    return (
        f"kgquery serve: WARNING: serving on {host} WITHOUT an API key (--insecure-no-key): "
        "anyone who can reach this address can query the graphs"
    )


def uvicorn_options(trusted_proxies: list[str] | None) -> dict:
    """Forwarded-header settings: believe X-Forwarded-For only from the proxies named, never by default.

    (uvicorn believes it from 127.0.0.1 unless told otherwise, so any local client or local proxy
    could name a new address on every request and never meet the rate limit.)
    """
    proxies = [p.strip() for p in trusted_proxies or [] if p.strip()]
    if not proxies:
        return {"proxy_headers": False, "forwarded_allow_ips": ""}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(proxies)}


def serve(args) -> int:
    """Load the graphs, warm their indexes, and run uvicorn until interrupted."""
    import uvicorn

    from .graph.execute import Limits
    from .pipeline import KGQuery

    limits = Limits(timeout_s=args.timeout, max_rows=args.max_rows, memory_mb=args.memory_mb)
    api_key = args.api_key if args.api_key is not None else os.environ.get("KGQUERY_API_KEY")
    warning = check_exposure(args.host, api_key, getattr(args, "insecure_no_key", False))  # before the slow load
    proxy = uvicorn_options(getattr(args, "trusted_proxy", None))
    t0 = time.perf_counter()
    from .graphs import load_limits

    graphs = load_graphs(
        args.graph, limits=limits, store=args.store, endpoint=args.endpoint, fmt=args.fmt, load_limits=load_limits(args)
    )
    engines = {name: KGQuery(kg, model=args.model) for name, kg in graphs.items()}
    if not args.no_warm:
        from .graph.guard import warm_parsers

        warm_parsers(max(1, args.threads))  # one grammar copy per request thread, each ~0.3 s to warm
    for name, engine in engines.items():
        if not args.no_warm:
            engine.linker  # schema, labels, values (and embeddings): built now, not on the first request
        print(f"kgquery serve: graph {name}: {engine.kg.triple_count:,} triples", file=sys.stderr, flush=True)
    app = create_app(
        engines,
        api_key=api_key or None,
        max_body=args.max_body,
        rate=args.rate,
        burst=args.burst,
        max_eval=args.max_eval,
        threads=args.threads,
        eval_budget_s=args.eval_budget if args.eval_budget is not None else args.timeout,
    )
    where = f"http://{args.host}:{args.port}" if ":" not in args.host else f"http://[{args.host}]:{args.port}"
    print(
        f"kgquery serve: {where} ready in {time.perf_counter() - t0:.1f} s "
        f"({'API key required' if api_key else 'no API key'}; Ctrl+C stops it)",
        file=sys.stderr,
        flush=True,
    )
    if warning:
        print(warning, file=sys.stderr, flush=True)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=args.access_log,
        limit_concurrency=args.max_connections,
        timeout_keep_alive=5,
        server_header=False,
        **proxy,
    )
    return 0
