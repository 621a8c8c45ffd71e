"""trellis new, import and export: real formats, merging, idempotence, nothing lost."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from trellis import cli, writing
from trellis.importing import import_people, read_linkedin, read_vcard
from trellis.loading import load_journal

FIXTURES = Path(__file__).parent / "fixtures"

# a contact the user wrote by hand: a comment, an empty company, links as a block
ADA = """---
name: Ada Lovelace   # met her at JSConf
company: ""
role: EM (my mentor)
links:
  website: https://ada.example.org
tags: [mentor]
public: false
---
Likes long walks. Do not lose this note.
"""


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def journal(tmp_path) -> Path:
    root = tmp_path / "journal"
    (root / "contacts").mkdir(parents=True)
    (root / "contacts" / "ada-lovelace.md").write_text(ADA, encoding="utf-8")
    return root


def run(*argv: str) -> int:
    return cli.main(list(argv))


def test_linkedin_2026_export_with_its_preamble(journal, capsys):
    assert run("import", "linkedin", str(FIXTURES / "linkedin-connections-2026.csv"), "--path", str(journal)) == 0
    out = capsys.readouterr().out
    contacts = load_journal(journal).contacts
    assert set(contacts) == {"ada-lovelace", "john-doe-phd", "grace-hopper", "zoe-odegard", "linus-torvalds"}
    john = contacts["john-doe-phd"]
    assert (john.name, john.company, john.role, john.email, john.met.isoformat()) == \
        ("John Doe, PhD", "Acme, Inc.", "Data Scientist", "john@example.com", "2026-01-02")
    grace = contacts["grace-hopper"]  # stray spaces trimmed, empty company and position left out
    assert (grace.name, grace.company, grace.role, grace.links) == \
        ("Grace Hopper", "", "", {"linkedin": "https://www.linkedin.com/in/gracehopper/"})
    assert contacts["zoe-odegard"].name == "Zoë Ødegård"  # stored as written, the id transliterated
    assert contacts["linus-torvalds"].met is None
    assert "linkedin-connections-2026.csv:9: no first or last name: skipped" in out
    assert "linkedin-connections-2026.csv:10: 'sometime in 2025' is not a date" in out
    assert "added 4, merged 1, unchanged 1, skipped 1" in out  # the repeated Ada row changes nothing more


def test_merge_fills_only_empty_fields_and_keeps_every_line_the_user_wrote(journal):
    people, _ = read_linkedin(FIXTURES / "linkedin-connections-2026.csv")
    report = import_people(journal, people)
    assert report.merged == [("ada-lovelace", ["company", "met", "how_met", "links.linkedin"])]
    text = (journal / "contacts" / "ada-lovelace.md").read_text()
    assert text == """---
name: Ada Lovelace   # met her at JSConf
company: Analytical Engines
role: EM (my mentor)
links:
  website: https://ada.example.org
  linkedin: https://www.linkedin.com/in/ada-lovelace
