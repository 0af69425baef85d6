"""Record identity and time stamps: UUIDv7 keys made on the device, and aware timestamps."""

from __future__ import annotations

import os
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta, timezone

_lock = threading.Lock()
_last_ms = 0
_seq = 0

# Vietnam does not observe DST; officers read local times in ICT.
ICT = timezone(timedelta(hours=7), "ICT")


def uuid7() -> str:
    """A UUIDv7 string (RFC 9562): time-ordered, so inserts stay index-friendly.

    A 12-bit counter in rand_a keeps ids made in the same millisecond monotonic.
    """
    global _last_ms, _seq
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            _seq += 1
            if _seq > 0xFFF:
                _last_ms += 1
                _seq = 0
            ms = _last_ms
        else:
            _last_ms = ms
            _seq = 0
        seq = _seq
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= seq << 64
    value |= 0b10 << 62
    value |= rand
    return str(uuid.UUID(int=value))


def uuid7_time(u: str) -> datetime:
    """The creation time embedded in a UUIDv7."""
    ms = uuid.UUID(u).int >> 80
    return datetime.fromtimestamp(ms / 1000, UTC)


def now() -> datetime:
    """Current time, aware, in the local offset of the device (ICT by default)."""
    return datetime.now(ICT)
