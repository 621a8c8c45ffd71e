"""Trellis beside other plugins (mkdocs-rss-plugin, mkdocs-static-i18n)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EPOCH, ROOT, tree

PRIVATE = [p.stem for p in (ROOT / "journal" / "contacts").glob("*.md") if "public: true" not in p.read_text()]


def _env(tmp: Path, audience: str = "public") -> dict[str, str]:
    # TMPDIR of the test's own: the pages' temporary sources can be seen, and seen gone
    (tmp / "tmp").mkdir(exist_ok=True)
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "TRELLIS_AUDIENCE": audience,
            "TMPDIR": str(tmp / "tmp")}


def _example(tmp: Path, config_name: str = "mkdocs.yml", **changes) -> Path:
    """The example journal in a project whose configuration has `changes` (plugins: a list)."""
    project = tmp / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(changes)
    (project / config_name).write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return project


def _engine_build(project: Path, engine: str, config_name: str, site: Path, env: dict, *extra: str):
    return subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", str(project / config_name),
                           "-d", str(site), *extra], env=env, capture_output=True, text=True, timeout=300)


def _journal_digest(project: Path) -> dict[str, str]:
    return {k: hashlib.sha256(v).hexdigest() for k, v in tree(project / "journal").items()}


RSS = {"rss": {"use_git": False, "length": 200}}  # the example is no git repository; every page an item
I18N = {"i18n": {"docs_structure": "suffix", "languages": [
    {"locale": "en", "default": True, "name": "English", "build": True},
    {"locale": "fr", "name": "Français", "build": True}]}}
# material's instant navigation and i18n's language switcher warn about each other (strict)
NO_INSTANT = {"name": "material", "font": False}


def test_rss_builds_beside_trellis_and_its_feed_holds_public_pages_only(tmp_path):
    pytest.importorskip("mkdocs_rss_plugin")
    project = _example(tmp_path, plugins=["search", "trellis", RSS], site_url="https://example.org/")
    before = _journal_digest(project)
    site = tmp_path / "site"
    run = _engine_build(project, "mkdocs", "mkdocs.yml", site, _env(tmp_path))
    assert run.returncode == 0, run.stderr[-3000:]
    feed = (site / "feed_rss_created.xml").read_text(encoding="utf-8")
    assert "https://example.org/progress/" in feed and "https://example.org/network/" in feed
    urls = {item["url"] for item in json.loads((site / "feed_json_created.json").read_text(encoding="utf-8"))["items"]}
    assert "https://example.org/contacts/amara-diallo/" in urls  # agreed to be named
    # the feed is made of the pages this (public) build has: no owner page, no private person
    assert not {u for u in urls if "/checks/" in u or "/reach-out/" in u or "/review/" in u}
    for contact in PRIVATE:
        assert contact not in feed
    assert _journal_digest(project) == before, "a build wrote into journal/"
    assert list((tmp_path / "tmp").iterdir()) == [], "the pages' temporary sources were left behind"


def test_static_i18n_builds_trellis_pages_in_every_language(tmp_path):
    # (rss and i18n together warn whatever Trellis does: i18n runs rss' on_config twice)
    pytest.importorskip("mkdocs_static_i18n")
    project = _example(tmp_path, plugins=["search", "trellis", I18N], theme=NO_INSTANT)
    (project / "journal" / "index.fr.md").write_text("# Accueil\n\n[Progrès](progress.md)\n", encoding="utf-8")
    before = _journal_digest(project)
    site = tmp_path / "site"
    run = _engine_build(project, "mkdocs", "mkdocs.yml", site, _env(tmp_path))
    assert run.returncode == 0, run.stderr[-3000:]
    # Trellis' pages in the default language and, in its own folder, in the other one
    for page in ("progress", "network", "journal", "plan", "contacts/amara-diallo"):
        assert '<html lang="en"' in (site / page / "index.html").read_text(encoding="utf-8")
        assert '<html lang="fr"' in (site / "fr" / page / "index.html").read_text(encoding="utf-8")
    assert 'href="progress/"' in (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert not (site / "checks").exists() and not (site / "fr" / "checks").exists()  # still the public view
    assert _journal_digest(project) == before, "a build wrote into journal/"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_feed_carrying_a_private_name_stops_the_public_build(tmp_path):
    pytest.importorskip("mkdocs_rss_plugin")
    project = _example(tmp_path, plugins=["search", "trellis", RSS], site_url="https://example.org/")
    # the page's HTML is redacted, but rss takes its description from the markdown as written
    (project / "journal" / "coffee.md").write_text(
        "# Coffee\n\nHad a long coffee with Hana Sato about design systems.\n", encoding="utf-8")
    run = _engine_build(project, "mkdocs", "mkdocs.yml", tmp_path / "site", _env(tmp_path))
    assert run.returncode == 1
    assert "feed_rss_created.xml" in run.stderr and "Traceback" not in run.stderr
    assert "hana-sato" in PRIVATE
