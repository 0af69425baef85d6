"""Fill Vietnamese translations into resources/i18n/hocvuso_vi.ts from packaging/i18n/*.json.

Run after `pyside6-lupdate` adds new source strings; untranslated strings are listed and the
script exits non-zero so that no English is left in the Vietnamese interface.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "hocvuso_vi.ts"
STRINGS = ROOT / "packaging" / "i18n"


def update_sources() -> None:
    """Re-scan the desktop sources for translatable strings (pyside6-lupdate)."""
    import subprocess

    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (ROOT / "ui" / "desktop").rglob("*.py"))
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(TS), "-target-language", "vi_VN", "-no-obsolete"],
        check=True,
        capture_output=True,
    )


def main() -> int:
    if "--no-scan" not in sys.argv:
        update_sources()
    # One JSON file per area of the interface ({English source: Vietnamese}), merged.
    table: dict[str, str] = {}
    for f in sorted(STRINGS.glob("*.json")):
        table.update(json.loads(f.read_text("utf-8")))
    tree = ET.parse(TS)
    missing = []
    for msg in tree.iter("message"):
        src = msg.findtext("source") or ""
        tr = msg.find("translation")
        assert tr is not None
        if src in table:
            tr.text = table[src]
            tr.attrib.pop("type", None)
        elif tr.text is None or tr.attrib.get("type") == "unfinished":
            missing.append(src)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for m in missing:
        print(f"untranslated: {m}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
