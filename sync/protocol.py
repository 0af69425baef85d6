"""The sync wire protocol, shared by the client and the provincial server: record envelopes, the
per-entity schema, content hashes, validation with bilingual reasons, batch answers, reconcile
digests and error bodies.

Standard library only: the desktop bundle carries it without FastAPI or pydantic, and the server
imports it without the desktop core. See docs/sync-protocol.md for the prose version.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS: tuple[int, ...] = (1,)

HEADER_PROTOCOL = "X-Hocvuso-Protocol"
HEADER_CLIENT_TIME = "X-Hocvuso-Client-Time"

# Defaults; the server announces its own values in the handshake and the client takes the
# smaller of its wish and the server's limit.
MAX_BATCH_RECORDS = 1000
MAX_BATCH_BYTES = 4 * 1024 * 1024  # compressed request body
MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024
CLOCK_SKEW_WARN_SECONDS = 300.0

# -- per-record answers ---------------------------------------------------------------------

CREATED = "created"
UPDATED = "updated"
DUPLICATE = "duplicate"
STALE = "stale"  # the server already holds a later revision from the same device
BACKLOG = "backlog"  # stored, waiting for a parent that has not arrived yet
CONFLICT = "conflict"
REJECTED = "rejected"

ACKNOWLEDGED: frozenset[str] = frozenset({CREATED, UPDATED, DUPLICATE, STALE, BACKLOG})
STATUSES: frozenset[str] = ACKNOWLEDGED | {CONFLICT, REJECTED}


# -- entity schema --------------------------------------------------------------------------

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
COMMUNE_RE = re.compile(r"^[0-9]{5}$")


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entity's `data` object on the wire."""

    name: str
    kind: str  # str | text | int | bool | date | datetime | uuid | uuid_list | code_list
    nullable: bool = False
    max_len: int | None = None
    choices: frozenset[str] | None = None
    pattern: str | None = None
    parent: str | None = None  # entity this field refers to (parents travel first)
    min_value: int | None = None
    max_value: int | None = None


@dataclass(frozen=True)
class EntitySpec:
    name: str
    rank: int  # parents have a lower rank and are sent first
    fields: tuple[FieldSpec, ...]

    def parents(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.parent)


_TARGET_GROUPS = frozenset({"public_servant", "student", "worker", "citizen"})
_CODE = r"^[A-Za-z0-9._-]{1,40}$"


def _f(name: str, kind: str, **kw: Any) -> FieldSpec:
    return FieldSpec(name, kind, **kw)


