"""A tiny HTTP CONNECT proxy for the end-to-end tests, standard library only.

It listens on 127.0.0.1, tunnels CONNECT requests to loopback targets only
(others get 403), records every CONNECT target, and can answer every
CONNECT with another status (407 Proxy Authentication Required, say).

    with ConnectProxy() as proxy:
        env = {"http_proxy": proxy.url}
        ...
        assert proxy.targets == ["127.0.0.1:PORT"]

Run as a script it prints {"port": P} and serves until interrupted.
"""

import json
import select
import socket
import sys
import threading

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class ConnectProxy:
    """A CONNECT proxy on a free loopback port, served by threads."""

    def __init__(self, refuse_status=None):
        # With refuse_status (e.g. 407) every CONNECT gets that answer.
        self.refuse_status = refuse_status
        self.targets = []
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self._closed = False
        self._thread = threading.Thread(target=self._accept_loop,
                                        daemon=True)
        self._thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        self._closed = True
        try:
            self._listener.close()
        except OSError:
            pass

    def connect_targets(self):
        """Return the CONNECT targets seen so far, in order."""
        with self._lock:
            return list(self.targets)

    def _accept_loop(self):
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,),
                             daemon=True).start()

    def _serve(self, client):
        with client:
            client.settimeout(10)
            head = b""
            try:
                while b"\r\n\r\n" not in head:
                    chunk = client.recv(4096)
                    if not chunk:
                        return
                    head += chunk
            except OSError:
                return
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            parts = request_line.split(" ")
            if len(parts) < 3 or parts[0] != "CONNECT":
                client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\n"
                               b"Content-Length: 0\r\n\r\n")
                return
            target = parts[1]
            with self._lock:
                self.targets.append(target)

            if self.refuse_status is not None:
                client.sendall(
                    f"HTTP/1.1 {self.refuse_status} Refused\r\n"
                    "Proxy-Authenticate: Basic realm=\"test\"\r\n"
                    "Content-Length: 0\r\n\r\n".encode())
                return
            host, _, port = target.rpartition(":")
            host = host.strip("[]")
            if host not in LOOPBACK_HOSTS:
                client.sendall(b"HTTP/1.1 403 Forbidden\r\n"
                               b"Content-Length: 0\r\n\r\n")
                return
            try:
                upstream = socket.create_connection((host, int(port)),
                                                    timeout=10)
            except (OSError, ValueError):
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\n"
                               b"Content-Length: 0\r\n\r\n")
                return
            with upstream:
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                self._relay(client, upstream)

    def _relay(self, client, upstream):
        client.settimeout(None)
        upstream.settimeout(None)
        sockets = [client, upstream]
        while not self._closed:
            readable, _, _ = select.select(sockets, [], [], 1.0)
            for sock in readable:
                try:
                    data = sock.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                other = upstream if sock is client else client
                try:
                    other.sendall(data)
                except OSError:
                    return


if __name__ == "__main__":
    status = int(sys.argv[1]) if len(sys.argv) > 1 else None
    proxy = ConnectProxy(refuse_status=status)
    print(json.dumps({"port": proxy.port}), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        proxy.close()
