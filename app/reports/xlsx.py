"""The quarterly report as an XLSX workbook: a cover sheet (commune, period, what was compared,
the list of tables with links) and one sheet per table of the report.

Each table sheet has the table's title and period on top, bold header rows (group headers
merged over their columns) frozen together with the label column, real numbers with number
formats (counts with thousands separators, signed changes, hours with one decimal, shares as
percentages), the total row in bold, "trong đó" lines indented, column widths that fit, and the
table's note underneath. Cells hold the report's values unrounded, so a reader can recompute.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, BinaryIO

from app.reports.indicators import CommuneReport, Section, Table

__all__ = ["HEADER_ROW", "sheet_name", "write_report_xlsx"]

HEADER_ROW = 4
"""The first header row of every table sheet (title, period and a blank row above it)."""

NUMBER_FORMATS = {
    "int": "#,##0",
    "change": "+#,##0;-#,##0;0",
    "hours": "#,##0.0",
    "change_hours": "+#,##0.0;-#,##0.0;0.0",
    "ratio": "0.0",
    "change_ratio": "+0.0;-0.0;0.0",
    "share": "0.0%",
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLES = {
    "sessions.format": "Buổi theo hình thức",
    "sessions.programme": "Buổi theo chương trình",
    "people.summary": "Người được hỗ trợ",
    "people.target_group": "Theo nhóm đối tượng",
    "people.sex": "Theo giới tính",
    "people.age": "Theo độ tuổi",
    "people.village": "Theo thôn, xóm",
    "people.inclusion": "DTTS, khuyết tật",
    "skills.change": "Thay đổi năng lực số",
    "skills.group": "Theo nhóm kỹ năng",
    "skills.skill": "Theo kỹ năng",
    "identity.summary": "Định danh điện tử",
    "identity.village": "VNeID theo thôn, xóm",
    "services.summary": "DVC, thanh toán, y tế số",
    "team.summary": "Tổ công nghệ số",
    "team.member": "Theo thành viên Tổ",
}


def sheet_name(table: Table, taken: set[str] | None = None) -> str:
    """ "2.2 Theo nhóm đối tượng", cut to Excel's 31 characters and made unique."""
    title = SHEET_TITLES.get(table.key, table.title_vi)
    base = _BAD_SHEET_CHARS.sub("-", f"{table.number} {title}")
    name = base[:31].rstrip()
    n = 2
    while taken is not None and name in taken:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    if taken is not None:
        taken.add(name)
    return name


def _period_line(report: CommuneReport) -> str:
    p, q, y = report.period, report.previous, report.year_to_date
    return (
        f"Kỳ báo cáo: {p.label('vi')} ({p.date_from:%d/%m/%Y} – {p.date_to:%d/%m/%Y}); "
        f"so sánh với {q.label('vi')} ({q.date_from:%d/%m/%Y} – {q.date_to:%d/%m/%Y}); "
        f"lũy kế {y.date_from:%d/%m/%Y} – {y.date_to:%d/%m/%Y}."
    )


