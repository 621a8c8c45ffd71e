"""`trellis import linkedin|vcard`: people from other tools into contact files.

Reading: LinkedIn's Connections.csv as it really is (a preamble before the header in
recent exports, found by its columns; BOM or none; CRLF or LF; quoted fields with commas;
"07 Feb 2026" or "1/8/18, 6:14 PM" dates) and vCard 3.0/4.0 through vobject, one card
at a time so a broken card is reported and the others still import.

Merging: a person already in the journal (matched by LinkedIn address, then e-mail,
then name) only gets the fields that are empty in their file; everyone else becomes a
new file. Nothing is overwritten, a second run changes nothing, and `dry_run` writes
nothing at all. Imported text is stored as written; every page escapes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

from . import writing
from .loading import load_journal
from .model import fold


@dataclass
class Person:
    """One person read from an import file, with the line it starts on."""

    line: int
    name: str = ""
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    met: dt.date | None = None
    birthday: dt.date | None = None
    links: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    how_met: str = ""

    def fields(self) -> dict[str, Any]:
        """The contact fields, in the order a new file lists them; empty ones left out."""
        values = {"name": self.name, "company": self.company, "role": self.role, "met": self.met,
                  "how_met": self.how_met, "links": self.links, "email": self.email, "phone": self.phone,
                  "birthday": self.birthday}
        return {k: v for k, v in values.items() if v not in (None, "", {}, [])}


@dataclass
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


# ------------------------------------------------------------------ LinkedIn

LINKEDIN_COLUMNS = {"first name": "first", "last name": "last", "url": "url", "profile url": "url",
                    "email address": "email", "company": "company", "position": "position",
                    "connected on": "connected"}
_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%m/%d/%y", "%m/%d/%Y", "%Y-%m-%d", "%b %d, %Y")


def parse_date(text: str) -> dt.date | None:
    """LinkedIn's dates: "07 Feb 2026", and the older "1/8/18, 6:14 PM" (US order)."""
    text = " ".join(text.split())
    text = re.sub(r",?\s+\d{1,2}:\d{2}(:\d{2})?\s*([AP]M)?$", "", text, flags=re.IGNORECASE)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel's re-saves


