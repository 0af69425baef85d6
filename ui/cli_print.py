"""The printing commands of the `hocvuso` command line: `sheet`, `cards`, `certificate`.

`ui.cli.build_parser` wires them in with `add_print_commands(sub, add)`. Sessions and people
are given as a UUID or as the text of a scanned QR code; errors are `UserError`s in both
languages. The PDF is written to a temporary file beside the target and renamed into place, so
a failed run never leaves half a document.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from app.errors import UserError

AddFn = Callable[[str, Callable[[Any], int], str], argparse.ArgumentParser]


@contextmanager
def _pdf_target(out: str) -> Iterator[BinaryIO]:
    target = Path(out).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(
            "cli.out_folder",
            f"Không có thư mục {folder}. Hãy tạo thư mục hoặc chọn nơi lưu khác.",
            f"The folder {folder} does not exist. Create it or choose another place.",
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=".hocvuso-", suffix=".pdf", dir=folder)
    except OSError:
        raise UserError(
            "cli.out_write",
            f"Không ghi được vào thư mục {folder} (không có quyền?).",
            f"Cannot write to the folder {folder} (no permission?).",
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_sheet(cli: Any) -> int:
    from app.documents.sheet import render_attendance_sheet
    from app.services.printing import find_village_id, person_id_from, session_id_from

    a = cli.args
    if a.blank_rows < 0 or a.blank_rows > 500:
        raise UserError(
            "cli.blank_rows",
            "Số dòng trống phải từ 0 đến 500.",
            "The number of blank rows must be 0 to 500.",
        )
    inst = cli.open()
    try:
        with inst.db.session(inst.actor) as s:
            sid = session_id_from(s, a.session)
            people = [person_id_from(s, p) for p in a.person] if a.person else None
            from_sid = session_id_from(s, a.from_session) if a.from_session else None
            village = find_village_id(s, a.village) if a.village else None
            with _pdf_target(a.out) as f:
                info = render_attendance_sheet(
                    s,
                    sid,
                    f,
                    people_ids=people,
                    from_session_id=from_sid,
                    village_id=village,
                    blank_rows=a.blank_rows,
                    commune_name=inst.commune_name,
                    officer_name=inst.officer.full_name,
                    actor=inst.actor,
                )
    finally:
        inst.close()
    cli.out(
        cli.t(
            f"Đã in danh sách điểm danh: {len(info.rows)} người, {info.blank_rows} dòng trống, "
            f"{info.pages} trang → {a.out}",
            f"Attendance sheet written: {len(info.rows)} people, {info.blank_rows} blank rows, "
            f"{info.pages} pages → {a.out}",
        )
    )
    return 0


def cmd_cards(cli: Any) -> int:
    from app.documents.cards import render_learner_cards
    from app.services.printing import find_village_id, person_id_from

    a = cli.args
    inst = cli.open()
    try:
        with inst.db.session(inst.actor) as s:
            village = find_village_id(s, a.village) if a.village else None
            people = [person_id_from(s, p) for p in a.person] if a.person else None
            with _pdf_target(a.out) as f:
                info = render_learner_cards(
                    s,
                    f,
                    people_ids=people,
                    village_id=village,
                    commune_name=inst.commune_name,
                    actor=inst.actor,
                )
    finally:
        inst.close()
    cli.out(
        cli.t(
            f"Đã in {len(info.cards)} thẻ người học trên {info.pages} trang → {a.out}",
            f"{len(info.cards)} learner cards written on {info.pages} pages → {a.out}",
        )
    )
    return 0


def _issued(text: str | None) -> date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise UserError(
        "cli.date",
        f"Ngày '{text}' không hợp lệ. Nhập dạng NNNN-TT-NN hoặc NN/TT/NNNN.",
        f"The date '{text}' is not valid. Use YYYY-MM-DD or DD/MM/YYYY.",
    )


def cmd_certificate(cli: Any) -> int:
    from app.documents.certificate import render_certificate
    from app.services.printing import person_id_from

    a = cli.args
    issued = _issued(a.date)
    inst = cli.open()
    try:
        with inst.db.session(inst.actor) as s:
            pid = person_id_from(s, a.person)
            with _pdf_target(a.out) as f:
                info = render_certificate(
                    s,
                    pid,
                    f,
                    issued=issued,
                    commune_name=inst.commune_name,
                    signer_name=a.signer or inst.officer.full_name,
                    actor=inst.actor,
                )
    finally:
        inst.close()
    cli.out(
        cli.t(
            f"Đã in giấy xác nhận {info.skill_count} kỹ năng cho {info.full_name} → {a.out}",
            f"Certificate of {info.skill_count} skills written for {info.full_name} → {a.out}",
        )
    )
    return 0


def add_print_commands(sub: Any, add: AddFn) -> None:
    """Add `sheet`, `cards` and `certificate` with the `add(name, fn, help)` helper of
    `ui.cli.build_parser` (`sub` is its subparsers object, unused but kept for symmetry)."""
    sp = add("sheet", cmd_sheet, "in danh sách điểm danh / print an attendance sheet (PDF)")
    sp.add_argument("session", help="mã buổi học (UUID) hoặc mã QR đã quét / session id or code")
    sp.add_argument("--out", required=True, help="tệp PDF / PDF file")
    sp.add_argument(
        "--blank-rows", type=int, default=10, help="dòng trống cho người đến thêm / walk-in rows"
    )
    sp.add_argument(
        "--person",
        action="append",
        help="người có trong danh sách (lặp lại được) / a person on the list (repeatable)",
    )
    sp.add_argument(
        "--from-session", help="người đã dự buổi này / the attendees of this earlier session"
    )
    sp.add_argument("--village", help="người của thôn/xóm này / the people of this village")

    sp = add("cards", cmd_cards, "in thẻ người học / print learner cards (PDF)")
    sp.add_argument("--out", required=True, help="tệp PDF / PDF file")
    sp.add_argument("--village", help="chỉ thôn/xóm này / only this village")
    sp.add_argument(
        "--person", action="append", help="chỉ những người này / only these people (repeatable)"
    )

    sp = add(
        "certificate",
        cmd_certificate,
        "in giấy xác nhận kỹ năng số / print a skills certificate (PDF)",
    )
    sp.add_argument("person", help="mã người học (UUID) hoặc mã QR đã quét / person id or code")
    sp.add_argument("--out", required=True, help="tệp PDF / PDF file")
    sp.add_argument("--date", help="ngày cấp (mặc định hôm nay) / issue date (default today)")
    sp.add_argument("--signer", help="người ký / who signs (default: the logged-in officer)")
