"""Which graph to open: bundled graphs by short name, files, or an endpoint, from the command's arguments.

Below the commands (cli, serve, eval, tune, the page), so each of them opens graphs the same way
without importing another command's module.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import KgqueryError


def _packaged(inside: str, checkout: str) -> Path:
    """A folder shipped with kgquery: the installed package data (kgquery/<inside>, put there from the
    checkout's folder by pyproject.toml's package-dir), else the source checkout's <checkout> folder
    (running from a checkout, or an editable install)."""
    here = Path(__file__).resolve().parent
    installed, source = here / inside, here.parent / checkout
    return installed if installed.is_dir() or not source.is_dir() else source


#: the bundled graphs (graphs/<name>/ in the checkout: each RDF file with its SOURCE.md and licence)
BUNDLED = _packaged("_graphs", "graphs")
#: the query page `kgquery app` starts (app/streamlit_app.py in the checkout)
APP_SCRIPT = _packaged("_app", "app") / "streamlit_app.py"


def resolve_graph_path(name: str) -> Path:
    """A path as given, or a bundled graph by short name (ck25, countries)."""
    p = Path(name)
    if p.exists() or not name.replace("-", "").replace("_", "").isalnum():
        return p
    folder = BUNDLED / name
    if folder.is_dir():
        files = sorted(f for f in folder.iterdir() if f.suffix in (".ttl", ".nt", ".gz") and not f.name.startswith("."))
        if files:
            return files[0]
    return p


def load_limits(args: argparse.Namespace):
    """Bounds on loading a graph file: --max-graph-mb, else the environment (kgquery.graph.loadguard)."""
    from .graph.loadguard import LoadLimits

    mb = getattr(args, "max_graph_mb", None)
    if mb is not None and not mb > 0:
        raise KgqueryError(f"--max-graph-mb must be a positive number of MB, not {mb:g}")
    return LoadLimits.from_env(max_mb=mb)


def open_graph(args: argparse.Namespace):
    """Load the graph the arguments name, with progress on stderr."""
    from .graph import KnowledgeGraph
    from .graph.execute import Limits

    limits = Limits(timeout_s=args.timeout, max_rows=args.max_rows, memory_mb=args.memory_mb)
    if args.endpoint:
        if args.graph:
            raise KgqueryError("give either --graph or --endpoint, not both")
        return KnowledgeGraph.endpoint(args.endpoint, limits=limits)
    if not args.graph:
        raise KgqueryError("no graph: pass --graph FILE (or a bundled name: ck25, countries) or --endpoint URL")
    paths = [resolve_graph_path(g) for g in args.graph]
    total = sum(p.stat().st_size for p in paths if p.exists())
    t0 = time.perf_counter()
    if total > 20_000_000:
        print(f"loading {len(paths)} file(s), {total / 1e6:,.0f} MB ...", file=sys.stderr, flush=True)
    kg = KnowledgeGraph.load(paths, store=args.store, fmt=args.fmt, limits=limits, load_limits=load_limits(args))
    if total > 20_000_000:
        print(f"loaded {kg.triple_count:,} triples in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return kg
