"""`trellis publish` never writes to the journal's own repository, whatever --to names it by.

One journal serves every refusal: each must happen before the build (so these tests build
nothing) and leave the journal's refs, every byte of its folder (.git included), its remote
and the other repositories exactly as they were. GIT_ALLOW_PROTOCOL=file keeps every git
the tests start off the network: an address that is not refused before git reaches for it
fails the test instead of dialling out."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_publish import git, make_journal, trellis
from trellis.commands.publish import gh_deploy as deploying

OFFLINE = {"GIT_ALLOW_PROTOCOL": "file", "GIT_SSH_COMMAND": "false", "GIT_TERMINAL_PROMPT": "0"}
ORIGIN_URL = "git@github.com:Owner/Journal.git"  # what the journal's origin is called; git reads a local bare


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def refs(repo: Path) -> str:
    return git("for-each-ref", cwd=repo)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("targets")
    journal = make_journal(tmp / "journal-repo")
    git("branch", "-M", "main", cwd=journal)
    main = git("rev-parse", "main", cwd=journal).strip()
    origin = tmp / "origin.git"
    git("init", "-q", "--bare", str(origin))
    git("config", f"url.{origin}.insteadOf", ORIGIN_URL, cwd=journal)  # the GitHub address, kept on this machine
    git("remote", "add", "origin", ORIGIN_URL, cwd=journal)
    git("push", "-q", "-u", "origin", "main", cwd=journal)
    # a second remote of the journal's own, not named origin: the one main pushes to, still empty
    backup = tmp / "backup.git"
    git("init", "-q", "--bare", str(backup))
    git("remote", "add", "backup", str(backup), cwd=journal)
    git("config", "branch.main.pushRemote", "backup", cwd=journal)
    # the journal's remote again, under another address
    clone = tmp / "mirror.git"
    git("clone", "-q", "--bare", str(origin), str(clone))
    git("worktree", "add", "-q", str(tmp / "other-worktree"), "-b", "drafts", cwd=journal)
    (tmp / "link").symlink_to(journal)
    # a separate repository whose gh-pages someone set to the journal's main
    tip_site = tmp / "tip-site.git"
    git("init", "-q", "--bare", str(tip_site))
    git("push", "-q", str(tip_site), "main:refs/heads/gh-pages", cwd=journal)
    # a separate repository whose gh-pages descends from the journal's main (a commit on top of it)
    child_site = tmp / "child-site.git"
    git("init", "-q", "--bare", str(child_site))
    work = tmp / "child-work"
    git("clone", "-q", "-b", "main", str(origin), str(work))
    (work / "index.html").write_text("a site on top of the journal\n")
    git("add", "index.html", cwd=work)
    git("commit", "-qm", "site", cwd=work)
    git("push", "-q", str(child_site), "HEAD:refs/heads/gh-pages", cwd=work)
    assert git("rev-parse", "gh-pages^", cwd=child_site).strip() == main
    # a clone of the journal's remote that moved past it: the journal has fetched none of its tips
    ahead = tmp / "ahead.git"
    git("commit", "-q", "--allow-empty", "-m", "written on another laptop", cwd=work)
    git("clone", "-q", "--bare", str(origin), str(ahead))
    git("push", "-q", str(ahead), "HEAD:refs/heads/main", cwd=work)
    return {
        "tmp": tmp,
        "journal": journal,
        "origin": origin,
        "clone": clone,
        "backup": backup,
        "tip_site": tip_site,
        "child_site": child_site,
        "ahead": ahead,
        "main": main,
    }


def state(w: dict) -> dict:
    journal = w["journal"]
    return {
        "refs": refs(journal),
        "head": git("rev-parse", "HEAD", cwd=journal),
        "files": digest(journal),
        "worktree": digest(w["tmp"] / "other-worktree"),
        **{
            name: (refs(w[name]), digest(w[name]))
            for name in ("origin", "clone", "backup", "tip_site", "child_site", "ahead")
        },
    }


# (--to, extra arguments, the reason the one line gives); paths are relative to the test's folder
REFUSED = {
    "dot": (".", [], "inside the journal's own repository"),
    "its path": ("{journal}", [], "inside the journal's own repository"),
    "a subfolder": ("{journal}/journal/entries", [], "inside the journal's own repository"),
    "its .git": ("{journal}/.git/", [], "inside the journal's own repository"),
    "a symlink to it": ("{tmp}/link", [], "inside the journal's own repository"),
    "a worktree of it": ("{tmp}/other-worktree", [], "inside the journal's own repository"),
    "a file URL of it": ("file://{tmp}/link/.git", [], "inside the journal's own repository"),
    "origin": ("origin", [], "remote of the journal's own repository"),
    "origin onto main": ("origin", ["--branch", "main"], "remote of the journal's own repository"),
    "the remote main pushes to": ("backup", [], "remote of the journal's own repository"),
    "that remote by path": ("{backup}", [], "the journal's own remote 'backup'"),
    "origin's URL": (ORIGIN_URL, [], "address of the journal's own remote 'origin'"),
    "ssh:// and case": ("ssh://git@GitHub.COM/owner/journal", [], "address of the journal's own remote 'origin'"),
    "https with a slash": ("https://github.com/Owner/Journal.git/", [], "address of the journal's own remote 'origin'"),
    "scp without .git": ("git@github.com:Owner/Journal", [], "address of the journal's own remote 'origin'"),
    "the remote's bare repository": ("{origin}", [], "the journal's own remote 'origin'"),
    "a clone of the remote": ("file://{clone}", [], "refs/heads/main is a commit of this journal"),
    "a branch whose tip is the journal's": ("{tip_site}", [], "refs/heads/gh-pages is a commit of this journal"),
    "keep-history onto a branch descended from main": (
        "{child_site}",
        ["--keep-history"],
        "refused --keep-history onto",
    ),
    "replacing a branch descended from main": ("{child_site}", [], "refused to replace"),
    "a clone that moved past the journal": ("{ahead}", [], "its branch main holds commits of this journal"),
    "a clone that moved past it, onto main": ("{ahead}", ["--branch", "main"], "refused to replace"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_the_journals_own_repository_is_refused_before_building_and_nothing_changes(world, case):
    target, extra, reason = REFUSED[case]
    target = target.format(**{k: v for k, v in world.items() if isinstance(v, Path)})
    before = state(world)
    run = trellis("publish", "--to", target, *extra, cwd=world["journal"], env=OFFLINE)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("trellis publish: refused "), run.stderr
    assert reason in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""
    assert state(world) == before


def test_a_shallow_checkout_still_knows_a_clone_that_moved_past_it(world, tmp_path):
    """The workflow's checkout may be shallow: its oldest commit looks like a root and is none."""
    work = tmp_path / "work"
    git("clone", "-q", "-b", "main", str(world["origin"]), str(work))
    for text in ("second", "third"):
        git("commit", "-q", "--allow-empty", "-m", text, cwd=work)
        if text == "second":
            deep = tmp_path / "deep.git"
            git("clone", "-q", "--bare", str(work), str(deep))
    ahead = tmp_path / "deep-ahead.git"
    git("clone", "-q", "--bare", str(work), str(ahead))
    shallow = tmp_path / "shallow"
    git("clone", "-q", "--depth", "1", f"file://{deep}", str(shallow))
    assert git("rev-list", "--count", "HEAD", cwd=shallow).strip() == "1"
    before = (refs(ahead), digest(ahead), digest(shallow))
    run = trellis("publish", "--to", str(ahead), cwd=shallow, env=OFFLINE)
    assert run.returncode == 1 and "its branch main holds commits of this journal" in run.stderr, run.stderr
    assert (refs(ahead), digest(ahead), digest(shallow)) == before


