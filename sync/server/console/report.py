"""The province's quarterly report, aggregating all communes, from a `ProvinceReport`
(`indicators.province_report`): a PDF in the style of a Vietnamese administrative report and
an XLSX workbook with every table. Figures only: the report holds no personal data.

PDF (reportlab; the DejaVu faces of `resources/fonts` embedded, so every Vietnamese letter
prints), laid out like the commune report of the desktop program (Decree 30/2020/NĐ-CP):
the header block (the provincial People's Committee and the Department of Science and
Technology on the left, the national title and motto on the right, "Số: …/BC-SKHCN" and the
place and date), the title "BÁO CÁO Kết quả thực hiện Phong trào “Bình dân học vụ số” Quý III
năm 2026", then
  I.   key results: the summary table, a paragraph with the main figures and two bar charts;
  II.  the province's breakdowns (programme, target group, sex and age, skills);
  III. the per-commune tables of the quarter, on landscape pages (header repeated on every
       page; the province total first, under the header, as statistical tables put it);
  IV.  remarks to be written by hand, the closing sentence, "Nơi nhận" and the signature.
Every page is numbered "Trang x/y".

XLSX (openpyxl): a first sheet "Tổng hợp" with the title block, the summary table and a list
of the other sheets, then one sheet per breakdown and per commune table (the quarter and the
year to date on separate sheets). Vietnamese headers with the English under them, the panes
frozen below the headers and right of the label column, numbers stored as numbers.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from sync.server.console.indicators import SUMMARY_LINES, ProvinceReport, Table, Value
from sync.server.console.queries import Period

__all__ = ["report_filename", "report_pdf", "report_xlsx"]

# The project's fonts folder (resources/fonts, next to the `sync` package in a checkout).
FONTS_DIR = Path(__file__).resolve().parents[3] / "resources" / "fonts"
# Registered under names of our own so that they never clash with another module's fonts.
SERIF, SERIF_BOLD, SERIF_ITALIC = "HVS-DejaVuSerif", "HVS-DejaVuSerif-Bold", "HVS-DejaVuSerif-It"
SANS, SANS_BOLD = "HVS-DejaVuSans", "HVS-DejaVuSans-Bold"
_FONT_FILES = {
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
}

# -- the words of the report -------------------------------------------------------------------

TITLE = "BÁO CÁO"
SUBJECT = "Kết quả thực hiện Phong trào “Bình dân học vụ số”"
TITLE_EN = "Report on the “Digital literacy for all” movement"
PARENT_AGENCY = "UBND"  # "UBND TỈNH THÁI NGUYÊN"
AGENCY = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
AGENCY_NAME = "Sở Khoa học và Công nghệ"
DOC_CODE = "BC-SKHCN"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_FOR = "KT. GIÁM ĐỐC"
SIGN_TITLE = "PHÓ GIÁM ĐỐC"
SIGN_NOTE = "(Ký, ghi rõ họ tên, đóng dấu)"
RECIPIENTS = (
    "- Bộ Khoa học và Công nghệ (để b/c);",
    "- UBND tỉnh (để b/c);",
    "- Ban Chỉ đạo Phong trào BDHVS tỉnh;",
    "- Giám đốc, các Phó Giám đốc Sở;",
    "- UBND các xã, phường;",
    "- Lưu: VT, CĐS.",
)
SECTIONS = (
    "KẾT QUẢ CHÍNH CỦA TOÀN TỈNH",
    "KẾT QUẢ THEO CHƯƠNG TRÌNH, ĐỐI TƯỢNG VÀ KỸ NĂNG",
    "KẾT QUẢ THEO XÃ, PHƯỜNG",
    "ĐÁNH GIÁ CHUNG; KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
)
NO_DATA = "Không có số liệu."
DASH = "–"  # a value that cannot be worked out (no population entered, no active member)
SUMMARY_SHEET = "Tổng hợp"
VN_TIME = timezone(timedelta(hours=7))

# Columns showing a change, written with a sign (+12, -3).
SIGNED_COLUMNS: dict[str, frozenset[int]] = {"summary": frozenset({2})}
# Short sheet names by table key (the part before "_q" / "_y"); 31 characters at most.
SHEET_NAMES = {
    "programmes": "Theo chương trình",
    "target_groups": "Theo nhóm đối tượng",
    "sex_age": "Theo giới tính, độ tuổi",
    "skill_list": "Theo kỹ năng",
    "sessions": "Buổi hỗ trợ",
    "people": "Người được hỗ trợ",
    "skills": "Kỹ năng",
    "identity": "VNeID",
    "services": "DVC, thanh toán, y tế",
    "team": "Tổ CNS cộng đồng",
}
# The key indicators drawn in the first chart (keys of `indicators.SUMMARY_LINES`).
CHART_KEYS = ("sessions", "people", "indep", "mastered", "dd02", "dvc", "tt", "yt01")
TOP_COMMUNES = 15

# -- geometry and colours ----------------------------------------------------------------------

PORTRAIT = A4
LANDSCAPE = landscape(A4)
# Decree 30/2020: left 30 mm, right 15 mm, top and bottom 20 mm; the landscape pages of the
# annex are bound on their top edge and keep a smaller top and bottom margin.
P_LEFT, P_RIGHT, P_TOP, P_BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
L_LEFT, L_RIGHT, L_TOP, L_BOTTOM = 20 * mm, 15 * mm, 18 * mm, 16 * mm
PAD = 6  # a frame's padding on each side
P_WIDTH = PORTRAIT[0] - P_LEFT - P_RIGHT - 2 * PAD
L_WIDTH = LANDSCAPE[0] - L_LEFT - L_RIGHT - 2 * PAD
HEAD_BG = Color(0.88, 0.88, 0.88)
TOTAL_BG = Color(0.93, 0.93, 0.93)
STRIPE_BG = Color(0.955, 0.955, 0.955)
CURRENT = HexColor("#1f5fa8")
PREVIOUS = HexColor("#a9c4e4")
SECOND = HexColor("#e08a1e")

_font_lock = threading.Lock()


def _register_fonts() -> None:
    """Make the DejaVu faces known to reportlab (idempotent and thread-safe: the console
    renders reports in a thread pool)."""
    if SERIF_ITALIC in pdfmetrics.getRegisteredFontNames():
        return
    with _font_lock:
        if SERIF_ITALIC in pdfmetrics.getRegisteredFontNames():
            return
        for name, file in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))
        # <b> and <i> inside paragraphs pick the right face (no bold italic: bold).
        addMapping(SERIF, 0, 0, SERIF)
        addMapping(SERIF, 1, 0, SERIF_BOLD)
        addMapping(SERIF, 0, 1, SERIF_ITALIC)
        addMapping(SERIF, 1, 1, SERIF_BOLD)
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS)
        addMapping(SANS, 1, 1, SANS_BOLD)


# -- words, periods and numbers ----------------------------------------------------------------

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_QUARTER_LABEL = re.compile(r"^(\d{4})-Q([1-4])$")
_QUARTER_IN_TEXT = re.compile(r"Quý (\d{4})-Q([1-4])")


def _roman(n: int) -> str:
    return _ROMAN[n - 1] if 1 <= n <= len(_ROMAN) else str(n)


def quarter_words(p: Period) -> str:
    """'2026-Q3' -> 'Quý III năm 2026' (the label itself when it is not a quarter)."""
    m = _QUARTER_LABEL.match(p.label)
    return f"Quý {_roman(int(m.group(2)))} năm {m.group(1)}" if m else p.label


def quarter_short(p: Period) -> str:
    """'2026-Q3' -> 'Quý III/2026'."""
    m = _QUARTER_LABEL.match(p.label)
    return f"Quý {_roman(int(m.group(2)))}/{m.group(1)}" if m else p.label


def _pretty(text: str) -> str:
    """A header as printed: 'Quý 2026-Q3: người' -> 'Quý III/2026: người'."""
    return _QUARTER_IN_TEXT.sub(lambda m: f"Quý {_roman(int(m.group(2)))}/{m.group(1)}", text)


def _dmy(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) >= 10 else iso


def _local(t: datetime) -> datetime:
    """The time in Vietnam (a naive time is taken as UTC)."""
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(VN_TIME)


def _province_parts(name: str) -> tuple[str, str]:
    """('tỉnh', 'Thái Nguyên') from 'Thái Nguyên' or 'Tỉnh Thái Nguyên';
    ('thành phố', 'Hà Nội') from 'Thành phố Hà Nội'."""
    name = name.strip()
    for kind in ("thành phố", "tỉnh"):
        if name.lower().startswith(kind + " "):
            return kind, name[len(kind) + 1 :].strip()
    return "tỉnh", name


def _province_full(rep: ProvinceReport) -> str:
    """'tỉnh Thái Nguyên'."""
    kind, bare = _province_parts(rep.province)
    return f"{kind} {bare}" if bare else kind


def _group_digits(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# The summary's lines holding hours, shown with one decimal even when whole.
_DECIMAL_SUMMARY_LINES = frozenset(vi for key, vi, *_rest in SUMMARY_LINES if key == "hours")


def _kind(t: Table, label: str, values: Sequence[Value], col: int) -> str:
    """How a cell is shown: 'int', 'dec' (one decimal) or 'pct' (a share as a percentage)."""
    if col in t.percent:
        return "pct"
    if col in t.decimals:
        return "dec"
    if t.key == "summary" and label in _DECIMAL_SUMMARY_LINES:
        return "dec"
    v = values[col] if col < len(values) else None
    if isinstance(v, float) and not v.is_integer():
        return "dec"
    return "int"


def format_number(value: Value, kind: str = "int", signed: bool = False) -> str:
    """A value as printed in Vietnamese: 1.234 ; 12,5 (hours, averages) ; 12,5 % (shares);
    '–' for a value that cannot be worked out."""
    if value is None:
        return DASH
    if kind == "pct":
        text = f"{value * 100:.1f}".replace(".", ",") + " %"
    elif kind == "dec":
        whole, frac = f"{abs(value):.1f}".split(".")
        text = _group_digits(int(whole)) + "," + frac
        if value < 0 and text.strip("0,"):
            text = "-" + text
    else:
        r = round(value)
        text = ("-" if r < 0 else "") + _group_digits(abs(r))
    if signed and value > 0:
        text = "+" + text
    return text


def _cell_text(t: Table, label: str, values: Sequence[Value], col: int) -> str:
    v = values[col] if col < len(values) else None
    signed = col in SIGNED_COLUMNS.get(t.key, frozenset())
    return format_number(v, _kind(t, label, values, col), signed)


def _find(tables: Sequence[Table], prefix: str) -> Table | None:
    for t in tables:
        if t.key == prefix or t.key.startswith(prefix + "_"):
            return t
    return None


def _summary_row(rep: ProvinceReport, key: str) -> list[Value]:
    """The summary's values for one key of `indicators.SUMMARY_LINES` (zeros if missing)."""
    labels = {k: vi for k, vi, *_rest in SUMMARY_LINES}
    for label, values in rep.summary.rows:
        if label == labels.get(key):
            return list(values)
    return [0, 0, 0, 0]


