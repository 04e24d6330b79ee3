#!/usr/bin/env python3
"""Scale bench: generated graphs of 10k / 100k / 1M triples, local store, Oxigraph server, rdflib.

The generator (fixed seed) writes people, companies, cities, countries and products with labels,
types, numeric attributes and links as N-Triples into a temp folder (never the repository), plus
questions made from its own facts ("What is the age of X?", "Who does X work for?", "How many
people live in C?" ...), each with the values it expects. For every (size, store) one child process
loads the graph, builds the indexes (schema summary, label index, linker with value index and
embeddings) with a fresh cache, and asks the questions; it reports load time, index build time,
peak RSS of the process (and of the forked query workers), ask latency p50/p95 and how many answers
held the expected value. "endpoint" loads the file with `oxigraph load` and asks through
`oxigraph serve-read-only` on 127.0.0.1 (paged index builds). rdflib's memory store is the
reference where it is tolerable (skipped above --memory-max triples).

    python bench/scale.py                                   # 10k, 100k, 1M; oxigraph, endpoint, memory
    python bench/scale.py --sizes 10000 --stores oxigraph   # one quick configuration
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EX = "http://scale.example.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
SYL = (
    "ka ren bra nt hei rich ho sa bri na gei ger lo ve la ce mo ri ta su mi do fe li an to el "
    "ro mar ti no vi da be sto wen gal der fin mor tal ess ul"
).split()
TRIPLES_PER_PERSON = 8.5  # the mix below gives about this many triples per person


# --------------------------------------------------------------------------- generator


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts))


def _unique(rng: random.Random, n: int, parts: int, taken: set[str]) -> list[str]:
    out = []
    while len(out) < n:
        s = _name(rng, parts)
        if s not in taken:
            taken.add(s)
            out.append(s)
    return out


def generate(triples: int, folder: Path, seed: int = 8, questions: int = 40) -> tuple[Path, Path]:
    """Write graph-<n>.nt and questions-<n>.json (deterministic for a seed); returns both paths."""
    graph, qfile = folder / f"graph-{triples}.nt", folder / f"questions-{triples}.json"
    if graph.exists() and qfile.exists():
        return graph, qfile
    rng = random.Random(seed)
    n_people = max(50, int(triples / TRIPLES_PER_PERSON * 1.05))
    n_comp, n_city, n_prod, n_country = max(5, n_people // 20), max(5, n_people // 50), max(10, n_people // 8), 30
    taken: set[str] = set()
    countries = _unique(rng, n_country, 1, taken)
    cities = _unique(rng, n_city, 1, taken)
    companies = [
        f"{n} {rng.choice(['Systems', 'Works', 'Labs', 'Group', 'Industries'])}" for n in _unique(rng, n_comp, 1, taken)
    ]
    people = _unique(rng, n_people, 2, taken)
    products = [
        f"{n} {rng.choice(['Valve', 'Sensor', 'Pump', 'Relay', 'Motor'])}" for n in _unique(rng, n_prod, 1, taken)
    ]
    lines: list[str] = []
    t = lines.append

    def lit(v, dt=None):
        return f'"{v}"^^<{XSD}{dt}>' if dt else f'"{v}"'

    for cls, label in (
        ("Person", "person"),
        ("Company", "company"),
        ("City", "city"),
        ("Country", "country"),
        ("Product", "product"),
    ):
        t(f"<{EX}{cls}> <{RDF_TYPE}> <http://www.w3.org/2002/07/owl#Class> .")
        t(f"<{EX}{cls}> <{LABEL}> {lit(label)} .")
    for p, label in (
        ("age", "age"),
        ("height", "height"),
        ("worksFor", "works for"),
        ("livesIn", "lives in"),
        ("knows", "knows"),
        ("founded", "founded"),
        ("revenue", "revenue"),
        ("locatedIn", "located in"),
        ("population", "population"),
        ("inCountry", "country"),
        ("price", "price"),
        ("madeBy", "made by"),
        ("weight", "weight"),
    ):
        t(f"<{EX}{p}> <{LABEL}> {lit(label)} .")
    facts = {"age": {}, "works": {}, "city_of_company": {}, "population": {}, "price": {}, "residents": {}}
    for i, c in enumerate(countries):
        t(f"<{EX}country/{i}> <{RDF_TYPE}> <{EX}Country> .")
        t(f"<{EX}country/{i}> <{LABEL}> {lit(c)} .")
    for i, c in enumerate(cities):
        pop = rng.randint(1_000, 5_000_000)
        facts["population"][c] = pop
        t(f"<{EX}city/{i}> <{RDF_TYPE}> <{EX}City> .")
        t(f"<{EX}city/{i}> <{LABEL}> {lit(c)} .")
        t(f"<{EX}city/{i}> <{EX}population> {lit(pop, 'integer')} .")
        t(f"<{EX}city/{i}> <{EX}inCountry> <{EX}country/{rng.randrange(n_country)}> .")
    for i, c in enumerate(companies):
        city = rng.randrange(n_city)
        facts["city_of_company"][c] = cities[city]
        t(f"<{EX}company/{i}> <{RDF_TYPE}> <{EX}Company> .")
        t(f"<{EX}company/{i}> <{LABEL}> {lit(c)} .")
        t(f"<{EX}company/{i}> <{EX}founded> {lit(rng.randint(1850, 2024), 'integer')} .")
        t(f"<{EX}company/{i}> <{EX}revenue> {lit(rng.randint(10, 900_000) / 10, 'decimal')} .")
        t(f"<{EX}company/{i}> <{EX}locatedIn> <{EX}city/{city}> .")
    for i, p in enumerate(people):
        age, comp, city = rng.randint(18, 90), rng.randrange(n_comp), rng.randrange(n_city)
        facts["age"][p], facts["works"][p] = age, companies[comp]
        facts["residents"][cities[city]] = facts["residents"].get(cities[city], 0) + 1
        t(f"<{EX}person/{i}> <{RDF_TYPE}> <{EX}Person> .")
        t(f"<{EX}person/{i}> <{LABEL}> {lit(p)} .")
        t(f"<{EX}person/{i}> <{EX}age> {lit(age, 'integer')} .")
        t(f"<{EX}person/{i}> <{EX}height> {lit(rng.randint(150, 200), 'integer')} .")
        t(f"<{EX}person/{i}> <{EX}worksFor> <{EX}company/{comp}> .")
        t(f"<{EX}person/{i}> <{EX}livesIn> <{EX}city/{city}> .")
        for _ in range(rng.choice((0, 1, 1, 2))):
            t(f"<{EX}person/{i}> <{EX}knows> <{EX}person/{rng.randrange(n_people)}> .")
    for i, p in enumerate(products):
        price = rng.randint(100, 99_999) / 100
        facts["price"][p] = price
        t(f"<{EX}product/{i}> <{RDF_TYPE}> <{EX}Product> .")
        t(f"<{EX}product/{i}> <{LABEL}> {lit(p)} .")
        t(f"<{EX}product/{i}> <{EX}price> {lit(f'{price:.2f}', 'decimal')} .")
        t(f"<{EX}product/{i}> <{EX}madeBy> <{EX}company/{rng.randrange(n_comp)}> .")
        t(f"<{EX}product/{i}> <{EX}weight> {lit(rng.randint(1, 5000), 'integer')} .")
    folder.mkdir(parents=True, exist_ok=True)
    graph.write_text("\n".join(lines) + "\n", "utf-8")
    qs = []
    qrng = random.Random(seed + 1)
    for k in range(questions):
        kind = k % 5
        if kind == 0:
            p = qrng.choice(people)
            qs.append({"question": f"What is the age of {p}?", "expected": [str(facts["age"][p])]})
        elif kind == 1:
            p = qrng.choice(people)
            qs.append({"question": f"Which company does {p} work for?", "expected": [facts["works"][p]]})
        elif kind == 2:
            c = qrng.choice(cities)
            qs.append({"question": f"What is the population of {c}?", "expected": [str(facts["population"][c])]})
        elif kind == 3:
            c = qrng.choice(companies)
            qs.append({"question": f"In which city is {c} located?", "expected": [facts["city_of_company"][c]]})
        else:
            p = qrng.choice(products)
            qs.append({"question": f"What is the price of {p}?", "expected": [f"{facts['price'][p]:.2f}"]})
    qfile.write_text(json.dumps(qs, indent=1), "utf-8")
    return graph, qfile


# --------------------------------------------------------------------------- one configuration (child)


def _peak_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest finished child (forked query workers), in MB."""
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


