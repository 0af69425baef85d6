"""Applying reference data pulled from the server (the skill catalogue), each change together
with the pull checkpoint in one local transaction, so a crash can neither skip nor half-apply."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.database import Database
from app.errors import UserError
from app.ids import now
from app.messages import Message
from app.reference import CatalogueSkill, apply_catalogue
from app.sync_state import SyncCheckpoint
from sync.outbox import writing

STREAM_REFERENCE = "reference"

UNKNOWN_KIND = Message(
    "sync.pull_unknown",
    "Máy chủ tỉnh gửi loại dữ liệu danh mục mà phiên bản này chưa biết. Hãy cập nhật "
    "chương trình; các dữ liệu khác vẫn đồng bộ bình thường.",
    "The provincial server sent a kind of reference data this version does not know. Update "
    "the program; everything else keeps syncing.",
)


def checkpoint(db: Database, stream: str = STREAM_REFERENCE) -> int:
    with db.session() as s:
        return int(s.scalar(select(SyncCheckpoint.seq).where(SyncCheckpoint.stream == stream)) or 0)


def _catalogue(
    payload: Mapping[str, Any],
) -> tuple[str, datetime, list[CatalogueSkill], dict[str, str]]:
    skills = [
        CatalogueSkill(
            code=str(x["code"]),
            name_vi=str(x["name_vi"]),
            name_en=str(x["name_en"]),
            competence=str(x["competence"]),
            group=str(x["group"]),
        )
        for x in payload["skills"]
    ]
    groups = {str(k): str(v) for k, v in dict(payload.get("groups") or {}).items()}
    return (
        str(payload["version"]),
        datetime.fromisoformat(str(payload["published_at"])),
        skills,
        groups,
    )


def apply_changes(
    db: Database, changes: Sequence[Mapping[str, Any]], stream: str = STREAM_REFERENCE
) -> tuple[int, Message | None]:
    """Apply changes in sequence order; returns (applied, problem that stopped us or None)."""
    applied = 0
    for change in sorted(changes, key=lambda c: int(c["seq"])):
        seq = int(change["seq"])
        kind = str(change.get("kind"))
        if kind != "catalogue":
            return applied, UNKNOWN_KIND
        try:
            with writing(db) as s:
                current = s.get(SyncCheckpoint, stream)
                if current is not None and current.seq >= seq:
                    continue
                version, published, skills, groups = _catalogue(change["payload"])
                apply_catalogue(s, version, published, "province", skills, groups)
                if current is None:
                    s.add(SyncCheckpoint(stream=stream, seq=seq, updated_at=now()))
                else:
                    current.seq = seq
                    current.updated_at = now()
        except UserError as e:
            return applied, e.message
        except (KeyError, TypeError, ValueError):
            return applied, Message(
                "sync.pull_bad",
                "Danh mục tải về từ máy chủ tỉnh không đọc được; danh mục hiện tại được giữ "
                "nguyên.",
                "The catalogue downloaded from the provincial server could not be read; the "
                "current catalogue is kept.",
            )
        applied += 1
    return applied, None
