"""Each open job application's reminders as of today: its next step, its silence, and when Trellis
stops asking (the stop rules of a job hunter's follow-up sequence). Owner only, like every figure
drawn from applications; `Figures.application_reminders` is the one front, and the reach-out page,
the Today dashboard, `trellis digest`, the calendar and `trellis status` all read it.

The rules, stated once here (and for the user in docs/reference/journal-format.md, "Reminders
and when they stop"; the choice in docs/design/choices.md):

* A closed application (accepted, rejected, withdrawn, ghosted) never reminds.
* A **planned** one (`interested`, or `applied` with no date written: no `applied:`, no dated
  step in `history`) reminds of its `next` step only: nothing has been sent, so there is no
  silence to count. With no
  `via`, at a company where an ally or acquaintance works now, it suggests asking them for a
  referral (allies first, then the most recently in touch).
* One **under way** (applied, referred, screening, interviewing, offer) was opened on the
  earliest of `applied:` and its history's steps that show it was sent (`Application.opened`). Its **last sign of life** is
  the latest of `applied:`, a dated status in `history`, and an inbound or mutual interaction
  with a person it names (`via`, `contacts`) on or after the day it was opened, up to today.
* It **waits** from the later of the last sign of life and its `next` step's day: a step still
  to come is not silence. Your own outbound messages to them are not signs of life: each one
  after it began waiting is a **follow-up** still unanswered (one a day: two messages of one day
  are one nudge); one before its next step is no follow-up of silence (you wrote to the recruiter
  before the interview). Follow up FOLLOW_UP_AFTER_DAYS after the later of that day and your
  last unanswered follow-up.
* It **goes quiet**, and stops reminding (no next step, no follow-up, no calendar event), on
  the earlier of the day STOP_AFTER_SILENT_DAYS after it began waiting and the day of its
  STOP_AFTER_FOLLOW_UPS-th unanswered follow-up (never before the day after a next step): you
  asked enough. Any sign of life (their answer logged, a new status in `history`) brings it back;
  `status: ghosted` closes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Application, Interaction, Journal, fold
from .stages import Stage

# The stop rules' numbers, in one place (documented in the journal format and choices.md)
FOLLOW_UP_AFTER_DAYS = 7  # a week without news: follow up (again)
STOP_AFTER_FOLLOW_UPS = 2  # two follow-ups unanswered: stop asking
STOP_AFTER_SILENT_DAYS = 30  # thirty days without a sign of life: stop asking
REFERRAL_STAGES = ("ally", "acquaintance")  # who a referral is asked of, in this order
ANSWERS = ("inbound", "mutual")  # an interaction in which they spoke: a sign of life


@dataclass(frozen=True)
class Reminder:
    """One open application's reminders, judged on `today`."""

    application: Application
    today: dt.date
    planned: bool  # nothing sent yet: reminds of its next step only
    opened: dt.date | None  # under way since (None: planned, or no date to count from)
    last_sign: dt.date | None  # the last sign of life (under way only)
    follow_ups: tuple[dt.date, ...]  # the unanswered follow-ups' days, oldest first
    follow_up: dt.date | None  # the day to follow up (under way only)
    stops_on: dt.date | None  # the day it goes (or went) quiet if nothing changes
    referral: tuple[str, ...]  # whom to ask for a referral (contact ids), best first

    @property
    def next(self) -> dt.date | None:
        return self.application.next

    @property
    def gone_quiet(self) -> bool:
        """Stopped reminding: nothing of it is due, overdue or in the calendar any more."""
        return self.stops_on is not None and self.stops_on <= self.today

    @property
    def silent_days(self) -> int | None:
        """Days since the last sign of life."""
        return (self.today - self.last_sign).days if self.last_sign else None

    @property
    def next_step(self) -> dt.date | None:
        """The next step still reminded (none once it has gone quiet)."""
        return None if self.gone_quiet else self.next

    @property
    def follow_up_day(self) -> dt.date | None:
        """The follow-up still reminded (none once it has gone quiet)."""
        return None if self.gone_quiet else self.follow_up

    def due(self, horizon: dt.date) -> list[tuple[str, dt.date]]:
        """What it asks for by `horizon` (today for what is due now): ("next", day) and
        ("follow-up", day), by day."""
        found = [("next", self.next_step), ("follow-up", self.follow_up_day)]
        return sorted(((what, day) for what, day in found if day is not None and day <= horizon), key=lambda x: x[1])


