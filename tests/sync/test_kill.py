"""The sync client killed (SIGKILL) at random moments during a sync, then started again:
the server ends up with exactly the laptop's records, as without the kills."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from app.installation import Installation, open_installation
from app.models import Outbox
from sync.client import SyncEngine
from tests.conftest import PASSWORD
from tests.sync.conftest import FAST, enrol_with
from tests.sync.harness import ServerThread, client_set, make_activity, server_set
from tests.sync.proxy import FaultProxy

ROOT = Path(__file__).resolve().parents[2]


def _spawn(db: Path, url: str, seed: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync.kill_child", str(db), url, str(seed)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_client_killed_at_random_points_converges(
    inst: Installation, server: ServerThread, db_path: Path
) -> None:
    # Latency on every request keeps each sync running long enough to be killed inside it.
    proxy = FaultProxy(server.port, latency=0.04)
    try:
        enrol_with(inst, server, url=proxy.url)
        make_activity(inst, random.Random(1), n=30)
        inst.close()  # the child processes own the database from here on
        rng = random.Random(20261125)
        killed = 0
        for i in range(5):
            child = _spawn(db_path, proxy.url, seed=100 + i)
            assert child.stdout is not None
            # Kill after a random number of progress lines (each is a batch about to be sent
            # or a recovery step), plus a random few milliseconds: claim, send, apply, commit.
            lines = rng.randint(0, 8)
            seen = 0
            while seen <= lines:
                line = child.stdout.readline()
                if not line or line.startswith(b"result"):
                    break
                if not line.startswith(b"open"):
                    seen += 1
            time.sleep(rng.uniform(0, 0.08))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                killed += 1
            _out, err = child.communicate(timeout=60)
            assert b"Traceback" not in err, err.decode(errors="replace")
        assert killed >= 3
        # Restarted one last time without being killed: everything converges.
        done = _spawn(db_path, proxy.url, seed=999)
        out, err = done.communicate(timeout=90)
        assert done.returncode == 0, err.decode(errors="replace")
        assert b"result ok" in out, out
        assert proxy.idle()
        again = open_installation(db_path, PASSWORD)
        try:
            report = SyncEngine(again.db, config=FAST).run_once(max_wait=20)
            assert report.ok and report.sent == 0
            assert server_set(server.engine) == client_set(again.db)
            with again.db.session() as s:
                states = set(s.scalars(select(Outbox.state).distinct()))
                n = s.scalar(select(func.count()).select_from(Outbox))
            assert states == {"acked"} and n
        finally:
            again.close()
    finally:
        proxy.close()
