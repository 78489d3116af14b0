"""Tests for mkdesk.core.mail.imap_wire: modified UTF-7 names, UID sets, quoting and the parsing of IMAP answers."""

from __future__ import annotations

from mkdesk.core.mail.imap_wire import (
    decode_folder_name,
    encode_folder_name,
    parse_fetch,
    parse_list,
    parse_search,
    parse_select,
    quote,
    uid_set,
)

DONE = b"Completed (0.001 + 0.000 secs)."


def test_modified_utf7_round_trips_names():
    assert encode_folder_name("Poslano") == "Poslano"
    assert encode_folder_name("Računi & plačila") == "Ra&AQ0-uni &- pla&AQ0-ila"
    assert decode_folder_name("Ra&AQ0-uni &- pla&AQ0-ila") == "Računi & plačila"
    for name in ("Ž", "日本語", "a/b&c", "Entwürfe", "~peter/mail/台北/日本語", "😀 emoji"):
        assert decode_folder_name(encode_folder_name(name)) == name
    assert decode_folder_name("&Jjo-!") == "☺!"
    assert decode_folder_name("broken &@@- name") == "broken &@@- name"  # kept, never lost


def test_uid_set_and_quote():
    assert uid_set([3, 1, 2, 7, 9, 10, 10]) == "1:3,7,9:10"
    assert uid_set([5]) == "5"
    try:
        uid_set([])
    except ValueError:
        pass
    else:
        raise AssertionError("an empty UID set must be refused")
    assert quote('a "b" \\c') == '"a \\"b\\" \\\\c"'


def test_parse_list_quoted_atom_nil_and_literal_names():
    lines = [
        b'(\\HasNoChildren) "." INBOX',
        b'(\\HasNoChildren \\Sent) "/" "Sent Items"',
        b'(\\Noselect) NIL "Ra&AQ0-uni"',
        b'(\\HasNoChildren) "." {10}',
        bytearray(b'Odd "name"'),
        DONE,
    ]
    folders = parse_list(lines)
    assert [f.name for f in folders] == ["INBOX", "Sent Items", "Računi", 'Odd "name"']
    assert folders[1].delimiter == "/" and "\\Sent" in folders[1].flags
    assert folders[2].delimiter is None and not folders[2].selectable and folders[0].selectable


def test_parse_select_and_search():
    lines = [b"FLAGS (\\Answered \\Seen)", b"OK [PERMANENTFLAGS (\\Seen \\*)] Flags permitted.", b"7 EXISTS",
             b"0 RECENT", b"OK [UIDVALIDITY 1795511236] UIDs valid", b"OK [UIDNEXT 42] Predicted next UID",
             b"[READ-WRITE] Select completed."]
    status = parse_select("INBOX", lines)
    assert (status.uidvalidity, status.uidnext, status.exists) == (1795511236, 42, 7)
    assert parse_select("INBOX", [b"3 EXISTS", DONE]) is None  # no UIDVALIDITY: the client refuses the folder
    assert parse_search([b"1 4 9 16", DONE]) == [1, 4, 9, 16]
    assert parse_search([b"", DONE]) == []
    # untagged news during the search is not a UID list (a fake UID 5 or 3 would keep deleted mail, or worse)
    assert parse_search([b"5 EXISTS", b"1 4 9", b"3 EXPUNGE", b"2 FETCH (FLAGS (\\Seen))", b"1 RECENT", DONE]) == \
        [1, 4, 9]


def test_parse_fetch_reads_flags_after_the_literal_and_drops_unsolicited():
    lines = [
        b"1 FETCH (UID 4 BODY[] {3}", bytearray(b"abc"), b" FLAGS (\\Seen))",
        b"2 FETCH (FLAGS (\\Deleted))",  # an unsolicited flag update without a UID
        b"3 FETCH (UID 9 FLAGS () BODY[] {2}", bytearray(b"hi"), b")",
        DONE,
    ]
    assert parse_fetch(lines) == [(4, frozenset({"\\Seen"}), b"abc"), (9, frozenset(), b"hi")]