def _matches(answer, expected: list[str]) -> bool:
    from decimal import Decimal, InvalidOperation

    got = set(answer.values()) | {answer.labels.get(v, "") for v in answer.values()}
    for e in expected:
        if e in got:
            continue
        try:
            if any(Decimal(g) == Decimal(e) for g in got if g and g.replace(".", "", 1).lstrip("-").isdigit()):
                continue
        except InvalidOperation:
            pass
        return False
    return True


def run_one(graph: Path, qfile: Path, store: str, url: str | None) -> dict:
    from kgquery import KGQuery, KnowledgeGraph

    out: dict = {"store": store}
    t0 = time.perf_counter()
    kg = KnowledgeGraph.endpoint(url) if store == "endpoint" else KnowledgeGraph.load(graph, store=store)
    out["load_s"] = time.perf_counter() - t0 if store != "endpoint" else None
    out["triples"] = kg.triple_count
    t0 = time.perf_counter()
    _ = kg.schema
    out["schema_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    _ = kg.labels
    out["labels_s"] = time.perf_counter() - t0
    engine = KGQuery(kg)
    t0 = time.perf_counter()
    _ = engine.linker
    out["linker_s"] = time.perf_counter() - t0  # value index, class/property words, embedding model
    t0 = time.perf_counter()
    if engine.linker.embedder is not None:
        engine.linker.embedder.property_scores(engine.linker, ["size"])
    out["embeddings_s"] = time.perf_counter() - t0
    out["embeddings"] = engine.linker.embedder is not None
    out["index_s"] = out["schema_s"] + out["labels_s"] + out["linker_s"] + out["embeddings_s"]
    out["index_rss_mb"], _ = _peak_mb()
    lat, ok, outcomes = [], 0, {}
    for q in json.loads(qfile.read_text("utf-8")):
        t0 = time.perf_counter()
        a = engine.ask(q["question"])
        lat.append(time.perf_counter() - t0)
        outcomes[a.outcome] = outcomes.get(a.outcome, 0) + 1
        ok += _matches(a, q["expected"])
    lat_sorted = sorted(lat)
    out.update(
        questions=len(lat),
        correct=ok,
        outcomes=outcomes,
        first_ask_s=lat[0],
        ask_p50_s=statistics.median(lat),
        ask_p95_s=lat_sorted[min(len(lat) - 1, int(0.95 * len(lat)))],
    )
    out["peak_rss_mb"], out["peak_child_rss_mb"] = _peak_mb()
    emb = engine.linker.embedder
    out["embed_rss_mb"] = (
        _rss_mb(emb._proc.pid) if emb is not None and hasattr(emb, "_proc") else 0.0
    )  # the model's sidecar
    return out


# --------------------------------------------------------------------------- orchestration


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not os.access(exe, os.X_OK):
        sys.exit("the `oxigraph` server is not installed: pip install 'kgquery[dev]'")
    return exe


def start_server(graph: Path, folder: Path) -> tuple[subprocess.Popen, str, float, float]:
    """`oxigraph load` then `serve-read-only` on 127.0.0.1; returns (process, url, load s, server RSS MB)."""
    db = folder / f"oxigraph-{graph.stem}"
    shutil.rmtree(db, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run(
        [_oxigraph(), "load", "--location", str(db), "--file", str(graph)],
        check=True,
        capture_output=True,
        timeout=1800,
    )
    load_s = time.perf_counter() - t0
    port = _free_port()
    proc = subprocess.Popen(
        [_oxigraph(), "serve-read-only", "--location", str(db), "--bind", f"127.0.0.1:{port}", "--timeout-s", "60"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    return proc, f"http://127.0.0.1:{port}/query", load_s, 0.0


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--stores", default="oxigraph,endpoint,memory")
    ap.add_argument("--memory-max", type=int, default=100_000, help="largest graph for rdflib's memory store")
    ap.add_argument("--questions", type=int, default=40)
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "kgquery-scale"))
    ap.add_argument("--out", default=None, help="write all results as JSON here")
    ap.add_argument("--child", nargs=4, metavar=("GRAPH", "QUESTIONS", "STORE", "URL"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        graph, qfile, store, url = args.child
        print(json.dumps(run_one(Path(graph), Path(qfile), store, None if url == "-" else url)))
        return 0
    folder = Path(args.dir)
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        t0 = time.perf_counter()
        graph, qfile = generate(size, folder, questions=args.questions)
        print(f"# {size:,} triples: {graph} ({time.perf_counter() - t0:.1f} s to generate or find)", file=sys.stderr)
        for store in args.stores.split(","):
            if store == "memory" and size > args.memory_max:
                print(f"  memory: skipped above {args.memory_max:,} triples", file=sys.stderr)
                results.append({"size": size, "store": "memory", "skipped": f"above --memory-max {args.memory_max}"})
                continue
            server, url, server_load = None, "-", None
            if store == "endpoint":
                server, url, server_load, _ = start_server(graph, folder)
            env = dict(os.environ, KGQUERY_CACHE=tempfile.mkdtemp(prefix="kgquery-scale-cache-"))
            try:
                t0 = time.perf_counter()
                proc = subprocess.run(
                    [sys.executable, __file__, "--child", str(graph), str(qfile), store, url],
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=7200,
                )
                if proc.returncode != 0:
                    print(proc.stderr[-2000:], file=sys.stderr)
                    results.append({"size": size, "store": store, "error": proc.stderr.strip().splitlines()[-1:]})
                    continue
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                r.update(size=size, wall_s=time.perf_counter() - t0)
                if server is not None:
                    r["load_s"], r["server_rss_mb"] = server_load, _rss_mb(server.pid)
                results.append(r)
                print(
                    f"  {store}: " + json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()}),
                    file=sys.stderr,
                )
            finally:
                shutil.rmtree(env["KGQUERY_CACHE"], ignore_errors=True)
                if server is not None:
                    server.terminate()
                    server.wait(10)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1), "utf-8")
    print(table(results))
    return 0


