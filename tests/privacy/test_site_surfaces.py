"""Everything the public site prints, and everything pulled into it, is redacted or stops the
build (issue 25): mkdocs.yml's printed values (nav titles, copyright, site_name,
site_description, site_author, extra), page metadata (title, description, tags), material's
blog (excerpts rendered again from markdown on its index, archive and category pages) and
tags plugins (chips, listing, tags.json, search), files of the theme's custom_dir, and
includes (pymdownx.snippets, include directives) of record files. Each case is a real
`mkdocs build` of the public view; every output file is scanned."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EPOCH, site_text, write_project
from journals import VISION_GOAL

LABEL = "a product manager in edtech"  # Hana Sato's label: three unnamed product managers in edtech

CONTACTS = {
    "contacts/hana-sato.md": """
        ---
        name: Hana Sato
        role: Product Manager
        sector: edtech
        email: hana.secret@example.com
        want: [an intro to Stripe]
        give: [design review]
        ---
        Moving to Lisbon in spring.
        """,
    "contacts/peer-one.md": "---\nname: Peer One\nrole: Product Manager\nsector: edtech\n---\n",
    "contacts/peer-two.md": "---\nname: Peer Two\nrole: Product Manager\nsector: edtech\n---\n",
    "contacts/will-turner.md": "---\nname: Will Turner\nrole: Recruiter\nsector: fintech\n---\n",
    "contacts/grace-hopper.md": "---\nname: Grace Hopper\nrole: Developer\nsector: devtools\n---\n",
    "contacts/pat-public.md": "---\nname: Pat Public\nrole: Developer\nsector: devtools\npublic: true\n---\n",
    "entries/2026/2026-11-20.md": "---\n---\nBanana ledger quietly sinks under orchard moonlight.\nOk.\n",
    **VISION_GOAL,
}

RICH_PAGES = {
    "index.md": "# Home\n\nWill you read this? I will mark the grace period.\n\nDone<br>\nWill it rain?\n",
    "about.md": """
        ---
        title: About Hana
        description: Lunch with Hana Sato
        tags: [Hana, Hana Sato, hana-sato, networking]
        ---
        Coffee with Hana.

        --8<-- "shared/thanks.md"
        """,
    "grace.md": "# Grace period notes\n\nThe grace period ends soon. Will it?\n",
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "blog/index.md": "# Blog\n",
    "blog/posts/coffee.md": """
        ---
        date: 2026-11-01
        slug: coffee-chat
        tags: [Hana Sato]
        categories: [Networking]
        ---
        # Coffee with Hana Sato

        I had coffee with Hana Sato and met hana-sato's team. Hana was kind.

        <!-- more -->

        More about Hana Sato, later.
        """,
    "blog/posts/lunch.md": """
        ---
        date: 2026-11-05
        categories: [Networking]
        ---
        # Lunch notes

        Lunch with Hana went well; Will Turner joined.
        """,
}

RICH_CONFIG = """
site_name: Maya's portfolio, with thanks to Hana
site_description: Coffee with Hana Sato and friends
site_author: Maya and Hana Sato
copyright: Copyright &copy; 2026 Maya &middot; photos by <em>Hana Sato</em>
docs_dir: journal
theme:
  name: material
  font: false
  custom_dir: overrides
nav:
  - Home: index.md
  - Coffee with Hana: about.md
  - Grace period notes: grace.md
  - Friends of Hana Sato:
    - Tags: tags.md
  - Blog: blog/index.md
  - Hana's profile: https://example.com/profile
plugins:
  - search
  - blog
  - tags
  - trellis
markdown_extensions:
  - pymdownx.snippets
extra:
  generator: false
  tagline: Lunch with Hana
  social:
    - icon: fontawesome/brands/github
      link: https://github.com/maya-example
      name: Coffee with Hana Sato
"""

OVERRIDES = {
    "main.html": '{% extends "base.html" %}\n{% block announce %}{{ config.extra.tagline }}{% endblock %}\n',
    "assets/plain.txt": "A plain file of the overrides: nothing private. Will you read it? Grace period: 3 days.\n",
}


def _project(
    root: Path, pages: dict[str, str], config: str, overrides: dict[str, str | bytes] = (), other: dict[str, str] = ()
) -> Path:
    as_written = lambda files: {rel: c if isinstance(c, bytes) else c.encode() for rel, c in dict(files).items()}
    write_project(root, as_written(overrides), None, folder="overrides")  # the theme's files, byte for byte
    write_project(root, as_written(other), None, folder=".")
    return write_project(root, {**CONTACTS, **pages}, config)


def _build(project: Path) -> subprocess.CompletedProcess:
    """A public `mkdocs build`, run in the project's folder as a user runs it (snippets' base_path is
    relative to it)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "TRELLIS_AUDIENCE": "public"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _error(run: subprocess.CompletedProcess) -> str:
    lines = [line for line in run.stderr.splitlines() if line.startswith("ERROR")]
    assert len(lines) == 1, run.stderr[-3000:]
    return lines[0]


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    root = tmp_path_factory.mktemp("rich")
    project = _project(root, RICH_PAGES, RICH_CONFIG, OVERRIDES, other={"shared/thanks.md": "Thanks for reading.\n"})
    run = _build(project)
    assert run.returncode == 0, run.stderr[-4000:]
    return project / "site", run


