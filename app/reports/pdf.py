"""The quarterly report as a PDF in the style of a Vietnamese administrative report.

Layout (A4 portrait, margins of Decree 30/2020/NĐ-CP: left 30 mm, right 15 mm, top and bottom
20 mm): the administrative header of `app.documents.layout` with "Số: …/BC-UBND" under the
agency, the title "BÁO CÁO Kết quả thực hiện Phong trào “Bình dân học vụ số” Quý III năm
2026", the addressee, then one numbered section (I, II, …) per indicator with a short
paragraph of the key figures, its tables (1., 2., …: this period, the one compared with, the
change, the year to date) and bar charts drawn with reportlab.graphics, a section left for the
officer's remarks, the closing sentence, "Nơi nhận" and the signature block
("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"). Every page is numbered "Trang x/y". Fonts are the embedded
DejaVu faces of `app.documents.fonts`, so every Vietnamese letter shows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from app.documents.layout import (
    PAGE_H,
    PAGE_W,
    AdminHeader,
    esc,
    numbered_canvas,
    page_number,
)
from app.reports.indicators import CommuneReport, Row, format_value
from app.reports.indicators import Table as ReportTable
from app.services.printing import CommuneHeader

__all__ = ["write_report_pdf"]

LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
# What a flowable may use: the text block less the frame's 6 pt padding on each side.
WIDTH = PAGE_W - LEFT - RIGHT - 12
HEAD_BG = Color(0.88, 0.88, 0.88)
TOTAL_BG = Color(0.95, 0.95, 0.95)
CURRENT = HexColor("#1f5fa8")
PREVIOUS = HexColor("#a9c4e4")
SECOND = HexColor("#e08a1e")


# -- styles ----------------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle(
        "rbody", fontName=SERIF, fontSize=12, leading=16, alignment=TA_JUSTIFY, firstLineIndent=0
    )
    return {
        "body": body,
        "indent": ParagraphStyle("rindent", parent=body, firstLineIndent=10 * mm),
        "title": ParagraphStyle(
            "rtitle", parent=body, fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "subtitle": ParagraphStyle(
            "rsub", parent=body, fontName=SERIF_BOLD, fontSize=13, leading=17, alignment=TA_CENTER
        ),
        "center": ParagraphStyle("rcenter", parent=body, alignment=TA_CENTER),
        "section": ParagraphStyle(
            "rsec",
            parent=body,
            fontName=SERIF_BOLD,
            fontSize=12,
            leading=16,
            spaceBefore=8,
            spaceAfter=3,
            alignment=TA_LEFT,
        ),
        "table_title": ParagraphStyle(
            "rtt",
            parent=body,
            fontName=SERIF_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=5,
            spaceAfter=3,
            alignment=TA_LEFT,
        ),
        "cell": ParagraphStyle("rcell", parent=body, fontSize=9, leading=11, alignment=TA_LEFT),
        "cell_small": ParagraphStyle(
            "rcells", parent=body, fontSize=8.5, leading=10, alignment=TA_LEFT
        ),
        "head": ParagraphStyle(
            "rhead",
            parent=body,
            fontName=SERIF_BOLD,
            fontSize=8.5,
            leading=10,
            alignment=TA_CENTER,
        ),
        "note": ParagraphStyle(
            "rnote",
            parent=body,
            fontName=SERIF_ITALIC,
            fontSize=9.5,
            leading=12,
            alignment=TA_LEFT,
            spaceBefore=2,
        ),
        "caption": ParagraphStyle(
            "rcap",
            parent=body,
            fontName=SERIF_ITALIC,
            fontSize=10,
            leading=13,
            alignment=TA_CENTER,
            spaceBefore=2,
            spaceAfter=4,
        ),
        "recipients_head": ParagraphStyle(
            "rrh", parent=body, fontName=SERIF_BOLD, fontSize=12, leading=15, alignment=TA_LEFT
        ),
        "recipients": ParagraphStyle("rr", parent=body, fontSize=11, leading=13, alignment=TA_LEFT),
        "sign": ParagraphStyle(
            "rsign",
            parent=body,
            fontName=SERIF_BOLD,
            fontSize=12.5,
            leading=16,
            alignment=TA_CENTER,
        ),
        "sign_note": ParagraphStyle(
            "rsignn",
            parent=body,
            fontName=SERIF_ITALIC,
            fontSize=11,
            leading=14,
            alignment=TA_CENTER,
        ),
    }


# -- header with the document number -----------------------------------------------------


class _Issuer(CommuneHeader):
    """The issuing body written in full over two lines, as a report of the commune's People's
    Committee is headed: "ỦY BAN NHÂN DÂN" / "PHƯỜNG ĐỨC XUÂN"."""

    @property
    def agency(self) -> str:
        return f"ỦY BAN NHÂN DÂN\n{self.name.upper()}"


class ReportHeader(AdminHeader):
    """The administrative header with "Số: ……/BC-UBND" under the agency, level with the
    place and date line (Decree 30/2020/NĐ-CP)."""

    def __init__(self, commune: CommuneHeader, day: date | None, number: str = "") -> None:
        super().__init__(_Issuer(commune.code, commune.name, commune.province_name), day)
        self.number = number

    def draw(self) -> None:
        super().draw()
        c: Any = self.canv
        lx = self._w * 0.40 / 2
        from_top = max(49.0, 14.0 * len(self._left) + 16)
        c.setFont(SERIF, 12)
        c.drawCentredString(lx, self.height - from_top, f"Số: {self.number or '.......'}/BC-UBND")


# -- numbers and tables ----------------------------------------------------------------------


def _cell(row: Row, table: ReportTable, i: int) -> str:
    col = table.columns[i]
    return format_value(row.values[i], row.cell_kind(col))


def _widths(table: ReportTable) -> list[float]:
    n = len(table.columns)
    num = {1: 30, 2: 28, 3: 25, 4: 21, 5: 18, 6: 16.5, 7: 15.5}.get(n, 14.2) * mm
    return [WIDTH - n * num, *([num] * n)]


def _table(table: ReportTable, st: dict[str, ParagraphStyle]) -> Flowable:
    """A report table: header rows (spanning group headers when the columns have groups),
    item, "trong đó" and total rows; the header repeats on every page."""
    cols = table.columns
    groups = [c.group_vi for c in cols]
    grouped = any(groups)
    small = len(cols) > 5
    head_style = st["head"]
    label_style = st["cell_small"] if small else st["cell"]
    data: list[list[Any]] = []
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    if grouped:
        top: list[Any] = [Paragraph(esc(table.label_vi), head_style)]
        i = 0
        while i < len(cols):
            j = i
            while j + 1 < len(cols) and groups[j + 1] == groups[i] and groups[i]:
                j += 1
            if groups[i]:
                top.append(Paragraph(esc(groups[i]), head_style))
                top += [""] * (j - i)
                if j > i:
                    spans.append(("SPAN", (i + 1, 0), (j + 1, 0)))
            else:  # a column outside any group: its own header spans both rows
                top.append(Paragraph(esc(cols[i].vi), head_style))
                spans.append(("SPAN", (i + 1, 0), (i + 1, 1)))
            i = j + 1
        data.append(top)
        data.append([""] + [Paragraph(esc(c.vi), head_style) if c.group_vi else "" for c in cols])
        spans.append(("SPAN", (0, 0), (0, 1)))
        head_rows = 2
    else:
        data.append(
            [Paragraph(esc(table.label_vi), head_style)]
            + [Paragraph(esc(c.vi), head_style) for c in cols]
        )
        head_rows = 1
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), SERIF, 8.5 if small else 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_BG),
        ("ALIGN", (1, head_rows), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *spans,
    ]
    for r in table.rows:
        y = len(data)
        label = esc(r.vi)
        if r.kind == "sub":
            label = f"<i>{label}</i>"
            style.append(("LEFTPADDING", (0, y), (0, y), 10))
        elif r.kind == "total":
            label = f"<b>{label}</b>"
            style += [
                ("FONT", (1, y), (-1, y), SERIF_BOLD, 8.5 if small else 9.5),
                ("BACKGROUND", (0, y), (-1, y), TOTAL_BG),
            ]
        data.append(
            [Paragraph(label, label_style)] + [_cell(r, table, i) for i in range(len(cols))]
        )
    if len(data) == head_rows:
        data.append([Paragraph("<i>Không có số liệu.</i>", label_style)] + [""] * len(cols))
    cls = LongTable if len(data) > 25 else Table
    t = cls(data, colWidths=_widths(table), repeatRows=head_rows)
    t.setStyle(TableStyle(style))
    return t


# -- charts ----------------------------------------------------------------------------------


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
    percent: bool = False,
    width: float = WIDTH,
) -> Drawing:
    """Horizontal grouped bars (one group per category, one bar per series) with a legend
    above: long Vietnamese labels stay readable on the left."""
    register_fonts()
    n = max(1, len(categories))
    per_group = 5.5 * len(series) + 4
    plot_h = n * per_group
    label_w = 58 * mm
    legend_h = 14
    height = plot_h + legend_h + 30
    d = Drawing(width, height)
    d.add(String(0, height - 10, title, fontName=SERIF_BOLD, fontSize=9.5))
    chart = HorizontalBarChart()
    chart.x = label_w
    chart.y = 18
    chart.width = width - label_w - 18
    chart.height = plot_h
    # Within a group the first series is drawn lowest: reverse so that it reads first.
    drawn = list(reversed(series))
    data = [list(reversed([float(v) for v in vals])) for _, vals, _ in drawn]
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
    if percent:
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = min(1.0, max(0.1, top * 1.15))
        chart.valueAxis.labelTextFormat = lambda v: f"{v * 100:.0f}%"
    else:
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = max(5.0, top * 1.15)
        chart.valueAxis.labelTextFormat = lambda v: format_value(round(v), "int")
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = Color(0.85, 0.85, 0.85)
    chart.barSpacing = 0.5
    chart.groupSpacing = 4
    for i, (_name, _vals, color) in enumerate(drawn):
        chart.bars[i].fillColor = color
        chart.bars[i].strokeColor = None
    chart.barLabelFormat = (
        (lambda v: format_value(v, "share") if v else "")
        if percent
        else (lambda v: format_value(round(v), "int") if v else "")
    )
    chart.barLabels.fontName = SERIF
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    d.add(chart)
    legend = Legend()
    legend.fontName = SERIF
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.x = label_w
    legend.y = height - 18
    legend.dx = 7
    legend.dy = 7
    legend.deltax = 110
    legend.colorNamePairs = [(color, name) for name, _v, color in series]
    d.add(legend)
    return d


def _compare_chart(table: ReportTable, prefix: str, title: str, report: CommuneReport) -> Drawing:
    items = table.items()
    i_cur = table.column_index(f"{prefix}cur")
    i_prev = table.column_index(f"{prefix}prev")
    return bar_chart(
        [r.vi for r in items],
        [
            (report.period.short("vi"), [float(r.values[i_cur] or 0) for r in items], CURRENT),
            (report.previous.short("vi"), [float(r.values[i_prev] or 0) for r in items], PREVIOUS),
        ],
        title=title,
    )


# -- text ------------------------------------------------------------------------------------


def _n(v: Any) -> str:
    return format_value(v, "int")


def _versus(cur: int, prev: int, prev_label: str) -> str:
    if cur == prev:
        return f"bằng {prev_label}"
    word = "tăng" if cur > prev else "giảm"
    return f"{word} {_n(abs(cur - prev))} so với {prev_label}"


def _fig(report: CommuneReport, table: str, row: str, col: str = "cur") -> int:
    t = report.table(table)
    if not t.has_row(row):
        return 0
    v = t.value(row, col)
    return int(v or 0)


def _lead(report: CommuneReport, number: str) -> str:
    """A sentence or two with the key figures of a section, in the report's own words."""
    p, prev = report.period.label("vi"), report.previous.short("vi")
    ytd = report.table("sessions.format").columns[-1].vi.lower()
    f = _fig
    if number == "I":
        total = f(report, "sessions.format", "total")
        parts = [
            f"{_n(f(report, 'sessions.format', k))} {label}"
            for k, label in (
                ("class", "lớp học"),
                ("community", "buổi sinh hoạt cộng đồng"),
                ("home_visit", "lượt hướng dẫn tại nhà"),
                ("online", "buổi trực tuyến"),
            )
        ]
        return (
            f"{p[:1].upper()}{p[1:]}, đã tổ chức <b>{_n(total)}</b> buổi "
            f"({_versus(total, f(report, 'sessions.format', 'total', 'prev'), prev)}), gồm "
            f"{', '.join(parts)}; {ytd}: {_n(f(report, 'sessions.format', 'total', 'ytd'))} buổi."
        )
    if number == "II":
        people = f(report, "people.summary", "people")
        joined = f(report, "people.summary", "participations")
        old = f(report, "people.age", "60plus", "people_cur")
        return (
            f"Đã hỗ trợ <b>{_n(people)}</b> người "
            f"({_versus(people, f(report, 'people.summary', 'people', 'prev'), prev)}) với "
            f"<b>{_n(joined)}</b> lượt tham gia; trong đó {_n(old)} người từ 60 tuổi trở lên. "
            f"{ytd[:1].upper()}{ytd[1:]}: {_n(f(report, 'people.summary', 'people', 'ytd'))} người."
        )
    if number == "III":
        ind = f(report, "skills.change", "independent")
        new = f(report, "skills.change", "new_independent")
        rose = f(report, "skills.change", "rose")
        return (
            f"<b>{_n(rose)}</b> người có mức kỹ năng số tăng lên; <b>{_n(ind)}</b> người tự làm "
            f"được ít nhất một kỹ năng, trong đó {_n(new)} người lần đầu tự làm được "
            f"({_versus(new, f(report, 'skills.change', 'new_independent', 'prev'), prev)})."
        )
    if number == "IV":
        commune = report.table("identity.village").total()
        share = ""
        if commune is not None and commune.values[4] is not None:
            share = (
                f" Tỷ lệ người từ 16 tuổi tự kích hoạt được tài khoản mức 2 (lũy kế) đạt "
                f"<b>{format_value(commune.values[4], 'share')}</b> dân số từ 16 tuổi của các "
                "thôn, xóm đã nhập dân số."
            )
        return (
            f"Đã hướng dẫn {_n(f(report, 'identity.summary', 'vneid_install'))} người cài đặt "
            f"VNeID và {_n(f(report, 'identity.summary', 'vneid_level2_helped'))} người kích "
            f"hoạt tài khoản định danh điện tử mức 2; "
            f"<b>{_n(f(report, 'identity.summary', 'vneid_level2'))}</b> người tự kích hoạt "
            f"được.{share}"
        )
    if number == "V":
        return (
            f"Hướng dẫn {_n(f(report, 'services.summary', 'dvc'))} người sử dụng dịch vụ công "
            f"trực tuyến, {_n(f(report, 'services.summary', 'payment'))} người thanh toán không "
            f"dùng tiền mặt; {_n(f(report, 'services.summary', 'accounts'))} người mở được tài "
            f"khoản, {_n(f(report, 'services.summary', 'ehealth'))} người kích hoạt được Sổ sức "
            "khỏe điện tử."
        )
    if number == "VI":
        members = f(report, "team.summary", "members_active")
        hours = report.table("team.summary").value("hours", "cur")
        return (
            f"Tổ công nghệ số cộng đồng hiện có {_n(report.team_size)} thành viên; "
            f"<b>{_n(members)}</b> thành viên đã tham gia hướng dẫn với tổng số "
            f"<b>{format_value(hours, 'hours')}</b> giờ."
        )
    return ""


