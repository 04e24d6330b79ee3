"""Counting, grouping and linking shapes of the embedded generator: 'teams with more than 5 players',
'the author with the most books', 'how many X per Y', 'the average Z of each Y', 'students who have a pet'."""

from __future__ import annotations

import re

from ..graph.schema import local_name
from ..understand.lexicon import derived_nouns
from ..understand.linking import Links
from ..understand.text import (
    COUNT_NOUNS,
    NUMBER_WORDS,
    QUESTION_WORDS,
    STOPWORDS,
    Question,
    singular,
    stem,
    superlative_adjective,
)
from ..wording import verb_form, verb_lemma
from .candidate import SKIP_PROPS, TRIPLE, Candidate, Path, _apart, _num
from .paths import HOP_PENALTY
from .reads import _column_select

#: how much the noun after 'the most' naming the linked things' class decides which are counted
COUNTED_NOUN_FIT = 0.3

#: articles that make a class word a thing that exists: "students who have a pet"
INDEFINITE = {"a", "an", "any", "some"}


class GroupingShapes:
    """Mixed into EmbeddedGenerator; uses its _rows, _word_scores, _numeric_paths, _wrap, _class_mentions (the
    classes the question names), linker and schema."""

    def _class_only(self, q, cls, scores) -> list[Candidate]:
        # "How many authors do we have?" is fully explained by the class; leftover words lower the score
        unexplained = [w for w in self._free if not self._word_scores(w) and not w.isdigit()]
        base = 1.2 - 0.25 * len(unexplained)
        grouped = self._grouped(q, cls, scores)
        if grouped:
            base -= 0.5  # "how many cars in each country": one total answers another question
        return (
            self._wrap(q, [f"?x a <{cls}> ."], "?x", base, "class", cls, scores)
            + grouped
            + self._aggregate_kept(q, cls, scores)
        )

    def _aggregate_kept(self, q, cls: str, scores) -> list[Candidate]:
        """'the teams whose players earn more than 50000 on average', 'teams with an average player age above
        28': the things kept by an average (or total) of the numbers of the things linked to them, compared
        with the number stated."""
        c = q.cues
        if len(c.aggregates) != 1 or c.aggregates[0] not in ("AVG", "SUM") or not c.compare or c.compare_time:
            return []
        if c.superlative or c.count or c.shared:
            return []
        word = _on_average_words(q) or c.aggregate_of.get(c.aggregates[0]) or self._compared_token(q)
        base = [f"?x a <{cls}> ."]
        paths = [p for p in self._numeric_paths(cls, base, word, scores, measure=word) if len(p.steps) == 2]
        # "whose average ...", "with an average ...", "on average": the average keeps things, it is not asked for
        toks = q.tokens
        kept = any(
            t in ("average", "total") and toks[i - 1] in ("whose", "an", "on", "their", "its")
            for i, t in enumerate(toks)
            if i
        )
        out: list[Candidate] = []
        for np_ in [p for p in paths if p.score >= 0.5][:1]:
            op, n, _ = c.compare
            num = " ".join(np_.triples("?x", "n"))
            core = f"{{ SELECT ?x WHERE {{ ?x a <{cls}> . {num} }} GROUP BY ?x HAVING({c.aggregates[0]}(?v) {op} {_num(n)}) }}"
            used = {st[0] for st in np_.steps}
            s = 1.2 + np_.score + (0.8 if kept else 0.3)
            out += self._list_reads(q, core, used, "?x", s, "class+having-aggregate", cls)
        return out

    def _class_links(self, cls: str, other: str | None, scores: dict[str, float]) -> list[tuple[str, float]]:
        """Triple patterns linking ?x (a cls) to ?y (a other, or anything), best-matching first."""
        ty = f"?y a <{other}> ." if other else ""
        rows = self._rows(
            f"SELECT DISTINCT ?p ?d WHERE {{ {{ ?x a <{cls}> . ?x ?p ?y . {ty} BIND(1 AS ?d) }} UNION "
            f"{{ ?x a <{cls}> . ?y ?p ?x . {ty} BIND(0 AS ?d) }} FILTER(isIRI(?y)) }} LIMIT 30"
        )
        out = []
        for p, d in rows:
            if p.value in SKIP_PROPS:
                continue
            pat = f"?x <{p.value}> ?y ." if d.value == "1" else f"?y <{p.value}> ?x ."
            kind = ty or self._sole_class(p.value, d.value == "1")
            out.append((pat + (f" {kind}" if kind else ""), scores.get(p.value, 0.0) + (0.5 if other else 0.0)))
        out.sort(key=lambda t: -t[1])
        return out[:3]

    def _sole_class(self, prop: str, forward: bool) -> str:
        """`?y a <C> .` when every thing at that end of `prop` is of the one class C in the data ('degree programs'
        counted per department): the type changes no result, and it names what is counted, so the words
        naming it ('the most degrees') are explained and the explanation says what the things are."""
        info = self.schema.prop(prop)
        classes = (info.object_classes if forward else info.subject_classes) if info else []
        if len(classes) != 1 or classes[0][1] < info.count:
            return ""
        return f"?y a <{classes[0][0]}> ."

    def _having_named(self, q: Question, cls: str, links: Links, scores) -> list[Candidate]:
        """'How many departments offer any degree?': a free word opens the name of another class ('degree
        programs'); the things asked about are those linked to one (one hop, or two over the schema)."""
        out: list[Candidate] = []
        words = {singular(q.tokens[i]) for i in links.free}
        named = {m.hits[0].iri for m in links.classes}
        for name, iris in self.linker.class_names.items():
            parts = name.split()
            if len(parts) < 2 or parts[0] not in words or len(iris) != 1 or iris[0] in named:
                continue
            out += self._linked_to(q, cls, iris[0], scores, 1.1)
        return out

    def _linked_to(self, q: Question, cls: str, other: str, scores, base: float) -> list[Candidate]:
        """The things of `cls` linked to some thing of `other` (one hop, or two over the schema), read out."""
        out: list[Candidate] = []
        pats = self._class_links(cls, other, scores)[:2] or self._schema_links(cls, other, "?y", hops=3)
        for pat, ps in pats:
            pat = re.sub(r"\?y\b", "?h", pat)  # ?y names what is read out
            out += self._wrap(q, [f"?x a <{cls}> .", pat], "?x", base + 0.1 * ps, "class+having", cls, scores)
        return out

    def _having_class(self, q: Question, cls: str, links: Links, scores) -> list[Candidate]:
        """'students who have a pet', 'stadiums with a concert': another class the question names after an
        indefinite article ('a', 'an', 'any', 'some') constrains the things asked about to those linked to one
        (one hop, or two over the schema); the readings that ignore it answer a wider question."""
        c = q.cues
        if c.negation or c.superlative or c.compare or c.group is not None:
            return []  # negations, rankings and per-group counts have their own readings
        at = min((m.start for m in links.classes if m.hits[0].iri == cls), default=len(q.tokens))
        out: list[Candidate] = []
        others: list = []  # the classes linked to, with their mentions ("both a tower and a museum")
        for m in links.classes:
            other = m.hits[0].iri
            # "how many different templates do all documents use": what is counted is what the others use
            counted = c.count and m.start > at + 1
            if (
                other == cls
                or m.start < 1
                or not (q.tokens[m.start - 1] in INDEFINITE or counted or _bare_object(q, m))
            ):
                continue
            out += self._linked_to(q, cls, other, scores, 1.3)
            others.append((m, other))
        if (
            len(others) == 2
            and "both" in q.tokens[: others[0][0].start]
            and "and" in q.tokens[others[0][0].end : others[1][0].start]
        ):
            out += self._linked_to_both(q, cls, [o for _, o in others], scores)
        return out

    def _linked_to_both(self, q: Question, cls: str, others: list[str], scores) -> list[Candidate]:
        """'the architect who designed both a tower and a museum': linked to one thing of each class, at once."""
        parts: list[str] = []
        for k, other in enumerate(others):
            pats = self._class_links(cls, other, scores)[:1] or self._schema_links(cls, other, "?y", hops=3)[:1]
            if not pats:
                return []
            parts.append(re.sub(r"\?(?!x\b)(\w+)", rf"?b{k}_\1", pats[0][0]))  # its own variables, but ?x
        return self._wrap(q, [f"?x a <{cls}> .", *parts], "?x", 1.3 + 0.5, "class+having-both", cls, scores)

    def _counted(self, q, cls, links, scores, held: tuple[list[str], float] = ([], 0.0)) -> list[Candidate]:
        """Counts of linked things per ?x: 'teams with more than 5 players', 'the most books'. `held`: triples
        that also hold of ?x, with their score ("countries in Europe with at least 3 car makers")."""
        c = q.cues
        others = [m.hits[0].iri for m in links.classes if m.hits[0].iri != cls]
        # "less than 8 euros" and "before 1980" compare a value, not a count
        want = c.compare if c.compare and not c.unit and not c.compare_time else None
        most = c.superlative if c.superlative and (not c.superlative[1] or self._most_things) else None
        if c.between and self._compares_count:  # "documents with 1 to 2 paragraphs": a count in a range
            want = ("range", c.between, -1)
        if not (want or most):
            return []
        out = []
        # "members who attended at least 4 times": no class named, the verb's noun names what is counted
        others = others or self._verb_classes([q.tokens[i] for i in self._free_at], cls)
        for other in others[:1] or [None]:
            pats = self._class_links(cls, other, scores)
            if not pats and other:
                # "the course with the most students enrolled": course <- enrolment -> student, over the schema
                pats = [(pat, s - 1.0) for pat, s in self._schema_links(cls, other, "?y", hops=3)]
            for pat, ps in pats:
                if (most or _above_one(want)) and not self._several_each(cls, pat):
                    continue  # each thing has one at most (its capital): 'the most', 'more than 2' rank no count
                base = " ".join([f"?x a <{cls}> .", *held[0], pat])
                ps += held[1] + (
                    COUNTED_NOUN_FIT * self._counted_noun_fit(q, most, cls, pat) if most and not other else 0.0
                )
                counts = f"SELECT ?x (COUNT(DISTINCT ?y) AS ?count) WHERE {{ {base} }} GROUP BY ?x"
                if want:
                    op, n, _ = want
                    if op == "range":
                        test = f"COUNT(DISTINCT ?y) >= {_num(n[0])} && COUNT(DISTINCT ?y) <= {_num(n[1])}"
                    else:
                        test = f"COUNT(DISTINCT ?y) {op} {_num(n)}"
                    core = f"{{ {counts} HAVING({test}) }}"
                    out += self._group_reads(q, core, base, cls, 1.2 + ps, "group+having")
                if most:
                    # "which company made the most movies": the class after the superlative is what is counted,
                    # so ranking its own things by a count of something else reads the words the wrong way round
                    counted_here = not other and any(
                        m.hits[0].iri == cls and m.start in (most[2], most[2] + 1) for m in self._class_mentions
                    )
                    agg = "MAX" if most[0] == "DESC" else "MIN"
                    inner = base.replace("?x", "?ix").replace("?y", "?iy")
                    core = (
                        f"{{ {counts} }} {{ SELECT ({agg}(?c) AS ?best) WHERE {{ "
                        f"{{ SELECT ?ix (COUNT(DISTINCT ?iy) AS ?c) WHERE {{ {inner} }} GROUP BY ?ix }} }} }} "
                        f"FILTER(?count = ?best)"
                    )
                    out += self._group_reads(q, core, base, cls, 1.2 + ps - 0.5 * counted_here, "group+most")
        if most:
            out += self._most_by_value(q, cls, scores)
        elif want and want[0] != "range" and not others:
            out += self._values_having(q, cls, want, scores)
        return out

    def _verb_classes(self, verbs: list[str], cls: str, lemmas: bool = False, derived: bool = True) -> list[str]:
        """Classes other than `cls` that the verbs name: by their lemma ('voted' -> vote, with `lemmas`) or by
        the noun WordNet derives from them ('attended' -> attendance, with `derived`)."""
        names = self.linker.class_names
        words = [verb_lemma(w) for w in verbs] if lemmas else []
        words += [n for w in verbs for n in derived_nouns(w)] if derived else []
        return list(dict.fromkeys(c for n in words if n for c in names.get(n, ()) if c != cls))

    def _values_having(self, q, counted: str, want, scores) -> list[Candidate]:
        """'Which cities have more than 7 rooms?': the word asked for names no class but a property whose values
        the counted things reach (a hotel's city); the values kept are those that many of them reach."""
        op, n, at_cmp = want
        at = _asked_at(q, at_cmp)
        if at is None or any(m.start <= at < m.end for m in self._class_mentions):
            return []  # the answer word names a class: its own things are counted ('group+having')
        out = []
        for link, s in self._value_groups(counted, q.tokens[at : at + 1], scores):
            having = f"HAVING(COUNT(DISTINCT ?x) {op} {_num(n)})"
            counts = (
                f"SELECT ?g (COUNT(DISTINCT ?x) AS ?count) WHERE {{ ?x a <{counted}> . {link} }} GROUP BY ?g {having}"
            )
            out.append(Candidate(f"SELECT ?g WHERE {{ {{ {counts} }} }}", 1.2 + s, "value-group+having"))
        return out

    def _several_each(self, cls: str, pat: str, one: str = "?y", each: str = "?x") -> bool:
        """Some `each` has two or more things `one` of `cls` over `pat` (a pattern between them)."""
        twice = _apart(pat, "_2", keep=each[1:])
        typed = f"{one} a <{cls}> . {one}_2 a <{cls}> ." if one == "?x" else f"?x a <{cls}> ."
        found = self._rows(f"SELECT {each} WHERE {{ {typed} {pat} {twice} FILTER({one} != {one}_2) }} LIMIT 1")
        return bool(found)

    def _counted_noun_fit(self, q, most, cls: str, pat: str) -> float:
        """'Which country has the most languages?': of the things linked to a country (its cities, its
        country-language rows), the noun after the superlative says which are counted, by the linked class's
        name ('city' for 'cities', 'countrylanguage' holding 'language') or by a property of that class it names
        (0..1)."""
        m = re.fullmatch(r"(\?[xy]) <([^<>\s]+)> (\?[xy]) \.(?: \?y a <[^<>\s]+> \.)?", pat.strip())
        info = self.schema.prop(m.group(2)) if m else None
        k = most[2]  # past the superlative and its count words: 'the greatest number of languages'
        while k < len(q.tokens) and (q.tokens[k] in COUNT_NOUNS or superlative_adjective(q.tokens[k])):
            k += 1
        if info is None or k >= len(q.tokens):
            return 0.0
        word = singular(q.tokens[k])
        if word in STOPWORDS or len(word) < 3 or stem(word) in self.linker._class_words(cls):
            return 0.0  # 'the degree with the most students' of students: the noun names what is ranked
        linked = info.subject_classes if m.group(1) == "?y" else info.object_classes
        best = 0.0
        for c, _ in linked[:3]:
            name = local_name(c).lower()
            if stem(word) in self.linker._class_words(c):
                best = max(best, 1.0)
            elif len(word) >= 4 and word in name:
                best = max(best, 0.8)
            else:
                own = [p for p, v in self._best_props([word], k=3) if v >= 0.8 and self._owned_by(p, c)]
                best = max(best, 0.6 if own else 0.0)
        return best

    def _owned_by(self, prop: str, cls: str) -> bool:
        info = self.schema.prop(prop)
        return bool(info and any(k == cls for k, _ in info.subject_classes))

    def _most_by_value(self, q, counted: str, scores) -> list[Candidate]:
        """'Which city has the most loans?': what is ranked is no class but the values of a property the
        answer word names (a library's city), each by how many of the counted things reach it."""
        sup = q.cues.superlative
        at = _asked_at(q, sup[2] - 1)  # not the superlative's own word ('most')
        named = next((m for m in self._class_mentions if at is not None and m.start <= at < m.end), None)
        compound = 0.0
        if named is not None:
            # "which bike model was used in the most trips": a class word with a word for its property after it
            # asks for that property's values, each ranked by how many of the things after the superlative
            # reach it; a class word alone asks for the class's own things ('group+most')
            later = next(
                (m for m in self._class_mentions if m.start >= sup[2] and m.hits[0].iri != named.hits[0].iri), None
            )
            own = named.end < sup[2] - 1 and self._owned_props(named.hits[0].iri, q.tokens[named.end : named.end + 1])
            if later is None or not own or own[0][1] < 0.8:
                return []
            counted, at, compound = later.hits[0].iri, named.end, 1.0  # the words name the values, not the things
        mention = next((m for m in self._class_mentions if m.hits[0].iri == counted and m.start >= sup[2]), None)
        if mention is None and (at is not None or sup[1]):
            return []  # "the name of the course with the most students": the things counted follow the superlative
        groups = self._value_groups(counted, q.tokens[at : at + 1], scores) if at is not None else []
        if at is None and not sup[1]:
            # "what is the most common citizenship of singers", "the most common singer citizenship", "the most
            # common membership level": nothing asked before the superlative; the value ranked is the head of
            # the words after it (their last before a stop word), the class word aside
            words = _phrase_after(q, sup[2] + 1, mention)
            groups = next((g for w in reversed(words) if (g := self._value_groups(counted, [w], scores))), [])
        top = q.cues.top or 1
        out = []
        for link, s in groups:
            counts = f"SELECT ?g (COUNT(DISTINCT ?x) AS ?count) WHERE {{ ?x a <{counted}> . {link} }} GROUP BY ?g"
            ranked = f"{{ {counts} }} }} ORDER BY {sup[0]}(?count) LIMIT {top}" + (
                f" OFFSET {q.cues.skip}" if q.cues.skip else ""
            )
            out.append(Candidate(f"SELECT ?g WHERE {{ {ranked}", 1.2 + s + compound, "value-group+most"))
            out.append(
                Candidate(
                    f"SELECT ?g ?count WHERE {{ {ranked}",
                    1.1 + s + compound + 0.1 * bool(q.cues.count),
                    "value-group+most+count",
                )
            )
            order = f" ORDER BY {sup[0]}(?count) LIMIT {top}" + (f" OFFSET {q.cues.skip}" if q.cues.skip else "")
            out += self._columns_of_groups(link, f"{{ {counts} }}", order, 1.2 + s + compound)
        return out

    def _columns_of_groups(self, link: str, counts: str, order: str, score: float) -> list[Candidate]:
        """'Who reported the most issues? Give the first and last name': the values ranked are things of a class
        (the reporters, developers), whose columns the words ask for."""
        last = TRIPLE.findall(link)[-1:]  # the link's last step, which reaches the values ranked
        info = self.schema.prop(last[0][1]) if last and last[0][2] == "?g" else None
        if info is None or info.is_literal or not info.object_classes:
            return []
        cols = self._columns(info.object_classes[0][0], set())
        if len(cols) < 2:
            return []
        sel = _column_select(counts, "?g", cols) + order
        return [Candidate(sel, score + 0.5 * self._words_covered(cols), "value-group+most+columns")]

    def _value_groups(self, counted: str, words: list[str], scores) -> list[tuple[str, float]]:
        """Links from ?x (a counted) to ?g, the value of a property these words name: the counted things' own
        ('the genre of a book'), or that of a class one or two hops from them ('the city of a loan's library')."""
        out: list[tuple[str, float]] = []
        for p, v in self._best_props(words, k=3):
            info = self.schema.prop(p)
            if v < 0.6 or info is None or p in SKIP_PROPS:
                continue
            owners = [k for k, _ in info.subject_classes]
            if counted in owners:
                out.append((f"?x <{p}> ?g .", v))
                continue
            for owner in owners[:2]:
                for pat, ps in self._class_links(counted, owner, scores)[:1]:
                    out.append((f"{pat.replace('?y', '?o')} ?o <{p}> ?g .", v - HOP_PENALTY + 0.1 * ps))
                for pat, ps in self._schema_links(counted, owner, "?o", hops=2)[:1]:
                    out.append((f"{pat} ?o <{p}> ?g .", v - 2 * HOP_PENALTY + 0.1 * ps))
        out.sort(key=lambda t: -t[1])
        return out[:3]

    def _group_links(self, q, counted: str, group_cls: str | None, at: int, scores) -> list[tuple[str, float]]:
        """Triple patterns from ?x (a counted) to its group ?g: a thing of group_cls one or two hops away, or
        the value of the property named by the words at `at`."""
        links: list[tuple[str, float]] = []
        if group_cls:
            rows = self._rows(
                f"SELECT DISTINCT ?p ?d WHERE {{ {{ ?x a <{counted}> . ?x ?p ?g . ?g a <{group_cls}> BIND(1 AS ?d) }} "
                f"UNION {{ ?x a <{counted}> . ?g ?p ?x . ?g a <{group_cls}> BIND(0 AS ?d) }} }} LIMIT 10"
            )
            for p, d in rows:
                link = f"?x <{p.value}> ?g ." if d.value == "1" else f"?g <{p.value}> ?x ."
                links.append((f"{link} ?g a <{group_cls}> .", 1.5 + scores.get(p.value, 0)))
            if not links:
                # "how many car makers in each continent": makers -> countries -> continents, over the schema
                links = self._schema_links(counted, group_cls)
        else:
            # "how many authors are from each city": group by a property value of the counted class
            words = [w for w in q.tokens[at : at + 2] if w not in STOPWORDS]
            for p, v in self._owned_props(counted, words)[:2]:  # the counted things' own property
                links.append((f"?x <{p}> ?g .", 1.3 + v))
            if not links:
                links = self._neighbour_groups(q, counted, q.tokens[at : at + 2])
            if not links:  # "how many animals in each zone": the zone of the enclosure an animal is in
                links = [(link, 0.8 + v) for link, v in self._value_groups(counted, words, scores)]
        return links

    def _neighbour_groups(self, q, counted: str, words: list[str]) -> list[tuple[str, float]]:
        """'the number of documents using each type': the property named is not the counted things' own but
        that of another class the question names ('template type codes'), one hop from them in the data."""
        out: list[tuple[str, float]] = []
        for owner in dict.fromkeys(m.hits[0].iri for m in self._class_mentions if m.hits[0].iri != counted):
            for p, v in self._owned_props(owner, words)[:1]:
                for pat, s in self._class_links(counted, owner, {})[:1]:
                    out.append((f"{pat.replace('?y', '?o')} ?o <{p}> ?g .", 0.8 + v + s))
        return out[:2]

    def _owned_props(self, cls: str, words: list[str]) -> list[tuple[str, float]]:
        """Properties of `cls`'s things that these words name (score >= 0.6), best first."""
        out = []
        for p, v in self.linker.property_scores(words).items():
            info = self.schema.prop(p)
            if v >= 0.6 and p not in SKIP_PROPS and info and any(k == cls for k, _ in info.subject_classes):
                out.append((p, v))
        return sorted(out, key=lambda t: -t[1])

    def _schema_links(self, src: str, dst: str, var: str = "?g", hops: int = 2) -> list[tuple[str, float]]:
        """Links of two (up to `hops`) hops from ?x (a src) to `var` (a dst) over the schema's class graph, the
        fewest hops first, kept when the data has them; the ones the question's words explain best first."""
        found = []
        for steps in sorted((st for st in self._schema_steps(src, dst, hops, 60) if len(st) >= 2), key=len)[:12]:
            link = " ".join(Path(steps, var, 0.0).triples("?x", var[1:]))
            if self._rows(f"SELECT ?x WHERE {{ ?x a <{src}> . {link} {var} a <{dst}> . }} LIMIT 1"):
                s = 1.5 - HOP_PENALTY * (len(steps) - 1) + 0.5 * self._explain({p for p, _ in steps})
                found.append((f"{link} {var} a <{dst}> .", s))
            if len(found) >= 2 and len(steps) > 2:
                break
        found.sort(key=lambda t: -t[1])
        return found[:2]

    def _group_reads(self, q, core: str, base: str, cls: str, score: float, shape: str) -> list[Candidate]:
        """The groups a count picks, read out as themselves, their names or the columns asked for, and with
        the count beside them: first when the words also ask 'how many'."""
        used = self._words_used(base)  # the counted link explains no 'ids' asked of the groups
        with_count = Candidate(f"SELECT ?x ?count WHERE {{ {core} }}", score + (0.1 if q.cues.count else -0.1), shape)
        reads = self._list_reads(q, core, used, "?x", score, shape, cls)
        # an attribute read here would explain the counted link's words with another property, unless the
        # groups' class has it ("document ids with at least two paragraphs")
        reads = [r for r in reads if not r.shape.endswith(("+attribute", "+reached")) or self._own_read(r, cls)]
        if q.cues.count:  # "their names and the number of employees": the count beside what is read
            for r in list(reads):
                m = re.match(r"SELECT DISTINCT (\?\w+) WHERE", r.sparql)
                if m and m.group(1) != "?x":
                    counted = r.sparql.replace(m.group(0), f"SELECT DISTINCT {m.group(1)} ?count WHERE", 1)
                    reads.append(Candidate(counted, r.score + 0.15, r.shape + "+count"))
        return [with_count] + reads

    def _own_read(self, c: Candidate, cls: str) -> bool:
        m = re.search(r"\?x <([^<>\s]+)> \?y \. \}$", c.sparql)
        info = self.schema.prop(m.group(1)) if m and c.shape.endswith("+attribute") else None
        return bool(info and info.is_literal and any(k == cls for k, _ in info.subject_classes))

    def _grouped(self, q, cls, scores, anchors=()) -> list[Candidate]:
        """Per-group counts and aggregates: 'how many X per Y', 'for each Y, the average Z of its X'.

        The group is the class or property named right after 'each'/'per'; what is counted is the
        other class the question names (or the target class).
        """
        c = q.cues
        if c.group is None or not (c.count or c.aggregates):
            return []
        classes = list(self._class_mentions)
        at = c.group  # where the words naming the group begin
        group_cls = next((m.hits[0].iri for m in classes if c.group <= m.start <= c.group + 2), None)
        # "the number of documents using each type": the class the count words name is what is counted
        named = [
            m
            for m in classes
            if m.start >= 2 and q.tokens[m.start - 2 : m.start] in (["number", "of"], ["how", "many"])
        ]
        counted = next((m.hits[0].iri for m in named + classes if m.hits[0].iri != group_cls), None) or (
            cls if cls != group_cls else None
        )
        if (
            counted is None
            and group_cls is not None
            and c.group < next(m.start for m in classes if m.hits[0].iri == group_cls)
        ):
            # "the average weight for each type of pet": the only class is what is grouped, by the word
            # between 'each' and it
            counted, group_cls = group_cls, None
        if group_cls is not None and counted in (None, group_cls):
            # "the average weight for each pet type": the word after the class names a property of its
            # own; the things of the class are grouped by its value
            gm = next(m for m in classes if m.hits[0].iri == group_cls)
            nxt = [w for w in q.tokens[gm.end : gm.end + 2] if w not in STOPWORDS]  # "pet type", "type codes"
            if nxt and nxt[0] == q.tokens[gm.end] and self._owned_props(group_cls, nxt):
                counted, group_cls = group_cls, None
                at = gm.end
        if counted is None and c.aggregates:
            # "the average salary per department": what is aggregated is what carries the named number (named by
            # the word after the aggregate first: 'the total quantity ... show the dish name' sums quantities)
            words = [w for w in c.aggregate_of.values() if w]
            # "the total amount of food": the noun after 'of' names the number too; only numbers are summed
            words += [q.tokens[i + 2] for i, t in enumerate(q.tokens[:-2]) if t in words and q.tokens[i + 1] == "of"]
            numeric = lambda sc: {p: v for p, v in sc.items() if (i := self.schema.prop(p)) and i.is_numeric}  # noqa: E731
            named_first = self._owners_of_named_properties(numeric(self.linker.property_scores(words))) if words else []
            owners = named_first + self._owners_of_named_properties(numeric(scores))
            counted = next((o for o in owners if o != group_cls), None)
        if counted is None and c.count and group_cls:
            # "how many models does each car maker produce": no class is named 'models', but the classes whose
            # things carry a 'model' are what may be counted
            owners = self._counted_by_noun(q, group_cls)
            return [x for o in owners for x in self._group_counts(q, o, group_cls, at, scores, anchors)]
        if counted is None:
            return []
        return self._group_counts(q, counted, group_cls, at, scores, anchors)

    def _held_by_groups(self, anchors, group_cls: str | None, counted: str, scores) -> tuple[str, float] | None:
        """'the members from Lyon and the number of trips each made': the triples by which each stated thing
        holds of the groups (?g) or else of the things counted (?x), with their score; None when one of them
        holds of neither."""
        held, score = [], 0.0
        for k, (m, terms, lit) in enumerate(anchors):
            # the nearer of the two holds it: 'the open issues in each project' are issues whose status is open,
            # not issues of projects with some open issue; on a tie, the group ('the members from Lyon')
            found = [
                (len(best[0].steps), var, best[0])
                for cls, var in ((group_cls, "?g"), (counted, "?x"))
                if cls and (best := self._paths(cls, terms[0], scores, lit)[:1])
            ]
            if not found:
                return None
            _, var, path = min(found, key=lambda f: f[0])
            held += path.triples(var, f"gh{k}")
            # where it holds does not change how well the stated value fits: the better path's score counts
            score += m.score + max(f[2].score for f in found) - 1.0
        return " ".join(held), score

    def _counted_by_noun(self, q, group_cls: str) -> list[str]:
        """The classes (two at most) whose things carry a property named by the noun after 'how many' or
        'number of', when that noun names no class."""
        toks = q.tokens
        at = next((i + 2 for i in range(len(toks) - 2) if toks[i : i + 2] in (["how", "many"], ["number", "of"])), -1)
        if at < 0 or toks[at] in STOPWORDS or any(m.start <= at < m.end for m in self._class_mentions):
            return []
        owners: list[str] = []
        for p, v in self._best_props([toks[at]], k=4):
            info = self.schema.prop(p)
            if v < 0.6 or info is None or p in SKIP_PROPS or not info.subject_classes:
                continue
            owner = info.subject_classes[0][0]
            if owner != group_cls and owner not in owners:
                owners.append(owner)
        return owners[:2]

    def _group_counts(self, q, counted: str, group_cls: str | None, at: int, scores, anchors=()) -> list[Candidate]:
        """Counts (or aggregates) of `counted` things per group, read out as the groups, their columns or names;
        with `anchors`, only the groups (or things) the stated things hold of."""
        c, classes = q.cues, list(self._class_mentions)
        held = self._held_by_groups(anchors, group_cls, counted, scores) if anchors else ("", 0.0)
        if held is None:
            return []
        links = self._group_links(q, counted, group_cls, at, scores)
        out = []
        name = self._display_name(group_cls) if group_cls else None
        named = self._name_triples(group_cls, "?g", "?name") if group_cls else None
        bases = [
            (link, *variant)
            for link, s in links
            for variant in self._measured_bases(
                q, f"?x a <{counted}> . {link}" + (f" {held[0]}" if held[0] else ""), counted, s + held[1], scores
            )
        ]
        for link, base, s in bases:
            if c.count and not self._several_each(counted, link, "?x", "?g"):
                s -= 0.5  # every group has one at most (each country's capital): rarely what 'how many' asks
            if c.count or not c.aggregates:
                out.append(
                    Candidate(
                        f"SELECT ?g (COUNT(DISTINCT ?x) AS ?count) WHERE {{ {base} }} GROUP BY ?g", s, "group+count"
                    )
                )
                cols = self._columns(group_cls, self._words_used(base)) if group_cls else []
                if cols and name and {"name", "names"} & set(self._free) and all(p != name for p, _ in cols):
                    cols.append((name, True))  # the groups' name is the property that names them
                if cols:  # "for each continent, its id, name and how many countries": the columns asked of groups
                    core = f"{{ SELECT ?g (COUNT(DISTINCT ?x) AS ?count) WHERE {{ {base} }} GROUP BY ?g }}"
                    sel = _column_select(core, "?g", cols).replace(" WHERE {", " ?count WHERE {", 1)
                    out.append(Candidate(sel, s + 0.1 * self._words_covered(cols), "group+count+columns"))
                if named:  # groups are known to people by their name: it stands for them (grouped by the thing)
                    asked = self._name_one_link_away(group_cls)
                    out.append(
                        Candidate(
                            f"SELECT ?name (COUNT(DISTINCT ?x) AS ?count) WHERE {{ {base} {named} }} GROUP BY ?g ?name",
                            s + 0.05 + asked,
                            "group+count+name",
                        )
                    )
            if c.aggregates:
                out += self._group_aggregates(q, classes, counted, base, s, named, scores, group_cls)
        return out

    def _measured_bases(self, q, base: str, counted: str, s: float, scores) -> list[tuple[str, float]]:
        """(pattern, score) of the groups' things, and of them with the values the words state ("how many
        appointments did each doctor have in 2024"), the reading that ignores them weaker, as in `_wrap`."""
        if not q.cues.measures:
            return [(base, s)]
        measured, bonus = self._measured(q, [base], "?x", counted, scores)
        if measured == [base]:
            return [(base, s)]
        return [(base, s - 0.5), (" ".join(measured), s + bonus)]

    def _name_one_link_away(self, group_cls: str | None) -> float:
        """'show the trainer names': where the groups' name is held one link away, it answers the word 'names'
        that no column of theirs does (the lead a column the words name gets)."""
        return 0.1 if not self._display_name(group_cls) and {"name", "names"} & set(self._free) else 0.0

    def _group_aggregates(
        self, q, classes, counted: str, base: str, s: float, named, scores, group_cls: str | None = None
    ) -> list[Candidate]:
        """AVG/SUM/... per group of the number the counted things have ('for each supplier, the average
        price'), and the groups by their name when they have one or by the columns the words ask of them
        ('the first name of each guest and the total nights they booked')."""
        c = q.cues
        out: list[Candidate] = []
        # "the average price" where a price is a thing of its own: the number that price has
        of_class = {" ".join(q.tokens[m.start : m.end]) for m in classes if m.hits[0].iri == counted}
        own = bool(of_class & set(c.aggregate_of.values()))
        # superlatives read per group ('the lightest and heaviest') name the number by their adjective
        hint = " ".join(dict.fromkeys(w for a, w in c.aggregate_of.items() if a in ("MIN", "MAX")))
        for k, np_ in enumerate(self._numeric_paths(counted, [f"?x a <{counted}> ."], hint, scores)):
            if np_.score >= 0.6 or (own and k == 0 and len(np_.steps) == 1):
                heads = " ".join(f"({a}(?v) AS ?{a.lower()})" for a in c.aggregates)
                if c.count:  # "the number of grants and the total amount" of each: both
                    heads = f"(COUNT(DISTINCT ?x) AS ?count) {heads}"
                out.append(
                    Candidate(
                        f"SELECT ?g {heads} WHERE {{ {base} {' '.join(np_.triples('?x', 'n'))} }} GROUP BY ?g",
                        s + 0.3 + np_.score,
                        "group+aggregate",
                    )
                )
                cols = self._columns(group_cls, self._words_used(base) | {np_.steps[-1][0]}) if group_cls else []
                if cols:  # the columns asked of the groups, as for counts
                    inner = f"SELECT ?g {heads} WHERE {{ {base} {' '.join(np_.triples('?x', 'n'))} }} GROUP BY ?g"
                    vals = " ".join(f"?{a.lower()}" for a in c.aggregates)
                    sel = _column_select(f"{{ {inner} }}", "?g", cols).replace(" WHERE {", f" {vals} WHERE {{", 1)
                    out.append(
                        Candidate(sel, s + 0.3 + np_.score + 0.1 * self._words_covered(cols), "group+aggregate+columns")
                    )
                if named:  # the groups by their name, as for counts
                    asked = self._name_one_link_away(group_cls)
                    out.append(
                        Candidate(
                            f"SELECT ?name {heads} WHERE {{ {base} {' '.join(np_.triples('?x', 'n'))} "
                            f"{named} }} GROUP BY ?g ?name",
                            s + 0.35 + np_.score + asked,
                            "group+aggregate+name",
                        )
                    )
        return out


