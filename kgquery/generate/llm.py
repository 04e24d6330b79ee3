"""The model path: grounded prompt -> (constrained) generation -> validation -> execution -> repair.

`LLMGenerator.run(question, links)` asks a chat model (kgquery.models) for one query, with a
prompt grounded in this graph (linked entities, candidate properties and classes, a pruned
schema excerpt, examples synthesised from the graph), validates it (kgquery.generate.validate), runs it,
and on a parse error, refusal, unknown IRI, misfit pattern, empty result or timeout tells the
model what went wrong and lets it try again, within a budget. In-process models decode under
kgquery.generate.constrain, so their queries parse and name only graph IRIs.

Switches (environment, or constructor arguments):
  KGQUERY_CONSTRAINED=0  no constrained decoding      KGQUERY_REPAIR=N  repair budget (default 2; 0 = off)
  KGQUERY_FALLBACK=0     no embedded fallback          KGQUERY_VERBALIZE=0  template answers
  KGQUERY_EXAMPLES=N     examples per prompt (default 3)
  KGQUERY_REPAIR_TEMPERATURE=T  sampling temperature of the retries (default 1.0; 0 = greedy)
"""

from __future__ import annotations

import os
import re
import threading
import time
import weakref
from dataclasses import dataclass, field

from ..graph.schema import RDF_TYPE, local_name
from ..terms import Outcome, QueryResult
from .prompts import Example, LinkedItem, answer_messages, extract_query, is_refusal, sparql_messages

SCHEMA_BUDGET = 2500
MAX_PROPERTIES = 8
MAX_NEW_TOKENS = 128
ANSWER_TOKENS = 96
#: retries are sampled (greedy decoding would write the same failed query again)
REPAIR_TEMPERATURE = 1.0
REPAIR_KEEP = 8  # allowed tokens the constrained sampler chooses among
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
UNCONSTRAINED_STOP = ["\n```\n", "\n\n\n", "\n\nThis ", "\n\nExplanation"]
#: example pools per graph: generators are per thread and engines per caller, the pool is built once
_POOLS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_POOLS_LOCK = threading.Lock()


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass
class Attempt:
    """One try of the model: its query, what was wrong, how it ended."""

    sparql: str | None
    errors: list[str]
    outcome: str  # 'answered', 'empty', 'invalid', 'no_query', 'timed_out', 'failed', 'refused'
    seconds: float


@dataclass
class ModelRun:
    """The result of the generate-validate-execute-repair loop."""

    ok: bool
    sparql: str | None = None
    result: QueryResult | None = None
    attempts: list[Attempt] = field(default_factory=list)
    constrained: bool = False
    stats: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """True when some attempt's query parsed and passed validation (it reached execution)."""
        return any(a.outcome not in ("invalid", "no_query") for a in self.attempts)

    def summary(self) -> str:
        """One line: how many attempts and what went wrong in each."""
        parts = [f"{a.outcome}" + (f" ({a.errors[0][:120]})" if a.errors else "") for a in self.attempts]
        return f"{len(self.attempts)} model attempt(s): " + "; ".join(parts)


@dataclass
class Grounding:
    """What the prompt tells the model about this question and graph."""

    entities: list[LinkedItem]
    values: list[LinkedItem]
    properties: list[LinkedItem]
    classes: list[LinkedItem]
    schema_text: str
    node_iris: set[str]  # linked entities: allowed as subjects and objects
    class_iris: set[str]  # the graph's classes: allowed after 'a'
    terms: set[str]


