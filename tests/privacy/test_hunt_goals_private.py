"""A goal counting job applications or referrals is the owner's (SPEC: every figure drawn from
applications is owner only; issue 29): a public build of HUNT (tests/journals.py) with such goals
carries nothing of them in any file (their titles, texts, ids, and so no page, row, achievement,
search entry or sitemap line), nor anything of the applications they count; the owner view shows
them, marked "not published", with what counted (the applications) and their SMART card.

Figures worked out by hand from HUNT (today 2026-11-23; tests/metrics/test_hunt_counters.py has
the dates): `hunt-apply` counts acme-backend and hooli-ui in the week of 11-02; `hunt-ally`, a
referral by Ana from 2026-10-01, was reached on 11-01 (acme-backend's referral): an achievement;
`hunt-ten` asks for ten a week, over three times the best week (two).
"""

from __future__ import annotations

import re

import pytest
from conftest import build, site_text
from journals import HUNT, HUNT_PRIVATE
from trellis.loading import load_journal
from trellis.privacy.repository import repository_exposure

GOALS = {
    "goals/hunt-apply.md": """
        ---
        title: Apply to three roles a week
        supports: vision
        why: HUNTGOALWHYMARKER a steady pipeline
        measure: {count: applications}
        target: 3
        unit: applications
        per: week
        start: 2026-11-02
        due: 2026-12-31
        actions: [Pick three postings on Monday]
        ---
        HUNTGOALBODYMARKER the plan for the hunt
        """,
    "goals/hunt-hooli.md": """
        ---
        title: Land two interviews at Hooli by January
        supports: vision
        measure: {count: applications, where: {company: [Hooli], status: [interviewing]}}
        target: 2
        start: 2026-11-01
        due: 2027-01-31
        actions: [Prepare the system design round]
        ---
        """,
    "goals/hunt-ally.md": """
        ---
        title: Get a referral at Acme Pay through an ally
        supports: vision
        measure: {count: referrals, where: {via: [ana-ally]}}
        target: 1
        start: 2026-10-01
        due: 2026-12-31
        actions: [Ask for the referral over coffee]
        ---
        """,
    "goals/hunt-ten.md": """
        ---
        title: Apply to ten roles every single week
        supports: vision
        measure: {count: applications}
        target: 10
        per: week
        start: 2026-11-02
        due: 2026-12-31
        actions: [Apply every evening]
        ---
        """,
    # a goal the public may see: the public pages exist, so the scan is not of an empty site
    "goals/coffees.md": """
        ---
        title: Have two coffees with developers every week
        supports: vision
        measure: {count: interactions, where: {role: [developer]}}
        target: 2
        per: week
        start: 2026-11-02
        due: 2026-12-31
        actions: [Ask one person a week]
        ---
        """,
}
HUNT_TITLES = (
    "Apply to three roles a week",
    "Land two interviews at Hooli by January",
    "Get a referral at Acme Pay through an ally",
    "Apply to ten roles every single week",
)
# HUNT's docstring: its markers, the companies only applications name, and every role applied for
# that nothing else in the project holds ("Developer" is Ben's and Gil's role too, and "front-end
# developer" is in mkdocs.yml's site_description)
MARKERS = (
    *HUNT_PRIVATE,
    "HUNTGOALWHYMARKER",
    "HUNTGOALBODYMARKER",
    "hunt-apply",
    "hunt-hooli",
    "hunt-ally",
    "hunt-ten",
    *HUNT_TITLES,
)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.build
def test_a_public_build_carries_nothing_of_a_goal_counting_applications(write_journal):
    project = write_journal({**HUNT, **GOALS})
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    text = _squeezed(site_text(site)).casefold()
    for marker in MARKERS:
        assert marker.casefold() not in text, marker
    # not a blind scan: the public goal is on the progress page, the goals index and its own page
    progress = (site / "progress" / "index.html").read_text(encoding="utf-8")
    assert "Have two coffees with developers every week" in progress
    assert "Have two coffees with developers every week" in (site / "goals" / "index.html").read_text(encoding="utf-8")
    assert (site / "goals" / "coffees" / "index.html").is_file()
    assert not (site / "goals" / "hunt-apply").exists()
    assert "not published" not in progress

    # the owner sees them all, marked as not published, with the applications that counted
    owner = build(project, "owner")
    assert owner.returncode == 0, owner.stderr[-3000:]
    mine = project / "site-owner"
    owner_text = _squeezed(site_text(mine))
    for title in HUNT_TITLES:
        assert title in owner_text, title
    progress = _squeezed((mine / "progress" / "index.html").read_text(encoding="utf-8"))
    row = re.search(r"Apply to three roles a week</a>.*?</td>", progress).group(0)
    assert "not published" in row
    coffees = re.search(r"Have two coffees with developers every week</a>.*?</td>", progress).group(0)
    assert "not published" not in coffees
    # the referral by Ana, reached on 11-01, is an achievement of the owner's progress page only
    assert re.search(r"2026-11-01</span> Reached: <a [^>]*>Get a referral at Acme Pay through an ally", progress)

    page = _squeezed((mine / "goals" / "hunt-apply" / "index.html").read_text(encoding="utf-8"))
    assert "not published: it counts your job applications" in page
    counted = page[page.index('id="counted"') :]
    # newest first: umbrella-dev (referred by Gil on 11-20), initech-web, hooli-ui, acme-backend (via Ana)
    rows = re.findall(
        r"<tr><td class=\"trellis-date\">(\d{4}-\d\d-\d\d)</td><td>1</td><td>([^<]*)</td><td>(.*?)</td></tr>", counted
    )
    assert [(day, what, re.sub(r"<[^>]+>", "", who)) for day, what, who in rows] == [
        ("2026-11-20", "Developer at Umbrella (referred)", "Gil Umbrella"),
        ("2026-11-18", "Web Developer at Initech (applied)", ""),
        ("2026-11-05", "UI Engineer at Hooli (screening)", ""),
        ("2026-11-03", "Backend Engineer at Acme Pay (interviewing)", "Ana Ally"),
    ]

    # the SMART card of a goal asking for ten a week: realistic? no, two is the best week so far
    ten = _squeezed((mine / "goals" / "hunt-ten" / "index.html").read_text(encoding="utf-8"))
    letter = re.search(
        r'<li class="trellis-card__letter trellis-card__letter--(\w+)">\s*<span[^>]*>A</span>(.*?)</li>', ten
    )
    assert letter.group(1) == "warning"
    assert (
        "SMART-A2: the goal needs 10 per week, over 3 times your best week so far (2, week of 2026-11-16)"
        in letter.group(2)
    )


def test_a_goal_counting_applications_in_a_public_repository_is_private_exposure(write_journal):
    """What the site keeps private, a public repository would show: `trellis check` and a
    public build refuse it there as they refuse the applications (TRELLIS_REPOSITORY_VISIBILITY)."""
    journal = load_journal(write_journal({**HUNT, **GOALS}) / "journal")
    files = repository_exposure(journal).files
    for gid in ("hunt-apply", "hunt-hooli", "hunt-ally", "hunt-ten"):
        assert files[f"journal/goals/{gid}.md"] == ["a goal counting job applications"], gid
    assert "journal/goals/coffees.md" not in files and "journal/goals/vision.md" not in files
