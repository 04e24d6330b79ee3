"""The `kgquery` command. Errors are one line and a non-zero exit, never a traceback."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import KgqueryError

# importable from here as before
from .graphs import APP_SCRIPT, BUNDLED, load_limits, open_graph, resolve_graph_path  # noqa: F401

#: exit codes, the same for every command (README "Use", `kgquery --help`)
EXIT_OK = 0  # answered (rows, a yes/no, or an empty result that is the answer)
EXIT_FAILED = 1  # the query failed or timed out, the endpoint is down, or a bug of ours
EXIT_USAGE = 2  # bad arguments or input: a missing file, a malformed question set, an empty question
EXIT_NOT_SURE = 3  # `ask` abstained (no query it trusts: the best attempt is shown) or asks which entity
EXIT_REFUSED = 4  # the query was refused (not read-only, or otherwise not allowed)

EXIT_CODES_HELP = """exit codes (ask, sparql; eval and chat use 0, 1 and 2 only):
  0  answered (rows, yes/no, or no matching facts)
  1  failed: the query failed or timed out, the endpoint is unreachable, or an internal error
  2  bad arguments or input (one line on stderr)
  3  not sure: ask abstained (its best attempt is shown, not trusted) or asks which entity you mean
  4  refused: the query is not allowed (kgquery only reads)"""

#: an outcome (Answer.outcome or Outcome.value) -> exit code
OUTCOME_EXIT = {
    "answered": EXIT_OK,
    "empty": EXIT_OK,
    "rows": EXIT_OK,
    "boolean": EXIT_OK,
    "abstained": EXIT_NOT_SURE,
    "clarify": EXIT_NOT_SURE,
    "refused": EXIT_REFUSED,
    "failed": EXIT_FAILED,
    "timed_out": EXIT_FAILED,
}


class Parser(argparse.ArgumentParser):
    """argparse with bad arguments as one line on stderr and exit 2 (no usage block)."""

    def error(self, message: str):
        print(f"{self.prog}: error: {' '.join(message.split())} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def positive_float(text: str) -> float:
    """A finite number above 0 (seconds): 'nan', 'inf', 0 and negatives are refused."""
    import math

    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(x) or x <= 0:
        raise argparse.ArgumentTypeError(f"must be a number above 0, not {text!r}")
    return x


def positive_int(text: str) -> int:
    """A whole number above 0 (row caps, megabytes, question counts)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text!r}")
    return n


def rdf_format(text: str) -> str:
    """An RDF syntax name (turtle, ntriples, nquads, trig, n3, xml, json-ld) or a file ending (ttl, nt, ...)."""
    from .graph.store import FORMATS

    t = text.strip().lower()
    if t in FORMATS.values():
        return t
    if "." + t.lstrip(".") in FORMATS:
        return FORMATS["." + t.lstrip(".")]
    raise argparse.ArgumentTypeError(
        f"unknown RDF syntax {text!r}; use one of {', '.join(sorted(set(FORMATS.values())))}"
    )


def _graph_args(p: argparse.ArgumentParser, required: bool = True) -> None:
    g = p.add_argument_group("graph")
    g.add_argument(
        "--graph",
        "-g",
        action="append",
        default=[],
        metavar="FILE",
        help="RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD, optionally .gz); "
        "repeat for several, or name a bundled graph: ck25, countries",
    )
    g.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 endpoint instead of files")
    g.add_argument(
        "--store",
        default="oxigraph",
        choices=["oxigraph", "memory"],
        help="local store: oxigraph (fast, default) or rdflib's memory store",
    )
    g.add_argument(
        "--format",
        dest="fmt",
        default=None,
        type=rdf_format,
        help="RDF syntax when the file ending does not tell (turtle, ntriples, nquads, trig, n3, xml, json-ld)",
    )
    g.add_argument("--timeout", type=positive_float, default=10.0, help="seconds per query (default 10)")
    g.add_argument("--max-rows", type=positive_int, default=10_000, help="row cap per query (default 10000)")
    g.add_argument("--memory-mb", type=positive_int, default=1024, help="memory cap per query in MB (default 1024)")
    g.add_argument(
        "--max-graph-mb",
        type=positive_float,
        default=None,
        metavar="MB",
        help="largest graph to load, in MB after decompression (default: KGQUERY_MAX_GRAPH_MB or 512)",
    )


