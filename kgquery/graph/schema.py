"""Schema summary computed with SPARQL (so files and endpoints work alike), cached per graph.

Classes with labels and counts; properties with labels, comments, declared and observed
domain/range, literal datatypes, counts and sample values; namespaces with prefixes. Renders
to compact text under a size budget for model prompts, and to a dict for programs.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from ..terms import Outcome
from ..wording import singular, wordnet_word
from .guard import WELL_KNOWN_PREFIXES
from .source import GraphSource

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SCHEMA_VERSION = 13
#: vocabulary namespaces whose terms describe the schema rather than the data
META_NS = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://rdfs.org/ns/void#",
    "http://purl.org/vocab/vann/",
    "http://creativecommons.org/ns#",
)


@dataclass
class ClassInfo:
    iri: str
    label: str
    count: int  # its own instances and those of its subclasses, each once
    comment: str = ""
    parents: list[str] = field(default_factory=list)  # direct rdfs:subClassOf


@dataclass
class PropertyInfo:
    iri: str
    label: str
    count: int
    comment: str = ""
    domains: list[str] = field(default_factory=list)  # declared rdfs:domain
    ranges: list[str] = field(default_factory=list)  # declared rdfs:range
    subject_classes: list[tuple[str, int]] = field(default_factory=list)  # observed
    object_classes: list[tuple[str, int]] = field(default_factory=list)  # observed
    datatypes: list[tuple[str, int]] = field(default_factory=list)  # observed literal datatypes
    iri_objects: int = 0
    literal_objects: int = 0
    samples: list[str] = field(default_factory=list)

    @property
    def is_literal(self) -> bool:
        return self.literal_objects > self.iri_objects

    @property
    def is_numeric(self) -> bool:
        from ..terms import NUMERIC_TYPES

        return self.is_literal and any(dt in NUMERIC_TYPES for dt, _ in self.datatypes[:1])


@dataclass
class SchemaSummary:
    classes: list[ClassInfo]
    properties: list[PropertyInfo]
    prefixes: dict[str, str]
    triple_count: int

    def cls(self, iri: str) -> ClassInfo | None:
        if not hasattr(self, "_cls_by_iri"):
            self._cls_by_iri = {c.iri: c for c in self.classes}
        return self._cls_by_iri.get(iri)

    def subclasses(self, iri: str) -> set[str]:
        """Every class below `iri` (rdfs:subClassOf, transitively), not `iri` itself."""
        if not hasattr(self, "_children"):
            self._children: dict[str, list[str]] = {}
            for c in self.classes:
                for parent in c.parents:
                    self._children.setdefault(parent, []).append(c.iri)
        return _closure(iri, self._children)

    def superclasses(self, iri: str) -> set[str]:
        """Every class above `iri`, not `iri` itself."""
        if not hasattr(self, "_parents"):
            self._parents = {c.iri: c.parents for c in self.classes}
        return _closure(iri, self._parents)

    def prop(self, iri: str) -> PropertyInfo | None:
        if not hasattr(self, "_by_iri"):
            self._by_iri = {p.iri: p for p in self.properties}
        return self._by_iri.get(iri)

    def short(self, iri: str) -> str:
        """A prefixed name when a prefix fits, else <iri>."""
        for p, ns in sorted(self.prefixes.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w-]*", iri[len(ns) :] or "-"):
                return f"{p}:{iri[len(ns) :]}"
        return f"<{iri}>"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "SchemaSummary":
        return cls(
            classes=[ClassInfo(**c) for c in d["classes"]],
            properties=[
                PropertyInfo(
                    **{
                        **p,
                        "subject_classes": [tuple(x) for x in p["subject_classes"]],
                        "object_classes": [tuple(x) for x in p["object_classes"]],
                        "datatypes": [tuple(x) for x in p["datatypes"]],
                    }
                )
                for p in d["properties"]
            ],
            prefixes=d["prefixes"],
            triple_count=d["triple_count"],
        )

    def render(self, budget: int = 4000, classes: list[str] | None = None, properties: list[str] | None = None) -> str:
        """Compact text for prompts; keeps to `budget` characters, most-used items first.

        `classes` / `properties` restrict the text to those IRIs (a schema excerpt for one question).
        """
        lines = ["PREFIXES: " + " ".join(f"{p}: <{ns}>" for p, ns in sorted(self.prefixes.items()))]
        cls_list = [c for c in self.classes if classes is None or c.iri in classes]
        prop_list = [p for p in self.properties if properties is None or p.iri in properties]
        lines.append("CLASSES (instances):")
        for c in cls_list:
            lines.append(f"  {self.short(c.iri)} \"{c.label}\" ({c.count})")
        lines.append("PROPERTIES (subject class -> object class or datatype; uses; examples):")
        for p in prop_list:
            dom = (
                ", ".join(self.short(c) for c, _ in p.subject_classes[:2])
                or ", ".join(map(self.short, p.domains[:2]))
                or "?"
            )
            if p.is_literal:
                rng = ", ".join(self.short(d) for d, _ in p.datatypes[:2]) or "literal"
            else:
                rng = (
                    ", ".join(self.short(c) for c, _ in p.object_classes[:2])
                    or ", ".join(map(self.short, p.ranges[:2]))
                    or "IRI"
                )
            ex = "; ".join(s[:40] for s in p.samples[:2])
            lines.append(f"  {self.short(p.iri)} \"{p.label}\": {dom} -> {rng} ({p.count}) e.g. {ex}")
        if sum(len(line) + 1 for line in lines) - 1 <= budget:
            return "\n".join(lines)
        out, size = [], 0
        for line in lines:
            if size + len(line) + 1 > budget - len("\n  ..."):  # keep room for the marker
                break
            out.append(line)
            size += len(line) + 1
        out.append("  ...")
        return "\n".join(out)[:budget]


def _closure(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(edges.get(start, []))
    while todo:
        x = todo.pop()
        if x not in seen and x != start:
            seen.add(x)
            todo.extend(edges.get(x, []))
    return seen


MAX_SUPERCLASS_COUNTS = 300  # superclasses counted exactly; past that, their subclasses' counts are summed


def _with_hierarchy(rows, classes: list[ClassInfo], props: dict[str, "PropertyInfo"]) -> list[ClassInfo]:
    """Fold rdfs:subClassOf into the summary: each class learns its parents; a superclass counts the
    instances of its subclasses too (a class may have none of its own, only subclasses' ones); and a
    property used by a subclass's instances is used by the superclass's, listed after the classes seen in
    the data. `rows(query)` runs one SELECT. Why: the data rarely repeats the superclass on each instance,
    and a question names whichever class it likes."""
    edges: dict[str, list[str]] = {}
    for r in rows(
        "SELECT DISTINCT ?c ?p WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?p "
        "FILTER(isIRI(?c) && isIRI(?p) && ?c != ?p) } LIMIT 20000"
    ):
        if r[0] and r[1] and not r[1].value.startswith(META_NS) and not r[0].value.startswith(META_NS):
            edges.setdefault(r[0].value, []).append(r[1].value)
    if not edges:
        return classes
    by_iri = {c.iri: c for c in classes}
    for c, parents in edges.items():
        for x in [c, *parents]:
            if x not in by_iri:
                by_iri[x] = ClassInfo(x, split_name(local_name(x)), 0)
        by_iri[c].parents = sorted(set(parents))
    children: dict[str, list[str]] = {}
    for c, parents in edges.items():
        for p in parents:
            children.setdefault(p, []).append(c)
    below = {p: _closure(p, children) for p in children}
    own = {c.iri: c.count for c in by_iri.values()}
    for i, (sup, subs) in enumerate(sorted(below.items())):
        counted = [x for x in [sup, *sorted(subs)] if own.get(x)]
        if len(counted) <= 1:
            by_iri[sup].count = sum(own.get(x, 0) for x in counted)
        elif i < MAX_SUPERCLASS_COUNTS:
            vals = " ".join(f"<{x}>" for x in counted)
            n = rows(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?c {{ {vals} }} ?s <{RDF_TYPE}> ?c }}")
            by_iri[sup].count = int(n[0][0].value) if n and n[0][0] is not None else sum(own[x] for x in counted)
        else:
            by_iri[sup].count = sum(own[x] for x in counted)
    above = {c: _closure(c, edges) for c in edges}
    for p in props.values():
        for attr in ("subject_classes", "object_classes"):
            seen = dict(getattr(p, attr))
            extra: dict[str, int] = {}
            for c, n in seen.items():
                for sup in above.get(c, ()):
                    if sup not in seen:
                        extra[sup] = min(p.count, extra.get(sup, 0) + n)
            getattr(p, attr).extend(sorted(extra.items(), key=lambda kv: (-kv[1], kv[0])))
    out = list(by_iri.values())
    out.sort(key=lambda c: (-c.count, c.iri))
    return out


def local_name(iri: str) -> str:
    """The last segment of an IRI.

    >>> local_name("http://ld.company.org/prod-vocab/weight_g")
    'weight_g'
    """
    return re.split(r"[#/:]", iri.rstrip("/#"))[-1]


def split_name(name: str) -> str:
    """Words from a camelCase / snake_case local name.

    >>> split_name("hasProductManager")
    'has product manager'
    >>> split_name("weight_g")
    'weight g'
    """
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", name)
    return " ".join(_segment(w) for w in re.split(r"[_\-\s.]+", name.lower()) if w).strip()


@lru_cache(maxsize=65536)
def _segment(word: str) -> str:
    """A run-together lowercase name split into English words ('surfacearea' -> 'surface area'), using
    wordninja's English word frequencies; a word the dictionary knows, or a short one, stays whole.

    >>> _segment("airportname"), _segment("horsepower"), _segment("mpg"), _segment("fname"), _segment("contid")
    ('airport name', 'horsepower', 'mpg', 'f name', 'cont id')
    >>> _segment("destairport"), _segment("headofstate"), _segment("carage"), _segment("indepyear")
    ('dest airport', 'head of state', 'car age', 'indep year')
    >>> _segment("attendee")
    'attendee'
    """
    if len(word) < 5 or not word.isalpha():
        return word
    try:
        import wordninja
    except ImportError:  # pragma: no cover - a declared dependency
        return word
    model = wordninja.DEFAULT_LANGUAGE_MODEL
    if word in model._wordcost or wordnet_word(word):  # 'attendee' is a word, not 'attend ee'
        return word
    if word.endswith("id"):  # a key column: 'contid', 'stuid', 'custid' name the id of a 'cont', 'stu', 'cust'
        return f"{_segment(word[:-2])} id"
    if word[1:] in model._wordcost and word[0] not in "aeiou":
        return f"{word[0]} {word[1:]}"  # an initial before a word: 'fname', 'lname'
    if len(word) < 6:
        return word
    parts = model.split(word)
    if "".join(parts) != word:
        return word
    # short pieces in a row with a fragment of two letters (not a little word such as 'of' or 'no') are one
    # abbreviation the dictionary does not know: 'destairport' is 'dest airport', not 'de st airport'; 'carage'
    # stays 'car age', 'noofstudents' 'no of students'. A little word before a piece of three letters that
    # WordNet knows as no word starts one too: 'indepyear' is 'indep year', not 'in dep year'
    merged: list[str] = []
    for i, part in enumerate(parts):
        prev = parts[i - 1] if i else ""
        run = len(part) <= 3 and 0 < len(prev) <= 3
        if run and any(len(w) <= 2 and w not in LITTLE_WORDS for w in (part, prev)) or _clipped_after(prev, part):
            merged[-1] += part
        else:
            merged.append(part)
    return " ".join(merged)


def _clipped_after(prev: str, part: str) -> bool:
    """`part` (three letters, no word in WordNet) goes on the little word `prev` before it: 'in' + 'dep'."""
    if prev not in LITTLE_WORDS or len(part) != 3 or part in LITTLE_WORDS:
        return False
    return wordnet_word(part) is False


#: short English words a run-together name may hold whole ('numberofitems', 'noofstudents')
LITTLE_WORDS = {"a", "an", "as", "at", "by", "in", "is", "no", "of", "on", "or", "to", "up"}


def _namespace(iri: str) -> str:
    m = re.match(r"(.*[#/])[^#/]*$", iri)
    return m.group(1) if m else iri


def _prefix_for(ns: str, taken: set[str]) -> str:
    for p, known in WELL_KNOWN_PREFIXES.items():
        if known == ns:
            return p
    seg = [s for s in re.split(r"[/#]", ns) if s and not s.startswith("http")]
    base = re.sub(r"[^A-Za-z0-9]", "", seg[-1] if seg else "ns").lower() or "ns"
    if not base[0].isalpha():
        base = "ns" + base
    base = base[:12]
    cand, i = base, 2
    while cand in taken:
        cand, i = f"{base}{i}", i + 1
    return cand


def _best_text(rows, key_idx=0, text_idx=1, lang_pref=("en", "", None)) -> dict[str, str]:
    """Pick one text per key, preferring English, then untagged."""
    best: dict[str, tuple[int, str]] = {}
    for r in rows:
        k, t = r[key_idx], r[text_idx]
        if k is None or t is None:
            continue
        rank = lang_pref.index(t.lang) if t.lang in lang_pref else len(lang_pref)
        if k.value not in best or rank < best[k.value][0]:
            best[k.value] = (rank, t.value)
    return {k: v for k, (_, v) in best.items()}


def _rows(kg: GraphSource, q: str, timeout: float = 60):
    res = kg.query(q, timeout_s=timeout, max_rows=200_000, isolate=False)
    if res.outcome not in (Outcome.ROWS, Outcome.EMPTY):
        from ..errors import KgqueryError

        raise KgqueryError(f"schema query failed ({res.outcome.value}): {res.message}")
    return res.rows


def compute_schema(kg: GraphSource, samples: int = 3) -> SchemaSummary:
    """Run the summary queries; a handful of GROUP BYs plus one small query per property.

    Long because its SPARQL strings wrap over several lines each; the steps read top to bottom.
    """
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    cls_counts = {
        r[0].value: int(r[1].value)
        for r in _rows(kg, f"SELECT ?c (COUNT(?s) AS ?n) WHERE {{ ?s <{RDF_TYPE}> ?c }} GROUP BY ?c")
        if r[0] and r[0].is_iri
    }
    declared = {
        r[0].value
        for r in _rows(
            kg,
            "SELECT DISTINCT ?c WHERE { { ?c a <http://www.w3.org/2002/07/owl#Class> } "
            "UNION { ?c a <http://www.w3.org/2000/01/rdf-schema#Class> } }",
        )
        if r[0] and r[0].is_iri
    }
    labels = _best_text(
        _rows(
            kg,
            f"SELECT ?x ?l WHERE {{ ?x <{rdfs}label> ?l . "
            "{ ?x a <http://www.w3.org/2002/07/owl#Class> } "
            "UNION { ?x a <http://www.w3.org/2000/01/rdf-schema#Class> } "
            "UNION { ?x a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Property> } "
            "UNION { ?x a <http://www.w3.org/2002/07/owl#ObjectProperty> } "
            "UNION { ?x a <http://www.w3.org/2002/07/owl#DatatypeProperty> } "
            "UNION { [] ?x [] } UNION { [] a ?x } }",
        )
    )
    comments = _best_text(
        _rows(
            kg,
            f"SELECT ?x ?c WHERE {{ ?x <{rdfs}comment> ?c . {{ [] ?x [] }} UNION {{ [] a ?x }} "
            "UNION { ?x a <http://www.w3.org/2002/07/owl#Class> } }",
        )
    )
    classes = []
    for c in set(cls_counts) | declared:
        if c.startswith(META_NS):
            continue
        classes.append(
            ClassInfo(c, labels.get(c) or split_name(local_name(c)), cls_counts.get(c, 0), comments.get(c, ""))
        )
    classes.sort(key=lambda c: (-c.count, c.iri))

    props: dict[str, PropertyInfo] = {}
    for r in _rows(
        kg, "SELECT ?p (COUNT(*) AS ?n) (SUM(IF(isLiteral(?o), 1, 0)) AS ?lit) WHERE { ?s ?p ?o } GROUP BY ?p"
    ):
        p = r[0].value
        if p.startswith(META_NS) and p != rdfs + "label" and p != rdfs + "comment":
            continue
        n, lit = int(r[1].value), int(r[2].value) if r[2] else 0
        props[p] = PropertyInfo(
            p,
            labels.get(p) or split_name(local_name(p)),
            n,
            comments.get(p, ""),
            iri_objects=n - lit,
            literal_objects=lit,
        )
    for r in _rows(
        kg,
        f"SELECT ?p ?d ?k WHERE {{ {{ ?p <{rdfs}domain> ?d BIND(\"d\" AS ?k) }} "
        f"UNION {{ ?p <{rdfs}range> ?d BIND(\"r\" AS ?k) }} }}",
    ):
        if r[0] and r[0].value in props and r[1] and r[1].is_iri:
            (props[r[0].value].domains if r[2].value == "d" else props[r[0].value].ranges).append(r[1].value)
    for r in _rows(
        kg, f"SELECT ?p ?c (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o . ?s <{RDF_TYPE}> ?c }} GROUP BY ?p ?c ORDER BY DESC(?n)"
    ):
        if r[0].value in props and r[1].is_iri:
            props[r[0].value].subject_classes.append((r[1].value, int(r[2].value)))
    for r in _rows(
        kg, f"SELECT ?p ?c (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o . ?o <{RDF_TYPE}> ?c }} GROUP BY ?p ?c ORDER BY DESC(?n)"
    ):
        if r[0].value in props and r[1].is_iri and r[0].value != RDF_TYPE:
            props[r[0].value].object_classes.append((r[1].value, int(r[2].value)))
    for r in _rows(
        kg,
        "SELECT ?p ?dt (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isLiteral(?o)) "
        "BIND(IF(LANG(?o) != \"\", <" + RDF_LANGSTRING + ">, DATATYPE(?o)) AS ?dt) } GROUP BY ?p ?dt ORDER BY DESC(?n)",
    ):
        if r[0].value in props and r[1] is not None:
            props[r[0].value].datatypes.append((r[1].value, int(r[2].value)))
    if samples:
        for p in props.values():
            if p.iri == RDF_TYPE:
                continue
            rows = _rows(kg, f"SELECT DISTINCT ?o WHERE {{ ?s <{p.iri}> ?o }} LIMIT {samples}", timeout=10)
            p.samples = [local_name(r[0].value) if r[0].is_iri else r[0].value for r in rows if r[0] is not None]
    classes = _with_hierarchy(lambda q: _rows(kg, q), classes, props)
    _name_keys(props.values(), classes)
    properties = sorted(props.values(), key=lambda p: (-p.count, p.iri))
    return SchemaSummary(classes, properties, _prefixes(classes, properties), kg.triple_count)


OWL_CLASS, RDFS_CLASS = "http://www.w3.org/2002/07/owl#Class", "http://www.w3.org/2000/01/rdf-schema#Class"
STEP_BATCH = 40  # classes or properties per VALUES block in one step of a paged build


def _property_batch(
    step,
    i: int,
    batch: list[str],
    props: dict[str, PropertyInfo],
    labels: dict[str, str],
    comments: dict[str, str],
    samples: int,
) -> None:
    """One batch of properties for `compute_schema_paged`: counts, observed subject and object classes,
    datatypes and samples, each query reading only the triples of the batch's properties (step i)."""
    vals = " ".join(f"<{p}>" for p in batch)
    for r in step(
        f"props|{i}",
        f"SELECT ?p (COUNT(*) AS ?n) (SUM(IF(isLiteral(?o), 1, 0)) AS ?lit) "
        f"WHERE {{ VALUES ?p {{ {vals} }} ?s ?p ?o }} GROUP BY ?p",
    ):
        p, n, lit = r[0].value, int(r[1].value), int(r[2].value) if r[2] else 0
        props[p] = PropertyInfo(
            p,
            labels.get(p) or split_name(local_name(p)),
            n,
            comments.get(p, ""),
            iri_objects=n - lit,
            literal_objects=lit,
        )
    for r in step(
        f"subj|{i}",
        f"SELECT ?p ?c (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {vals} }} ?s ?p ?o . "
        f"?s <{RDF_TYPE}> ?c }} GROUP BY ?p ?c ORDER BY DESC(?n) LIMIT 10000",
    ):
        if r[0].value in props and r[1] and r[1].is_iri:
            props[r[0].value].subject_classes.append((r[1].value, int(r[2].value)))
    linked = " ".join(f"<{p}>" for p in batch if p in props and props[p].iri_objects and p != RDF_TYPE)
    if linked:
        for r in step(
            f"obj|{i}",
            f"SELECT ?p ?c (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {linked} }} ?s ?p ?o . "
            f"?o <{RDF_TYPE}> ?c }} GROUP BY ?p ?c ORDER BY DESC(?n) LIMIT 10000",
        ):
            if r[0].value in props and r[1] and r[1].is_iri:
                props[r[0].value].object_classes.append((r[1].value, int(r[2].value)))
    literal = [p for p in batch if p in props and props[p].literal_objects]
    if literal:
        lv = " ".join(f"<{p}>" for p in literal)
        for r in step(
            f"dt|{i}",
            f"SELECT ?p ?dt (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {lv} }} ?s ?p ?o "
            f"FILTER(isLiteral(?o)) BIND(IF(LANG(?o) != \"\", <{RDF_LANGSTRING}>, DATATYPE(?o)) "
            "AS ?dt) } GROUP BY ?p ?dt ORDER BY DESC(?n) LIMIT 10000",
        ):
            if r[0].value in props and r[1] is not None:
                props[r[0].value].datatypes.append((r[1].value, int(r[2].value)))
    sampled = [p for p in batch if p in props and p != RDF_TYPE]
    if samples and sampled:
        union = " UNION ".join(
            f"{{ {{ SELECT DISTINCT ?o WHERE {{ ?s <{p}> ?o }} LIMIT {samples} }} BIND(<{p}> AS ?p) }}" for p in sampled
        )
        for r in step(f"samples|{i}", f"SELECT ?p ?o WHERE {{ {union} }}", timeout=30):
            if r[0] and r[0].value in props and r[1] is not None:
                props[r[0].value].samples.append(local_name(r[1].value) if r[1].is_iri else r[1].value)


def compute_schema_paged(kg: GraphSource, checkpoint=None, samples: int = 3) -> SchemaSummary:
    """The same summary as `compute_schema`, built from small bounded requests (for endpoints).

    Class and property lists come in keyset pages; then batches of classes and properties get their own
    few queries (counts, observed classes, datatypes, samples), never one aggregate over the whole graph.
    Every finished step is saved in `checkpoint`, so an interrupted build resumes where it stopped.
    Sorted steps carry their own small LIMIT: Virtuoso refuses to sort for a LIMIT above 10,000.
    Long because its SPARQL strings wrap over several lines each; the steps read top to bottom.
    """
    from .paging import paged_select, progress, rows_from_json, rows_to_json, select_rows

    rdfs = "http://www.w3.org/2000/01/rdf-schema#"

    def step(key: str, query: str, timeout: float = 60):
        saved = checkpoint.get(key) if checkpoint else None
        if saved is None:
            saved = rows_to_json(select_rows(kg, query, timeout_s=timeout, max_rows=200_000).rows)
            if checkpoint:
                checkpoint.put(key, saved)
        return rows_from_json(saved)

    with progress(f"schema of {kg.name}", unit="steps") as bar:
        used_classes = [
            r[0].value
            for r in paged_select(
                kg, "DISTINCT ?c", f"?s <{RDF_TYPE}> ?c FILTER(isIRI(?c))", "c", checkpoint, "classes"
            )
            if r[0]
        ]
        declared = [
            r[0].value
            for r in paged_select(
                kg,
                "DISTINCT ?c",
                f"{{ ?c a <{OWL_CLASS}> }} UNION {{ ?c a <{RDFS_CLASS}> }} FILTER(isIRI(?c))",
                "c",
                checkpoint,
                "declared",
            )
            if r[0]
        ]
        preds = [r[0].value for r in paged_select(kg, "DISTINCT ?p", "?s ?p ?o", "p", checkpoint, "properties") if r[0]]
        preds = [p for p in preds if not p.startswith(META_NS) or p in (rdfs + "label", rdfs + "comment")]
        batches = lambda xs: [xs[i : i + STEP_BATCH] for i in range(0, len(xs), STEP_BATCH)]  # noqa: E731
        bar.total = (
            len(batches(used_classes))
            + len(batches(sorted(set(used_classes) | set(declared) | set(preds))))
            + len(batches(preds))
        )
        cls_counts: dict[str, int] = {}
        for i, batch in enumerate(batches(used_classes)):
            vals = " ".join(f"<{c}>" for c in batch)
            for r in step(
                f"classes|{i}",
                f"SELECT ?c (COUNT(?s) AS ?n) WHERE {{ VALUES ?c {{ {vals} }} ?s <{RDF_TYPE}> ?c }} GROUP BY ?c",
            ):
                if r[0] and r[0].is_iri:
                    cls_counts[r[0].value] = int(r[1].value)
            bar.update(1)
        # labels, comments, declared domains and ranges of the schema's own terms
        label_rows, comment_rows, dr_rows = [], [], []
        for i, batch in enumerate(batches(sorted(set(used_classes) | set(declared) | set(preds)))):
            vals = " ".join(f"<{t}>" for t in batch)
            label_rows += step(f"labels|{i}", f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {vals} }} ?x <{rdfs}label> ?l }}")
            comment_rows += step(
                f"comments|{i}", f"SELECT ?x ?c WHERE {{ VALUES ?x {{ {vals} }} ?x <{rdfs}comment> ?c }}"
            )
            dr_rows += step(
                f"domains|{i}",
                f"SELECT ?x ?d ?k WHERE {{ VALUES ?x {{ {vals} }} {{ ?x <{rdfs}domain> ?d "
                f"BIND(\"d\" AS ?k) }} UNION {{ ?x <{rdfs}range> ?d BIND(\"r\" AS ?k) }} }}",
            )
            bar.update(1)
        labels, comments = _best_text(label_rows), _best_text(comment_rows)
        classes = [
            ClassInfo(c, labels.get(c) or split_name(local_name(c)), cls_counts.get(c, 0), comments.get(c, ""))
            for c in set(cls_counts) | set(declared)
            if not c.startswith(META_NS)
        ]
        classes.sort(key=lambda c: (-c.count, c.iri))

        # properties, a batch at a time: each query reads only the triples of its batch's properties
        props: dict[str, PropertyInfo] = {}
        for i, batch in enumerate(batches(preds)):
            _property_batch(step, i, batch, props, labels, comments, samples)
            bar.update(1)
    for r in dr_rows:
        if r[0] and r[0].value in props and r[1] and r[1].is_iri:
            (props[r[0].value].domains if r[2].value == "d" else props[r[0].value].ranges).append(r[1].value)
    hierarchy_steps = iter(range(1_000_000))
    classes = _with_hierarchy(lambda q: step(f"hierarchy|{next(hierarchy_steps)}", q), classes, props)
    _name_keys(props.values(), classes)
    properties = sorted(props.values(), key=lambda p: (-p.count, p.iri))
    return SchemaSummary(classes, properties, _prefixes(classes, properties), kg.triple_count)


