"""Plain result types that flow through query execution (picklable: they cross the worker boundary).

The lowest layer: every other module may import it and it imports no kgquery module.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC_TYPES = {
    XSD + t
    for t in (
        "integer decimal float double int long short byte nonNegativeInteger positiveInteger "
        "negativeInteger nonPositiveInteger unsignedInt unsignedLong unsignedShort unsignedByte"
    ).split()
}

#: dates and years: what words of time rank and what a 'when' question is answered with
TIME_TYPES = {XSD + t for t in ("date", "dateTime", "gYear", "gYearMonth")}


#: an IRI written in a query: no '<', '>' or space inside, so a comparison ('?v <= 9') never opens one
IRI_REF = re.compile(r"<([^<>\s]+)>")


def iris_in(sparql: str) -> set[str]:
    """The IRIs a query names.

    >>> sorted(iris_in("?x <http://e/pop> ?v . FILTER(?v <= 9) ?x <http://e/name> ?y ."))
    ['http://e/name', 'http://e/pop']
    """
    return set(IRI_REF.findall(sparql))


def number_text(v: float) -> str:
    """A number as SPARQL text, as a question states it: no '.0' on a whole number.

    >>> number_text(20000000.0), number_text(2.5)
    ('20000000', '2.5')
    """
    return str(int(v)) if v == int(v) else str(v)


@dataclass(frozen=True)
class Term:
    """One RDF term as returned by any backend: kind is 'iri', 'literal' or 'bnode'."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value

    @property
    def is_iri(self) -> bool:
        return self.kind == "iri"

    @property
    def is_numeric(self) -> bool:
        return self.kind == "literal" and self.datatype in NUMERIC_TYPES

    def number(self) -> Decimal | None:
        """The numeric value of a numeric literal (or of a plain literal that looks numeric)."""
        if self.kind != "literal":
            return None
        try:
            d = Decimal(self.value.strip())
        except (InvalidOperation, ValueError):
            return None
        return d if d.is_finite() else None

    def n3(self) -> str:
        """SPARQL/Turtle syntax for this term."""
        if self.kind == "iri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        esc = self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if self.lang:
            return f'"{esc}"@{self.lang}'
        if self.datatype and self.datatype != XSD + "string":
            return f'"{esc}"^^<{self.datatype}>'
        return f'"{esc}"'


class Outcome(str, enum.Enum):
    """What happened to a query. Distinct so callers never have to parse messages."""

    ROWS = "rows"
    EMPTY = "empty"
    BOOLEAN = "boolean"
    TIMED_OUT = "timed_out"
    REFUSED = "refused"
    FAILED = "failed"


@dataclass
class QueryResult:
    """The typed outcome of one query through the safe executor."""

    outcome: Outcome
    sparql: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    message: str = ""
    truncated: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.ROWS, Outcome.EMPTY, Outcome.BOOLEAN)

    def dicts(self) -> list[dict[str, Term | None]]:
        """Rows as dicts keyed by variable name."""
        return [dict(zip(self.vars, r)) for r in self.rows]

    def values(self) -> list[str]:
        """Every bound value flattened (booleans as 'true'/'false'): what set-F1 compares."""
        if self.outcome == Outcome.BOOLEAN:
            return ["true" if self.boolean else "false"]
        return [t.value for r in self.rows for t in r if t is not None]
