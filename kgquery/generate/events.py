"""Things that stand for events: a contract joining a player and a team, a match between two teams, an
enrolment. Graphs often model an n-ary relation as a node of its own, and its time is on that node, not on
the things it joins: "When did Kofi Mensah join Harbour Hawks?" finds the contract joining them and asks for
its date; "When did the Hawks play the Rovers?" finds the match and asks for its kick-off."""

from __future__ import annotations

import re

from ..understand.text import Question
from .candidate import Candidate

#: candidates whose things are looked at for a time of their own (best-scored first)
EVENT_TOP = 6
#: what reading the time on the thing found gains over the thing itself, for a question that asks 'when':
#: twice the embedded generator's WHEN_FIT, as the thing lost that for being no time and its time gains it
EVENT_FIT = 0.6
#: what a node with no name of its own gains as the event: it exists to join other things
UNNAMED_FIT = 0.2

_SELECT_ONE = re.compile(r"SELECT DISTINCT (\?\w+) WHERE \{ (.*) \}", re.S)
_ANY_TRIPLE = re.compile(r"(\S+) (<[^<>\s]+>|a) (\S+) \.")
#: a thing joined to a named thing: ?x <p> <A> .
_TRIPLE = re.compile(r"(\?\w+) <([^<>\s]+)> (<[^<>\s]+>) \.")
#: words that give two things their roles ('from A to B', 'A's matches against B' does not)
ROLE_WORDS = {"from", "to", "into", "by", "of", "for", "home", "away", "host", "hosted", "visiting", "visited"}


class EventShapes:
    """Mixed into EmbeddedGenerator; uses its _rows, _about_time, _explain, _label_preds and linker."""

    def _event_times(self, q: Question, cands: list[Candidate]) -> list[Candidate]:
        """For a question asking 'when': the time held by the things the best readings find or pass through,
        when those are nodes (not times themselves) with a time of their own. Each time property is one
        reading, scored by the words it explains, above the reading it extends. The event is a node with no name
        of its own (a contract between a player and a team) or a thing joining two named things of one kind (a
        match of two teams); a named thing found from others (a film's actor) is not: its time is its own."""
        if not q.cues.asks_time:
            return []
        out: list[Candidate] = []
        seen: set[str] = set()
        names = " ".join(f"<{p}>" for p in sorted(self._label_preds))
        for c in sorted(cands, key=lambda c: -c.score):
            m = _SELECT_ONE.fullmatch(c.sparql)
            if m is None or m.group(2) in seen or "SELECT" in m.group(2):
                continue
            seen.add(m.group(2))
            if len(seen) > EVENT_TOP:
                break
            body = m.group(2)
            # the named things the reading joins: a node joining two of a kind (a match of two teams) is an event;
            # a book between its author and a library is not ("when did she visit the library": no book's year)
            joined = {t for s_, p_, o in _ANY_TRIPLE.findall(body) if p_ != "a" for t in (s_, o) if t[0] == "<"}
            kinds = [k for t in joined for k in set(self.linker.labels.types_of(t[1:-1]))]
            paired = len(kinds) > len(set(kinds))
            for var in dict.fromkeys(re.findall(r"\?\w+", body)):
                rows = self._rows(
                    f"SELECT DISTINCT ?p ?named WHERE {{ {body} {var} ?p ?when FILTER(isIRI({var}) && isLiteral(?when)) "
                    f"BIND(EXISTS {{ VALUES ?np {{ {names} }} {var} ?np ?nl }} AS ?named) }} LIMIT 30"
                )
                for p, named in rows:
                    unnamed = named is not None and named.value in ("false", "0")
                    if p is None or not self._about_time(p.value) or not (unnamed or paired):
                        continue  # a named thing found from another (a film's actor) is no event of theirs
                    sparql = f"SELECT DISTINCT ?when WHERE {{ {body} {var} <{p.value}> ?when . }}"
                    if q.cues.ordinal and q.cues.superlative is None:  # 'when was it last serviced': the latest
                        sparql += f" ORDER BY {q.cues.ordinal[0]}(STR(?when)) LIMIT 1"
                    score = c.score + EVENT_FIT + 0.5 * self._explain({p.value}) + (UNNAMED_FIT if unnamed else 0.0)
                    out.append(Candidate(sparql, score, c.shape + "+when", c.parts))
        return out

    def _either_order(self, q: Question, cands: list[Candidate]) -> list[Candidate]:
        """'When did the Hawks play the Rovers?': two things joined by a node through two properties of the same
        kind (home team, away team), in an order the words do not give, match in both orders. Where both
        orders of a pair are readings of the same score and both find something, their union is one more
        reading, a little above either; a question that marks the roles ('from A to B') keeps its order."""
        if ROLE_WORDS & set(q.tokens):
            return []
        keyed: dict[tuple, Candidate] = {}
        pairs, done = [], set()
        for c in cands:
            found = list(_TRIPLE.finditer(c.sparql))
            if len(found) != 2 or c.sparql.count("WHERE") != 1:
                continue
            (v1, p1, a), (v2, p2, b) = (t.groups() for t in found)
            if v1 != v2 or p1 == p2 or a == b:
                continue
            frame = c.sparql.replace(found[0].group(0), "\0").replace(found[1].group(0), "\0")
            keyed[(frame, frozenset({(p1, a), (p2, b)}))] = c
            pairs.append((c, frame, v1, p1, a, p2, b))
        out = []
        for c, frame, v, p1, a, p2, b in pairs:
            other = keyed.get((frame, frozenset({(p1, b), (p2, a)})))
            both = (frame, frozenset({(p1, a), (p2, b), (p1, b), (p2, a)}))
            if other is None or other.score != c.score or both in done:
                continue
            done.add(both)  # each pair of orders once
            one = f"{v} <{p1}> {a} . {v} <{p2}> {b} ."
            two = f"{v} <{p1}> {b} . {v} <{p2}> {a} ."
            if not (
                self._rows(f"SELECT {v} WHERE {{ {one} }} LIMIT 1")
                and self._rows(f"SELECT {v} WHERE {{ {two} }} LIMIT 1")
            ):
                continue
            either = f"{{ {one} }} UNION {{ {two} }}"
            sparql = frame.replace("\0", either, 1).replace(" \0", "").replace("\0", "")
            out.append(Candidate(sparql, c.score + 0.05, c.shape + "+either-order"))
        return out