def reminders(
    journal: Journal,
    interactions_by_contact: dict[str, list[Interaction]],
    stage: Callable[[str], Stage],
    today: dt.date,
) -> dict[str, Reminder]:
    """Every open application's reminders, by id in file order."""
    found = {}
    for application in sorted(journal.applications.values(), key=lambda a: a.source.rel):
        if application.is_open:
            found[application.id] = _reminder(application, journal, interactions_by_contact, stage, today)
    return found


def is_planned(application: Application) -> bool:
    """Nothing sent yet: interested, or applied with no date written for it (no `applied:`, and no
    dated step of `history` past interested: `history: {2026-09-20: applied}` was sent that day)."""
    current = application.current
    return current == "interested" or (current == "applied" and application.opened is None)


def _reminder(
    application: Application,
    journal: Journal,
    interactions_by_contact: dict[str, list[Interaction]],
    stage: Callable[[str], Stage],
    today: dt.date,
) -> Reminder:
    if is_planned(application):
        referral = () if application.via else _referral(application, journal, interactions_by_contact, stage, today)
        return Reminder(application, today, True, None, None, (), None, None, referral)
    opened = application.opened
    if opened is None:  # under way with no date at all: only its next step can be reminded
        return Reminder(application, today, False, None, None, (), None, None, ())
    talks = [
        i
        for cid in application.people
        for i in interactions_by_contact.get(cid, [])
        if i.date is not None and opened <= i.date <= today
    ]
    signs = [d for d in (application.applied, *(s.date for s in application.history)) if d and d <= today]
    signs += [i.date for i in talks if i.direction in ANSWERS and i.date]
    last_sign = max(signs, default=opened)
    waiting = max(last_sign, application.next) if application.next else last_sign
    follow_ups = tuple(sorted({i.date for i in talks if i.direction == "outbound" and i.date and i.date > waiting}))
    follow_up = max((waiting, *follow_ups)) + dt.timedelta(days=FOLLOW_UP_AFTER_DAYS)
    stops = [waiting + dt.timedelta(days=STOP_AFTER_SILENT_DAYS)]
    if len(follow_ups) >= STOP_AFTER_FOLLOW_UPS:
        stops.append(follow_ups[STOP_AFTER_FOLLOW_UPS - 1])
    stops_on = min(stops)
    if application.next and stops_on <= application.next:  # a step still to come is waited for
        stops_on = application.next + dt.timedelta(days=1)
    return Reminder(application, today, False, opened, last_sign, follow_ups, follow_up, stops_on, ())


def _referral(
    application: Application,
    journal: Journal,
    interactions_by_contact: dict[str, list[Interaction]],
    stage: Callable[[str], Stage],
    today: dt.date,
) -> tuple[str, ...]:
    """The allies and acquaintances who work at its company now: allies first, then the most
    recently in touch, then by id."""
    company = fold(application.company)
    if not company:
        return ()
    people = []
    for contact in journal.contacts.values():
        if fold(contact.company) != company:
            continue
        name = stage(contact.id).name
        if name not in REFERRAL_STAGES:
            continue
        days = [i.date for i in interactions_by_contact.get(contact.id, []) if i.date and i.date <= today]
        last = max(days, default=contact.met or dt.date.min)
        people.append((REFERRAL_STAGES.index(name), -last.toordinal(), contact.id))
    return tuple(cid for _, _, cid in sorted(people))
