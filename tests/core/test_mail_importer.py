"""Tests for mail import on real files and a real cache: .eml, mbox (tolerant splitting, >From escapes, Status
flags, junk before the first separator), Maildir (cur/new, S flag, Maildir++ subfolders), per-file errors that keep
the rest, re-import = duplicates only, and an mbox streamed with memory for one message."""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdesk.core.cache.db import Database
from mkdesk.core.mail import importer as I

CORPUS = Path(__file__).resolve().parents[1] / "data" / "mail"


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "cache.sqlite")
    yield database
    database.close()


def _msg(n: int, body: str = "hello", extra: str = "") -> bytes:
    return (f"From: Ana <ana{n}@kupec.si>\nSubject: message {n}\nDate: Tue, 24 Nov 2026 10:00:00 +0100\n{extra}\n"
            f"{body} {n}\n").encode()


def _rows(db: Database, sql: str, *args):
    return db.read_sync(lambda c: c.exec_driver_sql(sql, args).fetchall())


def _mbox(path: Path, *messages: bytes) -> Path:
    path.write_bytes(b"".join(b"From sender@x Tue Nov 24 10:00:00 2026\n" + m + b"\n" for m in messages))
    return path


def test_eml_files_and_directories(db, tmp_path):
    mails = tmp_path / "mails"
    shutil.copytree(CORPUS, mails)
    report = I.import_paths(db, [mails / "nested_mixed.eml"])
    assert (report.imported, report.duplicates, report.errors) == (1, 0, ())
    assert report.changes.get("mail").inserted == 1
    report = I.import_paths(db, [mails])  # the whole folder: the one already there is a duplicate
    count = len(list(CORPUS.glob("*.eml")))
    assert (report.imported, report.duplicates, report.errors) == (count - 1 + 3, 1, ())  # + sample.mbox
    assert _rows(db, "SELECT name, kind FROM mail_accounts") == [("Imported", "import")]
    assert sorted(_rows(db, "SELECT name FROM mail_folders")) == [(str(mails),), (str(mails / "sample.mbox"),)]
    subjects = {r[0] for r in _rows(db, "SELECT subject FROM messages")}
    assert "Naročilo št. 2026-00042" in subjects


def test_the_sample_mbox(db):
    report = I.import_paths(db, [CORPUS / "sample.mbox"])
    assert (report.imported, report.errors) == (3, ())
    rows = _rows(db, "SELECT subject, seen, body_text FROM messages ORDER BY id")
    assert [(r[0], r[1]) for r in rows] == [("first", 1), ("second", 0), ("tretje sporočilo", 0)]
    assert rows[0][2] == "Hello,\nFrom the archive: an escaped line."
    assert rows[1][2].endswith("From my phone (not a separator: no blank line before and not a From_ shape)")


def test_mbox_splits_only_at_separators_after_blank_lines(db, tmp_path):
    body_with_from = "Hi,\nFrom here on, prices change.\n\n>From the archive: quoted\n"
    box = _mbox(tmp_path / "Inbox.mbox", _msg(1), _msg(2, body_with_from), _msg(3, extra="Status: RO\n"))
    report = I.import_paths(db, [box])
    assert (report.imported, report.errors) == (3, ())
    rows = _rows(db, "SELECT subject, body_text, seen, source FROM messages ORDER BY id")
    assert [r[0] for r in rows] == ["message 1", "message 2", "message 3"]
    assert "From here on, prices change." in rows[1][1] and "\nFrom the archive: quoted" in rows[1][1]
    assert [r[2] for r in rows] == [0, 0, 1]
    assert rows[0][3] == f"{box}#1"
    raw = _rows(db, "SELECT raw FROM message_raw ORDER BY message_id")[0][0]
    assert raw == _msg(1)  # the separator line and the blank line before the next one are not part of it
    again = I.import_paths(db, [box])
    assert (again.imported, again.duplicates, bool(again.changes)) == (0, 3, False)


def test_mbox_with_junk_before_the_first_separator_and_broken_from_lines(db, tmp_path):
    box = tmp_path / "broken.mbox"
    box.write_bytes(b"garbage line\n\nFrom \n" + _msg(1) + b"\nFrom -\n" + _msg(2) + b"\nFrom\n" + b"no blank before\n")
    report = I.import_paths(db, [box])
    assert report.imported == 2
    assert report.errors == ((f"{box}#1", "text before the first 'From ' line is not a message; skipped"),)
    assert "From\nno blank before" in _rows(db, "SELECT body_text FROM messages ORDER BY id DESC")[0][0]


def test_standard_from_lines_split_even_without_a_blank_line_before(db, tmp_path):
    box = tmp_path / "tight.mbox"
    box.write_bytes(b"From a@b Tue Nov 24 10:00:00 2026\n" + _msg(1) + b"From a@b Tue Nov  3 09:05 2026\n" + _msg(2)
                    + b"From 1234@xxx Wed Dec 02 17:45:03 +0000 2026\n" + _msg(3, "Hi,\nFrom Monday on")
                    + b"From the desk of Ana\n")
    report = I.import_paths(db, [box])
    assert report.imported == 3
    bodies = [r[0] for r in _rows(db, "SELECT body_text FROM messages ORDER BY id")]
    assert bodies[2] == "Hi,\nFrom Monday on 3\nFrom the desk of Ana"


