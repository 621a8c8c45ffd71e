"""The one place that decides what an audience sees.

Two audiences: the owner (`mkdocs serve`: everything, with what stays private marked)
and the public (`mkdocs build` / `gh-deploy`: the portfolio). Every page, figure and
file asks a `View` before it shows a person, a text or a file. Trellis' promise: the
public site never holds contact e-mail, phone, notes, want and give, the names and ids of contacts
without `public: true`, interaction summaries, or the text of entries without
`public: true`. People who did not agree to be named appear by role and sector.

`View.leaks()` is the last line of defence: after a public build, the plugin scans
every output file for the private strings this module lists, and fails the build
(before `gh-deploy` can push) if one got through.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import fnmatch
import gzip
import hashlib
import hmac
import html
import os
import re
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .matching import COMMON_WORDS, NEUTRAL_LABEL, Match, Matcher, Passages, Person, _name_words, person_from_contact
from .matching import fold as address_fold
from .model import (
    EMAIL_PATTERN,  # one definition of what looks like an e-mail or a phone
    MARKDOWN_SUFFIXES,
    PHONE_PATTERN,
    QUALITY_FIELDS,
    RECORD_FOLDERS,
    Contact,
    Entry,
    Finding,
    Interaction,
    Journal,
    fold,
)
from .redaction import Redacted, redact_html, redact_markdown_headings, redact_text, visible_text

ENV_VAR = "TRELLIS_AUDIENCE"
OWNER_PAGES = ("checks", "reach-out", "review")  # the monthly reviews: review/ and review/YYYY-MM/
# What the public site carries from the journal folder, decided on purpose: pages (which
# Trellis renders and redacts), images of ordinary formats (the guard reads their names)
# and a custom domain's CNAME. Anything else (an export, a spreadsheet, a backup, notes in
# another text format, an SVG or a script) stays home unless the `publish_files` option
# names its pattern; whatever goes is read by the guard.
PAGE_SUFFIXES = MARKDOWN_SUFFIXES
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")
ALWAYS_PUBLISHED = ("CNAME",)
# exports a user may leave anywhere in docs_dir: full of contact data, never published
EXPORT_SUFFIXES = (".csv", ".vcf", ".vcard", ".ics", ".ical", ".ifb")
# a calendar (`trellis export ics`, the owner's reach-out/trellis.ics) is the owner's: who to
# contact when, and why. A public site never carries one, whatever its name or content
CALENDAR_SUFFIXES = (".ics", ".ical", ".ifb")
CALENDAR_START = re.compile(r"^[\ufeff \t]*BEGIN:VCALENDAR[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
CALENDAR_LEAK = (
    "a calendar (iCalendar: Trellis' calendar names people and says why to contact them): a public "
    "site never carries one; take its pattern out of publish_files, or stop what writes it into the site"
)
# A company, role, sector, location or skill is shown in public only where it picks out
# nobody: held by no one who is unnamed there, or by at least this many unnamed people.
# "Sato Design Studio (1)" names its one person as surely as their name; so does a
# self-named business, and a role "Brooklyn Cole Consulting" holds a name outright.
FEW_TO_SHOW = 3
QUALITIES = QUALITY_FIELDS
OTHER = "other"
# what the matcher finds that is a way to reach or identify a person, not their name: never
# replaced by a label (a role in place of an address reads as nonsense), so the guard stops on it
DETAIL_KINDS = ("email", "phone", "birthday", "link")
# how the matcher names those in a guard's message (matching.Matcher: "the e-mail in journal/...")
_DETAIL_ORIGINS = ("the e-mail in ", "the phone number in ", "the birthday in ")


def _scheme(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


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
    for chosen, where in (
        (environ.get(ENV_VAR, ""), f"the environment variable {ENV_VAR}"),
        (option, "the plugin option 'audience'"),
    ):
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


def describe(contact: Contact, shows: Callable[[str, str], bool] = lambda quality, value: True) -> str:
    """A person who did not agree to be named: "an engineering manager in fintech", with only
    the qualities `shows` allows ("someone in fintech", "someone")."""
    role = " ".join(contact.role.lower().split()) if shows("role", contact.role) else ""
    sector = " ".join(contact.sector.split()) if shows("sector", contact.sector) else ""
    who = _article(role) if role else "someone"
    return f"{who} in {sector}" if sector else who


def _quality_values(contact: Contact, quality: str) -> set[str]:
    """The folded values of one quality of a contact (skills is a list; the rest one text)."""
    value = getattr(contact, quality)
    return {fold(v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) and fold(v)}


def anonymous_order(journal: Journal) -> _KeyedOrder:
    """A sort key for contact ids in an order that says nothing about their names: a keyed
    hash (HMAC-SHA256) whose key is made of what the public never sees (every contact's
    name, e-mail and phone; not the notes, so that editing them does not move the map).
    Stable from build to build while those are unchanged;
    without the key, nobody can tell from a node's place or number whose name sorts where.
    The map numbers, places and lists its nodes in this order."""
    secret = hashlib.sha256()
    for contact in sorted(journal.contacts.values(), key=lambda c: c.id):
        for value in (contact.id, contact.name, contact.email, contact.phone):
            secret.update(str(value or "").encode("utf-8", "surrogatepass") + b"\x00")
    return _KeyedOrder(secret.digest())


@dataclass(frozen=True)
class _KeyedOrder:
    key: bytes  # compared to tell whether a remembered layout used the same order
    # each id's hash, worked out once: goal pages sort what counted by it (400,000 calls a
    # build of a five-year journal, for 2,000 people)
    _known: dict = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, contact_id: str) -> bytes:
        known = self._known.get(contact_id)
        if known is None:
            known = self._known[contact_id] = hmac.new(
                self.key, contact_id.encode("utf-8", "surrogatepass"), hashlib.sha256
            ).digest()
        return known


IN_ADDRESS = (
    "(in the page's address, made from a title, a file name or a blog category: give the page "
    "a slug:, or rename the file or the category)"
)
# an address with a scheme, or from the site's root ("/hana/"), where a page or the sitemap prints one
_ADDRESSES = re.compile(r"""https?://[^\s"'<>()\\]+|(?<=href=")/[^"\s]*|(?<=src=")/[^"\s]*""")
_ARTICLE = re.compile(r"<article\b.*?</article\s*>", re.I | re.S)
_BUTTON = re.compile(r"<a\b[^>]*\bmd-content__button\b[^>]*>")
_TITLES = re.compile(r"<(title|h1)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)


def _address_is_its_title(path: str, text: str | None, matcher: Matcher) -> bool:
    """Each part of a page's address that holds a first name ("notes/ada-county/") is its own
    title's words, in order ("Ada County"), and that title went out as written: the redactor read
    it and saw no person there ("Ada" before another capitalised word is someone else's name, or a
    place), so the address made from it names nobody either. A title the redactor rewrote ("Coffee
    with a product manager" for "Coffee with Hana") no longer holds the slug's words. A folder is
    judged by its index.html (in `leaks`)."""
    if text is None or isinstance(text, Metadata) or "<" not in text:
        return False

    def words(value: str) -> str:
        return " " + " ".join(w for w in re.split(r"[^\w]+|_", address_fold(value)) if w) + " "

    shown = [html.unescape(re.sub(r"<[^>]+>", " ", m.group(2))) for m in _TITLES.finditer(text[:200_000])]
    titles = [words(t) for t in shown]
    parts = [words(p) for p in re.sub(r"\.html?$", "", path).split("/") if matcher.first_name_in_address(p) is not None]
    # the redactor judged the word only if the title gives it its capital ("Ada County"); in
    # lower case ("hana notes", a blog category "hana") it never reads a first name at all
    capitals = {address_fold(w) for t in shown for w in re.split(r"[^\w]+|_", t) if w[:1].isupper()}
    named = {w for part in parts for w in part.split() if matcher.first_name_in_address(w) is not None}
    return bool(parts) and named <= capitals and all(any(part in title for title in titles) for part in parts)


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
        if rel.split("/", 1)[0].casefold() in RECORD_FOLDERS and "/" in rel:
            return False  # nothing but records (which become pages) leaves these: a photo is named after its person
        if lower.endswith(PAGE_SUFFIXES):
            return True
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
        files |= {
            c.source.shown
            for c in self.journal.contacts.values()
            if "public" in c.invalid or not c.public and (not c.name or "name" in c.invalid)
        }
        return [f for f in self.journal.findings if f.shown in files and f.severity == "error"]

    def blocking_message(self) -> str | None:
        """Why a public build stops on the people it could not read, or None."""
        blocking = self.blocking()
        if not blocking:
            return None
        return (
            f"Trellis stopped the public build: {len(blocking)} problem(s) in contact files leave it unclear "
            "who may be named, so nothing is published:\n"
            + "\n".join(f"  {f}" for f in blocking[:20])
            + "\nFix them (trellis check lists the same); until then these people are private in every view."
        )

    # people and texts ----------------------------------------------------------------

    def names_contact(self, contact: Contact) -> bool:
        return self.owner or contact.public

    def contact_label(self, contact_id: str) -> str:
        contact = self.journal.contacts.get(contact_id)
        if contact is None:
            return contact_id if self.owner else "someone"
        if self.names_contact(contact):
            return contact.name or contact.id
        return self._described(contact_id)

    def path_label(self, path: tuple[str, ...]) -> Callable[[str], str]:
        """Labels for a warm path to a dream company: the person there, when unnamed, is
        "someone" (the company and the count of people there are on the same row, and "a
        founder in design at Sato Design Studio" picks one person out)."""
        target = path[-1] if path else None

        def label(contact_id: str) -> str:
            contact = self.journal.contacts.get(contact_id)
            if contact_id == target and (contact is None or not self.names_contact(contact)):
                return "someone"
            return self.contact_label(contact_id)

        return label

    def countable(self, ids: Iterable[str]) -> set[str]:
        """The people of a group (everyone at a dream company, everyone who has a wanted quality)
        a public aggregate may count or point to: those who agreed to be named, and unnamed ones
        only where they are at least FEW_TO_SHOW. "1 person at Sato Design Studio", or "You know
        someone there", picks out the founder of a one-person studio as surely as their name."""
        ids = set(ids)
        if self.owner:
            return ids
        contacts = self.journal.contacts
        named = {cid for cid in ids if cid in contacts and self.names_contact(contacts[cid])}
        unnamed = ids - named
        return ids if len(unnamed) >= FEW_TO_SHOW else named

    # qualities -----------------------------------------------------------------------

    @cached_property
    def _unnamed_holders(self) -> dict[str, Counter]:
        """For each quality, how many unnamed people hold each (folded) value."""
        holders: dict[str, Counter] = {quality: Counter() for quality in QUALITIES}
        for contact in self._private_contacts:
            for quality in QUALITIES:
                holders[quality].update(_quality_values(contact, quality))
        return holders

    def shows_quality(self, quality: str, value: str) -> bool:
        """Whether a company, role, sector, location or skill may be shown as written (FEW_TO_SHOW)."""
        if self.owner:
            return True
        held = self._unnamed_holders[quality].get(fold(value), 0)
        return (held == 0 or held >= FEW_TO_SHOW) and not self._names_someone(value)

    def _names_someone(self, value: str) -> bool:
        """Whether a value holds an unnamed person's name, id, e-mail...: a self-named business
        ("Jim Julian Unlimited, LLC"), a company page imported as a person. Stricter than the
        guard, since a value is shown as written or not at all: a first name the matcher finds
        counts ("Kenji's Ramen" would be shown "someone's Ramen"), and so does a one-word name
        as a whole word anywhere, even before a capital ("Quillfeather Ltd" of a contact named
        "Quillfeather", an organisation's card: the matcher reads it as someone else's full name)."""
        key = fold(value)
        if key not in self._naming:
            # every spelling of the value (the tally asks with the folded one, the matcher finds a
            # first name by its capital), alone and mid-sentence, as the page will hold it
            spellings = self._spellings.get(key, set()) | {value}
            self._naming[key] = self._one_word_names.search(key) is not None or any(
                any(True for _ in self.matcher.find(text)) for s in spellings for text in (s, f"and {s}")
            )
        return self._naming[key]

    @cached_property
    def _spellings(self) -> dict[str, set[str]]:
        """Every spelling of every quality's value, by the folded value."""
        found: dict[str, set[str]] = {}
        for contact in self.journal.contacts.values():
            for quality in QUALITIES:
                value = getattr(contact, quality)
                for raw in value if isinstance(value, list) else [value]:
                    if isinstance(raw, str) and fold(raw):
                        found.setdefault(fold(raw), set()).add(raw)
        return found

    @cached_property
    def _naming(self) -> dict[str, bool]:
        return {}

    @cached_property
    def _one_word_names(self) -> re.Pattern:
        words = sorted({w[0] for w in (fold(p.name).replace(",", " ").split() for p in self.people) if len(w) == 1})
        if not words:
            return re.compile(r"(?!)")
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")

    def _described(self, contact_id: str) -> str:
        """The label an unnamed contact is shown by, with the qualities the public may see."""
        if contact_id not in self._descriptions:
            self._descriptions[contact_id] = describe(self.journal.contacts[contact_id], self.shows_quality)
        return self._descriptions[contact_id]

    @cached_property
    def _descriptions(self) -> dict[str, str]:
        return {}

    def _label_for(self, match: Match) -> str | None:
        """Names and ids are replaced by the person's label; an e-mail, a phone, a profile link
        or a birthday is not (a sentence with a role in place of an address makes no sense):
        it stays, and the guard stops the build naming it, for the user to take out."""
        if not match.who or match.kind not in ("name", "first-name", "id"):
            return None
        labels = {p.label or self._described(p.id) for p in match.who}
        return labels.pop() if len(labels) == 1 else NEUTRAL_LABEL

    def tally(self, quality: str) -> list[tuple[str, int]]:
        """People per value of a quality, most first, as this audience may see them: in public,
        the unnamed holders of a value too rare to show are counted once each under "other",
        last (people who agreed to be named count under their own values)."""
        spellings: dict[str, Counter] = {}
        counts: Counter = Counter()
        other = 0
        for contact in self.journal.contacts.values():
            value = getattr(contact, quality)
            values = _quality_values(contact, quality)
            kept = {v for v in values if self.names_contact(contact) or self.shows_quality(quality, v)}
            counts.update(kept)
            other += kept != values
            for raw in value if isinstance(value, list) else [value]:
                # spelled as most of the holders it is shown for write it: never as a hidden holder
                # does (a lone unnamed "ACME" beside a named "Acme" says someone unnamed is there),
                # nor as the holder whose id sorts first (ids sort by name)
                if isinstance(raw, str) and fold(raw) in kept:
                    spellings.setdefault(fold(raw), Counter())[" ".join(raw.split())] += 1
        spelling = {k: min(c.items(), key=lambda sn: (-sn[1], sn[0]))[0] for k, c in spellings.items()}
        rows = sorted(((spelling[k], n) for k, n in counts.items()), key=lambda sn: (-sn[1], fold(sn[0])))
        return rows + [(OTHER, other)] if other else rows

    def shows_entry(self, entry: Entry) -> bool:
        return self.owner or entry.public

    def entry_text(self, entry: Entry) -> str:
        """An entry's markdown as this audience may read it (headings redacted; the page's
        HTML is redacted once rendered)."""
        if self.owner:
            return entry.text
        return self.redact_headings(entry.text) if entry.public else ""

    def summary(self, interaction: Interaction) -> str:
        return interaction.summary if self.owner else ""

    def contact_private_fields(self, contact: Contact) -> dict[str, str]:
        """Fields shown on the owner's contact page only, marked as private there."""
        if not self.owner:
            return {}
        fields = {
            "e-mail": ", ".join(contact.emails),
            "phone": ", ".join(contact.phones),
            "birthday": contact.birthday.isoformat() if contact.birthday else "",
        }
        return {k: v for k, v in fields.items() if v}

    def contact_purpose(self, contact: Contact) -> dict[str, list[str]]:
        """What the relationship is for, `want:` (what you hope for) and `give:` (what you can
        offer), each a list: the owner's only, like the notes; empty in public, whoever the
        contact is."""
        if not self.owner:
            return {"want": [], "give": []}
        return {"want": list(contact.want), "give": list(contact.give)}

    def redact(self, text: str) -> str:
        """A plain text the user wrote for the public site (a title, a unit, an event), with
        unconsenting people replaced by their role and sector, as plain text: whoever prints
        it escapes it for where it lands (the page templates autoescape)."""
        if self.owner or not text:
            return text
        return redact_text(text, self.matcher, self._label_for)

    def redact_printed(self, text: str) -> str:
        """A value the theme prints as it is, into HTML text and attributes (site_name, a nav
        title, a page title): people replaced by their label, escaped; a name written with
        entities (`Hana&nbsp;Sato`) is found too."""
        if self.owner or not text:
            return text

        def label(match: Match) -> str | None:
            found = self._label_for(match)
            return None if found is None else html.escape(found)

        return self.matcher.replace(text, label, mode="markup")

    def redact_html(self, page_html: str) -> Redacted:
        """Rendered HTML with unconsenting people replaced in its text nodes only, the
        replacement escaped; a person in code, a URL or another attribute is left as
        written and reported (findings), never rewritten."""
        if self.owner or not page_html:
            return Redacted(page_html, [])
        return redact_html(page_html, self.matcher, self._label_for)

    def redact_headings(self, markdown: str) -> str:
        """Markdown whose headings no longer name unconsenting people, before it is rendered:
        a heading's text becomes its anchor id and the page's table of contents, which text
        nodes alone would not reach. The replacement is written as character references, so
        Markdown reads it as text (a role holding `<img ...>` or `[x](javascript:...)` stays text)."""
        if self.owner or not markdown or "#" not in markdown and "\n===" not in markdown and "\n---" not in markdown:
            return markdown
        return redact_markdown_headings(markdown, self.matcher, self._label_for)

    @cached_property
    def _private_contacts(self) -> list[Contact]:
        return [c for c in self.journal.contacts.values() if not c.public]

    @cached_property
    def people(self) -> tuple[Person, ...]:
        """Everyone the public view must not name: unconsenting contacts, and every person
        Trellis could not read (a broken file, an id taken twice), who is "someone"."""
        # labels are the view's to give (self._label_for): they depend on which qualities are
        # shown, which depends on whether a quality names someone, which takes this matcher
        people = [_person(c, "") for c in self._private_contacts]
        for withheld in self.journal.withheld:
            if withheld.contact is not None:
                people.append(_person(withheld.contact, NEUTRAL_LABEL))
            names = withheld.names or [""]
            for n, name in enumerate(names):
                people.append(
                    Person(
                        name=name,
                        id=withheld.id if n == 0 else "",
                        emails=tuple(withheld.emails),
                        phones=tuple(withheld.phones),
                        label=NEUTRAL_LABEL,
                        origin=f"{withheld.source.shown} (a contact file Trellis could not read)",
                    )
                )
        return tuple(people)

    @cached_property
    def matcher(self) -> Matcher:
        """The one matcher of this view: the redactor and the guard find people alike."""
        public = [c for c in self.journal.contacts.values() if c.public]
        names = [c.name for c in public if c.name] + [c.id.replace("-", " ") for c in public]  # ids as file names
        return Matcher(self.people + self.details_only, public_names=names, public_ids=[c.id for c in public])

    @cached_property
    def details_only(self) -> tuple[Person, ...]:
        """The people who agreed to be named, as the matcher knows their contact details only:
        `public: true` is consent to be named, not to publish an address. Their e-mails (also
        those written elsewhere in their file or notes), phones and birthday are markers like
        anyone's, never replaced (`_label_for`), so the guard stops a build that holds one; no
        name or id (those are theirs to show), and no profile links: a public person's LinkedIn
        or website is the page they publish to be found, and their contact page links it."""
        return tuple(
            dataclasses.replace(_person(c, ""), name="", id="", links=())
            for c in self.journal.contacts.values()
            if c.public
        )

    def contact_links(self, contact: Contact) -> dict[str, str]:
        """The profile links a contact page shows: in public, web addresses only (a `mailto:`
        or `tel:` link is an address, whatever key it is under) and none that holds a contact
        detail (a `wa.me/<phone>` link is the phone)."""
        links = {k: v for k, v in contact.links.items() if isinstance(v, str)}
        if self.owner:
            return links
        return {
            k: v
            for k, v in links.items()
            if _scheme(v) in ("http", "https") and not any(m.kind in DETAIL_KINDS for m in self.matcher.find(v))
        }

    @cached_property
    def redaction_key(self) -> tuple:
        """What redaction depends on: two views with equal keys redact every text alike."""
        if self.owner:
            return ()
        labels = tuple(self._described(c.id) for c in self._private_contacts)
        return (
            self.people,
            self.details_only,
            labels,
            tuple(sorted(c.name for c in self.journal.contacts.values() if c.public and c.name)),
        )

    # the last line of defence ----------------------------------------------------------

    def passages(self) -> Passages:
        """Notes, want and give, summaries and private entry text, protected as text
        (sentences, runs of 8 words)."""
        texts: list[tuple[str, str]] = []
        purposes: list[tuple[str, str]] = []
        contacts = list(self.journal.contacts.values())
        contacts += [w.contact for w in self.journal.withheld if w.contact is not None]
        for contact in contacts:
            texts.append((contact.notes, f"the notes of {contact.source.shown}"))
            for key in ("want", "give"):  # each item a line of its own: a unit, as a line of notes is
                purposes.append(("\n".join(getattr(contact, key)), f"the {key}: of {contact.source.shown}"))
        for withheld in self.journal.withheld:
            texts.append(
                (
                    "\n".join(withheld.texts),
                    f"a line of {withheld.source.shown} (a contact file Trellis could not read)",
                )
            )
        for entry in self.journal.entries:
            for interaction in entry.interactions:
                texts.append((interaction.summary, f"an interaction summary in {entry.source.shown}"))
            if not entry.public:
                texts.append((entry.text, f"the text of {entry.source.shown} (public is not true)"))
        # what the user published on purpose in a public entry is theirs to show; what they
        # hope for from a person, or can offer them, is not, even pasted into a public entry
        return Passages(texts, public_texts=[e.text for e in self.journal.entries if e.public], kept=purposes)

    def leaks(self, files: Iterable[tuple[str, str | None]]) -> list[tuple[str, str]]:
        """(output file, what leaked) for each private thing found in (path, text) pairs.

        The path itself is read too (a photo named after a private person publishes their
        name in the site's file list); a text of None is a folder, an image's text is `Metadata`.
        """
        if self.owner:
            return []
        matcher, passages = self.matcher, self.passages()
        nobody = matcher.empty and passages.empty
        found = []
        titled: set[str] = set()
        addressed: dict[str, list[str]] = {}  # a link's address: the pages that print it
        for path, text in files:
            if is_calendar(path, text):
                found.append((path, CALENDAR_LEAK))
                continue
            if nobody:
                continue
            words = _path_words(path)
            named = matcher.first(words) or matcher.first(words.replace("-", " "))  # ids keep it; names lose it
            # an address keeps its dots: "img/amara.diallo@example.com.png" is the e-mail
            named = named or next((m for m in matcher.find(path) if m.kind in DETAIL_KINDS), None)
            if named is not None:
                found.append((path, f"{named.origin} (in the file's name)"))
                continue
            # a slug made from a title or a file name keeps the first name in lower case
            # ("blog/.../coffee-with-hana/"): set the page's slug, or rename the file
            if (first := matcher.first_name_in_address(path)) is not None:
                if not _address_is_its_title(path, text, matcher):
                    found.append((path, f"{first.origin} {IN_ADDRESS}"))
                    continue
                if path.endswith("/index.html"):  # its folder is named after the same title
                    titled.add(path[: -len("index.html")])
            if text is None:
                continue
            if path.endswith((".html", ".xml")) and "/" in text:
                # (the frame's, not a link written in a page's text: there, an address to another
                # site holds what words it likes, "imdb.com/title/john-wick", and is left as written)
                # (material's edit and view buttons stand inside the article: made from edit_uri)
                buttons = " ".join(_BUTTON.findall(text)) if "md-content__button" in text else ""
                for url in _ADDRESSES.findall(_ARTICLE.sub("", text) + buttons):
                    addressed.setdefault(url, []).append(path)
            binary: list[str] = []
            if "base64," in text and not isinstance(
                text, Metadata
            ):  # what a data: address holds is published as surely as the page
                for data in embedded_payloads(text):
                    try:
                        text += "\n" + data.decode("utf-8")  # an SVG, a text/plain card: read as a file's text
                    except UnicodeDecodeError:
                        binary.append(readable_runs(data))  # an image: read as an image's metadata
            if isinstance(text, Metadata) or binary:
                if (origin := self._in_metadata([text] if isinstance(text, Metadata) else binary)) is not None:
                    found.append((path, origin))
                    continue
                if isinstance(text, Metadata):
                    continue
            if text == UNREADABLE:
                found.append(
                    (
                        path,
                        "a file the guard cannot read (not text, not an image, e.g. a PDF): "
                        "Trellis cannot vouch for it, so it is not published; take its pattern "
                        "out of publish_files, or publish it as text",
                    )
                )
                continue
            for piece in pieces(text):
                hits = matcher.scan(piece)
                named = [hit for hit in hits if hit.kind != "first-name"]
                if not named and hits:
                    named = self._first_names(piece, path, hits)
                origin = named[0].origin if named else passages.first(piece)
                if origin is not None:
                    found.append((path, origin))
                    break
            else:
                # and as a reader sees it: "Ada<br>Lovelace", "Ada<!-- -->Lovelace", a first and a
                # last name in two cells of a row are one name there, two pieces in the file
                for piece in pieces(visible_text(text)) if "<" in text else ():
                    hits = [hit for hit in matcher.scan(piece) if hit.kind != "first-name"]
                    if hits:
                        found.append((path, f"{hits[0].origin} (written across markup: the page shows it whole)"))
                        break
        # a folder whose page's title holds the words of its name ("notes/ada-county/")
        found = [(path, what) for path, what in found if not (path in titled and what.endswith(IN_ADDRESS))]
        # an address the site's frame prints (site_url in every canonical link and the sitemap,
        # repo_url, extra.alternate, a theme override's link) with a first name in lower case, as a page's own
        # address would be; a part that is a page's address excused by its title stays excused
        excused = {part for folder in titled for part in folder.split("/") if part}
        seen: set = {path for path, _ in found}  # a file already named once is not named again
        for url, where in addressed.items():
            parts = [
                p
                for p in re.split(r"[/?#]", url)
                if p
                and p not in excused
                and re.sub(r"\.md$", "", p) not in excused  # the edit button's source file
                and matcher.first_name_in_address(p) is not None
            ]
            first = matcher.first_name_in_address("/".join(parts)) if parts else None
            if first is not None:
                # the address up to the part with the name: one line for every page's canonical link
                shown = url[: url.index(parts[0]) + len(parts[0])]
                for path in where:
                    if path not in seen and (path, shown) not in seen:
                        seen.add((path, shown))
                        found.append(
                            (
                                path,
                                f"{first.origin} (in an address the site prints, {shown}: "
                                "site_url, repo_url, edit_uri, extra.alternate or a theme override; write it without the name)",
                            )
                        )
        return found

    def _in_metadata(self, texts: list[str]) -> str | None:
        """What of a person the readable runs of an image's bytes hold (XMP and PNG text: a photo
        manager's face tags, an author, a caption), counted only where noise cannot make it: no
        first name alone, no id without its separator ("hanasato")."""
        for text in texts:
            for piece in pieces(text):
                for hit in self.matcher.scan(piece):
                    if (
                        hit.kind == "first-name"
                        or hit.kind == "id"
                        and not re.search(r"[-_.]", piece[hit.start : hit.stop])
                    ):
                        continue
                    return f"{hit.origin} (in the image's metadata)"
                if (origin := self.passages().first(piece)) is not None:
                    return f"{origin} (in the image's metadata)"
        return None

    def _first_names(self, text: str, path: str, hits: list[Match]) -> list[Match]:
        """First names alone in an output file (`hits`, the matcher's), counted as the redactor
        counts them: what it would replace in a page, or report in code or an attribute, is a
        leak wherever else it is printed (a nav title, a tag, a file of custom_dir). An HTML file
        is read as the redactor reads a page (runs of text between block tags: "Will" opening a
        question is no leak of Will Turner). Elsewhere (the search index, JSON, text) the markup
        that made a sentence start is gone ("pass<br>Will you" is indexed "pass Will you"), so a
        name that is also an ordinary word does not count there; any other does."""
        if not path.lower().endswith((".html", ".htm")):
            return [
                m
                for m in hits
                if not any(_name_words(p.name)[:1] and _name_words(p.name)[0] in COMMON_WORDS for p in m.who)
            ]
        found: list[Match] = []

        def note(match: Match) -> None:
            if match.kind == "first-name":
                found.append(match)
            return None

        findings = redact_html(text, self.matcher, note).findings
        return found + [f.match for f in findings if f.match.kind == "first-name"]

    def written_in(self) -> list[str]:
        """Where the user wrote something the guard stops, in their own files ("journal/
        contacts/ada.md:4: company"): what they can change, since a page Trellis generates
        is no file of theirs to edit. Only texts that reach public pages are read."""
        found = []
        journal = self.journal

        def read(source, key: tuple, value) -> None:
            values = value if isinstance(value, (list, tuple)) else [value]
            for text in values:
                if isinstance(text, str) and any(m.kind != "first-name" for m in self.matcher.find(text)):
                    found.append(f"{source.shown}:{source.line(*key)}: {key[0]}")
                    return

        def read_body(source, text: str) -> None:
            # a body's names are replaced on the page; what stays is what the guard stops on. The
            # line is looked up in the file (a body may be stripped of its first blank lines)
            matches = [m for m in self.matcher.find(text or "") if m.kind not in ("name", "first-name", "id")]
            if not matches:
                return
            try:
                lines = Path(source.path).read_text(encoding="utf-8", errors="replace").split("\n")
            except OSError:
                lines = []
            for match in matches:
                piece = text[match.start : match.stop].split("\n")[0]
                line = next(
                    (n + 1 for n in range(source.body_line - 1, len(lines)) if piece in lines[n]), source.body_line
                )
                found.append(f"{source.shown}:{line}: text")

        for contact in journal.contacts.values():
            shown = self.names_contact(contact)
            for quality in QUALITIES:  # an unnamed person's reach the site only where shown (tally)
                values = getattr(contact, quality)
                values = values if isinstance(values, list) else [values]
                if shown or any(self.shows_quality(quality, v) for v in values if isinstance(v, str) and fold(v)):
                    read(contact.source, (quality,), values)
            if shown:
                read(contact.source, ("how_met",), contact.how_met)
                read(contact.source, ("name",), contact.name)
        for goal in journal.goals.values():
            for key in ("title", "why", "unit", "actions"):
                read(goal.source, (key,), getattr(goal, key))
            read_body(goal.source, goal.body)
        for entry in journal.entries:
            if entry.public:
                read(entry.source, ("events",), entry.events)
                read_body(entry.source, entry.text)
        if journal.plan is not None:
            plan = journal.plan
            read_body(plan.source, plan.body)
            read(plan.source, ("vision",), plan.vision)
            read(plan.source, ("dream_companies",), plan.dream_companies)
            for quality, values in plan.want.items():
                read(plan.source, ("want", quality), values)
        return sorted(set(found))

    def leak_message(self, leaks: list[tuple[str, str]], generated: Iterable[str] = ()) -> str:
        """The guard's message: every private thing found, with every site file it reached, and
        what the user can change (their own text), never "edit" a page Trellis generated."""
        generated = set(generated)
        by_origin: dict[str, list[str]] = {}
        for path, what in leaks:
            by_origin.setdefault(what, []).append(path)
        lines = [
            f"Trellis stopped the public build: private data reached {len(leaks)} file(s), "
            f"from {len(by_origin)} source(s). Nothing was deployed."
        ]
        for what, paths in by_origin.items():
            lines.append(
                f"  {what}, in: " + ", ".join(f"site/{p}" + (" (generated)" if p in generated else "") for p in paths)
            )
        written = self.written_in() if any(what != CALENDAR_LEAK for what in by_origin) else []
        if written:
            lines.append("Where you wrote it (change it there):")
            lines += [f"  {where}" for where in written]
        if any(p in generated for p in (p for ps in by_origin.values() for p in ps)):
            lines.append(
                "Pages marked (generated) are made by Trellis from your journal: change the text "
                "in your journal files that they show (a goal's title, a public entry, a public "
                "contact's company), not the page."
            )
        if any(what.startswith(_DETAIL_ORIGINS) for what in by_origin):
            lines.append(
                "A contact's e-mail, phone and birthday are never published, even for people who agreed "
                "to be named (public: true is consent to be named, not to publish an address): take them "
                "out of the text (or the file's name)."
            )
        if any(what != CALENDAR_LEAK and not what.startswith(_DETAIL_ORIGINS) for what in by_origin):
            lines.append(
                "Or set public: true in the file of a person who agreed to be named (or of an entry "
                "meant to be published)."
            )
        return "\n".join(lines)


def markup_stop_message(page: str, findings: list) -> str:
    """Why a public build stops on a page that holds something private where Trellis does not
    rewrite text (code, a link's address, an attribute): an unnamed person, or anyone's contact
    detail (a `mailto:` autolink of a public contact's address is the address)."""
    import html

    # as a reader sees it: Python-Markdown writes an autolink's address as character references
    shown = "\n".join(f"  {f.match.origin} in {f.where}: {html.unescape(f.text)!r}" for f in findings[:10])
    details = [f for f in findings if f.match.kind in DETAIL_KINDS]
    if len(details) == len(findings):
        return (
            f"Trellis stopped the public build: {page} holds a contact's e-mail, phone, birthday or "
            f"profile link where Trellis does not rewrite text (code, a link's address, an attribute):\n"
            f"{shown}\nTake it out of the page: a contact's e-mail, phone and birthday are never published, "
            "even for people who agreed to be named (public: true is consent to be named, not to publish "
            "an address)."
        )
    return (
        f"Trellis stopped the public build: {page} names a person who did not agree to be "
        f"named where Trellis does not rewrite text (code, a link's address, an attribute, a name split "
        f"across table cells or blocks):\n{shown}\n"
        "Write them out of that code or address (or use their role), or set public: true in their file "
        "if they agreed."
    )


def is_calendar(path: str, text: str | None) -> bool:
    """Whether a site file is a calendar: by its name (any case), or by its text (a line
    `BEGIN:VCALENDAR`, also inside a compressed file, whatever its name)."""
    if path.lower().endswith(CALENDAR_SUFFIXES):
        return True
    return bool(text) and text != UNREADABLE and CALENDAR_START.search(text) is not None


def _person(contact: Contact, label: str) -> Person:
    """A private contact as the matcher knows them, with what else their file gives away: a
    name read from the id when the name could not be read ("zebulon-quartermaine" is
    Zebulon Quartermaine), and e-mails and phone numbers written in the notes."""
    person = person_from_contact(contact, label)
    extra = {}
    if not contact.name or "name" in contact.invalid:
        extra["name"] = contact.id.replace("-", " ").replace("_", " ")
    emails = set(EMAIL_PATTERN.findall(contact.notes)) | _emails_in_file(contact.source.path)
    emails -= set(person.emails)
    phones = {
        p.strip()
        for p in PHONE_PATTERN.findall(contact.notes)
        if sum(c.isdigit() for c in p) >= 7 and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.strip())
    } - set(person.phones)
    if "phone" in contact.invalid:  # a phone Trellis could not read (a mapping: FILE-8) is still theirs
        phones |= {
            p.strip()
            for p in PHONE_PATTERN.findall(_raw_value(contact.source.path, "phone", block=True))
            if sum(c.isdigit() for c in p) >= 7
        } - set(person.phones)
    if person.birthday is None and "birthday" in contact.invalid:
        # a birthday Trellis could not read ("14 March 1990", "14/03/1990": CONTACT-2) is still
        # the person's: whatever of it can be read is guarded, not left out as unreadable
        extra["birthday"] = _loose_birthday(_raw_value(contact.source.path, "birthday"))
    if emails:
        extra["emails"] = person.emails + tuple(sorted(emails))
    if phones:
        extra["phones"] = person.phones + tuple(sorted(phones))
    return dataclasses.replace(person, **extra) if extra else person


