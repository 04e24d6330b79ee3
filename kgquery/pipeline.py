"""ask(): question -> linking -> generation -> validation -> execution -> answer."""

from __future__ import annotations

import dataclasses
import os
import re
import threading
import time

from .answer.confidence import (
    ABSTAIN_BELOW,
    UNFIT_CONFIDENCE,
    answer_properties,
    answers_the_object,
    confidence,
    counts_the_named,
    doubled_properties,
    naming_nouns,
    same_answer,
    subtracts,
    ungrouped,
    wrong_kind,
)
from .answer.evidence import evidence
from .answer.types import Answer, Outcome, QueryResult
from .answer.verbalize import word_answer  # the answer's sentence; importable from here as before
from .errors import KgqueryError
from .graph import KnowledgeGraph
from .terms import number_text
from .understand.lexicon import attribute_nouns
from .understand.text import STOPWORDS
from .wording import is_adjective, spelled_as_asked, verb_form

#: candidates executed per question (best-scored first)
EXECUTE_TOP = 12
CANDIDATE_TIMEOUT_S = 5.0
#: what a candidate gains by returning rows; the most any candidate's score can grow when it runs
ROWS_BONUS = 0.3
#: with a model configured (and fallback on), a grounded answer at least this confident is kept and the
#: model only words it; KGQUERY_TRUST_GROUNDED=1 always asks the model first. By default the model is
#: asked exactly where the embedded default would abstain
TRUST_GROUNDED = ABSTAIN_BELOW


def _trust_grounded() -> float:
    try:
        return float(os.environ.get("KGQUERY_TRUST_GROUNDED", TRUST_GROUNDED))
    except ValueError:
        return TRUST_GROUNDED


#: ask back when a name fits several entities alike (see kgquery/understand/clarify.py)
CLARIFY = True
#: mentions (entities, values) and class words kept per question, best-linked first (see _cap_mentions)
MAX_MENTIONS = 8

_OUTCOME_NAMES = {
    Outcome.ROWS: "answered",
    Outcome.BOOLEAN: "answered",
    Outcome.EMPTY: "empty",
    Outcome.TIMED_OUT: "timed_out",
    Outcome.REFUSED: "refused",
    Outcome.FAILED: "failed",
}


