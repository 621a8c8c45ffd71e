"""`trellis publish`, the public-repository guard and the workflow `trellis init` writes.

Every publish goes to a local bare repository; every check of what was pushed reads every
object reachable from the pushed branch."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EPOCH, mkdocs_build, tree, trellis

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}
PUBLIC_PERSON = "Grace Consenting"
PRIVATE = [
    "Zora Privatemann",
    "zora@private.example",
    "grace@private.example",
    "+44 20 7946 0991",
    "Met at the secret offsite",
    "Asked about the confidential reorg plans",
    "A private reflection about my week that nobody else should read",
]
CONTACTS = {
    "grace-consenting.md": f"---\nname: {PUBLIC_PERSON}\nrole: Developer\nsector: fintech\nmet: 2026-11-20\n"
    "email: grace@private.example\npublic: true\n---\n",
    "zora-privatemann.md": "---\nname: Zora Privatemann\nrole: Recruiter\nsector: edtech\nmet: 2026-11-21\n"
    'email: zora@private.example\nphone: "+44 20 7946 0991"\npublic: false\n---\n'
    "Met at the secret offsite\n",
}
ENTRY = """---
date: 2026-11-22
interactions:
  - with: zora-privatemann
    channel: coffee
    direction: outbound
    summary: Asked about the confidential reorg plans
  - with: grace-consenting
    channel: video
    direction: mutual
