"""How instances of a class reach a constraint in this graph: paths of one and two hops found in the
data, three hops over the schema's class graph, and the numbers reachable from a pattern."""

from __future__ import annotations

import dataclasses
import itertools
import re

from ..graph.schema import RDF_TYPE, local_name, split_name
from ..terms import TIME_TYPES
from ..understand.lexicon import attribute_nouns
from ..understand.linking import Mention
from ..understand.text import STOPWORDS, Question
from ..wording import singular, verb_form
from .candidate import SKIP_PROPS, Path
from .derived import derived_path

HOP_PENALTY = 0.35
#: how well an adjective must name a property by itself ('expensive' -> price) to rank by it first
HINT_NAMES = 0.45
#: what a way through a class the question names gains for the class word it explains ('flow into lakes')
WAYPOINT_NAMED = 0.3
#: how well the noun WordNet makes of the adjective ('highest' -> height) must name a number for the question's
#: other words to weigh half in choosing what is ranked ('who climbed the highest mountain first': not the year
#: of the first ascent); a word of the property's description is enough
MEASURED = 0.5
#: words that name where a movement starts or ends, in property names ('source airport', 'recipient id')
#: (nouns only: a preposition in a name, 'belongs to', 'comes from', marks no movement)
ORIGIN_WORDS = {"source", "origin", "departure", "start", "sender", "src"}
DESTINATION_WORDS = {"destination", "dest", "arrival", "target", "recipient", "dst"}
#: words of property names that say one thing lies within another: what "in <place>" asks for
CONTAINMENT_WORDS = {"in", "within", "inside", "located", "location", "part", "situated"}
#: per hop of a path made only of such properties, after "in": a chain of them ('located in', 'in region',
#: 'part of') is the way "buildings in Sudmark" means, before a shorter link the words never name (capital)
CONTAINED = 0.3
#: 'the mountains in Alta': what a way reaching one thing only (Alta's highest point) loses against the plural,
#: more than a loose word's fit to its property
PLURAL_REACH = 0.5
#: values a superlative or comparison can rank: numbers, and dates for words of time
#: a number written as text ("1299", "-2.5"), as tables made into graphs without datatypes hold them
NUMBER_TEXT = 'isLiteral(?v) && datatype(?v) = <http://www.w3.org/2001/XMLSchema#string> && REGEX(STR(?v), "^-?[0-9]+([.][0-9]+)?$")'
#: a date written as text ("2014-05-02", "2018-03-09 19:03:21"), as databases exported to RDF often hold them:
#: it sorts as text in time order
DATE_TEXT = 'isLiteral(?v) && datatype(?v) = <http://www.w3.org/2001/XMLSchema#string> && REGEX(STR(?v), "^[0-9]{4}-[0-9]{2}-[0-9]{2}")'
ORDERED = (
    f"(isNumeric(?v) || datatype(?v) IN ({', '.join(f'<{t}>' for t in sorted(TIME_TYPES))}) || ({NUMBER_TEXT}) "
    f"|| ({DATE_TEXT}))"
)
#: what a neighbour's number loses against the things' own when the superlative is on the class word
OWN_FIRST = 1.0
#: adjectives (as text.superlative_adjective gives them) that rank by a date
TIME_ADJECTIVES = {"early", "late", "recent", "new"}
#: adjectives of age: the oldest thing has the highest age, but the earliest date or year
AGE_ADJECTIVES = {"old", "young"}
#: a path whose last property is named after the class of the thing reached ('country' to a country): a small
#: lead over other paths the words do not tell apart
KIND_NAMED = 0.1

#: what a three-hop path loses for each hop along a property it has already taken
REPEATED_HOP = 0.1

#: classes every thing falls under (owl:Thing, rdfs:Resource): they name no kind
GENERIC_CLASSES = ("http://www.w3.org/2002/07/owl#Thing", "http://www.w3.org/2000/01/rdf-schema#Resource")


def dates_as_text(info) -> bool:
    """The property's values are dates written as text ('2014-05-02', '2018-03-09 19:03:21'), by its samples."""
    return bool(info.samples) and all(re.match(r"\d{4}-\d{2}-\d{2}", v) for v in info.samples)


