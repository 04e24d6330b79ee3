"""Instruction data from the graph itself: question/SPARQL pairs over real entities and properties.

Every query shape the embedded default answers gets a generator here (attribute both ways, 2-hop
chains, lists by class and by class + linked value, counts, superlatives with ties, numeric
comparisons, yes/no, per-group counts and averages), each with several wordings. A pair is kept
only when its query runs and returns something and every entity name in the question names one
entity. Pairs are split into train/validation/test *by entity*: each entity (and each
entity-free query) belongs to one split, so test questions are about entities train never shows.
Members of small "vocabulary" classes (regions and the like, under a tenth of the largest class)
are shared like classes and properties. Never reads benchmark questions.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..graph.schema import META_NS, RDF_TYPE, local_name
from ..terms import Outcome
from ..wording import plain_plural as plural

SPLITS = ("train", "validation", "test")
FRACTIONS = (0.8, 0.1, 0.1)
SHAPES = (
    "attribute",
    "inverse",
    "chain",
    "list_class",
    "list_value",
    "count",
    "superlative",
    "compare",
    "ask",
    "group",
)
SKIP_PROPS = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
}

TEMPLATES: dict[str, list[str]] = {
    "attribute": [
        "What is the {p} of {e}?",
        "Give me the {p} of {e}.",
        "What {p} does {e} have?",
        "Tell me the {p} of {e}.",
        "Which {p} does {e} have?",
    ],
    "inverse": [
        "Which {c} has {p} {o}?",
        "Name the {c} whose {p} is {o}.",
        "What {c} has {o} as its {p}?",
        "Which {c} has the {p} {o}?",
    ],
    "chain": [
        "What is the {p2} of the {p1} of {e}?",
        "Give the {p2} of the {p1} of {e}.",
        "For the {p1} of {e}, what is the {p2}?",
    ],
    "list_class": ["List all {cs}.", "Which {cs} are there?", "Name all the {cs}.", "Show every {c}."],
    "list_value": [
        "Which {cs} have {p} {o}?",
        "List the {cs} whose {p} is {o}.",
        "Show all {cs} with {p} {o}.",
        "Name the {cs} that have {o} as {p}.",
    ],
    "count": [
        "How many {cs} have {p} {o}?",
        "What is the number of {cs} whose {p} is {o}?",
        "Count the {cs} with {p} {o}.",
    ],
    "count_of": ["How many {p} does {e} have?", "What is the number of {p} of {e}?", "Count the {p} of {e}."],
    "count_class": ["How many {cs} are there?", "What is the number of {cs}?", "Count the {cs}."],
    "superlative": ["Which {c} has the {dir} {p}?", "What {c} has the {dir} {p}?", "Name the {c} with the {dir} {p}."],
    "superlative_in": [
        "Which {c} with {p0} {o} has the {dir} {p}?",
        "Among the {cs} with {p0} {o}, which has the {dir} {p}?",
    ],
    "compare": [
        "Which {cs} have a {p} {op} {n}?",
        "List the {cs} whose {p} is {op} {n}.",
        "Name the {cs} with a {p} {op} {n}.",
    ],
    "ask": ["Is {o} the {p} of {e}?", "Does {e} have {p} {o}?", "Is the {p} of {e} {o}?"],
    "group": ["How many {cs} are there per {p}?", "For each {p}, how many {cs} are there?", "Count the {cs} per {p}."],
    "group_avg": ["What is the average {p2} of {cs} per {p}?", "For each {p}, what is the average {p2} of the {cs}?"],
}
DIRECTIONS = {"MAX": ["highest", "largest", "greatest"], "MIN": ["lowest", "smallest"]}
OPERATORS = {">": ["greater than", "above", "more than"], "<": ["less than", "below", "under"]}


@dataclass
class Pair:
    """One verified instruction pair (before prompts are attached)."""

    shape: str
    question: str
    sparql: str  # full IRIs, as executed
    keys: list[str]  # split units: entity IRIs, or the query itself when no entity is named
    names: dict[str, str] = field(default_factory=dict)  # entity label in the question -> IRI
    answers: list[str] = field(default_factory=list)
    template: str = ""


def round_number(x: float) -> int | float:
    """Two significant digits: thresholds a person would type.

    >>> round_number(13061239), round_number(0.4321), round_number(752612.0)
    (13000000, 0.43, 750000)
    """
    if x == 0:
        return 0
    from math import floor, log10

    digits = 1 - int(floor(log10(abs(x))))
    r = round(x, digits)
    return int(r) if digits <= 0 or r == int(r) else r


def split_of(key: str, seed: int) -> str:
    """The split a key (an entity IRI or a query) belongs to, stable for a seed.

    >>> split_of("http://ex.org/a", 0) in SPLITS
    True
    """
    h = int(hashlib.sha256(f"{seed}|{key}".encode()).hexdigest()[:12], 16) / 16**12
    return SPLITS[0] if h < FRACTIONS[0] else SPLITS[1] if h < FRACTIONS[0] + FRACTIONS[1] else SPLITS[2]


class Synthesizer:
    """Builds and verifies pairs for one graph (see module docstring)."""

    def __init__(self, kg, seed: int = 0, paraphrase: Callable[[str, list[str]], list[str]] | None = None):
        self.kg, self.seed = kg, seed
        self.schema, self.labels = kg.schema, kg.labels
        self.rng = random.Random(seed)
        self.paraphrase = paraphrase
        self.forced_train: set[str] = set()
        s = self.schema
        self.props = [
            p
            for p in s.properties
            if p.iri not in SKIP_PROPS and p.count > 1 and not p.iri.startswith(META_NS) and p.iri != RDF_TYPE
        ]
        biggest = max((c.count for c in s.classes), default=0)
        #: members of small classes (regions, categories) are vocabulary: shared by all splits
        self.vocab_classes = {c.iri for c in s.classes if c.count < max(2, biggest / 10)}
        self.big_classes = [c for c in s.classes if c.iri not in self.vocab_classes and c.count > 1]
        self.dropped = Counter()

    # ------------------------------------------------------------------ graph access
    def rows(self, query: str, limit: int = 2000) -> list[tuple]:
        res = self.kg.query(query, timeout_s=10, max_rows=limit)
        return res.rows if res.outcome == Outcome.ROWS else []

    def name(self, iri: str) -> str | None:
        """The entity's label when it names this entity alone (unambiguous), else None."""
        lab = self.labels.label_of(iri)
        if not lab or lab == local_name(iri) or len(lab) > 60 or "?" in lab:
            return None
        hits = {h.iri for h in self.labels.lookup(lab)}
        return lab if hits == {iri} else None

    def cls_of(self, iri: str) -> str | None:
        return next((c for c in self.labels.types_of(iri) if self.schema.cls(c)), None)

    def is_vocab(self, iri: str) -> bool:
        return self.cls_of(iri) in self.vocab_classes

    def clabel(self, c: str) -> str:
        return self.schema.cls(c).label

    def plabel(self, p: str) -> str:
        return self.schema.prop(p).label

    def subject_class(self, p) -> str | None:
        return next((c for c, _ in p.subject_classes if self.schema.cls(c)), None)

    def sample(self, query: str, n: int = 300) -> list[tuple]:
        rows = self.rows(query)
        self.rng.shuffle(rows)
        return rows[:n]

    def interleave(self, items: list, query: Callable, per: int = 2, rounds: int = 20) -> Iterator[tuple]:
        """(item, row) pairs taking `per` sampled rows of each item in turn: varied properties first."""
        pools = {id(x): self.sample(query(x), per * rounds) for x in items}
        order = self.rng.sample(items, len(items))
        for r in range(rounds):
            for x in order:
                for row in pools[id(x)][r * per : (r + 1) * per]:
                    yield x, row

    def word(self, shape: str, **kw) -> tuple[str, str]:
        t = self.rng.choice(TEMPLATES[shape])
        return t.format(**kw), f"{shape}:{TEMPLATES[shape].index(t)}"

    def entity_keys(self, *iris: str) -> list[str]:
        return [i for i in iris if not self.is_vocab(i)]

    # ------------------------------------------------------------------ one generator per shape
    def gen_attribute(self) -> Iterator[Pair]:
        for p, (s, _o) in self.interleave(
            self.props, lambda p: f"SELECT ?s ?o WHERE {{ ?s <{p.iri}> ?o . FILTER(isIRI(?s)) }} LIMIT 500"
        ):
            e = self.name(s.value)
            if e and not self.is_vocab(s.value):
                q, t = self.word("attribute", p=p.label, e=e)
                yield Pair(
                    "attribute",
                    q,
                    f"SELECT DISTINCT ?x WHERE {{ <{s.value}> <{p.iri}> ?x . }}",
                    [s.value],
                    {e: s.value},
                    template=t,
                )

    def gen_inverse(self) -> Iterator[Pair]:
        props = [p for p in self.props if self.subject_class(p)]
        for p, (o, s) in self.interleave(
            props,
            lambda p: (
                f"SELECT ?o (SAMPLE(?s) AS ?x) WHERE {{ ?s a <{self.subject_class(p)}> ; <{p.iri}> ?o . }} GROUP BY ?o "
                f"HAVING (COUNT(DISTINCT ?s) = 1) LIMIT 500"
            ),
        ):
            c = self.subject_class(p)
            if o.is_iri:
                on = self.name(o.value)
                obj, names = f"<{o.value}>", {on: o.value} if on else {}
            else:
                on = o.value if 0 < len(o.value) <= 40 and not p.is_numeric else None
                obj, names = (o.n3() if on else ""), {}
            if not on:
                continue
            qt, t = self.word("inverse", c=self.clabel(c), p=p.label, o=on)
            keys = self.entity_keys(*([o.value] if o.is_iri else []), s.value)
            yield Pair(
                "inverse",
                qt,
                f"SELECT DISTINCT ?x WHERE {{ ?x a <{c}> . ?x <{p.iri}> {obj} . }}",
                keys,
                names,
                template=t,
            )

    def gen_chain(self) -> Iterator[Pair]:
        rel = [p for p in self.props if not p.is_literal]
        for p1, (s, m) in self.interleave(
            rel, lambda p: f"SELECT ?s ?m WHERE {{ ?s <{p.iri}> ?m . FILTER(isIRI(?m)) }} LIMIT 500"
        ):
            e = self.name(s.value)
            if not e or self.is_vocab(s.value):
                continue
            nxt = [r[0].value for r in self.rows(f"SELECT DISTINCT ?p WHERE {{ <{m.value}> ?p ?x . }}")]
            nxt = [p for p in nxt if self.schema.prop(p) and p not in SKIP_PROPS and p != RDF_TYPE and p != p1.iri]
            if not nxt:
                continue
            p2 = self.rng.choice(sorted(nxt))
            q, t = self.word("chain", p1=p1.label, p2=self.plabel(p2), e=e)
            yield Pair(
                "chain",
                q,
                f"SELECT DISTINCT ?x WHERE {{ <{s.value}> <{p1.iri}> ?m . ?m <{p2}> ?x . }}",
                [s.value],
                {e: s.value},
                template=t,
            )

    def gen_list_class(self) -> Iterator[Pair]:
        if not any(c.count > 1 for c in self.schema.classes):
            return
        for _ in itertools.count():  # more wordings until the caller has enough (it caps the tries)
            for c in self.schema.classes:
                if c.count > 1:
                    q, t = self.word("list_class", c=c.label, cs=plural(c.label))
                    sparql = f"SELECT DISTINCT ?x WHERE {{ ?x a <{c.iri}> . }}"
                    yield Pair("list_class", q, sparql, [sparql], template=t)

    def _class_value_rows(self, n: int = 20):
        """(class, property, object term, object name) where several members share the object."""
        props = [p for p in self.props if self.subject_class(p) and not p.is_numeric]
        for p, (o, _n) in self.interleave(
            props,
            lambda p: (
                f"SELECT ?o (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{self.subject_class(p)}> ; <{p.iri}> ?o . }} "
                f"GROUP BY ?o HAVING (COUNT(DISTINCT ?s) > 1) LIMIT 300"
            ),
            rounds=n,
        ):
            c = self.subject_class(p)
            if o.is_iri:
                on = self.name(o.value)
                if on:
                    yield c, p, f"<{o.value}>", on, {on: o.value}, self.entity_keys(o.value)
            elif 0 < len(o.value) <= 40:
                yield c, p, o.n3(), o.value, {}, []

    def gen_list_value(self) -> Iterator[Pair]:
        for c, p, obj, on, names, keys in self._class_value_rows():
            q, t = self.word("list_value", cs=plural(self.clabel(c)), p=p.label, o=on)
            sparql = f"SELECT DISTINCT ?x WHERE {{ ?x a <{c}> . ?x <{p.iri}> {obj} . }}"
            yield Pair("list_value", q, sparql, keys or [sparql], names, template=t)

    def gen_count(self) -> Iterator[Pair]:
        gens = [self._count_value(), self._count_of(), self._count_class()]
        while gens:
            g = self.rng.choice(gens)
            try:
                yield next(g)
            except StopIteration:
                gens.remove(g)

    def _count_value(self) -> Iterator[Pair]:
        for c, p, obj, on, names, keys in self._class_value_rows():
            q, t = self.word("count", cs=plural(self.clabel(c)), p=p.label, o=on)
            sparql = f"SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{ ?x a <{c}> . ?x <{p.iri}> {obj} . }}"
            yield Pair("count", q, sparql, keys or [sparql], names, template=t)

    def _count_of(self) -> Iterator[Pair]:
        multi = [p for p in self.props if not p.is_literal]
        for p, (s,) in self.interleave(
            multi, lambda p: f"SELECT ?s WHERE {{ ?s <{p.iri}> ?o . }} GROUP BY ?s HAVING (COUNT(?o) > 1) LIMIT 500"
        ):
            e = self.name(s.value)
            if e and not self.is_vocab(s.value):
                q, t = self.word("count_of", p=plural(p.label), e=e)
                yield Pair(
                    "count",
                    q,
                    f"SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{ <{s.value}> <{p.iri}> ?x . }}",
                    [s.value],
                    {e: s.value},
                    template=t,
                )

    def _count_class(self) -> Iterator[Pair]:
        for c in self.schema.classes:
            if c.count > 1:
                q, t = self.word("count_class", cs=plural(c.label))
                sparql = f"SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{ ?x a <{c.iri}> . }}"
                yield Pair("count", q, sparql, [sparql], template=t)

    def _numeric(self) -> list:
        return [(p, c) for p in self.props if p.is_numeric for c in [self.subject_class(p)] if c]

    def gen_superlative(self) -> Iterator[Pair]:
        num = self._numeric()
        if not num:
            return
        scopes = list(self._class_value_rows(3))
        for _ in itertools.count():
            for p, c in self.rng.sample(num, len(num)):
                agg = self.rng.choice(["MAX", "MIN"])
                d = self.rng.choice(DIRECTIONS[agg])
                scoped = [s for s in scopes if s[0] == c and s[2].startswith("<")]
                if scoped and self.rng.random() < 0.6:
                    _, p0, obj, on, names, keys = self.rng.choice(scoped)
                    q, t = self.word(
                        "superlative_in",
                        c=self.clabel(c),
                        cs=plural(self.clabel(c)),
                        p0=p0.label,
                        o=on,
                        dir=d,
                        p=p.label,
                    )
                    inner = f"?y a <{c}> ; <{p0.iri}> {obj} ; <{p.iri}> ?w ."
                    outer = f"?x a <{c}> ; <{p0.iri}> {obj} ; <{p.iri}> ?v ."
                else:
                    names, keys = {}, []
                    q, t = self.word("superlative", c=self.clabel(c), dir=d, p=p.label)
                    inner, outer = f"?y a <{c}> ; <{p.iri}> ?w .", f"?x a <{c}> ; <{p.iri}> ?v ."
                sparql = f"SELECT DISTINCT ?x WHERE {{ {outer} {{ SELECT ({agg}(?w) AS ?v) WHERE {{ {inner} }} }} }}"
                yield Pair("superlative", q, sparql, keys or [sparql], names, template=t)

    def gen_compare(self) -> Iterator[Pair]:
        num = self._numeric()
        if not num:
            return
        values = {
            p.iri: sorted(
                float(r[0].value)
                for r in self.rows(f"SELECT ?v WHERE {{ ?x a <{c}> ; <{p.iri}> ?v . }}")
                if r[0] is not None and r[0].number() is not None
            )
            for p, c in num
        }
        num = [(p, c) for p, c in num if len(values[p.iri]) >= 4]
        if not num:
            return
        for _ in itertools.count():
            for p, c in self.rng.sample(num, len(num)):
                vals = values[p.iri]
                op = self.rng.choice([">", "<"])
                frac = (
                    self.rng.choice([0.05, 0.1, 0.2, 0.8, 0.9, 0.95])
                    if op == ">"
                    else self.rng.choice([0.05, 0.1, 0.2])
                )
                n = round_number(vals[int(frac * (len(vals) - 1))])
                q, t = self.word(
                    "compare", cs=plural(self.clabel(c)), p=p.label, op=self.rng.choice(OPERATORS[op]), n=n
                )
                sparql = f"SELECT DISTINCT ?x WHERE {{ ?x a <{c}> ; <{p.iri}> ?v . FILTER(?v {op} {n}) }}"
                yield Pair("compare", q, sparql, [sparql], template=t)

    def gen_ask(self) -> Iterator[Pair]:
        rel = [p for p in self.props if not p.is_literal]
        objs = {
            p.iri: sorted(
                {
                    r[0].value
                    for r in self.rows(f"SELECT DISTINCT ?o WHERE {{ ?s <{p.iri}> ?o . FILTER(isIRI(?o)) }} LIMIT 1000")
                }
            )
            for p in rel
        }
        for p, (s, o) in self.interleave(
            rel, lambda p: f"SELECT ?s ?o WHERE {{ ?s <{p.iri}> ?o . FILTER(isIRI(?o)) }} LIMIT 1000"
        ):
            e = self.name(s.value)
            if not e or self.is_vocab(s.value):
                continue
            if self.rng.random() < 0.5:  # a 'no': another object of this property, from the same split
                home = split_of(s.value, self.seed)
                others = [
                    x for x in objs[p.iri] if x != o.value and (self.is_vocab(x) or split_of(x, self.seed) == home)
                ]
                if not others:
                    continue
                o_iri = self.rng.choice(others)
            else:
                o_iri = o.value
            on = self.name(o_iri)
            if not on:
                continue
            q, t = self.word("ask", o=on, p=p.label, e=e)
            yield Pair(
                "ask",
                q,
                f"ASK {{ <{s.value}> <{p.iri}> <{o_iri}> . }}",
                self.entity_keys(s.value, o_iri),
                {e: s.value, on: o_iri},
                template=t,
            )

    def gen_group(self) -> Iterator[Pair]:
        rel = [p for p in self.props if not p.is_literal and self.subject_class(p)]
        num = self._numeric()
        if not rel:
            return
        for _ in itertools.count():
            for p in self.rng.sample(rel, len(rel)):
                c = self.subject_class(p)
                cs = plural(self.clabel(c))
                avg = [q for q, qc in num if qc == c]
                if avg and self.rng.random() < 0.5:
                    p2 = self.rng.choice(avg)
                    q, t = self.word("group_avg", cs=cs, p=p.label, p2=p2.label)
                    sparql = (
                        f"SELECT ?g (AVG(?v) AS ?average) WHERE {{ ?x a <{c}> ; <{p.iri}> ?g ; <{p2.iri}> ?v . }} "
                        f"GROUP BY ?g"
                    )
                else:
                    q, t = self.word("group", cs=cs, p=p.label)
                    sparql = (
                        f"SELECT ?g (COUNT(DISTINCT ?x) AS ?count) WHERE {{ ?x a <{c}> ; <{p.iri}> ?g . }} GROUP BY ?g"
                    )
                yield Pair("group", q, sparql, [sparql], template=t)

    # ------------------------------------------------------------------ verification and assembly
    def verify(self, pair: Pair) -> bool:
        """Runs, returns something, every named entity is unambiguous, and no split straddling."""
        for lab, iri in pair.names.items():
            if {h.iri for h in self.labels.lookup(lab)} != {iri}:
                self.dropped["ambiguous"] += 1
                return False
        res = self.kg.query(pair.sparql, timeout_s=10, max_rows=1000)
        if res.outcome == Outcome.BOOLEAN:
            pair.answers = [str(res.boolean).lower()]
        elif res.outcome == Outcome.ROWS and res.values() and not res.truncated:
            pair.answers = res.values()
        else:
            self.dropped["no_result"] += 1
            return False
        if len({self.split(k) for k in pair.keys}) != 1:
            self.dropped["across_splits"] += 1
            return False
        return True

    def split(self, key: str) -> str:
        return "train" if key in self.forced_train else split_of(key, self.seed)

    def pairs(self, per_shape: int, shapes=SHAPES) -> list[Pair]:
        """Up to `per_shape` verified pairs of each shape (fewer when the graph has no more)."""
        out: list[Pair] = []
        seen: set[str] = set()
        for shape in shapes:
            kept, tries = 0, 0
            for pair in getattr(self, f"gen_{shape}")():
                tries += 1
                if tries > 30 * per_shape or kept >= per_shape:
                    break
                if pair.question in seen or not self.verify(pair):
                    continue
                seen.add(pair.question)
                out.append(pair)
                kept += 1
                for alt in self.paraphrase(pair.question, list(pair.names)) if self.paraphrase else []:
                    if alt not in seen and kept < per_shape:
                        seen.add(alt)
                        out.append(
                            Pair(pair.shape, alt, pair.sparql, pair.keys, pair.names, pair.answers, "paraphrase")
                        )
                        kept += 1
        return out


