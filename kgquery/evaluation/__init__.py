"""Evaluation harness behind `kgquery eval`: question formats, set-F1 metrics, runs and reports.

from kgquery.evaluation import load_questions, run_eval
report = run_eval(kg, load_questions("questions.yml"), limit=10)
"""

from .formats import EvalQuestion, detect_format, load_questions
from .harness import GraphLoader, run_eval, run_eval_cli
from .metrics import norm_value, percentile, score, set_prf, summarize
from .report import markdown

__all__ = [
    "EvalQuestion",
    "detect_format",
    "load_questions",
    "GraphLoader",
    "run_eval",
    "run_eval_cli",
    "norm_value",
    "percentile",
    "score",
    "set_prf",
    "summarize",
    "markdown",
]
