"""Test helper: a real Dovecot IMAP server on 127.0.0.1 (plain, or with a self-signed certificate for TLS/STARTTLS).

`MailServer(tls=False)` writes a minimal config into a fresh world-readable temp dir (Dovecot's mail user is
`nobody`, so pytest's 0700 `tmp_path` will not do), starts `dovecot -F` and waits for the `* OK` greeting. It can
stop and restart the server (same ports, same mail), add users, deliver messages by writing Maildir files or by
IMAP APPEND, create folders, set flags, and give a mailbox a new UIDVALIDITY by recreating its index.
"""

from __future__ import annotations

import imaplib
import itertools
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
MAIL_UID = "nobody"
MAIL_GID = "nogroup"
_counter = itertools.count()


def dovecot_available() -> bool:
    return Path(DOVECOT).exists()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _live_members(pgid: int) -> list[int]:
    """Processes of a group that are not zombies (from /proc)."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            live.append(int(stat.parent.name))
    return live


def make_certificate(directory: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A self-signed certificate for `host` (IP and localhost names), made with the openssl CLI."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=mkdesk test IMAP",
         "-addext", f"subjectAltName=IP:{host},DNS:localhost"],
        check=True, capture_output=True, timeout=30,
    )
    return cert, key


class MailServer:
    """One Dovecot instance with its own directory, ports, users and mail."""

    def __init__(self, *, tls: bool = False) -> None:
        self.host = "127.0.0.1"
        self.tls = tls
        self.root = Path(tempfile.mkdtemp(prefix="mkdesk-dovecot-"))
        os.chmod(self.root, 0o755)
        self.port = free_port()
        self.tls_port = free_port() if tls else 0
        self.users: dict[str, str] = {}
        self.cert: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._uid = pwd.getpwnam(MAIL_UID).pw_uid
        self._gid = pwd.getpwnam(MAIL_UID).pw_gid
        if tls:
            self.cert, self._key = make_certificate(self.root, self.host)
            os.chmod(self._key, 0o644)
        self._write_config()

    # ----- lifecycle -------------------------------------------------------------------------------------------
    def _write_config(self) -> None:
        root = self.root
        (root / "users").touch()
        ssl_lines = (
            f"ssl = yes\nssl_cert = <{self.cert}\nssl_key = <{self._key}\n" if self.tls else "ssl = no\n"
        )
        imaps = f"port = {self.tls_port}\n    address = 127.0.0.1" if self.tls else "port = 0"
        (root / "dovecot.conf").write_text(
            f"""protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