def cmd_info(args) -> int:
    """Size, classes and properties of a graph."""
    kg = open_graph(args)
    s = kg.schema
    print(f"graph: {kg.name}")
    print(f"triples: {kg.triple_count:,}")
    print(f"classes: {len(s.classes)}  properties: {len(s.properties)}  labelled entities: {len(kg.labels):,}")
    for c in s.classes[:10]:
        print(f"  {c.count:>8,}  {c.label}  {s.short(c.iri)}")
    return 0


def cmd_schema(args) -> int:
    """Print the schema summary (text for prompts, or JSON)."""
    import json

    kg = open_graph(args)
    if args.json:
        print(json.dumps(kg.schema.to_dict(), indent=1, ensure_ascii=False))
    else:
        print(kg.schema.render(budget=args.budget))
    return 0


def cmd_sparql(args) -> int:
    """Run one read-only SPARQL query through the safe executor."""
    from .answer.render import table, to_csv, to_json

    query = args.query
    if args.file:
        query = Path(args.file).read_text("utf-8") if args.file != "-" else sys.stdin.read()
    if not query:
        raise KgqueryError("no query: give it as an argument or with --file")
    kg = open_graph(args)
    res = kg.query(query)
    if args.output == "json":  # programs read the outcome from the JSON as well
        print(to_json(res))
    elif not res.ok:
        pass  # the reason goes to stderr below, nothing to stdout
    elif args.output == "csv":
        sys.stdout.write(to_csv(res))
    else:
        label_of = kg.labels.label_of if not kg.is_endpoint else None
        print(table(res, label_of))
    if not res.ok:
        print(f"kgquery: {res.outcome.value.replace('_', ' ')}: {' '.join(res.message.split())[:500]}", file=sys.stderr)
    elif res.truncated:
        print(
            f"kgquery: truncated: only the first {len(res.rows):,} rows (the row cap, --max-rows "
            f"{args.max_rows}; raise it for more)",
            file=sys.stderr,
        )
    elif args.output == "table":
        print(f"({res.outcome.value}, {len(res.rows)} rows, {res.seconds * 1000:.0f} ms)", file=sys.stderr)
    return OUTCOME_EXIT.get(res.outcome.value, EXIT_FAILED)


def verify_options(args) -> dict:
    """KGQuery's verifier settings from --verify, --verify-threshold and --verify-fallback (issue 19)."""
    if not getattr(args, "verify", False):
        return {}
    if not getattr(args, "model", None):
        raise KgqueryError("--verify needs --model (the model that judges the candidates)")
    return {"verify": True, "verify_threshold": args.verify_threshold, "verify_fallback": args.verify_fallback}


def _verify_args(sp) -> None:
    sp.add_argument(
        "--verify",
        action="store_true",
        help="the --model judges the best executed candidates (yes/no, P(yes) as score) instead of writing SPARQL",
    )
    sp.add_argument(
        "--verify-threshold", type=float, default=None, help="P(yes) a candidate needs to be accepted (default 0.5)"
    )
    sp.add_argument(
        "--verify-fallback",
        choices=["abstain", "model"],
        default="abstain",
        help="when no candidate is accepted: abstain (default) or let the model write its own query",
    )


