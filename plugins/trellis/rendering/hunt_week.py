"""The job hunt's part of the week (owner only): the applications' next steps and follow-ups due
by the week's horizon, the referrals to ask for, and those that have gone quiet.

Made once a build with the rest of `week.this_week` from `Figures.application_reminders` (the stop
rules are `metrics.hunt`'s); the reach-out page lists it all, the Today dashboard what is due today
or overdue and the referral asks, `trellis digest` the same as the reach-out page. The words that
say what a step is and when are here, so the pages, the digest and `trellis status` say it alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..metrics.hunt import STOP_AFTER_FOLLOW_UPS, STOP_AFTER_SILENT_DAYS, Reminder
from ..model import Application

STEP_WORDS = {"next": "Next step", "follow-up": "Follow up"}


@dataclass(frozen=True)
class Step:
    """One thing an application asks for on a day: its next step, or a follow-up."""

    reminder: Reminder
    kind: str  # "next" or "follow-up"
    day: dt.date

    @property
    def application(self) -> Application:
        return self.reminder.application

    @property
    def what(self) -> str:
        return STEP_WORDS[self.kind]


@dataclass(frozen=True)
class HuntWeek:
    today: dt.date
    open: int = 0  # open applications (the section shows when there is one)
    steps: list[Step] = field(default_factory=list)  # due by the horizon (the overdue too), by day
    referrals: list[Reminder] = field(default_factory=list)  # planned, with someone to ask
    quiet: list[Reminder] = field(default_factory=list)  # gone quiet: listed once, not reminded
    stop_after_days: int = STOP_AFTER_SILENT_DAYS
    stop_after_follow_ups: int = STOP_AFTER_FOLLOW_UPS

    @property
    def overdue(self) -> list[Step]:
        return [s for s in self.steps if s.day < self.today]

    @property
    def due_today(self) -> list[Step]:
        return [s for s in self.steps if s.day == self.today]


def hunt_week(reminders: dict[str, Reminder], today: dt.date, horizon: dt.date) -> HuntWeek:
    steps = [Step(r, kind, day) for r in reminders.values() for kind, day in r.due(horizon)]
    steps.sort(key=lambda s: (s.day, s.kind != "next", s.application.id))
    referrals = [r for r in reminders.values() if r.referral]
    quiet = [r for r in reminders.values() if r.gone_quiet]
    return HuntWeek(today, len(reminders), steps, referrals, quiet)


def title(application: Application) -> str:
    """How an application is named: its role at its company (or the one it has, or its id)."""
    if application.role and application.company:
        return f"{application.role} at {application.company}"
    return application.role or application.company or application.id


REFERRALS_SHOWN = 3  # whom a referral ask names; the rest are counted


def either(names: list[str]) -> str:
    """Names as one asks one of them: "Ana", "Ana or Ben", "Ana, Ben or Cleo", and past three
    "Ana, Ben, Cleo or 2 others"."""
    if len(names) > REFERRALS_SHOWN:
        rest = len(names) - REFERRALS_SHOWN
        return f"{', '.join(names[:REFERRALS_SHOWN])} or {rest} other{'s' if rest != 1 else ''}"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def when(day: dt.date, today: dt.date) -> str:
    """A day said against today: "due today", "tomorrow", "in 3 days", "2 days late"."""
    days = (day - today).days
    if days == 0:
        return "due today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days" if days > 0 else f"{-days} day{'s' if days != -1 else ''} late"


def why(step: Step) -> str:
    """Why it is asked for: the step's status, or the application's silence."""
    return step.application.current if step.kind == "next" else silence(step.reminder)


def silence(r: Reminder) -> str:
    """How long it has been silent, and the follow-ups still unanswered."""
    said = f"no news since {r.last_sign.isoformat()}" if r.last_sign else "no news"
    if r.follow_ups:
        n = len(r.follow_ups)
        said += f", {n} follow-up{'s' if n != 1 else ''} unanswered"
    return said


def quiet_text(r: Reminder) -> str:
    """Why a quiet one stopped reminding."""
    assert r.stops_on is not None  # gone quiet: it has the day
    return f"{silence(r)}; stopped reminding on {r.stops_on.isoformat()}"


def hunt_context(hunt: HuntWeek, stage_name: Callable[[str], str], owner: bool) -> dict:
    """What the reach-out page and Today show of the hunt, and the words they show it with. Only
    the owner's view has any of it (both pages are owner only: `View.shows_page`)."""
    return {
        "hunt": hunt if owner else HuntWeek(hunt.today),
        "application_title": title,
        "hunt_when": when,
        "hunt_why": why,
        "quiet_text": quiet_text,
        "stage_name": stage_name,
        "referrals_shown": REFERRALS_SHOWN,
    }
