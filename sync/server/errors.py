"""Every error the server answers with: HTTP status, stable code, Vietnamese and English text,
and whether a retry can help. Also raised by the admin commands."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sync.protocol import SUPPORTED_VERSIONS, ErrorBody


class ApiError(Exception):
    """An error with a JSON body `{"error": {code, message_vi, message_en, retry}}`."""

    def __init__(
        self,
        status: int,
        code: str,
        vi: str,
        en: str,
        *,
        retry: bool = False,
        headers: Mapping[str, str] | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(en)
        self.status = status
        self.body = ErrorBody(code, vi, en, retry, detail)
        self.headers = dict(headers or {})

    @property
    def code(self) -> str:
        return self.body.code


def auth_missing() -> ApiError:
    return ApiError(
        401,
        "auth.missing",
        "Thiếu mã truy cập của thiết bị. Hãy đăng ký thiết bị với máy chủ tỉnh trước.",
        "The device token is missing. Enrol this device with the provincial server first.",
    )


def auth_invalid() -> ApiError:
    return ApiError(
        401,
        "auth.invalid",
        "Máy chủ tỉnh không nhận ra thiết bị này. Hãy đăng ký lại bằng mã mới do tỉnh cấp.",
        "The provincial server does not recognise this device. Enrol again with a new code.",
    )


def auth_revoked() -> ApiError:
    return ApiError(
        401,
        "auth.revoked",
        "Quyền đồng bộ của thiết bị này đã bị tỉnh thu hồi. Dữ liệu vẫn được giữ trên máy; "
        "hãy liên hệ Sở Khoa học và Công nghệ để được cấp mã đăng ký mới.",
        "The province revoked this device's permission to sync. The data stays on this "
        "laptop; contact the Department of Science and Technology for a new enrolment code.",
    )


def protocol_unsupported(version: Any) -> ApiError:
    supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
    return ApiError(
        426,
        "protocol.unsupported",
        f"Máy chủ không hỗ trợ phiên bản giao thức {version} (hỗ trợ: {supported}). "
        "Hãy cập nhật chương trình hocvuso.",
        f"The server does not support protocol version {version} (supported: {supported}). "
        "Update hocvuso.",
        detail={"supported": list(SUPPORTED_VERSIONS)},
    )


def malformed(what_vi: str, what_en: str) -> ApiError:
    return ApiError(
        400,
        "request.malformed",
        f"Yêu cầu gửi lên không đọc được: {what_vi}.",
        f"The request could not be read: {what_en}.",
    )


def too_large(limit_vi: str, limit_en: str) -> ApiError:
    return ApiError(
        413,
        "batch.too_large",
        f"Lô dữ liệu quá lớn ({limit_vi}). Không có gì được ghi; hãy gửi lô nhỏ hơn.",
        f"The batch is too large ({limit_en}). Nothing was stored; send smaller batches.",
    )


def invalid_batch(vi: str, en: str, detail: Mapping[str, Any] | None = None) -> ApiError:
    return ApiError(
        422,
        "batch.invalid",
        f"Lô dữ liệu không đúng giao thức: {vi}. Không có gì được ghi.",
        f"The batch does not follow the protocol: {en}. Nothing was stored.",
        detail=detail,
    )


def rate_limited(retry_after: float) -> ApiError:
    seconds = max(1, round(retry_after))
    return ApiError(
        429,
        "rate.limited",
        f"Thiết bị gửi quá nhiều yêu cầu; hãy thử lại sau {seconds} giây.",
        f"This device sent too many requests; try again in {seconds} seconds.",
        retry=True,
        headers={"Retry-After": str(seconds)},
    )


def batch_unknown() -> ApiError:
    return ApiError(
        404,
        "batch.unknown",
        "Máy chủ chưa nhận được lô dữ liệu này; hãy gửi lại các bản ghi của nó.",
        "The server never received this batch; send its records again.",
    )


def batch_foreign() -> ApiError:
    return ApiError(
        409,
        "batch.foreign",
        "Mã lô này đã được một thiết bị khác dùng. Hãy gửi lại với mã lô mới.",
        "Another device already used this batch id. Send again with a new batch id.",
    )


def server_error() -> ApiError:
    return ApiError(
        500,
        "server.error",
        "Máy chủ tỉnh gặp lỗi. Dữ liệu trên máy vẫn an toàn và sẽ được gửi lại sau.",
        "The provincial server had an error. The data on this laptop is safe and will be "
        "sent again later.",
        retry=True,
    )


def not_found() -> ApiError:
    return ApiError(
        404,
        "request.not_found",
        "Máy chủ tỉnh không có địa chỉ này. Kiểm tra địa chỉ máy chủ.",
        "The provincial server has no such address. Check the server URL.",
    )
