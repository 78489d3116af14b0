"""Tests for mkdesk.qt.sync_log_view: the log table (qtmodeltester, paging), filters by level/entity/resolved,
details as pretty JSON, Mark resolved, refresh only when the log changed, and a redacted diagnostics export."""

from __future__ import annotations

import zipfile
from functools import partial
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from mkdesk.core.cache import Database
from mkdesk.core.cache.state import add_log, list_log
from mkdesk.core.diagnostics import export_diagnostics
from mkdesk.core.log import LOG_FILE
from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.sync_log_view import PAGE, SyncLogView, details_text
from tests.qt.translation_support import error_texts_marked

SECRET = "sk-logview-99ab31f0c7"
REF = SecretRef("default", "metakocka")


@pytest.fixture
def db(qloop, tmp_path):
    database = Database.open(tmp_path / "cache.sqlite3")
    at = datetime(2026, 11, 24, 9, 0).astimezone()
    entries = [
        ("info", "stock", "stock: 12 rows", None),
        ("warning", "partners", "partners: skipped a record that cannot be read", {"mk_id": "881", "error": "bad"}),
        ("error", "orders", "orders: Metakocka cannot be reached", {"endpoint": "sales_order_list",
                                                                     "detail": f"key {SECRET}"}),
        ("error", "stock", "stock: Internal error", None),
    ]
    for minutes, (level, entity, message, details) in enumerate(entries):
        database.write_sync(partial(add_log, at=at + timedelta(minutes=minutes)), level, entity, message, details)
    yield database
    database.close()


@pytest.fixture
def view(qtbot, db, run_until, tmp_path):
    bridge = Bridge()
    made = SyncLogView(bridge, db)
    qtbot.addWidget(made)
    made.show()
    made.start()
    run_until(lambda: made.model.ever_loaded and not made.model.loading and not bridge.busy)
    yield made
    run_until(lambda: not bridge.busy)


def _messages(view) -> list[str]:
    return [view.model.entry(r).message.split(":")[0] for r in range(view.model.rowCount())]


def test_lists_newest_first_and_filters(qtmodeltester, view, run_until):
    qtmodeltester.check(view.model)
    assert _messages(view) == ["stock", "orders", "partners", "stock"]
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "Time"
    row = [view.model.index(1, c).data() for c in range(4)]
    assert row[1:] == ["Error", "Sales orders", "orders: Metakocka cannot be reached"]
    assert row[0].startswith("2026-11-24 ")

    def choose(box, data):
        box.setCurrentIndex(box.findData(data))
        run_until(lambda: not view.model.loading and not view._bridge.busy)

    choose(view.level_box, "error")
    assert _messages(view) == ["stock", "orders"]
    choose(view.level_box, "warning")
    assert _messages(view) == ["stock", "orders", "partners"]
    choose(view.entity_box, "stock")
    assert _messages(view) == ["stock"] and view.model.entry(0).level == "error"
    choose(view.level_box, None)
    assert _messages(view) == ["stock", "stock"]
    qtmodeltester.check(view.model)


def test_details_are_pretty_json_and_mark_resolved_hides_the_entry(view, db, run_until):
    view.table.selectRow(2)
    assert view.details.toPlainText() == details_text(view.model.entry(2))
    assert '"mk_id": "881"' in view.details.toPlainText() and "\n  " in view.details.toPlainText()
    view.table.selectRow(2)
    assert view.resolve_button.isEnabled() and view.resolve_button.text() == "Mark resolved"
    view.resolve_button.click()
    run_until(lambda: view.model.entry(2) is not None and view.model.entry(2).resolved and not view._bridge.busy)
    assert [e.resolved for e in db.read_sync(list_log)] == [False, False, True, False]
    assert view.current_id() == view.model.entry(2).id  # still selected after the re-read
    assert view.resolve_button.text() == "Mark unresolved"
    view.hide_resolved.setChecked(True)
    run_until(lambda: not view.model.loading and not view._bridge.busy)
    assert _messages(view) == ["stock", "orders", "stock"]


