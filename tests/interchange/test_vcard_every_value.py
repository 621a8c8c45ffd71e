"""`trellis import vcard` keeps every value a card holds (issue 30): every URL, every NOTE,
ROLE beside TITLE, ORG's units and a second ORG, a birthday written as text. What has a
field goes into it; the rest into the notes, counted in the summary. Checked against an
independent reading of each real file with vobject, not against the importer's own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import vobject
from trellis import cli
from trellis.loading import load_journal
from trellis.model import MonthDay

REAL = Path(__file__).parents[1] / "fixtures" / "vcards-real"
# the real files vobject reads as they are (the others need the importer's mending first)
AS_THEY_ARE = [
    "John_Doe_EVOLUTION.vcf",
    "John_Doe_GMAIL.vcf",
    "John_Doe_MAC_ADDRESS_BOOK.vcf",
    "fullcontact.vcf",
    "gmail-single2.vcf",
    "rfc6350-example.vcf",
    "thunderbird-MoreFunctionsForAddressBook-extension.vcf",
]


def _import(journal: Path, path: Path, capsys) -> str:
    assert cli.main(["import", "vcard", str(path), "--path", str(journal)]) == 0
    return capsys.readouterr().out


def _flat(text: str) -> str:
    return " ".join(text.split())


def _values(card, name: str) -> list[str]:
    """Every value of a property as vobject reads it, each component of a structured one."""
    found = []
    for item in card.contents.get(name, []):
        value = item.value if isinstance(item.value, list) else [item.value]
        found += [str(v).replace("\\:", ":") for v in value if str(v).strip()]  # `http\://` is `http://`
    return found


def _birthday(text: str) -> dt.date | MonthDay | None:
    """A BDAY that is a date (`19800322`, `1980-03-22`, `--0203`), else None."""
    digits = re.sub(r"\D", "", text)
    try:
        if text.startswith("--") and len(digits) == 4:
            return MonthDay(int(digits[:2]), int(digits[2:]))
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])) if len(digits) == 8 else None
    except ValueError:
        return None


@pytest.mark.parametrize("name", AS_THEY_ARE)
def test_every_url_note_title_role_org_and_birthday_of_a_real_card_is_kept(tmp_path, capsys, name):
    [card] = list(vobject.readComponents((REAL / name).read_text(encoding="utf-8")))
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True)
    _import(journal, REAL / name, capsys)
    [written] = list((journal / "contacts").glob("*.md"))
    text = _flat(written.read_text(encoding="utf-8"))
    [contact] = load_journal(journal).contacts.values()
    for prop in ("url", "note", "title", "role", "org"):
        for value in _values(card, prop):
            assert _flat(value) in text, (prop, value)
    for value in _values(card, "bday"):
        day = _birthday(value)
        assert contact.birthday == day if day else _flat(value) in text, value


# the real files vobject cannot read as they are (2.1 quoted-printable, CR CR LF, PROFILE):
# their plain URL, TITLE, ROLE and ORG lines read here by hand instead
MENDED = [
    "outlook-2003.vcf",
    "outlook-2007.vcf",
    "John_Doe_MS_OUTLOOK.vcf",
    "John_Doe_LOTUS_NOTES.vcf",
    "John_Doe_IPHONE.vcf",
]
_PLAIN = re.compile(r"^(?:[\w-]+\.)?(URL|TITLE|ROLE|ORG)(?:;[^:]*)?:(.*)$", re.IGNORECASE)


@pytest.mark.parametrize("name", MENDED)
def test_every_url_title_role_and_org_unit_of_a_card_vobject_cannot_read_as_it_is_is_kept(tmp_path, capsys, name):
    raw = (REAL / name).read_bytes().decode("utf-8", errors="replace")
    values = []
    for line in re.split(r"\r*\n|\r", raw):
        found = _PLAIN.match(line)
        if found and "QUOTED-PRINTABLE" not in line.upper():
            value = found.group(2).replace("\\:", ":").replace("\\,", ",")
            values += (
                [part for part in re.split(r"(?<!\\);", value) if part.strip()] if found.group(1) == "ORG" else [value]
            )
    assert any(v == "Counting Money" or v == "TheProfession" for v in values) or "IPHONE" in name
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True)
    _import(journal, REAL / name, capsys)
    [written] = list((journal / "contacts").glob("*.md"))
    text = _flat(written.read_text(encoding="utf-8"))
    for value in values:
        assert _flat(value) in text, value


def _card(*lines: str) -> bytes:
    return ("\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n").encode()


HAND = _card(  # what no collected file has: a text birthday, ROLE and two NOTEs on one card
    "FN:Søren Kierkegård",
    "ORG:IBM;Accounting",
    "ORG:University of Copenhagen",
    "TITLE:Money Counter",
    "ROLE:Counting Money",
    "NOTE:Met at the philosophy meetup.",
    "NOTE:Prefers letters to e-mail.",
    "URL;TYPE=WORK:https://ibm.example.com/soren",
    "URL;TYPE=HOME:https://soren.example.org",
    "URL:https://blog.example.org",
    "URL:https://other.example.org",
    "URL:https://www.linkedin.com/in/soren",
    "BDAY;VALUE=text:circa 1800",
)


def test_a_card_with_several_values_keeps_each_in_a_field_or_the_notes_and_says_so(tmp_path, capsys):
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True)
    export = tmp_path / "soren.vcf"
    export.write_bytes(HAND)
    out = _import(journal, export, capsys)
    contact = load_journal(journal).contacts["soren-kierkegard"]
    assert (contact.company, contact.role, contact.birthday) == ("IBM", "Money Counter", None)
    assert contact.links == {
        "work": "https://ibm.example.com/soren",
        "home": "https://soren.example.org",
        "website": "https://blog.example.org",
        "website-2": "https://other.example.org",
        "linkedin": "https://www.linkedin.com/in/soren",
    }
    assert contact.notes.startswith("Met at the philosophy meetup.\n\nPrefers letters to e-mail.\n\n")
    for kept in (
        "- Role: Counting Money",
        "- Department: Accounting",
        "- Organisation: University of Copenhagen",
        "- Birthday: circa 1800",
    ):
        assert kept in contact.notes.splitlines(), kept
    assert "soren.vcf:1: birthday 'circa 1800' is not a date: kept in the notes" in out
    assert "read 1: added 1, merged 0, unchanged 0, skipped 0, 4 values kept in notes" in out

    before = {p.name: p.read_bytes() for p in (journal / "contacts").iterdir()}
    again = _import(journal, export, capsys)
    assert {p.name: p.read_bytes() for p in (journal / "contacts").iterdir()} == before  # notes not doubled
    assert "nothing to change" in again and "kept in notes" not in again


def test_a_url_the_contact_already_has_under_another_name_is_not_added_again(tmp_path, capsys):
    """A journal imported before URLs were typed has Gmail's work address as `website`."""
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True)
    (journal / "contacts" / "ada.md").write_text(
        "---\nname: Ada Lovelace\nemail: ada@example.com\nlinks:\n  website: https://ada.example.org\n---\n",
        encoding="utf-8",
    )
    export = tmp_path / "ada.vcf"
    export.write_bytes(_card("FN:Ada Lovelace", "EMAIL:ada@example.com", "URL;TYPE=WORK:https://ada.example.org"))
    out = _import(journal, export, capsys)
    assert "nothing to change" in out
    assert load_journal(journal).contacts["ada"].links == {"website": "https://ada.example.org"}


