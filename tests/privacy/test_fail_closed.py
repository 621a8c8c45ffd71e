"""Fail closed: a person Trellis could not read stays private, and the public site carries
only what was read or allowed on purpose. Each case is a small journal plus one mistake,
built in the public view, every output file scanned."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import EPOCH, build
from journals import BARE, PUBLIC_CONTACT
from trellis.loading import load_journal
from trellis.privacy.audience import Audience
from trellis.privacy.guard import leaks
from trellis.privacy.view import View

NAME, EMAIL, ID = "Zebulon Quartermaine", "zq-secret@example.com", "zebulon-quartermaine"
CONTACT = f"""---
name: {NAME}
role: Engineering Manager
sector: fintech
email: {EMAIL}
---
Notes about him.
"""
BASE = {
    **BARE,
    **PUBLIC_CONTACT,
    # a public entry that names the private person, as a careless user writes it
    "entries/2026/2026-11-21.md": f"---\npublic: true\n---\nLunch with {NAME} ({EMAIL}) went well.\n",
}


def _scan(site) -> list[str]:
    """Output files (and file names) that hold the private name, id or e-mail."""
    hits = []
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if any(m in rel.lower() for m in (ID, "zebulon", "quartermaine")):
            hits.append(rel)
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            for encoding in ("utf-8", "utf-16"):
                text = data.decode(encoding, errors="ignore").lower()
                if any(m.lower() in text for m in (NAME, EMAIL, ID, "quartermaine")):
                    hits.append(rel)
                    break
    return hits


# the public entry, naming the person but not their e-mail (which the guard alone would catch)
NAMED_ONLY = {"entries/2026/2026-11-21.md": f"---\npublic: true\n---\nLunch with {NAME} went well.\n"}
UNCLEAR = "problem(s) in contact files leave it unclear who may be named"

BROKEN = {
    "colon in a value": CONTACT.replace("role: Engineering Manager", "role: Manager: Engineering"),
    "tab in the indentation": CONTACT.replace("sector: fintech", "links:\n\tlinkedin: https://x.example"),
    "saved as Latin-1": CONTACT.replace("Notes about him.", "Café notes, façade."),
    "no closing ---": CONTACT.replace("---\nNotes", "Notes"),
}


@pytest.mark.parametrize("mistake", sorted(BROKEN))
def test_a_broken_contact_file_stops_the_public_build_and_stays_private(write_journal, mistake):
    text = BROKEN[mistake]
    project = write_journal({**BASE, **NAMED_ONLY})
    path = project / "journal" / "contacts" / f"{ID}.md"
    path.write_bytes(text.encode("latin-1" if mistake == "saved as Latin-1" else "utf-8"))

    run = build(project, "public")
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert f"journal/contacts/{ID}.md" in run.stderr and UNCLEAR in run.stderr
    assert not (project / "site-public" / "journal").exists() or _scan(project / "site-public") == []

    # where a build is allowed to go on, what was recovered is still protected
    view = View(load_journal(project / "journal"), Audience.PUBLIC)
    assert NAME not in view.redact(f"Lunch with {NAME}.") and "someone" in view.redact(f"Lunch with {NAME}.")
    assert leaks(view, [("about/index.html", f"<p>write to {EMAIL}</p>")])
    assert leaks(view, [("about/index.html", f"<p>{NAME}</p>")])
    assert build(project, "owner").returncode == 0  # the owner view keeps working


def test_a_second_file_with_the_same_id_stops_the_public_build(write_journal):
    project = write_journal(
        {
            **BASE,
            **NAMED_ONLY,
            f"contacts/{ID}.md": CONTACT.replace(NAME, "Pat Other").replace(EMAIL, "pat-other@example.com"),
            f"contacts/old/{ID}.md": CONTACT,
        }
    )
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr and UNCLEAR in run.stderr
    assert "FILE-6" in run.stderr and f"contacts/old/{ID}.md" in run.stderr
    view = View(load_journal(project / "journal"), Audience.PUBLIC)
    assert leaks(view, [("x.html", EMAIL)]) and NAME not in view.redact(NAME)


def test_a_consent_that_is_not_true_or_false_stops_the_public_build(write_journal):
    project = write_journal(
        {**BASE, **NAMED_ONLY, f"contacts/{ID}.md": CONTACT.replace("---\nNotes", "public: maybe\n---\nNotes")}
    )
    run = build(project, "public")
    assert run.returncode == 1 and UNCLEAR in run.stderr and "FILE-8" in run.stderr and "public" in run.stderr


@pytest.mark.parametrize("folder", ["contacts", "entries"])
def test_a_symlinked_folder_is_read_and_protected(write_journal, tmp_path, folder):
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    if folder == "contacts":
        (elsewhere / f"{ID}.md").write_text(CONTACT)
        files = {**BASE, "entries/2026/2026-11-21.md": f"---\npublic: true\n---\nLunch with {NAME} went well.\n"}
    else:  # the private person is a normal contact; a private entry sits in the linked folder
        (elsewhere / "2026-11-20.md").write_text(
            "---\ninteractions:\n  - with: pat-public\n    channel: call\n    direction: mutual\n---\n"
            "ENTRYTEXTMARKER a private reflection on the call\n"
        )
        files = {
            **BASE,
            f"contacts/{ID}.md": CONTACT,
            "entries/2026/2026-11-21.md": f"---\npublic: true\n---\nLunch with {NAME} went well.\n",
        }
    project = write_journal(files)
    (project / "journal" / folder / "linked").symlink_to(elsewhere, target_is_directory=True)

    journal = load_journal(project / "journal")
    if folder == "contacts":
        assert ID in journal.contacts
    else:
        assert any(e.id == "2026-11-20" for e in journal.entries)
    assert any(f.rule == "FILE-9" for f in journal.findings)  # the link points outside the project
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "FILE-9" in run.stderr
    site = project / "site-public"
    assert _scan(site) == []
    assert not any("ENTRYTEXTMARKER" in p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())
    assert "Lunch with someone" in (site / "journal" / "2026-11" / "index.html").read_text()


def _stray_files(journal):
    """Every kind of file a user leaves beside the journal, most holding a private e-mail."""
    line = f"{NAME},{EMAIL}\n"
    (journal / "Connections.zip").write_bytes(gzip.compress(line.encode()))
    (journal / "people.xlsx").write_bytes(b"PK\x03\x04" + line.encode())
    (journal / "file.csv~").write_text(line)
    (journal / "data.yaml").write_text(f"email: {EMAIL}\n")
    (journal / "NOTES.TXT").write_text(line)
    (journal / "utf16.txt").write_bytes(line.encode("utf-16"))
    (journal / "calendar.ics").write_text(f"BEGIN:VCALENDAR\nATTENDEE:mailto:{EMAIL}\nEND:VCALENDAR\n")
    (journal / "old.htm").write_text(f"<p>{EMAIL}</p>")
    (journal / "assets").mkdir()
    (journal / "assets" / "logo.svg").write_text(f"<svg><title>{EMAIL}</title></svg>")
    (journal / "assets" / "extra.js").write_text(f"const who = '{EMAIL}';")
    (journal / "sub" / "deeper").mkdir(parents=True)
    (journal / "sub" / "deeper" / "export.VCF").write_text(f"BEGIN:VCARD\nEMAIL:{EMAIL}\nEND:VCARD\n")
    (journal / "report.pdf").write_bytes(b"%PDF-1.4 " + EMAIL.encode())
    secret = journal.parent / "secret.env"
    secret.write_text(f"OWNER_MAIL={EMAIL}\n")
    (journal / "env").symlink_to(secret)
    outside = journal.parent / "outside"
    outside.mkdir()
    (outside / "list.txt").write_text(line)
    (journal / "linked").symlink_to(outside, target_is_directory=True)


def test_files_other_than_pages_and_images_stay_home(write_journal):
    project = write_journal(
        {**BASE, "entries/2026/2026-11-21.md": "---\npublic: true\n---\nA good day.\n", f"contacts/{ID}.md": CONTACT}
    )
    _stray_files(project / "journal")
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-2000:]
    site = project / "site-public"
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    for name in (
        "Connections.zip",
        "people.xlsx",
        "file.csv~",
        "data.yaml",
        "NOTES.TXT",
        "utf16.txt",
        "calendar.ics",
        "old.htm",
        "assets/logo.svg",
        "assets/extra.js",
        "sub/deeper/export.VCF",
        "report.pdf",
        "env",
        "linked/list.txt",
    ):
        assert name not in published
    assert _scan(site) == []
    assert "not published" in run.stderr and "publish_files" in run.stderr  # one line says so


def test_files_allowed_on_purpose_are_read_by_the_guard_in_any_encoding_and_case(write_journal):
    project = write_journal(
        {**BASE, "entries/2026/2026-11-21.md": "---\npublic: true\n---\nA good day.\n", f"contacts/{ID}.md": CONTACT}
    )
    journal = project / "journal"
    (journal / "utf16.txt").write_bytes(f"{NAME}\n".encode("utf-16"))
    (journal / "NOTES.TXT").write_text(f"{EMAIL}\n")
    (journal / "packed.dat").write_bytes(gzip.compress(EMAIL.encode()))
    (journal / "latin.htm").write_bytes(f"<p>Caf\xe9 with {NAME}</p>".encode("latin-1"))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - trellis", "  - trellis:\n      publish_files: ['*.txt', '*.TXT', '*.dat', '*.htm']"
        )
    )
    assert "publish_files" in config.read_text()
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    for name in ("utf16.txt", "NOTES.TXT", "packed.dat", "latin.htm"):
        assert f"site/{name}" in run.stderr, name


def test_an_image_named_after_a_private_person_is_caught_by_its_name(write_journal):
    project = write_journal(
        {**BASE, "entries/2026/2026-11-21.md": "---\npublic: true\n---\nA good day.\n", f"contacts/{ID}.md": CONTACT}
    )
    (project / "journal" / "images").mkdir()
    (project / "journal" / "images" / f"{ID}.jpg").write_bytes(b"\xff\xd8\xff\xe0 not much of a photo")
    (project / "journal" / "Zebulon_Quartermaine_CV").mkdir()
    (project / "journal" / "Zebulon_Quartermaine_CV" / "photo.png").write_bytes(b"\x89PNG")
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"site/images/{ID}.jpg" in run.stderr and "file's name" in run.stderr
    assert "site/Zebulon_Quartermaine_CV/" in run.stderr


@pytest.mark.parametrize("where", ["entry", "note"])
def test_a_two_megabyte_line_neither_crashes_nor_leaks(write_journal, where):
    huge = "data:image/png;base64," + "QUJD" * 500_000 + f" and then {NAME} said the private thing aloud"
    files = {
        **BASE,
        "entries/2026/2026-11-21.md": "---\npublic: true\n---\nA good day.\n",
        f"contacts/{ID}.md": CONTACT,
    }
    if where == "entry":
        files["entries/2026/2026-11-20.md"] = "---\npublic: false\n---\n" + huge + "\n"
    else:
        files[f"contacts/{ID}.md"] = CONTACT + huge + "\n"
    project = write_journal(files)
    run = build(project, "public")
    assert run.returncode in (0, 1), f"killed by signal {-run.returncode}"
    assert "Traceback" not in run.stderr
    assert run.returncode == 0, run.stderr[-2000:]
    assert _scan(project / "site-public") == []


def _with_options(project, options: str):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - trellis", "  - trellis:\n" + textwrap.indent(options, " " * 6)))


def test_turning_the_guard_off_says_so_and_gh_deploy_refuses_it(write_journal, tmp_path):
    project = write_journal(BASE | {f"contacts/{ID}.md": CONTACT})
    _with_options(project, "privacy_guard: false\n")
    run = build(project, "public")
    assert run.returncode == 0 and "WARNING" in run.stderr and "privacy_guard is false" in run.stderr
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    deploy = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "gh-deploy",
            "-f",
            str(project / "mkdocs.yml"),
            "-r",
            str(tmp_path / "nowhere.git"),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert deploy.returncode == 1 and "refuses to deploy" in deploy.stderr and "Traceback" not in deploy.stderr


def test_an_owner_build_into_the_site_folder_warns(write_journal):
    project = write_journal(BASE)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "TRELLIS_AUDIENCE": "owner"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0
    assert "WARNING" in run.stderr and "holds private data" in run.stderr and "do not upload" in run.stderr
