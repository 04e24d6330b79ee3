"""Question text analysis: tokens, word forms, and the cues that decide a query's shape.

General English only: nothing here knows a graph or a benchmark.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..graph.labels import normalize, words_as_read
from ..wording import (
    is_adjective,
    singular,
    verb_form,
    verb_lemma,
)  # one module owns English number (also importable from here)
from .lexicon import attribute_nouns

STOPWORDS = set(
    """a an the of in on at to for from by with and or is are was were be been do does did
what which who whom whose where when how many much that this these those there their its it his her our
we you i me my your us they them has have had having can could would should will shall may might any some all
each every per give show list tell find get please also as about than then into onto via
currently exist exists need want not no never without""".split()
)
QUESTION_WORDS = {"what", "which", "who", "whom", "whose", "where", "when", "how"}
ASK_STARTS = {"is", "are", "do", "does", "did", "was", "were", "can", "has", "have", "had", "could", "will"}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir"}

#: English adjectives whose superlative ranks from the low end; every other superlative ranks from the top.
#: The property ranked is not decided here: the adjective itself ('large', 'expensive') is matched
#: against the graph's own property names and descriptions (linking.py).
LOW_END = {
    "small",
    "little",
    "low",
    "short",
    "few",
    "cheap",
    "light",
    "young",
    "slow",
    "poor",
    "narrow",
    "shallow",
    "near",
    "close",
    "early",
    "thin",
    "weak",
    "cold",
    "cool",
    "soft",
    "dark",
    "quiet",
    "least",
    "min",
    "minimum",
    "bad",
    "worst",
}
#: adjectives of amount: their superlative ranks how many things there are ("the fewest flights")
COUNT_ADJECTIVES = {"many", "few"}
#: words between a superlative and the class it counts ("the most number of degrees")
COUNT_NOUNS = {"number", "of", "count", "amount", "different"}
#: ordinal words before a superlative: which place in the ranking is asked for
RANKS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
#: irregular superlatives -> their adjective
IRREGULAR = {
    "best": "good",
    "worst": "bad",
    "most": "many",
    "least": "few",
    "furthest": "far",
    "farthest": "far",
    "fewest": "few",
    "biggest": "big",
    "hottest": "hot",
    "fattest": "fat",
    "thinnest": "thin",
    "wettest": "wet",
    "latest": "late",
    "largest": "large",
    "widest": "wide",
    "closest": "close",
    "cheapest": "cheap",
    "priciest": "pricy",
    "heaviest": "heavy",
    "earliest": "early",
    "busiest": "busy",
    "happiest": "happy",
    "easiest": "easy",
}
#: '-est' words that are not superlatives
NOT_SUPERLATIVE = {
    "best",
    "interest",
    "forest",
    "honest",
    "modest",
    "request",
    "guest",
    "rest",
    "test",
    "west",
    "contest",
    "harvest",
    "protest",
    "suggest",
    "latest",
    "arrest",
    "chest",
    "nest",
    "quest",
    "invest",
    "digest",
    "manifest",
    "southwest",
    "northwest",
    "midwest",
    "earnest",
    "pest",
    "vest",
}
AGGREGATE_WORDS = {
    "average": "AVG",
    "mean": "AVG",
    "avg": "AVG",
    "total": "SUM",
    "sum": "SUM",
    "combined": "SUM",
    "overall": "SUM",
    "minimum": "MIN",
    "min": "MIN",
    "maximum": "MAX",
    "max": "MAX",
}
#: nouns for the data as a whole ('in the collection', 'in our database'): they narrow nothing down
DATA_WORDS = {"collection", "database", "dataset", "data", "catalogue", "catalog", "records", "register", "archive"}
#: words that say the values are added up ('how much do they cover together'), carried out by a sum
SUMMING_WORDS = {"together", "altogether", "collectively", "cumulatively"}
#: aggregate words naming an extreme: "has the maximum X" ranks things by X
EXTREME_WORDS = {w for w, a in AGGREGATE_WORDS.items() if a in ("MIN", "MAX")}
COMPARATIVES_GT = {
    "more",
    "greater",
    "larger",
    "bigger",
    "higher",
    "over",
    "above",
    "exceeds",
    "exceed",
    "exceeding",
    "heavier",
    "taller",
    "longer",
    "older",
    "wider",
    "deeper",
}
#: units of measure and money: a number followed by one is a value, never a count of things
UNITS = set(
    """euro euros eur dollar dollars usd pound pounds gbp yen yuan franc francs cent cents percent pct
