"""A SPARQL query's algebra folded into one plain structure (`Scope`) that words can be hung on.

rdflib's algebra nests every modifier (Project, Distinct, Slice, OrderBy, Group, Filter, ...) around the
pattern; explain.py wants them side by side: the triples, filters, OPTIONAL parts, UNION branches,
VALUES, subqueries, aggregates, grouping, order and limit of one group graph pattern.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .hierarchy import plain_type


@dataclass
class Scope:
    """One group graph pattern of the query, with the solution modifiers around it."""

    triples: list = field(default_factory=list)
    optional: list = field(default_factory=list)  # triples of OPTIONAL parts
    filters: list = field(default_factory=list)  # expressions below any aggregation
    having: list = field(default_factory=list)  # expressions above an aggregation
    unions: list = field(default_factory=list)  # [[Scope, Scope, ...], ...]
    minus: list = field(default_factory=list)  # [Scope, ...]
    values: dict = field(default_factory=dict)  # var -> [terms]
    subqueries: list = field(default_factory=list)  # [Scope, ...]
    aggregates: dict = field(default_factory=dict)  # result var -> (name, distinct, inner var or None)
    binds: dict = field(default_factory=dict)  # var -> expression
    group: list = field(default_factory=list)
    grouped: bool = False
    order: list = field(default_factory=list)  # [(expr, 'ASC'|'DESC')]
    limit: int | None = None
    offset: int = 0
    projection: list = field(default_factory=list)
    kind: str = "select"

    def all_triples(self) -> list:
        return self.triples + [t for u in self.unions for s in u[:1] for t in s.triples]


def parse_scope(sparql: str) -> Scope:
    """The query's algebra folded into one Scope (raises on a query rdflib cannot parse)."""
    from rdflib.plugins.sparql.algebra import translateQuery

    from .guard import sparql_parser  # a private grammar copy: rdflib's shared one breaks under threads

    with sparql_parser() as parser:
        tree = parser.parseQuery(sparql)
    # translating takes the FILTERs out of each (NOT) EXISTS group in place and leaves the group itself
    # untranslated: put its parts back, so that _not_exists translates it whole ("no concert whose year is 2014")
    groups = _exists_groups(tree)
    top = translateQuery(tree).algebra
    for graph, parts in groups:
        graph["part"] = parts
    scope = Scope(
        kind={
            "SelectQuery": "select",
            "AskQuery": "ask",
            "ConstructQuery": "construct",
            "DescribeQuery": "describe",
        }.get(top.name, "select")
    )
    _walk(top["p"] if "p" in top else None, scope, above_agg=True, nested=False)
    if scope.kind == "ask":
        scope.projection = []
    elif not scope.projection and "PV" in top:
        scope.projection = list(top["PV"])
    return scope


