"""The commune's quarterly report: every figure equals what a reader recomputes from the raw CSV
exports (people, sessions, attendance, skills), breakdowns add up to their totals for any
period, period boundaries and tombstones are respected, and the PDF, XLSX and command line
carry the same numbers.

The reference computation below works only from the exported files (plus, for the two
consent-only figures that the exports deliberately leave out, the person table), in plain
Python, independently of the SQL in `app.reports.indicators`.
"""

from __future__ import annotations

import argparse
import csv
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from app.demo import generate
from app.installation import Installation, init_installation
from app.keystore import FAST_KDF
from app.models import AuditLog, ClassSession, Person, Skill, Village
from app.reports import Period, Table, compute_report, format_value, write_report
from app.reports.indicators import (
    AGE_BANDS,
    IDENTITY_MEASURES,
    NO_VILLAGE,
    SERVICE_MEASURES,
    UNKNOWN,
    CommuneReport,
)
from app.services import directory, people, sessions
from app.services.exporting import COLUMNS, export
from app.services.people import PersonInput
from app.services.sessions import SessionInput
from app.vocab import FORMATS, OUTCOME_RANK, OUTCOMES, SESSION_STATUSES, TARGET_GROUPS
from tests.conftest import PASSWORD

TODAY = date(2026, 10, 15)
SEED = 20261015
PEOPLE = 600
Q3 = Period.quarter("2026-Q3")


# -- the demo commune and its exports -------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    inst: Installation
    report: CommuneReport
    rows: dict[str, list[dict[str, str]]]  # export kind -> rows keyed by column key


def _read_export(path: Path, kind: str) -> list[dict[str, str]]:
    keys = {c.header: c.key for c in COLUMNS[kind]}
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{keys[h]: v for h, v in row.items()} for row in csv.DictReader(f)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("reports")
    inst, _ = init_installation(
        folder / "hocvuso.db", "01840", "Nguyễn Văn Đức", PASSWORD, kdf=FAST_KDF
    )
    generate(inst, PEOPLE, SEED, today=TODAY)
    rows: dict[str, list[dict[str, str]]] = {}
    with inst.db.session(inst.actor) as s:
        for kind in COLUMNS:
            out = folder / f"{kind}.csv"
            export(s, inst.actor, kind, "csv", out)
            rows[kind] = _read_export(out, kind)
        report = compute_report(s, Q3)
    yield Demo(inst, report, rows)
    inst.close()


# -- the reference computation, from the exported rows --------------------------------------


def _day(text_: str) -> date:
    return datetime.strptime(text_, "%d/%m/%Y").date()


def _rev(vocab: dict[str, tuple[str, str]]) -> dict[str, str]:
    return {vi: code for code, (vi, _en) in vocab.items()}


GROUP_OF = _rev(TARGET_GROUPS)
RANK_OF = {vi: OUTCOME_RANK[code] for code, (vi, _en) in OUTCOMES.items()}
HELD = SESSION_STATUSES["held"][0]
INDEPENDENT = max(OUTCOME_RANK.values())


@dataclass(frozen=True)
class Windows:
    cur: Period
    prev: Period
    ytd: Period

    def items(self) -> list[tuple[str, Period]]:
        return [("cur", self.cur), ("prev", self.prev), ("ytd", self.ytd)]


def windows(report: CommuneReport) -> Windows:
    return Windows(report.period, report.previous, report.year_to_date)


@dataclass(frozen=True)
class Ev:
    """One exported attendance or skill row, parsed."""

    day: date
    pid: str
    tg: str
    sex: str
    village: str
    by: int | None
    code: str = ""
    rank: int = -1


def _ev(r: dict[str, str], skill: bool) -> Ev:
    return Ev(
        day=_day(r["day"]),
        pid=r["person_id"],
        tg=GROUP_OF.get(r["target_group"], r["target_group"]),
        sex=r["sex"] or UNKNOWN[0],
        village=r["village"] or NO_VILLAGE[0],
        by=int(r["birth_year"]) if r["birth_year"] else None,
        code=r["skill_code"] if skill else "",
        rank=RANK_OF[r["outcome"]] if skill else -1,
    )


