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
import fnmatch
import gzip
import html
import json
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Mapping

from .model import Contact, Entry, Finding, Interaction, Journal
from .phrases import Phrases

ENV_VAR = "TRELLIS_AUDIENCE"
OWNER_PAGES = ("checks", "reach-out")
RECORD_FOLDERS = ("goals", "contacts", "entries")
# What the public site carries from the journal folder, decided on purpose: pages (which
# Trellis renders and redacts), images of ordinary formats (the guard reads their names)
# and a custom domain's CNAME. Anything else (an export, a spreadsheet, a backup, notes in
# another text format, an SVG or a script) stays home unless the `publish_files` option
# names its pattern; whatever goes is read by the guard.
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")
ALWAYS_PUBLISHED = ("CNAME",)
# exports a user may leave anywhere in docs_dir: full of contact data, never published
EXPORT_SUFFIXES = (".csv", ".vcf", ".vcard")
# markers shorter than this are too common to scan for (a contact named "Al")
_MIN_MARKER = 5
# pyahocorasick crashes freeing an automaton with a key of about a million characters, and
# a marker that long is not identifying anyway: longer texts are scanned piece by piece
MAX_MARKER = 200


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

    def publishes_file(self, rel: str, allowed: Iterable[str] = ()) -> bool:
        """Whether a file the user put in the journal folder is copied into the site as it is.

        `allowed`: the `publish_files` option's patterns (fnmatch, on the path inside the
        journal), files the user decided may go. The owner view keeps everything.
        """
        if self.owner:
            return True
        lower = rel.lower()
        if lower.endswith(PAGE_SUFFIXES):
            return True
        if rel.split("/", 1)[0] in RECORD_FOLDERS and "/" in rel:  # a contact's photo is named after them
            return False
        if lower.endswith(IMAGE_SUFFIXES) or rel in ALWAYS_PUBLISHED:
            return True
        return any(fnmatch.fnmatchcase(rel, pattern) for pattern in allowed)

    def publishes_site_file(self, src_uri: str) -> bool:
        """A file of the site around the journal (docs_dir outside `journal_dir`): the site's own,
        published as MkDocs publishes it, but for contact exports, which never are."""
        return self.owner or not src_uri.lower().endswith(EXPORT_SUFFIXES)

    # fail closed ---------------------------------------------------------------------

    def blocking(self) -> list[Finding]:
        """Findings that stop a public build: people Trellis could not read, or whose consent is unclear.

        A contact file that could not be read, an id taken twice, a `public:` that is not
        true or false: publishing then would guess about a person. The owner view builds.
        """
        if self.owner:
            return []
        files = {w.source.shown for w in self.journal.withheld}
        files |= {c.source.shown for c in self.journal.contacts.values() if "public" in c.invalid}
        return [f for f in self.journal.findings if f.shown in files and f.severity == "error"]

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
                if name and 2 <= len(name) <= MAX_MARKER:
                    labels.setdefault(name.casefold(), describe(contact))
        for withheld in self.journal.withheld:  # unreadable: nothing is known of them but that they are private
            for name in (*withheld.names, withheld.id):
                if name and 2 <= len(name) <= MAX_MARKER:
                    labels.setdefault(name.casefold(), "someone")
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
            for piece in _pieces(text):
                if len(piece) >= _MIN_MARKER:
                    markers.setdefault(piece, origin)

        contacts = list(self.journal.contacts.values())
        contacts += [w.contact for w in self.journal.withheld if w.contact is not None]
        for contact in contacts:
            where = contact.source.shown
            add(contact.email, f"the e-mail in {where}")
            add(contact.phone, f"the phone number in {where}")
            for line in contact.notes.splitlines():
                add(line, f"the notes of {where}")
            if not contact.public:
                add(contact.name, f"the name in {where} (public is not true)")
                if "-" in contact.id:  # a one-word id ("maya") is too common a word to scan for
                    add(contact.id, f"the id of {where} (public is not true)")
        for withheld in self.journal.withheld:  # fail closed: what was recovered of an unreadable file
            where = f"{withheld.source.shown} (a contact file Trellis could not read)"
            for name in withheld.names:
                add(name, f"the name in {where}")
            for email in withheld.emails:
                add(email, f"an e-mail in {where}")
            for phone in withheld.phones:
                add(phone, f"a phone number in {where}")
            for line in withheld.texts:
                add(line, f"a line of {where}")
            if "-" in withheld.id:
                add(withheld.id, f"the id of {where}")
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

    def leaks(self, files: Iterable[tuple[str, str | None]]) -> list[tuple[str, str]]:
        """(output file, what leaked) for each private string found in (path, text) pairs.

        The path itself is read too (a photo named after a private person publishes their
        name in the site's file list); a text of None is a file read by name only (an image).
        """
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
        # in a file name, words are joined by - _ . or spaces
        names = Phrases({_path_words(m): origin for m, origin in markers.items()})
        found = []
        for path, text in files:
            match = names.first(_path_words(path))
            if match is not None:
                found.append((path, f"{names_origin(markers, match)} (in the file's name)"))
                continue
            if text is None:
                continue
            flat = " ".join(text.split())
            match = phrases.first(flat)
            if match is None and "&#" in flat:  # entities (an autolinked e-mail is written with them)
                match = phrases.first(" ".join(html.unescape(flat).split()))
            if match is not None:
                found.append((path, forms[match]))
        return found


