"""The hand-made journals the tests share, each by a name that says what it holds and what it is for.

A journal here is a dict of files, as `write_journal` and `write_project` (tests/conftest.py) take
them: a path inside the journal folder ("goals/vision.md") and its text (dedented when written).
Put them together, or make a variant, with `{**BARE, **PUBLIC_CONTACT, "goals/g.md": ...}` (a
later file replaces an earlier one of the same path), and move one into a folder of a bigger site
with `under`. A journal only one test file writes stays in that file: only what several test files
write lives here. (GOOD_GOAL, the text of a goal that keeps every SMART rule, is in conftest.py,
where its users import it from.)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

Journal = Mapping[str, str]
"""Files by their path inside the journal folder. The shared journals are read-only: a test that
changed one would change it for every test after it in the same process."""


def journal(files: dict[str, str]) -> Journal:
    """The files, read-only."""
    return MappingProxyType(files)


HOME = journal({"index.md": "# Home\n"})
"""A home page of the user's own (index.md), as a real journal's site has beside the generated pages."""

VISION_GOAL = journal({"goals/vision.md": "---\ntitle: Land a remote role\nkind: vision\n---\n"})
"""The vision goal `vision` that a SMART goal's `supports: vision` names: with it a goal is
relevant (no SMART-R2), and it has no figures of its own (no counter, no chart, no status row)."""

BARE = journal({**HOME, **VISION_GOAL})
"""The smallest journal: a home page and the vision goal, no finding, a site in both views. A test
adds the files it is about (a goal that supports the vision, a contact, a broken file)."""

PUBLIC_CONTACT = journal({"contacts/pat-public.md": "---\nname: Pat Public\nrole: Developer\npublic: true\n---\n"})
"""Pat Public, a contact who agreed to be named (`public: true`): the public site has a person to
name, so what it must not name beside them is tested against one that it may."""

PRIVATE_PAYLOAD = journal(
    {
        **VISION_GOAL,
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
            sector: fintech
            email: pub-secret@example.com
            knows: [zebulon-quartermaine]
            met: 2026-11-01
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
    }
)
"""Every kind of private detail the public site must never carry (SPEC, the privacy list), each
written as a marker a scan of the built files can find: a private contact (Zebulon Quartermaine:
name, id, e-mail, phone, notes, `want:` as a string, `give:` as a list), a contact who agreed to
be named and knows him (Pat Public: e-mail, notes, `want:` as a list, `give:` as a block list),
a private entry (its text, its interaction's summary) and a public one that names the private
person. The goal `coffees` counts both interactions, so the goal page, its chart and the map show
them (Zebulon as "someone": the only engineering manager in fintech). Serves the privacy promise: a
public build holds none of the markers, in any file, whether the journal is the docs folder
(tests/privacy/test_privacy.py) or a folder of an existing site (tests/site/test_subfolder.py);
an owner build holds them all."""


def under(folder: str, base: Journal) -> dict[str, str]:
    """`base` moved into `folder` of a bigger site (docs/journal/ with journal_dir: journal)."""
    return {f"{folder.strip('/')}/{path}": text for path, text in base.items()}


HUNT = journal(
    {
        **HOME,
        **VISION_GOAL,
        "plan.md": """
            ---
            vision: Land a remote front-end role through people who know my work
            want:
              roles: [engineering manager, developer, recruiter]
              sectors: [fintech]
            dream_companies: [Acme Pay, Globex]
            review: monthly
            ---
            """,
        # Acme Pay (a dream company): an ally, an acquaintance, a known recruiter, and Dan who left
        "contacts/ana-ally.md": """
            ---
            name: Ana Ally
            company: Acme Pay
            role: Engineering Manager
            sector: fintech
            email: ana-secret@example.com
            met: 2026-06-01
            ---
            HUNTNOTEMARKER Ana's notes
            """,
        "contacts/ben-acquaint.md": """
            ---
            name: Ben Acquaint
            company: Acme Pay
            role: Developer
            sector: fintech
            met: 2026-10-05
            ---
            """,
        "contacts/cara-known.md": """
            ---
            name: Cara Known
            company: Acme Pay
            role: Recruiter
            connected: 2026-05-01
            how_met: LinkedIn
            ---
            """,
        # Globex (a dream company): Dan now (formerly at Acme Pay) and a known recruiter
        "contacts/dan-former.md": """
            ---
            name: Dan Former
            company: Globex
            role: Senior Developer
            past_companies:
              - {company: Acme Pay, role: Developer, until: 2026-03-31}
            met: 2026-04-10
            ---
            """,
        "contacts/eve-globex.md": """
            ---
            name: Eve Globex
            company: Globex
            role: Recruiter
            connected: 2026-05-01
            how_met: LinkedIn
            ---
            """,
        # Umbrella: one person, who referred me
        "contacts/gil-umbrella.md": """
            ---
            name: Gil Umbrella
            company: Umbrella
            role: Developer
            met: 2026-11-19
            ---
            """,
        "entries/2026/2026-09-20.md": """
            ---
            interactions:
              - {with: ana-ally, channel: email, direction: inbound, summary: HUNTSUMMARYMARKER Ana asked how the search goes}
            ---
            """,
        "entries/2026/2026-10-05.md": """
            ---
            interactions:
              - {with: ben-acquaint, channel: coffee, direction: mutual, summary: Coffee with Ben}
            ---
            """,
        "entries/2026/2026-10-18.md": """
            ---
            interactions:
              - {with: dan-former, channel: call, direction: mutual, summary: Dan on Globex's front-end team}
            ---
            """,
        "entries/2026/2026-10-20.md": """
            ---
            interactions:
              - {with: ana-ally, channel: call, direction: inbound, summary: Ana offered to refer me}
            ---
            """,
        "entries/2026/2026-11-15.md": """
            ---
            interactions:
              - {with: ana-ally, channel: slack, direction: inbound, summary: Ana shared the interview format}
            ---
            """,
        "entries/2026/2026-11-19.md": """
            ---
            interactions:
              - {with: gil-umbrella, channel: meetup, direction: mutual, summary: Met Gil at the meetup}
            ---
            """,
        # one application in every status; referrals: acme-backend (Ana), globex-frontend (Dan),
        # umbrella-dev (Gil); the others are cold
        "applications/acme-backend.md": """
            ---
            company: Acme Pay
            role: Backend Engineer
            link: https://jobs.example.com/acme/backend
            applied: 2026-11-03
            status: interviewing
            history: {2026-11-01: referred, 2026-11-03: applied, 2026-11-10: screening, 2026-11-17: interviewing}
            via: ana-ally
            contacts: [cara-known]
            next: 2026-11-25
            ---
            HUNTAPPNOTEMARKER second interview is a pairing session
            """,
        "applications/acme-platform.md": """
            ---
            company: Acme Pay
            role: Platform Engineer
            status: interested
            next: 2026-11-28
            ---
            """,
        "applications/acme-data.md": """
            ---
            company: Acme Pay
            role: Data Engineer
            applied: 2026-09-15
            history: {2026-09-15: applied, 2026-10-01: rejected}
            ---
            """,
        "applications/globex-frontend.md": """
            ---
            company: Globex
            role: Front-end Engineer
            applied: 2026-10-22
            history: {2026-10-20: referred, 2026-10-22: applied, 2026-10-29: screening, 2026-11-05: interviewing, 2026-11-19: offer}
            via: dan-former
            contacts: [eve-globex]
            next: 2026-11-26
            ---
            """,
        "applications/initech-web.md": """
            ---
            company: Initech
            role: Web Developer
            applied: 2026-11-18
            status: applied
            ---
            """,
        "applications/initech-old.md": """
            ---
            company: Initech
            role: Junior Web Developer
            applied: 2026-09-20
            status: applied
            ---
            """,
        "applications/hooli-ui.md": """
            ---
            company: Hooli
            role: UI Engineer
            applied: 2026-11-05
            history: {2026-11-05: applied, 2026-11-12: screening}
            next: 2026-11-24
            ---
            """,
        "applications/umbrella-dev.md": """
            ---
            company: Umbrella
            role: Developer
            history: {2026-11-20: referred}
            via: gil-umbrella
            ---
            """,
        "applications/vandelay-js.md": """
            ---
            company: Vandelay
            role: JavaScript Developer
            applied: 2026-10-01
            history: {2026-10-01: applied, 2026-10-15: withdrawn}
            ---
            """,
        "applications/soylent-fe.md": """
            ---
            company: Soylent
            role: Front-end Developer
            applied: 2026-09-01
            history: {2026-09-01: applied, 2026-10-15: ghosted}
            ---
            """,
        "applications/wayne-lead.md": """
            ---
            company: Wayne Tech
            role: Lead Developer
            applied: 2026-08-01
            history: {2026-08-01: applied, 2026-08-20: offer, 2026-08-25: accepted}
            ---
            """,
    }
)
"""A job hunt on 2026-11-23 (the tests' today), for issue 29. Dream companies Acme Pay and Globex.
People: at Acme Pay Ana Ally (an ally: three inbound exchanges, the last on 2026-11-15), Ben
Acquaint (one coffee), Cara Known (imported, never talked to); at Globex Dan Former (formerly a
developer at Acme Pay until 2026-03-31) and Eve Globex (imported); Gil Umbrella at Umbrella (met
2026-11-19). Eleven applications, one in every status and two more: interested (acme-platform,
next 2026-11-28, at a company where an ally works), applied (initech-web on 2026-11-18; initech-old
on 2026-09-20 and silent since), referred (umbrella-dev, by Gil, 2026-11-20), screening (hooli-ui,
next 2026-11-24), interviewing (acme-backend, referred by Ana, next 2026-11-25), offer
(globex-frontend, referred by Dan, next 2026-11-26), accepted (wayne-lead, 2026-08-25), rejected
(acme-data, 2026-10-01), withdrawn (vandelay-js, 2026-10-15), ghosted (soylent-fe, 2026-10-15).
Markers a public build must never carry: HUNTNOTEMARKER, HUNTSUMMARYMARKER, HUNTAPPNOTEMARKER,
every company that only applications name (Initech, Hooli, Vandelay, Soylent, Wayne Tech) and
every role applied for. `trellis check` finds no error in it."""

HUNT_PRIVATE = (
    "HUNTNOTEMARKER",
    "HUNTSUMMARYMARKER",
    "HUNTAPPNOTEMARKER",
    # the companies only applications name
    *("Initech", "Hooli", "Vandelay", "Soylent", "Wayne Tech"),
    # every role applied for that nothing else holds ("Developer" is Ben's and Gil's role too; the
    # example's mkdocs.yml, which many tests build with, says "A front-end developer's ..." in its
    # site_description, so soylent-fe's "Front-end Developer" is left to the tests that can use it)
    *("Backend Engineer", "Platform Engineer", "Data Engineer", "Front-end Engineer", "Web Developer"),
    *("UI Engineer", "JavaScript Developer", "Lead Developer"),
)
"""What of HUNT a public build must carry in no file (its docstring says why each is private):
every test of a public build of HUNT scans for these, and adds what its own part shows."""
