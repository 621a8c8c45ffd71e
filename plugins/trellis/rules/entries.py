"""Rules for entries/**/*.md."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import finding
from ..model import CHANNELS, DATE_IN_NAME, DIRECTIONS, Entry, Finding, Journal
from .people import unknown_contact_fix

# the fixes `trellis check` prints, which the JSON Schemas (schemas.py) repeat
CHANNEL_FIX = f"use one of {', '.join(CHANNELS)}"
DIRECTION_FIX = "write outbound (you reached out), inbound (they did) or mutual"
WITH_FIX = "add with: a contact id, or a list of them"


def check_entry(entry: Entry, journal: Journal) -> Iterator[Finding]:
    src, line = entry.source, entry.source.line
    if entry.date is None and "date" not in entry.invalid:
        yield finding(
            "ENTRY-1",
            src,
            line("date"),
            "the entry has no date",
            "add date: YYYY-MM-DD, or name the file after its day, e.g. 2026-11-22.md",
        )
    named = DATE_IN_NAME.search(src.rel.rsplit("/", 1)[-1])
    if entry.date and named and named.group(1) != entry.date.isoformat():  # so date: was written
        yield finding(
            "ENTRY-7",
            src,
            line("date"),
            f"date: {entry.date.isoformat()} but the file name says {named.group(1)}",
            "make them agree: Trellis uses date:",
        )
    for i in entry.interactions:
        where = ("interactions", i.index)
        if not i.with_ids:
            yield finding("ENTRY-6", src, line(*where), f"interaction {i.index + 1} names nobody", WITH_FIX)
        for cid in i.with_ids:
            if cid not in journal.contacts:
                yield finding(
                    "ENTRY-3",
                    src,
                    line(*where, "with"),
                    f"'{cid}' is not in contacts/",
                    unknown_contact_fix(journal, cid, f"create contacts/{cid}.md (trellis new contact) or fix the id"),
                )
        if i.channel not in CHANNELS:
            what = "no channel" if i.channel is None else f"channel '{i.channel}' is not one Trellis knows"
            yield finding("ENTRY-4", src, line(*where, "channel"), what, CHANNEL_FIX)
        if i.direction not in DIRECTIONS:
            what = "no direction" if i.direction is None else f"direction '{i.direction}' is not one Trellis knows"
            yield finding("ENTRY-5", src, line(*where, "direction"), what, DIRECTION_FIX)
    for name in entry.progress:
        goal = journal.goals.get(name)
        if goal is None or goal.measure is None or goal.measure.count != "manual":
            yield finding(
                "ENTRY-8",
                src,
                line("progress", name),
                f"progress '{name}' names no manual goal",
                "use the id of a goal whose measure is count: manual",
            )
