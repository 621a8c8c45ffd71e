"""Progress, pace, streaks and achievements of one goal, judged against today.

The ideal line. A one-off goal runs from its baseline at the start of `start` to its
target at the end of `due` (a level goal's baseline is its latest value before
`start`; a count starts at 0). A recurring goal has one line per period, from 0 at the
start of the period to the target at its end. "Expected" is where the line stands at
the start of today, so a week begins with nothing expected.

Status of an active goal, in this order:
* done: the value reached the target (or the file says `status: done`);
* overdue: today is past `due` and the target was not reached;
* upcoming: today is before `start`;
* ahead / on track / behind: the value against the line. On track means within a
  band either side of the line: `ON_TRACK_BAND` (10%) of the way from baseline to
  target, and at least one whole unit, since nobody gives a fifth of a talk. More is
  ahead, less is behind. Behind by more than `FAR_BEHIND` (25%) of the way puts the
  goal under "adjust" on the progress page, with overdue ones.

Buffer: how many days, counting today, the goal can go without progress before it is
behind (0: it is behind already). It never runs past the end of the goal or period.

Recurring goals count whole periods (the week holding `start` counts from its first
day). A period is met when its count reaches the target. The streak is the run of met
periods up to the last finished one, plus the open period once it is met, so an
unfinished week does not break a streak. Habit strength smooths the share of the
target each finished period reached (exponential smoothing, weight `HABIT_SMOOTHING`
for the newest), so one missed period costs a quarter of it, not everything; the
running period counts only once it is over, met or not (none finished yet: no figure).

Partial periods: the first, when the goal started after it began, and the last, when
`due` falls before it ends. One counts once met (its whole count reached the whole
target); short of the target it is not judged: no miss for the streak, left out of habit
strength, and while it runs no ideal line (status "on track" until met, no buffer). Not
pro rata: a small target scaled to a few days rounds to nothing or to all of it.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..model import STAGES, Goal
from .counters import Item, total
from .periods import next_period, period_label, period_start

ON_TRACK_BAND = 0.10
FAR_BEHIND = 0.25
HABIT_SMOOTHING = 0.25
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PeriodResult:
    """One period of a recurring goal."""

    start: dt.date
    end: dt.date  # its last day
    label: str
    value: float
    met: bool
    met_on: dt.date | None  # the day its count reached the target
    open: bool  # holds today: still running
    partial: bool = False  # the goal ran for part of it only: started after it began, or due before it ends

    @property
    def judged(self) -> bool:
        """Whether it counts for streaks, habit strength and the review: a finished period, or
        one met already; a partial one only once met (short of the target, it is no miss)."""
        return self.met or (not self.open and not self.partial)


@dataclass(frozen=True)
class Achievement:
    goal_id: str
    date: dt.date | None  # None: the file says done, the journal does not show when
    kind: str  # reached | streak
    count: int = 0  # the streak's length, in periods


@dataclass(frozen=True)
class GoalProgress:
    goal_id: str
    counter: str
    value: float  # to date, or in this period for recurring goals
    target: float
    expected: float | None  # where the ideal line is today
    status: str  # done | overdue | upcoming | ahead | on track | behind | paused | dropped
    period: str | None = None  # "week of 2026-11-16" for recurring goals
    value_text: str = ""
    target_text: str = ""
    buffer_days: int | None = None
    per: str | None = None
    streak: int | None = None  # recurring goals: current and longest run of met periods
    longest_streak: int | None = None
    longest_streak_on: dt.date | None = None
    habit_strength: int | None = None  # percent
    periods: tuple[PeriodResult, ...] = ()
    burnup: tuple[tuple[dt.date, float], ...] = ()  # one-off goals: the value after each day that counted
    line: tuple[tuple[dt.date, float], tuple[dt.date, float]] | None = (
        None  # ideal line: (start, baseline), (day after due, target)
    )
    reached_on: dt.date | None = None
    baseline: float = 0.0  # where the line starts: 0, or a level goal's value before `start`

    @property
    def percent(self) -> int:
        if self.target <= 0:
            return 0
        return max(0, min(100, round(100 * self.value / self.target)))

    @property
    def far_behind(self) -> bool:
        return (
            self.status == "behind"
            and self.expected is not None
            and self.expected - self.value > FAR_BEHIND * (self.target - self.baseline)
        )

    @property
    def needs_adjusting(self) -> bool:
        return self.status == "overdue" or self.far_behind

    def achievements(self) -> list[Achievement]:
        found = []
        if self.status == "done" and self.per is None:
            found.append(Achievement(self.goal_id, self.reached_on, "reached"))
        if self.longest_streak and self.longest_streak >= 2:
            found.append(Achievement(self.goal_id, self.longest_streak_on, "streak", self.longest_streak))
        return found


def number_text(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _item_date(item: Item) -> dt.date:
    return item.date


def _window(items: list[Item], first: dt.date | None, last: dt.date | None) -> list[Item]:
    """The items from `first` to `last` inclusive (None: no bound). Items are oldest first and
    shared by every goal of a counter: a goal reads its own dates, not the journal's years."""
    lo = bisect_left(items, first, key=_item_date) if first else 0
    hi = bisect_right(items, last, key=_item_date) if last else len(items)
    return items[lo:hi]


