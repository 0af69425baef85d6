"""Province console benchmark: the dashboard with 92 communes and N records (the issue: 20 million)
on PostgreSQL, page time against a raw aggregate SQL over `record` measured in the same run.

    .venv/bin/python -m tests.perf.bench_console [--records N] [--repeat K] [--jobs J]
        [--keep] [--reuse URL] [--rebuild] [--seed S] [--out FILE]

Loading. The rows are made inside PostgreSQL with set-based SQL, one `INSERT INTO record SELECT
... FROM generate_series(...)` per commune and entity, two communes at a time (`--jobs`), data
built with jsonb_build_object. Every row has a number (its key); its id is a version-4 UUID
made of two `hashint8extended` of the key, and so is every random choice, so a record computes
the id (and day, target group...) of the session or person it refers to without a join. `record`'s primary key and indexes are dropped for the load and
built again afterwards (sorted builds, the usual bulk-load practice), then VACUUM ANALYZE.
`--keep` keeps the database and prints its URL; `--reuse URL` measures an already loaded
database without loading it again (it loads it when `record` is empty).

The data, valid per `sync.protocol.ENTITIES` (a sample is checked with `validate_envelope`):
the 92 real communes of Thái Nguyên (shared/domain/thai_nguyen_communes_2025.tsv) of varied
sizes, each with villages, team members, officers and 1-2 devices, then people 8%, sessions
2% (90% held; class, community, home visit, online; 0-3 team members), attendance 55% (people
of the same commune checked in at a held session, on its day) and skill records 35% (each
person's skills introduced, then practised or mastered, on later days), over 2025-07-01 to
2026-12-31 (six quarters), 1.5% of the attendance and 1% of the skill records tombstoned.
The `hash` column is a placeholder (64 hex digits, not the protocol's content hash).

Measured, with the summaries built by `sync.server.summary.rebuild` (timed) and ANALYZE:
  a) GET /console/?quarter=2026-Q3, logged in, from the real server in a thread over loopback;
  b) `queries.dashboard(engine, 2026-Q3)` called directly;
  baseline: one hand-written SQL statement scanning `record` for the same four figures per
  commune (held sessions, people reached, mastered (person, skill) pairs, VNeID level 2);
  the figures of (b) must equal the baseline's. Then the province quarterly report (PDF, XLSX)
  downloaded once each. Needs PostgreSQL at 127.0.0.1:5432 (HOCVUSO_TEST_PG to change).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import requests
from sqlalchemy import text

from sync.protocol import content_hash, record_day, validate_envelope
from sync.server import summary
from sync.server.console import auth, queries
from sync.server.console.views import ConsoleOptions
from sync.server.db import open_database
from sync.server.ingest import envelope_of
from tests.perf.common import Result, percentile, print_table
from tests.sync.harness import PG_ADMIN_URL, ServerThread, pg_available, pg_database

ROOT = Path(__file__).resolve().parents[2]
COMMUNES_TSV = ROOT.parent / "shared" / "domain" / "thai_nguyen_communes_2025.tsv"
PASSWORD = "mật-khẩu-đủ-dài-1"
QUARTER = "2026-Q3"
DAYS = 549  # 2025-07-01 .. 2026-12-31
DAY0 = "date '2025-07-01'"
MIX = {"person": 0.08, "session": 0.02, "skill_record": 0.35}  # attendance: the rest
RECORD_COLS = (
    "id, entity, commune_code, revision, device_id, officer_id, created_at, updated_at, "
    "deleted_at, day, hash, data, orphan, received_at, batch_id, uploader_id"
)
DEVICE_KEYS = 4096  # per commune: devices, then the batches (4 per day from 2025-01-01)

# fmt: off
FAMILY = (("Nguyễn", 30), ("Trần", 8), ("Lê", 6), ("Phạm", 5), ("Hoàng", 6), ("Vũ", 3),
          ("Đặng", 3), ("Bùi", 2), ("Đỗ", 3), ("Ngô", 2), ("Dương", 4), ("Lý", 2), ("Ma", 3),
          ("Nông", 4), ("Triệu", 3), ("Lường", 2), ("Hà", 4), ("Mạc", 1), ("Giàng", 1),
          ("Bàn", 1), ("Lâm", 1), ("Đàm", 1))
MIDDLE_M = (("Văn", 12), ("Đức", 3), ("Minh", 3), ("Quang", 2), ("Hữu", 2), ("Thanh", 2),
            ("Công", 2), ("Xuân", 1), ("Đình", 2), ("Trọng", 1), ("Quốc", 1), ("Tiến", 1))
MIDDLE_F = (("Thị", 14), ("Thu", 2), ("Ngọc", 2), ("Thanh", 2), ("Minh", 1), ("Phương", 1),
            ("Hồng", 1), ("Kim", 1), ("Bích", 1), ("Thùy", 1))
GIVEN_M = (("Anh", 4), ("Bình", 3), ("Cường", 3), ("Dũng", 4), ("Đạt", 3), ("Đức", 3),
           ("Hải", 4), ("Hiếu", 3), ("Hùng", 4), ("Huy", 3), ("Khánh", 2), ("Long", 4),
           ("Mạnh", 3), ("Minh", 5), ("Nam", 4), ("Quân", 3), ("Sơn", 4), ("Thắng", 3),
           ("Thành", 4), ("Tuấn", 5), ("Tùng", 3), ("Hưng", 3), ("Chiến", 2), ("Páo", 1),
           ("Phin", 1), ("Hoà", 1), ("Hòa", 1))
GIVEN_F = (("Anh", 4), ("Dung", 3), ("Hà", 4), ("Hạnh", 3), ("Hằng", 4), ("Hiền", 3),
           ("Hoa", 4), ("Hương", 5), ("Huyền", 4), ("Lan", 4), ("Linh", 5), ("Mai", 4),
           ("Nga", 3), ("Ngọc", 3), ("Nhung", 3), ("Phương", 3), ("Thảo", 4), ("Thu", 3),
           ("Thủy", 2), ("Thuỷ", 2), ("Trang", 5), ("Vân", 3), ("Yến", 3), ("Lụa", 1),
           ("Mỷ", 1), ("Mùi", 1))
ETHNICITY = (("Kinh", 140), ("Tày", 22), ("Nùng", 10), ("Sán Dìu", 5), ("Dao", 6),
             ("Sán Chay", 5), ("Mông", 3), ("Hoa", 1), ("Ê Đê", 1))
DISABILITY = (("Khuyết tật vận động", 5), ("Khuyết tật nhìn", 2), ("Khuyết tật nghe, nói", 2),
              ("Khuyết tật trí tuệ", 1))
PHONE_PREFIX = ("032", "033", "034", "035", "036", "037", "038", "039", "056", "070", "076",
                "077", "081", "083", "084", "085", "086", "088", "090", "091", "094", "096",
                "097", "098")
# Ages 10..90 by five-year band (percent of learners), as app.demo.
AGE_BANDS = (((10, 14), 7.8), ((15, 19), 7.0), ((20, 24), 6.5), ((25, 29), 7.3),
             ((30, 34), 8.0), ((35, 39), 8.0), ((40, 44), 7.3), ((45, 49), 6.6),
             ((50, 54), 6.0), ((55, 59), 5.3), ((60, 64), 4.5), ((65, 69), 3.6),
             ((70, 74), 2.4), ((75, 79), 1.5), ((80, 84), 1.0), ((85, 90), 0.6))
VILLAGE_NAMES = ("Nà Mòn", "Làng Mới", "Đồng Tâm", "Tân Lập", "Khuôn Thê", "Nà Lẹng", "Phố Hích",
                 "Cây Thị", "Đồng Kem", "Bình Sơn", "Hòa Bình", "Làng Chàng", "Nà Pài", "Khe Mo",
                 "Đồng Bài", "Tiền Phong", "Quyết Thắng", "Thác Riềng", "Khuổi Ổ", "Pác Nặm",
                 "Gốc Gạo", "Đồng Chùa", "Quang Trung", "Minh Khai")
VILLAGE_KINDS = (("thon", 50), ("xom", 15), ("ban", 15), ("to_dan_pho", 15), ("khac", 5))
POSITIONS = (("Trưởng thôn", "Thôn"), ("Công chức Văn hoá - Xã hội", "UBND xã"),
             ("Bí thư Chi đoàn", "Đoàn Thanh niên"), ("Hội viên", "Hội Liên hiệp Phụ nữ"),
             ("Cán bộ", "Công an xã"), ("Giáo viên", "Trường THCS"),
             ("Nhân viên", "Bưu điện văn hoá xã"), ("Kỹ thuật viên", "Viettel"),
             ("Kỹ thuật viên", "VNPT"), ("Chi hội trưởng", "Hội Nông dân"),
             ("Cán bộ", "Hội Người cao tuổi"), ("Sinh viên tình nguyện", "Đoàn Thanh niên"))
FORMATS = (("class", 45), ("community", 30), ("home_visit", 12), ("online", 13))
# programme code: (weight for group sessions, title, target groups, planned skills)
PROGRAMMES = {
    "community_class": (20, "Lớp kỹ năng số cơ bản", '["citizen"]', '["DD01","DVC01","AT01"]'),
    "digital_identity": (18, "Kích hoạt định danh điện tử VNeID", '["citizen","worker"]',
                         '["DD01","DD02"]'),
    "elderly": (10, "Kỹ năng số cho người cao tuổi", '["citizen"]', '["YT01","AT01"]'),
    "digital_market": (10, "Bán hàng trên sàn thương mại điện tử", '["citizen","worker"]',
                       '["TT01","TT03"]'),
    "ai_for_all": (8, "Trí tuệ nhân tạo cho mọi người", '["citizen","student"]', '["AI01"]'),
    "students": (8, "An toàn trên mạng cho học sinh", '["student"]', '["AT01","AI01"]'),
    "workers": (6, "Dịch vụ công cho công nhân", '["worker"]', '["TT01","DVC02"]'),
    "civil_servants": (5, "Chuyển đổi số cho cán bộ", '["public_servant"]',
                       '["DVC01","DVC02","AI01"]'),
    "digital_family": (5, "Gia đình số an toàn", '["citizen"]', '["AT01"]'),
    "disability": (3, "Kỹ năng số cho người khuyết tật", '["citizen"]', '["DD01","DD02"]'),
    "digital_ambassador": (3, "Đại sứ số", '["student","citizen"]', '["DD02","DVC01","AI01"]'),
    "team_training": (1, "Tập huấn tổ công nghệ số", '["public_servant"]',
                      '["DD02","DVC02","AI01"]'),
    "door_to_door": (0, "Hỗ trợ tại nhà", '["citizen"]', '["DD01","DD02","YT01"]'),
}
HOME_PROGRAMMES = (("door_to_door", 7), ("digital_identity", 2), ("elderly", 1))
PLACES = ("Nhà văn hoá thôn", "Hội trường UBND xã", "Điểm Bưu điện văn hoá xã", "Trường THCS",
          "Nhà văn hoá tổ dân phố", "Trạm y tế xã")
# Skills in a person's sequence (DD02, VNeID level 2, the most asked for).
SKILLS = ("DD02", "DD01", "DVC01", "DD02", "DVC02", "TT01", "TT03", "YT01", "DD02", "AT01",
          "AI01", "DD01")
METHODS = (("card", 35), ("id_card", 20), ("search", 25), ("sheet", 15), ("manual", 5))
# fmt: on


def _q(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _arr(values: Sequence[str]) -> str:
    return "(ARRAY[" + ",".join(_q(v) for v in values) + "]::text[])"


def _expand(weighted: Sequence[tuple[str, float]], scale: float = 1.0) -> list[str]:
    return [v for v, w in weighted for _ in range(max(1, round(w * scale)))]


def _ts(expr: str) -> str:
    """A local (ICT) timestamp as the wire's ISO-8601 with offset and microseconds."""
    return f"(to_char({expr}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || '+07:00')"


