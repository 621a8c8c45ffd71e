"""An owner build keeps itself out of git, wherever it is written.

`TRELLIS_AUDIENCE=owner mkdocs build -d owner-view` puts every e-mail, phone and note of the
journal into a folder of the project that no `.gitignore` pattern can foresee. So the build
writes a `.gitignore` of its own into that folder, ignoring everything in it (as `python -m
venv` does for a virtual environment): `git add -A` then leaves it out, in any project and
under any name. A public build into the same folder removes it (MkDocs' clean-up keeps dot
files), so that a public site is never made unpublishable by a leftover.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

FIRST_LINE = "# Trellis owner build: every contact's private data. Never commit or publish this folder."
TEXT = f"{FIRST_LINE}\n# Trellis wrote this file when it built the owner view here; git ignores the whole folder.\n*\n"


def _ours(path: Path) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8").startswith(FIRST_LINE)
    except (OSError, UnicodeDecodeError):
        return False


def mark(site_dir: Path, owner: bool) -> None:
    """Before a build into site_dir: mark it as an owner build's, or remove Trellis' mark."""
    path = site_dir / ".gitignore"
    if owner:
        if path.exists() or path.is_symlink():
            return  # ours already, or someone else's: left as it is
        site_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT, encoding="utf-8")
    elif _ours(path):
        path.unlink()


def tracked(project: Path) -> dict[str, int]:
    """Folders of the project holding an owner build's mark whose files git tracks or has
    staged anyway (`git add -f`, or committed before the mark): {folder: how many files}.
    Empty outside a git repository, or without git."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(project), "ls-files", "-z", "--cached"], capture_output=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if listed.returncode != 0:
        return {}
    marked: dict[str, bool] = {}  # folder (relative, posix) -> holds the mark

    def mark_of(folder: str) -> str | None:
        """The nearest folder at or above `folder` (inside the project) that holds the mark."""
        parts = folder.split("/")
        for end in range(1, len(parts) + 1):
            candidate = "/".join(parts[:end])
            if candidate not in marked:
                marked[candidate] = _ours(project / candidate / ".gitignore")
            if marked[candidate]:
                return candidate
        return None

    found: dict[str, int] = {}
    for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0"):
        folder = name.rpartition("/")[0]
        if not folder:
            continue
        owner = mark_of(folder)
        if owner is not None:
            found[owner] = found.get(owner, 0) + 1
    return found


def tracked_message(folder: str, count: int) -> str:
    return (
        f"{folder}/ is an owner build (every contact's e-mail, phone and notes), and git tracks or has staged "
        f"{count} file{'s' * (count != 1)} in it: git rm -r --cached {folder} (the folder stays on disk, "
        "out of git)"
    )
