"""Build the committed snapshot database of schema revision 0001 with synthetic data.

Run from the project root, with the code checked out at the release whose schema is 0001:

    .venv/bin/python tests/data/make_snapshot.py

It writes tests/data/snapshots/schema-0001/hocvuso.db and hocvuso.db.keys. The database is
encrypted; the key file unlocks it with the test-only password below (fast Argon2id parameters).
Every name and number in it is made up. The test that upgrades the snapshot asserts the exact
values listed in EXPECTED, so keep the two in step if this script ever changes.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.ids import ICT  # noqa: E402
from app.installation import init_installation  # noqa: E402
from app.keystore import FAST_KDF  # noqa: E402
from app.migrate import migration_state  # noqa: E402
from app.services.directory import save_team_member, save_village  # noqa: E402
from app.services.people import PersonInput, create_person  # noqa: E402
from app.services.sessions import SessionInput, check_in, create_session, record_skills  # noqa: E402

REVISION = "0001"
PASSWORD = "snapshot-password-0001"  # test-only, never for real data
OFFICER = "Cán Bộ Thử Nghiệm"  # username "can.bo.thu.nghiem"
COMMUNE = "01840"
TARGET = Path(__file__).resolve().parent / "snapshots" / f"schema-{REVISION}"

VILLAGES = ("Thôn Thử Nghiệm Một", "Thôn Thử Nghiệm Hai")
# (full name, birth year, sex, ID number or None, phone or None, village index)
PEOPLE = (
    ("Hoàng Thị Mẫu Một", 1958, "F", "019158000101", "0912000101", 0),
    ("Đặng Văn Mẫu Hai", 1962, "M", "019062000202", None, 0),
    ("Vũ Thị Mẫu Ba", 1975, "F", None, "0987000303", 1),
    ("Ngô Đức Mẫu Bốn", 2001, "M", "019201000404", None, 1),
    ("Lý Thị Mẫu Năm", 1949, "F", None, None, None),
)
SESSIONS = (
    ("Lớp mẫu: dùng VNeID", "elderly", "class", datetime(2026, 10, 5, 8, 0, tzinfo=ICT)),
    (
        "Buổi mẫu: thanh toán số",
        "community_class",
        "community",
        datetime(2026, 10, 12, 14, 0, tzinfo=ICT),
    ),
)
# (session index, person indexes checked in)
ATTENDANCE: tuple[tuple[int, tuple[int, ...]], ...] = ((0, (0, 1, 2)), (1, (0, 3)))
# (session index, person indexes, skill codes, outcome)
SKILLS: tuple[tuple[int, tuple[int, ...], tuple[str, ...], str], ...] = (
    (0, (0, 1), ("TB01", "TB02"), "practised"),
    (1, (3,), ("TB03",), "independent"),
)

EXPECTED = {
    "village": 2,
    "person": 5,
    "class_session": 2,
    "attendance": 5,
    "skill_record": 5,
    "team_member": 1,
    "officer": 1,
}


def build(target: Path = TARGET) -> Path:
    """Create the snapshot in a scratch folder, then move the two files into `target`."""
    with tempfile.TemporaryDirectory() as td:
        db_path = Path(td) / "hocvuso.db"
        inst, _recovery = init_installation(db_path, COMMUNE, OFFICER, PASSWORD, kdf=FAST_KDF)
        try:
            actor = inst.actor
            with inst.db.session(actor) as s:
                village_ids = [save_village(s, actor, name).value.id for name in VILLAGES]
                helper = save_team_member(
                    s, actor, "Tổ Viên Thử Nghiệm", phone="0900000999", position="Tổ trưởng"
                ).value.id
                person_ids = []
                for name, year, sex, id_no, phone, vi in PEOPLE:
                    out = create_person(
                        s,
                        actor,
                        PersonInput(
                            full_name=name,
                            birth_year=year,
                            sex=sex,
                            id_number=id_no,
                            phone=phone,
                            village_id=None if vi is None else village_ids[vi],
                        ),
                    )
                    person_ids.append(out.value.id)
                session_ids = []
                for title, prog, fmt, starts in SESSIONS:
                    out_s = create_session(
                        s,
                        actor,
                        SessionInput(
                            title=title,
                            programme_code=prog,
                            format=fmt,
                            starts_at=starts,
                            place="Nhà văn hoá thôn",
                            village_id=village_ids[0],
                            target_groups=("citizen",),
                            team_member_ids=(helper,),
                        ),
                    )
                    session_ids.append(out_s.value.id)
                for si, people in ATTENDANCE:
                    for pi in people:
                        check_in(
                            s,
                            actor,
                            session_ids[si],
                            person_ids[pi],
                            "search",
                            at=SESSIONS[si][3],
                        )
                for si, people, codes, outcome in SKILLS:
                    record_skills(
                        s,
                        actor,
                        [person_ids[pi] for pi in people],
                        list(codes),
                        outcome,
                        session_id=session_ids[si],
                        helped_by=helper,
                        day=date(2026, 10, 5),
                    )
            current, _head = migration_state(inst.db)
            if current != REVISION:
                raise SystemExit(
                    f"the code's schema is {current}, not {REVISION}: check out the "
                    "release that shipped it to rebuild this snapshot"
                )
            inst.db.checkpoint()
        finally:
            inst.close()
        for extra in ("-wal", "-shm"):
            if db_path.with_name(db_path.name + extra).exists():
                raise SystemExit(f"{extra} file left behind: the snapshot would be incomplete")
        target.mkdir(parents=True, exist_ok=True)
        for name in ("hocvuso.db", "hocvuso.db.keys"):
            shutil.copyfile(Path(td) / name, target / name)
    return target


if __name__ == "__main__":
    print(f"snapshot written to {build()}")
