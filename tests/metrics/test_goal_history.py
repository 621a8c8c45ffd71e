"""Goals adjusted: each goal page's history of adjustments, read from a real git repository."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest
from conftest import GOOD_GOAL, ROOT, build, git, tree
from journals import BARE
from trellis.loading.history import read_history

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

GOAL_A = GOOD_GOAL.replace("TITLE", "Make five new connections in web development every week")
GOAL_B = GOOD_GOAL.replace("TITLE", "Meet three recruiters in fintech every week").replace("target: 5", "target: 3")
GOAL_C = GOOD_GOAL.replace("TITLE", "Make two new connections at meetups every week").replace("target: 5", "target: 2")
GOAL_D = GOOD_GOAL.replace("TITLE", "Make one new connection in design every week").replace("target: 5", "target: 1")
BASE = {
    **BARE,
    "goals/a.md": GOAL_A,
    "goals/b.md": GOAL_B,
    "goals/c.md": GOAL_C,
    "contacts/ada.md": "---\nname: Ada\nmet: 2026-11-02\n---\n",
    "entries/2026-11-02.md": "---\ninteractions:\n  - with: ada\n    channel: coffee\n    direction: mutual\n---\n",
}


def write(project, rel: str, text: str) -> None:
    path = project / "journal" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.lstrip("\n"), encoding="utf-8")


def commit(project, day: str, message: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message, day=day)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A journal in git: goals created on 2026-10-01; in November a's target and due are changed (11-05),
    d is created (11-10), c is done (11-15), b is dropped (11-20); then an edit that is not committed."""
    project = tmp_path_factory.mktemp("history")
    git(project, "init", "-q")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for rel, text in BASE.items():
        write(project, rel, text)
    commit(project, "2026-10-01", "start")
    write(project, "goals/a.md", GOAL_A.replace("target: 5", "target: 3").replace("due: 2026-12-31", "due: 2027-01-31"))
    commit(project, "2026-11-05", "a: smaller, later")
    write(project, "goals/d.md", GOAL_D)
    commit(project, "2026-11-10", "d")
    write(project, "goals/c.md", GOAL_C.replace("actions:", "status: done\nactions:"))
    commit(project, "2026-11-15", "c done")
    write(project, "goals/b.md", GOAL_B.replace("actions:", "status: dropped\nactions:"))
    commit(project, "2026-11-20", "b dropped")
    write(project, "goals/a.md", GOAL_A.replace("target: 5", "target: 9"))  # not committed: not history
    return project


def adjustments(history, gid):
    return [(a.day.isoformat(), a.kind, [(c.field, c.before, c.after) for c in a.changes]) for a in history.of(gid)]


def test_history_is_read_from_git_log_with_each_change(repo):
    history = read_history(repo / "journal")
    assert history.unavailable is None
    assert adjustments(history, "a") == [
        ("2026-10-01", "created", [("target", None, "5"), ("due", None, "2026-12-31"), ("per", None, "week")]),
        ("2026-11-05", "adjusted", [("target", "5", "3"), ("due", "2026-12-31", "2027-01-31")]),
    ]
    assert [a[:2] for a in adjustments(history, "c")] == [("2026-10-01", "created"), ("2026-11-15", "done")]
    assert adjustments(history, "b")[-1] == ("2026-11-20", "dropped", [("status", "active", "dropped")])
    assert [a[:2] for a in adjustments(history, "d")] == [("2026-11-10", "created")]


def test_git_is_read_once_per_build(repo, monkeypatch):
    calls = []
    real = subprocess.run

    def counting(command, *args, **kwargs):
        calls.append(command)
        return real(command, *args, **kwargs)

    import datetime as dt

    from trellis.memo import ServeMemo
    from trellis.pipeline import analyse
    from trellis.privacy.audience import Audience
    from trellis.privacy.view import View
    from trellis.rendering import site_pages

    memo = ServeMemo()  # the plugin's, kept for the life of `mkdocs serve`
    analysis = analyse(repo / "journal", today=dt.date(2026, 11, 23), memo=memo)
    monkeypatch.setattr(subprocess, "run", counting)
    site_pages(analysis, View(analysis.journal, Audience.OWNER))
    logs = [c for c in calls if "git" in str(c[0]) and "log" in c]
    assert len(logs) <= 1  # none when an earlier read of this commit is remembered
    # a second build of the same commit (a `mkdocs serve` rebuild) asks git which commit it
    # is, and reads no log again
    calls.clear()
    analysis = analyse(repo / "journal", today=dt.date(2026, 11, 23), memo=memo)  # each build analyses anew
    site_pages(analysis, View(analysis.journal, Audience.OWNER))
    assert [c for c in calls if "git" in str(c[0]) and "log" in c] == []
    assert len([c for c in calls if "git" in str(c[0])]) == 1


def test_a_new_commit_is_read_on_the_next_build(repo, tmp_path):
    project = tmp_path / "copy"
    shutil.copytree(repo, project)
    assert adjustments(read_history(project / "journal"), "a")[-1][0] == "2026-11-05"
    commit(project, "2026-11-22", "a: nine")  # the edit that was not committed
    assert adjustments(read_history(project / "journal"), "a")[-1] == (
        "2026-11-22",
        "adjusted",
        [("target", "3", "9"), ("due", "2027-01-31", "2026-12-31")],
    )


@pytest.fixture(scope="module")
def owner_site(repo):
    git_files = tree(repo / ".git")
    run = build(repo, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    assert tree(repo / ".git") == git_files, "the build wrote into the repository"
    return repo / "site-owner"


def _text(page) -> str:
    source = page.read_text(encoding="utf-8")
    body = source[source.index('<div class="trellis') :]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_goal_page_shows_its_adjustments(owner_site):
    text = _text(owner_site / "goals" / "a" / "index.html")
    assert "2026-10-01 created: target 5; due 2026-12-31; per week" in text
    assert "2026-11-05 adjusted: target 5 → 3; due 2026-12-31 → 2027-01-31" in text
    assert "target 5 → 9" not in text  # the uncommitted edit
    assert "2026-11-20 dropped: status active → dropped" in _text(owner_site / "goals" / "b" / "index.html")


def test_review_lists_goals_created_adjusted_done_and_dropped_that_month(owner_site):
    text = _text(owner_site / "review" / "2026-11" / "index.html")
    changed = text[text.index("Goals changed this month:") : text.index("Composition against the plan")]
    assert re.findall(r"(2026-11-\d\d) (\w+): ([^(]+?)(?= \(| 2026|$)", changed.strip()) == [
        ("2026-11-05", "adjusted", "Make five new connections in web development every week"),
        ("2026-11-10", "created", "Make one new connection in design every week"),
        ("2026-11-15", "done", "Make two new connections at meetups every week"),
        ("2026-11-20", "dropped", "Meet three recruiters in fintech every week"),
    ]
    assert "Marked done: Make two new connections at meetups every week" in text  # an achievement of the month


def test_without_a_repository_the_page_says_so_and_the_site_builds(tmp_path):
    for rel, text in BASE.items():
        write(tmp_path, rel, text)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    run = build(tmp_path, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "No history of adjustments: the journal is not in a git repository." in _text(
        tmp_path / "site-public" / "goals" / "a" / "index.html"
    )


def test_with_git_missing_the_page_says_so_and_the_site_builds(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    run = build(repo, "public", site=tmp_path / "site")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "No history of adjustments: git is not installed." in _text(tmp_path / "site" / "goals" / "a" / "index.html")


def test_a_shallow_clone_has_no_history(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    history = read_history(clone / "journal")
    assert history.by_goal == {} and "shallow clone" in history.unavailable