kg kilo kilos kilogram kilograms g gram grams mg tonne tonnes ton tons lb lbs ounce ounces oz km kilometre kilometres
kilometer kilometers m metre metres meter meters cm mm mile miles ft foot feet inch inches yard yards sqkm km2 m2
hectare hectares acre acres l litre litres liter liters ml gallon gallons s sec second seconds min minute minutes
h hour hours day days week weeks month months year years kmh mph w watt watts kw kwh v volt volts a amp amps hz
mhz ghz kb mb gb tb byte bytes degree degrees c f k""".split()
)
COMPARATIVES_LT = {
    "less",
    "fewer",
    "smaller",
    "lower",
    "under",
    "below",
    "lighter",
    "shorter",
    "younger",
    "narrower",
    "cheaper",
}


def superlative_adjective(word: str) -> str | None:
    """The adjective of an English superlative ('largest' -> 'large', 'heaviest' -> 'heavy'), else None.

    >>> [superlative_adjective(w) for w in ["tallest", "heaviest", "largest", "forest", "best", "deepest"]]
    ['tall', 'heavy', 'large', None, None, 'deep']
    """
    w = word.lower()
    if w in IRREGULAR and w not in ("best", "most", "least"):
        return IRREGULAR[w]
    if w in NOT_SUPERLATIVE or len(w) < 5 or not w.endswith("est"):
        return None
    base = w[:-3]
    if base.endswith("i"):
        return base[:-1] + "y"
    if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
        return base[:-1]  # 'hottest' -> 'hot'
    return next((adj for adj in (base, base + "e") if is_adjective(adj)), base)  # 'strangest' -> strange


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
    compare: tuple[str, float, int] | None = None  # (op, number, token position)
    group: int | None = None  # token position of the group word ('per', 'each')
    #: the group word is a unit of time ('each year', 'per day'): a rate when the number asked for is stored
    #: ('how many passengers use X each year': its annual passengers), else a group by time
    per_time: bool = False
    aggregate: str | None = None  # the first of `aggregates`
    aggregates: list[str] = field(default_factory=list)  # AVG, SUM, MIN, MAX in the order asked
    between: tuple[float, float] | None = None  # "between 5000 and 10000"
    order: bool = False  # "ordered by age", "sorted by name": a sort, not a pick
    #: that sort: ('ASC' or 'DESC', the word naming the key or '' for the names read out)
    order_by: tuple[str, str] | None = None
    negation: bool = False
    negated_at: int = -1  # token position of the first 'not'/'no'/'without'
    negations: int = 0  # how many: "do not speak English and whose government is not a republic" says two
    numbers: list[float] = field(default_factory=list)
    exists: bool = False  # "is there any ...", "does ... exist": any one will do
    comparative: tuple[str, str, int] | None = None  # ('>' or '<', adjective, position): "larger than", no number
    #: ('>' or '<', the word naming the number, position): "heavier than average", "population above the average"
    above_average: tuple[str, str, int] | None = None
    unit: str | None = None  # "less than 8 euros": the compared number is a measure
    top: int | None = None  # "the 5 largest", "top three": how many a superlative keeps
    top_at: int = -1  # token position of that number
    skip: int = 0  # "the second tallest": how many come before the one asked for
    also_time: tuple[str, float, int] | None = None  # a year compared beside the comparison above: (op, year, at)
    #: a second number compared after the first ('an elevation above 3000 and a prominence above 1000')
    also_compare: tuple[str, float, int] | None = None
    #: a value shared by two groups that two comparisons pick ('the citizenship shared by singers born before
    #: 1945 and singers born after 1955'): the second comparison, (op, number, position); the first is `compare`
    shared: tuple[str, float, int] | None = None
    #: the word each aggregate applies to ("total population and average area": SUM population, AVG area)
    aggregate_of: dict[str, str] = field(default_factory=dict)
    #: numbers that state a value ("with 8 cylinders", "made in 1974"): (number, the word naming it, position)
    measures: list[tuple[float, str, int]] = field(default_factory=list)
    #: the compared number is a year ("built before 1980", "since 2001"): it is compared with a date or year
    compare_time: bool = False
    #: the day a comparison with a month or a date stops at ("admitted after March 2024": 2024-03-31), ISO,
    #: and the positions of the date's words (no value or thing to link)
    compare_day: str | None = None
    compare_day_at: range = range(0)
    #: "placed in June 2024": the last day of the month, the comparison (>= its first day) being a range
    compare_until: str | None = None
    #: "at least one": either things are counted ("with at least one car maker") or one merely exists
    #: ("a BOM with at least one part from ..."); the generator picks, and either reading honours it
    at_least_one: bool = False
    #: texts inside a value ("the word 'Garden' in its title", "names starting with 'Ma'"): (mode, text,
    #: first token, end token) with mode 'contains', 'starts' or 'ends'; their words are no things to link
    texts: list[tuple[str, str, int, int]] = field(default_factory=list)
    #: "the first student to register", "the last transcript": ('ASC' or 'DESC', position); a superlative of
    #: time when a class follows and has a date, which the generator knows ("the first name" is no such thing)
    ordinal: tuple[str, int] | None = None
    #: two numbers of the same thing compared ("wider than they are tall", "whose width is greater than their
    #: height"): ('>' or '<', the word naming the left number, the word naming the right one)
    versus: tuple[str, str, str] | None = None
    #: the question asks for a time: 'when ...', 'what year ...', 'in which year ...'
    asks_time: bool = False
    #: the question asks for a place ('where ...'): a number, a date or a yes/no is no answer to it
    asks_place: bool = False
    #: the question asks for someone ('who ...', 'by whom ...'): a number or a date is no answer to it
    asks_person: bool = False
    #: how far apart two things' numbers are: ('>' or '<', the comparative's adjective or '', position) for
    #: 'how much higher is A than B' (A's number less B's), 'the difference in height between A and B' ('')
    difference: tuple[str, str, int] | None = None


#: nouns of time: 'what year', 'which date' ask for a time as 'when' does
TIME_WORDS = {"date", "year", "time", "day", "month", "when"}


_AFTER_TIME_WORD = {"", "did", "does", "do", "was", "were", "is", "are", "will", "had", "has", "of", "in", "on"}


def _asks_time(low: list[str]) -> bool:
    """'when ...', 'what year ...', 'in which year ...'."""
    toks = low[1:] if low[:1] in (["in"], ["on"], ["at"]) else low
    if toks[:1] == ["when"]:
        return True
    # "what year did ...", not "which year group has ...": the time word is the whole noun asked for
    after = toks[2] if len(toks) > 2 else ""
    return len(toks) > 1 and toks[0] in ("what", "which") and toks[1] in TIME_WORDS and after in _AFTER_TIME_WORD


@dataclass
class Question:
    text: str
    tokens: list[str]  # normalised words
    raw_tokens: list[str]  # as typed (for identifiers and capitalisation)
    cues: Cues

    def content_positions(self) -> list[int]:
        inside = self.text_positions()
        if self.tokens[:1] == ["name"] and self.tokens[1:2] and self.tokens[1] in _DETERMINERS:
            inside = inside | {0}  # "Name the last artist to be born": a request, like 'list', naming nothing
        return [i for i, t in enumerate(self.tokens) if t not in STOPWORDS and t not in TITLES and i not in inside]

    def text_positions(self) -> set[int]:
        """The tokens of substring phrases ("starting with 'Ma'"): a text to find inside values, not a word."""
        return {i for _, _, a, b in self.cues.texts for i in range(a, b)}


_NUM = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_DETERMINERS = {"the", "all", "every", "each", "a", "an", "any", "some", "one", "two", "three", "five", "ten"}


NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "hundred": 100,
}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "k": 1e3, "m": 1e6}
#: one-letter multipliers, which are also units ('m' for metres): a multiplier only before the noun counted
ABBREVIATED_MULTIPLIERS = {"k", "m"}


def _fold_numbers(raw: list[str]) -> list[str]:
    """'20 million' -> '20000000', 'one million' -> '1000000', '1,5' stays a decimal.

    >>> _fold_numbers(["more", "than", "20", "million", "people"])
    ['more', 'than', '20000000', 'people']
    >>> _fold_numbers(["taller", "than", "1.9", "m"]), _fold_numbers(["over", "2", "m", "people"])
    (['taller', 'than', '1.9', 'm'], ['over', '2000000', 'people'])
    """
    out: list[str] = []
    for k, r in enumerate(raw):
        low = r.lower()
        nxt = raw[k + 1].lower() if k + 1 < len(raw) else ""
        if low in ABBREVIATED_MULTIPLIERS and not (nxt.isalpha() and nxt not in STOPWORDS):
            out.append(r)  # "taller than 1.9 m": metres; "0.5 m inhabitants": a million of something
            continue
        if low in MULTIPLIERS and out and (_NUM.match(out[-1]) or out[-1].lower() in NUMBER_WORDS):
            prev = out.pop()
            base = float(NUMBER_WORDS.get(prev.lower(), prev.replace(",", ".") if _NUM.match(prev) else 0))
            v = base * MULTIPLIERS[low]
            out.append(str(int(v)) if v == int(v) else str(v))
        else:
            out.append(r)
    return out


def comparative_adjective(word: str) -> str | None:
    """The adjective of an English comparative ('larger' -> 'large', 'heavier' -> 'heavy'), else None.

    >>> [comparative_adjective(w) for w in ["larger", "heavier", "bigger", "older", "longer", "water", "number"]]
    ['large', 'heavy', 'big', 'old', 'long', None, None]
    """
    w = word.lower()
    if w in ("more", "less", "fewer", "greater", "over", "above", "under", "below", "exceeds", "exceed", "exceeding"):
        return None
    if w not in COMPARATIVES_GT and w not in COMPARATIVES_LT:
        return _measuring_comparative(w)
    return _er_base(w)


def _er_base(w: str) -> str:
    """The adjective before '-er' ('heavier' -> heavy, 'bigger' -> big, 'longer' -> long, 'wider' -> wide)."""
    base = w[:-2]
    if base.endswith("i"):
        return base[:-1] + "y"
    if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
        return base[:-1]
    for adj in (base, base + "e"):  # 'longer' -> long, 'stranger' -> strange: the one WordNet knows
        if is_adjective(adj):
            return adj
    if base.endswith(("rg", "rs", "ng", "pl", "bl", "ur", "ar", "iv")) or w in ("wider", "larger", "closer"):
        return base + "e"
    return base


def _measuring_comparative(w: str) -> str | None:
    """'faster', 'hotter', 'stronger': an '-er' word outside the lists above whose adjective WordNet says measures
    something (fast -> speed), else None. Words of time ('later', 'newer') are left to the year comparisons."""
    if len(w) < 5 or not w.endswith("er") or w in TIME_COMPARATIVES:
        return None
    adj = _er_base(w)
    nouns = attribute_nouns(adj) if is_adjective(adj) else ()
    return adj if nouns and not {"timing", "age"} & set(nouns) else None


def comparative_sign(word: str, following: str = "than") -> str | None:
    """'>' or '<' for a comparative ('more', 'lower', and any measuring '-er' word followed by 'than': 'faster
    than', 'slower than'), else None; the low end of a scale ('slower', 'cheaper') compares with '<'.

    >>> [comparative_sign(w) for w in ("larger", "fewer", "faster", "slower", "water", "later")]
    ['>', '<', '>', '<', None, None]
    >>> comparative_sign("faster", "trains") is None
    True
    """
    w = word.lower()
    if w in COMPARATIVES_GT:
        return ">"
    if w in COMPARATIVES_LT:
        return "<"
    adj = _measuring_comparative(w) if following == "than" else None
    return None if adj is None else "<" if adj in LOW_END else ">"


def _is_adjective_like(word: str) -> bool:
    """English adjective endings ('expensive', 'reliable', 'populous', 'recent'): 'most X' ranks by X's
    property, not by a count of Xs."""
    return word.endswith(("ive", "ble", "ous", "ful", "ent", "ant", "al", "ic", "ar", "ed", "ing", "y"))


def _adjective_of_adverb(word: str) -> str | None:
    """The adjective of an adverb in -ly ('recently' -> 'recent', 'heavily' -> 'heavy'), else None.

    >>> _adjective_of_adverb("recently"), _adjective_of_adverb("heavily"), _adjective_of_adverb("only")
    ('recent', 'heavy', None)
    """
    if len(word) < 6 or not word.endswith("ly"):
        return None
    return word[:-3] + "y" if word.endswith("ily") else word[:-2]


#: words after which a number says how many the answer holds ("top 3", "which 2 countries", "list 5 ...")
TOP_OPENERS = {"top", "which", "what", "list", "name", "show", "give", "find", "return", "first"}


#: words between a property's name and the value stated for it ("whose weight is 3500", "a weight of either 3500")
_STATING = {"is", "are", "was", "were", "be", "of", "equals", "equal", "to", "either", "exactly"}


def _measures(low: list[str], taken: set[int], c: Cues) -> list[tuple[float, str, int]]:
    """Numbers that state a value: followed by the word naming it ("8 cylinders"), after it ("whose weight is
    3500", "a weight of 3500"), or years ("in 1974"). A number joined to one of these by "or" states another
    value for the same word ("8 or 6 cylinders", "is either 1948 or 1949").

    >>> _measures("cars with 8 cylinders made in 1974".split(), set(), Cues())
    [(8.0, 'cylinders', 2), (1974.0, 'year', 6)]
    >>> _measures("cars whose weight is either 3500 or 2100".split(), set(), Cues())
    [(3500.0, 'weight', 5), (2100.0, 'weight', 7)]
    >>> _measures("stadiums with concerts in both 2014 and 2015".split(), set(), Cues())
    [(2014.0, 'year', 5), (2015.0, 'year', 7)]
    """
    if c.between:
        return []
    out = []
    for i, w in enumerate(low):
        if not _NUM.match(w) or any(abs(i - t) <= 3 for t in taken if t >= 0):
            continue
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if nxt and nxt not in STOPWORDS and not _NUM.match(nxt) and nxt not in UNITS:
            out.append((float(w), nxt, i))
        elif (
            w.isdigit()
            and len(w) == 4
            and 1000 <= int(w) <= 2100
            and i > 0
            and (
                low[i - 1] in ("in", "on", "during", "of", "from", "year", "years")
                or low[i - 2 : i] in (["in", "both"], ["of", "both"])
            )
        ):
            out.append((float(w), "year", i))  # a four-digit number after 'in' or 'on' is a year
        elif (named := _named_before(low, i)) is not None:
            out.append((float(w), named, i))
    at = {i for _, _, i in out}
    for v, word, i in list(out):
        for j in (i - 2, i + 2):  # "8 or 6 cylinders", "either 1948 or 1949", "in both 2014 and 2015"
            if not 0 <= j < len(low) or j in at or not _NUM.match(low[j]):
                continue
            mid = low[(i + j) // 2]
            if mid == "or" or (mid == "and" and "both" in low[max(0, min(i, j) - 1) : min(i, j)]):
                out.append((float(low[j]), word, j))
                at.add(j)
    return sorted(out, key=lambda m: m[2])


def _named_before(low: list[str], i: int) -> str | None:
    """The word a number is stated for, before it: 'weight' in "whose weight is 3500"."""
    j = i - 1
    while j >= 0 and low[j] in _STATING:
        j -= 1
    if j == i - 1 or j < 0 or low[j] in STOPWORDS or _NUM.match(low[j]):
        return None
    return low[j]


def _top_count(low: list[str], at: int) -> tuple[int | None, int]:
    """How many a superlative keeps when the words say ("the 5 largest", "the three most expensive", "top 10
    ... highest"), with the number's position; (None, -1) for one.

    >>> _top_count("the 5 largest countries".split(), 2), _top_count("the top three most expensive".split(), 4)
    ((5, 1), (3, 2))
    >>> _top_count("names of the 3 countries with the fewest".split(), 7)
    (3, 3)
    >>> _top_count("which of the two is cheapest".split(), 5), _top_count("of the 4 cylinder cars the most".split(), 6)
    ((None, -1), (None, -1))
    """
    for j in range(at - 1, max(0, at - 8) - 1, -1):
        w = low[j]
        n = NUMBER_WORDS.get(w) if w in NUMBER_WORDS else (int(w) if w.isdigit() else None)
        if n is None or not 1 < n <= 1000:
            continue
        before = low[j - 1] if j > 0 else ""
        # 'the 3 countries with the fewest' counts them; 'which of the two is cheapest' picks one
        # ... but 'the 4 cylinder cars' is a kind of car: the counted noun is plural
        counted = (
            before == "the"
            and j + 1 < at
            and singular(low[j + 1]) != low[j + 1]
            and not (j > 2 and low[j - 2] == "of" and low[j - 3] in ("which", "who", "what", "one"))
        )
        # next to the superlative, after 'top', or opening the question's noun ("which 2 products ... most")
        if j == at - 1 or low[j + 1] in ("most", "least", "top") or before in TOP_OPENERS or counted:
            return n, j
    return None, -1


def _superlative_at(low: list[str], i: int) -> tuple[str, str, int] | None:
    """(direction, adjective or '', position) when token i opens a superlative ('largest', 'most X')."""
    t = low[i]
    if t in ("least", "most") and i > 0 and low[i - 1] == "at":
        return None  # "at least 10 flights" bounds a number; it ranks nothing
    rest_free = all(w in STOPWORDS for w in low[i + 1 :]) or (low[0] in ("who", "which") and "or" in low[i + 2 :])
    if t in ("first", "last") and i > 1 and low[i - 1] not in STOPWORDS and rest_free:  # "born first, A or B?"
        return ("ASC" if t == "first" else "DESC", "early" if t == "first" else "late", i)  # "born first"
    if t in ("best", "worst") and i + 1 < len(low) and low[i + 1] in AGGREGATE_WORDS:
        return ("DESC" if t == "best" else "ASC", "", i)  # "the best average reliability": ranks the average
    if t in ("best", "worst") and 0 < i < len(low) - 1 and low[i - 1] == "the" and low[i + 1] not in STOPWORDS:
        return ("DESC" if t == "best" else "ASC", low[i + 1], i)  # "the best rating": the highest rating
    if (
        t in EXTREME_WORDS
        and 1 < i < len(low) - 1
        and low[i - 1] == "the"
        and low[i - 2] in ("has", "have", "had", "having", "with")
        and low[i + 1] not in STOPWORDS
    ):
        # "which car has the minimum horsepower": the thing with the extreme value, not the value itself
        return ("ASC" if AGGREGATE_WORDS[t] == "MIN" else "DESC", low[i + 1], i)
    adj = superlative_adjective(t)
    if adj is not None:
        # "the largest number of X", "the fewest X": a count is ranked, not a property the adjective names
        counted = adj in COUNT_ADJECTIVES or low[i + 1 : i + 3] in (["number", "of"], ["count", "of"])
        # "the greatest amount of languages": an amount of things (a plural) is their count
        counted |= low[i + 1 : i + 3] == ["amount", "of"] and i + 3 < len(low) and singular(low[i + 3]) != low[i + 3]
        return ("ASC" if adj in LOW_END else "DESC", "" if counted else adj, i)
    if t in ("most", "least") and i > 1 and low[i - 1] == "the" and all(w in STOPWORDS for w in low[i + 1 :]):
        return ("DESC" if t == "most" else "ASC", "", i)  # "the singer who is worth the most": the verb names it
    if t in ("most", "least") and i + 1 < len(low) and superlative_adjective(low[i + 1]) is None:
        nxt = low[i + 1]
        # "the most expensive X" names a property by its adjective; "the most books" counts
        named = (
            nxt not in STOPWORDS
            and nxt not in COUNT_NOUNS | {"distinct"}  # "the most different animals" counts them
            and not _NUM.match(nxt)
            and not (i + 2 < len(low) and low[i + 2] in ("of", "in", "from", "for"))
        )
        adverb = _adjective_of_adverb(nxt)  # "founded most recently" ranks by what 'recent' measures
        if named and adverb:
            return ("DESC" if t == "most" else "ASC", adverb, i + 1)
        return ("DESC" if t == "most" else "ASC", nxt if named and _is_adjective_like(nxt) else "", i + 1)
    return None


def _compare_at(low: list[str], i: int, c: Cues) -> None:
    """'more than 20', 'not over 5', 'no less than 3000', 'at least 3 kg' from comparative token i: sets
    c.compare and c.unit. Number words after it become digits in `low`."""
    t = low[i]
    for j in range(i + 1, min(i + 4, len(low))):
        if (
            low[j] in NUMBER_WORDS
            and low[j] != "one"
            or (low[j] == "one" and j + 1 < len(low) and low[j + 1] not in ("other", "of"))
        ):
            low[j] = str(NUMBER_WORDS[low[j]])
        if _NUM.match(low[j]):
            op = comparative_sign(t) or ">"
            if i > 0 and low[i - 1] in ("not", "no"):  # 'not over 5', 'no more than 4000': at most
                op = TURNED[op]
            if i > 1 and low[i - 2] == "at" and low[i - 1] in ("least", "most"):
                op = ">=" if low[i - 1] == "least" else "<="
            c.compare = (op, float(low[j]), i)
            if j + 1 < len(low) and low[j + 1] in UNITS:
                c.unit = low[j + 1]
            return


def _second_compare(low: list[str], first: int) -> tuple[str, float, int] | None:
    """A number compared after the comparison at `first`: (op, number, position), or None.

    >>> _second_compare("mountains with an elevation above 3000 and a prominence above 1000".split(), 4)
    ('>', 1000.0, 9)
    >>> _second_compare("countries with more than 5 languages".split(), 2) is None
    True
    """
    for i in range(first + 2, len(low) - 1):
        if comparative_sign(low[i], low[i + 1]):
            found = Cues()
            _compare_at(low, i, found)
            if found.compare:
                return found.compare
    return None


#: units of time: after 'each' or 'per' they may make a rate ('passengers each year') rather than a group
TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "annum", "quarter", "decade"}

#: words that negate what follows them: "not", "without", "countries outside Europe", "all but ... except"
NEGATIONS = {"not", "no", "without", "never", "outside", "except", "excluding"}


def _rate(low: list[str], i: int) -> bool:
    """'miles per gallon', 'euros per kg', 'GDP per capita': 'per' between units (or before 'capita') makes
    a rate, a unit of its own, not a grouping ('the average price per supplier').

    >>> _rate("the average miles per gallon".split(), 3), _rate("the average price per supplier".split(), 3)
    (True, False)
    """
    if low[i] != "per" or i + 1 >= len(low):
        return False
    return low[i + 1] == "capita" or (i > 0 and low[i - 1] in UNITS and low[i + 1] in UNITS)


def _each_alone(low: list[str], i: int) -> bool:
    """'how many templates correspond to each?', 'each of them', 'in each one': 'each' names no group itself,
    it points back at what the question asked for first."""
    rest = low[i + 1 :]
    return not rest or rest[:1] == ["one"] or rest[:2] in (["of", "them"], ["of", "these"], ["of", "those"])


def _first_asked(low: list[str]) -> int:
    """Where the first thing asked for begins, after the opening words ('what are the different template
    codes ...' -> 'template').

    >>> _first_asked("what are the different template type codes and how many templates correspond to each".split())
    4
    """
    skip = {"different", "distinct", "unique", "various", "all", "every"}
    return next((j for j, w in enumerate(low) if j > 0 and w not in STOPWORDS and w not in skip), len(low))


def _their_owner(low: list[str]) -> int | None:
    """'the names of singers and the total sales of their songs', 'students and the number of their pets':
    an aggregate of *their* things is one per owner, the thing asked for first.

    >>> _their_owner("show the names of singers and the total sales of their songs".split())
    2
    """
    for i, t in enumerate(low):
        if t == "their" and any(AGGREGATE_WORDS.get(w) or w == "number" for w in low[max(0, i - 4) : i]):
            return _first_asked(low)
    return None


def _grouped_by(low: list[str], i: int) -> bool:
    """'by' after the things counted or summed names the groups ('count the missions by status', 'the total
    sales by region', 'grouped by'); after another verb it names a doer ('the books written by X', 'sorted by').

    >>> _grouped_by("count the missions by status".split(), 3)
    True
    >>> _grouped_by("how many books were written by tove".split(), 5)
    False
    """
    if not 0 < i < len(low) - 1 or low[i + 1] in STOPWORDS:
        return False
    before = low[i - 1]
    return before in ("grouped", "broken", "split") or (before not in STOPWORDS and not verb_form(before))


def _for_every(low: list[str], i: int) -> bool:
    """'for every concert', 'for (all) the different cylinders', 'for various types': a group like 'each'.

    >>> _for_every("the maximum accelerate for all the different cylinders".split(), 6)
    True
    >>> _for_every("the names of different singers".split(), 3)
    False
    """
    if low[i] not in ("every", "different", "various") or i + 1 >= len(low):
        return False
    k = i - 1
    while k >= 0 and low[k] in ("all", "the") and i - k <= 2:
        k -= 1
    return k >= 0 and low[k] == "for"


def _name_spans(tokens: list[str], names: frozenset[tuple[str, ...]]) -> set[int]:
    """Positions of the tokens that spell one of `names` ('the best finishes of ...': 'best finish')."""
    if not names:
        return set()
    words = [singular(t) for t in tokens]
    out: set[int] = set()
    for i in range(len(words)):
        for name in names:
            if tuple(words[i : i + len(name)]) == name:
                out.update(range(i, i + len(name)))
    return out


def _summed(low: list[str]) -> str | None:
    """The amount a question of a sum asks for ('how much surface area ...', 'what is the area of ...'), '' when
    it names none ('how much do ...'), None when the question asks for no amount."""
    if low[:2] == ["how", "much"]:
        return low[2] if len(low) > 3 and low[2] not in STOPWORDS else ""
    if len(low) > 4 and low[0] == "what" and low[1] in ("is", "was", "are", "were") and low[2] == "the":
        return "" if low[3] in STOPWORDS else low[3]
    return None


def _read_token(c: Cues, low: list[str], i: int, named: bool = False) -> None:
    """The cues one token opens: numbers, superlatives, groups, aggregates, negation, comparisons. `named`: the
    word is part of a name ("Quai Ouest", "Mount Everest"), so it ranks nothing where it ends like a superlative."""
    t = low[i]
    if _NUM.match(t):
        try:
            c.numbers.append(float(t))
        except ValueError:
            pass
    if c.superlative is None and not named:
        c.superlative = _superlative_at(low, i)
    if t in ("first", "last") and c.ordinal is None and 0 < i < len(low) - 1 and low[i - 1] == "the":
        nxt = low[i + 1]
        if nxt not in STOPWORDS and not _NUM.match(nxt) and nxt not in NUMBER_WORDS:
            c.ordinal = ("ASC" if t == "first" else "DESC", i)
    elif t in ("first", "last") and c.ordinal is None and low[0] == "when" and i + 1 < len(low):
        if low[i - 1] not in STOPWORDS and verb_form(low[i + 1]):  # 'when was RT-G2 last serviced': the latest time
            c.ordinal = ("ASC" if t == "first" else "DESC", i)
    if t in ("per", "each") and c.group is None and not _rate(low, i):
        c.group = _first_asked(low) if t == "each" and _each_alone(low, i) else i + 1
        c.per_time = c.group < len(low) and singular(low[c.group]) in TIME_UNITS
    elif c.group is None and t == "by" and (c.count or c.aggregates) and _grouped_by(low, i):
        c.group = i + 1  # "count the missions by status": per status
    elif c.group is None and _for_every(low, i):
        # "the maximum accelerate for different numbers of cylinders": per number of cylinders
        c.group = i + 3 if low[i + 1 : i + 3] in (["number", "of"], ["numbers", "of"]) else i + 1
    agg = AGGREGATE_WORDS.get(t)
    if agg == "SUM" and low[i + 1 : i + 2] in (["number"], ["count"]):
        agg = None  # "the total number of singers" counts them; nothing is summed
    if agg and agg not in c.aggregates:
        c.aggregates.append(agg)
        after = next((w for w in low[i + 1 : i + 4] if w not in STOPWORDS and w not in AGGREGATE_WORDS), "")
        if after and not _NUM.match(after):
            c.aggregate_of[agg] = after
    asked = _summed(low) if t in SUMMING_WORDS | {"combined"} and low[i + 1 : i + 2] != ["with"] else None
    if asked is not None:
        # "how much surface area do the countries in the Caribbean cover together", "what is the area of all the
        # enclosures together": the amounts added up
        if "SUM" not in c.aggregates:
            c.aggregates.append("SUM")
        if asked and "SUM" not in c.aggregate_of:
            c.aggregate_of["SUM"] = asked
    if (t in NEGATIONS or (t == "than" and low[i - 1] == "other")) and i > 0:  # "countries other than France"
        c.negations += 1
        if not c.negation:
            c.negation, c.negated_at = True, i
    if c.compare is None and comparative_sign(t, low[i + 1] if i + 1 < len(low) else ""):
        _compare_at(low, i, c)
        if c.compare and c.compare[2] == i:
            _turned_not_negated(c, i)


#: words that put a year before or after another: the comparison they make
TIME_COMPARATIVES = {
    "before": "<",
    "prior": "<",
    "earlier": "<",
    "until": "<=",
    "till": "<=",
    "after": ">",
    "later": ">",
    "since": ">=",
}


def _compare_year(low: list[str], c: Cues) -> None:
    """'built before 1980', 'since 2001', 'later than 1999': a comparison with a year.

    >>> c = Cues(); _compare_year("cars made before 1980".split(), c); c.compare, c.compare_time
    (('<', 1980.0, 2), True)
    """
    found = _time_compared(low)
    if found:
        op, date, i, _ = found
        c.compare, c.compare_time = (op, float(date[0]), i), True
        _turned_not_negated(c, i)
        c.compare_day, c.compare_day_at = day_compared(found) or (None, range(0))
        return
    month = _in_month(low)
    if month:  # "orders placed in June 2024": from its first day to its last
        i, y, m = month
        c.compare, c.compare_time = (">=", float(y), i), True
        c.compare_day, c.compare_day_at = f"{y:04d}-{m:02d}-01", range(i + 1, i + 3)
        c.compare_until = f"{y:04d}-{m:02d}-{_month_end(y, m):02d}"


def _month_end(year: int, month: int) -> int:
    """The last day of a month."""
    import calendar

    return calendar.monthrange(year, month)[1]


def _in_month(low: list[str]) -> tuple[int, int, int] | None:
    """(position of 'in', year, month) of 'in June 2024' / 'during March 2020', else None.

    >>> _in_month("orders placed in june 2024".split())
    (2, 2024, 6)
    """
    for i, w in enumerate(low[:-2]):
        if w in ("in", "during") and low[i + 1] in MONTHS and _YEAR.fullmatch(low[i + 2]):
            return i, int(low[i + 2]), MONTHS[low[i + 1]]
    return None


MONTHS = {
    m: k + 1
    for k, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_YEAR = re.compile(r"1\d{3}|20\d{2}")


def _date_at(low: list[str], j: int) -> tuple[int, int, int, int] | None:
    """(year, month, day, words) of the date written from position j: '2024', 'march 2024', '1 march 2024',
    'march 1 2024' or an ISO date (its hyphens gone, '20240301'); month and day 0 when not given."""
    w = low[j] if j < len(low) else ""
    nxt = low[j + 1 : j + 4] + ["", "", ""]
    if _YEAR.fullmatch(w):
        return int(w), 0, 0, 1
    iso = re.fullmatch(r"(1\d{3}|20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", w)
    if iso:
        return int(iso[1]), int(iso[2]), int(iso[3]), 1
    if w in MONTHS and _YEAR.fullmatch(nxt[0]):
        return int(nxt[0]), MONTHS[w], 0, 2
    if w in MONTHS and re.fullmatch(r"[12]?\d|3[01]", nxt[0]) and _YEAR.fullmatch(nxt[1]):
        return int(nxt[1]), MONTHS[w], int(nxt[0]), 3
    if re.fullmatch(r"[12]?\d|3[01]", w) and nxt[0] in MONTHS and _YEAR.fullmatch(nxt[1]):
        return int(nxt[1]), MONTHS[nxt[0]], int(w), 3
    return None


def _year_compared(low: list[str]) -> tuple[str, float, int] | None:
    """(op, year, position of the comparing word) of the first comparison with a year or a date, else None."""
    found = _time_compared(low)
    return (found[0], float(found[1][0]), found[2]) if found else None


def _shared_compare(low: list[str], c: Cues) -> tuple[str, float, int] | None:
    """The second comparison of a value shared by two groups ('shared by', 'in common', 'common to'), after an
    'and' that follows the first: two years, or two numbers.

    >>> c = Cues(compare=("<", 1945.0, 6), compare_time=True)
    >>> _shared_compare("the citizenship shared by singers born before 1945 and after 1955".split(), c)
    ('>', 1955.0, 9)
    """
    if not c.compare or not (
        {"shared", "share"} & set(low) or "in common" in " ".join(low) or "common to" in " ".join(low)
    ):
        return None
    first = c.compare[2]
    if "and" not in low[first + 1 :]:
        return None
    if c.compare_time:
        found = _time_compared(low[first + 2 :])
        return (found[0], float(found[1][0]), found[2] + first + 2) if found else None
    return c.also_compare or _second_compare(low, first)


def _time_compared(low: list[str]) -> tuple[str, tuple[int, int, int, int], int, int] | None:
    """(op, the date stated with its word count, position of the comparing word, of the date)."""
    for i, w in enumerate(low):
        op = TIME_COMPARATIVES.get(w)
        if op is None:
            continue
        if i > 1 and low[i - 1] == "or":  # 'in 2022 or later', 'in March 2024 or earlier': the date itself too
            for start in range(max(0, i - 5), i - 1):
                date = _date_at(low, start)
                if date and start + date[3] == i - 1:
                    return (">=" if op in (">", ">=") else "<=", date, i, start)
        j = i + 1
        while j < len(low) and low[j] in ("than", "to", "the", "year", "of"):
            j += 1
        date = _date_at(low, j)
        if date:
            if i > 0 and low[i - 1] in ("not", "no"):  # 'no earlier than 2000', 'not before 1990': turned round
                op = TURNED[op]
            return (op, date, i, j)
    return None


#: a comparison turned round by 'not' / 'no' right before it ('no later than' is 'until')
TURNED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def _turned_not_negated(c: Cues, at: int) -> None:
    """'no more than 50 minutes', 'no earlier than 2000': the only negation, right before the comparing word at
    `at`, turned the comparison round (TURNED) and leaves nothing out."""
    if c.negated_at == at - 1 and c.negations == 1:
        c.negation, c.negated_at, c.negations = False, -1, 0


def day_compared(found: tuple[str, tuple[int, int, int, int], int, int] | None) -> tuple[str, range] | None:
    """The day a comparison with a month or a date (`found`: what `_time_compared` read) stops at ('after March
    2024' -> '2024-03-31', 'before 1 March 2024' -> '2024-03-01'), for dates, and the positions of the date's
    words; None for a bare year.

    >>> [day_compared(_time_compared(s.split())) for s in ("admitted after march 2024", "born since 2 may 1990")]
    [('2024-03-31', range(2, 4)), ('1990-05-02', range(2, 5))]
    """
    if not found or not found[1][1]:
        return None
    op, (y, m, d, n), _, j = found
    if not d:
        d = _month_end(y, m) if op in (">", "<=") else 1
    return f"{y:04d}-{m:02d}-{d:02d}", range(j, j + n)


def _read_ranges(c: Cues, low: list[str], joined: str, raw: list[str] = ()) -> None:
    """'at least 3', 'between 5 and 10', 'ordered by', and what a superlative ranks by ('by area')."""
    if c.compare is None:
        m = re.search(r"\bat (least|most) (-?\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")\b", joined)
        if m:
            n = m.group(2)
            c.at_least_one = m.group(1) == "least" and n in ("one", "1")
            c.compare = (
                ">=" if m.group(1) == "least" else "<=",
                float(NUMBER_WORDS.get(n, n)),
                len(joined[: m.start()].split()),
            )
    if c.compare is None:  # "2 or more paragraphs", "three or fewer"
        m = re.search(r"\b(-?\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r") or (more|fewer|less)\b", joined)
        if m:
            n = m.group(1)
            op = ">=" if m.group(2) == "more" else "<="
            c.compare = (op, float(NUMBER_WORDS.get(n, n)), len(joined[: m.start()].split()))
    if c.compare is None:
        m = re.search(r"\bexactly (-?\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")\b", joined)
        if m:
            n = m.group(1)
            c.compare = ("=", float(NUMBER_WORDS.get(n, n)), len(joined[: m.start()].split()))
    m = re.search(r"\bbetween (-?\d+(?:\.\d+)?) and (-?\d+(?:\.\d+)?)", joined) or re.search(
        r"\b(\d+) to (\d+)\b(?![.,]\d)", joined
    )  # "documents with 1 to 2 paragraphs", "built from 1970 to 1975": a range, as 'between'
    if m:
        lo, hi = sorted((float(m.group(1)), float(m.group(2))))
        c.between, c.compare = (lo, hi), None
        # "completed between 1940 and 2000", "built from 1970 to 1975": two years after a verb bound a time
        at = len(joined[: m.start()].split())
        opener = at - 1 if low[at : at + 1] != ["between"] and at > 0 and low[at - 1] == "from" else at
        years = all(re.fullmatch(r"1\d{3}|20\d{2}", g) for g in m.groups())
        c.compare_time = years and opener > 0 and verb_form(low[opener - 1])
    if re.search(
        r"\b(order(ed)?|sort(ed)?) by\b|\b(descending|ascending|alphabetical|reverse) order\b|\bin order of\b", joined
    ):
        c.order, c.superlative = True, None
        c.order_by = _order_key(low)
    elif c.superlative and _ranked_first(low, c.superlative[2]):
        # "the articles by price, cheapest first", "from the oldest to the youngest": all of them, in that order
        d, adj, i = c.superlative
        by = next((w for w in low[low.index("by") + 1 :] if w not in STOPWORDS), "") if "by" in low else ""
        c.order, c.superlative, c.order_by = True, None, (d, by or adj)
    if c.superlative:
        # "the smallest country by area": the word after 'by' names what is ranked
        d, hint, i = c.superlative
        for j in range(i + 1, min(i + 7, len(low) - 1)):
            if low[j] == "by" and verb_form(low[j - 1]):
                break  # "the most expensive product sold by Hallberg": who sold it, not what ranks
            if low[j] == "by":
                k = j + 2 if low[j + 1] in ("the", "its", "their", "total") and j + 2 < len(low) else j + 1
                if not _NUM.match(low[k]) and not (len(raw) == len(low) and _in_name(raw, k)):
                    # "the most recent paper by Ada Kerr": a name after 'by' says whose, not what ranks
                    c.superlative = (d, low[k], i)
                break
        c.aggregates = [a for a in c.aggregates if a in ("AVG", "SUM")]  # "highest average X" ranks by X
        c.top, c.top_at = _top_count(low, c.superlative[2])
        at = c.superlative[2]
        if c.top is None and at > 0 and low[at - 1] in RANKS:  # "the second tallest building": one, after one
            c.top, c.skip = 1, RANKS[low[at - 1]] - 1


def _ranked_first(low: list[str], i: int) -> bool:
    """The superlative at i orders a list instead of picking one: 'cheapest first', 'from (the) oldest to ...'.

    >>> _ranked_first("list the articles by price cheapest first".split(), 5)
    True
    """
    k = i - 1
    while k >= 0 and low[k] in ("most", "least", "the"):
        k -= 1
    return low[i + 1 : i + 2] == ["first"] or (k >= 0 and low[k] == "from" and "to" in low[i + 1 :])


def _order_key(low: list[str]) -> tuple[str, str]:
    """The direction and key word of a sort: 'ordered by age from the oldest' -> ('DESC', 'age'), 'in
    descending order of capacity' -> ('DESC', 'capacity'), 'in reverse alphabetical order' -> ('DESC', '').

    >>> _order_key("list the names of singers ordered by ascending net worth".split())
    ('ASC', 'net worth')
    >>> _order_key("show stations ordered by dock count from most to least".split())
    ('DESC', 'dock count')
    """
    desc = any(w in ("descending", "reverse", "reversed", "decreasing", "desc") for w in low)
    for i, w in enumerate(low[:-2]):
        first = low[i + 2] if low[i + 1] == "the" else low[i + 1]
        if w != "from" or "to" not in low[i + 2 : i + 5]:
            continue
        adj = superlative_adjective(first) or {"most": "many", "least": "few"}.get(first)
        if adj:  # "from the oldest to the youngest", "from the lightest to the heaviest", "from most to least"
            desc = adj not in LOW_END
    word = ""
    for i, w in enumerate(low[:-1]):
        if w in ("by", "of") and i > 0 and low[i - 1] in ("ordered", "sorted", "order", "sort"):
            rest = [t for t in low[i + 1 :] if t not in STOPWORDS and t not in ("ascending", "descending", "their")]
            word = " ".join(rest[:2])
            break
    return ("DESC" if desc else "ASC", word)


def _than_average(low: list[str]) -> tuple[str, str, int] | None:
    """'heavier than average', 'a population greater than the average population', 'below the mean':
    (op, the word naming the number, position of the comparative)."""
    for i, t in enumerate(low[:-1]):
        adj = comparative_adjective(t)
        if not (t in COMPARATIVES_GT or t in COMPARATIVES_LT or adj):
            continue
        # 'more pages than the average': a noun may stand between 'more' and 'than'
        noun = 1 if t in ("more", "less", "fewer") and i + 1 < len(low) and low[i + 1] not in STOPWORDS else 0
        at = next((j for j in range(i + 1, min(i + 4 + noun, len(low))) if low[j] in ("average", "mean")), None)
        if at is None or any(w not in ("than", "the", "an", "a", "that", "of") for w in low[i + 1 + noun : at]):
            continue
        op = comparative_sign(t) or ">"
        after = " ".join(itertools.takewhile(lambda w: w not in STOPWORDS, low[at + 1 : at + 4]))  # 'ward population'
        k = i - 1
        while k >= 0 and low[k] in STOPWORDS and i - k <= 2:  # 'whose gross tonnage is above': past 'is'
            k -= 1
        run = []  # the words naming the number, all of them ('gross tonnage', not only 'tonnage')
        while k >= 0 and low[k] not in STOPWORDS and len(run) < 3:
            run.insert(0, low[k])
            k -= 1
        before = " ".join(run)
        if t in ("more", "less", "fewer") and i + 1 < at and low[i + 1] not in STOPWORDS:
            before = low[i + 1]
        word = after if after and not _NUM.match(after) else " ".join(w for w in (before, adj) if w)
        return (op, word, i)
    return None


_PRONOUNS = {"they", "it", "he", "she"}
_BE = {"are", "is", "was", "were", "be"}
_POSSESSIVES = {"its", "their", "his", "her"}


def _versus(low: list[str]) -> tuple[str, str, str] | None:
    """'wider than they are tall', 'longer than it is wide', 'a width greater than its height': two numbers of one
    thing compared with each other, as (op, left word, right word). Only these explicit forms: "larger than
    France" compares with another thing, "wider than tall" could be either.

    >>> _versus("which items are wider than they are tall".split())
    ('>', 'wide', 'tall')
    >>> _versus("products whose price is lower than their cost".split())
    ('<', 'price', 'cost')
    >>> _versus("countries larger than france".split()) is None
    True
    """
    for i in range(len(low) - 3):
        t = low[i]
        op = comparative_sign(t, low[i + 1])
        if low[i + 1] != "than" or not op:
            continue
        adj = comparative_adjective(t)
        after = low[i + 2 : i + 5]
        if adj and after[0] in _PRONOUNS and after[1] in _BE and after[2:] and after[2] not in STOPWORDS:
            return (op, adj, after[2])
        noun = low[i - 2] if i >= 2 and low[i - 1] in _BE else low[i - 1] if i >= 1 else ""
        if after[0] in _POSSESSIVES and after[1] not in STOPWORDS and noun and noun not in STOPWORDS:
            return (op, noun, after[1])
        if after[0] == "the" and noun and noun not in STOPWORDS:
            found = _versus_phrases(low, i)
            if found:
                return (op, *found)
    return None


def _versus_phrases(low: list[str], i: int) -> tuple[str, str] | None:
    """'the away goals were more than the home goals': the two words before the verb and the two after 'than
    the' name two numbers of one thing when they share their noun and the second ends the clause ('longer than
    the Essel' compares with another thing, 'the age of X' is another thing's).

    >>> _versus_phrases("matches where the away goals were more than the home goals".split(), 6)
    ('away goals', 'home goals')
    """
    if low[i - 1] not in _BE:
        return None  # "is the northern line longer than the coastal line": two things compared
    end = i - 1
    left = [w for w in low[max(0, end - 2) : end] if w not in STOPWORDS]
    right = []
    for w in low[i + 3 : i + 5]:
        if w in STOPWORDS:
            break
        right.append(w)
    nxt = low[i + 3 + len(right)] if i + 3 + len(right) < len(low) else ""
    # one noun with two modifiers ('away goals', 'home goals'): two numbers of one thing, not another thing
    if not left or not right or nxt in ("of", "in", "for") or left == right or left[-1] != right[-1]:
        return None
    return " ".join(left), " ".join(right)


def _difference(low: list[str]) -> tuple[str, str, int] | None:
    """'how much higher is A than B', 'how many metres longer is A than B': (op, adjective, position); 'what is
    the difference in height between A and B': ('>', '', position of 'difference'). None otherwise.

    >>> _difference("how much higher is mount kelvar than drakspitze".split())
    ('>', 'high', 2)
    >>> _difference("how many years older is ann than bo".split())
    ('>', 'old', 3)
    >>> _difference("how many rivers are longer than the essel".split()) is None
    True
    """
    if low[:2] == ["how", "much"]:
        at = 2
    elif low[:2] == ["how", "many"] and len(low) > 3 and low[2] in UNITS:
        at = 3
    else:
        at = -1
    if 0 <= at < len(low) and "than" in low[at + 1 :]:
        adj = comparative_adjective(low[at])
        if adj and low[at] not in ("more", "less", "fewer"):
            return (comparative_sign(low[at]) or ">", adj, at)
    if "difference" in low and "between" in low[low.index("difference") :]:
        return (">", "", low.index("difference"))
    return None


def _comparative(low: list[str]) -> tuple[str, str, int] | None:
    """'larger than', 'more populous than', 'which is larger, A or B' with no number: (op, adjective, position)."""
    for i, t in enumerate(low[:-1]):
        adj = comparative_adjective(t)
        if t in ("more", "less") and low[i + 1] not in STOPWORDS and _is_adjective_like(low[i + 1]):
            adj = low[i + 1]  # "more populous than", "which is more populous, A or B"
        elif (
            (t in ("more", "less", "fewer") or (not adj and (t in COMPARATIVES_GT or t in COMPARATIVES_LT)))
            and low[i + 1] not in STOPWORDS
            and ("than" in low[i + 2 : i + 4] or (low[0] in ("which", "what", "who") and "or" in low[i + 2 :]))
        ):
            # "more inhabitants than Germany", "a greater area than", "which has more people, A or B": the noun
            adj = low[i + 1]
        elif t in ("more", "less", "fewer") and low[i + 1] == "than" and i > 0 and low[i - 1] not in STOPWORDS:
            adj = low[i - 1]  # "a population less than any country in Asia": the noun before names it
        if adj and "than" in low[i + 1 : i + 4]:
            return (comparative_sign(t) or ">", adj, i)
        if adj and low[0] in ("which", "what", "who") and "or" in low[i + 1 :]:
            return (
                comparative_sign(t) or ">",
                adj,
                i,
            )  # "which is larger, A or B?"
    return None


#: words that shape a query rather than name anything in the graph (besides the cue words above)
STRUCTURE_WORDS = {
    "number",
    "count",
    "distinct",
    "different",
    "type",
    "types",
    "kind",
    "kinds",
    "sort",
    "one",
    "ones",
    "between",
    "either",
    "both",
    "shared",  # "the citizenship shared by singers born before 1945 and after 1955": in both groups
    "share",
    "common",
    "unique",
    "various",
    "equal",
    "equals",
    "exactly",
}
#: words that order the rows ("ordered by age", "in reverse alphabetical order"): a sort, not a thing
ORDER_WORDS = {
    "order",
    "ordered",
    "sorted",
    "descending",
    "ascending",
    "alphabetical",
    "alphabetically",
    "reverse",
    "reversed",
    "lexicographical",
    "lexicographic",
}


def is_structure_word(word: str) -> bool:
    """A word that says how to ask (a count, an order, a comparison, an aggregate), not what about."""
    return (
        word in STRUCTURE_WORDS
        or word in ORDER_WORDS
        or word in AGGREGATE_WORDS
        or word in COMPARATIVES_GT
        or word in COMPARATIVES_LT
        or word in NUMBER_WORDS
        or word in ("most", "least", "top")
        or superlative_adjective(word) is not None
        or _NUM.match(word) is not None
    )


#: pronouns naming whoever asks: in a company's graph, the company itself ('the services we offer')
SPEAKERS = {"we", "i"}


def asks_how(tokens: list[str], i: int) -> bool:
    """Token i says how to ask, not what about, so no property need explain it: a structure word; the
    request that opens the question ('Return the names ...', 'Name the cities ...', 'please list'); or a verb
    whose subject is the asker ('the most expensive service we offer', 'what do we sell'), which says the
    things are the asker's own, as the graph holding them already means.

    >>> [asks_how("return the services we offer between 2 and 5".split(), i) for i in (0, 2, 4, 5)]
    [True, False, True, True]
    """
    w = tokens[i]
    if is_structure_word(w):
        return True
    if not verb_form(w):
        return False
    opening = i == 0 or (i == 1 and tokens[0] == "please")
    return (opening and verb_lemma(w) == w) or (i > 0 and tokens[i - 1] in SPEAKERS)


def _superlatives_per_group(low: list[str], c: Cues) -> None:
    """'Per product category, the lightest and heaviest item': within groups, superlatives that name a
    property are its minimum and maximum per group, not one thing ranked over all.

    >>> c = analyse("per category, what is the lightest and heaviest item").cues
    >>> c.aggregates, c.aggregate_of, c.superlative
    (['MIN', 'MAX'], {'MIN': 'light', 'MAX': 'heavy'}, None)
    """
    found = [s for i in range(len(low)) if (s := _superlative_at(low, i)) and s[1] and s[2] == i]
    if not found:
        return
    for direction, adj, _ in found:
        agg = "MAX" if direction == "DESC" else "MIN"
        if agg not in c.aggregates:
            c.aggregates.append(agg)
            c.aggregate_of[agg] = adj
    c.superlative, c.top, c.top_at = None, None, -1


def _in_name(raw: list[str], i: int) -> bool:
    """Token i is a capitalised word beside another one inside the sentence: part of a name.

    >>> [_in_name("parked at Quai Ouest".split(), 3), _in_name("the Largest city".split(), 1)]
    [True, False]
    """

    def cap(k: int) -> bool:
        return 0 < k < len(raw) and raw[k][:1].isupper() and not raw[k].isupper()

    return cap(i) and (cap(i - 1) or cap(i + 1))


_QUOTE = "'\"\u2018\u2019\u201c\u201d`"
_QUOTED = rf"[{_QUOTE}]([^{_QUOTE}]{{1,60}})[{_QUOTE}]"
#: what names a piece of text: "the word", "the letter", "the substring"
_TEXT_NOUN = r"(?:the\s+|a\s+)?(?:words?|letters?|sub-?strings?|strings?|texts?|phrases?|characters?|prefix|suffix)"
_BARE = r"(?:(?:the|a|an)\s+)?([\w\-]+)"
_TEXT_CUES = [
    # "contains the word X", "has the substring X", "with the letter 'w'", "including the text 'Korea'"
    (
        "contains",
        rf"\b(?:contain(?:s|ing|ed)?|includ(?:e|es|ing|ed)|ha(?:s|ve|ving)|with)\s+{_TEXT_NOUN}\s+(?:{_QUOTED}|{_BARE})",
    ),
    ("contains", rf"\b(?:contain(?:s|ing|ed)?|includ(?:e|es|ing|ed))\s+{_QUOTED}"),  # "contains 'whale'"
    ("starts", rf"\b(?:start|begin)(?:s|ning|ing|ned|ed)?\s+with\s+(?:{_TEXT_NOUN}\s+)?(?:{_QUOTED}|{_BARE})"),
    ("ends", rf"\bend(?:s|ing|ed)?\s+(?:with|in)\s+(?:{_TEXT_NOUN}\s+)?(?:{_QUOTED}|{_BARE})"),
]


def _raw_tokens(text: str) -> list[str]:
    """The words as typed ('Brazil’s' as 'Brazil's': a typographic apostrophe inside a word is an apostrophe).

    >>> _raw_tokens("Give me Brazil’s population")
    ['Give', 'me', "Brazil's", 'population']
    """
    text = re.sub(r"(?<=\w)\u2019(?=\w)", "'", text)
    # "Bill-of-Material", "well-known": words joined by hyphens are words, as labels are read ("bill of
    # material"); a code ("WH-0077") or a single letter ("e-mail", "X-ray") stays one token
    return _fold_numbers([r.rstrip(".") for r in words_as_read(text)])


def _substrings(text: str) -> list[tuple[str, str, int, int]]:
    """Texts to find inside values: "with the word 'Hey' in its title", "names starting with 'Ma'".

    A bare word is taken only after a word for text ("the letter w") or when it is short ("starting with
    Al"); otherwise the text must be quoted, so "countries that contain the most cities" and "the war that
    ended with a treaty" stay relations.

    >>> _substrings("Which titles have the word 'Hey' in them?")
    [('contains', 'Hey', 2, 6)]
    >>> _substrings("names starting with Al"), _substrings("regions that contain France")
    ([('starts', 'Al', 1, 4)], [])
    """
    out: list[tuple[str, str, int, int]] = []
    taken: set[int] = set()
    for mode, pattern in _TEXT_CUES:
        for m in re.finditer(pattern, text, re.I):
            quoted, bare = m.group(1), m.group(2) if m.re.groups > 1 else None
            value = quoted if quoted is not None else bare
            if not value or not value.strip() or m.start() in taken:
                continue
            if quoted is None and not re.search(_TEXT_NOUN, m.group(0), re.I) and len(value) > 3:
                continue
            taken.add(m.start())
            a, b = len(_raw_tokens(text[: m.start()])), len(_raw_tokens(text[: m.end()]))
            if quoted is not None:
                b = len(_raw_tokens(text[: m.end() + 1]))  # the closing quote
            out.append((mode, value.strip(), a, b))
    out.sort(key=lambda t: t[2])
    return out


def analyse(text: str, names: frozenset[tuple[str, ...]] = frozenset()) -> Question:
    """Tokenise a question and read its cues. `names`: names of several words (singular, lower case) that the
    graph gives its properties ('best finish', 'highest rank'): written out, their words rank nothing."""
    raw = _raw_tokens(text)
    # "Norway's", "what's": the word itself (a possessive or a contracted 'is' adds no word to link or read)
    tokens = [
        normalize(re.sub(r"'s$", "", r, flags=re.I)).replace(" ", "") if not _NUM.match(r) else r.replace(",", ".")
        for r in raw
    ]
    # "haven't", "didn't", "cannot": the auxiliary says nothing of its own, the 'not' does
    tokens = ["not" if re.fullmatch(r"[a-z]+n[’']t|cannot", r.lower()) else t for r, t in zip(raw, tokens)]
    in_names = _name_spans(tokens, names)
    c = Cues()
    low = tokens
    if low and low[0] in ASK_STARTS:
        c.ask = True
    joined = " ".join(low)
    # "the number of authors" counts; "the phone number of Tom" names an attribute
    before_number = "the|a|and|total|overall|me|what|of|by|find|get|show|give|return|list|tell"
    # "count the students", "the count of ..."; but "the dock count of each station" names an attribute
    counted = rf"(?:^|\b(?:{before_number}|their|its)\s)(?:count\b|number of\b)"
    if re.search(rf"\bhow many\b|{counted}", joined):
        c.count, c.ask = True, False
    for i in range(len(low)):
        _read_token(c, low, i, named=_in_name(raw, i) or i in in_names)
    if c.group and low[c.group - 1] == "by" and raw[c.group][:1].isupper():
        c.group = None  # "how many pieces by Emilio Dastre": who made them, not groups
    _read_ranges(c, low, joined, raw)
    if c.compare is None and c.between is None:
        _compare_year(low, c)
    elif c.compare and not c.compare_time:  # "released after 2015 with a rating above 7": both hold
        found = _year_compared(low)
        c.also_time = found if found and found[2] != c.compare[2] else None
        c.also_compare = None if c.also_time else _second_compare(low, c.compare[2])
    c.shared = _shared_compare(low, c)
    taken = {c.top_at, c.compare[2] if c.compare else -1, c.also_time[2] if c.also_time else -1}
    taken.add(c.shared[2] if c.shared else -1)
    taken.add(c.also_compare[2] if c.also_compare else -1)
    c.measures = _measures(low, taken, c)
    if c.group is not None and c.superlative and not c.aggregates:
        _superlatives_per_group(low, c)
    c.aggregate = c.aggregates[0] if c.aggregates else None
    c.exists = bool(re.search(r"^(is|are|was|were) there\b|\bexists?\b|\bany\b", joined)) and (
        c.ask or joined.startswith(("is there", "are there"))
    )
    if c.compare is None and c.between is None:
        c.above_average = _than_average(low)
        if c.above_average and sum(t in ("average", "mean") for t in low) == 1:
            c.aggregates = [a for a in c.aggregates if a != "AVG"]  # the average is compared with, not returned
            c.aggregate_of.pop("AVG", None)
            c.aggregate = c.aggregates[0] if c.aggregates else None
    if c.compare is None and c.between is None and c.above_average is None:
        c.comparative = _comparative(low)
    if c.group is None and (c.count or c.aggregates) and not c.superlative:  # "the top 5 by their average" ranks
        c.group = _their_owner(low)
    c.texts = _substrings(text)
    c.asks_time = _asks_time(low)
    c.asks_place = low[:1] == ["where"]
    c.asks_person = low[:1] in (["who"], ["whom"]) or (len(low) > 1 and low[1] == "whom")
    c.difference = _difference(low)
    if c.difference:  # 'how much higher is A than B': a number, not a count nor a comparison
        c.count = False
        c.comparative = None
    c.versus = _versus(low)
    if c.versus:
        c.comparative = None  # the other side is a number of the same thing, not another thing's
    return Question(text=text, tokens=tokens, raw_tokens=raw, cues=c)