class KGQuery:
    """The question-answering engine over one KnowledgeGraph (safe to share between threads)."""

    #: stop running candidates once none left can beat the best (exact: the answer is the same either
    #: way); the benchmark turns it off to see every candidate's result (the generator's reach)
    prune = True

    def __init__(
        self,
        kg: KnowledgeGraph,
        model: str | None = None,
        embeddings: bool | None = None,
        verify: bool = False,
        verify_threshold: float | None = None,
        verify_fallback: str = "abstain",
    ):
        """`verify=True` (needs `model`): the model judges the embedded generator's best executed candidates
        instead of writing SPARQL (kgquery/generate/verify.py); the best one at or above `verify_threshold`
        (default 0.5) answers. When none does: `verify_fallback` "abstain" (the best attempt is shown, not
        trusted) or "model" (the model writes its own query, as without `verify`)."""
        if verify and model is None:
            raise ValueError("verify=True needs a model (the verifier)")
        if verify_fallback not in ("abstain", "model"):
            raise ValueError(f"verify_fallback must be 'abstain' or 'model', not {verify_fallback!r}")
        self.kg = kg
        self.model = model
        self.embeddings = embeddings
        self.verify = verify
        self.verify_threshold = verify_threshold
        self.verify_fallback = verify_fallback
        self._lock = threading.Lock()
        self._linker = None
        self._local = threading.local()  # one generator per thread: generators keep per-question state

    @property
    def linker(self):
        """The linker (label, value and class indexes), built once."""
        with self._lock:
            if self._linker is None:
                from .understand.embed import default_embedder
                from .understand.linking import Linker

                emb = default_embedder() if self.embeddings is not False else None
                self._linker = Linker(self.kg, embedder=emb)
            return self._linker

    @property
    def generator(self):
        """This thread's generator (a generator keeps state while it works on one question, so threads
        sharing one KGQuery must not share it; building one is cheap: the linker and models are shared)."""
        gen = getattr(self._local, "generator", None)
        if gen is None:
            from .generate import get_generator

            gen = self._local.generator = get_generator(self.model, self.linker)
        return gen

    def ask(
        self, question: str, on_token=None, history: list[Answer] | None = None, choice: str | None = None
    ) -> Answer:
        """Answer one question; never raises for the question's own faults.

        `on_token(text)`: receives the answer sentence as it is written (token by token when a
        streaming model words it, else in one piece). `history`: the earlier answers of this
        conversation, so "and her phone number?" or "which of them are in France?" resolve against
        them (kgquery/conversation.py). `choice`: the IRI the user picked when asked back which of
        several namesakes was meant.
        """
        if history:
            from .conversation import follow_up

            return follow_up(self, question, history, choice=choice, on_token=on_token)
        return self.answer(question, on_token=on_token, choice=choice)

    def answer(self, question: str, on_token=None, choice: str | None = None) -> Answer:
        """One question on its own (no conversation); see `ask`."""
        from .answer.verbalize import verbalize

        timings: dict[str, float] = {}
        question = (question or "").strip()
        unfit = _unfit_question(question)
        if unfit is not None:
            return unfit
        t0 = time.perf_counter()
        try:
            linker = self.linker
            generator = self.generator
        except KgqueryError as e:  # e.g. the endpoint is down while the indexes are built: tried again next time
            ans = Answer(question=question, text="", outcome="failed", message=str(e))
            ans.text = verbalize(ans)
            return ans
        timings["setup"] = time.perf_counter() - t0

        t = time.perf_counter()
        q, links, pinned = _read_and_link(question, linker, choice)
        timings["linking"] = time.perf_counter() - t

        fallback_note, grounded, trust = "", None, _trust_grounded()
        if self.verify and hasattr(generator, "run"):  # the model judges the grounded candidates (issue 19)
            grounded = self._verified(question, q, links, generator, pinned, choice, timings)
            if grounded.outcome != "abstained" or self.verify_fallback == "abstain":
                return self._finish(grounded, generator, on_token, timings, t0)
            trust = 1.0  # not sure, and configured to hand over: the model writes its own query below
        if hasattr(generator, "run") and generator.fallback and trust < 1:
            # a confident grounded answer stands: a model is asked only where the embedded default is
            # unsure (a small model's valid-looking query was often wrong where this was right)
            from .generate import get_generator

            t = time.perf_counter()
            grounded = self._grounded(question, q, links, get_generator(None, linker), pinned, choice, timings)
            timings["grounded"] = time.perf_counter() - t
            if grounded.outcome == "answered" and (grounded.confidence or 0) >= trust:
                grounded.message = "; ".join(
                    x
                    for x in (
                        grounded.message,
                        f"a confident grounded answer: the model {generator.name} was not asked to write the query",
                    )
                    if x
                )
                return self._finish(grounded, generator, on_token, timings, t0)
        if hasattr(generator, "run"):  # a language model: generate, validate, run, repair (generate/llm.py)
            from .generate.llm import model_answer

            t = time.perf_counter()
            try:
                ans, fallback_note = model_answer(self, generator, q, links, CANDIDATE_TIMEOUT_S, on_token)
            except Exception as e:  # a backend fault that is not a ModelError (a cut-off or malformed reply)
                why = f"model {generator.name} failed ({type(e).__name__}: {' '.join(str(e).split())[:200]})"
                if not getattr(generator, "fallback", True):
                    ans = Answer(question=question, text="", outcome="failed", message=why, generator=generator.name)
                    ans.text = verbalize(ans)
                    return ans
                ans, fallback_note = None, why
            timings["model"] = time.perf_counter() - t
            if ans is not None:
                ans.verification = ans.verification or getattr(grounded, "verification", None)  # before the model wrote
                self._describe(ans, links)
                timings["total"] = time.perf_counter() - t0
                ans.timings = {**timings, **ans.timings}
                return ans
            if grounded is not None:  # the embedded default's answer, already worked out above
                grounded.generator += " (fallback)"
                grounded.message = "; ".join(x for x in (fallback_note, grounded.message) if x)
                return self._finish(grounded, None, on_token, timings, t0)
            from .generate import get_generator

            generator = get_generator(None, linker)  # the embedded default answers instead

        ans = self._grounded(question, q, links, generator, pinned, choice, timings)
        if fallback_note:
            ans.generator += " (fallback)"
            ans.message = "; ".join(x for x in (fallback_note, ans.message) if x)
        return self._finish(ans, None, on_token, timings, t0)

    def _verified(self, question: str, q, links, generator, pinned: bool, choice: str | None, timings: dict) -> Answer:
        """The embedded default's answer with its best candidates judged by the model (kgquery/generate/verify.py):
        the best-judged one at or above the threshold answers (its P(yes) is the confidence); when none
        reaches it the outcome is `abstained` with the best-judged attempt shown. A model that cannot
        score leaves the embedded default's answer as it is, with the reason in `message`."""
        from .errors import ModelError
        from .generate import get_generator
        from .generate.verify import VERIFY_THRESHOLD, result_of, verify

        ans = self._grounded(question, q, links, get_generator(None, self.linker), pinned, choice, timings, prune=False)
        if ans.outcome == "clarify":  # which entity is meant comes first
            return ans
        threshold = VERIFY_THRESHOLD if self.verify_threshold is None else self.verify_threshold
        t = time.perf_counter()
        try:
            v = verify(generator.model, self.kg, question, ans.tried, threshold=threshold)
        except ModelError as e:
            ans.message = "; ".join(x for x in (ans.message, f"verifier {generator.name} failed: {e}") if x)
            return ans
        finally:
            timings["verify"] = time.perf_counter() - t
        ans.verification = v
        v["handed_to_model"] = self.verify_fallback == "model" and v["verdict"] != "accepted"
        if v["best"] is None:  # no candidate returned anything: the embedded default's outcome stands
            return ans
        cand = v["candidates"][v["best"]]
        res = result_of(ans.tried, cand["sparql"])
        self._fill(ans, cand["sparql"], res)
        ans.explanation, ans.entities = cand["explanation"], []
        ans.confidence = cand["score"]
        ans.attempt_rows, ans.attempt_boolean = [], None
        if v["verdict"] == "accepted":
            ans.message = f"verified by {generator.name}: P(yes) {cand['score']:.2f}"
        else:
            ans.outcome = "abstained"
            ans.message = (
                f"not sure: the verifier {generator.name} accepted none of {len(v['candidates'])} candidate(s) "
                f"(best P(yes) {cand['score']:.2f} < {threshold:.2f}); the best attempt is shown, not trusted"
            )
            ans.attempt_rows, ans.attempt_boolean = ans.rows, ans.boolean
            ans.rows, ans.boolean = [], None
        self._describe(ans, links)
        return ans

    def _finish(self, ans: Answer, model, on_token, timings: dict, t0: float) -> Answer:
        """Word the answer and close its timings; the query shown is the one that ran (rdf:type read as the
        graph's own kind property, where it has one)."""
        t = time.perf_counter()
        word_answer(ans, model, on_token)
        if ans.sparql:
            ans.sparql = self.kg.retyped(ans.sparql)
        timings["answer"] = time.perf_counter() - t
        timings["total"] = time.perf_counter() - t0
        ans.timings = timings
        return ans

    def _described(self, c, res, which: bool):
        """'the address of Harbour Hall' reaches a node without a name (a blank node): the same reading, read out
        as the node's own values (its street, town and country); 'which events cost more than 30' (`which`)
        asks for named things, those holding the nodes (the events of the offers). Unchanged where none are."""
        m = _ONE_VARIABLE.match(c.sparql)
        if m is None:
            return c, res
        var, body = m.group(1), m.group(2).strip()
        sparql = (
            f"SELECT DISTINCT ?holder WHERE {{ {body} ?holder ?has {var} . FILTER(isIRI(?holder)) }}"
            if which
            else f"SELECT DISTINCT ?value WHERE {{ {body} {var} ?details ?value . FILTER(isLiteral(?value)) }}"
        )
        shown = self.kg.query(sparql, timeout_s=CANDIDATE_TIMEOUT_S)
        if shown.outcome != Outcome.ROWS:
            return c, res
        return dataclasses.replace(c, sparql=sparql, shape=c.shape + "+described"), shown

    def _nothing_added_up(self, res):
        """'How many pages does X have' added up over no pages at all is 0 by SPARQL's rules: an empty
        result, not a total (checked only for a lone 0, with the same query kept to matches that exist)."""
        if not _adds_up_nothing_maybe(res):
            return res
        check = self.kg.query(res.sparql.rstrip() + " HAVING (COUNT(*) > 0)", timeout_s=CANDIDATE_TIMEOUT_S)
        if check.outcome == Outcome.EMPTY:
            return QueryResult(Outcome.EMPTY, res.sparql, res.vars, [], seconds=res.seconds + check.seconds)
        return res

    def _grounded(
        self, question: str, q, links, generator, pinned: bool, choice: str | None, timings: dict, prune: bool = True
    ) -> Answer:
        """The embedded default's answer (not yet worded): candidates run, the best kept or abstained
        (`prune=False` runs every one of the EXECUTE_TOP best: a verifier judges several)."""
        t = time.perf_counter()
        cands = sorted(generator.candidates(q, links), key=lambda c: -c.score)  # stable: the generator fixed the order
        timings["generation"] = time.perf_counter() - t

        t = time.perf_counter()
        best, best_res, best_score = None, None, float("-inf")
        tried: list = []
        many = _asks_many(q, links)
        compared = None
        for k, c in enumerate(cands[:EXECUTE_TOP]):  # best first
            if c.score + ROWS_BONUS < best_score + (0.0 if many else 1e-9):
                if compared is None:  # the margin meets the next ones as rivals at their best possible scores
                    compared = [*tried, *self._rivals(cands[k : min(k + 2, EXECUTE_TOP)], best_res, best_score)]
                if self.prune and prune:
                    break  # no candidate from here on can beat the best one any more: no need to run it
            res = self._nothing_added_up(self.kg.query(c.sparql, timeout_s=CANDIDATE_TIMEOUT_S))
            s = c.score + {Outcome.ROWS: ROWS_BONUS, Outcome.BOOLEAN: ROWS_BONUS, Outcome.EMPTY: -0.5}.get(
                res.outcome, -2.0
            )
            if _unnamed_nodes(res):
                c, res = self._described(c, res, q.tokens[:1] == ["which"])
            if _unnamed_nodes(res):
                s -= 0.5 + ROWS_BONUS  # nodes without a name (an address, an offer) answer nothing: as if empty
            elif res.outcome == Outcome.ROWS and _echoes_name(q.tokens, links.mentions, res.values()):
                s -= 2.0 + ROWS_BONUS  # the code the question names the thing by, given back: says nothing at all
            if res.outcome == Outcome.ROWS and not q.cues.count and len(res.rows) > 200 and "FILTER(" not in c.sparql:
                s -= 0.3  # an answer that lists most of the graph is rarely what was meant (a filtered one need not)
            tried.append((c.sparql, s, res))
            if s > best_score or (many and s == best_score and _many_found(res) > _many_found(best_res)):
                best, best_res, best_score = c, res, s
        timings["execution"] = time.perf_counter() - t

        ans = Answer(question=question, text="", generator=generator.name)
        ans.tried = sorted(tried, key=lambda t: -t[1])
        ans.compared = sorted(tried if compared is None else compared, key=lambda t: -t[1])
        if best is None:
            ans.outcome = "abstained"
            ans.message = (
                "no entity, value or class of the graph was recognised in the question"
                if not (links.mentions or links.classes)
                else "no query shape fitted the recognised items"
            )
        else:
            self._fill(ans, best.sparql, best_res)
            ans.score = best_score
            t = time.perf_counter()
            self._judge(ans, q, links, generator, best, best_res, best_score)
            timings["confidence"] = time.perf_counter() - t
        if best is not None and ans.outcome == "answered" and not pinned and CLARIFY and not q.cues.exists:
            t = time.perf_counter()
            self._clarify(ans, links, best.sparql, q)
            timings["clarify"] = time.perf_counter() - t
        if choice and not pinned:
            ans.message = "; ".join(
                x
                for x in (
                    ans.message,
                    f"the chosen entity <{choice}> is not among the names recognised in this question",
                )
                if x
            )
        self._describe(ans, links)
        return ans

    def _rivals(self, nxt: list, best_res, best_score: float) -> list[tuple]:
        """The rivals the margin meets among the candidates that cannot win: the first is run, and when it shows
        the same things as the best one (by their IRIs where the best gives their names) the next one is a rival
        too; a rival not run counts as differing. One a full point behind is not run: the margin is 1 either way."""
        out: list[tuple] = []
        for c in nxt:
            res = None
            close = best_score - (c.score + ROWS_BONUS) < 1.0
            if not out and close and best_res is not None and best_res.outcome == Outcome.ROWS:
                res = self.kg.query(c.sparql, timeout_s=CANDIDATE_TIMEOUT_S)
                res = res if res.outcome == Outcome.ROWS else None
            out.append((c.sparql, c.score + ROWS_BONUS, res))
            if res is None or not same_answer(best_res.values(), res.values(), self.kg.labels.label_of):
                break
        return out

    def _judge(self, ans: Answer, q, links, generator, best, res: QueryResult, best_score: float) -> None:
        """Confidence for the chosen query; below ABSTAIN_BELOW, or when it answers another question than the
        one asked (capped at UNFIT_CONFIDENCE), the answer becomes an abstention showing the attempt."""
        ans.features, unasked = self._signals(q, links, generator, ans, res, best_score, best.shape)
        ans.confidence = confidence(ans.features)
        unfit = (
            ungrouped(q.cues, ans.sparql or "", best.shape)
            or answers_the_object(
                links.opening_verb(q.tokens), [m.hits[0].iri for m in links.classes if m.start > 1], best.sparql
            )
            or unasked
            or self._never_holds(ans)
            or counts_the_named(q.tokens, links.mentions, ans.sparql or "", ans.values())
            or _echoes_name(q.tokens, links.mentions, ans.values())
            or (_excludes_what_it_needs(ans.sparql or "") if res.outcome == Outcome.EMPTY else "")
            or self._unit_clash(q, ans.sparql or "")
            or wrong_kind(q.cues, res.rows)
        )
        if unfit:
            ans.confidence = min(ans.confidence, UNFIT_CONFIDENCE)
        if ans.confidence < ABSTAIN_BELOW and ans.outcome in ("answered", "empty"):
            ans.outcome = "abstained"  # the attempt (query, explanation, its rows) is shown as such, not answered
            why = unfit or "the best attempt is shown, not trusted"
            ans.message = f"not sure ({ans.confidence:.2f}): {why}"
            ans.attempt_rows, ans.attempt_boolean = ans.rows, ans.boolean
            ans.rows, ans.boolean = [], None

    def _never_holds(self, ans: Answer) -> str:
        """Why a 'no' says nothing, or '': the query asked one thing to have two values of a property that no
        thing in the graph has twice ('is the Hex Nut cheaper than the Steel Bolt' read as one thing named both)."""
        if ans.boolean is not False:
            return ""
        for p in doubled_properties(ans.sparql or ""):
            probe = self.kg.query(f"ASK {{ ?s <{p}> ?a , ?b . FILTER(?a != ?b) }}", timeout_s=CANDIDATE_TIMEOUT_S)
            if probe.outcome == Outcome.BOOLEAN and probe.boolean is False:
                name = self.kg.labels.label_of(p)
                return f"the attempt asks one thing to have two values of '{name}', which nothing in the graph has"
        return ""

    def _signals(
        self, q, links, generator, ans: Answer, res: QueryResult, best_score: float, shape: str = ""
    ) -> tuple[dict[str, float], str]:
        """The signals behind `confidence` (kgquery/answer/confidence.py) for the chosen query, and why it
        answers another question when an attribute it shows is asked for by no word ('' otherwise)."""
        import re

        from .answer.confidence import (
            left_over,
            left_weight,
            margin,
            negates,
            shape_signals,
            size_signals,
            stated_conditions,
            stated_numbers_used,
            unhonoured,
        )
        from .answer.explain import explain
        from .generate.embedded import superlative_in_a_name
        from .understand.text import NEGATIONS, asks_how
        from .wording import verb_form

        props = self._query_properties(links, ans.sparql or "")
        word_scores = self._word_scores(generator)
        carried = self._carried_out(q, links, props, word_scores, ans.sparql or "")
        free = [q.tokens[i] for i in links.free if not asks_how(q.tokens, i) and i not in carried]
        named = self._named_words(ans.sparql or "", free)
        # the query joins things (a triple between a variable and another variable or a named thing): the
        # question's verbs may be its links ('flights departing from APG', 'the continent Anguilla belongs to')
        node = r"(\?\w+|<[^<>\s]+>)"
        joined = (
            re.search(rf"(\?\w+\s+<[^<>\s]+>\s+{node}|<[^<>\s]+>\s+<[^<>\s]+>\s+\?\w+)", ans.sparql or "") is not None
        )
        verbs = {w for w in free if verb_form(w)} if joined else set()
        content = q.content_positions()
        covered = {i for m in links.mentions + links.classes for i in m.span}
        covered |= stated_numbers_used(q.tokens, ans.sparql or "")  # 'over 6 cylinders' filtered on 6
        unnamed = _bare_adjective_unnamed(q, links, props, word_scores, named, self.linker.similarities, self.kg.schema)
        free = [w for w in free if not _ranked_by_query(w, q.cues, ans.sparql or "", unnamed)]
        if negates(ans.sparql or ""):  # 'all stadiums except those ...': the negation carries the word out
            free = [w for w in free if w not in NEGATIONS]
        leftover = left_over(free, props, word_scores, named)
        if verbs and self._sole_links(props):
            # a verb of a link that is the only one between its things' classes, naming no property of the graph,
            # could have picked no other link: it leaves no doubt
            leftover = [w for w in leftover if not (w in verbs and _names_no_property(w, word_scores))]
        left = left_weight(leftover, verbs)
        unasked = self._unasked(q, ans.sparql or "", word_scores, leftover)
        if unnamed:
            left = min(1.0, left + 1.0)  # 'the longest', 'longer than X': what decides it names nothing queried
        f = {
            "score": best_score,
            "margin": margin(ans.compared, res.values(), self.kg.labels.label_of),
            "unexplained": left,
            "linked": len(covered & set(content)) / max(len(content), 1),
            **size_signals(len(res.rows), res.outcome == Outcome.BOOLEAN, q.cues.count),
            **shape_signals(shape, ans.sparql or "", len(content)),
            "unhonoured": unhonoured(
                q.cues,
                ans.sparql or "",
                shape,
                unnamed,
                res.rows,
                superlative_in_a_name(q, props, self.kg.schema, word_scores),
                stated_conditions(q.tokens, q.raw_tokens, leftover, ans.sparql or "", joined),
            ),
            "unasked": float(bool(unasked)),
        }
        # a thing the question names is explained by the name it was found by ('APG', not 'Phillips AAF')
        called = {h.iri: h.label for m in links.mentions if m.kind == "entity" for h in m.hits if h.label}
        try:
            ans.explanation = explain(ans.sparql, self.kg, lambda iri: called.get(iri) or self.kg.labels.label_of(iri))
        except Exception:
            ans.explanation = ""
        f["meaning"] = self._meaning(q.text, ans.explanation)
        return f, self._unfit(unasked, leftover, ans.sparql or "")

    def _unit_clash(self, q, sparql: str) -> str:
        """Why the answer is not in the unit asked, or '': the question states a unit ('how many metres longer')
        and a number the query uses is in another of the same kind (kilometres); nothing is converted."""
        from .generate.derived import unit_clash
        from .terms import iris_in

        numeric = [p for p in iris_in(sparql) if (info := self.kg.schema.prop(p)) is not None and info.is_numeric]
        found = unit_clash(q.tokens, [t for p in numeric for t in self.linker.prop_texts.get(p, [])])
        return (
            f"the question asks in {found[0]}, the graph's number is in {found[1]} (nothing is converted)"
            if found
            else ""
        )

    def _query_properties(self, links, sparql: str) -> set[str]:
        """The graph's properties the query uses, and those a linked thing's name was read from: 'the student
        whose last name is Smith' explains 'last name' though the query names the student by its IRI."""
        from .terms import iris_in

        schema_props = {p.iri for p in self.kg.schema.properties}
        return (iris_in(sparql) & schema_props) | {
            h.source
            for m in links.mentions
            for h in m.hits
            if m.kind == "entity" and h.source in schema_props and f"<{h.iri}>" in sparql
        }

    @staticmethod
    def _unfit(unasked: list[str], leftover: list[str], sparql: str) -> str:
        """Why the chosen query answers another question than the one asked, or '': it answers with attributes
        no word asks for, or keeps every thing of its class while a noun is used by nothing in it."""
        import re

        from .answer.confidence import unasked_message, unconstrained_message
        from .generate.feasible import required_part

        narrowed = re.search(r"\bNOT\s+EXISTS\b|\bMINUS\b", sparql, re.I)  # what it leaves out narrows it too
        return unasked_message(unasked) or ("" if narrowed else unconstrained_message(leftover, required_part(sparql)))

    def _sole_links(self, props: set[str]) -> bool:
        """The query links things (a property whose values are things), and no other property links things of
        the same classes: 'ferries departing from Wexby' over originPort alone, not beside a destPort."""
        schema = self.kg.schema
        links = [info for p in props if (info := schema.prop(p)) is not None and info.object_classes]
        if not links:
            return False
        for info in links:
            subj, obj = {c for c, _ in info.subject_classes}, {c for c, _ in info.object_classes}
            for other in schema.properties:
                if other.iri == info.iri or not other.object_classes:
                    continue
                o_subj, o_obj = {c for c, _ in other.subject_classes}, {c for c, _ in other.object_classes}
                if (subj & o_subj and obj & o_obj) or (subj & o_obj and obj & o_subj):
                    return False
        return True

    def _word_scores(self, generator):
        """word -> {property: how well the word names it}, the generator's own when it keeps one."""
        return getattr(generator, "_word_scores", None) or (lambda w: self.linker.property_scores([w]))

    def _unasked(self, q, sparql: str, word_scores, left: list[str]) -> list[str]:
        """The properties (not names) whose values the query answers with when no word of the question fits
        them and a word left unexplained (`left`) would name what was asked: 'the favourite colour of X'
        answered with X's city. Their labels; empty otherwise."""
        naming = naming_nouns(left, q.tokens, attribute_nouns)
        if not naming:
            return []
        if not hasattr(self, "_attributes"):  # the properties that are not names, once per graph
            names = {src for _i, _l, src in self.kg.labels.entries}
            self._attributes = {p.iri for p in self.kg.schema.properties if p.iri not in names}
        shown = answer_properties(sparql) & self._attributes
        words = [q.tokens[i] for i in q.content_positions()] + [n for w in naming for n in attribute_nouns(w)]
        if not shown or any(word_scores(w).get(p, 0.0) >= 0.5 for w in words for p in shown):
            return []
        return sorted(self.kg.labels.label_of(p) or p for p in shown)

    def _named_words(self, sparql: str, free: list[str]) -> set[str]:
        """The words the query's classes and computed sizes explain: the words of each class's name ('the
        smallest volume': the size computed), and a verb whose noun names one of them ('members who attended':
        attendance)."""
        import re

        from .generate.derived import measure_words
        from .graph.schema import local_name, split_name
        from .understand.lexicon import derived_nouns
        from .wording import singular

        named = {
            singular(w)
            for c in re.findall(r"\ba <([^<>\s]+)>", sparql)
            for w in f"{split_name(local_name(c))} {self.kg.labels.label_of(c)}".lower().split()
        }
        named |= measure_words(sparql)
        return named | {w for w in free if any(n in named for n in derived_nouns(w))}

    def _carried_out(self, q, links, props: set[str], word_scores, sparql: str) -> set[int]:
        """Positions of free words the query carries out though no property shares their spelling: words
        whose initials spell a property it uses ('miles per gallon' for mpg), a word spelling out a property's
        initial ('last name' for lname), and an ordinal it ranks by ('the last transcript', 'the first president')."""
        import re

        out = {
            k
            for i, j, initials in self.linker.acronym_runs(q, links.free)
            if any(word_scores(initials).get(p, 0.0) >= 0.5 for p in props)
            for k in range(i, j)
        }
        free = set(links.free)
        for i in free:  # 'last name' spells out lname ('l name')
            if i + 1 in free and any(self.linker.spells_initial(q.tokens[i], q.tokens[i + 1], p) for p in props):
                out |= {i, i + 1}
        if q.cues.ordinal and re.search(r"\b(MAX|MIN)\(|\bORDER BY\b", sparql.upper()):
            out.add(q.cues.ordinal[1])
        out |= self._measure_adjectives(q, free, props, word_scores, sparql)
        if q.cues.difference and subtracts(sparql):  # 'the difference in depth': subtracted
            out |= {i for i in free if q.tokens[i] in ("difference", "much")}
        out |= _comparison_words(q, free, sparql, props, word_scores)
        out |= _aggregate_words(q, free, sparql, word_scores)
        out |= _data_words(q, free, word_scores)
        if q.cues.compare and "HAVING" in sparql.upper():
            # 'attended at least 4 times': the count of events compared is what 'times' says
            out |= {i for i in free if q.tokens[i] == "times" and q.tokens[i - 1] == number_text(q.cues.compare[1])}
        return out

    def _measure_adjectives(self, q, free: set[int], props: set[str], word_scores, sparql: str) -> set[int]:
        """Positions of the adjective of a measure the query filters on: 'between 2000 and 3000 metres high',
        'over 500 km long' name the number compared by the adjective after it, through the noun WordNet makes
        of it (high -> height) when a number the query uses fits that noun."""
        if not (q.cues.between or q.cues.compare) or "FILTER(" not in sparql.upper():
            return set()
        numbers = [i for i, t in enumerate(q.tokens) if t.replace(".", "", 1).isdigit()]
        numeric = {p for p in props if (info := self.kg.schema.prop(p)) is not None and info.is_numeric}
        out = set()
        for i in free:
            nouns = attribute_nouns(q.tokens[i])
            if not nouns or not any(0 < i - k <= 2 for k in numbers):
                continue
            if any(word_scores(w).get(p, 0.0) >= 0.5 for w in nouns for p in numeric):
                out.add(i)
        return out

    def _meaning(self, question: str, explanation: str) -> float:
        """Cosine similarity of the question and the query's explanation (0.5, neutral, without embeddings)."""
        emb = self.linker.embedder
        if emb is None or not explanation:
            return 0.5
        try:
            v = emb.encode([question, spelled_as_asked(explanation, question, STOPWORDS)])
        except RuntimeError:
            return 0.5
        return float(v[0] @ v[1])

    def _clarify(self, ans: Answer, links, sparql: str, q) -> None:
        """Ask back instead of answering when a name fits several entities alike (kgquery/understand/clarify.py).

        After a title ("Ms. Brant") the user means one particular person and the title is a hint the
        graph cannot check: the answer stands and the other namesakes are offered as choices."""
        from .understand.clarify import ambiguous, describe
        from .understand.text import TITLES

        try:
            found = ambiguous(self.kg, links, sparql)
            if found is None:
                return
            m, iris = found
            ans.clarification = describe(self.kg, iris)
        except KgqueryError:
            return
        if m.start > 0 and q.tokens[m.start - 1] in TITLES:
            ans.message = "; ".join(
                x
                for x in (
                    ans.message,
                    f'"{m.text}" also fits '
                    + ", ".join(lab for _, lab in ans.clarification[1:])
                    + " (ask again with choice=IRI)",
                )
                if x
            )
            return
        ans.outcome = "clarify"
        ans.rows, ans.boolean, ans.evidence = [], None, []  # nothing is answered until the user picks
        ans.message = f'"{m.text}" fits {len(iris)} entities; pick one (ask again with choice=IRI)'

    def _describe(self, ans: Answer, links) -> None:
        """The explanation of the query and the entities the question named (as the query uses them)."""
        from .answer.explain import explain

        if ans.sparql and not ans.explanation:
            try:
                label_of = self.kg.labels.label_of
            except Exception:
                label_of = None
            ans.explanation = explain(ans.sparql, self.kg, label_of)
        if ans.explanation and links.respelled and "Reads " not in ans.explanation:
            ans.explanation += " Reads " + ", ".join(f'"{a}" as "{b}"' for a, b in links.respelled) + "."
        used = ans.sparql or ""
        for m in links.mentions:
            if m.kind != "entity" or not m.hits:
                continue
            hit = next((h for h in m.hits if f"<{h.iri}>" in used), m.hits[0])
            try:
                label = self.kg.labels.label_of(hit.iri)
            except Exception:
                label = hit.label
            ans.entities.append((hit.iri, label, m.text))

    def _fill(self, ans: Answer, sparql: str, res: QueryResult) -> None:
        ans.sparql = sparql
        ans.outcome = _OUTCOME_NAMES[res.outcome]
        ans.message = res.message
        ans.vars = res.vars
        ans.rows = res.rows
        ans.boolean = res.boolean
        labels = self.kg.labels
        ans.labels = {t.value: labels.label_of(t.value) for r in res.rows for t in r if t is not None and t.is_iri}
        ans.evidence = evidence(self.kg, self.kg.retyped(sparql), res)  # the graph's own triples


