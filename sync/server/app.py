"""The provincial server's HTTP API (FastAPI): handshake, enrolment, batch ingest and replay,
reference-data pull and reconcile, with bounded gzip bodies, per-device rate limits and JSON
error bodies in Vietnamese and English. Logs carry ids and counts, never personal data."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import (
    HEADER_CLIENT_TIME,
    HEADER_PROTOCOL,
    MAX_BATCH_BYTES,
    MAX_BATCH_RECORDS,
    MAX_DECOMPRESSED_BYTES,
    PROTOCOL_VERSION,
    SUPPORTED_VERSIONS,
    DecompressError,
    gunzip_bounded,
    is_uuid,
    parse_aware,
    record_key,
)
from sync.server import catalogue, enrol, errors, ingest, reconcile
from sync.server.console.views import console_router
from sync.server.db import open_database
from sync.server.errors import ApiError
from sync.server.ratelimit import RateLimiter

log = logging.getLogger("hocvuso.server")


@dataclass(frozen=True)
class ServerSettings:
    db_url: str
    max_batch_records: int = MAX_BATCH_RECORDS
    max_batch_bytes: int = MAX_BATCH_BYTES
    max_decompressed_bytes: int = MAX_DECOMPRESSED_BYTES
    rate_per_second: float = 20.0
    rate_burst: int = 60
    enrol_rate_per_second: float = 0.2
    enrol_burst: int = 10
    pull_limit: int = 50


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="microseconds")


def _error_response(e: ApiError) -> JSONResponse:
    return JSONResponse(e.body.to_json(), status_code=e.status, headers=e.headers)


async def _read_json(request: Request, settings: ServerSettings) -> Any:
    """The request body: size-capped, gunzipped with a cap when sent gzip, parsed as JSON."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_batch_bytes:
        raise errors.too_large(
            f"tối đa {settings.max_batch_bytes} byte", f"at most {settings.max_batch_bytes} bytes"
        )
    raw = bytearray()
    async for chunk in request.stream():
        raw.extend(chunk)
        if len(raw) > settings.max_batch_bytes:
            raise errors.too_large(
                f"tối đa {settings.max_batch_bytes} byte",
                f"at most {settings.max_batch_bytes} bytes",
            )
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding == "gzip":
        try:
            body = gunzip_bounded(bytes(raw), settings.max_decompressed_bytes)
        except DecompressError as e:
            if str(e) == "too large":
                raise errors.too_large(
                    f"giải nén quá {settings.max_decompressed_bytes} byte",
                    f"more than {settings.max_decompressed_bytes} bytes once inflated",
                ) from None
            raise errors.malformed("dữ liệu gzip bị hỏng", "corrupt gzip data") from None
    elif encoding in ("identity", ""):
        body = bytes(raw)
    else:
        raise ApiError(
            415,
            "request.encoding",
            f"Máy chủ không đọc được kiểu nén '{encoding}'; hãy dùng gzip.",
            f"The server cannot read the '{encoding}' encoding; use gzip.",
        )
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise errors.malformed("không phải JSON hợp lệ", "not valid JSON") from None


def _check_protocol_header(request: Request) -> None:
    v = request.headers.get(HEADER_PROTOCOL)
    if v is None:
        return
    if not v.strip().isdigit() or int(v) not in SUPPORTED_VERSIONS:
        raise errors.protocol_unsupported(v)


def _check_protocol_field(obj: Any) -> None:
    if not isinstance(obj, dict):
        raise errors.invalid_batch(
            "thân yêu cầu phải là một đối tượng JSON", "the body must be a JSON object"
        )
    v = obj.get("protocol")
    if isinstance(v, bool) or not isinstance(v, int) or v not in SUPPORTED_VERSIONS:
        raise errors.protocol_unsupported(v)


