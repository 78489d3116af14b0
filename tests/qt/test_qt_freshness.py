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
                      (timedelta(hours=5), "Synced 5 h ago"), (timedelta(days=3), "Synced 3 days ago")):
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
