"""A journal file that could not be read is said where the numbers are (issue 27): the owner
view's pages with figures carry a notice naming the file and linking to Checks; the public
site never shows it."""

from __future__ import annotations

import shutil

from conftest import ROOT, build

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


def test_owner_pages_with_figures_say_which_file_could_not_be_read_and_public_does_not(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "journal" / "entries" / "2026" / "2026-11-22.md").write_text(BROKEN, encoding="utf-8")

    owner = build(project, "owner")
    assert owner.returncode == 0, owner.stderr[-3000:]
    site = project / "site-owner"
    for page in ("progress", "reach-out", "goals/daily-journal", "network", "review/2026-11"):
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
