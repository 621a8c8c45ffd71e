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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import distribution, writing
from .init_values import BadValue, html_text, markdown_text, valid_public_repo, valid_site_url
from .model import MARKDOWN_SUFFIXES, WEEKDAYS
from .resources import templates_dir

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
# The editor set-up (`editor_files`): remark-lint-frontmatter-schema checks each record's
# frontmatter against Trellis' JSON Schemas, in VS Code (the remark extension) and on the
# command line; the YAML extension checks mkdocs.yml's trellis options. The schemas are
# copies Trellis generates (`trellis editor` refreshes them); the other files are the user's.
SCHEMA_FOLDER = ".trellis/schema"
EDITOR_NEXT = (
    "next: npm install (once), then open the folder in VS Code and install the extensions it "
    "recommends (remark, YAML); `npm run check-frontmatter` runs the same check in a terminal"
)
_KIND_GLOBS = {"goal": "goals/**/*", "contact": "contacts/**/*", "entry": "entries/**/*"}
_SUFFIXES = "{" + ",".join(s.lstrip(".") for s in MARKDOWN_SUFFIXES) + "}"
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


def installed_version() -> str:
    """The version of Trellis that runs (`distribution.version`, its one reading)."""
    return distribution.version()


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
    from .upgrade import MANIFEST, init_manifest  # what was written, so `trellis upgrade` knows an edit

    files[MANIFEST] = init_manifest(files)
    return files


def editor_files(journal_rel: str) -> tuple[dict[str, str], dict[str, str]]:
    """(files that are the user's once written, Trellis' generated schema copies) of the editor
    set-up, by path in the project; `journal_rel` is the journal's folder in the project."""
    import json

    from . import schemas

    base = f"{journal_rel.strip('/')}/" if journal_rel.strip("/.") else ""
    associations = {f"{SCHEMA_FOLDER}/{kind}.json": [f"{base}{glob}.{_SUFFIXES}"] for kind, glob in _KIND_GLOBS.items()}
    associations[f"{SCHEMA_FOLDER}/plan.json"] = [f"{base}plan.md"]
    remarkrc = {
        "plugins": [
            "remark-frontmatter",
            [
                "remark-lint-frontmatter-schema",
                {
                    # the schemas say draft 2020-12 and use only what draft-07 reads the same way:
                    # Ajv's draft-07 validator reads them once it stops looking the draft up
                    "ajvOptions": {"validateSchema": False},
                    "schemas": associations,
                },
            ],
        ]
    }
    package = json.loads((templates_dir() / "project" / "package.json").read_text(encoding="utf-8"))
    package["scripts"] = {"check-frontmatter": f"remark --quiet --frail --no-stdout {base.rstrip('/') or '.'}"}
    settings = {
        "yaml.schemas": {f"./{SCHEMA_FOLDER}/mkdocs.json": "mkdocs.yml"},
        "yaml.customTags": ["!ENV scalar", "!ENV sequence", "!relative scalar"],
    }
    extensions = {"recommendations": ["unifiedjs.vscode-remark", "redhat.vscode-yaml"]}
    text = lambda value: json.dumps(value, indent=2) + "\n"  # noqa: E731
    own = {
        ".remarkrc.json": text(remarkrc),
        "package.json": text(package),
        ".vscode/settings.json": text(settings),
        ".vscode/extensions.json": text(extensions),
    }
    generated = {f"{SCHEMA_FOLDER}/{name}.json": schemas.schema_text(name) for name in schemas.NAMES}
    return own, generated


def write_editor_files(folder: Path, journal_dir: Path) -> tuple[list[Path], list[Path]]:
    """`trellis editor`: the editor set-up for an existing project. The user's files are written
    only where missing; the schema copies are Trellis' and brought up to date. (written, kept)."""
    try:
        journal_rel = journal_dir.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        raise BadOption(f"the journal ({journal_dir}) is not inside the project ({folder})") from None
    own, generated = editor_files(journal_rel)
    written, kept = [], []
    for rel, text in own.items():
        path = folder / rel
        if path.exists() or path.is_symlink():
            kept.append(path)
            continue
        writing.create(path, text)
        written.append(path)
    for rel, text in generated.items():
        path = folder / rel
        if path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == text:
            continue
        if path.is_symlink() or (path.exists() and not path.is_file()):
            kept.append(path)
            continue
        writing.replace(path, text) if path.exists() else writing.create(path, text)
        written.append(path)
    return written, kept


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
