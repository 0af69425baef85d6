"""Desktop entry point: Qt application, translations, first-run set-up, login and the window.

This is the minimal desktop shell of the Foundation: set-up of a new commune database, login
with growing delays after wrong passwords, and a main window with the commune's figures and a
people search. The full daily workflow is built on top of it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.reference import resources_dir


def install_translator(app: QApplication, lang: str) -> QTranslator | None:
    """English is the source language of the interface; Vietnamese comes from hocvuso_vi.qm."""
    if lang.startswith("en"):
        return None
    translator = QTranslator(app)
    qm = resources_dir() / "i18n" / "hocvuso_vi.qm"
    if translator.load(str(qm)):
        app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        return translator
    return None


def load_fonts(app: QApplication) -> None:
    fonts = resources_dir() / "fonts"
    family = None
    for ttf in sorted(fonts.glob("*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(ttf))
        fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        if fams and family is None:
            family = fams[0]
    if family:
        app.setFont(QFont(family, 10))


def make_app(lang: str = "vi") -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    QCoreApplication.setOrganizationName("hocvuso")
    QCoreApplication.setApplicationName("hocvuso")
    load_fonts(app)
    install_translator(app, lang)
    return app


def run_desktop(db_path: Path, lang: str = "vi") -> int:
    from ui.desktop.shell import Shell

    app = make_app(lang)
    shell = Shell(db_path)
    if not shell.start():
        return 0
    return app.exec()
