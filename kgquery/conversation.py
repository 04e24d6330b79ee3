"""Follow-up questions: resolve them against the earlier turns, then answer them like any question.

Three kinds of follow-up are read from the wording, never guessed by a model:

- a pronoun ("and her phone number?", "where does he work?") stands for the last entity in focus:
  the single entity the last answer returned, else the last entity its question named;
- "which of them / which ones / of those ..." restricts the previous answer set: the rest of the
  question is answered as usual and its query gets a VALUES clause with the previous answers;
- "what about X?" / "and X?" / "how about X?" asks the previous question again with X in place of
  the entity it named.

`Conversation(engine).ask(text)` keeps the turns; `KGQuery.ask(question, history=[...])` does the
same for callers that keep the answers themselves (the page, the HTTP service).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from .answer.types import Answer, QueryResult

if TYPE_CHECKING:
    from .graph import KnowledgeGraph
    from .understand.linking import Linker

POSSESSIVE = {"her", "his", "its", "their"}
SUBJECT = {"she", "he", "it", "they"}
OBJECT = {"him", "her", "it", "them"}
RESTRICT = re.compile(
    r"^\s*(?:and\s+)?(?:which|what|who)\s+(?:of\s+(?:them|those|these)|ones)\b\s*(.*)$|"
    r"^\s*(?:and\s+)?(?:of\s+(?:them|those|these)|among\s+(?:them|those|these)),?\s*(?:which|what|who)\s+(.*)$",
    re.I,
)
SWAP = re.compile(
    r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*\??\s*$|^\s*and\s+(?:for\s+|of\s+)?(.+?)\s*\?\s*$", re.I
)
LEAD = re.compile(r"^\s*(?:and|also|so)\s+", re.I)


class Engine(Protocol):
    """What a conversation asks of its engine; kgquery.pipeline.KGQuery is one. (This module sits below
    the pipeline, which imports it: it names the engine by this shape, not by importing KGQuery.)"""

    kg: "KnowledgeGraph"

    @property
    def linker(self) -> "Linker": ...

    def answer(self, question: str, on_token=None, choice: str | None = None) -> Answer: ...

    def _fill(self, ans: Answer, sparql: str, res: QueryResult) -> None: ...


@dataclass
class Resolved:
    """How a follow-up was read: the question to answer, an entity to pin, answers to restrict to."""

    question: str
    choice: str | None = None
    restrict: list[str] = field(default_factory=list)  # IRIs of the previous answer set
    note: str = ""


def focus(history: list[Answer]) -> tuple[str, str] | None:
    """(IRI, label) of the entity a pronoun points to: the last answer's single entity, else the last
    entity its question named (searching back through the turns)."""
    for ans in reversed(history):
        if ans is None:
            continue
        iris = list(dict.fromkeys(t.value for r in ans.rows for t in r[:1] if t is not None and t.is_iri))
        if len(iris) == 1 and ans.outcome == "answered":
            return iris[0], ans.labels.get(iris[0], iris[0])
        if ans.entities:
            return ans.entities[-1][0], ans.entities[-1][1]
    return None


def answer_set(ans: Answer) -> list[str]:
    """The IRIs of an answer's first column (what 'them' means in 'which of them ...')."""
    return list(dict.fromkeys(t.value for r in ans.rows for t in r[:1] if t is not None and t.is_iri))


def _last(history: list[Answer]) -> Answer | None:
    return next((a for a in reversed(history) if a is not None and a.outcome not in ("clarify",)), None)


def resolve(engine: Engine, question: str, history: list[Answer]) -> Resolved:
    """Read a follow-up against the earlier answers (see the module docstring)."""
    q = (question or "").strip()
    last = _last(history)
    if last is None:
        return Resolved(q)
    m = RESTRICT.match(q)
    if m and answer_set(last):
        rest = (m.group(1) or m.group(2) or "").strip()
        kind = _plural_kind(engine, answer_set(last))
        text = f"Which {kind} {rest}".strip()
        return Resolved(
            text,
            restrict=answer_set(last),
            note=f"read as: {text} (among the {len(answer_set(last))} previous answers)",
        )
    words = re.findall(r"[\w']+", q.lower())
    if POSSESSIVE & set(words) or SUBJECT & set(words) or OBJECT & set(words):
        f = focus(history)
        if f is not None:
            iri, label = f
            text = _replace_pronouns(LEAD.sub("", q), label)
            if text != LEAD.sub("", q):
                return Resolved(_capital(text), choice=iri, note=f"read as: {_capital(text)}")
    s = SWAP.match(q)
    if s:
        new = (s.group(1) or s.group(2) or "").strip().rstrip("?")
        found = _swap_target(engine, history, new) if new else None
        if found is not None:
            asked, old = found
            text = re.sub(re.escape(old), new, asked, count=1, flags=re.I)
            return Resolved(text, note=f"read as: {text}")
    return Resolved(q)


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def _replace_pronouns(q: str, label: str) -> str:
    """'her phone number?' -> 'What is the phone number of Anna Smith?'; 'where does he work' ->
    'where does Anna Smith work'."""
    toks = re.findall(r"\w[\w'-]*|[^\w\s]+|\s+", q)
    words = [t.lower() for t in toks]
    # a bare possessive phrase ("her phone number?") gets a question head
    content = [w for w in words if w.strip() and re.match(r"\w", w)]
    if content and content[0] in POSSESSIVE:
        noun = " ".join(t for t in toks[words.index(content[0]) + 1 :] if re.match(r"\w", t))
        return f"What is the {noun} of {label}?"
    out = []
    for i, t in enumerate(toks):
        w = words[i]
        nxt = next((x for x in words[i + 1 :] if x.strip()), "")
        if w in POSSESSIVE and re.match(r"\w", nxt or "") and (w != "her" or nxt not in ("?", ".")):
            # "what is her email" -> "what is the email of X": move the owner behind the noun phrase
            j = i + 1
            while j < len(toks) and (not toks[j].strip() or re.match(r"\w", toks[j])):
                j += 1
            phrase = "".join(toks[i + 1 : j]).strip()
            return "".join(out) + f"the {phrase} of {label}" + "".join(toks[j:])
        if w in SUBJECT or w in OBJECT:
            out.append(label)
        else:
            out.append(t)
    return "".join(out)


