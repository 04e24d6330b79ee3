#!/usr/bin/env python3
"""Everyday phrasings on small graphs: a quick before/after trial of the embedded default (development only).

Each `<name>.txt` line is `question => expected` (names of the things, values as shown, `True`/`False` for a
yes/no; `|` between several). The expectations were written by hand while developing (issue 14, eleventh pass)
for phrasings users type and the benchmarks lack: possessives ("Omar Haddad's team"), a verb with no class word
("who earns the most?"), dates with months and days, "cheapest first", a yes/no about a link the named thing lacks,
"who" asking for a person. clinic.ttl and store.ttl were written for it (made-up names, Apache-2.0 like the
project); staff and towns are the probes' graphs (bench/probes). Nothing of them is in the package.

    python bench/idioms/run.py            # every set: a line per question, then the counts
    python bench/idioms/run.py clinic     # one set
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = {
    "staff": HERE.parent / "probes" / "staff.ttl",
    "towns": HERE.parent / "probes" / "towns.ttl",
    "clinic": HERE / "clinic.ttl",
    "store": HERE / "store.ttl",
}


def shown(ans) -> list[str]:
    """What the answer (or, when kgquery is not sure, its attempt) says: names, values, or True/False."""
    boolean = ans.boolean if ans.boolean is not None else ans.attempt_boolean
    if boolean is not None:
        return [str(boolean)]
    rows = ans.rows or ans.attempt_rows
    return sorted({ans.labels.get(t.value, t.value) for r in rows for t in r if t is not None})


def run(name: str) -> dict[str, int]:
    from kgquery.graph import KnowledgeGraph
    from kgquery.pipeline import KGQuery

    engine = KGQuery(KnowledgeGraph.load(SETS[name]))
    counts = {"questions": 0, "right": 0, "answered right": 0, "answered wrong": 0, "not sure": 0}
    for line in (HERE / f"{name}.txt").read_text().splitlines():
        question, _, expected = line.partition(" => ")
        if not question.strip():
            continue
        ans = engine.ask(question)
        right = shown(ans) == sorted(x.strip() for x in expected.split("|"))
        answered = ans.outcome == "answered"
        counts["questions"] += 1
        counts["right"] += right
        counts["answered right"] += answered and right
        counts["answered wrong"] += answered and not right
        counts["not sure"] += not answered
        mark = "ok " if right else "BAD"
        print(f"{mark} {ans.outcome[:8]:8} {ans.confidence:.2f} | {question} | {shown(ans)[:5]}", flush=True)
    return counts


def main() -> int:
    total: dict[str, int] = {}
    for name in sys.argv[1:] or list(SETS):
        counts = run(name)
        print(name, counts, flush=True)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    print("all", total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