def _html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_no_private_name_id_or_text_in_any_output_file(rich):
    site, _ = rich
    text = site_text(site)
    assert "Hana" not in text  # the first name alone, as the redactor finds it, anywhere
    lowered = text.lower()
    for marker in (
        "hana sato",
        "hana-sato",
        "hana_sato",
        "hanasato",
        "hana.secret",
        "will turner",
        "grace hopper",
        "banana ledger",
        "intro to stripe",
        "moving to lisbon",
    ):
        assert marker not in lowered, marker


def test_site_wide_values_are_redacted_where_the_theme_prints_them(rich):
    site, _ = rich
    home = _html(site, "index.html")
    assert f"with thanks to {LABEL}" in home  # site_name: header and <title>
    assert f'<meta name="description" content="Coffee with {LABEL} and friends">' in home
    assert f'<meta name="author" content="Maya and {LABEL}">' in home
    assert f"photos by <em>{LABEL}</em>" in home and "Copyright &copy; 2026" in home  # copyright's HTML kept
    assert f"Lunch with {LABEL}" in home  # an extra value a theme override prints
    assert f'title="Coffee with {LABEL}"' in home  # extra.social's name, an attribute
    assert 'href="https://github.com/maya-example"' in home  # an address is left as written


def test_nav_titles_sections_links_and_titles_from_file_names_are_redacted(rich):
    site, _ = rich
    home = _html(site, "index.html")
    for title in (f"Coffee with {LABEL}", f"Friends of {LABEL}", f"{LABEL}'s profile"):
        assert title in home, title
    assert "Grace period notes" in home  # an ordinary word that is also a private first name is left alone
    assert "Will you read this? I will mark the grace period." in home
    # a word after a hard line break starts a line, as after a paragraph's start (a name split by
    # <br> is still one name); the search index, which reads "Done Will", raises no false alarm
    assert "Done<br>\nWill it rain?" in home


def test_page_metadata_and_tags_are_redacted_in_chips_listing_export_and_search(rich):
    site, _ = rich
    about = _html(site, "about/index.html")
    assert f"<title>About {LABEL} - " in about
    assert f'content="Lunch with {LABEL}"' in about
    assert f"Coffee with {LABEL}." in about and "Thanks for reading." in about  # an ordinary snippet works
    tags = json.loads((site / "tags.json").read_text())
    names = json.dumps(tags)
    assert LABEL in names and "networking" in names
    assert LABEL in _html(site, "tags/index.html")
    index = json.loads((site / "search" / "search_index.json").read_text())
    about_entry = next(e for e in index["docs"] if e["location"] == "about/")
    assert LABEL in about_entry["title"] and all(LABEL == t or "Hana" not in t for t in about_entry.get("tags", []))


def test_a_blog_post_can_mention_a_private_person_in_its_excerpt_archive_and_category_pages(rich):
    site, run = rich
    assert "Trellis stopped" not in run.stderr
    post = _html(site, "blog/2026/11/01/coffee-chat/index.html")
    assert f"I had coffee with {LABEL} and met {LABEL}'s team. {LABEL} was kind." in post
    views = [
        site / "blog" / "index.html",
        site / "blog" / "archive" / "2026" / "index.html",
        site / "blog" / "category" / "networking" / "index.html",
    ]
    for view in views:
        html = view.read_text(encoding="utf-8")
        assert f"Coffee with {LABEL}" in html, view  # the excerpt's title, rendered again by the blog
        assert f"I had coffee with {LABEL}" in html, view
    lunch = [p for p in (site / "blog").rglob("index.html") if "Lunch notes" in p.read_text()]
    assert lunch and all(f"Lunch with {LABEL} went well" in p.read_text() for p in lunch)


