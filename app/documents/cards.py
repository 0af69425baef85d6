"""Learner cards: A4 sheets of ten credit-card-sized cards (ISO/IEC 7810 ID-1, 85.6 × 54 mm)
with the person's name, birth year, village and learner QR code, and cut marks in the margins.

Cards are drawn straight on the canvas (no Platypus): a commune prints them by the thousand.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from app import payload
from app.database import Actor
from app.documents import qr
from app.documents.fonts import SANS, SANS_BOLD, register_fonts
from app.documents.layout import PAGE_H, PAGE_W, PlacedBox
from app.errors import UserError
from app.services.printing import CommuneHeader, PrintPerson, card_people, commune_header

CARD_W = 85.6 * mm
CARD_H = 53.98 * mm
COLS, ROWS = 2, 5
PER_PAGE = COLS * ROWS
LEFT = (PAGE_W - COLS * CARD_W) / 2
BOTTOM = (PAGE_H - ROWS * CARD_H) / 2
INSET = 4 * mm
MARK_GAP, MARK_LEN = 2 * mm, 6 * mm
FRAME = Color(0.75, 0.75, 0.75)
BAND = Color(0.12, 0.33, 0.60)


@dataclass(frozen=True)
class PlacedCard:
    person_id: str
    full_name: str
    payload: str
    qr: PlacedBox | None
    name: PlacedBox


@dataclass(frozen=True)
class CardsInfo:
    pages: int
    cards: tuple[PlacedCard, ...]

    def payloads(self) -> set[str]:
        return {c.payload for c in self.cards}


def _name_lines(name: str, width: float) -> tuple[list[str], float]:
    """The name in at most three lines, shrinking the type for very long names."""
    size = 11.5
    lines = simpleSplit(name, SANS_BOLD, size, width)
    while (len(lines) > 3 or any(stringWidth(x, SANS_BOLD, size) > width for x in lines)) and (
        size > 7
    ):
        size -= 0.5
        lines = simpleSplit(name, SANS_BOLD, size, width)
    return lines, size


def _cut_marks(c: Canvas) -> None:
    c.setStrokeColor(black)
    c.setLineWidth(0.3)
    top = BOTTOM + ROWS * CARD_H
    right = LEFT + COLS * CARD_W
    for i in range(COLS + 1):
        x = LEFT + i * CARD_W
        c.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK_LEN)
        c.line(x, BOTTOM - MARK_GAP, x, BOTTOM - MARK_GAP - MARK_LEN)
    for j in range(ROWS + 1):
        y = BOTTOM + j * CARD_H
        c.line(LEFT - MARK_GAP, y, LEFT - MARK_GAP - MARK_LEN, y)
        c.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LEN, y)


def _card(
    c: Canvas, x: float, y: float, p: PrintPerson, commune: CommuneHeader, include_qr: bool
) -> PlacedCard:
    page = c.getPageNumber()
    code = payload.encode_person(p.id)
    # A light frame inside the cut line: a slightly misaligned cut never shows half a border.
    c.setStrokeColor(FRAME)
    c.setLineWidth(0.5)
    c.roundRect(x + 1.5 * mm, y + 1.5 * mm, CARD_W - 3 * mm, CARD_H - 3 * mm, 2.5 * mm)

    side = qr.qr_side(code, qr.CARD)
    qx, qy = x + CARD_W - 2.5 * mm - side, y + 3 * mm
    box: PlacedBox | None = None
    if include_qr:
        qr.draw_qr(c, code, qx, qy, qr.CARD)
        q = qr.CARD.quiet_modules * qr.CARD.module_mm * mm
        box = PlacedBox(page, qx + q, qy + q, qx + side - q, qy + side - q)
    else:
        c.setStrokeColor(black)
        c.rect(qx, qy, side, side)

    left = x + INSET
    text_w = qx - left - 1 * mm
    top = y + CARD_H - INSET
    c.setFillColor(BAND)
    c.setFont(SANS_BOLD, 7.5)
    c.drawString(left, top - 7, "BÌNH DÂN HỌC VỤ SỐ")
    c.setFillColor(black)
    c.setFont(SANS, 6.5)
    agency = commune.agency
    while stringWidth(agency, SANS, 6.5) > CARD_W - 2 * INSET and len(agency) > 4:
        agency = agency[:-2] + "…"
    c.drawRightString(x + CARD_W - INSET, top - 7, agency)
    c.setStrokeColor(BAND)
    c.setLineWidth(0.8)
    c.line(left, top - 10, x + CARD_W - INSET, top - 10)
    c.setFont(SANS_BOLD, 9)
    c.drawString(left, top - 22, "THẺ NGƯỜI HỌC")

    lines, size = _name_lines(p.full_name, text_w)
    ny = top - 22 - 6 - size
    name_top = ny + size
    c.setFont(SANS_BOLD, size)
    for line in lines:
        c.drawString(left, ny, line)
        ny -= size * 1.2
    name_box = PlacedBox(page, left, ny + size * 1.2 - 3, left + text_w, name_top)

    c.setFont(SANS, 7.5)
    ty = ny - 3
    floor = y + INSET + 9  # keep clear of the footnote, whatever the name's length
    lines = [f"Năm sinh: {p.birth_year}"] if p.birth_year else []
    if p.village_name:
        lines += simpleSplit(f"Thôn/xóm: {p.village_name}", SANS, 7.5, text_w)[:2]
    for line in lines:
        if ty < floor:
            break
        c.drawString(left, ty, line)
        ty -= 9.5
    c.setFont(SANS, 6)
    c.setFillColor(Color(0.3, 0.3, 0.3))
    c.drawString(left, y + INSET, "Mang thẻ khi đi học: quét mã để điểm danh.")
    c.setFillColor(black)
    return PlacedCard(p.id, p.full_name, code, box, name_box)


def write_learner_cards(
    people: Sequence[PrintPerson],
    commune: CommuneHeader,
    out: Path | BinaryIO,
    *,
    include_qr: bool = True,
) -> CardsInfo:
    """Draw the cards (any thread). `include_qr=False` leaves empty squares (benchmarks)."""
    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=True, lang="vi-VN", initialFontName=SANS)
    c.setTitle("Thẻ người học")
    c.setAuthor(commune.agency)
    c.setCreator("hocvuso")
    placed: list[PlacedCard] = []
    pages = 0
    for start in range(0, len(people), PER_PAGE):
        pages += 1
        _cut_marks(c)
        for k, p in enumerate(people[start : start + PER_PAGE]):
            col, row = k % COLS, k // COLS
            x = LEFT + col * CARD_W
            y = BOTTOM + (ROWS - 1 - row) * CARD_H
            c.saveState()
            placed.append(_card(c, x, y, p, commune, include_qr))
            c.restoreState()
        c.showPage()
    c.save()
    pdf = buf.getvalue()
    if isinstance(out, Path):
        out.write_bytes(pdf)
    else:
        out.write(pdf)
    return CardsInfo(pages, tuple(placed))


def render_learner_cards(
    s: Session,
    out: Path | BinaryIO,
    *,
    people_ids: list[str] | None = None,
    village_id: str | None = None,
    commune_name: str | None = None,
    actor: Actor | None = None,
) -> CardsInfo:
    """Cards for the chosen people, a village's people, or everyone, ordered by village and
    name. With an `actor`, the printing is written to the audit log."""
    people = card_people(s, people_ids=people_ids, village_id=village_id, actor=actor)
    if not people:
        raise UserError(
            "print.no_people",
            "Không có ai để in thẻ. Hãy chọn người học hoặc thôn/xóm khác.",
            "There is nobody to print cards for. Choose people or another village.",
        )
    return write_learner_cards(people, commune_header(s, commune_name), out)
