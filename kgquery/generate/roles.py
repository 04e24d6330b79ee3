"""Readings when the question names no class. Roles as properties: "which director was born first?" where
'director' names no class but a property (schema:director) whose values are things. The directors are the things
some subject points at by it, so that pattern stands in for the class the question would otherwise name.
Failing that, the things the named properties describe are guessed."""

from __future__ import annotations

import re

from ..graph.schema import split_name
from ..understand.lexicon import names_an_agent
from ..understand.text import Question
from ..wording import verb_form
from .candidate import SKIP_PROPS, TRIPLE, Candidate

#: how far a reading answering 'who' with things that are no one falls behind readings answering with someone
WHO_FIT = 0.3
#: what the hop on to someone costs a reading (a property no word names): less than answering with no one
WHO_HOP = 0.1

#: how surely the asked word must name the property to stand for a class
ROLE_FIT = 0.8
#: what a reading loses whose things hold the property the asked word names, rather than being its values
ROLE_HOLDER = 0.3
#: the share of a property's subjects one class must hold to be taken as its owner
OWNER_SHARE = 0.9


class RoleShapes:
    """Mixed into EmbeddedGenerator; uses its _wrap, _constrained, _class_only, _owners_of_named_properties,
    _word_scores, _free and schema. Readings without a class word, where a role, a stated value or the named
    properties say what the things asked about are."""

    def _roles(self, q: Question, k: int) -> list[tuple[float, str, object]]:
        """(fit, property, its schema entry) for up to `k` properties the asked word names surely enough to
        stand for a class, best first; only properties whose values are things."""
        word = _role_word(q)
        if word is None:
            return []
        named = sorted(((v, p) for p, v in self._word_scores(word).items() if v >= ROLE_FIT), reverse=True)
        out = []
        for v, p in named:
            info = self.schema.prop(p)
            if p not in SKIP_PROPS and info is not None and not info.is_literal and info.iri_objects:
                out.append((v, p, info))
        return out[:k]

    def _role_things(self, q: Question, scores: dict[str, float]) -> list[Candidate]:
        """The things a property the asked word names points at, read out as the question asks (ranked,
        compared, counted or listed); only when no class and no entity is named."""
        out: list[Candidate] = []
        for v, p, _ in self._roles(q, 2):
            word = _role_word(q)
            left = [w for w in self._free if w != word and not self._word_scores(w) and not w.isdigit()]
            # as a class word would stand (_class_only), a little more for a fuller fit
            base = 1.2 + 0.5 * (v - ROLE_FIT) - 0.25 * len(left)
            out += self._wrap(q, [f"?role <{p}> ?x ."], "?x", base, "role", None, scores)
        return out

    def _role_constrained(self, q: Question, anchors, scores: dict[str, float]) -> list[Candidate]:
        """'which actors were born in Osaka?': the things of the class the role's values have (person), tied to
        the named things as any such thing would be, and kept to those that play the role."""
        out: list[Candidate] = []
        for v, p, info in self._roles(q, 1):
            if not info.object_classes:
                continue
            cls = info.object_classes[0][0]
            typed = f"?x a <{cls}> ."
            for c in self._constrained(q, cls, anchors, scores):
                if "{ SELECT" in c.sparql or typed not in c.sparql or f"<{p}>" in c.sparql:
                    # a ranking's inner query would rank all of the class, not the role's things; and the role's
                    # word names ?x, not something read out through the role's property again
                    continue
                sparql = c.sparql.replace(typed, f"{typed} ?role <{p}> ?x .", 1)
                out.append(Candidate(sparql, c.score + 0.5 * (v - ROLE_FIT), c.shape + "+role", c.parts))
        return out

    def _without_class(self, q: Question, anchors, scores: dict[str, float]) -> list[Candidate]:
        """Readings when the question names no class: a role the asked word names ("which director"), or
        the things the named properties describe (a guess, below the readings)."""
        cands: list[Candidate] = []
        if not anchors:
            cands += self._role_things(q, scores)  # "which director was born first?": a role, not a class
            # no class word and no entity: the things asked about are those the named properties describe; "who
            # earns the most?", "who joined after 2018?": the verb alone names the property, more loosely
            loose = q.tokens[:1] == ["who"] and any(verb_form(w) for w in self._free)
            for guess in self._owners_of_named_properties(scores) or (
                self._owners_of_named_properties(scores, 1, 0.5) if loose else []
            ):
                cands += [
                    Candidate(c.sparql, c.score - 0.3, c.shape + "+owner", c.parts)
                    for c in self._class_only(q, guess, scores)
                ]
            return cands
        cands += self._role_constrained(q, anchors, scores)  # "which actors were born in Osaka?"
        if any(not lit for _, _, lit in anchors):
            # "who are the defenders of Harbour Hawks?": the things holding the stated value ('defender', a
            # position) are what is asked, tied to the named thing as things of their class are
            for owner in self._value_owners(anchors):
                cands += [
                    Candidate(c.sparql, c.score - 0.2, c.shape + "+value-owner", c.parts)
                    for c in self._constrained(q, owner, anchors, scores)
                ]
        if all(lit for _, _, lit in anchors) or q.cues.aggregates:
            # only stated values ("the accelerate of the car make amc hornet"): the things the named
            # properties describe, tied to the values by a path over the schema
            for guess in self._owners_of_named_properties(scores):
                cands += [
                    Candidate(c.sparql, c.score - 0.8, c.shape + "+owner", c.parts)  # a guess: below the readings
                    for c in self._constrained(q, guess, anchors, scores)
                ]
        return cands

    def _not_the_role_holders(self, q: Question, cands: list[Candidate]) -> list[Candidate]:
        """'Which mayor was born in Lentz?': the asked word names a property (mayor) whose values are what is
        asked; a reading whose things hold that property (the city whose mayor it is) answers another question."""
        roles = self._roles(q, 1)
        if not roles:
            return cands
        held = f"?x <{roles[0][1]}> "
        return [Candidate(c.sparql, c.score - ROLE_HOLDER, c.shape, c.parts) if held in c.sparql else c for c in cands]

    def _who_agents(self, q: Question, cands: list[Candidate]) -> list[Candidate]:
        """'Who ordered the Office Chair?': 'who' asks for someone. Where some readings answer with people or
        organisations (customers) and others with things WordNet names otherwise (orders), the things fall behind."""
        if q.tokens[:1] != ["who"] and q.tokens[:2] not in (["which", "people"], ["what", "people"]):
            return cands  # "which people work in Lyon?" asks for someone too
        kinds = [self._answers_an_agent(c.sparql) for c in cands]
        if True not in kinds:
            more = self._on_to_someone(cands, kinds)
            cands, kinds = cands + more, kinds + [True] * len(more)
        if True not in kinds:
            return cands
        return [
            Candidate(c.sparql, c.score - WHO_FIT, c.shape, c.parts) if k is False else c for c, k in zip(cands, kinds)
        ]

    def _on_to_someone(self, cands: list[Candidate], kinds: list) -> list[Candidate]:
        """'Who ordered the Office Chair?' when every reading answers with things (orders): one hop on from the
        best of them to the people or organisations the schema links their class to (the order's customer)."""
        out: list[Candidate] = []
        ranked = sorted(zip(cands, kinds), key=lambda ck: -ck[0].score)
        for c, k in ranked[:3]:
            m = re.fullmatch(r"SELECT DISTINCT \?x WHERE \{ (.*) \}", c.sparql)
            cls = self._answer_class(c.sparql) if k is False and m else None
            if cls is None:
                continue
            for p in self.schema.properties:
                if p.iri in SKIP_PROPS or p.iri in c.sparql:
                    continue
                for mine, theirs, link in (
                    (p.subject_classes, p.object_classes, f"?x <{p.iri}> ?w ."),
                    (p.object_classes, p.subject_classes, f"?w <{p.iri}> ?x ."),
                ):
                    if mine[:1] and mine[0][0] == cls and theirs[:1] and self._agent_kind(theirs[0][0]):
                        body = f"{m[1]} {link}"
                        sparql = f"SELECT DISTINCT ?w WHERE {{ {body} }}"
                        out.append(Candidate(sparql, c.score - WHO_HOP, c.shape + "+who"))
        return out

    def _agent_kind(self, cls: str) -> bool | None:
        """Whether the class's name names someone (WordNet: a person or an organisation); None when unknown."""
        return names_an_agent(split_name(self.linker.labels.label_of(cls)))

    def _answer_class(self, sparql: str) -> str | None:
        """The class of the first column's things: stated, or the one the property reaching it is used with."""
        head = re.match(r"\s*SELECT\s+(?:DISTINCT\s+)?(\?\w+)", sparql)
        if head is None:
            return None
        v = head[1]
        typed = re.search(rf"{re.escape(v)} a <([^<>\s]+)> \.", sparql)
        if typed:
            return typed[1]
        for s_, p, o in TRIPLE.findall(sparql):
            info = self.schema.prop(p)
            if info is not None and s_ == v and info.subject_classes:
                return info.subject_classes[0][0]
            if info is not None and o == v and info.iri_objects and info.object_classes:
                return info.object_classes[0][0]
        return None

    def _answers_an_agent(self, sparql: str) -> bool | None:
        """Whether the first column holds someone (by its class's name, WordNet); None when unknown."""
        cls = self._answer_class(sparql)
        return None if cls is None else self._agent_kind(cls)

    def _value_owners(self, anchors) -> list[str]:
        """The class whose things hold each stated value's property, where one class holds nearly all of it."""
        out: list[str] = []
        for m, _, lit in anchors:
            for h in m.hits[:3] if lit else ():
                info = self.schema.prop(h.iri) if h.source == "value" else None
                owners = info.subject_classes if info is not None else []
                if owners and owners[0][1] >= OWNER_SHARE * sum(n for _, n in owners) and owners[0][0] not in out:
                    out.append(owners[0][0])
        return out[:2]


def _role_word(q: Question) -> str | None:
    """The noun the question asks for: right after 'which'/'what', or after 'how many'."""
    toks = q.tokens
    for i, t in enumerate(toks[:-1]):
        if t in ("which", "what") or (t == "many" and i > 0 and toks[i - 1] == "how"):
            nxt = toks[i + 1]
            return nxt if nxt.isalpha() else None
    return None
