"""Stages on hand-made timelines: two-way exchanges, the six-week gap, the 90-day window, an override."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY
from trellis.metrics.stages import stage_of
from trellis.model import Contact, Interaction, Source


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def timeline(*moves: tuple[int, str]) -> list[Interaction]:
    """(days ago, direction) pairs, as logged interactions with one person."""
    return [
        Interaction(["ada"], "email", direction, "", None, ago(days), f"e{n}", 0)
        for n, (days, direction) in enumerate(moves)
    ]


def stage(*moves: tuple[int, str], **fields):
    contact = Contact(id="ada", source=Source(Path("/ada.md"), "ada", "ada"), name="Ada", **fields)
    return stage_of(contact, timeline(*moves), TODAY)


@pytest.mark.parametrize(
    "moves, expected",
    [
        ((), "contact"),
        (((10, "outbound"), (5, "outbound")), "contact"),  # nobody answered
        (((10, "outbound"), (5, "inbound")), "acquaintance"),  # a two-way exchange
        (((30, "mutual"),), "acquaintance"),
        # inbound 80, 45 and 10 days ago: gaps of 35, 35 and 10 to today, all within six weeks
        (((80, "inbound"), (45, "inbound"), (10, "inbound")), "ally"),
        # exactly six weeks (42 days) apart still counts; 43 does not
        (((50, "inbound"), (8, "inbound")), "ally"),
        (((51, "inbound"), (8, "inbound"), (3, "outbound")), "acquaintance"),
        # the 90-day window: the first one fell out of it, one inbound left is not a pattern
        (((95, "inbound"), (60, "inbound"), (2, "outbound")), "acquaintance"),
        # an ally who went quiet: the latest came 50 days ago, more than six weeks
        (((80, "inbound"), (79, "outbound"), (50, "inbound")), "acquaintance"),
    ],
)
def test_stage_from_the_timeline(moves, expected):
    assert stage(*moves).name == expected


def test_stage_says_why():
    assert (
        stage((80, "inbound"), (45, "inbound"), (10, "inbound")).reason
        == "ally: initiated 3 times in the last 90 days, at most 35 days apart"
    )
    assert stage((10, "outbound"), (5, "inbound")).reason == f"acquaintance: a two-way exchange on {ago(5).isoformat()}"


def test_a_stage_written_in_the_file_overrides_the_computed_one():
    found = stage((10, "outbound"), stage="ally")
    assert (found.name, found.overridden) == ("ally", True)
    assert "set by hand" in found.reason


def test_interactions_after_today_do_not_count():
    assert stage((-3, "inbound"), (-10, "outbound")).name == "contact"
