"""Label index: every entity's names, normalised, with exact, token and fuzzy lookup.

Names come from the usual label predicates, from name-like literal properties the schema
reveals (name, title, code, id ...), and from IRI local names as a last resort. Built with
SPARQL (files and endpoints alike) and cached on disk per graph fingerprint.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable
from urllib.parse import unquote

import numpy as np

from ..terms import Outcome, Term
from ..wording import contracts, is_adjective, singular
from .schema import RDF_TYPE, local_name, split_name
from .source import GraphSource

LABEL_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://schema.org/name",
    "https://schema.org/name",
    "http://xmlns.com/foaf/0.1/name",
    "http://purl.org/dc/terms/title",
    "http://purl.org/dc/elements/1.1/title",
)
NAME_WORDS = {"name", "title", "label", "code", "id", "identifier", "symbol", "alias", "nickname", "acronym"}
INDEX_VERSION = 13
MAX_LABEL_CHARS = 200


_NON_WORD = re.compile(r"[^\w]+")


def normalize(text: str) -> str:
    """Lowercase, strip accents and punctuation, collapse spaces.

    >>> normalize("  Müller-Lüdenscheidt, Dr. ")
    'muller ludenscheidt dr'
    """
    if not text.isascii():  # ASCII has no accents to strip (the common case, and 5x faster)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


#: a word as a question's reader takes it: letters and digits, with hyphens, dots, slashes or apostrophes inside
_WORD = re.compile(r"[\w][\w\-./@%']*[\w]|[\w]")


def _hyphenated_words(token: str) -> bool:
    """'Bill-of-Material', 'well-known': words joined by hyphens, read as words; a code ('WH-0077') or a
    single letter ('E-Glide', 'X-ray') makes one word."""
    parts = token.split("-")
    return len(parts) >= 2 and all(p.isalpha() and len(p) >= 2 for p in parts)


def words_as_read(text: str) -> list[str]:
    """The words of a text as the question reader splits them: words joined by hyphens apart ('bill of
    material'), a code or a single letter with its hyphen one word ('WH-0077', 'E-Glide')."""
    return [p for w in _WORD.findall(text) for p in (w.split("-") if _hyphenated_words(w) else [w])]


def as_words_read(text: str) -> str:
    """A name the way a question's words are read: each word whole, without the marks inside it.

    >>> as_words_read("E-Glide"), as_words_read("O'Brien Street"), as_words_read("Bill-of-Material")
    ('eglide', 'obrien street', 'bill of material')
    """
    return " ".join(n for n in (normalize(w).replace(" ", "") for w in words_as_read(text)) if n)


#: how sure a name is that matches an entity's name only without its aside ("(film)")
ASIDE_NAME = 0.9

_ASIDE = re.compile(r"^(.+?)\s*[(\[]([^()\[\]]+)[)\]]\s*$")


def label_names(label: str) -> set[str]:
    """The names a label gives: the whole, and for "Bill of Material (BOM)" also the name before the
    brackets and the short form inside them, since a question writes one or the other, not both.

    >>> sorted(label_names("Bill of Material (BOM)"))
    ['bill of material', 'bill of material bom', 'bom']
    """
    names = {normalize(label)}
    m = _ASIDE.match(label.strip())
    if m:
        names |= {normalize(m.group(1)), normalize(m.group(2))}
    return {n for n in names if n}


@dataclass(frozen=True)
class LabelHit:
    iri: str
    label: str  # the name as written in the graph
    score: float  # 0..1
    source: str  # predicate IRI the name came from, or "localname"
    term: str = ""  # a value's literal as the graph holds it, in SPARQL syntax ('"goalkeeper"@en'); "" for names

    def value_n3(self) -> str:
        """The value as a SPARQL literal: as the graph holds it, else as a plain string of its text."""
        return self.term or Term("literal", self.label).n3()


class LabelIndex:
    """Names of entities: `lookup` (exact), `by_token`, `search` (fuzzy), `label_of`, `types_of`."""

    def __init__(self, entries: list[tuple[str, str, str]], types: dict[str, list[str]]):
        self.entries = entries  # (iri, label, source)
        self.types = types
        self._by_norm: dict[str, list[int]] = defaultdict(list)
        #: names without their aside ('(film)', '(Texas)') or with their last word singular: a little less sure
        self._by_base: dict[str, list[int]] = defaultdict(list)
        self._by_token: dict[str, set[int]] = defaultdict(set)
        self._best_label: dict[str, str] = {}
        self._ntok = [0] * len(entries)  # words in each normalised name
        #: the server's own text search (set for endpoints that have one); used when the index finds nothing
        self.server_search: Callable[[str, int], list[LabelHit]] | None = None
        for i, (iri, label, source) in enumerate(entries):
            n = normalize(label)
            if not n:
                continue
            self._by_norm[n].append(i)
            read = as_words_read(label) if "-" in label or "'" in label else n
            if read != n:  # "E-Glide" is one word to a question ('eglide'), two to normalize()
                self._by_norm[read].append(i)
            aside = _ASIDE.match(label.strip()) if label.rstrip().endswith((")", "]")) else None
            if aside and normalize(aside.group(1)):
                # "Glass Birds (film)": a name with its kind set aside also answers to the bare name
                self._by_base[normalize(aside.group(1))].append(i)
            words = n.split()
            last = singular(words[-1])
            if last != words[-1] and not is_adjective(last):
                # "Kettles" (a category) also answers to "the newest kettle"; "News" is not named by "new"
                self._by_base[" ".join(words[:-1] + [last])].append(i)
            self._ntok[i] = len(words)
            for tok in words:
                self._by_token[tok].add(i)
            best = self._best_label.get(iri)
            if best is not None and not any(ch.isalpha() for ch in best) and any(ch.isalpha() for ch in label):
                del self._best_label[iri]  # a row's number ('21') names it worse than a word ('Volvo') does
            if iri not in self._best_label or source == LABEL_PREDICATES[0]:
                self._best_label.setdefault(iri, label)
                if source == LABEL_PREDICATES[0]:
                    self._best_label[iri] = label
        self._norm_keys = list(self._by_norm)
        self._grams: GramIndex | None = None  # built on the first fuzzy search
        self._acronyms: dict[str, list[int]] = defaultdict(list)
        for n, ids in self._by_norm.items():
            words = n.split()
            if 2 <= len(words) <= 4 and all(w.isalpha() for w in words):
                self._acronyms["".join(w[0] for w in words)].extend(ids)

    def __len__(self) -> int:
        return len(self._best_label)

    def label_of(self, iri: str) -> str:
        """The display name of an IRI (rdfs:label preferred), or its split local name."""
        return self._best_label.get(iri) or local_name(iri)

    def types_of(self, iri: str) -> list[str]:
        return self.types.get(iri, [])

    def _hits(self, ids, score: float) -> list[LabelHit]:
        return [LabelHit(self.entries[i][0], self.entries[i][1], score, self.entries[i][2]) for i in ids]

    def lookup(self, text: str) -> list[LabelHit]:
        """Entities with exactly this name (after normalisation), then, a little less sure, those whose name is
        this one with an aside ('Glass Birds (film)' for 'Glass Birds') or in the plural ('Kettles' for 'kettle')."""
        n = normalize(text)
        return self._hits(self._by_norm.get(n, ()), 1.0) + self._hits(self._by_base.get(n, ()), ASIDE_NAME)

    def acronym(self, text: str) -> list[LabelHit]:
        """Entities whose multi-word name has these initials ('US' -> 'United States')."""
        return self._hits(self._acronyms.get(text.lower(), ()), 0.85)

    def tokens(self) -> list[str]:
        """Every word of every name (normalised), for spelling slips."""
        return list(self._by_token)

    def token_ids(self, token: str) -> set[int]:
        return self._by_token.get(token, set())

    def by_tokens(self, tokens: list[str], max_hits: int | None = None) -> list[LabelHit]:
        """Entities whose name contains all these tokens; score = share of the name covered.

        With `max_hits`, more matches than that give [] (a word too common to name anything) without
        building them all.
        """
        if not tokens:
            return []
        sets = [self._by_token.get(t) for t in tokens]
        if any(s is None for s in sets):
            return []
        sets.sort(key=len)
        ids = set.intersection(*sets) if len(sets) > 1 else sets[0]
        if max_hits is not None and len(ids) > max_hits:
            return []
        return [
            LabelHit(self.entries[i][0], self.entries[i][1], len(tokens) / max(self._ntok[i], 1), self.entries[i][2])
            for i in ids
        ]

    def search(self, text: str, limit: int = 10, cutoff: float = 80) -> list[LabelHit]:
        """Fuzzy search (spelling slips); scores scaled to 0..1.

        rapidfuzz scores only a shortlist of names that share character trigrams with the text and
        could reach `cutoff` by length (GramIndex), never every name. When nothing is found and the
        graph is an endpoint with its own text search, the server is asked.
        """
        from rapidfuzz import fuzz, process

        q = normalize(text)
        if not q:
            return []
        if len(self._norm_keys) <= SMALL_INDEX:
            keys = self._norm_keys
        else:
            if self._grams is None:
                self._grams = GramIndex(self._norm_keys)
            keys = [self._norm_keys[i] for i in self._grams.shortlist(q, cutoff)]
        found = process.extract(q, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
        out = []
        for key, score, _ in found:
            out.extend(self._hits(self._by_norm[key], score / 100.0))
        if not out and self.server_search is not None:
            scored = [(fuzz.ratio(q, normalize(h.label)), h) for h in self.server_search(text, limit)]
            out = [
                LabelHit(h.iri, h.label, r / 100.0, h.source)
                for r, h in sorted(scored, key=lambda x: -x[0])
                if r >= cutoff
            ][:limit]
        return out

    def to_json(self) -> str:
        return json.dumps({"v": INDEX_VERSION, "entries": self.entries, "types": self.types})

    @classmethod
    def from_json(cls, text: str) -> "LabelIndex":
        d = json.loads(text)
        if d.get("v") != INDEX_VERSION:
            raise ValueError("old index version")
        return cls([tuple(e) for e in d["entries"]], d["types"])


#: up to this many names rapidfuzz scans them all (microseconds); above, the trigram shortlist
SMALL_INDEX = 20_000
SHORTLIST = 2000


def _grams(key: str) -> set[str]:
    """Character trigrams of a name, padded so short names and word edges count.

    >>> sorted(_grams("ab"))
    ['  a', ' ab', 'ab ', 'b  ']
    """
    k = f"  {key}  "
    return {k[i : i + 3] for i in range(len(k) - 2)}


class GramIndex:
    """Character trigram -> name ids (numpy arrays): the fuzzy shortlist, vectorised, no loop over names.

    A name within Indel ratio `cutoff` of the text has a length in a window around the text's and
    shares at least max(len)+2-3*D padded trigrams with it (the q-gram lemma, D = edit operations
    allowed), so filtering by both keeps every match rapidfuzz would find, up to `SHORTLIST` names.
    """

    def __init__(self, keys: list[str]):
        postings: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(keys):
            for g in _grams(k):
                postings[g].append(i)
        self.postings = {g: np.asarray(ids, dtype=np.int32) for g, ids in postings.items()}
        self.lengths = np.fromiter((len(k) for k in keys), dtype=np.int32, count=len(keys))
        self.n = len(keys)

    def shortlist(self, q: str, cutoff: float, size: int = SHORTLIST) -> np.ndarray:
        """Ids of the names that can score >= cutoff against q, in index order (ties rank as in a full scan)."""
        lists = [self.postings[g] for g in _grams(q) if g in self.postings]
        if not lists:
            return np.zeros(0, dtype=np.int32)
        counts = np.bincount(np.concatenate(lists), minlength=self.n)
        ids = np.flatnonzero(counts)
        m, lens, shared = len(q), self.lengths[ids], counts[ids]
        c = cutoff / 100.0
        d_max = np.floor((1 - c) * (m + lens))  # Indel operations allowed
        ok = (lens >= np.floor(m * c / (2 - c))) & (lens <= np.ceil(m * (2 - c) / c))
        ok &= shared >= np.maximum(lens, m) + 2 - 3 * d_max - 1  # -1: trigrams counted as sets
        ids, shared = ids[ok], shared[ok]
        if len(ids) > size:
            top = np.argpartition(-shared, size)[:size]
            ids = ids[top]
        return np.sort(ids)


def _name_like(kg: GraphSource) -> list[str]:
    """Literal properties that name or identify their subject: a name-like word, mostly distinct values.

    A country code shared by many suppliers names the country, not the supplier, so it is left out; so is a
    job title that one in five people share ("Engineer"): names are nearly unique.
    """
    out = []
    for p in kg.schema.properties:
        if p.iri in LABEL_PREDICATES or not p.is_literal:
            continue
        words = set(split_name(local_name(p.iri)).split()) | set(normalize(p.label).split())
        # 'item_nm', 'ttl': a column name writes 'name' or 'title' without its vowels
        if not words & NAME_WORDS and not any(contracts(w, n) for w in words for n in NAME_WORDS):
            continue
        res = kg.query(f"SELECT (COUNT(DISTINCT ?o) AS ?d) WHERE {{ ?s <{p.iri}> ?o }}", timeout_s=30, isolate=False)
        distinct = int(res.rows[0][0].value) if res.outcome == Outcome.ROWS and res.rows[0][0] else 0
        if distinct >= 0.8 * p.count:
            out.append((not _names_outright(words), p.iri))
    return [iri for _, iri in sorted(out)]  # a name or title shows a thing better than its code or id does


def _names_outright(words: set[str]) -> bool:
    """The column's words say name or title ('prod_nm' too), not an id or a code."""
    return any(n == w or contracts(w, n) for w in words for n in ("name", "title", "label", "nickname", "alias"))


def build_label_index(kg: GraphSource, paged: bool | None = None) -> LabelIndex:
    """Build (or load from cache) the label index of a graph.

    Endpoints (or `paged=True`) are read in pages, one predicate or class at a time (`_paged_reads`),
    saved under the cache folder, so an interrupted build resumes; the pages are dropped once the
    index itself is cached.
    """
    from .cache import cache_dir, write_cache_file
    from .paging import Checkpoint

    folder = cache_dir()  # None: no usable cache folder, so build and keep nothing
    path = folder / f"labels-v{INDEX_VERSION}-{kg.fingerprint}.json" if folder else None
    index = None
    if path and path.exists():
        try:
            index = LabelIndex.from_json(path.read_text("utf-8"))
        except (
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            OSError,
            RecursionError,
        ):  # AttributeError: JSON but not an object
            path.unlink(missing_ok=True)  # corrupt or stale cache: rebuild
    if index is None:
        paged = kg.is_endpoint if paged is None else paged
        checkpoint = Checkpoint.for_build(f"labels-v{INDEX_VERSION}", kg.fingerprint) if paged else None
        index = compute_label_index(kg, checkpoint=checkpoint, paged=paged)
        if path:
            write_cache_file(path, index.to_json())
        if checkpoint:
            checkpoint.clear()
    if kg.is_endpoint:
        index.server_search = text_search_for(kg)
    return index


def _select(kg: GraphSource, q: str):
    from .paging import select_rows

    return select_rows(kg, q).rows


def _lazy(kg: GraphSource, q: str):
    """The rows of one query, asked when the first one is wanted (local stores: one read at a time)."""
    yield from _select(kg, q)


def compute_label_index(kg: GraphSource, checkpoint=None, paged: bool = False) -> LabelIndex:
    """Read names, types and value IRIs with SPARQL (in pages when `paged`) and index them."""
    from .paging import progress

    preds = list(LABEL_PREDICATES) + _name_like(kg)
    values = " ".join(f"<{p}>" for p in preds)
    rank = {p: i for i, p in enumerate(preds)}
    entries: list[tuple[str, str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    label_values = " ".join(f"<{p}>" for p in LABEL_PREDICATES)
    names_where = f"FILTER(isLiteral(?o) && STRLEN(STR(?o)) <= {MAX_LABEL_CHARS}) FILTER(isIRI(?s))"
    unlabelled_where = f"FILTER NOT EXISTS {{ VALUES ?lp {{ {label_values} }} ?o ?lp ?l }}"
    with progress(f"label index of {kg.name}") as bar:
        if paged:
            reads = _paged_reads(kg, preds, unlabelled_where, checkpoint, bar)
        else:
            reads = (
                _lazy(kg, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o {names_where} }}"),
                _lazy(kg, f"SELECT ?s ?c WHERE {{ ?s <{RDF_TYPE}> ?c FILTER(isIRI(?s) && isIRI(?c)) }}"),
                _lazy(
                    kg,
                    f"SELECT DISTINCT ?o WHERE {{ ?s ?p ?o FILTER(isIRI(?o) && ?p != <{RDF_TYPE}>) "
                    f"{unlabelled_where} }} LIMIT {MAX_VALUE_IRIS}",
                ),
            )
        names, type_rows, value_rows = reads
        for s, p, o in names:
            if o.lang not in (None, "", "en") and not o.lang.startswith("en"):
                continue
            key = (s.value, o.value)
            if key not in seen:
                seen[key] = len(entries)
                entries.append((s.value, o.value, p.value))
            elif rank.get(p.value, 99) < rank.get(entries[seen[key]][2], 99):  # one source whatever the row order
                entries[seen[key]] = (s.value, o.value, p.value)
        labelled = {e[0] for e in entries}
        types: dict[str, list[str]] = defaultdict(list)
        for s, c in type_rows:
            types[s.value].append(c.value)
        unlabelled = [iri for iri in types if iri not in labelled]
        # IRIs used only as values (e.g. http://dbpedia.org/resource/United_States) get their local name too
        classes = {c.iri for c in kg.schema.classes}
        for (o,) in value_rows:
            if o.value not in labelled and o.value not in types and o.value not in classes:
                unlabelled.append(o.value)
    for iri in unlabelled:
        name = display_name(unquote(local_name(iri)))  # 'language=%5BSouth%5DMande': no stray '5'
        if name and not name.isdigit():
            entries.append((iri, name, "localname"))
    entries.sort(key=lambda e: rank.get(e[2], len(rank)))  # a thing's first name is from the best source
    return LabelIndex(entries, dict(types))


MAX_VALUE_IRIS = 500_000  # IRIs read as values only (local names), at most


def _paged_reads(kg: GraphSource, preds: list[str], unlabelled_where: str, checkpoint, bar):
    """The three reads of the index for an endpoint, one predicate or class at a time.

    Names: the triples of each label predicate (counted first, so a small one is one request and a big
    one is cut into hash buckets; see `paging.bucketed_select`). Types: the instances of each class.
    Value IRIs: the unlabelled IRI objects of each predicate. No request sorts the whole pattern.
    Returns three row iterators, like the single queries of a local build (types and value IRIs are
    read after the names, as they are needed).
    Long because each of its three reads (names, types, value IRIs) is a wrapped SPARQL string next to the code that pages it.
    """
    from ..terms import Term
    from .paging import bucketed_select, paged_select, rows_from_json, rows_to_json, select_rows
    from .schema import STEP_BATCH

    def step(key: str, query: str):
        saved = checkpoint.get(key) if checkpoint else None
        if saved is None:
            saved = rows_to_json(select_rows(kg, query, timeout_s=120, max_rows=200_000).rows)
            if checkpoint:
                checkpoint.put(key, saved)
        return rows_from_json(saved)

    def counts(name: str, var: str, items: list[str], pattern: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in range(0, len(items), STEP_BATCH):
            vals = " ".join(f"<{x}>" for x in items[i : i + STEP_BATCH])
            for r in step(
                f"{name}|{i}",
                f"SELECT ?{var} (COUNT(*) AS ?n) WHERE {{ VALUES ?{var} {{ {vals} }} {pattern} }} GROUP BY ?{var}",
            ):
                if r[0] is not None and r[1] is not None:
                    out[r[0].value] = int(r[1].value)
        return out

    def names():
        sizes = counts("name-counts", "p", preds, "?s ?p ?o")
        for p in preds:
            if sizes.get(p):
                term = Term("iri", p)
                # names_where is checked here, not by the server: each page scans the predicate anyway,
                # and decoding every literal to measure it doubled the cost of that scan
                for s, o in bucketed_select(
                    kg, "?s ?o", f"?s <{p}> ?o", "s", checkpoint, f"names|{p}", estimate=sizes[p], bar=bar
                ):
                    if s.kind == "iri" and o.kind == "literal" and len(o.value) <= MAX_LABEL_CHARS:
                        yield s, term, o

    def types():
        used = sorted(
            r[0].value
            for r in paged_select(
                kg, "DISTINCT ?c", f"?s <{RDF_TYPE}> ?c FILTER(isIRI(?c))", "c", checkpoint, "type-classes"
            )
            if r[0]
        )
        sizes = counts("type-counts", "c", used, f"?s <{RDF_TYPE}> ?c")
        for c in used:
            term = Term("iri", c)
            for (s,) in bucketed_select(
                kg,
                "?s",
                f"?s <{RDF_TYPE}> <{c}> FILTER(isIRI(?s))",
                "s",
                checkpoint,
                f"types|{c}",
                estimate=sizes.get(c, 0),
                bar=bar,
            ):
                yield s, term

    def value_iris():
        all_preds = sorted(
            r[0].value for r in paged_select(kg, "DISTINCT ?p", "?s ?p ?o", "p", checkpoint, "value-preds") if r[0]
        )
        given: set[str] = set()
        for p in all_preds:
            if p == RDF_TYPE:
                continue
            for (o,) in bucketed_select(
                kg,
                "DISTINCT ?o",
                f"?s <{p}> ?o FILTER(isIRI(?o)) {unlabelled_where}",
                "o",
                checkpoint,
                f"value-iris|{p}",
                bar=bar,
            ):
                if o.value not in given:
                    if len(given) >= MAX_VALUE_IRIS:
                        return
                    given.add(o.value)
                    yield (o,)

    return names(), types(), value_iris()


def display_name(local: str) -> str:
    """A local name as a person would write it: words split; a name written with a capital keeps its
    case ('France', 'Kingdom of the Netherlands'), a lowerCamel one is lower-cased ('acme corp').

    >>> display_name("Kingdom_of_the_Netherlands"), display_name("WileECoyote"), display_name("acmeCorp")
    ('Kingdom of the Netherlands', 'Wile E Coyote', 'acme corp')
    """
    if not local[:1].isupper():
        return split_name(local)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", local)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", name)
    return " ".join(re.split(r"[_\-\s.]+", name)).strip()


def text_search_for(kg: GraphSource) -> Callable[[str, int], list[LabelHit]] | None:
    """The server's own full-text search when it has one (Virtuoso's bif:contains with a text index), else None.

    Detected once per graph: the server names itself Virtuoso, and a word of one of its labels is found.
    """
    backend = kg.backend
    if "virtuoso" not in getattr(backend, "server", "").lower():
        probe = kg.query("ASK { ?s ?p ?o }", timeout_s=10)  # the first answer tells who the server is
        if probe.outcome != Outcome.BOOLEAN or "virtuoso" not in getattr(backend, "server", "").lower():
            return None
    label = LABEL_PREDICATES[0]
    res = kg.query(f"SELECT ?l WHERE {{ ?s <{label}> ?l FILTER(isLiteral(?l)) }} LIMIT 20", timeout_s=10)
    words = [w for r in res.rows if r[0] for w in normalize(r[0].value).split() if len(w) >= 4 and w.isalpha()]
    if not words:
        return None
    test = kg.query(f"PREFIX bif: <bif:> ASK {{ ?s <{label}> ?l . ?l bif:contains '\"{words[0]}\"' }}", timeout_s=10)
    if not test.boolean:
        return None  # Virtuoso without a free-text index on literals: the local index only
    preds = " ".join(f"<{p}>" for p in LABEL_PREDICATES)

    def search(text: str, limit: int = 10) -> list[LabelHit]:
        # word prefixes (4+ letters, Virtuoso's wildcard minimum) so a slip in the ending still matches
        stems = sorted({w[:4] for w in normalize(text).split() if len(w) >= 4 and w.isalnum()})
        if not stems:
            return []
        expr = " OR ".join(f'"{w}*"' for w in stems)
        res = kg.query(
            f"PREFIX bif: <bif:> SELECT ?s ?l ?p WHERE {{ VALUES ?p {{ {preds} }} ?s ?p ?l . "
            f"?l bif:contains '{expr}' FILTER(isIRI(?s)) }} LIMIT {max(50, 20 * limit)}",
            timeout_s=10,
        )
        return [LabelHit(s.value, lab.value, 0.85, p.value) for s, lab, p in res.rows if s and lab and p]

    return search
