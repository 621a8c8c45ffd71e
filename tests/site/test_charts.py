"""The charts' tables of numbers: what a screen reader (and the search index) gets."""

from __future__ import annotations

import datetime as dt
import re

from trellis.metrics.progress import GoalProgress
from trellis.rendering.charts import burnup_chart

START = dt.date(2025, 1, 1)


def _rows(chart: str) -> list[tuple[str, str]]:
    table = chart[chart.index("<table>") : chart.index("</table>")]
    return re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td></tr>", table)


def _progress(days: int) -> GoalProgress:
    # one more connection every day that counted: the value after day n is n
    burnup = ((START, 0.0),) + tuple((START + dt.timedelta(days=n), float(n)) for n in range(1, days + 1))
    end = START + dt.timedelta(days=days + 1)
    return GoalProgress(
        goal_id="g",
        counter="new-contacts",
        value=float(days),
        target=float(days),
        expected=None,
        status="done",
        burnup=burnup,
        line=((START, 0.0), (end, float(days))),
    )


def test_a_short_burnup_lists_every_day_that_counted():
    rows = _rows(burnup_chart("g", "A goal", _progress(20), START + dt.timedelta(days=30)))
    assert rows[0] == ("2025-01-01", "0") and len(rows) == 21 and rows[-1] == ("2025-01-21", "20")


def test_a_year_of_counting_is_listed_a_week_at_a_time_with_the_start_and_the_last_value():
    rows = _rows(burnup_chart("g", "A goal", _progress(364), START + dt.timedelta(days=400)))
    # 2025-01-01 is a Wednesday: the first week ends on Sunday 5 January (value 4), then each
    # Sunday; the last day that counted, Wednesday 31 December (364), closes the last week
    assert rows[:3] == [("2025-01-01", "0"), ("2025-01-05", "4"), ("2025-01-12", "11")]
    assert rows[-1] == ("2025-12-31", "364") and len(rows) == 1 + 53
    days = [dt.date.fromisoformat(d) for d, _ in rows]
    assert days == sorted(days) and all(d.weekday() == 6 for d in days[1:-1])
