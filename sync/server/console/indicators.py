"""The indicators of the province's quarterly report (docs: shared domain notes, last section),
per commune and for the province, read from the summary tables (`sync.server.summary`).

Every count of people is a count of distinct people *per commune* (a person record belongs to
one commune); province totals add the communes up. Breakdowns by sex, age band, target group
and (only with consent) ethnic minority and disability use each person's record as it is now;
the age band is the age at the end of the period (from the birth date, or year of the period's
end minus the birth year when only the year is known). Participations are attendance records;
their target group is the one recorded on the event.

Skill measures are the commune report's: people with a record of the skill (or of a skill whose
code starts with the prefix) at or above an outcome in the period.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, case, distinct, func, literal, or_, select, text

from sync.server.catalogue import KIND_CATALOGUE, parse_catalogue
from sync.server.communes import commune_name, province_name
from sync.server.console.queries import Period, known_communes, parse_quarter, previous_quarter
from sync.server.db import read_tx
from sync.server.models import (
    person_dim,
    reference_change,
    summary_count,
    summary_day,
    summary_person,
)

FORMATS = (
    ("class", "Lớp học", "Class"),
    ("community", "Sinh hoạt cộng đồng", "Community session"),
    ("home_visit", "Hỗ trợ tại nhà", "Home visit"),
    ("online", "Trực tuyến", "Online"),
)
TARGET_GROUPS = (
    ("public_servant", "Cán bộ, công chức, viên chức", "Public servants"),
    ("student", "Học sinh, sinh viên", "Students"),
    ("worker", "Người lao động", "Workers"),
    ("citizen", "Người dân", "Citizens"),
)
AGE_BANDS = (
    ("under16", "Dưới 16 tuổi", "Under 16"),
    ("16_59", "Từ 16 đến 59 tuổi", "16 to 59"),
    ("60plus", "Từ 60 tuổi trở lên", "60 and over"),
    ("unknown", "Không rõ tuổi", "Age not known"),
)
ADULT_AGE, OLD_AGE = 16, 60


@dataclass(frozen=True)
class Measure:
    """People with a record of one of `codes` (or a code starting with `prefix`) at outcome
    `kind` or better in the period: kind 'skill' (any), 'prac' (practised), 'indep'."""

    key: str
    vi: str
    en: str
    kind: str = "skill"
    codes: tuple[str, ...] = ()
    prefix: str = ""


IDENTITY = (
    Measure(
        "dd01", "Được hướng dẫn cài VNeID (DD01)", "Helped to install VNeID (DD01)", codes=("DD01",)
    ),
    Measure(
        "dd02",
        "Được hướng dẫn kích hoạt mức 2 (DD02)",
        "Helped to activate level 2 (DD02)",
        codes=("DD02",),
    ),
    Measure(
        "dd02_indep",
        "Tự kích hoạt được mức 2",
        "Activated level 2 on their own",
        "indep",
        ("DD02",),
    ),
)
SERVICES = (
    Measure(
        "dvc",
        "Được hướng dẫn dịch vụ công trực tuyến (DVC)",
        "Helped with online public services (DVC)",
        prefix="DVC",
    ),
    Measure(
        "dvc02",
        "Nộp được hồ sơ trực tuyến (DVC02)",
        "Submitted an application online (DVC02)",
        "prac",
        ("DVC02",),
    ),
    Measure(
        "tt",
        "Được hướng dẫn thanh toán không tiền mặt (TT)",
        "Helped with cashless payment (TT)",
        prefix="TT",
    ),
    Measure(
        "tt01",
        "Mở được tài khoản/ví (TT01)",
        "Opened an account or e-wallet (TT01)",
        "prac",
        ("TT01",),
    ),
    Measure(
        "tt03",
        "Tiểu thương có mã QR nhận tiền (TT03)",
        "Traders with a payment QR (TT03)",
        "prac",
        ("TT03",),
    ),
    Measure(
        "yt01",
        "Kích hoạt Sổ sức khỏe điện tử (YT01)",
        "Activated the e-health book (YT01)",
        "prac",
        ("YT01",),
    ),
)

Value = int | float | None


@dataclass
class Table:
    key: str
    title_vi: str
    title_en: str
    columns: list[tuple[str, str]]  # (vi, en) headers of the value columns
    label_vi: str  # header of the label column
    label_en: str
    rows: list[tuple[str, list[Value]]] = field(default_factory=list)
    total: tuple[str, list[Value]] | None = None
    note_vi: str = ""
    note_en: str = ""
    percent: frozenset[int] = frozenset()  # value columns holding shares (0..1)
    decimals: frozenset[int] = frozenset()  # value columns holding hours or averages


@dataclass
class ProvinceReport:
    province: str
    quarter: Period
    previous: Period
    ytd: Period
    made_at: datetime
    communes: list[tuple[str, str]]  # (code, name)
    summary: Table  # key indicators: quarter, previous quarter, change, year to date
    breakdowns: list[Table]  # province-level: programme, target group, sex and age, skills
    annex_quarter: list[Table]  # per commune, the quarter
    annex_ytd: list[Table]  # per commune, the year to date


# -- counting --------------------------------------------------------------------------------


def _people(
    conn: Connection, period: Period, kind: str, codes: Sequence[str] = (), prefix: str = ""
) -> dict[str, int]:
    """commune -> distinct people with a summary row of `kind` for these skills."""
    sp = summary_person.c
    cond: list[Any] = [sp.kind == kind, sp.quarter.in_(period.quarters)]
    if codes or prefix:
        alts: list[Any] = []
        if codes:
            alts.append(sp.key.in_(list(codes)))
        if prefix:
            alts.append(sp.key.like(prefix + "%"))
        cond.append(or_(*alts))
    rows = conn.execute(
        select(sp.commune_code, func.count(distinct(sp.person_id)))
        .where(*cond)
        .group_by(sp.commune_code)
    )
    return {str(c): int(n) for c, n in rows}


def _pairs(conn: Connection, period: Period, kind: str) -> dict[str, int]:
    """commune -> distinct (person, skill) pairs of `kind` in the period."""
    sp = summary_person.c
    who = sp.person_id.concat(" ").concat(sp.key)
    counted: Any = func.count() if len(period.quarters) == 1 else func.count(distinct(who))
    rows = conn.execute(
        select(sp.commune_code, counted)
        .where(sp.kind == kind, sp.quarter.in_(period.quarters))
        .group_by(sp.commune_code)
    )
    return {str(c): int(n) for c, n in rows}


def _day_sums(conn: Connection, period: Period | None, metric: str) -> dict[tuple[str, str], int]:
    """(commune, dim) -> sum of a daily metric in the period (None: the "now" metrics)."""
    sd = summary_day.c
    cond: list[Any] = [sd.metric == metric]
    cond.append(sd.day == "" if period is None else sd.day.between(period.start, period.end))
    rows = conn.execute(
        select(sd.commune_code, sd.dim, func.sum(sd.n))
        .where(*cond)
        .group_by(sd.commune_code, sd.dim)
    )
    return {(str(c), str(d)): int(n) for c, d, n in rows}


@dataclass
class _PeopleSplit:
    people: int = 0
    participations: int = 0
    sex: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    band: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    group: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    minority: int = 0
    disability: int = 0


def _people_split(conn: Connection, period: Period) -> dict[str, _PeopleSplit]:
    """Distinct people reached per commune, split by their attributes (as recorded now).
    The heaviest query of the report: kept per connection and period, so the annex and the
    province breakdowns share one run."""
    cache: dict[Period, dict[str, _PeopleSplit]] = conn.info.setdefault("hv_people_split", {})
    if period not in cache:
        cache[period] = _people_split_query(conn, period)
    return cache[period]


def _people_split_query(conn: Connection, period: Period) -> dict[str, _PeopleSplit]:
    sp, d = summary_person.c, person_dim.c
    reach = (
        select(sp.commune_code, sp.person_id, func.sum(sp.att).label("att"))
        .where(sp.kind == "reach", sp.quarter.in_(period.quarters))
        .group_by(sp.commune_code, sp.person_id)
        .subquery()
    )
    end_year, end_md = int(period.end[:4]), period.end[5:10]
    age = literal(end_year) - d.birth_year - case((d.birth_md > end_md, 1), else_=0)
    band = case(
        (d.birth_year.is_(None), "unknown"),
        (age < ADULT_AGE, "under16"),
        (age < OLD_AGE, "16_59"),
        else_="60plus",
    ).label("band")
    stmt = (
        select(
            reach.c.commune_code,
            d.sex,
            band,
            d.target_group,
            d.minority,
            d.disability,
            func.count(),
            func.sum(reach.c.att),
        )
        .select_from(reach.outerjoin(person_dim, person_dim.c.person_id == reach.c.person_id))
        .group_by(reach.c.commune_code, d.sex, band, d.target_group, d.minority, d.disability)
    )
    out: dict[str, _PeopleSplit] = {}
    for code, sex, bnd, group, minority, disability, n, att in conn.execute(stmt):
        s = out.setdefault(str(code), _PeopleSplit())
        n = int(n)
        s.people += n
        s.participations += int(att or 0)
        s.sex[sex if sex in ("M", "F") else "?"] += n
        s.band[str(bnd or "unknown")] += n
        s.group[group if group in dict((g[0], g) for g in TARGET_GROUPS) else "?"] += n
        if minority:
            s.minority += n
        if disability:
            s.disability += n
    return out


# -- the skill catalogue the province published (or the one shipped) ------------------------

_SHIPPED = Path(__file__).resolve().parents[3] / "resources" / "data" / "skills_catalogue.csv"


def catalogue(conn: Connection) -> list[dict[str, str]]:
    """The latest published catalogue's skills, else the catalogue shipped with the program."""
    rc = reference_change.c
    row = conn.execute(
        select(rc.payload).where(rc.kind == KIND_CATALOGUE).order_by(rc.seq.desc()).limit(1)
    ).first()
    if row is not None:
        payload = row[0]
        if isinstance(payload, dict) and isinstance(payload.get("skills"), list):
            return [dict(s) for s in payload["skills"]]
    try:
        return parse_catalogue(_SHIPPED.read_text("utf-8"))
    except (OSError, ValueError):
        return []


