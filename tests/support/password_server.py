"""A stand-in PostgreSQL server that asks every client for a password (cleartext) and then
refuses it as a wrong password would be refused: enough for libpq to show what the app sends
at start-up, on a machine whose real server trusts every local login."""

from __future__ import annotations

import socket
import struct
import threading

SSL_REQUEST, GSS_REQUEST = 80877103, 80877104


class PasswordServer:
    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.attempts: list[str | None] = []  # per connection: the password sent, or None
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, login: str = "anne", database: str = "tryg") -> str:
        return f"postgresql://{login}@127.0.0.1:{self.port}/{database}?sslmode=disable"

    def close(self) -> None:
        self.listener.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                try:
                    self._one(conn)
                except (OSError, struct.error):
                    pass

    def _one(self, conn: socket.socket) -> None:
        while True:  # the startup packet, after any SSL or GSS encryption request
            length, code = struct.unpack("!II", _read(conn, 8))
            _read(conn, length - 8)
            if code in (SSL_REQUEST, GSS_REQUEST):
                conn.sendall(b"N")
                continue
            break
        conn.sendall(b"R" + struct.pack("!II", 8, 3))  # AuthenticationCleartextPassword
        header = conn.recv(5)
        if len(header) < 5 or header[:1] != b"p":  # libpq without a password hangs up
            self.attempts.append(None)
            return
        (length,) = struct.unpack("!I", header[1:])
        self.attempts.append(_read(conn, length - 4).rstrip(b"\0").decode())
        fields = (b"SFATAL\0" + b"C28P01\0"
                  + b'Mpassword authentication failed for user "anne"\0' + b"\0")
        conn.sendall(b"E" + struct.pack("!I", len(fields) + 4) + fields)


def _read(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise OSError("closed")
        data += chunk
    return data