def _chart_after(report: CommuneReport, key: str) -> Drawing | None:
    """The chart drawn under a table, if it has one."""
    if key == "people.target_group":
        return _compare_chart(
            report.table(key), "people_", "Số người được hỗ trợ theo nhóm đối tượng", report
        )
    if key == "people.age":
        return _compare_chart(
            report.table(key), "people_", "Số người được hỗ trợ theo độ tuổi", report
        )
    if key == "skills.group":
        t = report.table(key)
        items = t.items()
        h, i = t.column_index("helped_cur"), t.column_index("indep_cur")
        return bar_chart(
            [r.vi for r in items],
            [
                ("Được hướng dẫn", [float(r.values[h] or 0) for r in items], CURRENT),
                ("Tự làm được", [float(r.values[i] or 0) for r in items], SECOND),
            ],
            title=f"Số người theo nhóm kỹ năng, {report.period.short('vi')}",
        )
    if key == "identity.village":
        t = report.table(key)
        rows = [r for r in t.items() if r.values[0]]
        if not rows:
            return None
        return bar_chart(
            [r.vi for r in rows],
            [
                ("Được hướng dẫn VNeID", [float(r.values[2] or 0) for r in rows], PREVIOUS),
                ("Tự kích hoạt mức 2", [float(r.values[4] or 0) for r in rows], CURRENT),
            ],
            title="Tỷ lệ so với dân số từ 16 tuổi theo thôn, xóm (lũy kế)",
            percent=True,
        )
    return None


