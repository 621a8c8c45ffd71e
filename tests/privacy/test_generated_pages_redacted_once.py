"""Trellis' own pages are redacted where their values are printed, not again as whole pages (issue 31).

A public build no longer folds and matches the rendered HTML of a page Trellis makes: every value
its template prints goes through the View (`View.redact_value`), the user's markdown in it (goal
notes, public entries, the plan) is redacted as HTML once rendered, and the theme's frame around
the body is redacted with the body cut out. These tests write a private person's name, in several
forms, into every field a public generated page prints, and read every output file of the public
build: the person is replaced by their label wherever a reader would have seen the name, and
nothing of them is left (the guard, which reads every file, would stop the build otherwise).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import EPOCH, build, serve_rebuilds, site_text
from journals import BARE

NAME = "Zebulon Quartermaine"
# Zebulon's label in public: their role and sector, which three unnamed people hold (one or two
# would be too few to show: the label would be "someone")
LABEL = "an engineering manager in fintech"
PEER = "---\nname: NAME\nrole: Engineering Manager\nsector: fintech\n---\n"

FIELDS = {
    **BARE,
    "plan.md": f"""
        ---
        vision: Work beside {NAME} on payments
        want:
          skills: [mentoring like {NAME}]
          sectors: [fintech]
        dream_companies: [{NAME} Consulting]
        public_dream_companies: true
        ---
        The plan: ask {NAME} for a referral.
        """,
    "contacts/zebulon-quartermaine.md": """
        ---
        name: Zebulon Quartermaine
        role: Engineering Manager
        sector: fintech
        company: Northwind Pay
        met: 2026-11-01
        ---
        """,
    "contacts/olga-peer.md": PEER.replace("NAME", "Olga Peer"),
    "contacts/otto-peer.md": PEER.replace("NAME", "Otto Peer"),
    # everything a public contact's page, the contacts index and the network page print of them
    "contacts/pat-public.md": f"""
        ---
        name: Pat Public
        public: true
        role: Deputy to {NAME}
        company: Quartermaine Zebulon Labs
        sector: fintech
        location: {NAME}'s office, Berlin
        skills: [pairing with {NAME}]
        tags: [zebulon-quartermaine, mentor]
        met: 2026-11-02
        how_met: Intro from {NAME}
        knows: [zebulon-quartermaine]
        links: {{website: "https://example.com/pat"}}
        past_companies:
          - company: {NAME} Consulting
            role: Assistant to Zebulon
            until: 2025-06-30
        ---
        """,
    # a goal with the name in its title, why, unit, actions, filter and notes
    "goals/coffees.md": f"""
        ---
        title: Two coffees with people like {NAME}
        supports: vision
        why: Because {NAME} knows everyone in payments
        measure: {{count: interactions, where: {{tags: [zebulon-quartermaine]}}}}
        target: 2
        unit: chats with {NAME}
        start: 2026-11-01
        due: 2026-12-31
        actions: [Ask {NAME} for an introduction, Write to Zebulon]
        ---
        ## Notes on {NAME}

        {NAME} said to bring questions.
        """,
    # a public entry: its interaction (channel and direction are free text), events and text
    "entries/2026/2026-11-20.md": f"""
        ---
        public: true
        interactions:
          - with: [pat-public, zebulon-quartermaine]
            channel: coffee with {NAME}
            direction: mutual
        events: [{NAME}'s meetup]
        ---
        ## Lunch with {NAME}

        Met Zebulon and Pat; {NAME} paid.
        """,
}


def _forms_of_the_name(site: Path) -> list[str]:
    text = site_text(site)
    return [form for form in (NAME, "Quartermaine", "Zebulon", "zebulon-quartermaine") if form in text]


def test_a_private_name_in_every_field_of_a_generated_page_is_replaced_by_the_label(write_journal):
    project = write_journal(FIELDS)
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    assert _forms_of_the_name(site) == []
    contact = (site / "contacts" / "pat-public" / "index.html").read_text()
    # role, location, skills, tags, how met, knows, the past employer's role and company
    for shown in (
        f"Deputy to {LABEL}",
        f"{LABEL}'s office, Berlin",
        f"pairing with {LABEL}",
        f"Intro from {LABEL}",
        f"{LABEL} Consulting",
        f"Assistant to {LABEL}",
    ):
        assert shown.replace("'", "&#39;") in contact, shown
    goal = (site / "goals" / "coffees" / "index.html").read_text()
    for shown in (
        f"Two coffees with people like {LABEL}",  # the title, in the page and its frame
        f"Because {LABEL} knows everyone in payments",  # why
        f"chats with {LABEL}",  # the unit, printed and in the chart
        f"Ask {LABEL} for an introduction",  # an action
        f"{LABEL} said to bring questions",  # the notes (markdown)
    ):
        assert shown in goal, shown
    month = (site / "journal" / "2026-11" / "index.html").read_text()
    for shown in (f"coffee with {LABEL}", f"{LABEL}&#39;s meetup", f"Lunch with {LABEL}", f"{LABEL} paid"):
        assert shown in month, shown
    plan = (site / "plan" / "index.html").read_text()
    for shown in (f"Work beside {LABEL} on payments", f"mentoring like {LABEL}", f"ask {LABEL} for a referral"):
        assert shown in plan, shown


def test_a_public_contact_s_link_naming_someone_stops_the_build_as_before(write_journal):
    """A link's address is never rewritten (a broken link would hide the problem): as when the
    whole page was redacted, a private id in it stops the build, naming the page."""
    pat = FIELDS["contacts/pat-public.md"].replace(
        "https://example.com/pat", "https://example.com/zebulon-quartermaine"
    )
    project = write_journal({**FIELDS, "contacts/pat-public.md": pat})
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "contacts/pat-public.md names a person who did not agree" in run.stderr
    assert "'zebulon-quartermaine'" in run.stderr


def test_a_name_in_text_that_reads_like_a_path_is_replaced_as_before_not_a_stop(write_journal):
    """Only a link's target is an address: a tag `#Zebulon`, a skill `Zebulon/payments`, `w/Zebulon`,
    `Re:Zebulon` and a web address written as text are words of text in a page, and were replaced
    when the whole page was redacted. Read as addresses (a path, a fragment, a scheme), they stopped
    a journal that built before. Zebulon alone is his first name (capitalised, not a common word):
    replaced by his label."""
    pat = (
        FIELDS["contacts/pat-public.md"]
        .replace("tags: [zebulon-quartermaine, mentor]", 'tags: ["#Zebulon"]')
        .replace(f"skills: [pairing with {NAME}]", "skills: [Zebulon/payments]")
        .replace(f"how_met: Intro from {NAME}", "how_met: w/Zebulon")
        .replace("role: Assistant to Zebulon", "role: https://example.com/zebulon-quartermaine")
    )
    entry = FIELDS["entries/2026/2026-11-20.md"].replace(f"events: [{NAME}'s meetup]", "events: [Re:Zebulon]")
    project = write_journal({**FIELDS, "contacts/pat-public.md": pat, "entries/2026/2026-11-20.md": entry})
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    assert _forms_of_the_name(site) == []
    contact = (site / "contacts" / "pat-public" / "index.html").read_text()
    for shown in (f"#{LABEL}", f"{LABEL}/payments", f"w/{LABEL}", f"https://example.com/{LABEL} at"):
        assert shown in contact, shown
    assert f"Re:{LABEL}" in (site / "journal" / "2026-11" / "index.html").read_text()


def test_a_link_trellis_makes_that_names_someone_stops_the_build(write_journal):
    """A goal's page address is made of its file's name: a goal file named after a private person
    puts his id in every link to the goal, which is never rewritten (a broken link), so the build
    stops, as when the whole page was redacted."""
    files = dict(FIELDS)
    files["goals/zebulon-quartermaine-coffees.md"] = files.pop("goals/coffees.md")
    project = write_journal(files)
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "'zebulon-quartermaine'" in run.stderr


def _public_build_in_process(project: Path, site: Path, monkeypatch) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    monkeypatch.setenv("TRELLIS_AUDIENCE", "public")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)


def test_a_public_build_matches_each_distinct_text_once_while_it_makes_the_pages(write_journal, tmp_path, monkeypatch):
    """What the matcher reads while the pages are made (bodies and frames, before the guard): each
    distinct text once per build. Before, every generated body was read again as HTML, and every
    page's frame (the same nav and footer on each page) and every label (the same person on every
    page that names them) were folded and matched again on each page."""
    from trellis.plugin import hooks, public
    from trellis.privacy.matching import Matcher

    read: Counter = Counter()
    making = []
    find = Matcher.find

    def counting(self, text, *, mode="text"):
        if making:
            read[(mode, text)] += 1
        return find(self, text, mode=mode)

    def while_making(owner, name):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            making.append(name)
            try:
                return original(*args, **kwargs)
            finally:
                making.pop()

        monkeypatch.setattr(owner, name, wrapper)

    monkeypatch.setattr(Matcher, "find", counting)
    while_making(hooks.TrellisPlugin, "on_page_content")  # the bodies
    while_making(public, "redacted_frame")  # the frames (on_post_page, on_post_template)
    project = write_journal(FIELDS)
    _public_build_in_process(project, tmp_path / "site", monkeypatch)
    assert (tmp_path / "site" / "goals" / "coffees" / "index.html").is_file()
    assert len(read) > 50  # the pages were made, and read
    assert any("Skip to content" in text for _, text in read)  # the frames too
    again = {text[:60]: n for (_, text), n in read.items() if n > 1}
    assert again == {}


def test_what_was_redacted_is_worked_out_again_at_each_serve_rebuild(write_journal, tmp_path, monkeypatch):
    """The texts matched once per build are forgotten with the build: under `mkdocs serve` (here in
    the public view), a person who agrees to be named between two rebuilds is named after the second,
    and the labels of a page the first rebuild made are not kept."""
    monkeypatch.setenv("TRELLIS_AUDIENCE", "public")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = write_journal(FIELDS)
    site = tmp_path / "served"
    rebuild = serve_rebuilds(project, site)
    rebuild()
    page = site / "contacts" / "pat-public" / "index.html"
    assert f"Deputy to {LABEL}" in page.read_text() and NAME not in page.read_text()
    contact = project / "journal" / "contacts" / "zebulon-quartermaine.md"
    contact.write_text(contact.read_text().replace("met: 2026-11-01", "met: 2026-11-01\npublic: true"))
    rebuild()
    assert f"Deputy to {NAME}" in page.read_text() and LABEL not in page.read_text()