instance_name = mkdesk-test-{os.getpid()}-{next(_counter)}
{ssl_lines}disable_plaintext_auth = no
auth_failure_delay = 0
mail_location = maildir:{root}/mail/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={MAIL_UID} gid={MAIL_GID} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    {imaps}
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""
        )
        (root / "mail").mkdir(exist_ok=True)
        os.chown(root / "mail", self._uid, self._gid)

    def start(self, timeout: float = 10.0) -> MailServer:
        if self.process is not None:
            return self
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                self.process = None
                raise RuntimeError(f"dovecot exited: {err}\n{self.log_text()}")
            if self._greets():
                return self
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"dovecot did not greet within {timeout}s\n{self.log_text()}")
            time.sleep(0.02)

    def _greets(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1) as sock:
                return sock.recv(256).startswith(b"* OK")
        except OSError:
            return False

    def stop(self) -> None:
        """Stop the server (every client connection is cut)."""
        process, self.process = self.process, None
        if process is None:
            return
        # The master and every imap/login/auth child it started: one process group. A child forked while the
        # signal was on its way can miss it and keep the listening socket, so kill until no live member is left
        # (SIGKILLed members hold no sockets any more, even before they are reaped).
        for _ in range(500):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                break
            if process.poll() is not None and not _live_members(process.pid):
                break
            time.sleep(0.01)
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def log_text(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts exactly this server's certificate."""
        assert self.cert is not None, "not a TLS server"
        return ssl.create_default_context(cafile=str(self.cert))

    # ----- users and mail --------------------------------------------------------------------------------------
    def add_user(self, name: str, password: str) -> None:
        self.users[name] = password
        (self.root / "users").write_text("".join(f"{u}:{{PLAIN}}{p}::::::\n" for u, p in self.users.items()))
        home = self.root / "mail" / name
        for sub in ("", "Maildir", "Maildir/cur", "Maildir/new", "Maildir/tmp"):
            (home / sub).mkdir(exist_ok=True)
            os.chown(home / sub, self._uid, self._gid)

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        base = self.root / "mail" / user / "Maildir"
        return base if folder == "INBOX" else base / f".{folder}"

    def deliver(self, user: str, raw: bytes, folder: str = "INBOX", *, seen: bool = False) -> Path:
        """Write one message straight into the Maildir (as a local delivery agent would)."""
        box = self.maildir(user, folder)
        for sub in ("", "cur", "new", "tmp"):
            (box / sub).mkdir(exist_ok=True)
            os.chown(box / sub, self._uid, self._gid)
        name = f"{time.time_ns()}.M{next(_counter)}P{os.getpid()}.mkdesk-test"
        tmp = box / "tmp" / name
        tmp.write_bytes(raw)
        os.chown(tmp, self._uid, self._gid)
        final = box / "cur" / f"{name}:2,S" if seen else box / "new" / name
        os.rename(tmp, final)
        return final

    def imap(self, user: str) -> imaplib.IMAP4:
        """A logged-in stdlib client (blocking; the server is another process)."""
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.login(user, self.users[user])
        return client

    def append(self, user: str, raw: bytes, folder: str = "INBOX", *, seen: bool = False) -> None:
        client = self.imap(user)
        try:
            typ, data = client.append(folder, "(\\Seen)" if seen else None, None, raw)
            assert typ == "OK", data
        finally:
            client.logout()

    def create_folder(self, user: str, encoded_name: str) -> None:
        """CREATE a folder; the name is given as sent on the wire (modified UTF-7)."""
        client = self.imap(user)
        try:
            typ, data = client.create(encoded_name)
            assert typ == "OK", data
        finally:
            client.logout()

    def flags(self, user: str, folder: str = "INBOX") -> dict[int, set[str]]:
        """UID → flags, as the server has them."""
        client = self.imap(user)
        try:
            client.select(folder, readonly=True)
            typ, data = client.uid("FETCH", "1:*", "(FLAGS)")
            assert typ == "OK", data
            result: dict[int, set[str]] = {}
            for item in data:
                if not item:
                    continue
                text = item.decode()
                uid = int(text.split("UID ")[1].split()[0].rstrip(")"))
                flags = text.split("FLAGS (")[1].split(")")[0]
                result[uid] = set(flags.split())
            return result
        finally:
            client.logout()

    def set_seen(self, user: str, uid: int, seen: bool, folder: str = "INBOX") -> None:
        client = self.imap(user)
        try:
            client.select(folder)
            typ, data = client.uid("STORE", str(uid), "+FLAGS" if seen else "-FLAGS", "(\\Seen)")
            assert typ == "OK", data
        finally:
            client.logout()

    def uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        client = self.imap(user)
        try:
            typ, data = client.status(folder, "(UIDVALIDITY)")
            assert typ == "OK", data
            return int(data[0].decode().split("UIDVALIDITY ")[1].rstrip(")"))
        finally:
            client.logout()

    def renew_uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        """Recreate the mailbox's index with a new UIDVALIDITY (the messages stay and get new UIDs)."""
        old = self.uidvalidity(user, folder)
        was_running = self.running
        self.stop()
        box = self.maildir(user, folder)
        for path in set(box.glob("dovecot*")) | set(self.maildir(user).glob("dovecot.list.index*")):
            path.unlink(missing_ok=True)
        for path in (box / "cur").iterdir():  # back to "new": the server assigns fresh UIDs
            os.rename(path, box / "new" / path.name.split(":2,")[0])
        new = old + 1000
        uidlist = box / "dovecot-uidlist"
        uidlist.write_text(f"3 V{new} N1\n")
        os.chown(uidlist, self._uid, self._gid)
        if was_running:
            self.start()
        return new


class CuttingProxy:
    """A loopback TCP proxy to a server that cuts every connection once `cut_after` bytes came back from the server
    (None: never) — a connection lost in the middle of an answer, at a byte chosen by the test."""

    def __init__(self, target_port: int, cut_after: int | None = None, host: str = "127.0.0.1") -> None:
        import threading

        self.host = host
        self.target = (host, target_port)
        self.cut_after = cut_after
        self.cuts = 0
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((host, 0))
        self._listener.listen(8)
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="cutting-proxy", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        import threading

        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                continue
            threading.Thread(target=self._pipe, args=(client,), daemon=True).start()

    def _pipe(self, client: socket.socket) -> None:
        import selectors

        server = socket.create_connection(self.target, timeout=5)
        sel = selectors.DefaultSelector()
        sel.register(client, selectors.EVENT_READ, server)
        sel.register(server, selectors.EVENT_READ, client)
        sent_back = 0
        try:
            while not self._stop.is_set():
                for key, _ in sel.select(0.05):
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                    if not data:
                        return
                    if key.fileobj is server and self.cut_after is not None:
                        room = self.cut_after - sent_back
                        if len(data) >= room:
                            key.data.sendall(data[:max(room, 0)])
                            self.cuts += 1
                            return
                        sent_back += len(data)
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            sel.close()
            for sock in (client, server):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