tags: [mentor]
public: false
met: 2026-02-07
how_met: LinkedIn
---
Likes long walks. Do not lose this note.
"""


def test_a_second_import_changes_nothing_byte_for_byte(journal, capsys):
    for name, kind in (("linkedin-connections-2026.csv", "linkedin"), ("linkedin-connections-2018.csv", "linkedin"),
                       ("phone-3.0.vcf", "vcard"), ("crm-4.0.vcf", "vcard")):
        run("import", kind, str(FIXTURES / name), "--path", str(journal))
    before = snapshot(journal)
    capsys.readouterr()
    for name, kind in (("linkedin-connections-2026.csv", "linkedin"), ("phone-3.0.vcf", "vcard")):
        run("import", kind, str(FIXTURES / name), "--path", str(journal))
        assert "added 0, merged 0" in capsys.readouterr().out
    assert snapshot(journal) == before


def test_dry_run_writes_nothing_and_says_what_it_would_do(journal, capsys):
    before = snapshot(journal)
    run("import", "linkedin", str(FIXTURES / "linkedin-connections-2026.csv"), "--path", str(journal), "--dry-run")
    out = capsys.readouterr().out
    assert snapshot(journal) == before
    assert "would add contacts/john-doe-phd.md (John Doe, PhD, line 6)" in out
    assert "would fill company, met, how_met, links.linkedin in contacts/ada-lovelace.md" in out


def test_older_linkedin_export_without_preamble_or_url(journal):
    people, problems = read_linkedin(FIXTURES / "linkedin-connections-2018.csv")
    assert problems == []
    assert [(p.name, p.met.isoformat(), p.email, p.links) for p in people] == [
        ("Barbara Liskov", "2018-01-08", "barbara@example.org", {}), ("Ken Thompson", "2017-12-24", "", {})]


def test_vcards_3_and_4(journal):
    people, problems = read_vcard(FIXTURES / "phone-3.0.vcf")
    margaret, dennis = people
    assert (margaret.name, margaret.company, margaret.role, margaret.email, margaret.phone) == \
        ("Margaret Hamilton", "Hamilton Technologies", "Director of Software Engineering",
         "margaret@example.com", "+1 617 555 0100")
    assert margaret.links == {"linkedin": "https://www.linkedin.com/in/margaret-hamilton"}
    assert margaret.birthday.isoformat() == "1936-08-17"
    assert margaret.notes == "Met at the Apollo reunion. Wants to hear about the accessibility audit next spring."
    assert dennis.links == {"website": "https://dmr.example.org"}
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [(22, "unreadable card")]
    people, problems = read_vcard(FIXTURES / "crm-4.0.vcf")
    radia, frances = people
    assert (radia.phone, radia.birthday.isoformat()) == ("+1-555-555-0199", "1951-01-01")
    assert frances.birthday is None  # --0804 has no year
    assert [str(p) for p in problems] == ["line 16: a card with no name (FN or N): skipped"]
    import_people(journal, people)
    assert load_journal(journal).contacts["radia-perlman"].birthday.isoformat() == "1951-01-01"


def test_a_crash_mid_import_leaves_no_half_written_file(journal, monkeypatch):
    people, _ = read_linkedin(FIXTURES / "linkedin-connections-2026.csv")
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        import_people(journal, people)
    monkeypatch.undo()
    files = sorted(p.name for p in (journal / "contacts").iterdir())
    assert not [f for f in files if f.startswith(".")]  # no temporary file left behind
    journal_after = load_journal(journal)
    assert journal_after.findings == []  # every file there is whole
    assert (journal / "contacts" / "ada-lovelace.md").read_text().endswith("Do not lose this note.\n")


def test_new_never_overwrites(journal, capsys, pinned_today):
    assert run("new", "entry", "--path", str(journal)) == 0
    path = journal / "entries" / "2026" / "2026-11-23.md"
    path.write_text(path.read_text() + "My own words.\n")
    before = path.read_bytes()
    assert run("new", "entry", "--path", str(journal)) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert run("new", "contact", "Ada Lovelace", "--path", str(journal)) == 0
    assert run("new", "contact", "Łukasz Żółć", "--company", "Acme, Inc.", "--path", str(journal)) == 0
    assert run("new", "contact", "王小明", "--path", str(journal)) == 0
    out = capsys.readouterr().out.split()
    assert [Path(p).name for p in out] == ["ada-lovelace-2.md", "lukasz-zolc.md", "wangxiaoming.md"]
    assert (journal / "contacts" / "ada-lovelace.md").read_text() == ADA
    contacts = load_journal(journal).contacts
    assert (contacts["lukasz-zolc"].name, contacts["lukasz-zolc"].company) == ("Łukasz Żółć", "Acme, Inc.")
    assert run("new", "goal", "Meet three recruiters in fintech", "--path", str(journal)) == 0
    with pytest.raises(writing.FileExists):
        writing.create(journal / "goals" / "meet-three-recruiters-in-fintech.md", "x")


def test_contacts_kept_in_subfolders_are_found_by_new_and_import(journal, capsys, pinned_today):
    """Ids are file names anywhere under contacts/: a new contact never takes one of them,
    and an import merges into the file where it is."""
    team = journal / "contacts" / "team"
    team.mkdir()
    (journal / "contacts" / "ada-lovelace.md").rename(team / "ada-lovelace.md")
    assert run("new", "contact", "Ada Lovelace", "--path", str(journal)) == 0
    assert capsys.readouterr().out.strip().endswith("contacts/ada-lovelace-2.md")
    (journal / "contacts" / "ada-lovelace-2.md").unlink()
    assert run("import", "linkedin", str(FIXTURES / "linkedin-connections-2026.csv"), "--path", str(journal)) == 0
    assert "filled company, met, how_met, links.linkedin in contacts/ada-lovelace.md" in capsys.readouterr().out
    assert "company: Analytical Engines" in (team / "ada-lovelace.md").read_text()
    assert not (journal / "contacts" / "ada-lovelace.md").exists()
    assert [f.rule for f in load_journal(journal).findings] == []


def test_a_goal_title_without_letters_gets_a_goal_name(journal, capsys, pinned_today):
    assert run("new", "goal", "!!!", "--path", str(journal)) == 0
    assert capsys.readouterr().out.strip().endswith("goals/new-goal.md")


def test_new_files_read_cleanly_and_the_goal_names_what_is_missing(journal, pinned_today):
    run("new", "entry", "--date", "2026-11-20", "--path", str(journal))
    run("new", "contact", "Grace Hopper", "--role", "Developer", "--linkedin", "https://linkedin.com/in/gh",
        "--path", str(journal))
    run("new", "goal", "Meet three recruiters in fintech", "--path", str(journal))
    from trellis.pipeline import analyse

    findings = analyse(journal).findings
    goal_rules = sorted(f.rule for f in findings if "goals/" in f.shown)
    assert goal_rules == ["SMART-A1", "SMART-R1"]  # the blanks a user must fill; nothing else
    assert [f for f in findings if "goals/" not in f.shown] == []
    text = (journal / "goals" / "meet-three-recruiters-in-fintech.md").read_text()
    for letter in ("# S, Specific", "# M, Measurable", "# A, Actionable", "# R, Relevant", "# T, Timely"):
        assert letter in text


def test_export_then_reimport_gives_the_same_journal(tmp_path, capsys):
    source = tmp_path / "p"
    shutil.copytree(ROOT / "journal", source / "journal")
    out_file = tmp_path / "contacts.vcf"
    assert run("export", "vcard", "-o", str(out_file), "--path", str(source / "journal")) == 0
    before = snapshot(source / "journal")
    run("import", "vcard", str(out_file), "--path", str(source / "journal"))
    assert "nothing to change" in capsys.readouterr().out
    assert snapshot(source / "journal") == before  # re-importing into the same journal changes nothing

    fresh = tmp_path / "fresh" / "journal"
    (fresh / "contacts").mkdir(parents=True)
    run("import", "vcard", str(out_file), "--path", str(fresh))
    carried = ("name", "company", "role", "email", "phone", "links", "birthday")
    original = {c.name: c for c in load_journal(source / "journal").contacts.values()}
    copied = {c.name: c for c in load_journal(fresh).contacts.values()}
    assert copied.keys() == original.keys()
    for name, contact in original.items():
        assert [getattr(copied[name], f) for f in carried] == [getattr(contact, f) for f in carried], name
        assert copied[name].notes == contact.notes

    capsys.readouterr()
    assert run("export", "json", "--path", str(source / "journal")) == 0
    document = json.loads(capsys.readouterr().out)
    journal = load_journal(source / "journal")
    assert len(document["contacts"]) == len(journal.contacts) and len(document["entries"]) == len(journal.entries)
    amara = next(c for c in document["contacts"] if c["id"] == "amara-diallo")
    assert amara["email"] == "amara.diallo@example.com" and amara["file"] == "contacts/amara-diallo.md"
    assert run("export", "json", "-o", str(out_file), "--path", str(source / "journal")) == 1  # never overwrites
