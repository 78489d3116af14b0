"""Core layer: `MetakockaClient`, the one HTTP road to Metakocka (asyncio; use it from one event loop only).

One long-lived `httpx.AsyncClient` per profile. Every call is a POST with JSON carrying `company_id` and
`secret_key` in the body (`metakocka-api.md` §1); the endpoint table picks the path family. Answers are checked
(HTTP status, HTML pages, JSON envelope and `opr_code`) and turned into typed errors (`errors.py`).
Reads are retried with exponential backoff and jitter on transport errors, 5xx/maintenance pages, truncated
answers and quota; writes are never retried: when a write's fate is unknown the client raises
`WriteOutcomeUnknown` so the caller looks the record up first. Searches run one at a time per company (an
`asyncio.Lock`) and all calls share a bounded `asyncio.Semaphore`. The secret key is revealed only while the
request body is built; it never reaches logs, errors or tracebacks. Answer bodies are read in pieces that hand the
event loop back every `YIELD_EVERY` bytes (the loop is the GUI thread in the app: a 43 MB answer read in one go held
it ~120 ms) and kept as chunks; answers of `wire.PIECES_FROM` bytes or more are checked and parsed from those chunks
on a worker thread, in pieces that let the event loop's thread run, never joined into one text (`jsonstream.py`).

The endpoint helpers (`search`, `get_document`, `product_list`, ...) come from the mixins in `documents.py`,
`partners.py` and `catalog.py`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from mkdesk.core.erp import wire
from mkdesk.core.erp.catalog import CatalogApi
from mkdesk.core.erp.documents import DocumentsApi
from mkdesk.core.erp.endpoints import Endpoint, Kind, endpoint
from mkdesk.core.erp.errors import (
    BadCredentials,
    MalformedResponse,
    MetakockaError,
    NotAnApi,
    QuotaExceeded,
    ServerUnavailable,
    TransportError,
    WriteOutcomeUnknown,
    classify,
)
from mkdesk.core.erp.partners import PartnersApi
from mkdesk.core.log import redact_value
from mkdesk.core.secrets import Secret

log = logging.getLogger(__name__)

SecretSource = Secret | Callable[[], Secret]
_MASK = "********"
#: bytes of an answer body read before the event loop gets a turn
YIELD_EVERY = 256 * 1024
_TEXT_FIELDS = ("opr_desc", "opr_desc_app", "error_desc")


@dataclass(frozen=True, slots=True)
class Answer:
    """What came back over HTTP: status, content type (lower case) and the body in the chunks it came in (a big
    body is never joined on the event loop's thread: 43 MB of fresh memory took ~100 ms to fill)."""

    status: int
    content_type: str
    chunks: list[bytes]

    @property
    def size(self) -> int:
        return sum(len(chunk) for chunk in self.chunks)

    def head(self, size: int = 512) -> bytes:
        """The body's first `size` bytes."""
        taken: list[bytes] = []
        for chunk in self.chunks:
            taken.append(chunk[: size - sum(map(len, taken))])
            if sum(map(len, taken)) >= size:
                break
        return b"".join(taken)

    def body(self) -> bytes:
        return self.chunks[0] if len(self.chunks) == 1 else b"".join(self.chunks)


async def read_body(response: httpx.Response, yield_every: int = YIELD_EVERY) -> list[bytes]:
    """The body of a streamed response as its chunks, the event loop getting a turn every `yield_every` bytes (a
    body already in the socket's buffer would otherwise be read to the end without one)."""
    parts: list[bytes] = []
    since = 0
    async for chunk in response.aiter_bytes():
        parts.append(chunk)
        since += len(chunk)
        if since >= yield_every:
            since = 0
            await asyncio.sleep(0)
    return parts


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds. Metakocka searches can take tens of seconds and writes with side effects longer (§5)."""

    connect: float = 10.0
    read: float = 60.0
    write: float = 120.0

    def for_kind(self, kind: Kind) -> httpx.Timeout:
        seconds = self.write if kind is Kind.WRITE else self.read
        return httpx.Timeout(seconds, connect=self.connect)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded retries for reads: exponential backoff with "equal jitter" (each wait in [cap/2, cap])."""

    attempts: int = 4  # tries in total, the first included
    base_delay: float = 0.5
    max_delay: float = 8.0
    quota_delay: float = 2.0  # a quota answer waits at least this long

    def delay(self, retry: int, rand: float, *, quota: bool = False) -> float:
        """Wait before retry number `retry` (0 = the first retry); `rand` in [0, 1)."""
        cap = min(self.max_delay, self.base_delay * (2**retry))
        if quota:
            cap = max(cap, self.quota_delay)
        return cap / 2 + rand * cap / 2


class MetakockaClient(DocumentsApi, PartnersApi, CatalogApi):
    """Async Metakocka API client for one company (profile). Create it on the loop that will use it."""

    def __init__(
        self,
        base_url: str,
        company_id: str,
        secret: SecretSource,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts = Timeouts(),
        max_concurrency: int = 2,
        retry: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], Awaitable[Any]] | None = None,
        rand: Callable[[], float] | None = None,
    ) -> None:
        if isinstance(secret, str):
            raise TypeError("pass the secret key as a Secret (or a callable returning one), never as a str")
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        self.base_url = base_url.rstrip("/")
        self.company_id = str(company_id)
        self._secret = secret
        self._timeouts = timeouts
        self._retry = retry
        self._sleep = sleep or asyncio.sleep
        self._rand = rand or random.random
        self._search_lock = asyncio.Lock()
        self._slots = asyncio.Semaphore(max_concurrency)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            transport=transport,
            timeout=timeouts.for_kind(Kind.READ),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
                "User-Agent": "mkdesk",
            },
            limits=httpx.Limits(max_connections=max_concurrency + 1, max_keepalive_connections=max_concurrency),
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"MetakockaClient({self.base_url!r}, company_id={self.company_id!r})"

    async def __aenter__(self) -> MetakockaClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def closed(self) -> bool:
        return self._http.is_closed

    # ----- public calls ------------------------------------------------------------------------------------------

    async def call(self, name: str, body: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """POST `body` to endpoint `name`; the decoded JSON envelope on success, a typed error otherwise."""
        ep = endpoint(name)
        if ep.binary:
            raise ValueError(f"{name} answers binary data; use call_binary()")
        result = await self._run(ep, body or {})
        assert isinstance(result, dict)
        return result

    async def call_binary(self, name: str, body: Mapping[str, Any] | None = None) -> bytes:
        """POST to a binary endpoint (`report`): the raw bytes; a JSON answer there is an error envelope."""
        ep = endpoint(name)
        if not ep.binary:
            raise ValueError(f"{name} answers JSON; use call()")
        result = await self._run(ep, body or {})
        assert isinstance(result, bytes)
        return result

    # ----- internals ---------------------------------------------------------------------------------------------

    def _secret_value(self) -> str:
        secret = self._secret if isinstance(self._secret, Secret) else self._secret()
        if not isinstance(secret, Secret):
            raise TypeError("the secret source must give a Secret")
        value = secret.reveal()
        redact_value(value)  # the log filter masks it too, should it ever reach a log line
        return value

    def _scrub(self, text: str) -> str:
        try:
            value = self._secret_value()
        except Exception:  # noqa: BLE001 - a broken keychain must not hide the original error
            return text
        return text.replace(value, _MASK) if len(value) >= 4 else text

    def _content(self, body: Mapping[str, Any]) -> bytes:
        payload = wire.encode(body)
        for key in ("secret_key", "company_id"):
            payload.pop(key, None)
        return json.dumps(
            {"secret_key": self._secret_value(), "company_id": self.company_id, **payload},
            ensure_ascii=False,
        ).encode("utf-8")

    async def _run(self, ep: Endpoint, body: Mapping[str, Any]) -> dict[str, Any] | bytes:
        content = self._content(body)
        retry = 0
        while True:
            started = time.monotonic()
            failure: MetakockaError | None = None
            try:
                result = await self._attempt(ep, content)
            except MetakockaError as err:
                failure = err
            else:
                log.debug("%s ok in %.0f ms", ep.name, (time.monotonic() - started) * 1000)
                return result
            log.info("%s failed (attempt %d): %s: %s", ep.name, retry + 1, type(failure).__name__, failure)
            if ep.kind is Kind.WRITE:
                raise _write_failure(failure, ep, body)
            if not failure.retryable or retry + 1 >= self._retry.attempts:
                raise failure
            delay = self._retry.delay(retry, self._rand(), quota=isinstance(failure, QuotaExceeded))
            log.info("%s: retrying in %.2f s", ep.name, delay)
            await self._sleep(delay)
            retry += 1

    async def _attempt(self, ep: Endpoint, content: bytes) -> dict[str, Any] | bytes:
        if ep.kind is Kind.SEARCH:
            async with self._search_lock:
                async with self._slots:
                    answer = await self._send(ep, content)
        else:
            async with self._slots:
                answer = await self._send(ep, content)
        if answer.size >= wire.PIECES_FROM:  # a big answer (the partners): parsed off the event loop
            return await asyncio.to_thread(self._interpret, ep, answer)
        return self._interpret(ep, answer)

    async def _send(self, ep: Endpoint, content: bytes) -> Answer:
        kind: str | None = None
        reason = ""
        try:
            request = self._http.build_request("POST", ep.path, content=content,
                                               timeout=self._timeouts.for_kind(ep.kind))
            response = await self._http.send(request, stream=True)
            try:
                chunks = await read_body(response)
            finally:
                await response.aclose()
            return Answer(response.status_code, response.headers.get("content-type", "").lower(), chunks)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            kind, reason = "connect", _describe(exc)
        except httpx.TimeoutException as exc:
            kind, reason = "timeout", _describe(exc)
        except httpx.UnsupportedProtocol as exc:
            kind, reason = "protocol", _describe(exc)
        except httpx.HTTPError as exc:  # dropped connection, protocol errors, broken content encoding
            kind, reason = "dropped", _describe(exc)
        # Raised here, outside the except blocks, so no __context__ leads back to the httpx request (and its body).
        detail = self._scrub(reason)
        if kind == "protocol":
            raise NotAnApi(f"not an http(s) address: {detail}", endpoint=ep.name)
        error = TransportError(f"{kind}: {detail}", endpoint=ep.name)
        error.transport_kind = kind  # type: ignore[attr-defined]
        raise error

    def _interpret(self, ep: Endpoint, answer: Answer) -> dict[str, Any] | bytes:
        status = answer.status
        ctype = answer.content_type
        size = answer.size
        head = answer.head().lstrip().lower()
        is_html = "text/html" in ctype or head.startswith((b"<!doctype", b"<html", b"<head", b"<body"))
        where = {"endpoint": ep.name}
        log.debug("%s: HTTP %s, %s, %d bytes", ep.name, status, ctype or "no content type", size)
        if status >= 500:
            raise ServerUnavailable(f"HTTP {status}", **where)
        if status == 404:
            page = "an HTML page" if is_html else "no API here"
            raise NotAnApi(f"HTTP 404 for {ep.path} ({page})", **where)
        if status == 429:
            raise QuotaExceeded("HTTP 429", **where)
        if status in (401, 403):
            raise BadCredentials(f"HTTP {status}", **where)
        if status == 408:
            raise TransportError("HTTP 408 request timeout", **where)
        if status != 200:
            raise MalformedResponse(f"unexpected HTTP {status}", retryable=False, **where)
        if is_html:
            raise ServerUnavailable("a web page instead of an API answer (maintenance?)", **where)
        if ep.binary and "json" not in ctype and not head.startswith(b"{"):
            if not size:
                raise MalformedResponse("empty document", retryable=True, **where)
            return answer.body()
        try:
            data = wire.parse_json(answer.chunks if size >= wire.PIECES_FROM else answer.body())
        except MalformedResponse as err:
            raise MalformedResponse(err.detail, retryable=err.retryable, **where) from None
        data.pop("secret_key", None)
        code = data.get("opr_code")
        if code is None or code == "":
            if ep.bare_success and "mk_id" in data:
                return data
            raise MalformedResponse("the answer has no opr_code", retryable=False, **where)
        if str(code).strip() == "0":
            if ep.binary:
                raise MalformedResponse("a JSON answer where a document was expected", **where)
            return data
        envelope = dict(data)
        for key in _TEXT_FIELDS:
            if isinstance(envelope.get(key), str):
                envelope[key] = self._scrub(envelope[key])
        raise classify(envelope, ep.name)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


_LOOKUP_KEYS = ("doc_type", "mk_id", "buyer_order", "count_code")


def _write_failure(error: MetakockaError, ep: Endpoint, body: Mapping[str, Any]) -> MetakockaError:
    """A failed write: keep definite answers; anything that leaves the outcome open becomes WriteOutcomeUnknown
    (carrying `lookup`: the identifying fields of the request, e.g. the buyer_order to search for)."""
    if isinstance(error, TransportError) and getattr(error, "transport_kind", None) == "connect":
        return TransportError(
            error.detail,
            endpoint=ep.name,
            retryable=False,
            code="write_not_sent",  # its sentence: errors.TEMPLATES
        )
    if isinstance(error, (TransportError, ServerUnavailable)) or (
        type(error) is MalformedResponse and error.retryable
    ):
        lookup = {k: str(body[k]) for k in _LOOKUP_KEYS if isinstance(body.get(k), (str, int))}
        return WriteOutcomeUnknown(f"{type(error).__name__}: {error.detail}", endpoint=ep.name, lookup=lookup)
    error.retryable = False
    return error
