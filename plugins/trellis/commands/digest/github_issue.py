"""`trellis digest --github-issue`: the digest as ONE open issue of the journal's own repository,
created the first time and updated (its body replaced, and a comment, so that GitHub notifies)
every time after; the scheduled job of the workflow `trellis init` writes runs it.

The journal's digest names people and what the owner hopes for from each: it is posted only to a
PRIVATE repository, and only to the one the workflow runs in (`GITHUB_REPOSITORY`). The repository's
visibility is GitHub's own word (`gh repo view --json visibility`), and the event's, when the
workflow passes it (`TRELLIS_REPOSITORY_VISIBILITY`): anything but private on either, or a word
that cannot be had, and nothing is posted. `gh` does the talking, with the job's GITHUB_TOKEN.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping

ISSUE_TITLE = "Trellis: this week's reach-out"
REPOSITORY_VAR = "GITHUB_REPOSITORY"
VISIBILITY_VAR = "TRELLIS_REPOSITORY_VISIBILITY"  # the event's repository.visibility, as the workflow passes it
_REPOSITORY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")
REFUSED = 1
FAILED = 2


class NotPosted(Exception):
    def __init__(self, message: str, code: int = FAILED):
        super().__init__(message)
        self.code = code


def post(body: str, environ: Mapping[str, str] = os.environ) -> int:
    """Create or update the digest issue; 0 when posted, 1 when refused, 2 when it could not be."""
    try:
        repository = _repository(environ)
        _refuse_unless_private(repository, environ)
        number = _open_issue(repository)
        if number is None:
            _gh("issue", "create", "--repo", repository, "--title", ISSUE_TITLE, "--body-file", "-", stdin=body)
            print(f"trellis digest: opened the issue {ISSUE_TITLE!r} in {repository}")
        else:
            _gh("issue", "edit", str(number), "--repo", repository, "--body-file", "-", stdin=body)
            # an edited body notifies nobody; a comment does (mail and phone, as the owner chose on GitHub)
            _gh("issue", "comment", str(number), "--repo", repository, "--body-file", "-", stdin=body)
            print(f"trellis digest: updated issue #{number} ({ISSUE_TITLE!r}) in {repository}")
    except NotPosted as err:
        print(f"trellis digest: {err}", file=sys.stderr)
        return err.code
    return 0


def _repository(environ: Mapping[str, str]) -> str:
    repository = environ.get(REPOSITORY_VAR, "").strip()
    if not repository:
        raise NotPosted(
            f"{REPOSITORY_VAR} is not set: --github-issue posts to the repository a GitHub Actions "
            "workflow runs in, and only there; run it from the workflow trellis init writes",
            REFUSED,
        )
    if not _REPOSITORY.match(repository):
        raise NotPosted(f"{REPOSITORY_VAR} is {repository!r}, not OWNER/NAME: nothing posted", REFUSED)
    return repository


def _refuse_unless_private(repository: str, environ: Mapping[str, str]) -> None:
    said = environ.get(VISIBILITY_VAR, "").strip().lower()
    if said and said != "private":
        raise NotPosted(_refusal(repository, said), REFUSED)
    out = _gh("repo", "view", repository, "--json", "visibility")
    try:
        visibility = str(json.loads(out)["visibility"]).lower()
    except (ValueError, KeyError, TypeError):
        raise NotPosted(f"gh repo view gave no visibility for {repository} ({out.strip()[:200]!r}): nothing posted")
    if visibility != "private":
        raise NotPosted(_refusal(repository, visibility), REFUSED)


def _refusal(repository: str, visibility: str) -> str:
    return (
        f"refusing to post: {repository} is {visibility}, and the digest names your contacts and what you "
        "hope for from each, for you alone. Make the journal's repository private (Settings → General → "
        "Danger Zone → Change visibility), or remove the digest job from .github/workflows/publish.yml"
    )


def _open_issue(repository: str) -> int | None:
    """The open issue of the digest's title (the oldest, if there are several), or None."""
    out = _gh("issue", "list", "--repo", repository, "--state", "open", "--limit", "1000", "--json", "number,title")
    try:
        issues = json.loads(out)
        numbers = [int(i["number"]) for i in issues if i.get("title") == ISSUE_TITLE]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise NotPosted(f"gh issue list gave what is not a list of issues ({out.strip()[:200]!r}): nothing posted")
    return min(numbers) if numbers else None


def _gh(*args: str, stdin: str | None = None) -> str:
    gh = shutil.which("gh")
    if gh is None:
        raise NotPosted("the GitHub CLI, gh, is not installed (GitHub's runners have it): nothing posted")
    done = subprocess.run([gh, *args], input=stdin, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise NotPosted(f"gh {args[0]} {args[1]} failed: {said[-1] if said else f'exit {done.returncode}'}")
    return done.stdout
