"""How sure the embedded engine is of its chosen query: signals that separate right from wrong.

A raw candidate score says how well the words fit *a* query, not whether the query is right. These
signals look at the chosen query from the outside:

* ``meaning``: cosine similarity between the question and the plain-language explanation of the query
  (sentence embeddings): a query that does something else reads differently;
* ``unexplained``: the content words that neither a linked item nor a property of the query accounts
  for ("the favourite colour of X": colour is left over), each weighed by how much it says;
* ``margin``: how far the best candidate is ahead of the best one giving a *different* result;
* ``size``/``empty``/``single``: whether the result's size fits what was asked (one thing, a list, a number);
* ``patterns``/``words``/``ask``/``count``/``rank``/``columns``: how much the query and the question
  ask for (triple patterns, content words) and the query's shape: long questions and complex shapes
  are wrong more often, on any graph;
* ``unhonoured``: the share of the wording's shape cues ('how many', 'each', 'the largest', 'more than',
  'not', 'average', 'ordered by', a yes/no opening) and of the values it states ('in 2014', 'with 8 cylinders')
  that the query does not carry out: a query that drops one answers another question, on any graph;
* ``score``: the raw score, kept as one signal among the others.

`confidence` is a logistic model over the signals in `WEIGHTS`. Its weights are fitted by bench/calibrate.py on
the development sets only (ck25, countries, the Spider4SPARQL development graphs) and judged on others;
below `ABSTAIN_BELOW` the engine abstains and shows its attempt. The other signals (``score``, ``size``,
``single``, ``patterns``, ``count``, ``columns``) are still recorded for the next fit: with each development
graph left out in turn, giving them weights lowered how well confidence ranked that graph's answers.
"""

from __future__ import annotations

import math
import re

from ..terms import TIME_TYPES, number_text
from ..wording import informativeness, is_adjective, singular, verb_form

#: abstain below this confidence: answer only when the odds of being right are 3:2 or better, since a wrong
#: answer stated as the answer costs more than an attempt shown as unsure. Chosen on the development graphs,
#: each left out of the fit in turn, as the point where coverage reaches 0.6 (bench/RESULTS.md).
ABSTAIN_BELOW = 0.6

#: fitted by bench/calibrate.py (logistic regression, L2) on the development sets ck25, countries and the
#: Spider4SPARQL development graphs (677 questions with signals, each set weighing the same); see bench/RESULTS.md
WEIGHTS = {
    "bias": -0.452,
    "meaning": 3.551,
    "unexplained": -0.957,
    "margin": 0.700,
    "empty": -1.157,
    "linked": 1.528,
    "words": -2.471,
    "rank": -0.883,
    "unhonoured": -2.472,
    "ask": 1.347,
}
FEATURES = tuple(k for k in WEIGHTS if k != "bias")


