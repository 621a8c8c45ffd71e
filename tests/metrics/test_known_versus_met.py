"""Known versus met (issue 27): a LinkedIn import of 300 people beside three people actually
talked to. The imported are known, not met: no dormancy, no reach-out priority in the review,
no "Reach out to ..." in the calendar, no CONTACT-8; the reach-out page lists them apart, in a
collapsed "never talked" group ordered by how well they fit the plan. And the `revived` counter:
talking to a tie that was dormant that day counts, talking to any other tie does not."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from conftest import ROOT, TODAY, build, trellis
from trellis import cli
from trellis.interchange.calendar import calendar_events
from trellis.metrics import ties
from trellis.pipeline import analyse
from trellis.rendering.reach_out_page import NEVER_TALKED_SHOWN
from trellis.rendering.week import suggestions as _suggestions

# today is 2026-11-23, a Monday (the week runs from it)
TALKED = {
    # keep in touch every 30 days; last talked 2026-08-01: 114 days, 84 overdue (2.8 periods)
    "contacts/ana.md": "---\nname: Ana Alvarez\nmet: 2026-03-01\nkeep_in_touch: 30d\nwant: advice on hiring\n---\n",
    # every 60 days; last talked 2026-09-01: 83 days, 23 overdue (0.38 periods)
    "contacts/ben.md": "---\nname: Ben Brandt\nmet: 2026-05-01\nkeep_in_touch: 60d\nwant: a referral\n---\n",
    # talked on 2026-11-20: not dormant
    "contacts/cy.md": "---\nname: Cy Cole\nmet: 2026-10-01\nwant: a code review\n---\n",
    # what the LinkedIn importer wrote before `connected:` existed: an imported `met:`, never talked to
    "contacts/dee-old-import.md": "---\nname: Dee Old\ncompany: Elsewhere\nmet: 2019-05-05\nhow_met: LinkedIn\n"
    "public: false\n---\n",
    "entries/2026-08-01.md": "---\ninteractions:\n  - {with: ana, channel: call, direction: mutual}\n---\n",
    "entries/2026-09-01.md": "---\ninteractions:\n  - {with: ben, channel: call, direction: mutual}\n---\n",
    "entries/2026-11-20.md": "---\ninteractions:\n  - {with: cy, channel: call, direction: mutual}\n---\n",
    "plan.md": "---\nvision: A remote role\nwant: {roles: [developer]}\ndream_companies: [Fit Corp]\n---\n",
    "goals/vision.md": "---\ntitle: Land a remote role\nkind: vision\n---\n",
    "goals/revive.md": """---
title: Revive two dormant ties every week
supports: vision
measure: {count: revived}
target: 2
unit: conversations
per: week
start: 2026-11-01
due: 2027-03-31
actions: [Write to one old colleague on Monday]
---
""",
}
TALKED_TO = {"ana", "ben", "cy"}
IMPORTED = 300


def linkedin_csv() -> str:
    """A LinkedIn Connections.csv of 300 people, with its preamble, connected 2018 to 2025; person
    150 is a developer at the dream company (the best fit), person 7 a developer elsewhere."""
    rows = ["Notes:", '"When exporting your connection data, you may notice..."', ""]
    rows.append("First Name,Last Name,URL,Email Address,Company,Position,Connected On")
    for n in range(1, IMPORTED + 1):
        company, role = "Some Co", "Account Manager"
        if n == 150:
            company, role = "Fit Corp", "Senior Developer"
        elif n == 7:
            role = "Developer"
        day = dt.date(2018, 1, 1) + dt.timedelta(days=n * 9)
        rows.append(
            f"Person{n:03d},Imported,https://www.linkedin.com/in/person{n:03d},,{company},{role},"
            f"{day.strftime('%d %b %Y')}"
        )
    return "\n".join(rows) + "\n"


def write(project, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = project / "journal" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The project: the three people talked to, then `trellis import linkedin` of 300 more."""
    project = tmp_path_factory.mktemp("known")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    write(project, TALKED)
    export = project / "Connections.csv"
    export.write_text(linkedin_csv(), encoding="utf-8")
    assert cli.main(["import", "linkedin", str(export), "--path", str(project / "journal")]) == 0
    return project


def test_the_importer_writes_connected_not_met(imported):
    text = (imported / "journal" / "contacts" / "person150-imported.md").read_text()
    assert "connected: 2021-09-12" in text and "\nmet:" not in text and "how_met: LinkedIn" in text