def test_a_blog_category_named_by_a_first_name_stops_the_build_naming_its_address(tmp_path):
    """The category's title is redacted in every nav, but its address (blog/category/hana/) is
    made from the name before Trellis reads the journal: the build stops, naming it."""
    pages = {k: v for k, v in RICH_PAGES.items() if k.startswith("blog/")}
    pages["index.md"] = "# Home\n"
    pages["blog/posts/lunch.md"] = pages["blog/posts/lunch.md"].replace("[Networking]", "[Hana]")
    config = (
        RICH_CONFIG.split("nav:")[0].replace("  custom_dir: overrides\n", "") + "plugins: [search, blog, trellis]\n"
    )
    run = _build(_project(tmp_path, pages, config))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "blog/category/hana/" in run.stderr and "page's address" in run.stderr


def test_the_guard_skips_only_the_installed_theme_s_files(rich):
    site, _ = rich
    assert (site / "assets" / "plain.txt").is_file()  # a custom_dir file is published (and was read)
    assert any((site / "assets" / "javascripts").glob("bundle.*.min.js"))  # material's own


# ------------------------------------------------------------------ what stops the build


def test_a_name_in_an_address_of_another_plugin_s_output_stops_the_build_naming_the_page(tmp_path):
    pages = {k: v for k, v in RICH_PAGES.items() if k.startswith("blog/")}
    pages["index.md"] = "# Home\n"
    pages["blog/posts/lunch.md"] = pages["blog/posts/lunch.md"].replace("[Networking]", "[Networking, Hana Sato]")
    config = (
        RICH_CONFIG.split("nav:")[0].replace("  custom_dir: overrides\n", "") + "plugins: [search, blog, trellis]\n"
    )
    project = _project(tmp_path, pages, config)
    run = _build(project)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert re.search(r"the page (blog/index|404)\.html prints a person", run.stderr)  # 404.html is built first
    assert "the id of journal/contacts/hana-sato.md in attribute href of <a>: 'hana-sato'" in run.stderr


GUARDED_OVERRIDES = {
    "humans.txt": "/* TEAM */\nThanks: hana.secret@example.com\n",
    "data/people.json": '{"friend": "hana-sato"}\n',
    "img/hana-sato.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 16,
    "team.txt": "Coffee with Hana every week.\n",
    "data/escaped.json": '{"who": "Coffee with H\\u0061na"}\n',
    "notes.txt": "Nothing private here.\n",
}

PLAIN_CONFIG = """
site_name: Portfolio
docs_dir: journal
theme:
  name: material
  font: false
  custom_dir: overrides
plugins:
  - search
  - trellis
"""


def test_files_of_custom_dir_are_read_by_the_guard(tmp_path):
    project = _project(tmp_path, {"index.md": "# Home\n"}, PLAIN_CONFIG, GUARDED_OVERRIDES)
    run = _build(project)
    assert run.returncode != 0
    message = run.stderr
    assert "Trellis stopped the public build" in message and "Traceback" not in message
    for leak, origin in (
        ("site/humans.txt", "e-mail"),
        ("site/data/people.json", "id of"),
        ("site/img/hana-sato.png", "in the file's name"),
        ("site/team.txt", "first name"),
        ("site/data/escaped.json", "first name"),
    ):
        line = next((line for line in message.splitlines() if leak in line), "")
        assert origin in line, (leak, message[-3000:])
    assert "notes.txt" not in message and "bundle" not in message


SNIPPET_CONFIG = """
site_name: Portfolio
docs_dir: journal
theme:
  name: material
  font: false
plugins:
  - search
  - trellis
markdown_extensions:
  - pymdownx.snippets:
      base_path: [".", "journal"]
"""

SNIPPET_PAGES = {
    "index.md": "# Home\n",
    "inline.md": '# Inline\n\n--8<-- "journal/contacts/hana-sato.md"\n',
    "block.md": "# Block\n\n--8<--\nshared/ok.md\ncontacts/hana-sato.md\n--8<--\n",
    "lines.md": '# Lines\n\n--8<-- "journal/entries/2026/2026-11-20.md:3:3"\n',
    "section.md": '# Section\n\n--8<-- "journal/contacts/peer-one.md:bio"\n',
    "nested.md": '# Nested\n\n--8<-- "shared/wrapper.md"\n',
    "linked.md": '# Linked\n\n--8<-- "shared/link.md"\n',
    "directive.md": '# Directive\n\n{% include-markdown "contacts/will-turner.md" %}\n',
    "ok.md": '# Ok\n\n--8<-- "shared/ok.md"\n',
    "escaped.md": '# Escaped\n\n;--8<-- "journal/contacts/hana-sato.md"\n',
    "entries/2026/2026-11-21.md": '---\npublic: true\n---\nA public entry.\n\n--8<-- "journal/contacts/grace-hopper.md"\n',
}


