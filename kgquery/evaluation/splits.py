"""Question selection for `kgquery eval`: graphs by db_id (--only / --exclude) and the fixed split.

SPIDER4SPARQL_SPLIT is the project's fixed split of the Spider4SPARQL dev set from issue 14:
development graphs are the ones we may look at and tune on; held-out graphs are only scored, so the
number reported on them is not fitted to them. Do not move a graph between the two.
Question counts in dev.json (counted by db_id only): development 590, held out 382 (972 in all;
issue 14 wrote 584 for development, dev.json has 590). wta_1 has no graph and is in neither.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import KgqueryError
from .formats import EvalQuestion

#: the split itself is data (spider4sparql_split.json beside this file): graph names, not engine vocabulary
SPIDER4SPARQL_SPLIT: dict[str, tuple[str, ...]] = {
    k: tuple(v)
    for k, v in json.loads((Path(__file__).with_name("spider4sparql_split.json")).read_text("utf-8")).items()
}


def parse_names(text: str | None) -> list[str]:
    """'a, b,,c' -> ['a', 'b', 'c'] (the --only / --exclude lists).

    >>> parse_names(" concert_singer, pets_1,,"), parse_names(None)
    (['concert_singer', 'pets_1'], [])
    """
    return [x.strip() for x in (text or "").split(",") if x.strip()]


def select(
    questions: list[EvalQuestion], only: list[str] = (), exclude: list[str] = (), split: str | None = None
) -> tuple[list[EvalQuestion], str]:
    """The questions whose graph (db_id) is selected, and a note for stderr ('' when nothing to say).

    Sets without db_ids (one graph for all) are returned whole, with a note, when --only or
    --exclude is given; --split needs Spider4SPARQL. Unknown db_ids are errors (a typo would
    otherwise select nothing, or exclude nothing, silently).
    """
    if not (only or exclude or split):
        return list(questions), ""
    known = sorted({q.db_id for q in questions if q.db_id})
    if split is not None:
        if split not in SPIDER4SPARQL_SPLIT:
            raise KgqueryError(f"--split {split}: choose one of {', '.join(SPIDER4SPARQL_SPLIT)}")
        if not known:
            raise KgqueryError("--split applies to Spider4SPARQL questions (one graph per db_id) only")
    if not known:
        return list(questions), "--only/--exclude ignored: these questions all use the one graph"
    lower = {k.lower(): k for k in known}
    unknown = [n for n in [*only, *exclude] if n.lower() not in lower]
    if unknown:
        raise KgqueryError(f"unknown db_id {', '.join(unknown)}; the questions use: {', '.join(known)}")
    keep = {k.lower() for k in known}
    if split is not None:
        keep &= {n.lower() for n in SPIDER4SPARQL_SPLIT[split]}
    if only:
        keep &= {n.lower() for n in only}
    keep -= {n.lower() for n in exclude}
    chosen = [q for q in questions if (q.db_id or "").lower() in keep]
    if not chosen:
        raise KgqueryError("no questions left after --only/--exclude/--split")
    return chosen, ""


SPIDER_DEV = frozenset(SPIDER4SPARQL_SPLIT["dev"])
SPIDER_HELDOUT = frozenset(SPIDER4SPARQL_SPLIT["heldout"])
