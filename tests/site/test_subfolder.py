"""A journal inside an existing MkDocs site (docs_dir: docs, the journal in docs/journal/).

With `journal_dir: journal` the journal is read, checked and rendered under journal/, the
site's own pages stay as they are, and nothing private is published. Without the option,
or with the plugin switched off, a build that would publish the record files raw stops.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import EPOCH, build, tree, trellis
from journals import PRIVATE_PAYLOAD, under

SITE_YML = """\
site_name: Existing site
site_url: https://example.org/
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - trellis:
      journal_dir: journal
"""

PLAIN_YML = SITE_YML.replace("  - trellis:\n      journal_dir: journal\n", "  - trellis\n")
OFF_YML = SITE_YML.replace("      journal_dir: journal\n", "      enabled: false\n")

PRIVATE = [
    "Zebulon Quartermaine",
    "zebulon-quartermaine",
    "zq-secret@example.com",
    "+44 20 7946 0999",
    "NOTEMARKER about the person",
    "SUMMARYMARKER of the coffee",
    "SUMMARYMARKER again",
    "ENTRYTEXTMARKER private reflection",
    "pub-secret@example.com",
    "PUBNOTEMARKER about the public person",
    "WANTMARKER",
    "GIVEMARKER",
]

FILES = {
    "index.md": "# Welcome\n\nThe home page of a site that was here before the journal.\n",
    # the user's own page names the private person: the public view redacts it, as today
    "about.md": "# About\n\nI learnt a lot from Zebulon Quartermaine at a meetup.\n",
    # an export left outside the journal folder: never copied into the public site
    "downloads/people.csv": "Name,Email\nZebulon Quartermaine,zq-secret@example.com\n",
    "journal/plan.md": """
        ---
        vision: Land a remote front-end role
        want: {roles: [engineering manager, developer], sectors: [fintech]}
        dream_companies: [Stripe]
        ---
        The big picture.
        """,
    **under("journal", PRIVATE_PAYLOAD),
}
RECORDS = 7  # plan, two goals, two contacts, two entries


def existing_site(root: Path, config: str = SITE_YML, files: dict[str, str] = FILES) -> Path:
    for rel, text in files.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def _texts(site: Path):
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            text = data.decode("utf-8", errors="replace")
            # HTML, JSON and HTML inside JSON: every form a marker can take
            yield path.relative_to(site).as_posix(), " ".join(html.unescape(text).split()).casefold()
            if path.suffix == ".json":
                yield path.relative_to(site).as_posix(), " ".join(json.dumps(json.loads(text)).split()).casefold()


def _leaks(site: Path) -> set[tuple[str, str]]:
    found = set()
    for rel, text in _texts(site):
        for marker in PRIVATE:
            if marker.casefold() in text or json.dumps(marker)[1:-1].casefold() in text:
                found.add((rel, marker))
    return found


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "data-href") and value:
                self.urls.append(value)


def _broken_links(site: Path, pages: list[str]) -> list[tuple[str, str]]:
    """(page, link) for each relative link of the pages that names no file of the site."""
    broken = []
    for page in pages:
        parser = _Links()
        parser.feed((site / page).read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, mailto:, or an anchor on this page
            path = unquote(parts.path)
            # an absolute path is from the site's root (the 404 page's, under site_url's path "/")
            target = site / path.lstrip("/") if path.startswith("/") else (site / page).parent / path
            if target.is_dir():  # "../" and ".." alike: the folder's index page
                target = target / "index.html"
            if not target.resolve().is_file():
                broken.append((page, url))
    return broken


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The existing site with the journal in docs/journal/, built in both views (strict)."""
    project = existing_site(tmp_path_factory.mktemp("existing"))
    before = {k: hashlib.sha256(v).hexdigest() for k, v in tree(project / "docs").items()}
    runs = {audience: build(project, audience, "--strict") for audience in ("public", "owner")}
    after = {k: hashlib.sha256(v).hexdigest() for k, v in tree(project / "docs").items()}
    return project, runs, before == after