public: false
---
A private reflection about my week that nobody else should read
"""


def git(*args: str, cwd: Path | None = None) -> str:
    run = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_IDENTITY}, capture_output=True, text=True, check=True
    )
    return run.stdout


def no_identity(home: Path) -> dict:
    """A machine with no git identity at all: trellis publish must not need one."""
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, "HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / "none"), "GIT_CONFIG_NOSYSTEM": "1"}


def make_journal(folder: Path) -> Path:
    from importlib.metadata import version  # as if installed from the index (these tests run from a checkout,

    installed = f"trellis-journal=={version('trellis-journal')}"  # whose requirements.txt stops the CI)
    assert trellis("init", str(folder), "--name", "Owner Person", "--requirement", installed).returncode == 0
    for name, text in CONTACTS.items():
        (folder / "journal" / "contacts" / name).write_text(text)
    (folder / "journal" / "entries" / "2026" / "2026-11-22.md").write_text(ENTRY)
    git("init", "-q", cwd=folder)
    git("add", "-A", cwd=folder)
    git("commit", "-qm", "my journal", cwd=folder)
    return folder


def reachable_blobs(bare: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    """Every object reachable from the branch, by its path (commits and trees included)."""
    found = {}
    for line in git("rev-list", "--objects", branch, cwd=bare).splitlines():
        sha, _, path = line.partition(" ")
        found[path or sha] = subprocess.run(
            ["git", "cat-file", "-p", sha], cwd=bare, capture_output=True, check=True
        ).stdout
    return found


def repository_state(repo: Path) -> dict:
    return {
        "refs": git("for-each-ref", cwd=repo),
        "head": git("symbolic-ref", "HEAD", cwd=repo),
        "index": (repo / ".git" / "index").read_bytes(),
        "status": git("status", "--porcelain", "--ignored", cwd=repo),
        "stash": git("stash", "list", cwd=repo),
        "config": (repo / ".git" / "config").read_bytes(),
        "tree": {k: v for k, v in tree(repo).items() if not k.startswith(".git/")},
    }


@pytest.fixture
def published(tmp_path):
    journal = make_journal(tmp_path / "journal-repo")
    bare = tmp_path / "site.git"
    git("init", "-q", "--bare", str(bare))
    git("remote", "add", "site", str(bare), cwd=journal)
    return journal, bare, tmp_path


def test_publish_pushes_the_site_only_as_one_commit(published):
    journal, bare, tmp = published
    before = repository_state(journal)
    run = trellis("publish", "--to", "site", cwd=journal, env=no_identity(tmp / "home"))
    assert run.returncode == 0, run.stderr
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "1"
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).split()
    assert "index.html" in files and ".nojekyll" in files and "progress/index.html" in files
    assert not [f for f in files if f.startswith("journal/") and f.endswith(".md")]
    assert not [f for f in files if re.search(r"\.(md|csv|vcf|vcard|ics)$", f)], files
    assert not [f for f in files if f.startswith("contacts/zora")]
    objects = reachable_blobs(bare)
    assert any(PUBLIC_PERSON.encode() in data for data in objects.values()), "the consenting person is published"
    for data in objects.values():
        for secret in PRIVATE:
            assert secret.encode() not in data, secret
    journal_commits = git("rev-list", "--all", cwd=journal).split()
    assert not set(journal_commits) & set(git("rev-list", "--all", cwd=bare).split())
    commit = git("log", "-1", "--format=%an <%ae>|%cn <%ce>", "gh-pages", cwd=bare).strip()
    assert commit == "Trellis <trellis@localhost>|Trellis <trellis@localhost>"
    assert repository_state(journal) == before


def test_withdrawn_consent_is_gone_from_everything_reachable(published):
    journal, bare, tmp = published
    assert trellis("publish", "--to", str(bare), cwd=journal).returncode == 0
    contact = journal / "journal" / "contacts" / "grace-consenting.md"
    contact.write_text(contact.read_text().replace("public: true", "public: false"))
    run = trellis("publish", "--to", str(bare), cwd=journal)
    assert run.returncode == 0, run.stderr
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "1"
    for path, data in reachable_blobs(bare).items():
        assert PUBLIC_PERSON.encode() not in data and b"grace-consenting" not in data, path
        assert "grace-consenting" not in path


def test_keep_history_adds_one_commit_and_a_cname_is_kept(published):
    journal, bare, tmp = published
    assert trellis("publish", "--to", "site", cwd=journal).returncode == 0
    # the custom domain, set on the public branch (as GitHub's settings page does)
    clone = tmp / "clone"
    git("clone", "-q", "-b", "gh-pages", str(bare), str(clone))
    (clone / "CNAME").write_text("journal.example.org\n")
    git("add", "CNAME", cwd=clone)
    git("commit", "-qm", "custom domain", cwd=clone)
    git("push", "-q", "origin", "gh-pages", cwd=clone)
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "2"
    index = journal / "journal" / "index.md"
    index.write_text(index.read_text() + "\nA new line on the home page.\n")
    run = trellis("publish", "--to", "site", "--keep-history", "--message", "Home page", cwd=journal)
    assert run.returncode == 0, run.stderr
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "3"
    assert git("log", "-1", "--format=%s", "gh-pages", cwd=bare).strip() == "Home page"
    assert git("show", "gh-pages:CNAME", cwd=bare) == "journal.example.org\n"
    # and the default replaces the history, still with the domain
    assert trellis("publish", "--to", "site", cwd=journal).returncode == 0
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "1"
    assert git("show", "gh-pages:CNAME", cwd=bare) == "journal.example.org\n"


def test_dry_run_lists_the_files_and_pushes_nothing(published):
    journal, bare, tmp = published
    run = trellis("publish", "--to", "site", "--dry-run", "--branch", "main", cwd=journal)
    assert run.returncode == 0, run.stderr
    assert "index.html" in run.stdout.split() and "pushed nothing" in run.stdout
    assert git("for-each-ref", cwd=bare) == ""


@pytest.mark.parametrize("remote", ["no-such-remote", "/no/such/path.git", "git@host.invalid:x/y.git"])
def test_a_bad_remote_fails_in_one_line(published, remote):
    journal, bare, tmp = published
    before = repository_state(journal)
    run = trellis("publish", "--to", remote, cwd=journal, env={"GIT_SSH_COMMAND": "false"})
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("trellis publish: "), run.stderr
    assert "Traceback" not in run.stderr
    assert repository_state(journal) == before


def test_a_rejected_push_fails_in_one_line(published):
    journal, bare, tmp = published
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    run = trellis("publish", "--to", "site", cwd=journal)
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "push" in run.stderr, run.stderr


def test_a_guard_finding_stops_the_publish_and_nothing_is_pushed(published):
    journal, bare, tmp = published
    (journal / "journal" / "about.md").write_text("# About\n\nWrite to zora@private.example\n")
    before = repository_state(journal)
    run = trellis("publish", "--to", "site", cwd=journal)
    assert run.returncode == 1 and "nothing was pushed" in run.stderr and "Traceback" not in run.stderr
    assert git("for-each-ref", cwd=bare) == ""
    assert repository_state(journal) == before


# --- the public-repository guard ------------------------------------------------------

PUBLIC = {"TRELLIS_REPOSITORY_VISIBILITY": "public"}


def test_a_public_repository_with_one_email_fails_check_build_and_publish(tmp_path):
    project = tmp_path / "p"
    assert trellis("init", str(project)).returncode == 0
    entry = next((project / "journal" / "entries").rglob("*.md"))
    entry.write_text(entry.read_text().replace("public: false", "public: true"))
    (project / "journal" / "contacts" / "ada.md").write_text(
        "---\nname: Ada Consenting\nmet: 2026-11-20\nemail: ada@example.org\npublic: true\n---\n"
    )
    bare = tmp_path / "site.git"
    git("init", "-q", "--bare", str(bare))
    check = trellis("check", str(project), env=PUBLIC)
    assert check.returncode == 1
    assert "this repository is public" in check.stderr and "1 journal file" in check.stderr
    assert "journal/contacts/ada.md (e-mail)" in check.stderr and "about 1 person" in check.stderr
    assert "trellis publish" in check.stderr and "private" in check.stderr
    built = mkdocs_build(project, tmp_path / "s", PUBLIC)
    assert built.returncode != 0 and "this repository is public" in built.stderr
    assert "Traceback" not in built.stderr
    published = trellis("publish", "--to", str(bare), "--path", str(project), env=PUBLIC)
    assert published.returncode == 1 and "this repository is public" in published.stderr
    assert git("for-each-ref", cwd=bare) == ""
    # the same journal in a private repository publishes
    assert trellis("check", str(project), env={"TRELLIS_REPOSITORY_VISIBILITY": "private"}).returncode == 0
    # and without the e-mail, it may be public
    (project / "journal" / "contacts" / "ada.md").write_text(
        "---\nname: Ada Consenting\nmet: 2026-11-20\npublic: true\n---\n"
    )
    assert trellis("check", str(project), env=PUBLIC).returncode == 0
    ok = mkdocs_build(project, tmp_path / "s2", PUBLIC)
    assert ok.returncode == 0, ok.stderr[-2000:]
    assert trellis("publish", "--to", str(bare), "--path", str(project), env=PUBLIC).returncode == 0


def test_repository_exposure_counts_every_kind_of_private_data(tmp_path):
    from trellis.loading import load_journal
    from trellis.privacy.repository import repository_exposure, repository_is_public

    journal = tmp_path / "journal"
    for rel, text in {
        "contacts/open.md": "---\nname: Open Person\npublic: true\n---\n",
        "contacts/wants.md": "---\nname: Wants Person\npublic: true\nwant: [an intro]\n---\n",
        "contacts/hidden.md": "---\nname: Hidden Person\n---\n",
        "contacts/broken.md": "---\nname: [\n---\n",
        "entries/2026-11-01.md": "---\npublic: true\n---\nPublished text.\n",
        "entries/2026-11-02.md": "---\npublic: false\n---\nMy private text.\n",
        "Connections.csv": "First Name\n",
    }.items():
        (journal / rel).parent.mkdir(parents=True, exist_ok=True)
        (journal / rel).write_text(text)
    (journal / "contacts" / ".gitkeep").write_text("")
    found = repository_exposure(load_journal(journal))
    assert {Path(p).name for p in found.files} == {
        "wants.md",
        "hidden.md",
        "broken.md",
        "2026-11-02.md",
        "Connections.csv",
    }
    assert len(found.people) == 3
    assert repository_is_public({"TRELLIS_REPOSITORY_VISIBILITY": " Public "})
    assert not repository_is_public({"TRELLIS_REPOSITORY_VISIBILITY": "private"})
    assert not repository_is_public({})


# --- the workflow `trellis init` writes -----------------------------------------------


def test_the_workflow_uses_pinned_official_actions_and_names_the_public_repository_once(tmp_path):
    project = tmp_path / "p"
    assert trellis("init", str(project)).returncode == 0
    text = (project / ".github" / "workflows" / "publish.yml").read_text()
    workflow = yaml.safe_load(text)
    assert workflow[True]["push"]["branches"] == ["main"] and "workflow_dispatch" in workflow[True]
    assert workflow["env"]["TRELLIS_REPOSITORY_VISIBILITY"] == "${{ github.event.repository.visibility }}"
    assert text.count("USER.github.io") == 1
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses and all(re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", u) for u in uses), uses
    assert any("secrets.PAGES_DEPLOY_KEY" in str(s.get("env", {})) for s in steps)


def _expressions(value: str, secrets: dict) -> str:
    value = value.replace("${{ github.event.repository.visibility }}", "private")
    return re.sub(r"\$\{\{ secrets\.(\w+) \}\}", lambda m: secrets.get(m.group(1), ""), value)


def run_workflow(project: Path, bare: Path, tmp: Path, secrets: dict) -> list[subprocess.CompletedProcess]:
    """Every `run:` step of the workflow, in order, as GitHub runs them (bash, the workflow's
    and the step's env, $GITHUB_ENV carried to later steps), against a local bare repository."""
    workflow = yaml.safe_load((project / ".github" / "workflows" / "publish.yml").read_text())
    runner_temp = tmp / "runner-temp"
    runner_temp.mkdir()
    github_env = tmp / "github-env"
    github_env.write_text("")
    base = {
        **no_identity(tmp / "home"),
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_ENV": str(github_env),
        "PIP_NO_INDEX": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    base.update({k: _expressions(str(v), secrets) for k, v in workflow["env"].items()})
    base["PUBLIC_REPO"] = str(bare)  # the one line a user edits
    runs = []
    # the publish job's (the digest job's steps run in tests/commands/test_digest.py)
    for step in (s for s in workflow["jobs"]["publish"]["steps"] if "run" in s):
        env = {**base, **{k: _expressions(str(v), secrets) for k, v in step.get("env", {}).items()}}
        env.update(line.split("=", 1) for line in github_env.read_text().splitlines() if "=" in line)
        run = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=project, env=env, capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0, (step.get("name"), run.stdout[-2000:], run.stderr[-2000:])
        runs.append(run)
    return runs


def test_every_run_step_of_the_workflow_works_against_a_local_repository(tmp_path):
    project = make_journal(tmp_path / "journal-repo")
    bare = tmp_path / "site.git"
    git("init", "-q", "--bare", str(bare))
    runs = run_workflow(project, bare, tmp_path, secrets={})
    assert len(runs) == 4
    assert "already satisfied" in runs[0].stdout.lower()  # requirements.txt pins the installed version
    assert "No PAGES_DEPLOY_KEY secret" in runs[2].stdout
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "1"
    assert (tmp_path / "github-env").read_text() == ""


def test_the_deploy_key_step_writes_a_private_key_file_and_git_uses_it_only_for_ssh(tmp_path):
    project = make_journal(tmp_path / "journal-repo")
    bare = tmp_path / "site.git"
    git("init", "-q", "--bare", str(bare))
    run_workflow(project, bare, tmp_path, secrets={"PAGES_DEPLOY_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n"})
    key = tmp_path / "runner-temp" / "deploy_key"
    assert key.read_text().startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert "github.com ssh-ed25519 " in (tmp_path / "runner-temp" / "known_hosts").read_text()
    ssh = (tmp_path / "github-env").read_text()
    assert ssh.startswith("GIT_SSH_COMMAND=ssh -i ") and "IdentitiesOnly=yes" in ssh
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "1"
