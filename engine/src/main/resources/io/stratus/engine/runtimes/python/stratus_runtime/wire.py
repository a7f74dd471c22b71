"""Client of the Lambda Runtime API (/2018-06-01/runtime), spoken as HTTP/1.1 over one keep-alive socket.

A single connection carries every call. An invocation's outcome goes out with the following next behind it in
one write (pipelined): the server answers both together once the next event is there, so the runtime wakes once
per invocation instead of twice. It is written
on the bare `_socket` module instead of `http.client`: http.client pulls in the `email` package (~15 ms at
start-up) and costs tens of microseconds more per call; `socket` adds `selectors` and `enum` for nothing used here.

Thread-safety: none; one thread (the invoke loop) owns the client.
"""
import os
import time

from . import logs

try:
    import _socket as _net
except ImportError:  # an interpreter without the private module: the public one has the same API
    import socket as _net

_BASE = "/2018-06-01/runtime"
_READ_SIZE = 65536
# A next that waited at least this long before its connection dropped was cut while idle, not refused.
_PARKED_S = 1.0
# Fence n is written straight to fd 1 before a post that names it in Stratus-Output-Fence: once the server has read
# fence n it has all the output that came before the post (its log lines), without watching the pipe go quiet. A
# new fence is written only after output (logs.take_written); otherwise the post names the last one again (0: none
# yet), which saves a write here and a wake-up of the server's output reader per quiet invocation.
_OUTPUT_FENCE = "\0stratus:output-fence:%d\0\n"


class ApiError(Exception):
    """The Runtime API cannot be reached, dropped a call or answered it with an unexpected status."""


class Reply:
    """One HTTP response: status code, headers (names lower-cased) and body bytes."""

    __slots__ = ("status", "headers", "body")

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body


