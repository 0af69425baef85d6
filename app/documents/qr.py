"""Drawing hocvuso QR codes on reportlab canvases: numeric payload, error-correction level,
module size and quiet zone, as vector rectangles (one filled path per code, no bitmaps).

The sizes used by the printed documents live here too (`ROW`, `SESSION`, `CARD`,
`CERTIFICATE`), so that every document prints codes the robustness tests have proven to decode
from a blurred, noisy, rotated, JPEG-compressed 150 dpi image. See docs/qr-payload.md.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Literal

import qrcode
import qrcode.constants
import qrcode.util
from reportlab.lib.colors import black, white
from reportlab.lib.units import mm as _mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

MM: float = float(_mm)  # points per millimetre

Ecc = Literal["L", "M", "Q", "H"]
EccChoice = Literal["L", "M", "Q", "H", "auto"]

_ECC_CONST = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
_ECC_ORDER: tuple[Ecc, ...] = ("L", "M", "Q", "H")

# Numeric-mode capacity (digits) of QR versions 1..10 per level (ISO/IEC 18004, table 7).
_NUMERIC_CAPACITY: dict[Ecc, tuple[int, ...]] = {
    "L": (41, 77, 127, 187, 255, 322, 370, 461, 552, 652),
    "M": (34, 63, 101, 149, 202, 255, 293, 365, 432, 513),
    "Q": (27, 48, 77, 111, 144, 178, 207, 259, 312, 364),
    "H": (17, 34, 58, 82, 106, 139, 154, 202, 235, 288),
}


@dataclass(frozen=True)
class QrStyle:
    """How big a code is printed: module (dot) size, quiet zone, and error correction.

    `ecc="auto"` takes the strongest level that still fits the smallest version the payload
    needs at level L, i.e. error correction that costs no extra printed size.
    """

    module_mm: float
    quiet_modules: int = 4
    ecc: EccChoice = "auto"


# The printed sizes. Evidence and the reasoning behind them: docs/qr-payload.md.
ROW = QrStyle(module_mm=0.75, quiet_modules=3)  # 84 digits: version 3 (29 modules), level M
SESSION = QrStyle(module_mm=0.75, quiet_modules=3)  # 45 digits: version 2 (25), level Q
CARD = QrStyle(module_mm=0.85, quiet_modules=4)  # 45 digits: version 2 (25), level Q
CERTIFICATE = QrStyle(module_mm=0.85, quiet_modules=4, ecc="H")  # 55 digits: version 3, H


@dataclass(frozen=True)
class QrMatrix:
    """The modules of one encoded code, as horizontal runs of dark modules."""

    data: str
    ecc: Ecc
    version: int
    size: int  # modules per side, without the quiet zone
    runs: tuple[tuple[int, int, int], ...]  # (row from the top, first column, length)
    path_ops: str  # the runs as PDF rectangles in module units, origin bottom-left


def min_version(digits: int, ecc: Ecc) -> int:
    for i, cap in enumerate(_NUMERIC_CAPACITY[ecc]):
        if digits <= cap:
            return i + 1
    raise ValueError(f"{digits} digits do not fit a version 1-10 code at level {ecc}")


def choose_ecc(data: str, ecc: EccChoice = "auto") -> Ecc:
    """The level used for `data`: as asked, or for "auto" the strongest free one."""
    if ecc != "auto":
        return ecc
    smallest = min_version(len(data), "L")
    best: Ecc = "L"
    for level in _ECC_ORDER:
        if len(data) <= _NUMERIC_CAPACITY[level][smallest - 1]:
            best = level
    return best


_CACHE_SIZE = 4096
_cache: OrderedDict[tuple[str, Ecc], QrMatrix] = OrderedDict()
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget encoded codes (benchmarks measure a cold start)."""
    with _cache_lock:
        _cache.clear()


def qr_matrix(data: str, ecc: EccChoice = "auto") -> QrMatrix:
    """Encode a digits-only payload in numeric mode; cached, since a preview, a save and a
    print of the same document encode the same codes."""
    if not data or not data.isascii() or not data.isdigit():
        raise ValueError("hocvuso QR payloads are digits only")
    level = choose_ecc(data, ecc)
    key = (data, level)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    version = min_version(len(data), level)
    code = qrcode.QRCode(version=version, error_correction=_ECC_CONST[level], border=0)
    code.add_data(qrcode.util.QRData(data, mode=qrcode.util.MODE_NUMBER))
    code.make(fit=False)
    rows: list[list[bool]] = code.get_matrix()
    runs: list[tuple[int, int, int]] = []
    for r, line in enumerate(rows):
        c = 0
        while c < len(line):
            if line[c]:
                start = c
                while c < len(line) and line[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    size = len(rows)
    # Integer module coordinates: formatted once here, scaled by the canvas when drawn.
    ops = " ".join(f"{c} {size - r - 1} {n} 1 re" for r, c, n in runs)
    m = QrMatrix(data, level, version, size, tuple(runs), ops)
    with _cache_lock:
        _cache[key] = m
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return m


def qr_side(data: str, style: QrStyle) -> float:
    """Printed side in points, quiet zone included."""
    m = qr_matrix(data, style.ecc)
    return (m.size + 2 * style.quiet_modules) * style.module_mm * MM


def draw_qr(canvas: Canvas, data: str, x: float, y: float, style: QrStyle) -> float:
    """Draw the code with its lower-left quiet-zone corner at (x, y); return the side in points.

    The quiet zone is painted white so that nothing underneath (a table rule, a tint) can
    touch the code. Dark modules are one path of horizontal runs filled at once: adjacent
    rectangles of one path leave no anti-aliasing seams when rasterised.
    """
    m = qr_matrix(data, style.ecc)
    unit = style.module_mm * MM
    side = (m.size + 2 * style.quiet_modules) * unit
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(x, y, side, side, stroke=0, fill=1)
    canvas.setFillColor(black)
    canvas.translate(x + style.quiet_modules * unit, y + style.quiet_modules * unit)
    canvas.scale(unit, unit)
    canvas.drawPath(PDFPathObject(code=[m.path_ops]), stroke=0, fill=1)
    canvas.restoreState()
    return side


class QrFlowable(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A code as a Platypus flowable (for tables and stories).

    After drawing, `placed` holds (page number, x0, y0, x1, y1) of the code in page points,
    quiet zone excluded, so callers can report where each code ended up.
    """

    def __init__(self, data: str, style: QrStyle, *, align: str = "CENTER") -> None:
        super().__init__()
        self.data = data
        self.style = style
        self.hAlign = align
        self.side = qr_side(data, style)
        self.width = self.height = self.side
        self.placed: tuple[int, float, float, float, float] | None = None

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        canv: Any = self.canv
        draw_qr(canv, self.data, 0, 0, self.style)
        x0, y0 = canv.absolutePosition(0, 0)
        q = self.style.quiet_modules * self.style.module_mm * MM
        self.placed = (canv.getPageNumber(), x0 + q, y0 + q, x0 + self.side - q, y0 + self.side - q)
