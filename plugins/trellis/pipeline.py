"""The one pipeline the plugin and the `trellis` command share: files → records → figures → findings.

The rules read the figures (a goal's pace, a contact's stage), so the figures come first. The
goal history (git) and the monthly reviews are lazy parts of the analysis: computed once, when a
page first asks, never by `trellis check`, and never by the renderer itself."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import clock
from .loading import LoadCache, load_journal, record_kind
from .loading.history import GoalHistory, read_history
from .loading.nesting import page_problem
from .locating import plugin_options
from .memo import ServeMemo
from .metrics import Figures, review
from .model import WEEKDAYS, Finding, Journal
from .privacy.order import anonymous_order
from .rules import check

# What a record file that could not be read leaves out, by the folder it is in: said beside the
# figures, since nothing in the file is counted
UNREAD_EFFECTS = {
    "entries": "interactions and entries counts may be low, and goals counting them may show less progress",
    "contacts": "the network, stages and reach-out may miss a person",
    "goals": "a goal is missing from progress",
    "plan": "the plan's wanted qualities and dream companies are not applied",
    "applications": "an application is missing from the job hunt's figures",
}


@dataclass(frozen=True)
class UnreadFile:
    """A record file the loader could not read: where it is, why, and what it leaves out."""

    path: str  # inside the journal, e.g. "entries/2026-05-02.md"
    finding: Finding
    effect: str


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

    @cached_property
    def goal_history(self) -> GoalHistory:
        """Each goal's adjustments, read from git once, when first asked for (a goal page, the reviews)."""
        return read_history(self.journal.root, memo=self.figures.memo.history)  # reused across serve rebuilds

    @cached_property
    def reviews(self) -> list[review.MonthReview]:
        """Every month's review, newest first (`metrics.review`), computed when first asked for."""
        return review.monthly_reviews(self.figures, self.goal_history)

    @cached_property
    def unread_files(self) -> tuple[UnreadFile, ...]:
        """The record files that could not be read, so nothing in them is counted (the owner
        view says so on every page with figures); computed once, from what the loader met."""
        unread = []
        for rel, found in self.journal.unread:
            unread.append(UnreadFile(rel, found, UNREAD_EFFECTS.get(record_kind(rel) or "", "")))
        return tuple(unread)

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
        lines, shown, hidden = [], Counter[str](), Counter[str]()
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
            len(self.journal.goals)
            + len(self.journal.contacts)
            + len(self.journal.entries)
            + len(self.journal.applications)
            + bool(self.journal.plan)
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
    memo: ServeMemo | None = None,
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
    figures = Figures(journal, today or clock.today(), week_start, memo, anonymous_order)
    return Analysis(journal, figures, check(journal, figures), frozenset(unrenderable))


def week_start(project: Path) -> int:
    chosen = plugin_options(project).get("week_start", "monday")
    return WEEKDAYS.index(chosen) if chosen in WEEKDAYS else 0
