"""Goals adjusted: each goal's history of adjustments, read from `git log` of the goals folder.

"Adjust your goals as needed": where the journal is a git repository, a goal page shows
the days its file changed what the goal asks (target, due, per, status), and the monthly
review lists the goals created, adjusted, done and dropped in its month.

Git is read once per build: one `git log -p` over the goals folder, with the whole file
as context, so each commit's old and new version of every goal file can be read back and
their frontmatter compared. Nothing is written to the repository (no index refresh, no
lock). Without git, outside a repository, or in a shallow clone (whose history is cut
short, so a goal would seem created on the day the clone begins), there is no history:
`GoalHistory.unavailable` says why, and the build goes on.

The day of a change is the commit's author date, in the author's time zone. What is not
committed yet is not history.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..memo import MISSING, Kept
from ..model import GOAL_STATUSES, MARKDOWN_SUFFIXES, PERIODS, STAGES, Source
from .fields import OutOfBounds, as_date, as_target
from .records import record_id
from .safe_yaml import Unreadable, split_text

FIELDS = ("target", "due", "per", "status")  # what an adjustment is about
TIMEOUT_SECONDS = 30
_COMMIT = "\x1e"  # starts each commit's header in the log
_SEP = "\x1f"


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None  # None: not set
    after: str | None


@dataclass(frozen=True)
class Adjustment:
    """One commit that changed a goal file."""

    day: dt.date
    kind: str  # created | adjusted | done | dropped | paused | resumed | removed
    changes: tuple[Change, ...] = ()
    commit: str = ""


@dataclass
class GoalHistory:
    by_goal: dict[str, list[Adjustment]] = field(default_factory=dict)  # oldest first
    unavailable: str | None = None  # why there is no history (None: it was read)

    def of(self, goal_id: str) -> list[Adjustment]:
        return self.by_goal.get(goal_id, [])

    def in_month(self, first: dt.date, last: dt.date) -> list[tuple[str, Adjustment]]:
        """(goal id, adjustment) made from `first` to `last`, oldest first."""
        found = [(gid, a) for gid, adjustments in self.by_goal.items() for a in adjustments if first <= a.day <= last]
        return sorted(found, key=lambda ga: (ga[1].day, ga[0]))


NOT_VALID = "a value that is not valid"  # what an old version held that the field cannot hold


def _shown(name: str, value) -> str | None:
    """A field's value as a goal page shows it: only what the field can hold (a number or a
    stage, a date, a period, a status). An old version's other text is never shown: it is in
    the repository's history, where the user cannot edit it, and a goal page is public (a
    `status: waiting on ada@example.com` of last year would stop every public build)."""
    if value is None:
        return None
    if name == "due":
        day = as_date(value)
        return day.isoformat() if isinstance(day, dt.date) else NOT_VALID
    if name == "target":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if isinstance(as_target(value), OutOfBounds):
                return NOT_VALID
            return str(int(value)) if float(value).is_integer() else str(value)
        return value.strip() if isinstance(value, str) and value.strip() in STAGES else NOT_VALID
    known = {"per": PERIODS, "status": GOAL_STATUSES}[name]
    text = value.strip().lower() if isinstance(value, str) else None
    return text if text in known else NOT_VALID


def _frontmatter(text: str) -> dict | None:
    """A version's frontmatter values, read as the loader reads a file's, or None when they cannot be."""
    try:
        values, _ = split_text(text.removeprefix("\ufeff"), Source(path="", shown="", rel=""))
    except Unreadable:  # an old version that never parsed: not compared
        return None
    return values


def _kind(changes: list[Change]) -> str:
    status = next((c for c in changes if c.field == "status"), None)
    if status is not None:
        after = (status.after or "active").strip().lower()
        if after in ("done", "dropped", "paused"):
            return after
        if (status.before or "active").strip().lower() == "paused":
            return "resumed"
    return "adjusted"


def _compare(old: dict | None, new: dict | None) -> list[Change]:
    old, new = old or {}, new or {}
    changes = []
    for name in FIELDS:
        before, after = _shown(name, old.get(name)), _shown(name, new.get(name))
        if name == "status":  # active is the default: writing it out changes nothing
            before, after = before or "active", after or "active"
        if before != after:
            changes.append(Change(name, before, after))
    return changes


def _path_of(header: str) -> str:
    path = header.strip()
    if path.startswith('"') and path.endswith('"'):
        # C escapes of bytes (\", \\, \t, \303\244); with core.quotepath=off, non-ASCII
        # letters come as they are, so they go back to their UTF-8 bytes first
        raw = _C_ESCAPE.sub(_unescape, path[1:-1].encode("utf-8"))
        path = raw.decode("utf-8", "replace")
    return path


_C_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
_C_NAMED = {b"a": b"\a", b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"v": b"\v"}


def _unescape(match: re.Match) -> bytes:
    code = match.group(1)
    if code[:1].isdigit():
        return bytes([int(code, 8) & 0xFF])
    return _C_NAMED.get(code, code)


def parse_log(text: str) -> dict[str, list[Adjustment]]:
    """`git log --reverse -p --unified=<whole file>` of goal files into adjustments by goal id."""
    found: dict[str, list[Adjustment]] = {}
    for chunk in text.split(_COMMIT)[1:]:
        header, _, diff = chunk.partition("\n")
        parts = header.split(_SEP)
        if len(parts) < 2:
            continue
        try:
            day = dt.date.fromisoformat(parts[1].strip())
        except ValueError:
            continue
        for file_diff in diff.split("\ndiff --git ")[0:]:
            _file(file_diff, day, parts[0], found)
    return found


def _file(file_diff: str, day: dt.date, commit: str, found: dict[str, list[Adjustment]]) -> None:
    old_path = new_path = None
    old_lines: list[str] = []
    new_lines: list[str] = []
    in_hunk = False
    for line in file_diff.split("\n"):
        if not in_hunk:
            if line.startswith("--- "):
                old_path = None if line[4:].strip() == "/dev/null" else _path_of(line[4:])
            elif line.startswith("+++ "):
                new_path = None if line[4:].strip() == "/dev/null" else _path_of(line[4:])
            elif line.startswith("@@"):
                in_hunk = True
            continue
        if line.startswith("@@"):
            continue
        if line.startswith(" "):
            old_lines.append(line[1:])
            new_lines.append(line[1:])
        elif line.startswith("-"):
            old_lines.append(line[1:])
        elif line.startswith("+"):
            new_lines.append(line[1:])
        # "\ No newline at end of file" and the blank line between commits: nothing
    path = new_path or old_path
    if path is None or not path.lower().endswith(MARKDOWN_SUFFIXES):
        return
    goal_id = record_id(path)
    if new_path is None:
        found.setdefault(goal_id, []).append(Adjustment(day, "removed", (), commit))
        return
    new = _frontmatter("\n".join(new_lines))
    if old_path is None:
        found.setdefault(goal_id, []).append(
            Adjustment(
                day,
                "created",
                tuple(
                    Change(name, None, _shown(name, new.get(name)))
                    for name in FIELDS
                    if new and new.get(name) is not None
                ),
                commit,
            )
        )
        return
    changes = _compare(_frontmatter("\n".join(old_lines)), new)
    if changes:
        found.setdefault(goal_id, []).append(Adjustment(day, _kind(changes), tuple(changes), commit))


def _git_dir(start: Path) -> Path | None:
    """The repository's common git folder holding `start` (worktrees too), or None."""
    for folder in (start, *start.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            try:
                text = dot.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                return None
            if not text.startswith("gitdir:"):
                return None
            gitdir = (folder / text[len("gitdir:") :].strip()).resolve()
            common = gitdir / "commondir"
            if common.is_file():
                try:
                    return (gitdir / common.read_text(encoding="utf-8").strip()).resolve()
                except OSError:
                    return gitdir
            return gitdir
    return None


def read_history(journal_root: Path, folder: str = "goals", memo: Kept | None = None) -> GoalHistory:
    """Every goal file's adjustments, from one `git log` of the journal's goals folder (`memo`:
    the last one read, kept across `mkdocs serve` rebuilds)."""
    goals = Path(journal_root) / folder
    if not goals.is_dir():
        return GoalHistory(unavailable="the journal has no goals folder")
    git_dir = _git_dir(goals.resolve())
    if git_dir is None:
        return GoalHistory(unavailable="the journal is not in a git repository")
    if (git_dir / "shallow").exists():
        return GoalHistory(
            unavailable="the repository is a shallow clone: its history is cut short "
            "(fetch it whole with git fetch --unshallow)"
        )
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    command = [
        "git",
        "-c",
        "core.quotepath=off",
        "-c",
        "diff.noprefix=false",
        "log",
        "--reverse",
        "--no-color",
        "--no-renames",
        "--no-ext-diff",
        "--no-textconv",
        "--unified=100000",
        "-p",
        f"--format={_COMMIT}%H{_SEP}%as",
        "--",
        ".",
    ]
    try:
        # the commit checked out: while it is the same, so is the history (under `mkdocs serve`
        # each rebuild asks, and `git log -p` of years of goals is the dearer call)
        head = subprocess.run(
            ["git", "rev-parse", "--verify", "-q", "HEAD"],
            cwd=goals,
            env=env,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
        )
        key = (str(goals.resolve()), head.returncode, head.stdout)
        if memo is not None and (known := memo.find("last", key)) is not MISSING:
            return known
        run = subprocess.run(
            command, cwd=goals, env=env, capture_output=True, timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        return GoalHistory(unavailable="git is not installed")
    except (OSError, subprocess.TimeoutExpired) as err:
        return GoalHistory(unavailable=f"git could not be run ({type(err).__name__})")
    if run.returncode != 0:
        # git's own words may name a folder of the user's machine ("dubious ownership in
        # repository at /home/..."), and goal pages are public: only the exit status is shown
        return GoalHistory(
            unavailable=f"git log failed (exit status {run.returncode}): run git log in the journal's folder to see why"
        )
    history = GoalHistory(parse_log(run.stdout.decode("utf-8", "replace")))
    if memo is not None:
        memo.keep("last", key, history)  # the last one read only
    return history


__all__ = ["Adjustment", "Change", "GoalHistory", "parse_log", "read_history"]
