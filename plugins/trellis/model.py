"""Typed records of a journal: what the loading step produces and every later step reads.

Records are plain data. Each keeps its `Source` (file, display path, the line of every
key) so that a finding about any value can point at the line that holds it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .decoding import visible

KINDS = ("goal", "contact", "entry")
STAGES = ("contact", "acquaintance", "ally")
COUNTERS = (
    "new-contacts",
    "interactions",
    "revived",
    "entries",
    "events",
    "applications",
    "referrals",
    "manual",
    "stage",
)
# the counters that count job applications (`metrics/hunt_counts.py`): owner only, like the applications
# themselves, so a goal over one of them is left out of the public view entirely (`View.shows_goal`)
HUNT_COUNTERS = ("applications", "referrals")
PERIODS = ("day", "week", "month", "quarter")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # week_start option
CHANNELS = ("linkedin", "twitter", "email", "call", "video", "coffee", "event", "slack", "meetup", "other")
DIRECTIONS = ("outbound", "inbound", "mutual")
GOAL_KINDS = ("smart", "vision")
GOAL_STATUSES = ("active", "done", "dropped", "paused")
# an application's statuses: the pipeline in its order, then the ends it may stop at any time
APPLICATION_STATUSES = (
    "interested",
    "applied",
    "referred",
    "screening",
    "interviewing",
    "offer",
    "accepted",
    "rejected",
    "withdrawn",
    "ghosted",
)
# where each pipeline status stands (APPLICATION-6: a history out of order); applied and referred
# share a place (a referral comes before or after the application); the ends have none
PIPELINE_RANK = {
    "interested": 0,
    "applied": 1,
    "referred": 1,
    "screening": 2,
    "interviewing": 3,
    "offer": 4,
    "accepted": 5,
}
# the steps that show an application was sent: an `interested` one was not (a plan), one
# `withdrawn` may not have been; the counters, the reminders and the review read it alike
SENT_STATUSES = frozenset(APPLICATION_STATUSES) - {"interested", "withdrawn"}
OPEN_STATUSES = ("interested", "applied", "referred", "screening", "interviewing", "offer")
DEFAULT_KEEP_IN_TOUCH_DAYS = 90
DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")  # an entry's day, from its file name

# The journal's vocabulary, stated once: the loader, the rules, privacy, the plugin and the
# commands all ask these questions, and each reads the answer here.
# the folders whose markdown files are records (applications/ is owner only: see privacy/)
RECORD_FOLDERS = ("goals", "contacts", "entries", "applications")
# every suffix MkDocs renders as a page (mkdocs.utils.markdown_extensions), in any case: a contact
# saved as `ada.MD` or `ada.markdown` is read like `ada.md`, never published as a page behind
# Trellis' back
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# the plan's wanted qualities: plan.md's `want:` keys (PLAN-1) and the contact field each one reads
WANT_FIELDS = {
    "roles": "role",
    "sectors": "sector",
    "locations": "location",
    "skills": "skills",
    "companies": "company",
}
WANTED_QUALITIES = tuple(WANT_FIELDS)
# the same qualities as a contact's fields, in the order the public view weighs them
QUALITY_FIELDS = ("role", "sector", "company", "location", "skills")
# what looks like an e-mail or a phone number in free text (notes, a file Trellis could not read)
EMAIL_PATTERN = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
)  # bounded: linear on a 2 MB line
# seven or more digits with the separators people write between them
PHONE_PATTERN = re.compile(r"(?<![\d+])\+?\d[\d ()./-]{5,24}\d")  # bounded: linear on a long run of digits
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def in_record_folder(rel: str) -> bool:
    """Whether a path inside the journal (with `/`) lies under a record folder, in any case
    (`Contacts/ada.md`, `entries/2026/notes.txt`): nothing there is published as it is."""
    return "/" in rel and rel.split("/", 1)[0].casefold() in RECORD_FOLDERS


def phones_in(text: str) -> set[str]:
    """The phone numbers written in free text: PHONE_PATTERN's runs that hold seven digits or
    more and are not a date (2024-03-14)."""
    return {
        p.strip()
        for p in PHONE_PATTERN.findall(text)
        if sum(c.isdigit() for c in p) >= 7 and not _ISO_DATE.fullmatch(p.strip())
    }


def fold(text: str | None) -> str:
    """A value compared loosely: case and runs of spaces ignored ("  Stripe " is "stripe")."""
    return " ".join((text or "").casefold().split())


@dataclass
class Source:
    """Where a record came from, and the line of each key in its frontmatter."""

    path: str | Path  # absolute path of the file (a str when loaded: thousands of Paths cost time)
    shown: str  # the path findings print, e.g. "journal/goals/x.md"
    rel: str  # path inside the journal, with forward slashes, e.g. "goals/x.md"
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1  # first line inside the frontmatter (after the opening ---)
    body_line: int = 1  # first line of the markdown body
    # the file's text as the loader read it: what else the file says (an e-mail under another
    # key, a value the loader could not read) is looked up here, never read from disk again
    text: str = field(default="", repr=False, compare=False)
    # Most files never need a line: the loader may leave a function that fills `lines`
    # when the first finding asks for one.
    fill_lines: Callable[[Source], None] | None = field(default=None, repr=False, compare=False)

    def line(self, *key: Any) -> int:
        """Line of a key path such as ("interactions", 0, "with"), or of its nearest parent."""
        if self.fill_lines is not None:
            fill, self.fill_lines = self.fill_lines, None
            fill(self)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.first_line


@dataclass
class Finding:
    """One problem in the journal, in the form `trellis check` prints."""

    shown: str
    line: int
    severity: str  # "error" | "warning"
    rule: str  # e.g. "SMART-T2"
    message: str
    fix: str

    def __str__(self) -> str:
        # one line, whatever the values quoted hold (an imported name, a channel with a line
        # break): `trellis check` and the build's log print it to a terminal, and to a CI log
        # where a line starting `::` is a workflow command
        return visible(f"{self.shown}:{self.line}: {self.severity} {self.rule}: {self.message}: {self.fix}")

    @property
    def sort_key(self) -> tuple:
        return (self.shown, self.line, self.rule, self.message)


@dataclass
class Plan:
    source: Source
    vision: str = ""
    want: dict[str, list[str]] = field(default_factory=dict)
    dream_companies: list[str] = field(default_factory=list)
    review: str = ""
    body: str = ""
    # title words -> role (roles.py): "platform engineer: developer"; as written, bad shapes left out (PLAN-3)
    roles_map: dict[str, str] = field(default_factory=dict)
    # the public site names the dream companies (and `want.companies`) only when this is true
    public_dream_companies: bool = False
    # the public site shows pace and habit figures (status, buffer, streaks, habit strength) only when true
    public_pace: bool = True  # false: pace and habit figures stay the owner's


@dataclass
class Measure:
    count: str | None = None
    where: dict[str, list[str]] = field(default_factory=dict)
    mode: str = "add"  # manual goals: add (increments) | level (latest value)
    contact: str | None = None  # stage goals

    @property
    def level(self) -> bool:
        """A manual goal whose entries give the new total (a follower count), not increments."""
        return self.count == "manual" and self.mode == "level"


@dataclass
class Goal:
    id: str
    source: Source
    title: str = ""
    kind: str = "smart"
    supports: str | None = None
    why: str = ""
    measure: Measure | None = None
    target: Any = None  # a number, or a stage name for stage goals; rules judge it
    unit: str = ""
    per: str | None = None
    start: dt.date | None = None
    due: dt.date | None = None
    horizon: dt.date | None = None
    actions: list[str] = field(default_factory=list)
    status: str = "active"
    body: str = ""
    # keys whose value could not be read; the loader already reported them
    invalid: set[str] = field(default_factory=set)

    @property
    def is_vision(self) -> bool:
        return self.kind == "vision"

    @property
    def counts_applications(self) -> bool:
        """Whether it counts job applications or referrals (HUNT_COUNTERS): owner only, like them."""
        return not self.is_vision and self.measure is not None and self.measure.count in HUNT_COUNTERS

    @property
    def target_number(self) -> float | None:
        t = self.target
        if isinstance(t, bool) or not isinstance(t, (int, float)):
            return None
        return float(t)


class MonthDay:
    """A birthday without a year, as vCard 4 writes it (`--MM-DD`): kept as month and day,
    never given an invented year (Apple's 1604, or 1900)."""

    __slots__ = ("month", "day")

    def __init__(self, month: int, day: int) -> None:
        dt.date(2000, month, day)  # a leap year: 29 February is a birthday; ValueError for 31 April
        self.month, self.day = month, day

    def isoformat(self) -> str:
        return f"--{self.month:02d}-{self.day:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"MonthDay({self.month}, {self.day})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MonthDay) and (self.month, self.day) == (other.month, other.day)

    def __hash__(self) -> int:
        return hash((self.month, self.day))


