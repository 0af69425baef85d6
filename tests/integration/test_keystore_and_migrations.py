"""The key file (passwords, delays, recovery, officer slots, encryption at rest) and schema
migrations (committed snapshot upgraded to head, copy before migrating, newer DB refused)."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import migrate
from app.database import connect_raw
from app.errors import UserError
from app.installation import (
    Installation,
    init_installation,
    open_installation,
    open_with_recovery_key,
)
from app.keystore import FAST_KDF, KeyFile, delay_after
from app.migrate import head_revision, migration_state
from app.models import (
    Attendance,
    ClassSession,
    Officer,
    Person,
    SkillRecord,
    TeamMember,
    Village,
)
from app.services.directory import add_officer
from app.services.people import PersonInput, create_person, find_by_id_number, search_people
from app.services.sessions import attendees, person_progress
from app.vntext import fold

PASSWORD = "test-password-1"
OFFICER = "Nguyễn Văn Đức"
USERNAME = "nguyen.van.duc"
COMMUNE = "01840"

SNAPSHOTS = Path(__file__).resolve().parents[1] / "data" / "snapshots"
SNAPSHOT_PASSWORD = "snapshot-password-0001"  # see tests/data/make_snapshot.py
SNAPSHOT_COUNTS = {
    "village": 2,
    "person": 5,
    "class_session": 2,
    "attendance": 5,
    "skill_record": 5,
    "team_member": 1,
    "officer": 1,
}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class FakeClock:
    def __init__(self, t: float = 1_800_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A set-up installation (closed again), with one person recorded."""
    path = tmp_path / "hocvuso.db"
    inst, _ = init_installation(path, COMMUNE, OFFICER, PASSWORD, kdf=FAST_KDF)
    with inst.db.session(inst.actor) as s:
        create_person(
            s,
            inst.actor,
            PersonInput(
                full_name="Trịnh Thị Bí Mật",
                birth_year=1970,
                sex="F",
                id_number="001170654321",
                phone="0911222333",
            ),
        )
    inst.close()
    return path


@pytest.fixture
def opened() -> Iterator[list[Installation]]:
    """Installations a test opens; closed afterwards even when the test fails."""
    items: list[Installation] = []
    yield items
    for inst in items:
        inst.close()


# -- key file ------------------------------------------------------------------------------


