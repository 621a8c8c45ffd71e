"""The git repository `trellis init` starts, on the branch the publishing workflow runs on.

The workflow `init` writes runs on pushes to `main`; a plain `git init` on a git without
`init.defaultBranch` makes `master`, and then the first push publishes nothing and nothing
says why. So `init` runs `git init -b main` itself, where git is installed and the folder
is not inside a repository already; inside one, it says which branch the workflow wants.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

BRANCH = "main"  # the branch `on: push: branches:` names in templates/project's workflow


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=60)


def start_repository(folder: Path) -> str:
    """Make `folder` a git repository on `main` if it is in none; one line saying what was done."""
    if shutil.which("git") is None:
        return (
            f"git is not installed: install it, then run git init -b {BRANCH} here "
            f"(the publishing workflow runs on pushes to {BRANCH})"
        )
    inside = _git(folder, "rev-parse", "--show-toplevel")
    if inside.returncode == 0:
        top = inside.stdout.strip()
        branch = _git(folder, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
        said = f"{folder} is inside the git repository {top}"
        if branch and branch != BRANCH:
            said += (
                f", on branch {branch}: the publishing workflow runs on pushes to {BRANCH} (git branch -m "
                f"{branch} {BRANCH}, or change `branches:` in .github/workflows/publish.yml)"
            )
        if Path(top).resolve() != folder.resolve():
            # GitHub runs only the workflows in .github/workflows at the repository's top: the one
            # written into a subfolder would never publish, and nothing on GitHub says why
            return (
                f"{said}; and in a subfolder of it: GitHub runs only the workflows in {top}/.github/workflows, "
                "so the publishing workflow written here never runs; keep the journal in a repository of its "
                f"own (git init -b {BRANCH} in a folder outside {top})"
            )
        return said if branch and branch != BRANCH else f"{said}: left as it is"
    made = _git(folder, "init", "--quiet", "-b", BRANCH)
    if made.returncode != 0:  # a git older than 2.28 has no -b: name the unborn branch by hand
        made = _git(folder, "init", "--quiet")
        if made.returncode == 0:
            made = _git(folder, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
    if made.returncode != 0:
        reason = (made.stderr.strip().splitlines() or ["git init failed"])[-1]
        return f"could not start a git repository ({reason}): run git init -b {BRANCH} there yourself"
    return f"started a git repository on branch {BRANCH} (the publishing workflow runs on pushes to {BRANCH})"
