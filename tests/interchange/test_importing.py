"""trellis new, import and export: real formats, merging, idempotence, nothing lost."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from trellis import cli, writing
from trellis.interchange.linkedin import read_linkedin
from trellis.interchange.merge import import_people
from trellis.interchange.vcard import read_vcard
from trellis.loading import load_journal
from trellis.model import MonthDay

FIXTURES = Path(__file__).parents[1] / "fixtures"

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
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


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
    assert (john.name, john.company, john.role, john.email, john.connected.isoformat()) == (
        "John Doe, PhD",
        "Acme, Inc.",
        "Data Scientist",
        "john@example.com",
        "2026-01-02",
    )
    grace = contacts["grace-hopper"]  # stray spaces trimmed, empty company and position left out
    assert (grace.name, grace.company, grace.role, grace.links) == (
        "Grace Hopper",
        "",
        "",
        {"linkedin": "https://www.linkedin.com/in/gracehopper/"},
    )
    assert contacts["zoe-odegard"].name == "Zoë Ødegård"  # stored as written, the id transliterated
    assert contacts["linus-torvalds"].connected is None
    assert "linkedin-connections-2026.csv:9: no first or last name: skipped" in out
    assert "linkedin-connections-2026.csv:10: 'sometime in 2025' is not a date" in out
    # Ada's empty fields are filled; her role differs from the one the user wrote (reported, kept);
    # the repeated Ada row changes nothing more
    assert "ada-lovelace: role EM (my mentor) -> Engineering Manager (not applied; line 5)" in out
    assert "added 4, merged 0, changed 1 (not applied: --apply-changes applies them), unchanged 1, skipped 1" in out


def test_merge_fills_only_empty_fields_and_keeps_every_line_the_user_wrote(journal):
    people, _ = read_linkedin(FIXTURES / "linkedin-connections-2026.csv")
    report = import_people(journal, people)
    [(cid, _, changes, applied, filled)] = report.changed  # her role differs: reported, not applied
    assert (cid, [str(c) for c in changes], applied) == (
        "ada-lovelace",
        ["role EM (my mentor) -> Engineering Manager"],
        False,
    )
    assert filled == ["company", "connected", "how_met", "links.linkedin"]
    text = (journal / "contacts" / "ada-lovelace.md").read_text()
    assert (
        text
        == """---
name: Ada Lovelace   # met her at JSConf
company: Analytical Engines
role: EM (my mentor)
links:
  website: https://ada.example.org
  linkedin: https://www.linkedin.com/in/ada-lovelace