class LLMGenerator:
    """Queries from a chat model, grounded, validated and repaired (see module docstring)."""

    def __init__(
        self,
        linker,
        model,
        constrained: bool | None = None,
        repair: int | None = None,
        examples: int | None = None,
        fallback: bool | None = None,
        verbalize: bool | None = None,
        max_new_tokens: int = MAX_NEW_TOKENS,
        answer_tokens: int = ANSWER_TOKENS,
    ):
        from .validate import Validator

        self.linker = linker
        self.kg = linker.kg
        self._spec = model if isinstance(model, str) else None
        self._model = None if isinstance(model, str) else model
        mode = os.environ.get("KGQUERY_CONSTRAINED", "1")
        self.constrained = constrained if constrained is not None else mode != "0"
        #: the in-process engine: "llguidance" (the default), or "builtin" (the hand-written checker)
        self.engine = "builtin" if mode == "builtin" else "llguidance"
        self.repair = repair if repair is not None else max(0, _env_int("KGQUERY_REPAIR", 2))
        self.n_examples = examples if examples is not None else max(0, _env_int("KGQUERY_EXAMPLES", 3))
        self.fallback = fallback if fallback is not None else os.environ.get("KGQUERY_FALLBACK", "1") != "0"
        self.verbalizes = verbalize if verbalize is not None else os.environ.get("KGQUERY_VERBALIZE", "1") != "0"
        self.max_new_tokens = max_new_tokens
        self.answer_tokens = answer_tokens
        self.validator = Validator(self.kg)
        #: the latest `run` (filled as it goes, so a run cut short by a ModelError shows its attempts);
        #: `kgquery eval` reads it for the valid-query rate
        self.last_run: ModelRun | None = None

    @property
    def name(self) -> str:
        from ..models.urls import strip_userinfo

        return strip_userinfo(self._spec) if self._spec else getattr(self._model, "name", "model")

    @property
    def model(self):
        """The chat model (loaded on first use; raises ModelError when it cannot be)."""
        if self._model is None:
            from ..models import load_chat_model

            m = load_chat_model(self._spec)
            if hasattr(m, "load"):
                m.load()
            self._model = m
        return self._model

    def candidates(self, q, links) -> list:
        """The generator protocol: the model's validated query as the one candidate (no repair)."""
        from .embedded import Candidate

        run = self.run(q, links, repair=0)
        return [Candidate(run.sparql, 1.0, "model")] if run.sparql and run.result is not None else []

    # ------------------------------------------------------------------ grounding
    def ground(self, q, links) -> Grounding:
        """Linked entities and values, candidate properties and classes, and the schema excerpt."""
        schema = self.kg.schema
        short = schema.short
        labels = self.linker.labels
        entities: list[LinkedItem] = []
        nodes: set[str] = set()
        types: list[str] = []
        for m in links.entities:
            for h in m.hits[:3]:
                ts = labels.types_of(h.iri)
                types += ts
                note = ", ".join((schema.cls(t).label if schema.cls(t) else local_name(t)) for t in ts[:2])
                entities.append(LinkedItem(m.text, f"<{h.iri}>", h.label, note))
                nodes.add(h.iri)
        values = [LinkedItem(m.text, short(m.hits[0].iri), m.hits[0].label) for m in links.values]
        words = [q.tokens[i] for i in links.free]
        scores = dict(self.linker.property_scores(words)) if words else {}
        for iri, n in self._around(sorted(nodes)[:6]).items():
            scores[iri] = scores.get(iri, 0.0) + 0.3 + min(n, 50) / 500
        for m in links.values:
            scores[m.hits[0].iri] = scores.get(m.hits[0].iri, 0.0) + 0.5
        scores.pop(RDF_TYPE, None)
        props = [p for p, _ in sorted(scores.items(), key=lambda kv: -kv[1])[:MAX_PROPERTIES] if schema.prop(p)]
        cls_iris = [h.iri for m in links.classes for h in m.hits[:2]] + types
        for p in props[:4]:
            info = schema.prop(p)
            cls_iris += [c for c, _ in info.subject_classes[:1]] + [c for c, _ in info.object_classes[:1]]
        cls_iris = list(dict.fromkeys(c for c in cls_iris if schema.cls(c)))[:8]
        schema_text = schema.render(SCHEMA_BUDGET, classes=set(cls_iris), properties=set(props) | {RDFS_LABEL})
        return Grounding(
            entities=entities,
            values=values,
            properties=[LinkedItem("", short(p), schema.prop(p).label) for p in props[:6]],
            classes=[LinkedItem("", short(c), schema.cls(c).label) for c in cls_iris[:4]],
            schema_text=schema_text,
            node_iris=nodes,
            class_iris={c.iri for c in schema.classes},
            terms=set(props) | set(cls_iris) | nodes,
        )

    def _around(self, iris: list[str]) -> dict[str, int]:
        """Properties the data uses on these entities (either direction), with counts."""
        if not iris:
            return {}
        values = " ".join(f"<{i}>" for i in iris)
        res = self.kg.query(
            f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ VALUES ?e {{ {values} }} "
            f"{{ ?e ?p ?o }} UNION {{ ?s ?p ?e }} }} GROUP BY ?p",
            timeout_s=5,
        )
        if res.outcome != Outcome.ROWS:
            return {}
        return {r[0].value: int(r[1].value) for r in res.rows if r[0] is not None and r[1] is not None}

    # ------------------------------------------------------------------ examples from this graph
    def examples(self) -> list[Example]:
        """A small pool of question-query pairs built from this graph's own entities (once)."""
        with _POOLS_LOCK:
            if self.kg not in _POOLS:
                _POOLS[self.kg] = _synthesise_examples(self.linker)
            return _POOLS[self.kg]

    def pick_examples(self, q, g: Grounding) -> list[Example]:
        """The examples closest to this question: shared properties/classes, matching shape."""
        if not self.n_examples:
            return []
        c = q.cues
        want = "count" if c.count else "ask" if c.ask else "superlative" if c.superlative else ""

        def fit(ex: Example) -> float:
            return len(ex.terms & g.terms) + (2 if ex.kind == want else 0)

        chosen, kinds = [], set()
        for ex in sorted(self.examples(), key=lambda e: -fit(e)):
            if ex.kind not in kinds:
                chosen.append(ex)
                kinds.add(ex.kind)
            if len(chosen) >= self.n_examples:
                break
        return chosen[::-1]  # the closest example right before the question

    # ------------------------------------------------------------------ generate, validate, repair
    def grammar(self, g: Grounding):
        """This question's grammar: every property of the graph as a predicate, the linked entities as
        subjects and objects, the graph's classes after 'a'."""
        from ..graph.labels import LABEL_PREDICATES
        from .grammar import SparqlGrammar

        schema = self.kg.schema
        props = {p.iri for p in schema.properties} | set(LABEL_PREDICATES[:1])
        # property paths only when asked for: SmolLM2 writes 0.42 valid queries of 50 ck25 with them, 0.46
        # without (bench/RESULTS.md); one IRI per predicate expresses every query but transitive closures
        paths = os.environ.get("KGQUERY_GRAMMAR_PATHS", "0") == "1"
        return SparqlGrammar(props, g.node_iris, schema.prefixes, classes=g.class_iris, paths=paths)

    def _processor(self, g: Grounding, grammar):
        """The in-process logits processor: llguidance on the grammar, else the hand-written checker."""
        from ..graph.labels import LABEL_PREDICATES
        from .constrain import SparqlChecker, SparqlLogitsProcessor
        from .guidance import GrammarLogitsProcessor, available

        schema = self.kg.schema
        props = ({p.iri for p in schema.properties} | set(LABEL_PREDICATES[:1])) - {RDF_TYPE}  # rdf:type is 'a'
        checker = SparqlChecker(props, g.node_iris, schema.prefixes, classes=g.class_iris)
        tok = self.model.tokenizer
        if self.engine == "llguidance" and available() and getattr(tok, "is_fast", False):
            return GrammarLogitsProcessor(grammar, tok, completer=checker)
        proc = SparqlLogitsProcessor(checker, tok)
        why = "chosen" if self.engine == "builtin" else "llguidance not installed or no fast tokenizer"
        proc.stats["engine"] = f"hand-written checker ({why})"
        return proc

    def run(self, q, links, timeout_s: float = 5.0, repair: int | None = None) -> ModelRun:
        """Generate, validate, execute and repair; ModelError propagates (the caller falls back).

        Long because prompting, decoding, validation, repair and fallback are one loop over attempts.
        """
        self.last_run = None
        model = self.model  # load (or fail) before any other work
        g = self.ground(q, links)
        examples = self.pick_examples(q, g)
        grammar = self.grammar(g) if self.constrained else None
        proc = None
        if grammar is not None and getattr(model, "supports_logits_processor", False):
            proc = self._processor(g, grammar)
        server_grammar = grammar if proc is None and getattr(model, "supports_grammar", False) else None
        run = self.last_run = ModelRun(False, constrained=proc is not None or server_grammar is not None)
        history: list[tuple[str, list[str]]] = []
        budget = self.repair if repair is None else repair
        empty: tuple[str, QueryResult] | None = None
        tried: dict[str, tuple[str, list[str]]] = {}  # failed query -> (outcome, errors)
        temperature = float(os.environ.get("KGQUERY_REPAIR_TEMPERATURE", REPAIR_TEMPERATURE))
        for k in range(1 + budget):
            t0 = time.perf_counter()
            msgs = sparql_messages(
                q.text, g.schema_text, g.entities, g.values, g.properties, g.classes, examples, history
            )
            sample = {}
            if k and temperature > 0 and getattr(model, "supports_sampling", False):
                sample = {"temperature": temperature, "seed": k}
            if proc is not None:
                proc.keep = REPAIR_KEEP if sample else 1
            if server_grammar is not None:
                sample["grammar"] = server_grammar  # the server enforces it (vLLM, llama.cpp)
            text = model.chat(
                msgs,
                max_new_tokens=self.max_new_tokens,
                stop=None if proc or server_grammar else UNCONSTRAINED_STOP,
                logits_processor=proc,
                **sample,
            )
            if proc is not None:
                query = text.strip()
                if query and not proc.accepts(query):
                    query = proc.complete(query) or query  # cut off by the token budget
            else:
                query = extract_query(text)
            if query and grammar is not None:
                query = grammar.unglue(query)  # lexemes the grammar split but SPARQL would read as one
            if not query:
                why = "the reply declined" if is_refusal(text) else "the reply holds no SPARQL query"
                errors = [f"{why}; reply with one SELECT or ASK query"]
                run.attempts.append(Attempt(None, errors, "no_query", time.perf_counter() - t0))
                history.append((text.strip()[:300], errors))
                continue
            if query in tried:  # the same failed query again: same verdict, no second run
                outcome, errors = tried[query]
                run.attempts.append(Attempt(query, errors, outcome, time.perf_counter() - t0))
                history.append((query, errors))
                continue
            v = self.validator.validate(query)
            if not v.ok:
                tried[query] = ("invalid", list(v.errors))
                run.attempts.append(
                    Attempt(v.fixed_query or query, list(v.errors), "invalid", time.perf_counter() - t0)
                )
                history.append((query, list(v.errors)))
                continue
            res = self.kg.query(v.fixed_query, timeout_s=timeout_s)
            secs = time.perf_counter() - t0
            if res.outcome == Outcome.ROWS and all(t is None for r in res.rows for t in r):
                res.outcome = Outcome.EMPTY  # only unbound values: nothing was found
            if res.outcome in (Outcome.ROWS, Outcome.BOOLEAN):
                run.attempts.append(Attempt(v.fixed_query, [], "answered", secs))
                run.ok, run.sparql, run.result = True, v.fixed_query, res
                break
            if res.outcome == Outcome.EMPTY:
                errors = [
                    "the query is valid but returned no rows: check the entities, the direction of each "
                    "property and the filters"
                ]
                empty = empty or (v.fixed_query, res)
            elif res.outcome == Outcome.TIMED_OUT:
                errors = [f"the query timed out after {timeout_s:g} s: use fewer patterns and no unconnected ones"]
            else:
                errors = [res.message or f"the query {res.outcome.value}"]
            run.attempts.append(Attempt(v.fixed_query, errors, res.outcome.value, secs))
            history.append((query, errors))
            tried[query] = (res.outcome.value, errors)
        if not run.ok:
            last = next((a for a in reversed(run.attempts) if a.sparql), None)
            run.sparql, run.result = empty if empty else ((last.sparql, None) if last else (None, None))
        if proc is not None:
            run.stats = dict(proc.stats)
        return run

    # ------------------------------------------------------------------ answers in words
    def verbalize(self, ans, on_token=None) -> str | None:
        """The model's answer sentence from the question and the rows (labels resolved)."""
        rows = [[(ans.labels.get(t.value) or t.value) if t is not None else "" for t in r] for r in ans.rows[:20]]
        msgs = answer_messages(ans.question, ans.vars, rows, ans.boolean, total=len(ans.rows))
        if on_token is None:
            text = self.model.chat(msgs, max_new_tokens=self.answer_tokens)
        else:
            text = ""
            for piece in self.model.chat(msgs, max_new_tokens=self.answer_tokens, stream=True):
                text += piece
                on_token(piece)
        return text.strip() or None


