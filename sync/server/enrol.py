"""Device enrolment and authentication: single-use expiring codes for one commune, tokens
derived from the code and kept only as their hash, listing and revoking devices.

A token is HMAC(server secret, code + device id). If the answer to an enrolment is lost, the
same device retrying with the same code gets the same token again, while the database still
holds nothing from which a token could be recomputed (the code itself is stored hashed).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select, update

from sync.protocol import COMMUNE_RE, is_uuid
from sync.server.db import read_tx, write_tx
from sync.server.errors import ApiError
from sync.server.models import device as dt
from sync.server.models import enrol_code as ct
from sync.server.models import server_meta

# Crockford's base32 without I, L, O, U: nothing to confuse when read aloud or typed.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits
RETRY_WINDOW = timedelta(hours=24)
TOKEN_PREFIX = "hvs1_"


def utcnow() -> datetime:
    return datetime.now(UTC)


def normalise_code(code: str) -> str:
    c = re.sub(r"[\s-]", "", code).upper()
    return c.translate(str.maketrans("OIL", "011"))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def token_hash(token: str) -> str:
    return _hash(token)


def _secret(engine: Engine) -> bytes:
    env = os.environ.get("HOCVUSO_SERVER_SECRET")
    if env:
        return env.encode("utf-8")
    with read_tx(engine) as conn:
        value = conn.execute(
            select(server_meta.c.value).where(server_meta.c.key == "token_secret")
        ).scalar_one()
    return bytes.fromhex(value)


def _derive_token(secret: bytes, code: str, device_id: str) -> str:
    mac = hmac.new(secret, f"{code}:{device_id}".encode(), hashlib.sha256).digest()
    return TOKEN_PREFIX + base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


@dataclass(frozen=True)
class IssuedCode:
    code: str  # shown once, grouped for reading: XXXX-XXXX-XXXX
    commune_code: str
    expires_at: datetime


@dataclass(frozen=True)
class Enrolment:
    token: str
    device_id: str
    commune_code: str


@dataclass(frozen=True)
class DeviceAuth:
    """The device a request was authenticated as."""

    device_id: str
    commune_code: str


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    commune_code: str
    enrolled_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None
    last_sync_at: datetime | None
    clock_skew_s: float | None


def _bad_commune(code: str) -> ApiError:
    return ApiError(
        400,
        "commune.invalid",
        f"Mã xã '{code}' không hợp lệ: cần đúng 5 chữ số, ví dụ 01840.",
        f"The commune code '{code}' is not valid: it needs exactly 5 digits, e.g. 01840.",
    )


def issue_code(engine: Engine, commune_code: str, hours: float = 72.0) -> IssuedCode:
    if not COMMUNE_RE.match(commune_code):
        raise _bad_commune(commune_code)
    code = "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))
    now = utcnow()
    expires = now + timedelta(hours=hours)
    with write_tx(engine) as conn:
        conn.execute(
            ct.insert().values(
                code_hash=_hash(code),
                commune_code=commune_code,
                created_at=now,
                expires_at=expires,
                used_at=None,
                device_id=None,
            )
        )
    shown = "-".join(code[i : i + 4] for i in range(0, CODE_LENGTH, 4))
    return IssuedCode(shown, commune_code, expires)


def _code_refused() -> ApiError:
    return ApiError(
        403,
        "enrol.code_invalid",
        "Mã đăng ký không đúng, đã hết hạn hoặc đã được dùng cho thiết bị khác. Hãy xin tỉnh "
        "cấp mã mới.",
        "The enrolment code is wrong, has expired or was already used by another device. Ask "
        "the province for a new code.",
    )


def enrol(
    engine: Engine, code: str, device_id: str, claimed_commune: str | None = None
) -> Enrolment:
    """Exchange a code for a token bound to the code's commune."""
    norm = normalise_code(code)
    if not is_uuid(device_id):
        raise ApiError(
            400,
            "enrol.device_id",
            "Mã thiết bị gửi lên không hợp lệ.",
            "The device id sent is not valid.",
        )
    secret = _secret(engine)
    ch = _hash(norm)
    now = utcnow()
    table = ct
    with write_tx(engine) as conn:
        row = conn.execute(select(table).where(table.c.code_hash == ch)).mappings().first()
        if row is None:
            raise _code_refused()
        commune = str(row["commune_code"])
        if claimed_commune is not None and claimed_commune != commune:
            raise ApiError(
                403,
                "enrol.commune_mismatch",
                f"Mã đăng ký này dành cho xã {commune}, nhưng dữ liệu trên máy thuộc xã "
                f"{claimed_commune}. Hãy dùng đúng mã của xã mình.",
                f"This enrolment code is for commune {commune}, but the data on this laptop "
                f"belongs to commune {claimed_commune}. Use your own commune's code.",
            )
        token = _derive_token(secret, norm, device_id)
        used_at = row["used_at"]
        if used_at is not None:
            used_at = used_at.replace(tzinfo=UTC) if used_at.tzinfo is None else used_at
            same_device = row["device_id"] == device_id
            dev = conn.execute(select(dt).where(dt.c.id == device_id)).mappings().first()
            if (
                same_device
                and now - used_at <= RETRY_WINDOW
                and dev is not None
                and dev["revoked_at"] is None
                and dev["code_hash"] == ch
            ):
                return Enrolment(token, device_id, commune)  # the answer was lost: same token
            raise _code_refused()
        expires = row["expires_at"]
        expires = expires.replace(tzinfo=UTC) if expires.tzinfo is None else expires
        if expires < now:
            raise _code_refused()
        conn.execute(
            update(table).where(table.c.code_hash == ch).values(used_at=now, device_id=device_id)
        )
        exists = conn.execute(select(dt.c.id).where(dt.c.id == device_id)).first()
        values = {
            "commune_code": commune,
            "token_hash": token_hash(token),
            "code_hash": ch,
            "enrolled_at": now,
            "revoked_at": None,
        }
        if exists:
            conn.execute(update(dt).where(dt.c.id == device_id).values(**values))
        else:
            conn.execute(dt.insert().values(id=device_id, **values))
    return Enrolment(token, device_id, commune)


