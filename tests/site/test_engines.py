"""Trellis beside other plugins (mkdocs-rss-plugin, mkdocs-static-i18n) and under ProperDocs."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import EPOCH, ROOT, free_port, http_get, stop_serving, tree, trellis, wait_for

PRIVATE = [p.stem for p in (ROOT / "journal" / "contacts").glob("*.md") if "public: true" not in p.read_text()]


def _env(tmp: Path, audience: str = "public") -> dict[str, str]:
    # TMPDIR of the test's own: the pages' temporary sources can be seen, and seen gone
    (tmp / "tmp").mkdir(exist_ok=True)
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "TRELLIS_AUDIENCE": audience,
        "TMPDIR": str(tmp / "tmp"),
    }


def _example(tmp: Path, config_name: str = "mkdocs.yml", **changes) -> Path:
    """The example journal in a project whose configuration has `changes` (plugins: a list)."""
    project = tmp / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(changes)
    (project / config_name).write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return project


def _engine_build(project: Path, engine: str, config_name: str, site: Path, env: dict, *extra: str):
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(project / config_name), "-d", str(site), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _journal_digest(project: Path) -> dict[str, str]:
    return {k: hashlib.sha256(v).hexdigest() for k, v in tree(project / "journal").items()}


RSS = {"rss": {"use_git": False, "length": 200}}  # the example is no git repository; every page an item
I18N = {
    "i18n": {
        "docs_structure": "suffix",
        "languages": [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "fr", "name": "Français", "build": True},
        ],
    }
}
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
        "# Coffee\n\nHad a long coffee with Hana Sato about design systems.\n", encoding="utf-8"
    )
    run = _engine_build(project, "mkdocs", "mkdocs.yml", tmp_path / "site", _env(tmp_path))
    assert run.returncode == 1
    assert "feed_rss_created.xml" in run.stderr and "Traceback" not in run.stderr
    assert "hana-sato" in PRIVATE


# --- ProperDocs: a drop-in fork of MkDocs 1.6 that reads properdocs.yml --------------------------------


WEEKLY = """---
title: Meet three new people every week
why: Referrals.
measure: {count: new-contacts}
target: 3
per: week
start: 2026-11-01
due: 2026-12-31
actions: [Go to the JS meetup]
---
"""


def _properdocs_project(tmp: Path, week_start: str) -> Path:
    project = tmp / f"pd-{week_start}"
    (project / "journal" / "goals").mkdir(parents=True)
    (project / "journal" / "contacts").mkdir()
    (project / "journal" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "journal" / "goals" / "weekly.md").write_text(WEEKLY, encoding="utf-8")
    # met on Sunday 22 November: this week's for a week that starts on Sunday, last week's otherwise
    (project / "journal" / "contacts" / "ana-silva.md").write_text(
        "---\nname: Ana Silva\nrole: developer\nmet: 2026-11-22\n---\n", encoding="utf-8"
    )
    (project / "properdocs.yml").write_text(
        "site_name: t\ndocs_dir: journal\ntheme: {name: material}\n"
        f"plugins: [search, {{trellis: {{week_start: {week_start}}}}}]\n",
        encoding="utf-8",
    )
    return project


def test_the_trellis_command_finds_the_journal_through_properdocs_yml(tmp_path):
    env = _env(tmp_path, "owner")
    values = {}
    for week_start in ("monday", "sunday"):
        project = _properdocs_project(tmp_path, week_start)
        run = trellis("check", cwd=project, env=env, timeout=120)
        assert run.returncode == 0 and run.stdout.strip().endswith("no problems in 2 records"), run.stdout
        run = trellis("status", "--json", cwd=project, env=env, timeout=120)
        assert run.returncode == 0, run.stderr
        values[week_start] = json.loads(run.stdout)["goals"][0]["value"]
        run = trellis("new", "contact", "Bea Costa", cwd=project, env=env, timeout=120)
        assert run.returncode == 0, run.stderr
        assert (project / "journal" / "contacts" / "bea-costa.md").is_file()
        assert not list(project.glob("*.md")) and not (project / "contacts").exists()
    # Monday 23 November: the week from Sunday holds Ana, the week from Monday does not
    assert values == {"monday": 0, "sunday": 1}


def test_properdocs_builds_the_example_strict_in_both_views_as_mkdocs_does(tmp_path):
    project = _example(tmp_path, "properdocs.yml")
    before = _journal_digest(project)
    sites = {}
    for engine, config in (("properdocs", "properdocs.yml"), ("mkdocs", "properdocs.yml")):
        for audience in ("public", "owner"):
            site = tmp_path / f"{engine}-{audience}"
            run = _engine_build(project, engine, config, site, _env(tmp_path, audience))
            assert run.returncode == 0, run.stderr[-3000:]
            sites[engine, audience] = tree(site)
    assert (tmp_path / "properdocs-owner" / "checks" / "index.html").is_file()
    assert not (tmp_path / "properdocs-public" / "checks").exists()
    # the same site, but for the engine's name in <meta name="generator">
    assert _unnamed(sites["properdocs", "public"]) == _unnamed(sites["mkdocs", "public"])
    assert _journal_digest(project) == before


def _unnamed(site: dict[str, bytes]) -> dict[str, bytes]:
    return {path: re.sub(rb'<meta name="generator" content="[^"]*">', b"", data) for path, data in site.items()}


def test_properdocs_serves_the_owner_view(tmp_path):
    project = _example(tmp_path, "properdocs.yml")
    port = free_port()
    env = _env(tmp_path)
    env.pop("TRELLIS_AUDIENCE")
    server = subprocess.Popen(
        [sys.executable, "-m", "properdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: http_get(f"{base}/progress/")[0] == 200, 120), "serve did not come up"
        assert http_get(f"{base}/checks/")[0] == 200  # the owner view
        entry = project / "journal" / "index.md"
        entry.write_text(entry.read_text(encoding="utf-8") + "\nServed by ProperDocs.\n", encoding="utf-8")
        # the owner view serves index.md at home/ (its home is the Today dashboard)
        assert wait_for(lambda: "Served by ProperDocs." in http_get(f"{base}/home/")[1], 60)
        time.sleep(0.5)
        assert server.poll() is None
    finally:
        err = stop_serving(server)
    assert "Traceback" not in err
