"""Prompt builders and response readers for model backends (pure functions, no graph access).

The query prompt is grounded: the system turn carries the instruction, the candidate
properties and classes and a schema excerpt; a few example turns (synthesised from the same
graph) show the query style; the last user turn carries the question with its linked entities
and values. Repair turns tell the model what was wrong with its previous query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SYSTEM_SPARQL = (
    "You write one SPARQL query that answers the user's question over an RDF graph. "
    "Use only the IRIs and prefixed names given here, written exactly as shown. "
    "Reply with the query only: no explanation, no code fence, no PREFIX lines."
)
SYSTEM_ANSWER = (
    "You answer a question in one or two short sentences, using only the query results given. "
    "Name things by their labels. If there are no results, say that nothing was found."
)
MAX_ROWS_SHOWN = 20


@dataclass
class LinkedItem:
    """One grounded item: the question words, the graph term (n3 or prefixed) and its label."""

    text: str
    term: str
    label: str = ""
    note: str = ""


@dataclass
class Example:
    """A question-query pair synthesised from the graph itself."""

    question: str
    sparql: str
    entities: list[LinkedItem] = field(default_factory=list)
    kind: str = ""
    terms: frozenset[str] = frozenset()


def format_links(entities: list[LinkedItem], values: list[LinkedItem] = ()) -> str:
    """The 'linked items' lines of a user turn.

    >>> print(format_links([LinkedItem("Ada", "<http://ex.org/ada>", "Ada Lovelace", "Person")]))
    Entities: "Ada" = <http://ex.org/ada> (Ada Lovelace; Person)
    """
    lines = []
    if entities:
        parts = []
        for e in entities:
            extra = "; ".join(x for x in (e.label if e.label != e.text else "", e.note) if x)
            parts.append(f'"{e.text}" = {e.term}' + (f" ({extra})" if extra else ""))
        lines.append("Entities: " + ", ".join(parts))
    if values:
        lines.append("Values: " + ", ".join(f'"{v.text}" is a value of {v.term}' for v in values))
    return "\n".join(lines)


def user_turn(question: str, entities: list[LinkedItem] = (), values: list[LinkedItem] = ()) -> str:
    """The user message for one question.

    >>> user_turn("How old is Ada?", [LinkedItem("Ada", "<http://ex.org/ada>")])
    'Question: How old is Ada?\\nEntities: "Ada" = <http://ex.org/ada>'
    """
    links = format_links(list(entities), list(values))
    return f"Question: {question}" + (f"\n{links}" if links else "")


def system_turn(schema_text: str, properties: list[LinkedItem] = (), classes: list[LinkedItem] = ()) -> str:
    """The system message: instruction, candidate properties and classes, schema excerpt.

    >>> print(system_turn("PREFIXES: ex: <http://ex.org/>", [LinkedItem("age", "ex:age", "age")]))  # doctest: +ELLIPSIS
    You write one SPARQL query ...
    Properties that may fit: ex:age "age"
    <BLANKLINE>
    Schema excerpt:
    PREFIXES: ex: <http://ex.org/>
    """
    lines = [SYSTEM_SPARQL]
    if properties:
        lines.append("Properties that may fit: " + ", ".join(f'{p.term} "{p.label}"' for p in properties))
    if classes:
        lines.append("Classes that may fit: " + ", ".join(f'{c.term} "{c.label}"' for c in classes))
    lines.append("")
    lines.append("Schema excerpt:")
    lines.append(schema_text)
    return "\n".join(lines)


def sparql_messages(
    question: str,
    schema_text: str,
    entities: list[LinkedItem] = (),
    values: list[LinkedItem] = (),
    properties: list[LinkedItem] = (),
    classes: list[LinkedItem] = (),
    examples: list[Example] = (),
    history: list[tuple[str, list[str]]] = (),
) -> list[dict]:
    """The whole conversation for writing (or repairing) a query.

    `history`: earlier attempts as (query, errors); each becomes an assistant turn and a user
    turn with the errors.

    >>> msgs = sparql_messages("How many people?", "PREFIXES: ex: <http://ex.org/>",
    ...     examples=[Example("How many cities are there?", "SELECT (COUNT(?x) AS ?n) WHERE { ?x a ex:City . }")],
    ...     history=[("SELECT ?x WHERE { ?x a ex:Persn }", ["unknown IRI ex:Persn; did you mean ex:Person?"])])
    >>> [m["role"] for m in msgs]
    ['system', 'user', 'assistant', 'user', 'assistant', 'user']
    >>> print(msgs[-1]["content"])
    That query has problems:
    - unknown IRI ex:Persn; did you mean ex:Person?
    Write a corrected query for: How many people?
    """
    msgs = [{"role": "system", "content": system_turn(schema_text, list(properties), list(classes))}]
    for ex in examples:
        msgs.append({"role": "user", "content": user_turn(ex.question, ex.entities)})
        msgs.append({"role": "assistant", "content": ex.sparql})
    msgs.append({"role": "user", "content": user_turn(question, list(entities), list(values))})
    for query, errors in history:
        msgs.append({"role": "assistant", "content": query or "(no query)"})
        msgs.append({"role": "user", "content": repair_turn(question, errors)})
    return msgs


def repair_turn(question: str, errors: list[str]) -> str:
    """The feedback turn after a failed attempt.

    >>> repair_turn("Who?", ["the query returned no rows"])
    'That query has problems:\\n- the query returned no rows\\nWrite a corrected query for: Who?'
    """
    listed = "\n".join(f"- {e}" for e in errors[:6])
    return f"That query has problems:\n{listed}\nWrite a corrected query for: {question}"


def answer_messages(
    question: str, vars_: list[str], rows: list[list[str]], boolean: bool | None = None, total: int | None = None
) -> list[dict]:
    """The conversation for wording an answer from result rows (values already shown as labels).

    >>> m = answer_messages("Who lives in London?", ["person"], [["Ada Lovelace"], ["Charles Babbage"]])
    >>> print(m[1]["content"])
    Question: Who lives in London?
    Results (2 rows):
    person: Ada Lovelace
    person: Charles Babbage
    """
    if boolean is not None:
        body = f"Result: {'yes' if boolean else 'no'} (the query returned {str(boolean).lower()})"
    else:
        total = len(rows) if total is None else total
        shown = [" | ".join(f"{v}: {x}" for v, x in zip(vars_, r)) for r in rows[:MAX_ROWS_SHOWN]]
        body = f"Results ({total} row{'s' if total != 1 else ''}):\n" + ("\n".join(shown) if shown else "(none)")
        if total > len(shown):
            body += f"\n... and {total - len(shown)} more"
    return [{"role": "system", "content": SYSTEM_ANSWER}, {"role": "user", "content": f"Question: {question}\n{body}"}]


_REFUSAL = re.compile(r"\b(I('m| am) sorry|I cannot|I can't|cannot answer|unable to|as an AI)\b", re.I)
_START = re.compile(
    r"(?is)\b(PREFIX\s+[\w.-]*:\s*<|BASE\s*<|SELECT\b|ASK\b|CONSTRUCT\b|DESCRIBE\b"
    r"|(?:INSERT|DELETE)\s+(?:DATA|WHERE)?\s*\{|(?:LOAD|CLEAR|DROP|CREATE)\s+(?:SILENT\s+)?(?:GRAPH|ALL|DEFAULT|<))"
)


def extract_query(text: str) -> str | None:
    """The SPARQL query in a model's reply (code fences and chatter removed), or None.

    >>> extract_query("Here it is:\\n```sparql\\nSELECT ?x WHERE { ?x ?p ?o }\\n```\\nThis lists ...")
    'SELECT ?x WHERE { ?x ?p ?o }'
    >>> extract_query("SELECT ?x WHERE { ?x a <http://e/C> }\\n\\nThis query finds all C.")
    'SELECT ?x WHERE { ?x a <http://e/C> }'
    >>> extract_query("I'm sorry, I cannot help with that.") is None
    True
    """
    if not text:
        return None
    fence = re.search(r"```[\w-]*\s*\n?(.*?)(```|$)", text, re.S)
    if fence and _START.search(fence.group(1)):
        text = fence.group(1)
    m = _START.search(text)
    if not m:
        return None
    q = text[m.start() :]
    # cut trailing prose: a blank line (or a line) that starts like a sentence after the last '}'
    end = q.rfind("}")
    if end >= 0:
        tail = q[end + 1 :]
        keep = re.match(r"(\s*(GROUP\s+BY|HAVING|ORDER\s+BY|LIMIT|OFFSET)\b[^\n]*)*", tail, re.I)
        q = q[: end + 1] + (keep.group(0) if keep else "")
    return q.strip() or None


def is_refusal(text: str) -> bool:
    """True when a reply declines instead of answering.

    >>> is_refusal("I'm sorry, but I cannot write that query.")
    True
    """
    return bool(_REFUSAL.search(text or "")) and not _START.search(text or "")
