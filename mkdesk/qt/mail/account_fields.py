"""Qt layer: two fields of the mail account dialog — the "Folders to sync" checklist and the "CA file" row.

GUI thread only, and they never block it: neither reads a file, the network or the cache. The checklist shows the
account's saved choice until the dialog hands it the server's folders (listed by Test connection on the bridge);
the CA row only holds a path (picked through an injectable file dialog, `pick`), which the dialog's background tasks
check. Folder names are the server's (decoded from modified UTF-7 by the IMAP layer), kept as the item's data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from mkdesk.core.mail.accounts import DEFAULT_FOLDERS
from mkdesk.core.mail.imap_wire import FolderInfo
from mkdesk.qt import pyside_guard  # noqa: F401 - pins None/True/False on Python 3.11 (see the module)

NAME_ROLE = Qt.ItemDataRole.UserRole


def ask_ca_file(parent: QWidget) -> str:
    """The file dialog of "Choose…" beside the CA file ("" when cancelled)."""
    title = QCoreApplication.translate("AccountFields", "Choose a CA file")
    kinds = QCoreApplication.translate("AccountFields", "Certificates (*.pem *.crt *.cer);;All files (*)")
    return QFileDialog.getOpenFileName(parent, title, "", kinds)[0]


class FolderChoice(QWidget):
    """A checklist of folder names. Before the server was asked it lists the saved choice (all checked); after
    `set_server_folders` it lists the server's folders, the earlier choice still checked, and a chosen folder the
    server no longer has stays listed and checked (marked), so nothing chosen is dropped silently."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setObjectName("mail_folders")
        self.list.setMaximumHeight(140)
        self.list.itemChanged.connect(lambda *_: self.changed.emit())
        layout.addWidget(self.list)
        self.hint = QLabel(QCoreApplication.translate(
            "AccountFields", "mkdesk syncs the checked folders (none checked: INBOX). Test connection lists the server's folders. "
            "A folder you uncheck stops syncing; the mail already fetched from it stays on this computer."))
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.listed = False  # True once the server's folders are shown
        self.set_chosen(DEFAULT_FOLDERS)

    def _add(self, name: str, checked: bool, *, missing: bool = False) -> None:
        text = (QCoreApplication.translate("AccountFields", "{name} (not on the server)").format(name=name)
                if missing else name)
        item = QListWidgetItem(text)
        item.setData(NAME_ROLE, name)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def _fill(self, rows: Iterable[tuple[str, bool, bool]]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for name, checked, missing in rows:
            self._add(name, checked, missing=missing)
        self.list.blockSignals(False)
        self.changed.emit()

    def set_chosen(self, names: Sequence[str]) -> None:
        """Show the saved choice (each name checked), before the server was asked."""
        self.listed = False
        self._fill((name, True, False) for name in (list(names) or list(DEFAULT_FOLDERS)))

    def set_server_folders(self, folders: Sequence[FolderInfo]) -> None:
        """Show the server's selectable folders (INBOX first), keeping the current choice checked."""
        chosen = self.checked()
        names = [f.name for f in folders if f.selectable]
        names.sort(key=lambda name: name.upper() != "INBOX")  # stable: the server's order after INBOX
        on_server = set(names)
        rows = [(name, name in chosen, False) for name in names]
        rows += [(name, True, True) for name in chosen if name not in on_server]
        self.listed = True
        self._fill(rows)

    def names(self) -> list[str]:
        return [self.list.item(i).data(NAME_ROLE) for i in range(self.list.count())]

    def checked(self) -> list[str]:
        return [self.list.item(i).data(NAME_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, name: str, checked: bool) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(NAME_ROLE) == name:
                self.list.item(i).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> tuple[str, ...]:
        """The folders to save: the checked ones in list order, INBOX when none is checked."""
        return tuple(self.checked()) or DEFAULT_FOLDERS


class CaFileRow(QWidget):
    """A CA file path (empty: the system's certificates) with "Choose…" and "Clear"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pick: Callable[[QWidget], str] = ask_ca_file  # injectable (tests)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setObjectName("mail_ca_file")
        self.edit.setPlaceholderText(QCoreApplication.translate("AccountFields", "System certificates"))
        self.edit.setToolTip(QCoreApplication.translate(
            "AccountFields", "A PEM file with the certificate of your provider's own certificate authority, "
            "if the server's certificate is not trusted otherwise."))
        self.choose_button = QPushButton(QCoreApplication.translate("AccountFields", "Choose…"))
        self.choose_button.clicked.connect(self.choose)
        self.clear_button = QPushButton(QCoreApplication.translate("AccountFields", "Clear"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.clear_button)
        self.edit.textChanged.connect(self._text_changed)
        self._text_changed()

    def _text_changed(self, *_: object) -> None:
        self.clear_button.setEnabled(bool(self.edit.text().strip()))
        self.changed.emit()

    def path(self) -> str | None:
        return self.edit.text().strip() or None

    def set_path(self, path: str | None) -> None:
        self.edit.setText(path or "")

    def choose(self) -> None:
        path = self.pick(self)
        if path:
            self.edit.setText(path)

    def clear(self) -> None:
        self.edit.clear()
