"""`trellis new contact` beside a contact of the same name (issue 27): it refused nothing and
silently wrote jonas-becker-2.md; now it names the existing file and exits 1, unless
`--namesake` says this is another person of that name."""

from __future__ import annotations

from conftest import trellis

JONAS = "---\nname: Jonas Becker\nemail: jonas@example.com\n---\n"


def test_a_second_contact_of_the_same_name_is_refused_and_the_file_named(write_journal):
    project = write_journal({"contacts/jonas-becker.md": JONAS})
    run = trellis("new", "contact", "  jonas   BÉCKER ", cwd=project, timeout=120)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr == (
        "trellis new contact: jonas BÉCKER is already in journal/contacts/jonas-becker.md: edit that file, "
        "or add --namesake if this is another person of the same name\n"
    )
    assert sorted(p.name for p in (project / "journal" / "contacts").iterdir()) == ["jonas-becker.md"]


def test_every_file_of_that_name_is_named(write_journal):
    project = write_journal(
        {"contacts/jonas-becker.md": JONAS, "contacts/berlin/jb.md": "---\nname: Jonas Becker\n---\n"}
    )
    run = trellis("new", "contact", "Jonas Becker", cwd=project, timeout=120)
    assert run.returncode == 1
    assert "is already in journal/contacts/berlin/jb.md and journal/contacts/jonas-becker.md: " in run.stderr


def test_namesake_writes_the_second_person(write_journal):
    project = write_journal({"contacts/jonas-becker.md": JONAS})
    run = trellis("new", "contact", "Jonas Becker", "--namesake", "--company", "Acme", cwd=project, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "journal/contacts/jonas-becker-2.md"
    assert "company: Acme" in (project / "journal" / "contacts" / "jonas-becker-2.md").read_text()
    check = trellis("check", cwd=project, timeout=120)
    assert "CONTACT-9" not in check.stdout  # another person: nothing else shared


def test_another_name_is_written_as_before(write_journal):
    project = write_journal({"contacts/jonas-becker.md": JONAS})
    run = trellis("new", "contact", "Jonas Beck", cwd=project, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "journal/contacts/jonas-beck.md"
