"""`trellis init` now writes the dormant-ties goal with `measure: {count: revived}` (issue 27). The
goal is in journal/, which `trellis upgrade` never writes: an older project keeps its goal, and
upgrade recognises the earlier template, unedited, to say what the new one counts."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import trellis

GOAL = "journal/goals/weekly-dormant-ties.md"
# the goal as `trellis init` wrote it before the `revived` counter (start and due: init's dates)
OLD_GOAL = """---
title: Revive two dormant ties every week
supports: vision
why: Old colleagues already trust my work.
# counts interactions with contacts tagged `reconnect`: tag someone when a tie has gone quiet
# (the reach-out page lists your dormant ties, most overdue first)
measure: {count: interactions, where: {tags: [reconnect]}}
target: 2
unit: conversations
per: week
start: 2026-06-01
due: 2026-11-30
actions:
  - Send a personal note to one former colleague on Monday
  - Share something useful with another on Thursday
status: active
---
"""
NOTE = f"{GOAL} is the goal an earlier trellis init wrote, unchanged"


def journal_hash(project: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((project / "journal").rglob("*")):
        digest.update(str(path.relative_to(project)).encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def old_project(folder: Path, goal: str) -> Path:
    assert trellis("init", str(folder), "--name", "Ada Example").returncode == 0
    (folder / GOAL).write_text(goal, encoding="utf-8")
    return folder


def test_upgrade_recognises_the_old_goal_and_leaves_journal_alone(tmp_path):
    project = old_project(tmp_path / "old", OLD_GOAL)
    before = journal_hash(project)
    run = trellis("upgrade", str(project))
    assert run.returncode == 0, run.stderr
    assert NOTE in run.stdout and "measure: {count: revived}" in run.stdout, run.stdout
    assert "trellis upgrade never writes journal/" in run.stdout
    assert journal_hash(project) == before
    assert (project / GOAL).read_text() == OLD_GOAL


def test_an_edited_old_goal_or_the_new_one_gets_no_note(tmp_path):
    edited = old_project(tmp_path / "edited", OLD_GOAL.replace("target: 2", "target: 3"))
    run = trellis("upgrade", str(edited))
    assert run.returncode == 0 and NOTE not in run.stdout, run.stdout
    new = tmp_path / "new"
    assert trellis("init", str(new), "--name", "Ada Example").returncode == 0
    assert "measure: {count: revived}" in (new / GOAL).read_text()
    run = trellis("upgrade", str(new))
    assert run.returncode == 0 and NOTE not in run.stdout, run.stdout
