"""`trellis import linkedin|vcard FILE`: what the import added, filled, found changed and
skipped, a line each (`--apply-changes` writes the changes; see `interchange.changes`).

The reading and the merge are in `interchange`; names and cells are other people's text, so
they are shown with their control characters visible.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import clock
from ..decoding import visible
from ..interchange.merge import import_file
from ..interchange.people import ImportFileError


def run(journal_dir: Path, kind: str, file: str, dry_run: bool, apply_changes: bool = False) -> int:
    source = Path(file)
    if not source.is_file():
        print(f"trellis import: {file} is not a file", file=sys.stderr)
        return 2
    try:
        report = import_file(
            journal_dir,
            kind,
            source,
            dry_run=dry_run,
            progress=sys.stderr.isatty(),
            apply_changes=apply_changes,
            today=clock.today(),
        )
    except ImportFileError as err:
        print(f"trellis import: {visible(file)}: {err}", file=sys.stderr)
        return 1
    prefix = "would add" if dry_run else "added"
    for cid, person in report.added:
        print(f"{prefix} contacts/{cid}.md ({visible(person.name)}, line {person.line})")
    for cid, filled in report.merged:
        print(f"{'would fill' if dry_run else 'filled'} {', '.join(filled)} in contacts/{cid}.md")
    for cid, person, changes, applied, filled in report.changed:
        said = "; ".join(visible(str(c)) for c in changes)
        done = ("would apply" if dry_run else "applied") if applied else "not applied"
        print(f"{cid}: {said} ({done}; line {person.line})")
        if filled:
            print(f"{'would fill' if dry_run else 'filled'} {', '.join(filled)} in contacts/{cid}.md")
    for problem in report.problems:
        print(f"{visible(file)}:{problem.line}: {visible(problem.message)}")
    print(f"trellis import {kind}: {report.summary(dry_run)}")
    return 0
