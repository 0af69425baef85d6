"""The communes of the province the server serves (the 2025 reorganisation's commune-level
units, from the `vietnam-provinces` package), so that the console lists every commune by name,
including those that have not synced yet."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

DEFAULT_PROVINCE = "19"  # Thái Nguyên, the province of the plan this project comes from


@dataclass(frozen=True)
class CommuneName:
    code: str
    name: str


def province_code() -> str:
    """`HOCVUSO_SERVER_PROVINCE` (a province code such as 19), else Thái Nguyên."""
    return os.environ.get("HOCVUSO_SERVER_PROVINCE", DEFAULT_PROVINCE).strip() or DEFAULT_PROVINCE


@functools.cache
def _province(code: str) -> tuple[str, tuple[CommuneName, ...]]:
    from vietnam_provinces import Province, ProvinceCode, Ward

    try:
        pcode = ProvinceCode(int(code))
    except ValueError:
        return "", ()
    wards = tuple(
        CommuneName(f"{int(w.code):05d}", str(w.name)) for w in Ward.iter_by_province(pcode)
    )
    return str(Province.from_code(pcode).name), tuple(sorted(wards, key=lambda c: c.code))


def province_name() -> str:
    return _province(province_code())[0]


def province_communes() -> tuple[CommuneName, ...]:
    return _province(province_code())[1]


@functools.cache
def commune_name(code: str) -> str:
    """'Xã Phong Quang' for '01849'; '' for a code no list knows."""
    for c in province_communes():
        if c.code == code:
            return c.name
    from vietnam_provinces import Ward, WardCode

    try:
        return str(Ward.from_code(WardCode(int(code))).name)
    except ValueError:
        return ""
