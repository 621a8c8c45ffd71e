"""`trellis status` lists the open applications and their next steps, and `trellis digest` has the
week's application steps (issue 29), both from HUNT, worked out by hand (the rules are in
metrics/hunt.py; tests/metrics/test_application_reminders.py works each day out)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import trellis
from journals import BARE, HUNT

SITE = "http://127.0.0.1:8000/"


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


@pytest.fixture
def hunt(write_journal):
    return write_journal(HUNT)


def test_status_lists_the_open_applications_and_their_next_steps(hunt):
    done = trellis("status", str(hunt))
    assert done.returncode == 0, done.stderr
    # HUNT has no goal with figures (only the vision goal); on 2026-11-23, what asks first comes
    # first (the earliest of next step and follow-up), the quiet one last; closed ones are not open
    assert done.stdout == (
        "trellis status: no goals yet (today is 2026-11-23)\n"
        "\n"
        "application      company   status        next        reminder\n"
        "hooli-ui         Hooli     screening     2026-11-24  next step tomorrow (2026-11-24); follow up in 8 days (2026-12-01)\n"
        "acme-backend     Acme Pay  interviewing  2026-11-25  next step in 2 days (2026-11-25); follow up in 9 days (2026-12-02)\n"
        "initech-web      Initech   applied       -           follow up in 2 days (2026-11-25)\n"
        "globex-frontend  Globex    offer         2026-11-26  next step in 3 days (2026-11-26); follow up in 10 days (2026-12-03)\n"
        "umbrella-dev     Umbrella  referred      -           follow up in 4 days (2026-11-27)\n"
        "acme-platform    Acme Pay  interested    2026-11-28  next step in 5 days (2026-11-28); ask Ana Ally or Ben Acquaint for a referral\n"
        "initech-old      Initech   applied       -           gone quiet: no news since 2026-09-20; stopped reminding on 2026-10-20\n"
        "judged on 2026-11-23: 7 open applications, 0 due today or overdue, 1 gone quiet\n"
    )


def test_status_without_applications_prints_no_table(write_journal):
    done = trellis("status", str(write_journal(BARE)))
    assert done.returncode == 0 and done.stdout == "trellis status: no goals yet (today is 2026-11-23)\n"


def test_the_digest_has_the_weeks_application_steps(hunt):
    # on Wednesday 2026-11-25, a week ahead is up to 2026-12-02:
    # hooli-ui's next step 11-24 is a day late, acme-backend's (11-25) and initech-web's follow-up
    # (applied 11-18 + 7) are due today; then globex 11-26, umbrella-dev's follow-up 11-27 (referred
    # 11-20 + 7), acme-platform 11-28, hooli-ui's follow-up 12-01 (next 11-24 + 7) and
    # acme-backend's 12-02 (next 11-25 + 7); globex-frontend's follow-up (12-03) is after the week
    done = trellis("digest", str(hunt), SOURCE_DATE_EPOCH=epoch(dt.date(2026, 11, 25)))
    assert done.returncode == 0, done.stderr
    block = done.stdout.split("### Applications: ", 1)[1].split("\n### ", 1)[0]
    assert block.splitlines()[0] == "1 overdue, 2 due today"
    assert [line for line in block.splitlines() if line.startswith("- ")] == [
        "- 2026-11-24 (1 day late): Next step: UI Engineer at Hooli (screening)",
        f"- 2026-11-25 (due today): Next step: Backend Engineer at Acme Pay (interviewing): [Ana Ally]({SITE}contacts/ana-ally/), [Cara Known]({SITE}contacts/cara-known/)",
        "- 2026-11-25 (due today): Follow up: Web Developer at Initech (no news since 2026-11-18)",
        f"- 2026-11-26 (tomorrow): Next step: Front-end Engineer at Globex (offer): [Dan Former]({SITE}contacts/dan-former/), [Eve Globex]({SITE}contacts/eve-globex/)",
        f"- 2026-11-27 (in 2 days): Follow up: Developer at Umbrella (no news since 2026-11-20): [Gil Umbrella]({SITE}contacts/gil-umbrella/)",
        "- 2026-11-28 (in 3 days): Next step: Platform Engineer at Acme Pay (interested)",
        "- 2026-12-01 (in 6 days): Follow up: UI Engineer at Hooli (no news since 2026-11-12)",
        "- 2026-12-02 (in 7 days): Follow up: Backend Engineer at Acme Pay (no news since 2026-11-17): "
        f"[Ana Ally]({SITE}contacts/ana-ally/), [Cara Known]({SITE}contacts/cara-known/)",
        f"- Ask [Ana Ally]({SITE}contacts/ana-ally/) or [Ben Acquaint]({SITE}contacts/ben-acquaint/) for a referral: "
        "Platform Engineer at Acme Pay",
        f"- Stopped reminding: 1 application gone quiet ([Reach out]({SITE}reach-out/#applications))",
    ]
    # initech-old has gone quiet: listed once, counted, never as a step
    assert "Junior Web Developer" not in done.stdout


def test_a_digest_without_applications_has_no_applications_section(write_journal):
    done = trellis("digest", str(write_journal(BARE)))
    assert done.returncode == 0 and "### Applications" not in done.stdout


def test_a_referral_ask_names_three_and_counts_the_rest(write_journal):
    # two more acquaintances at Acme Pay (a coffee each): Hal on 11-12, Fay on 11-10. The ally
    # first (Ana), then the most recently in touch: Hal, Fay, then Ben (10-05), counted
    people = {
        f"contacts/{cid}.md": f"---\nname: {name}\ncompany: Acme Pay\nrole: Developer\nmet: {day}\n---\n"
        for cid, name, day in (("fay-acme", "Fay Acme", "2026-11-10"), ("hal-acme", "Hal Acme", "2026-11-12"))
    }
    talks = {
        f"entries/2026/{day}.md": f"---\ninteractions:\n  - {{with: {cid}, channel: coffee, direction: mutual}}\n---\n"
        for cid, day in (("fay-acme", "2026-11-10"), ("hal-acme", "2026-11-12"))
    }
    done = trellis("status", str(write_journal({**HUNT, **people, **talks})))
    assert done.returncode == 0, done.stderr
    assert "ask Ana Ally, Hal Acme, Fay Acme or 1 other for a referral" in done.stdout
