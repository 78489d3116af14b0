"""Contract-test fixtures: the Metakocka emulator served on a loopback port, and a client pointed at it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

import pytest

from mkdesk.core.erp import MetakockaClient, RetryPolicy
from mkdesk.core.secrets import Secret
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.server import ServerHandle, serve_in_thread

T = TypeVar("T")
SECRET = "contract-secret-0123456789abcdef"
CONFIG = EmulatorConfig(seed=7, scale="tiny", today=date(2026, 3, 2), company_id="4711", secret_key=SECRET)
#: fast retries so fault tests stay quick (the schedule itself is unit-tested)
FAST_RETRY = RetryPolicy(attempts=8, base_delay=0.001, max_delay=0.01, quota_delay=0.01)


def make_client(handle: ServerHandle, **kw: Any) -> MetakockaClient:
    kw.setdefault("retry", FAST_RETRY)
    return MetakockaClient(kw.pop("base_url", handle.url), kw.pop("company_id", handle.company_id),
                           kw.pop("secret", Secret(handle.secret_key)), **kw)


def use(handle: ServerHandle, fn: Callable[[MetakockaClient], Awaitable[T]], **kw: Any) -> T:
    """Run `fn(client)` on a fresh event loop with a client for `handle`, closing the client afterwards."""

    async def main() -> T:
        async with make_client(handle, **kw) as client:
            return await fn(client)

    return asyncio.run(main())


def serve(**changes: Any):
    return serve_in_thread(replace(CONFIG, **changes))


@pytest.fixture(scope="module")
def emu() -> Iterator[ServerHandle]:
    """A shared emulator for read-only tests (do not write through it)."""
    with serve() as handle:
        yield handle


@pytest.fixture
def fresh() -> Iterator[ServerHandle]:
    """A private emulator for tests that write."""
    with serve() as handle:
        yield handle
