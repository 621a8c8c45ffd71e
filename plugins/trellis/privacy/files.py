"""Which files the public site may carry, and the contact files a public build stops on.

Fail closed: a contact file Trellis could not read, an id taken twice, a `public:` that is
neither true nor false leaves it unclear who may be named, so nothing is published."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from ..model import MARKDOWN_SUFFIXES, Finding, Journal, in_record_folder

# What the public site carries from the journal folder, decided on purpose: pages (which
# Trellis renders and redacts), images of ordinary formats (the guard reads their names)
# and a custom domain's CNAME. Anything else (an export, a spreadsheet, a backup, notes in
# another text format, an SVG or a script) stays home unless the `publish_files` option
# names its pattern; whatever goes is read by the guard.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")
ALWAYS_PUBLISHED = ("CNAME",)
# exports a user may leave anywhere in docs_dir: full of contact data, never published
EXPORT_SUFFIXES = (".csv", ".vcf", ".vcard", ".ics", ".ical", ".ifb")


def publishes_file(rel: str, allowed: Iterable[str] = ()) -> bool:
    """Whether a file the user put in the journal folder is copied into the public site as it is.

    `allowed`: the `publish_files` option's patterns (fnmatch, on the path inside the
    journal), files the user decided may go.
    """
    lower = rel.lower()
    if in_record_folder(rel):
        return False  # nothing but records (which become pages) leaves these: a photo is named after its person
    if lower.endswith(MARKDOWN_SUFFIXES):  # pages (model.MARKDOWN_SUFFIXES)
        return True
    if lower.endswith(IMAGE_SUFFIXES) or rel in ALWAYS_PUBLISHED:
        return True
    return any(fnmatch.fnmatchcase(rel, pattern) for pattern in allowed)


def publishes_site_file(src_uri: str) -> bool:
    """A file of the site around the journal (docs_dir outside `journal_dir`): the site's own,
    published as MkDocs publishes it, but for contact exports, which never are."""
    return not src_uri.lower().endswith(EXPORT_SUFFIXES)


def blocking(journal: Journal) -> list[Finding]:
    """Findings that stop a public build: people Trellis could not read, or whose consent is unclear.

    A contact file that could not be read, an id taken twice, a `public:` that is not
    true or false: publishing then would guess about a person.
    """
    files = {w.source.shown for w in journal.withheld}
    files |= {
        c.source.shown
        for c in journal.contacts.values()
        if "public" in c.invalid or not c.public and (not c.name or "name" in c.invalid)
    }
    return [f for f in journal.findings if f.shown in files and f.severity == "error"]


def blocking_message(blocking: list[Finding]) -> str | None:
    """Why a public build stops on the people it could not read, or None."""
    if not blocking:
        return None
    return (
        f"Trellis stopped the public build: {len(blocking)} problem(s) in contact files leave it unclear "
        "who may be named, so nothing is published:\n"
        + "\n".join(f"  {f}" for f in blocking[:20])
        + "\nFix them (trellis check lists the same); until then these people are private in every view."
    )
