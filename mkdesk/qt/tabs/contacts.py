"""Qt layer: the Contacts tab — partners (search over names, numbers, tax ids, contacts, emails, phones, cities)
with the partner detail beside the table. GUI thread only; rows and detail arrive through the bridge."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from mkdesk.qt.details.partner import PartnerPane
from mkdesk.qt.models.paged_table import Column
from mkdesk.qt.models.sources import PartnerSource
from mkdesk.qt.plurals import counted
from mkdesk.qt.tabs.browse import BrowseTab


class ContactsTab(BrowseTab):
    ENTITIES = ("partners", "documents", "mail_links")  # the detail shows documents, balance and email history

    def __init__(self, bridge: Any, db: Any, parent: QWidget | None = None) -> None:
        columns = [
            Column("name", self.tr("Name"), lambda r: r.name or "", sort="name", width=22),
            Column("count_code", self.tr("No."), lambda r: r.count_code or "", sort="count_code", width=8),
            Column("city", self.tr("City"), lambda r: r.city or "", sort="city", width=13),
            Column("tax_id_number", self.tr("Tax number"), lambda r: r.tax_id_number or "", sort="tax_id_number",
                   width=11),
            Column("email", self.tr("Email"), lambda r: r.email or "", sort="email", width=21),
            Column("phone", self.tr("Phone"), lambda r: r.phone or "", sort="phone", width=13),
        ]
        super().__init__(bridge, db, PartnerSource(), columns, PartnerPane(bridge, db), parent)
        self.splitter.setSizes([760, 440])

    def apply_changes(self, changes: Any) -> None:
        if changes.touches("partners"):
            super().apply_changes(changes)
        elif changes.touches("documents") or changes.touches("mail_links"):
            self.detail.reload()  # the list is unchanged; the balance, documents and email history may not be

    def search_placeholder(self) -> str:
        return self.tr("Search partners: name, tax number, email, phone, city…  (Ctrl+F)")

    def noun(self, n: int) -> str:
        return counted(self.tr("%Ln partner(s)", "", n), n)

    def empty_text(self, searching: bool) -> str:
        if searching:
            return self.tr("No partner matches “{text}”.").format(text=self.search.text().strip())
        return self.tr("No partners in the cache yet. They appear after the first sync.")