ENTITIES: dict[str, EntitySpec] = {
    e.name: e
    for e in (
        EntitySpec(
            "village",
            0,
            (
                _f("name", "str", max_len=120),
                _f(
                    "kind",
                    "str",
                    choices=frozenset({"thon", "xom", "ban", "to_dan_pho", "khac"}),
                ),
                _f("adult_population", "int", nullable=True, min_value=0, max_value=10_000_000),
            ),
        ),
        EntitySpec(
            "team_member",
            1,
            (
                _f("full_name", "str", max_len=200),
                _f("phone", "str", nullable=True, pattern=r"^[0-9]{9,11}$"),
                _f("position", "text", max_len=120),
                _f("organisation", "text", max_len=120),
                _f("village_id", "uuid", nullable=True, parent="village"),
                _f("active", "bool"),
            ),
        ),
        EntitySpec(
            "officer",
            2,
            (
                _f("username", "str", max_len=80),
                _f("full_name", "str", max_len=200),
                _f("role", "str", choices=frozenset({"admin", "officer", "team"})),
                _f("active", "bool"),
                _f("team_member_id", "uuid", nullable=True, parent="team_member"),
            ),
        ),
        EntitySpec(
            "person",
            3,
            (
                _f("full_name", "str", max_len=200),
                _f("birth_date", "date", nullable=True),
                _f("birth_year", "int", nullable=True, min_value=1880, max_value=2200),
                _f("sex", "str", nullable=True, choices=frozenset({"M", "F"})),
                _f("id_number", "str", nullable=True, pattern=r"^[0-9]{12}$"),
                _f("phone", "str", nullable=True, pattern=r"^[0-9]{9,11}$"),
                _f("village_id", "uuid", nullable=True, parent="village"),
                _f("target_group", "str", choices=_TARGET_GROUPS),
                _f("ethnicity", "str", nullable=True, max_len=60),
                _f("disability", "str", nullable=True, max_len=200),
                _f("consent_at", "datetime", nullable=True),
                _f("consent_by", "uuid", nullable=True),
                _f("guardian_consent", "bool"),
                _f("notes", "text", max_len=4000),
                _f("merged_into_id", "uuid", nullable=True),
            ),
        ),
        EntitySpec(
            "session",
            4,
            (
                _f("title", "str", max_len=300),
                _f("programme_code", "str", pattern=_CODE),
                _f(
                    "format",
                    "str",
                    choices=frozenset({"class", "community", "home_visit", "online"}),
                ),
                _f("starts_at", "datetime"),
                _f("ends_at", "datetime", nullable=True),
                _f("day", "date"),
                _f("place", "text", max_len=300),
                _f("village_id", "uuid", nullable=True, parent="village"),
                _f("status", "str", choices=frozenset({"planned", "held", "cancelled"})),
                _f("target_groups", "code_list", choices=_TARGET_GROUPS),
                _f("planned_skills", "code_list", pattern=_CODE),
                _f("team_member_ids", "uuid_list", parent="team_member"),
                _f("notes", "text", max_len=4000),
                _f("copied_from_id", "uuid", nullable=True),
            ),
        ),
        EntitySpec(
            "attendance",
            5,
            (
                _f("session_id", "uuid", parent="session"),
                _f("person_id", "uuid", parent="person"),
                _f("checked_in_at", "datetime"),
                _f("day", "date"),
                _f(
                    "method",
                    "str",
                    choices=frozenset({"card", "id_card", "search", "sheet", "manual"}),
                ),
                _f("target_group", "str", choices=_TARGET_GROUPS),
            ),
        ),
        EntitySpec(
            "skill_record",
            6,
            (
                _f("person_id", "uuid", parent="person"),
                _f("skill_code", "str", pattern=_CODE),
                _f("session_id", "uuid", nullable=True, parent="session"),
                _f(
                    "outcome",
                    "str",
                    choices=frozenset({"introduced", "practised", "independent"}),
                ),
                _f("helped_by", "uuid", nullable=True, parent="team_member"),
                _f("day", "date"),
                _f("target_group", "str", choices=_TARGET_GROUPS),
                _f("note", "text", max_len=4000),
            ),
        ),
    )
}

ENTITY_ORDER: tuple[str, ...] = tuple(sorted(ENTITIES, key=lambda n: ENTITIES[n].rank))
ENVELOPE_KEYS: frozenset[str] = frozenset(
    {
        "entity",
        "id",
        "revision",
        "commune_code",
        "created_at",
        "updated_at",
        "deleted_at",
        "device_id",
        "officer_id",
        "data",
        "hash",
    }
)


# -- canonical form and hashes --------------------------------------------------------------


def canonical_json(value: Any) -> bytes:
    """The one byte form that hashes are computed over: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def content_hash(envelope: Mapping[str, Any]) -> str:
    """sha256 over everything in the envelope except the hash itself."""
    body = {k: v for k, v in envelope.items() if k != "hash"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def wire_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime: times on the wire carry their UTC offset")
    return value.isoformat(timespec="microseconds")


def wire_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def parse_aware(text: str) -> datetime | None:
    """An ISO-8601 time with an offset, or None when it is not one."""
    try:
        value = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo is not None else None


def record_day(envelope: Mapping[str, Any]) -> str:
    """The day a record counts for in reconcile: its own `day`, else the creation date as the
    device saw it. Both sides compute it from the envelope, so they always agree."""
    data = envelope.get("data")
    if isinstance(data, Mapping):
        day = data.get("day")
        if isinstance(day, str) and len(day) == 10:
            return day
    created = str(envelope.get("created_at") or "")
    return created[:10] if len(created) >= 10 else "0000-00-00"


def digest(entries: Iterable[tuple[str, int, str]]) -> str:
    """Order-independent digest of (id, revision, hash) triples for one reconcile bucket."""
    h = hashlib.sha256()
    for rid, rev, chash in sorted(entries):
        h.update(f"{rid}:{rev}:{chash}\n".encode("ascii"))
    return h.hexdigest()[:32]


# -- validation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a record was rejected, for the officer, in Vietnamese and English."""

    code: str
    message_vi: str
    message_en: str
    field: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }
        if self.field:
            out["field"] = self.field
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Reason:
        return cls(
            str(obj.get("code", "")),
            str(obj.get("message_vi", "")),
            str(obj.get("message_en", "")),
            None if obj.get("field") is None else str(obj.get("field")),
        )


