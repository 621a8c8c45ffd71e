"""The network, reach-out and contact pages of a small hand-made journal, in both views."""

from __future__ import annotations

import datetime as dt
import re

from conftest import TODAY, build
from journals import VISION_GOAL
from trellis.pipeline import analyse

# today is 2026-11-23. You talk to Grace; Grace knows Ada, who works at Stripe.
# Linus was quiet for 40 days on a 30-day cadence, Ken for 100 days on the default 90.
FILES = {
    "plan.md": "---\nvision: Land a remote role\ndream_companies: [Stripe, Quillstack]\n"
    "want: {roles: [recruiter, developer]}\npublic_dream_companies: true\n---\n",
    **VISION_GOAL,
    "goals/revive.md": """
        ---
        title: Revive two dormant ties every week
        supports: vision
        measure: {count: interactions, where: {tags: [reconnect]}}
        target: 2
        per: week
        start: 2026-11-02
        due: 2026-12-31
        actions: [Write to one old colleague on Monday]
        ---
        """,
    "contacts/grace-hopper.md": "---\nname: Grace Hopper\nrole: Developer\nsector: devtools\nknows: [ada-lovelace]\n"
    "public: true\n---\n",
    "contacts/ada-lovelace.md": "---\nname: Ada Lovelace\nrole: Recruiter\nsector: fintech\ncompany: Stripe\n---\n",
    "contacts/linus-t.md": "---\nname: Linus T\nrole: Developer\nsector: devtools\nkeep_in_touch: 30d\n"
    "tags: [reconnect]\n---\n",
    "contacts/ken-t.md": "---\nname: Ken T\nrole: Designer\nsector: edtech\ntags: [reconnect]\n---\n",
    "entries/2026-08-15.md": "---\ninteractions:\n  - {with: ken-t, channel: call, direction: outbound}\n---\n",
    "entries/2026-10-14.md": "---\ninteractions:\n  - {with: linus-t, channel: call, direction: outbound}\n---\n",
    "entries/2026-11-20.md": "---\ninteractions:\n  - {with: grace-hopper, channel: coffee, direction: mutual,"
    " summary: Asked about Stripe}\n---\n",
}


def test_owner_pages_show_warm_paths_priorities_and_suggestions(write_journal):
    project = write_journal(FILES)
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-2000:]
    site = project / "site-owner"
    network = (site / "network" / "index.html").read_text()
    assert "Grace Hopper can introduce you to Ada Lovelace at Stripe" in network
    # the company links to its page in the owner view (issue 29)
    assert re.search(
        r'<td[^>]*><a href="../companies/quillstack/">Quillstack</a></td><td[^>]*>0</td><td[^>]*>nobody there', network
    )
    # Linus: 40 days since, 30-day cadence: 10 days overdue, 0.33 periods; Ken: 100 on 90: 0.11
    reach = (site / "reach-out" / "index.html").read_text()
    dormant = reach.split('id="dormant"')[1]
    assert dormant.index("Linus T") < dormant.index("Ken T")
    assert re.search(r"<td[^>]*>10 days</td>", dormant) and re.search(r"<td[^>]*>2026-10-14</td>", dormant)
    this_week = reach.split('id="this-week"')[1].split('id="follow-ups"')[0]
    assert "<strong>2 more</strong>" in this_week and "Revive two dormant ties every week" in this_week
    assert this_week.index("Linus T") < this_week.index("Ken T")  # most overdue first
    contact = (site / "contacts" / "linus-t" / "index.html").read_text()
    assert "dormant" in contact and "10 days past the 30-day keep-in-touch" in contact


def test_public_network_page_names_only_who_agreed(write_journal):
    project = write_journal(FILES)
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-2000:]
    network = (project / "site-public" / "network" / "index.html").read_text()
    # Ada is Stripe's one person in the journal, unnamed: "someone at Stripe" would pick her out (issue 25)
    assert re.search(r"<td[^>]*>Stripe</td><td[^>]*>0</td><td[^>]*>no one to show yet</td>", network)
    for private in ("Ada Lovelace", "ada-lovelace", "Linus", "linus-t", "Ken T", "Asked about Stripe"):
        assert private not in network
    assert not (project / "site-public" / "reach-out").exists()


