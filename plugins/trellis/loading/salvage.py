"""What can still be known of a contact file Trellis could not read.

A contact's file that fails to load (bad YAML, not UTF-8, an unclosed frontmatter...)
still describes a person, and the rest of the journal may name them. Dropping the file
would drop the only list that says their name, e-mail and phone are private, and the
public site would then carry them (fail open). So the file is read again here, as
plain text in whatever encoding it is in, and every name-, e-mail- and phone-looking
value is kept for the redactor and the privacy guard. Nothing here trusts the file's
structure: a line `name: ...` anywhere counts, quoted or not.
"""

from __future__ import annotations

import re

from ..model import EMAIL_PATTERN, Finding, Source, Withheld, phones_in

# the first bytes are enough to find the frontmatter's values; a huge file is not read whole
_READ_LIMIT = 1 << 20
_NAME_LINE = re.compile(r"^[ \t>-]*(?:name|full_?name|fn)[ \t]*:[ \t]*(.+?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_LINE_WORTH_KEEPING = 20  # a note line shorter than this is not identifying on its own


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", errors="replace")  # Latin-1 and Windows files: every byte is a letter


def _unquoted(value: str) -> str:
    value = value.split(" #", 1)[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value.strip()


def salvage(path: str, rid: str, source: Source, reason: Finding) -> Withheld:
    """The private values found in a contact file that could not become a record."""
    try:
        with open(path, "rb") as handle:
            text = _decoded(handle.read(_READ_LIMIT))
    except OSError:
        text = ""
    names = [name for name in (_unquoted(m.group(1)) for m in _NAME_LINE.finditer(text)) if name]
    emails = sorted(set(EMAIL_PATTERN.findall(text)))
    phones = sorted(phones_in(text))
    texts = [
        line.strip() for line in text.splitlines() if len(line.strip()) >= _LINE_WORTH_KEEPING and line.strip() != "---"
    ]
    return Withheld(id=rid, source=source, reason=reason, names=names, emails=emails, phones=phones, texts=texts)


def duplicate(record, reason: Finding) -> Withheld:
    """A contact read in full whose id another file already has: everything of it stays private."""
    return Withheld(
        id=record.id,
        source=record.source,
        reason=reason,
        names=[record.name] if record.name else [],
        emails=list(record.emails),
        phones=list(record.phones),
        contact=record,
    )
