"""No English left in the Vietnamese interface: every source string has a finished translation."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.resources import resources_dir


def test_every_string_is_translated_to_vietnamese() -> None:
    tree = ET.parse(resources_dir() / "i18n" / "hocvuso_vi.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if (t := m.find("translation")) is None or not (t.text or "").strip()
        or t.attrib.get("type") in {"unfinished", "obsolete", "vanished"}
    ]
    assert unfinished == []
    assert len(list(tree.iter("message"))) >= 20
