"""Run the foundation benchmarks: `python -m tests.perf [--people N] [--quick]`.

Not part of the pytest suite. Prints one table per benchmark (measurement, value, a baseline
measured in the same run, ratio) and writes everything to perf-results/foundation.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from tests.perf import bench_demo, bench_search
from tests.perf.common import print_table

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.perf", description=__doc__)
    ap.add_argument("--people", type=int, default=None, help="people to generate (200000)")
    ap.add_argument("--quick", action="store_true", help="20,000 people")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=None, help="keep the databases here")
    ap.add_argument("--out", type=Path, default=ROOT / "perf-results" / "foundation.json")
    args = ap.parse_args(argv)
    people = args.people or (20_000 if args.quick else 200_000)
    today = date(2026, 6, 30)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hocvuso-perf-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"hocvuso foundation benchmarks: {people:,} people, seed {args.seed}, in {workdir}")
    try:
        demo_results, inst = bench_demo.run(workdir, people, args.seed, today)
        print_table("a) demo data generation   c) database size", demo_results)
        try:
            search_results, search_detail = bench_search.run(inst, args.queries, args.seed)
        finally:
            inst.close()
        print_table("b) people search", search_results)
        print("slowest queries:")
        for q in search_detail["slowest"]:
            print(f"  {q['ms']:8.2f} ms  {q['kind']:7s} {q['query']!r}")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    report: dict[str, Any] = {
        "people": people,
        "seed": args.seed,
        "today": today.isoformat(),
        "python": sys.version.split()[0],
        "machine": platform.platform(),
        "seconds": round(time.perf_counter() - started, 1),
        "results": [r.as_json() for r in demo_results + search_results],
        "search": search_detail,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