# -- tables ----------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def _commune_tables(
    conn: Connection, period: Period, communes: Sequence[tuple[str, str]], tag: str
) -> list[Table]:
    label = ("Xã, phường", "Commune")
    sess = _day_sums(conn, period, "sessions")
    split = _people_split(conn, period)
    skill_people = _people(conn, period, "skill")
    indep_people = _people(conn, period, "indep")
    mastered = _pairs(conn, period, "indep")
    measures = {
        m.key: _people(conn, period, m.kind, m.codes, m.prefix) for m in (*IDENTITY, *SERVICES)
    }
    dd02_total = _so_far(conn, period, "indep", "DD02")
    adults = _day_sums(conn, None, "adults")
    members = _day_sums(conn, None, "members")
    led = _day_sums(conn, period, "member_sessions")
    minutes = _day_sums(conn, period, "member_minutes")

    def by_commune(d: Mapping[tuple[str, str], int], prefix: str = "") -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for (c, dim), n in d.items():
            if dim.startswith(prefix):
                out[c] += n
        return out

    adults_c = by_commune(adults)
    members_c = by_commune(members)
    minutes_c = by_commune(minutes)
    led_members: dict[str, int] = defaultdict(int)
    for (c, _dim), n in led.items():
        if n > 0:
            led_members[c] += 1

    t1 = Table(
        f"sessions_{tag}",
        "Buổi hỗ trợ đã tổ chức theo hình thức",
        "Sessions held by format",
        [(vi, en) for _k, vi, en in FORMATS] + [("Tổng số", "Total")],
        *label,
    )
    t2 = Table(
        f"people_{tag}",
        "Người được hỗ trợ và lượt tham gia",
        "People helped and participations",
        [
            ("Người được hỗ trợ", "People helped"),
            ("Lượt tham gia", "Participations"),
            ("Nữ", "Women"),
            ("Nam", "Men"),
            ("Dưới 16", "Under 16"),
            ("16–59", "16–59"),
            ("Từ 60", "60+"),
            ("Dân tộc thiểu số*", "Ethnic minority*"),
            ("Khuyết tật*", "Disability*"),
        ],
        *label,
        note_vi="* Chỉ tính người đã đồng ý cho ghi nhận (Nghị định 356/2025).",
        note_en="* Only people who consented to it being recorded (Decree 356/2025).",
    )
    t3 = Table(
        f"skills_{tag}",
        "Kỹ năng: người được hỗ trợ và người tự làm được",
        "Skills: people helped and people who can do it on their own",
        [
            ("Người được hỗ trợ kỹ năng", "People helped with a skill"),
            ("Người tự làm được ≥1 kỹ năng", "People independent in ≥1 skill"),
            ("Lượt kỹ năng tự làm được", "Skills mastered (person, skill)"),
        ],
        *label,
    )
    t4 = Table(
        f"identity_{tag}",
        "Định danh điện tử (VNeID)",
        "Digital identity (VNeID)",
        [(m.vi, m.en) for m in IDENTITY]
        + [
            ("Lũy kế tự kích hoạt mức 2", "Level 2 on their own, cumulative"),
            ("Dân số từ 16 tuổi (đã nhập)", "Adults (as entered)"),
            ("Tỷ lệ bao phủ", "Coverage"),
        ],
        *label,
        percent=frozenset({5}),
        note_vi="Tỷ lệ bao phủ = lũy kế người tự kích hoạt mức 2 / dân số từ 16 tuổi các thôn đã nhập.",
        note_en="Coverage = cumulative people with level 2 on their own / adults entered for the villages.",
    )
    t5 = Table(
        f"services_{tag}",
        "Dịch vụ công trực tuyến, thanh toán không tiền mặt, y tế số",
        "Online public services, cashless payment, e-health",
        [(m.vi, m.en) for m in SERVICES],
        *label,
    )
    t6 = Table(
        f"team_{tag}",
        "Hoạt động của Tổ công nghệ số cộng đồng",
        "Community digital technology team activity",
        [
            ("Thành viên (đang hoạt động)", "Members (active)"),
            ("Thành viên có buổi hỗ trợ", "Members who led sessions"),
            ("Lượt thành viên tham gia buổi", "Member-sessions"),
            ("Giờ hỗ trợ", "Hours"),
            ("Buổi / thành viên", "Sessions per member"),
            ("Giờ / thành viên", "Hours per member"),
        ],
        *label,
        decimals=frozenset({3, 4, 5}),
        note_vi="Tính trên thành viên có buổi hỗ trợ trong kỳ.",
        note_en="Per member who led at least one session in the period.",
    )
    for code, name in communes:
        fmts = [sess.get((code, f"format:{k}"), 0) for k, _vi, _en in FORMATS]
        t1.rows.append((name or code, [*fmts, sum(fmts)]))
        s = split.get(code, _PeopleSplit())
        t2.rows.append(
            (
                name or code,
                [
                    s.people,
                    s.participations,
                    s.sex.get("F", 0),
                    s.sex.get("M", 0),
                    s.band.get("under16", 0),
                    s.band.get("16_59", 0),
                    s.band.get("60plus", 0),
                    s.minority,
                    s.disability,
                ],
            )
        )
        t3.rows.append(
            (
                name or code,
                [skill_people.get(code, 0), indep_people.get(code, 0), mastered.get(code, 0)],
            )
        )
        a = adults_c.get(code, 0)
        total = dd02_total.get(code, 0)
        t4.rows.append(
            (
                name or code,
                [measures[m.key].get(code, 0) for m in IDENTITY]
                + [total, a or None, _ratio(total, a)],
            )
        )
        t5.rows.append((name or code, [measures[m.key].get(code, 0) for m in SERVICES]))
        ms = sum(n for (c, _d), n in led.items() if c == code)
        hours = round(minutes_c.get(code, 0) / 60, 1)
        active = led_members.get(code, 0)
        t6.rows.append(
            (
                name or code,
                [
                    members_c.get(code, 0),
                    active,
                    ms,
                    hours,
                    round(ms / active, 1) if active else None,
                    round(hours / active, 1) if active else None,
                ],
            )
        )
    tables = [t1, t2, t3, t4, t5, t6]
    for t in tables:
        t.total = (f"Toàn tỉnh ({len(communes)} xã, phường)", _total(t))
    # Averages and shares of the province are worked out from its totals, not added up.
    tot4 = t4.total[1] if t4.total else []
    if tot4:
        tot4[4] = tot4[4] or None
        tot4[5] = _ratio(float(tot4[3] or 0), float(tot4[4] or 0))
    tot6 = t6.total[1] if t6.total else []
    if tot6:
        tot6[3] = round(float(tot6[3] or 0), 1)
        act = float(tot6[1] or 0)
        tot6[4] = round(float(tot6[2] or 0) / act, 1) if act else None
        tot6[5] = round(float(tot6[3] or 0) / act, 1) if act else None
    return tables


