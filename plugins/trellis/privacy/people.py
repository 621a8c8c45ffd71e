"""Who the public view must not name, as the matcher knows them: a private contact with
what else their file gives away (a name read from the id, e-mails and phones written in the
notes or under another key, a birthday written loosely)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TypedDict

from ..model import EMAIL_PATTERN, PHONE_PATTERN, Contact, MonthDay, fold  # one definition of an e-mail or a phone
from .keys import Person, person_from_contact


class _GivenAway(TypedDict, total=False):
    """What else a contact's file gives away, as the `Person` fields it replaces."""

    name: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    birthday: dt.date | MonthDay | None


def known_person(contact: Contact, label: str) -> Person:
    """A private contact as the matcher knows them, with what else their file gives away: a
    name read from the id when the name could not be read ("zebulon-quartermaine" is
    Zebulon Quartermaine), and e-mails and phone numbers written in the notes."""
    person = person_from_contact(contact, label)
    extra: _GivenAway = {}
    if not contact.name or "name" in contact.invalid:
        extra["name"] = contact.id.replace("-", " ").replace("_", " ")
    emails = set(EMAIL_PATTERN.findall(contact.notes)) | _emails_in(contact.source.text)
    emails -= set(person.emails)
    phones = {
        p.strip()
        for p in PHONE_PATTERN.findall(contact.notes)
        if sum(c.isdigit() for c in p) >= 7 and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.strip())
    } - set(person.phones)
    if "phone" in contact.invalid:  # a phone Trellis could not read (a mapping: FILE-8) is still theirs
        phones |= {
            p.strip()
            for p in PHONE_PATTERN.findall(_raw_value(contact.source.text, "phone", block=True))
            if sum(c.isdigit() for c in p) >= 7
        } - set(person.phones)
    if person.birthday is None and "birthday" in contact.invalid:
        # a birthday Trellis could not read ("14 March 1990", "14/03/1990": CONTACT-2) is still
        # the person's: whatever of it can be read is guarded, not left out as unreadable
        extra["birthday"] = _loose_birthday(_raw_value(contact.source.text, "birthday"))
    if emails:
        extra["emails"] = person.emails + tuple(sorted(emails))
    if phones:
        extra["phones"] = person.phones + tuple(sorted(phones))
    return dataclasses.replace(person, **extra) if extra else person


_READ = 1 << 20  # bytes of a record file's text read for what else it says: its head


def _head(text: str) -> str:
    """The first `_READ` bytes of a file's text (a character is at most four bytes)."""
    if len(text) <= _READ // 4:
        return text
    return text.encode("utf-8", "surrogatepass")[:_READ].decode("utf-8", errors="replace")


def _raw_value(text: str, key: str, block: bool = False) -> str:
    """The text after `key:` on its line of a record file's text ("" if there is none); with
    `block`, the indented lines below it too (a mapping or a list written over several lines)."""
    text = _head(text)
    tail = r"(?:\n[ \t]+.*|\n[ \t]*-.*)*" if block else ""
    found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:[ \t]*(.*{tail})$", text, re.MULTILINE)
    return found.group(1).strip().strip("'\"").strip() if found else ""


_LOOSE_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _loose_birthday(text: str) -> dt.date | MonthDay | None:
    """A date (or a MonthDay without its year) read from how people write a birthday: ISO with
    any separator and out of bounds (9999-12-31), 14/03/1990 (day first unless the day cannot be
    a month... or the month cannot be: 03/14/1990), 14 March 1990, March 14th, 1990, March 14."""
    text = fold(text)
    numeric = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    words = re.match(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,})\.?,?\s*(\d{4})?", text) or re.match(
        r"([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})?", text
    )
    year = month = day = None
    if numeric and numeric.group(1):
        year, month, day = (int(g) for g in numeric.group(1, 2, 3))
    elif numeric:
        first, second, year = (int(g) for g in numeric.group(4, 5, 6))
        day, month = (second, first) if second > 12 >= first else (first, second)
    elif words:
        named = words.group(2) if words.group(1).isdigit() else words.group(1)
        number = words.group(1) if words.group(1).isdigit() else words.group(2)
        if named[:3] in _LOOSE_MONTHS:
            month, day = _LOOSE_MONTHS.index(named[:3]) + 1, int(number)
            year = int(words.group(3)) if words.group(3) else None
    if month is None or day is None:  # (read together: both or neither)
        return None
    try:
        # a year out of the loader's range (0001, 9999) is no year anyone was born in, and its
        # short forms ("1.1.1") read as version numbers: the day and month still are the birthday
        return dt.date(year, month, day) if year and 1900 <= year <= 2199 else MonthDay(month, day)
    except ValueError:
        try:
            return MonthDay(month, day)
        except ValueError:
            return None


def _emails_in(text: str) -> set[str]:
    """Every e-mail-looking string in a contact's file (its text as the loader read it), under
    whatever key it was written (`Email:`, `emails:`, a list, "Ada <ada@example.com>",
    mailto:): all private."""
    return set(EMAIL_PATTERN.findall(_head(text)))