def test_wrong_password_is_refused_and_the_database_is_unchanged(
    db_path: Path, opened: list[Installation]
) -> None:
    before = sha(db_path)
    with pytest.raises(UserError) as exc:
        open_installation(db_path, "not-the-password")
    assert exc.value.code == "auth.wrong"
    assert "Dữ liệu không bị thay đổi" in exc.value.message.vi
    with pytest.raises(UserError) as exc:
        open_installation(db_path, PASSWORD, "someone.else")
    assert exc.value.code == "auth.wrong"
    assert sha(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()
    opened.append(open_installation(db_path, PASSWORD))
    assert opened[0].officer.username == USERNAME


def test_delays_grow_after_wrong_passwords_and_reset_after_success(db_path: Path) -> None:
    clock = FakeClock()
    kf = KeyFile.for_database(db_path, clock=clock)

    def wrong() -> str:
        with pytest.raises(UserError) as exc:
            kf.unlock(USERNAME, "wrong-password")
        return exc.value.code

    assert [wrong(), wrong()] == ["auth.wrong", "auth.wrong"]
    assert kf.wait_seconds() == 0.0  # two slips cost nothing
    assert wrong() == "auth.wrong"  # the third one does
    assert kf.wait_seconds() == pytest.approx(delay_after(3)) == 1.0

    # While waiting, even the right password is not tried.
    with pytest.raises(UserError) as exc:
        kf.unlock(USERNAME, PASSWORD)
    assert exc.value.code == "auth.wait"
    assert "giây" in exc.value.message.vi

    clock.t += 1.0
    assert wrong() == "auth.wrong"
    assert kf.wait_seconds() == pytest.approx(2.0)
    clock.t += 1.0
    with pytest.raises(UserError) as exc:
        kf.unlock(USERNAME, "wrong-password")
    assert exc.value.code == "auth.wait"  # still one second to go
    clock.t += 1.0
    assert wrong() == "auth.wrong"
    assert kf.wait_seconds() == pytest.approx(4.0)

    # The delay survives a restart: a new KeyFile object reads it from the file.
    assert KeyFile.for_database(db_path, clock=clock).wait_seconds() == pytest.approx(4.0)

    clock.t += 4.0
    key, user = kf.unlock(USERNAME, PASSWORD)
    assert user == USERNAME and len(key) == 32
    assert kf.load()["failures"]["count"] == 0
    assert wrong() == "auth.wrong"
    assert kf.wait_seconds() == 0.0  # back to a fresh start


def test_recovery_key_unlocks_and_sets_a_new_password(
    tmp_path: Path, opened: list[Installation]
) -> None:
    path = tmp_path / "hocvuso.db"
    inst, recovery = init_installation(path, COMMUNE, OFFICER, PASSWORD, kdf=FAST_KDF)
    inst.close()

    with pytest.raises(UserError) as exc:
        open_with_recovery_key(path, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF", USERNAME, "new-pass-1")
    assert exc.value.code == "auth.recovery_wrong"

    # Typed from paper: lower case, spaces instead of dashes.
    typed = recovery.lower().replace("-", " ")
    inst = open_with_recovery_key(path, typed, USERNAME, "new-password-2")
    opened.append(inst)
    assert inst.officer.username == USERNAME
    inst.close()

    with pytest.raises(UserError) as exc:
        open_installation(path, PASSWORD)
    assert exc.value.code == "auth.wrong"
    again = open_installation(path, "new-password-2", USERNAME)
    opened.append(again)
    assert again.officer.full_name == OFFICER


def test_a_second_officer_has_their_own_slot(db_path: Path, opened: list[Installation]) -> None:
    admin = open_installation(db_path, PASSWORD)
    opened.append(admin)
    with admin.db.session(admin.actor) as s:
        added = add_officer(
            s, admin.actor, admin.keyfile, admin.db.key, "Trần Thị Mai", "mai-password-9"
        )
    assert added.value.username == "tran.thi.mai"
    assert sorted(admin.keyfile.users()) == ["nguyen.van.duc", "tran.thi.mai"]
    admin.close()

    mai = open_installation(db_path, "mai-password-9", "tran.thi.mai")
    opened.append(mai)
    assert (mai.officer.username, mai.officer.role) == ("tran.thi.mai", "officer")
    assert mai.actor.officer_id == mai.officer.id
    mai.close()

    # With no user name, any officer's password identifies its officer.
    anyone = open_installation(db_path, "mai-password-9")
    opened.append(anyone)
    assert anyone.officer.username == "tran.thi.mai"
    anyone.close()

    # A password only opens its own slot; the full name works as the user name too.
    with pytest.raises(UserError) as exc:
        open_installation(db_path, "mai-password-9", USERNAME)
    assert exc.value.code == "auth.wrong"
    by_name = open_installation(db_path, PASSWORD, OFFICER)
    opened.append(by_name)
    assert by_name.officer.username == USERNAME


def test_the_database_file_is_encrypted_at_rest(db_path: Path) -> None:
    raw = db_path.read_bytes()
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        raw += wal.read_bytes()
    assert not raw.startswith(b"SQLite format 3\x00")
    assert b"SQLite format 3" not in raw
    for secret in ("Trịnh Thị Bí Mật", fold("Trịnh Thị Bí Mật"), "001170654321", "0911222333"):
        assert secret.encode("utf-8") not in raw, secret
    assert b"Tr\xe1\xbb\x8bnh" not in raw  # the NFC bytes of "Trịnh"
    keys = KeyFile.for_database(db_path).path.read_bytes()
    assert b"001170654321" not in keys and "Bí Mật".encode() not in keys


# -- migrations ----------------------------------------------------------------------------


def copy_snapshot(revision: str, dest: Path) -> Path:
    src = SNAPSHOTS / f"schema-{revision}"
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("hocvuso.db", "hocvuso.db.keys"):
        shutil.copyfile(src / name, dest / name)
    return dest / "hocvuso.db"


def count_rows(inst: Installation) -> dict[str, int]:
    models = {
        "village": Village,
        "person": Person,
        "class_session": ClassSession,
        "attendance": Attendance,
        "skill_record": SkillRecord,
        "team_member": TeamMember,
        "officer": Officer,
    }
    with inst.db.session() as s:
        return {
            name: int(s.scalar(select(func.count()).select_from(m)) or 0)
            for name, m in models.items()
        }


def assert_snapshot_data(inst: Installation) -> None:
    assert count_rows(inst) == SNAPSHOT_COUNTS
    with inst.db.session() as s:
        p = find_by_id_number(s, "019158000101")
        assert p is not None
        assert (p.full_name, p.birth_year, p.sex, p.phone) == (
            "Hoàng Thị Mẫu Một",
            1958,
            "F",
            "0912000101",
        )
        assert p.village_name == "Thôn Thử Nghiệm Một"
        assert [x.full_name for x in search_people(s, "mau bon")] == ["Ngô Đức Mẫu Bốn"]
        assert [x.full_name for x in search_people(s, "0987000303")] == ["Vũ Thị Mẫu Ba"]
        assert len(search_people(s, "mẫu")) == 5
        titles = sorted(s.scalars(select(ClassSession.title)))
        assert titles == ["Buổi mẫu: thanh toán số", "Lớp mẫu: dùng VNeID"]
        vneid = s.scalars(
            select(ClassSession).where(ClassSession.title == "Lớp mẫu: dùng VNeID")
        ).one()
        assert (vneid.programme_code, vneid.format, vneid.status) == ("elderly", "class", "held")
        assert vneid.day.isoformat() == "2026-10-05"
        assert len(attendees(s, vneid.id)) == 3
        progress = {(g.skill_code, g.best_outcome) for g in person_progress(s, p.id)}
        assert progress == {("TB01", "practised"), ("TB02", "practised")}


def test_snapshot_0001_opens_at_head_with_its_data_intact(
    tmp_path: Path, opened: list[Installation]
) -> None:
    path = copy_snapshot("0001", tmp_path)
    inst = open_installation(path, SNAPSHOT_PASSWORD)
    opened.append(inst)
    assert inst.officer.username == "can.bo.thu.nghiem"
    assert migration_state(inst.db) == (head_revision(), head_revision())
    assert_snapshot_data(inst)
    copies = list((tmp_path / "backups").glob("hocvuso-before-migration-0001-*.db"))
    # A copy is made exactly when the snapshot is behind the code.
    assert len(copies) == (0 if head_revision() == "0001" else 1)


# A test-only revision after the current head. The code's head may still be 0001 (no released
# upgrade exists yet), so "behind" is made real: a copy of the migration scripts plus this
# revision, with app.migrate pointed at it. Nothing is stamped or faked in the database.
EXTRA_REVISION = '''"""test-only revision after head"""
from alembic import op
import sqlalchemy as sa

revision = "zz_test_after_{head}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("test_only_marker", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO test_only_marker (id) VALUES (42)")


def downgrade() -> None:
    op.drop_table("test_only_marker")
'''


def use_scripts_with_an_extra_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    head = head_revision()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    new = f"zz_test_after_{head}"
    (scripts / "versions" / f"{new}.py").write_text(
        EXTRA_REVISION.format(head=head), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    assert head_revision() == new
    return new


def test_a_database_behind_head_is_copied_before_it_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Installation]
) -> None:
    path = copy_snapshot("0001", tmp_path / "data")
    if head_revision() != "0001":
        # Bring the snapshot to the real head first, so the only step left is the test one.
        opened.append(open_installation(path, SNAPSHOT_PASSWORD))
        opened[-1].close()
    old_head = head_revision()
    new_head = use_scripts_with_an_extra_revision(tmp_path / "scripts", monkeypatch)
    steps: list[str] = []
    inst = open_installation(path, SNAPSHOT_PASSWORD, progress=lambda s, _f: steps.append(s))
    opened.append(inst)
    assert steps[0] == "copy" and steps[-1] == "done" and new_head in steps
    assert migration_state(inst.db) == (new_head, new_head)
    assert_snapshot_data(inst)
    with inst.db.engine.connect() as c:
        assert c.exec_driver_sql("SELECT id FROM test_only_marker").scalar() == 42

    copies = list((path.parent / "backups").glob(f"hocvuso-before-migration-{old_head}-*.db"))
    assert len(copies) == 1
    con = connect_raw(copies[0], inst.db.key)  # same key: an encrypted copy
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(old_head,)]
        assert con.execute("SELECT count(*) FROM person").fetchone()[0] == 5
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        assert "test_only_marker" not in tables
    finally:
        con.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_database_from_a_newer_version_is_refused_untouched(
    tmp_path: Path, opened: list[Installation], journal: str
) -> None:
    path = copy_snapshot("0001", tmp_path)
    key, _ = KeyFile.for_database(path).unlock(None, SNAPSHOT_PASSWORD)
    con = connect_raw(path, key)
    try:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # A database copied by hand may be in rollback-journal mode: opening it must not
        # switch it to WAL (which rewrites the header) before refusing it.
        con.execute(f"PRAGMA journal_mode = {journal}")
    finally:
        con.close()
    assert not path.with_name(path.name + "-wal").exists()
    keys = KeyFile.for_database(path).path
    before = (sha(path), sha(keys))

    with pytest.raises(UserError) as exc:
        open_installation(path, SNAPSHOT_PASSWORD)
    assert exc.value.code == "db.newer"
    assert "phiên bản hocvuso mới hơn" in exc.value.message.vi
    assert (sha(path), sha(keys)) == before
    assert not (tmp_path / "backups").exists()  # refused before any copy or change