def test_the_dormant_list_holds_only_people_talked_to(imported):
    figures = analyse(imported / "journal", today=TODAY).figures
    assert [t.contact_id for t in ties.reach_out_order(figures.touches)] == ["ana", "ben"]


def test_the_never_talked_group_holds_the_imported_best_fit_first(imported):
    figures = analyse(imported / "journal", today=TODAY).figures
    never = figures.never_talked
    ids = [k.contact_id for k in never]
    assert len(ids) == IMPORTED + 1 and "dee-old-import" in ids and not TALKED_TO & set(ids)
    # developer at the dream company (2), a developer (1), then the rest by name
    assert ids[:2] == ["person150-imported", "person007-imported"]
    assert never[0].qualities == ("developer", "Fit Corp") and never[0].fit == 2
    assert ids[2:5] == ["dee-old-import", "person001-imported", "person002-imported"]


def test_the_reviews_priorities_and_the_calendar_skip_the_imported(imported):
    analysis = analyse(imported / "journal", today=TODAY)
    for review in analysis.reviews:
        assert {s.contact_id for s in review.take_stock["reach-out"]} <= {"ana", "ben"}, review.key
        assert {d.contact_id for d in review.went_dormant} <= {"ana", "ben"}, review.key
        assert review.dormant_at_end <= 2, review.key
    reach_outs = sorted(e.summary for e in calendar_events(analysis) if e.kind == "reach-out")
    assert reach_outs == ["Reach out to Ana Alvarez", "Reach out to Ben Brandt", "Reach out to Cy Cole"]


def test_no_contact_8_for_people_only_imported(imported):
    analysis = analyse(imported / "journal", today=TODAY)
    assert [f for f in analysis.findings if f.rule == "CONTACT-8"] == []
    run = trellis("check", "--strict", str(imported))
    assert run.returncode == 0, run.stdout[-2000:]
    assert "CONTACT-8" not in run.stdout


