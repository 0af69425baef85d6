"""The `hocvuso` command line: set-up, demo data, search, import/export, backup and restore.

It drives the same services as the desktop app and never imports Qt, so it starts fast and
runs headless. With no command it starts the desktop app.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.errors import UserError
from ui.logging_setup import setup_logging
from ui.paths import default_db

EXIT_USER_ERROR = 1
EXIT_BUG = 70


class Cli:
    """State shared by the subcommands: parsed options and the output language."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.lang: str = args.lang or os.environ.get("HOCVUSO_LANG", "vi")
        self.db_path = Path(args.db) if args.db else default_db()

    def t(self, vi: str, en: str) -> str:
        return en if self.lang.startswith("en") else vi

    def password(self, *, confirm: bool = False) -> str:
        if self.args.password_file:
            try:
                return Path(self.args.password_file).read_text("utf-8").rstrip("\r\n")
            except OSError:
                raise UserError(
                    "cli.password_file",
                    f"Không đọc được tệp mật khẩu {self.args.password_file}.",
                    f"Cannot read the password file {self.args.password_file}.",
                ) from None
        env = os.environ.get("HOCVUSO_PASSWORD")
        if env:
            return env
        if not sys.stdin.isatty():
            raise UserError(
                "cli.no_password",
                "Cần mật khẩu: đặt HOCVUSO_PASSWORD, dùng --password-file, hoặc chạy trong "
                "cửa sổ dòng lệnh để nhập.",
                "A password is needed: set HOCVUSO_PASSWORD, use --password-file, or run in a "
                "terminal to type it.",
            )
        pw = getpass.getpass(self.t("Mật khẩu: ", "Password: "))
        if confirm and getpass.getpass(self.t("Nhập lại mật khẩu: ", "Repeat password: ")) != pw:
            raise UserError(
                "cli.password_mismatch",
                "Hai lần nhập mật khẩu không khớp.",
                "The two passwords do not match.",
            )
        return pw

    def open(self) -> Any:
        from app.installation import open_installation

        def progress(step: str, frac: float) -> None:
            if step not in ("done",):
                self.err(self.t(f"Đang nâng cấp dữ liệu ({step})…", f"Upgrading data ({step})…"))

        inst = open_installation(self.db_path, self.password(), self.args.user, progress=progress)
        self._auto_backup(inst)
        return inst

    def _auto_backup(self, inst: Any) -> None:
        """Rotating automatic backup (at most one per 12 hours); a failure only warns."""
        from app.backup import auto_backup

        try:
            made = auto_backup(inst)
        except UserError as e:
            self.err(self.t("Cảnh báo: ", "Warning: ") + e.text(self.lang))
            return
        if made is not None:
            self.err(self.t(f"Đã tự động sao lưu: {made.name}", f"Automatic backup: {made.name}"))

    def out(self, text: str) -> None:
        print(text, flush=True)

    def err(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def json(self, value: Any) -> None:
        print(json.dumps(to_jsonable(value), ensure_ascii=False, indent=1))


def to_jsonable(v: Any) -> Any:
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: to_jsonable(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if isinstance(v, dict):
        return {str(k): to_jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple | set | frozenset):
        return [to_jsonable(x) for x in v]
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, Path):
        return str(v)
    return v


# -- commands ----------------------------------------------------------------------------------


def cmd_init(cli: Cli) -> int:
    from app.installation import init_installation

    a = cli.args
    inst, recovery = init_installation(
        cli.db_path, a.commune, a.officer, cli.password(confirm=True)
    )
    try:
        cli.out(
            cli.t(
                f"Đã tạo dữ liệu cho {inst.commune_name} tại {cli.db_path}",
                f"Created the data for {inst.commune_name} at {cli.db_path}",
            )
        )
        cli.out(cli.t("Tên đăng nhập: ", "User name: ") + inst.officer.username)
        cli.out("")
        cli.out(
            cli.t(
                "MÃ KHÔI PHỤC (chỉ hiện một lần — chép ra giấy và cất nơi an toàn; dùng khi quên "
                "mật khẩu):",
                "RECOVERY KEY (shown only once — write it on paper and keep it safe; it opens "
                "the data if the password is forgotten):",
            )
        )
        cli.out(f"    {recovery}")
    finally:
        inst.close()
    return 0


def cmd_demo(cli: Cli) -> int:
    from app.demo import generate
    from app.installation import init_installation

    a = cli.args
    if cli.db_path.exists():
        inst = cli.open()
    else:
        inst, recovery = init_installation(
            cli.db_path, a.commune, "Cán bộ Thử Nghiệm", cli.password(confirm=True)
        )
        cli.out(cli.t(f"Mã khôi phục: {recovery}", f"Recovery key: {recovery}"))
    last = [-1]

    def progress(step: str, frac: float) -> None:
        pct = int(frac * 100)
        if pct // 10 != last[0] // 10:
            last[0] = pct
            cli.err(f"  {step}: {pct}%")

    try:
        summary = generate(inst, a.people, a.seed, progress=progress)
    finally:
        inst.close()
    if a.json:
        cli.json(summary)
    else:
        for k, v in dataclasses.asdict(summary).items():
            cli.out(f"{k}: {v}")
    return 0


def cmd_people_search(cli: Cli) -> int:
    from app.services.people import search_people

    inst = cli.open()
    try:
        with inst.db.session(inst.actor) as s:
            rows = search_people(s, cli.args.text, limit=cli.args.limit)
            from app.services.common import audit

            audit(s, inst.actor, "people.search", "person", None, f"results={len(rows)}")
    finally:
        inst.close()
    if cli.args.json:
        cli.json(rows)
        return 0
    if not rows:
        cli.out(cli.t("Không tìm thấy ai.", "Nobody found."))
    for p in rows:
        born = p.birth_date.strftime("%d/%m/%Y") if p.birth_date else (p.birth_year or "")
        cli.out(
            f"{p.full_name}\t{born}\t{p.id_number or ''}\t{p.phone or ''}\t"
            f"{p.village_name or ''}\t{p.id}"
        )
    return 0


def cmd_sessions_list(cli: Cli) -> int:
    from app.services.sessions import SessionFilter, list_sessions
    from app.vocab import FORMATS, SESSION_STATUSES, label

    a = cli.args
    inst = cli.open()
    try:
        with inst.db.session(inst.actor) as s:
            rows = list_sessions(
                s,
                SessionFilter(
                    month=a.month, programme_code=a.programme, format=a.format, status=a.status
                ),
            )
    finally:
        inst.close()
    if a.json:
        cli.json(rows)
        return 0
    if not rows:
        cli.out(cli.t("Chưa có buổi học nào.", "No sessions yet."))
    for r in rows:
        cli.out(
            f"{r.starts_at:%d/%m/%Y %H:%M}\t{label(FORMATS, r.format, cli.lang)}\t"
            f"{label(SESSION_STATUSES, r.status, cli.lang)}\t{r.attendee_count}\t{r.title}\t{r.id}"
        )
    return 0


def cmd_import(cli: Cli) -> int:
    from app.services.importing import plan_import, run_import

    a = cli.args
    path = Path(a.file)
    inst = cli.open()
    try:
        with inst.db.session(inst.actor) as s:
            if a.dry_run:
                result: Any = plan_import(s, inst.actor, path)
            else:
                result = run_import(s, inst.actor, path, allow_partial=a.partial)
    finally:
        inst.close()
    if a.json:
        cli.json(result)
        return 0
    from ui.cli_report import print_import

    print_import(cli, result, dry_run=a.dry_run)
    return 0


def cmd_export(cli: Cli) -> int:
    from app.services.exporting import export

    a = cli.args
    inst = cli.open()
    try:
        with inst.db.session(inst.actor) as s:
            n = export(s, inst.actor, a.what, a.format, Path(a.out))
    finally:
        inst.close()
    cli.out(cli.t(f"Đã xuất {n} dòng vào {a.out}", f"Exported {n} rows to {a.out}"))
    return 0


def cmd_backup(cli: Cli) -> int:
    from app.backup import make_backup

    inst = cli.open()
    try:
        info = make_backup(inst, Path(cli.args.out))
    finally:
        inst.close()
    cli.out(cli.t(f"Đã sao lưu vào {cli.args.out}", f"Backed up to {cli.args.out}"))
    if cli.args.json:
        cli.json(info)
    return 0


def cmd_restore(cli: Cli) -> int:
    from app.backup import restore_backup

    info = restore_backup(cli.db_path, Path(cli.args.file), cli.password(), cli.args.user)
    cli.out(
        cli.t(
            f"Đã khôi phục từ {cli.args.file}. Dữ liệu cũ được giữ lại trong thư mục backups.",
            f"Restored from {cli.args.file}. The previous data was kept in the backups folder.",
        )
    )
    if cli.args.json:
        cli.json(info)
    return 0


def cmd_verify(cli: Cli) -> int:
    from app.backup import verify

    inst = cli.open()
    try:
        report = verify(inst)
    finally:
        inst.close()
    if cli.args.json:
        cli.json(report)
    else:
        from ui.cli_report import print_verify

        print_verify(cli, report)
    return 0 if report.ok else 1


def cmd_desktop(cli: Cli) -> int:
    from ui.desktop.main import run_desktop

    # Only an explicit choice overrides the remembered or installation language.
    return run_desktop(cli.db_path, lang=cli.args.lang or os.environ.get("HOCVUSO_LANG"))


# -- parser ------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hocvuso",
        description="Sổ theo dõi Bình dân học vụ số cấp xã / commune digital-skills record book",
    )
    p.add_argument("--db", help=f"tệp dữ liệu / data file (mặc định / default: {default_db()})")
    p.add_argument(
        "--user", help="tên đăng nhập / user name", default=os.environ.get("HOCVUSO_USER")
    )
    p.add_argument("--password-file", help="đọc mật khẩu từ tệp / read the password from a file")
    p.add_argument("--lang", choices=["vi", "en"], default=None)
    sub = p.add_subparsers(dest="command")

    def add(name: str, fn: Callable[[Cli], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        sp.set_defaults(func=fn)
        return sp

    sp = add("init", cmd_init, "tạo dữ liệu mới cho một xã / set up a new commune database")
    sp.add_argument("--commune", required=True, help="mã xã 5 chữ số / 5-digit commune code")
    sp.add_argument("--officer", required=True, help="họ tên cán bộ / officer's full name")

    sp = add("demo", cmd_demo, "tạo dữ liệu mẫu / fill with synthetic demo data")
    sp.add_argument("--people", type=int, required=True)
    sp.add_argument("--seed", type=int, default=1)
    sp.add_argument("--commune", default="01840", help="khi tạo mới / when creating the file")
    sp.add_argument("--json", action="store_true")

    sp = add("people", lambda c: 2, "người học / people")
    psub = sp.add_subparsers(dest="people_command", required=True)
    ss = psub.add_parser("search", help="tìm người / search people")
    ss.set_defaults(func=cmd_people_search)
    ss.add_argument("text")
    ss.add_argument("--limit", type=int, default=50)
    ss.add_argument("--json", action="store_true")

    sp = add("sessions", lambda c: 2, "buổi học / sessions")
    ssub = sp.add_subparsers(dest="sessions_command", required=True)
    sl = ssub.add_parser("list", help="danh sách buổi học / list sessions")
    sl.set_defaults(func=cmd_sessions_list)
    sl.add_argument("--month", help="NNNN-TT / YYYY-MM")
    sl.add_argument("--programme")
    sl.add_argument("--format", choices=["class", "community", "home_visit", "online"])
    sl.add_argument("--status", choices=["planned", "held", "cancelled"])
    sl.add_argument("--json", action="store_true")

    sp = add("import-people", cmd_import, "nhập danh sách từ XLSX/CSV / import people")
    sp.add_argument("file")
    sp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra / check only")
    sp.add_argument(
        "--partial", action="store_true", help="nhập các dòng hợp lệ / import the valid rows only"
    )
    sp.add_argument("--json", action="store_true")

    sp = add("export", cmd_export, "xuất dữ liệu / export data")
    sp.add_argument("what", choices=["people", "sessions", "attendance", "skills"])
    sp.add_argument("--format", choices=["csv", "xlsx"], required=True)
    sp.add_argument("--out", required=True)

    sp = add("backup", cmd_backup, "sao lưu / back up")
    sp.add_argument("--out", required=True)
    sp.add_argument("--json", action="store_true")

    sp = add("restore", cmd_restore, "khôi phục từ bản sao lưu / restore a backup")
    sp.add_argument("file")
    sp.add_argument("--json", action="store_true")

    sp = add("verify", cmd_verify, "kiểm tra dữ liệu / check the data")
    sp.add_argument("--json", action="store_true")

    from ui.cli_print import add_print_commands
    from ui.cli_report_cmd import add_report_commands
    from ui.cli_sync import add_sync_commands

    add_print_commands(sub, add)
    add_report_commands(sub, add)
    add_sync_commands(add)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    cli = Cli(args)
    setup_logging()
    func: Callable[[Cli], int] = getattr(args, "func", cmd_desktop)
    try:
        return func(cli)
    except UserError as e:
        cli.err(e.text(cli.lang))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        cli.err(cli.t("Đã dừng.", "Stopped."))
        return 130
    except Exception as e:
        from ui.crash import write_crash_report

        report = write_crash_report(type(e), e.__traceback__)
        cli.err(
            cli.t(
                "Lỗi không mong đợi. Dữ liệu đã lưu không bị mất. Hãy gửi tệp báo lỗi này cho "
                f"bộ phận hỗ trợ (không chứa dữ liệu cá nhân): {report}",
                "Unexpected error. Saved data is not lost. Send this report to support (it "
                f"holds no personal data): {report}",
            )
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
