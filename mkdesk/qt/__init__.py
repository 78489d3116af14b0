"""Qt layer: the thin PySide6 user interface over mkdesk.core."""
