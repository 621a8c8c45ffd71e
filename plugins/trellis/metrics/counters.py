"""What counts toward a goal: the dated things each `measure.count` counts.

Every counter reduces to a list of (date, amount) pairs; windows, periods, pace and
history are then the same arithmetic for all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from ..model import HUNT_COUNTERS, WANT_FIELDS, Contact, Goal, Interaction, Journal, Plan, fold
from ..roles import Taxonomy, for_plan, role_matches, taxonomy
from .hunt_counts import APPLICATION_FILTERS, hunt_items
from .ties import revivals
from .words import has_quality

CONTACT_FILTERS = ("tags", "skills", "company", "role", "sector", "location")
INTERACTION_FILTERS = ("channel", "direction")
# which `where:` keys each counter understands
FILTERS = {
    "new-contacts": CONTACT_FILTERS,
    "interactions": CONTACT_FILTERS + INTERACTION_FILTERS,
    "revived": CONTACT_FILTERS + INTERACTION_FILTERS,
    "entries": (),
    "events": (),
    "applications": APPLICATION_FILTERS,
    "referrals": APPLICATION_FILTERS,
    "manual": (),
    "stage": (),
}


class Item(NamedTuple):
    """One thing that counted: its day, how much, and where it came from (for "what counted")."""

    date: dt.date
    amount: float
    contacts: tuple[str, ...] = ()  # the people it was about, if any
    entry: str | None = None  # the entry that recorded it, if any
    application: str | None = None  # the job application it was (owner only), if any


def roles_of(journal: Journal) -> Taxonomy:
    """The role taxonomy of this journal: the built-in table and the plan's `roles_map`."""
    return for_plan(journal.plan)


def holds(contact: Contact, field: str, wanted: str, roles: Taxonomy | None = None) -> bool:
    """Whether a contact has a wanted value of a field: a role by meaning when the value names a
    role (`roles.py`: "developer" holds a Staff Engineer), else the value's whole words. The plan's
    wanted qualities, goal filters and the public counts all ask this."""
    if field == "role":
        matched = role_matches(roles or taxonomy(), contact.role, wanted)
        if matched is not None:
            return matched
    return has_quality(getattr(contact, field), wanted)


def wanted_values(plan: Plan | None) -> list[tuple[str, str, str]]:
    """The plan's wanted values: (quality, value as written, the contact field it reads), in the plan's order."""
    return [
        (q, v, WANT_FIELDS[q])
        for q, values in (plan.want if plan else {}).items()
        if q in WANT_FIELDS
        for v in values
        if fold(v)
    ]


def _matches(have: str | list[str], wanted: list[str]) -> bool:
    return any(has_quality(have, w) for w in wanted)


def contact_matches(contact: Contact, where: dict[str, list[str]], roles: Taxonomy | None = None) -> bool:
    return all(
        any(holds(contact, key, w, roles) for w in wanted) for key, wanted in where.items() if key in CONTACT_FILTERS
    )


def interaction_matches(
    interaction: Interaction,
    contacts: dict[str, Contact],
    where: dict[str, list[str]],
    decided: dict[str, bool] | None = None,
    roles: Taxonomy | None = None,
) -> bool:
    """Whether the interaction passes the filters: its own, and for contact filters, anyone it was with.

    `decided` remembers each person's answer across the interactions of one count (people
    come up in many of them)."""
    if not where:  # most goals count every interaction
        return True
    for key, wanted in where.items():
        if key in INTERACTION_FILTERS and not _matches(getattr(interaction, key) or "", wanted):
            return False
    if not any(key in CONTACT_FILTERS for key in where):
        return True
    decided = {} if decided is None else decided
    for cid in interaction.with_ids:
        if cid in contacts:
            if cid not in decided:  # contact_matches reads only the contact filters
                decided[cid] = contact_matches(contacts[cid], where, roles)
            if decided[cid]:
                return True
    return False


