"""What the loader and `check` must take: an import's values, markdown nested too deep, a folder
that is no journal (found in attack round 16).

Attacks on issue 16's promises (a second pair of eyes): every value an import writes is one
`trellis check` accepts; markdown that Python-Markdown cannot render is a finding, not a
traceback, whatever kind of nesting it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import site_text
from journals import BARE
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
    csv.write_text(
        LINKEDIN_HEADER + "Old,Date,,,,,0001-01-01\nFar,Date,,,,,9999-12-31\nGood,Date,,,,,07 Feb 2026\n",
        encoding="utf-8",
    )
    vcf = tmp_path / "contacts.vcf"
    vcf.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Far Birthday\nBDAY:9999-12-31\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Real Birthday\nBDAY:1990-05-17\nEND:VCARD\n",
        encoding="utf-8",
    )
    assert cli.main(["import", "linkedin", str(csv), "--path", str(journal)]) == 0
    assert cli.main(["import", "vcard", str(vcf), "--path", str(journal)]) == 0
    out = capsys.readouterr().out
    assert "'0001-01-01' is before 1900-01-01: Old Date imported without connected" in out
    assert "'9999-12-31' is after 2199-12-31: Far Date imported without connected" in out
    assert "birthday '9999-12-31' is after 2199-12-31: kept in the notes of Far Birthday" in out
    assert _errors(journal) == []
    contacts = load_journal(journal).contacts
    assert contacts["old-date"].connected is None and contacts["far-date"].connected is None
    assert contacts["good-date"].connected.isoformat() == "2026-02-07"
    assert contacts["real-birthday"].birthday.isoformat() == "1990-05-17"


DEEP_EMPHASIS = "".join(f"*word{i} " for i in range(1500)) + "DEEPMARKER" + " end*" * 1500
ASTERISKS = "*" * 2000 + "DEEPMARKER" + "*" * 2000
BASE = BARE


@pytest.mark.parametrize("deep", [DEEP_EMPHASIS, ASTERISKS], ids=["words", "asterisks"])
def test_emphasis_nested_too_deep_is_a_finding_not_a_recursion_error(write_journal, deep):
    """Emphasis inside emphasis 1,000 deep, in a page or an entry, ended `mkdocs build` in
    Python-Markdown's RecursionError; the depth measure counted lists, quotes and HTML only."""
    from conftest import build

    project = write_journal(
        {
            **BASE,
            "about.md": "# About\n\n" + deep + "\n",
            "entries/2026/2026-11-21.md": f"---\npublic: true\n---\nA day.\n\n{deep}\n",
        }
    )
    found = [str(f) for f in analyse(project / "journal", shown_base=project).findings]
    assert any(f.startswith("journal/about.md:3: error FILE-13") for f in found), found
    assert any(f.startswith("journal/entries/2026/2026-11-21.md:") and "FILE-13" in f for f in found), found
    run = build(project, "public")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    site = project / "site-public"
    assert "DEEPMARKER" not in site_text(site)
    assert not (site / "about" / "index.html").exists()


def test_ordinary_emphasis_and_autolinks_are_not_depth(write_journal):
    """A page of 150 autolinked addresses (`<https://...>`, `<name@example.org>`) was read
    as 150 HTML elements left open, so it was a FILE-13 finding and left out of the site;
    so is ordinary emphasis: bold labels, snake_case and `*args` are no nesting."""
    from conftest import build
    from trellis.loading.nesting import nesting

    links = "\n".join(f"- <https://example.org/page{i}> and <person{i}@example.org>" for i in range(150))
    prose = "\n".join(f"- **Item {i}:** a *note* on __init__ and snake_case_name, see *args" for i in range(150))
    assert nesting(links)[0] <= 1 and nesting(prose)[0] <= 5
    project = write_journal(
        {**BASE, "links.md": "# Links\n\n" + links + "\n", "prose.md": "# Prose\n\n" + prose + "\n"}
    )
    assert not [f for f in analyse(project / "journal").findings if f.rule == "FILE-13"]
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "page149" in (project / "site-owner" / "links" / "index.html").read_text()


def test_a_folder_that_holds_no_journal_is_said_and_left_alone(tmp_path, capsys):
    """`trellis check /tmp` read the whole folder as a journal ("0 records"), and its clean-up of
    killed commands' temporary files removed another program's `.x.md.123.abcdefgh.tmp` there;
    `trellis new entry` wrote into it. docs/guide/commands.md: exit 2 for "no journal at the path"."""
    folder = tmp_path / "downloads" / "some"
    folder.mkdir(parents=True)
    stranger = folder / ".notes.md.123.abcdefgh.tmp"  # a name like a killed Trellis command's, not ours
    stranger.write_text("someone else's file")
    assert cli.main(["check", str(folder)]) == 2
    assert cli.main(["new", "entry", "--path", str(folder)]) == 2
    assert "holds no journal" in capsys.readouterr().err
    assert stranger.exists() and sorted(p.name for p in folder.iterdir()) == [stranger.name]


def test_a_command_run_inside_the_journal_finds_it(tmp_path, capsys, monkeypatch):
    """Run in journal/entries/2026/, `check` said "no problems in 0 records", `new entry` wrote
    journal/entries/2026/entries/... and `new contact` journal/entries/2026/contacts/...: the
    command now finds the journal above the folder it runs in."""
    journal = tmp_path / "journal"
    for kind in ("goals", "contacts", "entries/2026"):
        (journal / kind).mkdir(parents=True)
    (journal / "contacts" / "ada-lovelace.md").write_text("---\nname: Ada Lovelace\n---\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: journal\nplugins: [search, trellis]\n")
    monkeypatch.chdir(journal / "entries" / "2026")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
    assert cli.main(["check"]) == 0
    assert "in 1 records" in capsys.readouterr().out
    assert cli.main(["new", "entry"]) == 0 and cli.main(["new", "contact", "Grace Hopper"]) == 0
    assert sorted(p.relative_to(journal).as_posix() for p in journal.rglob("*.md")) == [
        "contacts/ada-lovelace.md",
        "contacts/grace-hopper.md",
        "entries/2026/2026-11-23.md",
    ]
