"""Read-outs of the embedded generator: one core pattern turned into what the question asks for: the
matches, their names, the columns the words name, an attribute of them, a count, aggregates or a yes/no."""

from __future__ import annotations

import re

from ..graph.labels import LABEL_PREDICATES
from ..graph.schema import local_name, split_name
from ..understand.lexicon import derived_nouns
from ..understand.linking import ID_WORDS, Links
from ..understand.text import QUESTION_WORDS, STOPWORDS, Question, singular, stem
from ..wording import verb_form, verb_lemma
from .candidate import RDFS_LABEL, SKIP_PROPS, TRIPLE, Candidate, Path, _reuse_middle
from .paths import HOP_PENALTY

#: a read giving other things than the class the question asks for ("which books ..."): more than a word
#: naming the property fully gains
ASKED_CLASS_PENALTY = 1.0
#: a read through a "<noun> of" property when the question names that noun: its values are not such things
OF_NOUN_PENALTY = 0.4
#: what a list of the things loses when an opening 'who'/'what' verb acts on their class ("who founded a company")
OBJECT_OF_VERB = 0.5
#: what a property gains when the noun asked for ('which customers', 'what colour') names it: a word scores up
#: to 1.0, so a tenth puts the asked word's property before one a verb or a word elsewhere names alike
ASKED_WORD_BONUS = 0.1
#: words that ask for the different values themselves to be counted ('how many different ages'), not added up
DISTINCT_WORDS = {"different", "distinct", "unique", "various", "kinds", "types", "values"}


