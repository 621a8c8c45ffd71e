"""`trellis export ics` and the owner's `reach-out/trellis.ics`: who to contact when, as a calendar.

One iCalendar file (RFC 5545), as the `icalendar` library 7 writes it (its escaping of
commas, semicolons, backslashes and line breaks, its line folding): the library writes the
calendar's head, and the events are written here the same way byte for byte, twenty times
faster (`_event`; issue 31), from the figures the pages already made. Six kinds of
all-day events (`DTSTART;VALUE=DATE`, one day long, shown as free time):

* **follow-up**: each interaction's `follow_up:` still to do, on its day (done, and gone,
  once one of its people was in touch again on or after it: `Figures.open_follow_ups`,
  what the reach-out page lists);
* **reach-out**: each tie's next reach-out, the day its last contact (`Figures.last_contact`)
  plus `keep_in_touch` runs out; the day after it the tie is dormant, as the reach-out page
  counts. An overdue one stays on its day, in the past: the reach-out page lists it;
* **due**: each active goal's due date (a recurring goal's is when the habit is reviewed);
* **cadence**: each active recurring goal, on the first day of each of its periods (the
  period holding `start`, weeks beginning on `week_start`) until `due`:
  `FREQ=DAILY`, `WEEKLY`, `MONTHLY`, or `MONTHLY;INTERVAL=3` for a quarter;
* **next-step**: each open job application's `next:` day;
* **application-follow-up**: each application under way, on the day its silence asks for a
  follow-up (`Figures.application_reminders`, the stop rules of `metrics.hunt`). Neither for a
  closed application, nor for one that has gone quiet: its events leave the calendar.

Each event's UID is a UUID made from what the event is (its kind and the record it comes
from: the entry, its people and the follow-up's day; the contact; the goal), never from
its place in the file (an application's: its kind and id, so it moves with `next:`), so a calendar app that reloads the file updates an event instead
of adding it twice, and moves a reach-out when the tie's last contact moves. A UID holds
no name (RFC 7986: a UID should not give away who it is about).

Everything in it is the owner's: names, summaries, and in each description why the event
is there and what the relationship is for (`want:` and `give:`). It is never part of a
public build, and the privacy guard stops one that carries any calendar file. Text from
the journal goes into the library's text values, which escape it; control characters and
bidirectional overrides are shown as escapes (`\\x1b`), as the command prints them.

Today (the judgement of which follow-ups are done, and each event's DTSTAMP, midnight UTC
of today) comes from the analysis, so two exports of one journal on one day are
byte-identical.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from ..decoding import visible
from ..memo import Kept
from ..metrics.hunt import FOLLOW_UP_AFTER_DAYS, Reminder
from ..metrics.periods import period_start
from ..model import PERIODS, WEEKDAYS, Contact, Goal, Interaction
from ..pipeline import Analysis
from ..rendering.hunt_week import title as application_title

PRODID = "-//Trellis//Trellis networking journal//EN"
CALENDAR_NAME = "Trellis: who to contact when"
SITE_PATH = "reach-out/trellis.ics"  # where the owner's site serves it (inside the journal's folder)
# the namespace of every event's UID: uuid5 of it and the event's key
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://trellis.invalid/calendar")
# the order events of one day are written in
KINDS = ("follow-up", "reach-out", "due", "cadence", "next-step", "application-follow-up")
# how each period recurs: (FREQ, INTERVAL)
RECURRENCE = {"day": ("DAILY", 1), "week": ("WEEKLY", 1), "month": ("MONTHLY", 1), "quarter": ("MONTHLY", 3)}
THIS = {"day": "Today", "week": "This week", "month": "This month", "quarter": "This quarter"}


@dataclass(frozen=True)
class CalendarEvent:
    kind: str  # one of KINDS
    key: tuple[str, ...]  # what the event is: its UID is made of it
    day: dt.date
    summary: str
    description: str
    recurrence: tuple[tuple[str, object], ...] | None = None  # an RRULE's parts, as icalendar takes them
    until: dt.date | None = None  # the RRULE's last day

    @property
    def uid(self) -> str:
        return f"{uuid.uuid5(UID_NAMESPACE, chr(31).join(self.key))}@trellis"


def calendar_events(analysis: Analysis) -> list[CalendarEvent]:
    """Every event of the owner's calendar, by day, kind and key."""
    events = _follow_ups(analysis) + _reach_outs(analysis) + _goal_events(analysis) + _applications(analysis)
    return sorted(events, key=lambda e: (e.day, KINDS.index(e.kind), e.key))


