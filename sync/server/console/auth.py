"""Staff accounts of the province console: Argon2id password hashes, roles (admin, viewer),
server-side sessions whose random tokens are stored only as sha256, a CSRF token per session,
login throttling, and (tests only) single-use login links.

Nothing here logs a password, a token or a username."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    false,
    select,
)

from sync.server.db import read_tx, write_tx
from sync.server.models import NAMING, UTCDateTime

ROLES = ("admin", "viewer")
SESSION_HOURS = 8.0
COOKIE = "hvs_session"

metadata = MetaData(naming_convention=NAMING)
staff_user = Table(
    "staff_user",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(10), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("disabled", Boolean, nullable=False, server_default=false()),
)
staff_session = Table(
    "staff_session",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("staff_user.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

# Argon2id (argon2-cffi's default type) with its RFC 9106 "low memory" parameters.
_hasher = PasswordHasher()
# Verified against when the username is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


class UserError(ValueError):
    """A user cannot be created as asked (bad name, role or password)."""


@dataclass(frozen=True)
class Staff:
    user_id: int
    username: str
    role: str
    csrf: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def add_user(engine: Engine, username: str, password: str, role: str) -> int:
    """Create a staff user, or reset the password and role of an existing one. Returns its id."""
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise UserError("tên đăng nhập cần 1–64 ký tự, không có dấu cách")
    if role not in ROLES:
        raise UserError(f"vai trò phải là một trong {', '.join(ROLES)}")
    if len(password) < 10:
        raise UserError("mật khẩu cần ít nhất 10 ký tự")
    h = _hasher.hash(password)
    with write_tx(engine) as conn:
        uid = conn.execute(
            select(staff_user.c.id).where(staff_user.c.username == username)
        ).scalar()
        if uid is not None:
            conn.execute(
                staff_user.update()
                .where(staff_user.c.id == uid)
                .values(password_hash=h, role=role, disabled=False)
            )
            conn.execute(delete(staff_session).where(staff_session.c.user_id == uid))
            return int(uid)
        new_id = conn.execute(
            staff_user.insert()
            .values(username=username, password_hash=h, role=role, created_at=_now())
            .returning(staff_user.c.id)
        ).scalar_one()
        return int(new_id)


class Throttle:
    """At most `limit` failed logins per key within `window` seconds; then wait."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit = limit
        self.window = window
        self._fails: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        fails = [t for t in self._fails.get(key, []) if now - t < self.window]
        if fails:
            self._fails[key] = fails
        else:
            self._fails.pop(key, None)
        return fails

    def wait(self, key: str) -> float:
        """Seconds until a new attempt is allowed for this key (0: now)."""
        now = time.monotonic()
        with self._lock:
            fails = self._recent(key, now)
            if len(fails) < self.limit:
                return 0.0
            return max(0.0, fails[0] + self.window - now)

    def fail(self, key: str) -> None:
        with self._lock:
            self._fails.setdefault(key, []).append(time.monotonic())

    def clear(self, key: str) -> None:
        with self._lock:
            self._fails.pop(key, None)


def check_password(engine: Engine, username: str, password: str) -> int | None:
    """The user's id when the password is right (and the account enabled), else None."""
    with read_tx(engine) as conn:
        row = conn.execute(
            select(staff_user.c.id, staff_user.c.password_hash, staff_user.c.disabled).where(
                staff_user.c.username == username.strip()
            )
        ).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        with write_tx(engine) as conn:
            conn.execute(
                staff_user.update()
                .where(staff_user.c.id == row.id)
                .values(password_hash=_hasher.hash(password))
            )
    return int(row.id)


def open_session(engine: Engine, user_id: int, hours: float = SESSION_HOURS) -> str:
    """A new session for the user; returns the token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with write_tx(engine) as conn:
        conn.execute(delete(staff_session).where(staff_session.c.expires_at < now))
        conn.execute(
            staff_session.insert().values(
                token_hash=_sha(token),
                user_id=user_id,
                csrf=secrets.token_urlsafe(32),
                created_at=now,
                expires_at=now + timedelta(hours=hours),
            )
        )
    return token


def session_staff(engine: Engine, token: str | None) -> Staff | None:
    if not token or len(token) > 200:
        return None
    with read_tx(engine) as conn:
        row = conn.execute(
            select(
                staff_user.c.id,
                staff_user.c.username,
                staff_user.c.role,
                staff_user.c.disabled,
                staff_session.c.csrf,
                staff_session.c.expires_at,
            )
            .select_from(staff_session.join(staff_user))
            .where(staff_session.c.token_hash == _sha(token))
        ).first()
    if row is None or row.disabled or row.expires_at <= _now():
        return None
    return Staff(int(row.id), str(row.username), str(row.role), str(row.csrf))


def close_session(engine: Engine, token: str | None) -> None:
    if token:
        with write_tx(engine) as conn:
            conn.execute(delete(staff_session).where(staff_session.c.token_hash == _sha(token)))


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


class LoginLinks:
    """Single-use login links for automated browser tests only (a headless browser cannot be
    handed a cookie on its command line). Enabled only when the app is given
    `ConsoleOptions(test_login_links=True)`, which the `hocvuso-server` CLI never sets."""

    def __init__(self) -> None:
        self._links: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def issue(self, user_id: int, ttl: float = 60.0) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._links[_sha(token)] = (user_id, time.monotonic() + ttl)
        return token

    def consume(self, token: str) -> int | None:
        with self._lock:
            got = self._links.pop(_sha(token), None)
        if got is None or got[1] < time.monotonic():
            return None
        return got[0]


def user_id_of(engine: Engine, username: str) -> int | None:
    with read_tx(engine) as conn:
        uid = conn.execute(
            select(staff_user.c.id).where(staff_user.c.username == username)
        ).scalar()
    return None if uid is None else int(uid)
