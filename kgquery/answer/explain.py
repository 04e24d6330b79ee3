"""What a SPARQL query does, in plain words, read from rdflib's algebra (never from a model).

`explain(sparql, kg)` walks the query's algebra once into a `Scope` (triples, filters, OPTIONAL
parts, UNION branches, VALUES, subqueries, aggregates, grouping, order, limit) and words it with
the graph's own labels: "Finds publishers whose country is France and that are the publisher of a
book whose genre is Poetry; counts them." Anything it cannot word falls back
to a generic sentence; it never raises.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from ..graph.query_scope import Scope, parse_scope
from ..graph.schema import RDF_TYPE, local_name, split_name
from ..terms import TIME_TYPES
from ..wording import article as _article, noun, plural, verb_form, wordnet_dir

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

AGG_WORDS = {
    "Count": "counts them",
    "Avg": "returns their average",
    "Sum": "returns their sum",
    "Min": "returns the smallest",
    "Max": "returns the largest",
    "Sample": "takes one of them",
    "GroupConcat": "lists them together",
}
AGG_NOUNS = {
    "Count": "number",
    "Avg": "average",
    "Sum": "total",
    "Min": "lowest",
    "Max": "highest",
    "Sample": "sample",
    "GroupConcat": "list",
}
OPS = {">": "greater than", "<": "less than", ">=": "at least", "<=": "at most", "=": "equal to", "!=": "not equal to"}
#: the same comparisons between times (a date, or a year however it is stored)
TIME_OPS = {">": "after", "<": "before", ">=": "in or after", "<=": "in or before"}
VERB_ENDINGS = (" of", " for", " in", " to", " by", " with", " from", " at", " on")


def _is_verb(label: str, valued: bool = False) -> bool:
    """True for labels that read as a relation ('borders', 'member of'), not as a noun ('country'). `valued`:
    the property has literal values, whose third-person-looking names ('sales') are mostly nouns."""
    low = (label or "").lower().strip()
    # a single word in the third person ('contains', 'owns') reads as a verb; 'class', 'status' do not
    third_person = " " not in low and low.endswith("s") and not low.endswith(("ss", "us", "is"))
    if third_person and valued and wordnet_dir() is not None:
        third_person = verb_form(low)  # a number or text named 'sales' is a plural noun by WordNet, not a verb
    return low.endswith(VERB_ENDINGS) or third_person


class Words:
    """Labels for terms: entities from the label index, properties and classes from the schema."""

    def __init__(self, kg: "KnowledgeGraph | None" = None, label_of: Callable[[str], str] | None = None):
        self.kg = kg
        self._label_of = label_of

    def entity(self, iri: str) -> str:
        if self._label_of is not None:
            return self._label_of(iri) or split_name(local_name(iri))
        if self.kg is not None:
            try:
                return self.kg.labels.label_of(iri)
            except Exception:
                pass
        return split_name(local_name(iri)) or iri

    def is_verb(self, iri: str) -> bool:
        """The property's label reads as a relation (see _is_verb)."""
        info = None
        if self.kg is not None:
            try:
                info = self.kg.schema.prop(iri)
            except Exception:
                info = None
        return _is_verb(self.prop(iri), valued=bool(info is not None and info.is_literal))

    def prop(self, iri: str) -> str:
        if self.kg is not None:
            try:
                p = self.kg.schema.prop(iri)
                if p is not None and p.label:
                    return p.label if p.is_literal else _link_words(p.label)
            except Exception:
                pass
        return split_name(local_name(iri)) or iri

    def cls(self, iri: str) -> str:
        if self.kg is not None:
            try:
                c = self.kg.schema.cls(iri)
                if c is not None and c.label:
                    return c.label
            except Exception:
                pass
        return self.entity(iri)


