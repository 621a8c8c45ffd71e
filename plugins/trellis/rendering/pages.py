"""Which pages the site has for an audience, and what each one shows.

Each page is a `PageSpec`: where it lives (a path inside the journal, as MkDocs names
files), its title, its template and the values the template needs. Everything about a
person or a text goes through the `View`, so a page cannot show what its audience may
not see.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from ..model import Finding, Goal
from ..pipeline import Analysis
from ..privacy.view import View
from . import charts
from .company_pages import CompanyLinks, company_pages
from .index_pages import contacts_index, goals_index
from .network_page import network_page
from .people_pages import contact_pages, journal_pages
from .reach_out_page import reach_out_page
from .review_pages import review_pages
from .spec import PageSpec
from .today_page import today_page
from .what_counted import Cells

SMART_LETTERS = (
    ("S", "Specific", "Is it one clear sentence about something you can point at?"),
    ("M", "Measurable", "Will you know how far you got?"),
    ("A", "Actionable", "Do you know the steps, and can you take them?"),
    ("R", "Relevant", "Does it serve the big picture?"),
    ("T", "Timely", "Is there a date by which it is done or reviewed?"),
)
MAX_COUNTED_ROWS = 100  # the newest; the chart and its table hold the whole history


@dataclass
class Letter:
    letter: str
    word: str
    question: str
    status: str  # pass | warning | error
    findings: list[Finding]


def smart_card(findings: list[Finding]) -> list[Letter]:
    card = []
    for letter, word, question in SMART_LETTERS:
        mine = [f for f in findings if f.rule.startswith(f"SMART-{letter}")]
        status = "error" if any(f.severity == "error" for f in mine) else "warning" if mine else "pass"
        card.append(Letter(letter, word, question, status, mine))
    return card


def _findings_by_file(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        grouped[f.shown].append(f)
    return dict(grouped)


def site_pages(analysis: Analysis, view: View) -> list[PageSpec]:
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    by_file = _findings_by_file(analysis.findings)

    def contact_page(cid: str) -> bool:
        return cid in journal.contacts and view.shows_contact_page(journal.contacts[cid])

    # the record files that could not be read: the owner view says so above every page's figures
    unread = analysis.unread_files if view.owner else ()
    common = {"view": view, "today": today, "figures": figures, "contact_page": contact_page, "unread": unread}
    common["company_page"] = CompanyLinks(analysis, view)  # the owner's company pages, else None
    pages: list[PageSpec] = []

    # a goal counting job applications is the owner's (View.shows_goal): in public it has no page or row
    shown = [g for g in journal.goals.values() if view.shows_goal(g)]
    goals = sorted(shown, key=lambda g: (not g.is_vision, g.status != "active", g.title.lower(), g.id))
    goal_rows = [(g, figures.progress(g)) for g in goals]

    def goal_title(goal: Goal) -> str:
        return view.redact(goal.title) or goal.id

    # git is read once per build, for every goal page and the reviews (parts of the analysis)
    history = analysis.goal_history
    reviews = analysis.reviews if view.shows_page("review") else []

    smart_rows = [(g, p) for g, p in goal_rows if not g.is_vision]
    pages.append(
        PageSpec(
            "progress.md",
            "Progress",
            "progress.html",
            in_nav=True,
            context={
                **common,
                "goal_rows": goal_rows,
                "goal_title": goal_title,
                "active": [(g, p) for g, p in smart_rows if g.status == "active"],
                "closed": [(g, p) for g, p in smart_rows if g.status != "active"],
                "adjust": [(g, p) for g, p in smart_rows if g.status == "active" and p and p.needs_adjusting],
                "achievements": [
                    (a, journal.goals[a.goal_id])
                    for a in figures.achievements()
                    if view.shows_goal(journal.goals[a.goal_id])
                ],
                "heatmap": charts.heatmap_chart("trellis-heatmap", figures.heatmap),
                # the owner's latest review (the review pages are theirs only)
                "latest_review": reviews[0] if reviews else None,
            },
        )
    )

    counted_rows: dict = {}  # each item's row of "What counted", made once for every goal it counts toward
    counted_cells = Cells()  # and what their tables print, kept for every goal page (what_counted.py)
    for goal, progress in goal_rows:
        findings = by_file.get(goal.source.shown, [])
        stage_contact = None
        if goal.measure and goal.measure.count == "stage" and goal.measure.contact in journal.contacts:
            stage_contact = goal.measure.contact
        counted = _counted(goal, figures, today, view, counted_rows)
        supported = goal_title(journal.goals[goal.supports]) if goal.supports in journal.goals else None
        chart = _goal_chart(goal, progress, goal_title(goal), today, view.redact(goal.unit))
        adjustments = history.of(goal.id)
        # everyone the page names (their names, and whether they have a page, show on it)
        named = sorted({c for row in counted for c in row.people} | ({stage_contact} if stage_contact else set()))
        inputs = (
            view.audience,
            view.redaction_key,
            view.shows_pace,  # public_pace in plan.md
            today,
            goal,
            progress,
            tuple(findings),
            tuple(counted),
            supported,
            str(chart),
            tuple(adjustments),
            history.unavailable,
            tuple((cid, journal.contacts.get(cid)) for cid in named),
            unread,
        )
        pages.append(
            PageSpec(
                f"goals/{goal.id}.md",
                goal_title(goal),
                "goal.html",
                context={
                    **common,
                    "goal": goal,
                    "progress": progress,
                    "findings": findings,
                    "card": None if goal.is_vision else smart_card(findings),
                    "title": goal_title(goal),
                    "body": view.redact_headings(goal.body),
                    "stage_contact": stage_contact,
                    "supported": supported,
                    "counted": counted,
                    "counted_cells": counted_cells,
                    "chart": chart,
                    "history": adjustments,
                    "history_unavailable": history.unavailable,
                },
                inputs=inputs,
            )
        )

    pages.extend(contact_pages(analysis, view, common, by_file))
    pages.extend(
        p for p in (contacts_index(analysis, view, common), goals_index(view, common, goal_rows, goal_title)) if p
    )
    pages.extend(journal_pages(journal.entries, view, common))
    pages.append(network_page(analysis, view, common))
    pages.extend(company_pages(analysis, view, common))
    if journal.plan is not None:
        plan = journal.plan
        pages.append(
            PageSpec(
                "plan.md",
                "Plan",
                "plan.html",
                in_nav=True,
                context={
                    **common,
                    "plan": plan,
                    # the companies wanted are the owner's unless the plan publishes them
                    "want": {q: v for q, v in plan.want.items() if q != "companies" or view.shows_dream_companies},
                    "dream_companies": plan.dream_companies if view.shows_dream_companies else [],
                    "vision": view.redact(plan.vision),
                    "body": view.redact_headings(plan.body),
                },
            )
        )
    if view.shows_page("reach-out"):
        reach_out = reach_out_page(analysis, view, common)
        pages.append(reach_out)
        if view.shows_page("today"):  # the owner's home: shows the reach-out page's figures, made once
            pages.append(today_page(analysis, view, common, reach_out))
    if view.shows_page("review"):
        pages.extend(review_pages(analysis, view, common, reviews, goal_title, history.unavailable))
    if view.shows_page("checks"):
        pages.append(
            PageSpec(
                "checks.md",
                "Checks",
                "checks.html",
                in_nav=True,
                owner_only=True,
                context={
                    **common,
                    "by_file": by_file,
                    "analysis": analysis,
                },
            )
        )
    return pages


@dataclass(frozen=True)
class CountedRow:
    date: dt.date
    amount: float
    people: tuple[str, ...]  # contact ids; the template names them as the audience allows
    entry_link: str | None  # "journal/2026-11.md#2026-11-22" when the audience may read that entry
    application: str | None = None  # "Backend Engineer at Acme Pay": the owner's only (View.shows_goal)


def _counted(goal: Goal, figures, today: dt.date, view: View, made: dict | None = None) -> list[CountedRow]:
    """What counted toward the goal, newest first: dates, amounts, who, and the entry where it may be read.
    `made`: the rows made for this view's goals so far, by item (goals of one counter share items)."""
    if not figures.measurable(goal) or goal.measure is None or goal.measure.count == "stage":
        return []
    entries = figures.entries_by_id
    rows = []
    # people met on one day in an order that says nothing of their names (their ids sort by name)
    order = figures.anonymous_order
    # the newest rows only: a goal of years counts thousands of items (oldest first), and the
    # page lists a hundred; those of the oldest day shown all take part in the keyed order
    items, by_date = figures.items(goal), (lambda i: i.date)
    lo = bisect_left(items, goal.start, key=by_date) if goal.start is not None else 0
    # nothing after `due` counts (metrics/progress.py): the table stops where the figures do
    hi = bisect_right(items, min(today, goal.due) if goal.due else today, key=by_date)
    first = max(lo, hi - MAX_COUNTED_ROWS)
    if lo < first < hi:
        first = bisect_left(items, items[first].date, lo, hi, key=by_date)
    items = heapq.nlargest(
        MAX_COUNTED_ROWS,
        items[first:hi],
        key=lambda i: (i.date, i.entry or "", tuple(map(order, i.contacts)), i.amount),
    )
    for item in items:
        row = made.get(item) if made is not None else None
        if row is None:
            entry = entries.get(item.entry) if item.entry else None
            link = None
            if entry is not None and entry.date and view.shows_entry(entry):
                link = f"journal/{entry.date.strftime('%Y-%m')}.md#{entry.date.isoformat()}"
            row = CountedRow(item.date, item.amount, item.contacts, link, _application(item, figures, view))
            if made is not None:
                made[item] = row
        rows.append(row)
    return rows


def _application(item, figures, view: View) -> str | None:
    """The job application an item was, as the owner reads it ("Backend Engineer at Acme Pay");
    never in public (a goal counting applications has no public page at all)."""
    application = figures.journal.applications.get(item.application) if item.application else None
    if application is None or not view.owner:
        return None
    said = " at ".join(part for part in (application.role, application.company) if part)
    return f"{said or application.id} ({application.current})"


def _goal_chart(goal: Goal, progress, title: str, today: dt.date, unit: str):
    """The goal's chart, of its title and unit as the audience may read them (a chart is drawn
    here, not printed by the template, so these are redacted before)."""
    if progress is None:
        return None
    uid = "trellis-chart-goal"
    if goal.per:
        return charts.period_chart(uid, f"{title}: each {goal.per}", progress, unit)
    return charts.burnup_chart(uid, f"{title}: progress against the ideal line", progress, today, unit)


__all__ = ["PageSpec", "site_pages", "smart_card"]