def _int(v: Value) -> int:
    return round(v) if v is not None else 0


def _n(v: Value) -> str:
    return format_number(v, "int")


def _active_communes(rep: ProvinceReport) -> int:
    """Communes with at least one session held or one person helped in the quarter."""
    sess, people = _find(rep.annex_quarter, "sessions"), _find(rep.annex_quarter, "people")
    active: set[int] = set()
    for t, col in ((sess, -1), (people, 0)):
        if t is None:
            continue
        for i, (_label, values) in enumerate(t.rows):
            if values and (values[col] or 0) > 0:
                active.add(i)
    return len(active)


def _header_groups(heads: Sequence[str]) -> tuple[list[tuple[str, int, int]], list[str]] | None:
    """Two header rows for columns named 'A: people', 'B: people', 'A: visits', 'B: visits':
    [('People', 0, 1), ('Visits', 2, 3)] over ['A', 'B', 'A', 'B']; None when the columns
    do not group that way."""
    parts = [h.rsplit(": ", 1) for h in heads]
    if not heads or any(len(p) != 2 for p in parts):
        return None
    groups: list[tuple[str, int, int]] = []
    for i, (_sub, top) in enumerate(parts):
        if groups and groups[-1][0] == top[:1].upper() + top[1:] and groups[-1][2] == i - 1:
            groups[-1] = (groups[-1][0], groups[-1][1], i)
        else:
            groups.append((top[:1].upper() + top[1:], i, i))
    if len(groups) == len(heads):
        return None
    return groups, [p[0] for p in parts]


