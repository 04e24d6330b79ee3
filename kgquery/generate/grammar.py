"""One grammar per question, for every backend: the SPARQL subset kgquery writes, in Lark and GBNF.

`SparqlGrammar(properties, nodes, prefixes, classes)` holds the grammar of the SPARQL subset that
kgquery generates (SELECT/ASK, prefix declarations, triple patterns with property paths, FILTER,
OPTIONAL, UNION, MINUS, BIND, VALUES, sub-selects, expressions and built-in functions, aggregates,
GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET) with the IRIs grounded for one question as terminals:

- ``IRI_P``: IRIs allowed as predicates (in property paths),
- ``IRI_N``: IRIs allowed as subjects, objects and values,
- ``IRI_C``: classes (after ``a``, and as objects and values),
- ``IRI_D``: datatypes (``"5"^^xsd:integer``, ``xsd:integer(?x)``),

each spelled ``<full IRI>`` or, where a prefix fits, ``pfx:local``; a ``PREFIX`` declaration can only
bind a prefix to its own namespace, so a query cannot rename its way to an invented IRI. With
``free_prefixes=True`` any prefix name may be declared for a namespace of the graph (reference queries
choose their own names); generation uses the prefixes the prompt shows.

`.lark()` is the source: Lark as llguidance (and vLLM's structured outputs with the guidance
backend) take it. `.gbnf()` is the same grammar converted by `lark_to_gbnf` for llama.cpp's
``grammar`` field (whitespace, ignored between lexemes in Lark, becomes an explicit ``ws`` before
each lexeme; case-insensitive keywords become character classes; regular expressions are
translated from their parse tree). Nothing here knows a particular graph.
"""

from __future__ import annotations

import re
from functools import cached_property

#: standard namespaces a query may declare besides the graph's own
STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
XSD = STANDARD_PREFIXES["xsd"]
#: datatypes allowed in typed literals and casts
DATATYPES = tuple(
    XSD + t
    for t in (
        "string integer int long short byte decimal double float boolean date dateTime time gYear gYearMonth "
        "nonNegativeInteger positiveInteger negativeInteger nonPositiveInteger unsignedInt anyURI duration"
    ).split()
)

_FUNC1 = (
    "STR LCASE UCASE LANG DATATYPE ISIRI ISURI ISLITERAL ISNUMERIC ISBLANK YEAR MONTH DAY HOURS MINUTES "
    "SECONDS STRLEN ABS ROUND CEIL FLOOR IRI URI ENCODE_FOR_URI MD5 SHA1 SHA256 TZ TIMEZONE"
).split()
_FUNC2 = "CONTAINS STRSTARTS STRENDS LANGMATCHES STRBEFORE STRAFTER STRLANG STRDT SAMETERM".split()
_FUNCN = "CONCAT COALESCE".split()
_FUNC0 = "NOW RAND UUID STRUUID".split()
_AGG = "SUM AVG MIN MAX SAMPLE".split()


def _kw(*words: str) -> str:
    return " | ".join(_case(w) for w in words)


def _case(word: str) -> str:
    """A keyword in capitals, small letters or with a capital first (SELECT, select, Select; not SeLeCt)."""
    forms = dict.fromkeys([word.upper(), word.lower(), word.capitalize()])
    return "(" + " | ".join(f'"{f}"' for f in forms) + ")" if len(forms) > 1 else f'"{word}"'


def _keywords(alt: str) -> str:
    return re.sub(r'"([A-Za-z_]+)"i', lambda m: _case(m.group(1)), alt)


