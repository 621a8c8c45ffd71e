"""The monthly review: each month of the journal taken stock of, from the journal alone.

Every figure comes from the computation the other pages use: new contacts are what the
`new-contacts` counter counts (`met:` in the month; an import's `connected:` is no meeting),
stages are `stages.stage_of` judged on the day, dormancy and the ally rule are `ties.py`'s (last contact against `keep_in_touch`), recurring goals'
periods are `Figures.progress(goal).periods` (the goal page's bars), one-off goals are
`progress.count_progress` judged at the month's end.

Choices:

* **Months.** From the month of the first dated entry (the journal began), or of an
  application's first dated step when that is earlier (a hunt written down before the journal
  began: its accepted offer is reviewed in its month), to today's month; the current month is judged "so far", on today. A month without entries has a
  review all the same (ties still go dormant).
* **Stage changes.** A stage changes only on a day something happened (an interaction)
  or when the ally rule stops holding without one (six weeks after the last inbound
  contact, or when an inbound contact leaves the 90-day window): the stage is judged on
  exactly those days, with the reason the contact page would have given on that day. A
  stage set by hand (`stage:`) has no history.
* **Dormancy.** A tie goes dormant on the first day more than `keep_in_touch` days have
  passed since its last contact, and is revived by an interaction on a day it was dormant
  (judged before it: what the `revived` counter counts, `ties.revivals`). Someone known only
  from an import (`connected:`, never talked to) has no last contact and never goes dormant.
* **Interactions** are counted once however many people one was with (as goals count
  them); who initiated is the direction: outbound (you), inbound (them), mutual.
* **Goal results.** A recurring goal's periods belong to the month they end in (a week
  ending on Sunday 2 November belongs to November); the running period is shown apart.
  A period the goal ran for only part of (it started after the period began, or is due
  before it ends) is one of the "N of M met" only if it was met; short of the target it is
  listed apart as not judged, never as a miss (`PeriodResult.judged`, as streaks and habit
  strength count it).
  A one-off goal shows the progress made in the month (its value at the month's end less
  its value the day before it began) and its pace status judged on the month's end.
* **Composition.** The plan's wanted qualities, counted over the contacts known before the
  month (met, else first interaction, before its first day) and at its end; a contact with
  neither date is counted in both. A gap closed: nobody had it before, someone at the end.
* **Moves.** The `past_companies:` items whose `until` falls in the month (`moves.py`): who
  left which company or role for which, marked when into or out of a dream company.
* **The job hunt** (owner only, as every review is): applications opened and closed, the
  funnel by stage, referral against cold; its choices are `applications.py`'s.
* **Take stock**, judged on the month's last day (today, for the current month):
  whoever is closest to the next stage, the ties with the highest reach-out priority, and
  the friend on each dream company's warm path that is one tie short (you know someone who
  knows someone there).

`monthly_reviews` computes every month in one pass over the journal per figure, once per
build; a month's page reads its own `MonthReview`.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, defaultdict

from ...model import CHANNELS, STAGES, Goal, Interaction
from ..counters import holds, roles_of, wanted_values
from ..periods import add_months
from ..progress import count_progress, number_text, stage_progress
from ..stages import stage_of
from .applications import dated_steps, hunt_month
from .moves import moves
from .people import dormancy_changes, known_since, stage_changes, take_stock
from .records import (
    INITIATED,
    NOT_SAID,
    ONE_DAY,
    Dormancy,
    GoalMonth,
    MonthReview,
    StageChange,
    Strengthen,
    WantedMonth,
    month_key,
)


def review_months(journal, today: dt.date) -> list[dt.date]:
    """First days of the reviewed months, oldest first: from the first dated entry, or the first
    dated step of a job application if that is earlier (the hunt began before the journal), to today."""
    dated = [e.date for e in journal.entries if e.date and e.date <= today]
    dated += [s.date for a in journal.applications.values() for s in dated_steps(a) if s.date <= today]
    if not dated:
        return []
    month, last = min(dated).replace(day=1), today.replace(day=1)
    months = []
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def monthly_reviews(figures, history=None) -> list[MonthReview]:
    """Every reviewed month, newest first (see the module's doc). `history`: a `loading.history.GoalHistory`."""
    journal, today = figures.journal, figures.today
    firsts = review_months(journal, today)
    if not firsts:
        return []
    reviews: dict[str, MonthReview] = {}
    for first in firsts:
        last = add_months(first, 1) - ONE_DAY
        reviews[month_key(first)] = MonthReview(first, last, min(last, today))
    since = firsts[0]

    for entry in journal.entries:
        if entry.date and entry.date <= today and month_key(entry.date) in reviews:
            reviews[month_key(entry.date)].entries += 1

    for contact in sorted(journal.contacts.values(), key=lambda c: (c.met or dt.date.min, c.id)):
        if contact.met and contact.met <= today and month_key(contact.met) in reviews:
            reviews[month_key(contact.met)].new_contacts.append(contact.id)

    _interactions(journal.interactions, reviews, firsts, today)

    for move in moves(journal):
        if move.day <= today and month_key(move.day) in reviews:
            reviews[month_key(move.day)].moves.append(move)

    by_contact = figures.interactions_by_contact
    timelines: dict[str, list[StageChange]] = {}  # each contact's stage from the day before `since`
    # What a review works out for one person is kept between `mkdocs serve` rebuilds (memo.py)
    # while what it is worked out from is the same: the contact's record and their interactions
    # (the load cache's own objects, compared at once) and the months judged. Saving one entry
    # then works out again only the people it names; a five-year journal's reviews took a second
    # a rebuild. People gone from the journal are forgotten.
    each = figures.memo.review_timelines
    for cid in sorted(journal.contacts):
        contact, interactions = journal.contacts[cid], by_contact.get(cid, [])
        timelines[cid], (dormant, revived) = each.get(
            cid,
            (contact, tuple(interactions), since, today),
            lambda: (
                stage_changes(contact, interactions, since, today, baseline=True),
                dormancy_changes(contact, interactions, since, today),
            ),
        )
        for change in timelines[cid][1:]:
            reviews[month_key(change.day)].stage_changes.append(change)
        for d in dormant:
            reviews[month_key(d.day)].went_dormant.append(d)
        for d in revived:
            reviews[month_key(d.day)].revived.append(d)
    each.forget_unused()  # people gone from the journal
    for review in reviews.values():
        review.stage_changes.sort(key=lambda c: (c.day, c.contact_id))
        review.went_dormant.sort(key=lambda d: (d.day, d.contact_id))
        review.revived.sort(key=lambda d: (d.day, d.contact_id))

    goals = [g for g in sorted(journal.goals.values(), key=lambda g: g.id) if not g.is_vision and figures.measurable(g)]
    for review in reviews.values():
        review.goals = [r for g in goals if (r := goal_month(figures, g, review.first, review.judged_on)) is not None]

    _composition(figures, reviews.values())

    for achievement in figures.achievements():
        if achievement.date and month_key(achievement.date) in reviews:
            reviews[month_key(achievement.date)].achievements.append(achievement)

    if history is not None and history.unavailable is None:
        for review in reviews.values():
            review.goal_changes = [(gid, a) for gid, a in history.in_month(review.first, review.last)]

    applications = [(a, dated_steps(a)) for a in sorted(journal.applications.values(), key=lambda a: a.id)]
    for review in reviews.values():
        review.hunt = hunt_month(applications, review.first, review.judged_on, today)

    take_stock(figures, list(reviews.values()), timelines)
    return [reviews[k] for k in sorted(reviews, reverse=True)]


def _interactions(
    interactions: list[Interaction], reviews: dict[str, MonthReview], firsts: list[dt.date], today: dt.date
) -> None:
    channels: dict[str, Counter] = defaultdict(Counter)
    initiated: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for interaction in interactions:
        if not interaction.date or interaction.date > today:
            continue
        key = month_key(interaction.date)
        totals[key] += 1
        channels[key][interaction.channel or NOT_SAID] += 1
        initiated[key][interaction.direction or NOT_SAID] += 1
    for first in firsts:
        key, before = month_key(first), month_key(first - ONE_DAY)
        review = reviews[key]
        review.interactions = (totals[key], totals[before])
        seen = set(channels[key]) | set(channels[before])
        order = (
            [c for c in CHANNELS if c in seen]
            + sorted(seen - set(CHANNELS) - {NOT_SAID})
            + ([NOT_SAID] if NOT_SAID in seen else [])
        )
        review.channels = [(c, channels[key][c], channels[before][c]) for c in order]
        review.initiated = [(label, initiated[key][d], initiated[before][d]) for d, label in INITIATED]
        others = sum(n for d, n in initiated[key].items() if d not in dict(INITIATED))
        others_before = sum(n for d, n in initiated[before].items() if d not in dict(INITIATED))
        if others or others_before:
            review.initiated.append((NOT_SAID, others, others_before))


def goal_month(figures, goal: Goal, first: dt.date, judged: dt.date) -> GoalMonth | None:
    """A goal's result for the month, or None when it did not run in it."""
    if (goal.start and goal.start > judged) or (goal.due and goal.due < first):
        return None  # most goals in most months of a long journal: decided before any date is worked out
    last = add_months(first, 1) - ONE_DAY
    assert goal.measure is not None  # only measurable goals are reviewed (figures.measurable)
    if goal.measure.count == "stage":  # one relationship, whatever `per` says (as figures.progress judges it)
        cid = goal.measure.contact
        contact, interactions = figures.journal.contacts[cid], figures.interactions_by_contact.get(cid, [])
        before, after = stage_of(contact, interactions, first - ONE_DAY), stage_of(contact, interactions, judged)
        reached = figures.stage_reached_on(cid, goal.target) if after.rank >= STAGES.index(goal.target) else None
        status = stage_progress(goal, after.rank, judged, reached if reached and reached <= judged else None).status
        return GoalMonth(
            goal.id, None, before_text=before.name, after_text=after.name, target_text=str(goal.target), status=status
        )
    if goal.per:
        assert goal.target_number is not None  # measurable: a counted goal's target is a number
        progress = figures.progress(goal)
        ending = [p for p in progress.periods if first <= p.end <= last]
        return GoalMonth(
            goal.id,
            goal.per,
            tuple(p for p in ending if not p.open and p.judged),
            next((p for p in ending if p.open), None),
            target_text=number_text(goal.target_number),
            partial=tuple(p for p in ending if not p.open and not p.judged),
        )
    items = figures.items(goal)
    at_start = count_progress(goal, items, first - ONE_DAY, figures.week_start)
    at_end = count_progress(goal, items, judged, figures.week_start)
    start_value = at_start.value if not goal.start or goal.start < first else at_end.baseline
    return GoalMonth(
        goal.id,
        None,
        before_text=number_text(start_value),
        after_text=at_end.value_text,
        gained=at_end.value - start_value,
        target_text=at_end.target_text,
        status=at_end.status,
    )


def _composition(figures, reviews) -> None:
    journal = figures.journal
    plan = journal.plan
    want = wanted_values(plan)
    roles = roles_of(journal)
    if not want:
        return
    known = {
        cid: known_since(c, figures.interactions_by_contact.get(cid, [])) or dt.date.min
        for cid, c in journal.contacts.items()
    }
    # for each wanted value, the days its holders joined, sorted: a count on a day is one bisection
    joined = [
        sorted(known[c.id] for c in journal.contacts.values() if holds(c, field_, value, roles))
        for _, value, field_ in want
    ]
    for review in reviews:
        review.wanted = [
            WantedMonth(q, v, bisect_right(days, review.first - ONE_DAY), bisect_right(days, review.judged_on))
            for (q, v, _), days in zip(want, joined)
        ]


__all__ = [
    "Dormancy",
    "GoalMonth",
    "MonthReview",
    "StageChange",
    "Strengthen",
    "WantedMonth",
    "monthly_reviews",
    "review_months",
]
