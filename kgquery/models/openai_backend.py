"""Any OpenAI-compatible chat server (vLLM, TGI, llama.cpp server, Ollama, hosted APIs), with urllib.

The API key comes from KGQUERY_MODEL_API_KEY or OPENAI_API_KEY (not KGQUERY_API_KEY: that one
guards `kgquery serve`, kgquery's own HTTP service) and is only ever put in the Authorization
header: never logged, never in an error message or repr (a server that echoes it gets it
redacted). Timeouts per request (KGQUERY_MODEL_TIMEOUT, default 120 s); connection failures,
429 and 5xx are retried with exponential backoff (KGQUERY_MODEL_RETRIES, default 2 retries).

Grammars: `chat(..., grammar=G)` sends the question's grammar (an object with ``.lark`` and
``.gbnf``, kgquery.generate.grammar.SparqlGrammar) the way the server takes it, chosen by
``grammar_format`` (KGQUERY_GRAMMAR_FORMAT, ``kgquery --grammar-format``):

- ``vllm``: ``structured_outputs: {"grammar": <Lark>}`` (vLLM >= 0.10.2; serve with the guidance backend),
- ``vllm-legacy``: ``guided_grammar: <Lark>`` (older vLLM),
- ``llamacpp``: ``grammar: <GBNF>`` (llama.cpp's llama-server, llama-cpp-python's server),
- ``none``: no grammar (the server decodes freely; validation and repair catch its mistakes),
- ``auto`` (the default): read from the server's /v1/models listing when kgquery fetches it anyway
  (the URL names no model): ``owned_by`` "vllm" or "llamacpp"; otherwise ``none``.
"""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.error
import urllib.request
from typing import Iterator

from ..errors import ModelError
from .urls import strip_userinfo

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
GRAMMAR_FORMATS = ("auto", "vllm", "vllm-legacy", "llamacpp", "none")
#: where the model server's key is read from, first found wins
KEY_VARIABLES = ("KGQUERY_MODEL_API_KEY", "OPENAI_API_KEY")


def _env_number(name: str, default: float) -> float:
    """A number from the environment; the default when unset or not a number."""
    try:
        return float(os.environ.get(name) or default)
    except ValueError:
        return default


def api_key_from_env() -> str:
    """The model server's API key from the environment ('' when none is set)."""
    return next((os.environ[v] for v in KEY_VARIABLES if os.environ.get(v)), "")


def grammar_fields(grammar, fmt: str) -> dict:
    """The request-body fields that carry `grammar` to a server of this kind ({} for none or auto).

    >>> class G: lark, gbnf = "start: ...", "root ::= ..."
    >>> grammar_fields(G, "vllm"), grammar_fields(G, "llamacpp"), grammar_fields(G, "none")
    ({'structured_outputs': {'grammar': 'start: ...'}}, {'grammar': 'root ::= ...'}, {})
    """
    if fmt == "vllm":
        return {"structured_outputs": {"grammar": grammar.lark}}
    if fmt == "vllm-legacy":
        return {"guided_grammar": grammar.lark}
    if fmt == "llamacpp":
        return {"grammar": grammar.gbnf}
    return {}


