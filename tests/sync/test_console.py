"""The province web console against the real server on a loopback port (SQLite and
PostgreSQL): login with wrong and right passwords, CSRF refusal, roles, dashboard figures equal
to counts made from the records a real client synced, and the quarterly report downloads."""

from __future__ import annotations

import io
import random
import re
import uuid
from datetime import date

import requests
from openpyxl import load_workbook
from pypdf import PdfReader

from app.installation import Installation
from app.services import sessions
from sync.client import SyncEngine
from sync.records import iter_envelopes
from sync.server.communes import commune_name
from sync.server.console import auth
from sync.server.console.auth import Throttle
from sync.server.console.queries import current_quarter, parse_quarter
from sync.server.console.views import LINKS, ConsoleOptions, _fold
from tests.conftest import COMMUNE
from tests.sync.harness import ServerThread, make_activity

PASSWORD = "mật-khẩu-đủ-dài-1"


def _users(srv: ServerThread) -> tuple[str, str]:
    srv.app.state.console_options = ConsoleOptions(insecure_cookies=True, test_login_links=True)
    tag = uuid.uuid4().hex[:8]  # the PostgreSQL database is shared by the run's tests
    admin, viewer = f"admin-{tag}", f"viewer-{tag}"
    auth.add_user(srv.engine, admin, PASSWORD, "admin")
    auth.add_user(srv.engine, viewer, PASSWORD, "viewer")
    return admin, viewer


def _login(srv: ServerThread, username: str, password: str = PASSWORD) -> requests.Response:
    http = requests.Session()
    form = http.get(srv.url + "/console/login", timeout=10)
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf
    resp = http.post(
        srv.url + "/console/login",
        data={"csrf": csrf.group(1), "username": username, "password": password},
        timeout=10,
        allow_redirects=False,
    )
    resp.session = http  # type: ignore[attr-defined]
    return resp


def _session(srv: ServerThread, username: str) -> requests.Session:
    resp = _login(srv, username)
    assert resp.status_code == 303, resp.text
    http: requests.Session = resp.session  # type: ignore[attr-defined]
    return http


