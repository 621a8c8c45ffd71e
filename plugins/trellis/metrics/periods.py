"""Calendar periods of recurring goals: day, week (Monday first by default), month, quarter."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_start(day: dt.date, per: str, week_start: int = 0) -> dt.date:
    if per == "day":
        return day
    if per == "week":
        return day - dt.timedelta(days=(day.weekday() - week_start) % 7)
    if per == "month":
        return day.replace(day=1)
    if per == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    raise ValueError(f"unknown period {per!r}")


def next_period(start: dt.date, per: str) -> dt.date:
    if per == "day":
        return start + dt.timedelta(days=1)
    if per == "week":
        return start + dt.timedelta(days=7)
    return add_months(start, 1 if per == "month" else 3)


def period_end(day: dt.date, per: str, week_start: int = 0) -> dt.date:
    """Last day of the period that holds `day`."""
    return next_period(period_start(day, per, week_start), per) - dt.timedelta(days=1)


def period_label(start: dt.date, per: str) -> str:
    if per == "day":
        return start.isoformat()
    if per == "week":
        return f"week of {start.isoformat()}"
    if per == "month":
        return start.strftime("%B %Y")
    return f"Q{(start.month - 1) // 3 + 1} {start.year}"


def days_in(per: str) -> float:
    """Average length of a period in days, to compare paces across periods."""
    return {"day": 1.0, "week": 7.0, "month": 30.44, "quarter": 91.31}[per]
