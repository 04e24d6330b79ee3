"""Labels as running English: nouns, singulars, plurals and articles, for linking, explanations and
example questions. The one module that knows English number: understand/text.py, answer/explain.py and tune/synth.py
import it (it imports no kgquery module)."""

from __future__ import annotations

import re

UNCOUNTABLE = {
    "hardware",
    "software",
    "equipment",
    "information",
    "data",
    "furniture",
    "money",
    "news",
    "series",
    "species",
    "staff",
    "personnel",
    "music",
    "evidence",
    "research",
    "metadata",
}


def plural_word(w: str, plain: bool = False) -> str:
    """One word's plural. The one place kgquery forms English plurals.

    `plain=True`: the simpler rules the synthesised training questions have always used (any final
    's' is taken as plural, no uncountable nouns, endings compared as written), kept so that
    `kgquery tune synth` writes the same pairs as before.

    >>> [plural_word(w) for w in ["supplier", "city", "day", "box", "address", "class", "hardware", "borders"]]
    ['suppliers', 'cities', 'days', 'boxes', 'addresses', 'classes', 'hardware items', 'borders']
    >>> [plural_word(w, plain=True) for w in ["city", "box", "class", "hardware", ""]]
    ['cities', 'boxes', 'class', 'hardwares', '']
    """
    if plain:
        if not w or w.endswith("s"):
            return w
        lw = w
    else:
        lw = w.lower()
        if lw in UNCOUNTABLE:
            return w + " items"
        if lw.endswith("s") and not lw.endswith(("ss", "us", "is")):
            return w  # already plural ("borders")
        if lw.endswith("s"):
            return w + "es"
    if lw.endswith(("x", "z", "ch", "sh")):
        return w + "es"
    if lw.endswith("y") and len(lw) > 1 and lw[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def plain_plural(word: str) -> str:
    """A class label's plural by the plain rules (see `plural_word`), for synthesised questions.

    >>> plain_plural("country"), plain_plural("city"), plain_plural("language"), plain_plural("box"), plain_plural("day")
    ('countries', 'cities', 'languages', 'boxes', 'days')
    """
    return plural_word(word, plain=True)


#: English plurals no rule makes ("people" names the class "Person")
IRREGULAR_PLURALS = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "mice": "mouse",
    "geese": "goose",
    "feet": "foot",
    "teeth": "tooth",
}


def singular(word: str) -> str:
    """A crude English singular, enough for class words and plural names.

    >>> [singular(w) for w in ["authors", "boxes", "libraries", "class", "bus", "ids", "people", "children"]]
    ['author', 'box', 'library', 'class', 'bus', 'id', 'person', 'child']
    """
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word in ("ids", "ads"):  # plurals of two-letter nouns
        return word[:2]
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


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
            words[i - 1] = plural_word(words[i - 1])
            return " ".join(words)
    words[-1] = plural_word(words[-1])
    return " ".join(words)


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def informativeness(word: str) -> float:
    """How much a word says, 0.1-1, from its rank in wordninja's English word frequencies: everyday words
    ('use', 'people', 'live') say little, rare ones ('gdp', 'salary') much; unknown words count as rare."""
    try:
        import wordninja
    except ImportError:  # pragma: no cover - a declared dependency
        return 1.0
    cost = wordninja.DEFAULT_LANGUAGE_MODEL._wordcost.get(word.lower())
    if cost is None:
        return 1.0
    return max(0.1, min(1.0, (cost - 6.0) / 5.0))
