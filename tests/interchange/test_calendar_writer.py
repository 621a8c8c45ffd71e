"""The calendar's events written by Trellis (issue 31) are the bytes the `icalendar` library wrote:
checked against the library on odd text, on long lines of every width, and on every event of a
generated journal."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import pytest
from trellis.interchange import calendar
from trellis.interchange.calendar import CalendarEvent, calendar_events, journal_calendar
from trellis.pipeline import analyse

ROOT = Path(__file__).resolve().parents[2]
STAMP = dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc)


def library_event(found: CalendarEvent, stamp: dt.datetime) -> bytes:
    """The event as the library writes it (what calendar.py did before issue 31)."""
    import icalendar

    event = icalendar.Event()
    event.add("uid", found.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", found.day)
    event.add("dtend", found.day + dt.timedelta(days=1))
    if found.recurrence is not None:
        rule = dict(found.recurrence)
        if found.until is not None:
            rule["until"] = found.until
        event.add("rrule", rule)
    event.add("summary", calendar._text(found.summary))
    event.add("description", calendar._text(found.description))
    event.add("categories", [f"Trellis {found.kind}"])
    event.add("transp", "TRANSPARENT")
    return event.to_ical()


ODD = [
    "",
    "plain",
    "a, b; c \\ d",
    "back\\Nslash N and \\n and \\\\N",
    "line\nbreaks\r\nand\rreturns",
    "ünïcødé ✓ 日本語 🎉 " * 9,
    "\\" * 200,
    "^" * 150 + "\\,",
    "\x1b[31mred\u202e",
]


def odd_texts() -> list[str]:
    found = list(ODD)
    for width in range(60, 160):  # a backslash, caret or wide character at every place of a fold
        for mark in ("\\", "^", ",", "é", "日", "🎉"):
            found.append("x" * width + mark + "y" * 30)
            found.append(mark * 3 + "z" * width)
    pieces = ["a", "é", "\\", "^", ",", ";", "\n", " ", "日", "🎉", "N"]
    rng = random.Random(31)
    found += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 300))) for _ in range(500)]
    return found


@pytest.mark.parametrize("kind", ["follow-up", "reach-out", "due", "cadence"])
def test_events_are_the_librarys_bytes_for_odd_text(kind):
    rules = [
        None,
        (("freq", "DAILY"), ("interval", 1)),
        (("freq", "WEEKLY"), ("interval", 1), ("wkst", "SU")),
        (("freq", "MONTHLY"), ("interval", 3)),
    ]
    for n, text in enumerate(odd_texts()):
        recurrence = rules[n % 4] if kind == "cadence" else None
        until = dt.date(2027, 3, 31) if recurrence and n % 3 else None
        found = CalendarEvent(kind, (kind, str(n)), dt.date(2026, 12, 31), text, text[::-1], recurrence, until)
        assert calendar._event(found, STAMP) == library_event(found, STAMP), repr(text)


def test_every_event_of_a_generated_journal_is_the_librarys(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Shape, generate

    project = generate(tmp_path / "g", 300, 400, shape=Shape(goals=30, people=3))
    analysis = analyse(project / "journal")
    stamp = dt.datetime.combine(analysis.today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    events = calendar_events(analysis)
    assert {e.kind for e in events} >= {"reach-out", "due", "cadence"}  # follow-ups: test_calendar.py
    written = journal_calendar(analysis)
    expected = b"".join(library_event(e, stamp) for e in events)
    assert expected in written and written.endswith(b"END:VCALENDAR\r\n")


def test_reach_outs_say_whether_the_last_contact_was_an_interaction_or_the_day_you_met(tmp_path):
    """The tie (`Touch.logged`) says it, as walking the person's interactions again did."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate
    from trellis.metrics.ties import last_interaction

    analysis = analyse(generate(tmp_path / "g", 300, 150) / "journal")
    seen = set()
    for event in calendar_events(analysis):
        if event.kind == "reach-out":
            cid = event.key[1]
            logged = last_interaction(analysis.figures.interactions_by_contact.get(cid, []), analysis.today)
            since = "(your last interaction)" if logged is not None else "(the day you met)"
            assert since in event.description
            seen.add(since)
    assert len(seen) == 2