def confidence(features: dict[str, float]) -> float:
    """P(the answer is right) from the signals (missing ones count as 0)."""
    z = WEIGHTS["bias"] + sum(WEIGHTS[k] * float(features.get(k, 0.0)) for k in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def margin(tried: list, best_values: list[str], name_of=None) -> float:
    """Score lead of the best candidate over the best one whose result differs (1.0 when none differs); a
    candidate that did not run (its result None, its score the best it could reach) counts as differing.
    `name_of` (an IRI's display name): things shown by their IRIs are the same answer as their names ('Aurora
    Hall' and the room's IRI), so such a rival casts no doubt."""
    if not tried:
        return 0.0
    best = tried[0][1]
    for _sparql, s, res in tried[1:]:
        if res is None or not same_answer(best_values, res.values(), name_of):
            return max(0.0, min(1.0, best - s))
    return 1.0


def same_answer(mine: list[str], theirs: list[str], name_of=None) -> bool:
    """The same values, or (with `name_of`, an IRI's display name) the same once things are named."""
    if set(mine) == set(theirs):
        return True
    return name_of is not None and _named(set(mine), name_of) == _named(set(theirs), name_of)


def _named(values: set[str], name_of) -> set[str]:
    """The values with each IRI replaced by its display name."""
    return {name_of(v) if v.startswith(("http://", "https://", "urn:")) else v for v in values}


def unexplained(
    words: list[str], props: set[str], word_scores, named: set[str] = frozenset(), verbs: set[str] = frozenset()
) -> float:
    """How much of the free content words neither a property of the query (score >= 0.5) nor one of the
    words naming its classes (`named`) explains: the sum of their informativeness, capped at 1, so that
    an everyday word left over ('use', 'live') weighs little and a rare one ('GDP') weighs fully. `verbs`:
    the verb forms among them when the query joins things ('languages spoken in', 'flights departing
    from'): a verb says how things relate, which a link carries out without sharing its word, so it weighs
    half (bench/RESULTS.md: chosen on the development sets)."""
    return left_weight(left_over(words, props, word_scores, named), verbs)


def left_weight(left: list[str], verbs: set[str] = frozenset()) -> float:
    """`unexplained` for words already found left over (`left_over`): what they say, verbs half, capped at 1."""
    return min(1.0, sum(informativeness(w) * (0.5 if w in verbs else 1.0) for w in left))


def left_over(words: list[str], props: set[str], word_scores, named: set[str] = frozenset()) -> list[str]:
    """The words that neither a property of the query (score >= 0.5) nor a word naming its classes explains."""
    return [w for w in words if singular(w) not in named and not any(word_scores(w).get(p, 0.0) >= 0.5 for p in props)]


def shape_signals(shape: str, sparql: str, content_words: int) -> dict[str, float]:
    """The chosen query's shape (the engine's own shape names, not a graph's) and its size."""
    return {
        "patterns": sparql.count(" . ") / 5.0,
        "words": content_words / 10.0,
        "ask": float("ask" in shape),
        "count": float("count" in shape or "having" in shape),
        "rank": float("superlative" in shape or "compare" in shape or "most" in shape),
        "columns": float("columns" in shape),
    }


def size_signals(n_rows: int, boolean: bool, count_asked: bool) -> dict[str, float]:
    """Result size: log of the row count, empty, exactly one row (what 'what is'/'how many' expect)."""
    if boolean:
        return {"size": 0.0, "empty": 0.0, "single": 1.0}
    return {"size": math.log1p(n_rows), "empty": float(n_rows == 0), "single": float(n_rows == 1 or count_asked)}


_NEGATES = re.compile(r"\bNOT\s+(EXISTS|IN)\b|\bMINUS\b|!=|!\s*[A-Z]+\s*\(", re.I)


_SELECT = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*(?:WHERE\b|\{)", re.I | re.S)


def answer_properties(sparql: str) -> set[str]:
    """The properties whose values the query shows as its answer (`<p> ?v` for a variable it selects bare, not
    one it counts or sums): what the query says was asked."""
    m = _SELECT.search(sparql or "")
    if not m:
        return set()
    bare = re.findall(r"\?(\w+)", re.sub(r"\([^()]*(\([^()]*\))?[^()]*\)", " ", m.group(1)))
    return {p for v in bare for p in re.findall(rf"<([^<>\s]+)>\s+\?{v}\b", sparql)}


def _strip_terms(sparql: str) -> str:
    """The query without IRIs and quoted literals, whose text may hold '!' or 'minus' by chance."""
    return re.sub(r"<[^<>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'", " ", sparql)


def negates(sparql: str) -> bool:
    """The query negates something (NOT EXISTS, NOT IN, MINUS, !=, a negated test), outside its terms."""
    return bool(_NEGATES.search(_strip_terms(sparql)))


def subtracts(sparql: str) -> bool:
    """The query computes one number less another ('how much higher is A than B')."""
    return bool(re.search(r"\?\w+\s*-\s*\?\w+", sparql))


def _amounts(rows) -> bool:
    """Every row (of the first five) holds a number or a time: no place and no one."""
    return all(any(t is not None and (t.is_numeric or is_time(t)) for t in r) for r in rows[:5] if r)


def unhonoured(
    cues, sparql: str, shape: str = "", unnamed: bool = False, rows=(), named_rank: bool = False, stated=()
) -> float:
    """Share of the question's shape cues that the query leaves out (0 when the wording has none).
    `unnamed`: the ranking or comparing adjective stands alone and fits no property of the query ('is A
    longer than B' compared by year): its cue is not carried out, whatever the query ranks by. `rows`: the
    result, for a question asking for a time ('when did ...'), whose answer must be one. `stated`: for each
    condition the wording states outside the cues ('bookings that were cancelled', 'a date in 2024-03'),
    whether the query accounts for it (see `stated_conditions`)."""
    up = sparql.upper()
    checks = list(stated)
    if getattr(cues, "asks_time", False) and rows:
        checks.append(all(any(t is not None and is_time(t) for t in r) for r in rows[:5] if r))  # a column of times
    if getattr(cues, "asks_place", False) and rows:  # 'where ...': a place, never a number, a date or yes/no
        checks.append(not _amounts(rows))
    if getattr(cues, "asks_person", False) and rows and not cues.count and _amounts(rows):
        checks.append(False)  # 'who ...': someone, not a number (counted only when it fails: 'who' is common)
    if getattr(cues, "difference", None):  # 'how much higher is A than B': one number less another
        checks.append(subtracts(sparql))
    if cues.ask:
        checks.append(up.startswith("ASK"))
    if cues.count:
        checks.append(
            "COUNT(" in up or "+value" in shape or "+sum-" in shape
        )  # "how many pages", "how many people": a sum
    if grouping_asked(cues, shape):
        checks.append("GROUP BY" in up)
    if cues.superlative and not named_rank:  # `named_rank`: its word is one of a property name the query uses
        checks.append(any(k in up for k in ("MAX(", "MIN(", "ORDER BY")) and not unnamed)
    if (cues.compare and not cues.at_least_one) or cues.between or cues.comparative:
        checks.append(any(k in up for k in ("FILTER(", "HAVING(", "ORDER BY")) and not unnamed)
    if cues.order:  # "ordered by age", "in descending order": the rows are sorted
        checks.append("ORDER BY" in up)
    if getattr(cues, "above_average", None):
        checks.append("AVG(" in up and "FILTER(" in up)
    if cues.negation:
        checks.append(negates(sparql))
    if cues.negations >= 2:  # each 'not' its own: one negated pattern honours only one of them
        checks.append(len(_NEGATES.findall(_strip_terms(sparql))) >= 2)
    if cues.aggregates and not cues.superlative:
        # 'how many courses in total': counting the things is their total
        counted = cues.count and set(cues.aggregates) == {"SUM"} and "COUNT(" in up
        checks.append(counted or any(f"{a}(" in up for a in cues.aggregates))
    if cues.measures:  # "concerts in 2014", "with 8 cylinders": each value stated is used
        plain = re.sub(r"<[^<>\s]*>", " ", sparql)
        for value, _word, _at in cues.measures:
            checks.append(_holds_number(plain, number_text(value)))
    if not checks:
        return 0.0
    return sum(not ok for ok in checks) / len(checks)


#: forms of 'be' after which a participle or adjective states what the things are ('were cancelled', 'is open')
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being"}


def stated_conditions(
    tokens: list[str], raw: list[str], leftover: list[str], sparql: str, joined: bool = False
) -> list[bool]:
    """Conditions the wording states besides its cues, each True when the query accounts for it: a word that
    says what state the things are in, right after a form of 'be' ('how many bookings were cancelled'), is
    accounted for unless left over, and only where the query joins nothing (a link it follows may be what the
    word says: 'languages spoken in Aruba'); a value written with digits and a dash or slash ('2024-03',
    'WH-0077') is, when the query holds it."""
    left, out = set(leftover), []
    for i, t in enumerate(tokens[1:], 1):
        if not joined and tokens[i - 1] in BE_FORMS and t.isalpha() and (verb_form(t) or is_adjective(t)):
            out.append(t not in left)
        elif len(raw) == len(tokens) and re.fullmatch(r"\w*\d\w*[-/][\w\-/]*", raw[i]):
            out.append(raw[i].lower() in sparql.lower())
    return out


def _holds_number(plain: str, text: str) -> bool:
    """The query text (IRIs taken out) holds this number as a value of its own, not inside another."""
    return bool(re.search(rf"(?<![\w.]){re.escape(text)}(?![\w.])", plain))


def stated_numbers_used(tokens: list[str], sparql: str) -> set[int]:
    """Positions of the numbers the question states that the query uses as values (outside IRIs, LIMIT and
    OFFSET): a value the question gives and the query keeps grounds it as a linked name does."""
    plain = re.sub(r"<[^<>\s]*>|\b(LIMIT|OFFSET)\s+\d+", " ", sparql, flags=re.I)  # how many rows: a shape
    return {i for i, t in enumerate(tokens) if re.fullmatch(r"\d+(\.\d+)?", t) and _holds_number(plain, t)}


#: the most confidence an answer of the wrong form keeps (below ABSTAIN_BELOW: shown as an attempt)
UNFIT_CONFIDENCE = 0.3


_FIXED_TRIPLE = re.compile(r'(\?\w+) <([^<>\s]+)> ("(?:[^"\\]|\\.)*"(?:\^\^<[^<>\s]+>|@[\w-]+)?|<[^<>\s]+>) \.')


def doubled_properties(sparql: str) -> list[str]:
    """Properties the query asks one thing to have twice with different given values ('?x name "Hex Nut" . ?x
    name "Steel Bolt"'): where nothing in the graph has two such values, the query can never hold.

    >>> doubled_properties('ASK { ?x <http://e/nm> "A" . ?x <http://e/nm> "B" . }')
    ['http://e/nm']
    >>> doubled_properties('ASK { ?x <http://e/nm> "A" . ?y <http://e/nm> "B" . }')
    []
    """
    seen: dict[tuple[str, str], set[str]] = {}
    for var, prop, obj in _FIXED_TRIPLE.findall(sparql):
        seen.setdefault((var, prop), set()).add(obj)
    return sorted({prop for (_v, prop), objs in seen.items() if len(objs) > 1})


def counts_the_named(tokens: list[str], mentions, sparql: str, values: list[str]) -> str:
    """Why a count of 1 answers nothing, or '': 'how many Claw Hammers are in stock' names a thing right after
    'how many', and counting the things so named finds that one thing; how many of it there are is a number
    the graph would hold, not a count of matches."""
    if tokens[:2] != ["how", "many"] or values != ["1"] or "COUNT(" not in sparql.upper():
        return ""
    named = next((m for m in mentions if m.start == 2 and m.kind in ("entity", "value")), None)
    if named is None or (named.end < len(tokens) and singular(tokens[named.end]) != tokens[named.end]):
        return ""  # 'how many Toyota cars': the name narrows down the things counted ('cars')
    body = re.search(r"\{(.*)\}", sparql, re.S)
    kept = [t for t in (body[1] if body else "").split(" .") if t.strip() and not _TYPE_TRIPLE.match(t.strip())]
    if len(kept) != 1:
        return ""  # 'how many forwards play for X': the name is one constraint among others on what is counted
    return f"the attempt counts the things named '{named.text}' (there is one), not how many of it there are"


def grouping_asked(cues, shape: str) -> bool:
    """A number per group is asked for ('how many cities does each country have'), unless the group is a unit
    of time and the query reads the stored number ('how many passengers use X each year': a rate)."""
    rate = getattr(cues, "per_time", False) and "+value" in shape
    return cues.group is not None and bool(cues.count or cues.aggregates) and not rate


def ungrouped(cues, sparql: str, shape: str = "") -> str:
    """Why the query cannot answer the question, by its form alone, or '' ('how many cities does each country
    have' asks for a number per country: one number, with no GROUP BY, answers something else)."""
    if grouping_asked(cues, shape) and "GROUP BY" not in sparql.upper():
        return "the question asks for a number per group, and the best attempt gives one number for all"
    return ""


_TYPE_TRIPLE = re.compile(r"^(\?\w+) a(?:/<[^<>\s]+>\*)? <[^<>\s]+>$")
_READ_TRIPLE = re.compile(r"^(\?\w+) <[^<>\s]+> (\?\w+)$")


def lists_every(required: str | None) -> bool:
    """The query keeps every thing of a class: what it requires (`required`: its text without OPTIONAL blocks,
    None when that cannot be read alone) is only the class and values read off each thing, no constraint."""
    if not required or re.search(
        r"\b(FILTER|VALUES|BIND|GROUP|ORDER|LIMIT|ASK|COUNT|SUM|AVG|MIN|MAX)\b", required, re.I
    ):
        return False
    body = re.search(r"\{(.*)\}", required, re.S)
    triples = [t.strip() for t in (body[1] if body else "").split(" .") if t.strip()]
    subjects = {m[1] for t in triples for m in [_TYPE_TRIPLE.match(t) or _READ_TRIPLE.match(t)] if m}
    typed = [t for t in triples if _TYPE_TRIPLE.match(t)]
    read = {m[2] for t in triples if (m := _READ_TRIPLE.match(t))}
    return (
        bool(typed)
        and len(subjects) == 1
        and all(_TYPE_TRIPLE.match(t) or _READ_TRIPLE.match(t) for t in triples)
        and not (read & subjects)
    )


def unconstrained_message(left: list[str], required: str | None) -> str:
    """Why a query that keeps every thing of its class answers another question, or '': a word of the question
    that is not a verb is explained by nothing in it ('Which doctors are cardiologists?' answered with all
    the doctors): that word was to narrow them down."""
    from ..wording import verb_form

    nouns = [w for w in left if not verb_form(w)]
    if not nouns or not lists_every(required):
        return ""
    return f"the best attempt keeps all of them: nothing in it uses {', '.join(repr(w) for w in nouns)}"


def unasked_message(attributes: list[str]) -> str:
    """Why the query answers another question, or '': it shows attributes (`attributes`, their labels) that no
    word of the question asks for, while a noun that says much is left unexplained ('the favourite colour of X'
    answered with X's city): the graph may not hold what was asked at all."""
    if not attributes:
        return ""
    return f"no word of the question asks for {' or '.join(attributes)}, which the best attempt answers with"


def naming_nouns(left: list[str], tokens: list[str], measures) -> list[str]:
    """The words left over that name an attribute: nouns that say much ('colour', 'GDP', 'weight'), and an
    adjective a 'how' asks with when `measures` (adjective -> the nouns of what it measures, from WordNet) knows
    its attribute ('how heavy': weight). Not a verb ('when was X born'), which asks without naming."""
    after_how = {tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t == "how"}
    return [w for w in left if (measures(w) if w in after_how else not verb_form(w) and informativeness(w) >= 0.5)]


def answers_the_object(verb: str | None, object_classes: list[str], sparql: str) -> str:
    """Why the query answers another question than 'who <verb> a <class> ...', or '': "who founded a firm in
    X" asks for the founder, and a list of the firms themselves (things of the class named after the verb, which
    is what the verb acts on) answers 'which firm'. `verb`: the word after an opening 'who'/'what', if it is
    no class, entity or stop word; `object_classes`: the classes named after it."""
    if not verb or not re.match(r"\s*SELECT\s+(DISTINCT\s+)?\?x\s+WHERE", sparql, re.I):
        return ""
    typed = (re.search(rf"\?x\s+(a|a/<[^<>\s]+>\*)\s+<{re.escape(c)}>", sparql) for c in object_classes)
    if not any(typed):
        return ""
    return f"the question asks who or what {verb} them, and the best attempt gives the things {verb} themselves"


_TIME_TEXT = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?([T ][\d:.]+Z?)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")


def wrong_kind(cues, rows) -> str:
    """Why the answer is of another kind than the question asks ('when ...' answered with no date or time,
    'where ...' with an amount), or '': it answers another question, however well its words fit."""
    if (
        getattr(cues, "asks_time", False)
        and rows
        and not any(t is not None and is_time(t) for r in rows[:5] for t in r)
    ):
        return "a 'when' question answered with no date or time"
    if getattr(cues, "asks_place", False) and rows and _amounts(rows):
        return "a 'where' question answered with an amount"
    return ""


def is_time(term) -> bool:
    """A date, a time or a year: typed so, or written so ('2014', '1999-03-01', '03/01/1999')."""
    if term.datatype in TIME_TYPES:
        return True
    return term.kind == "literal" and bool(_TIME_TEXT.fullmatch(term.value.strip()))