def _utc(expr: str) -> str:
    return f"((({expr}) - interval '7 hours') AT TIME ZONE 'UTC')"


@dataclass(frozen=True)
class Commune:
    idx: int
    code: str
    villages: int
    team: int
    officers: int
    devices: int
    person: int
    session: int
    attendance: int
    skill_record: int

    @property
    def total(self) -> int:
        return (
            self.villages
            + self.team
            + self.officers
            + self.person
            + self.session
            + self.attendance
            + self.skill_record
        )


def commune_codes() -> list[tuple[str, float]]:
    """(code, size weight): the real communes when the shared list is there (wards larger)."""
    if COMMUNES_TSV.exists():
        out = []
        for line in COMMUNES_TSV.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and re.fullmatch(r"[0-9]{5}", parts[0]):
                out.append((parts[0], 1.4 if parts[1].strip() == "phường" else 1.0))
        if len(out) == 92:
            return out
    return [(f"{1840 + 3 * i:05d}", 1.0) for i in range(92)]


def plan(n: int, seed: int) -> list[Commune]:
    """Split n records over the communes (sizes varied, the total exact)."""
    rng = random.Random(seed)
    codes = commune_codes()
    refs = []
    for i in range(len(codes)):
        refs.append((10 + i % 11, 12 + (7 * i) % 19, 2 + i % 2))
    rest = n - sum(sum(r) for r in refs)
    if rest < 92 * 400:
        raise SystemExit(f"--records {n} is too few: at least {sum(map(sum, refs)) + 92 * 400}")
    weights = [w * (0.55 + 0.9 * rng.random()) for _c, w in codes]
    total_w = sum(weights)
    sizes = [int(rest * w / total_w) for w in weights]
    sizes[-1] += rest - sum(sizes)
    out = []
    for i, ((code, _w), size, (v, t, o)) in enumerate(zip(codes, sizes, refs, strict=True)):
        p = round(size * MIX["person"])
        s = max(20, round(size * MIX["session"]))
        k = round(size * MIX["skill_record"])
        out.append(Commune(i, code, v, t, o, 1 + (i % 3 == 0), p, s, size - p - s - k, k))
    return out