def table(results: list[dict]) -> str:
    """Markdown table of the results."""
    rows = [
        "| triples | store | load s | schema s | labels s | linker+emb s | index s | peak RSS MB (workers) "
        "| first ask s | ask p50 s | ask p95 s | correct |",
        "|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        if "skipped" in r or "error" in r:
            rows.append(
                f"| {r['size']:,} | {r['store']} | {r.get('skipped') or 'error: ' + ' '.join(r['error'])} |||||||||"
            )
            continue
        f = lambda k: "" if r.get(k) is None else f"{r[k]:.2f}"  # noqa: E731
        rss = f"{r['peak_rss_mb']:.0f} ({r['peak_child_rss_mb']:.0f})"
        if r.get("embed_rss_mb"):
            rss += f" + model {r['embed_rss_mb']:.0f}"
        if r.get("server_rss_mb"):
            rss += f" + server {r['server_rss_mb']:.0f}"
        rows.append(
            f"| {r['triples']:,} | {r['store']} | {f('load_s')} | {f('schema_s')} | {f('labels_s')} | "
            f"{r['linker_s'] + r['embeddings_s']:.2f} | {f('index_s')} | {rss} | {f('first_ask_s')} | "
            f"{f('ask_p50_s')} | {f('ask_p95_s')} | {r['correct']}/{r['questions']} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
