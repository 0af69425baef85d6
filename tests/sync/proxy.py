"""A fault-injecting HTTP proxy for sync tests, on 127.0.0.1.

Per request it can: pass it on; drop the connection before forwarding; forward and then drop
the connection before answering (the server committed, the client never hears); answer 500 or
503 itself; wait beyond the client's timeout and then forward (the server commits late); cut
the answer's body; forward the request twice at once; or hold it and deliver it later, after
other requests (reordering two batches). Faults come from a script or at random (seeded).
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field

PASS = "pass"
DROP_BEFORE = "drop_before"
DROP_AFTER = "drop_after"
ERROR_500 = "error_500"
ERROR_503 = "error_503"
TIMEOUT = "timeout"
CUT_BODY = "cut_body"
DUPLICATE = "duplicate"
HOLD = "hold"
FAULTS = (DROP_BEFORE, DROP_AFTER, ERROR_500, ERROR_503, TIMEOUT, CUT_BODY, DUPLICATE, HOLD)


@dataclass
class _Held:
    raw: bytes
    after: int  # deliver once this many later requests have been forwarded


@dataclass
class ProxyLog:
    entries: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, fault

    def count(self, fault: str) -> int:
        return sum(1 for e in self.entries if e[2] == fault)


def _read_request(conn: socket.socket) -> bytes | None:
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return head + b"\r\n\r\n" + rest[:length]


def _with_connection_close(raw: bytes) -> bytes:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        seed: int = 0,
        delay: float = 1.0,
        hold_for: int = 2,
        latency: float = 0.0,
    ) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.rng = random.Random(seed)
        self.delay = delay  # for TIMEOUT: longer than the client's read timeout
        self.hold_for = hold_for
        self.latency = latency  # added to every forwarded request (widens kill windows)
        self._active = 0
        self.script: deque[str] = deque()
        self.probability = 0.0
        self.faults: tuple[str, ...] = FAULTS
        self.paths: tuple[str, ...] = ("/",)
        self.log = ProxyLog()
        self._held: list[_Held] = []
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port: int = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        t = threading.Thread(target=self._accept_loop, daemon=True)
        t.start()
        self._threads.append(t)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- control ---------------------------------------------------------------------------

    def set_random(
        self,
        probability: float,
        faults: tuple[str, ...] = FAULTS,
        paths: tuple[str, ...] = ("/",),
    ) -> None:
        with self._lock:
            self.probability = probability
            self.faults = faults
            self.paths = paths

    def then(self, *faults: str) -> None:
        """Apply these faults, in order, to the next requests (before any random ones)."""
        with self._lock:
            self.script.extend(faults)

    def off(self) -> None:
        with self._lock:
            self.probability = 0.0
            self.script.clear()

    def release_held(self) -> int:
        """Deliver every held request now (in the order they were held)."""
        with self._lock:
            held, self._held = self._held, []
        for h in held:
            self._forward_quietly(h.raw)
        return len(held)

    def held_count(self) -> int:
        with self._lock:
            return len(self._held)

    def idle(self, timeout: float = 10.0) -> bool:
        """Wait until no request is being handled (late deliveries included)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self._active == 0:
                    return True
            time.sleep(0.02)
        return False

    def close(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=2)
        self._sock.close()

    # -- serving ---------------------------------------------------------------------------

    def _choose(self, method: str, path: str) -> str:
        with self._lock:
            if self.script:
                return self.script.popleft()
            if not any(path.startswith(p) for p in self.paths):
                return PASS
            if self.probability and self.rng.random() < self.probability:
                return self.rng.choice(self.faults)
            return PASS

    def _accept_loop(self) -> None:
        # A timeout, so that close() ends this thread (closing a socket does not wake accept).
        self._sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _upstream(self, raw: bytes, timeout: float = 60.0) -> bytes:
        if self.latency:
            time.sleep(self.latency)
        with socket.create_connection(self.upstream, timeout=timeout) as up:
            up.sendall(_with_connection_close(raw))
            chunks = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    def _forward_quietly(self, raw: bytes) -> None:
        with contextlib.suppress(OSError):
            self._upstream(raw)

    def _after_forward(self) -> None:
        """Held requests are delivered after `hold_for` later requests went through."""
        due: list[_Held] = []
        with self._lock:
            for h in self._held:
                h.after -= 1
            due = [h for h in self._held if h.after <= 0]
            self._held = [h for h in self._held if h.after > 0]
        for h in due:
            self._forward_quietly(h.raw)

    def _serve(self, conn: socket.socket) -> None:
        with self._lock:
            self._active += 1
        try:
            self._serve_one(conn)
        finally:
            with self._lock:
                self._active -= 1

    def _serve_one(self, conn: socket.socket) -> None:
        with conn:
            try:
                raw = _read_request(conn)
            except OSError:
                return
            if raw is None:
                return
            first = raw.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
            method, path = first[0], first[1] if len(first) > 1 else "/"
            fault = self._choose(method, path)
            with self._lock:
                self.log.entries.append((method, path, fault))
            # OSError: the client went away (e.g. it timed out); nothing to tell it.
            with contextlib.suppress(OSError):
                self._apply(conn, raw, fault)

    def _apply(self, conn: socket.socket, raw: bytes, fault: str) -> None:
        if fault == DROP_BEFORE:
            return
        if fault in (ERROR_500, ERROR_503):
            status = b"500 Internal Server Error" if fault == ERROR_500 else b"503 Unavailable"
            conn.sendall(
                b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\nRetry-After: 0\r\n"
                b"Connection: close\r\n\r\n"
            )
            return
        if fault == HOLD:
            with self._lock:
                self._held.append(_Held(raw, self.hold_for))
            return
        if fault == TIMEOUT:
            time.sleep(self.delay)
        if fault == DUPLICATE:
            twin = threading.Thread(target=self._forward_quietly, args=(raw,), daemon=True)
            twin.start()
            answer = self._upstream(raw)
            twin.join(timeout=30)
        else:
            answer = self._upstream(raw)
        self._after_forward()
        if fault == DROP_AFTER:
            return
        if fault == CUT_BODY:
            head, _, body = answer.partition(b"\r\n\r\n")
            conn.sendall(head + b"\r\n\r\n" + body[: max(0, len(body) // 2 - 1)])
            return
        conn.sendall(answer)
