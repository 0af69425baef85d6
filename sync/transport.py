"""HTTP to the provincial server (requests) and the retry rule: errors are sorted by whether a
retry can help. Network errors, timeouts, cut answers, 5xx and 429 are retried with capped
exponential backoff and jitter until the caller's deadline; everything else is final.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlparse

import requests

from app.messages import Message
from sync.protocol import HEADER_CLIENT_TIME, HEADER_PROTOCOL, PROTOCOL_VERSION, ErrorBody

T = TypeVar("T")

USER_AGENT = "hocvuso-sync/1"


class SyncError(Exception):
    """A failed exchange with the server, with a message for the officer."""

    def __init__(self, message: Message, *, status: int | None = None, code: str = "") -> None:
        super().__init__(message.en)
        self.message = message
        self.status = status
        self.code = code or message.code


class RetryableError(SyncError):
    """Trying again later can help (network, timeout, 5xx, 429)."""

    def __init__(
        self,
        message: Message,
        *,
        status: int | None = None,
        code: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status=status, code=code)
        self.retry_after = retry_after


class FinalError(SyncError):
    """Retrying the same request cannot help (revoked token, protocol, refused request)."""


class GaveUp(SyncError):
    """Retries went on until the caller's deadline without success."""


class Cancelled(SyncError):
    """The caller asked the sync to stop."""


UNREACHABLE = Message(
    "sync.unreachable",
    "Không kết nối được với máy chủ tỉnh. Dữ liệu vẫn an toàn trên máy và sẽ được gửi khi có mạng.",
    "Cannot reach the provincial server. The data is safe on this laptop and will be sent "
    "when there is a connection.",
)
TIMEOUT = Message(
    "sync.timeout",
    "Máy chủ tỉnh không trả lời kịp. Sẽ thử lại.",
    "The provincial server did not answer in time. Will try again.",
)
BAD_ANSWER = Message(
    "sync.bad_answer",
    "Câu trả lời của máy chủ bị cắt hoặc hỏng. Sẽ thử lại.",
    "The server's answer was cut off or damaged. Will try again.",
)
CANCELLED = Message("sync.cancelled", "Đã dừng đồng bộ.", "Sync was stopped.")
TLS = Message(
    "sync.tls",
    "Không xác minh được chứng chỉ bảo mật (TLS) của máy chủ tỉnh. Không gửi dữ liệu. Kiểm "
    "tra địa chỉ máy chủ hoặc tệp chứng chỉ do tỉnh cấp.",
    "The provincial server's TLS certificate could not be verified. Nothing was sent. Check "
    "the server address or the certificate file from the province.",
)


def _server_message(resp: requests.Response) -> tuple[Message, str, bool]:
    try:
        body = ErrorBody.from_json(resp.json())
    except ValueError:
        body = None
    if body is None:
        return (
            Message(
                f"http.{resp.status_code}",
                f"Máy chủ tỉnh trả lời lỗi {resp.status_code}.",
                f"The provincial server answered with error {resp.status_code}.",
            ),
            f"http.{resp.status_code}",
            False,
        )
    return Message(body.code, body.message_vi, body.message_en), body.code, body.retry


def _retry_after(resp: requests.Response) -> float | None:
    v = resp.headers.get("Retry-After")
    if v is None:
        return None
    try:
        return max(0.0, float(v))
    except ValueError:
        return None


def _wire_bytes(resp: requests.Response, body: bytes | None, content: bytes) -> tuple[int, int]:
    """HTTP bytes each way: request line, headers and body; status line, headers and the body
    as it travelled (compressed)."""
    req = resp.request
    sent = len(f"{req.method} {req.path_url} HTTP/1.1\r\n") + 2 + len(body or b"")
    sent += sum(len(k) + len(v) + 4 for k, v in req.headers.items())
    sent += len(f"Host: {urlparse(resp.url).netloc}\r\n")
    received = len(f"HTTP/1.1 {resp.status_code} {resp.reason}\r\n") + 2
    received += sum(len(k) + len(v) + 4 for k, v in resp.headers.items())
    received += int(resp.headers.get("Content-Length") or len(content))
    return sent, received


