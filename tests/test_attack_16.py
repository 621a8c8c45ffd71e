"""Attacks on issue 16's promises (a second pair of eyes): every value an import writes is one
`trellis check` accepts; markdown that Python-Markdown cannot render is a finding, not a
traceback, whatever kind of nesting it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from trellis import cli
from trellis.loading import load_journal
from trellis.pipeline import analyse

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.fixture
def journal(tmp_path) -> Path:
    root = tmp_path / "journal"
    (root / "contacts").mkdir(parents=True)
    return root


def _errors(journal: Path) -> list[str]:
    return [str(f) for f in analyse(journal).findings if f.severity == "error"]


def test_an_import_writes_no_date_that_check_refuses(journal, tmp_path, capsys):
    """A 'Connected On' of 0001-01-01 or 9999-12-31, or a vCard birthday of 9999-12-31, was
    written as it came, and the journal the import made then failed `trellis check` (FILE-10)."""
    csv = tmp_path / "Connections.csv"
    csv.write_text(LINKEDIN_HEADER + "Old,Date,,,,,0001-01-01\nFar,Date,,,,,9999-12-31\n"
                   "Good,Date,,,,,07 Feb 2026\n", encoding="utf-8")
    vcf = tmp_path / "contacts.vcf"
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Far Birthday\nBDAY:9999-12-31\nEND:VCARD\n"
                   "BEGIN:VCARD\nVERSION:3.0\nFN:Real Birthday\nBDAY:1990-05-17\nEND:VCARD\n", encoding="utf-8")
    assert cli.main(["import", "linkedin", str(csv), "--path", str(journal)]) == 0
    assert cli.main(["import", "vcard", str(vcf), "--path", str(journal)]) == 0
    out = capsys.readouterr().out
    assert "'0001-01-01' is before 1900-01-01: Old Date imported without met" in out
    assert "'9999-12-31' is after 2199-12-31: Far Date imported without met" in out
    assert "birthday '9999-12-31' is after 2199-12-31: Far Birthday imported without it" in out
    assert _errors(journal) == []
    contacts = load_journal(journal).contacts
    assert contacts["old-date"].met is None and contacts["far-date"].met is None
    assert contacts["good-date"].met.isoformat() == "2026-02-07"
    assert contacts["real-birthday"].birthday.isoformat() == "1990-05-17"
