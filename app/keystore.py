"""The database key and its wrappings: one per officer (Argon2id) and one by the recovery key.

The SQLCipher database is encrypted with a random 256-bit key. That key never leaves memory
unwrapped. It is stored next to the database in a small JSON "key file", wrapped (AES-256-GCM)
once per officer under a key derived from the officer's password with Argon2id, and once under
the recovery key shown a single time at set-up. Wrong passwords earn growing delays, recorded in
the key file so that restarting the program does not reset them.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import UserError
from app.vntext import fold

FORMAT = 1
KEY_BYTES = 32
# Recovery keys are written by hand on paper: no 0/O/1/I/L confusion.
_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_RECOVERY_GROUPS = 6
_RECOVERY_GROUP_LEN = 5
MIN_PASSWORD_LEN = 8


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The defaults follow OWASP's 2024 minimums scaled for old laptops."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 2

    def as_dict(self) -> dict[str, int]:
        return {"t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    @staticmethod
    def from_dict(d: dict[str, Any]) -> KdfParams:
        return KdfParams(int(d["t"]), int(d["m"]), int(d["p"]))


# Used by tests and the demo command only; never by a real installation.
FAST_KDF = KdfParams(time_cost=1, memory_kib=8192, parallelism=1)


def delay_after(failures: int) -> float:
    """Seconds to wait before the next attempt after `failures` consecutive wrong passwords."""
    if failures < 3:
        return 0.0
    return float(min(2 ** (failures - 3), 300))


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"))


def username_for(name: str) -> str:
    """Login name derived from an officer's full name: 'Nguyễn Văn Đức' -> 'nguyen.van.duc'."""
    return ".".join(fold(name).replace("'", "").replace("-", " ").split())


def _derive_password_kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _derive_recovery_kek(recovery: str, salt: bytes) -> bytes:
    # The recovery key already carries ~147 bits of entropy; a slow KDF adds nothing.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"hocvuso-recovery").derive(
        normalise_recovery_key(recovery).encode("ascii")
    )


def new_recovery_key() -> str:
    groups = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUP_LEN))
        for _ in range(_RECOVERY_GROUPS)
    ]
    return "-".join(groups)


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I")
    return cleaned


def _wrap(kek: bytes, key: bytes, aad: bytes) -> tuple[str, str]:
    nonce = os.urandom(12)
    return _b64(nonce), _b64(AESGCM(kek).encrypt(nonce, key, aad))


def _unwrap(kek: bytes, nonce: str, wrapped: str, aad: bytes) -> bytes | None:
    try:
        return AESGCM(kek).decrypt(_unb64(nonce), _unb64(wrapped), aad)
    except InvalidTag:
        return None