@pytest.mark.parametrize("audience", ["public", "owner"])
def test_generated_pages_live_under_the_journal_folder_and_their_links_resolve(built, audience):
    project, runs, _ = built
    run = runs[audience]
    assert run.returncode == 0, run.stderr[-3000:]
    assert f"{audience} view" in run.stderr and f"in {RECORDS} records" in run.stderr
    site = project / f"site-{audience}"
    pages = [
        "journal/progress",
        "journal/network",
        "journal/plan",
        "journal/goals/coffees",
        "journal/journal",
        "journal/journal/2026-11",
        "journal/contacts/pat-public",
        "journal/contacts",
        "journal/goals",
    ]
    owner_only = ["journal/contacts/zebulon-quartermaine", "journal/checks", "journal/reach-out"]
    for page in pages + owner_only:
        assert (site / page / "index.html").is_file() == (audience == "owner" or page not in owner_only), page
    # no page at the site's root, and no record file published as a page of its own
    for page in ("progress", "network", "contacts", "goals", "entries", "journal/entries"):
        assert not (site / page).exists(), page
    assert (site / "journal" / "contacts").is_dir()
    assert sorted(p.name for p in (site / "journal" / "contacts").iterdir()) == (
        ["index.html", "pat-public"] if audience == "public" else ["index.html", "pat-public", "zebulon-quartermaine"]
    )  # the index of people beside their pages
    # the site's own pages are still there
    assert "The home page of a site that was here before" in (site / "index.html").read_text()
    about = (site / "about" / "index.html").read_text()
    if audience == "public":
        # Zebulon is the one unnamed engineering manager in fintech: his role and sector would
        # pick him out, so he is "someone" (docs/guide/privacy.md, "Aggregates identify no one")
        assert "Zebulon" not in about and "I learnt a lot from someone at a meetup." in about
        assert "engineering manager" not in about.casefold()
    else:
        assert "Zebulon Quartermaine" in about
    # every relative link (pages, map nodes, assets, the theme's nav) names a file of the site
    html_pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert _broken_links(site, html_pages) == []
    progress = (site / "journal" / "progress" / "index.html").read_text()
    assert 'href="../goals/coffees/"' in progress and 'href="../../assets/trellis/trellis.css"' in progress
    goal = (site / "journal" / "goals" / "coffees" / "index.html").read_text()
    assert 'href="../../journal/2026-11/#2026-11-21"' in goal
    network = (site / "journal" / "network" / "index.html").read_text()
    assert 'data-href="../contacts/pat-public/"' in network


