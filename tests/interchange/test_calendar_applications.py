"""The calendar reminds of each open application's next step and follow-up, and of none once it has
closed or gone quiet (issue 29): `trellis export ics` of HUNT, worked out by hand (the follow-up days
and stop rules: metrics/hunt.py; tests/metrics/test_application_reminders.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap

import icalendar
import pytest
from conftest import EPOCH, ROOT
from journals import HUNT
from trellis import cli

D = dt.date
APPLICATION_KINDS = ("next-step", "application-follow-up")


@pytest.fixture
def export(tmp_path, monkeypatch, capsys):
    def run(files) -> list[tuple[str, dt.date, str]]:
        for rel, text in files.items():
            path = tmp_path / "journal" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        capsys.readouterr()
        assert cli.main(["export", "ics", "--path", str(tmp_path)]) == 0
        calendar = icalendar.Calendar.from_ical(capsys.readouterr().out)
        found = []
        for event in calendar.walk("VEVENT"):
            kind = event["categories"].cats[0].removeprefix("Trellis ")
            if kind in APPLICATION_KINDS:
                found.append((kind, event.decoded("dtstart"), str(event["summary"]), str(event["description"])))
        return found

    return run


def test_each_open_application_has_its_next_step_and_follow_up(export):
    found = export(HUNT)
    # on 2026-11-23: the next steps as written; follow-ups 7 days after the later of the last sign of
    # life and the next step. initech-old (applied 2026-09-20) went quiet on 2026-10-20: no event;
    # the closed four (accepted, rejected, withdrawn, ghosted): none. acme-platform (interested) has
    # its next step only (nothing sent: no follow-up).
    assert [(kind, day, summary) for kind, day, summary, _ in found] == [
        ("next-step", D(2026, 11, 24), "Next step: UI Engineer at Hooli"),
        ("next-step", D(2026, 11, 25), "Next step: Backend Engineer at Acme Pay"),
        ("application-follow-up", D(2026, 11, 25), "Follow up: Web Developer at Initech"),
        ("next-step", D(2026, 11, 26), "Next step: Front-end Engineer at Globex"),
        ("application-follow-up", D(2026, 11, 27), "Follow up: Developer at Umbrella"),
        ("next-step", D(2026, 11, 28), "Next step: Platform Engineer at Acme Pay"),
        ("application-follow-up", D(2026, 12, 1), "Follow up: UI Engineer at Hooli"),
        ("application-follow-up", D(2026, 12, 2), "Follow up: Backend Engineer at Acme Pay"),
        ("application-follow-up", D(2026, 12, 3), "Follow up: Front-end Engineer at Globex"),
    ]
    # the why, and when it stops: initech-web applied 11-18, quiet 30 days later if nothing comes
    web = next(d for _, _, s, d in found if s == "Follow up: Web Developer at Initech")
    assert "no news since 2026-11-18" in web and "stops reminding of it on 2026-12-18" in web
    assert "applications/initech-web.md" in web
    # the people it names, as the owner's other events name them
    backend = next(d for _, _, s, d in found if s == "Next step: Backend Engineer at Acme Pay")
    assert "Ana Ally (Engineering Manager, Acme Pay)" in backend and "Cara Known (Recruiter, Acme Pay)" in backend


@pytest.mark.parametrize(("applied", "events"), [("2026-10-24", 0), ("2026-10-25", 1)])
def test_an_application_gone_quiet_leaves_the_calendar(export, applied, events):
    # initech-old applied on 10-24 is quiet on 11-23 (30 days): no event; on 10-25 it still reminds,
    # with its follow-up on 11-01 (overdue, on its day in the past, as reach-outs stay)
    old = HUNT["applications/initech-old.md"].replace("2026-09-20", applied)
    found = [e for e in export({**HUNT, "applications/initech-old.md": old}) if "Junior Web Developer" in e[2]]
    assert [(kind, day) for kind, day, _, _ in found] == [("application-follow-up", D(2026, 11, 1))][:events]


def test_a_closed_application_has_no_event(export):
    closed = HUNT["applications/hooli-ui.md"].replace(
        "2026-11-12: screening}", "2026-11-12: screening, 2026-11-20: rejected}"
    )
    found = export({**HUNT, "applications/hooli-ui.md": closed})
    assert not [e for e in found if "Hooli" in e[2]]
    assert len(found) == 7  # the nine above but hooli-ui's two
