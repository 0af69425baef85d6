"""Backups on a real encrypted database: make, inspect, restore, rotate and verify."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import migrate
from app.backup import (
    DB_MEMBER,
    KEYS_MEMBER,
    MANIFEST,
    auto_backup,
    inspect_backup,
    make_backup,
    restore_backup,
    verify,
)
from app.errors import UserError
from app.ids import ICT
from app.installation import Installation, init_installation
from app.keystore import FAST_KDF
from app.migrate import head_revision, migration_state
from app.models import Attendance, ClassSession, Person
from app.services.directory import save_village
from app.services.people import (
    PersonInput,
    create_person,
    find_by_id_number,
    search_people,
    update_person,
)
from app.services.sessions import SessionInput, check_in, create_session, record_skills
from app.vntext import fold

PASSWORD = "backup-test-pass"
SECRET_NAME = "Trương Thị Phượng Hoàng"
SECRET_ID = "001189076543"
SECRET_PHONE = "0936123457"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative name -> hash): proves nothing was added or changed."""
    return {str(p.relative_to(folder)): sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def opened() -> Iterator[list[Installation]]:
    items: list[Installation] = []
    yield items
    for inst in items:
        inst.close()


@pytest.fixture
def inst(tmp_path: Path, opened: list[Installation]) -> Installation:
    """An installation with a village, people, a held session, attendance and skill records."""
    path = tmp_path / "data" / "hocvuso.db"
    inst, _ = init_installation(path, "01840", "Nguyễn Văn Đức", PASSWORD, kdf=FAST_KDF)
    opened.append(inst)
    a = inst.actor
    with inst.db.session(a) as s:
        village = save_village(s, a, "Thôn Đông").value.id
        people = [
            create_person(
                s,
                a,
                PersonInput(
                    full_name=SECRET_NAME,
                    birth_year=1989,
                    sex="F",
                    id_number=SECRET_ID,
                    phone=SECRET_PHONE,
                    village_id=village,
                ),
            ).value.id,
            create_person(s, a, PersonInput(full_name="Lê Văn Sáu", birth_year=1955)).value.id,
            create_person(s, a, PersonInput(full_name="Phạm Thị Bảy", birth_year=1960)).value.id,
        ]
        sess = create_session(
            s,
            a,
            SessionInput(
                title="Lớp dùng VNeID",
                programme_code="elderly",
                format="class",
                starts_at=datetime(2026, 10, 5, 8, 0, tzinfo=ICT),
            ),
        ).value.id
        for pid in people[:2]:
            check_in(s, a, sess, pid, at=datetime(2026, 10, 5, 8, 5, tzinfo=ICT))
        record_skills(s, a, people[:2], ["TB01"], "practised", session_id=sess)
    return inst


def state(inst: Installation) -> dict[str, Any]:
    with inst.db.session() as s:
        return {
            "people": sorted(
                (p.id, p.full_name, p.id_number, p.phone, p.revision)
                for p in s.scalars(select(Person))
            ),
            "sessions": sorted((c.id, c.title, c.status) for c in s.scalars(select(ClassSession))),
            "attendance": sorted(
                (x.session_id, x.person_id) for x in s.scalars(select(Attendance))
            ),
        }


def modify(inst: Installation) -> None:
    a = inst.actor
    with inst.db.session(a) as s:
        p = find_by_id_number(s, SECRET_ID)
        assert p is not None
        update_person(
            s,
            a,
            p.id,
            PersonInput(full_name="Tên Đã Sửa", birth_year=1989, id_number=SECRET_ID),
            expected_revision=p.revision,
        )
        create_person(s, a, PersonInput(full_name="Người Mới Thêm", birth_year=1990))


# -- make, inspect, restore ----------------------------------------------------------------


def test_backup_then_restore_brings_back_the_backed_up_state(
    inst: Installation, tmp_path: Path, opened: list[Installation]
) -> None:
    db_path = inst.db.path
    before = state(inst)
    out = tmp_path / "usb" / "xa-duc-xuan.hvbak"
    info = make_backup(inst, out)
    assert out.exists() and not list(out.parent.glob("*.tmp"))
    assert info.schema_revision == head_revision()
    assert info.commune_code == "01840"
    assert info.counts["person"] == 3 and info.counts["attendance"] == 2
    assert info.counts["skill_record"] == 2
    assert inspect_backup(out) == info

    modify(inst)
    assert state(inst) != before
    inst.close()
    changed_db = sha(db_path)

    result = restore_backup(db_path, out, PASSWORD)
    restored = result.installation
    opened.append(restored)
    assert result.backup == info and result.migrated_from is None
    assert state(restored) == before
    with restored.db.session() as s:
        assert [p.full_name for p in search_people(s, "phuong hoang")] == [SECRET_NAME]
        assert search_people(s, "nguoi moi") == []
    assert verify(restored).ok

    # The replaced files were moved aside, not deleted.
    assert result.previous_dir is not None
    assert result.previous_dir.parent == db_path.parent / "backups"
    assert result.previous_dir.name.startswith("before-restore-")
    assert sha(result.previous_dir / "hocvuso.db") == changed_db
    assert (result.previous_dir / "hocvuso.db.keys").exists()
    assert not list(db_path.parent.glob(".restore-*"))  # staging cleaned up


def test_restore_onto_an_empty_folder(
    inst: Installation, tmp_path: Path, opened: list[Installation]
) -> None:
    before = state(inst)
    out = make_backup(inst, tmp_path / "b.hvbak").path
    new_laptop = tmp_path / "new-laptop" / "hocvuso.db"
    result = restore_backup(new_laptop, out, PASSWORD, "nguyen.van.duc")
    opened.append(result.installation)
    assert result.previous_dir is None
    assert state(result.installation) == before


def test_backup_contains_no_plaintext_personal_data(inst: Installation, tmp_path: Path) -> None:
    out = make_backup(inst, tmp_path / "b.hvbak").path
    blobs = {"zip": out.read_bytes()}
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == sorted([MANIFEST, DB_MEMBER, KEYS_MEMBER])
        for name in zf.namelist():
            blobs[name] = zf.read(name)
    assert not blobs[DB_MEMBER].startswith(b"SQLite format 3")
    secrets = [SECRET_NAME, fold(SECRET_NAME), "Phượng", SECRET_ID, SECRET_PHONE, "Thôn Đông"]
    for where, blob in blobs.items():
        for secret in secrets:
            assert secret.encode("utf-8") not in blob, (where, secret)
    manifest = json.loads(blobs[MANIFEST])
    assert set(manifest) >= {"format", "schema_revision", "commune_code", "created_at"}
    assert manifest["db_sha256"] == hashlib.sha256(blobs[DB_MEMBER]).hexdigest()


def test_wrong_password_leaves_the_current_database_untouched(
    inst: Installation, tmp_path: Path
) -> None:
    out = make_backup(inst, tmp_path / "b.hvbak").path
    modify(inst)
    inst.close()
    folder = inst.db.path.parent
    before = folder_hashes(folder)
    with pytest.raises(UserError) as exc:
        restore_backup(inst.db.path, out, "not-the-password")
    assert exc.value.code == "auth.wrong"
    assert "không bị thay đổi" in exc.value.message.vi
    assert "not changed" in exc.value.message.en
    assert folder_hashes(folder) == before


def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> None:
    """Copy a backup zip, replacing (bytes) or leaving out (None) some members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = change.get(name, zin.read(name))
            if data is not None:
                zout.writestr(name, data)


def _damage(kind: str, good: Path, bad: Path) -> None:
    raw = good.read_bytes()
    if kind == "truncated":
        bad.write_bytes(raw[: len(raw) // 2])
    elif kind == "flipped":
        with zipfile.ZipFile(good) as zf:
            zi = zf.getinfo(DB_MEMBER)
        at = zi.header_offset + 200 + zi.compress_size // 2  # inside the stored database
        bad.write_bytes(raw[:at] + bytes(b ^ 0xFF for b in raw[at : at + 16]) + raw[at + 16 :])
    elif kind == "missing_db":
        _rewrite(good, bad, {DB_MEMBER: None})
    elif kind == "missing_keys":
        _rewrite(good, bad, {KEYS_MEMBER: None})
    elif kind == "checksum":
        # A valid zip whose database is not the one the manifest describes.
        with zipfile.ZipFile(good) as zf:
            db = bytearray(zf.read(DB_MEMBER))
        db[5000] ^= 0x01
        _rewrite(good, bad, {DB_MEMBER: bytes(db)})
    elif kind == "resealed":
        # Damaged pages behind a manifest that matches them: only opening the database and
        # checking every page (cipher HMACs, integrity_check) can tell.
        with zipfile.ZipFile(good) as zf:
            db = bytearray(zf.read(DB_MEMBER))
            m = json.loads(zf.read(MANIFEST))
        db[4096 * 3 + 100 : 4096 * 3 + 116] = bytes(16)
        m["db_sha256"] = hashlib.sha256(db).hexdigest()
        _rewrite(good, bad, {DB_MEMBER: bytes(db), MANIFEST: json.dumps(m).encode()})
    elif kind == "not_zip":
        bad.write_text("Danh sách lớp học\n", encoding="utf-8")
    elif kind == "foreign_zip":
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr("notes.txt", "không phải bản sao lưu")
    elif kind == "newer":
        with zipfile.ZipFile(good) as zf:
            m = json.loads(zf.read(MANIFEST))
        m["schema_revision"] = "9999_from_the_future"
        _rewrite(good, bad, {MANIFEST: json.dumps(m).encode()})
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("truncated", "backup.damaged"),
        ("flipped", "backup.damaged"),
        ("missing_db", "backup.damaged"),
        ("missing_keys", "backup.damaged"),
        ("checksum", "backup.damaged"),
        ("resealed", "backup.damaged"),
        ("not_zip", "backup.not_backup"),
        ("foreign_zip", "backup.not_backup"),
        ("newer", "backup.newer"),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_changes(
    inst: Installation, tmp_path: Path, kind: str, code: str
) -> None:
    good = make_backup(inst, tmp_path / "good.hvbak").path
    bad = tmp_path / "bad.hvbak"
    _damage(kind, good, bad)
    if kind not in ("newer", "resealed"):  # these pass the file checks; restoring does not
        with pytest.raises(UserError) as exc:
            inspect_backup(bad)
        assert exc.value.code == code
    inst.close()
    folder = inst.db.path.parent
    before = folder_hashes(folder)
    with pytest.raises(UserError) as exc:
        restore_backup(inst.db.path, bad, PASSWORD)
    assert exc.value.code == code
    assert exc.value.message.vi and exc.value.message.en
    assert folder_hashes(folder) == before


def test_missing_backup_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        inspect_backup(tmp_path / "nowhere.hvbak")
    assert exc.value.code == "backup.missing"


# -- automatic backups ---------------------------------------------------------------------


def test_auto_backup_skips_when_recent_and_keeps_exactly_keep(inst: Installation) -> None:
    folder = inst.db.path.parent / "backups"
    folder.mkdir()
    mine = folder / "my-own-copy.hvbak"
    mine.write_bytes(b"officer's own file")
    t0 = datetime(2026, 11, 1, 7, 0, tzinfo=ICT)

    first = auto_backup(inst, keep=3, now=t0)
    assert first is not None and first.parent == folder
    assert auto_backup(inst, keep=3, now=t0 + timedelta(hours=11)) is None

    made = [first]
    for i in range(1, 6):
        p = auto_backup(inst, keep=3, now=t0 + timedelta(hours=13 * i))
        assert p is not None
        made.append(p)
    autos = sorted(p for p in folder.glob("hocvuso-auto-*.hvbak"))
    assert autos == made[-3:]
    assert mine.read_bytes() == b"officer's own file"  # not ours: never rotated away
    assert inspect_backup(autos[-1]).counts["person"] == 3

    # Two in the same second do not overwrite each other.
    again = auto_backup(inst, keep=5, min_interval=timedelta(0), now=t0 + timedelta(hours=65))
    assert again is not None and again != made[-1] and again.exists()


# -- verify --------------------------------------------------------------------------------


def _raw(inst: Installation, *sql: str) -> None:
    con = inst.db.engine.raw_connection()
    try:
        drv = con.driver_connection
        assert drv is not None
        for stmt in sql:
            drv.execute(stmt)
    finally:
        con.close()


def test_verify_reports_a_healthy_database(inst: Installation) -> None:
    report = verify(inst)
    assert report.ok and report.problems == ()
    assert report.integrity == ("ok",) and report.cipher_errors == ()
    assert report.current_revision == report.head_revision == head_revision()
    assert report.counts["person"] == 3 == report.fts_rows
    assert report.outbox_pending > 0  # nothing synced yet


def test_verify_finds_a_broken_search_index(inst: Installation) -> None:
    _raw(inst, "DELETE FROM person_fts WHERE rowid = (SELECT min(rowid) FROM person)")
    report = verify(inst)
    assert not report.ok
    assert [m.code for m in report.problems] == ["verify.search_index"]
    assert (report.fts_rows, report.fts_missing) == (2, 1)


def test_verify_finds_an_orphan_record(inst: Installation) -> None:
    _raw(
        inst,
        "PRAGMA foreign_keys = OFF",
        "UPDATE attendance SET person_id = 'no-such-person' "
        "WHERE rowid = (SELECT min(rowid) FROM attendance)",
        "PRAGMA foreign_keys = ON",
    )
    report = verify(inst)
    assert not report.ok
    assert [m.code for m in report.problems] == ["verify.foreign_keys"]
    assert report.foreign_key_violations == 1


# -- restoring a backup made by an older schema ----------------------------------------------

EXTRA_REVISION = '''"""test-only revision after head"""
from alembic import op
import sqlalchemy as sa

revision = "zz_test_after_{head}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("test_only_marker", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("test_only_marker")
'''


def test_restoring_an_older_backup_migrates_it(
    inst: Installation,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[Installation],
) -> None:
    before = state(inst)
    out = make_backup(inst, tmp_path / "old.hvbak").path
    inst.close()
    old_head = head_revision()
    # The program "gets updated": one more migration after the backup's revision.
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / f"zz_test_after_{old_head}.py").write_text(
        EXTRA_REVISION.format(head=old_head), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)

    result = restore_backup(inst.db.path, out, PASSWORD)
    opened.append(result.installation)
    assert result.migrated_from == old_head
    assert migration_state(result.installation.db) == (
        f"zz_test_after_{old_head}",
        f"zz_test_after_{old_head}",
    )
    assert state(result.installation) == before
    assert verify(result.installation).ok
