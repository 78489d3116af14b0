"""Emulator layer: injected faults (maintenance pages, dropped connections, truncated bodies, slowness, quota).

With probability `config.faults` (drawn from `random.Random(config.fault_seed)`) a request is answered with one
of `FAULT_KINDS` (or of `config.fault_kinds` when given, which may also name the opt-in `http_404`). The fault is decided *before* the handler runs, and a
faulted request never executes its handler, so faults never change data. Exceptions:
- "slow" runs the handler normally and only delays the reply (~2 × `config.fault_delay_ms`);
- with `switches.write_reply_lost`, a "drop" on a write endpoint applies the write and then drops the
  connection (the reply is lost), which is exactly the case that makes blind write retries dangerous.

A dropped connection sends the response head and part of the body, then aborts: under uvicorn the socket is
closed mid-body (the client sees a protocol/transport error); through `httpx.ASGITransport` the raised
`ConnectionDropped` is itself an `httpx.RemoteProtocolError`, so an in-process client sees the same error class.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import threading

from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send

from mkdesk.emulator.config import EmulatorConfig

try:  # httpx is a dependency of the project; the emulator only borrows its exception class
    from httpx import RemoteProtocolError as _DropBase
except ImportError:  # pragma: no cover
    _DropBase = ConnectionError  # type: ignore[assignment,misc]

FAULT_KINDS = ("http_500", "http_502", "http_503", "html_200", "drop", "truncated", "slow", "quota")
#: kinds only used when named in `config.fault_kinds` (a misrouting proxy answering the HTML 404 page)
OPTIONAL_FAULT_KINDS = ("http_404",)

MAINTENANCE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Metakocka - vzdrževanje</title></head>
<body><h1>Metakocka je trenutno v vzdrževanju</h1>
<p>Sistem bo kmalu ponovno dosegljiv. / The system is being upgraded and will be back shortly.</p></body></html>
"""


NOT_FOUND_HTML = """<!DOCTYPE html>
<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>
<p>The requested URL was not found on this server.</p></body></html>
"""


class ConnectionDropped(_DropBase):  # type: ignore[misc,valid-type]
    """Raised by the app to abort the connection in the middle of a reply (an injected fault)."""

    def __init__(self, message: str = "Server disconnected without sending a complete response.") -> None:
        super().__init__(message)


class DroppedResponse(Response):
    """Sends the response head and a piece of the body, then aborts the connection."""

    def __init__(self) -> None:
        super().__init__(content=b'{"opr_code":"0","opr_time_ms":"', media_type="application/json")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(k, v) for k, v in self.raw_headers if k.lower() != b"content-length"]
        headers.append((b"content-length", b"4096"))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": self.body, "more_body": True})
        raise ConnectionDropped()


class QuietDropFilter(logging.Filter):
    """Keeps uvicorn's error log free of the tracebacks of injected dropped connections."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, ConnectionDropped)


class FaultInjector:
    """Decides, per request, whether and how to misbehave (thread-safe, repeatable with a fault_seed)."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.rate = config.faults
        self.kinds = tuple(config.fault_kinds) or FAULT_KINDS
        unknown = [k for k in self.kinds if k not in FAULT_KINDS + OPTIONAL_FAULT_KINDS]
        if unknown:
            raise ValueError(f"unknown fault kinds: {', '.join(unknown)}")
        self.delay_s = config.fault_delay_ms / 1000
        self._rng = random.Random(config.fault_seed)
        self._lock = threading.Lock()
        self.injected: list[str] = []  # every fault handed out, in order (for tests and logs)

    def pick(self) -> str | None:
        if self.rate <= 0:
            return None
        with self._lock:
            if self._rng.random() >= self.rate:
                return None
            kind = self._rng.choice(self.kinds)
            self.injected.append(kind)
            return kind

    async def slow(self) -> None:
        await asyncio.sleep(2 * self.delay_s)

    def response(self, kind: str) -> Response:
        """The reply for a fault that does not run the handler."""
        if kind in ("http_500", "http_502", "http_503"):
            return HTMLResponse(MAINTENANCE_HTML, status_code=int(kind[-3:]))
        if kind == "http_404":
            return HTMLResponse(NOT_FOUND_HTML, status_code=404)
        if kind == "html_200":
            return HTMLResponse(MAINTENANCE_HTML, status_code=200)
        if kind == "drop":
            return DroppedResponse()
        if kind == "truncated":
            body = json.dumps(
                {"opr_code": "0", "opr_time_ms": "7", "opr_time_no_lock_ms": "7", "result": [{"mk_id": "4000"}]}
            ).encode()
            return Response(body[: len(body) // 2], media_type="application/json")
        if kind == "quota":
            body = json.dumps(
                {"opr_code": "5", "opr_time_ms": "0", "opr_time_no_lock_ms": "0", "opr_desc": "Quota exceeded"}
            ).encode()
            return Response(body, media_type="application/json")
        raise ValueError(kind)
