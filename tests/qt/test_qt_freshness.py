"""Tests for mkdesk.qt.freshness: the age of the cached data, the stale warning and the offline note."""

from __future__ import annotations

from datetime import datetime, timedelta

from mkdesk.core.cache.state import SyncState
from mkdesk.qt.freshness import FreshnessLabel, oldest_success

NOW = datetime(2026, 11, 24, 10, 0).astimezone()


def test_age_is_shown_in_plain_words(qtbot):
    label = FreshnessLabel(stale_after_minutes=120)
    qtbot.addWidget(label)
    assert label.text() == "Not synced yet" and label.stale
    for ago, text in ((timedelta(seconds=20), "Synced just now"), (timedelta(minutes=3), "Synced 3 min ago"),
                      (timedelta(hours=5), "Synced 5 h ago"), (timedelta(days=3), "Synced 3 days ago"),
                      (timedelta(days=1, hours=23), "Synced 47 h ago"), (timedelta(days=2), "Synced 2 days ago")):
        label.last_sync = NOW - ago
        label.render(now=NOW)
        assert label.text().startswith(text)


def test_stale_and_offline_warnings(qtbot):
    label = FreshnessLabel(stale_after_minutes=30)
    qtbot.addWidget(label)
    label.last_sync = NOW - timedelta(minutes=10)
    label.render(now=NOW)
    assert not label.stale and not label.font().bold()
    label.last_sync = NOW - timedelta(minutes=45)
    label.render(now=NOW)
    assert label.stale and "out of date" in label.text() and label.font().bold()
    label.offline = True
    label.render(now=NOW)
    assert label.text().startswith("Offline — showing cached data")


def test_the_oldest_entity_decides():
    states = [SyncState("partners", last_success=NOW - timedelta(minutes=5)),
              SyncState("orders", last_success=NOW - timedelta(minutes=50)), SyncState("offers")]
    assert oldest_success(states) == NOW - timedelta(minutes=50)
    assert oldest_success([]) is None


def test_days_and_counts_in_slovenian_use_the_four_forms(qtbot):
    from mkdesk.qt.i18n import install_translations, remove_translations
    from mkdesk.qt.plurals import counted

    assert install_translations("sl") == "sl"
    try:
        label = FreshnessLabel(stale_after_minutes=10**7)
        qtbot.addWidget(label)
        shown = []
        for days in (2, 3, 5, 101):  # (under two days the label counts hours)
            label.last_sync = NOW - timedelta(days=days)
            label.render(now=NOW)
            shown.append(label.text())
        assert shown == ["Sinhronizirano pred 2 dnevoma", "Sinhronizirano pred 3 dnevi", "Sinhronizirano pred 5 dnevi",
                         "Sinhronizirano pred 101 dnevom"]
        from PySide6.QtCore import QCoreApplication

        rows = [counted(QCoreApplication.translate("BrowseTab", "%Ln row(s)", "", n), n) for n in (1, 2, 4, 7)]
        assert rows == ["1 vrstica", "2 vrstici", "4 vrstice", "7 vrstic"]
    finally:
        remove_translations()
