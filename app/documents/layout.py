"""Page furniture shared by the printed documents: A4 geometry, paragraph styles, the
Vietnamese administrative header (agency, national title and motto, place and date), a
canvas that numbers pages "Trang x/y", and flowables that report where they were drawn."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from app.documents.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from app.services.printing import CommuneHeader

PAGE_W, PAGE_H = A4
MARGIN = 12 * mm

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class PlacedBox:
    """Where something was drawn: page (1-based) and its box in PDF points (origin bottom-left)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=SERIF, fontSize=11, leading=14)
    return {
        "body": base,
        "title": ParagraphStyle(
            "title", parent=base, fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=11.5, leading=15, alignment=TA_CENTER
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10.5, leading=13, alignment=TA_LEFT),
        "cell_c": ParagraphStyle(
            "cell_c", parent=base, fontSize=10.5, leading=13, alignment=TA_CENTER
        ),
        "name": ParagraphStyle("name", parent=base, fontSize=11, leading=14),
        "head": ParagraphStyle(
            "head", parent=base, fontName=SERIF_BOLD, fontSize=10, leading=12, alignment=TA_CENTER
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=11),
        "small_c": ParagraphStyle(
            "small_c", parent=base, fontSize=9, leading=11, alignment=TA_CENTER
        ),
        "sign": ParagraphStyle(
            "sign", parent=base, fontName=SERIF_BOLD, fontSize=11, leading=14, alignment=TA_CENTER
        ),
        "sign_note": ParagraphStyle(
            "sign_note",
            parent=base,
            fontName=SERIF_ITALIC,
            fontSize=10,
            leading=13,
            alignment=TA_CENTER,
        ),
    }


def esc(text: str) -> str:
    """Text for a Paragraph: its markup characters escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def date_line(place: str, day: date | None) -> str:
    """ "Đức Xuân, ngày 25 tháng 11 năm 2026" (blanks to fill in when no date is known)."""
    if day is None:
        return f"{place}, ngày ..... tháng ..... năm ........"
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _fit(text: str, font: str, size: float, width: float) -> float:
    w = stringWidth(text, font, size)
    return size if w <= width else size * width / w


class AdminHeader(Flowable):  # type: ignore[misc]
    """Agency top left, national title and motto (underlined) top right, then the place and
    date line, as Decree 30/2020/NĐ-CP lays out administrative documents."""

    def __init__(self, commune: CommuneHeader, day: date | None) -> None:
        super().__init__()
        register_fonts()
        self.commune = commune
        self.day = day
        self._w = 0.0
        self._left: list[str] = []

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._w = aW
        left_w = aW * 0.40 - 6
        self._left = simpleSplit(self.commune.agency, SERIF_BOLD, 11.5, left_w)
        lines = max(2, len(self._left))
        self.height = 14 * lines + 34
        self.width = aW
        return aW, self.height

    def draw(self) -> None:
        c: Any = self.canv
        w, h = self._w, self.height
        left_w = w * 0.40
        lx, rx = left_w / 2, left_w + (w - left_w) / 2
        right_w = w - left_w
        y = h - 11
        c.setFillColor(black)
        c.setFont(SERIF_BOLD, 11.5)
        for line in self._left:
            c.drawCentredString(lx, y, line)
            y -= 14
        widest = max(stringWidth(t, SERIF_BOLD, 11.5) for t in self._left)
        c.setLineWidth(0.6)
        c.line(lx - widest / 6, y + 9, lx + widest / 6, y + 9)

        y = h - 11
        size = _fit(NATION, SERIF_BOLD, 11.5, right_w - 4)
        c.setFont(SERIF_BOLD, size)
        c.drawCentredString(rx, y, NATION)
        y -= 14
        c.setFont(SERIF_BOLD, 12)
        c.drawCentredString(rx, y, MOTTO)
        mw = stringWidth(MOTTO, SERIF_BOLD, 12)
        c.line(rx - mw / 2, y - 3, rx + mw / 2, y - 3)
        y -= 24
        c.setFont(SERIF_ITALIC, 11)
        c.drawCentredString(rx, y, date_line(self.commune.place, self.day))


class PlacedParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph that remembers where it was drawn (`placed`), for reports and tests."""

    placed: PlacedBox | None = None

    def draw(self) -> None:
        canv: Any = self.canv
        x0, y0 = canv.absolutePosition(0, 0)
        self.placed = PlacedBox(canv.getPageNumber(), x0, y0, x0 + self.width, y0 + self.height)
        super().draw()


class BoxPlaceholder(Flowable):  # type: ignore[misc]
    """An empty square the size of a QR code: the same page layout with no code drawn
    (benchmarks compare against it)."""

    def __init__(self, side: float) -> None:
        super().__init__()
        self.width = self.height = side

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv: Any = self.canv
        canv.setLineWidth(0.3)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


PageFn = Callable[[Canvas, int, int], None]


def numbered_canvas(on_page_end: PageFn) -> type[Canvas]:
    """A canvas class that holds pages back until the end, so each page can show the total
    ("Trang 3/12"): `on_page_end(canvas, page, total)` draws on every page before it is
    written."""

    class _NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for i, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                on_page_end(self, i, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return _NumberedCanvas


def page_number(canvas: Canvas, page: int, total: int) -> None:
    canvas.saveState()
    canvas.setFont(SERIF, 9.5)
    canvas.drawRightString(PAGE_W - MARGIN, 9 * mm, f"Trang {page}/{total}")
    canvas.restoreState()
