"""`init`, `upgrade` and `publish` on odd values and targets (found in attack round 24).

Issue 24 attacked: values and targets nobody listed, each a break found and fixed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import trellis

# --- init --public-repo: the value lands in the workflow's env, where GitHub evaluates ${{ }} ---------


@pytest.mark.parametrize(
    "value",
    [
        "${{ github.event.head_commit.message }}",  # a commit message would choose where the site goes
        "git@github.com:ada/${{ secrets.PAGES_DEPLOY_KEY }}.git",  # a secret into the log and the push URL
        "'${{ github.token }}'",
        "$(touch pwned)",
        "ada/ada.github.io",  # no host: not an address git pushes to
        "-oProxyCommand=touch pwned",
    ],
)
def test_init_refuses_a_public_repo_that_is_no_git_address(tmp_path, value):
    run = trellis("init", str(tmp_path / "p"), "--public-repo", value)
    assert run.returncode != 0
    assert "--public-repo" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert not (tmp_path / "p" / ".github").exists(), "nothing written"


@pytest.mark.parametrize(
    "value",
    [
        "git@github.com:ada/ada.github.io.git",
        "https://github.com/ada/ada.github.io.git",
        "ssh://git@github.com/ada/ada.github.io.git",
        "github-pages:ada/site.git",
    ],
)
def test_init_writes_a_git_address_into_the_workflow_as_given(tmp_path, value):
    run = trellis("init", str(tmp_path / "p"), "--public-repo", value)
    assert run.returncode == 0, run.stderr
    workflow = yaml.safe_load((tmp_path / "p/.github/workflows/publish.yml").read_text())
    assert workflow["env"]["PUBLIC_REPO"] == value


# --- trellis upgrade on a project checked out with CRLF line endings ------------------------------

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project-first-init"
OLD_FILES = {
    "github/workflows/publish.yml": ".github/workflows/publish.yml",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "requirements.txt": "requirements.txt",
    "mkdocs.yml": "mkdocs.yml",
}


def test_upgrade_appends_to_a_crlf_mkdocs_yml_and_gitignore_without_rewriting_their_lines(tmp_path):
    """A Windows checkout without autocrlf has every line ending in CRLF: upgrade appended its
    block in LF and rewrote every existing line to LF, so `git diff` showed the whole of the
    user's mkdocs.yml changed, not the block added."""
    project = tmp_path / "p"
    assert trellis("init", str(project), "--name", "Ada").returncode == 0
    for name in (".remarkrc.json", "package.json", ".vscode", ".trellis"):
        path = project / name
        __import__("shutil").rmtree(path) if path.is_dir() else path.unlink()
    before = {}
    for source, target in OLD_FILES.items():
        data = (FIXTURE / source).read_bytes().replace(b"\n", b"\r\n")
        (project / target).write_bytes(data)
        before[target] = data
    run = trellis("upgrade", str(project))
    assert run.returncode == 0, run.stdout + run.stderr
    for target in ("mkdocs.yml", ".gitignore"):
        after = (project / target).read_bytes()
        assert after.startswith(before[target]), f"{target}: the user's lines were rewritten"
        assert len(after) > len(before[target]), f"{target}: nothing appended"
        assert after.count(b"\n") == after.count(b"\r\n"), f"{target}: mixed line endings"
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    assert "/contacts/" in config["exclude_docs"]
    again = trellis("upgrade", str(project))
    assert again.returncode == 0 and "nothing to change" in again.stdout, again.stdout


# --- trellis publish with a pushInsteadOf in the user's git config ---------------------------------


def _journal_with_remote(tmp: Path) -> tuple[Path, Path, dict]:
    from test_publish import git, make_journal

    journal = make_journal(tmp / "journal")
    git("branch", "-M", "main", cwd=journal)
    origin = tmp / "origin.git"
    git("init", "-q", "--bare", str(origin))
    git("remote", "add", "origin", str(origin), cwd=journal)
    git("push", "-q", "-u", "origin", "main", cwd=journal)
    home = tmp / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_ALLOW_PROTOCOL": "file",
        "GIT_SSH_COMMAND": "false",
        "GIT_TERMINAL_PROMPT": "0",
    }
    return journal, origin, env