class _Writer:
    """Words one Scope; see `explain`."""

    def __init__(self, scope: Scope, words: Words):
        self.s = scope
        self.w = words
        self.triples = list(scope.triples)
        self.optional = list(scope.optional)
        self.named = self._named_vars()

    def _named_vars(self) -> dict:
        """Variables pinned only by a name ('?c rdfs:label "Poetry"'): worded as that name."""
        from rdflib import Literal, Variable

        out = {}
        for t in self.triples:
            s, p, o = t
            if (
                isinstance(s, Variable)
                and isinstance(o, Literal)
                and _is_name_prop(str(p), self.w)
                and s not in self.s.projection
                and s not in out
            ):
                out[s] = (str(o), t)
        return out

    # ---- terms
    def term(self, t) -> str:
        from rdflib import Literal, URIRef, Variable

        if isinstance(t, URIRef):
            return self.w.entity(str(t))
        if isinstance(t, Literal):
            v = str(t)
            return v if t.datatype and re.fullmatch(r"-?[\d.]+(e-?\d+)?", v) else f'"{v}"'
        if isinstance(t, Variable):
            if t in self.named:
                return self.named[t][0]
            return self.role(t)
        return str(t)

    def classes_of(self, v, triples=None) -> list[str]:
        from rdflib import URIRef

        found = [
            str(o) for s, p, o in (triples or self.triples) if s == v and str(p) == RDF_TYPE and isinstance(o, URIRef)
        ]
        if found or triples is not None:
            return found
        # "the name of customers" picked by a subquery (the customers with the most orders): typed there
        return [
            str(o)
            for q in self.s.subqueries
            if v in q.projection
            for s, p, o in q.triples
            if s == v and str(p) == RDF_TYPE and isinstance(o, URIRef)
        ]

    def kind_words(self, v, one: bool = False) -> str:
        cls = self.classes_of(v)
        role = self._role_of(v) if not cls else None
        if role:  # "?role <director> ?x": directors
            return f"{_article(role)} {role}" if one else plural(role)
        if not cls:
            return "something" if one else "items"
        label = self.w.cls(cls[0])
        if one:
            from ..wording import UNCOUNTABLE

            n = _one_of(noun(label))
            n = n + " item" if n.split()[-1:] and n.split()[-1].lower() in UNCOUNTABLE else n
            return f"{_article(n)} {n}"
        return plural(label)

    def _role_of(self, v) -> str | None:
        """The noun of the property that a bare subject points at `v` by ('?role <director> ?x', the subject
        in no other triple): what `v` is, for want of a class."""
        from rdflib import Variable

        for s, p, o in self.triples:
            if o == v and isinstance(s, Variable) and str(p) != RDF_TYPE:
                if sum(s in (t[0], t[2]) for t in self.triples + self.optional) == 1 and not self.w.is_verb(str(p)):
                    return noun(self.w.prop(str(p)))
        return None

    def role(self, v) -> str:
        """How to refer to a variable from elsewhere: 'the price of Widget', 'their price', ..."""
        for s, p, o in self.triples + self.optional:
            if o == v and str(p) != RDF_TYPE:
                lab = self.w.prop(str(p))
                if _is_const(s):
                    return f"the {noun(lab)} of {self.term(s)}"
                return f"their {noun(lab)}"
        if v in self.s.aggregates:
            kind, _, inner = self.s.aggregates[v]
            return f"the {AGG_NOUNS.get(kind, kind.lower())}" + (f" of {self.role(inner)}" if inner is not None else "")
        if v in self.s.binds and _agg_ref(self.s.binds[v], self.s):
            return self.role(_agg_ref(self.s.binds[v], self.s))
        return "them" if v in self.s.projection[:1] else f"?{v}"

    # ---- noun phrases with their clauses
    def clauses(self, v, via=None, depth: int = 0) -> list[str]:
        """'whose country is France', 'that are the publisher of a book whose ...' for variable v."""
        from rdflib import URIRef, Variable

        out = []
        skip = {n[1] for n in self.named.values()}
        group = [g for g in self.s.group if g is not None]
        for t in self.triples:
            s, p, o = t
            if t is via or t in skip or str(p) == RDF_TYPE:
                continue
            lab = self.w.prop(str(p))
            if s == v:
                if isinstance(o, Variable) and o not in self.named:
                    if o in self._numbered():
                        out.extend(self.compare_clauses(o, noun(lab)))
                        continue
                    if o in group:
                        obj = self.kind_words(o, one=True) if self.classes_of(o) else f"a {noun(lab)}"
                    elif self._too_deep(o, t, depth) or o in self.s.projection or self._only_here(o, t):
                        continue
                    else:
                        chain = self._chain(o, t)
                        if chain is not None:
                            out.append(f"whose {noun(lab)} {chain}")
                            continue
                        obj = self.phrase(o, t, depth + 1, one=True)
                elif _is_boolean(o):  # "in stock" true: that are in stock
                    out.append(f"that are {'' if str(o).lower() == 'true' else 'not '}{lab}")
                    continue
                else:
                    obj = self.term(o)
                out.append(
                    f"that {lab} {obj}"
                    if self.w.is_verb(str(p)) and not _ends_prep(lab)
                    else f"that are {lab} {obj}"
                    if self.w.is_verb(str(p))
                    else f"whose {noun(lab)} is {obj}"
                )
            elif o == v:
                if isinstance(s, Variable) and s not in self.named:
                    if s in group:
                        subj = self.kind_words(s, one=True)
                    elif self._too_deep(s, t, depth) or s in self.s.projection or self._only_here(s, t):
                        continue
                    else:
                        subj = self.phrase(s, t, depth + 1, one=True)
                else:
                    subj = self.term(s)
                if self.w.is_verb(str(p)):
                    out.append(f"that {subj} is {lab}" if _ends_prep(lab) else f"that {subj} {lab}")
                else:
                    out.append(f"that are the {noun(lab)} of {subj}")
        for b, e in self.s.binds.items():
            if b in self._numbered():  # "whose depth × height × width is the lowest": a number computed from theirs
                computed = self._arithmetic(e, v)
                if computed:
                    out.extend(self.compare_clauses(b, computed))
        for op, other in self._numbered().get(v, []):
            if op == "!=" and isinstance(other, URIRef):
                out.append(f"other than {self.term(other)}")  # "the contestants whose names are not X"
        if v in self.s.values:
            names = list(dict.fromkeys(self.term(t) for t in self.s.values[v]))
            # namesakes ("a capital called Kingston": both Kingstons) are said once, as every thing of that name
            n = len(self.s.values[v])
            out.append(
                f"that is called {names[0]} (any of the {n} of that name)"
                if len(names) == 1
                else "that are one of " + _join(names, "or")
            )
        if depth == 0 and v == self._union_root() and self.s.unions:
            out.extend(self.union_words())
        return list(dict.fromkeys(out))

    def _arithmetic(self, e, v, inner: bool = False) -> str | None:
        """'weight / (depth × height × width)' for an expression over v's own numbers, else None."""
        from rdflib import Variable

        if isinstance(e, Variable):
            t = next((t for t in self.triples if t[2] == e and t[0] == v), None)
            return noun(self.w.prop(str(t[1]))) if t is not None else None
        if getattr(e, "name", "") not in ("MultiplicativeExpression", "AdditiveExpression"):
            return None
        parts = [self._arithmetic(x, v, True) for x in [e["expr"], *e["other"]]]
        if None in parts:
            return None
        text = parts[0] + "".join(f" {ARITHMETIC.get(str(op), op)} {x}" for op, x in zip(e["op"], parts[1:]))
        return f"({text})" if inner else text

    def _not_rows(self) -> str:
        """The sentence for a query that returns no rows of things (a yes/no, a graph, one number less
        another), or '' for one that does."""
        s = self.s
        if s.kind == "ask":
            return self.ask_sentence()
        if s.kind == "describe":
            return f"Describes {self.main_phrase()}."
        if s.kind == "construct":
            return f"Builds a graph from {self.main_phrase()}."
        return (self._difference(s.binds.get(s.projection[0])) if len(s.projection) == 1 else None) or ""

    def _difference(self, e) -> str | None:
        """'Finds how much the elevation of A exceeds that of B.' for A's number less B's (how far apart
        they are under ABS), both read off named things; else None."""
        from rdflib import Variable

        apart = getattr(e, "name", "") == "Builtin_ABS"
        e = e["arg"] if apart else e
        if getattr(e, "name", "") != "AdditiveExpression" or list(e["op"]) != ["-"] or len(e["other"]) != 1:
            return None
        sides = []
        for v in (e["expr"], e["other"][0]):
            t = next((t for t in self.triples if t[2] == v and isinstance(v, Variable)), None)
            if t is None or isinstance(t[0], Variable):
                return None
            sides.append((self.w.prop(str(t[1])), self.term(t[0])))
        (p1, a), (p2, b) = sides
        other = f"that of {b}" if p1 == p2 else f"the {p2} of {b}"
        if apart:
            return f"Finds how far apart the {p1} of {a} and {other} are."
        return f"Finds how much the {p1} of {a} exceeds {other}."

    def _too_deep(self, v, via, depth: int) -> bool:
        """Past two hops a variable is described only when its chain ends at a stated entity or value within
        the next hops (a four-hop path to 'Poland' says so), and never past five."""
        if depth < 2:
            return False
        return depth >= 5 or not self._reaches_constant(v, via, 5 - depth)

    def _reaches_constant(self, v, via, hops: int) -> bool:
        from rdflib import Variable

        if v in self._numbered() or v in self.s.values:
            return True
        if hops <= 0:
            return False
        for t in self.triples:
            if t is via or v not in (t[0], t[2]) or str(t[1]) == RDF_TYPE:
                continue
            other = t[2] if t[0] == v else t[0]
            if not isinstance(other, Variable) or self._reaches_constant(other, t, hops - 1):
                return True
        return False

    def _chain(self, m, via) -> str | None:
        """'amount is the highest' for a classless middle node with exactly one way onward."""
        from rdflib import Variable

        if self.classes_of(m) or m in self.s.values:
            return None
        onward = [t for t in self.triples if t is not via and m in (t[0], t[2])]
        if len(onward) != 1 or onward[0][0] != m:
            return None
        _, p, o = onward[0]
        full = self.w.prop(str(p))
        lab = noun(full)
        if isinstance(o, Variable) and o not in self.named:
            cmp_ = self.compare_clauses(o, lab)
            if cmp_:
                return " and ".join(c.replace("whose ", "", 1) for c in cmp_)
            return None
        if str(p) in _name_iris(self.w):
            return f"is {self.term(o)}"
        if self.w.is_verb(str(p)):
            return f"{'is ' if _ends_prep(full) else ''}{full} {self.term(o)}"
        return f"{lab} is {self.term(o)}"

    def _only_here(self, v, t) -> bool:
        """A variable that appears in no other pattern and no filter: plain existence ('that have a ...')."""
        others = [x for x in self.triples if x is not t and v in (x[0], x[2])]
        return not others and v not in self._numbered() and v not in self.s.values

    def _numbered(self) -> dict:
        """Variables constrained by FILTER comparisons: var -> [(op, other term)]."""
        if not hasattr(self, "_num"):
            self._num = {}
            for e in self.s.filters:
                for var, op, other in _comparisons(e):
                    self._num.setdefault(var, []).append((op, other))
        return self._num

    def compare_clauses(self, v, what: str) -> list[str]:
        out = []
        for op, other in self._numbered().get(v, []):
            target = self._best_ref(other)
            if target == "Avg":
                out.append(f"whose {what} is {OPS.get(op, op)} the average")
            elif target is not None and op != "=":
                # "larger than any country in Africa": beyond the extreme of the subquery's things
                out.append(f"whose {what} is {OPS.get(op, op)} {self._extreme_of(other, target)}")
            elif target is not None:
                out.append(f"whose {what} is the {'highest' if target == 'Max' else 'lowest'}")
            elif op == "IN":
                out.append(f"whose {what} is {_join([self.term(t) for t in other], 'or')}")
            elif op in TEXT_OPS:
                out.append(f'whose {what} {TEXT_OPS[op]} "{other}"')
            elif _is_time(other) and op in TIME_OPS:
                out.append(f"whose {what} is {TIME_OPS[op]} {self.term(other)}")
            else:
                out.append(f"whose {what} is {OPS.get(op, op)} {self.term(other)}")
        return out

    def _extreme_of(self, other, kind: str) -> str:
        """'the highest population of countries whose continent is "Africa"': the subquery's extreme, worded."""
        for sub in self.s.subqueries:
            res = other if other in sub.aggregates else None
            res = res or next((_agg_ref(e, sub) for b, e in sub.binds.items() if b == other), None)
            inner = sub.aggregates[res][2] if res in sub.aggregates else None
            w = _Writer(sub, self.w)
            owner = next((t[0] for t in w.triples if t[2] == inner), None)
            if owner is not None:
                what = w.role(inner).removeprefix("their ")
                return f"the {'highest' if kind == 'Max' else 'lowest'} {what} of {w.phrase(owner)}"
        return f"the {'highest' if kind == 'Max' else 'lowest'}"

    def _best_ref(self, other) -> str | None:
        """'Max'/'Min' when `other` is the result of a subquery aggregate (the superlative with ties), 'Avg'
        when it is a subquery's average ('above the average')."""
        from rdflib import Variable

        if not isinstance(other, Variable):
            return None
        for sub in self.s.subqueries:
            for res, (kind, _, _) in sub.aggregates.items():
                if kind in ("Max", "Min", "Avg") and (
                    res == other or any(b == other and _agg_ref(e, sub) == res for b, e in sub.binds.items())
                ):
                    return kind
        return None

    def phrase(self, v, via=None, depth: int = 0, one: bool = False) -> str:
        head = self.kind_words(v, one)
        cl = self.clauses(v, via, depth)
        return head + (" " + _join(cl) if cl else "")

    # ---- the sentence
    def sentence(self) -> str:
        s = self.s
        proj = [v for v in s.projection]
        if special := self._not_rows():
            return special
        aggs = {v: _agg_ref(s.binds.get(v), s) for v in proj}
        aggs = {v: s.aggregates[a] for v, a in aggs.items() if a is not None and a in s.aggregates}
        plain = [v for v in proj if v not in aggs]
        group = [g for g in s.group if g is not None]
        tail: list[str] = []
        if aggs and not plain or aggs and group:
            kind, distinct, inner = next(iter(aggs.values()))
            main = inner if inner is not None else self._root()
            head = self.head_of(main)
            word = AGG_WORDS.get(kind, f"computes {kind}")
            if kind == "Count" and inner is None:
                word = "counts the matches"
            if group:
                word += " per " + self.groups_worded(group) + self._group_constraints(group, main)
            tail.append(word)
            for kind2, _, inner2 in list(aggs.values())[1:]:
                if (kind2, inner2) != (kind, inner):
                    tail.append(
                        f"also {AGG_WORDS.get(kind2, kind2).replace('them', 'them').replace('returns', 'returns')}"
                        if inner2 == inner
                        else f"also the {AGG_NOUNS.get(kind2, kind2)} of {self.role(inner2)}"
                    )
        else:
            if not self.triples and s.subqueries:
                return self._picked_with_columns(plain)
            if owned := self._one_owner(plain):  # "the city and country of Alton": all read off one named item
                return _sentence(owned, [])
            main = self._main(plain)
            head = self.head_of(main)
            if s.subqueries and any(set(q.projection) & {t for tr in self.triples for t in tr} for q in s.subqueries):
                # "the document id of items" read from the groups a subquery picks: say how it picks them
                picked = self.over_subqueries().rstrip(".").removeprefix("Finds ")
                for verb, ing in (
                    ("counts them", "counted"),
                    ("keeps the", "keeping the"),
                    ("keeps those", "keeping those"),
                ):
                    picked = picked.replace(verb, ing)
                picks = [v for q in s.subqueries for v in q.projection if v in {t for tr in self.triples for t in tr}]
                kind = self.kind_words(picks[0]) if picks and self.classes_of(picks[0]) else "items"
                tail.append(f"the {kind} come from: " + picked.replace("; ", ", "))
            extra = [v for v in plain if v != main]
            if extra:
                tail.append("shows " + _join([self.column(v) for v in extra]))
            if group and not aggs:
                tail.append("one row per " + self.groups_worded(group))
        for e in s.having:
            for var, op, other in _comparisons(e):
                tail.append(f"keeps the groups where {self._agg_phrase(var)} is {OPS.get(op, op)} {self.term(other)}")
        if s.minus:  # MINUS and FILTER NOT EXISTS: said first, it narrows what the rest is about
            tail.insert(
                0,
                "leaving out "
                + _join(
                    [
                        "those " + _join(_Writer(m, self.w).clauses(self._root()) or ["that match another pattern"])
                        for m in s.minus
                    ]
                ),
            )
        if s.order:
            keys = [f"{self.sort_key(e)}{' in descending order' if d == 'DESC' else ''}" for e, d in s.order]
            tail.append("sorts them by " + _join(keys))
        if s.limit is not None:
            if s.limit == 1 and s.offset and s.offset < len(_ORDINALS):
                tail.append(f"keeps the {_ORDINALS[s.offset]}")  # "the second tallest"
            elif s.limit == 1:
                tail.append("keeps the first" + (f" after skipping {s.offset}" if s.offset else ""))
            else:
                tail.append(f"keeps the first {s.limit}" + (f" after skipping {s.offset}" if s.offset else ""))
        return _sentence(head, tail)

    def _picked_with_columns(self, plain: list) -> str:
        """What the subqueries pick, then the columns read off those things ('their department name (when
        present)')."""
        picked = self.over_subqueries()
        read = [v for v in plain if any(o == v for _s, _p, o in self.optional)]
        return _sentence(picked.rstrip("."), ["shows " + _join([self.column(v) for v in read])]) if read else picked

    def over_subqueries(self) -> str:
        """An outer query that only joins subqueries: the grouped counts, then the pick (ties kept)."""
        s = self.s
        want = set(s.projection)
        base = next((q for q in s.subqueries if want & set(q.projection)), s.subqueries[0])
        text = _Writer(base, self.w).sentence().rstrip(".")
        for e in s.filters:
            for var, op, other in _comparisons(e):
                best = self._best_ref(other)
                if best in ("Max", "Min") and op == "=":
                    bw = _Writer(base, self.w)
                    what = bw._agg_phrase(_agg_ref(base.binds.get(var), base) or var)
                    text += f"; keeps those with the {'highest' if best == 'Max' else 'lowest'} " + what.removeprefix(
                        "the "
                    )
                else:
                    text += f"; keeps those where {self.term(var)} is {OPS.get(op, op)} {self.term(other)}"
        if s.order and s.limit is not None:  # "which city has the most loans": the groups ranked by their count
            key, direction = s.order[0]
            what = _Writer(base, self.w)._agg_phrase(_agg_ref(base.binds.get(key), base) or key).removeprefix("the ")
            first = "the one" if s.limit == 1 else f"the {s.limit}"
            text += f"; keeps {first} with the {'highest' if direction == 'DESC' else 'lowest'} {what}"
        return _sentence(text, [])

    def _union_root(self):
        from rdflib import Variable

        root = self._root()
        if root is not None:
            return root
        for branches in self.s.unions:
            for b in branches:
                for t in b.triples:
                    for x in (t[0], t[2]):
                        if isinstance(x, Variable):
                            return x
        return None

    def _root(self):
        from rdflib import Variable

        for t in self.triples:
            for x in (t[0], t[2]):
                if isinstance(x, Variable):
                    return x
        return None

    def _main(self, plain: list):
        for v in plain:
            if self.classes_of(v) or any(v in (t[0], t[2]) for t in self.triples):
                return v
        # only optional columns are shown ("their first name (when present)"): they describe the thing they hang on
        owners = [s for s, _, o in self.optional if o in plain and any(s in (t[0], t[2]) for t in self.triples)]
        if owners:
            return owners[0]
        return self._union_root() if self.triples or self.s.unions or not plain else plain[0]

    def _one_owner(self, plain: list) -> str:
        """'Finds the city and country of Alton (when present)' when every column is an optional value of one
        named item and nothing else is matched, else ''."""
        from rdflib import Variable

        if self.triples or self.s.unions or not plain:
            return ""
        props, owner = [], None
        for v in plain:
            hit = next(((s, p) for s, p, o in self.optional if o == v), None)
            if hit is not None and isinstance(hit[0], Variable):  # read through the thing it points to: its name
                hit = next(((s, p) for s, p, o in self.optional if o == hit[0]), None)
            if hit is None or isinstance(hit[0], Variable) or owner not in (None, hit[0]):
                return ""
            owner = hit[0]
            props.append(noun(self.w.prop(str(hit[1]))))
        return f"Finds the {_join(props)} of {self.term(owner)} (when present)"

    def head_of(self, v) -> str:
        """'Finds publishers whose ...' or 'Finds the email of employees whose ...'."""
        from rdflib import Variable

        if v is None:
            return "Finds matches of the query pattern"
        if not self.classes_of(v):
            for t in self.triples:
                s, p, o = t
                if o == v and str(p) != RDF_TYPE and not self.clauses(v, t):
                    full = self.w.prop(str(p))
                    lab = self._extreme_word(v) + noun(full)  # 'the lowest publication year of books'
                    if self.w.is_verb(str(p)):
                        who = self.phrase(s, t) if isinstance(s, Variable) else self.term(s)
                        be = ("are " if isinstance(s, Variable) else "is ") if _ends_prep(full) else ""
                        return f"Finds what {who} {be}{full}"
                    if isinstance(s, Variable):
                        return f"Finds the {lab} of {self.phrase(s, t)}"
                    return f"Finds the {lab} of {self.term(s)}"
                if s == v and isinstance(o, Variable) and self.classes_of(o) is not None:
                    pass
        return f"Finds {self.phrase(v)}"

    def _extreme_word(self, v) -> str:
        """'lowest ' when the value read out is itself kept at its subquery's minimum ('highest ' for the
        maximum), else ''."""
        for op, other in self._numbered().get(v, []):
            kind = self._best_ref(other) if op == "=" else None
            if kind in ("Max", "Min"):
                return "highest " if kind == "Max" else "lowest "
        return ""

    def column(self, v) -> str:
        # an OPTIONAL column read through a middle node: ?x <p> ?o . ?o rdfs:label ?v is their p
        for s, p, o in self.optional:
            if o == v:
                for s2, p2, o2 in self.optional:
                    if o2 == s:
                        return f"their {noun(self.w.prop(str(p2)))} (when present)"
        for s, p, o in self.triples + self.optional:
            if o == v and str(p) != RDF_TYPE:
                opt = (s, p, o) in self.optional
                return f"their {noun(self.w.prop(str(p)))}" + (" (when present)" if opt else "")
            if s == v and str(p) == "http://www.w3.org/2000/01/rdf-schema#label":
                return "their label"
        if v in self.s.aggregates or v in self.s.binds:
            return self.role(v)
        return f"?{v}"

    def groups_worded(self, group: list) -> str:
        """'stadium', not 'stadium and name': a group key that is another key's own value (its name) adds no
        group of its own."""
        own = [g for g in group if not any(t[2] == g and t[0] in group for t in self.triples)]
        return _join([self.group_word(g) for g in own or group])

    def _group_constraints(self, group: list, counted) -> str:
        """' whose continent is Europe': what else holds of a single group besides its link to the things
        counted ("countries in Europe with at least 3 car makers"), or ''."""
        import dataclasses

        from rdflib import Variable

        if len(group) != 1 or not self.classes_of(group[0]):
            return ""
        side, grew = {counted}, True  # the counted things' side: all it reaches without passing the group
        while grew:
            grew = False
            for a, _, b in self.triples:
                for u, v in ((a, b), (b, a)):
                    if u in side and isinstance(v, Variable) and v != group[0] and v not in side:
                        side.add(v)
                        grew = True
        rest = [t for t in self.triples if t[0] not in side and t[2] not in side]
        if len(rest) == len(self.triples):
            return ""
        said = _Writer(dataclasses.replace(self.s, triples=rest), self.w).clauses(group[0])
        return (" " + _join(said)) if said else ""

    def group_word(self, g) -> str:
        cls = self.classes_of(g)
        if cls:
            return _one_of(noun(self.w.cls(cls[0])))
        for s, p, o in self.triples:
            if o == g and str(p) != RDF_TYPE:
                return noun(self.w.prop(str(p)))
        return f"?{g}"

    def sort_key(self, e) -> str:
        from rdflib import Variable

        if isinstance(e, Variable):
            a = _agg_ref(self.s.binds.get(e), self.s)
            if a is not None:
                return self._agg_phrase(a)
            r = self.role(e)
            return r if r != "them" else "their value"
        return "an expression"

    def _agg_phrase(self, var) -> str:
        if var in self.s.aggregates:
            kind, _, inner = self.s.aggregates[var]
            if kind == "Count":
                return "the count"
            return (
                f"the {AGG_NOUNS.get(kind, kind.lower())} of {self.role(inner)}" if inner is not None else "the value"
            )
        return self.role(var)

    def union_words(self) -> list[str]:
        out = []
        for branches in self.s.unions:
            parts = []
            for b in branches:
                bw = _Writer(b, self.w)
                v = self._union_root()
                parts.append(_join(bw.clauses(v)) or "another pattern")
            out.append("either " + " or ".join(parts))
        return out

    def _value_against_number(self, vars_: set) -> str | None:
        """'the height of Glass Spire is greater than 300': one named thing's value compared with a number."""
        if len(vars_) != 1 or len(self.triples) != 1:
            return None
        s, p, o = self.triples[0]
        what = noun(self.w.prop(str(p)))
        clauses = self.compare_clauses(o, what) if o in vars_ and _is_const(s) else []
        if len(clauses) != 1 or not clauses[0].startswith(f"whose {what} is "):
            return None
        return f"the {what} of {self.term(s)} is {clauses[0].removeprefix(f'whose {what} is ')}"

    def main_phrase(self) -> str:
        v = self._root()
        return self.phrase(v) if v is not None else "fixed triples"

    def ask_sentence(self) -> str:
        from rdflib import Variable

        vars_ = {x for t in self.triples for x in (t[0], t[2]) if isinstance(x, Variable) and x not in self.named}
        if not vars_ and self.triples:
            parts = []
            skip = {n[1] for n in self.named.values()}
            for s, p, o in (t for t in self.triples if t not in skip):
                lab = self.w.prop(str(p))
                if str(p) == RDF_TYPE:
                    parts.append(f"{self.term(s)} is {_article(noun(self.w.cls(str(o))))} {noun(self.w.cls(str(o)))}")
                elif _is_boolean(o):
                    parts.append(f"{self.term(s)} is {'' if str(o).lower() == 'true' else 'not '}{lab}")  # coastal
                elif self.w.is_verb(str(p)):
                    parts.append(f"{self.term(s)} {'is ' if _ends_prep(lab) else ''}{lab} {self.term(o)}")
                else:
                    parts.append(f"the {noun(lab)} of {self.term(s)} is {self.term(o)}")
            return "Checks whether " + _join(parts) + "."
        if not self.triples and len(self.s.unions) == 1 and len(self.s.unions[0]) == 2:
            # "did A design B?": the link in either direction
            link = _Writer(self.s.unions[0][0], self.w).triples
            if len(link) == 1 and _is_const(link[0][0]) and _is_const(link[0][2]):
                a, p, b = link[0]
                lab = self.w.prop(str(p))
                both = f"one of {self.term(a)} and {self.term(b)}"
                if self.w.is_verb(str(p)):
                    return f"Checks whether {both} {'is ' if _ends_prep(lab) else ''}{lab} the other."
                return f"Checks whether {both} is the {noun(lab)} of the other."
        compared = self._values_compared() or self._value_against_number(vars_)
        if compared:
            return "Checks whether " + compared + "."
        v = self._main([x for x in self._roots_in_order() if x in vars_])
        if v is None:
            return "Checks whether the pattern has any match."
        one = self.kind_words(v, one=True)
        cl = self.clauses(v)
        if one == "something" and not cl:
            return "Checks whether the pattern has any match."
        return _sentence(f"Checks whether there is {one}" + (" " + _join(cl) if cl else ""), [])

    def _values_compared(self) -> str | None:
        """'the number of pages of A is greater than the number of pages of B': two named things' values
        compared, or None when the pattern is not that."""
        from rdflib import Variable

        owned = {t[2]: t for t in self.triples if isinstance(t[2], Variable) and not isinstance(t[0], Variable)}
        if len(self.triples) != 2 or len(owned) != 2:
            return None
        for v, comps in self._numbered().items():
            for op, other in comps:
                if v in owned and other in owned and op in OPS:
                    (a, pa, _), (b, pb, _) = owned[v], owned[other]
                    left, right = noun(self.w.prop(str(pa))), noun(self.w.prop(str(pb)))
                    return f"the {left} of {self.term(a)} is {OPS[op]} the {right} of {self.term(b)}"
        return None

    def _roots_in_order(self) -> list:
        from rdflib import Variable

        seen = []
        for t in self.triples:
            for x in (t[0], t[2]):
                if isinstance(x, Variable) and x not in seen:
                    seen.append(x)
        return seen


