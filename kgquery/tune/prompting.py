"""The prompt `ask` builds for a question, reused for training data so train-time and ask-time prompts match.

`AskPrompter` follows the pipeline's first model attempt step by step: analyse the question, link it
with the same Linker the pipeline builds (embeddings when installed), cap mentions, ground it with
`LLMGenerator.ground`, pick graph-built examples with `LLMGenerator.pick_examples`, and render the
conversation with `prompts.sparql_messages`. No model is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class AskPrompter:
    """Builds ask-time messages for questions over one graph."""

    kg: object
    embeddings: bool | None = None  # None: as the pipeline does (on when installed)
    examples: int | None = None  # None: KGQUERY_EXAMPLES or the pipeline default

    def __post_init__(self):
        from ..generate.llm import LLMGenerator
        from ..pipeline import KGQuery

        self.engine = KGQuery(self.kg, model=None, embeddings=self.embeddings)
        self.linker = self.engine.linker
        # the model spec is never loaded: only grounding and example picking are used
        self.generator = LLMGenerator(self.linker, "transformers:unused", examples=self.examples)

    def messages(self, question: str) -> tuple[list[dict], list[str]]:
        """(chat messages, IRIs of the linked entities) for `question`, as `ask` would build them."""
        from ..generate.prompts import sparql_messages
        from ..pipeline import _cap_mentions
        from ..understand.text import analyse

        q = analyse(question)
        links = self.linker.link(q)
        _cap_mentions(links)
        g = self.generator.ground(q, links)
        ex = self.generator.pick_examples(q, g)
        msgs = sparql_messages(q.text, g.schema_text, g.entities, g.values, g.properties, g.classes, ex)
        return msgs, sorted(g.node_iris)

    def example_iris(self) -> set[str]:
        """Entities that the graph-built prompt examples name (they are seen in every split's prompts)."""
        out: set[str] = set()
        for ex in self.generator.examples():
            out |= {e.term.strip("<>") for e in ex.entities}
        return out
