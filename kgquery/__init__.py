"""kgquery: ask a knowledge graph questions in plain language, get grounded SPARQL and answers."""

from .answer.types import Answer, Outcome, QueryResult, Term
from .errors import KgqueryError
from .graph import KnowledgeGraph
from .graph.execute import Limits
from .pipeline import KGQuery

__all__ = ["KnowledgeGraph", "KGQuery", "Answer", "QueryResult", "Outcome", "Term", "Limits", "KgqueryError"]
__version__ = "0.1.0"