class RuntimeApi:
    """Runtime API calls over one persistent connection, reopened only when the server closed it."""

    def __init__(self, address):
        """address: `host:port` from AWS_LAMBDA_RUNTIME_API (no scheme; an IPv6 host in brackets)."""
        host, sep, port = address.rpartition(":")
        if not sep or not host or not port.isdigit():
            raise ValueError("AWS_LAMBDA_RUNTIME_API must be host:port, got '%s'" % address)
        self._host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
        self._port = int(port)
        self._host_header = address
        self._sock = None
        self._pending = bytearray()  # bytes received past the end of the last response
        self._fences = 0
        self._next_head = ("GET %s/invocation/next HTTP/1.1\r\nHost: %s\r\n\r\n"
                           % (_BASE, address)).encode("latin-1")
        # A next went out behind the last post: the connection owes the post's answer, then the event.
        self._next_sent = False

    def adopt(self):
        """A pre-started runtime's wait for its function: blocks until one adopts it; returns the Reply whose body
        is the function's environment as a JSON object. Raises ApiError on any status but 200.
        """
        head = ("GET %s/stratus/adopt HTTP/1.1\r\nHost: %s\r\n\r\n" % (_BASE, self._host_header)).encode()
        reply = self._call(head, b"", retry=True)
        if reply.status != 200:
            raise ApiError("GET stratus/adopt answered %d: %s" % (reply.status, _text(reply.body)))
        return reply

    def next(self):
        """Blocks, without a timeout, until the next event arrives; returns its Reply.

        Raises ApiError on any status but 200 (403 or 500 mean the runtime must stop).
        """
        reply = self._pipelined_next() if self._next_sent else None
        if reply is None:
            # A keep-alive connection the server dropped while we were idle is expected; reconnect once.
            reply = self._call(self._next_head, b"", retry=True)
        if reply.status != 200:
            raise ApiError("invocation/next answered %d: %s" % (reply.status, _text(reply.body)))
        return reply

    def _pipelined_next(self):
        """Reads the last post's answer and then the event of the next sent behind it; None when the connection
        ended first (the server closes it after refusing a body that is too large), so the next must be asked again.
        """
        self._next_sent = False
        try:
            self._read_reply()  # the post's: the server owns the invocation's fate whatever it says
            if self._sock is None:
                return None
            return self._read_reply()
        except _Dropped:
            self._close()
            return None

    def post_response(self, request_id, body, content_type):
        """Posts the handler's result with the next request behind it; next() reads both answers."""
        path = "%s/invocation/%s/response" % (_BASE, request_id)
        self._post(path, body, content_type, None, True)

    def post_error(self, request_id, body, error_type):
        """Posts a failed invocation: body is the encoded error JSON, error_type goes in the error-type header.
        The next request goes behind it, as for post_response."""
        path = "%s/invocation/%s/error" % (_BASE, request_id)
        self._post(path, body, "application/json", error_type, True)

    def post_init_error(self, body, error_type):
        """Posts a failed init (the runtime then ends). Returns the status."""
        return self._post(_BASE + "/init/error", body, "application/json", error_type, False)

    def _post(self, path, body, content_type, error_type, and_next):
        if logs.take_written():
            self._fences += 1
            _write_fence(self._fences)
        lines = ["POST ", path, " HTTP/1.1\r\nHost: ", self._host_header,
                 "\r\nContent-Type: ", content_type, "\r\nContent-Length: ", str(len(body)),
                 "\r\nStratus-Output-Fence: ", str(self._fences), "\r\n"]
        if error_type:
            lines += ["Lambda-Runtime-Function-Error-Type: ", _header_safe(error_type), "\r\n"]
        lines.append("\r\n")
        head = "".join(lines).encode("latin-1")
        if not and_next:
            return self._call(head, body, retry=False).status
        if self._sock is None:
            self._connect()
        try:
            self._send(head, body, self._next_head)
        except _Dropped:
            self._close()
            raise ApiError("the Runtime API closed the connection")
        self._next_sent = True
        return None

    def _call(self, head, body, retry):
        while True:
            reused = self._sock is not None
            started = time.monotonic()
            try:
                return self._attempt(head, body)
            except _Dropped:
                # A kept-alive connection the server closed while we did not use it, or one it cut (an idle
                # timeout) while we were parked in next, is no failure: try again on a new connection. One
                # dropped at once on a new connection is.
                parked = time.monotonic() - started >= _PARKED_S
                if not (retry and (reused or parked)):
                    raise ApiError("the Runtime API closed the connection")

    def _attempt(self, head, body):
        if self._sock is None:
            self._connect()
        try:
            self._send(head, body)
            return self._read_reply()
        except _Dropped:
            self._close()
            raise
        except (ValueError, IndexError) as e:  # not HTTP: a status line or length that does not parse
            self._close()
            raise ApiError("malformed reply from the Runtime API: %s" % e)

    def _connect(self):
        failure = None
        for family, kind, proto, _, address in _net.getaddrinfo(_host_bytes(self._host), self._port, 0,
                                                                _net.SOCK_STREAM):
            sock = _net.socket(family, kind, proto)
            try:
                sock.connect(address)
            except OSError as e:
                sock.close()
                failure = e
                continue
            sock.setsockopt(_net.IPPROTO_TCP, _net.TCP_NODELAY, 1)
            self._sock = sock
            self._pending = bytearray()
            return
        raise ApiError("cannot connect to the Runtime API at %s: %s" % (self._host_header, failure))

    def _close(self):
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
            self._sock = None

    def _send(self, head, body, tail=b""):
        try:
            if len(body) <= _READ_SIZE:
                self._sock.sendall(head + body + tail)  # one segment for the common small post
            else:
                self._sock.sendall(head)
                self._sock.sendall(body)
                if tail:
                    self._sock.sendall(tail)
        except OSError:
            raise _Dropped()

    def _recv(self, started):
        """Receives more bytes; a close or reset before any reply byte arrived is a dropped connection."""
        try:
            data = self._sock.recv(_READ_SIZE)
        except OSError:
            if started:
                raise ApiError("the Runtime API connection broke mid-reply")
            raise _Dropped()
        if not data:
            if started:
                raise ApiError("the Runtime API closed the connection mid-reply")
            raise _Dropped()
        return data

    def _read_reply(self):
        buf = self._pending
        end = buf.find(b"\r\n\r\n")
        while end < 0:
            buf += self._recv(len(buf) > 0)
            end = buf.find(b"\r\n\r\n")
        status_line, _, fields = buf[:end].decode("latin-1").partition("\r\n")
        del buf[:end + 4]
        status = int(status_line[9:12])  # "HTTP/1.1 200 OK": the version is always 8 characters
        headers = {}
        if fields:
            for line in fields.split("\r\n"):
                name, _, value = line.partition(":")  # a field name holds no spaces (RFC 9112)
                headers[name.lower()] = value.strip()
        if status < 200:  # an interim 1xx reply precedes the real one
            return self._read_reply()
        body = self._read_body(headers, status)
        if "connection" in headers and headers["connection"].lower() == "close" or status_line[5:8] == "1.0":
            self._close()
        return Reply(status, headers, body)

    def _read_body(self, headers, status):
        length = headers.get("content-length")
        if length is not None:
            return self._read_exactly(int(length))
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return self._read_chunked()
        if status in (204, 304):
            return b""
        return self._read_to_close()

    def _read_exactly(self, size):
        buf = self._pending
        if len(buf) >= size:
            body = bytes(buf[:size])
            del buf[:size]
            return body
        body = bytearray(size)
        view = memoryview(body)
        have = len(buf)
        view[:have] = buf
        self._pending = bytearray()
        while have < size:
            try:
                got = self._sock.recv_into(view[have:])
            except OSError:
                got = 0
            if not got:
                raise ApiError("the Runtime API closed the connection mid-body")
            have += got
        return bytes(body)

    def _read_line(self):
        buf = self._pending
        end = buf.find(b"\r\n")
        while end < 0:
            buf += self._recv(True)
            end = buf.find(b"\r\n")
        line = bytes(buf[:end])
        del buf[:end + 2]
        return line

    def _read_chunked(self):
        parts = []
        while True:
            size = int(self._read_line().split(b";", 1)[0], 16)
            if size == 0:
                while self._read_line():  # trailers, up to the empty line
                    pass
                return b"".join(parts)
            parts.append(self._read_exactly(size))
            self._read_line()

    def _read_to_close(self):
        parts = [bytes(self._pending)]
        self._pending = bytearray()
        while True:
            data = self._sock.recv(_READ_SIZE)
            if not data:
                break
            parts.append(data)
        self._close()
        return b"".join(parts)


class _Dropped(Exception):
    """The connection was closed or reset before any byte of the reply arrived."""


def _write_fence(number):
    """Writes output fence `number` to fd 1 (callers flush Python's buffers first). A closed pipe is no error."""
    data = (_OUTPUT_FENCE % number).encode("ascii")
    try:
        while data:
            data = data[os.write(1, data):]
    except OSError:
        pass


def _host_bytes(host):
    # A str host name goes through the "idna" codec, whose import (stringprep, unicodedata, re) costs milliseconds
    # at start-up; an ASCII name or address as bytes skips it.
    try:
        return host.encode("ascii")
    except UnicodeError:
        return host


def _header_safe(value):
    # An error type is user data (an exception class name may hold any character); header values must be
    # printable Latin-1 without line breaks.
    return "".join(c if " " <= c <= "~" else "?" for c in value)


def _text(body):
    return body[:200].decode("utf-8", "replace")