#: rule -> alternatives, in Lark's notation. Terminals: UPPER names, "literals" ("..."i: any case).
RULES: dict[str, list[str]] = {
    "start": ["prologue query"],
    "prologue": ["prefix_decl*"],
    # any prefix name, bound only to a namespace of the graph (or a standard one)
    "prefix_decl": ['"PREFIX"i PNAME_NS NAMESPACE'],
    "query": ["select_query", "ask_query"],
    "select_query": ['"SELECT"i select_mod? projection where_clause modifiers values_clause?'],
    "sub_select": ['"SELECT"i select_mod? projection where_clause modifiers'],
    "ask_query": ['"ASK"i where_clause'],
    "select_mod": [_kw("DISTINCT", "REDUCED")],
    "projection": ['"*"', "proj_item+"],
    "proj_item": ["VAR", '"(" expr "AS"i VAR ")"'],
    "where_clause": ['"WHERE"i? group'],
    "group": ['"{" sub_select "}"', '"{" group_body "}"'],
    # SPARQL's GroupGraphPatternSub: triples need a '.' only before more triples
    "group_body": ['triples_block? (not_triples "."? triples_block?)*'],
    "triples_block": ['triples ("." triples)* "."?'],  # no ". ." (SPARQL has none)
    "not_triples": [
        '"FILTER"i constraint',
        '"OPTIONAL"i group',
        '"MINUS"i group',
        'group ("UNION"i group)*',
        '"BIND"i "(" expr "AS"i VAR ")"',
        "values_clause",
    ],
    "values_clause": [
        '"VALUES"i VAR "{" value_term* "}"',
        '"VALUES"i "(" VAR* ")" "{" ("(" value_term* ")")* "}"',
    ],
    "value_term": ["IRI_N", "IRI_C", "IRI_P", "literal", '"UNDEF"i'],
    "triples": ["subject prop_list"],
    "subject": ["VAR", "IRI_N", "blank_node"],
    "blank_node": ['"[" prop_list? "]"'],
    "prop_list": ['pred_obj (";" pred_obj?)*'],
    # classes only after 'a' (or rdf:type): "?x a pv:Supplier", never "pv:Supplier pv:name ?n"
    "pred_obj": ["verb object_list", '"a" class_list'],
    "class_list": ['class_obj ("," class_obj)*'],
    "class_obj": ["VAR", "IRI_C"],
    "verb": ["VAR", "path"],
    "path": ['path_seq ("|" path_seq)*'],
    "path_seq": ['path_elt ("/" path_elt)*'],
    "path_elt": ['"^"? path_primary path_mod?'],
    "path_mod": ['"*"', '"+"', '"?"'],
    # no parenthesised paths: no reference query uses them, and small models nest "(" without end
    "path_primary": ["IRI_P"],
    "object_list": ['object ("," object)*'],
    "object": ["VAR", "IRI_N", "literal", "NEG_INT", "blank_node"],
    "literal": ["STRING LANGTAG?", 'STRING "^^" IRI_D', "NUMBER", "BOOL"],
    "constraint": ['"(" expr ")"', "builtin", "cast"],
    "expr": ['and_expr ("||" and_expr)*'],
    "and_expr": ['rel_expr ("&&" rel_expr)*'],
    "rel_expr": ['add_expr (REL_OP add_expr | "NOT"i? "IN"i "(" (expr ("," expr)*)? ")")?'],
    "add_expr": ['mul_expr (ADD_OP mul_expr)*'],
    "mul_expr": ['unary (MUL_OP unary)*'],
    "unary": ['UNARY_OP? primary'],
    "primary": ['"(" expr ")"', "VAR", "IRI_N", "IRI_C", "IRI_P", "literal", "builtin", "cast"],
    "cast": ['IRI_D "(" expr ")"'],
    "builtin": [
        'FUNC1 "(" expr ")"',
        'FUNC2 "(" expr "," expr ")"',
        'FUNCN "(" (expr ("," expr)*)? ")"',
        'FUNC0 "(" ")"',
        '"BNODE"i "(" expr? ")"',
        '"REGEX"i "(" expr "," expr ("," expr)? ")"',
        '"SUBSTR"i "(" expr "," expr ("," expr)? ")"',
        '"REPLACE"i "(" expr "," expr "," expr ("," expr)? ")"',
        '"BOUND"i "(" VAR ")"',
        '"IF"i "(" expr "," expr "," expr ")"',
        "aggregate",
        '"EXISTS"i group',
        '"NOT"i "EXISTS"i group',
    ],
    "aggregate": [
        '"COUNT"i "(" "DISTINCT"i? ("*" | expr) ")"',
        'AGG "(" "DISTINCT"i? expr ")"',
        '"GROUP_CONCAT"i "(" "DISTINCT"i? expr (";" "SEPARATOR"i "=" STRING)? ")"',
    ],
    "modifiers": ["group_clause? having_clause? order_clause? limit_offset?"],
    "group_clause": ['"GROUP"i "BY"i group_cond+'],
    "group_cond": ["VAR", "builtin", "cast", '"(" expr ("AS"i VAR)? ")"'],
    "having_clause": ['"HAVING"i constraint+'],
    "order_clause": ['"ORDER"i "BY"i order_cond+'],
    "order_cond": ['("ASC"i | "DESC"i) "(" expr ")"', "VAR", "constraint"],
    "limit_offset": ['"LIMIT"i INT ("OFFSET"i INT)?', '"OFFSET"i INT ("LIMIT"i INT)?'],
}