def cmd_ask(args) -> int:
    """Answer a question in plain language, with the query and the rows behind it."""
    from .pipeline import KGQuery

    if not args.question.strip():
        raise KgqueryError("no question: give it in quotes, e.g. kgquery ask -g ck25 \"Who manages Marketing?\"")
    kg = open_graph(args)
    engine = KGQuery(kg, model=args.model, **verify_options(args))
    streamed: list[str] = []
    if args.model and not args.json:  # a model words the answer: show it as it is written

        def show(piece: str) -> None:
            streamed.append(piece)
            print(piece, end="", flush=True)

        ans = engine.ask(args.question, on_token=show, choice=args.choice)
        if streamed:
            print()
    else:
        ans = engine.ask(args.question, choice=args.choice)
    if args.evidence_ttl:
        Path(args.evidence_ttl).write_text(ans.evidence_turtle(_prefixes(kg)), "utf-8")
    code = OUTCOME_EXIT.get(ans.outcome, EXIT_FAILED)
    if args.json:
        print(ans.to_json())
    elif code in (EXIT_FAILED, EXIT_REFUSED):  # the reason on stderr; the query tried, if any, on stdout
        if ans.sparql and not args.quiet:
            print(ans.report())
    else:
        if not streamed:
            print(ans.text)
        if not args.quiet:
            print()
            print(ans.report())
    if code in (EXIT_FAILED, EXIT_REFUSED):
        why = ans.message or ans.text or "no reason given"
        print(f"kgquery: {ans.outcome.replace('_', ' ')}: {' '.join(why.split())[:500]}", file=sys.stderr)
    return code


def _prefixes(kg) -> dict[str, str]:
    try:
        return dict(kg.schema.prefixes)
    except Exception:
        return {}


def cmd_chat(args) -> int:
    """Ask questions one per line (follow-ups resolve against earlier turns); EOF or 'quit' ends it."""
    from .conversation import Conversation
    from .pipeline import KGQuery

    kg = open_graph(args)
    conv = Conversation(KGQuery(kg, model=args.model))
    interactive = sys.stdin.isatty()
    if interactive:
        print("Ask a question (follow-ups welcome; 'new' starts over, 'quit' ends).", file=sys.stderr)
    while True:
        if interactive:
            print("> ", end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in ("quit", "exit", "bye", ":q"):
            break
        if text.lower() in ("new", "reset"):
            conv.reset()
            print("(new conversation)")
            continue
        choice = None
        last = conv.last
        if last is not None and last.outcome == "clarify" and last.clarification:
            picked = _pick(text, last.clarification)
            if picked:
                choice, text = picked, last.question
        try:
            ans = conv.ask(text, choice=choice)
        except KgqueryError as e:
            print(f"kgquery: error: {e}", file=sys.stderr)
            continue
        print(ans.text)
        if ans.clarification:
            for i, (iri, lab) in enumerate(ans.clarification, 1):
                print(f"  {i}. {lab}  <{iri}>")
        elif args.verbose:
            print(ans.report())
        elif ans.explanation and ans.outcome != "abstained":  # an abstention's sentence names its attempt
            print(f"  ({ans.explanation})")
        sys.stdout.flush()
    return 0


def _pick(text: str, options: list[tuple[str, str]]) -> str | None:
    """The option a reply picks: its number, its IRI or words of its label."""
    t = text.strip().strip("<>").lower()
    if t.isdigit() and 1 <= int(t) <= len(options):
        return options[int(t) - 1][0]
    for iri, lab in options:
        if t == iri.lower() or (len(t) >= 3 and t in lab.lower()):
            return iri
    return None


def cmd_serve_model(args) -> int:
    """Serve a transformers model over an OpenAI-compatible chat API (for tests and local trials)."""
    from .serve_model import main as serve

    argv = ["--model", args.model, "--host", args.host, "--port", str(args.port)]
    return serve(argv + (["--name", args.name] if args.name else []))


def cmd_serve(args) -> int:
    """Serve ask/sparql/eval and the TEXT2SPARQL API over HTTP (127.0.0.1 by default)."""
    import importlib.util

    if importlib.util.find_spec("fastapi") is None or importlib.util.find_spec("uvicorn") is None:
        raise KgqueryError("the service needs FastAPI and uvicorn: pip install 'kgquery[serve]'")
    from .serve import serve

    return serve(args)


def cmd_eval(args) -> int:
    """Run a question set through `ask` and score it (set-F1, exact match, outcomes, latency)."""
    from .evaluation.harness import run_eval_cli

    verify_options(args)  # --verify without --model: one line, exit 2
    return run_eval_cli(args)


def cmd_app(args) -> int:
    """Start the query page (Streamlit) on this machine: http://127.0.0.1:8501 by default."""
    import importlib.util
    import subprocess

    script = APP_SCRIPT
    if not script.is_file():
        raise KgqueryError(f"the page is not here: {script} (reinstall kgquery: pip install 'kgquery[app]')")
    if importlib.util.find_spec("streamlit") is None:
        raise KgqueryError("the page needs Streamlit: pip install 'kgquery[app]'")
    env = dict(os.environ)
    if args.graph:
        env["KGQUERY_APP_GRAPH"] = args.graph
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        args.address,
        "--server.port",
        str(args.port),
        "--browser.gatherUsageStats",
        "false",
        "--server.headless",
        "true",
        "--server.maxUploadSize",
        "50",
        "--server.fileWatcherType",
        "none",
        "--client.toolbarMode",
        "minimal",
    ]
    print(f"kgquery page: http://{args.address}:{args.port}  (Ctrl+C stops it)", file=sys.stderr, flush=True)
    # run from app/ so app/.streamlit/config.toml (theme, usage statistics off) applies as well
    if os.name == "posix":  # become the server: signals reach it directly, no orphan is left behind
        sys.stdout.flush()
        os.chdir(script.parent)
        os.execve(sys.executable, cmd, env)
    return subprocess.call(cmd, cwd=script.parent, env=env)