class PathFinding:
    """Mixed into EmbeddedGenerator; uses its _rows, _explain, _word_scores, _about_time, _class_mentions and linker."""

    def _adjacent(self, node: str) -> list[tuple[str, bool, int]]:
        """Predicates touching a node in the data: (property, forward?, count)."""
        rows = self._rows(
            f"SELECT ?p ?d (COUNT(*) AS ?n) WHERE {{ {{ {node} ?p ?o BIND(1 AS ?d) }} UNION "
            f"{{ ?s ?p {node} BIND(0 AS ?d) }} }} GROUP BY ?p ?d"
        )
        return [(r[0].value, r[1].value == "1", int(r[2].value)) for r in rows if r[0] and r[0].value not in SKIP_PROPS]

    def _paths(self, cls: str | None, target: str, scores: dict[str, float], literal: bool) -> list[Path]:
        """Paths of one or two hops from instances of `cls` (or any IRI) to `target`, found in the data."""
        tx = f"?x a <{cls}> ." if cls else ""
        found: list[Path] = []
        one = self._rows(
            f"SELECT DISTINCT ?p ?d WHERE {{ {{ {tx} ?x ?p {target} BIND(1 AS ?d) }} UNION "
            f"{{ {tx} {target} ?p ?x BIND(0 AS ?d) }} FILTER(isIRI(?x)) }} LIMIT 50"
            if not literal
            else f"SELECT DISTINCT ?p ?d WHERE {{ {tx} ?x ?p {target} BIND(1 AS ?d) }} LIMIT 50"
        )
        for p, d in one:
            if p.value in SKIP_PROPS and not literal:
                if p.value == RDF_TYPE:
                    continue
            fwd = d.value == "1"
            found.append(Path(((p.value, fwd),), target, self._explain({p.value})))
        if cls:
            two = self._rows(
                f"SELECT DISTINCT ?p1 ?d1 ?p2 ?d2 WHERE {{ {tx} "
                + (
                    f"{{ ?x ?p1 ?m BIND(1 AS ?d1) }} UNION {{ ?m ?p1 ?x BIND(0 AS ?d1) }} ?m ?p2 {target} BIND(1 AS ?d2) "
                    if literal
                    else f"{{ ?x ?p1 ?m BIND(1 AS ?d1) }} UNION {{ ?m ?p1 ?x BIND(0 AS ?d1) }} "
                    f"{{ ?m ?p2 {target} BIND(1 AS ?d2) }} UNION {{ {target} ?p2 ?m BIND(0 AS ?d2) }} "
                )
                # a path only the target itself takes (a link node's one owner, back and forth) constrains nothing
                + (
                    "FILTER(!isLiteral(?m) && ?m != ?x) } LIMIT 100"
                    if literal
                    else f"FILTER(!isLiteral(?m) && ?m != ?x && ?x != {target}) }} LIMIT 100"
                )
            )
            for p1, d1, p2, d2 in two:
                if p1.value in SKIP_PROPS or p2.value in SKIP_PROPS:
                    continue
                s = self._explain({p1.value, p2.value}) - HOP_PENALTY
                found.append(Path(((p1.value, d1.value == "1"), (p2.value, d2.value == "1")), target, s))
        if cls and not literal and target.startswith("<") and not any(p.score >= 0.8 for p in found):
            found += self._three_hops(cls, target[1:-1])  # only where nearer paths leave the words unexplained
            if not found and not self.linker.labels.types_of(target[1:-1]):
                # an untyped thing ('dbpedia:Russia' as a supplier's country): reached by the property that
                # points at it, from the classes whose things have that property
                found += self._three_hops_to_value(cls, target)
        if cls and literal and not found:
            found += self._three_hops_to_value(cls, target)  # "students who have a cat": student-has_pet-pet-type
        if cls and (not any(p.score >= 0.8 for p in found) or set(getattr(self, "_waypoints", ())) - {cls}):
            # a class the words name on the way ('rivers that flow into lakes in X') is passed through even
            # where a nearer way to the target is well named
            found += self._through_named_class(cls, target, literal)
        if cls and not literal and target.startswith("<") and not any(p.score >= 0.8 for p in found):
            have = {p.steps for p in found}
            found += [p for p in self._unlinked(cls, target[1:-1]) if p.steps not in have]
        kinds = self._kind_words(target)
        for p in found:
            # "buildings in Ostland": of the ways to a country, the one named 'country' (not 'capital')
            if kinds and kinds <= set(split_name(local_name(p.steps[-1][0])).split()):
                p.score += KIND_NAMED
        found.sort(key=lambda p: (-p.score, p.steps))  # ties: a fixed order, run to run
        return found[:4]

    def _kind_words(self, target: str) -> set[str]:
        """The words of the class name of a thing (an IRI in angle brackets), singular; empty for a value or
        a thing of several classes. A thing typed with its class's superclasses too (a country that is also a
        populated place, a place and an owl:Thing) has the most specific of them as its class."""
        types = self.linker.labels.types_of(target[1:-1]) if target.startswith("<") else []
        if len(types) > 1:
            above = set().union(*(self.schema.superclasses(t) for t in types))
            types = [t for t in types if t not in above and not t.startswith(GENERIC_CLASSES)]
        if len(types) != 1:
            return set()
        return {singular(w) for w in split_name(local_name(types[0])).split()}

    def _schema_steps(self, src: str, dst: str, cutoff: int, limit: int) -> list[tuple[tuple[str, bool], ...]]:
        """Steps ((property, forward?), ...) of up to `cutoff` hops from class src to class dst over the schema's
        class graph (networkx), the first `limit` paths it yields; shared by the shapes that reach further
        than the data exploration does."""
        import networkx as nx

        g = self.linker.class_graph()
        if src not in g or dst not in g:
            return []
        paths = itertools.islice(nx.all_simple_edge_paths(g, src, dst, cutoff=cutoff), limit)
        return [tuple((k[0], k[1]) for _, _, k in edges) for edges in paths]

    def _in_data(self, cls: str, path: Path) -> bool:
        """Some thing of `cls` has this path in the data."""
        return bool(self._rows(f"SELECT ?x WHERE {{ ?x a <{cls}> . {' '.join(path.triples('?x', 'h'))} }} LIMIT 1"))

    def _three_hops(self, cls: str, target: str) -> list[Path]:
        """Paths of three hops from instances of `cls` to `target`, found over the schema's class graph
        (class -> property -> class, networkx) and kept when the data has them: item -> city -> region -> country."""
        out: dict[tuple, Path] = {}  # one path once, whichever of the target's classes it was found through
        for t in self.linker.labels.types_of(target):
            threes = [st for st in self._schema_steps(cls, t, 3, 200) if len(st) == 3 and st not in out]
            threes.sort(key=lambda st: -self._explain({p for p, _ in st}))
            for steps in threes[:8]:
                path = Path(steps, f"<{target}>", 0.0)
                if self._in_data(cls, path):
                    # a property taken twice is named once: the second hop explains nothing of its own
                    again = len(steps) - len({p for p, _ in steps})
                    path.score = self._explain({p for p, _ in steps}) - 2 * HOP_PENALTY - REPEATED_HOP * again
                    out[steps] = path
        return list(out.values())

    def _unlinked(self, cls: str, target: str) -> list[Path]:
        """One hop over the schema between `cls` and the classes of a thing that has no such link in the data
        ("Does Lars Berg work on any project?" when he works on none): the link is then what is missing, so
        the yes/no is no and a list is empty, rather than the named thing being left out of the question."""
        out: dict[tuple, Path] = {}
        for t in self.linker.labels.types_of(target):
            for steps in [st for st in self._schema_steps(cls, t, 1, 10) if len(st) == 1]:
                out.setdefault(steps, Path(steps, f"<{target}>", self._explain({p for p, _ in steps}) - HOP_PENALTY))
        return list(out.values())

    def _three_hops_to_value(self, cls: str, value: str) -> list[Path]:
        """Paths of three hops from instances of `cls` to a stated value: two over the schema's class graph to
        a class whose property holds the value, then that property; kept when the data has them."""
        out: list[Path] = []
        for (p,) in self._rows(f"SELECT DISTINCT ?p WHERE {{ ?s ?p {value} }} LIMIT 5"):
            info = self.schema.prop(p.value) if p is not None else None
            if info is None or p.value in SKIP_PROPS:
                continue
            for owner, _ in info.subject_classes[:3]:
                if owner == cls:
                    continue
                twos = [st for st in self._schema_steps(cls, owner, 2, 50) if len(st) == 2]
                out += self._kept_in_data(cls, twos[:6], [(p.value, True)], value)
        return out

    def _kept_in_data(self, cls: str, steps_to_owner: list, ends: list[tuple[str, bool]], target: str) -> list[Path]:
        """Each schema walk to an owner class followed by each last hop to `target`, kept when some thing of
        `cls` has the whole path in the data; scored by the words its properties explain."""
        out: list[Path] = []
        for steps in steps_to_owner:
            for end in ends:
                path = Path(tuple(steps) + (end,), target, 0.0)
                if self._in_data(cls, path):
                    path.score = self._explain({q for q, _ in path.steps}) - 2 * HOP_PENALTY
                    out.append(path)
        return out

    def _through_named_class(self, cls: str, target: str, literal: bool) -> list[Path]:
        """Paths that pass through a class the question names on the way ("BOMs with a part from a polish
        supplier": BOM -> BOM part -> product -> supplier -> Poland): up to three hops over the schema's class
        graph to that class, then the one hop by which its members reach the target; kept when the data has
        them. The named class stands for the words of the hops between, so paths of four hops are found."""
        out: list[Path] = []
        for way in getattr(self, "_waypoints", ()):
            if way == cls:
                continue
            last = self._rows(
                f"SELECT DISTINCT ?p ?d WHERE {{ ?w a <{way}> . "
                + (
                    f"?w ?p {target} BIND(1 AS ?d) }} LIMIT 10"
                    if literal
                    else f"{{ ?w ?p {target} BIND(1 AS ?d) }} UNION {{ {target} ?p ?w BIND(0 AS ?d) }} }} LIMIT 10"
                )
            )
            ends = [(p.value, d.value == "1") for p, d in last if p is not None and p.value not in SKIP_PROPS]
            walks = sorted(self._schema_steps(cls, way, 3, 50), key=len)[:8]  # the shortest first
            shortest = len(walks[0]) if walks else 0
            for path in self._kept_in_data(cls, walks, ends, target):
                # the class word names the hop into it ('rivers that flow into lakes'): the same way found without
                # passing through the class stays behind, as does a nearer way that leaves the class word unused;
                # a longer walk to the class gains nothing (a detour through it is not what the word names), but
                # the shortest one does, also over a row that joins two tables ('agents whose customers live in X':
                # agent <- policy -> customer), though only for the class word: the hops through the joining row
                # are named by no word
                if len(path.steps) - 1 == shortest <= 2:
                    path.score += (2 * HOP_PENALTY if shortest == 1 else 0.0) + WAYPOINT_NAMED
                out.append(path)
        return out

    def _reach_attribute(self, cls: str, prop: str, limit: int = 2) -> list[tuple[tuple[str, bool], ...]]:
        """Steps from instances of `cls` to the things that have `prop`, when `cls` has none itself: one or
        two hops over the schema's class graph ("the countries of a BOM's parts": part -> product ->
        supplier -> country). Shortest first, then the steps the question's words explain best."""
        info = self.schema.prop(prop)
        if info is None:
            return []
        owners = [c for c, _ in info.subject_classes[:3]]
        if not owners or cls in owners:
            return []
        # a walk that comes back over the property itself ('what the buildings an architect designed are
        # designed by') gives the things of `cls` again, not what the property holds
        found = {st for owner in owners for st in self._schema_steps(cls, owner, 2, 50) if st[-1] != (prop, False)}
        ranked = sorted(found, key=lambda st: (len(st), -self._explain({p for p, _ in st}), st))
        return [st + ((prop, True),) for st in ranked[:limit]]

    @staticmethod
    def _identifier_number(prop: str) -> bool:
        """A number that identifies a row ('template_id', 'code'): what people rank or compare is rarely it."""
        return bool(set(split_name(local_name(prop)).split()) & {"id", "identifier", "code", "key"})

    def _time_valued(self, prop: str) -> bool:
        """Dates, or numbers that are years (a property named 'year')."""
        info = self.schema.prop(prop)
        if info is None:
            return False
        dtype = info.datatypes[0][0] if info.datatypes else ""
        if dtype in TIME_TYPES or dates_as_text(info):
            return True
        words = set(split_name(local_name(prop)).split()) | set(info.label.lower().split())
        return info.is_numeric and ("year" in words or self._years_of_an_event(info, words))

    @staticmethod
    def _years_of_an_event(info, words: set[str]) -> bool:
        """Whole numbers that could all be years under a name that is a past participle ('founded', 'opened',
        'built'): the year it happened ('the oldest team' was founded first)."""
        years = _year_ranged(info.samples)
        past = any(w.endswith(("ed", "en", "lt")) and verb_form(w) for w in words)
        return bool(years) and all(years) and past

    def _never_years(self, prop: str) -> bool:
        """Numbers none of which could be a year (a count of years, an age): comparing them with a year keeps
        every row or none ("appointments before 2024" do not compare the doctor's years of experience)."""
        info = self.schema.prop(prop)
        years = _year_ranged(info.samples if info and info.is_numeric else [])
        return bool(years) and None not in years and not any(years)

    def _years_as_text(self, prop: str) -> bool:
        """A property named a year whose values are texts of four digits ('2016'): years all the same."""
        info = self.schema.prop(prop)
        words = set(split_name(local_name(prop)).split()) | set(info.label.lower().split()) if info else set()
        return bool(info and "year" in words and info.samples and all(re.fullmatch(r"\d{4}", v) for v in info.samples))

    def _text_paths(self, cls: str | None, base: list[str], near: list[str], scores: dict[str, float]) -> list[Path]:
        """Texts reachable from ?x in one or two hops, for a substring to be found in ("the word 'Hey' in its
        title"): the property the words beside the substring name first, then the question's other words,
        then what names the things (their label, a 'name' or 'title' column)."""
        near_scores = self.linker.property_scores(near) if near else {}
        rows = self._text_rows(base, "(isLiteral(?v) && !isNumeric(?v))", 200)
        naming = set(self._label_preds) | {self._display_name(cls)}
        out = []
        for p1, p2, d in rows:
            if p1 is None or p1.value in SKIP_PROPS:
                continue
            steps = ((p1.value, True),) if p2 is None else ((p1.value, d.value == "1"), (p2.value, True))
            last = steps[-1][0]
            s = max(near_scores.get(last, 0.0), 0.8 * scores.get(last, 0.0), 0.4 if last in naming else 0.0)
            if p2 is not None:
                s = 0.8 * max(s, near_scores.get(p1.value, 0.0)) - 0.1
            out.append(Path(steps, "?t", s))
        out.sort(key=lambda p: (-p.score, p.steps))
        return out[:3]

    def _text_rows(self, base: list[str], test: str, limit: int) -> list:
        """(?p1, ?p2, ?d) of the values passing `test` one or two hops from ?x (a sample of the matches of
        `base`): ?p2 unbound for one hop; ?d 1 when the first hop leaves ?x, 0 when it arrives."""
        body = " ".join(base)
        return self._rows(
            f"SELECT DISTINCT ?p1 ?p2 ?d WHERE {{ {{ SELECT ?x WHERE {{ {body} }} LIMIT 200 }} "
            f"{{ ?x ?p1 ?v FILTER({test}) }} UNION {{ ?x ?p1 ?m . ?m ?p2 ?v FILTER(!isLiteral(?m) && {test}) BIND(1 AS ?d) }} "
            f"UNION {{ ?m ?p1 ?x . ?m ?p2 ?v FILTER(!isLiteral(?m) && {test}) BIND(0 AS ?d) }} }} LIMIT {limit}"
        )

    def _numeral_paths(self, cls: str | None, base: list[str], word: str, spelled: list[str]) -> list[Path]:
        """Texts that spell a stated number, reachable from ?x in one or two hops ("concerts in 2014" where
        the year is stored as the text "2014"): a number the words state is then found as written, not
        dropped. Scored by how well `word` names the property holding it."""
        wanted = ", ".join(f'"{s}"' for s in spelled)
        rows = self._text_rows(base, f"(isLiteral(?v) && !isNumeric(?v) && STR(?v) IN ({wanted}))", 50)
        named = self._word_scores(word)
        out = []
        for p1, p2, d in rows:
            if p1 is None or p1.value in SKIP_PROPS:
                continue
            steps = ((p1.value, True),) if p2 is None else ((p1.value, d.value == "1"), (p2.value, True))
            s = named.get(steps[-1][0], 0.0) - (0.1 if p2 is not None else 0.0)
            out.append(Path(steps, "?v", s))
        out.sort(key=lambda p: (-p.score, p.steps))
        return out[:3]

    def _numeric_paths(
        self,
        cls: str | None,
        base: list[str],
        hint: str,
        scores: dict[str, float],
        year: bool = False,
        measure: str = "",
        via: set[str] = frozenset(),
    ) -> list[Path]:
        """Numeric values reachable from ?x in one or two hops, scored by hint and question words; `year` (a
        comparison with a year: "built before 1980") takes dates too, and the question's other words only break
        ties: they name what is read out, not the year. `measure`: the word naming what is ranked; when it names
        no property but a size the thing's extents give ("the smallest volume"), that size (derived.py) comes
        first. `via`: classes named right before a year compared ("made a voyage before 2023"): a date one hop
        away on a thing of theirs is what is compared."""
        hint_scores, near, lex = self._hint_fits(hint)
        body = " ".join(base)
        rows = self._rows(
            f"SELECT DISTINCT ?p1 ?p2 ?d ?t ?text WHERE {{ {{ SELECT ?x WHERE {{ {body} }} LIMIT 200 }} "
            f"{{ ?x ?p1 ?v FILTER({ORDERED}) }} UNION {{ ?x ?p1 ?m . ?m ?p2 ?v FILTER(!isLiteral(?m) && {ORDERED}) BIND(1 AS ?d) }} "
            f"UNION {{ ?m ?p1 ?x . ?m ?p2 ?v FILTER(isIRI(?x) && !isLiteral(?m) && {ORDERED}) BIND(0 AS ?d) }} "
            f"BIND(!isNumeric(?v) && !({NUMBER_TEXT}) AS ?t) BIND(!isNumeric(?v) && !?t AS ?text) }} LIMIT 200"
        )
        timely = year or hint in TIME_ADJECTIVES or hint in AGE_ADJECTIVES
        arrived = set(re.findall(r"<([^<>\s]+)> \?x \.", body))
        back = _leaves_the_node(body, rows, arrived)
        named = max((max(0.9 * hint_scores.get(p, 0), scores.get(p, 0)) for p in arrived), default=0.0)
        # an adjective that measures one attribute a property here names ("the youngest pet": its age) says
        # what is ranked; the question's other words then name what is read out ("the type and weight of ...")
        measures = max((lex.get((r[1] or r[0]).value, 0.0) for r in rows if r[0] is not None), default=0.0)
        # the adjective itself names a property here ("the most expensive" -> price): that ranks, through its
        # value node if need be, before the numbers the question's other words happen to match
        hinted = max((hint_scores.get(r[0].value, 0.0) for r in rows if r[0] is not None), default=0.0)
        dated, out = hint in AGE_ADJECTIVES and self._aged_by_own_date(rows, lex), []
        words = self._scores_for_numbers(scores, year, measure, (measures >= MEASURED or hinted >= HINT_NAMES))
        for p1, p2, d, t, text in rows:
            if p1 is None:
                continue
            is_time = t is not None and t.value == "true"
            if (is_time and not timely) or (year and not is_time and self._never_years((p2 or p1).value)):
                continue  # dates rank only for words of time ("the earliest"); a year compares no count of years
            steps = ((p1.value, True),) if p2 is None else ((p1.value, d.value == "1"), (p2.value, True))
            last = steps[-1][0]
            dates = is_time or self._time_valued(last)
            through = p2 is not None and bool(self._classes_along(p1.value, d.value == "1") & via)
            # a comparison with a year names no date ('year' is the hint): a neighbour's date called a year
            # (a publisher's founding year) is not what "books written before 1990" compares
            unnamed_date = year and p2 is not None and not through and dates and words.get(last, 0) < 0.4
            hinting = {} if unnamed_date else hint_scores
            fit = [max(0.9 * hinting.get(p, 0), words.get(p, 0)) for p, _ in steps]
            s = max(fit[-1], fit[0] if len(fit) > 1 and p2 is not None and fit[0] >= 0.9 else 0.0)
            if through and dates:  # "made a voyage before 2023": the voyage's date, named by its class as surely
                s = max(s, 0.95)  # as 'year' names the ship's built year, and the class word spent as well
            if p2 is not None and d.value == "1" and hint_scores.get(p1.value, 0.0) >= HINT_NAMES:
                s = max(s, 0.9 * hint_scores[p1.value])  # "the most expensive": the amount of its price
            s += 0.2 * max(0.0, near.get(last, 0.0)) + (0.0 if dated else 0.5 * lex.get(last, 0.0))
            if p2 is not None:
                s -= 0.1 - 0.1 * min(fit[0], 0.9)  # of two ways to a number, the one whose first hop the words name
                if is_time and not year:  # a thing's own date before its neighbour's ("the oldest person"), and
                    s -= 0.2 + (0.5 if dated else 0.0)  # "the oldest building" is not the one with the oldest architect
                elif unnamed_date:
                    s -= 0.2  # "films released before 1990": their own date, unless the words name the neighbour's
                if p1.value in back and d.value == "0":
                    s -= 0.5
            elif named >= 0.8 and not (text is not None and text.value == "true"):
                s = max(s, 0.8 * named)  # (a text that looks like a number, a coordinate or a code, is no amount)
            if (is_time or (timely and self._time_valued(last))) and (
                hint not in AGE_ADJECTIVES or (dated and p2 is None)
            ):
                s += 0.5  # "the oldest" may mean an age as well as an early date: neither is preferred
            if self._identifier_number(last):
                s -= 0.4  # a row's id or code is a number nobody ranks or compares
            out.append(Path(steps, "?v", s, cast=text is not None and text.value == "true"))
        out += self._derived_size(measure, rows)
        out.sort(key=lambda p: (-p.score, p.steps))
        return out[:3]

    def _hint_fits(self, hint: str) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        """How well each property fits the hint's words; how near in meaning (a superlative must rank by some
        number: the adjective's nearest property breaks ties); and how well it fits what the adjective measures,
        by WordNet ("the youngest" -> age), named more surely than by its own word."""
        if not hint:
            return {}, {}, {}
        measured = [n for w in hint.split() for n in attribute_nouns(w)]
        lex = self.linker.property_scores(measured) if measured else {}
        return self.linker.property_scores(hint.split()), self.linker.similarities(hint.split()), lex

    def _scores_for_numbers(self, scores: dict[str, float], year: bool, measure: str, ranked: bool) -> dict:
        """How much the question's words name each number: a tie-break only where a year is compared (they name
        what is read out), but the word before the year names the date ("authors born before 1960"); half where the
        adjective (`ranked`) names what is ranked."""
        if year:
            words = {p: 0.3 * v for p, v in scores.items()}
            if measure:
                words |= {p: v for p, v in self._word_scores(measure).items() if v > words.get(p, 0.0)}
            return words
        return {p: 0.5 * v for p, v in scores.items()} if ranked else scores

    def _classes_along(self, prop: str, forward: bool = True) -> set[str]:
        """The classes of the things one hop away along `prop` (its objects going forward, its subjects back)."""
        info = self.schema.prop(prop)
        if info is None:
            return set()
        return {c for c, _ in (info.object_classes if forward else info.subject_classes)}

    def _derived_size(self, measure: str, rows) -> list[Path]:
        """'the smallest volume': a word naming no property but a size the things' own numbers give (their
        extents, derived.py), as a path; [] otherwise."""
        if not measure or max(self._word_scores(measure).values(), default=0.0) >= 0.8:
            return []
        own = {r[0].value for r in rows if r[0] is not None and r[1] is None and (r[3] is None or r[3].value != "true")}
        size = derived_path(singular(measure), {p: self.linker.prop_texts.get(p, []) for p in own}, 1.2)
        return [size] if size is not None else []

    def _own_first(self, q: Question, cls: str | None, paths: list[Path]) -> list[Path]:
        """'the largest city', 'which city is the largest': a superlative on the class word ranks the things by a
        number of their own, where they have one; a neighbour's number (a river through the city) reads 'the city
        with the longest river', which the words would say."""
        sup = q.cues.superlative
        if not sup or not cls or not any(type(p) is not Path or (len(p.steps) == 1 and not p.cast) for p in paths):
            return paths
        at, last = sup[2], len(q.tokens) - 1
        copula = {"is", "are", "was", "were", "the"}  # 'which city is the largest'
        if not any(
            m.hits[0].iri == cls
            and (m.start == at + 1 or (m.end <= at == last and set(q.tokens[m.end : at]) <= copula))
            for m in self._class_mentions
        ):
            return paths
        # a value node the adjective names ('the cheapest': its price node's amount) is the thing's own number
        words = [sup[1], *attribute_nouns(sup[1])] if sup[1] else []
        return [
            dataclasses.replace(p, score=p.score - OWN_FIRST)
            if type(p) is Path
            and len(p.steps) > 1
            and max((self._word_scores(w).get(p.steps[0][0], 0.0) for w in words), default=0.0) < HINT_NAMES
            else p
            for p in paths
        ]

    def _dated_in(self, q: Question, cls: str | None, body: list[str], at: int) -> Path | None:
        """The date a stated year bounds ("born in 1998", "released in 2016"): the time the verb before 'in'
        names, among the things' dates."""
        verb = q.tokens[at - 2] if at >= 2 and q.tokens[at - 1] in ("in", "during") else ""
        found = [
            p
            for p in self._numeric_paths(cls, body, "", {}, year=True, measure=verb)
            if p.score >= 0.5 and self._about_time(p.steps[-1][0])
        ]
        # a time of their own, or the one the verb names, ahead of the others (no guess between two alike); a
        # verb only loosely like another thing's time ('reviews written in 2024', a recipe's publication date)
        # leaves the things' own
        own = [p for p in found if len(p.steps) == 1]
        if own and found[0] is not own[0] and self._word_scores(verb).get(found[0].steps[-1][0], 0.0) < 0.8:
            found = own
        return found[0] if found and (len(found) == 1 or found[0].score > found[1].score) else None

    def _aged_by_own_date(self, rows, lex: dict[str, float]) -> bool:
        """'the oldest building': with no age of its own (no own number the adjective's attribute names) but a
        date of its own, a thing's age is its own date's, not the age of the things it links to (its
        architect). `rows`: (p1, p2, d, is-time) as _numeric_paths finds them."""
        own = [r for r in rows if r[0] is not None and r[1] is None]
        return not any(lex.get(r[0].value, 0.0) >= 0.6 for r in own) and any(
            (r[3] is not None and r[3].value == "true") or self._time_valued(r[0].value) for r in own
        )

    def _place_word_at(self, q: Question, m: Mention) -> int:
        """Where the word before a named place stands ('from', 'in'), past an article and the place's class
        word ("from the airport 'APG'"); -1 at the start."""
        k = m.start - 1
        while k > 0 and (q.tokens[k] in ("the", "a", "an") or any(c.start <= k < c.end for c in self._class_mentions)):
            k -= 1
        return k

    def _way_marked(self, q: Question, m: Mention, paths: list[Path]) -> None:
        """'flights from APG' reach APG as their source, 'flights to APG' or 'arriving at APG' as their
        destination: where the properties reaching a place name the start and the end of a movement, the
        preposition before the place says which; the other falls behind."""
        k = self._place_word_at(q, m)
        before = q.tokens[k] if k >= 0 else ""
        arriving = before in ("at", "in") and k > 0 and q.tokens[k - 1].startswith("arriv")
        if before == "from":
            want, other = ORIGIN_WORDS, DESTINATION_WORDS
        elif before in ("to", "into") or arriving:
            want, other = DESTINATION_WORDS, ORIGIN_WORDS
        else:
            return
        marks = {p.steps[-1][0]: set(split_name(local_name(p.steps[-1][0])).split()) for p in paths}
        if not any(w & want for w in marks.values()) or not any(w & other for w in marks.values()):
            return  # no two ways to tell apart
        for p in paths:
            if marks[p.steps[-1][0]] & other and not marks[p.steps[-1][0]] & want:
                p.score -= 0.3

    def _contained(self, q: Question, m: Mention, paths: list[Path]) -> None:
        """'cities in Sudmark', 'buildings in Sudmark': after "in", the paths whose every property says
        one thing lies within another gain per hop, so a chain of them overtakes a shorter link that the
        words do not name; nothing changes where no path, or every path, is such a chain."""
        k = self._place_word_at(q, m)
        if k < 0 or q.tokens[k] not in ("in", "within", "inside"):
            return
        # each step goes into the next thing: out and back by 'located in' (what shares the thing's place)
        # is no chain of containment
        within = [
            all(fwd and set(split_name(local_name(prop)).split()) & CONTAINMENT_WORDS for prop, fwd in p.steps)
            for p in paths
        ]
        if all(within) or not any(within):
            return
        for p, w in zip(paths, within):
            if w:
                p.score += CONTAINED * len(p.steps)

    def _plural_reach(self, q: Question, cls: str | None, paths: list[Path]) -> None:
        """'the cities in Sudmark': a plural class word asks for several things; of the ways to the named
        thing, one that reaches a single thing of the class (Sudmark's capital) falls behind one reaching
        several (the cities whose country it is); nothing changes where all reach alike."""
        asked = [m for m in self._class_mentions if m.hits[0].iri == cls]
        if not cls or len(paths) < 2 or not any(m.in_plural(q.tokens) for m in asked):
            return
        reach = [
            len(
                self._rows(
                    f"SELECT DISTINCT ?x WHERE {{ ?x a <{cls}> . {' '.join(p.triples('?x', 'r') + apart(p))} }} LIMIT 2"
                )
            )
            for p in paths[:8]
        ]
        if 2 not in reach or 1 not in reach:
            return
        for p, n in zip(paths, reach):
            if n == 1:
                p.score -= PLURAL_REACH

    def _named_before(self, q: Question, m: Mention, paths: list[Path]) -> None:
        """'countries in the continent of North America': a value found under several properties is taken under
        the one the words right before it name; the others fall behind, whatever else their names explain."""
        near = [w for w in q.tokens[max(0, m.start - 3) : m.start] if w.isalpha() and w not in STOPWORDS]
        if not near or len({p.steps[-1][0] for p in paths}) < 2:
            return
        named = self.linker.property_scores(near)
        best = max(named.get(p.steps[-1][0], 0.0) for p in paths)
        if best < 0.9:
            return
        for p in paths:
            if named.get(p.steps[-1][0], 0.0) < best - 0.2:
                p.score -= 1.0