#: terminals that do not depend on the graph (lengths bounded: no endless names or strings)
TERMINALS: dict[str, str] = {
    "VAR": r"/[?$][A-Za-z0-9_]{1,40}/",
    "STRING": r'/"([^"\\\n]|\\["\\nrt\x27])' + "{0,200}" + r'"/' + r" | /'([^'\\\n]|\\[\"\\nrt'])" + "{0,200}" + "'/",
    "LANGTAG": r"/@[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,3}/",
    "NUMBER": r"/[0-9]{1,15}(\.[0-9]{1,10})?([eE][+-]?[0-9]{1,3})?/",
    "NEG_INT": r"/-[0-9]{1,15}/",
    "INT": r"/[0-9]{1,9}/",
    "BOOL": '"true" | "false"',
    "REL_OP": '"=" | "!=" | "<" | ">" | "<=" | ">="',
    "ADD_OP": '"+" | "-"',
    "MUL_OP": '"*" | "/"',
    "UNARY_OP": '"!" | "-" | "+"',
    "FUNC1": _kw(*_FUNC1),
    "FUNC2": _kw(*_FUNC2),
    "FUNCN": _kw(*_FUNCN),
    "FUNC0": _kw(*_FUNC0),
    "AGG": _kw(*_AGG),
}
IGNORE = (r"/[ \t\r\n]+/", r"/#[^\n]{0,200}/")  # blanks and comments
#: a prefix name with its colon (empty allowed: ``:local``)
PNAME_NS = r"([A-Za-z]([A-Za-z0-9_-]{0,30}[A-Za-z0-9_])?)?:"
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*")
_VAR_CAP = re.compile(r"[?$][A-Za-z0-9_]{40}(?=[A-Za-z0-9_:])")
_NEG_DOT = re.compile(r"(-[0-9]+)\.")
_PREFIX_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*|")


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plain_iri(iri: str) -> bool:
    return not any(ch in iri for ch in '<>"{}|^`\\ \n\t')


def namespace(iri: str) -> str:
    """The IRI up to its last '#' or '/' (the whole IRI when neither ends a proper part).

    >>> namespace("http://x.org/v/price"), namespace("http://x.org/v#a")
    ('http://x.org/v/', 'http://x.org/v#')
    """
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > iri.find("//") + 1 else ""