def model_paraphraser(spec: str) -> Callable[[str, list[str]], list[str]]:
    """A paraphraser backed by a chat model: rewordings that keep every entity name verbatim."""
    from ..models import load_chat_model

    model = load_chat_model(spec)

    def paraphrase(question: str, names: list[str]) -> list[str]:
        keep = ", ".join(f'"{n}"' for n in names) or "none"
        msgs = [
            {
                "role": "system",
                "content": "Reword the user's question once, same meaning, different words. "
                "Keep these names exactly as written: " + keep + ". Reply with the new question only.",
            },
            {"role": "user", "content": question},
        ]
        text = model.chat(msgs, max_new_tokens=48).strip().splitlines()
        alt = text[0].strip().strip('"') if text else ""
        ok = alt and alt != question and len(alt) < 200 and all(n in alt for n in names)
        return [alt] if ok else []

    return paraphrase


def synthesize(
    kg,
    out: str | Path,
    per_shape: int = 60,
    seed: int = 0,
    paraphrase_model: str | None = None,
    examples: int | None = None,
    embeddings: bool | None = None,
    progress: bool = True,
) -> dict:
    """Write train/validation/test.jsonl and report.json to `out`; return the report."""
    from tqdm import tqdm

    from ..generate.llm import _shorten
    from .prompting import AskPrompter

    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    prompter = AskPrompter(kg, embeddings=embeddings, examples=examples)
    syn = Synthesizer(kg, seed, model_paraphraser(paraphrase_model) if paraphrase_model else None)
    syn.forced_train = prompter.example_iris()  # prompt examples name these: never test entities
    pairs = syn.pairs(per_shape)
    by_split: dict[str, list[dict]] = defaultdict(list)
    for i, pair in enumerate(tqdm(pairs, desc="prompts", disable=not progress, leave=False)):
        msgs, linked = prompter.messages(pair.question)
        split = syn.split(pair.keys[0])
        by_split[split].append(
            {
                "id": f"{split[:2]}{i:05d}",
                "shape": pair.shape,
                "template": pair.template,
                "question": pair.question,
                "sparql": _shorten(pair.sparql, kg.schema),
                "gold_sparql": pair.sparql,
                "answers": pair.answers,
                "entities": sorted(set(pair.names.values())),
                "keys": pair.keys,
                "linked": linked,
                "messages": msgs,
            }
        )
    for split in SPLITS:
        with open(out / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for rec in by_split.get(split, []):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    counts = {s: dict(Counter(r["shape"] for r in by_split.get(s, []))) for s in SPLITS}
    report = {
        "graph": kg.name,
        "triples": kg.triple_count,
        "seed": seed,
        "per_shape": per_shape,
        "prompt": {"examples": prompter.generator.n_examples, "embeddings": prompter.linker.embedder is not None},
        "paraphrase_model": paraphrase_model,
        "vocabulary_classes": sorted(syn.vocab_classes),
        "counts": counts,
        "totals": {s: len(by_split.get(s, [])) for s in SPLITS},
        "dropped": dict(syn.dropped),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    (out / "report.json").write_text(json.dumps(report, indent=1), "utf-8")
    return report


def format_report(report: dict) -> str:
    """Counts per shape per split as a small text table."""
    rows = [f"{'shape':<14}" + "".join(f"{s:>12}" for s in SPLITS)]
    for shape in SHAPES:
        rows.append(f"{shape:<14}" + "".join(f"{report['counts'][s].get(shape, 0):>12}" for s in SPLITS))
    rows.append(f"{'total':<14}" + "".join(f"{report['totals'][s]:>12}" for s in SPLITS))
    return "\n".join(rows)


def read_split(data: str | Path, split: str) -> list[dict]:
    """The records of one split file."""
    path = Path(data) / f"{split}.jsonl"
    if not path.is_file():
        from ..errors import KgqueryError

        raise KgqueryError(f"no {split} split at {path} (run `kgquery tune synth` first)")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