class KeyFile:
    """The key file beside a database (`<db>.keys`)."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._clock = clock

    @staticmethod
    def for_database(db_path: Path, **kw: Any) -> KeyFile:
        return KeyFile(db_path.with_name(db_path.name + ".keys"), **kw)

    def exists(self) -> bool:
        return self.path.exists()

    # -- reading and writing ------------------------------------------------------------
    def load(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            raise UserError(
                "keys.missing",
                f"Không tìm thấy tệp khoá {self.path.name} bên cạnh cơ sở dữ liệu. Hãy chép tệp "
                "này cùng với tệp dữ liệu, hoặc khôi phục từ bản sao lưu.",
                f"The key file {self.path.name} next to the database is missing. Copy it together "
                "with the database file, or restore from a backup.",
            ) from None
        except (OSError, ValueError):
            raise UserError(
                "keys.corrupt",
                f"Tệp khoá {self.path.name} bị hỏng. Hãy khôi phục từ bản sao lưu.",
                f"The key file {self.path.name} is damaged. Restore from a backup.",
            ) from None
        if data.get("format") != FORMAT:
            raise UserError(
                "keys.format",
                "Tệp khoá được tạo bởi phiên bản hocvuso khác. Hãy cập nhật chương trình.",
                "The key file was written by another version of hocvuso. Update the program.",
            )
        return data

    def save(self, data: dict[str, Any]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
        os.replace(tmp, self.path)

    # -- set-up ------------------------------------------------------------------------
    def create(
        self,
        username: str,
        password: str,
        *,
        params: KdfParams | None = None,
    ) -> tuple[bytes, str]:
        """Make a new random database key; return it with the one-time recovery key."""
        if self.path.exists():
            raise UserError(
                "keys.exists",
                "Cơ sở dữ liệu này đã được khởi tạo.",
                "This database has already been set up.",
            )
        check_password(password)
        params = params or KdfParams()
        key = secrets.token_bytes(KEY_BYTES)
        recovery = new_recovery_key()
        data: dict[str, Any] = {
            "format": FORMAT,
            "kdf": params.as_dict(),
            "slots": [],
            "failures": {"count": 0, "last": 0.0},
        }
        salt = os.urandom(16)
        nonce, wrapped = _wrap(_derive_recovery_kek(recovery, salt), key, b"recovery")
        data["recovery"] = {"salt": _b64(salt), "nonce": nonce, "wrapped": wrapped}
        self._add_slot(data, key, username, password, params)
        self.save(data)
        return key, recovery

    def _add_slot(
        self, data: dict[str, Any], key: bytes, username: str, password: str, params: KdfParams
    ) -> None:
        salt = os.urandom(16)
        kek = _derive_password_kek(password, salt, params)
        nonce, wrapped = _wrap(kek, key, username.encode("utf-8"))
        data["slots"] = [s for s in data["slots"] if s["user"] != username]
        data["slots"].append(
            {
                "user": username,
                "salt": _b64(salt),
                "kdf": params.as_dict(),
                "nonce": nonce,
                "wrapped": wrapped,
            }
        )

    def set_password(self, key: bytes, username: str, password: str) -> None:
        """Add or replace an officer's wrapping (new officer, or password change)."""
        check_password(password)
        data = self.load()
        params = KdfParams.from_dict(data["kdf"])
        self._add_slot(data, key, username, password, params)
        self.save(data)

    def remove_user(self, username: str) -> None:
        data = self.load()
        data["slots"] = [s for s in data["slots"] if s["user"] != username]
        self.save(data)

    def users(self) -> list[str]:
        return [str(s["user"]) for s in self.load()["slots"]]

    # -- unlocking ---------------------------------------------------------------------
    def wait_seconds(self) -> float:
        """How long the officer must still wait before another attempt is allowed."""
        data = self.load()
        f = data.get("failures", {"count": 0, "last": 0.0})
        remaining = float(f["last"]) + delay_after(int(f["count"])) - self._clock()
        return max(0.0, remaining)

    def _check_wait(self) -> dict[str, Any]:
        data = self.load()
        wait = self.wait_seconds()
        if wait > 0:
            secs = int(wait + 0.999)
            raise UserError(
                "auth.wait",
                f"Đã nhập sai mật khẩu nhiều lần. Hãy đợi {secs} giây rồi thử lại.",
                f"Too many wrong passwords. Wait {secs} seconds, then try again.",
            )
        return data

    def _record(self, data: dict[str, Any], ok: bool) -> None:
        f = data.setdefault("failures", {"count": 0, "last": 0.0})
        if ok:
            if f["count"] == 0:
                return
            f["count"], f["last"] = 0, 0.0
        else:
            f["count"] = int(f["count"]) + 1
            f["last"] = self._clock()
        self.save(data)

    def unlock(self, username: str | None, password: str) -> tuple[bytes, str]:
        """Return (database key, username). With no username, any officer's password works."""
        data = self._check_wait()
        slots = data["slots"]
        if username:
            wanted = username_for(username) if " " in username.strip() else username.strip()
            slots = [s for s in slots if s["user"] in (username, wanted)]
        for slot in slots:
            kek = _derive_password_kek(
                password, _unb64(slot["salt"]), KdfParams.from_dict(slot["kdf"])
            )
            key = _unwrap(kek, slot["nonce"], slot["wrapped"], slot["user"].encode("utf-8"))
            if key is not None:
                self._record(data, True)
                return key, str(slot["user"])
        self._record(data, False)
        wait = delay_after(int(data["failures"]["count"]))
        extra_vi = f" Lần thử tiếp theo sau {int(wait)} giây." if wait else ""
        extra_en = f" Next attempt allowed in {int(wait)} seconds." if wait else ""
        raise UserError(
            "auth.wrong",
            "Sai tên đăng nhập hoặc mật khẩu. Dữ liệu không bị thay đổi." + extra_vi,
            "Wrong user name or password. No data was changed." + extra_en,
        )

    def unlock_with_recovery(self, recovery: str) -> bytes:
        data = self._check_wait()
        rec = data["recovery"]
        key = _unwrap(
            _derive_recovery_kek(recovery, _unb64(rec["salt"])),
            rec["nonce"],
            rec["wrapped"],
            b"recovery",
        )
        if key is None:
            self._record(data, False)
            raise UserError(
                "auth.recovery_wrong",
                "Mã khôi phục không đúng. Hãy kiểm tra lại từng nhóm ký tự trên giấy.",
                "The recovery key is wrong. Check each group of characters on the paper.",
            )
        self._record(data, True)
        return key


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LEN:
        raise UserError(
            "auth.password_short",
            f"Mật khẩu cần ít nhất {MIN_PASSWORD_LEN} ký tự.",
            f"The password needs at least {MIN_PASSWORD_LEN} characters.",
            field="password",
        )
