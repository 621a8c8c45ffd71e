"""Follow-ups that know when to stop (issue 29): which of HUNT's applications remind, of what and on
which day, and the stop rules ending the reminders on the documented day (metrics/hunt.py: follow up
7 days after the last sign of life, the next step or your last follow-up; gone quiet 30 days after
the later of the last sign of life and the next step, or on the day of the second unanswered
follow-up). Read as the user reads them: `trellis status --json` (its `applications`), judged on a
chosen day (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap

import pytest
from conftest import ROOT
from journals import HUNT
from trellis import cli

D = dt.date
TODAY = D(2026, 11, 23)  # the tests' today (conftest.EPOCH)


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


@pytest.fixture
def status(tmp_path, monkeypatch, capsys):
    """`trellis status --json` of a journal on a day: the open applications by id."""

    def run(files, today: dt.date = TODAY) -> dict[str, dict]:
        project = tmp_path / today.isoformat()
        for rel, text in files.items():
            path = project / "journal" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(today))
        capsys.readouterr()
        assert cli.main(["status", "--json", str(project)]) == 0
        document = json.loads(capsys.readouterr().out)
        assert document["today"] == today.isoformat()
        return {row["id"]: row for row in document["applications"]}

    return run


def reminded(rows: dict[str, dict]) -> dict[str, tuple]:
    return {aid: (r["next"], r["follow_up"], r["stops_reminding"], r["gone_quiet"]) for aid, r in rows.items()}


def test_which_applications_remind_and_on_which_day(status):
    # Worked out by hand from HUNT on 2026-11-23. Closed ones (wayne-lead accepted, acme-data rejected,
    # vandelay-js withdrawn, soylent-fe ghosted) are not listed: they never remind.
    # Under way: opened = earliest of applied and history dates; last sign = latest of applied,
    # history dates and inbound/mutual talks with via/contacts since opened; follow up = 7 days after
    # the later of that and next; stops = 30 days after the later of the last sign and next.
    # - acme-backend: signs 11-03 applied, 11-17 interviewing, Ana inbound 11-15 -> 11-17; next 11-25;
    #   follow up 12-02; stops 12-25.
    # - globex-frontend: opened 10-20; Dan's call of 10-18 is before it (no sign); offer 11-19; next
    #   11-26; follow up 12-03; stops 12-26.
    # - hooli-ui: screening 11-12; next 11-24; follow up 12-01; stops 12-24.
    # - initech-web: applied 11-18, nothing since, no next: follow up 11-25, stops 12-18.
    # - initech-old: applied 09-20, silent since: stopped reminding on 10-20 (09-20 + 30): no next
    #   step or follow-up reminded.
    # - umbrella-dev: referred 11-20 (Gil's meetup of 11-19 is before it): follow up 11-27, stops 12-20.
    # Planned: acme-platform (interested) reminds of its next step 11-28 only: no silence, no stop.
    assert reminded(status(HUNT)) == {
        "acme-backend": ("2026-11-25", "2026-12-02", "2026-12-25", False),
        "acme-platform": ("2026-11-28", None, None, False),
        "globex-frontend": ("2026-11-26", "2026-12-03", "2026-12-26", False),
        "hooli-ui": ("2026-11-24", "2026-12-01", "2026-12-24", False),
        "initech-old": (None, None, "2026-10-20", True),
        "initech-web": (None, "2026-11-25", "2026-12-18", False),
        "umbrella-dev": (None, "2026-11-27", "2026-12-20", False),
    }


def test_the_referral_ask_names_the_ally_first(status):
    rows = status(HUNT)
    # acme-platform is planned at Acme Pay with no via: Ana Ally (ally) and Ben Acquaint
    # (acquaintance) work there now; Cara Known (never talked to) and Dan Former (left in March) don't
    assert rows["acme-platform"]["referral"] == ["ana-ally", "ben-acquaint"]
    assert "ask Ana Ally or Ben Acquaint for a referral" in rows["acme-platform"]["reminder"]
    # an application with a via, or one under way, asks for none
    assert not any(r["referral"] for aid, r in rows.items() if aid != "acme-platform")
    # once it names a via, the ask goes
    via = status(
        {
            **HUNT,
            "applications/acme-platform.md": HUNT["applications/acme-platform.md"].replace(
                "status: interested", "status: interested\n            via: ana-ally"
            ),
        }
    )
    assert via["acme-platform"]["referral"] == []


@pytest.mark.parametrize(
    ("applied", "quiet", "stops", "follow_up"),
    [
        # 2026-10-24 + 30 days = 2026-11-23: quiet on the documented day, today
        ("2026-10-24", True, "2026-11-23", None),
        # 2026-10-25 + 30 = 2026-11-24: one day short; its follow-up (10-25 + 7 = 11-01) is overdue
        ("2026-10-25", False, "2026-11-24", "2026-11-01"),
    ],
)
def test_thirty_days_of_silence_stop_the_reminders_on_the_day(status, applied, quiet, stops, follow_up):
    files = {**HUNT, "applications/initech-old.md": HUNT["applications/initech-old.md"].replace("2026-09-20", applied)}
    row = status(files)["initech-old"]
    assert (row["gone_quiet"], row["stops_reminding"], row["follow_up"]) == (quiet, stops, follow_up)
    assert row["reminder"].startswith("gone quiet: no news since" if quiet else "follow up 22 days late (2026-11-01)")


def test_the_stop_day_moves_with_the_clock(status):
    # HUNT's initech-web (applied 2026-11-18) on the day before and on the day its silence reaches 30
    assert status(HUNT, D(2026, 12, 17))["initech-web"]["gone_quiet"] is False
    assert status(HUNT, D(2026, 12, 18))["initech-web"]["gone_quiet"] is True
    # a next step still to come is waited for: hooli-ui (next 11-24) is not quiet before 12-24
    on_the_day = status(HUNT, D(2026, 12, 23))
    assert on_the_day["hooli-ui"]["gone_quiet"] is False and on_the_day["hooli-ui"]["follow_up"] == "2026-12-01"
    assert status(HUNT, D(2026, 12, 24))["hooli-ui"]["gone_quiet"] is True


IVY = """
    ---
    name: Ivy Initech
    company: Initech
    role: Recruiter
    met: 2026-11-18
    ---
    """


def _talks(*talks: tuple[str, str]) -> dict[str, str]:
    return {
        f"entries/2026/{day}.md": f"---\ninteractions:\n  - {{with: ivy-initech, channel: email, direction: {how}}}\n---\n"
        for day, how in talks
    }


def test_two_unanswered_follow_ups_stop_the_reminders(status):
    # initech-web (applied 2026-11-18) names Ivy, its recruiter
    web = HUNT["applications/initech-web.md"].replace(
        "status: applied", "status: applied\n            contacts: [ivy-initech]"
    )
    base = {**HUNT, "contacts/ivy-initech.md": IVY, "applications/initech-web.md": web}
    # one follow-up on 11-19, unanswered: the next is due 7 days after it, 11-26
    one = status({**base, **_talks(("2026-11-19", "outbound"))})["initech-web"]
    assert (one["unanswered_follow_ups"], one["follow_up"], one["gone_quiet"]) == (1, "2026-11-26", False)
    # a second on 11-21: asked twice, no answer: stopped reminding on 11-21
    two = status({**base, **_talks(("2026-11-19", "outbound"), ("2026-11-21", "outbound"))})["initech-web"]
    assert (two["unanswered_follow_ups"], two["stops_reminding"], two["gone_quiet"]) == (2, "2026-11-21", True)
    assert two["next"] is None and two["follow_up"] is None
    # Ivy answers on 11-22 (inbound): a sign of life; reminders come back, a week after her answer
    back = status({**base, **_talks(("2026-11-19", "outbound"), ("2026-11-21", "outbound"), ("2026-11-22", "inbound"))})
    row = back["initech-web"]
    assert (row["last_sign_of_life"], row["unanswered_follow_ups"], row["follow_up"], row["gone_quiet"]) == (
        "2026-11-22",
        0,
        "2026-11-29",
        False,
    )


def test_messages_before_the_next_step_are_no_follow_ups_of_silence(status):
    # initech-web (applied 2026-11-18) names Ivy; its next step, an interview, is on 11-20. Two
    # messages to Ivy before it (11-18 and 11-19) were no follow-ups of silence: the day after the
    # interview it is waiting, not quiet; a week after the interview (11-27) it asks for one
    web = HUNT["applications/initech-web.md"].replace(
        "status: applied", "status: applied\n            contacts: [ivy-initech]\n            next: 2026-11-20"
    )
    base = {**HUNT, "contacts/ivy-initech.md": IVY, "applications/initech-web.md": web}
    row = status({**base, **_talks(("2026-11-18", "outbound"), ("2026-11-19", "outbound"))}, D(2026, 11, 21))[
        "initech-web"
    ]
    assert (row["unanswered_follow_ups"], row["gone_quiet"], row["follow_up"]) == (0, False, "2026-11-27")
    # one after the interview (11-22) is a follow-up; the next a week after it, 11-29
    row = status({**base, **_talks(("2026-11-19", "outbound"), ("2026-11-22", "outbound"))})["initech-web"]
    assert (row["unanswered_follow_ups"], row["gone_quiet"], row["follow_up"]) == (1, False, "2026-11-29")


def test_closing_an_application_ends_its_reminders(status):
    files = {
        **HUNT,
        "applications/initech-web.md": HUNT["applications/initech-web.md"].replace("applied\n", "ghosted\n"),
    }
    assert "initech-web" not in status(files)


def test_an_application_dated_by_its_history_alone_is_under_way(status):
    # initech-old written with its history only (no applied:): applied on 2026-09-20 all the same, as
    # the goals and the review count it. Under way, not planned: follow up 09-27, quiet on 10-20
    # (09-20 + 30), and no referral ask (it was sent) although Ana, an ally, works at Initech here.
    files = {
        **HUNT,
        "applications/initech-old.md": """
            ---
            company: Initech
            role: Junior Web Developer
            history: {2026-09-20: applied}
            ---
            """,
        "contacts/ana-ally.md": HUNT["contacts/ana-ally.md"].replace("Acme Pay", "Initech"),
    }
    row = status(files)["initech-old"]
    assert (row["last_sign_of_life"], row["stops_reminding"], row["gone_quiet"], row["referral"]) == (
        "2026-09-20",
        "2026-10-20",
        True,
        [],
    )
