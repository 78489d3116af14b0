"""Qt layer: keeps PySide6's abi3 wheels from freeing `None`/`True`/`False` on Python 3.11 (runs once at import, any
thread).

PySide6 6.12's stable-ABI (abi3) binaries are built with Python ≥ 3.12 headers, where `None`, `True` and `False` are
immortal, so they hand them back without taking a reference: every void Qt method called from Python (`setText`,
`setInterval`, `start`, …) and every `Signal.emit()` drops one reference to `None` or `True`. On Python 3.11 those
objects are mortal: after a few tens of thousands of calls CPython frees them and aborts ("Fatal Python error:
none_dealloc: deallocating None" / "bool_dealloc"). `pin_singletons()` gives them a reference count no session can
use up — what Python 3.12 does for them anyway — and is a no-op on 3.12+.
"""

from __future__ import annotations

import sys

PIN = 1 << 40
_pinned = False


def _refcount_field(value: object):
    import ctypes

    return ctypes.c_ssize_t.from_address(id(value))


def pin_singletons() -> bool:
    """Pin `None`, `True` and `False` on Python < 3.12 (idempotent). Returns True when they are pinned."""
    global _pinned
    if _pinned or sys.version_info >= (3, 12):
        return _pinned
    fields = []
    for value in (None, True, False):
        field = _refcount_field(value)
        # the header's first word must be the reference count (a plain CPython build); other threads may move the
        # count between the two reads, so a mismatch is looked at again before giving up
        if not any(field.value == sys.getrefcount(value) - 1 for _ in range(20)):
            return False
        fields.append(field)
    for field in fields:
        if field.value < PIN // 2:  # a second copy of this module (a re-import) finds them pinned already
            field.value += PIN
    _pinned = True
    return True


def drops_none_references(calls: int = 64) -> bool:
    """Diagnostics: True when a void Qt method call costs `None` a reference (the bug this module guards against)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= calls // 2


pin_singletons()
