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
from typing import TYPE_CHECKING

from .schema import RDF_TYPE, local_name, split_name
from .types import Outcome

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

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
INDEX_VERSION = 4
MAX_LABEL_CHARS = 200


def normalize(text: str) -> str:
    """Lowercase, strip accents and punctuation, collapse spaces.

    >>> normalize("  Müller-Lüdenscheidt, Dr. ")
    'muller ludenscheidt dr'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


@dataclass(frozen=True)
class LabelHit:
    iri: str
    label: str     # the name as written in the graph
    score: float   # 0..1
    source: str    # predicate IRI the name came from, or "localname"


class LabelIndex:
    """Names of entities: `lookup` (exact), `by_token`, `search` (fuzzy), `label_of`, `types_of`."""

    def __init__(self, entries: list[tuple[str, str, str]], types: dict[str, list[str]]):
        self.entries = entries  # (iri, label, source)
        self.types = types
        self._by_norm: dict[str, list[int]] = defaultdict(list)
        self._by_token: dict[str, set[int]] = defaultdict(set)
        self._best_label: dict[str, str] = {}
        for i, (iri, label, source) in enumerate(entries):
            n = normalize(label)
            if not n:
                continue
            self._by_norm[n].append(i)
            for tok in n.split():
                self._by_token[tok].add(i)
            if iri not in self._best_label or source == LABEL_PREDICATES[0]:
                self._best_label.setdefault(iri, label)
                if source == LABEL_PREDICATES[0]:
                    self._best_label[iri] = label
        self._norm_keys = list(self._by_norm)
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
        """Entities with exactly this name (after normalisation)."""
        return self._hits(self._by_norm.get(normalize(text), ()), 1.0)

    def acronym(self, text: str) -> list[LabelHit]:
        """Entities whose multi-word name has these initials ('US' -> 'United States')."""
        return self._hits(self._acronyms.get(text.lower(), ()), 0.85)

    def token_ids(self, token: str) -> set[int]:
        return self._by_token.get(token, set())

    def by_tokens(self, tokens: list[str]) -> list[LabelHit]:
        """Entities whose name contains all these tokens; score = share of the name covered."""
        if not tokens:
            return []
        sets = [self._by_token.get(t) for t in tokens]
        if any(s is None for s in sets):
            return []
        ids = set.intersection(*sets)
        out = []
        for i in ids:
            n = normalize(self.entries[i][1]).split()
            out.append(LabelHit(self.entries[i][0], self.entries[i][1], len(tokens) / max(len(n), 1), self.entries[i][2]))
        return out

    def search(self, text: str, limit: int = 10, cutoff: float = 80) -> list[LabelHit]:
        """Fuzzy search (spelling slips) over all names with rapidfuzz; scores scaled to 0..1."""
        from rapidfuzz import fuzz, process

        q = normalize(text)
        if not q:
            return []
        found = process.extract(q, self._norm_keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
        out = []
        for key, score, _ in found:
            out.extend(self._hits(self._by_norm[key], score / 100.0))
        return out

    def to_json(self) -> str:
        return json.dumps({"v": INDEX_VERSION, "entries": self.entries, "types": self.types})

    @classmethod
    def from_json(cls, text: str) -> "LabelIndex":
        d = json.loads(text)
        if d.get("v") != INDEX_VERSION:
            raise ValueError("old index version")
        return cls([tuple(e) for e in d["entries"]], d["types"])


def _name_like(kg: "KnowledgeGraph") -> list[str]:
    """Literal properties that name or identify their subject: a name-like word, mostly distinct values.

    A country code shared by many suppliers names the country, not the supplier, so it is left out.
    """
    out = []
    for p in kg.schema.properties:
        if p.iri in LABEL_PREDICATES or not p.is_literal:
            continue
        words = set(split_name(local_name(p.iri)).split()) | set(normalize(p.label).split())
        if not words & NAME_WORDS:
            continue
        res = kg.query(f"SELECT (COUNT(DISTINCT ?o) AS ?d) WHERE {{ ?s <{p.iri}> ?o }}", timeout_s=30)
        distinct = int(res.rows[0][0].value) if res.outcome == Outcome.ROWS and res.rows[0][0] else 0
        if distinct >= 0.5 * p.count:
            out.append(p.iri)
    return out


def build_label_index(kg: "KnowledgeGraph") -> LabelIndex:
    """Build (or load from cache) the label index of a graph."""
    from .graph import cache_dir, write_cache_file

    path = cache_dir() / f"labels-v{INDEX_VERSION}-{kg.fingerprint}.json"
    if path.exists():
        try:
            return LabelIndex.from_json(path.read_text("utf-8"))
        except (ValueError, KeyError, TypeError, AttributeError):  # AttributeError: JSON but not an object
            path.unlink(missing_ok=True)  # corrupt or stale cache: rebuild
    index = compute_label_index(kg)
    write_cache_file(path, index.to_json())
    return index


def _select(kg: "KnowledgeGraph", q: str):
    res = kg.query(q, timeout_s=120, max_rows=5_000_000)
    if res.outcome not in (Outcome.ROWS, Outcome.EMPTY):
        from .errors import KgqueryError

        raise KgqueryError(f"label index query failed ({res.outcome.value}): {res.message}")
    return res.rows


def compute_label_index(kg: "KnowledgeGraph") -> LabelIndex:
    preds = list(LABEL_PREDICATES) + _name_like(kg)
    values = " ".join(f"<{p}>" for p in preds)
    entries: list[tuple[str, str, str]] = []
    seen = set()
    for s, p, o in _select(kg, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o FILTER(isLiteral(?o) && STRLEN(STR(?o)) <= {MAX_LABEL_CHARS}) FILTER(isIRI(?s)) }}"):
        if o.lang not in (None, "", "en") and not o.lang.startswith("en"):
            continue
        key = (s.value, o.value)
        if key not in seen:
            seen.add(key)
            entries.append((s.value, o.value, p.value))
    labelled = {e[0] for e in entries}
    types: dict[str, list[str]] = defaultdict(list)
    for s, c in _select(kg, f"SELECT ?s ?c WHERE {{ ?s <{RDF_TYPE}> ?c FILTER(isIRI(?s) && isIRI(?c)) }}"):
        types[s.value].append(c.value)
    unlabelled = [iri for iri in types if iri not in labelled]
    # IRIs used only as values (e.g. http://dbpedia.org/resource/United_States) get their local name too
    classes = {c.iri for c in kg.schema.classes}
    values = " ".join(f"<{p}>" for p in LABEL_PREDICATES)
    for (o,) in _select(kg, f"SELECT DISTINCT ?o WHERE {{ ?s ?p ?o FILTER(isIRI(?o) && ?p != <{RDF_TYPE}>) "
                            f"FILTER NOT EXISTS {{ VALUES ?lp {{ {values} }} ?o ?lp ?l }} }} LIMIT 500000"):
        if o.value not in labelled and o.value not in types and o.value not in classes:
            unlabelled.append(o.value)
    for iri in unlabelled:
        name = split_name(local_name(iri))
        if name and not name.isdigit():
            entries.append((iri, name, "localname"))
    return LabelIndex(entries, dict(types))