def _names_no_property(word: str, word_scores) -> bool:
    """No property of the graph is named by the word (none scores 0.5): it says how, not which property."""
    return max(word_scores(word).values(), default=0.0) < 0.5


def _data_words(q, free: set[int], word_scores) -> set[int]:
    """Positions of a noun for the data as a whole ('the works in the collection', 'in our database') that names
    no property: it narrows nothing down, so nothing is left to explain."""
    from .understand.text import DATA_WORDS

    return {
        i
        for i in free
        if q.tokens[i] in DATA_WORDS
        and q.tokens[i - 2 : i] in (["in", "the"], ["in", "our"], ["in", "this"], ["in", "your"], ["of", "the"])
        and _names_no_property(q.tokens[i], word_scores)
    }


def _aggregate_words(q, free: set[int], sparql: str, word_scores) -> set[int]:
    """Positions of words an aggregate of the query carries out: 'together' when it adds up ('how much surface
    area do they cover together'), and 'values' when it aggregates values and no property is named by the word
    ('the maximum and minimum values of area codes')."""
    from .understand.text import SUMMING_WORDS
    from .wording import singular

    upper = sparql.upper()
    out = {i for i in free if q.tokens[i] in SUMMING_WORDS} if "SUM(" in upper else set()
    if re.search(r"\b(MAX|MIN|AVG|SUM)\(", upper):
        out |= {i for i in free if singular(q.tokens[i]) == "value" and _names_no_property(q.tokens[i], word_scores)}
    return out


