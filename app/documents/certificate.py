"""The certificate (GIẤY XÁC NHẬN) of the digital skills a person can do on their own, with
the Thông tư 02/2025/TT-BGDĐT competence of each, the date it was first recorded, a signature
block and a QR code that identifies the certificate (person, issue date, number of skills)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from app import payload
from app.database import Actor
from app.documents import qr
from app.documents.fonts import SERIF, register_fonts
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
from app.services.printing import CertificateData, certificate_data

HEAD_BG = Color(0.88, 0.88, 0.88)
MAX_SKILLS_IN_CODE = 99


@dataclass(frozen=True)
class CertificateInfo:
    person_id: str
    full_name: str
    issued: date
    skill_count: int
    payload: str
    pages: int
    qr: PlacedBox | None
    name: PlacedBox | None


def _salutation(sex: str | None) -> str:
    return {"M": "Ông", "F": "Bà"}.get(sex or "", "Ông/Bà")


def _grouped(digits: str) -> str:
    return " ".join(digits[i : i + 5] for i in range(0, len(digits), 5))


def _story(
    data: CertificateData, code: str, include_qr: bool
) -> tuple[list[Flowable], Flowable, PlacedParagraph]:
    st = styles()
    p = data.person
    story: list[Flowable] = [AdminHeader(data.commune, data.issued), Spacer(1, 8 * mm)]
    story.append(Paragraph("GIẤY XÁC NHẬN", st["title"]))
    story.append(Paragraph("<b>KỸ NĂNG SỐ ĐÃ TỰ THỰC HIỆN ĐƯỢC</b>", st["subtitle"]))
    story.append(Paragraph("<i>Phong trào “Bình dân học vụ số”</i>", st["subtitle"]))
    story.append(Spacer(1, 7 * mm))
    story.append(Paragraph(f"Ủy ban nhân dân {esc(data.commune.name)} xác nhận:", st["body"]))
    story.append(Spacer(1, 2 * mm))
    name = PlacedParagraph(f"<b>{esc(p.full_name)}</b>", st["body"])
    born = (
        f"Ngày sinh: {data.birth_date:%d/%m/%Y}"
        if data.birth_date
        else (f"Năm sinh: {p.birth_year}" if p.birth_year else "")
    )
    who = [[Paragraph(f"{_salutation(data.sex)}:", st["body"]), name]]
    if born:
        who.append([Paragraph("", st["body"]), Paragraph(born, st["body"])])
    if p.village_name:
        who.append(
            [Paragraph("", st["body"]), Paragraph(f"Thôn/xóm: {esc(p.village_name)}", st["body"])]
        )
    t = Table(who, colWidths=[22 * mm, PAGE_W - 2 * MARGIN - 22 * mm])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SERIF),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(t)
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            f"đã tự thực hiện được <b>{len(data.skills)}</b> kỹ năng số dưới đây, theo ghi nhận "
            "của Tổ công nghệ số cộng đồng trong các buổi hướng dẫn:",
            st["body"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    rows: list[list[Any]] = [
        [
            Paragraph("STT", st["head"]),
            Paragraph("Kỹ năng số", st["head"]),
            Paragraph("Năng lực số (Thông tư 02/2025/TT-BGDĐT)", st["head"]),
            Paragraph("Ngày ghi nhận", st["head"]),
        ]
    ]
    for i, sk in enumerate(data.skills, start=1):
        rows.append(
            [
                str(i),
                Paragraph(esc(sk.name_vi), st["cell"]),
                Paragraph(f"{esc(sk.competence_code)} {esc(sk.competence_name_vi)}", st["cell"]),
                f"{sk.day:%d/%m/%Y}",
            ]
        )
    table = LongTable(rows, colWidths=[12 * mm, 79 * mm, 70 * mm, 25 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SERIF, 10.5),
                ("GRID", (0, 0), (-1, -1), 0.5, black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("ALIGN", (3, 1), (3, -1), "CENTER"),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            "<i>Giấy này ghi nhận kết quả hướng dẫn tại cơ sở; không thay thế việc xác nhận đạt "
            "phổ cập kỹ năng số trên ứng dụng VNeID theo Quyết định 757/QĐ-BKHCN.</i>",
            st["small"],
        )
    )
    story.append(Spacer(1, 6 * mm))

    code_flow: Flowable = (
        qr.QrFlowable(code, qr.CERTIFICATE, align="LEFT")
        if include_qr
        else BoxPlaceholder(qr.qr_side(code, qr.CERTIFICATE))
    )
    left = [
        code_flow,
        Paragraph("Mã xác nhận (quét để kiểm tra):", st["small"]),
        Paragraph(f"<font size=7.5>{_grouped(code)}</font>", st["small"]),
    ]
    right = [
        Paragraph("NGƯỜI XÁC NHẬN", st["sign"]),
        Paragraph("(Ký, ghi rõ họ tên)", st["sign_note"]),
        Spacer(1, 24 * mm),
        Paragraph(esc(data.signer_name), st["sign"]),
    ]
    sign = Table([[left, right]], colWidths=[80 * mm, PAGE_W - 2 * MARGIN - 80 * mm])
    sign.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        )
    )
    story.append(KeepTogether([sign]))
    return story, code_flow, name


def write_certificate(
    data: CertificateData, out: Path | BinaryIO, *, include_qr: bool = True
) -> CertificateInfo:
    """Draw the certificate for data already read from the database (any thread)."""
    register_fonts()
    count = min(len(data.skills), MAX_SKILLS_IN_CODE)
    code = payload.encode_certificate(data.person.id, data.issued, count)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=12 * mm,
        bottomMargin=16 * mm,
        title=f"Giấy xác nhận kỹ năng số — {data.person.full_name}",
        author=data.commune.agency,
        creator="hocvuso",
        lang="vi-VN",
        invariant=True,
        initialFontName=SERIF,
    )
    story, code_flow, name = _story(data, code, include_qr)
    doc.build(story, canvasmaker=numbered_canvas(page_number))
    pdf = buf.getvalue()
    if isinstance(out, Path):
        out.write_bytes(pdf)
    else:
        out.write(pdf)
    box = None
    if isinstance(code_flow, qr.QrFlowable) and code_flow.placed is not None:
        box = PlacedBox(*code_flow.placed)
    return CertificateInfo(
        data.person.id,
        data.person.full_name,
        data.issued,
        count,
        code,
        doc.page,
        box,
        name.placed,
    )


def render_certificate(
    s: Session,
    person_id: str,
    out: Path | BinaryIO,
    *,
    issued: date | None = None,
    commune_name: str | None = None,
    signer_name: str = "",
    actor: Actor | None = None,
) -> CertificateInfo:
    """Certificate of the skills the person reached "can do it alone" (up to `issued`, today
    by default). UserError when there is none. With an `actor`, it goes to the audit log."""
    data = certificate_data(
        s,
        person_id,
        issued=issued,
        commune_name=commune_name,
        signer_name=signer_name,
        actor=actor,
    )
    return write_certificate(data, out)
