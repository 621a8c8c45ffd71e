"""Issue 31: the garbage collector is held during a build (plugin/collection.py) and given back
as it was at the build's end, whether the build succeeds, the guard stops it, or a page breaks
it: a `mkdocs serve` between rebuilds, and whatever runs after a build in the same process,
has Python's collector as it found it."""

from __future__ import annotations

import gc

import pytest
from conftest import EPOCH, serve_rebuilds, write_project
from mkdocs.exceptions import Abort, PluginError

CONFIG = "site_name: Maya's journal\ndocs_dir: journal\ntheme:\n  name: material\n  font: false\nplugins: [search, trellis]\n"
CONTACT = "---\nname: Zebulon Quartermaine\nrole: Recruiter\nsector: fintech\n---\n"


@pytest.fixture
def collector():
    """The collector's settings before the test; put back after it whatever happened."""
    before = gc.get_threshold(), gc.isenabled()
    yield before
    gc.set_threshold(*before[0])
    gc.unfreeze()


def _given_back(before) -> None:
    assert (gc.get_threshold(), gc.isenabled()) == before
    assert gc.get_freeze_count() == 0  # nothing left out of the collector's reach


def test_the_collector_is_given_back_after_a_build(tmp_path, monkeypatch, collector):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = write_project(tmp_path, {"contacts/zebulon.md": CONTACT, "index.md": "# Home\n"}, CONFIG)
    held: list[tuple] = []
    real = gc.set_threshold

    def noting(*thresholds):
        held.append(thresholds)
        real(*thresholds)

    monkeypatch.setattr(gc, "set_threshold", noting)
    for audience in ("public", "owner"):
        monkeypatch.setenv("TRELLIS_AUDIENCE", audience)
        serve_rebuilds(project, tmp_path / f"site-{audience}")()
        _given_back(collector)
    assert held and held[0] != collector[0]  # it was held during the builds


def test_the_collector_is_given_back_when_the_guard_stops_the_build(tmp_path, monkeypatch, collector):
    """A theme override that names a private person on every page: the guard stops the public build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("TRELLIS_AUDIENCE", "public")
    write_project(
        tmp_path,
        {"main.html": '{% extends "base.html" %}{% block footer %}zebulon.quartermaine@example.org{% endblock %}'},
        None,
        folder="overrides",
    )
    contact = CONTACT.replace("---\n", "---\nemail: zebulon.quartermaine@example.org\n", 1)
    config = CONFIG.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    project = write_project(tmp_path, {"contacts/zebulon.md": contact, "index.md": "# Home\n"}, config)
    with pytest.raises((PluginError, Abort)):
        serve_rebuilds(project, tmp_path / "site")()
    _given_back(collector)
