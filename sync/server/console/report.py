"""The province quarterly report, aggregating all communes: PDF (reportlab, DejaVu fonts
embedded so every Vietnamese letter prints) and XLSX (openpyxl). Figures only, no personal
data: the same definitions as the dashboard (see `queries`)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy import Engine

from sync.server.console.queries import Figures, Period, report_rows

# The project's fonts folder (resources/fonts, next to the `sync` package in a checkout).
FONTS_DIR = Path(__file__).resolve().parents[3] / "resources" / "fonts"
FONT, FONT_BOLD = "HVS-DejaVuSans", "HVS-DejaVuSans-Bold"

HEADERS = (
    "Mã xã",
    "Buổi đã tổ chức",
    "Người được hỗ trợ",
    "Kỹ năng tự làm được",
    "Kích hoạt VNeID mức 2",
)
TITLE = "Báo cáo quý — Phong trào Bình dân học vụ số"


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))


def _line(code: str, f: Figures) -> list[str | int]:
    return [code, f.sessions, f.people, f.mastered, f.vneid]


def _total(figs: dict[str, Figures]) -> Figures:
    t = Figures()
    for f in figs.values():
        t.sessions += f.sessions
        t.people += f.people
        t.mastered += f.mastered
        t.vneid += f.vneid
    return t


def _tables(
    engine: Engine, quarter: Period, ytd: Period
) -> list[tuple[str, list[list[str | int]]]]:
    codes, q, y = report_rows(engine, quarter, ytd)
    out: list[tuple[str, list[list[str | int]]]] = []
    for title, figs in ((f"Quý {quarter.label}", q), (f"Lũy kế năm {ytd.label}", y)):
        rows: list[list[str | int]] = [list(HEADERS)]
        rows += [_line(c, figs.get(c, Figures())) for c in codes]
        rows.append(_line(f"Toàn tỉnh ({len(codes)} xã)", _total(figs)))
        out.append((title, rows))
    return out


def report_pdf(engine: Engine, quarter: Period, ytd: Period) -> bytes:
    _register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{TITLE} {quarter.label}",
    )
    h1 = ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=15, leading=19)
    h2 = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=12, leading=16, spaceBefore=8)
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    story: list[object] = [
        Paragraph(f"{TITLE} — {quarter.label}", h1),
        Paragraph(
            f"Từ {quarter.start} đến {quarter.end}; lập lúc {made}. Người được hỗ trợ: số người "
            "khác nhau có điểm danh hoặc ghi nhận kỹ năng; kỹ năng tự làm được: cặp (người, kỹ "
            "năng) ở mức “tự làm được”; VNeID: kỹ năng DD02 ở mức “tự làm được”.",
            body,
        ),
    ]
    for title, rows in _tables(engine, quarter, ytd):
        table = Table(rows, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
                    ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
                    ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde7f0")),
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        story += [Spacer(1, 4 * mm), Paragraph(title, h2), table]
    doc.build(story)
    return buf.getvalue()


def report_xlsx(engine: Engine, quarter: Period, ytd: Period) -> bytes:
    wb = Workbook()
    first = True
    for title, rows in _tables(engine, quarter, ytd):
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = "Quý" if title.startswith("Quý") else "Lũy kế năm"
        ws.append([f"{TITLE} — {title}"])
        ws["A1"].font = Font(bold=True, size=13)
        for r in rows:
            ws.append(r)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        ws.column_dimensions["A"].width = 22
        for col in "BCDE":
            ws.column_dimensions[col].width = 20
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
