"""Typed errors. Every message is one line a user can act on (the CLI prints it as is)."""

from __future__ import annotations


class KgqueryError(Exception):
    """Base class: a problem we can explain in one line."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


class LoadError(KgqueryError):
    """A graph file could not be read (missing, unknown format, syntax error, bad encoding)."""


class EmptyGraphError(LoadError):
    """The inputs parsed but hold no triples."""


class EndpointError(KgqueryError):
    """A SPARQL endpoint refused, timed out, or answered something that is not SPARQL results."""


class QueryRefused(KgqueryError):
    """A query was refused by the read-only guard before it ran."""


class ModelError(KgqueryError):
    """A language-model backend could not be loaded or did not answer."""