def test_snippets_and_include_directives_of_record_files_stop_the_build_naming_each_page(tmp_path):
    project = _project(
        tmp_path,
        SNIPPET_PAGES,
        SNIPPET_CONFIG,
        other={
            "shared/ok.md": "An ordinary shared paragraph.\n",
            "shared/wrapper.md": 'Wrapped:\n\n--8<-- "journal/contacts/will-turner.md"\n',
        },
    )
    os.symlink(project / "journal" / "contacts" / "grace-hopper.md", project / "shared" / "link.md")
    run = _build(project)
    assert run.returncode != 0
    line = _error(run)
    assert "Traceback" not in run.stderr and "Trellis stopped the public build" in line
    pulled = dict(re.findall(r"(journal/\S+?\.md) pulls in ([^;.]+(?:\.md)?(?:, [^;]+?\.md)*)", line))
    assert pulled == {
        "journal/inline.md": "journal/contacts/hana-sato.md",
        "journal/block.md": "journal/contacts/hana-sato.md",
        "journal/lines.md": "journal/entries/2026/2026-11-20.md",
        "journal/section.md": "journal/contacts/peer-one.md",
        "journal/nested.md": "journal/contacts/will-turner.md",
        "journal/linked.md": "journal/contacts/grace-hopper.md",
        "journal/directive.md": "journal/contacts/will-turner.md",
        "journal/entries/2026/2026-11-21.md": "journal/contacts/grace-hopper.md",
    }, line
    assert not (project / "site" / "inline").exists()  # stopped before any page was written


def test_auto_append_of_a_record_file_stops_the_build(tmp_path):
    config = SNIPPET_CONFIG.replace(
        'base_path: [".", "journal"]', 'base_path: ["journal"]\n      auto_append: [contacts/hana-sato.md]'
    )
    project = _project(tmp_path, {"index.md": "# Home\n"}, config)
    run = _build(project)
    assert run.returncode != 0
    line = _error(run)
    assert "journal/index.md pulls in journal/contacts/hana-sato.md" in line, line


def test_social_cards_are_refused_in_a_public_build(tmp_path):
    plain = SNIPPET_CONFIG.split("markdown_extensions:")[0]
    project = _project(tmp_path, {"index.md": "# Home\n"}, plain.replace("  - trellis", "  - trellis\n  - social"))
    run = _build(project)
    assert run.returncode != 0
    assert "social plugin" in _error(run) and "cards: false" in _error(run)
    (project / "mkdocs.yml").write_text(
        plain.replace("  - trellis", "  - trellis\n  - social:\n      cards: false"), encoding="utf-8"
    )
    run = _build(project)
    assert run.returncode == 0, run.stderr[-2000:]


def test_a_snippet_another_plugin_writes_into_a_page_stops_the_build(tmp_path):
    # a hook (as any plugin could) adds the include after the pages were read: caught as Markdown gets it
    hook = (
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    return markdown + '\\n--8<-- \"journal/contacts/hana-sato.md\"\\n'\n"
    )
    project = _project(
        tmp_path, {"index.md": "# Home\n"}, SNIPPET_CONFIG + "hooks: [hooks.py]\n", other={"hooks.py": hook}
    )
    run = _build(project)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "Trellis stopped the public build: journal/index.md pulls in journal/contacts/hana-sato.md" in run.stderr


def test_include_markdown_plugin_s_includes_of_record_files_stop_the_build(tmp_path):
    config = SNIPPET_CONFIG.split("markdown_extensions:")[0].replace("  - trellis", "  - include-markdown\n  - trellis")
    project = _project(
        tmp_path,
        {
            "index.md": '# Home\n\n{% include-markdown "../shared/ok.md" %}\n',
            "people.md": '# People\n\n{%\n  include-markdown "contacts/hana-sato.md"\n  start="---"\n%}\n',
            "raw.md": "# Raw\n\n```\n{% include 'contacts/will-turner.md' %}\n```\n",
            "all.md": '# All\n\n{% include-markdown "entries/**/*.md" %}\n',
        },
        config,
        other={"shared/ok.md": "An ordinary shared paragraph.\n"},
    )
    run = _build(project)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    line = _error(run)
    assert "journal/people.md pulls in journal/contacts/hana-sato.md" in line
    assert "journal/raw.md pulls in journal/contacts/will-turner.md" in line
    assert "journal/all.md pulls in journal/entries/2026/2026-11-20.md" in line
    assert "journal/index.md" not in line
    # the plugin works as ever where no record is included
    (project / "journal" / "people.md").unlink()
    (project / "journal" / "raw.md").unlink()
    (project / "journal" / "all.md").unlink()
    run = _build(project)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "An ordinary shared paragraph." in (project / "site" / "index.html").read_text()
