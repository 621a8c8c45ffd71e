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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import vcards, writing
from .decoding import decode_text, visible
from .loading import date_bounds_problem, load_journal
from .model import MonthDay, fold


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
    birthday: dt.date | MonthDay | None = None
    links: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    how_met: str = ""

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


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _add_unique(values: list[str], value: str, key=lambda v: v.casefold()) -> None:
    if value and key(value) not in {key(v) for v in values}:
        values.append(value)


# ------------------------------------------------------------------ LinkedIn

LINKEDIN_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected",
}
# LinkedIn writes "07 Feb 2026" (and until 2018 "1/8/18, 6:14 PM", month first); Excel
# re-saves them as "5-Jan-26", "23-Apr-2023", "16.09.2021", "2021-09-16" or "16/09/2021"
_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%Y-%m-%d",
    "%b %d, %Y",
    "%B %d, %Y",
)
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
FIELD_LIMIT = 1 << 20  # characters in one cell; LinkedIn's are short, Excel's at most 32,767


def web_address(url: str) -> str:
    """`www.example.com` or `linkedin.com/in/ada` as the web address it means: `trellis check`
    takes only http(s) addresses as links (CONTACT-7, which fails a strict build)."""
    if re.match(r"(?:www\.|(?:[\w-]+\.)*linkedin\.com/)", url, flags=re.IGNORECASE):
        return "https://" + url
    return url


def parse_date(text: str, day_first: bool = False) -> dt.date | None:
    """A "Connected On" date in any form LinkedIn or Excel writes it; `day_first` for
    slashed dates with a four-digit year ("16/09/2021"), whose order only the file tells."""
    text = " ".join(text.split())
    text = re.sub(r",?\s+\d{1,2}:\d{2}(:\d{2})?\s*([AP]M)?$", "", text, flags=re.IGNORECASE)
    slashed = _SLASHED.fullmatch(text)
    if slashed:
        first, second, year = (int(g) for g in slashed.groups())
        year += 2000 if year < 100 else 0  # LinkedIn's "1/8/18": no connection predates 2000
        month, day = (second, first) if day_first and len(slashed.group(3)) == 4 else (first, second)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _day_first(values: list[str], delimiter: str) -> bool:
    """Whether the file's four-digit slashed dates put the day first: any first part over 12
    says so, any second part over 12 says not; else Excel's European re-save (semicolons)
    is taken to be day first."""
    for value in values:
        match = _SLASHED.match(value.strip())
        if match and len(match.group(3)) == 4:
            if int(match.group(1)) > 12:
                return True
            if int(match.group(2)) > 12:
                return False
    return delimiter == ";"


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return [c.strip().lstrip("\ufeff").strip() for c in next(csv.reader([line], delimiter=delimiter), [])]
    except csv.Error:
        return []