tags: [mentor]
public: false
connected: 2026-02-07
how_met: LinkedIn
---
Likes long walks. Do not lose this note.
"""
    )


def test_a_second_import_changes_nothing_byte_for_byte(journal, capsys):
    for name, kind in (
        ("linkedin-connections-2026.csv", "linkedin"),
        ("linkedin-connections-2018.csv", "linkedin"),
        ("phone-3.0.vcf", "vcard"),
        ("crm-4.0.vcf", "vcard"),
    ):
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
    assert "would fill company, connected, how_met, links.linkedin in contacts/ada-lovelace.md" in out


def test_older_linkedin_export_without_preamble_or_url(journal):
    people, problems = read_linkedin(FIXTURES / "linkedin-connections-2018.csv")
    assert problems == []
    assert [(p.name, p.connected.isoformat(), p.email, p.links) for p in people] == [
        ("Barbara Liskov", "2018-01-08", "barbara@example.org", {}),
        ("Ken Thompson", "2017-12-24", "", {}),
    ]


def test_vcards_3_and_4(journal):
    people, problems = read_vcard(FIXTURES / "phone-3.0.vcf")
    margaret, dennis = people
    assert (margaret.name, margaret.company, margaret.role, margaret.email, margaret.phone) == (
        "Margaret Hamilton",
        "Hamilton Technologies",
        "Director of Software Engineering",
        "margaret@example.com",
        "+1 617 555 0100",
    )
    assert margaret.links == {"linkedin": "https://www.linkedin.com/in/margaret-hamilton"}
    assert margaret.birthday.isoformat() == "1936-08-17"
    assert margaret.notes == (  # ORG's unit has no field: kept in the notes (issue 30)
        "Met at the Apollo reunion. Wants to hear about the accessibility audit next spring.\n\n- Department: Apollo"
    )
    assert dennis.links == {"website": "https://dmr.example.org"}
    assert margaret.emails == ["margaret@example.com", "maggie@example.net"]  # the preferred one first
    assert [str(p) for p in problems] == ["line 24: unreadable card (FN is marked base64 but is not): skipped"]
    people, problems = read_vcard(FIXTURES / "crm-4.0.vcf")
    radia, frances, organisation = people
    assert (radia.phone, radia.birthday.isoformat()) == ("+1-555-555-0199", "1951-01-01")
    assert frances.birthday == MonthDay(8, 4)  # --0804: month and day kept, no year invented
    assert organisation.name == "No Name Inc"  # a card with only ORG is named by it
    assert problems == []
    import_people(journal, people)
    contacts = load_journal(journal).contacts
    assert contacts["radia-perlman"].birthday.isoformat() == "1951-01-01"
    assert contacts["frances-allen"].birthday == MonthDay(8, 4)
    assert "birthday: --08-04" in (journal / "contacts" / "frances-allen.md").read_text()


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
    assert run("new", "contact", "Ada Lovelace", "--namesake", "--path", str(journal)) == 0
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
    assert run("new", "contact", "Ada Lovelace", "--namesake", "--path", str(journal)) == 0
    assert capsys.readouterr().out.strip().endswith("contacts/ada-lovelace-2.md")
    (journal / "contacts" / "ada-lovelace-2.md").unlink()
    assert run("import", "linkedin", str(FIXTURES / "linkedin-connections-2026.csv"), "--path", str(journal)) == 0
    assert "filled company, connected, how_met, links.linkedin in contacts/ada-lovelace.md" in capsys.readouterr().out
    assert "company: Analytical Engines" in (team / "ada-lovelace.md").read_text()
    assert not (journal / "contacts" / "ada-lovelace.md").exists()
    assert [f.rule for f in load_journal(journal).findings] == []


def test_a_goal_title_without_letters_gets_a_goal_name(journal, capsys, pinned_today):
    assert run("new", "goal", "!!!", "--path", str(journal)) == 0
    assert capsys.readouterr().out.strip().endswith("goals/new-goal.md")


def test_new_files_read_cleanly_and_the_goal_names_what_is_missing(journal, pinned_today):
    run("new", "entry", "--date", "2026-11-20", "--path", str(journal))
    run(
        "new",
        "contact",
        "Grace Hopper",
        "--role",
        "Developer",
        "--linkedin",
        "https://linkedin.com/in/gh",
        "--path",
        str(journal),
    )
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


def test_several_emails_and_phones_and_a_birthday_without_year_are_read_and_guarded(write_journal):
    """The journal's list forms (`email: [...]`, `phone: [...]`) and `birthday: --MM-DD`: read
    without a finding, every address and number private, the second ones as much as the first."""
    from conftest import build

    contact = """
        ---
        name: Zebulon Quartermaine
        role: Engineering Manager
        email: [zq-work@example.com, zq-home@example.net]
        phone: ["+44 20 7946 0999", "+44 20 7946 0123"]
        birthday: --05-17
        ---
        """
    project = write_journal({"index.md": "# Home\n", "contacts/zebulon-quartermaine.md": contact})
    journal = load_journal(project / "journal")
    assert journal.findings == []
    zebulon = journal.contacts["zebulon-quartermaine"]
    assert zebulon.emails == ["zq-work@example.com", "zq-home@example.net"] and zebulon.email == "zq-work@example.com"
    assert zebulon.phones == ["+44 20 7946 0999", "+44 20 7946 0123"]
    assert zebulon.birthday == MonthDay(5, 17)
    assert build(project, "public").returncode == 0
    for leak in ("Write to zq-home@example.net", "Call +44 20 7946 0123"):
        (project / "journal" / "about.md").write_text(f"# About\n{leak}\n", encoding="utf-8")
        run = build(project, "public")
        assert run.returncode != 0 and "contacts/zebulon-quartermaine.md" in run.stderr, leak
        assert "Traceback" not in run.stderr
    (project / "journal" / "about.md").unlink()
    assert build(project, "owner").returncode == 0
    page = (project / "site-owner" / "contacts" / "zebulon-quartermaine" / "index.html").read_text()
    assert "zq-home@example.net" in page and "+44 20 7946 0123" in page and "--05-17" in page


def test_a_birthday_that_is_not_a_date_says_how_to_write_one_without_a_year(write_journal):
    project = write_journal({"contacts/ada.md": "---\nname: Ada\nbirthday: --13-40\n---\n"})
    [finding] = load_journal(project / "journal").findings
    assert finding.rule == "CONTACT-2" and "--MM-DD" in finding.fix


# ------------------------------------------------------------------ real clients' vCards

REAL = FIXTURES / "vcards-real"


def test_real_clients_vcards_import_whole():
    """Each client's quirk, on the file that client wrote (tests/fixtures/README.md)."""
    read = {f.name: read_vcard(f) for f in sorted(REAL.glob("*.vcf"))}
    assert {name: [str(p) for p in problems] for name, (_, problems) in read.items() if problems} == {}

    [iphone] = read["John_Doe_IPHONE.vcf"][0]  # CR CR LF, a 40 KB inline photo, grouped Apple labels
    assert (iphone.name, iphone.company, iphone.role) == ("Mr. John Richter James Doe Sr.", "IBM", "Money Counter")
    assert len(iphone.phones) == 7 and iphone.emails == ["john.doe@ibm.com"]
    assert iphone.links == {"website": "http://www.ibm.com"}

    [mac] = read["John_Doe_MAC_ADDRESS_BOOK.vcf"][0]
    assert mac.name == "Mr. John Richter,James Doe Sr."  # an escaped comma is text
    assert mac.links == {"website": "http://www.ibm.com"}  # http\:// unescaped

    [gmail] = read["John_Doe_GMAIL.vcf"][0]
    assert gmail.name == "Mr. John Richter, James Doe Sr."  # a bare comma does not cut the name
    assert gmail.links == {"work": "http://www.ibm.com"} and gmail.phones == ["905-555-1234", "905-666-1234"]

    [outlook] = read["outlook-2003.vcf"][0]  # quoted-printable with soft line breaks
    assert outlook.company == "Company, The"
    assert outlook.notes.startswith("This is the note field!!\nSecond line\n\nThird line is empty")

    [ms] = read["John_Doe_MS_OUTLOOK.vcf"][0]
    assert (ms.name, ms.emails, ms.birthday) == (
        "Mr. John Richter James Doe Sr.",
        ["john.doe@ibm.cm"],
        dt.date(1980, 3, 22),
    )

    [lotus] = read["John_Doe_LOTUS_NOTES.vcf"][0]  # PROFILE:VCard no longer refuses the card
    assert lotus.name == "Mr. Doe John I Johny" and lotus.emails == ["john.doe@ibm.com", "billy_bob@gmail.com"]

    android, _ = read["John_Doe_ANDROID.vcf"]  # 2.1: QP with CHARSET=UTF-8; cards with only an e-mail
    assert [p.name for p in android[:3]] == ["john.doe@company.com", "jane.doe@company.com", "Ñ Ñ Ñ Ñ Ñ"]
    assert android[3].phones == ["123456", "234567", "3456789", "45678901"]

    [simon] = read["rfc6350-example.vcf"][0]
    assert simon.birthday == MonthDay(2, 3) and simon.company == "Viagenie"


