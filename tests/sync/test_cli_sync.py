"""The sync commands of `hocvuso` (ui/cli_sync.py, wired the way ui.cli wires commands) and the
`hocvuso-server` admin commands, against a real server."""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from app.errors import UserError
from app.installation import Installation
from app.models import Person
from app.reference import data_file
from sync.server import cli as server_cli
from sync.server.enrol import issue_code
from tests.conftest import COMMUNE, PASSWORD
from tests.sync.harness import ServerThread, client_set, make_activity, server_set
from ui.cli import Cli
from ui.cli_sync import EXIT_PENDING, EXIT_PROBLEM, EXIT_UNREACHABLE, add_sync_commands

ROOT = Path(__file__).resolve().parents[2]


def _parser() -> argparse.ArgumentParser:
    """The global options of ui.cli plus the sync commands, registered as ui.cli does."""
    p = argparse.ArgumentParser(prog="hocvuso")
    p.add_argument("--db")
    p.add_argument("--user", default=None)
    p.add_argument("--password-file")
    p.add_argument("--lang", choices=["vi", "en"], default=None)
    sub = p.add_subparsers(dest="command")

    def add(name: str, fn: Callable[[Cli], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        sp.set_defaults(func=fn)
        return sp

    add_sync_commands(add)
    return p


def hv(db: Path, *args: str) -> int:
    ns = _parser().parse_args(["--db", str(db), *args])
    func: Callable[[Cli], int] = ns.func
    cli = Cli(ns)
    try:
        return func(cli)
    except UserError as e:  # as ui.cli.main does
        cli.err(e.text(cli.lang))
        return 1


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOCVUSO_PASSWORD", PASSWORD)


def test_enroll_sync_issues_and_exit_codes(
    inst: Installation, server: ServerThread, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_activity(inst, random.Random(1), n=3)
    with inst.db.session(inst.actor) as s:
        s.add(
            Person(
                full_name="Ma Thị Mây",
                search_key="ma thi may",
                sort_key="may",
                target_group="citizen",
                ethnicity="Tày",
                guardian_consent=False,
                notes="",
            )
        )
    inst.close()
    code = issue_code(server.engine, COMMUNE).code
    assert hv(db_path, "--lang", "en", "enroll", "--server", server.url, "--code", code) == 0
    assert "enrolled" in capsys.readouterr().out
    assert hv(db_path, "sync", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["quarantined"] == 1 and report["pending"] == 0 and report["ok"] is True
    assert hv(db_path, "sync-issues", "--json") == 0
    [issue] = json.loads(capsys.readouterr().out)
    assert issue["label"] == "Ma Thị Mây" and issue["reasons"][0]["code"] == "person.consent"
    assert hv(db_path, "sync-issues") == 0
    assert "Nghị định 356" in capsys.readouterr().out
    assert hv(db_path, "sync") == 0
    out = capsys.readouterr().out
    assert "Đã gửi: 0" in out and "sync-issues" in out
    assert hv(db_path, "sync-resend", issue["record_id"]) == 0
    assert hv(db_path, "sync-status", "--json") == 0
    capsys.readouterr()
    assert hv(db_path, "--lang", "en", "sync-status") == 0
    assert "Pending: 1" in capsys.readouterr().out
    # A bad record that stays refused leaves nothing pending: exit 0, and it is listed again.
    assert hv(db_path, "sync") == 0
    capsys.readouterr()
    from app.installation import open_installation

    again = open_installation(db_path, PASSWORD)
    try:
        held = server_set(server.engine)
        assert held == {r for r in client_set(again.db) if r[0] != issue["record_id"]}
    finally:
        again.close()


def test_sync_exit_codes_unreachable_revoked_and_pending(
    inst: Installation, server: ServerThread, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_activity(inst, random.Random(2), n=2)
    inst.close()
    assert hv(db_path, "sync") == 1  # not enrolled: a user error
    capsys.readouterr()
    code = issue_code(server.engine, COMMUNE).code
    assert hv(db_path, "enroll", "--server", server.url, "--code", code) == 0
    # Make the stored address point nowhere: unreachable.
    from app.installation import open_installation
    from app.sync_state import SyncServer

    inst2 = open_installation(db_path, PASSWORD)
    with inst2.db.session() as s:
        row = s.get(SyncServer, 1)
        assert row is not None
        device_id, row.url = row.device_id, "http://127.0.0.1:9"
    inst2.close()
    assert hv(db_path, "sync", "--max-wait", "0.3") == EXIT_UNREACHABLE
    assert "Không kết nối được" in capsys.readouterr().err
    inst2 = open_installation(db_path, PASSWORD)
    with inst2.db.session() as s:
        row = s.get(SyncServer, 1)
        assert row is not None
        row.url = server.url
    inst2.close()
    from sync.server.enrol import revoke

    revoke(server.engine, device_id)
    assert hv(db_path, "--lang", "en", "sync") == EXIT_PROBLEM
    assert "revoked" in capsys.readouterr().err
    assert EXIT_PENDING == 4


def _server(db: Path, *args: str) -> tuple[int, Any]:
    return server_cli.main(["--db-url", f"sqlite:///{db}", *args]), None


def test_server_admin_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "server.db"
    assert (
        server_cli.main(["--db-url", f"sqlite:///{db}", "enroll-code", "--commune", COMMUNE]) == 0
    )
    out = capsys.readouterr().out
    assert "Mã đăng ký / enrolment code:" in out and "█" in out  # the terminal QR
    assert (
        server_cli.main(["--db-url", f"sqlite:///{db}", "enroll-code", "--commune", "1", "--json"])
        == 1
    )
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "commune.invalid"
    assert (
        server_cli.main(
            ["--db-url", f"sqlite:///{db}", "enroll-code", "--commune", COMMUNE, "--json"]
        )
        == 0
    )
    issued = json.loads(capsys.readouterr().out)
    assert issued["commune_code"] == COMMUNE and len(issued["code"]) == 14
    csv_path = tmp_path / "cat.csv"
    csv_path.write_text(data_file("skills_catalogue.csv").read_text("utf-8"), "utf-8")
    meta = str(data_file("catalogue_meta.json"))
    args = [
        "--db-url",
        f"sqlite:///{db}",
        "publish-catalogue",
        str(csv_path),
        "--version",
        "2027.1",
    ]
    assert server_cli.main([*args, "--meta", meta, "--json"]) == 0
    pub = json.loads(capsys.readouterr().out)
    assert pub["version"] == "2027.1" and pub["skills"] > 30 and pub["seq"] == 1
    assert server_cli.main([*args, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "catalogue.exists"
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name_vi,name_en,tt02_component,group\nX1,a,b,9.9,g\n", "utf-8")
    assert (
        server_cli.main(
            ["--db-url", f"sqlite:///{db}", "publish-catalogue", str(bad), "--version", "x"]
        )
        == 1
    )
    assert "9.9" in capsys.readouterr().err
    assert server_cli.main(["--db-url", f"sqlite:///{db}", "devices", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert server_cli.main(["--db-url", f"sqlite:///{db}", "revoke", "nope", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "device.unknown"
    assert server_cli.main(["--db-url", f"sqlite:///{db}", "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_server_stats_devices_and_revoke_after_a_sync(
    enrolled: Installation, server: ServerThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sync.client import SyncEngine

    make_activity(enrolled, random.Random(3), n=3)
    assert SyncEngine(enrolled.db).run_once(max_wait=20).ok
    url = server.settings.db_url
    assert server_cli.main(["--db-url", url, "stats", "--json"]) == 0
    [stats] = json.loads(capsys.readouterr().out)
    assert stats["commune_code"] == COMMUNE and stats["records"]["person"] >= 3
    assert stats["devices"] == 1 and stats["last_sync_at"] and stats["backlog"] == 0
    assert server_cli.main(["--db-url", url, "stats"]) == 0
    assert COMMUNE in capsys.readouterr().out
    assert server_cli.main(["--db-url", url, "devices", "--json"]) == 0
    [dev] = json.loads(capsys.readouterr().out)
    assert dev["id"] == enrolled.actor.device_id and dev["revoked_at"] is None
    assert server_cli.main(["--db-url", url, "revoke", dev["id"]]) == 0
    assert "revoked" in capsys.readouterr().out
    assert server_cli.main(["--db-url", url, "devices"]) == 0
    assert "REVOKED" in capsys.readouterr().out


def test_hocvuso_server_serve_runs_with_no_setup(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    env.pop("HOCVUSO_SERVER_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.server.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                r = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        assert r.json()["ok"] is True
        assert (tmp_path / "hocvuso-server" / "server.db").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
