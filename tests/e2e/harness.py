"""Drive mastotail and the fake Mastodon instance in end-to-end tests.

Standard library only. Every wait has a timeout, so a test fails instead of
hanging. Paths come from the environment that meson sets:

  MASTOTAIL           the mastotail binary
  FAKE_INSTANCE       the fake-instance binary
  MASTOTAIL_CAPTURES  recordings of a real Mastodon server (may be missing)

Main pieces: FakeInstance (spawn and control the fake server), RawWebSocket
(a minimal client that shows the server's bytes as they are), Mastotail
(run the client under test), make_certs (test certificates) and run_tests
(the unittest entry point of each test file).
"""

import base64
import collections
import hashlib
import http.client
import json
import os
import queue
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest

MASTOTAIL = os.environ.get("MASTOTAIL", "")
FAKE_INSTANCE = os.environ.get("FAKE_INSTANCE", "")
MASTOTAIL_CAPTURES = os.environ.get("MASTOTAIL_CAPTURES", "")

# The token that FakeInstance accepts unless a test gives others.
TOKEN = "test-token-alice"

DEFAULT_TIMEOUT = 10.0

# Environment variables that would send traffic through a proxy; lws reads
# http_proxy itself.
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy",
                   "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def captures_available():
    """Return True when the Mastodon recordings directory exists."""
    return bool(MASTOTAIL_CAPTURES) and os.path.isdir(MASTOTAIL_CAPTURES)


def clean_environment(extra=None):
    """Return os.environ without proxy variables, updated with `extra`.

    MASTOTAIL_CONFIG is /dev/null, so that no account stored by the user
    running the tests is used; pass MASTOTAIL_CONFIG="" in `extra` to use
    $XDG_CONFIG_HOME/mastotail/config.
    """
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES}
    env.pop("MASTOTAIL_TOKEN", None)
    env.pop("MASTOTAIL_INSTANCE", None)
    env.pop("MASTOTAIL_ACCOUNT", None)
    env["MASTOTAIL_CONFIG"] = os.devnull
    if extra:
        env.update(extra)
    return env