def apart(path: Path) -> list[str]:
    """'rivers that flow into the Vell' read as 'rivers with the Vell's mouth': where a path goes out and back
    by one property to a named thing, the thing itself is no answer (it shares its mouth with itself). Only
    for lists: a yes/no asks about the thing itself."""
    steps = path.steps
    if len(steps) == 2 and steps[0][0] == steps[1][0] and steps[0][1] != steps[1][1] and path.target.startswith("<"):
        return [f"FILTER(?x != {path.target})"]
    return []


def _leaves_the_node(body: str, rows, arrived: set[str]) -> set[str]:
    """The properties the base reached ?x by ("the price of the lamps": a price node) whose way back leaves the
    node: all of them, unless things with no number of their own came from a node of the base (a contract
    joining a player to a team, which holds the salary). `rows`: (p1, p2, d, is-time, is-text) as _numeric_paths
    finds them; numbers written as text (coordinates, codes) are not taken for the things' own."""
    if any(r[0] is not None and r[1] is None and r[3].value != "true" and r[4].value != "true" for r in rows):
        return arrived
    return arrived - set(re.findall(r"\?\w+ <([^<>\s]+)> \?x \.", body))


def _year_ranged(samples: list[str]) -> list[bool | None]:
    """Per sample value: None for one that is no number, else whether the number could be a year (1000-2999)."""
    return [1000 <= float(v) < 3000 if re.fullmatch(r"-?\d+(\.\d+)?", v) else None for v in samples]
