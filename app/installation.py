"""Setting up and opening an installation: the encrypted database, its key file, the device
identity and the logged-in officer, with migration on open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.database import Actor, Database
from app.errors import UserError
from app.ids import uuid7
from app.keystore import KdfParams, KeyFile, username_for
from app.migrate import refuse_if_newer, upgrade
from app.models import Commune, Officer, Setting
from app.reference import find_commune, load_bundled_catalogue, load_reference_data
from app.vntext import nfc

ProgressFn = Callable[[str, float], None]


@dataclass(frozen=True)
class OfficerInfo:
    id: str
    username: str
    full_name: str
    role: str


@dataclass
class Installation:
    """An unlocked installation. `actor` stamps everything written through it."""

    db: Database
    keyfile: KeyFile
    actor: Actor
    officer: OfficerInfo
    commune_name: str

    def close(self) -> None:
        self.db.close()


def _not_set_up(path: Path) -> UserError:
    return UserError(
        "db.missing",
        f"Chưa có dữ liệu tại {path}. Hãy chạy 'hocvuso init' hoặc mở chương trình để thiết lập.",
        f"No data at {path}. Run 'hocvuso init' or start the program to set it up.",
    )


def init_installation(
    path: Path,
    commune_code: str,
    officer_name: str,
    password: str,
    *,
    kdf: KdfParams | None = None,
) -> tuple[Installation, str]:
    """Create the encrypted database for one commune and its first (administrator) officer.

    Returns the open installation and the recovery key, which is shown once and never stored.
    """
    commune = find_commune(commune_code)
    name = nfc(officer_name)
    if not name:
        raise UserError(
            "officer.name", "Hãy nhập họ tên cán bộ.", "Enter the officer's name.", field="name"
        )
    path = path.expanduser().resolve()
    if path.exists() and path.stat().st_size > 0:
        raise UserError(
            "db.exists",
            f"Đã có tệp dữ liệu tại {path}. Không ghi đè; hãy chọn tệp khác.",
            f"A data file already exists at {path}. It is not overwritten; choose another path.",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    keyfile = KeyFile.for_database(path)
    username = username_for(name)
    key, recovery = keyfile.create(username, password, params=kdf)
    db = Database(path, key)
    upgrade(db, copy_first=False)
    device_id = uuid7()
    officer_id = uuid7()
    actor = Actor(device_id=device_id, commune_code=commune.code, officer_id=officer_id)
    with db.session(actor) as s:
        for k, v in {
            "commune_code": commune.code,
            "province_code": commune.province_code,
            "device_id": device_id,
            "language": "vi",
            "idle_lock_minutes": "10",
        }.items():
            s.add(Setting(key=k, value=v))
        load_reference_data(s, commune.province_code)
        s.add(Officer(id=officer_id, username=username, full_name=name, role="admin", active=True))
    info = OfficerInfo(officer_id, username, name, "admin")
    return Installation(db, keyfile, actor, info, commune.name), recovery


def open_installation(
    path: Path,
    password: str,
    username: str | None = None,
    *,
    progress: ProgressFn | None = None,
) -> Installation:
    """Unlock with an officer's password, migrate if needed, and identify the officer."""
    path = path.expanduser().resolve()
    if not path.exists():
        raise _not_set_up(path)
    keyfile = KeyFile.for_database(path)
    key, user = keyfile.unlock(username, password)
    return _open_with_key(path, keyfile, key, user, progress)


def open_with_recovery_key(
    path: Path, recovery: str, username: str, new_password: str
) -> Installation:
    """Forgotten password: the recovery key unlocks and sets a new password for an officer."""
    path = path.expanduser().resolve()
    if not path.exists():
        raise _not_set_up(path)
    keyfile = KeyFile.for_database(path)
    key = keyfile.unlock_with_recovery(recovery)
    user = username.strip()
    if " " in user:
        user = username_for(user)
    inst = _open_with_key(path, keyfile, key, user, None)
    keyfile.set_password(key, inst.officer.username, new_password)
    return inst


def _open_with_key(
    path: Path, keyfile: KeyFile, key: bytes, username: str, progress: ProgressFn | None
) -> Installation:
    # Refuse a newer database before any connection pragma (WAL) can touch its header.
    refuse_if_newer(path, key)
    db = Database(path, key)
    try:
        upgrade(db, progress)
        with db.session() as s:
            settings = {r.key: r.value for r in s.scalars(select(Setting))}
            officer = s.scalars(
                select(Officer).where(Officer.username == username, Officer.deleted_at.is_(None))
            ).first()
            if officer is None or not officer.active:
                raise UserError(
                    "auth.inactive",
                    "Tài khoản này đã bị khoá hoặc không còn. Hãy liên hệ quản trị viên xã.",
                    "This account is disabled or no longer exists. Contact the administrator.",
                )
            commune = s.get(Commune, settings["commune_code"])
            commune_name = commune.name if commune else settings["commune_code"]
            info = OfficerInfo(officer.id, officer.username, officer.full_name, officer.role)
        actor = Actor(
            device_id=settings["device_id"],
            commune_code=settings["commune_code"],
            officer_id=info.id,
            role=info.role,
        )
        with db.session(actor) as s:
            # A newer program version may ship a newer bundled catalogue.
            load_bundled_catalogue(s)
    except BaseException:
        db.close()
        raise
    return Installation(db, keyfile, actor, info, commune_name)
