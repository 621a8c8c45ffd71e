"""The owner view's home is the Today dashboard (issue 27): follow-ups due today and overdue,
this week's suggestions, goals behind pace, today's entry, the files that could not be read. The
owner navigation is ordered by use; the public home stays the user's own page and carries none
of it."""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

import pytest
from conftest import EPOCH, build, serve_rebuilds, site_text

pytestmark = pytest.mark.build

# today is 2026-11-23 (conftest's pinned date), a Monday
JOURNAL = {
    "index.md": "# Maya's portfolio\n\nI build accessible web apps. See my [progress](progress.md).\n",
    "about.md": "# About me\n\nBerlin.\n",
    "contacts/ada-lovelace.md": "---\nname: Ada Lovelace\nrole: Engineer\nmet: 2026-10-01\n---\n",
    "contacts/bob-stone.md": "---\nname: Bob Stone\nrole: Recruiter\nmet: 2026-10-01\n---\n",
    "entries/2026-11-10.md": """\
        ---
        date: 2026-11-10
        interactions:
          - with: ada-lovelace
            channel: email
            direction: outbound
            summary: Asked about the compiler team
            follow_up: 2026-11-20
        ---
        """,
    "entries/2026-11-16.md": """\
        ---
        date: 2026-11-16
        interactions:
          - with: bob-stone
            channel: email
            direction: outbound
            summary: Sent my CV for the platform role
            follow_up: 2026-11-23
        ---
        """,
    # two conversations of ten by the end of the month: far behind its ideal line
    "goals/ten-talks.md": """\
        ---
        title: Have ten conversations this month
        why: People hire people they have talked to.
        measure: {count: interactions}
        target: 10
        start: 2026-11-01
        due: 2026-11-30
        actions: [Write to two people a week]
        ---
        """,
    "goals/weekly-talks.md": """\
        ---
        title: Talk to two people every week
        why: A habit keeps the network warm.
        measure: {count: interactions}
        target: 2
        per: week
        start: 2026-11-01
        due: 2027-03-31
        actions: [Write on Monday]
        ---
        """,
}
TODAY_ENTRY = "---\ndate: 2026-11-23\n---\nWrote to nobody yet.\n"
BROKEN = "---\ndate: 2026-11-22\nsummary: Asked him: can I post it?\n---\n"
# what only the dashboard says: none of it may be in the public site
DASHBOARD = ("trellis new entry", "Today's entry", "behind pace", "Follow-ups due", "left for your cadence goals")


def _write(root: Path, files: dict[str, str], nav: str = "") -> Path:
    for rel, text in files.items():
        path = root / "journal" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: Journal\ndocs_dir: journal\ntheme: {{name: material, font: false}}\nplugins: [search, trellis]\n{nav}",
        encoding="utf-8",
    )
    return root


def _site(project: Path, audience: str) -> Path:
    run = build(project, audience)
    assert run.returncode == 0, run.stderr[-3000:]
    return project / f"site-{audience}"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _nav(html: str) -> list[str]:
    """The titles of the primary navigation's top-level links, in order."""
    primary = html[html.index('class="md-nav md-nav--primary"') :]
    titles = re.findall(r'<(?:a|label) [^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</(?:a|label)>', primary, re.S)
    seen: list[str] = []
    for title in (_text(t) for t in titles):
        if title and title not in seen:
            seen.append(title)
    return seen


def test_the_owner_home_says_what_to_do_today(tmp_path):
    project = _write(tmp_path, JOURNAL)
    home = (_site(project, "owner") / "index.html").read_text(encoding="utf-8")
    text = _text(home)
    assert "<title>Today" in home
    # the follow-ups: one overdue (with how late), one due today, each with who, why and their page
    assert "Overdue 2026-11-20 (3 days late) : Ada Lovelace : Asked about the compiler team" in text
    assert "Due today 2026-11-23 : Bob Stone : Sent my CV for the platform role" in text
    assert 'href="contacts/ada-lovelace/"' in home and 'href="contacts/bob-stone/"' in home
    # this week: the cadence goal's remaining count and whom to contact (the reach-out page's figures)
    assert "2 left for Talk to two people every week" in text
    assert re.search(r"Contact: (Ada Lovelace|Bob Stone)", text)
    # the goal behind pace, linked to its page; the weekly one is not behind
    behind = text[text.index("Goals behind pace") :]
    assert "Have ten conversations this month behind" in behind
    assert 'href="goals/ten-talks/"' in home
    # today's entry is not written: the command to start it
    assert "Today's entry: not written yet" in text
    assert "<code>trellis new entry</code>" in home
    assert "Every journal file was read" in text and "could not be read" not in text


