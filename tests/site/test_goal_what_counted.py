"""A goal page's table of what counted lists what its figures count: nothing after the due date."""

from __future__ import annotations

import re

from conftest import build

GOAL = """---
title: Talk with three people by the end of October
supports: vision
measure: {count: interactions}
target: 3
PER
start: 2026-09-01
due: 2026-10-31
actions: [Go to the JS meetup]
---
"""


def _entry(day: str, who: str) -> str:
    return f"---\ndate: {day}\ninteractions:\n  - with: [{who}]\n    channel: coffee\n    direction: outbound\n---\n"


def test_what_counted_stops_at_the_due_date_as_the_figures_do(write_journal):
    # today is 2026-11-23: the goals were due on 2026-10-31. Ann (15 October) counted; Bruno
    # (10 November, after the due date) did not: the one-off goal says 1 of 3, and the weekly
    # goal's last week is the one holding 31 October. Neither table may list Bruno's day.
    files = {
        "index.md": "# Home\n",
        "goals/vision.md": "---\ntitle: A role in design tooling\nkind: vision\n---\n",
        "goals/one-off.md": GOAL.replace("PER\n", ""),
        "goals/weekly.md": GOAL.replace("PER", "per: week").replace("target: 3", "target: 1"),
        "contacts/ann-a.md": "---\nname: Ann Abbott\nmet: 2026-09-02\n---\n",
        "contacts/bruno-b.md": "---\nname: Bruno Braga\nmet: 2026-09-02\n---\n",
        "entries/2026/2026-10-15.md": _entry("2026-10-15", "ann-a"),
        "entries/2026/2026-11-10.md": _entry("2026-11-10", "bruno-b"),
    }
    project = write_journal(files)
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    for goal in ("one-off", "weekly"):
        page = (project / "site-owner" / "goals" / goal / "index.html").read_text()
        table = re.search(r'<table class="trellis-counted".*?</table>', page, re.S)
        assert table is not None, goal
        assert "2026-10-15" in table.group(0) and "Ann Abbott" in table.group(0), goal
        assert "2026-11-10" not in table.group(0) and "Bruno Braga" not in table.group(0), goal
    one_off = (project / "site-owner" / "goals" / "one-off" / "index.html").read_text()
    assert '<span class="trellis-figure">1 of 3</span>' in one_off
