"""The package as a user installs it: the plugin entry point, the command, templates in the wheel."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from importlib.metadata import entry_points
from pathlib import Path

from trellis.catalog import RULES

ROOT = Path(__file__).resolve().parents[2]


def test_plugin_is_registered_with_mkdocs():
    found = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert found.get("trellis") == "trellis.plugin:TrellisPlugin"


def test_wheel_ships_every_template(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=env,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = [p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file()]
    assert templates, "the repository has no templates"
    for template in templates:
        assert f"trellis/templates/{template}" in names
    assert "trellis/plugin/__init__.py" in names and "trellis/cli.py" in names
    # the JSON Schemas, as schema/ publishes them (`trellis schema --write schema`)
    from trellis.commands.schemas import NAMES

    assert {f"trellis/schema/{name}.json" for name in NAMES} <= names


def test_the_rules_page_lists_every_rule_and_no_other():
    readme = (ROOT / "docs" / "reference" / "rules.md").read_text(encoding="utf-8")
    listed = set(
        re.findall(
            r"^\| ((?:SMART|GOAL|CONTACT|ENTRY|APPLICATION|PLAN|FILE)-[A-Z]?\d+) \| (error|warning) \|",
            readme,
            re.MULTILINE,
        )
    )
    assert listed == {(rule.id, rule.severity) for rule in RULES.values()}


def test_pages_workflow_builds_the_public_view_with_pinned_official_actions():
    import re

    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    uses = [s["uses"] for s in steps if "uses" in s]
    for action in ("actions/checkout", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert any(u.startswith(action + "@") for u in uses), action
    assert all(re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", u) for u in uses), uses  # pinned to a commit
    build = next(s for s in steps if "mkdocs build" in s.get("run", ""))
    assert build["env"]["TRELLIS_AUDIENCE"] == "public"


def test_readme_starts_with_the_two_commands_then_your_own_journal_and_stands_alone():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", readme, re.MULTILINE)
    assert headings[:2] == ["Two commands", "Start your own journal"]
    assert "pip install -e . && mkdocs serve" in readme and "pip install -e '.[test]' && python -m pytest" in readme
    assert "SPEC.md" not in readme and "shared folder" not in readme
    for target in re.findall(r"\]\(([^)#]+)\)", readme):  # every link stays in this repository
        if not target.startswith(("http://", "https://")):
            assert (ROOT / target).exists(), target
            (ROOT / target).resolve().relative_to(ROOT)  # raises if the link leaves the repository


def test_the_project_templates_ship_in_the_wheel_and_nothing_builds_docs():
    import yaml

    assert (ROOT / "templates" / "project" / "mkdocs.yml").is_file()  # test_wheel_ships_every_template ships it
    assert yaml.safe_load((ROOT / "mkdocs.yml").read_text())["docs_dir"] == "journal"


def test_no_large_binary_file_is_tracked_outside_the_screenshots():
    """A wheel, a zip or a database committed by mistake stays in every clone for ever:
    binary files over 100 KB are tracked only under docs/screenshots/ (the README's pictures)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        import pytest

        pytest.skip("not a git checkout: nothing is tracked")
    large = []
    for name in filter(None, listed.stdout.decode().split("\0")):
        path = ROOT / name
        if name.startswith("docs/screenshots/") or not path.is_file() or path.stat().st_size <= 100_000:
            continue
        with open(path, "rb") as handle:
            head = handle.read(8192)
        if b"\0" in head:  # git's own test for a binary file
            large.append(f"{name} ({path.stat().st_size // 1024} KB)")
    assert large == [], "large binary files are tracked; remove them (git rm --cached) and ignore them"
