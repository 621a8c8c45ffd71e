"""Applications are the owner's only (SPEC: "Applications, company pages and every figure drawn
from them are owner only"; issue 29): a public build of a journal with applications carries
nothing of them in any file (company, role, link, notes, file name), and the privacy guard
reads an application's notes as private passages, so a page quoting them stops the build."""

from __future__ import annotations

import pytest
from conftest import build, site_text
from trellis.loading import load_journal
from trellis.privacy.repository import repository_exposure

# markers found nowhere else in the journal: one company, one role, one posting, the notes
COMPANY = "Zyxwvut Holdings"
ROLE = "Quaternion Wrangler"
LINK = "https://jobs.example.com/qzxposting-7781"
NOTES = "The hiring manager collects periwinkle llamas and answers on Thursdays only."
APPLICATION = f"""
    ---
    company: {COMPANY}
    role: {ROLE}
    link: {LINK}
    applied: 2026-11-04
    status: interviewing
    history: {{2026-11-02: referred, 2026-11-04: applied, 2026-11-12: screening}}
    via: ada-lovelace
    contacts: [grace-hopper]
    next: 2026-11-30
    ---
    {NOTES}
    """
JOURNAL = {
    "index.md": "# Home\n\nMy job hunt, in public.\n",
    "plan.md": "---\nvision: Land a remote front-end role\ndream_companies: [Stripe]\n---\n",
    "contacts/ada-lovelace.md": "---\nname: Ada Lovelace\ncompany: Stripe\nrole: Developer\nmet: 2026-03-01\n---\n",
    "contacts/grace-hopper.md": "---\nname: Grace Hopper\ncompany: Stripe\nrole: Recruiter\nmet: 2026-03-01\n---\n",
    "entries/2026-11-20.md": "---\npublic: true\ninteractions:\n  - {with: ada-lovelace, channel: call, "
    "direction: mutual}\n---\nA good week.\n",
    "applications/zyxwvut-quaternion.md": APPLICATION,
    "applications/2026/zyxwvut-second.md": APPLICATION.replace("interviewing", "offer").replace(
        NOTES, "Second round: a take-home exercise about quaternion interpolation in the browser."
    ),
}


@pytest.mark.build
def test_a_public_build_carries_nothing_of_an_application(write_journal):
    project = write_journal(JOURNAL)
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    text = site_text(project / "site-public").casefold()
    for marker in (COMPANY, ROLE, LINK, "qzxposting", "periwinkle llamas", "zyxwvut", "quaternion"):
        assert marker.casefold() not in text, marker
    # the owner view reads them (its checks page counts them): the scan is not blind
    owner = build(project, "owner")
    assert owner.returncode == 0, owner.stderr[-3000:]
    # plan, two contacts, an entry and the two applications; CONTACT-8 on grace-hopper
    assert "1 warning in 6 records" in site_text(project / "site-owner")


@pytest.mark.build
def test_a_page_quoting_an_applications_notes_stops_the_public_build(write_journal):
    quoted = JOURNAL | {"about.md": "# About\n\nI heard the hiring manager collects periwinkle llamas and answers.\n"}
    run = build(write_journal(quoted), "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "Trellis stopped the public build" in run.stderr
    assert "the notes of the job application journal/applications/zyxwvut-quaternion.md, in: " in run.stderr
    assert "A job application is never published" in run.stderr
    assert "Or set public: true" not in run.stderr, run.stderr[-3000:]  # an application can't be made public


@pytest.mark.build
def test_a_public_entry_quoting_an_applications_notes_stops_the_public_build(write_journal):
    """A public entry is what the user chose to publish, but an application's notes are never the
    portfolio's (like a contact's want and give): the salary band a hiring manager told you, pasted
    into a public entry, stops the build (found by the attack round of issue 29)."""
    quoted = JOURNAL | {
        "entries/2026-11-22.md": "---\npublic: true\n---\nGood news: the hiring manager collects "
        "periwinkle llamas and answers on Thursdays only!\n"
    }
    run = build(write_journal(quoted), "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "the notes of the job application journal/applications/zyxwvut-quaternion.md, in: " in run.stderr


def test_an_application_in_the_repository_is_private_exposure(write_journal):
    journal = load_journal(write_journal(JOURNAL) / "journal")
    files = repository_exposure(journal).files
    assert files["journal/applications/zyxwvut-quaternion.md"] == ["a job application"]
    assert files["journal/applications/2026/zyxwvut-second.md"] == ["a job application"]