def test_vcard_quirks_real_files_do_not_show(tmp_path):
    """Written here because no collected file has them: SHIFT_JIS in 2.1 quoted-printable and
    raw, one bad byte in a UTF-8 file, commas in TITLE and ORG, Apple's yearless birthday, a
    LinkedIn address in X-SOCIALPROFILE, a card that truly cannot be read among good ones."""
    name_sjis = "山田太郎".encode("shift_jis")
    qp = "".join(f"={b:02X}" for b in name_sjis).encode()
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:" + qp + b"\r\n"
        b"ORG;CHARSET=SHIFT_JIS:" + "株式会社".encode("shift_jis") + b"\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Zo\xc3\xab M\xfcller\nTITLE:Director, Engineering\n"
        b"ORG:Acme, Inc.;R&D\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-11-05\n"
        b"X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/zoe\nEND:VCARD\n"
        b'BEGIN:VCARD\rVERSION:3.0\rFN:Broken\rTEL;TYPE="cell:+1 555\rEND:VCARD\r'
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Last One\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "mixed.vcf"
    path.write_bytes(data)
    people, problems = read_vcard(path)
    assert [p.name for p in people] == ["山田太郎", "Zo\u00eb M\ufffdller", "Last One"]
    assert people[0].company == "株式会社"
    zoe = people[1]  # the stray byte costs one character, not every accent of the file
    assert (zoe.role, zoe.company, zoe.birthday) == ("Director, Engineering", "Acme, Inc.", MonthDay(11, 5))
    assert zoe.links == {"linkedin": "https://www.linkedin.com/in/zoe"}
    assert [(p.line, p.skipped) for p in problems] == [(8, False), (17, True)]  # CRLF, LF and CR lines alike
    assert "read as \ufffd" in problems[0].message and "unreadable card" in problems[1].message


