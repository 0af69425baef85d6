"""The province console's pages, server-rendered with plain string templates: every value
put into a page goes through `html.escape` (`_e`). Vietnamese UI text.

Security: Argon2id logins with throttling per username and per client address; a server-side
session cookie (HttpOnly, SameSite=Strict, Secure unless `insecure_cookies` for plain-http
local testing); a CSRF token in every POST form (the session's, or for the login form a
double-submit cookie); admin-only actions (enrolment codes, revoking, catalogue) checked on the
server; strict security headers. Logs carry no usernames, passwords or tokens."""

from __future__ import annotations

import html
import logging
import secrets
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from sync.server import catalogue, enrol
from sync.server.communes import commune_name
from sync.server.console import auth, indicators, queries, report
from sync.server.errors import ApiError

log = logging.getLogger("hocvuso.server.console")

LOGIN_COOKIE = "hvs_login_csrf"
MAX_FORM_BYTES = 2_000_000
LINKS = auth.LoginLinks()


@dataclass(frozen=True)
class ConsoleOptions:
    """Set as `app.state.console_options`; the defaults are the production ones."""

    insecure_cookies: bool = False  # plain-http local testing only
    test_login_links: bool = False  # automated browser tests only; never set by the CLI


_throttle = auth.Throttle()

SORT_KEYS: dict[str, Callable[[queries.CommuneRow], Any]] = {
    "code": lambda r: r.code,
    "name": lambda r: _fold(r.name) or r.code,
    "sessions": lambda r: r.figures.sessions,
    "people": lambda r: r.figures.people,
    "mastered": lambda r: r.figures.mastered,
    "vneid": lambda r: r.figures.vneid,
    "coverage": lambda r: -1.0 if r.figures.coverage is None else r.figures.coverage,
    "last_sync": lambda r: r.last_sync_at.timestamp() if r.last_sync_at else 0.0,
    "quarantined": lambda r: r.quarantined,
    "backlog": lambda r: r.backlog,
}
COLUMNS = (
    ("code", "Mã xã"),
    ("name", "Tên xã, phường"),
    ("sessions", "Buổi đã tổ chức"),
    ("people", "Người được hỗ trợ"),
    ("mastered", "Kỹ năng tự làm được"),
    ("vneid", "Tự kích hoạt VNeID mức 2"),
    ("coverage", "Bao phủ VNeID mức 2 (lũy kế / dân số ≥16)"),
    ("last_sync", "Đồng bộ gần nhất"),
    ("quarantined", "Bản ghi bị từ chối"),
    ("backlog", "Chờ bản ghi gốc"),
)

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2733;background:#f6f8fa}
header{background:#12416b;color:#fff;padding:.6em 1.2em;display:flex;gap:1.2em;align-items:center}
header a{color:#fff}header form{margin-left:auto}main{padding:1em 1.2em}
table{border-collapse:collapse;background:#fff;font-size:.9em}
th,td{border:1px solid #c9d3dd;padding:.3em .6em}td.n{text-align:right}
th{background:#dde7f0}th a{color:#12416b}.warn{color:#a4000f;font-weight:bold}
.msg{background:#fff6d5;border:1px solid #e0c060;padding:.5em;margin:.5em 0}
.err{background:#fde2e2;border:1px solid #d08080;padding:.5em;margin:.5em 0}
form.inline{display:inline}td.when,td.name{white-space:nowrap}
"""


def _fold(text: str) -> str:
    """Lower case without Vietnamese marks, for filtering and sorting names."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f} %".replace(".", ",")


def _bars(points: list[tuple[str, int]], caption: str) -> str:
    """A small inline SVG bar chart (no script: the console's CSP allows none)."""
    if not points:
        return ""
    top = max(v for _k, v in points) or 1
    bw, gap, h = 34, 10, 140
    width = len(points) * (bw + gap) + gap
    bars = []
    for i, (label, v) in enumerate(points):
        bh = round(v / top * (h - 40))
        x = gap + i * (bw + gap)
        bars.append(
            f'<rect x="{x}" y="{h - 22 - bh}" width="{bw}" height="{bh}" fill="#1f5fa8">'
            f"<title>{_e(label)}: {v}</title></rect>"
            f'<text x="{x + bw / 2}" y="{h - 26 - bh}" font-size="10" '
            f'text-anchor="middle">{v}</text>'
            f'<text x="{x + bw / 2}" y="{h - 8}" font-size="9" text-anchor="middle">'
            f"{_e(label[2:] if len(label) > 7 else label)}</text>"
        )
    return (
        f'<figure><svg role="img" aria-label="{_e(caption)}" width="{width}" height="{h}" '
        f'viewBox="0 0 {width} {h}">{"".join(bars)}</svg>'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _quarter_select(selected: str, options: list[str]) -> str:
    """A drop-down of quarters (those with data and the current one), the chosen one kept."""
    if selected and selected not in options:
        options = sorted({*options, selected}, reverse=True)
    items = "".join(
        f'<option value="{_e(o)}"{" selected" if o == selected else ""}>'
        f"Quý {_ROMAN.get(o[-1], o[-1])}/{_e(o[:4])}</option>"
        for o in options
    )
    return f'<select name="quarter">{items}</select>'


def _e(v: object) -> str:
    return html.escape(str(v), quote=True)


def _when(t: datetime | None) -> str:
    return "—" if t is None else t.astimezone().strftime("%Y-%m-%d %H:%M")


def _opts(request: Request) -> ConsoleOptions:
    o = getattr(request.app.state, "console_options", None)
    return o if isinstance(o, ConsoleOptions) else ConsoleOptions()


def _engine(request: Request) -> Engine:
    eng = request.app.state.engine
    assert isinstance(eng, Engine)
    return eng


def _headers(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _page(title: str, body: str, staff: auth.Staff | None = None, status: int = 200) -> Response:
    nav = ""
    if staff is not None:
        admin = (
            '<a href="/console/devices">Thiết bị</a><a href="/console/catalogue">Danh mục</a>'
            if staff.is_admin
            else ""
        )
        nav = (
            '<a href="/console/">Tổng quan</a>'
            f'{admin}<a href="/console/report">Báo cáo quý</a>'
            '<form method="post" action="/console/logout">'
            f'<input type="hidden" name="csrf" value="{_e(staff.csrf)}">'
            f"{_e(staff.username)} ({_e(staff.role)}) "
            '<button type="submit">Đăng xuất</button></form>'
        )
    doc = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{_e(title)} — Bình dân học vụ số</title><style>{_CSS}</style></head>"
        f"<body><header><strong>Bình dân học vụ số — cấp tỉnh</strong>{nav}</header>"
        f"<main><h1>{_e(title)}</h1>{body}</main></body></html>"
    )
    return _headers(HTMLResponse(doc, status_code=status))


def _set_cookie(request: Request, resp: Response, name: str, value: str, max_age: int) -> None:
    resp.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/console",
        httponly=True,
        samesite="strict",
        secure=not _opts(request).insecure_cookies,
    )


UNREADABLE_FILE = "\x00unreadable"


async def _form(request: Request) -> dict[str, str] | None:
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind == "multipart/form-data":
        return await _multipart(request)
    if kind != "application/x-www-form-urlencoded":
        return None
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_FORM_BYTES:
            return None
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        return None
    return {k: v[0] for k, v in parsed.items()}


async def _multipart(request: Request) -> dict[str, str] | None:
    """A form with a file (the catalogue CSV): files are read as UTF-8 text, capped."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_FORM_BYTES:
        return None
    try:
        form = await request.form(max_files=2, max_fields=20, max_part_size=MAX_FORM_BYTES)
    except Exception:  # malformed multipart body
        return None
    out: dict[str, str] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            out[key] = value
            continue
        raw = await value.read(MAX_FORM_BYTES + 1)
        if len(raw) > MAX_FORM_BYTES:
            return None
        try:
            out[key] = raw.decode("utf-8")
        except UnicodeDecodeError:
            out[key] = UNREADABLE_FILE
    return out


async def _staff(request: Request) -> auth.Staff | None:
    return await run_in_threadpool(
        auth.session_staff, _engine(request), request.cookies.get(auth.COOKIE)
    )


def _to_login() -> Response:
    return _headers(RedirectResponse("/console/login", status_code=303))


def _forbidden(staff: auth.Staff, what: str) -> Response:
    return _page("Không có quyền", f'<p class="err">{_e(what)}</p>', staff, status=403)


def _csrf_refused(staff: auth.Staff | None) -> Response:
    return _page(
        "Yêu cầu bị từ chối",
        '<p class="err">Mã chống giả mạo (CSRF) thiếu hoặc sai. Hãy tải lại trang và thử lại.</p>',
        staff,
        status=403,
    )


def _login_page(request: Request, message: str = "", status: int = 200) -> Response:
    token = secrets.token_urlsafe(24)
    msg = f'<p class="err">{_e(message)}</p>' if message else ""
    body = (
        f'{msg}<form method="post" action="/console/login">'
        f'<input type="hidden" name="csrf" value="{_e(token)}">'
        '<p><label>Tên đăng nhập<br><input name="username" autocomplete="username" required>'
        "</label></p><p><label>Mật khẩu<br>"
        '<input type="password" name="password" autocomplete="current-password" required>'
        '</label></p><p><button type="submit">Đăng nhập</button></p></form>'
    )
    resp = _page("Đăng nhập", body, status=status)
    _set_cookie(request, resp, LOGIN_COOKIE, token, 1800)
    return resp


def _logged_in(request: Request, token: str) -> Response:
    resp = _headers(RedirectResponse("/console/", status_code=303))
    _set_cookie(request, resp, auth.COOKIE, token, int(auth.SESSION_HOURS * 3600))
    resp.delete_cookie(LOGIN_COOKIE, path="/console")
    return resp


def _sort_link(key: str, label: str, sort: str, desc: bool, q: str, quarter: str) -> str:
    nd = "0" if (key == sort and desc) else "1"
    arrow = (" ▼" if desc else " ▲") if key == sort else ""
    params = urlencode({"sort": key, "desc": nd, "q": q, "quarter": quarter})
    return f'<th><a href="/console/?{_e(params)}">{_e(label)}{arrow}</a></th>'


def console_router() -> APIRouter:
    r = APIRouter(prefix="/console", include_in_schema=False)

    @r.get("/login")
    async def login_form(request: Request) -> Response:
        return _login_page(request)

    @r.post("/login")
    async def login(request: Request) -> Response:
        form = await _form(request)
        if form is None or not auth.csrf_ok(
            request.cookies.get(LOGIN_COOKIE, ""), form.get("csrf")
        ):
            return _csrf_refused(None)
        username = form.get("username", "").strip()[:64]
        host = request.client.host if request.client else "?"
        keys = (f"u:{username.casefold()}", f"h:{host}")
        wait = max(_throttle.wait(k) for k in keys)
        if wait > 0:
            log.warning("console login throttled")
            return _login_page(
                request, f"Sai quá nhiều lần; hãy thử lại sau {int(wait) + 1} giây.", 429
            )
        uid = await run_in_threadpool(
            auth.check_password, _engine(request), username, form.get("password", "")
        )
        if uid is None:
            for k in keys:
                _throttle.fail(k)
            log.info("console login refused")
            return _login_page(request, "Tên đăng nhập hoặc mật khẩu không đúng.", 401)
        _throttle.clear(keys[0])
        token = await run_in_threadpool(auth.open_session, _engine(request), uid)
        log.info("console login for staff user %d", uid)
        return _logged_in(request, token)

    @r.get("/login-link")
    async def login_link(request: Request, token: str = "") -> Response:
        if not _opts(request).test_login_links:
            return _page("Không tìm thấy", "<p>Trang này không có.</p>", status=404)
        uid = LINKS.consume(token)
        if uid is None:
            return _to_login()
        return _logged_in(
            request, await run_in_threadpool(auth.open_session, _engine(request), uid)
        )

    @r.post("/logout")
    async def logout(request: Request) -> Response:
        staff = await _staff(request)
        form = await _form(request)
        if staff is None:
            return _to_login()
        if form is None or not auth.csrf_ok(staff.csrf, form.get("csrf")):
            return _csrf_refused(staff)
        await run_in_threadpool(
            auth.close_session, _engine(request), request.cookies.get(auth.COOKIE)
        )
        resp = _to_login()
        resp.delete_cookie(auth.COOKIE, path="/console")
        return resp

    @r.get("/")
    async def dashboard(
        request: Request, sort: str = "code", desc: str = "0", q: str = "", quarter: str = ""
    ) -> Response:
        staff = await _staff(request)
        if staff is None:
            return _to_login()
        bad = ""
        parsed = queries.parse_quarter(quarter) if quarter.strip() else None
        if parsed is None:
            if quarter.strip():
                bad = (
                    '<p class="err">Quý phải có dạng 2026-Q3; đang hiện quý hiện tại. / '
                    "The quarter must look like 2026-Q3; showing the current quarter.</p>"
                )
            parsed = queries.parse_quarter(queries.current_quarter())
            assert parsed is not None
        period = parsed[0]
        rows = await run_in_threadpool(queries.dashboard, _engine(request), period)
        quarters = await run_in_threadpool(queries.quarters_with_data, _engine(request))
        needle = _fold(q.strip())
        if needle:
            rows = [x for x in rows if needle in x.code or needle in _fold(x.name)]
        key = sort if sort in SORT_KEYS else "code"
        is_desc = desc == "1"
        rows.sort(key=SORT_KEYS[key], reverse=is_desc)
        qv = period.label
        head = "".join(_sort_link(k, lbl, key, is_desc, q, qv) for k, lbl in COLUMNS)
        lines = []
        totals = queries.Figures()
        for x in rows:
            f = x.figures
            for attr in ("sessions", "people", "mastered", "vneid"):
                setattr(totals, attr, getattr(totals, attr) + getattr(f, attr))
            silent = x.last_sync_at is None
            lines.append(
                f'<tr><td><a href="/console/commune/{quote(x.code)}?quarter={quote(qv)}">'
                f'{_e(x.code)}</a></td><td class="name">{_e(x.name or "—")}</td>'
                f'<td class="n">{f.sessions}</td><td class="n">{f.people}</td>'
                f'<td class="n">{f.mastered}</td><td class="n">{f.vneid}</td>'
                f'<td class="n">{_e(_pct(f.coverage))}</td>'
                f'<td class="when{" warn" if silent else ""}">'
                f"{_e(_when(x.last_sync_at) if not silent else 'chưa đồng bộ')}</td>"
                f'<td class="n{" warn" if x.quarantined else ""}">{x.quarantined}</td>'
                f'<td class="n{" warn" if x.backlog else ""}">{x.backlog}</td></tr>'
            )
        never = sum(1 for x in rows if x.last_sync_at is None)
        body = (
            bad + '<form method="get" action="/console/">'
            f'<label>Lọc theo tên hoặc mã xã <input name="q" value="{_e(q)}"></label> '
            f"<label>Quý {_quarter_select(qv, quarters)}</label> "
            f'<input type="hidden" name="sort" value="{_e(key)}">'
            f'<input type="hidden" name="desc" value="{"1" if is_desc else "0"}">'
            '<button type="submit">Lọc</button></form>'
            f"<p>{len(rows)} xã, phường — số liệu quý {_e(qv)} ({_e(period.start)} – "
            f"{_e(period.end)}). Cộng: {totals.sessions} buổi, {totals.people} người được hỗ "
            f"trợ, {totals.mastered} lượt kỹ năng tự làm được, {totals.vneid} người tự kích "
            f"hoạt VNeID mức 2."
            + (f' <span class="warn">{never} xã chưa từng đồng bộ.</span>' if never else "")
            + "</p>"
            f'<table id="communes"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(lines)}</tbody></table>"
        )
        return _page("Tổng quan các xã", body, staff)

    @r.get("/commune/{code}")
    async def commune(request: Request, code: str, quarter: str = "") -> Response:
        staff = await _staff(request)
        if staff is None:
            return _to_login()
        if not (len(code) == 5 and code.isdigit()):
            return _page(
                "Không có xã này",
                '<p class="err">Mã xã gồm 5 chữ số. / A commune code has 5 digits.</p>',
                staff,
                404,
            )
        trend = await run_in_threadpool(queries.commune_trend, _engine(request), code)
        title = f"{trend.name} ({code})" if trend.name else f"Xã {code}"
        if not trend.quarters and not trend.months:
            return _page(title, "<p>Chưa có dữ liệu của xã này.</p>", staff)
        qlines = "".join(
            f'<tr><td>{_e(qk)}</td><td class="n">{f.sessions}</td>'
            f'<td class="n">{f.participations}</td><td class="n">{f.people}</td>'
            f'<td class="n">{f.mastered}</td><td class="n">{f.vneid}</td>'
            f'<td class="n">{f.vneid_total}</td><td class="n">{_e(_pct(f.coverage))}</td></tr>'
            for qk, f in trend.quarters
        )
        mlines = "".join(
            f'<tr><td>{_e(m.month)}</td><td class="n">{m.sessions}</td>'
            f'<td class="n">{m.participations}</td><td class="n">{m.skill_records}</td></tr>'
            for m in trend.months
        )
        body = (
            "<h2>Theo quý</h2>"
            + _bars(
                [(qk, f.people) for qk, f in trend.quarters],
                "Người được hỗ trợ theo quý",
            )
            + '<table id="trend"><thead><tr><th>Quý</th><th>Buổi đã tổ chức</th>'
            "<th>Lượt tham gia</th><th>Người được hỗ trợ</th><th>Kỹ năng tự làm được</th>"
            "<th>Tự kích hoạt VNeID mức 2</th><th>Lũy kế VNeID mức 2</th>"
            f"<th>Bao phủ</th></tr></thead><tbody>{qlines}</tbody></table>"
            "<h2>Theo tháng</h2>"
            + _bars([(m.month, m.participations) for m in trend.months], "Lượt tham gia theo tháng")
            + '<table id="months"><thead><tr><th>Tháng</th><th>Buổi đã tổ chức</th>'
            "<th>Lượt tham gia</th><th>Lượt ghi nhận kỹ năng</th></tr></thead>"
            f"<tbody>{mlines}</tbody></table>"
        )
        return _page(title, body, staff)

    async def _devices_page(
        request: Request, staff: auth.Staff, message: str = "", error: str = ""
    ) -> Response:
        devices = await run_in_threadpool(enrol.list_devices, _engine(request))
        csrf = _e(staff.csrf)
        lines = []
        for d in devices:
            action = "Đã thu hồi"
            if d.revoked_at is None:
                action = (
                    f'<form class="inline" method="post" '
                    f'action="/console/devices/{quote(d.id)}/revoke">'
                    f'<input type="hidden" name="csrf" value="{csrf}">'
                    '<button type="submit">Thu hồi</button></form>'
                )
            lines.append(
                f"<tr><td>{_e(d.id)}</td>"
                f"<td>{_e(d.commune_code)} {_e(commune_name(d.commune_code))}</td>"
                f"<td>{_e(_when(d.enrolled_at))}</td><td>{_e(_when(d.last_sync_at))}</td>"
                f"<td>{action}</td></tr>"
            )
        msg = f'<div class="msg">{message}</div>' if message else ""
        err = f'<p class="err">{_e(error)}</p>' if error else ""
        body = (
            f"{msg}{err}<h2>Cấp mã đăng ký</h2>"
            '<form method="post" action="/console/devices/code">'
            f'<input type="hidden" name="csrf" value="{csrf}">'
            '<label>Mã xã (5 chữ số) <input name="commune" pattern="[0-9]{5}" required></label> '
            '<label>Hiệu lực (giờ) <input name="hours" value="72" size="4"></label> '
            '<button type="submit">Cấp mã</button></form>'
            '<h2>Thiết bị</h2><table id="devices"><thead><tr><th>Mã thiết bị</th><th>Xã</th>'
            "<th>Đăng ký lúc</th><th>Đồng bộ gần nhất</th><th></th></tr></thead>"
            f"<tbody>{''.join(lines)}</tbody></table>"
        )
        return _page("Thiết bị và mã đăng ký", body, staff)

    async def _admin_post(request: Request) -> tuple[auth.Staff, dict[str, str]] | Response:
        staff = await _staff(request)
        if staff is None:
            return _to_login()
        form = await _form(request)
        if form is None or not auth.csrf_ok(staff.csrf, form.get("csrf")):
            return _csrf_refused(staff)
        if not staff.is_admin:
            return _forbidden(staff, "Chỉ quản trị viên được làm việc này.")
        return staff, form

    @r.get("/devices")
    async def devices(request: Request) -> Response:
        staff = await _staff(request)
        if staff is None:
            return _to_login()
        if not staff.is_admin:
            return _forbidden(staff, "Chỉ quản trị viên được quản lý thiết bị.")
        return await _devices_page(request, staff)

    @r.post("/devices/code")
    async def issue(request: Request) -> Response:
        got = await _admin_post(request)
        if isinstance(got, Response):
            return got
        staff, form = got
        try:
            hours = min(max(float(form.get("hours", "72")), 1.0), 24 * 30.0)
            issued = await run_in_threadpool(
                enrol.issue_code, _engine(request), form.get("commune", "").strip(), hours
            )
        except ValueError:
            return await _devices_page(request, staff, error="Số giờ không hợp lệ.")
        except ApiError as e:
            return await _devices_page(request, staff, error=e.body.message_vi)
        log.info("console: enrolment code issued for commune %s", issued.commune_code)
        return await _devices_page(
            request,
            staff,
            message=(
                f'Mã đăng ký cho {_e(commune_name(issued.commune_code) or "xã")} ({_e(issued.commune_code)}): <strong id="code">'
                f"{_e(issued.code)}</strong> — dùng một lần, hết hạn {_e(_when(issued.expires_at))}."
            ),
        )

    @r.post("/devices/{device_id}/revoke")
    async def revoke(request: Request, device_id: str) -> Response:
        got = await _admin_post(request)
        if isinstance(got, Response):
            return got
        staff = got[0]
        try:
            info = await run_in_threadpool(enrol.revoke, _engine(request), device_id)
        except ApiError as e:
            return await _devices_page(request, staff, error=e.body.message_vi)
        log.info("console: device %s revoked", info.id)
        return await _devices_page(request, staff, message=f"Đã thu hồi thiết bị {_e(info.id)}.")

    def _catalogue_page(staff: auth.Staff, message: str = "", error: str = "") -> Response:
        msg = f'<div class="msg">{_e(message)}</div>' if message else ""
        err = f'<p class="err">{_e(error)}</p>' if error else ""
        body = (
            f"{msg}{err}<p>Chọn tệp CSV (UTF-8) với các cột "
            f"{_e(', '.join(catalogue.COLUMNS))}, hoặc dán nội dung tệp vào ô dưới. Các máy "
            "nhận danh mục ở lần đồng bộ tới.</p>"
            '<form method="post" action="/console/catalogue" enctype="multipart/form-data">'
            f'<input type="hidden" name="csrf" value="{_e(staff.csrf)}">'
            '<p><label>Phiên bản <input name="version" required></label></p>'
            '<p><label>Tệp CSV <input type="file" name="file" accept=".csv,text/csv">'
            "</label></p>"
            '<p><label>hoặc nội dung CSV<br><textarea name="csv" rows="12" cols="100">'
            "</textarea></label></p>"
            '<p><button type="submit">Công bố</button></p></form>'
        )
        return _page("Công bố danh mục kỹ năng", body, staff)

    @r.get("/catalogue")
    async def catalogue_form(request: Request) -> Response:
        staff = await _staff(request)
        if staff is None:
            return _to_login()
        if not staff.is_admin:
            return _forbidden(staff, "Chỉ quản trị viên được công bố danh mục.")
        return _catalogue_page(staff)

    @r.post("/catalogue")
    async def catalogue_publish(request: Request) -> Response:
        got = await _admin_post(request)
        if isinstance(got, Response):
            return got
        staff, form = got
        content = form.get("file", "") or form.get("csv", "")
        if content == UNREADABLE_FILE:
            return _catalogue_page(
                staff,
                error="Tệp không phải văn bản UTF-8: hãy lưu lại từ Excel dưới dạng "
                "“CSV UTF-8” rồi chọn lại. / The file is not UTF-8 text: save it from Excel "
                "as “CSV UTF-8” and choose it again.",
            )
        if not content.strip():
            return _catalogue_page(
                staff,
                error="Chưa chọn tệp hoặc dán nội dung danh mục. / "
                "Choose a file or paste the catalogue.",
            )
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "catalogue.csv"
            path.write_text(content, "utf-8")
            try:
                pub = await run_in_threadpool(
                    catalogue.publish_catalogue, _engine(request), path, form.get("version", "")
                )
            except ApiError as e:
                return _catalogue_page(staff, error=e.body.message_vi)
        log.info("console: catalogue published as change %d", pub.seq)
        return _catalogue_page(
            staff, message=f"Đã công bố danh mục {pub.version} ({pub.skills} kỹ năng)."
        )

    @r.get("/report")
    async def quarterly(request: Request, quarter: str = "", format: str = "") -> Response:
        staff = await _staff(request)
        if staff is None:
            return _to_login()
        quarter = quarter or queries.current_quarter()
        periods = queries.parse_quarter(quarter)
        if periods is None or format not in ("pdf", "xlsx"):
            quarters = await run_in_threadpool(queries.quarters_with_data, _engine(request))
            chosen = periods[0].label if periods else queries.current_quarter()
            body = (
                (
                    '<p class="err">Quý phải có dạng 2026-Q3. / The quarter must look like '
                    "2026-Q3.</p>"
                    if periods is None
                    else ""
                )
                + '<form method="get" action="/console/report">'
                f"<label>Quý {_quarter_select(chosen, quarters)}</label> "
                '<button name="format" value="pdf">Tải PDF</button> '
                '<button name="format" value="xlsx">Tải XLSX</button></form>'
            )
            return _page("Báo cáo quý toàn tỉnh", body, staff, 400 if periods is None else 200)
        q = periods[0]
        rep = await run_in_threadpool(indicators.province_report, _engine(request), q.label)
        if format == "pdf":
            data = await run_in_threadpool(report.report_pdf, rep)
            media = "application/pdf"
        else:
            data = await run_in_threadpool(report.report_xlsx, rep)
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        log.info(
            "console: quarterly report %s (%s) made by staff user %d",
            q.label,
            format,
            staff.user_id,
        )
        resp = Response(data, media_type=media)
        name = report.report_filename(rep, format)
        resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return _headers(resp)

    return r