@pytest.mark.build
def test_the_reach_out_page_collapses_the_never_talked_and_builds_strict(imported, tmp_path):
    run = build(imported, "owner", "--strict", site=tmp_path / "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    page = (tmp_path / "owner" / "reach-out" / "index.html").read_text()
    dormant = page.split('id="dormant"')[1].split('id="never-talked"')[0]
    assert re.findall(r"<tr><td[^>]*><a [^>]*>([^<]+)</a>", dormant) == ["Ana Alvarez", "Ben Brandt"]
    never = page.split('id="never-talked"')[1]
    assert '<details class="trellis-never-talked"><summary>301 people you know but have not talked to yet' in never
    assert never.count("<li>") == NEVER_TALKED_SHOWN and f"and {IMPORTED + 1 - NEVER_TALKED_SHOWN} more." in never
    assert never.index("Person150 Imported") < never.index("Person007 Imported") < never.index("Dee Old")
    # the imported date is kept, and said for what it is
    person = (tmp_path / "owner" / "contacts" / "person150-imported" / "index.html").read_text()
    assert "<dt>Connected</dt><dd>2021-09-12: LinkedIn</dd>" in person and "<dt>Met</dt>" not in person
    assert build(imported, "public", "--strict", site=tmp_path / "public").returncode == 0


@pytest.mark.build
@pytest.mark.parametrize("export", ["linkedin-connections-2018.csv", "linkedin-connections-2026.csv"])
def test_a_fresh_import_of_a_real_export_builds_strict(tmp_path, export):
    """Issue 30 counted a CONTACT-8 warning per imported person: `mkdocs build --strict` failed."""
    project = tmp_path / "project"
    assert trellis("init", str(project), "--name", "Ada Example").returncode == 0
    run = trellis("import", "linkedin", str(ROOT / "tests" / "fixtures" / export), "--path", str(project / "journal"))
    assert run.returncode == 0, run.stderr
    check = trellis("check", "--strict", str(project))
    assert check.returncode == 0 and "CONTACT-8" not in check.stdout, check.stdout[-2000:]
    for audience in ("owner", "public"):
        built = build(project, audience, "--strict", site=tmp_path / audience)
        assert built.returncode == 0, built.stderr[-3000:]


# The `revived` counter -----------------------------------------------------------------------


def revived_this_week(tmp_path, extra: dict[str, str]) -> tuple[float, list]:
    files = {rel: text for rel, text in TALKED.items() if "dee" not in rel}
    for rel, text in {**files, **extra}.items():
        path = tmp_path / "journal" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    analysis = analyse(tmp_path / "journal", today=TODAY)
    goal = analysis.journal.goals["revive"]
    progress = analysis.figures.progress(goal)
    assert progress is not None
    # this week's: ana and ben were revived by the calls of August and September too
    return progress.value, [i for i in analysis.figures.items(goal) if i.date >= TODAY]


def test_talking_to_the_most_overdue_dormant_tie_counts(tmp_path):
    today = "entries/2026-11-23.md"
    value, items = revived_this_week(tmp_path / "none", {})
    assert value == 0 and items == []
    value, items = revived_this_week(
        tmp_path / "ana", {today: "---\ninteractions:\n  - {with: ana, channel: call, direction: outbound}\n---\n"}
    )
    assert value == 1 and [(i.date, i.contacts) for i in items] == [(TODAY, ("ana",))]
    # cy was talked to three days ago: not dormant, nothing revived
    value, items = revived_this_week(
        tmp_path / "cy", {today: "---\ninteractions:\n  - {with: cy, channel: call, direction: outbound}\n---\n"}
    )
    assert value == 0 and items == []


def test_a_revived_goal_suggests_the_dormant_ties_most_overdue_first(tmp_path):
    write(tmp_path, {rel: text for rel, text in TALKED.items() if "dee" not in rel})
    [suggestion] = _suggestions(analyse(tmp_path / "journal", today=TODAY))
    assert suggestion.revive and suggestion.remaining == 2 and suggestion.people == ["ana", "ben"]


@pytest.mark.build
def test_a_new_journal_says_why_nobody_can_be_revived_yet(tmp_path):
    project = tmp_path / "project"
    assert trellis("init", str(project), "--name", "Ada Example").returncode == 0
    goal = (project / "journal" / "goals" / "weekly-dormant-ties.md").read_text()
    assert "measure: {count: revived}" in goal and "reconnect" not in goal
    assert build(project, "owner", "--strict", site=tmp_path / "site").returncode == 0
    page = (tmp_path / "site" / "reach-out" / "index.html").read_text()
    line = page.split("Revive two dormant ties every week")[1].split("</li>")[0]
    assert "None of your ties is dormant today, so nobody can be revived yet" in line
    assert "Nobody its filter allows" not in line


def test_a_met_of_yours_stays_met_when_an_import_adds_the_same_day_as_connected(tmp_path):
    # Found by the attack session (issue 27): you meet someone at a conference and connect on
    # LinkedIn that evening, as most people do. Your file says met: 2026-02-07; a later `trellis
    # import linkedin` fills the empty connected: with the same day. The rule for older imports read
    # any met: equal to connected: as the importer's, so your meeting was dropped: the person became
    # "never talked" (not dormant, no reach-out, left out of new-contacts). Only a met: beside
    # how_met: LinkedIn (what older imports wrote) is the importer's.
    write(
        tmp_path,
        {
            "goals/vision.md": TALKED["goals/vision.md"],
            "contacts/ada-lovelace.md": "---\nname: Ada Lovelace\nmet: 2026-02-07\nhow_met: JSConf\n---\n",
            # what an older import wrote, and a later one completed: still the importer's date
            "contacts/dee-old.md": "---\nname: Dee Old\nmet: 2019-05-05\nhow_met: LinkedIn\n---\n",
        },
    )
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Engineering Manager,07 Feb 2026\n"
        "Dee,Old,https://www.linkedin.com/in/dee-old,,Elsewhere,Developer,05 May 2019\n",
        encoding="utf-8",
    )
    assert cli.main(["import", "linkedin", str(export), "--path", str(tmp_path / "journal")]) == 0
    assert "connected: 2026-02-07" in (tmp_path / "journal" / "contacts" / "ada-lovelace.md").read_text()
    assert "connected: 2019-05-05" in (tmp_path / "journal" / "contacts" / "dee-old.md").read_text()
    figures = analyse(tmp_path / "journal", today=TODAY).figures
    ada = figures.touches["ada-lovelace"]
    assert ada.last == dt.date(2026, 2, 7) and ada.dormant  # 289 days since you met: a dormant tie
    assert [t.contact_id for t in ties.reach_out_order(figures.touches)] == ["ada-lovelace"]
    assert [k.contact_id for k in figures.never_talked] == ["dee-old"]