# ---------------------------------------------------------------------------- the pipeline's model step
def model_answer(engine, generator: LLMGenerator, q, links, timeout_s: float, on_token=None):
    """(Answer, "") from the model path, or (None, why) when the engine should fall back.

    With fallback switched off the model's failure is returned as the answer itself.
    """
    from ..answer.types import Answer
    from ..answer.verbalize import verbalize
    from ..errors import ModelError

    ans = Answer(question=q.text, text="", generator=generator.name)
    try:
        run = generator.run(q, links, timeout_s=timeout_s)
    except ModelError as e:
        if generator.fallback:
            return None, f"model {generator.name} failed ({e})"
        ans.outcome, ans.message = "failed", str(e)
        ans.text = verbalize(ans)
        if on_token is not None:
            on_token(ans.text)
        return ans, ""
    if not run.ok and generator.fallback:
        return None, f"model {generator.name} gave no answer: {run.summary()}"
    if run.result is not None:
        engine._fill(ans, run.sparql, run.result)
    else:
        ans.sparql, ans.outcome = run.sparql, "failed"
    ans.message = "; ".join(x for x in (ans.message, run.summary()) if x)
    ans.confidence = max(0.3, 0.8 - 0.15 * (len(run.attempts) - 1)) if run.ok else 0.0
    from ..answer.verbalize import word_answer

    word_answer(ans, generator, on_token)
    return ans, ""


