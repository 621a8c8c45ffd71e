"""The one place that decides what an audience sees.

Two audiences: the owner (`mkdocs serve`: everything, with what stays private marked)
and the public (`mkdocs build` / `gh-deploy`: the portfolio). Every page, figure and
file asks a `View` before it shows a person, a text or a file. SPEC.md's promise: the
public site never holds contact e-mail, phone, notes, the names and ids of contacts
without `public: true`, interaction summaries, or the text of entries without
`public: true`. People who did not agree to be named appear by role and sector.

`View.leaks()` is the last line of defence: after a public build, the plugin scans
every output file for the private strings this module lists, and fails the build
(before `gh-deploy` can push) if one got through.
"""

from __future__ import annotations

import enum
import html
import json
import os
from functools import cached_property
from typing import Iterable, Mapping

from .model import Contact, Entry, Interaction, Journal
from .phrases import Phrases

ENV_VAR = "TRELLIS_AUDIENCE"
OWNER_PAGES = ("checks", "reach-out")
RECORD_FOLDERS = ("goals", "contacts", "entries")
# exports a user may leave in the journal folder: full of contact data, never published
EXPORT_SUFFIXES = (".csv", ".vcf", ".vcard")
# markers shorter than this are too common to scan for (a contact named "Al")
_MIN_MARKER = 5


class Audience(str, enum.Enum):
    OWNER = "owner"
    PUBLIC = "public"


class AudienceError(ValueError):
    pass


def choose_audience(option: str, command: str | None, environ: Mapping[str, str] = os.environ) -> Audience:
    """`TRELLIS_AUDIENCE`, else the plugin's `audience` option, else serve → owner, build → public.

    `gh-deploy` publishes, so it always builds the public view, whatever asks for another.
    """
    if command == "gh-deploy":
        return Audience.PUBLIC
    for chosen, where in ((environ.get(ENV_VAR, ""), f"the environment variable {ENV_VAR}"),
                          (option, "the plugin option 'audience'")):
        chosen = (chosen or "").strip().lower()
        if chosen in ("", "auto"):
            continue
        try:
            return Audience(chosen)
        except ValueError:
            raise AudienceError(f"{where} is {chosen!r}: set it to owner, public or auto") from None
    return Audience.OWNER if command == "serve" else Audience.PUBLIC


