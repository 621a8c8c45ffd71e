"""A recurring goal's partial periods: the first, when the goal started after it began, and the
last, when the due date cuts it short. Each counts only once met: short of the target it is not
judged (no miss) in streaks, habit strength, pace, the period chart and the monthly review."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import yaml
from conftest import ROOT, build
from trellis.metrics.review import monthly_reviews
from trellis.pipeline import analyse
from trellis.rendering import charts

D = dt.date


def fm(**fields) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False) + "---\n"


def calls(day: str, n: int = 1) -> str:
    talk = {"with": "ada", "channel": "call", "direction": "outbound", "summary": "talked"}
    return fm(date=day, interactions=[talk] * n)


# the issue's case: a monthly goal started on 23 October, done on 1 November; today (the tests'
# pinned day) is Monday 2026-11-23
MONTHLY = {
    "index.md": "# Home\n",
    "contacts/ada.md": fm(name="Ada Quintero"),
    "goals/vision.md": fm(title="Land a remote role", kind="vision"),
    "goals/monthly.md": fm(
        title="Ask one person for advice every month",
        supports="vision",
        measure={"count": "interactions"},
        target=1,
        per="month",
        start="2026-10-23",
        due="2027-03-31",
        actions=["Write to one person on the 1st"],
    ),
    "entries/2026-10-23.md": fm(date="2026-10-23", summary="Set the goal."),
    "entries/2026-11-01.md": calls("2026-11-01"),
}


def analysis(tmp_path, files: dict[str, str], today: dt.date):
    root = tmp_path / "journal"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return analyse(root, today=today)


def test_a_monthly_goal_started_on_the_23rd_and_met_on_the_1st(tmp_path):
    a = analysis(tmp_path, MONTHLY, D(2026, 11, 23))
    p = a.figures.progress(a.journal.goals["monthly"])
    october, november = p.periods
    assert (october.partial, october.met, october.judged) == (True, False, False)  # 23-31 October: not judged
    assert (november.partial, november.met, november.open) == (False, True, True)
    # October is no miss: the streak is November's, and no month has been judged to its end,
    # so there is no habit figure yet (it was "habit 0%": October counted as a missed month)
    assert (p.status, p.streak, p.longest_streak, p.habit_strength) == ("done", 1, 1, None)

    by_month = {r.key: r for r in monthly_reviews(a.figures)}
    (goal,) = by_month["2026-10"].goals
    assert (goal.met, goal.periods, [x.label for x in goal.partial]) == (0, (), ["October 2026"])
    (goal,) = by_month["2026-11"].goals
    assert goal.running is not None and goal.running.met

    # on 5 January: November and December are both met, both judged; October still is not
    later = analysis(tmp_path, {"entries/2026-12-01.md": calls("2026-12-01")}, D(2027, 1, 5))
    p = later.figures.progress(later.journal.goals["monthly"])
    assert [x.judged for x in p.periods] == [False, True, True, False]
    assert (p.streak, p.habit_strength) == (2, 44)  # 0.25, then 0.25 + 0.25 x 0.75 = 0.4375
    by_month = {r.key: r for r in monthly_reviews(later.figures)}
    assert [(g.met, len(g.periods)) for g in by_month["2026-11"].goals] == [(1, 1)]


def test_a_first_partial_period_that_met_the_target_counts(tmp_path):
    files = {**MONTHLY, "entries/2026-10-25.md": calls("2026-10-25")}
    a = analysis(tmp_path, files, D(2026, 11, 23))
    p = a.figures.progress(a.journal.goals["monthly"])
    assert [(x.partial, x.met, x.judged) for x in p.periods] == [(True, True, True), (False, True, True)]
    assert (p.streak, p.habit_strength) == (2, 25)
    (goal,) = {r.key: r for r in monthly_reviews(a.figures)}["2026-10"].goals
    assert (goal.met, len(goal.periods), goal.partial) == (1, 1, ())


WEEKLY = {
    "contacts/ada.md": fm(name="Ada Quintero"),
    "goals/weekly.md": fm(
        title="Have three conversations a week",
        measure={"count": "interactions"},
        target=3,
        per="week",
        start="2026-11-19",  # a Thursday: its first week ran from Monday 16 November
        due="2026-12-02",  # a Wednesday: its last week is cut short too
    ),
}


def test_a_weekly_goal_started_on_a_thursday(tmp_path):
    # on its first day nothing is expected of it yet: the week is not judged unless met, so the
    # goal is not behind (the line of the whole week was at 3 x 3/7 = 1.3 on Thursday: "behind")
    a = analysis(tmp_path, WEEKLY, D(2026, 11, 19))
    p = a.figures.progress(a.journal.goals["weekly"])
    assert (p.status, p.expected, p.buffer_days, p.period) == ("on track", None, None, "week of 2026-11-16, partial")
    assert (p.streak, p.longest_streak, p.habit_strength) == (0, 0, None)

    # one conversation on Friday, short of 3: on Monday the first week is over and not judged
    files = {**WEEKLY, "entries/2026-11-20.md": calls("2026-11-20")}
    a = analysis(tmp_path, files, D(2026, 11, 23))
    p = a.figures.progress(a.journal.goals["weekly"])
    first, this = p.periods
    assert (first.value, first.partial, first.judged) == (1, True, False)
    assert (this.partial, p.period, p.status) == (False, "week of 2026-11-23", "on track")
    assert (p.streak, p.habit_strength) == (0, None)
    chart = str(charts.period_chart("w", "Weekly", p))
    assert "trellis-chart__bar--partial" in chart and "trellis-chart__bar--missed" not in chart
    assert "<td>week of 2026-11-16</td><td>1</td><td>not judged</td>" in chart

    # a full week, then the last one cut short by the due date (Wednesday 2 December) with one
    # conversation: judged in full for November 23-29 (met), not judged for the cut-short week
    files.update({"entries/2026-11-24.md": calls("2026-11-24", 3), "entries/2026-12-01.md": calls("2026-12-01")})
    a = analysis(tmp_path, files, D(2026, 12, 10))
    p = a.figures.progress(a.journal.goals["weekly"])
    assert [(x.start, x.partial, x.met, x.judged) for x in p.periods] == [
        (D(2026, 11, 16), True, False, False),
        (D(2026, 11, 23), False, True, True),
        (D(2026, 11, 30), True, False, False),
    ]
    assert (p.status, p.streak, p.habit_strength) == ("overdue", 1, 25)
    by_month = {r.key: r for r in monthly_reviews(a.figures)}
    (nov,) = by_month["2026-11"].goals
    assert (nov.met, len(nov.periods), [x.start for x in nov.partial]) == (1, 2 - 1, [D(2026, 11, 16)])
    (dec,) = by_month["2026-12"].goals
    assert (dec.met, dec.periods, [x.start for x in dec.partial]) == (0, (), [D(2026, 11, 30)])


def _text(page: str) -> str:
    body = page[page.index('<div class="trellis') :]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.build
def test_the_pages_of_a_goal_started_mid_month(tmp_path):
    project = tmp_path
    for rel, text in MONTHLY.items():
        (project / "journal" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "journal" / rel).write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-owner"
    progress = _text((site / "progress" / "index.html").read_text(encoding="utf-8"))
    assert "habit 0%" not in progress and "1 month (best 1)" in progress
    goal = _text((site / "goals" / "monthly" / "index.html").read_text(encoding="utf-8"))
    assert "habit 0%" not in goal and "October 2026 0 not judged" in goal
    october = _text((site / "review" / "2026-10" / "index.html").read_text(encoding="utf-8"))
    assert "0 of 1 month met" not in october
    assert "October 2026: 0 of 1, not judged (the goal ran for part of that month)" in october
