"""The one pipeline the plugin and the `trellis` command share: files → records → findings → figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from . import clock
from .loading import LoadCache, load_journal
from .metrics import Figures
from .model import RECORD_FOLDERS, WEEKDAYS, Finding, Journal
from .nesting import page_problem
from .placement import OPTION as JOURNAL_OPTION
from .placement import JournalPlace, journal_folder
from .rules import check


@dataclass
class Analysis:
    journal: Journal
    figures: Figures
    findings: list[Finding]
    # the journal's ordinary pages (paths inside it) that can't be rendered: left out of the site
    unrenderable_pages: frozenset[str] = field(default_factory=frozenset)

    @property
    def today(self) -> dt.date:
        return self.figures.today

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    def log_lines(self, per_rule: int = 10) -> list[str]:
        """The findings as a build logs them: every error; of each rule's warnings the first
        `per_rule` and a line counting the rest. A LinkedIn import of 1,800 people gives 1,800
        CONTACT-8 warnings, which `mkdocs serve` printed again at every save; `trellis check`
        and the checks page list them all."""
        lines, shown, hidden = [], Counter(), Counter()
        for found in self.findings:
            if found.severity == "warning" and shown[found.rule] >= per_rule:
                hidden[found.rule] += 1
                continue
            shown[found.rule] += 1
            lines.append(str(found))
        for rule, count in sorted(hidden.items()):
            lines.append(
                f"... and {count} more {rule} warning{'s' if count != 1 else ''}: trellis check lists "
                "them all, and so does the checks page"
            )
        return lines

    def summary(self) -> str:
        files = (
            len(self.journal.goals) + len(self.journal.contacts) + len(self.journal.entries) + bool(self.journal.plan)
        )
        if not self.findings:
            return f"no problems in {files} records"
        parts = [
            f"{n} {word}{'s' if n != 1 else ''}"
            for n, word in ((self.errors, "error"), (self.warnings, "warning"))
            if n
        ]
        return f"{', '.join(parts)} in {files} records"


def analyse(
    journal_dir: Path,
    shown_base: Path | None = None,
    today: dt.date | None = None,
    cache: LoadCache | None = None,
    week_start: int = 0,
    memo: dict | None = None,
) -> Analysis:
    journal = load_journal(journal_dir, shown_base, cache)
    unrenderable = set()
    shown_root = journal.root.as_posix() + "/"
    base = Path(shown_base).resolve() if shown_base else journal.root.parent
    if journal.root.is_relative_to(base):
        shown_root = "" if journal.root == base else journal.root.relative_to(base).as_posix() + "/"
    for path, rel in journal.pages:  # index.md, about.md: not UTF-8, or nested too deeply
        problem = page_problem(path, shown_root + rel, rel)
        if problem is not None:
            journal.findings.append(problem)
            unrenderable.add(rel)
    figures = Figures(journal, today or clock.today(), week_start, memo)
    return Analysis(journal, figures, check(journal, figures), frozenset(unrenderable))


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !!python/name and !ENV tags are none of our business."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


# the names a project's site configuration goes by, in the order ProperDocs reads them
# (MkDocs 1.6 reads the last two): the first that exists is the project's
CONFIG_NAMES = ("properdocs.yml", "properdocs.yaml", "mkdocs.yml", "mkdocs.yaml")


def config_file(project: Path) -> Path | None:
    """The project's site configuration (mkdocs.yml, or properdocs.yml for ProperDocs), or None."""
    for name in CONFIG_NAMES:
        if (project / name).is_file():
            return project / name
    return None


def site_config(project: Path) -> dict:
    """The project's mkdocs.yml (or properdocs.yml) as values (read only: a command asks for it more than once)."""
    path = config_file(project)
    if path is None:
        return {}
    try:
        stat = path.stat()
    except OSError:
        return {}
    return _parsed_config(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _parsed_config(path: str, mtime_ns: int, size: int) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle.read(), Loader=_AnyTagLoader) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        data = {}
    return data if isinstance(data, dict) else {}


def plugin_options(project: Path) -> dict:
    """The trellis plugin's options in the project's mkdocs.yml, so the command judges as the site does."""
    plugins = site_config(project).get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) and p else (p, None) for p in plugins)
    )
    for name, options in entries:
        if name == "trellis":
            return options if isinstance(options, dict) else {}
    return {}


def week_start(project: Path) -> int:
    chosen = plugin_options(project).get("week_start", "monday")
    return WEEKDAYS.index(chosen) if chosen in WEEKDAYS else 0


def locate(path: Path) -> tuple[Path, Path]:
    """(journal folder, project folder) for a path given on the command line.

    A project folder (with mkdocs.yml or properdocs.yml, whose docs_dir and the plugin's
    journal_dir are used), or the journal folder itself. A journal_dir that names no
    folder inside docs_dir raises JournalDirError.
    """
    path = Path(path).resolve()
    if config_file(path) is not None:
        docs_dir = site_config(path).get("docs_dir", "docs")
        place = JournalPlace(journal_folder(plugin_options(path).get(JOURNAL_OPTION)))
        return place.directory(path / str(docs_dir)).resolve(), path
    if (path / "journal").is_dir() and not any((path / k).is_dir() for k in RECORD_FOLDERS):
        return path / "journal", path
    return path, path.parent