def test_pages_back_and_refreshes_only_when_the_log_changed(view, db, run_until):
    db.write_sync(lambda c: [add_log(c, "info", "offers", f"offers: run {i}") for i in range(PAGE + 50)])
    loads = []
    view.model.loaded.connect(lambda: loads.append(True))
    view.refresh_if_changed()
    run_until(lambda: loads and not view._bridge.busy)
    assert view.model.rowCount() == PAGE and view.model.canFetchMore()
    view.model.fetchMore()
    run_until(lambda: len(loads) == 2 and not view._bridge.busy)
    assert view.model.rowCount() == PAGE + 54 and not view.model.canFetchMore()
    view.refresh_if_changed()  # nothing new: no re-read
    run_until(lambda: not view._bridge.busy)
    assert len(loads) == 2


def test_export_writes_a_redacted_zip(qtbot, db, run_until, tmp_path):
    keychain = Keychain()
    keychain.set(REF, Secret(SECRET))
    (tmp_path / LOG_FILE).write_text(f"INFO connecting to Metakocka with {SECRET}\n", encoding="utf-8")
    bridge = Bridge()

    def export(path):
        return export_diagnostics(path, tmp_path, db, secrets=[keychain.get(REF)])

    view = SyncLogView(bridge, db, export=export)
    qtbot.addWidget(view)
    done = []
    view.exported.connect(done.append)
    target = tmp_path / "support.zip"
    view.export_to(target)
    run_until(lambda: bool(done))
    assert done == [target] and str(target) in view.status.text()
    with zipfile.ZipFile(target) as archive:
        text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "Metakocka cannot be reached" in text and "connecting to Metakocka" in text
    assert SECRET not in text
    failed = []
    view.export_failed.connect(failed.append)
    view.export_to(tmp_path / "missing" / "x.zip")
    run_until(lambda: bool(failed))
    assert "does not exist" in view.status.text() and view.export_button.isEnabled()


def test_without_an_exporter_the_button_is_off(qtbot, db):
    view = SyncLogView(Bridge(), db)
    qtbot.addWidget(view)
    assert not view.export_button.isEnabled() and not view.isModal()



def test_coded_entries_read_in_the_ui_language_and_export_keeps_the_english(qtbot, db, run_until, tmp_path):
    gone = "The document no longer exists in Metakocka (it may have been deleted)."
    db.write_sync(lambda c: [
        add_log(c, "warning", "partners", "partners: skipped a record that cannot be read",
                {"code": "record_skipped", "entity": "partners", "mk_id": "9"}),
        add_log(c, "error", "orders", f"orders: {gone}", {"code": "document_gone", "params": {}, "entity": "orders"}),
    ])
    with error_texts_marked():
        bridge = Bridge()
        view = SyncLogView(bridge, db, export=lambda path: export_diagnostics(path, tmp_path, db))
        qtbot.addWidget(view)
        view.start()
        run_until(lambda: view.model.ever_loaded and not view.model.loading and not bridge.busy)
        shown = [view.model.index(r, 3).data() for r in range(3)]
        assert shown == [f"SL[Sales orders: SL[{gone}]]", "SL[Partners: skipped a record that cannot be read]",
                         "stock: Internal error"]  # an entry without a code keeps its stored text
        assert view.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == shown[0]
        view.table.selectRow(0)
        assert view.details.toPlainText().startswith(shown[0] + "\n\n{")
        assert '"code": "document_gone"' in view.details.toPlainText()
        done = []
        view.exported.connect(done.append)
        view.export_to(tmp_path / "support.txt")
        run_until(lambda: bool(done))
    text = (tmp_path / "support.txt").read_text(encoding="utf-8")
    assert f"orders: {gone}" in text and "SL[" not in text  # support reads the stored English