def wait_until(condition, timeout=DEFAULT_TIMEOUT, interval=0.05,
               message="condition"):
    """Poll `condition()` until it returns a truthy value and return it.

    Raise TimeoutError naming `message` after `timeout` seconds.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for "
                               f"{message}")
        time.sleep(interval)


# --------------------------------------------------------------------------
# Certificates


def _openssl(args, cwd):
    result = subprocess.run(["openssl"] + args, cwd=cwd, capture_output=True,
                            text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"openssl {' '.join(args)} failed: "
                           f"{result.stderr.strip()}")


def _signed_cert(directory, name, subject_alt_name):
    _openssl(["req", "-newkey", "ec", "-pkeyopt",
              "ec_paramgen_curve:prime256v1", "-nodes",
              "-keyout", f"{name}.key", "-out", f"{name}.csr",
              "-subj", f"/CN={name}"], directory)
    extensions = os.path.join(directory, f"{name}.ext")
    with open(extensions, "w", encoding="ascii") as file:
        file.write(f"subjectAltName={subject_alt_name}\n"
                   "basicConstraints=critical,CA:FALSE\n"
                   "extendedKeyUsage=serverAuth\n")
    _openssl(["x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem",
              "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
              "-out", f"{name}.pem", "-extfile", extensions], directory)


def make_certs(tmpdir):
    """Create test certificates in `tmpdir` with the openssl CLI.

    Return a dict of PEM paths: "ca" (the test CA certificate), "server" and
    "server_key" (DNS:localhost, IP:127.0.0.1, signed by the CA), "wrong"
    and "wrong_key" (DNS:wrong.example, signed by the CA), "self" and
    "self_key" (self-signed, DNS:localhost, IP:127.0.0.1).
    """
    _openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt",
              "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
              "-keyout", "ca.key", "-out", "ca.pem",
              "-subj", "/CN=mastotail test CA",
              "-addext", "basicConstraints=critical,CA:TRUE",
              "-addext", "keyUsage=critical,keyCertSign,cRLSign"], tmpdir)
    _signed_cert(tmpdir, "server", "DNS:localhost,IP:127.0.0.1")
    _signed_cert(tmpdir, "wrong", "DNS:wrong.example")
    _openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt",
              "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
              "-keyout", "self.key", "-out", "self.pem", "-subj",
              "/CN=localhost", "-addext",
              "subjectAltName=DNS:localhost,IP:127.0.0.1"], tmpdir)

    def path(name):
        return os.path.join(tmpdir, name)

    return {"ca": path("ca.pem"),
            "server": path("server.pem"), "server_key": path("server.key"),
            "wrong": path("wrong.pem"), "wrong_key": path("wrong.key"),
            "self": path("self.pem"), "self_key": path("self.key")}


def write_token_file(directory, token=TOKEN):
    """Write `token` to a new file with mode 0600 and return its path."""
    path = os.path.join(directory, "token")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(token + "\n")
    return path


# --------------------------------------------------------------------------
# The fake instance


class FakeInstance:
    """One fake-instance process and its control port.

    Options (for the constructor or start()): tokens (list, default
    [TOKEN]; [] rejects every upgrade), port, control_port, tls_cert,
    tls_key, streaming_url, no_v2, ping_interval, timeline,
    publish_delay_ms, list_ids.

        with FakeInstance(ping_interval=2) as fake:
            socket = RawWebSocket.open(fake)
    """

    def __init__(self, **options):
        self.options = options
        self.process = None
        self.port = None
        self.control_port = None
        self._log = None

    def __enter__(self):
        if self.process is None:
            self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    # Process ---------------------------------------------------------------

    def _command(self):
        options = dict(self.options)
        command = [FAKE_INSTANCE]
        for token in options.pop("tokens", [TOKEN]):
            command += ["--token", token]
        for list_id in options.pop("list_ids", []):
            command += ["--list-id", list_id]
        if options.pop("no_v2", False):
            command.append("--no-v2")
        for name, value in options.items():
            if value is not None:
                command += ["--" + name.replace("_", "-"), str(value)]
        return command

    def start(self, **options):
        """Spawn the server and wait (10 s at most) for its port line."""
        if not FAKE_INSTANCE:
            raise RuntimeError("FAKE_INSTANCE is not set; run the tests "
                               "with meson test")
        self.options.update(options)
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen(
            self._command(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=self._log, env=clean_environment())

        line = self._read_port_line(DEFAULT_TIMEOUT)
        ports = json.loads(line)
        self.port = ports["port"]
        self.control_port = ports["control_port"]
        return self

    def _read_port_line(self, timeout):
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                self.stop()
                raise TimeoutError("fake-instance printed no port line "
                                   f"within {timeout} s")
        line = self.process.stdout.readline().decode()
        if not line:
            code = self.process.wait(timeout=5)
            raise RuntimeError(f"fake-instance exited with {code}: "
                               f"{self.log()}")
        return line

    def log(self):
        """Return what the server wrote to stderr so far."""
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        return self._log.read()

    def running(self):
        return self.process is not None and self.process.poll() is None

    def shutdown(self, timeout=5.0):
        """Ask the server to exit through POST /shutdown; return its code."""
        self._control("POST", "/shutdown", {}, timeout=timeout)
        return self.process.wait(timeout=timeout)

    def stop(self):
        """Stop the server: POST /shutdown, then SIGKILL to its PID."""
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                self.shutdown(timeout=2)
            except (OSError, subprocess.TimeoutExpired, RuntimeError):
                self.process.kill()
                self.process.wait(timeout=5)
        self.process.stdout.close()
        if self._log is not None:
            self._log.close()
            self._log = None
        self.process = None

    # Addresses -------------------------------------------------------------

    @property
    def tls(self):
        return bool(self.options.get("tls_cert"))

    @property
    def http_url(self):
        """Base URL of the REST side, e.g. http://127.0.0.1:PORT."""
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    @property
    def ws_url(self):
        """URL of the streaming endpoint, ws[s]://127.0.0.1:PORT/..."""
        scheme = "wss" if self.tls else "ws"
        return f"{scheme}://127.0.0.1:{self.port}/api/v1/streaming"

    # Control port ----------------------------------------------------------

    def _control(self, method, path, body=None, timeout=DEFAULT_TIMEOUT):
        connection = http.client.HTTPConnection("127.0.0.1",
                                                self.control_port,
                                                timeout=timeout)
        try:
            data = None if body is None else json.dumps(body).encode()
            headers = {"Content-Type": "application/json"} if data else {}
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        if response.status != 200:
            raise RuntimeError(f"control {method} {path} returned "
                               f"{response.status}: {text}")
        return json.loads(text)

    def publish(self, stream, event="update", payload=None, tag=None,
                list=None, payload_json=None):
        """Publish one event to `stream` and return how many messages went
        out (one per matching subscription).

        `payload` is sent as a JSON string (a dict or list is JSON-encoded
        first, as Mastodon double-encodes entities); None leaves the
        payload key out. `payload_json` sends any JSON value unquoted.
        Entities with a string "id" are also recorded for the REST
        timelines, whether or not a client is connected (see store()).
        """
        body = {"stream": stream, "event": event}
        if tag is not None:
            body["tag"] = tag
        if list is not None:
            body["list"] = list
        if payload is not None:
            body["payload"] = (payload if isinstance(payload, str)
                               else json.dumps(payload, ensure_ascii=False))
        if payload_json is not None:
            body["payload_json"] = payload_json
        return self._control("POST", "/publish", body)["sent"]

    def publish_many(self, streams, event="update", payload=None):
        """Publish one event to several streams at once.

        `streams` holds names ("public") or dicts ({"stream": "hashtag",
        "tag": "rust"}). Return the number of messages sent.
        """
        body = {"streams": streams, "event": event}
        if payload is not None:
            body["payload"] = (payload if isinstance(payload, str)
                               else json.dumps(payload, ensure_ascii=False))
        return self._control("POST", "/publish", body)["sent"]

    def store(self, stream, event, payload, tag=None, list=None):
        """Record one event for the REST timelines without streaming it,
        as if it happened while no client was connected.

        `payload` is the entity (a dict is JSON-encoded) or, for "delete",
        the status id. POST /publish records events the same way. Raise
        RuntimeError with the server's reason when no REST timeline keeps
        the event or the payload has no string "id".
        """
        body = {"stream": stream, "event": event,
                "payload": (payload if isinstance(payload, str)
                            else json.dumps(payload, ensure_ascii=False))}
        if tag is not None:
            body["tag"] = tag
        if list is not None:
            body["list"] = list
        return self._control("POST", "/store", body)["stored"]

    def clear_stores(self):
        """Empty every REST timeline (statuses, notifications,
        conversations)."""
        self._control("POST", "/clear-stores", {})

    def frame(self, text, fragments=1):
        """Send `text` verbatim to every client as one message split into
        `fragments` frames; return the number of clients."""
        body = {"text": text, "fragments": fragments}
        return self._control("POST", "/frame", body)["sent"]

    def drop(self, code=None, reason="", abrupt=False, reset=False):
        """Close every WebSocket after its pending output.

        With `code` a close frame carries code and reason; without, the
        close frame is empty (clients see 1005). `abrupt` closes the TCP
        connection without a close frame; `reset` sends a TCP RST.
        Return the number of clients.
        """
        body = {"abrupt": abrupt, "reset": reset}
        if code is not None:
            body["code"] = code
            body["reason"] = reason
        return self._control("POST", "/drop", body)["dropped"]

    def silence(self, seconds):
        """Stop reading, writing and pinging on every open WebSocket for
        `seconds`; later connections are not affected."""
        self._control("POST", "/silence", {"seconds": seconds})

    def reject(self, count=1, status=401, headers=None, body="", paths=None,
               reset=False):
        """Answer the next `count` WebSocket upgrades (or, with `paths`, any
        request to those paths) with a canned response, then close.
        `reset` sends a TCP RST instead (plain port only)."""
        request = {"count": count, "status": status,
                   "headers": headers or {}, "body": body, "reset": reset}
        if paths is not None:
            request["paths"] = paths
        self._control("POST", "/reject", request)

    def kill_mid_frame(self, text=None):
        """Write the first half of a text frame to every client, then close
        the TCP connection. Return the number of clients."""
        body = {} if text is None else {"text": text}
        return self._control("POST", "/kill-mid-frame", body)["sent"]

    def oauth(self, **settings):
        """Change how the OAuth endpoints answer and return the settings
        with the issued and revoked tokens (POST /oauth).

        Settings: apps ("ok", "422", "html", "404"), authorize ("ok",
        "deny", "wrong_state"), verify ("ok", "401"), account (the acct
        that the next codes authorize) and revoke (a token to revoke).
        """
        return self._control("POST", "/oauth", settings)

    def state(self):
        """Return GET /state: {"connections": [...], "requests": [...],
        "handshakes": N}, where handshakes counts upgrade requests,
        rejected ones included."""
        return self._control("GET", "/state")

    def connections(self):
        return self.state()["connections"]

    def requests(self):
        return self.state()["requests"]

    def wait_for_subscriptions(self, expected, timeout=DEFAULT_TIMEOUT):
        """Wait until the open connections have the expected subscriptions.

        `expected` is a count (the total over all connections, at least)
        or a predicate taking the list of connections. Return that list.
        """
        if callable(expected):
            predicate = expected
        else:
            def predicate(connections):
                total = sum(len(c["subscriptions"]) for c in connections)
                return total >= expected

        def check():
            connections = self.connections()
            return (connections,) if predicate(connections) else None

        return wait_until(check, timeout,
                          message=f"subscriptions ({expected!r})")[0]

    def wait_for_connections(self, count, timeout=DEFAULT_TIMEOUT):
        """Wait until exactly `count` WebSockets are open; return them."""
        def check():
            connections = self.connections()
            return (connections,) if len(connections) == count else None

        return wait_until(check, timeout,
                          message=f"{count} connections")[0]

    def wait_for_handshakes(self, count, timeout=DEFAULT_TIMEOUT):
        """Wait until at least `count` upgrade requests arrived."""
        return wait_until(lambda: self.state()["handshakes"] >= count,
                          timeout, message=f"{count} handshakes")


