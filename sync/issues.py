"""What the officer sees and does about sync: the status line (pending, last success,
problems), the list of records the server quarantined or found in conflict with its reasons,
and resending them once fixed (or keeping this laptop's version of a conflict)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update

from app.database import Actor, Database
from app.errors import UserError
from app.ids import now
from app.messages import Message
from app.models import SYNCED_MODELS, Outbox
from app.sync_state import SyncIssue, SyncServer
from sync.outbox import CONFLICTED, PENDING, QUARANTINED, SUPERSEDED, UPLOADING, writing

_MODELS = {m.__entity__: m for m in SYNCED_MODELS}
_LABEL_FIELDS = ("full_name", "title", "name", "username")


@dataclass(frozen=True)
class SyncStatus:
    """For the status bar: how many records wait, the last success and the last problem."""

    enrolled: bool
    server_url: str | None
    commune_code: str | None
    pending: int
    quarantined: int
    conflicts: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: Message | None
    clock_skew_s: float | None


@dataclass(frozen=True)
class IssueView:
    record_id: str
    entity: str
    label: str  # what the officer recognises (a name or a title); local only, never logged
    revision: int
    kind: str  # rejected | conflict
    reasons: tuple[Message, ...]
    at: datetime
    server_revision: int | None


def sync_status(db: Database) -> SyncStatus:
    with db.session() as s:
        server = s.get(SyncServer, 1)
        pending = int(
            s.scalar(
                select(func.count(func.distinct(Outbox.record_id))).where(
                    Outbox.state.in_((PENDING, UPLOADING))
                )
            )
            or 0
        )
        kinds = {
            str(k): int(n)
            for k, n in s.execute(select(SyncIssue.kind, func.count()).group_by(SyncIssue.kind))
        }
        error = None
        if server is not None and server.last_error_code:
            error = Message(
                server.last_error_code, server.last_error_vi or "", server.last_error_en or ""
            )
        return SyncStatus(
            enrolled=server is not None,
            server_url=server.url if server else None,
            commune_code=server.commune_code if server else None,
            pending=pending,
            quarantined=int(kinds.get("rejected", 0)),
            conflicts=int(kinds.get("conflict", 0)),
            last_success_at=server.last_success_at if server else None,
            last_attempt_at=server.last_attempt_at if server else None,
            last_error=error,
            clock_skew_s=server.clock_skew_s if server else None,
        )


def list_issues(db: Database) -> list[IssueView]:
    out: list[IssueView] = []
    with db.session() as s:
        for issue in s.scalars(select(SyncIssue).order_by(SyncIssue.at, SyncIssue.record_id)):
            model = _MODELS.get(issue.entity)
            label = ""
            if model is not None:
                obj = s.get(model, issue.record_id)
                for f in _LABEL_FIELDS:
                    if obj is not None and isinstance(getattr(obj, f, None), str):
                        label = str(getattr(obj, f))
                        break
            reasons = tuple(
                Message(
                    str(r.get("code", "")),
                    str(r.get("message_vi", "")),
                    str(r.get("message_en", "")),
                )
                for r in json.loads(issue.reasons or "[]")
            )
            out.append(
                IssueView(
                    issue.record_id,
                    issue.entity,
                    label,
                    issue.revision,
                    issue.kind,
                    reasons,
                    issue.at,
                    issue.server_revision,
                )
            )
    return out


def _no_issue(record_id: str) -> UserError:
    return UserError(
        "sync.no_issue",
        f"Bản ghi {record_id} không nằm trong danh sách cần xử lý.",
        f"Record {record_id} is not in the list of records to deal with.",
    )


def resend(db: Database, record_id: str) -> int:
    """Queue a quarantined or conflicting record again as it is now (after the officer fixed
    it, or after the province changed what it accepts). Returns outbox entries re-queued."""
    with writing(db) as s:
        issue = s.get(SyncIssue, record_id)
        if issue is None:
            raise _no_issue(record_id)
        if issue.kind == "conflict":
            raise UserError(
                "sync.conflict_resend",
                "Bản ghi này xung đột với bản của thiết bị khác. Hãy chọn 'Giữ bản của máy này' "
                "hoặc 'Dùng bản trên máy chủ'.",
                "This record conflicts with another device's version. Choose 'Keep this "
                "laptop's version' or 'Use the server's version'.",
            )
        res = s.execute(
            update(Outbox)
            .where(Outbox.record_id == record_id, Outbox.state == QUARANTINED)
            .values(state=PENDING, batch_id=None, last_error=None)
        )
        s.execute(delete(SyncIssue).where(SyncIssue.record_id == record_id))
        return int(getattr(res, "rowcount", 0) or 0)


def keep_mine(db: Database, actor: Actor, record_id: str) -> int:
    """Resolve a conflict in favour of this laptop: a new revision above the server's, queued.
    Returns the new revision."""
    with writing(db, actor) as s:
        issue = s.get(SyncIssue, record_id)
        if issue is None or issue.kind != "conflict":
            raise _no_issue(record_id)
        model = _MODELS[issue.entity]
        obj = s.get(model, record_id)
        if obj is None:
            raise _no_issue(record_id)
        obj.revision = max(int(obj.revision), int(issue.server_revision or 0))
        obj.updated_at = now()  # a real change, so the outbox hook bumps and queues it
        s.flush()
        s.execute(
            update(Outbox)
            .where(Outbox.record_id == record_id, Outbox.state == CONFLICTED)
            .values(state=SUPERSEDED)
        )
        s.execute(delete(SyncIssue).where(SyncIssue.record_id == record_id))
        return int(obj.revision)


def use_server_version(db: Database, record_id: str) -> None:
    """Resolve a conflict in favour of the version already on the server (nothing is sent)."""
    with writing(db) as s:
        issue = s.get(SyncIssue, record_id)
        if issue is None or issue.kind != "conflict":
            raise _no_issue(record_id)
        s.execute(
            update(Outbox)
            .where(Outbox.record_id == record_id, Outbox.state == CONFLICTED)
            .values(state=SUPERSEDED)
        )
        s.execute(delete(SyncIssue).where(SyncIssue.record_id == record_id))