# -- PDF: styles and page furniture ------------------------------------------------------------


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "pbody", fontName=SERIF, fontSize=12, leading=16, alignment=TA_JUSTIFY, firstLineIndent=0
    )

    def s(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    return {
        "body": body,
        "indent": s("pindent", firstLineIndent=10 * mm, spaceAfter=3),
        "title": s("ptitle", fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=TA_CENTER),
        "subtitle": s("psub", fontName=SERIF_BOLD, fontSize=13, leading=17, alignment=TA_CENTER),
        "center": s("pcenter", alignment=TA_CENTER),
        "section": s("psec", fontName=SERIF_BOLD, spaceBefore=8, spaceAfter=3, alignment=TA_LEFT),
        "table_title": s(
            "ptt",
            fontName=SERIF_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=5,
            spaceAfter=3,
            alignment=TA_LEFT,
        ),
        "cell": s("pcell", fontSize=9.5, leading=11.5, alignment=TA_LEFT),
        "cell_small": s("pcells", fontSize=8.5, leading=10, alignment=TA_LEFT),
        "head": s("phead", fontName=SERIF_BOLD, fontSize=8.5, leading=10, alignment=TA_CENTER),
        "head_small": s(
            "pheads", fontName=SERIF_BOLD, fontSize=8, leading=9.5, alignment=TA_CENTER
        ),
        "note": s(
            "pnote",
            fontName=SERIF_ITALIC,
            fontSize=9.5,
            leading=12,
            alignment=TA_LEFT,
            spaceBefore=2,
        ),
        "caption": s(
            "pcap",
            fontName=SERIF_ITALIC,
            fontSize=10,
            leading=13,
            alignment=TA_CENTER,
            spaceBefore=2,
            spaceAfter=4,
        ),
        "recipients_head": s(
            "prh", fontName=SERIF_BOLD, fontSize=12, leading=15, alignment=TA_LEFT
        ),
        "recipients": s("pr", fontSize=11, leading=13, alignment=TA_LEFT),
        "sign": s("psign", fontName=SERIF_BOLD, fontSize=12.5, leading=16, alignment=TA_CENTER),
        "sign_note": s(
            "psignn", fontName=SERIF_ITALIC, fontSize=11, leading=14, alignment=TA_CENTER
        ),
    }


class _Header(Flowable):  # type: ignore[misc]
    """Decree 30/2020's header: the parent body (regular) and the issuing body (bold, a short
    rule under it) top left, "Số: …/BC-SKHCN" under them; the national title and the motto
    (underlined) top right, the place and date under them. Both blocks share one font size,
    shrunk when the province's name is long."""

    def __init__(self, parent: str, agency: str, place: str, day: datetime | None) -> None:
        super().__init__()
        self.parent, self.agency, self.place, self.day = parent, agency, place, day
        self._w = 0.0
        self.size = 12.0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._w = aW
        left = max(stringWidth(self.parent, SERIF, 12), stringWidth(self.agency, SERIF_BOLD, 12))
        right = stringWidth(NATION, SERIF_BOLD, 12)
        gap = 24.0  # at least, between the two blocks
        self.size = min(12.0, 12 * (aW - gap) / (left + right))
        self._left_text = left * self.size / 12
        self._right_text = right * self.size / 12
        self.width, self.height = aW, 84.0
        return aW, self.height

    def date_line(self) -> str:
        if self.day is None:
            return f"{self.place}, ngày ..... tháng ..... năm ........"
        d = self.day
        return f"{self.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"

    def draw(self) -> None:
        c: Any = self.canv
        w, h, size = self._w, self.height, self.size
        lx = self._left_text / 2
        rx = w - self._right_text / 2
        right_w = w - self._left_text - 16
        c.setFillColor(black)
        c.setLineWidth(0.6)
        y = h - size
        c.setFont(SERIF, size)
        c.drawCentredString(lx, y, self.parent)
        y -= size + 3
        c.setFont(SERIF_BOLD, size)
        c.drawCentredString(lx, y, self.agency)
        aw = stringWidth(self.agency, SERIF_BOLD, size)
        c.line(lx - aw / 6, y - 6, lx + aw / 6, y - 6)
        c.setFont(SERIF, 12.5)
        c.drawCentredString(lx, h - 60, f"Số: ......../{DOC_CODE}")

        y = h - size
        c.setFont(SERIF_BOLD, size)
        c.drawCentredString(rx, y, NATION)
        y -= size + 3
        msize = min(13.0, size + 1)
        c.setFont(SERIF_BOLD, msize)
        c.drawCentredString(rx, y, MOTTO)
        mw = stringWidth(MOTTO, SERIF_BOLD, msize)
        c.line(rx - mw / 2, y - 5, rx + mw / 2, y - 5)
        line = self.date_line()
        dsize = min(12.5, 12.5 * right_w / stringWidth(line, SERIF_ITALIC, 12.5))
        dw = stringWidth(line, SERIF_ITALIC, dsize)
        c.setFont(SERIF_ITALIC, dsize)
        # Under the motto, never past the right margin.
        c.drawCentredString(min(rx, w - dw / 2), h - 60, line)


class _Rule(Flowable):  # type: ignore[misc]
    """The short centred line under an administrative title."""

    def __init__(self, length: float) -> None:
        super().__init__()
        self.length = length
        self._aw = 0.0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._aw = aW
        return aW, 4

    def draw(self) -> None:
        c: Any = self.canv
        c.setLineWidth(0.6)
        x = (self._aw - self.length) / 2
        c.line(x, 2, x + self.length, 2)


class _DotLines(Flowable):  # type: ignore[misc]
    """Dotted lines across the text width, to be written on by hand."""

    def __init__(self, lines: int, gap: float = 8 * mm) -> None:
        super().__init__()
        self.lines, self.gap = lines, gap
        self._aw = 0.0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._aw = aW
        return aW, self.lines * self.gap

    def draw(self) -> None:
        c: Any = self.canv
        c.setDash(1, 2)
        c.setLineWidth(0.6)
        for i in range(self.lines):
            y = (self.lines - i - 1) * self.gap + 2
            c.line(0, y, self._aw, y)


def _numbered_canvas(on_page_end: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds the pages back until the end so that each can show the total."""

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


def _page_number(canvas: Canvas, page: int, total: int) -> None:
    width = float(canvas._pagesize[0])
    canvas.saveState()
    canvas.setFont(SERIF, 9.5)
    canvas.drawRightString(width - 12 * mm, 8 * mm, f"Trang {page}/{total}")
    canvas.restoreState()


# -- PDF: tables -------------------------------------------------------------------------------


def _label_para(label: str, style: ParagraphStyle, bold: bool = False) -> Paragraph:
    """A row label: indented when the label starts with spaces (a skill under its group),
    italic for a "trong đó" line, bold for a group line or when asked (a total)."""
    text = label.strip()
    indent = len(label) - len(label.lstrip())
    markup = _esc(text)
    if bold or text.startswith("Nhóm:"):
        markup = f"<b>{markup}</b>"
    elif text.lower().startswith("trong đó"):
        markup = f"<i>{markup}</i>"
        indent = max(indent, 3)
    if indent:
        style = ParagraphStyle(f"{style.name}-i", parent=style, leftIndent=3.5 * indent)
    return Paragraph(markup, style)


def pdf_table(
    t: Table,
    width: float,
    *,
    numbered: bool = False,
    small: bool = False,
    head_notes: dict[int, str] | None = None,
    label_width: float | None = None,
    max_value_width: float | None = None,
) -> Flowable:
    """One report table: its header (two rows when the columns group), the rows and the total
    row in bold; the header repeats on every page. `numbered` (the per-commune tables) adds an
    "STT" column and puts the province total first, under the header, as statistical tables
    do: it is never left alone at the top of a page. Value columns are at most
    `max_value_width` wide (the table is then narrower than the page, centred)."""
    st = _styles()
    head_style = st["head_small"] if small else st["head"]
    label_style = st["cell_small"] if small else st["cell"]
    font_size = 8.5 if small else 9.5
    heads = [_pretty(vi) for vi, _en in t.columns]
    n = len(heads)
    lead = 1 if numbered else 0  # the STT column
    notes = head_notes or {}
    stt_w = 9 * mm if numbered else 0.0
    if label_width is None:
        num = {1: 34, 2: 30, 3: 27, 4: 23, 5: 21, 6: 19}.get(n, 17) * mm
        label_width = max(width * 0.32, width - stt_w - n * num)
    num_w = (width - stt_w - label_width) / max(1, n)
    if max_value_width is not None:
        num_w = min(num_w, max_value_width)

    def head_cell(text: str, col: int | None = None) -> Paragraph:
        markup = _esc(text)
        if col is not None and col in notes:
            markup += f"<br/><font name='{SERIF}' size='7.5'>{_esc(notes[col])}</font>"
        return Paragraph(markup, head_style)

    def label_cell(label: str, bold: bool = False) -> Any:
        # Plain text is faster and tighter than a Paragraph: used when it fits on one line.
        plain = label == label.strip() and not label.lower().startswith(("trong đó", "nhóm:"))
        font = SERIF_BOLD if bold else SERIF
        if plain and stringWidth(label, font, font_size) <= label_width - 7:
            return label
        return _label_para(label, label_style, bold)

    data: list[list[Any]] = []
    style: list[Any] = []
    grouped = _header_groups(heads)
    first: list[Any] = [head_cell("STT")] if numbered else []
    first.append(head_cell(_pretty(t.label_vi)))
    if grouped is None:
        data.append(first + [head_cell(h, i) for i, h in enumerate(heads)])
        head_rows = 1
    else:
        groups, subs = grouped
        top: list[Any] = list(first)
        for text, a, b in groups:
            top.append(head_cell(text))
            top += [""] * (b - a)
            if b > a:
                style.append(("SPAN", (lead + 1 + a, 0), (lead + 1 + b, 0)))
        data.append(top)
        data.append([""] * (lead + 1) + [head_cell(s, i) for i, s in enumerate(subs)])
        for c in range(lead + 1):
            style.append(("SPAN", (c, 0), (c, 1)))
        head_rows = 2

    def total_row() -> None:
        if t.total is None:
            return
        label, values = t.total
        y = len(data)
        row: list[Any] = [label_cell(label, bold=True)]
        if numbered:
            row.append("")
            style.append(("SPAN", (0, y), (1, y)))
        row += [_cell_text(t, label, values, c) for c in range(n)]
        data.append(row)
        style.extend(
            [
                ("FONT", (0, y), (-1, y), SERIF_BOLD, font_size),
                ("BACKGROUND", (0, y), (-1, y), TOTAL_BG),
            ]
        )

    if numbered:
        total_row()
    body_start = len(data)
    for i, (label, values) in enumerate(t.rows, start=1):
        row = [str(i)] if numbered else []
        row.append(label_cell(label))
        row += [_cell_text(t, label, values, c) for c in range(n)]
        if label.startswith("Nhóm:"):  # a skill group over its skills
            style.append(("FONT", (lead + 1, len(data)), (-1, len(data)), SERIF_BOLD, font_size))
        data.append(row)
    if not t.rows:
        data.append(([""] if numbered else []) + [Paragraph(f"<i>{NO_DATA}</i>", label_style)])
        data[-1] += [""] * n
    body_end = len(data) - 1
    if not numbered:
        total_row()
    widths = ([stt_w] if numbered else []) + [label_width] + [num_w] * n
    style = [
        ("FONT", (0, 0), (-1, -1), SERIF, font_size),
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_BG),
        ("ALIGN", (lead + 1, head_rows), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1 if small else 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 if small else 3),
        *style,
    ]
    if numbered:
        style.append(("ALIGN", (0, body_start), (0, body_end), "CENTER"))
    if len(t.rows) > 12:
        style.append(("ROWBACKGROUNDS", (0, body_start), (-1, body_end), [white, STRIPE_BG]))
    cls = LongTable if len(data) > 30 else PdfTable
    table = cls(data, colWidths=widths, repeatRows=head_rows, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


# -- PDF: charts -------------------------------------------------------------------------------


def _wrap_label(text: str, width: float, size: float, lines: int = 2) -> str:
    parts = simpleSplit(text, SERIF, size, width)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1].rstrip(" ,.;") + "…"
    return "\n".join(parts)


def bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], Color]],
    *,
    title: str,
    width: float = P_WIDTH,
    label_w: float = 58 * mm,
) -> Drawing:
    """Horizontal grouped bars (one group per category, one bar per series, the first series
    on top) with the legend above and the values at the end of the bars."""
    _register_fonts()
    n = max(1, len(categories))
    wrapped = any(stringWidth(c, SERIF, 8) > label_w - 8 for c in categories)
    per_group = max(5.5 * len(series) + 4, 21.0 if wrapped else 0.0)
    plot_h = n * per_group
    legend: list[tuple[str, Color, float, int]] = []
    x, line = label_w, 0
    for name, _vals, color in series:
        w = 10 + stringWidth(name, SERIF, 8) + 16
        if x + w > width and x > label_w:
            x, line = label_w, line + 1
        legend.append((name, color, x, line))
        x += w
    legend_h = 8 + 11 * (line + 1)
    height = plot_h + legend_h + 30
    d = Drawing(width, height)
    d.initialFontName = SERIF  # the renderer's starting font: no Helvetica in the file
    d.add(String(0, height - 10, title, fontName=SERIF_BOLD, fontSize=9.5))
    chart = HorizontalBarChart()
    chart.x = label_w
    chart.y = 18
    chart.width = width - label_w - 22
    chart.height = plot_h
    drawn = list(reversed(series))
    data = [list(reversed([float(v) for v in vals])) for _name, vals, _c in drawn]
    chart.data = data
    chart.categoryAxis.categoryNames = [
        _wrap_label(c, label_w - 8, 8) for c in reversed(list(categories))
    ]
    chart.categoryAxis.labels.fontName = SERIF
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -5
    chart.categoryAxis.labels.leading = 9
    chart.valueAxis.labels.fontName = SERIF
    chart.valueAxis.labels.fontSize = 7.5
    top = max([max(v) for v in data if v] + [0.0])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(5.0, top * 1.15)
    chart.valueAxis.labelTextFormat = lambda v: format_number(round(v))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = Color(0.85, 0.85, 0.85)
    chart.barSpacing = 0.5
    chart.groupSpacing = 4
    for i, (_name, _vals, color) in enumerate(drawn):
        chart.bars[i].fillColor = color
        chart.bars[i].strokeColor = None
    chart.barLabelFormat = lambda v: format_number(round(v)) if v else ""
    chart.barLabels.fontName = SERIF
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    d.add(chart)
    # The legend: a swatch and a name per series, in a row over the bars, wrapped when long.
    for name, color, x, line in legend:
        y = height - 25 - 11 * line
        d.add(Rect(x, y, 7, 7, fillColor=color, strokeColor=None))
        d.add(String(x + 10, y + 0.5, name, fontName=SERIF, fontSize=8))
    return d


def _compare_chart(rep: ProvinceReport) -> Drawing | None:
    """The key indicators, this quarter against the previous one (None when all are 0)."""
    labels = {k: vi for k, vi, *_rest in SUMMARY_LINES}
    keys = [k for k in CHART_KEYS if k in labels]
    rows = [_summary_row(rep, k) for k in keys]
    if not any((r[0] or 0) or (r[1] or 0) for r in rows):
        return None
    return bar_chart(
        [labels[k] for k in keys],
        [
            (quarter_short(rep.quarter), [float(r[0] or 0) for r in rows], CURRENT),
            (quarter_short(rep.previous), [float(r[1] or 0) for r in rows], PREVIOUS),
        ],
        title=f"Kết quả chính {quarter_words(rep.quarter)} so với {quarter_words(rep.previous)}",
        label_w=62 * mm,
    )


def _top_chart(rep: ProvinceReport) -> Drawing | None:
    """The communes that helped the most people in the quarter (at most TOP_COMMUNES)."""
    people = _find(rep.annex_quarter, "people")
    skills = _find(rep.annex_quarter, "skills")
    if people is None:
        return None
    indep = {label: v for label, v in skills.rows} if skills is not None else {}
    ranked = sorted(
        ((label, values) for label, values in people.rows if (values[0] or 0) > 0),
        key=lambda r: (-float(r[1][0] or 0), r[0]),
    )[:TOP_COMMUNES]
    if not ranked:
        return None
    series: list[tuple[str, Sequence[float], Color]] = [
        ("Người được hỗ trợ", [float(v[0] or 0) for _l, v in ranked], CURRENT)
    ]
    if indep:
        series.append(
            (
                "Người tự làm được ít nhất một kỹ năng",
                [float((indep.get(label) or [0, 0])[1] or 0) for label, _v in ranked],
                SECOND,
            )
        )
    return bar_chart(
        [label for label, _v in ranked],
        series,
        title=f"{len(ranked)} xã, phường hỗ trợ nhiều người nhất {quarter_words(rep.quarter)}",
        label_w=45 * mm,
    )


# -- PDF: the text -----------------------------------------------------------------------------


def _versus(cur: int, prev: int, prev_label: str) -> str:
    if cur == prev:
        return f"bằng {prev_label}"
    word = "tăng" if cur > prev else "giảm"
    return f"{word} {_n(abs(cur - prev))} so với {prev_label}"


def _intro(rep: ProvinceReport) -> str:
    q, prov = rep.quarter, _province_full(rep)
    return (
        f"Thực hiện Kế hoạch triển khai Phong trào “Bình dân học vụ số” trên địa bàn "
        f"{_esc(prov)}, {AGENCY_NAME} báo cáo kết quả thực hiện {quarter_words(q)} (từ ngày "
        f"{_dmy(q.start)} đến ngày {_dmy(q.end)}) của {_n(len(rep.communes))} xã, phường như "
        f"sau. Số liệu được tổng hợp từ dữ liệu các xã, phường đã đồng bộ về máy chủ của tỉnh "
        f"(phần mềm hocvuso) đến {_local(rep.made_at):%H:%M} ngày "
        f"{_local(rep.made_at):%d/%m/%Y}, so sánh với {quarter_words(rep.previous)} và lũy kế "
        f"từ ngày {_dmy(rep.ytd.start)}."
    )


def _lead(rep: ProvinceReport) -> str:
    """The main figures of the quarter in a sentence or three."""
    prev = quarter_words(rep.previous)
    s, p = _summary_row(rep, "sessions"), _summary_row(rep, "people")
    a = _summary_row(rep, "participations")
    women, old = _summary_row(rep, "women"), _summary_row(rep, "old")
    indep, dd02 = _summary_row(rep, "indep"), _summary_row(rep, "dd02")
    dvc, tt = _summary_row(rep, "dvc"), _summary_row(rep, "tt")
    members, hours = _summary_row(rep, "members"), _summary_row(rep, "hours")
    q = quarter_words(rep.quarter)
    year = rep.ytd.start[:4]
    return (
        f"{q}, toàn tỉnh đã tổ chức <b>{_n(s[0])}</b> buổi hỗ trợ "
        f"({_versus(_int(s[0]), _int(s[1]), prev)}), hỗ trợ <b>{_n(p[0])}</b> người "
        f"({_versus(_int(p[0]), _int(p[1]), prev)}) với <b>{_n(a[0])}</b> lượt tham gia; trong "
        f"đó {_n(women[0])} người là nữ, {_n(old[0])} người từ 60 tuổi trở lên. "
        f"<b>{_n(indep[0])}</b> người tự làm được ít nhất một kỹ năng số; "
        f"<b>{_n(dd02[0])}</b> người tự kích hoạt được tài khoản định danh điện tử mức 2; "
        f"{_n(dvc[0])} người được hướng dẫn sử dụng dịch vụ công trực tuyến và {_n(tt[0])} "
        f"người được hướng dẫn thanh toán không dùng tiền mặt. {_n(members[0])} thành viên Tổ "
        f"công nghệ số cộng đồng đã tham gia hỗ trợ với "
        f"{format_number(hours[0], 'dec')} giờ. Có <b>{_n(_active_communes(rep))}/"
        f"{_n(len(rep.communes))}</b> xã, phường có hoạt động trong quý. Lũy kế năm {year}: "
        f"{_n(s[3])} buổi, {_n(p[3])} người được hỗ trợ."
    )


def _titled(
    number: str, t: Table, table: Flowable, st: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """A table under its numbered title, its note under it; the title never ends a page."""
    head = Paragraph(f"{number}. {_esc(t.title_vi)}", st["table_title"])
    notes: list[Flowable] = []
    if t.note_vi:
        notes.append(Paragraph(f"Ghi chú: {_esc(t.note_vi)}", st["note"]))
    if len(t.rows) <= 14:
        return [KeepTogether([head, table, *notes])]
    return [CondPageBreak(45 * mm), head, table, *notes]


def _story(rep: ProvinceReport) -> list[Flowable]:
    st = _styles()
    kind, bare = _province_parts(rep.province)
    parent = f"{PARENT_AGENCY} {kind.upper()} {bare.upper()}".strip()
    q = rep.quarter
    story: list[Flowable] = [
        _Header(parent, AGENCY, bare or "……", _local(rep.made_at)),
        Spacer(1, 6 * mm),
        Paragraph(TITLE, st["title"]),
        Paragraph(f"{SUBJECT}<br/>{quarter_words(q)}", st["subtitle"]),
        Spacer(1, 1.5 * mm),
        _Rule(30 * mm),
        Spacer(1, 3 * mm),
        Paragraph(
            "Kính gửi: Ủy ban nhân dân " + _esc(_province_full(rep)) + ".",
            st["center"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(_intro(rep), st["indent"]),
    ]
    # I. key results
    story.append(Paragraph(f"I. {SECTIONS[0]}", st["section"]))
    summary = pdf_table(
        rep.summary,
        P_WIDTH,
        head_notes={
            0: quarter_short(q),
            1: quarter_short(rep.previous),
            3: f"đến {_dmy(rep.ytd.end)[:5]}",
        },
        label_width=P_WIDTH - 4 * 22.5 * mm,
    )
    story += _titled("1", rep.summary, summary, st)
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(_lead(rep), st["indent"]))
    charts = [c for c in (_compare_chart(rep), _top_chart(rep)) if c is not None]
    for i, chart in enumerate(charts, start=1):
        story.append(Spacer(1, 3 * mm))
        story.append(KeepTogether([chart, Paragraph(f"Biểu đồ {i}", st["caption"])]))
    # II. breakdowns
    story.append(CondPageBreak(60 * mm))
    story.append(Paragraph(f"II. {SECTIONS[1]}", st["section"]))
    for i, t in enumerate(rep.breakdowns, start=1):
        story += _titled(str(i), t, pdf_table(t, P_WIDTH), st)
    # III. per commune, landscape
    story += [NextPageTemplate("landscape"), PageBreak()]
    story.append(Paragraph(f"III. {SECTIONS[2]} ({quarter_words(q).upper()})", st["section"]))
    story.append(
        Paragraph(
            f"Số liệu của từng xã, phường trong {quarter_words(q)}; dòng đầu mỗi bảng là "
            "tổng của toàn tỉnh (tỷ lệ và bình quân của toàn tỉnh tính trên tổng số). Số liệu "
            f"lũy kế năm {rep.ytd.start[:4]} của từng xã, phường có trong bản Excel kèm theo.",
            st["indent"],
        )
    )
    label_w = max(
        [stringWidth(label, SERIF, 8.5) for label, _v in rep.annex_quarter[0].rows]
        if rep.annex_quarter and rep.annex_quarter[0].rows
        else [0.0]
    )
    label_w = min(60 * mm, max(46 * mm, label_w + 10))
    for i, t in enumerate(rep.annex_quarter, start=1):
        table = pdf_table(
            t, L_WIDTH, numbered=True, small=True, label_width=label_w, max_value_width=32 * mm
        )
        story += _titled(str(i), t, table, st)
    # IV. remarks, closing, signature: portrait again
    story += [NextPageTemplate("portrait"), PageBreak()]
    story.append(Paragraph(f"IV. {SECTIONS[3]}", st["section"]))
    story.append(_DotLines(8))
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện Phong trào “Bình dân học vụ số” "
            f"{quarter_words(q)} trên địa bàn {_esc(_province_full(rep))} của "
            f"{AGENCY_NAME}./.",
            st["indent"],
        )
    )
    story.append(Spacer(1, 5 * mm))
    left: list[Flowable] = [Paragraph("<i>Nơi nhận:</i>", st["recipients_head"])]
    left += [Paragraph(_esc(line), st["recipients"]) for line in RECIPIENTS]
    right: list[Flowable] = [
        Paragraph(SIGN_FOR, st["sign"]),
        Paragraph(SIGN_TITLE, st["sign"]),
        Paragraph(SIGN_NOTE, st["sign_note"]),
        Spacer(1, 26 * mm),
    ]
    sign = PdfTable([[left, right]], colWidths=[P_WIDTH * 0.5, P_WIDTH * 0.5])
    sign.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("FONT", (0, 0), (-1, -1), SERIF),
            ]
        )
    )
    story.append(KeepTogether([sign]))
    return story


def report_pdf(rep: ProvinceReport) -> bytes:
    """The report as a PDF (any thread)."""
    _register_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=PORTRAIT,
        leftMargin=P_LEFT,
        rightMargin=P_RIGHT,
        topMargin=P_TOP,
        bottomMargin=P_BOTTOM,
        title=f"Báo cáo Bình dân học vụ số {quarter_words(rep.quarter)} — {_province_full(rep)}",
        author=f"{AGENCY_NAME} {_province_full(rep)}",
        subject=SUBJECT,
        creator="hocvuso",
        lang="vi-VN",
        invariant=True,
        initialFontName=SERIF,
    )
    portrait = Frame(
        P_LEFT,
        P_BOTTOM,
        PORTRAIT[0] - P_LEFT - P_RIGHT,
        PORTRAIT[1] - P_TOP - P_BOTTOM,
        id="portrait",
    )
    wide = Frame(
        L_LEFT,
        L_BOTTOM,
        LANDSCAPE[0] - L_LEFT - L_RIGHT,
        LANDSCAPE[1] - L_TOP - L_BOTTOM,
        id="landscape",
    )
    doc.addPageTemplates(
        [
            PageTemplate("portrait", [portrait], pagesize=PORTRAIT),
            PageTemplate("landscape", [wide], pagesize=LANDSCAPE),
        ]
    )
    doc.build(_story(rep), canvasmaker=_numbered_canvas(_page_number))
    return buf.getvalue()


# -- XLSX --------------------------------------------------------------------------------------

_BOLD = Font(bold=True)
_HEAD_FONT = Font(bold=True)
_EN_FONT = Font(italic=True, color="555555", size=9)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")
_TOTAL_FILL = PatternFill("solid", fgColor="EEEEEE")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_NUMBER_FORMATS = {
    ("int", False): "#,##0",
    ("dec", False): "#,##0.0",
    ("pct", False): "0.0%",
    ("int", True): "+#,##0;-#,##0;0",
    ("dec", True): "+#,##0.0;-#,##0.0;0.0",
    ("pct", True): "+0.0%;-0.0%;0.0%",
}
_SHEET_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")


def _sheet_name(base: str, used: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no \\ / ? * [ ] :), unique in the book."""
    base = _SHEET_FORBIDDEN.sub("-", base).strip("' ") or "Bảng"
    name = base[:31]
    i = 2
    while name.lower() in {u.lower() for u in used}:
        tail = f" ({i})"
        name = base[: 31 - len(tail)] + tail
        i += 1
    used.add(name)
    return name


def table_sheet_name(t: Table, suffix: str, used: set[str]) -> str:
    key = t.key if t.key in SHEET_NAMES else t.key.rsplit("_", 1)[0]
    base = SHEET_NAMES.get(key) or t.title_vi
    return _sheet_name(f"{base} ({suffix})" if suffix else base, used)


def _width_for(texts: Sequence[str], lo: float, hi: float) -> float:
    return max(lo, min(hi, max((len(s) for s in texts), default=0) * 1.1 + 2))


def _row_height(texts: Sequence[tuple[str, float]], line: float = 15.0) -> float:
    """Enough height for wrapped header cells: (text, column width) pairs."""
    lines = max((math.ceil(len(s) * 1.05 / max(1.0, w - 1)) for s, w in texts), default=1)
    return line * max(1, lines)


def write_table(
    ws: Worksheet,
    t: Table,
    top: int,
    *,
    codes: Sequence[str] | None = None,
    subtitle: str = "",
    freeze: bool = True,
) -> int:
    """Write a table with its title from row `top`: title, English title, subtitle, the
    Vietnamese header row, the English header row, the rows, the total, the notes. Return
    the row after it. `codes` (commune codes, one per row) adds a first "Mã" column."""
    lead = 1 if codes is not None else 0
    n = len(t.columns)
    label_col = lead + 1
    ws.cell(top, 1, t.title_vi).font = Font(bold=True, size=13)
    ws.cell(top + 1, 1, t.title_en).font = _EN_FONT
    r = top + 2
    if subtitle:
        ws.cell(r, 1, subtitle).font = Font(italic=True)
        r += 1
    r += 1
    head, head_en = r, r + 1
    heads_vi = (["Mã"] if lead else []) + [t.label_vi] + [_pretty(vi) for vi, _en in t.columns]
    heads_en = (["Code"] if lead else []) + [t.label_en] + [en for _vi, en in t.columns]
    for c, (vi, en) in enumerate(zip(heads_vi, heads_en, strict=True), start=1):
        for row, text, font in ((head, vi, _HEAD_FONT), (head_en, en, _EN_FONT)):
            cell = ws.cell(row, c, text)
            cell.font = font
            cell.fill = _HEAD_FILL
            cell.alignment = _WRAP_CENTER
            cell.border = _BOX
    r = head_en + 1
    signed = SIGNED_COLUMNS.get(t.key, frozenset())
    rows = list(t.rows)
    lines: list[tuple[str, list[Value], bool]] = [(lb, list(v), False) for lb, v in rows]
    if t.total is not None:
        lines.append((t.total[0], list(t.total[1]), True))
    for i, (label, values, is_total) in enumerate(lines):
        if lead and codes is not None:
            code_cell = ws.cell(r, 1, codes[i] if not is_total and i < len(codes) else None)
            code_cell.border = _BOX
        text = label.strip()
        lc = ws.cell(r, label_col, text)
        lc.border = _BOX
        indent = len(label) - len(label.lstrip())
        if indent or text.lower().startswith("trong đó"):
            lc.alignment = Alignment(indent=max(1, indent // 2), wrap_text=True)
        else:
            lc.alignment = Alignment(wrap_text=True, vertical="center")
        if is_total or text.startswith("Nhóm:"):
            lc.font = _BOLD
        for c in range(n):
            v = values[c] if c < len(values) else None
            cell = ws.cell(r, label_col + 1 + c, v)
            cell.number_format = _NUMBER_FORMATS[(_kind(t, label, values, c), c in signed)]
            cell.border = _BOX
            if is_total:
                cell.font = _BOLD
        if is_total:
            for c in range(1, label_col + n + 1):
                ws.cell(r, c).fill = _TOTAL_FILL
        r += 1
    if not lines:
        ws.cell(r, label_col, NO_DATA).font = Font(italic=True)
        r += 1
    for note, font in ((t.note_vi, Font(italic=True)), (t.note_en, _EN_FONT)):
        if note:
            ws.cell(r, 1, note).font = font
            r += 1
    # widths and header heights
    label_w = _width_for([t.label_vi, *(lb.strip() for lb, _v, _t in lines)], 16, 48)
    if lead:
        ws.column_dimensions["A"].width = 9
    ws.column_dimensions[get_column_letter(label_col)].width = label_w
    widths = [9.0] * lead + [label_w]
    for c in range(n):
        w = _width_for([max(heads_vi[label_col + c].split() or [""], key=len)], 12, 18)
        w = max(w, 14.0 if n <= 6 else 12.0)
        ws.column_dimensions[get_column_letter(label_col + 1 + c)].width = w
        widths.append(w)
    ws.row_dimensions[head].height = _row_height(list(zip(heads_vi, widths, strict=True)))
    ws.row_dimensions[head_en].height = _row_height(list(zip(heads_en, widths, strict=True)), 12.5)
    if freeze:
        ws.freeze_panes = ws.cell(head_en + 1, label_col + 1)
    # Printing: the header rows on every page, as wide as the paper.
    ws.print_title_rows = f"{head}:{head_en}"
    ws.page_setup.orientation = "landscape" if n > 4 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return r


def report_xlsx(rep: ProvinceReport) -> bytes:
    """The report as an XLSX workbook (any thread)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    used: set[str] = set()
    ws.title = _sheet_name(SUMMARY_SHEET, used)
    kind, bare = _province_parts(rep.province)
    q, prev, ytd = rep.quarter, rep.previous, rep.ytd
    made = _local(rep.made_at)
    ws["A1"] = f"{PARENT_AGENCY} {kind.upper()} {bare.upper()}".strip()
    ws["A2"] = AGENCY
    ws["A2"].font = _BOLD
    ws["A4"] = f"{TITLE} {SUBJECT} {quarter_words(q)}"
    ws["A4"].font = Font(bold=True, size=14)
    ws["A5"] = f"{TITLE_EN}, {bare} province, {q.label}"
    ws["A5"].font = _EN_FONT
    ws["A6"] = (
        f"Kỳ báo cáo: {quarter_words(q)}, từ {_dmy(q.start)} đến {_dmy(q.end)}; so với "
        f"{quarter_words(prev)} (từ {_dmy(prev.start)} đến {_dmy(prev.end)}); lũy kế năm từ "
        f"{_dmy(ytd.start)} đến {_dmy(ytd.end)}."
    )
    ws["A7"] = (
        f"{_n(len(rep.communes))} xã, phường; số liệu đồng bộ đến {made:%H:%M} ngày "
        f"{made:%d/%m/%Y} (giờ Việt Nam)."
    )
    end = write_table(
        ws,
        rep.summary,
        9,
        subtitle=f"Quý này: {quarter_words(q)}; quý trước: {quarter_words(prev)}; lũy kế năm "
        f"{ytd.start[:4]} đến {_dmy(ytd.end)}.",
    )
    sheets: list[tuple[str, Table, str]] = []
    for t in rep.breakdowns:
        sheets.append((table_sheet_name(t, "", used), t, ""))
    codes = [c for c, _name in rep.communes]
    for tables, suffix, period in (
        (rep.annex_quarter, "quý", q),
        (rep.annex_ytd, "lũy kế", ytd),
    ):
        words = quarter_words(period) if period is q else f"lũy kế năm {ytd.start[:4]}"
        for t in tables:
            sheets.append((table_sheet_name(t, suffix, used), t, words))
    # The list of the other sheets, each a link.
    r = end + 1
    ws.cell(r, 1, "Các bảng trong tệp này").font = _BOLD
    r += 1
    for name, t, words in sheets:
        cell = ws.cell(r, 1, f"{name}: {t.title_vi}" + (f" ({words})" if words else ""))
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{name}'!A1")
        cell.font = Font(color="1F5FA8", underline="single")
        r += 1
    for name, t, words in sheets:
        sheet = wb.create_sheet(name)
        per_commune = bool(words) and len(t.rows) == len(codes)
        period_text = f"Toàn tỉnh {bare}, " + (
            words or f"{quarter_words(q)} và lũy kế năm {ytd.start[:4]}"
        )
        write_table(sheet, t, 1, codes=codes if per_commune else None, subtitle=period_text)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def report_filename(rep: ProvinceReport, fmt: str) -> str:
    """'bao-cao-tinh-2026-Q3.pdf' or '.xlsx'."""
    if fmt not in ("pdf", "xlsx"):
        raise ValueError(f"unknown report format {fmt!r}")
    label = re.sub(r"[^0-9A-Za-z-]+", "-", rep.quarter.label).strip("-") or "quy"
    return f"bao-cao-tinh-{label}.{fmt}"