def _recipients(report: CommuneReport) -> list[str]:
    province = report.province_name or "tỉnh"
    prov = province if province.lower().startswith(("tỉnh", "thành phố")) else f"tỉnh {province}"
    return [
        f"- UBND {prov} (qua Sở Khoa học và Công nghệ);",
        "- Sở Khoa học và Công nghệ;",
        f"- Thường trực Đảng ủy, HĐND {report.commune_name};",
        "- Chủ tịch, các Phó Chủ tịch UBND;",
        "- Lưu: VT.",
    ]


def _story(
    report: CommuneReport, day: date | None, number: str, signer_name: str
) -> list[Flowable]:
    st = _styles()
    header = CommuneHeader(report.commune_code, report.commune_name, report.province_name)
    story: list[Flowable] = [ReportHeader(header, day, number), Spacer(1, 7 * mm)]
    story.append(Paragraph("BÁO CÁO", st["title"]))
    story.append(
        Paragraph(
            "Kết quả thực hiện Phong trào “Bình dân học vụ số”<br/>"
            f"{esc(report.period.label('vi'))}",
            st["subtitle"],
        )
    )
    story.append(_Rule(30 * mm))
    story.append(Spacer(1, 3 * mm))
    province = report.province_name or ""
    prov = province if province.lower().startswith(("tỉnh", "thành phố")) else f"tỉnh {province}"
    story.append(
        Paragraph(
            f"Kính gửi: UBND {esc(prov)} (qua Sở Khoa học và Công nghệ).",
            st["center"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    p = report.period
    story.append(
        Paragraph(
            f"Thực hiện Kế hoạch triển khai Phong trào “Bình dân học vụ số” của UBND "
            f"{esc(prov)}, UBND {esc(report.commune_name)} báo cáo kết quả thực hiện "
            f"{esc(p.label('vi'))} (từ ngày {p.date_from:%d/%m/%Y} đến ngày {p.date_to:%d/%m/%Y})"
            f" như sau. Số liệu được tổng hợp từ sổ theo dõi điện tử của xã (phần mềm hocvuso), "
            f"so sánh với {esc(report.previous.label('vi'))} và lũy kế từ ngày "
            f"{report.year_to_date.date_from:%d/%m/%Y}.",
            st["indent"],
        )
    )
    charts = 0
    for sec in report.sections:
        block: list[Flowable] = [
            Paragraph(f"{sec.number}. {esc(sec.title_vi.upper())}", st["section"])
        ]
        lead = _lead(report, sec.number)
        if lead:
            block.append(Paragraph(lead, st["indent"]))
        story.append(CondPageBreak(45 * mm))
        for i, t in enumerate(sec.tables, start=1):
            shown = _for_print(t)
            head = Paragraph(f"{i}. {esc(t.title_vi)}", st["table_title"])
            parts: list[Flowable] = [head, _table(shown, st)]
            if shown is not t:
                parts.append(
                    Paragraph(
                        "Ghi chú: không liệt kê các kỹ năng chưa có số liệu (xem bản Excel).",
                        st["note"],
                    )
                )
            if t.note_vi:
                parts.append(Paragraph(f"Ghi chú: {esc(t.note_vi)}", st["note"]))
            # The section's heading and lead stay with its first table (or its first lines).
            lead_in, block = block, []
            if len(shown.rows) <= 9:
                story.append(KeepTogether(lead_in + parts))
            else:
                story.append(CondPageBreak(40 * mm))
                story.append(KeepTogether([*lead_in, head]))
                story += parts[1:]
            chart = _chart_after(report, t.key)
            if chart is not None:
                charts += 1
                story.append(Spacer(1, 2 * mm))
                story.append(KeepTogether([chart, Paragraph(f"Biểu đồ {charts}", st["caption"])]))
    n = len(report.sections)
    remarks = [
        Paragraph(f"{_roman(n + 1)}. KHÓ KHĂN, VƯỚNG MẮC; ĐỀ XUẤT, KIẾN NGHỊ", st["section"]),
    ]
    remarks.append(_DotLines(5))
    story.append(KeepTogether(remarks))
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện Phong trào “Bình dân học vụ số” "
            f"{esc(p.label('vi'))} của UBND {esc(report.commune_name)}./.",
            st["indent"],
        )
    )
    story.append(Spacer(1, 5 * mm))
    left: list[Flowable] = [Paragraph("<i>Nơi nhận:</i>", st["recipients_head"])]
    left += [Paragraph(esc(line), st["recipients"]) for line in _recipients(report)]
    right: list[Flowable] = [
        Paragraph("TM. ỦY BAN NHÂN DÂN", st["sign"]),
        Paragraph("CHỦ TỊCH", st["sign"]),
        Paragraph("(Ký, ghi rõ họ tên, đóng dấu)", st["sign_note"]),
        Spacer(1, 24 * mm),
        Paragraph(esc(signer_name), st["sign"]),
    ]
    sign = Table([[left, right]], colWidths=[WIDTH * 0.47, WIDTH * 0.53])
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


def _for_print(t: ReportTable) -> ReportTable:
    """The per-skill table without the skills nobody was helped with (41 lines otherwise)."""
    if t.key != "skills.skill":
        return t
    rows = tuple(r for r in t.rows if any(r.values))
    return t if len(rows) == len(t.rows) else replace(t, rows=rows)


class _DotLines(Flowable):  # type: ignore[misc]
    """Dotted lines across the text width, to be written on by hand."""

    def __init__(self, lines: int, gap: float = 8 * mm) -> None:
        super().__init__()
        self.lines, self.gap = lines, gap

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


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[n - 1]


class _Rule(Flowable):  # type: ignore[misc]
    """The short centred line under an administrative title."""

    def __init__(self, length: float) -> None:
        super().__init__()
        self.length = length

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._aw = aW
        return aW, 4

    def draw(self) -> None:
        c: Any = self.canv
        c.setLineWidth(0.6)
        x = (self._aw - self.length) / 2
        c.line(x, 2, x + self.length, 2)


def write_report_pdf(
    report: CommuneReport,
    out: Path | BinaryIO,
    *,
    day: date | None = None,
    number: str = "",
    signer_name: str = "",
) -> int:
    """Draw the report (any thread) and return the number of pages. `day` is the date line
    (default: the day the report was computed); `number` fills "Số: …/BC-UBND"."""
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=f"Báo cáo Bình dân học vụ số {report.period.label('vi')} — {report.commune_name}",
        author=f"UBND {report.commune_name}",
        subject="Kết quả thực hiện Phong trào Bình dân học vụ số",
        creator="hocvuso",
        lang="vi-VN",
        invariant=True,
        initialFontName=SERIF,
    )
    when = day if day is not None else report.generated_at.date()
    doc.build(_story(report, when, number, signer_name), canvasmaker=numbered_canvas(page_number))
    pdf = buf.getvalue()
    if isinstance(out, Path):
        out.write_bytes(pdf)
    else:
        out.write(pdf)
    return int(doc.page)