class Gen:
    """SQL expressions of the generator: every random draw is a hash of a row key and a salt."""

    def __init__(self, seed: int, communes: Sequence[Commune]) -> None:
        self.seed = seed
        # Row keys: one number per row, all distinct and below 2**31 (hashint8extended
        # folds a bigint to 32 bits before hashing, so larger keys would collide).
        self.offsets: dict[tuple[int, str], int] = {}
        at = 0
        for c in communes:
            for entity, size in (
                ("device", DEVICE_KEYS),
                ("village", c.villages),
                ("team_member", c.team),
                ("officer", c.officers),
                ("person", c.person),
                ("session", c.session),
                ("attendance", c.attendance),
                ("skill_record", c.skill_record),
            ):
                self.offsets[(c.idx, entity)] = at
                at += size
        if at >= 2**31:
            raise SystemExit("too many records for 32-bit row keys")
        self.family = _arr(_expand(FAMILY))
        self.mid = (_arr(_expand(MIDDLE_M)), _arr(_expand(MIDDLE_F)))
        self.given = (_arr(_expand(GIVEN_M)), _arr(_expand(GIVEN_F)))
        ages = []
        for (lo, hi), pct in AGE_BANDS:
            per_year = pct * 10 / (hi - lo + 1)
            ages += [(str(a), per_year) for a in range(lo, hi + 1)]
        self.ages = "(ARRAY[" + ",".join(_expand(ages)) + "]::int[])"
        self.n_ages = len(_expand(ages))

    def salt(self, n: int) -> int:
        return self.seed * 1000 + n

    def u(self, key: str, n: int) -> str:
        """Uniform in [0, 1)."""
        return f"((hashint8extended({key}, {self.salt(n)}) & 9007199254740991)::float8 / 9007199254740992.0)"

    def i(self, key: str, n: int, m: str | int) -> str:
        """Integer in [0, m)."""
        return f"((hashint8extended({key}, {self.salt(n)}) & 9223372036854775807) % ({m}))"

    def pick(self, values: Sequence[str], key: str, n: int) -> str:
        return f"{_arr(values)}[1 + {self.i(key, n, len(values))}]"

    def secs(self, key: str, n: int) -> str:
        """Seconds with microseconds, for make_interval(secs => ...)."""
        return f"({self.i(key, n, 60_000_000)}::float8 / 1000000.0)"

    def uid(self, key: str) -> str:
        """A version-4 UUID made of two hashes of the key (version and variant bits set)."""
        hi = f"((hashint8extended({key}, {self.salt(901)}) & -61441) | 16384)"
        lo = f"((hashint8extended({key}, {self.salt(902)}) & 4611686018427387903) | -9223372036854775808)"
        return f"(encode(int8send({hi}) || int8send({lo}), 'hex')::uuid::text)"

    def hex64(self, key: str) -> str:
        """64 hex digits (the placeholder content hash)."""
        parts = " || ".join(
            f"int8send(hashint8extended({key}, {self.salt(n)}))" for n in (903, 904, 905, 906)
        )
        return f"encode({parts}, 'hex')"

    def base(self, c: Commune, entity: str) -> int:
        return self.offsets[(c.idx, entity)]

    def ref(self, c: Commune, entity: str, k: str) -> str:
        return self.uid(f"{self.base(c, entity)} + ({k})")

    # -- what other rows need to know about a person and a session ---------------------------

    def age(self, pkey: str) -> str:
        return f"{self.ages}[1 + {self.i(pkey, 1, self.n_ages)}]"

    def target_group(self, pkey: str) -> str:
        a, r = self.age(pkey), self.u(pkey, 2)
        return (
            f"(CASE WHEN {a} < 18 THEN 'student' WHEN {a} <= 22 AND {r} < 0.6 THEN 'student' "
            f"WHEN {a} BETWEEN 23 AND 60 AND {r} < 0.07 THEN 'public_servant' "
            f"WHEN {a} BETWEEN 18 AND 60 AND {r} < 0.32 THEN 'worker' ELSE 'citizen' END)"
        )

    def session_format(self, skey: str) -> str:
        return self.pick(_expand(FORMATS), skey, 20)

    def session_dayoff(self, skey: str, k: str) -> str:
        # planned sessions lie in the last month; the others anywhere in the eighteen months
        return (
            f"(CASE WHEN ({k}) % 20 = 13 THEN {DAYS - 31} + {self.i(skey, 21, 31)} "
            f"ELSE {self.i(skey, 22, DAYS)} END)"
        )

    def session_start(self, skey: str, k: str) -> str:
        return (
            f"({DAY0} + ({self.session_dayoff(skey, k)})::int "
            f"+ make_interval(mins => 450 + 30 * {self.i(skey, 23, 22)}::int))"
        )

    # -- the envelope, the same for every entity ---------------------------------------------

    def envelope(self, c: Commune, entity: str, inner: str) -> str:
        """INSERT ... SELECT from `inner`, which yields: key, id, ct, ut, rev, del, day, data
        (ct/ut local timestamps)."""
        dev_base = self.base(c, "device")
        return f"""
INSERT INTO record ({RECORD_COLS})
SELECT id, '{entity}', '{c.code}', rev, dev, officer, {_ts("ct")}, {_ts("ut")},
       CASE WHEN del THEN {_ts("ut")} END, day,
       {self.hex64("key")}, data, false,
       {_utc("rcv")}, {self.uid(f"{dev_base} + 16 + 4 * ((rcv::date - date '2025-01-01')) + devno")},
       dev
FROM (
  SELECT e.*, {self.uid(f"{dev_base} + devno")} AS dev,
         {self.ref(c, "officer", self.i("key", 31, c.officers))} AS officer
  FROM (
    SELECT x.*, {self.i("key", 30, c.devices)} AS devno,
           ut + make_interval(mins => 3 + {self.i("key", 32, 2880)}::int) AS rcv
    FROM ({inner}) x OFFSET 0
  ) e OFFSET 0
) z"""

    # -- the entities ------------------------------------------------------------------------

    def villages(self, c: Commune) -> str:
        kinds = _expand(VILLAGE_KINDS)
        n = len(VILLAGE_NAMES)
        inner = f"""
SELECT key, {self.uid("key")} AS id, ct, ct AS ut, 1 AS rev, false AS del,
       to_char(ct, 'YYYY-MM-DD') AS day,
       jsonb_build_object(
         'name', (CASE kind WHEN 'thon' THEN 'Thôn ' WHEN 'xom' THEN 'Xóm ' WHEN 'ban' THEN 'Bản '
                  WHEN 'to_dan_pho' THEN 'Tổ dân phố ' ELSE 'Khu ' END)
                 || {_arr(VILLAGE_NAMES)}[1 + k % {n}]
                 || CASE WHEN k >= {n} THEN ' ' || (k / {n} + 1) ELSE '' END,
         'kind', kind,
         'adult_population', 250 + {self.i("key", 40, 2200)}) AS data
FROM (
  SELECT k, key, {self.pick(kinds, "key", 41)} AS kind,
         timestamp '2025-06-16 08:00' + make_interval(days => {self.i("key", 42, 14)}::int,
           mins => {self.i("key", 43, 480)}::int, secs => {self.secs("key", 44)}) AS ct
  FROM (SELECT k, {self.base(c, "village")} + k AS key
        FROM generate_series(0, {c.villages - 1}) k) a OFFSET 0
) b"""
        return self.envelope(c, "village", inner)

    def team(self, c: Commune) -> str:
        pos = _arr([p for p, _o in POSITIONS])
        org = _arr([o for _p, o in POSITIONS])
        inner = f"""
SELECT key, {self.uid("key")} AS id, ct, ct AS ut, 1 AS rev, false AS del,
       to_char(ct, 'YYYY-MM-DD') AS day,
       jsonb_build_object(
         'full_name', {self.family}[1 + {self.i("key", 50, len(_expand(FAMILY)))}] || ' '
           || CASE WHEN male THEN {self.mid[0]}[1 + {self.i("key", 51, len(_expand(MIDDLE_M)))}]
              || ' ' || {self.given[0]}[1 + {self.i("key", 52, len(_expand(GIVEN_M)))}]
              ELSE {self.mid[1]}[1 + {self.i("key", 51, len(_expand(MIDDLE_F)))}]
              || ' ' || {self.given[1]}[1 + {self.i("key", 52, len(_expand(GIVEN_F)))}] END,
         'phone', {self.pick(PHONE_PREFIX, "key", 53)}
           || lpad({self.i("key", 54, 10_000_000)}::text, 7, '0'),
         'position', {pos}[1 + pno], 'organisation', {org}[1 + pno],
         'village_id', CASE WHEN pno = 0 THEN
           {self.ref(c, "village", self.i("key", 55, c.villages))} END,
         'active', {self.u("key", 56)} < 0.9) AS data
FROM (
  SELECT k, key, {self.u("key", 57)} < 0.5 AS male, {self.i("key", 58, len(POSITIONS))} AS pno,
         timestamp '2025-06-20 08:00' + make_interval(days => {self.i("key", 59, 30)}::int,
           mins => {self.i("key", 60, 480)}::int, secs => {self.secs("key", 61)}) AS ct
  FROM (SELECT k, {self.base(c, "team_member")} + k AS key
        FROM generate_series(0, {c.team - 1}) k) a OFFSET 0
) b"""
        return self.envelope(c, "team_member", inner)

    def officers(self, c: Commune) -> str:
        inner = f"""
SELECT key, {self.uid("key")} AS id, ct, ct AS ut, 1 AS rev, false AS del,
       to_char(ct, 'YYYY-MM-DD') AS day,
       jsonb_build_object(
         'username', 'canbo{c.code}.' || (k + 1),
         'full_name', {self.family}[1 + {self.i("key", 70, len(_expand(FAMILY)))}]
           || ' Thị ' || {self.given[1]}[1 + {self.i("key", 71, len(_expand(GIVEN_F)))}],
         'role', CASE WHEN k = 0 THEN 'admin' ELSE 'officer' END,
         'active', true, 'team_member_id', NULL) AS data
FROM (
  SELECT k, key, timestamp '2025-06-15 09:00' + make_interval(mins => {self.i("key", 72, 600)}::int,
           secs => {self.secs("key", 73)}) AS ct
  FROM (SELECT k, {self.base(c, "officer")} + k AS key
        FROM generate_series(0, {c.officers - 1}) k) a OFFSET 0
) b"""
        return self.envelope(c, "officer", inner)

    def people(self, c: Commune) -> str:
        eth = _expand(ETHNICITY)
        dis = _expand(DISABILITY)
        inner = f"""
SELECT key, id, ct, ut, rev, false AS del, to_char(ct, 'YYYY-MM-DD') AS day,
       jsonb_build_object(
         'full_name', {self.family}[1 + {self.i("key", 80, len(_expand(FAMILY)))}] || ' '
           || CASE WHEN sex = 'M' THEN {self.mid[0]}[1 + {self.i("key", 81, len(_expand(MIDDLE_M)))}]
              || ' ' || {self.given[0]}[1 + {self.i("key", 82, len(_expand(GIVEN_M)))}]
              ELSE {self.mid[1]}[1 + {self.i("key", 81, len(_expand(MIDDLE_F)))}]
              || ' ' || {self.given[1]}[1 + {self.i("key", 82, len(_expand(GIVEN_F)))}] END,
         'birth_date', CASE WHEN {self.u("key", 83)} < 0.6 THEN to_char(make_date(by,
           1 + {self.i("key", 84, 12)}::int, 1 + {self.i("key", 85, 28)}::int), 'YYYY-MM-DD') END,
         'birth_year', by,
         'sex', sex,
         'id_number', CASE WHEN {self.u("key", 86)} < 0.7 THEN
           '0' || CASE WHEN {self.u("key", 87)} < 0.75 THEN '19' ELSE '06' END
           || CASE WHEN by < 2000 THEN (CASE sex WHEN 'M' THEN '0' ELSE '1' END)
              ELSE (CASE sex WHEN 'M' THEN '2' ELSE '3' END) END
           || lpad((by % 100)::text, 2, '0') || lpad({self.i("key", 88, 1_000_000)}::text, 6, '0')
           END,
         'phone', CASE WHEN {self.u("key", 89)} < 0.65 THEN {self.pick(PHONE_PREFIX, "key", 90)}
           || lpad({self.i("key", 91, 10_000_000)}::text, 7, '0') END,
         'village_id', {self.ref(c, "village", self.i("key", 92, c.villages))},
         'target_group', tg,
         'ethnicity', CASE WHEN consent THEN {self.pick(eth, "key", 93)} END,
         'disability', CASE WHEN consent AND {self.u("key", 94)} < 0.05
           THEN {self.pick(dis, "key", 95)} END,
         'consent_at', CASE WHEN consent THEN {_ts("ct + interval '2 minutes'")} END,
         'consent_by', CASE WHEN consent THEN
           {self.ref(c, "officer", self.i("key", 96, c.officers))} END,
         'guardian_consent', 2026 - by < 16,
         'notes', '',
         'merged_into_id', NULL) AS data
FROM (
  SELECT k, key, {self.uid("key")} AS id, 2026 - {self.age("key")} AS by,
         CASE WHEN {self.u("key", 97)} < 0.49 THEN 'M' ELSE 'F' END AS sex,
         {self.target_group("key")} AS tg, {self.u("key", 98)} < 0.35 AS consent, ct,
         CASE WHEN {self.u("key", 99)} < 0.2 THEN 2 ELSE 1 END AS rev,
         CASE WHEN {self.u("key", 99)} < 0.2
           THEN ct + make_interval(days => 1 + {self.i("key", 100, 60)}::int) ELSE ct END AS ut
  FROM (
    SELECT k, key, {DAY0} + {self.i("key", 101, DAYS)}::int
           + make_interval(mins => 420 + {self.i("key", 102, 660)}::int,
                           secs => {self.secs("key", 103)}) AS ct
    FROM (SELECT k, {self.base(c, "person")} + k AS key
          FROM generate_series(0, {c.person - 1}) k) a OFFSET 0
  ) b OFFSET 0
) p"""
        return self.envelope(c, "person", inner)

    def sessions(self, c: Commune) -> str:
        progs = [p for p, v in PROGRAMMES.items() for _ in range(v[0])]
        title = " ".join(f"WHEN {_q(p)} THEN {_q(v[1])}" for p, v in PROGRAMMES.items())
        groups = " ".join(f"WHEN {_q(p)} THEN {_q(v[2])}::jsonb" for p, v in PROGRAMMES.items())
        skills = " ".join(f"WHEN {_q(p)} THEN {_q(v[3])}::jsonb" for p, v in PROGRAMMES.items())

        def member(off: int) -> str:
            return self.ref(c, "team_member", f"(t0 + {off}) % {c.team}")

        inner = f"""
SELECT key, id, ct, ut, rev, false AS del, day,
       jsonb_build_object(
         'title', CASE prog {title} END || CASE WHEN fmt = 'online' THEN ' (trực tuyến)' ELSE '' END,
         'programme_code', prog,
         'format', fmt,
         'starts_at', {_ts("st")},
         'ends_at', CASE WHEN status = 'planned' AND {self.u("key", 110)} < 0.3 THEN NULL
                    ELSE {_ts("st + make_interval(mins => dur)")} END,
         'day', day,
         'place', CASE fmt WHEN 'online' THEN 'Trực tuyến qua Zalo'
                  WHEN 'home_visit' THEN 'Tại nhà người dân'
                  ELSE {self.pick(PLACES, "key", 111)} END,
         'village_id', CASE WHEN fmt <> 'online' THEN
           {self.ref(c, "village", self.i("key", 112, c.villages))} END,
         'status', status,
         'target_groups', CASE prog {groups} END,
         'planned_skills', CASE prog {skills} END,
         'team_member_ids', CASE nteam WHEN 0 THEN '[]'::jsonb
           WHEN 1 THEN jsonb_build_array({member(0)})
           WHEN 2 THEN jsonb_build_array({member(0)}, {member(1)})
           ELSE jsonb_build_array({member(0)}, {member(1)}, {member(2)}) END,
         'notes', '',
         'copied_from_id', NULL) AS data
FROM (
  SELECT k, key, {self.uid("key")} AS id, fmt, status, st, dur,
         to_char(st, 'YYYY-MM-DD') AS day,
         CASE WHEN fmt = 'home_visit' THEN {self.pick(_expand(HOME_PROGRAMMES), "key", 113)}
              ELSE {self.pick(progs, "key", 114)} END AS prog,
         {self.i("key", 115, 4)} AS nteam, {self.i("key", 116, c.team)} AS t0,
         date_trunc('day', st) - make_interval(days => 1 + {self.i("key", 117, 14)}::int)
           + make_interval(mins => 420 + {self.i("key", 118, 600)}::int,
                           secs => {self.secs("key", 119)}) AS ct,
         CASE status WHEN 'planned' THEN 1 ELSE 2 END AS rev,
         CASE status
           WHEN 'held' THEN st + make_interval(mins => dur + 10 + {self.i("key", 120, 600)}::int)
           WHEN 'cancelled' THEN st - make_interval(hours => 2 + {self.i("key", 121, 40)}::int)
           ELSE date_trunc('day', st) - make_interval(days => 1 + {self.i("key", 117, 14)}::int)
             + make_interval(mins => 420 + {self.i("key", 118, 600)}::int,
                             secs => {self.secs("key", 119)}) END AS ut
  FROM (
    SELECT k, key, {self.session_format("key")} AS fmt,
           CASE k % 20 WHEN 7 THEN 'cancelled' WHEN 13 THEN 'planned' ELSE 'held' END AS status,
           {self.session_start("key", "k")} + make_interval(secs => {self.secs("key", 122)}) AS st,
           60 + 15 * {self.i("key", 123, 9)}::int AS dur
    FROM (SELECT k, {self.base(c, "session")} + k AS key
          FROM generate_series(0, {c.session - 1}) k) a OFFSET 0
  ) b OFFSET 0
) s"""
        return self.envelope(c, "session", inner)

    def attendance(self, c: Commune) -> str:
        held = c.session - 2 * (c.session // 20) - (c.session % 20 > 7) - (c.session % 20 > 13)
        home = 0.12
        mu = max(1.0, (c.attendance / max(1, held) - home * 2) / (1 - home))
        hi = max(1, round(2 * mu))
        sbase, pbase = self.base(c, "session"), self.base(c, "person")
        inner = f"""
WITH s AS (
  SELECT k, {sbase} + k AS skey,
         CASE WHEN {self.session_format(f"{sbase} + k")} = 'home_visit'
              THEN 1 + {self.i(f"{sbase} + k", 130, 3)} ELSE 1 + {self.i(f"{sbase} + k", 130, hi)} END::int AS m
  FROM generate_series(0, {c.session - 1}) k WHERE k % 20 NOT IN (7, 13)
), cum AS (
  SELECT k, skey, ({c.attendance}::bigint * (sum(m) OVER w - m)) / sum(m) OVER () AS lo,
         ({c.attendance}::bigint * sum(m) OVER w) / sum(m) OVER () AS hi
  FROM s WINDOW w AS (ORDER BY k)
)
SELECT key, {self.uid("key")} AS id, ct, ut, rev, del, to_char(st, 'YYYY-MM-DD') AS day,
       jsonb_build_object(
         'session_id', {self.uid("skey")},
         'person_id', {self.uid(f"{pbase} + p")},
         'checked_in_at', {_ts("ct")},
         'day', to_char(st, 'YYYY-MM-DD'),
         'method', {self.pick(_expand(METHODS), "key", 131)},
         'target_group', {self.target_group(f"{pbase} + p")}) AS data
FROM (
  SELECT key, skey, p, st, ct, del, CASE WHEN del THEN 2 ELSE 1 END AS rev,
         CASE WHEN del THEN ct + make_interval(mins => 5 + {self.i("key", 132, 2880)}::int)
              ELSE ct END AS ut
  FROM (
    SELECT {self.base(c, "attendance")} + i AS key, skey,
           ({self.i("skey", 133, c.person)} + (i - lo)) % {c.person} AS p,
           {self.session_start("skey", "k")} AS st,
           {self.session_start("skey", "k")} + make_interval(mins => ((i - lo) % 40)::int - 10,
             secs => {self.secs(f"{self.base(c, 'attendance')} + i", 134)}) AS ct,
           {self.u(f"{self.base(c, 'attendance')} + i", 135)} < 0.015 AS del
    FROM cum, generate_series(lo, hi - 1) i
  ) a OFFSET 0
) b"""
        return self.envelope(c, "attendance", inner)

    def skills(self, c: Commune) -> str:
        pbase = self.base(c, "person")
        kbase = self.base(c, "skill_record")
        n = len(SKILLS)
        inner = f"""
WITH s AS (
  SELECT k, {pbase} + k AS pkey, {self.i(f"{pbase} + k", 140, 9)}::int AS m
  FROM generate_series(0, {c.person - 1}) k
), cum AS (
  SELECT k, pkey, ({c.skill_record}::bigint * (sum(m) OVER w - m)) / sum(m) OVER () AS lo,
         ({c.skill_record}::bigint * sum(m) OVER w) / sum(m) OVER () AS hi
  FROM s WINDOW w AS (ORDER BY k)
)
SELECT key, {self.uid("key")} AS id, ct, ut, rev, del, to_char(ct, 'YYYY-MM-DD') AS day,
       jsonb_build_object(
         'person_id', {self.uid("pkey")},
         'skill_code', {_arr(SKILLS)}[1 + ({self.i("pkey", 141, n)} + j / 2) % {n}],
         'session_id', NULL,
         'outcome', CASE WHEN j % 2 = 0
           THEN (CASE WHEN {self.u("key", 142)} < 0.55 THEN 'introduced' ELSE 'practised' END)
           ELSE (CASE WHEN {self.u("key", 142)} < 0.35 THEN 'practised' ELSE 'independent' END)
           END,
         'helped_by', CASE WHEN {self.u("key", 143)} < 0.7 THEN
           {self.ref(c, "team_member", self.i("key", 144, c.team))} END,
         'day', to_char(ct, 'YYYY-MM-DD'),
         'target_group', {self.target_group("pkey")},
         'note', '') AS data
FROM (
  SELECT key, pkey, j, ct, del, CASE WHEN del THEN 2 ELSE 1 END AS rev,
         CASE WHEN del THEN ct + make_interval(mins => 5 + {self.i("key", 145, 2880)}::int)
              ELSE ct END AS ut
  FROM (
    SELECT key, pkey, j,
           {DAY0} + least({DAYS - 1}, d0 + j * gap + {self.i("key", 146, 2)})::int
             + make_interval(mins => 480 + {self.i("key", 147, 540)}::int,
                             secs => {self.secs("key", 148)}) AS ct,
           {self.u("key", 149)} < 0.01 AS del
    FROM (
      SELECT {kbase} + i AS key, pkey, i - lo AS j, gap,
             {self.i("pkey", 150, f"greatest(1, {DAYS} - (hi - lo) * gap)")} AS d0
      FROM (SELECT cum.*, 2 + {self.i("pkey", 151, 12)} AS gap FROM cum) g,
           generate_series(lo, hi - 1) i
    ) a OFFSET 0
  ) b OFFSET 0
) z"""
        return self.envelope(c, "skill_record", inner)

    def devices(self, c: Commune) -> str:
        base = self.base(c, "device")
        return f"""
INSERT INTO device (id, commune_code, token_hash, code_hash, enrolled_at, revoked_at,
                    last_seen_at, last_sync_at, clock_skew_s)
SELECT {self.uid(f"{base} + d")}, '{c.code}', encode(sha256(convert_to('t' || ({base} + d), 'UTF8')), 'hex'),
       encode(sha256(convert_to('c' || ({base} + d), 'UTF8')), 'hex'),
       timestamptz '2025-06-20 02:00+00' + make_interval(days => d::int), NULL, sync, sync,
       round(({self.u(f"{base} + d", 160)} * 4 - 2)::numeric, 2)::float8
FROM (SELECT d, timestamptz '2026-12-31 10:00+00'
             - make_interval(mins => {self.i(f"{base} + d", 161, 20000)}::int) AS sync
      FROM generate_series(0, {c.devices - 1}) d) x"""

    def statements(self, c: Commune) -> list[tuple[str, str]]:
        return [
            ("device", self.devices(c)),
            ("village", self.villages(c)),
            ("team_member", self.team(c)),
            ("officer", self.officers(c)),
            ("person", self.people(c)),
            ("session", self.sessions(c)),
            ("attendance", self.attendance(c)),
            ("skill_record", self.skills(c)),
        ]


# -- loading ---------------------------------------------------------------------------------


def _dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _sa_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _record_indexes(conn: psycopg.Connection[Any]) -> tuple[list[str], list[str]]:
    """(statements that drop, statements that rebuild) `record`'s primary key and indexes."""
    drop, build = [], []
    for name, definition in conn.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'record'::regclass AND contype = 'p'"
    ):
        drop.append(f'ALTER TABLE record DROP CONSTRAINT "{name}"')
        build.append(f'ALTER TABLE record ADD CONSTRAINT "{name}" {definition}')
    for name, definition in conn.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = 'record'::regclass AND NOT x.indisprimary"
    ):
        drop.append(f'DROP INDEX "{name}"')
        build.append(definition)
    return drop, build


