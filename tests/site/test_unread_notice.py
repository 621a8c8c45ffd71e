"""A journal file that could not be read is said where the numbers are (issue 27): the owner
view's pages with figures carry a notice naming the file and linking to Checks; the public
site never shows it."""

from __future__ import annotations

import datetime as dt
import shutil

from conftest import EPOCH, ROOT, build, serve_rebuilds, write_project

BROKEN = """---
date: 2026-11-22
interactions:
  - with: jonas-berg
    channel: video
    direction: outbound
    summary: Asked him: can I post my write-up?
---
A good talk.
"""

NOTICE = "journal file could not be read"
PAGES = ("progress", "reach-out", "goals/daily-journal", "network", "review/2026-11", "contacts", "goals")


def test_owner_pages_with_figures_say_which_file_could_not_be_read_and_public_does_not(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "journal" / "entries" / "2026" / "2026-11-22.md").write_text(BROKEN, encoding="utf-8")

    owner = build(project, "owner")
    assert owner.returncode == 0, owner.stderr[-3000:]
    site = project / "site-owner"
    for page in PAGES:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "1 " + NOTICE + ", so nothing in it is counted" in html, page
        assert "<code>entries/2026/2026-11-22.md</code>" in html, page
        assert "FILE-3" in html, page
        assert "interactions and entries counts may be low" in html, page
        checks = "../checks/" if "/" not in page else "../../checks/"
        assert f'See <a href="{checks}">Checks</a>' in html, page
    # the notice stands above the figures: before the goals table on progress
    progress = (site / "progress" / "index.html").read_text(encoding="utf-8")
    assert progress.index(NOTICE) < progress.index('<table class="trellis-goals">')
    # pages without figures stay as they were
    assert NOTICE not in (site / "plan" / "index.html").read_text(encoding="utf-8")

    public = build(project, "public")  # a broken entry does not stop a public build (a contact file would)
    assert public.returncode == 0, public.stderr[-3000:]
    for page in (project / "site-public").rglob("*.html"):
        assert NOTICE not in page.read_text(encoding="utf-8"), page


def test_under_serve_the_notice_comes_and_goes_with_the_broken_file(tmp_path, monkeypatch):
    """Goal, network and review pages reuse their HTML under `mkdocs serve` while their inputs are
    the same: the files that could not be read are among those inputs."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("TRELLIS_AUDIENCE", "owner")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project, site = tmp_path / "p", tmp_path / "served"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    served = serve_rebuilds(project, site)

    def rebuild() -> dict[str, str]:
        served()
        return {page: (site / page / "index.html").read_text(encoding="utf-8") for page in PAGES}

    before = rebuild()
    assert not any(NOTICE in html for html in before.values())
    broken = project / "journal" / "entries" / "2026" / "2026-11-22.md"
    broken.write_text(BROKEN, encoding="utf-8")
    with_notice = rebuild()
    assert all("<code>entries/2026/2026-11-22.md</code>" in html for html in with_notice.values())
    broken.unlink()
    assert rebuild() == before


def test_a_file_left_out_for_a_taken_id_is_listed_with_the_unread_ones(tmp_path):
    """Two entry files of one id (`2026-11-22.md` in two folders): the second is left out of every
    figure, so the notice names it with FILE-6, like a file that could not be read."""
    from trellis.pipeline import analyse

    entry = "---\ndate: 2026-11-22\n---\nA day.\n"
    write_project(tmp_path, {"entries/2026/2026-11-22.md": entry, "entries/old/2026-11-22.md": entry}, None)
    unread = analyse(tmp_path / "journal", today=dt.date(2026, 11, 23)).unread_files
    assert [(u.path, u.finding.rule) for u in unread] == [("entries/old/2026-11-22.md", "FILE-6")]
    assert "entry id '2026-11-22' is also used by" in unread[0].finding.message
    assert "entries counts may be low" in unread[0].effect
