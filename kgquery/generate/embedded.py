"""The embedded default generator: grounded query construction with no model and no download.

It reads the question's cues (count, yes/no, superlative, comparison, per-group), takes the
linked entities, values and classes, discovers how they connect *in this graph* with small
exploratory queries (1 and 2 hops), and builds candidate queries scored by how well the
connecting properties match the remaining question words. The pipeline executes the best
candidates through the safe executor and keeps the best one that answers.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re

from ..graph.hierarchy import BROADER, with_narrower
from ..graph.schema import local_name, split_name
from ..terms import Outcome, Term
from ..understand.lexicon import attribute_nouns, is_kind_of
from ..understand.linking import Linker, Links, Mention
from ..understand.text import (
    AGGREGATE_WORDS,
    COUNT_NOUNS,
    NUMBER_WORDS,
    QUESTION_WORDS,
    STOPWORDS,
    TIME_WORDS,
    Question,
    comparative_adjective,
    singular,
    stem,
)
from ..wording import verb_form, verb_lemma
from .candidate import (  # noqa: F401  (re-exported)
    NAMESAKE_PENALTY,
    RDFS_LABEL,
    SKIP_PROPS,
    TRIPLE,
    Candidate,
    Path,
    _apart,
    _num,
    _reuse_middle,
    _share_nodes,
    _string,
    with_subclasses,
)
from .comparison import ComparisonShapes
from .events import EventShapes
from .feasible import impossible_join, literal_subject
from .flags import FlagShapes
from .grouping import GroupingShapes
from .measures import MeasureShapes
from .named import NamedThingShapes
from .naming import NamingShapes
from .negation import NegationShapes
from .paths import AGE_ADJECTIVES, GENERIC_CLASSES, HOP_PENALTY, TIME_ADJECTIVES, PathFinding, apart
from .ranking import RankingShapes, _range_at
from .reads import ReadShapes, _column_select, _listed_words
from .roles import RoleShapes

MAX_CANDIDATES = 60
#: a second hop to a property whose whole name the question writes out: the words in their order say more
#: than the same words scattered (about the score of one more word explained in part)
SPELLED_BONUS = 0.25
#: 'the A of the B of X': how loosely A may fit the property one hop on that it names (the best of them)
NESTED_FIT = 0.2
#: "when was X born?": a 'when' question asks for a time, so of the properties its words fit equally ('date of
#: birth', 'place of birth') the one holding a time is meant; about a strong word match's worth
WHEN_FIT = 0.3
#: 'or' between two constraints: the reading where either holds, over the one where both must (about the weight
#: of a cue word honoured)
OR_FIT = 0.3
#: how much a reading of 'both A and B' loses that links A and B to the things in two different ways
BOTH_ALIKE = 0.5
#: what a reading gains for things of the class the question names (its answer class honoured)
CLASS_FIT = 0.5

#: what a yes/no reading loses that asks about something unnamed when the question opens with a named thing
UNNAMED_SUBJECT = 0.2


class EmbeddedGenerator(
    PathFinding,
    ReadShapes,
    NamingShapes,
    GroupingShapes,
    ComparisonShapes,
    EventShapes,
    NegationShapes,
    RankingShapes,
    NamedThingShapes,
    FlagShapes,
    RoleShapes,
    MeasureShapes,
):
    """Builds and scores candidate SPARQL from links; see module docstring."""

    name = "embedded"

    def __init__(self, linker: Linker):
        from ..graph.labels import LABEL_PREDICATES

        self._label_preds = set(LABEL_PREDICATES)
        self._names: dict[str, str | None] = {}
        self._hops: dict[str, tuple[str, str] | None] = {}
        self._parts: dict[str, list[str]] = {}  # a person's name columns per class (_name_parts)
        self._target: str | None = None  # the class the question asks for (_target_class), once per question
        self._labelled: set[str] | None = None  # classes some of whose things carry a label (_label_classes)
        self.linker = linker
        self.kg = linker.kg
        self.schema = linker.schema
        self._role_links = _role_words(self.schema)  # links told apart by a word ('start' station, 'end' station)
        self._key_links = _key_named_links(self.schema)
        self._flag_cache: dict[str, tuple[str, str] | None] = {}  # property -> its (yes, no) values, or None
        self._verbs: dict[str, tuple[str, bool] | None] = {}  # property -> its verb and voice (_verb_of)
        #: classes with subclasses that have things: '?x a <C>' reaches those too
        self._superclasses = {c.iri for c in self.schema.classes if c.count and self.schema.subclasses(c.iri)}

    # ------------------------------------------------------------------ helpers
    def _rows(self, q: str, timeout: float = 5.0) -> list[tuple[Term | None, ...]]:
        res = self.kg.query(with_subclasses(q, self._superclasses), timeout_s=timeout, max_rows=5000)
        return res.rows if res.outcome == Outcome.ROWS else []

    def _is_number_attribute(self, triple: str, x: str, scores: dict[str, float]) -> bool:
        """True when `triple` reads a numeric literal property into x that the words ask for."""
        m = re.match(r"<[^<>\s]+> <([^<>\s]+)> (\?\w+) \.$", triple)
        if not m or m.group(2) != x:
            return False
        info = self.schema.prop(m.group(1))
        # counting one entity's numbers is rarely meant ("how many pallets does X hold" reads its number)
        return bool(info and info.is_numeric and info.iri_objects == 0)

    def _leftover(self, used: set[str], skip: frozenset[str] = frozenset()) -> dict[str, float]:
        """Property scores from the question words that the properties in `used` do not explain (`skip`: words
        the query spends otherwise, such as a superlative it ranks by)."""
        key = (frozenset(used), skip)
        if key not in self._leftover_cache:
            words = [
                w
                for w in self._free
                if w not in skip and not any(self._explains(w, p) for p in used if self._may_explain(w, p))
            ]
            self._leftover_cache[key] = self.linker.property_scores(words) if words else {}
        return self._leftover_cache[key]

    def _explains(self, word: str, prop: str) -> bool:
        """The word names the property (`_paired_scores`)."""
        return self._paired_scores(word).get(prop, 0.0) >= 0.6

    def _paired_scores(self, word: str) -> dict[str, float]:
        """How well the word names each property, alone or with a word beside it in the question that it adds to
        ('departure port' names dep_port_id better than 'port' does: 'departure' is spent on it, and no
        departure date is read out)."""
        if word not in self._paired_cache:
            own = self._word_scores(word)
            out = dict(own)
            for n in self._beside.get(word, ()):
                for p, both in self.linker.property_scores([word, n]).items():
                    if 0.0 < own.get(p, 0.0) < both and both > self._word_scores(n).get(p, 0.0) + 0.05:
                        out[p] = both + 0.01  # two words name it: over a property the word alone names as well
            self._paired_cache[word] = out
        return self._paired_cache[word]

    def _may_explain(self, word: str, prop: str) -> bool:
        """A class word heading a compound ('flight numbers') names a property of its own class: one of another
        class ('airline' of airlines, alike in meaning) does not explain it."""
        cls = self._head_cls.get(word)
        info = self.schema.prop(prop) if cls else None
        return info is None or any(k == cls for k, _ in info.subject_classes)

    def _words_used(self, pattern: str) -> set[str]:
        """The properties of a pattern that account for question words: a link named after the key it joins
        on ('ref-document_id' beside document_id), between two unknowns, accounts for none of the words of
        that key."""
        out = set()
        for sub, p, obj in TRIPLE.findall(pattern):
            if p in self._reread and re.fullmatch(r"\?t\d+", obj):
                continue  # a text searched that the words also ask to read out
            # a join between two unknowns, or to a thing named otherwise than by the key ('Smith'), explains
            # none of the key's words; a link to a thing named by it ('template type code CV') keeps them
            if p not in self._key_links or not (
                sub.startswith("?") and (obj.startswith("?") or obj.strip("<>") not in self._named_by_key)
            ):
                out.add(p)
        return out

    def _names_a_number(self, word: str) -> bool:
        """Some numeric property is named by the word (score >= 0.5): 'minutes' for set_minutes."""
        return any(
            v >= 0.5 and (info := self.schema.prop(p)) is not None and info.is_numeric
            for p, v in self.linker.property_scores([word]).items()
        )

    def _word_scores(self, w: str) -> dict[str, float]:
        if w not in self._word_cache:
            self._word_cache[w] = self.linker.property_scores([w])
        return self._word_cache[w]

    def _best_props(self, words: list[str], k: int = 2) -> list[tuple[str, float]]:
        """The k properties these words name best, each scored by its best-fitting word."""
        ws: dict[str, float] = {}
        for w in words:
            for p, v in self._word_scores(w).items():
                ws[p] = max(ws.get(p, 0.0), v)
        return sorted(ws.items(), key=lambda kv: (-kv[1], kv[0]))[:k]

    def _explain(self, props: set[str]) -> float:
        """How much of the question these properties explain: each word counts once, by its best fit ('last'
        and 'name' fully by lname, whose initial the first spells out)."""
        free = self._free
        total = 0.0
        for k, w in enumerate(free):
            fit = max((self._word_scores(w).get(p, 0.0) for p in props), default=0.0)
            pairs = ((free[k - 1], w) if k else None, (w, free[k + 1]) if k + 1 < len(free) else None)
            if any(pair and self._spells_initial(*pair, props) for pair in pairs):
                fit = 1.0
            total += fit
        return total

    def _spells_initial(self, a: str, b: str, props) -> bool:
        """'last name' spells out the initial of lname ('l name') for one of these properties."""
        return any(self.linker.spells_initial(a, b, p) for p in props)

    # ------------------------------------------------------------------ main entry
    def candidates(self, q: Question, links: Links) -> list[Candidate]:
        """Candidate queries, best first. "At least one" is read twice: as a count bounded below by one
        ("countries with at least one car maker") and as plain existence ("a list with at least one book from
        a Danish publisher"); both mean the same, and each shape reaches questions the other does not."""
        q = self._ordinal_of_time(q, links)
        cands = self._candidates(q, links)
        if q.cues.at_least_one:
            cands += self._candidates(dataclasses.replace(q, cues=dataclasses.replace(q.cues, compare=None)), links)
        out = self._feasible(self._who_agents(q, cands))
        for more in (self._either_order, self._event_times):  # 'A played B' in either order; 'when' of what is found
            extra = more(q, out)
            out = self._feasible(out + extra) if extra else out
        keys = self._order_keys(q)  # once per question, not per candidate
        return [
            dataclasses.replace(
                c,
                sparql=with_narrower(
                    with_subclasses(self._ordered(q, c.sparql, keys), self._superclasses), self._broader_concepts
                ),
            )
            for c in out[:MAX_CANDIDATES]
        ]

    @functools.cached_property
    def _broader_concepts(self) -> set[str]:
        """The concepts that other concepts are narrower than (skos:broader), found once per graph: a value among
        them is read with the concepts below it (`with_narrower`)."""
        rows = self._rows(f"SELECT DISTINCT ?c WHERE {{ ?n <{BROADER}> ?c . FILTER(isIRI(?c)) }}")
        return {r[0].value for r in rows if r[0] is not None}

    def _feasible(self, cands: list[Candidate]) -> list[Candidate]:
        """Best first, each query once, without those that cannot hold (a literal as subject, a join the
        schema rules out); ties in a fixed order, run to run."""
        seen, out = set(), []
        for c in sorted(cands, key=lambda c: (-c.score, c.sparql)):
            if (
                c.sparql not in seen
                and not self._literal_subject(c.sparql)
                and not impossible_join(c.sparql, self.schema)
            ):
                seen.add(c.sparql)
                out.append(c)
        return out

    def _ordinal_of_time(self, q: Question, links: Links) -> Question:
        """Read "the first student to register", "the last transcript" as a superlative of time, but only when the
        word after 'first'/'last' names a class whose things have a date or year of their own."""
        c = q.cues
        if c.ordinal is None or c.superlative is not None:
            return q
        direction, at = c.ordinal
        named = next((m.hits[0].iri for m in links.classes if m.start == at + 1), None)
        if named is None or not any(
            self._time_valued(p.iri) for p in self.schema.properties if any(k == named for k, _ in p.subject_classes)
        ):
            return q
        sup = (direction, "early" if direction == "ASC" else "late", at)
        return dataclasses.replace(q, cues=dataclasses.replace(c, superlative=sup))

    def _literal_subject(self, sparql: str) -> bool:
        return literal_subject(sparql, self.schema)

    def _read_question(self, q: Question, links: Links) -> list[str]:
        """The per-question state the shapes read (free words, compound heads, whether things are counted),
        set once; returns the free words."""
        self._class_mentions = links.classes  # the shapes read the classes named, never link again
        heads = _compound_heads(q, links)
        self._head_cls = {w: cls for w, (cls, _noun) in heads.items()}
        self._heads = list(self._head_cls)
        self._head_noun = {w: noun for w, (_cls, noun) in heads.items()}  # 'stadium' -> 'names' ('stadium names')
        o, sup = q.cues.ordinal, q.cues.superlative
        ranked_at = {o[1]} if o and sup and sup[2] == o[1] else set()  # "the last transcript": 'last' ranks
        # "less than 8 euros": the unit after the compared number belongs to the comparison, it asks for nothing
        # (not the currency either); a unit a number is named by ('more than 50 minutes', set_minutes) names it
        unit_at = {
            i
            for i in range(1, len(q.tokens))
            if q.tokens[i] == q.cues.unit and _is_number(q.tokens[i - 1]) and not self._names_a_number(q.tokens[i])
        }
        free = [i for i in links.free if i not in ranked_at | unit_at and i not in _key_words(q, links)]
        free_words = [q.tokens[i] for i in free] + self._heads + self.linker.acronyms(q, free)
        self._free = free_words
        self._opening = links.opening_verb(q.tokens)  # "who wrote ...": the verb asked with (reads.py)
        self._free_at = list(free)  # the question positions of the first free words (the others are added)
        near = [j for j in range(len(q.tokens)) if q.tokens[j].isalpha() and q.tokens[j] not in STOPWORDS]
        self._beside = {q.tokens[i]: {q.tokens[j] for j in (i - 1, i + 1) if j in near} for i in free}
        self._paired_cache: dict[str, dict[str, float]] = {}
        # "plays written by X": a participle before 'by' says how the things relate to X, it names no column
        self._agent_verbs = {
            q.tokens[i] for i in free if i + 1 < len(q.tokens) and q.tokens[i + 1] == "by" and verb_form(q.tokens[i])
        }
        self._phrases: dict[str, dict[str, float]] = {}
        sup = q.cues.superlative
        #: "the most car makers", "the most number of degrees": a class name follows, so things are counted
        self._most_things = bool(
            sup
            and any(
                0 <= m.start - sup[2] <= 2 and all(t in COUNT_NOUNS for t in q.tokens[sup[2] : m.start])
                for m in links.classes
            )
        )
        cmp_ = q.cues.compare
        #: "at least two paragraphs": the number is followed by a class name, so things are counted
        at = cmp_[2] if cmp_ else _range_at(q) if q.cues.between else -1
        self._compares_count = bool(
            at >= 0
            and not q.cues.compare_time
            and (
                any(at < m.start <= at + 4 and _counts_before(q.tokens, m.start) for m in links.classes)
                # "rented more than 3 times": the times are counted, whatever the rows that record them
                or any(t == "times" and _counts_before(q.tokens, k) for k, t in enumerate(q.tokens) if at < k <= at + 4)
            )
        )
        self._all_words = set(q.tokens)
        self._listed = _listed_words(q, links, free)
        # "in ascending order of net worth": the words of a sort name its key (_order_keys), not what is read
        sort_words = set(q.cues.order_by[1].split()) - self._listed if q.cues.order_by else set()
        self._free = free_words = [w for w in free_words if w not in sort_words]
        #: the words that may name what a superlative or comparison works on, besides a listed column
        rank_hint = sup[1] if sup else (comparative_adjective(q.tokens[cmp_[2]]) or "") if cmp_ else ""
        if cmp_ and not rank_hint:  # 'the name and built year of the ships built after 2010': the word the
            rank_hint = self._compared_token(q)  # comparison follows names the number too, though listed as well
        self._age_ranked = bool(sup and sup[1] in AGE_ADJECTIVES)  # 'the oldest': a date or year ranks
        self._unlisted = [w for w in free_words if w not in self._listed] + [
            n for h in rank_hint.split() for n in (h, *attribute_nouns(h))
        ]
        #: things the question names by their key ('template type code CV'): a join named after that key
        #: accounts for the key's words; one to a thing named otherwise ('Smith', a student) does not
        self._named_by_key = {
            h.iri
            for m in links.entities
            for h in m.hits
            if m.text and _norm_key(m.text) and _norm_key(m.text) in _norm_key(local_name(h.iri))
        }
        self._flags: list[tuple[str, str]] | None = None  # the yes/no properties the words state (_named_flags)
        self._reread: set[str] = set()  # texts searched ("whose names contain 'Al'") that are also read out
        self._shared_filters: dict[str, str] = {}  # a comparison -> the second one of a value two groups share
        self._leftover_cache: dict = {}
        self._word_cache: dict = {}
        return free_words

    def _candidates(self, q: Question, links: Links) -> list[Candidate]:
        free_words = self._read_question(q, links)
        scores = self.linker.property_scores(free_words)
        target_cls = self._target = self._target_class(q, links)
        #: the other classes the question names: paths may pass through them ("a part from a polish supplier")
        self._waypoints = [m.hits[0].iri for m in links.classes if m.hits[0].iri != target_cls]
        anchors = self._anchors(links)
        self._narrowed: set[int] = set()
        self._either_values: dict[str, str] = {}  # '?eitherK' -> the terms of 'A or B'
        self._any_names: set[int] = set()  # mentions that stand for every thing of their name (_any_named)
        cands: list[Candidate] = []

        ranked = q.cues.count or q.cues.superlative or q.cues.compare or q.cues.above_average
        cands += self._is_a(q, target_cls, anchors)
        if target_cls or len(anchors) >= 2 or (anchors and ranked):
            cands += self._constrained(q, target_cls, anchors, scores)
        if anchors:
            cands += self._around_anchor(q, anchors, scores, target_cls)
            cands += self._named_kind(q, anchors)
            if target_cls and q.cues.group is not None:
                # "for each supplier, the average price (in EUR)": groups, below the readings that keep the values
                cands += [
                    Candidate(c.sparql, c.score - 0.5 * len(anchors), c.shape + "+unanchored", c.parts)
                    for c in self._grouped(q, target_cls, scores)
                ]
                # "the members from Lyon and the number of trips each made": groups the stated things hold of
                held = self._grouped(q, target_cls, scores, self._disambiguate(anchors))
                if held and q.cues.count:  # "how many countries in each subregion of Europe": no one total
                    cands = [
                        c if "GROUP BY" in c.sparql else Candidate(c.sparql, c.score - 0.5, c.shape, c.parts)
                        for c in cands
                    ]
                cands += held
        if target_cls and not anchors:
            cands += self._having_named(q, target_cls, links, scores)
            cands += self._having_class(q, target_cls, links, scores)
            cands += self._class_only(q, target_cls, scores)
            cands += self._counted(q, target_cls, links, scores)
            named = {m.hits[0].iri for m in links.classes} - {target_cls}
            for other in self._better_owners(target_cls, scores) if _modifier(q, links, target_cls) else []:
                if other not in named and any(self._owned_words(n) >= self._owned_words(other) for n in named):
                    continue  # "architects who designed towers": the towers the words name carry 'designed'
                # "template type codes and descriptions": another class owns more of the named properties
                cands += [
                    Candidate(c.sparql, c.score - 0.2, c.shape + "+owner", c.parts)
                    for c in self._class_only(q, other, scores)
                ]
        if target_cls and anchors and (self._compares_count or self._most_things):
            cands += self._counted_among(q, target_cls, anchors, links, scores)
        if target_cls and anchors and q.tokens[:1] == ["who"]:
            # "Who is enrolled in a Bachelor degree program? List the first name ...": the class word is where
            # they are; the people asked for are the things that carry the named properties
            for other in self._better_owners(target_cls, scores)[:1]:
                cands += [
                    Candidate(c.sparql, c.score + 0.3, c.shape + "+owner", c.parts)
                    for c in self._constrained(q, other, anchors, scores)
                ]
        if not target_cls:
            cands = self._not_the_role_holders(q, cands + self._without_class(q, anchors, scores))
        if q.cues.negation and target_cls:
            negated = self._negated(q, target_cls, anchors, links, scores)
            if negated:  # the positive readings answer the opposite question
                cands = [Candidate(c.sparql, c.score - 0.5, c.shape, c.parts) for c in cands] + negated
        if len(anchors) >= 2 and (q.cues.comparative or q.cues.superlative):
            cands += self._compare_entities(q, anchors, scores)
        if len(anchors) >= 2 and q.cues.difference:
            cands += self._difference(q, anchors, scores)
        if anchors and target_cls and q.cues.comparative:
            than = self._than_any(q, target_cls, anchors, scores) or self._than_entity(q, target_cls, anchors, scores)
            if than:  # the readings that ignore the comparison answer another question
                cands = [Candidate(c.sparql, c.score - 0.3, c.shape, c.parts) for c in cands] + than
        if q.cues.comparative and q.cues.superlative:
            most = self._than_the_most(q, target_cls)
            if most:  # 'a larger accelerate than the car with the largest horsepower': the ranking sets the bound
                cands = [Candidate(c.sparql, c.score - 0.3, c.shape, c.parts) for c in cands] + most
        if len(anchors) >= 2 and q.cues.ask:
            cands += self._ask_between(anchors, scores)
        if anchors and q.cues.ask and q.cues.compare:
            cands += self._value_compared(q, anchors, scores)
        return cands + self._between_anchors(q, anchors, scores)

    def _between_anchors(self, q: Question, anchors, scores) -> list[Candidate]:
        """Shapes that read two named things (or two roles) against each other: 'the names of the mentors and
        of their mentees', 'which A is also a B', 'each of X and Y'."""
        if q.cues.ask:
            return []
        if not anchors:
            return self.two_roles(q)
        if len(anchors) >= 2:
            return self._which_namesake(q, anchors, scores) + self._each_of(q, anchors, scores)
        return []

    def _counted_among(self, q, cls, anchors, links, scores) -> list[Candidate]:
        """ "countries in Europe with at least 3 car makers": the things counted per ?x, among those the stated
        entities constrain (each by its best path); none when one of them has no path."""
        held, held_score = [], 0.0
        for k, (m, terms, lit) in enumerate(self._disambiguate(anchors)):
            best = self._paths(cls, terms[0], scores, lit)[:1]
            if not best:
                return []
            held += best[0].triples("?x", f"h{k}")
            held_score += m.score + best[0].score
        return self._counted(q, cls, links, scores, (held, held_score - 1.0 * len(anchors)))

    def _owners_of_named_properties(self, scores: dict[str, float], k: int = 2, floor: float = 0.6) -> list[str]:
        """The classes whose members carry the properties the words name best ('horsepower' -> cars)."""
        owners: list[str] = []
        for p, ps in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
            info = self.schema.prop(p)
            if ps < floor or p in SKIP_PROPS or info is None or not info.subject_classes:
                continue
            owner = info.subject_classes[0][0]
            if owner not in owners:
                owners.append(owner)
            if len(owners) >= k:
                break
        return owners

    def _owned_words(self, cls: str) -> int:
        """How many of the free words name a property that members of `cls` carry."""
        n = 0
        for w in self._free:
            for p, ps in self._word_scores(w).items():
                info = self.schema.prop(p) if ps >= 0.6 and p not in SKIP_PROPS else None
                if info and any(c == cls for c, _ in info.subject_classes):
                    n += 1
                    break
        return n

    def _better_owners(self, cls: str, scores: dict[str, float]) -> list[str]:
        """Classes whose members carry more of the named properties than the linked class's do."""
        mine = self._owned_words(cls)
        return [o for o in self._owners_of_named_properties(scores) if o != cls and self._owned_words(o) > mine]

    def _target_class(self, q: Question, links: Links) -> str | None:
        """The class the answer should belong to: a class word before the first entity, or right after 'which/how many'."""
        if q.tokens[:3] == ["how", "many", "times"]:
            # "how many times has the car X been rented": the rentals are counted, the class the verb names
            verbs = [q.tokens[i] for i in links.free if verb_form(q.tokens[i])]
            events = self._verb_classes(verbs, "", lemmas=True)
            if len(events) == 1:
                return events[0]
        if not links.classes:
            return None
        ranked = self._ranked_members(q, links)
        if ranked:
            return ranked
        before = {m.end: m for m in links.mentions if m.kind == "entity"}
        for m in links.classes:
            prev = before.get(m.start)
            if prev and m.hits[0].iri in self.linker.labels.types_of(prev.hits[0].iri):
                continue  # "the Research department": the class word types the entity before it
            if self._names_other_property(q, m) or self._names_key_of(q, m, links):
                continue
            if {"without", "no"} & set(q.tokens[max(0, m.start - 2) : m.start]):
                continue  # "any injection bought without a prescription": what is lacked is not what is asked
            if q.tokens[m.start] in q.cues.aggregate_of.values() and any(o.start > m.start for o in links.classes):
                continue  # "the total price of all services": the price is summed, the services are the things
            return m.hits[0].iri
        return None

    def _names_other_property(self, q: Question, m: Mention) -> bool:
        """'the template type description': the class word opens the exact name of a property that only
        things of other classes have, so it names that property, not the things asked for."""
        owners = next((o for o in self._labels_from(q, m) if o is not None), None)
        return owners is not None and m.hits[0].iri not in owners

    def _opens_property_name(self, q: Question, m: Mention) -> bool:
        """The class word and the words after it are a property's whole name ('product manager', also of 'has
        product manager')."""
        return any(o is not None for o in self._labels_from(q, m, "has "))

    def _labels_from(self, q: Question, m: Mention, prefix: str = ""):
        """For the words from the mention on, four, three then two of them: the classes owning a property with
        that label (with `prefix`, also that label after it: 'has product manager'), None where none has."""
        by_label = self._labels_owners()
        for k in (4, 3, 2):
            if m.start + k <= len(q.tokens):
                name = _norm_label(q.tokens[m.start : m.start + k])
                yield by_label.get(name, by_label.get(f"{prefix}{name}") if prefix else None)

    def _spelled_props(self, q: Question) -> set[str]:
        """Properties whose whole name, two words or more, the question writes out word for word."""
        text = " " + _norm_label(q.tokens) + " "
        return {
            p.iri
            for p in self.schema.properties
            if " " + self._norm_prop(p) + " " in text and " " in self._norm_prop(p)
        }

    def _norm_prop(self, p) -> str:
        if not hasattr(self, "_prop_norms"):
            self._prop_norms = {}
        if p.iri not in self._prop_norms:
            self._prop_norms[p.iri] = _norm_label(re.findall(r"[A-Za-z0-9]+", p.label))
        return self._prop_norms[p.iri]

    def _labels_owners(self) -> dict[str, set[str]]:
        """Property names of two words or more (normalised) -> the classes whose things use them or are its
        values ('mountain range' names the property and, as the class of its values, the ranges too)."""
        if not hasattr(self, "_label_owner_map"):
            out: dict[str, set[str]] = {}
            for p in self.schema.properties:
                key = _norm_label(re.findall(r"[A-Za-z0-9]+", p.label))
                if " " in key:
                    out.setdefault(key, set()).update(c for c, _ in p.subject_classes + p.object_classes)
            self._label_owner_map = out
        return self._label_owner_map

    def _names_key_of(self, q: Question, m: Mention, links: Links) -> bool:
        """'for template type code AD': the class word opens the name of the key that identifies the entity
        right after it (in the entity's own IRI), so it says which thing is meant, not what is asked."""
        nxt = next((e for e in links.entities if 0 < e.start - m.start <= 4), None)
        if nxt is None or nxt.start - m.start < 2 or not nxt.hits:
            return False
        iri = nxt.hits[0].iri
        if m.hits[0].iri in self.linker.labels.types_of(iri):
            return False
        key = _norm_key(" ".join(q.tokens[m.start : nxt.start]))
        return bool(key) and key in _norm_key(local_name(iri))

    def _ranked_members(self, q: Question, links: Links) -> str | None:
        """'the cheapest Encoder we can get from a french supplier': a superlative right before a named group
        (a category) ranks the group's members, so they are the answer, whatever class is named later; their
        class is the one most of the things linked to the group have (two at least). A class named before the
        superlative is still the answer's."""
        sup = q.cues.superlative
        if not sup or not sup[1] or any(c.start < sup[2] for c in links.classes):
            return None  # "which supplier delivers the most reliable Inductor": the class asked comes first
        m = next((m for m in links.mentions if m.kind == "entity" and m.start == sup[2] + 1), None)
        if m is None:
            return None
        rows = self._rows(
            f"SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p <{m.hits[0].iri}> . ?s a ?t . }} "
            "GROUP BY ?t ORDER BY DESC(?n) LIMIT 1"
        )
        return rows[0][0].value if rows and rows[0][0] is not None and int(rows[0][1].value) >= 2 else None

    def _anchors(self, links: Links) -> list[tuple[Mention, list[str], bool]]:
        """(mention, candidate terms in n3, literal?) for each entity or value mention.

        Several entities may share a name; a plural mention ("Lamps") prefers the
        most-referenced one (a category), otherwise the label index order holds.
        """
        out = []
        for m in links.mentions:
            if m.kind == "entity":
                iris = [h.iri for h in m.hits[:8]]
                if len(iris) > 1:
                    values = " ".join(f"<{i}>" for i in iris)
                    deg = {
                        r[0].value: int(r[1].value)
                        for r in self._rows(
                            f"SELECT ?e (COUNT(?s) AS ?n) WHERE {{ VALUES ?e {{ {values} }} ?s ?p ?e }} GROUP BY ?e"
                        )
                    }
                    iris.sort(key=lambda i: -deg.get(i, 0))
                out.append((m, [f"<{i}>" for i in iris[:3]], False))
            else:
                out.append((m, [m.hits[0].value_n3()], True))
        return out

    def _disambiguate(self, anchors):
        """When a name fits several entities, keep those connected to the other anchors."""
        if len(anchors) < 2:
            return anchors
        out = []
        for idx, (m, terms, lit) in enumerate(anchors):
            if len(terms) > 1 and not lit:
                others = [t for k, (_, ts, _) in enumerate(anchors) if k != idx for t in ts[:1]]
                keep = []
                for t in terms:
                    for o in others:
                        if o.startswith("<") and self._rows(
                            f"SELECT ?p WHERE {{ {{ {t} ?p {o} }} UNION {{ {o} ?p {t} }} }} LIMIT 1"
                        ):
                            keep.append(t)
                            break
                        if o.startswith('"') and self._rows(f"SELECT ?p WHERE {{ {t} ?p ?m . ?m ?q {o} }} LIMIT 1"):
                            keep.append(t)
                            break
                if keep and len(keep) < len(terms):
                    self._narrowed.add(id(m))
                out.append((m, keep or terms, lit))
            else:
                out.append((m, terms, lit))
        return out

    # ------------------------------------------------------------------ shapes
    def _wrap(
        self, q: Question, body: list[str], x: str, score: float, shape: str, cls: str | None, scores: dict[str, float]
    ) -> list[Candidate]:
        """`_wrap_one` on the base pattern and, when the words state values ("with 8 cylinders", "in 1974"),
        also on the pattern constrained to them."""
        measured, bonus = self._measured(q, body, x, cls, scores)
        if measured == body:
            return self._wrap_one(q, body, x, score, shape, cls, scores)
        # a reading that ignores a value the words state is the weaker one; one that ignores two of the things'
        # numbers compared with each other ("the away goals were more than the home goals") reads them as columns
        drop = 1.0 if q.cues.versus else 0.5
        split = OR_FIT if _value_or_compared(q) else 0.0  # 'or' between the two: both at once is the weaker reading
        out = self._wrap_one(q, body, x, score - drop, shape, cls, scores) + self._wrap_one(
            q, measured, x, score + bonus - split, shape + "+measure", cls, scores
        )
        if split:
            # "the cars with 8 cylinders or produced before 1980": the stated value or the comparison will do
            either = tuple(measured[len(body) :])
            out += self._wrap_one(q, body, x, score + bonus + OR_FIT, shape + "+measure+either", cls, scores, either)
        return out

    def _not_read_out(self, q: Question, scores: dict[str, float]) -> dict[str, float]:
        """'What is the maximum occupancy of the most expensive room?': the words before 'of the' + a superlative
        adjective name what is read out; the adjective says what ranks, so those words' properties do not. (An
        adjective of age or time ranks a date or year that may be read out as well.)"""
        sup = q.cues.superlative
        if not sup or not sup[1] or sup[1] in AGE_ADJECTIVES | TIME_ADJECTIVES:
            return scores
        at = sup[2]
        k = at - 1
        while k > 0 and q.tokens[k] in ("most", "least", "the", "a", "an"):
            k -= 1
        if k < 2 or q.tokens[k] != "of":
            return scores
        j = k
        while j > 0 and q.tokens[j - 1] not in STOPWORDS and q.tokens[j - 1] not in QUESTION_WORDS:
            j -= 1
        read = self.linker.property_scores(q.tokens[j:k]) if j < k else {}
        return {p: v for p, v in scores.items() if read.get(p, 0.0) < 0.6}

    def _wrap_one(
        self,
        q: Question,
        body: list[str],
        x: str,
        score: float,
        shape: str,
        cls: str | None,
        scores: dict[str, float],
        either: tuple[str, ...] = (),
    ) -> list[Candidate]:
        """Apply the question's cues (count, ask, superlative, comparison, aggregate) to a base pattern.

        Each cue turns the base into one or more cores (pattern text + properties it used); every
        core is then read out as ?x, a count, a yes/no, aggregates, or the columns the words ask for.
        `either`: triples that hold instead of the comparison ("8 cylinders or before 1980"); only with one.
        """
        c = q.cues
        if either and not c.compare:
            return []
        body_s = " ".join(body)
        used0 = self._words_used(body_s + " " + " ".join(either))
        cores: list[tuple[str, set[str], float, str, str]] = []  # (pattern, used properties, score, shape, tail)
        values: list[Candidate] = []
        # a number the words fix to one value ("with 12 teeth") is not what is ranked or compared
        fixed = set(re.findall(r"<([^<>\s]+)> \?q\d+ \.", body_s + " " + " ".join(either)))
        if c.superlative or c.compare or c.between or c.above_average:
            hint = c.superlative[1] if c.superlative else c.above_average[1] if c.above_average else ""
            if c.compare and not hint and c.compare[2] < len(q.tokens):
                hint = comparative_adjective(q.tokens[c.compare[2]]) or ""  # "older than 1": what 'old' measures
            timely = bool(c.compare_time and not c.superlative and not c.above_average)
            named = self._ranked_word(q)
            measure = (
                self._ranked_token(q) if c.superlative else self._compared_token(q) if c.compare or c.between else ""
            )
            rank_scores = self._not_read_out(q, scores)
            via = self._compared_class(q) - {cls} if timely else set()  # 'made a voyage before 2023'
            paths = self._numeric_paths(cls, body, "year" if timely else hint, rank_scores, timely, measure, via)
            amount = self._amount_named(q, paths) if c.superlative and not c.superlative[1] else None
            for np_ in self._own_first(q, cls, paths):
                if np_.steps[-1][0] in fixed or (self._compares_count and not c.superlative):
                    continue
                if c.compare and abs(c.compare[1]) < 100 and self._time_valued(np_.steps[-1][0]):
                    continue  # "who attended at least 4 times": no year or date is compared with 4
                np_ = dataclasses.replace(np_, score=np_.score + 0.5 * named.get(np_.steps[-1][0], 0.0))
                weak = c.superlative and not c.superlative[1] and np_.score < 0.5 and np_.steps != amount
                if c.superlative and (weak or self._most_things):
                    continue  # "the most books", "the most car makers" count things; a named number ranks
                num = _reuse_middle(np_.triples(x, "n"), body, x)
                # the word right after the superlative names what is ranked ("the smallest population"): ranking
                # by another number and reading that one out would count the word twice
                top = max(named, key=lambda p: (named[p], p), default=None)
                used = used0 | {st[0] for st in np_.steps}
                info = self.schema.prop(top) if top and named[top] >= 0.8 and top != np_.steps[-1][0] else None
                if info is not None and any(k == cls for k, _ in info.subject_classes):
                    used.add(top)
                ranked_agg = self._ranked_aggregate(q)
                if ranked_agg and x == "?x":
                    cores.append(
                        self._rank_by_aggregate(c, ranked_agg, body_s, num, used, score + np_.score + 0.3, shape)
                    )
                    continue
                core, value = self._ranking_core(q, body, x, np_, used, score + np_.score, shape, cls, timely, either)
                cores.append(core)
                values += value
            if c.superlative and self._superlative_in_a_name(q, body_s) and cores:
                # "which mountains did X climb first" with 'first ascent person': the word is one of the name
                # the pattern already uses, so the things themselves, unranked, are as good a reading and better
                cores.append((body_s, used0, max(k[2] for k in cores) + 0.05, shape, ""))
        else:
            cores.append((body_s, used0, score, shape, ""))
        return [f for core in cores for f in self._read_core(q, core, x, cls, scores, body)] + values

    def _read_core(self, q: Question, core, x: str, cls: str | None, scores, body: list[str]) -> list[Candidate]:
        """One core (pattern, used properties, score, shape, order-and-limit tail) read out as the words ask."""
        pat, used, s, shp, tail = core
        found = self._read_out(q, pat, used, x, s, shp, cls, scores, body)
        if "+rank-aggregate" in shp:  # "... and what is that average?": the aggregate beside the things
            again = sum(AGGREGATE_WORDS.get(t) is not None for t in q.tokens) >= 2
            found.append(
                Candidate(f"SELECT DISTINCT ?x ?agg WHERE {{ {pat} }}", s + (0.1 if again else -0.05), shp + "+value")
            )
        found += self._held_by_two(q, found, shp, cls)
        if tail:  # an order and a limit apply to the rows read out, not to a count or a yes/no
            found = [
                Candidate(f.sparql + tail, f.score, f.shape, f.parts)
                for f in found
                if f.sparql.startswith("SELECT") and "COUNT(" not in f.sparql
            ]
        return found

    def _constrained(self, q, cls, anchors, scores) -> list[Candidate]:
        """?x of the target class (if any) connected to every anchor by a 1- or 2-hop path."""
        anchors = self._disambiguate(self._any_named(q, cls, anchors))
        if not cls and any(id(m) in self._narrowed for m, _, _ in anchors):
            return []  # a name narrowed down by the others is the subject, not a constraint
        joined, either = _either(q, anchors)
        out = self._constrained_by(q, cls, joined, either | self._any_names, scores)
        if q.cues.ask and not cls and len(q.tokens) > 1 and any(m.start == 1 for m, _, _ in anchors):
            # "Is Kessburg the capital of Norland?": the yes/no is about the named thing itself; something
            # unnamed that both are linked to answers another question
            out = [Candidate(c.sparql, c.score - UNNAMED_SUBJECT, c.shape, c.parts) for c in out]
        joined, both = _either(q, anchors, "and")
        if both:
            # "the continents Asia and Europe" on a property each thing has once: the things of either
            out += [
                Candidate(c.sparql, c.score - 0.3, c.shape + "+union", c.parts)
                for c in self._constrained_by(q, cls, joined, both, scores, single=True)
            ]
        return out

    def _constrained_by(self, q, cls, anchors, either: set[int], scores, single: bool = False) -> list[Candidate]:
        """The constrained readings of these anchors (those in `either` merged into alternatives)."""
        per_anchor: list[list[Path]] = []
        base_score = 0.0
        for m, terms, lit in anchors:
            paths = []
            if id(m) in either:
                paths = self._either_paths(cls, terms, scores, lit, len(per_anchor) + (10 if single else 0), single)
            for k, t in enumerate(terms[:2] if id(m) not in either else []):
                for p in self._paths(cls, t, scores, lit):
                    p.score -= NAMESAKE_PENALTY * k  # a less-referenced namesake must fit clearly better
                    paths.append(p)
            if lit:
                self._named_before(q, m, paths)
            self._way_marked(q, m, paths)
            self._contained(q, m, paths)
            if len(anchors) == 1:  # with more named things, together they narrow the things down anyway
                self._plural_reach(q, cls, paths)
            if not paths:
                continue  # an anchor we cannot connect is left out (scored down below)
            paths.sort(key=lambda p: (-p.score, p.steps))
            per_anchor.append(paths[:3])
            base_score += m.score
        missing = len(anchors) - len(per_anchor)
        if not per_anchor and not cls:
            return []
        out = []
        combos = list(itertools.islice(itertools.product(*per_anchor), 12)) if per_anchor else [()]
        for combo in combos:
            body = [f"?x a <{cls}> ."] if cls else []
            for k, p in enumerate(combo):
                body += p.triples("?x", f"a{k}") + ([] if q.cues.ask else apart(p))
                if p.target.startswith("?either"):
                    body.append(f"VALUES {p.target} {{ {self._either_values[p.target]} }}")
            # each question word is explained once across the paths (one word must not count twice)
            props = {st[0] for p in combo for st in p.steps}
            penalties = sum(p.score - self._explain({st[0] for st in p.steps}) for p in combo)
            s = base_score + self._explain(props) + penalties + (CLASS_FIT if cls else 0) - 1.0 * missing
            split = _or_between(q, anchors) if len(combo) == len(anchors) == 2 and not missing else False
            if len(combo) == len(anchors) == 2 and combo[0].steps != combo[1].steps and _both_named(q, anchors):
                s -= BOTH_ALIKE  # "picked up vans at both A and B": the same link to each, not two links
            out += self._wrap(q, body, "?x", s - (OR_FIT if split else 0.0), "constrained", cls, scores)
            shared, hops = _share_nodes(body, combo)
            if hops:  # 'councillors who abstained on motion 4': one vote holds both; a hop to it adds no node
                out += self._wrap(q, shared, "?x", s + HOP_PENALTY * hops, "constrained+shared", cls, scores)
            if split:
                # "students who live in Haiti or have the phone number X": either constraint will do
                alts = [" ".join(p.triples("?x", f"a{k}")) for k, p in enumerate(combo)]
                union = [f"?x a <{cls}> ."] if cls else []
                union.append(" UNION ".join(f"{{ {a} }}" for a in alts))
                out += self._wrap(q, union, "?x", s + OR_FIT, "constrained+either", cls, scores)
        return out

    def _either_paths(self, cls, terms: list[str], scores, lit: bool, k: int, single: bool = False) -> list[Path]:
        """Paths that reach every one of 'A or B' the same way, ending at a variable that takes either;
        `single`: only where the last property holds one value per thing ('A and B' then means either)."""
        found = [{p.steps: p for p in self._paths(cls, t, scores, lit)} for t in terms]
        shared = [steps for steps in found[0] if all(steps in f for f in found[1:])]
        if single:
            shared = [st for st in shared if self._single_valued(st, cls)]
        var = f"?either{k}"
        self._either_values[var] = " ".join(terms)
        return [Path(steps, var, found[0][steps].score) for steps in shared]

    def _held_by_two(self, q: Question, found: list[Candidate], shape: str, cls: str | None) -> list[Candidate]:
        """A value read out that one thing of each of two kinds holds: 'the citizenship shared by singers born
        before 1945 and after 1955' (one of each group), 'the rooms with classes on both Monday and Friday' (one
        class each)."""
        out = [f for f in (_shared_by_two(f, self._shared_filters) for f in found) if f] if "+shared" in shape else []
        if "both" in q.tokens:
            out += [f for f in (self._both_values(f, cls) for f in found) if f is not None]
        return out

    def _both_values(self, cand: Candidate, cls: str | None) -> Candidate | None:
        """A value read out of things that hold two values of a property no thing holds twice: of one thing
        each, the value shared (the pattern twice, apart but for ?y, one stated value in each copy); None
        when the candidate reads no such value out."""
        head = "SELECT DISTINCT ?y WHERE { "
        if not cand.sparql.startswith(head):
            return None
        inner = cand.sparql[len(head) : cand.sparql.rindex("}")]
        stated = re.findall(r'\?x <([^<>\s]+)> ((?:"[^"]*"(?:\^\^<[^<>\s]+>|@[\w-]+)?)|<[^<>\s]+>) \.', inner)
        props = [p for p, _ in stated]
        twice = next((p for p in props if props.count(p) == 2), None)
        if twice is None or not self._single_valued(((twice, True),), cls) or re.search(r"\?y <", inner):
            return None
        (v1, v2) = [v for p, v in stated if p == twice]
        one, other = f"?x <{twice}> {v1} .", f"?x <{twice}> {v2} ."
        first = inner.replace(other, "", 1)
        second = _apart(inner.replace(one, "", 1), "_b")
        return Candidate(f"{head}{first} {second} }}", cand.score + 0.3, cand.shape + "+both", cand.parts)

    def _single_valued(self, steps: tuple[tuple[str, bool], ...], cls: str | None) -> bool:
        """No thing (of `cls`) reaches two values along these steps in the data: 'the continents Asia and Europe'
        may mean either, but a student reaches many pets' types ('who have both cats and dogs')."""
        typed = f"?s a <{cls}> . " if cls else ""
        a, b = Path(steps, "?a", 0.0).triples("?s", "a"), Path(steps, "?b", 0.0).triples("?s", "b")
        pattern = " ".join(a + b)
        return not self._rows(f"SELECT ?s WHERE {{ {typed}{pattern} FILTER(?a != ?b) }} LIMIT 1")

    def _around_anchor(self, q, anchors, scores, cls) -> list[Candidate]:
        """Attributes and neighbours of one anchor, one or two hops away."""
        anchors = self._disambiguate(anchors)
        cls_ = cls
        out = []
        when = q.cues.asks_time
        for m, terms, lit in anchors:
            if lit:
                continue
            narrowed = id(m) in self._narrowed
            others = 0 if narrowed else len(anchors) - 1
            bonus = sum(o.score for o, _, _ in anchors if o is not m) if narrowed else 0.0
            for k, t in enumerate(terms[:3]):
                base = m.score - NAMESAKE_PENALTY * k  # a less-referenced namesake must fit clearly better
                # "the name of airport 'AKO'": the class word names the anchor itself, not what is asked
                cls = None if cls_ and cls_ in self.linker.labels.types_of(t[1:-1]) else cls_
                if cls_ and cls is None:
                    out += self._identified(q, m, t, cls_, scores)
                elif not cls_ and self._asks_who_it_is(q, m):
                    out += self._identified(q, m, t, None, scores)
                adj = self._adjacent(t)
                cols = self._entity_columns(q, adj, t, m)
                if len(cols) >= 2:
                    # "the region and population of Angola": several attributes of one thing, side by side
                    s = base + bonus + self._explain({p for p, _ in cols}) - 0.6 * others
                    if cls and any(not lit and cls in self._classes_along(p) for p, lit in cols):
                        s += CLASS_FIT  # "the departure port and the arrival port of X": ports, by their names
                    out.append(Candidate(_column_select("", t, cols, self._object_name), s, "attribute+columns"))
                for p, fwd, n in adj:
                    info = self.schema.prop(p)
                    if cls and fwd and info is not None and info.is_literal:
                        continue  # a value is never a thing of the class
                    ps = self._explain({p})
                    trip = f"{t} <{p}> ?x ." if fwd else f"?x <{p}> {t} ."
                    flag = self._flag_values(p) if fwd and q.cues.ask and info is not None else None
                    if flag:  # "is Karsby coastal?": whether the yes/no property says yes, not whether it is set
                        trip = f"{t} <{p}> {dict(self._named_flags(q)).get(p, flag[0])} ."
                    body = [trip] + ([f"?x a <{cls}> ."] if cls else [])
                    s = base + bonus + ps - 0.6 * others - (0.1 if not fwd else 0)
                    if ps < 0.3 and self._asks_unknown(q):
                        s -= 0.6  # "the favourite colour of X": the words name nothing X has
                    if p in self._label_preds and ps < 0.5:
                        s -= 0.5  # the name the user just typed is not what they ask for, unless they say so
                    if fwd and ps < 0.5 and _named_as_asked(q, m):
                        s -= WHEN_FIT  # "which kettles are there": the things of that category, not what it has
                    if not fwd and _in_which_is(q, m):
                        s -= 2 * WHEN_FIT  # "in which town is X": what X is in, never what is in X
                    if fwd and _who_is_in(q, m):
                        s -= WHEN_FIT  # "who is in the Design team": what is in X, not what X has
                    said = self._verb_direction(q, m, p)
                    if said is not None:
                        s += WHEN_FIT if said == fwd else -WHEN_FIT  # "who reports to X": what reports to X
                    if when:
                        s += WHEN_FIT if self._about_time(p) else -WHEN_FIT
                    elif q.cues.asks_place and fwd and info is not None and not self._of_asked_kind(q, p):
                        s -= WHEN_FIT  # "where is Quayside Park?": not its capacity
                    elif q.cues.asks_person and fwd and info is not None and (info.is_numeric or self._about_time(p)):
                        s -= WHEN_FIT  # "who made the first ascent of X?": not the year of it
                    out += self._wrap(q, body, "?x", s, "attribute" if fwd else "reverse", cls, scores)
                    if fwd and ps >= 0.6 and not cls and not q.cues.ask:
                        out += self._through_value_node(q, t, p, s, scores)
                out += self._two_hops(q, m, t, adj, base + bonus - 0.6 * others, cls, scores)
        return out

    def _two_hops(self, q, m, t: str, adj, base: float, cls, scores) -> list[Candidate]:
        """Two hops from the anchor `t` when the question words match a property one step further, or the
        question writes out the whole name of a property the anchor's neighbours have ('the feature type name of
        feature AirCon': AirCon -> its feature type -> that type's name), or 'when'/'where' asks for a time or a
        place one hop on, or 'the A of the B of X' says two hops."""
        out: list[Candidate] = []
        when = q.cues.asks_time
        spelled = self._spelled_props(q) - {p for p, _, _ in adj}
        wants = when or q.cues.asks_place  # "where was the spouse of X born?": a time or place one hop on
        nested = _nested_of(q.tokens, m.start)  # "the mayor of the capital of X": the words say two hops
        for p1, fwd1, n1 in adj:
            info = self.schema.prop(p1)
            if n1 > 50 or (fwd1 and info is not None and info.iri_objects == 0):
                continue  # a literal is a dead end
            if not (spelled or wants or nested) and not any(v >= 0.8 for v in self._leftover({p1}).values()):
                continue  # nothing left in the question for a second hop to match
            mid = f"{t} <{p1}> ?m ." if fwd1 else f"?m <{p1}> {t} ."
            rows = self._rows(
                f"SELECT DISTINCT ?p ?d WHERE {{ {mid} {{ ?m ?p ?o BIND(1 AS ?d) }} "
                f"UNION {{ ?o ?p ?m BIND(0 AS ?d) }} FILTER(?o != {t}) }} LIMIT 60"
            )
            rest = self._leftover({p1})
            # 'when': of the times one hop on, the one the words fit best, however loosely ('born' for a date of
            # birth beside a date of death); a time is a narrow kind, a place is not
            times = [p2.value for p2, d2 in rows if d2.value == "1" and when and self._about_time(p2.value)]
            best_time = max(times, key=lambda p: (rest.get(p, 0.0), p), default=None)
            # 'the A of the B of X': of the things B leads to, their property that A fits best, however loosely
            onward = [p2.value for p2, d2 in rows if nested and d2.value == "1" and p2.value not in SKIP_PROPS]
            best_on = max(onward, key=lambda p: (rest.get(p, 0.0), p), default=None)
            for p2, d2 in rows:
                ps2 = rest.get(p2.value, 0.0)
                named = p2.value in spelled and d2.value == "1"
                fits = ps2 >= 0.3 or (p2.value == best_time and ps2 > 0.0)
                asked = wants and d2.value == "1" and fits and self._of_asked_kind(q, p2.value)
                spoken = p2.value == best_on and ps2 >= NESTED_FIT
                if (ps2 < 0.8 and not named and not asked and not spoken) or p2.value in SKIP_PROPS or p2.value == p1:
                    continue
                second = f"?m <{p2.value}> ?x ." if d2.value == "1" else f"?x <{p2.value}> ?m ."
                s = base + self._explain({p1, p2.value}) - HOP_PENALTY
                s += HOP_PENALTY if spoken else 0.0  # the two 'of's asked for the hop
                s += (SPELLED_BONUS if named else 0.0) + (WHEN_FIT if asked else 0.0)
                said = self._verb_direction(q, m, p2.value)
                if said is not None and said != (d2.value == "1"):
                    s -= WHEN_FIT  # "who works on Atlas": not what Atlas's members work for
                typed = [f"?x a <{cls}> ."] if cls else []
                totals = self._chain_totals(q, [mid, second], p2.value, d2.value == "1", s)
                out += totals + self._wrap(q, [mid, second] + typed, "?x", s - 0.5 * bool(totals), "chain", cls, scores)
        return out

    def _chain_totals(self, q: Question, body: list[str], prop: str, forward: bool, s: float) -> list[Candidate]:
        """'the total fine amount paid by X': the numbers a chain reaches, added up (or averaged, ...) as the
        words ask, rather than listed."""
        info = self.schema.prop(prop)
        if not q.cues.aggregates or q.cues.group is not None or not forward or info is None or not info.is_numeric:
            return []
        heads = " ".join(f"({a}(?x) AS ?{a.lower()})" for a in q.cues.aggregates)
        return [Candidate(f"SELECT {heads} WHERE {{ {' '.join(body)} }}", s + 0.1, "chain+aggregate")]

    def _superlative_in_a_name(self, q: Question, body: str) -> bool:
        """superlative_in_a_name for the properties by which the pattern reaches a named thing."""
        props = re.findall(r"<([^<>\s]+)> <[^<>\s]+> \.", body)
        return superlative_in_a_name(q, props, self.schema, self._word_scores)

    def _verb_direction(self, q: Question, m, prop: str) -> bool | None:
        """Which way the question's verb reads a property named by that verb ('reports to', 'leads', 'owned
        by'): True when the named thing `m` holds it (its subject), False when it points at `m`, None when no
        word of the question is that verb. 'Who reports to Bruno?' (the verb before the thing): what reports to
        Bruno; 'Who does Chen report to?' (after it): what Chen reports to; 'led by Bruno' (the verb then
        'by'): what Bruno leads; a name in the passive ('owned by') turns each round."""
        verb = self._verb_of(prop)
        at = [i for i, t in enumerate(q.tokens) if verb and not m.start <= i < m.end and verb_lemma(t) == verb[0]]
        if not at:
            return None
        i = at[0]
        agent = i < m.start and q.tokens[i + 1 : i + 2] == ["by"]  # 'projects led by Bruno': Bruno leads them
        subject = i >= m.end or agent
        return subject != verb[1]

    def _verb_of(self, prop: str) -> tuple[str, bool] | None:
        """(the verb, whether the name is passive) for an object property named as a relation: a verb then a
        preposition ('reports to', 'owned by') or one verb ('leads'); None for a noun ('director'). Once per
        property: it is asked for every property of every named thing."""
        if prop not in self._verbs:
            info = self.schema.prop(prop)
            words = (info.label or "").lower().split() if info is not None and not info.is_literal else []
            lemma = verb_lemma(words[0]) if words and len(words) <= 3 else None
            relation = words[-1] in RELATION_ENDS if len(words) > 1 else bool(words) and words[0].endswith("s")
            self._verbs[prop] = (lemma, words[-1] == "by") if lemma is not None and relation else None
        return self._verbs[prop]

    def _of_asked_kind(self, q: Question, prop: str) -> bool:
        """The property holds what 'when' or 'where' asks for: a time, or a place (no number, no time)."""
        if q.cues.asks_time:
            return self._about_time(prop)
        info = self.schema.prop(prop)
        if info is None or info.is_numeric or self._about_time(prop):
            return False
        # 'where is X based': not its founder; the things a property leads to that are all people are no place
        kinds = [split_name(local_name(c)) for c, _ in info.object_classes if not c.startswith(GENERIC_CLASSES)]
        return not (kinds and all(is_kind_of(k, "person") for k in kinds))

    def _about_time(self, prop: str) -> bool:
        """The property holds a time: a date, a year, or a text its name calls a date ('date_of_birth')."""
        if self._time_valued(prop):
            return True
        info = self.schema.prop(prop)
        label = info.label.lower().split() if info is not None else []
        return bool(TIME_WORDS & (set(split_name(local_name(prop)).split()) | set(label)))

    def _object_name(self, prop: str, subj: str, var: str) -> str | None:
        """The triples naming `subj`, a thing the property points to, in `var`, where its one class has a naming
        column (a port row's 'name'); None otherwise (its label is read)."""
        classes = self._classes_along(prop)
        return self._name_triples(next(iter(classes)), subj, var) if len(classes) == 1 else None

    def _entity_columns(self, q: Question, adj: list[tuple[str, bool, int]], t: str, m) -> list[tuple[str, bool]]:
        """The thing's own properties that two or more words joined by 'and' (or a comma) ask for: each
        word's best, each property once; not the ones whose value the question named the thing `t` by."""
        if q.cues.count or q.cues.ask or not ("and" in self._all_words or "," in q.text):
            return []
        skip = self._label_preds | self._named_by(q, t, m)
        own = {p for p, fwd, _ in adj if fwd and p not in SKIP_PROPS and p not in skip}
        cols: dict[str, bool] = {}
        for w in self._free:
            ws = self._paired_scores(w)  # 'the departure port and the arrival port': each word with 'port'
            best = max(own, key=lambda p: (ws.get(p, 0.0), p), default=None)
            if best is not None and ws.get(best, 0.0) >= 0.6 and best not in cols:
                info = self.schema.prop(best)
                cols[best] = info is None or info.is_literal
        return list(cols.items())[:6]

    def _asks_unknown(self, q: Question) -> bool:
        """A plain attribute question (no count, comparison, ranking or aggregate) with words left over
        that no property of the graph matches (none scores 0.3)."""
        c = q.cues
        shaped = c.count or c.superlative or c.compare or c.between or c.above_average or c.aggregates or c.ask
        if shaped or c.group is not None:
            return False
        return any(max(self._word_scores(w).values(), default=0.0) < 0.3 for w in self._free if not w.isdigit())

    def _through_value_node(self, q, t: str, p: str, s: float, scores) -> list[Candidate]:
        """'the price of X' where the price is a node (no label) holding an amount: read the amount."""
        rows = self._rows(
            f"SELECT ?p2 (COUNT(*) AS ?n) WHERE {{ {t} <{p}> ?m . ?m ?p2 ?v "
            f"FILTER(isIRI(?m) && isNumeric(?v)) FILTER NOT EXISTS {{ ?m <{RDFS_LABEL}> ?l }} }} "
            f"GROUP BY ?p2 ORDER BY DESC(?n) LIMIT 3"
        )
        out = []
        for k, (p2, _n) in enumerate(rows):
            if p2 is None:
                continue
            body = [f"{t} <{p}> ?m .", f"?m <{p2.value}> ?x ."]
            out += self._wrap(
                q, body, "?x", s + 0.15 + 0.1 * scores.get(p2.value, 0) - 0.05 * k, "value-node", None, scores
            )
        return out


def _or_between(q: Question, anchors: list) -> bool:
    """Two anchors with 'or' between them and other words too ('live in Haiti or have the number X'): two
    constraints of which either will do (an 'or' right between two names is merged into one anchor before)."""
    (m1, _, _), (m2, _, _) = sorted(anchors[:2], key=lambda a: a[0].start)
    return "or" in q.tokens[m1.end : m2.start]


def _both_named(q: Question, anchors: list) -> bool:
    """Two anchors said as 'both A and B' ("at both Northgate and Quayside")."""
    (m1, _, _), (m2, _, _) = sorted(anchors[:2], key=lambda a: a[0].start)
    return "both" in q.tokens[max(0, m1.start - 2) : m1.start] and q.tokens[m1.end : m2.start] == ["and"]


def _value_or_compared(q: Question) -> bool:
    """One stated value and one comparison with 'or' between them and no 'and' ("with 8 cylinders or produced
    before 1980"): two constraints of which either will do."""
    c = q.cues
    if not c.compare or c.superlative or c.between or c.also_compare or len(c.measures) != 1:
        return False
    lo, hi = sorted((c.measures[0][2], c.compare[2]))
    between = q.tokens[lo:hi]
    return "or" in between and "and" not in between


def _counts_before(toks: list[str], k: int) -> bool:
    """A number of things ends right before token k: "2 paragraphs", "2 or more paragraphs"."""
    if toks[k - 2 : k - 1] == ["or"] and toks[k - 1] in ("more", "fewer", "less"):
        k -= 2
    return k > 0 and _is_number(toks[k - 1])


def _either(q: Question, anchors: list, word: str = "or") -> tuple[list, set[int]]:
    """Anchors joined by 'or' ("English or Dutch") become one anchor whose terms are alternatives; the ids of
    those merged mentions are returned with them. With `word` 'and', anchors joined by 'and' alone."""
    out: list = []
    merged: set[int] = set()
    for m, terms, lit in sorted(anchors, key=lambda a: a[0].start):
        if out:
            pm, pterms, plit = out[-1]
            between = q.tokens[pm.end : m.start]
            joins = {"or", "the", "a", "an", "and"} if word == "or" else {"the", "a", "an", "and"}
            both = word == "and" and "both" in q.tokens[max(0, pm.start - 2) : pm.start]  # "both A and B": each
            if plit == lit and word in between and set(between) <= joins and not both:
                out[-1] = (pm, pterms[:1] + terms[:1] if id(pm) not in merged else pterms + terms[:1], lit)
                merged.add(id(pm))
                continue
        out.append((m, terms, lit))
    return out, merged


#: a triple of a pattern: subject, property IRI (no spaces: "?v <= 9) ?x <p>" is no triple), object (a
#: variable, an IRI or a literal with spaces)


def _key_words(q: Question, links: Links) -> set[int]:
    """The words right before an entity that name the key identifying it in its own IRI, opened by a class
    word ('template type code' before 'AD', whose IRI ends 'template_type_code=AD'): they say which thing is
    meant, not what to read. ('the template with type code PPT' keeps 'type code' for the join it names.)"""
    out: set[int] = set()
    opens = {m.start for m in links.classes}
    for e in links.entities:
        if not e.hits:
            continue
        name = _norm_key(local_name(e.hits[0].iri))
        for k in (4, 3, 2, 1):
            span = range(e.start - k, e.start)
            if (
                span.start < 0
                or span.start not in opens
                or any(len(q.tokens[i]) < 2 or q.tokens[i].lower() in STOPWORDS for i in span)
            ):
                continue
            key = _norm_key(" ".join(q.tokens[i] for i in span))
            if len(key) >= 4 and key in name:
                out.update(span)
                break
    return out


def _norm_label(words: list[str]) -> str:
    return " ".join(singular(w.lower()) for w in words)


def _norm_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _key_named_links(schema) -> set[str]:
    """Links between things whose name is a value property's name and more ('ref-document_id' when
    document_id holds values): tables made into a graph name a join after the key it joins on."""
    values = [set(split_name(local_name(p.iri)).split()) for p in schema.properties if p.is_literal]
    out = set()
    for p in schema.properties:
        if p.is_literal or not p.iri_objects:
            continue
        words = set(split_name(local_name(p.iri)).split())
        # two words or more ('document id'), or one key word run together ('stuid')
        if any((len(v) >= 2 or next(iter(v), "").endswith("id")) and v < words for v in values):
            out.add(p.iri)
    return out


def _role_words(schema) -> dict[str, frozenset[str]]:
    """Links of which a class has two or more to one other class ('ref-start_station_id', 'ref-end_station_id'),
    each with the words that tell it from the others ('start'): those words chose it, its other words ('station
    id') name the key it joins on."""
    ends: dict[tuple[str, str], list[str]] = {}
    for p in schema.properties:
        if not p.is_literal:
            for c, _ in p.subject_classes:
                for o, _ in p.object_classes:
                    ends.setdefault((c, o), []).append(p.iri)
    out: dict[str, frozenset[str]] = {}
    for links in ends.values():
        words = {p: set(split_name(local_name(p)).split()) for p in set(links)}
        for p, ws in words.items() if len(words) > 1 else ():
            own = ws - set.union(*(v for k, v in words.items() if k != p))
            if own:
                out[p] = frozenset(stem(w) for w in own)
    return out


def _named_as_asked(q: Question, m) -> bool:
    """The thing is named where the question names what it asks for: right after an opening 'which', 'what' or
    a request ('list the', 'show me the', 'give me all').

    >>> from kgquery.understand.text import analyse
    >>> from kgquery.understand.linking import Mention
    >>> _named_as_asked(analyse("Show me the cameras."), Mention(3, 4, "cameras", "entity", [], 1.0))
    True
    """
    k = m.start - 1
    while k > 0 and q.tokens[k] in ("the", "all", "me", "us", "a", "an"):
        k -= 1
    return k == 0 and q.tokens[0] in ("which", "what", "list", "show", "give", "name", "find", "display")


def _before_articles(toks: list[str], start: int, floor: int) -> int:
    """The position of the word before token `start` and the articles before it (not below `floor`)."""
    k = start - 1
    while k > floor and toks[k] in ("the", "a", "an"):
        k -= 1
    return k


def superlative_in_a_name(q: Question, props, schema, word_scores) -> bool:
    """The superlative's word ('first', 'last', 'highest') is a word of the name of one of `props`, and a word
    next to it names that property too ('climb first' and 'first ascent person'): the word belongs to that
    name and ranks nothing."""
    sup = q.cues.superlative
    if not sup or sup[2] >= len(q.tokens):
        return False
    at, word = sup[2], q.tokens[sup[2]]
    near = [q.tokens[i] for i in (at - 1, at + 1) if 0 <= i < len(q.tokens) and q.tokens[i] not in STOPWORDS]
    for p in props:
        info = schema.prop(p)
        names = set(split_name(local_name(p)).split()) | set((info.label or "").lower().split() if info else ())
        if word in names and any(word_scores(w).get(p, 0.0) >= 0.5 for w in near):
            return True
    return False


#: the words that end a property name read as a relation ('reports to', 'works for', 'owned by')
RELATION_ENDS = {"of", "for", "in", "to", "by", "with", "from", "at", "on"}


def _who_is_in(q: Question, m) -> bool:
    """'Who is in the Design team?', 'what is on the ground floor': the answer is in (at, on) the named thing,
    so it points at it; the named thing's own values answer another question.

    >>> from kgquery.understand.text import analyse
    >>> from kgquery.understand.linking import Mention
    >>> _who_is_in(analyse("Who is in the Design team?"), Mention(4, 6, "Design team", "entity", [], 1.0))
    True
    """
    toks = q.tokens
    k = _before_articles(toks, m.start, 1)
    if k < 1 or toks[k] not in ("in", "at", "on", "inside", "within"):
        return False
    # "show me everyone in the Design team": the one word before says someone, whoever
    someone = toks[k - 1] in ("everyone", "everybody", "anyone", "anybody", "someone", "somebody")
    if someone or k != 2:
        return someone
    # "who is in X", "what is on X"; "who works in Marketing", "who lives in Lyon": a verb of the someone asked
    return (toks[0] in ("who", "what") and toks[1] in ("is", "are", "was", "were")) or (
        toks[0] == "who" and verb_form(toks[1])
    )


def _in_which_is(q: Question, m) -> bool:
    """'In which town is the Old Mill Stage?', 'in what country is X located': the named thing is the subject; the
    answer is what it is in (not 'in which films did X star', where the answer points at it).

    >>> from kgquery.understand.text import analyse
    >>> from kgquery.understand.linking import Mention
    >>> q = analyse("In which town is the Old Mill Stage?")
    >>> _in_which_is(q, Mention(5, 8, "Old Mill Stage", "entity", [], 1.0))
    True
    """
    toks = q.tokens
    if toks[:1] != ["in"] or toks[1:2] not in (["which"], ["what"]):
        return False
    k = _before_articles(toks, m.start, 2)
    return k > 2 and toks[k] in ("is", "are", "was", "were")


def _nested_of(tokens: list[str], at: int) -> bool:
    """'the mayor of the capital of Norland': two 'of' phrases, each after a word, lead up to the name at `at`.

    >>> _nested_of("who is the mayor of the capital of norland".split(), 8)
    True
    >>> _nested_of("who is the mayor of norland".split(), 5)
    False
    """
    k, ofs = at - 1, 0
    while k >= 1 and ofs < 2:
        if tokens[k] == "the":
            k -= 1
        if k >= 1 and tokens[k] == "of" and tokens[k - 1] not in STOPWORDS and tokens[k - 1].isalpha():
            ofs, k = ofs + 1, k - 2
        else:
            break
    return ofs == 2


def _is_number(token: str) -> bool:
    return token.replace(".", "", 1).isdigit() or token in NUMBER_WORDS


def _modifier(q: Question, links: Links, cls: str) -> bool:
    """The class word is followed by a word of its own ('template type codes'): it may modify the phrase's
    head rather than be it, so a class owning the following words may be the one meant."""
    free = set(links.free)
    return any(m.hits[0].iri == cls and m.end in free and q.tokens[m.end] not in STOPWORDS for m in links.classes)


def _compound_heads(q: Question, links: Links) -> dict[str, tuple[str, str]]:
    """Class words that modify a following naming noun ('flight numbers', 'student ids'), with their class
    and that noun: the pair names a property of the class, so the class word also counts among the words
    properties must explain."""
    from ..graph.labels import NAME_WORDS

    free = set(links.free)
    out: dict[str, str] = {}
    for m in links.classes:
        nxt = q.tokens[m.end] if m.end < len(q.tokens) else ""
        if m.end in free and m.end - m.start == 1 and singular(nxt) in NAME_WORDS | {"number"}:
            out.setdefault(q.tokens[m.start], (m.hits[0].iri, nxt))
    return out


def _shared_by_two(cand: Candidate, filters: dict[str, str]) -> Candidate | None:
    """A value read out of things that one comparison picks, also held by things the second comparison
    picks: the pattern twice, its variables apart but the value read out (?y), the second copy with the
    second comparison. None for a candidate that reads out no such value."""
    head = "SELECT DISTINCT ?y WHERE { "
    flt = next((f for f in filters if f in cand.sparql), None)
    if not cand.sparql.startswith(head) or flt is None:
        return None
    inner = cand.sparql[len(head) : cand.sparql.rindex("}")]
    apart, second, first = _apart(inner, "_s"), _apart(filters[flt], "_s", ""), _apart(flt, "_s", "")
    return Candidate(
        f"{head}{inner} {apart.replace(first, second)} }}", cand.score + 0.3, cand.shape + "+both", cand.parts
    )
