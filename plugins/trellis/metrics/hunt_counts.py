"""What the job-hunt counters count: `measure.count: applications` and `referrals`.

Owner only, like the applications they read: a goal over one of them is left out of the
public view entirely (`privacy.View.shows_goal`), and so is everything drawn from it.

Each application counts once, on the day the counted thing happened:

- `applications`: the day it was applied for: `applied:`, else the first `applied` of its
  history, else the first dated step that shows it was sent (referred, screening, interviewing,
  offer, accepted, rejected or ghosted: an application in screening was sent by then). One that
  is only `interested` (no `applied:`, no such step; or withdrawn before any), or has no date at
  all, is not counted: it is a plan, not an application; the day you apply, write `applied:` and
  it counts that day, whatever `status:` still says.
- `referrals`: the applications with a `via:` (the contact who referred or introduced you), on
  the day of the referral: the first `referred` of the history, else the day it was applied for
  (as above). Without `via:` there is no referrer to count.
- With a `status` filter, the status is the counted thing: an application counts if it reached
  one of those statuses (its history holds it, or it is where it stands now), on the first day
  it reached one of them (a status it stands at with no dated step: the day it was applied
  for). "Two interviews a month" is `where: {status: [interviewing]}`; each application still
  counts once, whatever it reached after.
- `company` and `role` match the application's own words as goal filters match people
  (`words.has_quality`: whole words, any case; a role also by its meaning, `roles.py`);
  `via` names contact ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model import SENT_STATUSES as SENT
from ..model import Application, Journal
from ..roles import Taxonomy, role_matches
from .words import has_quality

# which `where:` keys the job-hunt counters understand (counters.FILTERS)
APPLICATION_FILTERS = ("company", "role", "status", "via")


def applied_on(application: Application) -> dt.date | None:
    """The day it was applied for: `applied:`, else the history's first `applied`, else its first
    dated step that shows it was sent; None for one not sent (interested) or with no date."""
    if application.applied is not None:
        return application.applied
    steps = application.history  # sorted by date
    first = next((step.date for step in steps if step.status == "applied"), None)
    return first or next((step.date for step in steps if step.status in SENT), None)


def referred_on(application: Application) -> dt.date | None:
    """The day of its referral: the history's first `referred`, else the day it was applied for;
    None without `via:` (nobody referred it)."""
    if not application.via:
        return None
    first = next((step.date for step in application.history if step.status == "referred"), None)
    return first or applied_on(application)


def reached_on(application: Application, statuses: list[str], counted: dt.date | None) -> dt.date | None:
    """The first day it reached one of the statuses: a dated step of its history (or `applied:`
    for `applied`), else `counted` (its counter's day) when it stands at one of them now."""
    days = [step.date for step in application.history if step.status in statuses]
    if "applied" in statuses and application.applied is not None:
        days.append(application.applied)
    if days:
        return min(days)
    return counted if application.current in statuses else None


def _matches(value: str, wanted: list[str], roles: Taxonomy | None = None) -> bool:
    for w in wanted:
        if roles is not None:
            by_meaning = role_matches(roles, value, w)
            if by_meaning is not None:
                if by_meaning:
                    return True
                continue
        if has_quality(value, w):
            return True
    return False


def application_matches(application: Application, where: dict[str, list[str]], roles: Taxonomy) -> bool:
    """Whether the application passes the `company`, `role` and `via` filters (`status` dates it)."""
    if "company" in where and not _matches(application.company, where["company"]):
        return False
    if "role" in where and not _matches(application.role, where["role"], roles):
        return False
    return not ("via" in where and application.via not in where["via"])


def hunt_items(journal: Journal, count: str, where: dict[str, list[str]], roles: Taxonomy) -> Iterator[tuple]:
    """(day, application) for each application the counter counts, in no particular order."""
    statuses = where.get("status")
    for application in journal.applications.values():
        if (count == "referrals" and not application.via) or not application_matches(application, where, roles):
            continue
        day = applied_on(application) if count == "applications" else referred_on(application)
        if statuses is not None:
            day = reached_on(application, statuses, day)
        if day is not None:
            yield day, application
