"""Counters, periods, streaks, pace and buffer, the heatmap: numbers worked out by hand."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from conftest import TODAY
from trellis import cli
from trellis.commands.status import status_rows
from trellis.metrics.periods import add_months, period_end, period_start
from trellis.pipeline import analyse

D = dt.date


def goal(measure: dict, target=10, **extra) -> str:
    data = {
        "title": "Make ten new connections in web development",
        "why": "Referrals.",
        "measure": measure,
        "target": target,
        "start": "2026-11-01",
        "due": "2026-12-31",
        "actions": ["Go to the meetup"],
    }
    data.update(extra)
    return "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n"


def contact(**fields) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False) + "---\n"


def entry(day: str, *interactions: tuple, **extra) -> str:
    data = {
        "date": day,
        "interactions": [
            {"with": who, "channel": channel, "direction": direction, "summary": "talked"}
            for who, channel, direction in interactions
        ],
        **extra,
    }
    return "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n"


def analysis_of(tmp_path, files: dict[str, str], today: dt.date = TODAY, week_start: int = 0):
    root = tmp_path / "journal"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return analyse(root, today=today, week_start=week_start)


# A small journal; today is Monday 2026-11-23.
PEOPLE = {
    "contacts/ada.md": contact(
        name="Ada", company="Stripe", role="engineering manager", sector="fintech", tags=["web"], met="2026-11-02"
    ),
    "contacts/bob.md": contact(
        name="Bob", company="GitLab", role="developer", sector="devtools", tags=["web", "mentor"], met="2026-11-10"
    ),
    "contacts/cy.md": contact(name="Cy", company="  stripe ", role="Recruiter", sector="fintech", met="2026-10-30"),
    "contacts/dee.md": contact(name="Dee", role="developer", tags=["web"], met="2026-11-23"),
    "contacts/eve.md": contact(name="Eve", tags=["web"], met="2026-11-24"),  # tomorrow: not yet
}
DIARY = {
    "entries/2026-10-15.md": entry("2026-10-15", ("bob", "coffee", "outbound"), progress={"followers": 80}),
    "entries/2026-11-02.md": entry(
        "2026-11-02",
        ("ada", "coffee", "outbound"),
        ("bob", "linkedin", "inbound"),
        events=["JS meetup"],
        progress={"followers": 100, "talks": 1},
    ),
    "entries/2026-11-10.md": entry("2026-11-10", (["ada", "bob"], "event", "mutual"), progress={"followers": 130}),
    # a second file for the same day: one more journaled day? no, the same day
    "entries/extra/2026-11-10-conference.md": entry("2026-11-10", events=["Conf A", "Conf B"], progress={"talks": 2}),
    "entries/2026-11-20.md": entry("2026-11-20", ("ada", "email", "inbound"), ("cy", "call", "outbound")),
}


@pytest.mark.parametrize(
    "measure, expected",
    [
        # ada 11-02, bob 11-10, dee 11-23; cy met before start and has no tag, eve meets tomorrow
        ({"count": "new-contacts", "where": {"tags": ["web"]}}, 3),
        # since 11-01: two on 11-02, one shared by ada and bob on 11-10 (counts once), two on 11-20
        ({"count": "interactions"}, 5),
        ({"count": "interactions", "where": {"channel": ["coffee", "email"]}}, 2),
        ({"count": "interactions", "where": {"direction": ["inbound"]}}, 2),
        # company matches case and spaces loosely: ada x3 (coffee, the shared event, email) and cy's call
        ({"count": "interactions", "where": {"company": ["Stripe"]}}, 4),
        ({"count": "interactions", "where": {"role": ["recruiter"]}}, 1),
        ({"count": "interactions", "where": {"sector": ["fintech"], "direction": ["outbound"]}}, 2),
        ({"count": "interactions", "where": {"tags": ["mentor"]}}, 2),
        # days journaled since 11-01: 11-02, 11-10 (two files), 11-20
        ({"count": "entries"}, 3),
        ({"count": "events"}, 3),
    ],
)
def test_each_counter_and_filter(tmp_path, measure, expected):
    a = analysis_of(tmp_path, {**PEOPLE, **DIARY, "goals/g.md": goal(measure)})
    progress = a.figures.progress(a.journal.goals["g"])
    assert progress.value == expected


def test_manual_goals_add_up_or_take_the_latest_level(tmp_path):
    a = analysis_of(
        tmp_path,
        {
            **DIARY,
            "goals/talks.md": goal({"count": "manual"}, target=5),
            "goals/followers.md": goal({"count": "manual", "mode": "level"}, target=200),
        },
    )
    talks = a.figures.progress(a.journal.goals["talks"])
    followers = a.figures.progress(a.journal.goals["followers"])
    assert talks.value == 3  # 1 on 11-02 + 2 on 11-10
    assert followers.value == 130  # the latest value, not a sum
    assert followers.baseline == 80  # the value before start: the line starts there
    # line from 80 (11-01) to 200 (end of 12-31), 61 days; on 11-23, 22 days in: 80 + 120 * 22/61
    assert followers.expected == pytest.approx(80 + 120 * 22 / 61)


def test_stage_goal_reaches_acquaintance_on_the_first_two_way_exchange(tmp_path):
    a = analysis_of(
        tmp_path, {**PEOPLE, **DIARY, "goals/g.md": goal({"count": "stage", "contact": "ada"}, target="acquaintance")}
    )
    p = a.figures.progress(a.journal.goals["g"])
    # ada: outbound 11-02 (contact), mutual 11-10 (acquaintance)
    assert (p.value_text, p.status, p.reached_on) == ("acquaintance", "done", D(2026, 11, 10))


def test_period_boundaries():
    sunday, monday = D(2026, 11, 22), D(2026, 11, 23)
    assert period_start(sunday, "week") == D(2026, 11, 16)  # weeks start on Monday
    assert period_start(monday, "week") == monday
    assert period_start(monday, "week", week_start=6) == sunday  # or on the configured day
    assert period_end(D(2026, 11, 15), "month") == D(2026, 11, 30)
    assert period_end(D(2028, 2, 10), "month") == D(2028, 2, 29)  # leap year
    assert period_end(D(2027, 2, 10), "month") == D(2027, 2, 28)
    assert (period_start(monday, "quarter"), period_end(monday, "quarter")) == (D(2026, 10, 1), D(2026, 12, 31))
    assert period_end(D(2028, 2, 29), "quarter") == D(2028, 3, 31)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)


def test_29_february_counts_in_february(tmp_path):
    files = {
        "entries/2028-02-29.md": entry("2028-02-29"),
        "entries/2028-03-01.md": entry("2028-03-01"),
        "goals/g.md": goal({"count": "entries"}, target=1, per="month", start="2028-01-01", due="2028-06-30"),
    }
    a = analysis_of(tmp_path, files, today=D(2028, 3, 10))
    periods = a.figures.progress(a.journal.goals["g"]).periods
    assert [(p.start, p.end, p.value) for p in periods] == [
        (D(2028, 1, 1), D(2028, 1, 31), 0),
        (D(2028, 2, 1), D(2028, 2, 29), 1),
        (D(2028, 3, 1), D(2028, 3, 31), 1),
    ]


def test_first_and_last_day_of_a_goal_count(tmp_path):
    files = {
        f"entries/{d}.md": entry(d, ("ada", "call", "outbound"))
        for d in ("2026-10-31", "2026-11-01", "2026-12-31", "2027-01-01")
    }
    files.update({"contacts/ada.md": contact(name="Ada"), "goals/g.md": goal({"count": "interactions"}, target=3)})
    a = analysis_of(tmp_path, files, today=D(2027, 1, 5))
    p = a.figures.progress(a.journal.goals["g"])
    assert (p.value, p.status) == (2, "overdue")  # 11-01 and 12-31 count; the days around them do not


def test_weekly_streak_across_a_missed_week(tmp_path):
    # target 2 a week from Monday 10-05; counts per week: 2, 3, 1 (missed), 2, 2, 2, 2, then this week 0
    days = {
        "2026-10-05": 1,
        "2026-10-07": 1,
        "2026-10-12": 3,
        "2026-10-19": 1,
        "2026-10-26": 2,
        "2026-11-02": 2,
        "2026-11-09": 2,
        "2026-11-16": 1,
        "2026-11-18": 1,
    }
    files = {
        "contacts/ada.md": contact(name="Ada"),
        "goals/g.md": goal({"count": "interactions"}, target=2, per="week", start="2026-10-05"),
    }
    for day, n in days.items():
        files[f"entries/{day}.md"] = entry(day, *[("ada", "call", "outbound")] * n)
    p = analysis_of(tmp_path, files).figures.progress(analysis_of(tmp_path, files).journal.goals["g"])
    assert [x.met for x in p.periods] == [True, True, False, True, True, True, True, False]
    assert p.periods[-1].open  # this week is still running: it does not break the streak
    assert (p.streak, p.longest_streak, p.longest_streak_on) == (4, 4, D(2026, 11, 18))
    # habit strength: s += 0.25 * (share of target - s) over the seven finished weeks,
    # shares 1, 1, 0.5, 1, 1, 1, 1: 0.25, 0.4375, 0.453, 0.590, 0.692, 0.769, 0.827
    assert p.habit_strength == 83
    assert (p.value, p.status, p.period) == (0, "on track", "week of 2026-11-23")

    # two more on Tuesday: this week is met, so it joins the streak
    files["entries/2026-11-24.md"] = entry("2026-11-24", *[("ada", "call", "outbound")] * 2)
    later = analysis_of(tmp_path, files, today=D(2026, 11, 24))
    p = later.figures.progress(later.journal.goals["g"])
    assert (p.streak, p.longest_streak, p.status) == (5, 5, "done")
    assert [(a.kind, a.count, a.date) for a in later.figures.achievements()] == [("streak", 5, D(2026, 11, 24))]
    # ...but not the habit: strength is over finished weeks, and this one runs to Sunday.
    # Counting it would give 0.827 + 0.25 * (1 - 0.827) = 0.870: 87%
    assert p.habit_strength == 83


def test_habit_strength_waits_for_the_month_to_end(tmp_path):
    # Two calls a month from August. Aug: 2 (share 1), Sep: 1 (share 0.5), Oct: 2 (share 1);
    # November is met on the 3rd, but the month runs to the 30th.
    calls = {"2026-08-04": 2, "2026-09-10": 1, "2026-10-06": 2, "2026-11-03": 2}
    files = {
        "contacts/ada.md": contact(name="Ada"),
        "goals/g.md": goal({"count": "interactions"}, target=2, per="month", start="2026-08-01", due="2027-06-30"),
    }
    for day, n in calls.items():
        files[f"entries/{day}.md"] = entry(day, *[("ada", "call", "outbound")] * n)
    a = analysis_of(tmp_path, files)  # Monday 2026-11-23
    p = a.figures.progress(a.journal.goals["g"])
    assert [(x.value, x.met, x.open) for x in p.periods] == [
        (2, True, False),
        (1, False, False),
        (2, True, False),
        (2, True, True),
    ]
    assert (p.status, p.streak) == ("done", 2)  # the streak takes a met running month (October, November)
    # strength over the three finished months, s += 0.25 * (share - s) from 0:
    #   Aug: 0.25 * 1 = 0.25;  Sep: 0.25 + 0.25 * (0.5 - 0.25) = 0.3125;
    #   Oct: 0.3125 + 0.25 * (1 - 0.3125) = 0.484375 -> 48%
    # (counting the running November too: 0.484 + 0.25 * (1 - 0.484) = 0.613, 61%, the false figure)
    assert p.habit_strength == 48
    row = next(r for r in status_rows(a) if r["id"] == "g")  # `trellis status --json` reads the same
    assert row["habit_strength"] == 48

    # once November is over it counts: 0.484375 + 0.25 * (1 - 0.484375) = 0.61328 -> 61%
    december = analysis_of(tmp_path, files, today=D(2026, 12, 1))
    assert december.figures.progress(december.journal.goals["g"]).habit_strength == 61


def test_no_habit_strength_before_a_period_has_finished(tmp_path):
    # a weekly goal started this Monday and already met: a streak of one, but no finished week
    files = {
        "contacts/ada.md": contact(name="Ada"),
        "entries/2026-11-23.md": entry("2026-11-23", ("ada", "call", "outbound")),
        "goals/g.md": goal({"count": "interactions"}, target=1, per="week", start="2026-11-23"),
    }
    a = analysis_of(tmp_path, files)
    p = a.figures.progress(a.journal.goals["g"])
    assert (p.status, p.streak, p.habit_strength) == ("done", 1, None)  # was 25 (0.25 * 1)


@pytest.mark.parametrize(
    "today, value, status, buffer, adjust",
    [
        # target 10 from 11-01 to the end of 11-30 (30 days); on 11-16 the line is at 10 * 15/30 = 5,
        # and on track means within max(10% of 10, 1 unit) = 1 of it
        (D(2026, 11, 16), 7, "ahead", 10, False),  # behind once the line passes 8: from 11-26 (8.33)
        (D(2026, 11, 16), 5, "on track", 4, False),  # line passes 6 on 11-20 (6.33): 16th to 19th
        (D(2026, 11, 16), 3, "behind", 0, False),  # 3 < 5 - 1; but only 2 short, under a quarter of 10
        (D(2026, 11, 16), 2, "behind", 0, True),  # 3 short: far behind, time to adjust
        (D(2026, 11, 16), 10, "done", None, False),
        (D(2026, 12, 2), 5, "overdue", None, True),
        (D(2026, 10, 20), 0, "upcoming", None, False),
    ],
)
def test_pace_and_buffer(tmp_path, today, value, status, buffer, adjust):
    files = {
        "contacts/ada.md": contact(name="Ada"),
        "goals/g.md": goal({"count": "interactions"}, target=10, due="2026-11-30"),
    }
    if value:
        files["entries/2026-11-03.md"] = entry("2026-11-03", *[("ada", "call", "outbound")] * value)
    a = analysis_of(tmp_path, files, today=today)
    p = a.figures.progress(a.journal.goals["g"])
    assert (p.value, p.status, p.buffer_days, p.needs_adjusting) == (value, status, buffer, adjust)
    if status == "done":
        assert p.reached_on == D(2026, 11, 3)
        assert [(x.kind, x.date) for x in a.figures.achievements()] == [("reached", D(2026, 11, 3))]


def test_heatmap_levels_and_window(tmp_path):
    call = ("ada", "call", "outbound")
    counts = {
        "2025-11-23": 1,
        "2025-11-24": 0,
        "2026-11-02": 1,
        "2026-11-03": 2,
        "2026-11-04": 3,
        "2026-11-05": 4,
        "2026-11-06": 7,
    }
    files = {"contacts/ada.md": contact(name="Ada")}
    files.update({f"entries/{d}.md": entry(d, *[call] * n) for d, n in counts.items()})
    heatmap = analysis_of(tmp_path, files).figures.heatmap
    levels = {d.date.isoformat(): d.level for d in heatmap.days}
    assert "2025-11-23" not in levels  # a year back from Monday 2026-11-23 starts on 2025-11-24
    assert heatmap.first == D(2025, 11, 24)
    assert [
        levels[d]
        for d in ("2025-11-24", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07")
    ] == [1, 2, 3, 3, 4, 4, 0]
    assert len(heatmap.weeks) == 53 and all(len(w) == 7 for w in heatmap.weeks)
    assert [d is not None for d in heatmap.weeks[-1]] == [True] + [False] * 6  # today is a Monday
    assert heatmap.journaled == 7 - 1


def test_status_prints_the_figures_the_pages_use(tmp_path, capsys, pinned_today):
    files = {
        **PEOPLE,
        **DIARY,
        "goals/g.md": goal({"count": "interactions"}, target=8, unit="conversations"),
        "goals/weekly.md": goal({"count": "interactions"}, target=2, per="week"),
    }
    a = analysis_of(tmp_path, files)
    assert cli.main(["status", "--json", str(tmp_path / "journal")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["today"] == "2026-11-23"
    rows = {r["id"]: r for r in out["goals"]}
    p = a.figures.progress(a.journal.goals["g"])
    # 5 of 8; line at 8 * 22/61 = 2.89 on 11-23; 5 > 2.89 + 1: ahead
    assert rows["g"] == {
        **rows["g"],
        "counter": "interactions",
        "value": 5,
        "target": 8,
        "status": "ahead",
        "expected": round(8 * 22 / 61, 2),
        "buffer_days": p.buffer_days,
        "streak": None,
    }
    assert rows["weekly"]["streak"] == p_streak(a, "weekly") and rows["weekly"]["period"] == "week of 2026-11-23"
    assert cli.main(["status", str(tmp_path / "journal")]) == 0
    table = capsys.readouterr().out
    assert "g " in table and "ahead" in table and "week of 2026-11-23" in table and "judged on 2026-11-23" in table


def p_streak(a, gid):
    return a.figures.progress(a.journal.goals[gid]).streak
