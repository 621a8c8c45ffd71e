"""What this week asks of the owner, computed once: follow-ups due, dormant ties, the cadence goals'
suggestions, the goals behind pace and the applications' steps (`hunt_week`).

The reach-out page, the Today dashboard and `trellis digest` show these figures; none of them
computes them again. Owner-only: the people are named by id, and each reader names them through
its `View`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from itertools import islice

from ..metrics import ties
from ..metrics.counters import contact_matches, roles_of
from ..metrics.network import Wanted
from ..metrics.periods import period_start
from ..metrics.progress import GoalProgress
from ..metrics.stages import Stage
from ..model import Contact, Goal, Interaction
from ..pipeline import Analysis
from .hunt_week import HuntWeek, hunt_week

FOLLOW_UP_HORIZON_DAYS = 7
BEHIND = ("behind", "overdue")  # the pace statuses that ask for something today


@dataclass(frozen=True)
class Suggestion:
    goal: Goal
    remaining: int  # still to do this period
    period: str
    people: list[str]  # contact ids, most overdue first
    new_people: bool  # the goal counts new contacts: suggest qualities the plan wants
    revive: bool = False  # the goal counts revived ties: the people are dormant ties


@dataclass(frozen=True)
class Week:
    today: dt.date
    follow_ups: list[Interaction]  # still to do, due by a week from today (the overdue too)
    dormant: list[tuple[ties.Touch, Contact, Stage]]  # most overdue first
    suggestions: list[Suggestion]
    thinnest: list[Wanted]  # the plan's wanted qualities the network has least of
    behind: list[tuple[Goal, GoalProgress]]  # active goals behind their pace, by title
    # the applications' next steps and follow-ups, referral asks and those gone quiet (owner only)
    hunt: HuntWeek

    @property
    def overdue(self) -> list[Interaction]:
        return [i for i in self.follow_ups if i.follow_up and i.follow_up < self.today]

    @property
    def due_today(self) -> list[Interaction]:
        return [i for i in self.follow_ups if i.follow_up == self.today]


def this_week(analysis: Analysis) -> Week:
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    horizon = today + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    # still to do (done once any of the people was in touch again on or after its day), this week
    follow_ups = [i for i in figures.open_follow_ups if i.follow_up and i.follow_up <= horizon]
    dormant = [
        (t, journal.contacts[t.contact_id], figures.stage(t.contact_id)) for t in ties.reach_out_order(figures.touches)
    ]
    return Week(
        today,
        follow_ups,
        dormant,
        suggestions(analysis),
        # what a new-connections goal should look for: the wanted qualities the network has least of
        sorted(figures.composition.wanted, key=lambda w: w.count)[:4],
        _behind(analysis),
        hunt_week(figures.application_reminders, today, horizon),
    )


def _behind(analysis: Analysis) -> list[tuple[Goal, GoalProgress]]:
    behind = []
    for goal in sorted(analysis.journal.goals.values(), key=lambda g: (g.title.lower(), g.id)):
        progress = analysis.figures.progress(goal)
        if goal.status == "active" and not goal.is_vision and progress is not None and progress.status in BEHIND:
            behind.append((goal, progress))
    return behind


def suggestions(analysis: Analysis) -> list[Suggestion]:
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