def test_publish_refuses_a_target_git_pushes_to_the_journals_remote_by_push_insteadof(tmp_path):
    """`url.<journal's remote>.pushInsteadOf = <site>` in ~/.gitconfig: ls-remote and the fetch read
    the (empty, separate) site repository, every check passed, and the push went to the journal's
    remote: `--branch main` force-replaced the journal's main there with the built site."""
    from test_publish import git, trellis

    journal, origin, env = _journal_with_remote(tmp_path)
    site = tmp_path / "site.git"
    git("init", "-q", "--bare", str(site))
    subprocess.run(
        ["git", "config", "--file", env["GIT_CONFIG_GLOBAL"], f"url.{origin}.pushInsteadOf", str(site)], check=True
    )
    before = git("for-each-ref", cwd=origin)
    run = trellis("publish", "--to", str(site), "--branch", "main", cwd=journal, env=env)
    assert run.returncode != 0, run.stdout
    assert "refused" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert git("for-each-ref", cwd=origin) == before, "the journal's remote was written"
    assert git("for-each-ref", cwd=site) == "", "nothing pushed anywhere"


def test_publish_reads_and_pushes_the_same_repository_under_a_push_insteadof(tmp_path):
    """The everyday use (an address rewritten for pushes only) still publishes, and to the place
    git pushes to, which the checks now read too."""
    from test_publish import git, trellis

    journal, origin, env = _journal_with_remote(tmp_path)
    site = tmp_path / "site.git"
    git("init", "-q", "--bare", str(site))
    written = "https://example.invalid/ada/site.git"  # never reached: git rewrites it for the push
    subprocess.run(
        ["git", "config", "--file", env["GIT_CONFIG_GLOBAL"], f"url.{site}.pushInsteadOf", written], check=True
    )
    env["GIT_ALLOW_PROTOCOL"] = "file"  # https refused: a read of the written address would fail the test
    run = trellis("publish", "--to", written, cwd=journal, env=env)
    assert run.returncode == 0, run.stderr
    assert "gh-pages" in git("for-each-ref", cwd=site)


@pytest.mark.parametrize("branch", ["HEAD", "refs/heads/main", "main.lock", "gh-pages/", "site."])
def test_publish_refuses_a_branch_git_would_not_name(tmp_path, branch):
    """`--branch HEAD` made a branch named HEAD in the site repository, `refs/heads/main` one named
    refs/heads/refs/heads/main; `main.lock`, `gh-pages/` and `site.` were built, then failed at the push."""
    from test_publish import git, trellis

    journal, origin, env = _journal_with_remote(tmp_path)
    site = tmp_path / "site.git"
    git("init", "-q", "--bare", str(site))
    run = trellis("publish", "--to", str(site), "--branch", branch, cwd=journal, env=env)
    assert run.returncode != 0, run.stdout
    assert f"--branch '{branch}'" in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert git("for-each-ref", cwd=site) == ""


def test_publish_from_a_subfolder_reads_a_remotes_relative_path_from_the_top_as_git_does(tmp_path):
    """`git remote add site ../site.git`, then `trellis publish --to site` from journal/entries:
    git reads the path from the work tree's top, publish read it from the folder it ran in, and
    refused a repository inside the journal that does not exist (deeper, it would name another)."""
    from test_publish import git, trellis

    journal, origin, env = _journal_with_remote(tmp_path)
    site = tmp_path / "site.git"
    git("init", "-q", "--bare", str(site))
    git("remote", "add", "site", "../site.git", cwd=journal)
    run = trellis("publish", "--to", "site", cwd=journal / "journal" / "entries", env=env)
    assert run.returncode == 0, run.stderr
    assert "gh-pages" in git("for-each-ref", cwd=site)


@pytest.mark.parametrize("spelling", ["file://{origin_without_git}", "file://{origin_without_git}/"])
def test_publish_refuses_the_journals_empty_origin_spelt_without_its_git_suffix(tmp_path, spelling):
    """Before the journal's first push its origin holds no commit, so only its address tells it
    apart; `file:///x/origin` (git opens /x/origin.git) escaped the comparison of addresses, and
    the site was pushed into the journal's own, private repository."""
    from test_publish import git, make_journal, trellis

    journal = make_journal(tmp_path / "journal")
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin))
    git("remote", "add", "origin", str(origin), cwd=journal)
    env = {"GIT_ALLOW_PROTOCOL": "file", "GIT_SSH_COMMAND": "false", "GIT_TERMINAL_PROMPT": "0"}
    target = spelling.format(origin_without_git=tmp_path / "origin")
    run = trellis("publish", "--to", target, cwd=journal, env=env)
    assert run.returncode != 0, run.stdout
    assert "refused" in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert git("for-each-ref", cwd=origin) == "", "the journal's origin was written"


