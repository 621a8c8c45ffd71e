"""Which pages the site has for an audience, and what each one shows.

Each page is a `PageSpec`: where it lives (a path inside the journal, as MkDocs names
files), its title, its template and the values the template needs. Everything about a
person or a text goes through the `View`, so a page cannot show what its audience may
not see.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..model import STAGES, Contact, Entry, Finding, Goal, Interaction
from ..pipeline import Analysis
from ..privacy import View
from ..rules.contacts import link_is_safe
from . import charts

SMART_LETTERS = (
    ("S", "Specific", "Is it one clear sentence about something you can point at?"),
    ("M", "Measurable", "Will you know how far you got?"),
    ("A", "Actionable", "Do you know the steps, and can you take them?"),
    ("R", "Relevant", "Does it serve the big picture?"),
    ("T", "Timely", "Is there a date by which it is done or reviewed?"),
)
FOLLOW_UP_HORIZON_DAYS = 7
MAX_COUNTED_ROWS = 100  # the newest; the chart and its table hold the whole history


@dataclass
class PageSpec:
    src_uri: str  # e.g. "goals/x.md": the page is served at goals/x/
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    owner_only: bool = False


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


def last_contact(interactions: list[Interaction], today: dt.date) -> dt.date | None:
    dates = [i.date for i in interactions if i.date and i.date <= today]
    return max(dates) if dates else None


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

    common = {"view": view, "today": today, "figures": figures, "contact_page": contact_page}
    pages: list[PageSpec] = []

    goals = sorted(journal.goals.values(), key=lambda g: (not g.is_vision, g.status != "active", g.title.lower(), g.id))
    goal_rows = [(g, figures.progress(g)) for g in goals]

    def goal_title(goal: Goal) -> str:
        return view.redact(goal.title) or goal.id

    smart_rows = [(g, p) for g, p in goal_rows if not g.is_vision]
    pages.append(PageSpec("progress.md", "Progress", "progress.html", in_nav=True, context={
        **common, "goal_rows": goal_rows, "goal_title": goal_title,
        "active": [(g, p) for g, p in smart_rows if g.status == "active"],
        "closed": [(g, p) for g, p in smart_rows if g.status != "active"],
        "adjust": [(g, p) for g, p in smart_rows if g.status == "active" and p and p.needs_adjusting],
        "achievements": [(a, journal.goals[a.goal_id]) for a in figures.achievements()],
        "heatmap": charts.heatmap_chart("trellis-heatmap", figures.heatmap),
    }))

    for goal, progress in goal_rows:
        findings = by_file.get(goal.source.shown, [])
        stage_contact = None
        if goal.measure and goal.measure.count == "stage" and goal.measure.contact in journal.contacts:
            stage_contact = goal.measure.contact
        pages.append(PageSpec(f"goals/{goal.id}.md", goal_title(goal), "goal.html", context={
            **common, "goal": goal, "progress": progress, "findings": findings,
            "card": None if goal.is_vision else smart_card(findings), "title": goal_title(goal),
            "body": view.redact(goal.body), "stage_contact": stage_contact,
            "supported": goal_title(journal.goals[goal.supports]) if goal.supports in journal.goals else None,
            "counted": _counted(goal, figures, today, view),
            "chart": _goal_chart(goal, progress, goal_title(goal), today),
        }))

    pages.extend(_contact_pages(analysis, view, common, by_file))
    pages.extend(_journal_pages(journal.entries, view, common))
    pages.append(_network_page(analysis, view, common))
    if journal.plan is not None:
        plan = journal.plan
        pages.append(PageSpec("plan.md", "Plan", "plan.html", in_nav=True, context={
            **common, "plan": plan, "vision": view.redact(plan.vision), "body": view.redact(plan.body),
        }))
    if view.shows_page("reach-out"):
        pages.append(_reach_out_page(analysis, view, common))
    if view.shows_page("checks"):
        pages.append(PageSpec("checks.md", "Checks", "checks.html", in_nav=True, owner_only=True, context={
            **common, "by_file": by_file, "analysis": analysis,
        }))
    return pages


@dataclass(frozen=True)
class CountedRow:
    date: dt.date
    amount: float
    people: tuple[str, ...]  # contact ids; the template names them as the audience allows
    entry_link: str | None  # "journal/2026-11.md#2026-11-22" when the audience may read that entry


def _counted(goal: Goal, figures, today: dt.date, view: View) -> list[CountedRow]:
    """What counted toward the goal, newest first: dates, amounts, who, and the entry where it may be read."""
    if not figures.measurable(goal) or goal.measure.count == "stage":
        return []
    entries = {e.id: e for e in figures.journal.entries}
    rows = []
    for item in reversed(figures.items(goal)):
        if item.date > today or (goal.start is not None and item.date < goal.start):
            continue
        entry = entries.get(item.entry) if item.entry else None
        link = None
        if entry is not None and entry.date and view.shows_entry(entry):
            link = f"journal/{entry.date.strftime('%Y-%m')}.md#{entry.date.isoformat()}"
        rows.append(CountedRow(item.date, item.amount, item.contacts, link))
        if len(rows) == MAX_COUNTED_ROWS:
            break
    return rows


def _goal_chart(goal: Goal, progress, title: str, today: dt.date):
    if progress is None:
        return None
    uid = "trellis-chart-goal"
    if goal.per:
        return charts.period_chart(uid, f"{title}: each {goal.per}", progress, goal.unit)
    return charts.burnup_chart(uid, f"{title}: progress against the ideal line", progress, today, goal.unit)


def _contact_pages(analysis: Analysis, view: View, common: dict,
                   by_file: dict[str, list[Finding]]) -> list[PageSpec]:
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    pages = []
    for contact in journal.contacts.values():
        if not view.shows_contact_page(contact):
            continue
        timeline = sorted(figures.interactions_by_contact.get(contact.id, []),
                          key=lambda i: (i.date or dt.date.min, i.entry_id, i.index), reverse=True)
        follow_ups = sorted(i.follow_up for i in timeline if i.follow_up and i.follow_up >= today)
        pages.append(PageSpec(f"contacts/{contact.id}.md", view.contact_label(contact.id), "contact.html", context={
            **common, "contact": contact, "stage": figures.stage(contact.id), "timeline": timeline,
            "last": last_contact(timeline, today), "next_follow_up": follow_ups[0] if follow_ups else None,
            "links": {k: v for k, v in contact.links.items() if link_is_safe(v)},
            "private": view.contact_private_fields(contact), "findings": by_file.get(contact.source.shown, []),
            "introduced_by": contact.introduced_by if contact.introduced_by in journal.contacts else None,
            "knows": [k for k in contact.knows if k in journal.contacts],
        }))
    return pages


def _journal_pages(entries: list[Entry], view: View, common: dict) -> list[PageSpec]:
    months: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.date and view.shows_entry(entry):
            months[entry.date.strftime("%Y-%m")].append(entry)
    ordered = sorted(months, reverse=True)
    pages = [PageSpec("journal/index.md", "Journal", "journal.html", in_nav=True, context={
        **common, "months": [(m, dt.date.fromisoformat(m + "-01"), len(months[m])) for m in ordered],
    })]
    for month in ordered:
        first = dt.date.fromisoformat(month + "-01")
        pages.append(PageSpec(f"journal/{month}.md", first.strftime("%B %Y"), "month.html", context={
            **common, "month": first, "entries": sorted(months[month], key=lambda e: (e.date, e.id), reverse=True),
        }))
    return pages


def _network_page(analysis: Analysis, view: View, common: dict) -> PageSpec:
    journal, figures = analysis.journal, analysis.figures
    contacts = list(journal.contacts.values())
    funnel = Counter(figures.stage(c.id).name for c in contacts)

    def tally(values) -> list[tuple[str, int]]:
        counts = Counter(v for v in values if v)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))

    plan = journal.plan
    wanted = []
    if plan:
        attribute = {"roles": "role", "sectors": "sector", "locations": "location", "skills": "skills",
                     "companies": "company"}
        for quality, values in plan.want.items():
            field_name = attribute.get(quality)
            if not field_name:
                continue
            for value in values:
                have = sum(1 for c in contacts if _has(c, field_name, value))
                wanted.append((quality, value, have))
    dream = [(company, sum(1 for c in contacts if _has(c, "company", company)))
             for company in (plan.dream_companies if plan else [])]
    return PageSpec("network.md", "Network", "network.html", in_nav=True, context={
        **common, "total": len(contacts), "funnel": [(s, funnel.get(s, 0)) for s in STAGES],
        "by_role": tally(c.role for c in contacts), "by_sector": tally(c.sector for c in contacts),
        "by_company": tally(c.company for c in contacts), "by_location": tally(c.location for c in contacts),
        "wanted": wanted, "dream": dream,
        "named": sorted((c for c in contacts if view.shows_contact_page(c)), key=lambda c: c.name.lower()),
    })


def _has(contact: Contact, field_name: str, value: str) -> bool:
    have = getattr(contact, field_name)
    values = have if isinstance(have, list) else [have]
    return value.casefold() in {v.casefold() for v in values}


def _reach_out_page(analysis: Analysis, view: View, common: dict) -> PageSpec:
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    horizon = today + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    follow_ups = []
    for interaction in journal.interactions:
        if not interaction.follow_up or interaction.follow_up > horizon:
            continue
        # done when any of the people was in touch again on or after the reminder's day
        later = [i for cid in interaction.with_ids for i in figures.interactions_by_contact.get(cid, [])
                 if i.date and interaction.follow_up <= i.date <= today]
        if not later:
            follow_ups.append(interaction)
    follow_ups.sort(key=lambda i: (i.follow_up, i.entry_id))
    dormant = []
    for contact in journal.contacts.values():
        last = last_contact(figures.interactions_by_contact.get(contact.id, []), today) or contact.met
        if last is None:
            continue
        overdue = (today - last).days - contact.keep_in_touch_days
        if overdue > 0:
            dormant.append((overdue / contact.keep_in_touch_days, contact, last, figures.stage(contact.id)))
    dormant.sort(key=lambda row: (-row[0], row[1].id))
    return PageSpec("reach-out.md", "Reach out", "reach-out.html", in_nav=True, owner_only=True, context={
        **common, "follow_ups": follow_ups, "dormant": dormant,
    })


__all__ = ["PageSpec", "site_pages", "smart_card"]
