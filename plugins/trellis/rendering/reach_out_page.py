"""The reach-out page (owner only): follow-ups due, dormant ties, and for each goal still short this
period the people to contact, most overdue first."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from itertools import islice

from ..metrics import ties
from ..metrics.counters import contact_matches, roles_of
from ..metrics.periods import period_start
from ..model import Goal
from ..pipeline import Analysis
from ..privacy.view import View
from .spec import PageSpec

FOLLOW_UP_HORIZON_DAYS = 7
NEVER_TALKED_SHOWN = 50  # a big import lists the best fits, and counts the rest


@dataclass(frozen=True)
class Suggestion:
    goal: Goal
    remaining: int  # still to do this period
    period: str
    people: list[str]  # contact ids, most overdue first
    new_people: bool  # the goal counts new contacts: suggest qualities the plan wants
    revive: bool = False  # the goal counts revived ties: the people are dormant ties


def reach_out_page(analysis: Analysis, view: View, common: dict) -> PageSpec:
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    horizon = today + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    # still to do (done once any of the people was in touch again on or after its day), this week
    follow_ups = [i for i in figures.open_follow_ups if i.follow_up and i.follow_up <= horizon]
    dormant = [
        (t, journal.contacts[t.contact_id], figures.stage(t.contact_id)) for t in ties.reach_out_order(figures.touches)
    ]
    return PageSpec(
        "reach-out.md",
        "Reach out",
        "reach-out.html",
        in_nav=True,
        owner_only=True,
        context={
            **common,
            "follow_ups": follow_ups,
            "dormant": dormant,
            "suggestions": _suggestions(analysis),
            # known, never talked to (imported connections): not dormant; best fit with the plan first
            "never_talked": figures.never_talked[:NEVER_TALKED_SHOWN],
            "never_talked_count": len(figures.never_talked),
            # what each suggested relationship is for, beside the person: the owner's want and give
            "purpose": lambda cid: view.contact_purpose(journal.contacts[cid]),
            # what a new-connections goal should look for: the wanted qualities the network has least of
            "thinnest": sorted(figures.composition.wanted, key=lambda w: w.count)[:4],
        },
    )


def _suggestions(analysis: Analysis) -> list[Suggestion]:
    """This period's cadence goals that still need people, each with whom to contact first.

    A recurring goal that counts interactions gets the people its `where:` allows, most
    overdue first (by the reach-out priority), leaving out whoever was already contacted
    this period; one that counts new contacts gets the plan's gaps instead.
    """
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    touches = figures.touches
    order = sorted(touches.values(), key=lambda t: (-t.priority, -(today - t.last).days if t.last else 0, t.contact_id))
    found = []
    for goal in sorted(journal.goals.values(), key=lambda g: g.id):
        progress = figures.progress(goal)
        if not goal.per or goal.status != "active" or progress is None or progress.status in ("done", "upcoming"):
            continue
        remaining = math.ceil(progress.target - progress.value)
        if remaining <= 0:
            continue
        assert goal.measure is not None  # it has progress: it is measurable
        if goal.measure.count == "new-contacts":
            assert progress.period is not None  # a recurring count goal's
            found.append(Suggestion(goal, remaining, progress.period, [], True))
        elif goal.measure.count == "interactions":
            assert progress.period is not None  # a recurring count goal's
            begin = period_start(today, goal.per, figures.week_start)
            where = goal.measure.where
            people = (
                t.contact_id
                for t in order
                if contact_matches(journal.contacts[t.contact_id], where, roles_of(journal))
                and not any(
                    i.date and begin <= i.date <= today for i in figures.interactions_by_contact.get(t.contact_id, [])
                )
            )
            # the first few are shown: asking every contact, for every goal, was goals x contacts
            found.append(Suggestion(goal, remaining, progress.period, list(islice(people, max(remaining, 3))), False))
        elif goal.measure.count == "revived":
            assert progress.period is not None  # a recurring count goal's
            where = goal.measure.where
            # only a dormant tie can be revived: the dormant ties its filter allows, most overdue first
            dormant = (
                t.contact_id
                for t in ties.reach_out_order(touches)
                if contact_matches(journal.contacts[t.contact_id], where)
            )
            found.append(
                Suggestion(goal, remaining, progress.period, list(islice(dormant, max(remaining, 3))), False, True)
            )
    return found
