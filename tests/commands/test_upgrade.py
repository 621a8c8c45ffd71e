"""`trellis upgrade`: a journal made by an older `trellis init` gets this version's managed files,
keeps every edit of its owner, and its journal is never touched."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, build, tree, trellis

FIXTURE = ROOT / "tests" / "fixtures" / "project-first-init"
# the fixture's files (kept without dots, as templates/project keeps them) -> where init wrote them
OLD_FILES = {
    "github/workflows/publish.yml": ".github/workflows/publish.yml",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "requirements.txt": "requirements.txt",
    "mkdocs.yml": "mkdocs.yml",
}
# what the first `init` did not write: the editor set-up and the manifest
NEWER = (".remarkrc.json", "package.json", ".vscode", ".trellis")
OPTIONS = (
    "--name",
    "Ada Example",
    "--site-url",
    "https://ada.example/",
    "--public-repo",
    "git@github.com:ada/ada.github.io.git",
)
BACKUP = f".pre-commit-config.yaml.{TODAY.strftime('%Y%m%d')}.bak"


def git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=60)


def journal_hash(project: Path) -> str:
    """Every file under journal/, its path and bytes, as one hash (with the folders' modes)."""
    digest = hashlib.sha256()
    for path in sorted((project / "journal").rglob("*")):
        digest.update(f"{path.relative_to(project)}\0{path.stat().st_mode}\0".encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def project_files(project: Path) -> dict[str, bytes]:
    return {name: data for name, data in tree(project).items() if not name.startswith(".git/")}


def fresh(folder: Path) -> Path:
    run = trellis("init", str(folder), *OPTIONS)
    assert run.returncode == 0, run.stderr
    return folder


def old(folder: Path) -> Path:
    """A journal made by the first `trellis init`, written in since (a contact, a second entry)."""
    fresh(folder)
    for name in NEWER:
        path = folder / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for source, target in OLD_FILES.items():
        shutil.copy(FIXTURE / source, folder / target)
    assert trellis("new", "contact", "Grace Hopper", "--company", "Navy", "--path", str(folder)).returncode == 0
    assert trellis("new", "entry", "--date", "2026-11-20", "--path", str(folder)).returncode == 0
    return folder


@pytest.fixture
def upgraded(tmp_path):
    """(an old project, its journal's hash before, the first upgrade's run, a fresh project of today)"""
    project = old(tmp_path / "old")
    before = journal_hash(project)
    mkdocs_before = (project / "mkdocs.yml").read_bytes()
    run = trellis("upgrade", str(project))
    assert run.returncode == 0, run.stdout + run.stderr
    # the first init's mkdocs.yml had no exclude_docs: the block is appended, nothing else changes
    after = (project / "mkdocs.yml").read_text()
    assert after.startswith(mkdocs_before.decode()), "mkdocs.yml is the user's: only appended to"
    assert "exclude_docs: |\n  /goals/\n  /contacts/\n  /entries/\n  /applications/\n  /plan.md\n" in after
    return project, before, run, fresh(tmp_path / "new")


def test_an_old_project_gets_this_versions_files(upgraded):
    project, journal_before, run, new = upgraded
    assert journal_hash(project) == journal_before, "journal/ was touched"
    workflow = (project / ".github/workflows/publish.yml").read_text()
    assert "fetch-depth: 0" in workflow and "trellis check --format github" in workflow
    # the same files a fresh init writes today, the user's values carried over
    for name in (
        ".github/workflows/publish.yml",
        ".pre-commit-config.yaml",
        "requirements.txt",
        ".remarkrc.json",
        "package.json",
        ".vscode/settings.json",
        ".vscode/extensions.json",
    ):
        assert (project / name).read_text() == (new / name).read_text(), name
    assert sorted(p.name for p in (project / ".trellis/schema").iterdir()) == sorted(
        p.name for p in (new / ".trellis/schema").iterdir()
    )
    # what changed is shown: a unified diff of the workflow, and each file by name
    assert "+          fetch-depth: 0" in run.stdout and "-        run: trellis check\n" in run.stdout
    for name in (".github/workflows/publish.yml: update", ".remarkrc.json: create", ".gitignore: add"):
        assert name in run.stdout, name
    assert run.stdout.rstrip().splitlines()[-1].startswith("trellis upgrade: changed ")


def test_gitignore_is_merged_keeping_every_line_of_the_users(upgraded):
    project, _, _, new = upgraded
    old_text = (FIXTURE / "gitignore").read_text()
    merged = (project / ".gitignore").read_text()
    assert merged.startswith(old_text), "the user's lines stay as they were, in their place"
    wanted = [line for line in (new / ".gitignore").read_text().splitlines() if line and not line.startswith("#")]
    have = [line for line in merged.splitlines() if line and not line.startswith("#")]
    assert set(wanted) <= set(have) and len(have) == len(set(have)), "every pattern once"
    git(project, "init", "-q")
    for name in (
        "deploy_key",
        "deploy_key.pub",
        "x.ical",
        "x.ifb",
        "#notes.md#",
        ".#notes.md",
        ".plan.md.swp",
        "backup.json",
    ):
        assert git(project, "check-ignore", "-q", name).returncode == 0, name
    # the editor set-up upgrade wrote, and the manifest, are committed (negations after `*.json`)
    for name in ("package.json", ".vscode/settings.json", ".trellis/managed.json", ".trellis/schema/goal.json"):
        assert git(project, "check-ignore", "-q", name).returncode == 1, name


def test_a_second_run_changes_nothing_and_says_so(upgraded):
    project, _, _, _ = upgraded
    before = project_files(project)
    again = trellis("upgrade", str(project))
    assert again.returncode == 0
    assert again.stdout.startswith("trellis upgrade: nothing to change") and again.stdout.count("\n") == 1
    assert project_files(project) == before


def test_check_and_status_say_when_an_upgrade_is_due(tmp_path):
    project = old(tmp_path / "old")
    for command in ("check", "status"):
        run = trellis(command, str(project))
        assert run.returncode == 0
        lines = [line for line in run.stderr.splitlines() if "trellis upgrade" in line]
        assert len(lines) == 1 and "run trellis upgrade" in lines[0], run.stderr
    assert trellis("upgrade", str(project)).returncode == 0
    for command in ("check", "status"):
        assert "upgrade" not in trellis(command, str(project)).stderr
    # a project of today, and this repository's own example, have nothing to upgrade
    assert "upgrade" not in trellis("check", str(fresh(tmp_path / "new"))).stderr
    assert "upgrade" not in trellis("check", str(ROOT)).stderr


def test_dry_run_shows_and_writes_nothing(tmp_path):
    project = old(tmp_path / "old")
    before = project_files(project)
    run = trellis("upgrade", "--dry-run", str(project))
    assert run.returncode == 0
    assert "would update" in run.stdout and "+          fetch-depth: 0" in run.stdout and "wrote nothing" in run.stdout
    assert project_files(project) == before


def test_a_file_the_user_edited_is_kept_then_replaced_with_a_backup_on_force(tmp_path):
    project = old(tmp_path / "old")
    hooks = project / ".pre-commit-config.yaml"
    edited = (
        hooks.read_text() + "  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n"
        "    hooks:\n      - id: end-of-file-fixer\n"
    )
    hooks.write_text(edited)
    journal = journal_hash(project)
    run = trellis("upgrade", str(project))
    assert run.returncode == 1, "a file kept is said in the exit code"
    assert hooks.read_text() == edited
    assert ".pre-commit-config.yaml: you edited it" in run.stdout and "--force" in run.stdout
    assert "fetch-depth: 0" in (project / ".github/workflows/publish.yml").read_text(), "the others are upgraded"
    assert "kept 1 you changed (.pre-commit-config.yaml)" in run.stdout
    # the second run writes nothing, and tells of the edit without the diff: it was shown
    before = project_files(project)
    again = trellis("upgrade", str(project))
    assert again.returncode == 0 and project_files(project) == before
    assert again.stdout.startswith("trellis upgrade: nothing to change") and again.stdout.count("\n") == 1
    assert ".pre-commit-config.yaml is your own edit, kept" in again.stdout

    forced = trellis("upgrade", "--force", str(project))
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert (project / BACKUP).read_text() == edited
    assert "pip install pre-commit" in hooks.read_text()
    assert journal_hash(project) == journal
    git(project, "init", "-q")
    assert git(project, "check-ignore", "-q", BACKUP).returncode == 0, "the backup stays out of git"
    assert trellis("upgrade", str(project)).stdout.startswith("trellis upgrade: nothing to change")
    # a second backup on the same day gets a name of its own
    hooks.write_text(edited)
    (project / ".trellis/managed.json").unlink()
    assert trellis("upgrade", "--force", str(project)).returncode == 0
    assert (project / BACKUP).read_text() == edited
    assert (project / BACKUP.replace(".bak", "-2.bak")).read_text() == edited


def test_the_values_the_readme_says_to_set_are_no_edit(tmp_path):
    project = old(tmp_path / "old")
    workflow = project / ".github/workflows/publish.yml"
    text = workflow.read_text().replace("git@github.com:ada/ada.github.io.git", "git@github.com:ada/site.git")
    workflow.write_text(text.replace("PUBLIC_BRANCH: gh-pages", "PUBLIC_BRANCH: main"))
    (project / "requirements.txt").write_text((project / "requirements.txt").read_text().replace("==0.1.0", "==0.0.9"))
    run = trellis("upgrade", str(project))
    assert run.returncode == 0, run.stdout
    upgraded = workflow.read_text()
    assert "fetch-depth: 0" in upgraded
    assert "PUBLIC_REPO: git@github.com:ada/site.git\n" in upgraded and "PUBLIC_BRANCH: main\n" in upgraded
    # the Trellis line is the one init writes today (whatever it installs Trellis from)
    assert (project / "requirements.txt").read_text() == (fresh(tmp_path / "new") / "requirements.txt").read_text()


def test_a_recorded_project_keeps_what_its_owner_removed_or_edited(tmp_path):
    project = fresh(tmp_path / "p")
    (project / ".pre-commit-config.yaml").unlink()
    gitignore = project / ".gitignore"
    gitignore.write_text(gitignore.read_text().replace("*.csv\n", "") + "my-notes/\n")
    workflow = project / ".github/workflows/publish.yml"
    workflow.write_text(workflow.read_text().replace('python-version: "3.12"', 'python-version: "3.13"'))
    before = project_files(project)
    run = trellis("upgrade", str(project))
    # nothing in this version changed the files edited: no diff, and nothing written
    assert run.returncode == 0, run.stdout
    assert ".pre-commit-config.yaml: you removed it" in run.stdout and "---" not in run.stdout
    assert ".github/workflows/publish.yml is your own edit, kept" in run.stdout
    assert project_files(project) == before
    forced = trellis("upgrade", "--force", str(project))
    assert forced.returncode == 0 and (project / ".pre-commit-config.yaml").is_file()
    assert 'python-version: "3.12"' in workflow.read_text(), "--force replaces edited files too"
    assert "*.csv" not in gitignore.read_text().splitlines() and "my-notes/" in gitignore.read_text()


def test_mkdocs_yml_gets_recommendations_never_edits(tmp_path):
    """Settings other than exclude_docs are the user's taste: shown, never written."""
    project = fresh(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text().replace("extra:\n  generator: false\n", "")
    config.write_text(text)
    run = trellis("upgrade", str(project))
    assert run.returncode == 0 and config.read_text() == text
    assert "mkdocs.yml is yours" in run.stdout and "    extra:\n      generator: false\n" in run.stdout


def test_a_manifest_records_what_init_wrote(tmp_path):
    project = fresh(tmp_path / "p")
    manifest = json.loads((project / ".trellis/managed.json").read_text())
    from trellis.commands import managed as upgrade

    for name in upgrade.WHOLE:
        assert manifest["files"][name]["sha256"] == upgrade.digest(name, (project / name).read_text()), name
    assert trellis("upgrade", str(project)).stdout.startswith("trellis upgrade: nothing to change")


def test_owner_builds_stay_out_of_git_wherever_they_go(tmp_path):
    project = fresh(tmp_path / "p")
    assert build(project, "owner", site=project / "owner-view").returncode == 0
    assert (project / "owner-view" / "contacts").is_dir() or (project / "owner-view" / "index.html").is_file()
    staged = git(project, "add", "-A", "--dry-run").stdout
    assert "owner-view" not in staged
    assert git(project, "check-ignore", "-q", "owner-view/index.html").returncode == 0
    # forced in anyway (the pre-commit hook runs trellis check): refused, naming the folder and the fix
    assert trellis("check", str(project)).returncode == 0
    assert git(project, "add", "-f", "owner-view/index.html").returncode == 0
    check = trellis("check", str(project))
    assert check.returncode == 1 and "owner-view/ is an owner build" in check.stderr
    assert "git rm -r --cached owner-view" in check.stderr and check.stderr.count("owner build") == 1
    assert git(project, "rm", "-r", "-q", "--cached", "owner-view").returncode == 0
    assert trellis("check", str(project)).returncode == 0
    # a public build into the same folder is publishable again: the owner build's mark is gone
    assert build(project, "public", site=project / "owner-view").returncode == 0
    assert not (project / "owner-view" / ".gitignore").exists()
    assert "owner-view/index.html" in git(project, "add", "-A", "--dry-run").stdout


def test_upgrade_outside_a_project_is_one_line(tmp_path):
    run = trellis("upgrade", str(tmp_path))
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr


def test_upgrade_leaves_a_site_init_did_not_make_alone(tmp_path):
    """An existing MkDocs site with a journal inside (docs/guide/options.md: "A journal inside an existing site")."""
    (tmp_path / "mkdocs.yml").write_text("site_name: My site\nplugins: [search, trellis]\n")
    (tmp_path / "docs" / "goals").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Mine\n")
    before = tree(tmp_path)
    run = trellis("upgrade", str(tmp_path))
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "no project trellis init made" in run.stderr
    assert tree(tmp_path) == before
    assert "upgrade" not in trellis("check", str(tmp_path)).stderr


def test_a_broken_manifest_is_no_record(tmp_path):
    project = old(tmp_path / "old")
    for broken in ("{not json", '{"files": [], "gitignore": "*"}', '["a"]'):
        (project / ".trellis").mkdir(exist_ok=True)
        (project / ".trellis/managed.json").write_text(broken)
        run = trellis("upgrade", "--dry-run", str(project))
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
        assert ".github/workflows/publish.yml: would update" in run.stdout


def test_a_managed_file_that_is_a_link_is_never_written_through(tmp_path):
    project = old(tmp_path / "old")
    elsewhere = tmp_path / "shared-workflow.yml"
    shutil.copy(FIXTURE / "github/workflows/publish.yml", elsewhere)
    workflow = project / ".github/workflows/publish.yml"
    workflow.unlink()
    workflow.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    run = trellis("upgrade", "--force", str(project))
    assert run.returncode == 0 and "is a link or a folder" in run.stdout
    assert workflow.is_symlink() and elsewhere.read_bytes() == before
    assert not list(elsewhere.parent.glob("*.bak")) and not list(workflow.parent.glob("*.bak"))


def test_an_older_trellis_does_not_take_a_newer_ones_files_back(tmp_path):
    project = fresh(tmp_path / "p")
    manifest = project / ".trellis/managed.json"
    data = json.loads(manifest.read_text())
    data["trellis"] = "99.0.0"
    manifest.write_text(json.dumps(data))
    before = project_files(project)
    run = trellis("upgrade", str(project))
    assert run.returncode == 1 and "Trellis 99.0.0 wrote" in run.stderr and run.stderr.count("\n") == 1
    assert project_files(project) == before
    check = trellis("check", str(project))
    assert check.returncode == 0 and "install Trellis 99.0.0 or later" in check.stderr


def test_force_backs_up_the_bytes_of_a_file_that_is_not_text(tmp_path):
    project = fresh(tmp_path / "p")
    hooks = project / ".pre-commit-config.yaml"
    odd = b"repos: []\n\xff\xfe not UTF-8\n"
    hooks.write_bytes(odd)
    run = trellis("upgrade", str(project))
    assert run.returncode == 0 and hooks.read_bytes() == odd and "your own edit, kept" in run.stdout
    assert "the managed files are Trellis" not in run.stdout
    assert trellis("upgrade", "--force", str(project)).returncode == 0
    assert (project / BACKUP).read_bytes() == odd and "trellis check" in hooks.read_text()


def test_an_older_mkdocs_yml_gets_exclude_docs_so_a_build_without_trellis_publishes_no_record(tmp_path):
    """Issue 25: `trellis upgrade` brings the exclusion of the record folders to a journal made
    before it existed; plain MkDocs with the plugin dropped then builds no contact page."""
    project = old(tmp_path / "old")
    assert trellis("upgrade", str(project)).returncode == 0
    config = project / "mkdocs.yml"
    text = (
        config.read_text().replace("  - trellis:", "  #- trellis:").replace("      week_start:", "      #week_start:")
    )
    config.write_text(text)
    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    assert not (site / "contacts").exists() and not list(site.rglob("grace-hopper*"))
    assert "Grace Hopper" not in "".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())


def test_exclude_docs_lacking_lines_is_advice_and_left_as_written(tmp_path):
    project = fresh(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text().replace("  /applications/\n", "")
    config.write_text(text)
    run = trellis("upgrade", str(project))
    assert run.returncode == 0 and config.read_text() == text
    assert "does not name every record folder" in run.stdout and "/applications/" in run.stdout
