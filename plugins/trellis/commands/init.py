"""`trellis init [DIR]`: a new journal project that builds on day one.

The files are skeletons under `templates/project/` (they ship in the wheel), with a few
words filled in: the owner's name, the site's title and address, the public repository
the workflow publishes to, the first day of a week, and today's date for the goals and
the first entry. The project holds no copy of Trellis' code or templates: its
`requirements.txt` installs the Trellis that wrote it (`distribution.requirement`).

Nothing is ever overwritten, and nothing is half done: if any file `init` would write is
there already, it writes none of them and names every one (`ProjectFilesExist`). Each
file is then created through `writing.create`, which fails rather than replace a file
that appeared meanwhile.

The values typed at init are made safe before they land in a file (`# Values`); the project then
becomes a git repository on the branch its workflow runs on (`# The git repository`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .. import clock, distribution, writing
from ..model import WEEKDAYS
from ..resources import templates_dir
from .editor import editor_files
from .managed import MANIFEST, init_manifest

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
    requirement: str = ""  # requirements.txt's line; "" is the one that installs this Trellis


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _values(settings: Settings, today: dt.date) -> dict[str, str]:
    name = _one_line(settings.name)
    title = _one_line(settings.title) or (f"{name} · networking journal" if name else "My networking journal")
    site_url = _one_line(settings.site_url)
    if site_url:
        try:
            valid_site_url(site_url)
        except BadValue as err:
            raise BadOption(str(err)) from None
    if settings.week_start not in WEEKDAYS:
        raise BadOption(f"--week-start '{settings.week_start}' is not a weekday: use one of {', '.join(WEEKDAYS)}")
    public_repo = _one_line(settings.public_repo) or DEFAULT_PUBLIC_REPO
    try:  # it lands in the workflow, where GitHub evaluates ${{ }} in any quoting
        valid_public_repo(public_repo)
    except BadValue as err:
        raise BadOption(str(err)) from None
    vision = _one_line(settings.vision) or DEFAULT_VISION
    description = (
        f"{name}'s networking goals, progress and network." if name else "My networking goals, progress and network."
    )
    return {
        # MkDocs renders its theme without autoescaping, and material prints site_name and
        # site_description into the HTML as they are (<title>, aria-label, <meta content>): as
        # entities they show as the text typed (only a logo's tooltip, which escapes again, shows
        # an entity's name)
        "__SITE_NAME__": writing.yaml_value(html_text(title)),
        "__SITE_DESCRIPTION__": writing.yaml_value(html_text(description)),
        "__SITE_URL__": f"site_url: {writing.yaml_value(site_url)}\n"
        if site_url
        else "# site_url: https://USER.github.io/   # the public site's address: canonical links and the sitemap\n",
        "__WEEK_START__": settings.week_start,
        "__PUBLIC_REPO__": writing.yaml_value(public_repo),
        "__REQUIREMENT__": settings.requirement or distribution.requirement().line,
        # a markdown heading: the owner's own words, shown as text
        "__OWNER__": markdown_text(name or "Your name"),
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
    files = {
        target: _fill((source / template).read_text(encoding="utf-8"), values) for template, target in _FILES.items()
    }
    first_entry = f"journal/entries/{today.year}/{today.isoformat()}.md"  # as `trellis new entry` names it
    files[first_entry] = _fill((source / "journal/entries/first-entry.md").read_text(encoding="utf-8"), values)
    files[_KEEP_CONTACTS] = ""
    own, generated = editor_files("journal")
    files = {**files, **own, **generated}
    # what was written, so `trellis upgrade` knows an edit
    files[MANIFEST] = init_manifest(files)
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


def run(folder: Path, settings: Settings, requirement_spec: str | None, shown: Callable[[Path], str]) -> int:
    """`trellis init`: write the project, start its repository, and say what was done."""
    try:
        requirement = distribution.requirement(requirement_spec)
    except distribution.BadRequirement as err:
        print(f"trellis init: {err}", file=sys.stderr)
        return 2
    settings = dataclasses.replace(settings, requirement=requirement.line)
    try:
        written = init_project(folder, settings, clock.today())
    except BadOption as err:
        print(f"trellis init: {err}", file=sys.stderr)
        return 2
    except ProjectFilesExist as err:
        print(
            f"trellis init: {len(err.paths)} of its files exist already, and Trellis never overwrites a file: "
            f"{', '.join(shown(p) for p in err.paths)}. Nothing was written: start in a new folder "
            "(trellis init my-journal), or move those files aside",
            file=sys.stderr,
        )
        return 1
    except writing.FileExists as err:  # appeared while init was writing: left as it is
        print(
            f"trellis init: {shown(Path(str(err)))} appeared while init was writing, and was left alone; "
            "the files before it were written",
            file=sys.stderr,
        )
        return 1
    where = shown(folder.resolve())
    print(f"trellis init: wrote {len(written)} files into {where}")
    if requirement.note:  # requirements.txt may not install in the journal's CI: say so now
        print(f"trellis init: {requirement.note}")
    print(f"trellis init: {start_repository(folder)}")
    here = "" if folder.resolve() == Path.cwd().resolve() else f"cd {where} && "
    print(f"next: {here}mkdocs serve (then see .github/workflows/publish.yml to publish)")
    return 0


# Values --------------------------------------------------------------------------------
# The values `trellis init` writes into a new project, made safe: an address that is one, and
# the owner's words shown as text wherever they land (Markdown, and HTML MkDocs' themes print
# unescaped).


class BadValue(ValueError):
    """A value init can't use; the message says what to write instead."""