def journal_calendar(analysis: Analysis, memo: Kept | None = None) -> bytes:
    """The owner's calendar as an iCalendar file (CRLF line ends, UTF-8).

    `memo` (kept by the plugin across `mkdocs serve` rebuilds) holds each event's text by
    the event: a save changes a few events at most."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", CALENDAR_NAME)  # RFC 7986
    calendar.add("x-wr-calname", CALENDAR_NAME)  # what most calendar apps read
    # a subscribed app asks again after an hour (RFC 7986, and Outlook's and Apple's older name)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = dt.datetime.combine(analysis.today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    known = memo if memo is not None else Kept()
    texts: dict[tuple[CalendarEvent, dt.datetime], bytes] = {}
    for found in calendar_events(analysis):
        key = (found, stamp)
        texts[key] = known.get(key, None, lambda: _event(found, stamp))  # called at once
    known.forget_unused()  # what this build did not use is forgotten
    head, end, tail = calendar.to_ical().rpartition(b"END:VCALENDAR")  # the events go before its end
    return head + b"".join(texts.values()) + end + tail


def _event(found: CalendarEvent, stamp: dt.datetime) -> bytes:
    """One VEVENT as the `icalendar` library (7.x) writes it, byte for byte, written here: the
    library took about a millisecond an event (1.6 s of a 1,200-contact owner build), this a
    twentieth of it. Its properties in the library's order (SUMMARY, DTSTART, DTEND, DTSTAMP,
    UID, RRULE, then by name), its escaping of text and its folding at 75 octets
    (tests/interchange/test_calendar_writer.py compares the two)."""
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _escape(_text(found.summary)),
        f"DTSTART;VALUE=DATE:{found.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{found.day + dt.timedelta(days=1):%Y%m%d}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        "UID:" + _escape(found.uid),
    ]
    if found.recurrence is not None:
        rule = dict(found.recurrence)
        parts = [f"FREQ={rule['freq']}"]
        if found.until is not None:
            parts.append(f"UNTIL={found.until:%Y%m%d}")
        parts.append(f"INTERVAL={rule['interval']}")
        if "wkst" in rule:
            parts.append(f"WKST={rule['wkst']}")
        lines.append("RRULE:" + ";".join(parts))
    lines += [
        "CATEGORIES:" + _escape(f"Trellis {found.kind}"),
        "DESCRIPTION:" + _escape(_text(found.description)),
        "TRANSP:TRANSPARENT",  # a reminder, not a meeting: the day stays free
        "END:VEVENT",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def _escape(text: str) -> str:
    """A TEXT value's escaping as the library does it (RFC 5545 3.3.11; the order matters)."""
    return (
        text.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _fold(line: str, limit: int = 75) -> str:
    """A content line folded as the library folds it: at most 74 octets a piece, each piece
    after the first starting with a space, never splitting a character, and a backslash or
    caret that would end a piece moved to the next (so `\\,` is never cut after its backslash)."""
    pieces: list[str] = []
    if line.isascii():  # one octet a character: cut by slices
        start = 0
        while len(line) - start >= limit:
            end = start + limit - 1
            if line[end - 1] in "\\^" and end - start > 1:
                end -= 1
            pieces.append(line[start:end])
            start = end
        pieces.append(line[start:])
        return "\r\n ".join(pieces)
    current: list[str] = []
    count = 0
    for char in line:
        size = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and count + size >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current, count = [carried], 1
            else:
                pieces.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _text(text: str) -> str:
    """A journal's text as a calendar's text value: line breaks kept (the library escapes them,
    and commas, semicolons and backslashes), other control characters shown as escapes."""
    return "\n".join(visible(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _name(analysis: Analysis, contact_id: str) -> str:
    contact = analysis.journal.contacts.get(contact_id)
    return (contact.name if contact is not None else "") or contact_id


def _about(contact: Contact) -> list[str]:
    """Who the person is and what the relationship is for: the owner's want and give."""
    what = ", ".join(v for v in (contact.role, contact.company) if v)
    lines = [f"{contact.name or contact.id}" + (f" ({what})" if what else "")]
    if contact.want:
        lines.append(f"You hope for: {'; '.join(contact.want)}")
    if contact.give:
        lines.append(f"You can offer: {'; '.join(contact.give)}")
    return lines


def _follow_ups(analysis: Analysis) -> list[CalendarEvent]:
    found, seen = [], set()
    for interaction in analysis.figures.open_follow_ups:
        assert interaction.follow_up is not None  # open_follow_ups: interactions with a follow-up
        people = list(dict.fromkeys(interaction.with_ids))
        key: tuple[str, ...]  # with a number added below when two are alike
        key = ("follow-up", interaction.entry_id, ",".join(sorted(people)), interaction.follow_up.isoformat())
        if key in seen:  # two interactions of one entry with the same people and day: one reminder each
            n = 2
            while key + (str(n),) in seen:
                n += 1
            key += (str(n),)
        seen.add(key)
        found.append(
            CalendarEvent(
                "follow-up",
                key,
                interaction.follow_up,
                f"Follow up with {', '.join(_name(analysis, cid) for cid in people)}",
                _follow_up_description(analysis, interaction, people),
            )
        )
    return found


def _follow_up_description(analysis: Analysis, interaction: Interaction, people: list[str]) -> str:
    how = " ".join(v for v in (interaction.direction, interaction.channel) if v)
    when = interaction.date.isoformat() if interaction.date else "an undated entry"
    what = (f"an {how}" if how[:1] in tuple("aeiou") else f"a {how}") if how else "an interaction"
    lines = [
        f"Why: you set this follow-up after {what} on {when}"
        + (f": {interaction.summary}" if interaction.summary else "")
    ]
    entry = analysis.figures.entries_by_id.get(interaction.entry_id)
    if entry is not None:
        lines.append(f"Entry: {entry.source.rel}")
    lines.append("It is done once you are in touch with any of them again on or after this day.")
    for cid in people:
        contact = analysis.journal.contacts.get(cid)
        lines += [""] + (_about(contact) if contact is not None else [f"{cid} (no contact file of this id)"])
    return "\n".join(lines)


def _reach_outs(analysis: Analysis) -> list[CalendarEvent]:
    figures, found = analysis.figures, []
    for cid in sorted(analysis.journal.contacts):
        contact, touch = analysis.journal.contacts[cid], figures.touches[cid]
        last = figures.last_contact(cid)
        if last is None:  # no interaction and no `met:`: nothing to count from
            continue
        day = last + dt.timedelta(days=touch.period_days)
        # last_contact is the last interaction (up to today), else `met:`: the tie says which
        since = "your last interaction" if touch.logged else "the day you met"
        lines = [
            f"Why: your last contact was on {last.isoformat()} ({since}), and you want to be in touch "
            f"every {touch.period_days} days (keep_in_touch): from the day after this one the tie is dormant.",
            f"Stage: {figures.stage(cid).name}",
            f"Contact file: {contact.source.rel}",
            "",
        ] + _about(contact)
        found.append(
            CalendarEvent(
                "reach-out", ("reach-out", cid), day, f"Reach out to {_name(analysis, cid)}", "\n".join(lines)
            )
        )
    return found


def _goal_events(analysis: Analysis) -> list[CalendarEvent]:
    found = []
    for gid in sorted(analysis.journal.goals):
        goal = analysis.journal.goals[gid]
        if goal.is_vision or goal.status != "active":
            continue
        recurring = goal.per in PERIODS
        about = _goal_lines(analysis, goal)
        title = goal.title or goal.id
        if goal.due is not None:
            what = "review the habit: keep it, adjust it or close it" if recurring else "the goal is due"
            found.append(
                CalendarEvent(
                    "due",
                    ("due", gid),
                    goal.due,
                    f"{'Goal review' if recurring else 'Goal due'}: {title}",
                    "\n".join([f"Due: {what}."] + about),
                )
            )
        if recurring:
            assert goal.per is not None  # in PERIODS
            first = period_start(goal.start or analysis.today, goal.per, analysis.figures.week_start)
            if goal.due is not None and goal.due < first:
                continue  # due before it starts: SMART-T2 says so; nothing recurs
            freq, interval = RECURRENCE[goal.per]
            rule: tuple[tuple[str, object], ...] = (("freq", freq), ("interval", interval))
            if goal.per == "week":
                rule += (("wkst", WEEKDAYS[analysis.figures.week_start][:2].upper()),)
            found.append(
                CalendarEvent(
                    "cadence",
                    ("cadence", gid),
                    first,
                    f"{THIS[goal.per]}: {title}",
                    "\n".join([_cadence_line(goal.per)] + about),
                    rule,
                    goal.due,
                )
            )
    return found


def _cadence_line(per: str) -> str:
    return "A recurring goal: every day." if per == "day" else f"A recurring goal: the first day of each {per}."


def _goal_lines(analysis: Analysis, goal: Goal) -> list[str]:
    lines = []
    if goal.why:
        lines.append(f"Why: {goal.why}")
    vision = analysis.journal.goals.get(goal.supports) if goal.supports else None
    if vision is not None and vision.title:
        lines.append(f"Supports: {vision.title}")
    target = goal.target
    if isinstance(target, float) and target.is_integer():
        target = int(target)
    if target is not None and not isinstance(target, (dict, list)):
        per = f" a {goal.per}" if goal.per in PERIODS else ""
        lines.append(f"Target: {target}{' ' + goal.unit if goal.unit else ''}{per}")
    if goal.start is not None or goal.due is not None:
        lines.append(
            f"From {goal.start.isoformat() if goal.start else '?'} to {goal.due.isoformat() if goal.due else '?'}"
        )
    if goal.actions:
        lines.append("Actions:")
        lines += [f"- {action}" for action in goal.actions]
    lines.append(f"Goal file: {goal.source.rel}")
    return lines


def _applications(analysis: Analysis) -> list[CalendarEvent]:
    """Each open application's next step and follow-up, while it reminds (`Reminder.next_step`,
    `follow_up_day`: none once it has gone quiet; closed ones have no reminder)."""
    found = []
    for aid, r in analysis.figures.application_reminders.items():
        app = r.application
        title = application_title(app)
        about = _application_lines(analysis, r)
        if r.next_step is not None:
            why = f"Why: the next step you wrote (next:) for this application, {app.current}."
            found.append(
                CalendarEvent(
                    "next-step", ("next-step", aid), r.next_step, f"Next step: {title}", "\n".join([why] + about)
                )
            )
        if r.follow_up_day is not None:
            since = r.last_sign.isoformat() if r.last_sign else "?"
            lines = [
                f"Why: no news since {since}: follow up {FOLLOW_UP_AFTER_DAYS} days after the last sign of life, "
                "your last follow-up or the next step, whichever is latest."
            ]
            if r.stops_on is not None:
                lines.append(f"If nothing comes back, Trellis stops reminding of it on {r.stops_on.isoformat()}.")
            found.append(
                CalendarEvent(
                    "application-follow-up",
                    ("application-follow-up", aid),
                    r.follow_up_day,
                    f"Follow up: {title}",
                    "\n".join(lines + about),
                )
            )
    return found


def _application_lines(analysis: Analysis, r: Reminder) -> list[str]:
    app = r.application
    lines = [f"Application file: {app.source.rel}"]
    if app.link:
        lines.append(f"Posting: {app.link}")
    for cid in app.people:
        contact = analysis.journal.contacts.get(cid)
        lines += [""] + (_about(contact) if contact is not None else [f"{cid} (no contact file of this id)"])
    return lines
