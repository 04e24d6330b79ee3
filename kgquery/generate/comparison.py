"""Comparing named entities' values: 'Is A larger than B?', 'Which is older, A or B?', 'Which countries
are larger than B?', and two numbers of one thing ('wider than they are tall').

The property compared is one both entities have a number for, chosen by how well it matches the
comparative's adjective and the other question words (the graph's own property names and
descriptions, and embeddings); nothing here knows a graph.
"""

from __future__ import annotations

from ..understand.lexicon import attribute_nouns
from ..understand.text import STOPWORDS, Question, comparative_adjective
from .candidate import Candidate
from .paths import AGE_ADJECTIVES, ORDERED

#: how far 'than any' read as 'than at least one' stays behind its reading as 'than every'
ANY_AS_SOME = 0.4


def _than_at(toks: list[str], at: int, end: int) -> int | None:
    """Where 'than' follows the comparative at `at` (within three words, before `end`), or None."""
    return next((k for k in range(at + 1, min(at + 4, end)) if toks[k] == "than"), None)


def _compared_words(toks: list[str], at: int, than: int, adj: str) -> list[str]:
    """The words that name the number compared: those between the comparative and 'than' ("greater surface area
    than"), else the word before it ("a population larger than") and the adjective ("older")."""
    named = [t for t in toks[at + 1 : than] if t not in STOPWORDS]
    k = at - 1
    while k > 0 and toks[k] in ("is", "are", "was", "were", "that", "which", "be"):
        k -= 1
    return named or [w for w in (toks[k] if k >= 0 else "", adj) if w and w not in STOPWORDS]


