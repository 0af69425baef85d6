"""The commune's quarterly report: indicators computed in SQL from the event tables
(`indicators`), written as an administrative PDF (`pdf`) or an XLSX workbook (`xlsx`).

`export_report` is the one use case the command line and the desktop share: compute, write the
file atomically, and leave an audit entry ("report.pdf" / "report.xlsx") that names the period
and the format, never a personal value. The writers import reportlab or openpyxl when used.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy.orm import Session

from app.database import Actor
from app.errors import UserError
from app.ids import uuid7
from app.reports.indicators import (
    AGE_BANDS,
    Column,
    CommuneReport,
    Period,
    Row,
    Section,
    Table,
    compute_report,
    format_value,
)
from app.services.common import audit

__all__ = [
    "AGE_BANDS",
    "REPORT_FORMATS",
    "Column",
    "CommuneReport",
    "Period",
    "Row",
    "Section",
    "Table",
    "compute_report",
    "export_report",
    "format_value",
    "record_report_export",
    "write_report",
]

REPORT_FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("PDF (báo cáo để in, ký)", "PDF (to print and sign)"),
    "xlsx": ("Excel (.xlsx, mỗi bảng một trang tính)", "Excel (.xlsx, a sheet per table)"),
}


def _check_format(fmt: str) -> None:
    if fmt not in REPORT_FORMATS:
        raise UserError(
            "report.format",
            f"Không có định dạng báo cáo '{fmt}'. Chọn pdf hoặc xlsx.",
            f"Unknown report format '{fmt}'. Choose pdf or xlsx.",
        )


def write_report(
    report: CommuneReport, fmt: str, out: Path, *, number: str = "", signer_name: str = ""
) -> int:
    """Write the report as `fmt` (pdf | xlsx) to `out`, atomically (any thread, no database).
    Returns the number of pages (PDF) or table sheets (XLSX)."""
    _check_format(fmt)
    out = out.expanduser()
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(
            "report.folder",
            f"Không có thư mục '{folder}'. Hãy chọn nơi lưu khác.",
            f"The folder '{folder}' does not exist. Choose another place.",
        )
    tmp = out.with_name(f".{out.name}.{uuid7()}.tmp")
    try:
        if fmt == "pdf":
            from app.reports.pdf import write_report_pdf

            n = write_report_pdf(report, tmp, number=number, signer_name=signer_name)
        else:
            from app.reports.xlsx import write_report_xlsx

            n = write_report_xlsx(report, tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise UserError(
            "report.write",
            f"Không ghi được tệp '{out.name}'. Nếu tệp đang mở (Excel, trình đọc PDF), hãy đóng "
            "lại; hoặc chọn nơi lưu khác.",
            f"Cannot write '{out.name}'. If it is open (Excel, a PDF reader), close it, or "
            "choose another place.",
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return n


def record_report_export(s: Session, actor: Actor, report: CommuneReport, fmt: str) -> None:
    """The audit entry of a written report: period, comparison and format only."""
    _check_format(fmt)
    p, q = report.period, report.previous
    audit(
        s,
        actor,
        f"report.{fmt}",
        "report",
        None,
        f"period={p.date_from.isoformat()}..{p.date_to.isoformat()} "
        f"compare={q.date_from.isoformat()}..{q.date_to.isoformat()} format={fmt}",
    )


def export_report(
    s: Session,
    actor: Actor,
    period: Period,
    fmt: str,
    out: Path,
    *,
    compare_to: Period | None = None,
    number: str = "",
    signer_name: str = "",
) -> tuple[CommuneReport, int]:
    """Compute the report for `period`, write it to `out` and audit it. Returns the report and
    the number of pages or sheets."""
    _check_format(fmt)
    report = compute_report(s, period, compare_to=compare_to)
    n = write_report(report, fmt, out, number=number, signer_name=signer_name)
    record_report_export(s, actor, report, fmt)
    return report, n