def authenticate(engine: Engine, authorization: str | None) -> DeviceAuth:
    from sync.server.errors import auth_invalid, auth_missing, auth_revoked

    if not authorization or not authorization.startswith("Bearer "):
        raise auth_missing()
    token = authorization[len("Bearer ") :].strip()
    if not token.startswith(TOKEN_PREFIX):
        raise auth_invalid()
    with read_tx(engine) as conn:
        row = (
            conn.execute(
                select(dt.c.id, dt.c.commune_code, dt.c.revoked_at).where(
                    dt.c.token_hash == token_hash(token)
                )
            )
            .mappings()
            .first()
        )
    if row is None:
        raise auth_invalid()
    if row["revoked_at"] is not None:
        raise auth_revoked()
    return DeviceAuth(str(row["id"]), str(row["commune_code"]))


def touch_device(
    engine: Engine, device_id: str, *, skew_s: float | None = None, synced: bool = False
) -> None:
    values: dict[str, object] = {"last_seen_at": utcnow()}
    if skew_s is not None:
        values["clock_skew_s"] = skew_s
    if synced:
        values["last_sync_at"] = values["last_seen_at"]
    with engine.begin() as conn:
        conn.execute(update(dt).where(dt.c.id == device_id).values(**values))


def list_devices(engine: Engine) -> list[DeviceInfo]:
    with read_tx(engine) as conn:
        rows = conn.execute(select(dt).order_by(dt.c.commune_code, dt.c.enrolled_at)).mappings()
        return [
            DeviceInfo(
                id=str(r["id"]),
                commune_code=str(r["commune_code"]),
                enrolled_at=r["enrolled_at"],
                revoked_at=r["revoked_at"],
                last_seen_at=r["last_seen_at"],
                last_sync_at=r["last_sync_at"],
                clock_skew_s=r["clock_skew_s"],
            )
            for r in rows
        ]


def revoke(engine: Engine, device_id: str) -> DeviceInfo:
    with write_tx(engine) as conn:
        conn.execute(
            update(dt)
            .where(dt.c.id == device_id, dt.c.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        exists = conn.execute(select(dt.c.id).where(dt.c.id == device_id)).first()
    if not exists:
        raise ApiError(
            404,
            "device.unknown",
            f"Không có thiết bị mã {device_id}. Xem danh sách bằng 'hocvuso-server devices'.",
            f"There is no device {device_id}. List them with 'hocvuso-server devices'.",
        )
    return next(d for d in list_devices(engine) if d.id == device_id)
