"""Values the words state as constraints: "with 8 cylinders", "in 2014", "in both 2014 and 2015", "names
containing 'Al'", two numbers of one thing compared, a yes/no the words name. Each value goes on the number its
word names, on the matches or on another thing the pattern joins."""

from __future__ import annotations

import re

from ..graph.schema import local_name, split_name
from ..understand.text import Question, singular
from .candidate import TYPED, _num, _string

#: how much better another joined thing's own number must fit a stated value's word than any number of the
#: matches for the value to go to that thing (a word names a property fully at 1.0, one word of three at ~0.73)
OTHER_NODE_MARGIN = 0.15


class MeasureShapes:
    """Mixed into EmbeddedGenerator; uses its _numeric_paths, _numeral_paths, _dated_in, _year_test,
    _also_in_time, _versus, _named_flags, _flag_holders, _text_paths, _word_scores, _never_years and _reread."""

    def _measured(
        self, q: Question, body: list[str], x: str, cls: str | None, scores: dict[str, float]
    ) -> tuple[list[str], float]:
        """The body with each stated value as a constraint on the number its word names, and the score the
        words gain; a value whose word names no number of these things is left out."""
        extra: list[str] = []
        bonus = 0.0
        stated: dict[str, list[float]] = {}  # one word stated twice ("8 or 6 cylinders") takes either value
        stated_at: dict[str, list[int]] = {}
        for value, word, at in q.cues.measures:
            stated.setdefault(word, []).append(value)
            stated_at.setdefault(word, []).append(at)
        for k, (word, values) in enumerate(stated.items()):
            # "in both 2014 and 2015" asks for two linked things, one per value: from the matches only
            alone = _both(q, stated_at[word])
            node, paths = self._measured_node(body, x, cls, lambda c, b: self._stated_paths(c, b, word), alone)
            spelled = False
            if word == "year" and node == x and paths and len(paths[0].steps) > 1 and len(values) == 1:
                paths = self._own_time_first(q, cls, body, stated_at[word][0], paths)
            if not paths:  # "concerts in 2014" where years are stored as texts: the value as written
                written = [_num(v) for v in values]
                node, paths = self._measured_node(
                    body, x, cls, lambda c, b: self._numeral_paths(c, b, word, written), alone
                )
                spelled = True
            if not paths and word == "year" and len(values) == 1:  # "born in 1998": a date within that year
                path = self._dated_in(q, cls, body, stated_at[word][0])
                if path is not None:
                    var = f"?q{k}"
                    lo, hi = (
                        self._year_test(op, values[0], path.steps[-1][0]).replace("?v", var) for op in (">=", "<=")
                    )
                    extra += path.at(var).triples(x, f"q{k}") + [f"FILTER({lo} && {hi})"]
                    bonus += 0.5 * path.score
                continue
            if not paths:
                continue
            path = paths[0].at(f"?q{k}")
            shown = [f'"{_num(v)}"' if spelled else _num(v) for v in values]
            if len(path.steps) > 1 and _both(q, stated_at[word]):
                # "stadiums with concerts in both 2014 and 2015": one linked thing for each value
                for j, v in enumerate(shown):
                    one = path.at(f"?q{k}b{j}")
                    value = f"STR(?q{k}b{j})" if spelled else f"?q{k}b{j}"
                    extra += one.triples(node, f"q{k}b{j}") + [f"FILTER({value} = {v})"]
            else:
                value = f"STR(?q{k})" if spelled else f"?q{k}"
                test = f"{value} = {shown[0]}" if len(shown) == 1 else f"{value} IN ({', '.join(shown)})"
                extra += path.triples(node, f"q{k}") + [f"FILTER({test})"]
            bonus += 0.5 * path.score
        if q.cues.also_time:
            extra, bonus = self._also_in_time(q, body, x, cls, scores, extra, bonus)
        if q.cues.versus:
            extra, bonus = self._versus(q, body, x, cls, extra, bonus)
        for prop, value in self._named_flags(q):
            holders = self._flag_holders(body + extra, x, prop)
            if holders and not any(f"<{prop}>" in t for t in body):
                # "where English is the official language": a yes/no property the words name holds (on each
                # link node that has it: "both English and French are official")
                extra += [f"{v} <{prop}> {value} ." for v in holders]
                # "drugs that require a prescription" (requires_prescription): the class word is one of the
                # yes/no's name, so a join to prescriptions explains it a second time
                bonus += -0.4 if self._joins_named_class(body, x, prop) else 0.4
        content = set(q.content_positions())
        for k, (mode, text, a, b) in enumerate(q.cues.texts):
            window = [i for i in [*range(max(0, a - 4), a), *range(b, b + 4)] if i in content]
            paths = self._text_paths(cls, body, [q.tokens[i] for i in window], scores)
            if not paths:
                continue
            path = paths[0].at(f"?t{k}")
            searched = path.steps[-1][0]
            naming = {singular(q.tokens[i]) for i in window if self._word_scores(q.tokens[i]).get(searched, 0.0) >= 0.6}
            if any(singular(q.tokens[i]) in naming for i in content - set(window)):
                # "the names of the bands whose name contains 'Al'": the text searched is also read out
                self._reread.add(searched)
            test = {"contains": "CONTAINS", "starts": "STRSTARTS", "ends": "STRENDS"}[mode]
            extra += path.triples(x, f"t{k}") + [f"FILTER({test}(LCASE(STR(?t{k})), {_string(text.lower())}))"]
            bonus += 0.5 + 0.5 * path.score  # the words asked for this text: a reading without it ignores them
        return body + extra, bonus

    def _joins_named_class(self, body: list[str], x: str, prop: str) -> bool:
        """The pattern joins to things (not `x`) of a class whose name is a word of the property's name."""
        words = {singular(w) for w in split_name(local_name(prop)).lower().split()}
        joined = TYPED.findall(" ".join(body))
        return any(v != x and singular(split_name(local_name(c)).lower()) in words for v, c in joined)

    def _own_time_first(self, q: Question, cls: str | None, body: list[str], at: int, paths: list) -> list:
        """`paths` to a neighbour's year, or none when the things have a time of their own that the words do
        not set aside ("repairs done in 2024": the repair's date, not its mechanic's birth year; "repairs by
        mechanics born in 1981" names the birth year)."""
        own = self._dated_in(q, cls, body, at)
        return [] if own is not None and len(own.steps) == 1 else paths

    def _stated_paths(self, cls: str | None, body: list[str], word: str) -> list:
        """The numbers a stated value's word names; a year ('in 2024') is not one that never holds a year."""
        paths = self._numeric_paths(cls, body, word, {})
        return [p for p in paths if not self._never_years(p.steps[-1][0])] if word == "year" else paths

    def _measured_node(
        self, body: list[str], x: str, cls: str | None, find, matches_only: bool = False
    ) -> tuple[str, list]:
        """(the node a stated value belongs to, its paths to the number the value's word names): the matches
        `x`, unless another thing the body joins has a number of its own the word names clearly better ("the
        singers who performed in a concert in 2014": the concert's year, not the singer's song release year).
        `find(cls, body)` gives the paths from ?x, best first; `matches_only`: from `x` alone."""
        paths = [p for p in find(cls, body) if p.score >= 0.6]
        best = paths[0].score if paths else 0.0
        for var, other in [] if matches_only else TYPED.findall(" ".join(body)):
            if var == x or other == cls:
                continue
            swap = {x: "?x_own", var: "?x"}  # path finding starts at ?x
            renamed = [re.sub(r"\?\w+", lambda m: swap.get(m.group(0), m.group(0)), t) for t in body]
            own = [p for p in find(other, renamed) if p.score >= 0.6 and len(p.steps) == 1]
            if own and own[0].score >= best + OTHER_NODE_MARGIN:
                return var, own
        return x, paths


def _both(q: Question, at: list[int]) -> bool:
    """Stated values joined by 'and' after 'both' ("in both 2014 and 2015"): each holds, not either."""
    return len(at) >= 2 and "both" in q.tokens[max(0, at[0] - 2) : at[0]] and "and" in q.tokens[at[0] : at[-1]]
