"""Benchmark: printing. A 100-row attendance sheet and 1,000 learner cards, each against
reportlab drawing the same pages with empty squares where the QR codes go (same run, same
layout), so the ratio is the cost of encoding and drawing the codes.

Run: `python -m tests.perf.bench_printing [--repeat N]`. Not part of the pytest suite.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from app.documents import qr
from app.documents.cards import write_learner_cards
from app.documents.sheet import write_attendance_sheet
from app.ids import ICT, uuid7
from app.services.printing import CommuneHeader, PrintPerson, SessionDetails, SheetData
from tests.perf.common import Result, print_table

FAMILY = ["Nguyễn", "Trần", "Lê", "Hoàng", "Triệu", "Bàn", "Lò", "Ma", "Nông", "Đặng"]
MIDDLE = ["Thị", "Văn", "Thị Ngọc", "Văn Đức", "Thị Thu", "Quốc"]
GIVEN = ["Đào", "Hùng", "Mẩy", "Phương", "Thảo", "Toàn", "Ánh", "Vượng", "Ỷ", "Hà"]
VILLAGES = ["Thôn Bản Chang", "Xóm Đồng Tâm", "Tổ dân phố số 12 Phan Đình Phùng", None]


def people(n: int) -> list[PrintPerson]:
    out = []
    for i in range(n):
        name = f"{FAMILY[i % 10]} {MIDDLE[i % 6]} {GIVEN[(i // 10) % 10]}"
        out.append(PrintPerson(uuid7(), name, 1940 + i % 70, VILLAGES[i % 4], ""))
    return out


COMMUNE = CommuneHeader("01840", "Phường Đức Xuân", "Thái Nguyên")


def sheet_data(n: int) -> SheetData:
    start = datetime(2026, 11, 25, 8, 0, tzinfo=ICT)
    session = SessionDetails(
        uuid7(),
        "Lớp Bình dân học vụ số: VNeID mức 2 và thanh toán số",
        "Lớp học cộng đồng hằng tháng",
        "Lớp học",
        start,
        start + timedelta(hours=2),
        start.date(),
        "Nhà văn hoá thôn Bản Chang",
        "Thôn Bản Chang",
        ("Trần Thị Thu Hà",),
    )
    return SheetData(COMMUNE, session, tuple(people(n)))


def timed(fn: Callable[[], int], repeat: int, cold: bool) -> tuple[float, int]:
    """Median seconds over `repeat` runs (QR cache cleared before each when `cold`), and the
    number of pages."""
    times = []
    pages = 0
    for _ in range(repeat):
        if cold:
            qr.clear_cache()
        t = time.perf_counter()
        pages = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), pages


def run(repeat: int = 3) -> list[Result]:
    sheet = sheet_data(100)
    cards = people(1000)

    def draw_sheet(include_qr: bool) -> Callable[[], int]:
        return lambda: (
            write_attendance_sheet(sheet, io.BytesIO(), blank_rows=10, include_qr=include_qr).pages
        )

    def draw_cards(include_qr: bool) -> Callable[[], int]:
        return lambda: (
            write_learner_cards(cards, COMMUNE, io.BytesIO(), include_qr=include_qr).pages
        )

    draw_sheet(True)()  # fonts registered, modules warm: neither side pays start-up costs
    results = []
    base, pages = timed(draw_sheet(False), repeat, cold=False)
    cold, _ = timed(draw_sheet(True), repeat, cold=True)
    warm, _ = timed(draw_sheet(True), repeat, cold=False)
    results += [
        Result(
            "printing",
            f"attendance sheet, 100 rows + 10 blank ({pages} pages), 101 QR codes",
            cold,
            "s",
            base,
            "reportlab, same pages without QR",
            "< 3 s",
        ),
        Result(
            "printing",
            "  same, QR codes already encoded (preview, then print)",
            warm,
            "s",
            base,
            "reportlab, same pages without QR",
        ),
    ]
    base, pages = timed(draw_cards(False), repeat, cold=False)
    cold, _ = timed(draw_cards(True), repeat, cold=True)
    warm, _ = timed(draw_cards(True), repeat, cold=False)
    results += [
        Result(
            "printing",
            f"1,000 learner cards ({pages} pages), 1,000 QR codes",
            cold,
            "s",
            base,
            "reportlab, same pages without QR",
            "< 15 s",
        ),
        Result(
            "printing",
            "  same, QR codes already encoded",
            warm,
            "s",
            base,
            "reportlab, same pages without QR",
        ),
    ]
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.perf.bench_printing", description=__doc__)
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    args = ap.parse_args(argv)
    print_table(f"printing (median of {args.repeat} runs)", run(args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