def test_the_public_build_publishes_nothing_private(built):
    project, runs, _ = built
    assert runs["public"].returncode == 0, runs["public"].stderr[-3000:]
    site = project / "site-public"
    assert {p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml*")} == {"sitemap.xml", "sitemap.xml.gz"}
    assert _leaks(site) == set()
    assert not (site / "downloads").exists()
    month = (site / "journal" / "journal" / "2026-11" / "index.html").read_text()
    assert "Lunch with someone went well." in month and "engineering manager" not in month.casefold()
    # the owner's build does hold them (so the scan above can see them)
    owner = project / "site-owner"
    assert {m for _, m in _leaks(owner)} >= {
        "zq-secret@example.com",
        "NOTEMARKER about the person",
        "ENTRYTEXTMARKER private reflection",
    }


def test_building_writes_nothing_into_docs(built):
    assert built[2], "a build wrote into docs/"


def test_the_command_finds_the_journal_in_the_folder_the_option_names(tmp_path):
    files = {**FILES, "journal/goals/vague.md": "---\ntitle: Network more\n---\n"}
    project = existing_site(tmp_path / "p", files=files)
    check = trellis("check", "p", cwd=tmp_path, timeout=60)
    assert check.returncode == 1, check.stderr
    assert re.search(r"^p/docs/journal/goals/vague\.md:\d+: error SMART-M1", check.stdout, re.M), check.stdout
    assert check.stdout.strip().endswith(f"in {RECORDS + 1} records")
    inside = trellis("check", cwd=project, timeout=60)  # from the project folder: paths as the build shows them
    assert "docs/journal/goals/vague.md:" in inside.stdout and "p/docs" not in inside.stdout

    (project / "docs" / "journal" / "goals" / "vague.md").unlink()
    assert (
        trellis("check", cwd=project, timeout=60).stdout.strip() == f"trellis check: no problems in {RECORDS} records"
    )
    status = trellis("status", "--json", cwd=project, timeout=60)
    assert [g["id"] for g in json.loads(status.stdout)["goals"]] == ["coffees"]  # vision goals have no figures
    new = trellis("new", "contact", "Ada Lovelace", cwd=project, timeout=60)
    assert new.returncode == 0 and new.stdout.strip() == "docs/journal/contacts/ada-lovelace.md"
    card = tmp_path / "people.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@example.com\r\nEND:VCARD\r\n")
    imported = trellis("import", "vcard", str(card), cwd=project, timeout=60)
    assert imported.returncode == 0, imported.stderr
    assert (project / "docs" / "journal" / "contacts" / "grace-hopper.md").is_file()
    exported = json.loads(trellis("export", "json", cwd=project, timeout=60).stdout)
    assert "grace@example.com" in json.dumps(exported)
    assert "zq-secret@example.com" in json.dumps(exported)
    assert not (project / "docs" / "contacts").exists()


@pytest.mark.parametrize("value", ["../outside", "/abs/journal", 3])
def test_a_journal_dir_outside_docs_dir_is_a_clear_error(tmp_path, value):
    project = existing_site(tmp_path / "p", SITE_YML.replace("journal_dir: journal", f"journal_dir: {value}"))
    run = build(project, "public")
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "journal_dir" in run.stderr
    check = trellis("check", cwd=project, timeout=60)
    assert check.returncode == 2 and "Traceback" not in check.stderr
    assert "journal_dir" in check.stderr


def test_a_journal_dir_that_is_no_folder_is_a_clear_error(tmp_path):
    project = existing_site(tmp_path / "p", SITE_YML.replace("journal_dir: journal", "journal_dir: jounral"))
    run = build(project, "public")
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "journal_dir is 'jounral', but docs/jounral is not a folder" in run.stderr
    check = trellis("check", cwd=project, timeout=60)
    assert check.returncode == 2 and "jounral is not a folder" in check.stderr


UNREAD = [
    "docs/journal/contacts/pat-public.md",
    "docs/journal/contacts/zebulon-quartermaine.md",
    "docs/journal/entries/2026/2026-11-20.md",
    "docs/journal/entries/2026/2026-11-21.md",
    "docs/journal/goals/coffees.md",
    "docs/journal/goals/vision.md",
]


@pytest.mark.parametrize("audience", ["public", "owner"])
def test_without_the_option_the_build_stops_naming_the_unread_record_files(tmp_path, audience):
    project = existing_site(tmp_path / "p", PLAIN_YML)
    run = build(project, audience)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "Trellis stopped the build: 6 file(s) look like journal records" in run.stderr
    for path in UNREAD:
        assert f"  {path}\n" in run.stderr, path
    assert "set the trellis option journal_dir: journal in mkdocs.yml" in run.stderr
    assert not (project / f"site-{audience}" / "journal" / "contacts").exists()


def test_switched_off_the_plugin_still_stops_the_build(tmp_path):
    project = existing_site(tmp_path / "p", OFF_YML)
    run = build(project, "public")
    assert run.returncode != 0 and "Traceback" not in run.stderr
    for path in UNREAD:
        assert f"  {path}\n" in run.stderr, path
    assert "switched off (enabled: false)" in run.stderr


