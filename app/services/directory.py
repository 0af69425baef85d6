"""Villages, team members (Tổ công nghệ số cộng đồng) and officer accounts of the commune."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import Actor
from app.errors import UserError
from app.keystore import KeyFile, username_for
from app.models import Officer, TeamMember, Village
from app.services.common import Outcome, audit, not_found, require, require_role
from app.vntext import fold, nfc, normalize_phone
from app.vocab import ROLES, VILLAGE_KINDS, check_code


@dataclass(frozen=True)
class VillageView:
    id: str
    name: str
    kind: str
    adult_population: int | None


def _vview(v: Village) -> VillageView:
    return VillageView(v.id, v.name, v.kind, v.adult_population)


def list_villages(s: Session) -> list[VillageView]:
    rows = s.scalars(select(Village).where(Village.deleted_at.is_(None)))
    return sorted((_vview(v) for v in rows), key=lambda v: fold(v.name))


def save_village(
    s: Session,
    actor: Actor,
    name: str,
    kind: str = "thon",
    adult_population: int | None = None,
    village_id: str | None = None,
) -> Outcome[VillageView]:
    name = nfc(name)
    require(bool(name), "village.name", "Hãy nhập tên thôn/xóm.", "Enter the village name.", "name")
    check_code(VILLAGE_KINDS, kind, "Loại địa bàn", "village kind")
    require(
        adult_population is None or 0 <= adult_population <= 1_000_000,
        "village.population",
        "Số người trưởng thành phải là số không âm.",
        "The adult population must be a non-negative number.",
        "adult_population",
    )
    key = fold(name)
    clash = s.scalars(
        select(Village).where(Village.search_key == key, Village.deleted_at.is_(None))
    ).first()
    if clash is not None and clash.id != village_id:
        raise UserError(
            "village.exists",
            f"Đã có thôn/xóm '{clash.name}'.",
            f"A village named '{clash.name}' already exists.",
            field="name",
        )
    if village_id:
        v = s.get(Village, village_id)
        if v is None or v.deleted_at is not None:
            raise not_found("thôn/xóm", "Village")
    else:
        v = Village(commune_code=actor.commune_code)
        s.add(v)
    v.name, v.kind, v.adult_population, v.search_key = name, kind, adult_population, key
    s.flush()
    audit(s, actor, "village.save", "village", v.id)
    return Outcome(_vview(v), (("village", v.id),))


def find_village(s: Session, name: str) -> VillageView | None:
    key = fold(name)
    v = s.scalars(
        select(Village).where(Village.search_key == key, Village.deleted_at.is_(None))
    ).first()
    return None if v is None else _vview(v)


@dataclass(frozen=True)
class TeamMemberView:
    id: str
    full_name: str
    phone: str | None
    position: str
    organisation: str
    village_id: str | None
    active: bool


def _tview(t: TeamMember) -> TeamMemberView:
    return TeamMemberView(
        t.id, t.full_name, t.phone, t.position, t.organisation, t.village_id, t.active
    )


def list_team(s: Session, *, include_inactive: bool = False) -> list[TeamMemberView]:
    q = select(TeamMember).where(TeamMember.deleted_at.is_(None))
    if not include_inactive:
        q = q.where(TeamMember.active)
    return sorted((_tview(t) for t in s.scalars(q)), key=lambda t: fold(t.full_name))


def save_team_member(
    s: Session,
    actor: Actor,
    full_name: str,
    *,
    phone: str | None = None,
    position: str = "",
    organisation: str = "",
    village_id: str | None = None,
    active: bool = True,
    member_id: str | None = None,
) -> Outcome[TeamMemberView]:
    name = nfc(full_name)
    require(bool(name), "team.name", "Hãy nhập họ tên.", "Enter the name.", "full_name")
    norm_phone = None
    if phone and phone.strip():
        norm_phone = normalize_phone(phone)
        require(
            norm_phone is not None,
            "team.phone",
            "Số điện thoại không hợp lệ.",
            "The phone number is not valid.",
            "phone",
        )
    if member_id:
        t = s.get(TeamMember, member_id)
        if t is None or t.deleted_at is not None:
            raise not_found("thành viên", "Team member")
    else:
        t = TeamMember(commune_code=actor.commune_code)
        s.add(t)
    t.full_name, t.search_key, t.phone = name, fold(name), norm_phone
    t.position, t.organisation = nfc(position), nfc(organisation)
    t.village_id, t.active = village_id, active
    s.flush()
    audit(s, actor, "team.save", "team_member", t.id)
    return Outcome(_tview(t), (("team_member", t.id),))


@dataclass(frozen=True)
class OfficerView:
    id: str
    username: str
    full_name: str
    role: str
    active: bool


def list_officers(s: Session) -> list[OfficerView]:
    return [
        OfficerView(o.id, o.username, o.full_name, o.role, o.active)
        for o in s.scalars(
            select(Officer).where(Officer.deleted_at.is_(None)).order_by(Officer.username)
        )
    ]


def add_officer(
    s: Session,
    actor: Actor,
    keyfile: KeyFile,
    key: bytes,
    full_name: str,
    password: str,
    role: str = "officer",
) -> Outcome[OfficerView]:
    """An administrator adds an officer: a database row and a key-file slot for the password."""
    require_role(actor, "admin")
    check_code(ROLES, role, "Vai trò", "role")
    name = nfc(full_name)
    require(bool(name), "officer.name", "Hãy nhập họ tên.", "Enter the name.", "full_name")
    username = username_for(name)
    exists = s.scalars(select(Officer).where(Officer.username == username)).first()
    if exists is not None:
        raise UserError(
            "officer.exists",
            f"Đã có tài khoản '{username}'. Thêm chữ cái phân biệt vào tên (ví dụ tên đệm).",
            f"The account '{username}' already exists. Add a distinguishing name.",
        )
    o = Officer(commune_code=actor.commune_code, username=username, full_name=name, role=role)
    s.add(o)
    s.flush()
    keyfile.set_password(key, username, password)
    audit(s, actor, "officer.add", "officer", o.id, f"role={role}")
    return Outcome(OfficerView(o.id, username, name, role, True), (("officer", o.id),))


def set_officer_active(
    s: Session, actor: Actor, keyfile: KeyFile, officer_id: str, active: bool
) -> Outcome[OfficerView]:
    require_role(actor, "admin")
    o = s.get(Officer, officer_id)
    if o is None:
        raise not_found("tài khoản", "Account")
    require(
        o.id != actor.officer_id or active,
        "officer.self",
        "Không thể tự khoá tài khoản của mình.",
        "You cannot disable your own account.",
    )
    o.active = active
    if not active:
        # Without its key slot, the password no longer opens the database.
        keyfile.remove_user(o.username)
    s.flush()
    audit(s, actor, "officer.active" if active else "officer.disable", "officer", o.id)
    return Outcome(OfficerView(o.id, o.username, o.full_name, o.role, o.active), (("officer", o.id),))
