"""Spelling slips: a question word no dictionary knows, read as the graph word it nearly spells.

"countires in the Carribean", "the pontiometer with the smallest volume": a slip hides the class, the
value or the name from every exact lookup after it. A word is respelled only when it is no English word
(wording.english_word), is not itself a word of the graph, and one graph word alone is closest to it
(same first letter, rapidfuzz ratio >= MIN_RATIO). Graph words come from the graph: class names (and
their plurals), words of entity names, of short string values and of property names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..wording import english_word, plural_word

#: how close (rapidfuzz ratio, 0-100) a slip must be to the word it is read as; one letter dropped,
#: doubled or swapped in a word of seven letters scores about 86-93
MIN_RATIO = 85.0
#: shorter words are left alone: too many graph words lie one letter from them
MIN_LENGTH = 5

_WORD = re.compile(r"(?<![\w@.])[A-Za-z]+(?![\w@])")  # a whole word, not part of a code or an address
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|[\u2018\u201c][^\u2019\u201d]*[\u2019\u201d]")


class Speller:
    """Graph words by first letter, to respell question words against."""

    def __init__(self, words: Iterable[str]):
        self.known: set[str] = set()
        self._by_head: dict[str, list[str]] = defaultdict(list)
        for w in words:
            w = w.lower()
            if len(w) >= 3 and w.isalpha() and w not in self.known:
                self.known.add(w)
                self._by_head[w[0]].append(w)

    def correct(self, word: str) -> str | None:
        """The graph word `word` is a slip for, or None (a known word, a name, or no single close word)."""
        from rapidfuzz import fuzz, process

        w = word.lower()
        if len(w) < MIN_LENGTH or not w.isalpha() or w in self.known or english_word(w):
            return None
        pool = [k for k in self._by_head.get(w[0], ()) if abs(len(k) - len(w)) <= 2]
        best = process.extract(w, pool, scorer=fuzz.ratio, limit=2, score_cutoff=MIN_RATIO)
        if not best or (len(best) > 1 and best[1][1] == best[0][1]):
            return None  # nothing close, or two words equally close: which is meant is a guess
        return best[0][0]

    def respell(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """(the text with each slip replaced, as written in case; the (slip, word) pairs)."""
        fixes: list[tuple[str, str]] = []
        quoted = [m.span() for m in _QUOTED.finditer(text)]  # a quoted text is searched for as written

        def fix(m: re.Match) -> str:
            raw = m.group(0)
            if any(a <= m.start() < b for a, b in quoted):
                return raw
            right = self.correct(raw)
            if right is None:
                return raw
            right = right.capitalize() if raw[0].isupper() else right
            fixes.append((raw, right))
            return right

        return _WORD.sub(fix, text), fixes


def graph_words(class_names: Iterable[str], name_tokens: Iterable[str], values: Iterable[str], props: Iterable[str]):
    """Every word of the graph a question may spell: class names and their plurals, words of names,
    of short values and of property names."""
    for name in class_names:
        for w in name.split():
            yield w
            yield plural_word(w)
    for source in (name_tokens, values, props):
        for text in source:
            yield from text.split()