class OpenAIChatModel:
    """A chat model behind /v1/chat/completions (model '' = the first one /v1/models lists)."""

    supports_logits_processor = False
    supports_sampling = True

    def __init__(
        self,
        model: str,
        base_url: str,
        api_key: str | None = None,
        timeout_s: float | None = None,
        retries: int | None = None,
        backoff_s: float = 0.5,
        grammar_format: str | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        if not self.base_url.endswith("/v1") and "/v1/" not in self.base_url + "/":
            self.base_url += "/v1"
        self.shown_url = strip_userinfo(self.base_url)  # for names and messages
        self.model = model
        self._key = api_key if api_key is not None else api_key_from_env()
        self.timeout_s = timeout_s if timeout_s is not None else _env_number("KGQUERY_MODEL_TIMEOUT", 120)
        self.retries = retries if retries is not None else max(0, int(_env_number("KGQUERY_MODEL_RETRIES", 2)))
        self.backoff_s = backoff_s
        fmt = (grammar_format or os.environ.get("KGQUERY_GRAMMAR_FORMAT") or "auto").strip().lower()
        if fmt not in GRAMMAR_FORMATS:
            raise ModelError(f"grammar format '{fmt}': choose one of {', '.join(GRAMMAR_FORMATS)}")
        self.grammar_format = fmt

    @property
    def supports_grammar(self) -> bool:
        """True when requests carry the question's grammar (a format is set, or was detected); with
        `auto` and no model name this lists the server's models, raising ModelError as chat would."""
        if self.grammar_format == "auto" and not self.model:
            self._model_name()  # the listing chat needs anyway (ModelError as chat would raise it)
        return self.grammar_format not in ("auto", "none")

    @property
    def name(self) -> str:
        return f"openai:{self.model or '?'}@{self.shown_url}"

    def __repr__(self) -> str:  # never shows the key
        return f"OpenAIChatModel({self.model!r}, {self.shown_url!r})"

    # ------------------------------------------------------------------ HTTP
    def _redact(self, text: str) -> str:
        text = text.replace(self.base_url, self.shown_url)
        return text.replace(self._key, "***") if self._key else text

    def _open(self, path: str, body: dict | None = None, timeout: float | None = None):
        """Send one request with retries; return the open response (caller closes it)."""
        url = self.base_url + path
        headers = {"Accept": "application/json, text/event-stream"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff_s * 2 ** (attempt - 1))
            req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
            try:
                return urllib.request.urlopen(req, timeout=timeout or self.timeout_s)
            except urllib.error.HTTPError as e:
                detail = ""
                try:
                    detail = e.read(300).decode("utf-8", "replace")
                except Exception:
                    pass
                last = f"HTTP {e.code} from {strip_userinfo(url)}: {' '.join(self._redact(detail).split())[:200]}"
                if e.code in (401, 403):
                    raise ModelError(f"{last} (check KGQUERY_MODEL_API_KEY / OPENAI_API_KEY)") from None
                if e.code not in RETRY_STATUS:
                    raise ModelError(last) from None
            except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as e:
                reason = getattr(e, "reason", e)
                last = f"model server {self.shown_url} unreachable: {self._redact(str(reason))[:200]}"
        raise ModelError(f"{last} (after {self.retries + 1} tries)")

    def _json(self, path: str, body: dict | None = None) -> dict:
        with self._open(path, body) as resp:
            try:
                raw = resp.read()
            except (socket.timeout, TimeoutError, ConnectionError) as e:  # the body stalled or broke off
                raise ModelError(
                    f"model server {self.shown_url} stopped answering: {self._redact(str(e))[:200]}"
                ) from None
        try:
            return json.loads(raw)
        except ValueError:
            raise ModelError(f"model server {self.shown_url} answered something that is not JSON") from None

    def _model_name(self) -> str:
        if not self.model:
            data = self._json("/models").get("data") or []
            if not data:
                raise ModelError(f"model server {self.shown_url} lists no models; name one: openai:MODEL@URL")
            self.model = data[0]["id"]
            if self.grammar_format == "auto":
                owner = str(data[0].get("owned_by") or "").lower()
                self.grammar_format = {"vllm": "vllm", "llamacpp": "llamacpp"}.get(owner, "none")
        return self.model

    # ------------------------------------------------------------------ chat
    def chat(
        self,
        messages: list[dict],
        max_new_tokens: int = 256,
        stop: list[str] | None = None,
        logits_processor=None,
        stream: bool = False,
        temperature: float = 0.0,
        seed: int | None = None,
        grammar=None,
    ) -> str | Iterator[str]:
        """Greedy completion (temperature 0 unless given); `logits_processor` is ignored (the server decodes);
        `grammar` is sent in the server's format (module docstring) when one is set."""
        body = {
            "model": self._model_name(),
            "messages": messages,
            "max_tokens": max_new_tokens,
            "temperature": temperature,
            "stream": stream,
        }
        if seed is not None:
            body["seed"] = seed
        if stop:
            body["stop"] = list(stop)[:4]  # the OpenAI API accepts at most 4
        if grammar is not None:
            body.update(grammar_fields(grammar, self.grammar_format))
        if stream:
            return self._stream(body)
        data = self._json("/chat/completions", body)
        try:
            return (data["choices"][0]["message"].get("content") or "").strip()
        except (KeyError, IndexError, TypeError):
            raise ModelError(f"model server {self.shown_url} answered without choices") from None

    # ------------------------------------------------------------------ scoring
    def yes_probability(self, messages: list[dict], top_logprobs: int = 10) -> float:
        """P(yes) / (P(yes) + P(no)) for the first token of the reply, from the server's logprobs
        (one token generated: max_tokens=1, logprobs=true, top_logprobs); a ModelError when the
        server sends no logprobs or neither word is among its top tokens."""
        from .scoring import yes_share

        body = {
            "model": self._model_name(),
            "messages": messages,
            "max_tokens": 1,
            "temperature": 0.0,
            "logprobs": True,
            "top_logprobs": top_logprobs,
        }
        data = self._json("/chat/completions", body)
        try:
            first = data["choices"][0]["logprobs"]["content"][0]
            top = [(t["token"], float(t["logprob"])) for t in first.get("top_logprobs") or []]
            top = top or [(first["token"], float(first["logprob"]))]
        except (KeyError, IndexError, TypeError, ValueError):
            raise ModelError(
                f"model server {self.shown_url} returned no logprobs: scoring (--verify) needs a server "
                f"that answers logprobs=true (vLLM, llama.cpp server, kgquery serve-model do)"
            ) from None
        share = yes_share(top)
        if share is None:
            raise ModelError(
                f"model server {self.shown_url}: neither 'yes' nor 'no' is among the {len(top)} most likely first tokens"
            )
        return share

    def _stream(self, body: dict) -> Iterator[str]:
        resp = self._open("/chat/completions", body)
        try:
            for raw in resp:
                line = raw.decode("utf-8", "replace").strip()
                if not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    break
                try:
                    delta = json.loads(payload)["choices"][0].get("delta") or {}
                except (ValueError, KeyError, IndexError):
                    continue
                if delta.get("content"):
                    yield delta["content"]
        except (socket.timeout, TimeoutError, ConnectionError) as e:
            raise ModelError(f"model server {self.shown_url} stream broke off: {e}") from None
        finally:
            resp.close()
