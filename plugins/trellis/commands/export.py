"""`trellis export json|vcard|ics`: the journal written out (`interchange.export`,
`interchange.calendar`), on standard output or into a new file, never over one."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import writing
from ..interchange import export
from ..interchange.calendar import journal_calendar
from ..loading import load_journal
from ..pipeline import Analysis


def calendar_text(analysis: Analysis) -> str:
    """`ics`: judged against today, as the site is (the shared pipeline's analysis)."""
    return journal_calendar(analysis).decode("utf-8")  # its CRLF line ends kept as they are


def journal_text(journal_dir: Path, kind: str) -> str:
    """`json` or `vcard`: the journal as it is on disk."""
    journal = load_journal(journal_dir)
    return export.journal_json(journal) if kind == "json" else export.journal_vcards(journal)


def run(text: str, kind: str, output: str | None) -> int:
    """Write the exported text where `-o` says (standard output by default)."""
    if output in (None, "-"):
        sys.stdout.write(text)
        return 0
    try:
        writing.create(Path(output), text)
    except writing.FileExists:
        print(f"trellis export: {output} already exists: give a new file name", file=sys.stderr)
        return 1
    print(f"trellis export {kind}: wrote {output}")
    return 0
