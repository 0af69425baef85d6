"""The province console in a real headless Chromium: it logs in (through a single-use login
link, which the server accepts only when started with `ConsoleOptions(test_login_links=True)`,
because a headless browser cannot be handed a session cookie on its command line), opens the
dashboard and saves a screenshot (into the test's temporary folder; set
HOCVUSO_SCREENSHOT_DIR=docs/screenshots to refresh the one the README shows).

Skipped when /usr/bin/chromium is missing (Debian: `apt-get install -y chromium`)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from app.installation import Installation
from sync.client import SyncEngine, enrol
from sync.server.console import auth
from sync.server.console.views import LINKS, ConsoleOptions
from sync.server.enrol import issue_code
from tests.conftest import COMMUNE
from tests.sync.conftest import FAST
from tests.sync.harness import ServerThread, make_activity

CHROMIUM = Path("/usr/bin/chromium")
SHOT_DIR = os.environ.get("HOCVUSO_SCREENSHOT_DIR")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium (/usr/bin/chromium) missing")
def test_dashboard_in_headless_chromium(inst: Installation, tmp_path: Path) -> None:
    srv = ServerThread(f"sqlite:///{tmp_path / 'server.db'}").start()
    try:
        srv.app.state.console_options = ConsoleOptions(insecure_cookies=True, test_login_links=True)
        enrol(inst.db, srv.url, issue_code(srv.engine, COMMUNE).code, config=FAST)
        rng = random.Random(3)
        for _ in range(3):
            make_activity(inst, rng, n=6)
        SyncEngine(inst.db, config=FAST).run_once(max_wait=30)
        for code in ("01843", "01846", "01849", "02014"):
            issue_code(srv.engine, code)
        uid = auth.add_user(srv.engine, "chromium-admin", "mật-khẩu-đủ-dài-1", "admin")
        link = f"{srv.url}/console/login-link?token={quote(LINKS.issue(uid))}"
        out = tmp_path / "shot.png"
        dom = subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={tmp_path / 'profile'}",
                "--window-size=1280,800",
                "--dump-dom",
                link,
            ],
            capture_output=True,
            text=True,
            timeout=90,
        )
        assert "Tổng quan các xã" in dom.stdout, dom.stderr[-2000:]
        assert f">{COMMUNE}</a>" in dom.stdout and ">02014</a>" in dom.stdout
        # The screenshot, logged in through a fresh single-use link (the first one is spent).
        link = f"{srv.url}/console/login-link?token={quote(LINKS.issue(uid))}"
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={tmp_path / 'profile2'}",
                "--window-size=1280,800",
                "--hide-scrollbars",
                f"--screenshot={out}",
                link,
            ],
            capture_output=True,
            timeout=90,
            check=True,
        )
        assert out.exists() and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert out.stat().st_size > 10_000
        if SHOT_DIR:
            Path(SHOT_DIR).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out, Path(SHOT_DIR) / "province-dashboard.png")
    finally:
        srv.stop()
