"""The monthly review: each month of the journal taken stock of, from the journal alone.

Every figure comes from the computation the other pages use: new contacts are what the
`new-contacts` counter counts (`met:` in the month), stages are `stages.stage_of` judged on
the day, dormancy and the ally rule are `ties.py`'s (last contact against `keep_in_touch`), recurring goals'
periods are `Figures.progress(goal).periods` (the goal page's bars), one-off goals are
`progress.count_progress` judged at the month's end.

Choices:

* **Months.** From the month of the first dated entry (the journal began) to today's
  month; the current month is judged "so far", on today. A month without entries has a
  review all the same (ties still go dormant).
* **Stage changes.** A stage changes only on a day something happened (an interaction)
  or when the ally rule stops holding without one (six weeks after the last inbound
  contact, or when an inbound contact leaves the 90-day window): the stage is judged on
  exactly those days, with the reason the contact page would have given on that day. A
  stage set by hand (`stage:`) has no history.
* **Dormancy.** A tie goes dormant on the first day more than `keep_in_touch` days have
  passed since its last contact, and is revived by an interaction on a day it was dormant.
* **Interactions** are counted once however many people one was with (as goals count
  them); who initiated is the direction: outbound (you), inbound (them), mutual.
* **Goal results.** A recurring goal's periods belong to the month they end in (a week
  ending on Sunday 2 November belongs to November); the running period is shown apart.
  A one-off goal shows the progress made in the month (its value at the month's end less
  its value the day before it began) and its pace status judged on the month's end.
* **Composition.** The plan's wanted qualities, counted over the contacts known before the
  month (met, else first interaction, before its first day) and at its end; a contact with
  neither date is counted in both. A gap closed: nobody had it before, someone at the end.
* **Take stock**, judged on the month's last day (today, for the current month):
  whoever is closest to the next stage, the ties with the highest reach-out priority, and
  the friend on each dream company's warm path that is one tie short (you know someone who
  knows someone there).

`monthly_reviews` computes every month in one pass over the journal per figure, once per
build; a month's page reads its own `MonthReview`.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import CHANNELS, STAGES, WANT_FIELDS, Contact, Goal, Interaction, fold
from .counters import has_quality
from .periods import add_months
from .progress import Achievement, PeriodResult, count_progress, number_text, stage_progress
from .stages import day_of, stage_of
from .ties import (
    ally_by,
    ally_rule_may_end,
    ally_window,
    dormant_from,
    dormant_on,
    keep_in_touch,
    reach_out_order,
    touch_on,
)

ONE_DAY = dt.timedelta(days=1)
TAKE_STOCK = 3  # people in each list of "take stock"
INITIATED = (("outbound", "you"), ("inbound", "them"), ("mutual", "mutual"))
NOT_SAID = "not said"


@dataclass(frozen=True)
class StageChange:
    contact_id: str
    day: dt.date
    before: str
    after: str
    reason: str  # the contact page's reason, as judged on `day`

    @property
    def up(self) -> bool:
        return STAGES.index(self.after) > STAGES.index(self.before)


@dataclass(frozen=True)
class Dormancy:
    contact_id: str
    day: dt.date  # the first day dormant, or the day of the interaction that revived it
    last: dt.date | None  # the last contact before it
    period_days: int  # keep_in_touch


@dataclass(frozen=True)
class GoalMonth:
    goal_id: str
    per: str | None
    periods: tuple[PeriodResult, ...] = ()  # recurring: the finished periods ending in the month
    running: PeriodResult | None = None  # recurring: the period still open, if it ends in the month
    before_text: str = ""  # one-off: the value the day before the month (a stage, for stage goals)
    after_text: str = ""  # one-off: the value at the month's end
    gained: float | None = None  # one-off counts: progress made in the month
    target_text: str = ""
    status: str = ""  # one-off: pace status judged on the month's end

    @property
    def met(self) -> int:
        return sum(p.met for p in self.periods)


@dataclass(frozen=True)
class WantedMonth:
    quality: str
    value: str
    start: int  # contacts who had it before the month
    end: int  # at the month's end

    @property
    def closed(self) -> bool:
        return self.start == 0 and self.end > 0

    @property
    def open(self) -> bool:
        return self.end == 0


@dataclass(frozen=True)
class Strengthen:
    """Someone to strengthen next, and why (the template words it, naming people as the view allows)."""

    contact_id: str
    kind: str  # next-stage | reach-out | warm-path
    stage: str = ""  # next-stage: the stage now
    outbound: int = 0  # next-stage (contact): your one-way reaches
    inbound: int = 0  # next-stage (contact): theirs
    since: dt.date | None = None  # next-stage (acquaintance): their one inbound; reach-out: the last contact
    by: dt.date | None = None  # next-stage (acquaintance): the day one more inbound must come by
    overdue_days: int = 0  # reach-out
    period_days: int = 0  # reach-out
    target: str = ""  # warm-path: whom they can introduce you to
    company: str = ""  # warm-path: the dream company, as the plan writes it


@dataclass
class MonthReview:
    first: dt.date  # the month's first day
    last: dt.date  # its last day
    judged_on: dt.date  # the last day, or today for the current month
    entries: int = 0
    new_contacts: list[str] = field(default_factory=list)  # contact ids, by day met
    stage_changes: list[StageChange] = field(default_factory=list)
    went_dormant: list[Dormancy] = field(default_factory=list)
    revived: list[Dormancy] = field(default_factory=list)
    dormant_at_end: int = 0
    interactions: tuple[int, int] = (0, 0)  # this month, the month before
    channels: list[tuple[str, int, int]] = field(default_factory=list)  # (channel, this month, the month before)
    initiated: list[tuple[str, int, int]] = field(default_factory=list)  # (you | them | mutual | not said, ...)
    goals: list[GoalMonth] = field(default_factory=list)
    wanted: list[WantedMonth] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    take_stock: dict[str, list[Strengthen]] = field(default_factory=dict)
    goal_changes: list = field(default_factory=list)  # (goal id, history.Adjustment), oldest first

    @property
    def key(self) -> str:
        return month_key(self.first)

    @property
    def so_far(self) -> bool:
        return self.judged_on < self.last

    @property
    def gaps_closed(self) -> list[WantedMonth]:
        return [w for w in self.wanted if w.closed]

    @property
    def gaps_open(self) -> list[WantedMonth]:
        return [w for w in self.wanted if w.open]


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"  # as strftime("%Y-%m"), at a fifth of the cost (called per day and person)


def review_months(journal, today: dt.date) -> list[dt.date]:
    """First days of the reviewed months, oldest first: from the first dated entry to today."""
    dated = [e.date for e in journal.entries if e.date and e.date <= today]
    if not dated:
        return []
    month, last = min(dated).replace(day=1), today.replace(day=1)
    months = []
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def monthly_reviews(figures, history=None) -> list[MonthReview]:
    """Every reviewed month, newest first (see the module's doc). `history`: a `history.GoalHistory`."""
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

    _take_stock(figures, list(reviews.values()), timelines)
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


def stage_changes(
    contact: Contact, interactions: list[Interaction], since: dt.date, today: dt.date, baseline: bool = False
) -> list[StageChange]:
    """Every change of the computed stage from `since` to `today`, on its day (see the module's doc);
    `baseline`: first, the stage the day before `since` (its `before` empty)."""
    if contact.stage in STAGES:
        return []
    dated = sorted((i for i in interactions if i.date and i.date <= today), key=day_of)
    if not dated:
        return []
    dates = [day_of(i) for i in dated]
    days = set(dates)
    for i in dated:
        if i.direction == "inbound":
            days.update(ally_rule_may_end(day_of(i)))  # six weeks without them; out of the 90-day window
    before = stage_of(contact, dated[: bisect_right(dates, since - ONE_DAY)], since - ONE_DAY)
    changes = [StageChange(contact.id, since - ONE_DAY, "", before.name, before.reason)] if baseline else []
    for day in sorted(d for d in days if since <= d <= today):
        now = stage_of(contact, dated[: bisect_right(dates, day)], day)
        if now.name != before.name:
            changes.append(StageChange(contact.id, day, before.name, now.name, now.reason))
        before = now
    return changes


def dormancy_changes(
    contact: Contact, interactions: list[Interaction], since: dt.date, today: dt.date
) -> tuple[list[Dormancy], list[Dormancy]]:
    """(went dormant, revived) from `since` to `today`, as `ties.touch_on` judges a tie on each
    day: its last contact (the latest interaction on or before the day, else `met:`)."""
    period = keep_in_touch(contact)
    days = sorted({i.date for i in interactions if i.date and i.date <= today})
    # each stretch of days shares one last contact: before the first interaction, met:
    stretches: list[tuple[dt.date | None, dt.date | None]] = []  # (last contact, the day the stretch ends before)
    stretches.append((contact.met, days[0] if days else None))
    for n, day in enumerate(days):
        stretches.append((day, days[n + 1] if n + 1 < len(days) else None))
    dormant, revived = [], []
    for last, until in stretches:
        if last is None:
            continue
        start = dormant_from(last, period)
        if since <= start <= today and (until is None or start < until):
            dormant.append(Dormancy(contact.id, start, last, period))
    previous = contact.met
    for day in days:
        if dormant_on(previous, period, day - ONE_DAY) and since <= day <= today:
            revived.append(Dormancy(contact.id, day, previous, period))
        previous = day
    return dormant, revived


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
            tuple(p for p in ending if not p.open),
            next((p for p in ending if p.open), None),
            target_text=number_text(goal.target_number),
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


def known_since(contact: Contact, interactions: list[Interaction]) -> dt.date | None:
    """The day a contact joined the network: `met:`, else the first interaction; None: undated."""
    if contact.met:
        return contact.met
    return min((i.date for i in interactions if i.date), default=None)


def _composition(figures, reviews) -> None:
    journal = figures.journal
    plan = journal.plan
    want = [
        (q, v, WANT_FIELDS[q])
        for q, values in (plan.want if plan else {}).items()
        if q in WANT_FIELDS
        for v in values
        if fold(v)
    ]
    if not want:
        return
    known = {
        cid: known_since(c, figures.interactions_by_contact.get(cid, [])) or dt.date.min
        for cid, c in journal.contacts.items()
    }
    # for each wanted value, the days its holders joined, sorted: a count on a day is one bisection
    joined = [
        sorted(known[c.id] for c in journal.contacts.values() if has_quality(getattr(c, field_), value))
        for _, value, field_ in want
    ]
    for review in reviews:
        review.wanted = [
            WantedMonth(q, v, bisect_right(days, review.first - ONE_DAY), bisect_right(days, review.judged_on))
            for (q, v, _), days in zip(want, joined)
        ]


def _take_stock(figures, reviews: list[MonthReview], timelines: dict[str, list[StageChange]]) -> None:
    """Whom to strengthen next, judged on each month's last day: one walk over each contact's
    interactions for all months (a bisection a month), not a judgement of everyone each month."""
    journal, today = figures.journal, figures.today
    by_contact = figures.interactions_by_contact
    closest: dict[str, list] = defaultdict(list)
    dormant: dict[str, list] = defaultdict(list)
    months = tuple((review.key, review.judged_on) for review in reviews)
    each = figures.memo.review_stock
    for cid in sorted(journal.contacts):
        contact, interactions, timeline = journal.contacts[cid], by_contact.get(cid, []), timelines.get(cid, [])
        found = each.get(
            cid,
            (contact, tuple(interactions), today, months, tuple(timeline)),
            lambda: _stock_of(contact, interactions, today, months, timeline),
        )
        for key, touch, strengthen in found:
            if touch is not None:
                dormant[key].append(touch)
            if strengthen is not None:
                closest[key].append(strengthen)
    each.forget_unused()
    for review in reviews:
        day = review.judged_on
        review.take_stock["next-stage"] = [
            s for _, s in heapq.nsmallest(TAKE_STOCK, closest[review.key], key=lambda ks: ks[0])
        ]
        review.dormant_at_end = len(dormant[review.key])
        review.take_stock["reach-out"] = [
            Strengthen(t.contact_id, "reach-out", since=t.last, overdue_days=t.overdue_days, period_days=t.period_days)
            for t in reach_out_order(dormant[review.key])[:TAKE_STOCK]
        ]
        warm = []
        for path in figures.warm_paths:
            if len(path.path) == 3 and all(
                _known_by(journal.contacts[c], by_contact.get(c, []), day) for c in path.path[1:]
            ):
                warm.append(Strengthen(path.path[1], "warm-path", target=path.path[2], company=path.company))
        review.take_stock["warm-path"] = warm[:TAKE_STOCK]


def _stock_of(
    contact: Contact,
    interactions: list[Interaction],
    today: dt.date,
    months: tuple[tuple[str, dt.date], ...],
    timeline: list[StageChange],
) -> list[tuple]:
    """One person in each month's take stock: (month, their tie if dormant then, (order, the
    step to the next stage) if they are close to it), judged on the month's last day; one walk
    over their interactions for all months (a bisection a month)."""
    cid = contact.id
    dated = sorted((i for i in interactions if i.date and i.date <= today), key=day_of)
    joined = contact.met or (dated[0].date if dated else None)
    dates = [day_of(i) for i in dated]
    inbound = [day_of(i) for i in dated if i.direction == "inbound"]
    outs, ins = [0], [0]  # how many outbound and inbound in the first n interactions
    for i in dated:
        outs.append(outs[-1] + (i.direction == "outbound"))
        ins.append(ins[-1] + (i.direction == "inbound"))
    change_days = [c.day for c in timeline]
    found = []
    for key, day in months:
        if joined is not None and joined > day:
            continue  # not known yet
        n = bisect_right(dates, day)
        # ties.last_contact on that day: the latest interaction, else met:
        tie = touch_on(contact, dates[n - 1] if n else contact.met, day)
        touch = tie if tie.dormant else None
        strengthen = None
        if contact.stage not in STAGES and n and timeline:
            stage = timeline[bisect_right(change_days, day) - 1].after
            if stage == "contact":
                # they reached out and wait for you: first; then your most recent one-way reaches
                order = (1 if ins[n] else 2, -dates[n - 1].toordinal(), cid)
                strengthen = (order, Strengthen(cid, "next-stage", "contact", outs[n], ins[n], dates[n - 1]))
            elif stage == "acquaintance":
                window = ally_window(inbound, day)
                by = ally_by(window, day)  # one inbound contact short of the ally rule
                if by is not None:
                    strengthen = (
                        (0, by.toordinal(), cid),
                        Strengthen(cid, "next-stage", "acquaintance", since=window[-1], by=by),
                    )
        if touch is not None or strengthen is not None:
            found.append((key, touch, strengthen))
    return found


def _known_by(contact: Contact, interactions: list[Interaction], day: dt.date) -> bool:
    joined = known_since(contact, interactions)
    return joined is None or joined <= day


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