def test_today_entry_written_and_a_broken_entry_counted(tmp_path):
    project = _write(tmp_path, {**JOURNAL, "entries/2026-11-23.md": TODAY_ENTRY, "entries/2026-11-22.md": BROKEN})
    home = (_site(project, "owner") / "index.html").read_text(encoding="utf-8")
    text = _text(home)
    assert "Today's entry: written" in text
    assert "trellis new entry" not in text
    assert 'href="journal/2026-11/#2026-11-23"' in home
    # the file that could not be read: counted, linked to Checks, and named in the notice
    assert '<a href="checks/">1 file could not be read</a>' in home
    assert "<code>entries/2026-11-22.md</code>" in home


def test_a_file_named_for_today_with_another_date_is_named_not_overwritten(tmp_path):
    # entries/2026-11-23.md says date: 2026-11-22 (copied from yesterday's): `trellis new entry`
    # would refuse to write over it, so the dashboard names the file and its date instead
    misdated = "---\ndate: 2026-11-22\ninteractions: []\n---\nCopied from yesterday.\n"
    project = _write(tmp_path, {**JOURNAL, "entries/2026-11-23.md": misdated})
    text = _text((_site(project, "owner") / "index.html").read_text(encoding="utf-8"))
    assert "journal/entries/2026-11-23.md is named for today, but its date: says 2026-11-22" in text
    assert "Start it with" not in text


def test_owner_navigation_is_ordered_by_use_and_the_own_home_moves_to_home(tmp_path):
    project = _write(tmp_path, JOURNAL)
    site = _site(project, "owner")
    nav = _nav((site / "progress" / "index.html").read_text(encoding="utf-8"))
    trellis_pages = ["Today", "Reach out", "Progress", "Goals", "Contacts", "Network", "Journal", "Review", "Checks"]
    assert [t for t in nav if t in trellis_pages] == trellis_pages
    assert nav[: len(trellis_pages)] == trellis_pages  # Trellis' pages first, then the user's own
    assert nav.index("Home page") > nav.index("Checks") and nav.index("About me") > nav.index("Checks")
    # the user's index.md is still there, at home/, with its links working from there
    own = (site / "home" / "index.html").read_text(encoding="utf-8")
    assert "I build accessible web apps" in own and 'href="../progress/"' in own


def test_a_nav_written_in_mkdocs_yml_is_kept(tmp_path):
    nav = "nav:\n  - About: about.md\n  - Progress: progress.md\n  - Home: index.md\n"
    project = _write(tmp_path, JOURNAL, nav)
    site = _site(project, "owner")
    assert _nav((site / "progress" / "index.html").read_text(encoding="utf-8")) == ["About", "Progress", "Home"]
    assert "Today's entry" in (site / "index.html").read_text(encoding="utf-8")


def test_a_nav_written_in_mkdocs_yml_keeps_its_titles_for_trellis_pages(tmp_path):
    # Found by the attack session: the guide promises a nav you wrote is kept "titles included",
    # but Trellis' own pages kept their own titles ("Today", "Contacts", "Progress") wherever
    # mkdocs.yml named them otherwise: MkDocs takes a nav title only for a page it makes itself.
    nav = (
        "nav:\n  - My day: today.md\n  - Numbers & pace: progress.md\n  - People: contacts/index.md\n"
        "  - Home: index.md\n"
    )
    project = _write(tmp_path, JOURNAL, nav)
    owner = _site(project, "owner")

    def nav_of(page: Path) -> list[str]:  # as a reader sees them (the & escaped or not)
        return [html.unescape(t) for t in _nav(page.read_text(encoding="utf-8"))]

    assert nav_of(owner / "about" / "index.html") == [
        "My day",
        "Numbers & pace",
        "People",
        "Home",
    ]
    assert "Today's entry" in (owner / "index.html").read_text(encoding="utf-8")
    public = _site(project, "public")
    # (today.md and an index of nobody are not in public: MkDocs warns and keeps them as links)
    assert "Numbers & pace" in nav_of(public / "about" / "index.html")
    assert "<h1>Numbers &amp; pace</h1>" in (public / "progress" / "index.html").read_text()