class ReadShapes:
    """Mixed into EmbeddedGenerator; uses its _leftover, _word_scores, _numeric_paths, _reach_attribute,
    _free, _all_words, _heads, _head_noun, linker and schema."""

    def _read_out(self, q, pat, used, x, s, shape, cls, scores, body) -> list[Candidate]:
        """Turn one core pattern into the SELECT/ASK forms the question asks for."""
        c = q.cues
        if c.ask:
            return [Candidate(f"ASK {{ {pat} }}", s, shape + "+ask")]
        if c.aggregates and not c.count and not c.superlative:
            out = self._aggregate_reads(q, pat, x, s, shape, cls, scores, body)
            if out:
                return out
        if c.count:
            return self._count_reads(q, pat, used, x, s, shape, cls, scores, body)
        return self._list_reads(q, pat, used, x, s, shape, cls) + self._two_owners(q, pat, x, s, shape, cls)

    def _two_owners(self, q, pat, x, s, shape, cls) -> list[Candidate]:
        """'the names of players and the names of their teams', 'titles of songs and names of singers': a value
        of the matches beside a value of the things of another class the words name, reached over links."""
        phrases = _two_of_phrases(q.tokens) if cls else None
        if phrases is None:
            return []
        (w1, _), (w2, at2) = phrases
        other = next((m.hits[0].iri for m in self._class_mentions if m.start >= at2 and m.hits[0].iri != cls), None)
        p1, s1 = self._owned_by(w1, cls)
        p2, s2 = self._owned_by(w2, other) if other else (None, 0.0)
        steps = self._reach_attribute(cls, p2)[:1] if p1 and p2 else []
        hop = self._name_hop(other) if p1 and other and not p2 else None
        if hop and self._word_scores(w2).get(hop[1], 0.0) >= 0.6:  # "the name of its trainer": its person's
            to_other = self._schema_steps(cls, other, 2, 20)
            steps = [min(to_other, key=len) + ((hop[0], True), (hop[1], True))] if to_other else []
            s2 = self._word_scores(w2)[hop[1]]
        if not steps:
            return []
        hops = " ".join(Path(steps[0], "?z", 0.0).triples(x, "r"))
        sparql = f"SELECT DISTINCT ?y ?z WHERE {{ {pat} {x} <{p1}> ?y . {hops} }}"
        return [Candidate(sparql, s + 0.5 * (s1 + s2) + 0.1, shape + "+two-owners")]

    def _owned_by(self, word: str, cls: str) -> tuple[str | None, float]:
        """The property of `cls`'s things that `word` names best (score >= 0.6), and its score."""
        scores = self._word_scores(word)
        owned = [
            (v, p)
            for p, v in scores.items()
            if v >= 0.6 and (info := self.schema.prop(p)) is not None and any(k == cls for k, _ in info.subject_classes)
        ]
        return (max(owned)[1], max(owned)[0]) if owned else (None, 0.0)

    def _aggregate_reads(self, q, pat, x, s, shape, cls, scores, body) -> list[Candidate]:
        """AVG/SUM/MIN/MAX over the number the words name (all over one, or each over its own word)."""
        c = q.cues
        out: list[Candidate] = []
        fixed = set(re.findall(r"<([^<>\s]+)> \?q\d+ \.", pat))  # "with 4 cylinders": not what is averaged
        # "the average citations of publications from after 2020": the filtered year holds ?v already
        v = "?num" if re.search(r"\?v\b", pat) else "?v"
        for np_ in self._numeric_paths(cls, body, "", scores):
            if np_.score >= 0.6 and np_.steps[-1][0] not in fixed:
                num = " ".join(_reuse_middle(np_.at(v).triples(x, "n"), body, x))
                heads = " ".join(f"({a}({v}) AS ?{a.lower()})" for a in c.aggregates)
                where = _each_once(pat, num, x)
                out.append(Candidate(f"SELECT {heads} WHERE {{ {where} }}", s + np_.score + 0.3, shape + "+aggregate"))
        own = self._aggregates_of_words(q, body, x, cls)
        if own:  # "the minimum weight", "total population and average area": each of its own word
            where = _each_once(pat, own[1], x)
            out.append(Candidate(f"SELECT {own[0]} WHERE {{ {where} }}", s + own[2] + 0.35, shape + "+aggregate"))
        return out

    def _count_reads(self, q, pat, used, x, s, shape, cls, scores, body) -> list[Candidate]:
        """A count of the matches, of the values of a property ('how many different types'), or a stored number."""
        out: list[Candidate] = []
        if len(body) == 1 and self._is_number_attribute(body[0], x, scores):
            # "how many people live in X?": the number is stored, not counted
            out.append(Candidate(f"SELECT DISTINCT {x} WHERE {{ {pat} }}", s + 0.2, shape + "+value"))
            s -= 0.3
        counted = _counted_words(q)
        # "how many flights ...": the words counted name the class of the matches, so the matches are counted,
        # not the values of a property those words also fit (the flight numbers)
        things = bool(counted) and any(self._names_class(q, w, cls) for w in {counted[0], _counted_head(q)})
        valued = [] if things else sorted(self._leftover(used).items(), key=lambda kv: (-kv[1], kv[0]))[:2]
        for p, ps in valued:
            info = self.schema.prop(p)
            if counted and not any(self._word_scores(w).get(p, 0.0) >= 0.5 for w in counted):
                continue  # "how many cars were built": the cars are counted, not the dates they were built
            if (
                ps >= 0.6
                and p not in used
                and p not in SKIP_PROPS
                and info
                and info.is_literal
                and (not cls or any(k == cls for k, _ in info.subject_classes))
            ):
                # "how many different types of pet": the values of a property are counted, not the things
                summed = info.is_numeric and not self._identifier_number(p) and not DISTINCT_WORDS & set(q.tokens)
                out.append(
                    Candidate(
                        f"SELECT (COUNT(DISTINCT ?y) AS ?count) WHERE {{ {pat} {x} <{p}> ?y . }}",
                        s + ps - (0.4 if summed else 0.2),
                        shape + "+count-values",
                    )
                )
                if summed:
                    # "how many pages do the mystery books have": the amounts are added up
                    out.append(
                        Candidate(
                            f"SELECT (SUM(?y) AS ?sum) WHERE {{ {pat} {x} <{p}> ?y . }}",
                            s + ps - 0.1,
                            shape + "+sum-values",
                        )
                    )
        amount = self._amount_counted(q, used, cls)
        if amount:  # "how many people live in the Gelderland district": its cities' populations added up
            out.append(
                Candidate(
                    f"SELECT (SUM(?y) AS ?sum) WHERE {{ {pat} {x} <{amount}> ?y . }}", s + 0.2, shape + "+sum-amount"
                )
            )
        return out + [Candidate(f"SELECT (COUNT(DISTINCT {x}) AS ?count) WHERE {{ {pat} }}", s, shape + "+count")]

    def _amount_counted(self, q, used: set[str], cls) -> str | None:
        """The numeric property that the noun after 'how many' names, when that noun names no class of the
        graph (nothing here is a 'people' to count) and, of the matches' numbers, only that one fits it however
        loosely ('people': a population): the matches hold the amount rather than being counted."""
        key = ("amount", frozenset(used), cls)  # read once per core pattern, the same for each
        if key not in self._leftover_cache:
            self._leftover_cache[key] = self._find_amount(q, used, cls)
        return self._leftover_cache[key]

    def _find_amount(self, q, used: set[str], cls) -> str | None:
        words = _counted_words(q)
        if (
            not words
            or words[-1] == "times"
            or any(w in m.text.lower().split() for m in self._class_mentions for w in words)
        ):
            return None
        owners = {cls} if cls else {k for p in used for k, _ in getattr(self.schema.prop(p), "subject_classes", [])}
        fits = [self._word_scores(w) for w in words]
        nums = [
            (max(f.get(p.iri, 0.0) for f in fits), p.iri)
            for p in self.schema.properties
            if p.is_numeric and p.iri not in used and any(k in owners for k, _ in p.subject_classes)
        ]
        nums.sort(reverse=True)
        if not nums or nums[0][0] < 0.25 or (len(nums) > 1 and nums[1][0] > nums[0][0] - 0.15):
            return None
        return nums[0][1] if not self._identifier_number(nums[0][1]) else None

    def _verbs_of_path(self, pat: str) -> frozenset[str]:
        """The free verbs whose WordNet noun names a class the pattern passes through ('semesters that had
        students enrolled' through enrolment rows): the path says them, so they name nothing to read out."""
        classes = set(re.findall(r"\ba <([^<>\s]+)>", pat))
        for _s, p, _o in TRIPLE.findall(pat):
            info = self.schema.prop(p)
            if info is not None and not info.is_literal:
                classes |= {c for c, _ in info.subject_classes[:1] + info.object_classes[:1]}
        words = {w for c in classes for w in self.linker._class_words(c)}
        return frozenset(w for w in self._free if verb_form(w) and any(stem(n) in words for n in derived_nouns(w)))

    def _list_reads(self, q, pat, used, x, s, shape, cls) -> list[Candidate]:
        """The matches, their names, the columns the words ask for, or an attribute of them."""
        c = q.cues
        opening = self._opening_verb(q, cls)
        out = self._the_matches(pat, used, x, s - (OBJECT_OF_VERB if opening else 0.0), shape, cls, q)
        # the words may ask for properties of the matches rather than the matches themselves
        cols = self._columns(cls, used, pat)
        if len(cols) >= 2:
            # "their names" read as the first and last name: one word, both columns (more than either one)
            whole = 0.3 if cls and [p for p, _ in cols] == self._name_parts(cls) else 0.0
            out.append(
                Candidate(_column_select(pat, x, cols), s + 0.5 * self._words_covered(cols) + whole, shape + "+columns")
            )
        asked = self._asked_word(q)
        # "which books were written by authors born ...": the class word asked names the answer, so other
        # things the matches lead to are not what is asked
        asks_cls = asked is not None and asked not in self._free and self._names_class(q, asked, cls)
        asked = asked if asked in self._free else None  # a class word ("which products") is not a property's

        # of two properties named alike ("template id"), the one the matches' class has
        def own_(p: str) -> float:
            info = self.schema.prop(p)
            return 0.0 if not cls or info is None or any(k == cls for k, _ in info.subject_classes) else 0.1

        sup = c.superlative
        # "what is the highest mountain": the ranking spends 'highest', which names no attribute to read out
        spent = frozenset({q.tokens[sup[2]]}) if sup and sup[1] and ("MAX(" in pat or "MIN(" in pat) else frozenset()
        spent |= self._verbs_of_path(pat) | self._role_spent(pat)
        for p, ps in sorted(self._leftover(used, spent).items(), key=lambda kv: -kv[1] + own_(kv[0]))[:3]:
            if p in LABEL_PREDICATES and not {"label", "labels"} & set(self._free):
                continue  # "the names of the countries ...": the things themselves, shown by their labels
            ps, named_by_asked = self._named_by_asked(asked, p, ps)
            if opening and ps >= 0.5 and self._word_scores(opening).get(p, 0.0) >= 0.5:
                ps = max(ps, 0.8)  # "who wrote the longest book": the verb asked with names what is read out
            # of two properties one word names fully ("song names": name, song name), the one more words name
            ps += 0.01 * max(0, sum(self._word_scores(w).get(p, 0.0) >= 0.6 for w in self._free if w not in spent) - 1)
            if ps >= 0.8 and p not in used and p not in SKIP_PROPS:
                info, own = self.schema.prop(p), own_(p)
                # the things this read gives (the values, or the things pointing at the matches) are not of the
                # class asked for
                away = asks_cls and info is not None and not info.is_literal and cls not in dict(info.object_classes)
                back = asks_cls and info is not None and cls not in dict(info.subject_classes)
                own += ASKED_CLASS_PENALTY if away else 0.0
                # "the members of the Data team" and a property 'member of': its values are what one is a member
                # of, never the members
                own += OF_NOUN_PENALTY if self._names_its_subject(p) else 0.0
                # "who works on Atlas": who works, not what the things found work for
                own += OBJECT_OF_VERB if self._asks_its_subject(q, p) else 0.0
                out.append(
                    Candidate(
                        f"SELECT DISTINCT ?y WHERE {{ {pat} {x} <{p}> ?y . }}",
                        s + ps + named_by_asked - 0.2 - own,
                        shape + "+attribute",
                    )
                )
                if self._possessive(q) or self._second_question(q):  # "all countries and their population"
                    out.append(self._thing_beside(pat, x, p, cls, s + ps - 0.1 - own, shape))
                if info is None or info.iri_objects:
                    out.append(
                        Candidate(
                            f"SELECT DISTINCT ?y WHERE {{ {pat} ?y <{p}> {x} . }}",
                            s + ps - 0.3 - (ASKED_CLASS_PENALTY if back else 0.0),
                            shape + "+attribute",
                        )
                    )
                if c.unit and self._word_scores(c.unit).get(p, 0.0) >= ps:
                    continue  # "less than 8 euros": the unit of a compared number, not a thing to list
                reach = s + ps - 0.2 - (ASKED_CLASS_PENALTY if away else 0.0) + self._named_holder(info, cls)
                for steps in self._reach_attribute(cls, p) if cls else []:
                    # the matches have no such property, the things they lead to do
                    hops = " ".join(Path(steps, "?y", 0.0).triples(x, "r"))
                    out.append(
                        Candidate(
                            f"SELECT DISTINCT ?y WHERE {{ {pat} {hops} }}",
                            reach - HOP_PENALTY * (len(steps) - 1),
                            shape + "+reached",
                        )
                    )
        return out

    def _aggregates_of_words(
        self, q: Question, body: list[str], x: str, cls: str | None
    ) -> tuple[str, str, float] | None:
        """(heads, triples, mean score) with each aggregate over the number its own word names, or None
        when a word names no number of these things."""
        heads, triples, fits = [], [], []
        for k, agg in enumerate(q.cues.aggregates):
            word = q.cues.aggregate_of.get(agg)
            paths = [p for p in self._numeric_paths(cls, body, word, {}) if p.score >= 0.6] if word else []
            if not paths:
                return None
            path = paths[0].at(f"?a{k}")
            triples += _reuse_middle(path.triples(x, f"g{k}"), body, x)
            heads.append(f"({agg}(?a{k}) AS ?{agg.lower()})")
            fits.append(path.score)
        return (" ".join(heads), " ".join(triples), sum(fits) / len(fits)) if heads else None

    def _named_by_asked(self, asked: str | None, p: str, ps: float) -> tuple[float, float]:
        """(the property's score, what reading its values out gains) when the word the question asks for names
        it ("in which cities"): the values read out come before what a word elsewhere names ("which customers
        ordered X": the customer's name, not the order's id the verb names); the things holding them gain
        nothing ('which mayor': the mayors are the values of 'mayor', not the cities)."""
        if asked and ps >= 0.5 and self._word_scores(asked).get(p, 0.0) >= 0.5:
            return max(ps, 0.8), ASKED_WORD_BONUS
        return ps, 0.0

    @staticmethod
    def _asked_word(q: Question) -> str | None:
        """The noun right after 'which' / 'what' ("in which cities", "what colour"): what the answer is."""
        for i, t in enumerate(q.tokens[:-1]):
            if t in ("which", "what"):
                nxt = q.tokens[i + 1]
                return nxt if nxt not in STOPWORDS else None
        return None

    def _the_matches(self, pat, used, x, s, shape, cls, q) -> list[Candidate]:
        """The matches themselves, and by their name where they have no label (or by the names a link of theirs
        leads to, for rows with no name). `s` is lower where an opening verb acts on their class ("who founded a
        company in X": the company is not the answer)."""
        out = [Candidate(f"SELECT DISTINCT {x} WHERE {{ {pat} }}", s, shape)]
        out += self._linked_by_name(q, pat, used, x, s, shape, cls)
        held = cls or self._class_held(pat, x)
        named = self._name_triples(held, x, "?name")
        if named and self._display_name(held) not in used:
            # things without a label are known to people by their name: answer with it
            out.append(Candidate(f"SELECT DISTINCT ?name WHERE {{ {pat} {named} }}", s + 0.05, shape + "+name"))
        return out

    def _class_held(self, pat: str, x: str) -> str | None:
        """The one class whose things hold the first property the pattern gives `x` ("who is the youngest
        goalkeeper": the things whose position is 'Goalkeeper' are players), None when several or none do."""
        m = re.search(rf"{re.escape(x)} <([^<>\s]+)> ", pat)
        info = self.schema.prop(m.group(1)) if m else None
        return info.subject_classes[0][0] if info is not None and len(info.subject_classes) == 1 else None

    def _asks_its_subject(self, q: Question, p: str) -> bool:
        """The question opens with 'who' (or 'what') and the verb that names `p` in the active ('who works
        on X' and 'works for'): it asks for the one who does it, so reading out what `p` points at answers
        another question."""
        verb = self._verb_of(p)
        opening = q.tokens[:2] if q.tokens[:1] in (["who"], ["what"]) else []
        return bool(verb and not verb[1] and len(opening) == 2 and verb_lemma(opening[1]) == verb[0])

    def _opening_verb(self, q: Question, cls: str | None) -> str | None:
        """The verb after an opening 'who' / 'what' (Links.opening_verb) when the question then names the class
        of the things found ("who wrote the longest book"): it asks for what relates to those things."""
        if self._opening and cls and any(m.start > 1 and m.hits[0].iri == cls for m in self._class_mentions):
            return self._opening
        return None

    def _named_holder(self, info, cls: str | None) -> float:
        """A small lead for a property whose things are of a class the words name (other than the matches'
        own, `cls`): of two things a link leads to, the one the words name holds what is read out ("who had
        the shortest appointment? give the patient names")."""
        holders = dict(info.subject_classes) if info is not None else {}
        named = any(h.iri in holders and h.iri != cls for m in self._class_mentions for h in m.hits)
        return 0.05 if named else 0.0

    def _names_class(self, q: Question, word: str, cls: str | None) -> bool:
        """`word` is a word of a class mention that names `cls`."""
        return bool(cls) and any(
            word in q.tokens[m.start : m.end] and any(h.iri == cls for h in m.hits) for m in self._class_mentions
        )

    def _thing_beside(self, pat: str, x: str, p: str, cls: str | None, score: float, shape: str) -> Candidate:
        """Each thing beside its value of `p`; rows with no label are shown by their name column."""
        named = self._display_name(cls)
        thing, by_name = ("?n", f"{x} <{named}> ?n . ") if named and named != p else (x, "")
        sparql = f"SELECT DISTINCT {thing} ?y WHERE {{ {pat} {x} <{p}> ?y . {by_name}}}"
        return Candidate(sparql, score, shape + "+thing+attribute")

    @staticmethod
    def _possessive(q: Question) -> bool:
        """'... and their population', 'with its year': the things are asked for beside a value of theirs."""
        return any(
            t in ("their", "its") and i > 0 and q.tokens[i - 1] in ("and", "with", "along")
            for i, t in enumerate(q.tokens)
        )

    def _second_question(self, q: Question) -> bool:
        """'what is the deepest port, and in which country is it': a first question that ends on a class word
        (or opens 'which ship') and a second one about the same thing ('it', 'its') ask for the thing and the
        value side by side ('the largest grant amount, and which agency gave it' asks for an amount)."""
        toks, ends = q.tokens, {m.end for m in self._class_mentions}
        asked = toks[:1] in (["which"], ["what"]) and any(m.start == 1 for m in self._class_mentions)  # 'which ship'
        return any(
            t == "and"
            and (i in ends or asked)
            and any(w in QUESTION_WORDS for w in toks[i + 1 : i + 3])
            and any(w in ("it", "they", "them", "its", "their") for w in toks[i + 2 :])
            for i, t in enumerate(toks)
        )

    def _words_covered(self, cols: list[tuple[str, bool]]) -> int:
        """How many free words the columns answer (several columns sharing one word count once)."""
        return sum(1 for w in self._free if any(self._word_scores(w).get(p, 0.0) >= 0.6 for p, _ in cols))

    def _names_its_subject(self, prop: str) -> bool:
        """The property is named '<noun> of' ('member of', 'capital of') and a free word is that noun: the word
        names the things holding the property, not its values."""
        label = split_name(self.linker.labels.label_of(prop)).lower().split()
        if len(label) < 2 or label[-1] != "of":
            return False
        return any(singular(w) == label[-2] for w in self._free)

    def _order_keys(self, q: Question) -> list[str]:
        """The properties the words of a sort name ('ordered by net worth'), best first; [] without any."""
        words = q.cues.order_by[1] if q.cues.order_by else ""
        if not words:
            return []
        named = sorted(
            ((v, p) for p, v in self.linker.property_scores(words.split()).items() if v >= 0.6), reverse=True
        )
        if not named and len(words.split()) == 1:
            # "cheapest first": the number the adjective is nearest to in meaning, when clearly the nearest
            near = sorted(
                (
                    (v, p)
                    for p, v in self.linker.similarities([words]).items()
                    if (i := self.schema.prop(p)) and i.is_numeric
                ),
                reverse=True,
            )
            if near and near[0][0] >= 0.45 and (len(near) == 1 or near[0][0] - near[1][0] >= 0.1):
                named = near[:1]
        return [p for _, p in named]

    def _ordered(self, q: Question, sparql: str, keys: list[str]) -> str:
        """'ordered by age', 'in reverse alphabetical order': the rows sorted by the first of `keys` (the
        properties the key words name) read out already or fetched beside them, else by the first column;
        the set is the same."""
        if not q.cues.order_by or not sparql.startswith("SELECT") or not sparql.endswith("}"):
            return sparql
        if re.search(r"\b(ORDER|GROUP) BY\b|\b(COUNT|SUM|AVG|MIN|MAX)\(", sparql):
            return sparql
        direction = q.cues.order_by[0]
        head = re.match(r"SELECT (?:DISTINCT )?((?:\?\w+ ?)+) WHERE", sparql)
        if head is None:
            return sparql
        key = head.group(1).split()[0]
        for prop in keys:
            m = re.search(rf"\?x <{re.escape(prop)}> (\?\w+) \.", sparql)
            if m:
                key = m.group(1)
                break
            cls = re.search(r"\?x a <([^<>\s]+)> \.", sparql)
            info = self.schema.prop(prop)
            if cls and info and any(k == cls.group(1) for k, _ in info.subject_classes):
                sparql, key = f"{sparql[:-1].rstrip()} OPTIONAL {{ ?x <{prop}> ?order_key . }} }}", "?order_key"
                break
        return f"{sparql} ORDER BY {direction}({key})"

    def _named_elsewhere(self, prop: str) -> bool:
        """Some word outside the list of asked things (or the superlative's adjective) names `prop`; an age
        adjective names the dates and years it ranks ('the model and purchase year of the oldest bike')."""
        if self._age_ranked and (self._time_valued(prop) or self._years_as_text(prop)):
            return True
        return any(self._word_scores(w).get(prop, 0.0) >= 0.6 for w in self._unlisted)

    def _columns(self, cls: str | None, used: set[str], pat: str = "") -> list[tuple[str, bool]]:
        """Properties of `cls` that the leftover words ask for: each word's best match ("name,
        country and age"); with "all ... details" every property sharing the word. `pat`: the pattern read
        from, whose links told apart by a word ('ref-permanent_address_id') spent that word."""
        if not cls:
            return []
        spent = self._role_spent(pat)
        # "all the details": every property sharing a word; "all addresses with line 1 and line 2": the
        # numbered ones fitting the word best; "all document ids" asks for the document's id alone
        every = bool({"details", "information", "attributes"} & self._all_words)
        tied = bool({"all", "every"} & self._all_words)
        cols: dict[str, bool] = {}
        chosen: dict[str, str] = {}  # word -> the first column it chose
        last = None  # the column the word before chose
        for k, w in enumerate(self._free):
            if last and self._compound_with(k, last):
                last = None
                continue  # "email addresses": one name, the column of its first word
            if w in self._agent_verbs:
                continue
            ws = self._word_scores(w)
            if k:  # "last name": the word before spells out the initial of lname, so lname, not fname
                ws = {p: 1.0 if self._spells_initial(self._free[k - 1], w, (p,)) else v for p, v in ws.items()}
            # a number that ranks or filters is a column too where the question lists it among the things
            # asked ("the names and areas of the 5 largest countries") and some other word names it as well
            # (one word does not both rank the things and name a column)
            if any(ws.get(p, 0) >= 0.6 and not (w in self._listed and self._named_elsewhere(p)) for p in used):
                continue
            if w in spent:
                continue  # "students who permanently live in X": the word chose a link of two, it names no column
            if w in self._heads and any(ws.get(p, 0) >= 0.6 for p in cols):
                continue  # "document ids": the class word is explained by the document's id, no other column
            fits = []
            for p, ps in ws.items():
                info = self.schema.prop(p)
                if ps >= 0.6 and p not in SKIP_PROPS and info and any(c == cls for c, _ in info.subject_classes):
                    fits.append((ps, p, info.is_literal))
            fits.sort(key=lambda t: -t[0])
            noun = self._head_noun.get(w) if w in self._heads else None
            if fits and noun in chosen and self._word_scores(noun).get(fits[0][1], 0.0) < 0.6:
                continue  # "the stadium names": the class word says whose names (its noun chose them), not its id
            if fits and fits[0][1] not in LABEL_PREDICATES:
                fits = [f for f in fits if f[1] not in LABEL_PREDICATES]  # "name" is a label only without a name
            if fits and not (every or tied) and any(p in cols and ps >= fits[0][0] - 1e-9 for ps, p, _ in fits):
                continue  # "the second line": 'line' fits line_2, already chosen for 'second', as well as any
            if tied and fits and not every:
                top = re.sub(r"\d", "", local_name(fits[0][1]))
                fits = [f for f in fits if f[0] >= fits[0][0] - 1e-9 and re.sub(r"\d", "", local_name(f[1])) == top]
            # "their names": a person's first and last name, of the class asked for (not another owning more words)
            parts = self._name_parts(cls) if singular(w) == "name" and fits and cls == self._target else []
            if fits[0][1] in parts if parts else False:
                fits = [f for f in fits if f[1] in parts]
            last = None
            for ps, p, lit in fits if every or tied or parts else fits[:1]:
                last = p if p not in cols else None
                cols.setdefault(p, lit)
                chosen.setdefault(w, p)
        for p in self._modifiers_columns(chosen):
            cols.pop(p, None)
        return list(cols.items())[:8]

    def _role_spent(self, pat: str) -> frozenset[str]:
        """The free words that chose a link of the pattern over another between the same classes ('started' for
        ref-start_station_id beside ref-end_station_id): spent on the link, they ask for no column."""
        words = {w for _, p, _ in TRIPLE.findall(pat) for w in self._role_links.get(p, ())}
        return frozenset(w for w in self._free if stem(w) in words)

    def _modifiers_columns(self, chosen: dict[str, str]) -> set[str]:
        """Columns only a class word chose where the free word right after it chose another: 'membership
        levels' asks for the members' level, not their id beside it ('document ids' chose one column)."""
        at, free = self._free_at, self._free
        out = set()
        for k in range(min(len(at), len(free)) - 1):
            w, nxt = free[k], free[k + 1]
            # the class word, or a word near it that chose its key ('membership' chose member_id)
            modifier = w in self._heads or (
                chosen.get(w) and self._identifier_number(chosen[w]) and singular(w) not in ID_WORDS
            )
            if modifier and at[k + 1] == at[k] + 1 and chosen.get(w) and chosen.get(nxt, chosen[w]) != chosen[w]:
                if sum(p == chosen[w] for p in chosen.values()) == 1:
                    out.add(chosen[w])
        return out

    def _compound_with(self, k: int, prev: str) -> bool:
        """The free word k, right after the word that chose the column `prev`, is part of one name with it:
        the two words together mean `prev` clearly more than any other property ("email addresses" is the
        email, not an address), by sentence embeddings (never without them)."""
        at = self._free_at
        if not 0 < k < len(at) or at[k] != at[k - 1] + 1:
            return False
        phrase = f"{self._free[k - 1]} {self._free[k]}"
        if phrase not in self._phrases:
            self._phrases[phrase] = self.linker.similarities([phrase])
        sims = self._phrases[phrase]
        others = max((v for p, v in sims.items() if p != prev), default=0.0)
        return sims.get(prev, 0.0) >= others + 0.15


