"""Rules: records and their figures to findings. `check()` runs every rule on a loaded journal
and its figures (a goal's pace, a contact's stage), which come first (see pipeline.py)."""

from __future__ import annotations

from ..metrics import Figures
from ..model import Finding, Journal
from .applications import check_application
from .contacts import check_contact, check_purpose, link_is_safe
from .entries import check_entry
from .goals import check_goal
from .people import check_duplicates
from .plan import check_plan

__all__ = ["check", "link_is_safe"]


def check(journal: Journal, figures: Figures) -> list[Finding]:
    """Every finding about the journal: those of loading, then of each rule, in file order."""
    found = list(journal.findings)
    if journal.plan:
        found.extend(check_plan(journal.plan))
    for goal in journal.goals.values():
        found.extend(check_goal(goal, journal, figures))
    for contact in journal.contacts.values():
        found.extend(check_contact(contact, journal))
        found.extend(check_purpose(contact, figures))
    found.extend(check_duplicates(journal))
    for entry in journal.entries:
        found.extend(check_entry(entry, journal))
    for application in journal.applications.values():
        found.extend(check_application(application, journal, figures))
    return sorted(found, key=lambda f: f.sort_key)
