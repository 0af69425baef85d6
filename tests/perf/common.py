"""Shared pieces of the benchmarks: result rows, the printed table, percentiles, fresh
installations in a scratch directory."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.installation import Installation, init_installation
from app.keystore import FAST_KDF

COMMUNE = "01840"  # Phường Đức Xuân, Thái Nguyên
PASSWORD = "matkhau123"


@dataclass(frozen=True)
class Result:
    """One measurement against a baseline measured in the same run."""

    bench: str
    measurement: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["ratio"] = self.ratio
        return d


def fmt(v: float | None, unit: str = "") -> str:
    if v is None:
        return "-"
    if unit == "ms":
        return f"{v:.2f} ms"
    if unit == "s":
        return f"{v:.2f} s"
    if unit == "MB":
        return f"{v:.1f} MB"
    if unit == "rows/s":
        return f"{v:,.0f} rows/s"
    return f"{v:,.2f} {unit}".strip()


def print_table(title: str, results: list[Result]) -> None:
    header = ("measurement", "value", "baseline (same run)", "ratio", "target")
    rows = [
        (
            r.measurement,
            fmt(r.value, r.unit),
            f"{fmt(r.baseline, r.unit)} {r.baseline_name}".strip()
            if r.baseline is not None
            else "-",
            f"{r.ratio:.2f}x" if r.ratio is not None else "-",
            r.target,
        )
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    line = "  ".join("-" * w for w in widths)
    print(f"\n== {title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values)


def new_installation(workdir: Path, name: str) -> Installation:
    inst, _recovery = init_installation(
        workdir / name / "hocvuso.db", COMMUNE, "Nguyễn Văn Đức", PASSWORD, kdf=FAST_KDF
    )
    return inst


def file_mb(path: Path) -> float:
    return path.stat().st_size / 1e6 if path.exists() else 0.0
