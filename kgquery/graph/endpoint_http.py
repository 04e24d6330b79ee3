"""HTTP for SPARQL endpoints with totals, not per-read limits.

A socket timeout bounds each read, so an endpoint that drips a byte a second is never "late"; and
reading the whole body before capping the rows lets one answer of 200 MB take gigabytes. Here one
deadline covers the whole exchange (a timer shuts the socket when it passes), the bytes read are
capped, and the rows are parsed as they arrive, so reading stops at the row cap.
"""

from __future__ import annotations

import codecs
import http.client
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

#: the most an endpoint's answer may take on the wire, whatever the row cap
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
_CHUNK = 64 * 1024


class TooLarge(Exception):
    """The answer passed the byte cap before the row cap was reached."""


class _Watch:
    """Remembers the socket of the exchange; at the deadline shuts it, which ends any blocked read."""

    def __init__(self, seconds: float):
        self.sock: socket.socket | None = None
        self.expired = False
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

    def _expire(self) -> None:
        self.expired = True
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()


def _handlers(watch: _Watch) -> list:
    """urllib handlers whose connections tell `watch` their socket (proxies and redirects still work)."""

    class Conn(http.client.HTTPConnection):
        def connect(self):
            super().connect()
            watch.sock = self.sock

    class SConn(http.client.HTTPSConnection):
        def connect(self):
            super().connect()
            watch.sock = self.sock

    class Handler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(Conn, req)

    class SHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(SConn, req)

    return [Handler(), SHandler()]


class Exchange:
    """One POST of form fields, bounded in total time; `chunks()` yields the body within the byte cap.

    Use as a context manager. Raises TimeoutError at the deadline (connecting, waiting or reading),
    urllib.error.HTTPError / URLError as urllib does (an HTTPError is read with `chunks()` too).
    """

    def __init__(
        self,
        url: str,
        fields: list[tuple[str, str]],
        headers: dict[str, str],
        timeout_s: float,
        max_bytes: int = MAX_RESPONSE_BYTES,
    ):
        self.url, self.timeout_s, self.max_bytes = url, max(0.05, float(timeout_s)), max_bytes
        self._data = urllib.parse.urlencode(fields).encode("ascii")
        self._headers = {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": "kgquery", **headers}
        self._watch = _Watch(self.timeout_s)
        self._deadline = 0.0
        self.response = None
        self.status = 0
        self.headers: dict[str, str] = {}

    def __enter__(self) -> Exchange:
        self._deadline = time.monotonic() + self.timeout_s
        self._watch.start()
        opener = urllib.request.build_opener(*_handlers(self._watch))
        req = urllib.request.Request(self.url, data=self._data, headers=self._headers, method="POST")
        try:
            self.response = opener.open(req, timeout=self.timeout_s)
        except urllib.error.HTTPError as e:
            self.response = e
        except BaseException:
            self.close()
            if self._watch.expired:
                raise TimeoutError() from None
            raise
        self.status = getattr(self.response, "status", None) or self.response.getcode()
        self.headers = {k.lower(): v for k, v in self.response.headers.items()}
        return self

    def chunks(self) -> Iterator[bytes]:
        """The body as it arrives; TimeoutError at the deadline, TooLarge past the byte cap."""
        total = 0
        while True:
            try:
                chunk = self.response.read1(_CHUNK)
            except (OSError, ValueError, http.client.HTTPException):
                if self._watch.expired or time.monotonic() >= self._deadline:
                    raise TimeoutError() from None
                raise
            if self._watch.expired:
                raise TimeoutError()
            if not chunk:
                return
            total += len(chunk)
            if total > self.max_bytes:
                raise TooLarge()
            yield chunk

    def close(self) -> None:
        self._watch.cancel()
        if self.response is not None:
            try:
                self.response.close()
            except OSError:
                pass

    def __exit__(self, *exc) -> None:
        self.close()


# --------------------------------------------------------------------------- answers as they arrive

_BINDINGS = re.compile(r'"bindings"\s*:\s*\[')
_SKIP = re.compile(r"[\s,]*")


class CutShort(Exception):
    """The body ended inside the results (a server that stopped at its own time limit)."""


def read_select(chunks: Iterator[bytes], max_rows: int) -> tuple[dict, list[dict]]:
    """SPARQL JSON results read as they arrive: (the object without its bindings, up to max_rows + 1
    bindings). Stops reading once it has max_rows + 1 rows: more than that says "truncated".

    Raises ValueError (not JSON results) or CutShort.
    """
    decode = codecs.getincrementaldecoder("utf-8")().decode
    dec = json.JSONDecoder()
    buf, pos, rows, start, prefix = "", 0, [], None, ""
    ended = False
    retry_at = 0  # after a row that was not all here, wait until the buffer doubles (no quadratic rescans)
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            ended = True
            chunk = b""
        buf += decode(chunk, final=ended)
        if start is None:
            m = _BINDINGS.search(buf)
            if m is None:
                if ended:  # an ASK answer, an error page, or results without bindings
                    return _whole(buf), []
                continue
            prefix, buf, pos, start = buf[: m.start()], buf[m.end() :], 0, True
        while len(rows) <= max_rows and (ended or len(buf) >= retry_at):
            pos = _SKIP.match(buf, pos).end()
            if pos < len(buf) and buf[pos] == "]":
                return _head(prefix), rows
            try:
                obj, end = dec.raw_decode(buf, pos)
            except json.JSONDecodeError:
                retry_at = len(buf) + max(_CHUNK, len(buf) - pos)
                break  # the row is not all here yet
            rows.append(obj)
            pos = end
        if len(rows) > max_rows:
            return _head(prefix), rows
        if pos:
            retry_at -= pos
            buf, pos = buf[pos:], 0
        if ended:
            raise CutShort()


def _whole(text: str) -> dict:
    try:
        data = json.loads(text)
    except ValueError:
        if text.lstrip().startswith("{") and '"head"' in text[:200]:
            raise CutShort() from None
        raise ValueError(" ".join(text[:120].split())) from None
    if not isinstance(data, dict) or ("boolean" not in data and "results" not in data):
        raise ValueError(" ".join(text[:120].split()))
    return data


def _head(prefix: str) -> dict:
    """The results object before its bindings, closed: {'head': ..., 'results': {...}}."""
    data = json.loads(prefix + '"bindings": []}}')
    if not isinstance(data, dict) or "head" not in data:
        raise ValueError("no head before the results")
    return data


def read_lines(chunks: Iterator[bytes], enough) -> bool:
    """Feed whole lines (bytes) to `enough(lines)` as they arrive until it returns True; True if it did."""
    rest = b""
    for chunk in chunks:
        rest += chunk
        cut = rest.rfind(b"\n")
        if cut >= 0:
            lines, rest = rest[: cut + 1], rest[cut + 1 :]
            if enough(lines):
                return True
    return bool(rest) and enough(rest + b"\n")