def _unfit_question(question: str) -> Answer | None:
    """The answer to a question not worth reading (empty, or over 2,000 characters); None for the rest."""
    if not question:
        return Answer(question="", text="Please type a question.", outcome="abstained", message="empty question")
    if len(question) > 2000:
        return Answer(
            question=question[:200],
            text="The question is too long (over 2,000 characters).",
            outcome="refused",
            message="question too long",
        )
    return None


def _read_and_link(question: str, linker, choice: str | None):
    """(the question analysed, its links to the graph, whether `choice` pinned an ambiguous name)."""
    from .understand.text import analyse

    text, respelled = linker.respell(question)
    q = analyse(text, names=linker.ranking_names)
    links = linker.link(q)
    links.respelled = respelled
    _cap_mentions(links)
    pinned = False
    if choice:
        from .understand.clarify import fix_choice

        pinned = fix_choice(links, choice)
    return q, links, pinned


_ONE_VARIABLE = re.compile(r"^\s*SELECT\s+DISTINCT\s+(\?\w+)\s+WHERE\s*\{(.*)\}\s*$", re.S)


def _echoes_name(tokens: list[str], mentions, values: list[str]) -> str:
    """Why the answer says nothing, or '': 'who sent shipment 700' answered '700', 'who made the work with
    inventory number INV-1998-016' answered 'INV-1998-016': the very number or code the question names the thing
    by (read off the property that holds it)."""
    if len(values) != 1:
        return ""
    said = _bare(values[0])
    for m in mentions:
        if m.kind != "entity" or not said:
            continue
        if (tokens[m.end - 1].isdigit() and said == tokens[m.end - 1]) or said == _bare(m.text):
            return f"the attempt gives back {values[0]}, which the question names the thing by"
    return ""