#: the key words around a link's name where a table's column became a link (the W3C Direct Mapping names a
#: foreign key `<table#ref-column>`, and key columns end in 'id'): 'ref patient id' is read as 'patient'
_KEY_WORDS = re.compile(r"^(?:ref|fk)\s+|\s+(?:id|ids|fk|key)$")


def _one_of(name: str) -> str:
    """One thing of a class named in the plural, as tables are ('departments' -> 'a department', 'counts them per
    department'): the last word singular."""
    from ..wording import singular

    head, _, last = name.rpartition(" ")
    one = singular(last) if last.islower() else last
    return f"{head} {one}" if head else one


def _link_words(label: str) -> str:
    """A link's label without the key words around it ('ref patient id' -> 'patient'); as it was when nothing
    else is left."""
    return _KEY_WORDS.sub("", label).strip() or label


def _ends_prep(label: str) -> bool:
    """True for 'member of', 'responsible for' (worded with 'is'), not for 'lives in' (a verb already)."""
    low = (label or "").lower().strip()
    first = low.split()[0] if low.split() else ""
    return low.endswith(VERB_ENDINGS) and not (first.endswith("s") and not first.endswith("ss"))


def _name_iris(words: Words) -> set[str]:
    from ..graph.labels import LABEL_PREDICATES

    return set(LABEL_PREDICATES)


