"""`trellis init [DIR]`: a new journal project that builds on day one.

The files are skeletons under `templates/project/` (they ship in the wheel), with a few
words filled in: the owner's name, the site's title and address, the public repository
the workflow publishes to, the first day of a week, and today's date for the goals and
the first entry. The project holds no copy of Trellis' code or templates: its
`requirements.txt` installs Trellis, pinned to the version that wrote it.

Nothing is ever overwritten, and nothing is half done: if any file `init` would write is
there already, it writes none of them and names every one (`ProjectFilesExist`). Each
file is then created through `writing.create`, which fails rather than replace a file
that appeared meanwhile.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from . import writing
from .model import WEEKDAYS
from .rendering import templates_dir

DEFAULT_PUBLIC_REPO = "git@github.com:USER/USER.github.io.git"
DEFAULT_VISION = "Find my next role through people who know my work"
HABIT_REVIEW_DAYS = 182  # the cadence goals are reviewed after six months (SMART-T3 asks for a year at most)
VISION_HORIZON_DAYS = 365

# template (under templates/project/) -> file in the new project. The templates have no
# leading dots, so that they are neither hidden nor read by git as this repository's own.
_FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "requirements.txt": "requirements.txt",
    "github/workflows/publish.yml": ".github/workflows/publish.yml",
    "journal/index.md": "journal/index.md",
    "journal/plan.md": "journal/plan.md",
    "journal/goals/vision.md": "journal/goals/vision.md",
    "journal/goals/daily-journal.md": "journal/goals/daily-journal.md",
    "journal/goals/weekly-new-connections.md": "journal/goals/weekly-new-connections.md",
    "journal/goals/weekly-dormant-ties.md": "journal/goals/weekly-dormant-ties.md",
    "journal/goals/monthly-review.md": "journal/goals/monthly-review.md",
    "journal/goals/quarterly-event.md": "journal/goals/quarterly-event.md",
}
# contacts/ starts empty; git keeps no empty folder. A dot file is no record (the loader
# reads only *.md files) and is never published (MkDocs skips dot files).
_KEEP_CONTACTS = "journal/contacts/.gitkeep"


class ProjectFilesExist(Exception):
    """Files `init` would write are there already; nothing was written."""

    def __init__(self, paths: list[Path]):
        super().__init__(", ".join(map(str, paths)))
        self.paths = paths


class BadOption(ValueError):
    """An option's value `init` can't use; the message says what to write instead."""


@dataclass
class Settings:
    name: str = ""
    title: str = ""
    site_url: str = ""
    public_repo: str = ""
    week_start: str = "monday"
    vision: str = ""


def installed_version() -> str:
    """The version of Trellis that runs, for the project's requirements.txt."""
    try:
        from importlib.metadata import PackageNotFoundError, version
        return version("trellis-journal")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from . import __version__
        return __version__


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _values(settings: Settings, today: dt.date) -> dict[str, str]:
    name = _one_line(settings.name)
    title = _one_line(settings.title) or (f"{name} · networking journal" if name else "My networking journal")
    site_url = _one_line(settings.site_url)
    if site_url and not site_url.startswith(("https://", "http://")):
        raise BadOption(f"--site-url '{site_url}' is not a web address: write it as https://USER.github.io/")
    if settings.week_start not in WEEKDAYS:
        raise BadOption(f"--week-start '{settings.week_start}' is not a weekday: use one of {', '.join(WEEKDAYS)}")
    public_repo = _one_line(settings.public_repo) or DEFAULT_PUBLIC_REPO
    vision = _one_line(settings.vision) or DEFAULT_VISION
    description = f"{name}'s networking goals, progress and network." if name else \
        "My networking goals, progress and network."
    return {
        "__SITE_NAME__": writing.yaml_value(title),
        "__SITE_DESCRIPTION__": writing.yaml_value(description),
        "__SITE_URL__": f"site_url: {writing.yaml_value(site_url)}\n" if site_url else
        "# site_url: https://USER.github.io/   # the public site's address: canonical links and the sitemap\n",
        "__WEEK_START__": settings.week_start,
        "__PUBLIC_REPO__": writing.yaml_value(public_repo),
        "__VERSION__": installed_version(),
        # a markdown heading: the owner's own words, shown as text
        "__OWNER__": html.escape(name or "Your name", quote=False),
        "__VISION__": writing.yaml_value(vision),
        "__HORIZON__": (today + dt.timedelta(days=VISION_HORIZON_DAYS)).isoformat(),
        "__START__": today.isoformat(),
        "__DUE__": (today + dt.timedelta(days=HABIT_REVIEW_DAYS)).isoformat(),
        "__DATE__": today.isoformat(),
        "__FOLLOW_UP__": (today + dt.timedelta(days=7)).isoformat(),
    }


def _fill(text: str, values: dict[str, str]) -> str:
    for token, value in values.items():
        text = text.replace(token, value)
    return text


def project_files(settings: Settings, today: dt.date) -> dict[str, str]:
    """Every file of a new project, by its path in the project, with its text."""
    values = _values(settings, today)
    source = templates_dir() / "project"
    files = {target: _fill((source / template).read_text(encoding="utf-8"), values)
             for template, target in _FILES.items()}
    first_entry = f"journal/entries/{today.year}/{today.isoformat()}.md"  # as `trellis new entry` names it
    files[first_entry] = _fill((source / "journal/entries/first-entry.md").read_text(encoding="utf-8"), values)
    files[_KEEP_CONTACTS] = ""
    return files


def init_project(folder: Path, settings: Settings, today: dt.date) -> list[Path]:
    """Write a new project into `folder` (made if missing); the paths written, in order.

    ProjectFilesExist, with every one of them, if any file is there already: then
    nothing is written."""
    if folder.exists() and not folder.is_dir():
        raise BadOption(f"{folder} is a file, not a folder: give a folder for the new journal")
    files = project_files(settings, today)
    taken = [folder / rel for rel in files if (folder / rel).exists() or (folder / rel).is_symlink()]
    if taken:
        raise ProjectFilesExist(taken)
    written = []
    for rel, text in files.items():
        writing.create(folder / rel, text)
        written.append(folder / rel)
    return written
