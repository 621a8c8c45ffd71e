"""`trellis import linkedin|vcard`: the people read from another tool's file (`linkedin`,
`vcard`) merged into the journal's contact files, and the summary the command prints.

A person already in the journal (matched by LinkedIn address, then e-mail, then name) only
gets the fields that are empty in their file; everyone else becomes a new file. What the
export says differently (a new company, role, e-mail, phone or link: `changes.detect`) is
reported, and written only with `apply_changes` (`changes.apply`: the old company and role
kept in `past_companies:`). Nothing is overwritten (a file that changed while the import ran
is left alone), a second run changes nothing, and `dry_run` writes nothing at all. Imported
text is stored as written; every page escapes it.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .. import writing
from ..loading import load_journal
from ..model import fold
from . import changes as changing
from .linkedin import read_linkedin
from .people import Person, Problem
from .vcard import read_vcard


def profile_key(url: str) -> str:
    """LinkedIn addresses compared without scheme, www, query or trailing slash, ignoring case."""
    parts = urlsplit(url.strip() if "//" in url else "https://" + url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/').lower()}" if host else ""


@dataclass
class Report:
    read: int = 0  # rows or cards read from the file: added + merged + changed + unchanged + skipped
    added: list[tuple[str, Person]] = field(default_factory=list)  # (new id, person)
    merged: list[tuple[str, list[str]]] = field(default_factory=list)  # (id, fields filled)
    # people whose export differs from the journal: (id, person, changes, applied, fields filled)
    changed: list[tuple[str, Person, list[changing.Change], bool, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    applying: bool = False  # --apply-changes was given: a change not applied is a file left for the user
    problems: list[Problem] = field(default_factory=list)
    kept: int = 0  # values with no field of their own written into the notes (vCard's ROLE, ORG units...)

    @property
    def skipped(self) -> int:
        return sum(p.skipped for p in self.problems)

    def summary(self, dry_run: bool) -> str:
        verb = "would add" if dry_run else "added"
        changed = ""
        if self.changed:
            applied = sum(c[3] for c in self.changed)
            how = "would apply" if dry_run else "applied"
            if applied < len(self.changed):
                left = (
                    "not applied: edit those files by hand"
                    if self.applying
                    else "not applied: --apply-changes applies them"
                )
                how = (f"{how} {applied}, {len(self.changed) - applied} " if applied else "") + left
            changed = f", changed {len(self.changed)} ({how})"
        text = (
            f"read {self.read}: {verb} {len(self.added)}, {'would merge' if dry_run else 'merged'} "
            f"{len(self.merged)}{changed}, unchanged {self.unchanged}, skipped {self.skipped}"
        )
        if self.kept:
            text += f", {self.kept} value{'s' if self.kept > 1 else ''} kept in notes"
        if not self.added and not self.merged and not self.changed:
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
    address says so (a new e-mail is a change, not another person), a shared e-mail does
    unless their LinkedIn addresses differ; the same
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
        if row.profile and other.profile:  # one LinkedIn address is one person, whatever e-mail they now use
            return row.profile != other.profile
        return bool(row.emails and other.emails and not row.emails & other.emails)

    def learn(self, cid: str, person: Person) -> None:
        """A row was merged into `cid`: the LinkedIn address and e-mails it filled in now say who
        they are (a repeated row of the same file finds them)."""
        known = self.by_id[cid]
        row = _known(
            cid, person.name, person.links, person.emails, person.company, person.role, person.met or person.connected
        )
        if row.profile and not known.profile:
            known.profile = row.profile
            self.by_profile.setdefault(row.profile, []).append(known)
        if row.emails and not known.emails:
            known.emails = row.emails
            for email in row.emails:
                self.by_email.setdefault(email, []).append(known)

    def find(self, person: Person) -> tuple[str | None, list[str]]:
        """(the id this person is, or None for someone new; the ids it could equally be)."""
        row = _known(
            "", person.name, person.links, person.emails, person.company, person.role, person.met or person.connected
        )
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


def _notes_not_written(person: Person, cid: str) -> Problem:
    """The file's notes for a contact whose own notes are not empty: never merged into the
    user's text, so said, with what is left out."""
    kept = f" ({person.kept} of its values with no field of their own among them)" if person.kept else ""
    return Problem(
        person.line,
        f"the notes of {person.name}{kept} are not written: contacts/{cid}.md has notes of its own, "
        f"which an import never changes; copy in by hand what you want to keep",
    )