def load(url: str, communes: list[Commune], seed: int, jobs: int) -> dict[str, float]:
    """Fill `record` (and `device`) with set-based SQL; returns the phase times in seconds."""
    gen = Gen(seed, communes)
    dsn = _dsn(url)
    total = sum(c.total for c in communes)
    with psycopg.connect(dsn, autocommit=True) as conn:
        drop, build = _record_indexes(conn)
        for stmt in drop:
            conn.execute(stmt)
    lock = threading.Lock()
    done = {"rows": 0, "communes": 0, "shown": 0.0}
    t0 = time.perf_counter()

    def worker(part: list[Commune]) -> None:
        with psycopg.connect(dsn) as conn:
            conn.execute("SET synchronous_commit = off")
            conn.execute("SET jit = off")
            for c in part:
                rows = 0
                for entity, sql in gen.statements(c):
                    cur = conn.execute(sql)
                    if entity != "device":
                        rows += cur.rowcount
                conn.commit()
                want = c.total
                if rows != want:
                    raise RuntimeError(f"commune {c.code}: {rows} rows made, {want} planned")
                with lock:
                    done["rows"] += rows
                    done["communes"] += 1
                    dt = time.perf_counter() - t0
                    if dt - done["shown"] < 10 and done["communes"] < len(communes):
                        continue
                    done["shown"] = dt
                    print(
                        f"  [{done['communes']:2d}/{len(communes)}] {c.code}: {rows:,} rows; "
                        f"{done['rows']:,}/{total:,} in {dt:.0f} s "
                        f"({done['rows'] / dt:,.0f} rows/s)",
                        flush=True,
                    )

    parts = [communes[i::jobs] for i in range(jobs)]
    with ThreadPoolExecutor(jobs) as pool:
        for f in [pool.submit(worker, p) for p in parts]:
            f.result()
    insert_s = time.perf_counter() - t0
    print(f"  inserted {total:,} rows in {insert_s:.1f} s; building the indexes…", flush=True)

    t1 = time.perf_counter()

    def run(stmts: list[str]) -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '2GB'")
            for stmt in stmts:
                conn.execute(stmt)

    groups = [build[:1], build[1:]] if jobs > 1 else [build]
    with ThreadPoolExecutor(len(groups)) as pool:
        for f in [pool.submit(run, g) for g in groups]:
            f.result()
    index_s = time.perf_counter() - t1
    t2 = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE record")
        conn.execute("VACUUM ANALYZE device")
    vacuum_s = time.perf_counter() - t2
    return {"insert_s": insert_s, "index_s": index_s, "vacuum_s": vacuum_s}


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(_dsn(url)) as conn:
        rows = conn.execute("SELECT entity, count(*) FROM record GROUP BY entity ORDER BY 1")
        return {str(e): int(n) for e, n in rows}


