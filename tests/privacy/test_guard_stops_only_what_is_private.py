"""The guard stops only what is private: journals nobody here wrote build as written (found in attack
round 25, second half).

Attack on issue 25, the other side of the promise: the guard's new rules must not stop or
mangle the public build of journals nobody here wrote (an address book's import, a generated
journal), and a few surfaces of MkDocs and its plugins that print text of their own. Real public
`mkdocs build`s, every output file scanned."""

from __future__ import annotations

from pathlib import Path

from conftest import build, site_text, write_project

CONTACTS = {
    # as `trellis import vcard` writes an address book's entries: a title kept in the name
    "contacts/ada-lovelace.md": "---\nname: Ada Lovelace\nrole: Engineer\nsector: fintech\n---\n",
    "contacts/mr-john-richter-doe.md": "---\nname: Mr. John Richter Doe\nrole: Lawyer\nsector: legal\n---\n",
    # an import's second Sophie Kumar, private, beside the one who agreed to be named
    "contacts/sophie-kumar-2.md": "---\nname: Sophie Kumar 2\nrole: Designer\nsector: retail\n---\n",
    "contacts/sophie-kumar.md": "---\nname: Sophie Kumar\nrole: Designer\nsector: retail\npublic: true\n---\n",
}
CONFIG = """
site_name: Maya's portfolio
# tokens split at these marks: a name written with one of them is found by a search for it
site_url: https://maya.example.com/portfolio/
repo_url: https://github.com/maya/journal
docs_dir: journal
edit_uri: edit/main/journal/
theme:
  name: material
  features: [content.action.edit, content.action.view]
plugins:
  - search:
      separator: '[\\s\\-·/+~–]+'
      lang: [en, ja]
  - trellis
"""


def _project(root: Path, pages: dict[str, str], config: str = CONFIG) -> Path:
    return write_project(root, {**CONTACTS, **pages}, config)


ORDINARY = {
    "index.md": "# Home\n\nHello.\n",
    # a page's address made from its own title, which the redactor leaves as written: a place and
    # a film, where a first name stands before another capitalised word
    "notes/ada-county.md": "# Ada County\n\nThe Ada County fair opens on 3 May 2025.\n",
    "notes/john-wick-notes.md": "# John Wick Notes\n\nFour films.\n",
    # "Mr." is everyone's title, not the first name of Mr. John Richter Doe
    # a name joined by a mark a reader (and a search `separator:`) reads as a gap
    "notes/joined.md": "# Joined\n\nMet Ada/Lovelace, Ada·Lovelace, Ada–Lovelace, Ada+Lovelace and Ada~Lovelace.\n",
    "notes/tools.md": "# Tools\n\nMr. Smith sells tools. Order 4412-8890-1234, $12.99.\n\n"
    "| met | who |\n| --- | --- |\n| 2 | Sophie Kumar |\n\n"
    # a link in the text to another site holds what words it likes
    "Watch <https://example.com/films/john-wick/>.\n",
}


def test_ordinary_pages_of_an_imported_address_book_build_as_written(tmp_path):
    project = _project(tmp_path, ORDINARY)
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-2000:]
    site = project / "site-public"
    assert (site / "notes" / "ada-county" / "index.html").exists()
    assert (site / "notes" / "john-wick-notes" / "index.html").exists()
    tools = (site / "notes" / "tools" / "index.html").read_text(encoding="utf-8")
    assert "Mr. Smith sells tools" in tools and "Sophie Kumar" in tools
    assert "lovelace" not in site_text(site).lower()
    assert "The Ada County fair" in (site / "notes" / "ada-county" / "index.html").read_text(encoding="utf-8")


