"""The Today page (owner only): the owner view's home, what to do today and this week.

It computes nothing the other pages compute: the follow-ups, this week's suggestions and the
goals behind pace are `week.this_week`'s (made once a build, for the reach-out page, whose spec
carries them here; `trellis digest` prints the same), the files that could not be read are
`Analysis.unread_files`. What is its own: whether today's entry is written. It lists no `inputs`: under `mkdocs serve` it is rendered at every rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from ..model import Entry
from ..pipeline import Analysis
from ..privacy.view import View
from .hunt_week import hunt_context
from .spec import PageSpec
from .week import Week

NEW_ENTRY_COMMAND = "trellis new entry"
SITE_PATH = "today.md"  # its own path; the plugin serves it at the home of the owner view


@dataclass(frozen=True)
class TodayEntry:
    """Today's entry: written (the entry, and where the journal shows it), unreadable, or missing."""

    entry: Entry | None
    link: str | None  # the journal's anchor of the day
    unread_path: str | None  # today's entry file, when it could not be read
    misdated: Entry | None = None  # a file named for today whose `date:` says another day
    command: str = NEW_ENTRY_COMMAND


def today_page(analysis: Analysis, view: View, common: dict, reach_out: PageSpec) -> PageSpec:
    """The dashboard, from the analysis and the reach-out page's spec (whose figures it shows)."""
    week: Week = reach_out.context["week"]
    return PageSpec(
        SITE_PATH,
        "Today",
        "today.html",
        in_nav=True,
        owner_only=True,
        description="What to do today: follow-ups due, this week's reach-outs, goals behind pace.",
        context={
            **common,
            "overdue": week.overdue,
            "due_today": week.due_today,
            "suggestions": week.suggestions,
            "purpose": reach_out.context["purpose"],
            "thinnest": week.thinnest,
            "behind": week.behind,
            "goal_title": lambda goal: view.redact(goal.title) or goal.id,
            "entry": _today_entry(analysis),
            # the applications' steps due today or overdue, and the referral asks
            **hunt_context(week.hunt, lambda cid: analysis.figures.stage(cid).name, view.owner),
        },
    )


def _today_entry(analysis: Analysis) -> TodayEntry:
    today = analysis.today
    written = [e for e in analysis.journal.entries if e.date == today]
    if written:
        return TodayEntry(written[0], f"journal/{today.strftime('%Y-%m')}.md#{today.isoformat()}", None)
    # an entry file of today's date that could not be read is not "missing": writing another would make two
    stem = today.isoformat()
    unread = [u.path for u in analysis.unread_files if PurePosixPath(u.path).stem == stem and "entries" in u.path]
    # nor is a file named for today whose date: says another day: `trellis new entry` would
    # refuse to write over it, so the dashboard says what to fix instead
    misdated = [e for e in analysis.journal.entries if PurePosixPath(e.source.rel).stem == stem]
    return TodayEntry(None, None, unread[0] if unread else None, misdated[0] if misdated else None)
