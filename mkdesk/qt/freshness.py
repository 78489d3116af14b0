"""Qt layer: the status bar's freshness badge — "Synced 3 min ago", a stale warning, and an offline note (GUI thread).

It only renders what it is told (`set_last_sync`, `set_offline`) and re-renders itself every 30 s so the age stays
true; it never reads the cache or the network.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from mkdesk.qt.plurals import counted

REFRESH_MS = 30_000


def oldest_success(states: object) -> datetime | None:
    """The least recent successful sync over the entities that have synced (what the whole cache can vouch for)."""
    times = [s.last_success for s in states if getattr(s, "last_success", None) is not None]  # type: ignore[attr-defined]
    return min(times) if times else None


class FreshnessLabel(QLabel):
    """How old the cached data is; warns when older than `stale_after_minutes` or when Metakocka is unreachable."""

    def __init__(self, stale_after_minutes: int = 120, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FreshnessLabel")
        self.stale_after_minutes = stale_after_minutes
        self.last_sync: datetime | None = None
        self.offline = False
        self.stale = False
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.render)
        self._timer.start()
        self.render()

    def set_last_sync(self, when: datetime | None) -> None:
        self.last_sync = when
        self.render()

    def set_offline(self, offline: bool) -> None:
        self.offline = offline
        self.render()

    def render(self, now: datetime | None = None) -> None:
        now = now or datetime.now().astimezone()
        if self.last_sync is None:
            text, self.stale = self.tr("Not synced yet"), True
        else:
            minutes = max(0, int((now - self.last_sync).total_seconds() // 60))
            if minutes < 1:
                age = self.tr("Synced just now")
            elif minutes < 120:
                age = self.tr("Synced {n} min ago").format(n=minutes)
            elif minutes < 48 * 60:
                age = self.tr("Synced {n} h ago").format(n=minutes // 60)
            else:
                days = minutes // (24 * 60)
                age = counted(self.tr("Synced %n day(s) ago", "", days), days)
            self.stale = minutes >= self.stale_after_minutes
            text = age + (self.tr(" — data may be out of date") if self.stale else "")
        if self.offline:
            text = self.tr("Offline — showing cached data") + " · " + text
        self.setText(text)
        self.setToolTip(self.last_sync.strftime("%Y-%m-%d %H:%M") if self.last_sync else "")
        font = self.font()
        font.setBold(self.stale or self.offline)
        self.setFont(font)
