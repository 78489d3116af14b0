"""Emulator layer: serving the app over HTTP with uvicorn (blocking for the CLI, or in a thread for tests).

`serve(config)` binds loopback (port 0 = a free port), and once it listens writes exactly one first stdout line
of JSON: `{"url": "http://127.0.0.1:PORT", "company_id": "...", "secret_key": "..."}`.
`serve_in_thread(config, store=None)` starts the same server in a background thread and returns a
`ServerHandle` (a context manager: `with serve_in_thread(cfg) as handle: handle.url ...`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

import uvicorn
from starlette.applications import Starlette

from mkdesk.emulator.app import create_app
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.faults import QuietDropFilter
from mkdesk.emulator.model import Store

_quiet = QuietDropFilter()


def _print_ready(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited by accepted sockets (no 40 ms stalls)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class _Server(uvicorn.Server):
    """uvicorn with a 10 ms housekeeping tick, so a stop request takes effect quickly."""

    async def main_loop(self) -> None:
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 1) % 864000
            await asyncio.sleep(0.01)
            should_exit = await self.on_tick(counter // 10)


def _server(app: Starlette, log_config: dict | None) -> uvicorn.Server:  # type: ignore[type-arg]
    config = uvicorn.Config(
        app,
        log_level="warning",
        log_config=log_config,
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=1,
        timeout_keep_alive=5,
        server_header=False,
    )
    logging.getLogger("uvicorn.error").addFilter(_quiet)  # after Config(), which may (re)configure logging
    return _Server(config)


def serve(
    config: EmulatorConfig,
    host: str = "127.0.0.1",
    port: int = 0,
    ready: Callable[[str], None] = _print_ready,
    store: Store | None = None,
) -> None:
    """Run the emulator until interrupted; call `ready` with the JSON connection line once listening."""
    app = create_app(config, store)
    sock = _bind(host, port)
    server = _server(app, uvicorn.config.LOGGING_CONFIG)
    line = json.dumps(
        {"url": _url(sock), "company_id": app.state.store.company_id, "secret_key": app.state.store.secret_key}
    )

    async def main() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.01)
        if server.started:
            ready(line)
        await task

    try:
        asyncio.run(main())
    finally:
        sock.close()


@dataclass
class ServerHandle:
    """A running in-thread emulator: `url`, `store`, `config`, `app`; `close()` (or leaving `with`) stops it."""

    url: str
    store: Store
    config: EmulatorConfig
    app: Starlette
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _sock: socket.socket = field(repr=False)

    @property
    def company_id(self) -> str:
        return self.store.company_id

    @property
    def secret_key(self) -> str:
        return self.store.secret_key

    def credentials(self) -> dict[str, str]:
        return {"company_id": self.store.company_id, "secret_key": self.store.secret_key}

    def close(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)
        self._sock.close()

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def serve_in_thread(config: EmulatorConfig, store: Store | None = None, host: str = "127.0.0.1") -> ServerHandle:
    """Start the emulator on a free loopback port in a background thread (returns once it listens)."""
    app = create_app(config, store)
    sock = _bind(host, 0)
    server = _server(app, None)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as exc:  # pragma: no cover - surfaced to the caller below
            failure.append(exc)

    thread = threading.Thread(target=run, name="mk-emulator", daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        thread.join(0.005)
    if not server.started:
        sock.close()
        raise RuntimeError(f"emulator failed to start: {failure[0] if failure else 'unknown error'}")
    return ServerHandle(_url(sock), app.state.store, config, app, server, thread, sock)
