"""The province's quarterly report, rendered from a real server database and read back: the
PDF's text (pypdf) holds the administrative header, the title, the numbered sections, every
commune and every figure of the summary and the per-commune tables; the XLSX (openpyxl) holds
one sheet per table with frozen headers and cells equal to the report's values."""

from __future__ import annotations

import io
import random
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine

from sync.protocol import content_hash
from sync.server.communes import province_communes
from sync.server.console import report
from sync.server.console.indicators import ProvinceReport, Table, province_report
from sync.server.db import open_database
from sync.server.enrol import DeviceAuth
from sync.server.ingest import ingest
from tests.sync.test_summary import World

# 2026-10-05 09:00 in Vietnam: the date line reads 05/10/2026.
MADE_AT = datetime(2026, 10, 5, 2, 0, tzinfo=UTC)


class CommuneWorld(World):
    """`World`'s records, for a commune of our choosing."""

    def __init__(self, rng: random.Random, commune: str) -> None:
        self.commune = commune
        super().__init__(rng)

    def envelope(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        env = super().envelope(*args, **kwargs)
        env["commune_code"] = self.commune
        env["hash"] = content_hash(env)
        return env


def _fill(engine: Engine, commune: str, seed: int) -> None:
    rng = random.Random(seed)
    w = CommuneWorld(rng, commune)
    members = [w.team_member(m) for m in w.members]
    villages = [w.village() for _ in range(3)]
    people = [w.person() for _ in range(20)]
    sessions = []
    for _ in range(12):
        s = w.session()
        sessions.append(w.envelope("session", s["id"], dict(s["data"], status="held")))
    events = [w.attendance(rng.choice(sessions), rng.choice(people)) for _ in range(60)]
    events += [w.skill(rng.choice(people), rng.choice(sessions)) for _ in range(60)]
    batch = villages + members + people + sessions + events
    ingest(engine, DeviceAuth(w.devices[0], commune), w.uid(), batch, datetime.now(UTC))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path: Path = tmp_path_factory.mktemp("province") / "s.db"
    eng = open_database(f"sqlite:///{path}")
    communes = province_communes()
    longest = max(communes, key=lambda c: len(c.name))
    for i, code in enumerate(sorted({communes[0].code, communes[-1].code, longest.code})):
        _fill(eng, code, 100 + i)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture(scope="module")
def rep(engine: Engine) -> ProvinceReport:
    r = province_report(engine, "2026-Q3", made_at=MADE_AT)
    people = next(v for label, v in r.summary.rows if label == "Người được hỗ trợ")
    sessions = next(v for label, v in r.summary.rows if label == "Buổi hỗ trợ đã tổ chức")
    assert (people[0] or 0) > 0 and (sessions[0] or 0) > 0, "the scenario has data in Q3"
    assert (people[1] or 0) > 0, "and in Q2"
    return r


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def pdf(rep: ProvinceReport) -> pypdf.PdfReader:
    data = report.report_pdf(rep)
    assert data.startswith(b"%PDF")
    return pypdf.PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def pdf_text(pdf: pypdf.PdfReader) -> str:
    return _flat("\n".join(p.extract_text() for p in pdf.pages))


@pytest.fixture(scope="module")
def book(rep: ProvinceReport) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(report.report_xlsx(rep)))


def _row_text(t: Table, label: str, values: list[Any], numbered: int = 0) -> str:
    cells = [report._cell_text(t, label, values, c) for c in range(len(t.columns))]
    return _flat(" ".join([*([str(numbered)] if numbered else []), label, *cells]))


# -- PDF -------------------------------------------------------------------------------------


