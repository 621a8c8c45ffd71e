"""How a tie stands on a day: its last contact, whether it is dormant, and the ally rule.

Stated once here; the network figures (`Figures.touches`, the reach-out page), the stage of
a contact (`stages.stage_of`) and the monthly reviews (when a tie went dormant or revived,
who is one inbound contact short of an ally) all read it. No networkx here: `trellis check`
judges ties without loading the graph library.

* **Last contact.** The latest interaction dated on or before the day (an entry written
  later about an earlier day counts from its own date), else `met:`; None: neither. Only the
  `met:` you write counts: an importer's date is `connected:` (`loading.records.met_and_connected`),
  and someone known only from it, never talked to, is not dormant (`never_talked`).
* **Dormancy.** A tie is dormant once more than `keep_in_touch` days have passed since its
  last contact: it goes dormant on the day after its last contact plus `keep_in_touch` days,
  and an interaction on a day it was dormant (judged before it: `revived_on`) revives it; the
  `revived` counter counts those (`revivals`). Priority is how many periods
  overdue it is, so a 30-day tie 30 days late comes before a 90-day tie 30 days late.
* **The ally rule.** They initiate: inbound at least `ALLY_MIN_INBOUND` times in the last
  `ALLY_WINDOW_DAYS` days, each gap between those contacts, and the time since the latest,
  `ALLY_MAX_GAP_DAYS` or less (an ally "contacts you of their own accord every few weeks",
  so a lapsed one is no longer).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Contact, Interaction, Journal

ALLY_WINDOW_DAYS = 90
ALLY_MAX_GAP_DAYS = 42
ALLY_MIN_INBOUND = 2


def last_interaction(interactions: list[Interaction], today: dt.date) -> dt.date | None:
    """The latest interaction dated on or before today, or None."""
    # max, not the last item: a back-filled entry sorts by its own date, not when it was written
    return max((i.date for i in interactions if i.date and i.date <= today), default=None)


def last_contact(contact: Contact, interactions: list[Interaction], today: dt.date) -> dt.date | None:
    """A contact's "Last contact": the latest interaction dated on or before today, else `met:`
    (None: neither). The one definition: the contact and reach-out pages, dormancy and
    reach-out priority all read it, through `Touch.last` (`Figures.last_contact`)."""
    return last_interaction(interactions, today) or contact.met


def keep_in_touch(contact: Contact) -> int:
    """The days a tie may go without contact before it is dormant (`keep_in_touch`, at least 1)."""
    return max(contact.keep_in_touch_days, 1)


def dormant_on(last: dt.date | None, period: int, day: dt.date) -> bool:
    """Whether a tie whose last contact is `last` is dormant on `day`."""
    return last is not None and (day - last).days > period


def revivals(contact: Contact, days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """(day, the last contact before it) of each day in `days` (the contact's interaction days)
    on which the tie was dormant before that day's interaction: the days it was revived."""
    period, previous, found = keep_in_touch(contact), contact.met, []
    for day in sorted(set(days)):
        if previous is not None and day > previous and dormant_on(previous, period, day):
            found.append((day, previous))
        previous = day if previous is None or day > previous else previous
    return found


def dormant_from(last: dt.date, period: int) -> dt.date:
    """The first day a tie whose last contact is `last` is dormant."""
    return last + dt.timedelta(days=period + 1)


@dataclass(frozen=True)
class Touch:
    contact_id: str
    last: dt.date | None  # last_contact: the last interaction, else the day you met
    period_days: int  # keep_in_touch
    overdue_days: int
    priority: float  # periods overdue
    dormant: bool
    # `last` is an interaction's day, not `met:` (the calendar says which); not compared
    logged: bool = field(default=False, compare=False)


def touches(
    journal: Journal, interactions_by_contact: dict[str, list[Interaction]], today: dt.date
) -> dict[str, Touch]:
    out = {}
    for cid in sorted(journal.contacts):
        contact = journal.contacts[cid]
        logged = last_interaction(interactions_by_contact.get(cid, []), today)
        out[cid] = touch_on(contact, logged or contact.met, today, logged is not None)  # last_contact's rule
    return out


def touch_on(contact: Contact, last: dt.date | None, today: dt.date, logged: bool = False) -> Touch:
    """A tie judged on `today`, given its last contact (`last_contact` on that day) and whether
    that is an interaction's day (`logged`)."""
    period = keep_in_touch(contact)
    since = (today - last).days if last else 0
    overdue = max(since - period, 0)
    return Touch(contact.id, last, period, overdue, overdue / period, dormant_on(last, period, today), logged)


def never_talked(touches: dict[str, Touch] | Iterable[Touch]) -> list[str]:
    """The ids of people known but never talked to: no interaction up to the day and no `met:`
    of yours (imported connections, mostly). Not dormant: nothing to count from."""
    found = touches.values() if isinstance(touches, dict) else touches
    return [t.contact_id for t in found if t.last is None]


def reach_out_order(touches: dict[str, Touch] | Iterable[Touch]) -> list[Touch]:
    found = touches.values() if isinstance(touches, dict) else touches
    return sorted((t for t in found if t.dormant), key=lambda t: (-t.priority, t.contact_id))


def ally_window(inbound: list[dt.date], day: dt.date) -> list[dt.date]:
    """The inbound contacts the ally rule counts on `day` (`inbound`: their dates, sorted):
    those of the last `ALLY_WINDOW_DAYS` days up to the day."""
    return inbound[bisect_right(inbound, day - dt.timedelta(days=ALLY_WINDOW_DAYS)) : bisect_right(inbound, day)]


def ally_gap(window: list[dt.date], day: dt.date) -> int | None:
    """The widest gap of the ally rule on `day`: between the window's inbound contacts, and
    from the latest to the day; None when they are fewer than `ALLY_MIN_INBOUND`."""
    if len(window) < ALLY_MIN_INBOUND:
        return None
    return max([(b - a).days for a, b in zip(window, window[1:])] + [(day - window[-1]).days])


def is_ally(window: list[dt.date], day: dt.date) -> bool:
    """Whether the ally rule holds on `day` for the inbound contacts of its window."""
    widest = ally_gap(window, day)
    return widest is not None and widest <= ALLY_MAX_GAP_DAYS


def ally_by(window: list[dt.date], day: dt.date) -> dt.date | None:
    """The day by which one more inbound contact makes an ally of someone one short of the
    rule on `day` (one fewer than `ALLY_MIN_INBOUND` in the window, the latest within
    `ALLY_MAX_GAP_DAYS`), else None."""
    if len(window) == ALLY_MIN_INBOUND - 1 and (day - window[-1]).days <= ALLY_MAX_GAP_DAYS:
        return window[-1] + dt.timedelta(days=ALLY_MAX_GAP_DAYS)
    return None


def ally_rule_may_end(inbound_day: dt.date) -> tuple[dt.date, dt.date]:
    """The days an inbound contact can stop the ally rule holding without anything happening:
    when `ALLY_MAX_GAP_DAYS` pass without another, and when it leaves the window."""
    return inbound_day + dt.timedelta(days=ALLY_MAX_GAP_DAYS + 1), inbound_day + dt.timedelta(days=ALLY_WINDOW_DAYS)
