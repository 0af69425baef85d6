"""Benchmark: the quarterly report on a commune database with 2,000,000 attendance records.

Run: `python -m tests.perf.bench_reports [--attendance N] [--workdir DIR] [--repeat R]`.
Not part of the pytest suite. Prints a table with a baseline measured in the same run and writes
perf-results/reports.json.

The database: `app.demo.generate` builds a realistic commune (a year of sessions, attendance
and skill records ending 15/10/2026), then the whole commune is cloned in SQL (INSERT … SELECT,
new ids, no Python per row) until the attendance table holds N records: people, sessions,
attendance and skill records, in the same villages, whose adult populations are scaled to
match. So the quarter being reported (2026-Q3), the one before and the year to date hold the
same share of the rows as in a real year of work, only N/`base` times more of them.

Measured: `compute_report` for 2026-Q3 (this quarter, the previous quarter and the year to
date, every indicator), against the raw SQL aggregate over the same rows in the same run
(count and distinct people of attendance and of skill records and the held sessions, for the
report's date range: the least any report must read); then writing the PDF and the XLSX.
A `--workdir` keeps the database, so a second run skips building it.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from app.database import connect_raw
from app.demo import generate
from app.installation import Installation, open_installation
from app.reports import Period, compute_report
from app.reports.pdf import write_report_pdf
from app.reports.xlsx import write_report_xlsx
from tests.perf.common import PASSWORD, Result, file_mb, new_installation, print_table

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 10, 15)
QUARTER = Period.quarter("2026-Q3")
ATTENDANCE_PER_PERSON = 2.4  # a year of demo work: about two check-ins per person


def _columns(con: Any, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA table_info({table})").fetchall()]


def _clone(con: Any, k: int) -> None:
    """Copy the original commune (rows whose id does not start with 'k') once more, as clone
    number k: ids 'k' + 3 digits + the rest of the original id, so they stay 36 characters
    and never collide with a UUID (hex only)."""

    def new(col: str) -> str:
        return f"'k' || printf('%03d', {k}) || substr({col}, 5)"

    def copy(table: str, mapped: dict[str, str]) -> None:
        cols = [c for c in _columns(con, table) if c != "seq"]
        exprs = [mapped.get(c, c) for c in cols]
        con.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM {table} "
            "WHERE substr(id, 1, 1) <> 'k'"
        )

    copy("person", {"id": new("id"), "id_number": "NULL", "phone": "NULL"})
    copy("class_session", {"id": new("id")})
    copy(
        "attendance",
        {"id": new("id"), "session_id": new("session_id"), "person_id": new("person_id")},
    )
    copy(
        "skill_record",
        {
            "id": new("id"),
            "person_id": new("person_id"),
            "session_id": f"CASE WHEN session_id IS NULL THEN NULL ELSE {new('session_id')} END",
        },
    )


def build(workdir: Path, attendance: int, seed: int) -> tuple[Installation, dict[str, int], float]:
    """The benchmark database (reused from `workdir` when it already has it)."""
    marker = workdir / "reports" / "built.json"
    if marker.exists():
        info = json.loads(marker.read_text("utf-8"))
        if info["target"] == attendance:
            inst = open_installation(workdir / "reports" / "hocvuso.db", PASSWORD)
            return inst, info["counts"], 0.0
        shutil.rmtree(workdir / "reports")
    t0 = time.perf_counter()
    inst = new_installation(workdir, "reports")
    copies = max(1, math.ceil(attendance / 40_000))
    base_people = max(200, round(attendance / copies / ATTENDANCE_PER_PERSON))
    summary = generate(inst, base_people, seed, today=TODAY)
    copies = max(1, math.ceil(attendance / max(1, summary.attendance)))
    print(
        f"  demo: {summary.people:,} people, {summary.attendance:,} attendance "
        f"({summary.seconds:.1f} s); cloning the commune {copies - 1} times",
        flush=True,
    )
    con = connect_raw(inst.db.path, inst.db.key)
    try:
        for k in range(1, copies):
            con.execute("BEGIN")
            _clone(con, k)
            con.execute("COMMIT")
            if k % 10 == 0:
                print(f"  {k} copies", flush=True)
        con.execute("UPDATE village SET adult_population = adult_population * ?", (copies,))
        # No ANALYZE: installations never run it, so the planner works without statistics.
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("person", "class_session", "attendance", "skill_record")
        }
    finally:
        con.close()
    inst.db.checkpoint()
    seconds = time.perf_counter() - t0
    marker.write_text(json.dumps({"target": attendance, "counts": counts}), "utf-8")
    return inst, counts, seconds


BASELINE_SQL = (
    """SELECT count(*), count(DISTINCT a.person_id) FROM attendance a
       JOIN class_session c ON c.id = a.session_id
       WHERE a.deleted_at IS NULL AND c.deleted_at IS NULL AND a.day BETWEEN ? AND ?""",
    """SELECT count(*), count(DISTINCT person_id) FROM skill_record
       WHERE deleted_at IS NULL AND day BETWEEN ? AND ?""",
    """SELECT format, count(*) FROM class_session
       WHERE deleted_at IS NULL AND status = 'held' AND day BETWEEN ? AND ? GROUP BY format""",
)


def _median(fn: Any, repeat: int) -> tuple[float, Any]:
    times, value = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), value


def run(inst: Installation, repeat: int) -> tuple[list[Result], dict[str, Any]]:
    lo = min(QUARTER.previous().date_from, date(QUARTER.date_to.year, 1, 1)).isoformat()
    hi = QUARTER.date_to.isoformat()
    con = connect_raw(inst.db.path, inst.db.key)

    def baseline() -> list[Any]:
        return [con.execute(sql, (lo, hi)).fetchall() for sql in BASELINE_SQL]

    def report() -> Any:
        with inst.db.reader() as s:
            return compute_report(s, QUARTER)

    try:
        baseline()  # both sides read from a warm page cache
        base_s, base_rows = _median(baseline, repeat)
        report_s, rep = _median(report, repeat)
    finally:
        con.close()
    pdf_s, pages = _median(lambda: write_report_pdf(rep, io.BytesIO()), repeat)
    xlsx_s, sheets = _median(lambda: write_report_xlsx(rep, io.BytesIO()), repeat)
    quarter_attendance = rep.table("people.summary").value("participations", "cur")
    results = [
        Result(
            "reports",
            f"compute_report 2026-Q3 (+ Q2, year to date; {sum(1 for _ in rep.tables())} tables)",
            report_s,
            "s",
            base_s,
            "raw SQL: counts + distinct people, same date range",
        ),
        Result("reports", f"PDF ({pages} pages, charts)", pdf_s, "s", None, "", "< 5 s"),
        Result("reports", f"XLSX ({sheets} table sheets)", xlsx_s, "s", None, "", "< 5 s"),
        Result(
            "reports",
            "report → PDF, end to end",
            report_s + pdf_s,
            "s",
            base_s,
            "raw SQL aggregate",
        ),
    ]
    detail = {
        "baseline_rows": [[list(r) for r in rows] for rows in base_rows],
        "quarter_participations": quarter_attendance,
        "quarter_people": rep.table("people.summary").value("people", "cur"),
    }
    return results, detail


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.perf.bench_reports", description=__doc__)
    ap.add_argument("--attendance", type=int, default=2_000_000, help="attendance records")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=None, help="keep (and reuse) the database")
    ap.add_argument("--out", type=Path, default=ROOT / "perf-results" / "reports.json")
    args = ap.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hocvuso-perf-reports-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"hocvuso report benchmark: {args.attendance:,} attendance records, in {workdir}")
    try:
        inst, counts, build_s = build(workdir, args.attendance, args.seed)
        try:
            print(
                "  database: "
                + ", ".join(f"{k} {v:,}" for k, v in counts.items())
                + f"; {file_mb(inst.db.path):,.0f} MB"
                + (f"; built in {build_s:.0f} s" if build_s else " (reused)"),
                flush=True,
            )
            results, detail = run(inst, args.repeat)
        finally:
            inst.close()
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(f"quarterly report (median of {args.repeat} runs)", results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "attendance": args.attendance,
                "counts": counts,
                "build_seconds": round(build_s, 1),
                "results": [r.as_json() for r in results],
                "detail": detail,
            },
            ensure_ascii=False,
            indent=2,
        ),
        "utf-8",
    )
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
