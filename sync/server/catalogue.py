"""Reference data the province publishes (the skill catalogue) and devices pull by change
sequence. Publishing appends to `reference_change`; publishers are serialised so sequence
numbers become visible in order and a device's checkpoint never skips a change."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text

from sync.server.db import is_sqlite, read_tx, write_tx
from sync.server.errors import ApiError
from sync.server.models import reference_change

KIND_CATALOGUE = "catalogue"
COLUMNS = ("code", "name_vi", "name_en", "tt02_component", "group")

# The 24 competences of Thông tư 02/2025/TT-BGDĐT: a catalogue may map skills only to these.
TT02_COMPETENCES = frozenset(
    [f"1.{i}" for i in range(1, 4)]
    + [f"2.{i}" for i in range(1, 7)]
    + [f"3.{i}" for i in range(1, 5)]
    + [f"4.{i}" for i in range(1, 5)]
    + [f"5.{i}" for i in range(1, 5)]
    + [f"6.{i}" for i in range(1, 4)]
)
_SKILL_CODE = re.compile(r"^[A-Za-z0-9._-]{1,20}$")


@dataclass(frozen=True)
class Published:
    seq: int
    version: str
    skills: int
    published_at: datetime


@dataclass(frozen=True)
class Change:
    seq: int
    kind: str
    key: str
    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "key": self.key, "payload": self.payload}


def _bad(vi: str, en: str) -> ApiError:
    return ApiError(
        400, "catalogue.invalid", f"Danh mục kỹ năng không hợp lệ: {vi}", f"Invalid catalogue: {en}"
    )


def parse_catalogue(content: str) -> list[dict[str, str]]:
    """Rows of a catalogue CSV (the format of resources/data/skills_catalogue.csv), checked."""
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    header = tuple(h.strip() for h in reader.fieldnames or ())
    if not set(COLUMNS) <= set(header):
        raise _bad(
            f"cần các cột {', '.join(COLUMNS)}.", f"the columns {', '.join(COLUMNS)} are needed."
        )
    skills: list[dict[str, str]] = []
    seen: set[str] = set()
    for n, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        code = row["code"]
        if not _SKILL_CODE.match(code):
            raise _bad(f"dòng {n}: mã kỹ năng '{code}' sai.", f"line {n}: bad skill code '{code}'.")
        if code in seen:
            raise _bad(f"dòng {n}: mã '{code}' bị lặp.", f"line {n}: code '{code}' repeats.")
        seen.add(code)
        for col in ("name_vi", "name_en", "group"):
            if not row[col]:
                raise _bad(f"dòng {n}: thiếu cột {col}.", f"line {n}: column {col} is empty.")
        if row["tt02_component"] not in TT02_COMPETENCES:
            raise _bad(
                f"dòng {n}: năng lực '{row['tt02_component']}' không có trong Thông tư 02.",
                f"line {n}: competence '{row['tt02_component']}' is not in Circular 02.",
            )
        skills.append(
            {
                "code": code,
                "name_vi": row["name_vi"],
                "name_en": row["name_en"],
                "competence": row["tt02_component"],
                "group": row["group"],
            }
        )
    if not skills:
        raise _bad("tệp không có kỹ năng nào.", "the file holds no skills.")
    return skills


def publish_catalogue(
    engine: Engine,
    path: Path,
    version: str,
    *,
    group_names_en: dict[str, str] | None = None,
    published_at: datetime | None = None,
) -> Published:
    version = version.strip()
    if not version or len(version) > 40:
        raise _bad("phiên bản phải có 1–40 ký tự.", "the version needs 1–40 characters.")
    try:
        content = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        raise ApiError(
            400,
            "catalogue.unreadable",
            f"Không đọc được tệp {path} (cần CSV mã hoá UTF-8).",
            f"Cannot read {path} (a UTF-8 CSV is needed).",
        ) from None
    skills = parse_catalogue(content)
    when = published_at or datetime.now(UTC)
    groups = {s["group"]: (group_names_en or {}).get(s["group"], s["group"]) for s in skills}
    payload = {
        "version": version,
        "published_at": when.isoformat(timespec="seconds"),
        "skills": skills,
        "groups": groups,
    }
    with write_tx(engine) as conn:
        if not is_sqlite(engine):
            # Serialise publishers: a later seq must never commit before an earlier one.
            conn.execute(text("LOCK TABLE reference_change IN EXCLUSIVE MODE"))
        exists = conn.execute(
            select(reference_change.c.seq).where(
                reference_change.c.kind == KIND_CATALOGUE, reference_change.c.key == version
            )
        ).first()
        if exists:
            raise ApiError(
                409,
                "catalogue.exists",
                f"Phiên bản danh mục '{version}' đã được công bố; hãy đặt phiên bản mới.",
                f"Catalogue version '{version}' was already published; use a new version.",
            )
        seq = conn.execute(
            reference_change.insert()
            .values(kind=KIND_CATALOGUE, key=version, payload=payload, published_at=when)
            .returning(reference_change.c.seq)
        ).scalar_one()
    return Published(int(seq), version, len(skills), when)


def changes_since(engine: Engine, since: int, limit: int) -> tuple[list[Change], int, bool]:
    """Changes after `since` in sequence order: (changes, last seq, more to come)."""
    rc = reference_change
    with read_tx(engine) as conn:
        rows = conn.execute(
            select(rc.c.seq, rc.c.kind, rc.c.key, rc.c.payload)
            .where(rc.c.seq > since)
            .order_by(rc.c.seq)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    changes = [
        Change(
            int(r.seq),
            str(r.kind),
            str(r.key),
            r.payload if isinstance(r.payload, dict) else json.loads(r.payload),
        )
        for r in rows
    ]
    last = changes[-1].seq if changes else max(since, 0)
    return changes, last, more
