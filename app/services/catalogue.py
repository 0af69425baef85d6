"""Choice lists from the catalogue for forms and filters (programmes; skills live in
people_queries)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Programme
from app.services.people_queries import Choice


def programme_choices(s: Session) -> list[Choice]:
    """The active programmes, in the catalogue's order."""
    rows = s.execute(
        select(Programme.code, Programme.name_vi, Programme.name_en)
        .where(Programme.active)
        .order_by(Programme.sort, Programme.code)
    ).all()
    return [Choice(code, vi, en) for code, vi, en in rows]
