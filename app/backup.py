"""Backups of an installation: make, rotate, inspect and restore `.hvbak` files, and verify the
health of an open database.

A backup is a zip holding the still-encrypted database copy, the key file that unlocks it and a
manifest without personal data. Restoring verifies everything in a staging folder first and only
then swaps files, moving (never deleting) the current ones aside.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

from alembic.config import Config
from alembic.script import ScriptDirectory

from app import ids, migrate
from app.database import Database, connect_raw
from app.errors import UserError
from app.installation import Installation, open_installation
from app.keystore import KeyFile
from app.messages import Message
from app.migrate import head_revision, migration_state, upgrade
from app.models import Base
from app.services.common import audit

FORMAT_VERSION = 1
KIND = "hocvuso-backup"
SUFFIX = ".hvbak"
MANIFEST = "manifest.json"
DB_MEMBER = "database.db"
KEYS_MEMBER = "database.keys"
_MAX_MANIFEST_BYTES = 1 << 20
_AUTO_INFIX = "-auto-"
_STAMP_FMT = "%Y%m%d-%H%M%S"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file says about itself (read from its manifest, checksum verified)."""

    path: Path
    format_version: int
    schema_revision: str | None
    commune_code: str | None
    created_at: datetime
    counts: Mapping[str, int]
    db_sha256: str
    db_bytes: int
    app_version: str


@dataclass(frozen=True)
class RestoreInfo:
    """The outcome of a restore. The caller owns (and must close) `installation`."""

    backup: BackupInfo
    previous_dir: Path | None  # where the replaced files were moved; None if there were none
    migrated_from: str | None  # the backup's schema revision when it had to be upgraded
    installation: Installation


@dataclass(frozen=True)
class VerifyReport:
    """The health of an open database. `problems` is empty exactly when `ok` is true."""

    ok: bool
    problems: tuple[Message, ...]
    integrity: tuple[str, ...]
    cipher_errors: tuple[str, ...]
    foreign_key_violations: int
    current_revision: str | None
    head_revision: str
    counts: Mapping[str, int]
    outbox_pending: int
    outbox_states: Mapping[str, int] = field(default_factory=dict)
    fts_rows: int = 0
    fts_missing: int = 0


# -- errors --------------------------------------------------------------------------------


def _not_backup(path: Path) -> UserError:
    return UserError(
        "backup.not_backup",
        f"Tệp {path.name} không phải là bản sao lưu hocvuso. Hãy chọn tệp có đuôi {SUFFIX} "
        "do chương trình tạo ra.",
        f"The file {path.name} is not a hocvuso backup. Choose a {SUFFIX} file made by the "
        "program.",
    )


def _damaged(path: Path, why_en: str) -> UserError:
    return UserError(
        "backup.damaged",
        f"Bản sao lưu {path.name} bị hỏng hoặc chép chưa hết nên không dùng được. Dữ liệu hiện "
        "tại không bị thay đổi. Hãy chọn bản sao lưu khác (ví dụ bản tự động trong thư mục "
        "backups).",
        f"The backup {path.name} is damaged or incompletely copied ({why_en}). The current data "
        "was not changed. Choose another backup (e.g. an automatic one in the backups folder).",
    )


def _newer(path: Path) -> UserError:
    return UserError(
        "backup.newer",
        f"Bản sao lưu {path.name} được tạo bởi phiên bản hocvuso mới hơn. Hãy cài phiên bản mới "
        "nhất rồi khôi phục lại; dữ liệu hiện tại không bị thay đổi.",
        f"The backup {path.name} was made by a newer version of hocvuso. Install the latest "
        "version and restore again; the current data was not changed.",
    )


def _write_failed(path: Path, err: OSError) -> UserError:
    return UserError(
        "backup.write",
        f"Không ghi được bản sao lưu vào {path.parent}: {err.strerror or err}. Hãy kiểm tra chỗ "
        "trống trên ổ đĩa hoặc USB rồi thử lại.",
        f"Could not write the backup to {path.parent}: {err.strerror or err}. Check the free "
        "space on the disk or USB stick and try again.",
    )


# -- helpers -------------------------------------------------------------------------------


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("hocvuso")
    except Exception:
        return "unknown"


def _known_revisions() -> set[str]:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    return {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}


def _sha256_stream(f: IO[bytes]) -> tuple[str, int]:
    h = hashlib.sha256()
    n = 0
    while chunk := f.read(_CHUNK):
        h.update(chunk)
        n += len(chunk)
    return h.hexdigest(), n


