"""Linking: question words -> entities, literal values, classes and properties of this graph.

Entities come from the label index (full and partial names, identifiers, spelling slips);
literal values from short string values of the graph's properties; classes and properties
from their labels, comments and split local names, scored lexically and, when the `embed`
extra is installed, with sentence embeddings.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .labels import LabelHit, normalize
from .schema import local_name, split_name
from .text import HINTS, STOPWORDS, TITLES, Question, singular, stem
from .types import Outcome, Term

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

MAX_SPAN = 6


@dataclass
class Mention:
    """A span of the question linked to one or more graph items (best first)."""

    start: int
    end: int               # exclusive token index
    text: str
    kind: str              # 'entity', 'value' or 'class'
    hits: list[LabelHit]   # for values: iri holds the property IRI, label the literal
    score: float
    plural: bool = False   # plural or acronym: prefer the most-referenced entity (a category, a country)

    @property
    def span(self) -> range:
        return range(self.start, self.end)


@dataclass
class Links:
    mentions: list[Mention] = field(default_factory=list)
    classes: list[Mention] = field(default_factory=list)
    free: list[int] = field(default_factory=list)  # content token positions not covered by a mention

    @property
    def entities(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "entity"]

    @property
    def values(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "value"]


class ValueIndex:
    """Short string values of non-label properties ('France', 'Toulouse'), for filters by value."""

    def __init__(self, rows: list[tuple[str, Term]]):
        self.by_norm: dict[str, list[tuple[str, Term]]] = defaultdict(list)
        for prop, lit in rows:
            n = normalize(lit.value)
            if n and not n.replace(" ", "").isdigit():
                self.by_norm[n].append((prop, lit))

    def lookup(self, text: str) -> list[tuple[str, Term]]:
        return self.by_norm.get(normalize(text), [])


def build_value_index(kg: "KnowledgeGraph", label_preds: set[str]) -> ValueIndex:
    props = [p.iri for p in kg.schema.properties
             if p.is_literal and not p.is_numeric and p.iri not in label_preds
             and p.count <= 2_000_000]
    rows: list[tuple[str, Term]] = []
    for p in props:
        res = kg.query(f"SELECT DISTINCT ?o WHERE {{ ?s <{p}> ?o FILTER(isLiteral(?o) && STRLEN(STR(?o)) <= 60) }} LIMIT 20001",
                       timeout_s=30, max_rows=20_001, isolate=False)
        if res.outcome != Outcome.ROWS or len(res.rows) > 20_000:
            continue  # free text, not a value vocabulary
        rows.extend((p, r[0]) for r in res.rows if r[0] is not None)
    return ValueIndex(rows)


class Linker:
    """Links questions against one graph; built once per graph (indexes are cached)."""

    def __init__(self, kg: "KnowledgeGraph", embedder=None):
        from .labels import LABEL_PREDICATES

        self.kg = kg
        self.schema = kg.schema
        self.labels = kg.labels
        self.values = build_value_index(kg, set(LABEL_PREDICATES))
        self.embedder = embedder
        self.class_names: dict[str, list[str]] = defaultdict(list)  # normalised singular name -> class IRIs
        for c in self.schema.classes:
            if c.count == 0:
                continue
            for name in {normalize(c.label), split_name(local_name(c.iri))}:
                name = " ".join(singular(w) for w in name.split())
                if name:
                    self.class_names[name].append(c.iri)
        self.class_iris = {c.iri for c in self.schema.classes}
        #: schema terms are linked as classes/properties, never as entities
        self.schema_iris = self.class_iris | {p.iri for p in self.schema.properties}
        self.prop_words: dict[str, set[str]] = {}
        for p in self.schema.properties:
            words = set(normalize(p.label).split()) | set(split_name(local_name(p.iri)).split())
            self.prop_words[p.iri] = {stem(w) for w in words if w not in STOPWORDS and len(w) > 1}
        self._prop_vecs = None

    # ------------------------------------------------------------------ entities and values
    def link(self, q: Question) -> Links:
        toks = q.tokens
        cands: list[Mention] = []
        n = len(toks)
        for i in range(n):
            for j in range(min(n, i + MAX_SPAN), i, -1):
                words = toks[i:j]
                acro = j - i == 1 and q.raw_tokens[i].isupper() and len(q.raw_tokens[i]) >= 2
                if not acro and all(w in STOPWORDS or w in TITLES for w in words):
                    continue
                if not acro and (words[0] in STOPWORDS or words[-1] in STOPWORDS):
                    continue
                text = " ".join(words)
                raw = " ".join(q.raw_tokens[i:j])
                cands.extend(self._span_mentions(i, j, text, raw, q))
        chosen: list[Mention] = []
        taken: set[int] = set()
        for m in sorted(cands, key=lambda m: (-(m.score * (1 + 0.5 * (m.end - m.start))), m.start)):
            if taken & set(m.span):
                continue
            chosen.append(m)
            taken |= set(m.span)
        chosen.sort(key=lambda m: m.start)
        links = Links()
        for m in chosen:
            (links.classes if m.kind == "class" else links.mentions).append(m)
        links.free = [i for i in q.content_positions() if i not in taken]
        return links

    def _span_mentions(self, i: int, j: int, text: str, raw: str, q: Question) -> list[Mention]:
        out = []
        forms = [text]
        sing = " ".join(text.split()[:-1] + [singular(text.split()[-1])])
        if sing != text:
            forms.append(sing)
        for k, form in enumerate(forms):
            penalty = 0.0 if k == 0 else 0.02
            hits = self._entities(self.labels.lookup(form))
            if hits:
                out.append(Mention(i, j, raw, "entity", _dedup(hits), 1.0 - penalty, plural=k == 1))
            vals = self.values.lookup(form)
            if vals:
                out.append(Mention(i, j, raw, "value",
                                   [LabelHit(p, lit.value, 1.0, "value") for p, lit in vals], 0.97 - penalty))
            if form in self.class_names:
                out.append(Mention(i, j, raw, "class",
                                   [LabelHit(c, form, 1.0, "class") for c in self.class_names[form]], 1.0 - penalty))
            if hits or vals:
                break
        if out:
            return out
        if j - i == 1 and 2 <= len(raw) <= 5 and raw.isupper() and raw.isalpha():
            hits = self._entities(self.labels.acronym(raw))
            if 0 < len(hits) <= 5:
                return [Mention(i, j, raw, "entity", _dedup(hits), 0.85, plural=True)]
        words = text.split()
        # partial names: a capitalised word (or an identifier) inside longer names, e.g. "Brant"
        cap = all(r[:1].isupper() or any(ch.isdigit() for ch in r) for r in q.raw_tokens[i:j])
        if cap and not (i == 0 and j - i == 1 and q.raw_tokens[0].lower() in STOPWORDS):
            toks = [t for w in words for t in normalize(w).split()]
            hits = self._entities(self.labels.by_tokens(toks))
            if 0 < len(hits) <= 50:
                hits.sort(key=lambda h: -h.score)
                ident = any(any(ch.isdigit() for ch in t) for t in toks)
                unique = len({h.iri for h in hits}) == 1
                score = 0.95 if ident and unique else 0.6 + 0.3 * max(h.score for h in hits)
                out.append(Mention(i, j, raw, "entity", _dedup(hits), score))
                return out
        long_word = j - i == 1 and len(text) >= 7
        if len(text) >= 5 and (cap or long_word):
            fuzzy = self._entities(self.labels.search(text, limit=5, cutoff=88))
            if not fuzzy and long_word and text != singular(text):
                fuzzy = self._entities(self.labels.search(singular(text), limit=5, cutoff=88))
            if fuzzy:
                out.append(Mention(i, j, raw, "entity", _dedup(fuzzy), 0.85 * fuzzy[0].score))
        return out

    def _entities(self, hits: list[LabelHit]) -> list[LabelHit]:
        return [h for h in hits if h.iri not in self.schema_iris]

    # ------------------------------------------------------------------ properties
    def property_scores(self, words: list[str]) -> dict[str, float]:
        """How well each property matches these question words (0..1)."""
        from rapidfuzz import fuzz

        stems = {stem(w) for w in words if w not in STOPWORDS}
        stems |= {stem(HINTS[h]) for w in words for h in (w, singular(w)) if h in HINTS}
        scores: dict[str, float] = {}
        for p, pw in self.prop_words.items():
            best, covered = 0.0, set()
            for s in stems:
                for w in pw:
                    if s == w:
                        best = max(best, 1.0)
                        covered.add(w)
                    elif min(len(s), len(w)) >= 5 and (s.startswith(w) or w.startswith(s)):
                        best = max(best, 0.8)
                        covered.add(w)
                    elif len(s) >= 6 and len(w) >= 6 and fuzz.ratio(s, w) >= 85:  # spelling slips
                        best = max(best, 0.7)
                        covered.add(w)
            if best:
                # "products" fits compatibleProduct (both words asked) better than hasProductManager
                scores[p] = best * (0.6 + 0.4 * len(covered) / max(len(pw), 1))
        if self.embedder is not None and words:
            for p, s in self.embedder.property_scores(self, words).items():
                scores[p] = max(scores.get(p, 0.0), s)
        return scores


def _dedup(hits: list[LabelHit]) -> list[LabelHit]:
    seen, out = set(), []
    for h in sorted(hits, key=lambda h: -h.score):
        if h.iri not in seen:
            seen.add(h.iri)
            out.append(h)
    return out