def _total(t: Table) -> list[Value]:
    width = len(t.columns)
    sums: list[Value] = [0] * width
    for _label, values in t.rows:
        for i, v in enumerate(values):
            if isinstance(v, int | float) and i not in t.percent:
                sums[i] = (sums[i] or 0) + v
    for i in t.percent:
        sums[i] = None
    return sums


def _so_far(conn: Connection, period: Period, kind: str, key: str) -> dict[str, int]:
    """commune -> distinct people with a `kind` row of `key` in any quarter up to the period's
    last: each counted once, at their first quarter (see `summary.FIRST_KEYS`)."""
    sc = summary_count.c
    rows = conn.execute(
        select(sc.commune_code, func.sum(sc.people))
        .where(sc.kind == f"first_{kind}", sc.key == key, sc.quarter <= period.quarters[-1])
        .group_by(sc.commune_code)
    )
    return {str(c): int(n or 0) for c, n in rows}


def _breakdowns(conn: Connection, windows: Sequence[tuple[str, str, Period]]) -> list[Table]:
    """Province-level tables with one column per window (quarter, year to date)."""
    heads = [(vi, en) for vi, en, _p in windows]
    prog = Table(
        "programmes",
        "Buổi đã tổ chức theo chương trình",
        "Sessions held by programme",
        list(heads),
        "Chương trình",
        "Programme",
    )
    groups = Table(
        "target_groups",
        "Người được hỗ trợ theo nhóm đối tượng",
        "People helped by target group",
        [(f"{vi}: người", f"{en}: people") for vi, en in heads]
        + [(f"{vi}: lượt", f"{en}: participations") for vi, en in heads],
        "Nhóm đối tượng",
        "Target group",
        note_vi="Người: theo nhóm ghi trong hồ sơ hiện tại; lượt: theo nhóm ghi ở từng lượt.",
        note_en="People: by the group on their record now; participations: by the group on each event.",
    )
    ages = Table(
        "sex_age",
        "Người được hỗ trợ theo giới tính và độ tuổi",
        "People helped by sex and age",
        list(heads),
        "Nhóm",
        "Group",
        note_vi="Tuổi tính đến ngày cuối kỳ.",
        note_en="Age at the end of the period.",
    )
    skills = Table(
        "skill_list",
        "Người được hỗ trợ theo nhóm kỹ năng và kỹ năng",
        "People helped by skill group and skill",
        [(f"{vi}: được hỗ trợ", f"{en}: helped") for vi, en in heads]
        + [(f"{vi}: tự làm được", f"{en}: on their own") for vi, en in heads],
        "Kỹ năng",
        "Skill",
    )
    cat = catalogue(conn)
    group_of = {s["code"]: s.get("group", "") for s in cat}
    names = {s["code"]: s.get("name_vi", s["code"]) for s in cat}
    w = len(windows)

    def per_window() -> defaultdict[str, list[int]]:
        return defaultdict(lambda: [0] * w)

    prog_rows, grp_people, grp_att, age_rows = (per_window() for _ in range(4))
    skill_helped, skill_indep = per_window(), per_window()
    for i, (_vi, _en, period) in enumerate(windows):
        for (_c, dim), n in _day_sums(conn, period, "sessions").items():
            if dim.startswith("programme:"):
                prog_rows[dim.removeprefix("programme:")][i] += n
        for (_c, dim), n in _day_sums(conn, period, "attendance").items():
            grp_att[dim.removeprefix("tg:")][i] += n
        for s in _people_split(conn, period).values():
            for g, n in s.group.items():
                grp_people[g][i] += n
            for k, n in s.sex.items():
                age_rows["sex:" + k][i] += n
            for k, n in s.band.items():
                age_rows["band:" + k][i] += n
        for kind, target in (("skill", skill_helped), ("indep", skill_indep)):
            for key, n in _skill_counts(conn, period, kind, group_of).items():
                target[key][i] = n
    for code in sorted(prog_rows):
        prog.rows.append((code, _values(prog_rows[code])))
    prog.total = ("Tổng số", [sum(int(v[i] or 0) for v in prog_rows.values()) for i in range(w)])
    for g, vi, _en in TARGET_GROUPS:
        groups.rows.append((vi, _values(grp_people[g] + grp_att[g])))
    if "?" in grp_people or "?" in grp_att:
        groups.rows.append(("Không rõ", _values(grp_people["?"] + grp_att["?"])))
    groups.total = ("Tổng số", [sum(int(r[1][i] or 0) for r in groups.rows) for i in range(2 * w)])
    for key, vi in (("sex:F", "Nữ"), ("sex:M", "Nam"), ("sex:?", "Không rõ giới tính")):
        if key != "sex:?" or key in age_rows:
            ages.rows.append((vi, _values(age_rows[key])))
    for k, vi, _en in AGE_BANDS:
        if k != "unknown" or f"band:{k}" in age_rows:
            ages.rows.append((vi, _values(age_rows[f"band:{k}"])))
    ordered_groups = list(
        dict.fromkeys(
            [group_of[c] for c in group_of]
            + [k[2:] for k in skill_helped if k.startswith("g:") and k[2:] not in group_of.values()]
        )
    )
    seen_codes = {k[2:] for k in skill_helped if k.startswith("s:")} | {
        k[2:] for k in skill_indep if k.startswith("s:")
    }
    for g in ordered_groups:
        codes = [c for c in group_of if group_of[c] == g and c in seen_codes]
        skills.rows.append((f"Nhóm: {g}", _values(skill_helped["g:" + g] + skill_indep["g:" + g])))
        for c in codes:
            skills.rows.append(
                (
                    f"   {c} — {names.get(c, c)}",
                    _values(skill_helped["s:" + c] + skill_indep["s:" + c]),
                )
            )
    other = sorted(c for c in seen_codes if c not in group_of)
    for c in other:
        skills.rows.append(
            (f"   {c} — (ngoài danh mục)", _values(skill_helped["s:" + c] + skill_indep["s:" + c]))
        )
    return [prog, groups, ages, skills]


