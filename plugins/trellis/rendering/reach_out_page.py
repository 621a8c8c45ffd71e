"""The reach-out page (owner only): follow-ups due, dormant ties, and for each goal still short this
period the people to contact, most overdue first (the figures are `week.this_week`'s)."""

from __future__ import annotations

from ..pipeline import Analysis
from ..privacy.view import View
from .hunt_week import hunt_context
from .spec import PageSpec
from .week import this_week

NEVER_TALKED_SHOWN = 50  # a big import lists the best fits, and counts the rest


def reach_out_page(analysis: Analysis, view: View, common: dict) -> PageSpec:
    journal, figures = analysis.journal, analysis.figures
    week = this_week(analysis)
    return PageSpec(
        "reach-out.md",
        "Reach out",
        "reach-out.html",
        in_nav=True,
        owner_only=True,
        context={
            **common,
            "week": week,  # the Today page shows these figures too, made once
            "follow_ups": week.follow_ups,
            "dormant": week.dormant,
            "suggestions": week.suggestions,
            # known, never talked to (imported connections): not dormant; best fit with the plan first
            "never_talked": figures.never_talked[:NEVER_TALKED_SHOWN],
            "never_talked_count": len(figures.never_talked),
            # what each suggested relationship is for, beside the person: the owner's want and give
            "purpose": lambda cid: view.contact_purpose(journal.contacts[cid]),
            "thinnest": week.thinnest,
            # the applications' next steps, follow-ups, referral asks and those gone quiet
            **hunt_context(week.hunt, lambda cid: figures.stage(cid).name, view.owner),
        },
    )