def _r(code: str, vi: str, en: str, field_: str | None = None) -> Reason:
    return Reason(code, vi, en, field_)


def _is_uuid(v: Any) -> bool:
    return isinstance(v, str) and bool(UUID_RE.match(v))


def _check_field(spec: FieldSpec, value: Any) -> Reason | None:
    name = spec.name
    if value is None:
        if spec.nullable:
            return None
        return _r(
            "field.required",
            f"Thiếu giá trị bắt buộc của trường '{name}'.",
            f"The required field '{name}' has no value.",
            name,
        )
    bad = _r(
        "field.type",
        f"Trường '{name}' có kiểu dữ liệu sai (cần {spec.kind}).",
        f"The field '{name}' has the wrong type (expected {spec.kind}).",
        name,
    )
    k = spec.kind
    if k in ("str", "text"):
        if not isinstance(value, str):
            return bad
        if k == "str" and not value.strip():
            return _r(
                "field.empty",
                f"Trường '{name}' không được để trống.",
                f"The field '{name}' may not be empty.",
                name,
            )
        if spec.max_len is not None and len(value) > spec.max_len:
            return _r(
                "field.too_long",
                f"Trường '{name}' dài quá {spec.max_len} ký tự.",
                f"The field '{name}' is longer than {spec.max_len} characters.",
                name,
            )
        if spec.choices is not None and value not in spec.choices:
            allowed = ", ".join(sorted(spec.choices))
            return _r(
                "field.choice",
                f"Giá trị của trường '{name}' không hợp lệ. Chọn một trong: {allowed}.",
                f"The value of '{name}' is not allowed. Choose one of: {allowed}.",
                name,
            )
        if spec.pattern is not None and not re.match(spec.pattern, value):
            return _r(
                "field.format",
                f"Trường '{name}' không đúng định dạng.",
                f"The field '{name}' is not in the expected format.",
                name,
            )
        return None
    if k == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return bad
        lo, hi = spec.min_value, spec.max_value
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return _r(
                "field.range",
                f"Giá trị của trường '{name}' nằm ngoài khoảng cho phép ({lo}–{hi}).",
                f"The value of '{name}' is outside the allowed range ({lo}–{hi}).",
                name,
            )
        return None
    if k == "bool":
        return None if isinstance(value, bool) else bad
    if k == "date":
        if not isinstance(value, str):
            return bad
        try:
            date.fromisoformat(value)
        except ValueError:
            return bad
        return None if len(value) == 10 else bad
    if k == "datetime":
        if not isinstance(value, str) or parse_aware(value) is None:
            return _r(
                "field.datetime",
                f"Thời điểm ở trường '{name}' phải theo ISO-8601 kèm múi giờ.",
                f"The time in '{name}' must be ISO-8601 with its UTC offset.",
                name,
            )
        return None
    if k == "uuid":
        return None if _is_uuid(value) else bad
    if k in ("uuid_list", "code_list"):
        if not isinstance(value, list) or len(value) > 200:
            return bad
        for item in value:
            if k == "uuid_list" and not _is_uuid(item):
                return bad
            if k == "code_list":
                if not isinstance(item, str):
                    return bad
                if spec.choices is not None and item not in spec.choices:
                    return _r(
                        "field.choice",
                        f"Danh sách '{name}' có mã không hợp lệ.",
                        f"The list '{name}' holds a code that is not allowed.",
                        name,
                    )
                if spec.pattern is not None and not re.match(spec.pattern, item):
                    return bad
        return None
    raise AssertionError(f"unknown field kind {k}")


def _business_rules(entity: str, data: Mapping[str, Any]) -> list[Reason]:
    out: list[Reason] = []
    if entity == "person":
        sensitive = data.get("ethnicity") or data.get("disability")
        if sensitive and not data.get("consent_at"):
            out.append(
                _r(
                    "person.consent",
                    "Dân tộc và tình trạng khuyết tật là dữ liệu nhạy cảm (Nghị định 356/2025): "
                    "chỉ gửi khi có ghi nhận sự đồng ý. Hãy ghi sự đồng ý hoặc để trống.",
                    "Ethnicity and disability are sensitive data (Decree 356/2025): they are "
                    "sent only with a recorded consent. Record the consent or leave them empty.",
                    "consent_at",
                )
            )
    if entity == "session":
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if isinstance(starts, str) and isinstance(ends, str):
            a, b = parse_aware(starts), parse_aware(ends)
            if a is not None and b is not None and b < a:
                out.append(
                    _r(
                        "session.ends_before_start",
                        "Giờ kết thúc buổi học sớm hơn giờ bắt đầu.",
                        "The session ends before it starts.",
                        "ends_at",
                    )
                )
    return out


