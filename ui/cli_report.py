"""Human-readable output of the longer CLI results (import plans, verification reports)."""

from __future__ import annotations

from typing import Any, Protocol


class Out(Protocol):
    lang: str

    def out(self, text: str) -> None: ...

    def t(self, vi: str, en: str) -> str: ...


def print_import(cli: Out, result: Any, *, dry_run: bool) -> None:
    lang = cli.lang
    if dry_run:
        plan = result
        cli.out(cli.t(f"Tệp: {plan.source}", f"File: {plan.source}"))
        if plan.legacy_encoding:
            cli.out(
                cli.t(
                    f"Phông chữ cũ {plan.legacy_encoding.upper()} được chuyển sang Unicode.",
                    f"Legacy {plan.legacy_encoding.upper()} text converted to Unicode.",
                )
            )
        for header, fieldname in plan.columns:
            cli.out(f"  {header} → {fieldname}")
        if plan.unknown_headers:
            cli.out(
                cli.t("Cột không dùng: ", "Columns not used: ") + ", ".join(plan.unknown_headers)
            )
        for n in plan.notices:
            cli.out("  ! " + n.text(lang))
        cli.out(
            cli.t(
                f"Hợp lệ: {len(plan.accepted)} dòng; bị từ chối: {len(plan.rejected)}; "
                f"có thể trùng: {len(plan.duplicates)}; thôn/xóm mới: {len(plan.new_villages)}",
                f"Valid: {len(plan.accepted)} rows; rejected: {len(plan.rejected)}; "
                f"likely duplicates: {len(plan.duplicates)}; new villages: "
                f"{len(plan.new_villages)}",
            )
        )
    else:
        cli.out(
            cli.t(
                f"Đã nhập {result.created} người; bỏ qua {result.skipped_duplicates} người có thể "
                f"trùng; thôn/xóm mới: {len(result.villages_created)}",
                f"Imported {result.created} people; skipped {result.skipped_duplicates} likely "
                f"duplicates; new villages: {len(result.villages_created)}",
            )
        )
    for r in result.rejected:
        reasons = "; ".join(m.text(lang) for m in r.reasons)
        cli.out(cli.t(f"  Dòng {r.row_number}: {reasons}", f"  Row {r.row_number}: {reasons}"))
    dups = result.duplicates if dry_run else result.skipped
    for d in dups:
        cli.out(cli.t(f"  Dòng {d.row_number}: ", f"  Row {d.row_number}: ") + d.message.text(lang))
    if dry_run and result.new_villages:
        cli.out(
            cli.t("Thôn/xóm sẽ được tạo: ", "Villages to create: ") + ", ".join(result.new_villages)
        )


def print_verify(cli: Out, report: Any) -> None:
    cli.out(
        cli.t(
            "Dữ liệu tốt." if report.ok else "CÓ VẤN ĐỀ:",
            "Data is OK." if report.ok else "PROBLEMS:",
        )
    )
    for p in report.problems:
        cli.out("  - " + p.text(cli.lang))
    cli.out(
        cli.t(
            f"Phiên bản cấu trúc: {report.current_revision} (mới nhất {report.head_revision})",
            f"Schema: {report.current_revision} (latest {report.head_revision})",
        )
    )
    for table, n in report.counts.items():
        cli.out(f"  {table}: {n}")
    cli.out(
        cli.t(
            f"Bản ghi chờ gửi lên tỉnh: {report.outbox_pending}",
            f"Records waiting to sync: {report.outbox_pending}",
        )
    )
