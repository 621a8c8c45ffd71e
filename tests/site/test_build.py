"""End-to-end: mkdocs builds of the example journal and of broken ones."""

from __future__ import annotations

import hashlib
import re
import shutil

from conftest import GOOD_GOAL, ROOT, build, tree
from journals import VISION_GOAL

GOOD_GOAL = GOOD_GOAL.replace("TITLE", "Make five new connections in web development every week")


def test_example_journal_builds_strict_in_both_views(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    before = {k: hashlib.sha256(v).hexdigest() for k, v in tree(project / "journal").items()}
    for audience in ("public", "owner"):
        run = build(project, audience, "--strict")
        assert run.returncode == 0, run.stderr[-3000:]
        site = project / f"site-{audience}"
        for page in ("progress", "network", "journal", "plan"):
            assert (site / page / "index.html").is_file()
        for goal in (project / "journal" / "goals").glob("*.md"):
            assert (site / "goals" / goal.stem / "index.html").is_file()
        owner_pages = [(site / p / "index.html").is_file() for p in ("checks", "reach-out", "review", "review/2026-11")]
        assert owner_pages == [audience == "owner"] * 4
        contacts = {p.name for p in (site / "contacts").iterdir() if p.is_dir()}  # and the index
        assert (site / "contacts" / "index.html").is_file() and (site / "goals" / "index.html").is_file()
        public = {p.stem for p in (project / "journal" / "contacts").glob("*.md") if "public: true" in p.read_text()}
        assert contacts == (
            public if audience == "public" else {p.stem for p in (project / "journal" / "contacts").glob("*.md")}
        )
    after = {k: hashlib.sha256(v).hexdigest() for k, v in tree(project / "journal").items()}
    assert before == after, "a build wrote into journal/"


def test_two_public_builds_are_byte_identical(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    assert build(project, "public", site=tmp_path / "a").returncode == 0
    assert build(project, "public", site=tmp_path / "b").returncode == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_broken_journal_builds_plainly_fails_strict_and_lists_findings(write_journal):
    project = write_journal(
        {
            **VISION_GOAL,
            "goals/good.md": GOOD_GOAL,
            "goals/dates.md": GOOD_GOAL.replace("due: 2026-12-31", "due: 2026-02-30"),
            "goals/empty.md": "---\nstatus: active\n---\n",
            "goals/half.md": "---\ntitle: Meet three recruiters\nmeasure: {count: new-con",
            "contacts/ada.md": "---\nname: Ada\nmet: 2026-11-02\n---\n",
            "entries/2026-11-20.md": "---\ninteractions:\n  - with: nobody-here\n    channel: fax\n---\n",
            "entries/bad-yaml.md": "---\ndate: 2026-11-21\ninteractions: [\n---\n",
        }
    )
    plain = build(project, "owner")
    assert plain.returncode == 0, plain.stderr[-2000:]
    assert "Traceback" not in plain.stderr
    assert re.search(
        r"journal/goals/dates\.md:\d+: error SMART-T2: due \(2026-02-30\) is not a real date", plain.stderr
    )
    assert "journal/goals/half.md:" in plain.stderr and "FILE-2" in plain.stderr
    assert re.search(r"journal/entries/2026-11-20\.md:\d+: error ENTRY-3", plain.stderr)
    checks = (project / "site-owner" / "checks" / "index.html").read_text()
    assert "SMART-T2" in checks and "ENTRY-4" in checks and "FILE-3" in checks
    strict = build(project, "owner", "--strict")
    assert strict.returncode != 0
    assert "Traceback" not in strict.stderr


def test_record_pages_stay_out_of_the_navigation(write_journal):
    project = write_journal(
        {
            "index.md": "# Home\n",
            "goals/vision.md": "---\ntitle: Zanzibar Horizon Vision\nkind: vision\n---\n",
            "goals/good.md": GOOD_GOAL,
        }
    )
    assert build(project, "public").returncode == 0
    home = (project / "site-public" / "index.html").read_text()
    nav = home[home.index('class="md-nav') :]
    assert "Progress" in nav
    assert "Zanzibar Horizon Vision" not in nav


def test_example_progress_and_goal_pages_show_the_figures_and_readable_charts(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    assert build(project, "public").returncode == 0
    site = project / "site-public"
    progress = (site / "progress" / "index.html").read_text()
    # every active goal has a row with a status; the example's habits have streak records
    assert progress.count('class="trellis-status trellis-status--') >= 9
    assert "Streak record: 8 weeks in a row" in progress
    heatmap = progress.split('id="journaling"')[1]
    assert heatmap.count('<rect class="trellis-heat trellis-heat--') == 365 + 5  # a year of days, the legend
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="trellis-heatmap-title trellis-heatmap-desc"', heatmap)
    assert "<summary>The numbers</summary>" in heatmap and "<td>2026-11</td>" in heatmap
    # a one-off goal: a burn-up with the ideal line, today and due marked, and its numbers as a table
    goal = (site / "goals" / "follower-count" / "index.html").read_text()
    for part in (
        'class="trellis-chart__ideal"',
        'class="trellis-chart__actual"',
        ">today</text>",
        ">due 31 Mar</text>",
        "<td>2026-11-20</td><td>1,320</td>",
    ):
        assert part in goal, part
    # a recurring goal: a bar a period with the target line
    weekly = (site / "goals" / "weekly-dormant-ties" / "index.html").read_text()
    assert weekly.count('class="trellis-chart__bar ') == 9 and 'class="trellis-chart__target"' in weekly
