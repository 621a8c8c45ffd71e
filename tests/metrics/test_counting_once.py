"""Goals over one counter share its counted items: the work grows with the files, not goals x interactions."""

from __future__ import annotations

import datetime as dt

import pytest
import trellis.metrics as metrics
from conftest import TODAY
from journals import VISION_GOAL
from trellis.commands.status import status_rows
from trellis.pipeline import analyse
from trellis.rules import check

CONTACT = "---\nname: {name}\ncompany: Acme\nrole: {role}\nsector: fintech\nmet: {met}\n---\n"
ENTRY = "---\ndate: {day}\ninteractions:\n  - with: {who}\n    channel: {channel}\n    direction: outbound\n---\n"
GOAL = (
    "---\ntitle: Have {target} coffees with people, round {n}\nsupports: vision\nmeasure: {measure}\n"
    "target: {target}\n{per}start: {start}\ndue: {due}\nactions: [Ask]\nstatus: {status}\n---\n"
)
MEASURES = (
    "{count: interactions}",
    "{count: interactions, where: {channel: [coffee]}}",
    "{count: new-contacts, where: {role: [recruiter]}}",
    "{count: entries}",
)


def journal_files(goals: int) -> dict[str, str]:
    files = {**VISION_GOAL}
    for n in range(12):
        met = dt.date(2025, 1, 1) + dt.timedelta(days=31 * n)
        files[f"contacts/p{n}.md"] = CONTACT.format(
            name=f"Person {n}", role="recruiter" if n % 3 else "developer", met=met.isoformat()
        )
    for n in range(120):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=5 * n)
        files[f"entries/{day.isoformat()}.md"] = ENTRY.format(
            day=day.isoformat(), who=f"p{n % 12}", channel="coffee" if n % 2 else "call"
        )
    for n in range(goals):
        start = dt.date(2025, 1, 1) + dt.timedelta(days=20 * n)
        files[f"goals/g{n}.md"] = GOAL.format(
            n=n,
            measure=MEASURES[n % len(MEASURES)],
            target=2 + n % 4,
            per="per: month\n" if n % 2 == 0 else "",
            start=start.isoformat(),
            due=(start + dt.timedelta(days=60 + n)).isoformat(),
            status=("active", "done", "dropped")[n % 3],
        )
    return files


@pytest.fixture
def counted_calls(monkeypatch):
    """How many times the journal's interactions, contacts or entries were walked to count items."""
    calls = []
    real = metrics.counted_items

    def counting(journal, goal):
        calls.append(goal.id)
        return real(journal, goal)

    monkeypatch.setattr(metrics, "counted_items", counting)
    return calls


def test_forty_goals_over_four_counters_count_the_journal_four_times(write_journal, counted_calls):
    analysis = analyse(write_journal(journal_files(40)) / "journal", today=TODAY)
    figures = analysis.figures
    for goal in (g for g in analysis.journal.goals.values() if not g.is_vision):  # every page and command asks again
        figures.progress(goal)
        figures.items(goal)
    assert len(counted_calls) == len(MEASURES)


def test_best_pace_is_worked_out_once_per_counter_and_period(write_journal, monkeypatch):
    journal = analyse(write_journal(journal_files(40)) / "journal", today=TODAY).journal
    figures = metrics.Figures(journal, TODAY)
    walks = []
    real = figures._best_pace
    monkeypatch.setattr(figures, "_best_pace", lambda *a: walks.append(a[2]) or real(*a))
    first = check(journal, figures)
    assert check(journal, figures) == first
    assert any(f.rule == "SMART-A2" for f in first)  # the pace is really judged
    # SMART-A2 asks for the active goals; one-off goals are paced by week, recurring ones by month
    active = [g for g in journal.goals.values() if g.status == "active" and not g.is_vision]
    asked = {(metrics.counter_key(g), "month" if g.per else "week") for g in active}
    assert len(walks) == len(asked) < len(active)


def test_a_goal_counts_the_same_alone_and_among_many(write_journal, tmp_path_factory):
    """Sharing the counted items never mixes goals: each goal's figures and findings are as if it were alone."""
    crowded = analyse(write_journal(journal_files(40)) / "journal", today=TODAY)
    rows = {row["id"]: row for row in status_rows(crowded)}
    findings = {(f.shown.rsplit("/", 1)[-1], f.rule, f.message) for f in crowded.findings}
    files = journal_files(40)
    for n in (0, 1, 2, 3, 5, 7):
        alone = {k: v for k, v in files.items() if not k.startswith("goals/g") or k == f"goals/g{n}.md"}
        folder = tmp_path_factory.mktemp(f"alone{n}")
        for rel, text in alone.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text)
        single = analyse(folder, today=TODAY)
        assert status_rows(single) == [rows[f"g{n}"]]
        mine = {
            (f.shown.rsplit("/", 1)[-1], f.rule, f.message) for f in single.findings if f.shown.endswith(f"g{n}.md")
        }
        assert mine == {f for f in findings if f[0] == f"g{n}.md"}


def test_manual_goals_keep_their_own_progress(write_journal):
    files = {
        **VISION_GOAL,
        "entries/2026-11-02.md": "---\ndate: 2026-11-02\nprogress: {talks: 1, posts: 3}\n---\n",
        "entries/2026-11-09.md": "---\ndate: 2026-11-09\nprogress: {posts: 2}\n---\n",
    }
    for gid in ("talks", "posts"):
        files[f"goals/{gid}.md"] = (
            "---\ntitle: Give 5 talks\nsupports: vision\nmeasure: {count: manual}\ntarget: 5\n"
            "start: 2026-11-01\ndue: 2026-12-31\nactions: [Write]\n---\n"
        )
    analysis = analyse(write_journal(files) / "journal", today=TODAY)
    values = {row["id"]: row["value"] for row in status_rows(analysis)}
    assert values == {"talks": 1, "posts": 5}