def _phrase_after(q: Question, start: int, mention) -> list[str]:
    """The words from `start` to the first stop word, but the class mention's and numbers."""
    words = []
    for k in range(start, len(q.tokens)):
        t = q.tokens[k]
        if t in STOPWORDS:
            break
        if (mention is None or not mention.start <= k < mention.end) and t not in NUMBER_WORDS:
            words.append(t)
    return words


def _on_average_words(q: Question) -> str:
    """The words naming the number compared 'on average' ("more than 150 in labour cost on average"): those
    between the comparison and 'on average', '' when there are none."""
    toks, c = q.tokens, q.cues
    at = next((i for i in range(1, len(toks)) if toks[i] in ("average", "total") and toks[i - 1] == "on"), -1)
    if not c.compare or at < c.compare[2]:
        return ""
    between = toks[c.compare[2] + 1 : at - 1]
    return " ".join(t for t in between if t not in STOPWORDS and not t.replace(".", "").isdigit())


def _asked_at(q: Question, before: int) -> int | None:
    """Where the first word naming what is asked stands, before position `before` ('which cities ...')."""
    words = q.tokens[:before]
    return next(
        (
            i
            for i, t in enumerate(words)
            if t not in STOPWORDS | QUESTION_WORDS and t not in NUMBER_WORDS and not t.isdigit()
        ),
        None,
    )


def _bare_object(q: Question, m) -> bool:
    """'architects who designed towers', 'students that have dogs': a plural class word right after a verb
    says, like 'a tower', that some such thing is linked."""
    word, prev = q.tokens[m.start], q.tokens[m.start - 1]
    return m.end == m.start + 1 and singular(word) != word and (verb_form(prev) or verb_lemma(prev) == "have")


def _above_one(want) -> bool:
    """A count compared with a bound only two or more things reach ('more than 1', 'at least 2')."""
    if not want or want[0] == "range":
        return bool(want) and float(want[1][1]) >= 2
    op, n = want[0], float(want[1])
    return (op == ">" and n >= 1) or (op == ">=" and n >= 2)
