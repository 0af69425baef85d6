"""Shared pieces of the services: the change report, audit entries and small validators."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from app.database import Actor
from app.errors import UserError
from app.ids import now
from app.messages import Message
from app.models import AuditLog

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write returns: the new state, what changed (entity, id) and warnings to show."""

    value: T
    changed: tuple[tuple[str, str], ...] = ()
    warnings: tuple[Message, ...] = field(default_factory=tuple)


def audit(
    s: Session,
    actor: Actor | None,
    action: str,
    entity: str = "",
    entity_id: str | None = None,
    detail: str = "",
) -> None:
    """Record who did what. `detail` must never contain personal values (counts, codes only)."""
    s.add(
        AuditLog(
            at=now(),
            officer_id=actor.officer_id if actor else None,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=detail,
        )
    )


def require(cond: bool, code: str, vi: str, en: str, field: str | None = None) -> None:
    if not cond:
        raise UserError(code, vi, en, field=field)


def not_found(what_vi: str, what_en: str) -> UserError:
    return UserError(
        "not_found",
        f"Không tìm thấy {what_vi}. Có thể bản ghi đã bị xoá; hãy tải lại danh sách.",
        f"{what_en} not found. It may have been deleted; reload the list.",
    )


def require_role(actor: Actor, *roles: str) -> None:
    if actor.role not in roles:
        raise UserError(
            "auth.role",
            "Tài khoản của bạn không có quyền làm việc này. Hãy nhờ quản trị viên xã.",
            "Your account is not allowed to do this. Ask the commune administrator.",
        )