def _plural_kind(engine: Engine, iris: list[str]) -> str:
    """The plural class word of an answer set ('authors'), from the label index's types."""
    from .answer.explain import plural

    counts: dict[str, int] = {}
    try:
        labels = engine.kg.labels
        for i in iris[:200]:
            for t in labels.types_of(i):
                counts[t] = counts.get(t, 0) + 1
        if counts:
            best = max(counts, key=lambda c: (counts[c], -len(c)))
            c = engine.kg.schema.cls(best)
            return plural(c.label if c else labels.label_of(best))
    except Exception:
        pass
    return "ones"


def _swap_target(engine: Engine, history: list[Answer], new: str) -> tuple[str, str] | None:
    """(earlier question, its words to replace) for 'what about X?': the latest entity the questions
    named that shares a type with X; with no type known, the last entity of the last question."""
    from .understand.text import analyse

    try:
        links = engine.linker.link(analyse(new))
        labels = engine.kg.labels
        new_types = {t for m in links.entities for h in m.hits[:3] for t in labels.types_of(h.iri)}
    except Exception:
        return None
    if not links.entities and not links.values:
        return None
    for ans in reversed(history):
        for iri, _, text in reversed(ans.entities):
            if (
                text
                and re.search(re.escape(text), ans.question, re.I)
                and (new_types & set(labels.types_of(iri)) or not new_types)
            ):
                return ans.question, text
    return None


def restrict(engine: Engine, ans: Answer, iris: list[str]) -> Answer:
    """The answer's query re-run with its first column limited to `iris` (a VALUES clause), so the
    explanation, rows and evidence all describe the restricted query."""
    if not ans.sparql or not ans.vars or ans.outcome not in ("answered", "empty") or not iris:
        return ans
    var = ans.vars[0]
    values = f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris[:500])} }} "
    m = re.search(r"\bWHERE\s*\{", ans.sparql, re.I)
    if not m or f"?{var}" not in ans.sparql[m.end() :]:
        return ans
    sparql = ans.sparql[: m.end()] + " " + values + ans.sparql[m.end() :]
    res = engine.kg.query(sparql)
    if not res.ok:
        return ans
    out = Answer(
        question=ans.question, text="", generator=ans.generator, confidence=ans.confidence, entities=ans.entities
    )
    engine._fill(out, sparql, res)
    if out.outcome == "answered" and not out.rows:
        out.outcome = "empty"
    return out


def follow_up(engine: Engine, question: str, history: list[Answer], choice: str | None = None, on_token=None) -> Answer:
    """Answer `question` in the light of `history` (earlier answers, oldest first)."""
    from .answer.explain import explain
    from .answer.verbalize import verbalize

    r = resolve(engine, question, [a for a in history if a is not None])
    ans = engine.answer(r.question, choice=choice or r.choice)
    if r.restrict:
        ans = restrict(engine, ans, r.restrict)
        ans.explanation = explain(ans.sparql, engine.kg, _label_of(engine))
    if r.note:
        ans.message = "; ".join(x for x in (r.note, ans.message) if x)
    ans.question = r.question  # what was answered (a later "what about X?" edits this text)
    ans.text = verbalize(ans)
    if on_token is not None:
        on_token(ans.text)
    return ans


def _label_of(engine: Engine):
    try:
        return engine.kg.labels.label_of
    except Exception:
        return None


class Conversation:
    """A conversation with one engine: keeps the turns so follow-ups resolve against them.

    Example: ``conv = Conversation(KGQuery(kg)); conv.ask("Who is the manager of Heinrich Hoch?");
    conv.ask("and her phone number?")``.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self.turns: list[Answer] = []

    def ask(self, text: str, choice: str | None = None) -> Answer:
        """Answer one turn; a clarification choice re-asks the question that was asked back."""
        if choice and self.turns and self.turns[-1].outcome == "clarify":
            asked = self.turns.pop()
            text = text or asked.question
        ans = (
            follow_up(self.engine, text, self.turns, choice=choice)
            if self.turns
            else self.engine.answer(text, choice=choice)
        )
        self.turns.append(ans)
        return ans

    @property
    def last(self) -> Answer | None:
        return self.turns[-1] if self.turns else None

    def reset(self) -> None:
        self.turns.clear()
