"""The privacy promise, proved on every output file of a public build."""

from __future__ import annotations

import gzip
import html

from conftest import build

MARKERS = [
    "Zebulon Quartermaine",
    "zebulon-quartermaine",
    "zq-secret@example.com",
    "+44 20 7946 0999",
    "NOTEMARKER about the person",
    "SUMMARYMARKER of the coffee",
    "ENTRYTEXTMARKER private reflection",
    "pub-secret@example.com",
    "PUBNOTEMARKER about the public person",
    # want and give, of an unnamed contact and of one who agreed to be named
    "WANTMARKER an introduction to the platform team lead",
    "GIVEMARKER",
    "PUBWANTMARKER advice on moving from agency work to product",
    "PUBGIVEMARKER a review of the docs site",
]

FILES = {
    "index.md": "# Home\n",
    # the goal pages' charts and pace figures are published too: every one of them is read
    "plan.md": "---\nvision: Land a remote role\npublic_pace: true\n---\n",
    "goals/vision.md": "---\ntitle: Land a remote role\nkind: vision\n---\n",
    # counts the interactions below: its page lists what counted, and charts it
    "goals/coffees.md": """
        ---
        title: Have two coffees with engineers every week
        supports: vision
        measure: {count: interactions}
        target: 2
        per: week
        start: 2026-11-02
        due: 2026-12-31
        actions: [Ask one person a week]
        ---
        """,
    "contacts/zebulon-quartermaine.md": """
        ---
        name: Zebulon Quartermaine
        role: Engineering Manager
        sector: fintech
        email: zq-secret@example.com
        phone: "+44 20 7946 0999"
        want: WANTMARKER an introduction to the platform team lead
        give: [GIVEMARKER]
        met: 2026-11-01
        ---
        NOTEMARKER about the person
        """,
    "contacts/pat-public.md": """
        ---
        name: Pat Public
        role: Developer
        email: pub-secret@example.com
        want: [PUBWANTMARKER advice on moving from agency work to product]
        give:
          - PUBGIVEMARKER a review of the docs site
        public: true
        ---
        PUBNOTEMARKER about the public person
        """,
    "entries/2026/2026-11-20.md": """
        ---
        interactions:
          - with: [zebulon-quartermaine, pat-public]
            channel: coffee
            direction: mutual
            summary: SUMMARYMARKER of the coffee
        ---
        ENTRYTEXTMARKER private reflection
        """,
    "entries/2026/2026-11-21.md": """
        ---
        public: true
        interactions:
          - with: zebulon-quartermaine
            channel: email
            direction: inbound
            summary: SUMMARYMARKER again
        ---
        Lunch with Zebulon Quartermaine went well.
        """,
    "contacts/export.csv": "First Name,Email\nZebulon,zq-secret@example.com\n",
    "entries/photo.jpg": "not really a photo",
}


def _texts(site):
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            yield path, data.decode("utf-8", errors="replace").lower()


def _found(site):
    hits = set()
    for path, text in _texts(site):
        for marker in MARKERS:
            for form in {marker, html.escape(marker)}:
                if form.lower() in text:
                    hits.add((path.relative_to(site).as_posix(), marker))
    return hits


def test_public_build_holds_no_private_marker_in_any_file(write_journal):
    project = write_journal(FILES)
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + "site_url: https://example.org/\n")
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    # every file is read: the search index, sitemap and the pages' inline SVG and JSON among them
    assert (site / "search" / "search_index.json").is_file() and (site / "sitemap.xml").is_file()
    assert _found(site) == set()
    assert not (site / "contacts" / "zebulon-quartermaine").exists()
    assert not (site / "contacts" / "export.csv").exists() and not (site / "entries").exists()
    assert not (site / "checks").exists() and not (site / "reach-out").exists()
    month = (site / "journal" / "2026-11" / "index.html").read_text()
    # the person, by what picks nobody out: the only engineering manager in fintech is "someone"
    assert "Lunch with someone went well" in month
    assert "went well" in month  # the public entry's text is there
    assert "pat-public" in (site / "sitemap.xml").read_text()
    # the goal counts both interactions; its page shows the counts, the people by role and
    # sector, and links only the public entry
    goal_page = (site / "goals" / "coffees" / "index.html").read_text()
    counted = goal_page.split('id="counted"')[1]
    assert counted.count("<tr>") == 1 + 2  # header and two days
    assert "someone" in counted and "Pat Public" in counted
    assert 'href="../../journal/2026-11/#2026-11-21"' in counted
    assert "#2026-11-20" not in goal_page
    assert '<svg class="trellis-chart__svg"' in goal_page
    # the map: both people are nodes; the private one by role and sector, without a link
    network = (site / "network" / "index.html").read_text()
    svg = network.split('<svg class="trellis-map__svg"')[1].split("</svg>")[0]
    assert svg.count('class="trellis-map__node trellis-map__node--') == 1 + 2  # you and them
    assert "<title>someone: acquaintance, 2 interactions</title>" in svg
    assert svg.count("data-href=") == 1 and 'data-href="../contacts/pat-public/"' in svg  # only Pat has a page


def test_owner_build_shows_what_the_public_one_hides(write_journal):
    project = write_journal(FILES)
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    found = {marker for _, marker in _found(project / "site-owner")}
    assert found == set(MARKERS)


