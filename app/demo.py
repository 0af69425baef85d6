"""Synthetic demo data for one installation: villages, team, people, a year of sessions,
attendance and skill records, realistic and deterministic for a seed, at any scale.

Rows are built as plain dicts already serialised the way the column types store them, and
written with SQLAlchemy Core executemany in a few large transactions, each record together with
its outbox row, so that demo data syncs exactly like data typed in by an officer. The ORM is
bypassed on purpose: 200,000 people with a year of records is millions of rows.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate, groupby
from typing import Any

from sqlalchemy import TableClause, column, insert, select, table

from app.ids import ICT, now, uuid7
from app.installation import Installation
from app.models import (
    Attendance,
    AuditLog,
    Base,
    ClassSession,
    Commune,
    Outbox,
    Person,
    Programme,
    Setting,
    Skill,
    SkillRecord,
    TeamMember,
    Village,
)
from app.vntext import fold, sort_key

__all__ = ["Chunk", "DemoSummary", "generate", "plan_rows"]

ProgressFn = Callable[[str, float], None]
Row = dict[str, Any]

CHUNK_ROWS = 20_000
"""Rows per executemany call: large enough to amortise the call, small enough for memory."""


@dataclass(frozen=True)
class DemoSummary:
    villages: int
    team_members: int
    people: int
    sessions: int
    attendance: int
    skill_records: int
    seconds: float


@dataclass(frozen=True)
class Chunk:
    """Rows for one table. Chunks with the same `step` are written in one transaction."""

    step: str
    done: float  # fraction of the whole job finished once this chunk is written
    table: str
    rows: list[Row]


# -- names ---------------------------------------------------------------------------------

# fmt: off

Weighted = Sequence[tuple[str, float]]

# Share of family names among the Kinh (national surveys: Nguyễn ~38%, Trần ~11%, Lê ~9.5%...).
_KINH_FAMILY: Weighted = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 4.5), ("Huỳnh", 0.5),
    ("Phan", 4.5), ("Vũ", 3.9), ("Võ", 0.5), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4),
    ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đào", 0.8), ("Đinh", 0.8),
    ("Trịnh", 0.6), ("Mai", 0.5), ("Đoàn", 0.5), ("Lương", 0.5), ("Hà", 0.6), ("Tạ", 0.3),
    ("Lưu", 0.3), ("Chu", 0.3), ("Cao", 0.3), ("Tô", 0.3), ("Phùng", 0.3), ("Kiều", 0.2),
    ("Lại", 0.2), ("Vương", 0.2), ("Giáp", 0.15), ("Nghiêm", 0.1), ("Khổng", 0.1),
    ("Quách", 0.1), ("Thân", 0.1), ("Tống", 0.1), ("Âu", 0.05), ("Ông", 0.05),
)
_ETHNIC_FAMILY: dict[str, Weighted] = {
    "Tày": (
        ("Hoàng", 18), ("Nông", 14), ("Ma", 9), ("Hà", 7), ("Lường", 3), ("Triệu", 5),
        ("Lương", 6), ("Đinh", 5), ("Nguyễn", 8), ("Lộc", 3), ("Lục", 3), ("Mông", 2),
        ("Vi", 3), ("Bế", 4), ("Hứa", 2), ("Chu", 3), ("Dương", 3), ("Lâm", 2),
    ),
    "Nùng": (
        ("Hoàng", 15), ("Nông", 12), ("Lăng", 6), ("Lý", 8), ("Vi", 6), ("Chu", 5), ("Mã", 3),
        ("Sầm", 2), ("Dương", 6), ("Lương", 5), ("Triệu", 4), ("Nguyễn", 6), ("Hà", 3),
        ("Lục", 3), ("Mạc", 2),
    ),
    "Dao": (
        ("Triệu", 25), ("Bàn", 22), ("Lý", 12), ("Đặng", 12), ("Chảo", 6), ("Phùng", 6),
        ("Hoàng", 6), ("Trương", 3), ("Tẩn", 3),
    ),
    "Mông": (
        ("Giàng", 22), ("Vàng", 18), ("Hầu", 10), ("Lý", 10), ("Sùng", 10), ("Thào", 10),
        ("Mùa", 6), ("Lầu", 5), ("Sình", 4), ("Ly", 3),
    ),
    "Sán Dìu": (
        ("Diệp", 14), ("Lam", 10), ("Trương", 10), ("Lưu", 10), ("Tằng", 6), ("Dương", 8),
        ("Hà", 6), ("Trần", 12), ("Bàn", 4), ("Lục", 4), ("Đặng", 6), ("Phạm", 6),
    ),
    "Sán Chay": (
        ("Hoàng", 15), ("Lăng", 12), ("La", 10), ("Đàm", 8), ("Trần", 10), ("Nịnh", 6),
        ("Lục", 6), ("Lý", 8), ("Triệu", 6), ("Nông", 6), ("Dương", 6),
    ),
    "Hoa": (
        ("Lý", 14), ("Lâm", 12), ("Trương", 12), ("Hứa", 8), ("Quách", 6), ("Diệp", 8),
        ("Mạc", 6), ("Tăng", 6), ("Lưu", 8), ("Hoàng", 8), ("Trần", 8),
    ),
}
# Thái Nguyên after the merger with Bắc Kạn. A few Ê Đê residents (married in, or working here)
# bring the apostrophes and hyphens of Central Highlands names (H'Hen Niê, Y-Moan Êban).
_ETHNICITY_TN: Weighted = (
    ("Kinh", 70), ("Tày", 11), ("Nùng", 5), ("Sán Dìu", 2.5), ("Dao", 3), ("Sán Chay", 2.5),
    ("Mông", 1.5), ("Hoa", 0.5), ("Ê Đê", 0.4),
)
_ETHNICITY_OTHER: Weighted = (("Kinh", 96), ("Tày", 1.5), ("Hoa", 1), ("Dao", 1), ("Ê Đê", 0.5))

_MIDDLE_M: Weighted = (
    ("Đức", 6), ("Minh", 6), ("Quang", 5), ("Hữu", 4), ("Thanh", 3), ("Công", 4), ("Xuân", 3),
    ("Ngọc", 2), ("Mạnh", 2), ("Anh", 2), ("Gia", 2), ("Hoàng", 2), ("Đình", 4), ("Trọng", 3),
    ("Bá", 2), ("Tiến", 2), ("Duy", 2), ("Quốc", 3), ("Trung", 2), ("Việt", 2), ("Khắc", 1),
    ("Thế", 2), ("Tuấn", 1), ("Hải", 1), ("Bảo", 2),
)
_MIDDLE_F: Weighted = (
    ("Thu", 5), ("Thanh", 4), ("Ngọc", 5), ("Minh", 3), ("Phương", 3), ("Hồng", 3), ("Kim", 3),
    ("Bích", 2), ("Mai", 2), ("Khánh", 2), ("Hải", 2), ("Bảo", 2), ("Diệu", 1), ("Thùy", 2),
    ("Hoài", 1), ("Quỳnh", 1), ("Lan", 1), ("Mỹ", 1), ("Tuyết", 1), ("Vân", 1), ("Thảo", 1),
)
# Both tone placements ("Hoà"/"Hòa", "Thuỷ"/"Thủy") occur in real registers; search must unify.
_GIVEN_M: Weighted = (
    ("Anh", 4), ("Bình", 3), ("Cường", 3), ("Dũng", 4), ("Duy", 2), ("Đạt", 3), ("Đức", 3),
    ("Giang", 2), ("Hải", 4), ("Hiếu", 3), ("Hoàng", 3), ("Hùng", 4), ("Huy", 3), ("Khải", 1),
    ("Khánh", 2), ("Kiên", 2), ("Lâm", 2), ("Long", 4), ("Mạnh", 3), ("Minh", 5), ("Nam", 4),
    ("Nghĩa", 2), ("Phong", 2), ("Phúc", 2), ("Quân", 3), ("Quang", 3), ("Quý", 1),
    ("Sơn", 4), ("Tài", 2), ("Thắng", 3), ("Thành", 4), ("Thịnh", 2), ("Toàn", 2),
    ("Trung", 3), ("Tuấn", 5), ("Tùng", 3), ("Việt", 2), ("Vinh", 2), ("Hưng", 3),
    ("Tiến", 2), ("Khoa", 2), ("Lộc", 2), ("Bảo", 2), ("Đăng", 1), ("Kiệt", 1), ("Hoà", 1),
    ("Hòa", 1), ("Thuỷ", 0.3), ("Chiến", 2), ("Quyết", 1), ("Tâm", 2),
)
_GIVEN_F: Weighted = (
    ("Anh", 4), ("Chi", 2), ("Dung", 3), ("Duyên", 2), ("Giang", 2), ("Hà", 4), ("Hạnh", 3),
    ("Hằng", 4), ("Hiền", 3), ("Hoa", 4), ("Hồng", 3), ("Huệ", 2), ("Hương", 5), ("Huyền", 4),
    ("Lan", 4), ("Liên", 2), ("Linh", 5), ("Loan", 2), ("Mai", 4), ("My", 2), ("Nga", 3),
    ("Ngân", 2), ("Ngọc", 3), ("Nhung", 3), ("Oanh", 2), ("Phương", 3), ("Quỳnh", 2),
    ("Tâm", 2), ("Thảo", 4), ("Thu", 3), ("Thủy", 2), ("Thuỷ", 2), ("Trang", 5), ("Tuyết", 2),
    ("Vân", 3), ("Yến", 3), ("Hòa", 1), ("Hoà", 1), ("Thoa", 2), ("Lụa", 1), ("Nhàn", 2),
    ("Vy", 2), ("Ánh", 2), ("Thúy", 1), ("Thuý", 1), ("Xuân", 2), ("Đào", 2), ("Diệp", 1),
)
_DAO_GIVEN_M: Weighted = (
    ("Phin", 2), ("Sinh", 2), ("Vần", 1), ("Quẩy", 1), ("Dào", 1), ("Chòi", 1), ("Lưu", 1),
)
_DAO_GIVEN_F: Weighted = (("Mùi", 2), ("Xuân", 1), ("Sinh", 1), ("Tỉnh", 1), ("Liều", 1))
_MONG_GIVEN_M: Weighted = (
    ("Páo", 3), ("Chứ", 2), ("Dế", 1), ("Sử", 2), ("Pó", 1), ("Nủ", 1), ("Chúa", 2), ("Lềnh", 1),
)
_MONG_GIVEN_F: Weighted = (
    ("Mỷ", 3), ("Dở", 1), ("Sua", 2), ("Pà", 1), ("Chía", 1), ("Mai", 2), ("Dung", 1),
)
_EDE_GIVEN_M: Weighted = (("Y-Moan", 1), ("Y-Tlam", 1), ("Y-Bhin", 1), ("Y-Ngông", 1))
_EDE_GIVEN_F: Weighted = (("H'Hen", 1), ("H'Bia", 1), ("H'Nga", 1), ("H'Yâm", 1), ("H'Luy", 1))
_EDE_CLAN: Weighted = (
    ("Niê", 4), ("Mlô", 2), ("Êban", 2), ("Ayŭn", 1), ("Kbuôr", 1), ("Byă", 1), ("Niê Kdăm", 1),
)
_DISABILITIES: Weighted = (
    ("Khuyết tật vận động", 5), ("Khuyết tật nhìn", 2), ("Khuyết tật nghe, nói", 2),
    ("Khuyết tật trí tuệ", 1),
)

# Population of Vietnam by five-year band (percent), from age 6: learners, not infants.
_AGE_BANDS: Sequence[tuple[tuple[int, int], float]] = (
    ((6, 9), 6.4), ((10, 14), 7.8), ((15, 19), 7.0), ((20, 24), 6.5), ((25, 29), 7.3),
    ((30, 34), 8.0), ((35, 39), 8.0), ((40, 44), 7.3), ((45, 49), 6.6), ((50, 54), 6.0),
    ((55, 59), 5.3), ((60, 64), 4.5), ((65, 69), 3.6), ((70, 74), 2.4), ((75, 79), 1.5),
    ((80, 84), 1.0), ((85, 94), 0.8),
)

# Mobile prefixes in use since the 2018 renumbering (Viettel 03x, Vietnamobile 05x, ...).
_PHONE_PREFIXES = (
    "032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "059", "070", "076",
    "077", "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090", "091",
    "092", "093", "094", "096", "097", "098", "099",
)

# -- villages and team -----------------------------------------------------------------------

_THON = (
    "Bản Cái", "Nà Mòn", "Làng Mới", "Đồng Tâm", "Tân Lập", "Khuôn Thê", "Nà Lẹng", "Phố Hích",
    "Cây Thị", "Đồng Kem", "Bình Sơn", "Hòa Bình", "Làng Chàng", "Nà Pài", "Khe Mo", "Đồng Bài",
    "Tiền Phong", "Quyết Thắng", "Thác Riềng", "Đèo Khế",
)
_BAN = ("Khuổi Ổ", "Nà Hin", "Pác Nặm", "Khau Đấng", "Cốc Lót", "Nặm Dất", "Nà Làng", "Khuổi Mạn")
_XOM = ("Na Mao", "Gốc Gạo", "Đồng Chùa", "Bãi Phẳng", "Làng Thượng", "Làng Hạ", "Đồng Mỏ")
_TDP = (
    "Đồng Tâm", "Tân Thịnh", "Tân Lập", "Phố Cũ", "Quang Trung", "Minh Khai", "Đức Xuân",
    "Bắc Sơn", "Phùng Chí Kiên", "Nguyễn Thị Minh Khai", "Sông Cầu", "Trường Chinh",
)
_POSITIONS = (
    ("Trưởng thôn", "Thôn"), ("Công chức Văn hoá - Xã hội", "UBND xã"),
    ("Bí thư Chi đoàn", "Đoàn Thanh niên"), ("Hội viên", "Hội Liên hiệp Phụ nữ"),
    ("Cán bộ", "Công an xã"), ("Giáo viên", "Trường THCS"), ("Nhân viên", "Bưu điện văn hoá xã"),
    ("Kỹ thuật viên", "Viettel"), ("Kỹ thuật viên", "VNPT"), ("Đoàn viên", "Đoàn Thanh niên"),
    ("Chi hội trưởng", "Hội Nông dân"), ("Công chức Tư pháp - Hộ tịch", "UBND xã"),
    ("Nhân viên", "Ngân hàng Agribank"), ("Cán bộ", "Hội Người cao tuổi"),
    ("Sinh viên tình nguyện", "Đoàn Thanh niên"),
)

# -- programmes ------------------------------------------------------------------------------

# Skills each programme teaches, as catalogue code prefixes (exact codes also allowed).
_PROGRAMME_SKILLS: dict[str, tuple[str, ...]] = {
    "community_class": ("TB", "TI", "GT", "AT01", "DD01", "DVC01"),
    "elderly": ("YT", "AT", "DVC", "TT02", "GT01"),
    "disability": ("TB", "GT", "TI", "DD01", "DD02"),
    "ai_for_all": ("AI",),
    "digital_market": ("TM", "TT"),
    "digital_identity": ("DD", "TT01"),
    "digital_family": ("AT06", "AT01", "AT04", "GT"),
    "digital_ambassador": ("DD", "DVC", "GT03", "AI01"),
    "door_to_door": ("DD", "DVC", "YT01", "TT01", "TT02"),
    "civil_servants": ("DVC", "AT", "AI", "TI"),
    "students": ("AT", "AI", "TI", "GT03"),
    "workers": ("TT", "AT", "DVC", "AI02"),
    "team_training": ("DD", "DVC", "AI", "GT03"),
}
_GENERIC_SKILLS = ("TB", "TI", "GT", "AT")
# Relative number of group sessions per programme; door-to-door help is home visits only.
_PROGRAMME_WEIGHT: dict[str, float] = {
    "community_class": 20, "digital_identity": 18, "elderly": 10, "digital_market": 10,
    "ai_for_all": 8, "students": 8, "workers": 6, "civil_servants": 5, "digital_family": 5,
    "disability": 3, "digital_ambassador": 3, "team_training": 1, "door_to_door": 0,
}
_FORMATS: dict[str, Weighted] = {
    "community_class": (("community", 7), ("class", 3)),
    "digital_identity": (("class", 5), ("community", 5)),
    "digital_market": (("class", 7), ("community", 3)),
    "digital_family": (("community", 8), ("class", 2)),
    "ai_for_all": (("class", 6), ("online", 4)),
    "civil_servants": (("class", 5), ("online", 5)),
    "workers": (("class", 7), ("online", 3)),
    "team_training": (("class", 5), ("online", 5)),
    "digital_ambassador": (("class", 7), ("online", 3)),
}
# Programmes whose classes gather the whole commune rather than one village.
_COMMUNE_WIDE = frozenset({"civil_servants", "workers", "disability", "team_training"})
_SESSION_GROUPS: dict[str, list[str]] = {
    "students": ["student"], "civil_servants": ["public_servant"],
    "team_training": ["public_servant"], "workers": ["worker"],
    "digital_ambassador": ["student", "citizen"], "ai_for_all": ["citizen", "student"],
}
_OUTCOMES = ("introduced", "practised", "independent")  # ranks 0, 1, 2 as in app.vocab
_METHODS: Weighted = (("card", 35), ("id_card", 20), ("search", 25), ("sheet", 15), ("manual", 5))
_HOME_PROGRAMMES: Weighted = (("door_to_door", 7), ("digital_identity", 2), ("elderly", 1))

# fmt: on


def _eligible(programme: str, age: int, group: str, disabled: bool) -> bool:
    if programme == "elderly":
        return age >= 60
    if programme == "students":
        return group == "student"
    if programme in ("civil_servants", "team_training"):
        return group == "public_servant"
    if programme == "workers":
        return group == "worker"
    if programme == "disability":
        return disabled
    if programme == "digital_identity":
        return age >= 14
    if programme == "digital_market":
        return 18 <= age <= 70 and group in ("citizen", "worker")
    if programme == "digital_ambassador":
        return 15 <= age <= 40
    return age >= 12


# -- serialisation, exactly as the column types store values -------------------------------


def _ts(d: datetime) -> str:
    return d.isoformat(timespec="microseconds")  # AwareDateTime


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ICT)


def _columns(model: type[Any]) -> tuple[str, ...]:
    return tuple(c.name for c in model.__table__.columns if c.name != "seq")


_TABLES: dict[str, type[Any]] = {
    m.__tablename__: m
    for m in (Village, TeamMember, Person, ClassSession, Attendance, SkillRecord, Outbox)
}
COLUMNS: dict[str, tuple[str, ...]] = {name: _columns(m) for name, m in _TABLES.items()}
"""Every column each builder fills (the outbox's autoincrement `seq` is left to SQLite)."""


def plain_table(name: str) -> TableClause:
    """An untyped Core table for `name`: values arrive serialised, so no per-value bind
    processing runs over millions of rows."""
    return table(name, *(column(c) for c in COLUMNS[name]))


def _pick(rng: random.Random, items: Weighted) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


class _Picker:
    """Weighted choice with precomputed cumulative weights (called hundreds of thousands of
    times)."""

    def __init__(self, items: Weighted) -> None:
        self.values = [v for v, _ in items]
        self.cum = list(accumulate(w for _, w in items))

    def __call__(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum)[0]


@dataclass
class _Pool:
    members: list[int]
    cum: list[float]


@dataclass
class _Sess:
    id: str
    programme: str
    format: str
    start: datetime
    minutes: int
    village: int  # index, or -1 for commune-wide / online
    status: str
    skills: list[str]
    team: list[str]
    size: int
    home_person: int = -1
    groups: list[str] = field(default_factory=list)


class _Builder:
    """Draws the whole commune from one random stream and yields it as chunks of rows."""

    def __init__(
        self,
        *,
        people: int,
        seed: int,
        today: date,
        commune_code: str,
        commune_name: str,
        commune_kind: str,
        province_code: str,
        device_id: str,
        officer_id: str | None,
        programmes: list[tuple[str, str]],
        skills: list[str],
    ) -> None:
        if people < 1:
            raise ValueError("people must be at least 1")
        self.n = people
        self.rng = random.Random(seed)
        self.today = today
        self.commune_code = commune_code
        self.commune_name = commune_name
        self.urban = "phường" in commune_kind.lower() or "phuong" in fold(commune_kind)
        self.tn = province_code == "19"
        self.device_id = device_id
        self.officer_id = officer_id
        self.programmes = programmes
        self.programme_names = dict(programmes)
        self.skills = skills
        self.start_day = today - timedelta(days=365)
        self.id_provinces: Weighted = (
            (("019", 85), ("006", 15)) if self.tn else ((f"0{province_code}", 90), ("001", 10))
        )
        self.counts: dict[str, int] = {}
        self._pickers: dict[str, _Picker] = {}
        self.ids: set[str] = set()
        self.phones: set[str] = set()
        # Per person, filled in stages; parallel lists keep 200,000 people compact.
        self.pid: list[str] = []
        self.village: list[int] = []
        self.age: list[int] = []
        self.group: list[str] = []
        self.disabled: list[bool] = []
        self.has_id: list[bool] = []
        self.engagement: list[float] = []
        self.progress_state: dict[int, int] = {}
        self.skill_index = {c: i for i, c in enumerate(skills)}
        self.pools: dict[tuple[str, int], _Pool] = {}
        self.by_village: list[list[int]] = []
        self.home = _Pool([], [])
        self.village_ids: list[str] = []
        self.village_names: list[str] = []
        self.team_ids: list[str] = []

    # -- helpers --------------------------------------------------------------------------

    def pick(self, key: str, items: Weighted) -> str:
        p = self._pickers.get(key)
        if p is None:
            p = self._pickers[key] = _Picker(items)
        return p(self.rng)

    def stamp(self, at: datetime) -> Row:
        ts = _ts(at)
        return {
            "id": uuid7(),
            "commune_code": self.commune_code,
            "created_at": ts,
            "updated_at": ts,
            "revision": 1,
            "device_id": self.device_id,
            "officer_id": self.officer_id,
            "deleted_at": None,
        }

    def chunks(self, step: str, done: float, tbl: str, rows: list[Row]) -> Iterator[Chunk]:
        """Rows of a synced table in chunks, each followed by its outbox rows."""
        entity = _TABLES[tbl].__entity__
        self.counts[tbl] = self.counts.get(tbl, 0) + len(rows)
        for i in range(0, len(rows), CHUNK_ROWS):
            part = rows[i : i + CHUNK_ROWS]
            yield Chunk(step, done, tbl, part)
            yield Chunk(
                step,
                done,
                "outbox",
                [
                    {
                        "entity": entity,
                        "record_id": r["id"],
                        "revision": 1,
                        "op": "upsert",
                        "queued_at": r["updated_at"],
                        "state": "pending",
                        "batch_id": None,
                        "attempts": 0,
                        "last_error": None,
                    }
                    for r in part
                ],
            )

    def phone(self) -> str:
        while True:
            p = self.rng.choice(_PHONE_PREFIXES) + f"{self.rng.randrange(10_000_000):07d}"
            if p not in self.phones:
                self.phones.add(p)
                return p

    def id_number(self, year: int, sex: str) -> str:
        century = (year // 100 - 19) * 2 + (1 if sex == "F" else 0)
        head = f"{self.pick('idprov', self.id_provinces)}{century}{year % 100:02d}"
        while True:
            n = head + f"{self.rng.randrange(1_000_000):06d}"
            if n not in self.ids:
                self.ids.add(n)
                return n

    def name(self, ethnicity: str, sex: str, age: int) -> str:
        rng = self.rng
        male = sex == "M"
        if ethnicity == "Ê Đê":
            given = self.pick("ede" + sex, _EDE_GIVEN_M if male else _EDE_GIVEN_F)
            return f"{given} {self.pick('edeclan', _EDE_CLAN)}"
        family = self.pick("fam" + ethnicity, _ETHNIC_FAMILY.get(ethnicity, _KINH_FAMILY))
        if ethnicity == "Mông":
            given = self.pick("mong" + sex, _MONG_GIVEN_M if male else _MONG_GIVEN_F)
            middle = ("A" if rng.random() < 0.7 else "Seo") if male else "Thị"
            return f"{family} {middle} {given}"
        # Older people mostly carry the classic Văn / Thị; the young far less often.
        classic = rng.random() < (0.75 if age >= 45 else 0.45 if age >= 25 else 0.25)
        if ethnicity in ("Tày", "Nùng", "Dao", "Sán Chay", "Sán Dìu"):
            classic = classic or rng.random() < 0.4
        if male:
            middle = "Văn" if classic else self.pick("midM", _MIDDLE_M)
        else:
            middle = "Thị" if classic else self.pick("midF", _MIDDLE_F)
        if ethnicity == "Dao" and rng.random() < 0.4:
            given = self.pick("dao" + sex, _DAO_GIVEN_M if male else _DAO_GIVEN_F)
        else:
            given = self.pick("given" + sex, _GIVEN_M if male else _GIVEN_F)
        words = [family, middle]
        r = rng.random()
        if r < 0.015:
            # Father's and mother's family names, then two middle names: five words.
            words = [family, self.pick("famKinh", _KINH_FAMILY), middle]
            words.append(self.pick("mid" + sex, _MIDDLE_M if male else _MIDDLE_F))
        elif r < (0.10 if male else 0.22):
            second = self.pick("mid" + sex, _MIDDLE_M if male else _MIDDLE_F)
            if second != middle:
                words.append(second)
        if words[-1] == given:
            words[-1] = "Văn" if male else "Thị"
        return " ".join([*words, given])

    # -- the commune ------------------------------------------------------------------------

    def draw_people(self) -> None:
        """Demographics first: village populations must be known before any row is written."""
        rng = self.rng
        bands = [b for b, _ in _AGE_BANDS]
        band_cum = list(accumulate(w for _, w in _AGE_BANDS))
        n_villages = self.n_villages
        weights = [rng.uniform(0.5, 2.0) for _ in range(n_villages)]
        village_cum = list(accumulate(weights))
        village_idx = list(range(n_villages))
        self.by_village = [[] for _ in range(n_villages)]
        for i in range(self.n):
            lo, hi = rng.choices(bands, cum_weights=band_cum)[0]
            age = rng.randint(lo, hi)
            self.age.append(age)
            v = -1 if rng.random() < 0.03 else rng.choices(village_idx, cum_weights=village_cum)[0]
            self.village.append(v)
            if v >= 0:
                self.by_village[v].append(i)
            self.engagement.append(
                rng.choices((0.15, 1.0, 3.0, 8.0), cum_weights=(30, 70, 92, 100))[0]
            )

    @property
    def n_villages(self) -> int:
        base = 8 + 3.2 * math.log10(max(1.0, self.n / 100))
        return max(8, min(25, round(base)))

    def villages(self) -> list[Row]:
        rng = self.rng
        n = self.n_villages
        adults = [0] * n
        for v, a in zip(self.village, self.age, strict=True):
            if v >= 0 and a >= 18:
                adults[v] += 1
        names: list[tuple[str, str]] = []
        seen: set[str] = set()
        kinds: Weighted = (
            (("to_dan_pho", 8), ("thon", 1), ("xom", 1))
            if self.urban
            else (("thon", 5), ("xom", 3), ("ban", 2), ("to_dan_pho", 1))
        )
        numbered = 0
        while len(names) < n:
            kind = _pick(rng, kinds)
            if kind == "thon":
                nm = "Thôn " + rng.choice(_THON)
            elif kind == "ban":
                nm = "Bản " + rng.choice(_BAN)
            elif kind == "xom":
                if rng.random() < 0.5:
                    numbered += 1
                    nm = f"Xóm {numbered}"
                else:
                    nm = "Xóm " + rng.choice(_XOM)
            elif rng.random() < 0.4:
                numbered += 1
                nm = f"Tổ dân phố {numbered}"
            else:
                nm = "Tổ dân phố " + rng.choice(_TDP)
            if fold(nm) in seen:
                continue
            seen.add(fold(nm))
            names.append((nm, kind))
        self.village_names = [nm for nm, _ in names]
        at = _at(self.start_day - timedelta(days=120), 9)
        rows: list[Row] = []
        for (nm, kind), a in zip(names, adults, strict=True):
            row = self.stamp(at)
            # The register holds only the people already helped: the real population is larger.
            pop = round(a * rng.uniform(1.15, 1.7)) + rng.randint(20, 120)
            row.update(name=nm, kind=kind, adult_population=pop, search_key=fold(nm))
            rows.append(row)
            self.village_ids.append(row["id"])
        return rows

    def team(self) -> list[Row]:
        rng = self.rng
        n = max(6, min(15, round(6 + 2 * math.log10(max(1.0, self.n / 50)) + rng.random() * 2)))
        at = _at(self.start_day - timedelta(days=100), 10)
        rows: list[Row] = []
        for _ in range(n):
            sex = "M" if rng.random() < 0.55 else "F"
            full = self.name("Kinh" if rng.random() < 0.75 else "Tày", sex, rng.randint(20, 55))
            position, org = rng.choice(_POSITIONS)
            row = self.stamp(at)
            row.update(
                full_name=full,
                search_key=fold(full),
                phone=self.phone(),
                position=position,
                organisation=org,
                village_id=rng.choice(self.village_ids),
                active=1 if rng.random() < 0.93 else 0,
            )
            rows.append(row)
        self.team_ids = [r["id"] for r in rows if r["active"]] or [rows[0]["id"]]
        return rows

    def person_rows(self, start: int, stop: int) -> list[Row]:
        rng = self.rng
        today = self.today
        ethnic_mix = _ETHNICITY_TN if self.tn else _ETHNICITY_OTHER
        rows: list[Row] = []
        for i in range(start, stop):
            age = self.age[i]
            sex = "M" if rng.random() < 0.49 else "F"
            ethnicity = self.pick("eth", ethnic_mix)
            full = self.name(ethnicity, sex, age)
            # Age at today; the birthday may or may not have passed this year.
            birth = today - timedelta(days=365 * age + rng.randint(0, 364))
            birth_year: int | None = birth.year
            r = rng.random()
            adult = age >= 18
            has_id = r < (0.85 if adult else 0.3)
            birth_date: date | None = (
                birth if (has_id and r < 0.82) or rng.random() < 0.55 else None
            )
            if not has_id and birth_date is None and rng.random() < 0.05:
                birth_year = None  # "about seventy": nobody knows the year
            group = "citizen"
            g = rng.random()
            if age < 18:
                group = "student"
            elif age <= 22:
                group = "student" if g < 0.55 else "worker" if g < 0.75 else "citizen"
            elif age < 60:
                group = "public_servant" if g < 0.06 else "worker" if g < 0.27 else "citizen"
            elif age <= 62 and g < 0.03:
                group = "public_servant"
            phone_share = 0.0 if age < 12 else 0.4 if age < 18 else 0.9 if age < 70 else 0.55
            phone = self.phone() if rng.random() < phone_share else None
            disability = (
                self.pick("dis", _DISABILITIES)
                if rng.random() < (0.06 if age >= 60 else 0.025)
                else None
            )
            minority = ethnicity != "Kinh"
            record_eth = rng.random() < (0.5 if minority else 0.25)
            if disability is not None and rng.random() < 0.35:
                disability = None  # not disclosed: the person did not consent
            row = self.stamp(_at(self.start_day - timedelta(days=rng.randint(1, 90)), 8))
            consent = record_eth or disability is not None
            under16 = birth_year is not None and today.year - birth_year < 16
            id_number = self.id_number(birth.year, sex) if has_id and birth_year else None
            row.update(
                full_name=full,
                search_key=fold(full),
                sort_key=sort_key(full),
                birth_date=birth_date.isoformat() if birth_date else None,
                birth_year=birth_year,
                sex=sex,
                id_number=id_number,
                phone=phone,
                village_id=self.village_ids[self.village[i]] if self.village[i] >= 0 else None,
                target_group=group,
                ethnicity=ethnicity if record_eth else None,
                disability=disability,
                consent_at=row["created_at"] if consent else None,
                consent_by=self.officer_id if consent else None,
                guardian_consent=1 if consent and under16 else 0,
                notes="",
                merged_into_id=None,
            )
            rows.append(row)
            self.pid.append(row["id"])
            self.group.append(group)
            self.disabled.append(disability is not None)
            self.has_id.append(id_number is not None)
        return rows

    # -- activity -----------------------------------------------------------------------------

    def pool(self, programme: str, village: int) -> _Pool:
        """Who may come to this programme's sessions in this village (-1: the whole commune),
        weighted by how keen each person is, so that regulars come back and progress."""
        key = (programme, village)
        p = self.pools.get(key)
        if p is None:
            base = self.by_village[village] if village >= 0 else range(self.n)
            members = [
                i
                for i in base
                if _eligible(programme, self.age[i], self.group[i], self.disabled[i])
            ]
            p = self.pools[key] = _Pool(
                members, list(accumulate(self.engagement[i] for i in members))
            )
        return p

    def attendees(self, pool: _Pool, k: int) -> list[int]:
        if k >= len(pool.members):
            return list(pool.members)
        drawn = self.rng.choices(pool.members, cum_weights=pool.cum, k=k + k // 2 + 2)
        chosen = dict.fromkeys(drawn)
        while len(chosen) < k:
            chosen[self.rng.choice(pool.members)] = None
        return list(chosen)[:k]

    def programme_skills(self, programme: str) -> list[str]:
        prefixes = _PROGRAMME_SKILLS.get(programme, _GENERIC_SKILLS)
        out = [c for c in self.skills if any(c.startswith(p) for p in prefixes)]
        return out or self.skills[:4]

    def window_sessions(self, first: date, last: date, future: bool) -> list[_Sess]:
        """Group sessions and home visits with a day in [first, last]."""
        rng = self.rng
        days = (last - first).days + 1
        month_share = days / 30.4
        seasonal = 0.6 if first.month in (1, 2) and last.month in (1, 2, 3) else 1.0
        if first.month in (9, 10, 11):
            seasonal = 1.15
        n_group = self.n * month_share * seasonal / 150
        n_group_i = int(n_group) + (rng.random() < n_group - int(n_group))
        n_home = 0 if future else self.n * month_share * seasonal / 100
        n_home_i = int(n_home) + (rng.random() < n_home - int(n_home))
        progs = [(c, _PROGRAMME_WEIGHT.get(c, 2.0)) for c, _ in self.programmes]
        progs = [(c, w) for c, w in progs if w > 0] or [(self.programmes[0][0], 1.0)]
        out: list[_Sess] = []
        for _ in range(max(1 if not future else 0, n_group_i)):
            programme = self.pick("prog", progs)
            fmt = _pick(rng, _FORMATS.get(programme, (("class", 1),)))
            village = -1
            if fmt != "online" and programme not in _COMMUNE_WIDE and self.village_ids:
                village = rng.randrange(self.n_villages)
                if len(self.pool(programme, village).members) < 5:
                    village = -1
            if len(self.pool(programme, village).members) < 3:
                programme, fmt = "community_class", "community"
                if programme not in self.programme_names:
                    programme = self.programmes[0][0]
            day = first + timedelta(days=rng.randrange(days))
            if fmt == "community" or day.weekday() >= 5:
                hour, minute = rng.choice(((19, 30), (8, 0), (14, 0)))
            else:
                hour, minute = rng.choice(((8, 0), (14, 0), (14, 30), (19, 30)))
            if fmt == "community":
                size = rng.randint(20, 60)
            elif fmt == "online":
                size = rng.randint(10, 50)
            else:
                size = round(rng.triangular(15, 40, 25))
            catalogue = self.programme_skills(programme)
            k = min(len(catalogue), rng.randint(2, 4))
            planned = sorted(rng.sample(catalogue, k), key=self.skill_index.__getitem__)
            team = rng.sample(self.team_ids, min(len(self.team_ids), rng.randint(1, 3)))
            status = "planned" if future else "cancelled" if rng.random() < 0.04 else "held"
            out.append(
                _Sess(
                    id="",
                    programme=programme,
                    format=fmt,
                    start=_at(day, hour, minute),
                    minutes=rng.choice((90, 120, 120, 150)),
                    village=village,
                    status=status,
                    skills=planned,
                    team=team,
                    size=size,
                    groups=list(_SESSION_GROUPS.get(programme, ["citizen"])),
                )
            )
        for _ in range(n_home_i):
            if not self.home.members:
                break
            person = self.attendees(self.home, 1)[0]
            programme = self.pick("homeprog", _HOME_PROGRAMMES)
            if programme not in self.programme_names:
                programme = self.programmes[0][0]
            catalogue = self.programme_skills(programme)
            planned = sorted(
                rng.sample(catalogue, min(len(catalogue), rng.randint(1, 2))),
                key=self.skill_index.__getitem__,
            )
            day = first + timedelta(days=rng.randrange(days))
            out.append(
                _Sess(
                    id="",
                    programme=programme,
                    format="home_visit",
                    start=_at(day, rng.choice((7, 9, 10, 15, 16, 17, 18)), rng.choice((0, 30))),
                    minutes=30,
                    village=self.village[person],
                    status="held",
                    skills=planned,
                    team=[rng.choice(self.team_ids)],
                    size=1,
                    home_person=person,
                    groups=[self.group[person]],
                )
            )
        out.sort(key=lambda s: s.start)
        return out

    def outcome(self, person: int, skill: str, one_to_one: bool) -> str:
        key = person * 256 + self.skill_index[skill]
        prev = self.progress_state.get(key)
        r = self.rng.random()
        if prev is None:
            new = 0 if r < 0.72 else 1 if r < 0.95 else 2
        elif r < 0.03 and prev > 0:
            new = prev - 1  # forgot since last time
        elif r < (0.25 if one_to_one else 0.4):
            new = prev
        elif r < 0.92:
            new = min(2, prev + 1)
        else:
            new = 2
        self.progress_state[key] = new
        return _OUTCOMES[new]

    def activity(self, sessions: list[_Sess]) -> tuple[list[Row], list[Row], list[Row]]:
        rng = self.rng
        srows: list[Row] = []
        arows: list[Row] = []
        krows: list[Row] = []
        for s in sessions:
            created = min(
                s.start - timedelta(days=rng.randint(2, 14)), _at(self.today, 7, rng.randint(0, 59))
            )
            if s.format == "home_visit":
                created = s.start + timedelta(minutes=s.minutes)
            row = self.stamp(created)
            s.id = row["id"]
            vname = self.village_names[s.village] if s.village >= 0 else None
            pname = self.programme_names[s.programme]
            if s.format == "home_visit":
                title, place = "Hướng dẫn tại nhà", "Tại nhà người dân"
            elif s.format == "online":
                title, place = f"{pname} (trực tuyến)", "Nhóm Zalo / Google Meet"
            elif vname is not None:
                title, place = f"{pname} – {vname}", f"Nhà văn hoá {vname}"
            else:
                title, place = f"{pname} – toàn xã", f"Hội trường UBND {self.commune_name}"
            row.update(
                title=title,
                programme_code=s.programme,
                format=s.format,
                starts_at=_ts(s.start),
                ends_at=_ts(s.start + timedelta(minutes=s.minutes)),
                day=s.start.date().isoformat(),
                place=place,
                village_id=self.village_ids[s.village] if s.village >= 0 else None,
                status=s.status,
                target_groups=json.dumps(s.groups, ensure_ascii=False),
                planned_skills=json.dumps(s.skills, ensure_ascii=False),
                team_member_ids=json.dumps(s.team, ensure_ascii=False),
                notes="",
                copied_from_id=None,
            )
            srows.append(row)
            if s.status != "held":
                continue
            if s.home_person >= 0:
                people = [s.home_person]
            else:
                people = self.attendees(self.pool(s.programme, s.village), s.size)
            day = row["day"]
            end = s.start + timedelta(minutes=s.minutes)
            one_to_one = s.format == "home_visit"
            for p in people:
                if one_to_one:
                    method = "manual"
                elif s.format == "online":
                    method = "sheet" if rng.random() < 0.6 else "manual"
                else:
                    method = self.pick("method", _METHODS)
                    if method == "id_card" and not self.has_id[p]:
                        method = "search"
                at = s.start + timedelta(minutes=rng.randint(-20, 25))
                a = self.stamp(at + timedelta(days=1) if method == "sheet" else at)
                a.update(
                    session_id=s.id,
                    person_id=self.pid[p],
                    checked_in_at=_ts(at),
                    day=day,
                    method=method,
                    target_group=self.group[p],
                )
                arows.append(a)
                learnt = [c for c in s.skills if rng.random() < 0.6] or [rng.choice(s.skills)]
                for code in learnt:
                    k = self.stamp(end)
                    k.update(
                        person_id=self.pid[p],
                        skill_code=code,
                        session_id=s.id,
                        outcome=self.outcome(p, code, one_to_one),
                        helped_by=rng.choice(s.team),
                        day=day,
                        target_group=self.group[p],
                        note="",
                    )
                    krows.append(k)
        return srows, arows, krows

    def home_pool(self) -> _Pool:
        members = [i for i in range(self.n) if self.age[i] >= 16]
        weights = [
            (3.0 if self.age[i] >= 60 else 1.0) * (3.0 if self.disabled[i] else 1.0)
            for i in members
        ]
        return _Pool(members, list(accumulate(weights)))

    # -- the whole job ------------------------------------------------------------------------

    def run(self) -> Iterator[Chunk]:
        self.draw_people()
        yield from self.chunks("villages", 0.01, "village", self.villages())
        yield from self.chunks("villages", 0.01, "team_member", self.team())
        people_share = 0.2
        for start in range(0, self.n, CHUNK_ROWS):
            stop = min(self.n, start + CHUNK_ROWS)
            done = 0.01 + people_share * stop / self.n
            yield from self.chunks("people", done, "person", self.person_rows(start, stop))
        self.home = self.home_pool()
        months = 12
        edges = [self.start_day + timedelta(days=round(365 * i / months)) for i in range(13)]
        for i in range(months):
            first, last = edges[i], edges[i + 1] - timedelta(days=1)
            step = f"activity {first.isoformat()[:7]}"
            done = 0.01 + people_share + (0.97 - people_share) * (i + 1) / months
            s, a, k = self.activity(self.window_sessions(first, last, future=False))
            yield from self.chunks(step, done, "class_session", s)
            yield from self.chunks(step, done, "attendance", a)
            yield from self.chunks(step, done, "skill_record", k)
        planned = self.window_sessions(self.today, self.today + timedelta(days=30), future=True)
        s, a, k = self.activity(planned)
        yield from self.chunks("planned", 1.0, "class_session", s)


def _builder(inst: Installation, people: int, seed: int, today: date) -> _Builder:
    with inst.db.engine.connect() as conn:
        commune = conn.execute(
            select(Commune.name, Commune.kind, Commune.province_code).where(
                Commune.code == inst.actor.commune_code
            )
        ).first()
        province = conn.execute(
            select(Setting.value).where(Setting.key == "province_code")
        ).scalar()
        programmes = [
            (str(c), str(n))
            for c, n in conn.execute(
                select(Programme.code, Programme.name_vi)
                .where(Programme.active)
                .order_by(Programme.sort, Programme.code)
            )
        ]
        skills = [
            str(c)
            for c in conn.execute(
                select(Skill.code).where(Skill.active).order_by(Skill.sort, Skill.code)
            ).scalars()
        ]
    if not programmes or not skills:
        raise RuntimeError("the installation has no programmes or skills: reference data missing")
    return _Builder(
        people=people,
        seed=seed,
        today=today,
        commune_code=inst.actor.commune_code,
        commune_name=commune.name if commune else inst.commune_name,
        commune_kind=commune.kind if commune else "xã",
        province_code=str(province or (commune.province_code if commune else "19")),
        device_id=inst.actor.device_id,
        officer_id=inst.actor.officer_id,
        programmes=programmes,
        skills=skills,
    )


def plan_rows(
    inst: Installation, people: int, seed: int = 1, *, today: date | None = None
) -> Iterator[Chunk]:
    """The rows `generate` writes, in order, without writing them (benchmarks reuse this)."""
    return _builder(inst, people, seed, today or now().date()).run()


def generate(
    inst: Installation,
    people: int,
    seed: int = 1,
    *,
    today: date | None = None,
    progress: ProgressFn | None = None,
) -> DemoSummary:
    """Fill the installation with a synthetic commune of `people` people and a year of work
    ending at `today`. The same seed (and today) gives the same data, except for record ids."""
    t0 = time.perf_counter()
    counts: dict[str, int] = {}
    tables = {name: plain_table(name) for name in COLUMNS}
    checked: set[str] = set()
    chunks = plan_rows(inst, people, seed, today=today)
    for step, group in groupby(chunks, key=lambda c: c.step):
        with inst.db.engine.begin() as conn:
            for chunk in group:
                if not chunk.rows:
                    continue
                if chunk.table not in checked:
                    _check_columns(chunk)
                    checked.add(chunk.table)
                conn.execute(insert(tables[chunk.table]), chunk.rows)
                counts[chunk.table] = counts.get(chunk.table, 0) + len(chunk.rows)
                if progress:
                    progress(step, chunk.done)
    with inst.db.engine.begin() as conn:
        conn.execute(
            insert(AuditLog),
            {
                "id": uuid7(),
                "at": now(),
                "officer_id": inst.actor.officer_id,
                "action": "demo.generate",
                "entity": "",
                "entity_id": None,
                "detail": f"people={people} seed={seed}",
            },
        )
    if progress:
        progress("done", 1.0)
    return DemoSummary(
        villages=counts.get("village", 0),
        team_members=counts.get("team_member", 0),
        people=counts.get("person", 0),
        sessions=counts.get("class_session", 0),
        attendance=counts.get("attendance", 0),
        skill_records=counts.get("skill_record", 0),
        seconds=time.perf_counter() - t0,
    )


def _check_columns(chunk: Chunk) -> None:
    # A column added to a model must be filled here too, or demo rows would silently lack it.
    diff = set(COLUMNS[chunk.table]) ^ set(chunk.rows[0])
    if diff:
        raise RuntimeError(f"demo rows for {chunk.table} do not match its columns: {diff}")


assert set(Base.metadata.tables) >= set(COLUMNS)
