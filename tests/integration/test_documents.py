"""Printed documents against a real encrypted database: every QR code on every page decodes
back (pages rasterised at 150 dpi with pypdfium2, decoded with zxing-cpp), each row's code names
the person printed on that row, the PDF text equals the names in the database (NFC, diacritics
included), fonts are embedded, and every code still decodes from a blurred, noisy, rotated,
keystoned, JPEG-compressed image of the page. Also the `sheet`, `cards`, `certificate` commands.
"""

from __future__ import annotations

import io
import random
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageChops, ImageFilter
from pypdf import PdfReader

from app import payload
from app.documents import qr
from app.documents.cards import render_learner_cards
from app.documents.certificate import render_certificate
from app.documents.layout import PlacedBox
from app.documents.sheet import SheetInfo, render_attendance_sheet
from app.errors import UserError
from app.ids import ICT
from app.installation import Installation
from app.models import AuditLog, Person
from app.services import directory, people, sessions
from app.services.people import PersonInput
from app.services.sessions import SessionInput
from tests.conftest import PASSWORD

DPI = 150
QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
START = datetime(2026, 11, 25, 8, 0, tzinfo=ICT)

# Long names, ethnic-minority names with apostrophes and hyphens, every tone mark and đ.
NAMES = [
    "Nguyễn Thị Đào",
    "Triệu Văn Đức",
    "Bàn Thị Mẩy",
    "H'Hen Niê",
    "Y-Ngông Niê Kdăm",
    "Hoàng Thị Ngọc Bích Phương Thảo",
    "Ksor H'Bia Nhất Linh Thị Phương",
    "Lục Thị Nguyệt Ánh Dương Hồng Ngọc",
    "Lò Văn Hùng",
    "Ma Thị Thuỷ",
    "Đặng Văn Toàn",
    "Vi Thị Ỷ",
    "Nông Quốc Vượng",
    "Phạm Ánh",
]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@dataclass(frozen=True)
class World:
    session_id: str
    other_session_id: str
    village_id: str
    people: list[str]
    names: dict[str, str]  # person id -> name as stored (NFC)


