"""The company pages (issue 29), owner only, on HUNT (tests/journals.py: read its docstring).

Worked out by hand from HUNT, today 2026-11-23:
- Acme Pay (a dream company): Ana Ally is an ally (inbound 2026-09-20, 10-20 and 11-15: three in
  90 days, at most 30 days apart, the last 8 days ago), Ben Acquaint an acquaintance (a mutual
  coffee on 2026-10-05), Cara Known known (imported: `connected:`, no interaction, no `met:`);
  Dan Former worked there as a Developer until 2026-03-31. Applications: acme-backend
  (interviewing, referred by Ana, next 2026-11-25), acme-platform (interested, next 2026-11-28),
  acme-data (rejected). The next step is 2026-11-25's. Warm paths, by the stage of the person
  asked: Ana (ally), then Ana introducing Cara (ally, one more step: Cara is tied to Ana by the
  company and never talked to, so no path starts at her), then Dan (acquaintance: a mutual call,
  last 2026-10-18) before Ben (acquaintance, last 2026-10-05): recency.
- Globex (a dream company): Dan Former now, Eve Globex known; globex-frontend has an offer.
- Initech: two applications, nobody in the journal: a page all the same.
- Umbrella: one person (Gil) and an application: a page.
"""

from __future__ import annotations

import re
import shutil
import textwrap
import time

import pytest
from conftest import EPOCH, ROOT, build, serve_rebuilds, site_text
from journals import HUNT, HUNT_PRIVATE

pytestmark = pytest.mark.build


def _text(html: str) -> str:
    """The page's words, tags out and spaces folded ("Ana Ally, Engineering Manager")."""
    return re.sub(r" ([,:])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", html).split()))


def _section(html: str, start: str, end: str | None = None) -> str:
    part = html.split(f'id="{start}"', 1)[1]
    return part.split(f'id="{end}"', 1)[0] if end else part


def _owner(write_journal, files) -> tuple:
    project = write_journal(files)
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-2000:]
    return project, project / "site-owner"


def test_acme_pay_page_lists_its_people_by_stage_who_left_its_warm_paths_and_applications(write_journal):
    _, site = _owner(write_journal, HUNT)
    page = (site / "companies" / "acme-pay" / "index.html").read_text()
    assert "<h1" in page and "Acme Pay" in page
    people = _section(page, "people", "before")
    ally, acquaintance, known = (
        _text(_section(people, f"people-{g}", n))
        for g, n in (("ally", "people-acquaintance"), ("acquaintance", "people-known"), ("known", None))
    )
    assert "Ana Ally, Engineering Manager · last contact 2026-11-15" in ally and "Ben" not in ally
    assert "Ben Acquaint, Developer · last contact 2026-10-05" in acquaintance
    assert "Cara Known, Recruiter · last contact none" in known
    assert "Dan Former" not in people  # at Globex now
    assert "Dan Former, Developer until 2026-03-31" in _text(_section(page, "before", "warm-paths"))
    ways = _text(_section(page, "warm-paths", "applications"))
    assert ways.index("You know Ana Ally") < ways.index("Ana Ally can introduce you to Cara Known")
    assert (
        ways.index("Cara Known")
        < ways.index("You know Dan Former (worked here before)")
        < ways.index("You know Ben Acquaint")
    )
    applications = _text(_section(page, "applications"))
    # open ones first, the next step soonest; then the closed one
    assert re.search(
        r"Backend Engineer interviewing .*Via Ana Ally People involved Cara Known Next step 2026-11-25"
        r".*Platform Engineer interested .*Next step 2026-11-28.*Data Engineer rejected",
        applications,
    )
    assert "2026-11-01: referred 2026-11-03: applied 2026-11-10: screening 2026-11-17: interviewing" in applications
    assert "2026-09-15: applied 2026-10-01: rejected" in applications
    assert "Next step 2026-11-25: Backend Engineer (interviewing)" in _text(_section(page, "next-step", "people"))
    # every person links to their contact page
    for cid in ("ana-ally", "ben-acquaint", "cara-known", "dan-former"):
        assert f'href="../../contacts/{cid}/"' in page