def test_owner_sees_what_each_suggested_relationship_is_for(write_journal):
    files = {
        **FILES,
        "contacts/linus-t.md": "---\nname: Linus T\nrole: Developer\nsector: devtools\nkeep_in_touch: 30d\n"
        'tags: [reconnect]\nwant: [advice on kernel hiring, "<b>a referral</b>"]\n'
        "give: Feedback on his talk\n---\n",
        "contacts/ken-t.md": "---\nname: Ken T\nrole: Designer\nsector: edtech\ntags: [reconnect]\n"
        "give: [a design review swap]\n---\n",
    }
    project = write_journal(files)
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-2000:]
    site = project / "site-owner"
    this_week = (site / "reach-out" / "index.html").read_text().split('id="this-week"')[1].split('id="follow-ups"')[0]
    linus = this_week.split("Linus T")[1].split("</li>")[0]
    assert "you hope for</strong> advice on kernel hiring; &lt;b&gt;a referral&lt;/b&gt;" in linus
    assert "you can offer</strong> Feedback on his talk" in linus
    ken = this_week.split("Ken T")[1].split("</li>")[0]
    assert "you can offer</strong> a design review swap" in ken and "you hope for" not in ken
    page = (site / "contacts" / "linus-t" / "index.html").read_text()
    assert "<dt>You hope for</dt>" in page and "advice on kernel hiring; &lt;b&gt;a referral&lt;/b&gt;" in page
    assert "<dt>You can offer</dt>" in page and "<b>a referral</b>" not in page
    # nothing of it in public, where Grace (named) has her page and the others are unnamed
    assert build(project, "public").returncode == 0
    for path in (project / "site-public").rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            assert "kernel hiring" not in text and "design review swap" not in text, path


# "Last contact" is the latest interaction on or before today, else `met:`: one figure on every page.
LAST_CONTACT = {
    # met 2026-06-01, nothing logged: from 06-01 to 11-23 is 29 + 31 + 31 + 30 + 31 + 23 = 175 days,
    # 175 - 90 = 85 days past the default keep-in-touch
    "contacts/kim-q.md": "---\nname: Kim Q\nmet: 2026-06-01\n---\n",
    # met 2026-11-01; a call planned for 12-01 (after today) does not count yet
    "contacts/lee-q.md": "---\nname: Lee Q\nmet: 2026-11-01\n---\n",
    "entries/2026-12-01.md": "---\ninteractions:\n  - {with: lee-q, channel: call, direction: outbound}\n---\n",
    # no `met:` and nothing logged: there is no last contact
    "contacts/mo-q.md": "---\nname: Mo Q\n---\n",
}


def last_contact_line(page: str) -> str:
    return page.split("<dt>Last contact</dt>")[1].split("</dd>")[0]


def test_last_contact_is_met_when_nothing_is_logged_on_every_page(write_journal):
    project = write_journal(LAST_CONTACT)
    figures = analyse(project / "journal", today=TODAY).figures
    assert {cid: figures.last_contact(cid) for cid in ("kim-q", "lee-q", "mo-q")} == {
        "kim-q": dt.date(2026, 6, 1),
        "lee-q": dt.date(2026, 11, 1),
        "mo-q": None,
    }
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-2000:]
    site = project / "site-owner"
    kim = last_contact_line((site / "contacts" / "kim-q" / "index.html").read_text())
    # the page said "none logged" beside "dormant ... 85 days", which it counted from 06-01
    assert "2026-06-01" in kim and "none logged" not in kim
    assert "dormant" in kim and "85 days past the 90-day keep-in-touch" in kim
    lee = last_contact_line((site / "contacts" / "lee-q" / "index.html").read_text())
    assert "2026-11-01" in lee and "2026-12-01" not in lee and "dormant" not in lee
    assert "none logged" in last_contact_line((site / "contacts" / "mo-q" / "index.html").read_text())
    # the reach-out page lists Kim as dormant, last in touch on the same day
    dormant = (site / "reach-out" / "index.html").read_text().split('id="dormant"')[1]
    assert re.search(r"Kim Q.*?<td[^>]*>2026-06-01</td><td[^>]*>90 days</td><td[^>]*>85 days</td>", dormant, re.S)