def _raw_value(path, key: str, block: bool = False) -> str:
    """The text after `key:` on its line of a record file ("" if there is none); with `block`,
    the indented lines below it too (a mapping or a list written over several lines)."""
    try:
        with open(path, "rb") as handle:
            text = handle.read(1 << 20).decode("utf-8", errors="replace")
    except (OSError, TypeError):
        return ""
    tail = r"(?:\n[ \t]+.*|\n[ \t]*-.*)*" if block else ""
    found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:[ \t]*(.*{tail})$", text, re.MULTILINE)
    return found.group(1).strip().strip("'\"").strip() if found else ""


_LOOSE_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _loose_birthday(text: str):
    """A date (or a MonthDay without its year) read from how people write a birthday: ISO with
    any separator and out of bounds (9999-12-31), 14/03/1990 (day first unless the day cannot be
    a month... or the month cannot be: 03/14/1990), 14 March 1990, March 14th, 1990, March 14."""
    import datetime as dt

    from .model import MonthDay

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
    if month is None:
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


def _emails_in_file(path) -> set[str]:
    """Every e-mail-looking string in a contact's file, under whatever key it was written
    (`Email:`, `emails:`, a list, "Ada <ada@example.com>", mailto:): all private."""
    try:
        with open(path, "rb") as handle:
            text = handle.read(1 << 20).decode("utf-8", errors="replace")
    except (OSError, TypeError):
        return set()
    return set(EMAIL_PATTERN.findall(text))


