"""Progress and pace of one goal, judged against today.

Status of an active goal, in this order:
* done: the value reached the target (or the file says `status: done`);
* overdue: today is past `due` and the target was not reached;
* upcoming: today is before `start`;
* ahead / on track / behind: the value against the ideal straight line from the
  baseline at `start` to the target at `due` (for recurring goals: from 0 at the start
  of this period to the target at its end). "On track" means within 10% of the target
  of that line; more is ahead, less is behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import STAGES, Goal
from .counters import Item, total
from .periods import next_period, period_label, period_start

ON_TRACK_BAND = 0.10


@dataclass(frozen=True)
class GoalProgress:
    goal_id: str
    counter: str
    value: float
    target: float
    expected: float | None  # where the ideal line is today
    status: str  # done | overdue | upcoming | ahead | on track | behind | paused | dropped
    period: str | None = None  # "week of 2026-11-16" for recurring goals
    value_text: str = ""
    target_text: str = ""

    @property
    def percent(self) -> int:
        if self.target <= 0:
            return 0
        return max(0, min(100, round(100 * self.value / self.target)))


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _pace_status(value: float, expected: float, target: float) -> str:
    band = ON_TRACK_BAND * target
    if value > expected + band:
        return "ahead"
    if value < expected - band:
        return "behind"
    return "on track"


def stage_progress(goal: Goal, stage_rank: int, today: dt.date) -> GoalProgress:
    target = STAGES.index(goal.target)
    done = stage_rank >= target or goal.status == "done"
    if goal.status in ("paused", "dropped"):
        status = goal.status
    elif done:
        status = "done"
    elif goal.due and today > goal.due:
        status = "overdue"
    else:
        status = "behind" if goal.start and today >= goal.start else "upcoming"
    return GoalProgress(goal.id, "stage", float(stage_rank), float(target), None, status, None,
                        STAGES[stage_rank], str(goal.target))


def count_progress(goal: Goal, items: list[Item], today: dt.date, week_start: int = 0) -> GoalProgress:
    target = goal.target_number or 0.0
    level = goal.measure.count == "manual" and goal.measure.mode == "level"
    counter = goal.measure.count
    if goal.per:
        begin = max(period_start(today, goal.per, week_start), goal.start or dt.date.min)
        end = next_period(period_start(today, goal.per, week_start), goal.per)
        value = total(items, begin, today, level)
        elapsed = ((today - begin).days + 1) / max((end - begin).days, 1)
        expected = target * elapsed
        label = period_label(period_start(today, goal.per, week_start), goal.per)
    else:
        end_day = min(today, goal.due) if goal.due else today
        value = total(items, goal.start, end_day, level)
        baseline = total(items, None, goal.start, level) if (level and goal.start) else 0.0
        if goal.start and goal.due and goal.due > goal.start:
            share = min(max((today - goal.start).days / (goal.due - goal.start).days, 0.0), 1.0)
            expected = baseline + (target - baseline) * share
        else:
            expected = None
        label = None
    if goal.status in ("paused", "dropped"):
        status = goal.status
    elif goal.status == "done" or (target and value >= target):
        status = "done"
    elif goal.due and today > goal.due:
        status = "overdue"
    elif goal.start and today < goal.start:
        status = "upcoming"
    elif expected is None:
        status = "on track"
    else:
        status = _pace_status(value, expected, target)
    return GoalProgress(goal.id, counter, value, target, expected, status, label,
                        _number(value), _number(target))