def _is_name_prop(iri: str, words: Words) -> bool:
    """Label predicates and name-like properties ('name', 'title', 'label')."""
    if iri in _name_iris(words):
        return True
    return noun(words.prop(iri)) in ("name", "title", "label", "full name")


def _is_const(t) -> bool:
    from rdflib import Variable

    return not isinstance(t, Variable)


def _agg_ref(expr, scope: Scope):
    """The aggregate result variable an expression stands for (Extend over __agg_n__), else None."""
    from rdflib import Variable

    if isinstance(expr, Variable) and expr in scope.aggregates and scope.aggregates[expr][0] != "Sample":
        return expr
    return None


#: the place kept after skipping n rows
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")

#: arithmetic operators, as an explanation writes them
ARITHMETIC = {"*": "×", "/": "/", "+": "+", "-": "-"}

#: substring tests, as an explanation says them
TEXT_OPS = {"CONTAINS": "contains", "STRSTARTS": "starts with", "STRENDS": "ends with"}


def _comparisons(expr) -> list[tuple]:
    """(variable, op, other) for each comparison in a FILTER/HAVING expression (through && only)."""
    from rdflib import Variable
    from rdflib.plugins.sparql.parserutils import CompValue

    out = []
    if not isinstance(expr, CompValue):
        return out
    if expr.name == "ConditionalAndExpression":
        for e in [expr["expr"]] + list(expr.get("other") or []):
            out.extend(_comparisons(e))
    elif expr.name in ("Builtin_CONTAINS", "Builtin_STRSTARTS", "Builtin_STRENDS"):
        a = expr["arg1"]
        while isinstance(a, CompValue) and a.name in ("Builtin_LCASE", "Builtin_UCASE", "Builtin_STR"):
            a = a["arg"]  # CONTAINS(LCASE(STR(?t)), "hey"): a text inside ?t
        if isinstance(a, Variable):
            out.append((a, expr.name.removeprefix("Builtin_"), str(expr["arg2"])))
    elif expr.name == "RelationalExpression" and expr.get("op") == "IN" and isinstance(_unstr(expr["expr"]), Variable):
        out.append((_unstr(expr["expr"]), "IN", list(expr["other"])))  # "?w IN (3500, 2100)": either value
    elif expr.name == "RelationalExpression" and expr.get("op") in OPS:
        # STR(?y) = "2014": a year stored as a text is compared as written
        a, b, op = _unstr(expr["expr"]), _unstr(expr["other"]), expr["op"]
        if _is_year_of(expr["expr"]) or _is_year_of(expr["other"]):  # the year of a date: a time, however stored
            a, b = _as_year(a), _as_year(b)
        if isinstance(a, Variable):
            out.append((a, op, b))
        elif isinstance(b, Variable):
            flip = {">": "<", "<": ">", ">=": "<=", "<=": ">="}
            out.append((b, flip.get(op, op), a))
    return out