def _path_words(text: str) -> str:
    """A file's path as words: in a file name, words are joined by _ . / or spaces (a hyphen
    stays: ids are written with it, and a public "will-turner-smith" is not "will-turner")."""
    return " ".join(re.split(r"[\s/_.]+", text)).strip()


# a data: address written in base64 (an SVG with a name in it, a text/plain "file", an image's
# metadata): %-escapes of the payload decoded first, as a browser does
_DATA_URI = re.compile(r"data:[\w.+/-]*(?:;[\w.+=-]*)*;base64,((?:[A-Za-z0-9+/_-]|%2[bBfF]|%3[dD]|=|\\/)+)")


class Metadata(str):
    """What site_files gives for an image: the readable runs of its bytes (see `readable_runs`)."""


# a run of printable ASCII or UTF-8 letters: XMP (face regions' names, dc:creator), EXIF's ASCII
# fields, PNG tEXt and iTXt; compressed data yields runs this long only by chance
_RUN = re.compile(rb"(?:[\t\n\r\x20-\x7e]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}){6,}")


_HEAD, _TAIL = 512 << 10, 128 << 10  # where an image keeps its metadata: JPEG's APP segments come
# before the picture, PNG's text chunks before or after it; a photo's megabytes between are pixels


def readable_runs(data: bytes) -> str:
    """The text a binary file carries, one run a line (of a large file, its head and tail)."""
    if len(data) > _HEAD + _TAIL:
        data = data[:_HEAD] + b"\n" + data[-_TAIL:]
    return "\n".join(run.decode("utf-8", errors="replace") for run in _RUN.findall(data))