def test_the_public_home_is_the_users_page_and_no_file_carries_the_dashboard(tmp_path):
    project = _write(tmp_path, {**JOURNAL, "entries/2026-11-22.md": BROKEN})
    site = _site(project, "public")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "I build accessible web apps" in home
    assert not (site / "home").exists() and not (site / "today").exists()
    everything = site_text(site)
    for marker in DASHBOARD:
        assert marker not in everything, marker
    # nor the follow-ups it shows the owner (interaction summaries are private)
    assert "compiler team" not in everything and "platform role" not in everything
    # the public navigation keeps MkDocs' order, the user's home first
    assert _nav(home)[0] == "Maya's portfolio"


@pytest.mark.parametrize("audience", ["owner", "public"])
def test_a_journal_without_index_md(tmp_path, audience):
    files = {k: v for k, v in JOURNAL.items() if k != "index.md"}
    site = _site(_write(tmp_path, files), audience)
    if audience == "owner":
        assert "Today's entry" in (site / "index.html").read_text(encoding="utf-8")
        assert not (site / "home").exists()
    else:
        assert "Today's entry" not in site_text(site)


def test_under_serve_the_dashboard_sees_todays_entry(tmp_path, monkeypatch):
    """Rebuilds as `mkdocs serve` makes them: an entry written today shows on the next one."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("TRELLIS_AUDIENCE", "owner")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project, site = _write(tmp_path / "p", JOURNAL), tmp_path / "served"
    served = serve_rebuilds(project, site)

    def rebuild() -> str:
        served()
        return _text((site / "index.html").read_text(encoding="utf-8"))

    assert "Today's entry: not written yet" in rebuild()
    (project / "journal" / "entries" / "2026-11-23.md").write_text(TODAY_ENTRY, encoding="utf-8")
    assert "Today's entry: written" in rebuild()


def test_a_journal_in_a_folder_of_a_larger_site_gets_the_dashboard_at_its_home(tmp_path):
    """With `journal_dir: journal` the site's own home stays; the journal folder's home is the
    dashboard, the journal's index.md moves to journal/home/, and the section is ordered by use."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Site home\n", encoding="utf-8")
    _write(tmp_path / "docs", JOURNAL)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Site\ntheme: {name: material, font: false}\nexclude_docs: |\n  /journal/contacts/\n"
        "  /journal/entries/\n  /journal/goals/\nplugins:\n  - search\n  - trellis:\n      journal_dir: journal\n",
        encoding="utf-8",
    )
    (tmp_path / "docs" / "mkdocs.yml").unlink()
    site = _site(tmp_path, "owner")
    assert "Site home" in (site / "index.html").read_text(encoding="utf-8")
    assert "Today's entry" in (site / "journal" / "index.html").read_text(encoding="utf-8")
    assert "I build accessible web apps" in (site / "journal" / "home" / "index.html").read_text(encoding="utf-8")
    nav = _nav((site / "journal" / "progress" / "index.html").read_text(encoding="utf-8"))
    assert nav[:4] == ["Site home", "Journal", "Today", "Reach out"]


def test_a_nav_naming_the_dashboard_gives_the_public_build_no_warning(tmp_path):
    # Found by the attack session: the guide says to add the dashboard to a nav you write as
    # today.md; the public view has no such page, MkDocs warned of the reference, and a --strict
    # public build (as CI runs) stopped. Owner-only entries are left out of the public nav.
    nav = "nav:\n  - Today: today.md\n  - Progress: progress.md\n  - Reach out: reach-out.md\n  - Home: index.md\n"
    project = _write(tmp_path, JOURNAL, nav)
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "is included in the 'nav' configuration" not in run.stderr  # the warning --strict stops on
    public = project / "site-public"
    assert _nav((public / "about" / "index.html").read_text(encoding="utf-8")) == ["Progress", "Home"]
    owner = _site(project, "owner")
    assert _nav((owner / "about" / "index.html").read_text(encoding="utf-8")) == [
        "Today",
        "Progress",
        "Reach out",
        "Home",
    ]


def test_a_today_page_of_your_own_leaves_the_dashboard_somewhere(tmp_path):
    project = _write(tmp_path, {**JOURNAL, "today.md": "# My own today\n\nNotes for the day.\n"})
    site = _site(project, "owner")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Today's entry" in home and "What to do on" in home  # the dashboard still takes the home
    assert "Notes for the day." in (site / "today" / "index.html").read_text(encoding="utf-8")  # yours stays
    assert (site / "home" / "index.html").is_file()  # and your index.md moves to home/ as usual
    assert not (site / "trellis-today").exists()  # the dashboard's other source name is no address