# ------------------------------------------------------------------ who is who, summaries

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _summary(out: str) -> dict[str, int]:
    line = next(l for l in out.splitlines() if l.startswith("trellis import"))
    counts = {k: int(v) for k, v in re.findall(r"(read|added|merged|changed|unchanged|skipped) (\d+)", line)}
    total = counts["added"] + counts["merged"] + counts.get("changed", 0) + counts["unchanged"] + counts["skipped"]
    assert total == counts["read"], line
    return counts


def test_same_name_different_people_are_kept_apart_and_a_reimport_changes_nothing(journal, tmp_path, capsys):
    rows = (
        "Ana,Silva,https://www.linkedin.com/in/ana-silva-1,,Stripe,Recruiter,07 Feb 2026\n"
        "Ana,Silva,https://www.linkedin.com/in/ana-silva-2,,GitLab,Developer,08 Feb 2026\n"
        "Ana,Silva,https://www.linkedin.com/in/ana-silva-1/,,Stripe,Recruiter,07 Feb 2026\n"  # a repeat
        "Ada,Lovelace,https://www.linkedin.com/in/someone-else,,Other Co,Chef,01 Jan 2026\n"
    )
    export = tmp_path / "Connections.csv"
    export.write_text(HEADER + rows, encoding="utf-8")
    assert run("import", "linkedin", str(export), "--path", str(journal)) == 0
    counts = _summary(capsys.readouterr().out)
    # Ada's role (EM (my mentor)) differs from the row's: filled in, the difference reported, not applied
    assert counts == {"read": 4, "added": 2, "merged": 0, "changed": 1, "unchanged": 1, "skipped": 0}
    contacts = load_journal(journal).contacts
    assert (contacts["ana-silva"].company, contacts["ana-silva-2"].company) == ("Stripe", "GitLab")
    # Ada's hand-written file has no LinkedIn address: nothing contradicts, so she is filled in
    assert contacts["ada-lovelace"].company == "Other Co"
    before = snapshot(journal)
    assert run("import", "linkedin", str(export), "--path", str(journal)) == 0
    counts = _summary(capsys.readouterr().out)  # the role still differs: reported again, nothing written
    assert counts == {"read": 4, "added": 0, "merged": 0, "changed": 1, "unchanged": 3, "skipped": 0}
    assert snapshot(journal) == before
    # a newer export: the same people and one more; only the new one is added
    export.write_text(
        HEADER + rows + "Ana,Silva,https://www.linkedin.com/in/ana-silva-3,,Acme,CTO,01 Mar 2026\n", encoding="utf-8"
    )
    assert run("import", "linkedin", str(export), "--path", str(journal)) == 0
    assert "added contacts/ana-silva-3.md (Ana Silva, line 6)" in capsys.readouterr().out
    assert {k: v for k, v in snapshot(journal).items() if k in before} == before


