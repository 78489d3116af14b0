"""Qt layer: one running mkdesk per profile — a `QLockFile` in the data dir plus a local socket to wake the first.

GUI thread only. `SingleInstance(data_dir).acquire()` takes the profile lock (a lock left by a killed process is
detected as stale and taken over; a live owner is never considered stale, however long it runs) and listens on a
local server whose name is derived from the data dir. A second launch on the same profile fails to lock,
connects to that server and asks the first instance to come to the front (`activated` fires there), then exits.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

LOCK_FILE = "mkdesk.lock"
_ACTIVATE = b"activate\n"


def server_name(data_dir: Path) -> str:
    """A local socket name unique to the profile directory (short enough for Unix socket paths)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"mkdesk-{digest}"


class SingleInstance(QObject):
    """Holds the profile lock while the app runs; `activated` fires when another launch asks for the window."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # stale only when the owning process is gone, never by age
        self._server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []
        self.notified_running = False

    @property
    def locked(self) -> bool:
        return self._lock.isLocked()

    def acquire(self, timeout_ms: int = 200) -> bool:
        """True if this is the profile's only instance (now locked and listening); False if another one runs
        (it has been asked to come to the front when `notified_running` is True)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(timeout_ms):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                self.notified_running = self._notify_running()
            else:
                log.error("cannot create the profile lock in %s (%s)", self.data_dir, self._lock.error().name)
            return False
        self._listen()
        return True

    def release(self) -> None:
        for socket in self._clients:
            socket.abort()
        self._clients.clear()
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket left by a killed owner (we hold the lock now)
        if not server.listen(self.name):
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            return
        server.newConnection.connect(self._accept)
        self._server = server

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._clients.append(socket)
            socket.readyRead.connect(self._read)
            self._read()

    def _read(self) -> None:
        for socket in list(self._clients):
            if not socket.bytesAvailable():
                continue
            data = bytes(socket.readAll().data())
            self._clients.remove(socket)
            socket.abort()
            socket.deleteLater()
            if _ACTIVATE.strip() in data:
                log.info("another launch on this profile asked for the window")
                self.activated.emit()

    def _notify_running(self, timeout_ms: int = 1000) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            log.warning("single instance: the running mkdesk does not answer (%s)", socket.errorString())
            return False
        socket.write(_ACTIVATE)
        ok = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return ok


def bring_to_front(window: QWidget) -> None:
    """Show a window that another launch asked for: restore it if minimised, raise and activate it."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    if QGuiApplication.platformName() != "offscreen":  # offscreen cannot raise or activate windows
        window.raise_()
        window.activateWindow()