@dataclass(frozen=True)
class Answer:
    """A successful JSON answer and what it cost on the wire."""

    status: int
    body: Any
    bytes_sent: int
    bytes_received: int


class Transport:
    """One server, one token, one requests.Session (connection reuse). Thread-confined."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        verify: bool | str = True,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        clock: Callable[[], datetime] | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.verify = verify
        self.timeout = (connect_timeout, read_timeout)
        self.clock = clock
        self.http = session or requests.Session()
        self.http.headers["User-Agent"] = USER_AGENT

    def close(self) -> None:
        self.http.close()

    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        h = {HEADER_PROTOCOL: str(PROTOCOL_VERSION), "Accept-Encoding": "gzip"}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        if self.clock is not None:
            h[HEADER_CLIENT_TIME] = self.clock().isoformat(timespec="milliseconds")
        h.update(extra or {})
        return h

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        gzip_body: bytes | None = None,
        params: Mapping[str, Any] | None = None,
        ok: tuple[int, ...] = (200,),
    ) -> Answer:
        headers: dict[str, str] = {}
        data: bytes | None = None
        if gzip_body is not None:
            data = gzip_body
            headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        elif json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            headers = {"Content-Type": "application/json"}
        try:
            resp = self.http.request(
                method,
                self.base_url + path,
                data=data,
                params=params,
                headers=self._headers(headers),
                timeout=self.timeout,
                verify=self.verify,
                allow_redirects=False,
            )
            content = resp.content  # reads the whole body: a cut answer fails here
        except requests.exceptions.SSLError:
            raise FinalError(TLS) from None
        except requests.exceptions.Timeout:
            raise RetryableError(TIMEOUT) from None
        except requests.exceptions.ConnectionError:
            raise RetryableError(UNREACHABLE) from None
        except (
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ):
            raise RetryableError(BAD_ANSWER) from None
        except requests.exceptions.RequestException:
            raise RetryableError(UNREACHABLE) from None
        sent, received = _wire_bytes(resp, data, content)
        if resp.status_code in ok:
            try:
                body = json.loads(content)
            except ValueError:
                raise RetryableError(BAD_ANSWER, status=resp.status_code) from None
            return Answer(resp.status_code, body, sent, received)
        msg, code, retry = _server_message(resp)
        if resp.status_code == 429 or resp.status_code >= 500 or retry:
            raise RetryableError(
                msg, status=resp.status_code, code=code, retry_after=_retry_after(resp)
            )
        raise FinalError(msg, status=resp.status_code, code=code)


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with jitter: delay n is in [d/2, d], d = min(cap, base*2^n)."""

    base: float = 0.5
    cap: float = 60.0
    max_retry_after: float = 300.0

    def delay(self, attempt: int, rng: random.Random, retry_after: float | None = None) -> float:
        d = min(self.cap, self.base * (2 ** max(0, attempt - 1)))
        wait: float = d / 2 + rng.uniform(0, d / 2)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.max_retry_after))
        return wait


def with_retries(
    fn: Callable[[], T],
    *,
    policy: RetryPolicy,
    rng: random.Random,
    deadline: float | None,
    cancel: threading.Event,
    on_retry: Callable[[RetryableError, float], None] | None = None,
) -> T:
    """Call `fn` until it succeeds, fails finally, the deadline passes, or cancel is set.

    With `deadline=None` it retries forever (the desktop's background sync); the command line
    passes a deadline.
    """
    attempt = 0
    while True:
        if cancel.is_set():
            raise Cancelled(CANCELLED)
        try:
            return fn()
        except RetryableError as e:
            attempt += 1
            wait = policy.delay(attempt, rng, e.retry_after)
            if deadline is not None and time.monotonic() + wait > deadline:
                raise GaveUp(e.message, status=e.status, code=e.code) from None
            if on_retry is not None:
                on_retry(e, wait)
            if cancel.wait(wait):
                raise Cancelled(CANCELLED) from None