def _table_sheet(wb: Any, report: CommuneReport, section: Section, table: Table, name: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    bold = Font(bold=True)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDDDDD")
    total_fill = PatternFill("solid", fgColor="F2F2F2")
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")

    ws.cell(
        1, 1, f"{section.number}. {section.title_vi} — {table.number}. {table.title_vi}"
    ).font = Font(bold=True, size=13)
    ws.cell(2, 1, f"{report.commune_name} — {_period_line(report)}").font = Font(italic=True)
    cols = table.columns
    grouped = any(c.group_vi for c in cols)
    head_rows = 2 if grouped else 1
    top = HEADER_ROW
    ws.cell(top, 1, table.label_vi)
    if grouped:
        ws.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
        i = 0
        while i < len(cols):
            j = i
            g = cols[i].group_vi
            while g and j + 1 < len(cols) and cols[j + 1].group_vi == g:
                j += 1
            if g:
                ws.cell(top, i + 2, g)
                if j > i:
                    ws.merge_cells(start_row=top, start_column=i + 2, end_row=top, end_column=j + 2)
                for k in range(i, j + 1):
                    ws.cell(top + 1, k + 2, cols[k].vi)
            else:
                ws.cell(top, i + 2, cols[i].vi)
                ws.merge_cells(start_row=top, start_column=i + 2, end_row=top + 1, end_column=i + 2)
            i = j + 1
    else:
        for i, c in enumerate(cols):
            ws.cell(top, i + 2, c.vi)
    for r in range(top, top + head_rows):
        ws.row_dimensions[r].height = 32
        for x in range(1, len(cols) + 2):
            cell = ws.cell(r, x)
            cell.font = bold
            cell.alignment = wrap
            cell.fill = head_fill
            cell.border = border
    first = top + head_rows
    label_width = len(table.label_vi)
    for n, row in enumerate(table.rows):
        y = first + n
        label = ws.cell(y, 1, row.vi)
        label.border = border
        label.alignment = Alignment(
            wrap_text=True, vertical="center", indent=2 if row.kind == "sub" else 0
        )
        label_width = max(label_width, len(row.vi))
        if row.kind == "sub":
            label.font = Font(italic=True)
        for i, c in enumerate(cols):
            cell = ws.cell(y, i + 2, row.values[i])
            cell.number_format = NUMBER_FORMATS.get(row.cell_kind(c), "General")
            cell.border = border
        if row.kind == "total":
            for x in range(1, len(cols) + 2):
                ws.cell(y, x).font = bold
                ws.cell(y, x).fill = total_fill
    after = first + len(table.rows) + 1
    if table.note_vi:
        ws.cell(after, 1, f"Ghi chú: {table.note_vi}").font = Font(italic=True, size=9)
    ws.column_dimensions["A"].width = min(70, max(24, label_width * 0.95 + 2))
    for i, c in enumerate(cols):
        longest = max(len(c.vi), len(c.group_vi) // 2 if c.group_vi else 0)
        ws.column_dimensions[get_column_letter(i + 2)].width = min(18, max(11, longest * 0.7 + 3))
    ws.freeze_panes = ws.cell(first, 2)
    ws.sheet_view.zoomScale = 100


def _cover(wb: Any, report: CommuneReport, names: list[tuple[Table, str]]) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = "Thông tin chung"
    ws.cell(1, 1, "BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO “BÌNH DÂN HỌC VỤ SỐ”").font = Font(
        bold=True, size=14
    )
    p, q, y = report.period, report.previous, report.year_to_date
    info: list[tuple[str, Any, str]] = [
        ("Đơn vị báo cáo", f"UBND {report.commune_name}", ""),
        ("Mã đơn vị hành chính", report.commune_code, "@"),
        ("Tỉnh, thành phố", report.province_name, ""),
        ("Kỳ báo cáo", p.label("vi"), ""),
        ("Từ ngày", p.date_from, "DD/MM/YYYY"),
        ("Đến ngày", p.date_to, "DD/MM/YYYY"),
        ("So sánh với", q.label("vi"), ""),
        ("Kỳ so sánh từ ngày", q.date_from, "DD/MM/YYYY"),
        ("Kỳ so sánh đến ngày", q.date_to, "DD/MM/YYYY"),
        ("Lũy kế từ ngày", y.date_from, "DD/MM/YYYY"),
        ("Lũy kế đến ngày", y.date_to, "DD/MM/YYYY"),
        ("Ngày lập", report.generated_at.replace(tzinfo=None), "DD/MM/YYYY HH:MM"),
        ("Số thành viên Tổ công nghệ số cộng đồng", report.team_size, "#,##0"),
    ]
    for i, (k, v, fmt) in enumerate(info, start=3):
        ws.cell(i, 1, k).font = Font(bold=True)
        c = ws.cell(i, 2, v)
        c.alignment = Alignment(horizontal="left")
        if fmt:
            c.number_format = fmt
    row = len(info) + 4
    ws.cell(row, 1, "Danh sách bảng").font = Font(bold=True, size=12)
    row += 1
    by_id = {id(t): n for t, n in names}
    for sec in report.sections:
        ws.cell(row, 1, f"{sec.number}. {sec.title_vi}").font = Font(bold=True)
        row += 1
        for t in sec.tables:
            link = ws.cell(row, 1, f"   {t.number}. {t.title_vi}")
            link.hyperlink = f"#'{by_id[id(t)]}'!A1"
            link.font = Font(color="1F5FA8", underline="single")
            row += 1
    row += 1
    ws.cell(row, 1, "Cách tính").font = Font(bold=True, size=12)
    rules = (
        "Không tính bản ghi đã xoá; chỉ tính buổi có trạng thái “Đã tổ chức”.",
        "Người được hỗ trợ: người có điểm danh hoặc ghi nhận kỹ năng trong kỳ, mỗi người một lần.",
        "Lượt tham gia: số lượt điểm danh. Các số liệu khớp với tệp xuất dữ liệu gốc của phần mềm.",
        "Dân tộc thiểu số, khuyết tật: chỉ tính người đã đồng ý cung cấp thông tin.",
    )
    for r in rules:
        row += 1
        ws.cell(row, 1, f"- {r}")
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 40


def write_report_xlsx(report: CommuneReport, out: Path | BinaryIO) -> int:
    """Write the workbook (any thread); return the number of table sheets."""
    from openpyxl import Workbook

    wb = Workbook()
    taken: set[str] = {"Thông tin chung"}
    names = [(t, sheet_name(t, taken)) for t in report.tables()]
    _cover(wb, report, names)
    by_id = dict((id(t), n) for t, n in names)
    for sec in report.sections:
        for t in sec.tables:
            _table_sheet(wb, report, sec, t, by_id[id(t)])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if isinstance(out, Path):
        out.write_bytes(data)
    else:
        out.write(data)
    return len(names)