class Reference:
    """Indicators recomputed from export rows, keyed by the report's Vietnamese row labels."""

    def __init__(self, d: Demo) -> None:
        self.d = d
        self.w = windows(d.report)
        self.birth_dates = {
            r["person_id"]: _day(r["birth_date"]) for r in d.rows["people"] if r["birth_date"]
        }
        self.att = [_ev(r, False) for r in d.rows["attendance"]]
        self.skills = [_ev(r, True) for r in d.rows["skills"]]

    def age(self, pid: str, by: int | None, day: date) -> int | None:
        bd = self.birth_dates.get(pid)
        if bd is not None:
            return day.year - bd.year - ((day.month, day.day) < (bd.month, bd.day))
        return None if by is None else day.year - by

    def band(self, pid: str, by: int | None, day: date) -> str:
        a = self.age(pid, by, day)
        code = "unknown" if a is None else "under16" if a < 16 else "16_59" if a < 60 else "60plus"
        return AGE_BANDS[code][0]

    # -- II
    def people_and_parts(self) -> tuple[dict[str, dict[str, dict[str, int]]], ...]:
        """({dim: {label: {window: n}}} for people, the same for participations)."""
        order = {g: i for i, g in enumerate(TARGET_GROUPS)}
        ppl: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
        parts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))

        def bump(target: Any, dim: str, label: str, w: str) -> None:
            target[dim][label][w] = target[dim][label].get(w, 0) + 1

        for w, p in self.w.items():
            for e in self.att:
                if p.contains(e.day):
                    bump(parts, "tg", TARGET_GROUPS[e.tg][0], w)
                    bump(parts, "sex", e.sex, w)
                    bump(parts, "band", self.band(e.pid, e.by, e.day), w)
                    bump(parts, "village", e.village, w)
                    bump(parts, "total", "total", w)
            first: dict[str, tuple[date, int, str, Ev]] = {}
            for e in self.att + self.skills:
                if not p.contains(e.day):
                    continue
                key = (e.day, order.get(e.tg, 9), e.tg, e)
                if e.pid not in first or key[:3] < first[e.pid][:3]:
                    first[e.pid] = key
            for pid, (day, _o, tg, e) in first.items():
                bump(ppl, "tg", TARGET_GROUPS[tg][0], w)
                bump(ppl, "sex", e.sex, w)
                bump(ppl, "band", self.band(pid, e.by, day), w)
                bump(ppl, "village", e.village, w)
                bump(ppl, "total", "total", w)
        return ppl, parts

    # -- III-V
    def pairs(self) -> dict[tuple[str, str], list[tuple[date, int]]]:
        out: dict[tuple[str, str], list[tuple[date, int]]] = defaultdict(list)
        for e in self.skills:
            out[(e.pid, e.code)].append((e.day, e.rank))
        return out

    def skill_figures(self) -> dict[str, dict[str, int]]:
        """{indicator: {window: n}} for table 3.1 and the measures of 4.1 and 5.1."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        pairs = self.pairs()
        for w, p in self.w.items():
            sets: dict[str, set[str]] = defaultdict(set)
            counts: dict[str, int] = defaultdict(int)
            for (pid, code), recs in pairs.items():
                inside = [r for d, r in recs if p.contains(d)]
                if not inside:
                    continue
                before = [r for d, r in recs if d < p.date_from]
                best_in, best_before = max(inside), max(before, default=-1)
                first_ind = min((d for d, r in recs if r == INDEPENDENT), default=None)
                new = first_ind is not None and p.contains(first_ind)
                sets["helped"].add(pid)
                if best_in > best_before:
                    sets["rose"].add(pid)
                if before and best_in > best_before:
                    sets["rose_continuing"].add(pid)
                if best_in == INDEPENDENT:
                    sets["independent"].add(pid)
                if new:
                    sets["new_independent"].add(pid)
                    counts["new_independent_pairs"] += 1
                counts["skill_records"] += len(inside)
                for m in (*IDENTITY_MEASURES, *SERVICE_MEASURES):
                    if code not in m.codes and not any(code.startswith(x) for x in m.prefixes):
                        continue
                    if (m.first_time and new) or (
                        not m.first_time and best_in >= OUTCOME_RANK[m.min_outcome]
                    ):
                        sets[m.key].add(pid)
            for k, v in sets.items():
                out[k][w] = len(v)
            for k, n in counts.items():
                out[k][w] = n
        return out

    def per_skill(self) -> dict[str, dict[str, int]]:
        """{code: {helped_cur: n, indep_cur: n, ...}} for table 3.3."""
        out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for (_pid, code), recs in self.pairs().items():
            for w, p in self.w.items():
                inside = [r for d, r in recs if p.contains(d)]
                if inside:
                    out[code][f"helped_{w}"] += 1
                    out[code][f"indep_{w}"] += max(inside) == INDEPENDENT
        return out

    def per_group(self, group_of: dict[str, str]) -> dict[str, dict[str, int]]:
        sets: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for (pid, code), recs in self.pairs().items():
            for w, p in self.w.items():
                inside = [r for d, r in recs if p.contains(d)]
                if inside:
                    sets[group_of[code]][f"helped_{w}"].add(pid)
                    if max(inside) == INDEPENDENT:
                        sets[group_of[code]][f"indep_{w}"].add(pid)
        return {g: {k: len(v) for k, v in d.items()} for g, d in sets.items()}

    def identity_villages(self) -> dict[str, tuple[int, int, int, int]]:
        """{village: (helped by end, level 2 by end, level 2 by previous end, new level 2)}."""
        end, prev_end = self.w.cur.date_to, self.w.prev.date_to
        first: dict[str, date] = {}
        level2: dict[str, date] = {}
        info: dict[str, Ev] = {}
        for e in self.skills:
            if e.code not in ("DD01", "DD02") or e.day > max(end, prev_end):
                continue
            info[e.pid] = e
            first[e.pid] = min(first.get(e.pid, e.day), e.day)
            if e.code == "DD02" and e.rank == INDEPENDENT:
                level2[e.pid] = min(level2.get(e.pid, e.day), e.day)
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for pid, e in info.items():
            a = self.age(pid, e.by, end)
            if a is not None and a < 16:
                continue
            v = out[e.village]
            v[0] += first[pid] <= end
            l2 = level2.get(pid)
            v[1] += l2 is not None and l2 <= end
            v[2] += l2 is not None and l2 <= prev_end
            v[3] += l2 is not None and self.w.cur.contains(l2)
        return {k: (v[0], v[1], v[2], v[3]) for k, v in out.items()}

    # -- I and VI
    def held(self) -> list[dict[str, Any]]:
        out = []
        for r in self.d.rows["sessions"]:
            if r["status"] != HELD:
                continue
            minutes = 0
            if r["starts_at"] and r["ends_at"]:
                a = datetime.strptime(r["starts_at"], "%H:%M")
                b = datetime.strptime(r["ends_at"], "%H:%M")
                minutes = max(0, int((b - a).total_seconds() // 60))
            team = [t for t in r["team_members"].split("; ") if t]
            out.append(
                {
                    "day": _day(r["day"]),
                    "format": r["format"],
                    "programme": r["programme"],
                    "team": team,
                    "minutes": minutes,
                }
            )
        return out


@pytest.fixture(scope="module")
def ref(demo: Demo) -> Reference:
    return Reference(demo)


def _col(table: Table, row_label: str, col: str) -> Any:
    for r in table.rows:
        if r.vi == row_label:
            return r.values[table.column_index(col)]
    raise KeyError(row_label)


def _int(v: Any) -> int:
    assert isinstance(v, int)
    return v


def _labels(table: Table) -> list[str]:
    return [r.vi for r in table.items()]


# -- every figure equals the exports ----------------------------------------------------------


def test_sessions_held_equal_the_sessions_export(demo: Demo, ref: Reference) -> None:
    held = ref.held()
    for key, attr in (("sessions.format", "format"), ("sessions.programme", "programme")):
        t = demo.report.table(key)
        expected: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for s in held:
            for w, p in ref.w.items():
                if p.contains(s["day"]):
                    expected[s[attr]][w] += 1
                    expected["Tổng số buổi"][w] += 1
        assert expected, "the demo must hold sessions in the quarter"
        for label, counts in expected.items():
            for w in ("cur", "prev", "ytd"):
                assert _col(t, label, w) == counts[w], (key, label, w)
            assert _col(t, label, "change") == counts["cur"] - counts["prev"]
        for r in t.rows:  # and nothing else is counted
            assert r.values[0] == expected.get(r.vi, {}).get("cur", 0)
    assert set(_labels(demo.report.table("sessions.format"))) == {v for v, _ in FORMATS.values()}


def test_people_and_participations_equal_the_exports(demo: Demo, ref: Reference) -> None:
    ppl, parts = ref.people_and_parts()
    summary = demo.report.table("people.summary")
    for w in ("cur", "prev", "ytd"):
        assert summary.value("people", w) == ppl["total"]["total"][w]
        assert summary.value("participations", w) == parts["total"]["total"][w]
    assert _int(summary.value("people", "cur")) > 100  # a meaningful test, not zeros
    for key, dim in (
        ("people.target_group", "tg"),
        ("people.sex", "sex"),
        ("people.age", "band"),
        ("people.village", "village"),
    ):
        t = demo.report.table(key)
        labels = set(ppl[dim]) | set(parts[dim])
        assert labels <= set(_labels(t)), (key, labels - set(_labels(t)))
        for r in t.items():
            for w in ("cur", "prev", "ytd"):
                assert _col(t, r.vi, f"people_{w}") == ppl[dim].get(r.vi, {}).get(w, 0), (
                    key,
                    r.vi,
                    w,
                )
                assert _col(t, r.vi, f"part_{w}") == parts[dim].get(r.vi, {}).get(w, 0)
        assert t.value("total", "people_cur") == ppl["total"]["total"]["cur"]


def test_consent_only_figures_count_only_consenting_people(demo: Demo, ref: Reference) -> None:
    # The exports leave ethnicity and disability out on purpose: read consent from the records.
    with demo.inst.db.reader() as s:
        rows = s.execute(
            select(Person.id, Person.consent_at, Person.ethnicity, Person.disability)
        ).all()
    minority = {
        pid for pid, c, eth, _d in rows if c is not None and eth and eth.strip().lower() != "kinh"
    }
    disabled = {pid for pid, c, _e, dis in rows if c is not None and dis and dis.strip()}
    unconsented_minority = {
        pid for pid, c, eth, _d in rows if c is None and eth and eth.strip().lower() != "kinh"
    }
    assert not unconsented_minority  # the demo only records ethnicity with consent
    t = demo.report.table("people.inclusion")
    for key, group in (("minority", minority), ("disability", disabled)):
        for w, p in ref.w.items():
            helped = {e.pid for e in ref.att + ref.skills if p.contains(e.day)}
            parts = sum(1 for e in ref.att if p.contains(e.day) and e.pid in group)
            assert t.value(key, f"people_{w}") == len(helped & group)
            assert t.value(key, f"part_{w}") == parts
    assert _int(t.value("minority", "people_cur")) > 0


def test_skill_figures_equal_the_skills_export(demo: Demo, ref: Reference) -> None:
    figures = ref.skill_figures()
    change = demo.report.table("skills.change")
    for key in (
        "helped",
        "rose",
        "rose_continuing",
        "independent",
        "new_independent",
        "new_independent_pairs",
    ):
        for w in ("cur", "prev", "ytd"):
            assert change.value(key, w) == figures[key].get(w, 0), (key, w)
    assert _int(change.value("rose_continuing", "cur")) > 0
    assert _int(change.value("new_independent", "cur")) > 0
    summary = demo.report.table("people.summary")
    for w in ("cur", "prev", "ytd"):
        assert summary.value("skill_records", w) == figures["skill_records"][w]
    for key, measures in (
        ("identity.summary", IDENTITY_MEASURES),
        ("services.summary", SERVICE_MEASURES),
    ):
        t = demo.report.table(key)
        for m in measures:
            for w in ("cur", "prev", "ytd"):
                assert t.value(m.key, w) == figures[m.key].get(w, 0), (m.key, w)
    assert _int(demo.report.table("identity.summary").value("vneid_level2", "ytd")) > 0

    per_skill = ref.per_skill()
    t = demo.report.table("skills.skill")
    for r in t.rows:
        for col in ("helped_cur", "helped_prev", "helped_ytd", "indep_cur", "indep_ytd"):
            assert r.values[t.column_index(col)] == per_skill.get(r.key, {}).get(col, 0), (
                r.key,
                col,
            )
    assert {c for c, v in per_skill.items() if v.get("helped_ytd")} <= {r.key for r in t.rows}

    with demo.inst.db.reader() as s:
        group_of = dict(s.execute(select(Skill.code, Skill.group_code)).all())
    per_group = ref.per_group(group_of)
    t = demo.report.table("skills.group")
    for r in t.items():
        for col in ("helped_cur", "helped_prev", "helped_ytd", "indep_cur", "indep_prev"):
            assert r.values[t.column_index(col)] == per_group.get(r.key, {}).get(col, 0)
    assert t.value("total", "helped_cur") == figures["helped"]["cur"]


def test_identity_by_village_equals_the_skills_export(demo: Demo, ref: Reference) -> None:
    expected = ref.identity_villages()
    with demo.inst.db.reader() as s:
        adults = {n: a for n, a in s.execute(select(Village.name, Village.adult_population)).all()}
    t = demo.report.table("identity.village")
    assert expected
    for label, (helped, level2, level2_prev, new) in expected.items():
        assert _col(t, label, "helped") == helped, label
        assert _col(t, label, "level2") == level2, label
        assert _col(t, label, "level2_new") == new, label
        pop = adults.get(label)
        if pop:
            assert _col(t, label, "helped_share") == pytest.approx(helped / pop)
            assert _col(t, label, "level2_share_prev") == pytest.approx(level2_prev / pop)
    total = t.total()
    assert total is not None
    assert total.values[1] == sum(v[0] for v in expected.values())
    with_pop = sum(v[1] for k, v in expected.items() if adults.get(k))
    assert total.values[4] == pytest.approx(with_pop / sum(a for a in adults.values() if a))


def test_team_activity_equals_the_sessions_export(demo: Demo, ref: Reference) -> None:
    held = ref.held()
    sessions_of: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    minutes_of: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with_team: dict[str, int] = defaultdict(int)
    for sess in held:
        for w, p in ref.w.items():
            if not p.contains(sess["day"]):
                continue
            with_team[w] += bool(sess["team"])
            for name in sess["team"]:
                sessions_of[name][w] += 1
                minutes_of[name][w] += sess["minutes"]
    t = demo.report.table("team.member")
    for name in sessions_of:
        for w in ("cur", "prev", "ytd"):
            assert _col(t, name, f"sessions_{w}") == sessions_of[name][w]
            assert _col(t, name, f"hours_{w}") == pytest.approx(minutes_of[name][w] / 60)
    summary = demo.report.table("team.summary")
    for w in ("cur", "prev", "ytd"):
        active = [n for n in sessions_of if sessions_of[n][w]]
        assert summary.value("members_active", w) == len(active)
        assert summary.value("sessions_with_team", w) == with_team[w]
        hours = sum(minutes_of[n][w] for n in active) / 60
        assert summary.value("hours", w) == pytest.approx(hours)
        assert summary.value("hours_per_member", w) == pytest.approx(hours / len(active))
    with demo.inst.db.reader() as s:
        live = s.scalar(
            text("SELECT count(*) FROM team_member WHERE active AND deleted_at IS NULL")
        )
    assert demo.report.team_size == live


# -- parts add up to totals -------------------------------------------------------------------

ADDITIVE = (
    "sessions.format",
    "sessions.programme",
    "people.target_group",
    "people.sex",
    "people.age",
    "people.village",
    "team.member",
)


def assert_adds_up(report: CommuneReport) -> None:
    for key in ADDITIVE:
        t = report.table(key)
        assert t.additive
        total = t.total()
        assert total is not None
        for i, c in enumerate(t.columns):
            parts = sum(r.values[i] or 0 for r in t.items())
            if c.kind == "hours":
                assert parts == pytest.approx(total.values[i]), (key, c.key)
            else:
                assert parts == total.values[i], (key, c.key)
    summary = report.table("people.summary")
    for dim in ("people.target_group", "people.sex", "people.age", "people.village"):
        t = report.table(dim)
        for w in ("cur", "prev", "ytd"):
            assert t.value("total", f"people_{w}") == summary.value("people", w)
            assert t.value("total", f"part_{w}") == summary.value("participations", w)
    a, b = report.table("sessions.format"), report.table("sessions.programme")
    assert a.total() == b.total()
    v = report.table("identity.village")
    for i in (1, 3, 6):
        assert sum(r.values[i] or 0 for r in v.items()) == v.rows[-1].values[i]
    change = report.table("skills.change")
    for w in ("cur", "prev", "ytd"):
        assert change.value("rose_continuing", w) <= change.value("rose", w)  # type: ignore[operator]
        assert change.value("rose", w) <= change.value("helped", w)  # type: ignore[operator]
        assert change.value("new_independent", w) <= change.value("independent", w)  # type: ignore[operator]
        assert change.value("helped", w) <= summary.value("people", w)  # type: ignore[operator]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.dates(date(2025, 9, 1), date(2026, 12, 31)),
    days=st.integers(1, 200),
    compare=st.one_of(st.none(), st.dates(date(2025, 6, 1), date(2026, 9, 30))),
)
def test_breakdowns_add_up_for_any_period(
    demo: Demo, start: date, days: int, compare: date | None
) -> None:
    period = Period(start, start + timedelta(days=days - 1))
    other = None if compare is None else Period(compare, compare + timedelta(days=days - 1))
    with demo.inst.db.reader() as s:
        report = compute_report(s, period, compare_to=other)
    assert_adds_up(report)
    assert report.previous == (other or period.previous())


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    folder = tmp_path_factory.mktemp("synthetic")
    inst, _ = init_installation(
        folder / "hocvuso.db", "01840", "Lò Văn Thử", PASSWORD, kdf=FAST_KDF
    )
    yield inst
    inst.close()


SYN_FROM = date(2026, 6, 1)
person_st = st.fixed_dictionaries(
    {
        "sex": st.sampled_from(["M", "F", None]),
        "birth": st.one_of(st.none(), st.dates(date(1930, 1, 1), date(2020, 12, 31))),
        "year_only": st.booleans(),
        "village": st.integers(-1, 2),
        "group": st.sampled_from(list(TARGET_GROUPS)),
    }
)
event_st = st.tuples(
    st.integers(0, 9),  # person
    st.integers(0, 5),  # session
    st.sampled_from(["DD01", "DD02", "TT01", "AT01"]),
    st.sampled_from(list(OUTCOMES)),
    st.sampled_from(list(TARGET_GROUPS)),
    st.booleans(),  # tombstoned
)
session_st = st.tuples(
    st.integers(0, 120),  # day offset from SYN_FROM
    st.sampled_from(list(FORMATS)),
    st.sampled_from(["held", "held", "cancelled", "planned"]),
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    persons=st.lists(person_st, min_size=10, max_size=10),
    sess=st.lists(session_st, min_size=6, max_size=6),
    events=st.lists(event_st, min_size=0, max_size=40),
)
def test_breakdowns_add_up_on_random_records(
    blank: Installation,
    persons: list[dict[str, Any]],
    sess: list[tuple[int, str, str]],
    events: list[tuple[int, int, str, str, str, bool]],
) -> None:
    from app.ids import ICT
    from app.models import Attendance, SkillRecord

    inst = blank
    tomb = datetime(2026, 10, 1, tzinfo=ICT)
    with inst.db.session(inst.actor) as s:
        villages = [
            Village(name=f"Thôn Thử {i}", kind="thon", adult_population=50 + i, search_key=f"t{i}")
            for i in range(3)
        ]
        s.add_all(villages)
        s.flush()
        pids = []
        for i, p in enumerate(persons):
            birth = p["birth"]
            row = Person(
                full_name=f"Người Thử {i}",
                search_key=f"nguoi thu {i}",
                sort_key=f"{i:03d}",
                sex=p["sex"],
                birth_date=None if birth is None or p["year_only"] else birth,
                birth_year=None if birth is None else birth.year,
                village_id=None if p["village"] < 0 else villages[p["village"]].id,
                target_group=p["group"],
            )
            s.add(row)
            s.flush()
            pids.append(row.id)
        sids = []
        for off, fmt, status in sess:
            day = SYN_FROM + timedelta(days=off)
            start = datetime(day.year, day.month, day.day, 8, tzinfo=ICT)
            c = ClassSession(
                title="Buổi thử",
                programme_code="community_class",
                format=fmt,
                starts_at=start,
                ends_at=start + timedelta(minutes=90),
                day=day,
                status=status,
            )
            s.add(c)
            s.flush()
            sids.append((c.id, day))
        seen: set[tuple[int, int]] = set()
        for pi, si, code, outcome, group, dead in events:
            sid, day = sids[si]
            at = datetime(day.year, day.month, day.day, 8, 5, tzinfo=ICT)
            if (pi, si) not in seen:
                seen.add((pi, si))
                s.add(
                    Attendance(
                        session_id=sid,
                        person_id=pids[pi],
                        checked_in_at=at,
                        day=day,
                        method="manual",
                        target_group=group,
                        deleted_at=tomb if dead else None,
                    )
                )
            s.add(
                SkillRecord(
                    person_id=pids[pi],
                    skill_code=code,
                    session_id=sid,
                    outcome=outcome,
                    day=day,
                    target_group=group,
                    deleted_at=tomb if dead else None,
                )
            )
    try:
        with inst.db.reader() as s:
            for period in (Q3, Period(date(2026, 6, 15), date(2026, 8, 14))):
                report = compute_report(s, period)
                assert_adds_up(report)
                held = {
                    i
                    for i, (off, _f, status) in enumerate(sess)
                    if status == "held" and period.contains(SYN_FROM + timedelta(days=off))
                }
                assert report.table("sessions.format").value("total", "cur") == len(held)
                live = {(pi, si) for pi, si, *_r, dead in events if not dead}
                helped = {
                    pi for pi, si in live if period.contains(SYN_FROM + timedelta(days=sess[si][0]))
                }
                assert report.table("people.summary").value("people", "cur") == len(helped)
    finally:
        with inst.db.engine.begin() as con:
            for t in ("skill_record", "attendance", "class_session", "person", "village", "outbox"):
                con.execute(text(f"DELETE FROM {t}"))


# -- boundaries and tombstones ------------------------------------------------------------------


def _session(
    inst: Installation,
    day: date,
    *,
    person_id: str,
    skill: str = "DD02",
    outcome: str = "independent",
) -> str:
    from app.ids import ICT

    start = datetime(day.year, day.month, day.day, 14, tzinfo=ICT)
    with inst.db.session(inst.actor) as s:
        sid = sessions.create_session(
            s,
            inst.actor,
            SessionInput(
                title="Lớp VNeID mức 2",
                programme_code="digital_identity",
                format="class",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                status="held",
            ),
        ).value.id
        sessions.check_in(s, inst.actor, sid, person_id, at=start)
        sessions.record_skills(s, inst.actor, [person_id], [skill], outcome, session_id=sid)
    return sid


def _report(inst: Installation, period: Period) -> CommuneReport:
    with inst.db.reader() as s:
        return compute_report(s, period)


def test_period_boundaries(inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        v = directory.save_village(s, inst.actor, "Xóm Làng Mới", "xom", 300).value
        p = people.create_person(
            s, inst.actor, PersonInput("Hoàng Thị Mơ", birth_year=1950, sex="F", village_id=v.id)
        ).value
    _session(inst, date(2026, 9, 30), person_id=p.id)  # the quarter's last day: counts
    _session(inst, date(2026, 10, 1), person_id=p.id, outcome="practised")  # next quarter's first
    q3 = _report(inst, Q3)
    assert q3.table("sessions.format").value("class", "cur") == 1
    assert q3.table("people.summary").value("participations", "cur") == 1
    assert q3.table("people.summary").value("skill_records", "cur") == 1
    assert q3.table("people.age").value("60plus", "people_cur") == 1
    assert q3.table("identity.summary").value("vneid_level2_new", "cur") == 1
    assert q3.table("identity.village").value(v.id, "level2") == 1
    assert q3.table("identity.village").value(v.id, "level2_share") == pytest.approx(1 / 300)
    assert q3.table("team.summary").value("sessions_with_team", "cur") == 0
    q4 = _report(inst, Period.quarter("2026-Q4"))
    assert q4.table("sessions.format").value("class", "cur") == 1
    assert q4.table("sessions.format").value("class", "prev") == 1
    assert q4.table("people.summary").value("participations", "ytd") == 2
    # Already independent before: practising again is neither a rise nor a new independent.
    assert q4.table("skills.change").value("rose", "cur") == 0
    assert q4.table("skills.change").value("helped", "cur") == 1
    assert q4.table("identity.summary").value("vneid_level2", "cur") == 0
    september = Period(date(2026, 9, 1), date(2026, 9, 30))
    assert september.previous() == Period(date(2026, 8, 1), date(2026, 8, 31))
    assert _report(inst, september).table("sessions.format").value("total", "cur") == 1


def test_tombstoned_records_never_count_but_erased_peoples_events_do(inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        a = people.create_person(s, inst.actor, PersonInput("Nông Văn An", birth_year=1980)).value
        b = people.create_person(s, inst.actor, PersonInput("Ma Thị Bình", birth_year=1990)).value
        c = people.create_person(s, inst.actor, PersonInput("Lý Văn Cường", birth_year=2012)).value
    s1 = _session(inst, date(2026, 8, 3), person_id=a.id)
    s2 = _session(inst, date(2026, 8, 4), person_id=b.id)
    _session(inst, date(2026, 8, 5), person_id=c.id)
    before = _report(inst, Q3)
    assert before.table("people.summary").value("people", "cur") == 3
    assert before.table("sessions.format").value("total", "cur") == 3
    with inst.db.session(inst.actor) as s:
        att = s.scalars(text("SELECT id FROM attendance WHERE session_id = :s").bindparams(s=s1))
        sessions.undo_check_in(s, inst.actor, next(iter(att)))  # tombstones its skills too
        dead = s.get(ClassSession, s2)
        assert dead is not None
        dead.deleted_at = datetime(2026, 8, 6, tzinfo=dead.starts_at.tzinfo)
        people.erase_person(s, inst.actor, c.id)
    after = _report(inst, Q3)
    summary = after.table("people.summary")
    # A: check-in undone (and its skills). B: session tombstoned, its attendance no longer
    # counts, but B's skill record stays (an event of its own). C: erased, events count.
    assert summary.value("participations", "cur") == 1
    assert summary.value("skill_records", "cur") == 2
    assert summary.value("people", "cur") == 2
    # A's session was still held (nobody left in it); B's is gone.
    assert after.table("sessions.format").value("total", "cur") == 2
    assert after.table("people.age").value("under16", "people_cur") == 1
    assert_adds_up(after)


def test_quarter_text_errors_in_both_languages() -> None:
    from app.errors import UserError

    assert Period.quarter("2026-Q3") == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert Period.quarter(" q1/2027 ") == Period(date(2027, 1, 1), date(2027, 3, 31))
    assert Period.quarter("2026-Q1").previous() == Period.quarter("2025-Q4")
    assert Period.quarter("2026-Q3").label() == "Quý III năm 2026"
    for bad in ("2026-Q5", "Q3", "2026-07", "quý 3"):
        with pytest.raises(UserError) as e:
            Period.quarter(bad)
        assert "2026-Q3" in e.value.text("vi") and "YYYY-QN" in e.value.text("en")
        assert "NNNN-QN" in e.value.text("vi")
    with pytest.raises(UserError):
        Period(date(2026, 9, 30), date(2026, 7, 1))


# -- the files ----------------------------------------------------------------------------------


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    raw = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return unicodedata.normalize("NFC", raw)


def test_pdf_carries_the_headings_and_the_numbers(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.pdf"
    pages = write_report(demo.report, "pdf", out, number="12", signer_name="Hoàng Văn Chủ")
    assert pages >= 5
    text_ = _pdf_text(out)
    flat = " ".join(text_.split())
    for heading in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG ĐỨC XUÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/BC-UBND",
        "BÁO CÁO",
        "Kết quả thực hiện Phong trào “Bình dân học vụ số”",
        "Quý III năm 2026",
        "I. TỔ CHỨC CÁC BUỔI HỌC",
        "II. NGƯỜI DÂN ĐƯỢC HỖ TRỢ",
        "IV. ĐỊNH DANH ĐIỆN TỬ",
        "VI. HOẠT ĐỘNG CỦA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG",
        "Nơi nhận",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hoàng Văn Chủ",
        "Biểu đồ 1",
        f"Trang 1/{pages}",
    ):
        assert heading in flat, heading
    r = demo.report
    people_cur = r.table("people.summary").value("people", "cur")
    assert f"Đã hỗ trợ {format_value(people_cur, 'int')} người" in flat
    row = r.table("people.target_group").row("citizen")
    line = " ".join(
        format_value(v, row.cell_kind(c))
        for v, c in zip(row.values, r.table("people.target_group").columns, strict=True)
    )
    assert f"Người dân {line}" in flat
    total = r.table("sessions.format").total()
    assert total is not None
    assert (
        "Tổng số buổi "
        + " ".join(
            format_value(v, "change" if i == 2 else "int") for i, v in enumerate(total.values)
        )
        in flat
    )


def test_xlsx_reads_back_as_the_report(demo: Demo, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from app.reports.xlsx import HEADER_ROW, sheet_name

    out = tmp_path / "bao-cao.xlsx"
    n = write_report(demo.report, "xlsx", out)
    tables = list(demo.report.tables())
    assert n == len(tables)
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Thông tin chung"
    cover = wb["Thông tin chung"]
    values = [c.value for row in cover.iter_rows() for c in row]
    assert "Quý III năm 2026" in values and "UBND Phường Đức Xuân" in values
    taken = {"Thông tin chung"}
    for t in tables:
        ws = wb[sheet_name(t, taken)]
        head_rows = 2 if any(c.group_vi for c in t.columns) else 1
        first = HEADER_ROW + head_rows
        assert ws.freeze_panes == f"B{first}"
        assert ws.cell(HEADER_ROW, 1).font.bold
        header = [ws.cell(HEADER_ROW + head_rows - 1, i + 2).value for i in range(len(t.columns))]
        for c, h in zip(t.columns, header, strict=True):
            assert h in (c.vi, None)  # None: under a merged header spanning two rows
        for k, row in enumerate(t.rows):
            got = [ws.cell(first + k, i + 1).value for i in range(len(t.columns) + 1)]
            assert got[0] == row.vi
            for v, want in zip(got[1:], row.values, strict=True):
                assert v == (pytest.approx(want) if isinstance(want, float) else want), (
                    t.key,
                    row.key,
                )
        if t.columns[0].kind == "int":
            assert ws.cell(first, 2).number_format == "#,##0"


# -- the command line ---------------------------------------------------------------------------


def _run_cli(db_path: Path, *argv: str) -> int:
    from ui.cli import Cli, build_parser
    from ui.cli_report_cmd import add_report_commands

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "report" not in sub.choices:  # until ui.cli wires the command in itself

        def add(name: str, fn: Any, help_: str) -> argparse.ArgumentParser:
            sp: argparse.ArgumentParser = sub.add_parser(name, help=help_)
            sp.set_defaults(func=fn)
            return sp

        add_report_commands(sub, add)
    args = parser.parse_args(["--db", str(db_path), *argv])
    rc: int = args.func(Cli(args))
    return rc


def test_cli_writes_the_report_and_audits_it(
    inst: Installation,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.errors import UserError

    monkeypatch.setenv("HOCVUSO_PASSWORD", PASSWORD)
    generate(inst, 150, 3, today=TODAY)
    out = tmp_path / "q3.pdf"
    assert (
        _run_cli(db_path, "report", "--quarter", "2026-Q3", "--format", "pdf", "--out", str(out))
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    said = capsys.readouterr().out
    assert "Đã lập báo cáo Quý III năm 2026" in said
    xl = tmp_path / "range.xlsx"
    rc = _run_cli(
        db_path,
        "--lang",
        "en",
        "report",
        "--from",
        "2026-07-01",
        "--to",
        "15/08/2026",
        "--format",
        "xlsx",
        "--out",
        str(xl),
    )
    assert rc == 0 and xl.stat().st_size > 5000
    assert "Report for from 01/07/2026 to 15/08/2026" in capsys.readouterr().out
    with inst.db.reader() as s:
        entries = s.execute(
            select(AuditLog.action, AuditLog.detail).where(AuditLog.action.like("report.%"))
        ).all()
    assert [a for a, _ in entries] == ["report.pdf", "report.xlsx"]
    assert (
        entries[0][1] == "period=2026-07-01..2026-09-30 compare=2026-04-01..2026-06-30 format=pdf"
    )
    with pytest.raises(UserError) as e:
        _run_cli(db_path, "report", "--quarter", "2026-Q7", "--format", "pdf", "--out", str(out))
    assert "2026-Q3" in e.value.text("vi") and "YYYY-QN" in e.value.text("en")
    with pytest.raises(UserError):
        _run_cli(db_path, "report", "--format", "pdf", "--out", str(out))
    with pytest.raises(UserError):
        _run_cli(
            db_path,
            "report",
            "--quarter",
            "2026-Q3",
            "--format",
            "pdf",
            "--out",
            str(tmp_path / "missing" / "x.pdf"),
        )
    assert not list(tmp_path.glob(".*.tmp"))