@dataclass(frozen=True)
class PastCompany:
    """One line of a contact's work history (`past_companies:`): where they were and as what,
    until when. An import that sees them move writes it (`trellis import --apply-changes`)."""

    company: str = ""
    role: str = ""
    until: dt.date | None = None


@dataclass
class Contact:
    id: str
    source: Source
    name: str = ""
    company: str = ""
    role: str = ""
    sector: str = ""
    location: str = ""
    skills: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    met: dt.date | None = None  # the day you met: written by you (an importer's date is `connected`)
    how_met: str = ""
    # the day an importer says you connected (LinkedIn's "Connected On"): known, not met
    connected: dt.date | None = None
    introduced_by: str | None = None
    knows: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    email: str = ""  # the first of `emails`
    phone: str = ""  # the first of `phones`
    birthday: dt.date | MonthDay | None = None  # never published, like e-mail and phone
    keep_in_touch_days: int = DEFAULT_KEEP_IN_TOUCH_DAYS
    stage: str | None = None  # manual override
    public: bool = False
    notes: str = ""
    # what the relationship is for: what you hope for, what you can offer; private like the notes
    want: list[str] = field(default_factory=list)
    give: list[str] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)
    # `email:` and `phone:` may hold a list (a vCard with a work and a home address)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    # where they worked before (`past_companies:`), in the file's order; company: like `company`
    past_companies: list[PastCompany] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.emails = self.emails or ([self.email] if self.email else [])
        self.phones = self.phones or ([self.phone] if self.phone else [])

    @property
    def joined(self) -> dt.date | None:
        """The day they joined your network: the day you met, else the day an importer says you
        connected (the review's composition of who was known when; the `new-contacts` counter
        counts `met:` alone)."""
        return self.met or self.connected


