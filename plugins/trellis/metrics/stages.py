"""Relationship stages: contact, acquaintance, ally, with the reason shown.

* acquaintance: at least one two-way exchange: a `mutual` interaction, or both an
  outbound and an inbound one.
* ally: they initiate: inbound at least twice in the last 90 days, each gap between
  those contacts six weeks or less, and the latest within six weeks of today (an ally
  "contacts you of their own accord every few weeks", so a lapsed one is no longer):
  the ally rule, stated in `ties.py`.
A `stage:` in the contact's file overrides the computed stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import STAGES, Contact, Interaction
from .ties import ALLY_WINDOW_DAYS, ally_gap, ally_window, is_ally


def day_of(i: Interaction) -> dt.date:
    """The date of an interaction from a `dated` list (one filtered on `i.date`), for the type checker."""
    assert i.date is not None, "an undated interaction in a dated list"
    return i.date


@dataclass(frozen=True)
class Stage:
    name: str
    reason: str
    overridden: bool = False

    @property
    def rank(self) -> int:
        return STAGES.index(self.name)


def stage_of(contact: Contact, interactions: list[Interaction], today: dt.date) -> Stage:
    if contact.stage in STAGES:
        return Stage(contact.stage, f"{contact.stage}: set by hand in the contact's file", True)
    dated = sorted((i for i in interactions if i.date and i.date <= today), key=day_of)
    inbound = ally_window([day_of(i) for i in dated if i.direction == "inbound"], today)
    if is_ally(inbound, today):
        return Stage(
            "ally",
            f"ally: initiated {len(inbound)} times in the last {ALLY_WINDOW_DAYS} days, "
            f"at most {ally_gap(inbound, today)} days apart",
        )
    directions = {i.direction for i in dated}
    two_way = next((i.date for i in dated if i.direction == "mutual"), None)
    if two_way is None and {"inbound", "outbound"} <= directions:
        first_in = next(day_of(i) for i in dated if i.direction == "inbound")
        first_out = next(day_of(i) for i in dated if i.direction == "outbound")
        two_way = max(first_in, first_out)
    if two_way is not None:
        return Stage("acquaintance", f"acquaintance: a two-way exchange on {two_way.isoformat()}")
    if dated:
        return Stage("contact", "contact: no two-way exchange logged yet")
    return Stage("contact", "contact: no interaction logged yet")