def _add_graph_commands(sub) -> None:
    """kgquery info | schema | sparql: the graph itself."""
    sp = sub.add_parser("info", help=cmd_info.__doc__, description=cmd_info.__doc__)
    _graph_args(sp)
    sp.set_defaults(func=cmd_info)

    sp = sub.add_parser("schema", help=cmd_schema.__doc__, description=cmd_schema.__doc__)
    _graph_args(sp)
    sp.add_argument("--json", action="store_true", help="structured form for programs")
    sp.add_argument("--budget", type=int, default=4000, help="size budget of the text form in characters")
    sp.set_defaults(func=cmd_schema)

    sp = sub.add_parser(
        "sparql",
        help=cmd_sparql.__doc__,
        description=cmd_sparql.__doc__,
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _graph_args(sp)
    sp.add_argument("query", nargs="?", help="the SPARQL query")
    sp.add_argument("--file", "-f", help="read the query from a file (- for stdin)")
    sp.add_argument("--output", "-o", choices=["table", "json", "csv"], default="table")
    sp.set_defaults(func=cmd_sparql)


def _grammar_arg(sp) -> None:
    sp.add_argument(
        "--grammar-format",
        choices=["auto", "vllm", "vllm-legacy", "llamacpp", "none"],
        help="how a model server takes the query grammar: vllm (structured_outputs), vllm-legacy "
        "(guided_grammar), llamacpp (GBNF), none; default KGQUERY_GRAMMAR_FORMAT or auto (docs/models.md)",
    )


def _add_ask_commands(sub) -> None:
    """kgquery ask | chat: questions in plain language."""
    sp = sub.add_parser(
        "ask",
        help=cmd_ask.__doc__,
        description=cmd_ask.__doc__,
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _graph_args(sp)
    sp.add_argument("question", help="the question, in quotes")
    sp.add_argument(
        "--model",
        default=os.environ.get("KGQUERY_MODEL"),
        help="language model: transformers:ID_OR_PATH, openai:MODEL@URL or a server URL "
        "(default: the embedded generator, no model); see docs/models.md",
    )
    _grammar_arg(sp)
    sp.add_argument("--json", action="store_true", help="the whole Answer as JSON")
    sp.add_argument("--quiet", "-q", action="store_true", help="only the answer sentence")
    sp.add_argument("--choice", metavar="IRI", help="the entity meant, when a name fits several (kgquery asks back)")
    sp.add_argument("--evidence-ttl", metavar="FILE", help="write the evidence triples to FILE as Turtle")
    _verify_args(sp)
    sp.set_defaults(func=cmd_ask)

    sp = sub.add_parser("chat", help=cmd_chat.__doc__, description=cmd_chat.__doc__)
    _graph_args(sp)
    sp.add_argument(
        "--model",
        default=os.environ.get("KGQUERY_MODEL"),
        help="language model (default: the embedded generator, no model)",
    )
    _grammar_arg(sp)
    sp.add_argument("--verbose", "-v", action="store_true", help="the query, rows and evidence after each answer")
    sp.set_defaults(func=cmd_chat)


def _add_eval_command(sub) -> None:
    """kgquery eval: question sets scored."""
    sp = sub.add_parser("eval", help=cmd_eval.__doc__, description=cmd_eval.__doc__)
    _graph_args(sp)
    sp.add_argument(
        "--questions", required=True, help="questions.yml (TEXT2SPARQL), Spider4SPARQL dev.json, QALD JSON or JSONL"
    )
    sp.add_argument("--kgs", help="Spider4SPARQL: folder with one graph per db_id")
    sp.add_argument("--model", default=os.environ.get("KGQUERY_MODEL"))
    _verify_args(sp)
    _grammar_arg(sp)
    sp.add_argument("--limit", type=positive_int, help="only the first N questions")
    sp.add_argument("--json", dest="json_out", metavar="OUT", help="write the per-question report here")
    sp.add_argument("--compare", metavar="DIR", help="ck25: put each 2025 team's F1 beside ours (challenge_results/)")
    sp.add_argument("--only", metavar="DB,DB", help="Spider4SPARQL: only these graphs (db_id, comma-separated)")
    sp.add_argument("--exclude", metavar="DB,DB", help="Spider4SPARQL: leave these graphs out (db_id)")
    sp.add_argument(
        "--split",
        choices=["dev", "heldout"],
        help="Spider4SPARQL: the project's fixed split (kgquery/evaluation/splits.py): "
        "dev = graphs to tune on, heldout = graphs only scored",
    )
    sp.set_defaults(func=cmd_eval)


def _add_local_servers(sub) -> None:
    """kgquery serve-model | app: a model server and the query page, for this machine."""
    sp = sub.add_parser("serve-model", help=cmd_serve_model.__doc__, description=cmd_serve_model.__doc__)
    sp.add_argument("--model", required=True, help="hub id, local folder or .gguf file")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8011, help="0 picks a free port")
    sp.add_argument("--name", help="model name the API reports")
    sp.set_defaults(func=cmd_serve_model)

    sp = sub.add_parser("app", help=cmd_app.__doc__, description=cmd_app.__doc__)
    sp.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    sp.add_argument(
        "--address",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1: this machine only; 0.0.0.0 exposes the page)",
    )
    sp.add_argument("--graph", default=None, help="bundled graph selected at start (ck25, countries)")
    sp.set_defaults(func=cmd_app)