def embedded_payloads(text: str) -> Iterator[bytes]:
    """The bytes of each base64 data: address in `text`."""
    for found in _DATA_URI.finditer(text):
        payload = urllib.parse.unquote(found.group(1).replace("\\/", "/")).replace("-", "+").replace("_", "/")
        try:
            data = base64.b64decode(payload.rstrip("=") + "=" * (-len(payload.rstrip("=")) % 4))
        except ValueError:
            continue
        yield data


UNREADABLE = "\x00unreadable"  # what site_files gives for a file whose text the guard cannot read


PIECE = 1 << 18  # characters of a file's text the guard reads at once
OVERLAP = 1 << 13  # shared by two pieces in a row: longer than any match can be written


def pieces(text: str, size: int = PIECE, overlap: int = OVERLAP) -> Iterator[str]:
    """A long text (the search index, the network page: megabytes at thousands of people) in
    pieces that overlap, so that the guard's folded copy and its positions stay small (reading a
    1.8 MB search index whole took 140 MB more): every stretch of up to `overlap - 512`
    characters lies whole in one piece. A match is at most MAX_KEY folded characters, written
    in at most a few thousand (character references, JSON escapes); the overlap is longer.
    A piece starts after a tag's `>` or a space where one is near, never inside a word."""
    if len(text) <= size:
        yield text
        return
    start = 0
    while True:
        end = min(len(text), start + size)
        yield text[start:end]
        if end == len(text):
            return
        start = end - overlap
        near = [i for i in (text.find(">", start, start + 512), text.find(" ", start, start + 512)) if i >= 0]
        start = min(near) + 1 if near else start