def test_a_separate_site_repository_still_publishes_and_an_old_gh_deploy_branch_is_no_journal(tmp_path):
    """A journal with origin and a local gh-pages left by mkdocs gh-deploy, publishing with --keep-history
    to a separate repository that holds that old gh-pages: it is the site's past, not the journal's."""
    journal = make_journal(tmp_path / "journal-repo")
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin))
    git("remote", "add", "origin", str(origin), cwd=journal)
    git("push", "-q", "origin", "HEAD:refs/heads/main", cwd=journal)
    old = git("commit-tree", "-m", "Deployed with MkDocs", git("mktree", cwd=journal).strip(), cwd=journal).strip()
    git("branch", "gh-pages", old, cwd=journal)
    site = tmp_path / "site.git"
    git("init", "-q", "--bare", str(site))
    git("push", "-q", str(site), "gh-pages", cwd=journal)
    git("remote", "add", "site", str(site), cwd=journal)
    journal_refs, origin_refs = refs(journal), refs(origin)
    run = trellis("publish", "--to", "site", "--keep-history", cwd=journal, env=OFFLINE)
    assert run.returncode == 0, run.stderr
    assert git("rev-parse", "gh-pages^", cwd=site).strip() == old
    assert "index.html" in git("ls-tree", "--name-only", "gh-pages", cwd=site).split()
    assert refs(journal) == journal_refs and refs(origin) == origin_refs