# what Python-Markdown reads after a backslash as the character itself (`markdown.Markdown.ESCAPED_CHARS`);
# before any other character a backslash stays, so only these are escaped
_MARKDOWN_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_text(text: str) -> str:
    """Text for a line of Markdown that shows as itself: `[x](javascript:...)` stays brackets, not
    a link; `<b>` stays angle brackets, not a tag (as entities: `<`, `>` and `&` have no escape)."""
    return _MARKDOWN_ESCAPED.sub(r"\\\1", html.escape(text, quote=False))


def html_text(text: str) -> str:
    """Text for HTML as MkDocs' themes print config values: `&`, `<`, `>` and `"` as entities
    (the apostrophe of "Ada's" stays one: the themes quote attributes with `"`)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def valid_site_url(site_url: str) -> None:
    """A full http(s) address with a host, or BadValue: `https://` alone builds no site."""
    fix = "write the public site's full address, e.g. https://USER.github.io/"
    if not site_url.startswith(("https://", "http://")):
        raise BadValue(f"--site-url '{site_url}' is not a web address: {fix}")
    try:
        parts = urlsplit(site_url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise BadValue(f"--site-url '{site_url}' is not a valid address: {fix}") from None
    if not parts.hostname or not _HOST.fullmatch(parts.hostname):
        raise BadValue(f"--site-url '{site_url}' names no host: {fix}")
    if parts.username is not None or parts.password is not None:
        raise BadValue(f"--site-url '{site_url}' holds a user name or password, which every page would publish: {fix}")
    if not _URL_CHARACTERS.fullmatch(site_url):
        raise BadValue(
            f"--site-url '{site_url}' has characters an address cannot hold (spaces, quotes, angle brackets): {fix}"
        )


def valid_public_repo(public_repo: str) -> None:
    """A git address (scp-like `git@host:owner/repo.git`, an ssh/https/git/file URL, or an absolute
    path), or BadValue. The value lands in the workflow's `env:`, where GitHub evaluates `${{ }}`
    whatever the YAML quoting: `${{ github.event.head_commit.message }}` would let a commit message
    choose where the site is pushed. So only an address's characters pass, and `$`, `{`, `}`,
    quotes and spaces never do."""
    fix = "write the public site repository's SSH address, e.g. git@github.com:USER/USER.github.io.git"
    if public_repo.startswith("-"):  # git would read it as an option
        raise BadValue(f"--public-repo '{public_repo}' starts with '-', which git reads as an option: {fix}")
    if not _REPO_CHARACTERS.fullmatch(public_repo):
        raise BadValue(
            f"--public-repo '{public_repo}' has characters a git address cannot hold ($, braces, quotes, spaces): {fix}"
        )
    if not (_REPO_URL.fullmatch(public_repo) or _REPO_SCP.fullmatch(public_repo) or public_repo.startswith("/")):
        raise BadValue(f"--public-repo '{public_repo}' is not a git address: {fix}")


_REPO_CHARACTERS = re.compile(r"[A-Za-z0-9._~:/@+%=,-]+")
_REPO_URL = re.compile(r"(?:ssh|git\+ssh|https?|git|file)://[^/]*/.+", re.I)
_REPO_SCP = re.compile(r"(?:[\w.+-]+@)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?:[^/:].*")

# a name or an IPv4 address, or an IPv6 one (urlsplit's hostname drops its brackets)
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9\-.]*[a-z0-9])?|[0-9a-f]*:[0-9a-f:.]+", re.I)
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


# The git repository ------------------------------------------------------------
# The git repository `trellis init` starts, on the branch the publishing workflow runs on.
#
# The workflow `init` writes runs on pushes to `main`; a plain `git init` on a git without
# `init.defaultBranch` makes `master`, and then the first push publishes nothing and nothing
# says why. So `init` runs `git init -b main` itself, where git is installed and the folder
# is not inside a repository already; inside one, it says which branch the workflow wants.

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
