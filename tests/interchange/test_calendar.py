"""`trellis export ics` and the owner's reach-out/trellis.ics: follow-ups, reach-outs, due dates
and cadences, worked out by hand on a small journal, read back with the icalendar library."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import textwrap

import icalendar
import pytest
from conftest import EPOCH, ROOT, build
from journals import VISION_GOAL
from trellis import cli

D = dt.date
# 2026-11-23, a Monday, is today (SOURCE_DATE_EPOCH)
FILES = {
    **VISION_GOAL,
    "goals/weekly.md": """
        ---
        title: Have two coffees every week
        supports: vision
        measure: {count: interactions}
        target: 2
        unit: coffees
        per: week
        start: 2026-11-04
        due: 2026-12-31
        actions: [Ask one person a week]
        ---
        """,
    "goals/monthly.md": """
        ---
        title: Write one post every month
        why: People who read me know my work.
        measure: {count: manual}
        target: 1
        per: month
        start: 2026-10-15
        due: 2027-03-31
        actions: [Draft on Sundays]
        ---
        """,
    "goals/quarterly.md": """
        ---
        title: Go to one conference every quarter
        supports: vision
        measure: {count: events}
        target: 1
        per: quarter
        start: 2026-11-01
        due: 2027-06-30
        actions: [Buy the ticket early]
        ---
        """,
    "goals/talk.md": """
        ---
        title: Give one talk at the JS meetup
        why: A talk shows my work to a room at once.
        measure: {count: manual}
        target: 1
        start: 2026-11-01
        due: 2027-01-15
        actions: [Ask the organiser for a slot]
        ---
        """,
    # neither done nor paused goals are on the calendar
    "goals/finished.md": """
        ---
        title: Meet three recruiters
        supports: vision
        measure: {count: new-contacts}
        target: 3
        start: 2026-10-01
        due: 2026-12-15
        actions: [Go to the fair]
        status: done
        ---
        """,
    "goals/resting.md": """
        ---
        title: Post on LinkedIn once every week
        supports: vision
        measure: {count: manual}
        target: 1
        per: week
        start: 2026-10-01
        due: 2026-12-31
        actions: [Write on Fridays]
        status: paused
        ---
        """,
    "contacts/ada-lovelace.md": """
        ---
        name: Ada Lovelace
        role: Engineering Manager
        company: Analytical Engines
        met: 2026-09-01
        keep_in_touch: 30d
        want: [advice on remote hiring]
        give: [a review of her team's docs]
        ---
        """,
    "contacts/grace-hopper.md": "---\nname: Grace Hopper\nrole: Developer\nmet: 2026-10-01\n---\n",
    # no met: and no interaction: no last contact to count a reach-out from
    "contacts/charles-babbage.md": "---\nname: Charles Babbage\nrole: Recruiter\n---\n",
    "entries/2026/2026-10-20.md": """
        ---
        interactions:
          - with: ada-lovelace
            channel: email
            direction: outbound
            summary: Asked about the team
            follow_up: 2026-11-05
        ---
        """,
    "entries/2026/2026-11-02.md": """
        ---
        interactions:
          - with: grace-hopper
            channel: email
            direction: outbound
            summary: Sent my portfolio
            follow_up: 2026-11-09
        ---
        """,
    "entries/2026/2026-11-10.md": """
        ---
        interactions:
          - with: ada-lovelace
            channel: coffee
            direction: outbound
            summary: Talked about the platform team's hiring
            follow_up: 2026-12-01
        ---
        """,
}

# Worked out by hand, today 2026-11-23, weeks starting on Monday:
# - follow-ups: Ada's of 2026-11-05 is done (the coffee on 2026-11-10 came after it); Grace's
#   of 2026-11-09 is still to do (overdue, on its day); Ada's of 2026-12-01 is to come.
# - reach-outs: Ada's last contact is 2026-11-10, + 30 days = 2026-12-10; Grace's is
#   2026-11-02 (the e-mail, not met: 2026-10-01), + 90 (the default) = 2027-01-31.
# - due: the four active goals' due dates (recurring ones: the habit's review).
# - cadences: weekly from the Monday of 2026-11-04's week (2026-11-02); monthly from 1
#   October (the month of 2026-10-15); quarterly from 1 October (the quarter of 1 November).
EXPECTED = {
    ("follow-up", D(2026, 11, 9), "Follow up with Grace Hopper"),
    ("follow-up", D(2026, 12, 1), "Follow up with Ada Lovelace"),
    ("reach-out", D(2026, 12, 10), "Reach out to Ada Lovelace"),
    ("reach-out", D(2027, 1, 31), "Reach out to Grace Hopper"),
    ("due", D(2026, 12, 31), "Goal review: Have two coffees every week"),
    ("due", D(2027, 3, 31), "Goal review: Write one post every month"),
    ("due", D(2027, 6, 30), "Goal review: Go to one conference every quarter"),
    ("due", D(2027, 1, 15), "Goal due: Give one talk at the JS meetup"),
    ("cadence", D(2026, 11, 2), "This week: Have two coffees every week"),
    ("cadence", D(2026, 10, 1), "This month: Write one post every month"),
    ("cadence", D(2026, 10, 1), "This quarter: Go to one conference every quarter"),
}


@pytest.fixture
def journal(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write(tmp_path, FILES)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def write(project, files):
    for rel, text in files.items():
        path = project / "journal" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def export(project, capsys, *extra) -> icalendar.Calendar:
    capsys.readouterr()
    assert cli.main(["export", "ics", "--path", str(project), *extra]) == 0
    return icalendar.Calendar.from_ical(capsys.readouterr().out)


def kind(event) -> str:
    return event["categories"].cats[0].removeprefix("Trellis ")


def events(calendar) -> dict[tuple, icalendar.Event]:
    return {(kind(e), e.decoded("dtstart"), str(e["summary"])): e for e in calendar.walk("VEVENT")}


def test_the_calendar_has_each_follow_up_reach_out_due_date_and_cadence(journal, capsys):
    calendar = export(journal, capsys)
    found = events(calendar)
    assert set(found) == EXPECTED
    assert len(calendar.walk("VEVENT")) == len(EXPECTED)
    for event in found.values():  # all-day events of one day: DTSTART;VALUE=DATE
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)
        assert event["dtstart"].params["VALUE"] == "DATE"
    # the why, and what the relationship is for (the owner's want and give)
    ada = str(found[("reach-out", D(2026, 12, 10), "Reach out to Ada Lovelace")]["description"])
    assert "2026-11-10" in ada and "30 days" in ada
    assert "advice on remote hiring" in ada and "a review of her team's docs" in ada
    coffee = str(found[("follow-up", D(2026, 12, 1), "Follow up with Ada Lovelace")]["description"])
    assert "Talked about the platform team's hiring" in coffee and "advice on remote hiring" in coffee
    talk = str(found[("due", D(2027, 1, 15), "Goal due: Give one talk at the JS meetup")]["description"])
    assert "A talk shows my work to a room at once." in talk and "Ask the organiser for a slot" in talk
    weekly = str(found[("cadence", D(2026, 11, 2), "This week: Have two coffees every week")]["description"])
    assert "Land a remote role" in weekly  # supports: the vision goal's title says why


def test_recurring_goals_recur_on_their_period_until_due(journal, capsys):
    found = {str(e["summary"]): e["rrule"] for e in export(journal, capsys).walk("VEVENT") if "rrule" in e}
    assert set(found) == {
        "This week: Have two coffees every week",
        "This month: Write one post every month",
        "This quarter: Go to one conference every quarter",
    }
    week, month, quarter = (
        found[f"This {p}"]
        for p in (
            "week: Have two coffees every week",
            "month: Write one post every month",
            "quarter: Go to one conference every quarter",
        )
    )
    assert (week["FREQ"], week["INTERVAL"], week["UNTIL"], week["WKST"]) == (["WEEKLY"], [1], [D(2026, 12, 31)], ["MO"])
    assert (month["FREQ"], month["INTERVAL"], month["UNTIL"]) == (["MONTHLY"], [1], [D(2027, 3, 31)])
    assert (quarter["FREQ"], quarter["INTERVAL"], quarter["UNTIL"]) == (["MONTHLY"], [3], [D(2027, 6, 30)])


def test_weeks_start_on_the_week_start_option(journal, capsys):
    config = journal / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - trellis\n", "  - trellis:\n      week_start: sunday\n"))
    weekly = [e for e in export(journal, capsys).walk("VEVENT") if str(e["summary"]).startswith("This week")]
    # 2026-11-04 is a Wednesday: its week, Sunday first, began on 1 November
    assert [(e.decoded("dtstart"), e["rrule"]["WKST"]) for e in weekly] == [(D(2026, 11, 1), ["SU"])]


def test_uids_stay_when_the_journal_changes(journal, capsys):
    before = {str(e["summary"]): str(e["uid"]) for e in export(journal, capsys).walk("VEVENT")}
    assert len(set(before.values())) == len(before)  # unique
    write(
        journal,
        {
            # an entry sorted before the others, with a new follow-up for a new person
            "entries/2026/2026-09-15.md": """
            ---
            interactions:
              - with: linus-torvalds
                channel: call
                direction: inbound
                summary: He called about a kernel role
                follow_up: 2026-12-20
            ---
            """,
            "contacts/linus-torvalds.md": "---\nname: Linus Torvalds\nrole: Developer\nmet: 2026-09-15\n---\n",
            "goals/another.md": """
            ---
            title: Join one open-source sprint every month
            supports: vision
            measure: {count: events}
            target: 1
            per: month
            start: 2026-11-01
            due: 2027-02-28
            actions: [Watch the project's calendar]
            ---
            """,
        },
    )
    after = {str(e["summary"]): str(e["uid"]) for e in export(journal, capsys).walk("VEVENT")}
    assert {k: after[k] for k in before} == before  # every old event keeps its UID
    new = set(after) - set(before)
    assert new == {
        "Follow up with Linus Torvalds",
        "Reach out to Linus Torvalds",
        "This month: Join one open-source sprint every month",
        "Goal review: Join one open-source sprint every month",
    }
    assert not {after[k] for k in new} & set(before.values())


def test_a_reach_out_moves_with_the_last_contact_and_keeps_its_uid(journal, capsys):
    def ada(calendar):
        return next(e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Reach out to Ada Lovelace")

    first = ada(export(journal, capsys))
    write(
        journal,
        {
            "entries/2026/2026-11-20.md": "---\ninteractions:\n  - with: ada-lovelace\n    channel: call\n    direction: inbound\n---\n"
        },
    )
    moved = ada(export(journal, capsys))
    assert (first.decoded("dtstart"), moved.decoded("dtstart")) == (D(2026, 12, 10), D(2026, 12, 20))
    assert str(moved["uid"]) == str(first["uid"])  # a calendar app moves the event, it does not add one


NASTY = 'Zoë, "the; boss"\nO\'Neil <script>alert(1)</script> \\ end'


def test_commas_semicolons_newlines_and_markup_round_trip(journal, capsys):
    quoted = json.dumps(NASTY)  # a YAML double-quoted string
    write(
        journal,
        {
            "contacts/odd.md": f"---\nname: {quoted}\nrole: Developer\nmet: 2026-11-01\nwant: {quoted}\n---\n",
            "entries/2026/2026-11-21.md": "---\ninteractions:\n  - with: odd\n    channel: call\n    direction: mutual\n"
            f"    summary: {quoted}\n    follow_up: 2026-11-30\n---\n",
        },
    )
    capsys.readouterr()
    assert cli.main(["export", "ics", "--path", str(journal)]) == 0
    text = capsys.readouterr().out
    assert "O'Neil <script>" in text.replace("\r\n ", "")  # plain text: nothing to escape for HTML
    assert 'Zoë\\, "the\\; boss"\\nO\'Neil' in text.replace("\r\n ", "")  # RFC 5545's escapes
    assert "</script> \\\\ end" in text.replace("\r\n ", "")
    calendar = icalendar.Calendar.from_ical(text)
    found = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == len(EXPECTED) + 2  # no text broke out into an event or a property of its own
    assert f"Reach out to {NASTY}" in found
    description = str(found[f"Follow up with {NASTY}"]["description"])
    assert f": {NASTY}\n" in description and f"You hope for: {NASTY}" in description


def test_dash_o_writes_a_new_file_and_never_overwrites(journal, capsys, tmp_path):
    out = tmp_path / "cal.ics"
    assert cli.main(["export", "ics", "-o", str(out), "--path", str(journal)]) == 0
    written = out.read_bytes()
    assert written.startswith(b"BEGIN:VCALENDAR\r\n") and written.endswith(b"END:VCALENDAR\r\n")
    assert {
        (kind(e), e.decoded("dtstart"), str(e["summary"])) for e in icalendar.Calendar.from_ical(written).walk("VEVENT")
    } == EXPECTED
    capsys.readouterr()
    assert cli.main(["export", "ics", "-o", str(out), "--path", str(journal)]) == 1  # as export json -o does
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == written
    # two exports of one journal on one day are the same bytes
    again = tmp_path / "again.ics"
    assert cli.main(["export", "ics", "-o", str(again), "--path", str(journal)]) == 0
    assert again.read_bytes() == written


def test_odd_goals_and_contacts_export_without_a_traceback(journal, capsys):
    write(
        journal,
        {
            "goals/odd-per.md": "---\ntitle: Odd\nper: fortnight\ndue: 2026-12-31\n---\n",
            "goals/backwards.md": "---\ntitle: Backwards\nper: week\nstart: 2026-12-01\ndue: 2026-11-01\n---\n",
            "goals/no-dates.md": "---\ntitle: No dates\nper: month\ndue: not a date\n---\n",
            "contacts/bad-keep.md": "---\nname: Bad Keep\nmet: 2026-11-01\nkeep_in_touch: often\n---\n",
            "entries/2026/2026-11-22.md": "---\ninteractions:\n  - with: nobody-known\n    follow_up: 2026-12-05\n---\n",
        },
    )
    summaries = {str(e["summary"]) for e in export(journal, capsys).walk("VEVENT")}
    assert "Follow up with nobody-known" in summaries  # an id with no contact file: the id
    assert "Goal due: Odd" in summaries  # no period Trellis knows: its due date only
    assert "Goal review: Backwards" in summaries and "This week: Backwards" not in summaries  # due before start
    assert "This month: No dates" in summaries  # no due: it recurs from this month on
    assert "Reach out to Bad Keep" in summaries  # keep_in_touch unreadable: the default 90 days


def test_owner_build_serves_the_calendar_and_the_public_build_has_none(journal):
    owner = build(journal, "owner")
    assert owner.returncode == 0, owner.stderr[-2000:]
    served = (journal / "site-owner" / "reach-out" / "trellis.ics").read_bytes()
    assert {
        (kind(e), e.decoded("dtstart"), str(e["summary"])) for e in icalendar.Calendar.from_ical(served).walk("VEVENT")
    } == EXPECTED
    assert 'href="trellis.ics"' in (journal / "site-owner" / "reach-out" / "index.html").read_text()
    public = build(journal, "public")
    assert public.returncode == 0, public.stderr[-2000:]
    site = journal / "site-public"
    assert not [p for p in site.rglob("*") if p.suffix.lower() in (".ics", ".ical", ".ifb")]
    assert not [p for p in site.rglob("*") if p.is_file() and b"BEGIN:VCALENDAR" in p.read_bytes()]


def test_the_example_journal_public_build_has_no_calendar(example_site):
    files = [p for p in example_site("public").rglob("*") if p.is_file()]
    assert files and not [p for p in files if p.suffix.lower() == ".ics" or b"VCALENDAR" in p.read_bytes()]


def _harmless_calendar() -> bytes:
    """A calendar of public meetups: nothing private in it, and still never published."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//me//meetups//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", "js-meetup@example.org")
    event.add("dtstamp", dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc))
    event.add("dtstart", D(2026, 12, 3))
    event.add("summary", "Lisbon JS meetup")
    calendar.add_component(event)
    return calendar.to_ical()


@pytest.mark.parametrize(
    "name, content",
    [
        ("calendar/trellis.ics", "export"),  # the owner's own export, let through by publish_files
        ("calendar/MEETUPS.ICS", "harmless"),  # any calendar, private or not, any case
        ("calendar/dates.txt", "harmless"),  # a calendar under another name: read by its content
        ("calendar/dates.txt.gz", "gzip"),
    ],
)
def test_the_guard_stops_a_public_build_that_carries_a_calendar(journal, capsys, name, content):
    data = export(journal, capsys).to_ical() if content == "export" else _harmless_calendar()
    path = journal / "journal" / name
    path.parent.mkdir(parents=True)
    path.write_bytes(gzip.compress(data) if content == "gzip" else data)
    config = journal / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - trellis\n", "  - trellis:\n      publish_files: ['calendar/*']\n")
    )
    run = build(journal, "public")
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "a calendar (iCalendar" in run.stderr and f"site/{name}" in run.stderr
