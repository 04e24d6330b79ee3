"""What generators propose: candidate queries, and the graph paths they are built from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..graph.hierarchy import with_subclasses  # noqa: F401  (re-exported)
from ..graph.schema import RDF_TYPE
from ..terms import number_text as _num  # noqa: F401  (the generators' short name)

XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"

#: properties that never connect the things a question is about
SKIP_PROPS = {
    RDF_TYPE,
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://www.w3.org/2000/01/rdf-schema#isDefinedBy",
}
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
#: what each less-referenced namesake of a name (the k-th by references) must fit better by, times k
NAMESAKE_PENALTY = 0.4
#: one triple pattern of the text the generators write: subject, predicate IRI, object (a quoted literal whole)
TRIPLE = re.compile(r'(\S+) <([^>\s]+)> ("(?:[^"\\]|\\.)*"\S*|\S+) \.')
#: a variable typed by a class in that text: '?h a <C> .' (the variable, the class IRI)
TYPED = re.compile(r"(\?\w+) a <([^<>\s]+)> \.")


@dataclass
class Candidate:
    """One query the generator proposes, with its score and a short shape name."""

    sparql: str
    score: float
    shape: str
    parts: dict = field(default_factory=dict)


@dataclass
class Path:
    """How ?x reaches a constraint: steps of (property IRI, forward?) ending at `target` (n3)."""

    steps: tuple[tuple[str, bool], ...]
    target: str
    score: float
    #: the number at the end is written as text ("1299"): read as a decimal, so that it ranks and compares as one
    cast: bool = False

    def at(self, target: str) -> Path:
        """The same path, ending at another variable."""
        return replace(self, target=target)

    def triples(self, x: str, tag: str) -> list[str]:
        out, cur = [], x
        for k, (p, fwd) in enumerate(self.steps):
            last = k == len(self.steps) - 1
            nxt = (f"{self.target}text" if self.cast else self.target) if last else f"?{tag}m{k}"
            out.append(f"{cur} <{p}> {nxt} ." if fwd else f"{nxt} <{p}> {cur} .")
            cur = nxt
        if self.cast:
            out.append(f"BIND(<{XSD_DECIMAL}>({self.target}text) AS {self.target})")
        return out


def _reuse_middle(num: list[str], body: list[str], x: str) -> list[str]:
    """Join a 2-hop numeric path onto the body's own middle node when both leave ?x the same way.

    "the publisher of the longest novel": the length belongs to the book that links the
    publisher to the genre, not to any book of that publisher.
    """
    if len(num) != 2:
        return num
    m = re.match(r"(\S+) (<[^<>\s]+>) (\S+) \.$", num[0])
    if not m:
        return num
    s_, p, o = m.groups()
    mid = s_ if o == x else o
    for t in body:
        mt = re.match(r"(\S+) (<[^<>\s]+>) (\S+) \.$", t)
        if not mt or mt.group(2) != p:
            continue
        bs, _, bo = mt.groups()
        if o == x and bo == x and bs.startswith("?"):
            return [num[1].replace(mid, bs)]
        if s_ == x and bs == x and bo.startswith("?"):
            return [num[1].replace(mid, bo)]
    return num


def _share_nodes(body: list[str], combo) -> tuple[list[str], int]:
    """The body with paths sharing the nodes they pass through the same way, where they then part by different
    properties ('councillors who abstained on motion 4': the vote that holds the choice is the one on the
    motion; 'the student with a cat aged 3': the pet that is a cat is 3), and how many hops are so shared (0
    when none). Paths that go on by one property from a node ('a cat and a dog', 'voted on A and on B') keep
    their nodes apart: one pet is not both, one vote is on one motion. Like `_reuse_middle`, for the constraint
    paths of one reading (their middle nodes named ?a<k>m<i> by `Path.triples`)."""
    renames: dict[str, str] = {}
    onward: dict[str, set[str]] = {}  # a node shared -> the properties the paths sharing it go on by
    for j, pj in enumerate(combo):
        for i, pi in enumerate(combo[:j]):
            n = 0
            while n < min(len(pi.steps), len(pj.steps)) - 1 and pi.steps[n] == pj.steps[n]:
                n += 1
            node = renames.get(f"?a{i}m{n - 1}", f"?a{i}m{n - 1}")
            went = onward.setdefault(node, {pi.steps[n][0]})
            if n and pj.steps[n][0] not in went:
                went.add(pj.steps[n][0])
                renames.update({f"?a{j}m{k}": renames.get(f"?a{i}m{k}", f"?a{i}m{k}") for k in range(n)})
                break
    if not renames:
        return body, 0
    out: list[str] = []
    for t in body:
        t = re.sub(r"\?a\d+m\d+\b", lambda m: renames.get(m.group(0), m.group(0)), t)
        if t not in out:
            out.append(t)
    return out, len(renames)


def _string(text: str) -> str:
    """A text as a SPARQL string literal (quotes, backslashes and line ends escaped).

    >>> print(_string('say "hi"\\\\'))
    "say \\"hi\\"\\\\"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _apart(text: str, suffix: str, keep: str = "y") -> str:
    """The text with its variables renamed apart (`suffix` added), but ?`keep`: a second copy of a pattern
    that shares only that variable (the value read out, the thing counted)."""
    return re.sub(r"\?(\w+)", lambda m: m.group(0) if m.group(1) == keep else f"?{m.group(1)}{suffix}", text)
