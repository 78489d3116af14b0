"""Tests for the Mail tab's import helpers: which dropped URLs are imported, the real importer run off the GUI thread
into a real cache file, and the result message (counts, the files that failed, how many more)."""

from __future__ import annotations

import asyncio
from email.message import EmailMessage
from email.policy import SMTP

from PySide6.QtCore import QUrl

from mkdesk.core.cache import Database
from mkdesk.core.mail.importer import ImportReport
from mkdesk.qt.mail.importing import MAX_LISTED, droppable_paths, import_mail, import_summary


def _eml(path, subject="Pozdravljeni"):
    msg = EmailMessage()
    msg["From"] = "Ana <ana@novak.si>"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 02 Mar 2026 11:00:00 +0100"
    msg.set_content("Prosim za ponudbo.")
    path.write_bytes(msg.as_bytes(policy=SMTP))
    return path


def test_droppable_paths_are_local_files_and_folders(tmp_path):
    mail = _eml(tmp_path / "a.eml")
    folder = tmp_path / "Maildir"
    folder.mkdir()
    urls = [QUrl.fromLocalFile(str(mail)), QUrl.fromLocalFile(str(folder)), QUrl("https://example.com/x.eml"),
            QUrl.fromLocalFile(str(tmp_path / "gone.eml"))]
    assert droppable_paths(urls) == [str(mail), str(folder)]


def test_import_mail_runs_the_importer_into_the_cache(tmp_path):
    paths = [str(_eml(tmp_path / "a.eml", "Prva")), str(_eml(tmp_path / "b.eml", "Druga")), str(tmp_path / "x.eml")]
    db = Database.open(tmp_path / "cache.sqlite3")
    try:
        report = asyncio.run(import_mail(db, paths))
        again = asyncio.run(import_mail(db, paths[:1]))
        subjects = db.read_sync(lambda conn: conn.exec_driver_sql("SELECT subject FROM messages ORDER BY subject")
                                .scalars().all())
    finally:
        db.close()
    assert (report.imported, report.duplicates) == (2, 0) and report.changes.touches("mail")
    assert [p for p, _e in report.errors] == [paths[2]]
    assert (again.imported, again.duplicates) == (0, 1)
    assert subjects == ["Druga", "Prva"]


def test_summary_counts_and_names_the_failed_files(qapp):
    line, text = import_summary(ImportReport(3, 1, ()))
    assert line == text == "Imported 3 messages, 1 already there."
    errors = tuple((f"/mail/file{i}.mbox", "not mail") for i in range(MAX_LISTED + 2))
    line, text = import_summary(ImportReport(0, 0, errors))
    assert line == "Imported 0 messages, 0 already there."
    assert import_summary(ImportReport(1, 0, ()))[0] == "Imported 1 message, 0 already there."
    assert "Could not import:" in text and "• file0.mbox: not mail" in text and "… and 2 more" in text
    assert f"file{MAX_LISTED}.mbox" not in text


def test_the_importer_asks_runs_in_the_background_and_reports(qloop, qtbot, run_until, tmp_path):
    from PySide6.QtWidgets import QWidget

    from mkdesk.qt.bridge import Bridge
    from mkdesk.qt.mail.importing import MailImporter

    db = Database.open(tmp_path / "cache.sqlite3")
    widget = QWidget()
    qtbot.addWidget(widget)
    try:
        importer = MailImporter(Bridge(), db, widget)
        reports, statuses, busy, changes = [], [], [], []
        importer.report = lambda parent, title, text: reports.append((parent, title, text))
        importer.status.connect(statuses.append)
        importer.busy_changed.connect(busy.append)
        importer.imported.connect(changes.append)
        importer.pick_folder = lambda _parent: ""  # cancelled: nothing runs
        importer.import_folder()
        assert not statuses and not busy
        importer.pick_files = lambda parent: [str(_eml(tmp_path / "one.eml"))] if parent is widget else []
        importer.import_files()
        run_until(lambda: bool(reports))
        assert statuses[0] == "Importing mail…" and statuses[-1].startswith("Imported 1 message")
        assert busy == [True, False] and changes and changes[0].touches("mail")
        assert reports[0][0] is widget and reports[0][1] == "Mail import"
    finally:
        db.close()
    broken = MailImporter(Bridge(), None, widget)  # no cache: the run fails, and says so
    failures = []
    broken.report = lambda parent, title, text: failures.append(text)
    broken.import_paths([str(tmp_path / "one.eml")])
    run_until(lambda: bool(failures))
    assert failures[0].startswith("The mail could not be imported:") and not broken.busy
