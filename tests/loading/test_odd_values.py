"""Odd values: whatever `trellis check` accepts, `trellis status` and both builds can take.

A copy of the example journal gets an odd value in every date, number and duration field
(dates near the ends of the calendar, .nan, .inf, numbers of hundreds of digits, durations
of centuries) and the values just inside the bounds; then check, status and the owner and
public builds run on it. None may end in a traceback; each value beyond the bounds is a
finding (FILE-10, FILE-11) at its file and line, each value within them is none.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build, trellis

BEYOND_DATES = [
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "2200-01-01",
    "9999-12-31T23:59:59",
    "'9999-12-31'",
    "0001-01-01 00:00:00",
    "9998-06-15",
]
WITHIN_DATES = ["1900-01-01", "2199-12-31"]
BEYOND_NUMBERS = [
    "1.0e-320",
    "0.0000001",
    ".inf",
    "-.inf",
    ".nan",
    ".NaN",
    "1.0e+13",
    "-1.0e+13",
    "1" + "0" * 400,
    "-" + "9" * 40,
]
WITHIN_NUMBERS = ["1.0e+12", "-1.0e+12", "0.000001", "1000000000000", "0"]
BEYOND_DAYS = ["36501d", "101y", "99999999999999999999d", "9" * 30, "5300w", "1300m"]
WITHIN_DAYS = ["100y", "36500"]

GOAL_FIELDS = {
    "start": (BEYOND_DATES, WITHIN_DATES),
    "due": (BEYOND_DATES, WITHIN_DATES),
    "target": (BEYOND_NUMBERS, WITHIN_NUMBERS),
}
CONTACT_FIELDS = {
    "met": (BEYOND_DATES, WITHIN_DATES),
    "birthday": (BEYOND_DATES, ["1900-01-02", "2199-12-30"]),  # no entry's day: the guard
    # would stop a public build on a private birthday in an entry's anchor
    "keep_in_touch": (BEYOND_DAYS, WITHIN_DAYS),
}
MANUAL_GOALS = ("follower-count", "portfolio-talk", "monthly-review")


def _set_key(text: str, key: str, value: str) -> str:
    """The file with `key: value` as its first frontmatter line (any earlier `key:` removed)."""
    head, sep, rest = text.partition("\n---\n")
    lines = [line for line in head.split("\n") if not line.startswith(key + ":")]
    lines.insert(1, f"{key}: {value}")
    return "\n".join(lines) + sep + rest


def _odd_journal(project: Path, shift: int) -> tuple[dict[tuple[str, str], str], list[str]]:
    """A copy of the example journal with odd values; returns {(file, key): rule} expected,
    and the files whose values all lie within the bounds."""
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    journal = project / "journal"
    assigned: dict[tuple[str, str], bool] = {}  # (file, key) -> its value lies beyond the bounds
    for folder, fields in (("goals", GOAL_FIELDS), ("contacts", CONTACT_FIELDS)):
        files = sorted((journal / folder).glob("*.md"))
        files = [f for f in files if f.stem != "remote-role"]  # the vision goal has no start, due or target
        for key, (beyond, within) in fields.items():
            values = [(v, True) for v in beyond] + [(v, False) for v in within]
            for n, (value, is_beyond) in enumerate(values):
                path = files[(n + shift) % len(files)]
                path.write_text(_set_key(path.read_text(), key, value))
                assigned[(path.relative_to(project).as_posix(), key)] = is_beyond  # a later value replaces it
    expected = {
        (rel, key): "FILE-11" if key in ("target", "keep_in_touch") else "FILE-10"
        for (rel, key), beyond in assigned.items()
        if beyond
    }
    within = sorted({rel for rel, _ in assigned} - {rel for rel, _ in expected})
    vision = journal / "goals" / "remote-role.md"
    vision.write_text(_set_key(vision.read_text(), "horizon", BEYOND_DATES[shift % len(BEYOND_DATES)]))
    expected[("journal/goals/remote-role.md", "horizon")] = "FILE-10"
    # entries of their own: a date, a follow-up and progress on each manual goal
    odd = journal / "entries" / "odd"
    odd.mkdir()
    dates = [(v, True) for v in BEYOND_DATES] + [(v, False) for v in WITHIN_DATES]
    numbers = [(v, True) for v in BEYOND_NUMBERS] + [(v, False) for v in WITHIN_NUMBERS]
    for n in range(max(len(dates), len(numbers))):
        date, date_beyond = dates[(n + shift) % len(dates)]
        follow_up, follow_beyond = dates[(n + shift + 1) % len(dates)]
        amount, amount_beyond = numbers[n % len(numbers)]
        goal = MANUAL_GOALS[n % len(MANUAL_GOALS)]
        rel = f"journal/entries/odd/odd-{n}.md"
        (project / rel).write_text(
            f"---\ndate: {date}\ninteractions:\n  - with: ana-ribeiro\n    channel: call\n    direction: mutual\n"
            f"    follow_up: {follow_up}\nprogress: {{{goal}: {amount}}}\npublic: true\n---\nA day.\n"
        )
        for key, beyond, rule in (
            ("date", date_beyond, "FILE-10"),
            ("interactions", follow_beyond, "FILE-10"),
            ("progress", amount_beyond, "FILE-11"),
        ):
            if beyond:
                expected[(rel, key)] = rule
    # an entry named after a day beyond the bounds, and one within them
    (journal / "entries" / "odd" / "9999-12-31.md").write_text("---\npublic: true\n---\nFar.\n")
    expected[("journal/entries/odd/9999-12-31.md", "name")] = "FILE-10"
    (journal / "entries" / "odd" / "1900-01-01.md").write_text("---\npublic: true\n---\nEarly.\n")
    return expected, within


@pytest.mark.parametrize("shift", [0, 3])
def test_odd_values_are_findings_and_nothing_crashes(tmp_path, shift):
    project = tmp_path / "project"
    project.mkdir()
    expected, within = _odd_journal(project, shift)

    check = trellis("check", str(project))
    assert "Traceback" not in check.stderr and check.returncode == 1, check.stderr[-3000:]
    bounds = [line for line in check.stdout.splitlines() if re.search(r" error FILE-1[01]: ", line)]
    for (rel, key), rule in expected.items():
        assert any(line.startswith(rel + ":") and f"error {rule}: " in line for line in bounds), (rel, key, rule)
    for rel in within:  # values just inside the bounds are accepted
        assert not any(line.startswith(rel + ":") for line in bounds), rel
    assert (
        any("due (9999-12-31) is after 2199-12-31" in line and "kind: vision" in line for line in bounds) or shift
    )  # the "no deadline" idiom is answered with what to write instead

    for args in (("status",), ("status", "--json")):
        run = trellis(*args, str(project))
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-3000:]
    for audience in ("owner", "public"):
        run = build(project, audience)
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-3000:]
        assert "FILE-10" in run.stderr and "FILE-11" in run.stderr  # the build says so too
        assert (project / f"site-{audience}" / "progress" / "index.html").is_file()


def test_new_entry_with_a_far_date_is_a_finding_not_a_traceback(tmp_path):
    root = ROOT
    shutil.copytree(root / "journal", tmp_path / "journal")
    shutil.copy(root / "mkdocs.yml", tmp_path / "mkdocs.yml")
    run = subprocess.run(
        [sys.executable, "-m", "trellis.cli", "new", "entry", "--date", "9999-12-31", "--path", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "FILE-10" in run.stderr and "2199-12-31" in run.stderr
    assert not list((tmp_path / "journal" / "entries").rglob("9999-12-31.md"))