class ComparisonShapes:
    """Mixed into EmbeddedGenerator; uses its _rows, _explain, _numeric_paths, _time_valued, _about_time,
    _year_test, linker and schema."""

    def _compare_entities(self, q, anchors, scores) -> list[Candidate]:
        c = q.cues
        ents = [(m, terms[0]) for m, terms, lit in anchors if not lit][:2]
        cue = c.comparative
        two = "or" in q.tokens or q.tokens[:2] == ["which", "of"]  # "A or B", "which of A and B"
        if cue is None and c.superlative and c.superlative[1] and two and q.tokens[0] in ("who", "which"):
            d, adj, at = c.superlative  # "who was born first, A or B?": of the two, the first
            cue = ("<" if d == "ASC" else ">", adj, at)
        if cue is None or len(ents) < 2:
            return []
        (m1, a), (m2, b) = ents
        op, adj, _ = cue
        both = f"{ORDERED.replace('?v', '?va')} && {ORDERED.replace('?v', '?vb')}"  # numbers, or dates
        rows = self._rows(f"SELECT DISTINCT ?p WHERE {{ {a} ?p ?va . {b} ?p ?vb FILTER({both}) }} LIMIT 50")
        props = [r[0].value for r in rows if r[0] is not None]
        if not props:
            return []
        fit = self.linker.property_scores([adj, *attribute_nouns(adj)])  # 'older' -> age
        near = self.linker.similarities([adj])
        ranked = sorted(props, key=lambda p: -(max(fit.get(p, 0.0), scores.get(p, 0.0)) + 0.3 * near.get(p, 0.0)))
        out = []
        for k, p in enumerate(ranked[:3]):
            s = m1.score + m2.score + max(fit.get(p, 0.0), scores.get(p, 0.0)) + 0.3 * near.get(p, 0.0) - 0.05 * k
            s += 0.5 if q.tokens[:2] == ["which", "of"] else 0.0  # "which of A and B": one of the two, no other
            if adj in AGE_ADJECTIVES and self._time_valued(p):
                op = {">": "<", "<": ">"}[cue[0]]  # the older of two was born the earlier
            else:
                op = cue[0]
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

    def _difference(self, q, anchors, scores) -> list[Candidate]:
        """'How much higher is A than B?': A's number less B's (B's less A's for 'lower'); 'the difference in
        height between A and B': how far apart they are. The number is one both things have, named by the
        comparative's adjective (through WordNet's noun for it) or the question's other words."""
        ents = [(m, terms[0]) for m, terms, lit in anchors if not lit][:2]
        if q.cues.difference is None or len(ents) < 2:
            return []
        (m1, a), (m2, b) = ents
        op, adj, _ = q.cues.difference
        rows = self._rows(
            f"SELECT DISTINCT ?p WHERE {{ {a} ?p ?va . {b} ?p ?vb FILTER(isNumeric(?va) && isNumeric(?vb)) }} LIMIT 50"
        )
        props = [r[0].value for r in rows if r[0] is not None]
        fit = self.linker.property_scores([adj, *attribute_nouns(adj)]) if adj else {}
        ranked = sorted(props, key=lambda p: -max(fit.get(p, 0.0), scores.get(p, 0.0)))
        out = []
        for k, p in enumerate(ranked[:3]):
            named = max(fit.get(p, 0.0), scores.get(p, 0.0))
            if named < 0.3:
                continue  # a number no word names is no answer to how far apart they are
            value = "ABS(?va - ?vb)" if not adj else ("?va - ?vb" if op == ">" else "?vb - ?va")
            out.append(
                Candidate(
                    f"SELECT (({value}) AS ?difference) WHERE {{ {a} <{p}> ?va . {b} <{p}> ?vb . }}",
                    m1.score + m2.score + named + 0.8 - 0.05 * k,
                    "difference+value",
                )
            )
        return out

    def _each_of(self, q, anchors, scores) -> list[Candidate]:
        """'What are the populations of Velmora and Tarsk?', 'where were A and B born?': the property the words
        name, read for each of the things listed, beside it (not a thing both are linked to)."""
        ents = [(m, terms[0]) for m, terms, lit in anchors if not lit]
        listed = all(
            set(q.tokens[m1.end : m2.start]) <= {"and", ","} and m1.end < m2.start
            for (m1, _), (m2, _) in zip(ents, ents[1:])
        )
        if q.cues.ask or len(ents) < 2 or len(ents) != len(anchors) or not listed:
            return []
        if (
            q.tokens[0] in ("which", "who", "whom")
            and "both" in q.tokens[max(0, ents[0][0].start - 2) : ents[0][0].start]
        ):
            return []  # "which patients were prescribed both A and B": the things linked to each, not A's and B's
        values = " ".join(t for _, t in ents)
        shared = " . ".join(f"{t} ?p ?v{k}" for k, (_, t) in enumerate(ents))
        rows = self._rows(f"SELECT DISTINCT ?p WHERE {{ {shared} }} LIMIT 50")
        out = []
        for (p,) in rows:
            fit = scores.get(p.value, 0.0) if p is not None else 0.0
            if q.cues.asks_time:  # "when were A and B born?": the date, not the place
                fit += 0.3 if self._about_time(p.value) else -0.3
            if fit < 0.5:
                continue
            s = sum(m.score for m, _ in ents) + fit + 0.5
            out.append(
                Candidate(f"SELECT ?e ?x WHERE {{ VALUES ?e {{ {values} }} ?e <{p.value}> ?x . }}", s, "each-of")
            )
        return out

    def _value_compared(self, q, anchors, scores) -> list[Candidate]:
        """'Is the Glass Spire taller than 300 metres?', 'was X born before 1950?': whether one named thing's
        own number (or date) is beyond the number stated, on the property the comparative's adjective or the
        question's words name."""
        c = q.cues
        ents = [(m, terms[0]) for m, terms, lit in anchors if not lit]
        if not (c.ask and c.compare) or len(ents) != 1:
            return []
        (m, a), (op, n, at) = ents[0], c.compare
        rows = self._rows(f"SELECT DISTINCT ?p WHERE {{ {a} ?p ?v FILTER({ORDERED}) }} LIMIT 50")
        props = [r[0].value for r in rows if r[0] is not None]
        adj = comparative_adjective(q.tokens[at]) if at < len(q.tokens) else None
        fit = self.linker.property_scores([adj, *attribute_nouns(adj)]) if adj else {}
        out = []
        for p in props:
            timed = c.compare_time and self._time_valued(p)
            named = max(fit.get(p, 0.0), scores.get(p, 0.0)) + (0.5 if timed else 0.0)
            if named < 0.5 or (c.compare_time and not timed):
                continue  # 'before 1950' compares a time; 'taller' a number it names
            test = self._year_test(op, n, p if timed else None, c.compare_day)
            if c.compare_until:  # "was X admitted in June 2024": up to the month's last day too
                test += " && " + self._year_test("<=", n, p if timed else None, c.compare_until)
            out.append(
                Candidate(f"ASK {{ {a} <{p}> ?v . FILTER({test}) }}", m.score + named + 0.8, "value-compared+ask")
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

    def _than_any(self, q, cls, anchors, scores) -> list[Candidate]:
        """'Which countries are larger than any country in Europe?': beyond the extreme value of the things
        of the class that the named item after 'than any' (or 'all', 'every') constrains; the items named
        before the comparison constrain the things compared ('Asian countries')."""
        c = q.cues
        if c.comparative is None or cls is None:
            return []
        op, adj, at = c.comparative
        toks = q.tokens
        than = _than_at(toks, at, len(toks) - 1)
        if than is None:
            return []
        quant = than + (
            3 if toks[than + 1 : than + 3] in (["that", "of"], ["those", "of"]) else 1
        )  # 'than that of any'
        if quant >= len(toks) or toks[quant] not in ("any", "all", "every", "each"):
            return []
        after = [a for a in anchors if a[0].start > than]
        if len(after) != 1:
            return []
        m, terms, lit = after[0]
        paths = self._paths(cls, terms[0], scores, lit)
        if not paths:
            return []
        outer, score = [f"?x a <{cls}> ."], m.score
        for k, (mb, tb, lb) in enumerate(a for a in anchors if a[0].start < at):
            found = self._paths(cls, tb[0], scores, lb)
            if found:
                outer += found[0].triples("?x", f"b{k}")
                score += mb.score
        props = self._numbers_of(cls)
        fits = self._fit_of(_compared_words(toks, at, than, adj), adj)

        every = "MAX" if op in (">", ">=") else "MIN"
        # 'than any' reads as 'than every' first; as 'than at least one' next (the other extreme), which
        # answers where the first reading finds nothing ('larger than any country in Europe' but Russia)
        aggs = [(every, 0.0)] + ([("MIN" if every == "MAX" else "MAX", ANY_AS_SOME)] if toks[quant] == "any" else [])
        inner_to = " ".join(paths[0].triples("?i_y", "i"))
        out = []
        for k, p in enumerate(sorted((p for p in props if fits(p) >= 0.5), key=lambda p: (-fits(p), p))[:2]):
            inner = f"?i_y a <{cls}> . {inner_to} ?i_y <{p}> ?i_w ."
            for agg, less in aggs:
                pat = (
                    f"{' '.join(outer)} ?x <{p}> ?v . "
                    f"{{ SELECT ({agg}(?i_w) AS ?bound) WHERE {{ {inner} }} }} FILTER(?v {op} ?bound)"
                )
                s = score + fits(p) + 0.5 - 0.05 * k - less
                if c.count:
                    out.append(
                        Candidate(f"SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{ {pat} }}", s, "compare-any+count")
                    )
                else:
                    out += self._list_reads(q, pat, {p}, "?x", s, "compare-any", cls)
        return out

    def _than_the_most(self, q, cls: str | None) -> list[Candidate]:
        """'How many cars have a larger accelerate than the car with the largest horsepower?': beyond the number
        of the thing that ranks first by another number, which the words after the superlative name ('the
        largest horsepower'), or what its adjective measures ('the oldest teacher': age). The thing ranked is of
        the class named after 'than', or of the class compared."""
        c, toks = q.cues, q.tokens
        if c.comparative is None or c.superlative is None:
            return []
        op, adj, at = c.comparative
        direction, sadj, sat = c.superlative
        than = _than_at(toks, at, len(toks))
        if than is None or sat <= than:
            return []
        fits = self._fit_of(_compared_words(toks, at, than, adj), adj)
        cls = cls or self._owner_of_best(fits)
        named = [m for m in self._class_mentions if m.start > than]  # 'the car with ...', 'the oldest coach'
        ref = named[0].hits[0].iri if named else cls
        if cls is None or ref is None:
            return []
        classes = {i for m in self._class_mentions for i in m.span}
        start = sat + 1 if sadj else sat  # 'the most horsepower': the cue stands at the word it ranks by
        after = [t for i, t in enumerate(toks[start:], start) if t not in STOPWORDS and i not in classes]
        rank_fits = self._fit_of(after or [sadj], sadj)
        numbers = {k: self._numbers_of(k) for k in {cls, ref}}  # one query per class
        best = [max(numbers[k], key=lambda p: (fits(p), p), default=None) for k in (cls, ref)]
        rank = max(numbers[ref], key=lambda p: (rank_fits(p), p), default=None)
        if None in best or rank is None or min(fits(best[0]), fits(best[1]), rank_fits(rank)) < 0.5:
            return []
        top, bound = ("MAX" if direction == "DESC" else "MIN"), ("MAX" if op in (">", ">=") else "MIN")
        inner = (
            f"{{ SELECT ({bound}(?j_w) AS ?bound) WHERE {{ ?j_r a <{ref}> . ?j_r <{best[1]}> ?j_w . "
            f"?j_r <{rank}> ?j_v . {{ SELECT ({top}(?k_v) AS ?top) WHERE {{ ?k_r a <{ref}> . ?k_r <{rank}> ?k_v . }} }} "
            f"FILTER(?j_v = ?top) }} }}"
        )
        pat = f"?x a <{cls}> . ?x <{best[0]}> ?v . {inner} FILTER(?v {op} ?bound)"
        s = 1.0 + fits(best[0]) + 0.5 * rank_fits(rank) + 0.5
        if c.count:
            return [Candidate(f"SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{ {pat} }}", s, "compare-most+count")]
        return self._list_reads(q, pat, {best[0]}, "?x", s, "compare-most", cls)

    def _owner_of_best(self, fits) -> str | None:
        """The one class whose things have the number that fits best (where the question names no class)."""
        numeric = [p for p in self.schema.properties if p.is_numeric and fits(p.iri) >= 0.5]
        best = max(numeric, key=lambda p: (fits(p.iri), p.iri), default=None)
        return best.subject_classes[0][0] if best is not None and len(best.subject_classes) == 1 else None

    def _numbers_of(self, cls: str) -> list[str]:
        """The properties that give things of the class a number."""
        rows = self._rows(f"SELECT DISTINCT ?p WHERE {{ ?x a <{cls}> . ?x ?p ?v FILTER(isNumeric(?v)) }} LIMIT 50")
        return [r[0].value for r in rows if r[0] is not None]

    def _fit_of(self, words: list[str], adj: str):
        """How well each property fits these words and what the adjective measures ('older': age)."""
        fit = self.linker.property_scores([*words, *attribute_nouns(adj)]) if words or adj else {}
        near = self.linker.similarities(words) if words else {}
        return lambda p: fit.get(p, 0.0) + 0.3 * near.get(p, 0.0)

    def _versus(self, q: Question, body: list[str], x: str, cls, extra: list[str], bonus: float):
        """'wider than they are tall': the number each word names (by WordNet's attribute of an adjective, or the
        word itself), compared with each other on the same thing."""
        op, left, right = q.cues.versus
        a = [p for p in self._numeric_paths(cls, body, left, {}) if p.score >= 0.6]
        b = [p for p in self._numeric_paths(cls, body, right, {}) if p.score >= 0.6]
        b = [p for p in b if not a or p.steps != a[0].steps]
        if not a or not b:
            return extra, bonus
        pa, pb = a[0].at("?va"), b[0].at("?vb")
        extra = extra + pa.triples(x, "va") + pb.triples(x, "vb") + [f"FILTER(?va {op} ?vb)"]
        return extra, bonus + 0.5 * (pa.score + pb.score)
