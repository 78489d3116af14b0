"""Qt layer: window state that persists — geometry, dock/toolbar state, splitters, selected tabs, table headers.

GUI thread only. Stored with `QSettings` in an INI file in the profile directory (`window.ini`; never the
registry or the home directory), grouped by the window's object name and keyed by each child's object name, so
a widget without an object name is simply not remembered. Restoring is tolerant: a missing or unreadable entry
leaves the widget as it was built.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

log = logging.getLogger(__name__)

STATE_FILE = "window.ini"
STATE_VERSION = 1


def state_path(data_dir: Path) -> Path:
    return data_dir / STATE_FILE


def _header(view: QAbstractItemView) -> QHeaderView | None:
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    if isinstance(view, QTreeView):
        return view.header()
    return None


def _named(window: QWidget, kind: type) -> list:
    return sorted((w for w in window.findChildren(kind) if w.objectName()), key=lambda w: w.objectName())


class WindowState:
    """Saves and restores top-level windows into the profile's `window.ini`."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_path(data_dir)
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def save(self, window: QWidget) -> None:
        name = window.objectName()
        if not name:
            log.debug("window state: a window without an object name is not saved")
            return
        s = self._settings
        s.remove(name)
        s.beginGroup(name)
        s.setValue("version", STATE_VERSION)
        s.setValue("geometry", window.saveGeometry())
        if isinstance(window, QMainWindow):
            s.setValue("state", window.saveState(STATE_VERSION))
        for splitter in _named(window, QSplitter):
            s.setValue(f"splitter/{splitter.objectName()}", splitter.saveState())
        for tabs in _named(window, QTabWidget):
            s.setValue(f"tab/{tabs.objectName()}", tabs.currentIndex())
        for view in _named(window, QAbstractItemView):
            header = _header(view)
            if header is not None:
                s.setValue(f"header/{view.objectName()}", header.saveState())
        s.endGroup()
        s.sync()

    def restore(self, window: QWidget) -> bool:
        """Apply what was saved for this window; False when nothing was saved."""
        name = window.objectName()
        s = self._settings
        if not name or s.value(f"{name}/version") is None:
            return False
        s.beginGroup(name)
        try:
            geometry = _bytes(s.value("geometry"))
            if geometry:
                window.restoreGeometry(geometry)
            state = _bytes(s.value("state"))
            if state and isinstance(window, QMainWindow):
                window.restoreState(state, STATE_VERSION)
            for splitter in _named(window, QSplitter):
                data = _bytes(s.value(f"splitter/{splitter.objectName()}"))
                if data:
                    splitter.restoreState(data)
            for tabs in _named(window, QTabWidget):
                index = _int(s.value(f"tab/{tabs.objectName()}"))
                if index is not None and 0 <= index < tabs.count():
                    tabs.setCurrentIndex(index)
            for view in _named(window, QAbstractItemView):
                header = _header(view)
                data = _bytes(s.value(f"header/{view.objectName()}"))
                if header is not None and data:
                    header.restoreState(data)
        finally:
            s.endGroup()
        return True


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