def _walk(node, scope: Scope, above_agg: bool, nested: bool) -> None:
    """Fold one algebra node into `scope`: a branch per node kind (modifiers, then patterns).

    `above_agg`: no aggregation below here yet (a Filter here is a HAVING); `nested`: inside the
    outer Project (another Project is a subquery, with its own Scope)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, (list, tuple)):
        for v in node:
            _walk(v, scope, above_agg, nested)
        return
    if not isinstance(node, CompValue):
        return
    name = node.name
    if name == "Project":
        if nested:  # a subquery: its own scope
            sub = Scope(projection=list(node["PV"]))
            _walk(node["p"], sub, above_agg=True, nested=True)
            scope.subqueries.append(sub)
            return
        scope.projection = list(node["PV"])
        _walk(node["p"], scope, above_agg, nested=True)
    elif name == "Slice":
        scope.offset = int(node.get("start") or 0)
        scope.limit = node.get("length")
        _walk(node["p"], scope, above_agg, nested)
    elif name in ("Distinct", "Reduced"):
        _walk(node["p"], scope, above_agg, nested)
    elif name == "OrderBy":
        scope.order.extend(_order_conditions(node["expr"]))
        _walk(node["p"], scope, above_agg, nested)
    elif name == "Extend":
        scope.binds[node["var"]] = node["expr"]
        _walk(node["p"], scope, above_agg, nested)
    elif name == "Filter":
        for expr in _conjuncts(node["expr"]):  # two FILTERs of one group reach here joined by &&
            if isinstance(expr, CompValue) and expr.name == "Builtin_NOTEXISTS":
                scope.minus.append(_not_exists(expr, above_agg, nested))
            else:
                (scope.having if above_agg and _has_agg_below(node["p"]) else scope.filters).append(expr)
        _walk(node["p"], scope, above_agg, nested)
    elif name == "AggregateJoin":
        scope.aggregates.update(_aggregates(node["A"]))
        _walk(node["p"], scope, False, nested)
    elif name == "Group":
        scope.grouped = True
        scope.group = [e for e in (node.get("expr") or [])]
        _walk(node["p"], scope, False, nested)
    elif name == "BGP":
        scope.triples.extend(plain_type(t) for t in node["triples"] if not hasattr(t[1], "name"))
    elif name == "Join":
        _walk(node["p1"], scope, above_agg, nested)
        _walk(node["p2"], scope, above_agg, nested)
    elif name == "LeftJoin":
        _walk(node["p1"], scope, above_agg, nested)
        opt = Scope()
        _walk(node["p2"], opt, above_agg, nested)
        scope.optional.extend(opt.triples)
    elif name == "Union":
        scope.unions.append(_union_branches(node, above_agg, nested))
    elif name == "Minus":
        _walk(node["p1"], scope, above_agg, nested)
        m = Scope()
        _walk(node["p2"], m, above_agg, nested)
        scope.minus.append(m)
    elif name == "ToMultiSet":
        _walk(node["p"], scope, above_agg, nested)
    elif name == "values":
        for row in node["res"]:
            for v, t in row.items():
                scope.values.setdefault(v, []).append(t)
    else:  # Graph, Service, property paths ...: read what is inside
        for k, v in node.items():
            if not k.startswith("_") and k not in ("expr",):
                _walk(v, scope, above_agg, nested)


def _conjuncts(expr) -> list:
    """The parts of an && chain that holds a NOT EXISTS (each said on its own), else the expression whole."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(expr, CompValue) and expr.name == "ConditionalAndExpression":
        parts = [expr["expr"], *(expr.get("other") or [])]
        if any(isinstance(p, CompValue) and p.name == "Builtin_NOTEXISTS" for p in parts):
            return [q for p in parts for q in _conjuncts(p)]
    return [expr]


def _not_exists(expr, above_agg: bool, nested: bool) -> Scope:
    """FILTER NOT EXISTS { ... } as a Scope, worded like MINUS ("leaving out those that ..."); rdflib leaves
    its pattern as syntax, so it is translated to algebra first."""
    from rdflib.plugins.sparql.algebra import translateGroupGraphPattern

    m = Scope()
    graph = expr["graph"]
    _walk(translateGroupGraphPattern(graph) if graph.name == "GroupGraphPatternSub" else graph, m, above_agg, nested)
    return m


def _exists_groups(node, out: list | None = None) -> list:
    """Each (NOT) EXISTS group of a parse tree with a copy of its parts as parsed, its filters included."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    out = [] if out is None else out
    if isinstance(node, CompValue):
        graph = node.get("graph")
        if (
            node.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS")
            and getattr(graph, "name", "") == "GroupGraphPatternSub"
        ):
            out.append((graph, list(graph.get("part") or [])))
        for v in node.values():
            _exists_groups(v, out)
    elif isinstance(node, (list, tuple, ParseResults)):
        for v in node:
            _exists_groups(v, out)
    return out


def _order_conditions(exprs) -> list:
    """ORDER BY's conditions as (expression, 'ASC' | 'DESC')."""
    out = []
    for oc in exprs:
        if hasattr(oc, "name") and oc.name == "OrderCondition":
            out.append((oc["expr"], oc.get("order") or "ASC"))
        else:
            out.append((oc, "ASC"))
    return out


def _aggregates(aggs) -> dict:
    """Result variable -> (aggregate name, distinct, the variable it reads or None for *)."""
    out = {}
    for a in aggs:
        kind = a.name.replace("Aggregate_", "")
        inner = a.get("vars")
        out[a["res"]] = (kind, bool(a.get("distinct")), inner if inner != "*" else None)
    return out


def _union_branches(node, above_agg: bool, nested: bool) -> list[Scope]:
    """A UNION's branches, one Scope each; A UNION B UNION C (nested pairs in the algebra) made flat."""
    branches = []
    for k in ("p1", "p2"):
        b = Scope()
        _walk(node[k], b, above_agg, nested)
        if len(b.unions) == 1 and not b.triples:  # flatten A UNION B UNION C
            branches.extend(b.unions[0])
        else:
            branches.append(b)
    return branches


def _has_agg_below(node) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "AggregateJoin":
            return True
        if node.name == "Project":
            return False
        return any(_has_agg_below(v) for k, v in node.items() if not k.startswith("_"))
    return False


# ------------------------------------------------------------------------------------------ words