def iri_spellings(iris, prefixes: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """The spellings of each IRI: ``<full>``, and the local names that follow a namespace of `prefixes`
    (written ``anyprefix:local`` once a PREFIX line binds that prefix to the namespace).

    >>> iri_spellings(["http://x.org/v/price", "http://y/z"], {"v": "http://x.org/v/"})
    (['<http://x.org/v/price>', '<http://y/z>'], ['price'])
    """
    full, local = [], set()
    namespaces = set((prefixes or {}).values())
    for iri in sorted(set(iris)):
        if not _plain_iri(iri):
            continue
        full.append(f"<{iri}>")
        for ns in namespaces:
            rest = iri[len(ns) :]
            if iri.startswith(ns) and rest and _LOCAL.fullmatch(rest) and not rest.endswith("."):
                local.add(rest)
    return full, sorted(local)


class SparqlGrammar:
    """The grammar for one question (see module docstring). IRIs are sets of strings."""

    def __init__(
        self,
        properties,
        nodes,
        prefixes: dict[str, str] | None = None,
        classes=(),
        datatypes=DATATYPES,
        free_prefixes: bool = False,
        comments: bool = False,
        paths: bool = True,
    ):
        #: comments (``# ...``) between lexemes: reference queries have them; generation does not need them
        #: (small models fill a query's end with "# # #")
        self.comments = comments
        #: property paths ('p1/p2', '^p', 'p+', 'p1|p2'); without them a predicate is one IRI or a variable
        self.paths = paths
        #: False: prefixed names use the prefixes given (and the standard ones), each bound to its own
        #: namespace (what the prompt shows; the guard declares them). True: any prefix name, once a
        #: PREFIX line binds it to a namespace of the graph (reference queries name their own prefixes).
        self.free_prefixes = free_prefixes
        self.prefixes = {
            p: ns
            for p, ns in {**STANDARD_PREFIXES, **(prefixes or {})}.items()
            if _PREFIX_NAME.fullmatch(p) and ns and not any(ch in ns for ch in '<>"{}|^`\\ \n')
        }
        self.iris = {
            "IRI_P": sorted(set(properties)),
            "IRI_N": sorted(set(nodes)),
            "IRI_C": sorted(set(classes)),
            "IRI_D": sorted(set(datatypes)),
        }

    @cached_property
    def namespaces(self) -> list[str]:
        """Namespaces a PREFIX line may bind: the prefix map's and those of the grounded IRIs."""
        found = {namespace(i) for group in self.iris.values() for i in group}
        return sorted({ns for ns in found | set(self.prefixes.values()) if ns and _plain_iri(ns)})

    def _pnames(self, name: str) -> list[str]:
        out = []
        for p, ns in sorted(self.prefixes.items()):
            _, local = iri_spellings([i for i in self.iris[name] if i.startswith(ns)], {p: ns})
            out += [f"{p}:{x}" for x in local]
        return out

    @cached_property
    def _pname_pattern(self):
        names = sorted({n for k in self.iris for n in self._pnames(k)}, key=len, reverse=True)
        return re.compile("|".join(re.escape(n) for n in names)) if names else None

    def unglue(self, text: str) -> str:
        """A space after each prefixed name that the next lexeme touches, where SPARQL would read both as
        one name (``pv:x-1``, ``pv:x.pv:y``): the grammar splits lexemes where SPARQL's own tokenizer
        would not. Strings and ``<IRIs>`` are left alone.

        >>> SparqlGrammar(["http://x.org/v/p"], [], {"v": "http://x.org/v/"}).unglue('?s v:p-1.v:p "v:p-1"')
        '?s v:p -1 .v:p "v:p-1"'
        """
        pat = self._pname_pattern
        if pat is None or self.free_prefixes:
            return text
        out, i, n = [], 0, len(text)
        while i < n:
            ch = text[i]
            if ch in "\"<":
                end = text.find(">" if ch == "<" else '"', i + 1)
                end = n if end < 0 else end + 1
                out.append(text[i:end])
                i = end
                continue
            prev = out[-1][-1:] if out else ""
            starts = not prev or not (prev.isalnum() or prev in "_:-.%")
            neg = _NEG_DOT.match(text, i) if starts and ch == "-" else None
            if neg:  # rdflib reads "-1." as a decimal: "-1 ."
                out.append(neg.group(1) + " ")
                i = neg.end(1)
                continue
            var = _VAR_CAP.match(text, i) if starts and ch in "?$" else None
            if var:  # a variable at the grammar's length cap, touching what follows
                out.append(var.group(0) + " ")
                i = var.end()
                continue
            m = pat.match(text, i) if starts else None
            if m is None:
                out.append(ch)
                i += 1
                continue
            out.append(m.group(0))
            i = m.end()
            nxt = text[i : i + 2]
            if nxt[:1] and (nxt[0].isalnum() or nxt[0] in "_:-%"):
                out.append(" ")
            elif nxt[:1] == "." and len(nxt) == 2 and (nxt[1].isalnum() or nxt[1] in "_:-%"):
                out.append(". ")
                i += 1
        return "".join(out)

    def _terminal(self, name: str) -> str | None:
        if not self.free_prefixes:
            full, _ = iri_spellings(self.iris[name])
            return " | ".join(_quote(x) for x in full + self._pnames(name)) or None
        full, local = iri_spellings(self.iris[name], {str(i): ns for i, ns in enumerate(self.namespaces)})
        alts = [_quote(s) for s in full]
        if local:
            alts.append("/" + PNAME_NS + "(" + "|".join(re.escape(x).replace("/", "\\/") for x in local) + ")/")
        return " | ".join(alts) or None

    @cached_property
    def lark(self) -> str:
        """The grammar in Lark (llguidance's dialect is Lark's; so is vLLM's with the guidance backend)."""
        terminals = dict(TERMINALS)
        for name in self.iris:
            body = self._terminal(name)
            if body:
                terminals[name] = body
        rules = {k: list(v) for k, v in RULES.items()}
        if not self.paths:
            rules["path"] = ["path_primary"]
            for k in ("path_seq", "path_elt", "path_mod"):
                rules.pop(k)
        if self.free_prefixes:
            terminals["PNAME_NS"] = f"/{PNAME_NS}/"
            terminals["NAMESPACE"] = " | ".join(_quote(f"<{ns}>") for ns in self.namespaces)
        else:  # each prefix with its own namespace only
            rules["prefix_decl"] = [
                f'"PREFIX"i {_quote(p + ":")} {_quote(f"<{ns}>")}' for p, ns in sorted(self.prefixes.items())
            ]
        rules = _drop_missing(rules, set(terminals))
        lines = [f"{name}: " + "\n    | ".join(_keywords(a) for a in alts) for name, alts in rules.items()]
        lines += [f"{name}: {_keywords(body)}" for name, body in terminals.items()]
        lines += [f"%ignore {x}" for x in (IGNORE if self.comments else IGNORE[:1])]
        return "\n".join(lines) + "\n"

    @cached_property
    def gbnf(self) -> str:
        """The same grammar in llama.cpp's GBNF (converted from `lark`)."""
        return lark_to_gbnf(self.lark)


def _drop_missing(rules: dict[str, list[str]], terminals: set[str]) -> dict[str, list[str]]:
    """Remove alternatives that name a terminal with no text (no IRIs of that kind) or an empty rule."""
    while True:
        empty = {r for r, alts in rules.items() if not alts}
        changed = False
        for name, alts in rules.items():
            keep = []
            for alt in alts:
                names = set(re.findall(r'"(?:[^"\\]|\\.)*"i?|/(?:[^/\\]|\\.)*/|([A-Za-z_][A-Za-z0-9_]*)', alt)) - {""}
                if any((n.isupper() and n not in terminals) or n in empty for n in names):
                    changed = True
                    continue
                keep.append(alt)
            rules[name] = keep
        if not changed:
            return {r: alts for r, alts in rules.items() if alts}


# ---------------------------------------------------------------------------- Lark -> GBNF
_LARK_TOKEN = re.compile(
    r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")(?P<si>i?)|(?P<re>/(?:[^/\\]|\\.)+/)(?P<rf>[imsux]*)'
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>[()|?*+\[\]]))"
)


