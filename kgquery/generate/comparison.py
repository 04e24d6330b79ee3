"""Comparing named entities' values: 'Is A larger than B?', 'Which is older, A or B?', 'Which countries
are larger than B?'.

The property compared is one both entities have a number for, chosen by how well it matches the
comparative's adjective and the other question words (the graph's own property names and
descriptions, and embeddings); nothing here knows a graph.
"""

from __future__ import annotations

from ..understand.lexicon import attribute_nouns
from .candidate import Candidate


class ComparisonShapes:
    """Mixed into EmbeddedGenerator; uses its _rows, _explain, linker and schema."""

    def _compare_entities(self, q, anchors, scores) -> list[Candidate]:
        c = q.cues
        ents = [(m, terms[0]) for m, terms, lit in anchors if not lit][:2]
        if c.comparative is None or len(ents) < 2:
            return []
        (m1, a), (m2, b) = ents
        op, adj, _ = c.comparative
        rows = self._rows(
            f"SELECT DISTINCT ?p WHERE {{ {a} ?p ?va . {b} ?p ?vb FILTER(isNumeric(?va) && isNumeric(?vb)) }} LIMIT 50"
        )
        props = [r[0].value for r in rows if r[0] is not None]
        if not props:
            return []
        fit = self.linker.property_scores([adj, *attribute_nouns(adj)])  # 'older' -> age
        near = self.linker.similarities([adj])
        ranked = sorted(props, key=lambda p: -(max(fit.get(p, 0.0), scores.get(p, 0.0)) + 0.3 * near.get(p, 0.0)))
        out = []
        for k, p in enumerate(ranked[:3]):
            s = m1.score + m2.score + max(fit.get(p, 0.0), scores.get(p, 0.0)) + 0.3 * near.get(p, 0.0) - 0.05 * k
            if c.ask:
                out.append(
                    Candidate(
                        f"ASK {{ {a} <{p}> ?va . {b} <{p}> ?vb . FILTER(?va {op} ?vb) }}",
                        s + 0.4,
                        "compare-entities+ask",
                    )
                )
            else:
                order = "DESC" if op == ">" else "ASC"
                out.append(
                    Candidate(
                        f"SELECT ?x WHERE {{ VALUES ?x {{ {a} {b} }} ?x <{p}> ?v . }} ORDER BY {order}(?v) LIMIT 1",
                        s + 0.4,
                        "compare-entities",
                    )
                )
        return out

    def _than_entity(self, q, cls, anchors, scores) -> list[Candidate]:
        """'Which countries are bigger than Brazil?': the things of the class whose number is beyond the
        named entity's, on the property the comparative's adjective names."""
        c = q.cues
        if c.comparative is None or cls is None:
            return []
        op, adj, at = c.comparative
        after = [(m, terms[0]) for m, terms, lit in anchors if not lit and m.start > at]
        if len(after) != 1:
            return []
        m, a = after[0]
        rows = self._rows(
            f"SELECT DISTINCT ?p WHERE {{ {a} ?p ?w . ?x a <{cls}> . ?x ?p ?v "
            f"FILTER(isNumeric(?w) && isNumeric(?v) && ?x != {a}) }} LIMIT 50"
        )
        props = [r[0].value for r in rows if r[0] is not None]
        fit = self.linker.property_scores([adj, *attribute_nouns(adj)])  # 'older' -> age
        near = self.linker.similarities([adj])
        out = []
        for k, p in enumerate(sorted(props, key=lambda p: -(fit.get(p, 0.0) + 0.3 * near.get(p, 0.0)))[:3]):
            s = m.score + max(fit.get(p, 0.0), scores.get(p, 0.0)) + 0.3 * near.get(p, 0.0) - 0.05 * k + 0.4
            pat = f"?x a <{cls}> . ?x <{p}> ?v . {a} <{p}> ?w . FILTER(?v {op} ?w)"
            if c.count:  # "how many rivers are longer than the Rhone": the things are counted
                out.append(
                    Candidate(f"SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{ {pat} }}", s, "compare-than+count")
                )
                continue
            out += self._list_reads(q, pat, {p}, "?x", s, "compare-than", cls)
        return out
