"""Crash reports and logs never hold personal data: an error whose message carries a name and
an ID number leaves neither in the report nor in the log; the crash handler catches errors in
the main thread and in worker threads and tells the officer in Vietnamese; only the newest
reports are kept, and the log file rotates.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui import crash
from ui.crash import crash_message, install_crash_handler, write_crash_report
from ui.logging_setup import (
    REDACTED,
    WITHHELD,
    get_logger,
    safe_arg,
    setup_logging,
    shutdown_logging,
)

NAME = "Nguyễn Thị Đào"
ID_NUMBER = "001190012345"
PHONE = "0912345678"


class RowRejected(Exception):
    """Stands in for a database error that quotes the row it failed on."""


def fail_with_personal_data() -> None:
    raise RowRejected(f"UNIQUE constraint failed: person {NAME}, id_number={ID_NUMBER}")


def assert_no_personal_data(text: str) -> None:
    for secret in (NAME, ID_NUMBER, PHONE, "Nguyen", "Đào", "012345"):
        assert secret not in text, secret


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOCVUSO_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the tests install is put back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


@pytest.fixture
def log_file(home: Path) -> Iterator[Path]:
    path = setup_logging()
    assert path is not None
    yield path
    shutdown_logging()


def test_report_holds_the_type_and_stack_but_no_message(tmp_path: Path) -> None:
    try:
        fail_with_personal_data()
    except RowRejected as e:
        report = write_crash_report(type(e), e.__traceback__, tmp_path)
    text = report.read_text("utf-8")
    assert_no_personal_data(text)
    assert "RowRejected" in text
    assert "test_crash.py" in text and "fail_with_personal_data" in text
    assert report.parent == tmp_path and report.name.startswith("crash-")


def test_only_the_newest_reports_are_kept(tmp_path: Path) -> None:
    made = [write_crash_report(ValueError, None, tmp_path, keep=5) for _ in range(9)]
    left = sorted(tmp_path.glob("crash-*.txt"))
    assert len(left) == 5
    assert left == sorted(made)[-5:]
    assert len(set(made)) == 9  # reports made in the same microsecond do not overwrite


def test_default_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crash, "MAX_REPORTS", 3)
    for _ in range(6):
        write_crash_report(ValueError, None, tmp_path)
    assert len(list(tmp_path.glob("crash-*.txt"))) == 3


def test_handler_reports_and_shows_an_error_in_the_main_thread(
    home: Path, hooks: None, log_file: Path
) -> None:
    shown: list[Path] = []
    install_crash_handler(shown.append)
    try:
        fail_with_personal_data()
    except RowRejected as e:
        sys.excepthook(type(e), e, e.__traceback__)
    assert len(shown) == 1
    report = shown[0]
    assert report.parent == home / "logs"
    assert_no_personal_data(report.read_text("utf-8"))
    log = log_file.read_text("utf-8")
    assert "unexpected error RowRejected" in log and report.name in log
    assert_no_personal_data(log)


def test_the_same_error_repeating_makes_one_report(home: Path, hooks: None) -> None:
    shown: list[Path] = []
    install_crash_handler(shown.append)
    for _ in range(5):  # e.g. a paint handler failing on every repaint
        try:
            fail_with_personal_data()
        except RowRejected as e:
            sys.excepthook(type(e), e, e.__traceback__)
    assert len(shown) == 1
    assert len(list((home / "logs").glob("crash-*.txt"))) == 1


def test_handler_catches_worker_thread_errors(home: Path, hooks: None) -> None:
    shown: list[Path] = []
    install_crash_handler(shown.append)
    worker = threading.Thread(target=fail_with_personal_data)
    worker.start()
    worker.join()
    assert len(shown) == 1
    text = shown[0].read_text("utf-8")
    assert "thread: worker" in text
    assert_no_personal_data(text)


def test_a_failing_dialog_does_not_hide_the_report(home: Path, hooks: None) -> None:
    def broken_show(_path: Path) -> None:
        raise RuntimeError("no display")

    handler = install_crash_handler(broken_show)
    report = handler.handle(RowRejected, None)
    assert report is not None and report.exists()


def test_the_message_is_vietnamese_and_says_what_to_do(tmp_path: Path) -> None:
    report = tmp_path / "logs" / "crash-1.txt"
    vi = crash_message(report)
    assert "Đã xảy ra lỗi không mong đợi" in vi
    assert "Dữ liệu đã lưu không bị mất" in vi
    assert "gửi tệp báo lỗi" in vi and "cán bộ hỗ trợ" in vi
    assert str(report) in vi
    en = crash_message(report, "en")
    assert "Saved data is not lost" in en and str(report) in en


def test_log_arguments_other_than_ids_and_counts_are_redacted(log_file: Path) -> None:
    log = get_logger("people")
    log.info("search returned %d rows for %s", 3, NAME)
    log.info("person %s checked in to %s", "01a21404-2595-7007-bdbf-b8965b45181e", "s-42")
    log.info("looked up %s", ID_NUMBER)
    log.info(f"typed by mistake into the template: {NAME}")
    log.warning("phone %s", PHONE)
    text = log_file.read_text("utf-8")
    assert_no_personal_data(text)
    assert f"search returned 3 rows for {REDACTED}" in text
    assert "person 01a21404-2595-7007-bdbf-b8965b45181e checked in to s-42" in text
    assert WITHHELD in text


def test_other_libraries_text_and_exception_messages_are_withheld(log_file: Path) -> None:
    logging.getLogger("sqlalchemy.engine").warning("INSERT INTO person VALUES (%s)", NAME)
    logging.getLogger("sqlalchemy.engine").info("SELECT %s", ID_NUMBER)  # below WARNING: dropped
    try:
        fail_with_personal_data()
    except RowRejected:
        get_logger("import").exception("import failed at row %d", 7)
    text = log_file.read_text("utf-8")
    assert_no_personal_data(text)
    assert f"sqlalchemy.engine: {WITHHELD}" in text
    assert "import failed at row 7" in text and "RowRejected" in text
    assert "fail_with_personal_data" in text


def test_safe_arg() -> None:
    assert safe_arg(12) == 12
    assert safe_arg("0003") == "0003"
    assert safe_arg("people.search") == "people.search"
    assert safe_arg(NAME) == REDACTED
    assert safe_arg(ID_NUMBER) == REDACTED
    assert safe_arg("C:\\Users\\dao\\hocvuso.db") == REDACTED
    assert safe_arg(Path("/home/dao")) == REDACTED


def test_the_log_rotates(tmp_path: Path) -> None:
    path = setup_logging(tmp_path, max_bytes=2_000, backups=2)
    assert path is not None
    try:
        log = get_logger("test")
        for i in range(400):
            log.info("line %d of the rotation test", i)
    finally:
        shutdown_logging()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["hocvuso.log", "hocvuso.log.1", "hocvuso.log.2"]
    assert all((tmp_path / f).stat().st_size <= 2_000 for f in files)
    assert "line 399 of the rotation test" in path.read_text("utf-8")


def test_setup_twice_keeps_one_handler(tmp_path: Path) -> None:
    before = len(logging.getLogger().handlers)
    try:
        setup_logging(tmp_path / "a")
        setup_logging(tmp_path / "b")
        assert len(logging.getLogger().handlers) == before + 1
    finally:
        shutdown_logging()
    assert len(logging.getLogger().handlers) == before


def test_an_unwritable_folder_turns_logging_off(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert setup_logging(blocker / "logs") is None
