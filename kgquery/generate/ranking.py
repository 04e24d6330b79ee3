"""Ranking and comparing shapes of the embedded generator: 'the 5 largest', 'the heaviest', 'older than 1',
'the highest average length of its books', 'built before 1980'."""

from __future__ import annotations

import dataclasses
import re

from ..graph.schema import local_name, split_name
from ..understand.text import AGGREGATE_WORDS, MONTHS, MULTIPLIERS, STOPWORDS, Question, superlative_adjective
from .candidate import Candidate, _num, _reuse_middle
from .paths import AGE_ADJECTIVES, dates_as_text

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

#: how well the noun after 'the most' must fit a number of the things (and lead the others by half as much)
#: to rank by it when it names no class ('the most inhabitants': a population)
AMOUNT_NAMED = 0.35


class RankingShapes:
    """Mixed into EmbeddedGenerator; uses its _word_scores, _free, _class_mentions, _asks_ranked_value and schema."""

    @staticmethod
    def _ranked_aggregate(q: Question) -> str | None:
        """'the highest average salary', 'the 5 suppliers with the best average reliability': the superlative
        ranks each thing by an aggregate of its numbers (the word right after it), not by one number."""
        sup = q.cues.superlative
        if not sup or q.cues.count or sup[2] + 1 >= len(q.tokens):
            return None
        agg = AGGREGATE_WORDS.get(q.tokens[sup[2] + 1])
        if agg is None and _summed_after(q.tokens[sup[2] + 1 :]):
            return "SUM"  # "the patient who paid the most in fees in total"
        return agg if agg in ("AVG", "SUM") else None

    @staticmethod
    def _rank_by_aggregate(c, agg: str, body_s: str, num: list[str], used: set[str], score: float, shape: str):
        """A core that keeps the things whose aggregate (per thing, ?agg) is the extreme one, or the first N."""
        per = f"{{ SELECT ?x ({agg}(?v) AS ?agg) WHERE {{ {body_s} {' '.join(num)} }} GROUP BY ?x }}"
        if c.top:
            return (
                per,
                used,
                score + 0.1,
                shape + "+rank-aggregate+top",
                f" ORDER BY {c.superlative[0]}(?agg) LIMIT {c.top}" + (f" OFFSET {c.skip}" if c.skip else ""),
            )
        best = "MAX" if c.superlative[0] == "DESC" else "MIN"
        inner = re.sub(r"\?(\w+)", r"?i_\1", per)
        pat = f"{per} {{ SELECT ({best}(?i_agg) AS ?best) WHERE {{ {inner} }} }} FILTER(?agg = ?best)"
        return (pat, used, score + 0.1, shape + "+rank-aggregate", "")

    def _ranking_core(self, q: Question, body, x, np_, used, s: float, shape: str, cls, timely: bool, either=()):
        """One core that ranks or compares by the number path `np_` (the first N, the extreme, or a filter),
        and the extreme value itself when the words ask for it: (core, [value candidates]); a comparison holds
        or the triples `either` do."""
        c = q.cues
        body_s = " ".join(body)
        num = _reuse_middle(np_.triples(x, "n"), body, x)
        values: list[Candidate] = []
        direction = self._direction(c, np_.steps[-1][0]) if c.superlative else ""
        if c.superlative and c.top:
            # "the 5 largest": the first N by the number, not only the ones equal to the extreme
            core = (
                f"{body_s} {' '.join(num)}",
                used,
                s + 0.3,
                shape + "+top",
                f" ORDER BY {direction}(?v) LIMIT {c.top}" + (f" OFFSET {c.skip}" if c.skip else ""),
            )
        elif c.superlative:
            agg = "MAX" if direction == "DESC" else "MIN"
            inner = re.sub(r"\?(\w+)", r"?i_\1", " ".join(body + num))
            pat = f"{body_s} {' '.join(num)} {{ SELECT ({agg}(?i_v) AS ?best) WHERE {{ {inner} }} }} FILTER(?v = ?best)"
            core = (pat, used, s + 0.3, shape + "+superlative", "")
            if not c.count and not c.ask and self._asks_ranked_value(q, np_.steps[-1][0]):
                # "when was the earliest transcript printed?": the extreme value itself is asked for
                values.append(
                    Candidate(
                        f"SELECT DISTINCT ?v WHERE {{ {pat} }}",
                        s + 0.45,
                        shape + "+superlative+value",
                    )
                )
        else:
            year_of = np_.steps[-1][0] if timely else None
            c = self._in_named_units(c, np_.steps[-1][0])
            flt = self._compare_filter(c, cls, body, num, year_of)
            if c.shared:  # "the citizenship shared by singers born before 1945 and after 1955": two groups
                second = dataclasses.replace(c, compare=c.shared, compare_day=None, compare_until=None)
                self._shared_filters[flt] = self._compare_filter(second, cls, body, num, year_of)
                return (f"{body_s} {' '.join(num)} {flt}", used, s + 0.3, shape + "+compare+shared", ""), values
            also, prop = self._also_compared(q, body, x, cls)  # 'and a prominence above 1000'
            flt += "".join(f" {t}" for t in also)
            pat = f"{body_s} {' '.join(num)} {flt}"
            if either:
                pat = f"{body_s} {{ {' '.join(either)} }} UNION {{ {' '.join(num)} {flt} }}"
            core = (pat, used | {prop} if prop else used, s + 0.3, shape + "+compare", "")
        return core, values

    def _in_named_units(self, c, prop: str):
        """The cues with the stated number in the unit the property's name gives ('budget_million': 'above
        2 million' compares with 2); as they were when the name gives none or the number is smaller."""
        words = set(split_name(local_name(prop)).split())
        unit = next((MULTIPLIERS[w] for w in sorted(words) if w in MULTIPLIERS and len(w) > 1), None)
        if unit is None:
            return c
        changes = {}
        if c.compare:
            changes["compare"] = (c.compare[0], _scaled(c.compare[1], unit), *c.compare[2:])
        if c.between:
            changes["between"] = (_scaled(c.between[0], unit), _scaled(c.between[1], unit))
        return dataclasses.replace(c, **changes) if changes else c

    def _direction(self, c, prop: str) -> str:
        """The superlative's order on this property: an age word ranks a date or a year the other way round
        (the oldest painting has the earliest year, the youngest person the latest birth date)."""
        d = c.superlative[0]
        if c.superlative[1] not in AGE_ADJECTIVES or not (self._time_valued(prop) or self._years_as_text(prop)):
            return d
        return "ASC" if d == "DESC" else "DESC"

    def _compare_filter(self, c, cls: str | None, body: list[str], num: list[str], year_of: str | None) -> str:
        """The FILTER a comparison puts on ?v: a range, the average of the class, or a stated number; a year
        (`year_of`: the property compared with it) becomes the first or last day of that year for dates, so
        that the explanation can word it ("whose built is less than 1971-01-01")."""
        if c.between:
            low, high = (self._year_test(op, n, year_of) for op, n in ((">=", c.between[0]), ("<=", c.between[1])))
            return f"FILTER({low} && {high})"
        if c.above_average:
            # the average of all the things of the class (of the base pattern when none is known)
            over = [f"?x a <{cls}> ."] if cls else body
            inner = re.sub(r"\?(\w+)", r"?i_\1", " ".join(over + num))
            return f"{{ SELECT (AVG(?i_v) AS ?avg) WHERE {{ {inner} }} }} FILTER(?v {c.above_average[0]} ?avg)"
        test = self._year_test(c.compare[0], c.compare[1], year_of, c.compare_day)
        if c.compare_until:  # "in June 2024": up to the month's last day too
            test += " && " + self._year_test("<=", c.compare[1], year_of, c.compare_until)
        return f"FILTER({test})"

    def _also_in_time(self, q: Question, body, x: str, cls, scores, extra: list[str], bonus: float):
        """'movies released after 2015 with a rating above 7': the year compared beside the other comparison,
        on the time the word before it names (released -> date published), as a filter of its own."""
        op, year, at = q.cues.also_time
        word = q.tokens[at - 1] if at > 0 else ""
        for p in self._numeric_paths(cls, body, "year", scores, year=True, measure=word):
            last = p.steps[-1][0]
            if self._time_valued(last) or self._word_scores("year").get(last, 0.0) >= 0.6:
                extra = extra + p.at("?yq").triples(x, "yq")
                extra.append("FILTER(" + self._year_test(op, year, last).replace("?v", "?yq") + ")")
                return extra, bonus + 0.5 * p.score
        return extra, bonus

    def _also_compared(self, q: Question, body, x: str, cls) -> tuple[list[str], str | None]:
        """'mountains with an elevation above 3000 and a prominence above 1000': the second comparison, on the
        number the word before it names, as a filter of its own, and that number's property; nothing when no
        word names one."""
        if not q.cues.also_compare:
            return [], None
        op, n, at = q.cues.also_compare
        word = self._compared_token(q, at)
        for p in self._numeric_paths(cls, body, word, {}, measure=word)[:1] if word else []:
            if self._word_scores(word).get(p.steps[-1][0], 0.0) >= 0.5:
                return p.at("?cq").triples(x, "cq") + [f"FILTER(?cq {op} {_num(n)})"], p.steps[-1][0]
        return [], None

    def _year_test(self, op: str, number: float, year_of: str | None, day: str | None = None) -> str:
        """?v compared with a number; with a year (`year_of`: the property compared with it), with the first
        or last day of that year for dates, so that the explanation can word it ("whose built is before
        1971-01-01"), and with the year of a gYear or of a mix. `day`: the day a month or a date stated
        stops at ("after March 2024"), for dates."""
        n = _num(number)
        info = self.schema.prop(year_of) if year_of else None
        if info is None or info.is_numeric:
            return f"?v {op} {n}"
        dtype = info.datatypes[0][0] if info.datatypes else ""
        month_or_day = day is not None
        day = day or (f"{n}-12-31" if op in (">", "<=") else f"{n}-01-01")
        if month_or_day and dates_as_text(info):
            # a date written as text ('2024-09-30', '2024-09-30 10:00'): its first ten characters, as a date
            return f'<{XSD_DATE}>(SUBSTR(STR(?v), 1, 10)) {op} "{day}"^^<{XSD_DATE}>'
        if dtype.endswith("#date"):
            return f'?v {op} "{day}"^^<{dtype}>'
        if dtype.endswith("#dateTime"):
            return f'?v {op} "{day}T{"23:59:59" if op in (">", "<=") else "00:00:00"}"^^<{dtype}>'
        # gYear, a date written as text, or a mix: the year is the first four characters of each
        return f"IF(isNumeric(?v), ?v, <{XSD_INTEGER}>(SUBSTR(STR(?v), 1, 4))) {op} {n}"

    def _ranked_word(self, q: Question) -> dict[str, float]:
        """The property scores of the word right after a superlative adjective ("the car with the largest
        accelerate"): that word names what is ranked, whatever the other words name."""
        sup = q.cues.superlative
        if not sup and (q.cues.compare or q.cues.between):
            return self._compared_word(q)
        if not sup and q.cues.above_average and " " in q.cues.above_average[1]:
            # 'whose gross tonnage is above the average': all the words before it name the number compared (one
            # word is left to the hint of the numeric paths, as before)
            return self.linker.property_scores(q.cues.above_average[1].split())
        word = self._ranked_token(q)
        return self._word_scores(word) if word else {}

    def _ranked_token(self, q: Question) -> str:
        """The free word a superlative ranks by ("the largest accelerate", "the singer who is worth the most"),
        or ''."""
        sup = q.cues.superlative
        if sup and not sup[1] and sup[2] > 1 and q.tokens[sup[2] - 1] == "the" and not self._after(q, sup[2]):
            nxt = q.tokens[sup[2] - 2]  # "the singer who is worth the most": the word before it names the number
            return nxt if nxt in self._free and nxt not in STOPWORDS else ""
        if not sup or sup[2] + 1 >= len(q.tokens):
            return ""
        nxt = q.tokens[sup[2] + 1]
        if nxt not in self._free or nxt in STOPWORDS:
            return ""
        if not sup[1]:  # "the fewest pages": a number of its own, not a count of things ("the most languages")
            ws = self._word_scores(nxt)
            best = max(ws, key=lambda p: (ws[p], p), default=None)
            info = self.schema.prop(best) if best and ws[best] >= 0.8 else None
            return nxt if info is not None and info.is_numeric else ""
        return nxt

    def _amount_named(self, q: Question, paths) -> tuple | None:
        """'the city with the most inhabitants': the noun after 'the most' names no class of the graph and
        fits one of the numbers these things have better than any other (if only loosely: the population):
        the steps to that number, which is then ranked as well as any count of linked things; else None."""
        at = q.cues.superlative[2]
        if at < len(q.tokens) and (q.tokens[at] in ("most", "least") or superlative_adjective(q.tokens[at])):
            at += 1  # the position is the superlative's own word or the word after it
        if at >= len(q.tokens) or any(m.start <= at < m.end for m in self._class_mentions):
            return None
        word = q.tokens[at]
        if word not in self._free or word in STOPWORDS:
            return None
        fits = self._word_scores(word)
        ranked = sorted(paths, key=lambda p: -fits.get(p.steps[-1][0], 0.0))
        if not ranked or fits.get(ranked[0].steps[-1][0], 0.0) < AMOUNT_NAMED:
            return None
        top = ranked[0].steps[-1][0]
        runner_up = max((fits.get(p.steps[-1][0], 0.0) for p in ranked if p.steps[-1][0] != top), default=0.0)
        return ranked[0].steps if fits[top] - runner_up >= AMOUNT_NAMED / 2 else None

    def _compared_word(self, q: Question) -> dict[str, float]:
        """The property scores of the word a comparison follows ("whose area is bigger than 3000", "a
        population between 1 and 9 million"): that word names what is compared, whatever else is named."""
        word = self._compared_token(q)
        return self._word_scores(word) if word else {}

    def _compared_token(self, q: Question, at: int | None = None) -> str:
        """The free word a comparison (at `at`, the question's first by default) follows, or ''."""
        c = q.cues
        if at is None:
            at = c.compare[2] if c.compare else _range_at(q)
        k = at - 1
        if k > 1 and q.tokens[k] == "or":  # 'acquired in 2019 or later': the word before the date
            k -= 1
            while k > 0 and (q.tokens[k] in MONTHS or q.tokens[k].isdigit()):
                k -= 1
            k -= q.tokens[k] in ("in", "on", "during")
        while k > 0 and q.tokens[k] in ("is", "are", "was", "were", "be", "been", "not", "no", "at", "of", "a", "an"):
            k -= 1
        if k < 0 or k == at - 1 and at > 0 and q.tokens[k] in ("least", "most"):
            k -= 2  # "area of at least 30": the word before 'at least'
        word = q.tokens[k] if 0 <= k < at else ""
        if word in self._free and word not in STOPWORDS:
            return word
        return self._measure_after(q, at)

    def _measure_after(self, q: Question, at: int) -> str:
        """'more than 200 cm wide', 'over 500 km long': the adjective of a measure right after the number compared
        (and its unit), which names what is compared; '' when none follows."""
        from ..understand.lexicon import attribute_nouns

        toks = q.tokens
        j = next((k for k in range(at + 1, min(at + 4, len(toks))) if toks[k].replace(".", "", 1).isdigit()), None)
        if j is None:
            return ""
        j += 2 if j + 1 < len(toks) and toks[j + 1] == q.cues.unit else 1
        word = toks[j] if j < len(toks) else ""
        return word if word in self._free and attribute_nouns(word) else ""

    def _compared_class(self, q: Question) -> set[str]:
        """The classes of a class word right before the comparison ('ships that made a voyage before 2023'): the
        time compared is that thing's."""
        c = q.cues
        at = c.compare[2] if c.compare else -1
        k = at - 1
        while k > 0 and q.tokens[k] in ("a", "an", "the", "any", "some"):
            k -= 1
        return {h.iri for m in self._class_mentions if m.start <= k < m.end for h in m.hits[:1]} if k >= 0 else set()

    @staticmethod
    def _after(q: Question, i: int) -> bool:
        """Some word other than a stop word follows token i."""
        return any(w not in STOPWORDS for w in q.tokens[i + 1 :])

    def _names_ranked_value(self, at: int, toks: list[str], prop: str) -> bool:
        """The word at `at` names the ranked property and no class of things."""
        return (
            at < len(toks)
            and toks[at] not in STOPWORDS
            and self._word_scores(toks[at]).get(prop, 0.0) >= 0.8
            and not any(m.start <= at < m.end for m in self._class_mentions)
        )

    def _asks_ranked_value(self, q: Question, prop: str) -> bool:
        """The question asks for the ranked number or date itself: a time ('when ...', 'what year ...'), or
        'what is the <word> of' with the word naming the ranked property."""
        toks = q.tokens
        if q.cues.asks_time:  # 'when ...', 'what year ...'
            return True
        if len(toks) > 3 and toks[0] in ("what", "which") and toks[1] in ("is", "was", "are", "were"):
            k = 3 if toks[2] in ("the", "a", "an") else 2
            if self._word_scores(toks[k]).get(prop, 0.0) >= 0.8 and "of" in toks[k + 1 : k + 3]:
                return True
            # "what is the last transcript release date?": the phrase after the superlative ends the question
            # on words naming the ranked property, so its value is asked, not the thing that has it
            sup = q.cues.superlative
            if sup and toks[k] in ("most", "least") and sup[2] == k + 1:
                k += 1  # "what is the most recent loan date": the superlative is the word after 'most'
            ends = [j for j in range(k + 2, min(k + 5, len(toks))) if toks[j] in ("of", "among", "across")]
            words = toks[k + 1 : ends[0]] if sup and sup[2] == k and ends else []
            if (
                words
                and not any(t in STOPWORDS for t in words)
                and max(self._word_scores(t).get(prop, 0) for t in words) >= 0.8
            ):
                # "what is the highest rating of the kitchen products?", "the lowest calorie count among the
                # dishes of X": the number itself
                return True
            if sup and sup[2] == k and self._names_ranked_value(k + 1, toks, prop):
                return True  # "what is the longest set in minutes played at X": the noun after it names the number
            last = len(toks) - 1
            if sup and sup[2] == k and last - k <= 4 and not any(m.start <= last < m.end for m in self._class_mentions):
                tail = toks[k + 1 :]
                return (
                    not any(t in STOPWORDS for t in tail)
                    and max(self._word_scores(t).get(prop, 0.0) for t in tail) >= 0.8
                )
        return False


def _range_at(q: Question) -> int:
    """Where a range opens: 'between', or the first number of "1 to 2"; -1 when there is none."""
    toks = q.tokens
    return next(
        (i for i, t in enumerate(toks) if t == "between" or (t.isdigit() and toks[i + 1 : i + 2] == ["to"])), -1
    )


def _summed_after(words: list[str]) -> bool:
    """The words after a superlative say its numbers are added up ('in total', 'altogether', 'combined'),
    within the same clause."""
    for k, w in enumerate(words):
        if w in (",", ".", "?", ";", "and", "who", "which", "that"):
            return False
        if w in ("altogether", "combined") or (w == "total" and k > 0 and words[k - 1] == "in"):
            return True
    return False


def _scaled(n: float, unit: float) -> float:
    """A number stated in full ('2000000', '2 million') in the unit a name gives (a million: 2)."""
    return n / unit if abs(n) >= unit else n