def test_record_files_outside_the_journal_folder_stop_the_build_and_others_do_not(tmp_path):
    files = {
        **FILES,
        "team/contacts/someone.md": "---\nname: Someone Else\nemail: se@example.com\n---\nNotes.\n",
        "blog/entries/readme.md": "# Entries\n\nNo frontmatter: an ordinary page.\n",
        "blog/entries/photo.md.txt": "---\nnot markdown\n",
    }
    project = existing_site(tmp_path / "p", files=files)
    run = build(project, "public")
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "1 file(s) look like journal records" in run.stderr and "  docs/team/contacts/someone.md\n" in run.stderr
    assert "readme.md" not in run.stderr
    # MkDocs' own exclude_docs keeps them out of the site: that is enough
    (project / "mkdocs.yml").write_text(SITE_YML + "exclude_docs: |\n  team/contacts/\n")
    run = build(project, "public", "--strict")
    assert run.returncode == 0, run.stderr[-2000:]
    assert (project / "site-public" / "blog" / "entries" / "readme" / "index.html").is_file()


def test_under_serve_unread_records_are_a_warning(tmp_path, monkeypatch, caplog):
    """`mkdocs serve` shows the owner's site on their machine, unpublished: it warns instead."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = existing_site(tmp_path / "p", PLAIN_YML)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    warned = [
        r.getMessage()
        for r in caplog.records
        if r.levelname == "WARNING" and "look like journal records" in r.getMessage()
    ]
    assert len(warned) == 1 and "docs/journal/contacts/zebulon-quartermaine.md" in warned[0]


def test_under_serve_the_journal_in_a_subfolder_reuses_pages_and_matches_a_fresh_build(tmp_path, monkeypatch):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("TRELLIS_AUDIENCE", "owner")
    project = existing_site(tmp_path / "p")
    site = tmp_path / "served"
    for first in (True, False):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config)
    plugin = config.plugins["trellis"]
    assert "journal/contacts/zebulon-quartermaine.md" in plugin.specs
    assert plugin.page_cache.reused == len(plugin.specs)
    fresh = tmp_path / "fresh"
    assert build(project, "owner", site=fresh).returncode == 0
    # an owner build keeps its folder out of git with a .gitignore (owner_build); serve's folder is MkDocs' temporary one
    built = tree(fresh)
    assert built.pop(".gitignore", None) is not None
    assert tree(site) == built


def test_the_message_names_ten_files_then_counts_the_rest():
    from trellis.locating import JournalPlace, unread_records_message

    unread = [f"journal/contacts/person-{n:02}.md" for n in range(13)]
    message = unread_records_message(unread, "docs", JournalPlace())
    assert "13 file(s)" in message and "docs/journal/contacts/person-09.md" in message
    assert "person-10" not in message and "\n  and 3 more\n" in message
    assert "set the trellis option journal_dir: journal" in message
    both = unread_records_message(["a/goals/x.md", "b/goals/y.md"], "docs", JournalPlace("a"))
    assert "one of: a, b" in both


def test_the_message_names_the_applications_folder_among_the_record_folders():
    # a job application outside the journal (docs/team/applications/) stops the build like a contact
    # would: the message names applications/ among the folders Trellis reads records from
    from trellis.locating import JournalPlace, unread_records_message

    message = unread_records_message(["team/applications/acme.md"], "docs", JournalPlace("journal"))
    assert "under a contacts/, goals/, entries/ or applications/ folder" in message
    assert "Trellis reads records only in docs/journal/contacts/, goals/, entries/ and applications/" in message


@pytest.mark.parametrize(
    "value, folder",
    [
        (None, ""),
        ("", ""),
        (".", ""),
        ("journal", "journal"),
        ("./journal/", "journal"),
        ("notes\\journal", "notes/journal"),
    ],
)
def test_journal_dir_values(value, folder):
    from trellis.locating import journal_folder

    assert journal_folder(value) == folder
