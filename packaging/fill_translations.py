"""Refresh resources/translations/reviewer_app_zh_CN.ts from the sources and fill it.

Runs pyside6-lupdate over reviewer_app/ui, app.py and first_run_tasks.py, then writes the
Chinese of ``zh_CN_messages.py`` into every message. Exits 1 (listing them) if any message
has no translation, so a new English string cannot slip through untranslated.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import importlib

from build_translations import ROOT, TRANSLATIONS, tool
from zh_CN_messages import BY_CONTEXT, MESSAGES

# Each feature may keep its Chinese in its own ``zh_CN_messages_<feature>.py`` (same two
# dicts), so parallel work on different features never edits the same table.
for _extra in sorted(Path(__file__).resolve().parent.glob("zh_CN_messages_*.py")):
    _module = importlib.import_module(_extra.stem)
    MESSAGES.update(getattr(_module, "MESSAGES", {}))
    BY_CONTEXT.update(getattr(_module, "BY_CONTEXT", {}))

TS = TRANSLATIONS / "reviewer_app_zh_CN.ts"


def sources() -> list[str]:
    """Python files whose strings are translated (paths relative to the repository)."""
    files = sorted((ROOT / "reviewer_app" / "ui").rglob("*.py"))
    files += [ROOT / "reviewer_app" / "app.py", ROOT / "reviewer_app" / "first_run_tasks.py"]
    return [str(p.relative_to(ROOT)) for p in files]


def run_lupdate() -> None:
    """Extract messages into the .ts (obsolete ones dropped)."""
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "relative",
         "-source-language", "en", "-target-language", "zh_CN", *sources(), "-ts", str(TS)],
        check=True, cwd=ROOT,
    )


def fill() -> list[tuple[str, str]]:
    """Write translations into the .ts; return (context, source) pairs that have none."""
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            text = BY_CONTEXT.get((name, source), MESSAGES.get(source))
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if text is None:
                missing.append((name, source))
                continue
            translation.attrib.pop("type", None)
            for child in list(translation):
                translation.remove(child)
            if message.get("numerus") == "yes":
                translation.text = None
                ET.SubElement(translation, "numerusform").text = text  # Chinese: one form
            else:
                translation.text = text
    body = ET.tostring(tree.getroot(), encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")
    return missing


def main() -> int:
    """lupdate, fill, report."""
    run_lupdate()
    missing = fill()
    for context, source in missing:
        print(f"missing zh_CN: [{context}] {source!r}", file=sys.stderr)
    print(f"{TS.relative_to(ROOT)}: {'incomplete' if missing else 'complete'}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
