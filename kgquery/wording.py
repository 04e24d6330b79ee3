"""Labels as running English: nouns, plurals and articles for explanations and example questions."""
from __future__ import annotations

import re

UNCOUNTABLE = {"hardware", "software", "equipment", "information", "data", "furniture", "money", "news",
               "series", "species", "staff", "personnel", "music", "evidence", "research", "metadata"}


def _plural_word(w: str) -> str:
    lw = w.lower()
    if lw in UNCOUNTABLE:
        return w + " items"
    if lw.endswith("s") and not lw.endswith(("ss", "us", "is")):
        return w  # already plural ("borders")
    if lw.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if lw.endswith("y") and len(lw) > 1 and lw[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def noun(label: str) -> str:
    """A class or property label as running text: units and acronyms in brackets dropped, words lowercased.

    >>> noun("Bill of Material (BOM)"), noun("BOM Part"), noun("has reliability index"), noun("weight (g)")
    ('bill of material', 'BOM part', 'reliability index', 'weight')
    """
    s = re.sub(r"\s*\([^)]*\)", "", label or "").strip()
    s = re.sub(r"^(has|is|hasA|has an|has a)\s+", "", s, flags=re.I)
    words = [w if (w.isupper() and len(w) > 1) or any(c.isdigit() for c in w) else w.lower() for w in s.split()]
    return " ".join(words)


def plural(label: str) -> str:
    """A crude English plural of a class label, enough for example questions.

    >>> [plural(x) for x in ["Supplier", "Country", "Bill of Material (BOM)", "Hardware", "City", "Address", "borders"]]
    ['suppliers', 'countries', 'bills of material', 'hardware items', 'cities', 'addresses', 'borders']
    """
    s = noun(label)
    if not s:
        return s
    words = s.split()
    if " of " in f" {s} ":
        i = words.index("of")
        if i > 0:
            words[i - 1] = _plural_word(words[i - 1])
            return " ".join(words)
    words[-1] = _plural_word(words[-1])
    return " ".join(words)


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