def test_pdf_header_title_and_sections(pdf: pypdf.PdfReader, pdf_text: str) -> None:
    for expected in (
        "UBND TỈNH THÁI NGUYÊN",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/BC-SKHCN",
        "Thái Nguyên, ngày 05 tháng 10 năm 2026",
        "BÁO CÁO Kết quả thực hiện Phong trào “Bình dân học vụ số” Quý III năm 2026",
        "Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên.",
        "I. KẾT QUẢ CHÍNH CỦA TOÀN TỈNH",
        "II. KẾT QUẢ THEO CHƯƠNG TRÌNH, ĐỐI TƯỢNG VÀ KỸ NĂNG",
        "III. KẾT QUẢ THEO XÃ, PHƯỜNG (QUÝ III NĂM 2026)",
        "IV. ĐÁNH GIÁ CHUNG",
        "Nơi nhận:",
        "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
        "Biểu đồ 1",
        "Biểu đồ 2",
    ):
        assert expected in pdf_text, expected
    pages = len(pdf.pages)
    for i in range(1, pages + 1):
        assert f"Trang {i}/{pages}" in pdf_text
    # The per-commune tables are on landscape pages, the rest portrait.
    shapes = [float(p.mediabox.width) > float(p.mediabox.height) for p in pdf.pages]
    assert not shapes[0] and not shapes[-1] and any(shapes)
    # Only the embedded DejaVu faces: every Vietnamese letter has its glyph.
    fonts: set[str] = set()
    for p in pdf.pages:
        resources: Any = p["/Resources"]
        fonts |= {str(f.get_object()["/BaseFont"]) for f in resources["/Font"].values()}
    assert fonts and all("DejaVu" in f for f in fonts), fonts


def test_pdf_holds_every_figure(rep: ProvinceReport, pdf_text: str) -> None:
    for label, values in rep.summary.rows:
        assert _row_text(rep.summary, label, values) in pdf_text, label
    for t in rep.breakdowns:
        assert _flat(t.title_vi) in pdf_text
        for label, values in t.rows:
            assert _row_text(t, label.strip(), values) in pdf_text, (t.key, label)
        if t.total:
            assert _row_text(t, *t.total) in pdf_text
    for t in rep.annex_quarter:
        assert _flat(t.title_vi) in pdf_text
        assert t.total is not None
        assert _row_text(t, *t.total) in pdf_text, t.key
        for i, (label, values) in enumerate(t.rows, start=1):
            assert _row_text(t, label, values, i) in pdf_text, (t.key, label)
    for _code, name in rep.communes:
        assert _flat(name) in pdf_text
    # Main figures in words; no personal data (the records' names) anywhere.
    people = next(v for label, v in rep.summary.rows if label == "Người được hỗ trợ")
    assert f"hỗ trợ {report.format_number(people[0])} người" in pdf_text
    assert "Người Thử" not in pdf_text


def test_numbers_as_printed() -> None:
    assert report.format_number(1234567) == "1.234.567"
    assert report.format_number(0.125, "pct") == "12,5 %"
    assert report.format_number(19.5, "dec") == "19,5"
    assert report.format_number(1234.25, "dec") == "1.234,2"
    assert report.format_number(-7, signed=True) == "-7"
    assert report.format_number(7, signed=True) == "+7"
    assert report.format_number(None) == "–"


# -- XLSX ------------------------------------------------------------------------------------


def _header_row(ws: Worksheet, t: Table, col: int) -> int:
    for row in ws.iter_rows(min_col=col, max_col=col):
        if row[0].value == t.label_vi:
            return int(row[0].row)
    raise AssertionError(f"no header {t.label_vi!r} in {ws.title}")


def _check_sheet(ws: Worksheet, t: Table, codes: list[str] | None = None) -> None:
    """Every cell of the table equals the report's value; headers bold on a fill, frozen."""
    lead = 1 if codes is not None else 0
    label_col = lead + 1
    head = _header_row(ws, t, label_col)
    assert t.title_vi in (ws.cell(head - 3, 1).value, ws.cell(head - 4, 1).value)
    assert ws.freeze_panes == ws.cell(head + 2, label_col + 1).coordinate
    heads = [ws.cell(head, label_col + 1 + c).value for c in range(len(t.columns))]
    assert heads == [report._pretty(vi) for vi, _en in t.columns]
    english = [ws.cell(head + 1, label_col + 1 + c).value for c in range(len(t.columns))]
    assert english == [en for _vi, en in t.columns]
    for c in range(1, label_col + len(t.columns) + 1):
        cell = ws.cell(head, c)
        assert cell.font.b and cell.fill.fgColor.rgb.endswith("DDE7F0")
    lines = [*t.rows, *([t.total] if t.total else [])]
    for i, (label, values) in enumerate(lines):
        r = head + 2 + i
        assert ws.cell(r, label_col).value == label.strip()
        got = [ws.cell(r, label_col + 1 + c).value for c in range(len(t.columns))]
        assert got == values, (ws.title, label)
        for c, v in enumerate(values):
            fmt = ws.cell(r, label_col + 1 + c).number_format
            if c in t.percent:
                assert fmt.endswith("%"), fmt
            elif c in t.decimals:
                assert "0.0" in fmt, fmt
            if v is not None:
                assert isinstance(ws.cell(r, label_col + 1 + c).value, int | float)
        if codes is not None and i < len(codes):
            assert ws.cell(r, 1).value == codes[i]
    if t.total:
        total_row = head + 2 + len(t.rows)
        assert all(ws.cell(total_row, c).font.b for c in range(label_col, label_col + 2))