def _csrf(page: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', page)
    assert m
    return m.group(1)


def test_login_cookie_csrf_and_roles(server: ServerThread) -> None:
    admin, viewer = _users(server)
    # Not logged in: every page sends to the login form.
    r = requests.get(server.url + "/console/", timeout=10, allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/login"
    # Wrong password, unknown user.
    assert _login(server, admin, "sai-mật-khẩu-rồi").status_code == 401
    assert _login(server, "không-có-ai", PASSWORD).status_code == 401
    # Login form without its CSRF token.
    r = requests.post(
        server.url + "/console/login",
        data={"username": admin, "password": PASSWORD},
        timeout=10,
        allow_redirects=False,
    )
    assert r.status_code == 403
    ok = _login(server, admin)
    assert ok.status_code == 303 and ok.headers["location"] == "/console/"
    cookie = ok.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # insecure_cookies for this plain-http test server
    http: requests.Session = ok.session  # type: ignore[attr-defined]
    page = http.get(server.url + "/console/", timeout=10)
    assert page.status_code == 200 and "Tổng quan các xã" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    # An enrolment code from the console (admin), then a POST without CSRF is refused.
    dev = http.get(server.url + "/console/devices", timeout=10)
    issued = http.post(
        server.url + "/console/devices/code",
        data={"csrf": _csrf(dev.text), "commune": "01843", "hours": "24"},
        timeout=10,
    )
    assert issued.status_code == 200 and 'id="code"' in issued.text
    refused = http.post(server.url + "/console/devices/code", data={"commune": "01844"}, timeout=10)
    assert refused.status_code == 403 and "CSRF" in refused.text
    wrong = http.post(
        server.url + "/console/devices/code",
        data={"csrf": "x" * 43, "commune": "01844"},
        timeout=10,
    )
    assert wrong.status_code == 403
    # The commune with only an enrolment code is on the dashboard.
    assert ">01843</a>" in http.get(server.url + "/console/", timeout=10).text
    # A viewer sees the dashboard but cannot manage devices or revoke.
    vs = _session(server, viewer)
    assert vs.get(server.url + "/console/", timeout=10).status_code == 200
    assert vs.get(server.url + "/console/devices", timeout=10).status_code == 403
    vpage = vs.get(server.url + "/console/", timeout=10).text
    r = vs.post(
        server.url + f"/console/devices/{uuid.uuid4()}/revoke",
        data={"csrf": _csrf(vpage)},
        timeout=10,
    )
    assert r.status_code == 403 and "quản trị" in r.text
    # Logout ends the server-side session.
    http.post(server.url + "/console/logout", data={"csrf": _csrf(page.text)}, timeout=10)
    r = http.get(server.url + "/console/", timeout=10, allow_redirects=False)
    assert r.status_code == 303
    # Output is escaped.
    esc = vs.get(server.url + "/console/?q=%3Cscript%3Ealert(1)%3C/script%3E", timeout=10).text
    assert "<script>" not in esc and "&lt;script&gt;" in esc


def test_login_link_only_with_test_flag(server: ServerThread) -> None:
    admin, _ = _users(server)
    uid = auth.user_id_of(server.engine, admin)
    assert uid is not None
    token = LINKS.issue(uid)
    server.app.state.console_options = ConsoleOptions(insecure_cookies=True)
    r = requests.get(server.url + "/console/login-link", params={"token": token}, timeout=10)
    assert r.status_code == 404
    server.app.state.console_options = ConsoleOptions(insecure_cookies=True, test_login_links=True)
    http = requests.Session()
    r = http.get(server.url + "/console/login-link", params={"token": token}, timeout=10)
    assert r.status_code == 200 and "Tổng quan các xã" in r.text
    again = requests.get(
        server.url + "/console/login-link",
        params={"token": token},
        timeout=10,
        allow_redirects=False,
    )
    assert again.headers["location"] == "/console/login"  # single use


def test_throttle() -> None:
    t = Throttle(limit=3, window=60)
    for _ in range(3):
        assert t.wait("k") == 0
        t.fail("k")
    assert t.wait("k") > 0 and t.wait("other") == 0
    t.clear("k")
    assert t.wait("k") == 0


def _expected(inst: Installation, start: str, end: str) -> tuple[int, int, int, int]:
    with inst.db.session() as s:
        envs = [e for e in iter_envelopes(s) if e["deleted_at"] is None]

    def in_period(e: dict[str, object]) -> bool:
        d = e["data"]
        assert isinstance(d, dict)
        return start <= str(d.get("day")) <= end

    held = sum(
        1
        for e in envs
        if e["entity"] == "session" and e["data"]["status"] == "held" and in_period(e)
    )
    people = {
        e["data"]["person_id"]
        for e in envs
        if e["entity"] in ("attendance", "skill_record") and in_period(e)
    }
    indep = [
        e["data"]
        for e in envs
        if e["entity"] == "skill_record" and e["data"]["outcome"] == "independent" and in_period(e)
    ]
    mastered = {(d["person_id"], d["skill_code"]) for d in indep}
    vneid = {d["person_id"] for d in indep if d["skill_code"] == "DD02"}
    return held, len(people), len(mastered), len(vneid)


def test_dashboard_and_report_match_synced_records(
    enrolled: Installation, server: ServerThread, engine: SyncEngine
) -> None:
    admin, _ = _users(server)
    rng = random.Random(7)
    for _ in range(3):
        make_activity(enrolled, rng, n=6)
    a = enrolled.actor
    with enrolled.db.session(a) as s:
        from sqlalchemy import select

        from app.models import Person

        pids = list(s.scalars(select(Person.id).where(Person.deleted_at.is_(None))))[:5]
        sessions.record_skills(s, a, pids, ["DD02", "DD03"], "independent", day=date(2026, 11, 3))
        sessions.record_skills(s, a, pids[:2], ["DD02"], "independent", day=date(2026, 11, 4))
    engine.run_once(max_wait=30)
    periods = parse_quarter("2026-Q4")
    assert periods
    held, people, mastered, vneid = _expected(enrolled, "0000", "9999")
    assert held > 0 and people > 0 and mastered > 0 and vneid > 0
    http = _session(server, admin)
    page = http.get(
        server.url + "/console/", params={"q": COMMUNE, "quarter": "2026-Q4"}, timeout=10
    ).text
    row = re.search(rf">{COMMUNE}</a></td><td class=\"name\">([^<]*)</td>(.*?)</tr>", page, re.S)
    assert row, page
    assert row.group(1) == commune_name(COMMUNE) != ""
    nums = [int(n) for n in re.findall(r'<td class="n[^"]*">(\d+)</td>', row.group(2))]
    assert nums[:4] == [held, people, mastered, vneid]
    assert nums[4:] == [0, 0]  # nothing quarantined or waiting
    # Filtering by the name without its marks finds the commune too.
    folded = http.get(
        server.url + "/console/",
        params={"q": _fold(commune_name(COMMUNE)).upper(), "quarter": "2026-Q4"},
        timeout=10,
    ).text
    assert f">{COMMUNE}</a>" in folded
    # Every commune of the province is listed, synced or not.
    everyone = http.get(server.url + "/console/", params={"quarter": "2026-Q4"}, timeout=10).text
    assert everyone.count('<a href="/console/commune/') >= 92
    assert "chưa đồng bộ" in everyone
    # Sorted by people reached, descending; filter leaves only matching codes.
    sorted_page = http.get(server.url + "/console/?sort=people&desc=1", timeout=10).text
    assert "Người được hỗ trợ ▼" in sorted_page
    # A malformed quarter is said so, and the current quarter shows.
    odd = http.get(server.url + "/console/", params={"quarter": "quý ba"}, timeout=10)
    now_q = current_quarter()
    assert odd.status_code == 200 and f'value="{now_q}" selected' in odd.text
    # The quarter drop-down offers the quarters with data.
    assert '<option value="2026-Q4"' in page
    assert "Quý phải có dạng" in odd.text
    # The commune page: monthly sessions add up to the total; one quarter row.
    trend = http.get(server.url + f"/console/commune/{COMMUNE}", timeout=10).text
    months = re.findall(r"<tr><td>(\d{4}-\d{2})</td><td class=\"n\">(\d+)</td>", trend)
    assert months and sum(int(n) for _, n in months) == held
    quarters = re.findall(r"<tr><td>(\d{4}-Q\d)</td>((?:<td class=\"n\">\d+</td>){6})", trend)
    assert [qk for qk, _ in quarters] == ["2026-Q4"]
    qnums = [int(n) for n in re.findall(r"(\d+)</td>", quarters[0][1])]
    assert qnums[0] == held and qnums[2:5] == [people, mastered, vneid]
    assert "<svg" in trend and commune_name(COMMUNE) in trend
    # Quarterly report, PDF and XLSX: the figures are those of the indicators module,
    # checked against the raw records in test_province_indicators_match_records.
    pdf = http.get(
        server.url + "/console/report", params={"quarter": "2026-Q4", "format": "pdf"}, timeout=60
    )
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "BÁO CÁO" in text and commune_name(COMMUNE) in text
    xlsx = http.get(
        server.url + "/console/report", params={"quarter": "2026-Q4", "format": "xlsx"}, timeout=60
    )
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    cells = {c for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r}
    assert commune_name(COMMUNE) in cells and people in cells
    bad = http.get(server.url + "/console/report", params={"quarter": "2026-Q9"}, timeout=10)
    assert bad.status_code == 400


def test_catalogue_published_from_a_file_or_pasted(server: ServerThread) -> None:
    """An admin chooses the catalogue CSV file (multipart upload) or pastes it; devices then
    see it as a change to pull. A file that is not UTF-8 is refused with what to do."""
    from pathlib import Path

    from sync.server.catalogue import changes_since

    admin, viewer = _users(server)
    content = (Path(__file__).parents[2] / "resources/data/skills_catalogue.csv").read_bytes()
    http = _session(server, admin)
    csrf = _csrf(http.get(server.url + "/console/catalogue", timeout=10).text)
    tag = uuid.uuid4().hex[:6]
    r = http.post(
        server.url + "/console/catalogue",
        data={"csrf": csrf, "version": f"2027.1-{tag}"},
        files={"file": ("danh-muc.csv", content, "text/csv")},
        timeout=10,
    )
    assert r.status_code == 200 and "Đã công bố danh mục" in r.text, r.text
    changes, _last, _more = changes_since(server.engine, 0, 100)
    ours = [c for c in changes if c.key == f"2027.1-{tag}"]
    rows = content.decode("utf-8").strip().splitlines()
    assert len(ours) == 1 and len(ours[0].payload["skills"]) == len(rows) - 1
    # Pasted instead of a file.
    r = http.post(
        server.url + "/console/catalogue",
        data={"csrf": csrf, "version": f"2027.2-{tag}", "csv": content.decode("utf-8")},
        timeout=10,
    )
    assert "Đã công bố danh mục" in r.text
    # A file saved in a legacy code page.
    r = http.post(
        server.url + "/console/catalogue",
        data={"csrf": csrf, "version": f"2027.3-{tag}"},
        files={"file": ("danh-muc.csv", "code,tên\nX1,Tên".encode("cp1258"), "text/csv")},
        timeout=10,
    )
    assert r.status_code == 200 and "CSV UTF-8" in r.text
    assert not [c for c in changes_since(server.engine, 0, 100)[0] if c.key == f"2027.3-{tag}"]
    # Nothing chosen.
    r = http.post(
        server.url + "/console/catalogue",
        data={"csrf": csrf, "version": f"2027.4-{tag}"},
        files={"file": ("", b"", "text/csv")},
        timeout=10,
    )
    assert "Chưa chọn tệp" in r.text
    # Without the CSRF token, or as a viewer: refused.
    r = http.post(
        server.url + "/console/catalogue",
        data={"version": f"2027.5-{tag}"},
        files={"file": ("danh-muc.csv", content, "text/csv")},
        timeout=10,
    )
    assert r.status_code == 403
    v = _session(server, viewer)
    r = v.post(
        server.url + "/console/catalogue",
        data={"csrf": _csrf(v.get(server.url + "/console/", timeout=10).text), "version": "x"},
        files={"file": ("danh-muc.csv", content, "text/csv")},
        timeout=10,
    )
    assert r.status_code == 403