_NOT_EXISTS = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{([^{}]*)\}", re.I)
_LINK = re.compile(r"(\?\w+)\s+(<[^<>\s]+>)\s+(\?\w+)")


def _excludes_what_it_needs(sparql: str) -> str:
    """Why an empty answer says nothing, or '': the query leaves out the things linked by a property and then
    asks for things linked to them by the same property ('artists who made no artwork, and what they made'): it
    could only ever find nothing."""
    outside = _LINK.findall(_NOT_EXISTS.sub(" ", sparql))
    for block in _NOT_EXISTS.findall(sparql):
        for s_, p, o in _LINK.findall(block):
            for s2, p2, o2 in outside:
                if p2 == p and (o2 == o and s2 != s_ or s2 == s_ and o2 != o):
                    return "the attempt leaves out what it then asks for, so it finds nothing"
    return ""


def _bare(text: str) -> str:
    """Letters and digits only, lower case: 'INV-1998-016' and 'inv 1998 016' are the same code."""
    return re.sub(r"[\W_]+", "", text).lower()


def _unnamed_nodes(res) -> bool:
    """Rows of blank nodes only: things with no name to show."""
    return res.outcome == Outcome.ROWS and all(t is None or t.kind == "bnode" for r in res.rows for t in r)


_AMOUNT_HEAD = re.compile(r"^\s*SELECT\s+(\(\s*(SUM|AVG|MIN|MAX)\s*\([^()]*\)\s+AS\s+\?\w+\s*\)\s*)+WHERE", re.I)


