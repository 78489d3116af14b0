"""The sender looked up in Metakocka by email: the real client against the emulator on loopback, stored into a real
cache through the ordinary upsert, then matched like any cached partner."""

from __future__ import annotations

import asyncio

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.context import lookup_sender_online, match_sender
from mkdesk.core.erp.errors import BadCredentials
from tests.core.sync_support import client_for, serve


@pytest.fixture(scope="module")
def emulator():
    handle = serve()
    yield handle
    handle.close()


def known_address(handle) -> tuple[str, str]:
    """An address of a contact person in the emulated company, and its partner's id (read from the emulator)."""

    async def main():
        async with client_for(handle) as client:
            return await client.all_partners()

    for p in asyncio.run(main()):
        for c in p.contacts:
            if c.email:
                return c.email, p.mk_id
    raise AssertionError("the emulated company has no contact email")


def test_found_partner_is_stored_and_then_matched_offline(emulator, tmp_path):
    address, mk_id = known_address(emulator)
    db = Database.open(tmp_path / "cache.sqlite3")

    async def main():
        async with client_for(emulator) as client:
            first = await lookup_sender_online(client, address.upper(), db=db)
            second = await lookup_sender_online(client, address, db=db)
            return first, second

    try:
        first, second = asyncio.run(main())
        assert [p.mk_id for p in first.partners] == [mk_id]
        (m,) = first.matches
        assert m.method == "online" and m.partner_mk_id == mk_id and "looked up online" in m.reason
        assert first.changes.get("partners").inserted == 1
        assert not second.changes  # unchanged: nothing rewritten
        offline = db.read_sync(lambda conn: match_sender(conn, address))
        assert offline[0].partner_id == m.partner_id and offline[0].method in ("contact_email", "partner_email")
    finally:
        db.close()


def test_unknown_address_finds_nothing_and_writes_nothing(emulator, tmp_path):
    db = Database.open(tmp_path / "cache.sqlite3")

    async def main():
        async with client_for(emulator) as client:
            return await lookup_sender_online(client, "nobody.at.all@nowhere-mkdesk.si", db=db)

    try:
        found = asyncio.run(main())
        assert found.partners == () and found.matches == () and not found.changes
        assert db.read_sync(lambda conn: conn.exec_driver_sql("SELECT count(*) FROM partners").scalar()) == 0
    finally:
        db.close()


def test_without_a_database_only_the_partners_come_back(emulator):
    address, mk_id = known_address(emulator)

    async def main():
        async with client_for(emulator) as client:
            return await lookup_sender_online(client, address)

    found = asyncio.run(main())
    assert [p.mk_id for p in found.partners] == [mk_id] and found.matches == ()


def test_errors_of_the_client_pass_through_and_bad_addresses_are_refused(emulator):
    async def main(secret, address):
        async with client_for(emulator, secret=secret) as client:
            return await lookup_sender_online(client, address)

    with pytest.raises(BadCredentials):
        asyncio.run(main("wrong-secret-0000000000", "a@b.si"))
    with pytest.raises(ValueError, match="is not an email address"):
        asyncio.run(main(emulator.secret_key, "not an address"))