def _is_year_of(e) -> bool:
    """YEAR(?v), or IF(isNumeric(?v), ?v, YEAR(?v)) or IF(isNumeric(?v), ?v, xsd:integer(SUBSTR(STR(?v), 1, 4)))
    (a year stored as a number, as a date or as a date's text)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(e, CompValue) and e.name == "Builtin_IF":
        e = e.get("arg3")
    if isinstance(e, CompValue) and e.name == "Function" and str(e.get("iri", "")).endswith("#integer"):
        return True  # the first four characters of a year or a date, as a number
    return isinstance(e, CompValue) and e.name == "Builtin_YEAR"


def _is_boolean(t) -> bool:
    """An xsd:boolean literal ('coastal' true)."""
    return str(t).lower() in ("true", "false") and str(getattr(t, "datatype", "")).endswith("#boolean")


def _is_time(t) -> bool:
    """A literal of a date or year datatype."""
    return str(getattr(t, "datatype", "") or "") in TIME_TYPES


def _as_year(t):
    """A number compared with the year of a time ('completed before 1950') is a year."""
    from rdflib import XSD, Literal, Variable

    return t if isinstance(t, Variable) or not isinstance(t, Literal) else Literal(str(t), datatype=XSD.gYear)


def _unstr(e):
    """The variable inside STR(?v), YEAR(?v) or IF(isNumeric(?v), ?v, YEAR(?v)) (a year compared however it
    is stored), else `e` as it is."""
    from rdflib import Variable
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(e, CompValue) and e.name in ("Builtin_STR", "Builtin_YEAR", "Builtin_SUBSTR"):
        return _unstr(e["arg"])
    if isinstance(e, CompValue) and e.name == "Function" and str(e.get("iri", "")).endswith("#date") and e.get("expr"):
        return _unstr(e["expr"][0])  # a date written as text, read as a date ('2024-09-30 10:00' -> its day)
    if _is_year_of(e) and e.name == "Builtin_IF" and isinstance(e.get("arg2"), Variable):
        return e["arg2"]
    return e


def _join(items: list[str], word: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _sentence(head: str, tail: list[str]) -> str:
    text = head + ("; " + "; ".join(tail) if tail else "")
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def generic(sparql: str) -> str:
    """The fallback sentence: the query form and its result columns."""
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", sparql or "", re.I)
    form = m.group(1).upper() if m else "SPARQL"
    if form == "ASK":
        return "Checks whether the query's pattern has a match in the graph."
    cols = re.findall(r"\?(\w+)", (sparql or "").split("WHERE")[0]) if form == "SELECT" else []
    seen = list(dict.fromkeys(cols))
    return f"Runs a {form} query" + (f" that returns {_join(['?' + c for c in seen])}" if seen else "") + "."


_CAST = re.compile(r"(\?\w+)text \. BIND\(<http://www\.w3\.org/2001/XMLSchema#decimal>\(\1text\) AS \1\)")


#: an aggregate over distinct rows ('each customer's age once'): it reads as the aggregate over the rows
_EACH_ONCE = re.compile(r"WHERE \{ \{ SELECT DISTINCT [?\w ]+ WHERE \{ (.*) \} \} \}\s*$", re.S)


def _uncast(sparql: str) -> str:
    """The query as it reads: a number written as text and read as a decimal is the number itself, and an
    aggregate over each thing once is the aggregate over the things."""
    if sparql.lstrip().upper().startswith("SELECT (") and _EACH_ONCE.search(sparql):
        sparql = _EACH_ONCE.sub(lambda m: "WHERE { " + m.group(1) + " }", sparql)
    return _CAST.sub(r"\1 .", sparql)


def explain(
    sparql: str | None, kg: "KnowledgeGraph | None" = None, label_of: Callable[[str], str] | None = None
) -> str:
    """A plain-language description of what `sparql` does, with the graph's labels; never raises.

    >>> explain("ASK { <http://x.org/a> <http://x.org/knows> <http://x.org/b> }")
    'Checks whether a knows b.'
    """
    if not sparql or not sparql.strip():
        return ""
    try:
        scope = parse_scope(_uncast(sparql))
        return _Writer(scope, Words(kg, label_of)).sentence()
    except Exception:
        return generic(sparql)
