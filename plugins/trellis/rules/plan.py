"""Rules for plan.md."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import finding
from ..model import WANTED_QUALITIES, Finding, Plan

REVIEWS = ("daily", "weekly", "monthly", "quarterly")
REVIEW_FIX = f"write one of {', '.join(REVIEWS)}"


def check_plan(plan: Plan) -> Iterator[Finding]:
    for quality in plan.want:
        if quality not in WANTED_QUALITIES:
            yield finding(
                "PLAN-1",
                plan.source,
                plan.source.line("want", quality),
                f"want.{quality} is not a quality Trellis compares",
                f"use {', '.join(WANTED_QUALITIES)}",
            )
    if plan.review and plan.review not in REVIEWS:
        yield finding(
            "PLAN-2", plan.source, plan.source.line("review"), f"review '{plan.review}' is not a cadence", REVIEW_FIX
        )
