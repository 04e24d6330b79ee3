"""Shapes about the named things themselves: "Is Cargo 7 a bicycle?", "Which country has the code FRA?" (the thing
a value names), "Which Smith works in Research?" (which namesake), "Does X supply Y?" (a link between two)."""

from __future__ import annotations

from ..understand.clarify import close_hits
from ..understand.linking import Mention
from ..understand.text import Question, singular
from .candidate import NAMESAKE_PENALTY, SKIP_PROPS, Candidate, _string

#: words that say the next words are a thing's name ('the document named X', 'with the name X')
NAMING_WORDS = {"named", "called", "name", "titled", "entitled"}


class NamedThingShapes:
    """Mixed into EmbeddedGenerator; uses its _rows, _wrap, _paths, _explain, _word_scores, _free, _class_mentions
    and _label_preds."""

    def _is_a(self, q: Question, cls: str | None, anchors) -> list[Candidate]:
        """'Is Cargo 7 a bicycle?': a yes/no on the named thing's own class (or one below it), when the
        question names nothing else; the words left over lower it."""
        if not (q.cues.ask and cls and len(anchors) == 1 and not anchors[0][2]) or q.cues.exists:
            return []
        named = next((m for m in self._class_mentions if m.hits[0].iri == cls), None)
        if named is None or named.start < anchors[0][0].end or q.tokens[named.start - 1] not in ("a", "an"):
            return []  # "Is X a C": the thing first, then its kind ("any sculptures by Monet" asks another thing)
        unexplained = [w for w in self._free if self._word_scores(w)]
        return [
            Candidate(f"ASK {{ {t} a <{cls}> . }}", 1.6 - NAMESAKE_PENALTY * k - 0.5 * len(unexplained), "is-a")
            for k, t in enumerate(anchors[0][1][:2])
        ]

    def _identified(self, q, m: Mention, t: str, cls: str | None, scores) -> list[Candidate]:
        """'Which country has the code FRA?': the thing named by one of its values (not its label) is the thing
        asked for; the value constrains the things of the class through the property that holds it. Without a
        class ('Who is the pianist?'), any thing that has the value."""
        text = m.text.strip("'\"").lower().replace("\\", "").replace('"', "")
        if not text:
            return []
        rows = self._rows(
            f"SELECT DISTINCT ?p ?v WHERE {{ {t} ?p ?v FILTER(isLiteral(?v) && LCASE(STR(?v)) = \"{text}\") }} LIMIT 5"
        )
        out: list[Candidate] = []
        for p, v in rows:
            if p.value in self._label_preds or p.value in SKIP_PROPS:
                continue
            body = ([f"?x a <{cls}> ."] if cls else []) + [f"?x <{p.value}> {v.n3()} ."]
            out += self._wrap(q, body, "?x", m.score + self._explain({p.value}) + 0.5, "identified", cls, scores)
        return out

    @staticmethod
    def _asks_who_it_is(q: Question, m: Mention) -> bool:
        """'Who is the pianist?', 'What is the Harbour Hall?': the question asks for the named thing itself."""
        toks = q.tokens
        if len(toks) < 3 or toks[0] not in ("who", "what") or toks[1] not in ("is", "are", "was", "were"):
            return False
        return all(m.start <= i < m.end for i in q.content_positions())

    def _which_namesake(self, q, anchors, scores) -> list[Candidate]:
        """'Which Smith works in Research?': the answer is the namesake the rest of the question fits."""
        if not q.tokens or q.tokens[0] not in ("which", "what", "who"):
            return []
        first = next(((m, terms) for m, terms, lit in anchors if not lit and m.start <= 2), None)
        if first is None or len(first[0].hits) < 2:
            return []
        m, _ = first
        values = " ".join(f"<{h.iri}>" for h in m.hits[:8])
        out = []
        for o, terms, lit in anchors:
            if o is m:
                continue
            for path in self._paths(None, terms[0], scores, lit)[:2]:
                body = [f"VALUES ?x {{ {values} }}"] + path.triples("?x", "w")
                # "Which Smith ...": the question word right before the name asks which namesake
                cue = 0.4 if m.start == 1 and q.tokens[0] == "which" else 0.0
                out.append(
                    Candidate(
                        f"SELECT DISTINCT ?x WHERE {{ {' '.join(body)} }}",
                        m.score + o.score + path.score + 0.3 + cue,
                        "namesake",
                    )
                )
        return out

    def _ask_between(self, anchors, scores) -> list[Candidate]:
        """Yes/no about two entities: is there a matching property between them?"""
        (m1, t1, _), (m2, t2, _) = anchors[0], anchors[1]
        out = []
        best = sorted(scores.items(), key=lambda kv: -kv[1])[:3]
        # "Is Tomas Berg a goalkeeper?": a value names the property it was found under, whatever words are left
        a, b = t1[0], t2[0]
        held = [h.iri for m, _, lit in anchors[:2] if lit for h in m.hits if h.source == "value"]
        thing = b if a.startswith('"') else a
        best += [
            (p, scores.get(p, 0.0))
            for p in dict.fromkeys(held)
            if p not in dict(best) and self._rows(f"SELECT ?v WHERE {{ {thing} <{p}> ?v }} LIMIT 1")
        ]  # only a property the named thing has: 'is there a goalkeeper at X' asks no team's position
        for p, ps in best:
            if a.startswith('"') and b.startswith('"'):
                continue
            info = self.schema.prop(p)
            if not a.startswith('"') and not b.startswith('"') and info is not None and not self._may_link(info, a, b):
                continue  # a column of texts ('play id'), or a link between other classes, links no two of these
            # either direction: "does X supply Y" and "is Y supplied by X" ask about the same link
            if a.startswith('"') or b.startswith('"'):
                a, b = (b, a) if a.startswith('"') else (a, b)
                sparql = f"ASK {{ {a} <{p}> {b} . }}"
            else:
                sparql = f"ASK {{ {{ {a} <{p}> {b} . }} UNION {{ {b} <{p}> {a} . }} }}"
            # scored like every other shape: by all the question words the property explains
            out.append(Candidate(sparql, m1.score + m2.score + max(ps, self._explain({p})) + 0.1, "ask-link"))
        if not a.startswith('"') and not b.startswith('"'):
            out += self._ask_through_row(a, b, m1.score + m2.score)
        return out

    def _may_link(self, info, a: str, b: str) -> bool:
        """The property leads from things of a's class to things of b's, or back (either, where the classes
        are not known)."""
        if not info.iri_objects:
            return False
        ta, tb = (set(self.linker.labels.types_of(t[1:-1])) for t in (a, b))
        subj, obj = {c for c, _ in info.subject_classes}, {c for c, _ in info.object_classes}
        if not (ta and tb and subj and obj):
            return True
        return bool((ta & subj and tb & obj) or (tb & subj and ta & obj))

    def _ask_through_row(self, a: str, b: str, base: float) -> list[Candidate]:
        """'Did Hugh Iver play in Glasshouse?': is there a row (a casting) that links to both things, over the
        schema's classes (so that 'no' can be found too)?"""
        out = []
        for ca in self.linker.labels.types_of(a[1:-1])[:2]:
            for cb in self.linker.labels.types_of(b[1:-1])[:2]:
                for steps in self._schema_steps(ca, cb, 2, 20):
                    if len(steps) != 2 or steps[0][1] or not steps[1][1]:
                        continue  # a row pointing at both: the first step taken backwards, the second forwards
                    (p1, _), (p2, _) = steps
                    sparql = f"ASK {{ ?m <{p1}> {a} . ?m <{p2}> {b} . }}"
                    out.append(Candidate(sparql, base + 0.3 + 0.5 * self._explain({p1, p2}), "ask-through-row"))
        return out

    def _named_kind(self, q: Question, anchors) -> list[Candidate]:
        """'How many Sensor Switches do we offer?': a thing's name made plural after 'how many' names a kind,
        the things of its class whose name holds that name ('Film Sensor Switch' too), not the thing; where
        only the thing itself holds it (a category), the plural means what refers to it."""
        toks = q.tokens
        out = []
        for m, terms, lit in anchors if q.cues.count else ():
            last = toks[m.end - 1]
            if lit or not terms or singular(last) == last or toks[max(0, m.start - 2) : m.start] != ["how", "many"]:
                continue
            phrase = " ".join([*toks[m.start : m.end - 1], singular(last)])
            t = terms[0]
            types = self.linker.labels.types_of(t[1:-1])
            named = sorted(self._holding(t, phrase))
            if not types or not named:
                continue
            pat = f"?x a <{types[0]}> . ?x <{named[0]}> ?l . FILTER(CONTAINS(LCASE(STR(?l)), {_string(phrase)}))"
            if len(self._rows(f"SELECT ?x WHERE {{ {pat} }} LIMIT 2")) < 2:
                continue  # only the named thing itself: 'how many compensators' counts what that category holds
            out.append(
                Candidate(f"SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{ {pat} }}", m.score + 1.0, "named-kind+count")
            )
        return out

    def _any_named(self, q: Question, cls: str | None, anchors) -> list:
        """'Which countries have a capital called Kingston?': a name given by 'called'/'named' in a question that
        asks for things in the plural means every thing of that name, so its namesakes (equally well named)
        become alternatives instead of a choice to ask back about. The anchors, with those names widened."""
        asked = next((c for c in self._class_mentions if c.hits and c.hits[0].iri == cls), None)
        if asked is None or singular(q.tokens[asked.end - 1]) == q.tokens[asked.end - 1]:
            return anchors
        out = []
        for m, terms, lit in anchors:
            before = q.tokens[max(0, m.start - 1) : m.start]
            close = [] if lit else close_hits(m)  # the namesakes clarify would ask about
            if close and m.start > asked.end and NAMING_WORDS & set(before):
                self._any_names.add(id(m))
                terms = [f"<{i}>" for i in close]
            out.append((m, terms, lit))
        return out

    def _named_by(self, q: Question, t: str, m) -> set[str]:
        """The properties of `t` whose value is the text the question says it is named ('the document named
        Robbin CV', 'with the name ...': its document name), so not a column to show."""
        if not NAMING_WORDS & set(q.tokens[max(0, m.start - 3) : m.start]):
            return set()
        return self._holding(t, m.text or "")

    def _holding(self, t: str, text: str) -> set[str]:
        """The properties whose value for `t` is this text (case and spacing aside)."""
        want = " ".join(text.lower().split())
        if not want:
            return set()
        rows = self._rows(f"SELECT DISTINCT ?p ?o WHERE {{ {t} ?p ?o FILTER(isLiteral(?o)) }} LIMIT 200")
        return {p.value for p, o in rows if p is not None and " ".join(str(o).lower().split()) == want}
