"""The `hocvuso-server` command: serve the sync API, and the province's admin commands
(enrolment codes, devices, revoking, publishing a catalogue, stats), each with `--json`."""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import logging
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from sync.server.db import default_db_url, open_database
from sync.server.errors import ApiError

EXIT_ERROR = 1


def _jsonable(v: Any) -> Any:
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: _jsonable(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, datetime):
        return v.isoformat()
    return v


def _print_json(v: Any) -> None:
    print(json.dumps(_jsonable(v), ensure_ascii=False, indent=1))


def _when(t: datetime | None) -> str:
    return "-" if t is None else t.astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    from sync.server.app import ServerSettings, create_app

    logging.basicConfig(
        level=getattr(logging, args.log_level.upper()),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    app = create_app(ServerSettings(db_url=url, rate_per_second=args.rate, rate_burst=args.burst))
    from sync.server.console.views import ConsoleOptions

    app.state.console_options = ConsoleOptions(insecure_cookies=args.insecure_cookies)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def cmd_enroll_code(args: argparse.Namespace, engine: Engine) -> int:
    from sync.server.enrol import issue_code

    issued = issue_code(engine, args.commune.strip(), hours=args.hours)
    if args.json:
        _print_json(issued)
        return 0
    print(f"Mã đăng ký / enrolment code: {issued.code}")
    print(f"Xã / commune: {issued.commune_code}")
    print(f"Hết hạn / expires: {_when(issued.expires_at)} (dùng một lần / single use)")
    import qrcode

    qr = qrcode.QRCode(border=1)
    qr.add_data(issued.code.replace("-", ""))
    buf = io.StringIO()
    qr.print_ascii(out=buf, invert=True)
    print(buf.getvalue(), end="")
    return 0


def cmd_devices(args: argparse.Namespace, engine: Engine) -> int:
    from sync.server.enrol import list_devices

    devices = list_devices(engine)
    if args.json:
        _print_json(devices)
        return 0
    if not devices:
        print("Chưa có thiết bị nào / no devices enrolled")
    for d in devices:
        state = "THU HỒI / REVOKED" if d.revoked_at else "hoạt động / active"
        skew = "-" if d.clock_skew_s is None else f"{d.clock_skew_s:+.0f}s"
        print(
            f"{d.id}\t{d.commune_code}\t{state}\tenrolled {_when(d.enrolled_at)}\t"
            f"last sync {_when(d.last_sync_at)}\tclock {skew}"
        )
    return 0


def cmd_revoke(args: argparse.Namespace, engine: Engine) -> int:
    from sync.server.enrol import revoke

    info = revoke(engine, args.device)
    if args.json:
        _print_json(info)
    else:
        print(f"Đã thu hồi thiết bị / revoked device {info.id} ({info.commune_code})")
    return 0


def cmd_publish(args: argparse.Namespace, engine: Engine) -> int:
    from sync.server.catalogue import publish_catalogue

    names: dict[str, str] = {}
    if args.meta:
        meta = json.loads(Path(args.meta).read_text("utf-8"))
        names = {g["code"]: g["name_en"] for g in meta.get("groups", [])}
    pub = publish_catalogue(engine, Path(args.file), args.version, group_names_en=names)
    if args.json:
        _print_json(pub)
    else:
        print(
            f"Đã công bố danh mục {pub.version} ({pub.skills} kỹ năng), số thứ tự {pub.seq}; "
            f"các máy nhận ở lần đồng bộ tới.\n"
            f"Published catalogue {pub.version} ({pub.skills} skills) as change {pub.seq}; "
            "devices get it on their next sync."
        )
    return 0


def cmd_stats(args: argparse.Namespace, engine: Engine) -> int:
    from sync.server.stats import commune_stats

    rows = commune_stats(engine)
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("Chưa có dữ liệu / no data yet")
    for s in rows:
        kinds = ", ".join(f"{k}={v}" for k, v in s.records.items()) or "-"
        print(
            f"{s.commune_code}\t{kinds}\tbacklog={s.backlog}\tquarantined={s.quarantined}\t"
            f"conflicts={s.conflicts}\tdevices={s.devices}\tlast sync {_when(s.last_sync_at)}"
        )
    return 0


def cmd_summaries(args: argparse.Namespace, engine: Engine) -> int:
    from sync.server.db import write_tx
    from sync.server.summary import check

    with write_tx(engine) as conn:
        result = check(conn, repair=args.rebuild)
    if args.json:
        _print_json(
            {"ok": result.ok, "rebuilt": result.rebuilt, "differences": list(result.differences)}
        )
    elif result.ok:
        print("Bảng tổng hợp khớp với bản ghi. / The summaries match the records.")
    else:
        for line in result.differences[:50]:
            print(line)
        print(
            (
                "Đã tính lại bảng tổng hợp từ bản ghi. / The summaries were rebuilt from the records."
                if result.rebuilt
                else "Bảng tổng hợp lệch với bản ghi: chạy lại với --rebuild. / "
                "The summaries differ from the records: run again with --rebuild."
            ),
            file=sys.stderr,
        )
    return 0 if result.ok or result.rebuilt else EXIT_ERROR


def cmd_report(args: argparse.Namespace, engine: Engine) -> int:
    from sync.server.console import report
    from sync.server.console.indicators import province_report
    from sync.server.console.queries import parse_quarter

    if parse_quarter(args.quarter) is None:
        print(
            f"Quý '{args.quarter}' không đúng dạng 2026-Q3. / "
            f"Quarter '{args.quarter}' is not like 2026-Q3.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    rep = province_report(engine, args.quarter)
    data = report.report_pdf(rep) if args.format == "pdf" else report.report_xlsx(rep)
    out = Path(args.out) if args.out else Path(report.report_filename(rep, args.format))
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    if args.json:
        _print_json({"file": str(out), "bytes": len(data), "communes": len(rep.communes)})
    else:
        print(f"{out} ({len(data):,} bytes, {len(rep.communes)} xã/communes)")
    return 0


def cmd_add_user(args: argparse.Namespace, engine: Engine) -> int:
    import getpass
    import os

    from sync.server.console.auth import UserError, add_user

    password = os.environ.get("HOCVUSO_SERVER_PASSWORD") or getpass.getpass("Mật khẩu / password: ")
    try:
        uid = add_user(engine, args.username, password, args.role)
    except UserError as e:
        print(f"Không tạo được người dùng / cannot create the user: {e}", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        _print_json({"id": uid, "username": args.username.strip(), "role": args.role})
    else:
        print(f"Đã lưu người dùng / saved staff user {args.username.strip()} ({args.role})")
    return 0


def cmd_migrate(args: argparse.Namespace, engine: Engine) -> int:
    from sync.server.db import current_revision

    rev = current_revision(engine)
    if args.json:
        _print_json({"revision": rev})
    else:
        print(f"Cơ sở dữ liệu ở phiên bản / database at revision {rev}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hocvuso-server",
        description="Máy chủ đồng bộ cấp tỉnh / provincial sync server for hocvuso",
    )
    p.add_argument(
        "--db-url",
        default=None,
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db "
        "(default: HOCVUSO_SERVER_DB or an SQLite file)",
    )
    sub = p.add_subparsers(dest="command", required=True)

    sp = sub.add_parser("serve", help="chạy máy chủ / run the server")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8470)
    sp.add_argument(
        "--rate", type=float, default=20.0, help="requests per second per device (0: no limit)"
    )
    sp.add_argument("--burst", type=int, default=60, help="requests a device may send at once")
    sp.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    sp.add_argument(
        "--insecure-cookies",
        action="store_true",
        help="console cookies without Secure, for plain-http local testing only",
    )

    sp = sub.add_parser("enroll-code", help="cấp mã đăng ký / issue an enrolment code")
    sp.add_argument("--commune", required=True, help="mã xã 5 chữ số / 5-digit commune code")
    sp.add_argument("--hours", type=float, default=72.0, help="hiệu lực (giờ) / valid for (hours)")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("devices", help="danh sách thiết bị / list devices")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("revoke", help="thu hồi thiết bị / revoke a device")
    sp.add_argument("device")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("publish-catalogue", help="công bố danh mục kỹ năng / publish a catalogue")
    sp.add_argument("file", help="CSV: code,name_vi,name_en,tt02_component,group")
    sp.add_argument("--version", required=True, help="phiên bản / version, e.g. 2027.1")
    sp.add_argument("--meta", help="catalogue_meta.json with the groups' English names")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("stats", help="số liệu theo xã / per-commune figures")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser(
        "summaries",
        help="kiểm tra bảng tổng hợp / check the console's summaries against the records",
    )
    sp.add_argument("--rebuild", action="store_true", help="tính lại / rebuild them")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("report", help="báo cáo quý toàn tỉnh / province quarterly report")
    sp.add_argument("--quarter", required=True, help="e.g. 2026-Q3")
    sp.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
    sp.add_argument("--out", help="tệp kết quả / output file")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("add-user", help="tạo người dùng bảng điều khiển / add a console user")
    sp.add_argument("username")
    sp.add_argument("--role", choices=["admin", "viewer"], required=True)
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("migrate", help="nâng cấp cơ sở dữ liệu / upgrade the database")
    sp.add_argument("--json", action="store_true")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = args.db_url or default_db_url()
    try:
        if args.command == "serve":
            return cmd_serve(args, url)
        engine = open_database(url)
        try:
            handler = {
                "enroll-code": cmd_enroll_code,
                "devices": cmd_devices,
                "revoke": cmd_revoke,
                "publish-catalogue": cmd_publish,
                "stats": cmd_stats,
                "summaries": cmd_summaries,
                "report": cmd_report,
                "migrate": cmd_migrate,
                "add-user": cmd_add_user,
            }[args.command]
            return handler(args, engine)
        finally:
            engine.dispose()
    except OperationalError:
        # Its text can hold the connection URL (with a password): say what to check instead.
        print(
            "Không kết nối được cơ sở dữ liệu của máy chủ; kiểm tra --db-url.\n"
            "Cannot connect to the server database; check --db-url.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except ApiError as e:
        if getattr(args, "json", False):
            print(json.dumps(e.body.to_json(), ensure_ascii=False, indent=1))
        else:
            print(f"{e.body.message_vi}\n{e.body.message_en}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