def _add_serve_command(sub) -> None:
    """kgquery serve: the HTTP service, with its limits."""
    sp = sub.add_parser("serve", help=cmd_serve.__doc__, description=cmd_serve.__doc__)
    _graph_args(sp)
    sp.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1: this machine only; 0.0.0.0 exposes the service)",
    )
    sp.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sp.add_argument(
        "--api-key",
        default=None,
        help="require this key (header 'Authorization: Bearer KEY' or 'X-API-Key'); "
        "default: KGQUERY_API_KEY if set (prefer it: arguments show in the process list)",
    )
    sp.add_argument(
        "--insecure-no-key",
        action="store_true",
        help="serve on a non-loopback address without an API key (refused otherwise)",
    )
    sp.add_argument(
        "--trusted-proxy",
        action="append",
        metavar="IP_OR_NET",
        help="believe X-Forwarded-For from this proxy address or network (repeatable); "
        "default: from none, each connection's own address is the client",
    )
    sp.add_argument("--model", default=os.environ.get("KGQUERY_MODEL"), help="language model (default: none)")
    sp.add_argument("--rate", type=float, default=10.0, help="requests per second per client (default 10; 0 = off)")
    sp.add_argument("--burst", type=int, default=20, help="requests a client may send at once (default 20)")
    sp.add_argument("--max-body", type=int, default=64 * 1024, help="largest request body in bytes (default 65536)")
    sp.add_argument("--max-eval", type=int, default=25, help="most questions per /eval request (default 25)")
    sp.add_argument(
        "--eval-budget",
        type=float,
        default=None,
        help="server seconds one /eval request may use in all (default: --timeout, 10 s); "
        "the time used counts against the caller's rate",
    )
    sp.add_argument("--threads", type=int, default=8, help="requests worked on at once (default 8)")
    sp.add_argument("--max-connections", type=int, default=256, help="open connections before 503 (default 256)")
    sp.add_argument("--no-warm", action="store_true", help="build indexes on the first request, not at start")
    sp.add_argument("--access-log", action="store_true", help="log each request line")
    sp.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    sp.set_defaults(func=cmd_serve)