def _line_value(start: dt.date, span: int, baseline: float, target: float, day: dt.date) -> float:
    share = min(max((day - start).days / span, 0.0), 1.0)
    return baseline + (target - baseline) * share


def _band(baseline: float, target: float) -> float:
    return max(ON_TRACK_BAND * (target - baseline), 1.0)


def _pace_status(value: float, expected: float, baseline: float, target: float) -> str:
    band = _band(baseline, target)
    if value > expected + band:
        return "ahead"
    if value < expected - band:
        return "behind"
    return "on track"


def _buffer(value: float, baseline: float, target: float, start: dt.date, span: int, today: dt.date) -> int:
    """Days from today, today included, before the line passes `value` by more than the band."""
    if target <= baseline:
        return 0
    reach = (value + _band(baseline, target) - baseline) / (target - baseline)
    behind_from = min(math.floor(reach * span + 1e-9) + 1, span)  # days after start
    return max(behind_from - (today - start).days, 0)


def _status(goal: Goal, reached: bool, today: dt.date) -> str | None:
    """The status every kind of goal shares, or None when pace decides."""
    if goal.status in ("paused", "dropped"):
        return goal.status
    if goal.status == "done" or reached:
        return "done"
    if goal.due and today > goal.due:
        return "overdue"
    if goal.start and today < goal.start:
        return "upcoming"
    return None


def stage_progress(goal: Goal, stage_rank: int, today: dt.date, reached_on: dt.date | None = None) -> GoalProgress:
    """A stage goal's line climbs one stage at a time: contact (0) at `start`, the target stage at `due`."""
    target = STAGES.index(goal.target)
    status = _status(goal, stage_rank >= target, today)
    expected = buffer = None
    if goal.start and goal.due and goal.due >= goal.start:
        span = (goal.due - goal.start).days + 1
        expected = _line_value(goal.start, span, 0.0, target, today)
        if status is None:
            status = _pace_status(stage_rank, expected, 0.0, target)
            buffer = _buffer(stage_rank, 0.0, target, goal.start, span, today)
    return GoalProgress(
        goal.id,
        "stage",
        float(stage_rank),
        float(target),
        expected,
        status or "on track",
        None,
        STAGES[stage_rank],
        str(goal.target),
        buffer,
        reached_on=reached_on if stage_rank >= target else None,
    )


def count_progress(goal: Goal, items: list[Item], today: dt.date, week_start: int = 0) -> GoalProgress:
    if goal.per:
        return _recurring(goal, items, today, week_start)
    return _one_off(goal, items, today)


def _one_off(goal: Goal, items: list[Item], today: dt.date) -> GoalProgress:
    assert goal.measure and goal.measure.count  # count_progress: measurable goals only (Figures.measurable)
    target = goal.target_number or 0.0
    level = goal.measure.level
    start, due = goal.start, goal.due
    until = min(today, due) if due else today
    # nothing after `until` counts; before `start` only a level goal's baseline does
    items = _window(items, None if level else start, until)
    baseline = total(items, None, start - ONE_DAY, level) if (level and start) else 0.0
    value = total(items, start, until, level)

    # the burn-up: the value after each day something counted, from the start
    burnup: list[tuple[dt.date, float]] = [(start, baseline)] if start else []
    running = 0.0
    reached_on = None
    for item in items:
        if (start and item.date < start) or item.date > until:
            continue
        running = item.amount if level else running + item.amount
        if burnup and burnup[-1][0] == item.date:
            burnup[-1] = (item.date, running)
        else:
            burnup.append((item.date, running))
        if reached_on is None and target and running >= target:
            reached_on = item.date

    expected = buffer = line = None
    if start and due and due >= start:
        span = (due - start).days + 1
        expected = _line_value(start, span, baseline, target, today)
        line = ((start, baseline), (due + ONE_DAY, target))
    status = _status(goal, bool(target) and value >= target, today)
    if status is None:
        status = "on track" if expected is None else _pace_status(value, expected, baseline, target)
        if expected is not None and start and due:  # expected: both dates are set
            buffer = _buffer(value, baseline, target, start, (due - start).days + 1, today)
    return GoalProgress(
        goal.id,
        goal.measure.count,
        value,
        target,
        expected,
        status,
        None,
        number_text(value),
        number_text(target),
        buffer,
        None,
        burnup=tuple(burnup),
        line=line,
        reached_on=reached_on,
        baseline=baseline,
    )


