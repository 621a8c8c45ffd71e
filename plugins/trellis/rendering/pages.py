"""Which pages the site has for an audience, and what each one shows.

Each page is a `PageSpec`: where it lives (a path inside the journal, as MkDocs names
files), its title, its template and the values the template needs. Everything about a
person or a text goes through the `View`, so a page cannot show what its audience may
not see.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from ..history import read_history
from ..metrics import network
from ..metrics.counters import contact_matches, has_quality
from ..metrics.periods import period_start
from ..metrics.review import monthly_reviews
from ..model import STAGES, Entry, Finding, Goal, fold
from ..pipeline import Analysis
from ..privacy.view import View
from ..rules.contacts import link_is_safe
from . import charts
from .network_map import MapNode, map_svg

SMART_LETTERS = (
    ("S", "Specific", "Is it one clear sentence about something you can point at?"),
    ("M", "Measurable", "Will you know how far you got?"),
    ("A", "Actionable", "Do you know the steps, and can you take them?"),
    ("R", "Relevant", "Does it serve the big picture?"),
    ("T", "Timely", "Is there a date by which it is done or reviewed?"),
)
FOLLOW_UP_HORIZON_DAYS = 7
MAX_COUNTED_ROWS = 100  # the newest; the chart and its table hold the whole history


DESCRIPTIONS = {
    "progress.html": "Networking goals checked against the SMART rules, and how far each one got.",
    "network.html": "The network: who I know, how well, and where the gaps are against the network I want.",
    "journal.html": "A networking journal, month by month.",
    "plan.html": "The big picture: the network I want and the companies I would love to work for.",
}


@dataclass
class PageSpec:
    src_uri: str  # e.g. "goals/x.md": the page is served at goals/x/
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    owner_only: bool = False
    description: str = ""  # the page's <meta name="description">, for search engines and link previews
    # Everything the page's HTML is made from, when that is cheap to say (contact pages: the
    # records themselves, which the load cache keeps as the same objects while their files
    # are unchanged). Under serve, equal inputs mean the HTML of the last rebuild is reused.
    inputs: tuple | None = None

    def __post_init__(self) -> None:
        self.description = self.description or DESCRIPTIONS.get(self.template, self.title)


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

    common = {"view": view, "today": today, "figures": figures, "contact_page": contact_page}
    pages: list[PageSpec] = []

    goals = sorted(journal.goals.values(), key=lambda g: (not g.is_vision, g.status != "active", g.title.lower(), g.id))
    goal_rows = [(g, figures.progress(g)) for g in goals]

    def goal_title(goal: Goal) -> str:
        return view.redact(goal.title) or goal.id

    # git is read once per build, for every goal page and the reviews
    history = read_history(journal.root)
    reviews = monthly_reviews(figures, history) if view.shows_page("review") else []

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
                "achievements": [(a, journal.goals[a.goal_id]) for a in figures.achievements()],
                "heatmap": charts.heatmap_chart("trellis-heatmap", figures.heatmap),
                # the owner's latest review (the review pages are theirs only)
                "latest_review": reviews[0] if reviews else None,
            },
        )
    )

    for goal, progress in goal_rows:
        findings = by_file.get(goal.source.shown, [])
        stage_contact = None
        if goal.measure and goal.measure.count == "stage" and goal.measure.contact in journal.contacts:
            stage_contact = goal.measure.contact
        counted = _counted(goal, figures, today, view)
        supported = goal_title(journal.goals[goal.supports]) if goal.supports in journal.goals else None
        chart = _goal_chart(goal, progress, goal_title(goal), today)
        adjustments = history.of(goal.id)
        # everyone the page names (their names, and whether they have a page, show on it)
        named = sorted({c for row in counted for c in row.people} | ({stage_contact} if stage_contact else set()))
        inputs = (
            view.audience,
            view.redaction_key,
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
                    "chart": chart,
                    "history": adjustments,
                    "history_unavailable": history.unavailable,
                },
                inputs=inputs,
            )
        )

    pages.extend(_contact_pages(analysis, view, common, by_file))
    pages.extend(_journal_pages(journal.entries, view, common))
    pages.append(_network_page(analysis, view, common))
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
                    "vision": view.redact(plan.vision),
                    "body": view.redact_headings(plan.body),
                },
            )
        )
    if view.shows_page("reach-out"):
        pages.append(_reach_out_page(analysis, view, common))
    if view.shows_page("review"):
        pages.extend(_review_pages(analysis, view, common, reviews, goal_title, history.unavailable))
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


def _review_pages(
    analysis: Analysis, view: View, common: dict, reviews: list, goal_title, no_history: str | None
) -> list[PageSpec]:
    """The monthly reviews (owner only): `review/` lists the months, newest first; a page a month."""
    journal = analysis.journal
    note = f"Goals created, adjusted, done or dropped are not listed: {no_history}." if no_history else ""
    context = {
        **common,
        "goal_title": goal_title,
        "goals": journal.goals,
        "history_note": note,
        "purpose": lambda cid: view.contact_purpose(journal.contacts[cid]),
    }
    pages = [
        PageSpec(
            "review/index.md",
            "Review",
            "review-index.html",
            in_nav=True,
            owner_only=True,
            description="The monthly review of the network, month by month.",
            context={**context, "reviews": reviews},
        )
    ]
    # a month's page shows its figures and the people and goals they name: while these are the
    # same (the records are the cache's own objects, compared at once), serve reuses its HTML
    people_and_goals = (tuple(journal.contacts.items()), tuple(journal.goals.items()))
    for n, review in enumerate(reviews):
        title = review.first.strftime("%B %Y") + (" (so far)" if review.so_far else "")
        newer = reviews[n - 1] if n > 0 else None
        older = reviews[n + 1] if n + 1 < len(reviews) else None
        inputs = (
            view.audience,
            analysis.today,
            review,
            note,
            newer and newer.key,
            older and older.key,
            people_and_goals,
        )
        pages.append(
            PageSpec(
                f"review/{review.key}.md",
                f"Review of {title}",
                "review.html",
                owner_only=True,
                description=f"The monthly review of {title}.",
                context={
                    **context,
                    "review": review,
                    "title": title,
                    "newer": newer,
                    "older": older,
                },
                inputs=inputs,
            )
        )
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
    entries = figures.entries_by_id
    rows = []
    # people met on one day in an order that says nothing of their names (their ids sort by name)
    order = figures.anonymous_order
    # the newest rows only: a goal of years counts thousands of items (oldest first), and the
    # page lists a hundred; those of the oldest day shown all take part in the keyed order
    items, by_date = figures.items(goal), (lambda i: i.date)
    lo = bisect_left(items, goal.start, key=by_date) if goal.start is not None else 0
    hi = bisect_right(items, today, key=by_date)
    first = max(lo, hi - MAX_COUNTED_ROWS)
    if lo < first < hi:
        first = bisect_left(items, items[first].date, lo, hi, key=by_date)
    items = heapq.nlargest(
        MAX_COUNTED_ROWS,
        items[first:hi],
        key=lambda i: (i.date, i.entry or "", tuple(map(order, i.contacts)), i.amount),
    )
    for item in items:
        entry = entries.get(item.entry) if item.entry else None
        link = None
        if entry is not None and entry.date and view.shows_entry(entry):
            link = f"journal/{entry.date.strftime('%Y-%m')}.md#{entry.date.isoformat()}"
        rows.append(CountedRow(item.date, item.amount, item.contacts, link))
    return rows


def _goal_chart(goal: Goal, progress, title: str, today: dt.date):
    if progress is None:
        return None
    uid = "trellis-chart-goal"
    if goal.per:
        return charts.period_chart(uid, f"{title}: each {goal.per}", progress, goal.unit)
    return charts.burnup_chart(uid, f"{title}: progress against the ideal line", progress, today, goal.unit)


def _contact_pages(analysis: Analysis, view: View, common: dict, by_file: dict[str, list[Finding]]) -> list[PageSpec]:
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    pages = []
    for contact in journal.contacts.values():
        if not view.shows_contact_page(contact):
            continue
        timeline = sorted(
            figures.interactions_by_contact.get(contact.id, []),
            key=lambda i: (i.date or dt.date.min, i.entry_id, i.index),
            reverse=True,
        )
        follow_ups = sorted(i.follow_up for i in timeline if i.follow_up and i.follow_up >= today)
        stage, touch, findings = (
            figures.stage(contact.id),
            figures.touches[contact.id],
            by_file.get(contact.source.shown, []),
        )
        # everyone the page names: their names, and whether they have a page, show on it
        named = sorted({contact.introduced_by or "", *contact.knows, *(c for i in timeline for c in i.with_ids)} - {""})
        inputs = (
            view.audience,
            today,
            contact,
            stage,
            touch,
            tuple(timeline),
            tuple(findings),
            tuple((cid, journal.contacts.get(cid)) for cid in named),
        )
        pages.append(
            PageSpec(
                f"contacts/{contact.id}.md",
                view.contact_label(contact.id),
                "contact.html",
                context={
                    **common,
                    "contact": contact,
                    "stage": stage,
                    "timeline": timeline,
                    "last": touch.last,
                    "touch": touch,
                    "next_follow_up": follow_ups[0] if follow_ups else None,
                    "links": {k: v for k, v in view.contact_links(contact).items() if link_is_safe(v)},
                    "private": view.contact_private_fields(contact),
                    "purpose": view.contact_purpose(contact),
                    "findings": findings,
                    "introduced_by": contact.introduced_by if contact.introduced_by in journal.contacts else None,
                    "knows": [k for k in contact.knows if k in journal.contacts],
                },
                inputs=inputs,
            )
        )
    return pages


def _journal_pages(entries: list[Entry], view: View, common: dict) -> list[PageSpec]:
    months: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.date and view.shows_entry(entry):
            months[entry.date.strftime("%Y-%m")].append(entry)
    ordered = sorted(months, reverse=True)
    pages = [
        PageSpec(
            "journal/index.md",
            "Journal",
            "journal.html",
            in_nav=True,
            context={
                **common,
                "months": [(m, dt.date.fromisoformat(m + "-01"), len(months[m])) for m in ordered],
            },
        )
    ]
    contacts = view.journal.contacts
    for month in ordered:
        first = dt.date.fromisoformat(month + "-01")
        shown = sorted(months[month], key=lambda e: (e.date, e.id), reverse=True)
        named = sorted({cid for e in shown for i in e.interactions for cid in i.with_ids})
        # public entry texts are redacted against every private name: those count too
        inputs = (view.audience, tuple(shown), tuple((cid, contacts.get(cid)) for cid in named), view.redaction_key)
        pages.append(
            PageSpec(
                f"journal/{month}.md",
                first.strftime("%B %Y"),
                "month.html",
                context={
                    **common,
                    "month": first,
                    "entries": shown,
                },
                inputs=inputs,
            )
        )
    return pages


def _network_page(analysis: Analysis, view: View, common: dict) -> PageSpec:
    journal, figures = analysis.journal, analysis.figures
    contacts = journal.contacts
    funnel = Counter(figures.stage(cid).name for cid in contacts)
    cluster_of = network.community_of(figures.clusters)

    def href(cid: str) -> str | None:
        return f"contacts/{cid}.md" if view.shows_contact_page(contacts[cid]) else None

    order = figures.anonymous_order
    # ring colours go to clusters in an order that, like the nodes', says nothing about names
    rings = {
        n: ring
        for ring, n in enumerate(
            sorted(
                range(len(figures.clusters)),
                key=lambda n: (-len(figures.clusters[n]), min(map(order, figures.clusters[n]))),
            )
        )
    }
    nodes = {
        cid: MapNode(
            view.contact_label(cid),
            figures.stage(cid).name,
            rings[cluster_of[cid]] if len(figures.clusters[cluster_of[cid]]) > 1 else None,
            figures.graph.nodes[cid].get("interactions", 0),
            href(cid),
        )
        for cid in sorted(contacts, key=order)
        if cid in figures.graph
    }
    clusters = []
    for n in sorted(rings, key=rings.__getitem__):  # listed in the rings' order, not by their first id
        members = figures.clusters[n]
        if len(members) < 2:
            continue
        companies = Counter(fold(contacts[c].company) and contacts[c].company.strip() for c in members)
        sectors = Counter(contacts[c].sector.strip() for c in members if contacts[c].sector.strip())
        clusters.append(
            (
                len(members),
                [c for c, _ in companies.most_common(3) if c and view.shows_quality("company", c)],
                [s for s, _ in sectors.most_common(2) if view.shows_quality("sector", s)],
            )
        )
    warm = [
        (w, network.describe_path(w.path, view.path_label(w.path), w.company), n)
        for w, n in _dream_companies(journal, figures, view)
    ]
    # the page's largest input, the graph, is summed up by what it is computed from; the
    # contacts (the same objects while their files are unchanged) and their stages give the rest
    inputs = (
        view.audience,
        view.redaction_key,
        analysis.today,
        figures.graph_inputs,
        tuple(contacts.values()),
        tuple(figures.stage(cid) for cid in contacts),
        journal.plan,
    )
    return PageSpec(
        "network.md",
        "Network",
        "network.html",
        in_nav=True,
        inputs=inputs,
        context={
            **common,
            "total": len(contacts),
            "funnel": [(s, funnel.get(s, 0)) for s in STAGES],
            "composition": figures.composition,
            "warm": warm,
            "clusters": clusters,
            "wanted": _wanted(journal, figures, view),
            "super_connectors": [(cid, score) for cid, score in figures.super_connectors],
            "map": lambda link: map_svg(
                figures.graph, figures.positions, {cid: _linked(n, link) for cid, n in nodes.items()}
            ),
            # in public, a value too rare to say nothing of its unnamed holders is counted as "other"
            "qualities": [
                (heading, view.tally(quality))
                for heading, quality in (
                    ("Roles", "role"),
                    ("Sectors", "sector"),
                    ("Companies", "company"),
                    ("Locations", "location"),
                    ("Skills", "skills"),
                )
            ],
            "named": sorted((c for c in contacts.values() if view.shows_contact_page(c)), key=lambda c: c.name.lower()),
        },
    )


def _dream_companies(journal, figures, view: View) -> list[tuple[network.WarmPath, int]]:
    """Each dream company's warm path and how many people are there, as this audience may see
    them: in public, one or two unnamed people at a company are neither counted nor a path's
    end (View.countable), so the row reads as it would without them."""
    paths = figures.warm_paths
    staff: dict[str, set[str]] = defaultdict(set)
    for contact in journal.contacts.values():
        staff[fold(contact.company)].add(contact.id)
    shown = [view.countable(staff.get(fold(w.company), ())) if fold(w.company) else set() for w in paths]
    if any(len(s) != len(staff.get(fold(w.company), ())) for s, w in zip(shown, paths) if fold(w.company)):
        paths = network.warm_paths(figures.graph, journal, [w.company for w in paths], eligible=set().union(*shown))
    return [(w, len(s)) for w, s in zip(paths, shown)]


def _wanted(journal, figures, view: View) -> list[tuple[network.Wanted, int]]:
    """The plan's wanted qualities with how many people have each, as this audience may see
    them (View.countable: one or two unnamed holders are not counted in public)."""
    wanted = figures.composition.wanted
    if view.owner:
        return [(w, w.count) for w in wanted]
    out = []
    for w in wanted:
        field_ = network.WANT_FIELDS[w.quality]
        holders = {c.id for c in journal.contacts.values() if has_quality(getattr(c, field_), w.value)}
        out.append((w, len(view.countable(holders))))
    return out


def _linked(node: MapNode, link) -> MapNode:
    """The node with its page's address relative to the network page (the plugin knows it at render)."""
    return replace(node, href=link(node.href) if node.href else None)