def _adds_up_nothing_maybe(res) -> bool:
    """One row of sums, averages or extremes, each 0 or unbound, from a query with no groups: SPARQL adds up
    an empty match to 0, which may be a true total or nothing at all."""
    if res.outcome != Outcome.ROWS or len(res.rows) != 1 or "GROUP BY" in res.sparql.upper():
        return False
    if not _AMOUNT_HEAD.match(res.sparql):
        return False
    return all(t is None or t.number() == 0 for t in res.rows[0])


def _asks_many(q, links) -> bool:
    """'How many cities ...', 'which cities ...': the things asked for are several, by the wording."""
    plural_class = any(m.start <= 2 and m.in_plural(q.tokens) for m in links.classes)
    return bool(q.cues.count) or plural_class or any(m.plural and m.start <= 2 for m in links.mentions)


def _many_found(res) -> bool:
    """The result holds several things (rows, or a count above one): of two readings scored alike, the one
    that finds several fits a question asking for several ('the cities in X': not its one capital)."""
    if res is None or res.outcome != Outcome.ROWS:
        return False
    if len(res.rows) > 1:
        return True
    cell = res.rows[0][0] if res.rows[0] else None
    number = cell.number() if cell is not None and "COUNT(" in res.sparql.upper() else None
    return number is not None and number > 1


