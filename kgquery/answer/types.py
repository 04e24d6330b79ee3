"""What `ask` returns (Answer); the query-level types it is built from live in kgquery/terms.py.

Term, Outcome, QueryResult, XSD and NUMERIC_TYPES are re-exported here (their old home). Answer's
evidence methods import kgquery.answer.evidence inside the method: evidence depends only on kgquery.terms,
so that import makes no cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..terms import NUMERIC_TYPES, XSD, Outcome, QueryResult, Term

__all__ = ["ANSWER_OUTCOMES", "Answer", "NUMERIC_TYPES", "XSD", "Outcome", "QueryResult", "Term"]


ANSWER_OUTCOMES = ("answered", "empty", "timed_out", "refused", "failed", "abstained", "clarify")


@dataclass
class Answer:
    """What `ask` returns: the answer sentence and everything behind it."""

    question: str
    text: str
    sparql: str | None = None
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    labels: dict[str, str] = field(default_factory=dict)  # IRI -> display label, for every IRI in rows
    outcome: str = "abstained"  # one of ANSWER_OUTCOMES
    confidence: float = 0.0
    evidence: list[tuple[Term, Term, Term]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    generator: str = "none"
    message: str = ""
    explanation: str = ""
    clarification: list[tuple[str, str]] = field(default_factory=list)  # (IRI, label) choices when unsure
    score: float | None = None  # the chosen candidate's raw score (what `confidence` calibrates)
    entities: list[tuple[str, str, str]] = field(default_factory=list)  # (IRI, label, words) the question named
    #: the candidates that ran, best first: (sparql, score after running, QueryResult); for evaluation
    #: (the best F1 among them measures the generator's reach) and for verifiers; not serialised
    tried: list = field(default_factory=list, repr=False, compare=False)
    #: those of `tried` that an engine stopping early (once no candidate left can win) would have run, best
    #: first: the margin over the runner-up compares only them, so confidence does not depend on how many ran
    compared: list = field(default_factory=list, repr=False, compare=False)
    #: an abstention's best attempt: what its query returned (shown as not trusted; `rows` stays empty)
    attempt_rows: list[tuple[Term | None, ...]] = field(default_factory=list, repr=False)
    attempt_boolean: bool | None = None
    #: the signals behind `confidence` (kgquery/answer/confidence.py), by name
    features: dict[str, float] = field(default_factory=dict, repr=False)
    #: with a verifier (`verify=True`, `--verify`): the candidates it judged with their P(yes) scores, the
    #: chosen one and the verdict (kgquery/generate/verify.py); None without one
    verification: dict | None = None

    def evidence_graph(self):
        """The evidence as a networkx MultiDiGraph (nodes keyed by N3, one edge per triple)."""
        from .evidence import to_graph

        return to_graph(self.evidence, self.labels)

    def evidence_turtle(self, prefixes: dict[str, str] | None = None) -> str:
        """The evidence triples as Turtle."""
        from .evidence import to_turtle

        return to_turtle(self.evidence, prefixes)

    def row_evidence(self, i: int) -> list[tuple[Term, Term, Term]]:
        """The evidence triples behind row i."""
        from .evidence import row_evidence

        return row_evidence(self.evidence, self.rows[i], self.sparql)

    def values(self) -> list[str]:
        """The flattened answer values (what set-F1 compares)."""
        if self.boolean is not None:
            return ["true" if self.boolean else "false"]
        return [t.value for r in self.rows for t in r if t is not None]

    def attempt_values(self) -> list[str]:
        """An abstention's best attempt, flattened like `values` (empty for any other outcome)."""
        if self.attempt_boolean is not None:
            return ["true" if self.attempt_boolean else "false"]
        return [t.value for r in self.attempt_rows for t in r if t is not None]

    def table(self, rows: list | None = None) -> list[dict[str, str]]:
        """Rows (these, or the answer's) as dicts, with 'label (IRI)' for IRIs."""
        out = []
        for r in self.rows if rows is None else rows:
            d = {}
            for v, t in zip(self.vars, r):
                if t is None:
                    d[v] = ""
                elif t.is_iri and t.value in self.labels:
                    d[v] = f"{self.labels[t.value]} <{t.value}>"
                else:
                    d[v] = t.value
            out.append(d)
        return out

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "text": self.text,
            "sparql": self.sparql,
            "outcome": self.outcome,
            "confidence": round(self.confidence, 3),
            "generator": self.generator,
            "vars": self.vars,
            "rows": self.table(),
            "boolean": self.boolean,
            "values": self.values(),
            "evidence": [[t.n3() for t in tr] for tr in self.evidence],
            "timings": self.timings,
            "message": self.message,
            "explanation": self.explanation,
            "clarification": [{"iri": i, "label": lab} for i, lab in self.clarification],
            "entities": [{"iri": e[0], "label": e[1], "text": e[2]} for e in self.entities],
            "attempt_values": self.attempt_values(),
            # abstained: kgquery is not sure; `sparql` and `explanation` are its best attempt, not trusted
            "not_sure": self.outcome == "abstained",
            **({"verification": self.verification} if self.verification is not None else {}),
        }

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def report(self) -> str:
        """A readable account: query, rows, evidence, timings."""
        lines = []
        if self.outcome == "abstained":
            lines.append(
                "Not sure: no answer is given. "
                + ("The query below is the best attempt, not trusted." if self.sparql else "No query was found to try.")
            )
        if self.clarification:
            lines.append(
                "Which one do you mean? (ask again with --choice IRI)"
                if self.outcome == "clarify"
                else "Other entities with this name (ask again with --choice IRI):"
            )
            lines.extend(f"  {lab}  <{iri}>" for iri, lab in self.clarification)
        if self.explanation:
            lines.append(f"What the query does: {self.explanation}")
        if self.sparql:
            lines.append("SPARQL (best attempt, not trusted):" if self.outcome == "abstained" else "SPARQL:")
            lines.extend("  " + ln for ln in self.sparql.strip().splitlines())
        rows = self.table()
        if self.outcome == "abstained" and self.attempt_rows:
            rows = self.table(self.attempt_rows)
            lines.append(f"Rows of the attempt ({len(rows)}, not trusted):")
        elif rows:
            lines.append(f"Rows ({len(rows)}):")
            for r in rows[:20]:
                lines.append("  " + " | ".join(r.values()))
            if len(rows) > 20:
                lines.append(f"  ... {len(rows) - 20} more")
        if self.evidence:
            lines.append(f"Evidence ({len(self.evidence)} triples):")
            for tr in self.evidence[:10]:
                lines.append("  " + " ".join(t.n3() for t in tr))
        t = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in self.timings.items())
        lines.append(f"Outcome: {self.outcome}; confidence {self.confidence:.2f}; generator {self.generator}; {t}")
        if self.verification is not None:
            lines.extend(verification_lines(self.verification))
        if self.message:
            lines.append(f"Note: {self.message}")
        return "\n".join(lines)


def verification_lines(v: dict) -> list[str]:
    """The verifier's judgement as report lines: its verdict, then each candidate's P(yes).

    >>> print("\\n".join(verification_lines({"model": "m", "threshold": 0.5, "verdict": "accepted", "chosen": 0,
    ...     "candidates": [{"score": 0.91, "explanation": "Finds the age of Ada.", "results": 1}]})))
    Verifier m: accepted (threshold 0.50)
      * P(yes) 0.91  Finds the age of Ada. (1 result(s))
    """
    lines = [f"Verifier {v.get('model')}: {v.get('verdict')} (threshold {v.get('threshold', 0):.2f})"]
    for i, c in enumerate(v.get("candidates") or []):
        mark = "*" if i == v.get("chosen") else "-"
        lines.append(f"  {mark} P(yes) {c['score']:.2f}  {c.get('explanation', '')} ({c.get('results', 0)} result(s))")
    return lines
