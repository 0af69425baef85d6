"""Preview, print and save printed documents (attendance sheets, learner cards, certificates)
from the desktop app.

A `DocumentJob` says how to make one PDF: `prepare` reads the database on the task runner's
database worker, `write` draws the PDF on the pool. `PdfPreviewDialog` runs both off the GUI
thread, shows the pages one at a time (rasterised with pypdfium2, since QtPdf is not part of
PySide6-Essentials), prints through QPrintDialog/QPrinter (painting runs on the pool too, which
Qt allows for QPrinter), and saves the exact bytes previewed as a PDF through the injectable
`Dialogs` file picker.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import pypdfium2
from PySide6.QtCore import QCoreApplication, QRect, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QResizeEvent, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.documents.cards import write_learner_cards
from app.documents.certificate import write_certificate
from app.documents.sheet import write_attendance_sheet
from app.errors import UserError
from app.installation import Installation
from app.services.printing import (
    CertificateData,
    CommuneHeader,
    PrintPerson,
    SheetData,
    card_people,
    certificate_data,
    commune_header,
    sheet_data,
)
from app.vntext import fold
from ui.desktop.dialogs import Dialogs
from ui.desktop.tasks import TaskRunner

PREVIEW_DPI = 110
PRINT_DPI_MAX = 300  # enough for 0.75 mm QR modules (8.9 dots each); keeps pages < 30 MB

# PDFium is not thread-safe: every use goes through this lock.
_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class DocumentJob:
    """How to make one document: read on the database worker, draw on the pool."""

    title: str
    suggested_name: str
    prepare: Callable[[], Any]
    write: Callable[[Any, BinaryIO], Any]
    name_for: Callable[[Any], str] | None = None  # a better file name once the data is read


@dataclass(frozen=True)
class PageImage:
    """A rasterised page as packed RGB bytes (safe to make off the GUI thread)."""

    width: int
    height: int
    rgb: bytes

    def to_qimage(self) -> QImage:
        img = QImage(self.rgb, self.width, self.height, 3 * self.width, QImage.Format.Format_RGB888)
        return img.copy()  # own the pixels: `rgb` may be freed


def page_count(pdf: bytes) -> int:
    with _PDFIUM:
        doc = pypdfium2.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def rasterise_page(pdf: bytes, index: int, dpi: float) -> PageImage:
    """One page as an RGB image at `dpi` (any thread)."""
    with _PDFIUM:
        doc = pypdfium2.PdfDocument(pdf)
        try:
            page = doc[index]
            try:
                pil = page.render(scale=dpi / 72).to_pil().convert("RGB")
            finally:
                page.close()
        finally:
            doc.close()
    return PageImage(pil.width, pil.height, pil.tobytes())


def make_pdf(job: DocumentJob, data: Any) -> bytes:
    buf = io.BytesIO()
    job.write(data, buf)
    return buf.getvalue()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page onto the printer, scaled to the full sheet; returns the page count.

    Runs on a pool thread (QPainter may paint on a QPrinter outside the GUI thread).
    """
    pages = page_count(pdf)
    dpi = min(max(printer.resolution(), 150), PRINT_DPI_MAX)
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(
            "print.printer",
            "Không mở được máy in. Hãy kiểm tra máy in rồi thử lại.",
            "Cannot open the printer. Check it and try again.",
        )
    try:
        for i in range(pages):
            if i:
                printer.newPage()
            img = rasterise_page(pdf, i, dpi).to_qimage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            scaled = img.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), img)
    finally:
        painter.end()
    return pages


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """The real print dialog (tests pass their own factory instead)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dlg = QPrintDialog(printer, parent)
    return printer if dlg.exec() == QDialog.DialogCode.Accepted else None


def _slug(text: str) -> str:
    return "-".join(fold(text).replace("'", "").split())[:60] or "hocvuso"


# -- jobs for the three documents ------------------------------------------------------------


def sheet_job(
    inst: Installation,
    session_id: str,
    *,
    people_ids: list[str] | None = None,
    from_session_id: str | None = None,
    village_id: str | None = None,
    blank_rows: int = 10,
) -> DocumentJob:
    def prepare() -> SheetData:
        with inst.db.session(inst.actor) as s:
            return sheet_data(
                s,
                session_id,
                people_ids=people_ids,
                from_session_id=from_session_id,
                village_id=village_id,
                commune_name=inst.commune_name,
                actor=inst.actor,
            )

    def write(data: SheetData, out: BinaryIO) -> Any:
        return write_attendance_sheet(
            data, out, blank_rows=blank_rows, officer_name=inst.officer.full_name
        )

    def name_for(data: SheetData) -> str:
        return f"diem-danh-{data.session.day:%Y-%m-%d}-{_slug(data.session.title)}.pdf"

    title = QCoreApplication.translate("PrintJobs", "Attendance sheet")
    return DocumentJob(title, "diem-danh.pdf", prepare, write, name_for)


def cards_job(
    inst: Installation, *, people_ids: list[str] | None = None, village_id: str | None = None
) -> DocumentJob:
    def prepare() -> tuple[list[PrintPerson], CommuneHeader]:
        with inst.db.session(inst.actor) as s:
            people = card_people(s, people_ids=people_ids, village_id=village_id, actor=inst.actor)
            if not people:
                raise UserError(
                    "print.no_people",
                    "Không có ai để in thẻ. Hãy chọn người học hoặc thôn/xóm khác.",
                    "There is nobody to print cards for. Choose people or another village.",
                )
            return people, commune_header(s, inst.commune_name)

    def write(data: tuple[list[PrintPerson], CommuneHeader], out: BinaryIO) -> Any:
        return write_learner_cards(data[0], data[1], out)

    def name_for(data: tuple[list[PrintPerson], CommuneHeader]) -> str:
        return f"the-nguoi-hoc-{len(data[0])}.pdf"

    title = QCoreApplication.translate("PrintJobs", "Learner cards")
    return DocumentJob(title, "the-nguoi-hoc.pdf", prepare, write, name_for)


def certificate_job(
    inst: Installation, person_id: str, *, issued: date | None = None
) -> DocumentJob:
    def prepare() -> CertificateData:
        with inst.db.session(inst.actor) as s:
            return certificate_data(
                s,
                person_id,
                issued=issued,
                commune_name=inst.commune_name,
                signer_name=inst.officer.full_name,
                actor=inst.actor,
            )

    def write(data: CertificateData, out: BinaryIO) -> Any:
        return write_certificate(data, out)

    def name_for(data: CertificateData) -> str:
        return f"giay-xac-nhan-{_slug(data.person.full_name)}-{data.issued:%Y-%m-%d}.pdf"

    title = QCoreApplication.translate("PrintJobs", "Skills certificate")
    return DocumentJob(title, "giay-xac-nhan.pdf", prepare, write, name_for)


# -- the dialog ------------------------------------------------------------------------------


class PdfPreviewDialog(QDialog):
    """Shows a document page by page, with Print and Save as PDF."""

    ready = Signal(int)  # the PDF is made: number of pages
    page_shown = Signal(int)  # a page image is on screen: its 0-based index
    printed = Signal(int)
    saved = Signal(str)
    failed = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        dialogs: Dialogs,
        job: DocumentJob,
        parent: QWidget | None = None,
        *,
        printer_factory: Callable[[QWidget | None], QPrinter | None] = choose_printer,
    ) -> None:
        super().__init__(parent)
        self.runner, self.dialogs, self.job = runner, dialogs, job
        self.printer_factory = printer_factory
        self.pdf: bytes | None = None
        self.result_info: Any = None
        self.pages = 0
        self.current = 0
        self.suggested_name = job.suggested_name
        self._closed = False
        self.setWindowTitle(self.tr("Preview: {title}").format(title=job.title))

        self.status = QLabel(self.tr("Preparing the document…"))
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName(self.tr("Page preview"))
        self.view = QScrollArea()
        self.view.setWidget(self.image)
        self.view.setWidgetResizable(True)
        self.view.setMinimumSize(560, 640)
        self._page = QPixmap()

        self.prev_btn = QPushButton(self.tr("Previous page"))
        self.next_btn = QPushButton(self.tr("Next page"))
        self.page_label = QLabel()
        self.page_label.setMinimumWidth(110)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_btn = QPushButton(self.tr("Actual size"))
        self.zoom_btn.setCheckable(True)
        self.zoom_btn.toggled.connect(lambda _on: self._fit())
        self.print_btn = QPushButton(self.tr("Print…"))
        self.save_btn = QPushButton(self.tr("Save as PDF…"))
        close_btn = QPushButton(self.tr("Close"))
        for b in (self.prev_btn, self.next_btn, self.print_btn, self.save_btn):
            b.setEnabled(False)
        self.prev_btn.clicked.connect(lambda: self.show_page(self.current - 1))
        self.next_btn.clicked.connect(lambda: self.show_page(self.current + 1))
        self.print_btn.clicked.connect(self.print_document)
        self.save_btn.clicked.connect(self.save_pdf)
        close_btn.clicked.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.show_page(self.current + 1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.show_page(self.current - 1))
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_pdf)

        nav = QHBoxLayout()
        nav.addWidget(self.prev_btn)
        nav.addWidget(self.page_label)
        nav.addWidget(self.next_btn)
        nav.addWidget(self.zoom_btn)
        nav.addStretch(1)
        nav.addWidget(self.print_btn)
        nav.addWidget(self.save_btn)
        nav.addWidget(close_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(self.view, 1)
        lay.addLayout(nav)

        self.runner.db(job.prepare, self._prepared, self._failed)

    # -- making the PDF ----------------------------------------------------------------------

    def _prepared(self, data: Any) -> None:
        if self._closed:
            return
        if self.job.name_for is not None:
            self.suggested_name = self.job.name_for(data)

        def make() -> tuple[bytes, Any, int, PageImage | None]:
            buf = io.BytesIO()
            info = self.job.write(data, buf)
            pdf = buf.getvalue()
            n = page_count(pdf)
            first = rasterise_page(pdf, 0, PREVIEW_DPI) if n else None
            return pdf, info, n, first

        self.runner.pool(make, self._made, self._failed)

    def _made(self, result: tuple[bytes, Any, int, PageImage | None]) -> None:
        if self._closed:
            return
        self.pdf, self.result_info, self.pages, first = result
        self.status.setText(self.tr("{pages} pages").format(pages=self.pages))
        self.print_btn.setEnabled(True)
        self.save_btn.setEnabled(True)
        self.ready.emit(self.pages)
        if first is not None:
            self._show_image(0, first)

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self.status.setText(self.tr("The document could not be made."))
        self.failed.emit(exc)
        if isinstance(exc, UserError):
            self.dialogs.user_error(self, exc)
            return
        raise exc

    # -- pages -------------------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        if self.pdf is None or not 0 <= index < self.pages:
            return
        pdf = self.pdf
        self.runner.pool(
            lambda: rasterise_page(pdf, index, PREVIEW_DPI),
            lambda img: self._show_image(index, img),
            self._failed,
        )

    def _show_image(self, index: int, img: PageImage) -> None:
        if self._closed:
            return
        self.current = index
        self._page = QPixmap.fromImage(img.to_qimage())
        self._fit()
        self.page_label.setText(
            self.tr("Page {page} of {pages}").format(page=index + 1, pages=self.pages)
        )
        self.prev_btn.setEnabled(index > 0)
        self.next_btn.setEnabled(index + 1 < self.pages)
        self.page_shown.emit(index)

    def _fit(self) -> None:
        """The whole page in the window, or the page at its preview resolution."""
        if self._page.isNull():
            return
        if self.zoom_btn.isChecked():
            self.image.setPixmap(self._page)
            return
        room = self.view.viewport().size()
        self.image.setPixmap(
            self._page.scaled(
                room,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    # -- print and save ----------------------------------------------------------------------

    def print_document(self) -> None:
        if self.pdf is None:
            return
        printer = self.printer_factory(self)
        if printer is None:
            return
        pdf = self.pdf
        self.print_btn.setEnabled(False)
        self.status.setText(self.tr("Printing…"))

        def done(pages: int) -> None:
            if self._closed:
                return
            self.print_btn.setEnabled(True)
            self.status.setText(self.tr("Sent {pages} pages to the printer.").format(pages=pages))
            self.printed.emit(pages)

        self.runner.pool(lambda: print_pdf(pdf, printer), done, self._failed)

    def save_pdf(self) -> None:
        if self.pdf is None:
            return
        path = self.dialogs.save_file(
            self, self.tr("Save as PDF"), self.suggested_name, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        pdf = self.pdf

        def write() -> str:
            try:
                target.write_bytes(pdf)
            except OSError:
                raise UserError(
                    "print.save",
                    f"Không lưu được tệp {target}. Hãy chọn thư mục khác.",
                    f"Cannot save {target}. Choose another folder.",
                ) from None
            return str(target)

        def done(saved: str) -> None:
            if self._closed:
                return
            self.status.setText(self.tr("Saved to {path}").format(path=saved))
            self.saved.emit(saved)

        self.runner.pool(write, done, self._failed)

    def done(self, r: int) -> None:
        self._closed = True
        super().done(r)


def open_preview(
    runner: TaskRunner, dialogs: Dialogs, job: DocumentJob, parent: QWidget | None = None
) -> PdfPreviewDialog:
    """Open a non-modal preview window for a document job (what a screen's Print action does)."""
    dlg = PdfPreviewDialog(runner, dialogs, job, parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    return dlg
