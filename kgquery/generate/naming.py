"""How rows are known by name: a table's naming column ('name', 'title'); a row that extends one other row one
to one (a trainer row holding its person's key) by that row's name; rows with no name of their own (a table of
mentorings) by the names their links lead to; two links of one table read out side by side ('the mentors and
their mentees')."""

from __future__ import annotations

from ..graph.schema import local_name, split_name
from ..understand.text import Question, singular
from .candidate import Candidate
from .reads import _first_word, _two_of_phrases


class NamingShapes:
    """Mixed into EmbeddedGenerator; uses its _rows, _word_scores, _owned_by, _class_mentions, _label_preds,
    _names, _hops, schema and linker."""

    def two_roles(self, q: Question) -> list[Candidate]:
        """'the names of the mentors and the names of their mentees': two links of one class's things (a table
        of mentorings) that the two nouns name, each read out by the value its word asks of what it leads to."""
        phrases = _two_of_phrases(q.tokens)
        if phrases is None:
            return []
        ends = [_first_word(q.tokens, at) for _, at in phrases]
        if None in ends:
            return []
        links = [self._link_named(w) for w in ends]
        if any(lk is None for lk in links) or links[0][0] == links[1][0] or links[0][1] != links[1][1]:
            return []
        reads, score = [], 1.0
        for k, ((word, _), (link, _, target, ps)) in enumerate(zip(phrases, links)):
            p, vs = self._owned_by(word, target)
            read = f"?t{k} <{p}> ?v{k} ." if p else self._name_triples(target, f"?t{k}", f"?v{k}")
            if read is None:
                return []
            reads.append(f"?x <{link}> ?t{k} . {read}")
            score += ps + 0.1 * vs
        sparql = f"SELECT DISTINCT ?v0 ?v1 WHERE {{ ?x a <{links[0][1]}> . {' '.join(reads)} }}"
        return [Candidate(sparql, score, "two-roles")]

    def _link_named(self, word: str) -> tuple[str, str, str, float] | None:
        """(link, its things' class, the class it leads to, score): the one link between two classes that
        `word` names best (score >= 0.6)."""
        best = None
        for p, v in self._word_scores(word).items():
            info = self.schema.prop(p)
            if v < 0.6 or info is None or info.is_literal or len(info.subject_classes) != 1:
                continue
            if len(info.object_classes) == 1 and (best is None or v > best[3]):
                best = (p, info.subject_classes[0][0], info.object_classes[0][0], v)
        return best

    def _linked_by_name(self, q, pat, used, x, s, shape, cls) -> list[Candidate]:
        """'who are the mentors of X' over rows of a table of mentorings, which have no name of their own: the
        things a link of theirs that the class word names leads to ('mentor'), by their names."""
        if not cls or self._name_triples(cls, x, "?name") or cls in self._label_classes():
            return []
        words = [q.tokens[i] for m in self._class_mentions if m.hits[0].iri == cls for i in range(m.start, m.end)]
        out = []
        for info in self.schema.properties:
            if info.is_literal or info.iri in used or not any(c == cls for c, _ in info.subject_classes):
                continue
            ps = max((self._word_scores(w).get(info.iri, 0.0) for w in words), default=0.0)
            target = info.object_classes[0][0] if len(info.object_classes) == 1 else None
            named = self._name_triples(target, "?t", "?name") if ps >= 0.6 else None
            if named:
                sparql = f"SELECT DISTINCT ?name WHERE {{ {pat} {x} <{info.iri}> ?t . {named} }}"
                out.append(Candidate(sparql, s + 0.1 * ps, shape + "+linked-name"))
        return out

    def _display_name(self, cls: str | None) -> str | None:
        """For a class whose members have no label (rows of a table made into a graph), the literal property
        that names them ('name', 'title'), if exactly one does; None otherwise."""
        if not cls:
            return None
        if cls not in self._names:
            found = None
            if cls not in self._label_classes():
                own = self._literal_columns(cls)
                named = [p.iri for p in own if {"name", "title"} & set(split_name(local_name(p.iri)).split())]
                # 'name' beside 'local name' or 'name prefix': the one called just that is what it is known by
                # ('name' before 'title': a person's title is 'Prof', not what they are called)
                plain = [p for p in named if split_name(local_name(p)) == "name"] or [
                    p for p in named if split_name(local_name(p)) == "title"
                ]
                named = plain if len(named) > 1 and len(plain) == 1 else named
                if len(named) > 1:  # 'brand name' beside 'generic name': the one that holds proper names
                    proper = [p for p in named if self._proper_names(p)]
                    named = proper if len(proper) == 1 else named
                # a table's naming column is often called after the table: 'airline' in 'airlines'
                called = {singular(w) for w in split_name(local_name(cls)).split()[-1:]}
                same = [p.iri for p in own if singular(split_name(local_name(p.iri))) in called]
                found = named[0] if len(named) == 1 else same[0] if len(same) == 1 and not named else None
            self._names[cls] = found
        return self._names[cls]

    def _name_parts(self, cls: str) -> list[str]:
        """The columns that together name a person of `cls` ('first name' and 'last name', 'given' and 'family'
        name) where no one column names them; [] otherwise."""
        if cls not in self._parts:
            found: dict[str, str] = {}
            for p in self._literal_columns(cls) if not self._display_name(cls) else []:
                words = split_name(local_name(p.iri)).lower().split()
                if words[1:] == ["name"]:
                    found.setdefault(words[0], p.iri)
            pairs = (("first", "last"), ("given", "family"))
            self._parts[cls] = next(([found[a], found[b]] for a, b in pairs if a in found and b in found), [])
        return self._parts[cls]

    def _literal_columns(self, cls: str) -> list:
        """The literal-valued properties the things of `cls` have (a table's columns)."""
        return [p for p in self.schema.properties if p.is_literal and any(c == cls for c, _ in p.subject_classes)]

    def _proper_names(self, prop: str) -> bool:
        """Most values of the property (of the first 20) are capitalised: proper names ('Glucanta'), not common
        nouns ('metformin')."""
        rows = self._rows(f"SELECT DISTINCT ?v WHERE {{ ?s <{prop}> ?v }} LIMIT 20")
        vals = [str(r[0]) for r in rows if r[0] is not None]
        return bool(vals) and sum(v[:1].isupper() for v in vals) >= 0.8 * len(vals)

    def _name_triples(self, cls: str | None, subj: str, var: str) -> str | None:
        """The triples that give `subj` (a thing of `cls`) its name in `var`: its naming column, or, for a row
        of a table that has none and extends one other row one to one (a trainer row holding its person's
        key), that row's name; None when neither names it."""
        own = self._display_name(cls)
        if own:
            return f"{subj} <{own}> {var} ."
        hop = self._name_hop(cls)
        return f"{subj} <{hop[0]}> {var}_of . {var}_of <{hop[1]}> {var} ." if hop else None

    def _name_hop(self, cls: str | None) -> tuple[str, str] | None:
        """(link, naming column) when every thing of `cls` links by `link` to a thing of its own, never shared
        with another (the row extends that one, as a role extends a person), and that thing has a name."""
        if not cls or cls in self._label_classes():
            return None
        if cls not in self._hops:
            self._hops[cls] = None
            links = [
                (p.iri, p.object_classes[0][0])
                for p in self.schema.properties
                if not p.is_literal
                and len(p.object_classes) == 1
                and p.object_classes[0][0] != cls
                and any(c == cls for c, _ in p.subject_classes)
            ]
            named = [(link, self._display_name(o)) for link, o in links if self._display_name(o)]
            if len(named) == 1 and self._one_to_one(cls, named[0][0]):
                self._hops[cls] = named[0]
        return self._hops[cls]

    def _one_to_one(self, cls: str, link: str) -> bool:
        """Every thing of `cls` (three at least) has one `link` and no two share its value."""
        rows = self._rows(
            f"SELECT (COUNT(?x) AS ?n) (COUNT(DISTINCT ?x) AS ?d) (COUNT(DISTINCT ?o) AS ?m) "
            f"WHERE {{ ?x a <{cls}> . OPTIONAL {{ ?x <{link}> ?o . }} }}"
        )
        if not rows or any(v is None for v in rows[0]):
            return False
        n, d, m = (int(v.value) for v in rows[0])
        return n == d == m >= 3

    def _label_classes(self) -> set[str]:
        """Classes some of whose things carry a label (found once: every read-out asks)."""
        if self._labelled is None:
            preds = (self.schema.prop(p) for p in self._label_preds)
            self._labelled = {c for info in preds if info is not None for c, _ in info.subject_classes}
        return self._labelled