@dataclass(frozen=True)
class RecordKey:
    """What identifies a record in an answer even when its content is rejected."""

    entity: str
    id: str
    revision: int


def record_key(obj: Any) -> RecordKey | None:
    """The key of a record envelope, or None when not even that can be read."""
    if not isinstance(obj, Mapping):
        return None
    rid, entity, rev = obj.get("id"), obj.get("entity"), obj.get("revision")
    if not _is_uuid(rid) or not isinstance(entity, str) or len(entity) > 40:
        return None
    if isinstance(rev, bool) or not isinstance(rev, int):
        return None
    return RecordKey(entity, str(rid), rev)


def validate_envelope(obj: Mapping[str, Any]) -> list[Reason]:
    """Every reason this record envelope breaks the protocol schema (empty when valid)."""
    reasons: list[Reason] = []
    entity = obj.get("entity")
    spec = ENTITIES.get(entity) if isinstance(entity, str) else None
    if spec is None:
        return [
            _r(
                "record.entity",
                "Loại bản ghi không được máy chủ hỗ trợ. Hãy cập nhật chương trình.",
                "The server does not know this kind of record. Update the program.",
                "entity",
            )
        ]
    extra = set(obj) - ENVELOPE_KEYS
    if extra:
        reasons.append(
            _r(
                "record.unknown_keys",
                f"Bản ghi có khoá lạ: {', '.join(sorted(extra))}.",
                f"The record has unknown keys: {', '.join(sorted(extra))}.",
            )
        )
    rev = obj.get("revision")
    if isinstance(rev, bool) or not isinstance(rev, int) or rev < 1:
        reasons.append(
            _r(
                "record.revision",
                "Số phiên bản của bản ghi phải là số nguyên dương.",
                "The record's revision must be a positive integer.",
                "revision",
            )
        )
    commune = obj.get("commune_code")
    if not isinstance(commune, str) or not COMMUNE_RE.match(commune):
        reasons.append(
            _r(
                "record.commune_code",
                "Mã xã của bản ghi phải gồm 5 chữ số.",
                "The record's commune code must have 5 digits.",
                "commune_code",
            )
        )
    for key in ("created_at", "updated_at"):
        v = obj.get(key)
        if not isinstance(v, str) or parse_aware(v) is None:
            reasons.append(
                _r(
                    "record.time",
                    f"Thời điểm '{key}' phải theo ISO-8601 kèm múi giờ.",
                    f"The time '{key}' must be ISO-8601 with its UTC offset.",
                    key,
                )
            )
    deleted = obj.get("deleted_at")
    if deleted is not None and (not isinstance(deleted, str) or parse_aware(deleted) is None):
        reasons.append(
            _r(
                "record.time",
                "Thời điểm 'deleted_at' phải theo ISO-8601 kèm múi giờ.",
                "The time 'deleted_at' must be ISO-8601 with its UTC offset.",
                "deleted_at",
            )
        )
    if not _is_uuid(obj.get("device_id")):
        reasons.append(
            _r(
                "record.device_id",
                "Mã thiết bị của bản ghi không hợp lệ.",
                "The record's device id is not valid.",
                "device_id",
            )
        )
    officer = obj.get("officer_id")
    if officer is not None and not _is_uuid(officer):
        reasons.append(
            _r(
                "record.officer_id",
                "Mã cán bộ của bản ghi không hợp lệ.",
                "The record's officer id is not valid.",
                "officer_id",
            )
        )
    data = obj.get("data")
    if not isinstance(data, Mapping):
        reasons.append(
            _r("record.data", "Bản ghi thiếu phần dữ liệu.", "The record has no data part.")
        )
        return reasons
    names = {f.name for f in spec.fields}
    unknown = set(data) - names
    if unknown:
        reasons.append(
            _r(
                "record.unknown_fields",
                f"Bản ghi có trường lạ: {', '.join(sorted(unknown))}. Hãy cập nhật máy chủ.",
                f"The record has unknown fields: {', '.join(sorted(unknown))}. Update the server.",
            )
        )
    for fs in spec.fields:
        problem = _check_field(fs, data.get(fs.name))
        if problem is not None:
            reasons.append(problem)
    if not reasons:
        reasons.extend(_business_rules(spec.name, data))
    chash = obj.get("hash")
    if not reasons and chash != content_hash(obj):
        reasons.append(
            _r(
                "record.hash",
                "Mã kiểm tra nội dung không khớp: bản ghi bị thay đổi trên đường truyền.",
                "The content hash does not match: the record was altered in transit.",
                "hash",
            )
        )
    return reasons