def _article(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def describe(contact: Contact) -> str:
    """A person who did not agree to be named: "an engineering manager in fintech"."""
    role = " ".join(contact.role.lower().split())
    sector = " ".join(contact.sector.split())
    who = _article(role) if role else "someone"
    return f"{who} in {sector}" if sector else who


class View:
    """What one audience sees of one journal."""

    def __init__(self, journal: Journal, audience: Audience):
        self.journal = journal
        self.audience = audience

    @property
    def owner(self) -> bool:
        return self.audience is Audience.OWNER

    # pages and files -----------------------------------------------------------------

    def shows_page(self, name: str) -> bool:
        return self.owner or name not in OWNER_PAGES

    def shows_contact_page(self, contact: Contact) -> bool:
        return self.owner or contact.public

    def publishes_file(self, rel: str) -> bool:
        """Whether a file the user put in the journal folder is copied into the site as it is."""
        if self.owner:
            return True
        top = rel.split("/", 1)[0]
        if top in RECORD_FOLDERS and "/" in rel and not rel.endswith(".md"):
            return False
        return not rel.lower().endswith(EXPORT_SUFFIXES)

    # people and texts ----------------------------------------------------------------

    def names_contact(self, contact: Contact) -> bool:
        return self.owner or contact.public

    def contact_label(self, contact_id: str) -> str:
        contact = self.journal.contacts.get(contact_id)
        if contact is None:
            return contact_id if self.owner else "someone"
        if self.names_contact(contact):
            return contact.name or contact.id
        return describe(contact)

    def shows_entry(self, entry: Entry) -> bool:
        return self.owner or entry.public

    def entry_text(self, entry: Entry) -> str:
        if self.owner:
            return entry.text
        return self.redact(entry.text) if entry.public else ""

    def summary(self, interaction: Interaction) -> str:
        return interaction.summary if self.owner else ""

    def contact_private_fields(self, contact: Contact) -> dict[str, str]:
        """Fields shown on the owner's contact page only, marked as private there."""
        if not self.owner:
            return {}
        fields = {"e-mail": contact.email, "phone": contact.phone,
                  "birthday": contact.birthday.isoformat() if contact.birthday else ""}
        return {k: v for k, v in fields.items() if v}

    def redact(self, text: str) -> str:
        """Text the user wrote for the public site, with unconsenting people replaced by their role."""
        if self.owner or not text:
            return text
        return self._names.replace_words(text, self._name_to_label.__getitem__)

    @cached_property
    def _private_contacts(self) -> list[Contact]:
        return [c for c in self.journal.contacts.values() if not c.public]

    @cached_property
    def _name_to_label(self) -> dict[str, str]:
        labels: dict[str, str] = {}
        for contact in self._private_contacts:
            for name in (contact.name, contact.id):
                if name and len(name) >= 2:
                    labels.setdefault(name.casefold(), describe(contact))
        return labels

    @cached_property
    def redaction_key(self) -> tuple:
        """What `redact` depends on: two views with equal keys redact every text alike."""
        return () if self.owner else tuple(sorted(self._name_to_label.items()))

    @cached_property
    def _names(self) -> Phrases:
        return Phrases(self._name_to_label)

    # the last line of defence ----------------------------------------------------------

    def private_markers(self) -> dict[str, str]:
        """Every private string of the journal, mapped to where it comes from."""
        markers: dict[str, str] = {}

        def add(text: str, origin: str) -> None:
            # markdown's list and quote marks don't survive rendering: scan for the words
            text = " ".join(text.strip().lstrip("-*+>#").split())
            if len(text) >= _MIN_MARKER:
                markers.setdefault(text, origin)

        for contact in self.journal.contacts.values():
            where = contact.source.shown
            add(contact.email, f"the e-mail in {where}")
            add(contact.phone, f"the phone number in {where}")
            for line in contact.notes.splitlines():
                add(line, f"the notes of {where}")
            if not contact.public:
                add(contact.name, f"the name in {where} (public is not true)")
                if "-" in contact.id:  # a one-word id ("maya") is too common a word to scan for
                    add(contact.id, f"the id of {where} (public is not true)")
        # a line the user also published in a public entry is theirs to show
        published = {" ".join(line.split()) for e in self.journal.entries if e.public for line in e.text.splitlines()}
        for entry in self.journal.entries:
            for interaction in entry.interactions:
                add(interaction.summary, f"an interaction summary in {entry.source.shown}")
            if not entry.public:
                for line in entry.text.splitlines():
                    if len(line.strip()) >= 20 and " ".join(line.split()) not in published:
                        add(line, f"the text of {entry.source.shown} (public is not true)")
        return markers

    def leaks(self, files: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """(output file, what leaked) for each private string found in (path, text) pairs."""
        if self.owner:
            return []
        markers = self.private_markers()
        if not markers:
            return []
        forms: dict[str, str] = {}
        for marker, origin in markers.items():
            # the marker as it appears in HTML, in JSON, and in HTML inside JSON
            for form in {marker, html.escape(marker), html.escape(marker, quote=False),
                         json.dumps(marker)[1:-1], json.dumps(html.escape(marker))[1:-1]}:
                forms.setdefault(form.casefold(), origin)
        phrases = Phrases(forms)
        found = []
        for path, text in files:
            match = phrases.first(" ".join(text.split()))
            if match is not None:
                found.append((path, forms[match]))
        return found


# --------------------------------------------------------------------------- the repository
# Appended as a section of its own: the site's privacy above never reaches the repository.
# GitHub Pages on a free plan publishes only from a public repository, and a public
# repository shows every journal file, however careful the built site is. When the
# repository is public, the journal may hold nothing private at all.

import os as _os  # noqa: E402  (this section keeps its own imports)
from dataclasses import dataclass as _dataclass, field as _field  # noqa: E402

VISIBILITY_VAR = "TRELLIS_REPOSITORY_VISIBILITY"  # GitHub's github.event.repository.visibility
_PRIVATE_CONTACT_KEYS = ("want", "give")  # written in contact files, never loaded into Contact


def repository_is_public(environ: Mapping[str, str] = _os.environ) -> bool:
    """Whether the journal's own repository is public: only the word `public` says so
    (GitHub also says `private` and `internal`)."""
    return environ.get(VISIBILITY_VAR, "").strip().lower() == "public"


@_dataclass
class Exposure:
    """What a public repository holding this journal shows that the public site never would."""

    files: dict[str, list[str]] = _field(default_factory=dict)  # shown path -> what in it is private
    people: set[str] = _field(default_factory=set)  # contact ids (or files) the exposure is about

    def __bool__(self) -> bool:
        return bool(self.files)

    def add(self, shown: str, what: list[str]) -> None:
        self.files.setdefault(shown, []).extend(what)

    def message(self) -> str:
        n, p = len(self.files), len(self.people)
        listed = "; ".join(f"{path} ({', '.join(what)})" for path, what in list(self.files.items())[:10])
        more = f"; and {n - 10} more" if n > 10 else ""
        return (f"this repository is public ({VISIBILITY_VAR}=public), and {n} journal file{'s' * (n != 1)} "
                f"in it expose{'s' * (n == 1)} private data about {p} {'person' if p == 1 else 'people'}: "
                f"{listed}{more}. Make the repository private and publish the site to a separate public "
                "repository with `trellis publish`, or remove the private data (e-mails, phones, notes, "
                "want and give, birthdays, summaries, unpublished entries) and set `public: true` only "
                "where a person or an entry agreed to be published")


def repository_exposure(journal: Journal) -> Exposure:
    """Every journal file that would show something private if the repository were public.

    Private, as in the public site: a contact's e-mail, phone, birthday, notes, want and
    give, and any contact without `public: true` (the file name is a name); interaction
    summaries; the text of an entry without `public: true`. Fail closed: a contact or entry
    file that could not be read, or whose id is taken twice, counts as private, and so do
    exports (.csv, .vcf, .vcard) anywhere in the journal and any file other than markdown
    in goals/, contacts/ or entries/ (a photo, a note). Dot files (.gitkeep) hold nothing.
    """
    from .loading import journal_files, record_kind, split_file  # the loader imports nothing of this module
    from .model import Source

    found = Exposure()
    root = journal.root
    for contact in journal.contacts.values():
        src = contact.source
        what = [label for label, value in (("e-mail", contact.email), ("phone", contact.phone),
                                           ("birthday", contact.birthday), ("notes", contact.notes)) if value]
        if contact.public:
            try:
                values, _ = split_file(src.path, Source(path=src.path, shown=src.shown, rel=src.rel))
                what += [key for key in _PRIVATE_CONTACT_KEYS if values.get(key) not in (None, "", [], {})]
            except Exception:  # unreadable now: private until it reads
                what.append("could not be read")
        else:
            what.append("public is not true")
        if what:
            found.add(src.shown, what)
            found.people.add(contact.id)
    for entry in journal.entries:
        what = []
        summarised = [i for i in entry.interactions if i.summary]
        if summarised:
            what.append("interaction summaries")
            found.people.update(cid for i in summarised for cid in i.with_ids)
        if entry.text and not entry.public:
            what.append("text, public is not true")
        if what:
            found.add(entry.source.shown, what)
    loaded = {c.source.rel for c in journal.contacts.values()} | {e.source.rel for e in journal.entries}
    # files no record came from are named the way the records' files are (journal/...)
    sources = [r.source for r in (*journal.contacts.values(), *journal.entries, *journal.goals.values())]
    prefix = next((s.shown[:-len(s.rel)] for s in sources if s.shown.endswith(s.rel)), f"{root.name}/")
    for _, rel in journal_files(root):
        if record_kind(rel) in ("contacts", "entries") and rel not in loaded:
            found.add(prefix + rel, ["could not be read"])
            if rel.startswith("contacts/"):
                found.people.add(rel)
    for dirpath, dirnames, names in _os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(names):
            rel = _os.path.relpath(_os.path.join(dirpath, name), root).replace(_os.sep, "/")
            if name.startswith("."):
                continue
            in_records = rel.split("/", 1)[0] in RECORD_FOLDERS and "/" in rel and not rel.endswith(".md")
            if in_records or rel.lower().endswith(EXPORT_SUFFIXES):
                found.add(prefix + rel, ["an export or a file Trellis does not read"])
    return found
