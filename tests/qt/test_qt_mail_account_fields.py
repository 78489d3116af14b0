"""Tests for mkdesk.qt.mail.account_fields: the "Folders to sync" checklist (saved choice, the server's folders, a
chosen folder the server lacks kept) and the CA file row (an injected picker, Clear)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mkdesk.core.mail.imap_wire import FolderInfo
from mkdesk.qt.mail.account_fields import CaFileRow, FolderChoice


def folder(name, *flags):
    return FolderInfo(name, name, "/", frozenset(flags))


def make(qtbot, cls):
    widget = cls()
    qtbot.addWidget(widget)
    return widget


def test_a_new_account_syncs_inbox_and_an_empty_choice_means_inbox(qtbot):
    choice = make(qtbot, FolderChoice)
    assert choice.names() == ["INBOX"] and choice.checked() == ["INBOX"] and not choice.listed
    choice.set_checked("INBOX", False)
    assert choice.checked() == [] and choice.chosen() == ("INBOX",)
    assert "stays on this computer" in choice.hint.text()


def test_the_servers_folders_keep_the_choice_and_a_missing_chosen_folder(qtbot):
    choice = make(qtbot, FolderChoice)
    choice.set_chosen(["INBOX", "Računi", "Staro"])
    assert choice.checked() == ["INBOX", "Računi", "Staro"]
    changes = []
    choice.changed.connect(lambda: changes.append(1))
    choice.set_server_folders([folder("Poslano"), folder("Računi"), folder("[Gmail]", "\\Noselect"), folder("INBOX")])
    assert choice.listed and changes
    assert choice.names() == ["INBOX", "Poslano", "Računi", "Staro"]  # INBOX first, then the server's order
    assert choice.checked() == ["INBOX", "Računi", "Staro"]
    texts = [choice.list.item(i).text() for i in range(choice.list.count())]
    assert texts[-1] == "Staro (not on the server)" and texts[2] == "Računi"
    # the user ticks a folder by clicking its box
    item = choice.list.item(1)
    assert item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    item.setCheckState(Qt.CheckState.Checked)
    choice.set_checked("Staro", False)
    assert choice.chosen() == ("INBOX", "Poslano", "Računi")


def test_the_ca_row_picks_through_the_injected_dialog_and_clears(qtbot, tmp_path):
    row = make(qtbot, CaFileRow)
    asked = []
    row.pick = lambda parent: asked.append(parent) or str(tmp_path / "ca.pem")
    assert row.path() is None and not row.clear_button.isEnabled()
    qtbot.mouseClick(row.choose_button, Qt.MouseButton.LeftButton)
    assert asked == [row] and row.path() == str(tmp_path / "ca.pem") and row.clear_button.isEnabled()
    row.pick = lambda parent: ""  # cancelled: the path stays
    row.choose()
    assert row.path() == str(tmp_path / "ca.pem")
    qtbot.mouseClick(row.clear_button, Qt.MouseButton.LeftButton)
    assert row.path() is None and row.edit.text() == "" and not row.clear_button.isEnabled()
    row.set_path("  ")
    assert row.path() is None