def test_a_journal_with_errors_is_not_published(tmp_path):
    journal = make_journal(tmp_path / "journal-repo")
    (journal / "journal" / "contacts" / "yes-person.md").write_text("---\nname: Yes Person\npublic: yes\n---\n")
    site = tmp_path / "site.git"
    git("init", "-q", "--bare", str(site))
    run = trellis("publish", "--to", str(site), cwd=journal, env=OFFLINE)
    assert run.returncode == 1
    first, *named = run.stderr.splitlines()
    assert first.startswith("trellis publish: refused: the journal has 1 error,") and "trellis check" in first
    assert len(named) == 1 and "yes-person.md" in named[0] and "FILE-12" in named[0], run.stderr
    assert "Traceback" not in run.stderr
    assert refs(site) == ""
    assert not (journal / "site").exists()


def test_the_workflow_refuses_its_own_repository_as_public_repo_before_publishing(tmp_path):
    """The publish step, run as GitHub runs it, with a `trellis` that only notes it was called."""
    assert trellis("init", str(tmp_path / "p")).returncode == 0
    workflow = yaml.safe_load((tmp_path / "p" / ".github" / "workflows" / "publish.yml").read_text())
    step = next(
        s for job in workflow["jobs"].values() for s in job["steps"] if s.get("name") == "Publish the public view"
    )
    assert step["env"]["JOURNAL_REPO"] == "${{ github.repository }}"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    called = tmp_path / "called"
    (bin_dir / "trellis").write_text(f"#!/bin/sh\necho \"$@\" > '{called}'\n")
    (bin_dir / "trellis").chmod(0o755)

    def run_step(public_repo: str) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PUBLIC_REPO": public_repo,
            "PUBLIC_BRANCH": "gh-pages",
            "JOURNAL_REPO": "Owner/Journal",
        }
        return subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True, timeout=60)

    for same in (
        "git@github.com:Owner/Journal.git",
        "https://github.com/owner/journal",
        "ssh://git@github.com/Owner/Journal.git/",
    ):
        run = run_step(same)
        assert run.returncode == 1 and "is this journal's own repository" in run.stdout, (same, run.stdout)
        assert run.stdout.startswith("::error::") and run.stdout.count("\n") == 1
        assert not called.exists()
    run = run_step("git@github.com:Owner/Owner.github.io.git")
    assert run.returncode == 0, run.stderr
    assert called.read_text() == "publish --to git@github.com:Owner/Owner.github.io.git --branch gh-pages\n"


# --- mkdocs gh-deploy ---------------------------------------------------------------------


def gh_deploy(project: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--no-history"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **OFFLINE, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_gh_deploy_without_origin_stops_in_one_line_before_building(tmp_path):
    journal = make_journal(tmp_path / "journal-repo")
    before = refs(journal)
    run = gh_deploy(journal)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "no such remote" in errors[0] and "git remote add origin" in errors[0], run.stderr
    assert refs(journal) == before and "gh-pages" not in before
    assert not (journal / "site").exists()
    # the remote named by --remote-name is the one asked for
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--remote-name", "pages"],
        cwd=journal,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **OFFLINE},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1 and "remote 'pages'" in run.stderr and "Traceback" not in run.stderr
    # a path (or URL) is what git push takes too: it is left to the push
    assert deploying.deploy_refusal("../site.git") is None


def test_gh_deploy_outside_a_repository_stops_in_one_line_before_building(tmp_path):
    project = tmp_path / "p"
    assert trellis("init", str(project)).returncode == 0
    shutil.rmtree(project / ".git")  # init starts a repository where git is installed: a folder that has none
    run = gh_deploy(project, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert run.returncode == 1 and "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "is in none" in errors[0], run.stderr
    assert not (project / "site").exists()


def test_gh_deploy_to_a_remote_that_refuses_the_push_ends_in_one_line(tmp_path):
    journal = make_journal(tmp_path / "journal-repo")
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin))
    hook = origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n")
    hook.chmod(0o755)
    git("remote", "add", "origin", str(origin), cwd=journal)
    run = gh_deploy(journal)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "no pushes today" in run.stderr  # git's own reason, then ours
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("mkdocs gh-deploy: the push to 'origin' failed") and "git push origin gh-pages" in last
    assert refs(origin) == ""
