"""`trellis init`: a journal project that builds on day one, and never overwrites a file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, build, tree, trellis
from trellis.cli import SCHEMA_NAMES

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "my-journal"
    run = trellis(
        "init",
        str(folder),
        "--name",
        "Ada Example",
        "--site-url",
        "https://ada.example/",
        "--public-repo",
        "git@github.com:ada/ada.github.io.git",
    )
    assert run.returncode == 0, run.stderr
    return folder


def test_init_writes_the_whole_project(project):
    files = set(tree(project))
    day = TODAY.isoformat()
    for expected in (
        "mkdocs.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        "requirements.txt",
        ".github/workflows/publish.yml",
        "journal/index.md",
        "journal/plan.md",
        f"journal/entries/{TODAY.year}/{day}.md",
        "journal/contacts/.gitkeep",
        "journal/goals/vision.md",
        "journal/goals/daily-journal.md",
        "journal/goals/weekly-new-connections.md",
        "journal/goals/weekly-dormant-ties.md",
        "journal/goals/monthly-review.md",
        "journal/goals/quarterly-event.md",
    ):
        assert expected in files, expected
    assert not any(f.startswith(("plugins/", "templates/")) for f in files), "the project holds no Trellis code"
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    assert config["docs_dir"] == "journal" and config["theme"]["name"] == "material"
    assert config["theme"]["font"] is False and len(config["theme"]["palette"]) == 2
    assert config["plugins"][0] == "search" and "trellis" in config["plugins"][1]
    assert config["site_url"] == "https://ada.example/"
    assert "Ada Example" in config["site_name"]
    assert f"start: {day}" in (project / "journal/goals/weekly-new-connections.md").read_text()
    from trellis.distribution import requirement  # its choices: tests/packaging/test_distribution.py

    assert (project / "requirements.txt").read_text().splitlines()[-1] == requirement().line
    hooks = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hooks["entry"] == "trellis check" and hooks["language"] == "system"
    workflow = yaml.safe_load((project / ".github/workflows/publish.yml").read_text())
    assert workflow["env"]["PUBLIC_REPO"] == "git@github.com:ada/ada.github.io.git"
    assert "pypi.org" not in (project / "mkdocs.yml").read_text(), "no link to a package page that may not exist"
    # the manual's `pre-commit install` needs pre-commit, which requirements.txt does not install: said where it is run
    assert "pip install pre-commit" in (project / ".pre-commit-config.yaml").read_text()


def test_the_new_project_checks_clean_and_reports_status(project):
    run = trellis("check", str(project))
    assert run.returncode == 0 and run.stdout.strip().endswith("no problems in 8 records"), run.stdout
    assert trellis("check", "--strict", str(project)).returncode == 0
    status = trellis("status", "--json", str(project))
    assert status.returncode == 0, status.stderr
    goals = {g["id"]: g for g in json.loads(status.stdout)["goals"]}
    assert set(goals) == {
        "daily-journal",
        "weekly-new-connections",
        "weekly-dormant-ties",
        "monthly-review",
        "quarterly-event",
    }
    assert goals["daily-journal"]["status"] == "done"  # the first entry is today's
    assert trellis("status", str(project)).returncode == 0


@pytest.mark.parametrize("audience", ["owner", "public"])
def test_the_new_project_builds_strict(project, audience, tmp_path):
    run = build(project, audience, "--strict", site=tmp_path / "site")
    assert run.returncode == 0, run.stderr[-3000:]
    for page in ("index.html", "progress/index.html", "network/index.html", "goals/daily-journal/index.html"):
        assert (tmp_path / "site" / page).is_file(), page
    assert "Ada Example" in (tmp_path / "site" / "index.html").read_text()


def test_init_twice_changes_nothing_and_names_every_file(project):
    before = tree(project)
    run = trellis("init", str(project))
    assert run.returncode == 1
    for name in ("mkdocs.yml", ".gitignore", "journal/plan.md", "journal/goals/vision.md"):
        assert name in run.stderr
    assert "Nothing was written" in run.stderr and "Traceback" not in run.stderr
    assert tree(project) == before


def test_init_into_an_existing_site_leaves_it_alone(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: My site\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Mine\n")
    before = tree(tmp_path)
    run = trellis("init", cwd=tmp_path)
    assert run.returncode == 1 and "mkdocs.yml" in run.stderr
    assert tree(tmp_path) == before


@pytest.mark.parametrize(
    "url",
    [
        "ada.example",
        "https://",
        "http://",
        "https:///journal/",
        "https://:8000/",
        "https://ada example.org/",
        "https://ada.example:port/",
        "ftp://ada.example/",
        "https://user:secret@ada.example/",
        'https://ada.example/"><script>',
        "javascript://ada.example/%0Aalert(1)",
        "https://-/",
    ],
)
def test_init_refuses_bad_site_urls_in_one_line(tmp_path, url):
    run = trellis("init", str(tmp_path / "p"), "--site-url", url)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "https://" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://ada.example",
        "http://localhost:8000/",
        "https://ada.github.io/journal/",
        "https://[::1]:8000/",
        "https://xn--d1acpjx3f.xn--p1ai/",
    ],
)
def test_init_takes_full_site_urls(tmp_path, url):
    run = trellis("init", str(tmp_path / "p"), "--site-url", url)
    assert run.returncode == 0, run.stderr
    assert yaml.safe_load((tmp_path / "p" / "mkdocs.yml").read_text())["site_url"] == url


MARKUP_NAME = 'Ada [x](javascript:alert(1)) <b>bold</b> *em* "q" & Co'
MARKUP_TITLE = 'T </title><script>alert(3)</script> [t](javascript:x) "a" & b'
MARKUP_VISION = "Be <i>great</i> [v](javascript:alert(2)) **big** `code`"


def test_markup_in_the_values_is_shown_as_text_in_a_strict_public_build(tmp_path):
    from html.parser import HTMLParser

    project = tmp_path / "p"
    run = trellis("init", str(project), "--name", MARKUP_NAME, "--title", MARKUP_TITLE, "--vision", MARKUP_VISION)
    assert run.returncode == 0, run.stderr
    site = tmp_path / "site"
    built = build(project, "public", "--strict", site=site)
    assert built.returncode == 0, built.stderr[-3000:]

    class Read(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.texts, self.where = [], {}, []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))
            self.where.append(tag)

        def handle_endtag(self, tag):
            while self.where and self.where.pop() != tag:
                pass

        def handle_data(self, data):
            if self.where:
                self.texts.setdefault(self.where[-1], []).append(data)

    for page in sorted(site.rglob("*.html")):
        read = Read()
        read.feed(page.read_text())
        for tag, attrs in read.tags:
            assert not any(
                "javascript:" in (value or "") for name, value in attrs.items() if name in ("href", "src", "action")
            ), (page, tag, attrs)
        assert not any("alert(" in text for text in read.texts.get("script", [])), page  # no script of ours
        for tag, inner in (("b", "bold"), ("i", "great"), ("em", "em"), ("strong", "big"), ("code", "code")):
            assert inner not in read.texts.get(tag, []), (page, tag)  # the values' markup made no element
        assert "<script>alert" not in page.read_text(), page
    home = Read()
    home.feed((site / "index.html").read_text())
    assert "".join(home.texts["h1"]).strip() == MARKUP_NAME
    assert "".join(home.texts["title"]).strip() == MARKUP_TITLE
    plan = Read()
    plan.feed((site / "plan" / "index.html").read_text())
    assert any(MARKUP_VISION in text for text in plan.texts.get("p", []) + plan.texts.get("li", [])), plan.texts


def test_init_starts_a_repository_on_main(tmp_path):
    project = tmp_path / "p"
    run = trellis("init", str(project))
    assert run.returncode == 0 and "git repository on branch main" in run.stdout
    head = subprocess.run(["git", "-C", str(project), "symbolic-ref", "HEAD"], capture_output=True, text=True)
    assert head.stdout.strip() == "refs/heads/main"
    workflow = yaml.safe_load((project / ".github/workflows/publish.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["main"], "the branch the workflow runs on"  # YAML reads `on` as True
    assert "git init" not in run.stdout


def test_init_inside_a_repository_leaves_it_and_names_the_branch_the_workflow_wants(tmp_path):
    subprocess.run(["git", "init", "-q", "-b", "master", str(tmp_path)], check=True)
    run = trellis("init", str(tmp_path / "journal-project"))
    assert run.returncode == 0
    assert not (tmp_path / "journal-project" / ".git").exists()
    assert "on branch master" in run.stdout and "git branch -m master main" in run.stdout


def test_init_without_git_says_how_to_start_the_repository(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    run = trellis("init", str(tmp_path / "p"), PATH=str(bin_dir))
    assert run.returncode == 0, run.stderr
    assert "git is not installed" in run.stdout and "git init -b main" in run.stdout


def test_the_gitignore_keeps_out_what_the_readme_steps_leave(project):
    names = (
        "deploy_key",
        "deploy_key.pub",
        "calendar.ical",
        "busy.ifb",
        "calendar.ics",
        "#index.md#",
        "journal/#plan.md#",
        ".#plan.md",
        "journal/.#plan.md",
        ".plan.md.swp",
        "journal/.plan.md.swo",
        ".plan.md.swx",
        "plan.md~",
        "journal/plan.md~",
        "mkdocs.yml.20261123.bak",
        "site/index.html",
    )
    ignored = subprocess.run(
        ["git", "-C", str(project), "check-ignore", "--no-index", *names], capture_output=True, text=True
    )
    assert sorted(ignored.stdout.split("\n")[:-1]) == sorted(names)
    kept = (
        "mkdocs.yml",
        "journal/plan.md",
        ".trellis/managed.json",
        ".github/workflows/publish.yml",
        "requirements.txt",
        ".pre-commit-config.yaml",
    )
    assert (
        subprocess.run(
            ["git", "-C", str(project), "check-ignore", "--no-index", *kept], capture_output=True, text=True
        ).stdout
        == ""
    )


def test_an_owner_build_elsewhere_stays_out_of_git(project, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    for folder in ("owner-view", "site-owner"):
        assert build(copy, "owner", site=copy / folder).returncode == 0
    staged = subprocess.run(
        ["git", "-C", str(copy), "add", "-A", "--dry-run"], capture_output=True, text=True, check=True
    ).stdout
    assert "owner-view" not in staged and "site-owner" not in staged and "mkdocs.yml" in staged


def test_imports_and_exports_leave_nothing_git_would_stage_outside_the_journal(tmp_path):
    project = tmp_path / "p"
    assert trellis("init", str(project)).returncode == 0
    env = {**os.environ, **GIT_IDENTITY}
    subprocess.run(["git", "init", "-q", str(project)], check=True, env=env)
    # what a user downloads next to the journal, then reads in
    for fixture in ("linkedin-connections-2026.csv", "phone-3.0.vcf"):
        shutil.copy(ROOT / "tests" / "fixtures" / fixture, project / fixture)
    shutil.copy(ROOT / "tests" / "fixtures" / "linkedin-connections-2026.csv", project / "Connections.csv")
    assert trellis("import", "linkedin", "Connections.csv", cwd=project).returncode == 0
    assert trellis("import", "vcard", "phone-3.0.vcf", cwd=project).returncode == 0
    assert trellis("export", "json", "-o", "backup.json", cwd=project).returncode == 0
    assert trellis("export", "vcard", "-o", "contacts.vcf", cwd=project).returncode == 0
    for other in ("calendar.ics", "Connections.zip", "people.xlsx", "people.ods", "notes.md~", ".x.md.abc.tmp"):
        (project / other).write_text("private")
    assert (project / "backup.json").is_file() and list((project / "journal" / "contacts").glob("*.md"))
    staged = subprocess.run(
        ["git", "add", "-A", "--dry-run"], cwd=project, env=env, check=True, capture_output=True, text=True
    ).stdout
    paths = [line.split(" ", 1)[1].strip("'") for line in staged.splitlines()]
    init_files = {
        ".gitignore",
        ".pre-commit-config.yaml",
        "requirements.txt",
        "mkdocs.yml",
        ".github/workflows/publish.yml",
        ".remarkrc.json",
        "package.json",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".trellis/managed.json",
    } | {f".trellis/schema/{name}.json" for name in SCHEMA_NAMES}
    outside = [p for p in paths if not p.startswith("journal/") and p not in init_files]
    assert outside == [], outside
    assert not [p for p in paths if p.endswith(".tmp")]
    assert any(p.startswith("journal/contacts/") and p.endswith(".md") for p in paths)
