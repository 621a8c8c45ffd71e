"""A LinkedIn export whose lines are in different encodings is read line by line (issue 30).

Excel re-saves Connections.csv in the computer's code page (Windows-1252 in western Europe);
a row pasted in later from a browser is UTF-8. Each line is read in its own encoding, the
lines read in the fallback are said, and ids come from the names as decoded.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from trellis import cli
from trellis.loading import load_journal

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
ROWS = [  # (first, last, company, position): accents on every row
    ("Søren", "Kierkegård", "Københavns Universitet", "Filosof"),
    ("Zoë", "Müller", "Société Générale", "Analyst"),
    ("José", "Núñez", "Café Olé", "CTO"),
    ("Ada", "Lovelace", "Analytical Engines", "Engineer"),
]
NAMES = {f"{first} {last}": (company, position) for first, last, company, position in ROWS}
IDS = {"soren-kierkegard", "zoe-muller", "jose-nunez", "ada-lovelace"}


def _line(first: str, last: str, company: str, position: str, n: int) -> str:
    return f"{first},{last},https://www.linkedin.com/in/p{n},,{company},{position},07 Feb 2026\r\n"


def _import(tmp_path: Path, data: bytes, capsys) -> tuple[dict, str]:
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True)
    export = tmp_path / "Connections.csv"
    export.write_bytes(data)
    assert cli.main(["import", "linkedin", str(export), "--path", str(journal)]) == 0
    out = capsys.readouterr().out
    contacts = load_journal(journal).contacts
    return contacts, out


def _fields_as_written(contacts: dict) -> dict:
    return {c.name: (c.company, c.role) for c in contacts.values()}


@pytest.mark.parametrize(
    "utf8_rows, said",
    [  # line 2 is row 0; Ada's row (line 5) is ASCII
        pytest.param({1}, "lines 2, 4 read as Windows-1252", id="one UTF-8 line in Windows-1252"),
        pytest.param({0, 1}, "line 4 read as Windows-1252", id="one Windows-1252 line in UTF-8"),
    ],
)
def test_a_file_mixing_encodings_reads_each_line_in_its_own(tmp_path, capsys, utf8_rows, said):
    """Excel's Windows-1252 re-save with a row pasted in from a browser (UTF-8), and the other
    way round: every row as written, whichever encoding has more lines."""
    data = HEADER.encode("ascii")
    for n, row in enumerate(ROWS):
        data += _line(*row, n).encode("utf-8" if n in utf8_rows else "cp1252")
    contacts, out = _import(tmp_path, data, capsys)
    assert "\ufffd" not in "".join(c.name + c.company + c.role for c in contacts.values())
    assert _fields_as_written(contacts) == NAMES
    assert set(contacts) == IDS  # `soren-kierkegard`, not `s-ren-kierkeg-rd`
    files = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "journal" / "contacts").glob("*.md"))
    assert "Søren Kierkegård" in files and "\ufffd" not in files
    findings = [line for line in out.splitlines() if "Windows-1252" in line]
    assert len(findings) == 1, out  # one finding, at the first such line, naming them all
    assert f"Connections.csv:{said.split()[1].rstrip(',')}: {said}, the rest of the file as UTF-8" in findings[0]
    assert "added 4" in out


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("utf-8"), id="utf-8"),
        pytest.param(lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), id="utf-8 with a BOM"),
        pytest.param(lambda text: text.encode("cp1252"), id="windows-1252"),
    ],
)
def test_a_file_in_one_encoding_reads_as_before_and_says_nothing_about_it(tmp_path, capsys, encode):
    text = HEADER + "".join(_line(*row, n) for n, row in enumerate(ROWS))
    contacts, out = _import(tmp_path, encode(text), capsys)
    assert _fields_as_written(contacts) == NAMES
    assert set(contacts) == IDS
    assert "Windows-1252" not in out and "\ufffd" not in out
    assert "read 4: added 4, merged 0, unchanged 0, skipped 0" in out