def check_sample(url: str, n: int = 3000) -> int:
    """Validate a sample of records as wire envelopes (with their content hash made here) and
    check that the parents they name exist in the same commune; returns the number checked."""
    with psycopg.connect(_dsn(url)) as conn:
        total = conn.execute("SELECT reltuples FROM pg_class WHERE relname = 'record'").fetchone()
        pct = min(100.0, 100.0 * n / max(1.0, float(total[0] if total else 1)))
        cur = conn.execute(
            "SELECT id, entity, revision, commune_code, created_at, updated_at, deleted_at, "
            f"device_id, officer_id, data, hash, day, orphan FROM record TABLESAMPLE SYSTEM ({pct})"
        )
        cols = [d.name for d in cur.description or ()]
        rows = [dict(zip(cols, r, strict=True)) for r in cur]
        parents: set[tuple[str, str]] = set()
        for row in rows:
            env = envelope_of(row)
            env["hash"] = content_hash(env)
            reasons = validate_envelope(env)
            if reasons:
                raise AssertionError(f"{row['entity']} {row['id']}: {reasons[0].message_en}")
            if record_day(env) != row["day"] or row["orphan"]:
                raise AssertionError(f"{row['entity']} {row['id']}: day/orphan columns")
            data = row["data"]
            for f in ("session_id", "person_id", "village_id", "helped_by", "consent_by"):
                if data.get(f):
                    parents.add((data[f], row["commune_code"]))
            for m in data.get("team_member_ids") or ():
                parents.add((m, row["commune_code"]))
        ids = sorted(p[0] for p in parents)
        found = {
            (str(i), str(c))
            for i, c in conn.execute(
                "SELECT id, commune_code FROM record WHERE id = ANY(%s)", (ids,)
            )
        }
        missing = parents - found
        if missing:
            raise AssertionError(f"{len(missing)} referenced records missing, e.g. {min(missing)}")
        return len(rows)