def test_xlsx_sheets_and_cells(rep: ProvinceReport, book: openpyxl.Workbook) -> None:
    names = book.sheetnames
    assert names[0] == "Tổng hợp"
    expected = 1 + len(rep.breakdowns) + len(rep.annex_quarter) + len(rep.annex_ytd)
    assert len(names) == expected == 17
    assert len({n.lower() for n in names}) == len(names)
    assert all(len(n) <= 31 for n in names)
    summary = book["Tổng hợp"]
    assert summary["A1"].value == "UBND TỈNH THÁI NGUYÊN"
    assert summary["A2"].value == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert "Quý III năm 2026" in str(summary["A4"].value)
    _check_sheet(summary, rep.summary)
    # The change column is signed; every other sheet is listed with a link.
    head = _header_row(summary, rep.summary, 1)
    assert summary.cell(head + 2, 4).number_format.startswith("+")
    links = {c.hyperlink.location for row in summary.iter_rows() for c in row if c.hyperlink}
    assert links == {f"'{n}'!A1" for n in names[1:]}

    sheets = iter(names[1:])
    for t in rep.breakdowns:
        _check_sheet(book[next(sheets)], t)
    codes = [c for c, _name in rep.communes]
    for t in [*rep.annex_quarter, *rep.annex_ytd]:
        name = next(sheets)
        assert name.endswith("(quý)" if t in rep.annex_quarter else "(lũy kế)")
        _check_sheet(book[name], t, codes)
    # A share is stored as a fraction with a percent format, hours with one decimal.
    identity = book["VNeID (quý)"]
    head = _header_row(identity, rep.annex_quarter[3], 2)
    assert identity.cell(head, 8).value == "Tỷ lệ bao phủ"
    assert identity.cell(head + 2, 8).number_format == "0.0%"
    team = book["Tổ CNS cộng đồng (quý)"]
    assert team.cell(_header_row(team, rep.annex_quarter[5], 2) + 2, 6).number_format == "#,##0.0"


def test_filenames(rep: ProvinceReport) -> None:
    assert report.report_filename(rep, "pdf") == "bao-cao-tinh-2026-Q3.pdf"
    assert report.report_filename(rep, "xlsx") == "bao-cao-tinh-2026-Q3.xlsx"
    with pytest.raises(ValueError):
        report.report_filename(rep, "docx")


def test_a_province_with_no_data_yet(tmp_path: Path) -> None:
    """Every commune listed with zeros; no empty charts, both files still complete."""
    eng = open_database(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        r = province_report(eng, "2026-Q1", made_at=MADE_AT)
    finally:
        eng.dispose()
    n = len(province_communes())
    text = _flat(
        "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report.report_pdf(r))).pages)
    )
    assert "Quý I năm 2026" in text and "so sánh với Quý IV năm 2025" in text
    assert f"Có 0/{n} xã, phường có hoạt động" in text
    assert "Biểu đồ" not in text
    assert f"Toàn tỉnh ({n} xã, phường)" in text
    wb = openpyxl.load_workbook(io.BytesIO(report.report_xlsx(r)))
    _check_sheet(wb["Tổng hợp"], r.summary)
    _check_sheet(wb["Buổi hỗ trợ (quý)"], r.annex_quarter[0], [c for c, _ in r.communes])