def test_every_link_and_the_kept_notes_survive_an_export_and_a_reimport(tmp_path, capsys):
    journal, fresh = tmp_path / "journal", tmp_path / "fresh"
    for folder in (journal, fresh):
        (folder / "contacts").mkdir(parents=True)
    export = tmp_path / "soren.vcf"
    export.write_bytes(HAND)
    _import(journal, export, capsys)
    out = tmp_path / "out.vcf"
    assert cli.main(["export", "vcard", "-o", str(out), "--path", str(journal)]) == 0
    again = _import(journal, out, capsys)
    assert "nothing to change" in again  # into the same journal
    _import(fresh, out, capsys)
    [original], [copy] = (load_journal(j).contacts.values() for j in (journal, fresh))
    assert (copy.links, copy.notes, copy.company, copy.role) == (
        original.links,
        original.notes,
        original.company,
        original.role,
    )


def test_notes_for_a_contact_with_notes_of_its_own_are_not_merged_in_but_said(tmp_path, capsys):
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True)
    mine = "---\nname: Søren Kierkegård\n---\nMy own words about him.\n"
    (journal / "contacts" / "soren-kierkegard.md").write_text(mine, encoding="utf-8")
    export = tmp_path / "soren.vcf"
    export.write_bytes(HAND)
    out = _import(journal, export, capsys)
    assert (
        (journal / "contacts" / "soren-kierkegard.md")
        .read_text(encoding="utf-8")
        .endswith("---\nMy own words about him.\n")
    )
    assert (
        "the notes of Søren Kierkegård (4 of its values with no field of their own among them) are not written" in out
    )
    assert "kept in notes" not in out


@pytest.mark.build
def test_what_the_notes_keep_never_reaches_the_public_site(write_journal, capsys):
    """Søren agreed to be named (`public: true`); Regine did not. Their kept values are notes, and
    notes are never published; Regine's links are hers and private too."""
    from conftest import build, site_text

    project = write_journal({"index.md": "# Home\n"})
    journal = project / "journal"
    export = project / "cards.vcf"
    regine = _card(
        "FN:Regine Olsen",
        "ORG:Copenhagen Letters;Archive",
        "TITLE:Archivist",
        "ROLE:Keeper of Letters",
        "URL;TYPE=HOME:https://regine.example.org",
        "URL:https://regine-second.example.org",
        "BDAY;VALUE=text:spring 1822",
    )
    export.write_bytes(HAND + regine)
    assert "kept in notes" in _import(journal, export, capsys)
    soren = journal / "contacts" / "soren-kierkegard.md"
    soren.write_text(soren.read_text(encoding="utf-8").replace("public: false", "public: true"), encoding="utf-8")
    run = build(project, "public")
    assert run.returncode == 0, run.stderr
    site = site_text(project / "site-public")
    assert "Søren Kierkegård" in site  # he agreed: the build did show him
    for private in (
        "Counting Money",
        "Department",
        "University of Copenhagen",
        "circa 1800",
        "Prefers letters",
        "Keeper of Letters",
        "spring 1822",
        "Regine",
        "regine.example.org",
        "regine-second.example.org",
        "Archive",
    ):
        assert private not in site, private
