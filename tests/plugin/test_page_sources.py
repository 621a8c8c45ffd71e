"""A generated page's source file (plugin/page_sources.py): held in memory, written on disk only
when something reads `abs_src_path` (other plugins do; Trellis does not), and under serve
rewritten only where the page's text changed. The builds around it are in
tests/privacy/test_history_and_temporary_files.py."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel
from trellis.plugin.page_sources import PageSources

ADA = '---\n{"title": "Ada Lovelace", "description": "Engineering Manager"}\n---\n'
ADA_MOVED = '---\n{"title": "Ada Lovelace", "description": "CTO"}\n---\n'
OLD = 1_000_000_000  # a file time long past: a file rewritten since has another


@pytest.fixture
def setting(tmp_path, monkeypatch):
    """A configuration, and page sources whose temporary folder is inside tmp_path."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = "trellis"  # as MkDocs sets it while the plugin's on_files runs
    sources = PageSources()
    sources.folder(Path(config.docs_dir))  # as the plugin makes it at its first on_files
    yield config, sources
    sources.remove()


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_the_source_is_held_in_memory_and_written_at_the_first_read_of_abs_src_path(setting):
    config, sources = setting
    folder = sources.folder(Path(config.docs_dir))
    page = sources.file(config, "contacts/ada-lovelace.md", ADA, InclusionLevel.NOT_IN_NAV)
    assert page.content_string == ADA and page.content_bytes == ADA.encode()
    assert page.src_dir is None and page.inclusion is InclusionLevel.NOT_IN_NAV and page.generated_by == "trellis"
    assert _files(folder) == []  # nothing read it: nothing written
    path = page.abs_src_path
    assert path == str(folder / "contacts" / "ada-lovelace.md")
    assert Path(path).read_text(encoding="utf-8") == ADA
    assert page.abs_src_path == path and _files(folder) == ["contacts/ada-lovelace.md"]


def test_a_serve_rebuild_rewrites_a_source_only_where_the_page_s_text_changed(setting):
    config, sources = setting
    path = Path(sources.file(config, "contacts/ada-lovelace.md", ADA, InclusionLevel.NOT_IN_NAV).abs_src_path)
    os.utime(path, (OLD, OLD))
    again = sources.file(config, "contacts/ada-lovelace.md", ADA, InclusionLevel.NOT_IN_NAV)  # the next rebuild
    assert again.abs_src_path == str(path) and path.stat().st_mtime == OLD
    moved = sources.file(config, "contacts/ada-lovelace.md", ADA_MOVED, InclusionLevel.NOT_IN_NAV)
    assert _files(path.parents[1]) == ["contacts/ada-lovelace.md"]
    assert path.read_text(encoding="utf-8") == ADA  # not yet asked for: the last text written stays
    assert moved.abs_src_path == str(path) and path.read_text(encoding="utf-8") == ADA_MOVED
    path.unlink()  # gone (a cleaner of /tmp): written again when asked for
    assert sources.file(config, "contacts/ada-lovelace.md", ADA_MOVED, InclusionLevel.NOT_IN_NAV).abs_src_path
    assert path.read_text(encoding="utf-8") == ADA_MOVED


def test_a_file_given_other_content_or_another_path_writes_nothing(setting):
    config, sources = setting
    folder = sources.folder(Path(config.docs_dir))
    replaced = sources.file(config, "progress.md", ADA, InclusionLevel.INCLUDED)
    replaced.content_string = "# Progress\n"  # as a plugin may: MkDocs then unsets abs_src_path
    assert replaced.abs_src_path is None and replaced.content_string == "# Progress\n"
    moved = sources.file(config, "network.md", ADA, InclusionLevel.INCLUDED)
    moved.abs_src_path = str(folder.parent / "elsewhere.md")
    assert moved.abs_src_path == str(folder.parent / "elsewhere.md")
    assert _files(folder) == []
