"""Qt layer: the thin PySide6 user interface over mkdesk.core.

Importing the package first pins `None`/`True`/`False` on Python 3.11 (`pyside_guard`): PySide6 6.12's abi3 wheels
drop a reference to them on every void Qt call and signal emit, which would otherwise abort a long session.
"""

from mkdesk.qt import pyside_guard as _pyside_guard  # noqa: F401  (must run before any Qt call)
