"""The hand-written constrained decoder: the fallback when llguidance is not installed.

kgquery's grammar lives in kgquery.generate.grammar (Lark, GBNF) and llguidance enforces it in
process (kgquery.generate.guidance). This module is used only when llguidance cannot be imported
(or the tokenizer is not a fast one), or when asked for with KGQUERY_CONSTRAINED=builtin (the
benchmark's "before"); `SparqlChecker.complete` also closes queries cut off by the token budget
for both engines (llguidance has no shortest-completion; the result is checked against the grammar).
Its subset is a little narrower than the Lark grammar's (no property paths, PREFIX lines or blank nodes).

Constrained decoding: the model can only write queries of a SPARQL subset whose IRIs come from the graph.

`SparqlChecker` reads text character by character and knows whether it is still the prefix of a
query in the subset grammar below (SELECT/ASK, triple patterns, FILTER, OPTIONAL, UNION, MINUS,
BIND, VALUES, sub-selects, aggregates, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET). An IRI can
only be one of the allowed lexemes: ``<full IRI>`` or a prefixed name (``pv:price``, declared
later by the guard from the graph's prefixes); predicates come from the property set, subjects
and objects from the entity/class set. The state is a small set of (parser stack, pending
lexeme) configurations, so ambiguities ("<" as IRI start or operator, "5." as decimal or end of
triple) are followed in parallel rather than guessed.

`SparqlLogitsProcessor` applies the checker during generation: per step it walks the tokens in
order of logit and keeps the first `keep` whose text the checker accepts (plus end-of-sequence
once the query is complete); all others get -inf. Token strings are computed once per tokenizer.
`SparqlChecker.complete(text)` closes a query cut off by the token budget with the shortest
valid ending, so every output parses.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

# ---------------------------------------------------------------------------- grammar
#: nonterminal -> alternatives (space-separated symbols; "" = empty). Terminals: UPPER keywords
#: (case-insensitive), punctuation, 'a', and lexeme classes starting with '$'.
GRAMMAR_TEXT = {
    "query": ["select_query", "ask_query"],
    "select_query": ["SELECT distinct projection WHERE group modifiers"],
    "ask_query": ["ASK where_opt group"],
    "where_opt": ["WHERE", ""],
    "distinct": ["DISTINCT", ""],
    "projection": ["*", "proj_item proj_items"],
    "proj_items": ["proj_item proj_items", ""],
    "proj_item": ["$VAR", "( expr AS $VAR )"],
    "group": ["{ group_body }", "{ select_query }"],
    # SPARQL's GroupGraphPatternSub: triples need a '.' only before more triples
    "group_body": ["triples after_triples", "not_triples dot_opt group_body", ""],
    "after_triples": [". group_body", "not_triples dot_opt group_body", ""],
    "not_triples": [
        "FILTER constraint",
        "OPTIONAL group",
        "MINUS group",
        "group union_tail",
        "BIND ( expr AS $VAR )",
        "VALUES $VAR { value_items }",
    ],
    "dot_opt": [".", ""],
    "union_tail": ["UNION group union_tail", ""],
    "value_items": ["value_term value_items", ""],
    "value_term": ["$IRI_N", "$IRI_C", "$STR", "$NUM"],
    "triples": ["subject pred_obj pred_obj_more"],
    "subject": ["$VAR", "$IRI_N"],
    "pred_obj_more": ["; pred_obj pred_obj_more", ""],
    # classes only after 'a': "?x a pv:Supplier", never "pv:Supplier pv:name ?n"
    "pred_obj": ["verb object object_more", "a type_object type_more"],
    "verb": ["$VAR", "$IRI_P"],
    "type_object": ["$VAR", "$IRI_C"],
    "type_more": [", type_object type_more", ""],
    "object_more": [", object object_more", ""],
    "object": ["$VAR", "$IRI_N", "$STR", "$NUM", "$BOOL"],
    "constraint": ["( expr )", "builtin"],
    "constraints": ["constraint constraints", ""],
    "expr": ["and_expr or_tail"],
    "or_tail": ["|| and_expr or_tail", ""],
    "and_expr": ["rel_expr and_tail"],
    "and_tail": ["&& rel_expr and_tail", ""],
    "rel_expr": ["add_expr rel_tail"],
    "rel_tail": ["rel_op add_expr", "IN ( expr_list )", "NOT IN ( expr_list )", ""],
    "rel_op": ["=", "!=", "<", ">", "<=", ">="],
    "expr_list": ["expr expr_more", ""],
    "expr_more": [", expr expr_more", ""],
    "add_expr": ["mul_expr add_tail"],
    "add_tail": ["+ mul_expr add_tail", "- mul_expr add_tail", ""],
    "mul_expr": ["unary mul_tail"],
    "mul_tail": ["* unary mul_tail", "/ unary mul_tail", ""],
    "unary": ["! primary", "- primary", "primary"],
    "primary": ["( expr )", "$VAR", "$IRI_N", "$IRI_C", "$STR", "$UNUM", "$BOOL", "builtin"],
    "builtin": [
        "func1 ( expr )",
        "func2 ( expr , expr )",
        "REGEX ( expr , expr regex_flags )",
        "BOUND ( $VAR )",
        "IF ( expr , expr , expr )",
        "COALESCE ( expr expr_more )",
        "aggregate",
        "EXISTS group",
        "NOT EXISTS group",
    ],
    "regex_flags": [", expr", ""],
    "func1": [
        "STR",
        "LCASE",
        "UCASE",
        "LANG",
        "DATATYPE",
        "ISIRI",
        "ISURI",
        "ISLITERAL",
        "ISNUMERIC",
        "ISBLANK",
        "YEAR",
        "MONTH",
        "DAY",
        "STRLEN",
        "ABS",
        "ROUND",
        "CEIL",
        "FLOOR",
    ],
    "func2": ["CONTAINS", "STRSTARTS", "STRENDS", "LANGMATCHES", "STRBEFORE", "STRAFTER"],
    "aggregate": ["COUNT ( distinct count_arg )", "agg_fn ( distinct expr )"],
    "count_arg": ["*", "expr"],
    "agg_fn": ["SUM", "AVG", "MIN", "MAX", "SAMPLE"],
    "modifiers": ["group_clause having_clause order_clause limit_offset"],
    "group_clause": ["GROUP BY group_cond group_conds", ""],
    "group_conds": ["group_cond group_conds", ""],
    "group_cond": ["$VAR", "( expr )", "( expr AS $VAR )"],
    "having_clause": ["HAVING constraint constraints", ""],
    "order_clause": ["ORDER BY order_cond order_conds", ""],
    "order_conds": ["order_cond order_conds", ""],
    "order_cond": ["$VAR", "ASC ( expr )", "DESC ( expr )", "( expr )"],
    "limit_offset": ["LIMIT $INT offset_opt", "OFFSET $INT limit_opt", ""],
    "offset_opt": ["OFFSET $INT", ""],
    "limit_opt": ["LIMIT $INT", ""],
}
GRAMMAR: dict[str, tuple[tuple[str, ...], ...]] = {
    nt: tuple(tuple(alt.split()) for alt in alts) for nt, alts in GRAMMAR_TEXT.items()
}
START = "query"
MAX_WS = 8  # consecutive whitespace characters allowed (no endless blank lines)
MAX_VAR = 40
MAX_STRING = 200
MAX_NUMBER = 20


def _is_terminal(sym: str) -> bool:
    return sym not in GRAMMAR


def _compute_first() -> tuple[dict[str, frozenset[str]], set[str]]:
    first: dict[str, set[str]] = {nt: set() for nt in GRAMMAR}
    nullable: set[str] = set()
    changed = True
    while changed:
        changed = False
        for nt, alts in GRAMMAR.items():
            for alt in alts:
                all_null = True
                for sym in alt:
                    add = {sym} if _is_terminal(sym) else first[sym]
                    if not add <= first[nt]:
                        first[nt] |= add
                        changed = True
                    if _is_terminal(sym) or sym not in nullable:
                        all_null = False
                        break
                if all_null and nt not in nullable:
                    nullable.add(nt)
                    changed = True
    return {k: frozenset(v) for k, v in first.items()}, nullable


FIRST, NULLABLE = _compute_first()
KEYWORDS = frozenset(
    s for alts in GRAMMAR.values() for alt in alts for s in alt if _is_terminal(s) and s[0].isalpha() and s != "a"
)
PUNCT = frozenset(
    s
    for alts in GRAMMAR.values()
    for alt in alts
    for s in alt
    if _is_terminal(s) and not s[0].isalpha() and not s.startswith("$")
)


@lru_cache(maxsize=200_000)
def expected(stack: tuple[str, ...]) -> tuple[frozenset[str], bool]:
    """(terminals that may come next, whether the input may end here); the stack top is last."""
    out: set[str] = set()
    for sym in reversed(stack):
        if _is_terminal(sym):
            out.add(sym)
            return frozenset(out), False
        out |= FIRST[sym]
        if sym not in NULLABLE:
            return frozenset(out), False
    return frozenset(out), True


@lru_cache(maxsize=200_000)
def advance(stack: tuple[str, ...], term: str) -> tuple[tuple[str, ...], ...]:
    """Every stack after consuming one terminal `term` (empty: not possible here)."""
    results: set[tuple[str, ...]] = set()
    work, seen = [stack], {stack}
    while work:
        st = work.pop()
        if not st:
            continue
        top, rest = st[-1], st[:-1]
        if _is_terminal(top):
            if top == term:
                results.add(rest)
            continue
        for alt in GRAMMAR[top]:
            new = rest + tuple(reversed(alt))
            if new not in seen and term in expected(new)[0]:
                seen.add(new)
                work.append(new)
    return tuple(sorted(results))


# ---------------------------------------------------------------------------- lexemes
_VAR_P = re.compile(r"[?$][A-Za-z0-9_]*")
_VAR_C = re.compile(r"[?$][A-Za-z0-9_]+")
_STR_BODY = r'"(?:[^"\\\n]|\\["\\nrt])*'
_STR_P = re.compile(_STR_BODY + r'(?:\\|"(?:@(?:[A-Za-z]+(?:-[A-Za-z0-9]*)*)?)?)?')
_STR_C = re.compile(_STR_BODY + r'"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*)?')
_NUM_P = re.compile(r"-\d*|\d+(?:\.\d*)?")  # no negative decimals: rdflib misreads them
_NUM_C = re.compile(r"-?\d+|\d+\.\d+")
_UNUM_P = re.compile(r"\d+(?:\.\d*)?")
_UNUM_C = re.compile(r"\d+(?:\.\d+)?")
_INT = re.compile(r"\d+")
_WORD = re.compile(r"\w")
_OPERATORS = {"-", "+", "*", "/", "!", "=", "!=", "<", ">", "<=", ">=", "&&", "||"}


class IriSet:
    """A sorted set of IRI lexemes (``<full>`` or ``pfx:local``) with prefix lookup (a flat trie)."""

    def __init__(self, lexemes):
        self.items = sorted(set(lexemes))
        self._set = set(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def has_prefix(self, s: str) -> bool:
        i = bisect.bisect_left(self.items, s)
        return i < len(self.items) and self.items[i].startswith(s)

    def __contains__(self, s: str) -> bool:
        return s in self._set

    def first_with_prefix(self, s: str) -> str | None:
        i = bisect.bisect_left(self.items, s)
        return self.items[i] if i < len(self.items) and self.items[i].startswith(s) else None


def iri_lexemes(iris, prefixes: dict[str, str] | None = None) -> list[str]:
    """Both spellings of each IRI: ``<full>`` and, when a prefix fits, ``pfx:local``.

    >>> iri_lexemes(["http://x.org/v/price"], {"v": "http://x.org/v/"})
    ['<http://x.org/v/price>', 'v:price']
    """
    out = []
    pfx = sorted((prefixes or {}).items(), key=lambda kv: -len(kv[1]))
    for iri in iris:
        if any(ch in iri for ch in '<>"{}|^`\\ \n'):
            continue
        out.append(f"<{iri}>")
        for p, ns in pfx:
            local = iri[len(ns) :]
            if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", local or "-"):
                out.append(f"{p}:{local}")
                break
    return out


class SparqlChecker:
    """Prefix checker for the subset grammar with graph-bound IRIs (see module docstring)."""

    def __init__(self, properties, nodes, prefixes: dict[str, str] | None = None, classes=None):
        """IRIs allowed as predicates (`properties`), as subjects and objects (`nodes`) and after
        ``a`` (`classes`; default: the nodes). rdf:type is written ``a``."""
        self.props = IriSet(iri_lexemes(properties, prefixes))
        self.nodes = IriSet(iri_lexemes(nodes, prefixes))
        self.classes = IriSet(iri_lexemes(nodes if classes is None else classes, prefixes))
        self.start: frozenset = frozenset({((START,), "", 0)})
        self._feed_cache: dict = {}

    def _iri_set(self, t: str) -> IriSet:
        return {"$IRI_P": self.props, "$IRI_N": self.nodes, "$IRI_C": self.classes}[t]

    # lexeme tests -------------------------------------------------------------------
    def _prefix_ok(self, t: str, s: str) -> bool:
        if t[0] == "$":
            if t == "$VAR":
                return len(s) <= MAX_VAR and _VAR_P.fullmatch(s) is not None
            if t == "$IRI_P":
                return self.props.has_prefix(s)
            if t == "$IRI_N":
                return self.nodes.has_prefix(s)
            if t == "$IRI_C":
                return self.classes.has_prefix(s)
            if t == "$STR":
                return len(s) <= MAX_STRING and _STR_P.fullmatch(s) is not None
            if t == "$NUM":
                return len(s) <= MAX_NUMBER and _NUM_P.fullmatch(s) is not None
            if t == "$UNUM":
                return len(s) <= MAX_NUMBER and _UNUM_P.fullmatch(s) is not None
            if t == "$INT":
                return len(s) <= 9 and _INT.fullmatch(s) is not None
            if t == "$BOOL":
                return "true".startswith(s) or "false".startswith(s)
            return False
        if t == "a":
            return s == "a"
        if t in KEYWORDS:  # SELECT or select, not SeLeCt
            return s.isascii() and (s.isupper() or s.islower()) and t.startswith(s.upper())
        return t.startswith(s)

    def _complete_ok(self, t: str, s: str) -> bool:
        if t[0] == "$":
            if t == "$VAR":
                return _VAR_C.fullmatch(s) is not None
            if t == "$IRI_P":
                return s in self.props
            if t == "$IRI_N":
                return s in self.nodes
            if t == "$IRI_C":
                return s in self.classes
            if t == "$STR":
                return _STR_C.fullmatch(s) is not None
            if t == "$NUM":
                return _NUM_C.fullmatch(s) is not None
            if t == "$UNUM":
                return _UNUM_C.fullmatch(s) is not None
            if t == "$INT":
                return _INT.fullmatch(s) is not None
            if t == "$BOOL":
                return s in ("true", "false")
            return False
        if t == "a":
            return s == "a"
        if t in KEYWORDS:
            return s.isascii() and (s.isupper() or s.islower()) and s.upper() == t
        return s == t

    # characters ---------------------------------------------------------------------
    def _fresh(self, stack, ch: str, ws: int, out: set, glued: bool = False, after_pname: bool = False) -> None:
        """Start a new lexeme (or skip whitespace) at `ch` with this stack.

        `glued`: the previous lexeme was not punctuation and no space came between; then only
        punctuation may follow (rdflib misreads e.g. ``?x<http://b>?y`` and ``VALUES$y``).
        `after_pname`: it was a prefixed name; a '.' glued to it must be followed by a space, or
        the next word would continue the name (``pv:Part.FILTER`` is one name).
        Pending lexemes carry ws = -1 when glued, -2 for such a '.'.
        """
        if ch.isspace():
            if ws < MAX_WS:
                out.add((stack, "", max(ws, 0) + 1))
            return
        terms, _ = expected(stack)
        if any(self._prefix_ok(t, ch) for t in terms if not glued or t in PUNCT):
            out.add((stack, ch, (-2 if after_pname and ch == "." else -1) if glued else 0))

    def _feed_char(self, configs, ch: str) -> frozenset:
        out: set = set()
        for stack, pending, ws in configs:
            if not pending:
                self._fresh(stack, ch, ws, out)
                continue
            glued = ws < 0
            if ws == -2 and not ch.isspace():
                continue  # "pv:Part." then a space
            terms, _ = expected(stack)
            ext = pending + ch
            if any(self._prefix_ok(t, ext) for t in terms if not glued or t in PUNCT):
                out.add((stack, ext, ws))
            if pending == "a" and not ch.isspace():
                continue
            next_glued = pending not in PUNCT and not ch.isspace()
            for t in terms:
                if glued and t not in PUNCT:
                    continue
                if t in KEYWORDS and not (ch.isspace() or ch in "({*"):
                    continue  # after a keyword: a space, '(', '{' or '*'
                if t in _OPERATORS and ch in "+-!":
                    continue  # "--", "*-?x": a space between operators
                if self._complete_ok(t, pending):
                    pname = t.startswith("$IRI") and not pending.startswith("<")
                    for st in advance(stack, t):
                        self._fresh(st, ch, 0, out, glued=next_glued and t not in PUNCT, after_pname=pname)
        return frozenset(out)

    def feed(self, state: frozenset, text: str) -> frozenset:
        """The state after `text` (an empty state: `text` cannot continue a valid query)."""
        key = (state, text)
        hit = self._feed_cache.get(key)
        if hit is not None:
            return hit
        cur = state
        for ch in text:
            cur = self._feed_char(cur, ch)
            if not cur:
                break
        if len(self._feed_cache) > 500_000:
            self._feed_cache.clear()
        self._feed_cache[key] = cur
        return cur

    def can_end(self, state: frozenset) -> bool:
        """True when the text so far is a complete query."""
        for stack, pending, ws in state:
            if not pending:
                if expected(stack)[1]:
                    return True
                continue
            terms, _ = expected(stack)
            for t in terms:
                if ws < 0 and t not in PUNCT:
                    continue
                if self._complete_ok(t, pending) and any(expected(st)[1] for st in advance(stack, t)):
                    return True
        return False

    def accepts(self, text: str) -> bool:
        """True when `text` is a complete query of the subset with allowed IRIs."""
        state = self.feed(self.start, text)
        return bool(state) and self.can_end(state)

    # completion ---------------------------------------------------------------------
    def _sample(self, t: str) -> str | None:
        """The shortest text for a terminal (None when no text fits: e.g. no IRIs allowed)."""
        if t == "$VAR":
            return "?v"
        if t in ("$IRI_P", "$IRI_N", "$IRI_C"):
            items = self._iri_set(t).items
            return min(items, key=len) if items else None
        return {"$STR": '""', "$NUM": "1", "$UNUM": "1", "$INT": "1", "$BOOL": "true"}.get(t, t)

    @lru_cache(maxsize=None)
    def _shortest(self, sym: str) -> str | None:
        """The shortest text derivable from a grammar symbol."""
        best: dict[str, str | None] = {}
        for _ in range(len(GRAMMAR) + 1):  # fixed point over string lengths
            changed = False
            for nt, alts in GRAMMAR.items():
                for alt in alts:
                    parts = []
                    for s in alt:
                        p = self._sample(s) if _is_terminal(s) else best.get(s)
                        if p is None:
                            break
                        parts.append(p)
                    else:
                        text = " ".join(x for x in parts if x)
                        if best.get(nt) is None or len(text) < len(best[nt]):
                            best[nt] = text
                            changed = True
            if not changed:
                break
        return self._sample(sym) if _is_terminal(sym) else best.get(sym)

    def complete(self, text: str) -> str | None:
        """`text` plus the shortest ending that makes it a complete query (None when it is no prefix)."""
        state = self.feed(self.start, text)
        if not state:
            return None
        if self.can_end(state):
            return text
        best = None
        for stack, pending, _ in state:
            stacks: list[tuple[tuple[str, ...], str]] = []
            if pending:
                for t in expected(stack)[0]:
                    if not self._prefix_ok(t, pending):
                        continue
                    rest = self._finish_lexeme(t, pending)
                    if rest is not None:
                        stacks += [(st, rest) for st in advance(stack, t)]
            else:
                stacks.append((stack, ""))
            for st, rest in stacks:
                tail = [self._shortest(s) for s in reversed(st)]
                if any(x is None for x in tail):
                    continue
                ending = rest + "".join(" " + x for x in tail if x)
                if best is None or len(ending) < len(best):
                    best = ending
        if best is None:
            return None
        out = text + best
        return out if self.accepts(out) else None

    def _finish_lexeme(self, t: str, s: str) -> str | None:
        if self._complete_ok(t, s):
            return ""
        if t in ("$IRI_P", "$IRI_N", "$IRI_C"):
            full = self._iri_set(t).first_with_prefix(s)
            return full[len(s) :] if full else None
        if t == "$VAR":
            return "v"
        if t == "$STR":
            if s.endswith("\\"):
                return '\\""'
            return '"' if not s.endswith('"') and "@" not in s else ("en" if s.endswith("@") else None)
        if t in ("$NUM", "$UNUM"):
            return "0" if s.endswith((".", "-")) else None
        if t[0] != "$" and t.startswith(s.upper() if t in KEYWORDS else s):
            return t[len(s) :].lower() if t in KEYWORDS and s.islower() else t[len(s) :]
        return None


# ---------------------------------------------------------------------------- logits processor
_TOKEN_STRINGS: dict[int, list[str]] = {}


def token_strings(tokenizer) -> list[str]:
    """The text each token id adds when decoded (computed once per tokenizer)."""
    key = id(tokenizer)
    if key not in _TOKEN_STRINGS:
        n = len(tokenizer)
        pieces = tokenizer.convert_ids_to_tokens(list(range(n)))
        special = set(getattr(tokenizer, "all_special_ids", []) or [])
        sentencepiece = sum(1 for p in pieces[:5000] if p and p.startswith("\u2581")) > 100
        out = []
        for i, p in enumerate(pieces):
            if i in special or p is None:
                out.append("")
            elif sentencepiece:
                out.append("" if p.startswith("<0x") else p.replace("\u2581", " "))
            else:
                s = tokenizer.convert_tokens_to_string([p])
                out.append("" if "\ufffd" in s else s)
        _TOKEN_STRINGS[key] = out
    return _TOKEN_STRINGS[key]


class SparqlLogitsProcessor:
    """A transformers LogitsProcessor that enforces `SparqlChecker` (see module docstring).

    Args:
        checker: the grammar and IRI sets.
        tokenizer: the model's tokenizer (token strings are cached per tokenizer).
        keep: how many allowed tokens to leave per step (1 suffices for greedy decoding).
        scan_first: tokens examined in one top-k slice before sorting the whole vocabulary.
    """

    def __init__(self, checker: SparqlChecker, tokenizer, keep: int = 1, scan_first: int = 64):
        self.checker = checker
        self.strings = token_strings(tokenizer)
        eos = tokenizer.eos_token_id
        self.eos_ids = set(eos if isinstance(eos, list) else [eos]) - {None}
        self.keep = keep
        self.scan_first = scan_first
        self.stats = {"steps": 0, "checked": 0, "masked_top": 0}
        self.reset()

    def reset(self) -> None:
        """Forget the rows of the previous generate call."""
        self._prompt_len: int | None = None
        self._rows: list[list] = []  # per batch row: [tokens consumed, state, finished, text]

    def accepts(self, text: str) -> bool:
        """True when `text` is a complete query (the interface kgquery.generate.guidance's processor shares)."""
        return self.checker.accepts(text)

    def complete(self, text: str) -> str | None:
        """`text` closed with the shortest valid ending (None when it is no prefix)."""
        return self.checker.complete(text)

    def _allowed(self, state, order) -> list[int]:
        found = []
        can_end = None
        for tid in order:
            tid = int(tid)
            self.stats["checked"] += 1
            if tid in self.eos_ids:
                if can_end is None:
                    can_end = self.checker.can_end(state)
                ok = can_end
            else:
                s = self.strings[tid] if tid < len(self.strings) else ""
                ok = bool(s) and bool(self.checker.feed(state, s))
            if ok:
                found.append(tid)
                if len(found) >= self.keep:
                    break
        return found

    def __call__(self, input_ids, scores):
        import torch

        if self._prompt_len is None:
            self._prompt_len = input_ids.shape[1]
            self._rows = [[0, self.checker.start, False, ""] for _ in range(input_ids.shape[0])]
        gen = input_ids[:, self._prompt_len :]
        mask = torch.full_like(scores, float("-inf"))
        for b in range(scores.shape[0]):
            row = self._rows[b]
            for tid in gen[b, row[0] :].tolist():
                row[0] += 1
                if row[2] or tid in self.eos_ids:
                    row[2] = True
                    continue
                piece = self.strings[tid] if tid < len(self.strings) else ""
                row[1] = self.checker.feed(row[1], piece)
                row[3] += piece
            eos = next(iter(self.eos_ids), 0)
            if not row[2] and _repeating(row[3]):
                row[2] = True  # a loop ("?a, ?a, ?a, ..."): stop here; the caller closes the query
                self.stats["aborted"] = self.stats.get("aborted", 0) + 1
            if row[2] or not row[1]:
                mask[b, eos] = 0.0  # finished (or off the grammar): only end-of-sequence
                continue
            self.stats["steps"] += 1
            k = min(self.scan_first, scores.shape[1])
            top = torch.topk(scores[b], k).indices.tolist()
            allowed = self._allowed(row[1], top)
            if not allowed:
                rest = torch.argsort(scores[b], descending=True)[k:].tolist()
                allowed = self._allowed(row[1], rest)
            if top and (not allowed or allowed[0] != top[0]):
                self.stats["masked_top"] += 1
            for tid in allowed or [eos]:
                mask[b, tid] = 0.0
        return scores + mask


def _repeating(text: str, times: int = 3) -> bool:
    """True when the text ends with the same chunk (3 to 60 characters) `times` times in a row.

    >>> _repeating("SELECT ?x WHERE { ?x a <C>, <C>, <C>, <C>,")
    True
    >>> _repeating("SELECT ?x WHERE { ?x a <C> . }")
    False
    """
    n = len(text)
    for size in range(3, 61):
        if size * times > n:
            break
        chunk = text[n - size :]
        if any(ch.isalnum() for ch in chunk) and all(
            text[n - size * (k + 1) : n - size * k] == chunk for k in range(1, times)
        ):
            return True
    return False