def read_linkedin(path: Path) -> tuple[list[Person], list[Problem]]:
    text = _decode(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    header: dict[str, int] | None = None
    people, problems = [], []
    line = 1
    for row in reader:
        row_line, line = line, reader.line_num + 1
        cells = [c.strip() for c in row]
        if header is None:
            names = {c.lower(): i for i, c in enumerate(cells)}
            if {"first name", "last name"} <= names.keys():
                header = {LINKEDIN_COLUMNS[n]: i for n, i in names.items() if n in LINKEDIN_COLUMNS}
            continue
        if not any(cells):
            continue

        def cell(key: str) -> str:
            i = header.get(key)
            return " ".join(cells[i].split()) if i is not None and i < len(cells) else ""

        name = " ".join(f"{cell('first')} {cell('last')}".split())
        if not name:
            problems.append(Problem(row_line, "no first or last name: skipped"))
            continue
        person = Person(row_line, name=name, company=cell("company"), role=cell("position"),
                        email=cell("email"), how_met="LinkedIn")
        if cell("url"):
            person.links["linkedin"] = cell("url")
        if cell("connected"):
            person.met = parse_date(cell("connected"))
            if person.met is None:
                problems.append(Problem(row_line, f"'{cell('connected')}' is not a date: {name} imported without met"))
        people.append(person)
    if header is None:
        problems.append(Problem(1, "no header with First Name and Last Name: is this LinkedIn's Connections.csv?"))
    return people, problems


# ------------------------------------------------------------------ vCard

def _cards(text: str) -> Iterator[tuple[int, str]]:
    """Each BEGIN:VCARD ... END:VCARD block with its first line (vobject then parses one card)."""
    start, block = 0, []
    for number, line in enumerate(text.splitlines(), 1):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            start, block = number, [line]
        elif block:
            block.append(line)
            if upper == "END:VCARD":
                yield start, "\r\n".join(block) + "\r\n"
                block = []
    if block:
        yield start, "\r\n".join(block) + "\r\n"


def _first(card, name: str, lines: bool = False) -> str:
    """The first non-empty value of a property, spaces tidied (and, for notes, line breaks kept)."""
    values = card.contents.get(name, [])
    for item in values:
        value = item.value
        if isinstance(value, list):
            value = value[0] if value else ""
        if lines:
            text = "\n".join(" ".join(line.split()) for line in str(value).splitlines()).strip()
        else:
            text = " ".join(str(value).split())
        if text:
            return text
    return ""


def _bday(text: str) -> dt.date | None:
    digits = text.replace("-", "")[:8]
    if len(digits) == 8 and digits.isdigit():
        try:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            return None
    return None  # "--0501": no year, nothing to store as a date


def read_vcard(path: Path) -> tuple[list[Person], list[Problem]]:
    import vobject

    text = _decode(path.read_bytes())
    people, problems = [], []
    for line, block in _cards(text):
        try:
            card = vobject.readOne(block)
        except Exception as err:  # vobject raises several kinds; any of them means this card is unreadable
            problems.append(Problem(line, f"unreadable card ({' '.join(str(err).split())[:80]}): skipped"))
            continue
        name = _first(card, "fn")
        if not name and "n" in card.contents:
            n = card.n.value
            name = " ".join(f"{n.given} {n.additional} {n.family}".split())
        if not name:
            problems.append(Problem(line, "a card with no name (FN or N): skipped"))
            continue
        org = card.contents.get("org", [])
        company = ""
        if org:
            value = org[0].value
            company = " ".join((value[0] if isinstance(value, list) and value else str(value)).split())
        person = Person(line, name=name, company=company, role=_first(card, "title"), email=_first(card, "email"),
                        phone=re.sub(r"^tel:", "", _first(card, "tel"), flags=re.IGNORECASE),  # 4.0's uri form
                        notes=_first(card, "note", lines=True))
        for item in card.contents.get("url", []):
            url = str(item.value).strip()
            host = urlsplit(url).netloc.lower()
            key = "linkedin" if host.endswith("linkedin.com") else "website"
            if url and key not in person.links:
                person.links[key] = url
        person.birthday = _bday(_first(card, "bday"))
        people.append(person)
    if not people and not problems:
        problems.append(Problem(1, "no BEGIN:VCARD ... END:VCARD card found"))
    return people, problems


# ------------------------------------------------------------------ merging

def profile_key(url: str) -> str:
    """LinkedIn addresses compared without scheme, www, query or trailing slash, ignoring case."""
    parts = urlsplit(url.strip() if "//" in url else "https://" + url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/').lower()}" if host else ""


@dataclass
class Report:
    added: list[tuple[str, Person]] = field(default_factory=list)  # (new id, person)
    merged: list[tuple[str, list[str]]] = field(default_factory=list)  # (id, fields filled)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self, dry_run: bool) -> str:
        verb = "would add" if dry_run else "added"
        text = (f"{verb} {len(self.added)}, {'would merge' if dry_run else 'merged'} {len(self.merged)}, "
                f"unchanged {self.unchanged}, skipped {sum('skipped' in p.message for p in self.problems)}")
        if not self.added and not self.merged:
            text += ": nothing to change"
        return text


class _Index:
    """Who is already in the journal, by LinkedIn address, e-mail and name."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], str] = {}

    @staticmethod
    def _keys(links: dict[str, str], email: str, name: str) -> list[tuple[str, str]]:
        """The ways to recognise a person, the surest first."""
        keys = (("url", profile_key(links.get("linkedin", ""))), ("email", fold(email)), ("name", fold(name)))
        return [key for key in keys if key[1]]

    def add(self, cid: str, links: dict[str, str], email: str, name: str) -> None:
        for key in self._keys(links, email, name):
            self.by_key.setdefault(key, cid)

    def find(self, person: Person) -> str | None:
        for key in self._keys(person.links, person.email, person.name):
            if key in self.by_key:
                return self.by_key[key]
        return None


def import_people(journal_dir: Path, people: list[Person], dry_run: bool = False, progress: bool = False) -> Report:
    journal = load_journal(journal_dir)
    report = Report()
    index = _Index()
    for cid, contact in sorted(journal.contacts.items()):
        index.add(cid, contact.links, contact.email, contact.name)
    taken = writing.taken_ids(journal_dir, "contacts")
    pending: dict[str, str] = {}  # new files of this run (id -> text), so a repeat row merges into them
    total = len(people)
    for n, person in enumerate(people, 1):
        if progress and total > 200 and (n % 50 == 0 or n == total):
            sys.stderr.write(f"\rimporting {n}/{total}")
            sys.stderr.flush()
        cid = index.find(person)
        if cid is None:
            cid = writing.free_id(writing.slug(person.name) or "contact", taken)
            taken.add(cid)
            index.add(cid, person.links, person.email, person.name)
            pending[cid] = writing.frontmatter_text({**person.fields(), "public": False}, person.notes)
            report.added.append((cid, person))
            continue
        # a known contact's own file, wherever it is (subfolders of contacts/ too)
        path = None if cid in pending else Path(journal.contacts[cid].source.path)
        old = pending[cid] if path is None else path.read_text(encoding="utf-8")
        new, filled = writing.fill_fields(old, person.fields(), person.notes or None)
        if not filled:
            report.unchanged += 1
            continue
        if cid in pending:
            pending[cid] = new
        else:
            if not dry_run:
                writing.replace(path, new)
            report.merged.append((cid, filled))
    if progress and total > 200:
        sys.stderr.write("\n")
    if not dry_run:
        for cid, text in pending.items():
            try:
                writing.create(journal_dir / "contacts" / f"{cid}.md", text)
            except writing.FileExists:
                report.problems.append(Problem(0, f"contacts/{cid}.md appeared during the import: skipped"))
    return report