# ---------------------------------------------------------------------------- example synthesis
def _shorten(sparql: str, schema) -> str:
    """Schema IRIs as prefixed names (the style the prompt shows)."""

    def sub(m):
        s = schema.short(m.group(1))
        return s if not s.startswith("<") else m.group(0)

    return re.sub(r"<([^<>\s]+)>", sub, sparql)


class _ExampleMaker:
    """Makes one example from a template question and its query over the graph's own entities."""

    def __init__(self, linker):
        from .embedded import EmbeddedGenerator

        self.linker, self.kg, self.schema, self.labels = linker, linker.kg, linker.schema, linker.labels
        self.embedded = EmbeddedGenerator(linker)

    def named(self, iri: str) -> str | None:
        """An entity's label when it is a real name (not its local name, not too long)."""
        lab = self.labels.label_of(iri)
        return lab if lab and lab != local_name(iri) and len(lab) <= 60 else None

    def rows(self, query: str):
        res = self.kg.query(query, timeout_s=5, max_rows=50)
        return res.rows if res.outcome == Outcome.ROWS else []

    def values(self, query: str) -> list[str] | None:
        res = self.kg.query(query, timeout_s=5, max_rows=1000)
        return sorted(res.values()) if res.ok and res.outcome != Outcome.EMPTY else None

    def make(
        self, question: str, template: str, ents: list[tuple[str, str]], kind: str, terms: set[str]
    ) -> Example | None:
        """The example, with the embedded generator's query when one of its top 3 returns the template's
        answer, else the template's; None when the template finds nothing."""
        from ..understand.text import analyse

        want = self.values(template)
        if want is None:
            return None
        sparql = template
        try:
            qq = analyse(question)
            for c in self.embedded.candidates(qq, self.linker.link(qq))[:3]:
                if self.values(c.sparql) == want:
                    sparql = c.sparql
                    break
        except Exception:  # the embedded generator is a helper here: its faults must not stop us
            pass
        return Example(
            question,
            _shorten(sparql, self.schema),
            [LinkedItem(n, f"<{i}>", n) for n, i in ents],
            kind,
            frozenset(terms),
        )