def period_results(goal: Goal, items: list[Item], today: dt.date, week_start: int = 0) -> list[PeriodResult]:
    """Every period from the one holding `start` to the one holding today (or `due`, if sooner)."""
    per, target = goal.per, goal.target_number or 0.0
    assert goal.measure is not None and per is not None  # a measurable goal with a period
    first_day = goal.start or today
    last_day = min(today, goal.due) if goal.due else today
    if last_day < first_day:
        return []
    level = goal.measure.level
    results = []
    begin = period_start(first_day, per, week_start)
    index = bisect_left(items, begin, key=_item_date)  # what came before the first period is skipped
    while begin <= last_day:
        after = next_period(begin, per)
        value, met_on = 0.0, None
        while index < len(items) and items[index].date < after:
            item = items[index]
            index += 1
            if item.date < begin:
                continue
            value = item.amount if level else value + item.amount
            if met_on is None and value >= target:
                met_on = item.date
        is_open = begin <= today < after
        partial = (goal.start is not None and goal.start > begin) or (
            goal.due is not None and goal.due < after - ONE_DAY
        )
        results.append(
            PeriodResult(
                begin, after - ONE_DAY, period_label(begin, per), value, met_on is not None, met_on, is_open, partial
            )
        )
        begin = after
    return results


def _recurring(goal: Goal, items: list[Item], today: dt.date, week_start: int) -> GoalProgress:
    assert goal.measure and goal.measure.count and goal.per  # count_progress: a measurable goal with a period
    target = goal.target_number or 0.0
    periods = period_results(goal, items, today, week_start)
    # streaks: finished periods, and the open one only once it is met (an unfinished
    # period never breaks a streak); a partial period only once met (PeriodResult.judged)
    judged = [p for p in periods if p.judged]
    streak = 0
    for p in reversed(judged):
        if not p.met:
            break
        streak += 1
    longest, longest_on, run = 0, None, 0
    for p in judged:
        run = run + 1 if p.met else 0
        if run > longest:
            longest, longest_on = run, p.met_on
    # strength: finished periods only. The running one is judged once it is over, so a
    # month met on its 3rd day does not lift the habit before the month has been kept.
    # A partial period short of the target is left out: it is no miss.
    finished = [p for p in periods if not p.open and p.judged]
    strength = 0.0
    for p in finished:
        strength += HABIT_SMOOTHING * (min(p.value / target, 1.0) - strength)

    begin = period_start(today, goal.per, week_start)
    after = next_period(begin, goal.per)
    current = periods[-1] if periods and periods[-1].open else None
    value = current.value if current else 0.0
    span = (after - begin).days
    partial = current is not None and current.partial
    # a partial period is judged only once met: no line to fall behind of before that
    expected = None if partial else _line_value(begin, span, 0.0, target, today)
    status = _status(goal, False, today)
    buffer = None
    if status is None:
        if current and current.met:
            status = "done"
        elif expected is None:
            status = "on track"
        else:
            status = _pace_status(value, expected, 0.0, target)
            buffer = _buffer(value, 0.0, target, begin, span, today)
            if goal.due:  # the habit is reviewed at `due`: the buffer stops there
                buffer = min(buffer, (goal.due - today).days + 1)
    return GoalProgress(
        goal.id,
        goal.measure.count,
        value,
        target,
        expected,
        status,
        period_label(begin, goal.per) + (", partial" if partial else ""),
        number_text(value),
        number_text(target),
        buffer,
        goal.per,
        streak,
        longest,
        longest_on,
        round(100 * strength) if finished else None,
        tuple(periods),
    )
