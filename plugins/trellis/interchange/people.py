"""People read from other tools' files, before they are merged into the journal.

The two readers (`linkedin`, `vcard`) make the same records: a `Person` with the line of the
file it starts on, and a `Problem` for what was left out or could not be read, so the merge
and the command's report treat both kinds of file alike.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import MonthDay


@dataclass
class Person:
    """One person read from an import file, with the line it starts on."""

    line: int
    name: str = ""
    company: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    met: dt.date | None = None
    # the day the other tool says you connected (LinkedIn's "Connected On"): written as
    # `connected:`, never `met:`, which is yours (known, not met)
    connected: dt.date | None = None
    birthday: dt.date | MonthDay | None = None
    links: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    how_met: str = ""
    kept: int = 0  # values of the file with no field of their own, kept as lines of `notes`

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def phone(self) -> str:
        return self.phones[0] if self.phones else ""

    def fields(self) -> dict[str, Any]:
        """The contact fields, in the order a new file lists them; empty ones left out. One
        e-mail or phone is written as text, several as a list (the journal reads both)."""
        birthday = self.birthday.isoformat() if isinstance(self.birthday, MonthDay) else self.birthday
        values = {
            "name": self.name,
            "company": self.company,
            "role": self.role,
            "met": self.met,
            "connected": self.connected,
            "how_met": self.how_met,
            "links": self.links,
            "email": self.emails[0] if len(self.emails) == 1 else self.emails,
            "phone": self.phones[0] if len(self.phones) == 1 else self.phones,
            "birthday": birthday,
        }
        return {k: v for k, v in values.items() if v not in (None, "", {}, [])}


@dataclass
class Problem:
    line: int
    message: str
    skipped: bool = False  # the row or card was not imported: it counts in the summary's "skipped"

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ImportFileError(Exception):
    """The file is not an export of the kind asked for: nothing is imported."""


def tidy(text: str) -> str:
    return " ".join(text.split())


def add_unique(values: list[str], value: str, key=lambda v: v.casefold()) -> None:
    if value and key(value) not in {key(v) for v in values}:
        values.append(value)


def web_address(url: str) -> str:
    """`www.example.com` or `linkedin.com/in/ada` as the web address it means: `trellis check`
    takes only http(s) addresses as links (CONTACT-7, which fails a strict build)."""
    if re.match(r"(?:www\.|(?:[\w-]+\.)*linkedin\.com/)", url, flags=re.IGNORECASE):
        return "https://" + url
    return url
