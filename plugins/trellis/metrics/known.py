"""People known but never talked to: imported connections (`connected:`), and anyone else with
no interaction up to the day and no `met:` of yours. They are not dormant (nothing to count
from, `ties.never_talked`); the reach-out page lists them apart, by how well they fit the plan.

* **Fit.** One point for each of the plan's wanted qualities (`want:`) the person has, matched
  as goal filters match (whole words, `counters.has_quality`), and one for working at one of its
  dream companies (the company's name, ignoring case and spacing). Best fit first, then by
  name: a date of import says nothing of whom to talk to first.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import WANT_FIELDS, Contact, Plan, fold
from .counters import has_quality


@dataclass(frozen=True)
class Known:
    contact_id: str
    fit: int  # wanted qualities had, plus one at a dream company
    qualities: tuple[str, ...]  # what matched, as the plan writes it (dream companies too)


def plan_fit(contact: Contact, plan: Plan | None) -> Known:
    matched: list[str] = []
    if plan is not None:
        for quality, values in plan.want.items():
            field = WANT_FIELDS.get(quality)
            if field is None:
                continue
            matched += [v for v in values if fold(v) and has_quality(getattr(contact, field), v)]
        dream = {fold(name): name for name in plan.dream_companies if fold(name)}
        if fold(contact.company) in dream:
            matched.append(dream[fold(contact.company)])
    return Known(contact.id, len(matched), tuple(dict.fromkeys(matched)))


def by_fit(contacts: list[Contact], plan: Plan | None) -> list[Known]:
    """The people given, best fit with the plan first, then by name (then id)."""
    ranked = sorted(contacts, key=lambda c: (fold(c.name) or c.id, c.id))
    return sorted((plan_fit(c, plan) for c in ranked), key=lambda k: -k.fit)