# --------------------------------------------------------------------------
# A minimal WebSocket client


class HandshakeError(Exception):
    """The server answered the upgrade with something other than 101."""

    def __init__(self, status, headers, body):
        super().__init__(f"WebSocket upgrade answered with {status}")
        self.status = status
        self.headers = headers  # lowercased names
        self.body = body


Message = collections.namedtuple("Message", "kind data fragments")
Message.__doc__ = """One received WebSocket message.

kind: "text" (data is str), "binary" (bytes), "ping" or "pong" (bytes),
"close" (data is (code, reason), code None for an empty close frame),
"eof" (TCP closed without a close frame) or "reset" (TCP RST).
fragments: the number of frames the message came in.
"""

OPCODE_CONTINUATION = 0x0
OPCODE_TEXT = 0x1
OPCODE_BINARY = 0x2
OPCODE_CLOSE = 0x8
OPCODE_PING = 0x9
OPCODE_PONG = 0xA


class RawWebSocket:
    """A WebSocket client over a plain socket that hides nothing.

    It sends masked frames, reads the server's frames as they are and
    reassembles fragmented messages. Pings are answered only by recv_text()
    and recv_json(); recv() returns them to the caller.
    """

    def __init__(self, sock, leftover=b"", response_headers=None):
        self.sock = sock
        self.buffer = bytearray(leftover)
        self.response_headers = response_headers or {}
        self.pings_received = 0
        self._pieces = None  # (opcode, payloads) of an unfinished message

    # Connecting ------------------------------------------------------------

    @classmethod
    def connect(cls, host, port, path="/api/v1/streaming", headers=None,
                timeout=5.0, tls_context=None, server_hostname=None):
        """Open a TCP (or TLS) connection and perform the upgrade.

        Raise HandshakeError when the answer is not 101.
        """
        sock = socket.create_connection((host, port), timeout=timeout)
        try:
            if tls_context is not None:
                sock = tls_context.wrap_socket(
                    sock, server_hostname=server_hostname or host)
            key = base64.b64encode(os.urandom(16)).decode()
            request = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}",
                       "Upgrade: websocket", "Connection: Upgrade",
                       f"Sec-WebSocket-Key: {key}",
                       "Sec-WebSocket-Version: 13"]
            for name, value in (headers or {}).items():
                request.append(f"{name}: {value}")
            sock.sendall(("\r\n".join(request) + "\r\n\r\n").encode())

            status, response_headers, rest = _read_http_head(sock)
            if status != 101:
                body = _read_rest(sock, rest)
                raise HandshakeError(status, response_headers, body)
            _check_accept(key, response_headers)
            return cls(sock, rest, response_headers)
        except BaseException:
            sock.close()
            raise

    @classmethod
    def open(cls, fake, path="/api/v1/streaming", token=TOKEN, auth="header",
             headers=None, timeout=5.0, tls_context=None):
        """Connect to a FakeInstance, sending `token` by `auth`: "header"
        (Authorization: Bearer), "query" (access_token=), "protocol"
        (Sec-WebSocket-Protocol) or None (no token)."""
        all_headers = dict(headers or {})
        if auth == "header":
            all_headers["Authorization"] = f"Bearer {token}"
        elif auth == "protocol":
            all_headers["Sec-WebSocket-Protocol"] = token
        elif auth == "query":
            separator = "&" if "?" in path else "?"
            path = f"{path}{separator}access_token={token}"
        if fake.tls and tls_context is None:
            raise ValueError("a TLS fake instance needs a tls_context")
        return cls.connect("127.0.0.1", fake.port, path, all_headers,
                           timeout, tls_context)

    # Sending ---------------------------------------------------------------

    def send_frame(self, opcode, payload=b"", fin=True):
        """Send one masked frame."""
        header = bytearray([(0x80 if fin else 0) | opcode])
        length = len(payload)
        if length < 126:
            header.append(0x80 | length)
        elif length < 65536:
            header.append(0x80 | 126)
            header += struct.pack("!H", length)
        else:
            header.append(0x80 | 127)
            header += struct.pack("!Q", length)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes(header) + mask + masked)

    def send_text(self, text):
        self.send_frame(OPCODE_TEXT, text.encode())

    def send_json(self, value):
        self.send_text(json.dumps(value, ensure_ascii=False))

    def subscribe(self, stream, **params):
        """Send {"type":"subscribe","stream":stream, ...params}."""
        self.send_json({"type": "subscribe", "stream": stream, **params})

    def unsubscribe(self, stream, **params):
        self.send_json({"type": "unsubscribe", "stream": stream, **params})

    def send_binary(self, data):
        self.send_frame(OPCODE_BINARY, data)

    def send_ping(self, payload=b""):
        self.send_frame(OPCODE_PING, payload)

    def send_close(self, code=1000, reason=""):
        self.send_frame(OPCODE_CLOSE,
                        struct.pack("!H", code) + reason.encode())

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # Receiving -------------------------------------------------------------

    def _fill(self, count, deadline):
        while len(self.buffer) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no complete WebSocket frame in time")
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout as error:
                raise TimeoutError("no complete WebSocket frame in time") \
                    from error
            if not chunk:
                raise EOFError("connection closed")
            self.buffer += chunk

    def _take(self, count, deadline):
        self._fill(count, deadline)
        data = bytes(self.buffer[:count])
        del self.buffer[:count]
        return data

    def recv_frame(self, timeout=DEFAULT_TIMEOUT):
        """Return one frame as (fin, opcode, payload bytes).

        Raise TimeoutError, EOFError or ConnectionResetError.
        """
        deadline = time.monotonic() + timeout
        first, second = self._take(2, deadline)
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self._take(2, deadline))
        elif length == 127:
            (length,) = struct.unpack("!Q", self._take(8, deadline))
        mask = self._take(4, deadline) if second & 0x80 else None
        payload = self._take(length, deadline)
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return bool(first & 0x80), first & 0x0F, payload

    def recv(self, timeout=DEFAULT_TIMEOUT):
        """Return the next Message, reassembling fragmented ones.

        Control frames between fragments are returned on their own; the
        fragments read so far stay buffered for the next call.
        """
        deadline = time.monotonic() + timeout
        pieces = self._pieces
        while True:
            try:
                fin, opcode, payload = self.recv_frame(
                    max(deadline - time.monotonic(), 0.001))
            except EOFError:
                return Message("eof", None, 0)
            except ConnectionResetError:
                return Message("reset", None, 0)

            if opcode == OPCODE_PING:
                self.pings_received += 1
                return Message("ping", payload, 1)
            if opcode == OPCODE_PONG:
                return Message("pong", payload, 1)
            if opcode == OPCODE_CLOSE:
                return Message("close", _parse_close(payload), 1)

            if opcode != OPCODE_CONTINUATION:
                pieces = (opcode, [payload])
            elif pieces is not None:
                pieces[1].append(payload)
            else:
                raise ValueError("continuation frame without a first frame")
            if not fin:
                self._pieces = pieces
                continue

            self._pieces = None
            first_opcode, parts = pieces
            data = b"".join(parts)
            if first_opcode == OPCODE_TEXT:
                return Message("text", data.decode("utf-8"), len(parts))
            return Message("binary", data, len(parts))

    def recv_text(self, timeout=DEFAULT_TIMEOUT):
        """Return the next text message, answering pings on the way.

        Raise ConnectionError when the connection ends first.
        """
        deadline = time.monotonic() + timeout
        while True:
            message = self.recv(max(deadline - time.monotonic(), 0.001))
            if message.kind == "ping":
                self.send_frame(OPCODE_PONG, message.data)
                continue
            if message.kind == "pong":
                continue
            if message.kind == "text":
                return message.data
            raise ConnectionError(f"expected a text message, got "
                                  f"{message.kind} {message.data!r}")

    def recv_json(self, timeout=DEFAULT_TIMEOUT):
        return json.loads(self.recv_text(timeout))

    def expect_silence(self, seconds):
        """Return True when no text message arrives within `seconds`
        (pings are answered)."""
        try:
            text = self.recv_text(seconds)
        except TimeoutError:
            return True
        raise AssertionError(f"expected no message, got {text!r}")


