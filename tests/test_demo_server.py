"""Tests for mkdesk.demo_server: the demo's emulator child process answers, stops on close and dies with the app."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import time

import pytest

from mkdesk.core.erp.client import MetakockaClient
from mkdesk.core.secrets import Secret
from mkdesk.demo_server import DemoServer, emulator_command


def test_command_runs_the_module_or_the_bundle():
    assert emulator_command("tiny", 5, frozen=False) == [
        sys.executable, "-m", "mkdesk", "emulator", "--scale", "tiny", "--seed", "5"]
    assert emulator_command("large", 1, frozen=True) == [
        sys.executable, "emulator", "--scale", "large", "--seed", "1"]


def test_child_serves_the_api_and_stops_on_close():
    server = DemoServer.spawn(emulator_command("tiny", 5)).wait_ready()
    try:
        assert server.url.startswith("http://127.0.0.1:") and server.company_id and server.secret_key
        assert server.secret_key not in repr(server)

        async def ask():
            async with MetakockaClient(server.url, server.company_id, Secret(server.secret_key)) as client:
                return await client.call("warehouse_list")

        answer = asyncio.run(ask())
        assert str(answer["opr_code"]) == "0" and answer["warehouse_list"]
    finally:
        server.close()
    assert server.process.poll() is not None
    server.close()  # a second close is harmless


def test_a_child_that_cannot_start_is_a_clear_error():
    server = DemoServer.spawn([sys.executable, "-c", "import sys; sys.exit(3)"])
    with pytest.raises(RuntimeError, match="did not start.*exited with code 3"):
        server.wait_ready(timeout=30)
    assert server.process.poll() == 3


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's prctl")
def test_child_does_not_outlive_a_killed_app(tmp_path):
    app = textwrap.dedent("""
        import os, signal
        from mkdesk.demo_server import DemoServer, emulator_command
        server = DemoServer.spawn(emulator_command("tiny", 5)).wait_ready()
        print(server.process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # a crash: no atexit, no close()
    """)
    done = subprocess.run([sys.executable, "-c", app], capture_output=True, text=True, timeout=120,
                          cwd=os.getcwd())
    assert done.returncode == -9, done.stderr[-2000:]
    child = int(done.stdout.split()[0])
    deadline = time.monotonic() + 15
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(child)
