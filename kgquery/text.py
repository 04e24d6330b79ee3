"""Question text analysis: tokens, word forms, and the cues that decide a query's shape.

General English only: nothing here knows a graph or a benchmark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import normalize

STOPWORDS = set("""a an the of in on at to for from by with and or is are was were be been do does did
what which who whom whose where when how many much that this these those there their its it his her our
we you i me my your us they them has have had can could would should will shall may might any some all
each every per give show list tell find get please also as about than then into onto via
offer offers available currently exist exists need want""".split())
QUESTION_WORDS = {"what", "which", "who", "whom", "whose", "where", "when", "how"}
ASK_STARTS = {"is", "are", "do", "does", "did", "was", "were", "can", "has", "have", "had", "could", "will"}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir"}

#: superlative word -> (direction, hint words that name the property)
SUPERLATIVES = {
    "cheapest": ("ASC", "price cost amount"), "priciest": ("DESC", "price cost amount"),
    "heaviest": ("DESC", "weight mass"), "lightest": ("ASC", "weight mass"),
    "largest": ("DESC", "area size population volume"), "biggest": ("DESC", "area size population volume"),
    "smallest": ("ASC", "area size population volume"), "tallest": ("DESC", "height"),
    "shortest": ("ASC", "length height duration"), "longest": ("DESC", "length duration"),
    "oldest": ("DESC", "age"), "youngest": ("ASC", "age"), "newest": ("DESC", "date year"),
    "highest": ("DESC", ""), "lowest": ("ASC", ""), "greatest": ("DESC", ""), "fewest": ("ASC", ""), "widest": ("DESC", "width"), "narrowest": ("ASC", "width"),
    "deepest": ("DESC", "depth"), "shallowest": ("ASC", "depth"), "fastest": ("DESC", "speed"),
    "slowest": ("ASC", "speed"), "richest": ("DESC", "gdp income wealth"), "poorest": ("ASC", "gdp income"),
    "populous": ("DESC", "population"), "expensive": ("DESC", "price cost amount"),
    "reliable": ("DESC", "reliability"),
}
AGGREGATE_WORDS = {"average": "AVG", "mean": "AVG", "avg": "AVG", "total": "SUM", "sum": "SUM",
                   "combined": "SUM", "overall": "SUM", "minimum": "MIN", "min": "MIN",
                   "maximum": "MAX", "max": "MAX"}
COMPARATIVES_GT = {"more", "greater", "larger", "bigger", "higher", "over", "above", "exceeds", "exceed",
                   "exceeding", "heavier", "taller", "longer", "older", "wider", "deeper"}
COMPARATIVES_LT = {"less", "fewer", "smaller", "lower", "under", "below", "lighter", "shorter",
                   "younger", "narrower", "cheaper"}
#: general English words that point at common property names
HINTS = {
    "telephone": "phone", "tel": "phone", "mail": "email", "e-mail": "email", "cost": "price",
    "costs": "price", "expensive": "price", "cheap": "price", "heavy": "weight", "weighs": "weight",
    "big": "area", "bigger": "area", "size": "area", "wide": "width", "tall": "height", "high": "height", "deep": "depth", "long": "length",
    "populous": "population", "people": "population", "inhabitants": "population", "lives": "population",
    "speak": "language", "spoken": "language", "speaks": "language", "money": "currency",
    "boss": "manager", "manages": "manager", "managed": "manager", "located": "location",
    "where": "location", "city": "locality", "town": "locality", "born": "birth",
    "expert": "expertise", "experts": "expertise", "skill": "expertise", "skills": "expertise",
    "works": "member", "work": "member", "belongs": "member", "deliver": "supplier",
    "delivers": "supplier", "supplies": "supplier", "supply": "supplier", "sells": "supplier",
    "neighbours": "borders", "neighbors": "borders", "neighbouring": "borders", "neighboring": "borders",
    "border": "borders", "bordering": "borders", "adjacent": "borders",
}


def singular(word: str) -> str:
    """A crude English singular, enough for class words and plural names.

    >>> [singular(w) for w in ["suppliers", "switches", "countries", "class", "bus"]]
    ['supplier', 'switch', 'country', 'class', 'bus']
    """
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def stem(word: str) -> str:
    """A light stem for matching question words to property words.

    >>> stem("expertise") == stem("experts")
    False
    >>> stem("delivers"), stem("located")
    ('deliv', 'locat')
    """
    w = singular(word.lower())
    for suf in ("ing", "ed", "er", "ly"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


@dataclass
class Cues:
    """What the wording says about the query shape."""

    ask: bool = False
    count: bool = False
    superlative: tuple[str, str, int] | None = None  # (direction, hint words, token position)
    compare: tuple[str, float, int] | None = None    # (op, number, token position)
    group: int | None = None                          # token position of the group word ('per', 'each')
    aggregate: str | None = None                      # the first of `aggregates`
    aggregates: list[str] = field(default_factory=list)  # AVG, SUM, MIN, MAX in the order asked
    between: tuple[float, float] | None = None        # "between 5000 and 10000"
    order: bool = False                               # "ordered by age", "sorted by name": a sort, not a pick
    negation: bool = False
    numbers: list[float] = field(default_factory=list)


@dataclass
class Question:
    text: str
    tokens: list[str]           # normalised words
    raw_tokens: list[str]       # as typed (for identifiers and capitalisation)
    cues: Cues

    def content_positions(self) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t not in STOPWORDS and t not in TITLES]


_NUM = re.compile(r"^-?\d+(?:[.,]\d+)?$")


NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "k": 1e3, "m": 1e6}


def _fold_numbers(raw: list[str]) -> list[str]:
    """'20 million' -> '20000000', 'one million' -> '1000000', '1,5' stays a decimal.

    >>> _fold_numbers(["more", "than", "20", "million", "people"])
    ['more', 'than', '20000000', 'people']
    """
    out: list[str] = []
    for r in raw:
        low = r.lower()
        if low in MULTIPLIERS and out and (_NUM.match(out[-1]) or out[-1].lower() in NUMBER_WORDS):
            prev = out.pop()
            base = float(NUMBER_WORDS.get(prev.lower(), prev.replace(",", ".") if _NUM.match(prev) else 0))
            v = base * MULTIPLIERS[low]
            out.append(str(int(v)) if v == int(v) else str(v))
        else:
            out.append(r)
    return out


def analyse(text: str) -> Question:
    """Tokenise a question and read its cues."""
    raw = re.findall(r"[\w][\w\-./@%']*[\w]|[\w]", text)
    raw = _fold_numbers([r.rstrip(".") for r in raw])
    tokens = [normalize(r).replace(" ", "") if not _NUM.match(r) else r.replace(",", ".") for r in raw]
    c = Cues()
    low = tokens
    if low and low[0] in ASK_STARTS:
        c.ask = True
    joined = " ".join(low)
    # "the number of suppliers" counts; "the phone number of Tom" names an attribute
    if re.search(r"\bhow many\b|\bcount\b|(?:^|\b(?:the|a|total|overall|me|what|of|by)\s)number of\b", joined):
        c.count, c.ask = True, False
    for i, t in enumerate(low):
        if _NUM.match(t):
            try:
                c.numbers.append(float(t))
            except ValueError:
                pass
        if t in SUPERLATIVES and c.superlative is None:
            if t == "expensive" and not (i > 0 and low[i - 1] == "most"):
                continue
            if t in ("populous", "reliable") and not (i > 0 and low[i - 1] in ("most", "least")):
                continue
            d, hint = SUPERLATIVES[t]
            if i > 0 and low[i - 1] == "least":
                d = "ASC" if d == "DESC" else "DESC"
            c.superlative = (d, hint, i)
        if t in ("most", "least") and c.superlative is None and i + 1 < len(low) and low[i + 1] not in SUPERLATIVES:
            c.superlative = ("DESC" if t == "most" else "ASC", "", i + 1)
        if t in ("per", "each") and c.group is None:
            c.group = i + 1
        agg = AGGREGATE_WORDS.get(t)
        if agg and agg not in c.aggregates:
            c.aggregates.append(agg)
        if t in ("not", "no", "without", "never") and i > 0:
            c.negation = True
        if (t in COMPARATIVES_GT or t in COMPARATIVES_LT) and c.compare is None:
            for j in range(i + 1, min(i + 4, len(low))):
                if low[j] in NUMBER_WORDS and low[j] != "one" or (low[j] == "one" and j + 1 < len(low) and low[j + 1] not in ("other", "of")):
                    low[j] = str(NUMBER_WORDS[low[j]])
                if _NUM.match(low[j]):
                    op = ">" if t in COMPARATIVES_GT else "<"
                    if i > 0 and low[i - 1] == "not":
                        op = "<=" if op == ">" else ">="
                    if i > 1 and low[i - 2] == "at" and low[i - 1] in ("least", "most"):
                        op = ">=" if low[i - 1] == "least" else "<="
                    c.compare = (op, float(low[j]), i)
                    break
    if c.compare is None:
        m = re.search(r"\bat (least|most) (-?\d+(?:\.\d+)?)", joined)
        if m:
            c.compare = (">=" if m.group(1) == "least" else "<=", float(m.group(2)), len(joined[: m.start()].split()))
    m = re.search(r"\bbetween (-?\d+(?:\.\d+)?) and (-?\d+(?:\.\d+)?)", joined)
    if m:
        lo, hi = sorted((float(m.group(1)), float(m.group(2))))
        c.between, c.compare = (lo, hi), None
    if re.search(r"\b(order(ed)?|sort(ed)?) by\b|\b(descending|ascending|alphabetical|reverse) order\b|\bin order of\b", joined):
        c.order, c.superlative = True, None
    if c.superlative:
        # "the smallest country by area": the word after 'by' names what is ranked
        d, hint, i = c.superlative
        for j in range(i + 1, min(i + 7, len(low) - 1)):
            if low[j] == "by":
                k = j + 2 if low[j + 1] in ("the", "its", "their", "total") and j + 2 < len(low) else j + 1
                if not _NUM.match(low[k]):
                    c.superlative = (d, low[k], i)
                break
        c.aggregates = [a for a in c.aggregates if a in ("AVG", "SUM")]  # "highest average X" ranks by X
    c.aggregate = c.aggregates[0] if c.aggregates else None
    return Question(text=text, tokens=tokens, raw_tokens=raw, cues=c)