def _gbnf_name(name: str) -> str:
    return "root" if name == "start" else name.replace("_", "-")


def _gbnf_char(c: str, in_class: bool = False) -> str:
    special = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
    if c in special:
        return special[c]
    if in_class and c in "][":
        return "\\" + c
    if in_class and c == "^":
        return "\\x5E"
    if not in_class and c == '"':
        return '\\"'
    return c if 32 <= ord(c) < 127 or ord(c) > 159 else f"\\x{ord(c):02X}"


def _gbnf_literal(text: str, case_insensitive: bool = False) -> str:
    if not case_insensitive:
        return '"' + "".join(_gbnf_char(c) for c in text) + '"'
    parts = []
    for c in text:
        if c.lower() != c.upper():
            parts.append(f"[{c.upper()}{c.lower()}]")
        else:
            parts.append('"' + _gbnf_char(c) + '"')
    return " ".join(parts)


def _regex_to_gbnf(pattern: str) -> str:
    """A regular expression (the subset of Python's syntax that Lark terminals use) as GBNF."""
    try:
        from re import _parser as sre  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse as sre  # type: ignore[no-redef]
    return _sre_seq(sre.parse(pattern), sre)


def _sre_seq(items, sre) -> str:
    return " ".join(_sre_item(op, av, sre) for op, av in items) or '""'