def _counted_words(q: Question) -> list[str]:
    """The words naming what 'how many' / 'number of' counts, up to the next stop word but 'of' ("how many
    different types of pet" -> different, types, pet; "how many cars were built" -> cars); empty when there is no such phrase.

    >>> from kgquery.understand.text import analyse
    >>> _counted_words(analyse("How many cars were built after 1971?"))
    ['cars']
    """
    return _counted_phrase(q)[0]


def _counted_head(q: Question) -> str:
    """The noun 'how many' counts: the last of its words before an 'of' ("how many away matches" -> matches,
    "how many different types of pet" -> types)."""
    return _counted_phrase(q)[1]


def _counted_phrase(q: Question) -> tuple[list[str], str]:
    """(`_counted_words`, `_counted_head`) in one reading of the words after 'how many' / 'number of'."""
    toks = q.tokens
    for i, t in enumerate(toks[:-1]):
        if (t == "many" and i > 0 and toks[i - 1] == "how") or (t == "number" and toks[i + 1] == "of"):
            start = i + 1 if t == "many" else i + 2
            out: list[str] = []
            head = ""
            for w in toks[start : start + 4]:
                if w == "of" and out:
                    head = head or out[-1]
                    continue  # "how many types of government"
                if w in STOPWORDS:
                    break
                out.append(w)
            return out, head or (out[-1] if out else "")
    return [], ""