def site_files(site: Path, skip: Iterable[str] = ()):
    """(path in the site, its text: for an image its readable runs as `Metadata`; None for a folder)
    of every built file but those in `skip` (the theme's own assets, which the plugin knows), for
    the guard.

    Whatever the extension or its case: compressed files (gzip, bzip2, xz, zip and the
    office formats that are zips) are read decompressed, and text in any encoding (UTF-8,
    UTF-16 or UTF-32 with or without their mark, else Latin-1). A file that is none of
    these and no image (a PDF, say) is UNREADABLE: fail closed, the guard cannot vouch for
    it. Folders are listed too, so that a folder's name is read like a file's.
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
                yield rel, Metadata(readable_runs(path.read_bytes()))
                continue
            yield rel, _text_of(path.read_bytes())


_MAX_UNPACKED = 64 << 20  # a compressed file unpacks to at most this much (a bomb is unreadable)


def _unpacked(data: bytes, depth: int = 0) -> bytes | list[bytes] | None:
    """The bytes inside a compressed file (a list for an archive), or None when it is not one
    or cannot be unpacked safely."""
    import bz2
    import io
    import lzma
    import zipfile

    if depth > 3:
        return None
    try:
        if data[:2] == b"\x1f\x8b":
            inner = gzip.GzipFile(fileobj=io.BytesIO(data)).read(_MAX_UNPACKED + 1)
        elif data[:3] == b"BZh":
            inner = bz2.BZ2Decompressor().decompress(data, _MAX_UNPACKED + 1)
        elif data[:6] == b"\xfd7zXZ\x00":
            inner = lzma.LZMADecompressor().decompress(data, _MAX_UNPACKED + 1)
        elif data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
                if sum(m.file_size for m in members) > _MAX_UNPACKED:
                    return None
                return [archive.read(m) for m in members]
        else:
            return None
    except (OSError, EOFError, ValueError, lzma.LZMAError, zipfile.BadZipFile):
        return None
    return None if len(inner) > _MAX_UNPACKED else inner


def _text_of(data: bytes, depth: int = 0) -> str:
    if data[:5] == b"%PDF-":  # its text sits in compressed streams Trellis does not unpack
        return UNREADABLE
    if data[:2] == b"\x1f\x8b" or data[:3] == b"BZh" or data[:6] == b"\xfd7zXZ\x00" or data[:4] == b"PK\x03\x04":
        inner = _unpacked(data, depth)
        if inner is None:
            return UNREADABLE
        parts = inner if isinstance(inner, list) else [inner]
        texts = [_text_of(part, depth + 1) for part in parts]
        return UNREADABLE if UNREADABLE in texts else "\n".join(texts)
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", errors="replace")
    for mark, encoding in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(mark):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data:  # wide text without its mark: where the zero bytes fall tells the encoding
        sample = data[:4096]
        for encoding, zeros in (
            ("utf-32-le", sample[1::4] + sample[2::4] + sample[3::4]),
            ("utf-32-be", sample[0::4] + sample[1::4] + sample[2::4]),
            ("utf-16-le", sample[1::2]),
            ("utf-16-be", sample[0::2]),
        ):
            if zeros and zeros.count(0) > 0.9 * len(zeros):
                return data.decode(encoding, errors="replace")
        return UNREADABLE  # zero bytes and no text encoding: binary
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
        return (
            f"this repository is public ({VISIBILITY_VAR}=public), and {n} journal file{'s' * (n != 1)} "
            f"in it expose{'s' * (n == 1)} private data about {p} {'person' if p == 1 else 'people'}: "
            f"{listed}{more}. Make the repository private and publish the site to a separate public "
            "repository with `trellis publish`, or remove the private data (e-mails, phones, notes, "
            "want and give, birthdays, summaries, unpublished entries) and set `public: true` only "
            "where a person or an entry agreed to be published"
        )


def repository_exposure(journal: Journal) -> Exposure:
    """Every journal file that would show something private if the repository were public.

    Private, as in the public site: a contact's e-mail, phone, birthday, notes, want and
    give, and any contact without `public: true` (the file name is a name); interaction
    summaries; the text of an entry without `public: true`. Fail closed: a contact or entry
    file that could not be read, or whose id is taken twice, counts as private, and so do
    exports (.csv, .vcf, .vcard) anywhere in the journal and any file other than markdown
    in goals/, contacts/ or entries/ (a photo, a note). Dot files (.gitkeep) hold nothing.
    """
    from .loading import journal_files, record_kind  # the loader imports nothing of this module

    found = Exposure()
    root = journal.root
    for contact in journal.contacts.values():
        src = contact.source
        what = [
            label
            for label, value in (
                ("e-mail", contact.email),
                ("phone", contact.phone),
                ("birthday", contact.birthday),
                ("notes", contact.notes),
                ("want", contact.want),
                ("give", contact.give),
            )
            if value
        ]
        if not contact.public:
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
    prefix = next((s.shown[: -len(s.rel)] for s in sources if s.shown.endswith(s.rel)), f"{root.name}/")
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


# switches that publish more than the default, said on every build -------------------------

UNGUARDED_VAR = "TRELLIS_PUBLISH_UNGUARDED"  # gh-deploy with the guard off: asked twice


def unguarded_warning() -> str:
    return (
        "privacy_guard is false: this public build is not scanned for private names, e-mails, "
        "phones, notes, summaries or private entry text; turn the guard on before publishing"
    )


def unguarded_deploy_refusal() -> str | None:
    """Why `mkdocs gh-deploy` may not go on with the guard off, or None if the user said so twice."""
    if os.environ.get(UNGUARDED_VAR) == "yes":
        return None
    return (
        "Trellis refuses to deploy with privacy_guard: false: nothing would check the site for private "
        f"data. Turn the guard on, or, if you mean it, also set {UNGUARDED_VAR}=yes"
    )


def owner_build_warning(site_dir: str) -> str:
    return (
        f"this is the owner view: {site_dir} now holds private data (e-mails, notes, "
        "people who did not agree to be named); do not upload it. `mkdocs build` without "
        "TRELLIS_AUDIENCE or the audience option builds the public view"
    )