class _NoLeakErrors:
    """Answers an unexpected error with `server.error` and logs only the exception's type.

    Starlette's own 500 handling re-raises so that the server logs the traceback, whose text
    (e.g. a database error quoting the submitted values) could carry personal data.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as e:
            log.error("unexpected %s while serving %s", type(e).__name__, scope.get("path"))
            if not started:
                await _error_response(errors.server_error())(scope, receive, send)


def create_app(settings: ServerSettings, engine: Engine | None = None) -> FastAPI:
    """The ASGI app. Migrates the database to head on creation."""
    eng = engine if engine is not None else open_database(settings.db_url)
    limiter = RateLimiter(settings.rate_per_second, settings.rate_burst)
    enrol_limiter = RateLimiter(settings.enrol_rate_per_second, settings.enrol_burst)
    app = FastAPI(title="hocvuso provincial sync server", docs_url=None, redoc_url=None)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(_NoLeakErrors)
    app.state.engine = eng
    app.state.settings = settings

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, e: ApiError) -> JSONResponse:
        return _error_response(e)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, e: RequestValidationError) -> JSONResponse:
        fields = [".".join(str(p) for p in err.get("loc", ())) for err in e.errors()]
        return _error_response(
            ApiError(
                400,
                "request.invalid",
                f"Tham số yêu cầu không hợp lệ: {', '.join(fields)}.",
                f"Invalid request parameters: {', '.join(fields)}.",
            )
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, e: StarletteHTTPException) -> JSONResponse:
        if e.status_code == 404:
            return _error_response(errors.not_found())
        return _error_response(
            ApiError(
                e.status_code,
                "request.refused",
                "Máy chủ từ chối yêu cầu này.",
                "The server refused this request.",
            )
        )

    async def device_of(request: Request) -> enrol.DeviceAuth:
        _check_protocol_header(request)
        auth = await run_in_threadpool(
            enrol.authenticate, eng, request.headers.get("authorization")
        )
        wait = limiter.allow(auth.device_id)
        if wait > 0:
            raise errors.rate_limited(wait)
        return auth

    def client_skew(request: Request, received: datetime) -> float | None:
        sent = request.headers.get(HEADER_CLIENT_TIME)
        t = parse_aware(sent) if sent else None
        return None if t is None else (t - received).total_seconds()

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"ok": True, "server_time": _iso(_now())}

    @app.get("/v1/hello")
    async def hello(request: Request) -> dict[str, Any]:
        received = _now()
        _check_protocol_header(request)
        out: dict[str, Any] = {
            "protocol": PROTOCOL_VERSION,
            "supported": list(SUPPORTED_VERSIONS),
            "server_time": _iso(received),
            "max_batch_records": settings.max_batch_records,
            "max_batch_bytes": settings.max_batch_bytes,
            "max_decompressed_bytes": settings.max_decompressed_bytes,
        }
        if request.headers.get("authorization"):
            auth = await device_of(request)
            skew = client_skew(request, received)
            await run_in_threadpool(enrol.touch_device, eng, auth.device_id, skew_s=skew)
            out.update(
                {"device_id": auth.device_id, "commune_code": auth.commune_code, "skew_s": skew}
            )
        return out

    @app.post("/v1/enrol")
    async def enrol_device(request: Request) -> dict[str, Any]:
        _check_protocol_header(request)
        host = request.client.host if request.client else "?"
        wait = enrol_limiter.allow(host)
        if wait > 0:
            raise errors.rate_limited(wait)
        obj = await _read_json(request, settings)
        _check_protocol_field(obj)
        code, device_id = obj.get("code"), obj.get("device_id")
        commune = obj.get("commune_code")
        if not isinstance(code, str) or not isinstance(device_id, str):
            raise errors.invalid_batch(
                "thiếu mã đăng ký hoặc mã thiết bị", "code or device_id missing"
            )
        result = await run_in_threadpool(
            enrol.enrol, eng, code, device_id, commune if isinstance(commune, str) else None
        )
        log.info("device %s enrolled for commune %s", result.device_id, result.commune_code)
        return {
            "protocol": PROTOCOL_VERSION,
            "token": result.token,
            "device_id": result.device_id,
            "commune_code": result.commune_code,
            "server_time": _iso(_now()),
        }

    @app.post("/v1/batches")
    async def post_batch(request: Request) -> dict[str, Any]:
        received = _now()
        auth = await device_of(request)
        obj = await _read_json(request, settings)
        _check_protocol_field(obj)
        batch_id = obj.get("batch_id")
        if not is_uuid(batch_id):
            raise errors.invalid_batch("mã lô (batch_id) không hợp lệ", "batch_id is not a UUID")
        records = obj.get("records")
        if not isinstance(records, list):
            raise errors.invalid_batch("thiếu danh sách bản ghi", "the records list is missing")
        if len(records) > settings.max_batch_records:
            raise errors.too_large(
                f"{len(records)} bản ghi, tối đa {settings.max_batch_records}",
                f"{len(records)} records, at most {settings.max_batch_records}",
            )
        for i, r in enumerate(records):
            if record_key(r) is None:
                raise errors.invalid_batch(
                    f"bản ghi thứ {i + 1} thiếu mã, loại hoặc số phiên bản",
                    f"record {i + 1} has no readable id, entity or revision",
                    {"index": i},
                )
        result = await run_in_threadpool(ingest.ingest, eng, auth, str(batch_id), records, received)
        await run_in_threadpool(
            enrol.touch_device,
            eng,
            auth.device_id,
            skew_s=client_skew(request, received),
            synced=True,
        )
        return result.to_json()

    @app.get("/v1/batches/{batch_id}")
    async def get_batch(batch_id: str, request: Request) -> dict[str, Any]:
        auth = await device_of(request)
        if not is_uuid(batch_id):
            raise errors.batch_unknown()
        result = await run_in_threadpool(ingest.fetch_batch, eng, batch_id, auth)
        return result.to_json()

    @app.get("/v1/pull")
    async def pull(request: Request, since: int = 0, limit: int = 20) -> dict[str, Any]:
        await device_of(request)
        limit = max(1, min(limit, settings.pull_limit))
        changes, last, more = await run_in_threadpool(catalogue.changes_since, eng, since, limit)
        return {
            "protocol": PROTOCOL_VERSION,
            "changes": [c.to_json() for c in changes],
            "last_seq": last,
            "more": more,
            "server_time": _iso(_now()),
        }

    @app.get("/v1/reconcile")
    async def reconcile_days(request: Request, since: str | None = None) -> dict[str, Any]:
        auth = await device_of(request)
        days = await run_in_threadpool(reconcile.summaries, eng, auth.commune_code, since)
        return {
            "protocol": PROTOCOL_VERSION,
            "commune_code": auth.commune_code,
            "days": [asdict(d) for d in days],
            "server_time": _iso(_now()),
        }

    @app.get("/v1/reconcile/{day}")
    async def reconcile_day(day: str, request: Request) -> dict[str, Any]:
        auth = await device_of(request)
        entries = await run_in_threadpool(reconcile.day_entries, eng, auth.commune_code, day)
        return {
            "protocol": PROTOCOL_VERSION,
            "day": day,
            "records": [asdict(e) for e in entries],
        }

    app.include_router(console_router())
    return app