def _cap_mentions(links) -> None:
    """Keep the MAX_MENTIONS best-linked mentions (and classes), in question order: generators combine
    mentions (a product over them), so a question naming dozens of items must not reach them whole."""
    for attr in ("mentions", "classes"):
        items = getattr(links, attr)
        if len(items) > MAX_MENTIONS:
            keep = sorted(items, key=lambda m: -m.score)[:MAX_MENTIONS]
            setattr(links, attr, sorted(keep, key=lambda m: m.start))


def _bare_adjective_unnamed(q, links, props: set[str], word_scores, named: set[str], similarities, schema) -> bool:
    """A superlative or comparative adjective standing alone ('the longest book', 'is A longer than B') that
    no property of the query fits, by its own word or the nouns WordNet makes of it ('long' -> length), nor
    is the graph's property nearest to them in meaning ('bigger' -> area): the query then ranks or compares
    by some number the words never name. Adjectives of time and age rank by dates, which the generator reads
    from the datatype, not the word."""
    from .generate.paths import AGE_ADJECTIVES, TIME_ADJECTIVES

    c = q.cues
    cue = c.superlative or c.comparative
    if not cue or not cue[1] or cue[1] in TIME_ADJECTIVES | AGE_ADJECTIVES:
        return False
    nxt = cue[2] + 1
    if nxt < len(q.tokens) and nxt in links.free and q.tokens[nxt] != "than":
        return False  # 'the largest population': the next word names what is ranked
    words = (cue[1], *attribute_nouns(cue[1]))
    if named & set(words):
        return False
    numeric = {p for p in props if (info := schema.prop(p)) is not None and info.is_numeric}
    if any(word_scores(q.tokens[i]).get(p, 0.0) >= 0.8 for i in links.free for p in numeric):
        return False  # 'a population that is larger than ...': another word names the number compared
    if any(word_scores(w).get(p, 0.0) >= 0.3 for w in words for p in props):
        return False
    near = {p: v for p, v in similarities(list(words)).items() if not p.startswith(_RDF_NAMESPACES)}
    return max(near, key=near.get, default=None) not in props