def test_a_different_email_is_a_different_person_and_without_url_names_match_once_per_row(journal, tmp_path, capsys):
    cards = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Elias Berg\nEMAIL:elias@one.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Elias Berg\nEMAIL:elias@two.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Elias Berg\nEMAIL:ELIAS@one.example\nTITLE:Chef\nEND:VCARD\n"
    )
    path = tmp_path / "contacts.vcf"
    path.write_text(cards.split("END:VCARD\n")[0] + "END:VCARD\n", encoding="utf-8")
    assert run("import", "vcard", str(path), "--path", str(journal)) == 0  # the first Elias, in a run of their own
    first, second, third = (c + "END:VCARD\n" for c in cards.split("END:VCARD\n")[:3])
    path.write_text(second + first + third, encoding="utf-8")  # the other Elias first: only the e-mail tells
    capsys.readouterr()
    assert run("import", "vcard", str(path), "--path", str(journal)) == 0
    assert _summary(capsys.readouterr().out) == {"read": 3, "added": 1, "merged": 1, "unchanged": 1, "skipped": 0}
    contacts = load_journal(journal).contacts
    assert (contacts["elias-berg"].email, contacts["elias-berg"].role) == ("elias@one.example", "Chef")
    assert contacts["elias-berg-2"].email == "elias@two.example"

    old = tmp_path / "old.csv"  # the 2018 form: no URL, no e-mail; two people of one name
    old.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'Li,Wei,,Acme,Developer,"1/8/18, 6:14 PM"\nLi,Wei,,Globex,Designer,"2/8/18, 6:14 PM"\n'
    )
    assert run("import", "linkedin", str(old), "--path", str(journal)) == 0
    contacts = load_journal(journal).contacts
    assert (contacts["li-wei"].company, contacts["li-wei-2"].company) == ("Acme", "Globex")
    capsys.readouterr()
    assert run("import", "linkedin", str(old), "--path", str(journal)) == 0  # each row finds its own Li Wei
    assert _summary(capsys.readouterr().out) == {"read": 2, "added": 0, "merged": 0, "unchanged": 2, "skipped": 0}


def test_a_row_that_could_be_either_of_two_people_is_skipped_and_said(journal, tmp_path, capsys):
    for cid, company in (("sam-lee", "Acme"), ("sam-lee-2", "Globex")):
        (journal / "contacts" / f"{cid}.md").write_text(f"---\nname: Sam Lee\ncompany: {company}\n---\n")
    export = tmp_path / "c.csv"
    export.write_text(HEADER + "Sam,Lee,,,Initech,Manager,07 Feb 2026\n")
    before = snapshot(journal)
    assert run("import", "linkedin", str(export), "--path", str(journal)) == 0
    out = capsys.readouterr().out
    assert "c.csv:2: Sam Lee could be any of contacts/sam-lee.md, contacts/sam-lee-2.md: skipped" in out
    assert _summary(out)["skipped"] == 1 and snapshot(journal) == before


# ------------------------------------------------------------------ CSV tolerance and survival


def test_excel_european_resave_semicolons_windows_1252_and_excel_dates(journal, tmp_path, capsys):
    text = (
        "First Name;Last Name;URL;Email Address;Company;Position;Connected On\r\n"
        "Zoë;Müller;https://www.linkedin.com/in/zm;;Société Générale;Analyst;16.09.2021\r\n"
        'José;Núñez;https://www.linkedin.com/in/jn;;"Acme; Inc.";CTO;5-Jan-26\r\n'
        "Åsa;Öberg;https://www.linkedin.com/in/ao;;Volvo;Engineer;23-Apr-23\r\n"
        "Ines;Ruiz;https://www.linkedin.com/in/ir;;Tele;PM;16/09/2021\r\n"
    )
    export = tmp_path / "Connections.csv"
    export.write_bytes(text.encode("cp1252"))
    assert run("import", "linkedin", str(export), "--path", str(journal)) == 0
    assert _summary(capsys.readouterr().out)["added"] == 4
    contacts = {c.name: c for c in load_journal(journal).contacts.values()}
    assert contacts["Zoë Müller"].company == "Société Générale"
    assert [contacts[n].connected for n in ("Zoë Müller", "José Núñez", "Åsa Öberg", "Ines Ruiz")] == [
        dt.date(2021, 9, 16),
        dt.date(2026, 1, 5),
        dt.date(2023, 4, 23),
        dt.date(2021, 9, 16),
    ]
    assert contacts["José Núñez"].company == "Acme; Inc."