def counter_key(goal: Goal) -> tuple:
    """What a goal's counted items depend on: its counter and filter, and for manual goals the goal
    itself (entries log progress under its id). Goals with one key count the same items, so
    `Figures` works them out once for all of them; a measure-less goal has none."""
    measure = goal.measure
    if measure is None:
        return ("none",)
    where = tuple(sorted((key, tuple(wanted)) for key, wanted in measure.where.items()))
    return (measure.count, where, goal.id if measure.count == "manual" else None)


def counted_items(journal: Journal, goal: Goal) -> list[Item]:
    """Every (date, amount) that counts toward the goal, at any date, oldest first."""
    measure = goal.measure
    if measure is None:
        return []
    where = measure.where
    roles = roles_of(journal)
    items: Iterable[Item]
    if measure.count == "new-contacts":
        # the day you met: an import's `connected:` is known, not met, and no new contact you made
        items = (
            Item(c.met, 1.0, (c.id,)) for c in journal.contacts.values() if c.met and contact_matches(c, where, roles)
        )
    elif measure.count == "interactions":
        decided: dict[str, bool] = {}
        items = (
            Item(i.date, 1.0, tuple(i.with_ids), i.entry_id)
            for i in journal.interactions
            if i.date and interaction_matches(i, journal.contacts, where, decided, roles)
        )
    elif measure.count == "revived":
        items = _revived(journal, where)
    elif measure.count == "entries":
        # days journaled: two files for one day are one day
        first: dict[dt.date, str] = {}
        for e in journal.entries:
            if e.date:
                first.setdefault(e.date, e.id)
        items = (Item(day, 1.0, (), eid) for day, eid in first.items())
    elif measure.count == "events":
        items = (Item(e.date, 1.0, (), e.id) for e in journal.entries if e.date for _ in e.events)
    elif measure.count in HUNT_COUNTERS:
        # owner only (metrics/hunt_counts.py): the person is who referred or introduced you
        items = (
            Item(day, 1.0, (a.via,) if a.via else (), None, a.id)
            for day, a in hunt_items(journal, measure.count, where, roles)
        )
    elif measure.count == "manual":
        items = (
            Item(e.date, e.progress[goal.id], (), e.id) for e in journal.entries if e.date and goal.id in e.progress
        )
    else:
        items = ()
    return sorted(
        items, key=lambda item: (item.date, item.entry or "", item.contacts, item.amount, item.application or "")
    )


def total(items: list[Item], start: dt.date | None, end: dt.date, level: bool = False) -> float:
    """Sum of amounts from start to end inclusive; for a level (a follower count), the latest value."""
    if level:
        latest = [item.amount for item in items if item.date <= end]
        return latest[-1] if latest else 0.0
    return sum(item.amount for item in items if (start is None or item.date >= start) and item.date <= end)


def _revived(journal: Journal, where: dict[str, list[str]]) -> list[Item]:
    """One item per person and day an interaction revived a dormant tie (`ties.revivals`): the
    contact filters ask about that person, the interaction filters about that day's interactions
    with them (one of them passing is enough)."""
    by_contact: dict[str, list[Interaction]] = {}
    for i in journal.interactions:
        if i.date:
            for cid in dict.fromkeys(i.with_ids):
                if cid in journal.contacts:
                    by_contact.setdefault(cid, []).append(i)
    found = []
    for cid, interactions in by_contact.items():
        contact = journal.contacts[cid]
        if not contact_matches(contact, where):
            continue
        for day, _ in revivals(contact, [i.date for i in interactions if i.date]):
            passing = [
                i
                for i in interactions
                if i.date == day
                and all(
                    _matches(getattr(i, key) or "", wanted)
                    for key, wanted in where.items()
                    if key in INTERACTION_FILTERS
                )
            ]
            if passing:
                found.append(Item(day, 1.0, (cid,), passing[0].entry_id))
    return found