def _attribute_examples(mk: _ExampleMaker, props) -> list[Example]:
    """'What is the P of X?' for a value property: one named subject each."""
    out = []
    for p in props:
        for r in mk.rows(f"SELECT ?s WHERE {{ ?s <{p.iri}> ?o . FILTER(isIRI(?s)) }} LIMIT 20"):
            name = mk.named(r[0].value)
            if name:
                ex = mk.make(
                    f"What is the {p.label} of {name}?",
                    f"SELECT DISTINCT ?value WHERE {{ <{r[0].value}> <{p.iri}> ?value . }}",
                    [(name, r[0].value)],
                    "attribute",
                    {p.iri, r[0].value},
                )
                if ex:
                    out.append(ex)
                    break
    return out


def _relation_examples(mk: _ExampleMaker, props) -> list[Example]:
    """For a link property between two named entities: the link, its inverse, and a yes/no question."""
    out = []
    schema = mk.schema
    for p in props:
        for s, o in mk.rows(f"SELECT ?s ?o WHERE {{ ?s <{p.iri}> ?o . FILTER(isIRI(?o)) }} LIMIT 30"):
            sn, on = mk.named(s.value), mk.named(o.value)
            cls = next((c for c in mk.labels.types_of(s.value) if schema.cls(c)), None)
            if not (sn and on and cls):
                continue
            cl = schema.cls(cls).label
            for ex in (
                mk.make(
                    f"What is the {p.label} of {sn}?",
                    f"SELECT DISTINCT ?x WHERE {{ <{s.value}> <{p.iri}> ?x . }}",
                    [(sn, s.value)],
                    "relation",
                    {p.iri, s.value},
                ),
                mk.make(
                    f"Which {cl} has {p.label} {on}?",
                    f"SELECT DISTINCT ?x WHERE {{ ?x a <{cls}> . ?x <{p.iri}> <{o.value}> . }}",
                    [(on, o.value)],
                    "inverse",
                    {p.iri, cls, o.value},
                ),
                mk.make(
                    f"Is {on} the {p.label} of {sn}?",
                    f"ASK {{ <{s.value}> <{p.iri}> <{o.value}> . }}",
                    [(on, o.value), (sn, s.value)],
                    "ask",
                    {p.iri, s.value, o.value},
                ),
            ):
                if ex:
                    out.append(ex)
            break
    return out