def _sre_class(items, sre) -> str:
    out, neg, dash = [], False, ""
    for op, av in items:
        if op == sre.NEGATE:
            neg = True
        elif op == sre.LITERAL and chr(av) == "-":
            dash = "-"  # last in the class: a plain '-' (GBNF has no escape for it)
        elif op == sre.LITERAL:
            out.append(_gbnf_char(chr(av), True))
        elif op == sre.RANGE:
            out.append(_gbnf_char(chr(av[0]), True) + "-" + _gbnf_char(chr(av[1]), True))
        elif op == sre.CATEGORY:
            out.append(
                {"CATEGORY_DIGIT": "0-9", "CATEGORY_SPACE": " \\t\\n\\r", "CATEGORY_WORD": "A-Za-z0-9_"}[str(av)]
            )
        else:
            raise ValueError(f"regex class item {op} is not supported")
    return "[" + ("^" if neg else "") + "".join(out) + dash + "]"


def _sre_item(op, av, sre) -> str:
    if op == sre.LITERAL:
        return '"' + _gbnf_char(chr(av)) + '"'
    if op == sre.NOT_LITERAL:
        return "[^" + _gbnf_char(chr(av), True) + "]"
    if op == sre.ANY:
        return "[^\\n]"
    if op == sre.IN:
        return _sre_class(av, sre)
    if op == sre.BRANCH:
        return "(" + " | ".join(_sre_seq(b, sre) for b in av[1]) + ")"
    if op == sre.SUBPATTERN:
        return "(" + _sre_seq(av[-1], sre) + ")"
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        lo, hi, sub = av
        inner = "(" + _sre_seq(sub, sre) + ")"
        if (lo, hi) == (0, 1):
            return inner + "?"
        if hi == sre.MAXREPEAT:
            return inner + ("*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}")
        return inner + f"{{{lo},{hi}}}"
    raise ValueError(f"regex operator {op} is not supported")


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), body)


def _lark_body_to_gbnf(body: str, in_terminal: bool) -> str:
    """One rule's alternatives: names renamed, literals and regexes converted; in rules each lexeme
    gets a leading ``ws`` (Lark's %ignore), inside terminals none."""
    out, pos, lead = [], 0, "" if in_terminal else "ws "
    while pos < len(body):
        m = _LARK_TOKEN.match(body, pos)
        if not m or m.end() == pos:
            if body[pos:].strip():
                raise ValueError(f"cannot read Lark at: {body[pos : pos + 40]!r}")
            break
        pos = m.end()
        if m.group("str") is not None:
            text = _unescape(m.group("str")[1:-1])
            out.append("(" + lead + _gbnf_literal(text, bool(m.group("si"))) + ")")
        elif m.group("re") is not None:
            out.append("(" + lead + "(" + _regex_to_gbnf(m.group("re")[1:-1]) + "))")
        elif m.group("name"):
            out.append(_gbnf_name(m.group("name")))
        else:
            op = m.group("op")
            out.append({"[": "(", "]": ")?"}.get(op, op))
    return " ".join(out).replace(" ?", "?").replace(" *", "*").replace(" +", "+").replace("( ", "(").replace(" )", ")")


