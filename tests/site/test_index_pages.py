"""The index pages (issue 27): `contacts/` lists everyone (in public, only who agreed to be
named, and nothing of anyone else), `goals/` every goal; both in the navigation, both views."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest
from conftest import EPOCH, GOOD_GOAL, ROOT, build, serve_rebuilds, site_text

PEOPLE = {
    "index.md": "# Home\n",
    "goals/vision.md": "---\ntitle: Land a remote role\nkind: vision\nhorizon: 2027-06-30\n---\n",
    "goals/weekly.md": GOOD_GOAL.replace("TITLE", "Meet five people every week"),
    "goals/coffee.md": """
        ---
        title: Have coffee with Zebulon Quartermaine
        supports: vision
        measure: {count: interactions}
        target: 4
        start: 2026-11-01
        due: 2026-12-31
        actions: [Write to him]
        ---
        """,
    "goals/old.md": GOOD_GOAL.replace("TITLE", "An old goal I dropped").replace("---\n", "---\nstatus: dropped\n", 1),
    "contacts/zebulon-quartermaine.md": """
        ---
        name: Zebulon Quartermaine
        company: Quillworks
        role: Engineering Manager
        sector: fintech
        email: zq-secret@example.com
        want: WANTMARKER a referral
        met: 2026-10-01
        ---
        NOTEMARKER
        """,
    "contacts/pat-public.md": """
        ---
        name: Pat Public
        company: Openworks
        role: Developer
        email: pub-secret@example.com
        give: [PUBGIVEMARKER]
        public: true
        ---
        PUBNOTEMARKER
        """,
    "contacts/xanthippe-evilname.md": """
        ---
        name: "<script>alert(1)</script> Xanthippe"
        company: "\\"><img src=x onerror=alert(2)>"
        role: "<b>boss</b>"
        ---
        """,
    "entries/2026/2026-11-20.md": """
        ---
        interactions:
          - with: [zebulon-quartermaine, pat-public]
            channel: coffee
            direction: mutual
            summary: SUMMARYMARKER of the coffee
            follow_up: 2026-11-30
        ---
        """,
}
PRIVATE = ["Zebulon", "Quartermaine", "Quillworks", "zq-secret", "pub-secret", "Xanthippe", "evilname", "onerror=alert"]
PRIVATE += ["WANTMARKER", "NOTEMARKER", "PUBGIVEMARKER", "PUBNOTEMARKER", "SUMMARYMARKER"]


def _rows(page: str) -> list[list[str]]:
    """The index table's rows, each cell as text."""
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def _nav_titles(page: str) -> list[str]:
    nav = page.split("md-nav--primary")[1]
    return [" ".join(t.split()) for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    from conftest import write_project

    project = write_project(tmp_path_factory.mktemp("indexes"), PEOPLE, None)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + "site_url: https://example.org/\n")
    for audience in ("owner", "public"):
        run = build(project, audience)
        assert run.returncode == 0, run.stderr[-3000:]
    return {audience: project / f"site-{audience}" for audience in ("owner", "public")}


@pytest.mark.build
def test_owner_contacts_index_lists_everyone_with_stage_company_role_last_contact_and_follow_up(sites):
    page = (sites["owner"] / "contacts" / "index.html").read_text()
    rows = _rows(page)
    assert rows == [
        ["<script>alert(1)</script> Xanthippe", "contact", '"><img src=x onerror=alert(2)>', "<b>boss</b>", "", ""],
        ["Pat Public", "acquaintance", "Openworks", "Developer", "2026-11-20", "2026-11-30"],
        ["Zebulon Quartermaine", "acquaintance", "Quillworks", "Engineering Manager", "2026-11-20", "2026-11-30"],
    ]
    headings = re.findall(r'<th scope="col">(.*?)</th>', page)
    assert headings == ["Name", "Stage", "Company", "Role", "Last contact", "Next follow-up"]
    # each name links to the person's page; markup in a name is text
    assert '<a href="zebulon-quartermaine/">Zebulon Quartermaine</a>' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Xanthippe" in page and "<script>alert" not in page
    assert "<img src=x" not in page and "<b>boss" not in page
    # sortable by a small script in the page, which the table does not need to read
    assert "data-trellis-sortable" in page and "collator.compare" in page


@pytest.mark.build
def test_public_contacts_index_lists_only_who_agreed_and_nothing_of_the_others(sites):
    page = (sites["public"] / "contacts" / "index.html").read_text()
    assert _rows(page) == [["Pat Public", "acquaintance", "Openworks", "Developer", "2026-11-20", "2026-11-30"]]
    assert '<a href="pat-public/">Pat Public</a>' in page
    body = page.split('<div class="trellis">')[1]
    assert "3 people" not in body and " 2 " not in body  # no count of everyone, nor of who is left out
    # the whole public site, every file (search index and sitemap among them), holds none of the rest
    text = site_text(sites["public"])
    assert "contacts/</loc>" in (sites["public"] / "sitemap.xml").read_text()
    # each person is in the search index by their own page; the list would only repeat them
    locations = [
        e["location"] for e in json.loads((sites["public"] / "search" / "search_index.json").read_text())["docs"]
    ]
    assert "contacts/pat-public/" in locations and not any(
        loc.startswith("contacts/#") or loc == "contacts/" for loc in locations
    )
    for private in PRIVATE:
        assert private.lower() not in text.lower(), private