# -- measuring -------------------------------------------------------------------------------

BASELINE_SQL = """
SELECT commune_code,
       count(*) FILTER (WHERE entity = 'session' AND data->>'status' = 'held') AS sessions,
       count(DISTINCT data->>'person_id')
         FILTER (WHERE entity IN ('attendance', 'skill_record')) AS people,
       count(DISTINCT (data->>'person_id', data->>'skill_code'))
         FILTER (WHERE entity = 'skill_record' AND data->>'outcome' = 'independent') AS mastered,
       count(DISTINCT data->>'person_id')
         FILTER (WHERE entity = 'skill_record' AND data->>'outcome' = 'independent'
                 AND data->>'skill_code' = 'DD02') AS vneid
FROM record
WHERE entity IN ('session', 'attendance', 'skill_record') AND deleted_at IS NULL AND NOT orphan
  AND day BETWEEN %(start)s AND %(end)s
GROUP BY commune_code
ORDER BY commune_code
"""


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


@contextmanager
def database(args: argparse.Namespace) -> Iterator[str]:
    if args.reuse:
        yield _sa_url(args.reuse)
        return
    if not args.keep:
        with pg_database() as url:
            yield url
        return
    name = f"hvs_bench_console_{args.records}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    yield _sa_url(f"{base}/{name}")


