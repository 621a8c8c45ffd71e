"""The job hunt in the monthly review: applications opened and closed, the funnel by stage, and
how applications with a referral fared against cold ones. Owner only, like every figure drawn
from applications: the review pages are owner pages (`View.shows_page("review")`).

Choices (docs/guide/site.md tells the user; docs/design/choices.md says why):

* **Dates.** An application's dated steps are its `history:`, and `applied:` as an "applied"
  step when the history has none (a file with `applied:` and `status:` alone has that one
  step). A step dated after the day judged is not counted yet. An application with no date at
  all (`status: interested` and nothing else: a job you may apply to) is in no month; the
  current month counts how many there are.
* **Opened** on its first dated step that shows it was sent (as `Application.opened`: any step but
  interested and withdrawn; a referral before the application opens it: `history: {2026-11-01:
  referred, 2026-11-03: applied}` opened on 1 November), the day the reminders count from. One
  only ever `interested` (a plan), or withdrawn before it was sent, was never opened: it is in
  no month, as the goals do not count it either.
* **Closed** on the day of a step that ends it (accepted, rejected, withdrawn or ghosted: the
  statuses not in `OPEN_STATUSES`) when the step before it, if any, left it open. A status
  that no history date says when it was reached (`status: rejected` alone) closed it on a day
  nobody wrote down: it is in no month's list, and counts in the standing from today's month
  on (below).
* **The funnel**: for each stage of the pipeline (`PIPELINE_RANK`: applied or referred,
  screening, interviewing, offer, accepted), how many applications reached it in the month and
  how many had reached it by the month's end (the day judged). One that reached a later stage
  passed the earlier ones (an offer after "applied" reached screening and interviewing too),
  on the day of that later step. The ends (rejected, withdrawn, ghosted) are no stage: an
  application rejected after its interview reached interviewing.
* **Referral versus cold.** An application with `via:` (the contact who referred or
  introduced you) is a referral, any other is cold. Each group counts the applications opened
  by the month's end by where they stood then: the status of their last dated step, and in
  the current month the status they have today (`Application.current`, dated or not).
  In progress (interested, applied, referred, screening, interviewing), offer, accepted,
  rejected, withdrawn, ghosted; a status that is not one (APPLICATION-2) as "not a status".
  A share of the group is shown only for a group of at least `RATE_MIN` (5) applications:
  "1 of 3" says what it says, "33%" of three would claim a rate three cannot show.
* **Absent**: a month in which no application has a dated step has no job-hunt section.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ...model import (
    APPLICATION_STATUSES,
    OPEN_STATUSES,
    PIPELINE_RANK,
    SENT_STATUSES,
    Application,
    StatusChange,
)

RATE_MIN = 5  # the fewest applications a group shows a rate for
END_STATUSES = tuple(s for s in APPLICATION_STATUSES if s not in OPEN_STATUSES)  # accepted, rejected, ...
FUNNEL = (("applied or referred", 1), ("screening", 2), ("interviewing", 3), ("offer", 4), ("accepted", 5))
IN_PROGRESS = "in progress"
NOT_A_STATUS = "not a status"
OUTCOMES = (IN_PROGRESS, "offer", *END_STATUSES)


@dataclass(frozen=True)
class HuntLine:
    """An application opened or closed in the month, with what the review says of it (the
    record's own values: a page reused under serve is one whose lines are equal)."""

    application_id: str
    day: dt.date
    company: str
    role: str
    status: str  # opened: its first step's status; closed: the status that ended it
    via: str | None


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    month: int  # applications that reached the stage in the month
    total: int  # that had reached it by the day judged


@dataclass(frozen=True)
class Group:
    """Referral or cold: how many, and where they stood on the day judged."""

    name: str  # "referral" | "cold"
    size: int
    outcomes: dict[str, int]  # outcome -> count: every one of OUTCOMES, and "not a status"

    @property
    def rated(self) -> bool:
        return self.size >= RATE_MIN

    def rate(self, count: int) -> int | None:
        """The count's share of the group in whole percent (half up), or None for a group under RATE_MIN."""
        return int(100 * count / self.size + 0.5) if self.rated else None


@dataclass(frozen=True)
class HuntMonth:
    opened: tuple[HuntLine, ...]
    closed: tuple[HuntLine, ...]
    funnel: tuple[FunnelRow, ...]
    groups: tuple[Group, ...]  # referral, cold
    undated: int  # the current month: applications with no date yet (in no month)

    @property
    def rate_min(self) -> int:
        return RATE_MIN

    @property
    def opened_total(self) -> int:
        """Applications opened by the day judged (every one of them is in a group)."""
        return sum(g.size for g in self.groups)

    @property
    def outcome_rows(self) -> list[tuple[str, list[tuple[int, int | None]]]]:
        """(outcome, [(count, rate or None) for each group]): every outcome, and "not a status"
        only when some application has one."""
        shown = [*OUTCOMES, *([NOT_A_STATUS] if any(g.outcomes[NOT_A_STATUS] for g in self.groups) else [])]
        return [(o, [(g.outcomes[o], g.rate(g.outcomes[o])) for g in self.groups]) for o in shown]


def dated_steps(application: Application) -> list[StatusChange]:
    """The history, and `applied:` as an "applied" step when the history has none; by date."""
    steps = list(application.history)
    if application.applied and not any(s.status == "applied" for s in steps):
        steps.append(StatusChange(application.applied, "applied"))
    return sorted(steps, key=lambda s: s.date)  # stable: two steps of a day keep the history's order


def hunt_month(
    applications: list[tuple[Application, list[StatusChange]]], first: dt.date, judged: dt.date, today: dt.date
) -> HuntMonth | None:
    """The month's job hunt (see the module's doc), or None when no application has a dated step in
    it. `applications`: each with its `dated_steps`, worked out once for every month."""
    opened: list[HuntLine] = []
    closed: list[HuntLine] = []
    reached_month: Counter = Counter()
    reached_total: Counter = Counter()
    standing: dict[str, Counter] = {"referral": Counter(), "cold": Counter()}
    sizes: Counter = Counter()
    undated = active = 0
    for app, every in applications:
        steps = [s for s in every if s.date <= judged]
        if not every:
            undated += 1
            continue
        opening = next((s for s in steps if s.status in SENT_STATUSES), None)  # steps are by date
        if opening is None:
            continue  # a plan (interested, or withdrawn unsent), or opened after the day judged
        active += any(s.date >= first for s in steps)
        if opening.date >= first:
            opened.append(_line(app, opening))
        for before, step in zip([None, *steps], steps):
            if (
                step.date >= first
                and step.status in END_STATUSES
                and (before is None or before.status not in END_STATUSES)
            ):
                closed.append(_line(app, step))
        # now: the status it has today, unless a step is dated after today (then the dated ones speak)
        now = judged >= today and all(s.date <= today for s in every)
        status = app.current if now else steps[-1].status
        ranks = [(PIPELINE_RANK[s.status], s.date) for s in steps if s.status in PIPELINE_RANK]
        undated_rank = PIPELINE_RANK.get(status, -1) if now else -1  # today's status: reached, on no day written
        for stage, rank in FUNNEL:
            reached_on = min((day for r, day in ranks if r >= rank), default=None)
            if reached_on is not None or undated_rank >= rank:
                reached_total[stage] += 1
            if reached_on is not None and reached_on >= first:
                reached_month[stage] += 1
        group = "referral" if app.via else "cold"
        sizes[group] += 1
        standing[group][_outcome(status)] += 1
    if not active:
        return None
    key = lambda line: (line.day, line.application_id)  # noqa: E731
    return HuntMonth(
        opened=tuple(sorted(opened, key=key)),
        closed=tuple(sorted(closed, key=key)),
        funnel=tuple(FunnelRow(stage, reached_month[stage], reached_total[stage]) for stage, _ in FUNNEL),
        groups=tuple(
            Group(
                name,
                sizes[name],
                {o: standing[name][o] for o in (*OUTCOMES, NOT_A_STATUS)},
            )
            for name in ("referral", "cold")
        ),
        undated=undated if judged >= today else 0,
    )


def _line(app: Application, step: StatusChange) -> HuntLine:
    return HuntLine(app.id, step.date, app.company, app.role, step.status, app.via)


def _outcome(status: str) -> str:
    if status in END_STATUSES or status == "offer":
        return status
    return IN_PROGRESS if status in OPEN_STATUSES else NOT_A_STATUS
