"""Refreshing one partner from Metakocka: the real client against the emulator on loopback, a real cache file;
the partner and its documents land through the ordinary upserts, a second refresh writes nothing."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.context.refresh import DOC_TYPES, refresh_partner
from mkdesk.core.erp.errors import BadCredentials
from tests.core.sync_support import client_for, serve


@pytest.fixture(scope="module")
def emulator():
    handle = serve()
    yield handle
    handle.close()


def busiest_partner(handle) -> tuple[str, dict[str, int]]:
    """The partner with the most documents in the emulator, and its documents per type (read through the API)."""

    async def main():
        async with client_for(handle) as client:
            per: dict[str, dict[str, int]] = {}
            for doc_type in DOC_TYPES:
                for doc in await client.search_all(doc_type):
                    if doc.partner is not None and doc.partner.mk_id:
                        counts = per.setdefault(doc.partner.mk_id, {})
                        counts[doc_type] = counts.get(doc_type, 0) + 1
            return per

    per = asyncio.run(main())
    mk_id = max(per, key=lambda k: sum(per[k].values()))
    return mk_id, per[mk_id]


def run_refresh(handle, db, mk_id, **kw):
    async def main():
        async with client_for(handle, **kw) as client:
            return await refresh_partner(client, db, mk_id, today=date.today())

    return asyncio.run(main())


def test_refresh_stores_the_partner_and_its_documents_then_writes_nothing(emulator, tmp_path):
    mk_id, per_type = busiest_partner(emulator)
    db = Database.open(tmp_path / "cache.sqlite3")
    try:
        first = run_refresh(emulator, db, mk_id)
        assert first.partner.mk_id == mk_id and first.documents > 0
        assert first.changes.get("partners").inserted == 1
        stored = db.read_sync(lambda c: dict(c.exec_driver_sql(
            "SELECT doc_type, count(*) FROM documents WHERE partner_mk_id = ? GROUP BY doc_type", (mk_id,)).all()))
        assert sum(stored.values()) == first.documents
        assert all(stored[t] <= per_type.get(t, 0) for t in stored)  # recent or unpaid ones: never someone else's
        assert first.changes.touches("documents")
        second = run_refresh(emulator, db, mk_id)
        assert second.documents == first.documents and not second.changes
    finally:
        db.close()


def test_unknown_partner_changes_nothing(emulator, tmp_path):
    db = Database.open(tmp_path / "cache.sqlite3")
    try:
        result = run_refresh(emulator, db, "999999999999")
        assert result.partner is None and result.documents == 0 and not result.changes
    finally:
        db.close()


def test_bad_credentials_pass_through_and_write_nothing(emulator, tmp_path):
    db = Database.open(tmp_path / "cache.sqlite3")
    try:
        with pytest.raises(BadCredentials):
            run_refresh(emulator, db, "1", secret="wrong-secret-0000000000")
        assert db.read_sync(lambda c: c.exec_driver_sql("SELECT count(*) FROM partners").scalar()) == 0
    finally:
        db.close()