def test_guard_stops_a_public_build_that_would_leak(write_journal):
    project = write_journal({**FILES, "about.md": "# About\nWrite to zq-secret@example.com\n"})
    run = build(project, "public")
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "site/about/index.html" in run.stderr and "contacts/zebulon-quartermaine.md" in run.stderr
    assert build(project, "owner").returncode == 0


def test_guard_stops_want_or_give_pasted_into_a_public_entry(write_journal):
    # A public entry's text is published on purpose, and a note quoted there is let through;
    # what you hope for from a person (or can offer them) is not, even for a named contact.
    # "PUBGIVEMARKER a review of the docs site" is 7 words: a passage found whole.
    pasted = {
        **FILES,
        "entries/2026/2026-11-22.md": "---\npublic: true\n---\nThis week I offered PUBGIVEMARKER a review of the docs site.\n",
    }
    run = build(write_journal(pasted), "public")
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "the give: of journal/contacts/pat-public.md" in run.stderr
    assert "site/journal/2026-11/index.html" in run.stderr


def test_markup_in_contact_fields_is_escaped_everywhere(write_journal):
    project = write_journal(
        {
            "goals/vision.md": '---\ntitle: "</title><script>alert(4)</script>"\nkind: vision\n---\n',
            "contacts/evil.md": """
            ---
            name: "<script>alert(1)</script>"
            company: "\\"><img src=x onerror=alert(2)>"
            role: "<b>boss</b>"
            links: {linkedin: "javascript:alert(3)"}
            public: true
            ---
            <script>alert(5)</script>
            """,
            "entries/2026-11-20.md": "---\ninteractions:\n  - with: evil\n    channel: email\n    direction: inbound\n---\n",
        }
    )
    for audience in ("public", "owner"):
        assert build(project, audience).returncode == 0
        for path, text in _texts(project / f"site-{audience}"):
            if path.suffix in (".html", ".json", ".xml"):
                assert "<script>alert" not in text, path
                assert "<img src=x" not in text, path
                assert 'href="javascript:' not in text, path
        svg = (project / f"site-{audience}" / "network" / "index.html").read_text().split("trellis-map__svg")[1]
        assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;: contact, 1 interaction</title>" in svg


def test_gh_deploy_pushes_only_the_public_view_even_when_owner_is_asked_for(write_journal, tmp_path):
    import os
    import subprocess
    import sys

    from conftest import EPOCH

    project = write_journal(FILES)
    remote = tmp_path / "remote.git"
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "TRELLIS_AUDIENCE": "owner",
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def git(*args, cwd=project):
        return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout

    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "journal")
    git("remote", "add", "origin", str(remote))
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert "progress/index.html" in files and "network/index.html" in files
    assert "checks/index.html" not in files and "reach-out/index.html" not in files  # owner pages stay home
    for name in files:
        data = subprocess.run(["git", "show", f"gh-pages:{name}"], cwd=remote, capture_output=True).stdout
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace").lower()
        leaked = [m for m in MARKERS if m.lower() in text or html.escape(m).lower() in text]
        assert leaked == [], (name, leaked)


def test_want_and_give_written_in_any_shape_are_known_to_the_guard(tmp_path):
    # `want:` as a mapping, `give:` as a nested list: read as text, never dropped (fail closed)
    from trellis.loading import load_journal
    from trellis.privacy.audience import Audience
    from trellis.privacy.view import View

    (tmp_path / "contacts").mkdir()
    (tmp_path / "contacts" / "ada.md").write_text(
        "---\nname: Ada\npublic: true\n"
        "want: {referral: to the platform team at her company next spring}\n"
        "give: [[a long review of the onboarding docs she wrote], 3]\n---\n"
    )
    journal = load_journal(tmp_path)
    assert not journal.findings
    ada = journal.contacts["ada"]
    assert ada.want == ["referral: to the platform team at her company next spring"]
    assert ada.give == ["a long review of the onboarding docs she wrote", "3"]
    passages = View(journal, Audience.PUBLIC).passages()
    assert (
        passages.first("<p>She said: referral to the platform team at her company.</p>")
        == "the want: of " + ada.source.shown
    )
    assert (
        passages.first("<p>I will write a long review of the onboarding docs she wrote.</p>")
        == "the give: of " + ada.source.shown
    )
    assert View(journal, Audience.PUBLIC).contact_purpose(ada) == {"want": [], "give": []}


def test_who_is_private_is_known_from_what_the_loader_read(tmp_path):
    # the view reads no file: an e-mail under another key, a phone and a birthday the loader could
    # not read are found in the file's text the loader kept, even once the file is gone
    import shutil

    from trellis.loading import load_journal
    from trellis.privacy.audience import Audience
    from trellis.privacy.view import View

    (tmp_path / "contacts").mkdir()
    (tmp_path / "contacts" / "zoe-quill.md").write_text(
        "---\nname: Zoe Quill\nwork_mail: zoe.q@example.org\nphone: {mobile: +44 20 7946 0123}\n"
        "birthday: 14 March 1990\n---\n"
    )
    journal = load_journal(tmp_path)
    shutil.rmtree(tmp_path / "contacts")
    (person,) = View(journal, Audience.PUBLIC).people
    assert "zoe.q@example.org" in person.emails
    assert "+44 20 7946 0123" in person.phones
    assert person.birthday is not None and (person.birthday.month, person.birthday.day) == (3, 14)