def _ignored_item(item: str) -> str:
    """One %ignore pattern as a GBNF item; a regex ``X+`` becomes ``X`` (ws repeats it: no ambiguity)."""
    item = item.strip()
    if item.startswith("/") and item.endswith("/"):
        try:
            from re import _parser as sre
        except ImportError:  # pragma: no cover
            import sre_parse as sre  # type: ignore[no-redef]
        tree = list(sre.parse(item[1:-1]))
        if len(tree) == 1 and tree[0][0] == sre.MAX_REPEAT and tree[0][1][:2] == (1, sre.MAXREPEAT):
            return "(" + _sre_seq(tree[0][1][2], sre) + ")"
        return "(" + _sre_seq(tree, sre) + ")"
    return _lark_body_to_gbnf(item, in_terminal=True)


def lark_to_gbnf(lark: str) -> str:
    """Convert a Lark grammar (rules, terminals, literals with the ``i`` flag, regexes, ``%ignore``)
    to GBNF. Terminals (UPPER names) become GBNF rules that start with ``ws``; the ignored pattern
    becomes ``ws``."""
    defs: list[tuple[str, str]] = []
    ignore = []
    for line in lark.splitlines():
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        if line.startswith("%ignore"):
            ignore.append(line.split(None, 1)[1].strip())
        elif line.startswith("%"):
            raise ValueError(f"unsupported Lark directive: {line.split()[0]}")
        elif line[0].isspace():
            name, body = defs[-1]
            defs[-1] = (name, body + " " + line.strip())
        else:
            name, _, body = line.partition(":")
            defs.append((name.strip(), body.strip()))
    out = []
    for name, body in defs:
        terminal = name.isupper()
        conv = _lark_body_to_gbnf(body, in_terminal=terminal)
        if name == "start":
            conv = f"({conv}) ws"
        out.append(f"{_gbnf_name(name)} ::= " + (f"ws ({conv})" if terminal else conv))
    if ignore:  # Lark skips any run of ignored lexemes; GBNF: one or more of each, repeated
        ws = " | ".join(_ignored_item(i) for i in ignore)
        out.append(f"ws ::= ({ws})*")
    else:
        out.append('ws ::= ""')
    if not any(line.startswith("root ::= ") for line in out):
        raise ValueError("the Lark grammar has no 'start' rule")
    return "\n".join(out) + "\n"


def graph_grammar(kg, timeout_s: float = 60.0) -> SparqlGrammar:
    """The grammar with every IRI of a graph as a terminal (predicates as IRI_P, every IRI as IRI_N,
    the objects of rdf:type as IRI_C, the literals' datatypes as IRI_D): what a gold query of the graph
    may name. Used to check that the grammar accepts reference queries, not for generation."""
    rdf_type = STANDARD_PREFIXES["rdf"] + "type"

    def column(query: str) -> set[str]:
        res = kg.query(query, timeout_s=timeout_s, max_rows=10_000_000)
        return {r[0].value for r in (res.rows or []) if r and r[0] is not None}

    props = column("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")
    nodes = column("SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } FILTER(isIRI(?x)) }")
    classes = column(f"SELECT DISTINCT ?c WHERE {{ ?x <{rdf_type}> ?c }}")
    types = column("SELECT DISTINCT ?d WHERE { ?s ?p ?o . FILTER(isLiteral(?o)) BIND(DATATYPE(?o) AS ?d) }")
    return SparqlGrammar(
        props, nodes | props, kg.schema.prefixes, classes, set(DATATYPES) | types, free_prefixes=True, comments=True
    )
