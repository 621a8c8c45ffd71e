"""Under the caches of `mkdocs serve`, every change gives the same site as a fresh build.

The serve rebuilds run in this process the way `mkdocs serve` runs them (one plugin
instance kept across rebuilds, one site folder written again each time); the fresh
builds run `mkdocs build` in a new process. The output trees must be identical, file for
file and byte for byte, search index included.
"""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import EPOCH, ROOT, build, tree

pytest.importorskip("mkdocs")


@pytest.fixture(params=["owner", "public"])
def served(request, tmp_path, monkeypatch):
    """(project, rebuild): the example journal, and a function that rebuilds it as serve does."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("TRELLIS_AUDIENCE", request.param)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = tmp_path / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site = tmp_path / "served"
    state = {"first": True}

    def rebuild():
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        if state["first"]:
            config.plugins.on_startup(command="serve", dirty=False)
            state["first"] = False
        mkdocs_build(config)
        return config.plugins["trellis"]

    rebuild.audience = request.param
    return project, site, rebuild


def _same_as_fresh(project, site, tmp_path, name, audience):
    fresh = tmp_path / f"fresh-{name}"
    run = build(project, audience, site=fresh)
    assert run.returncode == 0, run.stderr[-2000:]
    served, expected = tree(site), tree(fresh)
    if (
        audience == "owner"
    ):  # an owner build keeps its folder out of git (owner_build); serve's is MkDocs' temporary one
        assert expected.pop(".gitignore", None) is not None
    assert sorted(served) == sorted(expected)
    different = [path for path in expected if served[path] != expected[path]]
    assert different == [], f"after {name}: {different[:5]}"


def test_edit_add_rename_delete_under_serve_match_fresh_builds(served, tmp_path):
    project, site, rebuild = served
    journal = project / "journal"
    plugin = rebuild()
    assert plugin.page_cache.reused == 0

    # nothing changed: every generated page comes from the cache, and the site is the same
    plugin = rebuild()
    assert plugin.page_cache.reused == len(plugin.specs)
    reads = plugin.cache.reads
    _same_as_fresh(project, site, tmp_path, "no change", rebuild.audience)

    # edit one entry's text: only that file is read again (a public one, so both views change)
    entry = sorted(p for p in (journal / "entries").rglob("*.md") if "public: true" in p.read_text())[-1]
    entry.write_text(entry.read_text().rstrip("\n") + "\nEdited while serving.\n")
    plugin = rebuild()
    assert plugin.cache.reads == reads + 1
    assert 0 < plugin.page_cache.reused < len(plugin.specs)
    _same_as_fresh(project, site, tmp_path, "edit", rebuild.audience)

    # add a contact and an interaction with them
    (journal / "contacts" / "new-person.md").write_text(
        "---\nname: New Person\nrole: Developer\nsector: fintech\ncompany: Northwind Pay\npublic: true\n---\n"
    )
    entry.write_text(
        entry.read_text().replace(
            "---\n", "---\ninteractions:\n  - {with: new-person, channel: call, direction: inbound}\n", 1
        )
        if "interactions:" not in entry.read_text()
        else entry.read_text().replace(
            "interactions:\n", "interactions:\n  - {with: new-person, channel: call, direction: inbound}\n", 1
        )
    )
    rebuild()
    _same_as_fresh(project, site, tmp_path, "add", rebuild.audience)

    # rename a contact file (its id changes: links and pages move)
    os.rename(journal / "contacts" / "new-person.md", journal / "contacts" / "renamed-person.md")
    rebuild()
    _same_as_fresh(project, site, tmp_path, "rename", rebuild.audience)

    # delete an entry
    entry.unlink()
    plugin = rebuild()
    _same_as_fresh(project, site, tmp_path, "delete", rebuild.audience)
    assert "contacts/renamed-person.md" in plugin.specs

    # a person's name and a goal's target change: goal pages ("what counted") and the monthly
    # reviews, which reuse their HTML while what they show is the same, show the new ones
    person = journal / "contacts" / "lukas-weber.md"
    person.write_text(person.read_text().replace("name: Lukas Weber", "name: Lukas Weber-Lang", 1))
    goal = journal / "goals" / "weekly-new-connections.md"
    goal.write_text(goal.read_text().replace("target: 5", "target: 6", 1))
    plugin = rebuild()
    _same_as_fresh(project, site, tmp_path, "names and targets", rebuild.audience)
    if rebuild.audience == "owner":
        assert "Lukas Weber-Lang" in (site / "review" / "2026-11" / "index.html").read_text()


def test_the_generated_journal_passes_check(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate
    from trellis.pipeline import analyse

    project = generate(tmp_path / "g", contacts=120, entries=200)
    analysis = analyse(project / "journal")
    assert analysis.findings == []
    assert len(analysis.journal.contacts) == 120 and len(analysis.journal.entries) == 200


def test_edited_settings_and_theme_templates_show_on_the_next_serve_rebuild(served, tmp_path):
    """The remembered page HTML and the compiled theme templates are not reused once
    mkdocs.yml or a template they came from changed."""
    project, site, rebuild = served
    config = project / "mkdocs.yml"
    override = project / "overrides" / "main.html"
    override.parent.mkdir()
    override.write_text('{% extends "base.html" %}{% block announce %}First banner{% endblock %}\n')
    entry = sorted(p for p in (project / "journal" / "entries").rglob("*.md") if "public: true" in p.read_text())[-1]
    entry.write_text(entry.read_text().rstrip("\n") + "\n\nOne line of the entry,\nand the next.\n")
    month = site / "journal" / entry.name[:7] / "index.html"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    rebuild()
    rebuild()
    progress = site / "progress" / "index.html"
    assert "First banner" in progress.read_text()

    override.write_text('{% extends "base.html" %}{% block announce %}Second banner{% endblock %}\n')
    rebuild()
    assert "Second banner" in progress.read_text()
    _same_as_fresh(project, site, tmp_path, "template edit", rebuild.audience)

    # a Markdown extension changes how an entry's text renders on its month page
    config.write_text(config.read_text().replace("validation:", "markdown_extensions:\n  - nl2br\nvalidation:"))
    rebuild()
    _same_as_fresh(project, site, tmp_path, "settings edit", rebuild.audience)
    assert "entry,<br />" in month.read_text()


def test_a_dirty_serve_rebuild_remakes_trellis_pages(tmp_path, monkeypatch):
    """`mkdocs serve --dirty` remakes only pages whose source is newer than their output. A page
    of Trellis' has its text in memory (plugin/page_sources.py), so it counts as changed at every
    rebuild: its source file, rewritten only when its title changed, used to leave a month's page
    without the entry just edited."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("TRELLIS_AUDIENCE", "owner")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = tmp_path / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site = tmp_path / "served"
    for rebuild in range(2):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        if rebuild == 0:
            config.plugins.on_startup(command="serve", dirty=True)
        mkdocs_build(config, dirty=True)
        if rebuild == 0:
            entry = sorted((project / "journal" / "entries").rglob("*.md"))[-1]
            entry.write_text(entry.read_text().rstrip("\n") + "\n\nEdited while serving dirty.\n")
    month = entry.stem[:7]
    assert "Edited while serving dirty." in (site / "journal" / month / "index.html").read_text(encoding="utf-8")