# --- mkdocs gh-deploy onto a branch of the journal ------------------------------------------------


@pytest.mark.parametrize("flags", [["-b", "main"], ["-b", "main", "--no-history", "--force"], ["-b", "drafts"]])
def test_gh_deploy_refuses_a_branch_of_the_journals_own_history_before_building(tmp_path, flags):
    """`mkdocs gh-deploy -b main` in a journal made the checked-out main a commit of the built site
    (every journal file deleted in it) and pushed it to origin, where the next pull empties every
    clone; with --no-history --force the journal's history on the remote was replaced. `drafts`
    exists only as origin's branch: ghp_import would force an orphan over it."""
    from test_publish import git, make_journal

    journal = make_journal(tmp_path / "journal")
    git("branch", "-M", "main", cwd=journal)
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin))
    git("remote", "add", "origin", str(origin), cwd=journal)
    git("push", "-q", "origin", "main", "main:drafts", cwd=journal)
    git("fetch", "-q", "origin", cwd=journal)
    local, remote = git("for-each-ref", cwd=journal), git("for-each-ref", cwd=origin)
    status = git("status", "--porcelain", cwd=journal)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", *flags],
        cwd=journal,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_ALLOW_PROTOCOL": "file", "GIT_TERMINAL_PROMPT": "0"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "branch of the journal's own history" in errors[0], run.stderr
    assert git("for-each-ref", cwd=journal) == local and git("for-each-ref", cwd=origin) == remote
    assert git("status", "--porcelain", cwd=journal) == status
    assert not (journal / "site").exists(), "nothing built"


def test_gh_deploy_to_an_orphan_gh_pages_of_its_own_still_deploys(tmp_path):
    from test_publish import git, make_journal

    journal = make_journal(tmp_path / "journal")
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin))
    git("remote", "add", "origin", str(origin), cwd=journal)
    for _ in range(2):  # the second one builds on the gh-pages branch the first one made
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "gh-deploy"],
            cwd=journal,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_ALLOW_PROTOCOL": "file"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr
    assert "refs/heads/gh-pages" in git("for-each-ref", cwd=origin)


# --- init inside a bigger repository ---------------------------------------------------------------


def test_init_in_a_subfolder_of_a_repository_says_the_workflow_there_never_runs(tmp_path):
    """GitHub runs only the top folder's .github/workflows: `trellis init journal` inside a bigger
    repository said 'left as it is', and the publishing workflow it wrote never ran."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(tmp_path)], check=True)
    run = trellis("init", str(tmp_path / "journal"))
    assert run.returncode == 0, run.stderr
    line = next(line for line in run.stdout.splitlines() if "is inside the git repository" in line)
    assert "never runs" in line and ".github/workflows" in line, run.stdout
    # at the top of a repository of its own, nothing to say but the branch
    top = tmp_path / "own"
    subprocess.run(["git", "init", "-q", "-b", "main", str(top)], check=True)
    run = trellis("init", str(top))
    assert run.returncode == 0 and "never runs" not in run.stdout, run.stdout


# --- init --requirement, then check and upgrade ------------------------------------------------------


def test_a_project_made_with_requirement_is_not_called_older_and_upgrade_keeps_the_line(tmp_path):
    """`trellis init --requirement SPEC`, then `trellis check` at once: 'the files trellis init wrote
    here are older than this Trellis: run trellis upgrade', and upgrade replaced the chosen line
    with its default (here, where Trellis runs from a checkout, a line the journal's CI cannot
    install): following the hint of a brand-new project broke its publishing."""
    project = tmp_path / "p"
    chosen = "trellis-journal @ git+https://github.com/ada/trellis@0123456789abcdef0123456789abcdef01234567"
    assert trellis("init", str(project), "--requirement", chosen).returncode == 0
    check = trellis("check", str(project))
    assert check.returncode == 0 and "older" not in check.stdout + check.stderr, check.stdout + check.stderr
    run = trellis("upgrade", str(project))
    assert run.returncode == 0 and "nothing to change" in run.stdout, run.stdout
    assert (project / "requirements.txt").read_text().splitlines()[-1] == chosen
    again = trellis("upgrade", str(project))
    assert "nothing to change" in again.stdout and (project / "requirements.txt").read_text().splitlines()[-1] == chosen


def test_publish_refuses_a_url_whose_remote_config_pushes_to_the_journals_remote(tmp_path):
    """git reads `remote."<URL>".pushurl` for a URL given on the command line as for a remote's
    name: `git push file:///site.git` went to the journal's remote, while ls-remote read the site."""
    from test_publish import git, trellis

    journal, origin, env = _journal_with_remote(tmp_path)
    site = tmp_path / "site.git"
    git("init", "-q", "--bare", str(site))
    target = f"file://{site}"
    subprocess.run(
        ["git", "config", "--file", env["GIT_CONFIG_GLOBAL"], f"remote.{target}.pushurl", str(origin)], check=True
    )
    before = git("for-each-ref", cwd=origin)
    run = trellis("publish", "--to", target, "--branch", "main", cwd=journal, env=env)
    assert run.returncode != 0 and "refused" in run.stderr, run.stdout + run.stderr
    assert git("for-each-ref", cwd=origin) == before, "the journal's remote was written"
    assert git("for-each-ref", cwd=site) == ""


