"""Say what happens: values and files that used to be taken silently are findings, and the
builds do what the manual says with them (`public: yes`, symlinked entries, pages at a
generated page's address)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import EPOCH, build, site_text
from journals import BARE, PUBLIC_CONTACT
from trellis.loading import load_journal

NAME, ID = "Zebulon Quartermaine", "zebulon-quartermaine"
BASE = {
    **BARE,
    **PUBLIC_CONTACT,
}


def _check(project):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run(
        [sys.executable, "-m", "trellis.cli", "check", str(project)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "word, read_as", [("yes", "true"), ("on", "true"), ("Y", "true"), ("off", "false"), ("no", "false"), ("n", "false")]
)
def test_a_yaml_1_1_boolean_is_a_finding_and_publishes_nobody(write_journal, word, read_as):
    project = write_journal(
        {
            **BASE,
            f"contacts/{ID}.md": f"---\nname: {NAME}\nrole: Engineering Manager\n"
            f"sector: fintech\npublic: {word}\n---\n",
        }
    )
    journal = load_journal(project / "journal")
    assert journal.contacts[ID].public is False  # fail closed, whatever the word
    run = _check(project)
    assert run.returncode == 1
    assert (
        f"journal/contacts/{ID}.md:5: error FILE-12: public is '{word}', which YAML 1.1 reads as {read_as}; "
        f"Trellis reads only true or false, so it counts as false: write public: {read_as} if you mean it" in run.stdout
    ), run.stdout
    if word != "yes":
        return
    public = build(project, "public")  # unclear consent stops the public build, naming the file and rule
    assert public.returncode == 1 and "FILE-12" in public.stderr and f"contacts/{ID}.md" in public.stderr
    assert "Traceback" not in public.stderr
    assert not (project / "site-public").exists() or NAME not in site_text(project / "site-public")
    owner = build(project, "owner")
    assert owner.returncode == 0 and "FILE-12" in owner.stderr


def test_an_entry_made_public_with_on_stays_private_and_the_build_says_so(write_journal):
    project = write_journal(
        {**BASE, "entries/2026/2026-11-21.md": "---\npublic: on\n---\nMARKERTEXT private thoughts\n"}
    )
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "FILE-12: public is 'on', which YAML 1.1 reads as true" in run.stderr
    assert "MARKERTEXT" not in site_text(project / "site-public")


def test_yes_and_on_stay_words_in_text_fields(write_journal):
    project = write_journal({**BASE, f"contacts/{ID}.md": f"---\nname: {NAME}\nrole: Yes\npublic: true\n---\n"})
    assert load_journal(project / "journal").contacts[ID].role == "Yes"  # not "True"


ENTRY = (
    "---\npublic: true\ninteractions:\n  - with: pat-public\n    channel: call\n    direction: mutual\n---\nA day.\n"
)


def _nav_links(html: str, address: str) -> int:
    return len(re.findall(rf'href="{re.escape(address)}"\s+class="md-nav__link', html))


@pytest.mark.parametrize(
    "name, address",
    [
        ("progress.md", "progress/"),
        ("progress/index.md", "progress/"),
        ("progress/README.md", "progress/"),
        ("network/README.md", "network/"),
        ("journal.md", "journal/"),
        ("journal/2026-11/index.md", "journal/2026-11/"),
    ],
)
def test_a_page_of_yours_at_a_generated_address_wins_and_is_listed_once(write_journal, name, address):
    project = write_journal({**BASE, "entries/2026/2026-11-21.md": ENTRY, name: "# Mine\n\nOWNPAGEMARKER\n"})
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-2000:]
    assert (
        f"journal/{name} is your own page at {address}" in run.stderr and "Trellis leaves yours as it is" in run.stderr
    )
    site = project / "site-public"
    assert "OWNPAGEMARKER" in (site / address / "index.html").read_text()
    assert _nav_links((site / "index.html").read_text(), address) <= 1
    assert "Mine" in (site / "index.html").read_text() or address.count("/") > 1


@pytest.mark.parametrize("place", ["inside", "outside"])
def test_entries_in_a_symlinked_folder_are_read_and_counted(write_journal, tmp_path, place):
    project = write_journal({**BASE, "entries/2026/2026-11-21.md": ENTRY})
    target = (project / "kept" if place == "inside" else tmp_path.parent / f"{tmp_path.name}-away") / "2025"
    target.mkdir(parents=True)
    (target / "2025-06-01.md").write_text(ENTRY)
    (project / "journal" / "entries" / "2025").symlink_to(target, target_is_directory=True)
    run = _check(project)
    assert "in 4 records" in run.stdout, run.stdout  # plan-less: a goal, a contact, two entries
    assert ("FILE-9" in run.stdout) == (place == "outside")  # a link out of the project is named
    assert any(e.id == "2025-06-01" for e in load_journal(project / "journal").entries)
