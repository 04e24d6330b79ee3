"""Linking: question words -> entities, literal values, classes and properties of this graph.

Entities come from the label index (full and partial names, identifiers, spelling slips);
literal values from short string values of the graph's properties; classes and properties
from their labels, comments and split local names, scored lexically and, when the `embed`
extra is installed, with sentence embeddings.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..graph.labels import LABEL_PREDICATES, LabelHit, as_words_read, label_names, normalize
from ..graph.schema import local_name, split_name
from ..terms import Outcome, Term
from ..wording import abbreviates, contracts, english_noun, phrasal_verb, spelled_out, verb_form, verb_lemma
from .lexicon import derived_nouns, doer_nouns
from .text import STOPWORDS, TITLES, UNITS, Question, is_structure_word, singular, stem, superlative_adjective

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

MAX_SPAN = 6
#: the longest name tried where the question quotes it (a title: 'Raise the council tax by 2 percent')
MAX_QUOTED_SPAN = 16
#: what a question word earns by matching a word of a property's description (not its name)
DESC_MATCH = 0.5
DESCRIPTION_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://www.w3.org/2004/02/skos/core#definition",
    "http://purl.org/dc/terms/description",
)


@dataclass
class Mention:
    """A span of the question linked to one or more graph items (best first)."""

    start: int
    end: int  # exclusive token index
    text: str
    kind: str  # 'entity', 'value' or 'class'
    hits: list[LabelHit]  # for values: iri holds the property IRI, label the literal
    score: float
    plural: bool = False  # plural or acronym: prefer the most-referenced entity (a category, a country)

    @property
    def span(self) -> range:
        return range(self.start, self.end)

    def in_plural(self, tokens: list[str]) -> bool:
        """The question writes the mention in the plural ('which cities'), or it was linked as one."""
        last = tokens[self.end - 1]
        return self.plural or singular(last) != last


@dataclass
class Links:
    mentions: list[Mention] = field(default_factory=list)
    classes: list[Mention] = field(default_factory=list)
    free: list[int] = field(default_factory=list)  # content token positions not covered by a mention
    respelled: list[tuple[str, str]] = field(default_factory=list)  # (slip, graph word) read in its place

    @property
    def entities(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "entity"]

    @property
    def values(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "value"]

    def opening_verb(self, tokens: list[str]) -> str | None:
        """The word after an opening 'who' / 'what' when no name or class covers it ('who founded', not 'what
        languages'): a verb, whose subject the question asks for."""
        if len(tokens) < 3 or tokens[0] not in ("who", "what") or 1 not in self.free:
            return None
        return tokens[1]


#: a number as text; a leading zero ('0970016658') makes it a code instead
_NUMBER_TEXT = re.compile(r"[+-]?(?!0\d)[\d\s]*[.,]?\d+")


class ValueIndex:
    """Short string values of non-label properties ('France', 'Toulouse'), for filters by value."""

    def __init__(self, rows: list[tuple[str, Term]]):
        self.by_norm: dict[str, list[tuple[str, Term]]] = defaultdict(list)
        for prop, lit in rows:
            n = normalize(lit.value)
            # a number stored as text ('2014') is a quantity, read by the numeric paths; a code made of digits
            # and separators ('978-0-1034-2') is an identifier, named as written
            if n and not _NUMBER_TEXT.fullmatch(str(lit.value).strip()):
                self.by_norm[n].append((prop, lit))
                read = as_words_read(lit.value) if "-" in lit.value or "'" in lit.value else n
                if read != n:  # "E-Glide" is one word to a question ('eglide'), two to normalize()
                    self.by_norm[read].append((prop, lit))

    def lookup(self, text: str) -> list[tuple[str, Term]]:
        return self.by_norm.get(normalize(text), [])

    def same_stem(self, stem_: str) -> list[tuple[str, Term]]:
        """Values of one word whose stem, stemmed again, is `stem_` ('ABSTAIN' for 'abstained': 'abstain')."""
        if not hasattr(self, "_by_stem"):
            self._by_stem: dict[str, list[str]] = defaultdict(list)
            for n in self.by_norm:
                if " " not in n and len(n) >= 4 and n.isalpha():
                    self._by_stem[stem(stem(n))].append(n)
        return [v for n in self._by_stem.get(stem_, []) for v in self.by_norm[n]]

    def one_word_starting(self, stem_: str, slack: int = 2) -> list[tuple[str, Term]]:
        """Values of one word that start with `stem_` and run at most `slack` letters past it ('afric' ->
        Africa), for adjectives of place."""
        if not hasattr(self, "_by_head"):
            self._by_head: dict[str, list[str]] = defaultdict(list)
            for n in self.by_norm:
                if " " not in n and len(n) >= 4:
                    self._by_head[n[:4]].append(n)
        keys = [n for n in self._by_head.get(stem_[:4], []) if n.startswith(stem_) and len(n) - len(stem_) <= slack]
        return [v for n in keys for v in self.by_norm[n]]


def _value_hits(vals: list[tuple[str, Term]]) -> list[LabelHit]:
    """Hits for values found under properties, each keeping its literal as the graph holds it."""
    return [LabelHit(p, lit.value, 1.0, "value", lit.n3()) for p, lit in vals]


def build_value_index(kg: "KnowledgeGraph", label_preds: set[str]) -> ValueIndex:
    props = [
        p.iri
        for p in kg.schema.properties
        if p.is_literal and not p.is_numeric and p.iri not in label_preds and p.count <= 2_000_000
    ]
    rows: list[tuple[str, Term]] = []
    for p in props:
        res = kg.query(
            f"SELECT DISTINCT ?o WHERE {{ ?s <{p}> ?o FILTER(isLiteral(?o) && STRLEN(STR(?o)) <= 60) }} LIMIT 20001",
            timeout_s=30,
            max_rows=20_001,
            isolate=False,
        )
        if res.outcome != Outcome.ROWS or len(res.rows) > 20_000:
            continue  # free text, not a value vocabulary
        rows.extend((p, r[0]) for r in res.rows if r[0] is not None)
    return ValueIndex(rows)


#: a free noun names a class by meaning alone at this cosine similarity to its name (all-MiniLM-L6-v2:
#: 'employees'/'staff member' 0.67, 'films'/'movie' 0.73, unrelated nouns mostly below 0.45), this far ahead of
#: the next class
CLASS_MEANING = 0.6
CLASS_MEANING_MARGIN = 0.1
#: ... or, a little less close ('papers'/'publication' 0.58), far ahead of every other class: no other is meant
CLASS_MEANING_ALONE = 0.5
CLASS_MEANING_ALONE_MARGIN = 0.25
#: general words of quantity in property names ('population total'; 'number of pages' drops its 'number of', but
#: 'flight number' keeps its number, which names the flight, not a quantity)
QUANTITY_WORDS = {"total", "amount", "overall"}
#: general words a table or class name ends with that name the container, not the things in it ('model_list',
#: 'cars_data', 'people_info'): the name without them names the class too
CONTAINER_WORDS = {"list", "data", "info", "information", "detail", "record", "table", "entry"}
#: what a label predicate (rdfs:label, skos:prefLabel, ...) is called in a question, and how well the word fits it
LABEL_WORDS = {"name", "title"}
LABEL_WORD_FIT = 0.8
#: words that make a literal property an identifier rather than a name
ID_WORDS = {"code", "id", "identifier", "symbol", "abbreviation", "iso", "key", "number", "no"}
#: stems of the units a column name may end with ('prep_minutes', 'weight_kg'): they say how the number is
#: measured, not what it is, so a question need not say them ('the preparation time'); calendar words name the
#: value itself ('birth year') and count in full
UNIT_STEMS = frozenset(stem(u) for u in UNITS if len(u) > 1) - {
    stem(w) for w in ("year", "years", "month", "months", "day", "days", "week", "weeks")
}


def _adjective_stems(word: str) -> list[str]:
    """Stems of an English adjective of place by its suffix ('european' -> europ, 'asian' -> asi)."""
    return [
        word[: -len(sfx)]
        for sfx in ("ean", "ian", "an", "ese", "ish", "ic", "i")
        if word.endswith(sfx) and len(word) - len(sfx) >= 4
    ]


def _acronym(raw: str) -> bool:
    return raw.isupper() and len(raw) >= 2


def _verb_after_subject(q: Question, m: Mention, mentions: list[Mention]) -> bool:
    """One word, a verb too, right after a name that 'do', 'does' or 'did' opens ('did X play')."""
    if m.end - m.start != 1 or verb_lemma(q.tokens[m.start]) is None:
        return False
    subject = next((e for e in mentions if e.end == m.start), None)
    return subject is not None and subject.start > 0 and q.tokens[subject.start - 1] in ("do", "does", "did")


def _bare_title(q: Question, i: int, j: int) -> bool:
    """One title word that opens no name ('whose title is Prof', not 'Dr. Ames'): a value it may be."""
    nxt = q.raw_tokens[j] if j < len(q.raw_tokens) else ""
    return j - i == 1 and q.tokens[i] in TITLES and q.tokens[i] not in STOPWORDS and not nxt[:1].isupper()


def _quoted(raw: str, text: str) -> bool:
    """The question writes these words between quotes.

    >>> _quoted("Raise the tax", "who voted for 'Raise the tax'?"), _quoted("the tax", "who voted for 'Raise the tax'?")
    (True, False)
    """
    return any(f"{q}{raw}{q2}" in text for q, q2 in (('"', '"'), ("'", "'"), ("“", "”"), ("‘", "’"), ("`", "`")))


def _written_as_identifier(raw: str, text: str) -> bool:
    """The question writes these words as an identifier: with a digit, in capitals, or in quotes.

    >>> [_written_as_identifier(r, t) for r, t in [("SEA", "the SEA code"), ("sea", "by the sea"),
    ...                                               ("sea", "code 'sea'"), ("M558", "item M558")]]
    [True, False, True, True]
    """
    if any(ch.isdigit() for ch in raw):
        return True
    letters = [ch for ch in raw if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return True
    return _quoted(raw, text)


def property_names(labels, iris: set[str]) -> dict[str, list[str]]:
    """Every name the label index holds for these IRIs (labels, alt labels, names), by IRI."""
    out: dict[str, list[str]] = defaultdict(list)
    for iri, label, _source in labels.entries:
        if iri in iris:
            out[iri].append(label)
    return out


def property_descriptions(kg: "KnowledgeGraph", schema) -> dict[str, str]:
    """A description per property: the schema's rdfs:comment, else skos:definition / dcterms:description."""
    out = {p.iri: p.comment for p in schema.properties if p.comment}
    missing = [p.iri for p in schema.properties if not p.comment]
    for k in range(0, len(missing), 200):
        vals = " ".join(f"<{i}>" for i in missing[k : k + 200])
        preds = " ".join(f"<{d}>" for d in DESCRIPTION_PREDICATES[1:])
        res = kg.query(
            f"SELECT ?p ?d WHERE {{ VALUES ?p {{ {vals} }} VALUES ?dp {{ {preds} }} ?p ?dp ?d FILTER(isLiteral(?d)) }}",
            timeout_s=30,
            max_rows=5000,
            isolate=False,
        )
        if res.outcome == Outcome.ROWS:
            for p, d in res.rows:
                if p is not None and d is not None:
                    out.setdefault(p.value, d.value)
    return out


class Linker:
    """Links questions against one graph; built once per graph (indexes are cached)."""

    def __init__(self, kg: "KnowledgeGraph", embedder=None):
        self.kg = kg
        self.schema = kg.schema
        self.labels = kg.labels
        self.values = build_value_index(kg, set(LABEL_PREDICATES))
        self.embedder = embedder
        self.class_names = self._class_names()  # normalised singular name -> class IRIs
        self._class_tails = set()
        for tail, iris in self._shorter_class_names().items():
            if tail not in self.class_names and len(iris) == 1:
                self.class_names[tail] = sorted(iris)
                self._class_tails.add(tail)
        self.class_iris = {c.iri for c in self.schema.classes}
        #: schema terms are linked as classes/properties, never as entities
        self.schema_iris = self.class_iris | {p.iri for p in self.schema.properties}
        #: each property's own words: names (label, alt labels, split local name) and the content words
        #: of its description (rdfs:comment, skos:definition, dcterms:description)
        self.prop_words: dict[str, set[str]] = {}
        self.prop_initials: dict[str, set[tuple[str, str]]] = {}
        self.prop_spelled: dict[str, dict[str, set[str]]] = {}  # flightno: no. -> number
        self.prop_owner_words: dict[str, set[str]] = {}
        self.prop_joined: dict[str, dict[str, set[str]]] = {}  # 'mentee' -> {men, tee}
        self._codes: set[str] | None = None  # properties holding a few short codes (_code_properties)
        self._class_labels = {c.iri: c.label for c in self.schema.classes}
        self._class_word_cache: dict[str, set[str]] = {}
        self.prop_desc_words: dict[str, set[str]] = {}
        self.prop_texts: dict[str, list[str]] = {}
        names = property_names(self.labels, {p.iri for p in self.schema.properties})
        descs = property_descriptions(kg, self.schema)
        for p in self.schema.properties:
            texts = (
                label_names(p.label) | {split_name(local_name(p.iri))} | {normalize(n) for n in names.get(p.iri, ())}
            )
            words = {w for t in texts for w in t.split()}
            words -= {w for w in words if _abbreviated_key(w, words)}  # 'stuid' where the label says 'student id'
            words |= {ORDINALS[w] for w in words if w in ORDINALS}  # 'line 1' is the first line
            self.prop_words[p.iri] = {stem(w) for w in words if w not in STOPWORDS and len(w) > 1}
            spelled = {stem(w): {stem(x) for x in full} for w in words if (full := spelled_out(w))}
            self.prop_spelled.update({p.iri: spelled} if spelled else {})
            # words repeating the name of the class that has it ('template type description' of template types)
            # say whose it is more than what it is
            owner = p.subject_classes[0][0] if p.subject_classes else None
            own = self.prop_words[p.iri] - self._class_words(owner) if owner else self.prop_words[p.iri]
            if own and own != self.prop_words[p.iri]:
                self.prop_owner_words[p.iri] = self.prop_words[p.iri] - own
            # "fname": an initial before a word abbreviates a word that the question spells out ("first name")
            for t in texts:
                ws = t.split()
                # 'mentee', which the name's splitting cut into 'men tee': the two words written as one
                for a, b in zip(ws, ws[1:]):
                    self.prop_joined.setdefault(p.iri, {})[stem(a + b)] = {stem(a), stem(b)}
                # 'pickup', a phrasal verb written as one word: 'picked up' says it
                for w in ws:
                    if (head := phrasal_verb(w)) and stem(head) not in self.prop_words[p.iri]:
                        self.prop_joined.setdefault(p.iri, {})[stem(head)] = {stem(w)}
                for a, b in zip(ws, ws[1:]):
                    if len(a) == 1 and a.isalpha() and len(b) > 1:
                        self.prop_initials.setdefault(p.iri, set()).add((a, stem(b)))
            desc = descs.get(p.iri, "")
            dw = [w for w in normalize(desc).split() if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]
            self.prop_desc_words[p.iri] = {stem(w) for w in dw[:12]} - self.prop_words[p.iri]
            # 'population total', 'number of pages': the name without its words of quantity says what is counted
            # ('inhabitants' is near 'population', less near 'population total')
            bare = {
                " ".join(w for w in re.sub(r"^(number|count) of ", "", t).split() if w not in QUANTITY_WORDS)
                for t in texts
                if len(t.split()) > 1
            }
            texts |= {b for b in bare if b}
            self.prop_texts[p.iri] = sorted(t for t in texts if t) + ([f"{p.label}: {desc[:200]}"] if desc else [])
        self._add_measured_words()
        self._prop_vecs = None
        self._id_source: dict[str, bool] = {}
        self._class_synonyms = self._synonym_class_names()
        self._class_graph = None
        self._derived_cache: dict[str, set[str]] = {}  # word -> stems of the nouns its verb derives
        self._speller = None

    def _add_measured_words(self) -> None:
        """A number property's name says what it counts or measures in its dictionary definition too: WordNet
        defines 'population' as 'the people who inhabit a territory', so 'how many people' may ask for it.
        Those nouns join the property's description words (a weaker sign than its own words)."""
        from .lexicon import first_sense_gloss_nouns

        numeric = [p for p in self.schema.properties if p.is_numeric]
        heads = {p.iri: {w for w in self.prop_words.get(p.iri, ()) if w.isalpha() and len(w) > 2} for p in numeric}
        gloss = first_sense_gloss_nouns({w for ws in heads.values() for w in ws} - QUANTITY_WORDS)
        for p, ws in heads.items():
            extra = {stem(g) for w in ws for g in gloss.get(w, ()) if g not in STOPWORDS}
            if extra - self.prop_words[p]:
                self.prop_desc_words[p] = self.prop_desc_words.get(p, set()) | (extra - self.prop_words[p])

    @cached_property
    def ranking_names(self) -> frozenset[tuple[str, ...]]:
        """The graph's property names of several words that open with a word of ranking ('best finish',
        'highest rank'): written out in a question they name the property and rank nothing (text.analyse)."""
        names = set()
        for p in self.schema.properties:
            words = tuple(singular(w.lower()) for w in re.findall(r"[A-Za-z0-9]+", p.label or ""))
            if len(words) > 1 and (words[0] in ("best", "worst", "most", "least") or superlative_adjective(words[0])):
                names.add(words)
        return frozenset(names)

    def respell(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """The question with its spelling slips read as the graph words they nearly spell (spelling.py)."""
        if self._speller is None:
            from .spelling import Speller, graph_words

            self._speller = Speller(
                graph_words(
                    self.class_names,
                    self.labels.tokens(),
                    self.values.by_norm,
                    (t for texts in self.prop_texts.values() for t in texts),
                )
            )
        return self._speller.respell(text)

    def _class_words(self, cls: str) -> set[str]:
        """The stems of a class's names (label and split local name), each word singular and as written."""
        if cls not in self._class_word_cache:
            label = self._class_labels.get(cls)
            texts = {split_name(local_name(cls))} | ({normalize(label)} if label else set())
            words = {w for t in texts for w in t.split()}
            self._class_word_cache[cls] = {stem(singular(w)) for w in words} | {stem(w) for w in words}
        return self._class_word_cache[cls]

    def _shorter_class_names(self) -> dict[str, set[str]]:
        """Shorter names a class also goes by (kept where only one class has them): the tail of a long name
        ("available features" for "other available features"), the name without a word of container ("cars data":
        the cars; but not "model list" where things have a model, which the word names) and the head of an 'of'
        name ("work of art": the works)."""
        tails: dict[str, set[str]] = defaultdict(set)
        prop_names = {
            " ".join(singular(w) for w in n.split())
            for p in self.schema.properties
            for n in label_names(p.label) | {split_name(local_name(p.iri))}
        }
        for name, iris in self.class_names.items():
            words = name.split()
            for k in range(1, len(words) - 1):
                if words[k] not in STOPWORDS:
                    tails[" ".join(words[k:])].update(iris)
            if len(words) >= 2 and words[-1] in CONTAINER_WORDS and " ".join(words[:-1]) not in prop_names:
                tails[" ".join(words[:-1])].update(iris)
            if len(words) >= 3 and words[1] == "of" and words[0] not in prop_names | STOPWORDS:
                tails[words[0]].update(iris)
        return tails

    def _class_names(self) -> dict[str, list[str]]:
        """Each class with instances by its names: labels, split local name, and alt labels ('product' for an
        article), singular word by word."""
        out: dict[str, list[str]] = defaultdict(list)
        alt = property_names(self.labels, {c.iri for c in self.schema.classes})
        for c in self.schema.classes:
            if c.count == 0:
                continue
            names = label_names(c.label) | {split_name(local_name(c.iri))} | {normalize(n) for n in alt.get(c.iri, ())}
            for name in names:
                name = " ".join(singular(w) for w in name.split())
                if name:
                    out[name].append(c.iri)
        return out

    def spells_initial(self, a: str, b: str, prop: str) -> bool:
        """'first name' spells out the initial of fname ('f name'): word `a` opens what the initial stands for."""
        return a not in STOPWORDS and (a[:1], stem(b)) in self.prop_initials.get(prop, ())

    # ------------------------------------------------------------------ entities and values
    def link(self, q: Question) -> Links:
        toks = q.tokens
        cands: list[Mention] = []
        n = len(toks)
        inside = q.text_positions()  # "the word 'Garden'": a text to find inside values, not a thing
        inside |= set(q.cues.compare_day_at)  # "admitted after 1 March 2024": a date compared with, not a value
        for i in range(n):
            for j in range(min(n, i + MAX_QUOTED_SPAN), i, -1):
                if inside and inside.intersection(range(i, j)):
                    continue
                if j - i > MAX_SPAN and not _quoted(" ".join(q.raw_tokens[i:j]), q.text):
                    continue  # a long name is tried whole where the question quotes it ('Raise the tax by 2 percent')
                words = toks[i:j]
                acro = j - i == 1 and _acronym(q.raw_tokens[i])
                if not acro and all(w in STOPWORDS or w in TITLES for w in words) and not _bare_title(q, i, j):
                    continue
                # "US territory": a stop word written in capitals is an acronym, which may open or close a name
                if not acro and (
                    (words[0] in STOPWORDS and not _acronym(q.raw_tokens[i]))
                    or (words[-1] in STOPWORDS and not _acronym(q.raw_tokens[j - 1]))
                ):
                    continue
                text = " ".join(words)
                raw = " ".join(q.raw_tokens[i:j])
                found = self._span_mentions(i, j, text, raw, q)
                cands.extend(m for m in found if m.kind == "class" or not self._common_word_of_property(m, q))
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
        # "did Hugh Iver play in Glasshouse": the word after a name asked about with 'did' is its verb
        for m in [c for c in links.classes if _verb_after_subject(q, c, links.mentions)]:
            links.classes.remove(m)
            taken -= set(m.span)
        # "a capital called Kingston": a naming word right before the name it gives names no property
        naming = {m.start - 1 for m in links.mentions if m.start and q.tokens[m.start - 1] in NAMING_VERBS}
        links.free = [i for i in q.content_positions() if i not in taken and i not in naming]
        self._class_by_broader_word(q, links)
        if not links.classes:
            self._class_by_meaning(q, links)
        for m in list(links.classes):
            self._numbered(q, links, m)
        self._done_values(q, links)
        return links

    def _done_values(self, q: Question, links: Links) -> None:
        """'councillors who abstained' where a vote's choice is the code 'ABSTAIN': a free verb in the past
        whose stem is one coded value (written in capitals) names that value."""
        for i in list(links.free):
            raw = q.raw_tokens[i] if i < len(q.raw_tokens) else ""
            word = q.tokens[i]
            if not raw.islower() or not word.endswith("ed") or len(word) < 6 or not verb_form(word):
                continue
            vals = [(p, lit) for p, lit in self.values.same_stem(stem(stem(word))) if str(lit.value).isupper()]
            if vals and len({normalize(lit.value) for _, lit in vals}) == 1:
                links.mentions.append(Mention(i, i + 1, raw, "value", _value_hits(vals), 0.9))
                links.mentions.sort(key=lambda m: m.start)
                links.free.remove(i)

    def _numbered(self, q: Question, links: Links, cls: Mention) -> None:
        """'order 5003', 'flight 101', 'room 12': a class word and a whole number right after it name the one
        thing of that class holding the number (its id), found in the data; the number is then no value stated
        for some other word ('when was order 5003 placed')."""
        at = cls.end
        if at >= len(q.tokens) or at not in links.free or not re.fullmatch(r"\d{1,12}", q.tokens[at]):
            return
        things = self._holding_number(cls.hits[0].iri, q.tokens[at])
        if len(things) != 1:
            return
        raw = " ".join(q.raw_tokens[cls.start : at + 1])
        label = self.kg.labels.label_of(things[0])
        label = raw if label == q.tokens[at] else label  # 'trip 7', not '7'; 'Order 5003' keeps its own name
        links.classes.remove(cls)
        links.mentions.append(
            Mention(cls.start, at + 1, raw, "entity", [LabelHit(things[0], label, 1.0, "number")], 1.0)
        )
        links.mentions.sort(key=lambda m: m.start)
        links.free = [k for k in links.free if k != at]
        q.cues.measures = [m for m in q.cues.measures if m[2] != at]  # the number names the thing, no value

    def _holding_number(self, cls: str, number: str) -> list[str]:
        """The things of `cls` that hold `number`; where several do, under different properties ('trip 7': its
        id, and the trips whose bike or station is number 7), those holding it under a key of the class (a
        property whose values no two things share)."""
        res = self.kg.query(
            f"SELECT DISTINCT ?x ?p WHERE {{ ?x a <{cls}> ; ?p ?v . "
            f'FILTER(isLiteral(?v) && STR(?v) = "{number}") }} LIMIT 12',
            timeout_s=3,
            max_rows=12,
        )
        found = [(r[0].value, r[1].value) for r in res.rows or [] if r[0] is not None and r[0].is_iri]
        things = sorted({x for x, _ in found})
        if len(things) <= 1:
            return things
        keys = []
        for prop in sorted({p for _, p in found}):
            held = [x for x, p in found if p == prop]
            if len(held) != 1:
                continue
            counts = self.kg.query(
                f"SELECT (COUNT(?x) AS ?n) (COUNT(DISTINCT ?v) AS ?d) WHERE {{ ?x a <{cls}> ; <{prop}> ?v }}",
                timeout_s=3,
                max_rows=1,
            ).rows
            if counts and counts[0][0] is not None and counts[0][0].value == counts[0][1].value:
                keys.append(held[0])
        return sorted(set(keys))

    @cached_property
    def _broader_names(self) -> dict[str, list[str]]:
        """Broader nouns that name one class each: the words of the synset right above a one-word class name's
        most frequent WordNet sense ('vessel' for ship, 'worker' for employee), kept when no other class has
        the same broader word."""
        from .lexicon import near_hypernyms

        # the classes' own names: a synonym's broader word is two steps away ('shipment', 'load', 'weight')
        own = set(self.class_names) - self._class_synonyms - self._class_tails
        single = {name: self.class_names[name] for name in own if " " not in name}
        owners: dict[str, set[str]] = defaultdict(set)
        for name, words in near_hypernyms(set(single)).items():
            for w in words:
                owners[w].update(single[name])
        return {w: sorted(iris) for w, iris in owners.items() if len(iris) == 1 and w not in self.class_names}

    def _class_by_broader_word(self, q: Question, links: Links) -> None:
        """'the names of the vessels', 'council members who ...': a free noun that is the broader word of one
        class's name names that class wherever it stands, unless a property is named by it."""
        named = {h.iri for m in links.classes for h in m.hits}
        for i in list(links.free):
            w = q.tokens[i]
            broader = self._broader_names.get(singular(w), []) if english_noun(w) else []
            if broader and broader[0] not in named and max(self.property_scores([w]).values(), default=0.0) < 0.8:
                hit = LabelHit(broader[0], self._class_labels.get(broader[0], w), 0.9, "class")
                links.classes.append(Mention(i, i + 1, q.raw_tokens[i], "class", [hit], 0.8, plural=w != singular(w)))
                links.classes.sort(key=lambda m: m.start)
                links.free.remove(i)
                named.add(broader[0])

    def _class_by_meaning(self, q: Question, links: Links) -> None:
        """No class named by its own words: the noun asked about, when its meaning is close to one class's name
        alone ('employees' for staff member, 'films' for movie), names it, unless a property is named by it."""
        if self.embedder is None:
            return
        # only the word asked about ('which employees ...', 'how many films ...', 'the most recent paper'):
        # deeper in a long request a noun close to some class ('staff' ~ manager) is more often a word of something else
        sup, ordinal = q.cues.superlative, q.cues.ordinal
        ranking = {sup[2] if sup else -1, ordinal[1] if ordinal else -1}
        content = [k for k in q.content_positions() if k not in ranking and q.tokens[k] not in ("most", "least")]
        for i in [k for k in links.free if content and k == content[0]]:
            w = q.tokens[i]
            if len(w) < 4 or not english_noun(w) or max(self.property_scores([w]).values(), default=0.0) >= 0.8:
                continue
            if any(singular(w) in name.split() for name in self.class_names):
                continue  # 'cars' beside 'car makers' and 'car names': the names had their say, meaning would guess
            try:
                # the noun's meaning in both its forms ('paper' and 'papers'): one form alone may lean elsewhere
                forms = [
                    self.embedder.class_similarities(self, f) for f in (w, singular(w) if singular(w) != w else w + "s")
                ]
            except RuntimeError:
                return
            sims = {c: sum(f.get(c, 0.0) for f in forms) / len(forms) for c in forms[0]}
            ranked = sorted(sims.items(), key=lambda kv: -kv[1])
            lead = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 1.0
            if not ranked or ranked[0][1] < (
                CLASS_MEANING if lead < CLASS_MEANING_ALONE_MARGIN else CLASS_MEANING_ALONE
            ):
                continue
            if lead < CLASS_MEANING_MARGIN:
                continue  # two classes as close: which one is meant is a guess
            iri = ranked[0][0]
            hit = LabelHit(iri, self._class_labels.get(iri, w), ranked[0][1], "class")
            links.classes.append(Mention(i, i + 1, q.raw_tokens[i], "class", [hit], 0.8, plural=w != singular(w)))
            links.free = [k for k in links.free if k != i]
            return

    def _span_mentions(self, i: int, j: int, text: str, raw: str, q: Question) -> list[Mention]:
        out = []
        forms = [text]
        sing = " ".join(text.split()[:-1] + [singular(text.split()[-1])])
        if re.fullmatch(r"[A-Z]{2,}s", raw.split()[-1]):  # "RLs", "CDs": the plural of an acronym
            sing = text[:-1]
        if sing != text:
            forms.append(sing)
        spaced = normalize(raw)
        if spaced != text and any(ch.isdigit() for ch in raw):
            forms.insert(0, spaced)  # a code as written ('WH-0077'), not run together as one token
        # a bare number is a quantity ("the 5 largest", "with 4 cylinders") unless a word names it an id
        quantity = raw.replace(".", "").isdigit() and not (i > 0 and q.tokens[i - 1] in ID_WORDS)
        written_as_id = _written_as_identifier(raw, q.text) and not quantity
        for k, form in enumerate(forms):
            penalty = 0.0 if k == 0 else 0.02
            hits = self._entities(self.labels.lookup(form))
            if not written_as_id:  # "sea" or "code" is a word, even where some entity's code is "SEA"
                hits = [h for h in hits if not self._is_identifier(h)]
            if hits:
                out.append(Mention(i, j, raw, "entity", _dedup(hits), 1.0 - penalty, plural=k == 1))
            vals = self.values.lookup(form)
            if not written_as_id:  # "list id and name": the word, not the country code "ID"
                vals = [(p, lit) for p, lit in vals if not self._is_identifier(LabelHit(p, lit.value, 1.0, p))]
            if vals:
                out.append(Mention(i, j, raw, "value", _value_hits(vals), 0.97 - penalty))
            # a shortened class name followed by a noun ("template type codes") names that noun's property
            tail_modifies = form in self._class_tails and j < len(q.tokens) and q.tokens[j] not in STOPWORDS
            if form not in self.class_names:  # class names are kept singular word by word ("bills of material")
                form = " ".join(singular(w) for w in form.split())
            if form in self.class_names and not tail_modifies:
                other_name = 0.1 if form in self._class_synonyms else 0.0  # 'nations' for country: less sure
                out.append(
                    Mention(
                        i,
                        j,
                        raw,
                        "class",
                        [LabelHit(c, form, 1.0, "class") for c in self.class_names[form]],
                        1.0 - penalty - other_name,
                    )
                )
            if hits or vals:
                break
        if out:
            return out
        if j - i == 1 and 2 <= len(raw) <= 5 and raw.isupper() and raw.isalpha():
            hits = self._entities(self.labels.acronym(raw))
            if 0 < len(hits) <= 5:
                return [Mention(i, j, raw, "entity", _dedup(hits), 0.85, plural=True)]
        place = (
            (self._place_mention(i, text, raw) or self._coded_adjective(i, text, raw) or self._coded_noun(i, text, raw))
            if j - i == 1
            else None
        )
        if place:
            return [place]
        words = text.split()
        # partial names: a capitalised word (or an identifier) inside longer names, e.g. "Brant"
        cap = all(r[:1].isupper() or any(ch.isdigit() for ch in r) for r in q.raw_tokens[i:j])
        if cap and not (i == 0 and j - i == 1 and q.raw_tokens[0].lower() in STOPWORDS) and not _compared(q, i, raw):
            toks = [t for w in words for t in normalize(w).split()]
            hits = self._entities(self.labels.by_tokens(toks))
            if quantity:
                hits = [h for h in hits if not self._is_identifier(h)]
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

    def _common_word_of_property(self, m: Mention, q: Question) -> bool:
        """'the independence year of the country': a common word written in lower case, equal only to proper
        names ('Independence', a city), next to a word that names a property whose own name holds the word's
        start ('indepyear'), is a word of that property's name, not the place ('the population of paris' keeps
        Paris: 'population' does not hold 'pari')."""
        i, raw = m.start, m.text
        if m.end - i != 1 or not raw.isalpha() or not raw.islower() or len(raw) < 4 or not english_noun(raw):
            return False
        if not all(h.label[:1].isupper() for h in m.hits):
            return False
        near = [k for k in range(max(0, i - 2), min(len(q.tokens), i + 3)) if k != i]
        for k in near:
            if q.tokens[k] in STOPWORDS:
                continue
            scores = self.property_scores([q.tokens[k]])
            if any(s >= 0.8 and raw[:4] in re.sub(r"[^a-z]", "", local_name(p).lower()) for p, s in scores.items()):
                return True
        return False

    def _coded_adjective(self, i: int, text: str, raw: str) -> Mention | None:
        """'female guests' where the guests' gender is a code ('F'): an adjective written as the first letters
        of itself, under a property named by the attribute WordNet says the adjective gives (female -> gender,
        sex)."""
        from .lexicon import attribute_nouns

        attrs = attribute_nouns(text) if text.isalpha() and " " not in text else ()
        if not attrs:
            return None
        props = {p for p, v in self.property_scores(list(attrs)).items() if v >= 0.6}
        for n in (1, 2, 3):
            vals = [(p, lit) for p, lit in self.values.lookup(text[:n]) if p in props and len(lit.value) == n]
            if vals:
                return Mention(i, i + 1, raw, "value", _value_hits(vals), 0.8)
        return None

    def _coded_noun(self, i: int, text: str, raw: str) -> Mention | None:
        """'syrups' where a drug's form is a code ('SYR'): a noun whose first three or four letters, in capitals,
        are one of a few codes a single property holds (a kind, not an identifier: a dozen values at most)."""
        word = singular(text)
        if not text.isalpha() or len(word) < 5 or not english_noun(word):
            return None
        for n in (3, 4):
            vals = [(p, lit) for p, lit in self.values.lookup(word[:n]) if lit.value == word[:n].upper()]
            if len({p for p, _ in vals}) == 1 and vals[0][0] in self._code_properties():
                return Mention(i, i + 1, raw, "value", _value_hits(vals), 0.7, plural=text != word)
        return None

    def _code_properties(self) -> set[str]:
        """Properties whose values are a few short codes in capitals ('TAB', 'SYR', 'INJ'), found once."""
        if self._codes is None:
            held: dict[str, set[str]] = defaultdict(set)
            for rows in self.values.by_norm.values():
                for p, lit in rows:
                    held[p].add(str(lit.value))
            self._codes = {
                p
                for p, vs in held.items()
                if len(vs) <= 12 and all(v.isalpha() and v.isupper() and len(v) <= 4 for v in vs)
            }
        return self._codes

    def _place_mention(self, i: int, text: str, raw: str) -> Mention | None:
        """One word naming a place by an adjective: the proper noun WordNet says it pertains to ('a french
        supplier' -> France, in any case), else, written with a capital and not first, the stem of an
        adjective of place ('European' -> Europe), as an entity or as a plain value ('African' -> "Africa")."""
        named = self._pertained_place(text)
        if named:
            return Mention(i, i + 1, raw, named[0], named[1], 0.85, plural=True)
        if i == 0 or not (raw[:1].isupper() or any(ch.isdigit() for ch in raw)):
            return None
        place = self._place_of_adjective(text)
        if place:
            return Mention(i, i + 1, raw, "entity", place, 0.8, plural=True)
        vals = self._place_value_of_adjective(text)
        if vals:
            return Mention(i, i + 1, raw, "value", _value_hits(vals), 0.8)
        return None

    def _place_of_adjective(self, word: str) -> list[LabelHit]:
        """Entities named by the stem of an English adjective of place ('european' -> Europe, 'asian' ->
        Asia, 'german' -> Germany): one-word labels that start with the stem."""
        for stem_ in _adjective_stems(word):
            hits = [
                h
                for h in self._entities(self.labels.search(stem_, limit=8, cutoff=80))
                if " " not in normalize(h.label)
                and normalize(h.label).startswith(stem_)
                and len(normalize(h.label)) - len(stem_) <= 2
            ]
            if hits:
                return _dedup(hits)[:3]
        return []

    def _pertained_place(self, word: str) -> tuple[str, list[LabelHit]] | None:
        """('entity' or 'value', hits) for the proper noun an adjective pertains to ('french' -> France,
        'polish' -> Poland), matched exactly to a name or a value of this graph."""
        from .lexicon import pertains_to

        for noun in (n for n in pertains_to(word) if n[:1].isupper()):
            hits = self._entities(self.labels.lookup(normalize(noun)))
            if hits:
                return "entity", _dedup(hits)[:3]
            vals = self.values.lookup(noun)
            if vals:
                return "value", _value_hits(vals[:6])
        return None

    def _place_value_of_adjective(self, word: str) -> list[tuple[str, Term]]:
        """The literal values an adjective of place names, by the same stems as `_place_of_adjective`."""
        for stem_ in _adjective_stems(word):
            vals = self.values.one_word_starting(stem_)
            if vals:
                return vals[:6]
        return []

    def _is_identifier(self, hit: LabelHit) -> bool:
        """A name that came from a code or identifier property, or an unlabelled IRI's one-word local name."""
        if hit.source == "localname":
            return " " not in hit.label
        if hit.source not in self._id_source:
            words = set(split_name(local_name(hit.source)).split())
            self._id_source[hit.source] = bool(words & ID_WORDS)
        return self._id_source[hit.source]

    def _entities(self, hits: list[LabelHit]) -> list[LabelHit]:
        return [h for h in hits if h.iri not in self.schema_iris]

    # ------------------------------------------------------------------ properties
    def _synonym_class_names(self) -> set[str]:
        """Other names of one-word classes from WordNet's first sense ('nation' for country, 'pupil' for
        student), unless the graph already uses the word for a class or a property."""
        from .lexicon import first_sense_synonyms

        single = {name: iris for name, iris in self.class_names.items() if " " not in name}
        used = {w for ws in self.prop_words.values() for w in ws}
        added = set()
        for name, alts in first_sense_synonyms(set(single)).items():
            for alt in alts:
                if alt not in self.class_names and stem(alt) not in used and alt not in STOPWORDS:
                    self.class_names[alt] = single[name]
                    added.add(alt)
        return added

    def acronyms(self, q: Question, free: list[int]) -> list[str]:
        """Runs of two to four free words whose initials spell a word of some property's name ('miles per
        gallon' -> mpg, 'gross national product' -> gnp): that word, for the property scores."""
        out: list[str] = []
        for _i, _j, initials in self.acronym_runs(q, free):
            if initials not in out:
                out.append(initials)
        return out

    def acronym_runs(self, q: Question, free: list[int]) -> list[tuple[int, int, str]]:
        """(start, end, initials) of each run `acronyms` reads: the words the initials stand for."""
        if not hasattr(self, "_name_stems"):
            self._name_stems = {w for ws in self.prop_words.values() for w in ws if len(w) >= 3}
        toks, open_ = q.tokens, set(free)
        out = []
        for i in range(len(toks)):
            for j in range(i + 2, min(i + 4, len(toks)) + 1):
                if i not in open_ or j - 1 not in open_:
                    continue
                if any(k not in open_ and toks[k] not in STOPWORDS for k in range(i, j)):
                    continue
                initials = "".join(w[0] for w in toks[i:j] if w)
                if len(initials) >= 3 and stem(initials) in self._name_stems:
                    out.append((i, j, initials))
        return out

    def property_scores(self, words: list[str]) -> dict[str, float]:
        """How well each property matches these question words (0..1)."""
        from rapidfuzz import fuzz

        stems = {stem(w) for w in words if w not in STOPWORDS}
        raw = {w.lower() for w in words if w not in STOPWORDS}
        derived = self._derived_stems(words) - stems
        named_stems = {stem(w) for w in raw if not is_structure_word(w)} if self.prop_spelled else set()
        # column names clip nouns ('cust_nm', 'ord_dt'), not verbs: 'ordered' names no 'ord_id'
        clipped = [w for w in raw if not (verb_form(w) and verb_lemma(w) not in (None, w))]
        scores: dict[str, float] = {}
        for p, pw in self.prop_words.items():
            best, covered = 0.0, set()
            for w in pw & derived if derived else ():
                best = max(best, 0.8)  # "describe" asks for a description: the verb's noun names the property
                covered.add(w)
            if p in LABEL_PREDICATES and stems & LABEL_WORDS:
                # a label is what people call a thing's name or title; a property of the graph's own named so
                # (a 'name' column) fits the word better
                best = max(best, LABEL_WORD_FIT)
                covered |= pw
            for s in stems:
                if s in self.prop_joined.get(p, {}):
                    best = max(best, 1.0)
                    covered |= self.prop_joined[p][s]
                for w in pw:
                    if s == w:
                        best = max(best, 1.0)
                        covered.add(w)
                    elif _shared_stem(s, w):
                        best = max(best, 0.8)
                        covered.add(w)
                    elif len(s) >= 6 and len(w) >= 6 and fuzz.ratio(s, w) >= 85:  # spelling slips
                        best = max(best, 0.7)
                        covered.add(w)
            for w, full in self.prop_spelled.get(p, {}).items():
                if named_stems & full:  # 'flight numbers' names flightno; 'the number of flights' counts
                    best = max(best, 0.8)
                    covered.add(w)
            for r in clipped:
                for w in pw:
                    if abbreviates(w, r) or contracts(w, singular(r)):  # 'destination': dest_airport, 'name': nm
                        best = max(best, 0.7)
                        covered.add(w)
            if best:
                # "book titles" fits bookTitle (both words asked) better than hasBookshop
                # an initial counts as a word to match: 'name' fits fname ('f name') less than 'first name' does
                # words repeating its class's name weigh half: 'description' asks for most of 'template type
                # description' of template types, but 'degree names' fits 'degree summary name' best; so do units
                # the words leave unsaid ('the preparation time' fits prep_minutes)
                n_words = (
                    len(pw)
                    - 0.5 * len(self.prop_owner_words.get(p, ()))
                    - 0.5 * len((pw & UNIT_STEMS) - covered)
                    + len(self.prop_initials.get(p, ()))
                )
                scores[p] = best * (0.6 + 0.4 * min(1.0, len(covered) / max(n_words, 1)))
            if any(self.spells_initial(a, b, p) for a, b in zip(words, words[1:])):
                scores[p] = 1.0  # "first name" spells out fname
            # a word of the property's description ("the year the person was born"): a weaker sign
            dw = self.prop_desc_words.get(p)
            if dw and scores.get(p, 0.0) < DESC_MATCH and stems & dw:
                scores[p] = DESC_MATCH
        if self.embedder is not None and words:
            for p, s in self.embedder.property_scores(self, words).items():
                scores[p] = max(scores.get(p, 0.0), s)
        return scores

    def _derived_stems(self, words: list[str]) -> set[str]:
        """Stems of the nouns WordNet derives from the verbs among the words ('departing' -> departure)."""
        out = set()
        for w in words:
            if w not in self._derived_cache:
                verb = w not in STOPWORDS and verb_form(w)
                found = {stem(n) for n in derived_nouns(w)} if verb else set()
                own = found | {stem(verb_lemma(w) or w)}
                if verb and not any(own & pw for pw in self.prop_words.values()):
                    # no property is named by what the verb does: the role of its doer may be ('acted in' ->
                    # actor); where one is ('made' -> make), the doer ('maker') is what is made by, not asked
                    found |= {stem(n) for n in doer_nouns(w)}
                self._derived_cache[w] = found
            out |= self._derived_cache[w]
        return out

    def class_graph(self):
        """The schema as a networkx MultiDiGraph: class -> class per property, both ways, keyed by
        (property, forward?); for paths the data exploration does not reach (three hops)."""
        if self._class_graph is None:
            import networkx as nx

            g = nx.MultiDiGraph()
            for p in self.schema.properties:
                if p.iri.startswith(
                    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#")
                ):
                    continue
                for s, _ in p.subject_classes[:5]:
                    for o, _ in p.object_classes[:5]:
                        g.add_edge(s, o, key=(p.iri, True))
                        g.add_edge(o, s, key=(p.iri, False))
            self._class_graph = g
        return self._class_graph

    def similarities(self, words: list[str]) -> dict[str, float]:
        """Raw embedding similarity of these words to every property (empty without embeddings)."""
        if self.embedder is None or not words:
            return {}
        try:
            return self.embedder.similarities(self, words)
        except RuntimeError:
            return {}


def _abbreviated_key(word: str, words: set[str]) -> bool:
    """'stuid' or 'mem' beside 'student'/'member' and 'id': the short key name that the schema's label spells
    out (kgquery.graph.schema reads 'stuid' of a student as 'student id')."""
    if "id" not in words or word == "id":
        return False
    short = word[:-2] if word.endswith("id") and len(word) > 4 else word
    return any(w != word and len(w) > len(short) and w.startswith(short) for w in words)


#: words that give a thing's name ('a capital called Kingston') and name no property by that: 'named' and
#: 'titled' stay, as they name the name or title property that holds it ('the student named Tim Ward')
NAMING_VERBS = {"called"}


def _compared(q: Question, i: int, raw: str) -> bool:
    """'a depth under 50 mm', 'between 5 and 10': the number a comparison states is a quantity, never a word of
    some longer name ('5,50 EUR'); nor is the date a comparison states ('after 2024-03-01', 'before 1 May 2020')."""
    c = q.cues
    if i in c.compare_day_at:
        return True
    try:
        v = float(raw)
    except ValueError:
        return False
    if c.compare and c.compare[1] == v and c.compare[2] < i <= c.compare[2] + 3:
        return True
    return bool(c.between and v in c.between)


#: a numbered name's number as the ordinal a question says it with ('line_2': the second line)
ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth"}


def _shared_stem(a: str, b: str) -> bool:
    """Two word stems of one family: a long common start covering most of the shorter one.

    >>> [_shared_stem(a, b) for a, b in [("suppli", "supply"), ("product", "production"), ("cost", "costum")]]
    [True, True, False]
    """
    n = len(os.path.commonprefix([a, b]))
    return n >= 5 and n >= 0.8 * min(len(a), len(b))


def _dedup(hits: list[LabelHit]) -> list[LabelHit]:
    seen, out = set(), []
    for h in sorted(hits, key=lambda h: -h.score):
        if h.iri not in seen:
            seen.add(h.iri)
            out.append(h)
    return out
