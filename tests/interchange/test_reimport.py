"""Re-importing a newer export: who moved is reported, written only with --apply-changes, the
old company and role kept in `past_companies`, nothing reported twice (issue 28).

Today is 2026-11-23 (conftest); the first export is the real-shaped LinkedIn file of
tests/fixtures, the newer one the same file with Ada and John moved."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, build, site_text, trellis
from trellis import cli
from trellis.interchange.merge import import_people
from trellis.interchange.people import Person
from trellis.interchange.vcard import read_vcard
from trellis.loading import load_journal
from trellis.metrics.review import monthly_reviews
from trellis.model import PastCompany
from trellis.pipeline import analyse

FIXTURES = Path(__file__).parents[1] / "fixtures"
FIRST = FIXTURES / "linkedin-connections-2026.csv"

ADA = """---
name: Ada Lovelace  # met her at JSConf
# her work, as LinkedIn says
company: Analytical Engines  # since 2020
role: Engineering Manager
links:
  linkedin: https://www.linkedin.com/in/ada-lovelace
email: ada@old.example
public: false
---
Likes long walks. Do not lose this note.
"""

FILES = {
    "index.md": "# Home\n",
    "plan.md": "---\nvision: Land a role\ndream_companies: [Difference Engines, 'Acme, Inc.']\n---\n",
    "contacts/ada-lovelace.md": ADA,
    # someone who agreed to be named, with a past employer written by hand
    "contacts/mary-somerville.md": "---\nname: Mary Somerville\ncompany: Royal Society\nrole: Fellow\n"
    "public: true\npast_companies:\n  - company: Quarterly Review Press\n    role: Editor\n"
    "    until: 2025-06-30\n---\n",
    # someone who did not: their past employer stays in the owner view
    "contacts/charles-babbage.md": "---\nname: Charles Babbage\ncompany: Cambridge\nrole: Professor\n"
    "past_companies: [{company: Zephyr Looms Ltd, role: Designer, until: 2026-11-03}]\n---\n",
    "entries/2026-11-02.md": "---\ninteractions:\n  - with: ada-lovelace\n    channel: coffee\n"
    "    direction: outbound\n    summary: talked shop\n---\n",
}


def newer_export(folder: Path) -> Path:
    """The fixture as LinkedIn would export it later: Ada and John moved (company, position and
    e-mail changed), everyone else as before; the same bytes otherwise (BOM, preamble, CRLF)."""
    text = FIRST.read_bytes().decode("utf-8")
    text = text.replace(
        "ada-lovelace,,Analytical Engines,Engineering Manager", "ada-lovelace,ada@new.example,Difference Engines,CTO"
    )
    text = text.replace(
        "ada-lovelace/,,Analytical Engines,Engineering Manager", "ada-lovelace/,,Difference Engines,CTO"
    )
    text = text.replace('john@example.com,"Acme, Inc.",Data Scientist', "john@new.example,Babbage Ltd,Chief Scientist")
    path = folder / "Connections-newer.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def summary(out: str) -> dict[str, int]:
    line = next(line for line in out.splitlines() if line.startswith("trellis import"))
    counts = {k: int(v) for k, v in re.findall(r"(read|added|merged|changed|unchanged|skipped) (\d+)", line)}
    total = counts["added"] + counts["merged"] + counts.get("changed", 0) + counts["unchanged"] + counts["skipped"]
    assert total == counts["read"], line  # every row accounted for
    return counts


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def imported(journal: Path, export: Path, capsys, *flags: str) -> str:
    assert cli.main(["import", "linkedin", str(export), "--path", str(journal), *flags]) == 0
    return capsys.readouterr().out


def reimported(journal: Path, tmp_path: Path, capsys) -> Path:
    """The journal after the first export, then the newer one applied."""
    imported(journal, FIRST, capsys)
    imported(journal, newer_export(tmp_path), capsys, "--apply-changes")
    return journal


ADA_AFTER = """---
name: Ada Lovelace  # met her at JSConf
# her work, as LinkedIn says
company: Difference Engines  # since 2020
role: CTO
links:
  linkedin: https://www.linkedin.com/in/ada-lovelace
email: [ada@new.example, ada@old.example]
public: false
connected: 2026-02-07
how_met: LinkedIn
past_companies:
  - company: Analytical Engines
    role: Engineering Manager
    until: 2026-11-23