def _two_of_phrases(toks: list[str]) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """('names', where its 'of' phrase starts) twice for "... the names of players and the names of their
    teams": a value word with 'of' before 'and' and another right after it; None otherwise."""
    if "and" not in toks:
        return None
    k = toks.index("and")
    after = k + 1
    while after < len(toks) and toks[after] in STOPWORDS:  # 'the', 'their', 'all', ...
        after += 1
    ofs = [i for i in range(1, k) if toks[i] == "of" and toks[i - 1] not in STOPWORDS]
    if not ofs or after + 1 >= len(toks) or toks[after + 1] != "of":
        return None
    return (toks[ofs[-1] - 1], ofs[-1] + 1), (toks[after], after + 2)


def _first_word(toks: list[str], at: int) -> str | None:
    """The first word from `at` on that is not a stop word ('the mentors' -> 'mentors')."""
    return next((t for t in toks[at:] if t not in STOPWORDS), None)


def _each_once(pat: str, num: str, x: str) -> str:
    """The pattern an aggregate runs over, each thing with its number once: 'the average age of customers who
    ordered from X' averages each customer's age once, however many orders join them to X. The rows are made
    distinct over the thing and the variables on the way to its number (two items of an order with the same
    quantity stay two); a pattern that joins nothing else is left as it is."""
    others = set(re.findall(r"\?\w+", pat)) - {x}
    if not others:
        return f"{pat} {num}"
    keep = " ".join(dict.fromkeys([x, *re.findall(r"\?\w+", num)]))
    return f"{{ SELECT DISTINCT {keep} WHERE {{ {pat} {num} }} }}"