def build_world(inst: Installation, n_people: int = len(NAMES)) -> World:
    with inst.db.session(inst.actor) as s:
        v1 = directory.save_village(s, inst.actor, "Thôn Bản Chang").value
        v2 = directory.save_village(s, inst.actor, "Tổ dân phố số 12 Phan Đình Phùng").value
        tm = directory.save_team_member(s, inst.actor, "Trần Thị Thu Hà").value
        ids: list[str] = []
        for i in range(n_people):
            name = NAMES[i % len(NAMES)]
            if i >= len(NAMES):
                name += " " + ["An", "Bình", "Chi", "Dũng", "Én", "Giang"][i // len(NAMES) % 6]
            # Typed in decomposed form: the stored and printed text must still be NFC.
            data = PersonInput(
                nfd(name) if i % 2 else name,
                birth_year=1940 + i % 70,
                village_id=[v1.id, v2.id, None][i % 3],
            )
            ids.append(people.create_person(s, inst.actor, data).value.id)
        ses = sessions.create_session(
            s,
            inst.actor,
            SessionInput(
                "Lớp Bình dân học vụ số: VNeID mức 2 và thanh toán số",
                "community_class",
                "class",
                START,
                START + timedelta(hours=2),
                place="Nhà văn hoá thôn Bản Chang",
                village_id=v1.id,
                team_member_ids=(tm.id,),
            ),
        ).value
        other = sessions.create_session(
            s,
            inst.actor,
            SessionInput(
                "Buổi sinh hoạt tháng 10",
                "community_class",
                "community",
                START - timedelta(days=30),
            ),
        ).value
        names = {p.id: p.full_name for p in s.query(Person).filter(Person.id.in_(ids))}
    return World(ses.id, other.id, v1.id, ids, names)


# -- rasterising, decoding, degrading ----------------------------------------------------------


def rasterise(pdf: bytes, pages: list[int] | None = None, dpi: int = DPI) -> dict[int, Image.Image]:
    """1-based page number -> grayscale image."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        wanted = pages or list(range(1, len(doc) + 1))
        out = {}
        for n in wanted:
            page = doc[n - 1]
            out[n] = page.render(scale=dpi / 72).to_pil().convert("L")
            page.close()
        return out
    finally:
        doc.close()


@dataclass(frozen=True)
class Found:
    text: str
    x: float  # centre, in PDF points of the clean page
    y: float


def decode(img: Image.Image, band_mm: float = 60) -> list[Found]:
    """Every QR code on the page: the whole page, then overlapping horizontal bands.

    The bands stand in for a scanner or phone aimed at part of the page; zxing-cpp's
    whole-page search sometimes pairs finder patterns of codes stacked in one column.
    """
    found: dict[str, Found] = {}
    band = int(band_mm / 25.4 * DPI)
    tops = [None, *range(0, img.height, band // 2)]
    for top in tops:
        part = img if top is None else img.crop((0, top, img.width, min(img.height, top + band)))
        for b in zxingcpp.read_barcodes(part, formats=QR_ONLY):
            if b.text in found or not b.valid:
                continue
            p = b.position
            cx = (p.top_left.x + p.top_right.x + p.bottom_left.x + p.bottom_right.x) / 4
            cy = (p.top_left.y + p.top_right.y + p.bottom_left.y + p.bottom_right.y) / 4
            cy += top or 0
            found[b.text] = Found(b.text, cx * 72 / DPI, (img.height - cy) * 72 / DPI)
    return list(found.values())


def texts(found: list[Found]) -> set[str]:
    return {f.text for f in found}


def degrade(
    img: Image.Image,
    *,
    seed: int,
    angle: float,
    blur: float = 1.5,
    noise: int = 20,
    quality: int = 45,
    scale: float = 0.93,
    keystone: float = 0.012,
) -> Image.Image:
    """A phone photo / photocopy of the page: slightly smaller and keystoned, rotated,
    Gaussian-blurred (radius in pixels at 150 dpi), with uniform noise ±`noise` grey levels,
    then JPEG-compressed."""
    rng = random.Random(seed)
    img = img.resize((int(img.width * scale), int(img.height * scale)), Image.Resampling.BILINEAR)
    w, h = img.size
    k = keystone * w
    # Source quadrilateral (upper left, lower left, lower right, upper right): the top edge is
    # seen narrower, as from a phone held slightly below the page.
    quad = (-k, 0, 0, h, w, h, w + k, 0)
    img = img.transform((w, h), Image.Transform.QUAD, quad, Image.Resampling.BICUBIC, fillcolor=255)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(blur))
    grain = Image.frombytes("L", img.size, rng.randbytes(img.width * img.height))
    grain = grain.point(lambda v: 128 - noise + v * (2 * noise + 1) // 256)
    img = ImageChops.add(img, grain, scale=1.0, offset=-128)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("L")


# -- PDF text and fonts ----------------------------------------------------------------------


def page_fragments(reader: PdfReader, page: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text fragment on a 1-based page, in page points."""
    out: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        out.append((x, y, text))

    reader.pages[page - 1].extract_text(visitor_text=visit)
    return out


def text_in(reader: PdfReader, box: PlacedBox, slack: float = 2.0) -> str:
    frags = [
        (y, x, t)
        for x, y, t in page_fragments(reader, box.page)
        if box.x0 - slack <= x <= box.x1 + slack and box.y0 - slack <= y <= box.y1 + slack
    ]
    frags.sort(key=lambda f: (-round(f[0], 1), f[1]))
    return " ".join(" ".join(t for _, _, t in frags).split())


def fonts_embedded(reader: PdfReader) -> set[str]:
    """Names of the fonts used; fails if any lacks an embedded TrueType program."""
    names: set[str] = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts = resources.get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert desc is not None, f"font {font.get('/BaseFont')} has no descriptor"
            assert "/FontFile2" in desc.get_object(), f"font {font.get('/BaseFont')} not embedded"
            names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


# -- the attendance sheet --------------------------------------------------------------------


def check_sheet_pages(
    pdf: bytes, info: SheetInfo, names: dict[str, str], pages: list[int]
) -> dict[int, Image.Image]:
    """On each page: the codes decoded are exactly those printed there, every row code sits on
    its row and names its person, and the row shows that person's name from the database."""
    reader = PdfReader(io.BytesIO(pdf))
    images = rasterise(pdf, pages)
    for n, img in images.items():
        rows = [r for r in info.rows if r.qr is not None and r.qr.page == n]
        found = decode(img)
        assert texts(found) == {info.session_payload, *(r.payload for r in rows)}, f"page {n}"
        for f in found:
            ref = payload.decode(f.text)
            if isinstance(ref, payload.SessionRef):
                assert ref.session_id == info.session_id
                continue
            assert isinstance(ref, payload.RowRef) and ref.session_id == info.session_id
            (row,) = [
                r for r in rows if r.qr and r.qr.x0 <= f.x <= r.qr.x1 and r.qr.y0 <= f.y <= r.qr.y1
            ]
            assert row.person_id == ref.person_id and row.payload == f.text
            assert row.name is not None and row.name.page == n
            assert text_in(reader, row.name) == names[ref.person_id]
    return images


def test_sheet_codes_names_fonts_and_layout(inst: Installation) -> None:
    w = build_world(inst)
    out = io.BytesIO()
    with inst.db.session(inst.actor) as s:
        info = render_attendance_sheet(
            s,
            w.session_id,
            out,
            people_ids=w.people,
            blank_rows=6,
            commune_name=inst.commune_name,
            officer_name=inst.officer.full_name,
            actor=inst.actor,
        )
        audits = s.query(AuditLog).filter(AuditLog.action == "print.sheet").all()
    pdf = out.getvalue()
    assert len(info.rows) == len(NAMES) and info.blank_rows == 6
    # Vietnamese order, by given name first: Ánh < Đào < Đức < Hùng < … < Vượng < Ỷ.
    given = [r.full_name.split()[-1] for r in info.rows]
    assert given[:4] == ["Ánh", "Đào", "Đức", "Hùng"] and given[-2:] == ["Vượng", "Ỷ"]
    assert [r.number for r in info.rows] == list(range(1, len(NAMES) + 1))
    assert info.pages >= 2 and len(info.session_qr) == info.pages
    assert {b.page for b in info.session_qr} == set(range(1, info.pages + 1))
    assert len(audits) == 1 and str(len(NAMES)) in audits[0].detail
    assert "Nguyễn" not in audits[0].detail

    check_sheet_pages(pdf, info, w.names, list(range(1, info.pages + 1)))

    reader = PdfReader(io.BytesIO(pdf))
    assert fonts_embedded(reader) >= {"DejaVuSerif", "DejaVuSerif-Bold"}
    full = [nfc_page(reader, i) for i in range(len(reader.pages))]
    assert "UBND PHƯỜNG ĐỨC XUÂN" in full[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in full[0]
    assert "Độc lập - Tự do - Hạnh phúc" in full[0]
    assert "Đức Xuân, ngày 25 tháng 11 năm 2026" in full[0]
    assert "DANH SÁCH ĐIỂM DANH" in full[0]
    for i, text in enumerate(full, start=1):
        assert f"Trang {i}/{info.pages}" in text
        if any(r.qr and r.qr.page == i for r in info.rows):
            assert "Họ và tên" in text and "Ký tên" in text  # the header row repeats
    assert "NGƯỜI HƯỚNG DẪN" in full[-1] and "CÁN BỘ PHỤ TRÁCH" in full[-1]
    assert inst.officer.full_name in full[-1]
    # Walk-in rows are numbered on after the people.
    assert str(len(NAMES) + 6) in " ".join(full)
    # Every name, exactly as stored, is in the text (long names wrap, hence the joined text).
    joined = " ".join(" ".join(full).split())
    for name in w.names.values():
        assert unicodedata.is_normalized("NFC", name)
        assert name in joined


def nfc_page(reader: PdfReader, index: int) -> str:
    text = reader.pages[index].extract_text()
    assert unicodedata.is_normalized("NFC", text)
    return text


def test_sheet_people_sources(inst: Installation) -> None:
    w = build_world(inst)
    with inst.db.session(inst.actor) as s:
        for pid in w.people[:3]:
            sessions.check_in(s, inst.actor, w.other_session_id, pid)
        sessions.check_in(s, inst.actor, w.session_id, w.people[5])
        by_default = render_attendance_sheet(s, w.session_id, io.BytesIO())
        from_previous = render_attendance_sheet(
            s, w.session_id, io.BytesIO(), from_session_id=w.other_session_id, blank_rows=0
        )
        by_village = render_attendance_sheet(s, w.session_id, io.BytesIO(), village_id=w.village_id)
        combined = render_attendance_sheet(
            s,
            w.session_id,
            io.BytesIO(),
            people_ids=[w.people[6], w.people[6]],
            from_session_id=w.other_session_id,
        )
        with pytest.raises(UserError) as e:
            render_attendance_sheet(s, "01900000-0000-7000-8000-000000000000", io.BytesIO())
        assert "Không tìm thấy buổi học" in e.value.text("vi")
        with pytest.raises(UserError):
            render_attendance_sheet(s, w.session_id, io.BytesIO(), people_ids=["nope"])
    assert [r.person_id for r in by_default.rows] == [w.people[5]]
    assert {r.person_id for r in from_previous.rows} == set(w.people[:3])
    assert from_previous.blank_rows == 0
    assert {r.person_id for r in by_village.rows} == set(w.people[0::3])
    assert {r.person_id for r in combined.rows} == {*w.people[:3], w.people[6]}


@pytest.mark.slow
def test_sheet_with_500_rows(inst: Installation) -> None:
    w = build_world(inst, 500)
    out = io.BytesIO()
    with inst.db.session(inst.actor) as s:
        info = render_attendance_sheet(s, w.session_id, out, people_ids=w.people, blank_rows=10)
    pdf = out.getvalue()
    assert len(info.rows) == 500 and len({r.payload for r in info.rows}) == 500
    assert all(r.qr is not None and r.name is not None for r in info.rows)
    sort_keys = [r.full_name for r in info.rows]
    assert len(sort_keys) == 500
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == info.pages
    # Rows flow page after page, with no row lost or printed twice.
    pages = [r.qr.page for r in info.rows if r.qr]
    assert pages == sorted(pages) and pages[-1] >= 40
    # Rasterise a couple of pages only: the first, one in the middle and the last with rows.
    check_sheet_pages(pdf, info, w.names, [1, pages[250], pages[-1]])


# -- learner cards and certificate -----------------------------------------------------------


def test_learner_cards_for_30_people(inst: Installation) -> None:
    w = build_world(inst, 30)
    out = io.BytesIO()
    with inst.db.session(inst.actor) as s:
        info = render_learner_cards(s, out, people_ids=w.people, commune_name=inst.commune_name)
        village_only = render_learner_cards(s, io.BytesIO(), village_id=w.village_id)
    pdf = out.getvalue()
    assert info.pages == 3 and len(info.cards) == 30
    assert {c.person_id for c in village_only.cards} == set(w.people[0::3])
    reader = PdfReader(io.BytesIO(pdf))
    assert fonts_embedded(reader) >= {"DejaVuSans", "DejaVuSans-Bold"}
    for n, img in rasterise(pdf).items():
        cards = [c for c in info.cards if c.name.page == n]
        found = decode(img)
        assert texts(found) == {c.payload for c in cards}
        for f in found:
            ref = payload.decode(f.text)
            assert isinstance(ref, payload.PersonRef)
            (card,) = [
                c for c in cards if c.qr and c.qr.x0 <= f.x <= c.qr.x1 and c.qr.y0 <= f.y <= c.qr.y1
            ]
            assert card.person_id == ref.person_id
            assert text_in(reader, card.name) == w.names[ref.person_id]


def _with_skills(inst: Installation, w: World) -> str:
    pid = w.people[6]  # Ksor H'Bia Nhất Linh Thị Phương
    with inst.db.session(inst.actor) as s:
        sessions.record_skills(
            s, inst.actor, [pid], ["DD01", "DD02", "TT02"], "independent", day=date(2026, 10, 3)
        )
        sessions.record_skills(s, inst.actor, [pid], ["YT01"], "practised", day=date(2026, 10, 3))
        sessions.record_skills(s, inst.actor, [pid], ["DD02"], "independent", day=date(2026, 11, 5))
        sessions.record_skills(s, inst.actor, [pid], ["AI02"], "independent", day=date(2026, 12, 1))
    return pid


def test_certificate_lists_independent_skills_with_a_code(inst: Installation) -> None:
    w = build_world(inst)
    pid = _with_skills(inst, w)
    out = io.BytesIO()
    with inst.db.session(inst.actor) as s:
        info = render_certificate(
            s, pid, out, issued=date(2026, 11, 25), signer_name="Nguyễn Văn Quản Trị"
        )
        with pytest.raises(UserError) as e:
            render_certificate(s, w.people[0], io.BytesIO())
        assert "Tự làm được" in e.value.text("vi")
    pdf = out.getvalue()
    # AI02 was reached after the issue date; DD02 counts once, from its first day.
    assert info.skill_count == 3
    assert payload.decode(info.payload) == payload.CertificateRef(pid, date(2026, 11, 25), 3)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "GIẤY XÁC NHẬN" in text and w.names[pid] in text
    assert "Kích hoạt tài khoản định danh điện tử mức 2" in text
    assert "2.6 Quản lý danh tính số" in text and "03/10/2026" in text
    assert "Dùng trợ lý AI" not in text and "Sổ sức khỏe" not in text
    assert "Nguyễn Văn Quản Trị" in text
    assert info.name is not None and text_in(reader, info.name) == w.names[pid]
    fonts_embedded(reader)
    images = rasterise(pdf)
    assert [texts(decode(img)) for img in images.values()] == [{info.payload}]


# -- robustness: the paper that comes back ---------------------------------------------------


def test_codes_survive_blur_noise_rotation_keystone_and_jpeg(inst: Installation) -> None:
    w = build_world(inst, 30)
    pid = _with_skills(inst, w)
    sheet, cards, cert = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with inst.db.session(inst.actor) as s:
        render_attendance_sheet(s, w.session_id, sheet, people_ids=w.people)
        render_learner_cards(s, cards, people_ids=w.people[:10])
        render_certificate(s, pid, cert, issued=date(2026, 11, 25))
    pages = [
        *rasterise(sheet.getvalue()).values(),
        *rasterise(cards.getvalue(), [1]).values(),
        *rasterise(cert.getvalue(), [1]).values(),
    ]
    angles = [2.0, -3.0, 4.0, -2.5, 3.5]
    missed: list[str] = []
    total = 0
    for i, img in enumerate(pages):
        clean = texts(decode(img))
        assert clean
        photo = degrade(img, seed=i, angle=angles[i % len(angles)])
        total += len(clean)
        missed += sorted(clean - texts(decode(photo)))
    assert total >= 30 + 1 + 10 + 1  # rows, session codes on every page, cards, certificate
    assert missed == []


def test_qr_style_choices() -> None:
    row = payload.encode_row(
        "01900000-0000-7000-8000-000000000001", "01900000-0000-7000-8000-000000000002"
    )
    person = payload.encode_person("01900000-0000-7000-8000-000000000002")
    cert = payload.encode_certificate("01900000-0000-7000-8000-000000000002", date(2026, 1, 2), 5)
    m = qr.qr_matrix(row, qr.ROW.ecc)
    assert (m.version, m.size, m.ecc) == (3, 29, "M")
    m = qr.qr_matrix(person, qr.CARD.ecc)
    assert (m.version, m.size, m.ecc) == (2, 25, "Q")
    m = qr.qr_matrix(cert, qr.CERTIFICATE.ecc)
    assert (m.version, m.ecc) == (3, "H")
    with pytest.raises(ValueError):
        qr.qr_matrix("90ab")
    # Printed sizes (quiet zone included) the layouts are built around.
    assert round(qr.qr_side(row, qr.ROW) / qr.MM, 2) == 26.25
    assert round(qr.qr_side(person, qr.CARD) / qr.MM, 2) == 28.05


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def hv(
    inst: Installation,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Callable[..., tuple[int, str, str]]]:
    import ui.cli

    monkeypatch.setenv("HOCVUSO_PASSWORD", PASSWORD)

    def run(*args: str) -> tuple[int, str, str]:
        code = ui.cli.main(["--db", str(db_path), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    yield run


def test_cli_sheet_cards_certificate(
    inst: Installation, tmp_path: Path, hv: Callable[..., tuple[int, str, str]]
) -> None:
    w = build_world(inst)
    pid = _with_skills(inst, w)
    with inst.db.session(inst.actor) as s:
        sessions.check_in(s, inst.actor, w.session_id, w.people[1])
        sessions.check_in(s, inst.actor, w.session_id, w.people[2])

    sheet = tmp_path / "sheet.pdf"
    code, out, err = hv("sheet", w.session_id, "--out", str(sheet), "--blank-rows", "3")
    assert code == 0, err
    assert "2 người, 3 dòng trống" in out
    assert PdfReader(sheet).pages[0].extract_text().count("Trang 1/") == 1

    # The session as its scanned code, people from a village.
    code, out, err = hv(
        "sheet",
        payload.encode_session(w.session_id),
        "--out",
        str(sheet),
        "--village",
        "thon ban chang",
    )
    assert code == 0, err and f"{len(w.people[0::3])} người" in out

    cards = tmp_path / "cards.pdf"
    code, out, err = hv("cards", "--out", str(cards), "--village", "Thôn Bản Chang")
    assert code == 0, err
    assert f"{len(w.people[0::3])} thẻ" in out and cards.read_bytes().startswith(b"%PDF")

    cert = tmp_path / "cert.pdf"
    code, out, err = hv(
        "certificate", payload.encode_person(pid), "--out", str(cert), "--date", "25/11/2026"
    )
    assert code == 0, err
    assert "3 kỹ năng" in out and w.names[pid] in out

    # Errors: clear, bilingual, no traceback, no file left behind.
    bad = tmp_path / "bad.pdf"
    code, _, err = hv("sheet", "01900000-0000-7000-8000-000000000000", "--out", str(bad))
    assert code == 1 and "Không tìm thấy buổi học" in err and not bad.exists()
    misread = payload.encode_session(w.session_id)
    misread = misread[:10] + str((int(misread[10]) + 1) % 10) + misread[11:]
    code, _, err = hv("sheet", misread, "--out", str(bad))
    assert code == 1 and "đọc bị sai" in err
    code, _, err = hv("--lang", "en", "certificate", "someone", "--out", str(bad))
    assert code == 1 and "is not a person id" in err
    code, _, err = hv("certificate", w.people[0], "--out", str(bad))
    assert code == 1 and "Tự làm được" in err and not bad.exists()
    code, _, err = hv("cards", "--out", str(tmp_path / "missing" / "x.pdf"))
    assert code == 1 and "Không có thư mục" in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == [
        "cards.pdf",
        "cert.pdf",
        "sheet.pdf",
    ]
