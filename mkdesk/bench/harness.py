"""Entry layer: bench plumbing — the emulator in its own process on loopback, and a request-recording transport.

The emulator runs as a separate `mkdesk emulator` process so that it does not share the GIL with the engine being
measured (as the real Metakocka does not). `RecordingTransport` keeps, in memory only, what a sync sent (bodies
contain the secret key: they are never printed or written) so the same requests can be replayed for the
fetch-only baseline.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date

import httpx


@dataclass(slots=True)
class EmulatorProcess:
    """A `mkdesk emulator` child process; `url`, `company_id`, `secret_key` come from its first stdout line."""

    process: subprocess.Popen
    url: str
    company_id: str
    secret_key: str

    @classmethod
    def start(cls, scale: str, seed: int, today: date, latency_ms: int = 0) -> EmulatorProcess:
        command = [
            sys.executable, "-m", "mkdesk", "emulator", "--scale", scale, "--seed", str(seed),
            "--today", today.isoformat(), "--latency-ms", str(latency_ms),
        ]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = process.stdout.readline() if process.stdout else ""
        if not line:
            process.kill()
            raise RuntimeError("the emulator did not start (no announcement on stdout)")
        hello = json.loads(line)
        return cls(process, hello["url"], hello["company_id"], hello["secret_key"])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


@dataclass(slots=True)
class Recorded:
    path: str
    content: bytes
    answer: bytes | None = None


@dataclass(slots=True)
class RecordingTransport(httpx.AsyncBaseTransport):
    """Delegates to a real HTTP transport and remembers each request (and optionally its answer body)."""

    inner: httpx.AsyncBaseTransport = field(default_factory=httpx.AsyncHTTPTransport)
    keep_answers_for: frozenset[str] = frozenset()
    max_answers: int = 0
    requests: list[Recorded] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        content = await request.aread()
        response = await self.inner.handle_async_request(request)
        entry = Recorded(request.url.path, content)
        self.requests.append(entry)
        name = request.url.path.rsplit("/", 1)[-1]
        if name in self.keep_answers_for and self.max_answers > 0:
            body = await response.aread()
            self.max_answers -= 1
            entry.answer = body
            return httpx.Response(response.status_code, headers=response.headers, content=body, request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


async def replay(base_url: str, requests: list[Recorded]) -> int:
    """POST the recorded requests again, one after another, reading every answer and doing nothing with it."""
    received = 0
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as http:
        for entry in requests:
            response = await http.post(
                entry.path, content=entry.content, headers={"Content-Type": "application/json; charset=utf-8"}
            )
            received += len(response.content)
    return received
