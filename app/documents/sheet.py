"""The attendance sheet of a session (DANH SÁCH ĐIỂM DANH): printed before a class, signed on
paper in the village, and scanned back row by row.

Layout: administrative header, title and session details; a table (number, full name, birth
year, village, signature, row QR) whose header row repeats on every page, then blank rows for
walk-ins, a summary line and signature blocks for the instructor and the officer. Every page
carries the session QR in its footer (a loose page still identifies its session) and
"Trang x/y".
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from app import payload
from app.database import Actor
from app.documents import qr
from app.documents.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from app.documents.layout import (
    MARGIN,
    PAGE_H,
    PAGE_W,
    AdminHeader,
    BoxPlaceholder,
    PlacedBox,
    PlacedParagraph,
    esc,
    numbered_canvas,
    page_number,
    styles,
)
from app.services.printing import SheetData, sheet_data

TOP = 10 * mm
FOOTER = 31 * mm  # the session QR and page number live below the frame
RUNNING_HEAD = 9 * mm  # pages after the first: a line naming the session
COLS = (10 * mm, 56 * mm, 14 * mm, 37 * mm, 41 * mm, 28 * mm)
QR_PAD = 0.75 * mm  # with the drawn quiet zone, about 4 modules of white to the table rule
BLANK_ROW_H = 12 * mm
HEAD_BG = Color(0.88, 0.88, 0.88)


@dataclass(frozen=True)
class SheetRow:
    number: int
    person_id: str
    full_name: str
    birth_year: int | None
    village_name: str | None
    payload: str
    qr: PlacedBox | None  # the code, quiet zone excluded
    name: PlacedBox | None  # the name paragraph


@dataclass(frozen=True)
class SheetInfo:
    """What was printed and where: for the officer's summary and for tests."""

    session_id: str
    session_payload: str
    pages: int
    rows: tuple[SheetRow, ...]
    blank_rows: int
    session_qr: tuple[PlacedBox, ...]  # one per page

    def payloads(self) -> set[str]:
        return {self.session_payload, *(r.payload for r in self.rows)}


class _Footer:
    """Draws the session QR and its caption at the bottom of every page."""

    def __init__(self, data: SheetData, code: str, include_qr: bool) -> None:
        self.data = data
        self.code = code
        self.include_qr = include_qr
        self.placed: list[PlacedBox] = []

    def __call__(self, canvas: Canvas, doc: Any) -> None:
        style = qr.SESSION
        side = qr.qr_side(self.code, style)
        x, y = MARGIN - style.quiet_modules * style.module_mm * mm, 5 * mm
        canvas.saveState()
        if self.include_qr:
            qr.draw_qr(canvas, self.code, x, y, style)
        else:
            canvas.rect(x, y, side, side)
        q = style.quiet_modules * style.module_mm * mm
        self.placed.append(
            PlacedBox(canvas.getPageNumber(), x + q, y + q, x + side - q, y + side - q)
        )
        tx = x + side + 2 * mm
        s = self.data.session
        canvas.setFont(SERIF_BOLD, 9.5)
        canvas.drawString(tx, y + side - 7 * mm, _clip(f"Buổi học: {s.title}", SERIF_BOLD, 9.5))
        canvas.setFont(SERIF, 9.5)
        canvas.drawString(tx, y + side - 11.5 * mm, f"Thời gian: {s.when}")
        canvas.setFont(SERIF_ITALIC, 8.5)
        canvas.drawString(
            tx,
            y + side - 16 * mm,
            "Mã QR bên trái: mã của buổi học. Mã ở mỗi dòng: điểm danh người đó.",
        )
        canvas.restoreState()


def _clip(text: str, font: str, size: float, width: float = 120 * mm) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _running_head(data: SheetData) -> Any:
    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(SERIF_ITALIC, 9.5)
        s = data.session
        text = _clip(
            f"{data.commune.agency} — Danh sách điểm danh: {s.title} — {s.when}",
            SERIF_ITALIC,
            9.5,
            PAGE_W - 2 * MARGIN,
        )
        canvas.drawString(MARGIN, PAGE_H - TOP - 4 * mm, text)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, PAGE_H - TOP - 6 * mm, PAGE_W - MARGIN, PAGE_H - TOP - 6 * mm)
        canvas.restoreState()

    return draw