def test_a_thunderbird_folder_with_suffixless_mboxes(db, tmp_path):
    profile = tmp_path / "Mail" / "Local Folders"
    profile.mkdir(parents=True)
    _mbox(profile / "Inbox", _msg(1), _msg(2))
    (profile / "Inbox.msf").write_bytes(b"// <!-- <mdb:mork:z v=\"1.4\"/> -->")
    (profile / "notes").write_bytes(b"not mail at all")
    report = I.import_paths(db, [tmp_path / "Mail"])
    assert (report.imported, report.errors) == (2, ())
    assert [(c.folder, c.imported, c.duplicates) for c in report.sources] == [(str(profile / "Inbox"), 2, 0)]


def test_symlink_loops_end_and_each_folder_is_read_once(db, tmp_path):
    mails = tmp_path / "mails"
    (mails / "sub").mkdir(parents=True)
    (mails / "sub" / "a.eml").write_bytes(_msg(1))
    (mails / "sub" / "loop").symlink_to(mails, target_is_directory=True)
    report = I.import_paths(db, [mails])
    assert (report.imported, report.duplicates, report.errors) == (1, 0, ())


def test_a_file_without_separators_sniffed_as_a_message(db, tmp_path):
    single = tmp_path / "message.txt"
    single.write_bytes(_msg(7))
    assert I.import_paths(db, [single]).imported == 1


def test_maildir_cur_new_flags_and_subfolders(db, tmp_path):
    root = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"):
        (root / sub).mkdir(parents=True)
    (root / "cur" / "1.host:2,S").write_bytes(_msg(1))
    (root / "cur" / "2.host:2,RF").write_bytes(_msg(2))
    (root / "new" / "3.host").write_bytes(_msg(3))
    (root / "tmp" / "4.host").write_bytes(_msg(4))  # still being delivered: not read
    (root / ".Sent" / "cur" / "5.host:2,S").write_bytes(_msg(5))
    report = I.import_paths(db, [root])
    assert (report.imported, report.errors) == (4, ())
    rows = _rows(db, "SELECT f.name, m.subject, m.seen FROM messages m JOIN mail_folders f ON f.id = m.folder_id "
                     "ORDER BY m.subject")
    assert rows == [(str(root), "message 1", 1), (str(root), "message 2", 0), (str(root), "message 3", 0),
                    (f"{root}/Sent", "message 5", 1)]


def test_errors_are_reported_per_file_and_the_rest_imported(db, tmp_path):
    good = tmp_path / "good.eml"
    good.write_bytes(_msg(1))
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"\xff\xd8\xff\xe0 not mail")
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    report = I.import_paths(db, [good, empty, picture, nothing, tmp_path / "missing.mbox"])
    assert report.imported == 1
    assert dict(report.errors) == {
        str(empty): "empty file",
        str(picture): "not a mail file (expected .eml, .mbox or a Maildir folder)",
        str(nothing): "no .eml, .mbox or Maildir found in this folder",
        str(tmp_path / "missing.mbox"): "no such file or folder",
    }
    assert {"path": str(empty), "error": "empty file"} in report.as_dict()["errors"]


def test_import_through_a_connection_and_progress(db, tmp_path):
    box = _mbox(tmp_path / "a.mbox", *(_msg(i) for i in range(5)))
    seen: list[tuple[int, int, str]] = []
    report = db.write_sync(lambda conn: I.import_paths(conn, [box], batch_size=2,
                                                       progress=lambda *a: seen.append(a)))
    assert report.imported == 5
    assert seen == [(2, 0, str(box)), (4, 0, str(box)), (5, 0, str(box))]


def test_cancel_between_batches_keeps_what_was_stored(db, tmp_path):
    box = _mbox(tmp_path / "a.mbox", *(_msg(i) for i in range(7)))
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 2  # let two batches through

    report = I.import_paths(db, [box], batch_size=3, cancel=cancel)
    assert (report.imported, report.cancelled) == (6, True)
    assert _rows(db, "SELECT count(*) FROM messages")[0][0] == 6
    finished = I.import_paths(db, [box], batch_size=3)
    assert (finished.imported, finished.duplicates, finished.cancelled) == (1, 6, False)


def test_a_large_mbox_is_streamed(tmp_path):
    box = tmp_path / "big.mbox"
    body = "x" * 10_000
    with box.open("wb") as fh:
        for i in range(2000):  # ~20 MB
            fh.write(b"From a@b Tue Nov 24 10:00:00 2026\n" + _msg(i, body) + b"\n")
    source = I._Source("mbox", str(box), (box,))
    errors = I._Errors()
    tracemalloc.start()
    count = 0
    for item in I.READERS["mbox"](source, errors):
        count += 1
        del item
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 2000 and not errors
    assert peak < 1_000_000, peak  # one message at a time, not the 20 MB file


_line = st.one_of(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"").replace(b"\r", b"")),
                  st.sampled_from([b"From here on", b">From quoted", b">>From deeper", b"",
                                   b"From a@b Tue Nov 24 10:00:00 2026", b"Subject: x", b"Status: RO"]))
_message = st.lists(_line, min_size=1, max_size=12).map(
    lambda lines: b"Subject: generated\n" + b"\n".join(lines) + b"\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_message, min_size=1, max_size=6))
def test_mboxrd_written_messages_come_back_byte_for_byte(tmp_path, messages):
    box = tmp_path / "round.mbox"
    with box.open("wb") as fh:
        for raw in messages:
            escaped = b"".join(b">" + line if line.lstrip(b">").startswith(b"From ") else line
                               for line in raw.splitlines(keepends=True))
            fh.write(b"From x@y Tue Nov 24 10:00:00 2026\n" + escaped + b"\n")
    errors = I._Errors()
    got = [item.raw for item in I.READERS["mbox"](I._Source("mbox", str(box), (box,)), errors)]
    assert (got, list(errors)) == (messages, [])