def test_dates_linkedin_and_excel_write():
    from trellis.interchange.linkedin import parse_date

    assert parse_date("07 Feb 2026") == dt.date(2026, 2, 7)
    assert parse_date("1/8/18, 6:14 PM") == dt.date(2018, 1, 8)
    assert parse_date("5-Jan-26") == dt.date(2026, 1, 5)
    assert parse_date("16.09.2021") == dt.date(2021, 9, 16)
    assert parse_date("09/16/2021") == dt.date(2021, 9, 16)
    assert parse_date("16/09/2021", day_first=True) == dt.date(2021, 9, 16)
    assert parse_date("31.02.2021") is None and parse_date("soon") is None


def test_a_file_without_linkedins_columns_is_an_error_naming_what_it_has(journal, tmp_path, capsys):
    other = tmp_path / "contacts.csv"
    other.write_text("Name,E-mail,Phone\nAda,ada@example.com,123\n")
    before = snapshot(journal)
    assert run("import", "linkedin", str(other), "--path", str(journal)) == 1
    captured = capsys.readouterr()
    assert "the first row's columns: Name, E-mail, Phone" in captured.err and "nothing to change" not in captured.out
    assert snapshot(journal) == before
    (tmp_path / "empty.vcf").write_text("not a card\n")
    assert run("import", "vcard", str(tmp_path / "empty.vcf"), "--path", str(journal)) == 1
    assert "no BEGIN:VCARD" in capsys.readouterr().err


def test_a_huge_cell_and_an_unclosed_quote_are_findings_with_their_lines(journal, tmp_path, capsys):
    from trellis.interchange.linkedin import FIELD_LIMIT

    export = tmp_path / "Connections.csv"
    export.write_text(
        HEADER
        + "Long,Role,https://www.linkedin.com/in/lr,,Acme,"
        + "x" * 200_000
        + ",07 Feb 2026\n"  # over csv's 131,072
        + 'Too,Long,https://www.linkedin.com/in/tl,,Acme,"'
        + "y" * (FIELD_LIMIT + 1)
        + '",07 Feb 2026\n'
        + 'Open,Quote,https://www.linkedin.com/in/oq,,"Acme,Dev,07 Feb 2026\n'
        + "Next,Person,https://www.linkedin.com/in/np,,Globex,Dev,07 Feb 2026\n"
        + "Last,Person,https://www.linkedin.com/in/lp,,Initech,Dev,07 Feb 2026\n"
    )
    assert run("import", "linkedin", str(export), "--path", str(journal)) == 0
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert f"Connections.csv:3: a cell longer than {FIELD_LIMIT:,} characters: row skipped" in out
    assert "Connections.csv:4: a quote opened on this line is not closed" in out
    contacts = load_journal(journal).contacts
    assert len(contacts["long-role"].role) == 200_000
    assert {"next-person", "last-person"} <= contacts.keys() and "open-quote" not in contacts
    assert _summary(out) == {"read": 5, "added": 3, "merged": 0, "unchanged": 0, "skipped": 2}


def test_control_characters_from_the_file_are_printed_visibly(journal, tmp_path, capsys):
    export = tmp_path / "Connections.csv"
    export.write_text(
        HEADER + "Eve\x1b]0;owned\x07,Evil\u202e,https://www.linkedin.com/in/eve,,Acme,Dev,someday\x1b[2J\n"
    )
    assert run("import", "linkedin", str(export), "--path", str(journal)) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Eve\\x1b]0;owned\\x07 Evil\\u202e" in out and "someday\\x1b[2J" in out
    assert (
        load_journal(journal).contacts["eve-0-owned-evil"].name == "Eve\x1b]0;owned\x07 Evil\u202e"
    )  # stored as written
