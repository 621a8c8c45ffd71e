"""The applications' reminders on the owner's pages (issue 29): the reach-out page lists the week's
next steps and follow-ups, the referral ask and, once and quietly, those gone quiet; the Today
dashboard what is due today or overdue and the referral ask; the owner site's calendar their
events. The public build carries nothing of them, in any file."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, build, site_text, write_project
from journals import HUNT, HUNT_PRIVATE

pytestmark = pytest.mark.build

# HUNT moved so that something is due on 2026-11-23 (today): acme-backend's next step 11-20 (3 days
# late), hooli-ui's next step today, initech-web applied 11-16 (a follow-up due 7 days later: today)
DUE = {
    **HUNT,
    "applications/acme-backend.md": HUNT["applications/acme-backend.md"].replace(
        "next: 2026-11-25", "next: 2026-11-20"
    ),
    "applications/hooli-ui.md": HUNT["applications/hooli-ui.md"].replace("next: 2026-11-24", "next: 2026-11-23"),
    "applications/initech-web.md": HUNT["applications/initech-web.md"].replace("2026-11-18", "2026-11-16"),
}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


@pytest.fixture(scope="module")
def owner(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("due"), DUE, (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    return project / "site-owner"


def test_reach_out_lists_the_weeks_steps_the_referral_ask_and_the_quiet_ones_once(owner):
    text = _text((owner / "reach-out" / "index.html").read_text(encoding="utf-8"))
    section = _section(text, "Applications Your open applications", "Dormant ties")
    # a week ahead: up to 2026-11-30. Follow-ups: acme-backend 7 days after its next step (11-20 ->
    # 11-27), umbrella-dev after its referral (11-20 -> 11-27), hooli-ui after its next step (11-23
    # -> 11-30); globex-frontend's (11-26 -> 12-03) is after the week
    steps = re.findall(r"(\d{4}-\d\d-\d\d) \(([^)]*)\): (Next step|Follow up): ([^(]*?) \(", section)
    assert steps == [
        ("2026-11-20", "3 days late", "Next step", "Backend Engineer at Acme Pay"),
        ("2026-11-23", "due today", "Next step", "UI Engineer at Hooli"),
        ("2026-11-23", "due today", "Follow up", "Web Developer at Initech"),
        ("2026-11-26", "in 3 days", "Next step", "Front-end Engineer at Globex"),
        ("2026-11-27", "in 4 days", "Follow up", "Backend Engineer at Acme Pay"),
        ("2026-11-27", "in 4 days", "Follow up", "Developer at Umbrella"),
        ("2026-11-28", "in 5 days", "Next step", "Platform Engineer at Acme Pay"),
        ("2026-11-30", "in 7 days", "Follow up", "UI Engineer at Hooli"),
    ]
    assert "Follow up: Web Developer at Initech (no news since 2026-11-16)" in section
    assert (
        "Platform Engineer at Acme Pay (interested) : ask Ana Ally (ally) or Ben Acquaint (acquaintance) "
        "for a referral" in section
    )
    # initech-old (applied 2026-09-20) once, in the quiet list, never as a step
    assert section.count("Junior Web Developer") == 1
    assert "Stopped reminding: 1 application gone quiet" in section
    assert (
        "Junior Web Developer at Initech (applied: no news since 2026-09-20; stopped reminding on 2026-10-20)"
        in section
    )


def test_today_shows_what_is_due_today_or_overdue_and_the_referral_ask(owner):
    text = _text((owner / "index.html").read_text(encoding="utf-8"))
    assert "1 application step overdue, 2 due today , 1 referral to ask for" in text
    section = _section(text, "Applications Overdue", "This week")
    assert (
        "Overdue 2026-11-20 (3 days late) : Next step: Backend Engineer at Acme Pay (interviewing) : Ana Ally , Cara Known"
        in section
    )
    assert (
        "Due today 2026-11-23 : Next step: UI Engineer at Hooli (screening) "
        "2026-11-23 : Follow up: Web Developer at Initech (no news since 2026-11-16)" in section
    )
    assert (
        "Ask for a referral Platform Engineer at Acme Pay : ask Ana Ally (ally) or Ben Acquaint (acquaintance)"
        in section
    )
    # what is not due yet stays on Reach out; the quiet one is not on Today at all
    assert "Globex" not in section and "Junior Web Developer" not in text


def test_an_applications_company_links_to_its_company_page(owner):
    # Acme Pay and Hooli have company pages (a dream company; a company with an application)
    for page in (owner / "index.html", owner / "reach-out" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'Backend Engineer at <a href="[^"]*companies/acme-pay/">Acme Pay</a>', html), page
        assert re.search(r'UI Engineer at <a href="[^"]*companies/hooli/">Hooli</a>', html), page


def test_the_owner_sites_calendar_has_the_applications_events(owner):
    ics = (owner / "reach-out" / "trellis.ics").read_text(encoding="utf-8")
    summaries = re.findall(r"^SUMMARY:((?:Next step|Follow up): .*?)\r?$", ics, re.M)
    # next steps of acme-backend, acme-platform, globex-frontend, hooli-ui; follow-ups of those
    # under way but the quiet initech-old: acme-backend, globex-frontend, hooli-ui, initech-web,
    # umbrella-dev
    assert sorted(summaries) == sorted(
        [
            "Next step: Backend Engineer at Acme Pay",
            "Next step: Platform Engineer at Acme Pay",
            "Next step: Front-end Engineer at Globex",
            "Next step: UI Engineer at Hooli",
            "Follow up: Backend Engineer at Acme Pay",
            "Follow up: Front-end Engineer at Globex",
            "Follow up: UI Engineer at Hooli",
            "Follow up: Web Developer at Initech",
            "Follow up: Developer at Umbrella",
        ]
    )


def test_a_public_build_carries_nothing_of_the_reminders(write_journal):
    project = write_journal(HUNT)
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    text = site_text(project / "site-public").casefold()
    markers = list(HUNT_PRIVATE)
    # what the reminders say, and the calendar's file
    markers += ["Stopped reminding", "gone quiet", "for a referral", "Next step", "application step", "trellis.ics"]
    for marker in markers:
        assert marker.casefold() not in text, marker
