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
