"""The `ChatModel` interface, model specs (`--model` values) and a process-wide model cache."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Iterator, Protocol, runtime_checkable

from ..errors import ModelError
from .urls import strip_userinfo  # noqa: F401  (re-exported: its old home)

Message = dict  # {"role": "system" | "user" | "assistant", "content": str}


@runtime_checkable
class ChatModel(Protocol):
    """A chat model: messages in, text out (or an iterator of text pieces when streaming)."""

    name: str
    #: True when `chat` honours `logits_processor` (in-process backends only)
    supports_logits_processor: bool

    def chat(
        self,
        messages: list[Message],
        max_new_tokens: int = 256,
        stop: list[str] | None = None,
        logits_processor=None,
        stream: bool = False,
    ) -> str | Iterator[str]:
        """Greedy completion of the conversation; raise ModelError when the model cannot answer.

        Backends with ``supports_sampling = True`` also take ``temperature`` and ``seed`` keyword
        arguments (the repair loop samples its retries, so a retry is not the same query again).
        """
        ...


@dataclass(frozen=True)
class ModelSpec:
    """A parsed `--model` value: which backend, which model, and where (for servers)."""

    kind: str  # 'transformers' or 'openai'
    model: str  # hub id, path or server-side model name ('' = ask the server)
    url: str | None = None

    def __str__(self) -> str:
        if self.kind == "openai":
            return f"openai:{self.model}@{self.url}" if self.model else f"openai:{self.url}"
        return f"{self.kind}:{self.model}"


def parse_model_spec(spec: str) -> ModelSpec:
    """Read a `--model` value.

    >>> parse_model_spec("transformers:HuggingFaceTB/SmolLM2-135M-Instruct")
    ModelSpec(kind='transformers', model='HuggingFaceTB/SmolLM2-135M-Instruct', url=None)
    >>> parse_model_spec("openai:Qwen/Qwen2.5-Coder-7B-Instruct@http://gpu:8000/v1")
    ModelSpec(kind='openai', model='Qwen/Qwen2.5-Coder-7B-Instruct', url='http://gpu:8000/v1')
    >>> parse_model_spec("http://127.0.0.1:8000/v1#smollm2")
    ModelSpec(kind='openai', model='smollm2', url='http://127.0.0.1:8000/v1')
    >>> parse_model_spec("model.Q4_K_M.gguf").kind
    'transformers'
    """
    spec = (spec or "").strip()
    if not spec:
        raise ModelError("empty model name")
    kind, sep, rest = spec.partition(":")
    kind = kind.lower()
    if kind in ("http", "https"):
        url, _, model = spec.partition("#")
        return ModelSpec("openai", model, url.rstrip("/"))
    if sep and kind in ("transformers", "hf", "huggingface"):
        if not rest:
            raise ModelError(f"'{spec}': give a hub id or a path after '{kind}:'")
        return ModelSpec("transformers", rest)
    if sep and kind == "openai":
        model, at, url = rest.rpartition("@") if "@http" in rest else (rest, "", "")
        if not at:
            model, url = (
                rest,
                os.environ.get("KGQUERY_OPENAI_URL")
                or os.environ.get("OPENAI_BASE_URL")
                or "https://api.openai.com/v1",
            )
        if model.startswith(("http://", "https://")):
            model, url = "", model
        return ModelSpec("openai", model, url.rstrip("/"))
    if spec.endswith(".gguf") or os.path.isdir(spec):
        return ModelSpec("transformers", spec)
    raise ModelError(
        f"unknown model '{spec}': use transformers:ID_OR_PATH, openai:MODEL@URL or a server URL (http://host:port/v1)"
    )


_CACHE: dict[str, ChatModel] = {}
_CACHE_LOCK = threading.Lock()


def load_chat_model(spec: str | ModelSpec) -> ChatModel:
    """The backend for `spec`, loaded once per process (weights are big; servers keep a session)."""
    ms = spec if isinstance(spec, ModelSpec) else parse_model_spec(spec)
    key = str(ms)
    with _CACHE_LOCK:
        if key not in _CACHE:
            if ms.kind == "transformers":
                from .transformers_backend import TransformersChatModel

                _CACHE[key] = TransformersChatModel(ms.model)
            else:
                from .openai_backend import OpenAIChatModel

                _CACHE[key] = OpenAIChatModel(ms.model, ms.url)
        return _CACHE[key]
