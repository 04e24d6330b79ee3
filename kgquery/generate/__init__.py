"""Generators: a name -> factory registry (built-ins register exactly like plugins would).

A generator turns a linked question into scored candidate queries. Third-party packages can
add one through the entry point group `kgquery.generators`; it is loaded only when asked for.

The built-ins: `embedded` (rules over the schema and the linked entities, with `candidate`, `paths`,
`grouping`, `comparison` and `negation`) and `llm` (a language model), which uses `prompts` (the
messages), `constrain` (constrained decoding) and `validate` (parse, prefixes, known IRIs).
"""

from __future__ import annotations

import os
from typing import Callable

_REGISTRY: dict[str, Callable] = {}


def register(name: str, factory: Callable) -> None:
    """Make a generator available under `name`; factory(linker, **options) -> generator."""
    _REGISTRY[name] = factory


def get_generator(name, linker, **options):
    """The generator called `name` (None: the embedded default).

    A model spec (``transformers:ID_OR_PATH``, ``openai:MODEL@URL``, a server URL, a .gguf path, a
    model folder such as a `kgquery tune train` output)
    selects the language-model generator of that backend; a ChatModel object is used as is.
    """
    from ..errors import ModelError

    if name is not None and not isinstance(name, str):  # a ChatModel instance
        return _REGISTRY["model"](linker, model=name, **options)
    name = name or "embedded"
    if name not in _REGISTRY and (":" in name or name.endswith(".gguf") or os.path.isdir(name)):  # dir: a tuned model
        from ..models import parse_model_spec

        parse_model_spec(name)  # a one-line ModelError for a malformed spec
        return _REGISTRY["model"](linker, model=name, **options)
    if name not in _REGISTRY:
        from importlib.metadata import entry_points

        for ep in entry_points(group="kgquery.generators"):
            if ep.name == name:
                register(name, ep.load())
    if name not in _REGISTRY:
        raise ModelError(f"unknown generator '{name}'; available: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name](linker, **options)


def _embedded(linker, **options):
    from .embedded import EmbeddedGenerator

    return EmbeddedGenerator(linker)


def _model(linker, model, **options):
    from .llm import LLMGenerator

    return LLMGenerator(linker, model, **options)


register("embedded", _embedded)
register("model", _model)