def test_a_page_named_after_a_private_first_name_still_stops(tmp_path):
    """The title excuses the address only when it holds the address's words as the reader sees
    them: 'ada-notes/' under a title 'Notes', or 'john-met/' under 'John met' (which the redactor
    rewrote), or 'radia-notes/' under 'radia notes' (a word in lower case, which the redactor never
    reads as a name), names a private person."""
    project = _project(
        tmp_path,
        {
            "index.md": "# Home\n",
            "ada-notes.md": "# Notes\n\nHi.\n",
            "john-met.md": "# John met\n\nHi.\n",
            # in lower case the redactor reads no first name: it judged nothing
            "radia-notes.md": "# radia notes\n\nHi.\n",
            "contacts/radia-perlman.md": "---\nname: Radia Perlman\nrole: Engineer\n---\n",
        },
    )
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "ada-notes" in run.stderr and "john-met" in run.stderr and "radia-notes" in run.stderr


def test_a_first_name_in_an_address_the_site_s_frame_prints_stops_the_build(tmp_path):
    """site_url (every page's canonical link and the sitemap), repo_url (the header's source
    link), edit_uri (material's edit and view buttons, inside the article) and extra.alternate (the language menu) are printed on every page as written: a
    private first name in lower case there is a page's address naming her, as a slug is."""
    config = (
        CONFIG.replace("https://maya.example.com/portfolio/", "https://maya.example.com/ada/")
        .replace("github.com/maya/journal", "github.com/maya/coffee-with-john")
        .replace("edit/main/journal/", "https://git.example.com/notes-for-frances/edit/")
        + """
extra:
  alternate:
    - name: Deutsch
      link: /radia/
      lang: de
"""
    )
    contacts = {
        "contacts/radia-perlman.md": "---\nname: Radia Perlman\nrole: Engineer\nsector: networks\n---\n",
        "contacts/frances-allen.md": "---\nname: Frances Allen\nrole: Engineer\nsector: compilers\n---\n",
    }
    project = _project(tmp_path, {**contacts, "index.md": "# Home\n\nHello.\n"}, config)
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    for address in (
        "https://maya.example.com/ada",
        "https://github.com/maya/coffee-with-john",
        "/radia",
        "notes-for-frances",
    ):
        assert address in run.stderr, (address, run.stderr[-3000:])


def test_the_owners_own_host_is_no_contacts_name(tmp_path):
    """`trellis init --site-url https://ada.github.io/` for Ada, who has imported a private
    contact also called Ada: the host is the owner's own, on every page, and names nobody else;
    the public build went through before only once the user renamed their site (found trying the
    wheel as a new user). A first name in the address's path still stops it (the test above)."""
    config = CONFIG.replace("https://maya.example.com/portfolio/", "https://ada.github.io/").replace(
        "https://github.com/maya/journal", "https://github.com/someone/journal"
    )
    project = _project(tmp_path, {"index.md": "# Home\n\nHello.\n"}, config)
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    text = site_text(project / "site-public")
    assert "https://ada.github.io/" in text and "lovelace" not in text.casefold()


def test_an_address_with_a_placeholder_for_its_host_builds(tmp_path):
    """A heading that writes an address with a placeholder for its host ("https://[you].github.io",
    as a how-to does) is printed in the page's table of contents, outside the article, where the
    guard reads the addresses the frame prints: the public build stopped with a traceback
    (urlsplit: "'you' does not appear to be an IPv4 or IPv6 address"). Found attacking the guard
    with pages (issue 31's round). A first name there still counts (read as the address's words)."""
    deploy = "# Deploy\n\n## Publish to https://[you].github.io\n\nPush the site.\n"
    project = _project(tmp_path, {"index.md": "# Home\n\nHello.\n", "notes/deploy.md": deploy})
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "https://[you].github.io" in site_text(project / "site-public")
    named = deploy.replace("[you]", "[ada]")
    project = _project(tmp_path / "named", {"index.md": "# Home\n\nHello.\n", "notes/deploy.md": named})
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "https://[ada]" in run.stderr and "contacts/ada-lovelace.md" in run.stderr, run.stderr[-3000:]