---
Likes long walks. Do not lose this note.
"""


def test_moves_are_reported_applied_only_when_asked_and_a_second_run_changes_nothing(tmp_path, capsys, pinned_today):
    journal = write(tmp_path / "journal", FILES)
    first = imported(journal, FIRST, capsys)
    assert "changed" not in summary(first)  # the export agrees with the journal: nothing to report
    export = newer_export(tmp_path)
    before = snapshot(journal)

    out = imported(journal, export, capsys)  # no flag: reported, nothing written
    assert (
        "ada-lovelace: company Analytical Engines -> Difference Engines; role Engineering Manager -> CTO; "
        "e-mail ada@old.example -> ada@new.example, old kept (not applied; line 5)"
    ) in out
    assert (
        "john-doe-phd: company Acme, Inc. -> Babbage Ltd; role Data Scientist -> Chief Scientist; "
        "e-mail john@example.com -> john@new.example, old kept (not applied; line 6)"
    ) in out
    assert "changed 2 (not applied: --apply-changes applies them)" in out
    assert summary(out) == {"read": 7, "added": 0, "merged": 0, "changed": 2, "unchanged": 4, "skipped": 1}
    assert snapshot(journal) == before
    assert load_journal(journal).contacts["ada-lovelace"].company == "Analytical Engines"

    out = imported(journal, export, capsys, "--apply-changes")
    assert "ada-lovelace: company Analytical Engines -> Difference Engines;" in out and "(applied; line 5)" in out
    assert "changed 2 (applied)" in out
    # the user's comments, key order and notes kept; the old company and role in past_companies
    assert (journal / "contacts" / "ada-lovelace.md").read_text(encoding="utf-8") == ADA_AFTER
    contacts = load_journal(journal).contacts
    ada, john = contacts["ada-lovelace"], contacts["john-doe-phd"]
    assert (ada.company, ada.role, ada.emails) == ("Difference Engines", "CTO", ["ada@new.example", "ada@old.example"])
    assert ada.past_companies == [PastCompany("Analytical Engines", "Engineering Manager", TODAY)]
    assert (john.company, john.role, john.emails) == (
        "Babbage Ltd",
        "Chief Scientist",
        ["john@new.example", "john@example.com"],
    )
    assert john.past_companies == [PastCompany("Acme, Inc.", "Data Scientist", TODAY)]
    assert cli.main(["check", str(journal)]) == 0
    assert "no problems" in capsys.readouterr().out

    applied = snapshot(journal)
    again = imported(journal, export, capsys, "--apply-changes")  # idempotent: nothing to report or write
    assert not re.search(r"\bchanged\b", again) and again.strip().endswith("nothing to change")
    assert summary(again) == {"read": 7, "added": 0, "merged": 0, "unchanged": 6, "skipped": 1}
    assert snapshot(journal) == applied


def test_a_dry_run_with_the_flag_says_what_it_would_apply_and_writes_nothing(tmp_path, capsys, pinned_today):
    journal = write(tmp_path / "journal", FILES)
    imported(journal, FIRST, capsys)
    before = snapshot(journal)
    out = imported(journal, newer_export(tmp_path), capsys, "--apply-changes", "--dry-run")
    assert "(would apply; line 5)" in out and "changed 2 (would apply)" in out
    assert snapshot(journal) == before


def test_the_review_of_the_month_lists_the_moves_with_the_dream_company_marks(tmp_path, capsys, pinned_today):
    journal = reimported(write(tmp_path / "journal", FILES), tmp_path, capsys)
    reviews = {r.key: r for r in monthly_reviews(analyse(journal, today=TODAY).figures)}
    moves = [
        (m.contact_id, m.day, m.from_company, m.to_company, m.into_dream, m.out_of_dream)
        for m in reviews["2026-11"].moves
    ]
    assert moves == [
        ("charles-babbage", dt.date(2026, 11, 3), "Zephyr Looms Ltd", "Cambridge", False, False),
        ("ada-lovelace", TODAY, "Analytical Engines", "Difference Engines", True, False),  # into a dream company
        ("john-doe-phd", TODAY, "Acme, Inc.", "Babbage Ltd", False, True),  # out of one
    ]


def test_a_new_phone_and_website_from_a_vcard_are_added_and_the_old_ones_kept(tmp_path):
    journal = write(
        tmp_path / "journal",
        {
            "contacts/grace.md": "---\nname: Grace Hopper\nemail: grace@navy.example\nphone: '+1 555 0100'  # desk\n"
            "links:\n  website: https://grace.example.org\n---\n"
        },
    )
    card = tmp_path / "grace.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@navy.example\r\nTEL:+1 (555) 0100\r\n"
        "TEL:+1 555 0199\r\nURL:https://hopper.example.com/\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    people, _ = read_vcard(card)
    report = import_people(journal, people, apply_changes=True, today=TODAY)
    [(cid, _, changes, applied, _)] = report.changed
    assert (cid, applied) == ("grace", True)
    assert [str(c) for c in changes] == [
        "phone +1 555 0100 -> +1 555 0199, old kept",  # the same number written otherwise is no change
        "links.website https://grace.example.org -> https://hopper.example.com/, old kept",
    ]
    grace = load_journal(journal).contacts["grace"]
    assert grace.phones == ["+1 (555) 0100", "+1 555 0199"]  # the card's own, in its order: the old number first
    assert grace.links == {"website": "https://hopper.example.com/", "website-old": "https://grace.example.org"}
    assert grace.past_companies == []  # no company or role changed
    assert "# desk" in (journal / "contacts" / "grace.md").read_text(encoding="utf-8")
    assert import_people(journal, people, apply_changes=True, today=TODAY).changed == []


def test_a_contact_file_that_changes_during_the_import_is_left_alone(tmp_path, monkeypatch, capsys, pinned_today):
    journal = write(tmp_path / "journal", FILES)
    imported(journal, FIRST, capsys)
    ada = journal / "contacts" / "ada-lovelace.md"
    from trellis.interchange import changes

    real_apply = changes.apply

    def apply_while_the_user_saves(text, *args):
        if "Ada Lovelace" in text:
            ada.write_text(text + "One more line the user just saved.\n", encoding="utf-8")
        return real_apply(text, *args)

    monkeypatch.setattr(changes, "apply", apply_while_the_user_saves)
    out = imported(journal, newer_export(tmp_path), capsys, "--apply-changes")
    assert "contacts/ada-lovelace.md changed while the import ran: skipped" in out
    assert ada.read_text(encoding="utf-8").endswith("One more line the user just saved.\n")
    assert "Analytical Engines  # since 2020" in ada.read_text(encoding="utf-8")


def test_a_bad_past_companies_is_a_finding_with_its_line_and_a_fix(tmp_path):
    write(
        tmp_path / "journal",
        {
            "contacts/a.md": "---\nname: A\npast_companies: Acme\n---\n",
            "contacts/b.md": "---\nname: B\npast_companies:\n  - company: Acme\n    until: 2026-01-01\n"
            "  - company: Initech\n    when: last year\n  - until: not a date\n---\n",
        },
    )
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    run = trellis("check", cwd=tmp_path)
    assert run.returncode == 1
    out = run.stdout
    assert "journal/contacts/a.md:3: error CONTACT-10: past_companies should be a list, not text" in out
    assert "write a list of mappings, e.g. past_companies: [{company: Acme, role: Engineer, until: 2026-05-31}]" in out
    assert "journal/contacts/b.md:7: error CONTACT-10: past_companies[2] has an unknown key 'when'" in out
    assert "journal/contacts/b.md:8: error CONTACT-10: past_companies[3] names neither a company nor a role" in out
    assert load_journal(tmp_path / "journal").contacts["b"].past_companies == [
        PastCompany("Acme", "", dt.date(2026, 1, 1))
    ]


def _text(page: str) -> str:
    body = page[page.index('<div class="trellis') :]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.build
def test_the_sites_after_a_reimport(tmp_path, capsys, pinned_today):
    project = tmp_path / "project"
    reimported(write(project / "journal", FILES), tmp_path, capsys)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for audience in ("owner", "public"):
        run = build(project, audience)
        assert run.returncode == 0, run.stderr[-3000:]
    owner, public = project / "site-owner", project / "site-public"

    nov = _text((owner / "review" / "2026-11" / "index.html").read_text(encoding="utf-8"))
    assert (
        "2026-11-23 Ada Lovelace moved: Engineering Manager at Analytical Engines → CTO at Difference Engines "
        "into a dream company"
    ) in nov
    assert (
        "2026-11-23 John Doe, PhD moved: Data Scientist at Acme, Inc. → Chief Scientist at Babbage Ltd "
        "out of a dream company"
    ) in nov
    ada = _text((owner / "contacts" / "ada-lovelace" / "index.html").read_text(encoding="utf-8"))
    assert "Before Engineering Manager at Analytical Engines until 2026-11-23" in ada

    # in public: a past employer is like the company, shown for the person who agreed...
    mary = _text((public / "contacts" / "mary-somerville" / "index.html").read_text(encoding="utf-8"))
    assert "Before Editor at Quarterly Review Press until 2025-06-30" in mary
    # ...and in no file at all for those who did not
    everything = site_text(public)
    for private in ("Analytical Engines", "Zephyr Looms", "Acme, Inc.", "Engineering Manager at"):
        assert private not in everything, private


LINKEDIN = "https://www.linkedin.com/in/a"


@pytest.mark.parametrize(
    ("before", "person", "after"),
    [
        (  # a BOM, CRLF lines and an e-mail block list: all kept as written
            "\ufeff---\r\nname: A\r\ncompany: Old Co\r\nrole: Dev\r\nemail:\r\n  - a@old.example\r\n"
            f"links:\r\n  linkedin: {LINKEDIN}\r\n---\r\nbody\r\n",
            dict(company="New Co", role="Lead", emails=["a@new.example"], links={"linkedin": LINKEDIN}),
            "\ufeff---\r\nname: A\r\ncompany: New Co\r\nrole: Lead\r\nemail:\r\n  - a@new.example\r\n"
            f"  - a@old.example\r\nlinks:\r\n  linkedin: {LINKEDIN}\r\npast_companies:\r\n  - company: Old Co\r\n"
            "    role: Dev\r\n    until: 2026-11-23\r\n---\r\nbody\r\n",
        ),
        (  # a flow list of past companies gets the new item in the same style, its comment kept
            "---\nname: A\ncompany: Old Co\nrole: Dev\npast_companies: [{role: Intern, company: Older}]  # mine\n---\n",
            dict(company="New Co", role="Lead"),
            "---\nname: A\ncompany: New Co\nrole: Lead\npast_companies: [{role: Intern, company: Older}, "
            "{company: Old Co, role: Dev, until: 2026-11-23}]  # mine\n---\n",
        ),
        (  # a flow mapping of links keeps its order; the old address under website-old
            "---\nname: A\nlinks: {website: 'https://a.example', x: 'https://x.example'}\n---\n",
            dict(links={"website": "https://b.example"}),
            "---\nname: A\nlinks: {website: https://b.example, website-old: https://a.example, x: https://x.example}\n---\n",
        ),
    ],
)
def test_the_edit_keeps_the_files_own_form(tmp_path, before, person, after):
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True)
    (journal / "contacts" / "a.md").write_bytes(before.encode("utf-8"))
    report = import_people(journal, [Person(1, name="A", **person)], apply_changes=True, today=TODAY)
    assert [(cid, applied) for cid, _, _, applied, _ in report.changed] == [("a", True)], report.problems
    assert (journal / "contacts" / "a.md").read_bytes().decode("utf-8") == after


def test_a_file_the_edit_cannot_be_sure_of_is_named_and_left_alone(tmp_path, capsys, pinned_today):
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True)
    text = f"---\n{{name: Ada Lovelace, company: Analytical Engines, links: {{linkedin: '{LINKEDIN}'}}}}\n---\n"
    (journal / "contacts" / "ada.md").write_text(text, encoding="utf-8")
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Ada,Lovelace,{LINKEDIN},,Difference Engines,,07 Feb 2026\n",
        encoding="utf-8",
    )
    out = imported(journal, export, capsys, "--apply-changes")
    assert "ada: company Analytical Engines -> Difference Engines (not applied; line 2)" in out
    assert "contacts/ada.md: the changes could not be written without risk to the file" in out
    assert "changed 1 (not applied: edit those files by hand)" in out
    assert (journal / "contacts" / "ada.md").read_text(encoding="utf-8") == text
