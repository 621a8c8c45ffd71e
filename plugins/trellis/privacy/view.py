"""The one place that decides what an audience sees.

Two audiences: the owner (`mkdocs serve`: everything, with what stays private marked)
and the public (`mkdocs build` / `gh-deploy`: the portfolio). Every page, figure and
file asks a `View` before it shows a person, a text or a file. The promise: the
public site never holds contact e-mail, phone, notes, want and give, the names and ids of contacts
without `public: true`, interaction summaries, or the text of entries without
`public: true`. People who did not agree to be named appear by role and sector.

The view also lists who and what stays private (`people`, `matcher`, `passages`):
`guard.py`, the last line of defence, reads every output file of a public build for them
and fails the build (before `gh-deploy` or `trellis publish` can push) if one got through.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property
from urllib.parse import urlsplit

from ..model import Contact, Entry, Finding, Goal, Interaction, Journal, PastCompany, fold
from ..roles import Taxonomy, for_plan
from . import files
from .audience import Audience
from .headings import redact_markdown_headings
from .keys import NEUTRAL_LABEL, Person
from .labels import FEW_TO_SHOW, OTHER, QUALITIES, describe, quality_values
from .matching import DETAIL_KINDS, Match, Matcher
from .passages import Passages
from .people import known_person
from .private_texts import private_passages
from .redaction import Redacted
from .redactor import Address, Redactor

OWNER_PAGES = ("checks", "companies", "reach-out", "review", "today")  # review/ and review/YYYY-MM/; companies/ID/


def _scheme(url: str) -> str:
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


class View:
    """What one audience sees of one journal."""

    def __init__(self, journal: Journal, audience: Audience):
        self.journal = journal
        self.audience = audience

    @property
    def owner(self) -> bool:
        return self.audience is Audience.OWNER

    @cached_property
    def roles(self) -> Taxonomy:
        """How this journal reads job titles (`roles.py`): one classification for every count and label."""
        return for_plan(self.journal.plan)

    # what the owner needs and a reader of the portfolio would misread -------------------

    @property
    def shows_dream_companies(self) -> bool:
        """The dream companies (and `want.companies`): the owner's; in public only when plan.md
        says `public_dream_companies: true` (a current employer reads the portfolio too)."""
        return self.owner or (self.journal.plan is not None and self.journal.plan.public_dream_companies)

    @property
    def shows_pace(self) -> bool:
        """Pace and habit figures (status ahead/behind, buffer, ideal line, quotas of a period,
        streaks, habit strength): public as the contract's progress page has them, unless plan.md says
        `public_pace: false` (what `trellis init` writes: a recruiter may read "behind" as failure)."""
        return self.owner or self.journal.plan is None or self.journal.plan.public_pace

    # pages and files -----------------------------------------------------------------

    def shows_page(self, name: str) -> bool:
        return self.owner or name not in OWNER_PAGES

    def shows_goal(self, goal: Goal) -> bool:
        """A goal counting job applications or referrals is the owner's, like every figure drawn from
        applications: left out of the public view entirely (page, rows, achievements), as its title
        may name a company. The owner view marks it as not published (`Goal.counts_applications`)."""
        return self.owner or not goal.counts_applications

    def shows_contact_page(self, contact: Contact) -> bool:
        return self.owner or contact.public

    def publishes_file(self, rel: str, allowed: Iterable[str] = ()) -> bool:
        """Whether a file the user put in the journal folder is copied into the site as it is
        (`files.publishes_file`); the owner view keeps everything."""
        return self.owner or files.publishes_file(rel, allowed)

    def publishes_site_file(self, src_uri: str) -> bool:
        """A file of the site around the journal: published but for contact exports (`files`)."""
        return self.owner or files.publishes_site_file(src_uri)

    # fail closed ---------------------------------------------------------------------

    def blocking(self) -> list[Finding]:
        """Findings that stop a public build (`files.blocking`); the owner view builds."""
        return [] if self.owner else files.blocking(self.journal)

    def blocking_message(self) -> str | None:
        """Why a public build stops on the people it could not read, or None."""
        return files.blocking_message(self.blocking())

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
                holders[quality].update(quality_values(contact, quality, self.roles))
        return holders

    def shows_quality(self, quality: str, value: str) -> bool:
        """Whether a company, role, sector, location or skill may be shown as written (FEW_TO_SHOW).
        A role is asked about by its meaning: a title is shown as the role it is read as."""
        if self.owner:
            return True
        if quality == "role":
            value = self.roles.classify(value)
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
            self._descriptions[contact_id] = describe(self.journal.contacts[contact_id], self.shows_quality, self.roles)
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
        if quality == "role":
            return self._tally_roles()
        spellings: dict[str, Counter] = {}
        counts: Counter = Counter()
        other = 0
        for contact in self.journal.contacts.values():
            value = getattr(contact, quality)
            values = quality_values(contact, quality)
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

    def _tally_roles(self) -> list[tuple[str, int]]:
        """People per role by meaning (`roles.py`), as `tally` counts any quality: a role too rare
        among the unnamed is counted under "other", with the titles read as no role."""
        counts: Counter = Counter()
        other = 0
        for contact in self.journal.contacts.values():
            if not fold(contact.role):
                continue
            role = self.roles.classify(contact.role)
            if role != OTHER and (self.names_contact(contact) or self.shows_quality("role", role)):
                counts[role] += 1
            else:
                other += 1
        rows = sorted(counts.items(), key=lambda rn: (-rn[1], rn[0]))
        return rows + [(OTHER, other)] if other else rows

    def shows_entry(self, entry: Entry) -> bool:
        return self.owner or entry.public

    def entry_text(self, entry: Entry) -> str:
        """An entry's markdown as this audience may read it (headings redacted; its HTML is
        redacted once rendered: `redact_fragment`)."""
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

    def contact_past_companies(self, contact: Contact) -> list[PastCompany]:
        """Where they worked before (`past_companies:`), on their own page: a past employer is
        like `company`, so the owner sees everyone's and the public site shows those of a person
        with `public: true`; a person who did not agree has no public page, and no public figure
        counts past companies, so theirs never reach the public site."""
        return list(contact.past_companies) if self.shows_contact_page(contact) else []

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
        return self._redactor.text(text)

    def redact_printed(self, text: str) -> str:
        """A value the theme prints as it is, into HTML text and attributes (site_name, a nav
        title, a page title): people replaced by their label, escaped; a name written with
        entities (`Hana&nbsp;Sato`) is found too."""
        if self.owner or not text:
            return text
        return self._redactor.printed(text)

    def redact_html(self, page_html: str) -> Redacted:
        """Rendered HTML with unconsenting people replaced in its text nodes only, the
        replacement escaped; a person in code, a URL or another attribute is left as
        written and reported (findings), never rewritten."""
        if self.owner or not page_html:
            return Redacted(page_html, [])
        return self._redactor.html(page_html)

    def redact_page(self, page_html: str) -> Redacted:
        """A whole page as `redact_html` redacts it, the theme's frame around its body read
        piece by piece, each distinct piece once per build (`frames.py`)."""
        if self.owner or not page_html:
            return Redacted(page_html, [])
        return self._redactor.page(page_html)

    def redact_value(self, value: str) -> str:
        """A value Trellis' page templates print (`Redactor.value`)."""
        return value if self.owner or not value else self._redactor.value(value)

    def redact_fragment(self, rendered: str) -> str:
        """The user's markdown as rendered into Trellis' pages (`Redactor.fragment`)."""
        return rendered if self.owner or not rendered else self._redactor.fragment(rendered)

    @cached_property
    def _redactor(self) -> Redactor:
        """This view's redaction, each distinct text matched once (a new view each build)."""
        return Redactor(self.matcher, self._label_for)

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
        people = [known_person(c, "") for c in self._private_contacts]
        for withheld in self.journal.withheld:
            if withheld.contact is not None:
                people.append(known_person(withheld.contact, NEUTRAL_LABEL))
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
            dataclasses.replace(known_person(c, ""), name="", id="", links=())
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
            k: Address(v)  # printed in a link's href: never rewritten
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

    # what the guard looks for -------------------------------------------------------------

    def passages(self) -> Passages:
        """Notes, want and give, summaries and private entry text, protected as text
        (sentences, runs of 8 words). Made once per view, as the matcher is: the guard asks for
        them at every `site_leaks` (the plugin's, `trellis publish`'s)."""
        return self._passages

    @cached_property
    def _passages(self) -> Passages:
        return private_passages(self.journal)