def _name_keys(props, classes: list[ClassInfo]) -> None:
    """A key named after its class in short ('stuid' of a student, 'ref-custid' to a customer) is read as
    '<class> id': a question says 'student id', never 'stuid'. Only for a property without a label of its own,
    a name word ending in 'id' that is no common English word ('valid', 'liquid'), and a class of its subjects or
    objects whose name starts with the rest of the word."""
    names = {c.iri: re.sub(r"[^a-z]", "", c.label.lower()) for c in classes}
    labels = {c.iri: " ".join(singular(w) for w in c.label.lower().split()) for c in classes}
    for p in props:
        local = local_name(p.iri)
        if p.label != split_name(local):
            continue
        words = p.label.split()
        # a link names the key of the thing it points at ('ref-memid' of a membership points at a member)
        # (a link only so: 'ref-mentor_id' of a mentoring points at a researcher, it is no 'mentoring id')
        owners = [c for c, _ in (p.object_classes if p.iri_objects else p.subject_classes) if c in names]
        for i, w in enumerate(words):
            if w.endswith("id") and not _common_word(w):  # 'stuid', kept whole by the word list
                stem, key = w[:-2], "{} id"
            elif words[i + 1 : i + 2] == ["id"]:  # 'memid', split as 'mem id'
                stem, key = w, "{}"
            else:
                continue
            match = next((c for c in owners if len(names[c]) > len(stem) and names[c].startswith(stem)), None)
            if len(stem) >= 2 and stem.isalpha() and match:
                words[i] = key.format(labels[match])
        p.label = " ".join(words)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The 20,000 most frequent English words (wordninja's list, which is ordered by frequency)."""
    try:
        import wordninja
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    cost = wordninja.DEFAULT_LANGUAGE_MODEL._wordcost
    return frozenset(sorted(cost, key=cost.get)[:20000])


def _common_word(word: str) -> bool:
    return word in _common_words()


def _prefixes(classes: list[ClassInfo], properties: list[PropertyInfo]) -> dict[str, str]:
    prefixes: dict[str, str] = {}
    used = [c.iri for c in classes] + [p.iri for p in properties]
    used += [dt for p in properties for dt, _ in p.datatypes]
    for ns in sorted({_namespace(x) for x in used}):
        prefixes[_prefix_for(ns, set(prefixes))] = ns
    return prefixes


def summarize(kg: GraphSource, paged: bool | None = None) -> SchemaSummary:
    """The schema summary, from the on-disk cache when this graph was seen before.

    Endpoints (or `paged=True`) are summarised with small saved steps (`compute_schema_paged`).
    """
    from .cache import cache_dir, write_cache_file
    from .paging import Checkpoint

    folder = cache_dir()  # None: no usable cache folder, so build and keep nothing
    path = folder / f"schema-v{SCHEMA_VERSION}-{kg.fingerprint}.json" if folder else None
    if path and path.exists():
        try:
            s = SchemaSummary.from_dict(json.loads(path.read_text("utf-8")))
            if isinstance(s.prefixes, dict) and isinstance(s.triple_count, int):
                return s
        except (ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
            pass
        path.unlink(missing_ok=True)  # corrupt cache: rebuild
    if kg.is_endpoint if paged is None else paged:
        checkpoint = Checkpoint.for_build(f"schema-v{SCHEMA_VERSION}", kg.fingerprint)
        s = compute_schema_paged(kg, checkpoint)
        if path:
            write_cache_file(path, json.dumps(s.to_dict()))
        if checkpoint:
            checkpoint.clear()
        return s
    s = compute_schema(kg)
    if path:
        write_cache_file(path, json.dumps(s.to_dict()))
    return s