def import_people(
    journal_dir: Path,
    people: list[Person],
    dry_run: bool = False,
    progress: bool = False,
    apply_changes: bool = False,
    today: dt.date | None = None,
) -> Report:
    """Merge `people` into the journal (see the module); `apply_changes` writes what differs,
    the old company and role kept in `past_companies:` until `today`."""
    journal = load_journal(journal_dir)
    until = today or dt.date.today()
    compared: set[str] = set()  # the people whose changes a row of this run has reported
    report = Report(read=len(people), applying=apply_changes)
    index = _Index()
    for known_id, c in sorted(journal.contacts.items()):
        index.add(_known(known_id, c.name, c.links, c.emails, c.company, c.role, c.joined))
    taken = writing.taken_ids(journal_dir, "contacts")
    pending: dict[str, str] = {}  # new files of this run (id -> text), so a repeat row merges into them
    total = len(people)
    for n, person in enumerate(people, 1):
        if progress and total > 200 and (n % 50 == 0 or n == total):
            sys.stderr.write(f"\rimporting {n}/{total}")
            sys.stderr.flush()
        cid, alike = index.find(person)
        if alike:
            texts = {a: pending[a] if a in pending else _read(Path(journal.contacts[a].source.path)) for a in alike}
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
            index.add(
                _known(
                    cid,
                    person.name,
                    person.links,
                    person.emails,
                    person.company,
                    person.role,
                    person.met or person.connected,
                )
            )
            index.claimed.add(cid)
            pending[cid] = writing.frontmatter_text({**person.fields(), "public": False}, person.notes)
            report.added.append((cid, person))
            report.kept += person.kept
            continue
        index.claimed.add(cid)
        index.learn(cid, person)
        # a known contact's own file, wherever it is (subfolders of contacts/ too)
        path = None if cid in pending else Path(journal.contacts[cid].source.path)
        old = pending[cid] if path is None else _read(path)
        found: list[changing.Change] = []
        if path is not None and cid not in compared:  # someone the journal had, first row about them
            compared.add(cid)
            found = changing.detect(journal.contacts[cid], person)
        text, applied = old, False
        if found and apply_changes:
            edited = changing.apply(old, journal.contacts[cid], person, found, until)
            if edited is None:
                report.problems.append(
                    Problem(
                        person.line,
                        f"contacts/{cid}.md: the changes could not be written without risk to the file "
                        "(its frontmatter is written in a way this edit does not handle): edit it by hand",
                    )
                )
            else:
                text, applied = edited, True
        new, filled = writing.fill_fields(text, person.fields(), person.notes or None)
        if person.notes and "notes" not in filled and " ".join(person.notes.split()) not in " ".join(old.split()):
            report.problems.append(_notes_not_written(person, cid))
        if new != text and not changing.keeps(text, new):
            report.problems.append(
                Problem(
                    person.line,
                    f"contacts/{cid}.md: its frontmatter is written in a way the import cannot add lines to "
                    "without risk (one flow mapping?): nothing filled in; write one key a line, or fill it by hand",
                )
            )
            new, filled = text, []
        if new != old:
            if cid in pending:
                pending[cid] = new
            elif not dry_run and path is not None:  # not pending: its own file
                if not _replace_unchanged(path, old, new):
                    report.problems.append(
                        Problem(person.line, f"contacts/{cid}.md changed while the import ran: skipped", skipped=True)
                    )
                    continue
        report.kept += person.kept if "notes" in filled else 0
        if found:
            report.changed.append((cid, person, found, applied, filled))
        elif filled:
            report.merged.append((cid, filled))
        else:
            report.unchanged += 1
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


def _read(path: Path) -> str:
    """A contact file's text with its own line ends (CRLF stays CRLF: the edit keeps every other byte)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _replace_unchanged(path: Path, old: str, new: str) -> bool:
    """Write `new` over `path` only if it still holds `old` (the user may save it meanwhile)."""
    try:
        if _read(path) != old:
            return False
    except OSError:
        return False
    writing.replace(path, new)
    return True


def import_file(
    journal_dir: Path,
    kind: str,
    path: Path,
    dry_run: bool = False,
    progress: bool = False,
    apply_changes: bool = False,
    today: dt.date | None = None,
) -> Report:
    """Read an export (`kind` linkedin or vcard) and import its people; ImportFileError if it
    is not such an export. The report's problems hold the file's too, in line order."""
    people, problems = (read_linkedin if kind == "linkedin" else read_vcard)(path)
    report = import_people(
        journal_dir, people, dry_run=dry_run, progress=progress, apply_changes=apply_changes, today=today
    )
    report.read += sum(p.skipped for p in problems)
    report.problems = sorted(problems + report.problems, key=lambda p: p.line)
    return report
