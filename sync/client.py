"""The sync engine: enrolment, and one sync run (handshake and clock check, recovery of
batches whose answer was lost, push in bounded batches parents-first, pull of reference data,
optional reconcile) returning a frozen report.

Safe to run from a worker thread: it touches no UI, reports progress through a callback,
can be cancelled from another thread, and runs one sync at a time per engine.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import select

from app.database import Database
from app.errors import UserError
from app.ids import now
from app.messages import Message
from app.models import Outbox, Setting
from app.sync_state import SyncServer
from sync import outbox, pull
from sync.protocol import (
    CLOCK_SKEW_WARN_SECONDS,
    MAX_BATCH_BYTES,
    PROTOCOL_VERSION,
    BatchResult,
    digest,
    new_batch_id,
    parse_aware,
)
from sync.records import local_index
from sync.transport import (
    Answer,
    Cancelled,
    FinalError,
    GaveUp,
    RetryableError,
    RetryPolicy,
    SyncError,
    Transport,
    with_retries,
)


@dataclass(frozen=True)
class SyncConfig:
    batch_records: int = 500
    batch_bytes: int = 1024 * 1024  # gzip bytes
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    pull: bool = True


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # hello | recover | push | pull | reconcile | wait
    done: int = 0
    total: int = 0
    message: Message | None = None


ProgressFn = Callable[[SyncProgress], None]


@dataclass(frozen=True)
class SyncReport:
    """What one sync run did. `ok` when the server was reached and nothing is left pending."""

    started_at: datetime
    finished_at: datetime
    reached_server: bool
    sent: int
    acknowledged: int
    duplicates: int
    backlog: int
    quarantined: int
    conflicts: int
    pending: int
    issues_open: int
    pulled: int
    requeued: int
    batches: int
    bytes_sent: int
    bytes_received: int
    server_time: datetime | None
    clock_skew_s: float | None
    warnings: tuple[Message, ...]
    error: Message | None

    @property
    def ok(self) -> bool:
        return self.reached_server and self.error is None and self.pending == 0


def _msg(code: str, vi: str, en: str) -> Message:
    return Message(code, vi, en)


def not_enrolled() -> UserError:
    return UserError(
        "sync.not_enrolled",
        "Máy này chưa đăng ký với máy chủ tỉnh. Hãy chạy 'hocvuso enroll --server ĐỊA-CHỈ "
        "--code MÃ' với mã do tỉnh cấp.",
        "This laptop is not enrolled with the provincial server. Run 'hocvuso enroll --server "
        "URL --code CODE' with the code from the province.",
    )


def _skew_warning(skew: float) -> Message:
    minutes = round(abs(skew) / 60)
    ahead_vi = "nhanh" if skew > 0 else "chậm"
    ahead_en = "ahead of" if skew > 0 else "behind"
    return _msg(
        "sync.clock_skew",
        f"Đồng hồ của máy này {ahead_vi} hơn máy chủ tỉnh khoảng {minutes} phút. Hãy chỉnh lại "
        "ngày giờ của máy; dữ liệu vẫn được gửi đúng thứ tự.",
        f"This laptop's clock is about {minutes} minutes {ahead_en} the provincial server. "
        "Set the date and time; the data is still sent in the right order.",
    )


def _insecure_warning(url: str) -> Message | None:
    u = urlparse(url)
    if u.scheme == "https" or u.hostname in ("127.0.0.1", "localhost", "::1"):
        return None
    return _msg(
        "sync.insecure",
        "Địa chỉ máy chủ không dùng https: dữ liệu truyền đi không được mã hoá.",
        "The server address does not use https: data travels unencrypted.",
    )


def _check_url(url: str) -> str:
    u = urlparse(url.strip())
    if u.scheme not in ("http", "https") or not u.netloc:
        raise UserError(
            "sync.url",
            f"Địa chỉ máy chủ '{url}' không hợp lệ; ví dụ https://dongbo.thainguyen.gov.vn",
            f"The server address '{url}' is not valid; e.g. https://sync.example.gov.vn",
        )
    return url.strip().rstrip("/")


def _user_error(e: SyncError) -> UserError:
    return UserError(e.message.code, e.message.vi, e.message.en)


@dataclass(frozen=True)
class EnrolResult:
    server_url: str
    device_id: str
    commune_code: str


def enrol(
    db: Database,
    server_url: str,
    code: str,
    *,
    ca_file: str | None = None,
    max_wait: float = 60.0,
    config: SyncConfig | None = None,
) -> EnrolResult:
    """Exchange a province-issued code for this device's token, kept in the encrypted database.

    Retried on network errors: the server answers the same device and code with the same token.
    """
    cfg = config or SyncConfig()
    url = _check_url(server_url)
    with db.session() as s:
        settings = {r.key: r.value for r in s.scalars(select(Setting))}
    device_id, commune = settings["device_id"], settings["commune_code"]
    t = Transport(
        url,
        None,
        verify=ca_file or True,
        connect_timeout=cfg.connect_timeout,
        read_timeout=cfg.read_timeout,
    )
    try:
        answer = with_retries(
            lambda: t.request(
                "POST",
                "/v1/enrol",
                json_body={
                    "protocol": PROTOCOL_VERSION,
                    "code": code,
                    "device_id": device_id,
                    "commune_code": commune,
                },
            ),
            policy=cfg.retry,
            rng=random.Random(),
            deadline=time.monotonic() + max_wait,
            cancel=threading.Event(),
        )
    except SyncError as e:
        raise _user_error(e) from None
    finally:
        t.close()
    body = answer.body
    if not isinstance(body, dict) or not isinstance(body.get("token"), str):
        raise UserError(
            "sync.enrol_answer",
            "Máy chủ trả lời đăng ký không đúng giao thức.",
            "The server's enrolment answer does not follow the protocol.",
        )
    with outbox.writing(db) as s:
        row = s.get(SyncServer, 1) or SyncServer(id=1)
        row.url = url
        row.device_id = device_id
        row.commune_code = str(body.get("commune_code", commune))
        row.token = str(body["token"])
        row.ca_file = ca_file
        row.enrolled_at = now()
        row.last_error_code = row.last_error_vi = row.last_error_en = None
        s.merge(row)
    return EnrolResult(url, device_id, commune)


@dataclass
class _Run:
    """Mutable counters of one run."""

    statuses: Counter[str] = field(default_factory=Counter)
    sent: int = 0
    batches: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    pulled: int = 0
    requeued: int = 0
    reached: bool = False
    server_time: datetime | None = None
    skew: float | None = None
    warnings: list[Message] = field(default_factory=list)


class SyncEngine:
    """Runs syncs for one installation database. One run at a time; thread-safe to call."""

    def __init__(
        self,
        db: Database,
        *,
        config: SyncConfig | None = None,
        progress: ProgressFn | None = None,
        clock: Callable[[], datetime] = now,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.config = config or SyncConfig()
        self.progress = progress
        self.clock = clock
        self.rng = rng or random.Random()
        self._lock = threading.Lock()
        self._cancel = threading.Event()

    def probe(self, timeout: float = 3.0) -> bool:
        """Whether the enrolled server answers now: for starting a background sync when a
        connection appears. Cheap, unauthenticated, never raises."""
        with self.db.session() as s:
            server = s.get(SyncServer, 1)
            if server is None:
                return False
            url, verify = server.url, server.ca_file or True
        t = Transport(url, None, verify=verify, connect_timeout=timeout, read_timeout=timeout)
        try:
            t.request("GET", "/healthz")
            return True
        except SyncError:
            return False
        finally:
            t.close()

    def cancel(self) -> None:
        """Ask a running sync to stop at the next safe point (from any thread)."""
        self._cancel.set()

    def _emit(self, phase: str, done: int = 0, total: int = 0, msg: Message | None = None) -> None:
        if self.progress is not None:
            self.progress(SyncProgress(phase, done, total, msg))

    def _call(
        self, t: Transport, run: _Run, deadline: float | None, fn: Callable[[], Answer]
    ) -> Answer:
        def on_retry(e: RetryableError, wait: float) -> None:
            self._emit("wait", 0, 0, e.message)

        try:
            answer = with_retries(
                fn,
                policy=self.config.retry,
                rng=self.rng,
                deadline=deadline,
                cancel=self._cancel,
                on_retry=on_retry,
            )
        except FinalError as e:
            run.reached = run.reached or e.status is not None  # it answered, with a refusal
            raise
        run.reached = True
        run.bytes_sent += answer.bytes_sent
        run.bytes_received += answer.bytes_received
        return answer

    def run_once(self, *, max_wait: float | None = None, reconcile: bool = False) -> SyncReport:
        """One full sync. `max_wait` bounds the time spent retrying (None: keep trying)."""
        with self._lock:
            self._cancel.clear()
            return self._run(max_wait, reconcile)

    def _run(self, max_wait: float | None, reconcile: bool) -> SyncReport:
        started = self.clock()
        deadline = None if max_wait is None else time.monotonic() + max_wait
        with self.db.session() as s:
            server = s.get(SyncServer, 1)
            if server is None:
                raise not_enrolled()
            url, token, device_id = server.url, server.token, server.device_id
            verify: bool | str = server.ca_file or True
        run = _Run()
        insecure = _insecure_warning(url)
        if insecure:
            run.warnings.append(insecure)
        t = Transport(
            url,
            token,
            verify=verify,
            connect_timeout=self.config.connect_timeout,
            read_timeout=self.config.read_timeout,
            clock=self.clock,
        )
        error: Message | None = None
        try:
            limits = self._hello(t, run, deadline)
            self._recover(t, run, deadline)
            self._push(t, run, deadline, device_id, limits)
            if self.config.pull:
                self._pull(t, run, deadline)
            if reconcile:
                self._reconcile(t, run, deadline)
        except (GaveUp, FinalError, Cancelled) as e:
            error = e.message
        finally:
            t.close()
        pending = outbox.pending_count(self.db)
        issues = outbox.issue_counts(self.db)
        finished = self.clock()
        self._record_outcome(run, error, finished)
        st = run.statuses
        return SyncReport(
            started_at=started,
            finished_at=finished,
            reached_server=run.reached,
            sent=run.sent,
            acknowledged=sum(
                st[k] for k in ("created", "updated", "duplicate", "stale", "backlog")
            ),
            duplicates=st["duplicate"],
            backlog=st["backlog"],
            quarantined=st["rejected"],
            conflicts=st["conflict"],
            pending=pending,
            issues_open=sum(issues.values()),
            pulled=run.pulled,
            requeued=run.requeued,
            batches=run.batches,
            bytes_sent=run.bytes_sent,
            bytes_received=run.bytes_received,
            server_time=run.server_time,
            clock_skew_s=run.skew,
            warnings=tuple(run.warnings),
            error=error,
        )

    def _record_outcome(self, run: _Run, error: Message | None, at: datetime) -> None:
        with outbox.writing(self.db) as s:
            server = s.get(SyncServer, 1)
            if server is None:
                return
            server.last_attempt_at = at
            if run.skew is not None:
                server.clock_skew_s = run.skew
            if error is None and run.reached:
                server.last_success_at = at
                server.last_error_code = server.last_error_vi = server.last_error_en = None
            elif error is not None:
                server.last_error_code = error.code
                server.last_error_vi = error.vi
                server.last_error_en = error.en

    # -- steps ---------------------------------------------------------------------------

    def _hello(self, t: Transport, run: _Run, deadline: float | None) -> dict[str, int]:
        self._emit("hello")
        sent_at: list[tuple[datetime, float]] = []

        def hello() -> Answer:
            sent_at[:] = [(self.clock(), time.monotonic())]  # of the attempt that succeeds
            return t.request("GET", "/v1/hello")

        answer = self._call(t, run, deadline, hello)
        before_local, t0 = sent_at[0]
        rtt = time.monotonic() - t0
        body: dict[str, Any] = answer.body if isinstance(answer.body, dict) else {}
        supported = body.get("supported") or []
        if PROTOCOL_VERSION not in supported:
            raise FinalError(
                _msg(
                    "protocol.unsupported",
                    "Máy chủ tỉnh dùng phiên bản giao thức khác. Hãy cập nhật chương trình.",
                    "The provincial server speaks another protocol version. Update the program.",
                )
            )
        server_time = parse_aware(str(body.get("server_time", "")))
        if server_time is not None:
            run.server_time = server_time
            local_mid = before_local.timestamp() + rtt / 2
            run.skew = local_mid - server_time.timestamp()
            if abs(run.skew) > CLOCK_SKEW_WARN_SECONDS:
                run.warnings.append(_skew_warning(run.skew))
        return {
            "records": int(body.get("max_batch_records") or self.config.batch_records),
            "bytes": int(body.get("max_batch_bytes") or MAX_BATCH_BYTES),
        }

    def _recover(self, t: Transport, run: _Run, deadline: float | None) -> None:
        """Batches saved but never answered (lost answer, crash): ask the server for them."""
        outbox.release_strays(self.db)
        pending = outbox.open_batches(self.db)
        for i, batch_id in enumerate(pending):
            self._emit("recover", i, len(pending))
            try:
                answer = self._call(
                    t, run, deadline, partial(t.request, "GET", f"/v1/batches/{batch_id}")
                )
            except FinalError as e:
                if e.status == 404:
                    outbox.release_batch(self.db, batch_id, self.clock())
                    continue
                raise
            self._apply(run, _result_for(batch_id, answer), count_sent=False)

    def _apply(self, run: _Run, result: BatchResult, *, count_sent: bool) -> None:
        applied = outbox.apply_result(self.db, result, self.clock())
        run.statuses.update(applied.statuses)
        if count_sent:
            run.sent += sum(applied.statuses.values())

    def _push(
        self,
        t: Transport,
        run: _Run,
        deadline: float | None,
        device_id: str,
        limits: dict[str, int],
    ) -> None:
        max_records = max(1, min(self.config.batch_records, limits["records"]))
        max_bytes = max(1024, min(self.config.batch_bytes, limits["bytes"]))
        up_to = outbox.max_seq(self.db)
        total = outbox.pending_count(self.db)
        exhausted: set[str] = set()
        done = 0

        while True:
            if self._cancel.is_set():
                raise Cancelled(_msg("sync.cancelled", "Đã dừng đồng bộ.", "Sync was stopped."))
            batch = outbox.claim_batch(
                self.db,
                batch_id=new_batch_id(),
                device_id=device_id,
                sent_at=self.clock(),
                max_records=max_records,
                max_bytes=max_bytes,
                up_to_seq=up_to,
                exhausted=exhausted,
            )
            if batch is None:
                return
            self._emit("push", done, total)
            try:
                answer = self._call(t, run, deadline, partial(self._post, t, batch))
            except FinalError as e:
                if e.status == 413 and max_records > 1:
                    # The server's limits are smaller than it announced: halve and go on.
                    outbox.release_batch(self.db, batch.id, self.clock())
                    max_records = max(1, max_records // 2)
                    exhausted.clear()
                    continue
                raise
            run.batches += 1
            self._apply(run, _result_for(batch.id, answer), count_sent=True)
            done += len(batch.revisions)

    def _post(self, t: Transport, batch: outbox.ClaimedBatch) -> Answer:
        outbox.note_attempt(self.db, batch.id)
        return t.request("POST", "/v1/batches", gzip_body=batch.body)

    def _pull(self, t: Transport, run: _Run, deadline: float | None) -> None:
        while True:
            since = pull.checkpoint(self.db)
            self._emit("pull", run.pulled, 0)
            answer = self._call(
                t,
                run,
                deadline,
                partial(t.request, "GET", "/v1/pull", params={"since": since, "limit": 20}),
            )
            body = answer.body if isinstance(answer.body, dict) else {}
            changes = body.get("changes") or []
            if not changes:
                return
            applied, problem = pull.apply_changes(self.db, changes)
            run.pulled += applied
            if problem is not None:
                run.warnings.append(problem)
                return
            if not body.get("more"):
                return

    def _reconcile(self, t: Transport, run: _Run, deadline: float | None) -> None:
        """Compare per-day digests with the server and queue again what it lacks."""
        self._emit("reconcile")
        with self.db.session() as s:
            commune = s.get(Setting, "commune_code")
            local = local_index(s, commune.value if commune else None)
        by_day: dict[str, list[tuple[str, int, str]]] = {}
        for rid, (_entity, day, rev, chash) in local.items():
            by_day.setdefault(day, []).append((rid, rev, chash))
        answer = self._call(t, run, deadline, lambda: t.request("GET", "/v1/reconcile"))
        server_days = {str(d["day"]): str(d["digest"]) for d in (answer.body or {}).get("days", [])}
        differing = sorted(
            d
            for d in set(by_day) | set(server_days)
            if digest(by_day.get(d, [])) != server_days.get(d, digest([]))
        )
        wanted: list[tuple[str, str, int]] = []
        for i, day in enumerate(differing):
            self._emit("reconcile", i, len(differing))
            if day not in by_day:
                continue
            ans = self._call(t, run, deadline, partial(t.request, "GET", f"/v1/reconcile/{day}"))
            remote = {
                str(r["id"]): (int(r["revision"]), str(r["hash"]))
                for r in (ans.body or {}).get("records", [])
            }
            for rid, rev, chash in by_day[day]:
                have = remote.get(rid)
                if have is None or have[0] < rev or (have[0] == rev and have[1] != chash):
                    wanted.append((local[rid][0], rid, rev))
        run.requeued += _requeue(self.db, wanted, self.clock())


def _result_for(batch_id: str, answer: Answer) -> BatchResult:
    """The answer for exactly this batch; anything else is not trusted with the outbox."""
    try:
        result = BatchResult.from_json(answer.body)
    except (KeyError, TypeError, ValueError):
        result = None
    if result is None or result.batch_id != batch_id:
        raise FinalError(
            _msg(
                "sync.bad_answer",
                "Máy chủ trả lời không đúng giao thức; chưa đánh dấu bản ghi nào là đã gửi.",
                "The server's answer does not follow the protocol; no record was marked sent.",
            )
        )
    return result


def _requeue(db: Database, wanted: list[tuple[str, str, int]], at: datetime) -> int:
    """Queue records again that the server lacks, unless they already wait in the outbox."""
    if not wanted:
        return 0
    busy_states = (outbox.PENDING, outbox.UPLOADING, outbox.QUARANTINED, outbox.CONFLICTED)
    n = 0
    with outbox.writing(db) as s:
        ids = [w[1] for w in wanted]
        busy: set[str] = set()
        for i in range(0, len(ids), 900):
            busy.update(
                s.scalars(
                    select(Outbox.record_id).where(
                        Outbox.record_id.in_(ids[i : i + 900]), Outbox.state.in_(busy_states)
                    )
                )
            )
        for entity, rid, rev in wanted:
            if rid in busy:
                continue
            s.add(
                Outbox(
                    entity=entity,
                    record_id=rid,
                    revision=rev,
                    op="upsert",
                    queued_at=at,
                    state=outbox.PENDING,
                    attempts=0,
                    last_error="reconcile",
                )
            )
            n += 1
    return n