def _count_and_superlative_examples(mk: _ExampleMaker, numeric, per_kind: int) -> list[Example]:
    """'How many C are there?' for classes with members; 'Which C has the highest P?' for one number."""
    out = []
    schema = mk.schema
    for c in [c for c in schema.classes if c.count > 1][:per_kind]:
        ex = mk.make(
            f"How many {c.label} are there?",
            f"SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE {{ ?x a <{c.iri}> . }}",
            [],
            "count",
            {c.iri},
        )
        if ex:
            out.append(ex)
    for p in numeric[:1]:
        cls = next((c for c, _ in p.subject_classes if schema.cls(c)), None)
        if cls:
            ex = mk.make(
                f"Which {schema.cls(cls).label} has the highest {p.label}?",
                f"SELECT ?x WHERE {{ ?x a <{cls}> . ?x <{p.iri}> ?v . }} ORDER BY DESC(?v) LIMIT 1",
                [],
                "superlative",
                {p.iri, cls},
            )
            if ex:
                out.append(ex)
    return out


def _synthesise_examples(linker, per_kind: int = 2) -> list[Example]:
    """Template questions from the graph's own entities, answered by the embedded generator.

    Each template has a known answer; the embedded generator's top candidates are run and the
    first that returns exactly that answer is kept (it shows the query style the pipeline runs),
    otherwise the template's own query is. Never uses benchmark material.
    """
    mk = _ExampleMaker(linker)
    skip = {RDF_TYPE, RDFS_LABEL, "http://www.w3.org/2000/01/rdf-schema#comment"}
    props = [p for p in mk.schema.properties if p.iri not in skip and p.count > 0]
    literal = [p for p in props if p.is_literal and not p.is_numeric][:per_kind]
    numeric = [p for p in props if p.is_numeric][:per_kind]
    relation = [p for p in props if not p.is_literal][:per_kind]
    out = (
        _attribute_examples(mk, literal + numeric)
        + _relation_examples(mk, relation)
        + _count_and_superlative_examples(mk, numeric, per_kind)
    )
    for ex in out:  # prefixed names for schema terms, as in the schema excerpt
        ex.sparql = _shorten(ex.sparql, mk.schema)
    return out
