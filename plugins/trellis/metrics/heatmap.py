"""The journaling calendar: a year of days as week columns, like a contributions graph.

A day's level says how much the journal holds for it:
0 no entry; 1 an entry with no interaction; 2 one interaction; 3 two or three;
4 four or more. Fixed thresholds (not quartiles of the year) so a level means the same
thing on every page and in every year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..model import Journal
from .periods import add_months, period_start

LEVEL_FLOORS = (1, 2, 3, 5)  # activity (1 for the entry + its interactions) at which levels 1..4 begin
LEVEL_NAMES = ("no entry", "an entry", "1 interaction", "2–3 interactions", "4 or more interactions")


@dataclass(frozen=True)
class Day:
    date: dt.date
    entries: int
    interactions: int

    @property
    def level(self) -> int:
        if not self.entries:
            return 0
        activity = 1 + self.interactions
        return sum(activity >= floor for floor in LEVEL_FLOORS)


@dataclass(frozen=True)
class Heatmap:
    first: dt.date  # first day shown (a year before today, plus one day)
    last: dt.date  # today
    weeks: tuple[tuple[Day | None, ...], ...]  # columns of seven rows; None outside the year
    week_start: int

    @property
    def days(self) -> list[Day]:
        return [d for week in self.weeks for d in week if d is not None]

    @property
    def journaled(self) -> int:
        return sum(1 for d in self.days if d.entries)

    def month_starts(self) -> list[tuple[int, dt.date]]:
        """(column, first of month) for each month that begins in the window: the axis labels."""
        found = []
        for column, week in enumerate(self.weeks):
            for day in week:
                if day is not None and day.date.day == 1:
                    found.append((column, day.date))
        return found


def journaling_heatmap(journal: Journal, today: dt.date, week_start: int = 0) -> Heatmap:
    first = add_months(today, -12) + dt.timedelta(days=1)
    entries = Counter(e.date for e in journal.entries if e.date and first <= e.date <= today)
    interactions = Counter(
        e.date for e in journal.entries if e.date and first <= e.date <= today for _ in e.interactions
    )
    weeks = []
    column_start = period_start(first, "week", week_start)
    while column_start <= today:
        column = []
        for row in range(7):
            day = column_start + dt.timedelta(days=row)
            inside = first <= day <= today
            column.append(Day(day, entries.get(day, 0), interactions.get(day, 0)) if inside else None)
        weeks.append(tuple(column))
        column_start += dt.timedelta(days=7)
    return Heatmap(first, today, tuple(weeks), week_start)
