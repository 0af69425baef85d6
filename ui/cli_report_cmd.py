"""The `report` command of the `hocvuso` command line: the commune's quarterly report (or any
date range) as a PDF to print and sign, or as an XLSX workbook.

`ui.cli.build_parser` wires it in with `add_report_commands(sub, add)`. Periods are given as
`--quarter 2026-Q3` or `--from DATE --to DATE`; mistakes are `UserError`s in both languages.
The file is written atomically and the export is audited ("report.pdf" / "report.xlsx") by
`app.reports.export_report`. No Qt here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.errors import UserError

AddFn = Callable[[str, Callable[[Any], int], str], argparse.ArgumentParser]


def parse_day(text: str, which_vi: str, which_en: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise UserError(
        "cli.report_date",
        f"{which_vi} '{text}' không hợp lệ. Nhập dạng NNNN-TT-NN hoặc NN/TT/NNNN, ví dụ "
        "2026-07-01 hoặc 01/07/2026.",
        f"The {which_en} '{text}' is not valid. Use YYYY-MM-DD or DD/MM/YYYY, for example "
        "2026-07-01 or 01/07/2026.",
    )


def period_from_args(quarter: str | None, start: str | None, end: str | None) -> Any:
    """The period asked for: a quarter, or a date range (both ends needed)."""
    from app.reports import Period

    if quarter and (start or end):
        raise UserError(
            "cli.report_period",
            "Chọn một trong hai: --quarter (một quý) hoặc --from và --to (khoảng ngày).",
            "Give either --quarter (a quarter) or --from and --to (a date range), not both.",
        )
    if quarter:
        return Period.quarter(quarter)
    if start and end:
        return Period(
            parse_day(start, "Ngày bắt đầu", "start date"),
            parse_day(end, "Ngày kết thúc", "end date"),
        )
    raise UserError(
        "cli.report_period",
        "Hãy cho biết kỳ báo cáo: --quarter NNNN-QN (ví dụ 2026-Q3), hoặc --from và --to.",
        "Say which period to report: --quarter YYYY-QN (for example 2026-Q3), or --from and --to.",
    )


def cmd_report(cli: Any) -> int:
    from app.reports import export_report

    a = cli.args
    period = period_from_args(a.quarter, a.date_from, a.date_to)
    compare = None
    if a.compare_quarter:
        from app.reports import Period

        compare = Period.quarter(a.compare_quarter)
    out = Path(a.out)
    inst = cli.open()
    try:
        with inst.db.session(inst.actor) as s:
            report, n = export_report(
                s,
                inst.actor,
                period,
                a.format,
                out,
                compare_to=compare,
                number=a.number or "",
                signer_name=a.signer or "",
            )
    finally:
        inst.close()
    people = report.table("people.summary")
    sessions = report.table("sessions.format")
    what_vi = f"{n} trang" if a.format == "pdf" else f"{n} bảng"
    what_en = f"{n} pages" if a.format == "pdf" else f"{n} tables"
    cli.out(
        cli.t(
            f"Đã lập báo cáo {report.period.label('vi')} ({what_vi}) → {out}",
            f"Report for {report.period.label('en')} written ({what_en}) → {out}",
        )
    )
    cli.out(
        cli.t(
            f"  Buổi đã tổ chức: {sessions.value('total', 'cur')}; người được hỗ trợ: "
            f"{people.value('people', 'cur')}; lượt tham gia: "
            f"{people.value('participations', 'cur')} (so với {report.previous.short('vi')}: "
            f"{people.value('people', 'prev')} người)",
            f"  Sessions held: {sessions.value('total', 'cur')}; people helped: "
            f"{people.value('people', 'cur')}; participations: "
            f"{people.value('participations', 'cur')} ({report.previous.short('en')}: "
            f"{people.value('people', 'prev')} people)",
        )
    )
    return 0


def add_report_commands(sub: Any, add: AddFn) -> None:
    """Add `report` with the `add(name, fn, help)` helper of `ui.cli.build_parser` (`sub` is
    its subparsers object, unused but kept for symmetry with the other command modules)."""
    sp = add(
        "report",
        cmd_report,
        "lập báo cáo quý (PDF/XLSX) / make the quarterly report (PDF/XLSX)",
    )
    sp.add_argument("--quarter", help="quý, ví dụ 2026-Q3 / the quarter, e.g. 2026-Q3")
    sp.add_argument(
        "--from", dest="date_from", help="từ ngày (NNNN-TT-NN) / from date (YYYY-MM-DD)"
    )
    sp.add_argument("--to", dest="date_to", help="đến ngày (NNNN-TT-NN) / to date (YYYY-MM-DD)")
    sp.add_argument(
        "--compare-quarter",
        help="so sánh với quý này (mặc định: kỳ liền trước) / compare with this quarter "
        "(default: the period before)",
    )
    sp.add_argument("--format", choices=["pdf", "xlsx"], required=True)
    sp.add_argument("--out", required=True, help="tệp kết quả / output file")
    sp.add_argument("--number", help="số văn bản (Số: …/BC-UBND) / document number")
    sp.add_argument("--signer", help="họ tên người ký / name of the signer")
