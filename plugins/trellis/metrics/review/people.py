"""The people in a monthly review: stage changes and dormancy over time, each judged on the
days something could change them, and "take stock" on a month's last day."""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_right
from collections import defaultdict

from ...model import STAGES, Contact, Interaction
from ..stages import day_of, stage_of
from ..ties import (
    ally_by,
    ally_rule_may_end,
    ally_window,
    dormant_from,
    keep_in_touch,
    reach_out_order,
    revivals,
    touch_on,
)
from .records import ONE_DAY, TAKE_STOCK, Dormancy, MonthReview, StageChange, Strengthen


def stage_changes(
    contact: Contact, interactions: list[Interaction], since: dt.date, today: dt.date, baseline: bool = False
) -> list[StageChange]:
    """Every change of the computed stage from `since` to `today`, on its day (see the module's doc);
    `baseline`: first, the stage the day before `since` (its `before` empty)."""
    if contact.stage in STAGES:
        return []
    dated = sorted((i for i in interactions if i.date and i.date <= today), key=day_of)
    if not dated:
        return []
    dates = [day_of(i) for i in dated]
    days = set(dates)
    for i in dated:
        if i.direction == "inbound":
            days.update(ally_rule_may_end(day_of(i)))  # six weeks without them; out of the 90-day window
    before = stage_of(contact, dated[: bisect_right(dates, since - ONE_DAY)], since - ONE_DAY)
    changes = [StageChange(contact.id, since - ONE_DAY, "", before.name, before.reason)] if baseline else []
    for day in sorted(d for d in days if since <= d <= today):
        now = stage_of(contact, dated[: bisect_right(dates, day)], day)
        if now.name != before.name:
            changes.append(StageChange(contact.id, day, before.name, now.name, now.reason))
        before = now
    return changes


def dormancy_changes(
    contact: Contact, interactions: list[Interaction], since: dt.date, today: dt.date
) -> tuple[list[Dormancy], list[Dormancy]]:
    """(went dormant, revived) from `since` to `today`, as `ties.touch_on` judges a tie on each
    day: its last contact (the latest interaction on or before the day, else `met:`)."""
    period = keep_in_touch(contact)
    days = sorted({i.date for i in interactions if i.date and i.date <= today})
    # each stretch of days shares one last contact: before the first interaction, met:
    stretches: list[tuple[dt.date | None, dt.date | None]] = []  # (last contact, the day the stretch ends before)
    stretches.append((contact.met, days[0] if days else None))
    for n, day in enumerate(days):
        stretches.append((day, days[n + 1] if n + 1 < len(days) else None))
    dormant, revived = [], []
    for last, until in stretches:
        if last is None:
            continue
        start = dormant_from(last, period)
        # an interaction on the first dormant day revives it: the tie went dormant that day
        if since <= start <= today and (until is None or start <= until):
            dormant.append(Dormancy(contact.id, start, last, period))
    for day, previous in revivals(contact, days):  # the `revived` counter's days
        if since <= day <= today:
            revived.append(Dormancy(contact.id, day, previous, period))
    return dormant, revived


def known_since(contact: Contact, interactions: list[Interaction]) -> dt.date | None:
    """The day a contact joined the network: `met:` (else `connected:`), else the first
    interaction; None: undated."""
    if contact.joined:
        return contact.joined
    return min((i.date for i in interactions if i.date), default=None)


def take_stock(figures, reviews: list[MonthReview], timelines: dict[str, list[StageChange]]) -> None:
    """Whom to strengthen next, judged on each month's last day: one walk over each contact's
    interactions for all months (a bisection a month), not a judgement of everyone each month."""
    journal, today = figures.journal, figures.today
    by_contact = figures.interactions_by_contact
    closest: dict[str, list] = defaultdict(list)
    dormant: dict[str, list] = defaultdict(list)
    months = tuple((review.key, review.judged_on) for review in reviews)
    each = figures.memo.review_stock
    for cid in sorted(journal.contacts):
        contact, interactions, timeline = journal.contacts[cid], by_contact.get(cid, []), timelines.get(cid, [])
        found = each.get(
            cid,
            (contact, tuple(interactions), today, months, tuple(timeline)),
            lambda: _stock_of(contact, interactions, today, months, timeline),
        )
        for key, touch, strengthen in found:
            if touch is not None:
                dormant[key].append(touch)
            if strengthen is not None:
                closest[key].append(strengthen)
    each.forget_unused()
    for review in reviews:
        day = review.judged_on
        review.take_stock["next-stage"] = [
            s for _, s in heapq.nsmallest(TAKE_STOCK, closest[review.key], key=lambda ks: ks[0])
        ]
        review.dormant_at_end = len(dormant[review.key])
        review.take_stock["reach-out"] = [
            Strengthen(t.contact_id, "reach-out", since=t.last, overdue_days=t.overdue_days, period_days=t.period_days)
            for t in reach_out_order(dormant[review.key])[:TAKE_STOCK]
        ]
        warm = []
        for path in figures.warm_paths:
            if len(path.path) == 3 and all(
                _known_by(journal.contacts[c], by_contact.get(c, []), day) for c in path.path[1:]
            ):
                warm.append(Strengthen(path.path[1], "warm-path", target=path.path[2], company=path.company))
        review.take_stock["warm-path"] = warm[:TAKE_STOCK]


def _stock_of(
    contact: Contact,
    interactions: list[Interaction],
    today: dt.date,
    months: tuple[tuple[str, dt.date], ...],
    timeline: list[StageChange],
) -> list[tuple]:
    """One person in each month's take stock: (month, their tie if dormant then, (order, the
    step to the next stage) if they are close to it), judged on the month's last day; one walk
    over their interactions for all months (a bisection a month)."""
    cid = contact.id
    dated = sorted((i for i in interactions if i.date and i.date <= today), key=day_of)
    joined = contact.joined or (dated[0].date if dated else None)
    dates = [day_of(i) for i in dated]
    inbound = [day_of(i) for i in dated if i.direction == "inbound"]
    outs, ins = [0], [0]  # how many outbound and inbound in the first n interactions
    for i in dated:
        outs.append(outs[-1] + (i.direction == "outbound"))
        ins.append(ins[-1] + (i.direction == "inbound"))
    change_days = [c.day for c in timeline]
    found = []
    for key, day in months:
        if joined is not None and joined > day:
            continue  # not known yet
        n = bisect_right(dates, day)
        # ties.last_contact on that day: the latest interaction, else met:
        tie = touch_on(contact, dates[n - 1] if n else contact.met, day)
        touch = tie if tie.dormant else None
        strengthen = None
        if contact.stage not in STAGES and n and timeline:
            stage = timeline[bisect_right(change_days, day) - 1].after
            if stage == "contact":
                # they reached out and wait for you: first; then your most recent one-way reaches
                order = (1 if ins[n] else 2, -dates[n - 1].toordinal(), cid)
                strengthen = (order, Strengthen(cid, "next-stage", "contact", outs[n], ins[n], dates[n - 1]))
            elif stage == "acquaintance":
                window = ally_window(inbound, day)
                by = ally_by(window, day)  # one inbound contact short of the ally rule
                if by is not None:
                    strengthen = (
                        (0, by.toordinal(), cid),
                        Strengthen(cid, "next-stage", "acquaintance", since=window[-1], by=by),
                    )
        if touch is not None or strengthen is not None:
            found.append((key, touch, strengthen))
    return found


def _known_by(contact: Contact, interactions: list[Interaction], day: dt.date) -> bool:
    joined = known_since(contact, interactions)
    return joined is None or joined <= day
