"""Helpers for client unit tests: a MockTransport-backed client that records request bodies."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx

from mkdesk.core.erp.client import MetakockaClient
from mkdesk.core.secrets import Secret


class Scripted:
    """Answers each endpoint from a dict (endpoint name → JSON answer or callable(body) → answer)."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        name = request.url.path.rsplit("/", 1)[-1]
        body = json.loads(request.content)
        self.calls.append((name, body))
        answer = self.answers[name]
        if callable(answer):
            answer = answer(body)
        return answer if isinstance(answer, httpx.Response) else httpx.Response(200, json=answer)

    def bodies(self, name: str) -> list[dict[str, Any]]:
        return [b for n, b in self.calls if n == name]


def run_with(answers: dict[str, Any], fn):
    """Run `fn(client)` against scripted answers; returns (result, Scripted)."""
    script = Scripted(answers)

    async def main():
        async with MetakockaClient("https://mk.test", "4711", Secret("unit-secret"),
                                   transport=httpx.MockTransport(script)) as client:
            return await fn(client)

    return asyncio.run(main()), script