@dataclass(frozen=True)
class Suggestion:
    goal: Goal
    remaining: int  # still to do this period
    period: str
    people: list[str]  # contact ids, most overdue first
    new_people: bool  # the goal counts new contacts: suggest qualities the plan wants


def _reach_out_page(analysis: Analysis, view: View, common: dict) -> PageSpec:
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    horizon = today + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    # still to do (done once any of the people was in touch again on or after its day), this week
    follow_ups = [i for i in figures.open_follow_ups if i.follow_up <= horizon]
    dormant = [
        (t, journal.contacts[t.contact_id], figures.stage(t.contact_id))
        for t in network.reach_out_order(figures.touches)
    ]
    return PageSpec(
        "reach-out.md",
        "Reach out",
        "reach-out.html",
        in_nav=True,
        owner_only=True,
        context={
            **common,
            "follow_ups": follow_ups,
            "dormant": dormant,
            "suggestions": _suggestions(analysis),
            # what each suggested relationship is for, beside the person: the owner's want and give
            "purpose": lambda cid: view.contact_purpose(journal.contacts[cid]),
            # what a new-connections goal should look for: the wanted qualities the network has least of
            "thinnest": sorted(figures.composition.wanted, key=lambda w: w.count)[:4],
        },
    )


def _suggestions(analysis: Analysis) -> list[Suggestion]:
    """This period's cadence goals that still need people, each with whom to contact first.

    A recurring goal that counts interactions gets the people its `where:` allows, most
    overdue first (by the reach-out priority), leaving out whoever was already contacted
    this period; one that counts new contacts gets the plan's gaps instead.
    """
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    touches = figures.touches
    order = sorted(touches.values(), key=lambda t: (-t.priority, -(today - t.last).days if t.last else 0, t.contact_id))
    found = []
    for goal in sorted(journal.goals.values(), key=lambda g: g.id):
        progress = figures.progress(goal)
        if not goal.per or goal.status != "active" or progress is None or progress.status in ("done", "upcoming"):
            continue
        remaining = math.ceil(progress.target - progress.value)
        if remaining <= 0:
            continue
        if goal.measure.count == "new-contacts":
            found.append(Suggestion(goal, remaining, progress.period, [], True))
        elif goal.measure.count == "interactions":
            begin = period_start(today, goal.per, figures.week_start)
            where = goal.measure.where
            people = (
                t.contact_id
                for t in order
                if contact_matches(journal.contacts[t.contact_id], where)
                and not any(
                    i.date and begin <= i.date <= today for i in figures.interactions_by_contact.get(t.contact_id, [])
                )
            )
            # the first few are shown: asking every contact, for every goal, was goals x contacts
            found.append(Suggestion(goal, remaining, progress.period, list(islice(people, max(remaining, 3))), False))
    return found


__all__ = ["PageSpec", "site_pages", "smart_card"]