def login(base_url: str) -> requests.Session:
    http = requests.Session()
    form = http.get(base_url + "/console/login", timeout=30).text
    m = re.search(r'name="csrf" value="([^"]+)"', form)
    assert m, "no CSRF token on the login page"
    r = http.post(
        base_url + "/console/login",
        data={"csrf": m.group(1), "username": "bench", "password": PASSWORD},
        timeout=30,
    )
    assert r.status_code == 200, r.status_code
    return http


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tests.perf.bench_console",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    ap.add_argument("--records", type=int, default=20_000_000, help="records to load")
    ap.add_argument("--repeat", type=int, default=7, help="timed runs of each measurement")
    ap.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 2)))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the database for later runs")
    ap.add_argument("--reuse", metavar="URL", help="an already loaded database: skip loading")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the summaries on --reuse")
    ap.add_argument("--out", type=Path, default=ROOT / "perf-results" / "console.json")
    args = ap.parse_args(argv)
    reason = pg_available()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    parsed = queries.parse_quarter(QUARTER)
    assert parsed
    quarter = parsed[0]
    info: dict[str, Any] = {}
    results: list[Result] = []
    ok = True
    with database(args) as url:
        print(f"hocvuso console benchmark: province dashboard, database {_dsn(url)}")
        engine = open_database(url)  # migrated to head: the tables exist
        try:
            with engine.connect() as conn:
                loaded = conn.execute(text("SELECT EXISTS (SELECT 1 FROM record)")).scalar()
                built = conn.execute(text("SELECT EXISTS (SELECT 1 FROM summary_person)")).scalar()
            if not loaded:
                communes = plan(args.records, args.seed)
                sizes = sorted(c.total for c in communes)
                print(
                    f"loading {args.records:,} records: {len(communes)} communes of "
                    f"{sizes[0]:,}..{sizes[-1]:,} records, {args.jobs} at a time",
                    flush=True,
                )
                phases = load(url, communes, args.seed, args.jobs)
                load_s = sum(phases.values())
                info["load"] = {k: round(v, 1) for k, v in phases.items()}
                print(
                    f"loaded in {load_s:.1f} s: insert {phases['insert_s']:.1f} s "
                    f"({args.records / phases['insert_s']:,.0f} rows/s), indexes "
                    f"{phases['index_s']:.1f} s, vacuum+analyze {phases['vacuum_s']:.1f} s; "
                    f"{args.records / load_s:,.0f} rows/s overall",
                    flush=True,
                )
            else:
                print("reusing the loaded database (no load)", flush=True)
            by_entity = counts(url)
            n_records = sum(by_entity.values())
            info["records"] = by_entity
            print(
                f"records: {n_records:,} ("
                + ", ".join(f"{k} {v:,}" for k, v in by_entity.items())
                + ")",
                flush=True,
            )
            checked = check_sample(url)
            print(f"checked {checked:,} sampled records: valid envelopes, parents present")
            if not built or args.rebuild or not loaded:
                rebuild_s, _ = _timed(lambda: _rebuild(engine))
                info["rebuild_s"] = round(rebuild_s, 1)
                print(f"summaries rebuilt in {rebuild_s:.1f} s (one transaction)", flush=True)
                with psycopg.connect(_dsn(url), autocommit=True) as conn:
                    conn.execute("VACUUM ANALYZE summary_person, summary_day, person_dim")
            with engine.connect() as conn:
                sizes_mb = {
                    t: round(
                        int(
                            conn.execute(text(f"SELECT pg_total_relation_size('{t}')")).scalar_one()
                        )
                        / 1e6
                    )
                    for t in ("record", "summary_person", "summary_day", "person_dim")
                }
            info["table_mb"] = sizes_mb
            print("table sizes: " + ", ".join(f"{k} {v:,} MB" for k, v in sizes_mb.items()))
        finally:
            engine.dispose()

        srv = ServerThread(url).start()
        try:
            srv.app.state.console_options = ConsoleOptions(insecure_cookies=True)
            auth.add_user(srv.engine, "bench", PASSWORD, "viewer")
            http = login(srv.url)
            page_url = f"{srv.url}/console/?quarter={QUARTER}"
            dsn = _dsn(url)

            raw = psycopg.connect(dsn, autocommit=True)  # kept open, as the server's pool is
            bounds = {"start": quarter.start, "end": quarter.end}

            def baseline() -> list[tuple[Any, ...]]:
                return list(raw.execute(BASELINE_SQL, bounds))

            def direct() -> list[queries.CommuneRow]:
                return queries.dashboard(srv.engine, quarter)

            def page() -> str:
                r = http.get(page_url, timeout=3600)
                assert r.status_code == 200, r.status_code
                return r.text

            # one untimed run of each: caches warm for all three alike
            base_rows, rows, html = baseline(), direct(), page()
            missing = [r.code for r in rows if f"/console/commune/{r.code}" not in html]
            if len(rows) < 92 or missing:
                print(f"! dashboard() gave {len(rows)} communes, {len(missing)} not on the page")
                ok = False
            got = {
                r.code: (r.figures.sessions, r.figures.people, r.figures.mastered, r.figures.vneid)
                for r in rows
            }
            want = dict.fromkeys(got, (0, 0, 0, 0))
            want.update({str(r[0]): tuple(int(x) for x in r[1:]) for r in base_rows})
            if got != want:
                bad = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
                print(
                    f"! dashboard figures differ from the baseline SQL for {len(bad)} communes, "
                    f"e.g. {bad[0]}: dashboard {got.get(bad[0])}, SQL {want.get(bad[0])}"
                )
                ok = False
            totals = [sum(v[i] for v in want.values()) for i in range(4)]
            info["quarter_totals"] = dict(
                zip(("sessions", "people", "mastered", "vneid"), totals, strict=True)
            )
            print(
                f"{QUARTER} province totals: sessions {totals[0]:,}, people {totals[1]:,}, "
                f"mastered {totals[2]:,}, VNeID {totals[3]:,}"
            )
            t_base: list[float] = []
            t_direct: list[float] = []
            t_page: list[float] = []
            for _ in range(args.repeat):
                t_base.append(_timed(baseline)[0])
                t_direct.append(_timed(direct)[0])
                t_page.append(_timed(page)[0])
            reports = {}
            for fmt in ("pdf", "xlsx"):
                dt, r = _timed(
                    lambda fmt=fmt: http.get(
                        f"{srv.url}/console/report",
                        params={"quarter": QUARTER, "format": fmt},
                        timeout=3600,
                    )
                )
                if r.status_code != 200 or len(r.content) < 1000:
                    print(f"! report {fmt}: HTTP {r.status_code}, {len(r.content)} bytes")
                    ok = False
                reports[fmt] = (dt, len(r.content))
            raw.close()
        finally:
            srv.stop()
        if args.keep and not args.reuse:
            print(f"\nkept the database; measure it again with --reuse {_dsn(url)}")

    ms = 1000.0
    base_med = statistics.median(t_base) * ms
    base_p95 = percentile(t_base, 95) * ms
    label = "raw SQL scanning record, same figures"
    results = [
        Result(
            "console",
            f"dashboard page {QUARTER} over HTTP (median)",
            statistics.median(t_page) * ms,
            "ms",
            base_med,
            label,
        ),
        Result(
            "console",
            f"dashboard page {QUARTER} over HTTP (p95)",
            percentile(t_page, 95) * ms,
            "ms",
            base_p95,
            label + " (p95)",
        ),
        Result(
            "console",
            f"queries.dashboard({QUARTER}) direct (median)",
            statistics.median(t_direct) * ms,
            "ms",
            base_med,
            label,
        ),
        Result(
            "console",
            f"queries.dashboard({QUARTER}) direct (p95)",
            percentile(t_direct, 95) * ms,
            "ms",
            base_p95,
            label + " (p95)",
        ),
        Result(
            "console",
            f"quarterly report PDF {QUARTER} (once, {reports['pdf'][1] // 1024} KB)",
            reports["pdf"][0],
            "s",
        ),
        Result(
            "console",
            f"quarterly report XLSX {QUARTER} (once, {reports['xlsx'][1] // 1024} KB)",
            reports["xlsx"][0],
            "s",
        ),
    ]
    print_table(
        f"Province dashboard, 92 communes, {n_records:,} records on PostgreSQL: page time "
        f"({args.repeat} runs)",
        results,
    )
    if "rebuild_s" in info:
        print(f"(summaries rebuild: {info['rebuild_s']:.1f} s)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "records": n_records,
                "communes": 92,
                "quarter": QUARTER,
                "repeat": args.repeat,
                "results": [r.as_json() for r in results],
                "runs_s": {"page": t_page, "direct": t_direct, "baseline": t_base},
                "figures_match": ok,
                **info,
            },
            ensure_ascii=False,
            indent=2,
        ),
        "utf-8",
    )
    print(f"\nwritten {args.out}")
    return 0 if ok else 1


def _rebuild(engine: Any) -> None:
    with engine.begin() as conn:
        summary.rebuild(conn)


if __name__ == "__main__":
    sys.exit(main())
