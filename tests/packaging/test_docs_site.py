"""Trellis' manual (docs/) builds with MkDocs and material, strict, so no link in it is dead;
the README stays the front door and what links into it (the schemas) still lands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())
CONFIG = ROOT / "mkdocs.docs.yml"


def test_the_manual_builds_strict_with_material_and_without_trellis(tmp_path):
    config = yaml.safe_load(CONFIG.read_text())
    assert config["docs_dir"] == "docs" and config["theme"] == {"name": "material", "font": False}
    assert "trellis" not in str(config["plugins"])
    # every page of docs/ is in the nav (omitted_files: warn, so strict fails on one left out)
    assert config["validation"]["omitted_files"] == "warn" and config["validation"]["anchors"] == "warn"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    site = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(CONFIG), "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr, run.stderr
    for page in (
        "index.html",
        "guide/privacy/index.html",
        "reference/rules/index.html",
        "design/architecture/index.html",
    ):
        assert (site / page).is_file(), page
    assert (site / "screenshots" / "progress.png").is_file()
    # the example journal's own site is another config, untouched
    assert yaml.safe_load((ROOT / "mkdocs.yml").read_text())["docs_dir"] == "journal"


def test_the_readme_is_a_front_door_and_keeps_the_anchor_the_schemas_link_to():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    # the committed schemas (schema/*.json, what the wheel ships) link to the README's anchors
    (repository,) = re.findall(r'^Repository = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    schemas = "".join(path.read_text() for path in sorted((ROOT / "schema").glob("*.json")))
    linked = set(re.findall(re.escape(repository) + r"#([\w-]+)", schemas))
    headings = re.findall(r"^#+ (.+)$", readme, re.MULTILINE)
    anchors = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}
    assert linked and linked <= anchors, linked - anchors