def build_parser() -> argparse.ArgumentParser:
    """The `kgquery` command line: one subcommand per job, in the order `kgquery --help` lists them."""
    p = Parser(
        prog="kgquery",
        description="Ask a knowledge graph questions in plain language.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    _add_graph_commands(sub)
    _add_ask_commands(sub)
    _add_eval_command(sub)
    _add_local_servers(sub)
    _add_serve_command(sub)

    from .tune.cli import add_parser as add_tune_parser  # kgquery tune synth | train | eval

    add_tune_parser(sub, _graph_args)
    return p


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings as one line on stderr ("kgquery: warning: ..."), not Python's file:line and source."""
    print(f"kgquery: warning: {' '.join(str(message).split())}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    import warnings

    with warnings.catch_warnings():  # restored on return: a caller's own warning handling stays as it was
        warnings.showwarning = _one_line_warning
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help (0) or a bad argument (2, already said in one line)
        return e.code if isinstance(e.code, int) else EXIT_USAGE
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    fmt = getattr(args, "grammar_format", None)
    before = os.environ.get("KGQUERY_GRAMMAR_FORMAT")
    if fmt:  # read where the model server's client is made; restored below
        os.environ["KGQUERY_GRAMMAR_FORMAT"] = fmt
    try:
        return args.func(args)
    except KgqueryError as e:
        print(f"kgquery: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except RecursionError:  # e.g. JSON nested thousands deep: input we cannot read, not a crash
        print("kgquery: error: input nested too deeply to read", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("kgquery: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except (OSError, UnicodeDecodeError) as e:  # e.g. a --file that is missing or not UTF-8
        print(f"kgquery: error: {' '.join(str(e).split())[:300]}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as e:  # a bug of ours: still one line unless asked for more
        if os.environ.get("KGQUERY_DEBUG"):
            raise
        print(
            f"kgquery: internal error: {type(e).__name__}: {' '.join(str(e).split())[:300]} "
            f"(set KGQUERY_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    finally:
        if fmt:
            os.environ.pop("KGQUERY_GRAMMAR_FORMAT", None)
            if before is not None:
                os.environ["KGQUERY_GRAMMAR_FORMAT"] = before


if __name__ == "__main__":
    sys.exit(main())
