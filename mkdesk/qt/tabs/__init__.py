"""Qt layer: the browse tabs (Contacts, Documents, Products) — table, search, filters and a detail pane each."""
