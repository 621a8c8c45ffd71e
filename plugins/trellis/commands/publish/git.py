"""git as `trellis publish` runs it: a fixed identity, no variable of a git hook pointing it at
another repository, no password prompt, a pinned date when SOURCE_DATE_EPOCH is set, and one
line (with no password or token in it) when it fails.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

IDENTITY = {
    "GIT_AUTHOR_NAME": "Trellis",
    "GIT_AUTHOR_EMAIL": "trellis@localhost",
    "GIT_COMMITTER_NAME": "Trellis",
    "GIT_COMMITTER_EMAIL": "trellis@localhost",
}
# variables that would point git at another repository (set inside git hooks, for one)
_GIT_LOCATION = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)


class PublishError(Exception):
    """Publishing stopped; the message is one line that says why and what to do."""


def safe(text: str) -> str:
    """A remote's address without a password or token in it, for messages."""
    return re.sub(r"://[^/@\s]+@", "://***@", text)


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _GIT_LOCATION}
    env.update(IDENTITY)
    env["GIT_TERMINAL_PROMPT"] = "0"  # a push that needs a password fails instead of waiting
    pinned = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if pinned.isdigit():  # reproducible: the same journal on the same day, the same commit
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{pinned} +0000"
    return env


def git(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    try:
        run = subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args],
            cwd=cwd,
            env=git_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        raise PublishError("git is not installed: install it (e.g. apt install git) and publish again") from None
    if check and run.returncode != 0:
        raise PublishError(last_line(run.stderr) or f"git {args[0]} failed")
    return run


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("hint:")]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:", "!", "remote: error"))]
    return safe((fatal or lines or [""])[-1])
