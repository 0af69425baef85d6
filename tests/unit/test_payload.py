"""QR payloads survive the keyboard and reject misreads."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app import payload
from app.ids import uuid7

P, S = uuid7(), uuid7()


def test_round_trips() -> None:
    assert payload.decode(payload.encode_person(P)) == payload.PersonRef(P)
    assert payload.decode(payload.encode_session(S)) == payload.SessionRef(S)
    assert payload.decode(payload.encode_row(S, P)) == payload.RowRef(S, P)
    c = payload.encode_certificate(P, date(2026, 11, 25), 7)
    assert payload.decode(c) == payload.CertificateRef(P, date(2026, 11, 25), 7)


def test_digits_only_and_scanner_whitespace_ignored() -> None:
    code = payload.encode_row(S, P)
    assert code.isdigit() and len(code) == 4 + 78 + 2
    assert payload.decode(" " + code + "\r\n") == payload.RowRef(S, P)


def test_not_a_payload() -> None:
    for text in ["", "nguyen", "0912345678", "019165001234|Nguyễn Văn A|01011965", "12ab"]:
        assert payload.decode(text) is None


@given(st.integers(min_value=4, max_value=84), st.integers(min_value=1, max_value=9))
def test_any_single_digit_error_is_rejected(pos: int, delta: int) -> None:
    code = payload.encode_row(S, P)
    pos = min(pos, len(code) - 1)
    bad = code[:pos] + str((int(code[pos]) + delta) % 10) + code[pos + 1 :]
    assert isinstance(payload.decode(bad), payload.PayloadError)


def test_adjacent_swap_and_truncation_rejected() -> None:
    code = payload.encode_person(P)
    for i in range(4, len(code) - 1):
        if code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            assert isinstance(payload.decode(swapped), payload.PayloadError)
    assert isinstance(payload.decode(code[:-3]), payload.PayloadError)


def test_newer_version_says_update() -> None:
    code = payload.encode_person(P)
    newer = code[:2] + "2" + code[3:-2]
    newer += payload._check(newer)
    err = payload.decode(newer)
    assert isinstance(err, payload.PayloadError) and err.message.code == "payload.version"