def _values(xs: Sequence[int]) -> list[Value]:
    return [x for x in xs]


def _skill_counts(
    conn: Connection, period: Period, kind: str, group_of: Mapping[str, str]
) -> dict[str, int]:
    """'s:<code>' and 'g:<group>' -> distinct people (summed over communes)."""
    sp = summary_person.c
    out: dict[str, int] = {}
    for key, n in conn.execute(
        select(sp.key, func.count(distinct(sp.commune_code.concat(" ").concat(sp.person_id))))
        .where(sp.kind == kind, sp.quarter.in_(period.quarters))
        .group_by(sp.key)
    ):
        out["s:" + str(key)] = int(n)
    if group_of:
        grp = case(*((sp.key == c, literal(g)) for c, g in group_of.items()), else_=literal(""))
        for g, n in conn.execute(
            select(grp, func.count(distinct(sp.commune_code.concat(" ").concat(sp.person_id))))
            .where(sp.kind == kind, sp.quarter.in_(period.quarters))
            .group_by(grp)
        ):
            if g:
                out["g:" + str(g)] = int(n)
    return out


SUMMARY_LINES: tuple[tuple[str, str, str, str, int], ...] = (
    # (key, vi, en, annex table key prefix, column index)
    ("sessions", "Buổi hỗ trợ đã tổ chức", "Sessions held", "sessions", 4),
    ("people", "Người được hỗ trợ", "People helped", "people", 0),
    ("participations", "Lượt tham gia", "Participations", "people", 1),
    ("women", "trong đó: nữ", "of whom: women", "people", 2),
    ("old", "trong đó: từ 60 tuổi", "of whom: 60 and over", "people", 6),
    (
        "indep",
        "Người tự làm được ít nhất một kỹ năng",
        "People independent in at least one skill",
        "skills",
        1,
    ),
    ("mastered", "Lượt kỹ năng tự làm được", "Skills mastered (person, skill)", "skills", 2),
    ("dd02", "Tự kích hoạt VNeID mức 2", "Activated VNeID level 2 on their own", "identity", 2),
    (
        "dvc",
        "Được hướng dẫn dịch vụ công trực tuyến",
        "Helped with online public services",
        "services",
        0,
    ),
    (
        "tt",
        "Được hướng dẫn thanh toán không tiền mặt",
        "Helped with cashless payment",
        "services",
        2,
    ),
    ("yt01", "Kích hoạt Sổ sức khỏe điện tử", "Activated the e-health book", "services", 5),
    ("members", "Thành viên Tổ có buổi hỗ trợ", "Team members who led sessions", "team", 1),
    ("hours", "Giờ hỗ trợ của Tổ", "Team hours", "team", 3),
)


