"""Yes/no properties the words name: "where English is the official language" keeps the link nodes whose
T/F (Y/N, true/false) column the word names set to yes ("not official": to no), rather than reading it out."""

from __future__ import annotations

import re

from ..graph.schema import local_name, split_name
from ..understand.text import NEGATIONS, STOPWORDS, Question

#: how far back a negation may stand before the word naming a yes/no property ("not on the coast")
NEGATION_REACH = 3


class FlagShapes:
    """Mixed into EmbeddedGenerator; uses its _rows, _free, _word_scores, schema, _flags (per question) and
    _flag_cache (per graph)."""

    def _named_flags(self, q: Question) -> list[tuple[str, str]]:
        """(property, the value it is stated with) for each yes/no property (two values such as T/F, Y/N,
        true/false) a free word names ('official'); 'not official' states the other value. Once per question."""
        if self._flags is None:
            self._flags = []
            for i, w in enumerate(q.tokens):
                if w not in self._free:
                    continue
                for p, v in self._word_scores(w).items():
                    values = self._flag_values(p) if v >= 0.8 else None
                    if values:
                        # "out of stock" says no to 'in stock'
                        out_of = q.tokens[max(0, i - 2) : i] == ["out", "of"] and "in" in _name_words(p)
                        negated = _negated_at(q.tokens, i) or out_of
                        self._flags.append((p, values[1] if negated else values[0]))
        return self._flags

    def _flag_values(self, prop: str) -> tuple[str, str] | None:
        """(yes value, no value) as n3 when the property holds only yes/no values, else None."""
        if prop not in self._flag_cache:
            info = self.schema.prop(prop)
            found = None
            if info is not None and info.is_literal:
                rows = self._rows(f"SELECT DISTINCT ?o WHERE {{ ?s <{prop}> ?o }} LIMIT 3")
                vals = {str(r[0]).strip().lower(): r[0] for r in rows if r[0] is not None}
                yes = [vals[k] for k in ("t", "true", "y", "yes", "1") if k in vals]
                no = [vals[k] for k in ("f", "false", "n", "no", "0") if k in vals]
                if len(vals) == 2 and yes and no:
                    found = (yes[0].n3(), no[0].n3())
            self._flag_cache[prop] = found
        return self._flag_cache[prop]

    def _flag_holders(self, body: list[str], x: str, prop: str) -> list[str]:
        """The variables of the pattern whose things have the yes/no property: the link nodes, else ?x."""
        names = dict.fromkeys(v for v in re.findall(r"\?\w+", " ".join(body)) if v != x and "either" not in v)
        has = [v for v in names if self._rows(f"SELECT {v} WHERE {{ {' '.join(body)} {v} <{prop}> ?flag }} LIMIT 1")]
        if has:
            return has
        return [x] if self._rows(f"SELECT {x} WHERE {{ {' '.join(body)} {x} <{prop}> ?flag }} LIMIT 1") else []


def _negated_at(tokens: list[str], i: int) -> bool:
    """A negation stands before token i with only small words between ('not coastal', 'not on the coast',
    'non-smoking')."""
    for j in range(i - 1, max(-1, i - 1 - NEGATION_REACH), -1):
        if tokens[j] in NEGATIONS or tokens[j] == "non":
            return True
        if tokens[j] not in STOPWORDS:
            return False
    return False


def _name_words(prop: str) -> set[str]:
    return set(split_name(local_name(prop)).lower().split())