def test_globex_initech_and_umbrella_have_pages_and_a_lone_contact_has_none(write_journal):
    files = {
        **HUNT,
        # one person at Lonely Corp, no application, not a dream: no page
        "contacts/lou-lonely.md": "---\nname: Lou Lonely\ncompany: Lonely Corp\nmet: 2026-10-01\n---\n",
        # Duo Labs: one person there now and one who left: two people, a page
        "contacts/dee-duo.md": "---\nname: Dee Duo\ncompany: Duo Labs\nmet: 2026-10-01\n---\n",
        "contacts/dov-left.md": "---\nname: Dov Left\ncompany: Elsewhere\n"
        "past_companies: [{company: duo  labs, role: Designer, until: 2025-12-31}]\nmet: 2026-10-01\n---\n",
    }
    _, site = _owner(write_journal, files)
    companies = site / "companies"
    globex = (companies / "globex" / "index.html").read_text()
    assert "Dan Former, Senior Developer" in _text(_section(globex, "people-acquaintance", "people-known"))
    assert "Eve Globex, Recruiter" in _text(_section(globex, "people-known", "before"))
    assert re.search(r"Front-end Engineer offer .*Via Dan Former People involved Eve Globex", _text(globex))
    initech = _text((companies / "initech" / "index.html").read_text())
    assert "Nobody in your journal works here" in initech
    assert "Web Developer applied" in initech and "Junior Web Developer applied" in initech
    assert (companies / "umbrella" / "index.html").exists()
    duo = _text((companies / "duo-labs" / "index.html").read_text())  # named as the contact writes it
    assert "Dee Duo" in duo and "Dov Left, Designer until 2025-12-31" in duo
    assert not (companies / "lonely-corp").exists() and not (companies / "elsewhere").exists()
    index = (companies / "index.html").read_text()
    assert "Lonely Corp" not in index
    # the dream companies first, in the plan's order, then the others by name
    names = re.findall(r'<td class="trellis-row-title"><a href="[^"]+">([^<]+)</a>', index)
    assert names == [
        "Acme Pay",
        "Globex",
        "Duo Labs",
        "Hooli",
        "Initech",
        "Soylent",
        "Umbrella",
        "Vandelay",
        "Wayne Tech",
    ]
    # the network page's warm paths and the contact pages link the company pages
    network = (site / "network" / "index.html").read_text()
    assert '<a href="../companies/acme-pay/">Acme Pay</a>' in network
    assert '<a href="../companies/globex/">Globex</a>' in network
    dan = (site / "contacts" / "dan-former" / "index.html").read_text()
    assert '<a href="../../companies/globex/">Globex</a>' in dan
    assert '<a href="../../companies/acme-pay/">Acme Pay</a>' in dan  # where he worked before
    lou = (site / "contacts" / "lou-lonely" / "index.html").read_text()
    assert "Lonely Corp" in lou and "companies/" not in lou


COMPANIES_PRIVATE = (
    *HUNT_PRIVATE,
    "Front-end Developer",  # this file's mkdocs.yml has no site_description
    # the company pages and their addresses
    "companies/",
    "acme-pay",
)


def test_public_build_of_hunt_holds_no_company_page_in_any_file(write_journal):
    project = write_journal(HUNT)
    # a nav of the owner's own naming the companies' index: the public view leaves the entry out
    # (as it does reach-out.md), not a link to a page it does not have, which --strict stops on
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text() + "nav:\n  - Progress: progress.md\n  - Companies: companies/index.md\n  - Home: index.md\n"
    )
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "is included in the 'nav' configuration" not in run.stderr
    site = project / "site-public"
    assert not (site / "companies").exists()
    everything = site_text(site)  # every file and file name: pages, sitemap, search index
    for marker in COMPANIES_PRIVATE:
        assert marker not in everything, marker
    network = (site / "network" / "index.html").read_text()
    assert "Companies" in network  # the public composition is there, with no link to a company page


