"""A tiny OpenAI-compatible chat server over an in-process transformers model (stdlib http.server).

    python -m kgquery.serve_model --model PATH_OR_HUB_ID [--host 127.0.0.1] [--port 8011]

Serves GET /v1/models, GET /health and POST /v1/chat/completions (with "stream": true as
server-sent events; with "logprobs": true the first reply token's logprobs and "top_logprobs"
alternatives, as a verifier reads them). Greedy decoding unless a temperature is sent; one generation at a time. Meant for tests and local
trials of the OpenAI client path, not for production: use vLLM there (docs/models.md).
A Lark grammar sent as vLLM sends it (``structured_outputs: {"grammar": ...}``, or the older
``guided_grammar``) is enforced with llguidance (kgquery.generate.guidance), so the client's
``--grammar-format vllm`` path can be tried end to end without a GPU (GBNF is not taken).
When KGQUERY_MODEL_API_KEY is set, requests must carry "Authorization: Bearer <that key>" (the
same variable the OpenAI client sends its key from, like VLLM_API_KEY for vLLM).
Prints "kgquery serve-model: listening on http://HOST:PORT/v1" once the model is loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Served:
    """The one model a server answers with: the loaded model, the name the API reports, the key it wants."""

    model: object
    name: str
    api_key: str | None


class ChatHandler(BaseHTTPRequestHandler):
    """OpenAI's chat routes over `served` (set by make_handler on a subclass per server)."""

    server_version = "kgquery-serve-model/0.1"
    served: Served

    def log_message(self, fmt, *args):  # quiet: no request lines on stderr
        pass

    def _send(self, code: int, body: dict) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, code: int, message: str) -> None:
        self._send(code, {"error": {"message": message, "type": "invalid_request_error", "code": code}})

    def _authorised(self) -> bool:
        api_key = self.served.api_key
        if not api_key:
            return True
        if self.headers.get("Authorization", "") == f"Bearer {api_key}":
            return True
        self._error(401, "missing or wrong API key")
        return False

    def do_GET(self):  # noqa: N802  (http.server's naming)
        if self.path.rstrip("/") in ("/health", "/v1/health"):
            return self._send(200, {"status": "ok"})
        if not self._authorised():
            return
        if self.path.rstrip("/") == "/v1/models":
            return self._send(
                200,
                {
                    "object": "list",
                    "data": [
                        {"id": self.served.name, "object": "model", "created": int(time.time()), "owned_by": "kgquery"}
                    ],
                },
            )
        self._error(404, f"no route {self.path}")

    def _read_request(self) -> tuple[dict, list] | None:
        """(the request body, its messages); None after answering 400 for a malformed one."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
            req = json.loads(self.rfile.read(length) or b"{}")
            messages = req["messages"]
            if not isinstance(messages, list) or not all(isinstance(m, dict) and "content" in m for m in messages):
                raise ValueError("messages must be a list of {role, content}")
        except (ValueError, KeyError) as e:
            self._error(400, f"bad request: {e}")
            return None
        return req, messages

    def do_POST(self):  # noqa: N802
        if not self._authorised():
            return
        if self.path.rstrip("/") != "/v1/chat/completions":
            return self._error(404, f"no route {self.path}")
        read = self._read_request()
        if read is None:
            return
        req, messages = read
        max_tokens = int(req.get("max_tokens") or req.get("max_completion_tokens") or 256)
        sampling = {"temperature": float(req.get("temperature") or 0.0), "seed": req.get("seed")}
        stop = req.get("stop")
        stop = [stop] if isinstance(stop, str) else stop
        lark = (req.get("structured_outputs") or {}).get("grammar") or req.get("guided_grammar")
        if lark:
            try:
                from .generate.guidance import GrammarLogitsProcessor, matcher

                matcher(lark)  # ValueError when it does not compile
                sampling["logits_processor"] = GrammarLogitsProcessor(lark, self.served.model.tokenizer)
            except (ImportError, ValueError) as e:
                return self._error(400, f"grammar not usable: {' '.join(str(e).split())[:200]}")
        cid = "chatcmpl-" + uuid.uuid4().hex[:24]
        created = int(time.time())
        if req.get("stream"):
            return self._stream(messages, max_tokens, stop, cid, created, sampling)
        choice: dict = {"index": 0, "finish_reason": "stop"}
        try:
            if req.get("logprobs"):  # the first token's distribution (what a verifier reads), one forward pass
                choice["logprobs"] = first_token_logprobs(self.served.model, messages, req.get("top_logprobs"))
            if req.get("logprobs") and max_tokens <= 1:
                text, choice["finish_reason"] = choice["logprobs"]["content"][0]["token"], "length"
            else:
                text = self.served.model.chat(messages, max_new_tokens=max_tokens, stop=stop, **sampling)
        except Exception as e:
            return self._error(500, f"generation failed: {' '.join(str(e).split())[:200]}")
        choice["message"] = {"role": "assistant", "content": text}
        self._send(
            200,
            {
                "id": cid,
                "object": "chat.completion",
                "created": created,
                "model": self.served.name,
                "choices": [choice],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            },
        )

    def _stream(self, messages, max_tokens, stop, cid, created, sampling) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()

        def event(delta: dict, finish: str | None = None) -> None:
            chunk = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": self.served.name,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode("utf-8"))
            self.wfile.flush()

        try:
            event({"role": "assistant", "content": ""})
            for piece in self.served.model.chat(
                messages, max_new_tokens=max_tokens, stop=stop, stream=True, **sampling
            ):
                event({"content": piece})
            event({}, "stop")
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def first_token_logprobs(model, messages: list, top_logprobs) -> dict:
    """OpenAI's `logprobs` object for the first reply token (greedy): its text and logprob and the
    `top_logprobs` most likely alternatives (at most 20, as OpenAI allows). Only the first token is
    scored, also when more are generated."""
    top = model.next_token_logprobs(messages, max(1, min(int(top_logprobs or 1), 20)))

    def entry(text: str, logprob: float) -> dict:
        return {"token": text, "logprob": logprob, "bytes": list(text.encode("utf-8"))}

    return {"content": [{**entry(*top[0]), "top_logprobs": [entry(t, lp) for t, lp in top]}]}


def make_handler(model, name: str, api_key: str | None) -> type[ChatHandler]:
    """The request handler class bound to one loaded model."""
    return type("Handler", (ChatHandler,), {"served": Served(model, name, api_key)})


def main(argv: list[str] | None = None) -> int:
    """Load the model, then serve until interrupted."""
    p = argparse.ArgumentParser(prog="kgquery serve-model", description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True, help="hub id, local folder or .gguf file (transformers)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8011, help="0 picks a free port")
    p.add_argument("--name", help="model name the API reports (default: the --model value)")
    args = p.parse_args(argv)

    from .errors import KgqueryError
    from .models.transformers_backend import TransformersChatModel

    try:
        model = TransformersChatModel(args.model).load()
    except KgqueryError as e:
        print(f"kgquery serve-model: error: {e}", file=sys.stderr)
        return 2
    name = args.name or args.model
    server = ThreadingHTTPServer(
        (args.host, args.port), make_handler(model, name, os.environ.get("KGQUERY_MODEL_API_KEY"))
    )
    host, port = server.server_address[:2]
    print(f"kgquery serve-model: listening on http://{host}:{port}/v1", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