def parent_refs(envelope: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(parent entity, parent id) pairs this record refers to."""
    spec = ENTITIES[str(envelope["entity"])]
    data = envelope.get("data") or {}
    out: list[tuple[str, str]] = []
    for fs in spec.parents():
        assert fs.parent is not None
        v = data.get(fs.name)
        if isinstance(v, str):
            out.append((fs.parent, v))
        elif isinstance(v, list):
            out.extend((fs.parent, str(x)) for x in v)
    return out


# -- batches and answers --------------------------------------------------------------------


@dataclass(frozen=True)
class RecordResult:
    """The server's answer for one record of a batch."""

    id: str
    entity: str
    revision: int
    status: str
    reasons: tuple[Reason, ...] = ()
    server_revision: int | None = None
    server_device_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "entity": self.entity,
            "revision": self.revision,
            "status": self.status,
        }
        if self.reasons:
            out["reasons"] = [r.to_json() for r in self.reasons]
        if self.server_revision is not None:
            out["server_revision"] = self.server_revision
        if self.server_device_id is not None:
            out["server_device_id"] = self.server_device_id
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> RecordResult:
        sr = obj.get("server_revision")
        sd = obj.get("server_device_id")
        return cls(
            id=str(obj["id"]),
            entity=str(obj.get("entity", "")),
            revision=int(obj["revision"]),
            status=str(obj["status"]),
            reasons=tuple(Reason.from_json(r) for r in obj.get("reasons") or ()),
            server_revision=None if sr is None else int(sr),
            server_device_id=None if sd is None else str(sd),
        )


@dataclass(frozen=True)
class BatchResult:
    batch_id: str
    received_at: str
    server_time: str
    results: tuple[RecordResult, ...] = field(default_factory=tuple)
    replayed: bool = False  # answered from the stored result of an earlier delivery

    def to_json(self) -> dict[str, Any]:
        return {
            "protocol": PROTOCOL_VERSION,
            "batch_id": self.batch_id,
            "received_at": self.received_at,
            "server_time": self.server_time,
            "replayed": self.replayed,
            "results": [r.to_json() for r in self.results],
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> BatchResult:
        return cls(
            batch_id=str(obj["batch_id"]),
            received_at=str(obj.get("received_at", "")),
            server_time=str(obj.get("server_time", "")),
            results=tuple(RecordResult.from_json(r) for r in obj.get("results") or ()),
            replayed=bool(obj.get("replayed", False)),
        )


def batch_body(
    batch_id: str, device_id: str, sent_at: datetime, records: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    return {
        "protocol": PROTOCOL_VERSION,
        "batch_id": batch_id,
        "device_id": device_id,
        "sent_at": wire_datetime(sent_at),
        "records": list(records),
    }


def is_uuid(value: Any) -> bool:
    return _is_uuid(value)


def new_batch_id() -> str:
    return str(uuid.uuid4())


# -- error bodies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorBody:
    """An HTTP-level error: a stable code, both languages, and whether retrying can help."""

    code: str
    message_vi: str
    message_en: str
    retry: bool = False
    detail: Mapping[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        err: dict[str, Any] = {
            "code": self.code,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
            "retry": self.retry,
        }
        if self.detail:
            err["detail"] = dict(self.detail)
        return {"error": err}

    @classmethod
    def from_json(cls, obj: Any) -> ErrorBody | None:
        if not isinstance(obj, Mapping) or not isinstance(obj.get("error"), Mapping):
            return None
        e = obj["error"]
        return cls(
            str(e.get("code", "")),
            str(e.get("message_vi", "")),
            str(e.get("message_en", "")),
            bool(e.get("retry", False)),
            e.get("detail") if isinstance(e.get("detail"), Mapping) else None,
        )


class DecompressError(ValueError):
    """A gzip body that is corrupt or inflates beyond the allowed size."""


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Inflate a gzip body without ever holding more than `limit` bytes (zip-bomb safe)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as e:
        raise DecompressError(str(e)) from None
    if len(out) > limit or d.unconsumed_tail:
        raise DecompressError("too large")
    if not d.eof:
        raise DecompressError("truncated")
    return out
