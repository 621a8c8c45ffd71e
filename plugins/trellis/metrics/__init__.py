"""Figures: what the journal measures, computed once per build and shared by pages and commands."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..memo import ServeMemo
from ..model import COUNTERS, PERIODS, STAGES, Application, Entry, Goal, Interaction, Journal, fold
from . import companies as company_figures  # as the property `companies` below is named
from . import hunt, known, ties
from .counters import Item, counted_items, counter_key
from .heatmap import Heatmap, journaling_heatmap
from .periods import days_in, period_start
from .progress import Achievement, GoalProgress, count_progress, stage_progress
from .stages import Stage, stage_of

if TYPE_CHECKING:  # imported late at run time: networkx is loaded only when a graph figure is asked for
    from . import network

__all__ = ["Achievement", "Figures", "GoalProgress", "Heatmap", "Stage"]


class Figures:
    def __init__(
        self,
        journal: Journal,
        today: dt.date,
        week_start: int = 0,
        memo: ServeMemo | None = None,
        order: Callable[[Journal], Any] | None = None,
    ):
        self.journal = journal
        # the map's order (`anonymous_order`): a privacy decision, passed down by the pipeline
        self._order = order
        self.today = today
        self.week_start = week_start
        # kept by the plugin across `mkdocs serve` rebuilds (memo.py): the figures of the graph,
        # reused while the graph's inputs are unchanged (an edited reflection does not move the map)
        self.memo = memo if memo is not None else ServeMemo()
        # keyed by `counter_key`: every goal over one counter and filter shares one list
        self._items: dict[tuple, list[Item]] = {}
        self._best_paces: dict[tuple, tuple[float, dt.date] | None] = {}
        self._stages: dict[str, Stage] = {}
        self._progress: dict[str, GoalProgress | None] = {}

    @cached_property
    def interactions_by_contact(self) -> dict[str, list[Interaction]]:
        found: dict[str, list[Interaction]] = defaultdict(list)
        for interaction in self.journal.interactions:
            for cid in dict.fromkeys(interaction.with_ids):
                found[cid].append(interaction)
        return found

    @cached_property
    def applications_by_company(self) -> dict[str, list[Application]]:
        """The job applications by company, compared loosely (`fold`: "stripe" is "Stripe "),
        each company's in file order. Owner only, like every figure drawn from applications:
        the hook the company pages, reminders, goal counters and the review build on."""
        found: dict[str, list[Application]] = defaultdict(list)
        for application in sorted(self.journal.applications.values(), key=lambda a: a.source.rel):
            if application.company:
                found[fold(application.company)].append(application)
        return dict(found)

    @cached_property
    def companies(self) -> dict[str, company_figures.Company]:
        """The companies with a page of their own, by folded name (metrics/companies.py): owner
        only, like the applications they are drawn from."""
        return company_figures.companies(self.journal, self.applications_by_company)

    def ways_in(self, company: company_figures.Company) -> tuple[list[company_figures.Way], list[str]]:
        """The warm paths to the people at a company, now and before, ranked, and those no path reaches."""
        from . import network

        parent = self.reach[0]
        return company_figures.ways_in(
            company, lambda cid: network.path_to(parent, cid), lambda cid: self.stage(cid).rank, self.last_contact
        )

    @cached_property
    def application_reminders(self) -> dict[str, hunt.Reminder]:
        """Each open application's next step, silence and stop rules as of today (`hunt`), by id:
        what reach-out, Today, the digest, the calendar and `trellis status` remind of. Owner only."""
        return hunt.reminders(self.journal, self.interactions_by_contact, self.stage, self.today)

    @cached_property
    def entries_by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.journal.entries}

    def stage(self, contact_id: str) -> Stage:
        if contact_id not in self._stages:
            contact = self.journal.contacts[contact_id]
            self._stages[contact_id] = stage_of(contact, self.interactions_by_contact.get(contact_id, []), self.today)
        return self._stages[contact_id]

    def items(self, goal: Goal) -> list[Item]:
        """What counted toward the goal, oldest first; shared with every goal of the same counter and
        filter, so callers only read it."""
        key = counter_key(goal)
        if key not in self._items:
            self._items[key] = counted_items(self.journal, goal)
        return self._items[key]

    def measurable(self, goal: Goal) -> bool:
        """Whether the goal is well-formed enough to measure (the rules report the rest)."""
        m = goal.measure
        if goal.is_vision or m is None or m.count is None or (goal.per is not None and goal.per not in PERIODS):
            return False
        if m.count == "stage":
            return m.contact in self.journal.contacts and goal.target in STAGES
        return (
            goal.target_number is not None
            and goal.target_number > 0
            and m.count in COUNTERS  # a number counted ("stage" returned above)
        )

    def progress(self, goal: Goal) -> GoalProgress | None:
        """The one computation behind the pages, `trellis status` and its JSON."""
        if goal.id not in self._progress:
            self._progress[goal.id] = self._compute_progress(goal)
        return self._progress[goal.id]

    def _compute_progress(self, goal: Goal) -> GoalProgress | None:
        if not self.measurable(goal) or goal.measure is None:
            return None
        if goal.measure.count == "stage":
            cid = goal.measure.contact
            assert cid is not None  # measurable: a stage goal's contact is in the journal
            rank = self.stage(cid).rank
            reached = self.stage_reached_on(cid, goal.target) if rank >= STAGES.index(goal.target) else None
            return stage_progress(goal, rank, self.today, reached)
        return count_progress(goal, self.items(goal), self.today, self.week_start)

    def stage_reached_on(self, contact_id: str, target: str) -> dt.date | None:
        """The first day the computed stage reached `target`, judged as on each day something happened."""
        contact = self.journal.contacts[contact_id]
        interactions = self.interactions_by_contact.get(contact_id, [])
        days = sorted({i.date for i in interactions if i.date and i.date <= self.today})
        rank = STAGES.index(target)
        for day in days:
            if stage_of(contact, interactions, day).rank >= rank:
                return day
        return None

    def achievements(self) -> list[Achievement]:
        """Goals reached and streak records, newest first (undated ones last)."""
        found = [a for goal in self.journal.goals.values() if (p := self.progress(goal)) for a in p.achievements()]
        return sorted(found, key=lambda a: (a.date is not None, a.date or dt.date.min, a.goal_id), reverse=True)

    @cached_property
    def heatmap(self) -> Heatmap:
        return journaling_heatmap(self.journal, self.today, self.week_start)

    # The network: computed once per build, on first use, and networkx imported only then,
    # so `trellis check` (a pre-commit hook) never pays for it.
    @cached_property
    def touches(self) -> dict[str, ties.Touch]:
        return ties.touches(self.journal, self.interactions_by_contact, self.today)

    @cached_property
    def open_follow_ups(self) -> list[Interaction]:
        """Interactions whose `follow_up` is still to do, by that day (then entry id): a follow-up
        is done once any of its people was in touch again on or after its day (up to today).
        The one definition: the reach-out page and the calendar read it."""
        found = []
        for interaction in self.journal.interactions:
            day = interaction.follow_up
            if day is None:
                continue
            done = any(
                i.date and day <= i.date <= self.today
                for cid in interaction.with_ids
                for i in self.interactions_by_contact.get(cid, [])
            )
            if not done:
                found.append(interaction)
        return sorted(found, key=lambda i: (i.follow_up, i.entry_id))

    @cached_property
    def never_talked(self) -> list[known.Known]:
        """People known but never talked to (`ties.never_talked`: imported connections, mostly),
        best fit with the plan first (`known.by_fit`); not dormant, so never in `reach_out_order`."""
        people = [self.journal.contacts[cid] for cid in ties.never_talked(self.touches)]
        return known.by_fit(people, self.journal.plan)

    @cached_property
    def next_follow_ups(self) -> dict[str, dt.date]:
        """Each contact's next follow-up: the earliest still to do (`open_follow_ups`) that is today
        or later. What their page and the contacts index show (reach-out lists the open ones); one
        due today and done today is not next (the reach-out page and the dashboard drop it too)."""
        found: dict[str, dt.date] = {}
        for interaction in self.open_follow_ups:
            day = interaction.follow_up
            if day is None or day < self.today:
                continue
            for cid in interaction.with_ids:
                if cid not in found or day < found[cid]:
                    found[cid] = day
        return found

    def last_contact(self, contact_id: str) -> dt.date | None:
        """The contact's last contact (`ties.last_contact`): what every page, command and review shows."""
        return self.touches[contact_id].last

    @cached_property
    def graph_inputs(self) -> tuple:
        """Everything the graph and its figures are computed from (not dates, texts or today)."""
        contacts = tuple(
            (c.id, tuple(c.knows), c.introduced_by, c.company)
            for c in sorted(self.journal.contacts.values(), key=lambda c: c.id)
        )
        return contacts, tuple(tuple(i.with_ids) for i in self.journal.interactions)

    def _remembered(self, name: str, compute, inputs: tuple | None = None):
        """A figure from the memo while what it is computed from (by default the graph's inputs) is the same."""
        inputs = self.graph_inputs if inputs is None else inputs
        return self.memo.figures.get(name, inputs, compute)

    @cached_property
    def graph(self):
        from . import network

        return self._remembered("graph", lambda: network.build_graph(self.journal, self.interactions_by_contact))

    @cached_property
    def clusters(self) -> list[list[str]]:
        from . import network

        return self._remembered("clusters", lambda: network.communities(self.graph))

    @cached_property
    def positions(self) -> dict[str, tuple[float, float]]:
        from . import network

        order = self.anonymous_order
        return self._remembered(
            "positions",
            lambda: network.layout(self.graph, clusters=self.clusters, order=order),
            (self.graph_inputs, order.key),
        )

    @cached_property
    def anonymous_order(self):
        """The order the map numbers and places people in: it tells nothing of their names.
        Privacy's (`privacy.order.anonymous_order`), given by whoever made the figures (`pipeline.analyse`):
        the figures know nothing of privacy."""
        if self._order is None:
            raise TypeError("these figures were made without the map's order (pipeline.analyse gives it)")
        return self._order(self.journal)

    @cached_property
    def super_connectors(self) -> list[tuple[str, float]]:
        from . import network

        order = self.anonymous_order  # ties are broken by it, never by ids (which sort by name)
        return self._remembered(
            "super_connectors",
            lambda: network.super_connectors(self.graph, order=order),
            (self.graph_inputs, order.key),
        )

    @cached_property
    def reach(self) -> tuple[dict[str, str | None], dict[str, int]]:
        """Everyone a warm path reaches (`network.reach`): the company pages' warm paths."""
        from . import network

        return self._remembered("reach", lambda: network.reach(self.graph))

    @cached_property
    def warm_paths(self) -> list[network.WarmPath]:
        from . import network

        dream = list(self.journal.plan.dream_companies) if self.journal.plan else []
        return self._remembered(
            "warm_paths", lambda: network.warm_paths(self.graph, self.journal, dream), (self.graph_inputs, tuple(dream))
        )

    @cached_property
    def composition(self) -> network.Composition:
        from . import network

        # the contacts are the same objects while their files are unchanged: cheap to compare
        inputs = (tuple(self.journal.contacts.values()), self.journal.plan)
        return self._remembered("composition", lambda: network.composition(self.journal, self.journal.plan), inputs)

    def best_pace(self, goal: Goal, per: str) -> tuple[float, dt.date] | None:
        """The most the journal counted for this goal's counter in one `per` period that has ended
        (worked out once per counter, filter and period, whatever the number of goals). The period
        still running is left out: a week three days old is no pace, and a new journal's first
        contact would otherwise make every cadence goal look unrealistic."""
        assert goal.measure is not None  # asked for measurable goals only (rules.goals)
        key = (counter_key(goal), goal.measure.level, per)
        if key not in self._best_paces:
            self._best_paces[key] = self._best_pace(self.items(goal), goal.measure.level, per)
        return self._best_paces[key]

    def _best_pace(self, items: list[Item], level: bool, per: str) -> tuple[float, dt.date] | None:
        if level or not items or items[0].date > self.today:
            return None
        sums: dict[dt.date, float] = defaultdict(float)
        starts: dict[dt.date, dt.date] = {}  # items come in runs of one day: its period is looked up once
        running = period_start(self.today, per, self.week_start)
        for item in items:
            start = starts.get(item.date)
            if start is None:
                start = starts[item.date] = period_start(item.date, per, self.week_start)
            if start >= running:
                break  # oldest first: the rest is in the running period or later
            sums[start] += item.amount
        if not sums:
            return None
        best = max(sums.items(), key=lambda kv: (kv[1], kv[0]))
        return best[1], best[0]

    def needed_pace(self, goal: Goal) -> tuple[float, str] | None:
        """How much per period the goal asks for: its target per `per`, or spread from start to due by week."""
        target = goal.target_number
        if target is None:
            return None
        if goal.per:
            return target, goal.per
        if goal.start and goal.due and goal.due > goal.start:
            weeks = max((goal.due - goal.start).days / days_in("week"), 1.0)
            return target / weeks, "week"
        return None
