"""`mkdocs gh-deploy` ending in one line, not in MkDocs' traceback.

gh-deploy builds the site, commits it to the local `gh-pages` branch, then pushes to
`remote_name` (`origin` unless set), all in the current folder's repository. Without that
remote it made the commit and then ended in a traceback from ghp_import. So the plugin
asks git first, before anything is built (`deploy_refusal`); and since the push runs after
the last plugin event, a push the remote refuses (git has said why on the lines above)
ends in one line too (`one_line_push_failures`). Nothing here imports MkDocs.
"""

from __future__ import annotations

import subprocess
import sys


def deploy_refusal(remote_name: str, remote_branch: str = "gh-pages") -> str | None:
    """Why gh-deploy cannot push from the current folder, or None."""

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], stdin=subprocess.DEVNULL, capture_output=True, text=True)

    try:
        inside = git("rev-parse", "--is-inside-work-tree")
    except FileNotFoundError:
        return (
            "mkdocs gh-deploy needs git, which is not installed: install it (e.g. apt install git); nothing was built"
        )
    if inside.returncode != 0:
        return (
            "mkdocs gh-deploy pushes from the git repository of the current folder, and this folder is in "
            "none: run it in the project's repository (git init, git remote add origin URL); nothing was built"
        )
    if journal_ref := _journal_branch(git, remote_name, remote_branch):
        return (
            f"mkdocs gh-deploy would commit the site onto '{remote_branch}', a branch of the journal's own "
            f"history ({journal_ref}): the site's commit replaces every journal file there, and --force or "
            "--no-history replaces the journal's history on the remote; deploy to gh-pages (remote_branch), "
            "or publish to a separate repository with trellis publish; nothing was built or committed"
        )
    if "/" in remote_name or ":" in remote_name:
        return None  # a path or URL, which git push takes as well as a remote's name (-r ../site.git)
    if git("remote", "get-url", "--push", "--", remote_name).stdout.strip():
        return None
    return (
        f"mkdocs gh-deploy pushes to the remote '{remote_name}', and this repository has no such remote: "
        f"add it (git remote add {remote_name} URL) or name another with --remote-name; nothing was built "
        "or committed"
    )


def _journal_branch(git, remote_name: str, branch: str) -> str | None:
    """The ref ghp_import would build on or push over that holds the journal's line (the branch
    checked out, or one sharing a root commit with HEAD), or None. ghp_import commits the site
    onto the local branch of that name, as a child of its tip (or alone with --no-history), and
    pushes it: `-b main` made the journal's main a commit of the built site."""

    def lines(*args: str) -> set[str]:
        run = git(*args)
        return set(run.stdout.split()) if run.returncode == 0 else set()

    current = git("symbolic-ref", "-q", "HEAD").stdout.strip()
    if current == f"refs/heads/{branch}":
        return current
    roots = lines("rev-list", "--max-parents=0", "HEAD")
    if not roots:
        return None
    for ref in (f"refs/heads/{branch}", f"refs/remotes/{remote_name}/{branch}"):
        exists = lines("rev-parse", "--verify", "-q", f"{ref}^{{commit}}")
        if exists and roots & lines("rev-list", "--max-parents=0", ref):
            return ref
    return None


def one_line_push_failures() -> None:
    """A `git push` that fails in ghp_import (after every plugin event) ends in one line."""
    previous = sys.excepthook

    def hook(kind, error, trace):
        command = getattr(error, "cmd", None)
        if (
            isinstance(error, subprocess.CalledProcessError)
            and isinstance(command, list)
            and command[:2] == ["git", "push"]
        ):
            remote, branch = (command[2:4] + ["", ""])[:2]
            print(
                f"mkdocs gh-deploy: the push to '{remote}' failed (git says why above); the "
                f"site is committed on the local {branch} branch: once the remote accepts it, "
                f"git push {remote} {branch}",
                file=sys.stderr,
            )
            return
        previous(kind, error, trace)

    sys.excepthook = hook
