"""Reference data shipped in resources/: communes, programmes, the skill catalogue and the
Thông tư 02 competences; loaded into a database and refreshed when a newer version ships."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import (
    CatalogueVersion,
    Commune,
    Competence,
    Programme,
    Skill,
    SkillGroup,
)
from app.resources import data_file
from app.vntext import fold


@dataclass(frozen=True)
class CommuneInfo:
    code: str
    name: str
    kind: str
    codename: str
    province_code: str
    province_name: str


def province_communes(province_code: str = "19") -> list[CommuneInfo]:
    """The commune-level units of a province after the 1 July 2025 reorganisation."""
    from vietnam_provinces import Province, ProvinceCode, Ward

    try:
        pcode = ProvinceCode(int(province_code))
    except ValueError:
        raise UserError(
            "commune.province",
            f"Không có tỉnh/thành phố mã {province_code}.",
            f"There is no province with code {province_code}.",
        ) from None
    province = Province.from_code(pcode)
    out = []
    for w in Ward.iter_by_province(pcode):
        kind = str(getattr(w.division_type, "value", w.division_type))
        out.append(
            CommuneInfo(
                code=f"{int(w.code):05d}",
                name=w.name,
                kind=kind,
                codename=w.codename,
                province_code=f"{int(pcode):02d}",
                province_name=province.name,
            )
        )
    return out


def find_commune(code: str) -> CommuneInfo:
    from vietnam_provinces import Province, Ward, WardCode

    digits = code.strip()
    if not digits.isdigit():
        raise _unknown_commune(code)
    try:
        ward = Ward.from_code(WardCode(int(digits)))
    except ValueError:
        raise _unknown_commune(code) from None
    province = Province.from_code(ward.province_code)
    return CommuneInfo(
        code=f"{int(ward.code):05d}",
        name=ward.name,
        kind=str(getattr(ward.division_type, "value", ward.division_type)),
        codename=ward.codename,
        province_code=f"{int(ward.province_code):02d}",
        province_name=province.name,
    )


def _unknown_commune(code: str) -> UserError:
    return UserError(
        "commune.unknown",
        f"Không có xã/phường mã '{code}'. Mã xã gồm 5 chữ số, ví dụ 01840 (Phường Đức Xuân).",
        f"There is no commune with code '{code}'. Commune codes have 5 digits, e.g. 01840.",
    )


def load_communes(s: Session, province_code: str) -> int:
    existing = set(s.scalars(select(Commune.code)))
    n = 0
    for c in province_communes(province_code):
        if c.code in existing:
            continue
        s.add(
            Commune(
                code=c.code,
                name=c.name,
                kind=c.kind,
                codename=c.codename,
                province_code=c.province_code,
                province_name=c.province_name,
                search_key=fold(c.name),
            )
        )
        n += 1
    return n


def load_programmes(s: Session) -> None:
    with data_file("programmes.csv").open(encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            s.merge(
                Programme(
                    code=row["code"],
                    name_vi=row["name_vi"],
                    name_en=row["name_en"],
                    description_vi=row.get("description_vi", ""),
                    sort=i,
                    active=True,
                )
            )


def load_competences(s: Session) -> None:
    with data_file("competences_tt02.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            s.merge(
                Competence(
                    code=row["code"],
                    domain=int(row["domain"]),
                    name_vi=row["name_vi"],
                    name_en=row["name_en"],
                )
            )


def domains() -> dict[int, tuple[str, str]]:
    with data_file("domains_tt02.csv").open(encoding="utf-8") as f:
        return {int(r["domain"]): (r["name_vi"], r["name_en"]) for r in csv.DictReader(f)}


@dataclass(frozen=True)
class CatalogueSkill:
    code: str
    name_vi: str
    name_en: str
    competence: str
    group: str


def read_catalogue_csv(path: Path) -> list[CatalogueSkill]:
    with path.open(encoding="utf-8-sig") as f:
        return [
            CatalogueSkill(
                code=r["code"].strip(),
                name_vi=r["name_vi"].strip(),
                name_en=r["name_en"].strip(),
                competence=r["tt02_component"].strip(),
                group=r["group"].strip(),
            )
            for r in csv.DictReader(f)
        ]


def apply_catalogue(
    s: Session,
    version: str,
    published_at: datetime,
    source: str,
    skills: list[CatalogueSkill],
    group_names_en: dict[str, str],
) -> bool:
    """Install a catalogue version. Skills missing from it are deactivated, never deleted,
    because past skill records refer to them. Returns False if that version is already active."""
    current = s.get(CatalogueVersion, version)
    if current is not None and current.active:
        return False
    known_competences = set(s.scalars(select(Competence.code)))
    for sk in skills:
        if sk.competence not in known_competences:
            raise UserError(
                "catalogue.competence",
                f"Kỹ năng {sk.code} tham chiếu năng lực '{sk.competence}' không có trong "
                "Thông tư 02.",
                f"Skill {sk.code} refers to competence '{sk.competence}', not in Circular 02.",
            )
    groups = list(dict.fromkeys(sk.group for sk in skills))
    for i, g in enumerate(groups):
        s.merge(SkillGroup(code=g, name_vi=g, name_en=group_names_en.get(g, g), sort=i))
    s.flush()
    s.execute(update(Skill).values(active=False))
    for i, sk in enumerate(skills):
        s.merge(
            Skill(
                code=sk.code,
                name_vi=sk.name_vi,
                name_en=sk.name_en,
                group_code=sk.group,
                competence_code=sk.competence,
                version=version,
                sort=i,
                active=True,
            )
        )
    s.execute(update(CatalogueVersion).values(active=False))
    s.merge(CatalogueVersion(version=version, published_at=published_at, source=source, active=True))
    return True


def load_bundled_catalogue(s: Session) -> bool:
    """Install the catalogue shipped with the program unless the province sent a newer one."""
    meta = json.loads(data_file("catalogue_meta.json").read_text("utf-8"))
    active = s.scalars(select(CatalogueVersion).where(CatalogueVersion.active)).first()
    if active is not None and (active.source != "bundled" or active.version >= meta["version"]):
        return False
    return apply_catalogue(
        s,
        meta["version"],
        datetime.fromisoformat(meta["published_at"]),
        "bundled",
        read_catalogue_csv(data_file("skills_catalogue.csv")),
        {g["code"]: g["name_en"] for g in meta["groups"]},
    )


def load_reference_data(s: Session, province_code: str) -> None:
    load_communes(s, province_code)
    load_programmes(s)
    load_competences(s)
    s.flush()
    load_bundled_catalogue(s)