# --- trellis upgrade and a mkdocs.yml that inherits its exclude_docs ----------------------------------


def test_upgrade_does_not_replace_an_inherited_exclude_docs(tmp_path):
    """mkdocs.yml with `INHERIT: base.yml`, whose exclude_docs names the record folders and a
    drafts/ folder: upgrade saw no exclude_docs in mkdocs.yml and appended one, which MkDocs
    puts in place of the parent's whole list, so the next public build published drafts/."""
    import re

    from conftest import site_text

    project = tmp_path / "p"
    assert trellis("init", str(project)).returncode == 0
    text = (project / "mkdocs.yml").read_text()
    block = re.search(r"exclude_docs: \|\n(?:  .*\n)+", text).group(0)
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\n" + text.replace(block, ""))
    (project / "base.yml").write_text(block + "  /drafts/\n")
    (project / "journal/drafts").mkdir()
    (project / "journal/drafts/plans.md").write_text("# Drafts\n\nDRAFTMARKER not for anyone's eyes\n")
    before = (project / "mkdocs.yml").read_bytes()
    run = trellis("upgrade", str(project))
    assert run.returncode == 0, run.stdout + run.stderr
    assert (project / "mkdocs.yml").read_bytes() == before, "mkdocs.yml was appended to"
    check = trellis("check", str(project))
    assert "older" not in check.stdout + check.stderr, check.stdout + check.stderr
    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project,
        env={**os.environ, "TRELLIS_AUDIENCE": "public", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert "DRAFTMARKER" not in site_text(site)


def test_publish_refuses_a_target_git_would_read_as_an_option(tmp_path):
    """`--to=--upload-pack=CMD:x` reached `git ls-remote` and `git remote add` as an option: refused
    as the journal's origin (ls-remote --get-url printed origin's address) or with git's 'unknown
    option', never saying what was wrong; the command must never run."""
    from test_publish import trellis

    journal, origin, env = _journal_with_remote(tmp_path)
    run = trellis("publish", "--to=--upload-pack=touch${IFS}PWNED;:x", cwd=journal, env=env)
    assert run.returncode != 0
    assert "starts with '-'" in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert not list(tmp_path.rglob("PWNED*"))


def test_upgrade_over_a_dangling_link_as_manifest_ends_without_a_traceback(tmp_path):
    """.trellis/managed.json a link to nothing (a clone made where the link's target is missing):
    upgrade saw no file, created one at that name, and ended in writing.FileExists' traceback."""
    project = tmp_path / "p"
    assert trellis("init", str(project)).returncode == 0
    manifest = project / ".trellis/managed.json"
    manifest.unlink()
    manifest.symlink_to(tmp_path / "nowhere" / "managed.json")
    run = trellis("upgrade", str(project))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert manifest.is_file() and not manifest.is_symlink()
    assert "nothing to change" in trellis("upgrade", str(project)).stdout
