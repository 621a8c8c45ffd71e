"""`trellis status`'s second table: the open job applications and their next steps.

The rows come from `Figures.application_reminders` (the stop rules of `metrics.hunt`), what the
reach-out page, Today, the digest and the calendar remind of, and say it in their words
(`rendering.hunt_week`). The terminal is the owner's: companies, roles and people are shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..metrics.hunt import Reminder
from ..pipeline import Analysis
from ..rendering import hunt_week

COLUMNS = (
    ("application", "id"),
    ("company", "company"),
    ("status", "status"),
    ("next", "next"),
    ("reminder", "reminder"),
)


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _order(r: Reminder) -> tuple:
    """What asks first comes first; those gone quiet last."""
    days = [day for _, day in r.due(dt.date.max)]
    return (r.gone_quiet, min(days, default=dt.date.max), r.application.id)


def application_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One object per open application: where it stands, what it asks for and when it stops."""
    contacts, today = analysis.journal.contacts, analysis.today
    rows = []
    for r in sorted(analysis.figures.application_reminders.values(), key=_order):
        app = r.application
        rows.append(
            {
                "id": app.id,
                "company": app.company or None,
                "role": app.role or None,
                "status": app.current,
                "applied": _day(app.applied),
                "next": _day(r.next_step),
                "follow_up": _day(r.follow_up_day),
                "last_sign_of_life": _day(r.last_sign),
                "unanswered_follow_ups": len(r.follow_ups),
                "stops_reminding": _day(r.stops_on),
                "gone_quiet": r.gone_quiet,
                "referral": list(r.referral),
                "reminder": _reminder(r, today, lambda cid: contacts[cid].name or cid if cid in contacts else cid),
            }
        )
    return rows


def _reminder(r: Reminder, today: dt.date, name: Callable[[str], str]) -> str:
    if r.gone_quiet:
        return "gone quiet: " + hunt_week.quiet_text(r)
    said = [
        f"{hunt_week.STEP_WORDS[kind].lower()} {hunt_week.when(day, today)} ({day.isoformat()})"
        for kind, day in r.due(dt.date.max)
    ]
    if r.referral:
        said.append(f"ask {hunt_week.either([name(cid) for cid in r.referral])} for a referral")
    return "; ".join(said) or "nothing planned: write next: for the next step"


def applications_table(rows: list[dict[str, Any]], today: dt.date) -> str:
    """The table, or nothing when no application is open (a journal without a job hunt)."""
    if not rows:
        return ""
    table = [[title for title, _ in COLUMNS]] + [[str(r[key] or "-") for _, key in COLUMNS] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in table]
    due = sum(any(day and day <= today.isoformat() for day in (r["next"], r["follow_up"])) for r in rows)
    quiet = sum(r["gone_quiet"] for r in rows)
    lines.append(
        f"judged on {today.isoformat()}: {len(rows)} open application{'s' if len(rows) != 1 else ''}, "
        f"{due} due today or overdue, {quiet} gone quiet"
    )
    return "\n" + "\n".join(lines) + "\n"
