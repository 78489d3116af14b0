"""Tests for mkdesk.bench.harness: the emulator child process, the recording transport and the replay."""

from __future__ import annotations

import asyncio
from datetime import date

import httpx

from mkdesk.bench.harness import EmulatorProcess, RecordingTransport, replay


def test_emulator_process_starts_and_stops():
    emulator = EmulatorProcess.start("tiny", 2, date(2026, 3, 2))
    try:
        assert emulator.url.startswith("http://127.0.0.1:")
        body = {"company_id": emulator.company_id, "secret_key": emulator.secret_key}
        answer = httpx.post(f"{emulator.url}/rest/eshop/v1/json/warehouse_list", json=body, timeout=30)
        assert answer.json()["opr_code"] == "0"
    finally:
        emulator.stop()
    assert emulator.process.poll() is not None


def test_recorded_requests_replay_to_the_same_answers():
    emulator = EmulatorProcess.start("tiny", 2, date(2026, 3, 2))
    body = {"company_id": emulator.company_id, "secret_key": emulator.secret_key}

    async def scenario():
        recorder = RecordingTransport(keep_answers_for=frozenset({"search"}), max_answers=1)
        async with httpx.AsyncClient(base_url=emulator.url, transport=recorder) as http:
            first = await http.post("/rest/eshop/v1/search", json={**body, "doc_type": "sales_order", "limit": 5})
            second = await http.post("/rest/eshop/v1/search", json={**body, "doc_type": "sales_offer", "limit": 5})
            stock = await http.post("/rest/eshop/v1/json/warehouse_stock", json=body)
        received = await replay(emulator.url, recorder.requests)
        return recorder, [first, second, stock], received

    try:
        recorder, answers, received = asyncio.run(scenario())
    finally:
        emulator.stop()
    assert [entry.path.rsplit("/", 1)[-1] for entry in recorder.requests] == ["search", "search", "warehouse_stock"]
    assert recorder.requests[0].answer == answers[0].content  # kept (max_answers=1) and still handed on intact
    assert recorder.requests[1].answer is None and recorder.requests[2].answer is None
    assert all(answer.json()["opr_code"] == "0" for answer in answers)
    assert received == sum(len(answer.content) for answer in answers)