def _read_http_head(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError(f"connection closed during the "
                                  f"handshake after {data!r}")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("iso-8859-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, rest


def _read_rest(sock, rest):
    """Read until the server closes (bounded by the socket timeout)."""
    data = rest
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    return data


def _check_accept(key, headers):
    digest = hashlib.sha1(
        (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()
    expected = base64.b64encode(digest).decode()
    if headers.get("sec-websocket-accept") != expected:
        raise ConnectionError("wrong Sec-WebSocket-Accept in the response")


def _parse_close(payload):
    if len(payload) < 2:
        return (None, "")
    (code,) = struct.unpack("!H", payload[:2])
    return (code, payload[2:].decode("utf-8", "replace"))


def http_get(url, headers=None, timeout=DEFAULT_TIMEOUT, tls_context=None):
    """GET a loopback URL; return (status, lowercased headers, body bytes)."""
    scheme, _, rest = url.partition("://")
    host_port, _, path = rest.partition("/")
    host, _, port = host_port.partition(":")
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, int(port),
                                                 timeout=timeout,
                                                 context=tls_context)
    else:
        connection = http.client.HTTPConnection(host, int(port),
                                                timeout=timeout)
    try:
        connection.request("GET", "/" + path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        names = {k.lower(): v for k, v in response.getheaders()}
        return response.status, names, body
    finally:
        connection.close()


# --------------------------------------------------------------------------
# The client under test


class Mastotail:
    """A mastotail process with its stdout read line by line.

        tail = Mastotail()
        tail.start(["-i", fake.http_url, "--stream", "public"])
        line = tail.read_line(timeout=5)
        tail.interrupt(); code = tail.wait(5)

    The token goes into the MASTOTAIL_TOKEN environment variable (or use
    write_token_file() and --token-file), never into argv.
    """

    def __init__(self, token=TOKEN):
        self.token = token
        self.process = None
        self._lines = queue.Queue()
        self._stderr = []
        self._threads = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.kill()

    def _environment(self, env):
        extra = {}
        if self.token is not None:
            extra["MASTOTAIL_TOKEN"] = self.token
        extra.update(env or {})
        return clean_environment(extra)

    def _command(self, args):
        if not MASTOTAIL:
            raise RuntimeError("MASTOTAIL is not set; run the tests with "
                               "meson test")
        return [MASTOTAIL] + [str(arg) for arg in args]

    def start(self, args, env=None, stdin=None):
        """Start mastotail with `args`; `stdin` is None (no input), bytes
        or str (written, then closed), or a file object."""
        stdin_mode = subprocess.DEVNULL
        if isinstance(stdin, (bytes, str)):
            stdin_mode = subprocess.PIPE
        elif stdin is not None:
            stdin_mode = stdin
        self.process = subprocess.Popen(
            self._command(args), stdin=stdin_mode, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=self._environment(env))
        if isinstance(stdin, (bytes, str)):
            data = stdin.encode() if isinstance(stdin, str) else stdin
            threading.Thread(target=self._feed, args=(data,),
                             daemon=True).start()
        self._threads = [
            threading.Thread(target=self._pump_stdout, daemon=True),
            threading.Thread(target=self._pump_stderr, daemon=True)]
        for thread in self._threads:
            thread.start()
        return self

    def _feed(self, data):
        try:
            self.process.stdin.write(data)
            self.process.stdin.close()
        except OSError:
            pass

    def _pump_stdout(self):
        for raw in iter(self.process.stdout.readline, b""):
            self._lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self._lines.put(None)

    def _pump_stderr(self):
        for raw in iter(self.process.stderr.readline, b""):
            self._stderr.append(raw.decode("utf-8", "replace"))

    def read_line(self, timeout=DEFAULT_TIMEOUT):
        """Return the next stdout line without its newline, or None at end
        of output. Raise TimeoutError naming stderr so far."""
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no output line within {timeout} s; "
                               f"stderr: {self.stderr()!r}") from None

    def read_lines(self, count, timeout=DEFAULT_TIMEOUT):
        """Return `count` lines, all within `timeout` seconds in total."""
        deadline = time.monotonic() + timeout
        lines = []
        while len(lines) < count:
            line = self.read_line(max(deadline - time.monotonic(), 0.001))
            if line is None:
                raise EOFError(f"output ended after {len(lines)} of "
                               f"{count} lines: {lines!r}; stderr: "
                               f"{self.stderr()!r}")
            lines.append(line)
        return lines

    def stderr(self):
        """Return what mastotail wrote to stderr so far."""
        return "".join(self._stderr)

    def wait_for_stderr(self, text, timeout=DEFAULT_TIMEOUT):
        """Return stderr once it contains `text`, or all of it when
        `timeout` seconds pass first. A thread reads stderr, so a line
        that mastotail wrote may reach stderr() a moment later."""
        deadline = time.monotonic() + timeout
        while text not in self.stderr() and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.stderr()

    def wait(self, timeout=DEFAULT_TIMEOUT):
        """Wait for exit and return the exit code (negative for a signal).
        Raise TimeoutError, leaving the process running."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise TimeoutError(f"mastotail still running after {timeout} s"
                               ) from None
        for thread in self._threads:
            thread.join(timeout=5)
        return code

    def _signal(self, number):
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, number)

    def interrupt(self):
        """Send SIGINT to this process only."""
        self._signal(signal.SIGINT)

    def terminate(self):
        """Send SIGTERM to this process only."""
        self._signal(signal.SIGTERM)

    def kill(self):
        """SIGKILL this process if it still runs and reap it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)

    def run(self, args, env=None, timeout=30, input=None):
        """Run mastotail to completion; return (code, stdout, stderr) as
        text. Raise TimeoutError (after killing it) past `timeout`."""
        if isinstance(input, str):
            input = input.encode()
        try:
            result = subprocess.run(
                self._command(args), input=input, capture_output=True,
                env=self._environment(env), timeout=timeout,
                stdin=None if input is not None else subprocess.DEVNULL)
        except subprocess.TimeoutExpired as error:
            raise TimeoutError(f"mastotail did not exit within {timeout} s; "
                               f"stderr: {error.stderr!r}") from None
        return (result.returncode,
                result.stdout.decode("utf-8", "replace"),
                result.stderr.decode("utf-8", "replace"))


def run(args, env=None, timeout=30, input=None, token=TOKEN):
    """Run mastotail once; return (code, stdout, stderr)."""
    return Mastotail(token).run(args, env=env, timeout=timeout, input=input)


# --------------------------------------------------------------------------
# Test entry point


def run_tests(module_name="__main__"):
    """Run the unittest cases of a test file, print a count and exit with
    status 0 only when all passed."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(
        sys.modules[module_name])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    name = os.path.basename(sys.modules[module_name].__file__ or module_name)
    skipped = len(result.skipped)
    print(f"{name}: {result.testsRun} tests, {failed} failed, "
          f"{skipped} skipped")
    # The line tests/summarize.py adds up.
    print(f"RESULT: {result.testsRun - failed - skipped} passed, "
          f"{failed} failed")
    sys.exit(0 if result.wasSuccessful() else 1)
