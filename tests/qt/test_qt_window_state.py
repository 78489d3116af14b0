"""Tests for mkdesk.qt.window_state: one window's geometry, splitters, tab and headers restored into a new one."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTableView, QTabWidget

from mkdesk.qt.window_state import WindowState, state_path


def _window(qtbot, unnamed: bool = False) -> QMainWindow:
    window = QMainWindow()
    window.setObjectName("MainWindow")
    tabs = QTabWidget()
    tabs.setObjectName("tabs")
    splitter = QSplitter()
    splitter.setObjectName("contacts_split")
    table = QTableView()
    table.setObjectName("contacts_table")
    model = QStandardItemModel(3, 4, table)
    table.setModel(model)
    splitter.addWidget(table)
    splitter.addWidget(QLabel("detail"))
    tabs.addTab(splitter, "Contacts")
    second = QSplitter()  # unnamed widgets are keyed by their path from the nearest named ancestor
    second_table = QTableView()
    second_table.setModel(QStandardItemModel(2, 3, second_table))
    second.addWidget(QTableView())
    second.addWidget(second_table)
    tabs.addTab(second, "Documents")
    tabs.addTab(QLabel("c"), "Products")
    window.setCentralWidget(tabs)
    qtbot.addWidget(window)
    return window


def test_save_and_restore_into_a_new_window(qtbot, tmp_path):
    first = _window(qtbot)
    first.resize(713, 517)
    first.show()
    splitter = first.findChild(QSplitter, "contacts_split")
    splitter.setSizes([450, 200])
    first.findChild(QTabWidget, "tabs").setCurrentIndex(2)
    header = first.findChild(QTableView, "contacts_table").horizontalHeader()
    header.resizeSection(1, 222)
    header.hideSection(3)
    header.moveSection(0, 2)
    saved_sizes = splitter.sizes()
    first.findChild(QTabWidget, "tabs").setCurrentIndex(1)
    unnamed = [s for s in first.findChildren(QSplitter) if not s.objectName()][0]
    qtbot.waitUntil(lambda: sum(unnamed.sizes()) > 600)  # laid out on screen
    unnamed.setSizes([100, 500])
    unnamed_sizes = unnamed.sizes()
    unnamed_header = [t for t in first.findChildren(QTableView) if not t.objectName()][0].horizontalHeader()
    unnamed_header.resizeSection(2, 171)
    first.findChild(QTabWidget, "tabs").setCurrentIndex(2)
    WindowState(tmp_path).save(first)
    assert state_path(tmp_path).exists() and state_path(tmp_path).parent == tmp_path

    second = _window(qtbot)
    assert WindowState(tmp_path).restore(second)
    second.show()
    assert (second.width(), second.height()) == (713, 517)
    assert second.findChild(QTabWidget, "tabs").currentIndex() == 2
    header2 = second.findChild(QTableView, "contacts_table").horizontalHeader()
    assert header2.sectionSize(1) == 222 and header2.isSectionHidden(3) and header2.visualIndex(0) == 2
    second.findChild(QTabWidget, "tabs").setCurrentIndex(0)
    assert second.findChild(QSplitter, "contacts_split").sizes() == saved_sizes
    second.findChild(QTabWidget, "tabs").setCurrentIndex(1)
    assert [s for s in second.findChildren(QSplitter) if not s.objectName()][0].sizes() == unnamed_sizes
    table = [t for t in second.findChildren(QTableView) if not t.objectName()][0]
    assert table.horizontalHeader().sectionSize(2) == 171


def test_nothing_saved_leaves_the_window_alone(qtbot, tmp_path):
    window = _window(qtbot)
    assert not WindowState(tmp_path).restore(window)
    state_path(tmp_path).write_text("[MainWindow]\nversion=1\ngeometry=garbage\ntab%2Ftabs=zz\n", encoding="utf-8")
    assert WindowState(tmp_path).restore(window)
    assert window.findChild(QTabWidget, "tabs").currentIndex() == 0