BIG = 200


def test_a_company_of_two_hundred_people_builds_fast_and_reads_short(write_journal):
    """200 people at Bigco (a dream company): 20 talked to (a mutual coffee each: acquaintances),
    180 imported and never talked to (known). Groups of more than 12 are folded, at most 100 a group
    listed and the rest counted; 10 warm paths are listed and the other 190 counted."""
    files = {**HUNT, "plan.md": HUNT["plan.md"].replace("[Acme Pay, Globex]", "[Acme Pay, Globex, Bigco]")}
    for n in range(BIG):
        dated = "met: 2026-06-01" if n < 20 else "connected: 2026-05-01"
        files[f"contacts/big-{n:03}.md"] = (
            f"---\nname: Big Person {n:03}\ncompany: Bigco\nrole: Engineer\n{dated}\n---\n"
        )
    files["entries/2026/2026-11-02.md"] = (
        "---\ninteractions:\n"
        + "".join(f"  - {{with: big-{n:03}, channel: coffee, direction: mutual}}\n" for n in range(20))
        + "---\n"
    )
    started = time.monotonic()
    _, site = _owner(write_journal, files)
    took = time.monotonic() - started
    page = (site / "companies" / "bigco" / "index.html").read_text()
    text = _text(page)
    assert re.search(r"<details[^>]*><summary>.*known.* 180 people</summary>", page)
    assert re.search(r"<details[^>]*><summary>.*acquaintance.* 20 people</summary>", page)
    assert len(re.findall(r'href="../../contacts/big-\d+/"', _section(page, "people", "warm-paths"))) == 120
    assert "and 80 more" in text
    ways = _section(page, "warm-paths", "applications")
    assert ways.count("<li>") == 10 and "and 190 more people a path reaches" in _text(ways)
    assert len(page) < 200_000, len(page)
    assert took < 60, took  # the whole build, 226 contacts, on a loaded machine


def test_served_pages_follow_edits(tmp_path, monkeypatch):
    """Under `mkdocs serve` a saved application or contact shows on the next rebuild."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("TRELLIS_AUDIENCE", "owner")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project, site = tmp_path / "p", tmp_path / "served"
    for rel, text in HUNT.items():
        path = project / "journal" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    served = serve_rebuilds(project, site)
    served()
    acme = site / "companies" / "acme-pay" / "index.html"
    assert "Platform Engineer interested" in _text(acme.read_text())
    assert not (site / "companies" / "newco").exists()
    journal = project / "journal"
    (journal / "applications" / "newco-dev.md").write_text("---\ncompany: Newco\nrole: Developer\n---\n")
    platform = journal / "applications" / "acme-platform.md"
    platform.write_text(platform.read_text().replace("status: interested", "status: applied\napplied: 2026-11-22"))
    (journal / "contacts" / "fay-new.md").write_text("---\nname: Fay New\ncompany: acme pay\nmet: 2026-11-20\n---\n")
    served()
    assert (site / "companies" / "newco" / "index.html").exists()
    page = _text(acme.read_text())
    assert "Platform Engineer applied" in page and "2026-11-22: applied" in page
    assert "Fay New" in page
    # a call with Dan, who left Acme Pay and is nobody's colleague there now: only his warm path's
    # last contact moves
    (journal / "entries" / "2026" / "2026-11-22.md").write_text(
        "---\ninteractions:\n  - {with: dan-former, channel: call, direction: mutual}\n---\n"
    )
    served()
    page = _text(acme.read_text())
    assert "You know Dan Former (worked here before) · ask: acquaintance, last contact 2026-11-22" in page