def _model_tables() -> list[str]:
    return [t.name for t in Base.metadata.sorted_tables]


def _table_counts(con: Any) -> dict[str, int]:
    existing = {
        str(r[0]) for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    return {
        name: int(con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in _model_tables()
        if name in existing
    }


def _revision(con: Any) -> str | None:
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except Exception:
        return None
    return None if row is None else str(row[0])


def _setting(con: Any, key: str) -> str | None:
    try:
        row = con.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    except Exception:
        return None
    return None if row is None else str(row[0])


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _sidecars(db_path: Path) -> list[Path]:
    """The database and every file that belongs with it, in the order they are moved."""
    return [
        db_path,
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
        KeyFile.for_database(db_path).path,
    ]


# -- making backups ------------------------------------------------------------------------


def make_backup(inst: Installation, out: Path) -> BackupInfo:
    """Write one backup file of the installation to `out` (atomically: temp file, then rename)."""
    out = out.expanduser().resolve()
    created = ids.now().replace(microsecond=0)
    tmp_out = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".hvbak-", dir=out.parent) as td:
            copy = Path(td) / DB_MEMBER
            inst.db.copy_to(copy)
            con = connect_raw(copy, inst.db.key)
            try:
                counts = _table_counts(con)
                revision = _revision(con)
                commune = _setting(con, "commune_code")
                # Fold any WAL frames into the single file before it is hashed and stored.
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                con.close()
            for extra in ("-wal", "-shm"):
                copy.with_name(copy.name + extra).unlink(missing_ok=True)
            with open(copy, "rb") as f:
                sha, size = _sha256_stream(f)
            keys = inst.keyfile.path.read_bytes()
            manifest: dict[str, Any] = {
                "kind": KIND,
                "format": FORMAT_VERSION,
                "app_version": _app_version(),
                "schema_revision": revision,
                "commune_code": commune,
                "created_at": created.isoformat(timespec="seconds"),
                "counts": counts,
                "db_sha256": sha,
                "db_bytes": size,
            }
            with zipfile.ZipFile(tmp_out, "w") as zf:
                zf.writestr(
                    MANIFEST,
                    json.dumps(manifest, indent=1, ensure_ascii=False),
                    compress_type=zipfile.ZIP_DEFLATED,
                )
                zf.writestr(KEYS_MEMBER, keys, compress_type=zipfile.ZIP_DEFLATED)
                # Encrypted pages do not compress.
                zf.write(copy, DB_MEMBER, compress_type=zipfile.ZIP_STORED)
        _fsync(tmp_out)
        os.replace(tmp_out, out)
    except OSError as e:
        tmp_out.unlink(missing_ok=True)
        raise _write_failed(out, e) from None
    except BaseException:
        tmp_out.unlink(missing_ok=True)
        raise
    with inst.db.session(inst.actor) as s:
        audit(s, inst.actor, "backup.create", "", None, f"tables={len(counts)}")
    return BackupInfo(
        path=out,
        format_version=FORMAT_VERSION,
        schema_revision=revision,
        commune_code=commune,
        created_at=created,
        counts=counts,
        db_sha256=sha,
        db_bytes=size,
        app_version=str(manifest["app_version"]),
    )


def _auto_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(
        re.escape(stem) + re.escape(_AUTO_INFIX) + r"(\d{8}-\d{6})(?:-(\d+))?" + re.escape(SUFFIX)
    )


def auto_backups(db_path: Path) -> list[tuple[datetime, Path]]:
    """Automatic backups of this database, oldest first (only files named by `auto_backup`)."""
    folder = db_path.parent / "backups"
    pattern = _auto_pattern(db_path.stem)
    found: list[tuple[datetime, int, Path]] = []
    if not folder.is_dir():
        return []
    for p in folder.iterdir():
        m = pattern.fullmatch(p.name)
        if m is None or not p.is_file():
            continue
        ts = datetime.strptime(m.group(1), _STAMP_FMT).replace(tzinfo=ids.ICT)
        found.append((ts, int(m.group(2) or 0), p))
    found.sort(key=lambda t: (t[0], t[1]))
    return [(ts, p) for ts, _, p in found]


def auto_backup(
    inst: Installation,
    *,
    keep: int = 10,
    min_interval: timedelta = timedelta(hours=12),
    now: datetime | None = None,
) -> Path | None:
    """A rotating automatic backup into `<db dir>/backups/`. Returns None when skipped because
    the newest automatic backup is younger than `min_interval`."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    when = (now or ids.now()).astimezone(ids.ICT)
    db_path = inst.db.path
    existing = auto_backups(db_path)
    if existing:
        age = when - existing[-1][0]
        # A negative age means the clock went back: make a backup rather than wait for it.
        if timedelta(0) <= age < min_interval:
            return None
    folder = db_path.parent / "backups"
    base = f"{db_path.stem}{_AUTO_INFIX}{when.strftime(_STAMP_FMT)}"
    target = folder / f"{base}{SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{base}-{n}{SUFFIX}"
    make_backup(inst, target)
    made = auto_backups(db_path)
    for _ts, old in made[: max(0, len(made) - keep)]:
        old.unlink(missing_ok=True)
    return target


# -- reading backups -----------------------------------------------------------------------


@contextlib.contextmanager
def _open_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    if not path.is_file():
        raise UserError(
            "backup.missing",
            f"Không tìm thấy tệp sao lưu {path}. Hãy chọn lại tệp.",
            f"The backup file {path} was not found. Choose the file again.",
        )
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except OSError:
        raise _damaged(path, "cannot be read") from None
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        # A zip that has lost its end (a truncated copy) still starts like one.
        if magic == b"PK\x03\x04":
            raise _damaged(path, "the zip directory is missing") from None
        raise _not_backup(path) from None
    with zf:
        yield zf


def _read_member(path: Path, zf: zipfile.ZipFile, name: str, limit: int | None = None) -> bytes:
    try:
        zi = zf.getinfo(name)
    except KeyError:
        raise _damaged(path, f"{name} is missing") from None
    if limit is not None and zi.file_size > limit:
        raise _damaged(path, f"{name} is too large")
    try:
        return zf.read(zi)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as e:
        raise _damaged(path, f"{name}: {e}") from None


def _check_zip(path: Path, zf: zipfile.ZipFile) -> BackupInfo:
    names = set(zf.namelist())
    if MANIFEST not in names:
        raise _not_backup(path)
    try:
        m = json.loads(_read_member(path, zf, MANIFEST, _MAX_MANIFEST_BYTES).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise _damaged(path, "the manifest is unreadable") from None
    if not isinstance(m, dict) or m.get("kind") != KIND:
        raise _not_backup(path)
    try:
        fmt = int(m["format"])
        if fmt > FORMAT_VERSION:
            raise _newer(path)
        info = BackupInfo(
            path=path,
            format_version=fmt,
            schema_revision=None if m["schema_revision"] is None else str(m["schema_revision"]),
            commune_code=None if m["commune_code"] is None else str(m["commune_code"]),
            created_at=datetime.fromisoformat(str(m["created_at"])),
            counts={str(k): int(v) for k, v in dict(m["counts"]).items()},
            db_sha256=str(m["db_sha256"]),
            db_bytes=int(m["db_bytes"]),
            app_version=str(m.get("app_version", "unknown")),
        )
    except (KeyError, TypeError, ValueError):
        raise _damaged(path, "the manifest is incomplete") from None
    keys = _read_member(path, zf, KEYS_MEMBER)
    try:
        json.loads(keys.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise _damaged(path, "the key file is unreadable") from None
    try:
        zi = zf.getinfo(DB_MEMBER)
    except KeyError:
        raise _damaged(path, f"{DB_MEMBER} is missing") from None
    try:
        with zf.open(zi) as f:
            sha, size = _sha256_stream(f)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise _damaged(path, f"{DB_MEMBER}: {e}") from None
    if sha != info.db_sha256 or size != info.db_bytes:
        raise _damaged(path, "checksum mismatch")
    return info


def inspect_backup(path: Path) -> BackupInfo:
    """Read and check a backup file: its manifest, members and the database checksum."""
    path = path.expanduser().resolve()
    with _open_zip(path) as zf:
        return _check_zip(path, zf)


# -- restoring -----------------------------------------------------------------------------


def _stamp() -> str:
    return ids.now().strftime("%Y%m%d-%H%M%S-%f")


def _check_staged_db(backup: Path, db: Path, key: bytes) -> str | None:
    """Open the staged copy with its key and check it page by page. Returns its revision."""
    try:
        con = connect_raw(db, key)
    except UserError:
        raise _damaged(backup, "the database does not open with its key") from None
    try:
        integrity = [str(r[0]) for r in con.execute("PRAGMA integrity_check").fetchall()]
        cipher = [str(r[0]) for r in con.execute("PRAGMA cipher_integrity_check").fetchall()]
        revision = _revision(con)
    except Exception as e:
        raise _damaged(backup, f"database check failed: {e}") from None
    finally:
        con.close()
    if integrity != ["ok"] or cipher:
        raise _damaged(backup, "the database fails its integrity check")
    return revision


def restore_backup(
    db_path: Path, backup: Path, password: str, username: str | None = None
) -> RestoreInfo:
    """Replace the database at `db_path` with the backup's, and open it.

    `password` is an officer's password as it was when the backup was made. Everything is
    checked in a staging folder first; on any failure the current files stay as they were.
    The current installation must be closed by the caller before restoring.
    """
    db_path = db_path.expanduser().resolve()
    backup = backup.expanduser().resolve()
    folder = db_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _stamp()
    staging = folder / f".restore-{stamp}"
    staging.mkdir()
    try:
        with _open_zip(backup) as zf:
            info = _check_zip(backup, zf)
            if info.schema_revision is not None and info.schema_revision not in _known_revisions():
                raise _newer(backup)
            staged_db = staging / db_path.name
            staged_keys = KeyFile.for_database(staged_db)
            staged_keys.path.write_bytes(_read_member(backup, zf, KEYS_MEMBER))
            with zf.open(DB_MEMBER) as src, open(staged_db, "wb") as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
        with open(staged_db, "rb") as f:
            if _sha256_stream(f)[0] != info.db_sha256:
                raise _damaged(backup, "checksum mismatch after extraction")
        try:
            key, _user = staged_keys.unlock(username, password)
        except UserError as e:
            if e.code != "auth.wrong":
                raise
            raise UserError(
                "auth.wrong",
                "Sai tên đăng nhập hoặc mật khẩu của bản sao lưu. Hãy dùng mật khẩu đã dùng lúc "
                "tạo bản sao lưu. Dữ liệu hiện tại không bị thay đổi.",
                "Wrong user name or password for this backup. Use the password that was valid "
                "when the backup was made. The current data was not changed.",
            ) from None
        revision = _check_staged_db(backup, staged_db, key)
        if revision is None:
            raise _damaged(backup, "the database has no schema revision")
        if revision not in _known_revisions():
            raise _newer(backup)
        migrated_from = None
        if revision != head_revision():
            # Upgrade in staging so a failing migration never touches the current data; the
            # backup file itself is the pre-migration copy.
            migrated_from = revision
            sdb = Database(staged_db, key)
            try:
                upgrade(sdb, copy_first=False)
                sdb.checkpoint()
            finally:
                sdb.close()
        for extra in ("-wal", "-shm"):
            if staged_db.with_name(staged_db.name + extra).exists():
                con = connect_raw(staged_db, key)
                try:
                    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    con.close()
        previous = _swap_in(db_path, staged_db, staged_keys.path, stamp)
        try:
            inst = open_installation(db_path, password, username)
        except BaseException:
            _swap_back(db_path, previous)
            raise
        with inst.db.session(inst.actor) as s:
            audit(s, inst.actor, "backup.restore", "", None, f"revision={revision}")
        return RestoreInfo(info, previous, migrated_from, inst)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(db_path: Path, staged_db: Path, staged_keys: Path, stamp: str) -> Path | None:
    """Move the current files aside, then move the staged ones in; undo on any failure."""
    current = [p for p in _sidecars(db_path) if p.exists()]
    aside = db_path.parent / "backups" / f"before-restore-{stamp}" if current else None
    moved: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        if aside is not None:
            aside.mkdir(parents=True)
            for p in current:
                os.replace(p, aside / p.name)
                moved.append((p, aside / p.name))
        keys_target = KeyFile.for_database(db_path).path
        os.replace(staged_keys, keys_target)
        placed.append(keys_target)
        os.replace(staged_db, db_path)
        placed.append(db_path)
    except OSError as e:
        for p in placed:
            p.unlink(missing_ok=True)
        for original, now_at in reversed(moved):
            os.replace(now_at, original)
        raise UserError(
            "backup.restore_failed",
            f"Không thay được tệp dữ liệu ({e.strerror or e}). Hãy đóng mọi cửa sổ hocvuso khác "
            "rồi thử lại; dữ liệu hiện tại không bị thay đổi.",
            f"Could not replace the data file ({e.strerror or e}). Close every other hocvuso "
            "window and try again; the current data was not changed.",
        ) from None
    return aside


def _swap_back(db_path: Path, aside: Path | None) -> None:
    """Undo `_swap_in` after the restored database failed to open."""
    for p in _sidecars(db_path):
        p.unlink(missing_ok=True)
    if aside is None:
        return
    for p in _sidecars(db_path):
        src = aside / p.name
        if src.exists():
            os.replace(src, p)
    with contextlib.suppress(OSError):
        aside.rmdir()


# -- verifying -----------------------------------------------------------------------------


def verify(inst: Installation) -> VerifyReport:
    """Check an open database: pages, encryption, foreign keys, schema, search index, outbox."""
    problems: list[Message] = []
    current, head = migration_state(inst.db)
    with inst.db.engine.connect() as conn:
        con = conn.connection.dbapi_connection
        assert con is not None
        integrity = tuple(str(r[0]) for r in con.execute("PRAGMA integrity_check").fetchall())
        cipher = tuple(str(r[0]) for r in con.execute("PRAGMA cipher_integrity_check").fetchall())
        fk_rows = con.execute("PRAGMA foreign_key_check").fetchall()
        counts = _table_counts(con)
        states = {
            str(st): int(n)
            for st, n in con.execute("SELECT state, count(*) FROM outbox GROUP BY state")
        }
        fts_rows = int(con.execute("SELECT count(*) FROM person_fts").fetchone()[0])
        # Contentless fts5 still answers rowid lookups, so a missing entry can be found.
        fts_missing = int(
            con.execute(
                "SELECT count(*) FROM person p "
                "WHERE NOT EXISTS (SELECT 1 FROM person_fts f WHERE f.rowid = p.rowid)"
            ).fetchone()[0]
        )
    if integrity != ("ok",):
        problems.append(
            Message(
                "verify.integrity",
                "Tệp dữ liệu có trang bị hỏng (integrity_check). Hãy khôi phục từ bản sao lưu "
                "gần nhất và báo cho cán bộ kỹ thuật.",
                "The data file has damaged pages (integrity_check). Restore the latest backup "
                "and tell the technical officer.",
            )
        )
    if cipher:
        problems.append(
            Message(
                "verify.cipher",
                "Một phần tệp dữ liệu đã mã hoá bị thay đổi hoặc hỏng. Hãy khôi phục từ bản sao "
                "lưu gần nhất.",
                "Part of the encrypted data file was altered or damaged. Restore the latest "
                "backup.",
            )
        )
    if fk_rows:
        problems.append(
            Message(
                "verify.foreign_keys",
                f"Có {len(fk_rows)} bản ghi tham chiếu tới bản ghi không còn tồn tại. Hãy báo "
                "cho cán bộ kỹ thuật; đừng xoá dữ liệu.",
                f"{len(fk_rows)} records refer to records that no longer exist. Tell the "
                "technical officer; do not delete data.",
            )
        )
    if current != head:
        problems.append(
            Message(
                "verify.schema",
                f"Cấu trúc dữ liệu ở phiên bản {current or 'trống'}, chương trình cần {head}. "
                "Hãy đóng rồi mở lại chương trình để cập nhật.",
                f"The data structure is at revision {current or 'empty'}, the program needs "
                f"{head}. Close and reopen the program to update it.",
            )
        )
    people = counts.get("person", 0)
    if fts_rows != people or fts_missing:
        problems.append(
            Message(
                "verify.search_index",
                f"Chỉ mục tìm kiếm người không khớp ({fts_rows} mục cho {people} người). Tìm "
                "kiếm có thể bỏ sót; hãy báo cho cán bộ kỹ thuật để dựng lại chỉ mục.",
                f"The person search index does not match ({fts_rows} entries for {people} "
                "people). Searches may miss people; ask the technical officer to rebuild it.",
            )
        )
    return VerifyReport(
        ok=not problems,
        problems=tuple(problems),
        integrity=integrity,
        cipher_errors=cipher,
        foreign_key_violations=len(fk_rows),
        current_revision=current,
        head_revision=head,
        counts=counts,
        outbox_pending=states.get("pending", 0),
        outbox_states=states,
        fts_rows=fts_rows,
        fts_missing=fts_missing,
    )