def _doc(out: BinaryIO, data: SheetData, footer: _Footer) -> BaseDocTemplate:
    width = PAGE_W - 2 * MARGIN
    first = Frame(MARGIN, FOOTER, width, PAGE_H - TOP - FOOTER, 0, 0, 0, 0, id="first")
    later = Frame(
        MARGIN, FOOTER, width, PAGE_H - TOP - FOOTER - RUNNING_HEAD, 0, 0, 0, 0, id="later"
    )
    head = _running_head(data)

    def on_later(canvas: Canvas, doc: Any) -> None:
        head(canvas, doc)
        footer(canvas, doc)

    doc = BaseDocTemplate(
        out,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP,
        bottomMargin=FOOTER,
        title=f"Danh sách điểm danh — {data.session.title}",
        author=data.commune.agency,
        creator="hocvuso",
        lang="vi-VN",
        invariant=True,
        initialFontName=SERIF,
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=footer, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=on_later),
        ]
    )
    return doc


def _story(
    data: SheetData, blank_rows: int, include_qr: bool, officer_name: str
) -> tuple[list[Flowable], list[tuple[SheetRow, Flowable, PlacedParagraph]]]:
    st = styles()
    s = data.session
    story: list[Flowable] = [AdminHeader(data.commune, s.day), Spacer(1, 5 * mm)]
    story.append(Paragraph("DANH SÁCH ĐIỂM DANH NGƯỜI HỌC", st["title"]))
    story.append(Paragraph(f"<b>{esc(s.title)}</b>", st["subtitle"]))
    story.append(Spacer(1, 2 * mm))
    details = [f"Chương trình: {esc(s.programme)}", f"Hình thức: {esc(s.format)}"]
    where = s.place or ""
    if s.village_name:
        where = f"{where}, {s.village_name}" if where else s.village_name
    line2 = [f"Thời gian: {esc(s.when)}"]
    if where:
        line2.append(f"Địa điểm: {esc(where)}")
    story.append(Paragraph(" — ".join(details), st["subtitle"]))
    story.append(Paragraph(" — ".join(line2), st["subtitle"]))
    if s.team_names:
        story.append(Paragraph(f"Người hướng dẫn: {esc(', '.join(s.team_names))}", st["subtitle"]))
    story.append(Spacer(1, 4 * mm))

    head = [Paragraph(t, st["head"]) for t in ("STT", "Họ và tên", "Năm sinh", "Thôn/xóm")]
    head += [Paragraph("Ký tên", st["head"]), Paragraph("Mã QR", st["head"])]
    rows: list[list[Any]] = [head]
    placed: list[tuple[SheetRow, Flowable, PlacedParagraph]] = []
    for i, p in enumerate(data.people, start=1):
        code = payload.encode_row(s.id, p.id)
        code_flow: Flowable = (
            qr.QrFlowable(code, qr.ROW) if include_qr else BoxPlaceholder(qr.qr_side(code, qr.ROW))
        )
        name = PlacedParagraph(esc(p.full_name), st["name"])
        rows.append(
            [
                str(i),
                name,
                str(p.birth_year) if p.birth_year else "",
                Paragraph(esc(p.village_name or ""), st["cell"]),
                "",
                code_flow,
            ]
        )
        row = SheetRow(i, p.id, p.full_name, p.birth_year, p.village_name, code, None, None)
        placed.append((row, code_flow, name))
    first_blank = len(data.people) + 1
    for j in range(blank_rows):
        rows.append([str(first_blank + j), Spacer(1, BLANK_ROW_H - 2 * QR_PAD), "", "", "", ""])

    n_people = len(data.people)
    style = [
        ("FONT", (0, 0), (-1, -1), SERIF, 10.5),
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (2, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("TOPPADDING", (0, 1), (-1, -1), QR_PAD),
        ("BOTTOMPADDING", (0, 1), (-1, -1), QR_PAD),
        ("LEFTPADDING", (5, 1), (5, -1), QR_PAD),
        ("RIGHTPADDING", (5, 1), (5, -1), QR_PAD),
        ("ALIGN", (5, 1), (5, -1), "CENTER"),
    ]
    if blank_rows and n_people:
        # A heavier rule where the walk-in rows start.
        style.append(("LINEABOVE", (0, n_people + 1), (-1, n_people + 1), 1.2, black))
    table: Table = LongTable(rows, colWidths=list(COLS), repeatRows=1)
    table.setStyle(TableStyle(style))
    story.append(table)
    story.append(Spacer(1, 4 * mm))

    summary = Paragraph(
        f"Tổng số người có tên trong danh sách: <b>{n_people}</b>. "
        "Số người có mặt: ............ Số người đến thêm (ghi ở các dòng trống): ............",
        st["body"],
    )
    sign = Table(
        [
            [Paragraph("NGƯỜI HƯỚNG DẪN", st["sign"]), Paragraph("CÁN BỘ PHỤ TRÁCH", st["sign"])],
            [
                Paragraph("(Ký, ghi rõ họ tên)", st["sign_note"]),
                Paragraph("(Ký, ghi rõ họ tên)", st["sign_note"]),
            ],
            [Spacer(1, 22 * mm), Spacer(1, 22 * mm)],
            [
                Paragraph(esc(", ".join(s.team_names)), st["sign"]),
                Paragraph(esc(officer_name), st["sign"]),
            ],
        ],
        colWidths=[(PAGE_W - 2 * MARGIN) / 2] * 2,
    )
    sign.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), SERIF)])
    )
    story.append(KeepTogether([summary, Spacer(1, 5 * mm), sign]))
    return story, placed


