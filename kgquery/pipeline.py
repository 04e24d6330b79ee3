"""ask(): question -> linking -> generation -> validation -> execution -> answer."""
from __future__ import annotations

import time

from .graph import KnowledgeGraph
from .types import Answer


class KGQuery:
    """The question-answering engine over one KnowledgeGraph."""

    def __init__(self, kg: KnowledgeGraph, model: str | None = None):
        self.kg = kg
        self.model = model

    def ask(self, question: str) -> Answer:
        """Answer one question; never raises for the question's own faults."""
        t0 = time.perf_counter()
        return Answer(question=question, text="I cannot answer questions yet: no answering stage is installed.",
                      outcome="abstained", generator="none", timings={"total": time.perf_counter() - t0})
