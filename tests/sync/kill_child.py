"""Child process for the kill test: open the installation, do some officer work, then sync in
small batches until done. The parent kills it with SIGKILL at random moments.

Usage: python -m tests.sync.kill_child DB_PATH SERVER_URL SEED
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from app.installation import open_installation
from sync.client import SyncConfig, SyncEngine, SyncProgress
from sync.transport import RetryPolicy
from tests.conftest import PASSWORD
from tests.sync.harness import make_activity


def main(argv: list[str]) -> int:
    db_path, url, seed = Path(argv[0]), argv[1], int(argv[2])
    inst = open_installation(db_path, PASSWORD)
    print("open", flush=True)
    del url  # the server address is the one stored at enrolment
    try:
        make_activity(inst, random.Random(seed), n=5)

        def progress(p: SyncProgress) -> None:
            print(p.phase, p.done, flush=True)  # the parent kills us after a random line

        engine = SyncEngine(
            inst.db,
            progress=progress,
            config=SyncConfig(
                batch_records=5, connect_timeout=1, read_timeout=5, retry=RetryPolicy(0.02, 0.2)
            ),
        )
        report = engine.run_once(max_wait=30)
        print("result", "ok" if report.ok else "not-ok", report.sent, report.pending, flush=True)
        return 0
    finally:
        inst.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