def write_attendance_sheet(
    data: SheetData,
    out: Path | BinaryIO,
    *,
    blank_rows: int = 10,
    officer_name: str = "",
    include_qr: bool = True,
) -> SheetInfo:
    """Draw the sheet for data already read from the database (any thread).

    `include_qr=False` draws empty squares instead of codes: the same pages, for benchmarks.
    """
    register_fonts()
    if not 0 <= blank_rows <= 500:
        raise ValueError("blank_rows must be 0..500")
    code = payload.encode_session(data.session.id)
    footer = _Footer(data, code, include_qr)
    buf = io.BytesIO()
    doc = _doc(buf, data, footer)
    story, placed = _story(data, blank_rows, include_qr, officer_name)
    doc.build(story, canvasmaker=numbered_canvas(page_number))
    pdf = buf.getvalue()
    if isinstance(out, Path):
        out.write_bytes(pdf)
    else:
        out.write(pdf)
    rows = []
    for row, code_flow, name in placed:
        box = None
        if isinstance(code_flow, qr.QrFlowable) and code_flow.placed is not None:
            box = PlacedBox(*code_flow.placed)
        rows.append(
            SheetRow(
                row.number,
                row.person_id,
                row.full_name,
                row.birth_year,
                row.village_name,
                row.payload,
                box,
                name.placed,
            )
        )
    return SheetInfo(data.session.id, code, doc.page, tuple(rows), blank_rows, tuple(footer.placed))


def render_attendance_sheet(
    s: Session,
    session_id: str,
    out: Path | BinaryIO,
    *,
    people_ids: list[str] | None = None,
    from_session_id: str | None = None,
    village_id: str | None = None,
    blank_rows: int = 10,
    commune_name: str | None = None,
    officer_name: str = "",
    actor: Actor | None = None,
) -> SheetInfo:
    """Read a session and its expected people and write the attendance sheet PDF.

    Expected people: the chosen ids, the attendees of `from_session_id`, the people of
    `village_id` (combined when several are given), or by default the session's attendees;
    rows in Vietnamese name order. With an `actor`, the printing is written to the audit log.
    """
    data = sheet_data(
        s,
        session_id,
        people_ids=people_ids,
        from_session_id=from_session_id,
        village_id=village_id,
        commune_name=commune_name,
        actor=actor,
    )
    return write_attendance_sheet(data, out, blank_rows=blank_rows, officer_name=officer_name)
