"""Qt layer: window state that persists — geometry, dock/toolbar state, splitters, selected tabs, table headers.

GUI thread only. Stored with `QSettings` in an INI file in the profile directory (`window.ini`; never the
registry or the home directory), grouped by the window's object name and keyed by each child's object name (an
unnamed child by its path of class names and positions from the nearest named ancestor). Restoring is
tolerant: a missing or unreadable entry leaves the widget as it was built.
"""

from __future__ import annotations

import logging
from pathlib import Path

from typing import Any

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


def _position(parent: QWidget, widget: QWidget) -> int:
    """A stable index of a child: its place in the splitter or the parent's layout (a stacked page keeps its index
    when raised), else among the parent's child widgets."""
    if isinstance(parent, QSplitter):
        return parent.indexOf(widget)
    layout = parent.layout()
    if layout is not None and (index := layout.indexOf(widget)) >= 0:
        return index
    siblings = [child for child in parent.children() if isinstance(child, QWidget)]
    return siblings.index(widget) if widget in siblings else 0


def _key(widget: QWidget, window: QWidget) -> str:
    """The widget's object name; for an unnamed one, its path of class names and positions from the nearest named
    ancestor (stable as long as the window is built the same way)."""
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None and current is not window:
        if current.objectName():
            parts.append(current.objectName())
            break
        parent = current.parentWidget()
        parts.append(f"{type(current).__name__}{_position(parent, current) if parent is not None else 0}")
        current = parent
    return ".".join(reversed(parts))


def _named(window: QWidget, kind: type) -> list[tuple[str, Any]]:
    """(key, widget) of the window's widgets of a kind, by key; header views are saved with their table."""
    widgets = [w for w in window.findChildren(kind) if not isinstance(w, QHeaderView)]
    return sorted(((_key(w, window), w) for w in widgets), key=lambda pair: pair[0])


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
        for key, splitter in _named(window, QSplitter):
            s.setValue(f"splitter/{key}", splitter.saveState())
        for key, tabs in _named(window, QTabWidget):
            s.setValue(f"tab/{key}", tabs.currentIndex())
        for key, view in _named(window, QAbstractItemView):
            header = _header(view)
            if header is not None:
                s.setValue(f"header/{key}", header.saveState())
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
            for key, splitter in _named(window, QSplitter):
                data = _bytes(s.value(f"splitter/{key}"))
                if data:
                    splitter.restoreState(data)
            for key, tabs in _named(window, QTabWidget):
                index = _int(s.value(f"tab/{key}"))
                if index is not None and 0 <= index < tabs.count():
                    tabs.setCurrentIndex(index)
            for key, view in _named(window, QAbstractItemView):
                header = _header(view)
                data = _bytes(s.value(f"header/{key}"))
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