@dataclass
class Interaction:
    with_ids: list[str]
    channel: str | None
    direction: str | None
    summary: str
    follow_up: dt.date | None
    date: dt.date | None  # the entry's date
    entry_id: str
    index: int  # position in the entry's list, for line lookups


@dataclass
class Entry:
    id: str
    source: Source
    date: dt.date | None = None
    interactions: list[Interaction] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    progress: dict[str, float] = field(default_factory=dict)
    public: bool = False
    text: str = ""
    invalid: set[str] = field(default_factory=set)


@dataclass
class Withheld:
    """A contact file Trellis could not take as a record (unreadable, or its id is taken).

    Fail closed: whoever it describes is private in every view, whatever the file says, and
    a public build stops on it. What could be recovered from the file is kept here, so the
    redactor and the privacy guard still know the person.
    """

    id: str  # from the file name, like any record's
    source: Source
    reason: Finding  # why the file was not taken: the finding `trellis check` prints too
    names: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # other lines of the file, protected as notes
    contact: Contact | None = None  # the record itself, when the file was read but its id is taken


@dataclass(frozen=True)
class StatusChange:
    """One line of an application's `history:`: the day it reached a status."""

    date: dt.date
    status: str


@dataclass
class Application:
    """One job application (`applications/*.md`): owner only, never in the public site."""

    id: str
    source: Source
    company: str = ""
    role: str = ""
    link: str = ""
    applied: dt.date | None = None
    status: str | None = None  # as written; `current` is what counts
    history: list[StatusChange] = field(default_factory=list)  # sorted by date, as written otherwise
    via: str | None = None  # the referral or intro: a contact id
    contacts: list[str] = field(default_factory=list)  # others involved (recruiter, interviewer)
    next: dt.date | None = None  # the next step's date
    notes: str = ""  # never published
    invalid: set[str] = field(default_factory=set)

    @property
    def current(self) -> str:
        """Where it stands: `status:`, else the latest status of the history, else applied
        (with an `applied:` date) or interested."""
        if self.status:
            return self.status
        if self.history:
            return self.history[-1].status
        return "applied" if self.applied else "interested"

    @property
    def opened(self) -> dt.date | None:
        """The day it got under way: the earliest of `applied:` and its history's steps that show
        it was sent (SENT_STATUSES); None while it is a plan (interested, or dropped unsent)."""
        days = [s.date for s in self.history if s.status in SENT_STATUSES]
        if self.applied:
            days.append(self.applied)
        return min(days, default=None)

    @property
    def is_open(self) -> bool:
        return self.current in OPEN_STATUSES

    @property
    def people(self) -> list[str]:
        """The contact ids it names: `via` first, then `contacts`."""
        return list(dict.fromkeys(([self.via] if self.via else []) + self.contacts))


@dataclass
class Journal:
    """Everything read from one docs_dir, plus the findings of reading it."""

    root: Path  # the journal folder (docs_dir)
    plan: Plan | None = None
    goals: dict[str, Goal] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)  # dated ones sorted by date, then id
    applications: dict[str, Application] = field(default_factory=dict)  # owner only
    findings: list[Finding] = field(default_factory=list)  # problems found while loading
    withheld: list[Withheld] = field(default_factory=list)  # contact files not taken: private, and block publishing
    # record files that could not be read (no record was made, so nothing in them is counted):
    # (path inside the journal, the finding that says why), in the order they were met
    unread: list[tuple[str, Finding]] = field(default_factory=list)
    # the ordinary pages beside the records (index.md, about.md): (absolute path, path inside the journal)
    pages: list[tuple[str, str]] = field(default_factory=list)
    # every file the loader met, as paths inside the journal (dot files and folders left out;
    # symlinked folders followed), and the symlinks met as (path inside the journal, target)
    files: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def interactions(self) -> list[Interaction]:
        return [i for e in self.entries for i in e.interactions]