def _ranked_by_query(word: str, cues, sparql: str, unnamed: bool) -> bool:
    """The superlative or comparative adjective ('the most expensive', 'heavier than') when the query ranks
    or compares by a property that fits it (`unnamed` is False): the ranking carries the word out, so it is
    not left unexplained merely because its own spelling differs from the property's ('expensive' and
    price). A ranking by some number the adjective does not name (`unnamed`) leaves it unexplained."""
    from .understand.text import comparative_adjective, superlative_adjective

    cue = cues.superlative or cues.comparative
    if unnamed or not cue or not cue[1]:
        return False
    up = sparql.upper()
    if not any(k in up for k in ("MAX(", "MIN(", "ORDER BY", "FILTER(", "HAVING(")):
        return False
    return cue[1] in (word, superlative_adjective(word), comparative_adjective(word))


_RDF_NAMESPACES = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#")


#: words that make a unit of one after them ('3000 square metres', '2 cubic feet')
_UNIT_MODIFIERS = {"square", "sq", "cubic", "cu"}


def _comparison_words(q, free: set[int], sparql: str, props: set[str], word_scores) -> set[int]:
    """Positions of free words that state a comparison the query carries out with the number it gives: the
    comparison word ('after 1950', 'before 1945 and after 1955'), the unit after the number ('more than 15
    metres', 'between 50 and 75 minutes', '3000 square metres'), the words of a month compared ('in March
    2024'), and the verb naming what is compared ('appointments that lasted more than 45 minutes', 'orders
    placed after 1 March', 'took place before 2024'), a noun the verb takes ('took place') included but not an
    adjective, which names an attribute ('became independent'). A unit that names a property the query does not
    use is not carried out: 'more than 50 minutes' compared on a fee, where set_minutes exists, or 'less than 8
    euros' where prices have a currency the query does not check."""
    from .answer.confidence import stated_numbers_used
    from .understand.text import UNITS

    c = q.cues
    if not (c.compare or c.between or c.above_average) or "FILTER(" not in sparql.upper():
        return set()
    ats = [x[2] for x in (c.compare, c.also_compare, c.shared, c.also_time) if x]
    if c.between and "between" in q.tokens:
        ats.append(q.tokens.index("between"))
    averaged = c.above_average is not None and "AVG(" in sparql.upper()
    if averaged:  # 'trips that lasted longer than the average trip'
        ats.append(c.above_average[2])
    used = stated_numbers_used(q.tokens, sparql)
    out = set()
    if c.compare_day and c.compare_day in sparql:
        used |= set(c.compare_day_at)
        out |= set(c.compare_day_at)
    if not used and not averaged:
        return set()
    for i in sorted(used):
        j = i + 1
        while j < len(q.tokens) and (q.tokens[j] in UNITS or q.tokens[j] in _UNIT_MODIFIERS):
            if not any(v >= 0.5 and p not in props for p, v in word_scores(q.tokens[j]).items()):
                out.add(j)
            j += 1
    for at in ats:
        out.add(at)
        if at >= 1 and verb_form(q.tokens[at - 1]):
            out.add(at - 1)
        elif at >= 2 and verb_form(q.tokens[at - 2]):
            out.add(at - 2)
            if not is_adjective(q.tokens[at - 1]):
                out.add(at - 1)
    return out & free