def _summary(q: list[Table], prev: list[Table], ytd: list[Table]) -> Table:
    t = Table(
        "summary",
        "Kết quả chính của toàn tỉnh",
        "Key results of the province",
        [
            ("Quý này", "This quarter"),
            ("Quý trước", "Previous quarter"),
            ("Tăng/giảm", "Change"),
            ("Lũy kế năm", "Year to date"),
        ],
        "Chỉ tiêu",
        "Indicator",
        decimals=frozenset(),
    )

    def total(tables: Iterable[Table], prefix: str, col: int) -> float:
        for tb in tables:
            if tb.key.startswith(prefix + "_") and tb.total:
                return float(tb.total[1][col] or 0)
        return 0.0

    for _key, vi, _en, prefix, col in SUMMARY_LINES:
        a, b, y = total(q, prefix, col), total(prev, prefix, col), total(ytd, prefix, col)

        def num(x: float) -> Value:
            return int(x) if float(x).is_integer() else round(x, 1)

        t.rows.append((vi, [num(a), num(b), num(a - b), num(y)]))
    return t


def province_report(
    engine: Engine, quarter: str, *, made_at: datetime | None = None
) -> ProvinceReport:
    parsed = parse_quarter(quarter)
    if parsed is None:
        raise ValueError(f"bad quarter {quarter!r}")
    q, ytd = parsed
    prev_parsed = parse_quarter(previous_quarter(q.label))
    assert prev_parsed is not None
    prev = prev_parsed[0]
    with read_tx(engine) as conn:
        conn.info.pop("hv_people_split", None)
        if conn.dialect.name == "postgresql":
            # Distinct counts over millions of summary rows: sort and hash in memory.
            conn.execute(text("SET LOCAL work_mem = '128MB'"))
        communes = [(c, commune_name(c)) for c in known_communes(conn)]
        annex_q = _commune_tables(conn, q, communes, "q")
        annex_p = _commune_tables(conn, prev, communes, "p")
        annex_y = _commune_tables(conn, ytd, communes, "y")
        breakdowns = _breakdowns(
            conn,
            [
                (f"Quý {q.label}", f"Quarter {q.label}", q),
                (f"Lũy kế {ytd.label}", f"Year to date {ytd.label}", ytd),
            ],
        )
        conn.info.pop("hv_people_split", None)  # the pooled connection outlives this report
    return ProvinceReport(
        province_name(),
        q,
        prev,
        ytd,
        made_at or datetime.now(UTC),
        communes,
        _summary(annex_q, annex_p, annex_y),
        breakdowns,
        annex_q,
        annex_y,
    )


def table_csv(t: Table) -> str:
    """A table as CSV text (tests and debugging)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([t.label_vi, *(vi for vi, _en in t.columns)])
    for label, values in t.rows:
        w.writerow([label, *values])
    if t.total:
        w.writerow([t.total[0], *t.total[1]])
    return buf.getvalue()
