"""The OpenAI-compatible client's failure handling against real HTTP servers on 127.0.0.1.

Each server here is a stdlib ThreadingHTTPServer that misbehaves on purpose (503 then success,
too slow, echoing the key back); the client talks real HTTP to it. The client against a real
model server process (kgquery.serve_model running SmolLM2) is in test_llm.py.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kgquery.errors import ModelError
from kgquery.models.openai_backend import OpenAIChatModel, api_key_from_env

KEY = "sk-test-5f0c9e1d"
MSGS = [{"role": "user", "content": "hi"}]


class Scripted(BaseHTTPRequestHandler):
    """Answers POSTs from the server's `script`: a list of (status, delay_s) taken in order."""

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):  # noqa: N802
        srv = self.server
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        srv.seen.append(self.headers.get("Authorization", ""))
        status, delay = srv.script.pop(0) if len(srv.script) > 1 else srv.script[0]
        time.sleep(delay)
        if status == 200:
            body = {"choices": [{"index": 0, "message": {"role": "assistant", "content": "SELECT ?x"}}]}
        else:  # a careless server that echoes the request's Authorization header
            body = {"error": {"message": f"overloaded; you sent {self.headers.get('Authorization')}"}}
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    srv.daemon_threads = True
    srv.script, srv.seen = [(200, 0.0)], []
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}/v1"
    yield srv
    srv.shutdown()
    srv.server_close()


def test_5xx_is_retried_with_backoff_then_succeeds(server):
    server.script = [(503, 0.0), (503, 0.0), (200, 0.0)]
    client = OpenAIChatModel("m", server.url, api_key=KEY, retries=2, backoff_s=0.05)
    assert client.chat(MSGS) == "SELECT ?x"
    assert server.seen == [f"Bearer {KEY}"] * 3


def test_retries_run_out_with_a_one_line_error_and_the_key_redacted(server, caplog):
    server.script = [(503, 0.0)]
    client = OpenAIChatModel("m", server.url, api_key=KEY, retries=1, backoff_s=0.01)
    with caplog.at_level(logging.DEBUG), pytest.raises(ModelError) as err:
        client.chat(MSGS)
    msg = str(err.value)
    assert msg.startswith("HTTP 503 from ") and msg.endswith("(after 2 tries)") and "\n" not in msg
    assert "Bearer ***" in msg and KEY not in msg  # the echoed key is redacted
    assert len(server.seen) == 2
    assert KEY not in caplog.text and KEY not in repr(client) and KEY not in client.name


def test_a_4xx_other_than_429_is_not_retried(server):
    server.script = [(400, 0.0)]
    client = OpenAIChatModel("m", server.url, api_key=KEY, retries=3, backoff_s=0.01)
    with pytest.raises(ModelError, match="HTTP 400"):
        client.chat(MSGS)
    assert len(server.seen) == 1


def test_a_slow_server_times_out_within_the_budget(server):
    server.script = [(200, 3.0)]
    client = OpenAIChatModel("m", server.url, api_key=KEY, timeout_s=0.3, retries=1, backoff_s=0.01)
    t0 = time.perf_counter()
    with pytest.raises(ModelError) as err:
        client.chat(MSGS)
    assert time.perf_counter() - t0 < 2.0
    assert "unreachable" in str(err.value) and "timed out" in str(err.value) and "(after 2 tries)" in str(err.value)


def test_the_model_key_is_not_the_service_key(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("KGQUERY_MODEL_API_KEY", raising=False)
    monkeypatch.setenv("KGQUERY_API_KEY", "service-key")  # guards `kgquery serve`: never sent to a model server
    assert api_key_from_env() == ""
    monkeypatch.setenv("OPENAI_API_KEY", "openai-key")
    assert api_key_from_env() == "openai-key"
    monkeypatch.setenv("KGQUERY_MODEL_API_KEY", "model-key")
    assert api_key_from_env() == "model-key"
    client = OpenAIChatModel("m", "http://me:pw@127.0.0.1:9/v1")
    assert client._key == "model-key"
    assert "model-key" not in repr(client) and "pw" not in repr(client) and "pw@" not in client.name
