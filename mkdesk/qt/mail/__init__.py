"""Qt layer: the Mail tab — message list, reader, context pane, import, account dialog and mail sync (GUI thread)."""