def _column_select(pat: str, x: str, cols: list[tuple[str, bool]], namer=None) -> str:
    """SELECT one column per property of `x` (a thing's name for an IRI value: `namer(property, thing, var)`'s
    triples where it knows them, its label otherwise), each OPTIONAL so that a missing value leaves its cell
    empty rather than dropping the row."""
    heads, opts = [], []
    for k, (p, is_lit) in enumerate(cols):
        v = f"?{re.sub(r'[^A-Za-z0-9_]', '_', local_name(p))}_{k}"
        heads.append(v)
        named = None if is_lit or namer is None else namer(p, f"?o{k}", v)
        opts.append(
            f"OPTIONAL {{ {x} <{p}> {v} . }}"
            if is_lit
            else f"OPTIONAL {{ {x} <{p}> ?o{k} . {named or f'?o{k} <{RDFS_LABEL}> {v} .'} }}"
        )
    return f"SELECT {' '.join(heads)} WHERE {{ {pat} {' '.join(opts)} }}"


def _listed_words(q: Question, links: Links, free: list[int]) -> set[str]:
    """The free words of a list of things asked for before what they are asked of ("the names and surface
    areas of the 5 largest countries"): each names a column, even one that also ranks or filters the things.

    >>> from kgquery.understand.text import analyse
    >>> q = analyse("Return the names and surface areas of the 5 largest countries.")
    >>> sorted(_listed_words(q, Links(), q.content_positions()))
    ['areas', 'names', 'surface']
    """
    toks = q.tokens
    starts = [m.start for m in links.classes + links.mentions]
    end = next(
        (
            i
            for i, t in enumerate(toks)
            if i > 1 and (t in ("of", "for", "whose", "with", "who", "that") or i in starts)
        ),
        None,
    )
    if end is None or "and" not in toks[:end]:
        return set()
    return {toks[i] for i in free if 0 < i < end}  # the first word opens the question ('return', 'list')
