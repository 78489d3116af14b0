"""Tests for mkdesk.core.mail.imap against a real Dovecot: login, folders, UIDs, fetch, flags, TLS, typed errors."""

from __future__ import annotations

import asyncio
import logging
import ssl

import pytest

from mkdesk.core.mail.imap import (
    ImapAuthFailed,
    ImapClient,
    ImapConnectionLost,
    ImapEndpoint,
    ImapError,
    ImapTlsError,
    ImapUnreachable,
    probe,
)
from mkdesk.core.mail.imap_wire import encode_folder_name
from mkdesk.core.secrets import Secret
from tests.core.conftest import MAIL_PASSWORD, MAIL_USER
from tests.mail_server import free_port


def message(n: int, subject: str | None = None) -> bytes:
    return (
        f"From: Bob <bob@example.com>\r\nTo: alice@example.com\r\nSubject: {subject or f'Message {n}'}\r\n"
        f"Message-ID: <m{n}@example.com>\r\n\r\nBody of message {n}.\r\n"
    ).encode()


def endpoint(server, **over) -> ImapEndpoint:
    fields = dict(host=server.host, port=server.port, security="plain", username=MAIL_USER, timeout=5.0)
    fields.update(over)
    return ImapEndpoint(**fields)


def test_login_folders_select_fetch_and_flags(mail_server):
    mail_server.create_folder(MAIL_USER, encode_folder_name("Računi"))
    for n in range(1, 4):  # APPEND assigns UIDs in order (Maildir files would get them in directory order)
        mail_server.append(MAIL_USER, message(n))
    mail_server.append(MAIL_USER, message(4), seen=True)

    async def scenario():
        async with ImapClient(endpoint(mail_server), Secret(MAIL_PASSWORD)) as imap:
            folders = {f.name: f for f in await imap.list_folders()}
            status = await imap.select("INBOX")
            uids = await imap.uids_from(1)
            later = await imap.uids_from(3)
            past_end = await imap.uids_from(99)
            fetched = await imap.fetch(uids[:3])
            await imap.set_seen([uids[0]], True)
            await imap.set_seen([uids[3]], False)
            flags = await imap.flags(uids)
            sizes = await imap.sizes(uids + [99])
            empty = await imap.select("Računi")
            nothing = await imap.uids_from(1)
            return folders, status, uids, later, past_end, fetched, flags, empty, nothing, sizes

    folders, status, uids, later, past_end, fetched, flags, empty, nothing, sizes = asyncio.run(scenario())
    assert {"INBOX", "Računi"} <= set(folders)
    assert folders["Računi"].wire_name == "Ra&AQ0-uni"
    assert status.exists == 4 and status.uidnext == 5 and status.uidvalidity > 0
    assert uids == [1, 2, 3, 4] and later == [3, 4] and past_end == []
    assert [m.uid for m in fetched] == [1, 2, 3]
    assert fetched[1].raw.replace(b"\r\n", b"\n") == message(2).replace(b"\r\n", b"\n")
    assert not any(m.seen for m in fetched)  # BODY.PEEK: fetching did not mark them read
    assert "\\Seen" in flags[1] and "\\Seen" not in flags[4] and "\\Seen" not in flags[2]
    assert mail_server.flags(MAIL_USER)[1] >= {"\\Seen"}
    assert empty.exists == 0 and nothing == []
    assert sorted(sizes) == [1, 2, 3, 4] and sizes[2] == len(fetched[1].raw)  # UID 99 does not exist: absent


def test_wrong_password_is_a_clear_error_without_the_password(mail_server, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = 'Wr0ng"pass\\'

    async def scenario():
        await probe(endpoint(mail_server), Secret(wrong))

    with pytest.raises(ImapAuthFailed) as info:
        asyncio.run(scenario())
    text = info.value.user_message
    assert "rejected the user name or password" in text and MAIL_USER in text
    assert info.value.__context__ is None and info.value.__cause__ is None
    assert wrong not in text and wrong not in repr(info.value) and wrong not in caplog.text
    assert "Wr0ng" not in caplog.text


def test_unreachable_server_says_so():
    ep = ImapEndpoint("127.0.0.1", free_port(), "plain", MAIL_USER, timeout=3)
    with pytest.raises(ImapUnreachable) as info:
        asyncio.run(probe(ep, Secret("x")))
    assert "refused" in info.value.user_message and str(ep.port) in info.value.user_message
    assert info.value.kind == "refused" and info.value.__context__ is None  # no chain back to the socket


def test_unknown_folder_is_a_command_error(mail_server):
    async def scenario():
        async with ImapClient(endpoint(mail_server), Secret(MAIL_PASSWORD)) as imap:
            await imap.select("Nope")

    with pytest.raises(ImapError) as info:
        asyncio.run(scenario())
    assert "Nope" in info.value.user_message


def test_server_gone_mid_session_fails_fast_with_connection_lost(mail_server):
    mail_server.deliver(MAIL_USER, message(1))

    async def scenario():
        async with ImapClient(endpoint(mail_server, timeout=30), Secret(MAIL_PASSWORD)) as imap:
            await imap.select("INBOX")
            mail_server.stop()
            loop = asyncio.get_running_loop()
            started = loop.time()
            with pytest.raises(ImapConnectionLost) as info:
                await imap.fetch([1])
            return loop.time() - started, info.value

    elapsed, error = asyncio.run(scenario())
    assert elapsed < 5  # not the 30 s command timeout
    assert "was lost" in error.user_message and error.__context__ is None


def test_tls_and_starttls_with_an_explicitly_trusted_certificate(tls_mail_server):
    server = tls_mail_server
    server.deliver(MAIL_USER, message(1))

    async def scenario(ep):
        async with ImapClient(ep, Secret(MAIL_PASSWORD)) as imap:
            await imap.select("INBOX")
            return [m.uid for m in await imap.fetch(await imap.uids_from(1))]

    tls = endpoint(server, port=server.tls_port, security="tls", cafile=str(server.cert))
    assert asyncio.run(scenario(tls)) == [1]
    starttls = endpoint(server, security="starttls", ssl_context=server.ssl_context())
    assert asyncio.run(scenario(starttls)) == [1]


def test_untrusted_certificate_is_refused_never_ignored(tls_mail_server):
    server = tls_mail_server
    for ep in (endpoint(server, port=server.tls_port, security="tls"), endpoint(server, security="starttls")):
        with pytest.raises(ImapTlsError) as info:
            asyncio.run(probe(ep, Secret(MAIL_PASSWORD)))
        assert "not trusted" in info.value.user_message


def test_tls_against_a_plain_port_is_a_tls_error(mail_server):
    ep = endpoint(mail_server, security="tls", ssl_context=ssl.create_default_context())
    with pytest.raises(ImapTlsError) as info:
        asyncio.run(probe(ep, Secret(MAIL_PASSWORD)))
    assert "did not start a secure" in info.value.user_message


def test_starttls_missing_is_a_tls_error(mail_server):
    with pytest.raises(ImapTlsError) as info:
        asyncio.run(probe(endpoint(mail_server, security="starttls"), Secret(MAIL_PASSWORD)))
    assert "STARTTLS" in info.value.user_message


def test_endpoint_rejects_unknown_security():
    with pytest.raises(ValueError):
        ImapEndpoint("h", 1, "ssl3", "u")
    with pytest.raises(TypeError):
        ImapClient(ImapEndpoint("h", 1, "tls", "u"), "plain text")  # type: ignore[arg-type]
