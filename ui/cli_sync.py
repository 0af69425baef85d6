"""The command line's sync commands: enrol with the provincial server, sync, the sync status,
the records the server quarantined, and resending them. Registered into `ui.cli` through
`add_sync_commands(add)`; no Qt, no business logic beyond calling `sync/`.

Exit codes of `sync`: 0 everything acknowledged, 1 a problem the officer must fix (e.g. the
province revoked the device), 3 the server could not be reached, 4 records remain pending.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.client import SyncReport
    from ui.cli import Cli

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_UNREACHABLE = 3
EXIT_PENDING = 4

_NETWORK_CODES = frozenset({"sync.unreachable", "sync.timeout", "sync.bad_answer"})

AddFn = Callable[[str, Callable[["Cli"], int], str], argparse.ArgumentParser]


def _jsonable(value: Any) -> Any:
    from ui.cli import to_jsonable

    return to_jsonable(value)


def cmd_enroll(cli: Cli) -> int:
    from sync.client import enrol

    a = cli.args
    inst = cli.open()
    try:
        res = enrol(inst.db, a.server, a.code, ca_file=a.ca_file, max_wait=a.max_wait)
    finally:
        inst.close()
    if a.json:
        cli.json(res)
    else:
        cli.out(
            cli.t(
                f"Đã đăng ký máy này với máy chủ tỉnh {res.server_url} cho xã {res.commune_code}.",
                f"This laptop is enrolled with {res.server_url} for commune {res.commune_code}.",
            )
        )
    return EXIT_OK


def exit_code(report: SyncReport) -> int:
    if report.error is not None and (
        not report.reached_server or report.error.code in _NETWORK_CODES
    ):
        return EXIT_UNREACHABLE
    if report.error is not None:
        return EXIT_PROBLEM
    if report.pending:
        return EXIT_PENDING
    return EXIT_OK


def print_report(cli: Cli, r: SyncReport) -> None:
    rows = [
        ("Đã gửi", "Sent", r.sent),
        ("Máy chủ đã nhận", "Acknowledged", r.acknowledged),
        ("  trong đó đã có sẵn", "  of which duplicates", r.duplicates),
        ("  chờ bản ghi cha", "  waiting for a parent", r.backlog),
        ("Bị từ chối (cần sửa)", "Quarantined (to fix)", r.quarantined),
        ("Xung đột", "Conflicts", r.conflicts),
        ("Còn chờ gửi", "Still pending", r.pending),
        ("Danh mục tải về", "Pulled", r.pulled),
    ]
    if r.requeued:
        rows.append(("Gửi lại sau đối chiếu", "Re-queued by reconcile", r.requeued))
    for vi, en, n in rows:
        cli.out(f"{cli.t(vi, en)}: {n}")
    if r.issues_open:
        cli.out(
            cli.t(
                f"{r.issues_open} bản ghi cần xử lý: xem 'hocvuso sync-issues'.",
                f"{r.issues_open} records need attention: see 'hocvuso sync-issues'.",
            )
        )
    for w in r.warnings:
        cli.err(w.text(cli.lang))
    if r.error is not None:
        cli.err(r.error.text(cli.lang))


def cmd_sync(cli: Cli) -> int:
    from sync.client import SyncEngine, SyncProgress

    a = cli.args
    show = not a.json and sys.stderr.isatty()

    def progress(p: SyncProgress) -> None:
        if show and p.phase == "push":
            cli.err(cli.t(f"  đang gửi… {p.done}/{p.total}", f"  sending… {p.done}/{p.total}"))

    inst = cli.open()
    try:
        report = SyncEngine(inst.db, progress=progress).run_once(
            max_wait=a.max_wait, reconcile=a.reconcile
        )
    finally:
        inst.close()
    if a.json:
        cli.json({**_jsonable(report), "ok": report.ok})
    else:
        print_report(cli, report)
    return exit_code(report)


def cmd_sync_status(cli: Cli) -> int:
    from sync.issues import sync_status

    inst = cli.open()
    try:
        st = sync_status(inst.db)
    finally:
        inst.close()
    if cli.args.json:
        cli.json(st)
        return EXIT_OK
    if not st.enrolled:
        cli.out(cli.t("Chưa đăng ký với máy chủ tỉnh.", "Not enrolled with a provincial server."))
    else:
        last = st.last_success_at.strftime("%d/%m/%Y %H:%M") if st.last_success_at else "-"
        cli.out(f"{cli.t('Máy chủ', 'Server')}: {st.server_url}")
        cli.out(f"{cli.t('Còn chờ gửi', 'Pending')}: {st.pending}")
        cli.out(f"{cli.t('Bị từ chối', 'Quarantined')}: {st.quarantined}")
        cli.out(f"{cli.t('Xung đột', 'Conflicts')}: {st.conflicts}")
        cli.out(f"{cli.t('Lần đồng bộ thành công gần nhất', 'Last success')}: {last}")
        if st.last_error is not None:
            cli.out(f"{cli.t('Sự cố gần nhất', 'Last problem')}: {st.last_error.text(cli.lang)}")
    return EXIT_OK


def cmd_sync_issues(cli: Cli) -> int:
    from sync.issues import list_issues

    inst = cli.open()
    try:
        items = list_issues(inst.db)
    finally:
        inst.close()
    if cli.args.json:
        cli.json(items)
        return EXIT_OK
    if not items:
        cli.out(cli.t("Không có bản ghi nào cần xử lý.", "No records need attention."))
    for it in items:
        kind = (
            cli.t("bị từ chối", "rejected")
            if it.kind == "rejected"
            else cli.t("xung đột", "conflict")
        )
        cli.out(f"{it.record_id}\t{it.entity}\t{it.label}\t{kind}")
        for m in it.reasons:
            cli.out(f"    - {m.text(cli.lang)}")
    return EXIT_OK


def cmd_sync_resend(cli: Cli) -> int:
    from sync import issues

    a = cli.args
    inst = cli.open()
    try:
        if a.keep_mine:
            rev = issues.keep_mine(inst.db, inst.actor, a.record_id)
            text = cli.t(
                f"Sẽ gửi bản của máy này (phiên bản {rev}) ở lần đồng bộ tới.",
                f"This laptop's version (revision {rev}) will be sent on the next sync.",
            )
        elif a.use_server:
            issues.use_server_version(inst.db, a.record_id)
            text = cli.t("Đã chấp nhận bản trên máy chủ.", "The server's version was accepted.")
        else:
            n = issues.resend(inst.db, a.record_id)
            text = cli.t(
                f"Đã xếp {n} thay đổi vào hàng chờ gửi lại.", f"Queued {n} changes to send again."
            )
    finally:
        inst.close()
    cli.out(text)
    return EXIT_OK


def add_sync_commands(add: AddFn) -> None:
    """Register the sync commands with `ui.cli.build_parser`'s `add(name, fn, help)`."""
    sp = add("enroll", cmd_enroll, "đăng ký máy với máy chủ tỉnh / enrol with the province")
    sp.add_argument("--server", required=True, help="địa chỉ / URL, e.g. https://…")
    sp.add_argument("--code", required=True, help="mã đăng ký do tỉnh cấp / enrolment code")
    sp.add_argument("--ca-file", help="chứng chỉ của tỉnh / the province's CA certificate")
    sp.add_argument("--max-wait", type=float, default=60.0, help="giây / seconds")
    sp.add_argument("--json", action="store_true")

    sp = add("sync", cmd_sync, "đồng bộ với máy chủ tỉnh / sync with the provincial server")
    sp.add_argument(
        "--max-wait",
        type=float,
        default=60.0,
        help="thử lại tối đa (giây) / keep retrying for at most this many seconds",
    )
    sp.add_argument(
        "--reconcile", action="store_true", help="đối chiếu với máy chủ / compare with the server"
    )
    sp.add_argument("--json", action="store_true")

    sp = add("sync-status", cmd_sync_status, "tình trạng đồng bộ / sync status")
    sp.add_argument("--json", action="store_true")

    sp = add("sync-issues", cmd_sync_issues, "bản ghi bị từ chối / records the server refused")
    sp.add_argument("--json", action="store_true")

    sp = add("sync-resend", cmd_sync_resend, "gửi lại bản ghi đã sửa / resend a fixed record")
    sp.add_argument("record_id")
    choice = sp.add_mutually_exclusive_group()
    choice.add_argument(
        "--keep-mine", action="store_true", help="xung đột: giữ bản của máy này / keep mine"
    )
    choice.add_argument(
        "--use-server", action="store_true", help="xung đột: dùng bản máy chủ / use the server's"
    )
