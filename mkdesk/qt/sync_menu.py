"""Qt layer: the "Sync now" drop-down — sync everything or one entity, and pause/resume an entity's auto-sync
(GUI thread; it only emits signals, the session connects them to `SyncController` and `AutoSync`).

`entity_label` gives each sync entity its plain, translated name ("Sales orders"), shared by the sync log view.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

#: the entities in the order a rep thinks of them (the engine's names)
MENU_ENTITIES = ("partners", "products", "stock", "orders", "invoices", "offers", "warehouses")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncMenu", text)


def entity_label(entity: str | None) -> str:
    """The plain name of a sync entity ("orders" → "Sales orders"); unknown names come back as they are."""
    names = {
        "partners": _tr("Partners"),
        "products": _tr("Products"),
        "stock": _tr("Stock"),
        "orders": _tr("Sales orders"),
        "invoices": _tr("Invoices"),
        "offers": _tr("Offers"),
        "warehouses": _tr("Warehouses"),
    }
    return names.get(entity or "", entity or "")


class SyncMenu(QMenu):
    """All / one entity, and an "Auto-sync" submenu with a check per entity (checked: synced automatically)."""

    sync_requested = Signal(object)  # None (everything) or a tuple with one entity
    pause_requested = Signal(str, bool)  # entity, paused

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncMenu")
        self.all_action = self.addAction(self.tr("All"))
        self.all_action.setToolTip(self.tr("Sync everything (F5)"))
        self.all_action.triggered.connect(lambda: self.sync_requested.emit(None))
        self.addSeparator()
        self.entity_actions: dict[str, QAction] = {}
        for entity in MENU_ENTITIES:
            action = self.addAction(entity_label(entity))
            action.setData(entity)
            action.triggered.connect(lambda _checked=False, e=entity: self.sync_requested.emit((e,)))
            self.entity_actions[entity] = action
        self.addSeparator()
        self.auto_menu = self.addMenu(self.tr("Auto-sync"))
        self.auto_menu.setToolTipsVisible(True)
        self.auto_actions: dict[str, QAction] = {}
        for entity in MENU_ENTITIES:
            action = self.auto_menu.addAction(entity_label(entity))
            action.setCheckable(True)
            action.setChecked(True)
            action.setToolTip(self.tr("Uncheck to pause the automatic sync of this entity"))
            action.toggled.connect(lambda on, e=entity: self._toggled(e, on))
            self.auto_actions[entity] = action
        self._updating = False

    def _toggled(self, entity: str, on: bool) -> None:
        if not self._updating:
            self.pause_requested.emit(entity, not on)

    def set_paused(self, paused: frozenset[str] | set[str]) -> None:
        """Show which entities' auto-sync is paused (no signal)."""
        self._updating = True
        try:
            for entity, action in self.auto_actions.items():
                action.setChecked(entity not in paused)
        finally:
            self._updating = False

    def set_auto_sync_available(self, available: bool) -> None:
        """The Auto-sync submenu only makes sense while auto-sync is on in the settings."""
        self.auto_menu.setEnabled(available)