def _header(lines: list[str]) -> tuple[int, str, dict[str, int]]:
    """The line holding LinkedIn's column names (after a preamble, or Excel's "sep=;"), its
    delimiter, and where each known column is; ImportFileError naming the columns found."""
    for index, line in enumerate(lines[:100]):
        for delimiter in (",", ";", "\t"):
            names = {c.lower(): i for i, c in enumerate(_cells(line, delimiter))}
            if {"first name", "last name"} <= names.keys():
                return index, delimiter, {LINKEDIN_COLUMNS[n]: i for n, i in names.items() if n in LINKEDIN_COLUMNS}
    first = next((line for line in lines if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    found = [c for c in _cells(first, delimiter) if c][:12]
    columns = ", ".join(visible(c[:40]) for c in found) or "none"
    raise ImportFileError(
        f"no column named First Name and Last Name: this does not look like LinkedIn's "
        f"Connections.csv (the first row's columns: {columns}); export it again from "
        f"LinkedIn (Settings, Data privacy, Get a copy of your data, Connections)"
    )


def _rows(
    lines: list[str], start: int, delimiter: str, width: int, problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row from `lines[start]` on. A quote left open swallows
    the rows after it into one field: a row spanning lines where a later line reads as a
    row by itself is that, reported, and reading starts again on the line after it."""
    position = start
    while position < len(lines):
        reader = csv.reader(iter(lines[position:]), delimiter=delimiter)
        restart = None
        while True:
            before = reader.line_num
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                line = position + before + 1
                reason = (
                    f"a cell longer than {FIELD_LIMIT:,} characters"
                    if "field limit" in str(err)
                    else " ".join(str(err).split())
                )
                problems.append(
                    Problem(line, f"{reason}: row skipped; shorten that cell and import again", skipped=True)
                )
                restart = position + max(reader.line_num, before + 1)
                break
            first = position + before
            spanned = reader.line_num - before
            if spanned > 1 and any(
                len(_cells(lines[k], delimiter)) >= width for k in range(first + 1, first + spanned)
            ):
                problems.append(
                    Problem(
                        first + 1,
                        f"a quote opened on this line is not closed (the {spanned - 1} "
                        f"lines after it were read as one cell): row skipped, the lines after it "
                        f"read again; close or remove the quote and import again",
                        skipped=True,
                    )
                )
                restart = first + 1
                break
            yield first + 1, row
        if restart is None:
            return
        position = restart


def read_linkedin(path: Path) -> tuple[list[Person], list[Problem]]:
    text, replaced = decode_text(path.read_bytes())
    lines = list(io.StringIO(text, newline=""))
    at, delimiter, header = _header(lines)
    people: list[Person] = []
    problems = [
        Problem(n, "a byte that is not text in this file's encoding was read as \ufffd: check this row")
        for n in replaced
    ]
    limit = csv.field_size_limit()
    csv.field_size_limit(FIELD_LIMIT)
    try:
        rows = [
            (line, [c.strip() for c in row])
            for line, row in _rows(lines, at + 1, delimiter, max(header.values()) + 1, problems)
            if any(c.strip() for c in row)
        ]
    finally:
        csv.field_size_limit(limit)

    def cell(cells: list[str], key: str) -> str:
        i = header.get(key)
        return _tidy(cells[i]) if i is not None and i < len(cells) else ""

    day_first = _day_first([cell(cells, "connected") for _, cells in rows], delimiter)
    for row_line, cells in rows:
        name = _tidy(f"{cell(cells, 'first')} {cell(cells, 'last')}")
        if not name:
            problems.append(Problem(row_line, "no first or last name: skipped", skipped=True))
            continue
        email = cell(cells, "email")
        person = Person(
            row_line,
            name=name,
            company=cell(cells, "company"),
            role=cell(cells, "position"),
            emails=[email] if "@" in email else [],
            how_met="LinkedIn",
        )  # not "urn:li:member:..."
        if cell(cells, "url"):
            person.links["linkedin"] = web_address(cell(cells, "url"))
        if cell(cells, "connected"):
            person.met = parse_date(cell(cells, "connected"), day_first)
            if person.met is None:
                problems.append(
                    Problem(row_line, f"'{cell(cells, 'connected')}' is not a date: {name} imported without met")
                )
            elif (far := date_bounds_problem(person.met)) is not None:  # `trellis check` would refuse it (FILE-10)
                problems.append(
                    Problem(row_line, f"'{cell(cells, 'connected')}' {far.why}: {name} imported without met")
                )
                person.met = None
        people.append(person)
    problems.sort(key=lambda p: p.line)
    return people, problems


# ------------------------------------------------------------------ vCard


def _texts(card, name: str) -> list[tuple[str, dict]]:
    """Every non-empty value of a property with its parameters, spaces tidied; the
    preferred ones first (2.1's PREF, 3.0's TYPE=pref, 4.0's PREF=1)."""
    found = []
    for item in card.contents.get(name, []):
        value = item.value
        if isinstance(value, list):
            value = value[0] if value else ""
        text = _tidy(str(value))
        if text:
            types = {t.lower() for t in item.params.get("TYPE", [])}
            found.append((text, item.params, "pref" not in types and "PREF" not in item.params))
    found.sort(key=lambda f: f[2])  # a stable sort: the file's order within each
    return [(text, params) for text, params, _ in found]


def _note(card) -> str:
    for item in card.contents.get("note", []):
        text = "\n".join(_tidy(line) for line in str(item.value).splitlines()).strip()
        if text:
            return text
    return ""


def _organisation(card) -> str:
    for item in card.contents.get("org", []):
        value = item.value
        first = value[0] if isinstance(value, list) and value else value
        first = ", ".join(first) if isinstance(first, list) else str(first)
        if _tidy(first):
            return _tidy(first)
    return ""


def _name_from_n(card) -> str:
    for item in card.contents.get("n", []):
        n = item.value
        parts = []
        for part in (n.given, n.additional, n.family):
            parts += part if isinstance(part, list) else [part]
        if _tidy(" ".join(parts)):
            return _tidy(" ".join(parts))
    return ""


_BDAY = re.compile(r"(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?")


def parse_birthday(text: str, omit_year: str | None = None) -> dt.date | MonthDay | None:
    """BDAY as clients write it: 19510101, 1951-01-01, 1980-03-22T00:00:00Z, --0804 and
    --08-04 (no year), and Apple's 1604-08-04 with X-APPLE-OMIT-YEAR=1604 (no year either)."""
    match = _BDAY.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if year == "--" or year == (omit_year or "").strip() or year == "1604":
            return MonthDay(int(month), int(day))
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _error_line(card: vcards.MendedCard) -> int:
    """The file's line of the first line vobject cannot parse (its own line count is not the file's)."""
    import vobject

    for text, line in zip(card.text.split("\r\n"), card.lines):
        try:
            vobject.base.textLineToContentLine(text)
        except Exception:  # vobject raises several kinds
            return line
    return card.line


def _person_of(card, line: int, problems: list[Problem]) -> Person | None:
    emails = [re.sub(r"^mailto:", "", t, flags=re.IGNORECASE) for t, _ in _texts(card, "email")]
    name = (
        (_texts(card, "fn") or [("", {})])[0][0] or _name_from_n(card) or _organisation(card) or next(iter(emails), "")
    )
    if not name:
        problems.append(
            Problem(line, "a card with no name (FN, N), organisation (ORG) or e-mail: skipped", skipped=True)
        )
        return None
    person = Person(
        line,
        name=name,
        company=_organisation(card),
        role=next((t for prop in ("title", "role") for t, _ in _texts(card, prop)), ""),
        notes=_note(card),
    )
    for email in emails:
        _add_unique(person.emails, email)
    for phone, _ in _texts(card, "tel"):  # 4.0's uri form: tel:+1-555-0100
        _add_unique(
            person.phones, re.sub(r"^tel:", "", phone, flags=re.IGNORECASE), key=lambda p: re.sub(r"\D", "", p) or p
        )
    for url, _params in _texts(card, "url") + _texts(card, "x-socialprofile"):
        if not re.match(r"https?://|www\.", url, flags=re.IGNORECASE):
            continue  # X-SOCIALPROFILE also holds "x-apple:username"
        url = web_address(url)
        host = urlsplit(url).netloc.lower()
        key = "linkedin" if host.endswith("linkedin.com") else "website"
        person.links.setdefault(key, url)
    bday = _texts(card, "bday")
    if bday:
        text, params = bday[0]
        person.birthday = parse_birthday(text, (params.get("X-APPLE-OMIT-YEAR") or [None])[0])
        if person.birthday is None:
            problems.append(Problem(line, f"birthday '{text}' is not a date: {name} imported without it"))
        elif isinstance(person.birthday, dt.date) and (far := date_bounds_problem(person.birthday)) is not None:
            problems.append(Problem(line, f"birthday '{text}' {far.why}: {name} imported without it"))  # FILE-10
            person.birthday = None
    return person


def read_vcard(path: Path) -> tuple[list[Person], list[Problem]]:
    import vobject

    people, problems = [], []
    for card in vcards.mend(path.read_bytes()):
        problems += [
            Problem(n, "a byte that is not text in this file's encoding was read as \ufffd: check this card")
            for n in card.replaced
        ]
        problems += [
            Problem(n, "a line that is no vCard property (a comment?): left out, the rest of the card read")
            for n in card.ignored
        ]
        if card.error:
            problems.append(Problem(card.error[0], f"unreadable card ({card.error[1]}): skipped", skipped=True))
            continue
        try:
            person = _person_of(vobject.readOne(card.text), card.line, problems)
        except Exception as err:  # vobject raises several kinds; any of them means this card is unreadable
            reason = visible(" ".join(str(err).split())[:80])
            problems.append(Problem(_error_line(card), f"unreadable card ({reason}): skipped", skipped=True))
            continue
        if person is not None:
            people.append(person)
    if not people and not problems:
        raise ImportFileError("no BEGIN:VCARD ... END:VCARD card found: is this a vCard (.vcf) file?")
    return people, problems


# ------------------------------------------------------------------ merging


def profile_key(url: str) -> str:
    """LinkedIn addresses compared without scheme, www, query or trailing slash, ignoring case."""
    parts = urlsplit(url.strip() if "//" in url else "https://" + url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/').lower()}" if host else ""


@dataclass
class Report:
    read: int = 0  # rows or cards read from the file: added + merged + unchanged + skipped
    added: list[tuple[str, Person]] = field(default_factory=list)  # (new id, person)
    merged: list[tuple[str, list[str]]] = field(default_factory=list)  # (id, fields filled)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(p.skipped for p in self.problems)

    def summary(self, dry_run: bool) -> str:
        verb = "would add" if dry_run else "added"
        text = (
            f"read {self.read}: {verb} {len(self.added)}, {'would merge' if dry_run else 'merged'} "
            f"{len(self.merged)}, unchanged {self.unchanged}, skipped {self.skipped}"
        )
        if not self.added and not self.merged:
            text += ": nothing to change"
        return text


@dataclass
class _Known:
    """A person in the journal, or added by this run, as the import recognises them."""

    cid: str
    name: str  # folded
    profile: str  # profile_key of the LinkedIn address, or ""
    emails: set[str]  # folded
    company: str  # folded
    role: str  # folded
    met: dt.date | None


def _known(cid: str, name: str, links: dict, emails: list[str], company: str, role: str, met) -> _Known:
    return _Known(
        cid,
        fold(name),
        profile_key(links.get("linkedin", "") or ""),
        {fold(e) for e in emails if e},
        fold(company),
        fold(role),
        met if isinstance(met, dt.date) else None,
    )


class _Index:
    """Who is who. Two people are the same only if nothing contradicts it: the same LinkedIn
    address or a shared e-mail says so (unless their LinkedIn addresses differ); the same
    name says so only when neither a LinkedIn address nor the e-mails differ, and only for
    one row of a run (a file that lists two people of one name means two people)."""

    def __init__(self) -> None:
        self.by_id: dict[str, _Known] = {}
        self.by_name: dict[str, list[_Known]] = {}
        self.by_profile: dict[str, list[_Known]] = {}
        self.by_email: dict[str, list[_Known]] = {}
        self.claimed: set[str] = set()  # ids a row of this run is already taken to be

    def add(self, known: _Known) -> None:
        self.by_id[known.cid] = known
        self.by_name.setdefault(known.name, []).append(known)
        if known.profile:
            self.by_profile.setdefault(known.profile, []).append(known)
        for email in known.emails:
            self.by_email.setdefault(email, []).append(known)

    @staticmethod
    def _contradicts(row: _Known, other: _Known) -> bool:
        if row.profile and other.profile and row.profile != other.profile:
            return True
        return bool(row.emails and other.emails and not row.emails & other.emails)

    def learn(self, cid: str, person: Person) -> None:
        """A row was merged into `cid`: the LinkedIn address and e-mails it filled in now say who
        they are (a repeated row of the same file finds them)."""
        known = self.by_id[cid]
        row = _known(cid, person.name, person.links, person.emails, person.company, person.role, person.met)
        if row.profile and not known.profile:
            known.profile = row.profile
            self.by_profile.setdefault(row.profile, []).append(known)
        if row.emails and not known.emails:
            known.emails = row.emails
            for email in row.emails:
                self.by_email.setdefault(email, []).append(known)

    def find(self, person: Person) -> tuple[str | None, list[str]]:
        """(the id this person is, or None for someone new; the ids it could equally be)."""
        row = _known("", person.name, person.links, person.emails, person.company, person.role, person.met)
        sure = self.by_profile.get(row.profile, []) + [k for e in sorted(row.emails) for k in self.by_email.get(e, [])]
        sure = [k for k in sure if not self._contradicts(row, k)]
        if sure:
            return sure[0].cid, []  # the LinkedIn address first, then the e-mail
        candidates = [
            k
            for k in self.by_name.get(row.name, [])
            if row.name and k.cid not in self.claimed and not self._contradicts(row, k)
        ]
        if not candidates:
            return None, []

        def agreement(k: _Known) -> int:  # a tie-break on what is not a contradiction (people move jobs)
            return sum(bool(a) and a == b for a, b in ((row.company, k.company), (row.role, k.role), (row.met, k.met)))

        best = max(map(agreement, candidates))
        candidates = [k for k in candidates if agreement(k) == best]
        return (candidates[0].cid, []) if len(candidates) == 1 else (None, [k.cid for k in candidates])


def import_people(journal_dir: Path, people: list[Person], dry_run: bool = False, progress: bool = False) -> Report:
    journal = load_journal(journal_dir)
    report = Report(read=len(people))
    index = _Index()
    for known_id, c in sorted(journal.contacts.items()):
        index.add(_known(known_id, c.name, c.links, c.emails, c.company, c.role, c.met))
    taken = writing.taken_ids(journal_dir, "contacts")
    pending: dict[str, str] = {}  # new files of this run (id -> text), so a repeat row merges into them
    total = len(people)
    for n, person in enumerate(people, 1):
        if progress and total > 200 and (n % 50 == 0 or n == total):
            sys.stderr.write(f"\rimporting {n}/{total}")
            sys.stderr.flush()
        cid, alike = index.find(person)
        if alike:
            texts = {
                a: pending[a] if a in pending else Path(journal.contacts[a].source.path).read_text(encoding="utf-8")
                for a in alike
            }
            same = [a for a in alike if not writing.fill_fields(texts[a], person.fields(), person.notes or None)[1]]
            if same:  # one of them already holds all this row says: nothing to decide
                index.claimed.add(same[0])
                report.unchanged += 1
                continue
            report.problems.append(
                Problem(
                    person.line,
                    f"{person.name} could be any of "
                    f"{', '.join(f'contacts/{a}.md' for a in alike)}: skipped; give the right "
                    f"one the LinkedIn address or e-mail this row has, or import by hand",
                    skipped=True,
                )
            )
            continue
        if cid is None:
            cid = writing.free_id(writing.slug(person.name) or "contact", taken)
            taken.add(cid)
            index.add(_known(cid, person.name, person.links, person.emails, person.company, person.role, person.met))
            index.claimed.add(cid)
            pending[cid] = writing.frontmatter_text({**person.fields(), "public": False}, person.notes)
            report.added.append((cid, person))
            continue
        index.claimed.add(cid)
        index.learn(cid, person)
        # a known contact's own file, wherever it is (subfolders of contacts/ too)
        path = None if cid in pending else Path(journal.contacts[cid].source.path)
        old = pending[cid] if path is None else path.read_text(encoding="utf-8")
        new, filled = writing.fill_fields(old, person.fields(), person.notes or None)
        if not filled:
            report.unchanged += 1
            continue
        if cid in pending:
            pending[cid] = new
        elif not dry_run and path is not None:  # not pending: its own file
            writing.replace(path, new)
        report.merged.append((cid, filled))
    if progress and total > 200:
        sys.stderr.write("\n")
    if not dry_run:
        for cid, text in pending.items():
            try:
                writing.create(journal_dir / "contacts" / f"{cid}.md", text)
            except writing.FileExists:
                line = next(p.line for c, p in report.added if c == cid)
                report.added = [(c, p) for c, p in report.added if c != cid]
                report.merged = [(c, f) for c, f in report.merged if c != cid]
                report.problems.append(
                    Problem(line, f"contacts/{cid}.md appeared during the import: skipped", skipped=True)
                )
    return report


def import_file(journal_dir: Path, kind: str, path: Path, dry_run: bool = False, progress: bool = False) -> Report:
    """Read an export (`kind` linkedin or vcard) and import its people; ImportFileError if it
    is not such an export. The report's problems hold the file's too, in line order."""
    people, problems = (read_linkedin if kind == "linkedin" else read_vcard)(path)
    report = import_people(journal_dir, people, dry_run=dry_run, progress=progress)
    report.read += sum(p.skipped for p in problems)
    report.problems = sorted(problems + report.problems, key=lambda p: p.line)
    return report
