"""Negated constraints: 'authors who have no book', 'teams with no coach',
'books not published by X'. The negated part is found exactly like a positive constraint (an
anchor's path, a link to another class, or a property the words name) and wrapped in FILTER NOT EXISTS.
"""

from __future__ import annotations

import dataclasses
import re

from ..graph.schema import local_name, split_name
from ..understand.lexicon import doer_nouns
from ..understand.linking import CLASS_MEANING, CLASS_MEANING_MARGIN
from ..understand.text import NEGATIONS, comparative_adjective
from ..wording import verb_form, verb_lemma
from .candidate import SKIP_PROPS, Candidate

#: tokens after the negation word that the negated constraint may come from
WINDOW = 5


class NegationShapes:
    """Mixed into EmbeddedGenerator; uses its _paths, _class_links, _best_props, _measured, _display_name and
    schema."""

    def _stated_of(self, q, other: str, scores) -> tuple[str, float]:
        """The values stated after the negation ("did not have a concert in 2014") as constraints on ?y, a
        thing of `other`, with the score they earn; ("", 0) when none applies to such things."""
        after = [m for m in q.cues.measures if m[2] > q.cues.negated_at]
        if not after:
            return "", 0.0
        only = dataclasses.replace(q, cues=dataclasses.replace(q.cues, measures=after, versus=None, texts=[]))
        body, bonus = self._measured(only, [f"?x a <{other}> ."], "?x", other, scores)
        if len(body) == 1:
            return "", 0.0
        return re.sub(r"\?x\b", "?y", " ".join(body[1:])), bonus

    def _lacking_other(self, q, cls: str, other: str, scores, lacking: bool, unused: float) -> list[tuple[str, float]]:
        """Bodies for 'not of that kind' ("artworks that are not paintings") and for 'no link to one'
        ("authors who have no book", "stadiums that did not have a concert in 2014"), with their scores."""
        bodies: list[tuple[str, float]] = []
        if other in self.schema.subclasses(cls):  # not of that kind
            bodies.append((f"?x a <{other}> .", 0.9 if lacking else 2.0))
        links_ = self._class_links(cls, other, scores)[:2]
        stated, bonus = self._stated_of(q, other, scores)
        for pat, ps in links_ or self._schema_links(cls, other, "?y"):  # or two hops: student-has_pet-pet
            bodies.append((pat, (1.0 + ps if links_ else ps) - unused))
            if stated and pat.endswith(f"?y a <{other}> ."):  # no concert of that year, not no concert
                bodies.append((pat + " " + stated, bodies[-1][1] + bonus))
        return bodies

    def _lacking_property(self, cls: str, words: list[str], lacking: bool) -> list[tuple[str, float]]:
        """Bodies for no value of the property the words after the negation name ("teams with no coach"), with
        their scores; "employees who do not manage anyone": nobody has them as manager (the verb's doer names the
        property)."""
        bodies: list[tuple[str, float]] = []
        doers = set() if lacking else {n for w in words for n in doer_nouns(w)}
        for p, v in self._best_props(words):
            info = self.schema.prop(p)
            if v < 0.6 or p in SKIP_PROPS or info is None:
                continue
            done_by_x = split_name(local_name(p)).split()[-1:] in [[d] for d in doers]
            if any(c == cls for c, _ in info.subject_classes):
                flag = self._flag_values(p)  # "cities not on the coast": coastal is set to no, not unset
                bodies.append((f"?x <{p}> {flag[0] if flag else '?n'} .", (0.9 if done_by_x else 1.0) + v))
            if any(c == cls for c, _ in info.object_classes):
                bodies.append((f"?n <{p}> ?x .", (1.0 if done_by_x else 0.9) + v))
        return bodies

    def _verb_class_by_meaning(self, verbs: list[str], cls: str) -> list[str]:
        """The one class linking to `cls` whose name is close in meaning to a verb's lemma ('sold': sale, of the
        sales and prescription items that link to drugs), clearly closer than the other such classes."""
        embedder = self.linker.embedder
        linking = {
            c
            for p in self.schema.properties
            if not p.is_literal and cls in dict(p.object_classes)
            for c, _ in p.subject_classes
            if c != cls
        }
        if embedder is None or not linking:
            return []
        for v in (v for v in verbs if verb_form(v)):  # 'sold', not the noun 'mentor' ("have no mentor")
            lemma = verb_lemma(v)
            try:
                sims = embedder.class_similarities(self.linker, lemma) if lemma else {}
            except RuntimeError:
                return []
            ranked = sorted(((sims.get(c, 0.0), c) for c in linking), reverse=True) + [(0.0, "")]
            if ranked[0][0] >= CLASS_MEANING and ranked[0][0] - ranked[1][0] >= CLASS_MEANING_MARGIN:
                return [ranked[0][1]]
        return []

    def _compared_too(self, q, pat: str, cls: str, scores) -> tuple[str, float]:
        """The pattern with the comparison the words also state ("which players younger than 25 are not
        goalkeepers"), on the number its word names, and what that adds to the score; as it was without one."""
        c = q.cues
        if not c.compare or c.superlative or c.shared or c.compare[2] >= len(q.tokens):
            return pat, 0.0
        hint = "year" if c.compare_time else comparative_adjective(q.tokens[c.compare[2]]) or ""
        base = [f"?x a <{cls}> ."]
        found = self._numeric_paths(cls, base, hint, scores, year=c.compare_time, measure=self._compared_token(q))
        paths = [p for p in found if p.score >= 0.5]
        if not paths:
            return pat, 0.0
        num = paths[0].triples("?x", "n")
        flt = self._compare_filter(c, cls, base, num, paths[0].steps[-1][0] if c.compare_time else None)
        return f"{pat} {' '.join(num)} {flt}", 0.5 * paths[0].score

    def _negated(self, q, cls, anchors, links, scores) -> list[Candidate]:
        at = q.cues.negated_at
        if cls is None or at < 0:
            return []
        bodies: list[tuple[str, float]] = []
        kept: set[str] = set()  # bodies that hold as they are (a thing's others), not negated
        near = range(at + 1, at + 1 + WINDOW)  # what is negated follows the 'not' closely
        after = [(m, terms, lit) for m, terms, lit in anchors if m.start in near]
        for m, terms, lit in after[:1]:  # "not published by X": X's path, negated
            if not lit and cls in self.linker.labels.types_of(terms[0][1:-1]):
                # "the contestants whose names are not 'Jessie Alloway'": all the others of its kind
                bodies.append((f"FILTER(?x != {terms[0]})", m.score + 1.5))
                kept.add(bodies[-1][0])
                continue
            if q.tokens[at] == "than":
                # "countries where people use languages other than English": some other language, not no English
                for p in self._paths(cls, terms[0], scores, lit)[:2]:
                    other = p.at("?ot").triples("?x", "o")
                    bodies.append((" ".join(other) + f" FILTER(?ot != {terms[0]})", m.score + p.score))
                    kept.add(bodies[-1][0])
                continue
            for p in self._paths(cls, terms[0], scores, lit)[:2]:  # right after the 'not' ("are not X"): surer
                bodies.append((" ".join(p.triples("?x", "n")), m.score + p.score + 0.3 * (m.start - at <= 2)))
        # (a class word that opens a property's name, 'no product manager', names that property, not its class)
        others = [
            c.hits[0].iri
            for c in links.classes
            if c.start in near and c.hits[0].iri != cls and not self._opens_property_name(q, c)
        ]
        # "contestants who did not get voted": the verb names the class of the things they lack (votes), or its
        # WordNet noun does ("never attended": attendances), but not where a value is stated ('never fed a seal')
        verbs = [q.tokens[i] for i in links.free if i in near]
        others = others or self._verb_classes(verbs, cls, lemmas=True, derived=not bodies)
        if not others and not bodies:  # "drugs never sold": the table of sales, by meaning ('sell' ~ sale)
            others = self._verb_class_by_meaning(verbs, cls)
        # "students who do not have a cat pet": a bare link to a pet would leave the named value unused
        unused = max((m.score for m, _, _ in after[:1]), default=0.0) if bodies else 0.0
        # "employees who have no manager", "with no manager", "without a manager": lacking one, not being one
        lacking = q.tokens[at] == "without" or (at > 0 and q.tokens[at - 1] in ("have", "has", "had", "with"))
        for other in others[:1]:
            bodies += self._lacking_other(q, cls, other, scores, lacking, unused)
        if not bodies:  # "teams with no coach": no value for the property the words name
            bodies = self._lacking_property(cls, [q.tokens[i] for i in links.free if i in near], lacking)
        # the other stated things hold as they are said: "countries outside Europe that use the euro", unless a
        # negation of their own comes right before them ("... and whose government form is not Republic")
        later = [j for j, t in enumerate(q.tokens) if t in NEGATIONS and j > at]
        held, held_score = [], 0.0
        negated = {id(a[0]) for a in after[:1]}
        for k, (m, terms, lit) in enumerate(a for a in anchors if id(a[0]) not in negated):
            best = self._paths(cls, terms[0], scores, lit)[:1]
            if best:
                triples = best[0].triples("?x", f"h{k}")
                if any(j < m.start <= j + WINDOW for j in later):
                    held.append(f"FILTER NOT EXISTS {{ {' '.join(triples)} }}")
                else:
                    held += triples
                held_score += m.score + best[0].score
        out = []
        for body, s in bodies:
            body = re.sub(r"\?y\b", "?ny", body)  # ?y is what the read-outs below bind
            excluded = body if body in kept else f"FILTER NOT EXISTS {{ {body} }}"
            pat, compared = self._compared_too(q, " ".join([f"?x a <{cls}> ."] + held + [excluded]), cls, scores)
            s += held_score + compared
            if q.cues.ask:
                out.append(Candidate(f"ASK {{ {pat} }}", s + 0.8, "negated+ask"))
            elif q.cues.count:
                out.append(
                    Candidate(f"SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{ {pat} }}", s + 0.8, "negated+count")
                )
            elif q.cues.aggregates and not q.cues.superlative:  # "the average age of students with no pet"
                out += self._aggregate_reads(q, pat, "?x", s + 0.8, "negated", cls, scores, [f"?x a <{cls}> ."])
            else:  # the things, their names, or what the words ask of them ("ids for all templates not used")
                # a negated link explains none of the words asked of the things that lack it
                out += self._list_reads(q, pat, self._words_used(pat), "?x", s + 0.8, "negated", cls)
        return out