@pytest.mark.build
def test_goals_index_lists_every_goal_vision_first_with_status_pace_and_progress(sites):
    for audience in ("owner", "public"):
        page = (sites[audience] / "goals" / "index.html").read_text()
        rows = _rows(page)
        titles = [r[0] for r in rows]
        assert titles[0] == "Land a remote role"  # the big picture first
        assert set(titles[1:]) >= {"Meet five people every week every week", "An old goal I dropped every week"}
        by_title = {r[0]: r for r in rows}
        assert by_title["Land a remote role"][1:] == ["vision", "", "", "2027-06-30"]
        weekly = by_title["Meet five people every week every week"]
        assert weekly[1] == "active" and weekly[2] in ("on track", "behind", "done") and "/ 5" in weekly[3]
        assert by_title["An old goal I dropped every week"][1:3] == ["dropped", "dropped"]
        assert '<a href="weekly/">' in page
        coffee = [r for r in rows if r[0].startswith("Have coffee with")][0]
        if audience == "owner":
            assert coffee[0] == "Have coffee with Zebulon Quartermaine" and coffee[3].startswith("1 / 4")
        else:  # titles go through the view's redaction, as on the progress page
            assert "Zebulon" not in page and "Quartermaine" not in page
            assert coffee[3].startswith("1 / 4")


@pytest.mark.build
def test_both_indexes_answer_and_are_in_the_navigation_in_both_views(sites):
    for audience in ("owner", "public"):
        for folder in ("contacts", "goals"):
            assert (sites[audience] / folder / "index.html").is_file(), (audience, folder)
        titles = _nav_titles((sites[audience] / "index.html").read_text())
        assert "Contacts" in titles and "Goals" in titles, (audience, titles)


@pytest.mark.build
def test_without_anyone_who_agreed_there_is_no_public_contacts_index(write_journal):
    files = {k: v for k, v in PEOPLE.items() if k != "contacts/pat-public.md"}
    files["entries/2026/2026-11-20.md"] = files["entries/2026/2026-11-20.md"].replace(", pat-public", "")
    project = write_journal(files)
    assert build(project, "public").returncode == 0
    site = project / "site-public"
    assert not (site / "contacts").exists()
    assert "Contacts" not in _nav_titles((site / "index.html").read_text())
    assert (site / "goals" / "index.html").is_file()


@pytest.mark.build
def test_under_serve_a_new_contact_shows_on_the_index(tmp_path, monkeypatch):
    """The index reuses its HTML under `mkdocs serve` while its rows are the same: a new
    contact, an edited company or a new interaction is a new row or a changed one."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("TRELLIS_AUDIENCE", "owner")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project, site = tmp_path / "p", tmp_path / "served"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    served = serve_rebuilds(project, site)

    def rebuild() -> str:
        served()
        return (site / "contacts" / "index.html").read_text(encoding="utf-8")

    before = rebuild()
    assert "Nadia Newcomer" not in before
    new = project / "journal" / "contacts" / "nadia-newcomer.md"
    new.write_text("---\nname: Nadia Newcomer\ncompany: Freshco\nrole: Designer\n---\n", encoding="utf-8")
    after = rebuild()
    assert ["Nadia Newcomer", "contact", "Freshco", "Designer", "", ""] in _rows(after)
    new.write_text("---\nname: Nadia Newcomer\ncompany: Laterco\nrole: Designer\n---\n", encoding="utf-8")
    assert ["Nadia Newcomer", "contact", "Laterco", "Designer", "", ""] in _rows(rebuild())
    new.unlink()
    assert rebuild() == before


@pytest.mark.build
def test_a_record_named_index_keeps_its_address_and_the_index_steps_aside(write_journal):
    project = write_journal(
        {
            "index.md": "# Home\n",
            "contacts/index.md": "---\nname: Ida Index\n---\n",
            "contacts/bo.md": "---\nname: Bo Other\n---\n",
            "goals/README.md": "---\ntitle: The big one\nkind: vision\n---\n",
        }
    )
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-owner"
    assert "<h1>Ida Index</h1>" in (site / "contacts" / "index.html").read_text()
    assert "trellis-index" not in (site / "goals" / "index.html").read_text()
    assert (site / "contacts" / "bo" / "index.html").is_file()


@pytest.mark.build
def test_a_follow_up_done_today_is_no_longer_the_next_one(write_journal):
    # Found by the attack session (issue 27): a follow-up due today is done once you are in touch
    # again today (the reach-out page and the Today dashboard drop it), but the contacts index and
    # the person's page still showed it as their next follow-up, with nothing left to do.
    project = write_journal(
        {
            "index.md": "# Home\n",
            "contacts/ann.md": "---\nname: Ann Alpha\nmet: 2026-10-01\n---\n",
            "contacts/bo.md": "---\nname: Bo Beta\nmet: 2026-10-01\n---\n",
            "entries/2026/2026-11-10.md": """
                ---
                interactions:
                  - {with: ann, channel: call, direction: outbound, follow_up: 2026-11-23}
                  - {with: bo, channel: call, direction: outbound, follow_up: 2026-11-23}
                  - {with: bo, channel: email, direction: outbound, follow_up: 2026-11-30}
                ---
                """,
            # today: both followed up
            "entries/2026/2026-11-23.md": "---\ninteractions:\n  - {with: [ann, bo], channel: call, direction: mutual}\n---\n",
        }
    )
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-owner"
    assert "Nothing is due today or overdue." in (site / "index.html").read_text()
    rows = {r[0]: r for r in _rows((site / "contacts" / "index.html").read_text())}
    assert rows["Ann Alpha"][4:] == ["2026-11-23", ""]
    assert rows["Bo Beta"][4:] == ["2026-11-23", "2026-11-30"]  # the one still to do
    ann = (site / "contacts" / "ann" / "index.html").read_text()
    assert "<dt>Next follow-up</dt><dd>none planned</dd>" in ann
