"""App layer: the demo's emulator as a child process (`mkdesk emulator`), started from and tied to the GUI thread.

Served from a thread of the app, the emulator's generation and its JSON encoding of big answers (the partners:
43 MB at large) held the app's GIL, and the GUI thread stalled while they ran. In a child process they have their
own interpreter. The child is started with its URL, company and a fresh secret read from its first stdout line;
`close()` stops it, an `atexit` hook stops it when the app exits any other way, and on Linux the kernel kills it
when the thread that started it (the GUI thread) dies, so a crashed or killed app leaves no emulator behind.
`start` blocks (it waits for the child's first line): call it off the GUI thread; `spawn` is the part that must
run on a long-lived thread, for the death signal's sake.
"""

from __future__ import annotations

import atexit
import json
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

_PR_SET_PDEATHSIG = 1


def emulator_command(scale: str, seed: int, *, frozen: bool | None = None) -> list[str]:
    """The command line of `mkdesk emulator` from this executable (a PyInstaller bundle is the CLI itself)."""
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    head = [sys.executable, "emulator"] if frozen else [sys.executable, "-m", "mkdesk", "emulator"]
    return [*head, "--scale", scale, "--seed", str(seed)]


def _die_with_parent() -> Any:
    """A `preexec_fn` asking Linux to SIGTERM the child when its parent thread ends (None elsewhere)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl  # looked up now: between fork and exec nothing but the call itself may run

    def arm() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)

    return arm


@dataclass
class DemoServer:
    """A running `mkdesk emulator` child: `url`, `company_id`, `secret_key`; `close()` stops it."""

    process: subprocess.Popen
    url: str = ""
    company_id: str = ""
    secret_key: str = field(default="", repr=False)

    @classmethod
    def spawn(cls, command: list[str]) -> DemoServer:
        """Start the child (fast; on the GUI thread, which lives as long as the app)."""
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent(),  # noqa: PLW1509 - only prctl runs between fork and exec
        )
        server = cls(process)
        atexit.register(server.close)
        return server

    def wait_ready(self, timeout: float = 300.0) -> DemoServer:
        """Block until the child announces itself (it generates the company first); RuntimeError if it does not."""
        line: list[bytes] = []
        reader = threading.Thread(target=lambda: line.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        if not line or not line[0].strip():
            code = self.process.poll()
            self.close()
            why = f"it exited with code {code}" if code is not None else "it did not announce itself in time"
            raise RuntimeError(f"the demo emulator did not start ({why})")
        hello = json.loads(line[0])
        self.url, self.company_id, self.secret_key = hello["url"], hello["company_id"], hello["secret_key"]
        # nothing else is expected on stdout, but a full pipe would block the child: keep it drained
        threading.Thread(target=self._drain, name="demo-emulator-stdout", daemon=True).start()
        return self

    def _drain(self) -> None:
        stream = self.process.stdout
        try:
            while stream is not None and stream.read(65536):
                pass
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        """Stop the child (idempotent)."""
        atexit.unregister(self.close)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process.stdout is not None:
            try:
                self.process.stdout.close()
            except OSError:
                pass