def _pieces(text: str) -> list[str]:
    """A text to scan for, in pieces of at most MAX_MARKER characters, cut between words.

    A single word longer than that (a pasted data: address) is data, not a phrase anyone
    reads: it is left out rather than fed whole to the automaton.
    """
    if len(text) <= MAX_MARKER:
        return [text]
    pieces, words, size = [], [], 0
    for word in text.split(" "):
        if len(word) > MAX_MARKER:
            continue
        if size + len(word) + 1 > MAX_MARKER and words:
            pieces.append(" ".join(words))
            words, size = [], 0
        words.append(word)
        size += len(word) + 1
    if words and pieces and size < MAX_MARKER // 2:  # a short tail is a common phrase: take the last full window
        tail: list[str] = []
        for word in reversed(" ".join(pieces + [" ".join(words)]).split(" ")):
            if sum(len(w) + 1 for w in tail) + len(word) > MAX_MARKER:
                break
            tail.insert(0, word)
        words = tail
    if words:
        pieces.append(" ".join(words))
    return [piece for piece in pieces if len(piece) >= 20]  # what is left of a data line is no phrase


def _path_words(text: str) -> str:
    """A text as the words of a file name: separators and case ignored."""
    return " ".join(re.split(r"[\s/_.\-]+", text.casefold())).strip()


def names_origin(markers: dict[str, str], folded_words: str) -> str:
    for marker, origin in markers.items():
        if _path_words(marker) == folded_words:
            return origin
    return "a private name"


def site_files(site: Path, skip: Iterable[str] = ()):
    """(path in the site, its text, or None for an image) of every built file but those in `skip`
    (the theme's own assets, which the plugin knows), for the guard.

    Whatever the extension or its case: compressed files are read decompressed, and text in
    any encoding (UTF-8, UTF-16 with its mark, else Latin-1, where every byte is a letter).
    Folders are listed too, so that a folder's name is read like a file's.
    """
    for dirpath, dirnames, names in os.walk(site):
        for name in sorted(dirnames):
            yield (Path(dirpath) / name).relative_to(site).as_posix() + "/", None
        for name in sorted(names):
            path = Path(dirpath) / name
            rel = path.relative_to(site).as_posix()
            if rel in skip:
                continue
            if name.lower().endswith(IMAGE_SUFFIXES):
                yield rel, None
                continue
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":  # gzip, whatever the file is called
                try:
                    data = gzip.decompress(data)
                except (OSError, EOFError):
                    pass
            yield rel, _text_of(data)


def _text_of(data: bytes) -> str:
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", errors="replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        for encoding in ("utf-32", "utf-16"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# --------------------------------------------------------------------------- the repository
# Appended as a section of its own: the site's privacy above never reaches the repository.
# GitHub Pages on a free plan publishes only from a public repository, and a public
# repository shows every journal file, however careful the built site is. When the
# repository is public, the journal may hold nothing private at all.


VISIBILITY_VAR = "TRELLIS_REPOSITORY_VISIBILITY"  # GitHub's github.event.repository.visibility
_PRIVATE_CONTACT_KEYS = ("want", "give")  # written in contact files, never loaded into Contact


def repository_is_public(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the journal's own repository is public: only the word `public` says so
    (GitHub also says `private` and `internal`)."""
    return environ.get(VISIBILITY_VAR, "").strip().lower() == "public"


@dataclass
class Exposure:
    """What a public repository holding this journal shows that the public site never would."""

    files: dict[str, list[str]] = field(default_factory=dict)  # shown path -> what in it is private
    people: set[str] = field(default_factory=set)  # contact ids (or files) the exposure is about

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
    for dirpath, dirnames, names in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(names):
            rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
            if name.startswith("."):
                continue
            in_records = rel.split("/", 1)[0] in RECORD_FOLDERS and "/" in rel and not rel.endswith(".md")
            if in_records or rel.lower().endswith(EXPORT_SUFFIXES):
                found.add(prefix + rel, ["an export or a file Trellis does not read"])
    return found
