#!/usr/bin/env python3
"""Loading bombs through the real `kgquery` command: each case refused or bounded, with wall time and peak RSS.

Every case runs `kgquery info|ask` from this checkout in a child process (files in a temp folder,
never the repository; its own KGQUERY_CACHE) and reports the exit code, the first stderr line, the
wall time and the child's peak RSS (wait4 rusage). Cases:

- RDF/XML "billion laughs" (1 KB, 10^9 expansions), on Oxigraph and on rdflib's memory store;
- a ~300 KB .ttl.gz that expands to ~300 MB (repeated triples), both stores;
- JSON-LD whose @context is a URL on a real 127.0.0.1 listener (counts the connections it gets), both stores;
- `cp -p` of an edited file (same size and mtime): "What is Alpha?" must say the new label;
- an unusable cache folder (KGQUERY_CACHE=/proc/x): the graph still loads, with a warning;
- the time to read and hash (BLAKE2b, the cache key) a 100 MB file.

    python bench/load_bombs.py
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = "import sys; from kgquery.cli import main; sys.exit(main())"


def run(args: list[str], env: dict[str, str] | None = None, timeout: float = 300) -> dict:
    """One `kgquery` run in a child: exit code, output, wall seconds, peak RSS in MB."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "rc": proc.returncode,
        "out": out.strip(),
        "err": err.strip().splitlines()[:2],
        "s": round(time.perf_counter() - t0, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
    }


def laughs(path: Path) -> None:
    ents = ' <!ENTITY lol "lol">\n' + "".join(
        f' <!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">\n' for i in range(1, 10)
    )
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + ents + ']>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        ' <rdf:Description rdf:about="http://example.org/a"><rdfs:label>&lol9;</rdfs:label>'
        '</rdf:Description>\n</rdf:RDF>\n',
        "utf-8",
    )


def gz_bomb(path: Path, mb: int = 300) -> None:
    line = b'<http://example.org/a> <http://example.org/p> "x" .\n'
    block = line * ((1 << 20) // len(line))
    with gzip.open(path, "wb", compresslevel=9) as fh:
        for _ in range(mb):
            fh.write(block)


class Listener:
    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.sock.accept()[0].close()
            except OSError:
                return
            self.connections += 1


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--only",
        default="laughs,gz,jsonld,cpp,cache,hash",
        help="comma-separated cases: laughs, gz, jsonld, cpp, cache, hash",
    )
    only = set(ap.parse_args().only.split(","))
    tmp = Path(tempfile.mkdtemp(prefix="kgquery-bombs-"))
    env = {"KGQUERY_CACHE": str(tmp / "cache")}
    results = []

    def report(case: str, r: dict, **extra) -> None:
        r = {"case": case, **r, **extra}
        results.append(r)
        print(
            f"{case:<42} rc={r['rc']}  {r['s']:>6.2f} s  {r['peak_mb']:>5} MB  "
            f"{(r['err'] or [''])[0][:150]}{'  ' + json.dumps(extra) if extra else ''}",
            flush=True,
        )

    try:
        if "laughs" in only:
            lol = tmp / "laughs.rdf"
            laughs(lol)
            for store in ("oxigraph", "memory"):
                report(
                    f"billion laughs ({lol.stat().st_size} B) {store}",
                    run(["info", "-g", str(lol), "--store", store], env),
                )

        if "gz" in only:
            gz = tmp / "bomb.ttl.gz"
            gz_bomb(gz)
            for store in ("oxigraph", "memory"):
                report(
                    f"gz bomb ({gz.stat().st_size // 1024} KB -> 300 MB) {store}",
                    run(["info", "-g", str(gz), "--store", store], env),
                )

        if "jsonld" in only:
            lst = Listener()
            ctx = tmp / "remote.jsonld"
            ctx.write_text(
                json.dumps({"@context": f"{lst.url}/context.jsonld", "@id": "http://example.org/a", "name": "Alpha"}),
                "utf-8",
            )
            for store in ("oxigraph", "memory"):
                report(
                    f"JSON-LD remote @context {store}",
                    run(["info", "-g", str(ctx), "--store", store], env),
                    connections=lst.connections,
                )

        if "cpp" in only:
            g = tmp / "g.ttl"
            text = (
                '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                '<http://example.org/alpha> rdfs:label "Alpha {}" ; a <http://example.org/T> .\n'
            )
            g.write_text(text.format("one"), "utf-8")
            # the table shows each IRI by its label from the (cached) label index
            show = ["sparql", "-g", str(g), "SELECT ?x WHERE { ?x a <http://example.org/T> }"]
            first = run(show, env)
            edited = tmp / "edited" / "g.ttl"
            edited.parent.mkdir()
            edited.write_text(text.format("two"), "utf-8")
            os.utime(edited, ns=(g.stat().st_atime_ns, g.stat().st_mtime_ns))
            subprocess.run(["cp", "-p", str(edited), str(g)], check=True)
            second = run(show, env)
            label = lambda r: " ".join(r["out"].split()[-3:])  # noqa: E731  (the table's last row)
            report("cp -p edit, same size+mtime: label shown", second, before=label(first), after=label(second))

        if "cache" in only:
            report("KGQUERY_CACHE=/proc/x: info ck25", run(["info", "-g", "ck25"], {"KGQUERY_CACHE": "/proc/x"}))

        if "hash" in only:
            big = tmp / "big.nt"
            with open(big, "wb") as fh:
                for i in range(100):
                    fh.write(os.urandom(1 << 19).hex().encode())
            os.sync()
            t0 = time.perf_counter()
            data = big.read_bytes()
            t1 = time.perf_counter()
            hashlib.blake2b(data, digest_size=16).hexdigest()
            t2 = time.perf_counter()
            print(
                f"{'hash a 100 MB file (page cache warm)':<42} read {t1 - t0:.3f} s  blake2b {t2 - t1:.3f} s",
                flush=True,
            )
            results.append({"case": "hash 100 MB", "read_s": round(t1 - t0, 3), "blake2b_s": round(t2 - t1, 3)})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
